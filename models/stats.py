"""Composition statistics (换届情况统计): who sits on a unit's committee, counted.

``composition_for`` counts one unit's current committee the way the
statistics collected upward ask for it (DOMAIN.md §1): chairs and
vice-chairs, age bands and average age at the election, education bands,
Party members, ethnic minorities, new members, whether the chair sits on
the village two committees, and how far the election has come.
``roll_up`` totals several such rows for a township or county: counts add,
the average age is weighted by the members whose age is known, and shares
are recomputed from the totals, never averaged.

Everything stored is a count, so a row of one unit and a row of a hundred
have the same shape and roll up again.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from models import codes
from models.elections.records import DONE_STATUSES, STATUSES, CommitteeMember, Election, current_elections

from .base import in_slices
from .i18n import _
from .people import Person, age_at
from .units import VILLAGE, Unit, code_info, is_below, level_of, names_of

AGE_BANDS = ("35_or_under", "36_to_45", "46_to_55", "56_or_over")
EDUCATION_BANDS = tuple(codes.EDUCATION_BANDS)  # college_or_above, high_school, junior_or_below
# An election counts as done (for completion rates) once it is elected or approved.


def _empty_bands(names: Iterable[str]) -> dict[str, int]:
    return {name: 0 for name in names}


def _ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to divide by (a share of nobody is unknown, not 0)."""
    return part / whole if whole else None


@dataclass
class Composition:
    """The committee statistics of one unit, or of several rolled up (``units`` > 1).

    Counts only; averages and shares are properties computed from them.
    """

    unit_code: str
    unit_name: str
    units: int = 1  # how many units the row covers
    election_date: _dt.date | None = None  # one unit's; None on a roll-up
    entitled: int = 0  # representatives 应到
    present: int = 0  # representatives 实到
    chairs: int = 0
    vice_chairs: int = 0  # vice-chairs and attached vice-chairs
    part_time_vice_chairs: int = 0
    members: int = 0  # everyone on the committee (执委), chair and vice-chairs included
    age_bands: dict[str, int] = field(default_factory=lambda: _empty_bands(AGE_BANDS))
    age_known: int = 0  # members whose birth month is recorded
    age_sum: int = 0  # their ages added up, for the weighted average
    education: dict[str, int] = field(default_factory=lambda: _empty_bands(EDUCATION_BANDS))
    party_members: int = 0  # 中共党员, probationary members included
    minorities: int = 0
    new_members: int = 0  # 新任
    tenure_known: int = 0  # members of a recorded election, whose new/re-elected status is known
    chairs_on_two_committees: int = 0  # units whose chair sits on the village two committees
    units_with_chair: int = 0
    statuses: Counter = field(default_factory=Counter)  # election status code → units

    @property
    def average_age(self) -> float | None:
        return _ratio(self.age_sum, self.age_known)

    @property
    def party_share(self) -> float | None:
        return _ratio(self.party_members, self.members)

    @property
    def new_share(self) -> float | None:
        return _ratio(self.new_members, self.tenure_known)

    @property
    def chair_on_two_committees(self) -> bool | None:
        """For one unit: does its chair sit on the two committees (None: no chair)."""
        if not self.units_with_chair:
            return None
        return self.chairs_on_two_committees == self.units_with_chair

    @property
    def status(self) -> str:
        """The election status of one unit (the most advanced one on a roll-up)."""
        for code in reversed(tuple(STATUSES)):
            if self.statuses.get(code):
                return code
        return "not_started"

    @property
    def done(self) -> int:
        """Units whose election is elected or approved."""
        return sum(self.statuses.get(code, 0) for code in DONE_STATUSES)

    def status_label(self) -> str:
        return _(STATUSES[self.status])


def age_band(age: int) -> str:
    if age <= 35:
        return "35_or_under"
    if age <= 45:
        return "36_to_45"
    if age <= 55:
        return "46_to_55"
    return "56_or_over"


def education_band(code: str | None) -> str | None:
    for band, members in codes.EDUCATION_BANDS.items():
        if code in members:
            return band
    return None


def _election_year(election: Election) -> int:
    return (election.meeting_date or election.created_at).year


def elections_newest_first(unit_code: str, year: int | None = None) -> list[Election]:
    """The unit's elections, latest first: by meeting date, then by when they were entered.

    An election without a meeting date yet is one being prepared, so it
    counts as the newest. ``year`` keeps only elections of that year (the
    meeting's, or the entry's when there is no meeting date).
    """
    return _newest_first(list(Election.live().where(Election.unit == unit_code)), year)


def _newest_first(elections: list[Election], year: int | None) -> list[Election]:
    """``elections_newest_first`` of a unit's live elections already read."""
    if year is not None:
        elections = [e for e in elections if _election_year(e) == year]
    return sorted(elections, key=lambda e: (e.meeting_date or _dt.date.max, e.created_at), reverse=True)


def latest_election(unit_code: str, year: int | None = None) -> Election | None:
    """The unit's latest election (see ``elections_newest_first``), or None."""
    elections = elections_newest_first(unit_code, year)
    return elections[0] if elections else None


def latest_election_year(unit_codes: Iterable[str]) -> int | None:
    """The latest year in which any of these units held (or is preparing) an election."""
    codes_ = list(unit_codes)
    years = [_election_year(e) for e in Election.live().where(Election.unit.in_(codes_))]
    return max(years) if years else None


def _status_of(elections: list[Election], year: int | None, latest: Election | None) -> str:
    """How far the unit's election has come, from its live elections.

    For a year, the most advanced of that year's elections: a unit that has
    held its election and then starts preparing a by-election has still
    completed the year's round. Without a year, the latest election's.
    """
    if latest is None:
        return "not_started"
    if year is None:
        return latest.status
    order = list(STATUSES)
    held = [e.status for e in elections if _election_year(e) == year]
    return max(held, key=lambda code: order.index(code) if code in order else -1)


def units_with_data(unit_codes: Iterable[str]) -> set[str]:
    """Which of these units have data for the composition table: a live election or a committee on record."""
    codes_ = sorted(set(unit_codes))
    found: set[str] = set()
    for chunk in in_slices(codes_):
        found.update(u for (u,) in Election.live().where(Election.unit.in_(chunk)).select(Election.unit).tuples())
        people = Person.live().where(Person.unit.in_(chunk) & Person.post.in_(codes.COMMITTEE_POSTS))
        found.update(u for (u,) in people.select(Person.unit).tuples())
    return found


def composition_scope(unit_code: str) -> list[str]:
    """The units the composition table has a row for: a village itself, or the villages below it with data."""
    if level_of(unit_code) == VILLAGE:
        return [unit_code]
    villages = Unit.live().where(Unit.level == VILLAGE).select(Unit.code).tuples()
    below = {code for (code,) in villages if is_below(code, unit_code)}
    return sorted(below & units_with_data(below))


def compositions_for(
    unit_codes: Iterable[str], year: int | None = None, today: _dt.date | None = None
) -> list[Composition]:
    """``composition_for`` of each of these units, in their order, read in a handful of statements whatever
    their number."""
    wanted = list(unit_codes)
    distinct = sorted(set(wanted))
    names: dict[str, str] = {}
    by_unit: dict[str, list[Election]] = {code: [] for code in distinct}
    fallback: dict[str, list[Person]] = {code: [] for code in distinct}
    for chunk in in_slices(distinct):
        for unit in Unit.live().where(Unit.code.in_(chunk)):
            names.setdefault(unit.code, unit.name)
        for election in Election.live().where(Election.unit.in_(chunk)):
            by_unit[election.unit].append(election)
    current = current_elections(distinct)
    counted_of: dict[str, Election | None] = {}
    for code in distinct:
        counted = current.get(code)
        if counted is not None and year is not None and _election_year(counted) != year:
            counted = None
        counted_of[code] = counted
    members: dict[str, list[tuple[Person, str | None, bool | None]]] = {code: [] for code in distinct}
    unit_of_election = {e.uuid: code for code, e in counted_of.items() if e is not None}
    for chunk in in_slices(sorted(unit_of_election)):
        rows = (
            CommitteeMember.select(CommitteeMember, Person)
            .join(Person, on=(CommitteeMember.person == Person.uuid))
            .where((CommitteeMember.deleted == False) & CommitteeMember.election.in_(chunk))
        )
        for row in rows:
            if not row.person.deleted:
                members[unit_of_election[row.election_id]].append((row.person, row.position, row.reelected))
    without = [code for code in distinct if not members[code]]
    for chunk in in_slices(without):
        for person in Person.live().where(Person.unit.in_(chunk) & Person.post.in_(codes.COMMITTEE_POSTS)):
            fallback[person.unit].append(person)
    for code in without:
        members[code] = [(person, person.post, None) for person in fallback[code]]

    made: dict[str, Composition] = {}
    for code in distinct:
        elections = by_unit[code]
        latest = _newest_of(elections, year)
        counted = counted_of[code]
        made[code] = _composition(code, names.get(code, code), elections, year, latest, counted, members[code], today)
    return [made[code] for code in wanted]


def _newest_of(elections: list[Election], year: int | None) -> Election | None:
    """``latest_election`` among a unit's live elections already read."""
    ordered = _newest_first(elections, year)
    return ordered[0] if ordered else None


def composition_for(unit_code: str, year: int | None = None, today: _dt.date | None = None) -> Composition:
    """The composition statistics of one unit's committee.

    The committee is that of the unit's current (finalised) election; with
    no election recorded, the people whose post is a committee post. With
    ``year``, only that year's elections count: a unit that has not held
    one shows its sitting committee with the status "not started". Ages are
    taken at the election date (``today`` when there is none). Several
    units at once: ``compositions_for``.
    """
    return compositions_for([unit_code], year, today)[0]


def _composition(
    unit_code: str,
    unit_name: str,
    elections: list[Election],
    year: int | None,
    latest: Election | None,
    counted: Election | None,
    members: list[tuple[Person, str | None, bool | None]],
    today: _dt.date | None,
) -> Composition:
    row = Composition(unit_code, unit_name)
    source = counted or latest
    row.statuses[_status_of(elections, year, latest)] += 1
    if source is not None:
        row.election_date = source.meeting_date
        row.entitled, row.present = source.entitled, source.present
    day = row.election_date or today or _dt.date.today()

    for person, post, reelected in members:
        row.members += 1
        if post == "chair":
            row.chairs += 1
            row.units_with_chair = 1
            if person.two_committees:
                row.chairs_on_two_committees = 1
        elif post in ("vice_chair", "attached_vice_chair"):
            row.vice_chairs += 1
            if person.part_time:
                row.part_time_vice_chairs += 1
        age = age_at(person.birth, day)
        if age is not None:
            row.age_known += 1
            row.age_sum += age
            row.age_bands[age_band(age)] += 1
        band = education_band(person.education)
        if band is not None:
            row.education[band] += 1
        if person.political in codes.CPC_MEMBER_CODES:
            row.party_members += 1
        if person.ethnicity and person.ethnicity != codes.HAN:
            row.minorities += 1
        if reelected is not None:
            row.tenure_known += 1
            if not reelected:
                row.new_members += 1
    return row


_ADDED = (
    "units",
    "entitled",
    "present",
    "chairs",
    "vice_chairs",
    "part_time_vice_chairs",
    "members",
    "age_known",
    "age_sum",
    "party_members",
    "minorities",
    "new_members",
    "tenure_known",
    "chairs_on_two_committees",
    "units_with_chair",
)


def roll_up(rows: Iterable[Composition], unit_code: str = "", unit_name: str = "") -> Composition:
    """Several units' rows totalled into one (a township's or county's 合计)."""
    total = Composition(unit_code, unit_name or _("Total"), units=0)
    for row in rows:
        for name in _ADDED:
            setattr(total, name, getattr(total, name) + getattr(row, name))
        for band, count in row.age_bands.items():
            total.age_bands[band] += count
        for band, count in row.education.items():
            total.education[band] += count
        total.statuses.update(row.statuses)
    return total


def township_groups(unit_codes: Iterable[str]) -> list[tuple[str, str, list[str]]]:
    """Villages grouped under their townships, in code order: (township code, its name, the villages' codes).

    A village's township is the parent its code names; the name is the township's row in the unit
    table (its code when there is none). One statement per 900 townships, whatever the villages.
    """
    groups: dict[str, list[str]] = {}
    for code in sorted(set(unit_codes)):
        parent = code_info(code).parent if level_of(code) == VILLAGE else code
        groups.setdefault(parent or code, []).append(code)
    names = names_of(groups)
    return [(township, names.get(township, township), groups[township]) for township in sorted(groups)]
