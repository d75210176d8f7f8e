"""The `check` command: database integrity and every record against its rules."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import peewee

from models import db as dbmod

from . import fields, id_crypto
from .base import database
from .i18n import _
from .people import Person, check_person, person_input
from .units import Unit, code_error, own_unit


def check_database() -> list[str]:
    """Every problem found, one line each, in the interface language.

    A database that failed its check when it was opened is reported by
    ``models.db.damage_report`` (a few of SQLite's lines, and what to do), not
    here line by line, and its records are not checked: what damaged pages
    hold is no record to judge.
    """
    if dbmod.database_damage() is not None:
        return []
    problems: list[str] = []
    if not dbmod.is_server():
        # A server checks its pages as it reads them and enforces every reference on each write.
        conn: sqlite3.Connection = database.obj.connection()
        for line in dbmod.integrity_problems(conn):
            problems.append(_("Database integrity: {problem}").format(problem=line))
        for table in dbmod.broken_reference_tables(conn):
            problems.append(_("Database integrity: broken reference in {table}").format(table=table))
    try:
        return problems + _record_problems()
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        # Damaged pages: what could be read is reported, never a traceback.
        return problems + [_("The records could not all be read: {error}").format(error=exc)]


def _record_problems() -> list[str]:
    problems: list[str] = []
    if own_unit() is None:
        problems.append(_("This database has no unit yet (run init)."))
    for unit in Unit.live():
        error = code_error(unit.code)
        if error:
            problems.append(_("Unit {name} ({code}): {problem}").format(name=unit.name, code=unit.code, problem=error))

    seen_ids: dict[tuple[str, str], list[Person]] = defaultdict(list)
    for person in Person.live().order_by(Person.unit, Person.name_pinyin):
        _clean, errors = check_person(person_input(person))
        for field_error in errors:
            problems.append(
                _("Person {name} ({unit}): {problem}").format(
                    name=person.name, unit=person.unit, problem=field_error.message
                )
            )
        key = id_crypto.lookup_key(person.id_number)
        if key is not None:
            seen_ids[(person.unit, key)].append(person)
        if key != person.id_number_key:
            # Duplicates are found by this key: one that does not match its number hides them.
            problems.append(
                _(
                    "Person {name} ({unit}): the lookup key of the ID number is out of date; save the person again."
                ).format(name=person.name, unit=person.unit)
            )
    problems += _stored_text_problems()
    problems += _election_rule_problems()
    for (unit, _number), people in seen_ids.items():
        if len(people) > 1:
            problems.append(
                _("Unit {unit}: the same ID number is recorded for {names}.").format(
                    unit=unit, names="、".join(p.name for p in people)
                )
            )
    return problems


def _election_rule_problems() -> list[str]:
    """Elections whose stored counting rules are unknown (a package from elsewhere may carry any value):
    they would be counted by the default rule."""
    from models.elections import records as er  # only the check needs the election tables

    problems: list[str] = []
    for election in er.Election.live().order_by(er.Election.unit, er.Election.meeting_date):
        for field_error in er.rules_problems(election):
            problems.append(
                _("Election {title} ({unit}): {problem}").format(
                    title=election.title(), unit=election.unit, problem=field_error.message
                )
            )
    return problems


def _stored_text_problems() -> list[str]:
    """Text fields of live records (people aside: check_person covers them) that break the field rules."""
    problems: list[str] = []
    tables: dict[str, list[str]] = defaultdict(list)
    for table, column in fields.RULES:
        if table != "person":
            tables[table].append(column)
    for table, columns in tables.items():
        names = ", ".join(f'"{c}"' for c in columns)
        # Only rows holding a value too long or a character below U+0020 or a bidi control can fail.
        sql = f'SELECT "uuid", "unit", {names} FROM "{table}" WHERE "deleted" = {database.obj.param}'
        for row in database.execute_sql(sql, (False,)):
            for problem in fields.stored_problems(table, dict(zip(columns, row[2:]))):
                problems.append(
                    _("Record {uuid} of {unit}: {problem}").format(uuid=row[0], unit=row[1], problem=problem)
                )
    return problems
