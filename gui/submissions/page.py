"""报送与汇总: send this unit's records upward as a .fulian package; at a township, county or city also import
the packages of the units below and follow who has reported."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.fit import em_size, fit_on_show
from gui.common.page import EXPORT, IMPORT, PRINT, Page
from gui.common.page_parts import open_dialog
from gui.context import AppContext
from gui.people.roster_import import RosterImportDialog
from gui.resources import ScaledLabel
from gui.settings import store as opts
from gui.submissions.export_dialog import ExportDialog
from gui.submissions.package_import import PackageImportDialog, local_time
from models import fields, submissions, units
from models.exchange import changed_since, last_export
from models.i18n import _, format_date, format_datetime, format_list_datetime, in_brackets, ngettext

IMPORT_FOLDER = "import_folder"
# 已报送 green, 未报送 grey, 已退回 orange, 逾期 red.
STATUS_COLOURS = {
    "reported": QColor("#1E7B34"),
    "not_reported": QColor("#6B7280"),
    "returned": QColor("#C2410C"),
    "overdue": QColor("#B42318"),
}


def ask_folder(parent: QWidget | None, caption: str, directory: str = "") -> Path | None:
    """A choose-folder dialog; tests answer it through messages.answer_files_with (kind "folder")."""
    if messages.answer_files_with is not None:
        chosen = messages.answer_files_with("folder", caption, str(directory), "")
    else:
        from PySide6.QtWidgets import QFileDialog

        chosen = QFileDialog.getExistingDirectory(parent, caption, str(directory))
    return Path(chosen) if chosen else None


class UnitListImportDialog(RosterImportDialog):
    """Import the list of units below (区划代码, 名称) from .xlsx or .csv, previewed like a roster."""

    has_template = False

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setWindowTitle(_("Import the list of units"))
        self.intro_text.setText(
            _(
                "Choose the list of the units below you (.xlsx, .xls, .et, .ods or .csv) "
                "with their 12-digit codes (区划代码) and "
                "names (名称). The program checks every row and shows you the result before anything is saved; "
                "the units then appear in the reporting progress as 未报送 until they send a package."
            )
        )
        self.intro_template.setVisible(False)

    def choose_caption(self) -> str:
        return _("Choose a list of units to import")

    def read_file(self, path: Path):
        from models.unit_import import read_unit_list

        return read_unit_list(path, self.context.unit_code)

    def apply_preview(self, preview, skip_bad_rows: bool, progress=None) -> int:
        from models.unit_import import apply_unit_list

        return apply_unit_list(preview, self.context.unit_code, skip_bad_rows=skip_bad_rows, progress=progress)

    def imported_text(self, count: int) -> str:
        return ngettext("{n} unit imported.", "{n} units imported.", count).format(n=count)


class ReasonDialog(QDialog):
    """Asks why a submission is returned; the reason is required."""

    def __init__(self, unit_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Return for correction"))
        self.reason = QLineEdit()
        self.reason.setMaxLength(fields.max_length("submission_return", "reason"))
        self.reason.setPlaceholderText(_("What must be corrected"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #B42318;")
        # The message goes as soon as a reason is typed, not only on OK.
        self.reason.textChanged.connect(lambda text: self.error.clear() if text.strip() else None)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        text = QLabel(_("Return the package of {unit}? They correct it and send a new one.").format(unit=unit_name))
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        form.addRow(_("Reason"), self.reason)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_on_show(self, em_size(self, 42, 0))

    def try_accept(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(_("The reason is required: say what must be corrected."))
            self.reason.setFocus()
            return
        self.accept()


class SubmissionsPage(Page):
    """Export for everyone; import, progress and summaries for installations with units below."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.is_village = units.level_of(context.unit_code) == units.VILLAGE
        supported = {EXPORT}
        if not self.is_village:
            supported |= {IMPORT, IMPORT_FOLDER, PRINT}
        self.supported = frozenset(supported)
        self.dialog = None  # the dialog currently open, if any (tests drive it)
        self.setAcceptDrops(not self.is_village)
        self._build()
        self.refresh()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        heading = ScaledLabel(_("Reporting and summaries"), 1.3, True)
        layout.addWidget(heading)

        top = QHBoxLayout()
        # 报送: send upward.
        self.export_box = QGroupBox(_("Send upward"))
        export_layout = QVBoxLayout(self.export_box)
        explain = QLabel(
            _(
                "Export a data package (.fulian) and hand it to the federation above you on a USB "
                "stick or as a chat attachment. ID numbers stay out unless you choose otherwise."
            )
        )
        explain.setWordWrap(True)
        self.last_export_label = QLabel()
        self.last_export_label.setWordWrap(True)
        self.last_export_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.export_button = QPushButton(_("Export data package…"))
        self.export_button.clicked.connect(lambda: self.trigger(EXPORT))
        export_layout.addWidget(explain)
        export_layout.addWidget(self.last_export_label)
        export_layout.addStretch(1)
        export_layout.addWidget(self.export_button, 0, Qt.AlignLeft)
        top.addWidget(self.export_box, 1)

        # 导入: from the units below.
        self.import_box = QGroupBox(_("Import from the units below") if not self.is_village else _("Importing"))
        import_layout = QVBoxLayout(self.import_box)
        if self.is_village:
            text = QLabel(
                _(
                    "Villages and communities send their records upward; packages are imported at the "
                    "township, county and city. Export a package and hand it to your township or county "
                    "federation."
                )
            )
            text.setWordWrap(True)
            import_layout.addWidget(text)
            import_layout.addStretch(1)
            self.import_files_button = self.import_folder_button = None
            self.last_import_label = None
        else:
            text = QLabel(
                _(
                    "Import the packages the units below sent you: choose the files, a whole folder or "
                    "USB stick, or drop them on this page. Each file is checked first and nothing is "
                    "written before you confirm."
                )
            )
            text.setWordWrap(True)
            self.last_import_label = QLabel()
            self.last_import_label.setWordWrap(True)
            self.import_files_button = QPushButton(_("Import files…"))
            self.import_files_button.clicked.connect(lambda: self.trigger(IMPORT))
            self.import_folder_button = QPushButton(_("Import a folder or USB stick…"))
            self.import_folder_button.clicked.connect(lambda: self.trigger(IMPORT_FOLDER))
            row = QHBoxLayout()
            row.addWidget(self.import_files_button)
            row.addWidget(self.import_folder_button)
            row.addStretch(1)
            import_layout.addWidget(text)
            import_layout.addWidget(self.last_import_label)
            import_layout.addStretch(1)
            import_layout.addLayout(row)
        top.addWidget(self.import_box, 1)
        layout.addLayout(top)

        self.progress_box = None
        if not self.is_village:
            self.progress_box = self._build_progress()
            layout.addWidget(self.progress_box, 1)
        else:
            layout.addStretch(1)

    def _build_progress(self) -> QGroupBox:
        box = QGroupBox(_("Reporting progress"))
        box_layout = QVBoxLayout(box)
        self.period_combo = QComboBox()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.progress_table = QTableWidget(0, 0)
        self.progress_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.progress_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.progress_table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.progress_table.setAlternatingRowColors(True)
        self.progress_table.verticalHeader().setVisible(False)
        self.progress_table.horizontalHeader().setHighlightSections(False)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Period")))
        bar.addWidget(self.period_combo)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh_progress())
        bar.addWidget(self.summary_label, 1)
        box_layout.addLayout(bar)
        box_layout.addWidget(self.progress_table, 1)
        self.progress_table.itemSelectionChanged.connect(self._progress_selection_changed)
        self.progress_table.itemDoubleClicked.connect(lambda _item: self.show_unit_detail())
        buttons = QHBoxLayout()
        self.return_button = QPushButton(_("Return…"))
        self.return_button.setToolTip(_("Return the selected unit's package for correction, with a reason"))
        self.return_button.clicked.connect(self.return_selected)
        self.receipt_button = QPushButton(_("Print receipt…"))
        self.receipt_button.clicked.connect(self.print_receipt)
        self.units_button = QPushButton(_("Import unit list…"))
        self.units_button.clicked.connect(self.import_unit_list)
        # A push button leaves room for its menu's arrow (a tool button's overlaps the last character).
        self.print_button = QPushButton(_("Print summaries"))
        menu = QMenu(self.print_button)
        for form, suffix, text in (
            ("summary", "pdf", _("Summary table (PDF)")),
            ("summary", "xlsx", _("Summary table (Excel)")),
            ("progress", "pdf", _("Reporting progress (PDF)")),
            ("progress", "xlsx", _("Reporting progress (Excel)")),
        ):
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, f=form, s=suffix: self.save_form(f, s))
        self.print_button.setMenu(menu)
        for widget in (self.return_button, self.receipt_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.units_button)
        buttons.addWidget(self.print_button)
        box_layout.addLayout(buttons)
        return box

    # --- state ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_export()
        if not self.is_village:
            self.refresh_imports()
            self.refresh_progress()

    def refresh_export(self) -> None:
        last = last_export()
        if last is None:
            self.last_export_label.setText(_("No package has been exported from this computer yet."))
            return
        changed = changed_since(last.at)
        text = _("Last export: {when}, package number {sequence}, {file}.").format(
            when=format_datetime(local_time(last.at)), sequence=last.sequence, file=last.path.name
        )
        text += "\n" + (
            ngettext(
                "{n} record changed since then: export again to send it.",
                "{n} records changed since then: export again to send them.",
                changed,
            ).format(n=changed)
            if changed
            else _("Nothing has changed since then.")
        )
        self.last_export_label.setText(text)

    def refresh_imports(self) -> None:
        imports = submissions.imports_summary()
        if not imports.count:
            self.last_import_label.setText(_("No package has been imported yet."))
        else:
            self.last_import_label.setText(
                ngettext(
                    "{n} package imported; the last from {unit} on {when}.",
                    "{n} packages imported; the last from {unit} on {when}.",
                    imports.count,
                ).format(
                    n=imports.count,
                    unit=imports.last_source_name,
                    when=format_datetime(local_time(imports.last_imported_at)),
                )
            )

    # --- actions ----------------------------------------------------------------------------

    def trigger(self, action: str) -> None:
        handler = {
            EXPORT: self.export_package,
            IMPORT: self.import_files,
            IMPORT_FOLDER: self.import_folder,
            PRINT: lambda: self.save_form("summary", "pdf"),
        }.get(action)
        if handler and action in self.supported:
            handler()

    def export_package(self) -> None:
        try:
            dialog = ExportDialog(self.context, self)
        except Exception as exc:
            messages.error(self, str(exc))
            return
        open_dialog(self, dialog, lambda _d: self.refresh_export())

    def import_files(self) -> None:
        start = self.context.settings.get(opts.LAST_IMPORT_DIR)
        paths = messages.ask_open_paths(self, _("Choose data packages to import"), start, messages.package_filter())
        if paths:
            self.context.settings.set(opts.LAST_IMPORT_DIR, str(Path(paths[0]).parent))
            self.import_paths(paths)

    def import_folder(self) -> None:
        start = self.context.settings.get(opts.LAST_IMPORT_DIR)
        folder = ask_folder(self, _("Choose a folder or USB stick with data packages"), start)
        if folder is not None:
            self.context.settings.set(opts.LAST_IMPORT_DIR, str(folder))
            self.import_paths([folder])

    def import_paths(self, paths) -> PackageImportDialog | None:
        """Check the packages among ``paths`` (files or folders) and show the preview; nothing is written yet."""
        if self.is_village:
            return None
        dialog = PackageImportDialog(self.context, self)
        if not dialog.load(paths):
            dialog.deleteLater()
            return None
        open_dialog(self, dialog, lambda _d: self.refresh())
        return dialog

    # --- dropping files ---------------------------------------------------------------------

    @staticmethod
    def _dropped_paths(mime) -> list[Path]:
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []

    def dragEnterEvent(self, event) -> None:
        if not self.is_village and self._dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = self._dropped_paths(event.mimeData())
        if self.is_village or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    # --- progress ---------------------------------------------------------------------------

    def refresh_progress(self) -> None:
        if self.progress_box is None:
            return
        self._show_progress()

    def _fill_periods(self) -> None:
        """Stored periods, then this year and the two before (whole years), the current one chosen."""
        chosen = self.period_combo.currentData()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        today = _dt.date.today()
        entries = submissions.period_choices(today)
        for period in entries:
            self.period_combo.addItem(period.name, period)
        current = chosen or submissions.period_for(today=today)
        index = next((i for i, p in enumerate(entries) if p.name == current.name), 0)
        self.period_combo.setCurrentIndex(index)
        self.period_combo.blockSignals(False)

    def current_period(self):
        return self.period_combo.currentData() or submissions.period_for()

    PROGRESS_COLUMNS = ("unit", "code", "status", "made", "imported", "packages", "people", "activities", "trainings")

    def _show_progress(self) -> None:
        self._fill_periods()
        period = self.current_period()
        self.progress_rows = submissions.progress(self.context.unit_code, period)
        table = self.progress_table
        table.clear()
        table.setColumnCount(len(self.PROGRESS_COLUMNS))
        table.setHorizontalHeaderLabels(
            [
                _("Unit"),
                _("Code"),
                _("Status"),
                _("Package made"),
                _("Imported"),
                _("Packages"),
                _("People"),
                _("Activities"),
                _("Trainings"),
            ]
        )
        table.setRowCount(len(self.progress_rows))
        for r, row in enumerate(self.progress_rows):
            status = row.status_label()
            if row.late and row.status == submissions.REPORTED:
                status = _("{status} (late)").format(status=status)
            texts = (
                row.unit_name,
                row.unit_code,
                status,
                format_list_datetime(local_time(row.created_at)) if row.created_at else "—",
                format_list_datetime(local_time(row.imported_at)) if row.imported_at else "—",
                str(row.packages) if row.packages else "",
                str(row.records("person")) if row.package_id else "",
                str(row.records("activity")) if row.package_id else "",
                str(row.records("training")) if row.package_id else "",
            )
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.UserRole, r)
                if c == 2:
                    item.setForeground(QBrush(STATUS_COLOURS.get(row.status, QColor("#1F2933"))))
                    font = item.font()
                    font.setBold(row.status != submissions.NOT_REPORTED)
                    item.setFont(font)
                    if row.status == submissions.RETURNED:
                        item.setToolTip(
                            _("Returned on {when}: {reason}").format(
                                when=format_datetime(local_time(row.returned_at)), reason=row.reason
                            )
                        )
                    elif row.status == submissions.OVERDUE:
                        item.setToolTip(_("The deadline was {day}.").format(day=format_date(period.deadline)))
                if c >= 5:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        # The unit's name takes the spare width, not the last number column.
        table.horizontalHeader().setStretchLastSection(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        counts = submissions.progress_counts(self.progress_rows)
        if not counts.expected:
            self.summary_label.setText(
                _("No units below are known yet: import the list of units, or the packages they send.")
            )
        else:
            from models.i18n import format_percent

            self.summary_label.setText(
                _(
                    "Reported {reported} of {expected} ({share}); returned {returned}; not reported {missing}; "
                    "overdue {overdue}. Deadline {deadline}."
                ).format(
                    reported=counts.reported,
                    expected=counts.expected,
                    share=format_percent(counts.share("reported")),
                    returned=counts.returned,
                    missing=counts.not_reported,
                    overdue=counts.overdue,
                    deadline=format_date(period.deadline),
                )
            )
        self._progress_selection_changed()

    def selected_progress(self):
        rows = self.progress_table.selectionModel().selectedRows() if self.progress_table.selectionModel() else []
        if not rows:
            return None
        item = self.progress_table.item(rows[0].row(), 0)
        return self.progress_rows[item.data(Qt.UserRole)] if item is not None else None

    def select_unit(self, code: str) -> bool:
        for r in range(self.progress_table.rowCount()):
            if self.progress_table.item(r, 1).text() == code:
                self.progress_table.selectRow(r)
                return True
        return False

    def _progress_selection_changed(self) -> None:
        row = self.selected_progress()
        has_package = row is not None and row.package_id is not None
        self.return_button.setEnabled(has_package)
        self.receipt_button.setEnabled(has_package)

    def show_unit_detail(self) -> None:
        row = self.selected_progress()
        if row is None:
            return
        open_dialog(self, UnitDetailDialog(row, self.current_period().year, self), lambda _d: None)

    def return_selected(self) -> None:
        row = self.selected_progress()
        if row is None or row.package_id is None:
            messages.info(self, _("Select a unit that has sent a package."))
            return
        dialog = ReasonDialog(row.unit_name, self)

        def returned(d) -> None:
            from models.base import ValidationError

            try:
                submissions.return_submission(row.unit_code, row.package_id, d.reason.text())
            except ValidationError as exc:
                messages.error(self, str(exc))
                return
            self.refresh_progress()
            self.select_unit(row.unit_code)

        open_dialog(self, dialog, returned)

    def print_receipt(self):
        row = self.selected_progress()
        if row is None or row.package_id is None:
            messages.info(self, _("Select a unit that has sent a package."))
            return None
        return self.save_form("receipt", "pdf", record_id=row.package_id)

    def import_unit_list(self) -> None:
        dialog = UnitListImportDialog(self.context, self)
        open_dialog(self, dialog, lambda _d: self.refresh_progress())
        dialog.choose_file()

    def save_form(self, form: str, suffix: str, record_id: str | None = None):
        from forms.registry import FORMS, FormOptions
        from gui.printing.actions import print_or_save

        if form not in FORMS:
            messages.info(self, _("This form is not available in this version yet."))
            return None
        options = FormOptions(unit_code=self.context.unit_code, record_id=record_id, year=self.current_period().year)
        return print_or_save(self, self.context, form, suffix, options)


class UnitDetailDialog(QDialog):
    """What this installation holds of one unit below: people, committee, last election, activities, training."""

    # The columns of its list of imports.
    IMPORT_COLUMNS = ("imported", "by", "file", "changes", "key", "phones", "state")

    def __init__(self, row, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        from models import codes
        from models.elections.records import STATUSES as ELECTION_STATUSES

        self.setWindowTitle(_("{unit} ({code})").format(unit=row.unit_name, code=row.unit_code))
        detail = submissions.unit_detail(row.unit_code, year)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label, text in (
            ("status", _("Reporting status"), row.status_label() + (f" — {row.reason}" if row.reason else "")),
            ("people", _("People on record"), str(detail.people)),
            (
                "committee",
                _("Committee"),
                "、".join(p.name + in_brackets(codes.POST.label(p.post)) for p in detail.committee) or "—",
            ),
            (
                "election",
                _("Last election"),
                (
                    _("{date}, {status}").format(
                        date=format_date(detail.election_date) if detail.election_date else "—",
                        status=_(ELECTION_STATUSES.get(detail.election_status, detail.election_status)),
                    )
                    if detail.election_status is not None
                    else "—"
                ),
            ),
            ("activities", _("Activities in {year}").format(year=year), str(detail.activities)),
            (
                "trainings",
                _("Trainings"),
                _("{n} trainings, {m} trainees").format(n=detail.trainings, m=detail.trainees),
            ),
        ):
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(label, value)
        self.unit_code = row.unit_code
        imports_box = QGroupBox(_("Imports of this unit's packages"))
        self.imports = QTableWidget(0, len(self.IMPORT_COLUMNS))
        self.imports.setHorizontalHeaderLabels(
            [_("Imported"), _("Imported by"), _("File"), _("Changes"), _("Signing key"), _("Phone numbers"), _("State")]
        )
        self.imports.setSelectionBehavior(QTableWidget.SelectRows)
        self.imports.setSelectionMode(QTableWidget.SingleSelection)
        self.imports.setEditTriggers(QTableWidget.NoEditTriggers)
        header = self.imports.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        # A long file name gives way (its middle elided, whole in its tooltip); the key and state stay whole.
        header.setSectionResizeMode(self.IMPORT_COLUMNS.index("file"), QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.imports.setTextElideMode(Qt.ElideMiddle)
        self.imports.verticalHeader().setVisible(False)
        self.imports.itemSelectionChanged.connect(self._import_selected)
        self.rollback_button = QPushButton(_("Roll back to before this import…"))
        self.rollback_button.clicked.connect(self.roll_back_selected)
        box_layout = QVBoxLayout(imports_box)
        box_layout.addWidget(self.imports)
        box_layout.addWidget(self.rollback_button, 0, Qt.AlignRight)
        self.refresh_imports()
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(imports_box)
        layout.addWidget(buttons)
        fit_on_show(self, em_size(self, 100, 0))

    def refresh_imports(self) -> None:
        from models.exchange import list_imports

        self.entries = list_imports(self.unit_code)
        self.imports.setRowCount(len(self.entries))
        for at, entry in enumerate(self.entries):
            if entry.rolled_back:
                state = _("Rolled back")
            elif not entry.undoable:
                state = _("Cannot be rolled back (imported by an older version)")
            else:
                state = _("Stands")
            changes = _("{added} added, {changed} changed, {removed} removed").format(
                added=entry.added, changed=entry.changed, removed=entry.removed
            )
            texts = (
                format_list_datetime(local_time(entry.imported_at)),
                entry.imported_by or "—",
                entry.file_name,
                changes,
                entry.key_words() or "—",
                entry.phone_words() or "—",
                state,
            )
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.imports.setItem(at, column, cell)
        self._import_selected()

    def selected_import(self):
        rows = self.imports.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _import_selected(self) -> None:
        entry = self.selected_import()
        self.rollback_button.setEnabled(entry is not None and entry.undoable and not entry.rolled_back)

    def roll_back_selected(self) -> bool:
        """Ask, then return the unit to its state before the selected import; True when it was rolled back."""
        from gui.common import workers
        from models.exchange import RollbackError, later_imports, roll_back_import

        entry = self.selected_import()
        if entry is None or entry.rolled_back or not entry.undoable:
            return False
        text = _(
            "Roll {name} back to its state before the import of {file} ({when})? What that import added is "
            "removed and what it changed or removed gets its values back."
        ).format(name=entry.source_name, file=entry.file_name, when=format_datetime(local_time(entry.imported_at)))
        later = later_imports(entry.id)
        if later:
            text += "\n" + ngettext(
                "The later import of {files} is rolled back too.",
                "The {n} later imports ({files}) are rolled back too.",
                len(later),
            ).format(n=len(later), files="、".join(e.file_name for e in later))
        if not messages.confirm(self, text, title=_("Roll back an import")):
            return False
        try:
            result = workers.run_with_progress(self, _("Rolling back…"), roll_back_import, entry.id, with_progress=True)
        except RollbackError as exc:
            messages.error(self, str(exc), title=_("Roll back an import"))
            return False
        except Exception as exc:
            if messages.storage_fault(self, exc):
                return False
            raise
        messages.info(self, result.message(), title=_("Roll back an import"))
        self.refresh_imports()
        return True
