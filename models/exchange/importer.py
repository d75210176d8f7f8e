"""Importing a verified package: one transaction that makes the source's snapshot the package's.

Records are upserted in bulk (tuples through the connection's executemany
with a portable ``INSERT … ON CONFLICT(uuid) DO UPDATE``); records of the
source within the package's scope that the package no longer carries are
tombstoned. The import log makes a second import of the same package a no-op
and decides staleness by sequence within one installation, never by clock.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    IntegrityError,
    TextField,
)

from models import units
from models.exchange import rows as _rows

from .. import clerk
from ..base import CHANGED_BY, BaseModel, Record, database, new_uuid, touched_sql, utcnow
from ..db import lock_in_transaction
from ..i18n import _
from . import signing
from .manifest import PackageError
from .tables import PHOTO_TABLE, data_member, photo_member, quote, rows_to_db, sealed_row, stored_names, table_specs
from .verify import Package, _file_sha256, verify_package

Progress = Callable[[int, int], None]
IMPORTED, ALREADY_IMPORTED = "imported", "already imported"
# How an imported package carried phone numbers (import_log.phones): as its manifest says, or not said
# (a version before privacy.phones, which sent them in full).
PHONES_MASKED, PHONES_FULL, PHONES_UNSTATED = "masked", "full", "unstated"
# A package that would tombstone more than this share of the live records held of its unit (and the
# units below it) is applied only when the user confirms it (the command line: --allow-large-removal).
LARGE_REMOVAL_SHARE = 0.3
# ... or of one kind of record, counted once the unit holds at least this many of that kind.
LARGE_REMOVAL_MIN_KIND = 10


class ImportLog(Record):
    """One imported package: who sent it, its number, when, and what it changed (does not travel)."""

    # Unique among the imports that stand (a partial index): a rolled-back import is tombstoned and
    # its package may be imported again.
    package_id = CharField(max_length=36)
    source_code = CharField(max_length=12)
    source_name = CharField(max_length=100, default="")
    installation_id = CharField(max_length=36)
    sequence = IntegerField()
    package_created_at = DateTimeField()
    imported_at = DateTimeField()
    file_name = CharField(max_length=260, default="")
    file_sha256 = CharField(max_length=64)
    counts = TextField(default="{}")
    scope_from = DateField(null=True)
    scope_to = DateField(null=True)
    id_numbers = CharField(max_length=8, default="omitted")
    undoable = BooleanField(default=False)  # what it overwrote is in import_change (imports since step 10)
    # Since step 13 ('' before: not recorded): the signing key's fingerprint ('' unsigned), whether this
    # import pinned that key for its unit (signing.FIRST_IMPORT or signing.CONFIRMED), and how the
    # package carried phone numbers (PHONES_MASKED, PHONES_FULL or PHONES_UNSTATED).
    key_fingerprint = CharField(max_length=24, default="")
    key_pinned = CharField(max_length=16, default="")
    phones = CharField(max_length=8, default="")
    # Since step 17 ('' before: not recorded): the clerk who imported the package (models.clerk).
    imported_by = CharField(max_length=100, default="")

    class Meta:
        table_name = "import_log"
        indexes = ((("source_code", "imported_at"), False),)


ImportLog.add_index(ImportLog.index(ImportLog.package_id, unique=True).where(ImportLog.deleted == False))


class ImportChange(BaseModel):
    """One record an import wrote or tombstoned, with its values before (none: the import added it)."""

    # Looked up by the unique index below, which starts with this column.
    import_log = ForeignKeyField(ImportLog, column_name="import_log", on_delete="CASCADE", index=False)
    table_name = CharField(max_length=40)
    record = CharField(max_length=36)
    previous = TextField(null=True)  # JSON list of the row as it travels, in the table's column order

    class Meta:
        table_name = "import_change"
        primary_key = False
        indexes = ((("import_log", "table_name", "record"), True),)


@dataclass
class TableCounts:
    """What an import did (or, in a dry run, would do) to one table."""

    added: int = 0
    changed: int = 0
    tombstoned: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class SnapshotInfo:
    """One package of a source, as shown when two installations of a unit compete."""

    package_id: str
    installation_id: str
    sequence: int
    created_at: _dt.datetime  # aware UTC
    source_code: str
    source_name: str


@dataclass(frozen=True)
class Confirmation:
    """What the user must confirm before a package is applied: its key is not trusted for its unit, or it has none.

    The user compares ``fingerprint`` (for an unsigned package, the file's
    SHA-256) with the paper cover sheet the unit signed and stamped.
    """

    file: str
    source_code: str
    source_name: str
    fingerprint: str | None  # the signing key's; None for an unsigned (version 1) package
    file_sha256: str
    known: tuple[str, ...] = ()  # fingerprints of the keys trusted for the unit so far

    @property
    def unsigned(self) -> bool:
        return self.fingerprint is None

    def matches(self, typed: str) -> bool:
        """True when what the user typed from the cover sheet is this package's fingerprint (or file hash)."""
        if self.fingerprint is None:
            return signing.file_hash_matches(self.file_sha256, typed)
        return signing.fingerprint_matches(self.fingerprint, typed)

    def message(self) -> str:
        if self.fingerprint is None:
            return _(
                "{file} from {name} ({code}) is not signed (an older package format); it was not imported. "
                "Compare the SHA-256 of the file, {sha}, with the one on its cover sheet, and accept it only if "
                "they match."
            ).format(file=self.file, name=self.source_name, code=self.source_code, sha=self.file_sha256)
        return _(
            "{file} is signed by an installation of {name} ({code}) that is not known here, with the key "
            "fingerprint {fingerprint}; it was not imported. Compare the fingerprint with the one on the "
            "package's cover sheet, signed and stamped by the unit, and confirm it only if they match."
        ).format(file=self.file, name=self.source_name, code=self.source_code, fingerprint=self.fingerprint)


class UnconfirmedPackage(PackageError):
    """A package that needs the user's confirmation of its key (or of an unsigned file) before it is applied."""

    def __init__(self, confirmation: Confirmation):
        super().__init__(confirmation.message())
        self.confirmation = confirmation


@dataclass
class ImportResult:
    """The outcome of importing one package."""

    path: Path
    status: str
    source_code: str
    source_name: str
    installation_id: str
    sequence: int
    dry_run: bool = False
    package_id: str = ""
    created_at: _dt.datetime | None = None  # when the package was made (aware UTC); None when skipped unread
    counts: dict[str, TableCounts] = field(default_factory=dict)
    photos_added: int = 0
    skipped_photo_links: int = 0
    note: str | None = None
    backup: Path | None = None
    # The snapshot of another installation of the same unit that stood here before this package.
    competing: SnapshotInfo | None = None
    # A dry run of a package whose key (or missing signature) the user must confirm first.
    confirmation: Confirmation | None = None
    fingerprint: str | None = None  # of the key that signed the package; None when unsigned
    # Said once, when the first package of a unit pins its key here (not in a dry run).
    key_note: str | None = None

    # Live records held of the source (and the units below it) before this package, per table.
    held_by_table: dict[str, int] = field(default_factory=dict)

    def total(self, what: str) -> int:
        return sum(getattr(c, what) for c in self.counts.values())

    @property
    def removed(self) -> int:
        """Records this package removes (tombstones) here."""
        return self.total("tombstoned")

    @property
    def held(self) -> int:
        """Live records held of the source (and the units below it) before this package."""
        return sum(self.held_by_table.values())

    @property
    def large_removal(self) -> bool:
        """True when the package removes more than LARGE_REMOVAL_SHARE of the records held of its unit,
        or of one kind of them (a whole ledger of activities deleted)."""
        if _share_exceeded(self.removed, self.held):
            return True
        return any(
            held >= LARGE_REMOVAL_MIN_KIND and _share_exceeded(self.counts[name].tombstoned, held)
            for name, held in self.held_by_table.items()
            if name in self.counts
        )


def _share_exceeded(removed: int, held: int) -> bool:
    return removed > 0 and removed > LARGE_REMOVAL_SHARE * held


class LargeRemoval(PackageError):
    """A package that would remove a large share of a unit's records, not confirmed by the user."""

    def __init__(self, result: ImportResult):
        super().__init__(
            _(
                "{file} would remove {removed} of the {held} records held of {name} ({code}), more than "
                "{share}% of them or of one kind of them. It was not imported. Check with the unit that this is "
                "right, then import it again and confirm the removal (on the command line: --allow-large-removal)."
            ).format(
                file=result.path.name,
                removed=result.removed,
                held=result.held,
                name=result.source_name,
                code=result.source_code,
                share=round(LARGE_REMOVAL_SHARE * 100),
            )
        )
        self.result = result


def _log_where(conditions: dict, order: str | None = None) -> ImportLog | None:
    """The first import log entry matching ``conditions`` (column → value).

    One hand-written query (peewee builds a select of every column in about a
    millisecond, which adds up over a folder of 500 packages); the entry itself,
    when there is one, is read through peewee.
    """
    param = database.param
    where = " AND ".join(f"{quote(column)} = {param}" for column in conditions)
    sql = f"SELECT {quote('uuid')} FROM {quote(ImportLog._meta.table_name)} WHERE {where}"
    if order:
        sql += f" ORDER BY {quote(order)} DESC"
    row = database.execute_sql(sql + " LIMIT 1", tuple(conditions.values())).fetchone()
    return None if row is None else ImportLog.get_by_id(row[0])


def _same_file_imported(path: Path) -> tuple[ImportLog | None, str | None]:
    """The log entry of this very file if it was imported before, and the file's sha256."""
    if not path.is_file():
        return None, None  # verify_package says what is wrong with the path
    try:
        digest = _file_sha256(path)
    except OSError:
        return None, None
    return _log_where({"file_sha256": digest, "deleted": False}), digest


def is_read_only(record) -> bool:
    """Records imported from below belong to their unit: this installation shows them but never edits them."""
    own = units.own_unit()
    return own is not None and record.unit != own.code


def _aware(moment: _dt.datetime) -> _dt.datetime:
    return moment.replace(tzinfo=_dt.UTC) if moment.tzinfo is None else moment


def _standing(source_code: str) -> ImportLog | None:
    return _log_where({"source_code": source_code, "deleted": False}, order="imported_at")


def _info(entry) -> SnapshotInfo:
    if isinstance(entry, ImportLog):
        return SnapshotInfo(
            entry.package_id,
            entry.installation_id,
            entry.sequence,
            _aware(entry.package_created_at),
            entry.source_code,
            entry.source_name,
        )
    m = entry.manifest
    return SnapshotInfo(m.package_id, m.installation_id, m.sequence, m.created_at, m.source_code, m.source_name)


def _refuse_stale(package: Package) -> None:
    """Refuse a package older than one already imported from the same installation (by number, never by clock)."""
    m, label = package.manifest, package.label
    last_here = _log_where(
        {"source_code": m.source_code, "installation_id": m.installation_id, "deleted": False}, order="sequence"
    )
    if last_here is not None and m.sequence <= last_here.sequence:
        raise PackageError(
            _(
                "{file} is older than a package already imported from {name} ({code}): "
                "its number is {sequence}, number {last} was imported on {when}. It was not imported."
            ).format(
                file=label,
                name=m.source_name,
                code=m.source_code,
                sequence=m.sequence,
                last=last_here.sequence,
                when=last_here.imported_at.strftime("%Y-%m-%d"),
            )
        )


@dataclass(frozen=True)
class _Trust:
    """How a package's key stands here: a key to pin when it is written, and whether the user confirmed it."""

    pin: str | None = None  # signing.FIRST_IMPORT or signing.CONFIRMED
    confirmed: bool = False
    note: str | None = None


def _trust(
    package: Package, plan: _Plan, trust_keys: Collection[str], accept_unsigned: Collection[str]
) -> _Trust | Confirmation:
    """The package's key against the keys trusted for its unit: a _Trust, or the Confirmation it still needs.

    A signed package of a unit this installation holds nothing of (no records of
    it or below it, no standing import from it, no key pinned for it or below
    it) pins its key, unless the user revoked that key; any other key, and any
    unsigned package, needs the user's confirmation, whatever its clock says.
    What rolled-back imports left behind does not count: a rollback returns
    trust to where it stood before the import.
    """
    m, label = package.manifest, package.label
    key = m.installation_key
    if key is not None and signing.is_trusted(m.source_code, key):
        return _Trust()
    known = tuple(k.fingerprint for k in signing.trusted_keys(m.source_code))
    needed = Confirmation(
        label,
        m.source_code,
        m.source_name,
        None if key is None else signing.fingerprint(key),
        package.file_sha256,
        known,
    )
    if key is None:
        if any(needed.matches(typed) for typed in accept_unsigned):
            return _Trust(
                confirmed=True,
                note=_("{file} is not signed; it was accepted as confirmed by its SHA-256.").format(file=label),
            )
        return needed
    if any(needed.matches(typed) for typed in trust_keys):
        return _Trust(
            signing.CONFIRMED,
            True,
            _("{file}: the key {fingerprint} is now trusted for {name} ({code}), as confirmed.").format(
                file=label, fingerprint=needed.fingerprint, name=m.source_name, code=m.source_code
            ),
        )
    first = (
        not known
        and not plan.held_before
        and _log_where({"source_code": m.source_code, "deleted": False}) is None
        and not signing.has_pins_within(m.source_code)
        and not signing.was_revoked(m.source_code, key)
    )
    if first:
        return _Trust(
            signing.FIRST_IMPORT,
            note=_(
                "{file}: the first package from {name} ({code}) here; its key {fingerprint} is trusted from now on."
            ).format(file=label, name=m.source_name, code=m.source_code, fingerprint=needed.fingerprint),
        )
    return needed


def _decide(package: Package, choose_installation, confirmed: bool) -> tuple[str | None, SnapshotInfo | None]:
    """Between two installations of one unit: a note and the other installation's snapshot replaced, if any.

    A package whose key (or unsigned file) the user has just confirmed stands:
    the confirmation is the choice. Otherwise the user is asked when
    ``choose_installation`` is given, and without it the package made later
    stands (both installations' keys being trusted here).
    """
    m, label = package.manifest, package.label
    standing = _standing(m.source_code)
    if standing is None or standing.installation_id == m.installation_id:
        return None, None
    current, incoming = _info(standing), _info(package)
    if confirmed:
        return _(
            "{file} comes from another installation of {name}; it replaces the data imported before, as confirmed."
        ).format(file=label, name=m.source_name), current
    if choose_installation is not None:
        if not choose_installation(current, incoming):
            raise PackageError(
                _(
                    "{file}: the data from the other installation of {name} was kept; this package was not imported."
                ).format(file=label, name=m.source_name)
            )
        return _(
            "{file} comes from another installation of {name}; it replaces the data imported before, as chosen."
        ).format(file=label, name=m.source_name), current
    if incoming.created_at <= current.created_at:
        raise PackageError(
            _(
                "{file} comes from another installation of {name} and was made earlier ({made}) than the "
                "package already imported ({current}); the later one stands. It was not imported."
            ).format(file=label, name=m.source_name, **_made_times(incoming, current))
        )
    return _(
        "{file} comes from another installation of {name}; it was made later ({made}) than the package "
        "imported before ({current}), so it stands."
    ).format(file=label, name=m.source_name, **_made_times(incoming, current)), current


def _made_times(incoming: SnapshotInfo, current: SnapshotInfo) -> dict[str, str]:
    """When the incoming and the standing package were made, as the messages comparing them say it."""
    return {
        "made": incoming.created_at.strftime("%Y-%m-%d %H:%M"),
        "current": current.created_at.strftime("%Y-%m-%d %H:%M"),
    }


def import_package(
    path,
    dry_run: bool = False,
    progress: Progress | None = None,
    choose_installation: Callable[[SnapshotInfo, SnapshotInfo], bool] | None = None,
    backup: bool = True,
    trust_keys: Collection[str] = (),
    accept_unsigned: Collection[str] = (),
    allow_large_removal: bool = False,
) -> ImportResult:
    """Verify, then import in one transaction; raises PackageError (nothing written) when refused.

    ``backup`` takes a "before-import" backup first (a folder import asks for it once).
    ``trust_keys`` are key fingerprints and ``accept_unsigned`` file SHA-256s the
    user confirmed from cover sheets; a package that needs a confirmation not
    given raises UnconfirmedPackage (in a dry run: its result's ``confirmation``
    says so, with what it would change). A package that would remove more than
    LARGE_REMOVAL_SHARE of the records held of its unit raises LargeRemoval
    unless ``allow_large_removal`` (a dry run says so in ``large_removal``).
    Each import records what it overwrote, so ``roll_back_import`` can undo it.
    """
    path = Path(path)
    known, digest = _same_file_imported(path)
    if known is not None:
        # The very same bytes were imported before: nothing can have changed, and a
        # folder of 500 packages collected again is skipped at the cost of hashing it.
        return ImportResult(
            path,
            ALREADY_IMPORTED,
            known.source_code,
            known.source_name,
            known.installation_id,
            known.sequence,
            dry_run=dry_run,
            package_id=known.package_id,
            created_at=_aware(known.package_created_at),
        )
    package = verify_package(path, digest)
    m = package.manifest
    result = ImportResult(
        package.path,
        IMPORTED,
        m.source_code,
        m.source_name,
        m.installation_id,
        m.sequence,
        dry_run=dry_run,
        package_id=m.package_id,
        created_at=m.created_at,
        skipped_photo_links=len(package.skipped_links),
        fingerprint=None if m.installation_key is None else signing.fingerprint(m.installation_key),
    )
    if _log_where({"package_id": m.package_id, "deleted": False}) is not None:
        result.status = ALREADY_IMPORTED
        result.counts = {spec.name: TableCounts(unchanged=len(package.records[spec.name])) for spec in table_specs()}
        return result
    _refuse_stale(package)
    plan = _plan(package)
    result.counts = plan.counts
    result.held_by_table = plan.held_live
    result.photos_added = len(plan.new_photos)
    trust = _trust(package, plan, trust_keys, accept_unsigned)
    if isinstance(trust, Confirmation):
        if not dry_run:
            raise UnconfirmedPackage(trust)
        result.confirmation, trust = trust, _Trust()
    note, result.competing = _decide(package, choose_installation, trust.confirmed)
    if trust.pin == signing.FIRST_IMPORT:
        result.note = note
        result.key_note = None if dry_run else trust.note
    else:
        result.note = " ".join(filter(None, (trust.note, note))) or None
    if dry_run:
        return result
    if result.large_removal and not allow_large_removal:
        raise LargeRemoval(result)
    if backup:
        from ..db import automatic_backup

        # None on a server: its database is backed up by the server (the README's office setup), and each
        # package is one transaction that roll_back_import undoes.
        result.backup = automatic_backup("before-import")
    try:
        written = _write(package, plan, progress, trust.pin)
    except IntegrityError:
        # Another import of the same package (another window or program) finished first.
        if _log_where({"package_id": m.package_id, "deleted": False}) is None:
            raise
        written = False
    if not written:
        result.status = ALREADY_IMPORTED
        result.counts = {spec.name: TableCounts(unchanged=len(package.records[spec.name])) for spec in table_specs()}
    return result


def source_lock(source_code: str) -> str:
    """The name of the lock an import of a package of ``source_code`` holds (models.db.lock_in_transaction).

    Per source, not per package: two packages of one village imported at once
    would each be planned against the records held before either, and the one
    written second could put older records over the first's newer ones.
    Packages of different villages still import side by side.
    """
    return f"source {source_code}"


def _standing_token(source_code: str) -> str:
    """What the records held of a source were planned against: the imports of it still in force.

    Their ids, not their times: each clerk's PC stamps its own clock, so "the
    newest" could be one that came first.
    """
    table, param = quote(ImportLog._meta.table_name), database.param
    sql = f"SELECT {quote('uuid')} FROM {table} WHERE {quote('source_code')} = {param} AND NOT {quote('deleted')}"
    return ",".join(sorted(row[0] for row in database.execute_sql(sql, (source_code,))))


@dataclass
class _Plan:
    """What to write: rows to upsert and uuids to tombstone per table, photos to add, the counts."""

    # The source's newest import in force when the plan was made (_standing_token): written only if unchanged.
    standing: str = ""
    upserts: dict[str, list[tuple]] = field(default_factory=dict)
    tombstones: dict[str, list[str]] = field(default_factory=dict)
    new_photos: list[str] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    held_before: bool = False  # this installation held records of the source or units below it
    held_live: dict[str, int] = field(default_factory=dict)  # table → live records held of the source (and below)
    # table → (uuid, the row before as JSON, None when added), for every row written or tombstoned
    previous: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)


def _plan(package: Package) -> _Plan:
    m = package.manifest
    specs = table_specs()
    plan = _Plan(standing=_standing_token(m.source_code))
    existing_rows = {spec.name: _rows.subtree_rows(spec, m.source_code) for spec in specs}
    in_scope = _rows.scoped(existing_rows, m.scope_from, m.scope_to)
    plan.held_before = _holds_anything(specs, existing_rows)
    for spec in specs:
        uuid_at, deleted_at = spec.index("uuid"), spec.index("deleted")
        existing = {row[uuid_at]: row for row in existing_rows[spec.name]}
        plan.held_live[spec.name] = sum(1 for row in existing.values() if not row[deleted_at])
        counts, upserts = TableCounts(), []
        rows = package.records[spec.name]
        incoming_uuids = set(map(itemgetter(uuid_at), rows))
        if package.skipped_links:
            rows = [row for row in rows if row[uuid_at] not in package.skipped_links]
        if not existing:
            # Nothing of this source here yet (a first import): every row is new.
            counts.added, upserts = len(rows), list(rows)
            rows = []
        for row in rows:
            uuid = row[uuid_at]
            before = existing.get(uuid)
            if before == row:
                counts.unchanged += 1
                continue
            if before is None:
                counts.added += 1
            elif row[deleted_at] and not before[deleted_at]:
                counts.tombstoned += 1
            else:
                counts.changed += 1
            upserts.append(row)
        gone = [uuid for uuid in in_scope[spec.name] if uuid not in incoming_uuids and not existing[uuid][deleted_at]]
        if data_member(spec.name) not in m.members:
            gone = []  # a package of an older format, made before this table travelled, says nothing of it
        counts.tombstoned += len(gone)
        plan.upserts[spec.name], plan.tombstones[spec.name], plan.counts[spec.name] = upserts, gone, counts
        names = spec.column_names
        # Kept as this database stores them: an ID number encrypted while it has a password.
        plan.previous[spec.name] = [
            (uuid, None if before is None else _json_row(names, sealed_row(spec, before)))
            for uuid, before in ((row[uuid_at], existing.get(row[uuid_at])) for row in upserts)
        ] + [(uuid, _json_row(names, sealed_row(spec, existing[uuid]))) for uuid in gone]
    plan.new_photos = sorted(set(package.photos) - _rows.existing_keys(PHOTO_TABLE, "sha256", package.photos))
    return plan


def _holds_anything(specs, existing_rows: dict[str, list[tuple]]) -> bool:
    """Whether this installation holds anything of the source (live records, or tombstones), not counting
    the tombstones that rolled-back imports left of the records they had added: after a rollback the unit
    is held exactly as before the import, for deciding whether its key may be trusted on first sight."""
    tombstones: dict[str, set[str]] = {}
    for spec in specs:
        rows = existing_rows[spec.name]
        uuid_at, deleted_at = spec.index("uuid"), spec.index("deleted")
        if any(not row[deleted_at] for row in rows):
            return True
        if rows:
            tombstones[spec.name] = {row[uuid_at] for row in rows}
    if not tombstones:
        return False
    sql = (
        f"SELECT c.{quote('table_name')}, c.{quote('record')} FROM {quote(ImportChange._meta.table_name)} c "
        f"JOIN {quote(ImportLog._meta.table_name)} l ON l.{quote('uuid')} = c.{quote('import_log')} "
        f"WHERE l.{quote('deleted')} = {database.param} AND c.{quote('previous')} IS NULL"
    )
    left_by_rollbacks: dict[str, set[str]] = {}
    for table, record in database.execute_sql(sql, (True,)):
        left_by_rollbacks.setdefault(table, set()).add(record)
    return any(uuids - left_by_rollbacks.get(table, set()) for table, uuids in tombstones.items())


def _json_row(names: tuple[str, ...], row: tuple) -> str:
    """A row as import_change keeps it: column → value as it travels (a column added later is left alone)."""
    return json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False)


@lru_cache(maxsize=64)
def _upsert_sql(spec, param: str) -> str:
    names = stored_names(spec) + ((CHANGED_BY,) if spec.stamped else ())
    updates = ", ".join(f"{quote(n)} = excluded.{quote(n)}" for n in names if n != "uuid")
    return (
        f"INSERT INTO {quote(spec.name)} ({', '.join(map(quote, names))}) "
        f"VALUES ({', '.join([param] * len(names))}) ON CONFLICT({quote('uuid')}) DO UPDATE SET {updates}"
    )


def _write(package: Package, plan: _Plan, progress: Progress | None, pin: str | None = None) -> bool:
    """Apply the plan in one transaction; False, writing nothing, when another clerk imported the package
    first (several clerks on one server: the package's lock is taken first and the log read again under it)."""
    import zipfile

    from .verify import _check_photo  # the same check as before writing, on the same bytes

    m = package.manifest
    specs = table_specs()
    param = database.param
    total = len(specs) + len(plan.new_photos) + 1
    done = 0
    now = utcnow()
    by = clerk.current()
    stamp_sql, stamp = touched_sql(param, now)
    with database.atomic():
        lock_in_transaction(source_lock(m.source_code))
        if _log_where({"package_id": m.package_id, "deleted": False}) is not None:
            return False
        if _standing_token(m.source_code) != plan.standing:
            raise PackageError(
                _(
                    "While {file} was being checked, another clerk imported or rolled back a package of {name}. "
                    "Nothing was imported from it: import it again to see what it changes now."
                ).format(file=package.label, name=m.source_name)
            )
        cursor = database.cursor()
        if plan.new_photos:
            import hashlib
            import io

            from PIL import Image

            sql = (
                f"INSERT INTO {quote(PHOTO_TABLE)} ({quote('sha256')}, {quote('data')}, {quote('width')}, "
                f"{quote('height')}, {quote('created_at')}) VALUES ({', '.join([param] * 5)}) "
                f"ON CONFLICT({quote('sha256')}) DO NOTHING"
            )
            with zipfile.ZipFile(package.path) as archive:
                for digest in plan.new_photos:
                    data = archive.read(photo_member(digest))
                    # The file may have changed since it was verified: check again what is written.
                    if hashlib.sha256(data).hexdigest() != digest:
                        raise PackageError(
                            _("{file} changed while it was being imported; nothing was imported.").format(
                                file=package.label
                            )
                        )
                    _check_photo(data, package.label, photo_member(digest))
                    with Image.open(io.BytesIO(data)) as image:
                        width, height = image.size
                    cursor.execute(sql, (digest, data, width, height, str(now)))
                    done += 1
                    if progress:
                        progress(done, total)
        for spec in specs:
            rows = plan.upserts[spec.name]
            if rows:
                values = rows_to_db(spec, rows)
                if spec.stamped:
                    values = [(*row, by) for row in values]
                cursor.executemany(_upsert_sql(spec, param), values)
            gone = plan.tombstones[spec.name]
            if gone:
                sql = (
                    f"UPDATE {quote(spec.name)} SET {quote('deleted')} = {param}, {stamp_sql} "
                    f"WHERE {quote('uuid')} = {param}"
                )
                cursor.executemany(sql, [(True, *stamp, uuid) for uuid in gone])
            done += 1
            if progress:
                progress(done, total)
        pinned = False
        if pin is not None and m.installation_key is not None:
            pinned = signing.pin(m.source_code, m.installation_key, pin, package.label)
        log_uuid = new_uuid()
        ImportLog.create(
            uuid=log_uuid,
            undoable=True,
            unit=package.own_code,
            package_id=m.package_id,
            source_code=m.source_code,
            source_name=m.source_name,
            installation_id=m.installation_id,
            sequence=m.sequence,
            package_created_at=m.created_at.astimezone(_dt.UTC).replace(tzinfo=None),
            imported_at=_dt.datetime.now(_dt.UTC).replace(tzinfo=None),
            file_name=package.label[:260],
            file_sha256=package.file_sha256,
            counts=json.dumps({name: vars(c) for name, c in plan.counts.items()}, sort_keys=True),
            scope_from=m.scope_from,
            scope_to=m.scope_to,
            id_numbers=m.id_numbers,
            key_fingerprint="" if m.installation_key is None else signing.fingerprint(m.installation_key),
            key_pinned=pin if pinned and pin is not None else "",
            phones=m.phones or PHONES_UNSTATED,
            imported_by=by,
        )
        sql = (
            f"INSERT INTO {quote(ImportChange._meta.table_name)} ({quote('import_log')}, {quote('table_name')}, "
            f"{quote('record')}, {quote('previous')}) VALUES ({', '.join([param] * 4)})"
        )
        # One executemany for every table: on a server each is a round trip.
        changes = [
            (log_uuid, spec.name, uuid, before) for spec in specs for uuid, before in plan.previous.get(spec.name, ())
        ]
        if changes:
            cursor.executemany(sql, changes)
    if progress:
        progress(total, total)
    return True
