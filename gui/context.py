"""What every page and dialog needs to know about the running program."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gui.settings.store import Settings


@dataclass
class AppContext:
    """Passed down from the main window; no page reaches for globals."""

    db_path: Path
    unit_code: str  # this installation's own unit
    unit_name: str
    settings: Settings
