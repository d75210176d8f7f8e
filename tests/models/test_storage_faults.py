"""Storage faults and backups: a full disk, a read-only or locked database, backup rotation, restore refusals, modes.

A full disk is made with SQLite's ``PRAGMA max_page_count`` on the open
connection (it fails writes with SQLITE_FULL exactly like a full disk); the
command-line tests in tests/test_cli.py use a real file-size limit instead.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import stat
import sys
import time

import pytest

from models import db as dbmod
from models import people, units
from models.base import database as proxy
from tests.conftest import VILLAGE_CODE, VILLAGE_NAME


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in English (their zh_CN translations live in tools/translations/)."""
    from models import i18n

    i18n.set_language("en")
    yield


def _fill_disk() -> None:
    """No page may be added to the database any more: the next growing write fails as on a full disk."""
    pages = proxy.execute_sql("PRAGMA page_count").fetchone()[0]
    proxy.execute_sql(f"PRAGMA max_page_count = {pages}")


def _person_count() -> int:
    return people.Person.select().count()


@pytest.mark.sqlite_only
def test_a_full_disk_reports_itself_and_writes_nothing(database):
    before = _person_count()
    _fill_disk()
    with pytest.raises(Exception) as caught:
        with proxy.atomic():
            for i in range(300):
                people.save_person(people.PersonInput(name=f"测试{i}", sex="F", workplace="村委会" * 60), VILLAGE_CODE)
    # the cause survives the rollback; today it was "cannot rollback - no transaction is active"
    assert dbmod.storage_fault(caught.value) == dbmod.DISK_FULL, caught.value
    message = dbmod.storage_message(caught.value)
    assert "The disk is full" in message and "Free some space" in message
    assert _person_count() == before


def test_a_failed_backup_leaves_no_partial_file(database, tmp_path):
    out = tmp_path / "nowhere" / "backup.sqlite3"
    (tmp_path / "nowhere").write_text("a file where the folder should be")
    with pytest.raises((dbmod.DatabaseError, OSError)):
        dbmod.backup_to(out)
    assert not list(tmp_path.glob("**/*.partial*"))


def _left_long_ago(path) -> None:
    path.write_bytes(b"half")
    old = time.time() - dbmod.PARTIAL_STALE_SECONDS - 60
    os.utime(path, (old, old))


@pytest.mark.sqlite_only
def test_partial_files_are_cleaned_when_the_database_opens(db_path):
    folder = dbmod.backups_dir(db_path)
    folder.mkdir(parents=True)
    _left_long_ago(folder / "fulian-daily-20240101-000000-000000.sqlite3.partial")
    _left_long_ago(folder / "fulian-daily-20240101-000000-000000.sqlite3.partial-journal")
    dbmod.open_database(db_path)
    dbmod.close_database()
    assert not list(folder.glob("*.partial*"))


@pytest.mark.sqlite_only
def test_a_backup_another_process_is_writing_is_left_alone_when_the_database_opens(db_path):
    folder = dbmod.backups_dir(db_path)
    folder.mkdir(parents=True)
    being_written = folder / "fulian-before-import-20240101-000000-000000.sqlite3.partial"
    being_written.write_bytes(b"half")
    dbmod.open_database(db_path)
    dbmod.close_database()
    assert being_written.read_bytes() == b"half"


@pytest.mark.sqlite_only
def test_the_wal_of_a_backup_cut_short_is_cleaned_when_the_database_opens(db_path):
    # A backup of a WAL database is itself in WAL mode: killed mid-copy, it leaves a -wal and -shm beside it.
    folder = dbmod.backups_dir(db_path)
    folder.mkdir(parents=True)
    for suffix in (".partial", ".partial-wal", ".partial-shm"):
        _left_long_ago(folder / f"fulian-before-restore-20240101-000000-000000.sqlite3{suffix}")
    dbmod.open_database(db_path)
    dbmod.close_database()
    assert not list(folder.glob("*.partial*"))


def _daily(folder, when: _dt.datetime):
    path = folder / f"fulian-daily-{when:%Y%m%d-%H%M%S}-000000.sqlite3"
    path.write_bytes(b"x")
    return path


def test_daily_backups_keep_30_days_and_12_months(tmp_path):
    start = _dt.datetime(2023, 1, 1, 9)
    made = [_daily(tmp_path, start + _dt.timedelta(days=n)) for n in range(730)]
    dbmod.rotate_daily_backups(tmp_path, "fulian")
    kept = sorted(tmp_path.glob("*.sqlite3"))
    assert made[-30:] == kept[-30:]
    older = kept[:-30]
    # the last backup of each earlier month, back to 12 months in all
    months = {p.name[13:19] for p in kept}
    assert len(months) == 12
    assert all(p.name[13:19] != kept[-1].name[13:19] or p in made[-30:] for p in older)
    assert len(kept) == 30 + len(older) and len(older) == 11


@pytest.mark.sqlite_only
def test_backups_before_restores_and_migrations_rotate(database, db_path, tmp_path):
    backup = dbmod.backup_to(tmp_path / "mine.sqlite3")
    dbmod.close_database()
    for _ in range(dbmod.DEFAULT_KEEP_BACKUPS + 3):
        dbmod.restore_from(db_path, backup)
    assert len(list(dbmod.backups_dir(db_path).glob("*-before-restore-*.sqlite3"))) == dbmod.DEFAULT_KEEP_BACKUPS


@pytest.mark.sqlite_only
def test_restore_refuses_another_units_database_and_names_both(database, db_path, tmp_path):
    people.save_person(people.PersonInput(name="李梅", sex="F"), VILLAGE_CODE)
    other = tmp_path / "other.sqlite3"
    dbmod.close_database()
    dbmod.open_database(other)
    units.set_own_unit("430121100202", "双杏村")
    dbmod.close_database()
    before = db_path.read_bytes()
    with pytest.raises(dbmod.DatabaseError) as caught:
        dbmod.restore_from(db_path, other)
    assert "双杏村" in str(caught.value) and VILLAGE_NAME in str(caught.value)
    assert db_path.read_bytes() == before
    assert not list(dbmod.backups_dir(db_path).glob("*-before-restore-*"))


@pytest.mark.sqlite_only
def test_restore_refuses_a_database_with_no_unit(database, db_path, tmp_path):
    empty = tmp_path / "nounit.sqlite3"
    dbmod.close_database()
    dbmod.open_database(empty)
    dbmod.close_database()
    with pytest.raises(dbmod.DatabaseError) as caught:
        dbmod.restore_from(db_path, empty)
    assert "nounit.sqlite3" in str(caught.value) and VILLAGE_NAME in str(caught.value)


@pytest.mark.sqlite_only
def test_restore_backs_up_the_current_database_first(database, db_path, tmp_path):
    backup = dbmod.backup_to(tmp_path / "mine.sqlite3")
    people.save_person(people.PersonInput(name="王芳", sex="F"), VILLAGE_CODE)
    dbmod.close_database()
    safety = dbmod.restore_from(db_path, backup)
    with sqlite3.connect(safety) as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE name = '王芳'").fetchone()[0] == 1
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE name = '王芳'").fetchone()[0] == 0


@pytest.mark.sqlite_only
@pytest.mark.skipif(sys.platform == "win32", reason="file modes are a POSIX matter")
def test_the_database_and_its_backups_are_readable_only_by_the_user(db_path, tmp_path):
    old = os.umask(0o022)
    try:
        dbmod.open_database(db_path)
        units.set_own_unit(VILLAGE_CODE, VILLAGE_NAME)
        daily = dbmod.automatic_backup("daily")
        out = dbmod.backup_to(tmp_path / "copy.sqlite3")
        dbmod.close_database()
    finally:
        os.umask(old)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(daily.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(dbmod.backups_dir(db_path).stat().st_mode) == 0o700


@pytest.mark.sqlite_only
def test_a_locked_database_says_another_program_uses_it(database, db_path):
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        dbmod.set_busy_timeout(0.2)
        with pytest.raises(Exception) as caught:
            people.save_person(people.PersonInput(name="王芳", sex="F"), VILLAGE_CODE)
    finally:
        holder.rollback()
        holder.close()
    assert dbmod.storage_fault(caught.value) == dbmod.LOCKED
    assert "another program or another copy" in dbmod.storage_message(caught.value)


def test_read_only_opening_reads_and_refuses_writes(database, db_path):
    people.save_person(people.PersonInput(name="王芳", sex="F"), VILLAGE_CODE)
    dbmod.close_database()
    dbmod.open_database(db_path, create=False, read_only=True)
    assert dbmod.is_read_only() and _person_count() == 1
    with pytest.raises(Exception) as caught:
        people.save_person(people.PersonInput(name="李梅", sex="F"), VILLAGE_CODE)
    assert dbmod.storage_fault(caught.value) == dbmod.READ_ONLY
    dbmod.close_database()
