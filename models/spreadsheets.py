"""Reading spreadsheets as cadres keep them (.xlsx, .csv) into raw rows.

A file has a title and blank rows above its header, headers with stray
spaces and line breaks, and cells whose Excel types matter (an ID number
stored as a number has lost digits). This module finds the header row,
keeps every cell as the spreadsheet holds it, and numbers rows as Excel
shows them. What the columns mean is up to the importers that use it.

It also holds the types every spreadsheet import shares: the problem of one
cell, the refusal of a file with bad rows, and the error for an unreadable
file.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from .base import ValidationError, database
from .i18n import _, ngettext

# The header is looked for among this many rows at the top of each sheet.
HEADER_SEARCH_ROWS = 15
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
CSV_ENCODINGS = ("utf-8-sig", "utf-8", "gb18030")
CSV_DELIMITERS = (",", ";", "\t")
# Old .xls files and password-protected .xlsx files are OLE compound documents.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ImportFileError(Exception):
    """A file that cannot be read at all; the message names the file and says why."""


@dataclass
class CellProblem:
    """One problem in one imported row; column is the header as in the file, "" for the whole row."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("row {row}, {column}: {message}").format(row=self.row, column=self.column, message=self.message)
        return _("row {row}: {message}").format(row=self.row, message=self.message)


@dataclass
class PreviewRows:
    """Base of import previews: the file, its rows split into good and bad, the rows skipped, its headers."""

    path: Path
    rows: list
    skipped: list[tuple[int, str]]  # (row, why) for rows that are no record: blank, totals …
    columns: dict[str, str] = field(default_factory=dict)  # field → header as in the file, in file order
    # The row attribute holding what was read (a PersonInput …); a row without it is bad.
    input_field: ClassVar[str | None] = None

    def _has_input(self, row) -> bool:
        return self.input_field is None or getattr(row, self.input_field) is not None

    @property
    def good_rows(self) -> list:
        return [r for r in self.rows if self._has_input(r) and not r.problems]

    @property
    def bad_rows(self) -> list:
        return [r for r in self.rows if not self._has_input(r) or r.problems]

    def drop_bad_inputs(self) -> None:
        """Forget what was read from rows with problems, so only good rows can be written."""
        if self.input_field:
            for row in self.rows:
                if row.problems:
                    setattr(row, self.input_field, None)

    @property
    def problems(self) -> list[CellProblem]:
        """Every problem of every row, in row order."""
        return [p for r in sorted(self.rows, key=lambda r: r.row) for p in r.problems]

    def sort_rows(self, table: Table, skip: Callable[[SheetRow], str | None], read: Callable[[SheetRow], Any]) -> None:
        """Add each row of ``table`` as ``read`` reads it, or to the skipped rows with the reason ``skip`` gives."""
        for sheet_row in table.rows:
            why = skip(sheet_row)
            if why:
                self.skipped.append((sheet_row.row, why))
            else:
                self.rows.append(read(sheet_row))


def other_rows(keys: Mapping[int, Hashable]) -> dict[int, list[int]]:
    """{row: the other rows with the same key} from {row: key}, for "also on row …" problems."""
    rows_by_key: dict[Hashable, list[int]] = defaultdict(list)
    for row, key in keys.items():
        rows_by_key[key].append(row)
    return {row: [n for n in rows_by_key[key] if n != row] for row, key in keys.items()}


class ImportRefused(Exception):
    """Nothing was written because rows are bad; carries the preview listing them."""

    def __init__(self, preview):
        self.preview = preview
        n = len(preview.bad_rows)
        message = ngettext(
            "{file}: {n} row has problems; nothing was imported.",
            "{file}: {n} rows have problems; nothing was imported.",
            n,
        )
        super().__init__(message.format(file=Path(preview.path).name, n=n))


def write_rows(
    preview: PreviewRows,
    write: Callable[[Any], object],
    skip_bad_rows: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the preview's good rows with ``write(row)`` in one transaction; the number written.

    With bad rows and not ``skip_bad_rows``, raises ImportRefused and writes
    nothing. A row ``write`` refuses (it became bad since the preview) joins
    the preview's problems. ``progress`` is called after each row; raising
    from it cancels and writes nothing.
    """
    if preview.bad_rows and not skip_bad_rows:
        raise ImportRefused(preview)
    rows = preview.good_rows
    written = 0
    with database.atomic():
        for done, row in enumerate(rows, start=1):
            try:
                write(row)
            except ValidationError as exc:
                row.problems.extend(
                    CellProblem(row.row, preview.columns.get(e.field, ""), e.message) for e in exc.errors
                )
                if preview.input_field:
                    setattr(row, preview.input_field, None)
                if not skip_bad_rows:
                    raise ImportRefused(preview) from exc  # leaves the transaction: nothing written
            else:
                written += 1
            if progress:
                progress(done, len(rows))
    return written


# --- cells and headers -------------------------------------------------------------


def normalize_header(text) -> str:
    """The comparable form of a header: NFKC, no whitespace or punctuation, lower case.

    "出生\\n年月 ", "ID  number" and 是否进“两委” compare as 出生年月,
    idnumber and 是否进两委.
    """
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\W_]+", "", text)


def header_keys(text) -> tuple[str, ...]:
    """The normalised header, and the same without a bracketed remark: 联系电话（手机） → 联系电话."""
    full = normalize_header(text)
    bare = normalize_header(
        re.sub(r"[(（\[【][^)）\]】]*[)）\]】]", "", unicodedata.normalize("NFKC", str(text or "")))
    )
    return (full, bare) if bare and bare != full else (full,)


def display_header(text) -> str:
    """A header as shown in messages: the file's words, with line breaks and stray spaces gone."""
    if text is None:
        return ""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text)).strip())
    # Spaces next to Chinese characters are line-break leftovers, not words.
    return re.sub(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ", "", text)


def cell_text(value) -> str:
    """A raw cell as a person reads it in the spreadsheet (for previews and text fields)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value).strip()


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# Header words of columns that lists of people of every kind have: (Chinese, English, others seen).
INDEX_HEADERS = ("序号", "No.", "编号", "number", "no")
PHONE_HEADERS = (
    "联系电话",
    "Phone",
    "手机",
    "电话",
    "手机号",
    "手机号码",
    "联系方式",
    "电话号码",
    "telephone",
    "mobile",
    "phone number",
)

# A row whose first words are these is a total line, not a record.
TOTAL_WORDS = ("合计", "总计", "小计", "共计", "total")


def starts_with_total(text) -> bool:
    """Whether a cell's text starts a total line: 合计, 小计（3人）, Total …"""
    return normalize_header(text).startswith(TOTAL_WORDS)


def header_words(columns: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """{field: normalised header words} of an importer's {field: accepted header words}."""
    return {f: {normalize_header(w) for w in words} for f, words in columns.items()}


def found_fields(cells: list[tuple[str, ...]], words: dict[str, set[str]]) -> set[str]:
    """The fields named by a candidate header row (its cells' normalised keys), per ``header_words``."""
    return {name for keys in cells for name, field_words in words.items() if any(k in field_words for k in keys)}


def _is_blank(values: tuple) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


# --- tables ------------------------------------------------------------------------


@dataclass
class SheetRow:
    """One row under the header: its number as Excel shows it and its raw cells."""

    row: int
    values: tuple

    def get(self, index: int | None):
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    @property
    def is_blank(self) -> bool:
        return _is_blank(self.values)


@dataclass
class Table:
    """The part of a sheet from its header row down."""

    path: Path
    sheet: str | None
    header_row: int
    headers: list[str]  # as shown in messages, one per column ("" for an empty header cell)
    rows: list[SheetRow] = field(default_factory=list)

    def column_letter(self, index: int) -> str:
        return column_letter(index)

    def find_columns(self, names: Mapping[str, Iterable[str]]) -> dict[str, int]:
        """Which column holds each field, from {field: accepted header words}; the first match wins."""
        wanted = {f: {normalize_header(w) for w in words} for f, words in names.items()}
        found: dict[str, int] = {}
        for index, header in enumerate(self.headers):
            keys = header_keys(header)
            for name, words in wanted.items():
                if name not in found and any(k in words for k in keys):
                    found[name] = index
                    break
        return found


def skip_reason(sheet_row: SheetRow, positions: dict[str, int]) -> str | None:
    """Why a list row is not a record (blank, a total line, numbered but empty), or None when it is one."""
    if sheet_row.is_blank:
        return _("blank row")
    for name in ("index", "name"):
        text = normalize_header(cell_text(sheet_row.get(positions.get(name))))
        if text.startswith(TOTAL_WORDS) or text == "sum":
            return _("total row")
    others = [v for i, v in enumerate(sheet_row.values) if i != positions.get("index")]
    if all(cell_text(v) == "" for v in others):
        # A pre-numbered empty line (序号 only) is as empty as a blank one.
        return _("blank row")
    return None


# A recogniser is told the normalised header keys of a candidate row (one tuple
# per cell) and says whether that row is the header it is looking for.
Recogniser = Callable[[list[tuple[str, ...]]], bool]


def read_table(path, recognise: Recogniser) -> Table | None:
    """The first sheet whose header ``recognise`` accepts, or None when no sheet has one.

    Raises ImportFileError when the file is missing, empty, corrupt,
    password-protected or not a spreadsheet.
    """
    path = Path(path)
    sheets = iter_sheets(path)
    try:
        for name, rows in sheets:
            table = table_from_rows(path, name, rows, recognise)
            if table is not None:
                return table
    finally:
        sheets.close()  # closes the workbook (Windows keeps open files locked)
    return None


def read_columns(
    path: Path, recognise: Recogniser, columns: Mapping[str, Iterable[str]], missing: str
) -> tuple[Table, dict[str, int], dict[str, str]]:
    """The table of ``path``, each field's column index and each field's header as in the file, in file order.

    Raises ImportFileError with the message ``missing`` when no sheet has a header ``recognise`` accepts.
    """
    table = read_table(path, recognise)
    if table is None:
        raise ImportFileError(missing)
    positions = dict(sorted(table.find_columns(columns).items(), key=lambda item: item[1]))
    return table, positions, {f: table.headers[i] for f, i in positions.items()}


def table_from_rows(
    path: Path, sheet: str | None, rows: Iterator[tuple[int, tuple]], recognise: Recogniser
) -> Table | None:
    """The table under the first of the top rows that ``recognise`` accepts as its header."""
    for number, values in rows:
        if number > HEADER_SEARCH_ROWS:
            return None
        if _is_blank(values) or not recognise([header_keys(v) for v in values]):
            continue
        table = Table(path, sheet, number, [display_header(v) for v in values])
        for n, vals in rows:
            table.rows.append(SheetRow(n, tuple(vals)))
        # Formatted but empty rows at the bottom are not rows anyone wrote.
        while table.rows and table.rows[-1].is_blank:
            table.rows.pop()
        return table
    return None


def iter_sheets(path) -> Generator[tuple[str | None, Iterator[tuple[int, tuple]]], None, None]:
    """(sheet name, rows) for each sheet; each row is (number as Excel shows it, raw cells)."""
    path = Path(path)
    head = _read_head(path)
    suffix = path.suffix.lower()
    if head.startswith(_OLE_MAGIC):
        raise ImportFileError(
            _(
                "{file} is an old Excel file (.xls) or a password-protected workbook. "
                "Open it in Excel and save it as .xlsx without a password."
            ).format(file=path)
        )
    if head.startswith(b"PK"):
        if suffix == ".csv":
            raise ImportFileError(_("{file} is not a CSV file (it is a zip archive).").format(file=path))
        yield from _xlsx_sheets(path)
        return
    if suffix in (".xlsx", ".xlsm"):
        raise ImportFileError(
            _("{file} is not a valid .xlsx workbook (damaged, or another kind of file renamed).").format(file=path)
        )
    if suffix not in (".csv", ".txt") or not _looks_like_text(head):
        raise ImportFileError(_("{file} is not a spreadsheet (.xlsx or .csv).").format(file=path))
    yield None, _csv_rows(path)


def _read_head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except FileNotFoundError:
        raise ImportFileError(_("{file} does not exist.").format(file=path)) from None
    except IsADirectoryError:
        raise ImportFileError(_("{file} is a folder, not a spreadsheet.").format(file=path)) from None
    except OSError as exc:
        raise ImportFileError(_("Cannot read {file}: {error}").format(file=path, error=exc.strerror or exc)) from exc
    if not head.strip():
        raise ImportFileError(_("{file} is empty.").format(file=path))
    return head


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Excel's "Unicode text"
        return True
    if b"\x00" in head:
        return False
    return any(_decode(head, enc) is not None for enc in CSV_ENCODINGS)


def _xlsx_sheets(path: Path):
    # openpyxl costs 0.11 s on first use: loaded only when a workbook is read.
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook fails in many ways inside openpyxl and zipfile
        raise ImportFileError(
            _("{file} is not a readable .xlsx workbook (damaged, or not an Excel file).").format(file=path)
        ) from exc
    try:
        for sheet in workbook.worksheets:
            if not hasattr(sheet, "iter_rows"):  # chart sheets
                continue
            # Some programs write a wrong dimension (A1:A1); read what is there instead.
            sheet.reset_dimensions()
            yield sheet.title, _numbered(sheet.iter_rows(min_row=1, values_only=True), path)
    finally:
        workbook.close()


def _numbered(rows, path: Path) -> Iterator[tuple[int, tuple]]:
    try:
        for number, values in enumerate(rows, start=1):
            yield number, tuple(values)
    except Exception as exc:  # damaged XML inside the zip: parser errors of several types
        raise ImportFileError(_("{file} is damaged: {error}").format(file=path, error=exc)) from exc


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        # The head of a file may end in the middle of a character.
        if exc.start >= len(data) - 3:
            try:
                return data[: exc.start].decode(encoding)
            except UnicodeDecodeError:
                return None
        return None


def decode_csv(data: bytes, path: Path) -> str:
    """CSV text: UTF-8 (with or without BOM) as Excel and WPS write it, else GB18030 (GBK)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("{file} is not a text file in a known encoding (UTF-8 or GBK).").format(file=path))


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the most top lines into the same number of cells."""
    lines = [line for line in text.splitlines()[: HEADER_SEARCH_ROWS + 5] if line.strip()]
    best, best_score = ",", 0
    for delimiter in CSV_DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        modal = max(set(multi), key=multi.count)
        score = multi.count(modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(path: Path) -> Iterator[tuple[int, tuple]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(_("Cannot read {file}: {error}").format(file=path, error=exc.strerror or exc)) from exc
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(_("{file} is not a spreadsheet (.xlsx or .csv).").format(file=path))
    text = decode_csv(data, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        # Rows are numbered by line as a spreadsheet program shows them; a quoted
        # cell with a line break still counts as one row there.
        for number, values in enumerate(reader, start=1):
            yield number, tuple(v if v.strip() else None for v in values)
    except csv.Error as exc:
        raise ImportFileError(_("{file} is not a valid CSV file: {error}").format(file=path, error=exc)) from exc
