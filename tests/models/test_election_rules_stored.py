"""An election's own counting rules, stored with it and applied wherever its votes are counted."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from models.base import ValidationError
from models.base import database as peewee_database
from models.elections import records as er
from models.elections.draft import CandidateDraft, ElectionDraft, finalise_draft, finalise_problems, save_draft
from models.elections.tally import DEFAULT_RULES, ElectionRules, message
from models.i18n import _
from models.people import Person, PersonInput, save_person

UNIT = "430121100201"
NAMES = ["李秀英", "王芳", "张晓红", "刘娟", "陈静", "杨梅", "赵敏", "黄丽"]
AT_LEAST_DOWN = ElectionRules(quorum="at_least", tie_break="runoff", surplus_percent=10, surplus_rounding="down")


def add_people(names=NAMES) -> dict[str, Person]:
    return {name: save_person(PersonInput(name=name), UNIT) for name in names}


def draft_for(people: dict[str, Person], rules: ElectionRules, entitled=30, present=20) -> ElectionDraft:
    """7 seats with 7 candidates (too few under any rule) and 20 of 30 present: exactly two thirds."""
    draft = ElectionDraft.new()
    draft.term_number, draft.meeting_date = 3, dt.date(2026, 3, 20)
    draft.entitled, draft.present = entitled, present
    draft.rules_title = "《长沙县村级妇联换届选举办法》"
    draft.set_rules(rules)
    committee = draft.rounds["committee"]
    committee.seats = 7
    committee.issued = committee.returned = committee.valid = present
    committee.candidates = [CandidateDraft(name, people[name].uuid, False, 16, 0, 0) for name in NAMES[:7]]
    for kind, name in (("chair", "李秀英"), ("vice_chair", "王芳")):
        round_ = draft.rounds[kind]
        round_.entitled = round_.present = round_.issued = round_.returned = round_.valid = 7
        round_.candidates = [CandidateDraft(name, people[name].uuid, False, 7, 0, 0)]
    return draft


def test_the_rules_and_their_title_are_stored_and_read_back(database):
    people = add_people()
    draft = draft_for(people, AT_LEAST_DOWN)
    save_draft(draft, UNIT)
    election = er.Election.get_by_id(draft.uuid)
    assert election.rules() == AT_LEAST_DOWN
    assert election.rules_title == "《长沙县村级妇联换届选举办法》"
    again = ElectionDraft.load(election)
    assert again.rules() == AT_LEAST_DOWN and again.rules_title == draft.rules_title


def test_an_election_without_chosen_rules_counts_by_the_old_ones(database):
    election = er.save_election(er.Election(unit=UNIT))
    assert er.Election.get_by_id(election.uuid).rules() == DEFAULT_RULES


def test_finalising_warns_by_the_elections_own_quorum(database):
    people = add_people()
    # 20 of 30 present is exactly two thirds: a quorum "at least", none "more than".
    at_least = draft_for(people, dataclasses.replace(AT_LEAST_DOWN, surplus_percent=0))
    _errors, warnings = finalise_problems(at_least, UNIT)
    assert not [code for code, _text in warnings if code.endswith("no_quorum")]

    more_than = draft_for(people, dataclasses.replace(DEFAULT_RULES, surplus_percent=0))
    _errors, warnings = finalise_problems(more_than, UNIT)
    quorum = [text for code, text in warnings if code == "committee:no_quorum"]
    assert quorum and message("no_quorum", DEFAULT_RULES) in quorum[0]


def test_the_stored_election_is_counted_by_its_rules_when_finalised(database):
    people = add_people()
    draft = draft_for(people, AT_LEAST_DOWN)
    draft.rounds["committee"].candidates.append(CandidateDraft("黄丽", people["黄丽"].uuid, False, 3, 15, 2))
    save_draft(draft, UNIT)
    election = er.Election.get_by_id(draft.uuid)
    # 8 candidates for 7 seats and exactly two thirds present: nothing to confirm under these rules.
    assert er.finalise_problems(election) == ([], [])
    finalise_draft(draft, UNIT)
    assert er.Election.get_by_id(draft.uuid).status == "elected"

    # The same votes under the old rules: two warnings to confirm.
    election.quorum = "more_than"
    er.save_election(election)
    _errors, warnings = er.finalise_problems(er.Election.get_by_id(draft.uuid))
    assert [code for code, _text in warnings] == ["committee:no_quorum"]


def test_too_few_candidates_names_the_number_the_rules_need(database):
    people = add_people()
    draft = draft_for(people, dataclasses.replace(AT_LEAST_DOWN, surplus_percent=20, surplus_rounding="up"))
    _errors, warnings = finalise_problems(draft, UNIT)
    text = dict(warnings)["committee:too_few_candidates"]
    # 7 seats, 20% = 1.4 people, rounded up: 9 candidates.
    assert _("{seats} seats need at least {n} candidates.").format(seats=7, n=9) in text


@pytest.mark.parametrize(
    "field, value",
    [
        ("quorum", "half"),
        ("tie_break", "coin"),
        ("surplus_rounding", "nearest"),
        ("surplus_percent", 101),
        ("surplus_percent", -5),
    ],
)
def test_unknown_rules_are_refused_by_field_and_nothing_is_written(database, field, value):
    people = add_people()
    draft = draft_for(people, DEFAULT_RULES)
    setattr(draft, field, value)
    before = peewee_database.execute_sql("SELECT count(*) FROM election").fetchone()
    with pytest.raises(ValidationError) as caught:
        save_draft(draft, UNIT)
    assert [error.field for error in caught.value.errors] == [field]
    assert caught.value.errors[0].message
    assert peewee_database.execute_sql("SELECT count(*) FROM election").fetchone() == before
    assert er.get_election(draft.uuid) is None
    # What finalising would say names it too.
    errors, _warnings = finalise_problems(draft, UNIT)
    assert caught.value.errors[0].message in errors


def test_a_title_longer_than_the_field_is_refused(database):
    people = add_people()
    draft = draft_for(people, DEFAULT_RULES)
    draft.rules_title = "《" + "长" * 120 + "》"
    with pytest.raises(ValidationError) as caught:
        save_draft(draft, UNIT)
    assert [error.field for error in caught.value.errors] == ["rules_title"]
    assert er.get_election(draft.uuid) is None


def test_the_check_command_names_an_election_whose_stored_rules_are_unknown(database):
    from models.checks import check_database

    election = er.save_election(er.Election(unit=UNIT, term_number=3))
    about_it = _("Election {title} ({unit}): {problem}").format(title=election.title(), unit=UNIT, problem="")
    assert not [line for line in check_database() if line.startswith(about_it)]
    # A package from another installation may carry any value: the check names it and the election.
    er.Election.update(surplus_rounding="nearest").where(er.Election.uuid == election.uuid).execute()
    problem = _("Election rules: the rounding of the candidate surplus “{value}” is unknown.").format(value="nearest")
    expected = _("Election {title} ({unit}): {problem}").format(
        title=er.Election.get_by_id(election.uuid).title(), unit=UNIT, problem=problem
    )
    assert expected in check_database()
