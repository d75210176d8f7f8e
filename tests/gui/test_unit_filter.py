"""The unit filter of a county installation: its units below in the same pages, their records read-only."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gui.common.page import DELETE, EDIT
from gui.common.unit_filter import ALL_BELOW, READ_ONLY_TIP, UnitFilter
from gui.context import AppContext
from gui.elections.page import ElectionsPage
from gui.homes.activity_table import ActivityTableModel
from gui.homes.page import COPY, HomesPage
from gui.people.page import PeoplePage
from gui.people.person_table import COLUMNS, PersonTableModel
from gui.training.page import TrainingPage
from gui.training.training_table import TrainingTableModel
from models import units
from models.elections import records as er
from models.homes import ActivityInput, save_activity
from models.i18n import _
from models.people import PersonInput, save_person
from models.training import TrainingInput, save_training
from tests.gui.gui_helpers import show_widget

PAGE_SIZE = (1100, 700)  # width and height of every page shown here
COUNTY, TOWNSHIP, VILLAGE_A, VILLAGE_B = "430121000000", "430121100000", "430121100201", "430121100202"


@pytest.fixture
def county(database, gui_settings, db_path) -> AppContext:
    """A county installation that has imported one township and two of its villages."""
    units.set_own_unit(COUNTY, "长沙县")
    units.upsert_unit(TOWNSHIP, "黄花镇", owner=COUNTY)
    units.upsert_unit(VILLAGE_A, "石门村", owner=VILLAGE_A)
    units.upsert_unit(VILLAGE_B, "塘田村", owner=VILLAGE_B)
    save_person(PersonInput(name="县妇联甲", post="chair"), COUNTY)
    save_person(PersonInput(name="张晓红", post="chair"), VILLAGE_A)
    save_person(PersonInput(name="李玉兰", post="vice_chair"), VILLAGE_A)
    save_person(PersonInput(name="王芳", post="chair"), VILLAGE_B)
    for unit, title in ((COUNTY, "县级宣讲"), (VILLAGE_A, "石门宣讲"), (VILLAGE_B, "塘田宣讲")):
        save_activity(ActivityInput(date=dt.date(2025, 3, 8), title=title, category="1", form="talk", women=20), unit)
        save_training(
            TrainingInput(
                name=title + "培训", organiser="妇联", start_date=dt.date(2025, 4, 1), end_date=dt.date(2025, 4, 1)
            ),
            unit,
        )
    er.save_election(er.Election(unit=VILLAGE_A, kind="regular", status="preparing"))
    return AppContext(db_path=db_path, unit_code=COUNTY, unit_name="长沙县", settings=gui_settings)


def names(model) -> list[str]:
    return sorted(model.data(model.index(r, 0)) for r in range(model.rowCount()))


def test_the_filter_lists_the_units_below(qtbot, county):
    combo = show_widget(qtbot, UnitFilter(COUNTY), PAGE_SIZE)
    texts = [combo.itemText(i).strip("\u3000") for i in range(combo.count())]
    assert texts == [_("Own unit"), _("All units below"), "黄花镇", "石门村", "塘田村"]
    assert [combo.itemData(i) for i in range(combo.count())] == [COUNTY, ALL_BELOW, TOWNSHIP, VILLAGE_A, VILLAGE_B]
    assert combo.itemText(3).startswith("\u3000\u3000")  # villages sit under their township
    assert combo.choice() == COUNTY
    with qtbot.waitSignal(combo.unit_changed) as signal:
        combo.set_choice(VILLAGE_B)
    assert signal.args == [VILLAGE_B]


def test_a_village_installation_has_no_filter(qtbot, gui_context, answers):
    page = show_widget(qtbot, PeoplePage(gui_context), PAGE_SIZE)
    assert not page.unit_filter.isVisible()


def test_people_of_one_village_then_all_below(qtbot, county, answers):
    page = show_widget(qtbot, PeoplePage(county), PAGE_SIZE)
    assert page.unit_filter.isVisible()
    assert names(page.model) == ["县妇联甲"]
    assert page.model.columnCount() == len(COLUMNS)

    page.unit_filter.set_choice(VILLAGE_A)
    assert names(page.model) == ["张晓红", "李玉兰"]
    assert page.model.columnCount() == len(COLUMNS) + 1
    assert page.model.headerData(len(COLUMNS), Qt.Horizontal) == _("Unit")
    assert page.model.data(page.model.index(0, len(COLUMNS))) == "石门村"

    page.unit_filter.set_choice(TOWNSHIP)
    assert names(page.model) == ["张晓红", "李玉兰", "王芳"]
    page.unit_filter.set_choice(ALL_BELOW)
    assert names(page.model) == ["张晓红", "李玉兰", "王芳"]
    assert page.state() == "table"
    page.unit_filter.set_choice(COUNTY)
    assert names(page.model) == ["县妇联甲"]
    assert page.model.columnCount() == len(COLUMNS)


def test_records_from_below_cannot_be_edited(qtbot, county, answers):
    page = show_widget(qtbot, PeoplePage(county), PAGE_SIZE)
    edit, delete = page.actions_by_name[EDIT], page.actions_by_name[DELETE]
    own_tip = edit.toolTip()
    page.select_person(page.model.person_at(0).uuid)
    assert edit.isEnabled() and delete.isEnabled()

    page.unit_filter.set_choice(ALL_BELOW)
    page.select_person(page.model.person_at(0).uuid)
    assert page.detail.title.text() == page.model.person_at(0).name  # still shown
    assert not edit.isEnabled() and not delete.isEnabled()
    assert edit.toolTip() == _(READ_ONLY_TIP)
    page.trigger(EDIT)  # Enter, double-click or Ctrl+E: nothing opens
    assert page.dialog is None
    page.trigger(DELETE)
    assert page.model.rowCount() == 3

    page.unit_filter.set_choice(COUNTY)
    page.select_person(page.model.person_at(0).uuid)
    assert edit.isEnabled() and edit.toolTip() == own_tip


def test_the_activity_ledger_filters_and_guards(qtbot, county, answers):
    page = show_widget(qtbot, HomesPage(county), PAGE_SIZE)
    ledger = page.ledger
    assert ledger.unit_filter.isVisibleTo(page)
    ledger.unit_filter.set_choice(VILLAGE_B)
    assert [ledger.model.activity_at(r).title for r in range(ledger.model.rowCount())] == ["塘田宣讲"]
    assert ledger.year_box.findData(2025) >= 0
    ledger.set_filters(year=2025, category="1")
    assert ledger.model.rowCount() == 1
    ledger.select_activity(ledger.model.activity_at(0).uuid)
    assert ledger.detail.isVisible()
    for name in (COPY, EDIT, DELETE):
        assert not ledger.actions_by_name[name].isEnabled()
    ledger.unit_filter.set_choice(ALL_BELOW)
    assert ledger.model.rowCount() == 2


def test_trainings_and_elections_of_units_below(qtbot, county, answers):
    page = show_widget(qtbot, TrainingPage(county), PAGE_SIZE)
    assert page.names() == ["县级宣讲培训"]
    page.unit_filter.set_choice(ALL_BELOW)
    assert sorted(page.names()) == ["塘田宣讲培训", "石门宣讲培训"]
    page.select_training(page.model.training_at(0).uuid)
    assert page.training is not None and not page.actions_by_name[EDIT].isEnabled()
    assert not page.attendees.isEnabled()

    elections = show_widget(qtbot, ElectionsPage(county), PAGE_SIZE)
    assert elections.state() == "empty"
    elections.unit_filter.set_choice(VILLAGE_A)
    assert elections.model.rowCount() == 1
    assert elections.model.data(elections.model.index(0, elections.model.columnCount() - 1)) == "石门村"
    assert not elections.actions_by_name[EDIT].isEnabled()
    assert not elections.actions_by_name[DELETE].isEnabled()


@pytest.mark.parametrize("model_class", [PersonTableModel, ActivityTableModel, TrainingTableModel])
@pytest.mark.parametrize("choice", [VILLAGE_A, ALL_BELOW])
def test_models_pass_the_model_tester_with_a_filter(qtmodeltester, county, model_class, choice):
    model = model_class(COUNTY, batch_size=1)
    model.set_unit_choice(choice)
    model.sort(model.columnCount() - 1, Qt.DescendingOrder)  # by the unit column
    assert model.rowCount() >= 1
    qtmodeltester.check(model)
