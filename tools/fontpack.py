"""Pack a TrueType font the way the program ships it: xz, preset 9.

Every font in resources/fonts is shipped packed (forms/font_files.py unpacks
it once into the user's cache folder). The output is deterministic: the same
TrueType bytes always give the same packed file.
"""

from __future__ import annotations

import lzma
from pathlib import Path


def pack(truetype: bytes, out: Path) -> None:
    """Write ``truetype`` xz-compressed to ``out`` (a ``.ttf.xz`` path)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(lzma.compress(truetype, format=lzma.FORMAT_XZ, preset=9))
