"""Names with characters of CJK Extensions B–H (吕𡒄) print with real glyphs from the shipped rare fonts."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from forms import font_files, fonts
from forms.registry import FormOptions, build_form

from .conftest import TODAY, VILLAGE_CODE, person

RARE = "\U00021484"  # 𡒄, CJK Extension B
COMPAT = "\U0002f800"  # 丽, CJK Compatibility Ideographs Supplement
# One character of each later extension, and the font family that draws it.
EXTENSIONS = {
    "C": ("\U0002a700", "LedgerHanExt"),
    "D": ("\U0002b740", "LedgerHanExt"),
    "E": ("\U0002b820", "LedgerHanExt"),
    "F": ("\U0002ceb0", "LedgerHanExt"),
    "G": ("\U00030000", "LedgerHanExtGH"),
    "H": ("\U00031350", "LedgerHanExtGH"),
}
NOT_SHIPPED_G = "\U00030041"  # Extension G, drawn by no shipped font
EXT_I = "\U0002ebf0"  # Extension I (Unicode 15.1), drawn by no shipped font


def options(**kwargs) -> FormOptions:
    kwargs.setdefault("today", TODAY)
    return FormOptions(VILLAGE_CODE, **kwargs)


def shipped_font(filename: str):
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(font_files.unpacked(filename)))


def embedded_glyph(pdf, char: str, font_name_part: str):
    """The glyph the PDF's embedded font draws for ``char`` (ToUnicode holds UTF-16BE)."""
    from fontTools.ttLib import TTFont

    for name, font in pdf.fonts().items():
        if font_name_part not in name:
            continue
        cmap_text = font["/ToUnicode"].get_object().get_data().decode("ascii")
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap_text):
            if len(uni) % 4 == 0 and bytes.fromhex(uni).decode("utf-16-be", "replace") == char:
                program = TTFont(io.BytesIO(font["/FontDescriptor"]["/FontFile2"].get_object().get_data()))
                cmap = {}
                for table in program["cmap"].tables:
                    cmap.update(table.cmap)
                return program["glyf"][cmap[int(code, 16)]]
    return None


def test_the_shipped_rare_fonts_have_outlines_for_extensions_b_to_h_and_the_supplement():
    main, gh = shipped_font("LedgerHanExt.ttf"), shipped_font("LedgerHanExtGH.ttf")
    chars = {"LedgerHanExt": [RARE, COMPAT, "\U00020000", "\U0002a6d6"], "LedgerHanExtGH": []}
    for char, family in EXTENSIONS.values():
        chars[family].append(char)
    for font, family in ((main, "LedgerHanExt"), (gh, "LedgerHanExtGH")):
        cmap = font.getBestCmap()
        for char in chars[family]:
            assert font["glyf"][cmap[ord(char)]].numberOfContours > 0, f"U+{ord(char):X} has no outline"
        assert "glyf" in font and "CFF " not in font  # reportlab embeds TrueType outlines only
    main_cmap, gh_cmap = main.getBestCmap(), gh.getBestCmap()
    assert sum(0x20000 <= c <= 0x2A6DF for c in main_cmap) >= 42_700  # Extension B
    assert sum(0x2A700 <= c <= 0x2EBEF for c in main_cmap) >= 17_600  # Extensions C–F
    assert sum(0x30000 <= c <= 0x323AF for c in gh_cmap) >= 5_300  # Extensions G–H, in part
    assert not set(main_cmap) & set(gh_cmap)  # the second font only adds


def test_a_roster_prints_an_extension_b_name_with_the_rare_font(add_people, tmp_path, read_pdf):
    add_people(3, person("吕" + RARE, "executive"), person("刘䶮", "backbone"))
    result = build_form("roster", tmp_path / "roster.pdf", options())
    assert result.missing_characters == []
    pdf = read_pdf(result.path)
    drawn = {c["text"]: c["fontname"] for page in pdf.chars for c in page if c["text"] in ("吕", RARE, "䶮")}
    assert "LedgerHanExt" in drawn[RARE] and "NotoSansSC" in drawn["吕"] and "Droid" in drawn["䶮"]
    # Copying or searching the PDF finds the name itself, not a look-alike BMP character.
    assert "吕" + RARE in pdf.text
    glyph = embedded_glyph(pdf, RARE, "LedgerHanExt")
    assert glyph is not None and glyph.numberOfContours > 0, "𡒄 was drawn as an empty or missing glyph"
    for name, font in pdf.fonts().items():
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"


def test_a_name_from_each_later_extension_prints_with_a_real_glyph(add_people, tmp_path, read_pdf):
    names = {ext: "吕" + char for ext, (char, _family) in EXTENSIONS.items()}
    add_people(1, *(person(name, "backbone") for name in names.values()))
    result = build_form("roster", tmp_path / "roster.pdf", options())
    assert result.missing_characters == []
    pdf = read_pdf(result.path)
    drawn = {c["text"]: c["fontname"] for page in pdf.chars for c in page}
    for ext, (char, family) in EXTENSIONS.items():
        assert family + "-" in drawn[char], f"Extension {ext} drawn with {drawn[char]}"
        assert names[ext] in pdf.text
        glyph = embedded_glyph(pdf, char, family + "-")
        assert glyph is not None and glyph.numberOfContours > 0, f"Extension {ext}: no outline"


def test_a_rare_character_inside_bold_text_still_prints():
    # Headings are bold; the rare font has no bold face and must not make reportlab fail.
    assert fonts.markup("<b>吕" + RARE + "</b>").count('<font name="RareHan">') == 1
    assert fonts.markup("吕" + RARE + COMPAT + "A") == '吕<font name="RareHan">' + RARE + COMPAT + "</font>A"


def test_a_character_in_no_shipped_font_is_still_reported(add_people, tmp_path):
    tangut = "\U00017000"
    add_people(1, person("吕" + RARE + NOT_SHIPPED_G, "backbone"), person("张" + tangut + EXT_I, "backbone"))
    seen = []
    result = build_form("roster", tmp_path / "roster.pdf", options(report_missing=seen.append))
    expected = [tangut, EXT_I, NOT_SHIPPED_G]
    assert seen == [expected] and result.missing_characters == expected


def test_forms_without_rare_characters_never_unpack_the_rare_font():
    code = (
        "from forms import fonts\n"
        "fonts.missing_characters(['刘䶮 张三 \\ue000 \\U00017000'])\n"
        "fonts.markup('刘䶮 张三')\n"
        "print(fonts._rare_coverage is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
