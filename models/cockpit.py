"""驾驶舱: the first page of a unit above the village — who has reported, how the election round stands, the
Women's Homes, training coverage and the villages heard from longest ago.

Every figure is asked of the feature that owns its rule (``models.submissions``, ``models.stats``,
``models.elections.records``, ``models.training``) and carries the list of units behind it, so the page can
open that list. The whole cockpit is read in a bounded number of statements, whatever the number of units.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from peewee import Case, fn

from . import codes, submissions, units
from .awards import Nomination
from .disputes import DisputeReport
from .duties.records import NEED_ANSWERED, Contact, Need
from .elections.records import DONE_STATUSES
from .elections.records import STATUSES as ELECTION_STATUSES
from .homes import DEMONSTRATION_LEVEL, Activity, Home, HomeDemonstration
from .i18n import N_, _, format_date, format_number, format_year_month
from .overview import TermEnding, terms_ending
from .people import Person
from .stats import Composition

QUIET_MONTHS = 3  # a Home without an activity for this many months is listed as quiet
OLDEST_SHOWN = 5  # how many of the villages heard from longest ago the cockpit names

COMPLETED, IN_PROGRESS, NOT_STARTED = "completed", "in_progress", "not_started"
ROUND_STATES = {
    COMPLETED: N_("Completed"),  # 已完成
    IN_PROGRESS: N_("In progress"),  # 进行中
    NOT_STARTED: N_("Not started"),  # 未启动
}
NO_DEMONSTRATION = "none"


@dataclass(frozen=True)
class UnitLine:
    """One row of a list behind a figure: a unit and what the figure says of it."""

    code: str
    name: str
    detail: str = ""


@dataclass(frozen=True)
class Reporting:
    """This period's reporting, as the 报送 page's progress shows it."""

    period: submissions.Period
    counts: submissions.ProgressCounts
    rows: tuple[submissions.UnitProgress, ...]
    last_import: submissions.ImportsSummary

    def units(self, status: str) -> list[UnitLine]:
        lines = []
        for row in self.rows:
            if row.status != status:
                continue
            detail = ""
            if row.status == submissions.RETURNED:
                detail = row.reason
            elif row.imported_at is not None:
                detail = format_date(submissions.local_time(row.imported_at).date())
            lines.append(UnitLine(row.unit_code, row.unit_name, detail))
        return lines


@dataclass
class RoundGroup:
    """The election round in one township (or county, for a city): units in each state and terms ending."""

    code: str
    name: str
    completed: int = 0
    in_progress: int = 0
    not_started: int = 0
    terms_ending: int = 0

    def count(self, state: str) -> int:
        return getattr(self, state)


@dataclass(frozen=True)
class ElectionRound:
    """This year's election round below the unit (``stats.compositions_for`` of the expected units)."""

    year: int
    compositions: tuple[Composition, ...]
    groups: tuple[RoundGroup, ...]
    total: RoundGroup
    ending: tuple[TermEnding, ...]  # current terms below ending within six months (or ended)

    def units(self, state: str) -> list[UnitLine]:
        return [
            UnitLine(c.unit_code, c.unit_name, c.status_label()) for c in self.compositions if round_state(c) == state
        ]

    def ending_units(self) -> list[UnitLine]:
        lines = []
        for term in self.ending:
            if term.ended:
                detail = _("ended on {date}").format(date=format_date(term.term_end))
            else:
                detail = _("ends on {date}").format(date=format_date(term.term_end))
            lines.append(UnitLine(term.unit, term.unit_name, detail))
        return lines


@dataclass(frozen=True)
class HomeLine:
    unit_code: str
    unit_name: str
    home_name: str
    level: str  # the highest demonstration level the Home has been named at, or NO_DEMONSTRATION
    last_activity: _dt.date | None


@dataclass(frozen=True)
class Homes:
    """The Women's Homes below the unit by demonstration level, and those quiet for three months."""

    homes: tuple[HomeLine, ...]
    quiet_since: _dt.date

    def levels(self) -> list[str]:
        return home_levels()

    def count(self, level: str) -> int:
        return sum(1 for home in self.homes if home.level == level)

    def units(self, level: str) -> list[UnitLine]:
        return [UnitLine(h.unit_code, h.unit_name, h.home_name) for h in self.homes if h.level == level]

    @property
    def quiet(self) -> list[HomeLine]:
        return [h for h in self.homes if h.last_activity is None or h.last_activity < self.quiet_since]

    def quiet_units(self) -> list[UnitLine]:
        return [
            UnitLine(
                h.unit_code,
                h.unit_name,
                _("last activity {date}").format(date=format_date(h.last_activity))
                if h.last_activity
                else _("no activity on record"),
            )
            for h in self.quiet
        ]


def home_levels() -> list[str]:
    """The demonstration levels, highest first, then no demonstration title."""
    return [*reversed(DEMONSTRATION_LEVEL.codes()), NO_DEMONSTRATION]


def level_label(level: str) -> str:
    if level == NO_DEMONSTRATION:
        return _("No demonstration title")
    return DEMONSTRATION_LEVEL.label(level)


@dataclass(frozen=True)
class Coverage:
    """This year's training of the village chairs and committee members (``submissions.coverage_summary``)."""

    summary: submissions.CoverageSummary

    def chairs_untrained(self) -> list[UnitLine]:
        return [
            UnitLine(r.unit_code, r.unit_name, f"{r.chairs_trained}/{r.chairs}")
            for r in self.summary.rows
            if r.chairs_trained < r.chairs
        ]

    def executives_untrained(self) -> list[UnitLine]:
        return [
            UnitLine(r.unit_code, r.unit_name, f"{r.executives_trained}/{r.executives}")
            for r in self.summary.rows
            if r.executives_trained < r.executives
        ]


@dataclass(frozen=True)
class LastPackage:
    unit_code: str
    unit_name: str
    imported_at: _dt.datetime | None  # naive UTC; None: nothing received yet

    def line(self) -> UnitLine:
        if self.imported_at is None:
            return UnitLine(self.unit_code, self.unit_name, _("nothing received yet"))
        day = submissions.local_time(self.imported_at).date()
        return UnitLine(self.unit_code, self.unit_name, format_date(day))


@dataclass
class CommitteeLine:
    """The committee at work in one unit below (or in all of them): this year's contacts, the needs found this
    year and how many of them were answered, the committee members without a contact this month, this year's
    nominations."""

    unit_code: str
    unit_name: str
    contacts: int = 0
    needs: int = 0
    needs_answered: int = 0
    members: int = 0
    members_without_contact: int = 0
    nominations: int = 0

    def add(self, other: CommitteeLine) -> None:
        for name in ("contacts", "needs", "needs_answered", "members", "members_without_contact", "nominations"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class CommitteeWork:
    """执委履职 below the unit: a line per expected village and their total."""

    year: int
    month_start: _dt.date
    rows: tuple[CommitteeLine, ...]
    total: CommitteeLine

    def contacts_units(self) -> list[UnitLine]:
        return [UnitLine(r.unit_code, r.unit_name, format_number(r.contacts)) for r in self.rows]

    def needs_units(self) -> list[UnitLine]:
        """Every unit with its needs answered of those found; those with needs still open first."""
        rows = sorted(self.rows, key=lambda r: (r.needs_answered - r.needs, r.unit_code))
        return [UnitLine(r.unit_code, r.unit_name, f"{r.needs_answered} / {r.needs}") for r in rows]

    def silent_units(self) -> list[UnitLine]:
        return [
            UnitLine(r.unit_code, r.unit_name, f"{r.members_without_contact} / {r.members}")
            for r in self.rows
            if r.members_without_contact
        ]

    def nominations_units(self) -> list[UnitLine]:
        return [UnitLine(r.unit_code, r.unit_name, format_number(r.nominations)) for r in self.rows if r.nominations]


@dataclass(frozen=True)
class DisputeReports:
    """The monthly family-dispute reports (婚姻家庭纠纷排查月报) of ``month`` from the expected units below."""

    month: str  # "2026-12"
    expected: tuple[UnitLine, ...]
    reported: frozenset[str]  # unit codes with the month's report
    none_this_month: frozenset[str]  # of those, the ones that reported "none this month" (零报告)

    @property
    def month_label(self) -> str:
        return format_year_month(int(self.month[:4]), int(self.month[5:7]))

    @property
    def missing(self) -> list[UnitLine]:
        """The expected units without the month's report, in the order of the expected units."""
        detail = _("no report for {month}").format(month=self.month_label)
        return [UnitLine(line.code, line.name, detail) for line in self.expected if line.code not in self.reported]

    def reported_units(self) -> list[UnitLine]:
        none, some = _("none this month"), _("disputes reported")
        return [
            UnitLine(line.code, line.name, none if line.code in self.none_this_month else some)
            for line in self.expected
            if line.code in self.reported
        ]


def dispute_reports_below(unit: str, expected: list[units.Unit], today: _dt.date) -> DisputeReports:
    """Which expected units below have sent ``today``'s month's dispute report: one statement."""
    month = f"{today:%Y-%m}"
    prefix = units.subtree_prefix(unit)
    found = (
        DisputeReport.live()
        .where(DisputeReport.unit.startswith(prefix) & (DisputeReport.unit != unit) & (DisputeReport.month == month))
        .select(DisputeReport.unit, fn.MAX(Case(None, [(DisputeReport.none_this_month == False, 1)], 0)))
        .group_by(DisputeReport.unit)
        .tuples()
    )
    reported, none = set(), set()
    for code, any_disputes in found:
        reported.add(code)
        if not any_disputes:
            none.add(code)
    lines = tuple(UnitLine(u.code, u.name) for u in expected)
    return DisputeReports(month, lines, frozenset(reported), frozenset(none))


@dataclass(frozen=True)
class Cockpit:
    unit: str
    today: _dt.date
    reporting: Reporting
    elections: ElectionRound
    homes: Homes
    coverage: Coverage
    committee: CommitteeWork
    last_packages: tuple[LastPackage, ...]  # every expected village, heard from longest ago first
    disputes: DisputeReports | None = None  # this month's family-dispute reports

    @property
    def oldest(self) -> tuple[LastPackage, ...]:
        return self.last_packages[:OLDEST_SHOWN]


# --- reading ------------------------------------------------------------------------------------


def round_state(composition: Composition) -> str:
    """Where a unit stands in the year's round: its election elected or approved, started, or not started."""
    if composition.status in DONE_STATUSES:
        return COMPLETED
    if composition.status == "not_started" or composition.status not in ELECTION_STATUSES:
        return NOT_STARTED
    return IN_PROGRESS


def group_of(code: str, unit: str) -> str:
    """The unit directly below ``unit`` that ``code`` lies in (a village's township, for a county); a township's
    villages all group under the township itself."""
    if units.level_of(unit) in (units.TOWNSHIP, units.VILLAGE):
        return unit
    current = code
    for _step in units.LEVELS:
        parent = units.code_info(current).parent
        if parent is None or parent == unit:
            return current
        current = parent
    return current


def election_round(unit: str, expected: list[units.Unit], today: _dt.date) -> ElectionRound:
    summary = submissions.election_summary(unit, today.year, today)
    ending = terms_ending(unit, today)
    ending_below = tuple(t for t in ending if t.unit != unit)
    group_codes = [group_of(u.code, unit) for u in expected]
    names = units.names_of(group_codes)
    groups: dict[str, RoundGroup] = {}
    for code in group_codes:
        groups.setdefault(code, RoundGroup(code, names.get(code, code)))
    total = RoundGroup(unit, _("Total"))
    for composition in summary.rows:
        state = round_state(composition)
        for row in (groups[group_of(composition.unit_code, unit)], total):
            setattr(row, state, row.count(state) + 1)
    for term in ending_below:
        group = groups.get(group_of(term.unit, unit))
        if group is not None:
            group.terms_ending += 1
        total.terms_ending += 1
    return ElectionRound(today.year, tuple(summary.rows), tuple(groups[c] for c in sorted(groups)), total, ending_below)


def months_before(day: _dt.date, months: int) -> _dt.date:
    """The same day ``months`` earlier (the month's last day when it has fewer days)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return _dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    return _dt.date(year, month, 28)


def homes_below(unit: str, today: _dt.date) -> Homes:
    """Every live Home of a unit below, with its highest demonstration level and its unit's last activity."""
    prefix = units.subtree_prefix(unit)
    below = units.Unit.code.startswith(prefix) & (units.Unit.code != unit)
    rank = {code: i for i, code in enumerate(DEMONSTRATION_LEVEL.codes())}
    found = list(
        Home.live()
        .where(Home.unit.startswith(prefix) & (Home.unit != unit))
        .select(Home.uuid, Home.unit, Home.name)
        .order_by(Home.unit)
        .tuples()
    )
    best: dict[str, str] = {}
    titles = (
        HomeDemonstration.live()
        .join(Home, on=(HomeDemonstration.home == Home.uuid))
        .where(Home.unit.startswith(prefix) & (Home.unit != unit) & (Home.deleted == False))
        .select(HomeDemonstration.home, HomeDemonstration.level)
        .tuples()
    )
    for home, level in titles:
        if level in rank and (home not in best or rank[level] > rank[best[home]]):
            best[home] = level
    last = dict(
        Activity.live()
        .where(Activity.unit.startswith(prefix) & (Activity.unit != unit))
        .select(Activity.unit, fn.MAX(Activity.date))
        .group_by(Activity.unit)
        .tuples()
    )
    names = dict(units.Unit.live().where(below).select(units.Unit.code, units.Unit.name).tuples())
    lines = []
    for uuid, code, home_name in found:
        latest = last.get(code)
        if isinstance(latest, str):
            latest = _dt.date.fromisoformat(latest)
        lines.append(HomeLine(code, names.get(code, code), home_name, best.get(uuid, NO_DEMONSTRATION), latest))
    return Homes(tuple(lines), months_before(today, QUIET_MONTHS))


def committee_below(
    unit: str,
    expected: list[units.Unit],
    today: _dt.date,
    start: _dt.date | None = None,
    end: _dt.date | None = None,
) -> CommitteeWork:
    """The committee's work in each expected unit below, in five statements whatever their number: contacts
    and needs from ``start`` (this year's first day) to ``end`` (today), nominations of those years, and the
    members without a contact in ``today``'s month."""
    prefix = units.subtree_prefix(unit)
    year_start, month_start = start or _dt.date(today.year, 1, 1), today.replace(day=1)
    last = end or today

    def below(model):
        return model.unit.startswith(prefix) & (model.unit != unit)

    contacts = dict(
        Contact.live()
        .where(below(Contact) & (Contact.date >= year_start) & (Contact.date <= last))
        .select(Contact.unit, fn.COUNT(Contact.uuid))
        .group_by(Contact.unit)
        .tuples()
    )
    answered = fn.SUM(Case(None, [(Need.status == NEED_ANSWERED, 1)], 0))
    needs = {
        code: (found, done or 0)
        for code, found, done in Need.live()
        .where(below(Need) & (Need.found_on >= year_start) & (Need.found_on <= last))
        .select(Need.unit, fn.COUNT(Need.uuid), answered)
        .group_by(Need.unit)
        .tuples()
    }
    committee = below(Person) & Person.post.in_(codes.COMMITTEE_POSTS)
    members = dict(
        Person.live().where(committee).select(Person.unit, fn.COUNT(Person.uuid)).group_by(Person.unit).tuples()
    )
    in_touch = dict(
        Person.live()
        .join(Contact, on=(Contact.member == Person.uuid))
        .where(committee & (Contact.deleted == False) & (Contact.date >= month_start) & (Contact.date <= today))
        .select(Person.unit, fn.COUNT(Person.uuid.distinct()))
        .group_by(Person.unit)
        .tuples()
    )
    nominations = dict(
        Nomination.live()
        .where(below(Nomination) & Nomination.year.between(year_start.year, last.year))
        .select(Nomination.unit, fn.COUNT(Nomination.uuid))
        .group_by(Nomination.unit)
        .tuples()
    )
    total = CommitteeLine(unit, _("Total"))
    rows = []
    for u in expected:
        found, done = needs.get(u.code, (0, 0))
        count = members.get(u.code, 0)
        line = CommitteeLine(
            u.code,
            u.name,
            contacts=contacts.get(u.code, 0),
            needs=found,
            needs_answered=done,
            members=count,
            members_without_contact=max(0, count - in_touch.get(u.code, 0)),
            nominations=nominations.get(u.code, 0),
        )
        total.add(line)
        rows.append(line)
    return CommitteeWork(year_start.year, month_start, tuple(rows), total)


def last_packages(expected: list[units.Unit]) -> tuple[LastPackage, ...]:
    """Each expected village's latest imported package (``submissions.last_imported``), oldest first;
    the villages never heard from come first."""
    latest = submissions.last_imported([u.code for u in expected])
    rows = [LastPackage(u.code, u.name, latest.get(u.code)) for u in expected]
    never = _dt.datetime.min
    return tuple(sorted(rows, key=lambda r: (r.imported_at is not None, r.imported_at or never, r.unit_code)))


def cockpit(unit: str, today: _dt.date) -> Cockpit:
    """The cockpit of a unit above the village for ``today``."""
    period = submissions.period_for(today=today)
    rows = submissions.progress(unit, period, today)
    expected = submissions.expected_units(unit)
    return Cockpit(
        unit=unit,
        today=today,
        reporting=Reporting(period, submissions.progress_counts(rows), tuple(rows), submissions.imports_summary()),
        elections=election_round(unit, expected, today),
        homes=homes_below(unit, today),
        coverage=Coverage(submissions.coverage_summary(unit, today.year)),
        committee=committee_below(unit, expected, today),
        last_packages=last_packages(expected),
        disputes=dispute_reports_below(unit, expected, today),
    )


# --- a list behind a figure, saved for Excel --------------------------------------------------------


@dataclass
class UnitList:
    """What a figure's list shows: a title, the column headings and the rows."""

    title: str
    headings: tuple[str, ...] = field(default_factory=lambda: (_("Unit code"), _("Unit"), _("Details")))
    lines: list[UnitLine] = field(default_factory=list)


def save_xlsx(unit_list: UnitList, path: Path | str) -> Path:
    """Write the list as an .xlsx workbook (title in the first row, then the headings and the rows)."""
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    def cell(text: str) -> str:
        return ILLEGAL_CHARACTERS_RE.sub("", text)  # a control character typed into a reason cannot be stored

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("List")
    sheet.append([cell(unit_list.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(unit_list.headings))
    for heading in sheet[2]:
        heading.font = Font(bold=True)
    for line in unit_list.lines:
        sheet.append([cell(line.code), cell(line.name), cell(line.detail)])
    for column, width in zip("ABC", (16, 24, 40), strict=True):
        sheet.column_dimensions[column].width = width
    target = Path(path)
    workbook.save(target)
    return target
