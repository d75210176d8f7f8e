"""Reporting upward: who has reported for a period, returns, replacements, overdue units, summaries."""

from __future__ import annotations

import datetime as dt

import pytest

from models import db as dbmod
from models import exchange, stats, submissions, units
from models.base import ValidationError
from models.homes import CATEGORY, Activity
from models.training import coverage_below
from models.unit_import import apply_unit_list, read_unit_list

from .exchange_helpers import (
    COUNTY,
    COUNTY_NAME,
    TODAY,
    VILLAGE,
    VILLAGE2,
    VILLAGE2_NAME,
    VILLAGE_NAME,
    copy_world,
    export_villages,
    use,
)

SILENT, SILENT_NAME = "430121100203", "白沙村"
TOWNSHIP = "430121100000"


def write_unit_list(folder):
    path = folder / "units.csv"
    path.write_text(
        "区划代码,名称\n"
        f"{COUNTY},{COUNTY_NAME}\n"
        f"{TOWNSHIP},金井镇\n"
        f"{VILLAGE},{VILLAGE_NAME}\n"
        f"{VILLAGE2},{VILLAGE2_NAME}\n"
        f"{SILENT},{SILENT_NAME}\n",
        encoding="utf-8-sig",
    )
    return path


@pytest.fixture
def county(exchange_world, tmp_path):
    """A county that imported its unit list and got a package from each of two villages."""
    copies = copy_world(exchange_world, tmp_path)
    packages = export_villages(copies, tmp_path)
    preview = read_unit_list(write_unit_list(tmp_path), COUNTY)
    assert apply_unit_list(preview, COUNTY) == 4
    for package in packages.values():
        exchange.import_package(package.path, backup=False)
    yield {"dbs": copies, "packages": packages, "folder": tmp_path}
    dbmod.close_database()


def around_today():
    today = dt.date.today()
    return submissions.Period(
        "round", today - dt.timedelta(days=10), today + dt.timedelta(days=10), today + dt.timedelta(days=3)
    )


def by_code(rows):
    return {row.unit_code: row for row in rows}


def test_expected_units_come_from_the_list_and_packages(county):
    expected = submissions.expected_units(COUNTY)
    assert [u.code for u in expected] == [VILLAGE, VILLAGE2, SILENT]
    assert [u.name for u in expected] == [VILLAGE_NAME, VILLAGE2_NAME, SILENT_NAME]


def test_statuses_counts_and_overdue(county):
    period = around_today()
    packages = county["packages"]
    submissions.return_submission(VILLAGE2, packages["village2"].package_id, "  执委名单缺出生年月 ")
    rows = by_code(submissions.progress(COUNTY, period, today=period.deadline))
    assert rows[VILLAGE].status == submissions.REPORTED and rows[VILLAGE].packages == 1
    assert rows[VILLAGE].package_id == packages["village"].package_id
    assert rows[VILLAGE].sequence == packages["village"].sequence and rows[VILLAGE].created_at
    assert rows[VILLAGE].records("person") == packages["village"].records["person"]
    assert rows[VILLAGE2].status == submissions.RETURNED and rows[VILLAGE2].reason == "执委名单缺出生年月"
    assert rows[VILLAGE2].returned_at is not None
    assert rows[SILENT].status == submissions.NOT_REPORTED and rows[SILENT].package_id is None
    counts = submissions.progress_counts(list(rows.values()))
    assert (counts.expected, counts.reported, counts.returned, counts.not_reported, counts.overdue) == (3, 1, 1, 1, 0)
    assert counts.share(submissions.REPORTED) == pytest.approx(1 / 3)
    # After the deadline the silent village is overdue; the others keep their states.
    later = by_code(submissions.progress(COUNTY, period, today=period.deadline + dt.timedelta(days=1)))
    assert later[SILENT].status == submissions.OVERDUE and later[SILENT].status_label() == submissions._("Overdue")
    assert later[VILLAGE2].status == submissions.RETURNED
    counts = submissions.progress_counts(list(later.values()))
    assert (
        counts.overdue == 1 and counts.not_reported == 0 and counts.share(submissions.OVERDUE) == pytest.approx(1 / 3)
    )


def test_a_package_outside_the_period_does_not_count(county):
    long_ago = submissions.Period("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31), dt.date(2019, 12, 31))
    rows = submissions.progress(COUNTY, long_ago, today=dt.date(2020, 1, 5))
    assert {row.status for row in rows} == {submissions.OVERDUE}


def test_a_second_package_replaces_the_first_and_clears_the_return(county, tmp_path):
    period = around_today()
    first = county["packages"]["village"]
    submissions.return_submission(VILLAGE, first.package_id, "活动台账缺照片")
    assert by_code(submissions.progress(COUNTY, period))[VILLAGE].status == submissions.RETURNED
    # The same file imported again changes nothing and is not counted twice.
    assert exchange.import_package(first.path, backup=False).status == exchange.ALREADY_IMPORTED
    assert by_code(submissions.progress(COUNTY, period))[VILLAGE].packages == 1
    use(county["dbs"]["village"])
    corrected = exchange.export_package(tmp_path / "village-2.fulian")
    use(county["dbs"]["county"])
    exchange.import_package(corrected.path, backup=False)
    rows = submissions.progress(COUNTY, period)
    row = by_code(rows)[VILLAGE]
    assert row.status == submissions.REPORTED and row.reason == ""
    assert row.package_id == corrected.package_id and row.sequence == first.sequence + 1 and row.packages == 2
    counts = submissions.progress_counts(rows)
    assert (counts.reported, counts.returned) == (2, 0)


def test_a_return_needs_a_reason_and_a_known_package(county):
    with pytest.raises(ValidationError) as caught:
        submissions.return_submission(VILLAGE, None, "  ")
    assert [e.field for e in caught.value.errors] == ["reason"]
    with pytest.raises(ValidationError) as caught:
        submissions.return_submission(SILENT, None, "没有材料")
    assert [e.field for e in caught.value.errors] == ["package_id"]
    assert submissions.SubmissionReturn.select().count() == 0
    # Without a package id the latest package is returned; returning again replaces the reason.
    first = submissions.return_submission(VILLAGE, None, "第一次")
    again = submissions.return_submission(VILLAGE, None, "第二次")
    assert first.uuid == again.uuid and again.package_id == county["packages"]["village"].package_id
    assert submissions.return_of(again.package_id).reason == "第二次"
    assert submissions.withdraw_return(again.package_id)
    assert by_code(submissions.progress(COUNTY, around_today()))[VILLAGE].status == submissions.REPORTED


def test_find_package_by_id_or_unit_code(county):
    package = county["packages"]["village2"]
    assert submissions.find_package(COUNTY, package.package_id).source_code == VILLAGE2
    assert submissions.find_package(COUNTY, VILLAGE2).package_id == package.package_id
    assert submissions.find_package(COUNTY, SILENT) is None and submissions.find_package(COUNTY, "nonsense") is None


def test_periods_stored_and_by_default_the_year(county):
    assert submissions.period_for(2024) == submissions.Period(
        "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), dt.date(2024, 12, 31)
    )
    submissions.set_default_deadline(12, 20)
    assert submissions.year_period(2025).deadline == dt.date(2025, 12, 20)
    saved = submissions.save_period("2026年换届", dt.date(2026, 3, 1), dt.date(2026, 6, 30), dt.date(2026, 6, 15))
    assert submissions.period_for(2026) == saved and submissions.period_for(name="2026年换届") == saved
    assert submissions.save_period("2026年换届", dt.date(2026, 3, 1), dt.date(2026, 7, 31)).deadline == dt.date(
        2026, 7, 31
    )
    assert len(submissions.periods()) == 1
    with pytest.raises(ValidationError) as caught:
        submissions.save_period("", dt.date(2026, 3, 1), dt.date(2026, 2, 1))
    assert {e.field for e in caught.value.errors} == {"name", "end"}
    with pytest.raises(LookupError):
        submissions.period_for(name="nope")


def test_summaries_have_a_row_per_unit_and_totals(county):
    year = TODAY.year  # the demo villages' records lie in the year up to TODAY
    period = submissions.year_period(year)
    activities = submissions.activity_summary(COUNTY, period)
    assert [row.unit_code for row in activities.rows] == [VILLAGE, VILLAGE2, SILENT]
    for row in activities.rows:
        expected = Activity.live().where(
            (Activity.unit == row.unit_code) & (Activity.date >= period.start) & (Activity.date <= period.end)
        )
        assert row.total == expected.count()
        for code in CATEGORY.codes():
            assert row.by_category[code] == expected.where(Activity.category == code).count()
    assert activities.total.total == sum(row.total for row in activities.rows) > 0
    assert activities.rows[2].total == 0 and activities.units_active == 2
    assert sum(activities.share_of_total(row) for row in activities.rows) == pytest.approx(1)
    assert sum(activities.category_share(code) for code in CATEGORY.codes()) == pytest.approx(1)

    elections_year = stats.latest_election_year([VILLAGE, VILLAGE2])
    elections = submissions.election_summary(COUNTY, elections_year, dt.date.today())
    assert [row.unit_code for row in elections.rows] == [VILLAGE, VILLAGE2, SILENT]
    rolled = stats.roll_up(
        [stats.composition_for(c, elections_year, dt.date.today()) for c in (VILLAGE, VILLAGE2, SILENT)]
    )
    assert (elections.total.members, elections.total.units, elections.total.done) == (rolled.members, 3, rolled.done)
    assert elections.total.members > 0 and elections.done_share == pytest.approx(rolled.done / 3)

    coverage = submissions.coverage_summary(COUNTY, year)
    raw = {c.unit_code: c for c in coverage_below(COUNTY, year)}
    assert [row.unit_code for row in coverage.rows] == [VILLAGE, VILLAGE2, SILENT]
    assert coverage.total.executives == sum(raw[c].executives for c in (VILLAGE, VILLAGE2))
    assert coverage.total.executives_trained == sum(raw[c].executives_trained for c in (VILLAGE, VILLAGE2))
    assert coverage.rows[2].executives_share is None
    if coverage.total.executives:
        assert coverage.total.executives_share == coverage.total.executives_trained / coverage.total.executives


def test_the_sample_unit_list_gives_the_expected_villages(database, samples):
    units.set_own_unit(COUNTY, COUNTY_NAME)
    apply_unit_list(read_unit_list(samples / "units_under_county.csv", COUNTY), COUNTY)
    codes = [u.code for u in submissions.expected_units(COUNTY)]
    # The fixture's database began as the village 430121100201, which stays a unit below the county.
    assert codes == [
        "430121001001",
        "430121001002",
        VILLAGE,
        "430121101201",
        "430121101202",
        "430121101203",
        "430121102201",
        "430121102202",
    ]
    rows = submissions.progress(COUNTY, submissions.year_period(2024), today=dt.date(2024, 6, 1))
    assert {row.status for row in rows} == {submissions.NOT_REPORTED}
