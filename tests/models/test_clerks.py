"""Who did it: each change and each import records its clerk (the OS user, or the name chosen at start).

Runs on both engines: the collecting installation (the county) is on the
server with ``--engine=postgresql``, the villages keep SQLite files.
"""

from __future__ import annotations

import json
import zipfile

import pytest

import cli
from models import care_counts, clerk, exchange, units
from models import db as dbmod
from models.base import database
from models.exchange import ImportLog, list_imports
from models.exchange.tables import table_specs
from models.homes import Activity
from models.people import Person
from tests import engines

from .exchange_helpers import COUNTY, COUNTY_NAME, VILLAGE, VILLAGE_NAME, make_installation, use


@pytest.fixture(autouse=True)
def clerk_restored():
    clerk.choose(None)
    yield
    clerk.choose(None)


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    """A demo village's database and its first package (files; tests do not change them)."""
    folder = tmp_path_factory.mktemp("clerks")
    path = make_installation(folder / "village.sqlite3", VILLAGE, VILLAGE_NAME, seed=1)
    use(path)
    package = exchange.export_package(folder / "village-1.fulian").path
    dbmod.close_database()
    return {"db": path, "package": package, "folder": folder}


def county(tmp_path):
    """A new county installation (on the server with --engine=postgresql), open."""
    location = engines.new_location(tmp_path, "county.sqlite3")
    dbmod.open_database(location)
    units.set_own_unit(COUNTY, COUNTY_NAME)
    return location


def changed_by(table: str) -> set[str]:
    return {by for (by,) in database.execute_sql(f'SELECT DISTINCT "changed_by" FROM "{table}"')}


def test_a_save_records_the_clerk_who_made_it(database):
    clerk.choose("王芳")
    person = Person.create(unit="430121100201", name="李梅")
    assert Person.get_by_id(person.uuid).changed_by == "王芳"
    clerk.choose("  赵 丽  ")
    person.name = "李梅梅"
    person.save()
    stored = Person.get_by_id(person.uuid)
    assert stored.changed_by == "赵 丽" and stored.name == "李梅梅"
    clerk.choose(None)  # back to the operating-system user
    person.move_to_recycle_bin()
    assert Person.get_by_id(person.uuid).changed_by == clerk.system_user()


def test_bulk_changes_record_the_clerk_too(database):
    clerk.choose("王芳")
    care_counts.store("430121100201", "petitions", "2026-11", {("status", "open"): 2, ("status", "closed"): 1})
    assert changed_by("care_count") == {"王芳"}
    clerk.choose("赵丽")
    # One count changes, one goes (tombstoned), one stays as it was.
    care_counts.store("430121100201", "petitions", "2026-11", {("status", "open"): 3})
    rows = {
        code: (count, deleted, by)
        for code, count, deleted, by in database.execute_sql(
            'SELECT "code", "count", "deleted", "changed_by" FROM "care_count"'
        )
    }
    assert rows["open"][0] == 3 and rows["open"][2] == "赵丽"
    assert rows["closed"][1] and rows["closed"][2] == "赵丽"


def test_an_import_records_its_clerk_on_the_log_and_the_rows(village, tmp_path):
    county(tmp_path)
    clerk.choose("王芳")
    result = exchange.import_package(village["package"], backup=False)
    assert result.status == exchange.IMPORTED
    (entry,) = list_imports()
    assert entry.imported_by == "王芳"
    assert ImportLog.get().imported_by == "王芳"
    imported = Activity.select().where(Activity.unit == VILLAGE)
    assert imported.count() > 0 and {a.changed_by for a in imported} == {"王芳"}


def test_records_a_later_package_removes_carry_that_import_s_clerk(village, tmp_path):
    location = county(tmp_path)
    clerk.choose("王芳")
    exchange.import_package(village["package"], backup=False)
    # The village deletes an activity and sends its next package.
    use(engines.copy_location(village["db"], tmp_path, "village-copy.sqlite3"))
    gone = Activity.live().where(Activity.unit == VILLAGE).order_by(Activity.uuid).first()
    gone.move_to_recycle_bin()
    second = exchange.export_package(tmp_path / "village-2.fulian").path
    use(location)
    clerk.choose("赵丽")
    result = exchange.import_package(second, backup=False)
    assert result.status == exchange.IMPORTED and result.removed >= 1
    stored = Activity.get_by_id(gone.uuid)
    assert stored.deleted and stored.changed_by == "赵丽"
    assert [e.imported_by for e in list_imports()] == ["赵丽", "王芳"]


def test_the_clerk_never_travels_in_a_package(village, tmp_path):
    county(tmp_path)
    clerk.choose("王芳")
    exchange.import_package(village["package"], backup=False)
    # The county sends upward what it holds: nothing of who changed what here goes with it.
    result = exchange.export_package(tmp_path / "county-1.fulian")
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        rows = [
            json.loads(line)
            for name in names
            if name.startswith("data/")
            for line in archive.read(name).decode().splitlines()
        ]
    assert rows and not any("changed_by" in row or "imported_by" in row for row in rows)
    assert "changed_by" not in json.dumps(manifest)
    assert all("changed_by" not in spec.column_names for spec in table_specs())


def test_a_second_import_by_another_clerk_is_already_imported_and_changes_no_name(village, tmp_path):
    county(tmp_path)
    clerk.choose("王芳")
    exchange.import_package(village["package"], backup=False)
    clerk.choose("赵丽")
    again = exchange.import_package(village["package"], backup=False)
    assert again.status == exchange.ALREADY_IMPORTED
    assert [e.imported_by for e in list_imports()] == ["王芳"]
    assert "赵丽" not in changed_by("activity")


def test_the_command_line_imports_as_the_clerk_named_and_lists_who_imported(village, tmp_path, capsys):
    db = tmp_path / "county-cli.sqlite3"
    assert cli.main(["init", "--db", str(db), "--code", COUNTY, "--name", COUNTY_NAME]) == 0
    assert cli.main(["import", "--clerk", "王芳", "--db", str(db), str(village["package"])]) == 0
    capsys.readouterr()
    assert cli.main(["imports", "--db", str(db)]) == 0
    assert "王芳" in capsys.readouterr().out
    dbmod.open_database(db)
    try:
        assert ImportLog.get().imported_by == "王芳"
        assert {a.changed_by for a in Activity.select().where(Activity.unit == VILLAGE)} == {"王芳"}
    finally:
        dbmod.close_database()
    # Given before the command it works the same; the next command without it records the operating-system user.
    other = tmp_path / "other.sqlite3"
    assert cli.main(["--clerk", "赵丽", "init", "--db", str(other), "--code", COUNTY, "--name", COUNTY_NAME]) == 0
    assert cli.main(["import", "--db", str(other), str(village["package"])]) == 0
    dbmod.open_database(other)
    try:
        assert units.Unit.get(units.Unit.code == COUNTY).changed_by == "赵丽"
        assert ImportLog.get().imported_by == clerk.system_user()
    finally:
        dbmod.close_database()


def test_every_record_table_keeps_its_clerk_column_on_this_engine(database):
    """What the drift test compares on SQLite, asked of either engine: step 17 gave every record table
    ``changed_by`` (and the import log ``imported_by``), NOT NULL with '' for rows written without one."""
    from models.base import Record
    from tests.models.test_schema_drift import program_models

    record_tables = sorted(name for name, model in program_models().items() if issubclass(model, Record))
    assert "import_log" in record_tables and "person" in record_tables
    for table in record_tables:
        columns = {c.name: c for c in database.get_columns(table)}
        wanted = ["changed_by", "imported_by"] if table == "import_log" else ["changed_by"]
        for name in wanted:
            assert name in columns, f"{table}.{name}"
            assert not columns[name].null, f"{table}.{name}"
    # A row written without it (a raw INSERT, as older SQL would) gets '' rather than NULL.
    param = database.param
    database.execute_sql(
        'INSERT INTO "unit" ("uuid", "unit", "created_at", "updated_at", "deleted", "code", "name", "level") '
        f"VALUES ({', '.join([param] * 8)})",
        ("u-raw", VILLAGE, "2026-01-01 00:00:00", "2026-01-01 00:00:00", False, "430121100299", "新村", "village"),
    )
    assert units.Unit.get_by_id("u-raw").changed_by == ""
