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
