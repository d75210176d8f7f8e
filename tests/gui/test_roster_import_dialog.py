"""The roster import dialog: a preview first, problems listed, then all or only the good rows."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gui.people.roster_import import BAD_CELL, BAD_ROW, PreviewModel, RosterImportDialog
from models.i18n import _, ngettext
from models.people import Person
from models.roster_import import ROSTER_COLUMNS, read_roster


@pytest.fixture
def dialog(qtbot, gui_context, answers):
    dlg = RosterImportDialog(gui_context)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def live_names() -> set[str]:
    return {p.name for p in Person.live()}


def test_before_a_file_is_chosen_the_dialog_explains_and_offers_the_template(dialog):
    assert dialog.stack.currentIndex() == 0
    assert dialog.intro_choose.isVisible() and dialog.intro_template.isVisible()
    assert not dialog.import_all_button.isVisible()


def test_messy_roster_shows_problems_and_refuses_import_all(qtbot, dialog, answers, samples, gui_context):
    answers.files.append(samples / "roster_messy.xlsx")
    assert dialog.choose_file()
    preview = dialog.preview
    assert answers.file_requests[-1][0] == "open"
    assert Person.select().count() == 0  # reading writes nothing

    # Every row of the file is in the table; bad rows are red and their bad cells redder.
    model = dialog.table.model()
    assert model.rowCount() == len(preview.rows) == 9
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        str(r.row) for r in sorted(preview.rows, key=lambda r: r.row)
    ]
    row_of_8 = model.row_index(8)  # 王芳: wrong check digit and a short phone number
    id_column = model.FIXED + model.fields.index("id_number")
    assert model.data(model.index(row_of_8, id_column), Qt.BackgroundRole).color() == BAD_CELL
    assert (
        model.data(model.index(row_of_8, model.FIXED + model.fields.index("name")), Qt.BackgroundRole).color()
        == BAD_ROW
    )
    assert model.data(model.index(row_of_8, id_column), Qt.ToolTipRole)
    row_of_4 = model.row_index(4)
    assert model.data(model.index(row_of_4, 1)) == _("Ready")
    assert model.data(model.index(row_of_4, 2), Qt.BackgroundRole) is None

    # The problem list: row, column as headed in the file, message.
    problems = dialog.problems
    assert problems.rowCount() == len(preview.problems) > 0
    listed = [
        (problems.item(i, 0).text(), problems.item(i, 1).text(), problems.item(i, 2).text())
        for i in range(problems.rowCount())
    ]
    assert (
        "8",
        "身份证号码",
        _("The last character of the ID number is wrong (check digit); please check the number."),
    ) in listed
    assert any(row == "12" and column == "姓名" for row, column, _m in listed)  # the row with no name

    good, bad = len(preview.good_rows), len(preview.bad_rows)
    assert (good, bad) == (4, 5)
    assert str(good) in dialog.summary.text() and str(bad) in dialog.summary.text()
    assert str(len(preview.skipped)) in dialog.summary.text()

    assert not dialog.import_all_button.isEnabled()
    assert dialog.import_good_button.isEnabled()

    # Choosing a problem shows its row in the table.
    dialog.problems.setCurrentCell(0, 2)
    assert dialog.table.selectionModel().selectedRows()[0].row() == model.row_index(preview.problems[0].row)

    qtbot.mouseClick(dialog.import_good_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    assert dialog.imported == 4
    expected = {r.person.name for r in preview.good_rows}
    assert live_names() == expected == {"李秀英", "刘䶮", "欧阳玉兰", "陈桂花"}
    assert all(p.unit == gui_context.unit_code for p in Person.select())
    assert answers.shown[-1][0] == "info"
    assert answers.shown[-1][2] == ngettext("{n} person imported.", "{n} people imported.", 4).format(n=4)


def test_clean_roster_imports_every_row(qtbot, dialog, samples):
    assert dialog.load(samples / "roster_clean.xlsx")
    assert dialog.import_all_button.isEnabled()
    assert not dialog.import_good_button.isVisible()
    assert dialog.problems_title.text() == _("No problems found.")
    rows = len(dialog.preview.rows)
    qtbot.mouseClick(dialog.import_all_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    assert Person.live().count() == rows == 7
    assert "周艳" in live_names()


def test_cancel_writes_nothing(qtbot, dialog, samples):
    assert dialog.load(samples / "roster_clean.xlsx")
    qtbot.mouseClick(dialog.cancel_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Rejected
    assert Person.select().count() == 0


def test_importing_the_same_file_again_is_refused_row_by_row(qtbot, dialog, samples, gui_context):
    assert dialog.load(samples / "roster_clean.xlsx")
    qtbot.mouseClick(dialog.import_all_button, Qt.LeftButton)
    again = RosterImportDialog(gui_context)
    qtbot.addWidget(again)
    assert again.load(samples / "roster_clean.xlsx")
    assert not again.import_all_button.isEnabled()
    assert len(again.preview.bad_rows) == 7
    assert not again.import_good_button.isEnabled()  # no good row to import
    assert Person.live().count() == 7


def test_an_unreadable_file_is_an_error_message(dialog, answers, tmp_path):
    broken = tmp_path / "名册.xlsx"
    broken.write_bytes(b"this is not a workbook")
    assert not dialog.load(broken)
    kind, _title, text = answers.shown[-1]
    assert kind == "error"
    assert "名册.xlsx" in text
    assert dialog.preview is None


def test_a_file_without_a_roster_header_is_an_error_message(dialog, answers, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    assert not dialog.load(other)
    assert answers.shown[-1][0] == "error"


def test_cancelling_the_file_chooser_keeps_the_intro(dialog, answers):
    answers.files.append(None)
    assert not dialog.choose_file()
    assert dialog.stack.currentIndex() == 0
    assert answers.shown == []


def test_save_empty_template(dialog, answers, tmp_path, gui_context):
    target = tmp_path / "template"
    answers.files.append(target)
    written = dialog.save_template()
    assert written == tmp_path / "template.xlsx"
    sheet = openpyxl.load_workbook(written).active
    headers = [c.value for c in sheet[2] if c.value]
    assert ROSTER_COLUMNS["name"][0] in headers or ROSTER_COLUMNS["name"][1] in headers
    assert answers.shown[-1][0] == "info"
    # The template reads back as an empty roster, not as an error.
    preview = read_roster(written, gui_context.unit_code)
    assert preview.rows == []


def test_preview_model_passes_qt_checks(qtmodeltester, database, samples):
    from models import units

    preview = read_roster(samples / "roster_messy.xlsx", units.own_unit().code)
    qtmodeltester.check(PreviewModel(preview))
