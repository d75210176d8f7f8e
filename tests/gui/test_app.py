"""Starting the program: look, fonts, Qt's own translations, refusing a newer database, first run, daily backup."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from gui import app as gui_app
from gui import resources
from gui.common import workers
from gui.settings import store as opts
from models import db as dbmod
from models import i18n, meta, units
from models.i18n import _


def test_bundled_fonts_are_registered(qapp):
    families = resources.register_fonts()
    assert {"Noto Sans SC", "Droid Sans Fallback"} <= set(families)
    assert "Noto Sans SC" in QFontDatabase.families()


def test_configure_application_sets_style_font_and_qt_translations(qapp, gui_settings, restore_app_font):
    gui_app.configure_application(qapp, gui_settings)
    assert qapp.style().name().lower() == "fusion"
    font = QApplication.font()
    assert font.families()[:2] == ["Noto Sans SC", "Droid Sans Fallback"]
    assert font.pointSizeF() == pytest.approx(resources.NORMAL_POINT_SIZE)
    assert len(qapp._fulian_translators) == 1  # qtbase_zh_CN from the PySide6 wheel
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert i18n.current_language() == "zh_CN"


def test_configure_application_follows_the_settings(qapp, gui_settings, restore_app_font):
    gui_settings.set(opts.LARGE_FONT, True)
    gui_settings.set(opts.LANGUAGE, "en")
    try:
        gui_app.configure_application(qapp, gui_settings)
        assert QApplication.font().pointSizeF() == pytest.approx(resources.LARGE_POINT_SIZE)
        assert i18n.current_language() == "en"
        assert qapp._fulian_translators == []
    finally:
        gui_app.install_qt_translations(qapp, "zh_CN")


def test_every_navigation_and_action_icon_exists(qapp):
    from gui.main_window import PAGES

    for name in [spec.icon for spec in PAGES] + ["new", "edit", "delete", "import", "export", "print", "search"]:
        assert not resources.icon(name).isNull(), name
        assert not resources.icon(name).pixmap(22, 22).isNull(), name


def test_run_refuses_a_newer_database_and_leaves_it_alone(qapp, db_path, gui_settings, answers, restore_app_font):
    dbmod.open_database(db_path)
    dbmod.close_database()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE meta SET value = '999' WHERE key = ?", (meta.SCHEMA_VERSION,))
    conn.commit()
    conn.close()
    before = db_path.read_bytes()

    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 1

    kind, _title, text = answers.shown[-1]
    assert kind == "error" and "999" in text
    assert db_path.read_bytes() == before
    assert not dbmod.backups_dir(db_path).exists()


def _when_modal(action) -> None:
    """Act on the modal dialog as soon as it is shown (the test's hands)."""

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
        else:
            action(dialog)

    QTimer.singleShot(0, poll)


def _when_window(action) -> None:
    from gui.main_window import MainWindow

    def poll():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, poll)
        else:
            action(windows[0])

    QTimer.singleShot(0, poll)


def test_cancelling_the_first_run_exits_quietly_and_leaves_no_database(
    qapp, tmp_path, gui_settings, answers, restore_app_font
):
    db_path = tmp_path / "new" / "folder" / "fulian.sqlite3"
    _when_modal(lambda dialog: dialog.reject())
    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0
    assert not (tmp_path / "new").exists()  # no file, no -wal, no lock, no folder made for them
    assert not list(tmp_path.rglob("*.sqlite3*"))


def test_cancelling_the_first_run_keeps_a_database_that_was_there(
    qapp, db_path, gui_settings, answers, restore_app_font
):
    dbmod.open_database(db_path)  # made by an earlier version, no unit stored yet
    dbmod.close_database()
    _when_modal(lambda dialog: dialog.reject())
    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0
    assert db_path.exists()
    dbmod.open_database(db_path)
    try:
        assert units.own_unit() is None
    finally:
        dbmod.close_database()


def test_first_start_asks_for_the_unit_then_shows_the_window_and_backs_up(
    qapp, db_path, gui_settings, answers, restore_app_font
):
    seen = {}

    def fill(dialog):
        dialog.code_edit.setText("430121100201")
        dialog.name_edit.setText("石门村")
        dialog.accept()
        _when_window(look)

    def look(window):
        seen["title"] = window.windowTitle()
        window.close()

    _when_modal(fill)
    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0
    assert seen["title"] == _("{unit} ({level}) — Fulian Ledger").format(unit="石门村", level=_("village"))
    daily = list(dbmod.backups_dir(db_path).glob("*-daily-*.sqlite3"))
    assert len(daily) == 1 and dbmod.integrity_problems(daily[0]) == []


def test_a_failed_daily_backup_is_shown_not_fatal(qapp, database, db_path, gui_settings, answers, qtbot):
    from gui.context import AppContext
    from gui.main_window import MainWindow

    # A file where the backups folder should be: the backup cannot be written.
    dbmod.backups_dir(db_path).write_text("in the way")
    window = MainWindow(AppContext(db_path, "430121100201", "石门村", gui_settings))
    qtbot.addWidget(window)
    gui_app.start_daily_backup(window, gui_settings)
    qtbot.waitUntil(lambda: any(kind == "warning" for kind, _t, _x in answers.shown), timeout=5000)
    workers.wait_for_all()
    kind, _title, text = answers.shown[-1]
    before_error = _("The automatic daily backup failed: {error}").split("{error}")[0]
    assert kind == "warning" and text.startswith(before_error) and len(text) > len(before_error)
    assert window.backup_label.text() == _("Last backup: {when}").format(when=_("never"))


# --- workers -----------------------------------------------------------------------------------


def test_a_job_runs_off_the_gui_thread_and_returns_its_result(qapp):
    import threading

    def job(progress):
        progress(1, 2)
        progress(2, 2)
        return threading.get_ident()

    assert workers.run_with_progress(None, "…", job, with_progress=True) != threading.get_ident()


def test_a_job_failure_is_raised_on_the_gui_thread(qapp):
    def job():
        raise ValueError("bad row 3")

    with pytest.raises(ValueError, match="bad row 3"):
        workers.run_with_progress(None, "…", job)


def test_a_cancelled_job_stops_at_its_next_progress_report(qapp, qtbot):
    finished = []

    def job(progress):
        progress(1, 10)
        finished.append(True)

    task = workers.Task(job, with_progress=True)
    task.cancel()
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    task.wait()
    assert isinstance(blocker.args[0], workers.Cancelled)
    assert finished == []


def test_a_second_window_on_the_same_database_is_refused(qapp, db_path, gui_settings, answers, restore_app_font):
    from gui.common import messages

    first = gui_app.lock_database(db_path)  # the window of a copy already running
    assert first is not None
    try:
        assert gui_app.run([], db_path=db_path, settings=gui_settings) == 1
    finally:
        first.unlock()
    # The message is in the interface language the program set at start: it names the database.
    assert any(
        kind == "error" and title == _("Cannot open the database") and str(db_path) in text
        for kind, title, text in messages.shown
    ), messages.shown
