"""The county's forms and lists cost a handful of SQL statements, whatever the number of units below.

One county of 300 villages is made once for the module; each test counts the
statements SQLite runs while the data of a form or of a page's first screen
is read (``query_counts.counting_statements``).
"""

from __future__ import annotations

import datetime as _dt

import pytest

from models import db as dbmod
from models import stats, submissions, training
from models.demo import make_demo
from models.elections import records as er
from models.listing import ALL_BELOW, Scope, unit_names
from tests.models.query_counts import counting_statements

COUNTY, COUNTY_NAME = "430121000000", "长沙县"
VILLAGES = 300
TODAY = _dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A county database with 300 villages below it (a year of activities each), made once."""
    dbmod.open_database(tmp_path_factory.mktemp("county") / "county.sqlite3")
    make_demo(COUNTY, COUNTY_NAME, units_below=VILLAGES, years=1, today=TODAY)
    yield COUNTY
    dbmod.close_database()


def composition_table(unit_code: str) -> tuple[int | None, list[stats.Composition], stats.Composition]:
    """The data of 换届情况统计表 (forms.composition) as the form reads it: units, year, rows and total."""
    codes = stats.composition_scope(unit_code)
    year = stats.latest_election_year(codes)
    rows = stats.compositions_for(codes, year, TODAY)
    return year, rows, stats.roll_up(rows, unit_code)


def summary_data(unit_code: str):
    """The data of 报送汇总表 (forms.summary): the units expected, the period and the three tables."""
    period = submissions.period_for(None, None, TODAY)
    submissions.expected_units(unit_code)
    return (
        submissions.election_summary(unit_code, period.year, TODAY),
        submissions.activity_summary(unit_code, period),
        submissions.coverage_summary(unit_code, period.year),
    )


def test_composition_table_costs_a_handful_of_statements(county):
    with counting_statements() as statements:
        year, rows, total = composition_table(county)
    assert statements.count <= 30, statements
    assert year == TODAY.year and len(rows) == VILLAGES and total.units == VILLAGES
    assert total.members > VILLAGES


def test_composition_rows_are_those_of_each_unit_alone(county):
    year, rows, _total = composition_table(county)
    some = [row.unit_code for row in rows[::37]]
    alone = [stats.composition_for(code, year, TODAY) for code in some]
    assert [vars(row) for row in alone] == [vars(row) for row in stats.compositions_for(some, year, TODAY)]
    # Without a year: the current committee and the latest election's status.
    assert [vars(stats.composition_for(code, None, TODAY)) for code in some] == [
        vars(row) for row in stats.compositions_for(some, None, TODAY)
    ]


def test_composition_statements_do_not_grow_with_the_units(county):
    codes = stats.composition_scope(county)
    with counting_statements() as few:
        stats.compositions_for(codes[:5], TODAY.year, TODAY)
    with counting_statements() as all_:
        stats.compositions_for(codes, TODAY.year, TODAY)
    assert all_.count == few.count


def test_summary_costs_a_handful_of_statements(county):
    with counting_statements() as statements:
        elections, activities, coverage = summary_data(county)
    assert statements.count <= 30, statements
    assert len(elections.rows) == len(activities.rows) == len(coverage.rows) == VILLAGES
    assert activities.total.total > 0 and coverage.total.executives > 0


def test_coverage_matches_each_unit_committee(county):
    from models import codes
    from models.people import Person

    for row in training.coverage_below(county, TODAY.year)[::50]:
        committee = list(Person.live().where((Person.unit == row.unit_code) & Person.post.in_(codes.COMMITTEE_POSTS)))
        assert (row.chairs, row.executives) == (sum(p.post == "chair" for p in committee), len(committee))


def test_elections_page_first_screen_costs_a_handful_of_statements(county):
    scope = Scope(county, ALL_BELOW)
    with counting_statements() as statements:
        listed = er.list_elections(scope)
        names = unit_names()
    assert statements.count <= 10, statements
    assert len(listed.elections) >= VILLAGES and len(names) > VILLAGES
    units = sorted({e.unit for e in listed.elections} | {county})
    alone = {c.uuid for c in (er.current_election(code) for code in units) if c is not None}
    assert listed.current == alone and len(alone) >= VILLAGES - 1


def test_training_page_first_screen_costs_a_handful_of_statements(county):
    for choice in ("", ALL_BELOW):
        listing = training.TrainingListing(Scope(county, choice))
        with counting_statements() as statements:
            listing.any(), listing.count(), listing.years()
            rows = listing.page("dates", True, 0, 200)
        assert statements.count <= 5, statements
    rows = training.TrainingListing(Scope(county)).page("dates", True, 0, 200)
    assert rows
    with counting_statements() as statements:
        chosen = training.find_training(rows[0].uuid)
        assert chosen is not None
        summary = training.summary(chosen)
        training.marks(chosen), training.hours_by_trainee(chosen), list(chosen.trainees())
    assert statements.count <= 12, statements
    assert summary.expected > 0


def test_activities_below_a_county_cost_a_handful_of_statements(county):
    from forms.activities_below import activities_below

    with counting_statements() as statements:
        found = activities_below(county, TODAY.year)
    assert statements.count <= 10, statements
    assert len(found.units) == VILLAGES and found.total.total == sum(row.total for row in found.units)


def test_committee_figures_of_the_cockpit_cost_five_statements(county):
    from models import cockpit

    expected = submissions.expected_units(county)
    with counting_statements() as statements:
        work = cockpit.committee_below(county, expected, TODAY)
    assert statements.count <= 5, statements
    assert len(work.rows) == VILLAGES and work.total.contacts > VILLAGES


def test_the_dispute_reports_of_the_cockpit_cost_one_statement(county):
    from models import cockpit

    expected = submissions.expected_units(county)
    with counting_statements() as statements:
        reports = cockpit.dispute_reports_below(county, expected, TODAY)
    assert statements.count <= 1, statements
    assert len(reports.expected) == VILLAGES and 0 < len(reports.missing) < VILLAGES
