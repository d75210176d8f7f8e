"""The unit filter of county and township installations: the own unit, all units below, or one of them.

A choice is a unit code (the own unit's, or one below it) or ALL_BELOW; ``models.listing.Scope`` turns it
into the condition on a record's ``unit`` field.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from models import units
from models.i18n import N_, _
from models.listing import ALL_BELOW, has_units_below

READ_ONLY_TIP = N_("Records reported by units below can only be viewed.")  # translated where shown
_INDENT = "\u3000"  # a full-width space: indents Chinese names by whole characters


def is_read_only(record) -> bool:
    """Whether a record belongs to a unit below (imported): shown here, never edited here."""
    from models.exchange import is_read_only as belongs_below

    return record is not None and belongs_below(record)


def guard_actions(actions: Iterable[QAction], selected: bool, read_only: bool) -> None:
    """Enable the actions that change a selected record only for the own unit's records, saying why not."""
    for action in actions:
        tip = action.property("editable_tip")
        if tip is None:
            tip = action.toolTip()
            action.setProperty("editable_tip", tip)
        action.setEnabled(selected and not read_only)
        action.setToolTip(_(READ_ONLY_TIP) if read_only else tip)


class UnitFilter(QComboBox):
    """Chooses whose records a page shows: 本单位, 全部下级单位, or one unit below (type to find it)."""

    unit_changed = Signal(str)  # the choice: a unit code or ALL_BELOW

    def __init__(self, own_code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.own_code = own_code
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)  # typing finds a unit, never adds one
        self.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.setToolTip(
            _(
                "Whose records to show: this unit's, all units' below it, or one unit's "
                "(type part of its name to find it)"
            )
        )
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.setCompleter(completer)
        self.currentIndexChanged.connect(self._chosen)
        self.lineEdit().editingFinished.connect(self._restore_text)
        self.setVisible(has_units_below(own_code))
        self.refresh_units()

    def refresh_units(self) -> None:
        """Fill the list from the units known now (after an import there may be more), keeping the choice."""
        chosen = self.choice() if self.count() else self.own_code
        self.blockSignals(True)
        self.clear()
        self.addItem(_("Own unit"), self.own_code)
        self.addItem(_("All units below"), ALL_BELOW)
        if has_units_below(self.own_code):
            own_depth = units.LEVELS.index(units.level_of(self.own_code))
            for unit in units.units_below(self.own_code):
                depth = units.LEVELS.index(unit.level) - own_depth
                self.addItem(_INDENT * depth + unit.name, unit.code)
                self.setItemData(self.count() - 1, f"{unit.name} {unit.code}", Qt.ToolTipRole)
        # An editable combo sizes itself by a few characters, not its items: make room for the longest.
        widest = max(self.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count()))
        self.setMinimumWidth(min(widest, self.fontMetrics().horizontalAdvance("M") * 16) + 48)
        index = self.findData(chosen)
        self.setCurrentIndex(index if index >= 0 else 0)
        self.blockSignals(False)
        if index < 0 and chosen != self.own_code:
            self.unit_changed.emit(self.choice())  # the unit chosen is gone: back to the own unit

    def choice(self) -> str:
        """The unit code chosen, or ALL_BELOW."""
        return self.currentData() or self.own_code

    def set_choice(self, choice: str) -> None:
        """Choose as the user would (tests and other pages use it)."""
        index = self.findData(choice)
        if index >= 0:
            self.setCurrentIndex(index)

    def _chosen(self, _index: int) -> None:
        self.unit_changed.emit(self.choice())

    def _restore_text(self) -> None:
        # Typed text that names no unit goes back to the unit chosen.
        if self.lineEdit().text() != self.currentText():
            self.lineEdit().setText(self.currentText())
