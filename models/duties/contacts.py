"""Contacts of committee members with women (走访记录, 民情日记): their field rules, saving, their list.

A contact's texts (whom, what was asked, the result) stay in the unit unless
the cadre ticks ``may_travel``: packages then carry them; otherwise a count.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from peewee import JOIN, fn

from models import fields
from models.base import FieldError, ValidationError, database
from models.i18n import _
from models.listing import Listing, Scope, year_problem
from models.people import Person

from .linked import kept_link, shown_name
from .members import member_may_keep, refuse_records_below
from .records import HANDLING, WAY, Contact, Household

# The goal of the published practice: at least two contacts a month per member.
MONTHLY_GOAL = 2
# The columns of a contact that may name women or their troubles: they leave the unit only when the
# cadre ticked ``may_travel`` (for the package exporter; the rest of the row travels as a count).
PRIVATE_COLUMNS = ("whom", "asked", "passed_to", "result")


@dataclass
class ContactInput:
    """What a user typed for one contact."""

    date: _dt.date | None = None
    way: str = "visit"
    member: str | None = None  # a committee member's uuid
    household: str | None = None  # a household's uuid, when the contact was with one
    whom: str = ""
    asked: str = ""
    handling: str = "pending"
    passed_to: str = ""
    result: str = ""
    follow_up: _dt.date | None = None
    may_travel: bool = False

    TEXT_FIELDS = ("whom", "asked", "passed_to", "result")


def date_problem(day: _dt.date | None, today: _dt.date, required: bool = True) -> str | None:
    """Why a day may not be a contact's (or a need's) date: none, in the future, or out of the years kept."""
    if day is None:
        return _("The date is required.") if required else None
    if day > today:
        return _("The date is in the future; record it after it took place.")
    return year_problem(day.year)


def check_contact(
    data: ContactInput, unit: str, today: _dt.date | None = None, stored: Contact | None = None
) -> tuple[ContactInput, list[FieldError]]:
    """The contact's problems; ``stored`` is the contact being changed (its member may have left since)."""
    today = today or _dt.date.today()
    clean = ContactInput(**{k: getattr(data, k) for k in ContactInput.__dataclass_fields__})
    errors: list[FieldError] = []
    problem = date_problem(data.date, today)
    if problem:
        errors.append(FieldError("date", problem))
    if data.way not in WAY.entries:
        errors.append(FieldError("way", _("Choose how the contact was made.")))
    if member_may_keep(data.member, unit, stored.member_id if stored else None) is None:
        errors.append(FieldError("member", _("Choose a member of the executive committee.")))
    if data.household:
        household = Household.select().where((Household.uuid == data.household) & (Household.unit == unit)).first()
        live = household is not None and not household.deleted
        if not kept_link(data.household, stored.household_id if stored else None, live, household is not None):
            errors.append(FieldError("household", _("Choose a household on this unit's list.")))
    clean.household = data.household or None
    if data.handling not in HANDLING.entries:
        errors.append(FieldError("handling", _("Choose how it was handled.")))
    errors += fields.check_texts("contact", clean, ContactInput.TEXT_FIELDS)
    if data.handling == "passed_on" and not clean.passed_to:
        errors.append(FieldError("passed_to", _("Say to whom it was passed on.")))
    if data.handling != "passed_on":
        clean.passed_to = ""
    if data.follow_up is not None and data.date is not None and data.follow_up < data.date:
        errors.append(FieldError("follow_up", _("The follow-up date is before the contact.")))
    elif data.follow_up is not None and (problem := year_problem(data.follow_up.year)):
        errors.append(FieldError("follow_up", problem))
    clean.may_travel = bool(data.may_travel)
    return clean, errors


def save_contact(
    data: ContactInput, unit: str, contact: Contact | None = None, today: _dt.date | None = None
) -> Contact:
    """Check and save a contact in one transaction."""
    refuse_records_below(contact, unit, "date")
    clean, errors = check_contact(data, unit, today, contact)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        contact = contact or Contact(unit=unit)
        for name in ContactInput.__dataclass_fields__:
            setattr(contact, name, getattr(clean, name))
        contact.save()
    return contact


def contact_input(contact: Contact) -> ContactInput:
    data = ContactInput(**{n: getattr(contact, n) for n in ContactInput.__dataclass_fields__ if not n.endswith("_id")})
    data.member = contact.member_id
    data.household = contact.household_id
    return data


def live_contact(uuid: str | None) -> Contact | None:
    if not uuid:
        return None
    return Contact.live().where(Contact.uuid == uuid).first()


def month_range(year: int, month: int | None) -> tuple[_dt.date, _dt.date]:
    """The first day of a month (or a year) and the first day after it."""
    if month is None:
        return _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
    end = _dt.date(year + 1, 1, 1) if month == 12 else _dt.date(year, month + 1, 1)
    return _dt.date(year, month, 1), end


@dataclass(frozen=True)
class ContactFilters:
    member: str | None = None
    year: int | None = None
    month: int | None = None  # only with a year


def narrow_contacts(query, filters: ContactFilters):
    """The one narrowing of contacts by member, year and month, for the list, the forms and the counts."""
    if filters.member:
        query = query.where(Contact.member == filters.member)
    if filters.year:
        start, end = month_range(filters.year, filters.month)
        query = query.where((Contact.date >= start) & (Contact.date < end))
    return query


MEMBER_NAME = "member_name"
HEAD_NAME = "head_name"
HOUSEHOLD_DELETED = "household_deleted"


def household_shown(contact: Contact) -> str:
    """The contact's household as its list shows it (marked when it was deleted since)."""
    return shown_name(getattr(contact, HEAD_NAME, "") or "", bool(getattr(contact, HOUSEHOLD_DELETED, False)))


class ContactListing(Listing):
    """Contacts as the 走访记录 tab shows them: the member's and the household's names; newest first on ties."""

    model = Contact
    sort_keys = {
        "date": lambda: Contact.date,
        "way": lambda: Contact.way,
        "member": lambda: Person.name,
        "household": lambda: fn.COALESCE(Household.head_name, ""),
        "whom": lambda: Contact.whom,
        "handling": lambda: Contact.handling,
        "follow_up": lambda: Contact.follow_up,
    }

    def __init__(self, scope: Scope, filters: ContactFilters | None = None):
        super().__init__(scope)
        self.filters = filters or ContactFilters()

    def filtered(self):
        query = (
            self.everything()
            .join(Person, JOIN.LEFT_OUTER, on=(Person.uuid == Contact.member))
            .switch(Contact)
            .join(Household, JOIN.LEFT_OUTER, on=(Household.uuid == Contact.household))
        )
        return narrow_contacts(query, self.filters)

    def decorate(self, query):
        return query.select_extend(
            fn.COALESCE(Person.name, "").alias(MEMBER_NAME),
            fn.COALESCE(Household.head_name, "").alias(HEAD_NAME),
            fn.COALESCE(Household.deleted, False).alias(HOUSEHOLD_DELETED),
        )

    def tiebreak(self):
        return (Contact.date.desc(), Contact.created_at.desc(), Contact.uuid)

    def years(self) -> list[int]:
        rows = self.everything().select(Contact.date.year.distinct()).order_by(Contact.date.year.desc()).tuples()
        return [int(year) for (year,) in rows if year is not None]


def contacts(unit: str, filters: ContactFilters | None = None):
    """The unit's live contacts, oldest first, narrowed in SQL (forms read them so)."""
    query = narrow_contacts(Contact.live().where(Contact.unit == unit), filters or ContactFilters())
    return query.order_by(Contact.date, Contact.created_at)


def counts_by_member_and_month(unit: str, year: int) -> dict[tuple[str, int], int]:
    """(member uuid, month) → contacts in the year, counted in SQL."""
    start, end = month_range(year, None)
    rows = (
        Contact.live()
        .select(Contact.member, Contact.date.month, fn.COUNT(Contact.uuid))
        .where((Contact.unit == unit) & (Contact.date >= start) & (Contact.date < end))
        .group_by(Contact.member, Contact.date.month)
        .tuples()
    )
    return {(member, int(month)): int(n) for member, month, n in rows}
