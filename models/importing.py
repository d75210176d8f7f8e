"""Importing files: what each one is, judged by its content, which files a folder holds, and the import itself.

`import_files` takes packages, rosters and unit lists in any mix, and folders
of them; cadres name files as they like, so the kind comes from what is
inside: a zip with a manifest.json is a package, a spreadsheet is a roster,
a unit list or a training's attendee list by its header words. The command
line and the GUI's package import both call it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from .exchange import (
    ALREADY_IMPORTED,
    Confirmation,
    ImportResult,
    PackageError,
    SnapshotInfo,
    UnconfirmedPackage,
    import_package,
)
from .exchange.verify import peek_manifest
from .i18n import _
from .roster_import import is_roster_header
from .spreadsheets import (
    HEADER_SEARCH_ROWS,
    SPREADSHEET_SUFFIXES,
    CellTooLong,
    ImportFileError,
    ImportRefused,
    PreviewRows,
    Table,
    UnsupportedFormat,
    iter_sheets,
    table_from_rows,
)
from .trainee_import import is_trainee_list_header
from .unit_import import is_unit_list_header

Kind = Literal["roster", "units", "package", "trainees"]
ROSTER: Final = "roster"
UNITS: Final = "units"
PACKAGE: Final = "package"
TRAINEES: Final = "trainees"
IMPORTABLE_SUFFIXES = (*SPREADSHEET_SUFFIXES, ".fulian")
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
        except (zipfile.BadZipFile, OSError, ValueError):  # ValueError: a garbled name (UnicodeDecodeError)
            pass  # no package: the spreadsheet reader below says what is wrong with it
    try:
        sheets = iter_sheets(path)
        try:
            for name, rows in sheets:
                kind = _sheet_kind(path, name, rows)
                if kind:
                    return kind
        finally:
            close = getattr(sheets, "close", None)  # a generator: closing it releases the file now
            if close is not None:
                close()
    except CellTooLong:
        raise  # the file may well be a roster: say what is wrong with it
    except UnsupportedFormat:
        if path.suffix.lower() == ".fulian":
            return None  # a damaged package: the package import says what is wrong
        raise  # a Word file, a PDF, a damaged .xls …: say what it is and to save it as .xlsx
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
    recognisers: tuple[tuple[Kind, Callable[[list[tuple[str, ...]]], bool]], ...] = (
        (UNITS, is_unit_list_header),
        (TRAINEES, is_trainee_list_header),
        (ROSTER, is_roster_header),
    )
    for kind, recognise in recognisers:
        table: Table | None = table_from_rows(path, name, iter(top), recognise)
        if table is not None:
            return kind
    return None


def find_importable(paths: Iterable) -> list[Path]:
    """The files to import: files as given, folders searched recursively for spreadsheets and .fulian.

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


def find_packages(paths: Iterable) -> list[Path]:
    """The .fulian files among ``paths``; folders are searched recursively."""
    return [p for p in find_importable(paths) if p.suffix.lower() == ".fulian"]


# What became of one file.
Status = Literal["imported", "checked", "already", "bad rows", "refused", "unconfirmed"]
IMPORTED: Final = "imported"
CHECKED: Final = "checked"  # a dry run found nothing against it
ALREADY: Final = "already"  # a package imported before: nothing to do
BAD_ROWS: Final = "bad rows"  # a spreadsheet with bad rows, refused whole
REFUSED: Final = "refused"
UNCONFIRMED: Final = "unconfirmed"  # a package whose key (or unsigned file) the user has not confirmed
# Asked when another installation of a unit sent data before: (standing, incoming) → True to replace it.
Decide = Callable[[SnapshotInfo, SnapshotInfo], bool]
Progress = Callable[[int, int], None]


@dataclass
class FileOutcome:
    """What importing one file did (in a dry run: would do), or why it was refused."""

    path: Path
    kind: Kind | None
    status: Status
    error: str = ""  # why it was refused, for the user
    package: ImportResult | None = None  # a package's result
    preview: PreviewRows | None = None  # a spreadsheet's rows and their problems
    rows: int = 0  # spreadsheet rows imported (in a dry run: that would be)
    confirmation: Confirmation | None = None  # what the user must confirm for an unconfirmed package

    @property
    def ok(self) -> bool:
        return self.status in (IMPORTED, CHECKED, ALREADY)


@dataclass
class ImportOutcome:
    """What an import of files and folders did, file by file, in the order they were imported."""

    files: list[FileOutcome] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)  # paths given that do not exist
    stopped: bool = False  # the progress callback stopped it; the files not listed were left alone

    @property
    def failed(self) -> bool:
        return bool(self.missing) or self.stopped or any(not f.ok for f in self.files)


def in_import_order(paths: list[Path]) -> list[Path]:
    """``paths`` with the packages of each installation in the order of their numbers.

    A newer package makes an older one of the same installation stale, so a
    folder holding packages #2 and #1 of a village must import #1 first,
    whatever order the files are listed in. Packages take the places packages
    held; other files (and packages whose manifest cannot be read, which the
    import refuses with the reason) keep theirs.
    """
    keyed = []
    for index, path in enumerate(paths):
        try:
            if path.suffix.lower() != ".fulian" and detect_kind(path) != PACKAGE:
                continue
        except ImportFileError:
            continue
        try:
            m = peek_manifest(path)
        except PackageError:
            continue
        keyed.append((index, (m.source_code, m.installation_id, m.sequence, index)))
    ordered = list(paths)
    slots = [index for index, _key in keyed]
    for slot, (index, _key) in zip(slots, sorted(keyed, key=lambda pair: pair[1]), strict=True):
        ordered[slot] = paths[index]
    return ordered


def import_files(
    paths: Iterable,
    *,
    unit_code: str,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    decide: Decide | None = None,
    progress: Progress | None = None,
    trust_keys: Collection[str] = (),
    accept_unsigned: Collection[str] = (),
    allow_large_removal: bool = False,
) -> ImportOutcome:
    """Import rosters, unit lists and packages (files, or folders of them) into the installation of ``unit_code``.

    Each file is its own transaction, so a refused one leaves the others
    standing; one "before-import" backup is taken before the first package.
    Packages of one installation go in the order of their numbers. When
    another installation of a unit sent data before, ``decide(standing,
    incoming)`` says whether the incoming package replaces it; without
    ``decide`` the package made later stands and its result's note says so.
    A spreadsheet with bad rows is refused unless ``skip_bad_rows``. A dry
    run writes nothing. ``progress(done, total)`` is called between files;
    raising from it stops there (the outcome says so; files done stand).
    A package signed by a key not trusted for its unit, or not signed at all,
    is applied only when ``trust_keys`` holds its key's fingerprint
    (``accept_unsigned`` its file's SHA-256), as the user read them on its
    cover sheet; otherwise it is left "unconfirmed" with what to confirm.
    A package that would remove a large share of its unit's records
    (``exchange.LARGE_REMOVAL_SHARE``) is refused unless ``allow_large_removal``;
    a dry run's result says ``large_removal``.
    """
    given = [Path(p) for p in paths]
    outcome = ImportOutcome(missing=[p for p in given if not p.exists()])
    files = in_import_order(find_importable(given))
    backed_up = False
    for number, path in enumerate(files):
        if progress is not None:
            try:
                progress(number, len(files))
            except Exception:  # raising is how a progress callback asks to stop
                outcome.stopped = True
                break
        result = _import_one(
            path,
            unit_code,
            dry_run,
            skip_bad_rows,
            decide,
            not backed_up,
            (trust_keys, accept_unsigned),
            allow_large_removal,
        )
        backed_up = backed_up or (result.package is not None and result.package.backup is not None)
        outcome.files.append(result)
    else:
        if progress is not None and files:
            try:
                progress(len(files), len(files))
            except Exception:  # asked to stop after the last file: everything was imported all the same
                pass
    return outcome


def _import_one(
    path: Path,
    unit_code: str,
    dry_run: bool,
    skip_bad_rows: bool,
    decide: Decide | None,
    backup: bool,
    confirmed: tuple[Collection[str], Collection[str]] = ((), ()),
    allow_large_removal: bool = False,
) -> FileOutcome:
    from . import roster_import, unit_import

    try:
        kind = detect_kind(path)
        if kind == PACKAGE or (kind is None and path.suffix.lower() == ".fulian"):
            return _import_package(path, dry_run, decide, backup, confirmed, allow_large_removal)
        if kind == TRAINEES:
            return FileOutcome(
                path,
                kind,
                REFUSED,
                _("{path}: this is a list of training attendees; add it to its training on the Training page.").format(
                    path=path
                ),
            )
        if kind == ROSTER:
            roster = roster_import.read_roster(path, unit_code)
            return _import_rows(
                roster,
                kind,
                dry_run,
                skip_bad_rows,
                lambda: roster_import.apply_roster(roster, unit_code, skip_bad_rows),
            )
        if kind == UNITS:
            unit_list = unit_import.read_unit_list(path, unit_code)
            return _import_rows(
                unit_list,
                kind,
                dry_run,
                skip_bad_rows,
                lambda: unit_import.apply_unit_list(unit_list, unit_code, skip_bad_rows),
            )
        return FileOutcome(path, kind, REFUSED, _("{path}: not a roster, unit list or package.").format(path=path))
    except ImportFileError as exc:
        return FileOutcome(path, None, REFUSED, str(exc))


def _import_rows(
    preview: PreviewRows, kind: Kind, dry_run: bool, skip_bad_rows: bool, apply: Callable[[], int]
) -> FileOutcome:
    """A spreadsheet read into ``preview``: refused for bad rows, counted in a dry run, else written by ``apply``."""
    path = Path(preview.path)
    if preview.bad_rows and not skip_bad_rows:
        return FileOutcome(path, kind, BAD_ROWS, preview=preview, rows=len(preview.good_rows))
    if dry_run:
        return FileOutcome(path, kind, CHECKED, preview=preview, rows=len(preview.good_rows))
    try:
        count = apply()
    except ImportRefused as exc:  # the database changed between reading and writing
        return FileOutcome(path, kind, REFUSED, str(exc), preview=preview)
    return FileOutcome(path, kind, IMPORTED, preview=preview, rows=count)


def _import_package(
    path: Path,
    dry_run: bool,
    decide: Decide | None,
    backup: bool,
    confirmed: tuple[Collection[str], Collection[str]],
    allow_large_removal: bool = False,
) -> FileOutcome:
    trust_keys, accept_unsigned = confirmed
    try:
        result = import_package(
            path,
            dry_run=dry_run,
            choose_installation=decide,
            backup=backup,
            trust_keys=trust_keys,
            accept_unsigned=accept_unsigned,
            allow_large_removal=allow_large_removal,
        )
    except UnconfirmedPackage as exc:
        return FileOutcome(path, PACKAGE, UNCONFIRMED, str(exc), confirmation=exc.confirmation)
    except PackageError as exc:
        return FileOutcome(path, PACKAGE, REFUSED, str(exc))
    except Exception as exc:  # one unreadable file must not stop a folder of them
        from .db import storage_fault

        if storage_fault(exc) is not None:
            raise  # a full, read-only or locked disk stops every file alike: the caller says so
        return FileOutcome(
            path, PACKAGE, REFUSED, _("{file} could not be imported: {error}").format(file=path.name, error=exc)
        )
    if result.status == ALREADY_IMPORTED:
        return FileOutcome(path, PACKAGE, ALREADY, package=result)
    if result.confirmation is not None:
        return FileOutcome(
            path, PACKAGE, UNCONFIRMED, result.confirmation.message(), package=result, confirmation=result.confirmation
        )
    return FileOutcome(path, PACKAGE, CHECKED if dry_run else IMPORTED, package=result)
