"""Importing households linked to committee members (执委联系户名册) from .xlsx, .xls or .csv.

Same rules as the roster import: ``read_households`` previews every row with
its problems (row, column as headed in the file, message) and writes
nothing; ``apply_households`` writes every row in one transaction, and
refuses the whole file when any row is bad. The field rules are those of
``models.duties.households``; the 联系执委 column names a committee member
of the unit, whom the household is linked to from the day of the import.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from models.base import ValidationError, database
from models.i18n import _, join_list
from models.spreadsheets import (
    HEADER_SEARCH_ROWS,
    INDEX_HEADERS,
    PHONE_HEADERS,
    CellProblem,
    ImportFileError,
    ImportRefused,
    PreviewRows,
    SheetRow,
    cell_text,
    found_fields,
    header_words,
    is_number,
    read_columns,
    skip_reason,
)

from .households import HouseholdInput, check_household, listed_household_keys, same_household_keys, save_household
from .members import members

__all__ = [
    "HOUSEHOLD_COLUMNS",
    "CellProblem",
    "HouseholdPreview",
    "HouseholdRow",
    "ImportFileError",
    "ImportRefused",
    "apply_households",
    "read_households",
]

# field → header words seen in households lists (compared normalised). "name" is the head of household:
# the spreadsheet module knows a total line by the name column.
HOUSEHOLD_COLUMNS: dict[str, Iterable[str]] = {
    "index": INDEX_HEADERS,
    "name": ("户主", "Head of household", "户主姓名", "联系户", "联系户户主", "head"),
    "members": ("家庭成员", "Women in the household", "家庭女性成员", "妇女成员", "成员", "family members"),
    "women": ("妇女人数", "Number of women", "女性人数", "妇女数", "women"),
    "group_name": (
        "村民小组/网格",
        "Villagers' group or grid",
        "村民小组",
        "网格",
        "组别",
        "小组",
        "所在组",
        "group",
    ),
    "address": ("住址", "Address", "家庭住址", "地址", "家庭地址"),
    "phone": PHONE_HEADERS,
    "member": ("联系执委", "Committee member", "执委", "联系人", "执委姓名", "联系执委姓名", "member"),
    "notes": ("备注", "Notes", "remarks", "remark", "note"),
}
_WORDS = header_words(HOUSEHOLD_COLUMNS)
# Where a field's problems are shown: the input's field → the column.
_COLUMN_OF = {"head_name": "name"}


@dataclass
class HouseholdRow:
    """One row of the file: its cells as text, the household read from it, the member named, its problems."""

    row: int
    values: dict[str, str]
    household: HouseholdInput | None
    member: str | None = None  # the committee member's uuid
    problems: list[CellProblem] = field(default_factory=list)


@dataclass
class HouseholdPreview(PreviewRows):
    """What a households file would import, before anything is written."""

    rows: list[HouseholdRow]
    input_field = "household"


def is_household_header(cells: list[tuple[str, ...]]) -> bool:
    """A households header names the head of household and at least one other column of the list."""
    found = found_fields(cells, _WORDS)
    return "name" in found and len(found - {"index"}) >= 2


def read_households(path, unit_code: str) -> HouseholdPreview:
    """Read a households file into a preview; writes nothing.

    Raises ImportFileError when the file cannot be read or has no households header.
    """
    path = Path(path)
    table, positions, headers = read_columns(
        path,
        is_household_header,
        HOUSEHOLD_COLUMNS,
        _(
            "{file} has no households header in its first {n} rows (expected columns such as 户主, 妇女人数, 联系执委)."
        ).format(file=path, n=HEADER_SEARCH_ROWS),
    )
    preview = HouseholdPreview(path, [], [], columns=headers)
    committee: dict[str, list[str]] = {}
    for person in members(unit_code):
        committee.setdefault(person.name, []).append(person.uuid)
    preview.sort_rows(
        table,
        lambda sheet_row: skip_reason(sheet_row, positions),
        lambda sheet_row: _read_row(sheet_row, positions, headers, committee),
    )
    _check_duplicates(preview, unit_code)
    preview.drop_bad_inputs()
    return preview


def _women(value) -> tuple[int | None, str | None]:
    text = cell_text(value)
    if not text:
        return 0, None
    if is_number(value) and float(value) == int(float(value)):
        return int(float(value)), None
    text = text.removesuffix("人").strip()
    if text.isdigit():
        return int(text), None
    return None, _("Write the number of women as a whole number, not “{value}”.").format(value=text)


def _read_row(
    sheet_row: SheetRow, positions: dict[str, int], headers: dict[str, str], committee: dict[str, list[str]]
) -> HouseholdRow:
    raw = {f: sheet_row.get(i) for f, i in positions.items()}
    values = {f: cell_text(v) for f, v in raw.items()}
    problems: list[CellProblem] = []

    def problem(name: str, message: str) -> None:
        problems.append(CellProblem(sheet_row.row, headers.get(name, ""), message))

    data = HouseholdInput(
        head_name=values.get("name", ""),
        members=values.get("members", ""),
        group_name=values.get("group_name", ""),
        address=values.get("address", ""),
        phone=values.get("phone", ""),
        notes=values.get("notes", ""),
    )
    women, women_problem = _women(raw.get("women"))
    if women_problem:
        problem("women", women_problem)
    data.women = women if women is not None else 0
    member = None
    name = values.get("member", "").strip()
    if name:
        found = committee.get(name, [])
        if not found:
            problem("member", _("{name} is not a member of the executive committee.").format(name=name))
        elif len(found) > 1:
            problem(
                "member", _("Two committee members are called {name}: link the household on screen.").format(name=name)
            )
        else:
            member = found[0]
    clean, errors = check_household(data)
    for error in errors:
        if error.field == "women" and women_problem:
            continue
        problem(_COLUMN_OF.get(error.field, error.field), error.message)
    return HouseholdRow(sheet_row.row, values, clean, member, problems)


def _check_duplicates(preview: HouseholdPreview, unit_code: str) -> None:
    """A household already on the list, or twice in the file, is refused: importing last year's list
    again must not double every household."""
    read = [row for row in preview.rows if row.household is not None and row.household.head_name]
    keys = {
        row.row: same_household_keys(row.household.head_name, row.household.group_name, row.household.phone)
        for row in read
        if row.household is not None
    }
    listed = listed_household_keys(unit_code, (row.household.head_name for row in read if row.household))
    rows_of: dict[tuple[str, str, str], list[int]] = {}
    for number, row_keys in keys.items():
        for key in row_keys:
            rows_of.setdefault(key, []).append(number)
    column = preview.columns.get("name", "")
    for row in read:
        assert row.household is not None
        name = row.household.head_name
        if keys[row.row] & listed:
            row.problems.append(
                CellProblem(
                    row.row,
                    column,
                    _("{name}'s household is already on the list; edit it there instead of importing it again.").format(
                        name=name
                    ),
                )
            )
        others = sorted({n for key in keys[row.row] for n in rows_of[key] if n != row.row})
        if others:
            row.problems.append(
                CellProblem(
                    row.row, column, _("The same household is also on row {rows}.").format(rows=join_list(others))
                )
            )


def apply_households(
    preview: HouseholdPreview,
    unit_code: str,
    today: _dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write every row as a new household of ``unit_code``, linked to its member from today; one transaction.

    With any bad row, raises ImportRefused and writes nothing. ``progress`` is
    called after each row; raising from it cancels and writes nothing.
    """
    if preview.bad_rows:
        raise ImportRefused(preview)
    rows = preview.good_rows
    with database.atomic():
        for done, row in enumerate(rows, start=1):
            try:
                save_household(row.household, unit_code, member=row.member, today=today)
            except ValidationError as exc:  # a member removed since the preview
                row.problems.extend(
                    CellProblem(row.row, preview.columns.get(_COLUMN_OF.get(e.field, e.field), ""), e.message)
                    for e in exc.errors
                )
            if progress is not None:
                progress(done, len(rows))
        if preview.bad_rows:
            raise ImportRefused(preview)  # leaves the transaction: nothing written
    return len(rows)
