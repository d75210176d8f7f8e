"""The table of a unit's people, loaded in batches, searched and sorted in SQL."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from peewee import Case
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from models import codes
from models.i18n import N_, _, format_year_month
from models.people import Person, search

BATCH_SIZE = 200


def _birth(person: Person) -> str:
    ym = person.birth_year_month
    return format_year_month(*ym) if ym else ""


# Posts sort by rank (chair first), not by the alphabetical order of their codes.
_POST_RANK = Case(Person.post, [(code, i) for i, code in enumerate(codes.POST.codes())], len(codes.POST.codes()))


@dataclass(frozen=True)
class Column:
    """One column: its header, how a person's cell reads, what SQL sorts it."""

    header: str  # English source, translated when shown
    text: Callable[[Person], str]
    order: object  # a peewee expression


COLUMNS = (
    Column(N_("Name"), lambda p: p.name, Person.name_pinyin),
    Column(N_("Sex"), lambda p: codes.SEX.label(p.sex), Person.sex),
    Column(N_("Ethnicity"), lambda p: codes.ETHNICITY.label(p.ethnicity), Person.ethnicity),
    Column(N_("Born"), _birth, Person.birth),
    Column(N_("Education"), lambda p: codes.EDUCATION.label(p.education), Person.education),
    Column(N_("Political status"), lambda p: codes.POLITICAL.label(p.political), Person.political),
    Column(N_("Post"), lambda p: codes.POST.label(p.post), _POST_RANK),
    Column(N_("Phone"), lambda p: p.phone, Person.phone),
)
NAME_COLUMN = 0


class PersonTableModel(QAbstractTableModel):
    """Live people of one unit; rows arrive BATCH_SIZE at a time as the view scrolls."""

    def __init__(self, unit_code: str, parent=None, batch_size: int = BATCH_SIZE):
        super().__init__(parent)
        self.unit_code = unit_code
        self.batch_size = batch_size
        self._search = ""
        self._sort_column = NAME_COLUMN
        self._sort_order = Qt.AscendingOrder
        self._rows: list[Person] = []
        self._exhausted = True
        self.reload()

    # --- what is shown -----------------------------------------------------

    def query(self):
        """The whole filtered, ordered selection (not yet limited to a batch)."""
        query = search(Person.live().where(Person.unit == self.unit_code), self._search)
        key = COLUMNS[self._sort_column].order
        descending = self._sort_order == Qt.DescendingOrder
        # Ties fall back to the name, then the uuid, so that paging is stable.
        return query.order_by(key.desc() if descending else key.asc(), Person.name_pinyin, Person.uuid)

    def search_text(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        text = (text or "").strip()
        if text != self._search:
            self._search = text
            self.reload()

    def unit_has_people(self) -> bool:
        """Whether the unit has anyone at all, whatever the search says."""
        return Person.live().where(Person.unit == self.unit_code).exists()

    def total(self) -> int:
        """How many people match the search (loaded or not)."""
        return search(Person.live().where(Person.unit == self.unit_code), self._search).count()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self.query().limit(self.batch_size))
        self._exhausted = len(self._rows) < self.batch_size
        self.endResetModel()

    def person_at(self, row: int) -> Person | None:
        if 0 <= row < len(self._rows):
            return self._rows[row]
        return None

    def row_of(self, uuid: str) -> int:
        """The row of a person, loading further batches until found; -1 if absent."""
        while True:
            for row, person in enumerate(self._rows):
                if person.uuid == uuid:
                    return row
            if self._exhausted:
                return -1
            self.fetchMore(QModelIndex())

    # --- QAbstractTableModel -------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return COLUMNS[index.column()].text(self._rows[index.row()])
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
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        batch = list(self.query().offset(len(self._rows)).limit(self.batch_size))
        self._exhausted = len(batch) < self.batch_size
        if batch:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
            self._rows.extend(batch)
            self.endInsertRows()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, Qt.SortOrder(order)
        # A re-sort is a new query: drop the loaded batches and start again.
        self.reload()
