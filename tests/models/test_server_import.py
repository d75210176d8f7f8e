"""A folder of village packages imported into a county database on a server, as a clerk imports them."""

from __future__ import annotations

import pytest

from models import db as dbmod
from models import exchange, importing, units
from models.people import Person

from .exchange_helpers import COUNTY, COUNTY_NAME, VILLAGE, VILLAGE2, VILLAGE2_NAME, VILLAGE_NAME, make_installation

pytestmark = pytest.mark.server_only


def test_a_folder_of_packages_imports_on_a_server_without_a_copy_beside_it(db_path, tmp_path):
    folder = tmp_path / "packages"
    folder.mkdir()
    for code, name, seed in ((VILLAGE, VILLAGE_NAME, 1), (VILLAGE2, VILLAGE2_NAME, 2)):
        dbmod.open_database(make_installation(tmp_path / f"{code}.sqlite3", code, name, seed=seed))
        exchange.export_package(folder / f"{code}.fulian", photos=False)
        dbmod.close_database()
    dbmod.open_database(db_path)
    try:
        units.set_own_unit(COUNTY, COUNTY_NAME)
        outcome = importing.import_files([folder], unit_code=COUNTY)
        assert [f.status for f in outcome.files] == [importing.IMPORTED, importing.IMPORTED], [
            f.error for f in outcome.files
        ]
        # The server backs up its own database: no copy of it was taken on this PC.
        assert all(f.package is not None and f.package.backup is None for f in outcome.files)
        assert not list(tmp_path.rglob("backups"))
        villages = {p.unit for p in Person.select(Person.unit)}
        assert {VILLAGE, VILLAGE2} <= villages
    finally:
        dbmod.close_database()
