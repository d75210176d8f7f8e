"""导出数据包: choose what a .fulian package carries, where it goes, and write it off the GUI thread."""

from __future__ import annotations

import datetime as _dt
import traceback
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages, workers
from gui.common.fit import em_size, fit_on_show
from gui.common.password import confirm_reveal
from gui.context import AppContext
from gui.settings import store as opts
from models.i18n import N_, _, format_number

OMITTED, MASKED, FULL = "omitted", "masked", "full"

# Tests replace this to answer "open the folder?" without starting a file manager.
open_folder = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))  # noqa: E731

# What a package's tables hold, in words (the result message counts records per kind).
KIND_LABELS = {
    "unit": N_("units"),
    "person": N_("people"),
    "home": N_("Women's Homes"),
    "home_demonstration": N_("demonstration titles"),
    "election": N_("elections"),
    "election_step": N_("election steps"),
    "election_round": N_("voting rounds"),
    "election_candidate": N_("candidates"),
    "committee_member": N_("committee members"),
    "activity": N_("activities"),
    "activity_participant": N_("activity participants"),
    "training": N_("trainings"),
    "training_session": N_("training sessions"),
    "trainee": N_("trainees"),
    "attendance": N_("attendance records"),
    **dict.fromkeys(
        ("household", "household_link", "contact", "project", "need", "need_contact"), N_("records of members' duties")
    ),
    **dict.fromkeys(
        ("meeting", "meeting_attendee", "meeting_link", "year_document", "year_document_section"),
        N_("records of meetings, plans and summaries"),
    ),
    **dict.fromkeys(("nomination", "award"), N_("nominations and awards")),
    **dict.fromkeys(("dispute_report", "care_count"), N_("monthly reports and counts of rights and care")),
    "photo_link": N_("photo links"),
}


def records_text(records: dict[str, int]) -> str:
    """ "17 people, 27 activities, …" for the kinds that have any."""
    by_kind: dict[str, int] = {}
    for name, n in records.items():
        kind = KIND_LABELS.get(name, name)
        by_kind[kind] = by_kind.get(kind, 0) + n
    return _(", ").join(_("{n} {kind}").format(n=format_number(n), kind=_(kind)) for kind, n in by_kind.items() if n)


class ExportDialog(QDialog):
    """Options of one export (scope, photos, ID numbers, file), then the export itself."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.result = None  # the ExportResult once written
        self.setWindowTitle(_("Export data package"))

        intro = QLabel(
            _(
                "A data package (.fulian) carries this unit's records to the township or county "
                "federation. Take it on a USB stick or send it as a chat attachment; they import it."
            )
        )
        intro.setWordWrap(True)

        # What: everything or a period.
        scope_box = QGroupBox(_("Records"))
        self.everything = QRadioButton(_("Everything"))
        self.period = QRadioButton(_("Only a period"))
        self.everything.setChecked(True)
        today = QDate.currentDate()
        self.date_from = QDateEdit(QDate(today.year(), 1, 1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        period_row = QHBoxLayout()
        period_row.addWidget(self.period)
        period_row.addWidget(QLabel(_("from")))
        period_row.addWidget(self.date_from)
        period_row.addWidget(QLabel(_("to")))
        period_row.addWidget(self.date_to)
        period_row.addStretch(1)
        scope_layout = QVBoxLayout(scope_box)
        scope_layout.addWidget(self.everything)
        scope_layout.addLayout(period_row)
        self.period.toggled.connect(self._scope_changed)

        self.photos = QCheckBox(_("Include photos"))
        self.photos.setChecked(True)
        self.photos.setToolTip(_("Without photos the package is much smaller; the records still travel."))

        # ID numbers: omitted unless the user insists.
        id_box = QGroupBox(_("ID numbers"))
        self.id_buttons = QButtonGroup(self)
        self.id_radios: dict[str, QRadioButton] = {}
        id_layout = QVBoxLayout(id_box)
        for value, text in (
            (OMITTED, _("Leave them out (recommended)")),
            (MASKED, _("Masked (430121********1234)")),
            (FULL, _("Full numbers")),
        ):
            radio = QRadioButton(text)
            self.id_radios[value] = radio
            self.id_buttons.addButton(radio)
            id_layout.addWidget(radio)
        self.id_radios[OMITTED].setChecked(True)
        self._id_choice = OMITTED
        self.id_buttons.buttonClicked.connect(lambda _b: self._id_changed())

        # Phone numbers: masked unless the user insists.
        phone_box = QGroupBox(_("Phone numbers"))
        self.phone_buttons = QButtonGroup(self)
        self.phone_radios: dict[str, QRadioButton] = {}
        phone_layout = QVBoxLayout(phone_box)
        for value, text in ((MASKED, _("Masked (138****5678, recommended)")), (FULL, _("Full numbers"))):
            radio = QRadioButton(text)
            self.phone_radios[value] = radio
            self.phone_buttons.addButton(radio)
            phone_layout.addWidget(radio)
        self.phone_radios[MASKED].setChecked(True)
        self._phone_choice = MASKED
        self.phone_buttons.buttonClicked.connect(lambda _b: self._phones_changed())

        # Where.
        from gui.printing.actions import export_dir
        from models.exchange import default_package_name

        self.path_edit = QLineEdit(str(export_dir(context) / default_package_name()))
        browse = QPushButton(_("Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Save as"), path_row)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(_("Export"), QDialogButtonBox.AcceptRole)
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.RejectRole)
        self.buttons.accepted.connect(self.run_export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scope_box)
        layout.addWidget(self.photos)
        layout.addWidget(id_box)
        layout.addWidget(phone_box)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._scope_changed(False)
        fit_on_show(self, em_size(self, 56, 0))

    # --- options ----------------------------------------------------------------------------

    def _scope_changed(self, period: bool) -> None:
        self.date_from.setEnabled(period)
        self.date_to.setEnabled(period)

    def id_numbers(self) -> str:
        return self._id_choice

    def choose_id_numbers(self, value: str) -> bool:
        """Select an ID-number option as a click does (masked and full ask first); True if it stands."""
        self.id_radios[value].setChecked(True)
        self._id_changed()
        return self._id_choice == value

    def _id_changed(self) -> None:
        chosen = next(v for v, radio in self.id_radios.items() if radio.isChecked())
        if chosen == self._id_choice:
            return
        if chosen != OMITTED:
            text = (
                _(
                    "Full ID numbers are personal data the law protects. Whoever gets this file can read them; "
                    "send them only if the county asks for them and the file travels safely.\n\n"
                    "Put full ID numbers in the package?"
                )
                if chosen == FULL
                else _(
                    "Masked ID numbers still show the region, the birth date's digits hidden, and the last four "
                    "digits. They are rarely needed upward.\n\nPut masked ID numbers in the package?"
                )
            )
            if not messages.confirm(self, text, title=_("ID numbers in the package")) or (
                chosen == FULL and not confirm_reveal(self)
            ):
                self.id_radios[self._id_choice].setChecked(True)
                return
        self._id_choice = chosen

    def phones(self) -> str:
        return self._phone_choice

    def choose_phones(self, value: str) -> bool:
        """Select a phone option as a click does (full asks first); True if it stands."""
        self.phone_radios[value].setChecked(True)
        self._phones_changed()
        return self._phone_choice == value

    def _phones_changed(self) -> None:
        chosen = next(v for v, radio in self.phone_radios.items() if radio.isChecked())
        if chosen == self._phone_choice:
            return
        if chosen == FULL and not messages.confirm(
            self,
            _(
                "Phone numbers are personal data. Whoever gets this file can read them and call the women "
                "concerned; send them in full only if the township or county needs to reach them and the file "
                "travels safely.\n\nPut full phone numbers in the package?"
            ),
            title=_("Phone numbers in the package"),
        ):
            self.phone_radios[self._phone_choice].setChecked(True)
            return
        self._phone_choice = chosen

    def scope(self) -> tuple[_dt.date | None, _dt.date | None]:
        if not self.period.isChecked():
            return None, None
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def browse(self) -> None:
        path = messages.ask_save_path(
            self, _("Save the data package"), self.path_edit.text(), messages.package_filter()
        )
        if path is not None:
            self.path_edit.setText(str(path))

    # --- export -----------------------------------------------------------------------------

    def save_cover(self, package: Path) -> Path | None:
        """The cover sheet beside the package (same name, .pdf); None after telling why not."""
        from forms.package_cover import build_cover

        out = package.with_suffix(".pdf")
        try:
            return build_cover(package, out).path
        except Exception as exc:
            messages.error(
                self, _("The cover sheet could not be written: {error}").format(error=exc), title=self.windowTitle()
            )
            return None

    def run_export(self) -> bool:
        """Write the package; True when written (the result has been told)."""
        from models.exchange import PackageError, export_package

        text = self.path_edit.text().strip()
        if not text:
            messages.error(self, _("Choose where to save the package."), title=self.windowTitle())
            return False
        path = Path(text)
        if path.suffix.lower() != ".fulian":
            path = path.with_name(path.name + ".fulian")
        if path.exists() and not messages.confirm(
            self, _("{file} exists already. Replace it?").format(file=path.name), title=self.windowTitle()
        ):
            return False
        scope_from, scope_to = self.scope()
        try:
            result = workers.run_with_progress(
                self,
                _("Writing {file}…").format(file=path.name),
                export_package,
                path,
                scope_from=scope_from,
                scope_to=scope_to,
                photos=self.photos.isChecked(),
                id_numbers=self.id_numbers(),
                phones=self.phones(),
                with_progress=True,
                cancellable=True,
            )
        except workers.Cancelled:
            messages.info(self, _("Export cancelled; no package was written."), title=self.windowTitle())
            return False
        except PackageError as exc:
            messages.error(self, str(exc), title=self.windowTitle())
            return False
        except Exception as exc:
            messages.error(
                self,
                _("The package could not be written: {error}").format(error=exc),
                title=self.windowTitle(),
                detail="".join(traceback.format_exception(exc)),
            )
            return False
        self.result = result
        self.context.settings.set(opts.LAST_EXPORT_DIR, str(path.parent))
        text = _(
            "The package is saved:\n{file}\n\nIt holds {records}{photos}.\nPackage number {sequence}, id {package_id}."
        ).format(
            file=result.path,
            records=records_text(result.records) or _("no records"),
            photos=_(" and {n} photos").format(n=result.photos) if result.photos else "",
            sequence=result.sequence,
            package_id=result.package_id,
        )
        if messages.confirm(
            self,
            text + "\n\n" + _("Also save a cover sheet (PDF) to print and send with it?"),
            title=self.windowTitle(),
        ):
            self.save_cover(result.path)
        if messages.confirm(self, _("Open the folder now?"), title=self.windowTitle()):
            open_folder(result.path.parent)
        self.accept()
        return True
