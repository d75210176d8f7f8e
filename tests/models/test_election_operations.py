"""The election operations: saving and finalising a draft, what finalising would say, and the reads pages use."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time

import pytest

from models import units
from models.base import ValidationError
from models.base import database as peewee_database
from models.elections import records as er
from models.elections.draft import (
    CandidateDraft,
    ElectionDraft,
    explain_name_problem,
    finalise_draft,
    finalise_problems,
    save_draft,
)
from models.i18n import _
from models.listing import ALL_BELOW, Scope
from models.people import Person, PersonInput, save_person
from models.recycle_bin import move_to_bin
from tests import engines

UNIT = "430121100201"
NAMES = ["李秀英", "王芳", "张晓红", "刘娟", "陈静", "杨梅", "赵敏", "黄丽"]
TABLES = ("election", "election_step", "election_round", "election_candidate", "committee_member", "person")


def add_people(names=NAMES) -> dict[str, Person]:
    return {name: save_person(PersonInput(name=name), UNIT) for name in names}


def complete_draft(people: dict[str, Person], chair: str = "李秀英", vice: str = "王芳") -> ElectionDraft:
    """An election with a committee of 7 out of 8, a chair and a vice-chair: finalising needs no confirmation."""
    draft = ElectionDraft.new()
    draft.term_number, draft.meeting_date = 3, dt.date(2026, 3, 20)
    draft.entitled, draft.present, draft.excused = 40, 36, 2
    draft.chief_scrutineer, draft.scrutineers, draft.counters = "周兰", "吴霞、郑云", "孙琴"
    committee = draft.rounds["committee"]
    committee.seats = 7
    committee.issued, committee.returned, committee.valid, committee.invalid = 36, 36, 35, 1
    committee.candidates = [
        CandidateDraft(name, people[name].uuid, False, 30 - i if i < 7 else 5, 2 if i < 7 else 25, 0)
        for i, name in enumerate(NAMES)
    ]
    for kind, name in (("chair", chair), ("vice_chair", vice)):
        round_ = draft.rounds[kind]
        round_.seats, round_.competitive = 1, False
        round_.entitled = round_.present = round_.issued = round_.returned = round_.valid = 7
        round_.candidates = [CandidateDraft(name, people[name].uuid, False, 7, 0, 0)]
    return draft


def snapshot() -> dict[str, list[tuple]]:
    return {table: peewee_database.execute_sql(f"SELECT * FROM {table} ORDER BY uuid").fetchall() for table in TABLES}


# --- what finalising would say -----------------------------------------------------------------


def test_finalise_problems_of_a_draft_agree_with_those_of_the_stored_election(database):
    people = add_people()
    drafts = [complete_draft(people)]
    tied = complete_draft(people)
    tied.rounds["committee"].candidates[6].yes = tied.rounds["committee"].candidates[7].yes = 24
    tied.rounds["committee"].candidates[6].no = tied.rounds["committee"].candidates[7].no = 2
    drafts.append(tied)
    outsider = complete_draft(people, chair="黄丽")  # not elected to the committee
    drafts.append(outsider)
    watcher = complete_draft(people)
    watcher.counters = "张晓红"  # a candidate counting the votes
    drafts.append(watcher)
    no_date = complete_draft(people)
    no_date.meeting_date = None
    drafts.append(no_date)
    few = complete_draft(people)
    few.rounds["committee"].candidates.pop()  # 7 for 7 seats in a competitive vote: a warning
    few.rounds["committee"].entitled = 0  # the congress's attendance is what counts
    drafts.append(few)
    for draft in drafts:
        in_memory = finalise_problems(draft, UNIT)
        stored = er.finalise_problems(save_draft(draft, UNIT))
        assert in_memory == stored
    assert finalise_problems(drafts[0], UNIT) == ([], [])
    assert all(finalise_problems(d, UNIT)[0] for d in drafts[1:5])
    assert finalise_problems(few, UNIT)[1]


def test_finalise_problems_write_nothing(database):
    people = add_people()
    draft = complete_draft(people, chair="黄丽")
    before = snapshot()
    errors, _warnings = finalise_problems(draft, UNIT)
    assert errors
    assert snapshot() == before
    assert er.get_election(draft.uuid) is None


def test_finalise_problems_answer_at_once_while_another_connection_holds_the_write_lock(database, db_path):
    people = add_people()
    draft = complete_draft(people, chair="黄丽")
    if engines.on_server():
        import psycopg

        other = psycopg.connect(db_path)
        other.execute("UPDATE person SET notes = notes")  # a transaction holding rows, as an import would
    else:
        other = sqlite3.connect(db_path, timeout=0.1)
        other.execute("BEGIN IMMEDIATE")  # as an import in a worker thread would
    try:
        started = time.monotonic()
        errors, _warnings = finalise_problems(draft, UNIT)
        assert time.monotonic() - started < 1.0
        assert errors and "黄丽" in errors[-1]
    finally:
        other.rollback()
        other.close()


def test_finalise_problems_name_a_typed_name_the_count_cannot_take(database):
    draft = complete_draft(add_people())
    draft.rounds["committee"].candidates[1].name = "李秀英"
    errors, warnings = finalise_problems(draft, UNIT)
    assert errors == [_(er.ROUND_KINDS["committee"]) + ": " + explain_name_problem("duplicate_name")]
    assert warnings == []


# --- the operations --------------------------------------------------------------------------


def test_a_refused_finalising_writes_nothing_not_even_the_draft(database):
    people = add_people()
    draft = complete_draft(people, chair="黄丽")
    before = snapshot()
    with pytest.raises(er.FinaliseRefused) as refused:
        finalise_draft(draft, UNIT, confirm_warnings=True)
    assert refused.value.errors == finalise_problems(draft, UNIT)[0]
    assert snapshot() == before


def test_unconfirmed_warnings_refuse_and_confirmed_ones_are_recorded(database):
    people = add_people()
    draft = complete_draft(people)
    draft.rounds["committee"].candidates.pop()
    with pytest.raises(er.FinaliseRefused) as refused:
        finalise_draft(draft, UNIT)
    assert not refused.value.errors and refused.value.warnings
    assert er.get_election(draft.uuid) is None
    election = finalise_draft(draft, UNIT, confirm_warnings=True)
    assert election.status == "elected" and election.confirmed_warnings
    assert Person.get_by_id(people["李秀英"].uuid).post == "chair"


def test_saving_a_draft_twice_updates_what_the_first_save_wrote(database):
    people = add_people()
    draft = complete_draft(people)
    save_draft(draft, UNIT)
    draft.rounds["committee"].candidates.pop()
    draft.meeting_place = "村委会"
    election = save_draft(draft, UNIT)
    assert election.meeting_place == "村委会"
    assert len(list(election.rounds())) == 3
    assert len(list(election.rounds()[0].candidates())) == 7
    assert er.Election.select().count() == 1


def test_a_draft_that_breaks_a_field_rule_is_not_saved(database):
    draft = complete_draft(add_people())
    draft.term_years = 0
    with pytest.raises(ValidationError) as raised:
        save_draft(draft, UNIT)
    assert er.get_election(draft.uuid) is None
    # Finalising names the same problem, and refuses without writing.
    assert finalise_problems(draft, UNIT)[0] == [e.message for e in raised.value.errors]
    with pytest.raises(er.FinaliseRefused):
        finalise_draft(draft, UNIT, confirm_warnings=True)
    assert er.get_election(draft.uuid) is None


# --- reading for pages -------------------------------------------------------------------------

COUNTY, TOWNSHIP, VILLAGE_A, VILLAGE_B = "430121000000", "430121100000", "430121100201", "430121100202"


def test_the_list_of_a_scope_shows_the_units_below_through_the_same_call(database):
    units.set_own_unit(COUNTY, "长沙县")
    units.upsert_unit(TOWNSHIP, "黄花镇", owner=COUNTY)
    units.upsert_unit(VILLAGE_A, "石门村", owner=VILLAGE_A)
    units.upsert_unit(VILLAGE_B, "塘田村", owner=VILLAGE_B)
    own = er.save_election(er.Election(unit=COUNTY, kind="regular"))
    old = er.save_election(er.Election(unit=VILLAGE_A, kind="regular", meeting_date=dt.date(2016, 3, 1)))
    new = er.save_election(er.Election(unit=VILLAGE_A, kind="regular", meeting_date=dt.date(2021, 3, 1)))
    preparing = er.save_election(er.Election(unit=VILLAGE_A, kind="regular"))
    other = er.save_election(
        er.Election(
            unit=VILLAGE_B,
            kind="regular",
            status="elected",
            meeting_date=dt.date(2021, 4, 1),
            term_start=dt.date(2021, 4, 1),
            term_end=dt.date(2026, 4, 1),
        )
    )

    def uuids(choice: str) -> list[str]:
        return [e.uuid for e in er.list_elections(Scope(COUNTY, choice)).elections]

    assert uuids("") == [own.uuid]
    assert uuids(VILLAGE_A) == [preparing.uuid, new.uuid, old.uuid]
    assert uuids(TOWNSHIP) == [preparing.uuid, new.uuid, old.uuid, other.uuid]
    assert uuids(ALL_BELOW) == uuids(TOWNSHIP)
    assert er.list_elections(Scope(COUNTY, ALL_BELOW)).current == {other.uuid}
    move_to_bin("elections", [own.uuid], COUNTY)
    assert uuids("") == []
    assert er.get_election(own.uuid) is None and er.get_election(other.uuid) == other


def test_people_matching_finds_the_units_people_by_pinyin_or_initials(database):
    add_people(["张晓红", "张丽", "王芳"])
    save_person(PersonInput(name="张晓燕"), "430121100202")  # another village's
    assert [p.name for p in er.people_matching(UNIT, "zxh", 12)] == ["张晓红"]
    assert [p.name for p in er.people_matching(UNIT, "张", 12)] == ["张丽", "张晓红"]
    assert len(er.people_matching(UNIT, "张", 1)) == 1
