"""The shipped fonts in reportlab: registration, coverage and fallback markup.

reportlab has no per-glyph font fallback, so text is split here: runs of
characters the main font (Noto Sans SC) lacks are drawn with Droid Sans
Fallback (CJK Extension A, e.g. 䶮), and runs neither has with Ledger Han
Ext (CJK Extensions B–F and the Compatibility Ideographs Supplement, e.g. 𡒄)
or Ledger Han Ext GH (Extensions G and H). Characters no shipped font has
are listed by ``missing_characters`` so the user is told before printing.

The fonts come from forms/font_files.py (shipped packed, unpacked once into
the user's cache folder). Registering the three small fonts costs about
0.15 s, so it happens once per process, the first time a form is built,
never at import. Reading the two rare fonts (35 MB) costs about a second
more, so they are registered only when a text holds a character of the
supplementary ideographic planes that the other fonts lack.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from forms import font_files

# reportlab font names. MAIN is also the family name, so <b> picks BOLD.
MAIN = "NotoSansSC"
BOLD = "NotoSansSC-Bold"
FALLBACK = "Fallback"

_FILES = {
    MAIN: "NotoSansSC-Regular.ttf",
    BOLD: "NotoSansSC-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}
# The fonts the window registers before it is shown.
INTERFACE_FILES = tuple(_FILES.values())
# The fonts for CJK Extensions B–H, in the order they are asked for a character.
RARE_FILES = {
    "RareHan": "LedgerHanExt.ttf",
    "RareHanGH": "LedgerHanExtGH.ttf",
}


class _Coverage(NamedTuple):
    """The code points the main font and the fallback font can draw.

    The bold font is cut from the same character list as the regular one,
    so the main font's coverage stands for both.
    """

    main: frozenset[int]
    fallback: frozenset[int]


_lock = threading.Lock()
_coverage: _Coverage | None = None
_rare_lock = threading.Lock()
_rare_coverage: dict[str, frozenset[int]] | None = None


def _ttfont(name: str, filename: str):
    """A reportlab TTFont of a shipped font; a damaged cached copy is replaced by a fresh unpacking."""
    from reportlab.pdfbase.ttfonts import TTFont

    source = font_files.truetype(filename)
    if isinstance(source, Path):
        try:
            return TTFont(name, str(source))
        except Exception:  # reportlab raises several kinds for a damaged file
            source = font_files.unpacked(filename)
    return TTFont(name, io.BytesIO(source))


def register() -> _Coverage:
    """Register the fonts and their families with reportlab (once per process)."""
    global _coverage
    if _coverage is not None:
        return _coverage
    with _lock:
        if _coverage is None:
            from reportlab.pdfbase import pdfmetrics

            faces = {}
            for name, filename in _FILES.items():
                font = _ttfont(name, filename)
                pdfmetrics.registerFont(font)
                faces[name] = frozenset(font.face.charToGlyph)
            pdfmetrics.registerFontFamily(MAIN, normal=MAIN, bold=BOLD, italic=MAIN, boldItalic=BOLD)
            # Droid has no bold: a fallback run inside <b> stays regular rather than failing.
            pdfmetrics.registerFontFamily(
                FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK
            )
            _coverage = _Coverage(faces[MAIN], faces[FALLBACK])
    return _coverage


def _may_be_rare(code: int) -> bool:
    """Only the supplementary ideographic planes (2 and 3) are worth reading the rare fonts for."""
    return 0x20000 <= code <= 0x3FFFF


def rare_coverage() -> dict[str, frozenset[int]]:
    """Register the rare fonts with reportlab (once, on first need): the code points each draws."""
    global _rare_coverage
    if _rare_coverage is not None:
        return _rare_coverage
    with _rare_lock:
        if _rare_coverage is None:
            from reportlab.pdfbase import pdfmetrics, ttfonts

            _write_supplementary_to_unicode(ttfonts)
            coverage = {}
            for name, filename in RARE_FILES.items():
                font = _ttfont(name, filename)
                pdfmetrics.registerFont(font)
                # No bold face: a rare character inside <b> stays regular rather than failing.
                pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
                coverage[name] = frozenset(font.face.charToGlyph)
            _rare_coverage = coverage
    return _rare_coverage


def _write_supplementary_to_unicode(ttfonts) -> None:
    """Make reportlab's ToUnicode maps name characters beyond U+FFFF correctly.

    reportlab writes every code point as ``<%04X>``, so U+21484 becomes
    ``<21484>``, which PDF readers take as U+2148 (ⅈ): the glyph prints right
    but copying or searching the text finds the wrong character. PDF wants
    UTF-16BE there, i.e. the surrogate pair ``<D845DC84>``.
    """
    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_fulian_utf16", False):
        return

    def make(fontname, subset):
        text = original(fontname, subset)
        for index, code in enumerate(subset):
            if code > 0xFFFF:
                utf16 = chr(code).encode("utf-16-be").hex().upper()
                text = text.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{utf16}>")
        return text

    make._fulian_utf16 = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


def _invisible(char: str) -> bool:
    """Whitespace, control and format characters: nothing to draw, nothing to report."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def missing_characters(texts: Iterable[str | None]) -> list[str]:
    """The characters in ``texts`` that no shipped font can draw, in code point order."""
    coverage = register()
    seen: set[str] = set()
    for text in texts:
        if text:
            seen.update(text)
    missing = [c for c in seen if not _invisible(c) and ord(c) not in coverage.main and ord(c) not in coverage.fallback]
    if any(_may_be_rare(ord(c)) for c in missing):
        rare = rare_coverage().values()
        missing = [c for c in missing if not any(ord(c) in drawn for drawn in rare)]
    return sorted(missing)


def plain(text: str) -> bool:
    """True when ``text`` is one line the main font draws entirely, so it can
    be drawn as a plain string instead of Paragraph markup."""
    main = register().main
    return all((ord(c) in main and not _invisible(c)) or c == " " for c in text)


def _font_for(code: int, coverage: _Coverage) -> str:
    """The reportlab font that draws ``code``: main, then Extension A, then the rare font."""
    if code in coverage.main:
        return MAIN
    if code in coverage.fallback:
        return FALLBACK
    if _may_be_rare(code):
        for name, drawn in rare_coverage().items():
            if code in drawn:
                return name
    return MAIN


def markup(text: str | None) -> str:
    """Plain text as Paragraph markup: XML-escaped, fallback runs wrapped in <font>.

    Line breaks become <br/>; other control and format characters (zero-width
    spaces pasted from chat programs) are dropped because they draw nothing.
    Characters no font has stay in the main font, where they print as a
    visible box; ``missing_characters`` reports them beforehand.
    """
    if not text:
        return ""
    coverage = register()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    out: list[str] = []
    run: list[str] = []
    run_font = MAIN

    def flush() -> None:
        if run:
            chunk = escape("".join(run))
            out.append(chunk if run_font == MAIN else f'<font name="{run_font}">{chunk}</font>')
            run.clear()

    for char in text:
        if char == "\n":
            flush()
            out.append("<br/>")
            continue
        if unicodedata.category(char) in ("Cc", "Cf"):
            continue
        font = _font_for(ord(char), coverage)
        if font != run_font:
            flush()
            run_font = font
        run.append(char)
    flush()
    return "".join(out)
