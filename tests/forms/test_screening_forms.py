""" "两癌"检查报名登记表 and "两癌"检查进度表, read back from the PDF and the workbook, at a village and a county."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from forms.layout import confidential_mark
from forms.registry import FORMS, FormError, FormOptions, build_form
from models import care_counts
from models import screening as sc
from models.access_log import AccessEntry
from models.i18n import _
from models.units import upsert_unit

from .conftest import TODAY, VILLAGE_CODE, PdfReadBack, squeeze, table_rows


@pytest.fixture
def screening_round(database):
    data = sc.RoundInput(year=2026, quota=4, starts_on=dt.date(2026, 4, 6), place="县妇幼保健院")
    screening_round = sc.save_round(data, VILLAGE_CODE)
    women = [
        sc.save_woman(
            sc.WomanInput(name=name, birth_month=birth, group_name="一组", phone="13812345678"), screening_round
        )
        for name, birth in (("李桂兰", "1975-05"), ("王芳", "1980-01"), ("赵敏", "1966-09"))
    ]
    sc.sign_up([w.uuid for w in women[:2]], dt.date(2026, 4, 1), VILLAGE_CODE, today=TODAY)
    sc.examined([women[0].uuid], dt.date(2026, 4, 8), VILLAGE_CODE, today=TODAY)
    return screening_round


def test_the_signup_register_lists_the_women_with_their_dates_and_says_it_is_confidential(tmp_path, screening_round):
    before = AccessEntry.select().count()
    result = build_form("screening-signup", tmp_path / "signup.pdf", FormOptions(VILLAGE_CODE, today=TODAY))
    pdf = PdfReadBack(result.path)
    assert squeeze(confidential_mark()) in squeeze(pdf.text)
    assert squeeze(_(FORMS["screening-signup"].title)) in squeeze(pdf.text)
    rows = {row[1]: row for row in table_rows(result.path) if row and row[0].isdigit()}
    assert set(rows) == {"李桂兰", "王芳", "赵敏"}
    assert "2026-04-01" in rows["李桂兰"] and "2026-04-08" in rows["李桂兰"]
    assert rows["赵敏"][8:10] == ["", ""]
    assert AccessEntry.select().count() == before + 1  # the named list's print is logged
    book = openpyxl.load_workbook(build_form("screening-signup", tmp_path / "s.xlsx", FormOptions(VILLAGE_CODE)).path)
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "李桂兰" in cells and book.active.oddHeader.right.text == confidential_mark()


def test_a_year_without_a_round_prints_empty_naming_the_page(tmp_path, database):
    for name in ("screening-signup", "screening-progress"):
        for suffix in ("pdf", "xlsx"):
            build_form(name, tmp_path / f"{name}.{suffix}", FormOptions(VILLAGE_CODE, year=2026))
        assert "两癌检查" in PdfReadBack(tmp_path / f"{name}.pdf").text
    with pytest.raises(FormError):
        build_form("screening-signup", tmp_path / "x.pdf", FormOptions(VILLAGE_CODE, year=2026, record_id="nope"))


def test_the_villages_progress_shows_the_quota_and_the_weeks_without_names(tmp_path, screening_round):
    result = build_form("screening-progress", tmp_path / "progress.pdf", FormOptions(VILLAGE_CODE, today=TODAY))
    text = squeeze(PdfReadBack(result.path).text)
    assert "李桂兰" not in text
    rows = table_rows(result.path)
    assert ["4", "3", "2", "1", "0", "1", "0", "25.0%"] in rows  # quota, eligible, signed up, examined, bands, share
    assert ["2026-W14", "2026-03-30–2026-04-05", "2", "0", "2", "0", "0.0%"] in rows
    assert ["2026-W15", "2026-04-06–2026-04-12", "0", "1", "2", "1", "25.0%"] in rows


def test_the_countys_progress_totals_the_villages_counts_and_names_those_not_reported(tmp_path, database):
    from models.units import VILLAGE, Unit, set_own_unit  # the same village from its own package too

    county = "430121000000"
    set_own_unit(county, "长沙县")
    for code, name in (("430121100000", "星沙街道"), ("430121100201", "石门村"), ("430121100202", "枫树村")):
        upsert_unit(code, name, county)
    upsert_unit("430121100203", "竹山村", county)
    Unit.create(code="430121100201", unit="430121100201", level=VILLAGE, parent_code="430121100000", name="石门村")
    counts = {("total", "quota"): 10, ("total", "eligible"): 20, ("total", "signed_up"): 8, ("total", "examined"): 5}
    counts.update({("age_band", "35_44"): 2, ("age_band", "45_54"): 2, ("age_band", "55_64"): 1})
    care_counts.store("430121100201", "screening", "2026", {**counts, ("week", "2026-W15"): 5})
    care_counts.store("430121100202", "screening", "2026", {**counts, ("week", "2026-W16"): 5})
    result = build_form("screening-progress", tmp_path / "c.pdf", FormOptions(county, year=2026, today=TODAY))
    rows = table_rows(result.path)
    total = next(row for row in rows if row[1].startswith(squeeze(_("Total ({n} units)").format(n=3))))
    assert total[2:10] == ["20", "40", "16", "10", "4", "4", "2", "50.0%"]
    assert any(row[1] == "竹山村" and row[-1] == squeeze(_("Not reported")) for row in rows)
    assert ["2026-W16", "2026-04-13–2026-04-19", "5", "10", "50.0%"] in rows
