"""Importing a training's list of attendees (参训人员名单) from .xlsx or .csv.

County and township staff receive the names from the villages in a
spreadsheet: 姓名, 村(社区)/单位, 职务, 联系电话, sometimes 性别 and 身份证号
(read past: the attendee list keeps no ID numbers). Same shape as the roster
import: ``read_trainees`` previews every row with its problems and writes
nothing; ``apply_trainees`` adds the good rows through
``models.training.add_trainee`` in one transaction (all or nothing unless
``skip_bad_rows``), then links the typed names to people on record
(``match_typed_trainees``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import fields
from .base import database
from .i18n import _, join_list
from .people import normalize_name, normalize_phone
from .spreadsheets import (
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
    normalize_header,
    other_rows,
    read_columns,
    skip_reason,
    write_rows,
)
from .training import Trainee, TraineeInput, Training, add_trainee, match_typed_trainees

__all__ = [
    "CellProblem",
    "ImportFileError",
    "ImportRefused",
    "TRAINEE_COLUMNS",
    "TraineePreview",
    "TraineeRow",
    "apply_trainees",
    "is_trainee_header",
    "is_trainee_list_header",
    "read_trainees",
]

# field → header words seen in attendee lists (compared normalised: no spaces,
# brackets or punctuation, so 村(社区)/单位 and 村（社区）/单位 are the same).
TRAINEE_COLUMNS: dict[str, Iterable[str]] = {
    "index": INDEX_HEADERS,
    "name": ("姓名", "Name", "名字", "参训人员", "学员姓名", "full name"),
    "unit_name": (
        "村(社区)/单位",
        "Village (community) / unit",
        "单位",
        "村社区",
        "村(社区)",
        "所在村",
        "所在村(社区)",
        "所在单位",
        "工作单位",
        "单位名称",
        "村居",
        "村(居)",
        "所在村居",
        "村名",
        "乡镇村",
        "unit",
        "village",
    ),
    "post": ("职务", "Post", "妇联职务", "职位", "position"),
    "phone": PHONE_HEADERS,
    # Read past: present in some lists, not kept on an attendee.
    "sex": ("性别", "Sex", "gender"),
    "id_number": ("身份证号", "ID number", "身份证号码", "公民身份号码", "身份证", "证件号码"),
    "notes": ("备注", "Notes", "remarks"),
}
# Columns only a personal roster has: a header with any of them is a roster,
# not an attendee list (used when telling files apart by content).
_ROSTER_ONLY = (
    "出生年月",
    "出生日期",
    "民族",
    "文化程度",
    "学历",
    "政治面貌",
    "身份类别",
    "是否兼职",
    "是否进两委",
    "工作单位及职务",
    "birth",
    "ethnicity",
    "education",
    "politicalstatus",
)
_WORDS = header_words(TRAINEE_COLUMNS)
_ROSTER_WORDS = {normalize_header(w) for w in _ROSTER_ONLY}


@dataclass
class TraineeRow:
    """One row of the file: its cells as text, the attendee read from it, its problems."""

    row: int
    values: dict[str, str]
    trainee: TraineeInput | None
    problems: list[CellProblem] = field(default_factory=list)


@dataclass
class TraineePreview(PreviewRows):
    """What an attendee list would add to a training, before anything is written."""

    rows: list[TraineeRow]
    linked: int = 0  # after apply: attendees matched to people on record
    input_field = "trainee"


def _found(cells: list[tuple[str, ...]]) -> set[str]:
    return found_fields(cells, _WORDS)


def is_trainee_header(cells: list[tuple[str, ...]]) -> bool:
    """A header the attendee import can read: the name and at least one of unit, post, phone."""
    found = _found(cells)
    return "name" in found and bool(found & {"unit_name", "post", "phone"})


def is_trainee_list_header(cells: list[tuple[str, ...]]) -> bool:
    """A header that is an attendee list and not a roster: name, a unit column, a post or phone
    column, and none of the personal columns a roster has (出生年月, 民族, 文化程度 …)."""
    found = _found(cells)
    if any(k in _ROSTER_WORDS for keys in cells for k in keys):
        return False
    return {"name", "unit_name"} <= found and bool(found & {"post", "phone"})


# --- reading --------------------------------------------------------------------------


def read_trainees(path, training: Training) -> TraineePreview:
    """Read an attendee list for ``training`` into a preview; writes nothing.

    Raises ImportFileError when the file cannot be read or has no attendee header.
    """
    path = Path(path)
    table, positions, headers = read_columns(
        path,
        is_trainee_header,
        TRAINEE_COLUMNS,
        _(
            "{file} has no list of attendees in its first {n} rows "
            "(expected columns such as 姓名, 村(社区)/单位, 职务, 联系电话)."
        ).format(file=path, n=HEADER_SEARCH_ROWS),
    )
    preview = TraineePreview(path, [], [], columns=headers)
    preview.sort_rows(
        table,
        lambda sheet_row: skip_reason(sheet_row, positions),
        lambda sheet_row: _read_row(sheet_row, positions, headers),
    )
    _check_duplicates(preview, training)
    preview.drop_bad_inputs()
    return preview


def _read_row(sheet_row: SheetRow, positions: dict[str, int], headers: dict[str, str]) -> TraineeRow:
    values = {f: cell_text(sheet_row.get(i)) for f, i in positions.items()}
    problems: list[CellProblem] = []
    name = normalize_name(values.get("name", ""))
    if not name:
        problems.append(CellProblem(sheet_row.row, headers.get("name", ""), _("The name is required.")))
    elif any(char.isdigit() for char in name):
        problems.append(
            CellProblem(
                sheet_row.row,
                headers.get("name", ""),
                _("A name has no digits; is “{value}” a phone number in the name column?").format(
                    value=values.get("name", "")
                ),
            )
        )
    name_said = bool(problems)  # required or digits: said once, not again as a field rule
    phone, error = normalize_phone(values.get("phone", ""))
    if error:
        problems.append(CellProblem(sheet_row.row, headers.get("phone", ""), error))
    data = TraineeInput(name=name, unit_name=values.get("unit_name", ""), post=values.get("post", ""), phone=phone)
    # The same field rules as an attendee added by hand (models.fields): length, control characters.
    checked = ("unit_name", "post") + (() if name_said else ("name",)) + (() if error else ("phone",))
    for problem in fields.check_texts("trainee", data, checked):
        problems.append(CellProblem(sheet_row.row, headers.get(problem.field, ""), problem.message))
    return TraineeRow(sheet_row.row, values, data, problems)


def _key(data: TraineeInput) -> tuple[str, str]:
    """Who a row is, as ``add_trainee`` tells attendees apart: the name within the unit."""
    return data.name, data.unit_name


def _check_duplicates(preview: TraineePreview, training: Training) -> None:
    column = preview.columns.get("name", "")
    keys = {row.row: _key(row.trainee) for row in preview.rows if row.trainee is not None and row.trainee.name}
    others_of = other_rows(keys)
    names = list({key[0] for key in keys.values()})
    listed: set[tuple[str, str]] = set()
    for start in range(0, len(names), 500):
        query = Trainee.live().where((Trainee.training == training) & Trainee.name.in_(names[start : start + 500]))
        listed.update((t.name, t.unit_name) for t in query)
    for row in preview.rows:
        if row.trainee is None or not row.trainee.name:
            continue
        key = keys[row.row]
        earlier = [n for n in others_of[row.row] if n < row.row]
        if earlier:
            row.problems.append(
                CellProblem(
                    row.row,
                    column,
                    _("{name} is already on row {rows} of this file.").format(
                        name=row.trainee.name, rows=join_list(earlier)
                    ),
                )
            )
        if key in listed:
            row.problems.append(
                CellProblem(
                    row.row, column, _("{name} is already on the list of this training.").format(name=row.trainee.name)
                )
            )


# --- writing ---------------------------------------------------------------------------


def apply_trainees(
    preview: TraineePreview,
    training: Training,
    skip_bad_rows: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add the good rows to ``training`` in one transaction; the number added.

    With bad rows and not ``skip_bad_rows``, raises ImportRefused and writes
    nothing. A row that became bad since the preview (the same person added
    by hand meanwhile) joins the preview's problems. Afterwards typed names are
    linked to people on record; ``preview.linked`` says how many. ``progress``
    is called after each row; raising from it cancels and writes nothing.
    """

    def write(row: object) -> None:
        assert isinstance(row, TraineeRow) and row.trainee is not None  # write_rows passes good rows only
        add_trainee(training, row.trainee)

    with database.atomic():  # the rows and the linking together
        written = write_rows(preview, write, skip_bad_rows, progress)
        preview.linked = match_typed_trainees(training) if written else 0
    return written
