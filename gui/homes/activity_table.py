"""The activity ledger as a table: loaded in batches; the core's ActivityListing filters and sorts it."""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPixmap

from gui.common.lazy_table import Column, LazyQueryModel
from models.homes import CATEGORY, FORM, Activity, ActivityFilters, ActivityListing, photo_count_of
from models.i18n import N_, _, format_list_date

LOCK_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none"
 stroke="#8A5A00" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
<rect x="5" y="11" width="14" height="10" rx="2" fill="#F6E7C8"/><path d="M8 11V7.5a4 4 0 0 1 8 0V11"/>
</svg>"""


def svg_icon(svg: bytes) -> QIcon:
    """An icon drawn from SVG text (for the few this page needs beyond resources/icons)."""
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(svg), "SVG")
    result = QIcon(pixmap)
    result.addPixmap(pixmap, QIcon.Selected)  # the same picture on a highlighted row, not a tinted blot
    return result


@lru_cache(maxsize=1)
def lock_icon() -> QIcon:
    """The small padlock marking a sensitive activity."""
    return svg_icon(LOCK_SVG)


def format_day(activity: Activity) -> str:
    """2026.03.08, the way ledgers are written by hand."""
    return format_list_date(activity.date)


def format_times(activity: Activity) -> str:
    if activity.start_time and activity.end_time:
        return f"{activity.start_time}–{activity.end_time}"
    return activity.start_time or activity.end_time or ""


COLUMNS = (
    Column(N_("Date"), format_day, "date"),
    Column(N_("Time"), format_times, "time"),
    Column(N_("Activity"), lambda a: a.shown_title, "title"),
    Column(N_("Category"), lambda a: CATEGORY.label(a.category), "category"),
    Column(N_("Form"), lambda a: FORM.label(a.form), "form"),
    Column(N_("Place"), lambda a: a.place, "place"),
    Column(N_("Participants"), lambda a: str(a.participants_total), "participants", numeric=True),
    Column(N_("Photos"), lambda a: str(photo_count_of(a)), "photos", numeric=True),
    Column(N_("Leader"), lambda a: a.leader, "leader"),
)
DATE_COLUMN, TITLE_COLUMN, PHOTOS_COLUMN = 0, 2, 7


class ActivityTableModel(LazyQueryModel):
    """Live activities of the unit(s) chosen, newest first by default; rows arrive BATCH_SIZE at a time."""

    columns = COLUMNS
    default_sort_column = DATE_COLUMN
    default_sort_order = Qt.DescendingOrder
    no_filters = ActivityFilters()

    # --- what is shown -------------------------------------------------------------

    def listing(self, scope):
        return ActivityListing(scope, self._filters)

    def years(self) -> list[int]:
        """Years with activities of the units chosen, newest first."""
        return self.current_listing().years()

    def year_choices(self) -> list[int]:
        """The years the filter offers (the core's rule: years with activities and the current year)."""
        return self.current_listing().year_choices(_dt.date.today())

    def filters(self) -> ActivityFilters:
        return self._filters

    def set_filters(
        self,
        year: int | None = None,
        month: int | None = None,
        category: str | None = None,
        text: str = "",
        no_photo: bool = False,
    ) -> None:
        self._narrow(
            ActivityFilters(
                year or None, (month or None) if year else None, category or None, (text or "").strip(), no_photo
            )
        )

    def activity_at(self, row: int) -> Activity | None:
        return self.record_at(row)

    def cell_data(self, activity: Activity, column: int, role):
        # A sensitive activity's title carries a padlock and says why in its tooltip.
        if column == TITLE_COLUMN and activity.sensitive:
            if role == Qt.ToolTipRole:
                return _(
                    "{title} — sensitive: names and photos stay out of printed ledgers and exported files."
                ).format(title=activity.shown_title)
            if role == Qt.DecorationRole:
                return lock_icon()
        return super().cell_data(activity, column, role)
