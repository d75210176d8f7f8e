#!/usr/bin/env python3
"""Build the fonts for rare name characters: LedgerHanExt.ttf.xz and LedgerHanExtGH.ttf.xz.

Why these files exist
---------------------
Noto Sans SC and Droid Sans Fallback stop at CJK Extension A, so a name such
as 吕𡒄 (U+21484, CJK Extension B) printed as a box. Household registers and
GB 18030-2022 use Extensions B–H.

- "Ledger Han Ext" (LedgerHanExt.ttf.xz): HanaMinB (Hanazono Mincho B,
  Debian package ``fonts-hanazono`` 20170904, GlyphWiki Project; TrueType
  ``glyf`` outlines, which reportlab can embed) cut to Extensions B–F, which
  it draws all but 48 of, plus the 542 CJK Compatibility Ideographs
  Supplement characters (U+2F800–2FA1F) from HanaMinA of the same package.
  About 61,000 glyphs: one TrueType font holds at most 65,535, so
  Extensions G and H (2020, 2022), which Hanazono predates, go in a second font.
- "Ledger Han Ext GH" (LedgerHanExtGH.ttf.xz): BabelStone Han 15.0.5 (Debian
  ``fonts-babelstone-han``, Arphic Public License) cut to Extensions G and H,
  of which it draws about three in five, and to the few characters of
  Extensions B–F and the supplement that HanaMin lacks and it has.

A character neither draws is still named before printing (forms/fonts.py).
Hinting, vertical metrics and layout tables are dropped; both are shipped
xz-compressed (tools/fontpack.py) and unpacked once into the user's cache
folder the first time a text needs them (forms/font_files.py).

The families are renamed: the Hanazono fonts are dual-licensed under the
Hanazono Font License or the SIL OFL 1.1, and the OFL reserves the names
"HanaMinA"/"HanaMinB" for unmodified fonts; the Arphic Public License asks a
modified font to be named as modified.

Usage (from the repository root; needs fontTools from requirements-dev.txt
and ``apt-get install fonts-hanazono fonts-babelstone-han``)::

    python tools/make_rare_font.py

The output is deterministic for given inputs (timestamps are copied from the
sources, xz preset 9): rebuilt, it is byte for byte the committed files.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fontpack import pack

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "resources" / "fonts"
HANAZONO = Path("/usr/share/fonts/truetype/hanazono")
BABELSTONE = Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")
HANAZONO_COPYRIGHT = Path("/usr/share/doc/fonts-hanazono/copyright")
BABELSTONE_COPYRIGHT = Path("/usr/share/doc/fonts-babelstone-han/copyright")

# Code point blocks (Unicode 15.1).
EXT_B_TO_F = (
    (0x20000, 0x2A6DF),  # B
    (0x2A700, 0x2B73F),  # C
    (0x2B740, 0x2B81F),  # D
    (0x2B820, 0x2CEAF),  # E
    (0x2CEB0, 0x2EBEF),  # F
)
COMPAT_SUPPLEMENT = ((0x2F800, 0x2FA1F),)
EXT_G_TO_H = ((0x30000, 0x3134F), (0x31350, 0x323AF))

MAIN = ("Ledger Han Ext", "LedgerHanExt-Regular", "LedgerHanExt.ttf.xz")
GH = ("Ledger Han Ext GH", "LedgerHanExtGH-Regular", "LedgerHanExtGH.ttf.xz")


def _codes(font: TTFont, ranges: Iterable[tuple[int, int]]) -> set[int]:
    return {c for c in font.getBestCmap() if any(first <= c <= last for first, last in ranges)}


def _subset(path: Path, codes: Iterable[int]) -> TTFont:
    font = TTFont(path, recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False  # reportlab ignores it; Qt hints itself
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["vhea", "vmtx", "BASE", "FFTM", "GDEF", "GSUB", "GPOS", "DSIG", "meta"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codes))
    subsetter.subset(font)
    return font


def _add_glyphs(target: TTFont, source: TTFont) -> int:
    """Copy every mapped simple glyph of ``source`` into ``target`` (same em)."""
    assert target["head"].unitsPerEm == source["head"].unitsPerEm
    order = list(target.getGlyphOrder())
    glyf, hmtx = target["glyf"], target["hmtx"]
    added = 0
    for code, name in sorted(source.getBestCmap().items()):
        glyph = source["glyf"][name]
        if glyph.isComposite():
            continue  # its components are not copied; none are composite in HanaMinA 20170904
        new = f"u{code:X}"
        order.append(new)
        glyf.glyphs[new] = glyph
        hmtx.metrics[new] = source["hmtx"].metrics[name]
        for table in target["cmap"].tables:
            if table.isUnicode() and table.format in (12, 13):
                table.cmap[code] = new
        added += 1
    glyf.glyphOrder = order
    target.setGlyphOrder(order)
    target["maxp"].numGlyphs = len(order)
    return added


def _rename(font: TTFont, family: str, postscript: str) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 18):
            names.removeNames(nameID=record.nameID)
    for name_id, value in ((1, family), (2, "Regular"), (3, f"{postscript};subset"), (4, family), (6, postscript)):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)


def _save(font: TTFont, names: tuple[str, str, str], out_dir: Path) -> None:
    family, postscript, filename = names
    _rename(font, family, postscript)
    font["OS/2"].fsType = 0  # installable embedding, as the sources
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    out = out_dir / filename
    pack(data, out)
    print(
        f"{filename}: {len(font.getBestCmap())} characters, {font['maxp'].numGlyphs} glyphs, "
        f"{len(data) / 1e6:.1f} MB as TrueType, {out.stat().st_size / 1e6:.1f} MB as xz"
    )


def build(out_dir: Path = OUT_DIR) -> None:
    hana_b = HANAZONO / "HanaMinB.ttf"
    hana_a = HANAZONO / "HanaMinA.ttf"
    main = _subset(hana_b, _codes(TTFont(hana_b, lazy=True), EXT_B_TO_F))
    supplement = _subset(hana_a, _codes(TTFont(hana_a, lazy=True), COMPAT_SUPPLEMENT))
    _add_glyphs(main, supplement)
    drawn = set(main.getBestCmap())
    _save(main, MAIN, out_dir)

    babel = TTFont(BABELSTONE, lazy=True)
    gaps = _codes(babel, EXT_B_TO_F + COMPAT_SUPPLEMENT) - drawn
    gh = _subset(BABELSTONE, _codes(babel, EXT_G_TO_H) | gaps)
    print(f"  {len(gaps)} characters of Extensions B–F and the supplement from BabelStone Han")
    _save(gh, GH, out_dir)

    (out_dir / "LICENSE-Hanazono.txt").write_text(HANAZONO_COPYRIGHT.read_text(encoding="utf-8"), encoding="utf-8")
    (out_dir / "LICENSE-BabelStoneHan.txt").write_text(
        BABELSTONE_COPYRIGHT.read_text(encoding="utf-8"), encoding="utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    build(parser.parse_args().out_dir)


if __name__ == "__main__":
    main()
