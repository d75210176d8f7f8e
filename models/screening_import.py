"""Importing the women of a "两癌" screening round from .xlsx, .xls or .csv.

As the roster import: ``read_screening`` previews every row with its
problems (row, column as headed in the file, message) and writes nothing;
``apply_screening`` writes every row in one transaction and refuses the whole
file when any row is bad. The field rules are those of ``models.screening``
(a woman of 35 to 64 at the round's reference day, not twice in the round).

A 身份证号 column is read only for the birth month it holds: the number
itself is never stored, and the preview keeps it masked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from models.base import ValidationError, database
from models.i18n import _
from models.people import mask_id_number, normalize_id_number, parse_id_number, parse_year_month
from models.roster_import import ROSTER_COLUMNS, id_cell_text
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
    other_rows,
    read_columns,
    skip_reason,
)

from .screening import ScreeningRound, ScreeningWoman, WomanInput, already_listed, check_woman, save_woman

__all__ = [
    "SCREENING_COLUMNS",
    "CellProblem",
    "ImportFileError",
    "ImportRefused",
    "ScreeningPreview",
    "ScreeningRow",
    "apply_screening",
    "read_screening",
]

SCREENING_COLUMNS: dict[str, Iterable[str]] = {
    "index": INDEX_HEADERS,
    "name": ROSTER_COLUMNS["name"],
    "birth_month": ROSTER_COLUMNS["birth"],
    "id_number": ROSTER_COLUMNS["id_number"],
    "group_name": ("村民小组", "Villagers' group or grid", "村民小组/网格", "网格", "组别", "小组", "所在组", "group"),
    "registered_here": ("户籍", "Registered here", "户籍所在地", "是否本村户籍", "户口", "户籍地", "本村户籍"),
    "low_income": ("低保", "Low income", "是否低保", "低保户", "是否低保户", "低保对象"),
    "phone": PHONE_HEADERS,
    "notes": ("备注", "Notes", "remarks", "remark", "note"),
}
_WORDS = header_words(SCREENING_COLUMNS)
YES = ("是", "有", "本村", "本地", "本社区", "√", "✓", "y", "yes", "1", "true")
NO = ("否", "无", "不是", "外村", "外地", "非本村", "×", "n", "no", "0", "false")


@dataclass
class ScreeningRow:
    """One row of the file: its cells as text (an ID number masked), the woman read from it, its problems."""

    row: int
    values: dict[str, str]
    woman: WomanInput | None
    problems: list[CellProblem] = field(default_factory=list)


@dataclass
class ScreeningPreview(PreviewRows):
    """What a list of women would import into a round, before anything is written."""

    rows: list[ScreeningRow]
    input_field = "woman"


def is_screening_header(cells: list[tuple[str, ...]]) -> bool:
    """A women's list names 姓名 and its 出生年月 or 身份证号."""
    found = found_fields(cells, _WORDS)
    return "name" in found and bool(found & {"birth_month", "id_number"})


def _yes_no(text: str, default: bool) -> tuple[bool, bool]:
    """(value, understood) of a 是/否 cell; an empty cell is the default."""
    key = text.strip().lower()
    if not key:
        return default, True
    if key in YES or any(key.startswith(word) for word in ("是", "本村")):
        return True, True
    if key in NO or key.startswith(("否", "外", "非", "不")):
        return False, True
    return default, False


def read_screening(path, screening_round: ScreeningRound) -> ScreeningPreview:
    """Read a list of women into a preview for ``screening_round``; writes nothing.

    Raises ImportFileError when the file cannot be read or has no header of a women's list.
    """
    path = Path(path)
    table, positions, headers = read_columns(
        path,
        is_screening_header,
        SCREENING_COLUMNS,
        _(
            "{file} has no list of women in its first {n} rows (expected columns such as 姓名, 出生年月 or "
            "身份证号, 村民小组, 户籍, 低保, 联系电话)."
        ).format(file=path, n=HEADER_SEARCH_ROWS),
    )
    preview = ScreeningPreview(path, [], [], columns=headers)
    preview.sort_rows(
        table,
        lambda sheet_row: skip_reason(sheet_row, positions),
        lambda sheet_row: _read_row(sheet_row, positions, headers, screening_round),
    )
    _mark_repeats(preview, screening_round)
    preview.drop_bad_inputs()
    return preview


def _read_row(
    sheet_row: SheetRow, positions: dict[str, int], headers: dict[str, str], screening_round: ScreeningRound
) -> ScreeningRow:
    raw = {f: sheet_row.get(i) for f, i in positions.items()}
    values = {f: cell_text(v) for f, v in raw.items()}
    problems: list[CellProblem] = []

    def problem(name: str, message: str) -> None:
        problems.append(CellProblem(sheet_row.row, headers.get(name, ""), message))

    data = WomanInput(
        name=values.get("name", ""),
        birth_month=values.get("birth_month") or None,
        group_name=values.get("group_name", ""),
        phone=values.get("phone", ""),
        notes=values.get("notes", ""),
    )
    if raw.get("birth_month") is not None and not isinstance(raw.get("birth_month"), str):
        data.birth_month = raw.get("birth_month")  # a date cell: parse_year_month reads it
    number = normalize_id_number(id_cell_text(raw.get("id_number")))
    values["id_number"] = mask_id_number(number)
    id_bad = False
    if number:
        info, why = parse_id_number(number)
        if info is None:
            problem("id_number", why or "")
            id_bad = True
        else:
            from_id = f"{info.birth_date.year:04d}-{info.birth_date.month:02d}"
            if info.sex != "F":
                problem("id_number", _("The ID number is a man's; the screening is for women."))
            if data.birth_month is None:
                data.birth_month = from_id
            else:
                typed, _why = parse_year_month(data.birth_month)
                if typed is not None and typed != from_id:
                    problem(
                        "birth_month",
                        _("The birth month does not match the ID number ({value}).").format(
                            value=from_id.replace("-", ".")
                        ),
                    )
    for name, default in (("registered_here", True), ("low_income", False)):
        value, understood = _yes_no(values.get(name, ""), default)
        setattr(data, name, value)
        if not understood:
            problem(name, _("Write 是 or 否, not “{value}”.").format(value=values.get(name, "")))
    clean, errors = check_woman(data, screening_round)
    for error in errors:
        if error.field == "birth_month" and "birth_month" not in headers:
            if not id_bad:  # the birth month came from the ID number: its column is told
                problem("id_number", error.message)
            continue
        problem(error.field, error.message)
    return ScreeningRow(sheet_row.row, values, clean, problems)


def _mark_repeats(preview: ScreeningPreview, screening_round: ScreeningRound) -> None:
    """A woman twice in the file, or already in the round, is a problem of her row."""
    keys = {
        row.row: (row.woman.name, row.woman.birth_month)
        for row in preview.rows
        if row.woman is not None and not row.problems
    }
    listed = set(
        ScreeningWoman.select(ScreeningWoman.name, ScreeningWoman.birth_month)
        .where((ScreeningWoman.screening_round == screening_round.uuid) & (ScreeningWoman.deleted == False))
        .tuples()
    )
    others = other_rows(keys)
    column = preview.columns.get("name", "")
    for row in preview.rows:
        if row.row not in keys:
            continue
        if keys[row.row] in listed:
            row.problems.append(CellProblem(row.row, column, already_listed()))
        elif others[row.row]:
            rows = "、".join(str(n) for n in others[row.row])
            row.problems.append(
                CellProblem(row.row, column, _("The same woman is also on row {rows}.").format(rows=rows))
            )


def apply_screening(
    preview: ScreeningPreview,
    screening_round: ScreeningRound,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add every row's woman to the round, in one transaction; with any bad row, ImportRefused and nothing written.

    ``progress`` is called after each row; raising from it cancels and writes nothing.
    """
    if preview.bad_rows:
        raise ImportRefused(preview)
    rows = preview.good_rows
    with database.atomic():
        for done, row in enumerate(rows, start=1):
            try:
                save_woman(row.woman, screening_round)
            except ValidationError as exc:  # entered on screen since the preview
                row.problems.extend(
                    CellProblem(row.row, preview.columns.get(e.field, ""), e.message) for e in exc.errors
                )
            if progress is not None:
                progress(done, len(rows))
        if preview.bad_rows:
            raise ImportRefused(preview)  # leaves the transaction: nothing written
    return len(rows)
