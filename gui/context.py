"""What every page and dialog needs to know about the running program."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gui.settings.store import Settings


@dataclass
class AppContext:
    """Passed down from the main window; no page reaches for globals."""

    db_path: Path | str  # the database file, or the URL of the database on the office's server
    unit_code: str  # this installation's own unit
    unit_name: str
    settings: Settings

    @property
    def on_server(self) -> bool:
        """Whether the window works on a database server (several clerks) rather than on this PC's file."""
        from models.server import is_server_url

        return is_server_url(self.db_path)
