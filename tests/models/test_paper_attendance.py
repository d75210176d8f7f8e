"""Attendance from the signatures on read sign-in pages: proposed per cell, recorded as confirmed."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from models import training as tr
from models.base import ValidationError, database
from models.paper import attendance as pa
from models.paper.reading import BLANK, MARKED, UNSURE, SheetReading

from ..conftest import VILLAGE_CODE
from .paper_helpers import signin_page

START = dt.date(2026, 4, 14)
NAMES = ["王芳", "李秀英", "张晓红", "刘娟", "陈静", "赵敏"]


@pytest.fixture
def course(database):
    """A two-day training (four half-day sessions) with six trainees."""
    training = tr.save_training(
        tr.TrainingInput(
            name="村级妇联执委能力提升培训", organiser="长沙县妇联", start_date=START, end_date=START + dt.timedelta(1)
        ),
        VILLAGE_CODE,
    )
    for name in NAMES:
        tr.add_trainee(training, tr.TraineeInput(name=name, unit_name="石门村"))
    return training


def sessions_of(training) -> list[tr.TrainingSession]:
    return sorted(
        tr.TrainingSession.live().where(tr.TrainingSession.training == training), key=lambda s: (s.date, s.half)
    )


def trainees_of(training) -> dict[str, tr.Trainee]:
    return {t.name: t for t in tr.Trainee.live().where(tr.Trainee.training == training)}


def day_pages(training, day_sessions, verdicts: dict[str, tuple[str, str]], pages=(1, 2)) -> list[SheetReading]:
    """The day's sign-in stack of two pages, three trainees a page, as read; only ``pages`` of it."""
    people = trainees_of(training)
    uuids = [s.uuid for s in day_sessions]
    rows = [(people[name].uuid, dict(zip(uuids, verdicts[name], strict=True))) for name in NAMES]
    day = day_sessions[0].date
    return [signin_page(training.uuid, day, page, 2, rows[3 * (page - 1) : 3 * page]) for page in pages]


def test_signed_blank_and_unsure_cells_become_present_absent_and_ask(course):
    am, pm, *_second_day = sessions_of(course)
    verdicts = {name: (MARKED, MARKED) for name in NAMES}
    verdicts["李秀英"] = (MARKED, BLANK)
    verdicts["陈静"] = (UNSURE, MARKED)
    proposal = pa.propose(course, day_pages(course, [am, pm], verdicts))

    got = {(p.trainee.name, p.session.half): p.proposal for p in proposal.proposals}
    assert len(got) == 12
    assert got[("王芳", "am")] == pa.PRESENT and got[("李秀英", "pm")] == pa.ABSENT
    assert got[("陈静", "am")] == pa.ASK and got[("陈静", "pm")] == pa.PRESENT
    assert [(p.trainee.name, p.session.half) for p in proposal.to_ask()] == [("陈静", "am")]
    # Every proposal carries the cell's own image to show beside it.
    assert all(p.reading.image.startswith(b"\x89PNG") for p in proposal.proposals)
    # The second day was never read: the whole day is missing, and everyone's sessions of it unread.
    assert [(m.day, m.numbers) for m in proposal.missing] == [(START + dt.timedelta(1), ())]
    assert all(len(u.sessions) == 2 and u.sessions[0].date == START + dt.timedelta(1) for u in proposal.unread)
    assert len(proposal.unread) == 6


def test_a_page_never_read_is_listed_by_number_and_its_trainees_as_unread(course):
    am, pm, *_rest = sessions_of(course)
    verdicts = {name: (MARKED, MARKED) for name in NAMES}
    other_training = signin_page("00000000-0000-4000-8000-000000000000", START, 1, 1, [])
    proposal = pa.propose(course, [*day_pages(course, [am, pm], verdicts, pages=(1,)), other_training])
    first_day = [m for m in proposal.missing if m.day == START]
    assert [(m.numbers, m.pages) for m in first_day] == [((2,), 2)]
    unread_first_day = {u.trainee.name for u in proposal.unread if am in u.sessions}
    assert unread_first_day == set(NAMES[3:])
    assert proposal.other == [other_training]


def test_a_cell_read_twice_differently_is_asked(course):
    am, pm, *_rest = sessions_of(course)
    signed = {name: (MARKED, MARKED) for name in NAMES}
    blank_later = dict(signed, 王芳=(BLANK, MARKED))
    readings = day_pages(course, [am, pm], signed) + day_pages(course, [am, pm], blank_later, pages=(1,))
    proposal = pa.propose(course, readings)
    assert [(p.trainee.name, p.session.half) for p in proposal.to_ask()] == [("王芳", "am")]
    assert len(proposal.proposals) == 12  # the page read twice proposes once


def test_walk_ins_on_spare_rows_are_listed_with_the_image_of_their_name(course):
    am, pm, *_rest = sessions_of(course)
    page = signin_page(
        course.uuid,
        START,
        1,
        1,
        [],
        spare=[(MARKED, {am.uuid: MARKED, pm.uuid: BLANK}), (BLANK, {am.uuid: BLANK, pm.uuid: BLANK})],
    )
    proposal = pa.propose(course, [page])
    assert len(proposal.walk_ins) == 1
    walk_in = proposal.walk_ins[0]
    assert walk_in.name.image.startswith(b"\x89PNG") and walk_in.row == 0
    assert [(s.half, c.verdict) for s, c in walk_in.signatures] == [("am", MARKED), ("pm", BLANK)]

    done = pa.record(
        course, [], walk_ins=[pa.ConfirmedWalkIn(tr.TraineeInput(name="孟春", unit_name="石门村"), (am.uuid,))]
    )
    assert done.done and [t.name for t in done.walk_ins] == ["孟春"]
    added = trainees_of(course)["孟春"]
    assert added.walk_in
    assert tr.marks(course)[(am.uuid, added.uuid)].status == "present"


def test_a_spare_row_signed_without_a_name_is_listed_and_an_empty_one_is_not(course):
    am, pm, *_rest = sessions_of(course)
    spare = [
        (BLANK, {am.uuid: MARKED, pm.uuid: BLANK}),  # she signed and forgot her name
        (BLANK, {am.uuid: BLANK, pm.uuid: BLANK}),  # nothing on it
        (MARKED, {am.uuid: UNSURE, pm.uuid: UNSURE}),  # a name, signatures the reader was unsure of
        (BLANK, {am.uuid: BLANK, pm.uuid: UNSURE}),  # no name, an unclear stroke in a signature cell
        (UNSURE, {am.uuid: BLANK, pm.uuid: BLANK}),  # an unclear stroke in the name cell
    ]
    page = signin_page(course.uuid, START, 1, 1, [], spare=spare)
    proposal = pa.propose(course, [page, page])  # read twice: each row once

    listed = {w.row: w for w in proposal.walk_ins}
    assert sorted(listed) == [0, 2, 3, 4]
    assert not listed[0].name_written and listed[0].signed() == (am,) and listed[0].unclear() == ()
    assert listed[0].signatures[0][1].image.startswith(b"\x89PNG")  # the signature to type her name from
    assert listed[2].name_written and listed[2].signed() == () and listed[2].unclear() == (am, pm)
    assert not listed[3].name_written and listed[3].unclear() == (pm,)
    assert listed[4].name_written and listed[4].signed() == listed[4].unclear() == ()


def test_a_mark_confirmed_both_present_and_absent_is_refused_naming_her_and_nothing_is_written(course):
    am, pm, *_rest = sessions_of(course)
    people = trainees_of(course)
    confirmed = [
        pa.Confirmed(people["李秀英"].uuid, am.uuid, pa.PRESENT),
        pa.Confirmed(people["王芳"].uuid, pm.uuid, pa.PRESENT),
        pa.Confirmed(people["王芳"].uuid, pm.uuid, pa.ABSENT),
        pa.Confirmed(people["王芳"].uuid, pm.uuid, pa.PRESENT),
    ]
    walk_in = pa.ConfirmedWalkIn(tr.TraineeInput(name="孟春", unit_name="石门村"), (am.uuid,))
    with pytest.raises(ValidationError) as refused:
        pa.record(course, confirmed, walk_ins=[walk_in])
    [error] = refused.value.errors  # said once, however often she was confirmed
    assert "王芳" in error.message and pm.label() in error.message and "李秀英" not in error.message
    assert tr.marks(course) == {} and set(trainees_of(course)) == set(NAMES)

    # The same mark confirmed twice is one mark.
    done = pa.record(course, [confirmed[0], confirmed[0], confirmed[1]])
    assert done.done and done.written == 2 and len(tr.marks(course)) == 2


def test_confirmed_marks_are_recorded_with_the_training_operations(course):
    am, pm, *_rest = sessions_of(course)
    people = trainees_of(course)
    confirmed = [pa.Confirmed(people[name].uuid, am.uuid, pa.PRESENT) for name in NAMES[:5]]
    confirmed.append(pa.Confirmed(people["赵敏"].uuid, am.uuid, pa.ABSENT))
    done = pa.record(course, confirmed)
    assert done.done and done.written == 6
    marks = tr.marks(course)
    assert sum(1 for m in marks.values() if m.status == "present") == 5
    assert marks[(am.uuid, people["赵敏"].uuid)].status == "absent"
    assert tr.summary(course).sessions[0].attended == 5


def test_a_mark_typed_earlier_differently_is_a_conflict_and_nothing_is_written(course):
    am, pm, *_rest = sessions_of(course)
    people = trainees_of(course)
    tr.mark(am, people["王芳"], "absent")
    tr.mark(am, people["李秀英"], "late")  # agrees with a signature: stays late
    tr.mark(am, people["张晓红"], "excused", "家中有事")  # agrees with a blank cell
    confirmed = [
        pa.Confirmed(people["王芳"].uuid, am.uuid, pa.PRESENT),
        pa.Confirmed(people["李秀英"].uuid, am.uuid, pa.PRESENT),
        pa.Confirmed(people["张晓红"].uuid, am.uuid, pa.ABSENT),
        pa.Confirmed(people["刘娟"].uuid, am.uuid, pa.PRESENT),
    ]
    before = {key: m.status for key, m in tr.marks(course).items()}
    done = pa.record(course, confirmed)
    assert not done.done
    assert [(c.trainee.name, c.typed, c.confirmed) for c in done.conflicts] == [("王芳", "absent", pa.PRESENT)]
    assert {key: m.status for key, m in tr.marks(course).items()} == before  # all or nothing

    decided = pa.record(course, confirmed, overwrite={(people["王芳"].uuid, am.uuid)})
    assert decided.done and decided.written == 2 and decided.unchanged == 2
    after = {name: tr.marks(course)[(am.uuid, people[name].uuid)].status for name in NAMES[:4]}
    assert after == {"王芳": "present", "李秀英": "late", "张晓红": "excused", "刘娟": "present"}


def test_marks_not_of_this_training_are_refused_whole(course):
    am, *_rest = sessions_of(course)
    people = trainees_of(course)
    with pytest.raises(ValidationError):
        pa.record(
            course,
            [
                pa.Confirmed(people["王芳"].uuid, am.uuid, pa.PRESENT),
                pa.Confirmed("00000000-0000-4000-8000-000000000000", am.uuid, pa.PRESENT),
            ],
        )
    assert tr.marks(course) == {}


def test_a_failure_half_way_leaves_nothing_written(course):
    am, *_rest = sessions_of(course)
    people = trainees_of(course)
    confirmed = [pa.Confirmed(people[name].uuid, am.uuid, pa.PRESENT) for name in NAMES]
    duplicate = pa.ConfirmedWalkIn(tr.TraineeInput(name="王芳", unit_name="石门村"), (am.uuid,))  # already listed
    with pytest.raises(ValidationError):
        pa.record(course, confirmed, walk_ins=[duplicate])
    assert tr.marks(course) == {}


def test_a_training_reported_by_a_unit_below_is_only_viewed(database):
    below = tr.save_training(
        tr.TrainingInput(name="下级培训", organiser="某村妇联", start_date=START, end_date=START), "430121100202"
    )
    with pytest.raises(ValidationError) as refused:
        pa.record(below, [])
    assert refused.value.errors[0].field == "training"


@pytest.mark.server_only
def test_a_mark_another_clerk_is_typing_meanwhile_is_waited_for_and_is_a_conflict(course):
    # On a server another clerk can mark the same training at the same moment: the marks are checked in
    # the transaction that writes, once hers is committed, never before it and written over after.
    from .test_clerks_concurrent import WAIT, in_thread, wait_for_lock_waiters

    am, *_rest = sessions_of(course)
    people = trainees_of(course)
    typed, release = threading.Event(), threading.Event()

    def other_clerk_types_absent():
        with database.atomic():
            tr.mark(am, people["王芳"], "absent")
            typed.set()
            assert release.wait(WAIT)

    other = in_thread(other_clerk_types_absent)
    assert typed.wait(WAIT)
    confirmed = [pa.Confirmed(people[name].uuid, am.uuid, pa.PRESENT) for name in NAMES]
    reading = in_thread(pa.record, course, confirmed)
    wait_for_lock_waiters(1, "the sheets' marks were checked while another clerk was marking")
    release.set()
    other.result()
    result = reading.result()
    assert [(c.trainee.name, c.typed, c.confirmed) for c in result.conflicts] == [("王芳", "absent", pa.PRESENT)]
    assert {key: m.status for key, m in tr.marks(course).items()} == {(am.uuid, people["王芳"].uuid): "absent"}
