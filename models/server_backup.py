"""Backups of a database on a PostgreSQL server: pg_dump and pg_restore, custom format.

SQLite's online backup API has no counterpart in a client library, so the
PostgreSQL client tools do the work. They are found on PATH or in the usual
install folders, the newest version first (a pg_dump may read a server of its
own version or older). The URL holds no password (``server.checked_url``):
the tools read it, as the program does, from PGPASSWORD or the password file,
never from their command line.

A backup is written as ``<dest>.partial``, listed by ``pg_restore --list``
(it must name our ``meta`` table) and only then renamed: a failure leaves no
file. A restore checks the archive (readable to its end, a Fulian Ledger
database, not newer, of this unit), refuses while other clerks are connected,
keeps a safety backup and runs ``pg_restore --single-transaction``: a failure
changes nothing.
"""

from __future__ import annotations

import datetime as _dt
import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from . import meta
from .i18n import _, ngettext
from .migrations import latest_version

DUMP, RESTORE = "pg_dump", "pg_restore"
# Where the client tools are installed when they are not on PATH (Debian/Ubuntu, the Windows installer).
TOOL_FOLDERS = ("/usr/lib/postgresql/*/bin", r"C:\Program Files\PostgreSQL\*\bin")
# What a backup file of a server database is called when the program names it.
SUFFIX = ".dump"
# How long pg_restore waits for a lock another clerk holds before it gives up (the restore then changes nothing).
LOCK_WAIT_MS = 30_000


class Tools:
    """The two client programs, from the same folder."""

    def __init__(self, dump: str, restore: str):
        self.dump, self.restore = dump, restore


def _version_key(folder: str) -> tuple[int, ...]:
    numbers = re.findall(r"\d+", Path(folder).parent.name)
    return tuple(int(n) for n in numbers) or (0,)


def candidate_folders(path: str | None = None, folders: tuple[str, ...] | list[str] | None = None) -> list[str]:
    """Folders that may hold the tools: PATH's first, then the install folders, newest version first.

    ``path``: the search path (None: the environment's PATH); ``folders``: glob
    patterns of install folders (None: TOOL_FOLDERS).
    """
    found: list[str] = []
    on_path = shutil.which(DUMP, path=path)
    if on_path:
        found.append(str(Path(on_path).parent))
    installed: list[str] = []
    for pattern in TOOL_FOLDERS if folders is None else folders:
        installed.extend(glob.glob(pattern))
    found.extend(sorted(installed, key=_version_key, reverse=True))
    return found


def find_tools(path: str | None = None, folders: tuple[str, ...] | list[str] | None = None) -> Tools:
    """pg_dump and pg_restore, or DatabaseError saying plainly what to do when they are not installed."""
    from .db import DatabaseError

    for folder in candidate_folders(path, folders):
        dump = shutil.which(DUMP, path=folder)
        restore = shutil.which(RESTORE, path=folder)
        if dump and restore:
            return Tools(dump, restore)
    raise DatabaseError(
        _(
            "Backing up or restoring a database on a server needs the PostgreSQL client tools ({dump} and "
            "{restore}), which are not installed on this PC. Install the PostgreSQL client tools of the "
            "server's version, or ask whoever runs the office's server to back it up or restore it. "
            "The server's own backups go on regardless."
        ).format(dump=DUMP, restore=RESTORE)
    )


def _environment() -> dict[str, str]:
    """The tools' environment: the password comes from PGPASSWORD or the password file, as for the program."""
    from .server import CONNECT_TIMEOUT_SECONDS

    env = dict(os.environ)
    env.setdefault("PGCONNECT_TIMEOUT", str(CONNECT_TIMEOUT_SECONDS))
    env["PGAPPNAME"] = "Fulian Ledger"
    env["PGOPTIONS"] = f"-c lock_timeout={LOCK_WAIT_MS}"
    # Their complaints in English, which ``tool_message`` reads; the user hears them in the program's words.
    env["LC_MESSAGES"] = "C"
    env.pop("LANGUAGE", None)
    return env


def _run(argv: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        argv,
        env=_environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        # From the window on Windows, a console program would flash a console window.
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
    )


def _last_lines(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(lines[-3:])


def tool_message(stderr: str, url: str, file: Path | None = None) -> str:
    """What pg_dump's or pg_restore's complaint means for the user, and what to do."""
    from . import db as dbmod
    from .server import server_message, shown_url

    text = stderr.lower()
    where = shown_url(url)
    if "no space left" in text or "could not write to output file" in text:
        return dbmod.fault_text(dbmod.DISK_FULL, str(file) if file is not None else where)
    if "server version mismatch" in text or "unsupported version" in text:
        return _(
            "The PostgreSQL client tools on this PC are older than the server {url} or than the backup: "
            "install the client tools of the server's version (or newer) and try again. "
            "Nothing was changed."
        ).format(url=where)
    if any(
        words in text
        for words in ("connection refused", "could not connect", "could not translate host", "timeout expired")
    ):
        return _(
            "The database server {url} could not be reached. Check the network and that the server is running, "
            "then try again. Nothing was changed."
        ).format(url=where)
    if "lock timeout" in text:
        return dbmod.fault_text(dbmod.LOCKED, where)
    known = server_message(RuntimeError(stderr), url)
    if known is not None:
        return known
    if "permission denied" in text or "must be owner" in text:
        return dbmod.fault_text(dbmod.READ_ONLY, where)
    return _("The PostgreSQL client tools reported: {error}").format(error=_last_lines(stderr) or stderr.strip())


# --- backing up ------------------------------------------------------------------


def backup(url: str, dest: Path, tools: Tools | None = None) -> Path:
    """Write a pg_dump archive of the database at ``url`` to ``dest`` (checked); a failure leaves no file."""
    from . import db as dbmod

    tools = tools or find_tools()
    dest = Path(dest)
    partial = dest.with_name(dest.name + ".partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        dbmod._create_private_file(partial)  # pg_dump writes into it and keeps its mode: this user only
        done = _run([tools.dump, "--format=custom", f"--file={partial}", f"--dbname={url}"])
        if done.returncode != 0:
            raise dbmod.DatabaseError(tool_message(done.stderr, url, dest))
        listed = _run([tools.restore, "--list", str(partial)])
        if listed.returncode != 0:
            raise dbmod.DatabaseError(
                _("The backup {path} could not be read back: {error}").format(
                    path=dest, error=tool_message(listed.stderr, url, dest)
                )
            )
        if not _lists_meta(listed.stdout):
            raise dbmod.DatabaseError(
                _("The backup {path} does not hold the tables of a Fulian Ledger database: {url} has none.").format(
                    path=dest, url=url
                )
            )
        os.replace(partial, dest)
    except BaseException as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise dbmod.storage_error(exc, dest) or dbmod.DatabaseError(_written_nowhere(dest, exc)) from exc
        raise
    return dest


def _written_nowhere(dest: Path, exc: OSError) -> str:
    return _("The backup {path} could not be written ({error}). Choose another folder and try again.").format(
        path=dest, error=exc.strerror or exc
    )


def _lists_meta(listing: str) -> bool:
    return re.search(r"^\d+;.*\bTABLE DATA \S+ meta\b", listing, re.MULTILINE) is not None


# --- restoring -------------------------------------------------------------------


def archive_tables(source: Path, tables: tuple[str, ...], tools: Tools) -> dict[str, list[dict[str, str | None]]]:
    """The rows of ``tables`` in a pg_dump archive, read with ``pg_restore --data-only`` (COPY text format)."""
    from .db import DatabaseError

    argv = [tools.restore, "--data-only", "--file=-"]
    argv += [f"--table={name}" for name in tables]
    done = _run([*argv, str(source)])
    if done.returncode != 0:
        raise DatabaseError(_not_a_backup(source, done.stderr))
    return parse_copy(done.stdout)


_COPY = re.compile(r"^COPY (?:\S+\.)?(\w+) \(([^)]*)\) FROM stdin;$")


def parse_copy(script: str) -> dict[str, list[dict[str, str | None]]]:
    """The COPY blocks of a SQL script: table → rows (column → value; None for NULL)."""
    tables: dict[str, list[dict[str, str | None]]] = {}
    lines = iter(script.splitlines())
    for line in lines:
        found = _COPY.match(line)
        if not found:
            continue
        columns = [name.strip().strip('"') for name in found.group(2).split(",")]
        rows = tables.setdefault(found.group(1), [])
        for row in lines:
            if row == "\\.":
                break
            values = [None if value == "\\N" else _unescape(value) for value in row.split("\t")]
            rows.append(dict(zip(columns, values, strict=False)))
    return tables


_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), value)


def _not_a_backup(source: Path, stderr: str) -> str:
    return _(
        "{path} is not a complete backup of a Fulian Ledger database on a server (a {dump} archive): "
        "it is another kind of file, or it was cut short. Nothing was changed. ({error})"
    ).format(path=source, dump=DUMP, error=_last_lines(stderr))


def check_archive(source: Path, tools: Tools) -> tuple[int, tuple[str, str] | None]:
    """The archive's schema version and own unit (code, name); DatabaseError when it cannot be restored."""
    from .db import DatabaseError

    if not source.is_file():
        raise DatabaseError(_("There is no file {path}.").format(path=source))
    # Read to its end: an archive cut short fails here, before anything is touched.
    whole = _run([tools.restore, f"--file={os.devnull}", str(source)])
    if whole.returncode != 0:
        raise DatabaseError(_not_a_backup(source, whole.stderr))
    rows = archive_tables(source, ("meta", "unit"), tools)
    entries = {row.get("key"): row.get("value") for row in rows.get("meta", [])}
    version_text = entries.get(meta.SCHEMA_VERSION)
    if not version_text or not version_text.isdigit():
        raise DatabaseError(_not_a_backup(source, ""))
    version = int(version_text)
    if version > latest_version():
        raise DatabaseError(_("{path} was written by a newer version of Fulian Ledger.").format(path=source))
    code = entries.get(meta.OWN_UNIT)
    if not code:
        return version, None
    names = [
        row.get("name") or ""
        for row in rows.get("unit", [])
        if row.get("code") == code and row.get("deleted") in ("f", "0", "false")
    ]
    return version, (code, names[0] if names else "")


def _current_state(url: str) -> tuple[int, tuple[str, str] | None, int]:
    """The server database's schema version, own unit, and how many other clerks are connected to it."""
    from .server import ServerDatabase, connect_params, other_clerks, schema_version

    db = ServerDatabase(url, **connect_params(read_only=True))
    db.connect()
    try:
        version = schema_version(db)
        unit = None
        if version:
            row = db.execute_sql("SELECT value FROM meta WHERE key = %s", (meta.OWN_UNIT,)).fetchone()
            if row and row[0]:
                found = db.execute_sql("SELECT name FROM unit WHERE code = %s AND NOT deleted", (row[0],)).fetchone()
                unit = (row[0], found[0] if found else "")
        others = other_clerks(db)
    finally:
        db.close()
    return version, unit, int(others)


def _refuse_while_others_connected(url: str, others: int) -> None:
    from .db import DatabaseError
    from .server import shown_url

    if others:
        raise DatabaseError(
            ngettext(
                "{count} other connection to the database {url} is open (another clerk's Fulian Ledger). "
                "Ask the other clerks to close Fulian Ledger, then restore again. Nothing was changed.",
                "{count} other connections to the database {url} are open (other clerks' Fulian Ledger). "
                "Ask the other clerks to close Fulian Ledger, then restore again. Nothing was changed.",
                others,
            ).format(count=others, url=shown_url(url))
        )


def safety_folder(source: Path) -> Path:
    """Where the safety backup before a restore goes: beside the backup restored, where the clerk keeps
    backups; when that folder cannot be written (a CD, a write-protected stick), the backups folder in the
    user's data folder."""
    from .db import _folder_writable, backups_dir, default_db_path

    if _folder_writable(source.parent):
        return source.parent
    return backups_dir(default_db_path())


def _safety_name(url: str, source: Path) -> Path:
    from urllib.parse import urlsplit

    name = re.sub(r"[^\w.-]", "_", urlsplit(url).path.strip("/")) or "server"
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return safety_folder(source) / f"{name}-before-restore-{stamp}{SUFFIX}"


def restore(url: str, source: Path, tools: Tools | None = None) -> Path | None:
    """Replace the database at ``url`` with the archive ``source``; the safety backup's path (None: nothing to keep).

    Refused, with nothing changed: an archive that is not a whole pg_dump of a
    Fulian Ledger database, a newer one, one of another unit, and while other
    clerks are connected. The caller closes its own connection first and opens
    the database afterwards (which migrates an older backup).
    """
    from .db import DatabaseError
    from .server import checked_url, server_message

    url = checked_url(url)
    try:
        return _restore(url, Path(source), tools or find_tools())
    except DatabaseError:
        raise
    except Exception as exc:
        message = server_message(exc, url)
        if message is None:
            raise
        raise DatabaseError(message) from exc


def _restore(url: str, source: Path, tools: Tools) -> Path | None:
    from . import db as dbmod
    from .db import DatabaseError, _unit_words
    from .server import shown_url

    _version, incoming = check_archive(source, tools)
    current_version, current, others = _current_state(url)
    if incoming is None:
        raise DatabaseError(
            _("{path} belongs to no unit (it was never set up); it cannot replace the database of {unit}.").format(
                path=source, unit=_unit_words(current) if current else shown_url(url)
            )
        )
    if current is not None and current[0] != incoming[0]:
        raise DatabaseError(
            _(
                "{path} is the database of {incoming}, but this installation belongs to {current}. "
                "Only a backup of {current} can be restored here."
            ).format(path=source, incoming=_unit_words(incoming), current=_unit_words(current))
        )
    _refuse_while_others_connected(url, others)
    safety = None
    if current_version:
        safety = _safety_name(url, source)
        try:
            if not safety.parent.exists():
                dbmod._make_folder(safety.parent)
                dbmod._make_private(safety.parent, dbmod.PRIVATE_FOLDER)
        except OSError as exc:
            raise dbmod.storage_error(exc, safety) or DatabaseError(_written_nowhere(safety, exc)) from exc
        backup(url, safety, tools)
    # Tables of a newer schema than the backup's depend on its tables: they go first (the migration after the
    # restore makes them afresh). Then a failed restore puts the safety backup back, so nothing is lost.
    archived = _archive_table_names(source, tools)
    if "meta" not in archived:
        raise DatabaseError(_not_a_backup(source, ""))
    newer = _table_names(url) - archived
    _drop_tables(url, newer)
    done = _run_restore(tools, url, source)
    if done.returncode != 0:
        message = tool_message(done.stderr, url)
        if newer and safety is not None and _run_restore(tools, url, safety).returncode != 0:
            raise DatabaseError(
                _("{error} The database may be incomplete: restore the copy kept before, {path}.").format(
                    error=message, path=safety
                )
            )
        raise DatabaseError(_("{error} The database has not been changed.").format(error=message))
    return safety


def _run_restore(tools: Tools, url: str, source: Path) -> subprocess.CompletedProcess:
    """pg_restore in one transaction: all of the archive, or (on any error) nothing."""
    return _run(
        [
            tools.restore,
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={url}",
            str(source),
        ]
    )


def _table_names(url: str) -> set[str]:
    from .server import ServerDatabase, connect_params

    db = ServerDatabase(url, **connect_params(read_only=True))
    db.connect()
    try:
        return set(db.get_tables())
    finally:
        db.close()


def _archive_table_names(source: Path, tools: Tools) -> set[str]:
    listed = _run([tools.restore, "--list", str(source)])
    return set(re.findall(r"^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\w+) ", listed.stdout, re.MULTILINE))


def _drop_tables(url: str, names: set[str]) -> None:
    """Tables an older backup does not have: dropped, so the migration that follows makes them afresh."""
    from .server import ServerDatabase, connect_params

    if not names:
        return
    db = ServerDatabase(url, **connect_params(read_only=False))
    db.connect()
    try:
        with db.atomic():
            for name in sorted(names):
                db.execute_sql(f'DROP TABLE IF EXISTS "{name}" CASCADE')
    finally:
        db.close()
