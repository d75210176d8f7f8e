"""Numbered schema steps. Step N brings a database from version N-1 to N.

Each step is a module ``mNNNN_<what>.py`` with ``apply(db)``. Steps are
frozen: they never import the current models, so an old database migrates
the same way however the models change later. SQL stays portable (it must
also run on PostgreSQL).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType


def steps() -> list[tuple[int, ModuleType]]:
    """(version, module) for every step, in order."""
    found: list[tuple[int, ModuleType]] = []
    for info in pkgutil.iter_modules(__path__):
        m = re.fullmatch(r"m(\d{4})_\w+", info.name)
        if m:
            found.append((int(m.group(1)), importlib.import_module(f"{__name__}.{info.name}")))
    found.sort(key=lambda pair: pair[0])
    versions = [v for v, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migration steps must be numbered 1..N without gaps, found {versions}")
    return found


def latest_version() -> int:
    return len(steps())
