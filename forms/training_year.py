"""年度培训情况表: a unit's trainings of one year, and how far they reached.

The first table lists the unit's trainings of the year (name, dates,
organiser, hours, 应到 and 实到 people, then 应到人次, 实到人次, 请假 and 缺席
so that the 出勤率 beside them can be checked: 应到人次 = 实到人次 + 请假 + 缺席,
出勤率 = 实到人次 ÷ 应到人次) with a 合计 line. The figures are those of
``models.training.summary``. A township or
county adds a second table, one row per village below it with a 合计 row:
how many chairs and executive members it has and how many of them attended a
training that year (``models.training.coverage_below``) — the share of
village chairs trained is the figure the county watches.

With ``options.record_id`` naming a person the same form prints that
person's yearly record instead (the trainings she was listed for, the
sessions attended and the hours credited, and the total): the command line's
forms are fixed (`report training-year --id PERSON`), and both answer "what
training happened in this year".
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models import codes, units
from models import training as tr
from models.i18n import N_, _, format_percent
from models.people import Person
from models.units import Unit

from .attendance import dates_text, fixed, hours_text
from .election_common import Fact, facts_table, unit_of
from .layout import (
    LANDSCAPE,
    LEFT,
    MM,
    PORTRAIT,
    Column,
    FormDocument,
    FormError,
    FormResult,
    labelled,
    section_title,
)
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Annual training record")
PERSON_TITLE = N_("Personal annual training record")


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# --- the unit's year -----------------------------------------------------------------------------


@dataclass
class TrainingLine:
    """One training of the year with its numbers."""

    training: tr.Training
    summary: tr.TrainingSummary

    @property
    def hours(self) -> float:
        return sum(s.session.hours for s in self.summary.sessions)


@dataclass
class UnitYear:
    """What the unit's yearly table prints: its trainings and, above a village, the coverage below."""

    unit: Unit
    year: int
    lines: list[TrainingLine]
    coverage: list[tr.UnitCoverage] | None  # None for a village

    @property
    def expected(self) -> int:
        return sum(line.summary.expected for line in self.lines)

    @property
    def attended_people(self) -> int:
        return sum(line.summary.attended_people for line in self.lines)

    @property
    def hours(self) -> float:
        return sum(line.hours for line in self.lines)

    @property
    def person_sessions(self) -> int:
        """应到人次 over every training of the year."""
        return sum(line.summary.person_sessions for line in self.lines)

    @property
    def attended(self) -> int:
        """实到人次 (late included) over every training of the year."""
        return sum(line.summary.attended for line in self.lines)

    @property
    def excused(self) -> int:
        return sum(line.summary.excused for line in self.lines)

    @property
    def absent(self) -> int:
        return sum(line.summary.absent for line in self.lines)

    @property
    def rate(self) -> float:
        """Person-sessions attended over person-sessions expected, over every training of the year."""
        return self.attended / self.person_sessions if self.person_sessions else 0.0


def years_with_trainings(unit_code: str) -> list[int]:
    """Years in which the unit (or, above a village, a unit below it) held a training, newest first."""
    query = tr.Training.live().select(tr.Training.start_date, tr.Training.unit)
    years = {t.start_date.year for t in query if t.unit == unit_code or units.is_below(t.unit, unit_code)}
    return sorted(years, reverse=True)


def unit_year(unit_code: str, year: int | None) -> UnitYear:
    unit = unit_of(unit_code)
    if year is None:
        found = years_with_trainings(unit.code)
        if not found:
            raise FormError(
                _("No training has been entered for {unit} yet; enter one on the training page first.").format(
                    unit=unit.name
                )
            )
        year = found[0]
    lines = [TrainingLine(t, tr.summary(t)) for t in tr.trainings_in_year(unit.code, year)]
    coverage = None if units.level_of(unit.code) == units.VILLAGE else tr.coverage_below(unit.code, year)
    return UnitYear(unit, year, lines, coverage)


def training_columns() -> list[Column]:
    return [
        Column(_("No."), 9),
        Column(_("Training name"), None, 2.2, LEFT),
        Column(_("Dates"), 32),
        Column(_("Organiser"), None, 1, LEFT),
        fixed(_("Hours"), 11),
        fixed(_("Trainees on the list"), 14),
        fixed(_("Present (people)"), 14),
        fixed(_("Expected (person-sessions)"), 15),
        fixed(_("Present (person-sessions)"), 15),
        fixed(_("On leave"), 12),
        fixed(_("Absent (person-sessions)"), 12),
        fixed(_("Attendance rate"), 16),
    ]


RATE_COLUMN = 11  # the 出勤率 column of training_columns(), 0-based


def training_rows(data: UnitYear, for_excel: bool = False) -> list[Sequence[object]]:
    rate = (lambda value: value) if for_excel else format_percent
    hours = (lambda value: value) if for_excel else hours_text
    rows: list[Sequence[object]] = []
    for number, line in enumerate(data.lines, start=1):
        t, summary = line.training, line.summary
        rows.append(
            [
                number,
                t.name,
                dates_text(t, short=True),
                t.organiser,
                hours(line.hours),
                summary.expected,
                summary.attended_people,
                summary.person_sessions,
                summary.attended,
                summary.excused,
                summary.absent,
                rate(summary.rate),
            ]
        )
    if data.lines:
        rows.append(
            [
                None if for_excel else "",
                _("Total ({n} trainings)").format(n=len(data.lines)),
                "",
                "",
                hours(data.hours),
                data.expected,
                data.attended_people,
                data.person_sessions,
                data.attended,
                data.excused,
                data.absent,
                rate(data.rate),
            ]
        )
    return rows


def coverage_columns() -> list[Column]:
    return [
        Column(_("No."), 9),
        Column(_("Village (community)"), None, 1, LEFT),
        fixed(_("Chairs"), 16),
        fixed(_("Chairs trained"), 16),
        fixed(_("Share of chairs trained"), 19),
        fixed(_("Executive members"), 16),
        fixed(_("Executive members trained"), 17),
        fixed(_("Share of executive members trained"), 19),
    ]


def coverage_total(rows: list[tr.UnitCoverage]) -> tr.UnitCoverage:
    return tr.UnitCoverage(
        "",
        _("Total"),
        sum(r.chairs for r in rows),
        sum(r.chairs_trained for r in rows),
        sum(r.executives for r in rows),
        sum(r.executives_trained for r in rows),
    )


def coverage_rows(rows: list[tr.UnitCoverage], for_excel: bool = False) -> list[Sequence[object]]:
    def share(part: int, whole: int):
        value = _share(part, whole)
        if value is None:
            return None if for_excel else ""
        return value if for_excel else format_percent(value)

    def line(number, name: str, row: tr.UnitCoverage) -> list[object]:
        return [
            number,
            name,
            row.chairs,
            row.chairs_trained,
            share(row.chairs_trained, row.chairs),
            row.executives,
            row.executives_trained,
            share(row.executives_trained, row.executives),
        ]

    found: list[Sequence[object]] = [line(number, row.unit_name, row) for number, row in enumerate(rows, start=1)]
    if rows:
        found.append(line(None if for_excel else "", _("Total ({n} units)").format(n=len(rows)), coverage_total(rows)))
    return found


def _coverage_note() -> str:
    return _(
        "Trained: attended at least one session of any training that started in the year. Executive "
        "members are all members of the committee, the chair and vice-chairs included."
    )


def _rate_note() -> str:
    return _(
        "Present (people): attendees who came to at least one session. A person-session is one attendee "
        "at one session: expected = present (late included) + on leave + absent, where an attendee not "
        "marked counts as absent. Attendance rate = person-sessions present ÷ person-sessions expected."
    )


def _build_unit(out_path: Path, options: FormOptions, today: _dt.date) -> FormResult:
    data = unit_year(options.unit_code, options.year)
    unit = data.unit
    title = _(TITLE)
    subtitle = _("Trainings of {year}").format(year=data.year)
    empty = _("No training was held in {year}.").format(year=data.year)
    coverage_title = _("Training of village federation cadres in {year}").format(year=data.year)
    if out_path.suffix.lower() == ".xlsx":
        sheets = [
            Sheet(
                _("Trainings"),
                f"{title} {subtitle}",
                training_columns(),
                training_rows(data, True),
                empty_text=empty,
                number_formats={RATE_COLUMN: "0.0%"},
                total_rows=1 if data.lines else 0,
                notes=[_rate_note()],
            )
        ]
        if data.coverage is not None:
            sheets.append(
                Sheet(
                    _("Coverage"),
                    coverage_title,
                    coverage_columns(),
                    coverage_rows(data.coverage, True),
                    empty_text=_("No village below is on record yet."),
                    number_formats={4: "0.0%", 7: "0.0%"},
                    total_rows=1 if data.coverage else 0,
                    notes=[_coverage_note()],
                )
            )
        return write_sheets(out_path, sheets, unit_name=unit.name, date=today, author=unit.name, landscape=True)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, subject=subtitle)
    doc.heading(title, unit.name, today, subtitle=subtitle)
    if data.coverage is not None:  # two parts: numbered 一、二、
        doc.paragraph(section_title(1, _("Trainings held")), "heading")
    doc.table(training_columns(), training_rows(data), empty_text=empty)
    if data.lines:
        doc.paragraph(_rate_note(), "note")
    if data.coverage is not None:
        from reportlab.platypus import CondPageBreak

        # A table of many villages runs over pages; it starts here when a few rows fit.
        doc.add(CondPageBreak(50 * MM))
        doc.spacer(5)
        doc.paragraph(section_title(2, coverage_title), "heading")
        doc.table(coverage_columns(), coverage_rows(data.coverage), empty_text=_("No village below is on record yet."))
        doc.paragraph(_coverage_note(), "note")
    doc.signatures()
    return doc.save(out_path, options.report_missing)


# --- one person's year -----------------------------------------------------------------------------


def _person(options: FormOptions, unit: Unit) -> Person | None:
    person = Person.live().where(Person.uuid == (options.record_id or "").strip()).first()
    if person is None or not (person.unit == unit.code or units.is_below(person.unit, unit.code)):
        return None
    return person


def person_years(person: Person) -> list[int]:
    query = (
        tr.Trainee.live()
        .join(tr.Training)
        .where((tr.Trainee.person == person) & (tr.Training.deleted == False))
        .select(tr.Trainee, tr.Training.start_date)
    )
    return sorted({row.training.start_date.year for row in query}, reverse=True)


def person_columns() -> list[Column]:
    return [
        Column(_("No."), 9),
        Column(_("Training name"), None, 2.2, LEFT),
        Column(_("Dates"), 32),
        Column(_("Organiser"), None, 1, LEFT),
        fixed(_("Sessions attended"), 18),
        fixed(_("Hours"), 14),
    ]


def person_rows(record: tr.PersonYear, for_excel: bool = False) -> list[Sequence[object]]:
    hours = (lambda value: value) if for_excel else hours_text
    rows: list[Sequence[object]] = []
    total_sessions = 0
    for number, (t, attended, credited) in enumerate(record.trainings, start=1):
        planned = len(list(t.sessions()))
        total_sessions += attended
        rows.append(
            [
                number,
                t.name,
                dates_text(t, short=True),
                t.organiser,
                _("{attended} of {sessions}").format(attended=attended, sessions=planned),
                hours(credited),
            ]
        )
    if record.trainings:
        rows.append([None if for_excel else "", _("Total"), "", "", total_sessions, hours(record.hours)])
    return rows


def _build_person(out_path: Path, options: FormOptions, unit: Unit, person: Person, today: _dt.date) -> FormResult:
    year = options.year
    if year is None:
        found = person_years(person)
        if not found:
            raise FormError(_("{name} has not been on the list of any training yet.").format(name=person.name))
        year = found[0]
    record = tr.person_year(person, year)
    person_unit = Unit.live().where(Unit.code == person.unit).first()
    unit_name = person_unit.name if person_unit else person.unit
    title = _(PERSON_TITLE)
    subtitle = _("{name}, {year}").format(name=person.name, year=year)
    empty = _("{name} was not on the list of any training in {year}.").format(name=person.name, year=year)
    if out_path.suffix.lower() == ".xlsx":
        sheet = Sheet(
            person.name,
            f"{title} {subtitle}",
            person_columns(),
            person_rows(record, True),
            empty_text=empty,
            total_rows=1 if record.trainings else 0,
            notes=[labelled(_("Unit"), unit_name)],
        )
        return write_sheets(out_path, [sheet], unit_name=unit.name, date=today, author=unit.name, landscape=False)
    doc = FormDocument(title, author=unit.name, orientation=PORTRAIT, subject=subtitle)
    doc.heading(title, unit.name, today, subtitle=subtitle)
    post = codes.POST.label(person.post) if person.post else ""
    facts_table(
        doc,
        [
            Fact(_("Name"), person.name),
            Fact(_("Post"), post),
            Fact(_("Unit"), unit_name),
            Fact(_("Total hours in {year}").format(year=year), hours_text(record.hours)),
        ],
    )
    doc.spacer(4)
    doc.table(person_columns(), person_rows(record), empty_text=empty)
    doc.paragraph(_("Hours are credited for the sessions attended (present or late)."), "note")
    doc.signatures([_("Filled in by"), _("Reviewed by"), _("Date filled in")])
    return doc.save(out_path, options.report_missing)


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The unit's yearly training table, or a person's yearly record when ``options.record_id`` names one."""
    today = options.today or _dt.date.today()
    if options.record_id:
        unit = unit_of(options.unit_code)
        person = _person(options, unit)
        if person is None:
            raise FormError(
                _("There is no person {id} of {unit} in this database.").format(
                    id=options.record_id.strip(), unit=unit.name
                )
            )
        return _build_person(out_path, options, unit, person, today)
    return _build_unit(out_path, options, today)
