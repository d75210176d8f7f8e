"""Synthetic sheets to read back: drawn from a SheetMap, signed and marked, then photographed-looking.

Everything is deterministic from a seed (``random.Random``) and keeps the
truth (which cells were marked). The signing and photographing take any
SheetMap and a clean page image (grayscale, ``px_per_mm`` pixels a
millimetre, the page's top-left at (0, 0)), so the real forms' pages can be
used as well as the ones ``sign_in_map``/``ballot_map`` and ``page_image`` make.
"""

from __future__ import annotations

import io
import math
import random
import uuid
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from models.paper.code import BALLOT, SIGN_IN, PageCode, content_digest
from models.paper.reading import MARKED, UNSURE
from models.paper.sheet_map import (
    ABSTAIN,
    AGAINST,
    FOR,
    NAME,
    SIGNATURE,
    WRITE_IN_FOR,
    WRITE_IN_NAME,
    Box,
    Cell,
    SheetMap,
)
from paper.geometry import apply, homography

A4 = (210.0, 297.0)
BALLOT_SIZE = (105.0, 148.5)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "秀英桂兰玉梅凤芳丽红霞燕华珍敏静琴云莲春"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def sign_in_map(rng: random.Random, rows: int = 22, sessions: int = 2, spare: int = 2) -> SheetMap:
    """An A4 sign-in page: number, name and unit columns, one signature column per session; the last
    ``spare`` rows are blank rows for walk-ins (a name cell and signature cells)."""
    training, session_ids = _uuid(rng), [_uuid(rng) for _ in range(sessions)]
    people = [_uuid(rng) for _ in range(rows - spare)]
    code = PageCode(SIGN_IN, training, "20260315", 1, 1, content_digest(people)).text()
    top, bottom, left = 50.0, 278.0, 17.0
    height = (bottom - top) / (rows + 1)
    widths = [10.0, 28.0, 40.0] + [(176.0 - 78.0) / sessions] * sessions
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    cells = []
    for row in range(rows):
        y = top + height * (row + 1)
        key = people[row] if row < rows - spare else ""
        if not key:
            cells.append(Cell(row, "", NAME, Box(xs[1], y, widths[1], height)))
        for index, session in enumerate(session_ids):
            cells.append(Cell(row, key, SIGNATURE, Box(xs[3 + index], y, widths[3 + index], height), session))
    return SheetMap(
        code=code,
        page_size=A4,
        marks=((11.0, 11.0), (199.0, 11.0), (199.0, 286.0), (11.0, 286.0)),
        mark_mm=5.0,
        qr=Box(170.0, 20.0, 22.0, 22.0),
        cells=tuple(cells),
    )


def ballot_map(rng: random.Random, candidates: int = 5, write_ins: int = 1, record: str = "") -> SheetMap:
    """A ballot (A6, four to an A4 page): a row per candidate with 赞成/反对/弃权 boxes, write-in rows."""
    record = record or _uuid(rng)
    code = PageCode(BALLOT, record, "1", 1, 1, content_digest([str(n) for n in range(candidates)])).text()
    top, left, height = 44.0, 10.0, 11.0
    widths = [30.0, 20.0, 15.0, 15.0, 15.0]
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    cells = []
    for row in range(candidates + write_ins):
        y = top + height * (row + 1)
        if row < candidates:
            key = str(row + 1)
            for column, index in ((FOR, 2), (AGAINST, 3), (ABSTAIN, 4)):
                cells.append(Cell(row, key, column, Box(xs[index], y, widths[index], height)))
        else:
            key = f"write-in {row - candidates + 1}"
            cells.append(Cell(row, key, WRITE_IN_NAME, Box(xs[1], y, widths[1], height)))
            cells.append(Cell(row, key, WRITE_IN_FOR, Box(xs[2], y, widths[2], height)))
    return SheetMap(
        code=code,
        page_size=BALLOT_SIZE,
        marks=((7.0, 7.0), (98.0, 7.0), (98.0, 141.5), (7.0, 141.5)),
        mark_mm=4.5,
        qr=Box(77.0, 13.0, 19.0, 19.0),
        cells=tuple(cells),
    )


def page_pdf(sheet: SheetMap, title: str = "培训签到表", names: list[str] | None = None, qr_border: int = 0) -> bytes:
    """The sheet printed: corner marks, the QR code, the grid of its rows, a title and some names.
    ``qr_border``: the quiet zone (in modules) drawn inside the map's ``qr`` box."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from forms import fonts

    fonts.register()
    width, height = sheet.page_size
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(width * mm, height * mm))

    def y_of(y: float) -> float:
        return (height - y) * mm

    half = sheet.mark_mm / 2
    for x, y in sheet.marks:
        pdf.rect((x - half) * mm, y_of(y + half), sheet.mark_mm * mm, sheet.mark_mm * mm, stroke=0, fill=1)
    widget = QrCodeWidget(sheet.code, barBorder=qr_border, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    q = sheet.qr
    drawing = Drawing(q.w * mm, q.h * mm, transform=[q.w * mm / (x1 - x0), 0, 0, q.h * mm / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, q.x * mm, y_of(q.y + q.h))
    pdf.setFont(fonts.BOLD, 16)
    pdf.drawString(20 * mm, y_of(26), title)
    if sheet.page_size == A4:
        pdf.setFont(fonts.MAIN, 9)
        pdf.drawString(20 * mm, y_of(34), "培训日期：2026年3月15日    地点：村妇女之家    主办：县妇联")
    else:
        pdf.setFont(fonts.MAIN, 8)
        pdf.drawString(20 * mm, y_of(34), "在赞成、反对、弃权中选一格划记")
    pdf.setLineWidth(0.3 * mm)
    rows = sheet.rows()
    left = min(c.box.x for c in sheet.cells)
    right = max(c.box.x + c.box.w for c in sheet.cells)
    names = names or []
    for row in rows:
        cells = sheet.cells_of_row(row)
        top = min(c.box.y for c in cells)
        row_height = max(c.box.h for c in cells)
        first = min(c.box.x for c in cells)
        table_left = 17.0 if sheet.page_size == A4 else 10.0
        pdf.rect(table_left * mm, y_of(top + row_height), (right - table_left) * mm, row_height * mm)
        for cell in cells:
            pdf.line(cell.box.x * mm, y_of(top), cell.box.x * mm, y_of(top + row_height))
        pdf.line(first * mm, y_of(top), first * mm, y_of(top + row_height))
        if sheet.page_size == A4:
            pdf.line(27 * mm, y_of(top), 27 * mm, y_of(top + row_height))
            pdf.drawString(19 * mm, y_of(top + row_height / 2 + 1.5), str(row + 1))
        label = names[row] if row < len(names) else ""
        if label:
            pdf.drawString(
                (table_left + (11 if sheet.page_size == A4 else 1.5)) * mm, y_of(top + row_height / 2 + 1.5), label
            )
    if rows:
        cells = sheet.cells_of_row(rows[0])
        top = min(c.box.y for c in cells)
        head = max(c.box.h for c in cells)
        table_left = 17.0 if sheet.page_size == A4 else 10.0
        pdf.rect(table_left * mm, y_of(top), (right - table_left) * mm, head * mm)
        for cell in cells:
            pdf.line(cell.box.x * mm, y_of(top - head), cell.box.x * mm, y_of(top))
            heading = {FOR: "赞成", AGAINST: "反对", ABSTAIN: "弃权", SIGNATURE: "签名", NAME: "姓名"}.get(
                cell.column, ""
            )
            pdf.drawString((cell.box.x + 2) * mm, y_of(top - head / 2 + 1.5), heading)
    del left
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def render(pdf: bytes, px_per_mm: float = 10.0) -> Image.Image:
    """The first page of ``pdf`` as a grayscale image of ``px_per_mm`` pixels a millimetre."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=px_per_mm * 25.4 / 72, grayscale=True).to_pil().convert("L")
        page.close()
    finally:
        document.close()
    return image


def random_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


# ---- signing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pen:
    width_mm: float
    darkness: int  # the gray level drawn, 0 black


def _pen(rng: random.Random, faint: bool = False) -> Pen:
    if faint:  # pencil, pressed lightly
        return Pen(rng.uniform(0.25, 0.5), rng.randint(120, 155))
    return Pen(rng.uniform(0.3, 0.85), rng.randint(5, 95))


def _stroke(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], pen: Pen, ppm: float) -> None:
    width = max(1, round(pen.width_mm * ppm))
    draw.line(points, fill=pen.darkness, width=width, joint="curve")


def _character(rng: random.Random, x: float, y: float, size: float) -> list[list[tuple[float, float]]]:
    """The strokes of a made-up character in the square at (x, y) of side ``size`` (pixels)."""
    strokes = []
    for _ in range(rng.randint(3, 8)):
        kind = rng.random()
        ax, ay = x + rng.uniform(0, 0.7) * size, y + rng.uniform(0, 0.8) * size
        if kind < 0.35:  # 横
            strokes.append([(ax, ay), (ax + rng.uniform(0.3, 0.9) * size * 0.9, ay + rng.uniform(-0.05, 0.05) * size)])
        elif kind < 0.6:  # 竖, perhaps with a hook
            end = (ax + rng.uniform(-0.04, 0.04) * size, ay + rng.uniform(0.3, 0.8) * size)
            points = [(ax, ay), end]
            if rng.random() < 0.3:
                points.append((end[0] - 0.12 * size, end[1] - 0.1 * size))
            strokes.append(points)
        elif kind < 0.8:  # 撇
            strokes.append(
                [(ax + 0.2 * size, ay), (ax + 0.1 * size, ay + 0.25 * size), (ax - 0.1 * size, ay + 0.45 * size)]
            )
        elif kind < 0.95:  # 捺
            strokes.append([(ax, ay), (ax + 0.25 * size, ay + 0.3 * size), (ax + 0.45 * size, ay + 0.4 * size)])
        else:  # 点
            strokes.append([(ax, ay), (ax + 0.06 * size, ay + 0.08 * size)])
    return [
        [(min(max(px, x - size * 0.1), x + size * 1.1), min(max(py, y - size * 0.1), y + size * 1.1)) for px, py in s]
        for s in strokes
    ]


def _signature(draw, rng: random.Random, box: Box, ppm: float, pen: Pen) -> None:
    """A name of two or three characters written in ``box`` (mm), of varied size and place."""
    chars = rng.choice((2, 3, 3))
    size = box.h * rng.uniform(0.4, 0.85) * ppm
    room = box.w * ppm - chars * size * 1.05
    x = box.x * ppm + rng.uniform(0.05, 0.9) * max(room, 1.0)
    y = (box.y + box.h / 2) * ppm - size / 2 + rng.uniform(-0.12, 0.12) * box.h * ppm
    for _ in range(chars):
        for points in _character(rng, x, y, size):
            _stroke(draw, points, pen, ppm)
        x += size * rng.uniform(0.95, 1.2)


def _mark(draw, rng: random.Random, box: Box, ppm: float, pen: Pen, kind: str) -> None:
    """A tick, a cross or a circle in ``box`` (mm), of varied size, somewhat off centre."""
    side = min(box.w, box.h) * rng.uniform(0.4, 0.8) * ppm
    cx = (box.x + box.w / 2) * ppm + rng.uniform(-0.15, 0.15) * (box.w * ppm - side)
    cy = (box.y + box.h / 2) * ppm + rng.uniform(-0.15, 0.15) * (box.h * ppm - side)
    h = side / 2
    if kind == "tick":
        _stroke(draw, [(cx - h, cy), (cx - h * 0.3, cy + h * 0.8), (cx + h, cy - h)], pen, ppm)
    elif kind == "cross":
        _stroke(draw, [(cx - h, cy - h), (cx + h, cy + h)], pen, ppm)
        _stroke(draw, [(cx + h, cy - h * 0.9), (cx - h * 0.9, cy + h)], pen, ppm)
    else:
        width = max(1, round(pen.width_mm * ppm))
        draw.ellipse((cx - h, cy - h * 0.85, cx + h, cy + h * 0.85), outline=pen.darkness, width=width)


def _smudge(page: Image.Image, rng: random.Random, box: Box, ppm: float) -> None:
    """A light smear (a thumb, a wet cup): wide, pale, blurred."""
    layer = Image.new("L", page.size, 255)
    draw = ImageDraw.Draw(layer)
    w, h = rng.uniform(2, 8) * ppm, rng.uniform(2, 5) * ppm
    cx = (box.x + rng.uniform(0.2, 0.8) * box.w) * ppm
    cy = (box.y + rng.uniform(0.3, 0.7) * box.h) * ppm
    draw.ellipse((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), fill=rng.randint(200, 228))
    left, top = int(cx - w), int(cy - h)
    region = (max(0, left), max(0, top), int(cx + w) + 1, int(cy + h) + 1)
    blurred = layer.crop(region).filter(ImageFilter.GaussianBlur(ppm * 0.6))
    page.paste(ImageChops.darker(page.crop(region), blurred), region[:2])


def _touch(draw, rng: random.Random, box: Box, ppm: float) -> None:
    """A pen resting on the paper a moment: a dot or a tiny dash."""
    cx = (box.x + rng.uniform(0.25, 0.75) * box.w) * ppm
    cy = (box.y + rng.uniform(0.3, 0.7) * box.h) * ppm
    r = rng.uniform(0.2, 0.4) * ppm
    if rng.random() < 0.5:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rng.randint(20, 90))
    else:
        draw.line(
            [(cx, cy), (cx + rng.uniform(0.5, 1.0) * ppm, cy + rng.uniform(-0.3, 0.3) * ppm)],
            fill=rng.randint(20, 90),
            width=max(1, round(0.3 * ppm)),
        )


def sign(
    page: Image.Image, sheet: SheetMap, px_per_mm: float, rng: random.Random, share: float = 0.75
) -> tuple[Image.Image, dict[Cell, bool]]:
    """The page signed and marked like people do; the truth: for each cell, whether it was marked.

    Signature and name cells: a name in strokes (sometimes a tick), pen or faint pencil, of any size;
    about ``share`` of them. Ballot rows: one of 赞成/反对/弃权 marked (tick, cross or circle), some rows
    left blank, a write-in now and then. Blank cells get a pale smudge or (sign-in cells) a pen's touch.
    """
    page = page.copy()
    draw = ImageDraw.Draw(page)
    truth: dict[Cell, bool] = {}
    ballot_rows: dict[int, list[Cell]] = {}
    for cell in sheet.cells:
        if cell.column in (FOR, AGAINST, ABSTAIN):
            ballot_rows.setdefault(cell.row, []).append(cell)
        truth[cell] = False
    for cells in ballot_rows.values():
        if rng.random() < 0.9:
            truth[rng.choice(cells)] = True
    write_ins: dict[int, list[Cell]] = {}
    for cell in sheet.cells:
        if cell.column in (WRITE_IN_NAME, WRITE_IN_FOR):
            write_ins.setdefault(cell.row, []).append(cell)
    for cells in write_ins.values():
        if rng.random() < 0.3:
            for cell in cells:
                truth[cell] = True
    for cell in sheet.cells:
        if cell.column in (SIGNATURE, NAME) and (cell.key or rng.random() < 0.3):
            truth[cell] = rng.random() < share
    for cell, marked in truth.items():
        if marked:
            pen = _pen(rng, faint=rng.random() < 0.12)
            if cell.column in (FOR, AGAINST, ABSTAIN, WRITE_IN_FOR):
                _mark(draw, rng, cell.box, px_per_mm, pen, rng.choice(("tick", "tick", "cross", "circle")))
            elif cell.column == SIGNATURE and rng.random() < 0.08:
                _mark(draw, rng, cell.box, px_per_mm, pen, "tick")
            else:
                _signature(draw, rng, cell.box, px_per_mm, pen)
        else:
            roll = rng.random()
            if roll < 0.1:
                _smudge(page, rng, cell.box, px_per_mm)
                draw = ImageDraw.Draw(page)
            elif roll < 0.15 and cell.column in (SIGNATURE, NAME):
                _touch(draw, rng, cell.box, px_per_mm)
    return page, truth


def seal(page: Image.Image, centre_mm: tuple[float, float], px_per_mm: float, rng: random.Random) -> Image.Image:
    """The page (gray or RGB) stamped with a unit's round seal (42 mm, red) centred at ``centre_mm``: a
    ring, the unit's name in characters round the inside, a star and a line of characters; the ink uneven
    and, like real seal ink, letting the print under it show through. Returned in RGB."""
    radius = 21.0 * px_per_mm
    cx, cy = centre_mm[0] * px_per_mm, centre_mm[1] * px_per_mm
    coverage = Image.new("L", page.size, 0)
    draw = ImageDraw.Draw(coverage)
    ring = round(1.2 * px_per_mm)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=ring)
    pen = Pen(0.7, 255)
    size = 5.5 * px_per_mm
    for index in range(13):  # the unit's name along the upper 240 degrees
        angle = math.radians(210 - index * 20)
        x = cx + 0.7 * radius * math.cos(angle) - size / 2
        y = cy - 0.7 * radius * math.sin(angle) - size / 2
        for points in _character(rng, x, y, size):
            _stroke(draw, points, pen, px_per_mm)
    star = [
        (cx + r * math.sin(math.radians(36 * k)), cy - r * math.cos(math.radians(36 * k)))
        for k, r in enumerate([0.3 * radius, 0.12 * radius] * 5)
    ]
    draw.polygon(star, fill=255)
    for index in range(4):  # 专用章 and the like under the star
        for points in _character(rng, cx + (index - 2) * size * 0.9, cy + 0.38 * radius, size * 0.8):
            _stroke(draw, points, pen, px_per_mm)
    # Seal ink is uneven: pressed harder on one side, thin in patches.
    patches = Image.new("L", (max(1, page.width // 16), max(1, page.height // 16)))
    patches.putdata([rng.randint(130, 255) for _ in range(patches.width * patches.height)])
    patches = patches.resize(page.size, Image.Resampling.BICUBIC)
    coverage = ImageChops.multiply(coverage, patches).filter(ImageFilter.GaussianBlur(0.15 * px_per_mm))
    ink = (rng.randint(190, 225), rng.randint(25, 70), rng.randint(30, 70))
    stamp = Image.composite(Image.new("RGB", page.size, ink), Image.new("RGB", page.size, (255, 255, 255)), coverage)
    rgb = page if page.mode == "RGB" else Image.merge("RGB", (page, page, page))
    return ImageChops.multiply(rgb, stamp)


def wrong_cells(reading, truth: dict[Cell, bool]) -> list[Cell]:
    """The cells of a read sheet judged against the truth: marked where blank or blank where marked (those
    read as unsure are not wrong)."""
    return [c.cell for c in reading.cells if c.verdict != UNSURE and (c.verdict == MARKED) != truth[c.cell]]


# ---- photographing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Camera:
    """How a page is photographed or scanned."""

    angle: float = 0.0  # degrees, counter-clockwise
    keystone: float = 0.0  # the far edge shorter by this share (perspective)
    px_per_mm: float = 7.0  # of the page in the picture
    shadow: float = 0.0  # 0 none, 0.5 half the light lost in the darkest part
    blur: float = 0.6  # pixels
    noise: float = 4.0  # gray levels
    quality: int = 80  # JPEG
    margin_mm: float = 15.0  # background around the page
    background: tuple[int, int, int] = (70, 55, 45)


def random_camera(rng: random.Random, hard: bool = False, page_mm: float = A4[1]) -> Camera:
    """A phone held by hand, the sheet (``page_mm`` its longer side) filling most of a 2–3 megapixel
    picture: any multiple of 90° plus a little, some perspective, uneven light.
    ``hard``: 15° off, 8 % keystone, deep shadow, JPEG 60."""
    turn = rng.choice((0, 90, 180, 270))
    return Camera(
        angle=turn + (rng.choice((-15.0, 15.0)) * rng.uniform(0.8, 1.0) if hard else rng.uniform(-6, 6)),
        keystone=rng.uniform(0.06, 0.08) if hard else rng.uniform(0.0, 0.04),
        px_per_mm=rng.uniform(1900, 2700) / (page_mm + 30),
        shadow=rng.uniform(0.4, 0.55) if hard else rng.uniform(0.0, 0.3),
        blur=rng.uniform(0.5, 1.1),
        noise=rng.uniform(3, 7),
        quality=60 if hard else rng.randint(65, 85),
        background=(rng.randint(30, 120), rng.randint(30, 100), rng.randint(20, 90)),
    )


def scanner(rng: random.Random, upside_down: bool = True) -> Camera:
    """A flatbed scan at about 150–200 dpi: nearly straight (or upside down), even light, white lid around."""
    return Camera(
        angle=rng.uniform(-1.5, 1.5) + (rng.choice((0, 0, 180)) if upside_down else 0),
        px_per_mm=rng.uniform(6.0, 8.0),
        blur=0.4,
        noise=2.0,
        quality=85,
        margin_mm=3.0,
        background=(250, 250, 250),
    )


def _noise(size: tuple[int, int], sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian noise about 128, drawn from ``rng`` (so that a picture is the same at every run) in a
    tile repeated over ``size``."""
    tile = Image.new("L", (256, 256))
    tile.putdata([min(255, max(0, round(rng.gauss(128, sigma)))) for _ in range(256 * 256)])
    noise = Image.new("L", size)
    for x in range(0, size[0], 256):
        for y in range(0, size[1], 256):
            noise.paste(tile, (x, y))
    return noise


def photograph(page: Image.Image, page_px_per_mm: float, camera: Camera, rng: random.Random) -> bytes:
    """The page as a JPEG taken by ``camera``."""
    width, height = page.size
    k = camera.keystone / 2
    # The page's corners as the camera sees them: the top edge farther away (shorter), jittered.
    seen = [(k * width, 0.0), ((1 - k) * width, 0.0), (float(width), float(height)), (0.0, float(height))]
    seen = [(x + rng.uniform(-0.01, 0.01) * width, y + rng.uniform(-0.01, 0.01) * height) for x, y in seen]
    scale = camera.px_per_mm / page_px_per_mm
    angle = math.radians(camera.angle)
    cos, sin = math.cos(angle), math.sin(angle)
    turned = [
        (
            (x - width / 2) * scale * cos + (y - height / 2) * scale * sin,
            -(x - width / 2) * scale * sin + (y - height / 2) * scale * cos,
        )
        for x, y in seen
    ]
    margin = camera.margin_mm * camera.px_per_mm
    min_x, min_y = min(p[0] for p in turned), min(p[1] for p in turned)
    out = [(x - min_x + margin, y - min_y + margin) for x, y in turned]
    size = (int(max(p[0] for p in out) + margin), int(max(p[1] for p in out) + margin))
    back = homography(out, [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))])
    if scale < 0.8:  # the lens does not alias: soften before sampling down
        page = page.filter(ImageFilter.GaussianBlur(0.4 / scale))
    if page.mode == "L":
        page = Image.merge("RGB", (page, page, page))
    paper = ImageChops.multiply(page, Image.new("RGB", page.size, (255, 250, 237)))  # paper is not quite white
    picture = paper.transform(
        size, Image.Transform.PERSPECTIVE, back, Image.Resampling.BILINEAR, fillcolor=camera.background
    )
    assert apply(back, out[0])  # the mapping is defined at the corners
    if camera.shadow:
        light = Image.new("L", (4, 4))
        light.putdata([int(255 * (1 - camera.shadow * rng.random())) for _ in range(16)])
        light = light.resize(size, Image.Resampling.BICUBIC)
        if rng.random() < 0.5:  # the phone's own shadow: a soft-edged darker band
            band = Image.new("L", size, 255)
            edge = rng.uniform(0.3, 0.7) * size[0]
            ImageDraw.Draw(band).polygon(
                [(edge, 0), (size[0], 0), (size[0], size[1]), (edge + rng.uniform(-0.2, 0.2) * size[0], size[1])],
                fill=int(255 * (1 - camera.shadow * 0.8)),
            )
            light = ImageChops.multiply(light, band.filter(ImageFilter.GaussianBlur(camera.px_per_mm * 4)))
        picture = ImageChops.multiply(picture, Image.merge("RGB", (light, light, light)))
    if camera.blur:
        picture = picture.filter(ImageFilter.GaussianBlur(camera.blur))
    if camera.noise:
        noise = _noise(size, camera.noise, rng)
        picture = ImageChops.add(picture, Image.merge("RGB", (noise, noise, noise)), offset=-128)
    out_bytes = io.BytesIO()
    picture.save(out_bytes, "JPEG", quality=camera.quality)
    return out_bytes.getvalue()


def ballot_bed(ballots: list[Image.Image], px_per_mm: float, rng: random.Random) -> Image.Image:
    """Up to four cut ballots laid on a scanner's A4 bed, each a little askew (grayscale, same scale)."""
    bed = Image.new("L", (int(225 * px_per_mm), int(315 * px_per_mm)), 245)
    for index, ballot in enumerate(ballots[:4]):
        turned = ballot.rotate(rng.uniform(-2, 2), resample=Image.Resampling.BILINEAR, expand=True, fillcolor=245)
        x = int((index % 2) * 111 * px_per_mm + rng.uniform(0, 2) * px_per_mm)
        y = int((index // 2) * 156 * px_per_mm + rng.uniform(0, 2) * px_per_mm)
        bed.paste(turned, (x, y))
    return bed


def signed_sign_in_page(px_per_mm: float, seed: int = 7, rows: int = 8):
    """A short sign-in page drawn at ``px_per_mm``: (map, the clean page, the page signed, the truth)."""
    rng = random.Random(seed)
    sheet = sign_in_map(rng, rows=rows)
    clean = render(page_pdf(sheet, names=[random_name(rng) for _ in range(rows - 2)]), px_per_mm)
    signed, truth = sign(clean, sheet, px_per_mm, rng, share=0.6)
    return sheet, clean, signed, truth
