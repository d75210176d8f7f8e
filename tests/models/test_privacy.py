"""What a package keeps private: sensitive activities as a category and counts, phone numbers masked."""

from __future__ import annotations

import json
import zipfile

import pytest

from models import db as dbmod
from models import exchange
from models.homes import CATEGORY, PRIVATE_TITLE, Activity, Home
from models.i18n import _
from models.people import Person, mask_phone
from models.training import Trainee

from .exchange_helpers import COUNTY, TODAY, VILLAGE, copy_world, rewrite_manifest, use


@pytest.fixture
def dbs(exchange_world, tmp_path):
    yield copy_world(exchange_world, tmp_path)
    dbmod.close_database()


def package_text(path) -> str:
    """Every member of a package as text, as whoever receives the file can read it."""
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def read_package(path):
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = {
            name[5:-6]: [json.loads(line) for line in archive.read(name).decode().splitlines()]
            for name in archive.namelist()
            if name.startswith("data/")
        }
    return manifest, data


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13812345678", "138****5678"),
        ("0731-84123456", "073*-****3456"),
        ("0731-84123456-12", "073*-******56-12"),
        ("12345", "*2345"),
        ("", ""),
    ],
)
def test_phone_numbers_are_masked_between_the_first_three_and_the_last_four_digits(number, masked):
    assert mask_phone(number) == masked


def test_a_sensitive_activity_travels_without_title_place_or_leader_and_shows_its_category(dbs, tmp_path):
    from forms.ledger import ledger_for

    use(dbs["village"])
    activity = Activity.live().where(Activity.unit == VILLAGE).first()
    activity.sensitive = True
    activity.category = "3"
    activity.title = "调解张三梅家庭暴力纠纷"
    activity.place = "张三梅家"
    activity.leader = "李律师"
    activity.save()
    package = exchange.export_package(tmp_path / "v.fulian")
    text = package_text(package.path)
    assert "张三梅" not in text and "李律师" not in text
    _manifest, data = read_package(package.path)
    row = next(a for a in data["activity"] if a["uuid"] == activity.uuid)
    assert (row["title"], row["place"], row["leader"], row["summary"], row["results"]) == ("", "", "", "", "")
    assert row["category"] == "3" and row["women"] == activity.women and row["sensitive"] is True

    use(dbs["county"])
    assert exchange.import_package(package.path).status == exchange.IMPORTED
    received = Activity.get_by_id(activity.uuid)
    expected = _(PRIVATE_TITLE).format(category=CATEGORY.label("3"))
    assert received.shown_title == expected
    ledger = ledger_for(VILLAGE, activity.date.year, TODAY)
    titles = [r["title"] for r in ledger.rows]
    assert expected in titles and "调解张三梅家庭暴力纠纷" not in titles
    # The county's own package carries it on as it came: no title appears on the way up.
    county = exchange.export_package(tmp_path / "c.fulian")
    text = package_text(county.path)
    assert "张三梅" not in text and COUNTY in text


def test_a_sensitive_activity_keeps_its_title_at_home(dbs):
    use(dbs["village"])
    activity = Activity.live().where(Activity.unit == VILLAGE).first()
    activity.sensitive = True
    activity.save()
    assert activity.shown_title == activity.title


def test_phone_numbers_travel_masked_unless_asked_for_in_full(dbs, tmp_path):
    use(dbs["village"])
    person = Person.live().where(Person.unit == VILLAGE, Person.phone != "").first()
    home = Home.live().where(Home.unit == VILLAGE).first()
    home.manager_phone = "13912345678"
    home.save()
    trainee = Trainee.live().where(Trainee.unit == VILLAGE).first()
    trainee.phone = "13712345678"
    trainee.save()

    manifest, data = read_package(exchange.export_package(tmp_path / "masked.fulian").path)
    assert manifest["privacy"] == {"id_numbers": "omitted", "phones": "masked"}
    assert next(p for p in data["person"] if p["uuid"] == person.uuid)["phone"] == mask_phone(person.phone)
    assert "*" in mask_phone(person.phone)
    assert next(h for h in data["home"] if h["uuid"] == home.uuid)["manager_phone"] == "139****5678"
    assert next(t for t in data["trainee"] if t["uuid"] == trainee.uuid)["phone"] == "137****5678"
    assert "13912345678" not in package_text(tmp_path / "masked.fulian")

    manifest, data = read_package(exchange.export_package(tmp_path / "full.fulian", phones="full").path)
    assert manifest["privacy"]["phones"] == "full"
    assert next(p for p in data["person"] if p["uuid"] == person.uuid)["phone"] == person.phone
    assert next(h for h in data["home"] if h["uuid"] == home.uuid)["manager_phone"] == "13912345678"

    use(dbs["county"])
    package = exchange.verify_package(tmp_path / "masked.fulian")
    assert package.manifest.phones == "masked"


def test_a_package_whose_manifest_does_not_say_how_phones_travel_is_still_read(dbs, tmp_path):
    use(dbs["village"])
    path = exchange.export_package(tmp_path / "v.fulian").path
    rewrite_manifest(path, lambda m: m["privacy"].pop("phones"), signer=dbs["village"])
    use(dbs["county"])
    package = exchange.verify_package(path)
    assert package.manifest.phones is None
    assert exchange.import_package(path).status == exchange.IMPORTED


def test_a_manifest_with_an_unknown_phone_choice_is_refused(dbs, tmp_path):
    use(dbs["village"])
    path = exchange.export_package(tmp_path / "v.fulian").path
    rewrite_manifest(path, lambda m: m["privacy"].update(phones="some"), signer=dbs["village"])
    use(dbs["county"])
    with pytest.raises(exchange.PackageError, match="privacy.phones"):
        exchange.verify_package(path)


# --- the access log -------------------------------------------------------------------------


def test_every_export_is_logged_with_the_computer_user_and_the_choices(dbs, tmp_path):
    import getpass

    from models import access_log

    use(dbs["village"])
    assert access_log.recent() == []
    exchange.export_package(tmp_path / "a.fulian")
    exchange.export_package(tmp_path / "b.fulian", id_numbers="full", phones="full")
    newest, older = access_log.recent()
    assert newest.user == older.user == getpass.getuser()
    assert str(tmp_path / "b.fulian") in newest.what and _("full ID numbers") in newest.what
    assert _("full phone numbers") in newest.what
    assert str(tmp_path / "a.fulian") in older.what and _("phones masked") in older.what
    assert newest.at >= older.at


def test_a_failed_export_is_not_logged(dbs, tmp_path):
    from models import access_log

    use(dbs["village"])
    with pytest.raises(exchange.PackageError):
        exchange.export_package(tmp_path / "x.fulian", scope_from=TODAY, scope_to=TODAY.replace(year=2000))
    assert access_log.recent() == []


def test_printing_with_full_id_numbers_is_logged(dbs, tmp_path):
    from forms.registry import FormOptions, build_form
    from models import access_log

    use(dbs["village"])
    build_form("roster", tmp_path / "plain.pdf", FormOptions(unit_code=VILLAGE))
    assert access_log.recent() == []
    build_form("roster", tmp_path / "full.pdf", FormOptions(unit_code=VILLAGE, full_id_numbers=True))
    (entry,) = access_log.recent()
    assert _("Printed a form with full ID numbers") in entry.what and "full.pdf" in entry.what
