"""Writing a .fulian package: this unit's records and the latest snapshots of the units below it.

The package is written to a temporary file beside the target and renamed at
the end, so a failed export never leaves a half-written package behind.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import uuid as _uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models import access_log, care_counts, meta, units
from models.exchange import rows as _rows

from ..base import database, utcnow
from ..duties import contacts as contact_rules
from ..duties import households as household_rules
from ..duties import needs as need_rules
from ..duties.households import PHONE_COLUMN
from ..homes import PRIVATE_COLUMNS
from ..i18n import _
from ..people import mask_id_number, mask_phone
from ..version import APP_VERSION
from . import signing
from .manifest import ID_NUMBER_CHOICES, MANIFEST, PHONE_CHOICES, SIGNATURE, MemberInfo, PackageError, manifest_dict
from .tables import data_member, photo_member, quote, table_specs
from .verify import refused_value

Progress = Callable[[int, int], None]
# The meta key of the last package written: JSON {at (naive UTC), file, package_id, sequence, records}.
LAST_EXPORT = "last_export"


@dataclass
class ExportResult:
    """What an export wrote."""

    path: Path
    package_id: str
    sequence: int
    records: dict[str, int] = field(default_factory=dict)
    photos: int = 0
    bytes: int = 0


@dataclass(frozen=True)
class LastExport:
    """The last package written from this database, whoever wrote it (the GUI or the command line)."""

    at: _dt.datetime  # naive UTC, when the export began: records saved after it have not travelled
    path: Path
    package_id: str
    sequence: int
    records: int


def last_export() -> LastExport | None:
    """The last export recorded in this database, or None (never exported, or an unreadable entry)."""
    text = meta.get(LAST_EXPORT)
    if not text:
        return None
    try:
        value = json.loads(text)
        return LastExport(
            _dt.datetime.fromisoformat(value["at"]),
            Path(value["file"]),
            str(value["package_id"]),
            int(value["sequence"]),
            int(value["records"]),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _record_export(result: ExportResult, started: _dt.datetime, unit: str, id_numbers: str, phones: str) -> None:
    entry = {
        "at": started.isoformat(sep=" "),
        "file": str(result.path),
        "package_id": result.package_id,
        "sequence": result.sequence,
        "records": sum(result.records.values()),
    }
    with database.atomic():
        meta.put(LAST_EXPORT, json.dumps(entry, ensure_ascii=False))
        access_log.record(unit, access_log.EXPORT, file=str(result.path), id_numbers=id_numbers, phones=phones)


def changed_since(moment: _dt.datetime) -> int:
    """How many travelling records (of this unit and the units below) were saved after ``moment`` (naive UTC)."""
    total = 0
    for spec in table_specs():
        if "updated_at" not in spec.column_names:
            continue
        row = database.execute_sql(
            f"SELECT count(*) FROM {quote(spec.name)} WHERE {quote('updated_at')} > {database.param}",
            (moment.isoformat(sep=" "),),
        ).fetchone()
        total += row[0] if row else 0
    return total


def default_package_name(unit=None, now: _dt.datetime | None = None) -> str:
    """<code>_<unit name>_<YYYYMMDD-HHMMSS>.fulian (local time, characters Windows forbids removed)."""
    unit = unit or units.own_unit()
    if unit is None:
        raise PackageError(_("This database has no unit yet; set it before exporting."))
    now = now or _dt.datetime.now()
    name = re.sub(r'[\\/:*?"<>|\s]+', "", unit.name) or unit.code
    return f"{unit.code}_{name}_{now:%Y%m%d-%H%M%S}.fulian"


def next_sequence() -> int:
    """Take the next package number in a transaction of its own: a failed export burns it, never reuses it."""
    with database.atomic():
        number = int(meta.get(meta.EXPORT_SEQUENCE) or 0) + 1
        meta.put(meta.EXPORT_SEQUENCE, str(number))
    return number


# The columns holding phone numbers, masked in a package unless the cadre sends them in full.
PHONE_COLUMNS = {"person": "phone", "home": "manager_phone", "trainee": "phone", "household": PHONE_COLUMN}


@dataclass(frozen=True)
class _StaysHome:
    """Which records travel as counts only: their words would name women or their troubles."""

    activities: set[str]  # sensitive activities
    contacts: set[str]  # contacts the cadre did not let travel
    needs: set[str]  # needs found only in such contacts


def _stays_home(specs, all_rows: dict[str, list[tuple]]) -> _StaysHome:
    by_name = {spec.name: spec for spec in specs}
    activity, contact, link = by_name["activity"], by_name["contact"], by_name["need_contact"]
    sensitive = {row[activity.index("uuid")] for row in all_rows["activity"] if row[activity.index("sensitive")]}
    contacts = {row[contact.index("uuid")] for row in all_rows["contact"] if not row[contact.index("may_travel")]}
    sources: dict[str, set[str]] = {}
    for row in all_rows["need_contact"]:
        sources.setdefault(row[link.index("need")], set()).add(row[link.index("contact")])
    needs = {need for need, found_in in sources.items() if found_in <= contacts}
    return _StaysHome(sensitive, contacts, needs)


def _blanked(spec, rows: list[tuple], columns, chosen: Callable[[tuple], bool]) -> list[tuple]:
    blank = {spec.index(name) for name in columns}
    return [tuple("" if i in blank else v for i, v in enumerate(row)) if chosen(row) else row for row in rows]


def _apply_privacy(spec, rows: list[tuple], id_numbers: str, phones: str, home: _StaysHome) -> list[tuple]:
    if spec.name in PHONE_COLUMNS and phones != "full":
        at = spec.index(PHONE_COLUMNS[spec.name])
        rows = [row[:at] + (mask_phone(row[at]),) + row[at + 1 :] for row in rows]
    uuid_at = spec.index("uuid")
    if spec.name == "person" and id_numbers != "full":
        at = spec.index("id_number")
        change = (lambda v: None) if id_numbers == "omitted" else (lambda v: mask_id_number(v) or None)
        return [row[:at] + (change(row[at]),) + row[at + 1 :] for row in rows]
    if spec.name == "household":
        # The women's names, the address and the notes ("丈夫酗酒") never leave the unit.
        return _blanked(spec, rows, household_rules.PRIVATE_COLUMNS, lambda row: True)
    if spec.name == "contact":
        # A contact the cadre kept home goes up as a record to count (date, way, member, handling),
        # without its words or the household visited. Its household column may be null.
        rows = _blanked(spec, rows, contact_rules.PRIVATE_COLUMNS, lambda row: row[uuid_at] in home.contacts)
        at = spec.index("household")
        return [row[:at] + (None,) + row[at + 1 :] if row[uuid_at] in home.contacts else row for row in rows]
    if spec.name == "need_contact":
        # The link would tell which visit (and so which household) a need came from.
        at = spec.index("contact")
        return [row for row in rows if row[at] not in home.contacts]
    if spec.name == "need":
        return _blanked(spec, rows, need_rules.PRIVATE_COLUMNS, lambda row: row[uuid_at] in home.needs)
    if spec.name == "dispute_report":
        # The report says the unit reported the month (or "none this month"); its notes may name a family.
        at = spec.index("notes")
        return [row[:at] + ("",) + row[at + 1 :] for row in rows]
    if spec.name == "activity" and home.activities:
        # Sensitive activities travel as a category and counts only: title, place, leader and
        # free text may name the people concerned ("调解张三梅家庭暴力纠纷", "张三梅家").
        return _blanked(spec, rows, PRIVATE_COLUMNS, lambda row: row[uuid_at] in home.activities)
    if spec.name == "activity_participant":
        at = spec.index("activity")
        return [row for row in rows if row[at] not in home.activities]
    if spec.name == "photo_link":
        at = spec.index("owner")
        return [row for row in rows if row[at] not in home.activities]
    return rows


def export_package(
    out_path,
    scope_from: _dt.date | None = None,
    scope_to: _dt.date | None = None,
    photos: bool = True,
    id_numbers: str = "omitted",
    progress: Progress | None = None,
    phones: str = "masked",
) -> ExportResult:
    """Write the package for the own unit to ``out_path``; raises PackageError with a message for the user."""
    out_path = Path(out_path)
    if id_numbers not in ID_NUMBER_CHOICES:
        raise ValueError(f"id_numbers must be one of {ID_NUMBER_CHOICES}")
    if phones not in PHONE_CHOICES:
        raise ValueError(f"phones must be one of {PHONE_CHOICES}")
    if scope_from and scope_to and scope_from > scope_to:
        raise PackageError(_("The period ends before it begins."))
    own = units.own_unit()
    if own is None:
        raise PackageError(_("This database has no unit yet; set it before exporting."))
    installation = meta.get(meta.INSTALLATION_ID)
    assert installation is not None  # open_database gives every database its installation id
    # A database made before packages were signed gets its key pair at its first export.
    public_key = signing.ensure_installation_key()
    started = utcnow()
    # The rights-and-care registers travel as counts: this unit's are computed now (the units' below came in
    # their packages).
    care_counts.refresh(own.code)

    specs = table_specs()
    all_rows = {spec.name: _rows.subtree_rows(spec, own.code) for spec in specs}
    in_scope = _rows.scoped(all_rows, scope_from, scope_to)
    home = _stays_home(specs, all_rows)
    chosen: dict[str, list[tuple]] = {}
    for spec in specs:
        keep = in_scope[spec.name]
        uuid_at = spec.index("uuid")
        chosen[spec.name] = _apply_privacy(
            spec, [r for r in all_rows[spec.name] if r[uuid_at] in keep], id_numbers, phones, home
        )
    del all_rows
    for spec in specs:
        problem = refused_value(spec, chosen[spec.name])
        if problem:
            raise PackageError(
                _(
                    "Nothing was exported: {problem}. Correct the record (a check lists them all) and export again."
                ).format(problem=problem)
            )
    link_spec = specs[-1]
    digests = sorted({row[link_spec.index("photo")] for row in chosen["photo_link"]}) if photos else []

    sequence = next_sequence()
    package_id = str(_uuid.uuid4())
    total = len(specs) + len(digests) + 1
    done = 0
    members: dict[str, MemberInfo] = {}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(f".{out_path.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for spec in specs:
                names = spec.column_names
                body = "".join(
                    json.dumps(dict(zip(names, row)), ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
                    for row in chosen[spec.name]
                ).encode("utf-8")
                path = data_member(spec.name)
                archive.writestr(path, body)
                members[path] = MemberInfo(hashlib.sha256(body).hexdigest(), len(body), len(chosen[spec.name]))
                done += 1
                if progress:
                    progress(done, total)
            sql = f"SELECT {quote('data')} FROM {quote('photo')} WHERE {quote('sha256')} = {database.param}"
            for digest in digests:
                row = database.execute_sql(sql, (digest,)).fetchone()
                if row is None:
                    raise PackageError(
                        _("The photo {digest} is missing from the database; run a check.").format(digest=digest[:12])
                    )
                data = bytes(row[0])
                path = photo_member(digest)
                # JPEG does not shrink further; storing saves time on both ends.
                archive.writestr(
                    zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_STORED
                )
                members[path] = MemberInfo(hashlib.sha256(data).hexdigest(), len(data), 0)
                done += 1
                if progress:
                    progress(done, total)
            manifest = manifest_dict(
                app_version=APP_VERSION,
                package_id=package_id,
                created_at=_dt.datetime.now(_dt.UTC),
                installation_id=installation,
                sequence=sequence,
                source={"code": own.code, "name": own.name, "level": own.level},
                scope_from=scope_from,
                scope_to=scope_to,
                members=members,
                id_numbers=id_numbers,
                phones=phones,
                installation_key=public_key,
            )
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            archive.writestr(MANIFEST, manifest_bytes)
            # The signature covers the manifest's exact bytes; its member hashes bind everything else.
            archive.writestr(SIGNATURE, signing.sign(manifest_bytes))
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, out_path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PackageError(_("Cannot write {path}: {error}").format(path=out_path, error=exc.strerror or exc)) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    result = ExportResult(
        out_path,
        package_id,
        sequence,
        {name: len(rows) for name, rows in chosen.items()},
        len(digests),
        out_path.stat().st_size,
    )
    _record_export(result, started, own.code, id_numbers, phones)
    if progress:
        progress(total, total)
    return result
