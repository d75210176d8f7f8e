"""Which database engine the tests run on, and the databases they make there.

``pytest --engine=postgresql`` runs the tests on a PostgreSQL server:
FULIAN_TEST_SERVER is the URL of a database on a throw-away cluster
(``tools/test_server.sh``) whose user may create databases, the password in
PGPASSWORD. Each test gets databases of its own there, made from a migrated
template, and dropped after it. Tests of what only a SQLite file has (its
-wal, its file backups, ``integrity_check``) are marked ``sqlite_only`` and
are skipped on the server.

Villages always keep SQLite files; on the server engine the installation that
collects (the township or county) is the one on the server.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SQLITE, POSTGRESQL = "sqlite", "postgresql"
engine = SQLITE

_counter = itertools.count(1)
_made: list[str] = []
_template: str | None = None


def on_server() -> bool:
    return engine == POSTGRESQL


def admin_url() -> str:
    url = os.environ.get("FULIAN_TEST_SERVER", "")
    if not url:
        raise RuntimeError(
            "--engine=postgresql needs FULIAN_TEST_SERVER (and PGPASSWORD): eval \"$(bash tools/test_server.sh start)\""
        )
    return url


def url_of(name: str) -> str:
    parts = urlsplit(admin_url())
    return urlunsplit(parts._replace(path="/" + name))


def name_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url(), autocommit=True) as conn:
        conn.execute(sql)


def _new_name() -> str:
    return f"fl_{os.getpid()}_{next(_counter)}"


def new_server_database(migrated: bool = True) -> str:
    """A new database on the server (an empty one, or one made from the migrated template); its URL."""
    name = _new_name()
    template = f" TEMPLATE {name_of(_migrated_template())}" if migrated else ""
    _admin(f"CREATE DATABASE {name}{template}")
    _made.append(name)
    return url_of(name)


def _migrated_template() -> str:
    """A database with the current schema and nothing in it, made once per run; new ones are copies."""
    global _template
    if _template is None:
        from models import db as dbmod
        from models import meta

        name = f"fl_{os.getpid()}_template"
        _admin(f"DROP DATABASE IF EXISTS {name}")
        _admin(f"CREATE DATABASE {name}")
        url = url_of(name)
        dbmod.open_database(url)
        # Each copy gets ids of its own when it is first opened (models.db.give_identity).
        meta.MetaEntry.delete().where(meta.MetaEntry.key.in_([meta.INSTALLATION_ID, meta.DATABASE_ID])).execute()
        dbmod.close_database()
        _template = url
    return _template


def new_location(folder: Path, file_name: str) -> str | Path:
    """Where a test keeps a database: a new server database on the server engine, else ``folder/file_name``."""
    if on_server():
        return new_server_database()
    return folder / file_name


def copy_location(source: str | Path, folder: Path, file_name: str) -> str | Path:
    """A copy of a closed database, for a test to change: on the server a database made from it."""
    from models import db as dbmod

    dbmod.close_database()
    if isinstance(source, str):
        name = _new_name()
        _admin(f"CREATE DATABASE {name} TEMPLATE {name_of(source)}")
        _made.append(name)
        return url_of(name)
    dest = folder / file_name
    shutil.copyfile(source, dest)
    return dest


def drop_made(keep: int = 0) -> None:
    """Drop the databases made since the list had ``keep`` entries."""
    while len(_made) > keep:
        _admin(f"DROP DATABASE IF EXISTS {_made.pop()} WITH (FORCE)")


def drop_template() -> None:
    global _template
    if _template is not None:
        _admin(f"DROP DATABASE IF EXISTS {name_of(_template)} WITH (FORCE)")
        _template = None


def made_count() -> int:
    return len(_made)
