"""What makes a printed sheet readable from a scan or a photo: its corner marks, its QR code, the map of its cells.

A sheet that is read back (a sign-in page, one ballot) carries four filled
black squares at its corners and a QR code holding its ``PageCode``. A reader
finds the code, finds the four marks, maps them onto where they were printed
and reads every cell through that mapping; so the forms record, *while they
draw*, where each mark, the code and every cell landed (``SheetDrawing``),
and ``SheetMap`` is built from that record rather than from a second
computation of the layout.

All geometry handed out is in millimetres from the top-left corner of the
sheet's frame, y downward (``models.paper.sheet_map``). The QR box is the
symbol itself, without its quiet zone; the quiet zone of ``QR_QUIET_MODULES``
modules around it is white and belongs to the code's footprint.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from models.paper.sheet_map import Box, Cell, SheetMap

from .layout import MM

MARK_MM = 5.0  # side of a corner mark on a whole page
PAGE_MARK_INSET_MM = 8.5  # a page's mark centre from the paper's edges: the mark spans 6–11 mm, inside the
# 15 mm margin and clear of an office printer's unprintable border (5 mm at most)
QR_MM = 16.0  # side of the QR symbol: 33 modules of about 0.5 mm, read from a phone photo
QR_QUIET_MODULES = 4  # the white border QR asks for, in modules
QR_LEVEL = "M"  # error correction: a crease or a stray pen stroke over the code still reads


# Every page code fits a version 4 symbol of 33 modules (at most 90 alphanumeric characters at level M;
# a code is about 75), so a code's printed size is known before it is drawn.
QR_MODULES = 33


def qr_footprint_mm(symbol_mm: float = QR_MM) -> float:
    """The side of a QR code with its quiet zone (the room it takes on the paper)."""
    return symbol_mm * (QR_MODULES + 2 * QR_QUIET_MODULES) / QR_MODULES


@dataclass
class SheetDrawing:
    """Where one sheet's marks, code and cells were drawn, filled in as the page is drawn.

    ``origin_mm``: the top-left corner of the sheet's frame on the page (0, 0
    for a whole page, the corner of its piece for a ballot printed several
    to a page); everything recorded is kept in page millimetres and moved
    into the sheet's frame by ``sheet_map``. ``page_height_pt`` turns
    reportlab's upward y into the map's downward y.
    """

    code: str
    size_mm: tuple[float, float] = (0.0, 0.0)
    origin_mm: tuple[float, float] = (0.0, 0.0)
    mark_mm: float = MARK_MM
    marks: list[tuple[float, float]] = field(default_factory=list)  # TL, TR, BR, BL once drawn
    qr: Box | None = None
    cells: list[Cell] = field(default_factory=list)

    def sheet_map(self) -> SheetMap:
        """The map of what was drawn, in the sheet's own frame."""
        if len(self.marks) != 4 or self.qr is None:
            raise RuntimeError("the sheet was not drawn whole: its marks or its code are missing")
        ox, oy = self.origin_mm

        def moved(box: Box) -> Box:
            return Box(round(box.x - ox, 3), round(box.y - oy, 3), round(box.w, 3), round(box.h, 3))

        tl, tr, br, bl = ((round(x - ox, 3), round(y - oy, 3)) for x, y in self.marks)
        cells = tuple(
            Cell(cell.row, cell.key, cell.column, moved(cell.box), cell.session)
            for cell in sorted(self.cells, key=lambda c: (c.row, c.box.x))
        )
        return SheetMap(self.code, self.size_mm, (tl, tr, br, bl), self.mark_mm, moved(self.qr), cells)


def page_point_mm(canv, x_pt: float, y_pt: float) -> tuple[float, float]:
    """A point given in the canvas's current coordinates, in page millimetres from the top left."""
    ax, ay = canv.absolutePosition(x_pt, y_pt)
    return ax / MM, (canv._pagesize[1] - ay) / MM


def draw_mark(canv, centre_mm: tuple[float, float], side_mm: float) -> None:
    """A filled black square centred on a point given in page millimetres (top-left origin)."""
    cx, cy = centre_mm
    x0, y0 = canv.absolutePosition(0, 0)
    page_h = canv._pagesize[1]
    half = side_mm * MM / 2
    canv.saveState()
    canv.setFillColorRGB(0, 0, 0)
    canv.rect(cx * MM - half - x0, page_h - cy * MM - half - y0, 2 * half, 2 * half, stroke=0, fill=1)
    canv.restoreState()


def page_marks(page_size_mm: tuple[float, float], inset_mm: float = PAGE_MARK_INSET_MM) -> list[tuple[float, float]]:
    """The centres of a whole page's four marks: top-left, top-right, bottom-right, bottom-left."""
    w, h = page_size_mm
    return [(inset_mm, inset_mm), (w - inset_mm, inset_mm), (w - inset_mm, h - inset_mm), (inset_mm, h - inset_mm)]


def draw_marks(canv, drawing: SheetDrawing, centres: list[tuple[float, float]]) -> None:
    """Draw the four marks at ``centres`` (page mm) and record them."""
    for centre in centres:
        draw_mark(canv, centre, drawing.mark_mm)
    drawing.marks = [(round(x, 3), round(y, 3)) for x, y in centres]


def draw_qr(canv, drawing: SheetDrawing, x_pt: float, y_pt: float, footprint_pt: float) -> None:
    """The QR code of ``drawing.code`` with its quiet zone in the square whose bottom-left corner is at
    (``x_pt``, ``y_pt``) in the canvas's current coordinates; the symbol's box is recorded."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(drawing.code, barLevel=QR_LEVEL, barBorder=QR_QUIET_MODULES)
    form = getattr(canv, "_form", None)
    if form is not None and form.laying_out:
        # Only where the symbol goes is wanted: its size follows from its version, and choosing the best of
        # the eight mask patterns (most of the time a page's layout takes) is left out.
        modules = qr_modules(widget.qr.version or widget.qr.calculate_version())
        module_pt = footprint_pt / (modules + 2 * QR_QUIET_MODULES)
        _record_qr(canv, drawing, x_pt, y_pt, footprint_pt, modules, module_pt)
        return
    widget.qr.make()
    modules = widget.qr.getModuleCount()
    module_pt = footprint_pt / (modules + 2 * QR_QUIET_MODULES)
    quiet = QR_QUIET_MODULES * module_pt
    # The widget's own matrix, drawn as runs of dark modules: renderPDF would select a font the PDF does
    # not embed.
    canv.saveState()
    canv.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(widget.qr.modules):
        c = 0
        for dark, run in itertools.groupby(bool(m) for m in row):
            count = len(list(run))
            if dark:
                top = y_pt + footprint_pt - quiet - r * module_pt
                canv.rect(x_pt + quiet + c * module_pt, top - module_pt, count * module_pt, module_pt, stroke=0, fill=1)
            c += count
    canv.restoreState()
    _record_qr(canv, drawing, x_pt, y_pt, footprint_pt, modules, module_pt)


def qr_modules(version: int) -> int:
    """The modules along a side of a QR symbol of ``version``."""
    return 17 + 4 * version


def _record_qr(canv, drawing: SheetDrawing, x_pt: float, y_pt: float, footprint_pt: float, modules: int, module_pt):
    quiet = QR_QUIET_MODULES * module_pt
    left, top = page_point_mm(canv, x_pt + quiet, y_pt + footprint_pt - quiet)
    side = modules * module_pt / MM
    drawing.qr = Box(round(left, 3), round(top, 3), round(side, 3), round(side, 3))


@functools.cache
def _qr_flowable_class():
    from reportlab.platypus import Flowable

    class QrFlowable(Flowable):
        """A sheet's QR code (with its quiet zone) in the flow of a form; records where it landed."""

        def __init__(self, drawing: SheetDrawing, footprint_pt: float):
            super().__init__()
            self.drawing, self.footprint = drawing, footprint_pt
            self.width = self.height = footprint_pt

        def wrap(self, available_width, available_height):
            return self.footprint, self.footprint

        def draw(self):
            draw_qr(self.canv, self.drawing, 0, 0, self.footprint)

    return QrFlowable


def qr_flowable(drawing: SheetDrawing, footprint_pt: float):
    return _qr_flowable_class()(drawing, footprint_pt)


# A cell of a recorded table: (row, column) of the table → the Cell to record, without its box.
CellFor = Callable[[int, int], "Cell | None"]


@functools.cache
def recorded_table_class():
    """A reportlab Table that records, as it is drawn, the page position of the cells ``cell_for`` names."""
    from reportlab.platypus import Table

    class RecordedTable(Table):
        drawing: SheetDrawing | None = None
        cell_for: CellFor | None = None

        def record(self, drawing: SheetDrawing, cell_for: CellFor):
            self.drawing, self.cell_for = drawing, cell_for
            return self

        def draw(self):
            super().draw()
            if self.drawing is None or self.cell_for is None:
                return
            # The canvas stands at the table's origin (its bottom-left corner) as drawn on the page.
            cols, rows = self._colpositions, self._rowpositions
            for r in range(len(rows) - 1):
                for c in range(len(cols) - 1):
                    found = self.cell_for(r, c)
                    if found is None:
                        continue
                    left, top = page_point_mm(self.canv, cols[c], rows[r])
                    right, bottom = page_point_mm(self.canv, cols[c + 1], rows[r + 1])
                    box = Box(round(left, 3), round(top, 3), round(right - left, 3), round(bottom - top, 3))
                    self.drawing.cells.append(Cell(found.row, found.key, found.column, box, found.session))

    return RecordedTable


@functools.cache
def _page_marks_class():
    from reportlab.platypus import Flowable

    class PageMarks(Flowable):
        """Takes no room; draws the four corner marks of the page it lands on and records the page's size."""

        def __init__(self, drawing: SheetDrawing):
            super().__init__()
            self.drawing = drawing

        def wrap(self, available_width, available_height):
            return 0, 0

        def draw(self):
            width, height = self.canv._pagesize
            self.drawing.size_mm = (round(width / MM, 3), round(height / MM, 3))
            draw_marks(self.canv, self.drawing, page_marks(self.drawing.size_mm))

    return PageMarks


def page_marks_flowable(drawing: SheetDrawing):
    """A flowable to put first on a page read back as a whole: its marks go in the page's corners."""
    return _page_marks_class()(drawing)
