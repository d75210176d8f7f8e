"""Excel twins of the table forms: the same title, header and rows, ready to print.

County staff take the spreadsheets further (sort, total, paste into their
own reports), so values keep their types: numbers stay numbers, and text
that looks like a number (phone and ID numbers) is stored and formatted as
text so Excel never turns it into 1.38E+10. openpyxl costs about 0.1 s to
import, so it is loaded only here, when a spreadsheet is written.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.i18n import _, format_date

from .layout import (
    CENTER,
    LEFT,
    MARGIN_MM,
    RIGHT,
    Column,
    FormResult,
    check_folder,
    column_widths,
    labelled,
    printable,
    report_progress,
    reporting_unit,
    write_whole,
)

# Excel's column width unit is the width of "0" in the default font, about
# 1.9 mm; a Chinese character takes about two units.
_MM_PER_UNIT = 1.9
# Excel holds at most 32,767 characters in a cell; the mark saying a text was cut needs room too.
MAX_CELL_CHARS = 32_000

# How a cell holding a date or a time shows it unless its column says otherwise:
# stored as Excel dates and times, so they sort, filter and subtract.
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"


def temporal_format(value: object) -> str | None:
    """The number format a date, a date with time, or a time of day is written with; None for other values."""
    if isinstance(value, _dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, _dt.date):
        return DATE_FORMAT
    if isinstance(value, _dt.time):
        return TIME_FORMAT
    return None


def parse_clock(text: str) -> _dt.time | None:
    """ "14:05" as a time of day, None when it is blank or not one."""
    try:
        return _dt.time.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


_ROWS_PER_REPORT = 100  # progress is told every this many rows


@dataclass
class Sheet:
    """One table of a workbook of several: the sheet's name, its title line, columns and rows."""

    name: str
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]]
    empty_text: str | None = None
    number_formats: dict[int, str] = field(default_factory=dict)
    total_rows: int = 0  # the last rows are total lines, in bold
    notes: list[str] = field(default_factory=list)  # lines under the table
    wrap_title: bool = True  # a long title wraps within the merged title cell
    shade_totals: bool = False  # the total lines are also shaded grey, as in the reporting forms' PDF
    row_formats: dict[int, dict[int, str]] = field(default_factory=dict)  # row index → formats overriding the column's
    below: Sequence[tuple[str, object, str | None]] = ()  # (label, value, number format) lines under the table
    freeze_columns: int = 0  # columns kept in view when scrolling sideways


def write_sheets(
    path: Path | str,
    sheets: Sequence[Sheet],
    *,
    unit_name: str | None,
    date: _dt.date | None,
    author: str = "",
    landscape: bool = True,
    subtitle: str = "",
    confidential: bool = False,
) -> FormResult:
    """A workbook with one sheet per table, replacing ``path`` only when complete.

    Numbers stay numbers and phone-like text stays text, so county staff can
    sort and total; each sheet prints on A4 with its header repeated. A
    ``subtitle`` (the reporting period) stands between the unit and the date
    on one line under the title.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    path = Path(path)
    check_folder(path)
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = sheets[0].title if sheets else ""
    workbook.properties.creator = author or _("Fulian Ledger")
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    shade = PatternFill("solid", fgColor="F0F0F0")
    horizontal = {LEFT: "left", CENTER: "center", RIGHT: "right"}
    used: set[str] = set()
    rows_in_all, rows_done = sum(len(spec.rows) for spec in sheets), 0
    report_progress(0, rows_in_all)
    for spec in sheets:
        name = re.sub(r"[\[\]:*?/\\]", " ", spec.name)[:31] or "Sheet"
        while name in used:
            name = name[:28] + f"({len(used)})"
        used.add(name)
        sheet = workbook.create_sheet(name)
        count = len(spec.columns)
        last = get_column_letter(count)
        sheet.merge_cells(f"A1:{last}1")
        sheet["A1"] = spec.title
        sheet["A1"].font = Font(bold=True, size=16)
        sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=spec.wrap_title)
        sheet.row_dimensions[1].height = 30
        header_row = 2
        if subtitle:
            sheet.merge_cells(f"A2:{last}2")
            sheet["A2"] = "    ".join(
                t
                for t in (
                    reporting_unit(unit_name) if unit_name is not None else "",
                    subtitle,
                    labelled(_("Date filled in"), format_date(date)) if date is not None else "",
                )
                if t
            )
            header_row = 3
        elif unit_name is not None or date is not None:
            middle = max(1, count // 2)
            sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=middle)
            if middle < count:
                sheet.merge_cells(start_row=2, start_column=middle + 1, end_row=2, end_column=count)
            if unit_name is not None:
                sheet.cell(2, 1, reporting_unit(unit_name)).alignment = Alignment(horizontal="left")
            if date is not None:
                cell = sheet.cell(2, min(count, middle + 1), labelled(_("Date filled in"), format_date(date)))
                cell.alignment = Alignment(horizontal="right")
            header_row = 3
        for index, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(header_row, index, column.header)
            cell.font = Font(bold=True)
            cell.border = border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        widths = column_widths(spec.columns, (297 if landscape else 210) - 2 * MARGIN_MM)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = round(width / _MM_PER_UNIT + 1, 1)
        alignments = [
            Alignment(horizontal=horizontal[c.align], vertical="center", wrap_text=True) for c in spec.columns
        ]
        row_number = header_row
        for position, row in enumerate(spec.rows, start=1):
            row_number += 1
            rows_done += 1
            if rows_done % _ROWS_PER_REPORT == 0:
                report_progress(rows_done, rows_in_all)
            total = spec.total_rows and position > len(spec.rows) - spec.total_rows
            formats = spec.number_formats | spec.row_formats.get(position - 1, {})
            for index, (value, alignment) in enumerate(zip(row, alignments), start=1):
                if isinstance(value, str):
                    value = printable(value, MAX_CELL_CHARS)
                cell = sheet.cell(row_number, index, None if value in (None, "") else value)
                cell.border = border
                cell.alignment = alignment
                if total:
                    cell.font = Font(bold=True)
                    if spec.shade_totals:
                        cell.fill = shade
                if isinstance(value, str):
                    cell.number_format = "@"
                elif index - 1 in formats and value is not None:
                    cell.number_format = formats[index - 1]
                elif (temporal := temporal_format(value)) is not None:
                    cell.number_format = temporal
        if row_number == header_row and spec.empty_text:
            row_number += 1
            sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=count)
            sheet.cell(row_number, 1, spec.empty_text).alignment = Alignment(horizontal="center")
            for index in range(1, count + 1):
                sheet.cell(row_number, index).border = border
        for note in spec.notes:
            row_number += 1
            sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=count)
            note_cell = sheet.cell(row_number, 1, printable(note, MAX_CELL_CHARS))
            note_cell.alignment = Alignment(horizontal="left", wrap_text=True)
        if spec.below:
            row_number += 1  # a blank line between the table and the figures under it
        for label, value, number_format in spec.below:
            row_number += 1
            sheet.cell(row_number, 2, label).font = Font(bold=True)
            cell = sheet.cell(row_number, 3, value)
            if number_format and value is not None:
                cell.number_format = number_format
        sheet.freeze_panes = sheet.cell(header_row + 1, spec.freeze_columns + 1)
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.page_setup.orientation = "landscape" if landscape else "portrait"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.oddFooter.center.text = _("Page {page} of {pages}").format(page="&P", pages="&N")
        if confidential:
            from .layout import confidential_mark

            sheet.oddHeader.right.text = confidential_mark()
    report_progress(rows_in_all, rows_in_all)
    write_whole(path, workbook.save)
    return FormResult(path, None, [])


def write_table(
    path: Path | str,
    *,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    unit_name: str | None = None,
    date: _dt.date | None = None,
    author: str = "",
    landscape: bool = True,
    empty_text: str | None = None,
    number_formats: dict[int, str] | None = None,
    confidential: bool = False,
) -> FormResult:
    """Write one table form as a single-sheet workbook, replacing ``path`` only when complete.

    ``number_formats`` gives Excel formats by column index (0-based) for its
    numeric values, e.g. "0.0%" for a share stored as a fraction.
    """
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet1"
    sheet = Sheet(
        name, title, columns, list(rows), empty_text=empty_text, number_formats=number_formats or {}, wrap_title=False
    )
    return write_sheets(
        path, [sheet], unit_name=unit_name, date=date, author=author, landscape=landscape, confidential=confidential
    )
