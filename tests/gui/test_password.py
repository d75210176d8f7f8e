"""The start-up password on screen: asked at start, locking after idle time, set on the settings page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from gui import app as gui_app
from gui.common.password import IdleLock, PasswordDialog
from models import db as dbmod
from models import password as pw
from models import units
from models.i18n import _
from tests.gui.gui_helpers import show_widget
from tests.gui.test_app import _when_modal, _when_window

SECRET = "geheim-123"
WRONG = _("The password is not right. Type it again (capital letters count).")


def _protected(db_path) -> None:
    dbmod.open_database(db_path)
    try:
        units.set_own_unit("430121100201", "石门村")
        pw.set_password(SECRET, SECRET)
    finally:
        dbmod.close_database()


def test_start_asks_for_the_password_and_lets_a_wrong_one_try_again(
    qapp, qtbot, db_path, gui_settings, answers, restore_app_font
):
    _protected(db_path)
    seen = {}

    def wrong_then_right(dialog):
        assert isinstance(dialog, PasswordDialog)
        qtbot.keyClicks(dialog.field, "wrong-pw")
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        seen["message"] = dialog.message.text() if dialog.message.isVisible() else ""
        seen["still open"] = dialog.isVisible() and dialog.field.text() == ""
        qtbot.keyClicks(dialog.field, SECRET)
        qtbot.keyClick(dialog.field, Qt.Key_Return)
        _when_window(look)

    def look(window):
        seen["window"] = window.isVisible()
        window.close()

    _when_modal(wrong_then_right)
    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0
    assert seen == {"message": WRONG, "still open": True, "window": True}


def test_escape_at_the_start_password_quits(qapp, qtbot, db_path, gui_settings, answers, restore_app_font):
    _protected(db_path)
    _when_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key_Escape))
    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0


def test_the_program_locks_after_idle_time_and_keeps_what_was_typed(qtbot, gui_context, answers):
    from gui.main_window import MainWindow

    pw.set_password(SECRET, SECRET)
    window = show_widget(qtbot, MainWindow(gui_context))
    typing = QLineEdit(window)
    typing.setText("张晓红 unsaved")
    lock = IdleLock(150, window)
    seen = []

    def unlock(dialog):
        seen.append(lock.locked)
        qtbot.keyClick(dialog, Qt.Key_Escape)  # no way round the lock
        seen.append(dialog.isVisible())
        qtbot.keyClicks(dialog.field, "nope-nope")
        qtbot.keyClick(dialog.field, Qt.Key_Return)
        seen.append(dialog.message.text())
        lock.set_idle_ms(60_000)  # no second lock while the test looks
        qtbot.keyClicks(dialog.field, SECRET)
        qtbot.keyClick(dialog.field, Qt.Key_Return)

    _when_modal(unlock)
    QTest.qWait(600)
    assert seen == [True, True, WRONG]
    assert not lock.locked and typing.text() == "张晓红 unsaved"
    lock.stop()


def test_no_lock_without_a_password(qtbot, gui_context, answers):
    lock = IdleLock(50, None)
    QTest.qWait(200)
    assert not lock.locked and lock.timer.isActive()
    lock.stop()


def test_the_settings_page_sets_changes_and_removes_the_password(qtbot, gui_context, answers):
    from gui.settings.page import SettingsPage

    page = show_widget(qtbot, SettingsPage(gui_context), (1000, 700))
    assert page.password_state.text() == _("none") and not page.remove_password_button.isVisible()
    dialog = page.change_password()
    qtbot.keyClicks(dialog.fields["new"], "abc")
    qtbot.keyClicks(dialog.fields["repeated"], "abc")
    assert not dialog.save()
    assert dialog.errors["new"].isVisible() and not pw.has_password()
    dialog.fields["new"].setText(SECRET)
    dialog.fields["repeated"].setText(SECRET)
    assert dialog.save()
    assert pw.check_password(SECRET) and page.password_state.text() == _("set, ID numbers encrypted")
    assert page.remove_password_button.isVisible()

    dialog = page.change_password(remove=True)
    dialog.fields["current"].setText("falsch-pw")
    assert not dialog.save() and dialog.errors["current"].isVisible()
    dialog.fields["current"].setText(SECRET)
    assert dialog.save() and not pw.has_password()

    page.lock_minutes.setValue(3)
    from gui.settings import store as opts

    assert gui_context.settings.get(opts.LOCK_MINUTES) == 3


def test_full_id_numbers_in_a_package_need_the_password(qtbot, gui_context, answers):
    from gui.submissions.export_dialog import FULL, OMITTED, ExportDialog

    pw.set_password(SECRET, SECRET)
    dialog = ExportDialog(gui_context)
    qtbot.addWidget(dialog)
    answers.replies.append(True)  # yes, full ID numbers
    _when_modal(lambda d: d.reject())  # but no password
    assert not dialog.choose_id_numbers(FULL) and dialog.id_numbers() == OMITTED

    def right(d):
        d.field.setText(SECRET)
        d.try_password()

    answers.replies.append(True)
    _when_modal(right)
    assert dialog.choose_id_numbers(FULL) and dialog.id_numbers() == FULL
