"""Reading a closed database the way the tests check what was stored: with the engine's own driver.

A file is read with plain sqlite3 (read-only), a server database with
psycopg; ``?`` marks the parameters on both. The catalog functions answer
what SQLite's sqlite_master answers, from the server's catalog.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def rows(location: str | Path, sql: str, params: tuple = ()) -> list[tuple]:
    """The rows ``sql`` reads from the database at ``location`` (a file or a server URL)."""
    if isinstance(location, str) and location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location) as conn:
            return [tuple(row) for row in conn.execute(sql.replace("?", "%s"), params).fetchall()]
    with closing(sqlite3.connect(f"{Path(location).resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()


def _on_server(location: str | Path) -> bool:
    return isinstance(location, str) and location.startswith("postgresql://")


def table_names(location: str | Path) -> set[str]:
    if _on_server(location):
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return {row[0] for row in rows(location, sql)}


def index_names(location: str | Path) -> set[str]:
    if _on_server(location):
        sql = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
    return {row[0] for row in rows(location, sql)}


def schema_version(location: str | Path) -> int:
    return int(rows(location, "SELECT value FROM meta WHERE key = 'schema_version'")[0][0])


def execute(location: str | Path, sql: str, params: tuple = ()) -> None:
    """Write to the database at ``location`` behind the program's back (as another program or a fault would)."""
    if _on_server(location):
        import psycopg

        with psycopg.connect(str(location), autocommit=True) as conn:
            conn.execute(sql.replace("?", "%s"), params)
        return
    with closing(sqlite3.connect(location)) as conn, conn:
        conn.execute(sql, params)


def files_of(location: str | Path) -> dict[str, bytes]:
    """The bytes of a database's files: every file of a SQLite file's folder, or of the server database's folder.

    On the server what it keeps in memory is first written out (a CHECKPOINT; the test cluster's user may).
    The server's own write-ahead log (shared by all its databases) is the server's, like its backups.
    """
    if _on_server(location):
        import psycopg

        with psycopg.connect(str(location), autocommit=True) as conn:
            conn.execute("CHECKPOINT")
            data = conn.execute("SHOW data_directory").fetchone()[0]
            oid = conn.execute("SELECT oid FROM pg_database WHERE datname = current_database()").fetchone()[0]
        folder = Path(data) / "base" / str(oid)
    else:
        folder = Path(location).parent
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
