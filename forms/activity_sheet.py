"""活动记录表: one page per activity, with its text and up to four photos.

The head of the page is a bordered grid (活动名称, 日期, 时间, 地点, 类别, 形式,
主办/协办, 负责人/主讲人, 记录人, 参加人数, named participants), then the
活动内容 and 活动成效 boxes, then the photos in the room left on the page:
one photo large, two side by side or stacked (whichever shows them larger),
three or four in a 2×2 grid, each scaled to its cell keeping its shape, with
its caption under it. More than four: the first four and a note saying how
many more there are. The page ends with the signature line.

A *sensitive* activity (DOMAIN.md §5) prints no photos, no names of
participants and neither its content nor its results, only a note saying
why: those are the parts that identify people, cases and screening results.

Photos are embedded as the JPEG bytes stored in the database: reportlab
passes them through untouched (no decoding, no re-compression) and stores a
photo used twice in one PDF once (``StoredJpeg``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from forms import fonts, ledger
from models.homes import CATEGORY, FORM, Activity, ActivityParticipant
from models.i18n import N_, _, current_language, join_list
from models.photos import Photo, PhotoLink, photo_bytes
from models.units import is_above_village

from .layout import (
    CENTER,
    LEFT,
    MM,
    PORTRAIT,
    TEXT_SIZE,
    FormDocument,
    FormError,
    FormResult,
    labelled,
    reporting_unit,
)

if TYPE_CHECKING:
    from .registry import FormOptions

SPEC_TITLE = N_("Activity record sheet")
FORMATS = ("pdf",)

MAX_PHOTOS = 4  # a page shows at most four photos large enough to judge
LABEL_BACKGROUND = "#f0f0f0"
_GRID_SIZE = TEXT_SIZE - 0.5
_PAD = 4  # points of padding in the grid's cells
_GAP_MM = 3  # between photos
_CAPTION_SIZE = 8
_SIGNATURE_MM = 14  # the signature line under the photos


# --- photos --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoItem:
    """A photo to print: its stored hash, its size in pixels and its caption."""

    digest: str
    width: int
    height: int
    caption: str = ""


class StoredJpeg:
    """A stored photo as reportlab's ``drawImage`` takes it: named by its hash, JPEG passed through.

    Given an ``ImageReader``, reportlab decodes the whole picture just to
    fingerprint it, and then embeds the JPEG anyway. Given an object that is
    not one but has ``jpeg_fh``, it names the image by ``str(obj)`` (here
    the sha256, so one photo is stored once per PDF) and copies the bytes as
    they are. The bytes are read from the database only when the page is
    drawn, once per PDF.
    """

    def __init__(self, digest: str):
        self.digest = digest

    def __str__(self) -> str:
        return f"photo-{self.digest}"

    def jpeg_fh(self):
        return io.BytesIO(photo_bytes(self.digest))


def photos_by_owner(owners: Sequence[str]) -> dict[str, list[PhotoItem]]:
    """Each owner's live photos in their order, with their pixel sizes, in one query per 500 owners."""
    found: dict[str, list[PhotoItem]] = {}
    owners = list(owners)
    for start in range(0, len(owners), 500):
        chunk = owners[start : start + 500]
        query = (
            PhotoLink.live()
            .select(PhotoLink.owner, PhotoLink.photo, PhotoLink.caption, Photo.width, Photo.height)
            .join(Photo, on=(PhotoLink.photo == Photo.sha256))
            .where(PhotoLink.owner.in_(chunk))
            .order_by(PhotoLink.owner, PhotoLink.position, PhotoLink.created_at)
            .dicts()
        )
        for row in query:
            found.setdefault(row["owner"], []).append(
                PhotoItem(row["photo"], row["width"], row["height"], row["caption"] or "")
            )
    return found


class Box(NamedTuple):
    """A rectangle on the page in points, (x, y) its lower left corner."""

    x: float
    y: float
    w: float
    h: float


def fitted(width: float, height: float, cell: Box) -> Box:
    """The largest rectangle of the image's shape inside ``cell``, centred in it."""
    scale = min(cell.w / width, cell.h / height)
    w, h = width * scale, height * scale
    return Box(cell.x + (cell.w - w) / 2, cell.y + (cell.h - h) / 2, w, h)


def _cells(count: int, area: Box, gap: float, stacked: bool = False) -> list[Box]:
    x, y, w, h = area
    if count == 1:
        return [area]
    if count == 2 and stacked:
        half = (h - gap) / 2
        return [Box(x, y + half + gap, w, half), Box(x, y, w, half)]
    if count == 2:
        half = (w - gap) / 2
        return [Box(x, y, half, h), Box(x + half + gap, y, half, h)]
    cw, ch = (w - gap) / 2, (h - gap) / 2
    top = [Box(x, y + ch + gap, cw, ch), Box(x + cw + gap, y + ch + gap, cw, ch)]
    if count == 3:  # the third centred under the first two
        return top + [Box(x + (w - cw) / 2, y, cw, ch)]
    return top + [Box(x, y, cw, ch), Box(x + cw + gap, y, cw, ch)]


def photo_cells(sizes: Sequence[tuple[float, float]], area: Box, gap: float) -> list[Box]:
    """The cells for 1–4 photos of ``sizes`` (width, height) in ``area``.

    Two photos go side by side or one above the other, whichever shows them
    larger (two portraits side by side, two wide landscapes stacked).
    """
    count = len(sizes)
    if not 1 <= count <= MAX_PHOTOS:
        raise ValueError(f"{count} photos: a page holds 1 to {MAX_PHOTOS}")
    if count == 2:

        def shown(cells):
            return sum(b.w * b.h for b in (fitted(w, h, c) for (w, h), c in zip(sizes, cells)))

        side, stacked = _cells(2, area, gap), _cells(2, area, gap, stacked=True)
        return stacked if shown(stacked) > shown(side) else side
    return _cells(count, area, gap)


def photo_block(
    label: str,
    items: Sequence[PhotoItem],
    width: float,
    *,
    note: str = "",
    empty: str = "",
    max_height: float,
    min_height: float,
    reserve: float = 0,
    label_width: float,
):
    """The bordered 活动照片 box: label on the left, the photos filling the room left on the page.

    The box takes the height left on the page (less ``reserve`` for what must
    follow it), between ``min_height`` and ``max_height``; with less room it
    moves to the next page. ``note`` is printed under the photos; ``empty``
    is shown in the middle when there is no photo.
    """
    return _photo_block_class()(label, list(items), width, note, empty, max_height, min_height, reserve, label_width)


@functools.cache
def _photo_block_class():
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable, Paragraph

    class _PhotoBlock(Flowable):
        """The photos of a record in a bordered box whose height is the room left on the page."""

        def __init__(self, label, items, width, note, empty, max_height, min_height, reserve, label_width):
            super().__init__()
            self.label, self.items, self.width = label, items, width
            self.note, self.empty = note, empty
            self.max_height, self.min_height, self.reserve = max_height, min_height, reserve
            self.label_width = label_width
            self.height = min_height
            self.hAlign = "CENTER"  # like the tables above it, which are as wide as the text area

        def wrap(self, available_width, available_height):
            room = available_height - self.reserve
            self.height = max(self.min_height, min(self.max_height, room))
            return self.width, self.height

        def _text(self, text, x, y, w, h, size, align=CENTER, bold=False, colour=colors.black):
            """Wrapped text centred vertically in the box (x, y, w, h)."""
            font = fonts.BOLD if bold else fonts.MAIN
            if fonts.plain(text) and stringWidth(text, font, size) <= w:  # one line: no Paragraph needed
                self.canv.setFillColor(colour)
                draw_text(
                    self.canv, x + (w / 2 if align == CENTER else 0), y + h / 2 - size * 0.36, text, font, size, align
                )
                self.canv.setFillColor(colors.black)
                return
            # Chinese breaks between any two characters; other text only at spaces.
            cjk = any(ord(c) >= 0x2E80 for c in text)
            style = ParagraphStyle(
                "photo-text",
                fontName=fonts.BOLD if bold else fonts.MAIN,
                fontSize=size,
                leading=size * 1.35,
                wordWrap="CJK" if cjk else None,
                textColor=colour,
                alignment={CENTER: 1, LEFT: 0}[align],
            )
            paragraph = Paragraph(fonts.markup(text), style)
            _w, used = paragraph.wrap(w, h)
            paragraph.drawOn(self.canv, x, y + (h - used) / 2)

        def draw(self):
            canvas = self.canv
            w, h, lw = self.width, self.height, self.label_width
            canvas.saveState()
            canvas.setFillColor(colors.HexColor(LABEL_BACKGROUND))
            canvas.rect(0, 0, lw, h, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
            canvas.setLineWidth(0.5)
            canvas.line(lw, 0, lw, h)
            canvas.line(0, h, w, h)
            canvas.setLineWidth(1)
            canvas.lines([(0, 0, w, 0), (0, 0, 0, h), (w, 0, w, h)])
            self._text(self.label, _PAD, 0, lw - 2 * _PAD, h, _GRID_SIZE, bold=True)

            pad = 3 * MM
            x0, width = lw + pad, w - lw - 2 * pad
            note_h = _GRID_SIZE * 1.6 if self.note else 0
            y0, height = pad + note_h, h - 2 * pad - note_h
            if self.note:
                self._text(self.note, x0, pad, width, note_h, _GRID_SIZE - 0.5, colour=colors.HexColor("#404040"))
            if not self.items:
                if self.empty:
                    self._text(self.empty, x0, y0, width, height, _GRID_SIZE, colour=colors.HexColor("#808080"))
                canvas.restoreState()
                return
            captioned = any(item.caption for item in self.items)
            caption_h = _CAPTION_SIZE * 1.5 if captioned else 0
            sizes = [(item.width, item.height) for item in self.items]
            cells = photo_cells(sizes, Box(x0, y0, width, height), _GAP_MM * MM)
            for item, size, cell in zip(self.items, sizes, cells):
                room = Box(cell.x, cell.y + caption_h, cell.w, cell.h - caption_h)
                box = fitted(*size, room)
                canvas.drawImage(StoredJpeg(item.digest), box.x, box.y, box.w, box.h)
                canvas.setStrokeColor(colors.HexColor("#808080"))  # a thin frame, as a print has
                canvas.setLineWidth(0.3)
                canvas.rect(box.x, box.y, box.w, box.h)
                canvas.setStrokeColor(colors.black)
                if item.caption:
                    text = ledger.clip(item.caption, cell.w, 1, _CAPTION_SIZE)
                    canvas.setFont(fonts.MAIN, _CAPTION_SIZE)
                    if fonts.plain(text):
                        canvas.drawCentredString(box.x + box.w / 2, box.y - _CAPTION_SIZE * 1.2, text)
                    else:  # characters from the fallback font need the Paragraph markup
                        self._text(text, cell.x, box.y - caption_h, cell.w, caption_h, _CAPTION_SIZE)
            canvas.restoreState()

    return _PhotoBlock


# --- the grid of facts -------------------------------------------------------------------------------


class Fact(NamedTuple):
    """A labelled value of the grid: text or a flowable; ``wide`` spans the row; ``min_mm`` its height."""

    label: str
    value: object
    wide: bool = False
    min_mm: float = 0


def label_width_mm() -> float:
    return 26 if current_language() == "zh_CN" else 36


def fact_grid(doc: FormDocument, facts: Sequence[Fact], max_text_mm: float = 110, texts: Sequence[str] = ()) -> None:
    """Label | value | label | value rows with the labels shaded, as on a paper form.

    A wide value's text taller than ``max_text_mm`` is split over several
    rows so that a very long text can run onto the next page. ``texts`` are
    the strings drawn by values that are flowables (for the character check).
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Table, TableStyle

    styles = doc.styles
    size = _GRID_SIZE
    label_style = styles.cell(CENTER, True, size)
    value_style = styles.cell(LEFT, False, size)
    width = doc.width_mm * MM
    label_w = label_width_mm() * MM
    value_w = width / 2 - label_w
    wide_w = width - label_w
    rows: list[list[object]] = []
    heights: list[float | None] = []
    texts = list(texts)
    commands: list = []
    pending: list = []

    def cell(value, bold: bool, room: float):
        """Text as a plain string when it is one line the main font draws (a fraction of a
        Paragraph's cost: a year's record sheets have 20,000 cells), else as a Paragraph."""
        if value is not None and not isinstance(value, (str, int, float)):
            return value  # a flowable (the checklist)
        text = "" if value is None else str(value)
        texts.append(text)
        font = fonts.BOLD if bold else fonts.MAIN
        if not text or (fonts.plain(text) and stringWidth(text, font, size) <= room - 2 * _PAD):
            return text
        return styles.paragraph(text, label_style if bold else value_style)

    def height_of(part, room: float) -> float:
        if isinstance(part, str):
            return size * 1.3
        return part.wrap(room - 2 * _PAD, 100000)[1]

    def flush():
        nonlocal pending
        if pending:
            if len(pending) == 2:  # an odd fact out: its value runs to the right edge
                commands.append(("SPAN", (1, len(rows)), (3, len(rows))))
                pending += ["", ""]
            rows.append(pending)
            heights.append(None)
            pending = []

    for fact in facts:
        label = cell(fact.label, True, label_w)
        if not fact.wide:
            pending += [label, cell(fact.value, False, value_w)]
            if len(pending) == 4:
                flush()
            continue
        flush()
        value = cell(fact.value, False, wide_w)
        parts = [value]
        inner = wide_w - 2 * _PAD
        if not isinstance(value, str) and hasattr(value, "split") and height_of(value, wide_w) > max_text_mm * MM:
            parts, rest = [], value
            while rest is not None:
                pieces = rest.split(inner, max_text_mm * MM)
                if len(pieces) < 2:
                    parts.append(rest)
                    break
                parts.append(pieces[0])
                rest = pieces[1]
        for index, part in enumerate(parts):
            row = len(rows)
            rows.append([label if index == 0 else cell(_("(continued)"), True, label_w), part, "", ""])
            commands.append(("SPAN", (1, row), (3, row)))
            first = index == 0 and fact.min_mm
            heights.append(max(fact.min_mm * MM, height_of(part, wide_w) + 2 * _PAD) if first else None)
            if first:
                commands.append(("VALIGN", (1, row), (1, row), "TOP"))
    flush()
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.3),
        # Labels drawn as plain strings: bold and centred like the Paragraph ones.
        ("FONTNAME", (0, 0), (0, -1), fonts.BOLD),
        ("FONTNAME", (2, 0), (2, -1), fonts.BOLD),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (2, 0), (2, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("BOX", (0, 0), (-1, -1), 1, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BACKGROUND),
    ] + commands
    for row, cells in enumerate(rows):
        if cells[2] != "" and cells[2] is not None:
            commands.append(("BACKGROUND", (2, row), (2, row), LABEL_BACKGROUND))
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w], rowHeights=heights, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    doc.add(table, texts)


def section_heading(doc: FormDocument, text: str) -> None:
    """A bold line above a part of the form (本年度活动情况), kept with what follows."""
    style = doc.styles.body.clone("home-section", fontName=fonts.BOLD, spaceBefore=3 * MM, spaceAfter=1.5 * MM)
    doc.add(doc.styles.paragraph(text, style), [text])
    doc.keep_with_next()


def draw_text(canvas, x: float, y: float, text: str, font: str, size: float, align: str = LEFT) -> None:
    """One line of text with its baseline at ``y``, aligned at ``x``.

    Plain text is drawn as a string; text with characters from the fallback
    font goes through Paragraph markup (a rare character in a unit's name).
    """
    if fonts.plain(text):
        canvas.setFont(font, size)
        {LEFT: canvas.drawString, CENTER: canvas.drawCentredString}.get(align, canvas.drawRightString)(x, y, text)
        return
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    width = stringWidth(text, font, size) + size  # room for the fallback font's wider glyphs
    style = ParagraphStyle(
        "line", fontName=font, fontSize=size, leading=size * 1.2, alignment={LEFT: 0, CENTER: 1}.get(align, 2)
    )
    paragraph = Paragraph(fonts.markup(text), style)
    _w, height = paragraph.wrap(width, size * 3)
    left = {LEFT: x, CENTER: x - width / 2}.get(align, x - width)
    paragraph.drawOn(canvas, left, y - height + size * 1.2 - size * 0.2)


@functools.cache
def _sheet_head_class():
    from reportlab.platypus import Flowable

    class SheetHead(Flowable):
        """The record sheet's title and, under it, 填报单位 on the left and 台账编号 on the right.

        Drawn directly: a thousand sheets would otherwise build a thousand
        small tables and paragraphs that only place three strings.
        """

        TITLE = 18

        def __init__(self, title: str, left: str, right: str, width: float):
            super().__init__()
            self.title, self.left, self.right, self.width = title, left, right, width
            self.height = self.TITLE * 1.3 + 3 * MM + TEXT_SIZE * 1.45 + 2 * MM
            self.hAlign = "CENTER"

        def wrap(self, available_width, available_height):
            return self.width, self.height

        def draw(self):
            canvas = self.canv
            draw_text(canvas, self.width / 2, self.height - self.TITLE, self.title, fonts.BOLD, self.TITLE, CENTER)
            baseline = 2 * MM + TEXT_SIZE * 0.4
            draw_text(canvas, 0, baseline, self.left, fonts.MAIN, TEXT_SIZE, LEFT)
            draw_text(canvas, self.width, baseline, self.right, fonts.MAIN, TEXT_SIZE, "right")

    return SheetHead


@functools.cache
def _signature_line_class():
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable

    class SignatureLine(Flowable):
        """Places to sign on one line: 负责人（签名）：________  记录人（签名）：________."""

        GAP = 6 * MM

        def __init__(self, captions: Sequence[str], width: float, height: float):
            super().__init__()
            self.captions, self.width, self.height = list(captions), width, height
            self.hAlign = "CENTER"

        def wrap(self, available_width, available_height):
            return self.width, self.height

        def draw(self):
            canvas = self.canv
            each = (self.width - self.GAP * (len(self.captions) - 1)) / len(self.captions)
            x = 0.0
            canvas.setLineWidth(0.5)
            for caption in self.captions:
                label = stringWidth(caption, fonts.MAIN, TEXT_SIZE) + 2
                draw_text(canvas, x, 2, caption, fonts.MAIN, TEXT_SIZE, LEFT)
                canvas.line(x + label, 0, x + each, 0)
                x += each + self.GAP

    return SignatureLine


def sheet_head(doc: FormDocument, title: str, left: str, right: str) -> None:
    """The title and the 填报单位 … 编号 line of a sheet."""
    doc.add(_sheet_head_class()(title, left, right, doc.width_mm * MM), [title, left, right])


def signature_line(doc: FormDocument, labels: Sequence[str]) -> None:
    """One line of places to sign: 负责人（签名）：____  记录人（签名）：____."""
    from reportlab.platypus import Spacer

    captions = [labelled(label) for label in labels]
    doc.add(Spacer(1, (_SIGNATURE_MM - 2) * MM - 2))
    doc.add(_signature_line_class()(captions, doc.width_mm * MM, 2), captions)


# --- the record sheet --------------------------------------------------------------------------------


def private_note() -> str:
    return _(
        "This activity involves personal information: its content, results, the names of its participants "
        "and its photos are not printed; only the numbers of people are recorded."
    )


def ledger_number(year: int, number: int) -> str:
    """2026-015: the activity's line in the year's ledger."""
    return f"{year}-{number:03d}"


def facts_of(activity: Activity, names: Sequence[str]) -> list[Fact]:
    """The grid of one record sheet, in the order of the paper form."""
    private = activity.sensitive
    facts = [
        Fact(_("Activity"), activity.shown_title, wide=True),
        Fact(_("Date"), ledger.date_text(activity.date, "full")),
        Fact(_("Time"), ledger.time_text(activity)),
        Fact(_("Place"), activity.place),
        Fact(_("Form"), FORM.label(activity.form)),
        Fact(_("Category"), CATEGORY.label(activity.category), wide=True),
        Fact(_("Organiser"), activity.organiser),
        Fact(_("Co-organiser"), activity.co_organiser),
        Fact(_("Person in charge or speaker"), activity.leader),
        Fact(_("Recorded by"), activity.recorder),
        Fact(_("Participants"), ledger.participants_sentence(activity), wide=True),
    ]
    if private:
        facts.append(Fact(_("Note"), private_note(), wide=True))
    else:
        if names:
            facts.append(Fact(_("Names of participants"), join_list(names), wide=True))
        facts.append(Fact(_("Content"), activity.summary, wide=True, min_mm=32))
        facts.append(Fact(_("Results"), activity.results, wide=True, min_mm=18))
    return facts


def add_sheet(
    doc: FormDocument,
    unit_name: str,
    activity: Activity,
    number: str,
    names: Sequence[str],
    photos: Sequence[PhotoItem],
) -> None:
    """One activity's page (more only when its text is very long)."""
    sheet_head(doc, _(SPEC_TITLE), reporting_unit(unit_name), labelled(_("Ledger number"), number))
    fact_grid(doc, facts_of(activity, [] if activity.sensitive else names))
    width = doc.width_mm * MM
    label_w = label_width_mm() * MM
    label = _("Photos")
    texts: list[str] = []
    if activity.sensitive:
        # No photo of a sensitive activity is ever put on paper: not even a count.
        block = photo_block(
            label,
            [],
            width,
            empty=_("Photos are not printed for this activity."),
            max_height=16 * MM,
            min_height=16 * MM,
            label_width=label_w,
        )
    else:
        shown, more = list(photos[:MAX_PHOTOS]), len(photos) - MAX_PHOTOS
        note = _("{n} more photos are on record (the first four are printed).").format(n=more) if more > 0 else ""
        block = photo_block(
            label,
            shown,
            width,
            note=note,
            empty=_("No photos recorded."),
            max_height=(125 if shown else 70) * MM,
            min_height=(60 if shown else 30) * MM,
            reserve=_SIGNATURE_MM * MM,
            label_width=label_w,
        )
        texts = [note, *(p.caption for p in shown)]
    doc.add(block, [label, *texts])
    signature_line(doc, [_("Person in charge (signature)"), _("Recorded by (signature)")])


def named_participants(activity_ids: Sequence[str]) -> dict[str, list[str]]:
    """Named participants of each activity, in the order they were entered."""
    found: dict[str, list[str]] = {}
    ids = list(activity_ids)
    for start in range(0, len(ids), 500):
        query = (
            ActivityParticipant.live()
            .select(ActivityParticipant.activity, ActivityParticipant.name)
            .where(ActivityParticipant.activity.in_(ids[start : start + 500]))
            .order_by(ActivityParticipant.created_at)
            .tuples()
        )
        for activity_id, name in query:
            found.setdefault(activity_id, []).append(name)
    return found


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The record sheet of ``options.record_id`` (by default the latest activity), or, when
    only ``options.year`` is given, one sheet for every activity of that year."""
    from reportlab.platypus import PageBreak

    out_path = Path(out_path)
    today = options.today or _dt.date.today()
    unit = ledger.unit_of(options.unit_code)
    record_id = (options.record_id or "").strip()
    if not record_id and options.year is None:
        latest = (
            Activity.live()
            .where(Activity.unit == unit.code)
            .order_by(Activity.date.desc(), Activity.start_time.desc())
            .first()
        )
        record_id = latest.uuid if latest else ""
    if record_id:
        chosen = Activity.live().where((Activity.uuid == record_id) & (Activity.unit == unit.code)).first()
        if chosen is None:
            raise FormError(
                _("There is no activity {id} of {unit} in this database.").format(id=record_id, unit=unit.name)
            )
        year = chosen.date.year
        numbered = [
            (i, a) for i, a in enumerate(ledger.year_activities(unit.code, year), start=1) if a.uuid == chosen.uuid
        ]
    else:
        year = ledger.chosen_year(unit.code, options.year, today)
        numbered = list(enumerate(ledger.year_activities(unit.code, year), start=1))
    title = _(SPEC_TITLE)
    doc = FormDocument(title, author=unit.name, orientation=PORTRAIT, subject=ledger.year_subtitle(year))
    if not numbered and is_above_village(unit.code):
        raise FormError(
            _(
                "{unit} has no activity of its own in {year}: the record sheets of the units below are kept in "
                "their ledgers. Print the activity statistics or the ledger for a summary of them."
            ).format(unit=unit.name, year=year)
        )
    if not numbered:
        doc.heading(title, unit.name, today, subtitle=ledger.year_subtitle(year))
        doc.paragraph(ledger.empty_text(year), "subtitle")
        return doc.save(out_path, options.report_missing)
    # Names and photos of sensitive activities are not even read.
    open_ids = [a.uuid for _n, a in numbered if not a.sensitive]
    names = named_participants(open_ids)
    photos = photos_by_owner(open_ids)
    for index, (number, activity) in enumerate(numbered):
        if index:
            doc.add(PageBreak())
        add_sheet(
            doc,
            unit.name,
            activity,
            ledger_number(year, number),
            names.get(activity.uuid, []),
            photos.get(activity.uuid, []),
        )
    with ledger.binary_streams():
        return doc.save(out_path, options.report_missing)
