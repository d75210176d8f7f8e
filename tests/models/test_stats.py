"""Composition statistics: one hand-checked committee, the fallbacks, and rolling units up."""

from __future__ import annotations

import datetime as dt

import pytest

from models import stats, units
from models.elections import records as er
from models.people import PersonInput, save_person

from .election_helpers import add_round

UNIT = "430121100201"
OTHER = "430121100202"
MEETING = dt.date(2026, 3, 20)

# name: (birth, education, political, ethnicity, on the two committees, on the old committee)
# Ages on 20 March 2026, the day of birth unknown: born in March counts as had her birthday.
COMMITTEE = {
    "李秀英": ("1990-03", "20", "01", "01", True, False),  # 36, college, CPC, chair
    "王芳": ("1991-04", "60", "13", "15", False, True),  # 34 (April > March), high school, Tujia, vice-chair
    "赵敏": ("1970-01", "70", "02", "01", False, True),  # 56, junior high, probationary CPC member
    "张晓红": ("1980-12", "40", "13", None, False, False),  # 45, secondary vocational, ethnicity unknown
    "刘娟": ("1971-03", None, "01", "01", False, False),  # 55, education unknown, CPC
    "陈静": (None, "30", "13", "06", False, False),  # age unknown, junior college, Miao
    "杨梅": ("1985-06", "80", "03", "01", False, False),  # 40, primary school
}
LOSER = "黄丽"


def add_person(name, unit=UNIT, birth=None, education=None, political=None, ethnicity=None, two=False, post=None):
    return save_person(
        PersonInput(
            name=name,
            birth=birth,
            education=education,
            political=political,
            ethnicity=ethnicity,
            two_committees=two,
            post=post,
        ),
        unit,
    )


def elect_committee(unit=UNIT, meeting=MEETING, people=COMMITTEE, chair="李秀英", vice="王芳"):
    """A finalised election whose committee is ``people``; one more candidate loses."""
    persons = {}
    for name, (birth, education, political, ethnicity, two, old) in people.items():
        persons[name] = add_person(
            name, unit, birth, education, political, ethnicity, two, post="executive" if old else None
        )
    persons[LOSER] = add_person(LOSER, unit, "1975-05")
    election = er.save_election(
        er.Election(unit=unit, kind="regular", term_number=3, meeting_date=meeting, entitled=40, present=36, excused=2)
    )
    committee = add_round(unit, election, "committee", 7, 40, 36, invalid=0)
    for i, name in enumerate(list(people) + [LOSER]):
        er.ElectionCandidate.create(
            unit=unit, round=committee, person=persons[name], name=name, yes=30 - i if name != LOSER else 10, no=1
        )
    for position, (kind, name) in enumerate((("chair", chair), ("vice_chair", vice)), start=1):
        round_ = add_round(unit, election, kind, 1, 7, 7, competitive=False, invalid=0, position=position)
        er.ElectionCandidate.create(unit=unit, round=round_, person=persons[name], name=name, yes=7)
    er.finalise(election)
    return election


def test_a_hand_checked_committee(database):
    elect_committee()
    row = stats.composition_for(UNIT)

    assert (row.unit_code, row.unit_name, row.units) == (UNIT, "石门村", 1)
    assert row.election_date == MEETING
    assert (row.entitled, row.present) == (40, 36)
    assert (row.chairs, row.vice_chairs, row.part_time_vice_chairs, row.members) == (1, 1, 1, 7)
    assert row.age_bands == {"35_or_under": 1, "36_to_45": 3, "46_to_55": 1, "56_or_over": 1}
    assert (row.age_known, row.age_sum) == (6, 36 + 34 + 56 + 45 + 55 + 40)
    assert row.average_age == pytest.approx(266 / 6)
    assert row.education == {"college_or_above": 2, "high_school": 2, "junior_or_below": 2}
    assert row.party_members == 3 and row.party_share == pytest.approx(3 / 7)
    assert row.minorities == 2
    assert (row.new_members, row.tenure_known) == (5, 7) and row.new_share == pytest.approx(5 / 7)
    assert row.chair_on_two_committees is True
    assert row.status == "elected" and row.done == 1


def test_ages_are_taken_at_the_election_not_today(database):
    elect_committee(meeting=dt.date(2021, 3, 20))
    row = stats.composition_for(UNIT, today=dt.date(2026, 11, 1))
    assert row.age_sum == 266 - 6 * 5


def test_without_an_election_the_people_with_committee_posts_are_counted(database):
    add_person("李主席", birth="1980-01", political="01", two=False, post="chair")
    add_person("王副主席", birth="1990-06", post="vice_chair")
    add_person("赵执委", birth="1960-06", ethnicity="15", post="executive")
    add_person("钱骨干", birth="1999-06", post="backbone")
    row = stats.composition_for(UNIT, today=dt.date(2026, 6, 1))
    assert row.members == 3 and (row.chairs, row.vice_chairs) == (1, 1)
    # 46, 36 (born in June, counted in June) and 66; the backbone is not on the committee.
    assert row.age_bands == {"35_or_under": 0, "36_to_45": 1, "46_to_55": 1, "56_or_over": 1}
    assert row.election_date is None and row.status == "not_started"
    assert row.new_share is None  # nobody's new or re-elected status is known
    assert row.chair_on_two_committees is False
    assert row.minorities == 1


def test_a_year_without_the_units_election_shows_the_sitting_committee_not_started(database):
    elect_committee()
    row = stats.composition_for(UNIT, year=2021)
    assert row.status == "not_started" and row.election_date is None
    assert row.members == 7 and row.tenure_known == 0
    assert stats.composition_for(UNIT, year=2026).status == "elected"


def test_roll_up_adds_counts_weights_the_average_and_recomputes_shares(database):
    units.upsert_unit(OTHER, "桃花村", owner=UNIT)
    elect_committee()
    add_person("孙主席", OTHER, birth="1970-01", political="01", two=True, post="chair")
    add_person("周执委", OTHER, birth="1990-01", education="30", post="executive")
    first = stats.composition_for(UNIT)
    second = stats.composition_for(OTHER, today=dt.date(2026, 6, 1))
    assert (second.members, second.age_known, second.age_sum) == (2, 2, 56 + 36)

    total = stats.roll_up([first, second], "430121100000", "金井镇")

    assert (total.unit_name, total.units) == ("金井镇", 2)
    assert total.members == 9 and total.chairs == 2 and total.vice_chairs == 1
    assert total.entitled == 40 and total.present == 36
    assert total.age_bands == {"35_or_under": 1, "36_to_45": 4, "46_to_55": 1, "56_or_over": 2}
    assert total.average_age == pytest.approx((266 + 92) / 8)  # weighted by members of known age
    assert total.party_share == pytest.approx(4 / 9)  # recomputed, not the mean of 3/7 and 1/2
    assert total.education["college_or_above"] == 3
    assert total.new_share == pytest.approx(5 / 7)  # only members of a recorded election
    assert (total.chairs_on_two_committees, total.units_with_chair) == (2, 2)
    assert total.statuses == {"elected": 1, "not_started": 1} and total.done == 1
    assert total.election_date is None
    # A roll-up rolls up again.
    again = stats.roll_up([total, stats.roll_up([])])
    assert again.members == 9 and again.average_age == pytest.approx(total.average_age)


def test_the_latest_election_is_by_meeting_date_then_entry_and_an_undated_one_is_newest(database):
    later = er.save_election(er.Election(unit=UNIT, meeting_date=dt.date(2026, 3, 1)))
    er.save_election(er.Election(unit=UNIT, meeting_date=dt.date(2021, 3, 1)))  # entered after, held before
    assert stats.latest_election(UNIT).uuid == later.uuid
    assert stats.latest_election(UNIT, year=2021).meeting_date == dt.date(2021, 3, 1)
    draft = er.save_election(er.Election(unit=UNIT))
    assert stats.latest_election(UNIT).uuid == draft.uuid
    assert stats.latest_election(OTHER) is None
    assert stats.latest_election_year([UNIT, OTHER]) == max(2026, draft.created_at.year)


def test_age_helpers():
    assert stats.age_at("1990-03", dt.date(2026, 3, 1)) == 36
    assert stats.age_at("1990-04", dt.date(2026, 3, 31)) == 35
    assert stats.age_at(None, dt.date(2026, 3, 1)) is None
    assert [stats.age_band(a) for a in (35, 36, 45, 46, 55, 56)] == [
        "35_or_under",
        "36_to_45",
        "36_to_45",
        "46_to_55",
        "46_to_55",
        "56_or_over",
    ]
    assert stats.education_band("30") == "college_or_above" and stats.education_band(None) is None


def test_a_by_election_in_preparation_does_not_undo_the_years_completed_round(database):
    elect_committee()
    er.save_election(er.Election(unit=UNIT, kind="by_election"))  # no date yet: the newest
    assert stats.composition_for(UNIT, year=MEETING.year).status == "elected"
    assert stats.composition_for(UNIT).status == "preparing"
