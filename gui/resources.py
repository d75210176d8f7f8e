"""Loads what the program ships beside its code: fonts, icons, and where they live.

One module so that a frozen build (PyInstaller) has one place to fix paths,
and so that fonts are registered exactly once per process.
"""

from __future__ import annotations

import logging
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QLabel, QWidget

# The interface font and the families that fill in rare characters the main
# one lacks: Droid for CJK Extension A, Ledger Han Ext for Extensions B–F and
# the Compatibility Ideographs Supplement, Ledger Han Ext GH for Extensions G
# and H. None has Latin, so they only ever serve as fallbacks, never as the
# first family. The Ledger Han fonts are registered after the window is shown
# (load_rare_font_later); until then Qt skips them.
UI_FAMILY = "Noto Sans SC"
FALLBACK_FAMILY = "Droid Sans Fallback"
RARE_FAMILY = "Ledger Han Ext"
RARE_GH_FAMILY = "Ledger Han Ext GH"
UI_FAMILIES = [UI_FAMILY, FALLBACK_FAMILY, RARE_FAMILY, RARE_GH_FAMILY]

NORMAL_POINT_SIZE = 10.5
LARGE_POINT_SIZE = 13.0


def resources_dir() -> Path:
    """The resources folder, also inside a one-folder PyInstaller build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def icons_dir() -> Path:
    return resources_dir() / "icons"


_registered: list[str] | None = None


def _add_font(filename: str, source: Path | bytes | None = None) -> list[str]:
    """Register one shipped font with Qt; the families it brings (none if it cannot be read).

    ``source`` is what ``font_files.truetype`` already gave for it (a worker
    thread's unpacking), so the GUI thread does not read and unpack it again.

    A damaged copy in the cache is passed over for a fresh unpacking; a font
    that still fails must not stop the program: its characters stay boxes or
    the system font stands in.
    """
    from forms import font_files

    try:
        if source is None:
            source = font_files.truetype(filename)
        font_id = -1
        if isinstance(source, Path):
            font_id = QFontDatabase.addApplicationFont(str(source))
        if font_id < 0:
            data = source if isinstance(source, bytes) else font_files.unpacked(filename)
            font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
    except OSError as exc:
        logging.getLogger(__name__).warning("font %s did not load: %s", filename, exc)
        return []
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []


def register_fonts() -> list[str]:
    """Register the interface fonts with Qt (once); returns the families found."""
    global _registered
    if _registered is None:
        from forms import fonts

        families: list[str] = []
        for filename in fonts.INTERFACE_FILES:
            for family in _add_font(filename):
                if family not in families:
                    families.append(family)
        _registered = families
    return list(_registered)


_rare_registered = False


def rare_font_registered() -> bool:
    return _rare_registered


def add_rare_fonts(sources: dict[str, Path | bytes] | None = None) -> bool:
    """Register the rare fonts with Qt (GUI thread) and redraw text that needs them.

    ``sources``: the fonts as the worker thread unpacked them, by file name.
    """
    global _rare_registered
    if _rare_registered:
        return True
    from forms import fonts

    given = sources or {}
    if not all([_add_font(filename, given.get(filename)) for filename in fonts.RARE_FILES.values()]):
        return False  # a damaged font must not stop the program: the characters stay boxes
    _rare_registered = True
    # Registering clears Qt's font caches; text shown meanwhile (its rare
    # characters as boxes) is drawn again with the new families on the next paint.
    for widget in QApplication.allWidgets():
        widget.update()
    return True


def _unpack_rare_fonts() -> dict[str, Path | bytes]:
    """Worker thread: the rare fonts unpacked (into the cache, or memory when it cannot be written): the slow part."""
    from forms import font_files, fonts

    return {filename: font_files.truetype(filename) for filename in fonts.RARE_FILES.values()}


def register_rare_font() -> bool:
    """Unpack and register the rare fonts now (the self-test and tests)."""
    return add_rare_fonts()


def load_rare_font_later() -> None:
    """Unpack the rare fonts in the background, register them on the GUI thread.

    The first start after installing unpacks them (about 1.5 s); later
    starts find them in the cache and only register them (about 60 ms).
    Neither is done before the window is shown; a name such as 吕𡒄 shows
    its second character as a box until then.
    """
    if _rare_registered:
        return
    from gui.common import workers

    workers.start(
        _unpack_rare_fonts,
        on_success=add_rare_fonts,
        on_failure=lambda exc: logging.getLogger(__name__).warning("the rare-character fonts did not load: %s", exc),
    )


def ui_font(point_size: float = NORMAL_POINT_SIZE) -> QFont:
    """The interface font with its fallback chain, at a point size."""
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSizeF(point_size)
    return font


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons by its file name without .svg (empty if missing)."""
    path = icons_dir() / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def scaled_font(factor: float, bold: bool = False) -> QFont:
    """The application font made larger or smaller (headings, notes)."""
    font = QFont(QApplication.font())
    font.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    font.setBold(bold)
    return font


class ScaledLabel(QLabel):
    """A label whose font stays a fixed ratio of the application font.

    A widget with its own font does not follow QApplication.setFont, so the
    larger-font setting would leave headings small; this one re-derives its
    font whenever the application font changes.
    """

    def __init__(self, text: str = "", factor: float = 1.4, bold: bool = True, parent: QWidget | None = None):
        super().__init__(text, parent)
        self._factor, self._bold = factor, bold
        self.setFont(scaled_font(factor, bold))
        QApplication.instance().fontChanged.connect(self._follow_application_font)

    def _follow_application_font(self, _font=None) -> None:
        self.setFont(scaled_font(self._factor, self._bold))
