"""换届情况统计表: the composition of the elected committees, one row per unit.

A village or community prints its own row. A township or county prints one
row per village below it that has data (an election or a committee on
record) and a 合计 row that rolls them up (``models.stats.roll_up``). The
PDF groups the columns under two-level headers on A4 landscape; the Excel
twin has one flat header row so the table can be sorted and filtered, with
counts as numbers and shares as percentages.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forms import fonts
from models import stats
from models.i18n import N_, _, format_list_date, format_percent
from models.units import is_above_village

from .election_common import TableCommand, unit_of
from .layout import (
    CENTER,
    LANDSCAPE,
    LEFT,
    MM,
    TABLE_SIZE,
    Column,
    FormDocument,
    FormError,
    FormResult,
    kept_with_row_above,
    with_subtotals,
    yes_no,
)

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Election composition statistics")


@dataclass(frozen=True)
class StatColumn:
    """A column of the table: its group header (or None), own header, flat header for Excel, width."""

    key: str
    group: str | None
    header: str
    flat: str
    mm: float | None = None
    weight: float = 1.0
    align: str = CENTER
    excel_format: str | None = None


_REPRESENTATIVES, _COMMITTEE = N_("Representatives"), N_("Committee members")
_AGE, _EDUCATION, _PARTY = N_("Age (years)"), N_("Education"), N_("CPC members")

# Widths (mm) fit the Chinese headers at 8.5 pt on A4 landscape: a four-character
# header either fits on one line or breaks two and two (平均/年龄), never three and one.
COLUMNS = (
    StatColumn("number", None, N_("No."), N_("No."), 8),
    StatColumn("unit", None, N_("Unit"), N_("Unit"), None, 1, LEFT),
    StatColumn("date", None, N_("Election date"), N_("Election date"), 17, excel_format="yyyy-mm-dd"),
    StatColumn("entitled", _REPRESENTATIVES, N_("Entitled"), N_("Representatives entitled"), 9),
    StatColumn("present", _REPRESENTATIVES, N_("Present"), N_("Representatives present"), 9),
    StatColumn("chairs", _COMMITTEE, N_("Chair"), N_("Chair"), 9),
    StatColumn("vice_chairs", _COMMITTEE, N_("Vice-chairs"), N_("Vice-chairs"), 12),
    StatColumn("part_time_vice_chairs", _COMMITTEE, N_("Part-time vice-chairs"), N_("Part-time vice-chairs"), 12),
    StatColumn("members", _COMMITTEE, N_("Executive members"), N_("Executive members"), 9),
    StatColumn("35_or_under", _AGE, N_("≤35"), N_("Aged 35 or under"), 10),
    StatColumn("36_to_45", _AGE, N_("36–45"), N_("Aged 36 to 45"), 11.5),
    StatColumn("46_to_55", _AGE, N_("46–55"), N_("Aged 46 to 55"), 11.5),
    StatColumn("56_or_over", _AGE, N_("≥56"), N_("Aged 56 or over"), 10),
    StatColumn("average_age", _AGE, N_("Average age"), N_("Average age"), 9.5, excel_format="0.0"),
    StatColumn("college_or_above", _EDUCATION, N_("College or above"), N_("College or above"), 11),
    StatColumn(
        "high_school",
        _EDUCATION,
        N_("Senior high or secondary vocational"),
        N_("Senior high or secondary vocational"),
        11,
    ),
    StatColumn("junior_or_below", _EDUCATION, N_("Junior high or below"), N_("Junior high or below"), 11),
    StatColumn("party_members", _PARTY, N_("Number"), N_("CPC members"), 9),
    StatColumn("party_share", _PARTY, N_("Share"), N_("Share of CPC members"), 13, excel_format="0.0%"),
    StatColumn("minorities", None, N_("Ethnic minorities"), N_("Ethnic minorities"), 9.5),
    StatColumn("new_share", None, N_("Share of new members"), N_("Share of new members"), 14, excel_format="0.0%"),
    StatColumn("chair_two_committees", None, N_("Chair on the two committees"), N_("Chair on the two committees"), 12),
    StatColumn("status", None, N_("Status"), N_("Status"), 17),
)


def values(number: int | None, row: stats.Composition, total: bool = False) -> dict[str, object]:
    """The row's values by column key: numbers as numbers, None where nothing is known."""
    if total:
        chair = f"{row.chairs_on_two_committees}/{row.units_with_chair}" if row.units_with_chair else None
        status = _("{done} of {units} done").format(done=row.done, units=row.units)
    else:
        chair = yes_no(row.chair_on_two_committees)
        status = row.status_label()
    found: dict[str, object] = {
        "number": number,
        "unit": row.unit_name,
        "date": row.election_date,
        "entitled": row.entitled or None,
        "present": row.present or None,
        "chairs": row.chairs,
        "vice_chairs": row.vice_chairs,
        "part_time_vice_chairs": row.part_time_vice_chairs,
        "members": row.members,
        "average_age": row.average_age,
        "party_members": row.party_members,
        "party_share": row.party_share,
        "minorities": row.minorities,
        "new_share": row.new_share,
        "chair_two_committees": chair or None,
        "status": status,
    }
    found.update(row.age_bands)
    found.update(row.education)
    return found


def shown(key: str, value: object) -> str:
    """A value as the PDF prints it."""
    if value is None or value == "":
        return ""
    if key == "date" and isinstance(value, _dt.date):
        return format_list_date(value)
    if key in ("party_share", "new_share") and isinstance(value, (int, float)):
        return format_percent(value)
    if key == "average_age" and isinstance(value, (int, float)):
        return f"{value:.1f}"
    return str(value)


def scope(unit_code: str) -> list[str]:
    """The units the table has a row for: the unit itself, or the villages below it with data."""
    return stats.composition_scope(unit_code)


@dataclass
class StatsTable:
    """The rows of the form: one per unit, and the total when there are units below."""

    year: int
    rows: list[stats.Composition]
    total: stats.Composition | None
    subtotals: dict[int, stats.Composition] = field(default_factory=dict)  # after the row at this index

    def body(self) -> list[tuple[int | None, stats.Composition, bool]]:
        """(number, row, is a total) in print order: units numbered, each township's subtotal after its
        villages at a county, the 合计 last."""
        found: list[tuple[int | None, stats.Composition, bool]] = []
        for index, row in enumerate(self.rows):
            found.append((index + 1, row, False))
            if index in self.subtotals:
                found.append((None, self.subtotals[index], True))
        if self.total is not None:
            found.append((None, self.total, True))
        return found


def subtotals_for(unit_code: str, rows: list[stats.Composition]) -> dict[int, stats.Composition]:
    """At a county, each township's roll-up, keyed by the index of the last of its villages' rows."""
    found: dict[int, stats.Composition] = {}
    position = {id(row): index for index, row in enumerate(rows)}
    last = -1
    for row, is_subtotal in with_subtotals(unit_code, rows, lambda r: r.unit_code, _roll_up_township):
        if is_subtotal:
            found[last] = row
        else:
            last = position[id(row)]
    return found


def _roll_up_township(label: str, rows: list[stats.Composition]) -> stats.Composition:
    return stats.roll_up(rows, "", label)


def table_for(unit_code: str, year: int | None = None, today: _dt.date | None = None) -> StatsTable:
    """The rows for ``year`` (by default the latest year in which any unit in scope held an election)."""
    codes = scope(unit_code)
    year = year or stats.latest_election_year(codes)
    if year is None:
        unit = unit_of(unit_code)
        if not is_above_village(unit_code):
            raise FormError(
                _("No election has been entered for {unit} yet; enter one on the elections page first.").format(
                    unit=unit.name
                )
            )
        raise FormError(
            _("No election of the units below {unit} has been entered or imported yet.").format(unit=unit.name)
        )
    rows = stats.compositions_for(codes, year, today)
    total = None
    subtotals: dict[int, stats.Composition] = {}
    if is_above_village(unit_code):
        total = stats.roll_up(rows, unit_code, _("Total"))
        subtotals = subtotals_for(unit_code, rows)
    return StatsTable(year, rows, total, subtotals)


def _pdf_table(doc: FormDocument, table: StatsTable) -> None:
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    styles = doc.styles
    size = TABLE_SIZE - 0.5
    widths = [w * MM for w in _widths(doc.width_mm)]
    header_style = styles.cell(CENTER, True, size)
    top: list[Any] = []
    bottom: list[Any] = []
    commands: list[TableCommand] = []
    texts: list[str] = []
    index = 0
    while index < len(COLUMNS):
        column = COLUMNS[index]
        if column.group is None:
            top.append(styles.paragraph(_(column.header), header_style))
            bottom.append("")
            commands.append(("SPAN", (index, 0), (index, 1)))
            texts.append(_(column.header))
            index += 1
            continue
        end = index
        while end + 1 < len(COLUMNS) and COLUMNS[end + 1].group == column.group:
            end += 1
        top += [styles.paragraph(_(column.group), header_style)] + [""] * (end - index)
        commands.append(("SPAN", (index, 0), (end, 0)))
        texts.append(_(column.group))
        for leaf in COLUMNS[index : end + 1]:
            bottom.append(styles.paragraph(_(leaf.header), header_style))
            texts.append(_(leaf.header))
        index = end + 1
    data = [top, bottom]
    kept: list[int] = []  # body rows (under the two header rows) kept with the row above
    cell_left = styles.cell(LEFT, False, size)
    cell_centre = styles.cell(CENTER, False, size)
    for number, row, total in table.body():
        found = values(number, row, total)
        cells = []
        for column in COLUMNS:
            text = shown(column.key, found[column.key])
            texts.append(text)
            if column.key == "unit" and text:
                cells.append(styles.paragraph(text, cell_left))
            elif column.key == "status" and total and text:
                # "已完成 10/10" on two lines in its narrow column, broken at the space, never inside the figures.
                cells.append([styles.paragraph(part, cell_centre) for part in text.split(" ", 1)])
            else:
                cells.append(text)
        if total:  # a township's subtotal or the 合计: kept on the page of the rows it sums
            kept.append(len(data) - 2)
            if row is not table.total:
                commands.append(("FONTNAME", (0, len(data)), (-1, len(data)), fonts.BOLD))
        data.append(cells)
    if len(data) == 2:
        empty = _("No unit below has an election or a committee on record yet.")
        data.append([styles.paragraph(empty, styles.cell(CENTER, False, size))] + [""] * (len(COLUMNS) - 1))
        commands.append(("SPAN", (0, 2), (-1, 2)))
        texts.append(empty)
    commands += [
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
        ("FONTSIZE", (0, 2), (-1, -1), size),
        ("ALIGN", (0, 2), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("BOX", (0, 0), (-1, -1), 1, "black"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if table.total is not None and table.rows:
        commands += [
            ("FONTNAME", (0, -1), (-1, -1), fonts.BOLD),
            ("SPAN", (0, -1), (1, -1)),
            ("LINEABOVE", (0, -1), (-1, -1), 1, "black"),
        ]
        data[-1][0], data[-1][1] = _("Total ({n} units)").format(n=len(table.rows)), ""
        texts.append(data[-1][0])
    commands += kept_with_row_above(kept, header_rows=2)
    grid = RLTable(data, colWidths=widths, repeatRows=2, hAlign="CENTER")
    grid.setStyle(TableStyle(commands))
    doc.add(grid, texts)


def _widths(total_mm: float) -> list[float]:
    from .layout import column_widths

    return column_widths([Column(c.header, c.mm, c.weight, c.align) for c in COLUMNS], total_mm)


def notes() -> list[str]:
    return [
        _(
            "Notes: ages are counted at the election date from the month of birth. Executive members are all members "
            "of the committee, chair and vice-chairs included; vice-chairs include attached vice-chairs. The share "
            "of CPC members includes probationary members. The share of new members counts members of a recorded "
            "election only."
        ),
    ]


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The statistics table as a PDF, or as a spreadsheet when ``out_path`` ends in .xlsx."""
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    table = table_for(unit.code, options.year, today)
    title = _(TITLE)
    subtitle = _("Elections of {year}").format(year=table.year)
    if out_path.suffix.lower() == ".xlsx":
        from forms import xlsx

        columns = [Column(_(c.flat), c.mm, c.weight, c.align) for c in COLUMNS]
        body = [values(number, row, total) for number, row, total in table.body()]
        rows = [[_excel(c.key, found[c.key]) for c in COLUMNS] for found in body]
        formats = {i: c.excel_format for i, c in enumerate(COLUMNS) if c.excel_format}
        return xlsx.write_table(
            out_path,
            title=f"{title} {subtitle}",
            columns=columns,
            rows=rows,
            unit_name=unit.name,
            date=today,
            author=unit.name,
            landscape=True,
            empty_text=_("No unit below has an election or a committee on record yet."),
            number_formats=formats,
        )
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, subject=subtitle)
    doc.heading(title, unit.name, today, subtitle=subtitle)
    _pdf_table(doc, table)
    doc.spacer(2)
    for note in notes():
        doc.paragraph(note, "note")
    doc.signatures()
    return doc.save(out_path, options.report_missing)


def _excel(key: str, value: object) -> object:
    """A value as the spreadsheet stores it: numbers, shares and dates as such, for sorting and sums."""
    return value
