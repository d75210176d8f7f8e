"""The database on a PostgreSQL server, for an office where several clerks share one database.

A URL names it: ``postgresql://clerk@server:5432/fulian``. The password never
travels in the URL (nor on a command line, where other users of the PC can
see it): libpq reads it from PGPASSWORD or the password file (~/.pgpass,
%APPDATA%\\postgresql\\pgpass.conf on Windows).

The same frozen migration steps and the same peewee models run here as on
SQLite. What the two engines do differently is one function each: the
PostgreSQL side is here, the SQLite side in ``models.db``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from peewee import PostgresqlDatabase

from . import meta
from .base import database
from .i18n import _
from .migrations import latest_version, steps

SCHEMES = ("postgresql://", "postgres://")
# Seconds to wait for the server to answer before saying it cannot be reached.
CONNECT_TIMEOUT_SECONDS = 10
# How long a clerk's statement waits for another clerk's lock before it gives up with "busy".
LOCK_TIMEOUT_SECONDS = 30
# The advisory lock clerks take while one of them migrates the schema (any number, the same everywhere).
MIGRATION_LOCK = 0x46554C49  # "FULI"

# How a server URL is written, shown in messages; and where libpq looks for the password.
URL_EXAMPLE = "postgresql://USER@SERVER:5432/DATABASE"
PASSWORD_PLACES = {"variable": "PGPASSWORD", "file": "~/.pgpass"}
# Connection parameters that carry a secret: never in a URL that is kept in the settings and shown.
SECRET_PARAMETERS = {"password", "sslpassword"}

# SQLSTATE classes and codes (PostgreSQL's appendix A) the program tells the user about.
_CONNECTION_CLASS = "08"
_DISK_FULL = "53100"
_OUT_OF_MEMORY_CLASS = "53"
_READ_ONLY = "25006"
_LOCK_NOT_AVAILABLE = "55P03"
_SERIALIZATION_FAILURE = "40001"
_DEADLOCK = "40P01"
_ADMIN_SHUTDOWN_CLASS = "57"
_INSUFFICIENT_PRIVILEGE = "42501"


def is_server_url(location: object) -> bool:
    """Whether ``location`` (what ``--db`` or the settings hold) names a database on a server, not a file."""
    return isinstance(location, str) and location.strip().lower().startswith(SCHEMES)


def checked_url(text: str) -> str:
    """``text`` as a server URL the program will use, or DatabaseError saying what is wrong with it."""
    from .db import DatabaseError

    url = text.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # a port that is not a number raises here
    except ValueError:
        raise DatabaseError(
            _("The server address {url} is not valid. Write it as {example}.").format(url=url, example=URL_EXAMPLE)
        ) from None
    # libpq also takes the password as a parameter (?password=…): refused the same way.
    keys = {key.lower() for key in parse_qs(parts.query, keep_blank_values=True)}
    if parts.password is not None or keys & SECRET_PARAMETERS:
        raise DatabaseError(
            _(
                "The server address must not contain the password: other users of this PC could read it. "
                "Write it as {example} and put the password in {variable} or the password file ({file})."
            ).format(example=URL_EXAMPLE, **PASSWORD_PLACES)
        )
    if not parts.hostname or not parts.path.strip("/"):
        raise DatabaseError(
            _("The server address {url} does not name both the server and the database. Write it as {example}.").format(
                url=url, example=URL_EXAMPLE
            )
        )
    return url


def shown_url(url: str) -> str:
    """The URL as shown to the user (it holds no password: ``checked_url`` refuses one)."""
    return url.strip()


def server_ddl(sql: str) -> str:
    """A migration step's statement as PostgreSQL runs it.

    The frozen steps use SQLite's names for two types: BLOB (PostgreSQL's
    BYTEA) and REAL, an 8-byte float in SQLite but a 4-byte one in
    PostgreSQL (money and areas would lose digits), so DOUBLE PRECISION.
    """
    if sql.lstrip()[:6].upper() not in ("CREATE", "ALTER "):
        return sql
    sql = re.sub(r"\bBLOB\b", "BYTEA", sql)
    return re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)


class ServerDatabase(PostgresqlDatabase):
    """PostgreSQL as the program uses it: the attributes ``models.db`` reads of any open database."""

    fulian_url = ""
    read_only = False
    damaged: list[str] | None = None
    notices: tuple[str, ...] = ()
    opening_check = None

    def execute_sql(self, sql, params=None, *args, **kwargs):
        return super().execute_sql(server_ddl(sql), params, *args, **kwargs)

    # A connection the server lost (restarted, the network cut, the backend ended) is dropped and a new one
    # opened by the next work, never reused; within a transaction the error stands (nothing half-written).

    def connection(self):
        self._drop_lost_connection()
        return super().connection()

    def cursor(self, *args, **kwargs):
        self._drop_lost_connection()
        return super().cursor(*args, **kwargs)

    def rollback(self):
        # The server ended a lost connection's transaction itself: ROLLBACK would only hide why it failed.
        if not self.is_closed() and getattr(self._open_state().conn, "closed", False):
            return
        super().rollback()

    def _open_state(self):
        return self._state  # type: ignore[attr-defined]  # peewee's stubs leave out its per-thread state

    def _drop_lost_connection(self) -> None:
        if self.is_closed() or self.in_transaction() or self.is_connection_usable():
            return
        state = self._open_state()
        try:
            state.conn.close()
        except Exception:  # already broken: closing it is only tidying up
            pass
        state.reset()

    def stop_opening_check(self) -> None:
        """Nothing to stop: the server checks its own files."""


def connect_params(read_only: bool) -> dict:
    options = f"-c lock_timeout={LOCK_TIMEOUT_SECONDS * 1000}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    return {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "application_name": "Fulian Ledger",
        "options": options,
    }


def open_server(url: str, create: bool = True, read_only: bool = False) -> ServerDatabase:
    """Connect to the database at ``url``, migrate it (one clerk at a time) and bind it.

    ``create``: an empty database gets the schema; without it an empty one is
    refused. A database written by a newer version is refused and left as it
    is. A server that cannot be reached, a refused password or a missing
    database raise DatabaseError with what to do.
    """
    from .db import DatabaseError, fill_lookup_keys, give_identity

    url = checked_url(url)
    db = ServerDatabase(url, **connect_params(read_only))
    db.fulian_url = url
    db.read_only = read_only
    connect(db, url)
    try:
        database.initialize(db)
        version = schema_version(db)
        target = latest_version()
        if version > target:
            raise DatabaseError(
                _(
                    "The database {url} was written by a newer version of Fulian Ledger "
                    "(schema {found}, this version knows {known}). Install the newer version; "
                    "the database has not been changed."
                ).format(url=shown_url(url), found=version, known=target)
            )
        if version == 0 and not create:
            raise DatabaseError(_("There is no Fulian Ledger database at {url}.").format(url=shown_url(url)))
        if version < target:
            if read_only:
                raise DatabaseError(
                    _(
                        "The database {url} must first be brought up to this version (schema {found} → {known}), "
                        "which needs writing. Open it once for writing."
                    ).format(url=shown_url(url), found=version, known=target)
                )
            migrate_server(db)
        if not read_only:
            give_identity(db)
            fill_lookup_keys()
    except Exception as exc:
        db.close()
        message = server_message(exc, url)
        if message is not None:
            raise DatabaseError(message) from exc
        raise
    return db


def connect(db: ServerDatabase, url: str) -> None:
    """Connect, or DatabaseError saying why the server could not be used (what to check, in words)."""
    from .db import DatabaseError

    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:
        message = server_message(exc, url)
        if message is None:
            raise
        if server_fault(exc) is not None:
            message = unreachable_text(url)
        raise DatabaseError(message) from exc


def unreachable_text(url: str) -> str:
    """The words for a server that did not let this PC connect (as opposed to one lost in the middle of work)."""
    return _(
        "Cannot connect to the database server {url}. Check the address, the network, and that the server "
        "is running and lets this PC in."
    ).format(url=shown_url(url))


def schema_version(db: PostgresqlDatabase) -> int:
    """The schema version of the connected database (0: it has no tables of ours yet)."""
    from .db import DatabaseError

    if not db.table_exists("meta"):
        if db.get_tables():
            raise DatabaseError(
                _("The database {url} is not a Fulian Ledger database: it holds other tables.").format(
                    url=shown_url(db.database)
                )
            )
        return 0
    row = db.execute_sql("SELECT value FROM meta WHERE key = %s", (meta.SCHEMA_VERSION,)).fetchone()
    return int(row[0]) if row else 0


def migrate_server(db: PostgresqlDatabase) -> None:
    """Apply the missing steps, each in its own transaction.

    Several clerks may start the new version at the same moment: each step
    takes an advisory lock and reads the version again under it, so one
    clerk migrates and the others find it done.
    """
    from .db import apply_step

    for version, step in steps():
        with db.atomic():
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            if schema_version(db) >= version:
                continue
            apply_step(db, version, step)


def advisory_lock(name: str) -> None:
    """The server side of ``models.db.lock_in_transaction``: a transaction-level advisory lock keyed on
    ``name``'s 64-bit hash (waiting at most LOCK_TIMEOUT_SECONDS, then "busy")."""
    database.execute_sql("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (name,))


def other_clerks(db: PostgresqlDatabase) -> int:
    """How many other connections (other clerks' programs, or other tools) ``db``'s database has open now."""
    row = db.execute_sql(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
    ).fetchone()
    return int(row[0])


def server_fault(exc: BaseException) -> str | None:
    """Which fault of ``models.db`` a server error is (SERVER_LOST, DISK_FULL, LOCKED, READ_ONLY), or None."""
    from . import db as dbmod

    state = sqlstate(exc)
    if state is None:
        if _is_connection_error(exc):
            return dbmod.SERVER_LOST
        return None
    if state.startswith((_CONNECTION_CLASS, _ADMIN_SHUTDOWN_CLASS)):
        return dbmod.SERVER_LOST
    if state == _DISK_FULL or state.startswith(_OUT_OF_MEMORY_CLASS):
        return dbmod.DISK_FULL
    if state in (_LOCK_NOT_AVAILABLE, _SERIALIZATION_FAILURE, _DEADLOCK):
        return dbmod.LOCKED
    if state in (_READ_ONLY, _INSUFFICIENT_PRIVILEGE):
        return dbmod.READ_ONLY
    return None


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE behind ``exc`` (peewee wraps psycopg's exceptions), or None."""
    for item in _chain(exc):
        state = getattr(item, "sqlstate", None)
        if isinstance(state, str) and state:
            return state
    return None


def _is_connection_error(exc: BaseException) -> bool:
    """psycopg's OperationalError without a SQLSTATE: the server could not be reached, or the connection broke."""
    try:
        import psycopg
    except ImportError:
        return False
    return any(isinstance(item, psycopg.OperationalError) for item in _chain(exc))


def _chain(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or any(item is seen for seen in found):
            continue
        found.append(item)
        todo.extend([item.__cause__, item.__context__])
    return found


def server_message(exc: BaseException, url: str | None = None) -> str | None:
    """What happened and what to do when connecting to or working on the server failed; None for other errors."""
    from .db import DatabaseError

    if isinstance(exc, DatabaseError):
        return str(exc)
    where = shown_url(url or getattr(database.obj, "fulian_url", "") or _("the server"))
    text = " ".join(str(item) for item in _chain(exc)).lower()
    if isinstance(exc, ImportError) or "driver not found" in text:
        return _("This copy of Fulian Ledger cannot connect to a database server: its PostgreSQL driver is missing.")
    if "password authentication failed" in text or "no password supplied" in text:
        return _(
            "The server {url} refused the user name or password. Put the password in {variable} or the password "
            "file ({file}), or ask whoever runs the office's server for the right user."
        ).format(url=where, **PASSWORD_PLACES)
    if "does not exist" in text and "database" in text:
        return _(
            "The server {url} has no such database. Ask whoever runs the office's server to create it "
            "(the README says how)."
        ).format(url=where)
    fault = server_fault(exc)
    if fault is None:
        return None
    from .db import fault_text

    return fault_text(fault, where)


def connection_problem(url: str) -> str | None:
    """The settings page's connection test: None when ``url`` can be used, else what is wrong, in words."""
    try:
        url = checked_url(url)
        db = ServerDatabase(url, **connect_params(read_only=True))
        connect(db, url)
        try:
            version = schema_version(db)
        finally:
            db.close()
    except Exception as exc:
        message = server_message(exc, url)
        if message is None:
            raise
        return message
    if version > latest_version():
        return _("The database {url} was written by a newer version of Fulian Ledger.").format(url=shown_url(url))
    return None
