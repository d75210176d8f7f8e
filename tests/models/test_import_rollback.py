"""Every import can be undone: a unit rolled back to its state before an import, and imported again."""

from __future__ import annotations

import pytest

from models import db as dbmod
from models import exchange, recycle_bin
from models.base import database
from models.exchange import LargeRemoval, RollbackError
from models.people import Person

from .exchange_helpers import VILLAGE, copy_db, dump, use

TRAVELLING = [spec.name for spec in exchange.tables.table_specs()]


def travelling_dump() -> dict[str, list]:
    everything = dump()
    return {table: everything[table] for table in TRAVELLING}


@pytest.fixture(scope="module")
def packages(exchange_world, tmp_path_factory):
    """Village A's first package, and a second one that renames a person, adds one and deletes most of the rest."""
    base = tmp_path_factory.mktemp("rollback")
    village = copy_db(exchange_world["village"], base / "village.sqlite3")
    use(village)
    made = dict(exchange_world)
    made["a1"] = exchange.export_package(base / "a1.fulian").path
    people = list(Person.live().where(Person.unit == VILLAGE).order_by(Person.name))
    Person.update(name="改名的人").where(Person.uuid == people[0].uuid).execute()
    Person.create(unit=VILLAGE, name="新来的人")
    recycle_bin.move_to_bin("people", [p.uuid for p in people[1 : len(people) * 2 // 3]], VILLAGE)
    for table in ("activity", "activity_participant", "photo_link"):  # a whole ledger deleted by mistake
        database.execute_sql(f'UPDATE "{table}" SET deleted = 1 WHERE unit = ? AND deleted = 0', (VILLAGE,))
    made["a2"] = exchange.export_package(base / "a2.fulian").path
    made["people"] = len(people)
    dbmod.close_database()
    yield made
    dbmod.close_database()


@pytest.fixture
def county(packages, tmp_path):
    path = copy_db(packages["county"], tmp_path / "county.sqlite3")
    use(path)
    exchange.import_package(packages["a1"])
    yield path
    dbmod.close_database()


def test_a_package_removing_a_large_share_needs_a_confirmation(county, packages):
    before = dump()
    preview = exchange.import_package(packages["a2"], dry_run=True)
    assert preview.large_removal and preview.counts["person"].tombstoned >= packages["people"] // 2
    assert preview.counts["activity"].tombstoned == preview.held_by_table["activity"]
    with pytest.raises(LargeRemoval) as refused:
        exchange.import_package(packages["a2"])
    assert str(preview.removed) in str(refused.value) and "a2.fulian" in str(refused.value)
    assert dump() == before
    result = exchange.import_package(packages["a2"], allow_large_removal=True)
    assert result.status == exchange.IMPORTED and result.removed == preview.removed


def test_a_rollback_restores_every_row_exactly_and_removes_what_the_import_added(county, packages):
    before = travelling_dump()
    exchange.import_package(packages["a2"], allow_large_removal=True)
    assert travelling_dump() != before
    assert Person.live().where(Person.name == "新来的人").exists()
    (latest, first) = exchange.list_imports(VILLAGE)
    assert (latest.file_name, latest.added, latest.rolled_back) == ("a2.fulian", 1, False)

    result = exchange.roll_back_import(latest.id)

    assert [e.id for e in result.rolled_back] == [latest.id]
    assert result.removed == 1 and result.restored == latest.changed + latest.removed
    after = travelling_dump()
    added = Person.get(Person.name == "新来的人")
    assert added.deleted  # what the import added is tombstoned, nothing else differs
    after["person"] = [row for row in after["person"] if added.uuid not in row]
    assert after == before
    entries = exchange.list_imports(VILLAGE)
    assert [e.rolled_back for e in entries] == [True, False]
    with pytest.raises(RollbackError):
        exchange.roll_back_import(latest.id)


def test_a_package_rolled_back_can_be_imported_again(county, packages):
    exchange.import_package(packages["a2"], allow_large_removal=True)
    wanted = travelling_dump()
    exchange.roll_back_import(exchange.list_imports(VILLAGE)[0].id)
    again = exchange.import_package(packages["a2"], allow_large_removal=True)
    assert again.status == exchange.IMPORTED
    assert travelling_dump() == {t: rows for t, rows in wanted.items() if t != "person"} | {
        "person": travelling_dump()["person"]
    }
    assert Person.live().where(Person.name == "新来的人").exists()
    assert Person.live().where(Person.name == "改名的人").exists()


def test_rolling_back_an_earlier_import_rolls_back_the_later_ones_too(county, packages):
    exchange.import_package(packages["a2"], allow_large_removal=True)
    second, first = exchange.list_imports(VILLAGE)
    assert [e.id for e in exchange.later_imports(first.id)] == [second.id]
    result = exchange.roll_back_import(first.id)
    assert [e.id for e in result.rolled_back] == [second.id, first.id]
    assert not Person.live().where(Person.unit == VILLAGE).exists()
    # The genuine first package applies again.
    assert exchange.import_package(packages["a1"]).status == exchange.IMPORTED
    assert Person.live().where(Person.unit == VILLAGE).count() == packages["people"]


def test_an_unknown_import_is_refused_with_a_message(county):
    with pytest.raises(RollbackError, match="no-such"):
        exchange.roll_back_import("no-such")
