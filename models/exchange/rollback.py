"""Undoing imports: the imports of a unit, and rolling a unit back to its state before one of them.

Each import records what it overwrote (``import_change``): the records it
added, and the values before of every record it changed or tombstoned.
Rolling back an import tombstones what it added, gives every other record it
wrote its previous values, and tombstones the import's log entry, so the same
package (or a genuine one) can be imported again afterwards. An import that
made its signing key trusted (a unit's first package, or a new installation
confirmed by its fingerprint) takes that trust back with it: the next package
signed with the key needs its fingerprint confirmed. Imports of the
same unit (or of a unit above or below it) made later are rolled back too,
newest first: the unit returns to exactly its state before the chosen import.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..base import CHANGED_BY, database, touched, touched_sql
from ..db import lock_in_transaction
from ..i18n import N_, _, join_list, ngettext
from . import signing
from .importer import PHONES_FULL, PHONES_MASKED, PHONES_UNSTATED, ImportChange, ImportLog, _aware, source_lock
from .rows import in_subtree
from .tables import LOCAL_COLUMNS, quote, rows_to_db, stored_names, table_specs

Progress = Callable[[int, int], None]


PHONE_WORDS = {
    PHONES_MASKED: N_("masked"),
    PHONES_FULL: N_("in full"),
    PHONES_UNSTATED: N_("in full (not stated: an older version)"),
}


class RollbackError(Exception):
    """An import that cannot be rolled back; the message says why and what to do."""


@dataclass(frozen=True)
class ImportEntry:
    """One import of a unit's package, as the list of imports shows it."""

    id: str
    imported_at: _dt.datetime  # aware UTC
    source_code: str
    source_name: str
    sequence: int
    file_name: str
    added: int
    changed: int
    removed: int
    rolled_back: bool  # undone: its changes were reversed
    undoable: bool  # its changes were recorded (imports made by older versions were not)
    key_fingerprint: str = ""  # of the key that signed the package; "" unsigned or not recorded
    key_pinned: str = ""  # signing.FIRST_IMPORT or signing.CONFIRMED when this import made the key trusted
    phones: str = ""  # importer.PHONES_MASKED, PHONES_FULL, PHONES_UNSTATED; "" not recorded (older imports)
    imported_by: str = ""  # the clerk who imported it; "" not recorded (imports before step 17)

    @property
    def recorded(self) -> bool:
        """Whether the import recorded its key and phones (imports made by older versions did not)."""
        return bool(self.phones)

    def key_words(self) -> str:
        """The signing key as a list of imports shows it ("" when not recorded)."""
        if not self.recorded:
            return ""
        if not self.key_fingerprint:
            return _("unsigned")
        if self.key_pinned == signing.FIRST_IMPORT:
            return _("{fingerprint} (trusted from this package on)").format(fingerprint=self.key_fingerprint)
        if self.key_pinned == signing.CONFIRMED:
            return _("{fingerprint} (confirmed with this package)").format(fingerprint=self.key_fingerprint)
        return self.key_fingerprint

    def phone_words(self) -> str:
        """How the package carried phone numbers ("" when not recorded)."""
        return _(PHONE_WORDS[self.phones]) if self.phones in PHONE_WORDS else ""


def _entry(log: ImportLog) -> ImportEntry:
    try:
        counts = json.loads(log.counts or "{}")
    except ValueError:
        counts = {}

    def total(what: str) -> int:
        return sum(int(c.get(what, 0)) for c in counts.values() if isinstance(c, dict))

    return ImportEntry(
        log.uuid,
        _aware(log.imported_at),
        log.source_code,
        log.source_name,
        log.sequence,
        log.file_name,
        total("added"),
        total("changed"),
        total("tombstoned"),
        bool(log.deleted),
        bool(log.undoable),
        log.key_fingerprint or "",
        log.key_pinned or "",
        log.phones or "",
        log.imported_by or "",
    )


def list_imports(unit_code: str | None = None) -> list[ImportEntry]:
    """The imports of packages of ``unit_code`` and the units below it (None: every import), newest first."""
    query = ImportLog.select().order_by(ImportLog.imported_at.desc(), ImportLog.sequence.desc())
    entries = [_entry(log) for log in query]
    if unit_code is None:
        return entries
    cache: dict = {}
    return [e for e in entries if in_subtree(e.source_code, unit_code, cache)]


def _overlaps(a: str, b: str, cache: dict) -> bool:
    return in_subtree(a, b, cache) or in_subtree(b, a, cache)


def later_imports(import_id: str) -> list[ImportEntry]:
    """The standing imports made after ``import_id`` that touched the same records' units, newest first
    (rolling back ``import_id`` rolls these back too)."""
    log = _standing_log(import_id)
    cache: dict = {}
    later = (
        ImportLog.live()
        .where(ImportLog.imported_at >= log.imported_at, ImportLog.uuid != log.uuid)
        .order_by(ImportLog.imported_at.desc(), ImportLog.sequence.desc())
    )
    return [_entry(other) for other in later if _overlaps(other.source_code, log.source_code, cache)]


def _standing_log(import_id: str) -> ImportLog:
    log = ImportLog.get_or_none(ImportLog.uuid == (import_id or "").strip())
    if log is None:
        raise RollbackError(_("There is no import {id}; list the imports to see their numbers.").format(id=import_id))
    if log.deleted:
        raise RollbackError(
            _("The import of {file} from {name} was already rolled back; nothing was changed.").format(
                file=log.file_name, name=log.source_name
            )
        )
    return log


@dataclass
class RollbackResult:
    """What a rollback did: the imports it undid (newest first) and the records it gave back or removed."""

    rolled_back: list[ImportEntry]
    restored: int = 0  # records given back their values before the imports
    removed: int = 0  # records the imports had added, now tombstoned
    backup: Path | None = None
    # (unit code, fingerprint) of the keys the imports had made trusted, trusted no more.
    untrusted: list[tuple[str, str]] = field(default_factory=list)

    def message(self) -> str:
        first = self.rolled_back[-1]
        text = _(
            "Rolled back {count} import(s) of {name} ({code}) back to before {file}: "
            "{restored} record(s) restored, {removed} added record(s) removed."
        ).format(
            count=len(self.rolled_back),
            name=first.source_name,
            code=first.source_code,
            file=first.file_name,
            restored=self.restored,
            removed=self.removed,
        )
        if self.untrusted:
            text += " " + ngettext(
                "The installation key {fingerprints}, trusted by that import, is trusted no more: a package "
                "signed with it needs its fingerprint confirmed again.",
                "The installation keys {fingerprints}, trusted by those imports, are trusted no more: a package "
                "signed with one of them needs its fingerprint confirmed again.",
                len(self.untrusted),
            ).format(fingerprints=join_list([fingerprint for _code, fingerprint in self.untrusted]))
        return text


def roll_back_import(import_id: str, progress: Progress | None = None, backup: bool = True) -> RollbackResult:
    """Return the unit to its state before import ``import_id``, in one transaction.

    Later imports of the same unit, or of a unit above or below it, are rolled
    back with it, newest first (the result lists them). Refuses with a
    RollbackError, writing nothing, an import already rolled back or one whose
    changes were not recorded. ``backup`` takes a "before-rollback" backup first.
    """
    log = _standing_log(import_id)
    chain = [*later_imports(log.uuid), _entry(log)]
    old = [entry for entry in chain if not entry.undoable]
    if old:
        raise RollbackError(
            _(
                "The import of {file} from {name} on {when} was made by an older version of the program, which "
                "did not record what it changed, so it cannot be rolled back; nothing was changed. Restore a "
                "backup made before it instead."
            ).format(file=old[0].file_name, name=old[0].source_name, when=old[0].imported_at.strftime("%Y-%m-%d"))
        )
    result = RollbackResult(chain)
    if backup:
        from ..db import automatic_backup

        result.backup = automatic_backup("before-rollback")
    specs = {spec.name: spec for spec in table_specs()}
    param = database.param
    stamp_sql, stamp = touched_sql(param)
    tombstone = "UPDATE {table} SET " + f"{quote('deleted')} = {param}, {stamp_sql} WHERE {quote('uuid')} = {param}"
    with database.atomic():
        # Imports of these sources wait meanwhile (several clerks on one server; sorted: no two wait in a ring),
        # and an import or rollback another clerk committed since the chain was read is not undone blindly.
        for code in sorted({entry.source_code for entry in chain}):
            lock_in_transaction(source_lock(code))
        if [entry.id for entry in [*later_imports(log.uuid), _entry(_standing_log(import_id))]] != [
            entry.id for entry in chain
        ]:
            raise RollbackError(
                _(
                    "Another clerk imported or rolled back a package of {name} meanwhile; nothing was changed. "
                    "Look at the list of imports again, then roll back."
                ).format(name=log.source_name)
            )
        cursor = database.cursor()
        for done, entry in enumerate(chain):
            changes = ImportChange.select().where(ImportChange.import_log == entry.id).tuples()
            for _log, table, record, previous in changes.iterator():
                spec = specs.get(table)
                if spec is None:
                    continue  # a table that no longer travels
                if previous is None:
                    cursor.execute(tombstone.format(table=quote(table)), (True, *stamp, record))
                    result.removed += 1
                    continue
                before = json.loads(previous)
                local = LOCAL_COLUMNS.get(table, {})
                present = set(before) | {name for name, source in local.items() if source in before}
                all_names = stored_names(spec)
                names = [name for name in all_names if name in present]
                row = rows_to_db(spec, [tuple(before.get(name) for name in spec.column_names)])[0]
                values = [value for name, value in zip(all_names, row, strict=True) if name in present]
                if spec.stamped:  # the row as it was, written back by the clerk who rolled the import back
                    names.append(CHANGED_BY)
                    values.append(stamp[1])
                updates = ", ".join(f"{quote(n)} = excluded.{quote(n)}" for n in names if n != "uuid")
                cursor.execute(
                    f"INSERT INTO {quote(table)} ({', '.join(map(quote, names))}) "
                    f"VALUES ({', '.join([param] * len(names))}) ON CONFLICT({quote('uuid')}) DO UPDATE SET {updates}",
                    values,
                )
                result.restored += 1
            ImportLog.update(deleted=True, **touched()).where(ImportLog.uuid == entry.id).execute()
            if entry.key_pinned and signing.unpin(entry.source_code, entry.key_fingerprint) is not None:
                # The import made this key trusted: the state before it did not trust the key.
                result.untrusted.append((entry.source_code, entry.key_fingerprint))
            if progress:
                progress(done + 1, len(chain))
    return result
