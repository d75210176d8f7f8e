#!/usr/bin/env python3
"""Build resources/data/rare_chars.tsv.gz, the table behind the rare-character finder.

Why this script exists
----------------------
A name such as 吕𡒄 (U+21484, CJK Extension B) cannot be typed with an
ordinary input method, and pypinyin and strokes.txt do not know every such
character. The finder (``models/rare_chars.py``) looks characters up by
reading, by code and by radical plus remaining strokes; the people list
falls back to the same table for pinyin keys and stroke counts.

Source: **Unihan** (Unicode 15.0.0, Debian package ``unicode-data``,
``/usr/share/unicode``):

- ``Unihan_Readings.txt.bz2``: ``kMandarin`` first (the usual reading),
  then the other readings of ``kHanyuPinyin``, ``kXHC1983`` and
  ``kTGHZ2013``, in that order, duplicates dropped;
- ``Unihan_IRGSources.txt.bz2``: ``kTotalStrokes`` (first value, the
  simplified-Chinese count per UAX #38) and ``kRSUnicode`` (radical.strokes,
  ``'`` marking a simplified radical such as 讠);
- ``CJKRadicals.txt``: the character of each radical number.

Characters kept: CJK Extensions A to H and the compatibility ideographs
that have a Mandarin reading. Characters without a reading stay findable by
code (no table needed) but would triple the file for no search by sound.

Besides the characters, the table names the radical forms a user may type
(氵 亻 扌 讠 ...: every unified ideograph Unihan gives 0 remaining strokes,
plus each radical's own character), so "氵5" finds a radical.

Format (UTF-8, gzip, one record per line, fields separated by tabs)::

    c <hex code> <total strokes> <radical.strokes ...> <reading ...>
    r <radical character> <radical number>

Usage (from the repository root)::

    python tools/make_rare_chars.py [--unihan-dir /usr/share/unicode]

Output is deterministic (gzip without a timestamp).
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "resources" / "data" / "rare_chars.tsv.gz"
DEFAULT_UNIHAN_DIR = Path("/usr/share/unicode")

# Extension A, B-H and the two compatibility ideograph blocks.
RANGES = (
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2EBEF),
    (0x30000, 0x323AF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)
URO = (0x4E00, 0x9FFF)
READING_FIELDS = ("kMandarin", "kHanyuPinyin", "kXHC1983", "kTGHZ2013")


def read_fields(path: Path, names: tuple[str, ...]) -> dict[str, dict[int, str]]:
    values: dict[str, dict[int, str]] = {name: {} for name in names}
    with bz2.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            code, name, value = line.rstrip("\n").split("\t", 2)
            if name in values:
                values[name][int(code[2:], 16)] = value
    return values


def readings_of(fields: dict[str, dict[int, str]], cp: int) -> list[str]:
    """Readings in order of preference, each once."""
    found: list[str] = []
    for name in READING_FIELDS:
        value = fields[name].get(cp)
        if not value:
            continue
        for entry in value.split():
            # kHanyuPinyin etc.: "10492.100:lǎn,lán"; kMandarin: plain readings.
            for reading in entry.rsplit(":", 1)[-1].split(","):
                reading = reading.strip()
                if reading and reading not in found:
                    found.append(reading)
    return found


def in_ranges(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in RANGES)


def radical_forms(unihan_dir: Path, rs: dict[int, str]) -> dict[str, str]:
    """Typed radical character -> radical number ("85", "149'")."""
    forms: dict[str, str] = {}
    for line in (unihan_dir / "CJKRadicals.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        number, radical, unified = (part.strip() for part in line.split(";"))
        for code in (radical, unified):
            if code:
                forms.setdefault(chr(int(code, 16)), number)
    for cp, value in rs.items():
        if URO[0] <= cp <= URO[1] or in_ranges(cp):
            for item in value.split():
                number, _, rest = item.partition(".")
                if rest == "0":
                    forms.setdefault(chr(cp), number)
    return forms


def build(unihan_dir: Path, out: Path) -> None:
    readings = read_fields(unihan_dir / "Unihan_Readings.txt.bz2", READING_FIELDS)
    sources = read_fields(unihan_dir / "Unihan_IRGSources.txt.bz2", ("kTotalStrokes", "kRSUnicode"))
    totals, rs = sources["kTotalStrokes"], sources["kRSUnicode"]
    rows: list[str] = []
    for cp in sorted(set(readings["kMandarin"]) | set(readings["kHanyuPinyin"])):
        if not in_ranges(cp):
            continue
        read = readings_of(readings, cp)
        total = totals.get(cp, "").split()
        if not read or not total:
            continue
        rows.append(f"c\t{cp:X}\t{total[0]}\t{rs.get(cp, '')}\t{' '.join(read)}")
    forms = radical_forms(unihan_dir, rs)
    rows += [f"r\t{char}\t{forms[char]}" for char in sorted(forms)]
    text = "\n".join(rows) + "\n"
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    out.write_bytes(buffer.getvalue())
    count = sum(1 for row in rows if row.startswith("c"))
    print(f"{out}: {count} characters, {len(forms)} radical forms, {len(buffer.getvalue())} bytes")


def check_version(unihan_dir: Path) -> str:
    with bz2.open(unihan_dir / "Unihan_Readings.txt.bz2", "rt", encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r"# Unicode version: (\S+)", line)
            if match:
                return match.group(1)
    raise SystemExit("no 'Unicode version' line in Unihan_Readings.txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--unihan-dir", type=Path, default=DEFAULT_UNIHAN_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    print(f"Unihan {check_version(args.unihan_dir)}")
    build(args.unihan_dir, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
