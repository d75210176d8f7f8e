"""Lists of records for tables: whose records (a unit scope), filters, sorting and paging, all in SQL.

The GUI's table models never build queries: they hold a ``Listing`` and ask
it for the count and for one batch of rows at a time, sorted by a column's
sort key (a name the listing knows). Filters are the listing's own fields,
so a county sees the units below through the same call as a village sees
itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from . import units

ALL_BELOW = "*below*"  # a scope choice: every unit below the own unit
# The years a record, a listing or a form may be about.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def year_problem(year: int | None) -> str | None:
    """Why ``year`` cannot be asked for (in the interface language), or None when it can."""
    from .i18n import _

    if year is None or FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return _("The year {year} is out of range: give a year from {first} to {last}.").format(
        year=year, first=FIRST_YEAR, last=LAST_YEAR
    )


@dataclass(frozen=True)
class Scope:
    """Whose records a list shows: the own unit's, one unit's below it, or all units' below it."""

    own: str  # this installation's unit code; new records are always its
    choice: str = ""  # a unit code, ALL_BELOW, or empty for the own unit

    @property
    def chosen(self) -> str:
        return self.choice or self.own

    def shows_units_below(self) -> bool:
        return self.chosen != self.own

    def condition(self, field: Any) -> Any:
        """The peewee condition on ``field`` (a record's unit code) selecting the units of this scope."""
        choice = self.chosen
        if choice == self.own:
            return field == self.own
        if choice == ALL_BELOW:
            return field.startswith(units.subtree_prefix(self.own)) & (field != self.own)
        if units.level_of(choice) == units.VILLAGE:
            return field == choice
        # A township (or a county under a city): the unit itself and everything under it.
        return field.startswith(units.subtree_prefix(choice))


def has_units_below(own_code: str) -> bool:
    """Whether this installation's unit can have units below it (anything above a village)."""
    try:
        return units.level_of(own_code) != units.VILLAGE
    except ValueError:
        return False


def unit_names() -> dict[str, str]:
    """Every live unit's name by code, read once for a table's unit column."""
    return {code: name for code, name in units.Unit.live().select(units.Unit.code, units.Unit.name).tuples()}


class Listing:
    """One kind of record as a table shows it; subclasses say the model, the filters and the sort keys.

    ``sort_keys`` maps a column's sort key to a function making the peewee
    ordering; ``tiebreak()`` orders rows the sort key leaves equal, so that
    paging is stable. The key ``"unit"`` always sorts by the owning unit.
    """

    model: ClassVar[Any]
    sort_keys: ClassVar[dict[str, Callable[[], Any]]] = {}

    def __init__(self, scope: Scope):
        self.scope = scope

    # --- what subclasses say -----------------------------------------------------------

    def filtered(self) -> Any:
        """The live records of the scope the filters leave, in no particular order."""
        return self.everything()

    def tiebreak(self) -> tuple[Any, ...]:
        """The orderings after the sort key; the uuid last makes every order total."""
        return (self.model.uuid,)

    def decorate(self, query: Any) -> Any:
        """The query with any computed columns a table shows (counts); the default adds none."""
        return query

    # --- what tables ask ---------------------------------------------------------------

    def everything(self) -> Any:
        """Every live record of the scope, whatever the filters say."""
        return self.model.live().where(self.scope.condition(self.model.unit))

    def any(self) -> bool:
        """Whether the scope has any record at all (an empty page explains itself; a filtered one says so)."""
        return bool(self.everything().exists())

    def count(self) -> int:
        return int(self.filtered().count())

    def order(self, sort_key: str, descending: bool = False) -> list[Any]:
        key = self.model.unit if sort_key == "unit" else self.sort_keys[sort_key]()
        return [key.desc() if descending else key.asc(), *self.tiebreak()]

    def page(self, sort_key: str, descending: bool, offset: int, limit: int) -> list[Any]:
        """One batch of records, sorted as asked (ties broken by the listing's tiebreak)."""
        query = self.decorate(self.filtered()).order_by(*self.order(sort_key, descending))
        return list(query.offset(offset).limit(limit))
