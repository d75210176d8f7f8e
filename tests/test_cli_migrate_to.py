"""`main.py migrate-to TARGET --db SOURCE` as a clerk runs it: real processes, real files, a real server."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests import engines

ROOT = Path(__file__).resolve().parent.parent
COUNTY_CODE, COUNTY_NAME = "430121000000", "长沙县"


def run(*args, lang="en"):
    argv = [sys.executable, str(ROOT / "main.py"), *map(str, args), "--lang", lang]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, cwd=ROOT)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli-move") / "county.sqlite3"
    code, _out, err = run("demo", "--db", path, "--code", COUNTY_CODE, "--name", COUNTY_NAME, "--units", "2")
    assert code == 0, err
    return path


def people(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM person").fetchone()[0]


def table_lines(out: str) -> dict[str, str]:
    """The verification table: table name → its verdict."""
    found = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[1].isdigit() and len(parts[2]) == 12:
            found[parts[0]] = " ".join(parts[3:])
    return found


def test_migrate_to_a_new_file_prints_progress_and_every_table_ok(county, tmp_path):
    target = tmp_path / "moved.sqlite3"
    code, out, err = run("migrate-to", target, "--db", county)
    assert code == 0, err
    assert "person: " in out and "rows copied" in out
    verdicts = table_lines(out)
    assert len(verdicts) > 40 and set(verdicts.values()) == {"ok"}
    assert people(target) == people(county) > 0
    code, out, _err = run("check", "--db", target)
    assert code == 0, out


def test_migrate_to_in_chinese(county, tmp_path):
    code, out, err = run("migrate-to", tmp_path / "moved.sqlite3", "--db", county, lang="zh_CN")
    assert code == 0, err
    assert "Traceback" not in err


def test_an_existing_target_file_is_refused_without_a_traceback(county, tmp_path):
    target = tmp_path / "kept.sqlite3"
    target.write_bytes(county.read_bytes())
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    code, _out, err = run("migrate-to", target, "--db", county)
    assert code == 1 and "Traceback" not in err
    assert str(target) in err and "nothing was changed" in err
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_a_password_in_the_url_and_a_server_not_reachable_are_said_in_words(county, tmp_path):
    code, _out, err = run("migrate-to", "postgresql://clerk:secret@127.0.0.1:5432/fulian", "--db", county)
    assert code == 1 and "Traceback" not in err and "PGPASSWORD" in err and "secret" not in err
    # Nothing listens on port 9: the server cannot be reached.
    code, _out, err = run("migrate-to", "postgresql://clerk@127.0.0.1:9/fulian", "--db", county)
    assert code == 1 and "Traceback" not in err and "127.0.0.1:9" in err
    code, _out, err = run("migrate-to", tmp_path / "x.sqlite3", "--db", "postgresql://clerk@127.0.0.1:9/fulian")
    assert code == 1 and "Traceback" not in err and "127.0.0.1:9" in err
    assert not (tmp_path / "x.sqlite3").exists()


@pytest.mark.server_only
def test_migrate_to_the_server_and_back(county, tmp_path):
    url = engines.new_server_database(migrated=False)
    code, out, err = run("migrate-to", url, "--db", county)
    assert code == 0, err
    assert set(table_lines(out).values()) == {"ok"}
    back = tmp_path / "back.sqlite3"
    code, out, err = run("migrate-to", back, "--db", url)  # --db keeps the URL whole
    assert code == 0, err
    assert set(table_lines(out).values()) == {"ok"}
    assert people(back) == people(county)
    # The server database now has tables: a second move into it is refused.
    code, _out, err = run("migrate-to", url, "--db", county)
    assert code == 1 and "already holds tables" in err and "Traceback" not in err
