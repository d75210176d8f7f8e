"""The list of women's representatives: its rows' rules, replacing it, linking to people, and the 应到 rule."""

from __future__ import annotations

import datetime as dt

import pytest

from models.base import ValidationError
from models.base import database as peewee_database
from models.elections import records as er
from models.elections import representatives as reps
from models.elections.draft import ElectionDraft, save_draft
from models.elections.representatives import RepresentativeInput as Row
from models.i18n import _
from models.people import PersonInput, save_person

UNIT = "430121100201"
TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def election(database):
    return er.Election.create(unit=UNIT, term_number=3, entitled=0)


def rows(*names: str) -> list[Row]:
    return [Row(name, "一组", "1980-03", "villager_rep") for name in names]


def stored_rows() -> list[tuple]:
    return peewee_database.execute_sql(
        "SELECT name, deleted FROM election_representative ORDER BY position, name"
    ).fetchall()


def test_saving_a_list_sets_entitled_to_its_length(election):
    reps.save_representatives(election, rows("李秀英", "王芳", "张晓红"), today=TODAY)
    stored = er.Election.get_by_id(election.uuid)
    assert stored.entitled == 3 and stored.entitled_reason == ""
    assert reps.entitled_of(stored) == 3
    assert [r.name for r in reps.representatives(stored)] == ["李秀英", "王芳", "张晓红"]


def test_removed_rows_go_to_the_recycle_bin_and_order_is_kept(election):
    saved = reps.save_representatives(election, rows("李秀英", "王芳", "张晓红"), today=TODAY)
    edited = [reps.as_input(saved[2]), reps.as_input(saved[0])]
    edited[0].group_name = "三组"
    reps.save_representatives(election, edited, today=TODAY)
    assert stored_rows() == [("张晓红", 0), ("李秀英", 0), ("王芳", 1)]
    live = reps.representatives(election)
    assert [(r.uuid, r.group_name) for r in live] == [(saved[2].uuid, "三组"), (saved[0].uuid, "一组")]
    assert er.Election.get_by_id(election.uuid).entitled == 2


def test_a_bad_row_is_refused_with_its_row_and_nothing_is_written(election):
    bad = rows("李秀英") + [Row("王芳", "", "2030-01", ""), Row("", "", "1980.13", "nonsense")]
    with pytest.raises(ValidationError) as caught:
        reps.save_representatives(election, bad, today=TODAY)
    fields = {e.field for e in caught.value.errors}
    assert {"1.birth_month", "2.name", "2.birth_month", "2.category"} <= fields
    messages = [e.message for e in caught.value.errors]
    assert (
        _("Row {n}: {message}").format(
            n=2, message=_("The birth month {value} is in the future.").format(value="2030.01")
        )
        in messages
    )
    assert stored_rows() == []
    assert er.Election.get_by_id(election.uuid).entitled == 0


def test_a_name_twice_with_the_same_birth_month_is_refused(election):
    with pytest.raises(ValidationError) as caught:
        reps.save_representatives(election, rows("李秀英", "李秀英"), today=TODAY)
    assert [e.field for e in caught.value.errors] == ["1.name"]


def test_birth_months_are_read_as_cadres_write_them(election):
    saved = reps.save_representatives(election, [Row("李秀英", "", "1978年5月", "")], today=TODAY)
    assert saved[0].birth_month == "1978-05"


def test_another_entitled_needs_a_reason(election):
    with pytest.raises(ValidationError) as caught:
        reps.save_representatives(election, rows("李秀英", "王芳"), entitled=3, today=TODAY)
    assert [e.field for e in caught.value.errors] == ["entitled_reason"]
    assert stored_rows() == []
    reps.save_representatives(election, rows("李秀英", "王芳"), entitled=3, reason="一名代表迁出后补选", today=TODAY)
    stored = er.Election.get_by_id(election.uuid)
    assert (stored.entitled, stored.entitled_reason, reps.entitled_of(stored)) == (3, "一名代表迁出后补选", 3)


def test_set_entitled_by_hand_needs_a_reason_and_matching_drops_it(election):
    reps.save_representatives(election, rows("李秀英", "王芳"), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        reps.set_entitled(election, 5)
    assert caught.value.errors[0].field == "entitled_reason"
    assert er.Election.get_by_id(election.uuid).entitled == 2
    reps.set_entitled(election, 5, "三名代表由乡镇妇联补充")
    assert er.Election.get_by_id(election.uuid).entitled == 5
    reps.set_entitled(election, 2, "left over")
    stored = er.Election.get_by_id(election.uuid)
    assert (stored.entitled, stored.entitled_reason) == (2, "")


def test_the_election_dialogs_save_applies_the_rule(election):
    reps.save_representatives(election, rows("李秀英", "王芳"), today=TODAY)
    draft = ElectionDraft.load(er.Election.get_by_id(election.uuid))
    draft.entitled = 9
    with pytest.raises(ValidationError) as caught:
        save_draft(draft, UNIT)
    assert [e.field for e in caught.value.errors] == ["entitled"]
    assert er.Election.get_by_id(election.uuid).entitled == 2
    draft.entitled = 2
    save_draft(draft, UNIT)
    reps.set_entitled(election, 9, "理由")
    draft = ElectionDraft.load(er.Election.get_by_id(election.uuid))
    save_draft(draft, UNIT)  # the reason stored is kept
    assert er.Election.get_by_id(election.uuid).entitled == 9


def test_without_a_list_entitled_is_as_typed(election):
    draft = ElectionDraft.load(election)
    draft.entitled = 40
    save_draft(draft, UNIT)
    assert reps.entitled_of(er.Election.get_by_id(election.uuid)) == 40


def test_rows_link_to_the_one_person_of_that_name(election):
    li = save_person(PersonInput(name="李秀英", birth="1980-03"), UNIT)
    save_person(PersonInput(name="王芳", birth="1970-01"), UNIT)
    save_person(PersonInput(name="王芳", birth="1990-01"), UNIT)
    save_person(PersonInput(name="张晓红", birth="1966-06"), UNIT)
    saved = reps.save_representatives(
        election,
        [Row("李秀英"), Row("王芳"), Row("王芳", birth_month="1990-01"), Row("张晓红", birth_month="1980-03")],
        today=TODAY,
    )
    assert saved[0].person_id == li.uuid
    assert saved[1].person_id is None  # two of that name: no guess
    assert saved[2].person_id is not None
    assert saved[3].person_id is None  # another birth month: another woman


def test_importing_from_people_brings_name_birth_and_category(election):
    person = save_person(PersonInput(name="赵敏", birth="1985-07", identities=["volunteer", "teacher"]), UNIT)
    imported = reps.from_people(UNIT, [person.uuid, "no-such-person"])
    assert [(r.name, r.birth_month, r.category, r.person) for r in imported] == [
        ("赵敏", "1985-07", "volunteer", person.uuid)
    ]
    saved = reps.save_representatives(election, imported, today=TODAY)
    assert saved[0].person_id == person.uuid


def test_print_order_is_group_then_surname_strokes(election):
    reps.save_representatives(
        election,
        [Row("王芳", "二组"), Row("李秀英", "一组"), Row("丁兰", "二组"), Row("孙琴", "")],
        today=TODAY,
    )
    ordered = reps.in_print_order(reps.representatives(election))
    assert [r.name for r in ordered] == ["李秀英", "丁兰", "王芳", "孙琴"]


def test_notice_period_runs_five_days_from_the_step(election):
    assert reps.notice_period(election, "candidates_published") is None
    er.ElectionStep.create(unit=UNIT, election=election, step="candidates_published", date=dt.date(2026, 3, 1))
    assert reps.notice_period(election, "candidates_published") == (dt.date(2026, 3, 1), dt.date(2026, 3, 5))


def test_a_renamed_row_is_linked_again_by_its_new_name(election):
    wang = save_person(PersonInput(name="王芳", birth="1980-03"), UNIT)
    li = save_person(PersonInput(name="李秀英", birth="1975-05"), UNIT)
    [first] = reps.save_representatives(election, [Row("王芳", person=wang.uuid)], today=TODAY)
    assert first.person_id == wang.uuid
    renamed = Row("李秀英", person=wang.uuid, uuid=first.uuid)  # the cadre overwrote the name cell
    [again] = reps.save_representatives(election, [renamed], today=TODAY)
    assert again.person_id == li.uuid


def test_the_congress_vote_counts_the_list_saved_after_it(election):
    """A list saved after the vote was entered moves the vote's 应到 with the election's: the count and the
    printed attendance line cannot disagree."""
    vote = er.ElectionRound.create(
        unit=UNIT, election=election, kind="committee", seats=1, competitive=False,
        entitled=9, present=7, issued=7, returned=7, valid=7,
    )  # fmt: skip
    er.ElectionCandidate.create(unit=UNIT, round=vote, name="李秀英", yes=5, no=2, abstain=0)
    election.entitled, election.present = 9, 7
    er.save_election(election)
    assert "李秀英" in er.ElectionRound.get_by_id(vote.uuid).tally().elected  # 5 of 9 entitled
    reps.save_representatives(election, rows(*[f"代表{n}" for n in range(12)]), today=TODAY)
    stored = er.ElectionRound.get_by_id(vote.uuid)
    assert stored.entitled == 12 == er.Election.get_by_id(election.uuid).entitled
    assert "李秀英" not in stored.tally().elected  # 5 is not more than half of 12


def test_a_recorded_results_entitled_cannot_change_under_it(election):
    election.entitled, election.present = 9, 7
    er.save_election(election)
    election.status = "elected"
    election.save()
    with pytest.raises(ValidationError) as caught:
        reps.save_representatives(election, rows(*[f"代表{n}" for n in range(12)]), today=TODAY)
    assert "9" in str(caught.value)
    assert er.Election.get_by_id(election.uuid).entitled == 9 and stored_rows() == []
