"""Integrity on open: a WAL from another copy is set aside; a damaged database opens read-only, refusing writes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from models import db as dbmod
from models import people, units
from tests.conftest import VILLAGE_CODE, VILLAGE_NAME


def _add(count: int, prefix: str) -> None:
    inputs = [people.PersonInput(name=f"{prefix}{i}", birth="1980-01", workplace="x" * 40) for i in range(count)]
    _added, refused = people.add_people(inputs, VILLAGE_CODE)
    assert not refused


def _count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]


def _foreign_wal(db_path: Path, tmp_path: Path) -> bytes:
    """The -wal of a copy of ``db_path`` that went on being written elsewhere (as when files are copied by hand)."""
    copy_dir = tmp_path / "usb"
    copy_dir.mkdir()
    copy = copy_dir / db_path.name
    shutil.copyfile(db_path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE person SET workplace = ? ", ("elsewhere" * 20,))
    conn.execute("CREATE TABLE scratch (data)")
    conn.execute("INSERT INTO scratch VALUES (randomblob(300000))")
    conn.commit()
    wal = (copy_dir / (copy.name + "-wal")).read_bytes()  # taken while the copy is still open, as after a crash
    conn.close()
    return wal


@pytest.fixture
def village(db_path):
    dbmod.open_database(db_path)
    units.set_own_unit(VILLAGE_CODE, VILLAGE_NAME)
    _add(50, "甲")
    dbmod.close_database()
    return db_path


def test_a_wal_from_another_copy_is_set_aside_and_the_database_stays_intact(village, tmp_path):
    wal = _foreign_wal(village, tmp_path)
    # The original goes on being used here: its pages move on from the copy's.
    dbmod.open_database(village)
    _add(400, "乙")
    dbmod.close_database()
    with sqlite3.connect(village) as conn:
        conn.execute("VACUUM")
    conn.close()
    expected = _count(village)

    # Without the check, SQLite replays that WAL and the file is corrupt for good.
    control = tmp_path / "control"
    control.mkdir()
    shutil.copyfile(village, control / village.name)
    (control / (village.name + "-wal")).write_bytes(wal)
    assert dbmod.integrity_problems(control / village.name) != []

    (village.parent / (village.name + "-wal")).write_bytes(wal)
    dbmod.open_database(village)
    try:
        notices = dbmod.opening_notices()
        assert dbmod.damage() is None
        assert dbmod.integrity_problems(village) == []
    finally:
        dbmod.close_database()
    assert len(notices) == 1 and "-wal" in notices[0]
    aside = list(village.parent.glob(village.name + "-wal.set-aside-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == wal  # set aside, never deleted
    assert aside[0].name in notices[0]
    assert _count(village) == expected


def test_the_wal_left_by_a_crash_is_kept_and_its_saves_survive(village, tmp_path):
    dbmod.open_database(village)
    _add(3, "丙")
    # A power cut now: the files as they are on disk, the -wal with the last saves in it.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", ".state"):
        shutil.copyfile(village.parent / (village.name + suffix), crashed / (village.name + suffix))
    dbmod.close_database()

    dbmod.open_database(crashed / village.name)
    try:
        assert dbmod.opening_notices() == []
        assert dbmod.damage() is None
        assert people.Person.select().where(people.Person.name == "丙2").exists()
    finally:
        dbmod.close_database()
    assert not list(crashed.glob("*set-aside*"))


def test_a_clean_close_is_recorded(village):
    dbmod.open_database(village)
    state = village.parent / (village.name + ".state")
    assert '"clean": false' in state.read_text()
    dbmod.close_database()
    assert '"clean": true' in state.read_text()


def damage_pages(path: Path, count: int = 3) -> None:
    """Write garbage over ``count`` pages of the people table (the schema and the meta table stay readable)."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name LIKE '%person%' ORDER BY 1")]
    conn.close()
    assert len(pages) >= count
    with open(path, "r+b") as f:
        for page in pages[:count]:
            f.seek((page - 1) * page_size)
            f.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def test_a_damaged_database_opens_read_only_and_refuses_every_write(village):
    dbmod.open_database(village)
    good = dbmod.automatic_backup("daily")
    dbmod.close_database()
    damage_pages(village)
    before = village.read_bytes()

    dbmod.open_database(village)
    try:
        found = dbmod.damage()
        assert found is not None and found.backup == good
        assert dbmod.is_read_only()
        assert str(good) in found.message()
        with pytest.raises(Exception) as refused:
            people.save_person(people.PersonInput(name="丁一", birth="1980-01"), VILLAGE_CODE)
        assert dbmod.storage_fault(refused.value) == dbmod.DAMAGED
        assert dbmod.storage_message(refused.value) == found.message()
    finally:
        dbmod.close_database()
    assert village.read_bytes() == before


def test_the_damaged_database_is_replaced_by_its_good_backup(village):
    dbmod.open_database(village)
    good = dbmod.automatic_backup("daily")
    dbmod.close_database()
    damage_pages(village)

    kept = dbmod.restore_from(village, good)
    assert kept is not None and "damaged" in kept.name and kept.exists()
    assert dbmod.integrity_problems(village) == []
    assert _count(village) == 50
