"""User preferences in QSettings, each with its type and default in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

ORGANIZATION = "FulianLedger"
APPLICATION = "FulianLedger"


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any


LANGUAGE = Option("ui/language", str, "zh_CN")
LARGE_FONT = Option("ui/large_font", bool, False)
DB_PATH = Option("data/db_path", str, "")  # empty: the per-user default
# The office's database server (a postgresql:// URL without its password); empty: the file above.
SERVER_URL = Option("data/server_url", str, "")
CLERK_NAME = Option("data/clerk_name", str, "")  # the clerk's name last chosen at start on this PC
WINDOW_GEOMETRY = Option("ui/window_geometry", bytes, b"")
LAST_IMPORT_DIR = Option("ui/last_import_dir", str, "")
LAST_EXPORT_DIR = Option("ui/last_export_dir", str, "")
LOCK_MINUTES = Option("privacy/lock_minutes", int, 10)  # idle time before the window locks (with a password set)


class Settings:
    """Typed access to QSettings; tests pass their own QSettings file."""

    def __init__(self, qsettings: QSettings | None = None):
        self._q = qsettings or QSettings(ORGANIZATION, APPLICATION)

    def get(self, option: Option):
        value = self._q.value(option.key, option.default)
        if value is None:
            return option.default
        if option.type is bool and isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        if option.type is bytes:
            return bytes(value) if value else b""
        try:
            return option.type(value)
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option, value) -> None:
        self._q.setValue(option.key, value)
        self._q.sync()
