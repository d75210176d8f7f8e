"""Importing village packages at a county, against plain sqlite3 inserting the same rows.

    python bench/import_packages.py [--packages 500] [--rounds 2] [--cache DIR] [--server URL]

Makes one package per village (a year of records each, made by `demo` in its
own temporary database, exported without photos) into a cache folder, once
(bench/.cache unless --cache says; delete it to make them anew), then,
alternating rounds on fresh county databases:
  ours:  import_package() of every package (verify, hashes, JSON, upsert, log)
  plain: sqlite3 executemany of the same rows into the same schema
and the re-import of the same packages (each already imported) against the
first import. Prints each figure ending in `ratio X (goal <= Y)`.

With --server URL (default: $FULIAN_TEST_SERVER when set), the same packages
are then imported into county databases on that PostgreSQL server, against
plain psycopg, and by two clerk processes at once against one (see
bench/import_server.py); those figures say PASS or FAIL, and a missed goal
ends the run with exit status 1.

Each package is its own transaction in both (an import of one package is one
atomic write, so a folder of N packages is N commits); the figure against a
single transaction for all of them is printed too, for information.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COUNTY = "430121000000"
TODAY = _dt.date(2026, 11, 28)


def village_code(i: int) -> str:
    township = 101 + i // 150
    return f"430121{township:03d}{201 + i % 150:03d}"


def make_package(args: tuple[int, str]) -> str:
    """One village's package, made in a database of its own (run in worker processes)."""
    i, folder = args
    from models import db, demo, exchange

    path = Path(folder) / f"v{i}.making.sqlite3"
    db.open_database(path)
    try:
        demo.make_demo(village_code(i), f"第{i}村", years=1, seed=i, today=TODAY, photos=1)
        out = Path(folder) / exchange.default_package_name()
        out = out.with_name(f"{village_code(i)}_{out.name.split('_', 1)[1]}")
        exchange.export_package(out, photos=False)
    finally:
        db.close_database()
    path.unlink()
    return str(out)


def cached_packages(folder: Path, count: int) -> list[str]:
    """The packages of villages 0 … count-1 in ``folder``, making (two at a time) those not there yet."""
    folder.mkdir(parents=True, exist_ok=True)
    found = {}
    for i in range(count):
        made = sorted(folder.glob(f"{village_code(i)}_*.fulian"))
        if made:
            found[i] = str(made[-1])
    missing = [i for i in range(count) if i not in found]
    if missing:
        with ProcessPoolExecutor(max_workers=2) as pool:
            for i, path in zip(missing, pool.map(make_package, [(i, str(folder)) for i in missing], chunksize=10)):
                found[i] = path
    return [found[i] for i in range(count)]


def fresh_county(path: Path) -> None:
    from models import db, units

    db.open_database(path)
    units.set_own_unit(COUNTY, "长沙县")
    db.close_database()


def import_ours(db_path: Path, packages: list[str]) -> float:
    from models import db, exchange

    db.open_database(db_path)
    try:
        start = time.perf_counter()
        for package in packages:
            exchange.import_package(package, backup=False)
        return time.perf_counter() - start
    finally:
        db.close_database()


def package_rows(packages: list[str]) -> list[list[tuple[str, list[str], list[tuple]]]]:
    """Per package, (table, columns, rows) of every data member, parsed before the plain timing starts."""
    per_package = []
    for package in packages:
        found = []
        per_package.append(found)
        with zipfile.ZipFile(package) as archive:
            for name in archive.namelist():
                if name.startswith("data/") and name.endswith(".jsonl"):
                    records = [json.loads(line) for line in archive.read(name).decode().splitlines() if line]
                    if records:
                        columns = list(records[0])
                        found.append((name[5:-6], columns, [tuple(r[c] for c in columns) for r in records]))
    return per_package


def import_plain(
    db_path: Path, per_package: list[list[tuple[str, list[str], list[tuple]]]], one_transaction: bool = False
) -> float:
    """Plain executemany of every package's rows: one transaction per package, or one for all."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        start = time.perf_counter()
        batches = [[t for tables in per_package for t in tables]] if one_transaction else per_package
        for tables in batches:
            with conn:
                for table, columns, rows in tables:
                    marks = ", ".join("?" * len(columns))
                    conn.executemany(f'INSERT OR REPLACE INTO "{table}" ({", ".join(columns)}) VALUES ({marks})', rows)
        return time.perf_counter() - start
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", "--villages", dest="villages", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache", help="folder of the packages")
    parser.add_argument(
        "--server",
        default=os.environ.get("FULIAN_TEST_SERVER"),
        help="postgresql:// URL of a database to create the server's databases from (default: $FULIAN_TEST_SERVER)",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="only the server figures")
    args = parser.parse_args()
    start = time.perf_counter()
    packages = cached_packages(args.cache, args.villages)
    print(f"{len(packages)} packages ready in {args.cache}, in {time.perf_counter() - start:.0f} s")
    if not args.no_sqlite:
        sqlite_figures(packages, args.rounds)
    if args.server:
        from bench import import_server

        if not import_server.run(args.server, packages, args.rounds, COUNTY, "长沙县"):
            sys.exit(1)


def sqlite_figures(packages: list[str], rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tables = package_rows(packages)
        rows = sum(len(r) for package in tables for _t, _c, r in package)
        print(f"{len(packages)} packages, {rows} rows")
        ours, plain, single, again = [], [], [], []
        for round_ in range(rounds):
            ours_db, plain_db = folder / f"ours{round_}.sqlite3", folder / f"plain{round_}.sqlite3"
            single_db = folder / f"single{round_}.sqlite3"
            fresh_county(ours_db)
            fresh_county(plain_db)
            fresh_county(single_db)
            ours.append(import_ours(ours_db, packages))
            plain.append(import_plain(plain_db, tables))
            single.append(import_plain(single_db, tables, one_transaction=True))
            again.append(import_ours(ours_db, packages))
    o, p, a = statistics.median(ours), statistics.median(plain), statistics.median(again)
    s = statistics.median(single)
    print(
        f"import: ours {o:.2f} s, plain sqlite3 {p:.2f} s (one transaction for all packages: {s:.2f} s), "
        f"re-import {a:.2f} s (medians of {rounds})"
    )
    print(f"for information, ours vs plain sqlite3 in one transaction for all packages: ratio {o / s:.2f}")
    print(f"importing {len(packages)} village packages vs plain sqlite3 executemany: ratio {o / p:.2f} (goal <= 3)")
    print(f"re-importing the same {len(packages)} packages vs the first import: ratio {a / o:.2f} (goal <= 0.2)")


if __name__ == "__main__":
    main()
