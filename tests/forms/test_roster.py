"""执委会成员名册: order, columns, several pages, rare characters, the Excel twin."""

from __future__ import annotations

import datetime as dt

import pytest

from forms import roster
from forms.layout import section_title
from forms.registry import FormOptions, build_form
from models import codes
from models.i18n import _
from models.people import mask_id_number

from .conftest import TODAY, VILLAGE_CODE, person, squeeze, table_rows

ID_NUMBER = "430121197805120026"  # valid check digit, female


def options(**kwargs) -> FormOptions:
    kwargs.setdefault("today", TODAY)
    return FormOptions(VILLAGE_CODE, **kwargs)


def test_the_committee_comes_first_in_post_order_then_the_backbones(add_people):
    add_people(
        0,
        person("王backbone", "backbone"),
        person("赵执委", "executive"),
        person("钱挂职", "attached_vice_chair"),
        person("孙副主席", "vice_chair"),
        person("李主席", "chair"),
        person("周无职务", None),
        person("吴已删除", "executive"),
    )
    from models.people import Person

    Person.get(Person.name == "吴已删除").move_to_recycle_bin()
    add_people(0, person("郑别村", "chair"), unit="430121100202")
    names = [p.name for p in roster.members(VILLAGE_CODE)]
    assert names[:4] == ["李主席", "孙副主席", "钱挂职", "赵执委"]
    assert names[4:] == ["王backbone", "周无职务"]  # 王 4 strokes, 周 8
    assert "吴已删除" not in names and "郑别村" not in names


def test_a_row_has_the_fourteen_columns_of_the_domain(add_people):
    chair, backbone = add_people(
        0,
        person(
            "李主席",
            "chair",
            ethnicity="15",
            part_time=False,
            two_committees=True,
            identities=["villager_rep", "two_committees"],
            phone="0731-84123456",
            workplace="石门村村委会 副主任",
            notes="连任",
        ),
        person("王骨干", "backbone"),
    )
    assert len(roster.columns()) == 14
    assert roster.row(1, chair) == [
        1,
        "李主席",
        codes.SEX.label("F"),
        codes.ETHNICITY.label("15"),
        "1978.05",
        codes.EDUCATION.label("30"),
        codes.POLITICAL.label("01"),
        codes.POST.label("chair"),
        _("No"),
        "石门村村委会 副主任",
        "、".join([codes.IDENTITY.label("two_committees"), codes.IDENTITY.label("villager_rep")]),
        _("Yes"),
        "0731-84123456",
        "连任",
    ]
    # 是否兼职 is about committee posts; a backbone's is left blank.
    assert roster.row(2, backbone)[8] == ""


def test_a_roster_of_many_people_prints_on_several_numbered_pages(add_people, tmp_path, read_pdf):
    people = add_people(
        64,
        person("刘䶮", "executive"),
        person("欧阳娜娜", "backbone"),
        person("阿依古丽·买买提", "backbone", ethnicity="05"),
    )
    result = build_form("roster", tmp_path / "roster.pdf", options())
    pdf = read_pdf(result.path)
    assert result.missing_characters == []
    assert result.pages == len(pdf.texts) >= 3
    for number, text in enumerate(pdf.texts, start=1):
        for header in ("No.", "Name", "Workplace and position", "Phone"):
            assert _(header) in text, f"page {number} lacks the header {header}"
        assert _("Page {page} of {pages}").format(page=number, pages=result.pages) in text
    # Every row is printed once, none lost or doubled at a page break (a long
    # minority name wraps inside its cell, so its surname part is counted).
    for p in people:
        assert pdf.text.count(p.name.split("·")[-1]) == 1, p.name
    assert _(roster.TITLE) in pdf.texts[0]
    assert pdf.reader.metadata.title == _(roster.TITLE)
    assert pdf.reader.metadata.author == "石门村"
    assert _("(unit seal)") in pdf.texts[-1]


def test_every_font_of_the_roster_is_embedded(add_people, tmp_path, read_pdf):
    add_people(20, person("刘䶮", "executive"))
    pdf = read_pdf(build_form("roster", tmp_path / "roster.pdf", options()).path)
    fonts = pdf.fonts()
    assert any("NotoSansSC" in name for name in fonts) and any("Droid" in name for name in fonts)
    for name, font in fonts.items():
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"


def test_a_rare_character_is_drawn_from_the_fallback_font(add_people, tmp_path, read_pdf):
    add_people(3, person("刘䶮", "executive"), person("欧阳娜娜", "backbone"))
    pdf = read_pdf(build_form("roster", tmp_path / "roster.pdf", options()).path)
    assert "刘䶮" in pdf.text and "欧阳娜娜" in pdf.text
    drawn = {c["text"]: c["fontname"] for page in pdf.chars for c in page if c["text"] in "刘䶮"}
    assert "Droid" in drawn["䶮"] and "NotoSansSC" in drawn["刘"]
    glyph = pdf.glyph_for("䶮", "Droid")
    assert glyph is not None and glyph.numberOfContours != 0, "䶮 was drawn as an empty or missing glyph"


def test_a_character_no_font_has_is_reported_before_printing(add_people, tmp_path):
    add_people(2, person("张\U00030041", "backbone"))
    target = tmp_path / "roster.pdf"
    seen = []
    result = build_form("roster", target, options(report_missing=lambda chars: seen.append((chars, target.exists()))))
    assert seen == [(["\U00030041"], False)]
    assert result.missing_characters == ["\U00030041"] and target.exists()


def test_an_empty_roster_is_still_a_form(database, tmp_path, read_pdf):
    result = build_form("roster", tmp_path / "roster.pdf", options())
    pdf = read_pdf(result.path)
    assert result.pages == 1
    assert _("No committee members have been entered yet.") in pdf.text
    assert _("No women's backbones have been entered yet.") in pdf.text
    assert _("Name") in pdf.text and _("Page {page} of {pages}").format(page=1, pages=1) in pdf.text


@pytest.mark.parametrize("full", [False, True])
def test_id_numbers_are_not_printed_on_the_roster(add_people, tmp_path, read_pdf, full):
    add_people(0, person("李主席", "chair", id_number=ID_NUMBER))
    pdf = read_pdf(build_form("roster", tmp_path / "roster.pdf", options(full_id_numbers=full)).path)
    assert "李主席" in pdf.text
    assert ID_NUMBER not in pdf.text and mask_id_number(ID_NUMBER) not in pdf.text


def test_the_excel_twin_has_the_title_header_and_rows(add_people, tmp_path):
    from openpyxl import load_workbook

    people = add_people(30, person("刘䶮", "executive", phone="13812345678", id_number=ID_NUMBER))
    result = build_form("roster", tmp_path / "roster.xlsx", options())
    assert result.pages is None
    book = load_workbook(result.path)
    assert book.sheetnames == [_(roster.COMMITTEE_HEADING), _(roster.BACKBONES_HEADING)]
    sheet, others = book.worksheets
    assert sheet["A1"].value.startswith(_(roster.TITLE))
    assert sheet.cell(3, 1).value == _("No.") and sheet.cell(3, 1).font.b
    assert [c.value for c in sheet[3]] == [c.header for c in roster.columns()]
    for part, people_of in ((sheet, roster.committee_members), (others, roster.backbones)):
        body = [[c.value for c in row] for row in part.iter_rows(min_row=4)]
        expected = [roster.row(i, p, True) for i, p in enumerate(people_of(VILLAGE_CODE), start=1)]
        as_read = [[None if v == "" else v for v in row] for row in expected]
        for row in as_read:  # openpyxl reads every date back as a datetime
            row[roster.BIRTH_COLUMN] = dt.datetime.combine(row[roster.BIRTH_COLUMN], dt.time())
        assert body == as_read
    born = sheet.cell(4, roster.BIRTH_COLUMN + 1)
    assert born.is_date and isinstance(born.value, dt.datetime) and born.number_format == roster.BIRTH_FORMAT
    assert sheet.max_row - 3 + others.max_row - 3 == len(people)
    liu = next(row for row in sheet.iter_rows(min_row=4) if row[1].value == "刘䶮")
    assert liu[12].value == "13812345678" and liu[12].data_type == "s" and liu[12].number_format == "@"
    assert liu[0].border.left.style == "thin"
    assert ID_NUMBER not in {c.value for row in sheet.iter_rows() for c in row}
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.column_dimensions["J"].width > sheet.column_dimensions["C"].width


def test_an_empty_excel_roster_says_so(database, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(build_form("roster", tmp_path / "roster.xlsx", options()).path)
    assert book.worksheets[0].cell(4, 1).value == _("No committee members have been entered yet.")
    assert book.worksheets[1].cell(4, 1).value == _("No women's backbones have been entered yet.")


def test_the_signature_block_ends_a_page_with_roster_rows_and_continuation_pages_say_so(add_people, tmp_path, read_pdf):
    from forms import layout

    add_people(60)
    result = build_form("roster", tmp_path / "roster.pdf", options())
    pdf = read_pdf(result.path)
    assert result.pages >= 2
    last = pdf.texts[-1]
    assert layout.labelled(_("Head of unit")) in last and _("(unit seal)") in last
    assert sum(name in last for name in (p.name for p in roster.members(VILLAGE_CODE))) >= layout.KEEP_LAST_ROWS
    head = _("{title} (continued)").format(title=_(roster.TITLE))
    for text in pdf.texts[1:]:
        first_line = text.strip().splitlines()[0]
        assert head in first_line and "石门村" in first_line
        assert _("Workplace and position").split()[0][:2] in text  # the header row repeats


def test_each_post_is_in_surname_stroke_order_and_the_backbones_have_their_own_heading(add_people, tmp_path, read_pdf):
    add_people(
        0,
        person("黄执委", "executive"),  # 11 strokes
        person("王执委", "executive"),  # 4
        person("张执委", "executive"),  # 7
        person("丁执委", "executive"),  # 2
        person("刘副主席", "vice_chair"),  # 6
        person("白副主席", "vice_chair"),  # 5
        person("马主席", "chair"),
        person("谢骨干", "backbone"),  # 12
        person("方骨干", "backbone"),  # 4
        person("李骨干", "backbone"),  # 7
    )
    committee = ["马主席", "白副主席", "刘副主席", "丁执委", "王执委", "张执委", "黄执委"]
    others = ["方骨干", "李骨干", "谢骨干"]
    assert [p.name for p in roster.committee_members(VILLAGE_CODE)] == committee
    assert [p.name for p in roster.backbones(VILLAGE_CODE)] == others
    pdf = read_pdf(build_form("roster", tmp_path / "roster.pdf", options()).path)
    text = squeeze(pdf.text)
    board_heading = squeeze(section_title(1, _(roster.COMMITTEE_HEADING)))
    others_heading = squeeze(section_title(2, _(roster.BACKBONES_HEADING)))
    assert board_heading.startswith("一、") and others_heading.startswith("二、")
    positions = [text.index(name) for name in committee + others]
    assert positions == sorted(positions)
    assert text.index(_(roster.TITLE)) < text.index(board_heading) < positions[0]
    assert positions[len(committee) - 1] < text.index(others_heading) < positions[len(committee)]
    # Each part numbers its own rows from 1.
    rows = {r[1]: r[0] for r in table_rows(pdf.path) if len(r) > 1}
    assert rows["马主席"] == "1" and rows["方骨干"] == "1" and rows["谢骨干"] == "3"
