"""The 纠纷与信访 page driven like a user: a dispute case with its steps, the monthly report, a letter or visit."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from gui.common.page import DELETE, NEW
from gui.rights.case_dialog import CaseDialog
from gui.rights.page import CASES, MONTHS, PETITIONS, RightsPage
from gui.rights.petition_dialog import PetitionDialog
from gui.rights.tables import CaseTableModel, PetitionTableModel
from models import disputes, petitions
from models.disputes import CaseInput, DisputeCase, DisputeStep
from models.i18n import _, ngettext
from tests.gui.gui_helpers import show_widget, type_text

UNIT = "430121100201"


@pytest.fixture
def page(qtbot, gui_context, answers):
    return show_widget(qtbot, RightsPage(gui_context), (1100, 700))


def test_the_table_models_pass_the_model_tester(qtmodeltester, gui_context):
    disputes.save_case(CaseInput(found_on=dt.date.today(), parties="夫妻双方", responsible="张秀英"), UNIT)
    petitions.save_petition(petitions.PetitionInput(date=dt.date.today(), matter="反映家暴"), UNIT)
    for model in (CaseTableModel(UNIT), PetitionTableModel(UNIT)):
        qtmodeltester.check(model)


def test_a_case_with_its_steps_is_kept_by_keyboard(qtbot, page):
    assert page.tabs.tabText(CASES) == _("Dispute screening")
    page.trigger(NEW)
    dialog = page.dialog
    assert isinstance(dialog, CaseDialog)
    type_text(dialog.parties, "某户夫妻双方")
    type_text(dialog.responsible, "张秀英")
    dialog.risk.setCurrentIndex(dialog.risk.findData("high"))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.steps.add_button.setFocus()  # reached by Tab after the steps' list
    qtbot.keyClick(dialog.steps.add_button, Qt.Key_Space)
    assert dialog.steps.table.rowCount() == 1
    dialog.steps.table.item(0, 2).setText("入户调解")
    qtbot.keyClick(dialog.parties, Qt.Key_S, Qt.ControlModifier)
    assert page.dialog is None
    case = DisputeCase.get()
    assert case.risk == "high" and [s.action for s in disputes.steps_of(case)] == ["入户调解"]
    assert page.cases.count_label.text() == ngettext("{n} case", "{n} cases", 1).format(n=1)
    row = [page.cases.model.index(0, c).data() for c in range(page.cases.model.columnCount())]
    assert "某户夫妻双方" in row and _("High risk") in row


def test_a_closed_case_before_it_was_found_is_refused_beside_the_field(qtbot, page):
    page.trigger(NEW)
    dialog = page.dialog
    type_text(dialog.parties, "婆媳")
    type_text(dialog.responsible, "张秀英")
    dialog.found_on.set_date(dt.date.today())
    dialog.status.setCurrentIndex(dialog.status.findData("handed_on"))
    dialog.closed_on.set_date(dt.date.today() - dt.timedelta(days=3))
    dialog.save()
    assert dialog.field_error("closed_on") == _("The case cannot be closed before it was found.")
    assert dialog.field_error("handed_to") == _("Say to whom the case was handed on.")
    assert dialog.isVisible() and DisputeCase.select().count() == 0


def test_a_step_dropped_in_the_dialog_goes_and_a_deleted_case_takes_its_steps(qtbot, page, answers):
    steps = [disputes.StepInput(dt.date.today(), "visit", "走访"), disputes.StepInput(dt.date.today(), "other", "电话")]
    disputes.save_case(CaseInput(found_on=dt.date.today(), parties="邻里", responsible="张秀英", steps=steps), UNIT)
    page.refresh()
    page.trigger("edit")
    dialog = page.dialog
    dialog.steps.table.setCurrentCell(1, 2)
    dialog.steps.remove_step()
    dialog.save()
    assert [s.action for s in disputes.steps_of(DisputeCase.get())] == ["走访"]
    answers.replies.append(True)
    page.trigger(DELETE)
    assert page.cases.model.rowCount() == 0 and DisputeStep.live().count() == 0


def test_the_month_is_reported_as_none_only_when_no_case_was_found(qtbot, page, answers):
    page.tabs.setCurrentIndex(MONTHS)
    months = page.months
    this_month = f"{dt.date.today():%Y-%m}"
    assert months.rows[0].month == this_month
    answers.texts.append("张秀英")
    qtbot.mouseClick(months.none_button, Qt.LeftButton)
    report = disputes.report_of(UNIT, this_month)
    assert report.none_this_month and report.reported_by == "张秀英"
    assert months.table.item(0, 5).text() == _("None this month")
    disputes.save_case(CaseInput(found_on=dt.date.today(), parties="夫妻", responsible="张秀英"), UNIT)
    months.reload()
    assert months.table.item(0, 5).text() == _("Reported")  # a case found later corrects the none report
    assert not months.none_button.isEnabled()  # a month with a case is reported with its cases
    answers.texts.append("")  # empty: the last reporter again
    page.trigger(NEW)
    report = disputes.report_of(UNIT, this_month)
    assert not report.none_this_month and report.reported_by == "张秀英"


def test_a_letter_or_visit_is_registered(qtbot, page):
    page.tabs.setCurrentIndex(PETITIONS)
    page.trigger(NEW)
    dialog = page.dialog
    assert isinstance(dialog, PetitionDialog)
    way = dialog.way
    assert isinstance(way, QComboBox)
    way.setCurrentIndex(way.findData("hotline_12338"))
    type_text(dialog.visitor, "刘女士")
    dialog.matter.setPlainText("反映土地承包权益")
    dialog.category.setCurrentIndex(dialog.category.findData("land"))
    dialog.save()
    assert page.dialog is None
    assert petitions.Petition.get().way == "hotline_12338"
    assert page.petitions.model.rowCount() == 1
