"""改用办公室服务器: the address of the office's database server, tested before it is kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.common import workers
from gui.common.fit import fit_on_show, fit_to_screen
from gui.settings import store as opts
from gui.settings.store import Settings
from models.i18n import _

HINT_STYLE = "color: #52606D;"
GOOD_STYLE = "color: #1E7B34;"
BAD_STYLE = "color: #B42318;"


class ServerDialog(QDialog):
    """The URL field, 测试连接 (run off the GUI thread) and its verdict; OK only after the URL shown passed."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        from models.server import PASSWORD_PLACES, URL_EXAMPLE

        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Use the office's server"))
        self.setMinimumWidth(620)
        fit_on_show(self)

        intro = QLabel(
            _(
                "The clerks of a township, county or city office can share one database on a PostgreSQL server. "
                "Type the address that whoever runs the server gave you. The password is not part of it: "
                "put it in {variable} or in the password file ({file})."
            ).format(**PASSWORD_PLACES)
        )
        intro.setWordWrap(True)
        copy_note = QLabel(
            _(
                "A new database on the server starts empty: to take this PC's records along, copy them there first "
                "with {command} (the README says how)."
            ).format(command="main.py migrate-to")
        )
        copy_note.setWordWrap(True)
        copy_note.setStyleSheet(HINT_STYLE)

        self.url_edit = QLineEdit(settings.get(opts.SERVER_URL))
        self.url_edit.setObjectName("server_url")
        self.url_edit.setPlaceholderText(URL_EXAMPLE)
        self.test_button = QPushButton(_("Test the connection"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test_connection)
        url_row = QHBoxLayout()
        url_row.setContentsMargins(0, 0, 0, 0)
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.test_button)

        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.verdict.setMinimumHeight(self.verdict.fontMetrics().lineSpacing() * 2)  # room for a short verdict

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(_("Use this server"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(QLabel(_("Server address:")))
        layout.addLayout(url_row)
        layout.addWidget(self.verdict)
        layout.addWidget(copy_note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._passed = ""  # the address whose test passed; OK only while it is the one in the field
        self._testing = False
        self._closed = False
        self.task: workers.Task | None = None
        self.url_edit.textChanged.connect(self._edited)
        self.finished.connect(self._on_finished)
        self._edited()

    def url(self) -> str:
        return self.url_edit.text().strip()

    def _edited(self) -> None:
        if self.url() != self._passed and self._passed:
            self._passed = ""
            self._say("", "")
        self.ok_button.setEnabled(bool(self._passed) and self.url() == self._passed)
        self.test_button.setEnabled(bool(self.url()) and not self._testing)

    def _say(self, text: str, style: str) -> None:
        self.verdict.setText(text)
        self.verdict.setStyleSheet(style)
        if text and self.isVisible():
            fit_to_screen(self, grow_only=True)  # a long verdict is read whole, never cut off

    def test_connection(self) -> workers.Task | None:
        """Try the address in the field in the background; the verdict appears below it (the task, for tests)."""
        from models.server import connection_problem

        url = self.url()
        if not url or self._testing:
            return None
        self._testing = True
        self._passed = ""
        self._edited()
        self._say(_("Connecting to the server…"), HINT_STYLE)
        self.task = workers.start(
            connection_problem,
            url,
            on_success=lambda problem: self._tested(url, problem),
            on_failure=lambda exc: self._tested(
                url, _("The connection could not be tested: {error}").format(error=exc)
            ),
        )
        return self.task

    def _tested(self, url: str, problem: str | None) -> None:
        self._testing = False
        if self._closed:
            return
        if problem is None and url == self.url():
            self._passed = url
            self._say(_("The connection works: the program can keep its records on this server."), GOOD_STYLE)
        elif problem is None:
            self._say("", "")  # the address changed while it was tested: test the new one
        else:
            self._say(problem, BAD_STYLE)
        self._edited()

    def accept(self) -> None:
        if not self._passed or self.url() != self._passed:
            return
        self.settings.set(opts.SERVER_URL, self._passed)
        super().accept()

    def _on_finished(self, _result: int) -> None:
        self._closed = True
