"""Setting, changing or removing the start-up password: the current one first, the new one twice.

Setting the first password encrypts the ID numbers and shows the recovery
code once; removing it decrypts them. Both run off the GUI thread behind a
busy bar (a county's database may hold many people, and the file is rewritten).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QWidget

from gui.common import workers
from gui.common.password import add_secret_fields
from models import password as core
from models.base import ValidationError
from models.i18n import _


class PasswordChangeDialog(QDialog):
    """Sets a new password (``remove=False``) or removes it; shows each refusal beside its field."""

    def __init__(self, parent: QWidget | None = None, remove: bool = False):
        super().__init__(parent)
        self.remove = remove
        self.recovery_dialog = None  # the recovery code, shown once after a first password
        has = core.has_password()
        self.setWindowTitle(
            _("Remove the password") if remove else (_("Change the password") if has else _("Set a password"))
        )
        grid = QGridLayout(self)
        rows = []
        if has:
            rows.append(("current", _("Current password:")))
        if not remove:
            rows += [("new", _("New password:")), ("repeated", _("New password again:"))]
        self.fields, self.errors = add_secret_fields(grid, 0, rows)
        line = 2 * len(rows)
        if not remove:
            note = QLabel(
                _(
                    "A password has at least {n} characters. It is asked when the program starts, after a time "
                    "without use and before ID numbers are shown in full, and it encrypts the ID numbers stored. "
                    "Write it down and keep it safe: nobody can look it up."
                ).format(n=core.MIN_LENGTH)
            )
            note.setWordWrap(True)
            grid.addWidget(note, line, 0, 1, 2)
            line += 1
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(_("Remove") if remove else _("Save"))
        buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        grid.addWidget(buttons, line, 0, 1, 2)
        self.setMinimumWidth(420)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        from gui.common.recovery import fit_height

        fit_height(self)  # the wrapped note gets all its lines

    def text(self, key: str) -> str:
        edit = self.fields.get(key)
        return edit.text() if edit is not None else ""

    def save(self) -> bool:
        for label in self.errors.values():
            label.setVisible(False)
        code = None
        try:
            if self.remove:
                workers.run_with_progress(
                    self, _("Decrypting the ID numbers…"), core.remove_password, self.text("current")
                )
            else:
                code = workers.run_with_progress(
                    self,
                    _("Encrypting the ID numbers…"),
                    core.set_password,
                    self.text("new"),
                    self.text("repeated"),
                    current=self.text("current") or None,
                )
        except ValidationError as exc:
            for error in exc.errors:
                label = self.errors.get(error.field)
                if label is not None:
                    label.setText(error.message)
                    label.setVisible(True)
                    self.fields[error.field].setFocus()
            return False
        except Exception as exc:
            # A full or read-only disk: nothing was changed, said in words; the dialog keeps what was typed.
            from gui.common import messages

            if messages.storage_fault(self, exc):
                return False
            raise
        for edit in self.fields.values():
            edit.clear()
        self.accept()
        if code:
            from gui.common.recovery import show_recovery_code

            self.recovery_dialog = show_recovery_code(code, self.parentWidget(), wait=False)
        return True
