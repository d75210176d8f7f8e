"""The recycle bin of people: deleted people listed, and restored on request."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QStackedWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from models import codes
from models.base import database
from models.i18n import _, format_datetime, ngettext
from models.people import Person, duplicate_id_owner

from .. import messages
from ..context import AppContext


def _local(value: _dt.datetime) -> _dt.datetime:
    """Stored times are naive UTC; people read their own clock."""
    return value.replace(tzinfo=_dt.timezone.utc).astimezone().replace(tzinfo=None)


class RecycleBinDialog(QDialog):
    """Deleted people of the unit, newest first; nothing here is ever removed outright."""

    restored = Signal(int)  # how many people were just restored

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Recycle bin — people"))
        self.resize(560, 400)

        intro = QLabel(_("People you deleted stay here. Select them and choose Restore to put them back on the list."))
        intro.setWordWrap(True)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Post"), _("Deleted")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())

        self.empty = QLabel(_("The recycle bin is empty."))
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.buttons.button(QDialogButtonBox.Close).setText(_("Close"))
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.setToolTip(_("Put the selected people back on the list"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)

        self.status = QLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.load()

    def load(self) -> None:
        query = (Person.select()
                 .where((Person.unit == self.context.unit_code) & (Person.deleted == True))  # noqa: E712
                 .order_by(Person.updated_at.desc(), Person.name_pinyin))
        self.people = list(query)
        self.table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            for column, text in enumerate((person.name, codes.POST.label(person.post),
                                           format_datetime(_local(person.updated_at)))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.stack.setCurrentWidget(self.table if self.people else self.empty)
        self._update_buttons()

    def names(self) -> list[str]:
        return [person.name for person in self.people]

    def select_names(self, *names: str) -> None:
        """Select the rows of these names (for keyboard-free callers and tests)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.MultiSelection)
        for row, person in enumerate(self.people):
            if person.name in names:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _selected(self) -> list[Person]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.people[row] for row in rows]

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self._selected()))

    def restore_selected(self) -> None:
        people = self._selected()
        if not people:
            return
        blocked = []
        with database.atomic():
            for person in people:
                # Two live people with one ID number would make both uneditable.
                other = duplicate_id_owner(person.id_number, person.unit, person.uuid)
                if other is not None:
                    blocked.append(_("{name}: {other} already has the same ID number.").format(
                        name=person.name, other=other.name))
                    continue
                person.restore()
        done = len(people) - len(blocked)
        if blocked:
            messages.warning(self, _("Some people were not restored:") + "\n" + "\n".join(blocked),
                             title=self.windowTitle())
        self.load()
        if done:
            self.status.setText(ngettext("{n} person restored.", "{n} people restored.", done).format(n=done))
            self.restored.emit(done)
