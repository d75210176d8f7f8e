"""Moving a whole database into an empty one: onto the server and back into a file, every table the same."""

from __future__ import annotations

import datetime as _dt
import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from models import db as dbmod
from models import meta
from models.db import DatabaseError
from models.demo import make_demo
from models.exchange.signing import PRIVATE_KEY
from models.homes import Home
from models.migrate_to import MigrationRefused, migrate_to, source_checksums
from models.people import Person
from models.photos import Photo
from tests import engines

COUNTY_CODE, COUNTY_NAME = "430121000000", "长沙县"
RARE_NAME = "𠀋䶮芳"  # characters outside the basic plane and in extension A
FLOOR_AREA = 123.456789012345


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A county's database with three villages below, photos, a rare name and a precise float."""
    path = tmp_path_factory.mktemp("move") / "county.sqlite3"
    dbmod.open_database(path)
    make_demo(COUNTY_CODE, COUNTY_NAME, units_below=3, photos=4)
    person = Person.select().order_by(Person.uuid).first()
    Person.update(name=RARE_NAME).where(Person.uuid == person.uuid).execute()
    home = Home.select().order_by(Home.uuid).first()
    Home.update(floor_area=FLOOR_AREA, own_room=True).where(Home.uuid == home.uuid).execute()
    dbmod.close_database()
    return path


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sample(location) -> dict:
    """A few values as the program reads them: a name, a boolean, a float, a timestamp, a photo's bytes, the ids."""
    dbmod.open_database(location, create=False, read_only=True)
    try:
        rare = Person.get(Person.name == RARE_NAME)
        home = Home.get(Home.floor_area == FLOOR_AREA)
        photo = Photo.select().order_by(Photo.sha256).first()
        return {
            "rare": (rare.uuid, rare.name, rare.part_time, rare.created_at),
            "home": (home.uuid, home.own_room, home.floor_area),
            "photo": (photo.sha256, bytes(photo.data), photo.created_at),
            "ids": (meta.get(meta.DATABASE_ID), meta.get(meta.INSTALLATION_ID), meta.get(meta.OWN_UNIT)),
            "key": meta.get(PRIVATE_KEY),
        }
    finally:
        dbmod.close_database()


def server_tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    return sorted(row[0] for row in rows)


def test_a_file_moves_into_a_new_file_with_every_table_the_same(source, tmp_path):
    lines: list[str] = []
    result = migrate_to(source, tmp_path / "moved" / "county.sqlite3", lines.append)
    dbmod.close_database()
    assert result.ok and result.rows > 1000
    assert {check.table for check in result.checks} >= {"person", "photo", "meta", "activity", "import_change"}
    assert len(lines) == 1 + len(result.checks) and any("person" in line for line in lines)
    assert source_checksums(tmp_path / "moved" / "county.sqlite3") == source_checksums(source)
    moved, original = sample(tmp_path / "moved" / "county.sqlite3"), sample(source)
    assert moved == original
    assert moved["rare"][1] == RARE_NAME and moved["home"][1:] == (True, FLOOR_AREA)
    assert isinstance(moved["rare"][3], _dt.datetime) and moved["photo"][1][:2] == b"\xff\xd8"


@pytest.mark.server_only
def test_a_file_moves_onto_the_server_and_back_the_same(source, tmp_path):
    url = engines.new_server_database(migrated=False)
    up = migrate_to(source, url)
    dbmod.close_database()
    assert up.ok
    assert source_checksums(url) == source_checksums(source)
    on_server = sample(url)
    assert on_server == sample(source)
    assert on_server["rare"][1] == RARE_NAME and on_server["home"][1:] == (True, FLOOR_AREA)

    back = migrate_to(url, tmp_path / "back.sqlite3")
    dbmod.close_database()
    assert back.ok and back.rows == up.rows
    assert [(c.table, c.target_sum) for c in back.checks] == [(c.table, c.target_sum) for c in up.checks]
    assert sample(tmp_path / "back.sqlite3") == sample(source)
    # The moved database opens for writing like any other, keeping the source's identity.
    dbmod.open_database(url)
    assert meta.get(meta.DATABASE_ID) == on_server["ids"][0]


def test_an_existing_file_is_refused_and_left_unchanged(source, tmp_path):
    target = tmp_path / "there.sqlite3"
    target.write_bytes(source.read_bytes())
    before = file_digest(target)
    with pytest.raises(MigrationRefused, match="nothing was changed|未作任何改动|已存在"):
        migrate_to(source, target)
    assert file_digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["there.sqlite3"]


@pytest.mark.server_only
def test_a_server_database_with_tables_is_refused_and_left_unchanged(source):
    url = engines.new_server_database(migrated=True)  # the program's tables, no rows of a unit
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (line TEXT)")
        conn.execute("INSERT INTO notes VALUES ('kept')")
    before = server_tables(url)
    with pytest.raises(MigrationRefused):
        migrate_to(source, url)
    assert server_tables(url) == before
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT line FROM notes").fetchall() == [("kept",)]
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0


def interrupt_after(tables: int):
    seen: list[str] = []

    def progress(line: str) -> None:
        seen.append(line)
        if len(seen) == tables:
            raise KeyboardInterrupt

    return progress, seen


def test_an_interrupted_move_into_a_file_leaves_no_file(source, tmp_path):
    progress, seen = interrupt_after(20)
    with pytest.raises(KeyboardInterrupt):
        migrate_to(source, tmp_path / "new" / "county.sqlite3", progress)
    assert len(seen) == 20
    assert not (tmp_path / "new").exists()
    assert list(tmp_path.iterdir()) == []


def test_a_value_the_target_cannot_hold_stops_the_move_and_leaves_nothing(source, tmp_path):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(source.read_bytes())
    with closing(sqlite3.connect(broken)) as conn:
        conn.execute("UPDATE activity SET date = 'soon' WHERE uuid = (SELECT max(uuid) FROM activity)")
        conn.commit()
    with pytest.raises(DatabaseError, match="activity") as caught:
        migrate_to(broken, tmp_path / "moved.sqlite3")
    assert "soon" in str(caught.value)
    assert not (tmp_path / "moved.sqlite3").exists()
    assert not any(p.name.startswith("moved") for p in tmp_path.iterdir())


@pytest.mark.server_only
def test_a_failure_mid_move_leaves_the_server_database_empty(source, tmp_path):
    url = engines.new_server_database(migrated=False)
    progress, seen = interrupt_after(20)
    with pytest.raises(KeyboardInterrupt):
        migrate_to(source, url, progress)
    dbmod.close_database()
    assert len(seen) == 20 and server_tables(url) == []

    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(source.read_bytes())
    with closing(sqlite3.connect(broken)) as conn:
        conn.execute("UPDATE person SET part_time = 'maybe' WHERE uuid = (SELECT max(uuid) FROM person)")
        conn.commit()
    with pytest.raises(DatabaseError, match="person"):
        migrate_to(broken, url)
    dbmod.close_database()
    assert server_tables(url) == []
    # The next try, from a sound source, succeeds.
    assert migrate_to(source, url).ok


@pytest.mark.server_only
def test_a_text_longer_than_the_servers_column_is_told_in_words_and_leaves_nothing(source, tmp_path):
    # A file may hold what a server column refuses (SQLite keeps any length): a message, never a traceback.
    url = engines.new_server_database(migrated=False)
    broken = tmp_path / "long.sqlite3"
    broken.write_bytes(source.read_bytes())
    with closing(sqlite3.connect(broken)) as conn:
        conn.execute("UPDATE person SET workplace = ? WHERE uuid = (SELECT max(uuid) FROM person)", ("长" * 300,))
        conn.commit()
    with pytest.raises(DatabaseError) as caught:
        migrate_to(broken, url)
    dbmod.close_database()
    assert "check" in str(caught.value) and server_tables(url) == []


def test_a_password_in_the_target_url_is_refused_before_anything_is_read(source):
    with pytest.raises(DatabaseError) as caught:
        migrate_to(source, "postgresql://clerk:secret@127.0.0.1:5432/fulian")
    assert "secret" not in str(caught.value) and "PGPASSWORD" in str(caught.value)
