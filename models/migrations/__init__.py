"""Numbered schema steps. Step N brings a database from version N-1 to N.

Each step is a module ``mNNNN_<what>.py`` with ``apply(db)``. Steps are
frozen: they never import the current models, so an old database migrates
the same way however the models change later. SQL stays portable (it must
also run on PostgreSQL).

``STEPS`` names every step, one a line: a new step adds its line at the end.
The list is explicit, not found by scanning the folder, because a built
program (PyInstaller) keeps its modules in an archive that no folder scan
sees; ``tests/models/test_migration_list.py`` fails while a step file on disk
is missing from it, and ``build.spec`` collects exactly these modules.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType

STEPS: tuple[str, ...] = (
    "m0001_initial",
    "m0002_elections",
    "m0003_homes",
    "m0004_training",
    "m0005_list_indexes",
    "m0006_exchange",
    "m0007_reporting",
    "m0008_unit_indexes",
    "m0009_person_and_unit_indexes",
    "m0010_import_changes",
    "m0011_access_log",
    "m0012_id_number_encryption",
    "m0013_import_trust",
    "m0014_election_rules_and_representatives",
    "m0015_committee_work",
    "m0016_rights_and_care",
    "m0017_clerks",
    "m0018_paper_pages",
)


def steps() -> list[tuple[int, ModuleType]]:
    """(version, module) for every step, in order."""
    found: list[tuple[int, ModuleType]] = []
    for name in STEPS:
        m = re.fullmatch(r"m(\d{4})_\w+", name)
        if not m:
            raise RuntimeError(f"migration step {name!r} is not named mNNNN_<what>")
        found.append((int(m.group(1)), importlib.import_module(f"{__name__}.{name}")))
    versions = [v for v, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migration steps must be numbered 1..N without gaps, in order, found {versions}")
    return found


def latest_version() -> int:
    return len(steps())
