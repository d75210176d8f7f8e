"""Importing village packages into a county database on a PostgreSQL server (import_packages.py --server URL).

Two figures, each measured side by side in one run:
  import:     models.importing.import_files of N packages into a fresh county
              database, against plain psycopg executemany of the same rows
              (read out of the packages by the program's own reader) into the
              same tables of another fresh database, one transaction per
              package in both; goal ratio <= 3.
  concurrent: two processes importing N/2 packages each (different villages)
              into one database, against one process importing all N into
              another; wall time from the moment both are ready; goal <= 0.7.

The URL names a database the user may create databases from (the test
cluster's ``postgres``); every database made here is dropped at the end.
The password comes from PGPASSWORD or ~/.pgpass, as for the program.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import time
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg

IMPORT_GOAL = 3.0
CONCURRENT_GOAL = 0.7


def url_of(admin_url: str, name: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path="/" + name))


class Databases:
    """Fresh databases on the server, cloned from one migrated county template, dropped at the end."""

    def __init__(self, admin_url: str, county: str, county_name: str):
        self.admin_url = admin_url
        self.made: list[str] = []
        self.template = self._create()
        from models import db, units

        db.open_database(url_of(admin_url, self.template))
        try:
            units.set_own_unit(county, county_name)
        finally:
            db.close_database()

    def _admin(self, sql: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def _create(self, template: str | None = None) -> str:
        name = f"fulian_bench_{uuid.uuid4().hex[:10]}"
        self._admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        self.made.append(name)
        return name

    def fresh(self) -> str:
        """The URL of a new county database (migrated, its own unit set, nothing imported)."""
        return url_of(self.admin_url, self._create(self.template))

    def drop_all(self) -> None:
        for name in reversed(self.made):
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.made.clear()


def import_program(url: str, packages: list[str], county: str) -> float:
    """Seconds for import_files of ``packages`` into the database at ``url``, as a clerk runs it."""
    from models import db, importing

    db.open_database(url)
    try:
        start = time.perf_counter()
        outcome = importing.import_files(packages, unit_code=county)
        seconds = time.perf_counter() - start
    finally:
        db.close_database()
    refused = [f"{f.path.name}: {f.status} {f.error}" for f in outcome.files if f.status != importing.IMPORTED]
    if refused or len(outcome.files) != len(packages):
        raise SystemExit("the program did not import every package:\n" + "\n".join(refused[:5]))
    return seconds


Rows = list[list[tuple[str, str, list[tuple]]]]  # per package: (table, INSERT statement, rows as stored)


def read_rows(url: str, packages: list[str]) -> Rows:
    """Per package, the rows the program would write, read by the program's own reader (verify_package)
    and converted as it stores them (rows_to_db), with a plain INSERT of them."""
    from models import db
    from models.exchange.tables import quote, rows_to_db, stored_names, table_specs
    from models.exchange.verify import verify_package

    db.open_database(url)
    try:
        per_package: Rows = []
        for path in packages:
            package = verify_package(path)
            tables = []
            for spec in table_specs():
                uuid_at = spec.index("uuid")
                # As the program does: links to photos the package does not carry are left out.
                rows = [row for row in package.records[spec.name] if row[uuid_at] not in package.skipped_links]
                if rows:
                    names = stored_names(spec)
                    sql = (
                        f"INSERT INTO {quote(spec.name)} ({', '.join(map(quote, names))}) "
                        f"VALUES ({', '.join(['%s'] * len(names))})"
                    )
                    tables.append((spec.name, sql, rows_to_db(spec, rows)))
            per_package.append(tables)
        return per_package
    finally:
        db.close_database()


def import_plain(url: str, per_package: Rows) -> float:
    """Seconds for psycopg executemany of the same rows, one transaction per package."""
    with psycopg.connect(url) as conn:
        start = time.perf_counter()
        for tables in per_package:
            with conn.transaction(), conn.cursor() as cursor:
                for _table, sql, rows in tables:
                    cursor.executemany(sql, rows)
        return time.perf_counter() - start


def _clerk(url: str, packages: list[str], county: str, ready, results) -> None:
    """One clerk's process: open the database, wait for the others, import, report start and end."""
    from models import db, importing

    db.open_database(url)
    try:
        ready.wait()
        start = time.perf_counter()
        outcome = importing.import_files(packages, unit_code=county)
        end = time.perf_counter()
    finally:
        db.close_database()
    bad = sum(1 for f in outcome.files if f.status != importing.IMPORTED)
    results.put((start, end, bad, len(outcome.files)))


def clerks_at_once(url: str, shares: list[list[str]], county: str) -> float:
    """Wall seconds from the moment every clerk process is ready until the last one finishes."""
    context = multiprocessing.get_context("spawn")
    ready, results = context.Barrier(len(shares)), context.Queue()
    processes = [context.Process(target=_clerk, args=(url, share, county, ready, results)) for share in shares]
    for process in processes:
        process.start()
    reports = [results.get() for _ in processes]
    for process in processes:
        process.join()
        if process.exitcode:
            raise SystemExit(f"an import process failed (exit code {process.exitcode})")
    bad = sum(r[2] for r in reports)
    done = sum(r[3] for r in reports)
    if bad or done != sum(map(len, shares)):
        raise SystemExit(f"the program did not import every package ({bad} not imported)")
    return max(r[1] for r in reports) - min(r[0] for r in reports)


@contextmanager
def server_databases(admin_url: str, county: str, county_name: str):
    made = Databases(admin_url, county, county_name)
    try:
        yield made
    finally:
        made.drop_all()


def verdict(ratio: float, goal: float) -> str:
    return "PASS" if ratio <= goal else "FAIL"


def run(admin_url: str, packages: list[str], rounds: int, county: str, county_name: str) -> bool:
    """Both server figures; True when both goals are met."""
    os.environ.setdefault("PGCONNECT_TIMEOUT", "10")
    with server_databases(admin_url, county, county_name) as made:
        per_package = read_rows(made.fresh(), packages)
        program, plain, two, one = [], [], [], []
        half = len(packages) // 2
        for _round in range(rounds):
            program.append(import_program(made.fresh(), packages, county))
            plain.append(import_plain(made.fresh(), per_package))
            one.append(clerks_at_once(made.fresh(), [packages], county))
            two.append(clerks_at_once(made.fresh(), [packages[:half], packages[half:]], county))
    p, q = statistics.median(program), statistics.median(plain)
    o, t = statistics.median(one), statistics.median(two)
    rows = sum(len(r) for tables in per_package for _t, _s, r in tables)
    n = len(packages)
    print(f"server {urlsplit(admin_url).hostname}: {n} packages, {rows} rows (medians of {rounds})")
    print(f"server import: program {p:.2f} s, plain psycopg executemany {q:.2f} s")
    print(
        f"importing {n} village packages on the server vs plain psycopg executemany: "
        f"ratio = program / plain = {p / q:.2f} (goal <= {IMPORT_GOAL:g}) {verdict(p / q, IMPORT_GOAL)}"
    )
    print(f"server concurrent import: two processes of {half} and {n - half} packages {t:.2f} s, one process {o:.2f} s")
    print(
        f"two processes vs one importing {n} packages on the server: ratio = two processes / one process = "
        f"{t / o:.2f} (goal <= {CONCURRENT_GOAL:g}) {verdict(t / o, CONCURRENT_GOAL)}"
    )
    return p / q <= IMPORT_GOAL and t / o <= CONCURRENT_GOAL
