"""A table of database records loaded in batches as the view scrolls, sorted and filtered by the core.

The rows come from a ``models.listing.Listing``: this model only asks it for
a count and for batches; the query, the filters and the sort orders are the
core's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from models.i18n import N_, _
from models.listing import Listing, Scope, unit_names

BATCH_SIZE = 200


@dataclass(frozen=True)
class Column:
    """One column: its header, how a record's cell reads, and the listing's key that sorts it."""

    header: str  # English source, translated when shown
    text: Callable[[Any], str]
    sort: str  # a key of the listing's sort_keys ("unit" sorts by the owning unit)
    numeric: bool = False


class LazyQueryModel(QAbstractTableModel):
    """Rows of a core listing, read batch_size at a time; subclasses give the columns and the listing."""

    columns: tuple[Column, ...] = ()
    default_sort_column = 0
    default_sort_order = Qt.AscendingOrder
    no_filters: Any = None  # what the listing is narrowed by before the user narrows it (immutable)

    def __init__(self, unit_code: str, parent=None, batch_size: int = BATCH_SIZE):
        super().__init__(parent)
        self.unit_code = unit_code  # the own unit: new records are always its
        self.unit_choice = unit_code  # whose records are shown (see unit_filter)
        self._unit_names: dict[str, str] = {}
        self.batch_size = batch_size
        self._sort_column = self.default_sort_column
        self._sort_order = self.default_sort_order
        self._rows: list = []
        self._exhausted = True
        self._fetching = False
        self._filters = self.no_filters
        self.reload()

    # --- what subclasses say -----------------------------------------------------------

    def listing(self, scope: Scope) -> Listing:
        """The core listing of the records shown, with the page's filters, for a scope."""
        raise NotImplementedError

    def cell_data(self, record, column: int, role):
        """What a cell shows for a role; subclasses add roles for particular columns."""
        spec = self.columns[column]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return spec.text(record)
        if role == Qt.TextAlignmentRole and spec.numeric:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _narrow(self, filters) -> None:
        """Show the records matching new filters, reading them again only when the filters changed."""
        if filters != self._filters:
            self._filters = filters
            self.reload()

    # --- whose records -----------------------------------------------------------------

    def scope(self) -> Scope:
        return Scope(self.unit_code, self.unit_choice)

    def current_listing(self) -> Listing:
        return self.listing(self.scope())

    def shows_units_below(self) -> bool:
        return self.unit_choice != self.unit_code

    def set_unit_choice(self, choice: str) -> None:
        """Show the own unit's records, one unit's below it, or all below (unit_filter.ALL_BELOW)."""
        choice = choice or self.unit_code
        if choice == self.unit_choice:
            return
        self.unit_choice = choice
        base = type(self).columns
        if self.shows_units_below():
            # Records of several units: say whose each one is, by the unit's name.
            self._unit_names = unit_names()
            unit_column = Column(N_("Unit"), lambda r: self._unit_names.get(r.unit, r.unit), "unit")
            self.columns = base + (unit_column,)
        else:
            self.columns = base
        if self._sort_column >= len(self.columns):
            self._sort_column, self._sort_order = self.default_sort_column, self.default_sort_order
        self.reload()

    # --- loading ---------------------------------------------------------------------

    def total(self) -> int:
        """How many records match the filters (loaded or not)."""
        return self.current_listing().count()

    def scope_has_records(self) -> bool:
        """Whether the units chosen have any record at all, whatever the filters say."""
        return self.current_listing().any()

    def _batch(self, offset: int) -> list:
        descending = self._sort_order == Qt.DescendingOrder
        return self.current_listing().page(self.columns[self._sort_column].sort, descending, offset, self.batch_size)

    def reload(self) -> None:
        if self.shows_units_below():
            self._unit_names = unit_names()  # units imported since may have come in
        self.beginResetModel()
        self._rows = self._batch(0)
        self._exhausted = len(self._rows) < self.batch_size
        self.endResetModel()

    def record_at(self, row: int):
        if 0 <= row < len(self._rows):
            return self._rows[row]
        return None

    def row_of(self, uuid: str) -> int:
        """The row of a record, loading further batches until found; -1 if absent."""
        while True:
            for row, record in enumerate(self._rows):
                if record.uuid == uuid:
                    return row
            if self._exhausted:
                return -1
            self.fetchMore(QModelIndex())

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.columns):
            return None
        return self.cell_data(self._rows[index.row()], index.column(), role)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return _(self.columns[section].header) if 0 <= section < len(self.columns) else None
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
            batch = self._batch(len(self._rows))
            self._exhausted = len(batch) < self.batch_size
            if batch:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
                self._rows.extend(batch)
                self.endInsertRows()
        finally:
            self._fetching = False

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort_column, self._sort_order = column, Qt.SortOrder(order)
        # A re-sort is a new query: drop the loaded batches and start again.
        self.reload()
