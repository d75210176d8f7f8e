"""Counting the SQL statements a piece of code runs on the open database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from models.base import database


@dataclass
class Statements:
    """The statements run while counting, in order."""

    sql: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.sql)

    def __str__(self) -> str:
        return f"{self.count} statements:\n" + "\n".join(s[:200] for s in self.sql[:40])


@contextmanager
def counting_statements() -> Iterator[Statements]:
    """Count every statement SQLite runs on the connection inside the block (transaction control too)."""
    found = Statements()
    connection = database.connection()
    connection.set_trace_callback(found.sql.append)
    try:
        yield found
    finally:
        connection.set_trace_callback(None)
