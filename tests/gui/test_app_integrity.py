"""Starting the program on a damaged database or beside a -wal from elsewhere: what the user is told and offered."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gui import app as gui_app
from models import db as dbmod
from models import people
from models.i18n import _
from tests.models.integrity_helpers import (
    cut_short,
    foreign_wal_from_another_copy,
    make_village,
    names_in,
    overwrite_pages,
    save_people,
)


def _close_the_window_when_shown(seen: dict, answers=None, messages: int = 0) -> None:
    """Once the window is shown, its database's check has finished and ``messages`` messages were shown: close it."""
    from gui.main_window import MainWindow

    def poll():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        told = answers is None or len(answers.shown) >= messages
        if not windows or dbmod.opening_check_pending() or not told:
            QTimer.singleShot(20, poll)
            return
        seen["damage"] = dbmod.database_damage()
        seen["read_only"] = dbmod.is_read_only()
        seen["people"] = {p.name for p in people.Person.select()}
        seen["damage_shown"] = not windows[0].damage_label.isHidden()
        seen["damage_words"] = windows[0].damage_label.text()
        windows[0].close()

    QTimer.singleShot(0, poll)


def _damaged_with_a_backup(db_path):
    make_village(db_path, ["王芳", "李娟"])
    dbmod.open_database(db_path)
    good = dbmod.automatic_backup("daily")
    save_people(["张敏"])  # after the backup: lost with the damage
    dbmod.close_database()
    overwrite_pages(db_path)
    return good


def test_a_damaged_database_is_told_and_its_latest_good_backup_restored_at_start(
    qapp, db_path, gui_settings, answers, restore_app_font
):
    good = _damaged_with_a_backup(db_path)
    answers.replies = [True]  # Restore the backup
    seen: dict = {}
    _close_the_window_when_shown(seen, answers, messages=2)

    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0

    kind, title, text = answers.shown[0]
    assert kind == "error" and title == _("The database is damaged")
    assert text.startswith(
        _(
            "The database file {path} is damaged: the check made when it was opened found problems. "
            "It is open for reading only, and nothing will be written to it."
        ).format(path=db_path)
    )
    assert good.name in text
    assert answers.shown[1][0] == "info" and str(good) in answers.shown[1][2]
    assert seen["damage"] is None and not seen["read_only"] and seen["people"] == {"王芳", "李娟"}
    assert not seen["damage_shown"]
    dbmod.open_database(db_path)
    try:
        assert dbmod.database_damage() is None
        assert dbmod.integrity_problems(dbmod.database.connection()) == []
    finally:
        dbmod.close_database()
    assert list(dbmod.set_aside_dir(db_path).glob("*-damaged-*.sqlite3"))


def test_a_damaged_database_not_restored_opens_read_only_and_is_left_as_it_is(
    qapp, db_path, gui_settings, answers, restore_app_font
):
    _damaged_with_a_backup(db_path)
    before = db_path.read_bytes()
    answers.replies = [False]  # Open for reading only
    seen: dict = {}
    _close_the_window_when_shown(seen, answers, messages=1)

    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0

    assert seen["damage"] and seen["read_only"]
    assert seen["damage_shown"] and seen["damage_words"] == _("Damaged: open for reading only")
    assert db_path.read_bytes() == before
    assert not list(dbmod.backups_dir(db_path).glob("*-daily-*.sqlite3"))[1:]  # no daily backup of it


def test_a_file_too_damaged_to_open_is_offered_its_backup(qapp, db_path, gui_settings, answers, restore_app_font):
    make_village(db_path, [f"王芳{i}" for i in range(30)])
    dbmod.open_database(db_path)
    dbmod.automatic_backup("daily")
    dbmod.close_database()
    cut_short(db_path)
    answers.replies = [True]
    seen: dict = {}
    _close_the_window_when_shown(seen)

    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0

    kind, title, text = answers.shown[0]
    cannot = _("The database file {path} is damaged and cannot be opened; nothing was written to it.")
    assert title == _("The database is damaged") and text.startswith(cannot.format(path=db_path))
    assert seen["damage"] is None and len(seen["people"]) == 30


def test_a_file_too_damaged_to_open_without_a_backup_stops_with_the_message(
    qapp, db_path, gui_settings, answers, restore_app_font
):
    make_village(db_path, [f"王芳{i}" for i in range(30)])
    cut_short(db_path)
    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 1
    kind, title, text = answers.shown[-1]
    assert kind == "error" and title == _("The database is damaged")
    no_backup = _(
        "No good backup was found in {folder}. Do not delete the file: restore a backup you keep elsewhere "
        "(main.py restore), or ask whoever looks after the computer for help."
    )
    assert no_backup.format(folder=dbmod.backups_dir(db_path)) in text


def test_a_wal_from_another_copy_is_set_aside_and_the_user_told(
    qapp, tmp_path, gui_settings, answers, restore_app_font
):
    a, a_names = foreign_wal_from_another_copy(tmp_path)
    seen: dict = {}
    _close_the_window_when_shown(seen)

    assert gui_app.run([], db_path=a, settings=gui_settings) == 0

    kind, title, text = answers.shown[0]
    assert kind == "warning" and title == _("A file was set aside")
    (folder,) = dbmod.set_aside_dir(a).iterdir()
    assert str(folder) in text
    assert seen["people"] == a_names and seen["damage"] is None
    assert names_in(a) == a_names


def test_while_a_large_file_is_still_checked_the_status_bar_says_why_a_save_waits(
    qapp, db_path, gui_settings, monkeypatch, restore_app_font
):
    import time

    from gui.main_window import MainWindow
    from models.opening_check import OpeningCheck

    make_village(db_path, ["王芳"])
    slow = OpeningCheck._check_once

    def check_slowly(self):
        time.sleep(0.8)  # as a file of a few hundred megabytes takes
        return slow(self)

    monkeypatch.setattr(OpeningCheck, "_check_once", check_slowly)
    seen: dict = {}

    def poll():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, poll)
            return
        if dbmod.opening_check_pending():
            seen.setdefault("while", windows[0].statusBar().currentMessage())
            QTimer.singleShot(20, poll)
            return
        QTimer.singleShot(
            200, lambda: (seen.setdefault("after", windows[0].statusBar().currentMessage()), windows[0].close())
        )

    QTimer.singleShot(0, poll)
    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0
    assert seen["while"] == gui_app.checking_message()
    assert seen["after"] == ""
