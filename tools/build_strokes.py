#!/usr/bin/env python3
"""Build resources/data/strokes.txt, the table behind surname stroke order.

Why this script exists
----------------------
Ballots and election results list candidates "按姓氏笔画排序": fewer strokes
first, equal counts by the strokes' shapes in the order 横 竖 撇 点 折
(GB13000.1 字符集汉字字序(笔画序)规范). That needs, per character, the total
stroke count and the stroke sequence reduced to those five classes. No single
openly licensed source has both for every character, so this script joins
two:

1. **Unihan** (Unicode 15.0.0, Debian package ``unicode-data``:
   ``/usr/share/unicode/Unihan_IRGSources.txt.bz2``), field
   ``kTotalStrokes``. Where it gives two values, the first is the one for
   simplified Chinese (UAX #38) and is the one kept. Characters taken: all of
   CJK Unified Ideographs U+4E00-9FFF and Extension A U+3400-4DBF, plus the
   characters beyond the BMP that ``kUnihanCore2020`` marks for China ("G"),
   i.e. the rare name characters of the 通用规范汉字表.
2. **cnchar-order** (npm, MIT licence): a JSON map from 6 939 common
   characters to their stroke order as letters (``王`` -> ``jjfj``), plus a
   table naming each letter's stroke. Each letter is mapped to the five
   classes the sorting standard uses: 横 1 (with 提), 竖 2 (with 竖钩),
   撇 3, 点 4 (with 捺 and the short dot), 折 5 (every other bent or hooked
   stroke). The mapping is derived from cnchar's own stroke table (its
   ``type`` 平笔/折笔 and ``name``) and checked to cover every letter used.
   A second digit per stroke keeps what the standard compares when all
   classes are equal ("先主后附", then the number of turns): 0 for a main
   form, 1 for an attached one (提 竖钩 捺), 1-4 for a 折's turns (cnchar's
   ``foldCount``).

The total count always comes from Unihan; where cnchar's sequence length
disagrees with it the sequence is still kept (it is only a tie-breaker among
characters of equal count) and the disagreement is printed.

Usage (from the repository root)::

    python tools/build_strokes.py                      # fetches cnchar-order with `npm pack`
    python tools/build_strokes.py --cnchar cnchar-order-3.2.6.tgz

Needs the Debian package ``unicode-data`` (``apt-get install unicode-data``)
and, without ``--cnchar``, ``npm``. Output is deterministic for given inputs.
It rewrites ``strokes.txt``, ``LICENSE-Unicode.txt`` and ``LICENSE-cnchar.txt``
in ``resources/data/``; ``README.md`` there is written by hand.
"""

from __future__ import annotations

import argparse
import bz2
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "resources" / "data"
DEFAULT_UNIHAN_DIR = Path("/usr/share/unicode")
UNICODE_COPYRIGHT = Path("/usr/share/doc/unicode-data/copyright")
CNCHAR_PACKAGE = "cnchar-order@3.2.6"

RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))

# Strokes cnchar calls 平笔 (straight) map by name; every 折笔 (bent) maps to 折
# except 竖钩, which the sorting standard counts as 竖.
FLAT_CLASSES = {"横": "1", "提": "1", "竖": "2", "撇": "3", "点": "4", "点2": "4", "捺": "4"}
BENT_EXCEPTIONS = {"竖钩": "2"}
# Second level, compared only when the classes are all equal: the standard puts
# main forms before attached ones (横 before 提, 竖 before 竖钩, 点 before 捺:
# 干 before 于) and bent strokes by their number of turns.
ATTACHED_FORMS = {"提", "竖钩", "捺"}


def read_unihan_field(path: Path, field: str) -> dict[int, str]:
    """Values of one Unihan field by code point."""
    values: dict[int, str] = {}
    with bz2.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            code, name, value = line.rstrip("\n").split("\t", 2)
            if name == field:
                values[int(code[2:], 16)] = value
    return values


def unihan_version(path: Path) -> str:
    with bz2.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r"# Unicode version: (\S+)", line)
            if match:
                return match.group(1)
            if not line.startswith("#"):
                break
    raise SystemExit(f"{path}: no 'Unicode version' line in the header")


def wanted_code_points(totals: dict[int, str], core: dict[int, str]) -> list[int]:
    points = {cp for cp in totals if any(lo <= cp <= hi for lo, hi in RANGES)}
    points |= {cp for cp, sources in core.items() if cp > 0xFFFF and "G" in sources and cp in totals}
    return sorted(points)


def fetch_cnchar(workdir: Path) -> Path:
    """Download the cnchar-order tarball with the npm client."""
    result = subprocess.run(
        ["npm", "pack", CNCHAR_PACKAGE, "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    name = result.stdout.strip().splitlines()[-1]
    return workdir / name


def read_cnchar(tarball: Path) -> tuple[dict[str, str], dict[str, dict], str, str]:
    """Stroke orders, stroke kinds, package version and licence text from the tarball."""
    with tarfile.open(tarball, "r:gz") as archive:

        def text(member: str) -> str:
            return archive.extractfile(f"package/{member}").read().decode("utf-8")

        package = json.loads(text("package.json"))
        script = text(package["main"])
        licence = text("LICENSE")
    blobs = re.findall(r"JSON\.parse\('(.*?)'\)", script, re.S)
    if len(blobs) < 2:
        raise SystemExit(f"{tarball}: expected two JSON tables in {package['main']}")
    orders = json.loads(blobs[0])
    kinds = json.loads(blobs[1])
    return orders, kinds, package["version"], licence


def stroke_classes(kinds: dict[str, dict]) -> dict[str, tuple[str, str]]:
    """Letter -> (class digit 1-5 for 横 竖 撇 点 折, form digit).

    The form digit is 0 for a main form, 1 for an attached one (提 竖钩 捺)
    and, for 折, the number of turns (1-4).
    """
    classes = {}
    for letter, kind in kinds.items():
        name = kind["name"]
        if name in BENT_EXCEPTIONS:
            digit = BENT_EXCEPTIONS[name]
        elif kind["type"] == "折笔":
            digit = "5"
        elif name in FLAT_CLASSES:
            digit = FLAT_CLASSES[name]
        else:
            raise SystemExit(f"cnchar stroke {letter!r} ({name}, {kind['type']}) has no class")
        if digit == "5":
            form = str(int(kind["foldCount"]))
        else:
            form = "1" if name in ATTACHED_FORMS else "0"
        classes[letter] = (digit, form)
    return classes


def build(unihan_dir: Path, tarball: Path, out_dir: Path) -> None:
    sources = unihan_dir / "Unihan_IRGSources.txt.bz2"
    totals = read_unihan_field(sources, "kTotalStrokes")
    core = read_unihan_field(unihan_dir / "Unihan_DictionaryLikeData.txt.bz2", "kUnihanCore2020")
    version = unihan_version(sources)
    orders, kinds, cnchar_version, cnchar_licence = read_cnchar(tarball)
    classes = stroke_classes(kinds)

    lines = [
        "# Surname stroke order table, generated by tools/build_strokes.py: do not edit.",
        f"# Total strokes: Unihan {version} kTotalStrokes (first value). "
        f"Stroke sequences: cnchar-order {cnchar_version}, mapped to 1 横 2 竖 3 撇 4 点 5 折.",
        "# char<TAB>total strokes[<TAB>stroke classes as digits 1-5<TAB>forms: 0 main,"
        " 1 attached (提 竖钩 捺), 1-4 turns of a 折]",
    ]
    with_sequence = 0
    disagreements = []
    points = wanted_code_points(totals, core)
    for cp in points:
        char = chr(cp)
        total = int(totals[cp].split()[0])
        order = orders.get(char)
        if order is None:
            lines.append(f"{char}\t{total}")
            continue
        unknown = set(order) - set(classes)
        if unknown:
            raise SystemExit(f"cnchar order of {char} uses unknown strokes {sorted(unknown)}")
        digits = "".join(classes[letter][0] for letter in order)
        forms = "".join(classes[letter][1] for letter in order)
        if len(digits) != total:
            disagreements.append(f"{char} U+{cp:04X}: Unihan {total}, cnchar {len(digits)}")
        lines.append(f"{char}\t{total}\t{digits}\t{forms}")
        with_sequence += 1
    missing = sorted(set(orders) - {chr(cp) for cp in points})

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "strokes.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out_dir / "LICENSE-cnchar.txt").write_text(cnchar_licence, encoding="utf-8")
    if UNICODE_COPYRIGHT.exists():
        (out_dir / "LICENSE-Unicode.txt").write_text(UNICODE_COPYRIGHT.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        print(f"warning: {UNICODE_COPYRIGHT} not found; LICENSE-Unicode.txt left as it is", file=sys.stderr)

    size = (out_dir / "strokes.txt").stat().st_size
    print(f"{len(points)} characters, {with_sequence} with a stroke sequence, {size} bytes")
    for line in disagreements:
        print(f"count disagreement (Unihan kept): {line}")
    if missing:
        print(f"cnchar characters outside the table: {''.join(missing)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--unihan-dir", type=Path, default=DEFAULT_UNIHAN_DIR, help="folder with Unihan_*.txt.bz2 (Debian unicode-data)"
    )
    parser.add_argument("--cnchar", type=Path, help=f"{CNCHAR_PACKAGE} tarball from `npm pack`; fetched when omitted")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        tarball = args.cnchar or fetch_cnchar(Path(workdir))
        build(args.unihan_dir, tarball, args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
