"""Loads what the program ships beside its code: fonts, icons, and where they live.

One module so that a frozen build (PyInstaller) has one place to fix paths,
and so that fonts are registered exactly once per process.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QLabel, QWidget

# The interface font and the families that fill in rare characters the main
# one lacks: Droid for CJK Extension A, Ledger Han Ext for Extension B and the
# Compatibility Ideographs Supplement. Neither has Latin, so they only ever
# serve as fallbacks, never as the first family. Ledger Han Ext is registered
# after the window is shown (load_rare_font_later); until then Qt skips it.
UI_FAMILY = "Noto Sans SC"
FALLBACK_FAMILY = "Droid Sans Fallback"
RARE_FAMILY = "Ledger Han Ext"
UI_FAMILIES = [UI_FAMILY, FALLBACK_FAMILY, RARE_FAMILY]

NORMAL_POINT_SIZE = 10.5
LARGE_POINT_SIZE = 13.0


def resources_dir() -> Path:
    """The resources folder, also inside a one-folder PyInstaller build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    return resources_dir() / "icons"


_registered: list[str] | None = None


def register_fonts() -> list[str]:
    """Register every bundled .ttf with Qt (once); returns the families found."""
    global _registered
    if _registered is None:
        families: list[str] = []
        for path in sorted(fonts_dir().glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                continue  # a damaged font must not stop the program; the system font stands in
            for family in QFontDatabase.applicationFontFamilies(font_id):
                if family not in families:
                    families.append(family)
        _registered = families
    return list(_registered)


_rare_registered = False


def rare_font_registered() -> bool:
    return _rare_registered


def add_rare_font(data: bytes) -> bool:
    """Register the unpacked rare font with Qt (GUI thread) and redraw text that needs it."""
    global _rare_registered
    if _rare_registered:
        return True
    if QFontDatabase.addApplicationFontFromData(QByteArray(data)) < 0:
        return False  # a damaged font must not stop the program: the characters stay boxes
    _rare_registered = True
    # Registering clears Qt's font caches; text shown meanwhile (its rare
    # characters as boxes) is drawn again with the new family on the next paint.
    for widget in QApplication.allWidgets():
        widget.update()
    return True


def register_rare_font() -> bool:
    """Unpack and register the rare font now (about 1 s: the self-test and tests)."""
    from forms import fonts

    return add_rare_font(fonts.rare_font_data())


def load_rare_font_later() -> None:
    """Unpack the rare font in the background, register it on the GUI thread.

    Unpacking takes about 1 s and registering about 45 ms, so neither is
    done before the window is shown; a name such as 吕𡒄 shows its second
    character as a box for that second.
    """
    if _rare_registered:
        return
    import logging

    from forms import fonts
    from gui.common import workers

    workers.start(
        fonts.rare_font_data,
        on_success=add_rare_font,
        on_failure=lambda exc: logging.getLogger(__name__).warning("the rare-character font did not load: %s", exc),
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
