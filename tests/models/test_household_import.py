"""Households from a spreadsheet: every problem with its row and column first; all rows or none."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from models.db import close_database
from models.duties import households as hh
from models.duties.household_import import ImportRefused, apply_households, read_households
from models.duties.records import Household, HouseholdLink
from models.i18n import _

from .duty_helpers import UNIT, committee_member

HEADER = ["序号", "户主", "家庭成员", "妇女人数", "村民小组/网格", "住址", "联系电话", "联系执委"]
GOOD = [
    [1, "张大山", "李桂兰、张小红", 2, "一组", "石门村一组12号", "13812345678", "王秀英"],
    [2, "刘建国", "陈玉梅", 1, "二组", "石门村二组3号", "", "李红"],
    [3, "周德明", "", 0, "二组", "", "0731-84123456", ""],
]


def workbook(path: Path, rows: list[list]) -> Path:
    """A households list as a village keeps it: a title row, the header, the rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["石门村执委联系户名册"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def committee(database):
    return committee_member("王秀英", "chair"), committee_member("李红")


def test_a_good_file_imports_every_household_with_its_member(tmp_path, committee):
    wang, li = committee
    preview = read_households(workbook(tmp_path / "households.xlsx", GOOD), UNIT)
    assert preview.problems == []
    assert apply_households(preview, UNIT) == 3
    by_head = {h.head_name: h for h in Household.live()}
    assert hh.current_link(by_head["张大山"]).member_id == wang.uuid
    assert hh.current_link(by_head["刘建国"]).member_id == li.uuid
    assert hh.current_link(by_head["周德明"]) is None
    assert by_head["张大山"].women == 2 and by_head["周德明"].phone == "0731-84123456"


def test_one_bad_row_lists_every_problem_and_writes_nothing(tmp_path, committee):
    rows = GOOD + [
        [4, "", "", 60, "三组", "", "12345", "赵不在"],
    ]
    preview = read_households(workbook(tmp_path / "households.xlsx", rows), UNIT)
    where = {(p.row, p.column) for p in preview.problems}
    assert {(6, "户主"), (6, "妇女人数"), (6, "联系电话"), (6, "联系执委")} <= where
    member_problem = next(p for p in preview.problems if p.column == "联系执委")
    assert member_problem.message == _("{name} is not a member of the executive committee.").format(name="赵不在")
    with pytest.raises(ImportRefused):
        apply_households(preview, UNIT)
    assert Household.select().count() == 0 and HouseholdLink.select().count() == 0


def test_the_command_line_imports_all_or_nothing(tmp_path, committee, db_path, capsys):
    import cli

    close_database()
    bad = workbook(tmp_path / "bad.xlsx", GOOD + [[4, "吴七", "", "很多", "三组", "", "", ""]])
    assert cli.main(["import-households", "--db", str(db_path), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.xlsx" in err and "妇女人数" in err
    good = workbook(tmp_path / "good.xlsx", GOOD)
    assert cli.main(["import-households", "--db", str(db_path), "--dry-run", str(good)]) == 0
    assert cli.main(["import-households", "--db", str(db_path), str(good)]) == 0
    from models.db import open_database

    open_database(db_path)
    assert Household.live().count() == 3


def test_importing_the_same_file_again_doubles_nothing(tmp_path, committee):
    path = workbook(tmp_path / "households.xlsx", GOOD)
    assert apply_households(read_households(path, UNIT), UNIT) == 3
    again = read_households(path, UNIT)
    assert {p.row for p in again.problems} == {3, 4, 5}
    assert _("{name}'s household is already on the list; edit it there instead of importing it again.").format(
        name="张大山"
    ) in {p.message for p in again.problems}
    with pytest.raises(ImportRefused):
        apply_households(again, UNIT)
    assert Household.live().count() == 3


def test_a_household_twice_in_the_file_is_flagged_on_both_rows(tmp_path, committee):
    rows = GOOD + [[4, "张大山", "", 1, "三组", "", "13812345678", ""], [5, "张大山", "", 1, "四组", "", "", ""]]
    preview = read_households(workbook(tmp_path / "households.xlsx", rows), UNIT)
    # Same head and phone as row 3; row 7 has another group and no phone: another family of the same name.
    assert {(p.row, p.message) for p in preview.problems} == {
        (3, _("The same household is also on row {rows}.").format(rows="6")),
        (6, _("The same household is also on row {rows}.").format(rows="3")),
    }
