"""签到表: the sheet attendees sign on, one stack of pages per training day.

A sheet per *day*, not per session: when a day has a morning and an
afternoon, its sheet has both signature columns (签到(上午), 签到(下午)), as
DOMAIN.md §3 draws it, so a county training of 300 over two days is two
stacks of paper rather than four. A day with one session, or a single
session picked by its uuid, gets one signature column.

The sheet lies on a table for everyone to see, so phone numbers are masked
(138****5678). Attendees are pre-printed, grouped by their village or unit
(in the order of the units' codes where the unit is known, else by pinyin)
and by name within it; spare numbered rows for walk-ins follow. The
signature cells are always blank: the program never fills them, even when
attendance has been recorded, because a signature made for someone else
voids it.

Pages are cut here rather than by reportlab so that every page carries the
whole head (title, date, sessions, place, organiser), the column header and
the reminder at its foot, and every body row is tall enough to sign in.

Every page is printed to be read back (``forms.readable``): four corner
marks in the margins and, at the right of the head, a QR code saying which
training, which day, which page of that day's stack, and a digest of the
trainees listed on it. ``sheet_maps`` gives the map of each page, recorded
while the day's pages are laid out again exactly as they are printed.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from forms import fonts
from models import training as tr
from models.i18n import N_, _, format_date, join_list, ngettext
from models.paper.code import SIGN_IN, PageCode, content_digest
from models.paper.sheet_map import NAME, SIGNATURE, Box, Cell, SheetMap

from . import readable
from .attendance import choose_training, ordered_trainees, organiser_text
from .layout import LEFT, MM, TABLE_SIZE, Column, FormDocument, FormError, FormResult, column_widths, labelled

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Sign-in sheet")
NO_PROXY = N_("Please sign in person; a signature made for someone else is void.")  # 请本人签名，不得代签

ROW_MM = 10  # a body row: room for a handwritten name
HEADER_ROW_MM = 10
SPARE_ROWS = (8, 10)  # blank rows for walk-ins: at least 8, 10 when they fit on the same pages
_SLACK_MM = 1  # kept free on every page so rounding never pushes a row over the edge
_GAP_MM = 1.5  # above and below the grid
_CELL_PADDING = 2
_CODE_GAP_MM = 2  # between the facts of the day and the QR code's quiet zone


_NO_BOX = Box(0, 0, 0, 0)  # a cell's box is filled in where the grid is drawn


def mask_phone(phone: str) -> str:
    """138****5678, 0731-****3456: enough to tell numbers apart, not enough to call."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    if re.fullmatch(r"1\d{10}", phone):
        return phone[:3] + "****" + phone[-4:]
    landline = re.fullmatch(r"(0\d{2,3})-(\d{7,8})(?:-\d+)?", phone)
    if landline:
        local = landline.group(2)
        return f"{landline.group(1)}-{'*' * (len(local) - 4)}{local[-4:]}"
    digits = re.sub(r"\D", "", phone)
    if len(digits) <= 4:
        return "*" * len(digits)
    keep = 3 if len(digits) >= 10 else 0
    return digits[:keep] + "*" * (len(digits) - keep - 4) + digits[-4:]


@dataclass
class Day:
    """One training day and the sessions whose signature columns its sheet has."""

    date: _dt.date
    sessions: list[tr.TrainingSession]


def days_of(training: tr.Training, session: tr.TrainingSession | None = None) -> list[Day]:
    if session is not None:
        return [Day(session.date, [session])]
    found: dict[_dt.date, list[tr.TrainingSession]] = {}
    for item in training.sessions():
        found.setdefault(item.date, []).append(item)
    order = list(tr.HALVES)
    return [Day(day, sorted(items, key=lambda s: order.index(s.half))) for day, items in sorted(found.items())]


def columns(sessions: Sequence[tr.TrainingSession]) -> list[Column]:
    """序号 | 姓名 | 村(社区)/单位 | 职务 | 联系电话 | 签到(上午) | 签到(下午) | 备注 (portrait A4)."""
    signature_mm = 28 if len(sessions) > 1 else 40
    found = [
        Column(_("No."), 10),
        Column(_("Name"), 18),
        Column(_("Village (community) / unit"), None, 1, LEFT),
        Column(_("Post"), 18),
        Column(_("Phone"), 25),
    ]
    found += [Column(_("Sign-in ({half})").format(half=_(tr.HALVES[s.half])), signature_mm) for s in sessions]
    found.append(Column(_("Notes"), 19 if len(sessions) > 1 else 21))
    return found


def _fit(doc: FormDocument, text: str, width_pt: float, align: str):
    """A cell's content that stays inside a fixed-height row: one line as is, else two smaller lines."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not text:
        return ""
    room = width_pt - 2 * _CELL_PADDING
    if fonts.plain(text) and stringWidth(text, fonts.MAIN, TABLE_SIZE) <= room:
        return text
    # Two lines fit a 10 mm row; the font shrinks until the text needs no more.
    width = stringWidth(text, fonts.MAIN, TABLE_SIZE)
    size = next((s for s in (TABLE_SIZE, 8, 7) if math.ceil(width * s / TABLE_SIZE / (room * 0.95)) <= 2), 6)
    return doc.styles.paragraph(text, doc.styles.cell(align, False, size))


class _Sheet:
    """The flowables of one sign-in day: its head, the rows cut into pages, and the reminder."""

    def __init__(
        self,
        doc: FormDocument,
        training: tr.Training,
        day: Day,
        trainees: list[tr.Trainee],
        day_sessions: Sequence[tr.TrainingSession] = (),
    ):
        self.doc, self.training, self.day, self.trainees = doc, training, day, trainees
        self.day_sessions = list(day_sessions) or day.sessions  # all the sessions of the day
        self.drawings: list[readable.SheetDrawing] = []  # one a page, filled in as the pages are drawn
        self.columns = columns(day.sessions)
        self.widths = [w * MM for w in column_widths(self.columns, doc.width_mm)]

    def head(self, drawing: readable.SheetDrawing | None = None) -> list:
        """Title and the facts of the day beside the page's QR code, as flowables (made afresh for each page).

        The code takes a column at the head's right; the title, indented by as
        much at its left, stays centred on the page, and the facts of the day
        keep clear of the code, so nothing hides anything.
        """
        from reportlab.platypus import Spacer, Table, TableStyle

        styles = self.doc.styles
        title = _("{training}: sign-in sheet").format(training=self.training.name)
        halves = join_list(_(tr.HALVES[s.half]) for s in self.day.sessions)
        facts = [
            labelled(_("Date"), format_date(self.day.date, "full")),
            labelled(_("Session"), halves),
            labelled(_("Place"), self.training.place),
            labelled(_("Organiser"), organiser_text(self.training)),
        ]
        if self.training.co_organiser:
            facts.append(labelled(_("Co-organiser"), self.training.co_organiser))
        facts.append(
            labelled(
                _("Expected"), ngettext("{n} person", "{n} people", len(self.trainees)).format(n=len(self.trainees))
            )
        )
        rows = [facts[i : i + 2] + [""] * (2 - len(facts[i : i + 2])) for i in range(0, len(facts), 2)]
        code_pt = readable.qr_footprint_mm() * MM
        half = self.doc.width_mm * MM / 2
        info = Table(
            [[styles.paragraph(text, styles.left) if text else "" for text in row] for row in rows],
            colWidths=[half * 1.1, half * 0.9 - code_pt - _CODE_GAP_MM * MM],
        )
        info.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        self.head_texts = [title, *facts]
        title_style = styles.title.clone("signin-title", leftIndent=code_pt)
        code = readable.qr_flowable(drawing, code_pt) if drawing is not None else Spacer(code_pt, code_pt)
        head = Table(
            [[[styles.paragraph(title, title_style), info], code]],
            colWidths=[self.doc.width_mm * MM - code_pt, code_pt],
        )
        head.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *((side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING")),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [head]

    def foot(self):
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle

        styles = self.doc.styles
        style = ParagraphStyle(
            "signin-foot", parent=styles.body, fontName=fonts.BOLD, alignment=TA_CENTER, spaceBefore=0, spaceAfter=0
        )
        return styles.paragraph(_(NO_PROXY), style)

    def rows_per_page(self) -> int:
        """How many body rows fit under the head and above the reminder on one page."""
        frame_height = self.doc.height_mm * MM - 12  # the frame's own padding, 6 pt top and bottom
        width = self.doc.width_mm * MM
        used = 0.0
        for flowable in [*self.head(), self.foot()]:
            _w, height = flowable.wrap(width, frame_height)
            used += height + flowable.getSpaceAfter() + flowable.getSpaceBefore()
        used += (HEADER_ROW_MM + 2 * _GAP_MM + _SLACK_MM) * MM
        return max(1, int((frame_height - used) // (ROW_MM * MM)))

    def body(self) -> list[list[object]]:
        rows: list[list[object]] = []
        align = [c.align for c in self.columns]
        signature_count = len(self.day.sessions)
        for number, trainee in enumerate(self.trainees, start=1):
            values = [str(number), trainee.name, trainee.unit_name, trainee.post, mask_phone(trainee.phone)]
            cells = [_fit(self.doc, text, width, a) for text, width, a in zip(values, self.widths, align)]
            rows.append(cells + [""] * signature_count + [""])
        return rows

    def spare(self, per_page: int) -> int:
        """Blank rows for walk-ins: 10 when they need no more pages than 8 would, else 8;
        a whole page when nobody is listed (a sheet to sign on from scratch)."""
        listed = len(self.trainees)
        if not listed:
            return per_page
        low, high = SPARE_ROWS
        return high if math.ceil((listed + high) / per_page) == math.ceil((listed + low) / per_page) else low

    def pages(self) -> list[list[list[object]]]:
        per_page = self.rows_per_page()
        rows = self.body()
        first_spare = len(rows) + 1
        rows += [
            [str(n), *[""] * (len(self.columns) - 1)] for n in range(first_spare, first_spare + self.spare(per_page))
        ]
        return [rows[i : i + per_page] for i in range(0, len(rows), per_page)]

    def page_code(self, rows: list[str], page: int, pages: int) -> str:
        """The text of a page's QR code; ``rows``: the trainees' uuids of its rows, "" for a spare row.

        A sheet printed for some of its day's sessions only (one session picked)
        has other columns than the day's sheet: its digest takes those sessions'
        uuids too, so the two are never read with each other's map.
        The head's texts are in the digest as well: printed under another title or
        language the grid lies elsewhere, and such a page is refused, not misread.
        """
        # The head and the column headers too: a longer title (a training renamed since printing) or
        # another interface language moves the grid, so the page must not be read with today's map.
        values = [*rows, *self.head_texts, *(c.header for c in self.columns)]
        if len(self.day.sessions) < len(self.day_sessions):
            values += [s.uuid for s in self.day.sessions]
        part = self.day.date.strftime("%Y%m%d")
        return PageCode(SIGN_IN, self.training.uuid, part, page, pages, content_digest(values)).text()

    def cell_for(self, keys: list[str]):
        """Which grid cells of a page are read: the signature cells, and the name cell of a spare row."""
        first_signature = len(self.columns) - 1 - len(self.day.sessions)

        def cell(row: int, column: int) -> Cell | None:
            if row == 0:
                return None
            body_row = row - 1
            key = keys[body_row]
            if first_signature <= column < first_signature + len(self.day.sessions):
                session = self.day.sessions[column - first_signature].uuid
                return Cell(body_row, key, SIGNATURE, _NO_BOX, session)
            if column == 1 and not key:
                return Cell(body_row, key, NAME, _NO_BOX)
            return None

        return cell

    def add_to(self, doc: FormDocument, first: bool) -> int:
        """Add the day's pages (each starting on a new page); returns how many."""
        from reportlab.platypus import PageBreak, Spacer, TableStyle

        styles = doc.styles
        header = [
            styles.header(c.header, width, TABLE_SIZE) for c, width in zip(self.columns, self.widths, strict=True)
        ]
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
            ("FONTSIZE", (0, 1), (-1, -1), TABLE_SIZE),
            ("LEADING", (0, 1), (-1, -1), TABLE_SIZE * 1.3),
            *(("ALIGN", (i, 1), (i, -1), c.align.upper()) for i, c in enumerate(self.columns)),
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("BOX", (0, 0), (-1, -1), 1, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        pages = self.pages()
        keys = [t.uuid for t in self.trainees] + [""] * (sum(len(p) for p in pages) - len(self.trainees))
        texts = [c.header for c in self.columns]
        texts += [text for t in self.trainees for text in (t.name, t.unit_name, t.post)]
        for index, page_rows in enumerate(pages):
            if index or not first:
                doc.add(PageBreak())
            if index == 0 and not first:
                doc.restart_page_numbers()  # each day's stack is handed out, signed and filed on its own
            start = sum(len(p) for p in pages[:index])
            page_keys = keys[start : start + len(page_rows)]
            drawing = readable.SheetDrawing(self.page_code(page_keys, index + 1, len(pages)))
            self.drawings.append(drawing)
            doc.add(readable.page_marks_flowable(drawing))
            for flowable in self.head(drawing):
                doc.add(flowable, self.head_texts if index == 0 else ())
            doc.add(Spacer(1, _GAP_MM * MM))
            grid = readable.recorded_table_class()(
                [header] + page_rows,
                colWidths=self.widths,
                rowHeights=[HEADER_ROW_MM * MM] + [ROW_MM * MM] * len(page_rows),
                hAlign="CENTER",
            ).record(drawing, self.cell_for(page_keys))
            grid.setStyle(TableStyle(commands))
            doc.add(grid, texts if index == 0 else ())
            doc.add(Spacer(1, _GAP_MM * MM))
            doc.add(self.foot(), [_(NO_PROXY)])
        return len(pages)


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The sign-in sheets of a training (one stack per day) or of one session, as a PDF.

    ``options.record_id`` names a training or one of its sessions; without it
    the unit's latest training is printed.
    """
    chosen = choose_training(options, allow_session=True)
    training = chosen.training
    days = days_of(training, chosen.session)
    if not days:
        raise FormError(_("The training {name} has no sessions to sign in for.").format(name=training.name))
    trainees = ordered_trainees(training)
    doc = FormDocument(_(TITLE), author=chosen.unit.name, subject=training.name)
    whole_days = {d.date: d.sessions for d in days_of(training)}
    for index, day in enumerate(days):
        _Sheet(doc, training, day, trainees, whole_days[day.date]).add_to(doc, first=index == 0)
    return doc.save(out_path, options.report_missing)


def sheet_maps(
    training: tr.Training, day: _dt.date, session: tr.TrainingSession | None = None, author: str = ""
) -> list[SheetMap]:
    """The map of each page of ``day``'s stack of sign-in sheets, in page order.

    The day's pages are laid out again in memory exactly as ``build`` prints
    them (the whole day, or only ``session`` when a single session was
    printed) and each map is what was recorded while drawing: the page's code,
    its four marks, and a cell per signature (key: the trainee's uuid, "" on a
    spare row; session: that column's session) and per spare row's name cell
    (where a walk-in writes her name). Coordinates: page millimetres from the
    top-left corner. An empty list for a day without sessions.
    """
    whole = {d.date: d.sessions for d in days_of(training)}
    if day not in whole:
        return []
    chosen = Day(day, [session]) if session is not None else Day(day, whole[day])
    doc = FormDocument(_(TITLE), author=author, subject=training.name)
    sheet = _Sheet(doc, training, chosen, ordered_trainees(training), whole[day])
    sheet.add_to(doc, first=True)
    doc.lay_out()
    return [drawing.sheet_map() for drawing in sheet.drawings]
