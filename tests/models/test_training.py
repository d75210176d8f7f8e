"""Trainings, attendees, attendance and hours: the numbers add up."""

import datetime as dt

import pytest

from models import people, training, units
from models.base import ValidationError
from models.people import PersonInput
from models.training import TraineeInput, TrainingInput

UNIT = "430121100201"


def make_training(days=2, **changes):
    data = TrainingInput(
        name="村级妇联执委能力提升培训",
        organiser="长沙县妇联",
        organiser_level="county",
        start_date=dt.date(2026, 4, 14),
        end_date=dt.date(2026, 4, 14 + days - 1),
        place="县委党校",
        planned=40,
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return training.save_training(data, UNIT)


def test_sessions_default_to_a_morning_and_an_afternoon_per_day(database):
    t = make_training(days=2)
    assert [(s.date.day, s.half) for s in t.sessions()] == [(14, "am"), (14, "pm"), (15, "am"), (15, "pm")]
    assert t.hours == 12


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": " "}, "name"),
        ({"start_date": None}, "start_date"),
        ({"end_date": dt.date(2026, 4, 1)}, "end_date"),
        ({"end_date": dt.date(2026, 6, 1)}, "end_date"),
        ({"planned": -1}, "planned"),
        ({"sessions": [(dt.date(2026, 4, 20), "am", 3.0, "", "")]}, "sessions"),
        ({"sessions": [(dt.date(2026, 4, 14), "am", 9.0, "", "")]}, "sessions"),
    ],
)
def test_bad_trainings_are_refused_and_nothing_written(database, changes, field):
    data = TrainingInput(name="培训", start_date=dt.date(2026, 4, 14), end_date=dt.date(2026, 4, 14))
    for name, value in changes.items():
        setattr(data, name, value)
    with pytest.raises(ValidationError) as caught:
        training.save_training(data, UNIT)
    assert field in {e.field for e in caught.value.errors}
    assert training.Training.select().count() == 0 and training.TrainingSession.select().count() == 0


def test_attendees_from_people_and_typed_in_and_no_duplicates(database):
    t = make_training()
    wang = people.save_person(PersonInput(name="王芳", post="chair", phone="13812345678"), UNIT)
    added = training.add_trainee(t, TraineeInput(person=wang.uuid))
    assert (added.name, added.unit_name, added.phone) == ("王芳", "石门村", "13812345678")
    training.add_trainee(t, TraineeInput(name="李娟", unit_name="桃花村", post="执委"))
    with pytest.raises(ValidationError):
        training.add_trainee(t, TraineeInput(person=wang.uuid))
    with pytest.raises(ValidationError):
        training.add_trainee(t, TraineeInput(name=" 李娟", unit_name="桃花村"))
    assert [x.name for x in training.find_trainees(t, "lj")] == ["李娟"]
    assert [x.name for x in training.find_trainees(t, "wangf")] == ["王芳"]


def test_typed_in_attendees_are_matched_to_people_later(database):
    t = make_training()
    training.add_trainee(t, TraineeInput(name="赵敏", unit_name="石门村"))
    people.save_person(PersonInput(name="赵敏"), UNIT)
    assert training.match_typed_trainees(t) == 1
    assert training.Trainee.get().person.name == "赵敏"


def test_attendance_hours_and_summaries_add_up(database):
    t = make_training(days=1)  # two sessions of 3 hours
    am, pm = list(t.sessions())
    persons = [
        people.save_person(PersonInput(name=n, post="executive"), UNIT) for n in ("王芳", "李娟", "赵敏", "陈静")
    ]
    a, b, c, d = [training.add_trainee(t, TraineeInput(person=p.uuid)) for p in persons]
    training.mark(am, a, "present")
    training.mark(pm, a, "late")
    training.mark(am, b, "present")
    training.mark(pm, b, "absent")
    training.mark(am, c, "excused", "生病")
    training.mark(pm, c, "excused", "生病")
    training.mark(am, b, "late")  # a second mark replaces the first
    # d is never marked: absent
    result = training.summary(t)
    assert [(s.expected, s.attended, s.excused, s.absent) for s in result.sessions] == [(4, 2, 1, 1), (4, 1, 1, 2)]
    assert result.attended_people == 2
    assert result.rate == pytest.approx(3 / 8)
    hours = training.hours_by_trainee(t)
    assert (hours[a.uuid], hours[b.uuid], hours[c.uuid], hours[d.uuid]) == (6.0, 3.0, 0.0, 0.0)
    record = training.person_year(persons[0], 2026)
    assert record.hours == 6.0 and [(x[0].name, x[1]) for x in record.trainings] == [(t.name, 2)]
    assert training.person_year(persons[0], 2025).hours == 0


def test_leave_needs_a_reason(database):
    t = make_training(days=1)
    trainee = training.add_trainee(t, TraineeInput(name="王芳"))
    with pytest.raises(ValidationError):
        training.mark(t.sessions()[0], trainee, "excused")
    assert training.Attendance.select().count() == 0


def test_dropping_a_session_drops_its_marks(database):
    t = make_training(days=2)
    trainee = training.add_trainee(t, TraineeInput(name="王芳"))
    for session in t.sessions():
        training.mark(session, trainee, "present")
    data = TrainingInput(
        name=t.name,
        start_date=t.start_date,
        end_date=t.start_date,
        sessions=training.default_sessions(t.start_date, t.start_date),
    )
    training.save_training(data, UNIT, training=t)
    assert len(list(t.sessions())) == 2
    assert training.hours_by_trainee(t)[trainee.uuid] == 6.0


def test_coverage_counts_chairs_and_executives_trained(database):
    t = make_training(days=1)
    chair = people.save_person(PersonInput(name="王芳", post="chair"), UNIT)
    member = people.save_person(PersonInput(name="李娟", post="executive"), UNIT)
    people.save_person(PersonInput(name="赵敏", post="executive"), UNIT)
    for person in (chair, member):
        trainee = training.add_trainee(t, TraineeInput(person=person.uuid))
        training.mark(t.sessions()[0], trainee, "present")
    [row] = training.coverage_below(UNIT, 2026)
    assert (row.chairs, row.chairs_trained, row.executives, row.executives_trained) == (1, 1, 3, 2)


def test_a_county_sees_the_villages_below(db_path):
    from models import db as dbmod

    dbmod.open_database(db_path)
    try:
        units.set_own_unit("430121000000", "长沙县")
        units.upsert_unit("430121100201", "石门村", owner="430121100201")
        units.upsert_unit("430121100202", "桃花村", owner="430121100202")
        people.save_person(PersonInput(name="王芳", post="chair"), "430121100201")
        assert [p.name for p in training.people_to_invite("430121000000", "wf")] == ["王芳"]
        rows = training.coverage_below("430121000000", 2026)
        assert [(r.unit_name, r.chairs) for r in rows] == [("石门村", 1), ("桃花村", 0)]
    finally:
        dbmod.close_database()


def test_a_township_covers_its_own_villages_only(db_path):
    """Township 010's subtree is 430121010…: villages of township 011 are not below it."""
    from models import db as dbmod

    dbmod.open_database(db_path)
    try:
        units.set_own_unit("430121010000", "城郊街道")
        units.upsert_unit("430121010201", "石门社区", owner="430121010201")
        units.upsert_unit("430121011201", "桃花村", owner="430121011201")
        rows = training.coverage_below("430121010000", 2026)
        assert [r.unit_name for r in rows] == ["石门社区"]
    finally:
        dbmod.close_database()


# --- one rule for "attended", and the operations that change attendance ---------------------------


def _attended_everywhere(t):
    """Attended person × sessions as every count sees it: summary, hours, the list, the overview's count."""
    from models.listing import Scope

    sessions = {s.uuid: s.hours for s in t.sessions()}
    [listed] = [row for row in training.TrainingListing(Scope(UNIT)).page("dates", False, 0, 10) if row.uuid == t.uuid]
    return (
        sum(s.attended for s in training.summary(t).sessions),
        round(sum(training.hours_by_trainee(t).values()) / next(iter(sessions.values()))),
        getattr(listed, training.ATTENDED_COUNT),
        training.attended_count(training.Training.live().where(training.Training.uuid == t.uuid)),
    )


def test_attended_is_counted_alike_by_every_figure(database):
    t = make_training(days=2)  # four sessions of 3 hours
    wang = people.save_person(PersonInput(name="王芳", post="chair"), UNIT)
    a = training.add_trainee(t, TraineeInput(person=wang.uuid))
    b = training.add_trainee(t, TraineeInput(name="李娟"))
    c = training.add_trainee(t, TraineeInput(name="赵敏"))
    for session in t.sessions():
        training.mark(session, a, "present")
        training.mark(session, b, "late")
        training.mark(session, c, "absent")
    assert _attended_everywhere(t) == (8, 8, 8, 8)

    # An attendee taken off the list: her marks no longer count anywhere.
    assert training.remove_trainees(t, [b.uuid]) == 1
    assert _attended_everywhere(t) == (4, 4, 4, 4)
    assert training.Attendance.live().where(training.Attendance.trainee == b.uuid).count() == 0

    # A session dropped by an edit: its marks no longer count anywhere.
    data = TrainingInput(name=t.name, start_date=t.start_date, end_date=t.end_date, sessions=[])
    data.sessions = [(s.date, s.half, s.hours, "", "") for s in list(t.sessions())[:3]]
    training.save_training(data, UNIT, training=t)
    assert _attended_everywhere(t) == (3, 3, 3, 3)
    assert training.person_year(wang, 2026).trainings[0][1:] == (3, 9.0)
    assert training.trainee_hours(a) == 9.0

    # A deleted training counts nowhere (the person's year, coverage).
    from models.recycle_bin import move_to_bin

    move_to_bin("trainings", [t.uuid], UNIT)
    assert training.person_year(wang, 2026).trainings == []
    assert training.coverage_below(UNIT, 2026)[0].chairs_trained == 0
    assert training.find_training(t.uuid) is None


def test_clearing_a_mark_makes_the_attendee_absent(database):
    t = make_training(days=1)
    trainee = training.add_trainee(t, TraineeInput(name="王芳"))
    am = t.sessions()[0]
    training.mark(am, trainee, "present")
    assert training.clear_mark(am, trainee) is True
    assert training.clear_mark(am, trainee) is False
    assert training.session_marks(am) == {}
    assert training.summary(t).sessions[0].absent == 1


def test_undoing_a_sign_in_restores_the_earlier_mark_or_removes_the_walk_in(database):
    t = make_training(days=1)
    am = t.sessions()[0]
    wang = training.add_trainee(t, TraineeInput(name="王芳"))
    training.mark(am, wang, "excused", "生病")
    training.mark(am, wang, "present")
    training.undo_sign_in(am, wang, ("excused", "生病"))
    assert (training.session_marks(am)[wang.uuid].status, training.session_marks(am)[wang.uuid].reason) == (
        "excused",
        "生病",
    )

    walk_in, attendance = training.sign_in_walk_in(am, TraineeInput(name="李娟", unit_name="桃花村"), "excused")
    assert walk_in.walk_in and attendance.status == "present"  # she came: present unless late
    training.undo_sign_in(am, walk_in, None, walk_in=True)
    assert [x.name for x in t.trainees()] == ["王芳"]
    assert set(training.session_marks(am)) == {wang.uuid}


def test_a_walk_in_refused_leaves_nothing_behind(database):
    t = make_training(days=1)
    training.add_trainee(t, TraineeInput(name="王芳"))
    with pytest.raises(ValidationError):
        training.sign_in_walk_in(t.sessions()[0], TraineeInput(name="王芳"))  # already on the list
    assert training.Trainee.select().count() == 1 and training.Attendance.select().count() == 0


def test_people_to_invite_follow_the_unit_chosen(db_path):
    from models import db as dbmod

    county, town, village = "430121000000", "430121100000", "430121100201"
    dbmod.open_database(db_path)
    try:
        units.set_own_unit(county, "长沙县")
        units.upsert_unit(town, "路口镇", owner=town)
        units.upsert_unit(village, "石门村", owner=village)
        people.save_person(PersonInput(name="县干部"), county)
        people.save_person(PersonInput(name="镇干部"), town)
        wang = people.save_person(PersonInput(name="王芳"), village)

        def names(choice=""):
            return sorted(p.name for p in training.people_to_invite(county, "", choice, limit=100))

        assert names() == sorted(["县干部", "镇干部", "王芳"])  # the own unit and everything below
        assert names(county) == ["县干部"]
        assert names(town) == sorted(["镇干部", "王芳"])  # a township with its villages
        assert names(village) == ["王芳"]

        t = training.save_training(
            TrainingInput(name="培训", start_date=dt.date(2026, 4, 14), end_date=dt.date(2026, 4, 14)), county
        )
        training.add_trainee(t, TraineeInput(person=wang.uuid))
        training.add_trainee(t, TraineeInput(name="张三"))
        assert training.people_on_list(t) == {wang.uuid}
    finally:
        dbmod.close_database()
