"""The window on an office's server: the settings page's 数据库 group and its connection test, the clerk asked at
start, no lock file, and a server that cannot be reached at start."""

from __future__ import annotations

import datetime as _dt
import socket

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from gui import app as gui_app
from gui.common import workers
from gui.context import AppContext
from gui.settings import store as opts
from models import clerk, meta, server, units
from models import db as dbmod
from models.i18n import _
from models.server import URL_EXAMPLE, checked_url
from tests import engines
from tests.gui.gui_helpers import show_widget, type_text
from tests.models.exchange_helpers import COUNTY, COUNTY_NAME


@pytest.fixture(autouse=True)
def clerk_forgotten():
    """A clerk chosen in one test is not the next test's."""
    yield
    clerk.choose(None)


def closed_port() -> int:
    """A port on this PC where nothing listens (the connection is refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unreachable_url() -> str:
    return f"postgresql://clerk@127.0.0.1:{closed_port()}/fulian"


def _server_dialog(qtbot, settings):
    from gui.settings.server_dialog import ServerDialog

    return show_widget(qtbot, ServerDialog(settings))


def _test_connection(qtbot, dialog) -> str:
    """Press 测试连接 and wait for its verdict; the verdict's text."""
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    task = dialog.task
    assert task is not None
    qtbot.waitUntil(lambda: not dialog._testing, timeout=15000)
    task.wait()
    return dialog.verdict.text()


def test_the_dialog_shows_the_example_and_refuses_a_url_with_a_password(qtbot, gui_settings):
    dialog = _server_dialog(qtbot, gui_settings)
    assert dialog.url_edit.placeholderText() == URL_EXAMPLE
    assert not dialog.test_button.isEnabled() and not dialog.ok_button.isEnabled()  # nothing typed yet

    type_text(dialog.url_edit, "postgresql://clerk:secret@127.0.0.1:5432/fulian")
    verdict = _test_connection(qtbot, dialog)

    with pytest.raises(dbmod.DatabaseError) as refused:
        checked_url("postgresql://clerk:secret@127.0.0.1:5432/fulian")
    assert verdict == str(refused.value)
    assert "secret" not in verdict
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # pressing Enter does not keep it either
    assert gui_settings.get(opts.SERVER_URL) == ""


def test_an_unreachable_server_is_told_in_the_dialog(qtbot, gui_settings):
    url = unreachable_url()
    dialog = _server_dialog(qtbot, gui_settings)
    type_text(dialog.url_edit, url)
    started = _dt.datetime.now()
    verdict = _test_connection(qtbot, dialog)

    assert (_dt.datetime.now() - started).total_seconds() < 10
    assert verdict == server.unreachable_text(url)
    assert url in verdict
    assert not dialog.ok_button.isEnabled()
    assert gui_settings.get(opts.SERVER_URL) == ""


@pytest.mark.server_only
def test_a_passing_test_lets_the_server_be_kept_for_the_next_start(qtbot, gui_settings):
    url = engines.new_server_database()
    dialog = _server_dialog(qtbot, gui_settings)
    type_text(dialog.url_edit, url)
    verdict = _test_connection(qtbot, dialog)

    assert verdict == _("The connection works: the program can keep its records on this server.")
    assert dialog.ok_button.isEnabled()
    type_text(dialog.url_edit, "x")  # another address must be tested again
    assert not dialog.ok_button.isEnabled()
    dialog.url_edit.setText(url)
    _test_connection(qtbot, dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)

    assert dialog.result() == QDialog.Accepted
    assert gui_settings.get(opts.SERVER_URL) == url
    assert gui_app.database_location(gui_settings, None) == url  # the next start opens the server


# --- the settings page ---------------------------------------------------------------------------


def _page(qtbot, context):
    from gui.settings.page import SettingsPage

    return show_widget(qtbot, SettingsPage(context), (1000, 700))


def test_a_village_cannot_switch_to_a_server_and_is_told_why(qtbot, gui_context, answers):
    page = _page(qtbot, gui_context)
    assert not page.use_server_button.isEnabled()
    assert page.use_file_button.isVisible() == gui_context.on_server  # the way back stays, should one be there
    assert page.server_note.text() == _(
        "A village keeps its records in its own file on this PC. A server is for a township, county "
        "or city office where several clerks work on one database."
    )


def test_a_county_keeps_a_chosen_server_for_the_next_start_and_can_go_back(
    qtbot, database, db_path, gui_settings, answers
):
    context = AppContext(db_path, COUNTY, COUNTY_NAME, gui_settings)
    page = _page(qtbot, context)
    assert page.use_server_button.isEnabled()
    assert page.use_file_button.isVisible() == context.on_server
    assert page.location.text() == dbmod.database_location()

    dialog = page.choose_server()
    assert dialog.isVisible() and dialog.isModal()
    # As a passing test would leave it (the test itself is above, against a real server).
    dialog.url_edit.setText("postgresql://clerk@server.example:5432/fulian")
    dialog._passed = dialog.url()
    dialog._edited()
    dialog.accept()

    assert gui_settings.get(opts.SERVER_URL) == "postgresql://clerk@server.example:5432/fulian"
    kind, _title, text = answers.shown[-1]
    assert kind == "info" and "postgresql://clerk@server.example:5432/fulian" in text
    assert "postgresql://clerk@server.example:5432/fulian" in page.server_note.text()
    assert page.use_file_button.isVisible()

    answers.replies.append(True)  # yes, go back to this PC's file
    assert page.use_own_file()
    assert gui_settings.get(opts.SERVER_URL) == ""
    kind, _title, text = answers.shown[-1]
    assert kind == "info" and str(gui_app.database_path(gui_settings, None)) in text
    assert page.use_file_button.isVisible() == context.on_server


# --- starting on a server --------------------------------------------------------------------------


def _when_modal(action) -> None:
    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
        else:
            action(dialog)

    QTimer.singleShot(0, poll)


def test_a_server_unreachable_at_start_offers_this_pcs_file(qapp, tmp_path, gui_settings, answers, restore_app_font):
    url = unreachable_url()
    own = tmp_path / "own" / "fulian.sqlite3"
    gui_settings.set(opts.DB_PATH, str(own))  # this PC's own file
    # Quit: the program ends with the server's message, no traceback, nothing made.
    assert gui_app.run([], db_path=url, settings=gui_settings) == 1
    kind, title, text = answers.shown[-1]
    assert kind == "error" and title == _("Cannot open the database on the server")
    assert server.unreachable_text(url) in text
    assert str(own) in text
    assert not own.exists()

    # Use this PC's file: the window's first start on that file follows (here cancelled, the new file removed).
    gui_settings.set(opts.SERVER_URL, url)
    answers.replies.append(True)
    seen = []

    def cancel(dialog):
        seen.append(type(dialog).__name__)
        dialog.reject()

    _when_modal(cancel)
    assert gui_app.run([], settings=gui_settings) == 0
    assert answers.shown[-1][1] == _("Cannot open the database on the server")
    assert seen == ["FirstRunDialog"]
    assert not own.exists()
    assert gui_settings.get(opts.SERVER_URL) == url  # tried again at the next start


@pytest.mark.server_only
def test_starting_on_a_server_asks_the_clerk_and_makes_no_lock_file(
    qapp, tmp_path, monkeypatch, gui_settings, answers, restore_app_font
):
    url = engines.new_server_database()
    dbmod.open_database(url)
    units.set_own_unit(COUNTY, COUNTY_NAME)
    # Backed up a moment ago: this test is about the lock file (a server's backups are the server's).
    meta.put(meta.LAST_BACKUP, _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"))
    dbmod.close_database()
    # Where a lock file "<database>.lock" would be made for this URL if it were a file's path.
    monkeypatch.chdir(tmp_path)
    lock_folder = tmp_path / "postgresql:" / url.split("//", 1)[1].rsplit("/", 1)[0]
    lock_folder.mkdir(parents=True)
    gui_settings.set(opts.CLERK_NAME, "李会计")
    seen = {}

    def clerk_dialog(dialog):
        from gui.settings.clerk_dialog import ClerkDialog

        assert isinstance(dialog, ClerkDialog)
        seen["proposed"] = dialog.name_edit.text()
        dialog.name_edit.setText("王秘书")
        dialog.accept()
        _when_window(look)

    def look(window):
        seen["clerk"] = window.clerk_label.text()
        seen["database"] = window.db_label.text()
        seen["files"] = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
        window.close()

    _when_modal(clerk_dialog)
    assert gui_app.run([], db_path=url, settings=gui_settings) == 0

    assert seen["proposed"] == "李会计"
    assert seen["clerk"] == _("Clerk: {name}").format(name="王秘书")
    assert seen["database"] == _("Server: {url}").format(url=url)
    assert seen["files"] == ["settings.ini"]  # no lock file, no backup, nothing beside it
    assert not list(lock_folder.iterdir())
    assert gui_settings.get(opts.CLERK_NAME) == "王秘书"
    assert clerk.current() == "王秘书"
    workers.wait_for_all()


def _when_window(action) -> None:
    from gui.main_window import MainWindow

    def poll():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, poll)
        else:
            action(windows[0])

    QTimer.singleShot(0, poll)


@pytest.mark.server_only
def test_on_a_server_the_page_shows_no_file_backups_and_offers_a_server_backup_file(
    qtbot, database, db_path, gui_settings, answers
):
    from gui.settings.page import SERVER_BACKUP_SUFFIX

    page = _page(qtbot, AppContext(db_path, COUNTY, COUNTY_NAME, gui_settings))
    assert page.location.text() == db_path
    assert not page.backups_box.isVisible() and not page.show_folder_button.isVisible()
    assert not page.restore_button.isVisible()
    assert "pg_dump" in page.backup_note.text()

    assert page.back_up_now() is None  # the file dialog cancelled
    _kind, _caption, proposed, file_filter = answers.file_requests[-1]
    assert proposed.endswith(SERVER_BACKUP_SUFFIX) and "*" + SERVER_BACKUP_SUFFIX in file_filter


def test_main_py_with_only_db_opens_the_window_on_it():
    import main

    url = "postgresql://clerk@server:5432/fulian"
    assert main.window_database(["--db", url]) == url
    assert main.window_database([f"--db={url}"]) == url
    assert main.window_database(["check", "--db", url]) is None  # a command: the command line
    assert main.window_database(["--db"]) is None
