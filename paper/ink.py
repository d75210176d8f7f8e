"""Judging the ink in each cell of a straightened sheet, against that sheet's own paper and print.

The sheet is straightened at ``PX_PER_MM`` from the flattened picture (paper
near 255 whatever the lighting). The corner marks at their known places
give the darkness of print on this sheet; ink is what is darker than the
paper around it by a share of that darkness (a pale smudge or a shadow's edge
is not), measured in each cell's inner area, inset so that the grid lines stay
out even when the sheet is placed ``TOLERANCE_MM`` off.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter

from models.paper.reading import BLANK, MARKED, UNSURE, CellReading
from models.paper.sheet_map import Box, SheetMap

from .geometry import Homography, scaled_input

PX_PER_MM = 8.0
EVIDENCE_PX_PER_MM = 6.0
EVIDENCE_QUALITY = 70
TOLERANCE_MM = 0.7
INSET_MM = 1.3  # the tolerance, half a grid line and the blur of its edge
CROP_MARGIN_MM = 1.5  # around a cell's picture
# Ink is measured at half the straightened resolution: the darkness of a pixel below the lightest
# pixel within LOCAL_MM around it (a black top-hat), so that slow changes (smudges) do not count.
MEASURE_SCALE = 2
LOCAL_PX = 7
# A pixel is ink when it is darker than its surroundings by this share of the print's darkness (the corner
# marks'): on the real forms 0.3 missed faint pencil, and the print level taken from their hairline grid let
# pale smudges through (docs/DECISIONS.md, "Reading paper back").
INK_CONTRAST = 0.2
# The share of a cell's inner area that is ink: below BLANK_BELOW blank, from MARKED_FROM marked,
# unsure between. Measured with bench/scan.py (seed 2, 2,520 cells): blank cells with a pen's touch
# or a smudge reach 0.0026, the smallest faint signatures 0.0086, ballot marks 0.019.
BLANK_BELOW = 0.004
MARKED_FROM = 0.008


@dataclass(frozen=True)
class Levels:
    """A sheet's paper and its print (``line``: the darkness of its corner marks), as gray levels of the
    straightened sheet."""

    paper: float
    line: float


def straighten(flat: Image.Image, mapping: Homography, sheet: SheetMap) -> Image.Image:
    """The sheet upright at PX_PER_MM, from the picture through ``mapping`` (millimetres to pixels)."""
    width, height = sheet.page_size
    size = (round(width * PX_PER_MM), round(height * PX_PER_MM))
    coefficients = scaled_input(mapping, PX_PER_MM)
    return flat.transform(size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR, fillcolor=255)


def _pixels(box: Box, inset: float = 0.0, px_per_mm: float = PX_PER_MM) -> tuple[int, int, int, int]:
    return (
        round((box.x + inset) * px_per_mm),
        round((box.y + inset) * px_per_mm),
        round((box.x + box.w - inset) * px_per_mm),
        round((box.y + box.h - inset) * px_per_mm),
    )


def percentile(histogram: list[int], share: float) -> int:
    goal = sum(histogram) * share
    total = 0
    for level, count in enumerate(histogram):
        total += count
        if total >= goal:
            return level
    return len(histogram) - 1


def levels(straight: Image.Image, sheet: SheetMap) -> Levels:
    """The paper (the commonest light level) and the print (the middle of the four corner marks, solid
    black squares at known places) of this sheet.

    The marks, not the grid lines: the forms rule their grids with hairlines (0.5 pt) that a photograph
    blurs to grey, and a print level taken from them let pale smudges pass for ink.
    """
    histogram = straight.histogram()
    paper = max(range(128, 256), key=lambda level: histogram[level])
    inner = sheet.mark_mm / 4  # half the mark's side, centred: clear of its blurred edges
    darkness = []
    for x, y in sheet.marks:
        centre = Box(x - inner, y - inner, 2 * inner, 2 * inner)
        darkness.append(percentile(straight.crop(_pixels(centre)).histogram(), 0.5))
    darkness.sort()
    line = (darkness[1] + darkness[2]) / 2 if len(darkness) == 4 else 0
    return Levels(float(paper), float(min(line, paper - 60)))


def ink_share(straight: Image.Image, box: Box, sheet_levels: Levels) -> float:
    """The share of ``box``'s inner area that is ink."""
    inner = straight.crop(_pixels(box, INSET_MM))
    if inner.width < 2 * MEASURE_SCALE or inner.height < 2 * MEASURE_SCALE:
        return 0.0
    small = inner.reduce(MEASURE_SCALE)
    surroundings = small
    for _ in range(LOCAL_PX // 2):  # three 3x3 maxima make a 7x7 one, at a third of the cost
        surroundings = surroundings.filter(ImageFilter.MaxFilter(3))
    contrast = ImageChops.subtract(surroundings, small)
    cut = max(12, round(INK_CONTRAST * (sheet_levels.paper - sheet_levels.line)))
    histogram = contrast.histogram()
    return sum(histogram[cut:]) / (small.width * small.height)


def verdict(share: float) -> str:
    if share >= MARKED_FROM:
        return MARKED
    if share < BLANK_BELOW:
        return BLANK
    return UNSURE


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=1)
    return out.getvalue()


def read_cells(straight: Image.Image, shown: Image.Image, sheet: SheetMap) -> tuple[CellReading, ...]:
    """Every cell of the sheet: its ink (measured on ``straight``), the verdict and its picture (cut
    from ``shown``, the sheet as ``smaller`` makes it)."""
    sheet_levels = levels(straight, sheet)
    readings = []
    for cell in sheet.cells:
        share = ink_share(straight, cell.box, sheet_levels)
        picture = shown.crop(_pixels(cell.box, -CROP_MARGIN_MM, EVIDENCE_PX_PER_MM))
        readings.append(CellReading(cell, round(share, 5), verdict(share), png(picture)))
    return tuple(readings)


def smaller(straight: Image.Image) -> Image.Image:
    """The straightened sheet at EVIDENCE_PX_PER_MM, as it is shown and kept."""
    scale = EVIDENCE_PX_PER_MM / PX_PER_MM
    return straight.resize((round(straight.width * scale), round(straight.height * scale)), Image.Resampling.BOX)


def evidence(shown: Image.Image) -> bytes:
    """The straightened sheet (``smaller``) as the JPEG kept as evidence."""
    out = io.BytesIO()
    shown.save(out, "JPEG", quality=EVIDENCE_QUALITY)
    return out.getvalue()
