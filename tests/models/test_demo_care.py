"""The demo's rights and care: a village's year as it keeps it, texts within their limits, and at a county the
reports and counts the villages below sent."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from models import care_counts, fields, submissions
from models import db as dbmod
from models.base import Record
from models.care import CareAct, CareTarget, ParentContact
from models.care_counts import CareCount
from models.demo import make_demo
from models.disputes import DisputeCase, DisputeReport, DisputeStep
from models.petitions import Petition
from models.screening import ScreeningRound, ScreeningWoman
from tests.conftest import VILLAGE_CODE, VILLAGE_NAME

TODAY = dt.date(2026, 6, 30)
YEARS = 3
MODELS = (DisputeCase, DisputeStep, DisputeReport, Petition, CareTarget, CareAct, ParentContact)
MODELS += (ScreeningRound, ScreeningWoman)


def texts_within_limits(model: type[Record]) -> list[str]:
    table = model._meta.table_name
    problems = []
    for row in model.select():
        for name, field in model._meta.fields.items():
            value = getattr(row, name)
            rule = fields.rule(table, field.column_name)
            if isinstance(value, str) and rule is not None and rule.max_length and len(value) > rule.max_length:
                problems.append(f"{table}.{name}: {value}")
            if isinstance(value, str) and "测试" in value:
                problems.append(f"{table}.{name}: {value}")
    return problems


def test_a_village_demo_holds_a_real_villages_years_of_rights_and_care(database):
    make_demo(VILLAGE_CODE, VILLAGE_NAME, years=YEARS, today=TODAY)
    cases = list(DisputeCase.select())
    months = (YEARS - 1) * 12 + TODAY.month
    assert 0.8 * months <= len(cases) <= 2.2 * months  # one or two a month
    status = Counter(c.status for c in cases)
    assert status["settled"] > status["stable"] > 0 and 0 < status["handed_on"] < status["stable"]
    assert all(c.handed_to for c in cases if c.status == "handed_on")
    assert all(c.closed_on is None for c in cases if c.status == "screened")
    high = Counter(c.found_on.year for c in cases if c.risk == "high")
    assert set(high) == set(range(TODAY.year - YEARS + 1, TODAY.year + 1)) and set(high.values()) == {1}
    assert all(c.found_on <= TODAY for c in cases)
    assert DisputeStep.select().count() >= len(cases)

    # A report for every past month, "none this month" when nothing was found.
    reports = {r.month: r for r in DisputeReport.select()}
    assert len(reports) == months - 1 and f"{TODAY:%Y-%m}" not in reports
    found = Counter(f"{c.found_on:%Y-%m}" for c in cases)
    assert all(r.none_this_month == (found[m] == 0) for m, r in reports.items())
    assert any(r.none_this_month for r in reports.values())

    per_year = Counter(p.date.year for p in Petition.select())
    assert all(4 <= n <= 10 for n in per_year.values())
    targets = list(CareTarget.select())
    assert 8 <= len(targets) <= 15
    categories = Counter(t.category for t in targets)
    assert categories["left_behind_child"] >= 5 and categories["woman_in_hardship"] >= 1
    children = {t.uuid for t in targets if t.category == "left_behind_child"}
    contacted = {(c.target_id, f"{c.date:%Y-%m}") for c in ParentContact.select()}
    assert {t for t, _m in contacted} == children
    assert CareAct.select().count() >= len(targets) * 3 * YEARS * 0.8

    for screening_round in ScreeningRound.select():
        women = list(ScreeningWoman.select().where(ScreeningWoman.screening_round == screening_round))
        signed = [w for w in women if w.signed_up_on]
        examined = [w for w in signed if w.examined_on]
        assert 50 <= len(women) <= 70 and 35 <= screening_round.quota <= 45
        assert 0.6 * len(women) <= len(signed) and 0.7 * len(signed) <= len(examined) <= len(signed)
        weeks = {w.examined_on.isocalendar()[1] for w in examined}
        assert 3 <= len(weeks) <= 6
        assert all(35 <= screening_round.year - int(w.birth_month[:4]) <= 64 for w in women)
    assert ScreeningRound.select().count() == YEARS
    problems = [p for model in MODELS for p in texts_within_limits(model)]
    assert problems == []


@pytest.fixture
def county_database(db_path):
    dbmod.open_database(db_path)
    yield
    dbmod.close_database()


def test_a_county_demo_holds_the_reports_and_counts_of_the_villages_below(county_database):
    make_demo("430121000000", "长沙县", units_below=12, today=TODAY)
    villages = [u.code for u in submissions.expected_units("430121000000")]
    assert len(villages) >= 8
    assert DisputeCase.select().count() == CareTarget.select().count() == ScreeningWoman.select().count() == 0
    this_month = f"{TODAY:%Y-%m}"
    sent = {r.unit for r in DisputeReport.select().where(DisputeReport.month == this_month)}
    assert 0 < len(sent) < len(villages)
    counts = care_counts.counts_of(villages, "disputes", this_month)
    assert set(counts) == set(villages)
    assert all(("found", kind) in c for c in counts.values() for kind in ("marriage", "family", "violence"))
    screening = care_counts.counts_of(villages, "screening", str(TODAY.year))
    assert all(
        c[("total", "examined")] <= c[("total", "signed_up")] <= c[("total", "eligible")] for c in screening.values()
    )
    assert all(
        sum(n for (d, _c), n in c.items() if d == "age_band") == c[("total", "examined")] for c in screening.values()
    )
    # Every stored count has the uuid the village's own export would give it: a real package replaces it.
    row = CareCount.select().first()
    assert row.uuid == care_counts.count_uuid(row.unit, row.register, row.period, row.dimension, row.code)
