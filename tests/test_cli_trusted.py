"""The command line's `trusted` (list and --revoke), and the key and phones that `imports` shows."""

from __future__ import annotations

import re

import pytest

from tests import engines
from tests.test_cli import CODE, NAME, run

COUNTY = "430121000000"
FINGERPRINT = re.compile(r"[0-9A-F]{4}( [0-9A-F]{4}){4}")


@pytest.fixture
def county_with_a_package(tmp_path, samples):
    village = tmp_path / "village.sqlite3"
    code, out, err = run("init", "--db", village, "--code", CODE, "--name", NAME, lang="en")
    assert code == 0, err
    key = FINGERPRINT.search(out).group()
    assert run("import", "--db", village, samples / "roster_clean.xlsx")[0] == 0
    assert run("export", "--db", village, "--out", tmp_path / "first.fulian")[0] == 0
    assert run("export", "--db", village, "--full-phones", "--out", tmp_path / "second.fulian")[0] == 0
    county = engines.new_location(tmp_path, "county.sqlite3")
    assert run("init", "--db", county, "--code", COUNTY, "--name", "长沙县")[0] == 0
    return county, key


def test_trusted_lists_nothing_before_the_first_package(county_with_a_package):
    county, _key = county_with_a_package
    code, out, err = run("trusted", "--db", county, lang="en")
    assert code == 0, err
    assert "No installation is trusted here yet" in out


def test_trusted_lists_the_key_a_package_pinned_and_imports_shows_key_and_phones(county_with_a_package, tmp_path):
    county, key = county_with_a_package
    assert run("import", "--db", county, tmp_path / "first.fulian")[0] == 0
    assert run("import", "--db", county, tmp_path / "second.fulian")[0] == 0
    code, out, err = run("trusted", "--db", county, lang="en")
    assert code == 0, err
    [line] = out.strip().splitlines()
    assert CODE in line and NAME in line and key in line and "first.fulian" in line and "first package" in line

    code, out, err = run("imports", "--db", county, lang="en")
    assert code == 0, err
    second, first = out.strip().splitlines()
    assert f"key: {key} (trusted from this package on); phones: masked" in first
    assert f"key: {key}; phones: in full" in second
    # In Chinese too, without a traceback.
    code, out, err = run("imports", "--db", county)
    assert code == 0 and key in out and "Traceback" not in err


def test_a_revoked_installation_must_be_confirmed_again(county_with_a_package, tmp_path):
    county, key = county_with_a_package
    assert run("import", "--db", county, tmp_path / "first.fulian")[0] == 0
    typed = key.replace(" ", "").lower()
    code, out, err = run("trusted", "--db", county, "--revoke", typed, lang="en")
    assert code == 0, err
    assert "trusted no more" in out and f'--trust-new-installation "{key}"' in out
    assert "No installation is trusted here yet" in run("trusted", "--db", county, lang="en")[1]

    code, _out, err = run("import", "--db", county, tmp_path / "second.fulian", lang="en")
    assert code == 1 and key in err and "--trust-new-installation" in err
    code, _out, err = run("import", "--db", county, "--trust-new-installation", key, tmp_path / "second.fulian")
    assert code == 0, err
    code, out, _err = run("trusted", "--db", county, lang="en")
    assert key in out and "fingerprint confirmed" in out


def test_revoking_an_unknown_key_fails_cleanly(county_with_a_package, tmp_path):
    county, key = county_with_a_package
    assert run("import", "--db", county, tmp_path / "first.fulian")[0] == 0
    code, _out, err = run("trusted", "--db", county, "--revoke", "0000 0000 0000 0000 0000", lang="en")
    assert code == 1 and "nothing was changed" in err and "Traceback" not in err
    code, _out, err = run("trusted", "--db", county, "--revoke", key, "--unit", "430121100202", lang="en")
    assert code == 1 and "nothing was changed" in err and "Traceback" not in err
    assert key in run("trusted", "--db", county, lang="en")[1]


def test_rolling_back_the_first_import_says_the_key_is_trusted_no_more(county_with_a_package, tmp_path):
    county, key = county_with_a_package
    assert run("import", "--db", county, tmp_path / "first.fulian")[0] == 0
    import_id = run("imports", "--db", county)[1].split()[0]
    code, out, err = run("rollback", "--db", county, "--import", import_id, lang="en")
    assert code == 0, err
    assert key in out and "trusted no more" in out
    assert "No installation is trusted here yet" in run("trusted", "--db", county, lang="en")[1]
