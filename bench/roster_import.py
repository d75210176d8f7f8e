"""Importing a roster of 100,000 rows against one of 10,000: the import should grow linearly.

    python bench/roster_import.py [--small 10000] [--large 100000] [--rounds 2]

Writes two .csv rosters of distinct women with valid ID numbers, then,
alternating rounds on fresh village databases, times read_roster() and
apply_roster() of each (what `import` does with a roster). Prints the median
time of the large file over the small one: a linear import gives about
large/small; the goal leaves room for the larger transaction and indexes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VILLAGE = "430121100201"
TODAY = _dt.date(2026, 11, 28)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "秀英桂兰玉梅红芳丽华霞燕萍敏静婷娟琴云凤"


def write_roster(path: Path, rows: int) -> None:
    from models.people import id_number_check_digit

    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f)
        out.writerow(["序号", "姓名", "性别", "出生年月", "身份证号", "工作单位及职务", "联系电话"])
        for i in range(rows):
            birth = _dt.date(1950, 1, 1) + _dt.timedelta(days=i % 18000)
            # Distinct numbers: the county and sequence parts vary with i.
            first17 = f"43{i // 1000 % 100:02d}21{birth:%Y%m%d}{i % 1000 // 2 * 2:03d}"
            name = SURNAMES[i % 20] + GIVEN[i // 20 % 20] + GIVEN[i // 400 % 20]
            out.writerow([i + 1, name, "女", f"{birth:%Y.%m}", first17 + id_number_check_digit(first17), "石门村", ""])


def import_once(path: Path, folder: Path) -> float:
    from models import db, roster_import, units

    database = folder / f"t{time.perf_counter_ns()}.sqlite3"
    db.open_database(database)
    try:
        units.set_own_unit(VILLAGE, "石门村")
        start = time.perf_counter()
        preview = roster_import.read_roster(path, VILLAGE, today=TODAY)
        written = roster_import.apply_roster(preview, VILLAGE)
        elapsed = time.perf_counter() - start
        assert written == len(preview.rows), (written, [str(p) for p in preview.problems[:3]])
    finally:
        db.close_database()
    database.unlink()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, large = folder / "small.csv", folder / "large.csv"
        write_roster(small, args.small)
        write_roster(large, args.large)
        times: dict[str, list[float]] = {"small": [], "large": []}
        for _round in range(args.rounds):
            times["small"].append(import_once(small, folder))
            times["large"].append(import_once(large, folder))
        s, lg = statistics.median(times["small"]), statistics.median(times["large"])
        goal = 12 * args.large / args.small / 10
        print(f"roster import {args.small:,} rows: {s:.2f} s; {args.large:,} rows: {lg:.2f} s")
        print(f"roster import {args.large:,} rows vs {args.small:,} rows: ratio {lg / s:.2f} (goal <= {goal:g})")


if __name__ == "__main__":
    main()
