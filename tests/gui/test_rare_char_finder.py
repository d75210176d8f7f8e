"""Typing a rare character (生僻字) into a name: the finder opened by F8 or by the field's button."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from gui import app as guiapp
from gui.common import rare_char_finder, rare_char_key
from gui.common.rare_char_finder import RareCharFinder
from gui.people.person_dialog import PersonDialog
from models.i18n import _
from models.people import Person
from tests.gui.gui_helpers import show_widget, type_text

LAN = "\U00021484"  # 𡒄


@pytest.fixture(autouse=True)
def answered(answers):
    return answers


@pytest.fixture
def shortcut(qapp):
    rare_char_key.install(qapp)


@pytest.fixture
def dialog(qtbot, gui_context, shortcut):
    return show_widget(qtbot, PersonDialog(gui_context))


def finder_of(field: QLineEdit) -> RareCharFinder:
    finders = [f for f in field.findChildren(RareCharFinder) if f.isVisible()]
    assert len(finders) == 1, "the finder did not open for this field"
    return finders[0]


def listed(finder: RareCharFinder) -> list[str]:
    return [finder.grid.item(row).text() for row in range(finder.grid.count())]


def press_f8(field: QLineEdit, qtbot) -> RareCharFinder:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_F8)
    return finder_of(field)


def test_f8_in_the_name_finds_a_character_by_code_and_enter_puts_it_after_the_surname(qtbot, dialog):
    type_text(dialog.name, "吕")
    finder = press_f8(dialog.name, qtbot)
    assert finder.windowTitle() == _("Rare character")
    qtbot.keyClicks(finder.search, "U+21484")
    assert listed(finder) == [LAN]
    assert "U+21484" in finder.status.text() and "lǎn" in finder.status.text()
    assert _("{count} strokes").format(count=16) in finder.status.text()
    qtbot.keyClick(finder.search, Qt.Key_Return)
    assert dialog.name.text() == f"吕{LAN}"
    assert not finder.isVisible()
    assert QApplication.focusWidget() is dialog.name


def test_the_button_finds_it_by_reading_and_inserts_at_the_cursor(qtbot, dialog):
    dialog.name.setText("吕芳")
    dialog.name.setCursorPosition(1)
    assert rare_char_finder.SHORTCUT in dialog.rare_character.toolTip()
    dialog.rare_character.trigger()
    finder = finder_of(dialog.name)
    qtbot.keyClicks(finder.search, "lan3")
    assert LAN in listed(finder)
    # Down in the search box walks the candidates; Enter inserts the one chosen.
    while finder.grid.currentItem().text() != LAN:
        before = finder.grid.currentRow()
        qtbot.keyClick(finder.search, Qt.Key_Down)
        assert finder.grid.currentRow() == before + 1
    qtbot.keyClick(finder.search, Qt.Key_Return)
    assert dialog.name.text() == f"吕{LAN}芳"


def test_double_click_inserts_and_the_saved_person_is_found_by_pinyin(qtbot, dialog, gui_context):
    from models.people import search

    type_text(dialog.name, "吕")
    finder = press_f8(dialog.name, qtbot)
    type_text(finder.search, "土13")  # radical 土 and 13 more strokes
    item = finder.grid.findItems(LAN, Qt.MatchExactly)[0]
    qtbot.waitExposed(finder)
    finder.grid.scrollToItem(item)
    rect = finder.grid.visualItemRect(item)
    # A double click as the platform delivers it: a press, then the double-click event.
    qtbot.mousePress(finder.grid.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(finder.grid.viewport(), Qt.LeftButton, pos=rect.center())
    assert dialog.name.text() == f"吕{LAN}"
    dialog.save()
    assert [p.name for p in search(Person.live(), "lvlan")] == [f"吕{LAN}"]


def test_nothing_found_says_so_and_cancel_leaves_the_name_alone(qtbot, dialog):
    type_text(dialog.name, "吕")
    finder = press_f8(dialog.name, qtbot)
    qtbot.keyClicks(finder.search, "xyzzy")
    assert listed(finder) == []
    assert finder.status.text() == _("No character found.")
    assert not finder.insert_button.isEnabled()
    qtbot.keyClick(finder.search, Qt.Key_Return)
    qtbot.keyClick(finder.search, Qt.Key_Escape)
    assert not finder.isVisible()
    assert dialog.name.text() == "吕"


def test_f8_works_in_a_field_without_the_button_and_not_in_a_read_only_one(qtbot, dialog):
    field = dialog.workplace  # no button of its own: the application-wide key serves it
    assert not [a for a in field.actions() if a.objectName() == "rare_character"]
    finder = press_f8(field, qtbot)
    qtbot.keyClicks(finder.search, "21484")
    qtbot.keyClick(finder.search, Qt.Key_Return)
    assert field.text() == LAN
    field.setReadOnly(True)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_F8)
    assert not [f for f in field.findChildren(RareCharFinder) if f.isVisible()]


def test_the_application_setup_installs_the_key(qtbot, qapp, gui_settings, restore_app_font, monkeypatch):
    if rare_char_key._filter is not None:  # installed by an earlier test: start without it
        qapp.focusChanged.disconnect(rare_char_key._filter.follow_focus)
        monkeypatch.setattr(rare_char_key, "_filter", None)
    field = show_widget(qtbot, QLineEdit())
    field.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    guiapp.configure_application(qapp, gui_settings)  # with the field already focused
    qtbot.keyClick(field, Qt.Key_F8)
    finder_of(field).reject()


def test_the_other_name_fields_have_the_button(qtbot, gui_context, shortcut):
    from gui.homes.activity_dialog import ActivityDialog
    from gui.homes.home_dialog import HomeDialog
    from gui.training.trainee_picker import TypeInDialog
    from models.training import TrainingInput, save_training

    training = save_training(
        TrainingInput(
            name="巧手编织技能培训",
            organiser="石门村妇联",
            organiser_level="village",
            start_date=dt.date(2026, 4, 14),
            end_date=dt.date(2026, 4, 14),
            place="石门村妇女之家",
        ),
        gui_context.unit_code,
    )
    type_in = show_widget(qtbot, TypeInDialog(gui_context, training))
    activity = show_widget(qtbot, ActivityDialog(gui_context))
    home = show_widget(qtbot, HomeDialog(gui_context))
    fields = [type_in.form.name, activity.participants.entry, activity.leader, activity.recorder, home.manager]
    for field in fields:
        buttons = [a for a in field.actions() if a.objectName() == "rare_character"]
        assert len(buttons) == 1
        field.clear()
        buttons[0].trigger()
        finder = finder_of(field)
        qtbot.keyClicks(finder.search, "u21484")
        qtbot.keyClick(finder.search, Qt.Key_Return)
        assert field.text() == LAN


def test_the_people_page_finds_the_name_by_its_pinyin_and_by_the_character_typed_with_f8(
    qtbot, gui_context, answers, shortcut
):
    from gui.common.page import SEARCH
    from gui.people.page import PeoplePage
    from models.people import PersonInput, save_person

    for name in (f"吕{LAN}", "吕森", "王芳"):
        save_person(PersonInput(name=name), gui_context.unit_code)
    page = show_widget(qtbot, PeoplePage(gui_context), (1100, 700))
    page.refresh()
    page.trigger(SEARCH)
    names = lambda: [page.model.person_at(r).name for r in range(page.model.rowCount())]  # noqa: E731
    qtbot.keyClicks(page.search_box, "lvlan")
    qtbot.waitUntil(lambda: names() == [f"吕{LAN}"], timeout=2000)
    page.search_box.clear()
    qtbot.waitUntil(lambda: len(names()) == 3, timeout=2000)
    finder = press_f8(page.search_box, qtbot)
    qtbot.keyClicks(finder.search, "U+21484")
    qtbot.keyClick(finder.search, Qt.Key_Return)
    assert page.search_box.text() == LAN
    qtbot.waitUntil(lambda: names() == [f"吕{LAN}"], timeout=2000)
