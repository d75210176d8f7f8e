#!/usr/bin/env python3
"""Build the fonts bundled in resources/fonts/.

Why this script exists
----------------------
The PDF reports are drawn with reportlab, whose ``TTFont`` only understands
TrueType outlines (a ``glyf`` table with quadratic curves). Noto Sans CJK is
only published with CFF (PostScript, cubic) outlines, as ``.otf``/``.ttc``,
and reportlab refuses those ("postscript outlines are not supported").
reportlab also has no per-glyph font fallback, so every character a report
may contain has to be in the font that draws it.

So this script:

1. picks the "Noto Sans CJK SC" face out of the Debian ``.ttc`` collections
   (package fonts-noto-cjk), checking the name table rather than trusting the
   face index;
2. subsets it to the characters a ledger needs (Latin, punctuation, form
   symbols, the whole CJK Unified Ideographs block U+4E00-U+9FFF) so the
   files stay small enough to ship, dropping hinting, vertical metrics and
   OpenType layout tables that neither reportlab nor our Qt UI needs;
3. converts the CFF outlines to TrueType ``glyf`` outlines (cubic -> quadratic
   with fontTools' cu2qu, the approach of fontTools' ``snippets/otf2ttf.py``);
4. renames the result to the family "Noto Sans SC" (styles Regular / Bold,
   RIBBI-style naming) so Qt's QFontDatabase sees one family with a real
   bold face;
5. subsets Droid Sans Fallback Full (package fonts-droid-fallback, already
   TrueType) to the characters the Noto subset lacks (CJK Extension A, e.g.
   U+4DAE, and a few symbols): it is only ever drawn for those, so the
   rest of it is dead weight in the installed program (4.0 MB → 1.2 MB);
6. packs each font with xz (tools/fontpack.py: about half the size; the
   program unpacks them once into the user's cache folder,
   forms/font_files.py);
7. writes the licence texts next to the fonts.

The same fonts are registered with Qt (QFontDatabase.addApplicationFont), so
screen and PDF use identical glyphs.

Usage (from the repository root)::

    python tools/build_fonts.py

Requires fontTools (pinned in requirements-dev.txt). The output is
deterministic for given inputs: timestamps are copied from the source fonts.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
import time
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fontpack import pack

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "resources" / "fonts"

DEBIAN_NOTO_REGULAR = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEBIAN_NOTO_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
DEBIAN_DROID = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
DEBIAN_NOTO_COPYRIGHT = "/usr/share/doc/fonts-noto-cjk/copyright"
DEBIAN_DROID_COPYRIGHT = "/usr/share/doc/fonts-droid-fallback/copyright"
DEBIAN_APACHE_LICENSE = "/usr/share/common-licenses/Apache-2.0"

# The face to take from the collection, matched on name ID 1 (Windows, en-US).
SOURCE_FAMILY = "Noto Sans CJK SC"
# The family name of the converted fonts, as Qt will report it.
TARGET_FAMILY = "Noto Sans SC"

# Maximum deviation, in font units (1000 per em), allowed when approximating
# a cubic curve with quadratic ones. 1.0 is what fontTools' otf2ttf uses;
# invisible at any text size.
DEFAULT_MAX_ERR = 1.0

# Unicode ranges kept in the Noto subset (inclusive). Code points the font
# does not have are simply skipped.
UNICODE_RANGES: list[tuple[int, int, str]] = [
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement (incl. × ÷ · ¥ §)"),
    (0x0100, 0x017F, "Latin Extended-A (pinyin tone marks ā ē ī ō ū)"),
    (0x01CD, 0x01DC, "Latin Extended-B pinyin (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ)"),
    (0x02C6, 0x02DD, "Spacing modifiers (ˇ ˉ ˊ ˋ ˙)"),
    (0x2000, 0x206F, "General Punctuation (— ‘ ’ “ ” … ‰ ※)"),
    (0x20A0, 0x20CF, "Currency Symbols"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ № ℡)"),
    (0x2150, 0x218F, "Number Forms (Roman numerals Ⅰ Ⅱ Ⅲ)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators (√ ≤ ≥ ≠ ±)"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (① ⑴ ⒈)"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x25A0, 0x25FF, "Geometric Shapes (□ ■ ○ ● △ ◇)"),
    (0x2600, 0x26FF, "Miscellaneous Symbols (★ ☆)"),
    (0x2700, 0x27BF, "Dingbats (✓ ✔ ✗ ✘)"),
    (0x2E80, 0x2EFF, "CJK Radicals Supplement"),
    (0x2F00, 0x2FDF, "Kangxi Radicals (often pasted from PDFs)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x30FB, 0x30FB, "Katakana middle dot ・ (used in minority names)"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months (㈠ ㈡ ㊣)"),
    (0x3300, 0x33FF, "CJK Compatibility (㎡ ㎏ ㎝)"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xFE10, 0xFE1F, "Vertical Forms"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFE50, 0xFE6F, "Small Form Variants"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
    (0xFFFD, 0xFFFD, "Replacement character"),
]

# Characters that must survive; the build fails if one is missing.
REQUIRED_CHARS = "执委会成员名册张晓红欧阳刘□■○●√✓×①⑳，。、：；！？（）《》【】“”—…·￥"

# Tables kept in the converted fonts. Everything else (CFF, VORG, BASE,
# vhea/vmtx, GDEF/GSUB) is dropped: reportlab ignores layout tables, and our
# UI only sets horizontal text. GPOS is kept with just the 'kern' feature
# (proportional Latin kerning, which Qt applies by default) because it is
# cheap.
KEEP_TABLES = {
    "cmap",
    "glyf",
    "loca",
    "head",
    "hhea",
    "hmtx",
    "maxp",
    "name",
    "OS/2",
    "post",
    "gasp",
    "GPOS",
    "GDEF",
}
LAYOUT_FEATURES = ["kern"]


def log(msg: str) -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------
# Source selection
# --------------------------------------------------------------------------


def english_name(font: TTFont, name_id: int) -> str | None:
    rec = font["name"].getName(name_id, 3, 1, 0x409)
    return rec.toUnicode() if rec is not None else None


def open_sc_face(path: str) -> TTFont:
    """Return the 'Noto Sans CJK SC' face of a .ttc (or a plain .otf)."""
    if path.lower().endswith((".ttc", ".otc")):
        faces = TTCollection(path).fonts  # tables are read on demand
    else:
        faces = [TTFont(path)]
    for index, face in enumerate(faces):
        if english_name(face, 1) == SOURCE_FAMILY:
            log(
                f"  {path}: face #{index} is {SOURCE_FAMILY!r} "
                f"({english_name(face, 6)}, version {english_name(face, 5)})"
            )
            # Re-open the single face on its own, fully loaded, independent
            # of the collection object.
            return TTFont(path, fontNumber=index, lazy=False)
    names = [english_name(f, 1) for f in faces]
    raise SystemExit(f"{path}: no face named {SOURCE_FAMILY!r} (found {names})")


def wanted_codepoints(font: TTFont) -> set[int]:
    cmap = font.getBestCmap()
    wanted = set()
    for first, last, _label in UNICODE_RANGES:
        wanted.update(cp for cp in range(first, last + 1) if cp in cmap)
    return wanted


# --------------------------------------------------------------------------
# Subsetting
# --------------------------------------------------------------------------


def subset_font(font: TTFont, codepoints: set[int]) -> None:
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.hinting = False  # CFF hints are meaningless after conversion
    options.desubroutinize = True  # we redraw every glyph anyway
    options.notdef_outline = True  # keep the .notdef box
    options.glyph_names = False
    options.name_IDs = ["*"]  # names are rewritten below
    options.name_languages = ["*"]
    options.name_legacy = True
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx", "GSUB"]
    options.prune_unicode_ranges = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    for tag in list(font.keys()):
        if tag != "GlyphOrder" and tag not in KEEP_TABLES and tag != "CFF ":
            del font[tag]


# --------------------------------------------------------------------------
# CFF -> TrueType (after fontTools Snippets/otf2ttf.py)
# --------------------------------------------------------------------------


def cff_to_glyf(font: TTFont, max_err: float) -> None:
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise SystemExit("expected a font with CFF outlines")
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()

    quad_glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        # reverse_direction: CFF contours run counter-clockwise, TrueType
        # contours clockwise.
        cu2qu_pen = Cu2QuPen(tt_pen, max_err, reverse_direction=True)
        glyph_set[name].draw(cu2qu_pen)
        quad_glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quad_glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)

    # Left side bearings must equal the glyph's xMin in TrueType.
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    # maxp version 1.0 (TrueType), no hinting: zeros for the hint limits.
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(len(getattr(g, "components", []) or []) for g in glyf.glyphs.values())
    maxp.compile(font)  # fills numGlyphs, maxPoints, maxContours, ...

    # post format 3: no glyph names (CID fonts only had "cidNNNNN" anyway).
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"

    # Unhinted TrueType: ask rasterizers for grayscale + symmetric smoothing
    # at every size.
    gasp = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000F}
    font["gasp"] = gasp


# --------------------------------------------------------------------------
# Naming
# --------------------------------------------------------------------------


def rename(font: TTFont, style: str) -> None:
    """Give the font RIBBI names: family 'Noto Sans SC', style Regular/Bold."""
    name = font["name"]
    version = english_name(font, 5) or ""
    m = re.search(r"(\d+\.\d+)", version)
    version_number = m.group(1) if m else "0.000"
    ps_name = f"{TARGET_FAMILY.replace(' ', '')}-{style}"
    full_name = TARGET_FAMILY if style == "Regular" else f"{TARGET_FAMILY} {style}"

    # Drop every family/style/full/PS/unique name (including the zh-CN
    # localized "Noto Sans CJK SC" entries, which would otherwise show up as
    # a second family name in Qt) and the typographic names 16/17.
    name.names = [n for n in name.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    new = {
        1: TARGET_FAMILY,
        2: style,
        3: f"{version_number};GOOG;{ps_name};fulian-ledger-ttf",
        4: full_name,
        5: f"Version {version_number}; TrueType conversion of Noto Sans CJK SC (subset) by tools/build_fonts.py",
        6: ps_name,
    }
    for name_id, text in new.items():
        name.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, en-US
        name.setName(text, name_id, 1, 0, 0)  # Macintosh Roman, English
    # Keep only Windows en-US and Mac English records for the remaining ids.
    name.names = [n for n in name.names if (n.platformID, n.platEncID, n.langID) in ((3, 1, 0x409), (1, 0, 0))]

    os2 = font["OS/2"]
    head = font["head"]
    # fsType 0 = installable embedding (Noto already has 0); reportlab refuses
    # fonts that forbid embedding.
    os2.fsType = 0
    if style == "Bold":
        os2.usWeightClass = 700
        os2.fsSelection = (os2.fsSelection & ~0b1100001) | (1 << 5)  # BOLD
        head.macStyle = (head.macStyle & ~0b10) | 0b1
    else:
        os2.usWeightClass = 400
        os2.fsSelection = (os2.fsSelection & ~0b1100001) | (1 << 6)  # REGULAR
        head.macStyle = head.macStyle & ~0b11


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------


def build_noto(src: str, style: str, out_path: Path, max_err: float) -> None:
    log(f"{style}: reading {src}")
    t0 = time.perf_counter()
    font = open_sc_face(src)
    source_cmap = font.getBestCmap()
    codepoints = wanted_codepoints(font)
    log(f"  keeping {len(codepoints)} code points")

    subset_font(font, codepoints)
    log(f"  subset to {len(font.getGlyphOrder())} glyphs ({time.perf_counter() - t0:.1f}s)")

    cff_to_glyf(font, max_err)
    log(f"  converted CFF -> glyf ({time.perf_counter() - t0:.1f}s)")

    rename(font, style)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    font.recalcTimestamp = False  # deterministic output
    font.save(str(out_path), reorderTables=True)
    log(f"  wrote {out_path} ({out_path.stat().st_size / 1e6:.2f} MB, {time.perf_counter() - t0:.1f}s)")

    verify_noto(out_path, codepoints, source_cmap)


def verify_noto(path: Path, codepoints: set[int], source_cmap: dict) -> None:
    font = TTFont(str(path))
    problems = []
    if font.sfntVersion != "\x00\x01\x00\x00" or "glyf" not in font:
        problems.append("not a TrueType-outline font")
    if "CFF " in font:
        problems.append("still has a CFF table")
    cmap = font.getBestCmap()
    missing = sorted(cp for cp in codepoints if cp not in cmap)
    if missing:
        problems.append(f"{len(missing)} code points lost, e.g. " + " ".join(f"U+{cp:04X}" for cp in missing[:10]))
    absent = [c for c in REQUIRED_CHARS if ord(c) not in cmap]
    if absent:
        problems.append(f"required characters missing: {''.join(absent)}")
    glyf = font["glyf"]
    empty = [c for c in "张晓红" if glyf[cmap[ord(c)]].numberOfContours <= 0]
    if empty:
        problems.append(f"empty outlines for {''.join(empty)}")
    if problems:
        raise SystemExit(f"{path}: " + "; ".join(problems))
    cjk = sum(1 for cp in cmap if 0x4E00 <= cp <= 0x9FFF)
    src_cjk = sum(1 for cp in source_cmap if 0x4E00 <= cp <= 0x9FFF)
    log(
        f"  verified: {len(cmap)} code points, {cjk}/{src_cjk} of U+4E00-9FFF, "
        f"family {english_name(font, 1)!r} style {english_name(font, 2)!r}"
    )


def subset_droid(src: str, out_path: Path, main_path: Path) -> None:
    """Droid Sans Fallback, cut to the code points the main font (``main_path``) lacks.

    Qt and forms/fonts.py use it only for characters Noto Sans SC has not, so
    the result draws exactly what the full font drew for them.
    """
    log(f"Droid: subsetting {src} to what {main_path.name} lacks")
    digest = hashlib.sha256(Path(src).read_bytes()).hexdigest()
    font = TTFont(src)
    if "glyf" not in font:
        raise SystemExit(f"{src}: expected TrueType outlines")
    main_cmap = TTFont(str(main_path)).getBestCmap()
    codepoints = {cp for cp in font.getBestCmap() if cp not in main_cmap}
    if 0x4DAE not in codepoints:
        raise SystemExit(f"{src}: does not cover U+4DAE (CJK Extension A)")
    options = subset.Options()
    options.notdef_outline = True
    options.name_IDs = ["*"]  # the family stays "Droid Sans Fallback"
    options.name_languages = ["*"]
    options.name_legacy = True
    options.drop_tables += ["vhea", "vmtx"]
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    font.save(str(out_path))
    cmap = TTFont(str(out_path)).getBestCmap()
    if set(cmap) != codepoints:
        raise SystemExit(f"{out_path}: {len(codepoints - set(cmap))} code points lost")
    log(
        f"  wrote {out_path} ({out_path.stat().st_size / 1e6:.2f} MB, {len(cmap)} code points, "
        f"from sha256 {digest[:16]}..., family {english_name(font, 1)!r})"
    )


def debian_license_paragraph(copyright_file: str, license_name: str) -> str:
    """Extract a 'License: NAME' stand-alone paragraph from a DEP-5 file."""
    text = Path(copyright_file).read_text(encoding="utf-8")
    paragraphs = re.split(r"\n\s*\n", text)
    for para in paragraphs:
        lines = para.splitlines()
        if lines and lines[0].strip() == f"License: {license_name}" and len(lines) > 1:
            body = []
            for line in lines[1:]:
                line = line[1:] if line.startswith(" ") else line
                body.append("" if line.strip() == "." else line.rstrip())
            return "\n".join(body).strip("\n") + "\n"
    raise SystemExit(f"{copyright_file}: no 'License: {license_name}' paragraph")


def write_licenses(out_dir: Path, noto_src: str) -> None:
    noto = TTFont(noto_src, fontNumber=0) if noto_src.endswith(".ttc") else TTFont(noto_src)
    embedded_copyright = english_name(noto, 0) or ""
    trademark = english_name(noto, 7) or ""
    ofl = debian_license_paragraph(DEBIAN_NOTO_COPYRIGHT, "SIL-1.1")
    header = (
        "Noto Sans SC (NotoSansSC-Regular.ttf, NotoSansSC-Bold.ttf)\n"
        "Subset of Noto Sans CJK SC, converted to TrueType outlines by\n"
        "tools/build_fonts.py. Source: https://github.com/notofonts/noto-cjk\n"
        "(via the Debian package fonts-noto-cjk).\n"
        "\n"
        f"Copyright notice embedded in the font: {embedded_copyright.replace('©', 'Copyright (c)')}\n"
        "Copyright notice in the Debian package: Copyright 2010-2012, Google Corporation\n"
        f"{trademark}\n"
        "\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n"
        "\n"
    )
    (out_dir / "OFL.txt").write_text(header + ofl, encoding="utf-8")
    log(f"wrote {out_dir / 'OFL.txt'}")

    apache = Path(DEBIAN_APACHE_LICENSE).read_text(encoding="utf-8")
    droid_header = (
        "Droid Sans Fallback (DroidSansFallbackFull.ttf)\n"
        "Source: Android Open Source Project,\n"
        "https://android.googlesource.com/platform/frameworks/base/\n"
        "(via the Debian package fonts-droid-fallback). Subset by tools/build_fonts.py\n"
        "to the characters Noto Sans SC lacks; the outlines are unmodified.\n"
        "\n"
        "Copyright (c) 2006, 2007, 2008, 2009, 2010 Google Corp.\n"
        "Droid is a trademark of Google Corp.\n"
        "\n"
        "Licensed under the Apache License, Version 2.0 (the \"License\"); the full\n"
        "text of the License follows.\n"
        "\n" + "=" * 72 + "\n\n"
    )
    (out_dir / "LICENSE-Apache-2.0.txt").write_text(droid_header + apache, encoding="utf-8")
    log(f"wrote {out_dir / 'LICENSE-Apache-2.0.txt'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--src-regular", default=DEBIAN_NOTO_REGULAR, help="Noto Sans CJK Regular .ttc/.otf (default: %(default)s)"
    )
    parser.add_argument(
        "--src-bold", default=DEBIAN_NOTO_BOLD, help="Noto Sans CJK Bold .ttc/.otf (default: %(default)s)"
    )
    parser.add_argument("--src-droid", default=DEBIAN_DROID, help="DroidSansFallbackFull.ttf (default: %(default)s)")
    parser.add_argument(
        "--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="output directory (default: resources/fonts)"
    )
    parser.add_argument(
        "--max-err",
        type=float,
        default=DEFAULT_MAX_ERR,
        help="cubic->quadratic tolerance in font units (default: %(default)s)",
    )
    parser.add_argument(
        "--skip-licenses", action="store_true", help="do not (re)write OFL.txt and LICENSE-Apache-2.0.txt"
    )
    args = parser.parse_args(argv)

    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        built = Path(work)
        build_noto(args.src_regular, "Regular", built / "NotoSansSC-Regular.ttf", args.max_err)
        build_noto(args.src_bold, "Bold", built / "NotoSansSC-Bold.ttf", args.max_err)
        subset_droid(args.src_droid, built / "DroidSansFallbackFull.ttf", built / "NotoSansSC-Regular.ttf")
        for font in sorted(built.glob("*.ttf")):
            out = out_dir / f"{font.name}.xz"
            pack(font.read_bytes(), out)
            log(f"packed {out} ({out.stat().st_size / 1e6:.2f} MB)")
    if not args.skip_licenses:
        write_licenses(out_dir, args.src_regular)
    return 0


if __name__ == "__main__":
    sys.exit(main())
