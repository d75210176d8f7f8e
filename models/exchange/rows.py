"""Reading travelling records of a unit and the units below it, and deciding which fall in a scope.

Export and import share these: an export reads what its unit holds; an import
reads what it already holds of a source, to count changes and to find the
records a newer snapshot no longer carries.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from models import units

from ..base import database
from .tables import OWNER, TEXT, TableSpec, quote, rows_from_db, table_specs, to_json

_PREFIX_END = {units.PROVINCE: 2, units.CITY: 4, units.COUNTY: 6, units.TOWNSHIP: 9, units.VILLAGE: 12}
CHUNK = 500
# Dated records that travel in a package of any period when an undated record names them:
# (table, column) → the dated table. A need's activity goes with the need, so that the need's
# reference always resolves at the importer.
PULLED = {("need", "activity"): "activity"}


def in_subtree(code: str, root: str, cache: dict | None = None) -> bool:
    """True when ``code`` is ``root`` or a unit below it."""
    if code == root:
        return True
    key = (code, root)
    if cache is not None and key in cache:
        return cache[key]
    try:
        below = units.code_error(code) is None and units.is_below(code, root)
    except ValueError:
        below = False
    if cache is not None:
        cache[key] = below
    return below


def _prefix_range(prefix: str) -> tuple[str, str | None]:
    """[low, high) holding every code that starts with ``prefix``, a range an index on unit serves.

    (LIKE cannot use the index, and SQLite prepares a LIKE on a parameter again
    for every new value.) The range may also hold codes that are not below the
    root; in_subtree filters those out.
    """
    if not prefix.isdigit() or set(prefix) == {"9"}:
        return prefix, None
    return prefix, str(int(prefix) + 1).zfill(len(prefix))


def subtree_rows(spec: TableSpec, root: str) -> list[tuple]:
    """Rows (JSON form, in the spec's column order) owned by ``root`` or a unit below it.

    ID numbers come in clear, as they travel (raises IdNumbersLocked while they cannot be read).
    """
    prefix = root[: _PREFIX_END[units.level_of(root)]]
    names = ", ".join(quote(c.name) for c in spec.columns)
    unit, param = quote("unit"), database.param
    low, high = _prefix_range(prefix)
    sql = f"SELECT {names} FROM {quote(spec.name)} WHERE {unit} >= {param}"
    params: tuple = (low,)
    if high is not None:
        sql += f" AND {unit} < {param}"
        params += (high,)
    unit_at = spec.index("unit")
    cache: dict = {}
    found = [row for row in database.execute_sql(sql, params) if in_subtree(row[unit_at], root, cache)]
    return rows_to_json(spec, rows_from_db(spec, found))


def rows_to_json(spec: TableSpec, rows: list[tuple]) -> list[tuple]:
    """Database rows in JSON form (to_json of every value, a column at a time)."""
    if not rows:
        return []
    columns: list[Sequence] = list(zip(*rows))
    for at, column in enumerate(spec.columns):
        if column.kind != TEXT:
            kind = column.kind
            columns[at] = [to_json(kind, value) for value in columns[at]]
    return list(zip(*columns))


def owners_of(table: str, uuids) -> dict[str, str]:
    """uuid → owning unit, for those of ``uuids`` already in ``table``."""
    uuids = list(uuids)
    found: dict[str, str] = {}
    for start in range(0, len(uuids), CHUNK):
        chunk = uuids[start : start + CHUNK]
        marks = ", ".join([database.param] * len(chunk))
        sql = f"SELECT {quote('uuid')}, {quote('unit')} FROM {quote(table)} WHERE {quote('uuid')} IN ({marks})"
        found.update((uuid, unit) for uuid, unit in database.execute_sql(sql, chunk))
    return found


def existing_keys(table: str, key: str, values) -> set[str]:
    values = list(values)
    found: set[str] = set()
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        marks = ", ".join([database.param] * len(chunk))
        sql = f"SELECT {quote(key)} FROM {quote(table)} WHERE {quote(key)} IN ({marks})"
        found.update(row[0] for row in database.execute_sql(sql, chunk))
    return found


def _in_period(value: str | None, date_from: _dt.date | None, date_to: _dt.date | None) -> bool:
    if date_from is None and date_to is None:
        return True
    if value is None:
        return False  # an undated election is in no period
    day = _dt.date.fromisoformat(value[:10])
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def scoped(
    rows_by_table: dict[str, list[tuple]], date_from: _dt.date | None, date_to: _dt.date | None
) -> dict[str, set[str]]:
    """table → uuids within the period: dated roots by their date, children with their parent."""
    in_scope: dict[str, set[str]] = {}
    everything: set[str] = set()
    specs = {spec.name: spec for spec in table_specs()}
    pulled: dict[str, set[str]] = {}
    for (table, column), target in PULLED.items():
        at = specs[table].index(column)
        pulled.setdefault(target, set()).update(row[at] for row in rows_by_table.get(table, []) if row[at])
    for spec in specs.values():
        rows = rows_by_table.get(spec.name, [])
        uuid_at = spec.index("uuid")
        if spec.date_column:
            at = spec.index(spec.date_column)
            also = pulled.get(spec.name, set())
            chosen = {row[uuid_at] for row in rows if row[uuid_at] in also or _in_period(row[at], date_from, date_to)}
        elif spec.parent:
            at = spec.index(spec.parent)
            ref = next(c.ref for c in spec.columns if c.name == spec.parent)
            if ref == OWNER:
                # Without a period every record is in; with one, a photo follows its owner.
                unscoped = date_from is None and date_to is None
                chosen = {row[uuid_at] for row in rows if unscoped or row[at] in everything}
            else:
                parents = in_scope.get(ref, set()) if ref else set()
                chosen = {row[uuid_at] for row in rows if row[at] in parents}
        else:
            chosen = {row[uuid_at] for row in rows}
        in_scope[spec.name] = chosen
        everything |= chosen
    return in_scope
