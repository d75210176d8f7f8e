"""The county database the start-up and memory benchmarks open.

``python main.py demo --units 300 --years 5`` for a county takes most of a
minute, so it is made once into the system's temporary folder (named by the
schema version, so a new schema makes a new one) and each benchmark run works
on its own copy of it (a run writes: backups, the access log).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE, NAME = "430121000000", "长沙县"
UNITS, YEARS = 300, 5


def _cached() -> Path:
    sys.path.insert(0, str(ROOT))
    from models.migrations import latest_version

    folder = Path(tempfile.gettempdir()) / "fulian-bench"
    folder.mkdir(exist_ok=True)
    return folder / f"county-{UNITS}u-{YEARS}y-schema{latest_version()}.sqlite3"


def county_database(into: Path) -> Path:
    """A copy, in the folder ``into``, of the county database (made first if not cached)."""
    cached = _cached()
    if not cached.exists():
        print(f"making the county database ({UNITS} units, {YEARS} years) once, in {cached} …", flush=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")  # two benchmarks may make it at once
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "demo", "--db", str(partial), "--code", CODE, "--name", NAME]
            + ["--units", str(UNITS), "--years", str(YEARS)],
            check=True,
            capture_output=True,
        )
        partial.replace(cached)
    copy = into / "county.sqlite3"
    shutil.copyfile(cached, copy)
    return copy
