"""Family dispute cases, their steps, the monthly report and its counts; letters and visits."""

from __future__ import annotations

import datetime as _dt

import pytest

from models import disputes, petitions, recycle_bin
from models.base import ValidationError
from models.disputes import CaseInput, StepInput
from models.i18n import _
from models.petitions import PetitionInput
from tests.conftest import VILLAGE_CODE

TODAY = _dt.date(2026, 11, 20)


def case(**changes) -> CaseInput:
    data = CaseInput(
        found_on=_dt.date(2026, 11, 3),
        kind="marriage",
        risk="medium",
        parties="夫妻双方",
        description="因家务分工争吵",
        responsible="张秀英",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def messages_of(exc: pytest.ExceptionInfo) -> dict[str, str]:
    return {error.field: error.message for error in exc.value.errors}


def test_a_case_is_saved_with_its_steps_and_an_edit_keeps_them_in_step(database):
    steps = [StepInput(_dt.date(2026, 11, 4), "mediation", "村妇联主席入户调解"), StepInput(None, "visit", "")]
    saved = disputes.save_case(case(steps=steps), VILLAGE_CODE, today=TODAY)
    assert [s.action for s in disputes.steps_of(saved)] == ["村妇联主席入户调解"]  # the empty line is no step
    data = disputes.case_input(saved)
    data.steps.append(StepInput(_dt.date(2026, 11, 10), "follow_up", "回访，双方和好"))
    data.status, data.closed_on = "settled", _dt.date(2026, 11, 10)
    disputes.save_case(data, VILLAGE_CODE, saved, today=TODAY)
    again = disputes.live_case(saved.uuid)
    assert again.status == "settled"
    assert [s.kind for s in disputes.steps_of(again)] == ["mediation", "follow_up"]
    assert disputes.steps_of(again)[0].uuid == data.steps[0].uuid


def test_steps_of_one_day_entered_in_one_save_keep_the_order_they_were_typed_in(database):
    day = _dt.date(2026, 11, 4)
    actions = [f"第{n}次入户调解" for n in range(1, 13)]
    saved = disputes.save_case(case(steps=[StepInput(day, "mediation", a) for a in actions]), VILLAGE_CODE, today=TODAY)
    assert [s.action for s in disputes.steps_of(saved)] == actions
    data = disputes.case_input(saved)
    data.steps.insert(0, StepInput(day, "visit", "走访"))  # typed first, entered last: it goes after the others
    disputes.save_case(data, VILLAGE_CODE, saved, today=TODAY)
    assert [s.action for s in disputes.steps_of(saved)] == [*actions, "走访"]
    assert [s.action for s in disputes.steps_by_case([saved])[saved.uuid]] == [*actions, "走访"]


def test_bad_cases_are_refused_field_by_field_and_nothing_is_written(database):
    bad = case(
        found_on=_dt.date(2026, 12, 1),
        responsible="",
        status="handed_on",
        closed_on=None,
        steps=[StepInput(_dt.date(2026, 11, 1), "mediation", "")],
    )
    with pytest.raises(ValidationError) as exc:
        disputes.save_case(bad, VILLAGE_CODE, today=TODAY)
    found = messages_of(exc)
    assert found["found_on"] == _("The date is in the future; record it after it took place.")
    assert found["responsible"] == _("Name the cadre responsible for the case.")
    assert found["handed_to"] == _("Say to whom the case was handed on.")
    assert found["closed_on"] == _("Give the date the case was closed.")
    assert found["steps.1.action"] == _("Step {n}: say what was done.").format(n=1)
    early = case(
        status="settled", closed_on=_dt.date(2026, 11, 1), steps=[StepInput(_dt.date(2026, 11, 2), "visit", "走访")]
    )
    with pytest.raises(ValidationError) as exc:
        disputes.save_case(early, VILLAGE_CODE, today=TODAY)
    found = messages_of(exc)
    assert found["closed_on"] == _("The case cannot be closed before it was found.")
    assert found["steps.1.date"] == _("Step {n}: the date is before the case was found.").format(n=1)
    assert disputes.DisputeCase.select().count() == 0 and disputes.DisputeStep.select().count() == 0


def test_the_cadre_may_be_a_person_of_the_unit(database):
    from models.people import Person

    person = Person.create(unit=VILLAGE_CODE, name="李桂兰", name_pinyin="liguilan")
    saved = disputes.save_case(case(responsible="", responsible_person=person.uuid), VILLAGE_CODE, today=TODAY)
    assert (saved.responsible, saved.responsible_person_id) == ("李桂兰", person.uuid)


def test_month_counts_and_the_monthly_report(database):
    disputes.save_case(case(), VILLAGE_CODE, today=TODAY)
    disputes.save_case(case(kind="violence", risk="high"), VILLAGE_CODE, today=TODAY)
    disputes.save_case(
        case(found_on=_dt.date(2026, 10, 5), status="stable", closed_on=_dt.date(2026, 11, 2)),
        VILLAGE_CODE,
        today=TODAY,
    )
    disputes.save_case(case(found_on=_dt.date(2026, 10, 8)), VILLAGE_CODE, today=TODAY)
    november = disputes.month_counts(VILLAGE_CODE, "2026-11")
    assert november[("found", "marriage")] == 1 and november[("found", "violence")] == 1
    assert november[("found", "property")] == 0  # zeros are answers too
    assert november[("risk", "high")] == 1 and november[("risk", "medium")] == 1
    assert november[("outcome", "stable")] == 1 and november[("outcome", "settled")] == 0
    assert november[("open", "open")] == 3
    october = disputes.month_counts(VILLAGE_CODE, "2026-10")
    assert disputes.found_in(october) == 2 and october[("open", "open")] == 2  # closed only in November

    with pytest.raises(ValidationError) as exc:
        disputes.report_month(VILLAGE_CODE, "2026-11", True, "张秀英", today=TODAY)
    assert "none_this_month" in messages_of(exc)
    assert disputes.report_of(VILLAGE_CODE, "2026-11") is None
    disputes.report_month(VILLAGE_CODE, "2026-09", True, "张秀英", today=TODAY)
    disputes.report_month(VILLAGE_CODE, "2026-11", False, "张秀英", "", today=TODAY)
    disputes.report_month(VILLAGE_CODE, "2026-11", False, "王芳", "补报", today=TODAY)  # reported again: updated
    assert disputes.DisputeReport.live().where(disputes.DisputeReport.month == "2026-11").count() == 1
    assert disputes.report_of(VILLAGE_CODE, "2026-11").reported_by == "王芳"
    with pytest.raises(ValidationError) as exc:
        disputes.report_month(VILLAGE_CODE, "2026-12", True, today=TODAY)
    assert "month" in messages_of(exc)
    rows = disputes.months_of(VILLAGE_CODE, 2026, TODAY)
    assert [r.month for r in rows][-1] == "2026-11" and len(rows) == 11
    assert rows[8].report.none_this_month and rows[9].report is None and rows[10].found == 2


def test_a_deleted_case_takes_its_steps_along_and_brings_them_back(database):
    saved = disputes.save_case(
        case(steps=[StepInput(_dt.date(2026, 11, 4), "mediation", "调解")]), VILLAGE_CODE, today=TODAY
    )
    recycle_bin.move_to_bin("disputes", [saved.uuid], VILLAGE_CODE)
    assert disputes.live_case(saved.uuid) is None and disputes.DisputeStep.live().count() == 0
    recycle_bin.restore("disputes", saved.uuid)
    assert disputes.DisputeStep.live().count() == 1


def test_letters_and_visits(database):
    with pytest.raises(ValidationError) as exc:
        petitions.save_petition(PetitionInput(date=TODAY, status="closed"), VILLAGE_CODE, today=TODAY)
    found = messages_of(exc)
    assert found["matter"] == _("Say what the matter is.")
    assert found["result"] == _("A concluded matter needs its outcome.")
    petitions.save_petition(
        PetitionInput(date=TODAY, way="hotline_12338", visitor="刘女士", matter="反映土地确权", category="land"),
        VILLAGE_CODE,
        today=TODAY,
    )
    counts = petitions.month_counts(VILLAGE_CODE, "2026-11")
    assert counts[("way", "hotline_12338")] == 1 and counts[("category", "land")] == 1
    assert counts[("status", "open")] == 1 and counts[("way", "letter")] == 0
    saved = petitions.petitions(VILLAGE_CODE, 2026).first()
    recycle_bin.move_to_bin("petitions", [saved.uuid], VILLAGE_CODE)
    assert petitions.month_counts(VILLAGE_CODE, "2026-11")[("status", "open")] == 0


def test_a_case_found_in_a_month_reported_as_none_turns_the_report_into_a_normal_one(database):
    disputes.report_month(VILLAGE_CODE, "2026-10", True, "张秀英", "本月无", today=TODAY)
    disputes.report_month(VILLAGE_CODE, "2026-09", True, "张秀英", today=TODAY)
    disputes.save_case(case(found_on=_dt.date(2026, 10, 15)), VILLAGE_CODE, today=TODAY)  # entered late
    october = disputes.report_of(VILLAGE_CODE, "2026-10")
    assert not october.none_this_month and october.reported_by == "张秀英"  # the county no longer sees 零报告
    assert disputes.found_in(disputes.month_counts(VILLAGE_CODE, "2026-10")) == 1
    with pytest.raises(ValidationError):  # a refused case changes no report
        disputes.save_case(case(found_on=_dt.date(2026, 9, 15), kind=""), VILLAGE_CODE, today=TODAY)
    assert disputes.report_of(VILLAGE_CODE, "2026-09").none_this_month


@pytest.mark.parametrize("typed", ["2026-9", " 2026-09", "2026-09 ", "2026-009", "26-09"])
def test_a_month_is_taken_only_in_its_one_spelling(database, typed):
    with pytest.raises(ValidationError) as exc:
        disputes.report_month(VILLAGE_CODE, typed, True, "张秀英", today=TODAY)
    assert messages_of(exc)["month"] == _("Give the month as 2026-11.")
    assert disputes.DisputeReport.select().count() == 0
