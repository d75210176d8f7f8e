"""Which tables travel in a package, in what order, with which columns and references.

The columns are read from the peewee models so a new field travels without
being listed twice; what the models cannot say (which column decides the
scope, polymorphic photo owners) is written here. Tables are listed parents
first, so an import can insert them in this order under foreign keys.
"""

from __future__ import annotations

import datetime as _dt
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from models import fields, id_crypto

TEXT, INT, REAL, BOOL, DATE, DATETIME = "text", "int", "real", "bool", "date", "datetime"
# Columns a table keeps for itself, made here from a travelling column and never sent: local → its source.
# (The lookup key of an ID number is keyed per database.)
LOCAL_COLUMNS: dict[str, dict[str, str]] = {"person": {"id_number_key": "id_number"}}
# Columns a record table keeps for itself and never sends, nor compares with a package's: who changed the row
# here (models.base.CHANGED_BY). An import stamps its own clerk on the rows it writes.
KEPT_COLUMNS = frozenset({"changed_by"})
# Columns stored encrypted while this database has a password (models.id_crypto); they travel in clear.
SEALED_COLUMNS: dict[str, str] = {"person": "id_number"}
# Travelling limits that differ from the stored column's: an encrypted value is longer than a number.
TRAVEL_LENGTHS: dict[tuple[str, str], int] = {("person", "id_number"): 18}
PHOTO_TABLE = "photo"  # content-addressed, travels as photos/<sha256>.jpg, not as JSON lines
OWNER = "*owner*"  # photo_link.owner: the uuid of a record in any travelling table


@dataclass(frozen=True)
class Column:
    """One column as it travels: its JSON kind, whether null is allowed, its limit, its reference."""

    name: str
    kind: str
    null: bool
    max_length: int | None = None
    ref: str | None = None  # table name, PHOTO_TABLE or OWNER
    table: str = ""  # the table it belongs to, for its label and rules in models.fields


@dataclass(frozen=True)
class TableSpec:
    """A travelling table: its columns and how its records fall within a dated scope."""

    name: str
    columns: tuple[Column, ...]
    date_column: str | None = None  # a dated root: in scope when this date is in the period
    parent: str | None = None  # a child: in scope when the record this column names is
    stamped: bool = False  # the table has a changed_by column (KEPT_COLUMNS) that an import fills in

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def index(self, name: str) -> int:
        return self.column_names.index(name)


def _kind(field) -> tuple[str, int | None]:
    if isinstance(field, ForeignKeyField):
        return TEXT, 36
    if isinstance(field, BooleanField):
        return BOOL, None
    if isinstance(field, DateTimeField):
        return DATETIME, None
    if isinstance(field, DateField):
        return DATE, None
    if isinstance(field, IntegerField):
        return INT, None
    if isinstance(field, FloatField):
        return REAL, None
    if isinstance(field, CharField):
        return TEXT, field.max_length
    if isinstance(field, TextField):
        return TEXT, None
    raise TypeError(f"no travelling kind for {field!r}")


def _spec(model, date_column=None, parent=None, extra_refs=None) -> TableSpec:
    extra_refs = extra_refs or {}
    columns = []
    local = LOCAL_COLUMNS.get(model._meta.table_name, {})
    for field in model._meta.sorted_fields:
        if field.column_name in local or field.column_name in KEPT_COLUMNS:
            continue
        kind, max_length = _kind(field)
        ref = (
            field.rel_model._meta.table_name
            if isinstance(field, ForeignKeyField)
            else extra_refs.get(field.column_name)
        )
        table = model._meta.table_name
        rule = fields.rule(table, field.column_name)
        if rule is not None and kind == TEXT:
            max_length = rule.max_length
        max_length = TRAVEL_LENGTHS.get((table, field.column_name), max_length)
        columns.append(Column(field.column_name, kind, bool(field.null), max_length, ref, table))
    stamped = "changed_by" in model._meta.columns
    return TableSpec(model._meta.table_name, tuple(columns), date_column, parent, stamped)


@lru_cache(maxsize=1)
def table_specs() -> tuple[TableSpec, ...]:
    """Every travelling table, parents before children."""
    from models import awards, care_counts, disputes, homes, meetings, photos, training, year_documents
    from models.duties import records as duties
    from models.elections import records as er

    from ..people import Person
    from ..units import Unit

    return (
        _spec(Unit),
        _spec(Person),
        _spec(homes.Home),
        _spec(homes.HomeDemonstration, parent="home"),
        _spec(er.Election, date_column="meeting_date"),
        _spec(er.ElectionStep, parent="election"),
        _spec(er.ElectionRepresentative, parent="election"),
        _spec(er.ElectionRound, parent="election"),
        _spec(er.ElectionCandidate, parent="round"),
        _spec(er.CommitteeMember, parent="election"),
        _spec(homes.Activity, date_column="date"),
        _spec(homes.ActivityParticipant, parent="activity"),
        _spec(training.Training, date_column="start_date"),
        _spec(training.TrainingSession, parent="training"),
        _spec(training.Trainee, parent="training"),
        _spec(training.Attendance, parent="session"),
        # The committee at work. Undated roots travel whole in a package of any period (a need names
        # contacts and a project of any date, a nomination its meeting); a need's activity comes along
        # with it (rows.PULLED).
        _spec(duties.Household),
        _spec(duties.HouseholdLink, parent="household"),
        _spec(duties.Contact),
        _spec(duties.Project),
        _spec(duties.Need),
        _spec(duties.NeedContact, parent="need"),
        _spec(meetings.Meeting),
        _spec(meetings.MeetingAttendee, parent="meeting"),
        _spec(meetings.MeetingLink, parent="meeting"),
        _spec(year_documents.YearDocument),
        _spec(year_documents.YearDocumentSection, parent="document"),
        _spec(awards.Nomination),
        _spec(awards.Award),
        # Rights and care: the rows of the registers never travel (parties, children, women's health), only
        # the monthly dispute report (without its notes) and the counts (export.py, care_counts.refresh).
        _spec(disputes.DisputeReport),
        _spec(care_counts.CareCount),
        # Last: its owner may be a record of any table above.
        _spec(photos.PhotoLink, parent="owner", extra_refs={"owner": OWNER, "photo": PHOTO_TABLE}),
    )


def table_names() -> tuple[str, ...]:
    return tuple(spec.name for spec in table_specs())


def data_member(table: str) -> str:
    return f"data/{table}.jsonl"


def photo_member(digest: str) -> str:
    return f"photos/{digest}.jpg"


# --- values: database ⇄ JSON ----------------------------------------------------------------


def to_json(kind: str, value):
    """A value read from the database in the form it travels (and is compared) in."""
    if value is None:
        return None
    if kind == BOOL:
        return bool(value)
    if kind == INT:
        return int(value)
    if kind == REAL:
        return float(value)
    if kind == DATE:
        return value.isoformat() if isinstance(value, _dt.date) else str(value)[:10]
    if kind == DATETIME:
        if isinstance(value, _dt.datetime):
            return value.isoformat()
        try:
            return _dt.datetime.fromisoformat(str(value)).isoformat()
        except ValueError:
            return str(value)
    return value


def to_db(kind: str, value):
    """A checked JSON value as the database stores it (what peewee itself would write)."""
    if value is None:
        return None
    if kind == DATETIME:
        return str(_dt.datetime.fromisoformat(value))  # "YYYY-MM-DD HH:MM:SS[.ffffff]", as peewee stores it
    return value


def _datetime_to_db(values) -> list:
    if None in values:
        return [to_db(DATETIME, v) for v in values]
    # A checked value is naive datetime.isoformat(), so str(fromisoformat(v)) only puts a space for the T.
    return list(map(_T_TO_SPACE, values))


_T_TO_SPACE = operator.methodcaller("replace", "T", " ", 1)


def stored_names(spec: TableSpec) -> tuple[str, ...]:
    """The columns ``rows_to_db`` gives values for: the travelling ones, then the table's local ones."""
    return spec.column_names + tuple(LOCAL_COLUMNS.get(spec.name, {}))


def rows_to_db(spec: TableSpec, rows: list[tuple]) -> list[tuple]:
    """Checked JSON-form rows as the database stores them (to_db of every value, a column at a time),
    in the order of ``stored_names``: an ID number sealed as this database keeps it, and its lookup key.

    A value already sealed (kept by an import, to be rolled back) is read and sealed anew, never twice.
    """
    converted = [at for at, column in enumerate(spec.columns) if column.kind == DATETIME]
    local = LOCAL_COLUMNS.get(spec.name, {})
    if (not converted and not local) or not rows:
        return rows
    columns: list[Sequence] = list(zip(*rows))
    for at in converted:
        columns[at] = _datetime_to_db(columns[at])
    if local:
        codec = id_crypto.current()
        sealed = SEALED_COLUMNS.get(spec.name)
        clear = {}
        if sealed is not None:
            at = spec.index(sealed)
            clear[sealed] = [codec.unseal(value) for value in columns[at]]
            columns[at] = [codec.seal(value) for value in clear[sealed]]
        for source in local.values():
            values = clear[source] if source in clear else columns[spec.index(source)]
            columns.append([codec.lookup(value) for value in values])
    return list(zip(*columns))


def rows_from_db(spec: TableSpec, rows: list[tuple]) -> list[tuple]:
    """Rows read in the spec's column order with their sealed column in clear (raises IdNumbersLocked
    while it cannot be read)."""
    sealed = SEALED_COLUMNS.get(spec.name)
    if sealed is None or not rows:
        return rows
    codec = id_crypto.current()
    at = spec.index(sealed)
    if not any(isinstance(row[at], str) and row[at].startswith(id_crypto.PREFIX) for row in rows):
        return rows
    return [row[:at] + (codec.unseal(row[at]),) + row[at + 1 :] for row in rows]


def sealed_row(spec: TableSpec, row: tuple) -> tuple:
    """A JSON-form row with its sealed column as this database stores it (what an import keeps of a record)."""
    sealed = SEALED_COLUMNS.get(spec.name)
    if sealed is None:
        return row
    at = spec.index(sealed)
    return row[:at] + (id_crypto.seal(row[at]),) + row[at + 1 :]


def quote(name: str) -> str:
    """Quoted identifier: some columns (round, no, position, session) are SQL words."""
    return '"' + name.replace('"', '""') + '"'
