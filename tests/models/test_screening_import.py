"""A list of women for the "两癌" round from a spreadsheet: every problem with its row and column; all or nothing."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import openpyxl
import pytest

from models import screening as sc
from models.i18n import _
from models.people import id_number_check_digit
from models.screening_import import ImportFileError, ImportRefused, apply_screening, read_screening
from tests.conftest import VILLAGE_CODE as UNIT

HEADER = ["序号", "姓名", "出生年月", "身份证号", "村民小组", "户籍", "低保", "联系电话", "备注"]


def id_number(birth: str, sex_digit: int = 2) -> str:
    first = f"430121{birth}00{sex_digit}"
    return first + id_number_check_digit(first)


GOOD = [
    [1, "李桂兰", "1975.05", "", "一组", "是", "否", "13812345678", ""],
    [2, "王芳", "", id_number("19800101"), "二组", "外村", "是", "", "嫁入未迁户口"],
    [3, "赵敏", _dt.date(1966, 9, 1), "", "二组", "", "", "0731-84123456", ""],
]


def workbook(path: Path, rows: list[list], header: list[str] = HEADER) -> Path:
    """The list as a village keeps it: a title row, the header, the rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["石门村2026年“两癌”检查适龄妇女名单"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def screening_round(database):
    return sc.save_round(sc.RoundInput(year=2026, quota=50, starts_on=_dt.date(2026, 4, 1)), UNIT)


def test_a_good_list_is_imported_whole_and_no_id_number_is_kept(tmp_path, screening_round):
    preview = read_screening(workbook(tmp_path / "women.xlsx", GOOD), screening_round)
    assert preview.problems == []
    assert preview.rows[1].values["id_number"].startswith("430121") and "*" in preview.rows[1].values["id_number"]
    assert apply_screening(preview, screening_round) == 3
    women = {w.name: w for w in sc.women_of(screening_round)}
    assert women["王芳"].birth_month == "1980-01"
    assert (women["王芳"].registered_here, women["王芳"].low_income) == (False, True)
    assert women["赵敏"].birth_month == "1966-09" and women["赵敏"].registered_here
    stored = " ".join(str(v) for w in women.values() for v in w.__data__.values())
    assert id_number("19800101") not in stored


def test_every_problem_is_listed_by_row_and_column_and_nothing_is_written(tmp_path, screening_round):
    sc.save_woman(sc.WomanInput(name="李桂兰", birth_month="1975-05"), screening_round)
    rows = GOOD + [
        [4, "", "1970.01", "", "", "", "", "", ""],
        [5, "小姑娘", "2000.01", "", "", "", "", "", ""],
        [6, "钱", "1970.02", id_number("19710301"), "", "也许", "", "123", ""],
        [7, "赵敏", "1966.09", "", "", "", "", "", ""],
    ]
    preview = read_screening(workbook(tmp_path / "women.xlsx", rows), screening_round)
    found = {(p.row, p.column) for p in preview.problems}
    assert (3, "姓名") in found  # 李桂兰 is already in the round
    assert (6, "姓名") in found
    assert (7, "出生年月") in found
    assert {(8, "出生年月"), (8, "户籍"), (8, "联系电话")} <= found
    assert (9, "姓名") in found and (5, "姓名") in found  # 赵敏 twice
    with pytest.raises(ImportRefused):
        apply_screening(preview, screening_round)
    assert [w.name for w in sc.women_of(screening_round)] == ["李桂兰"]


def test_a_birth_month_from_the_id_number_alone_is_judged_on_its_column(tmp_path, screening_round):
    header = ["姓名", "身份证号"]
    rows = [["小红", id_number("20000101")], ["男人", id_number("19700101", 1)]]
    preview = read_screening(workbook(tmp_path / "ids.xlsx", rows, header), screening_round)
    assert {(p.row, p.column) for p in preview.problems} == {(3, "身份证号"), (4, "身份证号")}
    assert any(p.message == _("The ID number is a man's; the screening is for women.") for p in preview.problems)


def test_a_file_without_a_list_of_women_is_refused(tmp_path, screening_round):
    with pytest.raises(ImportFileError):
        read_screening(workbook(tmp_path / "other.xlsx", [["x", 1]], ["户主", "妇女人数"]), screening_round)


def test_the_command_line_imports_into_the_years_round_all_or_nothing(tmp_path, screening_round, db_path, capsys):
    import cli
    from models.db import close_database, open_database

    close_database()
    bad = workbook(tmp_path / "bad.xlsx", GOOD + [[4, "小姑娘", "2001.01", "", "", "", "", "", ""]])
    assert cli.main(["import-screening", "--db", str(db_path), "--year", "2026", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.xlsx" in err and "出生年月" in err
    good = workbook(tmp_path / "good.xlsx", GOOD)
    assert cli.main(["import-screening", "--db", str(db_path), "--year", "2025", str(good)]) == 1
    assert "2025" in capsys.readouterr().err
    assert cli.main(["import-screening", "--db", str(db_path), "--year", "2026", "--dry-run", str(good)]) == 0
    assert cli.main(["import-screening", "--db", str(db_path), "--year", "2026", str(good)]) == 0
    open_database(db_path)
    assert sc.ScreeningWoman.live().count() == 3
