"""Backing up and restoring a database on a PostgreSQL server (pg_dump, pg_restore), on a real server database."""

import os
import stat

import psycopg
import pytest

from models import db as dbmod
from models import meta, people, server_backup, units
from models.base import database as bound
from models.migrations import latest_version, steps
from models.server import ServerDatabase, connect_params
from tests import engines
from tests.conftest import VILLAGE_CODE, VILLAGE_NAME

pytestmark = pytest.mark.server_only


def names(url):
    with psycopg.connect(url) as conn:
        return sorted(row[0] for row in conn.execute("SELECT name FROM person WHERE NOT deleted"))


def add(name):
    people.save_person(people.PersonInput(name=name), VILLAGE_CODE)


def test_a_backup_then_a_change_then_a_restore_brings_the_data_back(database, db_path, tmp_path):
    add("王芳")
    backup = dbmod.backup_to(tmp_path / "office.dump")
    assert backup.is_file() and dbmod.last_backup_at() is not None
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # names and ID numbers: this user only
    assert [p.name for p in tmp_path.iterdir()] == ["office.dump"]  # no .partial left
    add("李娟")
    dbmod.close_database()

    safety = dbmod.restore_from(db_path, backup)
    assert names(db_path) == ["王芳"]
    assert safety is not None and safety.parent == tmp_path and safety.suffix == ".dump"
    dbmod.open_database(db_path)  # the program opens it as usual afterwards
    assert units.own_unit().code == VILLAGE_CODE
    dbmod.close_database()

    # The safety backup holds the database as it was before the restore.
    dbmod.restore_from(db_path, safety)
    assert names(db_path) == ["李娟", "王芳"]


def test_an_archive_cut_short_or_another_file_is_refused_and_nothing_changes(database, db_path, tmp_path):
    add("王芳")
    whole = dbmod.backup_to(tmp_path / "whole.dump").read_bytes()
    add("李娟")
    dbmod.close_database()
    cut = tmp_path / "cut.dump"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    text = tmp_path / "notes.dump"
    text.write_text("not a backup at all\n" * 20)
    empty = tmp_path / "empty.dump"
    empty.write_bytes(b"")
    for source in (cut, text, empty, tmp_path / "missing.dump"):
        with pytest.raises(dbmod.DatabaseError) as refused:
            dbmod.restore_from(db_path, source)
        assert source.name in str(refused.value)
        assert names(db_path) == ["李娟", "王芳"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cut.dump", "empty.dump", "notes.dump", "whole.dump"]


def test_a_backup_of_another_unit_is_refused(database, db_path, tmp_path):
    add("王芳")
    dbmod.close_database()
    other = engines.new_server_database()
    dbmod.open_database(other)
    units.set_own_unit("430121100202", "桃花村")
    add_other = people.PersonInput(name="赵敏")
    people.save_person(add_other, "430121100202")
    backup = dbmod.backup_to(tmp_path / "other.dump")
    dbmod.close_database()

    with pytest.raises(dbmod.DatabaseError) as refused:
        dbmod.restore_from(db_path, backup)
    assert "桃花村" in str(refused.value) and VILLAGE_NAME in str(refused.value)
    assert names(db_path) == ["王芳"]
    assert [p.name for p in tmp_path.iterdir()] == ["other.dump"]  # not even a safety backup was needed


def test_a_restore_is_refused_while_another_clerk_is_connected(database, db_path, tmp_path):
    add("王芳")
    backup = dbmod.backup_to(tmp_path / "office.dump")
    add("李娟")
    dbmod.close_database()
    with psycopg.connect(db_path) as other_clerk:
        with pytest.raises(dbmod.DatabaseError) as refused:
            dbmod.restore_from(db_path, backup)
        assert "1" in str(refused.value)
        other_clerk.execute("SELECT 1")  # still connected, nothing was done to it
    assert names(db_path) == ["李娟", "王芳"]
    dbmod.restore_from(db_path, backup)  # once the other clerk has closed the program
    assert names(db_path) == ["王芳"]


def backup_that_fails_to_restore(url, dest):
    """A whole, readable backup whose restore fails half-way: it grants a right to a role gone since."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS gone_clerk")
        conn.execute("CREATE ROLE gone_clerk")
        conn.execute("GRANT SELECT ON person TO gone_clerk")
        server_backup.backup(url, dest)
        conn.execute("REVOKE SELECT ON person FROM gone_clerk")
        conn.execute("DROP ROLE gone_clerk")
    return dest


def test_a_restore_that_fails_half_way_changes_nothing(database, db_path, tmp_path):
    add("王芳")
    dbmod.close_database()
    failing = backup_that_fails_to_restore(db_path, tmp_path / "failing.dump")
    dbmod.open_database(db_path)
    add("李娟")
    dbmod.close_database()
    with pytest.raises(dbmod.DatabaseError) as failed:
        dbmod.restore_from(db_path, failing)
    assert "gone_clerk" in str(failed.value)
    assert names(db_path) == ["李娟", "王芳"]


def test_missing_tools_say_what_to_do(tmp_path):
    with pytest.raises(dbmod.DatabaseError) as missing:
        server_backup.find_tools(path="", folders=[str(tmp_path / "none" / "*" / "bin")])
    message = str(missing.value)
    assert "pg_dump" in message and "pg_restore" in message
    assert server_backup.candidate_folders(path="", folders=[]) == []


def test_the_newest_installed_tools_are_found_first(tmp_path):
    for version in ("9.6", "16", "13"):
        folder = tmp_path / version / "bin"
        folder.mkdir(parents=True)
        for tool in ("pg_dump", "pg_restore"):
            program = folder / tool
            program.write_text("#!/bin/sh\n")
            program.chmod(0o755)
    tools = server_backup.find_tools(path="", folders=[str(tmp_path / "*" / "bin")])
    assert tools.dump == str(tmp_path / "16" / "bin" / "pg_dump")
    assert tools.restore == str(tmp_path / "16" / "bin" / "pg_restore")


def test_a_backup_that_fails_leaves_no_file_and_says_why(database, db_path, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(dbmod.DatabaseError) as refused:  # its folder cannot be made: a file is in the way
        dbmod.backup_to(blocker / "office.dump")
    assert "office.dump" in str(refused.value)
    unreachable = "postgresql://clerk@127.0.0.1:1/fulian"
    with pytest.raises(dbmod.DatabaseError) as lost:
        server_backup.backup(unreachable, tmp_path / "office.dump")
    assert unreachable in str(lost.value)
    empty = engines.new_server_database(migrated=False)
    with pytest.raises(dbmod.DatabaseError) as not_ours:  # a database with none of our tables
        server_backup.backup(empty, tmp_path / "office.dump")
    assert empty in str(not_ours.value)
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_the_password_never_travels_on_the_command_line(database, db_path, tmp_path, monkeypatch):
    started = []
    real_run = server_backup._run
    monkeypatch.setattr(server_backup, "_run", lambda argv: started.append(argv) or real_run(argv))
    dbmod.backup_to(tmp_path / "office.dump")
    assert started and all(os.environ["PGPASSWORD"] not in " ".join(argv) for argv in started)


def test_an_older_backup_is_restored_and_brought_up_to_date(database, db_path, tmp_path):
    add("王芳")
    dbmod.close_database()
    tables = server_backup._table_names(db_path)
    older = engines.new_server_database(migrated=False)
    old_db = ServerDatabase(older, **connect_params(read_only=False))
    old_db.connect()
    bound.initialize(old_db)
    for version, step in steps()[:-1]:  # the database of the version before this one
        with old_db.atomic():
            dbmod.apply_step(old_db, version, step)
    with old_db.atomic():
        old_db.execute_sql("INSERT INTO meta (key, value) VALUES (%s, %s)", (meta.OWN_UNIT, VILLAGE_CODE))
    backup = server_backup.backup(older, tmp_path / "older.dump")
    failing = backup_that_fails_to_restore(older, tmp_path / "failing.dump")
    old_db.close()

    # A restore of it that fails half-way leaves the database as it was, its newer tables too.
    with pytest.raises(dbmod.DatabaseError):
        dbmod.restore_from(db_path, failing)
    assert names(db_path) == ["王芳"]
    assert server_backup._table_names(db_path) == tables
    dbmod.open_database(db_path)
    assert meta.get(meta.SCHEMA_VERSION) == str(latest_version())
    dbmod.close_database()

    dbmod.restore_from(db_path, backup)
    with psycopg.connect(db_path) as check:
        version = check.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert version == str(latest_version() - 1)
    dbmod.open_database(db_path)  # migrates the older backup, like any older database
    assert meta.get(meta.SCHEMA_VERSION) == str(latest_version())
    assert people.Person.select().count() == 0
    add("李娟")
    assert names(db_path) == ["李娟"]


def test_no_automatic_backup_is_taken_from_the_pcs_of_a_server(database, tmp_path, monkeypatch):
    assert dbmod.last_backup_at() is None  # on a file this would make the day's backup due
    assert not dbmod.daily_backup_due()
    monkeypatch.chdir(tmp_path)
    assert dbmod.automatic_backup("before-import") is None  # an import's backup: the server's own backups
    assert list(tmp_path.iterdir()) == []


def test_a_clerk_on_a_server_is_never_told_to_back_up(database):
    from models.backup_state import backup_state

    state = backup_state()
    assert state.last_backup is None  # never backed up from a PC: on a file that would be overdue
    assert state.kept_by_server and not state.backup_due
