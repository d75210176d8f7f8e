"""The counts of the rights-and-care registers that travel upward instead of their rows."""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from peewee import CharField, IntegerField, fn

from models.base import Record, database, in_slices, touched, utcnow


class CareCount(Record):
    """How many records of ``register`` in ``period`` have ``code`` for ``dimension``.

    ``register``: disputes, petitions, care, screening; ``period``: "2026-11"
    (a month) or "2026" (a year); e.g. dimension "kind", code "marriage".
    """

    register = CharField(max_length=16)
    period = CharField(max_length=7)
    dimension = CharField(max_length=24)  # "parents_contacted"
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
                CareCount.update(count=count, deleted=False, **touched(now)).where(CareCount.uuid == key).execute()
        gone = [key for key, row in existing.items() if key not in wanted and not row.deleted]
        if gone:
            CareCount.update(deleted=True, **touched(now)).where(CareCount.uuid.in_(gone)).execute()


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


# --- the counts a unit sends: computed from its own registers at export ------------------------------

MONTHLY = ("disputes", "petitions")  # period "YYYY-MM": every month from the first record to this month
YEARLY = ("care", "screening")  # period "YYYY": every year with records
REGISTERS = MONTHLY + YEARLY


def _counter(register: str) -> Callable[[str, Any], Counts]:
    """The register module's counting function: what its village forms show is what travels."""
    from models import care, disputes, petitions, screening

    counters: dict[str, Callable[[str, Any], Counts]] = {
        "disputes": disputes.month_counts,
        "petitions": petitions.month_counts,
        "care": care.year_counts,
        "screening": screening.year_counts,
    }
    return counters[register]


def _month(day) -> str:
    return str(day)[:7]


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _first_of(unit: str, register: str) -> object | None:
    """The earliest date (or month, or year) of the unit's live records of ``register``."""
    from models.care import CareAct, CareTarget, ParentContact
    from models.disputes import DisputeCase, DisputeReport
    from models.petitions import Petition
    from models.screening import ScreeningRound

    def earliest(model, column):
        return model.select(fn.MIN(column)).where((model.unit == unit) & (model.deleted == False)).scalar()

    candidates: list[object | None]
    if register == "disputes":
        candidates = [earliest(DisputeCase, DisputeCase.found_on), earliest(DisputeReport, DisputeReport.month)]
    elif register == "petitions":
        candidates = [earliest(Petition, Petition.date)]
    elif register == "care":
        candidates = [
            earliest(CareTarget, CareTarget.since),
            earliest(CareTarget, CareTarget.created_at),
            earliest(CareAct, CareAct.date),
            earliest(ParentContact, ParentContact.date),
        ]
    else:
        candidates = [earliest(ScreeningRound, ScreeningRound.year)]
    found = [str(value) for value in candidates if value is not None]
    return min(found) if found else None


def _stored_periods(unit: str, register: str) -> set[str]:
    rows = CareCount.select(CareCount.period).where(
        (CareCount.unit == unit) & (CareCount.register == register) & (CareCount.deleted == False)
    )
    return {row.period for row in rows.distinct()}


def periods_of(unit: str, register: str, today: _dt.date) -> list[str]:
    """The periods whose counts ``unit`` sends for ``register``: each month (disputes, petitions) from the
    first record or report to ``today``'s month, each year (care, screening) from the first record to
    ``today``'s year, and every period sent before (a register emptied since sends its zeros)."""
    first = _first_of(unit, register)
    periods = _stored_periods(unit, register)
    if register in MONTHLY:
        if first is not None:
            periods.update(_months(_month(first), _month(today)))
    elif first is not None:
        periods.update(str(year) for year in range(int(str(first)[:4]), today.year + 1))
    return sorted(periods)


def refresh(unit: str, today: _dt.date | None = None) -> dict[str, int]:
    """Store ``unit``'s counts of every register and period it sends (one transaction); register → periods.

    Called by the export for the exporting unit, so the counts travel instead of the rows; a register
    whose counting function is missing is left as it is.
    """
    today = today or _dt.date.today()
    done: dict[str, int] = {}
    with database.atomic():
        for register in REGISTERS:
            counter = _counter(register)
            periods = periods_of(unit, register, today)
            for period in periods:
                store(unit, register, period, counter(unit, period if register in MONTHLY else int(period)))
            done[register] = len(periods)
    return done
