"""Databases in the states the integrity tests need: a -wal from another copy, a -wal left by a killed program,
pages overwritten, a file cut short. Real SQLite files; "killed" is a real child process ending without closing."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from models import db as dbmod
from models import people, units
from tests.conftest import VILLAGE_CODE, VILLAGE_NAME

ROOT = Path(__file__).resolve().parents[2]


def save_people(names: list[str], workplace: str = "") -> None:
    for name in names:
        people.save_person(people.PersonInput(name=name, birth="1980-05", workplace=workplace), VILLAGE_CODE)


def make_village(path: Path | str, names: list[str]) -> None:
    """A closed village database holding ``names`` (``path`` may be a server URL: see tests/engines.py)."""
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    dbmod.open_database(path)
    units.set_own_unit(VILLAGE_CODE, VILLAGE_NAME)
    save_people(names)
    dbmod.close_database()


def names_in(path: Path) -> set[str]:
    """The live people's names, read with plain sqlite3 (read-only: the file is not changed)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM person WHERE deleted = 0")}


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def foreign_wal_from_another_copy(base: Path) -> tuple[Path, set[str]]:
    """Finding (a): a database copied by hand, both copies saved to, and copy B's -wal put beside copy A.

    Returns A and the names A holds. Copy B's -wal is taken while B is open
    (its saves are in the -wal, not yet in the file), as a hand copy of a
    running program's files would be.
    """
    a, b = base / "a" / "fulian.sqlite3", base / "b" / "fulian.sqlite3"
    common = [f"共同{i}" for i in range(30)]
    make_village(a, common)
    b.parent.mkdir(parents=True)
    shutil.copyfile(a, b)
    a_names = [f"甲{i}" for i in range(40)]
    dbmod.open_database(a)
    save_people(a_names, workplace="村委会" * 20)
    dbmod.close_database()
    dbmod.open_database(b)
    save_people(["乙0", "乙1"])
    b_wal = base / "b-wal"
    shutil.copyfile(wal_of(b), b_wal)
    dbmod.close_database()
    shutil.copyfile(b_wal, wal_of(a))
    return a, set(common) | set(a_names)


def wal_left_by_a_killed_program(path: Path, names: list[str]) -> None:
    """A child process opens ``path``, saves ``names`` and ends without closing: the saves are only in the -wal."""
    script = (
        "import os, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from models import db, people\n"
        f"db.open_database({str(path)!r})\n"
        f"for name in {names!r}:\n"
        f"    people.save_person(people.PersonInput(name=name, birth='1980-05'), {VILLAGE_CODE!r})\n"
        "sys.stdout.flush()\n"
        "os._exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert wal_of(path).stat().st_size > 32


def checkpoint_half_by_hand(path: Path) -> int:
    """Copy the first half of the -wal's frames into the file, as a checkpoint cut short would; returns how many.

    The -wal is left as it is: SQLite would copy those frames again.
    """
    data = wal_of(path).read_bytes()
    page_size = int.from_bytes(data[8:12], "big")
    frames = (len(data) - 32) // (24 + page_size)
    with open(path, "r+b") as db:
        for i in range(frames // 2):
            offset = 32 + i * (24 + page_size)
            page = int.from_bytes(data[offset : offset + 4], "big")
            db.seek((page - 1) * page_size)
            db.write(data[offset + 24 : offset + 24 + page_size])
        db.flush()
        os.fsync(db.fileno())
    return frames // 2


def overwrite_pages(path: Path, tables=("election", "home", "training"), seed: int = 7) -> None:
    """Three pages overwritten by garbage (the first page of each of ``tables``), as a failing disk would leave them.

    The schema and the meta table stay readable, so the file still opens.
    """
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        marks = ", ".join("?" * len(tables))
        pages = [row[0] for row in conn.execute(f"SELECT rootpage FROM sqlite_master WHERE name IN ({marks})", tables)]
    assert len(pages) == len(tables)
    rng = random.Random(seed)
    with open(path, "r+b") as db:
        for page in pages:
            db.seek((page - 1) * page_size)
            db.write(bytes(rng.randrange(256) for _ in range(page_size)))


def cut_short(path: Path) -> None:
    """The file cut to half its length, as a copy interrupted half-way leaves it."""
    size = path.stat().st_size
    with open(path, "r+b") as db:
        db.truncate(size // 2)
