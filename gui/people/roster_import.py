"""Importing a roster from Excel: choose the file, check the preview, then write.

Nothing is written until the user presses one of the import buttons; the
preview shows every row as the file has it, bad rows and cells in red, and
the list of problems by row and column.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages, workers
from gui.common.fit import em_size, fit_on_show, rows_follow_width
from gui.common.page_parts import setup_row_table
from gui.context import AppContext
from gui.settings import store as opts
from models.i18n import N_, _, ngettext
from models.roster_import import (
    ImportFileError,
    ImportRefused,
    RosterPreview,
    apply_roster,
    read_roster,
    write_template,
)

FILE_FILTER = (N_("Spreadsheet (Excel, WPS, ODS or CSV)"), "*.xlsx", "*.xlsm", "*.xls", "*.et", "*.ods", "*.csv")
BAD_ROW = QColor("#fdecea")
BAD_CELL = QColor("#f5b7b1")


class PreviewModel(QAbstractTableModel):
    """The rows of a roster preview: row number, status, then the file's own columns."""

    FIXED = 2  # row number and status come before the file's columns

    def __init__(self, preview: RosterPreview, parent=None):
        super().__init__(parent)
        self.preview = preview
        self.rows = sorted(preview.rows, key=lambda r: r.row)
        self.fields = list(preview.columns)
        # The messages of each cell, by (row number, column as headed in the file): problems name their column so.
        self.cell_problems: dict[tuple[int, str], list[str]] = {}
        self._bad = {id(r) for r in preview.bad_rows}
        for problem in preview.problems:
            self.cell_problems.setdefault((problem.row, problem.column), []).append(problem.message)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.FIXED + len(self.fields)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole or orientation != Qt.Horizontal:
            return None
        if section == 0:
            return _("Row")
        if section == 1:
            return _("Status")
        return self.preview.columns[self.fields[section - self.FIXED]]

    def row_is_bad(self, row: int) -> bool:
        # The preview says which rows are bad (a roster and an attendee list hold different records).
        return id(self.rows[row]) in self._bad

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        record, column = self.rows[index.row()], index.column()
        field = self.fields[column - self.FIXED] if column >= self.FIXED else ""
        cell = (record.row, self.preview.columns[field]) if field else None
        bad = self.row_is_bad(index.row())
        if role == Qt.DisplayRole:
            if column == 0:
                return str(record.row)
            if column == 1:
                n = len(record.problems)
                return ngettext("{n} problem", "{n} problems", n).format(n=n) if bad else _("Ready")
            return record.values.get(field, "")
        if role == Qt.ToolTipRole:
            if column == 1 and bad:
                return "\n".join(p.message for p in record.problems)
            if cell:
                return "\n".join(self.cell_problems.get(cell, [])) or None
            return None
        if role == Qt.BackgroundRole and bad:
            return QBrush(BAD_CELL if cell in self.cell_problems else BAD_ROW)
        if role == Qt.ForegroundRole and bad:
            return QBrush(QColor("#202020"))  # readable on the red even in a dark palette
        if role == Qt.TextAlignmentRole and column == 0:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def row_index(self, row_number: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.row == row_number), -1)


class RosterImportDialog(QDialog):
    """Choose a roster file, preview it, and import all of it or only its good rows.

    Other spreadsheet imports with the same preview (an attendee list) subclass
    it and override ``read_file``, ``apply_preview`` and the texts below.
    """

    has_template = True  # offers an empty template to fill in

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.preview: RosterPreview | None = None
        self.imported = 0
        self.setWindowTitle(_("Import people from Excel"))
        fit_on_show(self, em_size(self, 98, 34))

        # Before a file is chosen: what the dialog does and the template for those without a file.
        intro = QWidget()
        intro_layout = QVBoxLayout(intro)
        intro_layout.addStretch(1)
        self.intro_text = intro_text = QLabel(
            _(
                "Choose the Excel roster you keep (.xlsx, .xls, .et, .ods or .csv). "
                "The program finds the header row by itself "
                "(姓名, 性别, 民族, 出生年月, 身份证号码, 职务, 联系电话 …), checks every row and shows you the "
                "result before anything is saved.\n\nNo roster yet? Save the empty template, fill it in, and "
                "import it."
            )
        )
        intro_text.setWordWrap(True)
        intro_text.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)  # centred Chinese lines end ragged on both sides
        readable = self.fontMetrics().horizontalAdvance("M") * 48  # a readable line length
        # The text and its buttons in one column of that width, centred by stretches, not by an
        # alignment flag: with one, the layout would give the label the height for the whole width
        # while the label wraps at its narrower width, cutting lines.
        column = QWidget()
        column.setMaximumWidth(readable)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(intro_text)
        intro_buttons = QHBoxLayout()
        self.intro_choose = QPushButton(_("Choose a file…"))
        self.intro_choose.clicked.connect(self.choose_file)
        self.intro_template = QPushButton(_("Save empty template…"))
        self.intro_template.clicked.connect(self.save_template)
        intro_buttons.addWidget(self.intro_choose)
        intro_buttons.addWidget(self.intro_template)
        intro_buttons.addStretch(1)
        column_layout.addSpacing(12)
        column_layout.addLayout(intro_buttons)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(column, 100)
        centred.addStretch(1)
        intro_layout.addLayout(centred)
        intro_layout.addStretch(2)

        # With a file: the preview.
        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableView()
        setup_row_table(self.table, QAbstractItemView.SingleSelection)

        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Problem")])
        self.problems.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.problems.setSelectionMode(QAbstractItemView.SingleSelection)
        self.problems.setWordWrap(True)
        rows_follow_width(self.problems)
        self.problems.verticalHeader().setVisible(False)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.problems.currentCellChanged.connect(lambda row, *_a: self._show_problem_row(row))
        self.problems_title = QLabel()

        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(problems_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        preview_page = QWidget()
        preview_layout = QVBoxLayout(preview_page)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.file_label)
        preview_layout.addWidget(self.summary)
        preview_layout.addWidget(self.splitter, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(intro)
        self.stack.addWidget(preview_page)

        self.choose_button = QPushButton(_("Choose another file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(_("Save empty template…"))
        self.template_button.clicked.connect(self.save_template)
        self.import_all_button = QPushButton(_("Import all"))
        self.import_all_button.clicked.connect(lambda: self.run_import(skip_bad_rows=False))
        self.import_good_button = QPushButton(_("Import the good rows only"))
        self.import_good_button.clicked.connect(lambda: self.run_import(skip_bad_rows=True))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.choose_button, self.template_button, self.import_good_button, self.cancel_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_good_button)
        buttons.addWidget(self.import_all_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._show_preview(None)

    # --- the file ------------------------------------------------------------------------

    def choose_file(self) -> bool:
        """Ask for a file and preview it; False when cancelled or unreadable."""
        start = self.context.settings.get(opts.LAST_IMPORT_DIR)
        path = messages.ask_open_path(
            self, self.choose_caption(), start, messages.file_filter(_(FILE_FILTER[0]), *FILE_FILTER[1:])
        )
        if path is None:
            return False
        self.context.settings.set(opts.LAST_IMPORT_DIR, str(Path(path).parent))
        return self.load(path)

    def load(self, path) -> bool:
        """Read ``path`` into the preview (nothing is written); False and a message if it cannot be read."""
        try:
            preview = workers.run_with_progress(
                self, _("Reading {file}…").format(file=Path(path).name), self.read_file, Path(path)
            )
        except ImportFileError as exc:
            messages.error(self, str(exc), title=self.windowTitle())
            return False
        except Exception as exc:
            messages.error(
                self,
                _("{file} could not be read: {error}").format(file=Path(path).name, error=exc),
                title=self.windowTitle(),
                detail="".join(traceback.format_exception(exc)),
            )
            return False
        self._show_preview(preview)
        return True

    # --- what is imported (subclasses change these) ----------------------------------------

    def choose_caption(self) -> str:
        return _("Choose a roster to import")

    def read_file(self, path: Path):
        """The preview of ``path``; runs on a worker thread, so it must not touch widgets."""
        return read_roster(path, self.context.unit_code)

    def apply_preview(self, preview, skip_bad_rows: bool, progress=None) -> int:
        """Write the preview's rows; runs on a worker thread."""
        return apply_roster(preview, self.context.unit_code, skip_bad_rows=skip_bad_rows, progress=progress)

    def imported_text(self, count: int) -> str:
        return ngettext("{n} person imported.", "{n} people imported.", count).format(n=count)

    def save_template(self) -> Path | None:
        from gui.printing.actions import export_dir

        default = export_dir(self.context) / (_("Roster template") + ".xlsx")
        path = messages.ask_save_path(
            self, _("Save empty template"), str(default), messages.file_filter(_("Excel workbook"), "*.xlsx")
        )
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            write_template(path)
        except OSError as exc:
            messages.error(self, _("Cannot write {path}: {error}").format(path=path, error=exc.strerror or exc))
            return None
        self.context.settings.set(opts.LAST_EXPORT_DIR, str(path.parent))
        messages.info(
            self,
            _("The empty template is saved as {path}. Fill in one person per row, then import it.").format(path=path),
            title=self.windowTitle(),
        )
        return path

    # --- the preview ------------------------------------------------------------------------

    def _show_preview(self, preview: RosterPreview | None) -> None:
        self.preview = preview
        if preview is None:
            self.stack.setCurrentIndex(0)
            for button in (self.choose_button, self.import_all_button, self.import_good_button):
                button.setVisible(False)
            self.template_button.setVisible(False)
            return
        self.stack.setCurrentIndex(1)
        for button in (self.choose_button, self.import_all_button, self.import_good_button):
            button.setVisible(True)
        self.template_button.setVisible(self.has_template)
        self.file_label.setText(_("File: {path}").format(path=preview.path))
        self.model = PreviewModel(preview, self)
        self.table.setModel(self.model)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))

        good, bad, skipped = len(preview.good_rows), len(preview.bad_rows), len(preview.skipped)
        self.summary.setText(
            _("{ready}; {bad}; {skipped}.").format(
                ready=ngettext("{n} row ready to import", "{n} rows ready to import", good).format(n=good),
                bad=ngettext("{n} row with problems", "{n} rows with problems", bad).format(n=bad),
                skipped=ngettext(
                    "{n} row skipped (blank or total)", "{n} rows skipped (blank or total)", skipped
                ).format(n=skipped),
            )
        )
        self.summary.setToolTip("\n".join(_("Row {row}: {why}").format(row=r, why=why) for r, why in preview.skipped))

        problems = preview.problems
        self.problems.setRowCount(len(problems))
        for i, problem in enumerate(problems):
            for column, text in enumerate((str(problem.row), problem.column, problem.message)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.problems.setItem(i, column, item)
        self.problems.resizeRowsToContents()
        self.problems_title.setText(
            _("Problems: fix them in the file and choose it again, or import only the good rows.")
            if problems
            else _("No problems found.")
        )
        self.problems.setVisible(bool(problems))
        # Nothing to fix: the rows get the room, with "No problems found." under them.
        self.splitter.setSizes([3000, 2000] if problems else [5000, self.problems_title.sizeHint().height()])

        self.import_all_button.setText(
            ngettext("Import {n} row", "Import all {n} rows", len(preview.rows)).format(n=len(preview.rows))
        )
        self.import_all_button.setEnabled(bool(preview.rows) and not bad)
        self.import_all_button.setToolTip(
            _("Some rows have problems: fix them in the file first, or import only the good rows.") if bad else ""
        )
        self.import_good_button.setText(
            ngettext("Import the {n} good row only", "Import the {n} good rows only", good).format(n=good)
        )
        self.import_good_button.setEnabled(bool(bad) and good > 0)
        self.import_good_button.setVisible(bool(bad))
        default = self.import_all_button if not bad else self.import_good_button
        default.setDefault(True)
        default.setFocus()

    def _show_problem_row(self, problem_row: int) -> None:
        if self.preview is None or problem_row < 0:
            return
        item = self.problems.item(problem_row, 0)
        row = self.model.row_index(int(item.text())) if item else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # --- writing -----------------------------------------------------------------------------

    def run_import(self, skip_bad_rows: bool) -> None:
        if self.preview is None:
            return
        try:
            count = workers.run_with_progress(
                self,
                _("Importing {file}…").format(file=Path(self.preview.path).name),
                self.apply_preview,
                self.preview,
                skip_bad_rows=skip_bad_rows,
                with_progress=True,
                cancellable=True,
            )
        except workers.Cancelled:
            messages.info(self, _("Import cancelled; nothing was saved."), title=self.windowTitle())
            return
        except ImportRefused as exc:
            # Someone saved a clashing ID number since the preview: show the rows again.
            self._show_preview(self.preview)
            messages.error(self, str(exc), title=self.windowTitle())
            return
        except Exception as exc:
            messages.error(
                self,
                _("Nothing was imported: {error}").format(error=exc),
                title=self.windowTitle(),
                detail="".join(traceback.format_exception(exc)),
            )
            return
        self.imported = count
        messages.info(self, self.imported_text(count), title=self.windowTitle())
        self.accept()
