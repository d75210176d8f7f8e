"""The counts of the rights-and-care registers that travel upward instead of their rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from peewee import CharField, IntegerField

from models.base import Record, database, in_slices, utcnow


class CareCount(Record):
    """How many records of ``register`` in ``period`` have ``code`` for ``dimension``.

    ``register``: disputes, petitions, care, screening; ``period``: "2026-11"
    (a month) or "2026" (a year); e.g. dimension "kind", code "marriage".
    """

    register = CharField(max_length=16)
    period = CharField(max_length=7)
    dimension = CharField(max_length=16)
    code = CharField(max_length=32)
    count = IntegerField(default=0)

    class Meta:
        table_name = "care_count"
        indexes = ((("unit", "register", "period"), False),)


# The same count of the same unit always has the same uuid, so a newer package's count replaces the older one.
_NAMESPACE = uuid.UUID("6f1c2e0a-5b7d-4c21-9a8e-3d4f5a6b7c8d")

Counts = dict[tuple[str, str], int]  # (dimension, code) -> count


def count_uuid(unit: str, register: str, period: str, dimension: str, code: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{unit}/{register}/{period}/{dimension}/{code}"))


def store(unit: str, register: str, period: str, counts: Counts) -> None:
    """Make ``unit``'s counts of ``register`` in ``period`` exactly ``counts`` (one transaction).

    A count that is no longer there is tombstoned (so the tombstone travels);
    zero counts are stored: "none" is an answer, not a gap.
    """
    with database.atomic():
        wanted = {count_uuid(unit, register, period, d, c): (d, c, n) for (d, c), n in counts.items()}
        existing = {
            row.uuid: row
            for row in CareCount.select().where(
                (CareCount.unit == unit) & (CareCount.register == register) & (CareCount.period == period)
            )
        }
        now = utcnow()
        for key, (dimension, code, count) in wanted.items():
            row = existing.get(key)
            if row is None:
                CareCount.create(
                    uuid=key, unit=unit, register=register, period=period, dimension=dimension, code=code, count=count
                )
            elif row.deleted or row.count != count:
                CareCount.update(count=count, deleted=False, updated_at=now).where(CareCount.uuid == key).execute()
        gone = [key for key, row in existing.items() if key not in wanted and not row.deleted]
        if gone:
            CareCount.update(deleted=True, updated_at=now).where(CareCount.uuid.in_(gone)).execute()


def counts_of(units: Iterable[str], register: str, period: str) -> dict[str, Counts]:
    """unit -> its live counts of ``register`` in ``period`` (units without any are left out)."""
    out: dict[str, Counts] = {}
    for chunk in in_slices(units):
        rows = CareCount.select().where(
            CareCount.unit.in_(chunk)
            & (CareCount.register == register)
            & (CareCount.period == period)
            & (CareCount.deleted == False)
        )
        for row in rows:
            out.setdefault(row.unit, {})[(row.dimension, row.code)] = row.count
    return out
