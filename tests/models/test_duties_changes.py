"""Members' duties when things change: a member leaves, a link ends, a record comes from below."""

from __future__ import annotations

import datetime as dt

import pytest

from models.base import ValidationError
from models.duties import households as hh
from models.duties.contacts import contact_input, save_contact
from models.duties.needs import NeedInput, ProjectInput, need_input, project_input, save_need, save_project
from models.duties.records import HouseholdLink
from models.i18n import _
from models.people import person_input, save_person

from .duty_helpers import TODAY, UNIT, committee_member, contact, household

BELOW = "430121100202"


def messages(caught) -> dict[str, str]:
    return {e.field: e.message for e in caught.value.errors}


def leave_committee(person):
    data = person_input(person)
    data.post = "backbone"
    return save_person(data, UNIT, person, today=TODAY)


def test_records_of_a_member_who_left_can_still_be_saved(database):
    wang, li = committee_member("王芳"), committee_member("李红")
    visit = contact(wang, dt.date(2026, 3, 2), asked="想学电商")
    need = save_need(
        NeedInput(found_on=dt.date(2026, 3, 2), category="employment", description="学电商", member=wang.uuid),
        UNIT,
        today=TODAY,
    )
    project = save_project(ProjectInput(name="电商培训", member=wang.uuid, status="running"), UNIT)
    leave_committee(wang)

    answered = need_input(need)
    answered.status, answered.answered_on, answered.answer = "answered", dt.date(2026, 5, 1), "办了培训班"
    assert save_need(answered, UNIT, need, today=TODAY).status == "answered"
    ticked = contact_input(visit)
    ticked.may_travel = True
    assert save_contact(ticked, UNIT, visit, today=TODAY).may_travel
    done = project_input(project)
    done.status, done.result = "done", "培训40人"
    assert save_project(done, UNIT, project).status == "done"
    # A new record, or a record handed to her, still needs a member of the committee now.
    ticked.member = li.uuid
    save_contact(ticked, UNIT, visit, today=TODAY)
    ticked.member = wang.uuid
    with pytest.raises(ValidationError) as caught:
        save_contact(ticked, UNIT, visit, today=TODAY)
    assert messages(caught)["member"] == _("Choose a member of the executive committee.")


def test_a_new_link_cannot_start_before_the_last_one_ended(database):
    wang, li = committee_member("王秀英"), committee_member("李红")
    home = household("张大山", wang, on=dt.date(2026, 1, 1))
    hh.unlink_household(home, on=dt.date(2026, 3, 1), today=TODAY)
    for link in (
        lambda: hh.link_household(home, li.uuid, UNIT, on=dt.date(2026, 2, 1), today=TODAY),
        lambda: hh.save_household(
            hh.household_input(home), UNIT, home, member=li.uuid, linked_on=dt.date(2026, 2, 1), today=TODAY
        ),
    ):
        with pytest.raises(ValidationError) as caught:
            link()
        assert messages(caught)["linked_on"] == _(
            "The household was linked until {date}: the new link cannot start before."
        ).format(date="2026-03-01")
    assert HouseholdLink.select().count() == 1
    hh.link_household(home, li.uuid, UNIT, on=dt.date(2026, 3, 1), today=TODAY)
    assert hh.current_link(home).member_id == li.uuid


def test_records_of_a_unit_below_are_only_viewed(database):
    wang = committee_member("王秀英")
    home = household("张大山", wang)
    visit = contact(wang, dt.date(2026, 3, 2))
    need = save_need(
        NeedInput(found_on=dt.date(2026, 3, 2), category="employment", description="学电商"), UNIT, today=TODAY
    )
    project = save_project(ProjectInput(name="电商培训", member=wang.uuid), UNIT)
    refused = _("Records reported by units below can only be viewed.")
    for save in (
        lambda: hh.save_household(hh.household_input(home), BELOW, home, today=TODAY),
        lambda: save_contact(contact_input(visit), BELOW, visit, today=TODAY),
        lambda: save_need(need_input(need), BELOW, need, today=TODAY),
        lambda: save_project(project_input(project), BELOW, project),
    ):
        with pytest.raises(ValidationError) as caught:
            save()
        assert refused in messages(caught).values()
