"""The list of units behind a figure of the cockpit, with Save as Excel, Print and a way to the page that shows it."""

from __future__ import annotations

import shutil
import traceback

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

from gui.common import messages, workers
from gui.common.fit import em_size, fit_on_show
from gui.context import AppContext
from gui.resources import icon
from models.cockpit import UnitList, save_xlsx
from models.i18n import _


class UnitListDialog(QDialog):
    """A figure's units in a table; Save as Excel writes the same rows, Print shows them as a printed list."""

    # (page key, action) the main window should go to
    navigate = Signal(str, str)

    def __init__(
        self,
        unit_list: UnitList,
        page: tuple[str, str] | None = None,
        page_label: str = "",
        parent: QWidget | None = None,
        context: AppContext | None = None,
    ):
        super().__init__(parent)
        self.unit_list = unit_list
        self.context = context
        self.previews: list[QWidget] = []  # the print previews open on this list, closed with it
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
        self.print_button = QPushButton(icon("print"), _("Print…"))
        self.print_button.clicked.connect(self.print_list)
        self.print_button.setEnabled(bool(unit_list.lines))
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
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

    # --- printing ------------------------------------------------------------------------------

    def _context(self) -> AppContext | None:
        """The program's context: given, or the one of the page the dialog was opened from."""
        widget = self.parentWidget()
        while self.context is None and widget is not None:
            found = getattr(widget, "context", None)
            if isinstance(found, AppContext):
                self.context = found
            widget = widget.parentWidget()
        return self.context

    def print_list(self):
        """Build the list as a PDF in a temporary folder and open it in the print preview.

        Returns the (shown) gui.printing.preview.PreviewWindow, or None when the build failed.
        """
        from forms.unit_list import build_unit_list_pdf
        from gui.printing.actions import default_file_name
        from gui.printing.preview import PreviewWindow, temporary_folder

        context = self._context()
        if context is None:  # not opened from a page of the program's window
            return None
        title = self.unit_list.title
        folder = temporary_folder()
        path = folder / default_file_name(title, context.unit_name, "pdf")
        try:
            result = workers.run_with_progress(
                self,
                _("Making {title}…").format(title=title),
                build_unit_list_pdf,
                self.unit_list,
                context.unit_name,
                path,
            )
        except Exception as exc:
            shutil.rmtree(folder, ignore_errors=True)
            messages.error(
                self,
                _("{title} could not be made: {error}").format(title=title, error=exc),
                detail="".join(traceback.format_exception(exc)),
            )
            return None
        if result.missing_characters:
            messages.warning(
                self,
                _(
                    "No font the program has can draw these characters, so they are blank in {file}: {chars}. "
                    "Write them in by hand after printing."
                ).format(file=path.name, chars=" ".join(result.missing_characters)),
            )
        window = PreviewWindow(context, None, path, parent=self, folder=folder, title=title)
        window.destroyed.connect(lambda: self._forget(window))
        self.previews.append(window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _forget(self, window: QWidget) -> None:
        if window in self.previews:
            self.previews.remove(window)

    def done(self, result: int) -> None:
        # A preview is this dialog's child: closed first, so that its temporary folder goes with it.
        for window in list(self.previews):
            window.close()
        self.previews.clear()
        super().done(result)
