"""出勤汇总表: a training's attendance, session by session and person by person.

The form opens with the training's facts (name, organiser and its level,
dates, place, hours), then a table of the sessions (应到, 实到, 迟到, 请假,
缺席, 出勤率) with a total line, then every attendee with a mark per session
and the hours credited, the reasons for leave, and the signature block. All
numbers come from ``models.training.summary`` and ``hours_by_trainee``; this
module only lays them out. The Excel twin has the sessions and the attendees
on two sheets.

The helpers at the top (which training a build is about, how its dates and
organiser read, a workbook of several tables) are shared by the other
training forms (``signin``, ``training_year``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models import training as tr
from models import units
from models.i18n import N_, _, current_language, format_date, format_list_date, format_number, format_percent, join_list
from models.people import pinyin_keys
from models.units import Unit

from .election_common import Fact, facts_table, fit_mm, unit_of
from .layout import (
    CENTER,
    LANDSCAPE,
    LEFT,
    MARGIN_MM,
    MM,
    PORTRAIT,
    TABLE_SIZE,
    Column,
    FormDocument,
    FormError,
    FormResult,
)
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Training attendance summary")

# A mark per attendee and session. ✓ and × are in the main font (✗ is not);
# late and leave are one character in Chinese (迟, 假).
MARKS = {"present": "✓", "late": N_("late"), "excused": N_("leave"), "absent": "×"}

# The attendee list keeps at least this much width for the unit column: with
# more session columns than portrait A4 leaves room for, the page turns to
# landscape; with more than landscape has room for, each attendee gets counts
# per status instead of a mark per session.
_UNIT_COLUMN_MM = 35


# --- shared by the training forms ----------------------------------------------------------


@dataclass
class Chosen:
    """The training a form is about, and the session when one was picked."""

    unit: Unit
    training: tr.Training
    session: tr.TrainingSession | None = None


def _visible_to(training_unit: str, unit_code: str) -> bool:
    """A unit prints its own trainings and those of the units below it (imported from them)."""
    return training_unit == unit_code or units.is_below(training_unit, unit_code)


def latest_training(unit_code: str) -> tr.Training | None:
    return (
        tr.Training.live()
        .where(tr.Training.unit == unit_code)
        .order_by(tr.Training.start_date.desc(), tr.Training.created_at.desc())
        .first()
    )


def choose_training(options: FormOptions, allow_session: bool = False) -> Chosen:
    """The training (or, with ``allow_session``, the session) named by ``options.record_id``;
    without one the unit's latest training. A FormError says what is missing."""
    unit = unit_of(options.unit_code)
    if not options.record_id:
        training = latest_training(unit.code)
        if training is None:
            raise FormError(
                _("No training has been entered for {unit} yet; enter one on the training page first.").format(
                    unit=unit.name
                )
            )
        return Chosen(unit, training)
    record_id = options.record_id.strip()
    training = tr.Training.live().where(tr.Training.uuid == record_id).first()
    session = None
    if training is None and allow_session:
        session = tr.TrainingSession.live().where(tr.TrainingSession.uuid == record_id).first()
        if session is not None:
            training = tr.Training.live().where(tr.Training.uuid == session.training_id).first()
    if training is None or not _visible_to(training.unit, unit.code):
        message = (
            _("There is no training or training session {id} of {unit} in this database.")
            if allow_session
            else _("There is no training {id} of {unit} in this database.")
        )
        raise FormError(message.format(id=record_id, unit=unit.name))
    return Chosen(unit, training, session)


_NUMERALS = "零一二三四五六七八九"
_NUMBER_RUN = re.compile(r"[0-9]+|[零〇一二三四五六七八九十]+")


def _number(text: str) -> int:
    """12, 十二, 二十一, 一二 (read digit by digit) as integers."""
    if text.isdigit():
        return int(text)
    text = text.replace("〇", "零")
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return (_NUMERALS.index(tens) if tens else 1) * 10 + (_NUMERALS.index(ones) if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + _NUMERALS.index(char)
    return value


def natural_key(text: str) -> tuple:
    """A sort key that reads words by pinyin and numbers as numbers: 一组, 二组 … 十组, 十一组."""
    key, position = [], 0
    for match in _NUMBER_RUN.finditer(text):
        if match.start() > position:
            key.append((0, pinyin_keys(text[position : match.start()])[0], 0))
        try:
            key.append((1, "", _number(match.group())))
        except ValueError:  # 十十 and the like: not a number after all
            key.append((0, pinyin_keys(match.group())[0], 0))
        position = match.end()
    if position < len(text):
        key.append((0, pinyin_keys(text[position:])[0], 0))
    return tuple(key)


def ordered_trainees(training: tr.Training) -> list[tr.Trainee]:
    """Attendees grouped by village or unit, units in code order where known (else by pinyin), names by pinyin."""
    trainees = list(training.trainees())
    codes: dict[str, str] = {}
    for unit in Unit.live().select(Unit.code, Unit.name):
        if unit.name not in codes or unit.code < codes[unit.name]:
            codes[unit.name] = unit.code
    unit_keys = {name: natural_key(name) for name in {t.unit_name for t in trainees}}

    def key(trainee: tr.Trainee):
        name = trainee.unit_name
        # Attendees with no unit written come last; known units first, by code.
        return (not name, codes.get(name, "~"), unit_keys[name], name, trainee.name_pinyin, trainee.name)

    return sorted(trainees, key=key)


def month_day(day: _dt.date) -> str:
    """4月14日 / Apr 14: a date inside a year the form already names."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale="zh_CN" if current_language() == "zh_CN" else "en")


def dates_text(training: tr.Training, short: bool = False) -> str:
    """The training's days: one date, or first to last (month and day only when ``short``)."""
    show = month_day if short else format_date
    if training.end_date == training.start_date:
        return show(training.start_date)
    return _("{start} to {end}").format(start=show(training.start_date), end=show(training.end_date))


# The organiser's level as a training notice writes it: 县级, 乡镇级, 村级.
LEVEL_WORDS = {
    units.PROVINCE: N_("province level"),
    units.CITY: N_("city level"),
    units.COUNTY: N_("county level"),
    units.TOWNSHIP: N_("township level"),
    units.VILLAGE: N_("village level"),
}


def organiser_text(training: tr.Training) -> str:
    """长沙县妇联（县级）: the organiser and its level."""
    if not training.organiser:
        return ""
    level = LEVEL_WORDS.get(training.organiser_level)
    if level is None:
        return training.organiser
    return _("{organiser} ({level})").format(organiser=training.organiser, level=_(level))


def session_label(session: tr.TrainingSession, separator: str = " ") -> str:
    """4月14日 上午: a session inside a training whose year is known."""
    return f"{month_day(session.date)}{separator}{_(tr.HALVES[session.half])}"


def fixed(header: str, mm: float, align: str = CENTER, values: Sequence[str] = ()) -> Column:
    """A fixed-width column widened, if need be, so that no word of its header and
    none of ``values`` is split (English words are longer than Chinese headers)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from forms import fonts

    width = fit_mm(header, mm, TABLE_SIZE)
    for value in values:
        width = max(width, stringWidth(value, fonts.MAIN, TABLE_SIZE) / MM + 1.5)
    return Column(header, width, align=align)


def hours_text(hours: float) -> str:
    return format_number(round(hours, 2))


# --- the attendance summary ------------------------------------------------------------------


def mark_text(status: str | None) -> str:
    """The mark printed for one attendee at one session (unmarked counts as absent)."""
    return _(MARKS[status or "absent"])


def legend() -> str:
    return _("Marks: {present} present, {late} late, {excused} on leave, {absent} absent.").format(
        present=mark_text("present"), late=mark_text("late"), excused=mark_text("excused"), absent=mark_text("absent")
    )


@dataclass
class AttendeeLine:
    """One attendee of the summary: who, the status at each session, hours and leave reasons."""

    trainee: tr.Trainee
    statuses: list[str | None]  # per session, None when not marked
    hours: float

    def count(self, status: str) -> int:
        return sum(1 for s in self.statuses if (s or "absent") == status)


@dataclass
class AttendanceData:
    """Everything the attendance summary prints, read once."""

    training: tr.Training
    sessions: list[tr.TrainingSession]
    summary: tr.TrainingSummary
    lines: list[AttendeeLine]
    leave: list[tuple[tr.Trainee, list[tr.TrainingSession], str]]  # who, which sessions, reason
    unmarked_sessions: list[tr.TrainingSession]
    layout: tuple[bool, str] | None = None  # see list_layout


def attendance_data(training: tr.Training) -> AttendanceData:
    sessions = list(training.sessions())
    summary = tr.summary(training)
    all_marks = tr.marks(training)
    hours = tr.hours_by_trainee(training)
    trainees = ordered_trainees(training)
    lines, leave = [], []
    marked = {session_uuid for session_uuid, _t in all_marks}
    for trainee in trainees:
        statuses = []
        reasons: dict[str, list[tr.TrainingSession]] = defaultdict(list)
        for session in sessions:
            found = all_marks.get((session.uuid, trainee.uuid))
            statuses.append(found.status if found else None)
            if found is not None and found.status == "excused":
                reasons[found.reason].append(session)
        lines.append(AttendeeLine(trainee, statuses, hours.get(trainee.uuid, 0.0)))
        leave += [(trainee, leave_sessions, reason) for reason, leave_sessions in reasons.items()]
    unmarked = [s for s in sessions if s.uuid not in marked]
    return AttendanceData(training, sessions, summary, lines, leave, unmarked)


def _session_columns(with_topics: bool) -> list[Column]:
    halves = [_(label) for label in tr.HALVES.values()]
    columns = [Column(_("Date"), 29), fixed(_("Session"), 13, values=halves), fixed(_("Hours"), 11)]
    if with_topics:
        columns.append(Column(_("Topic and lecturer"), None, 1, LEFT))
    columns += [
        fixed(_("Expected"), 12),
        fixed(_("Present"), 12),
        fixed(_("Of whom late"), 15),
        fixed(_("On leave"), 12),
        fixed(_("Absent"), 12),
        fixed(_("Attendance rate"), 17),
    ]
    if not with_topics:
        columns[0] = Column(_("Date"), None, 1)
    return columns


def _topic(session: tr.TrainingSession) -> str:
    return " / ".join(part for part in (session.topic, session.lecturer) if part)


def session_rows(data: AttendanceData, for_excel: bool = False) -> tuple[list[Column], list[Sequence[object]]]:
    """The per-session table with its total line: numbers as numbers for Excel, text for the PDF."""
    with_topics = any(_topic(s) for s in data.sessions)
    rate = (lambda value: value) if for_excel else format_percent
    hours = (lambda value: value) if for_excel else hours_text
    rows: list[Sequence[object]] = []
    for row in data.summary.sessions:
        session = row.session
        cells: list[object] = [
            session.date if for_excel else format_list_date(session.date),
            _(tr.HALVES[session.half]),
            hours(session.hours),
        ]
        if with_topics:
            cells.append(_topic(session))
        cells += [row.expected, row.attended, row.late, row.excused, row.absent, rate(row.rate)]
        rows.append(cells)
    summary = data.summary
    total: list[object] = [_("Total (person-sessions)"), "", hours(sum(s.hours for s in data.sessions))]
    if with_topics:
        total.append("")
    total += [
        summary.person_sessions,
        sum(s.attended for s in summary.sessions),
        sum(s.late for s in summary.sessions),
        sum(s.excused for s in summary.sessions),
        sum(s.absent for s in summary.sessions),
        rate(summary.rate),
    ]
    rows.append(total)
    return _session_columns(with_topics), rows


def _session_mark_columns(data: AttendanceData, separator: str = "\n") -> list[Column]:
    return [fixed(session_label(s, separator), 15) for s in data.sessions]


def _base_columns() -> tuple[list[Column], Column]:
    """The attendee list's columns before the sessions, and the hours column after them."""
    return (
        [
            Column(_("No."), 9),
            Column(_("Name"), 17),
            Column(_("Village (community) / unit"), None, 1, LEFT),
            Column(_("Post"), 20),
        ],
        fixed(_("Hours credited"), 17),
    )


def list_layout(data: AttendanceData) -> tuple[bool, str]:
    """(a mark column per session?, page orientation) for the attendee list."""
    before, hours = _base_columns()
    # Every column but the unit's has a fixed width.
    taken = sum(c.mm or 0.0 for c in (*before, hours, *_session_mark_columns(data)))
    for orientation, paper_mm in ((PORTRAIT, 210), (LANDSCAPE, 297)):
        if paper_mm - 2 * MARGIN_MM - taken >= _UNIT_COLUMN_MM:
            return True, orientation
    return False, PORTRAIT


def _layout(data: AttendanceData) -> tuple[bool, str]:
    """The attendee list's layout, worked out once per form."""
    if data.layout is None:
        data.layout = list_layout(data)
    return data.layout


def _mark_columns(data: AttendanceData) -> bool:
    """True when each session gets a mark column; with very many sessions, counts are printed instead."""
    return _layout(data)[0]


def attendee_columns(data: AttendanceData, for_excel: bool = False) -> list[Column]:
    columns, hours = _base_columns()
    if _mark_columns(data):
        columns += _session_mark_columns(data, " " if for_excel else "\n")
    else:
        columns += [fixed(_(tr.STATUSES[status]), 13) for status in tr.STATUSES]
    columns.append(hours)
    if for_excel:
        columns.append(Column(_("Reason for leave"), None, 1, LEFT))
    return columns


def attendee_rows(data: AttendanceData, for_excel: bool = False) -> list[Sequence[object]]:
    rows: list[Sequence[object]] = []
    unmarked = {s.uuid for s in data.unmarked_sessions}
    reasons: dict[str, list[str]] = defaultdict(list)
    for trainee, _sessions, reason in data.leave:
        reasons[trainee.uuid].append(reason)
    for number, line in enumerate(data.lines, start=1):
        trainee = line.trainee
        cells: list[object] = [number, trainee.name, trainee.unit_name, trainee.post]
        if _mark_columns(data):
            # A session nobody has been marked for yet is left blank, not crossed.
            cells += [
                "" if session.uuid in unmarked else mark_text(status)
                for session, status in zip(data.sessions, line.statuses)
            ]
        else:
            cells += [line.count(status) for status in tr.STATUSES]
        cells.append(line.hours if for_excel else hours_text(line.hours))
        if for_excel:
            cells.append(join_list(reasons.get(trainee.uuid, [])))
        rows.append(cells)
    return rows


def _facts(training: tr.Training, data: AttendanceData) -> list[Fact]:
    sessions = len(data.sessions)
    summary = data.summary
    facts = [
        Fact(_("Training name"), training.name, wide=True),
        Fact(_("Organiser"), organiser_text(training)),
        Fact(_("Co-organiser"), training.co_organiser),
        Fact(_("Dates"), dates_text(training)),
        Fact(_("Place"), training.place),
        Fact(
            _("Hours"), _("{hours} hours in {n} half-day sessions").format(hours=hours_text(training.hours), n=sessions)
        ),
        Fact(_("Target group"), training.target_group),
        Fact(_("Planned headcount"), training.planned or ""),
        Fact(
            _("Attendees"),
            _("{expected} on the list, {came} came at least once").format(
                expected=summary.expected, came=summary.attended_people
            ),
        ),
    ]
    if training.lecturers:
        facts.append(Fact(_("Lecturers and topics"), training.lecturers, wide=True))
    return facts


def _leave_rows(data: AttendanceData) -> list[Sequence[object]]:
    return [
        [number, trainee.name, trainee.unit_name, join_list(session_label(s, "") for s in sessions), reason]
        for number, (trainee, sessions, reason) in enumerate(data.leave, start=1)
    ]


def _leave_columns() -> list[Column]:
    return [
        Column(_("No."), 9),
        Column(_("Name"), 17),
        Column(_("Village (community) / unit"), 40, align=LEFT),
        Column(_("Sessions"), None, 1, LEFT),
        Column(_("Reason for leave"), None, 1.2, LEFT),
    ]


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The attendance summary of ``options.record_id`` (a training; default the latest), PDF or .xlsx."""
    chosen = choose_training(options)
    training, unit = chosen.training, chosen.unit
    today = options.today or _dt.date.today()
    data = attendance_data(training)
    title = _(TITLE)
    if out_path.suffix.lower() == ".xlsx":
        return _xlsx(out_path, data, unit, today)
    from reportlab.platypus import CondPageBreak

    doc = FormDocument(title, author=unit.name, orientation=_layout(data)[1], subject=training.name)
    doc.heading(title, unit.name, today, subtitle=training.name)
    facts_table(doc, _facts(training, data))
    doc.spacer(4)
    doc.paragraph(_("Attendance by session"), "heading")
    doc.keep_with_next()
    columns, rows = session_rows(data)
    doc.table(columns, rows, empty_text=_("The training has no sessions."))
    notes = [
        _(
            "Present includes those who came late. The attendance rate is person-sessions present over "
            "person-sessions expected; those not marked count as absent."
        )
    ]
    if data.unmarked_sessions:
        notes.append(
            _("No attendance has been recorded yet for: {sessions}.").format(
                sessions=join_list(session_label(s, "") for s in data.unmarked_sessions)
            )
        )
    for note in notes:
        doc.paragraph(note, "note")
    # The list runs over pages: it starts on this page when a few of its rows fit
    # (keeping the heading with the whole table would leave the page blank).
    doc.add(CondPageBreak(50 * MM))
    doc.spacer(4)
    doc.paragraph(_("List of attendees"), "heading")
    doc.table(attendee_columns(data), attendee_rows(data), empty_text=_("Nobody is on the list of attendees yet."))
    if _mark_columns(data):
        doc.paragraph(legend(), "note")
    if data.leave:
        doc.add(CondPageBreak(40 * MM))
        doc.spacer(4)
        doc.paragraph(_("Leave and reasons"), "heading")
        doc.table(_leave_columns(), _leave_rows(data))
    doc.signatures()
    return doc.save(out_path, options.report_missing)


def _xlsx(out_path: Path, data: AttendanceData, unit: Unit, today: _dt.date) -> FormResult:
    title = _(TITLE)
    columns, rows = session_rows(data, for_excel=True)
    rate_column = len(columns) - 1
    sessions = Sheet(
        _("Sessions"),
        f"{title} {data.training.name}",
        columns,
        rows,
        empty_text=_("The training has no sessions."),
        number_formats={0: "yyyy-mm-dd", rate_column: "0.0%"},
        total_rows=1,
    )
    attendee_sheet = Sheet(
        _("List of attendees"),
        f"{title} {data.training.name}",
        attendee_columns(data, True),
        attendee_rows(data, True),
        empty_text=_("Nobody is on the list of attendees yet."),
        notes=[legend()] if _mark_columns(data) else [],
    )
    return write_sheets(out_path, [sessions, attendee_sheet], unit_name=unit.name, date=today, author=unit.name)
