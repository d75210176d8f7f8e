"""The recycle bin: deleted people, elections, activities and trainings listed, and restored on request."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages, sensitive
from gui.common.fit import em_size, fit_on_show
from gui.common.page_parts import muted_note, open_dialog, setup_row_table
from gui.context import AppContext
from models import recycle_bin as bin_
from models.i18n import _, format_list_datetime, ngettext

# The main window's page showing each kind: it reloads after a restore (see _refresh_pages).
PAGE_OF_KIND = {"people": "people", "elections": "elections", "activities": "homes", "trainings": "training"}
NAME, DATE, DETAIL, DELETED = range(4)
DETAIL_EMS = 10  # the widest the detail column starts


def _local(value: _dt.datetime) -> _dt.datetime:
    """Stored times are naive UTC; people read their own clock."""
    return value.replace(tzinfo=_dt.UTC).astimezone().replace(tzinfo=None)


def show_recycle_bin(page, kind: str, on_accept=lambda _dialog: None) -> RecycleBinDialog:
    """Open the recycle bin on a page's kind of record; the page refreshes when records of that kind come back."""
    dialog = RecycleBinDialog(page.context, page, kind=kind)
    dialog.restored.connect(lambda restored, _n: page.refresh() if restored == kind else None)
    open_dialog(page, dialog, on_accept)
    return dialog


class RecycleBinDialog(QDialog):
    """Deleted records of the unit, one kind at a time, newest deletion first; nothing is ever removed outright."""

    restored = Signal(str, int)  # the kind, and how many records of it were just restored

    def __init__(self, context: AppContext, parent: QWidget | None = None, kind: str = "people"):
        super().__init__(parent)
        self.context = context
        self.entries: list[bin_.Entry] = []
        self.setWindowTitle(_("Recycle bin"))
        fit_on_show(self, em_size(self, 65, 22))

        intro = QLabel(
            _(
                "What you delete stays here. Choose the kind, select the records and choose Restore "
                "to put them back where they were."
            )
        )
        intro.setWordWrap(True)

        self.kind_box = QComboBox()
        for key, spec in bin_.KINDS.items():
            self.kind_box.addItem(_(spec.label), key)
        self.kind_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        kind_label = QLabel(_("Kind"))
        kind_label.setBuddy(self.kind_box)
        kinds = QHBoxLayout()
        kinds.addWidget(kind_label)
        kinds.addWidget(self.kind_box)
        kinds.addStretch(1)

        self.table = QTableWidget(0, 4)
        setup_row_table(self.table, QAbstractItemView.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.Stretch)  # long titles get the room there is
        header.setSectionResizeMode(DETAIL, QHeaderView.Interactive)  # sized in load(), within a limit
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())

        self.empty = muted_note()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.buttons.button(QDialogButtonBox.Close).setText(_("Close"))
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.setToolTip(_("Put the selected records back (Enter or double-click)"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)

        self.status = QLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(kinds)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.set_kind(kind)
        self.kind_box.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.kind_box.activated.connect(lambda _i: self._kind_chosen())

    # --- the kind shown ---------------------------------------------------------------------

    def kind(self) -> str:
        return self.kind_box.currentData()

    def set_kind(self, kind: str) -> None:
        index = self.kind_box.findData(bin_.kind_of(kind).key)
        self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(index)
        self.kind_box.blockSignals(False)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.status.clear()
        self.load()

    def _kind_chosen(self) -> None:
        """The user chose a kind (again): one naming the sensitive registers' people asks for the password first."""
        if self._locked() and sensitive.unlock(self):
            self.load()

    def _locked(self) -> bool:
        """The kind shown names the sensitive registers' people and the password is not given this session."""
        return sensitive.kind_is_sensitive(self.kind()) and sensitive.needs_password()

    # --- listing ----------------------------------------------------------------------------

    def load(self) -> None:
        spec = bin_.kind_of(self.kind())
        self._show_counts()
        self.table.setHorizontalHeaderLabels([_(h) for h in spec.headers] + [_("Deleted")])
        self.entries = [] if self._locked() else bin_.deleted(spec.key, self.context.unit_code)
        self.table.clearSelection()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, text in (
                (NAME, entry.name),
                (DATE, entry.date_text),
                (DETAIL, entry.detail),
                (DELETED, format_list_datetime(_local(entry.deleted_at))),
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        # A long category must not squeeze the names: it is cut short (the tooltip has it whole).
        limit = self.fontMetrics().horizontalAdvance("M") * DETAIL_EMS
        self.table.setColumnWidth(
            DETAIL,
            min(
                max(self.table.sizeHintForColumn(DETAIL), self.table.horizontalHeader().sectionSizeHint(DETAIL)), limit
            ),
        )
        if self.entries:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty.setText(self._empty_text())
            self.stack.setCurrentWidget(self.empty)
        self._update_buttons()

    def _show_counts(self) -> None:
        """Each kind in the selector with how many of it are in the bin, so none is overlooked."""
        self.counts = bin_.counts(self.context.unit_code)
        for index in range(self.kind_box.count()):
            key = self.kind_box.itemData(index)
            label = _(bin_.KINDS[key].label)
            n = self.counts.get(key, 0)
            self.kind_box.setItemText(index, _("{kind} ({n})").format(kind=label, n=n) if n else label)

    def _empty_text(self) -> str:
        if self._locked():
            return _("These records are protected. Choose the kind again and type the start-up password to show them.")
        if not any(self.counts.values()):
            return _("The recycle bin is empty.")
        return _("No {kind} in the recycle bin. Other kinds have deleted records: choose one above.").format(
            kind=_(bin_.KINDS[self.kind()].label)
        )

    def names(self) -> list[str]:
        return [entry.name for entry in self.entries]

    def select_names(self, *names: str) -> None:
        """Select the rows of these names (for keyboard-free callers and tests)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.MultiSelection)
        for row, entry in enumerate(self.entries):
            if entry.name in names:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _selected(self) -> list[bin_.Entry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.entries[row] for row in rows if row < len(self.entries)]

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self._selected()))

    # --- restoring --------------------------------------------------------------------------

    def restore_selected(self) -> None:
        chosen = self._selected()
        if not chosen:
            return
        kind = self.kind()
        restored, refused = bin_.restore_many(kind, [entry.uuid for entry in chosen])
        if refused:
            messages.warning(
                self, _("Some records were not restored:") + "\n" + "\n".join(refused), title=self.windowTitle()
            )
        self.load()
        done = len(restored)
        if done:
            self.status.setText(ngettext("{n} record restored.", "{n} records restored.", done).format(n=done))
            self._refresh_pages(kind)
            self.restored.emit(kind, done)

    def _refresh_pages(self, kind: str) -> None:
        """Reload the main window's page of this kind, unless it opened the dialog (it listens to ``restored``).

        The kind can be changed here, so an activity restored from the people
        page must still show on the Women's Home page at once.
        """
        parent = self.parentWidget()
        pages = getattr(parent.window(), "pages", None) if parent is not None else None
        page = pages.get(PAGE_OF_KIND.get(kind, "")) if isinstance(pages, dict) else None
        if page is not None and page is not parent:
            page.refresh()
