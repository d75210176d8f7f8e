"""The "两癌" screening round: its rules, the women of the roster, sign-up and examination, the counts."""

from __future__ import annotations

import datetime as _dt

import pytest

from models import screening as sc
from models.base import ValidationError
from models.i18n import _
from models.people import PersonInput, save_person
from models.recycle_bin import deleted, move_to_bin, restore
from tests.conftest import VILLAGE_CODE as UNIT

TODAY = _dt.date(2026, 6, 30)


def a_round(**changes) -> sc.ScreeningRound:
    data = sc.RoundInput(year=2026, quota=3, starts_on=_dt.date(2026, 4, 1), place="镇卫生院")
    for key, value in changes.items():
        setattr(data, key, value)
    return sc.save_round(data, UNIT)


def woman(screening_round, name="李桂兰", birth="1975.05", **changes) -> sc.ScreeningWoman:
    return sc.save_woman(sc.WomanInput(name=name, birth_month=birth, **changes), screening_round)


def errors_of(exc: pytest.ExceptionInfo) -> dict[str, str]:
    return {e.field: e.message for e in exc.value.errors}


def test_one_live_round_of_a_name_a_year_a_second_batch_has_its_own_name(database):
    first = a_round()
    with pytest.raises(ValidationError) as exc:
        a_round()
    assert "name" in errors_of(exc)
    second = a_round(name="第二批")
    assert sc.round_title(second) == _("Year {year}").format(year=2026) + " 第二批"
    assert [r.uuid for r in sc.rounds(UNIT, 2026)] == [first.uuid, second.uuid]
    with pytest.raises(ValidationError) as exc:
        a_round(name="补充", quota=-1, ends_on=_dt.date(2026, 3, 1))
    assert set(errors_of(exc)) == {"quota", "ends_on"}


def test_age_is_counted_at_the_rounds_start_from_the_birth_month(database):
    screening_round = a_round()  # starts 2026-04-01
    assert sc.age_at("1991-04", _dt.date(2026, 4, 1)) == 35
    assert sc.age_at("1991-05", _dt.date(2026, 4, 1)) == 34
    woman(screening_round, "三十五", "1991.04")
    with pytest.raises(ValidationError) as exc:
        woman(screening_round, "三十四", "1991.05")
    assert errors_of(exc)["birth_month"] == _(
        "She is {age} on {date}; the screening is for women of {low} to {high}."
    ).format(age=34, date="2026-04-01", low=35, high=64)
    with pytest.raises(ValidationError):
        woman(screening_round, "六十五", "1961.03")
    undated = a_round(name="无日期", starts_on=None)
    assert sc.reference_date(undated) == _dt.date(2026, 12, 31)
    woman(undated, "年底满", "1991.12")


def test_the_same_woman_twice_is_refused(database):
    screening_round = a_round()
    woman(screening_round)
    with pytest.raises(ValidationError) as exc:
        woman(screening_round)
    assert errors_of(exc)["name"] == sc.already_listed()


def test_women_of_the_roster_of_the_age_are_added_once(database):
    for name, sex, birth in (("王秀英", "F", "1970-03"), ("李红", "F", "1995-01"), ("张强", "M", "1970-01")):
        save_person(PersonInput(name=name, sex=sex, birth=birth), UNIT)
    save_person(PersonInput(name="无生日", sex="F"), UNIT)
    screening_round = a_round()
    assert [p.name for p in sc.eligible_from_roster(UNIT, screening_round)] == ["王秀英"]
    assert sc.add_from_roster(UNIT, screening_round) == 1
    assert sc.add_from_roster(UNIT, screening_round) == 0
    [added] = sc.women_of(screening_round)
    assert (added.name, added.birth_month) == ("王秀英", "1970-03")


def test_sign_up_and_examination_dates_follow_their_rules(database):
    screening_round = a_round()
    li, wang = woman(screening_round), woman(screening_round, "王芳", "1980.01")
    with pytest.raises(ValidationError):
        sc.sign_up([li.uuid], _dt.date(2026, 7, 1), UNIT, today=TODAY)  # in the future
    sc.sign_up([li.uuid], _dt.date(2026, 3, 20), UNIT, today=TODAY)
    with pytest.raises(ValidationError) as exc:
        sc.examined([li.uuid], _dt.date(2026, 3, 25), UNIT, today=TODAY)  # before the round starts
    assert errors_of(exc)["date"] == _("The round starts on {date}: no one is examined before.").format(
        date="2026-04-01"
    )
    sc.sign_up([wang.uuid], _dt.date(2026, 4, 10), UNIT, today=TODAY)
    with pytest.raises(ValidationError):
        sc.examined([li.uuid, wang.uuid], _dt.date(2026, 4, 8), UNIT, today=TODAY)  # before 王芳 signed up
    assert sc.ScreeningWoman.get_by_id(li.uuid).examined_on is None  # all or nothing
    sc.examined([li.uuid, wang.uuid], _dt.date(2026, 4, 14), UNIT, today=TODAY)
    walk_in = woman(screening_round, "赵敏", "1966.09")
    sc.examined([walk_in.uuid], _dt.date(2026, 4, 15), UNIT, today=TODAY)
    assert sc.ScreeningWoman.get_by_id(walk_in.uuid).signed_up_on == _dt.date(2026, 4, 15)
    with pytest.raises(ValidationError):
        sc.sign_up([walk_in.uuid], None, UNIT, today=TODAY)  # examined: her sign-up stays
    sc.examined([walk_in.uuid], None, UNIT, today=TODAY)
    sc.sign_up([walk_in.uuid], None, UNIT, today=TODAY)
    assert sc.totals(screening_round) == sc.Totals(quota=3, eligible=3, signed_up=2, examined=2)


def test_no_column_can_hold_a_result():
    columns = set(sc.ScreeningWoman._meta.fields)
    assert not {c for c in columns if "result" in c or "positive" in c or "diagnos" in c}


def test_listing_filters_by_status(database):
    from models.listing import Scope

    screening_round = a_round()
    li, wang, zhao = (
        woman(screening_round, n, b) for n, b in (("李", "1975.01"), ("王", "1976.01"), ("赵", "1977.01"))
    )
    sc.sign_up([wang.uuid, zhao.uuid], _dt.date(2026, 4, 2), UNIT, today=TODAY)
    sc.examined([zhao.uuid], _dt.date(2026, 4, 3), UNIT, today=TODAY)

    def names(status):
        listing = sc.WomanListing(Scope(UNIT), sc.WomanFilters(screening_round.uuid, status))
        return [w.name for w in listing.page("name", False, 0, 10)]

    assert names(None) == ["李", "王", "赵"]
    assert names("not_signed_up") == ["李"]
    assert names("signed_up") == ["王"]
    assert names("examined") == ["赵"]
    assert li.uuid


def test_weekly_progress_and_the_year_counts(database):
    screening_round = a_round(quota=10)
    women = [
        woman(screening_round, f"女{i}", birth) for i, birth in enumerate(("1990.01", "1980.06", "1965.02", "1970.07"))
    ]
    sc.sign_up([w.uuid for w in women], _dt.date(2026, 4, 1), UNIT, today=TODAY)  # week 14
    sc.examined([women[0].uuid, women[1].uuid], _dt.date(2026, 4, 2), UNIT, today=TODAY)  # week 14
    sc.examined([women[2].uuid], _dt.date(2026, 4, 16), UNIT, today=TODAY)  # week 16
    weeks = sc.week_progress(UNIT, screening_round)
    assert [(w.week, w.signed_up, w.examined, w.examined_so_far) for w in weeks] == [
        ("2026-W14", 4, 2, 2),
        ("2026-W15", 0, 0, 2),
        ("2026-W16", 0, 1, 3),
    ]
    assert weeks[-1].share() == pytest.approx(0.3)
    counts = sc.year_counts(UNIT, 2026)
    assert counts[("total", "quota")] == 10
    assert counts[("total", "eligible")] == 4
    assert counts[("total", "signed_up")] == 4
    assert counts[("total", "examined")] == 3
    assert counts[("week", "2026-W14")] == 2 and counts[("week", "2026-W16")] == 1
    assert (counts[("age_band", "35_44")], counts[("age_band", "45_54")], counts[("age_band", "55_64")]) == (1, 1, 1)
    assert sc.year_counts(UNIT, 2025) == {}


def test_a_deleted_round_takes_its_women_and_brings_them_back(database):
    screening_round = a_round()
    woman(screening_round)
    assert move_to_bin("screening_rounds", [screening_round.uuid], UNIT) == 1
    assert sc.women_of(screening_round) == []
    assert sc.year_counts(UNIT, 2026) == {}
    assert [e.name for e in deleted("screening_rounds", UNIT)] == [_("Year {year}").format(year=2026)]
    again = a_round()  # the year's round is written again: the deleted one may not come back beside it
    from models.recycle_bin import RestoreRefused

    with pytest.raises(RestoreRefused):
        restore("screening_rounds", screening_round.uuid)
    move_to_bin("screening_rounds", [again.uuid], UNIT)
    restore("screening_rounds", screening_round.uuid)
    assert [w.name for w in sc.women_of(screening_round)] == ["李桂兰"]


def test_one_age_rule_and_one_rounds_figures_serve_every_form_and_the_counts(database):
    from models import care, people

    assert sc.age_at is care.age_at is people.age_at  # a child's age and a woman's age are counted alike
    first, second = a_round(quota=4), a_round(name="第二批", quota=2)
    li, wang = woman(first, "李", "1975.05"), woman(second, "王", "1990.01")
    sc.examined([li.uuid, wang.uuid], _dt.date(2026, 4, 2), UNIT, today=TODAY)
    by_round = [sc.round_counts(first), sc.round_counts(second)]
    assert by_round[0][("age_band", "45_54")] == 1 and by_round[1][("age_band", "35_44")] == 1
    summed = {key: by_round[0].get(key, 0) + by_round[1].get(key, 0) for key in {*by_round[0], *by_round[1]}}
    assert sc.year_counts(UNIT, 2026) == summed


def test_sign_up_and_examination_stay_inside_the_round_and_a_changed_round_keeps_its_women(database):
    screening_round = a_round(ends_on=_dt.date(2026, 5, 31))
    li = woman(screening_round, "李", "1991.03")  # 35 on 2026-04-01
    later = _dt.date(2027, 6, 30)
    with pytest.raises(ValidationError) as exc:
        sc.examined([li.uuid], _dt.date(2026, 6, 2), UNIT, today=TODAY)
    assert errors_of(exc)["date"] == _("The round ends on {date}: no one signs up or is examined after that.").format(
        date="2026-05-31"
    )
    with pytest.raises(ValidationError):
        sc.sign_up([li.uuid], _dt.date(2026, 6, 2), UNIT, today=TODAY)
    open_ended = a_round(name="第二批", ends_on=None)
    wang = woman(open_ended, "王", "1980.01")
    with pytest.raises(ValidationError) as exc:
        sc.examined([wang.uuid], _dt.date(2027, 1, 5), UNIT, today=later)  # an exam of 2027 in the 2026 round
    assert errors_of(exc)["date"] == _("The round is of {year}: {date} is not in it.").format(
        year=2026, date="2027-01-05"
    )
    assert sc.ScreeningWoman.get_by_id(wang.uuid).examined_on is None
    sc.examined([li.uuid], _dt.date(2026, 5, 20), UNIT, today=TODAY)

    changed = sc.round_input(screening_round)
    changed.ends_on = _dt.date(2026, 5, 10)  # 李 was examined after that
    with pytest.raises(ValidationError) as exc:
        sc.save_round(changed, UNIT, screening_round)
    assert "ends_on" in errors_of(exc)
    changed = sc.round_input(screening_round)
    changed.starts_on = _dt.date(2026, 2, 1)  # 李 is 34 then
    with pytest.raises(ValidationError) as exc:
        sc.save_round(changed, UNIT, screening_round)
    assert "李" in errors_of(exc)["starts_on"]
    assert sc.ScreeningRound.get_by_id(screening_round.uuid).starts_on == _dt.date(2026, 4, 1)
