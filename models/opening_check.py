"""The check of a database file run in a thread while the program goes on (the window is built).

``quick_check`` reads every page: on a county's database of a few hundred
villages it takes longer than building the whole window. A file whose last
session ended cleanly and that needs no migration is therefore checked on a
connection of its own, in a thread, while the window is built; SQLite does the
work outside Python's lock, on the other core. Nothing may be written before
the verdict: ``models.db.LedgerDatabase`` makes every write and every
transaction wait for it, and a file that fails is then open for reading only,
exactly as if the check had failed before it was opened.

A check that cannot be made (the file locked by another program throughout,
a read error that is not damage) neither passes nor fails the file silently:
it is tried again a few times, and if it still cannot be made, ``missed``
says why, for the user to hear.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from .wal_guard import check_rows

ATTEMPTS = 3
PAUSE_SECONDS = 1.0  # between attempts at a check that could not be made
DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


class OpeningCheck:
    """``quick_check`` of ``path`` in a thread; ``wait()`` gives its problems ([] when it passed).

    ``failed`` is called (from the thread) with the problems of a file that fails.
    """

    def __init__(
        self,
        path: Path,
        connect: Callable[[Path], sqlite3.Connection],
        failed: Callable[[list[str]], None],
    ):
        self.path = path
        self._connect = connect
        self._failed = failed
        self._conn: sqlite3.Connection | None = None
        self._problems: list[str] = []
        self.missed: str | None = None  # why the check could not be made, when it could not
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="opening-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for attempt in range(ATTEMPTS):
            if self._stopped.is_set():
                return
            try:
                problems = self._check_once()
            except sqlite3.Error as exc:
                if self._stopped.is_set():
                    return  # interrupted by stop(): not a verdict
                if getattr(exc, "sqlite_errorcode", 0) & 0xFF in DAMAGE_CODES:
                    self._fail([str(exc)])
                    return
                self.missed = str(exc)
                if attempt + 1 < ATTEMPTS:
                    self._stopped.wait(PAUSE_SECONDS)
                continue
            self.missed = None
            if problems:
                self._fail(problems)
            return

    def _check_once(self) -> list[str]:
        conn = self._connect(self.path)
        with self._lock:
            if self._stopped.is_set():
                conn.close()
                return []
            self._conn = conn
        try:
            return check_rows(conn, full=False)
        finally:
            with self._lock:
                self._conn = None
            conn.close()

    def _fail(self, problems: list[str]) -> None:
        self._problems = problems
        self._failed(problems)

    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self) -> list[str]:
        """Block until the check has finished; its problems, [] when the file passed (or the check was stopped)."""
        self._thread.join()
        return list(self._problems)

    def stop(self) -> None:
        """Stop a check still running (the database is being closed) and wait for its thread."""
        with self._lock:
            self._stopped.set()
            if self._conn is not None:
                self._conn.interrupt()
        self._thread.join()
