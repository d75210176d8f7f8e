"""Shared helpers for the package tests: one temporary database per installation, table dumps.

Villages always keep a SQLite file; the installation that collects (township, county, city) is a file on the
default engine and a database on the server with ``--engine=postgresql`` (``tests.engines``). A location is
therefore a ``Path`` or a URL string.
"""

from __future__ import annotations

import base64
import json
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

from models import db as dbmod
from models import exchange, meta
from models.base import database
from models.demo import make_demo
from models.exchange import signing
from tests import engines

Location = Path | str

VILLAGE, VILLAGE_NAME = "430121100201", "石门村"
VILLAGE2, VILLAGE2_NAME = "430121100202", "桃花村"
COUNTY, COUNTY_NAME = "430121000000", "长沙县"
CITY, CITY_NAME = "430100000000", "长沙市"
TODAY = __import__("datetime").date(2024, 11, 30)


def use(location: Location) -> None:
    """Switch the bound database to ``location`` (the other installation's PC, or the office's server)."""
    dbmod.close_database()
    dbmod.open_database(location)


def collecting(folder: Path, file_name: str) -> Location:
    """Where a new collecting installation (township, county, city) keeps its database: on the engine tested."""
    return engines.new_location(folder, file_name)


def make_installation(location: Location, code: str, name: str, seed: int, units_below: int = 0) -> Location:
    use(location)
    make_demo(code, name, units_below=units_below, seed=seed, today=TODAY)
    dbmod.close_database()
    return location


def make_world(base: Path) -> dict[str, Location]:
    """Two villages and their county, each an installation of its own (tests copy the databases they change)."""
    return {
        "village": make_installation(base / "village.sqlite3", VILLAGE, VILLAGE_NAME, seed=1),
        "village2": make_installation(base / "village2.sqlite3", VILLAGE2, VILLAGE2_NAME, seed=2),
        "county": make_installation(collecting(base, "county.sqlite3"), COUNTY, COUNTY_NAME, seed=3),
    }


def county_that_imported_two_villages(base: Path) -> dict[str, Location]:
    """A demo county that has imported the packages of two demo villages (by the importer, as a clerk
    would), and the first village's own database. Closed; tests work on copies."""
    from models import importing

    packages = []
    for code, name, seed in ((VILLAGE, VILLAGE_NAME, 1), (VILLAGE2, VILLAGE2_NAME, 2)):
        use(make_installation(base / f"{code}.sqlite3", code, name, seed=seed))
        packages.append(exchange.export_package(base / f"{code}.fulian").path)
    county = make_installation(collecting(base, "county.sqlite3"), COUNTY, COUNTY_NAME, seed=3)
    use(county)
    outcome = importing.import_files(packages, unit_code=COUNTY)
    assert [f.status for f in outcome.files] == ["imported", "imported"]
    dbmod.close_database()
    return {"county": county, "village": base / f"{VILLAGE}.sqlite3"}


def copy_db(source: Location, dest: Path) -> Location:
    """A copy of the closed database ``source`` for a test to change: the file ``dest``, or a server database."""
    return engines.copy_location(source, dest.parent, dest.name)


def copy_world(world: dict[str, Location], folder: Path) -> dict[str, Location]:
    """Copies of every installation's database of ``world`` (in ``folder`` when files), for a test to change."""
    return {name: copy_db(location, folder / f"{name}.sqlite3") for name, location in world.items()}


def export_villages(copies: dict[str, Location], folder: Path) -> dict[str, exchange.ExportResult]:
    """Each village's first package, written to ``folder``; the county's copy is the bound database after."""
    packages = {}
    for name in ("village", "village2"):
        use(copies[name])
        packages[name] = exchange.export_package(folder / f"{name}-1.fulian")
    use(copies["county"])
    return packages


def dump() -> dict[str, list[str]]:
    """Every row of every table of the open database (what 'nothing written' is checked against)."""
    tables = [t for t in database.get_tables() if not t.startswith("sqlite_")]  # peewee lists them on both engines
    return {t: sorted(map(_shown_row, database.execute_sql(f'SELECT * FROM "{t}"'))) for t in tables}


def _shown_row(row: tuple) -> str:
    # A server gives a blob as a memoryview, whose repr is its address: compare the bytes.
    return repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))


def open_location() -> Location | None:
    """The bound database's location as ``use`` takes it, or None when none is open."""
    db = database.obj
    if db is None or db.is_closed():
        return None
    return db.fulian_url if dbmod.is_server() else dbmod.current_path()


def signature_by(db: Location, data: bytes) -> bytes:
    """``data`` signed with the key kept in the database ``db`` (as its installation would sign it)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    was_open = open_location()
    use(db)
    try:
        stored = meta.get(signing.PRIVATE_KEY)
    finally:
        dbmod.close_database()
        if was_open is not None:
            use(was_open)
    assert stored, f"{db} has no installation key yet"
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored)).sign(data)


def rewrite_manifest(path: Path, change: Callable[[dict], None], signer: Location | None) -> Path:
    """Change a package's manifest in place, signing the new bytes with the key in ``signer`` (None: keep the
    old signature, which then no longer matches)."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    manifest = json.loads(dict((i.filename, d) for i, d in items)["manifest.json"])
    change(manifest)
    raw = json.dumps(manifest, ensure_ascii=False).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in items:
            if info.filename == "manifest.json":
                data = raw
            elif info.filename == "manifest.sig" and signer is not None:
                data = signature_by(signer, raw)
            archive.writestr(info, data)
    return path


def new_installation() -> None:
    """Make the open database another installation of its unit (a reinstalled or second PC): a new id and key."""
    meta.put(meta.INSTALLATION_ID, str(uuid.uuid4()))
    meta.MetaEntry.delete().where(meta.MetaEntry.key == signing.PRIVATE_KEY).execute()
