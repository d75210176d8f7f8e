"""The 月报 tab: the months of a year, each reported or not, with the month's counts; report or report none."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from models import disputes
from models.base import ValidationError
from models.i18n import N_, _

HEADERS = (
    N_("Month"),
    N_("Found"),
    N_("High risk"),
    N_("Closed in the month"),
    N_("Open at month's end"),
    N_("Report"),
    N_("Reported on"),
    N_("Reported by"),
)
AMBER = "#9A5B00"


class MonthTab(QWidget):
    """The months of the chosen year up to this one, the latest first; the buttons report the selected month."""

    reported = Signal()

    def __init__(self, unit_code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.unit_code = unit_code
        self.rows: list[disputes.MonthRow] = []
        self.year = QComboBox()
        year_label = QLabel(_("Year"))
        year_label.setBuddy(self.year)
        self.report_button = QPushButton(_("Report the month"))
        self.report_button.setToolTip(_("Report the selected month with its cases"))
        self.none_button = QPushButton(_("None this month"))
        self.none_button.setToolTip(_("Report that no family dispute was found in the selected month"))
        self.report_button.clicked.connect(lambda: self.report(False))
        self.none_button.clicked.connect(lambda: self.report(True))
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.report_button)
        top.addWidget(self.none_button)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._follow_selection)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self._fill_years()
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def _fill_years(self) -> None:
        this_year = _dt.date.today().year
        for year in sorted(set(disputes.years_with_cases(self.unit_code)) | {this_year}, reverse=True):
            self.year.addItem(str(year), year)

    def reload(self) -> None:
        keep = self.current().month if self.current() else None
        year = self.year.currentData() or _dt.date.today().year
        self.rows = list(reversed(disputes.months_of(self.unit_code, year)))
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            report = row.report
            if report is None:
                state = _("Not reported")
            else:
                state = _("None this month") if report.none_this_month else _("Reported")
            cells = (
                row.month,
                str(row.found),
                str(row.counts.get(("risk", "high"), 0)),
                str(row.closed),
                str(row.still_open),
                state,
                f"{report.reported_on:%Y-%m-%d}" if report else "",
                report.reported_by if report else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 1 <= column <= 4:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if column == 5 and report is None:
                    item.setForeground(QColor(AMBER))
                self.table.setItem(number, column, item)
        index = next((i for i, r in enumerate(self.rows) if r.month == keep), 0)
        if self.rows:
            self.table.selectRow(index)
        self.note.setText(
            _("No months to report in this year yet.")
            if not self.rows
            else _("A month with no case found may be reported as none this month; reporting again updates it.")
        )
        self._follow_selection()

    def current(self) -> disputes.MonthRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _follow_selection(self) -> None:
        row = self.current()
        self.report_button.setEnabled(row is not None)
        self.none_button.setEnabled(row is not None and row.found == 0)

    def report(self, none_this_month: bool) -> None:
        row = self.current()
        if row is None:
            return
        last = row.report.reported_by if row.report else self._last_reporter()
        question = (
            _("Report {month} as none this month.")
            if none_this_month
            else _("Report {month} with the cases found in it ({n}).")
        ).format(month=row.month, n=row.found)
        question += "\n" + (_("Reported by (left empty: {name}):").format(name=last) if last else _("Reported by:"))
        name = messages.ask_text(self, question, _("Monthly report"))
        if name is None:
            return
        name = name.strip() or last
        try:
            disputes.report_month(self.unit_code, row.month, none_this_month, name)
        except ValidationError as exc:
            messages.error(self, "\n".join(e.message for e in exc.errors), title=_("Monthly report"))
            return
        self.reload()
        self.reported.emit()
        self.table.setFocus()

    def _last_reporter(self) -> str:
        return next((r.report.reported_by for r in self.rows if r.report and r.report.reported_by), "")
