"""What a file to import is, judged by its content, and which files a folder holds.

`import` takes packages, rosters and unit lists in any mix, and folders
of them; cadres name files as they like, so the kind comes from what is
inside: a zip with a manifest.json is a package, a spreadsheet is a roster,
a unit list or a training's attendee list by its header words.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from .roster_import import is_roster_header
from .spreadsheets import HEADER_SEARCH_ROWS, ImportFileError, Table, iter_sheets, table_from_rows
from .trainee_import import is_trainee_list_header
from .unit_import import is_unit_list_header

ROSTER, UNITS, PACKAGE, TRAINEES = "roster", "units", "package", "trainees"
Kind = Literal["roster", "units", "package", "trainees"]
IMPORTABLE_SUFFIXES = (".xlsx", ".csv", ".fulian")
PACKAGE_MANIFEST = "manifest.json"


def detect_kind(path) -> Kind | None:
    """ "roster", "units", "trainees" (a training's attendee list) or "package" by content;
    None for anything else or an unreadable file."""
    path = Path(path)
    if not path.is_file():
        return None
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                if PACKAGE_MANIFEST in archive.namelist():
                    return PACKAGE
        except (zipfile.BadZipFile, OSError):
            return None
    try:
        sheets = iter_sheets(path)
        try:
            for name, rows in sheets:
                kind = _sheet_kind(path, name, rows)
                if kind:
                    return kind
        finally:
            sheets.close()
    except ImportFileError:
        return None
    return None


def _sheet_kind(path: Path, name: str | None, rows) -> Kind | None:
    # Only the top rows are needed to see the header; stop reading there.
    top = []
    for number, values in rows:
        if number > HEADER_SEARCH_ROWS:
            break
        top.append((number, values))
    # Unit lists first: one with contact columns (姓名, 联系电话) also looks like a
    # roster, but no roster has a 区划代码 column. An attendee list (姓名,
    # 村(社区)/单位, 职务, 联系电话) would pass as a roster too; it is told apart by
    # its unit column and by having none of a roster's personal columns (出生年月 …).
    for kind, recognise in (
        (UNITS, is_unit_list_header),
        (TRAINEES, is_trainee_list_header),
        (ROSTER, is_roster_header),
    ):
        table: Table | None = table_from_rows(path, name, iter(top), recognise)
        if table is not None:
            return kind
    return None


def find_importable(paths: Iterable) -> list[Path]:
    """The files to import: files as given, folders searched recursively for .xlsx/.csv/.fulian.

    Office's lock files (~$名册.xlsx) and hidden files in folders are left out,
    and so are paths that do not exist (the caller reports those); each file
    appears once, in the order given (folders sorted by path).
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if (
                    child.is_file()
                    and child.suffix.lower() in IMPORTABLE_SUFFIXES
                    and not child.name.startswith("~$")
                    and not any(part.startswith(".") for part in relative)
                ):
                    add(child)
        elif path.is_file():
            add(path)
    return found
