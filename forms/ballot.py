"""选票: the ballot paper of one round, as many copies as there are voters.

Each ballot has the title (石门村妇联第三届执行委员会委员选举选票), the rule
"应选N名，多选无效", the instructions of a county 选举办法 adapted to one row
per candidate, the candidates in surname stroke order with three square
boxes (赞成, 反对, 弃权), lines to write in another person, and the place
for the stamp. Small ballots are printed four or two to an A4 sheet with
dashed cut lines between them, large ones one to a sheet; the layout is
chosen from the ballot's size unless the caller asks for one. Ballots carry
no page number: they are cut apart and must not be told from each other.

Every ballot is printed to be read back (``forms.readable``): four corner
marks at the corners of its own piece, inside the dashed cut lines, so each
cut ballot has them, and a QR code beside the candidates' table (level with
the stamp box) naming the round and a digest of the candidates' names in
printed order. The code is the same on every copy: no serial number, ever.
``sheet_map`` gives the map of one ballot, recorded while it is drawn.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from forms import election_common as common
from forms import fonts, readable
from models.i18n import N_, _
from models.paper.code import BALLOT, PageCode, content_digest
from models.paper.sheet_map import ABSTAIN, AGAINST, FOR, WRITE_IN_FOR, WRITE_IN_NAME, Box, Cell, SheetMap

from .layout import CENTER, LANDSCAPE, MM, PORTRAIT, FormDocument, FormError, FormResult

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Ballot")
PER_PAGE_CHOICES = (1, 2, 4)
MIN_WRITE_INS = 3  # write-in lines every ballot has (fewer only when there are fewer seats)
_FRAME_PADDING = 6  # points reportlab's page frame keeps free on each side
# Between a ballot and the cut lines: 6 mm above and below, 9 mm at the sides, where the corner marks
# stand (a mark 2.5 mm from the cut lines, with 2.5 mm of white between it and the ballot's words). A ballot
# alone on its sheet has its marks in the page's corners, in the margins, and 6 mm all round.
_CELL_PADDING_MM = 6
_SIDE_PADDING_MM = 9
MARK_MM = 4.0  # side of a ballot's corner mark
MARK_INSET_MM = 4.5  # a mark's centre from the cut lines: 2.5 mm of paper outside it, 2.5 mm of white inside
QR_MM = 15.0  # side of a ballot's QR symbol (its quiet zone comes on top)
_NO_BOX = Box(0, 0, 0, 0)  # a cell's box is filled in where the table is drawn
_GREY = "#d9d9d9"  # cells not to be marked


@dataclass(frozen=True)
class Layout:
    """How ballots sit on the paper: count per sheet, grid, and the size of boxes and type."""

    per_page: int
    orientation: str
    rows: int
    cols: int
    box_mm: float
    title_pt: float
    text_pt: float


# In the order tried: most ballots per sheet first, then bigger boxes.
LAYOUTS = (
    Layout(4, PORTRAIT, 2, 2, 8, 12, 8),
    Layout(2, PORTRAIT, 2, 1, 8, 14, 9),
    Layout(2, LANDSCAPE, 1, 2, 8, 14, 9),
    Layout(1, PORTRAIT, 1, 1, 10, 16, 10),
    Layout(1, PORTRAIT, 1, 1, 8, 15, 9),
    Layout(1, PORTRAIT, 1, 1, 6.5, 15, 9),
)


def layout_part(layout: Layout) -> str:
    """The layout's number in a ballot's code (``PageCode.part``): 1 for the first of LAYOUTS."""
    return str(LAYOUTS.index(layout) + 1)


@dataclass
class BallotContent:
    """What every copy of a round's ballot says; ``round_uuid`` goes into its QR code."""

    title: str
    seats: int
    names: list[str]
    write_ins: int  # lines for written-in names
    round_uuid: str = "00000000-0000-0000-0000-000000000000"

    def instructions(self) -> str:
        """说明：1. … 2. … in the wording of a county 选举办法, one numbered point a line."""
        points = [
            _(
                "1. For each candidate draw ○ in the box under For, Against or Abstain beside her name; "
                "a candidate with no mark counts as an abstention."
            ),
            _(
                "2. If you vote against a candidate you may write another person's name on a blank line "
                "under Write in another person and draw ○ under For."
            ),
            _(
                "3. {seats} are to be elected: a ballot with more than {seats} marked For (written-in names "
                "included) is invalid. Do not alter a mark."
            ).format(seats=self.seats),
            _("4. A ballot without the stamp is invalid."),
        ]
        return _("Instructions: {points}").format(points="\n".join(points))

    def rule(self) -> str:
        return _("{seats} to be elected; marking more is invalid").format(seats=self.seats)

    def code(self, layout: Layout, sheet: int = 1, sheets: int = 1) -> str:
        """The text of the QR code on a sheet of every copy (the same on all: ballots are never told apart)."""
        # The title and the printed rules too: another title, number of seats or language moves the boxes.
        printed = [*self.names, self.title, self.rule(), self.instructions()]
        # The layout too: a piece cut from a sheet of four and a ballot alone on its sheet carry the same
        # words on boxes of other sizes in other places; the reader must not take one for the other.
        part = layout_part(layout)
        return PageCode(BALLOT, self.round_uuid, part, sheet, sheets, content_digest(printed)).text()

    def texts(self) -> list[str]:
        return [
            self.title,
            self.rule(),
            self.instructions(),
            *self.names,
            *_headers(),
            _order_note(),
            _stamp_label(),
            _write_in_header(),
        ]


def _padding(points: float) -> list:
    """The same padding on all four sides of every cell of a table."""
    return [(name, (0, 0), (-1, -1), points) for name in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


def _headers() -> list[str]:
    return [_("No."), _("Candidate"), _("For"), _("Against"), _("Abstain")]


def _write_in_header() -> str:
    return _("Write in another person")


def _order_note() -> str:
    return _("(in surname stroke order)")


def _continued(sheet: int, sheets: int) -> str:
    return _("Ballot (continued), sheet {sheet} of {sheets}").format(sheet=sheet, sheets=sheets)


def _stamp_label() -> str:
    return _("Stamp here")


class _Builder:
    """Makes the flowables of one ballot for a layout and a width."""

    def __init__(self, doc: FormDocument, content: BallotContent, layout: Layout):
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT

        self.doc, self.content, self.layout = doc, content, layout
        styles = doc.styles
        self.title = styles.title.clone(
            "ballot-title", fontSize=layout.title_pt, leading=layout.title_pt * 1.3, spaceAfter=1 * MM
        )
        self.rule = styles.title.clone(
            "ballot-rule", fontSize=layout.text_pt + 1.5, leading=(layout.text_pt + 1.5) * 1.4, spaceAfter=1.5 * MM
        )
        self.text = styles.note.clone("ballot-text", fontSize=layout.text_pt, leading=layout.text_pt * 1.4)
        self.small_right = self.text.clone("ballot-right", alignment=TA_RIGHT, spaceBefore=1 * MM)
        self.header = styles.cell(CENTER, True, layout.text_pt)
        self.name = styles.cell(CENTER, False, layout.text_pt + 2.5)
        self.stamp = self.text.clone("ballot-stamp", alignment=TA_CENTER, textColor=colors.grey)

    def _columns_pt(self, width: float) -> list[float]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        widest = max(stringWidth(h, fonts.BOLD, self.layout.text_pt) for h in _headers()[2:])
        box = max(self.layout.box_mm * MM, widest + 3 * MM)
        number = max(7 * MM, stringWidth(_("No."), fonts.BOLD, self.layout.text_pt) + 2 * MM)
        name = min(width - number - 3 * box, 37 * MM)  # leaves room for the code and the stamp beside it
        return [number, name, box, box, box]

    def table(self, width: float, write_ins: int, drawing: readable.SheetDrawing | None = None):
        """The candidates with their boxes, then the write-in lines; records its boxes on ``drawing``."""
        from reportlab.platypus import TableStyle

        para = self.doc.styles.paragraph
        widths = self._columns_pt(width)
        row_height = self.layout.box_mm * MM
        data = [[para(h, self.header) for h in _headers()]]
        for number, name in enumerate(self.content.names, start=1):
            data.append([str(number), para(name, self.name), "", "", ""])
        write_in_row = len(data)
        data.append(["", para(_write_in_header(), self.header), para(_("For"), self.header), "", ""])
        data += [["", "", "", "", ""] for _index in range(write_ins)]
        # Square boxes; only where an English header widens a column are they oblong.
        heights = [None] + [row_height] * (len(data) - 1)
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
            ("FONTSIZE", (0, 0), (-1, -1), self.layout.text_pt),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.6, "black"),
            ("BOX", (0, 0), (-1, -1), 1.2, "black"),
            ("LINEABOVE", (0, write_in_row), (-1, write_in_row), 1.2, "black"),
            ("LEFTPADDING", (0, 0), (-1, -1), 1),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("BACKGROUND", (0, 0), (-1, 0), "#f0f0f0"),
            ("BACKGROUND", (0, write_in_row), (2, write_in_row), "#f0f0f0"),
            # A written-in name can only be voted for: Against and Abstain are greyed out.
            ("BACKGROUND", (3, write_in_row), (4, -1), _GREY),
        ]
        table = readable.recorded_table_class()(
            data, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="CENTER"
        )
        table.setStyle(TableStyle(commands))
        if drawing is not None:
            table.record(drawing, _cell_reader(len(self.content.names), write_in_row))
        return table

    def stamp_box(self, side: float):
        """The dashed square where the meeting's stamp goes."""
        from reportlab.platypus import Table, TableStyle

        stamp = Table(
            [[self.doc.styles.paragraph(_stamp_label(), self.stamp)]],
            colWidths=[side],
            rowHeights=[side],
            hAlign="RIGHT",
        )
        stamp.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.6, "#808080", None, (3, 2)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                ]
            )
        )
        return stamp

    def order_note(self, width: float):
        """（按姓氏笔画排序） over the table's right end."""
        from reportlab.platypus import Table, TableStyle

        table_w = sum(self._columns_pt(width))
        note = Table([[self.doc.styles.paragraph(_order_note(), self.small_right)]], colWidths=[table_w])
        note.setStyle(TableStyle([*_padding(0), ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN)]))
        return note

    def code(self, drawing: readable.SheetDrawing | None):
        """The round's QR code with its quiet zone (a blank square of its size when nothing is recorded)."""
        from reportlab.platypus import Spacer

        side = readable.qr_footprint_mm(QR_MM) * MM
        return readable.qr_flowable(drawing, side) if drawing is not None else Spacer(side, side)

    def body(self, width: float, write_ins: int, drawing: readable.SheetDrawing | None = None) -> list:
        """The table, with the QR code and the stamp box beside it where there is room, else below it
        (a ballot too long for one sheet: ``long_sheets``)."""
        from reportlab.platypus import Spacer, Table, TableStyle

        table = self.table(width, write_ins, drawing)
        table_w = sum(self._columns_pt(width))
        side = (width - table_w) / 2
        note = self.order_note(width)
        code = self.code(drawing)
        code_side = code.wrap(width, width)[0]
        if side >= code_side:
            # Centred table, the code in the left margin and the stamp in the right one, level with its foot.
            stamp = self.stamp_box(min(24 * MM, side - 2 * MM))
            row = Table([[code, table, stamp]], colWidths=[side, table_w, side])
            row.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                        ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                        *_padding(0),
                    ]
                )
            )
            return [note, row]
        # The code at the left, the stamp at the right, under the table.
        stamp_side = 20 * MM
        foot = Table(
            [[code, "", self.stamp_box(stamp_side)]], colWidths=[code_side, width - code_side - stamp_side, stamp_side]
        )
        foot.setStyle(
            TableStyle(
                [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN), *_padding(0)]
            )
        )
        return [note, table, Spacer(1, 2 * MM), foot]

    def parts(self, width: float, write_ins: int, drawing: readable.SheetDrawing | None = None) -> list:
        para = self.doc.styles.paragraph
        return [
            para(self.content.title, self.title),
            para(self.content.rule(), self.rule),
            para(self.content.instructions(), self.text),
            *self.body(width, write_ins, drawing),
        ]

    def long_sheets(self, width: float, write_ins: int) -> list[tuple[list, readable.SheetDrawing]]:
        """A ballot too long for one sheet, cut into sheets: (flowables, record) for each.

        Each sheet is read back on its own: four marks in the page's corners
        (page millimetres) and a QR code at the right of its head saying
        sheet k of n; the candidates' table is cut between rows, its header
        repeated; the stamp box closes the last sheet. Every sheet's code has
        the same digest (all the candidates): the sheets of one ballot belong
        together only by being handed out together.
        """
        from reportlab.platypus import Spacer

        frame_w = self.doc.width_mm * MM - 2 * _FRAME_PADDING
        frame_h = self.doc.height_mm * MM - 2 * _FRAME_PADDING - 1
        note = self.order_note(width)
        tail = 2 * MM + 20 * MM  # the stamp box under the table on the last sheet
        first_room = frame_h - _height(self.long_head(None, 1, frame_w), frame_w) - _height([note], frame_w) - tail
        later_room = frame_h - _height(self.long_head(None, 2, frame_w), frame_w) - tail
        parts, starts = [], []
        rest, room, start = self.table(width, write_ins), first_room, 0
        while True:
            starts.append(start)
            if rest.wrap(width, room)[1] <= room:
                parts.append(rest)
                break
            split = rest.split(width, room)
            if len(split) < 2:
                raise FormError(
                    _("A candidate's name is too long for a row of the ballot; shorten it and print again.")
                )
            parts.append(split[0])
            start += len(split[0]._cellvalues) - (1 if parts[1:] else 0)
            rest, room = split[1], later_room
        found = []
        reader = _cell_reader(len(self.content.names), len(self.content.names) + 1)
        for index, part in enumerate(parts):
            drawing = readable.SheetDrawing(self.content.code(self.layout, index + 1, len(parts)))
            part.record(drawing, _rows_from(reader, starts[index], repeated_header=index > 0))
            head = self.long_head(drawing, index + 1, frame_w, len(parts))
            flowables = [readable.page_marks_flowable(drawing), *head]
            flowables += [note, part] if index == 0 else [part]
            if index == len(parts) - 1:
                flowables += [Spacer(1, 2 * MM), self.stamp_box(20 * MM)]
            found.append((flowables, drawing))
        return found

    def long_head(self, drawing: readable.SheetDrawing | None, sheet: int, width: float, sheets: int = 2) -> list:
        """The head of a sheet of a long ballot: the title (and on the first sheet the rule and the
        instructions), with the sheet's QR code at the right."""
        from reportlab.platypus import Table, TableStyle

        para = self.doc.styles.paragraph
        code = self.code(drawing)
        code_side = code.wrap(width, width)[0]
        title = self.title.clone("ballot-title-beside-code", leftIndent=code_side)
        rule = self.rule.clone("ballot-rule-beside-code", leftIndent=code_side)
        if sheet == 1:
            words = [para(self.content.title, title), para(self.content.rule(), rule)]
        else:
            words = [para(_continued(sheet, sheets), self.rule.clone("ballot-continued", leftIndent=code_side))]
        head = Table([[words, code]], colWidths=[width - code_side, code_side])
        head.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN), *_padding(0)])
        )
        found: list = [head]
        if sheet == 1:
            found.append(para(self.content.instructions(), self.text))
        return found

    def ballot(self, width: float, write_ins: int, drawing: readable.SheetDrawing | None = None):
        """One ballot as a single flowable, to sit in a cell of the sheet."""
        from reportlab.platypus import Table, TableStyle

        table = Table([[part] for part in self.parts(width, write_ins, drawing=drawing)], colWidths=[width])
        table.setStyle(
            TableStyle(
                [("ALIGN", (0, 0), (-1, -1), "CENTER"), ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN), *_padding(0)]
            )
        )
        return table

    def height(self, width: float, write_ins: int) -> float:
        return self.ballot(width, write_ins).wrap(width, 10_000)[1]


def _height(flowables: list, width: float) -> float:
    return sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _rows_from(reader, start: int, repeated_header: bool):
    """A reader of cells for a piece of the candidates' table cut between rows: its rows counted from
    ``start`` in the whole table, its repeated header row skipped."""

    def cell(row: int, column: int) -> Cell | None:
        if repeated_header:
            if row == 0:
                return None
            row -= 1
        return reader(start + row, column)

    return cell


def _cell_reader(candidates: int, write_in_row: int):
    """Which cells of the candidates' table are read: a candidate's three boxes (key: her printed
    number), a write-in line's name and its For box (key "write-in N"). Rows count the table's body
    rows that are read, top to bottom, skipping the headers."""

    def cell(row: int, column: int) -> Cell | None:
        if 1 <= row <= candidates and column >= 2:
            return Cell(row - 1, str(row), (FOR, AGAINST, ABSTAIN)[column - 2], _NO_BOX)
        if row > write_in_row and column in (1, 2):
            line = row - write_in_row
            return Cell(candidates + line - 1, f"write-in {line}", (WRITE_IN_NAME, WRITE_IN_FOR)[column - 1], _NO_BOX)
        return None

    return cell


@functools.cache
def _piece_grid_class():
    """The sheet's grid of ballots, which draws each ballot's corner marks inside its cut lines and
    records where its piece lies on the page."""
    from reportlab.platypus import Table

    class PieceGrid(Table):
        drawings: dict[tuple[int, int], readable.SheetDrawing] = {}
        whole_page = False  # one ballot to the sheet: its marks go in the page's corners

        def draw(self):
            super().draw()
            cols, rows = self._colpositions, self._rowpositions
            for (r, c), drawing in self.drawings.items():
                if self.whole_page:
                    width, height = self.canv._pagesize
                    drawing.size_mm = (round(width / MM, 3), round(height / MM, 3))
                    drawing.mark_mm = readable.MARK_MM
                    readable.draw_marks(self.canv, drawing, readable.page_marks(drawing.size_mm))
                    continue
                left, top = readable.page_point_mm(self.canv, cols[c], rows[r])
                right, bottom = readable.page_point_mm(self.canv, cols[c + 1], rows[r + 1])
                drawing.origin_mm = (round(left, 3), round(top, 3))
                drawing.size_mm = (round(right - left, 3), round(bottom - top, 3))
                i = MARK_INSET_MM
                centres = [(left + i, top + i), (right - i, top + i), (right - i, bottom - i), (left + i, bottom - i)]
                readable.draw_marks(self.canv, drawing, centres)

    return PieceGrid


def _side_padding(layout: Layout) -> float:
    """Millimetres between a ballot and the cut lines at its sides (see ``_SIDE_PADDING_MM``)."""
    return _CELL_PADDING_MM if layout.per_page == 1 else _SIDE_PADDING_MM


def _cell_size(doc: FormDocument, layout: Layout) -> tuple[float, float]:
    """Width and height of one ballot's cell on the sheet, in points."""
    width = doc.width_mm * MM - 2 * _FRAME_PADDING
    height = doc.height_mm * MM - 2 * _FRAME_PADDING - 1  # a point spare so the grid never spills over
    return width / layout.cols, height / layout.rows


def _document(title: str, author: str, orientation: str) -> FormDocument:
    return FormDocument(title, author=author, orientation=orientation, page_numbers=False)


def choose_layout(content: BallotContent, per_page: int | None = None) -> tuple[Layout, int, bool]:
    """(layout, write-in lines, fits) for this ballot.

    The most ballots per sheet that leave every box full size; ``per_page``
    caps the count (a ballot too big for it gets the next smaller layout).
    The write-in lines fill what room is left, up to the number of seats.
    ``fits`` is False only when even one ballot per sheet is too tall; it
    then runs on over a second sheet.
    """
    if per_page is not None and per_page not in PER_PAGE_CHOICES:
        raise FormError(_("Ballots can be printed 1, 2 or 4 to a sheet, not {n}.").format(n=per_page))
    least = min(content.seats, MIN_WRITE_INS)
    for layout in LAYOUTS:
        if per_page is not None and layout.per_page > per_page:
            continue
        doc = _document("", "", layout.orientation)
        builder = _Builder(doc, content, layout)
        cell_w, cell_h = _cell_size(doc, layout)
        inner_w, inner_h = cell_w - 2 * _side_padding(layout) * MM, cell_h - 2 * _CELL_PADDING_MM * MM
        used = builder.height(inner_w, least)
        if used <= inner_h:
            room = int((inner_h - used) // (layout.box_mm * MM))
            return layout, min(content.seats, least + room), True
    return LAYOUTS[-1], least, False


def content_for(chosen: common.Chosen) -> BallotContent:
    round_ = chosen.vote()
    names = [c.name for c in common.ballot_order(list(round_.candidates())) if not c.write_in]
    title = _("{election} ballot").format(election=common.round_title(chosen, round_))
    return BallotContent(title, round_.seats, names, min(round_.seats, MIN_WRITE_INS), round_.uuid)


def copies_for(chosen: common.Chosen) -> int:
    """As many ballots as were issued, else as many as are present (at least one)."""
    round_ = chosen.vote()
    return max(1, round_.issued or round_.present or chosen.election.present or 0)


def write(
    out_path: Path, content: BallotContent, copies: int, author: str, per_page: int | None = None, report_missing=None
) -> FormResult:
    """Lay ``copies`` ballots out on A4 sheets and save the PDF."""
    doc, _drawings = _compose(content, copies, author, per_page)
    return doc.save(out_path, report_missing)


def _compose(
    content: BallotContent, copies: int, author: str, per_page: int | None
) -> tuple[FormDocument, list[readable.SheetDrawing]]:
    """The document of ``copies`` ballots, and a record of each ballot's marks, code and boxes to be filled
    in as it is drawn (empty for a ballot that runs over several sheets)."""
    from reportlab.platypus import PageBreak, TableStyle

    if not content.names:
        raise FormError(_("The round has no candidates yet; enter the candidates before printing ballots."))
    layout, write_ins, fits = choose_layout(content, per_page)
    content.write_ins = write_ins
    doc = _document(content.title, author, layout.orientation)
    builder = _Builder(doc, content, layout)
    cell_w, cell_h = _cell_size(doc, layout)
    inner_w = cell_w - 2 * _side_padding(layout) * MM
    texts = content.texts()
    drawings: list[readable.SheetDrawing] = []
    if not fits:
        # Too many candidates for one sheet: each ballot runs on, its header repeated.
        for copy in range(copies):
            for index, (flowables, drawing) in enumerate(builder.long_sheets(inner_w, write_ins)):
                if copy or index:
                    doc.add(PageBreak())
                drawings.append(drawing)
                for flowable in flowables:
                    doc.add(flowable, texts)
                    texts = []
        return doc, drawings

    cut = ("#808080", None, (4, 3))  # dashed grey cut lines between ballots
    per_page = layout.per_page
    code = content.code(layout)
    for first in range(0, copies, per_page):
        if first:
            doc.add(PageBreak())
        count = min(per_page, copies - first)
        pieces = {}
        cells: list[object] = []
        for i in range(per_page):
            if i < count:
                drawing = readable.SheetDrawing(code, mark_mm=MARK_MM)
                drawings.append(drawing)
                pieces[divmod(i, layout.cols)] = drawing
                cells.append(builder.ballot(inner_w, write_ins, drawing))
            else:
                cells.append("")
        grid = [cells[r * layout.cols : (r + 1) * layout.cols] for r in range(layout.rows)]
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
            ("TOPPADDING", (0, 0), (-1, -1), _CELL_PADDING_MM * MM),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _CELL_PADDING_MM * MM),
            ("LEFTPADDING", (0, 0), (-1, -1), _side_padding(layout) * MM),
            ("RIGHTPADDING", (0, 0), (-1, -1), _side_padding(layout) * MM),
        ]
        if layout.rows > 1:
            commands.append(("LINEBELOW", (0, 0), (-1, layout.rows - 2), 0.5, *cut))
        if layout.cols > 1:
            commands.append(("LINEAFTER", (0, 0), (layout.cols - 2, -1), 0.5, *cut))
        sheet = _piece_grid_class()(grid, colWidths=[cell_w] * layout.cols, rowHeights=[cell_h] * layout.rows)
        sheet.drawings, sheet.whole_page = pieces, per_page == 1
        sheet.setStyle(TableStyle(commands))
        doc.add(sheet, texts)
        texts = []
    return doc, drawings


def sheet_maps(chosen: common.Chosen, per_page: int | None = None) -> list[SheetMap]:
    """The maps of one ballot of the chosen round as ``build`` prints it with the same ``per_page``: one
    map, or one a sheet for a ballot too long for one sheet (its codes say sheet k of n).

    A ballot printed with others on a sheet has the coordinates of its own
    piece: millimetres from the top-left corner of its cell on the sheet
    (where the dashed cut lines meet), ``page_size`` the cell's size, its
    marks inside the cut lines. Every copy on a sheet lies the same way in
    its cell, so the one map serves each cut piece. A ballot alone on its
    sheet, or running over several, has page coordinates, its marks in the
    page's corners. The cells: For, Against
    and Abstain of each candidate's row (key: her printed number, 1-based;
    row: that number less one), the name and For box of each write-in line
    (key "write-in N", rows after the candidates').

    The map depends on the layout: printed with another ``per_page`` the
    same code stands on other boxes, so the reader asks for the layout the
    ballots were printed with (``choose_layout``; the default chooses it
    from the ballot's size).
    """
    content = content_for(chosen)
    doc, drawings = _compose(content, 1, common.federation(chosen.unit), per_page)
    doc.lay_out()
    return [drawing.sheet_map() for drawing in drawings]


def sheet_map(chosen: common.Chosen, per_page: int | None = None) -> SheetMap:
    """The map of one ballot of the chosen round (of its first sheet, for a ballot over several)."""
    return sheet_maps(chosen, per_page)[0]


def build(out_path: Path, options: FormOptions, per_page: int | None = None, copies: int | None = None) -> FormResult:
    """The ballots of the chosen round (``options.record_id``: an election or a round)."""
    chosen = common.choose(options, need_round=True)
    content = content_for(chosen)
    return write(
        out_path,
        content,
        copies or copies_for(chosen),
        common.federation(chosen.unit),
        per_page,
        options.report_missing,
    )
