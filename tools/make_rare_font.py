#!/usr/bin/env python3
"""Build resources/fonts/LedgerHanExt.ttf.xz, the font for rare name characters.

Why this file exists
--------------------
Noto Sans SC and Droid Sans Fallback stop at CJK Extension A, so a name such
as 吕𡒄 (U+21484, CJK Extension B) printed as a box. HanaMinB (Hanazono
Mincho B, Debian package ``fonts-hanazono``, GlyphWiki Project) is TrueType
(``glyf``), which reportlab can embed, and draws 42,711 of the 42,720
Extension B characters; HanaMinA of the same package draws the 542 CJK
Compatibility Ideographs Supplement characters (U+2F800–2FA1F).

Size decides the coverage. Measured subsets (hinting, vertical metrics and
layout tables dropped):

    Extension B (HanaMinB)                     22.0 MB, 9.2 MB as xz
    Extensions C–F (HanaMinB)                   8.6 MB
    Extensions G–H (BabelStone Han, partial)    4.2 MB
    Compatibility Supplement (HanaMinA)         0.24 MB

The installed program must stay under 150 MB and was 139.6 MB, so only
Extension B and the Compatibility Supplement are shipped, and only
xz-compressed: the program decompresses the file in memory the first time
a text needs it (forms/fonts.py, gui/resources.py). Extensions C–H are left
out; a character from them is still named before printing.

The family is renamed "Ledger Han Ext": the fonts are dual-licensed under the
Hanazono Font License or the SIL OFL 1.1, and the OFL reserves the names
"HanaMinA"/"HanaMinB" for unmodified fonts.

Usage (from the repository root; needs fontTools from requirements-dev.txt
and ``apt-get install fonts-hanazono``)::

    python tools/make_rare_font.py

The output is deterministic for given inputs (timestamps are copied from
HanaMinB, xz preset 9): rebuilt, it is byte for byte the committed file.
"""

from __future__ import annotations

import argparse
import io
import lzma
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT = REPO_ROOT / "resources" / "fonts" / "LedgerHanExt.ttf.xz"
HANAZONO = Path("/usr/share/fonts/truetype/hanazono")
COPYRIGHT = Path("/usr/share/doc/fonts-hanazono/copyright")

EXT_B = (0x20000, 0x2A6DF)
COMPAT_SUPPLEMENT = (0x2F800, 0x2FA1F)
FAMILY = "Ledger Han Ext"
POSTSCRIPT = "LedgerHanExt-Regular"


def _subset(path: Path, first: int, last: int) -> TTFont:
    font = TTFont(path, recalcTimestamp=False)
    codes = [c for c in font.getBestCmap() if first <= c <= last]
    options = subset.Options()
    options.hinting = False  # reportlab ignores it; Qt hints itself
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["vhea", "vmtx", "BASE", "FFTM", "GDEF", "GSUB", "GPOS"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
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


def _rename(font: TTFont) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 18):
            names.removeNames(nameID=record.nameID)
    for name_id, value in ((1, FAMILY), (2, "Regular"), (3, f"{POSTSCRIPT};subset"), (4, FAMILY), (6, POSTSCRIPT)):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)


def build(out: Path = OUT) -> None:
    font = _subset(HANAZONO / "HanaMinB.ttf", *EXT_B)
    extra = _subset(HANAZONO / "HanaMinA.ttf", *COMPAT_SUPPLEMENT)
    added = _add_glyphs(font, extra)
    _rename(font)
    font["OS/2"].fsType = 0  # installable embedding, as the source
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    out.write_bytes(lzma.compress(data, format=lzma.FORMAT_XZ, preset=9))
    print(
        f"{out.name}: {len(font.getBestCmap())} characters ({added} from HanaMinA), "
        f"{len(data) / 1e6:.1f} MB as TrueType, {out.stat().st_size / 1e6:.1f} MB as xz"
    )
    licence = out.parent / "LICENSE-Hanazono.txt"
    licence.write_text(COPYRIGHT.read_text(encoding="utf-8"), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
