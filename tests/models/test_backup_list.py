"""The list of backups beside the database: what made each, when, its size and its unit."""

from __future__ import annotations

import time

import pytest

from models import db as dbmod
from models.i18n import _
from tests import older_schema
from tests.conftest import VILLAGE_CODE, VILLAGE_NAME

# the backups listed are SQLite file backups beside the database file (the server's backups: models/server_backup.py).
pytestmark = pytest.mark.sqlite_only


def test_backups_are_listed_newest_first_with_what_made_them_and_their_unit(database, db_path):
    daily = dbmod.automatic_backup("daily")
    time.sleep(0.01)
    before_import = dbmod.automatic_backup("before-import")
    time.sleep(1.1)  # names carry the second: a later backup lists above
    before_restore = dbmod.automatic_backup("before-restore")
    by_hand = dbmod.backup_to(dbmod.backups_dir(db_path) / "my copy.sqlite3")

    listed = dbmod.list_backups(db_path)

    assert [info.path for info in listed][:1] == [by_hand]
    assert {info.path: info.reason for info in listed} == {
        daily: dbmod.DAILY,
        before_import: dbmod.BEFORE_IMPORT,
        before_restore: dbmod.BEFORE_RESTORE,
        by_hand: dbmod.BY_HAND,
    }
    assert [info.path for info in listed].index(before_restore) < [info.path for info in listed].index(daily)
    for info in listed:
        assert info.unit == (VILLAGE_CODE, VILLAGE_NAME)
        assert VILLAGE_NAME in info.unit_words and VILLAGE_CODE in info.unit_words
        assert info.size == info.path.stat().st_size and info.size_words.endswith("KB")
    assert {info.reason_words for info in listed} == {
        _("daily"),
        _("before an import"),
        _("before a restore"),
        _("by hand"),
    }


def test_a_backup_from_before_an_update_is_named_so(db_path, monkeypatch):
    from models import migrations

    real_steps = migrations.steps()
    monkeypatch.setattr(dbmod, "steps", lambda: real_steps[:-1])
    monkeypatch.setattr(dbmod, "latest_version", lambda: len(real_steps) - 1)
    dbmod.open_database(db_path)
    older_schema.set_own_unit(VILLAGE_CODE, VILLAGE_NAME)
    dbmod.close_database()
    monkeypatch.undo()
    dbmod.open_database(db_path)
    dbmod.close_database()
    (info,) = dbmod.list_backups(db_path)
    assert info.reason == dbmod.BEFORE_MIGRATION and info.reason_words == _("before an update")


def test_a_damaged_backup_is_listed_as_such(database, db_path):
    good = dbmod.automatic_backup("daily")
    broken = dbmod.backups_dir(db_path) / "copied by hand.sqlite3"
    broken.write_bytes(b"not a database at all" * 200)

    listed = {info.path: info for info in dbmod.list_backups(db_path)}

    assert listed[good].readable
    assert not listed[broken].readable and listed[broken].unit is None
    assert listed[broken].unit_words == _("damaged or unreadable")


def test_no_backups_folder_lists_nothing(db_path):
    assert dbmod.list_backups(db_path) == []
