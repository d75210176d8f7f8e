"""The crash harness: kill the program (SIGKILL) at random moments of its work, then open what it left.

A worker process (driver.py) forks one child per piece of work: saves
through the core, package imports, backups, restores, a migration and the
opening of a database with a -wal beside it (its own, to be kept, or another
copy's, to be set aside), in rotation. The child logs each commit after it
returns (with fsync); this test kills it 5–200 ms after it starts and then
checks, with the program's own code, that nothing committed was lost, no
database is corrupt, no import is half there, every backup under its final
name is whole, a restore left the old or the new database, a migration is
done or not done, and an opening kept a genuine -wal's saves and set a
foreign -wal aside (never deleting it) whenever the kill came.

FULIAN_CRASH_KILLS sets how many kills (default 200), FULIAN_CRASH_SEED the
random moments, FULIAN_CRASH_TIME_LIMIT the seconds allowed (default 600).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from models import db as dbmod
from models import meta, migrations, wal_guard

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks its workers (POSIX only)")

DRIVER = Path(__file__).with_name("driver.py")
KINDS = ("save", "import", "backup", "restore", "migrate", "open")


class Driver:
    """The worker process: forks children that do work, reports how each ended."""

    def __init__(self, stderr_path: Path):
        self.stderr = stderr_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )

    def ask(self, request: dict) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError("the crash driver stopped: " + self.stderr_tail())
        return json.loads(line)

    def ask_no_answer(self, request: dict) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.close()

    def run(self, kind: str, **args) -> int:
        return self.ask({"op": "run", "kind": kind, "args": {k: str(v) for k, v in args.items()}})["pid"]

    def run_list(self, kind: str, **args) -> int:
        return self.ask({"op": "run", "kind": kind, "args": args})["pid"]

    def wait(self, pid: int) -> dict:
        return self.ask({"op": "wait", "pid": pid})

    def stderr_tail(self) -> str:
        self.stderr.flush()
        return Path(self.stderr.name).read_text(errors="replace")[-3000:]

    def close(self) -> None:
        try:
            self.ask_no_answer({"op": "quit"})
            self.process.wait(timeout=10)
        finally:
            self.stderr.close()


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def logged(path: Path) -> list[list[str]]:
    """The complete lines of a child's log (a line cut by the kill was not logged)."""
    if not path.exists():
        return []
    text = path.read_text()
    lines = text.split("\n")[:-1]  # the last piece has no newline: cut short, or empty
    return [line.split(" ", 1) for line in lines]


def schema(path: Path) -> set[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return set(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        conn.close()


def column(path: Path, sql: str) -> set:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute(sql)}
    finally:
        conn.close()


def package_uuids(package: Path) -> tuple[str, dict[str, set[str]]]:
    """A package's id and, per table, the uuids of its records (checked against the manifest's counts)."""
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        tables = {}
        for member, info in manifest["members"].items():
            if member.startswith("data/") and member.endswith(".jsonl"):
                lines = [json.loads(line) for line in archive.read(member).decode().splitlines() if line.strip()]
                assert len(lines) == info["records"]
                tables[member[5:-6]] = {line["uuid"] for line in lines}
    return manifest["package_id"], tables


class Harness:
    """Runs the kills and tallies what it finds."""

    def __init__(self, base: Path, driver: Driver, rng: random.Random):
        self.base, self.driver, self.rng = base, driver, rng
        self.templates = base / "templates"
        self.kills: Counter[str] = Counter()
        self.finished: Counter[str] = Counter()
        self.lost: list[str] = []
        self.corrupt: list[str] = []
        self.partial: list[str] = []
        self.commits: Counter[str] = Counter()

    # --- setting up --------------------------------------------------------------------

    def prepare(self) -> None:
        self.templates.mkdir()
        status = self.driver.wait(self.driver.run("prepare", folder=self.templates))
        assert status == {"signal": 0, "code": 0}, "preparing the templates failed: " + self.driver.stderr_tail()
        t = self.templates
        self.latest = migrations.latest_version()
        self.new_schema = schema(t / "village.sqlite3")
        self.old_schema = schema(t / "old.sqlite3")
        assert self.new_schema != self.old_schema
        self.old_people = column(t / "old.sqlite3", "SELECT uuid FROM person")
        self.restore_states = {
            name: column(t / f"restore-{name}.sqlite3", "SELECT uuid FROM person") for name in ("a", "b")
        }
        self.village_people = column(t / "village.sqlite3", "SELECT uuid FROM person")
        self.packages = [t / "village.fulian", t / "village2.fulian"]
        self.package_contents = [package_uuids(p) for p in self.packages]
        self.wal_states = {name: self.wal_template_state(name) for name in ("genuine", "foreign")}
        for folder in ("save", "backup", "restore"):
            (self.base / folder).mkdir()
        shutil.copyfile(t / "village.sqlite3", self.base / "save" / "village.sqlite3")
        shutil.copyfile(t / "village.sqlite3", self.base / "backup" / "village.sqlite3")
        (self.base / "backup" / "by-hand").mkdir()
        shutil.copyfile(t / "restore-a.sqlite3", self.base / "restore" / "village.sqlite3")
        self.restore_id = dbmod.database_id(self.base / "restore" / "village.sqlite3")
        assert self.restore_id is not None

    def wal_template_state(self, name: str) -> set[str]:
        """The people a database with this template's -wal must hold once opened: with the -wal's saves
        (genuine), or as the file alone holds them (foreign: the -wal is set aside)."""
        template = self.templates / "wal" / f"{name}.sqlite3"
        scratch = self.base / f"scratch-{name}"
        scratch.mkdir()
        copy = scratch / "copy.sqlite3"
        shutil.copyfile(template, copy)
        shutil.copyfile(wal_of(template), wal_of(copy))
        expected = wal_guard.SET_ASIDE if name == "foreign" else wal_guard.KEEP
        assert wal_guard.inspect(copy, meta.DATABASE_ID).action == expected, name
        if name == "foreign":
            uri = f"{template.resolve().as_uri()}?mode=ro&immutable=1"  # the file alone
        else:
            uri = f"{copy.resolve().as_uri()}"  # replayed
        conn = sqlite3.connect(uri, uri=True)
        try:
            state = {row[0] for row in conn.execute("SELECT uuid FROM person")}
        finally:
            conn.close()
        shutil.rmtree(scratch)
        return state

    # --- one kill ----------------------------------------------------------------------

    def kill_one(self, round_: int) -> None:
        kind = KINDS[round_ % len(KINDS)]
        work = self.base / f"{kind}-{round_}"
        work.mkdir()
        log = work / "log"
        if kind == "save":
            pid = self.driver.run("save", db=self.base / "save" / "village.sqlite3", log=log)
        elif kind == "import":
            pid = self.driver.run_list(
                "import",
                county=str(self.templates / "county.sqlite3"),
                folder=str(work),
                packages=list(map(str, self.packages)),
                log=str(log),
            )
        elif kind == "backup":
            folder = self.base / "backup"
            pid = self.driver.run("backup", db=folder / "village.sqlite3", out_folder=folder / "by-hand", log=log)
        elif kind == "restore":
            pid = self.driver.run(
                "restore",
                db=self.base / "restore" / "village.sqlite3",
                a=self.templates / "restore-a.sqlite3",
                b=self.templates / "restore-b.sqlite3",
                log=log,
            )
        elif kind == "migrate":
            pid = self.driver.run("migrate", old=self.templates / "old.sqlite3", folder=work, log=log)
        else:
            which = "genuine" if (round_ // len(KINDS)) % 2 == 0 else "foreign"
            (work / which).touch()
            pid = self.driver.run("open", template=self.templates / "wal" / f"{which}.sqlite3", folder=work, log=log)
        time.sleep(self.rng.uniform(0.005, 0.2))
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        status = self.driver.wait(pid)
        if status["signal"] == signal.SIGKILL:
            self.kills[kind] += 1
        elif status["code"] == 0:
            self.finished[kind] += 1
        else:
            raise AssertionError(f"the {kind} work failed on its own: " + self.driver.stderr_tail())
        getattr(self, "check_" + kind)(work, logged(log))
        shutil.rmtree(work, ignore_errors=True)

    # --- what each kind must leave ------------------------------------------------------

    def open_and_check(self, path: Path, where: str) -> None:
        """Open with the program's own code (which recovers, cleans and migrates), then check integrity.

        Opened as at a later start: a backup cut short by the kill is as old as one left the day before
        (a fresh one could be another process's backup in progress, which the opening leaves alone).
        """
        stale = time.time() - dbmod.PARTIAL_STALE_SECONDS - 60
        for leftover in dbmod.backups_dir(path).glob("*.partial*"):
            os.utime(leftover, (stale, stale))
        try:
            dbmod.open_database(path)
            problems = dbmod.integrity_problems(dbmod.database.connection())
        except Exception as exc:  # a database the program cannot open is as bad as a corrupt one
            problems = [repr(exc)]
        if problems:
            self.corrupt.append(f"{where}: {problems[:3]}")
        leftovers = list(dbmod.backups_dir(path).glob("*.partial*")) + list(path.parent.glob("*.restoring*"))
        if leftovers:
            self.partial.append(f"{where}: partial backups or restores left after opening: {leftovers}")

    def check_backups(self, folder: Path, where: str, allowed: list[set[str]]) -> None:
        """Every backup under its final name is whole: intact, of a unit, holding one of the allowed states."""
        for backup in sorted(folder.glob("*.sqlite3")):
            problems = dbmod.integrity_problems(backup)
            if problems:
                self.corrupt.append(f"{where}: backup {backup.name}: {problems[:3]}")
                continue
            try:
                unit = dbmod.database_unit(backup)
                people = column(backup, "SELECT uuid FROM person")
            except sqlite3.Error as exc:
                self.partial.append(f"{where}: backup {backup.name} unreadable: {exc}")
                continue
            if unit is None or people not in allowed:
                self.partial.append(f"{where}: backup {backup.name} is not a whole copy")

    def check_save(self, work: Path, lines: list[list[str]]) -> None:
        db = self.base / "save" / "village.sqlite3"
        self.open_and_check(db, "save")
        for table, uuid in lines:
            self.commits["save"] += 1
            found = dbmod.database.execute_sql(f"SELECT count(*) FROM {table} WHERE uuid = ?", (uuid,)).fetchone()[0]
            if found != 1:
                self.lost.append(f"save: {table} {uuid}")
        dbmod.close_database()

    def check_import(self, work: Path, lines: list[list[str]]) -> None:
        county = column(self.templates / "county.sqlite3", "SELECT uuid FROM person")
        first_village = self.package_contents[0][1].get("person", set())
        # Each package's import is backed up first: the county before the first, with the first before the second.
        self.check_backups(dbmod.backups_dir(work / "any.sqlite3"), "import", [county, county | first_village])
        ready = [Path(words[1]) for words in lines if words[0] == "ready"]
        for db in ready:
            committed = set()
            for words in lines[lines.index(["ready", str(db)]) + 1 :]:
                if words[0] == "ready":
                    break
                committed.add(words[1])
            self.check_county(db, committed)

    def check_county(self, db: Path, committed: set[str]) -> None:
        self.open_and_check(db, "import")
        self.commits["import"] += len(committed)
        conn = dbmod.database
        for package_id, tables in self.package_contents:
            logged_here = conn.execute_sql("SELECT count(*) FROM import_log WHERE package_id = ?", (package_id,))
            in_log = logged_here.fetchone()[0] == 1
            present = total = 0
            for table, uuids in tables.items():
                marks = ", ".join("?" * len(uuids))
                sql = f"SELECT count(*) FROM {table} WHERE uuid IN ({marks})"
                present += conn.execute_sql(sql, list(uuids)).fetchone()[0]
                total += len(uuids)
            if present not in (0, total) or (present == total) != in_log:
                self.partial.append(f"import: package {package_id}: {present} of {total} records, in log: {in_log}")
            if package_id in committed and not in_log:
                self.lost.append(f"import: package {package_id} committed but not there")
        dbmod.close_database()

    def check_backup(self, work: Path, lines: list[list[str]]) -> None:
        folder = self.base / "backup"
        db = folder / "village.sqlite3"
        self.check_backups(dbmod.backups_dir(db), "backup", [self.village_people])
        self.check_backups(folder / "by-hand", "backup", [self.village_people])
        for _word, path in lines:
            self.commits["backup"] += 1
            if "by-hand" in path and not Path(path).exists():
                self.lost.append(f"backup: {path} was made but is gone")
        self.open_and_check(db, "backup")
        dbmod.close_database()
        for done in (folder / "by-hand").glob("*"):  # checked: make room for the next round's
            done.unlink()

    def check_restore(self, work: Path, lines: list[list[str]]) -> None:
        db = self.base / "restore" / "village.sqlite3"
        states = list(self.restore_states.values())
        self.check_backups(dbmod.backups_dir(db), "restore", states)
        self.commits["restore"] += len(lines)
        self.open_and_check(db, "restore")
        people = {row[0] for row in dbmod.database.execute_sql("SELECT uuid FROM person")}
        if people not in states:
            self.partial.append(f"restore: a mix of two databases ({len(people)} people)")
        dbmod.close_database()
        if dbmod.database_id(db) != self.restore_id:
            self.partial.append("restore: the database's id changed")

    def check_migrate(self, work: Path, lines: list[list[str]]) -> None:
        ready = [path for word, path in lines if word == "ready"]
        migrated = {path for word, path in lines if word == "migrated"}
        self.commits["migrate"] += len(migrated)
        self.check_backups(dbmod.backups_dir(work / "any.sqlite3"), "migrate", [self.old_people])
        for path in map(Path, ready):
            version = dbmod.read_schema_version(path)
            found = schema(path)
            if str(path) in migrated and version != self.latest:
                self.lost.append(f"migrate: {path.name} was migrated but is at version {version}")
            if (version, found) not in ((self.latest, self.new_schema), (self.latest - 1, self.old_schema)):
                self.partial.append(f"migrate: {path.name} is half migrated (version {version})")
            self.open_and_check(path, "migrate")
            if dbmod.read_schema_version(path) != self.latest:
                self.partial.append(f"migrate: {path.name} was not migrated when opened again")
            people = {row[0] for row in dbmod.database.execute_sql("SELECT uuid FROM person")}
            if people != self.old_people:
                self.lost.append(f"migrate: {path.name} lost people in the migration")
            dbmod.close_database()

    def check_open(self, work: Path, lines: list[list[str]]) -> None:
        """Each copy opened (or being opened) when the kill came opens whole, with the -wal's saves when it was
        genuine and without them when it was foreign; no trial copy is left behind."""
        which = "genuine" if (work / "genuine").exists() else "foreign"
        opened = {path for word, path in lines if word == "opened"}
        for path in (Path(path) for word, path in lines if word == "ready"):
            self.commits["open"] += str(path) in opened
            self.open_and_check(path, f"open ({which})")
            people = {row[0] for row in dbmod.database.execute_sql("SELECT uuid FROM person")}
            dbmod.close_database()
            if people != self.wal_states[which]:
                self.lost.append(f"open ({which}): {path.name} holds {len(people)} people, not the expected set")
            aside = dbmod.set_aside_dir(path)
            kept = [folder for folder in aside.glob("*") if wal_of(folder / path.name).exists()]
            if which == "foreign" and not kept:
                self.lost.append(f"open (foreign): the -wal beside {path.name} was not kept in {aside}")
            if which == "genuine" and aside.exists():
                self.partial.append(f"open (genuine): the -wal of {path.name} was set aside")
            leftovers = list(work.glob(wal_guard.TRIAL_PREFIX + "*"))
            if leftovers:
                self.partial.append(f"open ({which}): trial copies left after opening: {leftovers}")

    def summary(self, seconds: float) -> str:
        kinds = ", ".join(f"{kind} {self.kills[kind]}" for kind in KINDS)
        commits = ", ".join(f"{kind} {self.commits[kind]}" for kind in KINDS)
        return (
            f"crash harness: {sum(self.kills.values())} kills ({kinds}); "
            f"lost {len(self.lost)}, corrupt {len(self.corrupt)}, partial {len(self.partial)}; "
            f"{sum(self.commits.values())} commits checked ({commits}), {seconds:.0f} s"
        )


def test_killed_at_random_moments_the_program_loses_nothing_committed_and_leaves_nothing_half_done(tmp_path):
    wanted = int(os.environ.get("FULIAN_CRASH_KILLS", "200"))
    seed = int(os.environ.get("FULIAN_CRASH_SEED", str(random.randrange(1 << 30))))
    limit = float(os.environ.get("FULIAN_CRASH_TIME_LIMIT", "600"))
    driver = Driver(tmp_path / "driver-stderr.txt")
    harness = Harness(tmp_path, driver, random.Random(seed))
    started = time.monotonic()
    try:
        harness.prepare()
        round_ = 0
        while sum(harness.kills.values()) < wanted and time.monotonic() - started < limit:
            harness.kill_one(round_)
            round_ += 1
    finally:
        dbmod.close_database()
        driver.close()
    summary = harness.summary(time.monotonic() - started) + f" (seed {seed})"
    (tmp_path / "crash-summary.txt").write_text(summary + "\n")
    print(summary)
    problems = harness.lost + harness.corrupt + harness.partial
    assert not problems, summary + "\n" + "\n".join(problems[:20])
    assert sum(harness.kills.values()) >= wanted, summary + f": fewer than {wanted} kills in {limit:.0f} s"
    assert all(harness.kills[kind] for kind in KINDS), summary + ": some kind of work was never killed"
    assert all(harness.commits[kind] for kind in KINDS), summary + ": some kind of work never committed"
