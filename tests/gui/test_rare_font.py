"""Names with characters of CJK Extensions B–H (吕𡒄) show on screen with the shipped rare fonts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from gui import resources
from gui.people.page import PeoplePage
from models.people import PersonInput, save_person
from tests.gui.gui_helpers import show_widget

NAME = "吕\U00021484"  # 𡒄 U+21484, CJK Extension B


def drawn_with(text: str, font: QFont) -> list[tuple[str, list[int]]]:
    """For each character of ``text``: the family Qt draws it with and its glyph indexes."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    drawn, start = [], 0
    for char in text:
        width = len(char.encode("utf-16-le")) // 2  # Qt counts UTF-16 units
        runs = layout.glyphRuns(start, width)
        drawn.append((runs[0].rawFont().familyName(), [g for run in runs for g in run.glyphIndexes()]))
        start += width
    return drawn


@pytest.fixture
def ui_fonts(qapp, restore_app_font):
    resources.register_fonts()
    assert resources.register_rare_font()
    QApplication.setFont(resources.ui_font())


def test_the_rare_fonts_draw_extensions_b_to_h_and_the_supplement(ui_fonts):
    metrics = QFontMetrics(QFont(resources.RARE_FAMILY))
    for code in (0x21484, 0x20000, 0x2F800, 0x2A700, 0x2B740, 0x2B820, 0x2CEB0):
        assert metrics.inFontUcs4(code), f"U+{code:X}"
    metrics_gh = QFontMetrics(QFont(resources.RARE_GH_FAMILY))
    for code in (0x30000, 0x31350):  # Extensions G and H
        assert metrics_gh.inFontUcs4(code), f"U+{code:X}"


def test_a_label_shows_an_extension_h_character_with_the_second_rare_font(qtbot, ui_fonts):
    label = show_widget(qtbot, QLabel("吕\U00031350"))
    family, glyphs = drawn_with(label.text(), label.font())[1]
    assert family == resources.RARE_GH_FAMILY and glyphs and 0 not in glyphs


def test_a_label_shows_the_second_character_of_a_name_with_the_rare_font(qtbot, ui_fonts):
    label = show_widget(qtbot, QLabel(NAME))
    drawn = drawn_with(label.text(), label.font())
    assert [family for family, _glyphs in drawn] == [resources.UI_FAMILY, resources.RARE_FAMILY]
    for _family, glyphs in drawn:
        assert glyphs and 0 not in glyphs, "a character was drawn as the missing-glyph box"


def test_the_rare_font_is_registered_in_the_background(qtbot, qapp, monkeypatch, restore_app_font):
    monkeypatch.setattr(resources, "_rare_registered", False)
    resources.register_fonts()
    QApplication.setFont(resources.ui_font())
    label = show_widget(qtbot, QLabel(NAME))
    resources.load_rare_font_later()
    assert not resources.rare_font_registered()  # the caller does not wait for the unpacking
    qtbot.waitUntil(resources.rare_font_registered, timeout=15_000)
    family, glyphs = drawn_with(label.text(), label.font())[1]
    assert family == resources.RARE_FAMILY and glyphs and 0 not in glyphs


def test_the_people_page_lists_an_extension_b_name_with_a_real_glyph(qtbot, gui_context, answers, ui_fonts):
    save_person(PersonInput(name=NAME, birth="1980-02", post="executive"), gui_context.unit_code)
    save_person(PersonInput(name="刘䶮", birth="1975-09", post="chair"), gui_context.unit_code)
    page = show_widget(qtbot, PeoplePage(gui_context), (1100, 500))
    names = [page.model.person_at(r).name for r in range(page.model.rowCount())]
    assert NAME in names
    family, glyphs = drawn_with(NAME, page.table.font())[1]
    assert family == resources.RARE_FAMILY and glyphs and 0 not in glyphs
