"""Limits on packages: records per member and in all, checked before the work starts, naming the limit."""

from __future__ import annotations

import hashlib
import json
import re
import time
import zipfile

import pytest

from models import db as dbmod
from models import exchange, units
from models.exchange import PackageError, verify

from .exchange_helpers import copy_db, dump, signature_by, use

PERSONS = "data/person.jsonl"


@pytest.fixture(scope="module")
def genuine(exchange_world, tmp_path_factory):
    use(exchange_world["village"])
    path = exchange.export_package(tmp_path_factory.mktemp("limits") / "a1.fulian").path
    dbmod.close_database()
    return path


@pytest.fixture
def county(exchange_world, tmp_path):
    use(copy_db(exchange_world["county"], tmp_path / "county.sqlite3"))
    yield
    dbmod.close_database()


def repack(source, dest, signer, person_lines: bytes | None = None, records: int | None = None):
    """``source`` with its person member replaced and/or its announced record count changed, signed again."""
    with zipfile.ZipFile(source) as archive:
        items = {info.filename: archive.read(info) for info in archive.infolist()}
    manifest = json.loads(items["manifest.json"])
    entry = manifest["members"][PERSONS]
    if person_lines is not None:
        items[PERSONS] = person_lines
        entry["sha256"], entry["bytes"] = hashlib.sha256(person_lines).hexdigest(), len(person_lines)
    if records is not None:
        entry["records"] = records
    raw = json.dumps(manifest, ensure_ascii=False).encode()
    items["manifest.json"], items["manifest.sig"] = raw, signature_by(signer, raw)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items.items():
            archive.writestr(name, data)
    return dest


def test_a_million_records_announced_by_a_village_are_refused_before_reading(county, genuine, exchange_world, tmp_path):
    before = dump()
    package = repack(genuine, tmp_path / "huge.fulian", exchange_world["village"], records=1_000_000)
    with pytest.raises(PackageError) as refused:
        exchange.import_package(package)
    message = str(refused.value)
    announced = max(int(number) for number in re.findall(r"\d+", message))
    assert "huge.fulian" in message and announced > 1_000_000 and str(verify.MAX_RECORDS[units.VILLAGE]) in message
    assert dump() == before


def test_a_member_holding_more_lines_than_announced_stops_at_its_first_chunk(county, genuine, exchange_world, tmp_path):
    """A real million lines (3 MB, zipped to a few kB): refused after the first megabyte, nothing parsed."""
    lines = b"{}\n" * 1_000_000
    package = repack(genuine, tmp_path / "lying.fulian", exchange_world["village"], person_lines=lines)
    assert package.stat().st_size < 1_000_000
    before = dump()
    started = time.perf_counter()
    with pytest.raises(PackageError, match="data/person.jsonl") as refused:
        exchange.import_package(package)
    assert "lying.fulian" in str(refused.value)
    assert time.perf_counter() - started < 2.0
    assert dump() == before


def test_lowered_limits_per_member_and_in_all_name_the_limit(county, genuine, monkeypatch):
    with zipfile.ZipFile(genuine) as archive:
        announced = json.loads(archive.read("manifest.json"))["members"]
    largest = max(m["records"] for m in announced.values())
    monkeypatch.setattr(verify, "MAX_MEMBER_RECORDS", largest - 1)
    with pytest.raises(PackageError, match=f"{largest - 1}"):
        exchange.import_package(genuine, dry_run=True)
    monkeypatch.setattr(verify, "MAX_MEMBER_RECORDS", largest)
    total = sum(m["records"] for name, m in announced.items() if name.startswith("data/"))
    monkeypatch.setitem(verify.MAX_RECORDS, units.VILLAGE, total - 1)
    with pytest.raises(PackageError, match=f"{total - 1}"):
        exchange.import_package(genuine, dry_run=True)
    monkeypatch.setitem(verify.MAX_RECORDS, units.VILLAGE, total)
    assert exchange.import_package(genuine).status == exchange.IMPORTED
