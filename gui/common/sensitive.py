"""The pages of the most sensitive registers (family disputes, people helped, the "两癌" screening) behind the
start-up password: while one is set, such a page shows a cover until the password is typed again in this
session, and covers itself again when the program locks after a time without use.

A page opts in with a class attribute ``sensitive = True``; the main window puts the cover in front of it.
The forms naming such people (``FormSpec.names_people``) and the recycle bin's kinds of these registers
(``Kind.sensitive``) ask for the same password, once per session, through ``unlock`` before they are made or listed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models import password as core
from models.i18n import _


class _Session:
    """Whether the password was given for the sensitive pages since the program started (or last locked)."""

    revealed = False


def is_sensitive(page: QWidget) -> bool:
    return bool(getattr(page, "sensitive", False))


def needs_password() -> bool:
    """True while a sensitive page is to stay covered: a password is set and not yet given for these pages."""
    return core.has_password() and not _Session.revealed


def form_is_sensitive(form_name: str) -> bool:
    """True for a form naming parties to disputes, people helped or screened women."""
    from forms.registry import FORMS

    spec = FORMS.get(form_name)
    return bool(spec and spec.names_people)


def kind_is_sensitive(kind: str) -> bool:
    """True for a recycle-bin kind of the disputes, letters and visits, care or screening registers."""
    from models.recycle_bin import KINDS

    spec = KINDS.get(kind)
    return bool(spec and spec.sensitive)


def unlock(parent: QWidget | None) -> bool:
    """Ask for the password unless it was given this session (or none is set); True when the records may show."""
    from gui.common.password import PasswordDialog

    if not needs_password():
        return True
    dialog = PasswordDialog(_("These records are protected. Type the password to show them."), parent)
    accepted = dialog.exec() == PasswordDialog.Accepted
    if accepted:
        _Session.revealed = True
    return accepted


def cover_again() -> None:
    """The program locks (or the password changes): the sensitive pages are covered until it is typed again."""
    _Session.revealed = False


class SensitiveCover(QWidget):
    """Stands in front of a sensitive page: says why, and asks for the password (Enter or the button)."""

    revealed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sensitive_cover")
        title = QLabel(_("Internal material: keep confidential"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        title.setWordWrap(True)  # the cover never makes the window wider than its pages do
        text = QLabel(
            _(
                "These records name parties to family disputes, children and women's health. Type the start-up "
                "password to show them; they stay shown until the program is locked or closed."
            )
        )
        text.setWordWrap(True)
        text.setMaximumWidth(520)
        self.button = QPushButton(_("&Show the records…"))
        self.button.setDefault(True)
        self.button.setAutoDefault(True)
        self.button.clicked.connect(self.ask)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addStretch(1)
        self.setFocusProxy(self.button)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.ask()
            return
        super().keyPressEvent(event)

    def ask(self) -> bool:
        """The password dialog; True (and ``revealed``) when it was right."""
        if not unlock(self):
            return False
        self.revealed.emit()
        return True
