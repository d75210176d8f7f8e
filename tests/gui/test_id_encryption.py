"""Encrypted ID numbers on screen: the recovery code shown once (and printed), a forgotten password replaced
with it at start, an older password's database encrypted at start, a full ID number revealed and logged."""

from __future__ import annotations

import re

import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui import app as gui_app
from gui.common.password import PasswordDialog
from gui.common.recovery import RecoveryCodeDialog, RecoveryResetDialog
from models import access_log, id_crypto, meta, units
from models import db as dbmod
from models import password as pw
from models.i18n import _
from models.people import Person, PersonInput, id_number_check_digit, mask_id_number, save_person
from tests.gui.gui_helpers import show_widget
from tests.gui.test_app import _when_modal, _when_window

SECRET, NEW = "geheim-123", "neues-pw-456"
ID_NUMBER = "43012119780512002" + id_number_check_digit("43012119780512002")
CODE_FORM = re.compile(r"([A-HJ-NP-Z2-9]{4}-){5}[A-HJ-NP-Z2-9]{4}")


def _when_dialog(kind, action) -> None:
    """Act on the first modal dialog of ``kind`` once it shows (a busy bar may come first)."""
    from PySide6.QtCore import QTimer

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            action(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _protected(db_path, password: str | None = SECRET) -> str | None:
    """A village with one woman who has an ID number; its password set (the recovery code returned)."""
    dbmod.open_database(db_path)
    try:
        units.set_own_unit("430121100201", "石门村")
        save_person(PersonInput(name="王秀英", birth="1978-05", id_number=ID_NUMBER), "430121100201")
        return pw.set_password(password, password) if password else None
    finally:
        dbmod.close_database()
        id_crypto.forget_all()  # a new start: nothing unlocked


def test_setting_a_password_shows_the_recovery_code_once_and_prints_it(qtbot, gui_context, answers, tmp_path):
    from gui.settings.page import SettingsPage

    save_person(PersonInput(name="王秀英", birth="1978-05", id_number=ID_NUMBER), gui_context.unit_code)
    page = show_widget(qtbot, SettingsPage(gui_context), (1000, 700))
    dialog = page.change_password()
    dialog.fields["new"].setText(SECRET)
    dialog.fields["repeated"].setText(SECRET)
    assert dialog.save()
    shown = dialog.recovery_dialog
    assert isinstance(shown, RecoveryCodeDialog)
    qtbot.waitExposed(shown)
    code = shown.code_label.text()
    assert CODE_FORM.fullmatch(code) and shown.isModal()
    assert ID_NUMBER.encode() not in gui_context.db_path.read_bytes()
    # It stays until the cadre says the code is kept.
    assert not shown.done_button.isEnabled()
    qtbot.keyClick(shown, Qt.Key_Escape)
    assert shown.isVisible()
    # Printed as one page.
    pdf = tmp_path / "恢复码.pdf"
    answers.files.append(str(pdf))
    answers.replies.append(False)  # not opened now
    assert shown.print_code() == pdf
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == 1
        text = document.pages[0].extract_text()
    assert code in text and "石门村" in text
    shown.kept.setChecked(True)
    assert shown.done_button.isEnabled()
    qtbot.mouseClick(shown.done_button, Qt.LeftButton)
    assert not shown.isVisible()
    # The code opens the key: a forgotten password can be replaced with it.
    id_crypto.forget_all()
    pw.reset_with_recovery_code(code, NEW, NEW)
    assert pw.check_password(NEW) and Person.get(Person.name == "王秀英").id_number == ID_NUMBER


def test_a_forgotten_password_is_replaced_with_the_recovery_code_at_start(
    qapp, qtbot, db_path, gui_settings, answers, restore_app_font
):
    code = _protected(db_path)
    seen = {}

    def at_start(dialog):
        assert isinstance(dialog, PasswordDialog) and dialog.recovery_button is not None
        _when_dialog(RecoveryResetDialog, type_the_code)
        qtbot.mouseClick(dialog.recovery_button, Qt.LeftButton)

    def type_the_code(dialog):
        assert isinstance(dialog, RecoveryResetDialog)
        dialog.fields["code"].setText("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ")
        dialog.fields["new"].setText(NEW)
        dialog.fields["repeated"].setText(NEW)
        assert not dialog.save()
        seen["wrong"] = dialog.errors["code"].text() if dialog.errors["code"].isVisible() else ""
        dialog.fields["code"].setText(code.lower().replace("-", " "))
        assert dialog.save()
        _when_window(look)

    def look(window):
        seen["window"] = window.isVisible()
        seen["number"] = Person.get(Person.name == "王秀英").id_number
        window.close()

    _when_modal(at_start)
    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0
    assert seen == {
        "wrong": _("The recovery code is not right. Check it against the paper and type it again."),
        "window": True,
        "number": ID_NUMBER,
    }
    dbmod.open_database(db_path)
    try:
        assert pw.check_password(NEW) and not pw.check_password(SECRET)
    finally:
        dbmod.close_database()


def test_a_password_set_by_an_older_version_encrypts_the_numbers_at_the_next_start(
    qapp, qtbot, db_path, gui_settings, answers, restore_app_font
):
    _protected(db_path, password=None)
    dbmod.open_database(db_path)
    meta.put(pw.PASSWORD, pw._encode(SECRET))  # as the previous version kept it
    dbmod.close_database()
    assert ID_NUMBER.encode() in db_path.read_bytes()
    seen = {}

    def password(dialog):
        _when_dialog(RecoveryCodeDialog, recovery_code)
        dialog.field.setText(SECRET)
        dialog.try_password()

    def recovery_code(dialog):
        assert isinstance(dialog, RecoveryCodeDialog)
        seen["code"] = bool(CODE_FORM.fullmatch(dialog.code_label.text()))
        dialog.kept.setChecked(True)
        qtbot.mouseClick(dialog.done_button, Qt.LeftButton)
        _when_window(lambda window: window.close())

    _when_modal(password)
    assert gui_app.run([], db_path=db_path, settings=gui_settings) == 0
    assert seen == {"code": True}
    assert ID_NUMBER.encode() not in db_path.read_bytes()


def test_the_full_id_number_is_shown_after_the_password_until_the_selection_changes(qtbot, gui_context, answers):
    from gui.people.page import PeoplePage

    unit = gui_context.unit_code
    save_person(PersonInput(name="王秀英", birth="1978-05", id_number=ID_NUMBER), unit)
    save_person(PersonInput(name="李桂兰", birth="1985-03"), unit)
    pw.set_password(SECRET, SECRET)
    page = show_widget(qtbot, PeoplePage(gui_context), (1100, 700))
    page.select_person(Person.get(Person.name == "王秀英").uuid)
    shown = page.detail.values["id_number"]
    button = page.detail.reveal_button
    assert shown.text() == mask_id_number(ID_NUMBER) and button.isVisible()
    assert button.text() == _("Show the full ID number")

    _when_modal(lambda d: qtbot.keyClick(d, Qt.Key_Escape))  # no password: nothing shown, nothing logged
    qtbot.mouseClick(button, Qt.LeftButton)
    assert shown.text() == mask_id_number(ID_NUMBER) and access_log.recent(5) == []

    def right(dialog):
        dialog.field.setText(SECRET)
        dialog.try_password()

    _when_modal(right)
    qtbot.mouseClick(button, Qt.LeftButton)
    assert shown.text() == ID_NUMBER and not button.isVisible()
    entry = access_log.recent(1)[0]
    assert entry.what == _("{what}: {details}").format(what=_("Showed a full ID number on screen"), details="王秀英")

    page.hide_revealed()  # the idle lock is about to show
    assert shown.text() == mask_id_number(ID_NUMBER) and button.isVisible()
    _when_modal(right)
    qtbot.mouseClick(button, Qt.LeftButton)
    assert shown.text() == ID_NUMBER
    page.select_person(Person.get(Person.name == "李桂兰").uuid)
    assert shown.text() == "—" and not button.isVisible()  # nobody's number, nothing to reveal
    page.select_person(Person.get(Person.name == "王秀英").uuid)
    assert shown.text() == mask_id_number(ID_NUMBER)
    assert len(access_log.recent(5)) == 2


def test_without_a_password_the_reveal_asks_nothing_but_is_logged(qtbot, gui_context, answers):
    from gui.people.page import PeoplePage

    save_person(PersonInput(name="王秀英", birth="1978-05", id_number=ID_NUMBER), gui_context.unit_code)
    page = show_widget(qtbot, PeoplePage(gui_context), (1100, 700))
    page.select_person(Person.get(Person.name == "王秀英").uuid)
    assert page.reveal_id_number() and page.detail.values["id_number"].text() == ID_NUMBER
    assert QApplication.activeModalWidget() is None
    assert [e.user for e in access_log.recent(5)] == [access_log.os_user()]


def test_a_restored_backup_with_another_key_asks_its_password(qtbot, gui_context, answers, tmp_path):
    from gui.settings.page import SettingsPage

    save_person(PersonInput(name="王秀英", birth="1978-05", id_number=ID_NUMBER), gui_context.unit_code)
    pw.set_password(SECRET, SECRET)
    backup = dbmod.backup_to(tmp_path / "protected.sqlite3")
    pw.remove_password(SECRET)
    pw.set_password(NEW, NEW)  # a new key
    id_crypto.forget_all()
    assert pw.unlock(NEW)
    page = show_widget(qtbot, SettingsPage(gui_context), (1000, 700))
    answers.replies.extend([True, True])

    def old_password(dialog):
        assert isinstance(dialog, PasswordDialog)
        dialog.field.setText(SECRET)
        dialog.try_password()

    _when_dialog(PasswordDialog, old_password)
    assert page.restore(backup) is True
    assert pw.check_password(SECRET) and Person.get(Person.name == "王秀英").id_number == ID_NUMBER


def test_a_password_that_cannot_be_stored_says_why_and_changes_nothing(qtbot, gui_context, answers):
    from gui.settings.password_dialog import PasswordChangeDialog

    save_person(PersonInput(name="王秀英", birth="1978-05", id_number=ID_NUMBER), gui_context.unit_code)
    dbmod.close_database()
    dbmod.open_database(gui_context.db_path, read_only=True)  # a write-protected disk, say
    dialog = PasswordChangeDialog()
    qtbot.addWidget(dialog)
    dialog.fields["new"].setText(SECRET)
    dialog.fields["repeated"].setText(SECRET)
    assert not dialog.save()
    kind, title, text = answers.shown[-1]
    assert kind == "error" and title == _("Nothing was saved") and str(gui_context.db_path) in text
    assert dialog.fields["new"].text() == SECRET and dialog.recovery_dialog is None
    assert not pw.has_password() and not id_crypto.is_encrypted()
    assert ID_NUMBER.encode() in gui_context.db_path.read_bytes()
