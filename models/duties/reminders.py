"""What the village overview reminds a cadre of in members' duties: members without a contact, needs waiting.

- a committee member with no contact since the first of this month;
- a need found ``WAITING_DAYS`` days ago or more that is still open (neither
  answered nor closed);
- a household linked to someone no longer on the committee (she left or was
  deleted): the cadre links it to a member now on the committee.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from peewee import fn

from models.people import Person

from .households import households_to_relink
from .members import members
from .records import Contact, Need

WAITING_DAYS = 30


@dataclass(frozen=True)
class DutyReminders:
    """The members' duties part of a village's overview."""

    members_without_contact: tuple[str, ...]  # names, chair first
    needs_waiting: int  # open needs found WAITING_DAYS days ago or more
    oldest_waiting: _dt.date | None  # the day the oldest of them was found
    households_to_relink: int = 0  # linked to someone who has left the committee

    @property
    def any(self) -> bool:
        return bool(self.members_without_contact or self.needs_waiting or self.households_to_relink)


def members_without_contact(unit: str, today: _dt.date) -> list[Person]:
    """The unit's committee members who have made no contact since the first of ``today``'s month."""
    start = today.replace(day=1)
    contacted = {
        member
        for (member,) in Contact.live()
        .select(Contact.member)
        .where((Contact.unit == unit) & (Contact.date >= start) & (Contact.date <= today))
        .distinct()
        .tuples()
    }
    return [person for person in members(unit) if person.uuid not in contacted]


def _waiting(unit: str, today: _dt.date):
    """The condition on needs of the unit found WAITING_DAYS days ago or more and still open."""
    cutoff = today - _dt.timedelta(days=WAITING_DAYS)
    return (Need.unit == unit) & (Need.deleted == False) & (Need.status == "open") & (Need.found_on <= cutoff)


def is_waiting(need: Need, today: _dt.date) -> bool:
    """Whether a need is still open WAITING_DAYS days or more after it was found (for a list's colour)."""
    return need.status == "open" and need.found_on <= today - _dt.timedelta(days=WAITING_DAYS)


def waiting_needs(unit: str, today: _dt.date) -> list[Need]:
    """Open needs of the unit found WAITING_DAYS days ago or more, the oldest first."""
    return list(Need.select().where(_waiting(unit, today)).order_by(Need.found_on))


def duty_reminders(unit: str, today: _dt.date) -> DutyReminders:
    count, oldest = (
        Need.select()
        .where(_waiting(unit, today))
        .select(fn.COUNT(Need.uuid), fn.MIN(Need.found_on))
        .scalar(as_tuple=True)
    )
    if isinstance(oldest, str):
        oldest = _dt.date.fromisoformat(oldest)
    return DutyReminders(
        tuple(person.name for person in members_without_contact(unit, today)),
        int(count or 0),
        oldest,
        households_to_relink(unit),
    )
