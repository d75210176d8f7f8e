"""The window's opening check, run in a thread: nothing is written before it passes; a damaged file ends read-only."""

from __future__ import annotations

import pytest

from models import db as dbmod
from tests.models.integrity_helpers import make_village, names_in, overwrite_pages, save_people

# the opening check reads the SQLite file (integrity_check) in a thread; a server checks its own files.
pytestmark = pytest.mark.sqlite_only


def test_a_sound_database_checked_in_the_background_is_written_once_the_check_has_passed(db_path):
    make_village(db_path, ["王芳"])

    dbmod.open_database(db_path, check_in_background=True)
    try:
        save_people(["李娟"])  # waits for the verdict, then writes
        assert not dbmod.opening_check_pending()
        assert dbmod.database_damage() is None and not dbmod.is_read_only()
    finally:
        dbmod.close_database()
    assert names_in(db_path) == {"王芳", "李娟"}


def test_a_damaged_database_checked_in_the_background_refuses_the_first_write_and_every_later_one(db_path):
    make_village(db_path, [f"王芳{i}" for i in range(50)])
    overwrite_pages(db_path)
    before = db_path.read_bytes()

    dbmod.open_database(db_path, check_in_background=True)
    try:
        for names in (["李娟"], ["张敏"]):
            with pytest.raises(Exception) as caught:
                save_people(names)
            assert dbmod.storage_fault(caught.value) == dbmod.DAMAGED
            assert dbmod.storage_message(caught.value) == dbmod.damage_report()
        assert dbmod.database_damage() and dbmod.is_read_only()
        assert not dbmod.opening_check_pending()
        with pytest.raises(dbmod.DatabaseError):
            dbmod.backup_to(db_path.parent / "copy.sqlite3")
    finally:
        dbmod.close_database()
    assert db_path.read_bytes() == before


def test_the_verdict_is_known_without_a_write(db_path):
    make_village(db_path, [f"王芳{i}" for i in range(50)])
    overwrite_pages(db_path)

    dbmod.open_database(db_path, check_in_background=True)
    try:
        dbmod.database.obj.opening_check.wait()
        assert dbmod.database_damage() and dbmod.is_read_only()
        assert dbmod.open_damage() is not None
    finally:
        dbmod.close_database()


def test_a_database_to_be_migrated_is_checked_before_it_is_opened(db_path, monkeypatch):
    """The migration writes at once: the check cannot wait for the window (nor can it after an unclean end)."""
    make_village(db_path, ["王芳"])
    overwrite_pages(db_path)
    monkeypatch.setattr(dbmod, "latest_version", lambda: dbmod.read_schema_version(db_path) + 1)

    with pytest.raises(dbmod.DamagedDatabase):
        dbmod.open_database(db_path, check_in_background=True)
    assert dbmod.database.obj is None or dbmod.database.obj.is_closed()


def test_closing_while_the_check_runs_stops_it_and_leaves_the_file_as_it_was(db_path):
    make_village(db_path, [f"王芳{i}" for i in range(2000)])
    before = db_path.read_bytes()

    dbmod.open_database(db_path, check_in_background=True)
    check = dbmod.database.obj.opening_check
    dbmod.close_database()

    assert check.done()
    assert db_path.read_bytes() == before


def test_a_transaction_waits_for_the_verdict_too(db_path):
    """Imports and re-encryption write through a cursor inside a transaction: BEGIN waits like any write."""
    make_village(db_path, [f"王芳{i}" for i in range(50)])
    overwrite_pages(db_path)
    before = db_path.read_bytes()

    dbmod.open_database(db_path, check_in_background=True)
    try:
        with pytest.raises(Exception) as caught:
            with dbmod.database.atomic():
                dbmod.database.cursor().execute("UPDATE meta SET value = value")
        assert dbmod.storage_fault(caught.value) == dbmod.DAMAGED
    finally:
        dbmod.close_database()
    assert db_path.read_bytes() == before


def test_a_check_that_cannot_be_made_neither_passes_nor_fails_the_file_in_silence(db_path, monkeypatch):
    import sqlite3

    from models import opening_check

    make_village(db_path, ["王芳"])
    monkeypatch.setattr(opening_check, "PAUSE_SECONDS", 0.01)

    def locked(path):
        raise sqlite3.OperationalError("database is locked")

    check = opening_check.OpeningCheck(db_path, locked, lambda problems: pytest.fail(f"marked damaged: {problems}"))
    assert check.wait() == []
    assert check.missed == "database is locked"
