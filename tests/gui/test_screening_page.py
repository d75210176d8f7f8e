"""The 两癌检查 page driven like a user: a round, its women, marking sign-up and examination by keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.common.page import NEW
from gui.screening.dialogs import MarkDialog, RoundDialog, WomanDialog
from gui.screening.page import NEW_ROUND, ScreeningPage
from gui.screening.table import WomanTableModel
from models import screening as sc
from models.i18n import _
from models.people import PersonInput, save_person
from tests.gui.gui_helpers import show_widget, type_text

UNIT = "430121100201"
YEAR = dt.date.today().year


@pytest.fixture
def page(qtbot, gui_context, answers):
    return show_widget(qtbot, ScreeningPage(gui_context), (1100, 700))


@pytest.fixture
def screening_round(gui_context):
    start = dt.date.today() - dt.timedelta(days=20)
    screening_round = sc.save_round(sc.RoundInput(year=start.year, quota=10, starts_on=start), UNIT)
    for name, birth in (("李桂兰", "1975.05"), ("王芳", "1980.01"), ("赵敏", "1966.09")):
        sc.save_woman(sc.WomanInput(name=name, birth_month=birth, group_name="一组"), screening_round)
    return screening_round


def test_the_model_passes_the_model_tester(qtmodeltester, screening_round):
    model = WomanTableModel(UNIT)
    model.set_filters(screening_round.uuid, None)
    qtmodeltester.check(model)


def test_a_round_is_entered_by_keyboard_and_the_page_says_what_to_do_next(qtbot, page):
    assert page.stack.currentIndex() == 1
    assert str(YEAR) in page.empty.text()
    page.trigger(NEW_ROUND)
    dialog = page.dialog
    assert isinstance(dialog, RoundDialog)
    assert dialog.year.value() == YEAR
    dialog.quota.setValue(60)
    type_text(dialog.place, "县妇幼保健院")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.place, Qt.Key_S, Qt.ControlModifier)
    assert page.dialog is None
    [saved] = sc.rounds(UNIT, YEAR)
    assert (saved.quota, saved.place) == (60, "县妇幼保健院")
    assert page.round.currentData() == saved.uuid
    assert _("Quota {n}").format(n=60) in page.progress.text()


def test_a_woman_of_the_wrong_age_is_refused_beside_her_birth_month(qtbot, page, screening_round):
    page.refresh()
    page.trigger(NEW)
    dialog = page.dialog
    assert isinstance(dialog, WomanDialog)
    type_text(dialog.name, "小红")
    dialog.birth_month.setText(f"{YEAR - 20}.01")
    dialog.save()
    expected = _("She is {age} on {date}; the screening is for women of {low} to {high}.")
    assert dialog.field_error("birth_month").endswith(expected.split("；")[-1].split(";")[-1].format(low=35, high=64))
    assert page.dialog is dialog
    dialog.birth_month.setText("1970.03")
    dialog.save()
    assert page.dialog is None
    assert page.model.total() == 4


def test_selected_women_are_signed_up_and_examined_with_ctrl_r_and_ctrl_t(qtbot, page, screening_round):
    page.refresh()
    page.table.setFocus()
    page.table.selectAll()
    qtbot.keyClick(page.table, Qt.Key_R, Qt.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, MarkDialog)
    assert dialog.date.date() == dt.date.today()
    dialog.save()
    assert page.dialog is None
    assert sc.totals(screening_round).signed_up == 3
    page.table.selectAll()
    qtbot.keyClick(page.table, Qt.Key_T, Qt.ControlModifier)
    dialog = page.dialog
    dialog.date.set_date(screening_round.starts_on - dt.timedelta(days=1))
    dialog.save()
    assert dialog.error_text() == _("The round starts on {date}: no one is examined before.").format(
        date=screening_round.starts_on.isoformat()
    )
    assert page.dialog is dialog
    dialog.date.set_date(dt.date.today())
    dialog.save()
    assert sc.totals(screening_round).examined == 3
    page.status.setCurrentIndex(page.status.findData("not_signed_up"))
    assert page.model.total() == 0
    page.status.setCurrentIndex(page.status.findData("examined"))
    assert page.model.total() == 3


def test_the_women_of_the_roster_are_added_after_a_question(qtbot, page, answers, screening_round):
    save_person(PersonInput(name="周玉梅", sex="F", birth="1972-04"), UNIT)
    page.refresh()
    answers.replies.append(True)
    page.trigger("from_roster")
    assert page.model.total() == 4
