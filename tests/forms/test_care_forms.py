"""重点帮扶对象登记表 and 帮扶记录, read back from the PDF and the workbook: confidential, logged, by category."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from forms.layout import confidential_mark
from forms.registry import FORMS, FormOptions, build_form
from models import access_log
from models.care import ActInput, ParentContactInput, TargetInput, save_act, save_parent_contact, save_target
from models.i18n import _

from .conftest import TODAY, VILLAGE_CODE, PdfReadBack, squeeze, table_rows


@pytest.fixture
def register(database):
    """Two left-behind children, a child in hardship, a woman in hardship; acts of help and contacts in 2026."""

    def target(name, category="left_behind_child", birth="2014.03", **kw):
        return save_target(
            TargetInput(category=category, name=name, birth_month=birth, **kw), VILLAGE_CODE, today=TODAY
        )

    xiaojun = target("李小军", guardian="祖母 王桂香", parents="父母在广东东莞务工", helper="刘芳", group_name="一组")
    xiaohua = target("张小花", birth="2011.12", group_name="二组")
    target("王小兰", "child_in_hardship", "2009.01")
    xiumei = target("陈秀梅", "woman_in_hardship", "1968.04")
    for day, kind, what, amount in [
        (dt.date(2026, 1, 20), "visit", "春节走访慰问", None),
        (dt.date(2026, 6, 1), "money", "六一儿童节慰问金", "300"),
        (dt.date(2026, 9, 1), "goods", "开学送书包", None),
    ]:
        save_act(
            ActInput(target=xiaojun.uuid, date=day, kind=kind, what=what, amount=amount, helper="刘芳"),
            VILLAGE_CODE,
            today=TODAY,
        )
    save_act(
        ActInput(target=xiumei.uuid, date=dt.date(2026, 3, 8), kind="money", amount="500.5"), VILLAGE_CODE, today=TODAY
    )
    for month in (3, 4, 11):
        save_parent_contact(
            ParentContactInput(target=xiaojun.uuid, date=dt.date(2026, month, 5), way="video", parent="母亲"),
            VILLAGE_CODE,
            today=TODAY,
        )
    return xiaojun, xiaohua, xiumei


def options(**kw) -> FormOptions:
    return FormOptions(unit_code=VILLAGE_CODE, today=TODAY, **kw)


def test_the_forms_are_listed_as_naming_people(database):
    assert FORMS["care-targets"].names_people and FORMS["care-record"].names_people
    assert FORMS["care-targets"].formats == ("pdf", "xlsx")


def test_the_register_lists_everyone_by_category_with_children_ages_and_says_confidential(register, tmp_path):
    out = tmp_path / "targets.pdf"
    build_form("care-targets", out, options())
    pdf = PdfReadBack(out)
    text = squeeze(pdf.text)
    assert all(squeeze(confidential_mark()) in squeeze(page) for page in pdf.texts)
    assert squeeze(_("Register of people helped")) in text
    for heading in (_("Left-behind child"), _("Child in hardship"), _("Woman in hardship")):
        assert (
            squeeze(_("{category}: {n}").format(category=heading, n=2 if heading == _("Left-behind child") else 1))
            in text
        )
    rows = {row[1]: row for row in table_rows(out) if row and row[0].isdigit()}
    assert rows["李小军"][4] == "12"  # born March 2014: 12 on 28 November 2026
    assert rows["张小花"][4] == "14"
    assert "祖母王桂香" in rows["李小军"] and "父母在广东东莞务工" in rows["李小军"]
    assert len(rows["陈秀梅"]) < len(rows["李小军"])  # no guardian or parents' columns for a woman
    assert [e.what for e in access_log.recent(5)][0].startswith(
        _("Printed a named list of the rights-and-care registers")
    )


def test_the_register_workbook_has_every_person_with_her_category_and_a_confidential_header(register, tmp_path):
    out = tmp_path / "targets.xlsx"
    build_form("care-targets", out, options())
    sheet = openpyxl.load_workbook(out).active
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    names = [row[2] for row in values if row and isinstance(row[0], int)]
    assert sorted(names) == sorted(["李小军", "张小花", "王小兰", "陈秀梅"])
    assert _("Left-behind child") in [row[1] for row in values if row and isinstance(row[0], int)]
    assert sheet.oddHeader.right.text == confidential_mark()


def test_one_persons_record_has_her_acts_of_the_year_with_the_total_and_the_months_contacted(register, tmp_path):
    xiaojun, _xiaohua, _xiumei = register
    out = tmp_path / "record.pdf"
    build_form("care-record", out, options(record_id=xiaojun.uuid, year=2026))
    pdf = PdfReadBack(out)
    text = squeeze(pdf.text)
    assert squeeze(confidential_mark()) in squeeze(pdf.texts[0])
    assert squeeze(_("Acts of help in {year}: {n}").format(year=2026, n=3)) in text
    assert squeeze(_(", {amount} yuan in all").format(amount="300")) in text
    assert "六一儿童节慰问金" in text and "开学送书包" in text
    assert (
        squeeze(_("Contacts with the parents in {year}: {n}, in {months} months").format(year=2026, n=3, months=3))
        in text
    )
    months_row = next(row for row in table_rows(out) if row and row[0] == squeeze(_("Parents contacted")))
    assert [i for i, mark in enumerate(months_row[1:], start=1) if mark] == [3, 4, 11]


def test_everyones_record_starts_each_person_on_a_page_and_leaves_out_people_without_help(register, tmp_path):
    out = tmp_path / "record.pdf"
    build_form("care-record", out, options(year=2026))
    pdf = PdfReadBack(out)
    assert len(pdf.texts) == 2
    assert "李小军" in pdf.texts[0] and "陈秀梅" in pdf.texts[1]
    assert squeeze(_(", {amount} yuan in all").format(amount="500.50")) in squeeze(pdf.texts[1])
    assert "张小花" not in pdf.text  # nothing recorded for her
    # A year without help prints one page that says so.
    empty = PdfReadBack(build_form("care-record", tmp_path / "none.pdf", options(year=2025)).path)
    assert len(empty.texts) == 1
    assert squeeze(_("No help was recorded in {year}.").format(year=2025)) in squeeze(empty.text)
