"""GUI fixtures: private settings files, answered dialogs, the main window on a temporary database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gui.common import messages
from gui.context import AppContext
from gui.settings.store import Settings
from models import units
from tests.gui.gui_helpers import show_widget


@pytest.fixture
def gui_settings(tmp_path) -> Settings:
    """Settings in a temporary .ini file: tests never touch the user's own."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


@pytest.fixture
def gui_context(database, db_path, gui_settings) -> AppContext:
    unit = units.own_unit()
    return AppContext(db_path=db_path, unit_code=unit.code, unit_name=unit.name, settings=gui_settings)


class Answers:
    """Answers message boxes (True = OK/Yes) and file dialogs (a path or None) in order."""

    def __init__(self):
        self.replies: list[bool] = []
        self.files: list[object] = []
        self.texts: list[str | None] = []  # typed into ask_text, in order (None: Cancel)
        self.file_requests: list[tuple[str, str, str, str]] = []

    def message(self, kind: str, title: str, text: str) -> bool:
        return self.replies.pop(0) if self.replies else False

    def text(self, title: str, text: str) -> str | None:
        return self.texts.pop(0) if self.texts else None

    def file(self, kind: str, caption: str, path: str, file_filter: str):
        self.file_requests.append((kind, caption, path, file_filter))
        return self.files.pop(0) if self.files else None

    @property
    def shown(self) -> list[tuple[str, str, str]]:
        return messages.shown


@pytest.fixture
def answers():
    answers = Answers()
    messages.shown.clear()
    messages.answer_with = answers.message
    messages.answer_files_with = answers.file
    messages.answer_text_with = answers.text
    yield answers
    messages.answer_with = None
    messages.answer_files_with = None
    messages.answer_text_with = None
    messages.shown.clear()


@pytest.fixture
def restore_app_font(qapp):
    """Tests that change the application's font put it back."""
    font = QApplication.font()
    yield
    QApplication.setFont(font)


@pytest.fixture
def main_window(qtbot, gui_context, answers):
    from gui.main_window import MainWindow

    return show_widget(qtbot, MainWindow(gui_context))
