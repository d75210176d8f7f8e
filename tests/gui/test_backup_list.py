"""The settings page's list of backups: what is there, and restoring one of them."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from gui.settings.page import SettingsPage
from models import db as dbmod
from models.i18n import _
from models.people import Person, PersonInput, save_person
from tests.conftest import VILLAGE_NAME
from tests.gui.gui_helpers import show_widget


@pytest.fixture
def page(qtbot, gui_context, answers):
    return show_widget(qtbot, SettingsPage(gui_context), (1000, 700))


def cells(page) -> list[list[str]]:
    table = page.backups
    return [
        [table.item(row, column).text() for column in range(table.columnCount())] for row in range(table.rowCount())
    ]


def click_row(qtbot, page, row: int) -> None:
    table = page.backups
    rect = table.visualRect(table.model().index(row, 0))
    table.scrollTo(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())


def test_an_empty_list_says_where_backups_will_be(page, gui_context):
    """Said inside the empty table, where the backups will be listed, not under it."""
    assert page.backups.rowCount() == 0
    assert str(dbmod.backups_dir(gui_context.db_path)) in page.backups_empty.text()
    assert page.backups_empty.isVisible() and page.backups_empty.parentWidget() is page.backups.viewport()
    assert not page.backups_note.isVisible()
    assert not page.restore_selected_button.isEnabled()


def test_the_columns_fit_their_headers_and_texts_even_with_no_backup(qtbot, page, gui_context):
    header = page.backups.horizontalHeader()
    for column in (0, 1, 3):
        assert header.sectionSize(column) > header.sectionSizeHint(column), column
    assert header.sectionPosition(3) + header.sectionSize(3) <= page.backups.viewport().width()
    dbmod.automatic_backup("before-import")
    page.refresh()
    assert not page.backups_empty.isVisible()
    assert page.backups_note.isVisible()
    metrics = page.backups.fontMetrics()
    for column in (0, 1, 3):
        assert header.sectionSize(column) > metrics.horizontalAdvance(page.backups.item(0, column).text()), column


def test_backups_are_listed_newest_first_with_date_what_made_them_unit_and_size(qtbot, page, gui_context):
    dbmod.automatic_backup("daily")
    time.sleep(1.1)  # a later second: listed above
    dbmod.automatic_backup("before-import")
    page.hide()
    page.show()  # the list is read again each time the page is shown
    rows = cells(page)
    assert [row[1] for row in rows] == [_("before an import"), _("daily")]
    assert all(VILLAGE_NAME in row[2] for row in rows)
    assert all(row[3].endswith("KB") and row[0] for row in rows)


def test_a_damaged_backup_is_listed_but_cannot_be_restored(qtbot, page, gui_context):
    folder = dbmod.backups_dir(gui_context.db_path)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "copy.sqlite3").write_bytes(b"not a database" * 300)
    page.refresh()
    assert cells(page)[0][2] == _("damaged or unreadable")
    click_row(qtbot, page, 0)
    assert not page.restore_selected_button.isEnabled()


def test_restoring_the_selected_backup_asks_first_then_puts_it_back(qtbot, page, gui_context, answers):
    backup = dbmod.automatic_backup("daily")
    save_person(PersonInput(name="Wang Fang"), gui_context.unit_code)
    page.refresh()
    click_row(qtbot, page, 0)
    assert page.restore_selected_button.isEnabled()

    answers.replies.extend([True, True])  # "replace everything?" → Yes; then the result message
    with qtbot.waitSignal(page.database_replaced, timeout=5000):
        qtbot.mouseClick(page.restore_selected_button, Qt.LeftButton)

    question = next(text for kind, _title, text in answers.shown if kind == "question")
    assert str(backup) in question
    assert answers.file_requests == []  # the list chose the file: no file dialog
    assert Person.live().count() == 0
    # The copy made before the restore is listed at once.
    assert _("before a restore") in [row[1] for row in cells(page)]


def test_restoring_the_selected_backup_does_nothing_on_no(qtbot, page, gui_context, answers):
    dbmod.automatic_backup("daily")
    save_person(PersonInput(name="Wang Fang"), gui_context.unit_code)
    page.refresh()
    click_row(qtbot, page, 0)
    answers.replies.append(False)
    qtbot.mouseClick(page.restore_selected_button, Qt.LeftButton)
    assert Person.live().count() == 1
    assert len(cells(page)) == 1


def test_a_backup_of_another_unit_in_the_list_is_refused_on_restore(qtbot, page, gui_context, answers, tmp_path):
    other = tmp_path / "other.sqlite3"
    dbmod.close_database()
    from models import units

    dbmod.open_database(other)
    units.set_own_unit("430121100202", "桃花村")
    dbmod.backup_to(dbmod.backups_dir(gui_context.db_path) / "from the other village.sqlite3")
    dbmod.close_database()
    dbmod.open_database(gui_context.db_path)
    page.refresh()
    assert "桃花村" in cells(page)[0][2]
    click_row(qtbot, page, 0)
    answers.replies.extend([True, True])
    assert page.restore_selected() is False
    kind, _title, text = answers.shown[-1]
    assert kind == "error" and "桃花村" in text
    assert dbmod.database_unit(gui_context.db_path)[0] == gui_context.unit_code
