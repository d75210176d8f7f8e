"""Households linked to committee members (联系户): their field rules, linking and unlinking, their list.

A household is linked to one member at a time: linking it to another member
from a date closes the open link on that date, so the closed links are the
household's history (who kept in touch with it, from when to when).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, Case, fn

from models import codes, fields
from models.base import FieldError, ValidationError, database
from models.i18n import _
from models.listing import Listing, Scope, year_problem
from models.people import Person, normalize_name, normalize_phone

from .linked import shown_name
from .members import live_member, refuse_records_below
from .records import Household, HouseholdLink

MAX_WOMEN = 50  # women in one household: more is a typing slip
# The household's column masked on screen (the list) and in packages, as people's phones are.
PHONE_COLUMN = "phone"
# The columns that name the women of a household or its troubles ("丈夫酗酒"): they never leave the unit.
PRIVATE_COLUMNS = ("members", "address", "notes")


@dataclass
class HouseholdInput:
    """What a user typed for one household."""

    head_name: str = ""
    members: str = ""
    women: int = 0
    group_name: str = ""
    address: str = ""
    phone: str = ""
    notes: str = ""


def check_household(data: HouseholdInput) -> tuple[HouseholdInput, list[FieldError]]:
    clean = HouseholdInput(**{k: getattr(data, k) for k in HouseholdInput.__dataclass_fields__})
    errors: list[FieldError] = []
    clean.head_name = normalize_name(data.head_name)
    if not clean.head_name:
        errors.append(FieldError("head_name", _("The head of household is required.")))
    if not isinstance(data.women, int) or not 0 <= data.women <= MAX_WOMEN:
        errors.append(FieldError("women", _("The number of women must be from 0 to {n}.").format(n=MAX_WOMEN)))
    clean.phone, problem = normalize_phone(data.phone)
    if problem:
        errors.append(FieldError("phone", problem))
    names = tuple(n for n in fields.columns("household") if n != "phone" or not problem)
    errors += [e for e in fields.check_texts("household", clean, names) if e.field != "head_name" or clean.head_name]
    return clean, errors


def same_household_keys(head_name: str, group_name: str, phone: str) -> set[tuple[str, str, str]]:
    """What makes two households the same one: the head's name with the group, or with the phone."""
    keys = {("group", head_name, group_name)}
    if phone:
        keys.add(("phone", head_name, phone))
    return keys


def listed_household_keys(unit: str, head_names) -> set[tuple[str, str, str]]:
    """The keys of the unit's live households headed by one of ``head_names`` (for an import's check)."""
    keys: set[tuple[str, str, str]] = set()
    names = sorted(set(head_names))
    for start in range(0, len(names), 500):
        rows: Any = (
            Household.live()
            .select(Household.head_name, Household.group_name, Household.phone)
            .where((Household.unit == unit) & Household.head_name.in_(names[start : start + 500]))
            .tuples()
        )
        for row in rows:
            keys |= same_household_keys(*row)
    return keys


def household_input(household: Household) -> HouseholdInput:
    return HouseholdInput(**{name: getattr(household, name) for name in HouseholdInput.__dataclass_fields__})


def _link_date_problem(day: _dt.date | None, today: _dt.date) -> str | None:
    if day is None:
        return _("The date is required.")
    if day > today:
        return _("The date is in the future.")
    return year_problem(day.year)


def save_household(
    data: HouseholdInput,
    unit: str,
    household: Household | None = None,
    member: str | None = None,
    linked_on: _dt.date | None = None,
    today: _dt.date | None = None,
    unlink: bool = False,
) -> Household:
    """Check and save a household; with ``member``, link it to her from ``linked_on`` (today when None);
    with ``unlink``, end its open link on ``linked_on`` instead.

    One transaction: the household and its link are written together or not at all.
    """
    refuse_records_below(household, unit, "head_name")
    today = today or _dt.date.today()
    day = linked_on or today
    clean, errors = check_household(data)
    current = current_link(household) if household is not None else None
    relink = member is not None and (current is None or current.member_id != member)
    if relink:
        errors += _link_problems(member, unit, day, current, today, household)
    ending = unlink and member is None and current is not None
    if ending and current is not None:
        problem = _link_date_problem(day, today)
        if problem is None and day < current.linked_on:
            problem = _("The link cannot end before it began ({date}).").format(date=current.linked_on.isoformat())
        if problem:
            errors.append(FieldError("linked_on", problem))
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        household = household or Household(unit=unit)
        for name in HouseholdInput.__dataclass_fields__:
            setattr(household, name, getattr(clean, name))
        household.save()
        if relink and member is not None:
            _relink(household, member, day, unit)
        elif ending and current is not None:
            current.unlinked_on = day
            current.save()
    return household


def _link_problems(
    member: str | None,
    unit: str,
    day: _dt.date,
    current: HouseholdLink | None,
    today: _dt.date,
    household: Household | None,
) -> list[FieldError]:
    errors = []
    if live_member(member, unit) is None:
        errors.append(FieldError("member", _("Choose a member of the executive committee.")))
    problem = _link_date_problem(day, today)
    if problem:
        errors.append(FieldError("linked_on", problem))
    elif current is not None and day < current.linked_on:
        errors.append(
            FieldError(
                "linked_on",
                _("The household has been linked since {date}: the new link cannot start before.").format(
                    date=current.linked_on.isoformat()
                ),
            )
        )
    elif (ended := last_unlinked_on(household)) is not None and day < ended:
        # Two links at once would give the household two members for those days.
        errors.append(
            FieldError(
                "linked_on",
                _("The household was linked until {date}: the new link cannot start before.").format(
                    date=ended.isoformat()
                ),
            )
        )
    return errors


def last_unlinked_on(household: Household | None) -> _dt.date | None:
    """The day the household's latest closed link ended, or None."""
    if household is None:
        return None
    ends = [link.unlinked_on for link in link_history(household) if link.unlinked_on is not None]
    return max(ends, default=None)


def _relink(household: Household, member: str, day: _dt.date, unit: str) -> HouseholdLink:
    current = current_link(household)
    if current is not None:
        current.unlinked_on = day
        current.save()
    return HouseholdLink.create(unit=unit, household=household, member=member, linked_on=day)


def link_household(
    household: Household, member: str, unit: str, on: _dt.date | None = None, today: _dt.date | None = None
) -> HouseholdLink:
    """Link a household to a committee member from ``on``, closing its open link that day; one transaction."""
    refuse_records_below(household, unit, "member")
    today = today or _dt.date.today()
    day = on or today
    current = current_link(household)
    if current is not None and current.member_id == member:
        return current
    errors = _link_problems(member, unit, day, current, today, household)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        return _relink(household, member, day, unit)


def unlink_household(household: Household, on: _dt.date | None = None, today: _dt.date | None = None) -> None:
    """End the household's open link on ``on`` (today when None); it then has no member."""
    today = today or _dt.date.today()
    day = on or today
    current = current_link(household)
    if current is None:
        return
    problem = _link_date_problem(day, today)
    if problem is None and day < current.linked_on:
        problem = _("The link cannot end before it began ({date}).").format(date=current.linked_on.isoformat())
    if problem:
        raise ValidationError([FieldError("unlinked_on", problem)])
    with database.atomic():
        current.unlinked_on = day
        current.save()


def current_link(household: Household) -> HouseholdLink | None:
    return (
        HouseholdLink.live()
        .where((HouseholdLink.household == household.uuid) & HouseholdLink.unlinked_on.is_null())
        .order_by(HouseholdLink.linked_on.desc())
        .first()
    )


def link_history(household: Household) -> list[HouseholdLink]:
    """Every link of the household, the latest first."""
    return list(
        HouseholdLink.live()
        .where(HouseholdLink.household == household.uuid)
        .order_by(HouseholdLink.linked_on.desc(), HouseholdLink.created_at.desc())
    )


def live_household(uuid: str | None) -> Household | None:
    if not uuid:
        return None
    return Household.live().where(Household.uuid == uuid).first()


def households(unit: str):
    """The unit's live households by group and head of household."""
    return Household.live().where(Household.unit == unit).order_by(Household.group_name, Household.head_name)


def households_of(member: str, unit: str, year: int | None = None) -> list[Household]:
    """The households linked to a member now; with ``year``, those linked to her on any day of that year."""
    query = (
        Household.live()
        .join(HouseholdLink, on=(HouseholdLink.household == Household.uuid))
        .where((Household.unit == unit) & (HouseholdLink.member == member) & (HouseholdLink.deleted == False))
    )
    if year is None:
        query = query.where(HouseholdLink.unlinked_on.is_null())
    else:
        query = query.where(
            (HouseholdLink.linked_on <= _dt.date(year, 12, 31))
            & (HouseholdLink.unlinked_on.is_null() | (HouseholdLink.unlinked_on >= _dt.date(year, 1, 1)))
        )
    return list(query.distinct().order_by(Household.group_name, Household.head_name))


def _member_gone():
    """True for a link's member who is no longer on the committee (or was deleted): the cadre relinks her households."""
    return Person.deleted | Person.post.is_null() | Person.post.not_in(codes.COMMITTEE_POSTS)


def households_to_relink(unit: str) -> int:
    """How many of the unit's households are linked now to someone no longer on the committee."""
    return (
        Household.live()
        .join(HouseholdLink, on=(HouseholdLink.household == Household.uuid))
        .join(Person, on=(Person.uuid == HouseholdLink.member))
        .where(
            (Household.unit == unit)
            & HouseholdLink.unlinked_on.is_null()
            & (HouseholdLink.deleted == False)
            & _member_gone()
        )
        .count()
    )


def household_choices(unit: str, member: str | None, keep: str | None) -> list[tuple[str, str]]:
    """(uuid, label) for a contact's household: the member's linked households first, then the unit's
    others, and ``keep`` (the contact's own) even if it was deleted since, shown as deleted."""
    mine = households_of(member, unit) if member else []
    mine_ids = {h.uuid for h in mine}
    chosen = mine + [h for h in households(unit) if h.uuid not in mine_ids]
    if keep and keep not in {h.uuid for h in chosen}:
        chosen += list(Household.select().where((Household.uuid == keep) & (Household.unit == unit)))
    return [(h.uuid, shown_name(household_label(h), h.deleted)) for h in chosen]


def household_label(household: Household) -> str:
    return f"{household.head_name}（{household.group_name}）" if household.group_name else household.head_name


def current_members(unit: str) -> dict[str, str]:
    """{household uuid: member uuid} for the unit's open links, read at once."""
    rows: Any = (
        HouseholdLink.select(HouseholdLink.household, HouseholdLink.member)
        .where((HouseholdLink.unit == unit) & HouseholdLink.unlinked_on.is_null() & (HouseholdLink.deleted == False))
        .tuples()
    )
    return {household: member for household, member in rows}


MEMBER_NAME = "member_name"  # the alias of the listing's column naming the household's member
MEMBER_GONE = "member_gone"  # the alias of the listing's column: 1 when that member has left the committee


def member_name_of(household: Household) -> str:
    return getattr(household, MEMBER_NAME, None) or ""


def member_gone(household: Household) -> bool:
    """Whether the household's member (as listed) has left the committee or been deleted: relink it."""
    return bool(getattr(household, MEMBER_GONE, 0))


@dataclass(frozen=True)
class HouseholdFilters:
    member: str | None = None  # a person's uuid: her households only
    text: str = ""


class HouseholdListing(Listing):
    """Households as the 联系户 tab shows them, with the name of the member each is linked to now."""

    model = Household
    sort_keys = {
        "head": lambda: Household.head_name,
        "group": lambda: Household.group_name,
        "women": lambda: Household.women,
        "member": lambda: Case(None, [(Person.name.is_null(), "")], Person.name),
        "address": lambda: Household.address,
    }

    def __init__(self, scope: Scope, filters: HouseholdFilters | None = None):
        super().__init__(scope)
        self.filters = filters or HouseholdFilters()

    def _joined(self, query):
        link = (
            (HouseholdLink.household == Household.uuid)
            & HouseholdLink.unlinked_on.is_null()
            & (HouseholdLink.deleted == False)
        )
        return query.join(HouseholdLink, JOIN.LEFT_OUTER, on=link).join(
            Person, JOIN.LEFT_OUTER, on=(Person.uuid == HouseholdLink.member)
        )

    def filtered(self):
        query = self._joined(self.everything())
        if self.filters.member:
            query = query.where(HouseholdLink.member == self.filters.member)
        text = self.filters.text.strip()
        if text:
            pattern = f"%{text}%"
            query = query.where(
                (Household.head_name**pattern) | (Household.members**pattern) | (Household.group_name**pattern)
            )
        return query

    def decorate(self, query):
        gone = Case(None, [(Person.uuid.is_null(), 0), (_member_gone(), 1)], 0)
        return query.select_extend(fn.COALESCE(Person.name, "").alias(MEMBER_NAME), gone.alias(MEMBER_GONE))

    def tiebreak(self):
        return (Household.group_name, Household.head_name, Household.uuid)
