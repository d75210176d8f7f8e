"""Signed packages: forgeries and changed packages are refused, a unit's new computer needs its fingerprint."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
import zipfile

import pdfplumber
import pytest

from forms.package_cover import build_cover
from models import db as dbmod
from models import exchange, importing
from models.exchange import PackageError, UnconfirmedPackage, signing
from models.people import Person

from .exchange_helpers import (
    COUNTY,
    VILLAGE,
    VILLAGE2,
    VILLAGE_NAME,
    copy_db,
    dump,
    new_installation,
    rewrite_manifest,
    use,
)

TOWNSHIP = VILLAGE[:9] + "000"


@pytest.fixture(scope="module")
def world(exchange_world, tmp_path_factory):
    """The shared world and each village's first package."""
    base = tmp_path_factory.mktemp("signing")
    made = dict(exchange_world)
    use(made["village"])
    made["a1"] = exchange.export_package(base / "a1.fulian").path
    use(made["village2"])
    made["b1"] = exchange.export_package(base / "b1.fulian").path
    dbmod.close_database()
    yield made
    dbmod.close_database()


@pytest.fixture
def county(world, tmp_path):
    """A county that has imported both villages' genuine packages (their keys pinned)."""
    path = copy_db(world["county"], tmp_path / "county.sqlite3")
    use(path)
    exchange.import_package(world["a1"])
    exchange.import_package(world["b1"])
    yield path
    dbmod.close_database()


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write(path, items: dict[str, bytes], manifest: dict, key=None):
    """A package from ``items`` with ``manifest``, member hashes fixed; signed by ``key`` (an Ed25519 private
    key, as a forger's own), or keeping the old signature when ``key`` is None."""
    for name, data in items.items():
        if name in manifest["members"]:
            manifest["members"][name].update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    if key is not None:
        import base64

        manifest["installation_key"] = base64.b64encode(key.public_key().public_bytes_raw()).decode()
    raw = json.dumps(manifest, ensure_ascii=False).encode()
    items = dict(items, **{"manifest.json": raw})
    if key is not None:
        items["manifest.sig"] = key.sign(raw)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items.items():
            archive.writestr(name, data)
    return path


def forge_from_b(world, path, code, name, key=None):
    """Finding 1: village B's package made to name another unit, a new installation and tomorrow's date,
    its data members emptied and their hashes fixed."""
    items = members(world["b1"])
    manifest = json.loads(items["manifest.json"])
    manifest["source"] = {"code": code, "name": name, "level": "village" if code != TOWNSHIP else "township"}
    manifest["installation_id"] = str(uuid.uuid4())
    manifest["package_id"] = str(uuid.uuid4())
    manifest["created_at"] = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat(timespec="seconds")
    for member in list(items):
        if member.startswith("data/"):
            items[member] = b""
            manifest["members"][member]["records"] = 0
    return write(path, items, manifest, key)


def village_people():
    return sorted((p.uuid, p.name) for p in Person.live().where(Person.unit == VILLAGE))


def test_the_forgery_of_finding_1_is_refused_and_village_a_keeps_its_people(world, county, tmp_path):
    people = village_people()
    assert people
    before = dump()
    forged = forge_from_b(world, tmp_path / "forged.fulian", VILLAGE, VILLAGE_NAME)
    with pytest.raises(PackageError) as caught:
        exchange.import_package(forged)
    assert "forged.fulian" in str(caught.value) and "签名" in str(caught.value)
    assert village_people() == people and dump() == before


@pytest.mark.parametrize("claimed", [VILLAGE, TOWNSHIP])
def test_a_forgery_signed_with_the_forgers_own_key_needs_a_confirmation(world, county, tmp_path, claimed):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    people = village_people()
    before = dump()
    forged = forge_from_b(world, tmp_path / "forged.fulian", claimed, "伪造", key=Ed25519PrivateKey.generate())
    with pytest.raises(UnconfirmedPackage) as caught:
        exchange.import_package(forged)
    message = str(caught.value)
    assert "forged.fulian" in message and claimed in message
    assert caught.value.confirmation.fingerprint in message
    # The command line's way is refused too, and the dry run says what it would delete.
    outcome = importing.import_files([forged], unit_code=COUNTY)
    assert outcome.failed and outcome.files[0].status == importing.UNCONFIRMED
    dry = importing.import_files([forged], unit_code=COUNTY, dry_run=True).files[0]
    assert dry.status == importing.UNCONFIRMED and dry.package.total("tombstoned") > 0
    assert village_people() == people and dump() == before


def test_renaming_a_person_inside_a_package_is_refused(world, county, tmp_path):
    items = members(world["a1"])
    lines = items["data/person.jsonl"].decode().splitlines()
    record = json.loads(lines[0])
    record["name"] = "改名"
    lines[0] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    items["data/person.jsonl"] = ("\n".join(lines) + "\n").encode()
    manifest = json.loads(items["manifest.json"])
    manifest["package_id"], manifest["sequence"] = str(uuid.uuid4()), manifest["sequence"] + 1
    changed = write(tmp_path / "renamed.fulian", items, manifest)
    before = dump()
    with pytest.raises(PackageError) as caught:
        exchange.import_package(changed)
    assert "renamed.fulian" in str(caught.value) and "签名" in str(caught.value)
    assert Person.get_by_id(record["uuid"]).name != "改名" and dump() == before


def test_a_new_installation_is_applied_only_with_its_fingerprint(world, county, tmp_path):
    reinstalled = copy_db(world["village"], tmp_path / "reinstalled.sqlite3")
    use(reinstalled)
    new_installation()
    gone = Person.live().where(Person.unit == VILLAGE).first()
    gone.move_to_recycle_bin()
    package = exchange.export_package(tmp_path / "new-pc.fulian").path
    new_fingerprint = exchange.installation_fingerprint()
    use(county)
    before = dump()
    with pytest.raises(UnconfirmedPackage) as caught:
        exchange.import_package(package)
    message = str(caught.value)
    assert "new-pc.fulian" in message and VILLAGE_NAME in message and new_fingerprint in message
    # A fingerprint that is not the package's (another cover sheet, a typo) confirms nothing.
    with pytest.raises(UnconfirmedPackage):
        exchange.import_package(package, trust_keys=["0000 0000 0000 0000 0000"])
    old_fingerprint = signing.trusted_keys(VILLAGE)[0].fingerprint
    with pytest.raises(UnconfirmedPackage):
        exchange.import_package(package, trust_keys=[old_fingerprint])
    assert dump() == before
    # Typed from the paper, however spaced or cased.
    typed = new_fingerprint.replace(" ", "-").lower()
    result = exchange.import_package(package, trust_keys=[typed])
    assert result.status == exchange.IMPORTED and result.counts["person"].tombstoned == 1
    assert new_fingerprint in result.note
    assert Person.get_by_id(gone.uuid).deleted
    # Both keys are listed for the village now; the new one's next package needs no confirmation.
    assert [k.fingerprint for k in signing.trusted_keys(VILLAGE)] == [old_fingerprint, new_fingerprint]
    assert [k.how for k in signing.trusted_keys(VILLAGE)] == [signing.FIRST_IMPORT, signing.CONFIRMED]
    use(reinstalled)
    next_package = exchange.export_package(tmp_path / "new-pc-2.fulian").path
    use(county)
    assert exchange.import_package(next_package).status == exchange.IMPORTED


def test_the_first_package_of_a_unit_pins_its_key_and_a_dry_run_pins_nothing(world, tmp_path):
    use(copy_db(world["county"], tmp_path / "county.sqlite3"))
    assert signing.trusted_keys(VILLAGE) == []
    dry = exchange.import_package(world["a1"], dry_run=True)
    assert dry.confirmation is None and dry.key_note is None and signing.trusted_keys(VILLAGE) == []
    result = exchange.import_package(world["a1"])
    assert result.fingerprint in result.key_note
    assert [k.fingerprint for k in signing.trusted_keys(VILLAGE)] == [result.fingerprint]
    assert signing.trusted_keys(VILLAGE2) == []


def test_a_unit_already_held_without_a_pin_needs_a_confirmation(world, county, tmp_path):
    """A unit whose data arrived before packages were signed (or through a township's package) has no key
    pinned: its first signed package is confirmed like a new computer's, never trusted on first sight."""
    from models import meta

    meta.MetaEntry.delete().where(meta.MetaEntry.key == signing.TRUSTED_PREFIX + VILLAGE).execute()
    copy = copy_db(world["village"], tmp_path / "village.sqlite3")
    use(copy)
    package = exchange.export_package(tmp_path / "a2.fulian").path
    use(county)
    with pytest.raises(UnconfirmedPackage):
        exchange.import_package(package)


def test_an_unsigned_package_needs_its_file_hash_confirmed(world, county, tmp_path):
    use(copy_db(world["village"], tmp_path / "village.sqlite3"))
    package = exchange.export_package(tmp_path / "old-version.fulian").path
    items = members(package)
    del items["manifest.sig"]
    manifest = json.loads(items["manifest.json"])
    manifest["format_version"] = 1
    del manifest["installation_key"]
    raw = json.dumps(manifest, ensure_ascii=False).encode()
    items["manifest.json"] = raw
    with zipfile.ZipFile(package, "w") as archive:
        for name, data in items.items():
            archive.writestr(name, data)
    digest = hashlib.sha256(package.read_bytes()).hexdigest()
    use(county)
    before = dump()
    with pytest.raises(UnconfirmedPackage) as caught:
        exchange.import_package(package)
    assert caught.value.confirmation.unsigned and digest in str(caught.value)
    # A key fingerprint does not accept an unsigned file; its SHA-256 from the cover sheet does.
    with pytest.raises(UnconfirmedPackage):
        exchange.import_package(package, trust_keys=[digest[:20]])
    assert dump() == before
    result = exchange.import_package(package, accept_unsigned=[digest[:24].upper()])
    assert result.status == exchange.IMPORTED and result.fingerprint is None


def test_a_signature_that_does_not_match_its_key_is_refused(world, county, tmp_path):
    path = copy_db(world["village"], tmp_path / "village.sqlite3")
    use(path)
    package = exchange.export_package(tmp_path / "a2.fulian").path
    # Another installation's signature over the same manifest.
    rewrite_manifest(package, lambda m: None, world["village2"])
    use(county)
    with pytest.raises(PackageError) as caught:
        exchange.import_package(package)
    assert "签名" in str(caught.value)


def test_the_cover_sheet_prints_the_key_fingerprint(world, tmp_path):
    use(copy_db(world["village"], tmp_path / "village.sqlite3"))
    fingerprint = exchange.installation_fingerprint()
    assert fingerprint and len(fingerprint.split()) == 5
    package = exchange.export_package(tmp_path / "v.fulian").path
    cover = build_cover(package, tmp_path / "cover.pdf")
    with pdfplumber.open(cover.path) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert fingerprint in text
    dbmod.close_database()


def test_a_database_without_a_key_gets_one_at_its_first_export(world, tmp_path):
    from models import meta

    use(copy_db(world["village"], tmp_path / "village.sqlite3"))
    meta.MetaEntry.delete().where(meta.MetaEntry.key == signing.PRIVATE_KEY).execute()
    assert exchange.installation_fingerprint() is None
    exchange.export_package(tmp_path / "v.fulian")
    assert exchange.installation_fingerprint() is not None
    dbmod.close_database()
