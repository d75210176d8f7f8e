"""ICU's data cut to the program's two languages: a smaller ``libicudata`` for the built folder (Linux).

Qt's libraries on Linux link ICU, whose data library (``libicudata.so.73``,
32 MB) holds one blob, the symbol ``icudt73_dat``: an ICU common-data package
(a table of contents, then the items, e.g. ``icudt73l/coll/de.res``). The
program speaks zh_CN and en, so the locale items of every other language are
dropped (tools/bundle.py ``keep_icu_item``) and the rest, whole and in the
same order, is written into a new library of the same name and symbol.
Everything that is not one language's data stays: the converters, break
rules and dictionaries, normalisation, Unicode names, time-zone rules,
the root collation and root locale. A locale ICU no longer has falls back
to root, as it does for any locale ICU does not know.

Needs a C compiler (``cc``) to write the library; without one the original
library is kept and the build says so. build.spec calls ``filtered_library``.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

HEADER_MAGIC = b"\xda\x27"
PACKAGE_FORMAT = b"CmnD"
ALIGN = 16


def elf_section(data: bytes, wanted: str) -> bytes:
    """The contents of one section of a 64-bit little-endian ELF file."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)

    def section(i: int) -> tuple[int, int, int]:
        name, _type, _flags, _addr, offset, size = struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
        return name, offset, size

    _, names_offset, _ = section(shstrndx)
    for i in range(shnum):
        name, offset, size = section(i)
        end = data.index(b"\0", names_offset + name)
        if data[names_offset + name : end].decode() == wanted:
            return data[offset : offset + size]
    raise ValueError(f"no section {wanted}")


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """An ICU common-data package: its header and its items (name, bytes), in order."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != HEADER_MAGIC or blob[12:16] != PACKAGE_FORMAT:
        raise ValueError("not an ICU common-data package")
    count = struct.unpack_from("<I", blob, header_size)[0]
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    starts = [header_size + data_offset for _, data_offset in entries] + [len(blob)]
    items = []
    for i, (name_offset, _) in enumerate(entries):
        at = header_size + name_offset
        name = blob[at : blob.index(b"\0", at)].decode("ascii")
        items.append((name, blob[starts[i] : starts[i + 1]]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package again with these items, laid out as ICU's icupkg does (the same bytes for all of them)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = -(-(toc_size + len(names)) // ALIGN) * ALIGN  # from the table's start
    toc = [struct.pack("<I", len(items))]
    name_at, data_at, body = toc_size, data_start, []
    for name, item in items:
        toc.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = item + b"\0" * (-len(item) % ALIGN)
        body.append(padded)
        data_at += len(padded)
    table = b"".join(toc) + names
    return header + table + b"\xaa" * (data_start - len(table)) + b"".join(body)


def symbol_name(library: Path) -> str:
    """icudt73_dat for libicudata.so.73."""
    version = library.name.split(".so.", 1)[1].split(".", 1)[0]
    return f"icudt{version}_dat"


def filtered_library(source: Path, work: Path, keep_item: Callable[[str], bool]) -> tuple[Path, str]:
    """A copy of ``source`` (libicudata.so.NN) holding only the items ``keep_item`` keeps.

    Returns the library to bundle and a line for the build's output; the
    original library when there is no C compiler or the data is not as expected.
    """
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return source, f"ICU data: kept whole ({source.name}): no C compiler to write a smaller one"
    try:
        header, items = read_package(elf_section(source.read_bytes(), ".rodata"))
    except ValueError as error:
        return source, f"ICU data: kept whole ({source.name}): {error}"
    kept = [(name, item) for name, item in items if keep_item(name.split("/", 1)[1])]
    package = write_package(header, kept)
    work.mkdir(parents=True, exist_ok=True)
    (work / "icudata.dat").write_bytes(package)
    symbol = symbol_name(source)
    (work / "icudata.S").write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        f"\t.balign {ALIGN}\n"
        f"{symbol}:\n"
        '\t.incbin "icudata.dat"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    target = work / source.name
    subprocess.run(
        [compiler, "-shared", "-nostdlib", "-Wl,-soname," + source.name, "-o", str(target), "icudata.S"],
        cwd=work,
        check=True,
    )
    line = (
        f"ICU data: {len(kept)} of {len(items)} items, "
        f"{len(package) / 1e6:.1f} of {sum(len(i) for _, i in items) / 1e6:.1f} MB ({source.name})"
    )
    return target, line
