"""Rights and care in the .fulian package: the registers' rows stay in the village, the monthly dispute reports
(without notes) and the counts travel, and a township sees them."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest

from models import care_counts, disputes, exchange, screening, units
from models import db as dbmod
from models.care import CareAct, CareTarget, ParentContact
from models.care_counts import CareCount
from models.disputes import DisputeCase, DisputeReport, DisputeStep
from models.petitions import Petition
from models.screening import ScreeningRound, ScreeningWoman

from .exchange_helpers import VILLAGE, collecting, copy_world, signature_by, use

STAY_HOME = ("dispute_case", "dispute_step", "petition", "care_target", "care_act", "parent_contact")
STAY_HOME += ("screening_round", "screening_woman")


@pytest.fixture
def dbs(exchange_world, tmp_path):
    yield copy_world(exchange_world, tmp_path)
    dbmod.close_database()


def package_text(path) -> tuple[dict, dict[str, list[dict]], str]:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        raw = {n[5:-6]: archive.read(n).decode() for n in archive.namelist() if n.startswith("data/")}
    records = {table: [json.loads(line) for line in text.splitlines()] for table, text in raw.items()}
    return manifest, records, "".join(raw.values())


def private_words() -> set[str]:
    """Every name, description and birth month of a party, child or screened woman in the village's registers."""
    words: set[str] = set()
    for case in DisputeCase.select():
        words |= {case.parties, case.description}
    words |= {step.action for step in DisputeStep.select()}
    for petition in Petition.select():
        words |= {petition.visitor, petition.matter, petition.result}
    for target in CareTarget.select():
        words |= {target.name, target.guardian, target.parents, target.notes}
        words.add(f'"{target.birth_month}"')
    words |= {act.what for act in CareAct.select()} | {c.summary for c in ParentContact.select()}
    for woman in ScreeningWoman.select():
        words.add(woman.name)
        words.add(f'"{woman.birth_month}"')
    return {w for w in words if w and w != '""'}


def give_unmistakable_names() -> None:
    """Names and birth months no member of the roster shares (the demo draws both from the same pools), so that
    finding one in the package can only be a leak."""
    for n, target in enumerate(CareTarget.select()):
        CareTarget.update(name=f"关爱对象{n}号", birth_month=f"1899-{n % 12 + 1:02d}").where(
            CareTarget.uuid == target.uuid
        ).execute()
    for n, woman in enumerate(ScreeningWoman.select()):
        ScreeningWoman.update(name=f"筛查妇女{n}号", birth_month=f"1898-{n % 12 + 1:02d}").where(
            ScreeningWoman.uuid == woman.uuid
        ).execute()


def test_the_village_package_carries_no_name_description_or_birth_month(dbs, tmp_path):
    use(dbs["village"])
    assert DisputeCase.select().count() > 10 and CareTarget.select().count() >= 8
    assert ScreeningWoman.select().count() >= 50
    report = DisputeReport.select().first()
    report.notes = "本月调解李秀英家婆媳纠纷一起"
    report.save()
    give_unmistakable_names()
    words = private_words() | {report.notes}

    manifest, records, text = package_text(exchange.export_package(tmp_path / "v.fulian").path)

    assert manifest["format_version"] == exchange.FORMAT_VERSION == 5
    assert not {f"data/{t}.jsonl" for t in STAY_HOME} & set(manifest["members"])
    leaked = sorted(w for w in words if w in text and len(w) > 1)
    assert leaked == []
    # The reports travel, without their notes: the county sees who reported which month.
    assert len(records["dispute_report"]) == DisputeReport.select().count()
    assert all(r["notes"] == "" for r in records["dispute_report"])
    assert {r["month"] for r in records["dispute_report"]} == {r.month for r in DisputeReport.select()}


def test_the_counts_are_stored_at_export_for_every_period_and_add_up(dbs, tmp_path):
    use(dbs["village"])
    _manifest, records, _text = package_text(exchange.export_package(tmp_path / "v.fulian").path)
    sent = {(c["register"], c["period"]) for c in records["care_count"]}
    first = min(c.found_on for c in DisputeCase.select()).strftime("%Y-%m")
    this_month = dt.date.today().strftime("%Y-%m")
    months = {p for r, p in sent if r == "disputes"}
    assert min(months) == first and max(months) == this_month
    assert {r for r, _p in sent} == set(care_counts.REGISTERS)
    # The cases found add up to the cases kept, and each count is the counting function's.
    found = sum(c["count"] for c in records["care_count"] if c["register"] == "disputes" and c["dimension"] == "found")
    assert found == DisputeCase.select().count()
    year = str(ScreeningRound.select().first().year)
    examined = ScreeningWoman.select().where(ScreeningWoman.examined_on.is_null(False)).count()
    by_year = [
        c["count"]
        for c in records["care_count"]
        if (c["register"], c["dimension"], c["code"]) == ("screening", "total", "examined")
    ]
    assert sum(by_year) == examined
    assert care_counts.counts_of([VILLAGE], "screening", year)[VILLAGE] == screening.year_counts(VILLAGE, int(year))


def test_a_township_imports_the_counts_and_the_reports(dbs, tmp_path):
    use(dbs["village"])
    package = exchange.export_package(tmp_path / "v.fulian")
    month = DisputeReport.select().order_by(DisputeReport.month.desc()).first().month
    expected = disputes.month_counts(VILLAGE, month)
    reports = DisputeReport.select().count()

    use(collecting(tmp_path, "township.sqlite3"))
    units.set_own_unit("430121100000", "白沙镇")
    assert exchange.import_package(package.path).status == exchange.IMPORTED
    assert care_counts.counts_of([VILLAGE], "disputes", month) == {VILLAGE: expected}
    assert DisputeReport.select().where(DisputeReport.unit == VILLAGE).count() == reports
    assert DisputeCase.select().count() == CareTarget.select().count() == 0
    # The township's own package carries the village's counts on to the county.
    _m, records, _t = package_text(exchange.export_package(tmp_path / "t.fulian").path)
    assert {c["unit"] for c in records["care_count"]} == {VILLAGE}


def test_a_package_of_format_4_still_imports_and_leaves_the_counts_alone(dbs, tmp_path):
    use(dbs["village"])
    first = exchange.export_package(tmp_path / "v1.fulian")
    older = rewrite_as_format_4(exchange.export_package(tmp_path / "v2.fulian").path, dbs["village"])
    use(dbs["county"])
    exchange.import_package(first.path)
    held = DisputeReport.live().where(DisputeReport.unit == VILLAGE).count()
    counts = CareCount.live().where(CareCount.unit == VILLAGE).count()
    assert exchange.import_package(older).status == exchange.IMPORTED
    assert DisputeReport.live().where(DisputeReport.unit == VILLAGE).count() == held > 0
    assert CareCount.live().where(CareCount.unit == VILLAGE).count() == counts


def rewrite_as_format_4(path, signer):
    dropped = {"data/dispute_report.jsonl", "data/care_count.jsonl"}
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist() if info.filename not in dropped]
    manifest = json.loads(dict((i.filename, d) for i, d in items)["manifest.json"])
    manifest["format_version"] = 4
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


def test_a_period_that_is_not_a_month_is_refused_by_name(dbs, tmp_path):
    use(dbs["village"])
    report = DisputeReport.select().first()
    report.month = "2024-13"
    report.save()
    package = exchange.export_package(tmp_path / "odd.fulian")
    use(dbs["county"])
    with pytest.raises(exchange.PackageError) as refused:
        exchange.import_package(package.path)
    assert "2024-13" in str(refused.value) and report.uuid in str(refused.value)
