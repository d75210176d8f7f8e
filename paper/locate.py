"""Finding sheets in a picture: their QR codes, then each sheet's four corner marks.

The QR code says which sheet it is and, from its four corners, roughly where
the sheet lies (any rotation). The corner marks are then looked for around
where that rough placing puts them, in a picture divided by its own local
paper level (so a shadow or a lamp's gradient does not look like ink): dark
squares of about a mark's size with paper around them. The squares that
agree with each other and with the code are taken, and their centres fix the
perspective mapping from the sheet's millimetres to the picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from PIL import Image, ImageChops, ImageFilter

from models.i18n import _
from models.paper.sheet_map import Box, SheetMap

from .geometry import Homography, Point, SingularError, affine, apply, distance, fitted_homography, homography

# zxing-cpp reads this first: the picture scaled down to about this many pixels on its longer side.
QUICK_SIDE = 1800
# A picture with no code found at its own size is read again enlarged, by each of these in turn while its
# longer side stays within ENLARGED_SIDE: a phone's 3 megapixels give a sign-in page's code barely 3.5
# pixels a module, and an A4 ballot's 2.7, which zxing-cpp misses now and then when blur and JPEG soften
# them (one A4 ballot in 900 photographed was found only at two and a half times its size). Quick: zxing-cpp
# read a 27-megapixel picture in 0.1 s.
ENLARGEMENTS = (2.0, 3.0)
ENLARGED_SIDE = 8000
# The flattened picture: a pixel darker than this (paper is 255) is ink or print.
DARK = 128
# Where the marks are searched: the picture reduced to about this many pixels a millimetre.
SEARCH_PX_PER_MM = 2.5
# The window around each mark's predicted place: this many mark widths, plus this share of its distance
# from the code (the code is small: its placing is rough, and a strong perspective puts it far off).
WINDOW_MARKS = 3.0
WINDOW_SHARE = 0.25
# A mark-like square has paper around it: of a ring this many marks wide, no more than RING_DARK dark
# (a ruled line or a pen's stroke may cross it; a noisy background or a QR code's modules are darker).
RING_MARKS = 0.3
RING_DARK = 0.25
# The middle of a mark (a square 0.4 of it wide) is this share dark in the full picture.
SOLID = 0.9
# Marks are looked for at the code's scale and this much smaller: in a strong perspective the far side of
# the sheet is smaller in the picture than the code's side.
FARTHER = 0.75
# The squares tried together: this many nearest to each of the three marks nearest the code.
TRIED = 4
# How much less than a mark's centre each of the code's corners counts when the marks are checked.
CODE_WEIGHT = 0.1
# The marks found are taken when each lies where the other three and the code put it, within half a mark
# plus AGREE_SHARE of its distance from the code, and the code's corners where the marks put them, within
# CODE_SHARE of its side.
AGREE_MARKS = 0.5
AGREE_SHARE = 0.03
CODE_SHARE = 0.08
# Nothing mark-like lies on a sheet within this many mark widths of one of its marks.
CROWD_MARKS = 2.5


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
    that finds nothing, or when it finds ballots (several small ones may share a scanner's bed); the
    picture enlarged when even that finds nothing (ENLARGEMENTS)."""
    factor = max(1, math.ceil(max(gray.size) / QUICK_SIDE))
    codes = _read(gray.reduce(factor), factor) if factor > 1 else []
    if factor == 1 or not codes or any(":B:" in code.text for code in codes):
        for code in _read(gray, 1):
            if all(distance(code.centre, other.centre) > code.side / 2 for other in codes):
                codes.append(code)
    for enlargement in ENLARGEMENTS:
        if codes or max(gray.size) * enlargement > ENLARGED_SIDE:
            break
        size = (round(gray.width * enlargement), round(gray.height * enlargement))
        codes = _read(gray.resize(size, Image.Resampling.BICUBIC), 1 / enlargement)
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


def _eroded(mask: Image.Image, half: int) -> Image.Image:
    """The 0-or-255 ``mask`` eroded by a square ``2 * half + 1`` wide: a pixel stays only when the whole
    square around it is set, i.e. when the box average there is 255 (a box blur costs the same at any
    size, a minimum filter grows with the square's area)."""
    return mask.filter(ImageFilter.BoxBlur(half)).point(lambda level: 255 if level == 255 else 0)


def _dark_share(mask: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int]:
    """The set pixels of the 0-or-255 ``mask`` in ``box`` (clipped to it), and the pixels of the box."""
    left, top = max(0, box[0]), max(0, box[1])
    right, bottom = min(mask.width, box[2]), min(mask.height, box[3])
    if right <= left or bottom <= top:
        return 0, 0
    return mask.crop((left, top, right, bottom)).histogram()[255], (right - left) * (bottom - top)


def _alone(mask: Image.Image, body: tuple[int, int, int, int], gap: int, ring: int) -> bool:
    """Whether the paper around ``body`` (a dark shape's box in ``mask``) is light: a ring ``ring``
    pixels wide, ``gap`` pixels out from it (room for a turned square's corners and its blur)."""
    inner = (body[0] - gap, body[1] - gap, body[2] + gap, body[3] + gap)
    outer = (inner[0] - ring, inner[1] - ring, inner[2] + ring, inner[3] + ring)
    dark_outer, area_outer = _dark_share(mask, outer)
    dark_inner, area_inner = _dark_share(mask, inner)
    if area_outer <= area_inner:
        return False
    return dark_outer - dark_inner <= RING_DARK * (area_outer - area_inner)


def _squares(
    small: Image.Image, k: int, flat: Image.Image, predicted: Point, radius: float, mark_px: float
) -> list[Point]:
    """The centres of the mark-like squares (``mark_px`` wide, give or take a strong perspective) within
    ``radius`` of ``predicted``, nearest first, in the full picture's pixels. They are looked for in
    ``small`` (the flattened picture reduced ``k`` times), at the code's scale and a little smaller,
    and measured in ``flat``."""
    x, y, reach = predicted[0] / k, predicted[1] / k, radius / k
    left, top = max(0, int(x - reach)), max(0, int(y - reach))
    right, bottom = min(small.width, int(x + reach) + 1), min(small.height, int(y + reach) + 1)
    if right - left < mark_px / k or bottom - top < mark_px / k:
        return []
    mask = small.crop((left, top, right, bottom)).point(_dark)
    found: list[Point] = []
    for size in (mark_px, mark_px * FARTHER):
        for rough, body_px in _square_places(mask, size / k):
            centre = _centroid(flat, ((left + rough[0]) * k, (top + rough[1]) * k), max(size, body_px * k))
            if (
                centre is not None
                and _solid(flat, centre, size)
                and all(distance(centre, other) > size / 2 for other in found)
            ):
                found.append(centre)
    return sorted(found, key=lambda centre: distance(centre, predicted))


def _square_places(mask: Image.Image, mark: float) -> list[tuple[Point, float]]:
    """Where in the 0-or-255 ``mask`` dark squares about ``mark`` pixels wide lie alone: the middle of
    each (pixel centres at .5) and the width of its box."""
    # Erosion leaves only the dark shapes wider than about half a mark: no text, no lines, no QR modules.
    half = max(1, int(mark * 0.5) // 2)
    expected = max(1.0, mark - 2 * half) ** 2
    ring = max(2, round(RING_MARKS * mark))
    places = []
    for pixels in _blobs(_eroded(mask, half)):
        # From about 0.8 to 1.5 times the expected size, at any angle (a strong perspective makes the
        # near side of the sheet larger in the picture than the code's side), and about as wide as
        # high: a square, not what is left of a line or of the dark band beyond the sheet's edge.
        if not 0.3 * expected <= len(pixels) <= 5.0 * expected:
            continue
        xs = [p[0] for p in pixels]
        ys = [p[1] for p in pixels]
        width, height = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
        extent = max(width, height)
        if extent > 1.6 * mark or min(width, height) < extent / 2:
            continue
        body = (min(xs) - half, min(ys) - half, max(xs) + half + 1, max(ys) + half + 1)
        if _alone(mask, body, half, ring):
            places.append(((sum(xs) / len(pixels) + 0.5, sum(ys) / len(pixels) + 0.5), extent + 2.0 * half))
    return places


def _solid(flat: Image.Image, centre: Point, mark_px: float) -> bool:
    """Whether the middle of the square at ``centre`` is solid ink at full resolution: a square 0.4 of
    ``mark_px`` wide, inside the mark at any angle, nearly all dark (a bold character that survived the
    erosion at the coarse scale has light gaps between its strokes)."""
    reach = max(1, round(0.2 * mark_px))
    x, y = round(centre[0]), round(centre[1])
    box = (max(0, x - reach), max(0, y - reach), min(flat.width, x + reach + 1), min(flat.height, y + reach + 1))
    if box[2] <= box[0] or box[3] <= box[1]:
        return False
    middle = flat.crop(box).point(_dark)
    return middle.histogram()[255] >= SOLID * middle.width * middle.height


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
    k = max(1, round(px_per_mm / SEARCH_PX_PER_MM))
    small = flat.reduce(k) if k > 1 else flat
    missing = _(
        "The corner marks of this sheet could not all be found (a corner cut off, covered or outside "
        "the picture?). Take the picture again with the whole sheet in it."
    )
    found = []
    for mark in sheet.marks:
        radius = (WINDOW_MARKS * sheet.mark_mm + WINDOW_SHARE * distance(mark, q.centre)) * px_per_mm
        squares = _squares(small, k, flat, apply(rough, mark), radius, mark_px)
        if not squares:
            raise MarksNotFound(missing)
        found.append(squares)
    centres = _agreeing(found, sheet, qr_mm, code, px_per_mm)
    if centres is None:
        raise MarksNotFound(missing)
    return homography(list(sheet.marks), centres)


def _agreeing(
    found: list[list[Point]], sheet: SheetMap, qr_mm: list[Point], code: FoundCode, px_per_mm: float
) -> list[Point] | None:
    """The squares, one for each mark, that agree best with each other and with the code; None when no
    choice agrees (a mark missing, or taken by something else).

    Near the code its rough placing is good; far from it a strong perspective leaves it wide of the
    mark, where another sheet's mark (four ballots on a bed, or still uncut) may lie nearer. So the
    three marks nearest the code are tried with each of their nearest squares, and for each choice
    the fourth is the square nearest where those three and the code's corners put it (a perspective
    mapping fitted to them: the code's own small perspective, anchored by three marks far apart,
    places the fourth within a few millimetres where the code's rough placing may be some centimetres
    off)."""
    centre = (sum(p[0] for p in qr_mm) / 4, sum(p[1] for p in qr_mm) / 4)
    order = sorted(range(4), key=lambda i: distance(sheet.marks[i], centre))
    best: tuple[float, list[Point]] | None = None
    for three in product(*(found[i][:TRIED] for i in order[:3])):
        chosen = dict(zip(order[:3], three))
        try:
            guess = apply(_fitted(sheet.marks, chosen, qr_mm, code), sheet.marks[order[3]])
        except (SingularError, ZeroDivisionError):
            continue
        chosen[order[3]] = min(found[order[3]], key=lambda square: distance(square, guess))
        centres = [chosen[i] for i in range(4)]
        worst = _disagreement(centres, sheet, qr_mm, code, px_per_mm)
        if worst <= 1 and (best is None or worst < best[0]) and not _crowded(centres, found, sheet):
            best = (worst, centres)
    return best[1] if best else None


def _crowded(centres: list[Point], found: list[list[Point]], sheet: SheetMap) -> bool:
    """Whether another of the squares found lies on the sheet the centres make, near one of its marks.

    A mark stands alone in its corner (white paper, then the words). Just beyond the sheet's edge
    another sheet's marks may stand (ballots not cut yet, or cut and lying side by side): when one of
    the sheet's own marks is covered, the marks next to it can make a sheet some millimetres larger
    that agrees with the code as well as the true one, but the true marks then lie inside it."""
    try:
        back = homography(centres, list(sheet.marks))
    except SingularError:
        return True
    width, height = sheet.page_size
    inset = sheet.mark_mm / 2  # a blot of shadow along the sheet's edge is not on it
    for square in {square for squares in found for square in squares}:
        try:
            x, y = apply(back, square)
        except ZeroDivisionError:
            continue
        if inset < x < width - inset and inset < y < height - inset:
            gap = min(distance((x, y), mark) for mark in sheet.marks)
            if sheet.mark_mm / 2 < gap < CROWD_MARKS * sheet.mark_mm:
                return True
    return False


def _fitted(marks: Sequence[Point], chosen: dict[int, Point], qr_mm: list[Point], code: FoundCode) -> Homography:
    """The perspective mapping nearest to taking the ``chosen`` marks and the code's corners where they
    were found (the marks count more: they are measured on a larger, solid square)."""
    sources = [marks[i] for i in chosen] + qr_mm
    targets = list(chosen.values()) + list(code.corners)
    return fitted_homography(sources, targets, [1.0] * len(chosen) + [CODE_WEIGHT] * 4)


def _disagreement(
    centres: list[Point], sheet: SheetMap, qr_mm: list[Point], code: FoundCode, px_per_mm: float
) -> float:
    """How far the four centres disagree with each other and with the code, as a share of what is
    allowed (at most 1 is taken): each mark against where the other three and the code put it, and the
    code's corners against where the four marks put them. Infinite when they make no sheet (three on a
    line, a crossed quadrilateral, a mirror image)."""
    try:
        mapping = homography(list(sheet.marks), centres)
        if not _same_turn(sheet.marks, centres, qr_mm, code.corners):
            return math.inf
        code_off = max(distance(apply(mapping, corner), seen) for corner, seen in zip(qr_mm, code.corners))
        worst = code_off / (CODE_SHARE * code.side)
        middle = (sum(p[0] for p in qr_mm) / 4, sum(p[1] for p in qr_mm) / 4)
        for i, mark in enumerate(sheet.marks):
            others = {j: centres[j] for j in range(4) if j != i}
            off = distance(apply(_fitted(sheet.marks, others, qr_mm, code), mark), centres[i]) / px_per_mm
            allowed = AGREE_MARKS * sheet.mark_mm + AGREE_SHARE * distance(mark, middle)
            worst = max(worst, off / allowed)
    except (SingularError, ZeroDivisionError):
        return math.inf
    return worst


def _same_turn(
    marks: Sequence[Point], centres: Sequence[Point], qr_mm: Sequence[Point], corners: Sequence[Point]
) -> bool:
    """Whether the centres make a convex quadrilateral going round the way the marks do on the sheet,
    turned over or not as the code's corners are from its box (a picture is never a mirror image)."""

    def turns(points: Sequence[Point]) -> list[float]:
        return [
            (points[(i + 1) % 4][0] - points[i][0]) * (points[(i + 2) % 4][1] - points[(i + 1) % 4][1])
            - (points[(i + 1) % 4][1] - points[i][1]) * (points[(i + 2) % 4][0] - points[(i + 1) % 4][0])
            for i in range(4)
        ]

    way = (
        math.copysign(1, sum(turns(qr_mm)))
        * math.copysign(1, sum(turns(corners)))
        * math.copysign(1, sum(turns(marks)))
    )
    return all(turn * way > 0 for turn in turns(centres))
