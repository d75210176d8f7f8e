"""The cockpit of a county agrees with the reporting page's and the summaries' figures, in few statements."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import openpyxl
import pytest

from models import cockpit, stats, submissions, training, units
from models.base import utcnow
from models.exchange import ImportLog
from models.homes import Activity, Home, HomeDemonstration
from models.i18n import _
from tests.models.exchange_helpers import COUNTY, COUNTY_NAME, copy_db, make_installation, use
from tests.models.query_counts import counting_statements

TODAY = dt.date(2024, 11, 30)


@pytest.fixture(scope="module")
def county_file(tmp_path_factory):
    """A demo county with 30 villages under three townships."""
    return make_installation(tmp_path_factory.mktemp("cockpit") / "county.sqlite3", COUNTY, COUNTY_NAME, 5, 30)


@pytest.fixture
def county(county_file, tmp_path):
    use(copy_db(county_file, tmp_path / "county.sqlite3"))
    yield COUNTY


def fake_import(source: str, name: str, when: dt.datetime) -> ImportLog:
    """An import log entry as the importer leaves it (the package itself does not matter here)."""
    return ImportLog.create(
        unit=COUNTY,
        package_id=str(uuid.uuid4()),
        source_code=source,
        source_name=name,
        installation_id=str(uuid.uuid4()),
        sequence=1,
        package_created_at=when,
        imported_at=when,
        file_sha256="0" * 64,
        counts=json.dumps({"activity": {"added": 3}}),
    )


def test_a_village_keeps_its_overview_and_the_units_above_have_the_cockpit():
    assert not units.is_above_village("430121100201")
    assert units.is_above_village("430121100000")
    assert units.is_above_village(COUNTY)
    assert units.is_above_village("430100000000")


def test_reporting_figures_agree_with_the_reporting_page(county):
    expected = submissions.expected_units(county)
    late, on_time, returned = expected[0], expected[1], expected[2]
    fake_import(late.code, late.name, dt.datetime(2024, 3, 1, 2))
    fake_import(on_time.code, on_time.name, dt.datetime(2024, 11, 20, 2))
    fake_import(returned.code, returned.name, dt.datetime(2024, 10, 1, 2))
    submissions.return_submission(returned.code, None, "照片缺失")
    figures = cockpit.cockpit(county, TODAY)
    period = submissions.period_for(today=TODAY)
    counts = submissions.progress_counts(submissions.progress(county, period, TODAY))
    assert figures.reporting.period == period
    assert figures.reporting.counts == counts
    assert (counts.reported, counts.returned, counts.not_reported + counts.overdue) == (2, 1, 27)
    assert [line.code for line in figures.reporting.units(submissions.RETURNED)] == [returned.code]
    assert figures.reporting.units(submissions.RETURNED)[0].detail == "照片缺失"
    assert len(figures.reporting.units(submissions.NOT_REPORTED)) == counts.not_reported
    # Heard from longest ago: the silent villages first, then the oldest package.
    assert [p.imported_at for p in figures.last_packages[-3:]] == [
        dt.datetime(2024, 3, 1, 2),
        dt.datetime(2024, 10, 1, 2),
        dt.datetime(2024, 11, 20, 2),
    ]
    assert len(figures.oldest) == cockpit.OLDEST_SHOWN
    assert all(p.imported_at is None for p in figures.oldest)


def test_a_period_past_its_deadline_counts_the_silent_villages_as_overdue(county):
    submissions.save_period("2024上半年", dt.date(2024, 1, 1), dt.date(2024, 6, 30), dt.date(2024, 7, 10))
    figures = cockpit.cockpit(county, TODAY)
    assert figures.reporting.period.name == "2024上半年"
    assert figures.reporting.counts.overdue == 30
    assert figures.reporting.counts.not_reported == 0


def test_election_round_agrees_with_the_composition_summary(county):
    figures = cockpit.cockpit(county, TODAY)
    summary = submissions.election_summary(county, TODAY.year, TODAY)
    rows = stats.compositions_for([u.code for u in submissions.expected_units(county)], TODAY.year, TODAY)
    assert figures.elections.total.completed == summary.total.done
    total = figures.elections.total
    assert total.completed + total.in_progress + total.not_started == len(rows) == 30
    assert total.not_started == sum(1 for c in rows if c.status == "not_started")
    assert len(figures.elections.groups) == 3  # the three townships
    assert sum(g.completed for g in figures.elections.groups) == total.completed
    assert len(figures.elections.units(cockpit.COMPLETED)) == total.completed


def test_terms_ending_are_those_of_the_overview_below_the_county(county):
    from models.overview import terms_ending

    later = dt.date(2029, 11, 1)
    figures = cockpit.cockpit(county, later)
    below = [t for t in terms_ending(county, later) if t.unit != county]
    assert figures.elections.total.terms_ending == len(below) == len(figures.elections.ending_units())
    assert sum(g.terms_ending for g in figures.elections.groups) == len(below)


def test_training_coverage_agrees_with_the_coverage_summary(county):
    figures = cockpit.cockpit(county, TODAY)
    rows = training.coverage_below(county, TODAY.year)
    total = figures.coverage.summary.total
    assert total.chairs == sum(r.chairs for r in rows)
    assert total.chairs_trained == sum(r.chairs_trained for r in rows)
    assert total.executives_trained == sum(r.executives_trained for r in rows)
    assert len(figures.coverage.chairs_untrained()) == sum(1 for r in rows if r.chairs_trained < r.chairs)


def test_homes_by_demonstration_level_and_quiet_homes(county):
    figures = cockpit.cockpit(county, TODAY)
    homes = list(Home.live().where(Home.unit != county))
    assert sum(figures.homes.count(level) for level in figures.homes.levels()) == len(homes)
    titled = {d.home_id for d in HomeDemonstration.live()}
    assert figures.homes.count(cockpit.NO_DEMONSTRATION) == sum(1 for h in homes if h.uuid not in titled)
    # A Home whose last activity is older than three months is quiet.
    home = homes[0]
    Activity.update(date=dt.date(2024, 8, 1)).where(Activity.unit == home.unit).execute()
    quiet = cockpit.cockpit(county, TODAY).homes.quiet
    assert home.unit in {h.unit_code for h in quiet}
    assert cockpit.months_before(TODAY, 3) == dt.date(2024, 8, 30)
    assert cockpit.months_before(dt.date(2024, 5, 31), 3) == dt.date(2024, 2, 29)


def test_the_whole_cockpit_is_read_in_a_bounded_number_of_statements(county):
    with counting_statements() as quiet:
        cockpit.cockpit(county, TODAY)
    assert quiet.count <= 30, quiet
    expected = submissions.expected_units(county)
    for unit in expected[:3]:
        fake_import(unit.code, unit.name, utcnow())
    with counting_statements() as reported:
        cockpit.cockpit(county, TODAY)
    # The reporting page's progress looks up each reported unit's return: one statement each, nothing else grows.
    assert reported.count <= quiet.count + 3, reported


def test_a_list_behind_a_figure_saves_as_a_workbook(tmp_path):
    lines = [cockpit.UnitLine("430121100201", "石门村", "2024年3月1日")]
    path = cockpit.save_xlsx(cockpit.UnitList(_("Not reported"), lines=lines), tmp_path / "list.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == _("Not reported")
    assert [c.value for c in sheet[3]] == ["430121100201", "石门村", "2024年3月1日"]


def test_committee_work_per_unit_and_in_total(county):
    from models.awards import Nomination
    from models.duties.records import Contact, Need
    from models.people import Person

    work = cockpit.cockpit(county, TODAY).committee
    expected = submissions.expected_units(county)
    assert [r.unit_code for r in work.rows] == [u.code for u in expected]
    village = next(r for r in work.rows if r.contacts)
    year_start = dt.date(TODAY.year, 1, 1)
    contacts = Contact.live().where((Contact.unit == village.unit_code) & (Contact.date >= year_start))
    assert village.contacts == contacts.where(Contact.date <= TODAY).count() > 0
    needs = Need.live().where((Need.unit == village.unit_code) & (Need.found_on >= year_start))
    assert (village.needs, village.needs_answered) == (needs.count(), needs.where(Need.status == "answered").count())
    nominations = Nomination.live().where((Nomination.unit == village.unit_code) & (Nomination.year == TODAY.year))
    assert village.nominations == nominations.count() == 3
    assert work.total.contacts == sum(r.contacts for r in work.rows)
    assert work.total.nominations == sum(r.nominations for r in work.rows)

    # A member whose contacts of this month are deleted is listed as without a contact.
    member = Person.get_by_id(contacts.where(Contact.date >= TODAY.replace(day=1)).first().member_id)
    Contact.update(deleted=True).where(
        (Contact.member == member.uuid) & (Contact.date >= TODAY.replace(day=1))
    ).execute()
    again = cockpit.cockpit(county, TODAY).committee
    line = next(r for r in again.rows if r.unit_code == member.unit)
    before = next(r for r in work.rows if r.unit_code == member.unit)
    assert line.members_without_contact == before.members_without_contact + 1
    assert member.unit in {u.code for u in again.silent_units()}
    assert again.total.members_without_contact == work.total.members_without_contact + 1


def test_the_villages_without_this_months_dispute_report(county):
    from models.disputes import DisputeReport

    reports = cockpit.cockpit(county, TODAY).disputes
    assert reports is not None and reports.month == "2024-11"
    expected = submissions.expected_units(county)
    sent = {r.unit for r in DisputeReport.live().where(DisputeReport.month == "2024-11")}
    assert [line.code for line in reports.missing] == [u.code for u in expected if u.code not in sent]
    assert reports.missing and len(reports.reported) == len(sent) > 0
    none = {
        r.unit for r in DisputeReport.live().where((DisputeReport.month == "2024-11") & DisputeReport.none_this_month)
    }
    assert reports.none_this_month == none
    assert all(line.detail == _("no report for {month}").format(month=reports.month_label) for line in reports.missing)

    # A village's report arrives ("none this month"): it leaves the list; a report deleted puts it back.
    late = reports.missing[0].code
    DisputeReport.create(unit=late, month="2024-11", none_this_month=True, reported_on=TODAY)
    gone = next(iter(sent))
    DisputeReport.update(deleted=True).where(
        (DisputeReport.unit == gone) & (DisputeReport.month == "2024-11")
    ).execute()
    again = cockpit.cockpit(county, TODAY).disputes
    assert again is not None
    assert late not in {line.code for line in again.missing} and late in again.none_this_month
    assert gone in {line.code for line in again.missing}
    # Last month's reports do not count for this month.
    assert cockpit.cockpit(county, dt.date(2024, 12, 1)).disputes.reported == frozenset()
