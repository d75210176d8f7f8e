"""The crash harness's worker: imports the program once, then forks one child per piece of work to be killed.

Run as a subprocess by test_crash_harness.py. It reads one JSON request a
line on stdin and answers one JSON line on stdout:

    {"op": "run", "kind": K, "args": {...}}  → {"pid": P}   fork a child doing work K
    {"op": "wait", "pid": P}                 → {"signal": S, "code": C}
    {"op": "quit"}

Forking from a process that has already imported the program (and opened no
database) makes a child ready to work in a millisecond, so the parent can
kill hundreds of them in a minute. A child appends a line to its log, with
fsync, after each commit returns: what is in the log was committed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models import db as dbmod  # noqa: E402
from models import exchange, homes, i18n, meta, migrations, people, units  # noqa: E402

VILLAGE, VILLAGE_NAME = "430121100201", "石门村"
VILLAGE2, VILLAGE2_NAME = "430121100202", "桃花村"
COUNTY, COUNTY_NAME = "430121000000", "长沙县"
LAST_YEAR = dt.date.today().year - 1


class Log:
    """Lines appended with fsync: a line in the file is a commit that returned."""

    def __init__(self, path: str):
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def write(self, *words: object) -> None:
        os.write(self.fd, (" ".join(map(str, words)) + "\n").encode())
        os.fsync(self.fd)


def _person(i: int) -> people.PersonInput:
    return people.PersonInput(name=f"王芳{i}", birth="1980-05")


def _activity(i: int) -> homes.ActivityInput:
    return homes.ActivityInput(
        date=dt.date(LAST_YEAR, 3, 1 + i % 28), title=f"宣讲{i}", category="1", form="talk", women=10 + i % 30
    )


def _fill(code: str, name: str, persons: int, activities: int) -> None:
    units.set_own_unit(code, name)
    for i in range(persons):
        people.save_person(_person(i), code)
    for i in range(activities):
        homes.save_activity(_activity(i), code)


def _fill_older(code: str, name: str, persons: int) -> None:
    """The unit and people of a database one schema version behind, written in the columns every version
    has (the models may have columns the older schema lacks)."""
    import uuid

    from tests import older_schema

    older_schema.set_own_unit(code, name)
    now = str(dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0))
    for i in range(persons):
        dbmod.database.execute_sql(
            "INSERT INTO person (uuid, unit, created_at, updated_at, deleted, name, birth) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), code, now, now, False, f"王芳{i}", "1980-05"),
        )


def _copy(template: str, path: Path) -> None:
    """A template copied whole (by the harness, not by the program) before the program works on it."""
    shutil.copyfile(template, path)
    fd = os.open(path, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)


# --- the pieces of work ----------------------------------------------------------------


def prepare(folder: str) -> None:
    """Templates the parent copies before each piece of work, and the packages every import reuses."""
    base = Path(folder)
    for path, code, name, persons in (
        (base / "village.sqlite3", VILLAGE, VILLAGE_NAME, 12),
        (base / "village2.sqlite3", VILLAGE2, VILLAGE2_NAME, 8),
        (base / "county.sqlite3", COUNTY, COUNTY_NAME, 3),
    ):
        dbmod.open_database(path)
        _fill(code, name, persons, 3)
        if code != COUNTY:
            exchange.export_package(base / f"{path.stem}.fulian", photos=False)
        dbmod.close_database()
    # Two states of one village for restores: "a", and "b" with more records.
    dbmod.backup_file(base / "village.sqlite3", base / "restore-a.sqlite3")
    dbmod.open_database(base / "village.sqlite3")
    for i in range(12, 20):
        people.save_person(_person(i), VILLAGE)
    dbmod.close_database()
    dbmod.backup_file(base / "village.sqlite3", base / "restore-b.sqlite3")
    # "b" carries an id of its own, as a backup of an older copy may: restored, it takes the database's.
    conn = sqlite3.connect(base / "restore-b.sqlite3")
    with conn:
        conn.execute("UPDATE meta SET value = 'restore-b' WHERE key = ?", (meta.DATABASE_ID,))
    conn.close()
    # A database one schema version behind, to be migrated.
    real_steps, latest = migrations.steps(), migrations.latest_version()
    dbmod.steps = lambda: real_steps[: latest - 1]
    dbmod.latest_version = lambda: latest - 1
    dbmod.open_database(base / "old.sqlite3")
    _fill_older(VILLAGE, VILLAGE_NAME, 10)
    dbmod.close_database()
    dbmod.steps, dbmod.latest_version = migrations.steps, migrations.latest_version
    for path in base.glob("*.sqlite3"):  # templates without their -wal: whole files to copy
        if path.with_name(path.name + "-wal").exists():
            raise RuntimeError(f"{path} kept its -wal")
    _prepare_wal_templates(base, base / "wal")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _prepare_wal_templates(base: Path, folder: Path) -> None:
    """A database with a -wal to be kept and one with a -wal to be set aside, for the openings to be killed.

    genuine: saves left in the -wal by a program that was killed (the files
    copied while it was running). foreign: copy A of the village with the
    -wal of copy B put beside it, as hand copies of both leave it.
    """
    folder.mkdir()
    work = folder / "work.sqlite3"
    shutil.copyfile(base / "village.sqlite3", work)
    dbmod.open_database(work)
    for i in range(40, 46):
        people.save_person(_person(i), VILLAGE)
    shutil.copyfile(work, folder / "genuine.sqlite3")
    shutil.copyfile(_wal(work), _wal(folder / "genuine.sqlite3"))
    dbmod.close_database()
    a, b = folder / "a.sqlite3", folder / "b.sqlite3"
    shutil.copyfile(base / "village.sqlite3", a)
    shutil.copyfile(base / "village.sqlite3", b)
    dbmod.open_database(a)
    for i in range(50, 90):
        people.save_person(people.PersonInput(name=f"甲{i}", birth="1981-05", workplace="村委会" * 20), VILLAGE)
    dbmod.close_database()
    dbmod.open_database(b)
    for i in range(90, 92):
        people.save_person(_person(i), VILLAGE)
    shutil.copyfile(_wal(b), _wal(folder / "foreign.sqlite3"))
    dbmod.close_database()
    shutil.copyfile(a, folder / "foreign.sqlite3")
    for path in (work, a, b):
        path.unlink()


def save(db: str, log: str) -> None:
    out = Log(log)
    dbmod.open_database(db)
    code = units.own_unit().code
    i = 0
    while True:
        if i % 3 == 2:
            out.write("activity", homes.save_activity(_activity(i), code).uuid)
        else:
            out.write("person", people.save_person(_person(i), code).uuid)
        i += 1


def import_(county: str, folder: str, packages: list[str], log: str) -> None:
    """Import the packages into fresh copies of the county, one after the other."""
    out = Log(log)
    i = 0
    while True:
        path = Path(folder) / f"county-{i}.sqlite3"
        _copy(county, path)
        out.write("ready", path)
        dbmod.open_database(path)
        for package in packages:
            result = exchange.import_package(package)
            out.write("import", result.package_id)
        dbmod.close_database()
        i += 1


def backup(db: str, out_folder: str, log: str) -> None:
    out = Log(log)
    dbmod.open_database(db)
    i = 0
    while True:
        if i % 2:
            path = dbmod.automatic_backup("daily")
        else:
            path = dbmod.backup_to(Path(out_folder) / f"by-hand-{i}.sqlite3")
        out.write("backup", path)
        i += 1


def restore(db: str, a: str, b: str, log: str) -> None:
    out = Log(log)
    i = 0
    while True:
        which = "b" if i % 2 == 0 else "a"
        dbmod.restore_from(db, b if which == "b" else a)
        out.write("restore", which)
        i += 1


def migrate(old: str, folder: str, log: str) -> None:
    out = Log(log)
    i = 0
    while True:
        path = Path(folder) / f"migrate-{i}.sqlite3"
        _copy(old, path)
        out.write("ready", path)
        dbmod.open_database(path)
        dbmod.close_database()
        out.write("migrated", path)
        i += 1


def open_(template: str, folder: str, log: str) -> None:
    """Open copies of a database that has a -wal beside it (kept, or set aside), one after the other."""
    out = Log(log)
    i = 0
    while True:
        path = Path(folder) / f"open-{i}.sqlite3"
        _copy(template, path)
        _copy(str(_wal(Path(template))), _wal(path))
        out.write("ready", path)
        dbmod.open_database(path)
        out.write("opened", path)
        dbmod.close_database()
        i += 1


WORK = {
    "prepare": prepare,
    "save": save,
    "import": import_,
    "backup": backup,
    "restore": restore,
    "migrate": migrate,
    "open": open_,
}


def _child(kind: str, args: dict) -> None:
    code = 0
    try:
        WORK[kind](**args)
    except BaseException:
        traceback.print_exc()
        code = 3
    finally:
        sys.stderr.flush()
        os._exit(code)


def _warm_up() -> None:
    """Load now what the first save or import would load (pypinyin alone takes 0.15 s): every child starts warm."""
    import PIL.Image  # noqa: F401
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from models.exchange import signing, tables

    people.pinyin_keys("王芳")
    tables.table_specs()
    key = ed25519.Ed25519PrivateKey.generate()
    signing.signature_valid(key.public_key().public_bytes_raw(), key.sign(b"warm"), b"warm")


def main() -> None:
    i18n.set_language("zh_CN")
    _warm_up()
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "quit":
            break
        if request["op"] == "run":
            pid = os.fork()
            if pid == 0:
                _child(request["kind"], request["args"])
            answer: dict = {"pid": pid}
        else:
            _pid, status = os.waitpid(request["pid"], 0)
            answer = {
                "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0,
                "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            }
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
