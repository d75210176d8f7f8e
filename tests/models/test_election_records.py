"""A whole election entered as records, finalised into the unit's committee."""

import datetime as dt

import pytest

from models import people
from models.elections import records as er
from models.people import Person, PersonInput

UNIT = "430121100201"
NAMES = ["李秀英", "王芳", "张晓红", "刘娟", "陈静", "杨梅", "赵敏", "黄丽"]


def add_people(names):
    return {name: people.save_person(PersonInput(name=name), UNIT) for name in names}


def make_election(meeting=dt.date(2026, 3, 20), entitled=40, present=36, **extra):
    election = er.Election(
        unit=UNIT,
        kind="regular",
        term_number=3,
        meeting_date=meeting,
        entitled=entitled,
        present=present,
        excused=2,
        chief_scrutineer="周兰",
        scrutineers="吴霞、郑云",
        counters="孙琴",
        **extra,
    )
    return er.save_election(election)


def add_round(
    election,
    kind,
    seats,
    votes,
    competitive=True,
    issued=36,
    returned=36,
    valid=35,
    invalid=1,
    entitled=None,
    present=None,
    persons=None,
):
    round_ = er.ElectionRound.create(
        unit=UNIT,
        election=election,
        kind=kind,
        seats=seats,
        competitive=competitive,
        entitled=entitled or election.entitled,
        present=present or election.present,
        issued=issued,
        returned=returned,
        valid=valid,
        invalid=invalid,
        position=len(list(election.rounds())),
    )
    for name, (yes, no) in votes.items():
        person = (persons or {}).get(name)
        er.ElectionCandidate.create(
            unit=UNIT, round=round_, person=person, name=name, yes=yes, no=no, abstain=0, write_in=person is None
        )
    return round_


def add_officer_round(election, kind, votes, persons):
    """An uncontested chair or vice chair round in which all seven new committee members voted validly."""
    return add_round(
        election,
        kind,
        1,
        votes,
        competitive=False,
        issued=7,
        returned=7,
        valid=7,
        invalid=0,
        entitled=7,
        present=7,
        persons=persons,
    )


def test_finalising_makes_the_committee_and_the_roster_follows(database):
    persons = add_people(NAMES + ["何艳"])
    persons["黄丽"].post = "executive"  # on the old committee; not standing again
    persons["黄丽"].save()
    persons["王芳"].post = "executive"
    persons["王芳"].save()
    election = make_election()
    committee_votes = {n: (30 - i, 2) for i, n in enumerate(NAMES[:7])} | {"何艳": (5, 25)}
    add_round(election, "committee", 7, committee_votes, persons=persons)
    add_officer_round(election, "chair", {"李秀英": (7, 0)}, persons)
    add_officer_round(election, "vice_chair", {"王芳": (6, 1)}, persons)

    members = er.finalise(election)

    positions = {m.person.name: m.position for m in members}
    assert positions == {
        "李秀英": "chair",
        "王芳": "vice_chair",
        "张晓红": "executive",
        "刘娟": "executive",
        "陈静": "executive",
        "杨梅": "executive",
        "赵敏": "executive",
    }
    assert [p.name for p in people.committee(UNIT)][:2] == ["李秀英", "王芳"]
    assert Person.get_by_id(persons["黄丽"].uuid).post == "backbone"
    reelected = {m.person.name for m in members if m.reelected}
    assert reelected == {"王芳"}
    election = er.Election.get_by_id(election.uuid)
    assert election.status == "elected"
    assert (election.term_start, election.term_end) == (dt.date(2026, 3, 20), dt.date(2031, 3, 20))
    assert er.current_election(UNIT).uuid == election.uuid


def test_an_error_in_any_round_refuses_finalising_and_changes_nothing(database):
    persons = add_people(NAMES)
    election = make_election()
    add_round(election, "committee", 7, {n: (30, 2) for n in NAMES}, returned=37, persons=persons)
    with pytest.raises(er.FinaliseRefused) as caught:
        er.finalise(election, confirm_warnings=True)
    assert caught.value.errors
    assert not list(people.committee(UNIT))
    assert er.Election.get_by_id(election.uuid).status == "preparing"


def test_warnings_need_a_confirmation_that_is_recorded(database):
    persons = add_people(NAMES)
    election = make_election(entitled=40, present=26)  # 26 is not more than 2/3 of 40
    add_round(
        election,
        "committee",
        7,
        {n: (25 - i, 1) for i, n in enumerate(NAMES)},
        issued=26,
        returned=26,
        valid=26,
        invalid=0,
        present=26,
        persons=persons,
    )
    with pytest.raises(er.FinaliseRefused) as caught:
        er.finalise(election)
    assert not caught.value.errors and any("committee:no_quorum" == code for code, _text in caught.value.warnings)
    er.finalise(election, confirm_warnings=True)
    assert "no_quorum" in er.Election.get_by_id(election.uuid).confirmed_warnings


def test_a_candidate_may_not_be_a_scrutineer(database):
    persons = add_people(NAMES)
    election = make_election()
    election.counters = "张晓红"
    er.save_election(election)
    add_round(election, "committee", 7, {n: (30, 2) for n in NAMES}, persons=persons)
    errors, _warnings = er.finalise_problems(election)
    assert any("张晓红" in e for e in errors)


def test_a_tie_for_the_last_seat_asks_for_a_run_off(database):
    persons = add_people(NAMES)
    election = make_election()
    votes = {n: (30, 1) for n in NAMES[:6]} | {"赵敏": (25, 3), "黄丽": (25, 3)}
    add_round(election, "committee", 7, votes, persons=persons)
    errors, _warnings = er.finalise_problems(election)
    assert any("赵敏" in e and "黄丽" in e for e in errors)


def test_a_write_in_who_is_elected_gets_a_person_record(database):
    persons = add_people(NAMES[:6])
    election = make_election()
    votes = {n: (30, 1) for n in NAMES[:6]} | {"孟春": (22, 3)}
    add_round(election, "committee", 7, votes, competitive=False, persons=persons)
    er.finalise(election, confirm_warnings=True)
    write_in = Person.live().where(Person.name == "孟春").get()
    assert write_in.post == "executive" and write_in.name_initials == "mc"


def test_the_chair_must_be_on_the_committee(database):
    persons = add_people(NAMES + ["孟春"])
    election = make_election()
    add_round(election, "committee", 7, {n: (30, 1) for n in NAMES}, persons=persons)  # 8 candidates, 7 seats: tie
    add_officer_round(election, "chair", {"孟春": (7, 0)}, persons)
    errors, _warnings = er.finalise_problems(election)
    assert any("孟春" in e for e in errors)


def test_terms_ending_within_six_months_are_reminded(database):
    persons = add_people(NAMES)
    election = make_election(meeting=dt.date(2021, 6, 1))
    add_round(election, "committee", 7, {n: (30 - i, 1) for i, n in enumerate(NAMES)}, persons=persons)
    er.finalise(election)
    assert er.terms_ending_soon(UNIT, today=dt.date(2026, 1, 15)) == [election]
    assert er.terms_ending_soon(UNIT, today=dt.date(2025, 6, 1)) == []


def test_impossible_meeting_numbers_are_refused(database):
    election = er.Election(unit=UNIT, entitled=30, present=31, excused=0)
    with pytest.raises(Exception) as caught:
        er.save_election(election)
    assert "present" in {e.field for e in caught.value.errors}
    assert er.Election.select().count() == 0


def test_a_run_off_round_settles_the_tie(database):
    persons = add_people(NAMES)
    election = make_election()
    votes = {n: (30, 1) for n in NAMES[:6]} | {"赵敏": (25, 3), "黄丽": (25, 3)}
    add_round(election, "committee", 7, votes, persons=persons)
    add_round(election, "committee", 1, {"赵敏": (22, 10), "黄丽": (13, 14)}, competitive=False, persons=persons)
    errors, _warnings = er.finalise_problems(election)
    assert errors == []
    members = er.finalise(election, confirm_warnings=True)
    names = {m.person.name for m in members}
    assert "赵敏" in names and "黄丽" not in names and len(names) == 7


def test_a_kinds_later_rounds_are_named_as_its_run_offs(database):
    from models.i18n import _

    election = make_election()
    committee = add_round(election, "committee", 7, {n: (30, 1) for n in NAMES})
    runoff = add_round(election, "committee", 1, {"赵敏": (22, 10)}, competitive=False)
    chair = add_round(election, "chair", 1, {"李秀英": (30, 1)}, competitive=False)
    again = add_round(election, "committee", 1, {"赵敏": (22, 10)}, competitive=False)
    label = _("Executive committee")
    assert [(r.uuid, name) for r, name in er.named_rounds(election)] == [
        (committee.uuid, label),
        (runoff.uuid, _("{round}: run-off vote").format(round=label)),
        (chair.uuid, _("Chair")),
        (again.uuid, _("{round}: run-off vote {n}").format(round=label, n=2)),
    ]
    assert er.round_title(again) == _("{election}, {round}").format(
        election=election.title(), round=_("{round}: run-off vote {n}").format(round=label, n=2)
    )


def test_a_township_is_reminded_of_its_own_villages_only(database):
    """Township 010's subtree is 430121010…: a village of township 011 (430121011…) is not below it."""
    persons = add_people(NAMES)
    election = make_election(meeting=dt.date(2021, 6, 1))
    add_round(election, "committee", 7, {n: (30 - i, 1) for i, n in enumerate(NAMES)}, persons=persons)
    er.finalise(election)
    er.Election.update(unit="430121011201").where(er.Election.uuid == election.uuid).execute()

    today = dt.date(2026, 1, 15)
    assert [e.uuid for e in er.terms_ending_soon("430121011000", today=today)] == [election.uuid]
    assert er.terms_ending_soon("430121010000", today=today) == []
