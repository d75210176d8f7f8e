"""报送汇总表: summaries of what the units below reported, one row per unit, a total row and shares.

Four tables from the imported data (``models.submissions``): elections and
committee composition (the 换届情况汇总表, the same columns as
``forms.composition``), activities per unit and category in the period,
training coverage of chairs and committee members in the period's year, and
the committee at work in the period (``models.cockpit.committee_below``: the
cockpit's figures, less the members without a contact this month, which
belongs to the day and not to a period).
The PDF prints them one after another on A4 landscape with the signature
and seal block at the end (the form that is signed and sent on); the Excel
twin has a sheet per table, counts as numbers and shares as percentages.

``grid`` and ``report_sheet`` are shared with ``forms.progress``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from forms import composition, fonts
from models import cockpit, submissions, units
from models.homes import CATEGORY
from models.i18n import N_, _, format_date, format_percent

from .election_common import unit_of
from .layout import (
    CENTER,
    LANDSCAPE,
    LEFT,
    MM,
    TABLE_SIZE,
    TEXT_SIZE,
    Column,
    FormDocument,
    FormError,
    FormResult,
    _Row,
    column_widths,
    kept_with_row_above,
    section_title,
    with_subtotals,
)
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Reporting summary")
PERCENT = "0.0%"
_SIZE = TABLE_SIZE - 0.5


# --- shared by the submission forms ---------------------------------------------------------------


def chosen_period(options: FormOptions, today: _dt.date) -> submissions.Period:
    """The period of ``--id`` (a stored period's name), else of ``--year``, else this year's."""
    try:
        return submissions.period_for(options.year, options.record_id, today)
    except LookupError as exc:
        raise FormError(str(exc)) from exc


def units_below(unit_code: str) -> list[units.Unit]:
    """The units expected to report, or a FormError saying there are none yet."""
    unit = unit_of(unit_code)
    expected = submissions.expected_units(unit.code)
    if not expected:
        raise FormError(
            _(
                "No village or community below {unit} is known yet: import the list of units below "
                "or their packages first."
            ).format(unit=unit.name)
        )
    return expected


def unit_and_period(options: FormOptions) -> tuple[units.Unit, _dt.date, submissions.Period]:
    """The unit, the day and the period a submission form is made for; FormError when no unit below is known."""
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    period = chosen_period(options, today)
    units_below(unit.code)
    return unit, today, period


def period_subtitle(period: submissions.Period) -> str:
    """报送期：2024（2024年1月1日至12月31日，截止日期…）: the period's name is a value after the label."""
    return _("Reporting period: {name} ({start} to {end}, deadline {deadline})").format(
        name=period.name,
        start=format_date(period.start),
        end=format_date(period.end),
        deadline=format_date(period.deadline),
    )


def records_scope(start: _dt.date | None, end: _dt.date | None) -> str:
    """Which records a package carries, as its cover sheet and its receipt say it."""
    if start or end:
        return _("records dated {start} to {end}").format(start=format_date(start), end=format_date(end))
    return _("all records")


def percent(value: float | None) -> str:
    return "" if value is None else format_percent(value)


def section(doc: FormDocument, text: str) -> None:
    """A bold heading that starts a page unless its table's header and first rows fit below it."""
    doc.need_room(45)
    doc.add(doc.styles.paragraph(text, doc.styles.cell(LEFT, True, TEXT_SIZE)), [text])
    doc.spacer(1.5)


def grid(
    doc: FormDocument,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    total_rows: int = 1,
    empty_text: str | None = None,
    width_mm: float | None = None,
    bold_rows: Sequence[int] = (),
) -> None:
    """A gridded table whose last ``total_rows`` rows (the 合计 and share rows) are bold under a heavier rule.

    ``bold_rows`` (indices into ``rows``) are bold too: a township's subtotal.

    ``width_mm`` narrows a small table (the page's width by default).
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Table, TableStyle

    styles = doc.styles
    widths = [w * MM for w in column_widths(columns, width_mm or doc.width_mm)]
    data = [[styles.header(c.header, width, _SIZE) for c, width in zip(columns, widths, strict=True)]]
    texts = [c.header for c in columns]
    for row in rows:
        cells = []
        for value, column, width in zip(row, columns, widths):
            text = "" if value is None else str(value)
            texts.append(text)
            # What fits on one line is a plain string; longer text (names, reasons, times) wraps as a paragraph.
            fits = fonts.plain(text) and stringWidth(text, fonts.MAIN, _SIZE) <= width - 4
            cells.append(text if not text or fits else styles.paragraph(text, styles.cell(column.align, False, _SIZE)))
        data.append(cells)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
        ("FONTSIZE", (0, 1), (-1, -1), _SIZE),
        *(("ALIGN", (i, 1), (i, -1), c.align.upper()) for i, c in enumerate(columns)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("BOX", (0, 0), (-1, -1), 1, "black"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [("FONTNAME", (0, i + 1), (-1, i + 1), fonts.BOLD) for i in bold_rows]
    # A subtotal, and the 合计 and share rows, stay on the page of the rows they sum.
    commands += kept_with_row_above([*bold_rows, *range(len(rows) - total_rows, len(rows))] if rows else bold_rows)
    if not rows and empty_text:
        data.append([styles.paragraph(empty_text, styles.cell(CENTER, False, _SIZE))] + [""] * (len(columns) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
        texts.append(empty_text)
    elif total_rows and len(rows) >= total_rows:
        first = -total_rows
        commands += [
            ("FONTNAME", (0, first), (-1, -1), fonts.BOLD),
            ("LINEABOVE", (0, first), (-1, first), 1, "black"),
            ("BACKGROUND", (0, first), (-1, -1), "#f0f0f0"),
        ]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT" if width_mm else "CENTER")
    table.setStyle(TableStyle(commands))
    doc.add(table, texts)


def report_sheet(
    name: str,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    number_formats: dict[int, str] | None = None,
    *,
    total_rows: int = 1,
    **more,
) -> Sheet:
    """A sheet of a submission form: total rows bold and shaded as in the PDF, No. and Unit kept in view."""
    return Sheet(
        name,
        title,
        columns,
        list(rows),
        number_formats=number_formats or {},
        total_rows=total_rows,
        wrap_title=False,
        shade_totals=True,
        freeze_columns=2,
        **more,
    )


# --- the three tables ----------------------------------------------------------------------------


def _total_label(count: int) -> str:
    return _("Total ({n} units)").format(n=count)


def activity_columns() -> list[Column]:
    return (
        [Column(_("No."), mm=8), Column(_("Unit"), weight=1, align=LEFT)]
        + [Column(CATEGORY.label(code), mm=16) for code in CATEGORY.codes()]
        + [
            Column(_("Total"), mm=13),
            Column(_("Women taking part"), mm=13),
            Column(_("Share of all activities"), mm=15),
        ]
    )


def _activity_subtotal(label: str, rows: list[submissions.ActivityRow]) -> submissions.ActivityRow:
    found = submissions.ActivityRow("", label)
    for row in rows:
        for code, count in row.by_category.items():
            found.by_category[code] += count
        found.women += row.women
    return found


def _coverage_subtotal(label: str, rows: list[submissions.CoverageRow]) -> submissions.CoverageRow:
    found = submissions.CoverageRow("", label)
    for row in rows:
        for name in ("chairs", "chairs_trained", "executives", "executives_trained"):
            setattr(found, name, getattr(found, name) + getattr(row, name))
    return found


def numbered(unit_code: str, rows: Sequence[_Row], subtotal) -> list[tuple[int | str, _Row]]:
    """(number, row) in print order: units numbered 1, 2, …; at a county a township's subtotal (no number)
    after its villages."""
    found: list[tuple[int | str, _Row]] = []
    number = 0
    for row, is_subtotal in with_subtotals(unit_code, rows, attrgetter("unit_code"), subtotal):
        if not is_subtotal:
            number += 1
        found.append(("" if is_subtotal else number, row))
    return found


def subtotal_rows(body: Sequence[Sequence[object]], total_rows: int = 1) -> list[int]:
    """Indices of the subtotal rows of a table body: no number, and not the total rows at the end."""
    return [i for i, row in enumerate(body[: len(body) - total_rows]) if row[0] == ""]


def activity_rows(summary: submissions.ActivitySummary) -> list[list[object]]:
    """A row per unit, the total row and the row of each category's share; counts as numbers, shares as fractions."""
    body: list[list[object]] = []
    for number, row in numbered(summary.total.unit_code, summary.rows, _activity_subtotal):
        body.append(
            [number, row.unit_name]
            + [row.by_category[c] for c in CATEGORY.codes()]
            + [row.total, row.women, summary.share_of_total(row)]
        )
    total = summary.total
    body.append(
        ["", _total_label(len(summary.rows))]
        + [total.by_category[c] for c in CATEGORY.codes()]
        + [total.total, total.women, submissions.share(total.total, total.total)]
    )
    shares: list[object] = ["", _("Share of all activities")]
    shares += [summary.category_share(c) for c in CATEGORY.codes()]
    shares += [submissions.share(total.total, total.total), None, None]
    body.append(shares)
    return body


def coverage_columns() -> list[Column]:
    return [
        Column(_("No."), mm=8),
        Column(_("Unit"), weight=1, align=LEFT),
        Column(_("Chairs"), mm=26),
        Column(_("Chairs trained"), mm=26),
        Column(_("Share of chairs trained"), mm=30),
        Column(_("Committee members"), mm=26),
        Column(_("Committee members trained"), mm=30),
        Column(_("Share of committee members trained"), mm=34),
    ]


def coverage_rows(summary: submissions.CoverageSummary) -> list[list[object]]:
    body: list[list[object]] = []
    rows: list[tuple[int | str, str, submissions.CoverageRow]] = [
        (number, row.unit_name, row)
        for number, row in numbered(summary.total.unit_code, summary.rows, _coverage_subtotal)
    ]
    rows.append(("", _total_label(len(summary.rows)), summary.total))
    for number, name, row in rows:
        body.append(
            [
                number,
                name,
                row.chairs,
                row.chairs_trained,
                row.chairs_share,
                row.executives,
                row.executives_trained,
                row.executives_share,
            ]
        )
    return body


def committee_columns() -> list[Column]:
    return [
        Column(_("No."), mm=8),
        Column(_("Unit"), weight=1, align=LEFT),
        Column(_("Committee members"), mm=26),
        Column(_("Contacts with women"), mm=30),
        Column(_("Needs found"), mm=26),
        Column(_("Needs answered"), mm=26),
        Column(_("Share of needs answered"), mm=30),
        Column(_("Number of nominations"), mm=26),
    ]


def _committee_subtotal(label: str, rows: list[cockpit.CommitteeLine]) -> cockpit.CommitteeLine:
    found = cockpit.CommitteeLine("", label)
    for row in rows:
        found.add(row)
    return found


def committee_rows(work: cockpit.CommitteeWork) -> list[list[object]]:
    body: list[list[object]] = []
    rows: list[tuple[int | str, str, cockpit.CommitteeLine]] = [
        (number, row.unit_name, row) for number, row in numbered(work.total.unit_code, work.rows, _committee_subtotal)
    ]
    rows.append(("", _total_label(len(work.rows)), work.total))
    for number, name, row in rows:
        answered = submissions.share(row.needs_answered, row.needs)
        body.append([number, name, row.members, row.contacts, row.needs, row.needs_answered, answered, row.nominations])
    return body


ACTIVITY_SHARES = {14}  # the share column; the last row is all shares
COVERAGE_SHARES = {4, 7}
COMMITTEE_SHARES = {6}


def _shown(rows: list[list[object]], share_columns: set[int], share_rows: int = 0) -> list[list[object]]:
    """Rows as the PDF prints them: shares as percentages."""
    out = []
    for r, row in enumerate(rows):
        all_shares = share_rows and r >= len(rows) - share_rows
        out.append(
            [
                percent(v) if (i in share_columns or (all_shares and i >= 2)) and isinstance(v, int | float) else v
                for i, v in enumerate(row)
            ]
        )
    return out


def election_done_line(summary: submissions.ElectionSummary) -> str:
    return _("Elections done: {done} of {units} units ({share}).").format(
        done=summary.total.done, units=summary.total.units, share=percent(summary.done_share) or "–"
    )


def election_table(summary: submissions.ElectionSummary) -> composition.StatsTable:
    """The elections table as the composition form prints it, a county's townships with their subtotals."""
    subtotals = composition.subtotals_for(summary.total.unit_code, summary.rows)
    return composition.StatsTable(summary.year, summary.rows, summary.total, subtotals)


def _election_excel(summary: submissions.ElectionSummary) -> Sheet:
    columns = [Column(_(c.flat), c.mm, c.weight, c.align) for c in composition.COLUMNS]
    table = election_table(summary)
    found = [composition.values(number, row, total) for number, row, total in table.body()]
    rows = [[f[c.key] for c in composition.COLUMNS] for f in found]
    rows[-1][1] = _total_label(len(summary.rows))
    formats = {i: c.excel_format for i, c in enumerate(composition.COLUMNS) if c.excel_format}
    return report_sheet(
        _("Elections"),
        _("Elections and committee composition ({year})").format(year=summary.year),
        columns,
        rows,
        formats,
        below=[
            (_("Elections done"), summary.total.done, None),
            (_("Share of units with the election done"), summary.done_share, PERCENT),
        ],
    )


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The four summary tables: PDF (signed and sent on) or a workbook with a sheet each."""
    out_path = Path(out_path)
    unit, today, period = unit_and_period(options)
    elections = submissions.election_summary(unit.code, period.year, today)
    activities = submissions.activity_summary(unit.code, period)
    coverage = submissions.coverage_summary(unit.code, period.year)
    title, subtitle = _(TITLE), period_subtitle(period)
    activity_heading = _("Activities per unit and category ({start} to {end})").format(
        start=format_date(period.start), end=format_date(period.end)
    )
    coverage_heading = _("Training coverage ({year})").format(year=period.year)
    work = cockpit.committee_below(unit.code, units_below(unit.code), today, period.start, period.end)
    committee_heading = _("The committee at work ({start} to {end})").format(
        start=format_date(period.start), end=format_date(period.end)
    )
    if out_path.suffix.lower() == ".xlsx":
        body = activity_rows(activities)
        # The categories' columns hold counts, except on the last row: their shares.
        share_row = {i: PERCENT for i in range(2, 2 + len(CATEGORY.codes()) + 1)}
        sheets = [
            _election_excel(elections),
            report_sheet(
                _("Activities"),
                activity_heading,
                activity_columns(),
                body,
                {i: PERCENT for i in ACTIVITY_SHARES},
                total_rows=2,
                row_formats={len(body) - 1: share_row},
            ),
            report_sheet(
                _("Training"),
                coverage_heading,
                coverage_columns(),
                coverage_rows(coverage),
                {i: PERCENT for i in COVERAGE_SHARES},
            ),
            report_sheet(
                _("Committee at work"),
                committee_heading,
                committee_columns(),
                committee_rows(work),
                {i: PERCENT for i in COMMITTEE_SHARES},
            ),
        ]
        return write_sheets(out_path, sheets, unit_name=unit.name, date=today, author=unit.name, subtitle=subtitle)

    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, subject=subtitle)
    doc.heading(title, unit.name, today, subtitle=subtitle)
    section(doc, section_title(1, _("Elections and committee composition ({year})").format(year=elections.year)))
    composition._pdf_table(doc, election_table(elections))
    doc.spacer(1)
    doc.paragraph(election_done_line(elections), "note")
    doc.spacer(4)
    section(doc, section_title(2, activity_heading))
    body = activity_rows(activities)
    shown = _shown(body, ACTIVITY_SHARES, share_rows=1)
    grid(doc, activity_columns(), shown, total_rows=2, bold_rows=subtotal_rows(body, 2))
    doc.spacer(1)
    doc.paragraph(
        _("Units with activities: {n} of {units}.").format(n=activities.units_active, units=len(activities.rows)),
        "note",
    )
    doc.spacer(4)
    section(doc, section_title(3, coverage_heading))
    body = coverage_rows(coverage)
    grid(doc, coverage_columns(), _shown(body, COVERAGE_SHARES), bold_rows=subtotal_rows(body))
    doc.spacer(4)
    section(doc, section_title(4, committee_heading))
    body = committee_rows(work)
    grid(doc, committee_columns(), _shown(body, COMMITTEE_SHARES), bold_rows=subtotal_rows(body))
    doc.spacer(2)
    for note in composition.notes() + [
        _(
            "Shares are worked out from the totals, not averaged. Training counts the chairs and committee "
            "members who attended at least one session of a training that started in the year."
        ),
        _(
            "The committee at work counts the contacts made and the needs found in the period, the needs "
            "among them answered, and the nominations of the period's year."
        ),
    ]:
        doc.paragraph(note, "note")
    doc.signatures()
    return doc.save(out_path, options.report_missing)
