"""Opening, migrating, backing up and checking the SQLite database.

Everything SQLite-specific lives here: pragmas, the online backup API,
integrity checks. The rest of the core speaks portable peewee.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import sys
import uuid
from pathlib import Path

from peewee import SqliteDatabase

from models import meta

from .base import database
from .i18n import _
from .migrations import latest_version, steps

APP_NAME = "FulianLedger"
BUSY_TIMEOUT_SECONDS = 10
DEFAULT_KEEP_BACKUPS = 10


class DatabaseError(Exception):
    """A database that cannot be used as asked; the message is for the user."""


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "fulian.sqlite3"


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def is_network_path(path: Path) -> bool:
    """WAL needs shared memory that network file systems do not provide."""
    text = str(Path(path).resolve())
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(text)[0]
        if drive:
            DRIVE_REMOTE = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE
        return False
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, fstype = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and text.startswith(parts[1]) and len(parts[1]) > len(best):
            best, fstype = parts[1], parts[2]
    return fstype.startswith(("nfs", "cifs", "smb", "9p", "fuse.sshfs"))


def read_schema_version(path: Path) -> int:
    """The schema version of a database file without changing it (0 = empty).

    Raises DatabaseError for a file that is not a SQLite database of ours.
    """
    path = Path(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(_("Cannot open {path}: {error}").format(path=path, error=exc)) from exc
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return 0
        if "meta" not in tables:
            raise DatabaseError(_("{path} is not a Fulian Ledger database.").format(path=path))
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (meta.SCHEMA_VERSION,)).fetchone()
        return int(row[0]) if row else 0
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            _("{path} is not a Fulian Ledger database ({error}).").format(path=path, error=exc)
        ) from exc
    finally:
        conn.close()


def open_database(path: Path | str | None = None, create: bool = True) -> SqliteDatabase:
    """Open (creating or migrating as needed) and bind the database.

    An older database is backed up before it is migrated; a newer one is
    refused with a message and left exactly as it was.
    """
    path = Path(path) if path else default_db_path()
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise DatabaseError(_("There is no database at {path}.").format(path=path))
    version = read_schema_version(path) if exists else 0
    target = latest_version()
    if version > target:
        raise DatabaseError(
            _(
                "{path} was written by a newer version of Fulian Ledger (schema {found}, this version knows {known}). "
                "Install the newer version; the file has not been changed."
            ).format(path=path, found=version, known=target)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if exists and version < target:
        backup_file(path, _backup_name(path, f"before-migration-v{version}"))

    journal = "delete" if is_network_path(path) else "wal"
    db = SqliteDatabase(
        str(path),
        pragmas={
            "journal_mode": journal,
            "synchronous": "full",
            "foreign_keys": 1,
            "busy_timeout": BUSY_TIMEOUT_SECONDS * 1000,
        },
        timeout=BUSY_TIMEOUT_SECONDS,
    )
    db.connect(reuse_if_open=True)
    database.initialize(db)
    try:
        migrate(db, version)
    except Exception:
        db.close()
        raise
    return db


def migrate(db: SqliteDatabase, current: int) -> None:
    """Apply every step above ``current``, each in its own transaction."""
    for version, step in steps():
        if version <= current:
            continue
        with db.atomic():
            step.apply(db)
            meta.put(meta.SCHEMA_VERSION, str(version))
            if meta.get(meta.INSTALLATION_ID) is None:
                meta.put(meta.INSTALLATION_ID, str(uuid.uuid4()))


def close_database() -> None:
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


def current_path() -> Path:
    return Path(database.obj.database)


# --- backups -------------------------------------------------------------------


def _backup_name(db_path: Path, reason: str) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backups_dir(db_path) / f"{Path(db_path).stem}-{reason}-{stamp}.sqlite3"


def integrity_problems(path_or_conn) -> list[str]:
    """Lines from SQLite's integrity_check other than "ok"."""
    conn = sqlite3.connect(str(path_or_conn)) if isinstance(path_or_conn, (str, Path)) else path_or_conn
    try:
        rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    finally:
        if conn is not path_or_conn:
            conn.close()
    return [row for row in rows if row != "ok"]


def backup_file(source: Path, dest: Path) -> Path:
    """Copy a database file through the online backup API and verify the copy."""
    src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_SECONDS)
    try:
        return _backup_connection(src, Path(dest))
    finally:
        src.close()


def _backup_connection(src: sqlite3.Connection, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(str(partial))
    try:
        src.backup(target)
        problems = integrity_problems(target)
    finally:
        target.close()
    if problems:
        partial.unlink(missing_ok=True)
        raise DatabaseError(
            _("The backup failed its integrity check: {problems}").format(problems="; ".join(problems[:5]))
        )
    os.replace(partial, dest)
    return dest


def backup_to(dest: Path | str) -> Path:
    """Back up the open database to ``dest`` (checked), and remember when."""
    db = database.obj
    dest = _backup_connection(db.connection(), Path(dest))
    meta.put(meta.LAST_BACKUP, _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"))
    return dest


def automatic_backup(reason: str = "daily", keep: int = DEFAULT_KEEP_BACKUPS) -> Path:
    """A rotated backup beside the database, named by its reason and time."""
    path = backup_to(_backup_name(current_path(), reason))
    rotate_backups(backups_dir(current_path()), f"{current_path().stem}-{reason}-", keep)
    return path


def rotate_backups(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups starting with ``prefix``."""
    found = sorted(Path(folder).glob(prefix + "*.sqlite3"))
    removed = found[:-keep] if keep > 0 else found
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def last_backup_at() -> _dt.datetime | None:
    value = meta.get(meta.LAST_BACKUP)
    return _dt.datetime.fromisoformat(value) if value else None


def daily_backup_due(now: _dt.datetime | None = None) -> bool:
    last = last_backup_at()
    now = now or _dt.datetime.now(_dt.UTC)
    return last is None or now - last > _dt.timedelta(days=1)


def restore_from(db_path: Path | str, source: Path | str) -> Path | None:
    """Replace the database at ``db_path`` with a backup, keeping a safety copy.

    The backup is checked first (a SQLite file of ours, not newer, intact);
    the current database is backed up before it is overwritten. Returns the
    safety copy's path, or None when there was no database to keep. The
    database is closed afterwards (this thread's connection to it).
    """
    db_path, source = Path(db_path), Path(source)
    if not source.is_file():
        raise DatabaseError(_("There is no file {path}.").format(path=source))
    version = read_schema_version(source)
    if version == 0:
        raise DatabaseError(_("{path} is an empty database, not a backup.").format(path=source))
    if version > latest_version():
        raise DatabaseError(_("{path} was written by a newer version of Fulian Ledger.").format(path=source))
    problems = integrity_problems(source)
    if problems:
        raise DatabaseError(_("{path} is damaged: {problems}").format(path=source, problems="; ".join(problems[:5])))
    close_database()
    safety = None
    if db_path.exists():
        safety = backup_file(db_path, _backup_name(db_path, "before-restore"))
    src = sqlite3.connect(str(source))
    dest = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_SECONDS)
    try:
        src.backup(dest)
    finally:
        src.close()
        dest.close()
    return safety
