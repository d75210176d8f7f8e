"""The page every printed form is built on.

A form is composed with a ``FormDocument``: a bold centred title with the
unit and date line, tables with black grid lines whose header repeats on
every page, free text, and a signature and seal block; every page gets
"第X页 共Y页" at the bottom. ``save`` first lists the characters no shipped
font can draw and hands them to ``report_missing``, then writes the PDF
(fonts embedded as subsets) to a temporary file that replaces the target
only when complete, so a failed build never leaves half a file.

Progress and cancelling are handled here for every form at once: a build run
inside ``reporting_progress(progress)`` calls ``progress(done, total)`` while
tables are composed (total 0: not known yet), after each piece laid out on a
page, and as spreadsheet rows are written; whatever ``progress`` raises stops
the build, and the exception reaches the caller with no file written.
"""

from __future__ import annotations

import collections
import datetime as _dt
import functools
import logging
import os
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from forms import fonts
from models.i18n import N_, _, current_language, format_date, in_brackets, join_list
from models.units import CITY, COUNTY, TOWNSHIP, VILLAGE, level_of

log = logging.getLogger(__name__)

_Row = TypeVar("_Row")

PORTRAIT, LANDSCAPE = "portrait", "landscape"
LEFT, CENTER, RIGHT = "left", "center", "right"

MM = 72 / 25.4  # points per millimetre
MARGIN_MM = 15
BOTTOM_MARGIN_MM = 18  # room for the page number
FOOTER_MM = 9  # baseline of the page number above the paper's edge

TITLE_SIZE = 18  # 小二, the usual size of an official form's title
TEXT_SIZE = 10.5  # 五号
TABLE_SIZE = 9  # 小五: dense tables still read well on paper
FOOTER_SIZE = 9
_CELL_PADDING = 2  # points left and right of a table cell's text
HEADER_MM = 9  # baseline of a continuation page's running head below the paper's edge
# A table split across pages leaves at least this many rows for the last page,
# so a 合计 row never stands alone and a signature block has rows above it.
KEEP_LAST_ROWS = 3

# Default signature lines of a form sent upward; a form may pass its own.
SIGNATURE_LABELS = (
    N_("Head of unit"),
    N_("Reviewed by"),
    N_("Filled in by"),
    N_("Phone"),
    N_("Date filled in"),
)


# Who is asked for an opinion on a unit's form: the federation one level up.
_HIGHER_FEDERATION_OPINION = {
    VILLAGE: N_("Opinion of the township (subdistrict) women's federation:"),
    TOWNSHIP: N_("Opinion of the county women's federation:"),
    COUNTY: N_("Opinion of the city women's federation:"),
    CITY: N_("Opinion of the provincial women's federation:"),
}
PARTY_OPINION = N_("Opinion of the Party organisation at the same level:")


def higher_federation_opinion(unit_code: str) -> str:
    """The heading of the box the federation one level above fills in: 乡镇（街道）妇联意见 on a village's
    form, 县妇联意见 on a township's, 市妇联意见 on a county's (empty for a province: nobody above)."""
    heading = _HIGHER_FEDERATION_OPINION.get(level_of(unit_code))
    return _(heading) if heading else ""


def federation(unit_name: str) -> str:
    """长沙县妇联: the federation of a unit as a form names the one issuing or sending it."""
    return _("{unit} Women's Federation").format(unit=unit_name)


def reporting_unit(unit_name: str) -> str:
    """ "填报单位：长沙县妇联": the line that names who filled in a form, the unit's federation."""
    return labelled(_("Reporting unit"), federation(unit_name))


def unit_with_code(unit_name: str, unit_code: str) -> str:
    """石门村（430121100201）: a unit and its code, the brackets those of the language."""
    return f"{unit_name}{in_brackets(unit_code)}"


class FormError(ValueError):
    """A form cannot be built as asked; the message is in the interface language."""


# progress(done, total): told how far a build has come; raising from it cancels the build.
Progress = Callable[[int, int], None]

# The progress callback of the build running in this thread. A context variable,
# not an argument, so that every form module gets progress and cancelling without
# passing a callback through its own code.
_progress: ContextVar[Progress | None] = ContextVar("form_progress", default=None)

# While a table is composed, progress is told every this many rows.
_ROWS_PER_REPORT = 100


@contextmanager
def reporting_progress(progress: Progress | None) -> Iterator[None]:
    """Forms built inside this block report to ``progress`` and stop when it raises."""
    token = _progress.set(progress)
    try:
        yield
    finally:
        _progress.reset(token)


def report_progress(done: int, total: int) -> None:
    """Tell the running build's progress callback, if any, how far it has come (total 0: unknown)."""
    progress = _progress.get()
    if progress is not None:
        progress(done, total)


@dataclass(frozen=True)
class Column:
    """One column of a form table: header text, width and alignment.

    ``mm`` fixes the width; columns without it share the remaining width in
    proportion to ``weight``.
    """

    header: str
    mm: float | None = None
    weight: float = 1.0
    align: str = CENTER


@dataclass
class FormResult:
    """What a form build produced: the file, its page count (None for a
    spreadsheet) and the characters no shipped font could draw."""

    path: Path
    pages: int | None
    missing_characters: list[str] = field(default_factory=list)


def labelled(label: str, value: str = "") -> str:
    """ "填报单位：石门村": a label and its value, punctuated for the language."""
    if value:
        return _("{label}: {value}").format(label=label, value=value)
    return _("{label}:").format(label=label)


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """三, 十二, 二十一: how a number is written in a Chinese title (1-99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return text + (_DIGITS[ones] if ones else "")


def section_title(number: int, text: str) -> str:
    """The title of a numbered part of a form: 一、会议情况 in Chinese, 1. The meeting in English."""
    shown = chinese_numeral(number) if current_language() == "zh_CN" else number
    return _("{n}. {title}").format(n=shown, title=text)


def enumeration(items: Iterable[str]) -> str:
    """Items of a multi-choice field in one cell: 村民代表、巾帼志愿者."""
    return join_list(items)


def yes_no(value: bool | None) -> str:
    """是 / 否 in yes-or-no columns; blank when the question does not apply."""
    if value is None:
        return ""
    return _("Yes") if value else _("No")


def check_folder(path: Path) -> None:
    """Refuse, in the user's words, to write into a folder that is not there."""
    if not path.parent.is_dir():
        raise FormError(_("The folder {folder} does not exist.").format(folder=path.parent))


def write_whole(path: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then put it in place.

    A build that fails half-way leaves the earlier file (if any) untouched
    and no partial file behind. Callers check the folder first, before any
    work (``check_folder``).
    """
    temporary = path.with_name(f".{path.name}.part")
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def column_widths(columns: Sequence[Column], total_mm: float) -> list[float]:
    """Each column's width in millimetres: fixed ones as given, the rest by weight."""
    fixed = sum(c.mm for c in columns if c.mm is not None)
    weights = sum(c.weight for c in columns if c.mm is None)
    free = total_mm - fixed
    if free < 0 or (weights and free <= 0):
        raise ValueError(f"columns need {fixed} mm but the page has {total_mm} mm")
    return [c.mm if c.mm is not None else free * c.weight / weights for c in columns]


# Scripts written without spaces between words: CJK radicals to Hangul, the
# Extension A and compatibility blocks, full-width forms, and the planes above.
# What a form never prints: C0 controls (but line breaks and tabs), DEL, and
# bidi controls that would make printed text read in another order than stored.
# The field rules refuse them at input; this is the defence for older data.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# A paragraph of free text longer than this is cut (a page holds about 2,000 characters).
MAX_PARAGRAPH_CHARS = 20_000
# A table cell holds at most this many wrapped lines: a cell taller than a page cannot be laid out.
MAX_CELL_LINES = 25


def printable(text: str, limit: int | None = None) -> str:
    """Stored text as a form shows it: without control characters, cut at ``limit`` with a mark saying so."""
    text = _UNPRINTABLE.sub("", text).replace("\t", " ")
    if limit is not None and len(text) > limit:
        rest = len(text) - limit
        text = text[:limit] + "… " + _("[{n} more characters not shown]").format(n=f"{rest:,}")
    return text


_CJK = re.compile("[\u2e80-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")


class _Styles:
    """Paragraph styles of the forms, made once the fonts are registered."""

    def __init__(self):
        from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        self.alignments = {LEFT: TA_LEFT, CENTER: TA_CENTER, RIGHT: TA_RIGHT}
        # wordWrap CJK: Chinese has no spaces, so lines may break between any
        # two characters (closing punctuation is kept off a line's start, see
        # _CANNOT_START).
        base = ParagraphStyle("form", fontName=fonts.MAIN, fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.45, wordWrap="CJK")
        self.title = ParagraphStyle(
            "title",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=TITLE_SIZE,
            leading=TITLE_SIZE * 1.3,
            alignment=TA_CENTER,
            spaceAfter=3 * MM,
        )
        self.subtitle = ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, spaceAfter=2 * MM)
        self.body = ParagraphStyle("body", parent=base, spaceAfter=1.5 * MM)
        # A numbered part of a form: 一、执委会成员.
        # keepWithNext: a heading never ends a page with its table on the next one.
        self.heading = ParagraphStyle(
            "heading",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=TEXT_SIZE + 1,
            leading=(TEXT_SIZE + 1) * 1.5,
            keepWithNext=1,
        )
        self.note = ParagraphStyle("note", parent=base, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.4)
        self.left = ParagraphStyle("left", parent=base)
        self.right = ParagraphStyle("right", parent=base, alignment=TA_RIGHT)
        self._cells: dict[tuple[str, bool, float], ParagraphStyle] = {}
        # By the style itself, not its name: one name may stand for styles of several sizes (a ballot's title
        # in each layout), and the first one's copy would lay the others out.
        self._latin: weakref.WeakKeyDictionary[ParagraphStyle, ParagraphStyle] = weakref.WeakKeyDictionary()

    def header(self, text: str, width: float, size: float = TABLE_SIZE):
        """A table's column header, bold and centred, its lines balanced to the column's ``width`` (points, the
        cell's padding included)."""
        from reportlab.platypus import Paragraph

        style = self.cell(CENTER, True, size)
        text = printable(text, MAX_PARAGRAPH_CHARS)
        lines = balanced_lines(text, width - 2 * _CELL_PADDING - 0.5, style.fontName, size)
        if len(lines) == 1:
            return self.paragraph(text, style)
        return Paragraph("<br/>".join(fonts.markup(line) for line in lines), style)

    def cell(self, align: str, bold: bool = False, size: float = TABLE_SIZE):
        key = (align, bold, size)
        style = self._cells.get(key)
        if style is None:
            from reportlab.lib.styles import ParagraphStyle

            style = ParagraphStyle(
                f"cell-{align}-{bold}-{size}",
                fontName=fonts.BOLD if bold else fonts.MAIN,
                fontSize=size,
                leading=size * 1.3,
                alignment=self.alignments[align],
                wordWrap="CJK",
            )
            self._cells[key] = style
        return style

    def paragraph(self, text: str, style):
        """A Paragraph of plain ``text``, wrapped the way its script wants.

        CJK wrapping breaks anywhere, which cuts English words in half
        ("Educati/on"), so text without CJK characters wraps at spaces.
        """
        from reportlab.platypus import Paragraph

        text = printable(text, MAX_PARAGRAPH_CHARS)
        if not _CJK.search(text):
            latin = self._latin.get(style)
            if latin is None:
                latin = self._latin[style] = style.clone(style.name + "-latin", wordWrap=None)
            style = latin
        return Paragraph(fonts.markup(text), style)


def balanced_lines(text: str, room: float, font: str, size: float) -> list[str]:
    """A CJK column header cut into lines of about equal length that each fit ``room`` points: "家庭家教/家风"
    rather than "家庭家教家/风", which leaves one character alone. No line starts with a mark that may not start
    one (，”）…). Text without CJK characters, or that fits, is one line (a Latin header wraps at spaces)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not _CJK.search(text) or stringWidth(text, font, size) <= room or len(text) < 2:
        return [text]
    for count in range(2, len(text) + 1):
        for natural in (True, False):
            lines = _cut_evenly(text, count, natural)
            if all(stringWidth(line, font, size) <= room for line in lines):
                return lines
    return [text]  # not even one character a line fits: the paragraph wraps it as it can


def _cut_evenly(text: str, count: int, natural: bool = True) -> list[str]:
    """``text`` in ``count`` pieces of about equal length (cut at a natural break nearby when ``natural``), no
    piece starting with a mark that may not start a line (it stays at the end of the piece before)."""
    even = [round(len(text) * i / count) for i in range(1, count)]
    cuts = [_near_natural_break(text, cut) for cut in even] if natural else even
    lines, start = [], 0
    for cut in cuts:
        while cut < len(text) and text[cut] in _CANNOT_START + "）)】、。/":
            cut += 1
        while cut - 1 > start and text[cut - 1] in _CANNOT_END:
            cut -= 1  # an opening bracket or quote goes down with what it opens
        if cut > start:
            lines.append(text[start:cut])
            start = cut
    lines.append(text[start:])
    return [line for line in lines if line]


def _near_natural_break(text: str, cut: int, reach: int = 2) -> int:
    """The cut moved to a natural break within ``reach`` characters, if there is one: after a slash or a
    closing bracket, before an opening one ("维权普法/" "家庭纠纷调解", "文体活动" "（含“三八”节）")."""
    breaks = [i for i in range(1, len(text)) if text[i - 1] in "/、）)”" or text[i] in "（(“"]
    near = [i for i in breaks if abs(i - cut) <= reach]
    return min(near, key=lambda i: (abs(i - cut), i)) if near else cut


_CANNOT_END = "（(“‘《〈「『【〖"  # opening marks: never the last character of a line

# Chinese punctuation that must not start a line (GB/T 15834) and that
# reportlab's list, made for Japanese, lacks: without it a closing quote or
# a full-width comma can wrap alone onto the next line of a narrow cell.
_CANNOT_START = "，；：？！”’》〉」』〗…·"


@functools.cache
def _styles() -> _Styles:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    fonts.register()
    # Both line breakers read the list as a module global: textsplit's for
    # one-font paragraphs, paragraph's own copy for mixed ones (fallback runs).
    for module in (textsplit, paragraph):
        module.ALL_CANNOT_START += "".join(c for c in _CANNOT_START if c not in module.ALL_CANNOT_START)
    return _Styles()


def _table_style(commands: list):
    """A TableStyle whose cells default to the main font.

    Table cells otherwise select Helvetica when drawn, even empty ones, and
    that would put a font into the PDF that is not embedded.
    """
    from reportlab.platypus import TableStyle

    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.MAIN)] + commands)


@functools.cache
def _seal_box_class():
    from reportlab.platypus import Flowable

    class SealBox(Flowable):
        """The square where the unit's seal is stamped, its label inside."""

        def __init__(self, width: float, height: float, label: str):
            super().__init__()
            self.width, self.height, self.label = width, height, label

        def wrap(self, available_width, available_height):
            return self.width, self.height

        def draw(self):
            from reportlab.lib import colors

            canvas = self.canv
            canvas.saveState()
            canvas.setLineWidth(0.5)
            canvas.setDash(3, 2)
            canvas.rect(0, 0, self.width, self.height)
            canvas.setFillColor(colors.grey)
            canvas.setFont(fonts.MAIN, TEXT_SIZE)
            canvas.drawCentredString(self.width / 2, self.height / 2 - TEXT_SIZE / 3, self.label)
            canvas.restoreState()

    return SealBox


def _body_rows(table) -> int:
    repeat = table.repeatRows
    header = repeat if isinstance(repeat, int) else max(repeat) + 1
    return len(table._cellvalues) - header


def kept_with_row_above(body_rows: Iterable[int], header_rows: int = 1) -> list[tuple]:
    """Table style commands that keep each of these body rows (indices into the rows under the header) on the
    page of the row above it: a township's 小计 never starts a page without its villages."""
    # Overlapping ranges confuse reportlab: a run of rows kept together (a subtotal and the 合计 after it) is
    # one range, from the row above the run to its last row.
    kept = sorted({index + header_rows for index in body_rows if index > 0})
    commands: list[tuple] = []
    for row in kept:
        if commands and commands[-1][2][1] == row - 1:  # continues the run before
            commands[-1] = ("NOSPLIT", commands[-1][1], (-1, row))
        else:
            commands.append(("NOSPLIT", (0, row - 1), (-1, row)))
    return commands


def keep_last_rows(table, rows: int = KEEP_LAST_ROWS) -> None:
    """Let ``table`` split across pages only where at least ``rows`` body rows go to the next page."""
    table._rowSplitRange = (0, -min(rows, max(1, _body_rows(table))))


@functools.cache
def _form_table_class():
    from reportlab.platypus import Table

    class FormTable(Table):
        """A table that leaves its last rows together on every page it is split over."""

        def split(self, available_width, available_height):
            parts = super().split(available_width, available_height)
            if len(parts) == 2:
                keep_last_rows(parts[1])
            return parts

    return FormTable


# A tail whose content before the signature block is at least this share of a page is enough for the block to
# stand with on a page of its own (the activity statistics' chart); a shorter one takes the table's last rows.
SUBSTANTIAL_LEAD = 0.25


@functools.cache
def _kept_class():
    from reportlab.platypus import Flowable, KeepTogether

    class TableWithTail(Flowable):
        """A table and what must end on the same page as its last rows (notes, the signature block).

        It is never drawn itself: the frame finds it too tall and asks it to
        split, and it answers with the table and the tail when both fit, or
        with the part of the table this page holds and itself for the rest,
        moving rows over so that the tail never starts a page alone.
        """

        def __init__(self, head: list, table, tail: list, page_height: float):
            super().__init__()
            self.head, self.table, self.tail, self.page_height = head, table, tail, page_height
            keep_last_rows(table)

        def _height(self, flowables: list, width: float, height: float) -> float:
            total = 0.0
            for flowable in flowables:
                if isinstance(flowable, KeepTogether):
                    # Its own wrap answers "too tall" when the content is taller than the room.
                    total += self._height(flowable._content, width, height)
                    continue
                total += flowable.wrapOn(self.canv, width, height)[1]
                total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
            return total

        def wrap(self, available_width, available_height):
            # Always a little taller than the room left, so the frame asks for a split.
            self.width = available_width
            self.height = available_height + 1
            return self.width, self.height

        def split(self, available_width, available_height):
            head_height = self._height(self.head, available_width, available_height)
            room = available_height - head_height
            table_height = self.table.wrap(available_width, room)[1]
            tail_height = self._height(self.tail, available_width, available_height)
            if table_height + tail_height + 1 <= room:
                return [*self.head, self.table, *self.tail]
            lead_height = self._height(self.tail[:-1], available_width, available_height)
            if tail_height > self.page_height * 0.7 or lead_height >= self.page_height * SUBSTANTIAL_LEAD:
                # A tail with content of its own before the signature block (a chart, a long note) does not need
                # the table's rows to stand with: it is kept together itself, and the table splits as it falls.
                if table_height <= room:
                    return [*self.head, self.table, KeepTogether(self.tail)]
                parts = self.table.split(available_width, room) if room > 0 else []
                return [*self.head, *parts, KeepTogether(self.tail)] if len(parts) == 2 else []
            parts = self.table.split(available_width, room) if room > 0 else []
            if len(parts) == 1:
                # The whole table fits but the tail does not: its last rows go over with the tail.
                parts = self.table.split(available_width, table_height - 1)
            if len(parts) == 2:
                return [*self.head, parts[0], type(self)([], parts[1], self.tail, self.page_height)]
            if getattr(self, "_postponed", False):
                # Even a fresh page cannot hold the table's last rows and the tail: lay them out one after another.
                return [*self.head, self.table, *self.tail]
            return []

        def draw(self):  # pragma: no cover - split always answers first
            raise AssertionError("a table with its tail is laid out by splitting it")

    return TableWithTail


def _layout_weight(flowable) -> int:
    """How much laying out ``flowable`` counts towards progress: a table's body rows, else 1."""
    flowable = getattr(flowable, "table", flowable)
    rows = getattr(flowable, "_cellvalues", None)
    if rows is None:
        return 1
    return max(1, len(rows) - (getattr(flowable, "repeatRows", 0) or 0))


@functools.cache
def _progress_doc_class():
    from reportlab.platypus import SimpleDocTemplate

    class ProgressDocTemplate(SimpleDocTemplate):
        """A document template that reports each piece laid out, so a long form shows progress and can stop."""

        def build(self, flowables, *args, **kwargs):
            self._done, self._total = 0, sum(_layout_weight(f) for f in flowables)
            report_progress(0, self._total)
            super().build(flowables, *args, **kwargs)
            report_progress(self._total, self._total)

        def afterFlowable(self, flowable):
            # A table split across pages arrives piece by piece, each with its own rows.
            self._done = min(self._total, self._done + _layout_weight(flowable))
            report_progress(self._done, self._total)

    return ProgressDocTemplate


_STACK_ATTRIBUTE = "_form_page_stack"  # set on the canvas by a page-number restart mark as it is drawn


@functools.cache
def _stack_mark_class():
    from reportlab.platypus import Flowable

    class StackMark(Flowable):
        """Takes no room; drawn on the first page of a stack numbered on its own."""

        def __init__(self, stack: int):
            super().__init__()
            self.stack = stack

        def wrap(self, available_width, available_height):
            return 0, 0

        def draw(self):
            setattr(self.canv, _STACK_ATTRIBUTE, self.stack)

    return StackMark


@functools.cache
def _numbered_canvas_class():
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        """Holds every page back until the end so each can say "page X of Y"."""

        def __init__(self, *args, form: FormDocument, **kwargs):
            super().__init__(*args, **kwargs)
            self._form = form
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            # A stack of paper numbered on its own (a day's sign-in sheets) starts where
            # FormDocument.restart_page_numbers() put its mark; pages before any mark are stack 0.
            stacks = [state.get(_STACK_ATTRIBUTE, 0) for state in self._pages]
            sizes = collections.Counter(stacks)
            seen: collections.Counter[int] = collections.Counter()
            for state, stack in zip(self._pages, stacks, strict=True):
                self.__dict__.update(state)
                seen[stack] += 1
                if self._form.page_numbers:
                    self._draw_running_head()
                    self._draw_footer(seen[stack], sizes[stack])
                if self._form.confidential:
                    self._draw_confidential()
                super().showPage()
            self._form._page_count = len(self._pages)
            super().save()

        def _draw_running_head(self):
            text = self._form.running_head()
            if not text or self._pageNumber == 1:
                return
            width, height = self._pagesize
            self.saveState()
            self.setFont(fonts.MAIN, FOOTER_SIZE)
            self.drawCentredString(width / 2, height - HEADER_MM * MM, text)
            self.restoreState()

        def _draw_confidential(self):
            """内部资料 注意保密 at the top right of every page of a form that names people of the care registers."""
            width, height = self._pagesize
            self.saveState()
            self.setFont(fonts.BOLD, FOOTER_SIZE)
            self.drawRightString(width - MARGIN_MM * MM, height - HEADER_MM * MM, confidential_mark())
            self.restoreState()

        def _draw_footer(self, page: int, total: int):
            width, _height = self._pagesize
            text = _("Page {page} of {pages}").format(page=page, pages=total)
            self.saveState()
            self.setFont(fonts.MAIN, FOOTER_SIZE)
            self.drawCentredString(width / 2, FOOTER_MM * MM, text)
            self.restoreState()

    return NumberedCanvas


def confidential_mark() -> str:
    """The words at the head of every page of a form with names from the rights-and-care registers."""
    return _("Internal material: keep confidential")


class FormDocument:
    """One printed form being composed, page by page, then saved as a PDF."""

    def __init__(
        self,
        title: str,
        author: str = "",
        orientation: str = PORTRAIT,
        subject: str = "",
        page_numbers: bool = True,
        confidential: bool = False,
    ):
        from reportlab.lib.pagesizes import A4, landscape

        if orientation not in (PORTRAIT, LANDSCAPE):
            raise ValueError(f"orientation must be {PORTRAIT!r} or {LANDSCAPE!r}")
        self.title = title
        self.author = author
        self.subject = subject
        self.pagesize = landscape(A4) if orientation == LANDSCAPE else A4
        self.width_mm = self.pagesize[0] / MM - 2 * MARGIN_MM
        # Ballots are cut apart and carry no page number, so they need no room for one.
        self.page_numbers = page_numbers
        # A form that names parties, children or screened women says so on every page (confidential_mark).
        self.confidential = confidential
        self.laying_out = False  # True while lay_out() runs: nothing drawn is kept, only where it went
        self.bottom_margin_mm = BOTTOM_MARGIN_MM if page_numbers else MARGIN_MM
        self.height_mm = self.pagesize[1] / MM - MARGIN_MM - self.bottom_margin_mm
        self.styles = _styles()
        self._story: list = []
        self._texts: list[str] = []  # every text drawn, for the missing-character check
        self._page_count = 0
        self._stacks = 0  # stacks of pages numbered on their own, after the first (restart_page_numbers)
        # Pages after the first say what they continue: set by heading(), cleared by forms of separate sheets.
        self.continued_title: str | None = None
        self.continued_unit: str | None = None

    def running_head(self) -> str:
        """ "年度培训台账（续表）　石门村": the line at the top of every page after the first."""
        if not self.continued_title:
            return ""
        text = _("{title} (continued)").format(title=self.continued_title)
        unit = self.continued_unit if self.continued_unit is not None else self.author
        return f"{text}\u3000\u3000{unit}" if unit else text

    # --- building blocks ---------------------------------------------------

    def add(self, flowable, texts: Iterable[str] = ()) -> None:
        """Add any reportlab flowable; ``texts`` are the strings it draws."""
        self._texts.extend(t for t in texts if t)
        self._story.append(flowable)

    def restart_page_numbers(self) -> None:
        """Number the pages from here on as a stack of their own (第1页 共N页 of that stack): call it at
        the top of a page, after a page break. A day's sign-in sheets are handed out and kept apart."""
        self._stacks += 1
        self.add(_stack_mark_class()(self._stacks))

    def need_room(self, height_mm: float) -> None:
        """Start a new page unless ``height_mm`` is left: a heading before a table that may run over
        many pages (keep_with_next would push the whole table to the next page, leaving this one empty)."""
        from reportlab.platypus import CondPageBreak

        self.add(CondPageBreak(height_mm * MM))

    def keep_with_next(self) -> None:
        """Keep what was added last on the same page as what comes next (a heading and its table)."""
        if self._story:
            self._story[-1].keepWithNext = True

    def paragraph(self, text: str, style: str = "body") -> None:
        """Free text in one of the styles: title, subtitle, heading, body, note."""
        self.add(self.styles.paragraph(text, getattr(self.styles, style)), [text])

    def spacer(self, height_mm: float) -> None:
        from reportlab.platypus import Spacer

        self._story.append(Spacer(1, height_mm * MM))

    def heading(
        self, title: str, unit_name: str | None = None, date: _dt.date | None = None, subtitle: str | None = None
    ) -> None:
        """The title, an optional subtitle, and the 填报单位 … 填报日期 line."""
        from reportlab.platypus import Table

        self.paragraph(title, "title")
        self.continued_title, self.continued_unit = title, unit_name
        self._texts.append(self.running_head())
        if subtitle:
            self.paragraph(subtitle, "subtitle")
        if unit_name is None and date is None:
            return
        left = reporting_unit(unit_name) if unit_name is not None else ""
        right = labelled(_("Date filled in"), format_date(date)) if date is not None else ""
        half = self.width_mm * MM / 2
        line = Table(
            [[self.styles.paragraph(left, self.styles.left), self.styles.paragraph(right, self.styles.right)]],
            colWidths=[half, half],
        )
        line.setStyle(
            _table_style(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * MM),
                ]
            )
        )
        self.add(line, [left, right])

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[object]],
        *,
        empty_text: str | None = None,
        row_height_mm: float | None = None,
        font_size: float = TABLE_SIZE,
        bold_rows: Sequence[int] = (),
    ) -> None:
        """A gridded table whose header row repeats on every page.

        ``bold_rows`` (indices into ``rows``: subtotals and the 合计) print bold.

        Cell values are shown with ``str`` (None as blank) and wrap inside
        their column. With no rows, ``empty_text`` fills one row across the
        table so the printed form says why it is empty. ``row_height_mm``
        fixes the body rows' height (blank rows for handwriting).
        """
        from reportlab.pdfbase.pdfmetrics import stringWidth

        widths = [w * MM for w in column_widths(columns, self.width_mm)]
        header_texts = [c.header for c in columns]
        para = self.styles.paragraph
        data = [[self.styles.header(c.header, width, font_size) for c, width in zip(columns, widths, strict=True)]]
        cell_styles = [self.styles.cell(c.align, False, font_size) for c in columns]
        inner = [w - 2 * _CELL_PADDING for w in widths]
        texts = list(header_texts)
        for number, row in enumerate(rows, start=1):
            if number % _ROWS_PER_REPORT == 0:
                report_progress(0, 0)  # how long laying out will take is not known yet
            if len(row) != len(columns):
                raise ValueError(f"a row has {len(row)} values for {len(columns)} columns")
            cells = []
            for value, style, room in zip(row, cell_styles, inner):
                # Full-width characters per line times the lines a cell may take.
                limit = max(20, int(room / font_size) * MAX_CELL_LINES)
                text = "" if value is None else printable(str(value), limit)
                texts.append(text)
                # Most cells are one short line in the main font: drawn as plain
                # strings they cost a fraction of a Paragraph (a 1,000-person
                # roster builds in a third of the time); the rest wrap as paragraphs.
                if not text or (fonts.plain(text) and stringWidth(text, fonts.MAIN, font_size) <= room):
                    cells.append(text)
                else:
                    cells.append(para(text, style))
            data.append(cells)
        commands = [
            ("FONTSIZE", (0, 1), (-1, -1), font_size),
            ("LEADING", (0, 1), (-1, -1), font_size * 1.3),
            *(("ALIGN", (i, 1), (i, -1), c.align.upper()) for i, c in enumerate(columns)),
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("BOX", (0, 0), (-1, -1), 1, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        commands += [("FONTNAME", (0, i + 1), (-1, i + 1), fonts.BOLD) for i in bold_rows]
        commands += kept_with_row_above(bold_rows)
        if len(data) == 1 and empty_text:
            data.append([para(empty_text, self.styles.cell(CENTER, False, font_size))] + [""] * (len(columns) - 1))
            commands.append(("SPAN", (0, 1), (-1, 1)))
            texts.append(empty_text)
        heights = None
        if row_height_mm is not None:
            heights = [None] + [row_height_mm * MM] * (len(data) - 1)
        table = _form_table_class()(data, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="CENTER")
        table.setStyle(_table_style(commands))
        keep_last_rows(table)
        self.add(table, texts)

    def signatures(self, labels: Sequence[str] | None = None, seal: bool = True, seal_label: str | None = None) -> None:
        """Signature lines for handwriting (单位负责人, 审核人 …) and the seal box.

        ``labels`` are already translated; by default the lines of a form
        sent upward. The block is kept on one page.
        """
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import KeepTogether, Spacer, Table

        labels = [_(label) for label in SIGNATURE_LABELS] if labels is None else list(labels)
        captions = [labelled(label) for label in labels]
        seal_label = seal_label if seal_label is not None else _("(unit seal)")
        seal_mm = 42 if seal else 0  # a township or village seal is about 40 mm across
        lines_mm = self.width_mm - seal_mm - (8 if seal else 0)
        per_row = 3 if lines_mm >= 200 else 2
        label_mm = max(stringWidth(c, fonts.MAIN, TEXT_SIZE) for c in captions) / MM + 2
        gap_mm = 6
        blank_mm = lines_mm / per_row - label_mm - gap_mm
        widths = [label_mm * MM, blank_mm * MM, gap_mm * MM] * per_row
        rows: list[list[object]] = []
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        for start in range(0, len(captions), per_row):
            row: list[object] = []
            for i, caption in enumerate(captions[start : start + per_row]):
                row += [self.styles.paragraph(caption, self.styles.right), "", ""]
                column = 3 * i + 1
                commands.append(("LINEBELOW", (column, len(rows)), (column, len(rows)), 0.5, "black"))
            row += [""] * (3 * per_row - len(row))
            rows.append(row)
        row_mm = 13
        grid = Table(rows, colWidths=widths, rowHeights=[row_mm * MM] * len(rows), hAlign="LEFT")
        grid.setStyle(_table_style(commands))
        texts = captions
        if seal:
            seal_height = max(seal_mm, row_mm * len(rows))
            block = Table(
                [[grid, _seal_box_class()(seal_mm * MM, seal_height * MM, seal_label)]],
                colWidths=[lines_mm * MM + 8 * MM, seal_mm * MM],
            )
            block.setStyle(
                _table_style(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            texts = captions + [seal_label]
        else:
            block = grid
        self.add(KeepTogether([Spacer(1, 6 * MM), block]), texts)
        self.keep_tail_with_table()

    def keep_tail_with_table(self) -> None:
        """Keep what follows the last table (notes, the signature block just added) on the page of its last rows.

        Only a tail of text, spaces and blocks kept together is moved; a
        flowable that sizes itself to the room left (a form's photos) stays as it is.
        """
        from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

        kept = _kept_class()
        last = next((i for i in range(len(self._story) - 1, -1, -1) if isinstance(self._story[i], (Table, kept))), None)
        if last is None:
            return
        if isinstance(self._story[last], kept):
            # Already kept with its tail (the signatures): what came after (an opinion box) joins that tail.
            more = self._story[last + 1 :]
            if more and all(type(f) in (Paragraph, Spacer, KeepTogether) for f in more):
                self._story[last].tail.extend(more)
                del self._story[last + 1 :]
            return
        table, tail = self._story[last], self._story[last + 1 :]
        if not all(type(f) in (Paragraph, Spacer, KeepTogether) for f in tail):
            return
        # Headings kept with the table's first rows come along (a heading's style keeps it with what follows:
        # left outside, it would carry the whole table and its tail to the next page).
        first = last
        while first > 0 and self._story[first - 1].getKeepWithNext():
            first -= 1
        head = self._story[first:last]
        for flowable in head:
            flowable.keepWithNext = False
        del self._story[first:]
        self._story.append(_kept_class()(head, table, tail, self.height_mm * MM))

    # --- output --------------------------------------------------------------

    def missing_characters(self) -> list[str]:
        """Characters in what was added so far that no shipped font can draw."""
        return fonts.missing_characters(self._texts)

    def lay_out(self) -> int:
        """Lay the form out in memory without writing a file (what was drawn where is
        what the flowables recorded); returns the number of pages."""
        import io

        self.laying_out = True
        try:
            self._build(io.BytesIO())
        finally:
            self.laying_out = False
        return self._page_count

    def _build(self, target) -> None:
        """Lay the pages out into ``target``: a path or a binary file object."""
        doc = _progress_doc_class()(
            target if not isinstance(target, Path) else str(target),
            pagesize=self.pagesize,
            leftMargin=MARGIN_MM * MM,
            rightMargin=MARGIN_MM * MM,
            topMargin=MARGIN_MM * MM,
            bottomMargin=self.bottom_margin_mm * MM,
            title=self.title,
            author=self.author,
            subject=self.subject,
            creator=_("Fulian Ledger"),
            lang="zh-CN" if current_language() == "zh_CN" else "en",
            # Every page starts with a font selection; Helvetica, reportlab's
            # default, would be a font the PDF does not embed.
            initialFontName=fonts.MAIN,
            initialFontSize=TEXT_SIZE,
        )
        doc.build(list(self._story), canvasmaker=functools.partial(_numbered_canvas_class(), form=self))

    def save(self, path: Path | str, report_missing: Callable[[list[str]], None] | None = None) -> FormResult:
        """Report undrawable characters, then write the PDF in one piece."""
        path = Path(path)
        check_folder(path)
        missing = self.missing_characters()
        if missing:
            if report_missing is not None:
                report_missing(missing)
            else:
                log.warning("characters no font can draw in %s: %s", path.name, " ".join(missing))

        write_whole(path, self._build)
        return FormResult(path, self._page_count, missing)


def groups_by_township(unit_code: str, unit_codes: Iterable[str]) -> list[tuple[str, str, list[str]]] | None:
    """At a county or above, the units of a table grouped under their townships (code, name, units),
    each group then closed by a subtotal row; None at a township or village, or when all the units lie in
    one township: a single group's subtotal would only repeat the 合计."""
    if level_of(unit_code) in (TOWNSHIP, VILLAGE):
        return None
    from models.stats import township_groups

    groups = township_groups(unit_codes)
    return groups if len(groups) > 1 else None


def subtotal_label(township_name: str) -> str:
    """长沙镇小计: the row closing a township's villages."""
    return _("{township} subtotal").format(township=township_name)


def with_subtotals(
    unit_code: str, rows: Sequence[_Row], code_of: Callable[[_Row], str], subtotal: Callable[[str, list[_Row]], _Row]
) -> list[tuple[_Row, bool]]:
    """The rows of a table of units in print order, (row, is a subtotal): at a county, each township's villages
    then ``subtotal(label, its rows)``; elsewhere the rows as they are."""
    groups = groups_by_township(unit_code, [code_of(row) for row in rows])
    if groups is None:
        return [(row, False) for row in rows]
    by_code: dict[str, list[_Row]] = {}
    for row in rows:
        by_code.setdefault(code_of(row), []).append(row)
    found: list[tuple[_Row, bool]] = []
    for _township, name, codes in groups:
        members = [row for code in codes for row in by_code[code]]
        found += [(row, False) for row in members]
        found.append((subtotal(subtotal_label(name), members), True))
    return found
