"""The .fulian package end to end: village → county → city, snapshots, staleness, privacy, dry runs."""

from __future__ import annotations

import base64
import datetime as dt
import json
import zipfile

import pytest

from models import db as dbmod
from models import exchange, meta, units
from models.base import database
from models.exchange import PackageError
from models.homes import Activity, ActivityParticipant
from models.people import Person
from models.photos import PhotoLink
from tests.engines import on_server

from .exchange_helpers import (
    CITY,
    CITY_NAME,
    COUNTY,
    COUNTY_NAME,
    VILLAGE,
    VILLAGE2,
    VILLAGE_NAME,
    collecting,
    copy_db,
    copy_world,
    dump,
    rewrite_manifest,
    use,
)


@pytest.fixture
def dbs(exchange_world, tmp_path):
    yield copy_world(exchange_world, tmp_path)
    dbmod.close_database()


def export_from(db, out, **options):
    use(db)
    return exchange.export_package(out, **options)


def members(path):
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = {
            name[5:-6]: [json.loads(line) for line in archive.read(name).decode().splitlines()]
            for name in archive.namelist()
            if name.startswith("data/")
        }
        return manifest, data, [n for n in archive.namelist() if n.startswith("photos/")]


def test_round_trip_village_county_city_and_read_only(dbs, tmp_path):
    v1 = export_from(dbs["village"], tmp_path / "v1.fulian")
    v2 = export_from(dbs["village2"], tmp_path / "v2.fulian")
    use(dbs["county"])
    for result in (exchange.import_package(v1.path), exchange.import_package(v2.path)):
        assert result.status == exchange.IMPORTED and result.total("added") > 0
    county_pkg = exchange.export_package(tmp_path / "county.fulian")
    assert county_pkg.records["person"] > v1.records["person"] + v2.records["person"]

    city = collecting(tmp_path, "city.sqlite3")
    use(city)
    units.set_own_unit(CITY, CITY_NAME)
    result = exchange.import_package(county_pkg.path)
    assert result.source_code == COUNTY and result.total("added") == sum(county_pkg.records.values())
    village_people = list(Person.live().where(Person.unit == VILLAGE))
    assert len(village_people) == v1.records["person"]
    assert all(exchange.is_read_only(p) for p in village_people)
    assert Activity.select().where(Activity.unit == VILLAGE2).count() == v2.records["activity"]
    names = {u.code: u.name for u in units.Unit.live()}
    assert names[VILLAGE] == VILLAGE_NAME and names[COUNTY] == COUNTY_NAME
    # Photos arrived with the county's package, stored once by content.
    assert database.execute_sql("SELECT count(*) FROM photo").fetchone()[0] == county_pkg.photos > 0


def test_manifest_names_and_sequence(dbs, tmp_path):
    use(dbs["village"])
    name = exchange.default_package_name(now=dt.datetime(2024, 5, 1, 8, 30, 0))
    assert name == f"{VILLAGE}_{VILLAGE_NAME}_20240501-083000.fulian"
    first = exchange.export_package(tmp_path / name)
    second = exchange.export_package(tmp_path / "again.fulian")
    assert (first.sequence, second.sequence) == (1, 2) and meta.get(meta.EXPORT_SEQUENCE) == "2"
    manifest, data, photos = members(first.path)
    assert manifest["format"] == "fulian-package" and manifest["format_version"] == 5
    assert len(base64.b64decode(manifest["installation_key"])) == 32
    with zipfile.ZipFile(first.path) as archive:
        assert len(archive.read("manifest.sig")) == 64
    assert manifest["source"] == {"code": VILLAGE, "name": VILLAGE_NAME, "level": "village"}
    assert manifest["scope"] is None and manifest["privacy"] == {"id_numbers": "omitted", "phones": "masked"}
    assert manifest["installation_id"] == meta.get(meta.INSTALLATION_ID)
    assert dt.datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert set(manifest["members"]) == {f"data/{t}.jsonl" for t in data} | set(photos)
    assert manifest["members"]["data/person.jsonl"]["records"] == len(data["person"])
    assert not list(tmp_path.glob(".*partial"))


def test_same_package_twice_changes_nothing(dbs, tmp_path):
    pkg = export_from(dbs["village"], tmp_path / "v.fulian")
    use(dbs["county"])
    exchange.import_package(pkg.path)
    before = dump()
    again = exchange.import_package(pkg.path)
    assert again.status == exchange.ALREADY_IMPORTED
    assert again.total("added") == again.total("changed") == again.total("tombstoned") == 0
    assert dump() == before
    assert exchange.ImportLog.select().count() == 1


def test_newer_package_replaces_the_snapshot_and_older_is_stale(exchange_world, dbs, tmp_path):
    old = export_from(dbs["village"], tmp_path / "old.fulian")
    gone = Person.live().order_by(Person.name_pinyin).first()
    gone.move_to_recycle_bin()
    edited = Person.live().order_by(Person.name_pinyin.desc()).first()
    edited.workplace = "县妇联挂职"
    edited.save()
    # A record absent from the newer package (not merely tombstoned) is tombstoned too.
    absent = database.execute_sql("SELECT uuid FROM attendance ORDER BY uuid LIMIT 1").fetchone()[0]
    database.execute_sql(f"DELETE FROM attendance WHERE uuid = {database.param}", (absent,))
    new = exchange.export_package(tmp_path / "new.fulian")
    assert new.sequence == old.sequence + 1

    use(dbs["county"])
    exchange.import_package(old.path)
    result = exchange.import_package(new.path)
    assert result.counts["person"].tombstoned == 1 and result.counts["person"].changed == 1
    assert result.counts["attendance"].tombstoned == 1
    assert Person.get_by_id(gone.uuid).deleted and Person.get_by_id(edited.uuid).workplace == "县妇联挂职"
    assert database.execute_sql(f"SELECT deleted FROM attendance WHERE uuid = {database.param}", (absent,)).fetchone()[
        0
    ]
    # Another county that got the newer package first refuses the older one as stale.
    use(copy_db(exchange_world["county"], tmp_path / "county2.sqlite3"))
    exchange.import_package(new.path)
    before = dump()
    with pytest.raises(PackageError) as caught:
        exchange.import_package(old.path)
    assert "old.fulian" in str(caught.value)
    assert dump() == before


def test_two_installations_of_one_unit(dbs, tmp_path):
    second_pc = copy_db(dbs["village"], tmp_path / "second_pc.sqlite3")
    use(second_pc)
    meta.put(meta.INSTALLATION_ID, "00000000-0000-4000-8000-000000000001")
    earlier = exchange.export_package(tmp_path / "earlier.fulian")
    later = export_from(dbs["village"], tmp_path / "later.fulian")
    # created_at has whole seconds: make the order unmistakable.
    _shift_created_at(earlier.path, -3600, second_pc)

    use(dbs["county"])
    exchange.import_package(later.path)
    before = dump()
    with pytest.raises(PackageError) as caught:
        exchange.import_package(earlier.path)
    assert "earlier.fulian" in str(caught.value)
    assert dump() == before
    # The user may choose the other installation's package instead.
    result = exchange.import_package(earlier.path, choose_installation=lambda current, incoming: True)
    assert result.status == exchange.IMPORTED and result.note
    # Back on the first PC's data: later created_at stands, and the result says so.
    newer = export_from(dbs["village"], tmp_path / "newer.fulian")
    use(dbs["county"])
    assert exchange.import_package(newer.path).note


def _shift_created_at(path, seconds, signer):
    def shift(manifest):
        moment = dt.datetime.fromisoformat(manifest["created_at"]) + dt.timedelta(seconds=seconds)
        manifest["created_at"] = moment.isoformat()

    rewrite_manifest(path, shift, signer)


def test_dry_run_writes_nothing_and_counts_the_same(dbs, tmp_path):
    pkg = export_from(dbs["village"], tmp_path / "v.fulian")
    use(dbs["county"])
    before = dump()
    dry = exchange.import_package(pkg.path, dry_run=True)
    assert dump() == before and dry.dry_run
    real = exchange.import_package(pkg.path)
    assert {k: vars(v) for k, v in dry.counts.items()} == {k: vars(v) for k, v in real.counts.items()}
    if on_server():  # the server's own backups keep its database; no file is written beside it
        assert real.backup is None
    else:
        assert real.backup is not None and real.backup.exists()


def test_sensitive_activities_travel_as_counts_only(dbs, tmp_path):
    use(dbs["village"])
    with_people = (
        Activity.select()
        .join(ActivityParticipant, on=(ActivityParticipant.activity == Activity.uuid))
        .distinct()
        .first()
    )
    assert with_people is not None
    with_people.sensitive = True
    with_people.summary = "张某某的情况"
    with_people.save()
    linked = PhotoLink.select().where(PhotoLink.owner == with_people.uuid).count()
    pkg = exchange.export_package(tmp_path / "v.fulian")
    _manifest, data, _photos = members(pkg.path)
    assert not [p for p in data["activity_participant"] if p["activity"] == with_people.uuid]
    assert not [p for p in data["photo_link"] if p["owner"] == with_people.uuid]
    row = next(a for a in data["activity"] if a["uuid"] == with_people.uuid)
    assert row["summary"] == "" and row["women"] == with_people.women
    assert linked == 0 or len(data["photo_link"]) < PhotoLink.select().count()


def test_id_numbers_omitted_by_default_and_masked_on_request(dbs, tmp_path):
    use(dbs["village"])
    numbers = {p.uuid: p.id_number for p in Person.select() if p.id_number}
    assert numbers
    _m, data, _p = members(exchange.export_package(tmp_path / "plain.fulian").path)
    assert all(p["id_number"] is None for p in data["person"])
    manifest, data, _p = members(exchange.export_package(tmp_path / "masked.fulian", id_numbers="masked").path)
    assert manifest["privacy"]["id_numbers"] == "masked"
    masked = {p["uuid"]: p["id_number"] for p in data["person"] if p["id_number"]}
    assert masked.keys() == numbers.keys()
    assert all("*" in value and value[-4:] == numbers[uuid][-4:] for uuid, value in masked.items())


def test_scope_limits_dated_records_and_what_is_tombstoned(dbs, tmp_path):
    use(dbs["village"])
    dates = sorted(a.date for a in Activity.select())
    cut = dates[len(dates) // 2]
    full = exchange.export_package(tmp_path / "full.fulian")
    pkg = exchange.export_package(tmp_path / "part.fulian", scope_from=cut, scope_to=dt.date(2099, 1, 1), photos=False)
    manifest, data, photos = members(pkg.path)
    assert manifest["scope"] == {"from": cut.isoformat(), "to": "2099-01-01"} and photos == []
    named_by_needs = {n["activity"] for n in data["need"]}  # a need's activity travels with it
    assert data["activity"] and all(
        a["date"] >= cut.isoformat() or a["uuid"] in named_by_needs for a in data["activity"]
    )
    assert len(data["person"]) == Person.select().count()  # people are always sent
    use(dbs["county"])
    exchange.import_package(full.path)
    # The part package's scope covers only the later activities: the earlier stay as they are.
    result = exchange.import_package(pkg.path)
    assert result.counts["activity"].tombstoned == 0
    assert Activity.live().where(Activity.unit == VILLAGE).count() == full.records["activity"]


def test_a_package_without_photos_imports_its_links_only_where_photos_exist(dbs, tmp_path):
    pkg = export_from(dbs["village"], tmp_path / "nophotos.fulian", photos=False)
    use(dbs["county"])
    result = exchange.import_package(pkg.path)
    assert result.skipped_photo_links == pkg.records["photo_link"] > 0
    assert PhotoLink.select().where(PhotoLink.unit == VILLAGE).count() == 0


def test_import_log_records_the_package(dbs, tmp_path):
    pkg = export_from(dbs["village"], tmp_path / "v.fulian")
    use(dbs["county"])
    exchange.import_package(pkg.path)
    entry = exchange.ImportLog.get()
    assert (entry.package_id, entry.source_code, entry.sequence) == (pkg.package_id, VILLAGE, pkg.sequence)
    assert json.loads(entry.counts)["person"]["added"] == pkg.records["person"]
    assert len(entry.file_sha256) == 64 and entry.unit == COUNTY
