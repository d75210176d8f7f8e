"""Roster import: the sample files row by row, all-or-nothing, duplicates, header and file variants."""

from __future__ import annotations

import csv
import datetime as _dt

import openpyxl
import pytest

from models import codes
from models.i18n import _, ngettext
from models.people import FIELDS, Person, PersonInput, save_person
from models.roster_import import (
    CellProblem,
    ImportFileError,
    ImportRefused,
    apply_roster,
    parse_identities,
    parse_post,
    parse_yes_no,
    read_roster,
    write_template,
)

from .import_helpers import problems_by_row, write_xlsx

UNIT = "430121100201"
TODAY = _dt.date(2025, 6, 1)
HEADER = ["序号", "姓名", "性别", "民族", "出生年月", "身份证号码", "文化程度", "政治面貌", "职务", "联系电话"]

LOST_DIGITS = "The ID number has lost digits (the spreadsheet stored it as a number); enter it as text."
CHECK_DIGIT = "The last character of the ID number is wrong (check digit); please check the number."
BAD_PHONE = "Not a mobile number (11 digits) or a landline with area code (e.g. 0731-84123456)."


def snapshot():
    return sorted((p.uuid, p.name, p.id_number, p.deleted) for p in Person.select())


# --- the sample files ----------------------------------------------------------------------


def test_clean_sample_every_row_is_good(database, samples):
    preview = read_roster(samples / "roster_clean.xlsx", UNIT, today=TODAY)
    assert preview.skipped == []
    assert preview.bad_rows == [] and preview.problems == []
    assert [r.row for r in preview.good_rows] == [4, 5, 6, 7, 8, 9, 10]
    first = preview.rows[0].person
    assert (first.name, first.sex, first.ethnicity, first.birth, first.education, first.political, first.post) == (
        "周艳",
        "F",
        "01",
        "1976-04",
        "60",
        "01",
        "chair",
    )
    assert first.identities == ["two_committees"] and first.two_committees
    assert preview.rows[4].person.ethnicity == "03"  # 回族
    assert apply_roster(preview, UNIT) == 7
    assert Person.live().where(Person.unit == UNIT).count() == 7


def test_messy_sample_bad_rows_with_column_and_problem(database, samples):
    preview = read_roster(samples / "roster_messy.xlsx", UNIT, today=TODAY)
    assert preview.skipped == [(9, _("blank row")), (14, _("total row"))]
    assert problems_by_row(preview) == {
        7: [("身份证号码", _(LOST_DIGITS))],
        8: [("身份证号码", _(CHECK_DIGIT)), ("联系电话", _(BAD_PHONE))],
        11: [
            ("政治面貌", _("Unknown political status “{value}”.").format(value="民主党派")),
            ("性别", _("The sex does not match the ID number (it says {sex}).").format(sex=codes.SEX.label("M"))),
        ],
        12: [("姓名", _("The name is required."))],
        13: [("出生年月", _("The birth month {value} is in the future.").format(value="2031.01"))],
    }
    assert [p.row for p in preview.problems] == [7, 8, 8, 11, 11, 12, 13]
    assert all(r.person is None for r in preview.bad_rows)
    # The preview shows each cell as written, even in bad rows.
    row7 = next(r for r in preview.rows if r.row == 7)
    assert row7.values["name"] == "张晓红" and row7.values["birth"] == "1992.1"


def test_messy_sample_good_rows_parse_correctly(database, samples):
    preview = read_roster(samples / "roster_messy.xlsx", UNIT, today=TODAY)
    good = {r.row: r.person for r in preview.good_rows}
    assert sorted(good) == [4, 5, 6, 10]
    li, liu, ouyang, chen = good[4], good[5], good[6], good[10]
    assert (li.name, li.birth, li.phone, li.political, li.notes) == ("李秀英", "1978-05", "13807312456", "01", "连任")
    assert (liu.name, liu.ethnicity, liu.birth, liu.political, liu.post, liu.part_time) == (
        "刘䶮",
        "01",
        "1985-03",
        "01",
        "vice_chair",
        True,
    )  # 汉, 1985年3月, 党员, 副主席（兼职）
    assert (ouyang.name, ouyang.ethnicity, ouyang.birth, ouyang.id_number, ouyang.phone) == (
        "欧阳玉兰",
        "15",
        "1990-11",
        "43012119901101006X",
        "0731-86123456",
    )  # Excel date, lower-case x
    assert (chen.ethnicity, chen.education, chen.id_number, chen.identities) == ("06", "80", "", ["coop_head"])


def test_messy_sample_dates_as_written(database, samples):
    preview = read_roster(samples / "roster_messy.xlsx", UNIT, today=TODAY)
    values = {r.row: r.values["birth"] for r in preview.rows}
    assert values[4] == "1978.05" and values[5] == "1985年3月" and values[6] == "1990-11-01"
    # 1992.1 is January (row 7 is refused for its ID number, not its date).
    assert not [p for p in preview.problems if p.row == 7 and p.column == "出生年月"]


# --- all-or-nothing ------------------------------------------------------------------------


def test_bad_rows_refuse_the_whole_file(database, samples):
    save_person(PersonInput(name="已有人", sex="F"), UNIT)
    before = snapshot()
    preview = read_roster(samples / "roster_messy.xlsx", UNIT, today=TODAY)
    with pytest.raises(ImportRefused) as info:
        apply_roster(preview, UNIT)
    assert info.value.preview is preview
    assert str(info.value) == ngettext(
        "{file}: {n} row has problems; nothing was imported.",
        "{file}: {n} rows have problems; nothing was imported.",
        5,
    ).format(file="roster_messy.xlsx", n=5)
    assert snapshot() == before


def test_skip_bad_rows_imports_exactly_the_good_rows(database, samples):
    preview = read_roster(samples / "roster_messy.xlsx", UNIT, today=TODAY)
    assert apply_roster(preview, UNIT, skip_bad_rows=True) == 4
    people = {p.name: p for p in Person.live().where(Person.unit == UNIT)}
    assert sorted(people) == sorted(["李秀英", "刘䶮", "欧阳玉兰", "陈桂花"])
    li, liu, ouyang, chen = people["李秀英"], people["刘䶮"], people["欧阳玉兰"], people["陈桂花"]
    assert (li.birth, li.phone, li.ethnicity, li.education, li.political, li.post) == (
        "1978-05",
        "13807312456",
        "01",
        "60",
        "01",
        "chair",
    )
    assert li.identity_codes == ["two_committees"] and li.two_committees and li.notes == "连任"
    assert (liu.birth, liu.ethnicity, liu.political, liu.post) == ("1985-03", "01", "01", "vice_chair")
    assert liu.name_pinyin.startswith("liu")
    assert (ouyang.birth, ouyang.ethnicity, ouyang.id_number, ouyang.phone) == (
        "1990-11",
        "15",
        "43012119901101006X",
        "0731-86123456",
    )
    assert (chen.birth, chen.ethnicity, chen.id_number, chen.phone) == ("1975-12", "06", None, "13574112233")


def test_a_row_that_became_bad_since_the_preview_refuses_the_file(database, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            HEADER,
            [1, "李秀英", "女", "汉族", "1978.05", "43012119780502224X"],
            [2, "王芳", "女", "汉族", "1969.08", ""],
        ],
    )
    preview = read_roster(path, UNIT, today=TODAY)
    assert preview.bad_rows == []
    save_person(PersonInput(name="另一人", id_number="43012119780502224X"), UNIT)
    before = snapshot()
    with pytest.raises(ImportRefused):
        apply_roster(preview, UNIT)
    assert snapshot() == before
    assert preview.problems == [
        CellProblem(2, "身份证号码", _("{name} already has this ID number.").format(name="另一人"))
    ]


def test_cancelling_through_progress_writes_nothing(database, samples):
    preview = read_roster(samples / "roster_clean.xlsx", UNIT, today=TODAY)
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apply_roster(preview, UNIT, progress=progress)
    assert seen == [(1, 7), (2, 7), (3, 7)]
    assert Person.select().count() == 0


# --- duplicates ----------------------------------------------------------------------------


def test_duplicate_id_numbers_within_the_file_name_both_rows(database, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            HEADER,
            [1, "李秀英", "女", "汉族", "1978.05", "43012119780502224X"],
            [2, "王芳", "女", "汉族", "1969.08", ""],
            [3, "李秀英", "女", "汉族", "1978.05", "43012119780502224x"],
        ],
    )
    preview = read_roster(path, UNIT, today=TODAY)
    assert problems_by_row(preview) == {
        2: [("身份证号码", _("The same ID number is also on row {rows}.").format(rows="4"))],
        4: [("身份证号码", _("The same ID number is also on row {rows}.").format(rows="2"))],
    }


def test_duplicate_id_number_against_existing_people(database, tmp_path):
    save_person(PersonInput(name="李秀英", id_number="43012119780502224X"), UNIT)
    gone = save_person(PersonInput(name="周艳", id_number="430121197604092225"), UNIT)
    gone.move_to_recycle_bin()
    save_person(PersonInput(name="别村的人", id_number="430121198503151227"), "430121100202")
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            HEADER,
            [1, "李秀英", "女", "汉族", "1978.05", "43012119780502224X"],
            [2, "周艳", "女", "汉族", "1976.04", "430121197604092225"],  # the old one is in the recycle bin
            [3, "刘䶮", "女", "汉族", "1985.03", "430121198503151227"],  # another unit's person
        ],
    )
    preview = read_roster(path, UNIT, today=TODAY)
    assert problems_by_row(preview) == {
        2: [("身份证号码", _("{name} already has this ID number.").format(name="李秀英"))]
    }


# --- headers and file variants ---------------------------------------------------------------


def test_english_headers_with_line_breaks_and_stray_spaces(database, tmp_path):
    header = [
        " No. ",
        "Name ",
        "Sex",
        " Ethnicity",
        "Date of\nbirth",
        "ID\nnumber",
        "Education",
        "Political  status",
        "Post",
        "Part-time",
        "Workplace",
        "Identity",
        "Two\ncommittees",
        " Phone",
        "Notes",
    ]
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            ["Executive committee"],
            [None],
            header,
            [
                1,
                "李秀英",
                "female",
                "Han",
                "1978.05",
                "43012119780502224X",
                "高中",
                "中共党员",
                "主席",
                "N",
                "石门村村委会 委员",
                "村民代表、教师",
                "Y",
                "138-0731-2456",
                "连任",
            ],
        ],
    )
    preview = read_roster(path, UNIT, today=TODAY)
    assert preview.columns["birth"] == "Date of birth"
    assert preview.columns["two_committees"] == "Two committees"
    assert preview.bad_rows == []
    person = preview.rows[0].person
    assert (person.sex, person.ethnicity, person.part_time, person.two_committees, person.workplace) == (
        "F",
        "01",
        False,
        True,
        "石门村村委会 委员",
    )
    assert person.identities == ["villager_rep", "teacher"]
    assert person.phone == "13807312456"


def test_chinese_header_variants(database, tmp_path):
    header = [
        "序 号",
        "姓\n名",
        "性别",
        "民族",
        "出生日期",
        "公民身份号码",
        "学历",
        "政治面貌",
        "职务",
        "是否兼职",
        "工作单位及职务",
        "身份类别",
        '是否进"两委"',
        "手机",
        "备注",
    ]
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            header,
            [
                1,
                "欧阳玉兰",
                "女",
                "土家",
                _dt.datetime(1990, 11, 1),
                "43012119901101006x",
                "大学本科",
                "群众",
                "执委",
                "√",
                "",
                "女致富带头人/女能手，巾帼志愿者",
                "否",
                13807311111.0,
                "",
            ],
        ],
    )
    preview = read_roster(path, UNIT, today=TODAY)
    assert set(preview.columns) >= {"two_committees", "phone", "birth", "id_number", "education"}
    assert preview.bad_rows == []
    person = preview.rows[0].person
    assert (person.ethnicity, person.birth, person.education, person.part_time, person.two_committees) == (
        "15",
        "1990-11",
        "20",
        True,
        False,
    )
    assert person.identities == ["wealth_leader", "volunteer"]
    assert person.phone == "13807311111"


def test_gb18030_csv(database, tmp_path):
    path = tmp_path / "名册.csv"
    lines = [
        "石门村妇联执委名册,,,,,,,,,",
        ",".join(HEADER),
        "1,刘䶮,女,汉,1985年3月,430121198503151227,大专,党员,副主席（兼职）,139 0731 2233",
        "2,张晓红,女,汉族,1992.1,4.30121E+17,中专,共青团员,执委,15073145678",
        "合计,2人,,,,,,,,",
    ]
    path.write_bytes("\r\n".join(lines).encode("gb18030"))
    preview = read_roster(path, UNIT, today=TODAY)
    assert preview.skipped == [(5, _("total row"))]
    liu = preview.rows[0].person
    assert (liu.name, liu.birth, liu.post, liu.phone) == ("刘䶮", "1985-03", "vice_chair", "13907312233")
    assert problems_by_row(preview) == {4: [("身份证号码", _(LOST_DIGITS))]}


def test_utf8_bom_csv_with_semicolons(database, tmp_path):
    path = tmp_path / "r.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["姓名", "性别", "出生年月", "身份类别", "联系电话"])
        writer.writerow(["王芳", "女", "1969-08", "教师,村民代表", "0731 - 8412 3456"])
    preview = read_roster(path, UNIT, today=TODAY)
    person = preview.rows[0].person
    assert (person.name, person.birth, person.identities, person.phone) == (
        "王芳",
        "1969-08",
        ["teacher", "villager_rep"],
        "0731-84123456",
    )


def test_id_number_cells_that_excel_made_numbers_are_refused(database, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            HEADER,
            [
                1,
                "甲",
                "女",
                "汉族",
                "1978.05",
                430121197805022240,
            ],  # an int with 18 digits still came from a number cell
            [2, "乙", "女", "汉族", "1978.05", 4.30121197805022e17],
            [3, "丙", "女", "汉族", "1978.05", 4301211978],
        ],
    )
    preview = read_roster(path, UNIT, today=TODAY)
    found = problems_by_row(preview)
    assert found[2] == found[3] == [("身份证号码", _(LOST_DIGITS))]
    assert found[4] == [("身份证号码", _("An ID number has 18 characters; this one has {n}.").format(n=10))]


def test_unknown_words_and_bad_yes_no_are_named(database, tmp_path):
    header = ["姓名", "性别", "民族", "文化程度", "职务", "是否兼职", "身份类别", "出生年月"]
    path = write_xlsx(
        tmp_path / "r.xlsx", [header, ["李秀英", "妇", "火星族", "幼儿园", "队长", "也许", "教师、宇航员", "七八年"]]
    )
    preview = read_roster(path, UNIT, today=TODAY)
    assert problems_by_row(preview) == {
        2: [
            ("性别", _("Unknown sex “{value}”; write female or male (女 or 男).").format(value="妇")),
            ("民族", _("Unknown ethnicity “{value}”.").format(value="火星族")),
            ("文化程度", _("Unknown education level “{value}”.").format(value="幼儿园")),
            ("出生年月", _("Write the birth month like 1978.05 or 1978年5月.")),
            ("职务", _("Unknown post “{value}”.").format(value="队长")),
            ("是否兼职", _("Write yes or no (是 or 否) here, not “{value}”.").format(value="也许")),
            ("身份类别", _("Unknown identity category “{value}”.").format(value="宇航员")),
        ]
    }


def test_sex_and_birth_come_from_the_id_number_when_blank(database, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx", [["姓名", "性别", "出生年月", "身份证号"], ["赵丽", None, None, "430121198807071314"]]
    )
    person = read_roster(path, UNIT, today=TODAY).rows[0].person
    assert (person.sex, person.birth) == ("M", "1988-07")


def test_birth_month_that_contradicts_the_id_number(database, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [["姓名", "性别", "出生年月", "身份证号"], ["李秀英", "女", "1978.06", "43012119780502224X"]],
    )
    preview = read_roster(path, UNIT, today=TODAY)
    assert problems_by_row(preview) == {
        2: [("出生年月", _("The birth month does not match the ID number ({value}).").format(value="1978.05"))]
    }


def test_total_blank_and_numbered_empty_rows_are_skipped(database, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            ["姓名", "性别", "出生年月", "序号"],
            ["王芳", "女", "1969.08", 1],
            [None, None, None, 2],
            ["总计：1人", None, None, None],
            [" Total ", None, None, None],
            [None, None, None, "小计"],
        ],
    )
    preview = read_roster(path, UNIT, today=TODAY)
    assert [r.row for r in preview.rows] == [2]
    assert preview.skipped == [(3, _("blank row")), (4, _("total row")), (5, _("total row")), (6, _("total row"))]


def test_a_file_without_a_roster_header(database, samples):
    with pytest.raises(ImportFileError) as info:
        read_roster(samples / "units_under_county.csv", UNIT)
    assert str(samples / "units_under_county.csv") in str(info.value)


def test_non_spreadsheet_and_empty_files(database, tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    text = tmp_path / "readme.md"
    text.write_text("# 名册\n")
    for path in (empty, text):
        with pytest.raises(ImportFileError) as info:
            read_roster(path, UNIT)
        assert str(path) in str(info.value)


# --- cell readers ------------------------------------------------------------------------------


def test_identity_cells():
    assert parse_identities("女致富带头人/女能手") == (["wealth_leader"], [])
    assert parse_identities("电商/返乡创业") == (["e_commerce"], [])
    assert parse_identities("村“两委”女成员、巾帼志愿者；教师 医务人员") == (
        ["two_committees", "volunteer", "teacher", "medical"],
        [],
    )
    assert parse_identities('村"两委"女成员,其他') == (["two_committees", "other"], [])


def test_post_and_yes_no_cells():
    assert parse_post("副主席（兼职）") == ("vice_chair", True)
    assert parse_post("专职副主席") == ("vice_chair", False)
    assert parse_post("执委") == ("executive", None)
    assert [parse_yes_no(t) for t in ("是", "Y", "√", "否", "n", "空", "", "也许")] == [
        True,
        True,
        True,
        False,
        False,
        False,
        None,
        None,
    ]
    assert parse_yes_no("兼职", "part_time") is True and parse_yes_no("专职", "part_time") is False


# --- the template --------------------------------------------------------------------------------


def test_template_round_trip(database, tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    preview = read_roster(path, UNIT)
    assert preview.rows == [] and preview.skipped == [] and preview.problems == []
    assert list(preview.columns) == ["index", *FIELDS]  # every field a person has, after the row number
    assert apply_roster(preview, UNIT) == 0


def test_template_layout(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == _("Roster of the women's federation executive committee")
    assert "A1:O1" in {str(r) for r in sheet.merged_cells.ranges}
    headers = [c.value for c in sheet[2]]
    assert headers[:3] == ["序号", "姓名", "性别"] and "是否进“两委”" in headers
    for name in ("出生年月", "身份证号", "联系电话"):
        letter = openpyxl.utils.get_column_letter(headers.index(name) + 1)
        assert sheet.column_dimensions[letter].number_format == "@"
        assert sheet.column_dimensions[letter].width >= 10
    assert sheet.column_dimensions["F"].width >= 18  # 18 digits fit


def test_template_in_english(tmp_path, database):
    from models import i18n

    i18n.set_language("en")
    path = tmp_path / "template.xlsx"
    write_template(path)
    assert [c.value for c in openpyxl.load_workbook(path).active[2]][:3] == ["No.", "Name", "Sex"]
    assert read_roster(path, UNIT).rows == []


def test_a_two_column_list_of_names_and_phones_is_a_roster(database, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("姓名,手机\n王芳,13807311111\n", encoding="utf-8")
    preview = read_roster(path, UNIT, today=TODAY)
    assert [(r.person.name, r.person.phone) for r in preview.good_rows] == [("王芳", "13807311111")]


def test_importing_the_same_roster_again_doubles_nobody(database, samples):
    first = read_roster(samples / "roster_clean.xlsx", UNIT)
    written = apply_roster(first, UNIT)
    again = read_roster(samples / "roster_clean.xlsx", UNIT)
    assert len(again.bad_rows) == len(again.rows) == written
    assert all(p.column for row in again.bad_rows for p in row.problems)
    with pytest.raises(ImportRefused):
        apply_roster(again, UNIT)
    assert Person.live().count() == written
