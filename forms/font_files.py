"""The shipped fonts as TrueType, unpacked once into the user's cache folder.

Every font in resources/fonts is shipped xz-compressed (``NAME.ttf.xz``):
packed, the three interface fonts take 7.6 MB instead of 15.2 MB and the
fonts for CJK Extensions B–H 14.0 MB instead of 35 MB, which is what lets
the installed program stay under its size limit with every extension.

The first use of a font after installing (or updating) the program unpacks
it into ``<user cache>/FulianLedger/fonts/NAME-<digest>-<size>.ttf``
(Noto Sans SC Regular: about 0.25 s); every later start reads that file as
it read the shipped one before. The digest is the packed file's own, so an
update that changes a font unpacks it again and removes the old copy; the
size in the name catches a copy cut short. When the cache folder cannot be
written (a read-only or full disk), the font is unpacked into memory for
this run only: the program still works, only slower to start.

Neither Qt nor reportlab is imported here: the screen (gui/resources.py)
and the forms (forms/fonts.py) both take what ``truetype`` returns.
"""

from __future__ import annotations

import hashlib
import lzma
import os
import threading
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
PACKED_SUFFIX = ".xz"
DIGEST_LENGTH = 16

_lock = threading.Lock()


def cache_dir() -> Path:
    """Where unpacked fonts are kept: the user's cache folder, per system."""
    from platformdirs import user_cache_dir

    from models.db import APP_NAME

    return Path(user_cache_dir(APP_NAME, appauthor=False)) / "fonts"


def _packed(filename: str) -> Path:
    from models.i18n import _

    path = FONT_DIR / f"{filename}{PACKED_SUFFIX}"
    if not path.is_file():
        raise FileNotFoundError(_("The font file {path} is missing; reinstall the program.").format(path=path))
    return path


def truetype(filename: str) -> Path | bytes:
    """The shipped font ``filename`` (e.g. "NotoSansSC-Regular.ttf") as TrueType.

    A path to the unpacked copy in the cache folder, or the bytes themselves
    when no copy can be kept there. Raises OSError with a message for the
    user when the shipped file is missing or damaged.
    """
    with _lock:
        packed_path = _packed(filename)
        packed = packed_path.read_bytes()
        stem = filename.removesuffix(".ttf")
        prefix = f"{stem}-{hashlib.sha256(packed).hexdigest()[:DIGEST_LENGTH]}-"
        folder = cache_dir()
        cached = _cached_copy(folder, prefix)
        if cached is not None:
            return cached
        data = _unpack(packed, packed_path)
        try:
            return _keep(folder, stem, prefix, data)
        except OSError:
            return data  # read-only or full disk: this run unpacks into memory


def unpacked(filename: str) -> bytes:
    """The shipped font unpacked into memory, bypassing the cache (a damaged copy there)."""
    path = _packed(filename)
    return _unpack(path.read_bytes(), path)


def _unpack(packed: bytes, path: Path) -> bytes:
    from models.i18n import _

    try:
        return lzma.decompress(packed)
    except lzma.LZMAError:
        raise OSError(_("The font file {path} is damaged; reinstall the program.").format(path=path)) from None


def _cached_copy(folder: Path, prefix: str) -> Path | None:
    try:
        for path in folder.glob(f"{prefix}*.ttf"):
            size = path.name[len(prefix) : -len(".ttf")]
            if size.isdigit() and path.stat().st_size == int(size):
                return path
    except OSError:
        pass  # an unreadable cache folder is the same as an empty one
    return None


def _keep(folder: Path, stem: str, prefix: str, data: bytes) -> Path:
    """Write the unpacked font into the cache atomically; drop copies of older versions."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{prefix}{len(data)}.ttf"
    # Another process (the window and a command line) may unpack the same font at once: each writes its own file.
    temporary = folder / f".{final.name}.{os.getpid()}.{threading.get_ident()}.part"
    try:
        temporary.write_bytes(data)
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    for old in folder.glob(f"{stem}-*.ttf"):
        if old != final and not old.name.startswith(prefix):
            try:
                old.unlink()
            except OSError:
                pass  # still open in another running copy of the program; removed next time
    return final
