"""The steps of a dispute case as an editable list: date, kind of step, what was done."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.elections.election_date import format_day, parse_day
from models.base import FieldError
from models.disputes import STEP_KIND, StepInput
from models.i18n import _

DATE, KIND, ACTION = range(3)


class StepsEditor(QWidget):
    """A table of steps; Add step (Alt+A) appends a line dated today, Remove step (Alt+R) drops the selected one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Step"), _("What was done")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed | QAbstractItemView.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DATE, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(ACTION, QHeaderView.Stretch)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.add_button = QPushButton(_("Add step"))
        self.remove_button = QPushButton(_("Remove step"))
        self.add_button.clicked.connect(lambda: self.add_step())
        self.remove_button.clicked.connect(self.remove_step)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.uuids: list[str | None] = []

    def set_steps(self, steps: list[StepInput]) -> None:
        self.table.setRowCount(0)
        self.uuids = []
        for step in steps:
            self.add_step(step, focus=False)

    def add_step(self, step: StepInput | None = None, focus: bool = True) -> None:
        import datetime as _dt

        step = step or StepInput(_dt.date.today(), "visit", "")
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.uuids.append(step.uuid)
        self.table.setItem(row, DATE, QTableWidgetItem(format_day(step.date)))
        kind = QComboBox()
        for code, label in STEP_KIND.choices():
            kind.addItem(label, code)
        kind.setCurrentIndex(max(kind.findData(step.kind), 0))
        self.table.setCellWidget(row, KIND, kind)
        self.table.setItem(row, ACTION, QTableWidgetItem(step.action))
        if focus:
            self.table.setCurrentCell(row, ACTION)
            self.table.setFocus()
            self.table.editItem(self.table.item(row, ACTION))

    def remove_step(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        del self.uuids[row]
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), ACTION)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def steps(self) -> list[StepInput]:
        found = []
        for row in range(self.table.rowCount()):
            day, _problem = parse_day(self._text(row, DATE))
            kind = self.table.cellWidget(row, KIND)
            assert isinstance(kind, QComboBox)
            found.append(StepInput(day, kind.currentData(), self._text(row, ACTION), self.uuids[row]))
        return found

    def date_errors(self) -> list[FieldError]:
        """Dates typed unreadably, told before the core is asked."""
        errors = []
        for row in range(self.table.rowCount()):
            _day, problem = parse_day(self._text(row, DATE))
            if problem:
                message = _("Step {n}: {problem}").format(n=row + 1, problem=problem)
                errors.append(FieldError(f"steps.{row + 1}.date", message))
        return errors

    def snapshot(self) -> tuple:
        return tuple((self._text(r, DATE), s.kind, s.action) for r, s in enumerate(self.steps()))

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(self.fontMetrics().lineSpacing() * 11)
        return hint
