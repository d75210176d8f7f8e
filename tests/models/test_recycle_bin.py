"""The recycle bin's rules: what is listed, what comes back with a record, what is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from peewee import fn

from models import homes, photos, recycle_bin
from models import training as tr
from models.base import database as db
from models.base import utcnow
from models.elections import records as er
from models.i18n import _
from models.people import Person, PersonInput, id_number_check_digit, save_person
from models.recycle_bin import RestoreRefused, deleted, restore, restore_many

from .election_helpers import add_round
from .home_helpers import LAST_YEAR, activity_input

UNIT = "430121100201"
OTHER_UNIT = "430121100202"
GOOD_ID = "43012119780512002" + id_number_check_digit("43012119780512002")


def snapshot(*models) -> dict:
    """Every row of these tables, as stored, without the times a delete and restore move on."""
    rows = {}
    for model in models:
        for row in model.select().dicts():
            rows[(model.__name__, row["uuid"])] = {k: v for k, v in row.items() if k != "updated_at"}
    return rows


def age(query, seconds: int) -> None:
    """Move the rows' last change back in time (as if it happened earlier)."""
    query.model.update(updated_at=utcnow() - dt.timedelta(seconds=seconds)).where(
        query.model.uuid.in_([r.uuid for r in query])
    ).execute()


# --- people ---------------------------------------------------------------------------------------


def test_a_deleted_person_is_listed_and_restored(database):
    person = save_person(PersonInput(name="王芳", birth="1969-08", post="executive"), UNIT)
    save_person(PersonInput(name="李玉兰"), UNIT)
    before = snapshot(Person)
    person.move_to_recycle_bin()

    [entry] = deleted("people", UNIT)
    assert (entry.kind, entry.uuid, entry.name, entry.date) == ("people", person.uuid, "王芳", dt.date(1969, 8, 1))
    assert entry.date_text == "1969.08" and entry.detail == _("Executive member")
    assert deleted("people", OTHER_UNIT) == []

    restore("people", person.uuid)
    assert not Person.get_by_id(person.uuid).deleted
    assert deleted("people", UNIT) == []
    after = snapshot(Person)
    assert after == before  # nothing lost, nothing added


def test_a_person_whose_id_number_was_taken_is_refused_with_a_clear_message(database):
    old = save_person(PersonInput(name="张晓红", id_number=GOOD_ID), UNIT)
    old.move_to_recycle_bin()
    save_person(PersonInput(name="张小红", id_number=GOOD_ID), UNIT)
    with pytest.raises(RestoreRefused) as refused:
        restore("people", old.uuid)
    assert "张晓红" in str(refused.value) and "张小红" in str(refused.value)
    assert Person.get_by_id(old.uuid).deleted
    assert [e.name for e in deleted("people", UNIT)] == ["张晓红"]


def test_the_same_id_number_in_another_unit_does_not_block(database):
    old = save_person(PersonInput(name="张晓红", id_number=GOOD_ID), UNIT)
    old.move_to_recycle_bin()
    save_person(PersonInput(name="张小红", id_number=GOOD_ID), OTHER_UNIT)
    restore("people", old.uuid)
    assert not Person.get_by_id(old.uuid).deleted


def test_two_deleted_people_with_one_id_number_cannot_both_come_back(database):
    first = save_person(PersonInput(name="张晓红", id_number=GOOD_ID), UNIT)
    first.move_to_recycle_bin()
    second = save_person(PersonInput(name="张小红", id_number=GOOD_ID), UNIT)
    second.move_to_recycle_bin()
    restored, refused = restore_many("people", [first.uuid, second.uuid])
    assert [p.uuid for p in restored] == [first.uuid]
    assert len(refused) == 1 and "张小红" in refused[0]
    assert Person.live().where(Person.id_number == GOOD_ID).count() == 1


def test_newest_deletion_first(database):
    names = ["甲", "乙", "丙"]
    people = [save_person(PersonInput(name=n), UNIT) for n in names]
    for person in people:
        person.move_to_recycle_bin()
    for seconds, person in zip((300, 100, 200), people):
        age(Person.select().where(Person.uuid == person.uuid), seconds)
    assert [e.name for e in deleted("people", UNIT)] == ["乙", "丙", "甲"]


def test_a_record_no_longer_in_the_bin_is_refused(database):
    person = save_person(PersonInput(name="王芳"), UNIT)
    with pytest.raises(RestoreRefused):
        restore("people", person.uuid)
    with pytest.raises(RestoreRefused):
        restore("people", "no-such-uuid")
    with pytest.raises(ValueError):
        deleted("spaceships", UNIT)


# --- elections ------------------------------------------------------------------------------------


def election_with_rounds() -> er.Election:
    election = er.save_election(
        er.Election(unit=UNIT, kind="regular", term_number=3, meeting_date=dt.date(2026, 3, 8), entitled=40, present=36)
    )
    er.ElectionStep.create(
        unit=UNIT, election=election, step="approval", date=dt.date(2026, 2, 1), document_number="石党支〔2026〕3号"
    )
    round_ = add_round(UNIT, election, "committee", 2, 40, 36)
    for name, yes in (("李秀英", 30), ("王芳", 28), ("张晓红", 10)):
        er.ElectionCandidate.create(unit=UNIT, round=round_, name=name, yes=yes)
    dropped = er.ElectionCandidate.create(unit=UNIT, round=round_, name="错名", yes=0)
    dropped.move_to_recycle_bin()  # removed while the votes were entered: it must stay removed
    age(er.ElectionCandidate.select().where(er.ElectionCandidate.uuid == dropped.uuid), 600)
    return election


ELECTION_TABLES = (er.Election, er.ElectionStep, er.ElectionRound, er.ElectionCandidate, er.CommitteeMember)


def test_an_election_comes_back_with_its_rounds_and_candidates(database):
    election = election_with_rounds()
    before = snapshot(*ELECTION_TABLES)
    # What the elections page does.
    with db.atomic():
        er.Election.get_by_id(election.uuid).move_to_recycle_bin()
    assert not er.Election.live().exists()

    [entry] = deleted("elections", UNIT)
    assert entry.name == _("Term {n} — {kind}").format(n=3, kind=_("Regular election"))
    assert entry.date == dt.date(2026, 3, 8) and entry.date_text == "2026-03-08"
    assert entry.detail == _("In preparation")

    restore("elections", election.uuid)
    back = er.Election.live().get()
    assert [c.name for r in back.rounds() for c in r.candidates()] == ["李秀英", "王芳", "张晓红"]
    assert [s.document_number for s in back.steps()] == ["石党支〔2026〕3号"]
    assert snapshot(*ELECTION_TABLES) == before


def test_a_finalised_election_comes_back_with_its_committee(database):
    names = ["李秀英", "王芳", "张晓红"]
    for name in names:
        save_person(PersonInput(name=name), UNIT)
    election = er.save_election(
        er.Election(unit=UNIT, kind="regular", term_number=4, meeting_date=dt.date(2026, 3, 8), entitled=40, present=36)
    )
    round_ = er.ElectionRound.create(
        unit=UNIT,
        election=election,
        kind="committee",
        seats=3,
        competitive=False,
        entitled=36,
        present=36,
        issued=36,
        returned=36,
        valid=36,
    )
    for name in names:
        er.ElectionCandidate.create(unit=UNIT, round=round_, name=name, yes=30)
    er.finalise(er.Election.get_by_id(election.uuid), confirm_warnings=True)
    assert er.current_election(UNIT).uuid == election.uuid
    er.Election.get_by_id(election.uuid).move_to_recycle_bin()
    assert er.current_election(UNIT) is None

    restore("elections", election.uuid)
    assert er.current_election(UNIT).uuid == election.uuid
    assert sorted(m.person.name for m in er.Election.get_by_id(election.uuid).members()) == sorted(names)


# --- activities -----------------------------------------------------------------------------------


def _jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(out, "JPEG")
    return out.getvalue()


def delete_like_the_ledger(activity: homes.Activity) -> None:
    """The ledger's delete: the operation every page and the command line call."""
    assert recycle_bin.move_to_bin("activities", [activity.uuid], activity.unit) == 1


def participant_names(activity) -> list[str]:
    return sorted(p.name for p in homes.Activity.get_by_id(activity.uuid).participants())


def test_an_activity_comes_back_with_its_participants_and_photos(database):
    linked = save_person(PersonInput(name="王芳"), UNIT)
    digest = photos.store_photo(_jpeg(), "1.jpg")
    activity = homes.save_activity(
        activity_input(participants=[(linked.uuid, "王芳"), (None, "赵敏")], photos=[digest]), UNIT
    )
    tables = (homes.Activity, homes.ActivityParticipant, photos.PhotoLink)
    before = snapshot(*tables)
    delete_like_the_ledger(activity)
    assert not homes.activities(UNIT).exists()

    [entry] = deleted("activities", UNIT)
    assert (entry.name, entry.date, entry.detail) == (
        "“巾帼心向党”宣讲",
        dt.date(LAST_YEAR, 3, 8),
        homes.CATEGORY.label("1"),
    )
    restore("activities", activity.uuid)
    assert [a.uuid for a in homes.activities(UNIT)] == [activity.uuid]
    assert participant_names(activity) == ["王芳", "赵敏"]
    assert [link.photo for link in homes.Activity.get_by_id(activity.uuid).photo_links()] == [digest]
    assert snapshot(*tables) == before


def test_participants_an_earlier_edit_dropped_stay_dropped(database):
    activity = homes.save_activity(activity_input(participants=[(None, "王芳"), (None, "赵敏")]), UNIT)
    # Yesterday's edit: 赵敏 dropped, 陈静 added (the save replaces the participant rows).
    homes.save_activity(
        activity_input(participants=[(None, "王芳"), (None, "陈静")]), UNIT, homes.Activity.get_by_id(activity.uuid)
    )
    age(homes.ActivityParticipant.select().where(homes.ActivityParticipant.deleted == True), 86400)
    delete_like_the_ledger(homes.Activity.get_by_id(activity.uuid))

    restore("activities", activity.uuid)
    assert participant_names(activity) == ["王芳", "陈静"]
    # The dropped rows are still there, tombstoned: nothing was removed outright.
    assert homes.ActivityParticipant.select().where(homes.ActivityParticipant.deleted == True).count() == 2


def test_an_edit_in_the_same_second_as_the_delete_never_doubles_a_name(database):
    activity = homes.save_activity(activity_input(participants=[(None, "王芳"), (None, "赵敏")]), UNIT)
    homes.save_activity(
        activity_input(participants=[(None, "王芳"), (None, "赵敏")]), UNIT, homes.Activity.get_by_id(activity.uuid)
    )
    delete_like_the_ledger(homes.Activity.get_by_id(activity.uuid))
    restore("activities", activity.uuid)
    assert participant_names(activity) == ["王芳", "赵敏"]


# --- trainings ------------------------------------------------------------------------------------


def make_training(name="巧手编织技能培训", start=dt.date(2026, 4, 14), days=2) -> tr.Training:
    return tr.save_training(
        tr.TrainingInput(
            name=name,
            organiser="石门村妇联",
            organiser_level="village",
            start_date=start,
            end_date=start + dt.timedelta(days=days - 1),
            place="石门村妇女之家",
        ),
        UNIT,
    )


TRAINING_TABLES = (tr.Training, tr.TrainingSession, tr.Trainee, tr.Attendance)


def test_a_training_comes_back_with_sessions_trainees_and_attendance(database):
    training = make_training()
    trainees = [tr.add_trainee(training, tr.TraineeInput(name=n, unit_name="石门村")) for n in ("王芳", "赵敏")]
    sessions = list(training.sessions())
    tr.mark(sessions[0], trainees[0], "present")
    tr.mark(sessions[1], trainees[1], "excused", "孩子生病")
    gone = tr.add_trainee(training, tr.TraineeInput(name="错录", unit_name="石门村"))
    gone.move_to_recycle_bin()  # removed from the list before: stays removed
    before = snapshot(*TRAINING_TABLES)
    hours_before = tr.hours_by_trainee(training)
    # What the training page does.
    with db.atomic():
        tr.Training.get_by_id(training.uuid).move_to_recycle_bin()
    assert training.uuid not in {t.uuid for t in tr.trainings_in_year(UNIT, 2026)}

    [entry] = deleted("trainings", UNIT)
    assert (entry.name, entry.date, entry.detail) == ("巧手编织技能培训", dt.date(2026, 4, 14), "石门村妇联")
    assert entry.date_text == "2026-04-14至04-15"

    restore("trainings", training.uuid)
    back = tr.Training.get_by_id(training.uuid)
    assert [t.uuid for t in tr.trainings_in_year(UNIT, 2026)] == [training.uuid]
    assert sorted(t.name for t in back.trainees()) == ["王芳", "赵敏"]
    assert tr.hours_by_trainee(back) == hours_before
    assert tr.summary(back).sessions[1].excused == 1
    assert snapshot(*TRAINING_TABLES) == before


def test_counts_and_kinds(database):
    make_training().move_to_recycle_bin()
    save_person(PersonInput(name="王芳"), UNIT).move_to_recycle_bin()
    first = ["people", "elections", "activities", "trainings"]
    assert recycle_bin.counts(UNIT) == dict.fromkeys(recycle_bin.KINDS, 0) | {"people": 1, "trainings": 1}
    assert list(recycle_bin.KINDS)[: len(first)] == first
    assert {"households", "contacts", "needs", "projects"} <= set(recycle_bin.KINDS)
    assert recycle_bin.counts(OTHER_UNIT) == dict.fromkeys(recycle_bin.KINDS, 0)


def test_several_records_are_restored_at_once(database):
    trainings = [make_training(name=f"培训{i}") for i in range(3)]
    for training in trainings:
        training.move_to_recycle_bin()
    restored, refused = restore_many("trainings", [t.uuid for t in trainings])
    assert len(restored) == 3 and refused == []
    assert tr.Training.live().select(fn.COUNT(tr.Training.uuid)).scalar() == 3


def test_move_to_bin_takes_the_participants_along_and_refuses_records_of_units_below(database):
    activity = homes.save_activity(activity_input(participants=[(None, "赵敏")]), UNIT)
    below = homes.save_activity(activity_input(participants=[(None, "钱红")]), OTHER_UNIT)

    with pytest.raises(recycle_bin.DeleteRefused):
        recycle_bin.move_to_bin("activities", [activity.uuid, below.uuid], UNIT)
    assert participant_names(activity) == ["赵敏"]  # nothing changed: one transaction
    assert not homes.Activity.get_by_id(activity.uuid).deleted

    assert recycle_bin.move_to_bin("activities", [activity.uuid], UNIT) == 1
    assert homes.Activity.get_by_id(activity.uuid).deleted
    assert participant_names(activity) == []
    assert recycle_bin.move_to_bin("activities", [activity.uuid], UNIT) == 0  # already in the bin
