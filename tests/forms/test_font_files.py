"""The packed fonts are unpacked once into the cache, and a cache that fails never stops a form."""

from __future__ import annotations

import lzma
import os
import shutil
import stat

import pytest

from forms import font_files
from models.i18n import _

FONT = "DroidSansFallbackFull.ttf"  # the smallest shipped font


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A program folder with one packed font, and an empty cache folder."""
    fonts = tmp_path / "program" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(font_files.FONT_DIR / f"{FONT}.xz", fonts)
    monkeypatch.setattr(font_files, "FONT_DIR", fonts)
    cache = tmp_path / "cache"
    monkeypatch.setattr(font_files, "cache_dir", lambda: cache)
    return fonts / f"{FONT}.xz", cache


def truetype_bytes(packed) -> bytes:
    return lzma.decompress(packed.read_bytes())


def test_the_first_use_unpacks_into_the_cache_and_later_uses_read_that_copy(shipped):
    packed, cache = shipped
    first = font_files.truetype(FONT)
    assert first.parent == cache and first.read_bytes() == truetype_bytes(packed)
    written = first.stat().st_mtime_ns
    assert font_files.truetype(FONT) == first
    assert first.stat().st_mtime_ns == written  # not written again
    assert [p.name for p in cache.iterdir()] == [first.name]  # no temporary files left


def test_a_copy_cut_short_is_unpacked_again(shipped):
    packed, _cache = shipped
    copy = font_files.truetype(FONT)
    copy.write_bytes(copy.read_bytes()[:1000])
    again = font_files.truetype(FONT)
    assert again.read_bytes() == truetype_bytes(packed)


def test_an_updated_font_replaces_the_old_copy(shipped):
    packed, cache = shipped
    old = font_files.truetype(FONT)
    data = truetype_bytes(packed) + b"\0\0\0\0"  # a "new version": other bytes, other digest
    packed.write_bytes(lzma.compress(data, format=lzma.FORMAT_XZ))
    new = font_files.truetype(FONT)
    assert new != old and new.read_bytes() == data
    assert [p.name for p in cache.iterdir()] == [new.name]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs a folder the user cannot write")
def test_a_read_only_cache_gives_the_font_from_memory(shipped):
    packed, cache = shipped
    cache.mkdir()
    cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert font_files.truetype(FONT) == truetype_bytes(packed)
    finally:
        cache.chmod(stat.S_IRWXU)


def test_a_cache_that_is_a_file_gives_the_font_from_memory(shipped):
    # Also what a full disk or a folder the user may not write leads to: writing fails with OSError.
    packed, cache = shipped
    cache.write_text("not a folder")
    assert font_files.truetype(FONT) == truetype_bytes(packed)


def test_a_damaged_or_missing_shipped_font_is_named_with_what_to_do(shipped):
    packed, _cache = shipped
    packed.write_bytes(b"not xz at all")
    with pytest.raises(OSError) as damaged:
        font_files.truetype(FONT)
    assert str(damaged.value) == _("The font file {path} is damaged; reinstall the program.").format(path=packed)
    packed.unlink()
    with pytest.raises(FileNotFoundError) as missing:
        font_files.truetype(FONT)
    assert str(missing.value) == _("The font file {path} is missing; reinstall the program.").format(path=packed)
