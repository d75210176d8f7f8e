"""妇女之家 at a county: opens on the units below, their Homes and activities read-only, no Home of its own."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gui.common.page import EDIT, NEW
from gui.common.unit_filter import ALL_BELOW, READ_ONLY_TIP
from gui.homes.page import COPY, FACILITY_TAB, LEDGER_TAB, NEW_BELOW_TIP, HomesPage
from models import db as dbmod
from models.homes import ActivityInput, save_activity
from models.i18n import _
from tests.gui.gui_helpers import open_world_copy, show_widget
from tests.models.exchange_helpers import (
    COUNTY,
    COUNTY_NAME,
    VILLAGE,
    VILLAGE2,
    county_that_imported_two_villages,
    make_installation,
)

PAGE_SIZE = (1150, 700)


@pytest.fixture(scope="module")
def county_world(tmp_path_factory):
    """A demo county that has imported the packages of two demo villages, one of those villages, and a
    county that has imported nothing."""
    base = tmp_path_factory.mktemp("homes_county")
    world = county_that_imported_two_villages(base)
    world["fresh"] = make_installation(base / "fresh.sqlite3", COUNTY, COUNTY_NAME, seed=3)
    yield world
    dbmod.close_database()


@pytest.fixture
def open_copy(county_world, tmp_path, gui_settings):
    yield lambda which: open_world_copy(county_world, which, tmp_path, gui_settings)
    dbmod.close_database()


def units_listed(page) -> set[str]:
    model = page.ledger.model
    return {model.activity_at(r).unit for r in range(model.rowCount())}


def test_a_county_opens_on_the_activities_of_the_units_below(qtbot, open_copy, answers):
    page = show_widget(qtbot, HomesPage(open_copy("county")), PAGE_SIZE)
    ledger = page.ledger
    assert ledger.unit_filter.isVisibleTo(page)
    assert ledger.unit_filter.choice() == ALL_BELOW
    assert ledger.unit_filter.currentText() == _("All units below")
    assert ledger.state() == "table"
    assert units_listed(page) == {VILLAGE, VILLAGE2}
    assert ledger.model.total() == 54
    # The unit column says whose each activity is.
    header = ledger.model.headerData(ledger.model.columnCount() - 1, Qt.Horizontal)
    assert header == _("Unit")
    assert page.tabs.currentIndex() == LEDGER_TAB


def test_no_new_edit_or_copy_for_the_rows_of_units_below(qtbot, open_copy, answers):
    page = show_widget(qtbot, HomesPage(open_copy("county")), PAGE_SIZE)
    ledger = page.ledger
    new = ledger.actions_by_name[NEW]
    assert not new.isEnabled()
    assert new.toolTip() == _(NEW_BELOW_TIP)
    ledger.select_activity(ledger.model.activity_at(0).uuid)
    for name in (COPY, EDIT):
        assert not ledger.actions_by_name[name].isEnabled()
        assert ledger.actions_by_name[name].toolTip() == _(READ_ONLY_TIP)
    # Ctrl+N from the main window says why instead of opening a dialog for a unit below.
    page.trigger(NEW)
    assert page.dialog is None
    assert answers.shown and answers.shown[-1][2] == _(NEW_BELOW_TIP)
    # One village: still read-only.
    ledger.unit_filter.set_choice(VILLAGE2)
    assert units_listed(page) == {VILLAGE2}
    assert not new.isEnabled()


def test_the_own_unit_keeps_its_own_activities_and_new_activity(qtbot, open_copy, answers):
    context = open_copy("county")
    save_activity(
        ActivityInput(date=dt.date(2024, 3, 8), title="县级宣讲", category="1", form="talk", women=20), COUNTY
    )
    page = show_widget(qtbot, HomesPage(context), PAGE_SIZE)
    ledger = page.ledger
    assert ledger.unit_filter.findData(COUNTY) >= 0  # the own unit stays a choice: the county holds activities
    ledger.unit_filter.set_choice(COUNTY)
    assert units_listed(page) == {COUNTY}
    assert ledger.actions_by_name[NEW].isEnabled()
    ledger.select_activity(ledger.model.activity_at(0).uuid)
    assert ledger.actions_by_name[EDIT].isEnabled()
    assert not page.tabs.isTabVisible(FACILITY_TAB)


def test_no_facility_of_its_own_at_a_county(qtbot, open_copy, answers):
    page = show_widget(qtbot, HomesPage(open_copy("county")), PAGE_SIZE)
    # All units below, and the own unit: no facility tab; nothing to fill in.
    assert not page.tabs.isTabVisible(FACILITY_TAB)
    page.ledger.unit_filter.set_choice(COUNTY)
    assert not page.tabs.isTabVisible(FACILITY_TAB)
    page.trigger(EDIT)  # the facility's Ctrl+E does nothing either
    page.edit_home()
    assert page.dialog is None
    assert page.tabs.currentIndex() == LEDGER_TAB


def test_a_village_below_shows_its_home_read_only(qtbot, open_copy, answers):
    page = show_widget(qtbot, HomesPage(open_copy("county")), PAGE_SIZE)
    page.ledger.unit_filter.set_choice(VILLAGE)
    assert page.tabs.isTabVisible(FACILITY_TAB)
    page.tabs.setCurrentIndex(FACILITY_TAB)
    assert page.facility_state() == "home"
    assert page.home().unit == VILLAGE
    assert page.facility_read_only()
    assert not page.home_view.edit_button.isVisibleTo(page)
    assert page.home_view.print_button.isVisibleTo(page)
    page.trigger(EDIT)
    assert page.dialog is None
    # Back to all units below: the tab goes, the ledger shows.
    page.ledger.unit_filter.set_choice(ALL_BELOW)
    assert not page.tabs.isTabVisible(FACILITY_TAB)
    assert page.tabs.currentIndex() == LEDGER_TAB


def test_a_county_without_packages_says_to_import_them(qtbot, open_copy, answers):
    page = show_widget(qtbot, HomesPage(open_copy("fresh")), PAGE_SIZE)
    ledger = page.ledger
    assert ledger.unit_filter.choice() == ALL_BELOW
    assert ledger.state() == "empty"
    assert ledger.empty_state.title.text() == _("No activities from the units below yet")
    assert _("Reporting") in ledger.empty_state.text.text()
    assert not ledger.new_button.isVisibleTo(page)
    ledger.unit_filter.set_choice(COUNTY)
    assert ledger.empty_state.title.text() == _("No activities of this unit's own yet")
    assert ledger.new_button.isVisibleTo(page)


def test_a_village_still_sees_its_own_home_and_ledger(qtbot, open_copy, answers):
    page = show_widget(qtbot, HomesPage(open_copy("village")), PAGE_SIZE)
    ledger = page.ledger
    assert ledger.unit_filter.isHidden()
    assert not ledger.model.shows_units_below()
    assert units_listed(page) == {VILLAGE}
    assert ledger.actions_by_name[NEW].isEnabled()
    assert page.tabs.isTabVisible(FACILITY_TAB)
    page.tabs.setCurrentIndex(FACILITY_TAB)
    assert page.facility_state() == "home"
    assert not page.facility_read_only()
    assert page.home_view.edit_button.isVisibleTo(page)
    page.trigger(EDIT)
    assert page.dialog is not None
    page.dialog.reject()


def test_printing_at_a_county_follows_the_unit_chosen(qtbot, open_copy, answers, monkeypatch):
    from gui.printing import actions

    printed = []
    monkeypatch.setattr(actions, "print_or_save", lambda _p, _c, form, _s, options: printed.append((form, options)))
    page = show_widget(qtbot, HomesPage(open_copy("county")), PAGE_SIZE)
    ledger = page.ledger
    # All units below: one ledger per unit, so the page asks for one.
    page.print_form("ledger", "pdf")
    assert not printed
    assert answers.shown[-1][2] == _("Choose one unit under Unit to print its activity ledger or statistics.")
    # The record sheet of a village's activity prints under the village.
    ledger.select_activity(ledger.model.activity_at(0).uuid)
    chosen = page.current_activity()
    page.print_form("activity", "pdf")
    assert printed[-1][0] == "activity"
    assert (printed[-1][1].record_id, printed[-1][1].unit_code) == (chosen.uuid, chosen.unit)
    # One village chosen: its ledger and its Home's sheet.
    ledger.unit_filter.set_choice(VILLAGE2)
    page.print_form("ledger", "pdf")
    assert printed[-1][1].unit_code == VILLAGE2
    page.tabs.setCurrentIndex(FACILITY_TAB)
    assert page.home_view.read_only_note.isVisibleTo(page)
    page.print_form("home", "pdf")
    assert (printed[-1][0], printed[-1][1].unit_code) == ("home", VILLAGE2)
