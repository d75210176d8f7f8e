"""The command line on a database on a PostgreSQL server: backup and restore (pg_dump, pg_restore)."""

import psycopg
import pytest

from tests.test_cli import CODE, NAME, run

pytestmark = pytest.mark.server_only


def people_count(url):
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM person WHERE NOT deleted").fetchone()[0]


@pytest.fixture
def office(db_path, samples):
    """A server database (its URL) with a unit and the sample roster."""
    code, _out, err = run("init", "--db", db_path, "--code", CODE, "--name", NAME)
    assert code == 0, err
    code, _out, err = run("import", "--db", db_path, samples / "roster_clean.xlsx")
    assert code == 0, err
    return db_path


def no_traceback(err):
    return "Traceback" not in err and "psycopg" not in err


def test_backup_and_restore_on_a_server(office, tmp_path):
    count = people_count(office)
    assert count > 0
    backup = tmp_path / "office.dump"
    code, out, err = run("backup", "--db", office, "--out", backup)
    assert code == 0, err
    assert str(backup) in out and backup.is_file()
    with psycopg.connect(office) as conn:
        conn.execute("UPDATE person SET deleted = true")
    assert people_count(office) == 0

    code, out, err = run("restore", "--db", office, "--from", backup)
    assert code == 0, err
    assert people_count(office) == count
    assert office in out
    safety = [path for path in tmp_path.iterdir() if "before-restore" in path.name]
    assert len(safety) == 1 and str(safety[0]) in out  # where the database as it was is kept

    bogus = tmp_path / "bogus.dump"
    bogus.write_text("not a backup")
    code, _out, err = run("restore", "--db", office, "--from", bogus)
    assert code == 1 and "bogus.dump" in err and no_traceback(err)
    assert people_count(office) == count


def test_a_restore_is_refused_while_another_clerk_is_connected(office, tmp_path):
    backup = tmp_path / "office.dump"
    assert run("backup", "--db", office, "--out", backup)[0] == 0
    with psycopg.connect(office) as conn:
        conn.execute("UPDATE person SET deleted = true")
    with psycopg.connect(office) as _other_clerk:
        code, _out, err = run("restore", "--db", office, "--from", backup)
    assert code == 1 and "1" in err and no_traceback(err)
    assert people_count(office) == 0
    assert [path.name for path in tmp_path.iterdir()] == ["office.dump"]


def test_a_backup_of_another_unit_is_refused(office, tmp_path):
    from tests import engines

    other = engines.new_server_database()
    assert run("init", "--db", other, "--code", "430121100202", "--name", "桃花村")[0] == 0
    backup = tmp_path / "other.dump"
    assert run("backup", "--db", other, "--out", backup)[0] == 0
    count = people_count(office)
    code, _out, err = run("restore", "--db", office, "--from", backup)
    assert code == 1 and "桃花村" in err and NAME in err and no_traceback(err)
    assert people_count(office) == count


def test_an_unreachable_server_is_told_in_words(tmp_path):
    unreachable = "postgresql://clerk@127.0.0.1:1/fulian"
    code, _out, err = run("backup", "--db", unreachable, "--out", tmp_path / "office.dump")
    assert code == 1 and unreachable in err and no_traceback(err)
    assert list(tmp_path.iterdir()) == []


def test_a_password_in_the_address_is_refused(tmp_path):
    code, _out, err = run("backup", "--db", "postgresql://clerk:secret@127.0.0.1/fulian", "--out", tmp_path / "x.dump")
    assert code == 1 and "PGPASSWORD" in err and no_traceback(err)
    assert list(tmp_path.iterdir()) == []
