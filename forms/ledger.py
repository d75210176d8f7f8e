"""活动台账: the year's activities of the Women's Home, one row each, oldest first.

The columns are the ones inspectors expect (DOMAIN.md §2): 序号, 日期, 时间,
地点, 活动名称, 类别, 形式, 主办/协办, 参加人数 (women, children, others),
负责人/主讲人, 内容摘要, 成效, 照片数, 记录人; then a total line and the
signature and seal block. A summary is cut to a few lines with "…": the
whole text is on the activity's record sheet.

An activity marked *sensitive* (rights cases, screening results, children:
DOMAIN.md §5) prints its counts only: its summary and results are replaced
by a fixed note, because they are free text that names people and results,
and its photo count by "—" (see ``_photos_shown``). The Excel twin, being an
exported file, follows the same rule.

The helpers at the top (which year, which activities, how a time or the
organisers read) are shared by the other Women's Home forms.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import fn

from forms import activities_below as below
from forms import fonts
from models.homes import CATEGORY, FORM, Activity, activities, activity_years
from models.i18n import N_, _, current_language, format_date, format_list_date
from models.photos import PhotoLink
from models.units import Unit, is_above_village

from .election_common import fit_mm
from .election_common import unit_of as _unit_of
from .layout import (
    CENTER,
    LANDSCAPE,
    LEFT,
    MM,
    TABLE_SIZE,
    Column,
    FormDocument,
    FormResult,
    column_widths,
)

if TYPE_CHECKING:
    from .registry import FormOptions

SPEC_TITLE = N_("Activity ledger")
FORMATS = ("pdf", "xlsx")

# What a sensitive activity prints instead of its summary (and results).
PRIVATE_NOTE = N_("(Involves personal information: only the numbers of people are recorded.)")
NOT_SHOWN = "—"  # a value deliberately left out, as opposed to an empty one

_SUMMARY_LINES = 4  # a ledger row stays readable; the record sheet has the whole text
_RESULTS_LINES = 3
_FONT_SIZE = TABLE_SIZE


# --- shared by the Women's Home forms -------------------------------------------------------


def unit_of(code: str) -> Unit:
    """The unit the form is about, or a FormError naming the code."""
    return _unit_of(code)


def chosen_year(unit_code: str, year: int | None, today: _dt.date) -> int:
    """The year asked for, else the latest year with activities, else this year."""
    if year:
        return year
    years = activity_years(unit_code)
    return years[0] if years else today.year


def year_activities(unit_code: str, year: int) -> list[Activity]:
    """The unit's live activities of ``year``, oldest first (the ledger's order)."""
    query = activities(unit_code, year).order_by(Activity.date, Activity.start_time, Activity.created_at)
    return list(query)


def photo_counts(owners: list[str]) -> dict[str, int]:
    """How many live photos each of ``owners`` (record uuids) has, in one query per 500 owners."""
    counts: dict[str, int] = {}
    # SQLite allows 999 bound parameters in older builds; stay well below.
    for start in range(0, len(owners), 500):
        chunk = owners[start : start + 500]
        query = (
            PhotoLink.live()
            .select(PhotoLink.owner, fn.COUNT(PhotoLink.uuid).alias("n"))
            .where(PhotoLink.owner.in_(chunk))
            .group_by(PhotoLink.owner)
        )
        counts.update((row.owner, row.n) for row in query)
    return counts


def time_text(activity: Activity) -> str:
    """09:30–11:00, or just the start time, or blank."""
    if activity.start_time and activity.end_time:
        return f"{activity.start_time}–{activity.end_time}"
    return activity.start_time or activity.end_time or ""


def organisers_text(activity: Activity, separator: str = " / ") -> str:
    """主办 / 协办 in one cell."""
    return separator.join(x for x in (activity.organiser, activity.co_organiser) if x)


def participants_sentence(activity: Activity) -> str:
    """共37人（妇女35人，儿童0人，其他2人）."""
    return _("{total} in all (women {women}, children {children}, others {others})").format(
        total=activity.participants_total, women=activity.women, children=activity.children, others=activity.others
    )


_binary_lock = threading.Lock()
_binary_users = 0
_saved_a85 = 1


@contextlib.contextmanager
def binary_streams():
    """Write the PDF's streams as binary rather than ASCII85 text while inside.

    reportlab ASCII85-encodes every stream by default, and without its
    optional C accelerator (not shipped) it does so in pure Python: encoding
    a 1600×1200 photo takes 0.07 s, more than all the rest of its page.
    Binary streams are the usual form of PDF and every reader takes them.
    The setting is process-wide, so concurrent builds share one window
    (counted); a build that overlaps it merely writes binary streams too.
    """
    global _binary_users, _saved_a85
    from reportlab import rl_config

    with _binary_lock:
        if _binary_users == 0:
            _saved_a85 = rl_config.useA85
            rl_config.useA85 = 0
        _binary_users += 1
    try:
        yield
    finally:
        with _binary_lock:
            _binary_users -= 1
            if _binary_users == 0:
                rl_config.useA85 = _saved_a85


@functools.lru_cache(maxsize=1024)
def _date_text(value: _dt.date, format: str, language: str) -> str:
    return format_date(value, format)


def date_text(value: _dt.date, format: str = "long") -> str:
    """``format_date``, remembered: Babel takes a quarter of a millisecond a date, and a year's
    forms print each of its days again and again."""
    return _date_text(value, format, current_language())


def _short_date(value: _dt.date) -> str:
    """A date in the ledger's table: 2026-03-08, as every table and list of the program writes it."""
    return format_list_date(value)


def clip(text: str, width_pt: float, lines: int, size: float = _FONT_SIZE) -> str:
    """``text`` on one paragraph, cut with "…" so that it wraps to about ``lines`` lines.

    Line breaks become spaces. Wrapping loses part of each line's end, so
    only nine tenths of the room is counted.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join((text or "").split())
    room = width_pt * lines * 0.9
    if stringWidth(text, fonts.MAIN, size) <= room:
        return text
    used = stringWidth("…", fonts.MAIN, size)
    kept = []
    for char in text:
        used += stringWidth(char, fonts.MAIN, size)
        if used > room:
            break
        kept.append(char)
    return "".join(kept).rstrip(" ，,；;、。.") + "…"


# --- the ledger -------------------------------------------------------------------------------

_PARTICIPANTS = N_("Participants")


@dataclass(frozen=True)
class LedgerColumn:
    """A column of the ledger: key, header, width (mm or weight), alignment, group header."""

    key: str
    header: str
    mm: float | None = None
    weight: float = 1.0
    align: str = CENTER
    group: str | None = None


# Widths on A4 landscape (267 mm between the margins) at 9 pt: a date
# 2026/11/28 on one line, a time range as 09:30– / 11:00, counts up to 999,
# categories on two or three lines, and the most room for the summary.
COLUMNS = (
    LedgerColumn("number", N_("No."), 8),
    LedgerColumn("date", N_("Date"), 18.5),
    LedgerColumn("time", N_("Time"), 11.5),
    LedgerColumn("place", N_("Place"), None, 1.25, LEFT),
    LedgerColumn("title", N_("Activity"), None, 2.0, LEFT),
    LedgerColumn("category", N_("Category"), 19, align=LEFT),
    LedgerColumn("form", N_("Form"), 11),
    LedgerColumn("organisers", N_("Organiser / co-organiser"), None, 1.35, LEFT),
    LedgerColumn("women", N_("Women"), 8.5, group=_PARTICIPANTS),
    LedgerColumn("children", N_("Children"), 8.5, group=_PARTICIPANTS),
    LedgerColumn("others", N_("Others"), 8.5, group=_PARTICIPANTS),
    LedgerColumn("leader", N_("Person in charge or speaker"), 16),
    LedgerColumn("summary", N_("Summary"), None, 3.6, LEFT),
    LedgerColumn("results", N_("Results"), None, 2.0, LEFT),
    LedgerColumn("photos", N_("Number of photos"), 9),
    LedgerColumn("recorder", N_("Recorded by"), 13),
)


def _photos_shown(activity: Activity, count: int) -> object:
    # Photos of a sensitive activity are never printed (its record sheet
    # leaves them out) nor exported, so the ledger must not point an
    # inspector to evidence the printed file does not hold; "—" rather than
    # 0 so that it does not read as "no photos were taken".
    return NOT_SHOWN if activity.sensitive else count


def row_values(number: int, activity: Activity, photos: int) -> dict[str, object]:
    """One ledger line by column key, before any cutting to fit: numbers as numbers."""
    private = _(PRIVATE_NOTE)
    return {
        "number": number,
        "date": activity.date,
        "time": time_text(activity),
        "start_time": activity.start_time,
        "end_time": activity.end_time,
        "place": activity.place,
        "title": activity.shown_title,
        "category": CATEGORY.label(activity.category),
        "form": FORM.label(activity.form),
        "organisers": organisers_text(activity),
        "organiser": activity.organiser,
        "co_organiser": activity.co_organiser,
        "women": activity.women,
        "children": activity.children,
        "others": activity.others,
        "total": activity.participants_total,
        "leader": activity.leader,
        # A sensitive activity's summary and results are free text about
        # named people, cases and screening results: never printed or exported.
        "summary": private if activity.sensitive else activity.summary,
        "results": NOT_SHOWN if activity.sensitive else activity.results,
        "photos": _photos_shown(activity, photos),
        "recorder": activity.recorder,
    }


@dataclass
class Ledger:
    """The rows of one year's ledger and their totals."""

    unit: Unit
    year: int
    rows: list[dict[str, object]]

    def total(self, key: str) -> int:
        return sum(value for row in self.rows if isinstance(value := row[key], int))


def ledger_for(unit_code: str, year: int | None, today: _dt.date) -> Ledger:
    unit = unit_of(unit_code)
    year = chosen_year(unit.code, year, today)
    found = year_activities(unit.code, year)
    counts = photo_counts([a.uuid for a in found])
    rows = [row_values(i, a, counts.get(a.uuid, 0)) for i, a in enumerate(found, start=1)]
    return Ledger(unit, year, rows)


def empty_text(year: int) -> str:
    return _("No activities of the Women's Home were recorded in {year}.").format(year=year)


def year_subtitle(year: int) -> str:
    return _("Year {year}").format(year=year)


def _fixed_mm(column: LedgerColumn) -> float | None:
    """A fixed width, widened when a word of a header written with spaces (English) would not fit.

    Chinese headers break between any two characters, so their widths stay as set.
    """
    if column.mm is None:
        return None
    header = _(column.header)
    if any(ord(c) >= 0x2E80 for c in header):
        return column.mm
    mm = fit_mm(header, column.mm, _FONT_SIZE)
    table = {"category": CATEGORY, "form": FORM}.get(column.key)
    for _code, label in table.choices() if table else ():  # "Mediation" is not cut into "Media/tion"
        mm = max(mm, fit_mm(label, column.mm, _FONT_SIZE))
    return mm


def _widths(total_mm: float) -> list[float]:
    return column_widths([Column(_(c.header), _fixed_mm(c), c.weight, c.align) for c in COLUMNS], total_mm)


@functools.cache
def _group_leaf_class():
    from reportlab.platypus import Flowable

    class GroupLeaf(Flowable):
        """A header cell under a group header (妇女 under 参加人数), drawn without table spans.

        reportlab recomputes every span of a table each time it splits it
        across a page, which makes a 1,000-row ledger with a spanned header
        spend seconds on it. So the header is one row: each leaf draws its
        label in the lower half, the rule above it and the divider to its
        left; the first leaf also draws the group's label across the group.
        """

        def __init__(
            self,
            label: str,
            width: float,
            height: float,
            size: float,
            group: str | None,
            group_width: float,
            first: bool,
        ):
            super().__init__()
            self.label, self.width, self.height, self.size = label, width, height, size
            self.group, self.group_width, self.first = group, group_width, first

        def wrap(self, available_width, available_height):
            return self.width, self.height

        def draw(self):
            canvas = self.canv
            middle = self.height / 2
            rise = self.size * 0.36  # from the baseline to the middle of a CJK character
            canvas.saveState()
            canvas.setLineWidth(0.5)
            canvas.line(0, middle, self.width, middle)
            if not self.first:
                canvas.line(0, 0, 0, middle)
            canvas.setFont(fonts.BOLD, self.size)
            canvas.drawCentredString(self.width / 2, middle / 2 - rise, self.label)
            if self.first and self.group:
                canvas.drawCentredString(self.group_width / 2, middle * 1.5 - rise, self.group)
            canvas.restoreState()

    return GroupLeaf


def _pdf_table(doc: FormDocument, ledger: Ledger) -> None:
    """The ledger's grid: one header row (参加人数 over 妇女/儿童/其他) repeated on every page.

    The big table has no spans at all (see ``GroupLeaf``): the total line
    writes its words in the activity and summary columns.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Table, TableStyle

    styles = doc.styles
    size = _FONT_SIZE
    widths = [w * MM for w in _widths(doc.width_mm)]
    padding = 2
    inner = [w - 2 * padding for w in widths]
    header_style = styles.cell(CENTER, True, size)
    texts: list[str] = []

    # The header row is as tall as its tallest label, and has room for two lines under a group.
    header = [styles.paragraph(_(c.header), header_style) if c.group is None else None for c in COLUMNS]
    tallest = max(cell.wrap(room, 1000)[1] for cell, room in zip(header, inner) if cell is not None)
    height = max(tallest + 5, 2 * (size * 1.3 + 4))
    # reportlab's style commands: (name, first cell, last cell, arguments...)
    commands: list[tuple[object, ...]] = [
        ("LINEABOVE", (0, 0), (-1, 0), 0.5, "black"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
    ]
    for index, column in enumerate(COLUMNS):
        texts.append(_(column.header))
        if column.group is None:
            commands.append(("LINEBEFORE", (index, 0), (index, 0), 0.5, "black"))
            continue
        first = index == 0 or COLUMNS[index - 1].group != column.group
        if first:
            commands.append(("LINEBEFORE", (index, 0), (index, 0), 0.5, "black"))
            texts.append(_(column.group))
        group_width = sum(w for w, c in zip(widths, COLUMNS) if c.group == column.group)
        header[index] = _group_leaf_class()(
            _(column.header), widths[index], height, size, _(column.group), group_width, first
        )
        commands += [
            (name, (index, 0), (index, 0), 0) for name in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
        ]

    keys = [c.key for c in COLUMNS]
    cell_styles = [styles.cell(c.align, False, size) for c in COLUMNS]
    limits = {"summary": _SUMMARY_LINES, "results": _RESULTS_LINES}
    data: list[list[object]] = [header]
    for row in ledger.rows:
        cells: list[object] = []
        for key, style, room in zip(keys, cell_styles, inner):
            value = row[key]
            if key == "date" and isinstance(value, _dt.date):
                text = _short_date(value)
            elif key == "time" and isinstance(value, str) and "–" in value:
                text = value.replace("–", "–\n")  # 09:30– / 11:00: two short lines, never cut mid-time
            else:
                text = "" if value is None else str(value)
            if key in limits:
                text = clip(text, room, limits[key], size)
            texts.append(text)
            # Most cells are one short line: plain strings cost a fraction of a Paragraph.
            if not text or ("\n" not in text and fonts.plain(text) and stringWidth(text, fonts.MAIN, size) <= room):
                cells.append(text)
            else:
                cells.append(styles.paragraph(text, style))
        data.append(cells)

    if ledger.rows:
        label = _("Total: {n} activities").format(n=len(ledger.rows))
        people = _("{total} participants in all").format(
            total=sum(ledger.total(k) for k in ("women", "children", "others"))
        )
        total: list[object] = [""] * len(COLUMNS)
        total[keys.index("title")] = styles.paragraph(label, styles.cell(LEFT, True, size))
        total[keys.index("summary")] = styles.paragraph(people, styles.cell(LEFT, True, size))
        for key in ("women", "children", "others", "photos"):
            total[keys.index(key)] = ledger.total(key)
        texts += [label, people]
        data.append(total)
    else:
        text = empty_text(ledger.year)
        data.append([styles.paragraph(text, styles.cell(CENTER, False, size))] + [""] * (len(COLUMNS) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))  # one row only: no cost
        texts.append(text)

    style = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("LEADING", (0, 1), (-1, -1), size * 1.3),
        *(("ALIGN", (i, 1), (i, -1), c.align.upper()) for i, c in enumerate(COLUMNS)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 1), (-1, -1), 0.5, "black"),
        ("BOX", (0, 0), (-1, -1), 1, "black"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ] + commands  # the header's own lines and paddings override the defaults, so they come after
    if ledger.rows:
        style += [("FONTNAME", (0, -1), (-1, -1), fonts.BOLD), ("LINEABOVE", (0, -1), (-1, -1), 1, "black")]
    grid = Table(data, colWidths=widths, rowHeights=[height] + [None] * (len(data) - 1), repeatRows=1, hAlign="CENTER")
    grid.setStyle(TableStyle(style))
    doc.add(grid, texts)


def _xlsx(out_path: Path, ledger: Ledger, today: _dt.date) -> FormResult:
    """The Excel twin: one flat header row, organiser and co-organiser apart, numbers as numbers."""
    from forms import xlsx

    flat = [
        ("number", N_("No."), 8, CENTER),
        ("date", N_("Date"), 20, CENTER),
        ("start_time", N_("Start time"), 12, CENTER),
        ("end_time", N_("End time"), 12, CENTER),
        ("place", N_("Place"), 30, LEFT),
        ("title", N_("Activity"), 45, LEFT),
        ("category", N_("Category"), 30, LEFT),
        ("form", N_("Form"), 16, CENTER),
        ("organiser", N_("Organiser"), 28, LEFT),
        ("co_organiser", N_("Co-organiser"), 28, LEFT),
        ("women", N_("Women"), 11, CENTER),
        ("children", N_("Children"), 11, CENTER),
        ("others", N_("Others"), 11, CENTER),
        ("total", N_("Participants in all"), 13, CENTER),
        ("leader", N_("Person in charge or speaker"), 22, CENTER),
        ("summary", N_("Summary"), 80, LEFT),
        ("results", N_("Results"), 50, LEFT),
        ("photos", N_("Number of photos"), 11, CENTER),
        ("recorder", N_("Recorded by"), 16, CENTER),
    ]
    # Relative widths: write_table keeps their proportions across the printed page.
    columns = [Column(_(header), None, weight, align) for _key, header, weight, align in flat]
    rows = []
    for row in ledger.rows:
        # Times of day as Excel times: a sheet sorts and subtracts them.
        clock = {key: xlsx.parse_clock(str(row[key])) for key in ("start_time", "end_time")}
        values = [clock[key] if key in clock else row[key] for key, *_rest in flat]
        # Spreadsheets sum the photo column: a sensitive activity's is left blank, not "—".
        rows.append([None if v == NOT_SHOWN and key == "photos" else v for (key, *_r), v in zip(flat, values)])
    if ledger.rows:
        total: dict[str, object] = {key: None for key, *_rest in flat}
        total["title"] = _("Total: {n} activities").format(n=len(ledger.rows))
        for key in ("women", "children", "others", "total", "photos"):
            total[key] = ledger.total(key)
        rows.append([total[key] for key, *_rest in flat])
    date_column = [key for key, *_rest in flat].index("date")
    title = _(SPEC_TITLE)
    return xlsx.write_table(
        out_path,
        title=f"{title} {year_subtitle(ledger.year)}",
        columns=columns,
        rows=rows,
        unit_name=ledger.unit.name,
        date=today,
        author=ledger.unit.name,
        landscape=True,
        empty_text=empty_text(ledger.year),
        number_formats={date_column: "yyyy-mm-dd"},
    )


def below_columns() -> list[Column]:
    """序号, 单位, 活动次数, 参加人次, 照片数: the summary of the ledgers kept below."""
    return [
        Column(_("No."), mm=12),
        Column(_("Unit"), weight=1, align=LEFT),
        Column(_("Activities"), mm=30),
        Column(_("Attendances (people × activities)"), mm=36),
        Column(_("Number of photos"), mm=30),
    ]


def below_rows(found: below.Below) -> list[list[object]]:
    return [[number, row.unit_name, row.total, row.people, row.photos] for number, row in below.numbered(found)]


def _build_below(out_path: Path, options: FormOptions, today: _dt.date) -> FormResult:
    """Above a village the ledgers are kept below: a row per unit with its activities, attendances and photos."""
    unit = unit_of(options.unit_code)
    found = below.for_form(unit.code, unit.name, options.year, today)
    year = found.year
    title = _(SPEC_TITLE)
    subtitle = _("Year {year}, the ledgers of the units below").format(year=year)
    if out_path.suffix.lower() == ".xlsx":
        from forms import xlsx

        return xlsx.write_table(
            out_path,
            title=f"{title} {subtitle}",
            columns=below_columns(),
            rows=below_rows(found),
            unit_name=unit.name,
            date=today,
            author=unit.name,
        )
    doc = FormDocument(title, author=unit.name, subject=subtitle)
    doc.heading(title, unit.name, today, subtitle=subtitle)
    body = below_rows(found)
    doc.table(below_columns(), body, bold_rows=below.summed_rows(body))
    doc.signatures()
    return doc.save(out_path, options.report_missing)


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The year's ledger (``options.year``, by default the latest year with activities), PDF or .xlsx."""
    out_path = Path(out_path)
    today = options.today or _dt.date.today()
    if is_above_village(options.unit_code):
        return _build_below(out_path, options, today)
    ledger = ledger_for(options.unit_code, options.year, today)
    if out_path.suffix.lower() == ".xlsx":
        return _xlsx(out_path, ledger, today)
    title = _(SPEC_TITLE)
    doc = FormDocument(title, author=ledger.unit.name, orientation=LANDSCAPE, subject=year_subtitle(ledger.year))
    doc.heading(title, ledger.unit.name, today, subtitle=year_subtitle(ledger.year))
    _pdf_table(doc, ledger)
    doc.signatures()
    with binary_streams():
        return doc.save(out_path, options.report_missing)
