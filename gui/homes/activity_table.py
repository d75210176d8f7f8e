"""The activity ledger as a table: loaded in batches, filtered and sorted in SQL."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache

from peewee import SQL, fn
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPixmap

from gui.common.lazy_table import BATCH_SIZE, Column, LazyQueryModel
from models import photos
from models.homes import CATEGORY, FORM, Activity, activities, activity_years
from models.i18n import N_, _

PHOTO_COUNT = "photo_count"  # the alias of the photo-count column in the query

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
    return f"{activity.date:%Y.%m.%d}" if activity.date else ""


def format_times(activity: Activity) -> str:
    if activity.start_time and activity.end_time:
        return f"{activity.start_time}–{activity.end_time}"
    return activity.start_time or activity.end_time or ""


def photo_count_of(activity: Activity) -> int:
    count = getattr(activity, PHOTO_COUNT, None)
    return count if count is not None else len(activity.photo_links())


def _photo_count_column():
    link = photos.PhotoLink
    return (
        link.select(fn.COUNT(link.uuid))
        .where((link.owner == Activity.uuid) & (link.deleted == False))
        .alias(PHOTO_COUNT)
    )


COLUMNS = (
    Column(N_("Date"), format_day, lambda: Activity.date),
    Column(N_("Time"), format_times, lambda: Activity.start_time),
    Column(N_("Activity"), lambda a: a.title, lambda: Activity.title),
    Column(N_("Category"), lambda a: CATEGORY.label(a.category), lambda: Activity.category.cast("INTEGER")),
    Column(N_("Form"), lambda a: FORM.label(a.form), lambda: Activity.form),
    Column(N_("Place"), lambda a: a.place, lambda: Activity.place),
    Column(
        N_("Participants"),
        lambda a: str(a.participants_total),
        lambda: Activity.women + Activity.children + Activity.others,
        numeric=True,
    ),
    Column(N_("Photos"), lambda a: str(photo_count_of(a)), lambda: SQL(PHOTO_COUNT), numeric=True),
    Column(N_("Leader"), lambda a: a.leader, lambda: Activity.leader),
)
DATE_COLUMN, TITLE_COLUMN, PHOTOS_COLUMN = 0, 2, 7


@dataclass(frozen=True)
class Filters:
    """What the ledger is narrowed to: a year (and month), a category, words."""

    year: int | None = None
    month: int | None = None
    category: str | None = None
    text: str = ""

    def any(self) -> bool:
        return bool(self.year or self.category or self.text)


class ActivityTableModel(LazyQueryModel):
    """Live activities of the unit(s) chosen, newest first by default; rows arrive BATCH_SIZE at a time."""

    columns = COLUMNS
    default_sort_column = DATE_COLUMN
    default_sort_order = Qt.DescendingOrder

    def __init__(self, unit_code: str, parent=None, batch_size: int = BATCH_SIZE):
        super().__init__(unit_code, parent, batch_size)
        self._filters = Filters()
        self.reload()

    # --- what is shown -------------------------------------------------------------

    def filtered(self):
        f = self._filters
        if not self.shows_units_below():
            return activities(self.unit_code, f.year, f.month if f.year else None, f.category, f.text)
        # The same narrowing as models.homes.activities, over the units chosen.
        query = Activity.live().where(self.unit_condition())
        if f.year:
            month = f.month
            start = _dt.date(f.year, month or 1, 1)
            end = _dt.date(f.year + (1 if not month or month == 12 else 0), (month % 12 + 1) if month else 1, 1)
            query = query.where((Activity.date >= start) & (Activity.date < end))
        if f.category:
            query = query.where(Activity.category == f.category)
        if f.text:
            pattern = f"%{f.text}%"
            query = query.where(
                (Activity.title**pattern)
                | (Activity.place**pattern)
                | (Activity.leader**pattern)
                | (Activity.summary**pattern)
            )
        return query

    def unit_field(self):
        return Activity.unit

    def years(self) -> list[int]:
        """Years with activities of the units chosen, newest first."""
        if not self.shows_units_below():
            return activity_years(self.unit_code)
        dates = Activity.live().where(self.unit_condition()).select(Activity.date).tuples()
        return sorted({_dt.date.fromisoformat(str(d)[:10]).year for (d,) in dates if d}, reverse=True)

    def query(self):
        """The whole filtered, ordered selection with photo counts (not yet limited to a batch)."""
        # Ties fall back to the newest first, then the uuid, so that paging is stable.
        return (
            self.filtered()
            .select_extend(_photo_count_column())
            .order_by(self.sort_key(), Activity.date.desc(), Activity.start_time.desc(), Activity.uuid)
        )

    def filters(self) -> Filters:
        return self._filters

    def set_filters(
        self, year: int | None = None, month: int | None = None, category: str | None = None, text: str = ""
    ) -> None:
        filters = Filters(year or None, month or None, category or None, (text or "").strip())
        if filters != self._filters:
            self._filters = filters
            self.reload()

    def unit_has_activities(self) -> bool:
        """Whether the unit has any activity at all, whatever the filters say."""
        return Activity.live().where(self.unit_condition()).exists()

    def activity_at(self, row: int) -> Activity | None:
        return self.record_at(row)

    def cell_data(self, activity: Activity, column: int, role):
        # A sensitive activity's title carries a padlock and says why in its tooltip.
        if column == TITLE_COLUMN and activity.sensitive:
            if role == Qt.ToolTipRole:
                return _(
                    "{title} — sensitive: names and photos stay out of printed ledgers and exported files."
                ).format(title=activity.title)
            if role == Qt.DecorationRole:
                return lock_icon()
        return super().cell_data(activity, column, role)
