"""Reading spreadsheets as cadres keep them (.xlsx, .xls, .et, .ods, .csv) into raw rows.

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
import struct
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
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods", ".csv")
CSV_ENCODINGS = ("utf-8-sig", "utf-8", "gb18030")
CSV_DELIMITERS = (",", ";", "\t")
# Limits on what is read, checked before the work starts: real rosters and unit
# lists are far below them, and a file above them would take minutes and
# gigabytes (a 1 MB .xlsx can unpack to a 1 GiB cell).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_ROWS = 200_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
# An .xls or .ods sheet is held whole by calamine, as a rectangle from its first
# to its last filled cell (about 64 bytes a cell): 200,000 rows of 20 columns.
MAX_CELLS = 4_000_000
# Old .xls files and password-protected .xlsx files are OLE compound documents.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ImportFileError(Exception):
    """A file that cannot be read at all; the message names the file and says why."""


class CellTooLong(ImportFileError):
    """A cell longer than a spreadsheet may hold: the file is refused with the row and column, whatever it is."""


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
    """(sheet name, rows) for each sheet; each row is (number as Excel shows it, raw cells).

    The kind of file comes from its content, whatever its name says: .xlsx and
    .xlsm are read with openpyxl; .xls (and WPS's .et, the same format) and .ods
    with calamine, after checking that what calamine would hold in memory is
    within the limits; text as CSV. Anything else raises UnsupportedFormat,
    naming what the file is and saying to save it as .xlsx.
    """
    path = Path(path)
    head = _read_head(path)
    _check_file_size(path)
    kind = _content_kind(path, head)
    # _content_kind has checked what a zip (.xlsx, .ods) unpacks to.
    if kind == "xlsx":
        yield from _xlsx_sheets(path)
    elif kind in ("xls", "ods"):
        if kind == "ods":
            _check_ods_extent(path)
        else:
            _check_xls_extent(path)
        yield from _calamine_sheets(path, kind)
    else:
        yield None, _csv_rows(path)


class UnsupportedFormat(ImportFileError):
    """A file of a kind the program cannot read (or a damaged .xls or .ods): the message names it and what to do."""


def _save_as_xlsx(path: Path, what: str) -> UnsupportedFormat:
    return UnsupportedFormat(
        _(
            "{file} is {what}, which the program cannot read as a spreadsheet. "
            "Open it in Excel or WPS, save it as .xlsx (Save As), and import that file."
        ).format(file=path, what=what)
    )


def _not_a_spreadsheet(path: Path) -> UnsupportedFormat:
    return UnsupportedFormat(
        _(
            "{file} is not a spreadsheet the program can read (.xlsx, .xls, .ods or .csv). "
            "If it opens in Excel or WPS, save it there as .xlsx (Save As) and import that file."
        ).format(file=path)
    )


def _password_protected(path: Path) -> UnsupportedFormat:
    return UnsupportedFormat(
        _(
            "{file} is protected by a password. Open it in Excel or WPS, remove the password and save it as .xlsx."
        ).format(file=path)
    )


def _damaged(path: Path, kind: str, error: object = "") -> UnsupportedFormat:
    suffix = path.suffix.lower()
    label = suffix if suffix in (".xls", ".xlsx", ".xlsm", ".ods") else "." + kind
    if suffix == ".et":
        return UnsupportedFormat(
            _(
                "{file} is a WPS spreadsheet (.et) that the program cannot read. "
                "Open it in WPS, save it as .xlsx (Save As), and import that file."
            ).format(file=path)
        )
    return UnsupportedFormat(
        _(
            "{file} is not a readable {kind} workbook (damaged, or another kind of file renamed). "
            "Open it in Excel or WPS and save it as .xlsx."
        ).format(file=path, kind=label)
    )


_IMAGE_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"II*\x00",
    b"MM\x00*",
)


def _content_kind(path: Path, head: bytes) -> str:
    """ "xlsx", "xls", "ods" or "csv" by content; raises UnsupportedFormat for anything else."""
    suffix = path.suffix.lower()
    if head.startswith(_OLE_MAGIC):
        return _ole_kind(path)
    if head.startswith(b"PK"):
        return _zip_kind(path, suffix)
    if head.startswith(b"%PDF"):
        raise _save_as_xlsx(path, _("a PDF file"))
    if head.startswith(_IMAGE_MAGIC) or head[8:12] == b"WEBP" or head[4:12] in (b"ftypheic", b"ftypmif1"):
        raise _save_as_xlsx(path, _("a picture"))
    if head.startswith(b"{\\rtf"):
        raise _save_as_xlsx(path, _("a document in rich text format (.rtf)"))
    if suffix in (".xlsx", ".xlsm"):
        raise UnsupportedFormat(
            _("{file} is not a valid .xlsx workbook (damaged, or another kind of file renamed).").format(file=path)
        )
    if not _looks_like_text(head):
        raise _not_a_spreadsheet(path)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        raise _save_as_xlsx(path, _("an Excel 2003 XML spreadsheet"))
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<html" in lowered[:1024]:
        raise _save_as_xlsx(path, _("a web page (HTML) with a spreadsheet's name"))
    return "csv"


def _ole_kind(path: Path) -> str:
    """An OLE compound document: an .xls (or .et) workbook, or an encrypted .xlsx, a Word file …"""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
    except Exception as exc:  # olefile raises several kinds on a damaged file
        raise _damaged(path, "xls", exc) from exc
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        raise _password_protected(path)
    if "workbook" in streams or "book" in streams:
        return "xls"
    if "worddocument" in streams:
        raise _save_as_xlsx(path, _("a Word or WPS text document"))
    if "powerpoint document" in streams:
        raise _save_as_xlsx(path, _("a PowerPoint presentation"))
    if path.suffix.lower() == ".et":
        raise _damaged(path, "xls")
    raise _save_as_xlsx(path, _("an Office file that holds no workbook"))


def _zip_kind(path: Path, suffix: str) -> str:
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(path) as archive:
            # Before anything is unpacked: a 1 MB workbook can unpack to a 1 GiB cell.
            _refuse_unpacked_size(path, sum(info.file_size for info in archive.infolist()))
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:200].decode("ascii", "replace") if "mimetype" in names else ""
            manifest = ""
            if "META-INF/manifest.xml" in names and archive.getinfo("META-INF/manifest.xml").file_size < 1_000_000:
                manifest = archive.read("META-INF/manifest.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, KeyError, NotImplementedError, EOFError) as exc:
        if suffix == ".ods":
            raise _damaged(path, "ods", exc) from exc
        raise UnsupportedFormat(
            _("{file} is not a readable .xlsx workbook (damaged, or not an Excel file).").format(file=path)
        ) from exc
    if suffix == ".csv":
        raise UnsupportedFormat(_("{file} is not a CSV file (it is a zip archive).").format(file=path))
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise _save_as_xlsx(path, _("an Excel binary workbook (.xlsb)"))
    if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet"):
        if "encryption-data" in manifest:
            raise _password_protected(path)
        return "ods"
    if mimetype.startswith("application/vnd.oasis.opendocument.text"):
        raise _save_as_xlsx(path, _("an OpenDocument text (.odt)"))
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise _save_as_xlsx(path, _("an OpenDocument file that is not a spreadsheet"))
    if "word/document.xml" in names:
        raise _save_as_xlsx(path, _("a Word document (.docx)"))
    if any(n.startswith("ppt/") for n in names):
        raise _save_as_xlsx(path, _("a PowerPoint presentation (.pptx)"))
    if any(n.startswith("Index/") or n == "Index.zip" for n in names):
        raise _save_as_xlsx(path, _("an Apple Numbers spreadsheet (.numbers)"))
    if suffix in (".xlsx", ".xlsm"):
        raise UnsupportedFormat(
            _("{file} is not a readable .xlsx workbook (damaged, or not an Excel file).").format(file=path)
        )
    raise _save_as_xlsx(path, _("a zip archive"))


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


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f}"


def _check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            _(
                "{file} is {size} MB; a spreadsheet to import may be at most {limit} MB. Split it into smaller files."
            ).format(file=path, size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES))
        )


def _refuse_unpacked_size(path: Path, total: int) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_UNPACKED_BYTES, before any is read."""
    if total > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "{file} unpacks to {size} MB; a workbook to import may unpack to at most {limit} MB. "
                "Copy the rows into a new workbook and save it again."
            ).format(file=path, size=_megabytes(total), limit=_megabytes(MAX_UNPACKED_BYTES))
        )


def _limited(number: int, values: tuple, path: Path) -> tuple:
    """The row's cells, after checking the row and cell limits."""
    if number > MAX_ROWS:
        raise ImportFileError(
            _("{file} has more than {limit} rows; split it into smaller files.").format(
                file=path, limit=f"{MAX_ROWS:,}"
            )
        )
    for index, value in enumerate(values):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise CellTooLong(
                _("{file}, row {row}, column {column}: a cell holds {n} characters; at most {limit} are read.").format(
                    file=path, row=number, column=column_letter(index), n=f"{len(value):,}", limit=f"{MAX_CELL_CHARS:,}"
                )
            )
    return values


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


def _check_xls_extent(path: Path) -> None:
    """Refuse an .xls whose sheets span more cells than MAX_CELLS, before calamine reads it.

    calamine holds each sheet as a full rectangle from its first to its last
    cell: two cells at A1 and IV65536 of a 6 KB file take 1 GB. The cell
    records of the workbook stream (BIFF8) say where the cells are.
    """
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            data = ole.openstream(name).read()
    except Exception as exc:  # olefile raises several kinds on a damaged file
        raise _damaged(path, "xls", exc) from exc
    # Records: type (2 bytes), length (2), then for a cell: row (2), column (2).
    # MULRK and MULBLANK hold a run of columns, the last in their last two
    # bytes. Blank (formatted) cells count too, to be safe. A BOF record starts
    # each sheet's substream.
    cell_records = {0x0006, 0x0206, 0x0406, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6}
    run_records = {0x00BD, 0x00BE}
    pos, end = 0, len(data)
    bounds: list[int] = []  # min row, max row, min column, max column of the current substream
    while pos + 4 <= end:
        kind, length = struct.unpack_from("<HH", data, pos)
        body = pos + 4
        pos = body + length
        if kind in (0x0809, 0x0409, 0x0209, 0x0009):  # BOF: a new substream (sheet)
            bounds = []
        elif (kind in cell_records or kind in run_records) and length >= 6 and pos <= end:
            row, first = struct.unpack_from("<HH", data, body)
            last = struct.unpack_from("<H", data, pos - 2)[0] if kind in run_records else first
            if not bounds:
                bounds = [row, row, first, max(first, last)]
            else:
                bounds = [min(bounds[0], row), max(bounds[1], row), min(bounds[2], first), max(bounds[3], last)]
            _check_extent(path, bounds[1] - bounds[0] + 1, bounds[3] - bounds[2] + 1)


def _check_extent(path: Path, rows: int, columns: int) -> None:
    if rows > MAX_ROWS:
        raise ImportFileError(
            _("{file} has more than {limit} rows; split it into smaller files.").format(
                file=path, limit=f"{MAX_ROWS:,}"
            )
        )
    if rows * columns > MAX_CELLS:
        raise ImportFileError(
            _(
                "{file} spans {rows} rows and {columns} columns; a sheet to import may hold at most {limit} cells. "
                "Copy the rows into a new workbook and save it as .xlsx."
            ).format(file=path, rows=f"{rows:,}", columns=f"{columns:,}", limit=f"{MAX_CELLS:,}")
        )


def _check_ods_extent(path: Path) -> None:
    """Refuse an .ods whose sheets span more rows or cells than the limits, before calamine reads it.

    An .ods repeats a row or a cell by a number (table:number-rows-repeated),
    so a few bytes can stand for a million filled rows; calamine would hold
    them all. The content is scanned as a stream, counting the repeats of
    rows and cells that hold something.
    """
    import zipfile
    from xml.parsers import expat

    table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    table, row, cell, covered = (
        f"{table_ns} table",
        f"{table_ns} table-row",
        f"{table_ns} table-cell",
        (f"{table_ns} covered-table-cell"),
    )
    rows_repeated, columns_repeated = f"{table_ns} number-rows-repeated", f"{table_ns} number-columns-repeated"
    value_type = f"{office_ns} value-type"
    state = {"row": 0, "col": 0, "row_repeat": 1, "cell_repeat": 1, "in_cell": False, "filled": False}
    sheet = {"rows": 0, "cols": 0, "row_width": 0}

    def repeat(attrs, name) -> int:
        try:
            return max(1, int(attrs.get(name, "1")))
        except ValueError:
            return 1

    def end_cell() -> None:
        state["col"] += state["cell_repeat"]
        if state["filled"]:
            sheet["row_width"] = state["col"]
        state["in_cell"] = False

    def start(name, attrs) -> None:
        if state["in_cell"]:
            state["filled"] = True  # any element inside a cell (text:p …) is content
            return
        if name == table:
            state["row"] = 0
            sheet.update(rows=0, cols=0)
        elif name == row:
            state["row_repeat"] = repeat(attrs, rows_repeated)
            state["col"] = 0
            sheet["row_width"] = 0
        elif name in (cell, covered):
            state["cell_repeat"] = repeat(attrs, columns_repeated)
            state["in_cell"] = True
            state["filled"] = value_type in attrs

    def end(name) -> None:
        if name in (cell, covered) and state["in_cell"]:
            end_cell()
        elif name == row:
            state["row"] += state["row_repeat"]
            if sheet["row_width"]:
                sheet["rows"] = state["row"]
                sheet["cols"] = max(sheet["cols"], sheet["row_width"])
                _check_extent(path, sheet["rows"], sheet["cols"])

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            while chunk := content.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except ImportFileError:
        raise
    except Exception as exc:  # a damaged zip or XML: several kinds
        raise _damaged(path, "ods", exc) from exc


def _calamine_cell(value):
    """A cell as calamine gives it, as openpyxl gives the same cell of an .xlsx."""
    if value == "":
        return None  # calamine's empty cell
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)  # .ods and .xlsx keep 13812345678 as a float; openpyxl gives an int
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return _dt.datetime(value.year, value.month, value.day)  # openpyxl's dates are datetimes
    return value


def _calamine_failed(exc: BaseException) -> bool:
    """Whether ``exc`` is calamine failing on a damaged file: its errors, or a Rust panic.

    A panic comes out as pyo3's PanicException, a BaseException like
    KeyboardInterrupt, so it is told apart by name.
    """
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _calamine_sheets(path: Path, kind: str):
    # calamine is loaded only when an .xls or .ods is read.
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as exc:
        raise _password_protected(path) from exc
    except BaseException as exc:
        if not _calamine_failed(exc):
            raise
        raise _damaged(path, kind, exc) from exc
    try:
        for index, meta in enumerate(workbook.sheets_metadata):
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            try:
                sheet = workbook.get_sheet_by_index(index)
            except python_calamine.PasswordError as exc:
                raise _password_protected(path) from exc
            except BaseException as exc:
                if not _calamine_failed(exc):
                    raise
                raise _damaged(path, kind, exc) from exc
            yield meta.name, _calamine_rows(sheet, path, kind)
    finally:
        workbook.close()


def _calamine_rows(sheet, path: Path, kind: str) -> Iterator[tuple[int, tuple]]:
    # calamine gives every row from the first, but each from the sheet's first used column.
    try:
        start = sheet.start
        pad = (None,) * (start[1] if start else 0)
        for number, values in enumerate(sheet.iter_rows(), start=1):
            cells = [_calamine_cell(v) for v in values]
            while cells and cells[-1] is None:  # as openpyxl: a row ends at its last cell
                cells.pop()
            yield number, _limited(number, (*pad, *cells) if cells else (), path)
    except ImportFileError:
        raise
    except BaseException as exc:
        if not _calamine_failed(exc):
            raise
        raise _damaged(path, kind, exc) from exc


def _numbered(rows, path: Path) -> Iterator[tuple[int, tuple]]:
    try:
        for number, values in enumerate(rows, start=1):
            yield number, _limited(number, tuple(values), path)
    except ImportFileError:
        raise
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
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # a huge cell: _csv_rows names it
            continue
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
        raise _not_a_spreadsheet(path)
    text = decode_csv(data, path)
    # The whole file is in memory already: let the reader take any cell, then name the one too long.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        delimiter = sniff_delimiter(text)
    except csv.Error:
        delimiter = ","  # the reader below says what is wrong
    top = [line for line in text.splitlines()[: HEADER_SEARCH_ROWS + 5] if line.strip()]
    try:
        columns = any(len(r) > 1 for r in csv.reader(top, delimiter=delimiter))
    except csv.Error:
        columns = True  # the reader below says what is wrong
    if not columns:
        raise _save_as_xlsx(path, _("a text file without columns (not CSV)"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Rows are numbered by line as a spreadsheet program shows them; a quoted
        # cell with a line break still counts as one row there.
        for number, values in enumerate(reader, start=1):
            yield number, _limited(number, tuple(v if v.strip() else None for v in values), path)
    except csv.Error as exc:
        raise ImportFileError(_("{file} is not a valid CSV file: {error}").format(file=path, error=exc)) from exc
