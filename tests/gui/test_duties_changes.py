"""The 执委履职 page when things change: a member leaves, a linked record is deleted, needs wait."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gui.duties.contact_dialog import ContactDialog
from gui.duties.need_dialog import NeedDialog
from gui.duties.page import HOUSEHOLDS, NEEDS, DutiesPage
from models.duties import households as hh
from models.duties.contacts import ContactInput, save_contact
from models.duties.needs import NeedInput, ProjectInput, save_need, save_project
from models.duties.records import Contact, Need
from models.duties.reminders import WAITING_DAYS
from models.i18n import _, ngettext
from models.people import PersonInput, person_input, save_person
from tests.gui.gui_helpers import show_widget

UNIT = "430121100201"


@pytest.fixture
def committee(gui_context):
    chair = save_person(PersonInput(name="王秀英", sex="F", post="chair"), UNIT)
    member = save_person(PersonInput(name="李红", sex="F", post="executive"), UNIT)
    return chair, member


@pytest.fixture
def page(qtbot, gui_context, committee, answers):
    return show_widget(qtbot, DutiesPage(gui_context), (1100, 700))


def leave(person):
    data = person_input(person)
    data.post = "backbone"
    return save_person(data, UNIT, person)


def test_a_household_of_a_member_who_left_is_flagged_and_reminded_of(qtbot, page, committee):
    chair, member = committee
    hh.save_household(hh.HouseholdInput(head_name="张大山"), UNIT, member=member.uuid)
    hh.save_household(hh.HouseholdInput(head_name="刘建国"), UNIT, member=chair.uuid)
    leave(member)
    page.refresh()
    model = page.tabs_by_index[HOUSEHOLDS].model
    shown = {model.index(r, 0).data(): model.index(r, 3).data() for r in range(model.rowCount())}
    assert shown == {"张大山": _("{name} (no longer on the committee)").format(name="李红"), "刘建国": "王秀英"}
    gone_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "张大山")
    assert model.index(gone_row, 3).data(Qt.ForegroundRole) is not None
    assert (
        ngettext(
            "{n} household is linked to someone no longer on the committee: link it to a member.",
            "{n} households are linked to someone no longer on the committee: link them to members.",
            1,
        ).format(n=1)
        in page.reminder.text()
    )
    # Her record of the years she served can still be chosen.
    assert page.contact_member.findText(_("{name} (no longer on the committee)").format(name="李红")) > 0


def test_only_needs_waiting_too_long_are_in_amber_and_the_reminder_names_the_days(qtbot, page, committee):
    today = dt.date.today()
    save_need(NeedInput(found_on=today, category="health", description="想做体检"), UNIT)
    save_need(
        NeedInput(found_on=today - dt.timedelta(days=WAITING_DAYS + 5), category="health", description="老需求"), UNIT
    )
    page.refresh()
    model = page.tabs_by_index[NEEDS].model
    colours = {model.index(r, 3).data(): model.index(r, 0).data(Qt.ForegroundRole) for r in range(model.rowCount())}
    assert colours["想做体检"] is None and colours["老需求"] is not None
    assert (
        ngettext(
            "{n} need found {days} days ago or more is still without an answer.",
            "{n} needs found {days} days ago or more are still without an answer.",
            1,
        ).format(n=1, days=WAITING_DAYS)
        in page.reminder.text()
    )


def test_a_deleted_project_or_household_stays_linked_until_the_user_removes_it(qtbot, gui_context, committee):
    chair, _member = committee
    home = hh.save_household(hh.HouseholdInput(head_name="张大山"), UNIT, member=chair.uuid)
    visit = save_contact(ContactInput(date=dt.date.today(), member=chair.uuid, household=home.uuid), UNIT)
    project = save_project(ProjectInput(name="手工坊", member=chair.uuid), UNIT)
    need = save_need(
        NeedInput(found_on=dt.date.today(), category="employment", description="学手艺", project=project.uuid), UNIT
    )
    project.move_to_recycle_bin()
    home.move_to_recycle_bin()

    need_dialog = NeedDialog(gui_context, Need.get_by_id(need.uuid))
    qtbot.addWidget(need_dialog)
    assert need_dialog.project.currentText() == _("{name} (deleted)").format(name="手工坊")
    need_dialog.save()
    assert Need.get_by_id(need.uuid).project_id == project.uuid

    contact_dialog = ContactDialog(gui_context, Contact.get_by_id(visit.uuid))
    qtbot.addWidget(contact_dialog)
    assert contact_dialog.household.currentText() == _("{name} (deleted)").format(name="张大山")
    contact_dialog.save()
    assert Contact.get_by_id(visit.uuid).household_id == home.uuid
    assert contact_dialog.saved_record is not None
