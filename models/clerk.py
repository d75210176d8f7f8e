"""Who is at the keyboard: the clerk whose name goes with what this program changes and imports.

On an office's server several clerks work on one database, so each change
and each import says who made it. The name is the operating-system user's
unless a clerk name was chosen at start (the window asks on a server; the
command line takes ``--clerk``).
"""

from __future__ import annotations

import getpass

# The longest clerk name kept (the columns that hold it are VARCHAR(100)).
MAX_LENGTH = 100

_chosen: str | None = None


def system_user() -> str:
    """The operating-system user's name, or "" where none can be found."""
    try:
        return getpass.getuser()[:MAX_LENGTH]
    except Exception:  # no user name in the environment or the password database (a service account)
        return ""


def current() -> str:
    """The clerk's name as recorded: the one chosen at start, else the operating-system user's."""
    return _chosen if _chosen else system_user()


def choose(name: str | None) -> None:
    """Record later work under ``name`` (blank or None: the operating-system user again)."""
    global _chosen
    cleaned = " ".join((name or "").split())[:MAX_LENGTH]
    _chosen = cleaned or None
