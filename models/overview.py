"""概览: the figures of the first page ("what needs doing"), each asked of the feature that owns it."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from . import homes, training, units
from .backup_state import BackupState, backup_state
from .care import CareReminders, care_reminders
from .duties.reminders import DutyReminders, duty_reminders
from .elections.records import terms_ending_soon
from .people import Person, committee


@dataclass(frozen=True)
class TermEnding:
    """A current term (here or in a unit below) that ends soon or has ended: the re-election is due."""

    unit: str
    unit_name: str
    term_end: _dt.date
    ended: bool  # the term is already over


@dataclass(frozen=True)
class Overview:
    """What a unit has this year and what needs doing, as the overview page shows it."""

    year: int
    people: int  # everyone on the unit's list (none: the page offers the first step)
    members: int  # committee members
    backbones: int  # women's backbones
    activities: int  # this year's activities
    activities_missing_photos: int  # this year's activities without a photo (sensitive ones excepted)
    trainings: int  # this year's trainings
    attendances: int  # person × half-day sessions attended at this year's trainings
    terms_ending: tuple[TermEnding, ...]  # by end date, then unit
    last_backup: _dt.datetime | None  # UTC
    backup_age_days: int | None  # None: never backed up
    duties: DutyReminders | None = None  # members without a contact this month, needs waiting (a village's own)
    care: CareReminders | None = None  # left-behind children whose parents have not been contacted this month

    @property
    def backup_due(self) -> bool:
        return BackupState(self.last_backup, self.backup_age_days).backup_due


def terms_ending(unit: str, today: _dt.date) -> tuple[TermEnding, ...]:
    """Current terms of the unit and the units below ending within six months, soonest first."""
    ending = terms_ending_soon(unit, today=today)  # every one has a term end
    names = {u.code: u.name for u in units.Unit.live().where(units.Unit.code.in_([e.unit for e in ending]))}
    rows = []
    for election in ending:
        end: _dt.date | None = election.term_end
        if end is not None:
            rows.append(TermEnding(election.unit, names.get(election.unit, election.unit), end, end < today))
    return tuple(sorted(rows, key=lambda row: (row.term_end, row.unit)))


def overview(unit: str, today: _dt.date, now: _dt.datetime | None = None) -> Overview:
    """The overview of a unit's own records for ``today``'s year; ``now`` (UTC) dates the last backup."""
    year = today.year
    people = Person.live().where(Person.unit == unit)
    year_trainings = training.trainings_in_year(unit, year)
    backup = backup_state(now)
    return Overview(
        year=year,
        people=people.count(),
        members=len(committee(unit)),
        backbones=people.where(Person.post == "backbone").count(),
        activities=homes.activities(unit, year).count(),
        activities_missing_photos=len(homes.activities_missing_photos(unit, year)),
        trainings=year_trainings.count(),
        attendances=training.attended_count(year_trainings),
        terms_ending=terms_ending(unit, today),
        last_backup=backup.last_backup,
        backup_age_days=backup.backup_age_days,
        duties=duty_reminders(unit, today),
        care=care_reminders(unit, today),
    )
