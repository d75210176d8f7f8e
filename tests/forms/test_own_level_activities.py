"""Activities a county or a township held itself are counted at the county, as "<unit>本级" rows."""

from __future__ import annotations

import datetime as _dt

import pytest

from forms.registry import FormOptions, build_form
from models import db as dbmod
from models import homes
from models.demo import make_demo
from models.units import TOWNSHIP, units_below

COUNTY, COUNTY_NAME = "430121000000", "长沙县"
TODAY = _dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A demo county of 30 villages, then one activity the county held and two its first township held."""
    dbmod.open_database(tmp_path_factory.mktemp("own-level") / "county.sqlite3")
    make_demo(COUNTY, COUNTY_NAME, units_below=30, years=1, today=TODAY)
    township = next(u for u in units_below(COUNTY) if u.level == TOWNSHIP)
    for unit, unit_name, count in ((COUNTY, COUNTY_NAME, 1), (township.code, township.name, 2)):
        for n in range(count):
            data = homes.new_activity_input(unit, unit_name, today=_dt.date(2026, 3, 8))
            data.title, data.category, data.place, data.women = f"三八节座谈会{n + 1}", "10", "会议室", 30
            homes.save_activity(data, unit, today=TODAY)
    yield township
    dbmod.close_database()


def sheet_rows(path) -> list[list[object]]:
    from openpyxl import load_workbook

    return [[cell.value for cell in row] for row in load_workbook(path).active.iter_rows()]


def test_the_countys_own_and_a_townships_own_activities_are_rows_of_the_statistics(county, tmp_path):
    township = county
    rows = sheet_rows(build_form("activity-stats", tmp_path / "s.xlsx", FormOptions(COUNTY, today=TODAY)).path)
    numbered = [row for row in rows if isinstance(row[0], int)]
    assert numbered[0][1] == "长沙县本级" and numbered[0][-2] == 1  # the county's own, first of all
    own_township = next(row for row in numbered if row[1] == f"{township.name}本级")
    assert own_township[-2] == 2
    # In its township's group: before that township's 小计, which counts it.
    index = rows.index(own_township)
    subtotal = next(row for row in rows[index:] if isinstance(row[1], str) and row[1].endswith("小计"))
    assert subtotal[1] == f"{township.name}小计"
    members = rows[index : rows.index(subtotal)]
    assert subtotal[-2] == sum(row[-2] for row in members)
    total = next(row for row in rows if isinstance(row[1], str) and row[1].startswith("合计"))
    assert total[-2] == sum(row[-2] for row in numbered)
    # Nothing is named by a bare code.
    assert not any(isinstance(row[1], str) and row[1].isdigit() for row in rows)


def test_the_countys_ledger_summary_counts_its_own_activities_too(county, tmp_path):
    rows = sheet_rows(build_form("ledger", tmp_path / "l.xlsx", FormOptions(COUNTY, today=TODAY)).path)
    numbered = [row for row in rows if isinstance(row[0], int)]
    assert numbered[0][1:3] == ["长沙县本级", 1]
    total = next(row for row in rows if isinstance(row[1], str) and row[1].startswith("合计"))
    assert total[2] == sum(row[2] for row in numbered)
