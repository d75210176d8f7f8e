"""Which committee members may keep households, contacts and projects: the unit's live committee."""

from __future__ import annotations

from typing import Any

from models import codes
from models.base import in_slices
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
