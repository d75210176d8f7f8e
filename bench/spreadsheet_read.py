"""Reading a 20,000-row roster: openpyxl against calamine, time and peak memory side by side.

    python bench/spreadsheet_read.py [--rows 20000] [--rounds 3]

Writes a roster .xlsx (and, when LibreOffice's soffice is on the PATH, the
same roster as .xls and .ods), then reads every row of it in a fresh process
for each reader and round, as an import does (models.spreadsheets: openpyxl's
read-only mode for .xlsx, calamine for .xls and .ods, each with its checks
before reading). Prints the median time, the peak resident memory above the
process's own after imports, and calamine's ratio to openpyxl on the .xlsx.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "秀英桂兰玉梅红芳丽华霞燕萍敏静婷娟琴云凤"
HEADER = ["序号", "姓名", "性别", "民族", "出生年月", "身份证号码", "文化程度", "政治面貌", "职务", "联系电话", "备注"]


def write_roster(path: Path, rows: int) -> None:
    import openpyxl

    from models.people import id_number_check_digit

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("执委名册")
    sheet.append(["××村妇联执行委员会成员名册"])
    sheet.append([])
    sheet.append(HEADER)
    for i in range(rows):
        birth = _dt.date(1950, 1, 1) + _dt.timedelta(days=i % 18000)
        first17 = f"43{i // 1000 % 100:02d}21{birth:%Y%m%d}{i % 1000 // 2 * 2:03d}"
        name = SURNAMES[i % 20] + GIVEN[i // 20 % 20] + GIVEN[i // 400 % 20]
        sheet.append(
            [
                i + 1,
                name,
                "女",
                "汉族",
                _dt.datetime(birth.year, birth.month, 1) if i % 2 else f"{birth:%Y.%m}",
                first17 + id_number_check_digit(first17),
                "高中",
                "中共党员",
                "执委",
                13800000000 + i,
                "",
            ]
        )
    workbook.save(path)


def child(reader: str, path: str) -> None:
    """Run in a fresh process: read every row, print seconds and peak memory (KiB) as JSON."""
    import resource

    import openpyxl  # noqa: F401  (imports are not what is measured)
    import python_calamine  # noqa: F401

    from models import spreadsheets

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    file = Path(path)
    kind = spreadsheets._content_kind(file, file.read_bytes()[:4096])  # with the unpacked-size check
    if reader == "openpyxl":
        sheets = spreadsheets._xlsx_sheets(file)
    else:
        if kind == "ods":
            spreadsheets._check_ods_extent(file)
        elif kind == "xls":
            spreadsheets._check_xls_extent(file)
        sheets = spreadsheets._calamine_sheets(file, kind)
    kept = [list(rows) for _name, rows in sheets]  # an import keeps every row of its sheet
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "kib": peak - base, "rows": sum(len(k) for k in kept)}))


def measure(reader: str, path: Path, rounds: int) -> tuple[float, float, int]:
    runs = []
    for _ in range(rounds):
        out = subprocess.run(
            [sys.executable, __file__, "--child", reader, str(path)], check=True, capture_output=True, text=True
        ).stdout
        runs.append(json.loads(out))
    return (
        statistics.median(r["seconds"] for r in runs),
        statistics.median(r["kib"] for r in runs) / 1024,
        runs[0]["rows"],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx = folder / "roster.xlsx"
        write_roster(xlsx, args.rows)
        files = [("openpyxl", xlsx), ("calamine", xlsx)]
        soffice = shutil.which("soffice")
        if soffice:
            for fmt in ("xls", "ods"):
                subprocess.run(
                    [soffice, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless"]
                    + ["--convert-to", fmt, "--outdir", str(folder), str(xlsx)],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )
                files.append(("calamine", folder / f"roster.{fmt}"))
        results = {}
        print(f"{args.rows:,} rows, median of {args.rounds} fresh processes each")
        print(f"{'reader':<10} {'file':<6} {'size':>8} {'rows':>7} {'seconds':>8} {'peak MiB':>9}")
        for reader, path in files:
            seconds, mib, rows = measure(reader, path, args.rounds)
            results[(reader, path.suffix)] = (seconds, mib)
            size = path.stat().st_size / 1024
            print(f"{reader:<10} {path.suffix:<6} {size:>6.0f}KB {rows:>7,} {seconds:>8.2f} {mib:>9.1f}")
        (o_s, o_m), (c_s, c_m) = results[("openpyxl", ".xlsx")], results[("calamine", ".xlsx")]
        print(f"calamine / openpyxl on .xlsx: time {c_s / o_s:.2f}, peak memory {c_m / o_m:.2f}")
        if not soffice:
            print("(soffice not found: .xls and .ods not measured)")


if __name__ == "__main__":
    main()
