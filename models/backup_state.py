"""Whether the database's backup is overdue: the overview's backup line, at every level.

Kept apart from ``models.overview`` because a unit above the village shows this line at start-up
without the village's figures (and without loading the features those are counted from).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from . import db

BACKUP_WARN_DAYS = 7  # a backup older than this is overdue


@dataclass(frozen=True)
class BackupState:
    """When the database was last backed up and whether a backup is due."""

    last_backup: _dt.datetime | None  # UTC
    backup_age_days: int | None  # None: never backed up
    # On an office's server the server's own backups keep the database (README, the office's server):
    # no clerk is told to back it up.
    kept_by_server: bool = False

    @property
    def backup_due(self) -> bool:
        if self.kept_by_server:
            return False
        return self.backup_age_days is None or self.backup_age_days > BACKUP_WARN_DAYS


def backup_state(now: _dt.datetime | None = None) -> BackupState:
    """The last backup and its age on ``now`` (UTC)."""
    last = db.last_backup_at()
    now = now or _dt.datetime.now(_dt.UTC)
    return BackupState(last, None if last is None else (now - last).days, kept_by_server=db.is_server())
