"""The confirmed marks and the page images saved together: all of it, or none of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from models import training as tr
from models.base import ValidationError
from models.paper import attendance as pa
from models.paper import evidence
from models.paper.reading import MARKED
from models.paper.signin_save import save_attendance

from ..conftest import VILLAGE_CODE
from .paper_helpers import ballot, make_round
from .test_paper_attendance import NAMES, START, day_pages, sessions_of, trainees_of


@pytest.fixture
def course(database):
    """A two-day training with the trainees of the attendance tests."""
    training = tr.save_training(
        tr.TrainingInput(name="村级妇联执委能力提升培训", start_date=START, end_date=START + dt.timedelta(1)),
        VILLAGE_CODE,
    )
    for name in NAMES:
        tr.add_trainee(training, tr.TraineeInput(name=name, unit_name="石门村"))
    return training


def confirmed_all(training, status=pa.PRESENT) -> list[pa.Confirmed]:
    return [
        pa.Confirmed(t.uuid, s.uuid, status) for t in trainees_of(training).values() for s in sessions_of(training)[:2]
    ]


def test_marks_and_only_this_trainings_pages_are_saved_together(course):
    am, pm, *_rest = sessions_of(course)
    pages = day_pages(course, [am, pm], {name: (MARKED, MARKED) for name in NAMES})
    stranger = ballot(make_round(course.unit, ["王芳"], 1).uuid, ["for"])
    result = save_attendance(course, [*pages, stranger], confirmed_all(course))
    assert result.done and result.written == len(NAMES) * 2
    assert [p.page for p in evidence.pages_of(course.uuid)] == [1, 2]
    assert evidence.page_count(stranger.code.record) == 0


def test_a_conflict_writes_neither_marks_nor_images(course):
    am, pm, *_rest = sessions_of(course)
    tr.mark(am, trainees_of(course)["王芳"], "absent")
    pages = day_pages(course, [am, pm], {name: (MARKED, MARKED) for name in NAMES})
    result = save_attendance(course, pages, confirmed_all(course))
    assert [c.trainee.name for c in result.conflicts] == ["王芳"]
    assert len(tr.marks(course)) == 1 and evidence.pages_of(course.uuid) == []


def test_an_image_refused_leaves_the_marks_unwritten(course):
    am, pm, *_rest = sessions_of(course)
    pages = day_pages(course, [am, pm], {name: (MARKED, MARKED) for name in NAMES})
    pages[1] = replace(pages[1], image=b"\xff" * (evidence.MAX_IMAGE_BYTES + 1))
    with pytest.raises(evidence.EvidenceError):
        save_attendance(course, pages, confirmed_all(course))
    assert tr.marks(course) == {} and evidence.pages_of(course.uuid) == []


def test_a_mark_confirmed_both_ways_keeps_neither_marks_nor_images(course):
    am, pm, *_rest = sessions_of(course)
    pages = day_pages(course, [am, pm], {name: (MARKED, MARKED) for name in NAMES})
    confirmed = confirmed_all(course)
    first = confirmed[0]
    with pytest.raises(ValidationError):
        save_attendance(course, pages, [*confirmed, replace(first, status=pa.ABSENT)])
    assert tr.marks(course) == {} and evidence.pages_of(course.uuid) == []
