"""A village with a committee, for the members' duties tests."""

from __future__ import annotations

import datetime as dt

from models.duties.contacts import ContactInput, save_contact
from models.duties.households import HouseholdInput, save_household
from models.people import PersonInput, save_person

UNIT = "430121100201"
TODAY = dt.date(2026, 11, 28)


def committee_member(name: str, post: str = "executive", unit: str = UNIT):
    return save_person(PersonInput(name=name, sex="F", post=post), unit, today=TODAY)


def household(head: str, member=None, on: dt.date = dt.date(2026, 1, 5), **kw):
    data = HouseholdInput(head_name=head, **kw)
    return save_household(data, UNIT, member=member.uuid if member else None, linked_on=on, today=TODAY)


def contact(member, day: dt.date, household=None, **kw):
    data = ContactInput(date=day, member=member.uuid, household=household.uuid if household else None, **kw)
    return save_contact(data, UNIT, today=TODAY)
