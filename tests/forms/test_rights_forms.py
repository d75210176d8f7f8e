"""The forms of disputes and letters and visits: the ledger and the register (confidential, logged), the
monthly report at a village and, from the counts that travel, at a county."""

from __future__ import annotations

import datetime as dt

from forms.registry import FormOptions, build_form
from models import access_log, care_counts, disputes, petitions, units
from models.disputes import CaseInput, DisputeReport, StepInput
from models.i18n import _
from models.petitions import PetitionInput
from tests.conftest import VILLAGE_CODE
from tests.forms.conftest import squeeze, table_rows

TODAY = dt.date(2026, 11, 20)
MARK = squeeze(_("Internal material: keep confidential"))


def pdf_text(path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return squeeze("".join(page.extract_text() or "" for page in pdf.pages))


def add_cases() -> None:
    steps = [StepInput(dt.date(2026, 11, 4), "mediation", "村调委会调解")]
    disputes.save_case(
        CaseInput(dt.date(2026, 11, 3), "marriage", "high", "村民甲与丈夫", "因外出务工争吵", "张秀英", steps=steps),
        VILLAGE_CODE,
        today=TODAY,
    )
    disputes.save_case(
        CaseInput(
            dt.date(2026, 10, 8), "property", "low", "兄弟二人", "宅基地", "李桂兰", None, "settled", "", TODAY, []
        ),
        VILLAGE_CODE,
        today=TODAY,
    )


def test_the_ledger_names_parties_on_confidential_pages_and_each_print_is_logged(database, tmp_path):
    add_cases()
    out = tmp_path / "disputes.pdf"
    build_form("disputes", out, FormOptions(unit_code=VILLAGE_CODE, year=2026, today=TODAY))
    text = pdf_text(out)
    assert MARK in text and "村民甲与丈夫" in text and "村调委会调解" in text
    rows = table_rows(out)
    assert any(squeeze(_("High risk")) in row for row in rows)
    assert (
        access_log.AccessEntry.select().where(access_log.AccessEntry.action == access_log.PRINT_NAMED_LIST).count() == 1
    )


def test_the_register_of_letters_and_visits(database, tmp_path):
    petitions.save_petition(
        PetitionInput(TODAY, "letter", "刘女士", "反映土地确权", "land", "镇农经站", "已协调", "closed"),
        VILLAGE_CODE,
        today=TODAY,
    )
    out = tmp_path / "petitions.pdf"
    build_form("petitions", out, FormOptions(unit_code=VILLAGE_CODE, year=2026, today=TODAY))
    text = pdf_text(out)
    assert MARK in text and "刘女士" in text and squeeze(_("Land rights")) in text
    import openpyxl

    book = tmp_path / "petitions.xlsx"
    build_form("petitions", book, FormOptions(unit_code=VILLAGE_CODE, year=2026, today=TODAY))
    sheet = openpyxl.load_workbook(book).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "刘女士" in cells and squeeze(sheet.oddHeader.right.text) == MARK


def test_the_village_month_report_has_its_counts_and_no_names(database, tmp_path):
    add_cases()
    disputes.report_month(VILLAGE_CODE, "2026-11", False, "张秀英", today=TODAY)
    out = tmp_path / "month.pdf"
    build_form("dispute-month", out, FormOptions(unit_code=VILLAGE_CODE, year=2026, month=11, today=TODAY))
    text = pdf_text(out)
    assert "村民甲" not in text and MARK not in text
    village_row = next(row for row in table_rows(out) if row and row[0] == units.own_unit().name)
    # 婚姻1 … 发现合计1, 高风险1, 已化解1 (closed in November), 稳控0, 移交0, 月末在办1, 已报送
    assert village_row[1:] == ["1", "0", "0", "0", "0", "0", "0", "1", "1", "1", "0", "0", "1", _("Reported")]


def test_the_village_month_report_leaves_the_reports_notes_off(database, tmp_path):
    disputes.report_month(VILLAGE_CODE, "2026-11", False, "张秀英", "村民甲家矛盾已跟进", today=TODAY)
    out = tmp_path / "month.pdf"
    build_form("dispute-month", out, FormOptions(unit_code=VILLAGE_CODE, year=2026, month=11, today=TODAY))
    text = pdf_text(out)
    assert "村民甲" not in text and "张秀英" in text  # who reported is shown, the notes are not


def test_the_county_month_report_totals_the_counts_and_names_who_has_not_reported(database, tmp_path):
    county = "430121000000"
    units.set_own_unit(county, "长沙县")
    units.upsert_unit("430121100000", "星沙街道", owner=county)
    units.upsert_unit("430121100201", "石门村", owner=county)
    units.upsert_unit("430121100202", "桃花村", owner=county)
    units.upsert_unit("430121101000", "榔梨街道", owner=county)
    units.upsert_unit("430121101201", "白沙村", owner=county)
    # 石门村 also as it reported itself in its package: still one village
    units.Unit.create(
        code="430121100201", unit="430121100201", level=units.VILLAGE, parent_code="430121100000", name="石门村"
    )
    month = "2026-11"
    care_counts.store("430121100201", "disputes", month, {("found", "marriage"): 2, ("risk", "high"): 1})
    care_counts.store("430121101201", "disputes", month, {("found", "marriage"): 1, ("found", "violence"): 1})
    DisputeReport.create(unit="430121100201", month=month, reported_on=TODAY)
    DisputeReport.create(unit="430121101201", month=month, reported_on=TODAY, none_this_month=False)
    out = tmp_path / "county.pdf"
    build_form("dispute-month", out, FormOptions(unit_code=county, year=2026, month=11, today=TODAY))
    rows = table_rows(out)
    total = next(row for row in rows if row and row[0] == _("Total"))
    assert total[1] == "3" and total[5] == "1" and total[8] == "4" and total[9] == "1"
    peach = next(row for row in rows if row and row[0] == "桃花村")
    assert peach[-1] == _("Not reported")
    assert disputes.not_reported_below(county, month) == [("430121100202", "桃花村")]
    text = pdf_text(out)
    assert squeeze(_("Not reported this month ({n}): {names}").format(n=1, names="桃花村")) in text
