"""CJK Extension B names (吕𡒄) print with a real glyph from the shipped rare font."""

from __future__ import annotations

import io
import lzma
import re
import subprocess
import sys

from forms import fonts
from forms.registry import FormOptions, build_form

from .conftest import TODAY, VILLAGE_CODE, person

RARE = "\U00021484"  # 𡒄, CJK Extension B
COMPAT = "\U0002f800"  # 丽, CJK Compatibility Ideographs Supplement


def options(**kwargs) -> FormOptions:
    kwargs.setdefault("today", TODAY)
    return FormOptions(VILLAGE_CODE, **kwargs)


def shipped_rare_font():
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(lzma.decompress((fonts.FONT_DIR / fonts.RARE_FILE).read_bytes())))


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


def test_the_shipped_rare_font_has_outlines_for_extension_b_and_the_supplement():
    font = shipped_rare_font()
    cmap = font.getBestCmap()
    for char in (RARE, COMPAT, "\U00020000", "\U0002a6d6"):
        assert font["glyf"][cmap[ord(char)]].numberOfContours > 0, f"U+{ord(char):X} has no outline"
    assert "glyf" in font and "CFF " not in font  # reportlab embeds TrueType outlines only
    assert sum(0x20000 <= c <= 0x2A6DF for c in cmap) >= 42_700


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


def test_a_rare_character_inside_bold_text_still_prints():
    # Headings are bold; the rare font has no bold face and must not make reportlab fail.
    assert fonts.markup("<b>吕" + RARE + "</b>").count('<font name="RareHan">') == 1
    assert fonts.markup("吕" + RARE + COMPAT + "A") == '吕<font name="RareHan">' + RARE + COMPAT + "</font>A"


def test_a_character_in_no_shipped_font_is_still_reported(add_people, tmp_path):
    tangut, ext_g = "\U00017000", "\U00030000"
    add_people(1, person("吕" + RARE + ext_g, "backbone"), person("张" + tangut, "backbone"))
    seen = []
    result = build_form("roster", tmp_path / "roster.pdf", options(report_missing=seen.append))
    assert seen == [[tangut, ext_g]] and result.missing_characters == [tangut, ext_g]


def test_forms_without_rare_characters_never_unpack_the_rare_font():
    code = (
        "from forms import fonts\n"
        "fonts.missing_characters(['刘䶮 张三 \\ue000 \\U00017000'])\n"
        "fonts.markup('刘䶮 张三')\n"
        "print(fonts._rare_data is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
