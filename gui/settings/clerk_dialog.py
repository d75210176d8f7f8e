"""Asked once at start on an office's server: which clerk is at this PC (their name goes with what they change)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from gui.common.fit import fit_on_show
from gui.settings import store as opts
from gui.settings.store import Settings
from models import clerk
from models.i18n import _

HINT_STYLE = "color: #52606D;"


def proposed_name(settings: Settings) -> str:
    """The name last chosen on this PC, else the operating-system user's."""
    return settings.get(opts.CLERK_NAME).strip() or clerk.system_user()


class ClerkDialog(QDialog):
    """One name field, prefilled; OK only with a name."""

    def __init__(self, settings: Settings, server: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Who is working?"))
        self.setMinimumWidth(480)
        fit_on_show(self)

        intro = QLabel(
            _(
                "Several clerks share the database on the server {url}. Your name is recorded with what you "
                "import and change, so the office can tell who did what."
            ).format(url=server)
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.name_edit = QLineEdit(proposed_name(settings))
        self.name_edit.setObjectName("clerk_name")
        self.name_edit.setMaxLength(clerk.MAX_LENGTH)
        self.name_edit.selectAll()
        label = QLabel(_("Your name:"))
        label.setBuddy(self.name_edit)
        hint = QLabel(_("Asked at each start; this PC remembers the last name."))
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(_("Start"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(_("Quit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.name_edit)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._update)
        self._update()

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.name()))

    def accept(self) -> None:
        if not self.name():
            return
        self.settings.set(opts.CLERK_NAME, self.name())
        clerk.choose(self.name())
        super().accept()


def ask_clerk_at_start(settings: Settings, server: str) -> bool:
    """Ask which clerk is working and record the choice; False when the user quits instead."""
    return ClerkDialog(settings, server).exec() == QDialog.Accepted
