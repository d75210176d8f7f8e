"""Opening, migrating, refusing, backing up and restoring databases.

On the server engine the same tests run on a server database, except those of SQLite file backups and
restores (marked sqlite_only; the server's backups: models/server_backup.py).
"""

import sqlite3

import pytest

from models import db as dbmod
from models import meta, migrations, people, server, units
from tests import engine_reads, engines, older_schema
from tests.engine_reads import schema_version


def steps_replaced(monkeypatch, steps, latest):
    """The migration steps as ``steps`` up to ``latest``, on both engines (each reads them where it migrates)."""
    for module in (dbmod, server):
        monkeypatch.setattr(module, "steps", lambda: steps)
        monkeypatch.setattr(module, "latest_version", lambda: latest)


def test_a_new_database_is_created_at_the_latest_version_with_the_safe_pragmas(db_path):
    db = dbmod.open_database(db_path)
    try:
        if not engines.on_server():  # SQLite's settings of the file; a server has its own
            assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
            assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] > 0
        assert meta.get(meta.INSTALLATION_ID)
    finally:
        dbmod.close_database()
    assert schema_version(db_path) == migrations.latest_version()


def test_the_first_migration_creates_the_tables(db_path):
    dbmod.open_database(db_path)
    dbmod.close_database()
    assert {"meta", "unit", "person"} <= engine_reads.table_names(db_path)


def test_a_newer_database_is_refused_and_left_untouched(db_path):
    dbmod.open_database(db_path)
    units.set_own_unit("430121100201", "石门村")
    meta.put(meta.SCHEMA_VERSION, "999")
    dbmod.close_database()
    if engines.on_server():
        before = engine_reads.rows(db_path, "SELECT key, value FROM meta ORDER BY key")
    else:
        before = db_path.read_bytes()
    with pytest.raises(dbmod.DatabaseError) as caught:
        dbmod.open_database(db_path)
    assert "999" in str(caught.value)
    if engines.on_server():
        assert engine_reads.rows(db_path, "SELECT key, value FROM meta ORDER BY key") == before
    else:
        assert db_path.read_bytes() == before
        assert not dbmod.backups_dir(db_path).exists()


@pytest.mark.sqlite_only
def test_an_older_database_is_backed_up_then_migrated(db_path, monkeypatch):
    dbmod.open_database(db_path)
    units.set_own_unit("430121100201", "石门村")
    people.save_person(people.PersonInput(name="王芳"), "430121100201")
    dbmod.close_database()
    old_version = migrations.latest_version()

    class AddColumn:
        @staticmethod
        def apply(db):
            db.execute_sql("ALTER TABLE person ADD COLUMN nickname VARCHAR(20)")

    real_steps = migrations.steps()
    monkeypatch.setattr(dbmod, "steps", lambda: real_steps + [(old_version + 1, AddColumn)])
    monkeypatch.setattr(dbmod, "latest_version", lambda: old_version + 1)
    dbmod.open_database(db_path)
    try:
        assert meta.get(meta.SCHEMA_VERSION) == str(old_version + 1)
        assert people.Person.select().count() == 1
    finally:
        dbmod.close_database()
    backups = list(dbmod.backups_dir(db_path).glob(f"*before-migration-v{old_version}*.sqlite3"))
    assert len(backups) == 1
    assert schema_version(backups[0]) == old_version
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT name FROM person").fetchall() == [("王芳",)]


def test_a_failed_migration_step_leaves_the_old_version(db_path, monkeypatch):
    dbmod.open_database(db_path)
    dbmod.close_database()
    old_version = migrations.latest_version()

    class Broken:
        @staticmethod
        def apply(db):
            db.execute_sql("CREATE TABLE half_done (x INTEGER)")
            raise RuntimeError("step failed")

    steps_replaced(monkeypatch, migrations.steps() + [(old_version + 1, Broken)], old_version + 1)
    with pytest.raises(RuntimeError):
        dbmod.open_database(db_path)
    assert schema_version(db_path) == old_version
    assert "half_done" not in engine_reads.table_names(db_path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("just some text, not a database" * 50)
    with pytest.raises(dbmod.DatabaseError):
        dbmod.open_database(bogus)


@pytest.mark.sqlite_only  # a file's backups; a server's: tests/models/test_server_backup.py
def test_backup_is_checked_and_restores_the_data(database, db_path, tmp_path):
    people.save_person(people.PersonInput(name="王芳"), "430121100201")
    backup = dbmod.backup_to(tmp_path / "copy.sqlite3")
    assert dbmod.integrity_problems(backup) == []
    assert dbmod.last_backup_at() is not None
    people.save_person(people.PersonInput(name="李娟"), "430121100201")
    dbmod.close_database()

    safety = dbmod.restore_from(db_path, backup)
    dbmod.open_database(db_path)
    assert [p.name for p in people.Person.select()] == ["王芳"]
    with sqlite3.connect(safety) as conn:  # the state before the restore is kept
        assert sorted(r[0] for r in conn.execute("SELECT name FROM person")) == ["李娟", "王芳"]


@pytest.mark.sqlite_only  # a file's backups; a server's: tests/models/test_server_backup.py
def test_restore_refuses_a_file_that_is_not_a_backup(database, db_path, tmp_path):
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"\0" * 2048)
    dbmod.close_database()
    before = db_path.read_bytes()
    with pytest.raises(dbmod.DatabaseError):
        dbmod.restore_from(db_path, bogus)
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only  # a file's backups; a server's: tests/models/test_server_backup.py
def test_automatic_backups_rotate(database):
    made = [dbmod.automatic_backup("before-import", keep=3) for _ in range(5)]
    kept = sorted(dbmod.backups_dir(dbmod.current_path()).glob("*-before-import-*.sqlite3"))
    assert kept == made[-3:]


@pytest.mark.sqlite_only  # a file's backups; a server's: tests/models/test_server_backup.py
def test_a_daily_backup_is_due_until_one_is_taken(database):
    assert dbmod.daily_backup_due()
    dbmod.automatic_backup("daily")
    assert not dbmod.daily_backup_due()


def test_step_9_indexes_the_linked_person_and_the_unit_of_an_existing_database(db_path, monkeypatch):
    if engines.on_server():
        db_path = engines.new_server_database(migrated=False)  # the template is at the latest version
    steps_replaced(monkeypatch, migrations.steps()[:8], 8)
    dbmod.open_database(db_path)
    older_schema.set_own_unit("430121100201", "石门村")
    # Written as that version's schema has it (the person model has columns of later steps).
    marks = ", ".join([dbmod.database.param] * 6)
    dbmod.database.execute_sql(
        f"INSERT INTO person (uuid, unit, created_at, updated_at, deleted, name) VALUES ({marks})",
        ("8a1c2c6e-0000-4000-8000-000000000001", "430121100201", "2026-01-01", "2026-01-01", False, "王芳"),
    )
    dbmod.close_database()
    monkeypatch.undo()

    dbmod.open_database(db_path)
    dbmod.close_database()
    assert schema_version(db_path) == migrations.latest_version()
    indexes = engine_reads.index_names(db_path)
    assert engine_reads.rows(db_path, "SELECT name FROM person") == [("王芳",)]
    assert {
        "trainee_person",
        "election_candidate_person",
        "activity_participant_person",
        "import_log_unit",
        "report_period_unit",
        "submission_return_unit",
    } <= indexes
