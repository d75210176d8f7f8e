"""Shared helpers for tests that need a Women's Home activity without going through the dialog."""

from __future__ import annotations

import datetime as dt

from models.homes import ActivityInput

LAST_YEAR = dt.date.today().year - 1


def activity_input(**changes) -> ActivityInput:
    """A valid talk at the Women's Home on 8 March last year; ``changes`` override its fields."""
    data = ActivityInput(
        date=dt.date(LAST_YEAR, 3, 8),
        title="“巾帼心向党”宣讲",
        category="1",
        form="talk",
        women=35,
        place="村妇女之家",
        leader="李秀英",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data
