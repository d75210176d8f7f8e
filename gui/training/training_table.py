"""The list of a unit's trainings: loaded in batches, filtered by year and words, sorted in SQL."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt

from gui.common.lazy_table import Column, LazyQueryModel
from models import units
from models.i18n import N_, _, format_list_date_range, format_number, format_percent
from models.training import (
    ATTENDEE_COUNT,
    TOTAL_HOURS,
    Training,
    TrainingFilters,
    TrainingListing,
    listed_attendance_rate,
)


def format_days(start: _dt.date | None, end: _dt.date | None) -> str:
    """A span of days in the list: 2026-04-14, 2026-04-14至04-15 or 2026-12-30至2027-01-02."""
    return "" if start is None else format_list_date_range(start, end)


def format_hours(hours: float | None) -> str:
    return format_number(round(hours or 0, 1))


def level_text(level: str) -> str:
    return _(units.LEVEL_LABELS[level]) if level in units.LEVEL_LABELS else level


def _rate_text(training: Training) -> str:
    rate = listed_attendance_rate(training)
    return format_percent(rate) if rate is not None else "—"


COLUMNS = (
    Column(N_("Training"), lambda t: t.name, "name"),
    Column(N_("Dates"), lambda t: format_days(t.start_date, t.end_date), "dates"),
    Column(N_("Organiser"), lambda t: t.organiser, "organiser"),
    Column(N_("Level"), lambda t: level_text(t.organiser_level), "level"),
    Column(N_("Place"), lambda t: t.place, "place"),
    Column(N_("Hours"), lambda t: format_hours(getattr(t, TOTAL_HOURS, 0)), "hours", numeric=True),
    Column(N_("Attendees"), lambda t: str(getattr(t, ATTENDEE_COUNT, 0) or 0), "attendees", numeric=True),
    Column(N_("Attendance rate"), _rate_text, "rate", numeric=True),
)
NAME_COLUMN, DATES_COLUMN, RATE_COLUMN = 0, 1, 7


class TrainingTableModel(LazyQueryModel):
    """Live trainings of the unit(s) chosen, newest first by default; rows arrive BATCH_SIZE at a time."""

    columns = COLUMNS
    default_sort_column = DATES_COLUMN
    default_sort_order = Qt.DescendingOrder
    no_filters = TrainingFilters()

    # --- what is shown -------------------------------------------------------------

    def listing(self, scope):
        return TrainingListing(scope, self._filters)

    def filters(self) -> TrainingFilters:
        return self._filters

    def set_filters(self, year: int | None = None, text: str = "") -> None:
        self._narrow(TrainingFilters(year or None, (text or "").strip()))

    def years(self) -> list[int]:
        """Years with trainings of the units chosen, newest first."""
        return self.current_listing().years()

    def training_at(self, row: int) -> Training | None:
        return self.record_at(row)
