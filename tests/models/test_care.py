"""People helped (重点帮扶对象): the register's rules, acts of help, contacts with parents, the reminder, the counts."""

from __future__ import annotations

import datetime as dt

import pytest

from models import care, recycle_bin
from models.base import ValidationError
from models.care import ActInput, CareAct, CareTarget, ParentContact, ParentContactInput, TargetInput
from models.i18n import _
from models.listing import Scope
from models.overview import overview
from models.people import PersonInput, save_person

from .care_helpers import TODAY, UNIT, act, parent_contact, target


def messages(caught) -> dict[str, str]:
    return {e.field: e.message for e in caught.value.errors}


def test_a_child_needs_a_birth_month_and_must_be_under_18_on_the_day_helped_from(database):
    with pytest.raises(ValidationError) as caught:
        care.save_target(TargetInput(category="left_behind_child", name="小明", sex="M"), UNIT, today=TODAY)
    assert messages(caught)["birth_month"] == _("A child's birth month is required.")
    with pytest.raises(ValidationError) as caught:
        care.save_target(
            TargetInput(category="child_in_hardship", name="小红", birth_month="2008.05", since=dt.date(2026, 6, 1)),
            UNIT,
            today=TODAY,
        )
    assert messages(caught)["birth_month"] == _("A child must be under 18 on {date}; this one is {age}.").format(
        date="2026-06-01", age=18
    )
    # Eighteen only from the birth month on: in April 2026 the child born in May 2008 was still 17.
    saved = care.save_target(
        TargetInput(category="child_in_hardship", name="小红", birth_month="2008.05", since=dt.date(2026, 4, 1)),
        UNIT,
        today=TODAY,
    )
    assert saved.birth_month == "2008-05"
    assert CareTarget.select().count() == 1


def test_bad_inputs_are_told_field_by_field_and_nothing_is_written(database):
    with pytest.raises(ValidationError) as caught:
        care.save_target(
            TargetInput(
                category="nobody",
                name=" ",
                sex="X",
                birth_month="2015.13",
                phone="12345",
                since=dt.date(2026, 5, 1),
                ended_on=dt.date(2026, 4, 1),
            ),
            UNIT,
            today=TODAY,
        )
    found = messages(caught)
    assert found["category"] == _("Choose the category of the person helped.")
    assert found["name"] == _("The name is required.")
    assert found["sex"] == _("Choose female or male.")
    assert found["birth_month"] == _("There is no month {month}.").format(month=13)
    assert "phone" in found
    assert found["ended_on"] == _("The help cannot end before it began.")
    assert CareTarget.select().count() == 0


def test_a_woman_of_the_unit_and_her_helper_come_from_the_list(database):
    member = save_person(PersonInput(name="王秀英", sex="F", post="executive"), UNIT, today=TODAY)
    woman = save_person(PersonInput(name="刘桂芝", sex="F"), UNIT, today=TODAY)
    saved = care.save_target(
        TargetInput(
            category="woman_in_hardship",
            name="",
            person=woman.uuid,
            helper_person=member.uuid,
            guardian="不该留下",
            phone="138 1234 5678",
        ),
        UNIT,
        today=TODAY,
    )
    assert (saved.name, saved.helper, saved.person_id, saved.helper_person_id) == (
        "刘桂芝",
        "王秀英",
        woman.uuid,
        member.uuid,
    )
    assert saved.guardian == "" and saved.phone == "13812345678"  # a guardian is a child's only
    with pytest.raises(ValidationError) as caught:
        care.save_target(TargetInput(category="ill_woman", name="某", person="no-such-person"), UNIT, today=TODAY)
    assert messages(caught)["person"] == _("Choose a person on this unit's list.")


def test_an_amount_is_in_yuan_not_negative_with_at_most_two_decimals(database):
    child = target("李小军")
    for typed, problem in [
        ("-5", _("The amount cannot be negative.")),
        ("12.345", _("The amount has at most two decimals (fen).")),
        ("两百", _("Write the amount in yuan as a number, e.g. 200 or 150.50.")),
    ]:
        with pytest.raises(ValidationError) as caught:
            care.save_act(
                ActInput(target=child.uuid, date=dt.date(2026, 3, 1), kind="money", amount=typed), UNIT, today=TODAY
            )
        assert messages(caught)["amount"] == problem
    with pytest.raises(ValidationError) as caught:
        care.save_act(ActInput(target=child.uuid, date=dt.date(2026, 3, 1), kind="money"), UNIT, today=TODAY)
    assert messages(caught)["amount"] == _("Give the amount of money.")
    with pytest.raises(ValidationError) as caught:
        care.save_act(ActInput(target=child.uuid, date=dt.date(2026, 12, 1), kind="visit"), UNIT, today=TODAY)
    assert set(messages(caught)) == {"date", "what"}
    saved = act(child, dt.date(2026, 3, 1), "money", "", amount="1,200.5元")
    assert saved.amount == 1200.5
    assert care.format_amount(saved.amount) == "1200.50"
    assert care.act_input(saved).amount == "1200.50"
    assert CareAct.select().count() == 1


def test_contacts_with_parents_are_for_left_behind_children_only(database):
    woman = target("陈秀梅", "woman_in_hardship", "")
    with pytest.raises(ValidationError) as caught:
        care.save_parent_contact(
            ParentContactInput(target=woman.uuid, date=dt.date(2026, 3, 1), way="phone"), UNIT, today=TODAY
        )
    assert messages(caught)["target"] == _("Contacts with parents are kept for left-behind children only.")
    child = target("李小军")
    parent_contact(child, dt.date(2026, 3, 1))
    # A child with contacts keeps her category until they are gone.
    with pytest.raises(ValidationError) as caught:
        data = care.target_input(child)
        data.category = "child_in_hardship"
        care.save_target(data, UNIT, child, today=TODAY)
    assert "category" in messages(caught)


def test_the_reminder_names_the_children_without_a_contact_this_month(database):
    contacted = target("李小军")
    waiting = target("张小花", sex="F")
    target("王已结束", since=dt.date(2025, 1, 1), ended_on=dt.date(2026, 10, 31))
    target("赵小龙", since=dt.date(2026, 11, 20))  # helped from this month on
    target("陈秀梅", "woman_in_hardship", "")
    parent_contact(contacted, dt.date(2026, 11, 3))
    parent_contact(waiting, dt.date(2026, 10, 30))  # last month's does not count
    assert [c.name for c in care.children_not_contacted(UNIT, "2026-11")] == ["张小花", "赵小龙"]
    found = overview(UNIT, TODAY).care
    assert found is not None and found.children_not_contacted == 2 and found.any


def test_year_counts_by_category_age_band_acts_and_months_contacted(database):
    a = target("李小军", birth="2014.03")  # 12 at the year's end
    b = target("张小花", birth="2012.12")  # 14 in December
    c = target("王小兰", "child_in_hardship", "2009.01")  # 17
    d = target("陈秀梅", "woman_in_hardship", "")
    target("已结束", "ill_woman", "1970.01", since=dt.date(2024, 1, 1), ended_on=dt.date(2025, 12, 31))
    act(a, dt.date(2026, 1, 20))
    act(d, dt.date(2026, 2, 1), "goods", "", goods="米一袋")
    act(d, dt.date(2026, 9, 1), "money", "", amount="500")
    act(d, dt.date(2025, 9, 1), "money", "", amount="500")  # last year
    parent_contact(a, dt.date(2026, 3, 2))
    parent_contact(a, dt.date(2026, 3, 20))
    parent_contact(b, dt.date(2026, 3, 5))
    parent_contact(b, dt.date(2026, 4, 5))
    counts = care.year_counts(UNIT, 2026)
    assert counts[("category", "left_behind_child")] == 2
    assert counts[("category", "child_in_hardship")] == 1
    assert counts[("category", "woman_in_hardship")] == 1
    assert counts[("category", "ill_woman")] == 0  # zero counts are answers too
    assert (counts[("age_band", "under_14")], counts[("age_band", "14_17")], counts[("age_band", "18_over")]) == (
        1,
        2,
        1,
    )
    assert (counts[("acts", "visit")], counts[("acts", "goods")], counts[("acts", "money")]) == (1, 1, 1)
    assert counts[("parents_contacted", "2026-03")] == 2
    assert counts[("parents_contacted", "2026-04")] == 1
    assert counts[("parents_contacted", "2026-05")] == 0
    del c


def test_a_person_goes_to_the_bin_with_her_acts_and_contacts_and_comes_back_with_them(database):
    child = target("李小军")
    act(child, dt.date(2026, 3, 1))
    parent_contact(child, dt.date(2026, 3, 2))
    lone = act(child, dt.date(2026, 4, 1), what="辅导作业")
    recycle_bin.move_to_bin("care_acts", [lone.uuid], UNIT)
    CareAct.update(updated_at=lone.updated_at - dt.timedelta(minutes=5)).where(CareAct.uuid == lone.uuid).execute()
    recycle_bin.move_to_bin("care_targets", [child.uuid], UNIT)
    assert CareAct.live().count() == 0 and ParentContact.live().count() == 0
    assert care.year_counts(UNIT, 2026)[("category", "left_behind_child")] == 0
    with pytest.raises(recycle_bin.RestoreRefused):
        recycle_bin.restore("care_acts", lone.uuid)  # its person is in the bin
    recycle_bin.restore("care_targets", child.uuid)
    assert CareAct.live().count() == 1 and ParentContact.live().count() == 1
    recycle_bin.restore("care_acts", lone.uuid)
    assert len(care.acts_of(child)) == 2


def test_the_register_hides_ended_people_unless_asked_and_filters_by_category(database):
    target("李小军")
    target("王已结束", since=dt.date(2025, 1, 1), ended_on=dt.date(2026, 10, 31))
    target("陈秀梅", "woman_in_hardship", "")
    scope = Scope(UNIT)
    assert sorted(t.name for t in care.TargetListing(scope).page("name", False, 0, 100)) == ["李小军", "陈秀梅"]
    every = care.TargetListing(scope, care.TargetFilters(include_ended=True))
    assert every.count() == 3
    children = care.TargetListing(scope, care.TargetFilters(category="left_behind_child", include_ended=True))
    assert sorted(t.name for t in children.page("name", False, 0, 100)) == ["李小军", "王已结束"]


def test_help_and_contacts_fall_inside_the_persons_time_on_the_register(database):
    child = target("小明", birth="2025.03", since=dt.date(2025, 6, 1), ended_on=dt.date(2026, 9, 30))
    with pytest.raises(ValidationError) as caught:
        act(child, dt.date(2025, 2, 20))
    assert messages(caught)["date"] == _("{name} was born in {month}: the date cannot be before that.").format(
        name="小明", month="2025-03"
    )
    with pytest.raises(ValidationError) as caught:
        act(child, dt.date(2025, 5, 1))
    assert messages(caught)["date"] == _("{name} has been helped since {date}: the date cannot be before that.").format(
        name="小明", date="2025-06-01"
    )
    with pytest.raises(ValidationError) as caught:
        parent_contact(child, dt.date(2026, 10, 8))
    assert messages(caught)["date"] == _("{name}'s help ended on {date}: the date cannot be after that.").format(
        name="小明", date="2026-09-30"
    )
    assert CareAct.select().count() == 0 and ParentContact.select().count() == 0
    act(child, dt.date(2026, 9, 30))
    parent_contact(child, dt.date(2025, 6, 1))
