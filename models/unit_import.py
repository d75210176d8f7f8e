"""Importing a list of units (12-digit codes and names) from .xlsx or .csv.

A county or township federation imports the units below it so that it
knows who should report. Same shape as the roster import: ``read_unit_list``
previews and writes nothing, ``apply_unit_list`` writes all rows in one
transaction or none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from models import units

from .i18n import _, join_list
from .spreadsheets import (
    HEADER_SEARCH_ROWS,
    CellProblem,
    PreviewRows,
    SheetRow,
    cell_text,
    found_fields,
    header_words,
    other_rows,
    read_columns,
    starts_with_total,
    write_rows,
)

__all__ = ["UNIT_COLUMNS", "UnitListPreview", "UnitRow", "apply_unit_list", "is_unit_list_header", "read_unit_list"]

# field → (Chinese header, English header, other words seen in real lists).
UNIT_COLUMNS: dict[str, Iterable[str]] = {
    "code": (
        "区划代码",
        "Code",
        "统计用区划代码",
        "行政区划代码",
        "单位代码",
        "代码",
        "编码",
        "区划编码",
        "unit code",
        "division code",
    ),
    "name": (
        "名称",
        "Name",
        "单位名称",
        "区划名称",
        "单位",
        "村社区名称",
        "村社区",
        "乡镇街道名称",
        "unit name",
        "unit",
    ),
}
_WORDS = header_words(UNIT_COLUMNS)


@dataclass
class UnitRow:
    """One row of a unit list: its cells as text, the code and name read from it, its problems."""

    row: int
    values: dict[str, str]
    code: str
    name: str
    problems: list[CellProblem] = field(default_factory=list)


@dataclass
class UnitListPreview(PreviewRows):
    """What a unit list would import, before anything is written; the importer's own unit is among the skipped rows."""

    rows: list[UnitRow]


def is_unit_list_header(cells: list[tuple[str, ...]]) -> bool:
    """A unit list header names a code column and a name column."""
    return found_fields(cells, _WORDS) == {"code", "name"}


def read_unit_list(path, owner_code: str) -> UnitListPreview:
    """Read a unit list into a preview for the installation whose unit is ``owner_code``; writes nothing."""
    path = Path(path)
    table, positions, headers = read_columns(
        path,
        is_unit_list_header,
        UNIT_COLUMNS,
        _("{file} has no unit list header in its first {n} rows (expected the columns 区划代码 and 名称).").format(
            file=path, n=HEADER_SEARCH_ROWS
        ),
    )
    preview = UnitListPreview(path, [], [], columns=headers)
    preview.sort_rows(
        table,
        lambda sheet_row: _skip_reason(sheet_row, positions, owner_code),
        lambda sheet_row: _read_row(sheet_row, positions, headers, owner_code),
    )
    _check_duplicates(preview)
    return preview


def _skip_reason(sheet_row: SheetRow, positions: dict[str, int], owner_code: str) -> str | None:
    if sheet_row.is_blank:
        return _("blank row")
    code_text = cell_text(sheet_row.get(positions["code"]))
    for text in (code_text, cell_text(sheet_row.get(positions["name"]))):
        if starts_with_total(text):
            return _("total row")
    if units.normalize_code(code_text) == owner_code:
        # Lists often start with the county itself; it is this installation's own unit.
        return _("this installation's own unit")
    return None


def _read_row(sheet_row: SheetRow, positions: dict[str, int], headers: dict[str, str], owner_code: str) -> UnitRow:
    values = {f: cell_text(sheet_row.get(i)) for f, i in positions.items()}
    code, name = units.normalize_code(values["code"]), values["name"].strip()
    row = UnitRow(sheet_row.row, values, code, name)
    for error in units.validate_unit(code, name):
        row.problems.append(CellProblem(row.row, headers.get(error.field, ""), error.message))
    if units.code_error(code) is None and not units.is_below(code, owner_code):
        row.problems.append(
            CellProblem(
                row.row,
                headers["code"],
                _("The unit {code} is not below this installation's unit {owner}.").format(code=code, owner=owner_code),
            )
        )
    return row


def _check_duplicates(preview: UnitListPreview) -> None:
    others_of = other_rows({row.row: row.code for row in preview.rows if units.code_error(row.code) is None})
    for row in preview.rows:
        others = others_of.get(row.row)
        if others:
            row.problems.append(
                CellProblem(
                    row.row,
                    preview.columns["code"],
                    _("The same code is also on row {rows}.").format(rows=join_list(others)),
                )
            )


def apply_unit_list(
    preview: UnitListPreview,
    owner_code: str,
    skip_bad_rows: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Create or rename the listed units in one transaction; the number written.

    With bad rows and not ``skip_bad_rows``, raises ImportRefused and writes
    nothing. ``progress`` is called after each row; raising from it cancels
    and writes nothing.
    """

    def write(row: object) -> None:
        assert isinstance(row, UnitRow)  # the preview's rows are UnitRows; write_rows types them as objects
        units.upsert_unit(row.code, row.name, owner=owner_code)

    return write_rows(preview, write, skip_bad_rows, progress)
