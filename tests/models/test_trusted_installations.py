"""The installations trusted per unit: listed, revoked, and taken back with the import that trusted them;
the import log keeps each package's key fingerprint and how it carried phone numbers."""

from __future__ import annotations

import pytest

from models import db as dbmod
from models import exchange, meta
from models.exchange import UnconfirmedPackage, signing
from models.i18n import _

from .exchange_helpers import VILLAGE, VILLAGE2, VILLAGE_NAME, copy_db, new_installation, use


@pytest.fixture(scope="module")
def world(exchange_world, tmp_path_factory):
    """Each village's first package; village A's second package, in full phones; and a package of village A's
    new computer."""
    base = tmp_path_factory.mktemp("trust")
    made = dict(exchange_world)
    village = copy_db(made["village"], base / "village.sqlite3")
    use(village)
    made["a1"] = exchange.export_package(base / "a1.fulian").path
    made["a_key"] = exchange.installation_fingerprint()
    made["a2"] = exchange.export_package(base / "a2.fulian", phones="full").path
    use(copy_db(village, base / "new-pc.sqlite3"))
    new_installation()
    made["new_pc"] = exchange.export_package(base / "new-pc.fulian").path
    made["new_key"] = exchange.installation_fingerprint()
    use(made["village2"])
    made["b1"] = exchange.export_package(base / "b1.fulian").path
    made["b_key"] = exchange.installation_fingerprint()
    dbmod.close_database()
    yield made
    dbmod.close_database()


@pytest.fixture
def county(world, tmp_path):
    path = copy_db(world["county"], tmp_path / "county.sqlite3")
    use(path)
    yield path
    dbmod.close_database()


def trust_state() -> list[tuple]:
    rows = meta.MetaEntry.select().where(
        meta.MetaEntry.key.startswith(signing.TRUSTED_PREFIX) | meta.MetaEntry.key.startswith(signing.REVOKED_PREFIX)
    )
    return sorted((row.key, row.value) for row in rows)


def listed() -> list[tuple[str, str, str]]:
    return [(t.unit_code, t.fingerprint, t.how) for t in exchange.trusted_installations()]


def test_nothing_is_listed_before_a_package_is_imported(world, county):
    assert exchange.trusted_installations() == []


def test_each_units_first_package_is_listed_with_its_name_fingerprint_and_times(world, county):
    first = exchange.import_package(world["a1"])
    exchange.import_package(world["b1"])
    assert listed() == [
        (VILLAGE, world["a_key"], signing.FIRST_IMPORT),
        (VILLAGE2, world["b_key"], signing.FIRST_IMPORT),
    ]
    a = exchange.trusted_installations()[0]
    assert a.unit_name == VILLAGE_NAME and a.fingerprint == first.fingerprint and a.file == "a1.fulian"
    assert a.since is not None and a.since.tzinfo is not None
    assert a.last_used is not None and abs((a.last_used - a.since).total_seconds()) < 60
    assert a.how_label == _(exchange.trust.HOW_LABELS[signing.FIRST_IMPORT])


def test_the_import_log_keeps_the_key_and_how_phones_came(world, county):
    exchange.import_package(world["a1"])
    exchange.import_package(world["a2"], allow_large_removal=True)
    second, first = exchange.list_imports(VILLAGE)
    assert (first.key_fingerprint, first.key_pinned, first.phones) == (
        world["a_key"],
        signing.FIRST_IMPORT,
        exchange.PHONES_MASKED,
    )
    assert (second.key_fingerprint, second.key_pinned, second.phones) == (world["a_key"], "", exchange.PHONES_FULL)
    assert first.recorded and second.recorded


def test_a_revoked_installation_needs_its_fingerprint_confirmed_again(world, county):
    exchange.import_package(world["a1"])
    exchange.import_package(world["b1"])
    typed = world["a_key"].replace(" ", "-").lower()  # as typed from the paper
    revoked = exchange.revoke_trust(VILLAGE, typed)
    assert revoked.fingerprint == world["a_key"]
    assert listed() == [(VILLAGE2, world["b_key"], signing.FIRST_IMPORT)]
    with pytest.raises(UnconfirmedPackage) as caught:
        exchange.import_package(world["a2"], allow_large_removal=True)
    assert world["a_key"] in str(caught.value)
    result = exchange.import_package(world["a2"], allow_large_removal=True, trust_keys=[world["a_key"]])
    assert result.status == exchange.IMPORTED
    assert (VILLAGE, world["a_key"], signing.CONFIRMED) in listed()
    assert exchange.list_imports(VILLAGE)[0].key_pinned == signing.CONFIRMED


def test_revoking_a_key_not_trusted_changes_nothing(world, county):
    exchange.import_package(world["a1"])
    before = trust_state()
    with pytest.raises(exchange.TrustError) as caught:
        exchange.revoke_trust(VILLAGE, world["b_key"])
    assert world["b_key"] in str(caught.value)
    with pytest.raises(exchange.TrustError):
        exchange.revoke_trust(VILLAGE2, world["a_key"])  # trusted, but for another unit
    assert trust_state() == before


def test_rolling_back_a_first_import_takes_its_trust_back_to_where_it_stood(world, county):
    before = trust_state()
    exchange.import_package(world["a1"])
    [entry] = exchange.list_imports(VILLAGE)
    result = exchange.roll_back_import(entry.id)
    assert result.untrusted == [(VILLAGE, world["a_key"])]
    assert world["a_key"] in result.message()
    assert trust_state() == before and listed() == []
    # As before the import: the unit's first package is trusted on first sight.
    again = exchange.import_package(world["a1"])
    assert again.key_note and listed() == [(VILLAGE, world["a_key"], signing.FIRST_IMPORT)]


def test_rolling_back_the_confirmation_of_a_new_computer_untrusts_only_that_computer(world, county):
    exchange.import_package(world["a1"])
    exchange.import_package(world["new_pc"], trust_keys=[world["new_key"]])
    assert [t[1] for t in listed()] == [world["a_key"], world["new_key"]]
    newest = exchange.list_imports(VILLAGE)[0]
    assert newest.key_pinned == signing.CONFIRMED
    result = exchange.roll_back_import(newest.id)
    assert result.untrusted == [(VILLAGE, world["new_key"])]
    assert listed() == [(VILLAGE, world["a_key"], signing.FIRST_IMPORT)]
    with pytest.raises(UnconfirmedPackage):
        exchange.import_package(world["new_pc"])


def test_rolling_back_an_import_that_trusted_nothing_leaves_trust_alone(world, county):
    exchange.import_package(world["a1"])
    exchange.import_package(world["a2"], allow_large_removal=True)
    before = trust_state()
    result = exchange.roll_back_import(exchange.list_imports(VILLAGE)[0].id)
    assert result.untrusted == [] and trust_state() == before


def test_a_revoked_key_is_not_trusted_on_first_sight_even_when_nothing_is_held_any_more(world, county):
    exchange.import_package(world["a1"])
    exchange.revoke_trust(VILLAGE, world["a_key"])
    exchange.roll_back_import(exchange.list_imports(VILLAGE)[0].id)
    with pytest.raises(UnconfirmedPackage):
        exchange.import_package(world["a1"])
    assert exchange.import_package(world["a1"], trust_keys=[world["a_key"]]).status == exchange.IMPORTED


def test_imports_made_before_the_keys_were_recorded_show_nothing_for_them(world, county):
    exchange.import_package(world["a1"])
    exchange.ImportLog.update(key_fingerprint="", key_pinned="", phones="").execute()
    [entry] = exchange.list_imports(VILLAGE)
    assert not entry.recorded and entry.key_fingerprint == ""
    [trusted] = exchange.trusted_installations()
    assert trusted.last_used is None
    # Rolling it back leaves the pin (it is not known to have made it), as before this was recorded.
    exchange.roll_back_import(entry.id)
    assert listed() == [(VILLAGE, world["a_key"], signing.FIRST_IMPORT)]
