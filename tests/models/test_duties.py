"""Members' duties: households and their links, contacts, needs and projects, their rules and reminders."""

from __future__ import annotations

import datetime as dt

import pytest

from models import recycle_bin
from models.base import ValidationError
from models.duties import households as hh
from models.duties.contacts import ContactFilters, ContactInput, ContactListing, save_contact
from models.duties.needs import NeedInput, NeedListing, ProjectInput, save_need, save_project
from models.duties.records import Household, HouseholdLink, Need, NeedContact
from models.duties.reminders import duty_reminders, waiting_needs
from models.i18n import _
from models.listing import Scope
from models.people import PersonInput, save_person

from .duty_helpers import TODAY, UNIT, committee_member, contact, household


def messages(caught) -> dict[str, str]:
    return {e.field: e.message for e in caught.value.errors}


def test_a_household_needs_its_head_a_good_phone_and_women_from_0_to_50(database):
    with pytest.raises(ValidationError) as caught:
        hh.save_household(hh.HouseholdInput(head_name=" ", phone="12345", women=51), UNIT, today=TODAY)
    found = messages(caught)
    assert found["head_name"] == _("The head of household is required.")
    assert found["women"] == _("The number of women must be from 0 to {n}.").format(n=50)
    assert "phone" in found
    assert Household.select().count() == 0
    saved = hh.save_household(hh.HouseholdInput(head_name="李春生", phone="138 1234 5678", women=2), UNIT, today=TODAY)
    assert saved.phone == "13812345678"


def test_linking_again_closes_the_open_link_and_keeps_the_history(database):
    wang, li = committee_member("王秀英"), committee_member("李红")
    home = household("张大山", wang, dt.date(2026, 1, 5))
    hh.link_household(home, li.uuid, UNIT, dt.date(2026, 6, 1), today=TODAY)
    history = hh.link_history(home)
    assert [(h.member_id, h.linked_on, h.unlinked_on) for h in history] == [
        (li.uuid, dt.date(2026, 6, 1), None),
        (wang.uuid, dt.date(2026, 1, 5), dt.date(2026, 6, 1)),
    ]
    assert [h.uuid for h in hh.households_of(li.uuid, UNIT)] == [home.uuid]
    assert hh.households_of(wang.uuid, UNIT) == []
    with pytest.raises(ValidationError) as caught:
        hh.link_household(home, wang.uuid, UNIT, dt.date(2026, 5, 1), today=TODAY)  # before the open link
    assert "linked_on" in messages(caught)
    hh.unlink_household(home, dt.date(2026, 7, 1), today=TODAY)
    assert hh.current_link(home) is None


def test_only_a_live_committee_member_of_the_unit_can_be_linked(database):
    backbone = save_person(PersonInput(name="赵骨干", sex="F", post="backbone"), UNIT, today=TODAY)
    with pytest.raises(ValidationError) as caught:
        household("钱多多", backbone)
    assert messages(caught)["member"] == _("Choose a member of the executive committee.")
    assert Household.select().count() == 0  # the household is not written without its link


def test_a_contact_checks_its_date_member_and_handling(database):
    wang = committee_member("王秀英")
    bad = ContactInput(
        date=TODAY + dt.timedelta(days=1), way="fax", member=None, handling="passed_on", follow_up=dt.date(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as caught:
        save_contact(bad, UNIT, today=TODAY)
    found = messages(caught)
    assert set(found) >= {"date", "way", "member", "passed_to"}
    assert found["passed_to"] == _("Say to whom it was passed on.")
    with pytest.raises(ValidationError) as caught:
        contact(wang, dt.date(2026, 11, 2), follow_up=dt.date(2026, 11, 1))
    assert messages(caught)["follow_up"] == _("The follow-up date is before the contact.")
    saved = contact(wang, dt.date(2026, 11, 2), handling="passed_on", passed_to="村委会", asked="孩子入学")
    assert saved.may_travel is False  # the texts stay in the unit unless the cadre says otherwise
    on_the_spot = contact(wang, dt.date(2026, 11, 3), handling="on_the_spot", passed_to="不该留下")
    assert on_the_spot.passed_to == ""


def test_contacts_are_listed_by_member_and_month_newest_first(database):
    wang, li = committee_member("王秀英"), committee_member("李红")
    contact(wang, dt.date(2026, 10, 30))
    contact(wang, dt.date(2026, 11, 2))
    contact(li, dt.date(2026, 11, 5))
    listing = ContactListing(Scope(UNIT), ContactFilters(member=wang.uuid, year=2026, month=11))
    assert listing.count() == 1
    rows = ContactListing(Scope(UNIT)).page("date", True, 0, 10)
    assert [r.date for r in rows] == [dt.date(2026, 11, 5), dt.date(2026, 11, 2), dt.date(2026, 10, 30)]
    assert rows[0].member_name == "李红"


def test_an_answered_need_needs_its_date_and_answer_and_open_needs_come_first(database):
    wang = committee_member("王秀英")
    visit = contact(wang, dt.date(2026, 9, 1))
    with pytest.raises(ValidationError) as caught:
        save_need(
            NeedInput(found_on=dt.date(2026, 9, 1), category="employment", description="想学电商", status="answered"),
            UNIT,
            today=TODAY,
        )
    assert set(messages(caught)) == {"answered_on", "answer"}
    answered = save_need(
        NeedInput(
            found_on=dt.date(2026, 9, 1),
            category="employment",
            description="想学电商",
            women=6,
            member=wang.uuid,
            status="answered",
            answered_on=dt.date(2026, 10, 1),
            answer="联系镇妇联开电商培训班",
            contacts=[visit.uuid],
        ),
        UNIT,
        today=TODAY,
    )
    open_need = save_need(
        NeedInput(found_on=dt.date(2026, 8, 1), category="children", description="暑期托管"), UNIT, today=TODAY
    )
    rows = NeedListing(Scope(UNIT)).page("open_first", False, 0, 10)
    assert [r.uuid for r in rows] == [open_need.uuid, answered.uuid]
    assert NeedContact.live().where(NeedContact.need == answered.uuid).count() == 1


def test_a_project_names_the_needs_it_came_from(database):
    wang = committee_member("王秀英")
    need = save_need(
        NeedInput(found_on=dt.date(2026, 3, 1), category="children", description="暑期托管"), UNIT, today=TODAY
    )
    with pytest.raises(ValidationError) as caught:
        save_project(ProjectInput(name="", member=None, status="done"), UNIT)
    assert set(messages(caught)) == {"name", "member", "result"}
    project = save_project(
        ProjectInput(
            name="暑期儿童之家", member=wang.uuid, start_date=dt.date(2026, 7, 1), status="running", needs=[need.uuid]
        ),
        UNIT,
    )
    assert Need.get_by_id(need.uuid).project_id == project.uuid
    save_project(ProjectInput(name="暑期儿童之家", member=wang.uuid, status="running", needs=[]), UNIT, project)
    assert Need.get_by_id(need.uuid).project_id is None


def test_the_overview_reminds_of_members_without_contact_and_needs_waiting(database):
    wang, li = committee_member("王秀英", "chair"), committee_member("李红")
    contact(wang, dt.date(2026, 11, 2))
    contact(li, dt.date(2026, 10, 30))  # last month
    save_need(NeedInput(found_on=dt.date(2026, 10, 20), category="health", description="想做体检"), UNIT, today=TODAY)
    save_need(NeedInput(found_on=dt.date(2026, 11, 20), category="health", description="新近的"), UNIT, today=TODAY)
    reminders = duty_reminders(UNIT, TODAY)
    assert reminders.members_without_contact == ("李红",)
    assert reminders.needs_waiting == 1 and reminders.oldest_waiting == dt.date(2026, 10, 20)
    assert [need.description for need in waiting_needs(UNIT, TODAY)] == ["想做体检"]


def test_a_household_goes_to_the_bin_with_its_links_and_comes_back_with_them(database):
    wang, li = committee_member("王秀英"), committee_member("李红")
    home = household("张大山", wang)
    hh.link_household(home, li.uuid, UNIT, dt.date(2026, 6, 1), today=TODAY)
    assert recycle_bin.move_to_bin("households", [home.uuid], UNIT) == 1
    assert HouseholdLink.live().count() == 0
    recycle_bin.restore("households", home.uuid)
    assert HouseholdLink.live().count() == 2
    assert hh.current_link(home).member_id == li.uuid


def test_saving_a_household_without_a_member_ends_its_link_in_the_same_save(database):
    wang = committee_member("王秀英")
    home = household("张大山", wang)
    data = hh.household_input(home)
    data.women = 3
    hh.save_household(data, UNIT, home, member=None, linked_on=dt.date(2026, 8, 1), today=TODAY, unlink=True)
    assert hh.current_link(home) is None
    assert Household.get_by_id(home.uuid).women == 3
    assert hh.link_history(home)[0].unlinked_on == dt.date(2026, 8, 1)
