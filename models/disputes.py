"""Family dispute screening (婚姻家庭纠纷排查化解): cases, their steps, the monthly report.

A case's parties and description never leave the unit; the monthly report's
figures travel as ``care_count`` rows (models/care_counts.py).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from peewee import BooleanField, Case, CharField, DateField, ForeignKeyField, TextField, fn

from models import fields
from models.base import FieldError, Record, ValidationError, children_of, database, in_slices, utcnow
from models.care_counts import Counts
from models.codes import CodeTable
from models.db import entry_order
from models.i18n import N_, _, format_list_date, ngettext
from models.listing import Listing, Scope, year_problem
from models.people import Person


class DisputeCase(Record):
    """A dispute found in screening, followed until settled, kept stable or handed on."""

    found_on = DateField()
    kind = CharField(max_length=16)
    risk = CharField(max_length=8, default="low")
    parties = CharField(max_length=fields.max_length("dispute_case", "parties"), default="")  # by role; names optional
    description = TextField(default="")
    responsible = CharField(max_length=fields.max_length("dispute_case", "responsible"), default="")  # 包保人
    responsible_person = ForeignKeyField(Person, column_name="responsible_person", field="uuid", null=True)
    status = CharField(max_length=16, default="screened")
    handed_to = CharField(max_length=fields.max_length("dispute_case", "handed_to"), default="")
    closed_on = DateField(null=True)
    responsible_person_id: str | None

    class Meta:
        table_name = "dispute_case"
        indexes = ((("unit", "found_on"), False),)


class DisputeStep(Record):
    """One thing done about a case: mediation, a visit, the hand-over, a follow-up visit."""

    dispute_case = ForeignKeyField(DisputeCase, column_name="dispute_case", field="uuid")
    date = DateField()
    kind = CharField(max_length=16)
    action = TextField(default="")
    dispute_case_id: str

    class Meta:
        table_name = "dispute_step"


class DisputeReport(Record):
    """The unit's monthly report for ``month`` ("2026-11"); ``none_this_month`` is the 零报告."""

    month = CharField(max_length=7)
    none_this_month = BooleanField(default=False)
    reported_on = DateField()
    reported_by = CharField(max_length=fields.max_length("dispute_report", "reported_by"), default="")
    notes = CharField(max_length=fields.max_length("dispute_report", "notes"), default="")

    class Meta:
        table_name = "dispute_report"
        indexes = ((("unit", "month"), False),)


# --- the stored codes ------------------------------------------------------------------------------

KIND = CodeTable(
    "dispute_kind",
    [
        ("marriage", N_("Marriage")),  # 婚姻
        ("family", N_("Family relations")),  # 家庭
        ("support", N_("Support of parents or children")),  # 赡养抚养
        ("property", N_("Property")),  # 财产
        ("violence", N_("Domestic violence")),  # 家庭暴力
        ("neighbour", N_("Neighbours")),  # 邻里
        ("other", N_("Other dispute")),  # 其他
    ],
    aliases={
        "婚姻": "marriage",
        "家庭": "family",
        "赡养": "support",
        "抚养": "support",
        "赡养抚养": "support",
        "财产": "property",
        "家暴": "violence",
        "家庭暴力": "violence",
        "邻里": "neighbour",
        "其他": "other",
    },
)
RISK = CodeTable(
    "dispute_risk",
    [("low", N_("Low risk")), ("medium", N_("Medium risk")), ("high", N_("High risk"))],
    aliases={"低": "low", "中": "medium", "高": "high", "低风险": "low", "中风险": "medium", "高风险": "high"},
)
STATUS = CodeTable(
    "dispute_status",
    [
        ("screened", N_("Being handled")),  # 排查在办
        ("settled", N_("Settled")),  # 已化解
        ("stable", N_("Kept stable")),  # 稳控
        ("handed_on", N_("Handed on")),  # 已移交
    ],
    aliases={"在办": "screened", "已排查": "screened", "已化解": "settled", "化解": "settled", "稳控": "stable"},
)
CLOSED = ("settled", "stable", "handed_on")
STEP_KIND = CodeTable(
    "dispute_step_kind",
    [
        ("mediation", N_("Mediation")),  # 调解
        ("visit", N_("Home visit")),  # 走访
        ("handover", N_("Hand-over")),  # 移交
        ("follow_up", N_("Follow-up visit")),  # 回访
        ("other", N_("Other step")),
    ],
    aliases={"调解": "mediation", "走访": "visit", "移交": "handover", "回访": "follow_up", "其他": "other"},
)
REGISTER = "disputes"  # the register of their counts (models/care_counts.py)


# --- cases and their steps -------------------------------------------------------------------------


@dataclass
class StepInput:
    """One step as typed; ``uuid`` names a step saved before (kept when edited)."""

    date: _dt.date | None = None
    kind: str = "mediation"
    action: str = ""
    uuid: str | None = None


@dataclass
class CaseInput:
    """What a user typed for one dispute case."""

    found_on: _dt.date | None = None
    kind: str = "family"
    risk: str = "low"
    parties: str = ""
    description: str = ""
    responsible: str = ""
    responsible_person: str | None = None
    status: str = "screened"
    handed_to: str = ""
    closed_on: _dt.date | None = None
    steps: list[StepInput] = field(default_factory=list)

    TEXT_FIELDS = ("parties", "description", "responsible", "handed_to")


def _date_problem(day: _dt.date | None, today: _dt.date, required: bool = True) -> str | None:
    if day is None:
        return _("The date is required.") if required else None
    if day > today:
        return _("The date is in the future; record it after it took place.")
    return year_problem(day.year)


def check_case(data: CaseInput, unit: str, today: _dt.date | None = None) -> tuple[CaseInput, list[FieldError]]:
    """The case cleaned and every problem with it, field by field (steps as ``steps.N.field``)."""
    today = today or _dt.date.today()
    clean = replace(data, steps=[replace(step) for step in data.steps])
    errors: list[FieldError] = []
    if problem := _date_problem(data.found_on, today):
        errors.append(FieldError("found_on", problem))
    if data.kind not in KIND.entries:
        errors.append(FieldError("kind", _("Choose the kind of dispute.")))
    if data.risk not in RISK.entries:
        errors.append(FieldError("risk", _("Choose the risk level.")))
    if data.status not in STATUS.entries:
        errors.append(FieldError("status", _("Choose the status of the case.")))
    errors += fields.check_texts("dispute_case", clean, CaseInput.TEXT_FIELDS)
    person = None
    if data.responsible_person:
        person = Person.live().where((Person.uuid == data.responsible_person) & (Person.unit == unit)).first()
        if person is None:
            errors.append(FieldError("responsible", _("Choose a person of this unit, or type the cadre's name.")))
    clean.responsible_person = person.uuid if person is not None else None
    if not clean.responsible and person is not None:
        clean.responsible = person.name
    if not clean.responsible:
        errors.append(FieldError("responsible", _("Name the cadre responsible for the case.")))
    if not clean.parties and not clean.description:
        errors.append(FieldError("parties", _("Say who the parties are (by role is enough) or what it is about.")))
    if data.status == "handed_on" and not clean.handed_to:
        errors.append(FieldError("handed_to", _("Say to whom the case was handed on.")))
    if data.status != "handed_on":
        clean.handed_to = ""
    if data.status in CLOSED:
        if data.closed_on is None:
            errors.append(FieldError("closed_on", _("Give the date the case was closed.")))
        elif problem := _date_problem(data.closed_on, today):
            errors.append(FieldError("closed_on", problem))
        elif data.found_on is not None and data.closed_on < data.found_on:
            errors.append(FieldError("closed_on", _("The case cannot be closed before it was found.")))
    else:
        clean.closed_on = None
    clean.steps = []
    for number, step in enumerate(data.steps, start=1):
        cleaned = replace(step)
        where = f"steps.{number}."
        step_errors = fields.check_texts("dispute_step", cleaned, ("action",), prefix=where)
        if not cleaned.action and step.date is None:
            continue  # an empty line of the list is not a step
        if problem := _date_problem(step.date, today):
            step_errors.append(FieldError(where + "date", _("Step {n}: {problem}").format(n=number, problem=problem)))
        elif data.found_on is not None and step.date is not None and step.date < data.found_on:
            step_errors.append(
                FieldError(where + "date", _("Step {n}: the date is before the case was found.").format(n=number))
            )
        if step.kind not in STEP_KIND.entries:
            step_errors.append(FieldError(where + "kind", _("Step {n}: choose what kind of step.").format(n=number)))
        if not cleaned.action:
            step_errors.append(FieldError(where + "action", _("Step {n}: say what was done.").format(n=number)))
        errors += step_errors
        clean.steps.append(cleaned)
    return clean, errors


_MICROSECOND = _dt.timedelta(microseconds=1)


def save_case(
    data: CaseInput, unit: str, case: DisputeCase | None = None, today: _dt.date | None = None
) -> DisputeCase:
    """Check and save a case with its steps in one transaction (ValidationError: nothing written)."""
    if case is not None and case.unit != unit:
        raise ValidationError([FieldError("found_on", _("Records reported by units below can only be viewed."))])
    clean, errors = check_case(data, unit, today)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        case = case or DisputeCase(unit=unit)
        for name in ("found_on", "kind", "risk", "status", "closed_on", *CaseInput.TEXT_FIELDS):
            setattr(case, name, getattr(clean, name))
        case.responsible_person_id = clean.responsible_person
        case.save()
        old = {step.uuid: step for step in steps_of(case)}
        # New steps keep the order they were typed in, after those entered before (in the same second too):
        # each is entered a microsecond after the last.
        entered = max([utcnow(), *(step.created_at + _MICROSECOND for step in old.values())])
        for number, typed in enumerate(clean.steps):
            step = old.pop(typed.uuid, None) if typed.uuid else None
            step = step or DisputeStep(unit=unit, dispute_case=case.uuid, created_at=entered + number * _MICROSECOND)
            assert typed.date is not None  # checked above
            step.date, step.kind, step.action = typed.date, typed.kind, typed.action
            step.save()
        for gone in old.values():
            gone.move_to_recycle_bin()
        _correct_a_none_report(unit, clean.found_on)
    return case


def _correct_a_none_report(unit: str, found_on: _dt.date | None) -> None:
    """A case found in a month reported "none this month" (entered late) turns that report into a normal one, in
    the case's transaction: the report keeps its date and reporter, and travels upward corrected."""
    if found_on is None:
        return
    month = month_key(found_on.year, found_on.month)
    report = report_of(unit, month)
    if report is not None and report.none_this_month and cases_found_in(unit, month):
        report.none_this_month = False
        report.save()


def steps_of(case: DisputeCase) -> list[DisputeStep]:
    """A case's live steps by date."""
    query = DisputeStep.live().where(DisputeStep.dispute_case == case.uuid)
    return list(query.order_by(DisputeStep.date, DisputeStep.created_at, entry_order(DisputeStep)))


def steps_by_case(cases: list[DisputeCase]) -> dict[str, list[DisputeStep]]:
    """Every case's live steps by date, read in one statement per 900 cases."""
    found: dict[str, list[DisputeStep]] = {}
    for chunk in in_slices([case.uuid for case in cases]):
        query = DisputeStep.live().where(DisputeStep.dispute_case.in_(chunk))
        for step in query.order_by(DisputeStep.date, DisputeStep.created_at, entry_order(DisputeStep)):
            found.setdefault(step.dispute_case_id, []).append(step)
    return found


def case_input(case: DisputeCase) -> CaseInput:
    data = CaseInput(**{name: getattr(case, name) for name in ("found_on", "kind", "risk", "status", "closed_on")})
    for name in CaseInput.TEXT_FIELDS:
        setattr(data, name, getattr(case, name))
    data.responsible_person = case.responsible_person_id
    data.steps = [StepInput(s.date, s.kind, s.action, s.uuid) for s in steps_of(case)]
    return data


def live_case(uuid: str | None) -> DisputeCase | None:
    return DisputeCase.live().where(DisputeCase.uuid == uuid).first() if uuid else None


# --- listing ---------------------------------------------------------------------------------------

OPEN = "open"  # a status filter: the cases still being handled


def _open_first():
    return Case(None, [(DisputeCase.status == "screened", 0)], 1)


@dataclass(frozen=True)
class CaseFilters:
    status: str | None = None  # a status, OPEN, or None for all
    year: int | None = None  # the year found


def narrow_cases(query, filters: CaseFilters):
    """The one narrowing of cases by status and year, for the list and the forms."""
    if filters.status == OPEN:
        query = query.where(DisputeCase.status == "screened")
    elif filters.status:
        query = query.where(DisputeCase.status == filters.status)
    if filters.year:
        start, end = _dt.date(filters.year, 1, 1), _dt.date(filters.year + 1, 1, 1)
        query = query.where((DisputeCase.found_on >= start) & (DisputeCase.found_on < end))
    return query


STEP_COUNT = "step_count"


class CaseListing(Listing):
    """Cases as the 纠纷排查 tab shows them: open ones first, then the latest found."""

    model = DisputeCase
    sort_keys = {
        "open_first": lambda: _open_first(),
        "found_on": lambda: DisputeCase.found_on,
        "kind": lambda: DisputeCase.kind,
        "risk": lambda: Case(DisputeCase.risk, [("high", 0), ("medium", 1)], 2),
        "parties": lambda: DisputeCase.parties,
        "responsible": lambda: DisputeCase.responsible,
        "status": lambda: DisputeCase.status,
        "closed_on": lambda: DisputeCase.closed_on,
    }

    def __init__(self, scope: Scope, filters: CaseFilters | None = None):
        super().__init__(scope)
        self.filters = filters or CaseFilters()

    def filtered(self):
        return narrow_cases(self.everything(), self.filters)

    def decorate(self, query):
        steps = (
            DisputeStep.select(fn.COUNT(DisputeStep.uuid))
            .where((DisputeStep.dispute_case == DisputeCase.uuid) & (DisputeStep.deleted == False))
            .order_by()
        )
        return query.select_extend(steps.alias(STEP_COUNT))

    def tiebreak(self):
        return (_open_first(), DisputeCase.found_on.desc(), DisputeCase.created_at.desc(), DisputeCase.uuid)


def cases(unit: str, filters: CaseFilters | None = None):
    """The unit's live cases, oldest first (forms read them so)."""
    query = narrow_cases(DisputeCase.live().where(DisputeCase.unit == unit), filters or CaseFilters())
    return query.order_by(DisputeCase.found_on, DisputeCase.created_at)


def years_with_cases(unit: str) -> list[int]:
    rows = (
        DisputeCase.live()
        .where(DisputeCase.unit == unit)
        .select(DisputeCase.found_on.year.distinct())
        .order_by(DisputeCase.found_on.year.desc())
        .tuples()
    )
    return [int(year) for (year,) in rows if year is not None]


# --- the month's counts and the monthly report -----------------------------------------------------


def month_bounds(month: str) -> tuple[_dt.date, _dt.date]:
    """The first day of "2026-11" and the first day after it (ValueError when it is no month)."""
    year, number = (int(part) for part in month.split("-"))
    start = _dt.date(year, number, 1)
    return start, (_dt.date(year + 1, 1, 1) if number == 12 else _dt.date(year, number + 1, 1))


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_counts(unit: str, month: str) -> Counts:
    """The unit's counts of ``month`` (register "disputes"): found by kind and risk, closed by outcome, open at
    its end. Every code is there, zeros too: "none" is an answer."""
    start, end = month_bounds(month)
    counts: Counts = {("found", code): 0 for code in KIND.codes()}
    counts.update({("risk", code): 0 for code in RISK.codes()})
    counts.update({("outcome", code): 0 for code in CLOSED})
    live = DisputeCase.live().where(DisputeCase.unit == unit)
    found = live.where((DisputeCase.found_on >= start) & (DisputeCase.found_on < end))
    for kind, risk, n in (
        found.select(DisputeCase.kind, DisputeCase.risk, fn.COUNT(DisputeCase.uuid))
        .group_by(DisputeCase.kind, DisputeCase.risk)
        .tuples()
    ):
        counts[("found", kind)] = counts.get(("found", kind), 0) + n
        counts[("risk", risk)] = counts.get(("risk", risk), 0) + n
    closed = live.where(
        DisputeCase.status.in_(CLOSED) & (DisputeCase.closed_on >= start) & (DisputeCase.closed_on < end)
    )
    for status, n in (
        closed.select(DisputeCase.status, fn.COUNT(DisputeCase.uuid)).group_by(DisputeCase.status).tuples()
    ):
        counts[("outcome", status)] = n
    still_open = live.where(
        (DisputeCase.found_on < end) & (DisputeCase.closed_on.is_null() | (DisputeCase.closed_on >= end))
    )
    counts[("open", "open")] = int(still_open.count())
    return counts


def found_in(counts: Counts) -> int:
    """How many cases were found in the month these counts are of."""
    return sum(n for (dimension, _code), n in counts.items() if dimension == "found")


def closed_in(counts: Counts) -> int:
    return sum(n for (dimension, _code), n in counts.items() if dimension == "outcome")


def cases_found_in(unit: str, month: str) -> int:
    """How many live cases the unit found in ``month``: a month reported "none this month" must have none."""
    return found_in(month_counts(unit, month))


def month_problem(month: str, today: _dt.date) -> str | None:
    try:
        start, _end = month_bounds(month)
    except ValueError:
        return _("Give the month as 2026-11.")
    if month != month_key(start.year, start.month):  # stored as typed, so only the one spelling
        return _("Give the month as 2026-11.")
    if start > today:
        return _("The month has not begun yet; report it when it is over or under way.")
    return year_problem(start.year)


def report_of(unit: str, month: str) -> DisputeReport | None:
    return DisputeReport.live().where((DisputeReport.unit == unit) & (DisputeReport.month == month)).first()


def report_month(
    unit: str,
    month: str,
    none_this_month: bool,
    reported_by: str = "",
    notes: str = "",
    today: _dt.date | None = None,
) -> DisputeReport:
    """Record that the unit reported ``month`` (a report given again updates it); "none this month" only when
    no case was found in it."""
    today = today or _dt.date.today()
    errors: list[FieldError] = []
    if problem := month_problem(month, today):
        raise ValidationError([FieldError("month", problem)])
    texts = SimpleNamespace(reported_by=reported_by, notes=notes)
    errors += fields.check_texts("dispute_report", texts, ("reported_by", "notes"))
    if none_this_month:
        found = cases_found_in(unit, month)
        if found:
            errors.append(
                FieldError(
                    "none_this_month",
                    ngettext(
                        "{month} cannot be reported as none this month: {n} case was found in it.",
                        "{month} cannot be reported as none this month: {n} cases were found in it.",
                        found,
                    ).format(month=month, n=found),
                )
            )
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        report = report_of(unit, month) or DisputeReport(unit=unit, month=month)
        report.none_this_month = bool(none_this_month)
        report.reported_on = today
        report.reported_by = texts.reported_by
        report.notes = texts.notes
        report.save()
    return report


@dataclass(frozen=True)
class MonthRow:
    """A month of the 月报 tab: its counts and its report, if given."""

    month: str
    counts: Counts
    report: DisputeReport | None

    @property
    def found(self) -> int:
        return found_in(self.counts)

    @property
    def closed(self) -> int:
        return closed_in(self.counts)

    @property
    def still_open(self) -> int:
        return self.counts.get(("open", "open"), 0)


def months_of(unit: str, year: int, today: _dt.date | None = None) -> list[MonthRow]:
    """The months of ``year`` up to this one (a past year: all twelve), each with its counts and report."""
    today = today or _dt.date.today()
    last = 12 if year < today.year else (today.month if year == today.year else 0)
    reports = {
        r.month: r
        for r in DisputeReport.live().where(
            (DisputeReport.unit == unit) & DisputeReport.month.startswith(f"{year:04d}-")
        )
    }
    return [
        MonthRow(key, month_counts(unit, key), reports.get(key))
        for key in (month_key(year, number) for number in range(1, last + 1))
    ]


def reports_below(units: list[str], month: str) -> dict[str, DisputeReport]:
    """The live reports of ``month`` of these units, by unit."""
    found: dict[str, DisputeReport] = {}
    for chunk in in_slices(units):
        query = DisputeReport.live().where(DisputeReport.unit.in_(chunk) & (DisputeReport.month == month))
        for report in query:
            found[report.unit] = report
    return found


def villages_below(unit_code: str) -> list[tuple[str, str]]:
    """(code, name) of every live village below a township, county or city, one per code, by code: the
    villages the cockpit expects (``submissions.expected_units``)."""
    from models.submissions import expected_units

    return [(unit.code, unit.name) for unit in expected_units(unit_code)]


def not_reported_below(unit_code: str, month: str) -> list[tuple[str, str]]:
    """(code, name) of the villages below ``unit_code`` with no report of ``month`` here (for the cockpit)."""
    villages = villages_below(unit_code)
    reported = reports_below([code for code, _name in villages], month)
    return [(code, name) for code, name in villages if code not in reported]


# --- the recycle bin -------------------------------------------------------------------------------


def describe_case(case: DisputeCase) -> tuple[str, _dt.date | None, str, str]:
    name = case.parties or case.description[:40] or KIND.label(case.kind)
    return name, case.found_on, format_list_date(case.found_on), STATUS.label(case.status)


def case_steps(case: DisputeCase, deleted: bool) -> list[Record]:
    """A case's steps: those a delete takes along, or those it took (the recycle bin)."""
    return children_of(case, ((DisputeStep, DisputeStep.dispute_case),), deleted)
