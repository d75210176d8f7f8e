"""Checking a received package before anything is written.

Members are read from the zip in chunks, in memory, never extracted; sizes
are counted from the bytes actually read (zip headers can lie), and reading
stops as soon as a limit is passed. The limits are module constants so tests
can make them small.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import io
import json
import math
import operator
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from models import fields, units
from models.exchange import rows as _rows

from ..i18n import _
from . import signing
from .manifest import (
    _UUID_RE,
    MANIFEST,
    PHOTO_MEMBER_RE,
    SIGNATURE,
    Manifest,
    PackageError,
    allowed_member,
    is_uuid,
    parse_manifest,
    strict_json,
)
from .tables import BOOL, DATE, DATETIME, INT, OWNER, PHOTO_TABLE, REAL, TEXT, Column, data_member, table_specs

MAX_MEMBERS = 100_000
MAX_MANIFEST_BYTES = 32 * 1024 * 1024
MAX_MEMBER_BYTES = 512 * 1024 * 1024  # one data/<table>.jsonl
MAX_PHOTO_BYTES = 40 * 1024 * 1024  # as models.photos accepts
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
READ_CHUNK = 1024 * 1024
# Records a package may carry, by the level of the unit that sends it: a village holds some hundreds,
# a county about 300 villages × 500. Checked from the manifest before any member is read, and while
# each member streams in (its lines counted before anything is parsed).
MAX_RECORDS = {
    units.VILLAGE: 50_000,
    units.TOWNSHIP: 500_000,
    units.COUNTY: 2_000_000,
    units.CITY: 5_000_000,
    units.PROVINCE: 5_000_000,
}
MAX_MEMBER_RECORDS = 2_000_000  # one data/<table>.jsonl, whoever sends it
# Whole numbers are INTEGER columns: 4 bytes on a PostgreSQL server (8 in SQLite). The same bound on both,
# so that a number too large is refused here in words, never by the server half-way through an import.
INT_LIMIT = 2**31
OWNER_TABLES = ("activity", "home", "training", "election", "person", "nomination")


# The stored codes of the committee's tables: a record with another code would show a bare code at the
# importer and be counted nowhere, so the package is refused naming it (a newer version says so by its
# format version first).
@functools.cache
def code_columns() -> dict[tuple[str, str], tuple[str, ...]]:
    """(table, column) → the codes it may hold, read from the code tables the records' owners keep."""
    from models import awards, care_counts, meetings, year_documents
    from models.duties import records

    tables = {
        ("contact", "way"): records.WAY,
        ("contact", "handling"): records.HANDLING,
        ("need", "status"): records.NEED_STATUS,
        ("need", "category"): records.NEED_CATEGORY,
        ("project", "status"): records.PROJECT_STATUS,
        ("meeting", "kind"): meetings.KIND,
        ("meeting_link", "kind"): meetings.LINK_KIND,
        ("year_document", "kind"): year_documents.KIND,
        ("nomination", "award"): awards.AWARD,
        ("nomination", "level"): awards.LEVEL,
        ("nomination", "nominee_kind"): awards.RECIPIENT_KIND,
        ("nomination", "outcome"): awards.OUTCOME,
        ("award", "level"): awards.LEVEL,
        ("award", "recipient_kind"): awards.RECIPIENT_KIND,
    }
    codes = {key: tuple(table.codes()) for key, table in tables.items()}
    codes[("care_count", "register")] = care_counts.REGISTERS
    return codes


@dataclass
class Package:
    """A verified package: its manifest and its records, ready to import."""

    path: Path
    manifest: Manifest
    file_sha256: str
    records: dict[str, list[tuple]] = field(default_factory=dict)  # JSON form, spec column order
    photos: list[str] = field(default_factory=list)
    skipped_links: set[str] = field(default_factory=set)  # photo links whose photo did not travel
    own_code: str = ""  # the importing installation's unit, as checked

    @property
    def label(self) -> str:
        return self.path.name


class _Bad(Exception):
    pass


def _damaged(label: str, exc: BaseException) -> PackageError:
    return PackageError(
        _("{file} is damaged or incomplete ({error}); ask for it to be sent again.").format(
            file=label, error=str(exc) or type(exc).__name__
        )
    )


def verify_package(path, file_sha: str | None = None) -> Package:
    """Check everything about a package against the open database; raises PackageError, writes nothing.

    ``file_sha`` is the file's sha256 when the caller has just computed it.
    """
    path = Path(path)
    label = path.name
    if not path.is_file():
        raise PackageError(_("{file}: there is no such file.").format(file=path))
    try:
        if file_sha is None:
            file_sha = _file_sha256(path)
        if not zipfile.is_zipfile(path):
            raise PackageError(_("{file} is not a Fulian Ledger package (it is not a zip file).").format(file=label))
        with zipfile.ZipFile(path) as archive:
            package = _verify_archive(path, archive, file_sha)
    except PackageError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        KeyError,
        struct.error,
        OverflowError,
        UnicodeError,
    ) as exc:
        raise _damaged(label, exc) from exc
    _verify_against_database(package)
    return package


def read_manifest(path) -> tuple[Manifest, str]:
    """The manifest of a package (its signature checked) and the sha256 of the whole file, without
    reading its records (for the cover sheet printed with a package just written). Raises PackageError."""
    path = Path(path)
    try:
        file_sha = _file_sha256(path)
    except OSError as exc:
        raise _damaged(path.name, exc) from exc
    return _manifest(path, check_signature=True), file_sha


def peek_manifest(path) -> Manifest:
    """The manifest of a package alone, neither hashing the file nor reading its records
    (to put a folder's packages in order before importing them). Raises PackageError."""
    return _manifest(path, check_signature=False)


def _manifest(path, check_signature: bool) -> Manifest:
    path = Path(path)
    label = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(MANIFEST)
            budget = [MAX_TOTAL_BYTES]
            raw = _read(archive, info, label, MAX_MANIFEST_BYTES, None, budget)
            manifest = parse_manifest(raw, label)
            if check_signature:
                signature = archive.getinfo(SIGNATURE) if SIGNATURE in archive.namelist() else None
                _check_signature(archive, signature, raw, manifest, label, budget)
    except PackageError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError) as exc:
        raise _damaged(label, exc) from exc
    return manifest


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(READ_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_name(info: zipfile.ZipInfo, label: str, seen: set[str]) -> str:
    name = info.filename

    def refuse(why: str) -> PackageError:
        return PackageError(
            _("{file} holds a member that is not allowed ({name}): {problem}.").format(
                file=label, name=name[:120], problem=why
            )
        )

    if info.orig_filename != name or "\\" in info.orig_filename:
        raise refuse(_("its name has a backslash or a zero byte"))
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise refuse(_("its name is an absolute path"))
    if ".." in name.split("/"):
        raise refuse(_("its name leads out of the package"))
    if name in seen:
        raise refuse(_("it appears twice"))
    if not allowed_member(name):
        raise refuse(_("a package holds only manifest.json, data/<table>.jsonl and photos/<sha256>.jpg"))
    seen.add(name)
    return name


def _verify_archive(path: Path, archive: zipfile.ZipFile, file_sha: str) -> Package:
    label = path.name
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageError(
            _("{file} has {count} members; a package may have at most {limit}.").format(
                file=label, count=len(infos), limit=MAX_MEMBERS
            )
        )
    seen: set[str] = set()
    by_name = {_check_name(info, label, seen): info for info in infos}
    if MANIFEST not in by_name:
        raise PackageError(_("{file} is not a Fulian Ledger package (it has no manifest.json).").format(file=label))
    budget = [MAX_TOTAL_BYTES]
    raw = _read(archive, by_name[MANIFEST], label, MAX_MANIFEST_BYTES, None, budget)
    manifest = parse_manifest(raw, label)
    _check_signature(archive, by_name.get(SIGNATURE), raw, manifest, label, budget)
    listed, present = set(manifest.members), set(by_name) - {MANIFEST, SIGNATURE}
    for name in sorted(listed - present):
        raise PackageError(
            _("{file} is incomplete: {name}, listed in its manifest, is missing.").format(file=label, name=name)
        )
    for name in sorted(present - listed):
        raise PackageError(_("{file} holds {name}, which its manifest does not list.").format(file=label, name=name))
    if sum(m.bytes for m in manifest.members.values()) > MAX_TOTAL_BYTES:
        raise PackageError(
            _("{file} is larger than a package may be ({limit} MB).").format(
                file=label, limit=MAX_TOTAL_BYTES // (1024 * 1024)
            )
        )

    _check_record_limits(manifest, label)

    package = Package(path, manifest, file_sha)
    for spec in table_specs():
        name = data_member(spec.name)
        if name not in by_name:
            package.records[spec.name] = []
            continue
        expected = manifest.members[name]
        raw = _read(archive, by_name[name], label, MAX_MEMBER_BYTES, expected, budget, max_lines=expected.records)
        package.records[spec.name] = _parse_records(raw, spec, label, name, manifest)
        if len(package.records[spec.name]) != expected.records:
            raise PackageError(
                _("{file}: {name} holds {found} records, its manifest says {expected}.").format(
                    file=label, name=name, found=len(package.records[spec.name]), expected=expected.records
                )
            )
    for name in sorted(listed):
        match = PHOTO_MEMBER_RE.match(name)
        if match:
            data = _read(archive, by_name[name], label, MAX_PHOTO_BYTES, manifest.members[name], budget)
            _check_photo(data, label, name)
            package.photos.append(match.group(1))
    return package


def record_limit(source_code: str) -> int:
    """How many records a package from ``source_code`` may carry in all."""
    try:
        level = units.level_of(source_code)
    except ValueError:
        level = units.VILLAGE
    return MAX_RECORDS.get(level, MAX_MEMBER_RECORDS)


def _check_record_limits(manifest: Manifest, label: str) -> None:
    """The records the manifest announces, against the limits per member and in all, before anything is read."""
    total = 0
    for name, member in sorted(manifest.members.items()):
        if PHOTO_MEMBER_RE.match(name):
            continue
        if member.records > MAX_MEMBER_RECORDS:
            raise PackageError(
                _("{file}: {name} holds {count} records; a package member may hold at most {limit}.").format(
                    file=label, name=name, count=member.records, limit=MAX_MEMBER_RECORDS
                )
            )
        total += member.records
    limit = record_limit(manifest.source_code)
    if total > limit:
        raise PackageError(
            _(
                "{file} holds {count} records; a package from a {level} may hold at most {limit}. "
                "It was not imported; ask the unit whether the package is right."
            ).format(file=label, count=total, level=units.level_label(manifest.source_code), limit=limit)
        )


def _check_signature(archive, info, raw: bytes, manifest: Manifest, label: str, budget: list[int]) -> None:
    """A signed manifest's signature must be its key's over its exact bytes; an unsigned one has none.

    This says only that the package is as the holder of that key made it;
    whether the key is trusted for its unit is the importer's question.
    """
    if manifest.installation_key is None:
        if info is not None:
            raise PackageError(
                _("{file} holds a signature, but its manifest (package format {version}) names no key.").format(
                    file=label, version=manifest.format_version
                )
            )
        return
    if info is None:
        raise PackageError(
            _("{file} is not signed (manifest.sig is missing); ask for it to be exported again.").format(file=label)
        )
    signature = _read(archive, info, label, signing.SIGNATURE_BYTES, None, budget)
    if not signing.signature_valid(manifest.installation_key, signature, raw):
        raise PackageError(
            _(
                "{file}: its signature does not match its contents: it was changed after it was made, or was "
                "not made by the installation it names. It was not imported; ask the unit to send it again."
            ).format(file=label)
        )


def _read(archive, info, label: str, limit: int, expected, budget: list[int], max_lines: int | None = None) -> bytes:
    """A member's bytes, counted as read; stops past ``limit``, the manifest's size, the total budget
    or, for records, past ``max_lines`` lines (its record count), before anything is parsed."""
    name = info.filename
    too_large = PackageError(
        _("{file}: {name} is larger than a package member may be ({limit} bytes).").format(
            file=label, name=name, limit=limit
        )
    )
    if expected is not None and expected.bytes > limit:
        raise too_large
    digest = hashlib.sha256()
    parts, count, lines = [], 0, 0
    with archive.open(info) as member:
        while True:
            chunk = member.read(READ_CHUNK)
            if not chunk:
                break
            count += len(chunk)
            budget[0] -= len(chunk)
            if count > limit:
                raise too_large
            if budget[0] < 0:
                raise PackageError(_("{file} unpacks to more than a package may hold.").format(file=label))
            if expected is not None and count > expected.bytes:
                break
            if max_lines is not None:
                lines += chunk.count(b"\n")
                if lines > max_lines:
                    raise PackageError(
                        _(
                            "{file}: {name} holds more records than its manifest says ({count}); the file was "
                            "changed or damaged. It was not imported."
                        ).format(file=label, name=name, count=max_lines)
                    )
            digest.update(chunk)
            parts.append(chunk)
    if expected is not None:
        if count != expected.bytes:
            raise PackageError(
                _(
                    "{file}: {name} has {found} bytes, its manifest says {expected}; the file was changed or damaged."
                ).format(file=label, name=name, found=count, expected=expected.bytes)
            )
        if digest.hexdigest() != expected.sha256:
            raise PackageError(
                _("{file}: {name} does not match its checksum; the file was changed or damaged.").format(
                    file=label, name=name
                )
            )
    return b"".join(parts)


def _check_photo(data: bytes, label: str, name: str) -> None:
    from PIL import Image

    from ..photos import MAX_PIXELS

    try:
        with Image.open(io.BytesIO(data)) as image:
            ok = image.format == "JPEG" and image.width * image.height <= MAX_PIXELS and "exif" not in image.info
    except Exception:
        ok = False
    if not ok:
        raise PackageError(_("{file}: {name} is not a cleaned JPEG photo.").format(file=label, name=name))


# --- records ---------------------------------------------------------------------------------


def _value(column: Column, value):
    """The checked JSON-form value of one column; raises _Bad with the reason."""
    if value is None:
        if not column.null:
            raise _Bad(_("{column} is empty").format(column=column.name))
        return None
    kind = column.kind
    if kind == TEXT:
        if not isinstance(value, str):
            raise _Bad(_("{column} is not text").format(column=column.name))
        problem = fields.text_problem(column.table, column.name, value, lines_ok=True, names=False)
        if problem:
            raise _Bad(problem)
        if column.max_length and len(value) > column.max_length:
            raise _Bad(
                _("{column} is longer than {n} characters").format(
                    column=fields.label(column.table, column.name), n=column.max_length
                )
            )
        return value
    if kind == BOOL:
        if not isinstance(value, bool):
            raise _Bad(_("{column} is not true or false").format(column=column.name))
        return value
    if kind == INT:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _Bad(_("{column} is not a whole number").format(column=column.name))
        if not -INT_LIMIT <= value < INT_LIMIT:
            raise _Bad(_("{column} is out of range (at most {n})").format(column=column.name, n=INT_LIMIT - 1))
        return value
    if kind == REAL:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise _Bad(_("{column} is not a number").format(column=column.name))
        return float(value)
    if kind == DATE:
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return _dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise _Bad(_("{column} is not a date (YYYY-MM-DD)").format(column=column.name)) from None
    if kind == DATETIME:
        try:
            if not isinstance(value, str) or len(value) > 40:
                raise ValueError
            moment = _dt.datetime.fromisoformat(value)
        except ValueError:
            raise _Bad(_("{column} is not a date and time").format(column=column.name)) from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(_dt.UTC).replace(tzinfo=None)
        return moment.isoformat()
    raise AssertionError(kind)


def _parse_records(raw: bytes, spec, label: str, member: str, manifest: Manifest) -> list[tuple]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PackageError(_("{file}: {name} is not UTF-8 text.").format(file=label, name=member)) from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    cache: dict = {}
    try:
        fast = _fast_records(lines, spec, manifest.source_code, cache)
    except Exception:
        fast = None
    rows = fast if fast is not None else _checked_lines(lines, spec, label, member, manifest, cache)
    if spec.name == "election":
        _check_election_rules(rows, spec, label, member)
    _check_codes(rows, spec, label, member)
    _check_periods(rows, spec, label, member)
    return rows


# A month ("2026-11") or, for the yearly registers, a year ("2026"): the county's forms look them up by period.
PERIOD_COLUMNS = {"dispute_report": "month", "care_count": "period"}
_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_YEAR_RE = re.compile(r"^\d{4}$")


def _check_periods(rows: list[tuple], spec, label: str, member: str) -> None:
    column = PERIOD_COLUMNS.get(spec.name)
    if column is None:
        return
    at, uuid_at = spec.index(column), spec.index("uuid")
    yearly = spec.index("register") if spec.name == "care_count" else None
    for row in rows:
        value = row[at]
        good = _MONTH_RE.match(value) or (
            yearly is not None and row[yearly] in ("care", "screening") and _YEAR_RE.match(value)
        )
        if not good:
            raise PackageError(
                _("{file}: {name}, record {uuid}: {column} is {value}, which is not a month or a year.").format(
                    file=label, name=member, uuid=row[uuid_at], column=column, value=value
                )
            )


def _check_codes(rows: list[tuple], spec, label: str, member: str) -> None:
    uuid_at = spec.index("uuid")
    for (table, column), allowed in code_columns().items():
        if table != spec.name or not rows:
            continue
        at = spec.index(column)
        unknown = {row[at] for row in rows} - set(allowed)
        if unknown:
            row = next(row for row in rows if row[at] in unknown)
            raise PackageError(
                _("{file}: {name}, record {uuid}: {column} is {value}, which this version does not know.").format(
                    file=label, name=member, uuid=row[uuid_at], column=column, value=row[at]
                )
            )


def _check_election_rules(rows: list[tuple], spec, label: str, member: str) -> None:
    """An election counted by rules this version does not know would be counted and printed by the defaults:
    refused, naming the rule (a package of a newer version says so by its format version first)."""
    from types import SimpleNamespace

    from models.elections.records import rules_problems

    names = ("uuid", "quorum", "tie_break", "surplus_percent", "surplus_rounding")
    at = {name: spec.index(name) for name in names}
    for row in rows:
        values = SimpleNamespace(**{name: row[index] for name, index in at.items()})
        problems = rules_problems(values)
        if problems:
            raise PackageError(
                _("{file}: {name}, record {uuid}: {problem}").format(
                    file=label, name=member, uuid=values.uuid, problem=problems[0].message
                )
            )


# The fast path accepts only members that the line-by-line path below would accept
# unchanged: every line one canonical record, every value already in the form
# _value returns. Anything else (including every hostile input) goes the slow way,
# which finds the first bad line and says what is wrong with it.


def _refuse_constant(name):
    raise ValueError(name)


_NONE_TYPE = type(None)
_not_none = partial(operator.is_not, None)
_tzinfo = operator.attrgetter("tzinfo")
_TYPES: dict[str, set[type]] = {TEXT: {str}, BOOL: {bool}, INT: {int}, REAL: {float}, DATE: {str}, DATETIME: {str}}


def _canonical_column(column: Column, values: Sequence) -> bool:
    """True when every value of one column is one _value accepts and returns unchanged."""
    allowed = _TYPES[column.kind]
    types = set(map(type, values))
    if _NONE_TYPE in types:
        if not column.null:
            return False
        types.discard(_NONE_TYPE)
        values = list(filter(_not_none, values))
        if not values:
            return True
    if not types <= allowed:
        return False
    kind = column.kind
    if kind == TEXT:
        if column.max_length and max(map(len, values)) > column.max_length:
            return False
        return not fields.FORBIDDEN.search("".join(values))
    if kind == INT:
        return -INT_LIMIT <= min(values) and max(values) < INT_LIMIT
    if kind == REAL:
        return all(map(math.isfinite, values))
    if kind == DATE:
        if set(map(len, values)) != {10}:
            return False
        return list(map(_dt.date.isoformat, map(_dt.date.fromisoformat, values))) == list(values)
    if kind == DATETIME:
        if max(map(len, values)) > 40:
            return False
        moments = list(map(_dt.datetime.fromisoformat, values))
        if set(map(_tzinfo, moments)) != {None}:
            return False
        return list(map(_dt.datetime.isoformat, moments)) == list(values)
    return kind == BOOL


def _fast_records(lines: list[str], spec, source: str, cache: dict) -> list[tuple] | None:
    """The member's rows when it is entirely canonical, else None (never raises a verdict itself)."""
    names = spec.column_names
    if not lines:
        return []
    if len(names) < 2:
        return None
    wanted = frozenset(names)
    pick = operator.itemgetter(*names)
    # object_pairs_hook=tuple keeps duplicate keys visible without a Python call per object;
    # a decoder per member, as its scanner keeps state while it runs.
    decoder = json.JSONDecoder(object_pairs_hook=tuple, parse_constant=_refuse_constant)
    scan = decoder.scan_once  # type: ignore[attr-defined]  # typeshed omits it; JSONDecoder.__init__ sets it
    out: list[tuple] = []
    append = out.append
    for line in lines:
        record, end = scan(line, 0)
        if end != len(line) or type(record) is not tuple:
            return None
        fields = dict(record)
        if len(fields) != len(record) or fields.keys() != wanted:
            return None  # a duplicate, unknown or missing key
        append(pick(fields))
    columns = list(zip(*out))
    for column, values in zip(spec.columns, columns):
        if not _canonical_column(column, values):
            return None
    uuids = columns[spec.index("uuid")]
    if not all(map(_UUID_RE.match, uuids)) or len(set(uuids)) != len(uuids):
        return None
    owners = set(columns[spec.index("unit")])
    if spec.name == "unit":
        owners |= set(columns[spec.index("code")])
    if not all(_rows.in_subtree(code, source, cache) for code in owners):
        return None
    return out


def refused_value(spec, rows: list[tuple]) -> str | None:
    """Why the importer would refuse one of these JSON-form rows (the exporter asks first), or None."""
    if not rows or all(_canonical_column(c, v) for c, v in zip(spec.columns, zip(*rows))):
        return None
    uuid_at = spec.index("uuid")
    for row in rows:
        for column, value in zip(spec.columns, row):
            try:
                _value(column, value)
            except _Bad as exc:
                return _("record {uuid}: {problem}").format(uuid=row[uuid_at], problem=exc)
    return None


def _checked_lines(lines: list[str], spec, label: str, member: str, manifest: Manifest, cache: dict) -> list[tuple]:
    columns = spec.columns
    names = set(spec.column_names)
    uuid_at, unit_at = spec.index("uuid"), spec.index("unit")
    code_at = spec.index("code") if spec.name == "unit" else None
    source = manifest.source_code
    seen: set[str] = set()
    out = []
    for number, line in enumerate(lines, 1):
        try:
            try:
                # No depth walk: _value below refuses any value that is not a scalar.
                record = strict_json(line, None)
            except ValueError as exc:
                raise _Bad(str(exc)) from None
            if not isinstance(record, dict):
                raise _Bad(_("a line must hold one record (a JSON object)"))
            if set(record) != names:
                unknown = sorted(set(record) - names)[:3]
                missing = sorted(names - set(record))[:3]
                raise _Bad(
                    _("the fields do not match the table (unknown: {unknown}; missing: {missing})").format(
                        unknown=", ".join(unknown) or "-", missing=", ".join(missing) or "-"
                    )
                )
            row = tuple(_value(column, record[column.name]) for column in columns)
            if not is_uuid(row[uuid_at]):
                raise _Bad(_("uuid is not a uuid"))
            if row[uuid_at] in seen:
                raise _Bad(_("the record {uuid} appears twice").format(uuid=row[uuid_at]))
            for at in (unit_at, code_at):
                if at is not None and not _rows.in_subtree(row[at], source, cache):
                    raise _Bad(
                        _("the record belongs to unit {unit}, which is neither {source} nor below it").format(
                            unit=row[at], source=source
                        )
                    )
        except _Bad as exc:
            raise PackageError(
                _("{file}: {name}, line {line}: {problem}.").format(file=label, name=member, line=number, problem=exc)
            ) from None
        seen.add(row[uuid_at])
        out.append(row)
    return out


# --- against the importer's database ----------------------------------------------------------


def _verify_against_database(package: Package) -> None:
    label, manifest = package.label, package.manifest
    own = units.own_unit()
    if own is None:
        raise PackageError(_("This database has no unit yet; set it before importing {file}.").format(file=label))
    if not units.is_below(manifest.source_code, own.code):
        raise PackageError(
            _(
                "{file} comes from {name} ({code}), which is not below this installation's unit "
                "{own} ({own_code}); it was not imported."
            ).format(file=label, name=manifest.source_name, code=manifest.source_code, own=own.name, own_code=own.code)
        )
    package.own_code = own.code
    specs = table_specs()
    uuids = {spec.name: set(map(operator.itemgetter(spec.index("uuid")), package.records[spec.name])) for spec in specs}
    cache: dict = {}
    for spec in specs:
        for uuid, unit in _rows.owners_of(spec.name, uuids[spec.name]).items():
            if not _rows.in_subtree(unit, manifest.source_code, cache):
                raise PackageError(
                    _(
                        "{file}: the record {uuid} ({table}) belongs to unit {unit} here; "
                        "a package from {source} cannot change it."
                    ).format(file=label, uuid=uuid, table=spec.name, unit=unit, source=manifest.source_code)
                )
    photos_in_package = set(package.photos)
    all_uuids = set().union(*uuids.values())
    for spec in specs:
        rows = package.records[spec.name]
        for column in spec.columns:
            if column.ref is None or not rows:
                continue
            at = spec.index(column.name)
            values = set(map(operator.itemgetter(at), rows))
            values.discard(None)
            if column.ref == PHOTO_TABLE:
                missing = values - photos_in_package
                missing -= _rows.existing_keys(PHOTO_TABLE, "sha256", missing)
                if missing and package.photos:
                    raise PackageError(
                        _(
                            "{file}: a photo link refers to the photo {digest}, which is neither in the "
                            "package nor here."
                        ).format(file=label, digest=sorted(missing)[0])
                    )
                uuid_at = spec.index("uuid")
                package.skipped_links = {row[uuid_at] for row in rows if row[at] in missing}
                continue
            if column.ref == OWNER:
                missing = values - all_uuids
                for table in OWNER_TABLES:
                    missing -= _rows.existing_keys(table, "uuid", missing)
            else:
                missing = values - uuids[column.ref]
                missing -= _rows.existing_keys(column.ref, "uuid", missing)
            if missing:
                raise PackageError(
                    _(
                        "{file}: a {table} record refers to {target} {uuid}, which is neither in the package nor here."
                    ).format(
                        file=label,
                        table=spec.name,
                        target=column.ref if column.ref != OWNER else _("record"),
                        uuid=sorted(missing)[0],
                    )
                )
