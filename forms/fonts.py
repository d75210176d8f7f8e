"""The shipped fonts in reportlab: registration, coverage and fallback markup.

reportlab has no per-glyph font fallback, so text is split here: runs of
characters the main font (Noto Sans SC) lacks are drawn with Droid Sans
Fallback (CJK Extension A, e.g. 䶮). Characters no shipped font has are
listed by ``missing_characters`` so the user is told before printing.

Registering the three fonts costs about 0.15 s, so it happens once per
process, the first time a form is built, never at import.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# reportlab font names. MAIN is also the family name, so <b> picks BOLD.
MAIN = "NotoSansSC"
BOLD = "NotoSansSC-Bold"
FALLBACK = "Fallback"

_FILES = {
    MAIN: "NotoSansSC-Regular.ttf",
    BOLD: "NotoSansSC-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
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


def register() -> _Coverage:
    """Register the fonts and their families with reportlab (once per process)."""
    global _coverage
    if _coverage is not None:
        return _coverage
    with _lock:
        if _coverage is None:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            faces = {}
            for name, filename in _FILES.items():
                path = FONT_DIR / filename
                if not path.is_file():
                    from models.i18n import _

                    raise FileNotFoundError(
                        _("The font file {path} is missing; reinstall the program.").format(path=path)
                    )
                font = TTFont(name, str(path))
                pdfmetrics.registerFont(font)
                faces[name] = frozenset(font.face.charToGlyph)
            pdfmetrics.registerFontFamily(MAIN, normal=MAIN, bold=BOLD, italic=MAIN, boldItalic=BOLD)
            # Droid has no bold: a fallback run inside <b> stays regular rather than failing.
            pdfmetrics.registerFontFamily(
                FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK
            )
            _coverage = _Coverage(faces[MAIN], faces[FALLBACK])
    return _coverage


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
    return sorted(missing)


def plain(text: str) -> bool:
    """True when ``text`` is one line the main font draws entirely, so it can
    be drawn as a plain string instead of Paragraph markup."""
    main = register().main
    return all((ord(c) in main and not _invisible(c)) or c == " " for c in text)


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
    in_fallback = False

    def flush() -> None:
        if run:
            chunk = escape("".join(run))
            out.append(f'<font name="{FALLBACK}">{chunk}</font>' if in_fallback else chunk)
            run.clear()

    for char in text:
        if char == "\n":
            flush()
            out.append("<br/>")
            continue
        if unicodedata.category(char) in ("Cc", "Cf"):
            continue
        code = ord(char)
        wants_fallback = code not in coverage.main and code in coverage.fallback
        if wants_fallback != in_fallback:
            flush()
            in_fallback = wants_fallback
        run.append(char)
    flush()
    return "".join(out)
