"""Reporting upward (报送): who below has reported for a period, returns for correction, summaries.

A *period* is what the county counts against: a name, a first and last day
and a deadline. Periods are kept in the ``report_period`` table; when none
is stored for a year, that year is the period (1 January – 31 December) and
its deadline is the ``report_deadline`` setting ("MM-DD" in ``meta``) or the
last day.

The units expected to report are the live village/community units below
this installation's unit (``expected_units``): those of an imported unit
list and those that arrived with packages. A unit has reported for a period
when a package from it was made (``created_at``) or imported here
(``imported_at``) within the period. Only its latest package in the period
counts, so a file sent twice or a corrected file never counts twice. A
package can be returned for correction with a reason (``return_submission``);
the unit then shows as returned until a later package arrives, which clears
the return because only the latest package is looked at. A unit with no
package in the period is overdue once ``today`` is after the deadline.

Summaries (one row per expected unit, a total row, shares recomputed from
the totals): elections and committee composition (``models.stats``),
activities per category in the period, and training coverage of the year.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import overload

from peewee import CharField, DateField, DateTimeField, TextField, fn

from models import fields, meta, stats, training, units
from models.base import FieldError, Record, ValidationError, database, in_slices, utcnow
from models.exchange import ImportLog
from models.homes import CATEGORY, Activity
from models.i18n import N_, _

DEADLINE_SETTING = "report_deadline"  # "MM-DD": the default deadline of a year's period

REPORTED, RETURNED, NOT_REPORTED, OVERDUE = "reported", "returned", "not_reported", "overdue"
STATUSES = {
    REPORTED: N_("Reported"),  # 已报送
    RETURNED: N_("Returned"),  # 已退回
    NOT_REPORTED: N_("Not reported"),  # 未报送
    OVERDUE: N_("Overdue"),  # 逾期
}

COMMITTEE_WORK = N_("The committee's work (duties, meetings, plans, awards)")
RIGHTS_AND_CARE = N_("Rights and care (monthly reports and counts)")
# The tables a package carries, as the receipt and the progress table name them (tables sharing a label are
# one line, their records added up).
KIND_LABELS = {
    "unit": N_("Units"),
    "person": N_("People"),
    "home": N_("Women's Homes"),
    "home_demonstration": N_("Demonstration titles"),
    "election": N_("Elections"),
    "election_step": N_("Election steps"),
    "election_round": N_("Voting rounds"),
    "election_candidate": N_("Candidates"),
    "committee_member": N_("Committee members"),
    "activity": N_("Activities"),
    "activity_participant": N_("Activity participants"),
    "training": N_("Trainings"),
    "training_session": N_("Training sessions"),
    "trainee": N_("Trainees"),
    "attendance": N_("Attendance marks"),
    # The committee's tables count as one kind: a receipt stays on one page.
    **dict.fromkeys(
        (
            "household",
            "household_link",
            "contact",
            "project",
            "need",
            "need_contact",
            "meeting",
            "meeting_attendee",
            "meeting_link",
            "year_document",
            "year_document_section",
            "nomination",
            "award",
        ),
        COMMITTEE_WORK,
    ),
    # Rights and care travel as the monthly dispute reports and counts, never as their registers' rows.
    **dict.fromkeys(("dispute_report", "care_count"), RIGHTS_AND_CARE),
    "photo_link": N_("Photos"),
}


class ReportPeriod(Record):
    """A stored reporting period: its name, first and last day and deadline."""

    name = CharField(max_length=fields.max_length("report_period", "name"))
    start_date = DateField(index=True)
    end_date = DateField()
    deadline = DateField()

    class Meta:
        table_name = "report_period"


class SubmissionReturn(Record):
    """A package returned to its unit for correction, with the reason and when."""

    source_code = CharField(max_length=12, index=True)
    package_id = CharField(max_length=36, index=True)
    reason = TextField()
    returned_at = DateTimeField()

    class Meta:
        table_name = "submission_return"


# --- periods ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """What reporting is counted against: first and last day (inclusive) and the deadline."""

    name: str
    start: _dt.date
    end: _dt.date
    deadline: _dt.date

    @property
    def year(self) -> int:
        """The year whose elections and training the summaries count (the year the period starts in)."""
        return self.start.year

    def contains(self, day: _dt.date) -> bool:
        return self.start <= day <= self.end


def _period(row: ReportPeriod) -> Period:
    return Period(row.name, row.start_date, row.end_date, row.deadline)


def default_deadline(year: int) -> _dt.date:
    """The ``report_deadline`` setting in ``year``, or 31 December."""
    setting = meta.get(DEADLINE_SETTING)
    if setting:
        try:
            month, day = (int(part) for part in setting.split("-"))
            return _dt.date(year, month, day)
        except ValueError:
            pass  # a bad setting falls back to the year's end rather than breaking every report
    return _dt.date(year, 12, 31)


def set_default_deadline(month: int, day: int) -> None:
    _dt.date(2024, month, day)  # refuses an impossible date (29 February is allowed)
    meta.put(DEADLINE_SETTING, f"{month:02d}-{day:02d}")


def year_period(year: int) -> Period:
    """The whole year as a period, when none is stored for it."""
    return Period(str(year), _dt.date(year, 1, 1), _dt.date(year, 12, 31), default_deadline(year))


def save_period(name: str, start: _dt.date, end: _dt.date, deadline: _dt.date | None = None) -> Period:
    """Create the period ``name`` or change its dates (names are unique)."""
    name, problem = fields.check_text("report_period", "name", name)
    given_deadline, deadline = deadline is not None, deadline or end
    errors = []
    if not name:
        errors.append(FieldError("name", _("The period needs a name.")))
    elif problem:
        errors.append(FieldError("name", problem))
    if end < start:
        errors.append(FieldError("end", _("The last day of the period is before its first day.")))
    if deadline < start and (given_deadline or end >= start):  # said once when it is only the bad last day
        errors.append(FieldError("deadline", _("The deadline is before the first day of the period.")))
    if errors:
        raise ValidationError(errors)
    own = units.own_unit()
    with database.atomic():
        row = ReportPeriod.live().where(ReportPeriod.name == name).first()
        if row is None:
            row = ReportPeriod(name=name, unit=own.code if own else "")
        row.start_date, row.end_date, row.deadline = start, end, deadline
        row.save()
    return _period(row)


def periods() -> list[Period]:
    """The stored periods, the latest first."""
    rows = ReportPeriod.live().order_by(ReportPeriod.start_date.desc(), ReportPeriod.name)
    return [_period(row) for row in rows]


def period_for(year: int | None = None, name: str | None = None, today: _dt.date | None = None) -> Period:
    """The period named ``name``; else the latest stored one starting in ``year``; else that whole year.

    ``year`` defaults to the year of ``today``. Raises LookupError for an unknown name.
    """
    if name:
        row = ReportPeriod.live().where(ReportPeriod.name == fields.clean_text("report_period", "name", name)).first()
        if row is None:
            known = ", ".join(p.name for p in periods())
            raise LookupError(
                _("There is no reporting period called {name}. The periods are: {names}.").format(
                    name=name, names=known or _("none")
                )
            )
        return _period(row)
    year = year or (today or _dt.date.today()).year
    for period in periods():
        if period.start.year == year:
            return period
    return year_period(year)


def period_choices(today: _dt.date | None = None) -> list[Period]:
    """What a period list offers: the stored periods, then this year and the two before as whole years."""
    today = today or _dt.date.today()
    entries = periods()
    names = {p.name for p in entries}
    entries += [year_period(y) for y in (today.year, today.year - 1, today.year - 2) if str(y) not in names]
    return entries


# --- who should report --------------------------------------------------------------------------


def expected_units(unit_code: str) -> list[units.Unit]:
    """The live village/community units below ``unit_code``, one per code, by code.

    They come from imported unit lists and from packages (a package carries
    its unit). Where both name a code, the row changed last gives the name.
    """
    found: dict[str, units.Unit] = {}
    rows = (
        units.Unit.live()
        .where((units.Unit.level == units.VILLAGE) & (units.Unit.code != unit_code))
        .order_by(units.Unit.updated_at)
    )
    for row in rows:
        if units.is_below(row.code, unit_code):
            found[row.code] = row
    return [found[code] for code in sorted(found)]


# --- progress -----------------------------------------------------------------------------------


@overload
def local_time(moment: _dt.datetime | str) -> _dt.datetime: ...
@overload
def local_time(moment: None) -> None: ...
def local_time(moment: _dt.datetime | str | None) -> _dt.datetime | None:
    """A stored (naive UTC) time in this PC's time zone, naive, for display and for dates."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = _dt.datetime.fromisoformat(moment)
    return moment.replace(tzinfo=_dt.UTC).astimezone().replace(tzinfo=None)


def _in_period(entry: ImportLog, period: Period) -> bool:
    return any(period.contains(local_time(moment).date()) for moment in (entry.package_created_at, entry.imported_at))


def package_counts(entry: ImportLog) -> dict[str, dict[str, int]]:
    """Table → {added, changed, tombstoned, unchanged} of an imported package."""
    try:
        found = json.loads(entry.counts or "{}")
    except ValueError:
        return {}
    return {name: {k: int(v) for k, v in values.items()} for name, values in found.items()}


def records_of(counts: dict[str, dict[str, int]], kind: str) -> int:
    """Records of one kind the package carried and that stand (added, changed or unchanged; not removals)."""
    c = counts.get(kind, {})
    return c.get("added", 0) + c.get("changed", 0) + c.get("unchanged", 0)


@dataclass
class UnitProgress:
    """One expected unit's state for a period: its status and its latest package in the period."""

    unit_code: str
    unit_name: str
    status: str
    packages: int = 0  # packages from it in the period (only the latest counts)
    package_id: str | None = None
    sequence: int | None = None
    created_at: _dt.datetime | None = None  # naive UTC, as stored
    imported_at: _dt.datetime | None = None
    file_sha256: str = ""
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    reason: str = ""  # why it was returned
    returned_at: _dt.datetime | None = None
    late: bool = False  # reported, but the package was made after the deadline

    def status_label(self) -> str:
        return _(STATUSES[self.status])

    def records(self, kind: str) -> int:
        return records_of(self.counts, kind)


def _live_return(package_id: str) -> SubmissionReturn | None:
    return (
        SubmissionReturn.live()
        .where(SubmissionReturn.package_id == package_id)
        .order_by(SubmissionReturn.returned_at.desc())
        .first()
    )


def _live_returns(package_ids: list[str]) -> dict[str, SubmissionReturn]:
    """``_live_return`` of each of these packages that was returned, by package id (one statement per IN_SLICE)."""
    found: dict[str, SubmissionReturn] = {}
    for chunk in in_slices(sorted(set(package_ids))):
        query = SubmissionReturn.live().where(SubmissionReturn.package_id.in_(chunk))
        for returned in query.order_by(SubmissionReturn.returned_at.desc()):
            found.setdefault(returned.package_id, returned)
    return found


def progress(unit_code: str, period: Period, today: _dt.date | None = None) -> list[UnitProgress]:
    """The reporting state of every unit expected below ``unit_code`` for ``period``, by code."""
    today = today or _dt.date.today()
    expected = expected_units(unit_code)
    codes = [u.code for u in expected]
    latest: dict[str, ImportLog] = {}
    sent: Counter = Counter()
    entries = [e for chunk in in_slices(codes) for e in ImportLog.live().where(ImportLog.source_code.in_(chunk))]
    for entry in entries:
        if not _in_period(entry, period):
            continue
        sent[entry.source_code] += 1
        # The latest import is the snapshot that stands (a stale package is refused on import).
        key = (entry.imported_at, entry.package_created_at, entry.sequence)
        best = latest.get(entry.source_code)
        if best is None or key > (best.imported_at, best.package_created_at, best.sequence):
            latest[entry.source_code] = entry
    returns = _live_returns([entry.package_id for entry in latest.values()])
    rows = []
    for unit in expected:
        entry = latest.get(unit.code)
        if entry is None:
            rows.append(UnitProgress(unit.code, unit.name, OVERDUE if today > period.deadline else NOT_REPORTED))
            continue
        row = UnitProgress(
            unit.code,
            unit.name,
            REPORTED,
            packages=sent[unit.code],
            package_id=entry.package_id,
            sequence=entry.sequence,
            created_at=entry.package_created_at,
            imported_at=entry.imported_at,
            file_sha256=entry.file_sha256,
            counts=package_counts(entry),
            late=local_time(entry.package_created_at).date() > period.deadline,
        )
        returned = returns.get(entry.package_id)
        if returned is not None:
            row.status, row.reason, row.returned_at = RETURNED, returned.reason, returned.returned_at
        rows.append(row)
    return rows


@dataclass
class ProgressCounts:
    """How many expected units are in each state, and their shares of all expected."""

    expected: int = 0
    reported: int = 0
    returned: int = 0
    not_reported: int = 0
    overdue: int = 0

    def count(self, status: str) -> int:
        return getattr(self, status)

    def share(self, status: str) -> float | None:
        return self.count(status) / self.expected if self.expected else None


def progress_counts(rows: list[UnitProgress]) -> ProgressCounts:
    counts = ProgressCounts(expected=len(rows))
    for row in rows:
        setattr(counts, row.status, counts.count(row.status) + 1)
    return counts


def return_submission(
    source_code: str, package_id: str | None, reason: str, now: _dt.datetime | None = None
) -> SubmissionReturn:
    """Return a unit's package for correction; ``package_id`` None means its latest package.

    The reason is required. Returning the same package again replaces the
    reason. A later package from the unit clears the return.
    """
    source_code = units.normalize_code(source_code or "")
    reason, problem = fields.check_text("submission_return", "reason", reason)
    errors = []
    if not reason:
        errors.append(FieldError("reason", _("Say why the submission is returned.")))
    elif problem:
        errors.append(FieldError("reason", problem))
    query = ImportLog.live().where(ImportLog.source_code == source_code)
    if package_id:
        entry = query.where(ImportLog.package_id == package_id.strip()).first()
    else:
        entry = query.order_by(ImportLog.imported_at.desc()).first()
    if entry is None:
        if package_id:
            message = _("No package {package} from {code} has been imported.").format(
                package=package_id, code=source_code
            )
        else:
            message = _("No package from {code} has been imported.").format(code=source_code)
        errors.append(FieldError("package_id", message))
    if errors:
        raise ValidationError(errors)
    own = units.own_unit()
    with database.atomic():
        row = _live_return(entry.package_id)
        if row is None:
            row = SubmissionReturn(unit=own.code if own else "", source_code=source_code, package_id=entry.package_id)
        row.reason, row.returned_at = reason, now or utcnow()
        row.save()
    return row


def withdraw_return(package_id: str) -> bool:
    """Accept a returned package after all; True when there was a return to withdraw."""
    with database.atomic():
        row = _live_return(package_id)
        if row is None:
            return False
        row.move_to_recycle_bin()
    return True


def find_package(unit_code: str, key: str) -> ImportLog | None:
    """A package imported from below, by its package id, or the latest from a unit by the unit's code."""
    key = (key or "").strip()
    entry = ImportLog.live().where(ImportLog.package_id == key).first()
    if entry is not None:
        return entry
    code = units.normalize_code(key)
    if units.code_error(code) is None and (code == unit_code or units.is_below(code, unit_code)):
        return ImportLog.live().where(ImportLog.source_code == code).order_by(ImportLog.imported_at.desc()).first()
    return None


def return_of(package_id: str) -> SubmissionReturn | None:
    """The standing return of a package, if it was returned."""
    return _live_return(package_id)


def latest_package_of(source_code: str) -> ImportLog | None:
    """The unit's package imported last (the snapshot of it that stands here); several units: ``last_imported``."""
    return ImportLog.live().where(ImportLog.source_code == source_code).order_by(ImportLog.imported_at.desc()).first()


def last_imported(source_codes: list[str]) -> dict[str, _dt.datetime]:
    """When ``latest_package_of`` each of these units was imported, for those ever heard from (naive UTC)."""
    latest: dict[str, _dt.datetime] = {}
    for chunk in in_slices(source_codes):
        query = (
            ImportLog.live()
            .where(ImportLog.source_code.in_(chunk))
            .select(ImportLog.source_code, fn.MAX(ImportLog.imported_at))
            .group_by(ImportLog.source_code)
        )
        for code, moment in query.tuples():
            latest[code] = _dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return latest


@dataclass(frozen=True)
class ImportsSummary:
    """How many packages stand imported here, and the latest of them."""

    count: int
    last_source_name: str = ""
    last_imported_at: _dt.datetime | None = None  # naive UTC


def imports_summary() -> ImportsSummary:
    live = ImportLog.live()
    last = live.order_by(ImportLog.imported_at.desc()).first()
    if last is None:
        return ImportsSummary(0)
    return ImportsSummary(live.count(), last.source_name, last.imported_at)


@dataclass(frozen=True)
class UnitDetail:
    """What this installation holds of one unit below, as its detail view shows it."""

    people: int
    committee: list  # models.people.Person, chair first
    election_date: _dt.date | None
    election_status: str | None  # None: no election on record
    activities: int  # in the year asked about
    trainings: int
    trainees: int


def unit_detail(unit_code: str, year: int) -> UnitDetail:
    """People, committee, last election, the year's activities and training of ``unit_code``."""
    from models.elections.records import Election
    from models.people import Person, committee
    from models.training import Trainee, Training

    election = (
        Election.live()
        .where(Election.unit == unit_code)
        .order_by(Election.meeting_date.is_null(), Election.meeting_date.desc())
        .first()
    )
    activities = (
        Activity.live()
        .where(
            (Activity.unit == unit_code)
            & (Activity.date >= _dt.date(year, 1, 1))
            & (Activity.date <= _dt.date(year, 12, 31))
        )
        .count()
    )
    trainees = (
        Trainee.live().join(Training, on=(Trainee.training == Training.uuid)).where(Training.unit == unit_code).count()
    )
    return UnitDetail(
        people=Person.live().where(Person.unit == unit_code).count(),
        committee=committee(unit_code),
        election_date=election.meeting_date if election else None,
        election_status=election.status if election else None,
        activities=activities,
        trainings=Training.live().where(Training.unit == unit_code).count(),
        trainees=trainees,
    )


# --- summaries ----------------------------------------------------------------------------------


def share(part: int | float, whole: int | float) -> float | None:
    """part / whole, or None when there is no whole to share."""
    return part / whole if whole else None


@dataclass
class ElectionSummary:
    """Elections and committee composition: one Composition per expected unit and their roll-up."""

    year: int
    rows: list[stats.Composition]
    total: stats.Composition

    @property
    def done_share(self) -> float | None:
        """Share of units whose election is elected or approved."""
        return share(self.total.done, self.total.units)


def election_summary(unit_code: str, year: int, today: _dt.date | None = None) -> ElectionSummary:
    rows = stats.compositions_for([u.code for u in expected_units(unit_code)], year, today)
    return ElectionSummary(year, rows, stats.roll_up(rows, unit_code, _("Total")))


@dataclass
class ActivityRow:
    """Activities of one unit (or the total) in a period, per category, with the women reached."""

    unit_code: str
    unit_name: str
    by_category: dict[str, int] = field(default_factory=lambda: {code: 0 for code in CATEGORY.codes()})
    women: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_category.values())


@dataclass
class ActivitySummary:
    """Activities per unit and category in a period, and the total row."""

    period: Period
    rows: list[ActivityRow]
    total: ActivityRow

    def share_of_total(self, row: ActivityRow) -> float | None:
        """The row's share of all activities."""
        return share(row.total, self.total.total)

    def category_share(self, code: str) -> float | None:
        return share(self.total.by_category[code], self.total.total)

    @property
    def units_active(self) -> int:
        return sum(1 for row in self.rows if row.total)


def activity_summary(unit_code: str, period: Period) -> ActivitySummary:
    expected = expected_units(unit_code)
    rows = {u.code: ActivityRow(u.code, u.name) for u in expected}
    query = (
        Activity.live()
        .where(Activity.unit.in_(list(rows)) & (Activity.date >= period.start) & (Activity.date <= period.end))
        .select(Activity.unit, Activity.category, Activity.women)
    )
    for activity in query:
        row = rows[activity.unit]
        # An unknown category (from a newer version) counts as "other".
        code = activity.category if activity.category in row.by_category else CATEGORY.codes()[-1]
        row.by_category[code] += 1
        row.women += activity.women or 0
    total = ActivityRow(unit_code, _("Total"))
    for row in rows.values():
        for code, count in row.by_category.items():
            total.by_category[code] += count
        total.women += row.women
    return ActivitySummary(period, [rows[u.code] for u in expected], total)


@dataclass
class CoverageRow:
    """Chairs and committee members of one unit (or the total) trained in the year."""

    unit_code: str
    unit_name: str
    chairs: int = 0
    chairs_trained: int = 0
    executives: int = 0
    executives_trained: int = 0

    @property
    def chairs_share(self) -> float | None:
        return share(self.chairs_trained, self.chairs)

    @property
    def executives_share(self) -> float | None:
        return share(self.executives_trained, self.executives)


@dataclass
class CoverageSummary:
    """Training coverage per expected unit in a year, and the total row."""

    year: int
    rows: list[CoverageRow]
    total: CoverageRow


def coverage_summary(unit_code: str, year: int) -> CoverageSummary:
    found = {c.unit_code: c for c in training.coverage_below(unit_code, year)}
    rows = []
    for unit in expected_units(unit_code):
        c = found.get(unit.code)
        rows.append(
            CoverageRow(unit.code, unit.name, c.chairs, c.chairs_trained, c.executives, c.executives_trained)
            if c
            else CoverageRow(unit.code, unit.name)
        )
    total = CoverageRow(unit_code, _("Total"))
    for row in rows:
        for name in ("chairs", "chairs_trained", "executives", "executives_trained"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return CoverageSummary(year, rows, total)
