"""The Women's Home activities of the units below a township, county or city, counted per unit.

Where the activities live below (a village keeps its own ledger), the
activity statistics and the ledger of a higher unit total them: one row per
village, grouped by township at a county, and a 合计. Activities a township
or the unit itself held are not lost: they are the row "<unit>本级", the
unit's own first of all, a township's first in its group. Everything is read
in a few GROUP BY statements, whatever the number of villages.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from peewee import fn

from models.homes import CATEGORY, Activity, ActivityFilters, narrow_activities, years_with_activities
from models.i18n import _
from models.photos import PhotoLink
from models.units import VILLAGE, Unit, names_of, subtree_prefix

from .layout import FormError, groups_by_township, subtotal_label


@dataclass
class UnitActivities:
    """A unit's activities of a year (or a subtotal's, or the total's): per category and month."""

    unit_code: str
    unit_name: str
    by_category: dict[str, int] = field(default_factory=lambda: {code: 0 for code in CATEGORY.codes()})
    by_month: dict[int, int] = field(default_factory=dict)
    people_by_month: dict[int, int] = field(default_factory=dict)
    photos: int = 0
    kind: str = "unit"  # "unit", "subtotal" or "total"

    @property
    def total(self) -> int:
        return sum(self.by_category.values())

    @property
    def people(self) -> int:
        return sum(self.people_by_month.values())

    def add(self, other: UnitActivities) -> None:
        for code, count in other.by_category.items():
            self.by_category[code] = self.by_category.get(code, 0) + count
        for month, count in other.by_month.items():
            self.by_month[month] = self.by_month.get(month, 0) + count
        for month, count in other.people_by_month.items():
            self.people_by_month[month] = self.people_by_month.get(month, 0) + count
        self.photos += other.photos


@dataclass
class Below:
    """The year's activities of the villages below a unit: their rows (with subtotals) and the total."""

    year: int
    rows: list[UnitActivities]  # villages, and at a county each township's subtotal after its villages
    total: UnitActivities

    @property
    def units(self) -> list[UnitActivities]:
        return [row for row in self.rows if row.kind == "unit"]


def _subtree_query(unit_code: str):
    """The unit's activities and those of every unit below it."""
    return Activity.live().where(Activity.unit.startswith(subtree_prefix(unit_code)))


def latest_year(unit_code: str, today: _dt.date) -> int:
    """The latest year with an activity here or below, else this year."""
    years = years_with_activities(_subtree_query(unit_code))
    return years[0] if years else today.year


def own_level_label(unit_name: str) -> str:
    """长沙县本级: the row of the activities a unit above the village held itself."""
    return _("{unit} (own level)").format(unit=unit_name)


def activities_below(unit_code: str, year: int) -> Below:
    """Every village below ``unit_code`` (with or without activities) and its activities of ``year``; the
    activities held at a higher level (the unit itself, a township) as their "本级" rows."""
    prefix = subtree_prefix(unit_code)
    villages = list(
        Unit.live()
        .where(Unit.code.startswith(prefix) & (Unit.code != unit_code) & (Unit.level == VILLAGE))
        .select(Unit.code, Unit.name)
        .order_by(Unit.code)
        .tuples()
    )
    found: dict[str, UnitActivities] = {}
    for code, name in villages:
        found.setdefault(code, UnitActivities(code, name))
    narrowed = narrow_activities(_subtree_query(unit_code), ActivityFilters(year))
    people = Activity.women + Activity.children + Activity.others
    month = Activity.date.month
    query = (
        narrowed.select(Activity.unit, Activity.category, month, fn.COUNT(Activity.uuid), fn.SUM(people))
        .group_by(Activity.unit, Activity.category, month)
        .order_by()
        .tuples()
    )
    other = CATEGORY.codes()[-1]
    for unit, category, month_number, count, participants in query:
        row = found.setdefault(unit, UnitActivities(unit, ""))  # a unit above the village: named below
        code = category if category in row.by_category else other  # an unknown category counts as "other"
        row.by_category[code] += count
        m = int(month_number)
        row.by_month[m] = row.by_month.get(m, 0) + count
        row.people_by_month[m] = row.people_by_month.get(m, 0) + int(participants or 0)
    photos = (
        narrowed.select(Activity.unit, fn.COUNT(PhotoLink.uuid))
        .join(PhotoLink, on=(PhotoLink.owner == Activity.uuid))
        # A sensitive activity's photos are counted nowhere, as in the unit's own ledger (forms/ledger.py).
        .where((PhotoLink.deleted == False) & (Activity.sensitive == False))
        .group_by(Activity.unit)
        .order_by()
        .tuples()
    )
    for unit, count in photos:
        if unit in found:
            found[unit].photos += count
    _name_own_levels([row for row in found.values() if not row.unit_name])
    total = UnitActivities(unit_code, "", kind="total")
    own = found.pop(unit_code, None)
    rows: list[UnitActivities] = []
    if own is not None:
        rows.append(own)
        total.add(own)
    groups = groups_by_township(unit_code, found)
    for _township, name, codes in groups or [("", "", sorted(found))]:
        subtotal = UnitActivities("", subtotal_label(name), kind="subtotal")
        for code in codes:
            rows.append(found[code])
            subtotal.add(found[code])
            total.add(found[code])
        if groups is not None:
            rows.append(subtotal)
    # 合计（300个单位）, as every table of units below says it: the villages and the own-level rows.
    total.unit_name = _("Total ({n} units)").format(n=sum(1 for row in rows if row.kind == "unit"))
    return Below(year, rows, total)


def for_form(unit_code: str, unit_name: str, year: int | None, today: _dt.date) -> Below:
    """What a form of the units below prints: the year asked for (else the latest with an activity here or
    below); refused with a FormError when that year has none, rather than a page of zeros."""
    chosen = year or latest_year(unit_code, today)
    found = activities_below(unit_code, chosen)
    if not found.total.total:
        raise FormError(
            _("No activity of the units below {unit} in {year} has been entered or imported yet.").format(
                unit=unit_name, year=chosen
            )
        )
    return found


def numbered(found: Below) -> list[tuple[int | None, UnitActivities]]:
    """The rows in print order, then the total: each unit with its 序号, a subtotal and the total with None."""
    out: list[tuple[int | None, UnitActivities]] = []
    number = 0
    for row in [*found.rows, found.total]:
        if row.kind == "unit":
            number += 1
        out.append((number if row.kind == "unit" else None, row))
    return out


def _name_own_levels(rows: list[UnitActivities]) -> None:
    """Name the rows of units above the village "<unit>本级" (by code where the unit is not in the table)."""
    names = names_of(row.unit_code for row in rows)
    for row in rows:
        row.unit_name = own_level_label(names.get(row.unit_code, row.unit_code))


def summed_rows(body: list[list[object]]) -> list[int]:
    """The subtotal and 合计 rows of a table of units below: those without a number."""
    return [i for i, row in enumerate(body) if row[0] is None]
