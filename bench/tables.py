"""The first rows of each table on a county database: our listings vs the same SQL in plain sqlite3.

The county database is ``main.py demo --units 300 --years 5`` (``bench/county.py``):
about 300 villages, their people and five years of activities. For each table
(people, activities, elections) with the scope of all units below, and
the county's own trainings, we time what its page asks first: the count and the first batch of
rows in the default order (``models.listing``; the elections page reads
``list_elections``). The same statements, as SQLite saw them run, run in
plain sqlite3 on the same file with the rows fetched as tuples. Several
rounds, alternating, medians; the ratio is ours / plain.

    python bench/tables.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from county import CODE, county_database

GOAL = 2.0
BATCH = 200  # the rows a lazy table asks for at once (gui/common/lazy_table.py)


def statements_of(name: str) -> tuple[Callable[[], object], list[str]]:
    """What our page calls for table ``name``, and the SQL statements (with parameters) it runs."""
    from models.elections import records as er
    from models.homes import ActivityListing
    from models.listing import ALL_BELOW, Scope
    from models.people import PeopleListing
    from models.training import TrainingListing

    scope = Scope(CODE, ALL_BELOW)
    if name == "elections":
        return (lambda: er.list_elections(scope)), traced(lambda: er.list_elections(scope))
    listing, key, descending = {
        "people": (PeopleListing(scope), "name", False),
        "activities": (ActivityListing(scope), "date", True),
        # A county's trainings are its own (it trains the villages' cadres): its page opens on them.
        "trainings": (TrainingListing(Scope(CODE)), "dates", True),
    }[name]

    def ours() -> object:
        return listing.count(), listing.page(key, descending, 0, BATCH)

    return ours, traced(ours)


def traced(run: Callable[[], object]) -> list[str]:
    """The SELECT statements ``run`` makes SQLite execute, with their parameters filled in."""
    from models.base import database

    found: list[str] = []
    database.connection().set_trace_callback(found.append)
    try:
        run()
    finally:
        database.connection().set_trace_callback(None)
    return [sql for sql in found if sql.lstrip().upper().startswith("SELECT")]


def plain(connection: sqlite3.Connection, statements: list[str]) -> None:
    for sql in statements:
        connection.execute(sql).fetchall()


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from models import db as dbmod

    with tempfile.TemporaryDirectory() as tmp:
        db = county_database(Path(tmp))
        dbmod.open_database(db)
        connection = sqlite3.connect(db)
        print(f"{'table':<12}{'ours (ms)':>12}{'plain (ms)':>12}{'ratio':>8}")
        worst = 0.0
        for name in ("people", "activities", "trainings", "elections"):
            ours, statements = statements_of(name)
            ours()  # warm the caches of both
            plain(connection, statements)
            mine, theirs = [], []
            for _ in range(args.rounds):
                mine.append(timed(ours))
                theirs.append(timed(partial(plain, connection, statements)))
            m, t = statistics.median(mine), statistics.median(theirs)
            worst = max(worst, m / t)
            print(f"{name:<12}{m * 1000:>12.1f}{t * 1000:>12.1f}{m / t:>8.2f}")
        connection.close()
        dbmod.close_database()
    print(f"worst ratio {worst:.2f} (goal <= {GOAL})")


if __name__ == "__main__":
    main()
