"""The backups made before the password was set, brought under the same data key when ID numbers are encrypted.

Backups are at rest too: when setting the password (or the upgrade of a
database whose password an older version set) has encrypted the database's
ID numbers, every backup in ``backups/`` of this unit that was made in clear
is rewritten under the same data key, after the database's own transaction
has committed (nothing here can undo the password).

Each backup is read with sqlite3 directly, never through the bound database:
it must be a Fulian Ledger database of this unit (or of this database), not
newer than this version, intact, with no journal beside it, and not
write-protected. Its copy is written into ``<name>.partial`` with the backup
API; there its numbers are sealed by ``id_crypto.reseal_rows`` (a backup of a
schema before step 12 has no lookup column: only the numbers are sealed, see
m0012), the wrapped key and the password's hash are stored in its ``meta``
as in the database (restoring it asks that password or the recovery code),
then it is VACUUMed (no clear copy stays in free pages), checked, synced,
given the original's modification time and renamed over the original. A
failure leaves the original as it was and the ``.partial`` removed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import db as dbmod
from . import id_crypto, meta, wal_guard
from .i18n import _, join_list
from .password import PASSWORD


class _LeftAlone(Exception):
    """A backup that is not rewritten; the message (for the user) says why."""


@dataclass
class BackupsProtected:
    """What became of the backups in the backups folder when ID numbers were encrypted."""

    protected: list[Path] = field(default_factory=list)  # encrypted now
    already: list[Path] = field(default_factory=list)  # held no ID number in clear
    other_units: list[Path] = field(default_factory=list)  # of another unit or not ours: left alone
    failed: list[tuple[Path, str]] = field(default_factory=list)  # could not be encrypted: why

    def sentence(self) -> str:
        """What the user is told, in words; "" when the folder held no backup of this unit made in clear."""
        parts = []
        if self.protected:
            parts.append(
                _("The ID numbers in the older backups in the backups folder were encrypted too ({n} files).").format(
                    n=len(self.protected)
                )
            )
        if self.failed:
            reasons = join_list(_("{name}: {reason}").format(name=path.name, reason=why) for path, why in self.failed)
            parts.append(
                _(
                    "{n} backups could not be encrypted and still hold ID numbers in clear; delete them once you "
                    "no longer need them ({reasons})."
                ).format(n=len(self.failed), reasons=reasons)
            )
        if self.other_units and (self.protected or self.failed):
            parts.append(_("Backups of other units were left as they are ({n} files).").format(n=len(self.other_units)))
        return " ".join(parts)


def protect_old_backups(data_key: bytes) -> BackupsProtected:
    """Encrypt the ID numbers of this database's backups made in clear; call after encryption was committed.

    The open database gives the key id, the wrapped key, the password's hash,
    the unit and the folder. Never raises for one backup: each that cannot be
    done is left as it was and named in the result with the reason.
    """
    entry_text, password_hash = meta.get(id_crypto.KEY_ENTRY), meta.get(PASSWORD)
    result = BackupsProtected()
    if dbmod.is_server():
        # A server's database has no backups folder of this program's; its pg_dump files are the office's.
        return result
    try:
        key_id = json.loads(entry_text)["id"] if entry_text else None
    except (ValueError, KeyError, TypeError):
        key_id = None
    if not isinstance(key_id, str) or entry_text is None or password_hash is None:
        return result
    db_path = dbmod.current_path()
    own_unit, own_id = meta.get(meta.OWN_UNIT), meta.get(meta.DATABASE_ID)
    codec = id_crypto.Codec(data_key, key_id)
    stamp = {id_crypto.KEY_ENTRY: entry_text, PASSWORD: password_hash}
    folder = dbmod.backups_dir(db_path)
    try:
        found = sorted(folder.glob("*.sqlite3")) if folder.is_dir() else []
    except OSError as exc:
        result.failed.append((folder, _reason(exc, folder)))
        found = []
    for path in found:
        try:
            if not path.is_file():
                continue
            verdict = _inspect(path, own_unit, own_id, key_id)
            if verdict == "protect":
                _protect(path, codec, stamp)
                result.protected.append(path)
            elif verdict == "other":
                result.other_units.append(path)
            else:
                result.already.append(path)
        except _LeftAlone as exc:
            result.failed.append((path, str(exc)))
        except Exception as exc:  # whatever it is, the password stays set and the recovery code is shown
            result.failed.append((path, _reason(exc, path)))
    # What an interrupted backup or restore left behind may hold numbers in clear: it is never used again
    # (nor is one being written now, which could hold them too).
    try:
        dbmod.clean_partial_backups(db_path, stale_only=False)
        dbmod._remove_restoring(db_path)
    except OSError:
        pass
    return result


def _clear_values(conn: sqlite3.Connection, tables: set[str]) -> int:
    """How many stored ID numbers of ``conn`` are in clear (people's and those imports kept)."""
    found = conn.execute(
        "SELECT count(*) FROM person WHERE id_number IS NOT NULL AND id_number != '' AND id_number NOT LIKE ?",
        (id_crypto.PREFIX + "%",),
    ).fetchone()[0]
    if "import_change" in tables:
        for (previous,) in conn.execute(
            "SELECT previous FROM import_change WHERE table_name = 'person' AND previous IS NOT NULL"
        ):
            try:
                before = json.loads(previous)
            except ValueError:
                continue
            number = before.get("id_number") if isinstance(before, dict) else None
            if isinstance(number, str) and number and not number.startswith(id_crypto.PREFIX):
                found += 1
    return found


def _inspect(path: Path, own_unit: str | None, own_id: str | None, key_id: str) -> str:
    """ "protect", "other" (not of this unit, or not ours) or "done" (nothing in clear); _LeftAlone says why not."""
    for companion in (wal_guard.wal_path(path), path.with_name(path.name + "-journal")):
        if companion.exists() and companion.stat().st_size > 0:
            raise _LeftAlone(_("a journal lies beside it (another program may have it open)"))
    try:
        conn = dbmod._connect_read_only(path)
    except sqlite3.Error as exc:
        raise _LeftAlone(_("it cannot be read")) from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables or "person" not in tables:
            return "other"
        values = dict(conn.execute("SELECT key, value FROM meta"))
        unit, identity = dbmod.database_unit(path), values.get(meta.DATABASE_ID)
        if not ((unit and unit[0] == own_unit) or (identity and identity == own_id)):
            return "other"
        if int(values.get(meta.SCHEMA_VERSION) or 0) > dbmod.latest_version():
            raise _LeftAlone(_("it was written by a newer version of Fulian Ledger"))
        if dbmod.integrity_problems(conn):
            raise _LeftAlone(_("it is damaged"))
        clear = _clear_values(conn, tables)
        entry = values.get(id_crypto.KEY_ENTRY)
        if entry:
            if clear:
                raise _LeftAlone(_("it is encrypted under an earlier password, yet holds numbers in clear"))
            return "done"  # made under this password or an earlier one: its numbers are sealed
        free_pages = conn.execute("PRAGMA freelist_count").fetchone()[0]
        if not clear and not free_pages:
            return "done"
    except sqlite3.DatabaseError as exc:
        raise _LeftAlone(_("it is damaged or not a database")) from exc
    except ValueError as exc:
        raise _LeftAlone(_("it is damaged or not a database")) from exc
    finally:
        conn.close()
    if not path.stat().st_mode & stat.S_IWUSR:
        raise _LeftAlone(_("the file is write-protected"))
    return "protect"


def _protect(path: Path, codec: id_crypto.Codec, stamp: dict[str, str]) -> None:
    """Rewrite ``path`` under ``codec`` through ``<path>.partial``: the old backup or the new, never half of one."""
    partial = path.with_name(path.name + ".partial")
    before = path.stat()
    try:
        dbmod._remove_partial(partial)
        dbmod._create_private_file(partial)
        src = dbmod._connect_read_only(path)
        try:
            dest = sqlite3.connect(str(partial), timeout=dbmod.BUSY_TIMEOUT_SECONDS)
            try:
                src.backup(dest)
            except BaseException:
                dest.close()
                raise
        finally:
            src.close()
        try:
            # A rollback journal, as a restore writes it: reading it later leaves no -wal or -shm beside it.
            dest.execute("PRAGMA journal_mode = DELETE").fetchone()
            tables = {row[0] for row in dest.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            columns = {row[1] for row in dest.execute("PRAGMA table_info(person)")}
            with dest:
                id_crypto.reseal_rows(
                    dest.cursor(),
                    codec,
                    codec,
                    lookup_column="id_number_key" in columns,
                    kept="import_change" in tables,
                )
                dest.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", sorted(stamp.items()))
            if _clear_values(dest, tables):
                raise dbmod.DatabaseError(_("some ID numbers stayed in clear"))
            dest.execute("VACUUM")
            problems = dbmod.integrity_problems(dest)
        finally:
            dest.close()
        if problems:
            raise dbmod.DatabaseError(_("the encrypted copy failed its integrity check"))
        fd = os.open(partial, os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.utime(partial, ns=(before.st_atime_ns, before.st_mtime_ns))  # the backup list's dates stay right
        os.replace(partial, path)
        wal_guard._sync_folder(path.parent)
        _remove_empty_companions(path)
    except (OSError, sqlite3.Error, dbmod.DatabaseError, id_crypto.IdNumberDamaged, id_crypto.IdNumbersLocked) as exc:
        dbmod._remove_partial(partial)
        raise _LeftAlone(_reason(exc, path)) from exc
    except BaseException:
        dbmod._remove_partial(partial)
        raise


def _remove_empty_companions(path: Path) -> None:
    """The empty -wal and the -shm that reading the old backup left: the new one, not in WAL mode, needs none."""
    wal, shm = wal_guard.wal_path(path), wal_guard.shm_path(path)
    try:
        if wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
        if not wal.exists():
            shm.unlink(missing_ok=True)
    except OSError:
        pass


def _reason(exc: BaseException, path: Path) -> str:
    if isinstance(exc, dbmod.DatabaseError) and not isinstance(exc, dbmod.StorageError):
        return str(exc)
    fault = dbmod.storage_fault(exc) if isinstance(exc, (OSError, sqlite3.Error)) else None
    if fault == dbmod.DISK_FULL:
        return _("the disk is full")
    if fault == dbmod.READ_ONLY:
        return _("the file or folder cannot be written")
    if fault == dbmod.LOCKED:
        return _("another program has it open")
    if isinstance(exc, (id_crypto.IdNumberDamaged, id_crypto.IdNumbersLocked)):
        return _("it holds an encrypted ID number that cannot be read")
    return _("it could not be rewritten ({error})").format(error=exc)
