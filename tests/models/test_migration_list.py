"""The migration steps are listed by name, because a built program cannot scan its folder.

A step file without its line in ``models.migrations.STEPS`` would never run:
this test names it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from models import migrations

FOLDER = Path(migrations.__file__).resolve().parent


def test_the_list_names_every_step_file_on_disk_in_order():
    on_disk = sorted(p.stem for p in FOLDER.glob("*.py") if re.fullmatch(r"m\d{4}_\w+", p.stem))
    assert list(migrations.STEPS) == on_disk


def test_every_step_loads_and_the_latest_version_is_the_last_number():
    steps = migrations.steps()
    assert [version for version, _ in steps] == list(range(1, len(migrations.STEPS) + 1))
    assert all(callable(module.apply) for _, module in steps)
    assert migrations.latest_version() == len(steps)


def test_a_gap_in_the_numbers_is_refused(monkeypatch):
    monkeypatch.setattr(migrations, "STEPS", ("m0001_initial", "m0003_homes"))
    with pytest.raises(RuntimeError, match="without gaps"):
        migrations.steps()
