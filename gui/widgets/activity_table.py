"""The activity ledger as a table: loaded in batches, filtered and sorted in SQL."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from peewee import SQL, fn
from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, Qt
from PySide6.QtGui import QIcon, QPixmap

from models import photos
from models.homes import CATEGORY, FORM, Activity, activities
from models.i18n import N_, _

BATCH_SIZE = 200
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
    return (link.select(fn.COUNT(link.uuid))
            .where((link.owner == Activity.uuid) & (link.deleted == False))  # noqa: E712
            .alias(PHOTO_COUNT))


@dataclass(frozen=True)
class Column:
    """One column: its header, how an activity's cell reads, what SQL sorts it."""

    header: str  # English source, translated when shown
    text: Callable[[Activity], str]
    order: Callable[[], object]  # makes the peewee sort expression
    numeric: bool = False


COLUMNS = (
    Column(N_("Date"), format_day, lambda: Activity.date),
    Column(N_("Time"), format_times, lambda: Activity.start_time),
    Column(N_("Activity"), lambda a: a.title, lambda: Activity.title),
    Column(N_("Category"), lambda a: CATEGORY.label(a.category), lambda: Activity.category.cast("INTEGER")),
    Column(N_("Form"), lambda a: FORM.label(a.form), lambda: Activity.form),
    Column(N_("Place"), lambda a: a.place, lambda: Activity.place),
    Column(N_("Participants"), lambda a: str(a.participants_total),
           lambda: Activity.women + Activity.children + Activity.others, numeric=True),
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


class ActivityTableModel(QAbstractTableModel):
    """Live activities of one unit, newest first by default; rows arrive BATCH_SIZE at a time."""

    def __init__(self, unit_code: str, parent=None, batch_size: int = BATCH_SIZE):
        super().__init__(parent)
        self.unit_code = unit_code
        self.batch_size = batch_size
        self._filters = Filters()
        self._sort_column = DATE_COLUMN
        self._sort_order = Qt.DescendingOrder
        self._rows: list[Activity] = []
        self._exhausted = True
        self._fetching = False
        self.reload()

    # --- what is shown -------------------------------------------------------------

    def _filtered(self):
        f = self._filters
        return activities(self.unit_code, f.year, f.month if f.year else None, f.category, f.text)

    def query(self):
        """The whole filtered, ordered selection with photo counts (not yet limited to a batch)."""
        key = COLUMNS[self._sort_column].order()
        descending = self._sort_order == Qt.DescendingOrder
        # Ties fall back to the newest first, then the uuid, so that paging is stable.
        return (self._filtered().select_extend(_photo_count_column())
                .order_by(key.desc() if descending else key.asc(), Activity.date.desc(),
                          Activity.start_time.desc(), Activity.uuid))

    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, year: int | None = None, month: int | None = None, category: str | None = None,
                    text: str = "") -> None:
        filters = Filters(year or None, month or None, category or None, (text or "").strip())
        if filters != self._filters:
            self._filters = filters
            self.reload()

    def unit_has_activities(self) -> bool:
        """Whether the unit has any activity at all, whatever the filters say."""
        return Activity.live().where(Activity.unit == self.unit_code).exists()

    def total(self) -> int:
        """How many activities match the filters (loaded or not)."""
        return self._filtered().count()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self.query().limit(self.batch_size))
        self._exhausted = len(self._rows) < self.batch_size
        self.endResetModel()

    def activity_at(self, row: int) -> Activity | None:
        if 0 <= row < len(self._rows):
            return self._rows[row]
        return None

    def row_of(self, uuid: str) -> int:
        """The row of an activity, loading further batches until found; -1 if absent."""
        while True:
            for row, activity in enumerate(self._rows):
                if activity.uuid == uuid:
                    return row
            if self._exhausted:
                return -1
            self.fetchMore(QModelIndex())

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        activity = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return column.text(activity)
        if role == Qt.ToolTipRole:
            if index.column() == TITLE_COLUMN and activity.sensitive:
                return _("{title} — sensitive: names and photos stay out of printed ledgers and exported "
                         "files.").format(title=activity.title)
            return column.text(activity)
        if role == Qt.DecorationRole and index.column() == TITLE_COLUMN and activity.sensitive:
            return lock_icon()
        if role == Qt.TextAlignmentRole and column.numeric:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return _(COLUMNS[section].header) if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemNeverHasChildren

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent=QModelIndex()) -> None:
        # A view (or Qt's model tester) may ask for more while the rows are being
        # inserted: that batch would be read at the old offset and added twice.
        if parent.isValid() or self._exhausted or self._fetching:
            return
        self._fetching = True
        try:
            batch = list(self.query().offset(len(self._rows)).limit(self.batch_size))
            self._exhausted = len(batch) < self.batch_size
            if batch:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
                self._rows.extend(batch)
                self.endInsertRows()
        finally:
            self._fetching = False

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, Qt.SortOrder(order)
        # A re-sort is a new query: drop the loaded batches and start again.
        self.reload()

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order
