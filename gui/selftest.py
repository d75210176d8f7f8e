"""The GUI's part of `--self-test`: does Qt start, and does it find what the program ships?

A built program carries its own Qt plugins; this check fails when the
platform plugin, the SVG or JPEG readers, the interface fonts or Qt's own
Chinese words were left out. ``main.py`` adds it to the self-test of
``forms.selftest``, which may not import Qt itself.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QApplication

from gui import resources
from models.i18n import _

# What the screens read: SVG icons, and the photos of activities (stored as JPEG).
IMAGE_FORMATS = ("svg", "jpeg")


def check_qt() -> str:
    """Start Qt (offscreen when QT_QPA_PLATFORM says so) and load what the screens need."""
    # A missing platform plugin ends the process inside Qt: the lines before must be out already.
    sys.stdout.flush()
    app = QApplication.instance() or QApplication(sys.argv[:1] or ["FulianLedger"])
    families = resources.register_fonts()
    if resources.UI_FAMILY not in families:
        raise RuntimeError(f"the interface font did not load (found {families})")
    if not resources.register_rare_font():
        raise RuntimeError("the rare-character fonts (CJK Extensions B–H) did not load")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [name for name in IMAGE_FORMATS if name not in formats]
    if missing:
        raise RuntimeError(f"Qt cannot read {', '.join(missing)} images")
    if resources.icon("people").pixmap(32, 32).isNull():
        raise RuntimeError("the icons did not load")
    translator = QTranslator()
    if not translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        raise RuntimeError("Qt's own Chinese translations are missing")
    platform = app.platformName()
    return _("the window system started ({platform}); interface fonts, icons and photos load").format(platform=platform)


def check_preview() -> str:
    """The print preview's parts load: PDFium draws a page, Qt's printing module is there."""
    import tempfile
    from pathlib import Path

    from PySide6.QtPrintSupport import QPrinter
    from reportlab.pdfgen import canvas

    from gui.printing.preview_render import PdfPages

    QApplication.instance() or QApplication(sys.argv[:1] or ["FulianLedger"])
    with tempfile.TemporaryDirectory(prefix="fulian-selftest-") as folder:
        path = Path(folder) / "page.pdf"
        page = canvas.Canvas(str(path), pagesize=(200, 200))
        page.rect(50, 50, 100, 100, fill=1)  # a black square in the middle
        page.save()
        pages = PdfPages(path)
        image = pages.render(0, 72)
        pages.close()
    if image.isNull() or image.pixelColor(100, 100).lightness() > 50 or image.pixelColor(10, 10).lightness() < 200:
        raise RuntimeError("the print preview cannot draw a PDF page")
    if QPrinter().resolution() <= 0:
        raise RuntimeError("Qt's printing module does not work")
    return _("the print preview draws pages and printing loads")


def add_to_self_test() -> None:
    from forms import selftest

    selftest.add_check(check_qt)
    selftest.add_check(check_preview)
