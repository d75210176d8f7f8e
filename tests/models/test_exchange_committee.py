"""The committee's records in the .fulian package: what travels, what stays home, and a township that sees them."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile

import pytest

from models import db as dbmod
from models import exchange, units
from models.awards import Award, Nomination
from models.duties.records import Contact, Household, HouseholdLink, Need, NeedContact, Project
from models.exchange import PackageError
from models.homes import Activity
from models.i18n import _
from models.meetings import Meeting, MeetingAttendee
from models.photos import PhotoLink
from models.year_documents import YearDocument, YearDocumentSection

from .exchange_helpers import VILLAGE, collecting, copy_world, signature_by, use

COMMITTEE_TABLES = (
    "household",
    "household_link",
    "contact",
    "project",
    "need",
    "need_contact",
    "meeting",
    "meeting_attendee",
    "meeting_link",
    "year_document",
    "year_document_section",
    "nomination",
    "award",
)
CONTACT_TEXTS = ("whom", "asked", "passed_to", "result")


@pytest.fixture
def dbs(exchange_world, tmp_path):
    yield copy_world(exchange_world, tmp_path)
    dbmod.close_database()


def package_text(path) -> tuple[dict, dict[str, list[dict]], str]:
    """The manifest, the records by table and every data member's text as one string."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        raw = {n[5:-6]: archive.read(n).decode() for n in archive.namelist() if n.startswith("data/")}
    records = {table: [json.loads(line) for line in text.splitlines()] for table, text in raw.items()}
    return manifest, records, "".join(raw.values())


def test_the_village_package_carries_no_visit_text_or_phone_unless_chosen(dbs, tmp_path):
    use(dbs["village"])
    contacts = list(Contact.select())
    assert len(contacts) > 100 and all(c.asked for c in contacts)
    chosen = [c for c in contacts if c.may_travel]
    kept = [c for c in contacts if not c.may_travel]
    assert chosen and kept
    phones = [h.phone for h in Household.select()]
    assert phones and all(re.fullmatch(r"1\d{10}", p) for p in phones)

    manifest, records, text = package_text(exchange.export_package(tmp_path / "v.fulian").path)
    assert manifest["format_version"] == exchange.FORMAT_VERSION >= 4
    assert {f"data/{t}.jsonl" for t in COMMITTEE_TABLES} <= set(manifest["members"])
    # Every contact travels as a record to count; only the chosen ones with their words.
    assert len(records["contact"]) == len(contacts)
    sent = {c["uuid"]: c for c in records["contact"]}
    for contact in kept:
        row = sent[contact.uuid]
        assert all(row[name] == "" for name in CONTACT_TEXTS)
        assert (row["date"], row["way"], row["member"], row["handling"]) == (
            contact.date.isoformat(),
            contact.way,
            contact.member_id,
            contact.handling,
        )
    for contact in chosen:
        assert sent[contact.uuid]["asked"] == contact.asked
    chosen_words = {c.asked for c in chosen}
    for contact in kept:
        if contact.asked not in chosen_words:
            assert contact.asked not in text
        if contact.result and all(contact.result != c.result for c in chosen):
            assert contact.result not in text
    # No household phone in full anywhere in the package.
    for phone in phones:
        assert phone not in text
    assert all("*" in h["phone"] and h["phone"][-4:] in phones_ending(phones) for h in records["household"])


def phones_ending(phones: list[str]) -> set[str]:
    return {p[-4:] for p in phones}


def test_phones_in_full_when_the_cadre_chooses_them(dbs, tmp_path):
    use(dbs["village"])
    phones = {h.uuid: h.phone for h in Household.select()}
    manifest, records, _text = package_text(exchange.export_package(tmp_path / "full.fulian", phones="full").path)
    assert manifest["privacy"]["phones"] == "full"
    assert {h["uuid"]: h["phone"] for h in records["household"]} == phones
    # The contacts' words stay home still: only the cadre's tick on a contact lets them go.
    assert all(c["asked"] == "" for c in records["contact"] if not c["may_travel"])


def test_a_township_imports_the_committee_records_and_sees_them(dbs, tmp_path):
    use(dbs["village"])
    counts = {model: model.select().count() for model in (Household, Contact, Need, Meeting, Nomination, Award)}
    nomination_photos = (
        PhotoLink.select().join(Nomination, on=(PhotoLink.owner == Nomination.uuid)).where(PhotoLink.deleted == False)
    ).count()
    assert all(counts.values()) and nomination_photos
    travelled = {c.uuid: c.asked for c in Contact.select().where(Contact.may_travel == True)}
    package = exchange.export_package(tmp_path / "v.fulian")

    use(collecting(tmp_path, "township.sqlite3"))
    units.set_own_unit("430121100000", "白沙镇")
    result = exchange.import_package(package.path)
    assert result.status == exchange.IMPORTED
    for model, count in counts.items():
        assert model.select().where(model.unit == VILLAGE).count() == count
    for model in (HouseholdLink, NeedContact, Project, MeetingAttendee, YearDocument, YearDocumentSection):
        assert model.select().where(model.unit == VILLAGE).count() > 0
    here = list(Contact.select().where(Contact.unit == VILLAGE))
    assert {c.uuid: c.asked for c in here if c.asked} == travelled
    assert all("*" in h.phone for h in Household.select().where(Household.unit == VILLAGE))
    linked = PhotoLink.select().join(Nomination, on=(PhotoLink.owner == Nomination.uuid))
    assert linked.where(Nomination.unit == VILLAGE).count() == nomination_photos
    assert all(exchange.is_read_only(n) for n in Nomination.select().where(Nomination.unit == VILLAGE))
    # The same package again changes nothing.
    again = exchange.import_package(package.path)
    assert again.total("added") == again.total("changed") == again.total("tombstoned") == 0


def test_a_need_takes_its_activity_into_a_package_of_a_period(dbs, tmp_path):
    use(dbs["village"])
    early = Activity.select().order_by(Activity.date).first()
    need = Need.select().first()
    need.activity = early.uuid
    need.save()
    cut = early.date + dt.timedelta(days=1)
    _m, records, _t = package_text(exchange.export_package(tmp_path / "part.fulian", scope_from=cut).path)
    assert early.uuid in {a["uuid"] for a in records["activity"]}
    assert len(records["need"]) == Need.select().count()  # undated: always whole
    use(dbs["county"])
    assert exchange.import_package(tmp_path / "part.fulian").status == exchange.IMPORTED


def test_a_package_of_format_3_still_imports_and_leaves_the_committee_alone(dbs, tmp_path):
    use(dbs["village"])
    first = exchange.export_package(tmp_path / "v1.fulian")
    older = rewrite_as_format_3(exchange.export_package(tmp_path / "v2.fulian").path, dbs["village"])
    use(dbs["county"])
    exchange.import_package(first.path)
    held = Contact.live().where(Contact.unit == VILLAGE).count()
    result = exchange.import_package(older)
    assert result.status == exchange.IMPORTED
    assert Contact.live().where(Contact.unit == VILLAGE).count() == held > 0


def rewrite_as_format_3(path, signer):
    """The package as version 3 wrote it: no committee members, format_version 3, signed anew."""
    dropped = {f"data/{t}.jsonl" for t in COMMITTEE_TABLES}
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist() if info.filename not in dropped]
    manifest = json.loads(dict((i.filename, d) for i, d in items)["manifest.json"])
    manifest["format_version"] = 3
    manifest["members"] = {k: v for k, v in manifest["members"].items() if k not in dropped}
    raw = json.dumps(manifest, ensure_ascii=False).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in items:
            if info.filename == "manifest.json":
                data = raw
            elif info.filename == "manifest.sig":
                data = signature_by(signer, raw)
            archive.writestr(info, data)
    return path


def test_an_unknown_code_is_refused_by_name(dbs, tmp_path):
    use(dbs["village"])
    contact = Contact.select().first()
    contact.way = "telegram"
    contact.save()
    package = exchange.export_package(tmp_path / "odd.fulian")
    use(dbs["county"])
    with pytest.raises(PackageError) as refused:
        exchange.import_package(package.path)
    assert "telegram" in str(refused.value) and contact.uuid in str(refused.value)
    said = _("{file}: {name}, record {uuid}: {column} is {value}, which this version does not know.")
    assert said.split("{value}")[1] in str(refused.value)  # the words after the value: the code is not known


def test_a_visit_kept_home_leaves_no_trace_of_the_household_or_the_need(dbs, tmp_path):
    from models.duties.contacts import ContactInput, save_contact
    from models.duties.households import HouseholdInput, save_household
    from models.duties.needs import NeedInput, save_need

    use(dbs["village"])
    unit = units.own_unit().code
    member = Contact.select().first().member_id
    home = save_household(
        HouseholdInput(
            head_name="张大山", members="张三梅", women=1, address="石门村三组18号", notes="丈夫酗酒，有家暴史"
        ),
        unit,
    )
    visit = save_contact(
        ContactInput(date=dt.date(2026, 3, 2), member=member, household=home.uuid, whom="张三梅", asked="家暴求助"),
        unit,
        today=dt.date(2026, 11, 28),
    )
    need = save_need(
        NeedInput(
            found_on=dt.date(2026, 3, 2),
            category=Need.select().first().category,
            description="张三梅遭丈夫家暴，需法律援助",
            women=1,
            contacts=[visit.uuid],
        ),
        unit,
        today=dt.date(2026, 11, 28),
    )
    _manifest, records, text = package_text(exchange.export_package(tmp_path / "v.fulian").path)
    for words in ("张三梅", "家暴求助", "需法律援助", "丈夫酗酒", "石门村三组18号"):
        assert words not in text
    sent_visit = next(c for c in records["contact"] if c["uuid"] == visit.uuid)
    assert sent_visit["household"] is None and sent_visit["date"] == "2026-03-02"
    sent_need = next(n for n in records["need"] if n["uuid"] == need.uuid)
    assert (sent_need["description"], sent_need["women"]) == ("", 1)
    assert not any(link["contact"] == visit.uuid for link in records["need_contact"])
    sent_home = next(h for h in records["household"] if h["uuid"] == home.uuid)
    assert (sent_home["head_name"], sent_home["members"], sent_home["notes"]) == ("张大山", "", "")
    # Once the cadre lets the visit travel, its words, its household and the need go with it.
    visit.may_travel = True
    visit.save()
    _manifest, records, text = package_text(exchange.export_package(tmp_path / "w.fulian").path)
    assert "张三梅遭丈夫家暴，需法律援助" in text
    assert next(c for c in records["contact"] if c["uuid"] == visit.uuid)["household"] == home.uuid
