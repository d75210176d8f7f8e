"""The recovery code on screen: shown once when ID numbers are encrypted, and typed when the password is forgotten."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages, workers
from gui.common.fit import fit_to_screen
from gui.common.password import add_secret_fields
from models import password as core
from models.base import ValidationError
from models.i18n import _


def fit_height(dialog: QWidget) -> None:
    """Make room for wrapped messages just shown: a dialog does not grow by itself for a label's new lines."""
    fit_to_screen(dialog, grow_only=True)


class RecoveryCodeDialog(QDialog):
    """Shows the recovery code, the only time it is ever shown; it closes once the cadre says it is kept."""

    def __init__(self, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.code = code
        self.printed: Path | None = None
        self.setWindowTitle(_("Recovery code"))
        self.setModal(True)
        intro = QLabel(
            _(
                "The ID numbers in this database are now encrypted with the password. If the password is "
                "forgotten, only this recovery code opens them again. It is shown this once and cannot be "
                "looked up later."
            )
        )
        intro.setWordWrap(True)
        # What became of the backups made before, in clear (models.backup_crypto): one sentence, when any.
        backups = getattr(code, "backups", None)
        self.backups_label = QLabel(backups.sentence() if backups is not None else "")
        self.backups_label.setObjectName("recovery_backups")
        self.backups_label.setWordWrap(True)
        self.backups_label.setVisible(bool(self.backups_label.text()))
        self.code_label = QLabel(str(code))
        self.code_label.setObjectName("recovery_code")
        self.code_label.setAlignment(Qt.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        font.setPointSizeF(max(self.font().pointSizeF(), 9) * 1.8)
        font.setWeight(QFont.Bold)
        self.code_label.setFont(font)
        self.code_label.setFrameShape(QFrame.StyledPanel)
        self.code_label.setMargin(12)
        advice = QLabel(
            _(
                "Write it down on paper or print it, and keep it locked away, apart from this computer: "
                "whoever has it and the database can read the ID numbers. Do not save it in a file on this computer."
            )
        )
        advice.setWordWrap(True)
        self.print_button = QPushButton(_("Print the recovery code…"))
        self.print_button.setObjectName("print_recovery_code")
        self.print_button.clicked.connect(lambda: self.print_code())
        print_row = QHBoxLayout()
        print_row.addWidget(self.print_button)
        print_row.addStretch(1)
        self.kept = QCheckBox(_("I have written down or printed the recovery code and will keep it safe"))
        self.kept.setObjectName("recovery_code_kept")
        self.buttons = QDialogButtonBox()
        self.done_button = self.buttons.addButton(_("Done"), QDialogButtonBox.AcceptRole)
        self.done_button.setEnabled(False)
        self.kept.toggled.connect(self.done_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backups_label)
        layout.addWidget(self.code_label)
        layout.addWidget(advice)
        layout.addLayout(print_row)
        layout.addSpacing(6)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        fit_height(self)

    def reject(self) -> None:
        # Esc or the window's close button: only once the code is kept.
        if self.kept.isChecked():
            super().reject()

    def print_code(self, path: Path | None = None) -> Path | None:
        """Save the one-page sheet with the code as a PDF (asked where when not given) and offer to open it."""
        from forms.recovery_sheet import build_recovery_sheet
        from gui.printing import actions
        from models import db as dbmod
        from models import units

        unit = units.own_unit()
        unit_name = unit.name if unit else ""
        if path is None:
            from PySide6.QtCore import QStandardPaths

            folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
            name = actions.default_file_name(_("Recovery code"), unit_name, "pdf")
            path = messages.ask_save_path(
                self,
                _("Print the recovery code"),
                str(Path(folder) / name),
                messages.file_filter(_("PDF file"), "*.pdf"),
            )
            if path is None:
                return None
        try:
            result = workers.run_with_progress(
                self,
                _("Writing the PDF…"),
                build_recovery_sheet,
                Path(path),
                self.code,
                unit_name,
                dbmod.database_location(),
            )
        except OSError as exc:
            messages.error(self, _("Cannot write {path}: {error}").format(path=path, error=exc.strerror or exc))
            return None
        self.printed = result.path
        if messages.confirm(
            self,
            _(
                "The recovery code was saved to {path}. Open it now to print it? Once it is printed, delete the "
                "file: the code should not stay on this computer."
            ).format(path=result.path),
        ):
            actions.open_file(result.path)
        return result.path


class RecoveryResetDialog(QDialog):
    """A forgotten password: the recovery code, then a new password twice; each refusal beside its field."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Use the recovery code"))
        self.setModal(True)
        grid = QGridLayout(self)
        intro = QLabel(
            _(
                "Type the recovery code from the paper you were given when the password was set, then choose a new "
                "password. The records and ID numbers stay as they are."
            )
        )
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 2)
        rows = [("code", _("Recovery code:")), ("new", _("New password:")), ("repeated", _("New password again:"))]
        self.fields, self.errors = add_secret_fields(grid, 1, rows, {"code": "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"})
        line = 1 + 2 * len(rows)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(_("Set the new password"))
        buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        grid.addWidget(buttons, line, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.setMinimumWidth(560)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        fit_height(self)

    def save(self) -> bool:
        for label in self.errors.values():
            label.setVisible(False)
        try:
            core.reset_with_recovery_code(
                self.fields["code"].text(), self.fields["new"].text(), self.fields["repeated"].text()
            )
        except ValidationError as exc:
            first = None
            for error in exc.errors:
                label = self.errors.get(error.field)
                if label is not None:
                    label.setText(error.message)
                    label.setVisible(True)
                    first = first or self.fields[error.field]
            if first is not None:
                first.setFocus()
            fit_height(self)
            return False
        for edit in self.fields.values():
            edit.clear()
        self.accept()
        return True


def show_recovery_code(code: str, parent: QWidget | None = None, wait: bool = True) -> RecoveryCodeDialog:
    """Show the code once: modal (``wait``), or opened over ``parent`` and returned at once."""
    dialog = RecoveryCodeDialog(code, parent)
    if wait:
        dialog.exec()
    else:
        dialog.open()
    return dialog
