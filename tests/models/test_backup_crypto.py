"""Backups made before the password was set are encrypted under the same key when it is set.

Real temporary SQLite files throughout; "in clear" means the bytes of every
file in the backups folder.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from models import db as dbmod
from models import id_crypto, meta
from models import password as pw
from models.i18n import _
from models.people import Person, save_person

from .test_id_crypto import ALL_IDS, ID_A, ID_B, OTHER, SECRET, UNIT, stored_ids, woman

# the backups encrypted are SQLite file backups beside the database file.
pytestmark = pytest.mark.sqlite_only

OTHER_UNIT = "430121100202"
NAMES = ("王秀英", "李桂兰", "张红梅")
# An old time, so that a rewritten backup that lost its date would show.
OLD_MTIME_NS = 1_700_000_000_123_456_789


def _people() -> None:
    for name, number in zip(NAMES, ALL_IDS):
        save_person(woman(name, number), UNIT)


def _aged(path: Path) -> Path:
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path


def _fingerprint(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_mode


def _clear_in(path: Path) -> list[str]:
    data = path.read_bytes()
    return [n for n in ALL_IDS if n.encode() in data or n.encode("utf-16-le") in data]


def _other_units_backup(db_path: Path) -> Path:
    """A backup of another unit in this folder (a copy brought from elsewhere), its numbers in clear."""
    path = dbmod.backup_to(dbmod.backups_dir(db_path) / "别的村-20260101.sqlite3")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (OTHER_UNIT, meta.OWN_UNIT))
        conn.execute("UPDATE meta SET value = 'someone-else' WHERE key = ?", (meta.DATABASE_ID,))
    conn.close()
    return _aged(path)


@pytest.fixture
def old_backups(database, db_path):
    """Three backups made in clear (daily, before an import, by hand) and one of another unit."""
    _people()
    daily = _aged(dbmod.automatic_backup("daily"))
    before_import = _aged(dbmod.automatic_backup("before-import"))
    by_hand = _aged(dbmod.backup_to(dbmod.backups_dir(db_path) / "月底手动备份.sqlite3"))
    other = _other_units_backup(db_path)
    for path in (daily, before_import, by_hand, other):
        assert _clear_in(path)
    return [daily, before_import, by_hand], other


def _restore_and_read(db_path: Path, backup: Path, unlock) -> dict[str, str | None]:
    dbmod.restore_from(db_path, backup)
    id_crypto.forget_all()  # as at a new start: the key is not in memory
    dbmod.open_database(db_path)
    assert pw.has_password() and not pw.is_unlocked()
    unlock()
    assert pw.is_unlocked()
    found = {p.name: p.id_number for p in Person.select()}
    for name, stored, key in stored_ids(db_path):
        assert stored.startswith(id_crypto.PREFIX) and key == id_crypto.lookup_key(found[name])
    return found


def test_setting_the_password_encrypts_this_units_older_backups_and_leaves_the_others(old_backups, db_path):
    ours, other = old_backups
    other_before = _fingerprint(other)
    dates_before = {(b.path.name, b.made_at) for b in dbmod.list_backups(db_path)}
    code = pw.set_password(SECRET, SECRET)
    assert code is not None and code.backups is not None
    report = code.backups
    assert sorted(report.protected) == sorted(ours) and report.other_units == [other] and report.failed == []
    assert str(len(ours)) in report.sentence()
    folder = dbmod.backups_dir(db_path)
    for path in folder.rglob("*"):
        if path.is_file() and path != other:
            assert _clear_in(path) == [], path.name
    # No .partial left, and no -wal or -shm beside a rewritten backup (the other unit's keeps what reading it left).
    assert [p.name for p in folder.iterdir() if p not in ours and not p.name.startswith(other.name)] == []
    assert _fingerprint(other) == other_before
    for path in ours:
        assert path.stat().st_mtime_ns == OLD_MTIME_NS and path.stat().st_mode & 0o777 == 0o600
        assert dbmod.integrity_problems(path) == []
        keys = {r[0]: (r[1][: len(id_crypto.PREFIX)], r[2]) for r in stored_ids(path)}
        assert keys == {name: (id_crypto.PREFIX, id_crypto.lookup_key(n)) for name, n in zip(NAMES, ALL_IDS)}
        conn = sqlite3.connect(path)
        stamped = dict(
            conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", (id_crypto.KEY_ENTRY, pw.PASSWORD))
        )
        conn.close()
        assert stamped == {id_crypto.KEY_ENTRY: meta.get(id_crypto.KEY_ENTRY), pw.PASSWORD: meta.get(pw.PASSWORD)}
    assert {(b.path.name, b.made_at) for b in dbmod.list_backups(db_path)} == dates_before
    # Each restores and reads back its numbers once the password (or the recovery code) is given.
    expected = dict(zip(NAMES, ALL_IDS))
    for path in ours[:2]:
        assert _restore_and_read(db_path, path, lambda: pw.unlock(SECRET)) == expected
        dbmod.close_database()

    def by_recovery_code():
        assert not pw.unlock(OTHER)
        pw.reset_with_recovery_code(code, OTHER, OTHER)

    assert _restore_and_read(db_path, ours[2], by_recovery_code) == expected
    dbmod.close_database()
    dbmod.open_database(db_path)  # the fixture closes it


def test_a_backup_that_cannot_be_encrypted_is_left_as_it_was_and_named(old_backups, db_path):
    ours, other = old_backups
    daily, before_import, by_hand = ours
    folder = dbmod.backups_dir(db_path)
    read_only = dbmod.backup_to(folder / "只读备份.sqlite3")
    read_only.chmod(0o400)
    damaged = dbmod.backup_to(folder / "损坏的备份.sqlite3")
    data = bytearray(damaged.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 2 : page * 2 + 200] = os.urandom(200)  # a page of the tables torn
    damaged.write_bytes(bytes(data))
    refusing = dbmod.backup_to(folder / "半途失败.sqlite3")
    conn = sqlite3.connect(refusing)
    with conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE UPDATE OF id_number ON person WHEN OLD.name = '张红梅' "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        )
    conn.close()
    left = {p: _fingerprint(p) for p in (read_only, damaged, refusing, other)}
    code = pw.set_password(SECRET, SECRET)
    assert code is not None and code.backups is not None
    report = code.backups
    assert pw.check_password(SECRET) and id_crypto.is_encrypted()  # the password stands
    assert sorted(report.protected) == sorted(ours)
    assert sorted(p for p, _why in report.failed) == sorted([read_only, damaged, refusing])
    reasons = dict(report.failed)
    assert "refused by the test" in reasons[refusing]
    for path, before in left.items():
        assert _fingerprint(path) == before, path.name
    assert not list(folder.glob("*.partial*"))
    sentence = report.sentence()
    assert all(p.name in sentence for p in (read_only, damaged, refusing))
    for path in ours:
        assert _clear_in(path) == []


def test_a_backup_of_a_schema_before_step_12_is_encrypted_restored_migrated_and_read(db_path, monkeypatch):
    from models import migrations, units

    real_steps = migrations.steps()
    monkeypatch.setattr(dbmod, "steps", lambda: real_steps[:11])
    monkeypatch.setattr(dbmod, "latest_version", lambda: 11)
    dbmod.open_database(db_path)
    dbmod.database.execute_sql("INSERT INTO meta (key, value) VALUES (?, ?)", (meta.OWN_UNIT, UNIT))
    for n, (name, number) in enumerate((("王秀英", ID_A), ("李桂兰", ID_B.lower()), ("无号", None))):
        dbmod.database.execute_sql(
            "INSERT INTO person (uuid, unit, created_at, updated_at, deleted, name, id_number) "
            "VALUES (?, ?, '2026-01-01', '2026-01-01', 0, ?, ?)",
            (f"00000000-0000-4000-8000-00000000000{n}", UNIT, name, number),
        )
    dbmod.close_database()
    monkeypatch.undo()
    dbmod.open_database(db_path)  # migrated: its backup before the update is of version 11
    try:
        units.set_own_unit(UNIT, "石门村")
        (old,) = dbmod.backups_dir(db_path).glob("*before-migration-v11-*.sqlite3")
        assert dbmod.read_schema_version(old) == 11 and _clear_in(old)
        code = pw.set_password(SECRET, SECRET)
        assert code is not None and code.backups is not None and code.backups.protected == [old]
        assert _clear_in(old) == [] and dbmod.read_schema_version(old) == 11
        conn = sqlite3.connect(old)
        values = dict(conn.execute("SELECT name, id_number FROM person"))
        conn.close()
        assert values["王秀英"].startswith(id_crypto.PREFIX) and values["无号"] is None
        # Restored into a database whose password was removed since: it asks the password of the time.
        pw.remove_password(SECRET)
        dbmod.restore_from(db_path, old)
        id_crypto.forget_all()
        dbmod.open_database(db_path)  # step 12 and on: the encrypted numbers get no lookup key yet
        rows = {r[0]: r for r in stored_ids(db_path)}
        assert rows["王秀英"][2] is None and rows["王秀英"][1].startswith(id_crypto.PREFIX)
        assert pw.has_password() and not pw.is_unlocked()
        assert pw.unlock(SECRET)
        rows = {r[0]: r for r in stored_ids(db_path)}
        assert rows["王秀英"][2] == id_crypto.lookup_key(ID_A) and rows["李桂兰"][2] == id_crypto.lookup_key(ID_B)
        assert rows["无号"][1:] == (None, None)
        assert {p.name: p.id_number for p in Person.select()} == {"王秀英": ID_A, "李桂兰": ID_B.lower(), "无号": None}
        from models.people import duplicate_id_owner

        assert duplicate_id_owner(ID_B, UNIT).name == "李桂兰"
    finally:
        dbmod.close_database()


def test_a_password_set_by_an_older_version_encrypts_the_backups_when_the_numbers_are(database, db_path):
    _people()
    meta.put(pw.PASSWORD, pw._encode(SECRET))  # as the previous version stored it: the hash only
    daily = _aged(dbmod.automatic_backup("daily"))
    code = pw.encrypt_id_numbers(SECRET)
    assert code is not None and code.backups is not None and code.backups.protected == [daily]
    assert _clear_in(daily) == [] and daily.stat().st_mtime_ns == OLD_MTIME_NS
    # A backup made under this key is not rewritten again; changing the password leaves the backups alone.
    again = dbmod.automatic_backup("daily")
    before = _fingerprint(again)
    assert pw.set_password(OTHER, OTHER, current=SECRET) is None
    assert _fingerprint(again) == before


def test_leftovers_of_an_interrupted_backup_or_restore_are_removed(database, db_path):
    _people()
    folder = dbmod.backups_dir(db_path)
    folder.mkdir(exist_ok=True)
    partial = dbmod.backup_to(folder / "x.sqlite3").rename(
        folder / "fulian-daily-20260101-000000-000000.sqlite3.partial"
    )
    restoring = db_path.with_name(db_path.name + ".restoring")
    restoring.write_bytes(partial.read_bytes())
    code = pw.set_password(SECRET, SECRET)
    assert code is not None
    assert not partial.exists() and not restoring.exists()
    for path in folder.rglob("*"):
        if path.is_file():
            assert _clear_in(path) == []


def test_a_disk_that_fails_at_the_last_step_leaves_the_old_backup_whole(old_backups, db_path, monkeypatch):
    import errno

    from models import backup_crypto

    ours, _other = old_backups
    before = {p: _fingerprint(p) for p in ours}

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_crypto.os, "replace", full_disk)
    code = pw.set_password(SECRET, SECRET)
    monkeypatch.undo()
    assert code is not None and code.backups is not None and pw.check_password(SECRET)
    assert code.backups.protected == [] and sorted(p for p, _why in code.backups.failed) == sorted(ours)
    assert all(why == _("the disk is full") for _p, why in code.backups.failed)
    assert {p: _fingerprint(p) for p in ours} == before
    assert not list(dbmod.backups_dir(db_path).glob("*.partial*"))
