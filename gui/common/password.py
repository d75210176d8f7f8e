"""The start-up password on screen: asked at start, after idle time and before ID numbers are revealed.

A right password also unlocks the encrypted ID numbers for this process
(``models.password.unlock``); at start a forgotten one can be replaced with the
recovery code.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models import password as core
from models.i18n import _

ERROR_STYLE = "color: #B42318;"


def add_secret_fields(
    grid: QGridLayout, line: int, rows: list[tuple[str, str]], placeholders: dict[str, str] | None = None
) -> tuple[dict[str, QLineEdit], dict[str, QLabel]]:
    """Label, editor and a red error line under it for each (key, label), from grid row ``line`` on.

    Editors are password fields, except those given a placeholder (such as the recovery code, typed from paper).
    Returns the editors and the error lines by key.
    """
    placeholders = placeholders or {}
    fields: dict[str, QLineEdit] = {}
    errors: dict[str, QLabel] = {}
    for key, label in rows:
        edit = QLineEdit()
        edit.setObjectName(key)
        if key in placeholders:
            edit.setPlaceholderText(placeholders[key])
        else:
            edit.setEchoMode(QLineEdit.Password)
        error = QLabel("")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        grid.addWidget(QLabel(label), line, 0)
        grid.addWidget(edit, line, 1)
        grid.addWidget(error, line + 1, 1)
        fields[key], errors[key] = edit, error
        line += 2
    return fields, errors


class PasswordDialog(QDialog):
    """Asks for the password until it is right; Esc (or the other button) gives up, unless ``locked``."""

    def __init__(
        self, text: str, parent: QWidget | None = None, give_up: str = "", locked: bool = False, recovery: bool = False
    ):
        super().__init__(parent)
        self.locked = locked
        self.typed = ""  # the right password, kept until the caller has used it (ask_at_start)
        self.recovery_dialog = None
        self.setWindowTitle(_("Password"))
        self.setModal(True)
        prompt = QLabel(text)
        prompt.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("password")
        self.field.setEchoMode(QLineEdit.Password)
        self.message = QLabel("")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(_("OK"), QDialogButtonBox.AcceptRole)
        if not locked:
            self.buttons.addButton(give_up or _("Cancel"), QDialogButtonBox.RejectRole)
        self.recovery_button = None
        if recovery:
            self.recovery_button = self.buttons.addButton(_("Use the recovery code…"), QDialogButtonBox.ActionRole)
            self.recovery_button.setObjectName("use_recovery_code")
            self.recovery_button.clicked.connect(self.use_recovery_code)
        self.buttons.accepted.connect(self.try_password)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)

    def try_password(self) -> bool:
        typed = self.field.text()
        if core.unlock(typed):
            self.field.clear()
            if self.recovery_button is not None:  # the start-up prompt: ask_at_start may need it once more
                self.typed = typed
            self.accept()
            return True
        self.field.clear()
        self.message.setText(_("The password is not right. Type it again (capital letters count)."))
        self.message.setVisible(True)
        self.field.setFocus()
        return False

    def use_recovery_code(self) -> bool:
        """The password is forgotten: the recovery code and a new password open the program instead."""
        from gui.common.recovery import RecoveryResetDialog

        self.recovery_dialog = RecoveryResetDialog(self)
        if self.recovery_dialog.exec() != QDialog.Accepted:
            return False
        self.accept()
        return True

    def reject(self) -> None:
        if not self.locked:
            super().reject()


def ask_at_start() -> bool:
    """True when no password is set or the right one was typed; False when the user gave up (Esc, Quit).

    A database whose password was set before ID numbers were encrypted has
    them encrypted now, and its recovery code is shown once.
    """
    if not core.has_password():
        return True
    dialog = PasswordDialog(
        _("This computer's Fulian Ledger is protected. Type the password to open it."),
        give_up=_("Quit"),
        recovery=True,
    )
    if dialog.exec() != QDialog.Accepted:
        return False
    typed, dialog.typed = dialog.typed, ""
    if typed and core.encryption_pending():
        encrypt_pending(typed)
    return True


def encrypt_pending(password: str, parent: QWidget | None = None) -> str | None:
    """Encrypt the ID numbers of a database protected before they were, and show the recovery code once.

    A read-only or full disk leaves them as they were (said in words); the next start tries again.
    """
    from gui.common import messages, workers
    from gui.common.recovery import show_recovery_code
    from models import db as dbmod

    if dbmod.is_read_only():
        return None
    try:
        code = workers.run_with_progress(parent, _("Encrypting the ID numbers…"), core.encrypt_id_numbers, password)
    except Exception as exc:
        if messages.storage_fault(parent, exc):
            return None
        raise
    if code:
        show_recovery_code(code, parent)
    return code


def unlock_again(parent: QWidget | None) -> bool:
    """After a restore: the restored database's password, when its ID numbers are encrypted with another key.

    False when the user gave up (the program then quits: it cannot read the records it would show).
    """
    if core.is_unlocked():
        return True
    dialog = PasswordDialog(
        _("The restored database is protected by its own password. Type it to go on."),
        parent,
        give_up=_("Quit"),
        recovery=True,
    )
    accepted = dialog.exec() == QDialog.Accepted
    dialog.typed = ""
    return accepted


def confirm_reveal(parent: QWidget | None) -> bool:
    """Before ID numbers are shown or sent in full: the password, when one is set."""
    if not core.has_password():
        return True
    dialog = PasswordDialog(_("Full ID numbers are protected. Type the password to go on."), parent)
    return dialog.exec() == QDialog.Accepted


class IdleLock(QObject):
    """Locks the program after ``idle_ms`` without keyboard or mouse input, when a password is set.

    The lock is a modal dialog over everything: windows and dialogs stay as they
    were, with what was typed in them, until the password is given.
    """

    about_to_lock = Signal()  # full ID numbers on screen are masked again before the lock shows

    INPUT = {
        QEvent.KeyPress,
        QEvent.MouseButtonPress,
        QEvent.MouseMove,
        QEvent.Wheel,
        QEvent.TouchBegin,
    }

    def __init__(self, idle_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.dialog: PasswordDialog | None = None
        self.set_idle_ms(idle_ms)
        QApplication.instance().installEventFilter(self)

    def set_idle_ms(self, idle_ms: int) -> None:
        self.idle_ms = max(idle_ms, 1)
        self.timer.start(self.idle_ms)

    def eventFilter(self, watched, event) -> bool:
        if self.dialog is None and event.type() in self.INPUT:
            self.timer.start(self.idle_ms)
        return False

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self) -> None:
        if self.dialog is not None:
            return
        if not core.has_password():
            self.timer.start(self.idle_ms)
            return
        self.about_to_lock.emit()
        self.dialog = PasswordDialog(
            _("Fulian Ledger was locked after a time without use. Type the password to go on; nothing was lost."),
            QApplication.activeWindow(),
            locked=True,
        )
        self.dialog.setWindowModality(Qt.ApplicationModal)
        try:
            self.dialog.exec()
        finally:
            self.dialog.deleteLater()
            self.dialog = None
            self.timer.start(self.idle_ms)

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
