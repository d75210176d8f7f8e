"""Importing a roster of people (执委会成员名册) from .xlsx or .csv.

``read_roster`` reads a file into a preview and writes nothing: every row
with its problems (row, column as headed in the file, message), the rows
skipped as blank or totals. ``apply_roster`` writes the good rows in one
transaction, and by default refuses the whole file when any row is bad.
Every field rule is the one in models.people and models.codes; this module
only reads cells into a ``PersonInput``.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models import codes, id_crypto

from .base import database
from .i18n import _, current_language, join_list
from .people import Person, PersonInput, add_people, check_person, parse_id_number, parse_year_month
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
    is_number,
    normalize_header,
    other_rows,
    read_columns,
    skip_reason,
)

__all__ = [
    "CellProblem",
    "ImportFileError",
    "ImportRefused",
    "ROSTER_COLUMNS",
    "RosterPreview",
    "RosterRow",
    "apply_roster",
    "is_roster_header",
    "read_roster",
    "write_template",
]

# field → (Chinese header, English header, other words seen in real rosters).
# Headers are compared normalised (no spaces, line breaks, quotes or
# punctuation, lower case), so 是否进“两委” also matches 是否进"两委" and 是否进两委.
ROSTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "index": INDEX_HEADERS,
    "name": ("姓名", "Name", "名字", "full name"),
    "sex": ("性别", "Sex", "gender"),
    "ethnicity": ("民族", "Ethnicity", "ethnic group", "nationality"),
    "birth": (
        "出生年月",
        "Birth",
        "出生日期",
        "出生年月日",
        "出生时间",
        "date of birth",
        "birth month",
        "birth date",
        "born",
    ),
    "id_number": (
        "身份证号",
        "ID number",
        "身份证号码",
        "公民身份号码",
        "公民身份证号码",
        "身份证",
        "证件号码",
        "id no",
        "id card number",
        "id card no",
    ),
    "education": ("文化程度", "Education", "学历", "文化", "最高学历"),
    "political": ("政治面貌", "Political status", "politics", "party membership"),
    "post": ("职务", "Post", "妇联职务", "position"),
    "part_time": ("是否兼职", "Part-time", "兼职", "专兼职", "part time"),
    "workplace": ("工作单位及职务", "Workplace", "工作单位", "单位及职务", "工作单位及职位", "workplace and post"),
    "identities": ("身份类别", "Identity", "身份", "identities", "identity category", "identity categories"),
    "two_committees": (
        "是否进“两委”",
        "Two committees",
        "是否进两委",
        "进两委",
        "是否两委成员",
        "是否进村两委",
        "in two committees",
        "on two committees",
    ),
    "phone": PHONE_HEADERS,
    "notes": ("备注", "Notes", "remarks", "remark", "note"),
}
# Columns written as text in the template: Excel would turn 18-digit ID
# numbers into floats, drop a landline's leading 0, and read 1978.10 as 1978.1.
TEXT_COLUMNS = ("birth", "id_number", "phone")
TEMPLATE_WIDTHS = {
    "index": 6,
    "name": 10,
    "sex": 6,
    "ethnicity": 8,
    "birth": 10,
    "id_number": 21,
    "education": 10,
    "political": 11,
    "post": 10,
    "part_time": 8,
    "workplace": 22,
    "identities": 24,
    "two_committees": 10,
    "phone": 15,
    "notes": 20,
}
_WORDS = header_words(ROSTER_COLUMNS)
_YES = {"是", "y", "yes", "√", "✓", "✔", "true", "1", "对"}
_NO = {"否", "n", "no", "×", "✗", "✘", "false", "0", "不是", "空", "无"}
_YES_EXTRA = {"part_time": {"兼职"}, "two_committees": {"进"}}
_NO_EXTRA = {"part_time": {"专职"}, "two_committees": {"未进", "不进"}}


@dataclass
class RosterRow:
    """One row of the file: its cells as text for the preview, the person read from it, its problems."""

    row: int
    values: dict[str, str]
    person: PersonInput | None
    problems: list[CellProblem] = field(default_factory=list)


@dataclass
class RosterPreview(PreviewRows):
    """What a roster file would import, before anything is written."""

    rows: list[RosterRow]
    today: _dt.date | None = None
    input_field = "person"


def is_roster_header(cells: list[tuple[str, ...]]) -> bool:
    """A roster header names the name column and at least one other roster column (序号 aside)."""
    found = found_fields(cells, _WORDS)
    return "name" in found and len(found - {"index"}) >= 2


# --- reading --------------------------------------------------------------------------


def read_roster(path, unit_code: str, today: _dt.date | None = None) -> RosterPreview:
    """Read a roster file into a preview; writes nothing.

    Raises ImportFileError when the file cannot be read or has no roster header.
    """
    path = Path(path)
    table, positions, headers = read_columns(
        path,
        is_roster_header,
        ROSTER_COLUMNS,
        _("{file} has no roster header in its first {n} rows (expected columns such as 姓名, 性别, 出生年月).").format(
            file=path, n=HEADER_SEARCH_ROWS
        ),
    )
    preview = RosterPreview(path, [], [], columns=headers, today=today)
    ids: dict[int, str] = {}

    def read(sheet_row: SheetRow) -> RosterRow:
        row, id_number = _read_row(sheet_row, positions, headers, today)
        if id_number:
            ids[row.row] = id_number
        return row

    preview.sort_rows(table, lambda sheet_row: skip_reason(sheet_row, positions), read)
    _check_duplicates(preview, ids, unit_code)
    preview.drop_bad_inputs()
    return preview


def id_cell_text(value) -> str:
    """An ID number cell as text; a number cell comes out in the form that says digits were lost.

    Excel keeps 15 significant digits, so an 18-digit number typed into a
    number cell has lost its last digits; no rule can restore them.
    """
    if is_number(value) and (isinstance(value, float) or value >= 1e15):
        return repr(float(value))
    return cell_text(value)


def _read_row(
    sheet_row: SheetRow, positions: dict[str, int], headers: dict[str, str], today: _dt.date | None
) -> tuple[RosterRow, str]:
    raw = {f: sheet_row.get(i) for f, i in positions.items()}
    values = {f: cell_text(v) for f, v in raw.items()}
    problems: list[CellProblem] = []
    failed: set[str] = set()

    def problem(name: str, message: str) -> None:
        failed.add(name)
        problems.append(CellProblem(sheet_row.row, headers.get(name, ""), message))

    data = PersonInput(name=values.get("name", ""))
    data.id_number = id_cell_text(raw.get("id_number"))

    sex_text = values.get("sex", "")
    if sex_text:
        data.sex = codes.SEX.parse(sex_text)
        if data.sex is None:
            problem("sex", _("Unknown sex “{value}”; write female or male (女 or 男).").format(value=sex_text))
    else:
        # No sex written: the ID number says it; otherwise a federation roster lists women.
        info, _error = parse_id_number(data.id_number, today) if data.id_number else (None, None)
        data.sex = info.sex if info else "F"

    for name, table, message in (
        ("ethnicity", codes.ETHNICITY, _("Unknown ethnicity “{value}”.")),
        ("education", codes.EDUCATION, _("Unknown education level “{value}”.")),
        ("political", codes.POLITICAL, _("Unknown political status “{value}”.")),
    ):
        text = values.get(name, "")
        code = table.parse(text) if text else None
        if text and code is None:
            problem(name, message.format(value=text))
        setattr(data, name, code)

    if values.get("birth"):
        data.birth, error = parse_year_month(raw["birth"])
        if error:
            problem("birth", error)

    part_time_hint = None
    if values.get("post"):
        data.post, part_time_hint = parse_post(values["post"])
        if data.post is None:
            problem("post", _("Unknown post “{value}”.").format(value=values["post"]))

    for name in ("part_time", "two_committees"):
        text = values.get(name, "")
        answer = parse_yes_no(text, name)
        if text and answer is None:
            problem(name, _("Write yes or no (是 or 否) here, not “{value}”.").format(value=text))
        elif answer is not None:
            setattr(data, name, answer)
    if not values.get("part_time") and part_time_hint is not None:
        data.part_time = part_time_hint  # 副主席（兼职）

    if values.get("identities"):
        data.identities, unknown = parse_identities(values["identities"])
        if unknown:
            problem("identities", _("Unknown identity category “{value}”.").format(value=join_list(unknown)))
    if not values.get("two_committees") and "two_committees" in data.identities:
        data.two_committees = True  # a woman member of the two committees sits on them

    data.workplace = values.get("workplace", "")
    data.phone = values.get("phone", "")
    data.notes = values.get("notes", "")

    clean, errors = check_person(data, today)
    for field_error in errors:
        if field_error.field not in failed:
            problems.append(CellProblem(sheet_row.row, headers.get(field_error.field, ""), field_error.message))
    id_ok = clean.id_number and not any(e.field == "id_number" for e in errors)
    row = RosterRow(sheet_row.row, values, clean, problems)
    return row, clean.id_number if id_ok else ""


def parse_yes_no(text: str, name: str = "") -> bool | None:
    """是/否, Y/N, √/× and the like; None for blank or unknown."""
    key = normalize_header(text) or unicodedata.normalize("NFKC", text or "").strip()
    if not key:
        return None
    if key in _YES or key in _YES_EXTRA.get(name, ()):
        return True
    if key in _NO or key in _NO_EXTRA.get(name, ()):
        return False
    return None


def parse_post(text: str) -> tuple[str | None, bool | None]:
    """(post code, part-time hint) from 职务 as written: 副主席（兼职） → vice_chair, part-time."""
    text = unicodedata.normalize("NFKC", text).strip()
    hint = True if "兼职" in text else False if "专职" in text else None
    code = codes.POST.parse(text)
    if code is None:
        m = re.fullmatch(r"(.+?)\s*[(\[](.*)[)\]]", text)
        if m:
            code = codes.POST.parse(m.group(1))
    return code, hint


def parse_identities(text: str) -> tuple[list[str], list[str]]:
    """(codes, unknown words) of a 身份类别 cell with one or several categories.

    The whole cell is tried first because some categories contain a slash
    (女致富带头人/女能手); then each part between 、，,;； or spaces, then
    each part's slash-separated pieces.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    whole = codes.IDENTITY.parse(text)
    if whole:
        return [whole], []
    found: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[、,;\s]+", text):
        if not part:
            continue
        code = codes.IDENTITY.parse(part)
        pieces = [(part, code)] if code else [(p, codes.IDENTITY.parse(p)) for p in part.split("/") if p]
        for piece, piece_code in pieces:
            if piece_code is None:
                unknown.append(piece)
            elif piece_code not in found:
                found.append(piece_code)
    return found, unknown


def _check_duplicates(preview: RosterPreview, ids: dict[int, str], unit_code: str) -> None:
    column = preview.columns.get("id_number", "")
    others_of = other_rows(ids)
    # By lookup key: nothing stored is decrypted to find a duplicate.
    key_of = {number: id_crypto.lookup_key(number) or "" for number in set(ids.values())}
    keys = sorted(set(key_of.values()) - {""})
    existing: dict[str, str] = {}  # lookup key → the name of who has it
    query = Person.select(Person.id_number_key, Person.name).where(Person.deleted == False, Person.unit == unit_code)
    for start in range(0, len(keys), 500):
        found = query.where(Person.id_number_key.in_(keys[start : start + 500]))
        existing.update((person.id_number_key or "", person.name) for person in found)
    for row in preview.rows:
        id_number = ids.get(row.row)
        if not id_number:
            continue
        others = others_of[row.row]
        if others:
            row.problems.append(
                CellProblem(
                    row.row, column, _("The same ID number is also on row {rows}.").format(rows=join_list(others))
                )
            )
        if key_of[id_number] in existing:
            row.problems.append(
                CellProblem(
                    row.row,
                    column,
                    _("{name} already has this ID number.").format(name=existing[key_of[id_number]]),
                )
            )
    _check_same_person_without_id(preview, ids, unit_code)


def _check_same_person_without_id(preview: RosterPreview, ids: dict[int, str], unit_code: str) -> None:
    """Without an ID number, the same name and birth month is taken as the same woman,
    so importing last year's roster again does not double the list."""
    column = preview.columns.get("name", "")
    candidates = [
        (row, row.person) for row in preview.rows if row.person is not None and row.row not in ids and row.person.name
    ]
    if not candidates:
        return
    names = list({person.name for _row, person in candidates})
    existing: dict[str, list[Person]] = defaultdict(list)
    for start in range(0, len(names), 500):
        for person in Person.live().where((Person.unit == unit_code) & Person.name.in_(names[start : start + 500])):
            existing[person.name].append(person)
    for row, person in candidates:
        for other in existing.get(person.name, []):
            if not person.birth or not other.birth or person.birth == other.birth:
                row.problems.append(
                    CellProblem(
                        row.row,
                        column,
                        _("{name} is already in the list; edit her there instead of importing her again.").format(
                            name=person.name
                        ),
                    )
                )
                break


# --- writing ---------------------------------------------------------------------------


def apply_roster(
    preview: RosterPreview,
    unit_code: str,
    skip_bad_rows: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the good rows as new people of ``unit_code`` in one transaction; the number written.

    With bad rows and not ``skip_bad_rows``, raises ImportRefused and writes
    nothing. A row that became bad since the preview (someone saved the
    same ID number meanwhile) is added to the preview's problems. ``progress``
    is called after each row; raising from it cancels and writes nothing.
    """
    if preview.bad_rows and not skip_bad_rows:
        raise ImportRefused(preview)
    rows = preview.good_rows
    with database.atomic():
        added, refused = add_people([row.person for row in rows], unit_code, preview.today, progress)
        for index, errors in refused.items():
            row = rows[index]
            row.problems.extend(CellProblem(row.row, preview.columns.get(e.field, ""), e.message) for e in errors)
            row.person = None
        if refused and not skip_bad_rows:
            raise ImportRefused(preview)  # leaves the transaction: nothing written
    return sum(1 for person in added if person is not None)


def write_template(path) -> None:
    """An empty roster workbook to fill in: title row, header, widths, text-formatted ID/phone columns."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    from .spreadsheets import column_letter

    fields = list(ROSTER_COLUMNS)
    language_index = 1 if current_language() == "en" else 0
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Roster")[:31]
    sheet.cell(row=1, column=1, value=_("Roster of the women's federation executive committee"))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(fields))
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    thin = Side(style="thin")
    for index, name in enumerate(fields):
        cell = sheet.cell(row=2, column=index + 1, value=ROSTER_COLUMNS[name][language_index])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = TEMPLATE_WIDTHS[name]
        if name in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A3"
    # Drop-down lists where the answer is one of a few words.
    choices = {
        "sex": [codes.SEX.label("F"), codes.SEX.label("M")],
        "part_time": [_("yes"), _("no")],
        "two_committees": [_("yes"), _("no")],
    }
    for name, words in choices.items():
        letter = column_letter(fields.index(name))
        validation = DataValidation(type="list", formula1='"{}"'.format(",".join(words)), allow_blank=True)
        validation.add(f"{letter}3:{letter}500")
        sheet.add_data_validation(validation)
    workbook.save(path)
