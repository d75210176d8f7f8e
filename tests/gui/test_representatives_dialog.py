"""The list of women's representatives, driven like a user: rows typed, imported, refused, saved with 应到."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit

from gui.elections import representatives_dialog as rd
from gui.elections.representatives_dialog import BIRTH, CATEGORY, GROUP, NAME, PERSON, RepresentativesDialog
from models import codes
from models.elections import records as er
from models.elections import representatives as reps
from models.elections.representatives import RepresentativeInput as Row
from models.i18n import _
from models.people import PersonInput, save_person
from tests.gui.gui_helpers import show_widget, type_text

UNIT = "430121100201"


@pytest.fixture(autouse=True)
def answered(answers):
    return answers


@pytest.fixture
def election(gui_context):
    return er.Election.create(unit=UNIT, term_number=3)


def open_dialog(qtbot, gui_context, election) -> RepresentativesDialog:
    return show_widget(qtbot, RepresentativesDialog(gui_context, er.get_election(election.uuid)))


def type_cell(qtbot, dialog, row: int, column: int, text: str) -> None:
    """Open the cell's editor as a double-click would, type like an input method, then Enter."""
    table = dialog.table
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = open_editor(table)
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)  # the delegate commits on the next turn


def open_editor(table) -> QLineEdit:
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "no cell editor is open"
    return editors[0]


def add_typed(qtbot, dialog, name: str, group: str = "", birth: str = "") -> int:
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    row = dialog.table.currentRow()
    editor = open_editor(dialog.table)  # Add opens the new row's name for typing
    type_text(editor, name)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.item(row, NAME).text() == name)
    if group:
        type_cell(qtbot, dialog, row, GROUP, group)
    if birth:
        type_cell(qtbot, dialog, row, BIRTH, birth)
    return row


def test_adding_rows_and_saving_makes_them_the_entitled(qtbot, gui_context, election):
    dialog = open_dialog(qtbot, gui_context, election)
    add_typed(qtbot, dialog, "李秀英", "一组", "1980.3")
    row = add_typed(qtbot, dialog, "王芳", "二组")
    combo = dialog.table.cellWidget(row, CATEGORY)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("volunteer"))
    assert dialog.entitled.value() == 2
    assert dialog.entitled_line_text() == _("Entitled to attend: {entitled} (list of representatives: {count})").format(
        entitled=2, count=2
    )
    assert not dialog.boxes["entitled_reason"].isVisibleTo(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    stored = er.get_election(election.uuid)
    assert stored.entitled == 2
    assert [(r.name, r.group_name, r.birth_month, r.category) for r in reps.representatives(stored)] == [
        ("李秀英", "一组", "1980-03", ""),
        ("王芳", "二组", "", "volunteer"),
    ]


def test_a_bad_birth_month_is_refused_beside_its_row(qtbot, gui_context, election):
    dialog = open_dialog(qtbot, gui_context, election)
    add_typed(qtbot, dialog, "李秀英", birth="1980.3")
    add_typed(qtbot, dialog, "王芳", birth="2099.01")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.isVisible()
    problem = _("The birth month {value} is in the future.").format(value="2099.01")
    expected = _("Row {n}: {message}").format(n=2, message=problem)
    assert expected in dialog.field_error("rows")
    assert dialog.table.item(1, BIRTH).toolTip() == expected
    assert dialog.table.currentRow() == 1
    assert reps.representatives(election) == []
    type_cell(qtbot, dialog, 1, BIRTH, "1979.01")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert er.get_election(election.uuid).entitled == 2


def test_another_entitled_needs_a_reason(qtbot, gui_context, election):
    reps.save_representatives(election, [Row("李秀英"), Row("王芳"), Row("张晓红")])
    dialog = open_dialog(qtbot, gui_context, election)
    assert dialog.entitled.value() == 3
    dialog.entitled.setFocus()
    dialog.entitled.lineEdit().selectAll()
    qtbot.keyClicks(dialog.entitled, "4")
    assert dialog.boxes["entitled_reason"].isVisibleTo(dialog)
    assert dialog.entitled_line_text() == _("Entitled to attend: {entitled} (list of representatives: {count})").format(
        entitled=4, count=3
    )
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.isVisible()
    assert dialog.field_error("entitled_reason") == _(reps.MISSING_REASON).format(entitled=4, count=3)
    assert er.get_election(election.uuid).entitled == 3
    type_text(dialog.reason, "一名代表由乡镇妇联补充")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    stored = er.get_election(election.uuid)
    assert (stored.entitled, stored.entitled_reason) == (4, "一名代表由乡镇妇联补充")
    # Opened again: the number set by hand stays, with its reason; removing a row does not move it.
    again = open_dialog(qtbot, gui_context, election)
    assert again.entitled.value() == 4 and again.reason.text() == "一名代表由乡镇妇联补充"


def test_import_from_people_links_them_and_move_and_remove(qtbot, gui_context, election, monkeypatch):
    zhao = save_person(PersonInput(name="赵敏", birth="1985-07", identities=["teacher"]), UNIT)
    save_person(PersonInput(name="孙琴"), UNIT)
    dialog = open_dialog(qtbot, gui_context, election)
    add_typed(qtbot, dialog, "李秀英")

    def pick(picker):
        rows = [picker.list.item(i) for i in range(picker.list.count())]
        assert [r.text() for r in rows] == ["孙琴", "赵敏（1985.07）"]
        rows[1].setCheckState(Qt.Checked)
        return QDialog.Accepted

    monkeypatch.setattr(rd.PeoplePicker, "exec", pick)  # a modal loop cannot run in a test; the ticking is real
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, PERSON).text() == "赵敏"
    assert dialog.table.cellWidget(1, CATEGORY).currentText() == codes.IDENTITY.label("teacher")
    dialog.table.setCurrentCell(1, NAME)
    qtbot.mouseClick(dialog.up_button, Qt.LeftButton)
    assert [dialog.table.item(r, NAME).text() for r in range(2)] == ["赵敏", "李秀英"]
    dialog.table.setCurrentCell(1, NAME)
    qtbot.mouseClick(dialog.remove_button, Qt.LeftButton)
    assert dialog.entitled.value() == 1
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    saved = reps.representatives(election)
    assert [(r.name, r.person_id, r.birth_month) for r in saved] == [("赵敏", zhao.uuid, "1985-07")]


def test_the_elections_page_detail_pane_opens_the_list_and_shows_entitled(qtbot, gui_context, election, monkeypatch):
    from gui.elections.page import ElectionsPage

    page = show_widget(qtbot, ElectionsPage(gui_context), (1100, 700))
    assert page.select_election(election.uuid)
    detail = page.detail
    assert _("No list of representatives yet.") in detail.section("representatives")
    assert _("List of women's representatives…") in detail.toPlainText()
    opened = []

    def fill_and_save(dialog):
        opened.append(dialog.context)
        dialog.add_row(Row("李秀英"))
        dialog.add_row(Row("王芳"))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(RepresentativesDialog, "exec", fill_and_save)  # a modal loop cannot run in a test
    with qtbot.waitSignal(detail.representatives_saved):
        detail.anchorClicked.emit(QUrl(detail.REPRESENTATIVES_LINK))
    assert opened == [gui_context]
    assert _("{n} listed; entitled to attend: {entitled}").format(n=2, entitled=2) in detail.section("representatives")
    assert er.get_election(election.uuid).entitled == 2


def test_a_list_of_a_unit_below_is_shown_and_never_edited(qtbot, gui_context):
    below = er.Election.create(unit="430121100202", term_number=2)
    reps.save_representatives(below, [Row("李秀英", "一组")])
    dialog = open_dialog(qtbot, gui_context, below)
    assert dialog.table.item(0, NAME).text() == "李秀英"
    assert not dialog.save_button.isVisible()
    assert not dialog.add_button.isEnabled() and not dialog.import_button.isEnabled()
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers
    assert dialog.entitled.isReadOnly()


def test_the_election_dialog_cannot_drift_from_the_list(qtbot, gui_context, election):
    from gui.elections.election_dialog import ElectionDialog
    from tests.gui.test_election_dialog import type_number

    reps.save_representatives(election, [Row("李秀英"), Row("王芳")])
    dialog = show_widget(qtbot, ElectionDialog(gui_context, er.get_election(election.uuid)))
    dialog.go_to("meeting")
    assert dialog.meeting.numbers["entitled"].spin.value() == 2
    type_number(qtbot, dialog.meeting.numbers["entitled"].spin, 9)
    assert not dialog.save()
    problem = _(
        "The number entitled ({entitled}) differs from the {count} women's representatives listed; "
        "correct it, or give the reason in the list of women's representatives."
    ).format(entitled=9, count=2)
    assert problem in dialog.banner.text()
    assert er.get_election(election.uuid).entitled == 2
