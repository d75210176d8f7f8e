"""A form's PDF drawn as images (PDFium through pypdfium2), on screen and on a printer.

PDFium is not thread-safe: every call here runs on the GUI thread. One page at
screen size takes a few milliseconds; at 600 dpi about 0.2 s (docs/DECISIONS.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72.0
# The forms leave 15 mm of white paper on every side (forms/layout.py): a
# printer that cannot print that close to the edge loses nothing of a page
# printed at its true size. Only a wider unprintable border shrinks the page.
FORM_MARGIN_MM = 15.0


class PdfPages:
    """An open PDF: its page count, each page's size in points, and pages drawn as QImages."""

    def __init__(self, path: Path | str):
        import pypdfium2 as pdfium

        self._doc = pdfium.PdfDocument(str(path))
        self._sizes: list[tuple[float, float]] = []
        for index in range(len(self._doc)):
            page = self._doc[index]
            width, height = page.get_size()  # rotation included
            self._sizes.append((width, height))
            page.close()

    def __len__(self) -> int:
        return len(self._sizes)

    def size(self, index: int) -> tuple[float, float]:
        """Width and height of page ``index`` in points (1/72 inch), as it is to be seen."""
        return self._sizes[index]

    def is_landscape(self, index: int) -> bool:
        width, height = self._sizes[index]
        return width > height

    def render(self, index: int, dpi: float, grayscale: bool = False) -> QImage:
        """Page ``index`` at ``dpi`` dots per inch, on white."""
        page = self._doc[index]
        try:
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, prefer_bgrx=True, grayscale=grayscale)
            fmt = QImage.Format_Grayscale8 if bitmap.n_channels == 1 else QImage.Format_RGB32
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
            bitmap.close()
        finally:
            page.close()
        return image

    def close(self) -> None:
        self._doc.close()


def orientation_of(pages: PdfPages, index: int) -> QPageLayout.Orientation:
    return QPageLayout.Landscape if pages.is_landscape(index) else QPageLayout.Portrait


def prepare_printer(printer: QPrinter, pages: PdfPages, title: str) -> None:
    """Before the print dialog: the paper and orientation of the first page, the job's name."""
    printer.setDocName(title)
    if len(pages):
        width, height = pages.size(0)
        size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Point, "", QPageSize.FuzzyMatch)
        printer.setPageSize(size)
        printer.setPageOrientation(orientation_of(pages, 0))


def target_rect(printer: QPrinter, page_size_pt: tuple[float, float]) -> QRectF:
    """Where one page goes on the paper, in device pixels (the painter starts at the paper's corner).

    At its true size, centred on the paper, when it fits the paper and the printer's unprintable
    border stays within the form's white margin; otherwise as large as fits the printable area,
    centred there. Width and height are scaled alike.
    """
    resolution = printer.resolution()
    layout = printer.pageLayout()
    paper = QRectF(layout.fullRectPixels(resolution))
    printable = QRectF(layout.paintRectPixels(resolution))
    width = page_size_pt[0] / POINTS_PER_INCH * resolution
    height = page_size_pt[1] / POINTS_PER_INCH * resolution
    scale = min(1.0, paper.width() / width, paper.height() / height)
    rect = QRectF(0, 0, width * scale, height * scale)
    rect.moveCenter(paper.center())
    margin = FORM_MARGIN_MM / 25.4 * resolution
    if not printable.marginsAdded(QMarginsF(margin, margin, margin, margin)).contains(rect):
        scale = min(printable.width() / width, printable.height() / height)
        rect = QRectF(0, 0, width * scale, height * scale)
        rect.moveCenter(printable.center())
    return rect


def print_pages(
    pages: PdfPages,
    printer: QPrinter,
    page_numbers: list[int] | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Print ``page_numbers`` (0-based; all by default) on ``printer``, each at the printer's resolution.

    Each page is printed in its own orientation. ``progress(done, total)`` is called before each
    page; when it returns False printing stops (the pages sent so far stay sent). Returns the
    number of pages printed; raises OSError when the printer cannot be started.
    """
    numbers = list(range(len(pages))) if page_numbers is None else page_numbers
    if not numbers:
        return 0
    printer.setFullPage(True)  # the painter's origin is the paper's corner: target_rect places the page
    grayscale = printer.colorMode() == QPrinter.GrayScale
    printer.setPageOrientation(orientation_of(pages, numbers[0]))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    done = 0
    try:
        for position, index in enumerate(numbers):
            if progress is not None and not progress(position, len(numbers)):
                break
            if position:
                printer.setPageOrientation(orientation_of(pages, index))
                if not printer.newPage():
                    raise OSError("the printer refused a new page")
            rect = target_rect(printer, pages.size(index))
            # Drawn at the printer's own dots: one image pixel per printer dot, no resampling.
            dpi = rect.width() / (pages.size(index)[0] / POINTS_PER_INCH)
            image = pages.render(index, dpi, grayscale=grayscale)
            painter.drawImage(QRectF(QPointF(rect.x(), rect.y()), rect.size()), image)
            done += 1
    finally:
        painter.end()
    return done
