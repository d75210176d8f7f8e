"""The command line's `imports` and `rollback`, and `import --allow-large-removal`."""

from __future__ import annotations

import re

import pytest

from tests import engine_reads, engines
from tests.test_cli import CODE, NAME, people_count, run

COUNTY = "430121000000"


@pytest.fixture
def village_db(tmp_path):
    db = tmp_path / "village.sqlite3"
    code, _out, err = run("init", "--db", db, "--code", CODE, "--name", NAME)
    assert code == 0, err
    return db


def test_a_large_removal_needs_its_option_and_an_import_can_be_rolled_back(tmp_path, village_db, samples):
    assert run("import", "--db", village_db, samples / "roster_clean.xlsx")[0] == 0
    assert run("export", "--db", village_db, "--out", tmp_path / "first.fulian")[0] == 0
    held = people_count(village_db)
    # Most of the roster deleted by mistake.
    engine_reads.execute(
        village_db, "UPDATE person SET deleted = TRUE WHERE uuid IN (SELECT uuid FROM person LIMIT ?)", (held - 1,)
    )
    assert run("export", "--db", village_db, "--out", tmp_path / "second.fulian")[0] == 0
    county = engines.new_location(tmp_path, "county.sqlite3")
    assert run("init", "--db", county, "--code", COUNTY, "--name", "长沙县")[0] == 0
    assert run("import", "--db", county, tmp_path / "first.fulian")[0] == 0

    code, out, err = run("import", "--db", county, "--dry-run", tmp_path / "second.fulian", lang="en")
    assert code == 0 and f"{held - 1} removed" in out and "--allow-large-removal" in err
    code, _out, err = run("import", "--db", county, tmp_path / "second.fulian", lang="en")
    assert code == 1 and "--allow-large-removal" in err and "30%" in err
    assert people_count(county) == held
    code, out, err = run("import", "--db", county, "--allow-large-removal", tmp_path / "second.fulian", lang="en")
    assert code == 0, err
    assert people_count(county) == 1

    code, out, err = run("imports", "--db", county, "--unit", "430121100201", lang="en")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 2 and "second.fulian" in lines[0] and "first.fulian" in lines[1]
    assert f"{held - 1} removed" in lines[0]
    second_id = re.match(r"(\S+)", lines[0]).group(1)

    code, out, err = run("rollback", "--db", county, "--import", second_id, lang="en")
    assert code == 0, err
    assert "Rolled back 1 import" in out and f"{held - 1} record(s) restored" in out
    assert people_count(county) == held
    assert "(rolled back)" in run("imports", "--db", county, lang="en")[1].splitlines()[0]

    code, _out, err = run("rollback", "--db", county, "--import", second_id, lang="en")
    assert code == 1 and "already rolled back" in err and "Traceback" not in err
    code, _out, err = run("rollback", "--db", county, "--import", "nonsense", lang="en")
    assert code == 1 and "nonsense" in err and "Traceback" not in err

    # The same package applies again after its rollback.
    code, out, err = run("import", "--db", county, "--allow-large-removal", tmp_path / "second.fulian", lang="en")
    assert code == 0 and "already imported" not in out, out + err
    assert people_count(county) == 1
