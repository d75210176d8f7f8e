"""Marks typed earlier that the read sheets contradict: she decides, mark by mark, which stays.

Tests answer it by setting ``answer_with`` (called with the built dialog; it ticks what it wants and returns
True for Save, False for Back) instead of running it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common.fit import fit_to_screen
from models import training as tr
from models.i18n import N_, _, ngettext
from models.paper import attendance as pa

DECISION_WORDS = {pa.PRESENT: N_("Present"), pa.ABSENT: N_("Absent")}
USE_SHEET = 4  # the column ticked to take what the sheet shows

answer_with: Callable[[ConflictDialog], bool] | None = None


class ConflictDialog(QDialog):
    """One row per contradicted mark: the typed one, what the sheet shows, and a tick to take the sheet's."""

    def __init__(self, conflicts: list[pa.Conflict], parent: QWidget | None = None):
        super().__init__(parent)
        self.conflicts = conflicts
        self.setWindowTitle(_("Marks typed earlier"))
        note = QLabel(
            ngettext(
                "{n} mark typed earlier says otherwise than the sheet. Tick it to use what the sheet shows; "
                "left unticked, the typed mark stays.",
                "{n} marks typed earlier say otherwise than the sheets. Tick those where the sheet is right; "
                "the marks left unticked stay as typed.",
                len(conflicts),
            ).format(n=len(conflicts))
        )
        note.setWordWrap(True)
        self.table = QTableWidget(len(conflicts), 5)
        self.table.setHorizontalHeaderLabels(
            [_("Trainee"), _("Session"), _("Typed earlier"), _("The sheet shows"), _("Use the sheet")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        for row, conflict in enumerate(conflicts):
            texts = (
                conflict.trainee.name,
                conflict.session.label(),
                _(tr.STATUSES.get(conflict.typed, conflict.typed)),
                _(DECISION_WORDS[conflict.confirmed]),
            )
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
            tick.setCheckState(Qt.Unchecked)
            self.table.setItem(row, USE_SHEET, tick)
        all_sheets = QPushButton(_("Tick all"))
        all_sheets.clicked.connect(lambda: self.tick_all(True))
        none = QPushButton(_("Untick all"))
        none.clicked.connect(lambda: self.tick_all(False))
        buttons = QDialogButtonBox()
        buttons.addButton(_("Save attendance"), QDialogButtonBox.AcceptRole)
        buttons.addButton(_("Back"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(all_sheets)
        bottom.addWidget(none)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, QSize(720, 420))

    def keyPressEvent(self, event) -> None:
        # Space ticks the current row, as in a list of checkboxes.
        row = self.table.currentRow()
        if event.key() == Qt.Key_Space and row >= 0:
            self.tick(row, not self.ticked(row))
            return
        super().keyPressEvent(event)

    def tick(self, row: int, on: bool = True) -> None:
        self.table.item(row, USE_SHEET).setCheckState(Qt.Checked if on else Qt.Unchecked)

    def tick_all(self, on: bool) -> None:
        for row in range(self.table.rowCount()):
            self.tick(row, on)

    def ticked(self, row: int) -> bool:
        return self.table.item(row, USE_SHEET).checkState() == Qt.Checked

    def overwrite(self) -> set[tuple[str, str]]:
        """(trainee uuid, session uuid) of the marks to replace by what the sheet shows."""
        return {(c.trainee.uuid, c.session.uuid) for row, c in enumerate(self.conflicts) if self.ticked(row)}


def decide(conflicts: list[pa.Conflict], parent: QWidget | None) -> set[tuple[str, str]] | None:
    """The marks she chose to replace, or None when she went back without saving."""
    dialog = ConflictDialog(conflicts, parent)
    accepted = answer_with(dialog) if answer_with is not None else dialog.exec() == QDialog.Accepted
    chosen = dialog.overwrite()
    dialog.deleteLater()
    return chosen if accepted else None
