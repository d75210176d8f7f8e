"""The 关爱帮扶 page driven like a user: the register, acts of help, contacts with parents, the reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from gui.care.act_dialog import ActDialog, ParentContactDialog
from gui.care.page import CarePage
from gui.care.tables import TargetTableModel
from gui.care.target_dialog import TargetDialog
from gui.common.page import DELETE, EDIT, NEW
from models import care
from models.care import ActInput, CareAct, CareTarget, ParentContact, TargetInput
from models.i18n import _, ngettext
from tests.gui.gui_helpers import show_widget, type_text

UNIT = "430121100201"
THIS_MONTH = dt.date.today().replace(day=1)


def child(name: str = "李小军", category: str = "left_behind_child", **kw) -> CareTarget:
    return care.save_target(TargetInput(category=category, name=name, birth_month="2016.04", **kw), UNIT)


@pytest.fixture
def page(qtbot, gui_context, answers):
    return show_widget(qtbot, CarePage(gui_context), (1200, 700))


def save_by_keyboard(qtbot, dialog, editor) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # shortcuts need it
    qtbot.keyClick(editor, Qt.Key_S, Qt.ControlModifier)


def test_the_register_model_passes_the_model_tester(qtmodeltester, gui_context):
    child()
    qtmodeltester.check(TargetTableModel(UNIT))


def test_a_child_is_added_by_keyboard_and_a_too_old_one_is_refused_beside_the_field(qtbot, page):
    assert page.empty.isVisible()
    page.trigger(NEW)
    dialog = page.dialog
    assert isinstance(dialog, TargetDialog)
    type_text(dialog.name, "张小花")
    type_text(dialog.birth_month, "2001.05")
    save_by_keyboard(qtbot, dialog, dialog.name)
    assert page.dialog is dialog
    assert (
        _("A child must be under 18 on {date}; this one is {age}.").split("{")[0]
        in dialog.boxes["birth_month"].error_text()
    )
    dialog.birth_month.clear()
    type_text(dialog.birth_month, "2015.09")
    type_text(dialog.guardian, "奶奶 王桂香")
    type_text(dialog.helper, "刘芳")
    save_by_keyboard(qtbot, dialog, dialog.name)
    assert page.dialog is None
    assert page.model.rowCount() == 1
    assert page.count_label.text() == ngettext("{n} person", "{n} people", 1).format(n=1)
    assert page.name_label.text() == "张小花"
    assert "奶奶 王桂香" in page.facts.text()
    assert page.contacts.isVisible()  # a left-behind child: contacts with parents
    page.grab().save("/tmp/helped-care-page-new.png")


def test_acts_and_contacts_are_added_edited_and_deleted_from_their_lists(qtbot, page, answers):
    target = child()
    page.refresh()
    assert page.current_target().uuid == target.uuid
    page.new_act()
    dialog = page.dialog
    assert isinstance(dialog, ActDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("money"))
    type_text(dialog.amount, "12.345")
    save_by_keyboard(qtbot, dialog, dialog.amount)
    assert _("The amount has at most two decimals (fen).") in dialog.boxes["amount"].error_text()
    dialog.amount.clear()
    type_text(dialog.amount, "300")
    type_text(dialog.what, "六一儿童节慰问金")
    save_by_keyboard(qtbot, dialog, dialog.amount)
    assert page.dialog is None
    assert page.acts.rowCount() == 1 and page.acts.item(0, 4).text() == "300"
    assert page.list_in_use() == "care_acts"
    # Enter on the act opens it again.
    page.acts.selectRow(0)
    page.trigger(EDIT)
    assert isinstance(page.dialog, ActDialog) and page.dialog.amount.text() == "300.00"
    page.dialog.reject()
    page.new_contact()
    dialog = page.dialog
    assert isinstance(dialog, ParentContactDialog)
    type_text(dialog.parent_name, "父亲")
    type_text(dialog.summary, "孩子期中考试进步")
    save_by_keyboard(qtbot, dialog, dialog.parent_name)
    assert page.contacts.rowCount() == 1
    page.grab().save("/tmp/helped-care-page.png")
    # Delete on the contacts list deletes the contact, not the child.
    QApplication.sendEvent(page.contacts, QFocusEvent(QEvent.FocusIn))
    page.contacts.selectRow(0)
    answers.replies.append(True)
    page.trigger(DELETE)
    assert ParentContact.live().count() == 0 and CareTarget.live().count() == 1
    # Delete on the register takes the acts along.
    QApplication.sendEvent(page.table, QFocusEvent(QEvent.FocusIn))  # the register gets the keyboard
    answers.replies.append(True)
    page.trigger(DELETE)
    assert CareTarget.live().count() == 0 and CareAct.live().count() == 0
    assert page.empty.isVisible()


def test_ended_people_are_hidden_unless_asked_and_the_category_filters(qtbot, page):
    child()
    child("王已结束", since=dt.date(2024, 1, 1), ended_on=dt.date(2025, 6, 30))
    care.save_target(TargetInput(category="woman_in_hardship", name="陈秀梅"), UNIT)
    page.refresh()
    assert page.model.rowCount() == 2
    page.show_ended.setChecked(True)
    assert page.model.rowCount() == 3
    page.category.setCurrentIndex(page.category.findData("woman_in_hardship"))
    assert page.model.rowCount() == 1
    assert page.name_label.text() == "陈秀梅"
    assert not page.contacts.isVisible()
    assert not page.actions_by_name["new_contact"].isEnabled()


def test_the_foot_names_the_children_whose_parents_wait_for_a_contact(qtbot, page):
    waiting = child("张小花")
    contacted = child()
    care.save_parent_contact(care.ParentContactInput(target=contacted.uuid, date=dt.date.today()), UNIT)
    care.save_act(ActInput(target=waiting.uuid, date=dt.date.today(), what="走访"), UNIT)
    page.refresh()
    assert page.reminder.isVisible()
    assert "张小花" in page.reminder.text() and "李小军" not in page.reminder.text()


def test_the_village_overview_reminds_of_children_not_contacted(qtbot, gui_context, answers):
    from gui.overview.page import OverviewPage

    child("张小花")
    overview = show_widget(qtbot, OverviewPage(gui_context), (1100, 700))
    assert overview.care.isVisible()
    assert "1" in overview.care_text.text()
    overview.grab().save("/tmp/helped-overview.png")


def test_a_county_is_told_the_names_stay_in_the_villages(qtbot, gui_context, gui_settings, answers):
    from forms.care_targets import kept_in_villages
    from gui.context import AppContext

    child()
    county = AppContext(
        db_path=gui_context.db_path, unit_code="430121000000", unit_name="长沙县", settings=gui_settings
    )
    page = show_widget(qtbot, CarePage(county), (1100, 600))
    assert page.stack.currentWidget().text() == kept_in_villages()
    page.trigger(NEW)
    assert page.dialog is None
    page.grab().save("/tmp/helped-care-county.png")
