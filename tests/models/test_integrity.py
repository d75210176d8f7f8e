"""Integrity on open: a -wal from elsewhere is set aside, a genuine one kept; a damaged file opens read-only
and nothing is written into it; a restore replaces the file whole and keeps the database's identity.

All but the identity tests are of the SQLite file (its -wal, its damaged pages, its file backups and
restores): they are marked sqlite_only. A database on a server checks its own files.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from models import db as dbmod
from models import meta, people, wal_guard
from models.i18n import _
from tests import engine_reads
from tests.conftest import VILLAGE_CODE
from tests.models.integrity_helpers import (
    ROOT,
    checkpoint_half_by_hand,
    cut_short,
    foreign_wal_from_another_copy,
    make_village,
    names_in,
    overwrite_pages,
    save_people,
    wal_left_by_a_killed_program,
    wal_of,
)


def _damaged_words(path) -> str:
    return _(
        "The database file {path} is damaged: the check made when it was opened found problems. "
        "It is open for reading only, and nothing will be written to it."
    ).format(path=path)


def _set_aside_words(path) -> str:
    """The set-aside message up to the folder it names."""
    text = _(
        "A -wal file beside the database {path} did not belong to it (it was probably copied in from another "
        "copy of the database) and would have damaged it. It was not applied: it was set aside and is kept in "
        "{folder}. Nothing else was changed; the database is as it was last saved here."
    )
    return text.split("{folder}")[0].format(path=path)


def _identity(path) -> str | None:
    found = engine_reads.rows(path, "SELECT value FROM meta WHERE key = ?", (meta.DATABASE_ID,))
    return found[0][0] if found else None


# --- the database's identity ------------------------------------------------------------------


def test_a_database_gets_a_random_id_once_and_keeps_it(db_path):
    make_village(db_path, ["王芳"])
    first = _identity(db_path)
    assert first and len(first) == 32
    dbmod.open_database(db_path)
    dbmod.close_database()
    assert _identity(db_path) == first


def test_a_database_from_before_ids_gets_one_when_it_opens(db_path):
    make_village(db_path, ["王芳"])
    dbmod.open_database(db_path)
    meta.MetaEntry.delete().where(meta.MetaEntry.key == meta.DATABASE_ID).execute()  # as written before ids
    dbmod.close_database()
    assert _identity(db_path) is None
    dbmod.open_database(db_path)
    dbmod.close_database()
    assert _identity(db_path) is not None


@pytest.mark.sqlite_only
def test_immutable_reading_ignores_the_wal(db_path):
    # The guard reads "the file alone" this way: that must not see the -wal's saves.
    make_village(db_path, ["王芳"])
    wal_left_by_a_killed_program(db_path, ["李娟"])
    with closing(sqlite3.connect(wal_guard._file_alone_uri(db_path), uri=True)) as conn:
        alone = {row[0] for row in conn.execute("SELECT name FROM person")}
    assert alone == {"王芳"}
    assert names_in(db_path) == {"王芳", "李娟"}


# --- a -wal that does not belong ---------------------------------------------------------------


def test_a_wal_from_another_copy_of_the_database_is_set_aside_and_the_database_opens_whole(tmp_path):
    a, a_names = foreign_wal_from_another_copy(tmp_path)
    foreign = wal_of(a).read_bytes()

    dbmod.open_database(a)
    try:
        assert dbmod.database_damage() is None
        assert dbmod.integrity_problems(dbmod.database.connection()) == []
        assert {p.name for p in people.Person.select()} == a_names
        (notice,) = dbmod.opening_notices()
        assert notice.startswith(_set_aside_words(a))
    finally:
        dbmod.close_database()
    (folder,) = dbmod.set_aside_dir(a).iterdir()
    assert str(folder) in notice
    assert (folder / wal_of(a).name).read_bytes() == foreign  # kept, never deleted
    assert (folder / "README.txt").read_text(encoding="utf-8")
    assert not wal_of(a).exists() or wal_of(a).stat().st_size <= 32
    # Opened again: nothing more is set aside.
    dbmod.open_database(a)
    assert dbmod.opening_notices() == []
    dbmod.close_database()
    assert len(list(dbmod.set_aside_dir(a).iterdir())) == 1


def test_the_wal_of_another_database_is_recognised_by_its_id(tmp_path):
    # Two databases alike page for page but for their ids: y's -wal applies cleanly to x, yet it is not x's.
    x, y = tmp_path / "x" / "fulian.sqlite3", tmp_path / "y" / "fulian.sqlite3"
    make_village(y, ["王芳"])
    x.parent.mkdir()
    with closing(sqlite3.connect(y)) as src, closing(sqlite3.connect(x)) as dest:
        src.backup(dest)
        with dest:
            dest.execute("UPDATE meta SET value = 'another' WHERE key = ?", (meta.DATABASE_ID,))
    dbmod.open_database(y)
    meta.put(meta.LAST_BACKUP, "2024-01-01T00:00:00+00:00")  # y's -wal carries its meta page, with its id
    save_people(["乙"])
    wal = wal_of(y).read_bytes()
    dbmod.close_database()
    wal_of(x).write_bytes(wal)

    verdict = wal_guard.inspect(x, meta.DATABASE_ID)
    assert verdict.action == wal_guard.SET_ASIDE and verdict.replayed_problems == []
    assert verdict.file_id == "another" and verdict.replayed_id != "another"
    dbmod.open_database(x)
    try:
        assert dbmod.opening_notices() and names_in(x) == {"王芳"}
    finally:
        dbmod.close_database()


@pytest.mark.sqlite_only
def test_the_wal_of_a_killed_program_is_kept_and_its_saves_survive(db_path):
    make_village(db_path, ["王芳"])
    wal_left_by_a_killed_program(db_path, ["李娟", "张敏"])
    assert wal_guard.inspect(db_path, meta.DATABASE_ID).action == wal_guard.KEEP

    dbmod.open_database(db_path)
    try:
        assert dbmod.opening_notices() == [] and dbmod.database_damage() is None
        assert {p.name for p in people.Person.select()} == {"王芳", "李娟", "张敏"}
    finally:
        dbmod.close_database()
    assert not dbmod.set_aside_dir(db_path).exists()


@pytest.mark.sqlite_only
def test_a_wal_half_checkpointed_when_the_program_was_killed_is_kept(db_path):
    # What sank the first attempt: the file holds some of the -wal's pages already; only the -wal completes it.
    make_village(db_path, [f"王芳{i}" for i in range(20)])
    wal_left_by_a_killed_program(db_path, [f"李娟{i}" for i in range(60)])
    assert checkpoint_half_by_hand(db_path) > 0

    assert wal_guard.inspect(db_path, meta.DATABASE_ID).action == wal_guard.KEEP
    dbmod.open_database(db_path)
    try:
        assert dbmod.opening_notices() == [] and dbmod.database_damage() is None
        assert len(people.Person.select()) == 80
    finally:
        dbmod.close_database()


@pytest.mark.sqlite_only
def test_a_wal_in_use_by_another_program_is_left_alone(db_path):
    make_village(db_path, ["王芳"])
    with _held_open_by_another_process(db_path):
        assert wal_guard.in_use_by_another_process(db_path)
        assert wal_guard.inspect(db_path, meta.DATABASE_ID).action == wal_guard.IN_USE
    assert not wal_guard.in_use_by_another_process(db_path)


@pytest.mark.sqlite_only
def test_what_an_interrupted_inspection_or_restore_left_is_removed_when_the_database_opens(db_path):
    make_village(db_path, ["王芳"])
    trial = db_path.parent / f"{wal_guard.TRIAL_PREFIX}999999999-abc"
    trial.mkdir()
    (trial / "trial.sqlite3").write_bytes(b"half")
    restoring = db_path.with_name(db_path.name + ".restoring")
    restoring.write_bytes(b"half")
    restoring.with_name(restoring.name + "-journal").write_bytes(b"half")
    dbmod.open_database(db_path)
    dbmod.close_database()
    assert not trial.exists() and not restoring.exists()
    assert not restoring.with_name(restoring.name + "-journal").exists()


# --- a damaged database -----------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_a_database_with_pages_overwritten_opens_read_only_and_refuses_every_write(db_path):
    make_village(db_path, [f"王芳{i}" for i in range(50)])
    overwrite_pages(db_path)
    before = db_path.read_bytes()

    dbmod.open_database(db_path)
    try:
        damage = dbmod.database_damage()
        assert damage and dbmod.is_read_only()
        with pytest.raises(Exception) as caught:
            save_people(["李娟"])
        assert dbmod.storage_fault(caught.value) == dbmod.DAMAGED
        message = dbmod.storage_message(caught.value)
        assert message.startswith(_damaged_words(db_path))
        read_only_folder = _("{path} is in a read-only folder or on a write-protected disk").split("{path}")[1]
        assert read_only_folder not in message
        # At most three of SQLite's lines, as detail.
        details = message.split(_("Details: {lines}").split("{lines}")[0])[1]
        assert details.count("; ") <= 2
        with pytest.raises(dbmod.DatabaseError):
            dbmod.backup_to(db_path.parent / "copy.sqlite3")
    finally:
        dbmod.close_database()
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "copy.sqlite3").exists()


@pytest.mark.sqlite_only
def test_the_latest_good_backup_of_the_same_unit_is_offered(db_path, tmp_path):
    make_village(db_path, ["王芳"])
    dbmod.open_database(db_path)
    good = dbmod.automatic_backup("daily")
    dbmod.close_database()
    other = tmp_path / "other" / "fulian.sqlite3"
    dbmod.open_database(other)
    from models import units

    units.set_own_unit("430121100202", "桃花村")
    dbmod.backup_to(dbmod.backups_dir(db_path) / "zz-another-unit.sqlite3")  # newer, but not this unit's
    dbmod.close_database()
    overwrite_pages(db_path)

    found = dbmod.latest_good_backup(db_path)
    assert found is not None and found.path == good
    dbmod.open_database(db_path)
    try:
        report = dbmod.damage_report()
        assert str(good) in report
    finally:
        dbmod.close_database()


@pytest.mark.sqlite_only
def test_a_file_cut_short_cannot_be_opened_and_says_so(db_path):
    make_village(db_path, [f"王芳{i}" for i in range(50)])
    cut_short(db_path)
    before = db_path.read_bytes()
    with pytest.raises(dbmod.DamagedDatabase) as caught:
        dbmod.open_database(db_path)
    prefix = _("The database file {path} is damaged and cannot be opened; nothing was written to it.")
    assert str(caught.value).startswith(prefix.format(path=db_path))
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_damaged_database_is_restored_from_a_good_backup(db_path):
    make_village(db_path, ["王芳"])
    dbmod.open_database(db_path)
    good = dbmod.automatic_backup("daily")
    save_people(["李娟"])
    dbmod.close_database()
    identity = _identity(db_path)
    overwrite_pages(db_path)
    damaged = db_path.read_bytes()
    dbmod.open_database(db_path)
    assert dbmod.database_damage()

    safety = dbmod.restore_from(db_path, good)

    assert safety.parent == dbmod.set_aside_dir(db_path) and safety.read_bytes() == damaged
    dbmod.open_database(db_path)
    try:
        assert dbmod.database_damage() is None and not dbmod.is_read_only()
        assert {p.name for p in people.Person.select()} == {"王芳"}
        save_people(["张敏"])
    finally:
        dbmod.close_database()
    assert _identity(db_path) == identity


# --- restore replaces the file ----------------------------------------------------------------


@pytest.mark.sqlite_only
def test_a_restore_replaces_the_file_whole_and_keeps_this_databases_id(db_path, tmp_path):
    make_village(db_path, ["王芳"])
    dbmod.open_database(db_path)
    backup = dbmod.backup_to(tmp_path / "copy.sqlite3")
    save_people(["李娟"])
    dbmod.close_database()
    identity = _identity(db_path)
    with closing(sqlite3.connect(backup)) as conn, conn:  # a backup of an older copy, with an id of its own
        conn.execute("UPDATE meta SET value = 'older' WHERE key = ?", (meta.DATABASE_ID,))
    inode = os.stat(db_path).st_ino

    dbmod.restore_from(db_path, backup)

    assert not wal_of(db_path).exists()
    header = db_path.read_bytes()[:100]
    assert header[18:20] == b"\x01\x01"  # rollback-journal mode: nothing to replay, no -wal to meet
    assert _identity(db_path) == identity and names_in(db_path) == {"王芳"}
    assert os.name != "posix" or os.stat(db_path).st_ino != inode  # a new file, renamed into place
    assert not db_path.with_name(db_path.name + ".restoring").exists()


@pytest.mark.sqlite_only
def test_a_restore_is_refused_while_another_program_has_the_database_open(db_path, tmp_path):
    make_village(db_path, ["王芳"])
    dbmod.open_database(db_path)
    backup = dbmod.backup_to(tmp_path / "copy.sqlite3")
    dbmod.close_database()
    with _held_open_by_another_process(db_path):
        before = db_path.read_bytes()
        with pytest.raises(dbmod.StorageError) as caught:
            dbmod.restore_from(db_path, backup)
        assert caught.value.kind == dbmod.LOCKED
        assert db_path.read_bytes() == before
    dbmod.restore_from(db_path, backup)


@pytest.mark.sqlite_only
def test_a_restore_is_refused_while_this_program_has_the_database_open_in_another_thread(db_path, tmp_path):
    import threading

    make_village(db_path, ["王芳"])
    dbmod.open_database(db_path)
    backup = dbmod.backup_to(tmp_path / "copy.sqlite3")
    opened, release = threading.Event(), threading.Event()

    def worker():
        people.Person.select().count()  # this thread's own connection
        opened.set()
        release.wait(10)
        dbmod.close_database()

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert opened.wait(10)
        with pytest.raises(dbmod.StorageError):
            dbmod.restore_from(db_path, backup)
    finally:
        release.set()
        thread.join()
    dbmod.restore_from(db_path, backup)


class _held_open_by_another_process:
    """A child process with the database open (it has read from it) until the block ends."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        script = (
            "import sqlite3, sys\n"
            f"conn = sqlite3.connect({str(self.path)!r})\n"
            "conn.execute('PRAGMA journal_mode').fetchone()\n"
            "with conn:\n"  # a save of its own, in its -wal, not yet in the file
            "    conn.execute(\"INSERT OR REPLACE INTO meta (key, value) VALUES ('held', '1')\")\n"
            "print('ready', flush=True)\n"
            "sys.stdin.readline()\n"
        )
        self.child = subprocess.Popen(
            [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        assert self.child.stdout.readline().strip() == "ready"
        return self

    def __exit__(self, *exc):
        self.child.stdin.write("\n")
        self.child.stdin.close()
        self.child.wait(30)
        self.child.stdout.close()


@pytest.mark.sqlite_only
def test_the_own_unit_is_still_known_after_a_restore(db_path, tmp_path):
    make_village(db_path, ["王芳"])
    dbmod.open_database(db_path)
    backup = dbmod.backup_to(tmp_path / "copy.sqlite3")
    dbmod.close_database()
    dbmod.restore_from(db_path, backup)
    assert dbmod.database_unit(db_path)[0] == VILLAGE_CODE


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX matter")
def test_what_is_set_aside_is_readable_by_this_user_only(tmp_path):
    a, _names = foreign_wal_from_another_copy(tmp_path)
    dbmod.open_database(a)
    dbmod.close_database()
    (folder,) = dbmod.set_aside_dir(a).iterdir()
    for path in (dbmod.backups_dir(a), dbmod.set_aside_dir(a), folder):
        assert path.stat().st_mode & 0o777 == 0o700, path
    assert (folder / wal_of(a).name).stat().st_mode & 0o077 == 0


@pytest.mark.sqlite_only
def test_a_restore_sets_aside_a_wal_that_lies_beside_no_database(db_path, tmp_path):
    make_village(tmp_path / "other" / "fulian.sqlite3", ["王芳"])
    dbmod.open_database(tmp_path / "other" / "fulian.sqlite3")
    backup = dbmod.backup_to(tmp_path / "copy.sqlite3")
    dbmod.close_database()
    wal_of(db_path).write_bytes(b"\x37\x7f\x06\x82" + bytes(200))
    dbmod.restore_from(db_path, backup)
    assert not wal_of(db_path).exists() and names_in(db_path) == {"王芳"}
    (folder,) = dbmod.set_aside_dir(db_path).iterdir()
    assert (folder / wal_of(db_path).name).exists()
