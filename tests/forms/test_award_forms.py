"""The awards forms: 最美家庭推荐表, 推荐户汇总表, 三八红旗手（集体）候选人审批表, 表彰登记; the roster's 备注."""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path

import pytest

from forms.registry import FORMS, FormError, FormOptions, build_form
from models import awards as aw
from models import photos
from models.i18n import _
from models.people import PersonInput, save_person

from .conftest import TODAY, VILLAGE_CODE, squeeze, table_rows

STORY = "".join(f"第{i}段：王秀兰一家四代同堂，孝老爱亲，邻里和睦。" for i in range(1, 60))[:1200]
SUMMARY = ("该家庭重视家教家风，热心公益，带动村民共同致富。" * 20)[:300]


def photo(colour: str, size: tuple[int, int]) -> str:
    from PIL import Image

    raw = io.BytesIO()
    Image.new("RGB", size, colour).save(raw, "JPEG")
    return photos.store_photo(raw.getvalue(), f"{colour}.jpg")


def value_column_text(path: Path) -> str:
    """The text right of the grid's label column, page after page, without whitespace: a long value in reading order."""
    import pdfplumber

    from forms.activity_sheet import label_width_mm
    from forms.layout import MARGIN_MM, MM

    with pdfplumber.open(str(path)) as pdf:
        left = (MARGIN_MM + label_width_mm() + 1) * MM
        return "".join(squeeze(page.crop((left, 0, page.width, page.height)).extract_text()) for page in pdf.pages)


def build(name: str, path: Path, unit: str = VILLAGE_CODE, **kwargs):
    return build_form(name, path, FormOptions(unit, today=TODAY, **kwargs))


def family_nomination(unit: str = VILLAGE_CODE, name: str = "王秀兰家庭", **changes) -> aw.Nomination:
    values = dict(
        year=2026,
        award="most_beautiful_family",
        level="village",
        nominee_kind="family",
        nominee_name=name,
        family_members="王秀兰（户主）、李建国（丈夫）、李小雨（孙女）",
        summary=SUMMARY,
        story=STORY,
        notice_from=_dt.date(2026, 3, 1),
        notice_to=_dt.date(2026, 3, 7),
    )
    values.update(changes)
    return aw.save_nomination(aw.NominationInput(**values), unit)


def test_the_forms_are_listed_for_report():
    for name in ("family-nomination", "family-nominations", "red-banner-nomination", "awards"):
        assert name in FORMS
    assert FORMS["awards"].formats == ("pdf", "xlsx") and FORMS["family-nominations"].formats == ("pdf", "xlsx")


def test_the_family_form_prints_both_texts_whole_two_photos_and_three_opinion_boxes(database, tmp_path, read_pdf):
    chosen = family_nomination(photos=[photo("red", (160, 120)), photo("blue", (120, 160))])
    family_nomination(name="陈桂英家庭")  # newer, but the form asked for is the one printed
    result = build("family-nomination", tmp_path / "f.pdf", record_id=chosen.uuid)
    pdf = read_pdf(result.path)
    text = squeeze(pdf.text)
    assert squeeze(_("Most Beautiful Family nomination form")) in text
    assert "王秀兰家庭" in text and "陈桂英家庭" not in text
    # Nothing is cut: every character of the 300 and the 1,200 is on paper, in order.
    values = value_column_text(result.path)
    assert SUMMARY in values and STORY in values
    for heading in (
        _("Opinion of the village (community) women's federation:"),
        _("Opinion of the township (subdistrict) women's federation:"),
        _("Opinion of the county women's federation:"),
    ):
        assert squeeze(heading.rstrip("：:")) in text
    images = sum(len(page.images) for page in pdf.reader.pages)
    assert images == 2


def test_with_no_nomination_yet_the_forms_print_blank_and_an_unknown_one_is_refused(database, tmp_path, read_pdf):
    for name, title in (
        ("family-nomination", _("Most Beautiful Family nomination form")),
        ("red-banner-nomination", _("Red-Banner Pacesetter (Collective) approval form")),
    ):
        text = squeeze(read_pdf(build(name, tmp_path / f"{name}.pdf").path).text)
        assert squeeze(title) in text and squeeze(_("Main story")) in text
    with pytest.raises(FormError):
        build("family-nomination", tmp_path / "none.pdf", record_id="no-such-record")
    family_nomination()
    assert "王秀兰家庭" in squeeze(read_pdf(build("family-nomination", tmp_path / "f.pdf").path).text)


def test_the_red_banner_form_prints_the_persons_particulars_from_the_list(database, tmp_path, read_pdf):
    person = save_person(
        PersonInput(name="崔静翠", post="executive", ethnicity="15", birth="1978-05", workplace="村卫生室 医生"),
        VILLAGE_CODE,
    )
    aw.save_nomination(
        aw.NominationInput(
            year=2026, award="red_banner", level="county", nominee_kind="person", person=person.uuid, story=STORY
        ),
        VILLAGE_CODE,
    )
    path = build("red-banner-nomination", tmp_path / "r.pdf").path
    text = squeeze(read_pdf(path).text)
    assert squeeze(_("Red-Banner Pacesetter (Collective) approval form")) in text
    for value in ("崔静翠", _("Tujia"), "1978", "村卫生室医生"):
        assert squeeze(value) in text
    assert STORY in value_column_text(path)


def test_the_families_summary_of_a_village_totals_its_nominations(database, tmp_path):
    family_nomination()
    family_nomination(name="陈桂英家庭", outcome="recommended")
    family_nomination(name="去年家庭", year=2025)
    rows = table_rows(build("family-nominations", tmp_path / "s.pdf", year=2026).path)
    names = [row[1] for row in rows]
    assert "王秀兰家庭" in names and "陈桂英家庭" in names and "去年家庭" not in names
    assert [_("Total"), squeeze(_("{n} families").format(n=2))] == rows[-1][1:3]
    assert SUMMARY in [cell for row in rows for cell in row]


def test_the_families_summary_in_excel_keeps_each_text_in_its_cell(database, tmp_path):
    from openpyxl import load_workbook

    family_nomination()
    sheet = load_workbook(build("family-nominations", tmp_path / "s.xlsx", year=2026).path).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    [family] = [row for row in rows if "王秀兰家庭" in row]
    assert SUMMARY in family and family[0] == 1


def test_the_awards_register_in_pdf_and_excel(database, tmp_path, read_pdf):
    from openpyxl import load_workbook

    aw.save_award(
        aw.AwardInput(
            year=2025,
            level="county",
            title="三八红旗手",
            conferred_by="长沙县妇联",
            recipient_kind="person",
            recipient_name="崔静翠",
            date=_dt.date(2025, 3, 8),
            document_number="长妇发〔2025〕3号",
        ),
        VILLAGE_CODE,
    )
    text = squeeze(read_pdf(build("awards", tmp_path / "a.pdf").path).text)
    assert "崔静翠" in text and "长妇发〔2025〕3号" in text and "2025-03-08" in text
    sheet = load_workbook(build("awards", tmp_path / "a.xlsx").path).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "崔静翠" in values and "长沙县妇联" in values
    assert _dt.datetime(2025, 3, 8) in values  # a date stays a date for sorting


def test_an_honour_of_a_person_is_printed_in_her_rosters_notes(database, tmp_path):
    person = save_person(PersonInput(name="崔静翠", post="executive", notes="连任"), VILLAGE_CODE)
    aw.save_award(
        aw.AwardInput(year=2025, level="county", title="三八红旗手", recipient_kind="person", person=person.uuid),
        VILLAGE_CODE,
    )
    phrase = _("{year} {level} {title}").format(year=2025, level=aw.LEVEL.label("county"), title="三八红旗手")
    rows = table_rows(build("roster", tmp_path / "roster.pdf").path)
    [row] = [row for row in rows if "崔静翠" in row]
    assert row[-1] == squeeze("连任" + _("; ") + phrase)


# --- at a county ---------------------------------------------------------------------------------

COUNTY, COUNTY_NAME = "430121000000", "长沙县"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A county with thirteen villages under two townships, each having put forward a family or two."""
    from models import db as dbmod
    from models.demo import make_demo
    from models.units import VILLAGE, units_below

    dbmod.open_database(tmp_path_factory.mktemp("county") / "county.sqlite3")
    make_demo(COUNTY, COUNTY_NAME, units_below=13, years=1, today=TODAY)
    villages = [u.code for u in units_below(COUNTY) if u.level == VILLAGE]
    for i, code in enumerate(villages):
        for n in range(1 + i % 2):
            outcome = ("recommended", "awarded")[n] if i % 3 else ("pending", "not_selected")[n]
            family_nomination(
                unit=code, name=f"第{i}村{n}号家庭", summary="孝老爱亲。", story="事迹。", outcome=outcome
            )
    yield villages
    dbmod.close_database()


def test_a_countys_summary_gathers_the_villages_nominations_by_township(county, tmp_path):
    from models.units import code_info

    rows = table_rows(build("family-nominations", tmp_path / "c.pdf", unit=COUNTY).path)
    families = [row for row in rows if row[0].isdigit()]
    from models.awards import Nomination

    # The villages' nominations recommended upward or awarded, none of the county's own; those pending or not
    # selected stay off the table sent upward.
    stored = Nomination.live().where(
        (Nomination.award == "most_beautiful_family") & (Nomination.year == TODAY.year) & Nomination.unit.in_(county)
    )
    upward = stored.where(Nomination.outcome.in_(["recommended", "awarded"]))
    assert len(families) == upward.count() >= sum(1 + i % 2 for i in range(len(county)) if i % 3)
    assert stored.count() > upward.count()
    names = {row[1] for row in families}
    assert "第1村0号家庭" in names and "第0村0号家庭" not in names and "第3村1号家庭" not in names
    townships = {code_info(code).parent for code in county}
    subtotals = [row for row in rows if row[1].endswith(squeeze(_("{township} subtotal").format(township="")))]
    assert len(subtotals) == len(townships) > 1
    counted = sum(int("".join(c for c in row[2] if c.isdigit())) for row in subtotals)
    assert counted == len(families)
    assert rows[-1][1] == _("Total")


def test_a_countys_summary_of_a_year_without_nominations_says_so(county, tmp_path, read_pdf):
    text = squeeze(read_pdf(build("family-nominations", tmp_path / "none.pdf", unit=COUNTY, year=2024).path).text)
    expected = _("No Most Beautiful Family nomination of the units below {unit} in {year} has come in yet.")
    assert squeeze(expected.format(unit=COUNTY_NAME, year=2024)) in text
    outcomes = _("、").join(aw.OUTCOME.label(code) for code in ("recommended", "awarded"))
    assert squeeze(_("Listed: the nominations of the units below marked {outcomes}.").format(outcomes=outcomes)) in text
