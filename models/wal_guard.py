"""A -wal beside the database that does not belong to it, recognised before SQLite can replay it.

SQLite applies ("replays") any valid -wal it finds beside a database file,
even one written against another copy of that file, as happens when files
are copied by hand; the mix is usually damaged for good. A genuine -wal, on
the other hand, holds saves that were committed but not yet written into the
file (after a power cut or a forced close), and must be kept.

So, before the database is opened, a -wal that holds frames is tried out on a
copy: the file and its -wal are copied to a private folder beside it, SQLite
replays the -wal there, and the result is checked (its integrity and the
database's identity, a random id kept in ``meta``), as is the file alone
(read with ``immutable=1``, which ignores any -wal). A -wal is set aside only
when the file alone is sound and the -wal either damages it or belongs to
another database: a file that is unsound alone may be half-way through a
checkpoint, and then only its -wal completes it.

Nothing here imports Qt or peewee; ``models.db`` calls ``inspect`` and
``set_aside`` while no connection of this process is open on the file.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

WAL_HEADER_BYTES = 32
# SQLite holds a shared lock on this byte of the -shm for as long as a connection has the database open:
# UNIX_SHM_DMS (and WIN_SHM_DMS) = (22 + 8) * 4 + 8.
SHM_DMS_BYTE = 128
# At most this many of SQLite's check lines are read.
MAX_CHECK_LINES = 20
# The private folder a -wal is tried out in (removed afterwards; a leftover is removed at the next open).
TRIAL_PREFIX = ".walcheck-"

# What inspect() decided.
NO_WAL, IN_USE, KEEP, SET_ASIDE, BOTH_DAMAGED, UNDECIDED = (
    "no-wal",
    "in-use",
    "keep",
    "set-aside",
    "both-damaged",
    "undecided",
)


@dataclass
class Verdict:
    """What was found beside the database and what is to be done with it."""

    action: str
    replayed_problems: list[str] = field(default_factory=list)  # the file with its -wal applied
    file_problems: list[str] = field(default_factory=list)  # the file alone
    replayed_id: str | None = None
    file_id: str | None = None

    @property
    def wal_found(self) -> bool:
        """A -wal with frames was there: the last session did not end cleanly (or the -wal came from elsewhere)."""
        return self.action not in (NO_WAL, IN_USE)


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + "-wal")


def shm_path(db: Path) -> Path:
    return db.with_name(db.name + "-shm")


def has_frames(db: Path) -> bool:
    """Whether a -wal beside ``db`` holds anything beyond its header."""
    try:
        return wal_path(db).stat().st_size > WAL_HEADER_BYTES
    except OSError:
        return False


def in_use_by_another_process(db: Path) -> bool:
    """Whether another running program has ``db`` open in WAL mode (it holds a lock in the -shm).

    POSIX locks belong to a process, and closing any descriptor of a file drops
    every lock the process holds on it: call this only while this process has
    no connection open on ``db``.
    """
    shm = shm_path(db)
    try:
        fd = os.open(shm, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return False  # no -shm: nobody has the database open in WAL mode
    except OSError:
        return True  # cannot tell (not ours to open): as if it were in use
    try:
        return _dms_locked(fd)
    finally:
        os.close(fd)


def _dms_locked(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, SHM_DMS_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return True
        os.lseek(fd, SHM_DMS_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return False
    import fcntl

    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, SHM_DMS_BYTE, os.SEEK_SET)
    except OSError:
        return True
    fcntl.lockf(fd, fcntl.LOCK_UN, 1, SHM_DMS_BYTE, os.SEEK_SET)
    return False


def check_lines(conn: sqlite3.Connection, full: bool) -> list[str]:
    """SQLite's integrity_check (``full``) or quick_check, at most MAX_CHECK_LINES lines; [] when it passes.

    A check SQLite cannot finish counts as failed, with its error as the line (``check_rows`` raises it).
    """
    try:
        return check_rows(conn, full)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def check_rows(conn: sqlite3.Connection, full: bool) -> list[str]:
    """``check_lines``, but an error that stops the check (locked, interrupted, damaged beyond reading) is raised."""
    pragma = "integrity_check" if full else "quick_check"
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}({MAX_CHECK_LINES})")]
    return [row for row in rows if row != "ok"]


def read_identity(conn: sqlite3.Connection, key: str) -> str | None:
    """The database's id in ``meta``; None when it has none (a new database, or one from before ids)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row and row[0] else None


def _examine(uri: str, identity_key: str, full: bool) -> tuple[list[str], str | None]:
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.DatabaseError as exc:
        return [str(exc)], None
    try:
        return check_lines(conn, full), read_identity(conn, identity_key)
    finally:
        conn.close()


def inspect(db: Path, identity_key: str, full: bool = True) -> Verdict:
    """Try out the -wal beside ``db`` on a copy and say whether it belongs there (see the module's text).

    The caller has checked that no connection of this process is open on ``db``.
    A -wal that cannot be tried out (no room for the copy) is kept, as SQLite would.
    """
    db = Path(db)
    if not has_frames(db):
        return Verdict(NO_WAL)
    if in_use_by_another_process(db):
        return Verdict(IN_USE)
    file_problems, file_id = _examine(_file_alone_uri(db), identity_key, full)
    try:
        replayed_problems, replayed_id = _replay_on_a_copy(db, identity_key, full)
    except OSError:
        return Verdict(UNDECIDED, file_problems=file_problems, file_id=file_id)
    verdict = Verdict(KEEP, replayed_problems, file_problems, replayed_id, file_id)
    if file_problems:
        # Possibly half-way through a checkpoint: only the -wal can complete it, so it is never set aside.
        verdict.action = BOTH_DAMAGED if replayed_problems else KEEP
    elif replayed_problems:
        verdict.action = SET_ASIDE
    elif file_id is not None and replayed_id != file_id:
        verdict.action = SET_ASIDE  # the -wal of another database
    return verdict


def _file_alone_uri(db: Path) -> str:
    """The database file without its -wal: immutable=1 reads the file as it is, ignoring any -wal and -shm."""
    return f"{db.resolve().as_uri()}?mode=ro&immutable=1"


def _replay_on_a_copy(db: Path, identity_key: str, full: bool) -> tuple[list[str], str | None]:
    trial = Path(tempfile.mkdtemp(prefix=f"{TRIAL_PREFIX}{os.getpid()}-", dir=db.parent))
    try:
        copy = trial / "trial.sqlite3"
        shutil.copyfile(db, copy)
        shutil.copyfile(wal_path(db), wal_path(copy))
        return _examine(copy.resolve().as_uri(), identity_key, full)
    finally:
        shutil.rmtree(trial, ignore_errors=True)


def remove_trial_leftovers(db: Path) -> list[Path]:
    """Remove the trial folders beside ``db`` that an interrupted inspection left (their process has ended)."""
    removed = []
    for folder in Path(db).parent.glob(TRIAL_PREFIX + "*"):
        pid = folder.name[len(TRIAL_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and _process_alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return False  # a folder still in use cannot be removed there anyway
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def set_aside(db: Path, into: Path, note: str) -> Path:
    """Move the -shm and -wal beside ``db`` into a new folder in ``into`` (with ``note``); the folder's path.

    The -shm goes first: cut short, the -wal is still beside the database and
    is tried out again at the next open. Nothing is deleted.
    """
    db = Path(db)
    into.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = into / f"{db.stem}-wal-{stamp}"
    n = 1
    while folder.exists():
        n += 1
        folder = into / f"{db.stem}-wal-{stamp}-{n}"
    folder.mkdir(mode=0o700)
    (folder / "README.txt").write_text(note + "\n", encoding="utf-8")
    os.chmod(folder, 0o700)  # whatever the umask
    for source in (shm_path(db), wal_path(db)):
        if source.exists():
            os.replace(source, folder / source.name)
            try:
                os.chmod(folder / source.name, 0o600)  # for this user only, as the database is
            except OSError:
                pass
    _sync_folder(db.parent)
    return folder


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no handle on folders to sync)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
