"""Reading spreadsheets as cadres keep them, and telling import files apart by content."""

from __future__ import annotations

import datetime as _dt
import zipfile

import openpyxl
import pytest

from models.i18n import _
from models.importing import detect_kind, find_importable
from models.roster_import import is_roster_header
from models.spreadsheets import (
    ImportFileError,
    cell_text,
    column_letter,
    display_header,
    normalize_header,
    read_table,
    sniff_delimiter,
)


def write_xlsx(path, rows, sheets=None):
    """A workbook whose first sheet holds ``rows``; ``sheets`` adds (title, rows) sheets before it."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    for title, sheet_rows in sheets or []:
        sheet = workbook.create_sheet(title, 0)
        for row in sheet_rows:
            sheet.append(row)
    for row in rows:
        first.append(row)
    workbook.save(path)
    return path


HEADER = ["序号", "姓名", "性别", "出生年月", "身份证号"]


def test_headers_are_compared_without_spaces_line_breaks_quotes_or_case():
    assert normalize_header(" 出生\n年月 ") == "出生年月"
    assert normalize_header("ID  Number") == "idnumber"
    assert normalize_header("是否进“两委”") == normalize_header('是否进"两委"') == "是否进两委"
    assert normalize_header("ＩＤ　ｎｕｍｂｅｒ") == "idnumber"  # full-width letters and space
    assert display_header(" 出生\n年月 ") == "出生年月"
    assert display_header("Date of\nbirth") == "Date of birth"


def test_cells_read_as_a_person_sees_them():
    assert cell_text(None) == ""
    assert cell_text(" 张三 ") == "张三"
    assert cell_text(13807311111.0) == "13807311111"
    assert cell_text(1978.05) == "1978.05"
    assert cell_text(_dt.datetime(1990, 11, 1)) == "1990-11-01"
    assert cell_text(4.30121199201012e17) == "4.30121199201012e+17"


def test_column_letters_as_excel_shows_them():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_header_below_title_and_blank_rows_with_excel_row_numbers(tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            ["××村妇联执委名册"],
            [],
            HEADER,
            [1, "李秀英", "女", "1978.05", 4.30121199201012e17],
            [],
            [2, "刘䶮", "女", _dt.datetime(1985, 3, 1), "430121198503151227"],
            [],
            [],
        ],
    )
    table = read_table(path, is_roster_header)
    assert table.header_row == 3
    assert table.headers == HEADER
    # Trailing blank rows are dropped; a blank row between data stays, numbered as in Excel.
    assert [r.row for r in table.rows] == [4, 5, 6]
    assert table.rows[1].is_blank
    # Excel's cell types are kept: the ID number that became a number stays a float.
    assert isinstance(table.rows[0].values[4], float)
    assert isinstance(table.rows[2].values[3], _dt.datetime)
    assert table.column_letter(4) == "E"


def test_the_first_sheet_with_a_recognisable_header_is_read(tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [HEADER, [1, "王芳", "女", "1969.08", ""]],
        sheets=[("说明", [["填表说明：身份证号请设为文本格式"]])],
    )
    table = read_table(path, is_roster_header)
    assert table.sheet == "Sheet"
    assert table.rows[0].values[1] == "王芳"


def test_no_recognisable_header_gives_none(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [["甲", "乙"], [1, 2]])
    assert read_table(path, is_roster_header) is None


@pytest.mark.parametrize(
    "encoding, delimiter",
    [
        ("utf-8-sig", ","),
        ("utf-8", ";"),
        ("gb18030", ","),
        ("gb18030", "\t"),
    ],
)
def test_csv_encodings_and_delimiters(tmp_path, encoding, delimiter):
    path = tmp_path / "r.csv"
    lines = [
        "执委名册",
        "",
        delimiter.join(HEADER),
        delimiter.join(["1", "刘䶮", "女", "1985年3月", "430121198503151227"]),
    ]
    path.write_bytes("\r\n".join(lines).encode(encoding))
    table = read_table(path, is_roster_header)
    assert table.header_row == 3
    assert table.rows[0].row == 4
    assert table.rows[0].values == ("1", "刘䶮", "女", "1985年3月", "430121198503151227")


def test_utf16_tab_separated_text_as_excel_saves_unicode_text(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("\t".join(HEADER).encode("utf-16") + "\r\n1\t刘䶮\t女\t1985.03\t\r\n".encode("utf-16-le"))
    table = read_table(path, is_roster_header)
    assert table.rows[0].values[:4] == ("1", "刘䶮", "女", "1985.03")


def test_delimiter_sniffing_ignores_quoted_commas():
    text = '姓名;身份类别;备注\n李秀英;"教师,村民代表";\n王芳;教师;x\n'
    assert sniff_delimiter(text) == ";"
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","


SAVE_AS = _(
    "{file} is {what}, which the program cannot read as a spreadsheet. "
    "Open it in Excel or WPS, save it as .xlsx (Save As), and import that file."
).replace("{file}", "{{file}}")
NOT_A_SPREADSHEET = (
    "{file} is not a spreadsheet the program can read (.xlsx, .xls, .ods or .csv). "
    "If it opens in Excel or WPS, save it there as .xlsx (Save As) and import that file."
)


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.xlsx", b"", "{file} is empty."),
        ("empty.csv", b"", "{file} is empty."),
        ("blank.csv", b"  \r\n\r\n", "{file} is empty."),
        (
            "photo.xlsx",
            b"\x89PNG\r\n\x1a\n" + bytes(200),
            SAVE_AS.format(what=_("a picture")),
        ),
        ("binary.csv", b"\x00\x01\x02garbage" * 20, NOT_A_SPREADSHEET),
        ("letter.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", SAVE_AS.format(what=_("a PDF file"))),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            (
                "{file} is not a readable {kind} workbook (damaged, or another kind of file renamed). "
                "Open it in Excel or WPS and save it as .xlsx.",
                ".xls",
            ),
        ),
        (
            "locked.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            (
                "{file} is not a readable {kind} workbook (damaged, or another kind of file renamed). "
                "Open it in Excel or WPS and save it as .xlsx.",
                ".xlsx",
            ),
        ),
    ],
)
def test_unreadable_files_are_refused_with_a_message_naming_the_file(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as info:
        read_table(path, is_roster_header)
    if isinstance(expected, tuple):  # a message with the kind of workbook in it
        message, kind = expected
        assert str(info.value) == _(message).format(file=path, kind=kind)
    else:
        assert str(info.value) == _(expected).format(file=path)


def test_a_damaged_workbook_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "good.xlsx", [HEADER])
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ImportFileError) as info:
        read_table(damaged, is_roster_header)
    assert str(damaged) in str(info.value)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError) as info:
        read_table(path, is_roster_header)
    assert str(path) in str(info.value)


def test_a_missing_file_is_refused(tmp_path):
    path = tmp_path / "nothing.xlsx"
    with pytest.raises(ImportFileError) as info:
        read_table(path, is_roster_header)
    assert str(info.value) == _("{file} does not exist.").format(file=path)


# --- telling import files apart by content -------------------------------------------


def test_detect_kind_on_the_samples(samples):
    assert detect_kind(samples / "roster_clean.xlsx") == "roster"
    assert detect_kind(samples / "roster_messy.xlsx") == "roster"
    assert detect_kind(samples / "units_under_county.csv") == "units"


def test_detect_kind_by_content_not_by_name(tmp_path, samples):
    renamed = tmp_path / "名册.csv"
    renamed.write_bytes("区划代码,名称\n430121101201,黄花村\n".encode("gb18030"))
    assert detect_kind(renamed) == "units"
    english = write_xlsx(tmp_path / "units.xlsx", [["Name", "Sex", "Birth", "Phone"], ["Li", "F", "1978.05", ""]])
    assert detect_kind(english) == "roster"
    contacts = tmp_path / "联系表.csv"
    contacts.write_text("区划代码,单位名称,姓名,联系电话\n430121101201,黄花村,李秀英,13807311111\n", encoding="utf-8")
    assert detect_kind(contacts) == "units"
    package = tmp_path / "430121100201_石门村_20250101-120000.fulian"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("manifest.json", '{"format": "fulian-package"}')
    assert detect_kind(package) == "package"
    package_as_zip = tmp_path / "sent.zip"
    package_as_zip.write_bytes(package.read_bytes())
    assert detect_kind(package_as_zip) == "package"


def test_detect_kind_is_none_for_other_files(tmp_path):
    no_header = write_xlsx(tmp_path / "a.xlsx", [["甲", "乙"], [1, 2]])
    fake = tmp_path / "b.fulian"
    fake.write_text("not a zip")
    empty = tmp_path / "c.csv"
    empty.write_bytes(b"")
    assert detect_kind(no_header) is None
    assert detect_kind(fake) is None
    assert detect_kind(empty) is None
    assert detect_kind(tmp_path / "missing.xlsx") is None
    assert detect_kind(tmp_path) is None


def test_find_importable_expands_folders(tmp_path):
    (tmp_path / "乡镇" / "黄花镇").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    files = {
        "a.xlsx": True,
        "乡镇/b.CSV": True,
        "乡镇/黄花镇/c.fulian": True,
        "~$a.xlsx": False,
        "乡镇/notes.docx": False,
        ".hidden/d.xlsx": False,
        "乡镇/e.xls": True,
        "乡镇/f.ods": True,
        "乡镇/g.pdf": False,
    }
    for name in files:
        (tmp_path / name).write_bytes(b"x")
    single = tmp_path / "elsewhere.txt"
    single.write_text("x")
    found = find_importable([tmp_path, single, tmp_path / "a.xlsx", tmp_path / "missing.xlsx"])
    expected = sorted(tmp_path / name for name, wanted in files.items() if wanted)
    # Files given by name are kept whatever they are; each file appears once; missing ones are left out.
    assert found == expected + [single]
