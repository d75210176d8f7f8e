"""The add/edit person dialog: inline errors, input kept, Ctrl+S/Enter, Esc asks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gui.common import messages
from gui.context import AppContext
from gui.people.person_dialog import PersonDialog
from models import codes
from models.i18n import _
from models.people import Person, PersonInput, id_number_check_digit, save_person
from tests.gui.gui_helpers import show_widget, type_text


def valid_id(first17: str = "43012119780512002") -> str:
    return first17 + id_number_check_digit(first17)


GOOD_ID = valid_id()  # born 1978-05-12, even 17th digit: female
BAD_ID = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")


@pytest.fixture
def context(gui_context) -> AppContext:
    return gui_context


@pytest.fixture(autouse=True)
def answered(answers):
    """No real message box may open here: it would wait for a click forever."""
    return answers


def choose(combo, code) -> None:
    combo.setCurrentIndex(combo.findData(code))


@pytest.fixture
def dialog(qtbot, context):
    return show_widget(qtbot, PersonDialog(context))


def test_new_dialog_title_and_empty_fields(dialog):
    assert dialog.windowTitle() == _("New person")
    assert dialog.name.text() == ""
    assert dialog.sex.currentData() == "F"
    assert dialog.ethnicity.currentData() is None
    assert dialog.ethnicity.itemText(0) == ""
    assert dialog.identities.count() == len(codes.IDENTITY.codes())
    assert not dialog.has_changes()


def test_add_a_person_with_every_field(qtbot, dialog, context):
    type_text(dialog.name, "张晓红")
    assert dialog.name.text() == "张晓红"
    choose(dialog.ethnicity, "15")
    qtbot.keyClicks(dialog.birth, "1978.5")
    qtbot.keyClicks(dialog.id_number, GOOD_ID.lower())
    choose(dialog.education, "30")
    choose(dialog.political, "01")
    choose(dialog.post, "vice_chair")
    dialog.part_time.setChecked(False)
    type_text(dialog.workplace, "石门村村委会")
    dialog.identities.item(2).setCheckState(Qt.Checked)
    dialog.identities.item(6).setCheckState(Qt.Checked)
    dialog.two_committees.setChecked(True)
    qtbot.keyClicks(dialog.phone, "138 1234 5678")
    type_text(dialog.notes, "妇女之家负责人")
    assert dialog.has_changes()

    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert dialog.result() == QDialog.Accepted
    person = Person.get()
    assert dialog.person.uuid == person.uuid
    assert (person.name, person.ethnicity, person.birth, person.id_number) == ("张晓红", "15", "1978-05", GOOD_ID)
    assert (person.education, person.political, person.post, person.part_time) == ("30", "01", "vice_chair", False)
    assert person.workplace == "石门村村委会"
    assert person.identity_codes == [codes.IDENTITY.codes()[2], codes.IDENTITY.codes()[6]]
    assert person.two_committees and person.phone == "13812345678" and person.notes == "妇女之家负责人"
    assert person.unit == context.unit_code


def test_bad_id_number_is_shown_beside_the_field_and_nothing_is_saved(qtbot, dialog):
    type_text(dialog.name, "李玉兰")
    qtbot.keyClicks(dialog.birth, "1978.05")
    qtbot.keyClicks(dialog.id_number, BAD_ID)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert dialog.isVisible()
    assert Person.select().count() == 0
    message = dialog.field_error("id_number")
    assert message == _("The last character of the ID number is wrong (check digit); please check the number.")
    assert dialog.boxes["id_number"].error.isVisible()
    assert dialog.id_number.property("invalid") is True
    assert dialog.field_error("name") == "" and dialog.field_error("birth") == ""
    # What was typed is kept, and the cursor waits in the bad field.
    assert dialog.name.text() == "李玉兰" and dialog.id_number.text() == BAD_ID
    assert dialog.focusWidget() is dialog.id_number

    dialog.id_number.clear()
    qtbot.keyClicks(dialog.id_number, GOOD_ID)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    assert Person.get().id_number == GOOD_ID
    assert dialog.field_error("id_number") == ""
    assert dialog.id_number.property("invalid") is False


def test_every_problem_is_shown_at_once_and_focus_goes_to_the_first(qtbot, dialog):
    qtbot.keyClicks(dialog.birth, "1978.13")
    qtbot.keyClicks(dialog.phone, "12345")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.field_error("name") == _("The name is required.")
    assert dialog.field_error("birth") == _("There is no month {month}.").format(month=13)
    assert dialog.field_error("phone") != ""
    assert dialog.focusWidget() is dialog.name
    assert Person.select().count() == 0


def test_sex_contradicting_the_id_number_is_shown_on_the_sex_field(qtbot, dialog):
    type_text(dialog.name, "王芳")
    choose(dialog.sex, "M")
    qtbot.keyClicks(dialog.id_number, GOOD_ID)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.field_error("sex") == _("The sex does not match the ID number (it says {sex}).").format(
        sex=codes.SEX.label("F")
    )
    assert dialog.focusWidget() is dialog.sex


def test_duplicate_id_number_names_the_other_person(qtbot, dialog, context):
    save_person(PersonInput(name="赵敏", id_number=GOOD_ID), context.unit_code)
    type_text(dialog.name, "王芳")
    qtbot.keyClicks(dialog.id_number, GOOD_ID)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.field_error("id_number") == _("{name} already has this ID number.").format(name="赵敏")
    assert Person.select().count() == 1


def test_an_unreadable_birth_month_and_a_duplicate_id_number_are_shown_together(qtbot, dialog, context):
    save_person(PersonInput(name="赵敏", id_number=GOOD_ID), context.unit_code)
    type_text(dialog.name, "王芳")
    qtbot.keyClicks(dialog.birth, "1978.13")
    qtbot.keyClicks(dialog.id_number, GOOD_ID)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.field_error("birth") == _("There is no month {month}.").format(month=13)
    assert dialog.field_error("id_number") == _("{name} already has this ID number.").format(name="赵敏")
    assert dialog.birth.text() == "1978.13"  # the user's text is kept
    assert Person.select().count() == 1


def test_birth_month_is_filled_in_from_the_id_number(qtbot, dialog):
    qtbot.keyClicks(dialog.id_number, GOOD_ID)
    dialog.id_number.editingFinished.emit()
    assert dialog.birth.text() == "1978.05"


def test_ctrl_s_saves(qtbot, dialog):
    qtbot.keyClicks(dialog.phone, "13812345678")
    type_text(dialog.name, "陈静")
    qtbot.keyClick(dialog.phone, Qt.Key_S, Qt.ControlModifier)
    assert dialog.result() == QDialog.Accepted
    assert Person.get().name == "陈静"


def test_enter_saves(qtbot, dialog):
    type_text(dialog.name, "陈静")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted
    assert Person.get().name == "陈静"


def test_esc_with_changes_asks_before_discarding(qtbot, dialog, answers):
    type_text(dialog.name, "陈静")
    answers.replies.append(False)  # "Discard the changes?" → No
    qtbot.keyClick(dialog.name, Qt.Key_Escape)
    assert messages.shown[-1][0] == "question"
    assert messages.shown[-1][2] == _("Discard the changes you typed?")
    assert dialog.isVisible() and dialog.name.text() == "陈静"

    answers.replies.append(True)
    qtbot.keyClick(dialog.name, Qt.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.Rejected
    assert Person.select().count() == 0


def test_esc_without_changes_closes_without_asking(qtbot, dialog, answers):
    qtbot.keyClick(dialog.name, Qt.Key_Escape)
    assert answers.shown == []
    assert not dialog.isVisible()


def test_edit_dialog_loads_and_saves_the_person(qtbot, context):
    person = save_person(
        PersonInput(name="张晓红", birth="1978-05", post="chair", identities=["volunteer"], phone="13812345678"),
        context.unit_code,
    )
    dlg = PersonDialog(context, person)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.windowTitle() == _("Edit {name}").format(name="张晓红")
    assert dlg.name.text() == "张晓红" and dlg.birth.text() == "1978.05"
    assert dlg.post.currentData() == "chair"
    assert dlg._checked_identities() == ["volunteer"]
    assert not dlg.has_changes()
    dlg.phone.clear()
    qtbot.keyClicks(dlg.phone, "0731-84123456")
    qtbot.mouseClick(dlg.save_button, Qt.LeftButton)
    assert dlg.result() == QDialog.Accepted
    stored = Person.get_by_id(person.uuid)
    assert stored.phone == "0731-84123456" and stored.post == "chair"
    assert Person.select().count() == 1


@pytest.mark.qt_no_exception_capture
def test_a_save_while_another_program_holds_the_database_says_so_at_once_and_keeps_the_input(
    qtbot, dialog, db_path, answered
):
    import sqlite3
    import sys
    import time

    from gui.app import GUI_BUSY_TIMEOUT_SECONDS
    from models import db as dbmod
    from models import i18n

    i18n.set_language("en")
    dbmod.set_busy_timeout(GUI_BUSY_TIMEOUT_SECONDS)
    old_hook = sys.excepthook
    messages.install_storage_fault_hook()
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        type_text(dialog.name, "陈静")
        started = time.monotonic()
        qtbot.keyClick(dialog.phone, Qt.Key_S, Qt.ControlModifier)
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
        sys.excepthook = old_hook
    assert waited < 5, waited  # not the 10 s busy timeout
    assert any("another program or another copy of Fulian Ledger" in text for _k, _t, text in messages.shown)
    assert dialog.isVisible() and dialog.result() != QDialog.Accepted
    assert dialog.name.text() == "陈静"
    assert Person.select().count() == 0


def test_a_message_goes_as_soon_as_the_field_is_right_before_save(qtbot, dialog):
    qtbot.keyClicks(dialog.birth, "1978.13")
    qtbot.keyClicks(dialog.phone, "12345")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.field_error("birth") == _("There is no month {month}.").format(month=13)
    assert dialog.field_error("name") == _("The name is required.")

    dialog.birth.clear()
    qtbot.keyClicks(dialog.birth, "1978.12")
    assert dialog.field_error("birth") == ""
    assert not dialog.birth.property("invalid")
    type_text(dialog.name, "李玉兰")
    assert dialog.field_error("name") == ""
    assert dialog.field_error("phone") != ""  # not corrected yet: still shown
    assert Person.select().count() == 0


def test_the_notes_line_up_with_the_fields_above(dialog):
    """备注 and its box start where the left column's labels and fields do, not at the dialog's edge."""
    name_box = dialog.boxes["name"]
    notes_box = dialog.boxes["notes"]
    x_of = lambda widget: widget.mapTo(dialog, widget.rect().topLeft()).x()  # noqa: E731
    assert abs(x_of(notes_box) - x_of(name_box)) <= 2
