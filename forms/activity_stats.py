"""活动统计表: the year's activities counted by month and category, with a bar chart.

Above a village the activities live in the villages' ledgers, so the table
totals them instead: one row per village below (grouped by township with a
subtotal each at a county), a 合计 row, and the chart of all of them by month.

Rows are the twelve months and a 合计 line; columns the ten categories of
DOMAIN.md §2, the month's total and its 参加人次 (participants counted once
per activity). Under the table a bar chart shows the activities per month.
The Excel twin has the same table with every count a number.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from forms import activities_below as below
from forms import fonts, ledger
from models.homes import CATEGORY, Activity, activities
from models.i18n import N_, _
from models.units import is_above_village

from .layout import (
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

SPEC_TITLE = N_("Activity statistics")
FORMATS = ("pdf", "xlsx")

_CHART_COLOUR = "#c0392b"  # the federation's red, readable in greyscale print too
_SIZE = TABLE_SIZE - 0.5


@dataclass
class Stats:
    """Counts of one year: activities by (month, category) and participants by month."""

    year: int
    counts: dict[tuple[int, str], int] = field(default_factory=dict)
    people: dict[int, int] = field(default_factory=dict)

    def cell(self, month: int, category: str) -> int:
        return self.counts.get((month, category), 0)

    def month_total(self, month: int) -> int:
        return sum(self.cell(month, c) for c in CATEGORY.codes())

    def category_total(self, category: str) -> int:
        return sum(self.cell(m, category) for m in range(1, 13))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def people_total(self) -> int:
        return sum(self.people.values())


def stats_for(unit_code: str, year: int) -> Stats:
    """One pass over the year's activities: counts by month and category, participants by month."""
    stats = Stats(year)
    query = activities(unit_code, year).select(
        Activity.date, Activity.category, Activity.women, Activity.children, Activity.others
    )
    for a in query.tuples():
        date, category, women, children, others = a
        month = date.month if isinstance(date, _dt.date) else int(str(date)[5:7])
        stats.counts[(month, category)] = stats.counts.get((month, category), 0) + 1
        stats.people[month] = stats.people.get(month, 0) + women + children + others
    return stats


def month_label(month: int) -> str:
    """1月 in Chinese."""
    return _("Month {month}").format(month=month)


def columns() -> list[Column]:
    """月份, the ten categories, 合计 and 参加人次."""
    return (
        [Column(_("Month"), mm=16)]
        + [Column(CATEGORY.label(code), weight=1) for code in CATEGORY.codes()]
        + [Column(_("Total"), mm=15), Column(_("Attendances (people × activities)"), mm=18)]
    )


def rows(stats: Stats) -> list[list[object]]:
    """Twelve month rows and the 合计 row, every count a number."""
    body: list[list[object]] = []
    for month in range(1, 13):
        row: list[object] = [month_label(month)]
        row += [stats.cell(month, c) for c in CATEGORY.codes()]
        row += [stats.month_total(month), stats.people.get(month, 0)]
        body.append(row)
    total: list[object] = [_("Total")]
    total += [stats.category_total(c) for c in CATEGORY.codes()]
    total += [stats.total, stats.people_total]
    body.append(total)
    return body


def below_columns() -> list[Column]:
    """序号, 单位, the ten categories, 合计 and 参加人次: the table of the units below."""
    return (
        [Column(_("No."), mm=9), Column(_("Unit"), mm=34, align=LEFT)]
        + [Column(CATEGORY.label(code), weight=1) for code in CATEGORY.codes()]
        + [Column(_("Total"), mm=14), Column(_("Attendances (people × activities)"), mm=18)]
    )


def below_rows(found: below.Below) -> list[list[object]]:
    """A row per unit below (numbered), the subtotals and the 合计, every count a number."""
    return [
        [number, row.unit_name, *(row.by_category.get(c, 0) for c in CATEGORY.codes()), row.total, row.people]
        for number, row in below.numbered(found)
    ]


def _build_below(out_path: Path, options: FormOptions, unit_code: str, unit_name: str, today: _dt.date) -> FormResult:
    """The statistics of a township, county or city: the activities of the units below, per unit and in total."""
    from reportlab.platypus import KeepTogether, Spacer

    found = below.for_form(unit_code, unit_name, options.year, today)
    year = found.year
    title = _(SPEC_TITLE)
    body = below_rows(found)
    if out_path.suffix.lower() == ".xlsx":
        from forms import xlsx

        return xlsx.write_table(
            out_path,
            title=f"{title} {subtitle(year)}",
            columns=below_columns(),
            rows=body,
            unit_name=unit_name,
            date=today,
            author=unit_name,
            landscape=True,
        )
    doc = FormDocument(title, author=unit_name, orientation=LANDSCAPE, subject=subtitle(year))
    doc.heading(title, unit_name, today, subtitle=subtitle(year))
    doc.table(below_columns(), body, font_size=_SIZE, bold_rows=below.summed_rows(body))
    drawing, texts = chart([found.total.by_month.get(m, 0) for m in range(1, 13)], doc.width_mm * MM, 58 * MM)
    doc.add(KeepTogether([Spacer(1, 4 * MM), drawing]), texts)
    doc.signatures()
    with ledger.binary_streams():
        return doc.save(out_path, options.report_missing)


def _pdf_table(doc: FormDocument, stats: Stats) -> None:
    from reportlab.platypus import Table, TableStyle

    styles = doc.styles
    cols = columns()
    widths = [w * MM for w in column_widths(cols, doc.width_mm)]
    data = [[styles.header(c.header, width, _SIZE) for c, width in zip(cols, widths, strict=True)]]
    texts = [c.header for c in cols]
    for row in rows(stats):
        # Zeros print as blanks would hide the difference between "none" and "not counted": keep 0.
        data.append([str(v) for v in row])
        texts.append(str(row[0]))
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
        ("FONTSIZE", (0, 1), (-1, -1), _SIZE + 0.5),
        ("ALIGN", (0, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("BOX", (0, 0), (-1, -1), 1, "black"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        # The totals: the last row and the last two columns, bold and set off by a heavier rule.
        ("FONTNAME", (0, -1), (-1, -1), fonts.BOLD),
        ("FONTNAME", (-2, 1), (-2, -1), fonts.BOLD),
        ("LINEABOVE", (0, -1), (-1, -1), 1, "black"),
        ("LINEBEFORE", (-2, 0), (-2, -1), 1, "black"),
        ("BACKGROUND", (0, -1), (-1, -1), "#f0f0f0"),
    ]
    grid = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    grid.setStyle(TableStyle(commands))
    doc.add(grid, texts)


def chart(values: list[int], width: float, height: float):
    """活动次数（按月）: a bar per month, its count above it; Chinese labels in the main font."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    drawing = Drawing(width, height)
    title = _("Activities per month")
    drawing.add(String(width / 2, height - 12, title, fontName=fonts.BOLD, fontSize=10, textAnchor="middle"))
    bars = VerticalBarChart()
    bars.x, bars.y = 30, 22
    bars.width, bars.height = width - 45, height - 45
    bars.data = [values]
    bars.bars[0].fillColor = colors.HexColor(_CHART_COLOUR)
    bars.bars[0].strokeColor = None
    bars.barWidth = 10
    bars.groupSpacing = 10
    bars.categoryAxis.categoryNames = [month_label(m) for m in range(1, 13)]
    bars.categoryAxis.labels.fontName = fonts.MAIN
    bars.categoryAxis.labels.fontSize = 8
    bars.categoryAxis.labels.dy = -3
    peak = max(values + [1])
    step = max(1, -(-peak // 5))  # at most about five whole-number steps
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = step * (peak // step + 1)  # a step of room above the highest bar
    bars.valueAxis.valueStep = step
    bars.valueAxis.labels.fontName = fonts.MAIN
    bars.valueAxis.labels.fontSize = 8
    bars.valueAxis.labelTextFormat = "%d"
    bars.valueAxis.visibleGrid = True
    bars.valueAxis.gridStrokeColor = colors.HexColor("#d0d0d0")
    bars.valueAxis.gridStrokeWidth = 0.3
    bars.barLabelFormat = lambda v: str(int(v)) if v else ""
    bars.barLabels.fontName = fonts.MAIN
    bars.barLabels.fontSize = 8
    bars.barLabels.nudge = 6
    drawing.add(bars)
    return drawing, [title] + [month_label(m) for m in range(1, 13)]


def subtitle(year: int) -> str:
    return ledger.year_subtitle(year)


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The year's statistics (``options.year``, default the latest year with activities), PDF or .xlsx."""
    from reportlab.platypus import KeepTogether, Spacer

    out_path = Path(out_path)
    today = options.today or _dt.date.today()
    unit = ledger.unit_of(options.unit_code)
    if is_above_village(unit.code):
        return _build_below(out_path, options, unit.code, unit.name, today)
    year = ledger.chosen_year(unit.code, options.year, today)
    stats = stats_for(unit.code, year)
    title = _(SPEC_TITLE)
    if out_path.suffix.lower() == ".xlsx":
        from forms import xlsx

        return xlsx.write_table(
            out_path,
            title=f"{title} {subtitle(year)}",
            columns=columns(),
            rows=rows(stats),
            unit_name=unit.name,
            date=today,
            author=unit.name,
            landscape=True,
        )
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, subject=subtitle(year))
    doc.heading(title, unit.name, today, subtitle=subtitle(year))
    _pdf_table(doc, stats)
    if not stats.total:
        doc.spacer(2)
        doc.paragraph(ledger.empty_text(year), "note")
    drawing, texts = chart([stats.month_total(m) for m in range(1, 13)], doc.width_mm * MM, 58 * MM)
    doc.add(KeepTogether([Spacer(1, 4 * MM), drawing]), texts)
    doc.signatures()
    with ledger.binary_streams():
        return doc.save(out_path, options.report_missing)
