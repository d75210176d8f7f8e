"""The settings page: language, larger text, backups, restoring a backup."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QSpinBox

from gui.resources import LARGE_POINT_SIZE, NORMAL_POINT_SIZE
from gui.settings import store as opts
from gui.settings.page import SERVER_BACKUP_SUFFIX, SettingsPage
from models import db as dbmod
from models.i18n import _
from models.people import Person, PersonInput, save_person
from tests.gui.gui_helpers import show_widget


@pytest.fixture
def page(qtbot, gui_context, answers):
    return show_widget(qtbot, SettingsPage(gui_context), (1000, 700))


def test_larger_text_applies_to_the_whole_program_at_once(qtbot, page, gui_context, restore_app_font):
    from gui.app import apply_font_size

    apply_font_size(QApplication.instance(), False)
    assert QApplication.font().pointSizeF() == pytest.approx(NORMAL_POINT_SIZE)
    qtbot.mouseClick(page.large_font, Qt.LeftButton, pos=QPoint(8, page.large_font.height() // 2))
    assert page.large_font.isChecked()
    assert QApplication.font().pointSizeF() == pytest.approx(LARGE_POINT_SIZE)
    # Widgets pick the new font up from the event loop.
    qtbot.waitUntil(lambda: page.location.font().pointSizeF() == pytest.approx(LARGE_POINT_SIZE), timeout=2000)
    assert gui_context.settings.get(opts.LARGE_FONT) is True
    page.large_font.setChecked(False)
    assert QApplication.font().pointSizeF() == pytest.approx(NORMAL_POINT_SIZE)


def test_language_is_stored_for_the_next_start(page, gui_context, answers):
    page.language.setCurrentIndex(page.language.findData("en"))
    assert gui_context.settings.get(opts.LANGUAGE) == "en"
    assert answers.shown[-1][0] == "info"
    assert page.language_note.text() == _("A new language takes effect the next time the program starts.")


def test_no_setting_pretends_to_choose_how_many_backups_are_kept(page):
    # Rotation is the core's fixed policy (30 daily, 12 monthly, 10 of each other kind).
    assert page.findChild(QSpinBox, "keep_backups") is None


def test_the_database_location_is_shown(page, gui_context):
    assert page.location.text() == str(gui_context.db_path)
    assert page.location.toolTip() == str(gui_context.db_path)  # whole there when shortened in the middle


def test_back_up_now_writes_a_checked_copy(qtbot, page, answers, tmp_path):
    target = tmp_path / "usb" / "backup.sqlite3"
    target.parent.mkdir()
    answers.files.append(str(target))
    with qtbot.waitSignal(page.backup_made, timeout=5000):
        qtbot.mouseClick(page.backup_button, Qt.LeftButton)
    assert target.is_file()
    assert dbmod.integrity_problems(target) == []
    assert dbmod.read_schema_version(target) >= 1
    assert dbmod.last_backup_at() is not None
    kind, title, text = answers.shown[-1]
    assert kind == "info" and str(target) in text


def test_backup_default_name_names_the_unit(page, answers):
    answers.files.append(None)
    assert page.back_up_now() is None
    kind, _caption, default, _filter = answers.file_requests[0]
    suffix = SERVER_BACKUP_SUFFIX if page.context.on_server else ".sqlite3"  # a server's: a pg_dump file
    assert kind == "save" and "石门村" in default and default.endswith(suffix)


def test_restore_puts_the_backup_back_and_tells_the_window(qtbot, page, gui_context, answers, tmp_path):
    backup = dbmod.backup_to(tmp_path / "before.sqlite3")
    save_person(PersonInput(name="张晓红", post="chair"), gui_context.unit_code)
    assert Person.live().count() == 1

    answers.files.append(str(backup))
    answers.replies.extend([True, True])  # "replace everything?" → Yes; then the result message
    with qtbot.waitSignal(page.database_replaced, timeout=5000):
        qtbot.mouseClick(page.restore_button, Qt.LeftButton)
    question = next(text for kind, _title, text in answers.shown if kind == "question")
    assert str(gui_context.db_path) in question and str(backup) in question
    assert Person.live().count() == 0  # the reopened database is the backup's
    assert any((dbmod.backups_dir(gui_context.db_path)).glob("*before-restore*.sqlite3"))


def test_restore_runs_off_the_gui_thread_and_the_window_keeps_responding(qtbot, page, gui_context, answers, tmp_path):
    """While the backup is copied back the event loop keeps running (a busy dialog,
    repaints): a timer queued before the click fires before the page says it reloaded."""
    from PySide6.QtCore import QTimer

    backup = dbmod.backup_to(tmp_path / "before.sqlite3")
    save_person(PersonInput(name="张晓红", post="chair"), gui_context.unit_code)
    answers.files.append(str(backup))
    answers.replies.extend([True, True])
    happened: list[str] = []
    page.database_replaced.connect(lambda: happened.append("reloaded"))
    QTimer.singleShot(0, lambda: happened.append("event loop ran"))
    assert page.restore() is True
    assert happened == ["event loop ran", "reloaded"]
    assert Person.live().count() == 0
    assert answers.shown[-1][0] == "info" and str(backup) in answers.shown[-1][2]


def test_restore_asks_first_and_does_nothing_on_no(page, gui_context, answers, tmp_path):
    backup = dbmod.backup_to(tmp_path / "before.sqlite3")
    save_person(PersonInput(name="张晓红", post="chair"), gui_context.unit_code)
    answers.files.append(str(backup))
    answers.replies.append(False)
    assert page.restore() is False
    assert Person.live().count() == 1


def test_restoring_something_that_is_not_a_backup_is_refused(page, gui_context, answers, tmp_path):
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    save_person(PersonInput(name="张晓红", post="chair"), gui_context.unit_code)
    answers.files.append(str(junk))
    answers.replies.extend([True, True])
    happened: list[str] = []
    page.database_replaced.connect(lambda: happened.append("reloaded"))
    assert page.restore() is False
    kind, _title, text = answers.shown[-1]
    assert kind == "error" and text.startswith(_("The database was not restored: {error}").split("{")[0])
    assert str(junk) in text
    assert happened == []
    assert Person.live().count() == 1  # still open, still the same data


def test_the_access_log_shows_the_latest_exports(qtbot, page, tmp_path):
    import getpass

    from models import exchange

    assert page.access_table.rowCount() == 0
    exchange.export_package(tmp_path / "sent.fulian")
    page.refresh()
    assert page.access_table.rowCount() == 1
    assert page.access_table.item(0, 1).text() == getpass.getuser()
    assert "sent.fulian" in page.access_table.item(0, 2).text()


def test_the_access_log_names_a_printed_named_list_in_words(qtbot, page, tmp_path, monkeypatch):
    from forms import registry
    from forms.roster import TITLE, build

    # A stand-in for a register's form that names people (the registers' own forms set names_people too).
    named = registry.FormSpec("named-stand-in", TITLE, ("pdf",), build, names_people=True)
    monkeypatch.setitem(registry.FORMS, named.name, named)
    registry.build_form(named.name, tmp_path / "named.pdf", registry.FormOptions(page.context.unit_code))
    page.refresh()
    assert page.access_table.rowCount() == 1
    what = page.access_table.item(0, 2).text()
    assert what.startswith(_("Printed a named list of the rights-and-care registers"))
    assert _(TITLE) in what and "named.pdf" in what
