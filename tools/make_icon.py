"""Draw the program's Windows icon (installer/FulianLedger.ico) from resources/icons/homes.svg.

    python tools/make_icon.py

The window icon is homes.svg (gui/app.py); the .exe, its shortcuts and the
installer need an .ico: the same house, white on the federation's red, drawn
by Qt at each size Windows asks for and packed by Pillow.
"""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "homes.svg"
TARGET = ROOT / "installer" / "FulianLedger.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)
RED = "#C62828"


def icon_svg() -> str:
    paths = "".join(re.findall(r"<path [^>]*/>", SOURCE.read_text(encoding="utf-8")))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        f'<rect x="0.5" y="0.5" width="23" height="23" rx="5" fill="{RED}"/>'
        '<g transform="translate(2.4 2.2) scale(0.8)" fill="none" stroke="#FFFFFF" stroke-width="2.2" '
        f'stroke-linecap="round" stroke-linejoin="round">{paths}</g></svg>'
    )


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841  (QPainter needs it)
    renderer = QSvgRenderer(QByteArray(icon_svg().encode()))
    images = [render(renderer, size) for size in SIZES]
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    images[-1].save(TARGET, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    print(f"{TARGET.relative_to(ROOT)}: {', '.join(map(str, SIZES))} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
