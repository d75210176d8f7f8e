"""The common record base every travelling record derives from.

A record has a uuid4 primary key that is never reused, the 12-digit code of
the unit that owns it, UTC timestamps, and a tombstone instead of deletion so
that the recycle bin can restore it and packages can carry removals upward.
"""

from __future__ import annotations

import datetime as _dt
import uuid as _uuid
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple, TypeVar

from peewee import BooleanField, CharField, DatabaseProxy, DateTimeField, Model

from . import clerk

# Bound to the open database by models.db.open_database().
database = DatabaseProxy()


T = TypeVar("T")
# SQLite limits the parameters of one statement: a longer list (of unit codes, of ids) is read in slices this long.
IN_SLICE = 900


def in_slices(values: Iterable[T]) -> Iterator[list[T]]:
    """``values`` in lists of at most IN_SLICE, for ``field.in_(…)`` conditions."""
    items = list(values)
    for start in range(0, len(items), IN_SLICE):
        yield items[start : start + IN_SLICE]


def new_uuid() -> str:
    return str(_uuid.uuid4())


def utcnow() -> _dt.datetime:
    """Naive UTC time (what is stored); the GUI converts for display."""
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None, microsecond=0)


# The columns every change of a record stamps: when (UTC) and which clerk (models.clerk).
UPDATED_AT, CHANGED_BY = "updated_at", "changed_by"


def touched(now: _dt.datetime | None = None) -> dict[str, Any]:
    """What a change stamps on the records it writes, column → value: the time and the clerk.

    The one rule for every way a record changes: ``Record.save``, the bulk
    ``Model.update(..., **touched())`` and hand-written SQL (``touched_sql``).
    """
    return {UPDATED_AT: now or utcnow(), CHANGED_BY: clerk.current()}


def touched_sql(param: str, now: _dt.datetime | None = None) -> tuple[str, tuple]:
    """``touched`` for a hand-written UPDATE: the SET items (``"updated_at" = ?, "changed_by" = ?``) and
    their values, the time as peewee stores it."""
    stamp = touched(now)
    sets = ", ".join(f'"{column}" = {param}' for column in stamp)
    return sets, (str(stamp[UPDATED_AT]), stamp[CHANGED_BY])


class FieldError(NamedTuple):
    """One problem with one field, already in the interface language."""

    field: str
    message: str


class ValidationError(Exception):
    """Raised when a save is refused; carries every field problem at once."""

    def __init__(self, errors: list[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors))


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Record(BaseModel):
    uuid = CharField(primary_key=True, max_length=36, default=new_uuid)
    unit = CharField(max_length=12, index=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    # The clerk who last wrote the row here (since step 17; '' before). Kept by this database: never travels.
    changed_by = CharField(max_length=100, default=clerk.current)
    # Not indexed for every table: without statistics SQLite prefers an index on this
    # two-valued column to a child table's parent or unit index, and then reads every
    # live row. The tables that have one declare it in their Meta.indexes.
    deleted = BooleanField(default=False)

    def __init__(self, *args, **kwargs):
        # peewee passes __no_default__ when it builds a row read from the
        # database; anything else is new and must be inserted, even though
        # its uuid primary key is already filled in.
        self._stored = bool(kwargs.get("__no_default__"))
        super().__init__(*args, **kwargs)

    def save(self, force_insert=False, only=None):
        for column, value in touched().items():
            setattr(self, column, value)
        result = super().save(force_insert=force_insert or not self._stored, only=only)
        self._stored = True
        return result

    @classmethod
    def live(cls):
        """Records that are not in the recycle bin."""
        return cls.select().where(cls.deleted == False)

    def move_to_recycle_bin(self) -> None:
        self.deleted = True
        self.save()

    def restore(self) -> None:
        self.deleted = False
        self.save()


def children_of(parent: Record, links: Iterable[tuple[type[Record], Any]], deleted: bool) -> list[Record]:
    """A record's children through ``links`` ((model, column naming the parent) pairs), for the recycle bin.

    ``deleted=False``: the live ones, what a delete of the parent takes along.
    ``deleted=True``: those that delete took, i.e. tombstoned no earlier than the
    parent; children an earlier edit dropped are older and stay deleted.
    """
    out: list[Record] = []
    for model, column in links:
        condition = (column == parent.uuid) & (model.deleted == deleted)
        if deleted:
            condition &= model.updated_at >= parent.updated_at
        out += list(model.select().where(condition))
    return out
