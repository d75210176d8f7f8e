"""The list of units behind a figure of the cockpit, with Save as Excel and a way to the page that shows it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
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
from gui.common.fit import em_size, fit_on_show
from gui.resources import icon
from models.cockpit import UnitList, save_xlsx
from models.i18n import _


class UnitListDialog(QDialog):
    """A figure's units in a table; Save as Excel writes the same rows."""

    # (page key, action) the main window should go to
    navigate = Signal(str, str)

    def __init__(
        self,
        unit_list: UnitList,
        page: tuple[str, str] | None = None,
        page_label: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.unit_list = unit_list
        self.setWindowTitle(unit_list.title)
        self.count = QLabel(_("{count} units").format(count=len(unit_list.lines)))
        self.table = QTableWidget(len(unit_list.lines), len(unit_list.headings))
        self.table.setHorizontalHeaderLabels(list(unit_list.headings))
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        for row, line in enumerate(unit_list.lines):
            for column, text in enumerate((line.code, line.name, line.detail)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(len(unit_list.headings) - 1, QHeaderView.Stretch)

        self.save_button = QPushButton(icon("excel"), _("Save as Excel…"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(bool(unit_list.lines))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        self.page_button: QPushButton | None = None
        if page is not None:
            self.page_button = QPushButton(page_label)
            self.page_button.clicked.connect(lambda: self._go(page))
            buttons.addWidget(self.page_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        fit_on_show(self, em_size(self, 44, 18))

    def _go(self, page: tuple[str, str]) -> None:
        self.accept()
        self.navigate.emit(*page)

    def save(self) -> None:
        path = messages.ask_save_path(
            self,
            _("Save the list as Excel"),
            f"{self.unit_list.title}.xlsx",
            messages.file_filter(_("Excel workbook"), "*.xlsx"),
        )
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            save_xlsx(self.unit_list, path)
        except OSError as exc:
            messages.error(self, _("The list could not be saved: {error}").format(error=exc))
            return
        messages.info(self, _("The list is saved as {path}.").format(path=path))
