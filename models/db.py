"""Opening, migrating, backing up and checking the SQLite database.

Everything SQLite-specific lives here: pragmas, the online backup API,
integrity checks. The rest of the core speaks portable peewee.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import uuid
import weakref
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from peewee import SQL, Database, Model, Node, SqliteDatabase

from models import meta

from . import wal_guard
from .base import database
from .i18n import N_, _
from .migrations import latest_version, steps
from .opening_check import OpeningCheck

APP_NAME = "FulianLedger"
BUSY_TIMEOUT_SECONDS = 10
DEFAULT_KEEP_BACKUPS = 10
KEEP_DAILY, KEEP_MONTHLY = 30, 12
# Files the program writes are for this user only (ID numbers, names, phones).
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700

# What went wrong with the storage, as told to the user.
DISK_FULL, DISK_FAILED, READ_ONLY, LOCKED = "disk-full", "disk-failed", "read-only", "locked"
# The database failed its integrity check when it was opened, so it is open for reading only.
DAMAGED = "damaged"
# The database server could not be reached, or the connection to it broke (models.server).
SERVER_LOST = "server-lost"
# At most this many of SQLite's integrity lines are shown to the user, as detail.
SHOWN_CHECK_LINES = 3


class DatabaseError(Exception):
    """A database that cannot be used as asked; the message is for the user."""


class StorageError(DatabaseError):
    """The disk refused a read or write (full, read-only, locked by another program); the message is for the user."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


def _sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code behind ``exc`` (peewee wraps sqlite3's exceptions)."""
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        code = getattr(item, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF
        todo.extend([item.__cause__, item.__context__, *item.args])
    return None


def storage_fault(exc: BaseException) -> str | None:
    """Which storage fault ``exc`` is (DISK_FULL, DISK_FAILED, READ_ONLY, LOCKED, DAMAGED), or None for anything else.

    DAMAGED: SQLite found a damaged page, or a write was refused because the
    database failed its check when it was opened (it is open read-only).
    """
    if isinstance(exc, StorageError):
        return exc.kind
    if isinstance(exc, DatabaseError):
        return None  # already in words (which may quote SQLite's)
    kind = _plain_storage_fault(exc)
    if kind == READ_ONLY and not isinstance(exc, OSError) and database_damage() is not None:
        return DAMAGED  # the connection is read-only because the file failed its check
    return kind


def _plain_storage_fault(exc: BaseException) -> str | None:
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
            return DISK_FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return READ_ONLY
        if exc.errno == errno.EIO:
            return DISK_FAILED
        return None
    code = _sqlite_code(exc)
    if code is None:
        from .server import server_fault

        kind = server_fault(exc)
        if kind is not None:
            return kind
    text = str(exc).lower()
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in text:
        return DISK_FULL
    if code == sqlite3.SQLITE_IOERR or "disk i/o error" in text:
        return DISK_FAILED
    if code == sqlite3.SQLITE_READONLY or "readonly database" in text:
        return READ_ONLY
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in text:
        return LOCKED
    if code == sqlite3.SQLITE_CANTOPEN or "unable to open database file" in text:
        return READ_ONLY
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "disk image is malformed" in text:
        return DAMAGED
    return None


def storage_message(exc: BaseException, path: Path | str | None = None) -> str | None:
    """What happened and what to do, in the interface language, for a storage fault; None for other errors."""
    kind = storage_fault(exc)
    if kind is None:
        return None
    if isinstance(exc, StorageError):
        return str(exc)
    return fault_text(kind, _fault_path(exc, path))


def _fault_path(exc: BaseException, path: Path | str | None) -> str:
    if path is not None:
        return str(path)
    filename = getattr(exc, "filename", None)
    if filename:
        return str(filename)
    db = database.obj
    if db is not None:
        return database_location()
    return _("the database")


def fault_text(kind: str, path: str) -> str:
    """The user's message for a storage fault of the database or file at ``path`` (a server's URL for a server)."""
    from .server import is_server_url

    if kind == SERVER_LOST:
        return _(
            "The connection to the database server {url} failed or was lost, and this work was not saved. "
            "Check the network and that the server is running, then try again."
        ).format(url=path)
    if is_server_url(path):
        return _server_fault_text(kind, path)
    if kind == DAMAGED:
        if database_damage() is not None:
            return _open_damage_message()
        return _sentences(
            _(
                "The database file {path} is damaged: SQLite found a damaged page while reading it, "
                "and the work was stopped."
            ).format(path=path),
            _restore_advice(Path(path), latest_good_backup(path)),
        )
    if kind == DISK_FULL:
        return _(
            "The disk is full: {path} could not be written and nothing was saved. "
            "Free some space on the disk (or choose another disk) and try again."
        ).format(path=path)
    if kind == DISK_FAILED:
        return _(
            "Writing {path} failed: the disk is full or faulty, and nothing was saved. "
            "Free some space or check the disk, then try again."
        ).format(path=path)
    if kind == READ_ONLY:
        return _(
            "{path} is in a read-only folder or on a write-protected disk: nothing can be saved there. "
            "Copy the database to a folder you can write to (or remove the write protection) and try again."
        ).format(path=path)
    return _(
        "The database {path} is in use by another program or another copy of Fulian Ledger. "
        "Close it and try again; nothing was saved."
    ).format(path=path)


def _server_fault_text(kind: str, url: str) -> str:
    if kind == DISK_FULL:
        return _(
            "The database server {url} has no room left, and this work was not saved. "
            "Ask whoever runs the office's server to free space on it, then try again."
        ).format(url=url)
    if kind == READ_ONLY:
        return _(
            "The database server {url} does not let this user change the database: nothing was saved. "
            "Ask whoever runs the office's server to let this user write."
        ).format(url=url)
    return _(
        "Another clerk is changing the same records on the database server {url}: this work waited "
        "and was not saved. Try again in a moment."
    ).format(url=url)


def storage_error(exc: BaseException, path: Path | str | None = None) -> StorageError | None:
    """``exc`` as a StorageError with the user's message, or None when it is not a storage fault."""
    kind = storage_fault(exc)
    if kind is None:
        return None
    message = storage_message(exc, path)
    assert message is not None
    return StorageError(message, kind)


class LedgerDatabase(SqliteDatabase):
    """SQLite as the program uses it: the original error survives a failed transaction.

    After "database or disk is full" or an I/O error SQLite ends the
    transaction itself; peewee's ROLLBACK would then fail with "no transaction
    is active" and hide the cause the user needs to hear.
    """

    fulian_path: Path
    read_only = False
    # The lines of the check the file failed when it was opened; it is then open for reading only.
    damaged: list[str] | None = None
    # What opening it did that the user must hear about (a -wal from elsewhere set aside).
    notices: tuple[str, ...] = ()
    # The check begun when it was opened (``check_in_background``); None once a write has found it passed.
    opening_check: OpeningCheck | None = None

    def __init__(self, database, *args, **kwargs):
        kwargs.setdefault("factory", _TrackedConnection)
        super().__init__(database, *args, **kwargs)

    def _connect(self):
        conn = super()._connect()  # type: ignore[misc]  # peewee's stubs leave out its connection hook
        conn.fulian_file = _file_key(self.fulian_path)
        _OPEN_HERE.add(conn)
        return conn

    def in_transaction(self) -> bool:
        return not self.is_closed() and self.connection().in_transaction

    def rollback(self):
        if self.in_transaction():
            super().rollback()

    def execute_sql(self, sql, params=None, *args, **kwargs):
        # Nested atomic blocks are savepoints, made through the proxy: catch their rollback here.
        if sql.startswith("ROLLBACK TO SAVEPOINT") and not self.in_transaction():
            return None
        if self.opening_check is not None and not _reads_only(sql):
            self._await_opening_check()
        return super().execute_sql(sql, params, *args, **kwargs)

    def begin(self, *args, **kwargs):
        # peewee sends BEGIN through a cursor, not execute_sql: every transaction waits for the verdict too
        # (imports and re-encryption write through the cursor inside one).
        if self.opening_check is not None:
            self._await_opening_check()
        return super().begin(*args, **kwargs)

    def _await_opening_check(self) -> None:
        """Nothing is written before the file has passed its check; a file that failed is read-only from then on."""
        check = self.opening_check
        if check is None:
            return
        problems = check.wait()
        if not problems:
            self.opening_check = None
            return
        self.mark_damaged(problems)
        super().execute_sql("PRAGMA query_only = 1")  # each thread's connection, as it first tries to write

    def mark_damaged(self, problems: list[str]) -> None:
        self.damaged = list(problems)
        self.read_only = True

    def stop_opening_check(self) -> None:
        """Stop a check still running: the database is being closed for good (or could not be opened)."""
        check = self.opening_check
        if check is not None and not check.done():
            check.stop()


def _reads_only(sql: str) -> bool:
    """Whether a statement only reads (the statements the program issues, not SQL in general)."""
    return sql.lstrip()[:6].upper() in ("SELECT", "PRAGMA")


class _TrackedConnection(sqlite3.Connection):
    """A connection of this process on a database file: nothing may replace or set aside the file's -wal under it."""

    fulian_file = ""

    def close(self) -> None:
        _OPEN_HERE.discard(self)
        super().close()


# The connections this process has open through LedgerDatabase (each thread has its own).
_OPEN_HERE: weakref.WeakSet[_TrackedConnection] = weakref.WeakSet()


def _file_key(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def open_here(path: Path | str) -> bool:
    """Whether a connection of this process (any thread) is open on the database at ``path``."""
    key = _file_key(path)
    return any(conn.fulian_file == key for conn in list(_OPEN_HERE))


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
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        fault = storage_error(exc, path)
        if fault is not None and fault.kind not in (READ_ONLY, DAMAGED):
            raise fault from exc
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
        fault = storage_error(exc, path)
        if fault is not None and fault.kind != DAMAGED:
            raise fault from exc
        raise DatabaseError(
            _("{path} is not a Fulian Ledger database ({error}).").format(path=path, error=exc)
        ) from exc
    finally:
        conn.close()


def _read_only_uri(path: Path, immutable: bool) -> str:
    return f"{Path(path).resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; on a read-only folder a WAL database cannot make its -shm, so it is read as immutable."""
    conn = sqlite3.connect(_read_only_uri(path, False), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error as exc:
        conn.close()
        if not isinstance(exc, sqlite3.OperationalError) or _plain_storage_fault(exc) != READ_ONLY:
            raise
        if _folder_writable(path.parent):
            raise
    return sqlite3.connect(_read_only_uri(path, True), uri=True, timeout=BUSY_TIMEOUT_SECONDS)


def _folder_writable(folder: Path) -> bool:
    """Whether a file can be made in ``folder`` (asked of the file system: permissions lie to administrators)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _make_private(path: Path, mode: int) -> None:
    """Readable by this user only, on systems with file modes."""
    if os.name != "posix":
        return
    try:
        if path.exists() and path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError:
        pass  # not ours to change (a shared file): it stays as it is


def _create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 so SQLite (and its -wal, -shm, journal) inherit it."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(fd)


def _make_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)


def open_database(
    path: Path | str | None = None,
    create: bool = True,
    read_only: bool = False,
    read_only_fallback: bool = False,
    check_in_background: bool = False,
) -> Database:
    """Open (creating or migrating as needed) and bind the database.

    An older database is backed up before it is migrated; a newer one is
    refused with a message and left exactly as it was. ``read_only`` opens it
    for reading only (nothing can be written, nothing is migrated);
    ``read_only_fallback`` does so when the folder or disk cannot be written.
    A disk that is full, read-only or locked raises StorageError.

    Before SQLite touches an existing file, a -wal beside it that belongs to
    another copy or another database is set aside (``models.wal_guard``); then
    the file is checked (``quick_check``, or ``integrity_check`` after a
    session that did not end cleanly). A file that fails is opened for reading
    only and marked (``database_damage()``); one that cannot be opened at all
    raises DamagedDatabase. Either way nothing is written into it.

    ``check_in_background`` (the window): when the last session ended cleanly
    and nothing is to be migrated, the ``quick_check`` runs in a thread
    (``models.opening_check``) while the caller goes on. Every write waits for
    its verdict; a file that fails is then read-only and marked as above
    (``opening_check_pending()`` says whether the verdict is still to come).
    """
    from .server import is_server_url, open_server

    if is_server_url(path):
        return open_server(str(path), create=create, read_only=read_only)
    path = Path(path) if path else default_db_path()
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise DatabaseError(_("There is no database at {path}.").format(path=path))
    notices: list[str] = []
    unclean = False
    if exists:
        notices, unclean = _before_opening(path)
    version = _schema_version_or_damage(path) if exists else 0
    target = latest_version()
    if version > target:
        raise DatabaseError(
            _(
                "{path} was written by a newer version of Fulian Ledger (schema {found}, this version knows {known}). "
                "Install the newer version; the file has not been changed."
            ).format(path=path, found=version, known=target)
        )
    hot_journal = exists and _has_hot_journal(path)
    opens_read_only = read_only or (read_only_fallback and exists and not _folder_writable(path.parent))
    check_later = (
        check_in_background and exists and version == target and not (unclean or hot_journal or opens_read_only)
    )
    problems = _file_problems(path, full=unclean) if exists and not hot_journal and not check_later else []
    db: LedgerDatabase
    if problems:
        db = _open_damaged(path, version, target, problems)
    elif opens_read_only:
        db = _open_read_only(path, version, target)
    else:
        try:
            db = _open_for_writing(path, exists, version, check_later)
        except StorageError as exc:
            if not (read_only_fallback and exists and exc.kind == READ_ONLY):
                raise
            problems = _file_problems(path, full=False) if check_later else []
            db = _open_damaged(path, version, target, problems) if problems else _open_read_only(path, version, target)
        if hot_journal:
            # SQLite rolled the interrupted transaction back as it opened the file: now it can be checked.
            problems = wal_guard.check_lines(db.connection(), full=True)
            if problems:
                db.close()
                db = _open_damaged(path, latest_version(), target, problems)
    db.notices = tuple(notices)
    return db


class DamagedDatabase(DatabaseError):
    """A database file too damaged to be opened at all (not even for reading); the message says what to do."""

    def __init__(self, path: Path, problems: list[str]):
        self.path, self.problems = path, problems
        self.backup = latest_good_backup(path)
        self.damage = Damage(path, problems, self.backup, opened=False)
        super().__init__(self.damage.message())


def _before_opening(path: Path) -> tuple[list[str], bool]:
    """Clean up after interrupted work, and set aside a -wal that does not belong to ``path``.

    Returns what the user must hear about, and whether the last session ended
    uncleanly (a -wal with frames was found: the file is then checked in full).
    """
    if not _folder_writable(path.parent):
        return [], wal_guard.has_frames(path)  # nothing can be set aside; a read-only open reads the file as it is
    try:
        wal_guard.remove_trial_leftovers(path)
        _remove_restoring(path)
    except OSError:
        pass
    if is_network_path(path) or open_here(path):
        return [], False  # no WAL there, or this process's own live one
    verdict = wal_guard.inspect(path, meta.DATABASE_ID)
    if verdict.action != wal_guard.SET_ASIDE:
        return [], verdict.wal_found
    try:
        folder = wal_guard.set_aside(path, _private_set_aside_dir(path), _set_aside_note(path, verdict))
    except OSError as exc:
        fault = storage_error(exc, path)
        raise DatabaseError(
            _(
                "A -wal file beside {path} does not belong to this database, and it could not be set aside: "
                "{error}. The database was not opened, so that the file cannot damage it."
            ).format(path=path, error=fault or exc)
        ) from exc
    message = _(
        "A -wal file beside the database {path} did not belong to it (it was probably copied in from another "
        "copy of the database) and would have damaged it. It was not applied: it was set aside and is kept in "
        "{folder}. Nothing else was changed; the database is as it was last saved here."
    ).format(path=path, folder=folder)
    return [message], True


def _set_aside_note(path: Path, verdict: wal_guard.Verdict) -> str:
    """What the set-aside folder's README says (the message, and SQLite's findings for whoever looks into it)."""
    if verdict.replayed_problems:
        why = "applied to a copy of the database, it damaged it: " + "; ".join(verdict.replayed_problems[:5])
    else:
        why = f"it belongs to another database (id {verdict.replayed_id}, this one is {verdict.file_id})"
    return (
        f"{_dt.datetime.now().isoformat(timespec='seconds')}: these files lay beside {path} when Fulian Ledger "
        f"opened it and were set aside before SQLite could apply them: {why}. The database was opened without them."
    )


def set_aside_dir(db_path: Path) -> Path:
    """Where files that did not belong beside the database are kept (never deleted by the program)."""
    return backups_dir(db_path) / "set-aside"


def _private_set_aside_dir(db_path: Path) -> Path:
    """set_aside_dir, made if needed, readable by this user only (as the backups folder is)."""
    folder = set_aside_dir(db_path)
    for level in (backups_dir(db_path), folder):
        _make_folder(level)
        _make_private(level, PRIVATE_FOLDER)
    return folder


def _schema_version_or_damage(path: Path) -> int:
    """read_schema_version, but a file SQLite calls damaged raises DamagedDatabase."""
    try:
        return read_schema_version(path)
    except StorageError:
        raise
    except DatabaseError as exc:
        code = _sqlite_code(exc)
        if code == sqlite3.SQLITE_CORRUPT or (code == sqlite3.SQLITE_NOTADB and _has_backups(path)):
            raise DamagedDatabase(path, [str(exc.__cause__ or exc)]) from exc
        raise


def _has_backups(path: Path) -> bool:
    """Whether the program has backed up a database at ``path`` (then an unreadable file there is a damaged one)."""
    return any(backups_dir(path).glob(f"{path.stem}-*.sqlite3"))


def _has_hot_journal(path: Path) -> bool:
    """A rollback journal left by a transaction that was cut off (rollback-journal mode, on network folders)."""
    journal = path.with_name(path.name + "-journal")
    try:
        with open(journal, "rb") as handle:
            return any(handle.read(28))
    except OSError:
        return False


def _file_problems(path: Path, full: bool) -> list[str]:
    """The check of the file as SQLite will see it (with its -wal), read without writing; [] when it passes."""
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        fault = storage_error(exc, path)
        if fault is not None and fault.kind not in (READ_ONLY, DAMAGED):
            raise fault from exc
        return [str(exc)]
    try:
        return wal_guard.check_lines(conn, full)
    finally:
        conn.close()


def _open_damaged(path: Path, version: int, target: int, problems: list[str]) -> LedgerDatabase:
    """The damaged file, for reading only; one that cannot even be read at this version raises DamagedDatabase."""
    if version < target:
        raise DamagedDatabase(path, problems)
    try:
        db = _open_read_only(path, version, target)
    except DatabaseError as exc:
        raise DamagedDatabase(path, problems) from exc
    db.damaged = list(problems)
    return db


def _open_read_only(path: Path, version: int, target: int) -> LedgerDatabase:
    if version < target:
        raise StorageError(
            _(
                "{path} must be updated to this version of Fulian Ledger, but it cannot be written "
                "(a read-only folder or disk). Copy it to a folder you can write to and open it there."
            ).format(path=path),
            READ_ONLY,
        )
    immutable = False
    try:
        _connect_read_only(path).close()
    except sqlite3.Error as exc:
        raise storage_error(exc, path) or DatabaseError(str(exc)) from exc
    if not _folder_writable(path.parent):
        probe = sqlite3.connect(_read_only_uri(path, False), uri=True)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            immutable = True
        finally:
            probe.close()
    db = LedgerDatabase(
        _read_only_uri(path, immutable),
        uri=True,
        pragmas={"foreign_keys": 1, "query_only": 1, "busy_timeout": BUSY_TIMEOUT_SECONDS * 1000},
        timeout=BUSY_TIMEOUT_SECONDS,
    )
    db.fulian_path = path
    db.read_only = True
    db.connect(reuse_if_open=True)
    database.initialize(db)
    return db


def _open_for_writing(path: Path, exists: bool, version: int, check_later: bool = False) -> LedgerDatabase:
    try:
        _make_folder(path.parent)
        if not exists:
            _create_private_file(path)
        _make_private(path, PRIVATE_FILE)
        clean_partial_backups(path)
        if exists and version < latest_version():
            backup_file(path, _backup_name(path, f"before-migration-v{version}"))
            rotate_backups(backups_dir(path), f"{path.stem}-before-migration-v", DEFAULT_KEEP_BACKUPS)
    except OSError as exc:
        raise storage_error(exc, path) or DatabaseError(str(exc)) from exc
    journal = "delete" if is_network_path(path) else "wal"
    db = LedgerDatabase(
        str(path),
        pragmas={
            "journal_mode": journal,
            "synchronous": "full",
            "foreign_keys": 1,
            "busy_timeout": BUSY_TIMEOUT_SECONDS * 1000,
        },
        timeout=BUSY_TIMEOUT_SECONDS,
    )
    db.fulian_path = path
    try:
        db.connect(reuse_if_open=True)
        if check_later:
            db.opening_check = OpeningCheck(path, _connect_read_only, db.mark_damaged)
        database.initialize(db)
        migrate(db, version)
        give_identity(db)
        fill_lookup_keys()
    except Exception as exc:
        db.stop_opening_check()
        db.close()
        fault = storage_error(exc, path)
        if fault is not None:
            raise fault from exc
        raise
    return db


def is_read_only() -> bool:
    """Whether the open database was opened for reading only."""
    return bool(getattr(database.obj, "read_only", False))


def database_damage() -> list[str] | None:
    """The problems the open database's check found when it was opened (it is then read-only); None when it passed."""
    damaged = getattr(database.obj, "damaged", None)
    return list(damaged) if damaged is not None else None


def opening_check_pending() -> bool:
    """Whether the open database's check, run in the background since it was opened, has not finished yet."""
    check = getattr(database.obj, "opening_check", None)
    return check is not None and not check.done()


def opening_check_missed() -> str | None:
    """Why the open database's background check could not be made (its file could not be read for it,
    e.g. locked by another program throughout); None when it was made, or is still running."""
    check = getattr(database.obj, "opening_check", None)
    return check.missed if check is not None and check.done() else None


def opening_notices() -> list[str]:
    """What opening the database did that the user must hear about (a -wal from elsewhere set aside)."""
    return list(getattr(database.obj, "notices", ()))


def set_busy_timeout(seconds: float) -> None:
    """How long this thread's connection waits for another writer before "locked" (the GUI thread waits briefly)."""
    if is_server():
        database.execute_sql(f"SET lock_timeout = {int(seconds * 1000)}")
    else:
        database.execute_sql(f"PRAGMA busy_timeout = {int(seconds * 1000)}")


def migrate(db: SqliteDatabase, current: int) -> None:
    """Apply every step above ``current``, each in its own transaction."""
    for version, step in steps():
        if version <= current:
            continue
        with db.atomic():
            apply_step(db, version, step)


def apply_step(db: Database, version: int, step: ModuleType) -> None:
    """One step and the version it leaves, inside the caller's transaction (the same on both engines)."""
    step.apply(db)
    meta.put(meta.SCHEMA_VERSION, str(version))
    if meta.get(meta.INSTALLATION_ID) is None:
        meta.put(meta.INSTALLATION_ID, str(uuid.uuid4()))
    if meta.get(meta.DATABASE_ID) is None:
        meta.put(meta.DATABASE_ID, uuid.uuid4().hex)


def give_identity(db: Database) -> None:
    """A database from before ids gets its own now; it never changes afterwards (a restore keeps it too).

    A disk that refuses the write (full, locked) does not stop the opening:
    reading still works, the id is given at a later opening.
    """
    if meta.get(meta.DATABASE_ID) is not None and meta.get(meta.INSTALLATION_ID) is not None:
        return
    try:
        with db.atomic():
            if meta.get(meta.DATABASE_ID) is None:
                meta.put(meta.DATABASE_ID, uuid.uuid4().hex)
            if meta.get(meta.INSTALLATION_ID) is None:
                meta.put(meta.INSTALLATION_ID, str(uuid.uuid4()))
    except Exception as exc:
        if storage_fault(exc) is None:
            raise


def fill_lookup_keys() -> None:
    """Fill the lookup keys a restored backup protected before step 12 lacks, once its key is loaded.

    Called at every opening (a restore in this process keeps the key) and
    unlocking. A disk that refuses the write does not stop either: the next
    one tries again.
    """
    from . import id_crypto

    try:
        id_crypto.fill_missing_lookup_keys()
    except Exception as exc:
        if storage_fault(exc) is None:
            raise


def database_id(path: Path) -> str | None:
    """The id recorded in a database file (read without changing it); None when it has none or cannot be read."""
    try:
        conn = _connect_read_only(Path(path))
    except sqlite3.Error:
        return None
    try:
        return wal_guard.read_identity(conn, meta.DATABASE_ID)
    finally:
        conn.close()


def new_folders_for(path: Path) -> Path | None:
    """The outermost folder of ``path`` that does not exist yet (None: its folder exists)."""
    missing = None
    for folder in Path(path).parents:
        if folder.exists():
            break
        missing = folder
    return missing


def remove_new_database(path: Path, new_folder: Path | None = None) -> None:
    """Remove a database this run created and then kept nothing in (the first-run question cancelled),
    its -wal and -shm, and the folders made for it (up to ``new_folder``) if they are left empty.

    Call it closed, and only for a file that did not exist before this run.
    """
    path = Path(path)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    if new_folder is None:
        return
    folder = path.parent
    while True:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            return
        if folder == Path(new_folder) or folder.parent == folder:
            return
        folder = folder.parent


def close_database() -> None:
    db = database.obj
    if isinstance(db, LedgerDatabase):
        db.stop_opening_check()
    if db is not None and not db.is_closed():
        db.close()


def current_path() -> Path:
    """The open database's file (a SQLite database: a server's has none, see ``database_location``)."""
    db = database.obj
    return Path(getattr(db, "fulian_path", db.database))


def is_server() -> bool:
    """Whether the open database is on a PostgreSQL server rather than in a SQLite file."""
    from .server import ServerDatabase

    return isinstance(database.obj, ServerDatabase)


def lock_in_transaction(name: str) -> None:
    """Wait until no other clerk holds the lock ``name``, then hold it until the current transaction ends.

    What one clerk must not do while another does it (import the same
    package) takes this lock first and reads again under it. On a server it
    is an advisory lock of the transaction; in a SQLite file nothing is
    needed, its one writer at a time serialises the writes.
    """
    if is_server():
        from .server import advisory_lock

        advisory_lock(name)


def refuse_while_other_clerks_work() -> None:
    """On a server, turning the start-up password on or off waits until no other clerk is connected: it
    re-encrypts or decrypts every ID number, and another clerk's program, which read the old state when it
    opened, would go on writing numbers the new state cannot read. A file is one window's (its lock file)."""
    if not is_server():
        return
    from .server import other_clerks, shown_url

    count = other_clerks(database.obj)
    if count:
        raise StorageError(
            _(
                "{count} other connections to the database on {url} are open (other clerks' Fulian Ledger). "
                "The start-up password changes how every ID number is kept: ask them to close the program "
                "first, then try again. Nothing was changed."
            ).format(count=count, url=shown_url(database.obj.fulian_url)),
            LOCKED,
        )


def database_location() -> str:
    """The open database as shown to the user: its file, or its server's URL."""
    from .server import ServerDatabase, shown_url

    db = database.obj
    if isinstance(db, ServerDatabase):
        return shown_url(db.fulian_url)
    return str(current_path())


# --- what the two engines do differently -----------------------------------------


def entry_order(model: type[Model]) -> Node:
    """The last tie-break of a list that keeps the order rows were entered in.

    SQLite: the rowid, which also orders the rows an older version entered
    within one second. A server table has no rowid: there rows entered in one
    save are told apart by their created_at (``models.disputes`` gives each
    a microsecond more than the one before), and the uuid only makes the order
    total.
    """
    if is_server():
        return model._meta.primary_key  # type: ignore[return-value]  # peewee: the key field, a Node
    return SQL("rowid")


def open_integrity_problems() -> list[str]:
    """Lines of SQLite's integrity_check of the open database's file other than "ok".

    On a server: none to report. The server checks its own files (page
    checksums, its write-ahead log replayed after a crash) and offers no such
    check to a client; its damage shows as an error of the statement that meets it.
    """
    if is_server():
        return []
    return integrity_problems(database.obj.connection())


def broken_references() -> list[str]:
    """The tables of the open database holding a reference to a row that is not there, once per broken row.

    SQLite: its foreign_key_check (a file may have been written with the
    checks off, or by another program). On a server: none — PostgreSQL
    enforces every foreign key at each write, so none can be stored broken.
    """
    if is_server():
        return []
    return [row[0] for row in database.obj.connection().execute("PRAGMA foreign_key_check").fetchall()]


def scrub_old_values(tables: tuple[str, ...]) -> bool:
    """Rewrite the open database so the earlier values of ``tables`` linger nowhere in its files.

    SQLite keeps them in pages it freed but did not overwrite, and in its
    write-ahead log: VACUUM writes every page anew and the checkpoint empties
    the log. PostgreSQL keeps the old row versions in the tables' files until
    they are rewritten: VACUUM FULL writes each table and its indexes into new
    files and empties the old ones. Both run outside a transaction. False when
    another connection kept it from finishing (a clerk at work on the server
    holds the table past the lock timeout); the data is encrypted all the same.
    """
    from peewee import DatabaseError as PeeweeError

    try:
        if is_server():
            for table in tables:
                database.execute_sql(f'VACUUM FULL "{table}"')
            return True
        database.execute_sql("VACUUM")
        row = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except PeeweeError:
        return False
    return row is None or row[0] == 0


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
    """Copy a database file through the online backup API and verify the copy.

    Closing the source connection may write the source's -wal into it (a
    checkpoint); cut short, that leaves the file part-way with its -wal
    complete, which the guard at the next open recognises as this database's
    own and keeps.
    """
    src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_SECONDS)
    try:
        return _backup_connection(src, Path(dest))
    finally:
        src.close()


def _backup_connection(src: sqlite3.Connection, dest: Path) -> Path:
    """Write ``dest`` through ``<dest>.partial``: a failed backup leaves no file behind, never a half one.

    A full, read-only or locked disk raises StorageError naming ``dest``.
    """
    partial = dest.with_name(dest.name + ".partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.parent.name == "backups":
            _make_private(dest.parent, PRIVATE_FOLDER)
        _remove_partial(partial)
        _create_private_file(partial)
        target = sqlite3.connect(str(partial))
        try:
            src.backup(target)
            problems = integrity_problems(target)
        finally:
            target.close()
        if problems:
            raise DatabaseError(
                _("The backup failed its integrity check: {problems}").format(problems="; ".join(problems[:5]))
            )
        os.replace(partial, dest)
    except BaseException as exc:
        _remove_partial(partial)
        fault = storage_error(exc, dest) if isinstance(exc, (OSError, sqlite3.Error)) else None
        if fault is not None and fault.kind != DAMAGED:  # a damaged page is the source's, not the backup's
            raise fault from exc
        raise
    return dest


# What SQLite may leave beside a half-written backup: its journal, or (the copy of a WAL database) its -wal and -shm.
_PARTIAL_COMPANIONS = ("", "-journal", "-wal", "-shm")
# A backup being written touches its file all the time; one untouched this long was cut short.
PARTIAL_STALE_SECONDS = 15 * 60


def _remove_partial(partial: Path) -> None:
    for leftover in (partial.with_name(partial.name + suffix) for suffix in _PARTIAL_COMPANIONS):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def clean_partial_backups(db_path: Path, stale_only: bool = True) -> list[Path]:
    """Remove what interrupted backups left in the backups folder (called on every start).

    ``stale_only``: only files left alone for PARTIAL_STALE_SECONDS; a fresh one is a backup
    another process (a second command, an import) is writing right now, which removing would break.
    """
    folder = backups_dir(db_path)
    removed = []
    stale_before = _dt.datetime.now().timestamp() - PARTIAL_STALE_SECONDS
    for pattern in ("*.partial" + suffix for suffix in _PARTIAL_COMPANIONS):
        for leftover in folder.glob(pattern):
            try:
                if stale_only and leftover.stat().st_mtime > stale_before:
                    continue
                leftover.unlink()
                removed.append(leftover)
            except OSError:
                pass
    return removed


def backup_to(dest: Path | str) -> Path:
    """Back up the open database to ``dest`` (checked), and remember when (unless it is read-only).

    A database that failed its check when it was opened is not backed up (the
    copy would fail its check too): the message says to restore a good backup.
    """
    if database_damage() is not None:
        refused = _("A damaged database is not backed up: a copy of it would be damaged too.")
        raise DatabaseError(_sentences(refused, _open_damage_message()))
    if is_server():
        from . import server_backup

        dest = server_backup.backup(database_location(), Path(dest))
    else:
        dest = _backup_connection(database.obj.connection(), Path(dest))
    if not is_read_only():
        meta.put(meta.LAST_BACKUP, _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"))
    return dest


def _rotation_prefix(stem: str, reason: str) -> str:
    """Backups before migrations rotate together, whatever version they were made from."""
    if reason.startswith("before-migration"):
        return f"{stem}-before-migration-v"
    return f"{stem}-{reason}-"


def automatic_backup(reason: str = "daily", keep: int = DEFAULT_KEEP_BACKUPS) -> Path | None:
    """A rotated backup beside the database, named by its reason and time (None: none is taken).

    Daily backups keep the last 30 days and the last backup of each of 12
    months; every other reason keeps its newest ``keep``.
    """
    if is_server():
        # A server's database has no folder beside it, and is the office's: the server's own backups keep it.
        return None
    path = backup_to(_backup_name(current_path(), reason))
    folder, stem = backups_dir(current_path()), current_path().stem
    if reason == "daily":
        rotate_daily_backups(folder, stem)
    else:
        rotate_backups(folder, _rotation_prefix(stem, reason), keep)
    return path


def rotate_backups(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups starting with ``prefix``."""
    found = sorted(Path(folder).glob(prefix + "*.sqlite3"))
    removed = found[:-keep] if keep > 0 else found
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def rotate_daily_backups(folder: Path, stem: str, days: int = KEEP_DAILY, months: int = KEEP_MONTHLY) -> list[Path]:
    """Keep the newest ``days`` daily backups and the newest backup of each of the last ``months`` months."""
    prefix = f"{stem}-daily-"
    found = sorted(Path(folder).glob(prefix + "*.sqlite3"))
    keep = set(found[-days:] if days > 0 else [])
    newest_of_month: dict[str, Path] = {}
    for path in found:  # sorted by time: a later file of the month replaces an earlier one
        newest_of_month[path.name[len(prefix) : len(prefix) + 6]] = path
    for month in sorted(newest_of_month)[-months:] if months > 0 else []:
        keep.add(newest_of_month[month])
    removed = [path for path in found if path not in keep]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def last_backup_at() -> _dt.datetime | None:
    value = meta.get(meta.LAST_BACKUP)
    return _dt.datetime.fromisoformat(value) if value else None


def daily_backup_due(now: _dt.datetime | None = None) -> bool:
    if is_server():
        # A server's database is backed up by the server (the office's scheduled pg_dump), not by each clerk's PC.
        return False
    last = last_backup_at()
    now = now or _dt.datetime.now(_dt.UTC)
    return last is None or now - last > _dt.timedelta(days=1)


def restore_from(db_path: Path | str, source: Path | str) -> Path | None:
    """Replace the database at ``db_path`` with a backup, keeping a safety copy.

    The backup is checked first (a SQLite file of ours, not newer, intact, of
    the same unit); the current database is backed up before it is replaced
    (a damaged one is copied as it is, with its -wal). The restored database
    is built beside it as ``<db>.restoring`` (in rollback-journal mode, with
    this database's id, checked and synced) and then renamed over it, so a
    restore cut short leaves the old database or the new one, never a mix: no
    page of another database is ever written through this database's -wal.
    Refused (LOCKED) while another program has the database open. Returns the
    safety copy's path, or None when there was no database to keep. This
    thread's connection to the database is closed.

    A database on a server (``db_path`` a URL) is restored from a pg_dump
    archive by ``models.server_backup``, with the same checks.
    """
    from .server import is_server_url

    if is_server_url(db_path):
        from . import server_backup

        close_database()
        return server_backup.restore(str(db_path), Path(source))
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
    incoming = database_unit(source)
    exists = db_path.exists() and db_path.stat().st_size > 0
    current = _readable_unit(db_path) if exists else None
    if incoming is None:
        raise DatabaseError(
            _("{path} belongs to no unit (it was never set up); it cannot replace the database of {unit}.").format(
                path=source, unit=_unit_words(current) if current else db_path
            )
        )
    if current is not None and current[0] != incoming[0]:
        raise DatabaseError(
            _(
                "{path} is the database of {incoming}, but this installation belongs to {current}. "
                "Only a backup of {current} can be restored here."
            ).format(path=source, incoming=_unit_words(incoming), current=_unit_words(current))
        )
    identity = database_id(db_path) if exists else None
    close_database()
    _refuse_if_in_use(db_path)
    restoring = _restoring_path(db_path)
    safety = None
    try:
        if exists:
            safety = _safety_copy(db_path)
        else:
            _make_folder(db_path.parent)
        _build_restored(source, restoring, identity)
        _retire_wal(db_path)
        _refuse_if_in_use(db_path)
        os.replace(restoring, db_path)
        wal_guard._sync_folder(db_path.parent)
    except (OSError, sqlite3.Error) as exc:
        _remove_restoring(db_path)
        raise storage_error(exc, db_path) or DatabaseError(str(exc)) from exc
    except BaseException:
        _remove_restoring(db_path)
        raise
    return safety


def _readable_unit(path: Path) -> tuple[str, str] | None:
    """database_unit, or None for a file too damaged to tell (the backup's own checks then stand)."""
    try:
        return database_unit(path)
    except sqlite3.Error:
        return None


def _refuse_if_in_use(db_path: Path) -> None:
    """Nothing replaces a database another connection has open: it would go on writing to the old file."""
    if open_here(db_path) or wal_guard.in_use_by_another_process(db_path):
        raise StorageError(fault_text(LOCKED, str(db_path)), LOCKED)


def _restoring_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".restoring")


def _remove_restoring(db_path: Path) -> None:
    """Remove what a restore cut short left beside the database (called on every start)."""
    _remove_partial(_restoring_path(db_path))


def _safety_copy(db_path: Path) -> Path:
    """The database as it is before a restore: a checked backup, or for a damaged file a copy of it as it is."""
    if not _file_problems(db_path, full=True):
        safety = backup_file(db_path, _backup_name(db_path, "before-restore"))
        rotate_backups(backups_dir(db_path), f"{db_path.stem}-before-restore-", DEFAULT_KEEP_BACKUPS)
        return safety
    # A damaged database cannot pass a backup's check: it is kept byte for byte, with its -wal, to be looked into.
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    safety = _private_set_aside_dir(db_path) / f"{db_path.stem}-damaged-{stamp}.sqlite3"
    for suffix in ("", "-wal"):
        original = db_path.with_name(db_path.name + suffix)
        if original.exists():
            copy = safety.with_name(safety.name + suffix)
            shutil.copyfile(original, copy)
            _make_private(copy, PRIVATE_FILE)
    return safety


def _build_restored(source: Path, restoring: Path, identity: str | None) -> None:
    """Write the backup into ``restoring``: rollback-journal mode, this database's id, checked, synced."""
    _remove_partial(restoring)
    _create_private_file(restoring)
    src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_SECONDS)
    try:
        dest = sqlite3.connect(str(restoring), timeout=BUSY_TIMEOUT_SECONDS)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE").fetchone()
            if identity is not None:
                # A backup of this database restores as this database (an older backup may have no id yet).
                with dest:
                    dest.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (meta.DATABASE_ID, identity))
            problems = integrity_problems(dest)
        finally:
            dest.close()
    finally:
        src.close()
    if problems:
        raise DatabaseError(
            _("The restored copy failed its integrity check: {problems}").format(problems="; ".join(problems[:5]))
        )
    fd = os.open(restoring, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _retire_wal(db_path: Path) -> None:
    """Write the old database's -wal into it and remove it, so that nothing from it is replayed onto the new file.

    A good database is checkpointed in full (cut short, the -wal is still
    there and complete); a damaged one is not written to: its -wal is in the
    safety copy already and is removed.
    """
    wal, shm = wal_guard.wal_path(db_path), wal_guard.shm_path(db_path)
    if wal_guard.has_frames(db_path) and not db_path.exists():
        # A -wal with no database: not this restore's to judge, nor to delete.
        note = f"{_dt.datetime.now().isoformat(timespec='seconds')}: these files lay beside no database at {db_path}."
        wal_guard.set_aside(db_path, _private_set_aside_dir(db_path), note)
        return
    if wal_guard.has_frames(db_path) and not _file_problems(db_path, full=False):
        conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_SECONDS)
        try:
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
        if busy or wal_guard.has_frames(db_path):
            raise StorageError(fault_text(LOCKED, str(db_path)), LOCKED)
    for leftover in (wal, shm):
        leftover.unlink(missing_ok=True)


def database_unit(path: Path) -> tuple[str, str] | None:
    """The own unit (code, name) recorded in a database file, read without changing it; None when it has none."""
    conn = _connect_read_only(Path(path))
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (meta.OWN_UNIT,)).fetchone()
        if not row or not row[0]:
            return None
        code = row[0]
        try:
            name = conn.execute("SELECT name FROM unit WHERE code = ? AND deleted = 0", (code,)).fetchone()
        except sqlite3.Error:
            name = None
        return code, (name[0] if name else "")
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _unit_words(unit: tuple[str, str]) -> str:
    code, name = unit
    return _("{name} ({code})").format(name=name, code=code) if name else code


# --- the list of backups ---------------------------------------------------------------

# What made a backup, as its file name says (automatic_backup's reasons); anything else was made by hand.
DAILY, BEFORE_MIGRATION, BEFORE_RESTORE, BEFORE_IMPORT, BY_HAND = (
    "daily",
    "before-migration",
    "before-restore",
    "before-import",
    "by-hand",
)
_REASON_WORDS = {
    DAILY: N_("daily"),
    BEFORE_MIGRATION: N_("before an update"),
    BEFORE_RESTORE: N_("before a restore"),
    BEFORE_IMPORT: N_("before an import"),
    BY_HAND: N_("by hand"),
}
_AUTOMATIC_NAME = re.compile(
    r"-(daily|before-migration|before-restore|before-import)(?:-v\d+)?-(\d{8}-\d{6})-\d{6}\.sqlite3$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup in the backups folder, as the backup page lists it."""

    path: Path
    made_at: _dt.datetime  # local time
    size: int  # bytes
    reason: str  # DAILY, BEFORE_MIGRATION, BEFORE_RESTORE, BEFORE_IMPORT or BY_HAND
    unit: tuple[str, str] | None  # (code, name) of the unit it belongs to; None when it has none or is unreadable
    readable: bool = True

    @property
    def reason_words(self) -> str:
        return _(_REASON_WORDS[self.reason])

    @property
    def size_words(self) -> str:
        from .i18n import format_decimal

        if self.size < 1024 * 1024:
            return _("{size} KB").format(size=format_decimal(self.size / 1024, "#,##0"))
        return _("{size} MB").format(size=format_decimal(self.size / 1024 / 1024, "#,##0.0"))

    @property
    def unit_words(self) -> str:
        if not self.readable:
            return _("damaged or unreadable")
        return _unit_words(self.unit) if self.unit else _("no unit")


# (path, size, modification time) → (unit, readable): a backup never changes, so each is read once.
_unit_cache: dict[tuple[str, int, int], tuple[tuple[str, str] | None, bool]] = {}


def _backup_unit(path: Path, size: int, mtime: int) -> tuple[tuple[str, str] | None, bool]:
    key = (str(path), size, mtime)
    if key not in _unit_cache:
        try:
            conn = _connect_read_only(path)
        except sqlite3.Error:
            _unit_cache[key] = (None, False)
        else:
            try:
                conn.execute("SELECT value FROM meta WHERE key = ?", (meta.SCHEMA_VERSION,)).fetchone()
                readable = True
            except sqlite3.Error:
                readable = False
            finally:
                conn.close()
            _unit_cache[key] = (database_unit(path) if readable else None, readable)
    return _unit_cache[key]


def list_backups(db_path: Path | str) -> list[BackupInfo]:
    """The backups beside the database at ``db_path``, newest first, each read (read-only) for its unit."""
    found = []
    for path in backups_dir(Path(db_path)).glob("*.sqlite3"):
        try:
            stat = path.stat()
        except OSError:
            continue  # removed meanwhile (rotated)
        m = _AUTOMATIC_NAME.search(path.name)
        if m:
            reason, made_at = m.group(1), _dt.datetime.strptime(m.group(2), "%Y%m%d-%H%M%S")
        else:
            reason, made_at = BY_HAND, _dt.datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0)
        unit, readable = _backup_unit(path, stat.st_size, stat.st_mtime_ns)
        found.append(BackupInfo(path, made_at, stat.st_size, reason, unit, readable))
    found.sort(key=lambda info: (info.made_at, info.path.name), reverse=True)
    return found


# --- a damaged database -----------------------------------------------------------------


def latest_good_backup(db_path: Path | str) -> BackupInfo | None:
    """The newest backup beside ``db_path`` of the same unit (or database) that passes its integrity check."""
    db_path = Path(db_path)
    unit = _readable_unit(db_path) if db_path.exists() else None
    identity = database_id(db_path) if unit is None and db_path.exists() else None
    for info in list_backups(db_path):
        if not info.readable or info.unit is None:
            continue
        if unit is not None and info.unit[0] != unit[0]:
            continue
        if unit is None and identity is not None and database_id(info.path) != identity:
            continue
        try:
            if read_schema_version(info.path) > latest_version() or integrity_problems(info.path):
                continue
        except DatabaseError:
            continue
        return info
    return None


@dataclass(frozen=True)
class Damage:
    """A database that failed its check, in words: what happened, what to do, and a few of SQLite's lines."""

    path: Path
    problems: list[str]
    backup: BackupInfo | None  # the latest good backup of the same unit, if there is one
    opened: bool = True  # opened for reading only; False: it could not be opened at all

    def summary(self) -> str:
        """What happened, and that nothing will be written into it."""
        if self.opened:
            text = _(
                "The database file {path} is damaged: the check made when it was opened found problems. "
                "It is open for reading only, and nothing will be written to it."
            )
        else:
            text = _("The database file {path} is damaged and cannot be opened; nothing was written to it.")
        return text.format(path=self.path)

    def advice(self) -> str:
        """What to do: restore the latest good backup (named, with when it was made), or ask for help."""
        return _restore_advice(self.path, self.backup)

    def details(self) -> str:
        """At most three of SQLite's lines (never its hundred), or "" when there are none."""
        if not self.problems:
            return ""
        lines = "; ".join(problem[:200] for problem in self.problems[:SHOWN_CHECK_LINES])
        return _("Details: {lines}").format(lines=lines)

    def message(self) -> str:
        text = _sentences(self.summary(), self.advice())
        details = self.details()
        return text + "\n" + details if details else text


def damage_message(path: Path, problems: list[str], backup: BackupInfo | None, opened: bool = True) -> str:
    """What happened to a damaged database and what to do, in the interface language (see Damage)."""
    return Damage(Path(path), list(problems), backup, opened).message()


def _sentences(first: str, second: str) -> str:
    """Two sentences as the interface language joins them (English with a space, Chinese without)."""
    return _("{first} {second}").format(first=first, second=second)


def _restore_advice(path: Path, backup: BackupInfo | None) -> str:
    if backup is None:
        return _(
            "No good backup was found in {folder}. Do not delete the file: restore a backup you keep elsewhere "
            "(main.py restore), or ask whoever looks after the computer for help."
        ).format(folder=backups_dir(path))
    from .i18n import format_datetime

    return _(
        "Restore the latest good backup, {backup}, made {time}: in the program, Settings, "
        'Restore from a backup…; on the command line, main.py restore --db "{path}" --from "{backup}". '
        "The damaged file is kept in the backups folder."
    ).format(backup=backup.path, time=format_datetime(backup.made_at), path=path)


def open_damage() -> Damage | None:
    """The open database's damage in words (the latest good backup looked up now); None when it passed its check."""
    problems = database_damage()
    if problems is None:
        return None
    path = current_path()
    return Damage(path, problems, latest_good_backup(path))


def damage_report() -> str | None:
    """What to tell the user about the open database's damage (Damage.message); None when it passed its check."""
    damage = open_damage()
    return damage.message() if damage is not None else None


def _open_damage_message() -> str:
    return damage_report() or ""
