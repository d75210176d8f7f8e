"""Font coverage and the fallback markup reportlab paragraphs are built from."""

from __future__ import annotations

from forms import fonts


def test_fonts_register_once_with_their_coverage():
    first = fonts.register()
    assert fonts.register() is first
    assert ord("张") in first.main and ord("A") in first.main
    assert ord("䶮") not in first.main and ord("䶮") in first.fallback


def test_the_fallback_font_holds_only_what_the_main_font_lacks():
    # tools/build_fonts.py cuts Droid Sans Fallback to these: every CJK Extension A character, nothing twice.
    coverage = fonts.register()
    assert not coverage.main & coverage.fallback
    assert all(cp in coverage.fallback for cp in range(0x3400, 0x4DB6))


def test_markup_escapes_and_wraps_fallback_runs():
    assert fonts.markup("张三 <b>&") == "张三 &lt;b&gt;&amp;"
    assert fonts.markup("刘䶮") == '刘<font name="Fallback">䶮</font>'
    # A run of several fallback characters is one <font> element.
    assert fonts.markup("䶮䶮A") == '<font name="Fallback">䶮䶮</font>A'


def test_markup_turns_line_breaks_into_br_and_drops_invisible_characters():
    assert fonts.markup("第一行\r\n第二行") == "第一行<br/>第二行"
    assert fonts.markup("欧阳\u200b娜娜") == "欧阳娜娜"
    assert fonts.markup("") == "" and fonts.markup(None) == ""


def test_missing_characters_lists_only_what_no_font_draws():
    texts = ["刘䶮 欧阳娜娜\t\n", "\U00030041", None, "张\ue000\u200b"]  # U+30041: Extension G, in no shipped font
    assert fonts.missing_characters(texts) == ["\ue000", "\U00030041"]
    assert fonts.missing_characters(["执委会成员名册 1978.05 ①"]) == []
