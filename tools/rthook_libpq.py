"""Run by the built program on Linux before its own code: psycopg finds the libpq the program carries.

psycopg's pure-Python implementation (the one the Linux build carries, see
tools/bundle.py) asks ``ctypes.util.find_library("pq")`` where libpq is. On
Linux that reads the system's library cache only, so on a PC without
PostgreSQL's client library the program would find none, although its folder
holds one (``libpq.so.5``, from build.spec). Here "pq" is answered with that
copy; every other name is looked up as before. build.spec runs this as a
PyInstaller runtime hook; tests/test_bundle.py tries ``bundled_find_library``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

LIBPQ = "libpq.so.5"  # tools/bundle.py's LINUX_LIBPQ (the built program does not carry tools/)


def bundled_find_library(folder: str, find_library: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """``find_library`` that answers "pq" with ``folder``'s libpq when the folder has one."""
    library = os.path.join(folder, LIBPQ)

    def find(name: str) -> str | None:
        if name == "pq" and os.path.isfile(library):
            return library
        return find_library(name)

    return find


if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
    import ctypes.util

    ctypes.util.find_library = bundled_find_library(sys._MEIPASS, ctypes.util.find_library)  # type: ignore[attr-defined]
