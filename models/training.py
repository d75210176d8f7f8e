"""Trainings (培训) at any level, their half-day sessions, attendees and attendance.

Attendance is kept per person and session; hours are credited for sessions
attended (present or late). The summaries here are the one place where
应到 / 实到 / 请假 / 缺席 / 出勤率 and hours are computed; forms and screens
only show them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace

from peewee import (
    SQL,
    BooleanField,
    Case,
    CharField,
    DateField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
    fn,
)

from models import codes, fields, units

from .base import FieldError, Record, ValidationError, database
from .db import lock_in_transaction
from .i18n import N_, _
from .listing import Listing, Scope
from .people import Person, normalize_name, normalize_phone, pinyin_keys
from .people import search as search_people

HALVES = {"am": N_("Morning"), "pm": N_("Afternoon")}  # 上午 / 下午
STATUSES = {"present": N_("Present"), "late": N_("Late"), "excused": N_("Excused"), "absent": N_("Absent")}
ATTENDED = ("present", "late")  # sessions that count as attended and earn their hours
DEFAULT_SESSION_HOURS = 3.0
MAX_DAYS = 31


class Training(Record):
    """A training organised by this unit: its name, organiser, dates and place."""

    name = CharField(max_length=fields.max_length("training", "name"))
    organiser = CharField(max_length=fields.max_length("training", "organiser"), default="")
    organiser_level = CharField(max_length=16, default=units.VILLAGE)
    co_organiser = CharField(max_length=fields.max_length("training", "co_organiser"), default="")
    start_date = DateField(index=True)
    end_date = DateField()
    place = CharField(max_length=fields.max_length("training", "place"), default="")
    target_group = CharField(max_length=fields.max_length("training", "target_group"), default="")
    lecturers = TextField(default="")  # lecturers and topics, one per line
    planned = IntegerField(default=0)  # planned headcount
    notes = TextField(default="")

    class Meta:
        table_name = "training"
        indexes = ((("unit", "deleted", "start_date"), False),)  # the list, in date order

    def sessions(self):
        return (
            TrainingSession.live()
            .where(TrainingSession.training == self)
            .order_by(TrainingSession.date, TrainingSession.half)
        )

    def trainees(self):
        return Trainee.live().where(Trainee.training == self).order_by(Trainee.unit_name, Trainee.name_pinyin)

    @property
    def hours(self) -> float:
        return sum(s.hours for s in self.sessions())


class TrainingSession(Record):
    """A half day of a training (上午 or 下午), with its hours (学时)."""

    training = ForeignKeyField(Training, column_name="training", field="uuid")
    date = DateField()
    half = CharField(max_length=2)  # "am" / "pm"
    hours = FloatField(default=DEFAULT_SESSION_HOURS)
    topic = CharField(max_length=fields.max_length("training_session", "topic"), default="")
    lecturer = CharField(max_length=fields.max_length("training_session", "lecturer"), default="")
    training_id: str

    class Meta:
        table_name = "training_session"

    def label(self) -> str:
        from .i18n import format_date

        return f"{format_date(self.date)} {_(HALVES[self.half])}"


class Trainee(Record):
    """Someone expected at a training: a person on record, or typed in and matched later."""

    training = ForeignKeyField(Training, column_name="training", field="uuid")
    person = ForeignKeyField(Person, column_name="person", field="uuid", null=True)
    name = CharField(max_length=fields.max_length("trainee", "name"))
    name_pinyin = CharField(max_length=200, default="")
    name_initials = CharField(max_length=50, default="")
    unit_name = CharField(max_length=fields.max_length("trainee", "unit_name"), default="")  # 村(社区)/单位
    post = CharField(max_length=fields.max_length("trainee", "post"), default="")
    phone = CharField(max_length=fields.max_length("trainee", "phone"), default="")
    walk_in = BooleanField(default=False)  # added on the day

    class Meta:
        table_name = "trainee"


class Attendance(Record):
    """One trainee at one session: present, late, excused (with reason) or absent."""

    session = ForeignKeyField(TrainingSession, column_name="session", field="uuid")
    trainee = ForeignKeyField(Trainee, column_name="trainee", field="uuid")
    status = CharField(max_length=10)
    reason = CharField(max_length=fields.max_length("attendance", "reason"), default="")

    class Meta:
        table_name = "attendance"


# --- the training itself ------------------------------------------------------------------------


@dataclass
class TrainingInput:
    """What a user typed for a training; sessions are (date, half, hours, topic, lecturer)."""

    name: str = ""
    organiser: str = ""
    organiser_level: str = units.VILLAGE
    co_organiser: str = ""
    start_date: _dt.date | None = None
    end_date: _dt.date | None = None
    place: str = ""
    target_group: str = ""
    lecturers: str = ""
    planned: int = 0
    notes: str = ""
    sessions: list[tuple[_dt.date, str, float, str, str]] = field(default_factory=list)


def default_sessions(start: _dt.date, end: _dt.date, hours: float = DEFAULT_SESSION_HOURS):
    """A morning and an afternoon for every day from start to end."""
    days = (end - start).days + 1
    return [(start + _dt.timedelta(days=i), half, hours, "", "") for i in range(days) for half in HALVES]


def check_training(data: TrainingInput) -> tuple[TrainingInput, list[FieldError]]:
    errors: list[FieldError] = []
    clean = TrainingInput(**{k: getattr(data, k) for k in TrainingInput.__dataclass_fields__})
    for name in ("name", "organiser", "co_organiser", "place", "target_group", "lecturers", "notes"):
        setattr(clean, name, (getattr(data, name) or "").strip())
    if not clean.name:
        errors.append(FieldError("name", _("The training needs a name.")))
    if data.organiser_level not in units.LEVELS:
        errors.append(FieldError("organiser_level", _("Choose the organiser's level.")))
    if data.start_date is None:
        errors.append(FieldError("start_date", _("The first day is required.")))
    if data.end_date is None:
        clean.end_date = data.start_date
    elif data.start_date and data.end_date < data.start_date:
        errors.append(FieldError("end_date", _("The last day is before the first day.")))
    elif data.start_date and (data.end_date - data.start_date).days >= MAX_DAYS:
        errors.append(FieldError("end_date", _("A training lasts at most {n} days.").format(n=MAX_DAYS)))
    if data.planned < 0:
        errors.append(FieldError("planned", _("A number of people cannot be negative.")))
    elif data.planned > fields.MAX_PEOPLE:
        errors.append(FieldError("planned", fields.too_many_people()))
    errors += fields.check_texts("training", clean)
    first, last = clean.start_date, clean.end_date
    session_texts = _session_text_errors(data.sessions)
    if not errors and first is not None and last is not None:
        clean.sessions = [
            (
                day,
                half,
                hours,
                fields.clean_text("training_session", "topic", topic),
                fields.clean_text("training_session", "lecturer", lecturer),
            )
            for day, half, hours, topic, lecturer in data.sessions
        ] or default_sessions(first, last)
        seen = set()
        for day, half, hours, _topic, _lecturer in clean.sessions:
            if half not in HALVES or not first <= day <= last:
                errors.append(
                    FieldError("sessions", _("A session on {date} is outside the training's days.").format(date=day))
                )
                break
            if (day, half) in seen:
                errors.append(FieldError("sessions", _("The session on {date} is listed twice.").format(date=day)))
                break
            seen.add((day, half))
            if not 0 < hours <= 8:
                errors.append(FieldError("sessions", _("A session lasts more than 0 and at most 8 hours.")))
                break
    return clean, errors + session_texts


def _session_text_errors(sessions) -> list[FieldError]:
    """A session's topic or lecturer the field rules refuse, with the session's day and half."""
    from .i18n import format_date

    errors = []
    for day, half, _hours, topic, lecturer in sessions:
        for column, value in (("topic", topic), ("lecturer", lecturer)):
            _clean, problem = fields.check_text("training_session", column, value)
            if problem:
                when = f"{format_date(day)} {_(HALVES[half]) if half in HALVES else half}"
                errors.append(FieldError("sessions", _("{part}: {problem}").format(part=when, problem=problem)))
    return errors


def save_training(data: TrainingInput, unit: str, training: Training | None = None) -> Training:
    """Create or update a training with its sessions, in one transaction.

    A session that is dropped goes to the recycle bin with its attendance
    marks; sessions kept (same day and half) keep theirs.
    """
    clean, errors = check_training(data)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        training = training or Training(unit=unit)
        for name in TrainingInput.__dataclass_fields__:
            if name != "sessions":
                setattr(training, name, getattr(clean, name))
        training.save()
        existing = {(s.date, s.half): s for s in training.sessions()}
        wanted = set()
        for day, half, hours, topic, lecturer in clean.sessions:
            wanted.add((day, half))
            session = existing.get((day, half)) or TrainingSession(unit=unit, training=training, date=day, half=half)
            session.hours, session.topic, session.lecturer = hours, topic, lecturer
            session.save()
        for key, session in existing.items():
            if key not in wanted:
                Attendance.update(deleted=True).where(Attendance.session == session).execute()
                session.move_to_recycle_bin()
    return training


# --- attendees -------------------------------------------------------------------------------------


@dataclass
class TraineeInput:
    """Someone to add to a training: a person on record, or a name typed in."""

    name: str = ""
    unit_name: str = ""
    post: str = ""
    phone: str = ""
    person: str | None = None  # uuid
    walk_in: bool = False


def add_trainee(training: Training, data: TraineeInput) -> Trainee:
    """Add one attendee; refuses a person already on the list (same record, or same name and unit)."""
    errors: list[FieldError] = []
    person = Person.get_or_none(Person.uuid == data.person) if data.person else None
    name = normalize_name(person.name if person else data.name)
    unit_name = (data.unit_name or "").strip()
    if person and not unit_name:
        unit_row = units.Unit.live().where(units.Unit.code == person.unit).first()
        unit_name = unit_row.name if unit_row else ""
    post = (data.post or (codes.POST.label(person.post) if person and person.post else "")).strip()
    phone, problem = normalize_phone(data.phone or (person.phone if person else ""))
    if not name:
        errors.append(FieldError("name", _("The name is required.")))
    if problem:
        errors.append(FieldError("phone", problem))
    texts = TraineeInput(name=name, unit_name=unit_name, post=post, phone=phone)
    errors += fields.check_texts("trainee", texts, ("name", "unit_name", "post") + (() if problem else ("phone",)))
    unit_name, post = texts.unit_name, texts.post
    duplicate = Trainee.live().where(Trainee.training == training)
    duplicate = duplicate.where(
        (Trainee.person == person.uuid) if person else ((Trainee.name == name) & (Trainee.unit_name == unit_name))
    )
    if name and duplicate.exists():
        errors.append(FieldError("name", _("{name} is already on the list.").format(name=name)))
    if errors:
        raise ValidationError(errors)
    full, initials = pinyin_keys(name)
    with database.atomic():
        return Trainee.create(
            unit=training.unit,
            training=training,
            person=person,
            name=name,
            name_pinyin=full,
            name_initials=initials,
            unit_name=unit_name,
            post=post,
            phone=phone,
            walk_in=data.walk_in,
        )


def people_to_invite(own: str, text: str = "", choice: str = "", limit: int = 50) -> list[Person]:
    """People one may invite, matching a name, pinyin or initials, by pinyin.

    Without a choice: the people of the own unit and of every unit below it
    (a county invites from its villages). With one: the people of
    ``Scope(own, choice)``, as every list shows that scope.
    """
    query = Person.live()
    if choice:
        query = query.where(Scope(own, choice).condition(Person.unit))
    else:
        query = query.where(Person.unit.startswith(units.subtree_prefix(own)))
    return list(search_people(query, text).order_by(Person.name_pinyin, Person.uuid).limit(limit))


def people_on_list(training: Training) -> set[str]:
    """The uuids of the people on record already on a training's list."""
    query = Trainee.live().where((Trainee.training == training) & Trainee.person.is_null(False))
    return {person_uuid for (person_uuid,) in query.select(Trainee.person).tuples()}


def remove_trainees(training: Training, uuids: list[str]) -> int:
    """Take attendees off a training's list into the recycle bin, with their attendance marks, in one
    transaction. Returns how many were removed."""
    with database.atomic():
        trainees = list(Trainee.live().where((Trainee.training == training) & Trainee.uuid.in_(list(uuids))))
        for trainee in trainees:
            for attendance in Attendance.live().where(Attendance.trainee == trainee.uuid):
                attendance.move_to_recycle_bin()
            trainee.move_to_recycle_bin()
    return len(trainees)


def match_typed_trainees(training: Training) -> int:
    """Link typed-in attendees to people on record when exactly one person has that name
    (and that phone, when both are known). Returns how many were linked."""
    linked = 0
    with database.atomic():
        for trainee in Trainee.live().where((Trainee.training == training) & Trainee.person.is_null()):
            query = Person.live().where(Person.name == trainee.name)
            if trainee.phone:
                with_phone = query.where(Person.phone == trainee.phone)
                query = with_phone if with_phone.exists() else query
            found = list(query.limit(2))
            if len(found) == 1:
                trainee.person = found[0]
                trainee.save()
                linked += 1
    return linked


def find_trainees(training: Training, text: str) -> list[Trainee]:
    """Attendees whose name, full pinyin or initials contain what was typed (the tick-off box)."""
    text = normalize_name(text).lower()
    query = Trainee.live().where(Trainee.training == training)
    if text:
        pattern = f"%{text}%"
        query = query.where((Trainee.name**pattern) | (Trainee.name_pinyin**pattern) | (Trainee.name_initials**pattern))
    return list(query.order_by(Trainee.name_pinyin))


# --- attendance --------------------------------------------------------------------------------------


def live_marks(session=TrainingSession, trainee=Trainee, training=Training):
    """Every attendance mark that counts at all: a live mark of a live attendee at a live session of a
    live training (the attendee's own training). Callers narrow it further and select what they count.

    ``session``, ``trainee`` and ``training`` are the models the caller's conditions refer to; a
    correlated subquery passes aliases so that its tables do not clash with the outer query's.
    """
    return (
        Attendance.select()
        .join_from(Attendance, session, on=(Attendance.session == session.uuid))
        .join_from(Attendance, trainee, on=(Attendance.trainee == trainee.uuid))
        .join_from(session, training, on=(session.training == training.uuid))
        .where(
            (Attendance.deleted == False)
            & (session.deleted == False)
            & (trainee.deleted == False)
            & (training.deleted == False)
            & (trainee.training == session.training)
        )
    )


def attended_marks(session=TrainingSession, trainee=Trainee, training=Training):
    """The one rule of what counts as attended (实到, hours, coverage, the overview): the live marks
    (``live_marks``) whose status is present or late. Every count of attendance is built on it."""
    return live_marks(session, trainee, training).where(Attendance.status.in_(ATTENDED))


def is_attended(attendance: Attendance | None) -> bool:
    """Whether one loaded mark counts as attended (a screen's tick), by the same statuses as attended_marks."""
    return attendance is not None and attendance.status in ATTENDED


def attended_count(trainings) -> int:
    """How many person × half-day sessions were attended at the trainings of a query of trainings."""
    return int(attended_marks().where(Training.uuid.in_(trainings.select(Training.uuid))).count())


def check_leave_reason(text: str | None) -> tuple[str, str | None]:
    """A reason for leave as it would be stored, and why it may not be (None when it may): it is required
    and follows the field rules (``models.fields``). The leave dialog asks it before closing."""
    reason, problem = fields.check_text("attendance", "reason", text)
    if not reason:
        problem = _("Give the reason for the leave.")
    return reason, problem


def lock_marks(training_uuid: str) -> None:
    """Hold the marks of a training until the current transaction ends.

    Every change of a mark takes it first, so what a transaction read of the marks after taking it stays
    true until it commits: on a server, another clerk's mark of the same training waits until then (two
    clerks marking one person at once make one mark, not two); a SQLite file has one writer anyway.
    """
    lock_in_transaction(f"attendance {training_uuid}")


def mark(session: TrainingSession, trainee: Trainee, status: str, reason: str = "") -> Attendance:
    """Record one attendee's attendance at one session (replacing an earlier mark)."""
    if status not in STATUSES:
        raise ValidationError([FieldError("status", _("Unknown attendance status {status}.").format(status=status))])
    reason, problem = check_leave_reason(reason) if status == "excused" else ("", None)
    if problem:
        raise ValidationError([FieldError("reason", problem)])
    with database.atomic():
        lock_marks(session.training_id)
        existing = Attendance.live().where((Attendance.session == session) & (Attendance.trainee == trainee)).first()
        attendance = existing or Attendance(unit=session.unit, session=session, trainee=trainee)
        attendance.status, attendance.reason = status, reason if status == "excused" else ""
        attendance.save()
    return attendance


def clear_mark(session: TrainingSession, trainee: Trainee) -> bool:
    """Take back one attendee's mark for a session (unmarked counts as absent); False when there was none."""
    with database.atomic():
        lock_marks(session.training_id)
        existing = Attendance.live().where((Attendance.session == session) & (Attendance.trainee == trainee)).first()
        if existing is None:
            return False
        existing.move_to_recycle_bin()
    return True


def undo_sign_in(
    session: TrainingSession, trainee: Trainee, previous: tuple[str, str] | None, walk_in: bool = False
) -> None:
    """Undo a sign-in at the desk, in one transaction: the mark goes back to ``previous`` (status,
    reason), or away when there was none; a walk-in added with it leaves the list."""
    with database.atomic():
        if previous is None:
            clear_mark(session, trainee)
        else:
            mark(session, trainee, *previous)
        if walk_in:
            remove_trainees(trainee.training, [trainee.uuid])


def sign_in_walk_in(
    session: TrainingSession, data: TraineeInput, status: str = "present"
) -> tuple[Trainee, Attendance]:
    """Add someone who was not on the list and mark her at the session, in one transaction.

    She came, so the mark is present or late (any other status means present)."""
    with database.atomic():
        trainee = add_trainee(session.training, replace(data, walk_in=True))
        return trainee, mark(session, trainee, status if status in ATTENDED else "present")


def session_marks(session: TrainingSession) -> dict[str, Attendance]:
    """Trainee uuid → mark, for one session (the sign-in desk)."""
    return {a.trainee_id: a for a in Attendance.live().where(Attendance.session == session)}


def marks(training: Training) -> dict[tuple[str, str], Attendance]:
    """(session uuid, trainee uuid) → attendance, for every mark of the training that counts (live_marks)."""
    return {(a.session_id, a.trainee_id): a for a in live_marks().where(Training.uuid == training.uuid)}


@dataclass
class SessionSummary:
    """The numbers of one session, as the attendance summary prints them."""

    session: TrainingSession
    expected: int  # 应到
    attended: int  # 实到 (present or late)
    late: int
    excused: int  # 请假
    absent: int  # 缺席: marked absent, or not marked at all

    @property
    def rate(self) -> float:
        return self.attended / self.expected if self.expected else 0.0


def parse_session_hours(text: str) -> float | None:
    """The hours of a session as typed (3, 2.5, 2,5 or 2，5), or None when they are not a number."""
    try:
        return float(text.strip().replace(",", ".").replace("，", "."))
    except ValueError:
        return None


@dataclass
class TrainingSummary:
    """A training's attendance: per session and over all sessions."""

    training: Training
    sessions: list[SessionSummary]
    expected: int  # attendees on the list
    attended_people: int  # attendees who came to at least one session

    @property
    def person_sessions(self) -> int:
        return sum(s.expected for s in self.sessions)

    @property
    def attended(self) -> int:
        """实到 over all sessions (person × sessions, late included)."""
        return sum(s.attended for s in self.sessions)

    @property
    def late(self) -> int:
        return sum(s.late for s in self.sessions)

    @property
    def excused(self) -> int:
        return sum(s.excused for s in self.sessions)

    @property
    def absent(self) -> int:
        return sum(s.absent for s in self.sessions)

    @property
    def rate(self) -> float:
        """出勤率: sessions attended over sessions expected."""
        total = self.person_sessions
        return self.attended / total if total else 0.0


def summary(training: Training) -> TrainingSummary:
    trainees = list(training.trainees())
    of_training = Training.uuid == training.uuid
    by_status: dict[tuple[str, str], int] = {}
    statuses = (
        live_marks()
        .where(of_training)
        .select(Attendance.session, Attendance.status, fn.COUNT(Attendance.uuid))
        .group_by(Attendance.session, Attendance.status)
    )
    for session_uuid, status, count in statuses.tuples():
        by_status[(session_uuid, status)] = int(count)
    attended = {
        session_uuid: int(count)
        for session_uuid, count in attended_marks()
        .where(of_training)
        .select(Attendance.session, fn.COUNT(Attendance.uuid))
        .group_by(Attendance.session)
        .tuples()
    }
    attended_people = int(
        attended_marks().where(of_training).select(fn.COUNT(Attendance.trainee.distinct())).scalar() or 0
    )
    rows = []
    for session in training.sessions():
        came = attended.get(session.uuid, 0)
        excused = by_status.get((session.uuid, "excused"), 0)
        rows.append(
            SessionSummary(
                session,
                len(trainees),
                came,
                by_status.get((session.uuid, "late"), 0),
                excused,
                len(trainees) - came - excused,
            )
        )
    return TrainingSummary(training, rows, len(trainees), attended_people)


def hours_by_trainee(training: Training) -> dict[str, float]:
    """Trainee uuid → hours credited (the hours of the sessions attended)."""
    hours = {t.uuid: 0.0 for t in training.trainees()}
    credited = (
        attended_marks()
        .where(Training.uuid == training.uuid)
        .select(Attendance.trainee, fn.SUM(TrainingSession.hours))
        .group_by(Attendance.trainee)
    )
    for trainee_uuid, total in credited.tuples():
        hours[trainee_uuid] = float(total or 0)
    return hours


def trainee_hours(trainee: Trainee) -> float:
    """The hours credited to one attendee (after a mark changed)."""
    total = attended_marks().where(Trainee.uuid == trainee.uuid).select(fn.SUM(TrainingSession.hours)).scalar()
    return float(total or 0)


@dataclass
class PersonYear:
    """A person's training record for a year: each training with its hours, and the total."""

    person: Person
    year: int
    trainings: list[tuple[Training, int, float]]  # (training, sessions attended, hours)

    @property
    def hours(self) -> float:
        return sum(h for _t, _n, h in self.trainings)


def _in_year(year: int):
    return (Training.start_date >= _dt.date(year, 1, 1)) & (Training.start_date <= _dt.date(year, 12, 31))


def person_year(person: Person, year: int) -> PersonYear:
    """Every training of the year the person was on the list of, with what she attended."""
    credited = {
        training_uuid: (int(count), float(hours or 0))
        for training_uuid, count, hours in attended_marks()
        .where((Trainee.person == person.uuid) & _in_year(year))
        .select(Training.uuid, fn.COUNT(Attendance.uuid), fn.SUM(TrainingSession.hours))
        .group_by(Training.uuid)
        .tuples()
    }
    listed = (
        Training.live()
        .join(Trainee, on=(Trainee.training == Training.uuid))
        .where((Trainee.person == person.uuid) & (Trainee.deleted == False) & _in_year(year))
        .distinct()
        .order_by(Training.start_date)
    )
    rows = [(training, *credited.get(training.uuid, (0, 0.0))) for training in listed]
    return PersonYear(person, year, rows)


def find_training(uuid: str) -> Training | None:
    """A live training by its uuid, read afresh (a page reloads its selection)."""
    return Training.live().where(Training.uuid == uuid).first()


def trainings_in_year(unit: str, year: int):
    start, end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    return (
        Training.live()
        .where((Training.unit == unit) & (Training.start_date >= start) & (Training.start_date <= end))
        .order_by(Training.start_date)
    )


@dataclass
class UnitCoverage:
    """How many of a unit's chairs and executive members attended a training in the year."""

    unit_code: str
    unit_name: str
    chairs: int
    chairs_trained: int
    executives: int  # every committee member
    executives_trained: int


def coverage_below(unit: str, year: int) -> list[UnitCoverage]:
    """Per village below ``unit`` (or the unit itself, for a village): who was trained this year."""
    trained = {
        person_uuid
        for (person_uuid,) in attended_marks()
        .where(_in_year(year) & Trainee.person.is_null(False))
        .select(Trainee.person)
        .distinct()
        .tuples()
    }
    if units.level_of(unit) == units.VILLAGE:
        row = units.Unit.live().where(units.Unit.code == unit).first()
        targets = [(unit, row.name if row else unit)]
    else:
        prefix = units.subtree_prefix(unit)
        targets = [
            (u.code, u.name)
            for u in units.Unit.live()
            .where(units.Unit.code.startswith(prefix) & (units.Unit.level == units.VILLAGE))
            .order_by(units.Unit.code)
        ]
    committees: dict[str, list[Person]] = {code: [] for code, _name in targets}
    if targets:
        if units.level_of(unit) == units.VILLAGE:
            where = Person.unit == unit
        else:
            where = Person.unit.startswith(units.subtree_prefix(unit))
        for person in Person.live().where(where & Person.post.in_(codes.COMMITTEE_POSTS)):
            if person.unit in committees:
                committees[person.unit].append(person)
    rows = []
    for code, name in targets:
        committee = committees[code]
        chairs = [p for p in committee if p.post == "chair"]
        rows.append(
            UnitCoverage(
                code,
                name,
                len(chairs),
                sum(p.uuid in trained for p in chairs),
                len(committee),
                sum(p.uuid in trained for p in committee),
            )
        )
    return rows


# --- the list of trainings ------------------------------------------------------------------------

# The aliases of the listing's computed columns (none may clash with a Training field or property).
TOTAL_HOURS, SESSION_COUNT, ATTENDEE_COUNT, ATTENDED_COUNT = (
    "total_hours",
    "session_count",
    "attendee_count",
    "attended_count",
)


@dataclass(frozen=True)
class TrainingFilters:
    """What the list of trainings is narrowed to: a year and words."""

    year: int | None = None
    text: str = ""

    def any(self) -> bool:
        return bool(self.year or self.text)


def _computed_columns() -> list:
    """Per-training totals as correlated subqueries, so the list sorts and pages on them in SQL."""
    session = TrainingSession.alias()
    trainee = Trainee.alias()
    hours = session.select(fn.COALESCE(fn.SUM(session.hours), 0)).where(
        (session.training == Training.uuid) & (session.deleted == False)
    )
    sessions = session.select(fn.COUNT(session.uuid)).where(
        (session.training == Training.uuid) & (session.deleted == False)
    )
    attendees = trainee.select(fn.COUNT(trainee.uuid)).where(
        (trainee.training == Training.uuid) & (trainee.deleted == False)
    )
    # The same rule as summary() (attended_marks), on aliases: the outer query is on Training too.
    marked_session, marked_trainee, marked_training = TrainingSession.alias(), Trainee.alias(), Training.alias()
    attended = (
        attended_marks(marked_session, marked_trainee, marked_training)
        .where(marked_training.uuid == Training.uuid)
        .select(fn.COUNT(Attendance.uuid))
    )
    return [
        hours.alias(TOTAL_HOURS),
        sessions.alias(SESSION_COUNT),
        attendees.alias(ATTENDEE_COUNT),
        attended.alias(ATTENDED_COUNT),
    ]


def listed_attendance_rate(training: Training) -> float | None:
    """出勤率 as summary() computes it, from a listed row's counts; None without attendees."""
    expected = (getattr(training, ATTENDEE_COUNT, 0) or 0) * (getattr(training, SESSION_COUNT, 0) or 0)
    return (getattr(training, ATTENDED_COUNT, 0) or 0) / expected if expected else None


def _level_rank():
    """Organiser levels from the village up (portable: no SQLite-only string functions)."""
    return Case(Training.organiser_level, [(level, rank) for rank, level in enumerate(units.LEVELS)], len(units.LEVELS))


class TrainingListing(Listing):
    """The trainings a table shows: a unit scope narrowed by year and words, with hours and attendance totals."""

    model = Training
    sort_keys = {
        "name": lambda: Training.name,
        "dates": lambda: Training.start_date,
        "organiser": lambda: Training.organiser,
        "level": _level_rank,
        "place": lambda: Training.place,
        "hours": lambda: SQL(TOTAL_HOURS),
        "attendees": lambda: SQL(ATTENDEE_COUNT),
        "rate": lambda: SQL(f"({ATTENDED_COUNT} * 1.0 / NULLIF({ATTENDEE_COUNT} * {SESSION_COUNT}, 0))"),
    }

    def __init__(self, scope: Scope, filters: TrainingFilters | None = None):
        super().__init__(scope)
        self.filters = filters or TrainingFilters()

    def filtered(self):
        query = self.everything()
        year, text = self.filters.year, (self.filters.text or "").strip()
        if year:
            query = query.where(
                (Training.start_date >= _dt.date(year, 1, 1)) & (Training.start_date <= _dt.date(year, 12, 31))
            )
        if text:
            pattern = f"%{text}%"
            query = query.where(
                (Training.name**pattern)
                | (Training.organiser**pattern)
                | (Training.place**pattern)
                | (Training.target_group**pattern)
                | (Training.lecturers**pattern)
            )
        return query

    def decorate(self, query):
        return query.select_extend(*_computed_columns())

    def tiebreak(self):
        return (Training.start_date.desc(), Training.name, Training.uuid)

    def years(self) -> list[int]:
        """Years in which the scope's trainings start, newest first (whatever the filters say)."""
        years = self.everything().select(Training.start_date.year.distinct()).order_by(Training.start_date.year.desc())
        return [int(year) for (year,) in years.tuples() if year is not None]
