"""The migrated database and the peewee models describe the same schema.

Why this test exists: the schema of every real database is built only by the
frozen steps in ``models/migrations`` (the program never calls
``create_table``), while all code reads and writes through the peewee models.
Nothing else notices when the two drift apart: a field added to a model
without a migration step works in no user's database, and an index or a
foreign key written in a step but not declared on the model is invisible to
anyone who reads the models. So a database is built here by running every
step, and compared table by table with every model of the program.

How the models are found: every module of the ``models`` package is imported
(except the frozen steps in ``models.migrations``, which never declare
models), and every ``peewee.Model`` subclass defined in ``models.*`` is taken.
Nothing here names a module, so modules can be moved or renamed freely.
A model is an abstract base, with no table of its own, when other models
derive from it and it does not name a table in its ``Meta`` (today
``BaseModel`` and ``Record``; peewee would call their tables ``base_model``
and ``record``, which no step creates and nothing queries).

What is compared, and what is deliberately not:

* Tables: every model's table exists; every table of the database belongs to
  a model, unless it is in ``TABLES_WITHOUT_MODEL`` below with a reason
  (SQLite's own ``sqlite_*`` tables are never ours and are ignored).
* Columns, both ways: name, type, NOT NULL, primary key. The type a model
  declares is its ``field_type`` through the SQLite database's own mapping
  (``field_types``, the one peewee would use in CREATE TABLE) with its
  length, e.g. ``VARCHAR(36)``. The steps are portable SQL (they must also
  run on PostgreSQL), so two types are spelled differently from peewee's
  SQLite mapping and are accepted as the same: ``BOOLEAN`` for a boolean
  (peewee: ``INTEGER``; SQLite stores 0/1 either way) and ``TIMESTAMP`` for a
  date-time (peewee: ``DATETIME``; both are stored as text by peewee).
  VARCHAR lengths are compared although SQLite ignores them: PostgreSQL
  enforces them and the package import checks values against the model's.
* Defaults: ``default=`` on a field is a Python-side default that peewee
  fills in on every insert; it is not a database default and the steps need
  not repeat it (``election.kind`` has none in the database, and that is
  fine). A database-level default is declared on a model as
  ``constraints=[SQL("DEFAULT ...")]``; such a default must be in the
  database with the same value. When the database has a DEFAULT and the
  model a constant Python ``default=``, the two state one value twice and
  must agree (compared as values, so ``TRUE`` matches ``True`` and ``3``
  matches ``3.0``). Callable defaults (a new uuid, the time now) have no
  database counterpart and are not compared.
* Indexes, both ways: by table, columns in order and uniqueness (from
  ``index=True``, ``unique=True`` and ``Meta.indexes``), not by name: peewee's
  name for an index is never used, the step's CREATE INDEX names it. The
  automatic index of a primary key is not an index a model declares.
* Foreign keys, both ways: column, referenced table and column, ON DELETE
  and ON UPDATE (a ``ForeignKeyField``; the database's from
  ``PRAGMA foreign_key_list``).

On the server engine (``--engine=postgresql``) the same comparisons are made
with a database the steps built on the PostgreSQL server: its tables,
columns, indexes and foreign keys are read from the server's catalog
(``pg_catalog``), its types compared with peewee's PostgreSQL mapping (the
server database's own ``field_types``). One spelling differs there by
design: a float is ``DOUBLE PRECISION`` where peewee says ``REAL``
(``models.server.server_ddl``: PostgreSQL's REAL has 4 bytes, SQLite's 8).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import namedtuple

import peewee

import models
from models import db as dbmod
from models.server import ServerDatabase

# Tables that exist in a migrated database but belong to no model, each with
# the reason it may. Empty today: even ``meta`` has its model (MetaEntry).
TABLES_WITHOUT_MODEL: dict[str, str] = {}

# Spellings the portable steps use where peewee's SQLite mapping says otherwise.
PORTABLE_SPELLINGS = {
    "BOOL": {"BOOLEAN"},
    "DATETIME": {"TIMESTAMP"},
}

# Spellings the server's steps use where peewee's PostgreSQL mapping says otherwise (models.server.server_ddl).
SERVER_SPELLINGS = {
    "FLOAT": {"DOUBLEPRECISION"},
}

# PostgreSQL's names of types (format_type) as CREATE TABLE spells them, and peewee's mapping does.
SERVER_TYPE_NAMES = {
    "character varying": "VARCHAR",
    "character": "CHAR",
    "timestamp without time zone": "TIMESTAMP",
    "time without time zone": "TIME",
    "integer": "INTEGER",
    "bigint": "BIGINT",
    "smallint": "SMALLINT",
    "boolean": "BOOLEAN",
    "text": "TEXT",
    "date": "DATE",
    "bytea": "BYTEA",
    "double precision": "DOUBLE PRECISION",
    "real": "REAL",
    "numeric": "NUMERIC",
}

# ON DELETE / ON UPDATE as pg_constraint codes them.
SERVER_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

# A foreign key declared on a plain field, as peewee would write it into CREATE TABLE.
_ACTION = r"SET\s+NULL|SET\s+DEFAULT|NO\s+ACTION|CASCADE|RESTRICT"
REFERENCES = re.compile(
    rf"\s*REFERENCES\s+\"?(?P<table>\w+)\"?\s*\(\s*\"?(?P<to>\w+)\"?\s*\)"
    rf"(?:\s+ON\s+DELETE\s+(?P<on_delete>{_ACTION}))?(?:\s+ON\s+UPDATE\s+(?P<on_update>{_ACTION}))?\s*",
    re.IGNORECASE,
)

Column = namedtuple("Column", "type notnull primary_key default")
ForeignKey = namedtuple("ForeignKey", "column table to on_delete on_update")


# --- the models ---------------------------------------------------------------------------------


def import_every_model_module() -> None:
    def fail(name):
        raise ImportError(f"cannot import {name}")

    for info in pkgutil.walk_packages(models.__path__, "models.", onerror=fail):
        if info.name == "models.migrations" or info.name.startswith("models.migrations."):
            continue
        importlib.import_module(info.name)


def all_subclasses(cls) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= all_subclasses(sub)
    return found


def is_abstract_base(model, all_models) -> bool:
    """A base other models derive from that names no table of its own (peewee's derived name)."""
    derived_from = any(other is not model and issubclass(other, model) for other in all_models)
    return derived_from and model._meta.table_name == model._meta.make_table_name()


def program_models() -> dict[str, type]:
    """Table name → model, for every model of the program that has a table."""
    import_every_model_module()
    found = {m for m in all_subclasses(peewee.Model) if m.__module__.startswith("models.")}
    tables: dict[str, type] = {}
    for model in sorted(found, key=lambda m: (m.__module__, m.__name__)):
        if is_abstract_base(model, found):
            continue
        table = model._meta.table_name
        assert table not in tables, f"{tables[table].__name__} and {model.__name__} both declare table {table}"
        tables[table] = model
    return tables


def declared_type(field, field_types) -> str:
    base = field_types.get(field.field_type, field.field_type)
    modifiers = field.get_modifiers()
    return f"{base}({', '.join(map(str, modifiers))})" if modifiers else base


def sql_default(field) -> str | None:
    """The DEFAULT a field declares for the database (constraints=[SQL("DEFAULT ...")]), if any."""
    for constraint in field.constraints or ():
        text = getattr(constraint, "sql", "")
        if isinstance(text, str) and text.strip().upper().startswith("DEFAULT "):
            return text.strip()[len("DEFAULT ") :].strip()
    return None


def model_columns(model, field_types) -> dict[str, tuple[Column, object]]:
    """Column name → (what the model declares, the field)."""
    return {
        field.column_name: (
            Column(declared_type(field, field_types), not field.null, bool(field.primary_key), sql_default(field)),
            field,
        )
        for field in model._meta.sorted_fields
    }


def model_indexes(model) -> set[tuple[tuple[str, ...], bool]]:
    indexes = set()
    for index in model._meta.fields_to_index():
        parts = tuple(part.column_name if isinstance(part, peewee.Field) else str(part) for part in index._expressions)
        indexes.add((parts, bool(index._unique)))
    return indexes


def action(text: str | None) -> str:
    """An ON DELETE / ON UPDATE action as PRAGMA foreign_key_list spells it."""
    return " ".join((text or "NO ACTION").upper().split())


def model_foreign_keys(model) -> set[ForeignKey]:
    """ForeignKeyFields, and plain fields declaring constraints=[SQL("REFERENCES t (c) ...")]."""
    found = set()
    for field in model._meta.sorted_fields:
        if isinstance(field, peewee.ForeignKeyField):
            found.add(
                ForeignKey(
                    field.column_name,
                    field.rel_model._meta.table_name,
                    field.rel_field.column_name,
                    action(field.on_delete),
                    action(field.on_update),
                )
            )
        for constraint in field.constraints or ():
            match = REFERENCES.fullmatch(getattr(constraint, "sql", None) or "")
            if match:
                found.add(
                    ForeignKey(
                        field.column_name,
                        match["table"],
                        match["to"],
                        action(match["on_delete"]),
                        action(match["on_update"]),
                    )
                )
    return found


# --- the migrated database ----------------------------------------------------------------------


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def on_server(db) -> bool:
    return isinstance(db, ServerDatabase)


def database_tables(db) -> set[str]:
    if on_server(db):
        rows = db.execute_sql(
            "SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace"
        ).fetchall()
        return {name for (name,) in rows}
    rows = db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows if not name.startswith("sqlite_")}


def server_type(text: str) -> str:
    """``character varying(36)`` → ``VARCHAR(36)``: a type as format_type names it, spelled as in CREATE TABLE."""
    name, _, modifiers = text.partition("(")
    spelled = SERVER_TYPE_NAMES.get(name.strip(), name.strip().upper())
    return f"{spelled}({modifiers}" if modifiers else spelled


def server_columns(db, table) -> dict[str, Column]:
    rows = db.execute_sql(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
        "  EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary "
        "          AND a.attnum = ANY (i.indkey)), "
        "  pg_get_expr(d.adbin, d.adrelid) "
        "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
        (quoted(table),),
    ).fetchall()
    return {
        name: Column(server_type(type_), bool(notnull), bool(pk), default) for name, type_, notnull, pk, default in rows
    }


def database_columns(db, table) -> dict[str, Column]:
    if on_server(db):
        return server_columns(db, table)
    rows = db.execute_sql(f"PRAGMA table_info({quoted(table)})").fetchall()
    return {
        name: Column(type_.upper(), bool(notnull), pk > 0, default) for _cid, name, type_, notnull, default, pk in rows
    }


def server_indexes(db, table) -> set[tuple[tuple[str, ...], bool]]:
    rows = db.execute_sql(
        "SELECT i.indisunique, ARRAY(SELECT COALESCE(a.attname, '<expression>') "
        "  FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) "
        "  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0 "
        "  ORDER BY k.n) "
        "FROM pg_index i WHERE i.indrelid = %s::regclass AND NOT i.indisprimary",
        (quoted(table),),
    ).fetchall()
    return {(tuple(columns), bool(unique)) for unique, columns in rows}


def database_indexes(db, table) -> set[tuple[tuple[str, ...], bool]]:
    if on_server(db):
        return server_indexes(db, table)
    indexes = set()
    for _seq, name, unique, origin, _partial in db.execute_sql(f"PRAGMA index_list({quoted(table)})"):
        if origin == "pk":
            continue
        info = db.execute_sql(f"PRAGMA index_info({quoted(name)})").fetchall()
        parts = tuple(column if column is not None else "<expression>" for _seqno, _cid, column in info)
        indexes.add((parts, bool(unique)))
    return indexes


def server_foreign_keys(db, table) -> set[ForeignKey]:
    rows = db.execute_sql(
        "SELECT a.attname, r.relname, ra.attname, c.confdeltype, c.confupdtype "
        "FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_class r ON r.oid = c.confrelid "
        "JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND c.conrelid = %s::regclass",
        (quoted(table),),
    ).fetchall()
    return {
        ForeignKey(column, ref_table, to, SERVER_ACTIONS[on_delete], SERVER_ACTIONS[on_update])
        for column, ref_table, to, on_delete, on_update in rows
    }


def database_foreign_keys(db, table) -> set[ForeignKey]:
    if on_server(db):
        return server_foreign_keys(db, table)
    rows = db.execute_sql(f"PRAGMA foreign_key_list({quoted(table)})").fetchall()
    return {
        ForeignKey(from_, ref_table, to, action(on_delete), action(on_update))
        for _id, _seq, ref_table, from_, to, on_update, on_delete, _match in rows
    }


def sql_value(db, literal: str):
    """What SQLite makes of a default's SQL text ('F' → F, TRUE → 1, 3 → 3)."""
    return db.execute_sql(f"SELECT {literal}").fetchone()[0]


# --- comparing ----------------------------------------------------------------------------------


def same_type(model_type: str, field, db_type: str, server: bool = False) -> bool:
    def normal(text):
        return text.replace(" ", "").upper()

    if server:
        return normal(db_type) == normal(model_type) or normal(db_type) in SERVER_SPELLINGS.get(field.field_type, ())
    return normal(db_type) == normal(model_type) or normal(db_type) in PORTABLE_SPELLINGS.get(field.field_type, ())


def both_ways(what, declared: set, stored: set, model) -> list[str]:
    """Differences between two sets of ``what`` (a function describing one item)."""
    return [
        f"{what(item)}: model {model.__name__} declares it, the migrated database has none"
        for item in sorted(declared - stored)
    ] + [
        f"{what(item)}: the migrated database has it, model {model.__name__} does not declare it"
        for item in sorted(stored - declared)
    ]


def column_drift(db, table, model, field_types) -> list[str]:
    problems = []
    declared = model_columns(model, field_types)
    stored = database_columns(db, table)
    for name in sorted(declared.keys() - stored.keys()):
        problems.append(
            f"column {table}.{name}: model {model.__name__} declares it ({declared[name][0].type}), "
            "the migrated database has no such column"
        )
    for name in sorted(stored.keys() - declared.keys()):
        problems.append(
            f"column {table}.{name}: the migrated database has it ({stored[name].type}), "
            f"model {model.__name__} has no field for it"
        )
    for name in sorted(declared.keys() & stored.keys()):
        want, field = declared[name]
        have = stored[name]
        where = f"column {table}.{name}"
        if not same_type(want.type, field, have.type, on_server(db)):
            problems.append(f"{where}: the model says type {want.type}, the migrated database has {have.type}")
        if want.notnull != have.notnull:
            problems.append(
                f"{where}: the model says {'NOT NULL' if want.notnull else 'NULL allowed'}, "
                f"the migrated database has {'NOT NULL' if have.notnull else 'NULL allowed'}"
            )
        if want.primary_key != have.primary_key:

            def key(is_key):
                return "primary key" if is_key else "not a primary key"

            problems.append(
                f"{where}: the model says {key(want.primary_key)}, the migrated database has {key(have.primary_key)}"
            )
        problems += default_drift(db, where, want, field, have)
    return problems


def default_drift(db, where, want: Column, field, have: Column) -> list[str]:
    """A declared DB default must be there; a constant Python default must agree with a DB one."""
    if want.default is not None:
        if have.default is None:
            return [f"{where}: the model declares DEFAULT {want.default}, the migrated database has no default"]
        if sql_value(db, want.default) != sql_value(db, have.default):
            return [
                f"{where}: the model declares DEFAULT {want.default}, the migrated database has DEFAULT {have.default}"
            ]
        return []
    if have.default is None or field.default is None or callable(field.default):
        return []
    python_default = field.db_value(field.default)
    if python_default != sql_value(db, have.default):
        return [f"{where}: the model's default is {field.default!r}, the migrated database has DEFAULT {have.default}"]
    return []


def index_drift(db, table, model) -> list[str]:
    def describe(index):
        columns, unique = index
        return f"{'unique ' if unique else ''}index on {table} ({', '.join(columns)})"

    return both_ways(describe, model_indexes(model), database_indexes(db, table), model)


def foreign_key_drift(db, table, model) -> list[str]:
    def describe(fk: ForeignKey):
        actions = (
            ""
            if (fk.on_delete, fk.on_update) == ("NO ACTION", "NO ACTION")
            else f" ON DELETE {fk.on_delete} ON UPDATE {fk.on_update}"
        )
        return f"foreign key {table}.{fk.column} → {fk.table} ({fk.to}){actions}"

    return both_ways(describe, model_foreign_keys(model), database_foreign_keys(db, table), model)


def schema_drift(db) -> list[str]:
    declared = program_models()
    stored = database_tables(db)
    problems = [
        f"table {table}: model {declared[table].__name__} declares it, the migrated database has none"
        for table in sorted(declared.keys() - stored)
    ]
    problems += [
        f"table {table}: the migrated database has it, no model declares it "
        "(add a model, or allow it in TABLES_WITHOUT_MODEL with the reason)"
        for table in sorted(stored - declared.keys() - TABLES_WITHOUT_MODEL.keys())
    ]
    field_types = db.get_context_options()["field_types"]
    for table in sorted(declared.keys() & stored):
        model = declared[table]
        problems += column_drift(db, table, model, field_types)
        problems += index_drift(db, table, model)
        problems += foreign_key_drift(db, table, model)
    return problems


# --- the test -----------------------------------------------------------------------------------


def test_the_models_match_the_schema_the_migrations_build(db_path):
    db = dbmod.open_database(db_path)
    try:
        problems = schema_drift(db)
    finally:
        dbmod.close_database()
    assert not problems, (
        "The peewee models and the schema built by models/migrations differ "
        f"({len(problems)} {'difference' if len(problems) == 1 else 'differences'}):\n" + "\n".join(problems)
    )


def test_the_allowed_tables_without_a_model_still_exist(db_path):
    """An allow-list entry for a table that is gone would hide nothing and mislead."""
    db = dbmod.open_database(db_path)
    try:
        stale = set(TABLES_WITHOUT_MODEL) - database_tables(db)
    finally:
        dbmod.close_database()
    assert not stale, f"TABLES_WITHOUT_MODEL lists tables no migration creates: {sorted(stale)}"
