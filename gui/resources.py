"""Loads what the program ships beside its code: fonts, icons, and where they live.

One module so that a frozen build (PyInstaller) has one place to fix paths,
and so that fonts are registered exactly once per process.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QLabel, QWidget

# The interface font and the family that fills in rare characters (CJK
# Extension A) the main one lacks; Droid has no Latin, so it only ever
# serves as a fallback, never as the first family.
UI_FAMILY = "Noto Sans SC"
FALLBACK_FAMILY = "Droid Sans Fallback"
UI_FAMILIES = [UI_FAMILY, FALLBACK_FAMILY]

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
