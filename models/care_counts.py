"""The counts of the rights-and-care registers that travel upward instead of their rows."""

from __future__ import annotations

from peewee import CharField, IntegerField

from models.base import Record


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
