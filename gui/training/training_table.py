"""The list of a unit's trainings: loaded in batches, filtered by year and words, sorted in SQL."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from peewee import SQL, fn
from PySide6.QtCore import Qt

from gui.common.lazy_table import BATCH_SIZE, Column, LazyQueryModel
from models import units
from models.i18n import N_, _, format_number, format_percent
from models.training import ATTENDED, Attendance, Trainee, Training, TrainingSession

# The aliases of the computed columns (none may clash with a Training field or property).
TOTAL_HOURS, SESSION_COUNT, ATTENDEE_COUNT, ATTENDED_COUNT, RATE = (
    "total_hours",
    "session_count",
    "attendee_count",
    "attended_count",
    "attendance_rate",
)


def format_days(start: _dt.date | None, end: _dt.date | None) -> str:
    """2026.04.14, 2026.04.14–04.15 or 2026.12.30–2027.01.02: the way ledgers write a span of days."""
    if start is None:
        return ""
    if end is None or end == start:
        return f"{start:%Y.%m.%d}"
    if end.year == start.year:
        return f"{start:%Y.%m.%d}–{end:%m.%d}"
    return f"{start:%Y.%m.%d}–{end:%Y.%m.%d}"


def format_hours(hours: float | None) -> str:
    return format_number(round(hours or 0, 1))


def level_text(level: str) -> str:
    return _(units.LEVEL_LABELS[level]) if level in units.LEVEL_LABELS else level


def _computed_columns() -> list:
    """Per-training totals as correlated subqueries, so the list sorts and pages on them in SQL."""
    session = TrainingSession.alias()
    trainee = Trainee.alias()
    hours = session.select(fn.COALESCE(fn.SUM(session.hours), 0)).where(
        (session.training == Training.uuid) & (session.deleted == False)
    )
    sessions = session.select(fn.COUNT(session.uuid)).where(
        (session.training == Training.uuid) & (session.deleted == False)
    )
    attendees = trainee.select(fn.COUNT(trainee.uuid)).where(
        (trainee.training == Training.uuid) & (trainee.deleted == False)
    )
    # The same count as models.training.summary: live marks of live attendees at live sessions.
    marked_session, marked_trainee = TrainingSession.alias(), Trainee.alias()
    attended = (
        Attendance.select(fn.COUNT(Attendance.uuid))
        .join(marked_session, on=(Attendance.session == marked_session.uuid))
        .join(marked_trainee, on=(Attendance.trainee == marked_trainee.uuid))
        .where(
            (marked_session.training == Training.uuid)
            & (marked_session.deleted == False)
            & (marked_trainee.deleted == False)
            & (Attendance.deleted == False)
            & Attendance.status.in_(ATTENDED)
        )
    )
    return [
        hours.alias(TOTAL_HOURS),
        sessions.alias(SESSION_COUNT),
        attendees.alias(ATTENDEE_COUNT),
        attended.alias(ATTENDED_COUNT),
    ]


def attendance_rate(training: Training) -> float | None:
    """出勤率 as models.training.summary computes it, from the row's counts; None without attendees."""
    expected = (getattr(training, ATTENDEE_COUNT, 0) or 0) * (getattr(training, SESSION_COUNT, 0) or 0)
    return (getattr(training, ATTENDED_COUNT, 0) or 0) / expected if expected else None


def _rate_text(training: Training) -> str:
    rate = attendance_rate(training)
    return format_percent(rate) if rate is not None else "—"


COLUMNS = (
    Column(N_("Training"), lambda t: t.name, lambda: Training.name),
    Column(N_("Dates"), lambda t: format_days(t.start_date, t.end_date), lambda: Training.start_date),
    Column(N_("Organiser"), lambda t: t.organiser, lambda: Training.organiser),
    Column(
        N_("Level"),
        lambda t: level_text(t.organiser_level),
        lambda: fn.INSTR(",".join(units.LEVELS), Training.organiser_level),
    ),
    Column(N_("Place"), lambda t: t.place, lambda: Training.place),
    Column(N_("Hours"), lambda t: format_hours(getattr(t, TOTAL_HOURS, 0)), lambda: SQL(TOTAL_HOURS), numeric=True),
    Column(
        N_("Attendees"), lambda t: str(getattr(t, ATTENDEE_COUNT, 0) or 0), lambda: SQL(ATTENDEE_COUNT), numeric=True
    ),
    Column(
        N_("Attendance rate"),
        _rate_text,
        lambda: SQL(f"({ATTENDED_COUNT} * 1.0 / NULLIF({ATTENDEE_COUNT} * {SESSION_COUNT}, 0))"),
        numeric=True,
    ),
)
NAME_COLUMN, DATES_COLUMN, RATE_COLUMN = 0, 1, 7


@dataclass(frozen=True)
class Filters:
    """What the list is narrowed to: a year and words."""

    year: int | None = None
    text: str = ""

    def any(self) -> bool:
        return bool(self.year or self.text)


class TrainingTableModel(LazyQueryModel):
    """Live trainings of the unit(s) chosen, newest first by default; rows arrive BATCH_SIZE at a time."""

    columns = COLUMNS
    default_sort_column = DATES_COLUMN
    default_sort_order = Qt.DescendingOrder

    def __init__(self, unit_code: str, parent=None, batch_size: int = BATCH_SIZE):
        super().__init__(unit_code, parent, batch_size)
        self._filters = Filters()
        self.reload()

    # --- what is shown -------------------------------------------------------------

    def filtered(self):
        query = Training.live().where(self.unit_condition())
        f = self._filters
        if f.year:
            query = query.where(
                (Training.start_date >= _dt.date(f.year, 1, 1)) & (Training.start_date <= _dt.date(f.year, 12, 31))
            )
        if f.text:
            pattern = f"%{f.text}%"
            query = query.where(
                (Training.name**pattern)
                | (Training.organiser**pattern)
                | (Training.place**pattern)
                | (Training.target_group**pattern)
                | (Training.lecturers**pattern)
            )
        return query

    def query(self):
        """The whole filtered, ordered selection with its totals (not yet limited to a batch)."""
        # Ties fall back to the newest first, then the uuid, so that paging is stable.
        return (
            self.filtered()
            .select_extend(*_computed_columns())
            .order_by(self.sort_key(), Training.start_date.desc(), Training.name, Training.uuid)
        )

    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, year: int | None = None, text: str = "") -> None:
        filters = Filters(year or None, (text or "").strip())
        if filters != self._filters:
            self._filters = filters
            self.reload()

    def unit_has_trainings(self) -> bool:
        """Whether the unit has any training at all, whatever the filters say."""
        return Training.live().where(self.unit_condition()).exists()

    def unit_field(self):
        return Training.unit

    def years(self) -> list[int]:
        """Years with trainings of the units chosen, newest first."""
        dates = Training.live().where(self.unit_condition()).select(Training.start_date).tuples()
        return sorted({_dt.date.fromisoformat(str(d)[:10]).year for (d,) in dates if d}, reverse=True)

    def training_at(self, row: int) -> Training | None:
        return self.record_at(row)
