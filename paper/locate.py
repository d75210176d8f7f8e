"""Finding sheets in a picture: their QR codes, then each sheet's four corner marks.

The QR code says which sheet it is and, from its four corners, roughly where
the sheet lies (any rotation). The corner marks are then looked for near
where that rough placing puts them, in a picture divided by its own local
paper level (so a shadow or a lamp's gradient does not look like ink), and
their centres fix the perspective mapping from the sheet's millimetres to
the picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter

from models.i18n import _
from models.paper.sheet_map import Box, SheetMap

from .geometry import Homography, Point, SingularError, affine, apply, distance, homography

# zxing-cpp reads this first: the picture scaled down to about this many pixels on its longer side.
QUICK_SIDE = 1800
# A picture with no code found at its own size, no larger than this on its longer side, is read again
# twice as large: a phone's 3 megapixels give a sign-in page's code barely 3.5 pixels a module, which
# zxing-cpp misses now and then when blur and JPEG soften them.
ENLARGE_BELOW = 2400
# The flattened picture: a pixel darker than this (paper is 255) is ink or print.
DARK = 128
# Where the marks are searched: resolution of the search, and the window around each prediction.
SEARCH_PX_PER_MM = 2.5
WINDOW_MARKS = 3.0  # mark widths, plus
WINDOW_SHARE = 0.15  # of the distance from the code's centre (the code is small: its placing is rough)


@dataclass(frozen=True)
class FoundCode:
    """A QR code in a picture: its text and its corners (top-left, top-right, bottom-right, bottom-left
    as the code is printed upright), in the picture's pixels."""

    text: str
    corners: tuple[Point, Point, Point, Point]
    modules: int = 0  # across the symbol (21 for version 1, 4 more each version); 0 when not known

    @property
    def centre(self) -> Point:
        return sum(p[0] for p in self.corners) / 4, sum(p[1] for p in self.corners) / 4

    @property
    def side(self) -> float:
        c = self.corners
        return sum(distance(c[i], c[(i + 1) % 4]) for i in range(4)) / 4


class MarksNotFound(ValueError):
    """The sheet's corner marks are not where its code says (in words)."""


def _read(image: Image.Image, factor: float) -> list[FoundCode]:
    import zxingcpp

    found = []
    for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)):
        position = barcode.position
        corners = tuple(
            (point.x * factor, point.y * factor)
            for point in (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
        )
        extra = barcode.extra
        version = str(extra.get("Version", "")) if isinstance(extra, dict) else ""
        modules = 17 + 4 * int(version) if version.isdigit() else 0
        found.append(FoundCode(barcode.text, corners, modules))  # type: ignore[arg-type]
    return found


def find_codes(gray: Image.Image) -> list[FoundCode]:
    """Every QR code in the picture. The picture scaled down is read first (fast); the full picture when
    that finds nothing, or when it finds ballots (several small ones may share a scanner's bed); a small
    picture enlarged when even that finds nothing."""
    factor = max(1, math.ceil(max(gray.size) / QUICK_SIDE))
    codes = _read(gray.reduce(factor), factor) if factor > 1 else []
    if factor == 1 or not codes or any(":B:" in code.text for code in codes):
        for code in _read(gray, 1):
            if all(distance(code.centre, other.centre) > code.side / 2 for other in codes):
                codes.append(code)
    if not codes and max(gray.size) <= ENLARGE_BELOW:
        codes = _read(gray.resize((gray.width * 2, gray.height * 2), Image.Resampling.BICUBIC), 0.5)
    return codes


def flatten(gray: Image.Image) -> Image.Image:
    """The picture divided by its local paper level (paper about 255, ink dark), whatever the lighting.

    The paper level is the lightest gray around each place (a wide maximum on the picture scaled
    down, smoothed). Pillow multiplies but does not divide: the picture is multiplied by a gain of
    64 / paper (as 255 * 64 / paper, kept under 255 for paper down to 64) and then by four.
    """
    factor = max(1, max(gray.size) // 200)
    small = gray.reduce(factor)
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.MaxFilter(5))
    gain = paper.filter(ImageFilter.GaussianBlur(2)).point(lambda level: min(255, round(255 * 64 / max(level, 1))))
    gain = gain.resize(gray.size, Image.Resampling.BILINEAR)
    return ImageChops.multiply(gray, gain).point(lambda level: min(255, level * 4))


def _blobs(mask: Image.Image) -> list[list[tuple[int, int]]]:
    """The 4-connected groups of the pixels of a (small, mostly empty) 0-or-255 mask."""
    width, height = mask.size
    data = bytearray(mask.tobytes())
    blobs = []
    start = -1
    while True:
        start = data.find(255, start + 1)
        if start < 0:
            break
        data[start] = 0
        stack = [start]
        pixels = []
        while stack:
            index = stack.pop()
            y, x = divmod(index, width)
            pixels.append((x, y))
            for near, inside in (
                (index - 1, x > 0),
                (index + 1, x < width - 1),
                (index - width, y > 0),
                (index + width, y < height - 1),
            ):
                if inside and data[near]:
                    data[near] = 0
                    stack.append(near)
        blobs.append(pixels)
    return blobs


def _dark(value: int) -> int:
    return 255 if value < DARK else 0


def _find_mark(flat: Image.Image, predicted: Point, radius: float, mark_px: float, scale: float) -> Point | None:
    """The centre of the filled square ``mark_px`` wide nearest ``predicted`` within ``radius``, or None.
    The search runs on the window scaled by ``scale``, the centre is then measured at full size."""
    left = max(0, int(predicted[0] - radius))
    top = max(0, int(predicted[1] - radius))
    right = min(flat.width, int(predicted[0] + radius))
    bottom = min(flat.height, int(predicted[1] + radius))
    if right - left < mark_px or bottom - top < mark_px:
        return None
    window = flat.crop((left, top, right, bottom))
    if scale < 1:
        window = window.resize(
            (max(1, round(window.width * scale)), max(1, round(window.height * scale))), Image.Resampling.BOX
        )
    small_mark = mark_px * scale
    # Erosion leaves only the dark shapes wider than about half a mark: no text, no lines, no QR modules.
    size = max(3, int(small_mark * 0.5) | 1)
    eroded = window.point(_dark).filter(ImageFilter.MinFilter(size))
    expected = max(1.0, small_mark - (size - 1)) ** 2
    target = ((predicted[0] - left) * scale, (predicted[1] - top) * scale)
    best = None
    for pixels in _blobs(eroded):
        if not 0.2 * expected <= len(pixels) <= 3.0 * expected:
            continue
        xs = [p[0] for p in pixels]
        ys = [p[1] for p in pixels]
        if max(xs) - min(xs) > 2 * small_mark or max(ys) - min(ys) > 2 * small_mark:
            continue
        centre = (sum(xs) / len(pixels), sum(ys) / len(pixels))
        gap = distance(centre, target)
        if best is None or gap < best[0]:
            best = (gap, centre)
    if best is None:
        return None
    rough = (left + best[1][0] / scale, top + best[1][1] / scale)
    return _centroid(flat, rough, mark_px)


def _centroid(flat: Image.Image, rough: Point, mark_px: float) -> Point | None:
    """The centre of the dark square around ``rough``, at full resolution: the mean place of the dark
    pixels within reach of it (a mark stands alone in its corner, the sheet's margin around it).
    None when the mark runs off the picture's edge (its centre would be wrong)."""
    reach = mark_px * 0.8
    left, top = max(0, int(rough[0] - reach)), max(0, int(rough[1] - reach))
    right, bottom = min(flat.width, int(rough[0] + reach) + 1), min(flat.height, int(rough[1] + reach) + 1)
    mask = flat.crop((left, top, right, bottom)).point(_dark)
    columns = list(mask.resize((mask.width, 1), Image.Resampling.BOX).tobytes())
    rows = list(mask.resize((1, mask.height), Image.Resampling.BOX).tobytes())
    if not sum(columns) or not sum(rows):
        return rough
    cut_off = (
        (left == 0 and columns[0])
        or (right == flat.width and columns[-1])
        or (top == 0 and rows[0])
        or (bottom == flat.height and rows[-1])
    )
    if cut_off:
        return None
    return (
        left + sum((x + 0.5) * weight for x, weight in enumerate(columns)) / sum(columns),
        top + sum((y + 0.5) * weight for y, weight in enumerate(rows)) / sum(rows),
    )


def locate_marks(flat: Image.Image, code: FoundCode, sheet: SheetMap) -> Homography:
    """The mapping from the sheet's millimetres to the picture, through its four corner marks found near
    where the code puts them; MarksNotFound (in words) when they are not there.

    The map's ``qr`` box is taken as the symbol itself (what zxing-cpp reports the corners of); when
    the marks are not found so, as the symbol with its quiet zone of four modules around it.
    """
    try:
        return _locate_marks(flat, code, sheet, sheet.qr)
    except MarksNotFound:
        if not code.modules:
            raise
    q = sheet.qr
    border_x, border_y = q.w * 4 / (code.modules + 8), q.h * 4 / (code.modules + 8)
    symbol = Box(q.x + border_x, q.y + border_y, q.w - 2 * border_x, q.h - 2 * border_y)
    return _locate_marks(flat, code, sheet, symbol)


def _locate_marks(flat: Image.Image, code: FoundCode, sheet: SheetMap, q: Box) -> Homography:
    qr_mm = [(q.x, q.y), (q.x + q.w, q.y), (q.x + q.w, q.y + q.h), (q.x, q.y + q.h)]
    rough = affine(qr_mm, code.corners)
    px_per_mm = code.side / ((q.w + q.h) / 2)
    mark_px = sheet.mark_mm * px_per_mm
    scale = min(1.0, SEARCH_PX_PER_MM / px_per_mm)
    centres = []
    missing = _(
        "The corner marks of this sheet could not all be found (a corner cut off, covered or outside "
        "the picture?). Take the picture again with the whole sheet in it."
    )
    for mark in sheet.marks:
        predicted = apply(rough, mark)
        radius = (WINDOW_MARKS * sheet.mark_mm + WINDOW_SHARE * distance(mark, q.centre)) * px_per_mm
        centre = _find_mark(flat, predicted, radius, mark_px, scale)
        if centre is None:
            raise MarksNotFound(missing)
        centres.append(centre)
    try:
        mapping = homography(list(sheet.marks), centres)
    except SingularError as error:
        raise MarksNotFound(missing) from error
    if not _plausible(mapping, q, qr_mm, code, sheet.mark_mm):
        raise MarksNotFound(missing)
    return mapping


def _plausible(mapping: Homography, q: Box, qr_mm: list[Point], code: FoundCode, mark_mm: float) -> bool:
    """Whether the marks found agree with the code: its corners land near where the code was read."""
    tolerance = max(0.15 * code.side, mark_mm * code.side / q.w)
    try:
        return all(distance(apply(mapping, corner), found) <= tolerance for corner, found in zip(qr_mm, code.corners))
    except ZeroDivisionError:
        return False
