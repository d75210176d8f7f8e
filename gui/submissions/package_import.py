"""Importing .fulian packages from the units below: a dry run of every file, then the import on confirmation.

Nothing is written before the user presses the import button; each package
is then imported in a transaction of its own, so a refused one leaves the
others standing.
"""

from __future__ import annotations

import datetime as _dt
import traceback
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
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
from gui.common.fit import em_size, fit_on_show, rows_follow_width
from gui.context import AppContext
from models import importing
from models.i18n import _, format_datetime, format_list_datetime, ngettext
from models.importing import FileOutcome, ImportOutcome

REFUSED_COLOUR = QColor("#B42318")
SKIPPED_COLOUR = QColor("#8A5A00")
READY_COLOUR = QColor("#1E7B34")


def local_time(moment: _dt.datetime | None) -> _dt.datetime | None:
    """A stored or manifest time (UTC, naive or aware) as the local wall clock, for display."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone().replace(tzinfo=None)


def _ready(item: FileOutcome) -> bool:
    """Checked, or checked but for a confirmation the user is asked for before the import."""
    return item.status == importing.CHECKED or (item.status == importing.UNCONFIRMED and item.package is not None)


class PackageImportDialog(QDialog):
    """The dry-run preview of the chosen packages and the button that imports the good ones."""

    COLUMNS = ("file", "source", "sequence", "created", "added", "changed", "removed", "status")
    REMOVED_COLUMN = COLUMNS.index("removed")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.items: list[FileOutcome] = []  # each file's dry run
        self.outcome: ImportOutcome | None = None
        self.left_out: list[FileOutcome] = []  # packages whose origin the user did not confirm
        self.setWindowTitle(_("Import data packages"))
        fit_on_show(self, em_size(self, 95, 26))

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [_("File"), _("From"), _("Package number"), _("Made"), _("Added"), _("Changed"), _("Removed"), _("Status")]
        )
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        rows_follow_width(self.table)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(len(self.COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.Stretch)
        self.note = QLabel(
            _(
                "Nothing has been written yet. Refused files are left out; the others are imported "
                "one by one, and a backup is made first."
            )
        )
        self.note.setWordWrap(True)
        self.note.setEnabled(False)

        self.add_button = QPushButton(_("Add files…"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_files)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self._show()

    # --- checking -------------------------------------------------------------------------

    def load(self, paths) -> bool:
        """Dry-run ``paths`` (files or folders) and add them to the preview; False if none was found."""
        files = importing.find_packages(paths)
        known = {item.path.resolve() for item in self.items}
        files = [f for f in files if f.resolve() not in known]
        if not files:
            messages.warning(self, _("No data packages (.fulian files) were found there."), title=self.windowTitle())
            return False
        try:
            checked = workers.run_with_progress(
                self,
                ngettext("Checking {n} package…", "Checking {n} packages…", len(files)).format(n=len(files)),
                importing.import_files,
                files,
                unit_code=self.context.unit_code,
                dry_run=True,
                decide=lambda _standing, _incoming: True,  # the user is asked before the real import
                with_progress=True,
            )
        except Exception as exc:
            messages.error(
                self,
                _("The packages could not be checked: {error}").format(error=exc),
                title=self.windowTitle(),
                detail="".join(traceback.format_exception(exc)),
            )
            return False
        self.items.extend(checked.files)
        self._show()
        return True

    def add_files(self) -> None:
        from gui.settings import store as opts

        start = self.context.settings.get(opts.LAST_IMPORT_DIR)
        paths = messages.ask_open_paths(self, _("Choose data packages to import"), start, messages.package_filter())
        if paths:
            self.context.settings.set(opts.LAST_IMPORT_DIR, str(Path(paths[0]).parent))
            self.load(paths)

    def ready_items(self) -> list[FileOutcome]:
        return [item for item in self.items if _ready(item)]

    def status_text(self, row: int) -> str:
        return self.table.item(row, len(self.COLUMNS) - 1).text()

    def _show(self) -> None:
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            result = item.package
            if result is not None:
                source = _("{name} ({code})").format(name=result.source_name, code=result.source_code)
                numbers = (
                    str(result.sequence),
                    format_list_datetime(local_time(result.created_at)),
                    str(result.total("added")),
                    str(result.total("changed")),
                    str(result.total("tombstoned")),
                )
            else:
                source, numbers = "", ("", "", "", "", "")
            if _ready(item) and item.confirmation is not None:
                status, colour = self._needs_confirmation_text(item), SKIPPED_COLOUR
            elif item.error or result is None:
                status, colour = item.error, REFUSED_COLOUR
            elif item.status == importing.ALREADY:
                status, colour = _("Already imported; nothing to do."), SKIPPED_COLOUR
            else:
                status, colour = _("Ready"), READY_COLOUR
                if result.note:
                    status = _("Ready — {note}").format(note=result.note)
                if result.competing:
                    status = _(
                        "Ready — another installation of this unit sent data before; you will be asked which stands."
                    )
                if result.skipped_photo_links:
                    status += " " + ngettext(
                        "({n} photo did not travel.)", "({n} photos did not travel.)", result.skipped_photo_links
                    ).format(n=result.skipped_photo_links)
            for column, text in enumerate((item.path.name, source, *numbers, status)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(str(item.path) if column == 0 else text)
                if column == len(self.COLUMNS) - 1:
                    cell.setForeground(QBrush(colour))
                elif 2 <= column < len(self.COLUMNS) - 1:
                    cell.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if column == self.REMOVED_COLUMN and result is not None and result.removed:
                    # Removals are what can lose a unit's records: red and bold, with their count.
                    cell.setForeground(QBrush(REFUSED_COLOUR))
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        ready = len(self.ready_items())
        refused = sum(1 for i in self.items if i.status == importing.REFUSED)
        already = sum(1 for i in self.items if i.status == importing.ALREADY)
        self.summary.setText(
            _("{ready}; {refused}; {already}.").format(
                ready=ngettext("{n} package ready to import", "{n} packages ready to import", ready).format(n=ready),
                refused=ngettext("{n} refused", "{n} refused", refused).format(n=refused),
                already=ngettext("{n} imported before", "{n} imported before", already).format(n=already),
            )
        )
        self.import_button.setText(ngettext("Import {n} package", "Import {n} packages", ready).format(n=ready))
        self.import_button.setEnabled(ready > 0)
        if ready:
            self.import_button.setDefault(True)

    @staticmethod
    def _needs_confirmation_text(item: FileOutcome) -> str:
        if item.confirmation is not None and item.confirmation.unsigned:
            return _(
                "Needs confirmation — not signed (made by an older version); you will be asked for the SHA-256 "
                "on its cover sheet."
            )
        return _(
            "Needs confirmation — signed by a computer of this unit not known here; you will be asked for the "
            "key fingerprint on its cover sheet."
        )

    # --- importing --------------------------------------------------------------------------

    def _confirm_keys(self, items: list[FileOutcome]) -> tuple[list[FileOutcome], list[str], list[str]]:
        """Ask for the fingerprint (or file SHA-256) of each package that needs one, read from its cover sheet.

        Returns the items to import (those confirmed, and those that needed nothing) and what was typed.
        """
        keep, trust_keys, accept_unsigned = [], [], []
        for item in items:
            confirmation, result = item.confirmation, item.package
            if confirmation is None or result is None:
                keep.append(item)
                continue
            counts = _("If imported, it adds {added}, changes {changed} and removes {removed} records.").format(
                added=result.total("added"), changed=result.total("changed"), removed=result.total("tombstoned")
            )
            if confirmation.unsigned:
                question = _(
                    "{file} from {name} ({code}) is not signed: an older version of the program made it.\n{counts}"
                    "\n\nType the SHA-256 of the file printed on its cover sheet (at least its first 20 characters) "
                    "to import it; leave it empty to leave the file out."
                )
            else:
                question = _(
                    "{file} from {name} ({code}) is signed by a computer of this unit that is not known here "
                    "(a new or second computer, or someone else's file).\n{counts}\n\nType the key fingerprint "
                    "printed on the package's cover sheet, signed and stamped by the unit, to trust this computer; "
                    "leave it empty to leave the file out."
                )
            typed = messages.ask_text(
                self,
                question.format(
                    file=item.path.name, name=confirmation.source_name, code=confirmation.source_code, counts=counts
                ),
                title=_("Confirm the package's origin"),
            )
            if not typed or not typed.strip():
                self.left_out.append(item)
                continue
            if not confirmation.matches(typed):
                messages.warning(
                    self,
                    _(
                        "What you typed does not match {file}; it is left out. Check the cover sheet that came "
                        "with this file, or ask {name} to send the package again."
                    ).format(file=item.path.name, name=confirmation.source_name),
                    title=self.windowTitle(),
                )
                self.left_out.append(item)
                continue
            (accept_unsigned if confirmation.unsigned else trust_keys).append(typed)
            keep.append(item)
        return keep, trust_keys, accept_unsigned

    def _decisions(self, items: list[FileOutcome]) -> dict[str, bool]:
        """Ask, for each package whose unit another installation reported before, which data stands.

        Keyed by package id; a package not asked about (its competitor arrives in the same import) replaces it.
        """
        decisions = {}
        for item in items:
            incoming = item.package
            if incoming is None or incoming.competing is None or item.confirmation is not None:
                continue  # a confirmed fingerprint is the choice already
            standing = incoming.competing
            decisions[incoming.package_id] = messages.confirm(
                self,
                _(
                    "{name} ({code}) was reported before from another computer (another installation of the "
                    "program).\n\nImported before: package {old_seq}, made {old_made}.\nThis file ({file}): package "
                    "{new_seq}, made {new_made}.\n\nReplace the data imported before with this file? "
                    "(No keeps the data imported before and leaves this file out.)"
                ).format(
                    name=incoming.source_name,
                    code=incoming.source_code,
                    old_seq=standing.sequence,
                    old_made=format_datetime(local_time(standing.created_at)),
                    file=item.path.name,
                    new_seq=incoming.sequence,
                    new_made=format_datetime(local_time(incoming.created_at)),
                ),
                title=_("Which data stands?"),
            )
        return decisions

    def run_import(self) -> bool:
        """Import the ready packages and tell the outcome; True when anything was imported."""
        self.left_out = []
        items, trust_keys, accept_unsigned = self._confirm_keys(self.ready_items())
        if not items:
            return False
        large = [item for item in items if item.package is not None and item.package.large_removal]
        if large and not messages.confirm(self, self.large_removal_text(large), title=self.windowTitle()):
            return False
        decisions = self._decisions(items)
        try:
            outcome = workers.run_with_progress(
                self,
                ngettext("Importing {n} package…", "Importing {n} packages…", len(items)).format(n=len(items)),
                importing.import_files,
                [item.path for item in items],
                unit_code=self.context.unit_code,
                decide=lambda _standing, incoming: decisions.get(incoming.package_id, True),
                trust_keys=trust_keys,
                accept_unsigned=accept_unsigned,
                allow_large_removal=bool(large),
                with_progress=True,
                cancellable=True,
            )
        except workers.Cancelled:
            return False
        except Exception as exc:
            messages.error(
                self,
                _("The import stopped: {error}").format(error=exc),
                title=self.windowTitle(),
                detail="".join(traceback.format_exception(exc)),
            )
            return False
        self.outcome = outcome
        messages.info(self, self.outcome_text(outcome), title=self.windowTitle())
        imported = [f for f in outcome.files if f.status == importing.IMPORTED]
        if imported:
            self.accept()
        return bool(imported)

    @staticmethod
    def large_removal_text(items: list[FileOutcome]) -> str:
        from models.exchange import LARGE_REMOVAL_SHARE

        lines = [
            _(
                "These packages remove more than {share}% of the records held of their unit, or of one kind of "
                "them. Import them only if the unit confirms that the records were deleted on purpose:"
            ).format(share=round(LARGE_REMOVAL_SHARE * 100))
        ]
        for item in items:
            result = item.package
            assert result is not None
            lines.append(
                _("{file}: {removed} of the {held} records of {name} would be removed.").format(
                    file=item.path.name, removed=result.removed, held=result.held, name=result.source_name
                )
            )
        return "\n".join(lines)

    def outcome_text(self, outcome: ImportOutcome) -> str:
        lines = []
        imported = [f.package for f in outcome.files if f.status == importing.IMPORTED and f.package is not None]
        failed = [f for f in outcome.files if not f.ok]
        lines.append(ngettext("{n} package imported.", "{n} packages imported.", len(imported)).format(n=len(imported)))
        for result in imported:
            lines.append(
                _("• {name}: {added} added, {changed} changed, {removed} removed.").format(
                    name=result.source_name,
                    added=result.total("added"),
                    changed=result.total("changed"),
                    removed=result.total("tombstoned"),
                )
            )
            if result.note:
                lines.append("  " + result.note)
            if result.key_note:
                lines.append("  " + result.key_note)
        if failed:
            lines.append("")
            lines.append(_("Not imported:"))
            lines.extend("• " + f.error for f in failed)
        if self.left_out:
            lines.append("")
            lines.append(_("Left out, their origin not confirmed:"))
            lines.extend("• " + item.path.name for item in self.left_out)
        refused = [i for i in self.items if i.status == importing.REFUSED]
        if refused:
            lines.append("")
            lines.append(_("Refused when checked:"))
            lines.extend("• " + i.error for i in refused)
        if outcome.stopped:
            lines.append("")
            lines.append(_("Cancelled: the remaining packages were not imported."))
        return "\n".join(lines)
