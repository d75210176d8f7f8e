"""Moving a whole database into an empty one: a SQLite file onto the office's server, or back into a file.

``migrate_to(source, target)`` opens the source for reading, gives the
target the schema by the same frozen migration steps, then copies every
table (meta too: the moved database keeps the source's ids, signing key and
own unit) in an order that satisfies the foreign keys, a batch at a time,
streamed by primary key so memory stays bounded.

Values are read raw and converted by the target column's declared type
(``column_kind``): SQLite hands back text for dates and timestamps and 0/1
for booleans, PostgreSQL dates, datetimes and bools. The same conversion
gives the canonical text of a row whose sha256, per table and in primary
key order, is compared on both sides afterwards (``checksum``).

All of it is one transaction on the target: on a server the schema is
created inside it too, so a failure (a lost connection, a value the target
cannot hold, Ctrl-C) leaves the database with no tables; a new SQLite file is
removed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import Database

from . import db as dbmod
from .base import database
from .i18n import _

if TYPE_CHECKING:
    from .server import ServerDatabase

# Rows per batch; a table with photos (bytes) in smaller batches, so memory stays bounded.
BATCH_ROWS = 2000
BATCH_ROWS_WITH_BYTES = 20

BOOL, INT, FLOAT, DATE, TIMESTAMP, BYTES, TEXT = "bool", "int", "float", "date", "timestamp", "bytes", "text"


class MigrationRefused(dbmod.DatabaseError):
    """The copy did not start (the target not empty, the source not readable); nothing was changed."""


@dataclass(frozen=True)
class TableShape:
    name: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    order: tuple[str, ...]  # the primary key's columns, or every column for a table without one

    @property
    def batch_rows(self) -> int:
        return BATCH_ROWS_WITH_BYTES if BYTES in self.kinds else BATCH_ROWS


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    source_sum: str
    target_rows: int
    target_sum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


@dataclass(frozen=True)
class MigrationResult:
    checks: tuple[TableCheck, ...]
    copy_seconds: float
    verify_seconds: float

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def rows(self) -> int:
        return sum(check.source_rows for check in self.checks)


def column_kind(declared: str) -> str:
    """What a column holds, from its declared type on either engine (SQLite's, or PostgreSQL's data_type)."""
    text = (declared or "").upper()
    if "BOOL" in text:
        return BOOL
    if "TIMESTAMP" in text or "DATETIME" in text:
        return TIMESTAMP
    if text == "DATE":
        return DATE
    if "BLOB" in text or "BYTEA" in text:
        return BYTES
    if any(word in text for word in ("REAL", "DOUBLE", "FLOAT", "NUMERIC", "DECIMAL")):
        return FLOAT
    if "INT" in text:
        return INT
    return TEXT


class ValueProblem(ValueError):
    pass


def logical(kind: str, value: object) -> object:
    """``value`` as read from either engine, as the Python value of its kind (None stays None)."""
    if value is None:
        return None
    try:
        if kind == BOOL:
            if isinstance(value, str):
                if value.strip().lower() in ("1", "t", "true"):
                    return True
                if value.strip().lower() in ("0", "f", "false"):
                    return False
                raise ValueError(value)
            return bool(int(value))  # type: ignore[call-overload]
        if kind == INT:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            return int(value)  # type: ignore[call-overload]
        if kind == FLOAT:
            return float(value)  # type: ignore[arg-type]
        if kind == DATE:
            if isinstance(value, _dt.datetime):
                return value.date()
            if isinstance(value, _dt.date):
                return value
            return _dt.date.fromisoformat(str(value).strip())
        if kind == TIMESTAMP:
            if isinstance(value, _dt.datetime):
                return value
            if isinstance(value, _dt.date):
                return _dt.datetime.combine(value, _dt.time())
            return _dt.datetime.fromisoformat(str(value).strip())
        if kind == BYTES:
            if isinstance(value, (bytes, bytearray, memoryview)):
                return bytes(value)
            if isinstance(value, str):
                return value.encode("utf-8")
            raise ValueError(value)
        if isinstance(value, (bytes, bytearray, memoryview)):
            raise ValueError(value)
        return value if isinstance(value, str) else str(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueProblem(repr(value)[:80]) from None


def canonical(kind: str, value: object) -> object:
    """The text of a logical value in a row's checksum: the same whichever engine it was read from."""
    if value is None:
        return None
    if kind == BOOL:
        return "1" if value else "0"
    if kind == FLOAT:
        return repr(float(value))  # type: ignore[arg-type]
    if kind in (DATE, TIMESTAMP):
        return value.isoformat(sep=" ") if isinstance(value, _dt.datetime) else value.isoformat()  # type: ignore[attr-defined]
    if kind == BYTES:
        return "sha256:" + hashlib.sha256(value).hexdigest()  # type: ignore[arg-type]
    return str(value)


def for_sqlite(kind: str, value: object) -> object:
    """A logical value as the program's SQLite file stores it (peewee's formats)."""
    if value is None:
        return None
    if kind == BOOL:
        return 1 if value else 0
    if kind in (DATE, TIMESTAMP):
        return str(value)
    return value


class RowHash:
    def __init__(self, kinds: tuple[str, ...]):
        self.kinds = kinds
        self.rows = 0
        self._hash = hashlib.sha256()

    def add(self, values: list[object]) -> None:
        text = json.dumps(
            [canonical(k, v) for k, v in zip(self.kinds, values)], ensure_ascii=False, separators=(",", ":")
        )
        self._hash.update(text.encode("utf-8") + b"\n")
        self.rows += 1

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


# --- the two engines ------------------------------------------------------------


def _on_server(db: Database) -> bool:
    from .server import ServerDatabase

    return isinstance(db, ServerDatabase)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_shapes(db: Database) -> list[TableShape]:
    """Every table of the (migrated) database ``db``, parents before the tables that refer to them."""
    shapes: dict[str, TableShape] = {}
    parents: dict[str, set[str]] = {}
    for table in db.get_tables():
        columns = db.get_columns(table)
        names = tuple(column.name for column in columns)
        keys = tuple(db.get_primary_keys(table)) or names
        shapes[table] = TableShape(table, names, tuple(column_kind(column.data_type) for column in columns), keys)
        parents[table] = {key.dest_table for key in db.get_foreign_keys(table) if key.dest_table != table}
    ordered: list[TableShape] = []
    done: set[str] = set()
    while len(done) < len(shapes):
        ready = sorted(name for name in shapes if name not in done and parents[name] <= done | {name})
        if not ready:  # a cycle: cannot happen with this schema, but never loop forever
            ready = sorted(name for name in shapes if name not in done)[:1]
        for name in ready:
            ordered.append(shapes[name])
            done.add(name)
    return ordered


def _select(db: Database, shape: TableShape) -> str:
    """All of a table in primary key order; the same order on both engines (text by code point, NULLs first)."""
    kinds = dict(zip(shape.columns, shape.kinds))
    collate = ' COLLATE "C"' if _on_server(db) else ""
    order = ", ".join(_quote(name) + (collate if kinds[name] == TEXT else "") + " NULLS FIRST" for name in shape.order)
    return f"SELECT {', '.join(_quote(name) for name in shape.columns)} FROM {_quote(shape.name)} ORDER BY {order}"


_cursor_names = iter(range(1, 1 << 62))


def stream(db: Database, sql: str, batch: int) -> Iterator[list[tuple]]:
    """The rows of ``sql`` a batch at a time, never all in memory (on a server: a cursor there).

    On a server call it inside a transaction (the cursor lives in it).
    """
    if _on_server(db):
        with db.connection().cursor(name=f"fulian_move_{next(_cursor_names)}") as cursor:
            cursor.itersize = batch
            cursor.execute(sql)
            while rows := cursor.fetchmany(batch):
                yield rows
        return
    cursor = db.connection().cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield rows
    finally:
        cursor.close()


def checksum(db: Database, shape: TableShape) -> tuple[int, str]:
    """The number of rows of a table and the sha256 of their canonical text, in primary key order."""
    rows = RowHash(shape.kinds)
    with db.atomic():
        for batch in stream(db, _select(db, shape), shape.batch_rows):
            for row in batch:
                rows.add([logical(kind, value) for kind, value in zip(shape.kinds, row)])
    return rows.rows, rows.hexdigest()


def _set_sequences(db: Database, shapes: list[TableShape]) -> None:
    """A server's serial or identity columns continue after the copied rows."""
    for shape in shapes:
        for name, kind in zip(shape.columns, shape.kinds):
            if kind != INT:
                continue
            row = db.execute_sql("SELECT pg_get_serial_sequence(%s, %s)", (shape.name, name)).fetchone()
            if row and row[0]:
                highest = f"SELECT COALESCE(MAX({_quote(name)}), 0) + 1 FROM {_quote(shape.name)}"
                db.execute_sql(f"SELECT setval(%s, ({highest}), false)", (row[0],))


# --- the move -----------------------------------------------------------------------


def shown(location: Path | str) -> str:
    from .server import is_server_url, shown_url

    return shown_url(str(location)) if is_server_url(location) else str(location)


def _refuse_existing_file(path: Path) -> None:
    if path.is_dir():
        raise MigrationRefused(_("{path} is a folder; name a new database file.").format(path=path))
    if path.exists() and path.stat().st_size > 0:
        raise MigrationRefused(
            _(
                "{path} already exists and is not empty: the database is only moved into a new file. "
                "Name a file that does not exist yet; nothing was changed."
            ).format(path=path)
        )


def _open_source(source: Path | str | None) -> Database:
    db = dbmod.open_database(source, create=False, read_only=True)
    damage = dbmod.database_damage()
    if damage:
        dbmod.close_database()
        raise MigrationRefused(
            _("{path} failed its check, so it is not moved: restore a good backup of it first, then move that.").format(
                path=shown(source or dbmod.default_db_path())
            )
        )
    return db


def _connect_server(url: str) -> ServerDatabase:
    from .server import ServerDatabase, checked_url, connect, connect_params

    url = checked_url(url)
    db = ServerDatabase(url, **connect_params(read_only=False))
    db.fulian_url = url
    connect(db, url)  # the server's refusal in words, as when the program opens it
    return db


def _refuse_server_with_tables(db: Database, url: str) -> None:
    from .server import MIGRATION_LOCK

    db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
    if db.get_tables():
        raise MigrationRefused(
            _(
                "The database {url} already holds tables: the database is only moved into an empty one. "
                "Ask whoever runs the server for a new empty database; nothing was changed."
            ).format(url=shown(url))
        )


def _value_refused(exc: BaseException) -> bool:
    """Whether the target refused a value as such (SQLSTATE class 22, "data exception", or the driver's own
    refusal of a NUL character), not the connection or the disk."""
    from peewee import DataError

    from .server import sqlstate

    state = sqlstate(exc)
    return (state or "").startswith("22") or isinstance(exc, DataError) or "NUL" in str(exc)


def _converted(source: Database, shape: TableShape, rows: RowHash, for_server: bool) -> Iterator[list[list]]:
    """A table's rows from the source a batch at a time, as the target stores them; each counted in ``rows``."""
    for batch in stream(source, _select(source, shape), shape.batch_rows):
        converted = []
        for row in batch:
            try:
                values = [logical(kind, value) for kind, value in zip(shape.kinds, row)]
            except ValueProblem as exc:
                raise dbmod.DatabaseError(
                    _("A value in the table {table} cannot be moved: {value}").format(table=shape.name, value=exc)
                ) from exc
            rows.add(values)
            if not for_server:
                values = [for_sqlite(kind, value) for kind, value in zip(shape.kinds, values)]
            converted.append(values)
        yield converted


def _copy_tables(
    source: Database, target: Database, shapes: list[TableShape], progress: Callable[[str], None]
) -> dict[str, tuple[int, str]]:
    """Every row of ``shapes`` from source to target inside the caller's target transaction; each table's
    count and checksum of the rows read. A server takes them by COPY, a file by executemany."""
    on_server = _on_server(target)
    sums: dict[str, tuple[int, str]] = {}
    cursor = target.connection().cursor()
    target.execute_sql("DELETE FROM meta")  # the migration's own ids give way to the source's
    with source.atomic():
        if _on_server(source):
            source.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for shape in shapes:
            columns = ", ".join(_quote(c) for c in shape.columns)
            rows = RowHash(shape.kinds)
            if on_server:
                with cursor.copy(f"COPY {_quote(shape.name)} ({columns}) FROM STDIN") as copy:
                    for batch in _converted(source, shape, rows, for_server=True):
                        for values in batch:
                            copy.write_row(values)
            else:
                insert = f"INSERT INTO {_quote(shape.name)} ({columns}) VALUES ({', '.join('?' * len(shape.columns))})"
                for batch in _converted(source, shape, rows, for_server=False):
                    cursor.executemany(insert, batch)
            sums[shape.name] = (rows.rows, rows.hexdigest())
            progress(_("{table}: {n} rows copied").format(table=shape.name, n=rows.rows))
    if on_server:
        _set_sequences(target, shapes)
    return sums


def migrate_to(
    source: Path | str | None, target: Path | str, progress: Callable[[str], None] = lambda line: None
) -> MigrationResult:
    """Copy the database at ``source`` (a file or a server URL; None: the default file) into the empty
    ``target``, then compare every table's count and checksum on both sides.

    Raises MigrationRefused (nothing changed) for a target that is not empty
    or a source that cannot be read, DatabaseError with what happened when
    the copy fails (the target is then left empty, a new file removed).
    """
    import time

    from .server import is_server_url, migrate_server, server_message

    to_server = is_server_url(target)
    target_path = None if to_server else Path(target)
    if target_path is not None:
        _refuse_existing_file(target_path)
    else:
        from .server import checked_url

        checked_url(str(target))
    source_db = _open_source(source)
    if target_path is not None and Path(getattr(source_db, "fulian_path", "")) == target_path:
        raise MigrationRefused(_("The source and the target are the same database; nothing was changed."))
    progress(_("Moving the database into {target}…").format(target=shown(target)))
    started = time.monotonic()
    target_db: Database | None = None
    new_folder = dbmod.new_folders_for(target_path) if target_path is not None else None
    existed = target_path is not None and target_path.exists()
    try:
        if target_path is not None:
            target_db = dbmod.open_database(target_path)  # a new file: the frozen steps, each committed
            shapes = table_shapes(target_db)
            with target_db.atomic():
                sums = _copy_tables(source_db, target_db, shapes, progress)
        else:
            server_db = _connect_server(str(target))
            target_db = server_db
            database.initialize(server_db)
            with server_db.atomic():
                _refuse_server_with_tables(server_db, str(target))
                migrate_server(server_db)  # the frozen steps, inside this one transaction
                shapes = table_shapes(server_db)
                sums = _copy_tables(source_db, server_db, shapes, progress)
    except BaseException as exc:
        if target_db is not None and not target_db.is_closed():
            target_db.close()
        if target_path is not None and target_db is not None:
            dbmod.remove_new_database(target_path, new_folder)
            if existed:
                target_path.touch()  # it was an empty file: it stays one
        source_db.close()
        if isinstance(exc, (MigrationRefused, KeyboardInterrupt)) or not isinstance(exc, Exception):
            raise
        message = str(exc) if isinstance(exc, dbmod.DatabaseError) else None
        message = message or server_message(exc, str(target) if to_server else None) or dbmod.storage_message(exc)
        if message is None and _value_refused(exc):
            message = _(
                "A value of the source does not fit the target's column (a text longer than its limit, a NUL "
                "character, or a number too large). Run check on the source, correct the record it names, and "
                "move again."
            )
        if message is None:
            raise
        raise dbmod.DatabaseError(
            _("The move into {target} failed: {error} Nothing was left there.").format(
                target=shown(target), error=message
            )
        ) from exc
    copied = time.monotonic()
    source_db.close()
    checks = []
    try:
        for shape in shapes:
            rows, digest = checksum(target_db, shape)
            source_rows, source_sum = sums[shape.name]
            checks.append(TableCheck(shape.name, source_rows, source_sum, rows, digest))
    finally:
        database.initialize(target_db)
    return MigrationResult(tuple(checks), copied - started, time.monotonic() - copied)


def source_checksums(location: Path | str) -> dict[str, tuple[int, str]]:
    """Every table's count and checksum of a database, read on its own (for checking a move afterwards)."""
    db = dbmod.open_database(location, create=False, read_only=True)
    try:
        return {shape.name: checksum(db, shape) for shape in table_shapes(db)}
    finally:
        dbmod.close_database()
