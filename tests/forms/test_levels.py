"""Forms at a township or county: the words follow the level, and data below is totalled, never zeros."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from forms.registry import FormOptions, build_form
from models import db as dbmod
from models.demo import make_demo
from models.i18n import _

from .conftest import squeeze

COUNTY, COUNTY_NAME = "430121000000", "长沙县"
VILLAGES = 30
TODAY = _dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A county with 30 villages under three townships, a year of activities each, made once."""
    dbmod.open_database(tmp_path_factory.mktemp("county") / "county.sqlite3")
    make_demo(COUNTY, COUNTY_NAME, units_below=VILLAGES, years=1, today=TODAY)
    yield COUNTY
    dbmod.close_database()


def build(name: str, unit: str, path: Path, **kwargs):
    return build_form(name, path, FormOptions(unit, today=TODAY, **kwargs))


def first_village(county: str) -> str:
    from models.units import VILLAGE, units_below

    return next(u.code for u in units_below(county) if u.level == VILLAGE)


def township_of(code: str) -> str:
    from models.units import code_info

    return code_info(code).parent or ""


# --- the approval blocks ---------------------------------------------------------------------------


def test_the_election_report_asks_the_level_above_and_the_party_organisation(county, tmp_path, read_pdf):
    village = first_village(county)
    expected = {
        county: "市妇联意见",
        township_of(village): "县妇联意见",
        village: "乡镇（街道）妇联意见",
    }
    for unit in (county, village):  # the demo's townships hold no election of their own
        words = expected[unit]
        text = squeeze(read_pdf(build("election", unit, tmp_path / f"{unit}.pdf").path).text)
        assert words in text, unit
        assert "同级党组织意见" in text
        for other in set(expected.values()) - {words}:
            assert other not in text, (unit, other)


def test_the_level_above_is_named_by_one_rule():
    from forms.layout import higher_federation_opinion

    assert squeeze(higher_federation_opinion("430121100201")) == "乡镇（街道）妇联意见："
    assert squeeze(higher_federation_opinion("430121100000")) == "县妇联意见："
    assert squeeze(higher_federation_opinion("430121000000")) == "市妇联意见："
    assert squeeze(higher_federation_opinion("430100000000")) == "省妇联意见："
    assert higher_federation_opinion("430000000000") == ""


# --- the Women's Home forms above the village ---------------------------------------------------------


def _activity_counts(county: str) -> dict[str, int]:
    from models.homes import Activity
    from models.units import Unit

    names = dict(Unit.live().select(Unit.code, Unit.name).tuples())
    counts: dict[str, int] = {}
    for activity in Activity.live().where(Activity.unit != county):
        if activity.date.year == TODAY.year:
            counts[names[activity.unit]] = counts.get(names[activity.unit], 0) + 1
    return counts


def test_a_countys_activity_statistics_total_the_villages(county, tmp_path):
    from openpyxl import load_workbook

    result = build("activity-stats", county, tmp_path / "stats.xlsx")
    sheet = load_workbook(result.path).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    expected = _activity_counts(county)
    assert sum(expected.values()) > 0
    units = {row[1]: row for row in rows if isinstance(row[0], int)}
    assert {name: row[-2] for name, row in units.items() if row[-2]} == expected
    total = next(row for row in rows if isinstance(row[1], str) and row[1].startswith("合计"))
    assert total[-2] == sum(expected.values())
    subtotals = [row for row in rows if isinstance(row[1], str) and row[1].endswith("小计")]
    assert len(subtotals) == 3 and sum(row[-2] for row in subtotals) == total[-2]


def test_a_countys_activity_statistics_pdf_prints_no_page_of_zeros(county, tmp_path, read_pdf):
    from .conftest import table_rows

    result = build("activity-stats", county, tmp_path / "stats.pdf")
    rows = table_rows(result.path)
    total = next(row for row in rows if any(cell.startswith("合计") for cell in row[:2]))
    assert int(total[-2]) == sum(_activity_counts(county).values())
    assert any(row[1] == "石门村" or "村" in row[1] for row in rows if row[0].isdigit())


def test_a_countys_ledger_is_a_summary_per_unit(county, tmp_path, read_pdf):
    from .conftest import table_rows

    result = build("ledger", county, tmp_path / "ledger.pdf")
    rows = table_rows(result.path)
    expected = _activity_counts(county)
    units = {row[1]: int(row[2]) for row in rows if row and row[0].isdigit()}
    assert {name: n for name, n in units.items() if n} == expected
    total = next(row for row in rows if any(cell.startswith("合计") for cell in row[:2]))
    assert int(total[2]) == sum(expected.values())


def test_a_countys_own_activity_sheet_is_refused_not_printed_blank(county, tmp_path):
    from forms.registry import FormError

    with pytest.raises(FormError) as caught:
        build("activity", county, tmp_path / "sheet.pdf")
    assert COUNTY_NAME in str(caught.value)
    assert not (tmp_path / "sheet.pdf").exists()


def test_a_countys_own_home_sheet_points_to_the_units_below_and_a_villages_prints(county, tmp_path, read_pdf):
    from forms.registry import FormError

    with pytest.raises(FormError) as caught:
        build("home", county, tmp_path / "home.pdf")
    assert "--unit" in str(caught.value) and COUNTY_NAME in str(caught.value)
    assert not (tmp_path / "home.pdf").exists()
    village = first_village(county)
    assert read_pdf(build("home", village, tmp_path / "village.pdf").path).text


# --- township grouping at a county ------------------------------------------------------------------


def _sheet_rows(path) -> list[list[object]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    return [[cell.value for cell in row] for sheet in workbook.worksheets for row in sheet.iter_rows()]


def test_a_countys_composition_has_township_subtotals_adding_up_to_the_total(county, tmp_path, read_pdf):
    from .conftest import table_rows

    rows = _sheet_rows(build("composition", county, tmp_path / "c.xlsx").path)
    subtotals = [row for row in rows if isinstance(row[1], str) and row[1].endswith("小计")]
    total = next(row for row in rows if isinstance(row[1], str) and row[1].startswith("合计"))
    units = [row for row in rows if isinstance(row[0], int)]
    assert len(subtotals) == 3
    for column in (3, 4, 5, 8):  # entitled, present, chairs, members
        assert sum(row[column] or 0 for row in subtotals) == total[column] == sum(row[column] or 0 for row in units)
    pdf_rows = table_rows(build("composition", county, tmp_path / "c.pdf").path)
    assert sum(1 for row in pdf_rows if row[1].endswith("小计")) == 3


def test_a_countys_summary_groups_each_table_by_township(county, tmp_path):
    from openpyxl import load_workbook

    workbook = load_workbook(build("summary", county, tmp_path / "s.xlsx").path)
    for sheet in workbook.worksheets:
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        subtotals = [row for row in rows if isinstance(row[1], str) and row[1].endswith("小计")]
        units = [row for row in rows if isinstance(row[0], int)]
        total = next(row for row in rows if isinstance(row[1], str) and row[1].startswith("合计"))
        assert len(subtotals) == 3, sheet.title
        count = 3 if sheet.title == workbook.worksheets[0].title else 2  # representatives entitled / chairs
        assert sum(row[count] or 0 for row in subtotals) == total[count] == sum(row[count] or 0 for row in units)


def test_a_countys_progress_has_township_subtotals_and_a_total(county, tmp_path):
    from openpyxl import load_workbook

    sheet = load_workbook(build("progress", county, tmp_path / "p.xlsx").path).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    subtotals = [row for row in rows if isinstance(row[1], str) and row[1].endswith("小计")]
    units = [row for row in rows if isinstance(row[0], int)]
    total = next(row for row in rows if isinstance(row[1], str) and row[1].startswith("合计"))
    assert len(subtotals) == 3
    assert total[3] == _("{done} of {units} reported").format(done=0, units=len(units))
    assert sum(int(row[3].split("/")[1]) for row in subtotals) == len(units)


def test_an_empty_roster_above_the_village_is_refused(county, tmp_path):
    from forms.registry import FormError
    from models.units import TOWNSHIP, units_below

    township = next(u for u in units_below(county) if u.level == TOWNSHIP)
    with pytest.raises(FormError) as caught:
        build("roster", township.code, tmp_path / "roster.pdf")
    assert township.name in str(caught.value)
    assert build("roster", county, tmp_path / "county.pdf").pages  # the county's own committee prints
