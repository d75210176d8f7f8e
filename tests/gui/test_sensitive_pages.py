"""The pages of the sensitive registers stay covered until the start-up password is typed in this session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from gui.common import sensitive
from gui.common.page import Page
from gui.common.password import PasswordDialog
from models import password as pw
from tests.gui.gui_helpers import show_widget
from tests.gui.test_app import _when_modal

SECRET = "geheim-123"


class StandInPage(Page):
    """A register's page as the sensitive registers' pages are: it opts in with ``sensitive``."""

    sensitive = True

    def __init__(self, context):
        super().__init__(context)
        QVBoxLayout(self).addWidget(QLabel("李秀英与丈夫的婚姻纠纷"))


@pytest.fixture
def window(qtbot, gui_context, answers):
    from gui.main_window import MainWindow

    sensitive.cover_again()
    window = show_widget(qtbot, MainWindow(gui_context))
    page = StandInPage(gui_context)
    window.pages["stand_in"] = page
    window.stack.addWidget(page)
    yield window, page
    sensitive.cover_again()


def test_without_a_password_the_page_shows_at_once(window):
    main, page = window
    main._show_in_stack(page)
    assert main.stack.currentWidget() is page


def test_with_a_password_the_page_shows_only_after_it_is_typed(qtbot, window):
    main, page = window
    pw.set_password(SECRET, SECRET)
    main._show_in_stack(page)
    assert main.stack.currentWidget() is main.sensitive_cover
    main.grab().save("/tmp/care-upward-cover.png")

    # Esc leaves it covered.
    _when_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key_Escape))
    qtbot.keyClick(main.sensitive_cover, Qt.Key_Return)
    assert main.stack.currentWidget() is main.sensitive_cover

    def type_it(dialog):
        assert isinstance(dialog, PasswordDialog)
        qtbot.keyClicks(dialog.field, SECRET)
        qtbot.keyClick(dialog.field, Qt.Key_Return)

    _when_modal(type_it)
    qtbot.keyClick(main.sensitive_cover, Qt.Key_Return)
    qtbot.waitUntil(lambda: main.stack.currentWidget() is page)

    # Shown again without asking in this session, until the program locks.
    main.show_page("overview")
    main._show_in_stack(page)
    assert main.stack.currentWidget() is page
    main.idle_lock.about_to_lock.emit()
    main._show_in_stack(page)
    assert main.stack.currentWidget() is main.sensitive_cover


def test_the_idle_lock_covers_a_sensitive_page_on_screen(window):
    main, page = window
    pw.set_password(SECRET, SECRET)
    sensitive._Session.revealed = True
    main._show_in_stack(page)
    assert main.stack.currentWidget() is page
    main.idle_lock.about_to_lock.emit()
    assert main.stack.currentWidget() is main.sensitive_cover
