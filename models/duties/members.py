"""Which committee members may keep households, contacts and projects: the unit's live committee."""

from __future__ import annotations

from typing import Any

from models import codes
from models.base import FieldError, Record, ValidationError, in_slices
from models.i18n import _
from models.people import Person, committee


def live_member(uuid: str | None, unit: str) -> Person | None:
    """The person with this uuid if she is a live member of the unit's executive committee now, else None."""
    if not uuid:
        return None
    return (
        Person.live()
        .where((Person.uuid == uuid) & (Person.unit == unit) & (Person.post.in_(codes.COMMITTEE_POSTS)))
        .first()
    )


def member_may_keep(uuid: str | None, unit: str, stored: str | None) -> Person | None:
    """The person a record may name as its member: a live committee member when she is new or changed;
    the member already stored, whoever she is now (she may have left the committee or been deleted),
    as long as she is a person of the unit; else None.

    So a need found by a member who has left can still be marked answered, and her project done.
    """
    if uuid and uuid == stored:
        return Person.select().where((Person.uuid == uuid) & (Person.unit == unit)).first()
    return live_member(uuid, unit)


def refuse_records_below(record: Record | None, unit: str, field: str) -> None:
    """Refuse to change a record of a unit below: those are only viewed (the unit's own are saved)."""
    if record is not None and record.unit != unit:
        raise ValidationError([FieldError(field, _("Records reported by units below can only be viewed."))])


def members(unit: str) -> list[Person]:
    """The unit's committee members who keep in touch with households, chair first."""
    return committee(unit)


def names_by_uuid(uuids) -> dict[str, str]:
    """Every person's name by uuid, read once for a list or a form (members who left stay named)."""
    names: dict[str, str] = {}
    for chunk in in_slices(u for u in set(uuids) if u):
        rows: Any = Person.select(Person.uuid, Person.name).where(Person.uuid.in_(chunk)).tuples()
        names.update((uuid, name) for uuid, name in rows)
    return names


def former_members(unit: str) -> list[Person]:
    """People who kept records of the unit's duties (households, contacts, needs, projects) but are not on
    the committee now: their records of the years they served can still be chosen and printed."""
    from .records import Contact, HouseholdLink, Need, Project

    now = {person.uuid for person in members(unit)}
    kept: set[str] = set()
    for model in (Contact, HouseholdLink, Need, Project):
        rows: Any = model.live().select(model.member).where(model.unit == unit).distinct().tuples()
        kept.update(uuid for (uuid,) in rows if uuid)
    gone = sorted(kept - now)
    people: list[Person] = []
    for chunk in in_slices(gone):
        people.extend(Person.select().where(Person.uuid.in_(chunk) & (Person.unit == unit)))
    return sorted(people, key=lambda person: (person.name, person.uuid))
