"""Committee meetings (执委会会议): who came, what was discussed and decided, what it led to."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from peewee import SQL, BooleanField, CharField, DateField, ForeignKeyField, TextField, fn

from models import fields
from models.base import FieldError, Record, ValidationError, database, in_slices
from models.codes import CodeTable
from models.i18n import N_, _, format_list_date, ngettext
from models.listing import FIRST_YEAR, Listing, Scope, year_problem
from models.people import Person, committee, normalize_name


class Meeting(Record):
    """One meeting of the committee, with its minutes."""

    date = DateField()
    kind = CharField(max_length=16, default="committee")
    place = CharField(max_length=fields.max_length("meeting", "place"), default="")
    chair = CharField(max_length=fields.max_length("meeting", "chair"), default="")
    minutes_taker = CharField(max_length=fields.max_length("meeting", "minutes_taker"), default="")
    topics = TextField(default="")
    minutes = TextField(default="")
    decisions = TextField(default="")

    class Meta:
        table_name = "meeting"
        indexes = ((("unit", "date"), False),)


class MeetingAttendee(Record):
    """A committee member expected at a meeting: present, or absent with a reason."""

    meeting = ForeignKeyField(Meeting, column_name="meeting", field="uuid", index=True)
    person = ForeignKeyField(Person, column_name="person", field="uuid", null=True)
    name = CharField(max_length=fields.max_length("meeting_attendee", "name"))
    present = BooleanField(default=True)
    absence_reason = CharField(max_length=fields.max_length("meeting_attendee", "absence_reason"), default="")
    meeting_id: str
    person_id: str | None

    class Meta:
        table_name = "meeting_attendee"


class MeetingLink(Record):
    """A record a meeting decided: ``kind`` is activity, project or nomination."""

    meeting = ForeignKeyField(Meeting, column_name="meeting", field="uuid", index=True)
    kind = CharField(max_length=16)
    record_uuid = CharField(max_length=36, index=True)
    meeting_id: str

    class Meta:
        table_name = "meeting_link"


# --- codes -----------------------------------------------------------------------------------------

KIND = CodeTable(
    "meeting_kind",
    [
        ("committee", N_("Committee meeting")),  # 执委会会议
        ("enlarged", N_("Enlarged committee meeting")),  # 执委扩大会议
        ("other", N_("Other meeting")),
    ],
    aliases={"执委会": "committee", "执委会议": "committee", "扩大会议": "enlarged", "其他": "other"},
)

LINK_KIND = CodeTable(
    "meeting_link_kind",
    [
        ("activity", N_("Women's Home activity")),
        ("project", N_("Project led by a member")),
        ("nomination", N_("Nomination")),
    ],
)

# A meeting may be entered ahead, with its agenda (会前通知), but not further than this: a date years
# ahead is a typing slip, and the year's figures count only meetings already held.
PLAN_AHEAD_DAYS = 366


# --- what people type --------------------------------------------------------------------------


@dataclass
class AttendeeInput:
    """A committee member expected at the meeting: present, or absent with the reason."""

    person: str | None  # the person's uuid; None for a name kept from an earlier committee
    name: str
    present: bool = True
    absence_reason: str = ""


@dataclass
class MeetingInput:
    """What a user typed for one meeting."""

    date: _dt.date | None = None
    kind: str = "committee"
    place: str = ""
    chair: str = ""
    minutes_taker: str = ""
    topics: str = ""
    minutes: str = ""
    decisions: str = ""
    attendees: list[AttendeeInput] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (LINK_KIND code, the record's uuid)

    TEXT_FIELDS = ("place", "chair", "minutes_taker", "topics", "minutes", "decisions")


def _linkable_model(kind: str) -> Any:
    """The table a link of this kind points into (imported here: awards and duties import this module)."""
    if kind == "activity":
        from models.homes import Activity

        return Activity
    if kind == "project":
        from models.duties.records import Project

        return Project
    from models.awards import Nomination

    return Nomination


def _live_uuids(kind: str, unit: str, uuids: list[str]) -> set[str]:
    model = _linkable_model(kind)
    found: set[str] = set()
    for chunk in in_slices(uuids):
        query = model.select(model.uuid).where(model.uuid.in_(chunk) & (model.unit == unit) & (model.deleted == False))
        found.update(uuid for (uuid,) in query.tuples())
    return found


def check_meeting(
    data: MeetingInput, unit: str, today: _dt.date | None = None, meeting: Meeting | None = None
) -> tuple[MeetingInput, list[FieldError]]:
    """The meeting as it would be stored, and every problem with what was typed, field by field.

    ``meeting`` is the stored meeting being edited: its attendees may since have left the unit's lists.
    """
    today = today or _dt.date.today()
    errors: list[FieldError] = []
    clean = MeetingInput(**{k: getattr(data, k) for k in MeetingInput.__dataclass_fields__})
    for name in MeetingInput.TEXT_FIELDS:
        setattr(clean, name, (getattr(data, name) or "").strip())
    if data.date is None:
        errors.append(FieldError("date", _("The date is required.")))
    elif data.date > today + _dt.timedelta(days=PLAN_AHEAD_DAYS):
        errors.append(FieldError("date", _("The meeting is more than a year ahead; check the date.")))
    elif data.date.year < FIRST_YEAR:
        errors.append(FieldError("date", year_problem(data.date.year) or ""))
    if data.kind not in KIND.entries:
        errors.append(FieldError("kind", _("Choose the kind of meeting.")))
    errors += fields.check_texts("meeting", clean, MeetingInput.TEXT_FIELDS)
    if not clean.topics:
        errors.append(FieldError("topics", _("Write what the meeting is about (its topics).")))
    clean.chair = normalize_name(clean.chair) if clean.chair else ""
    clean.minutes_taker = normalize_name(clean.minutes_taker) if clean.minutes_taker else ""
    errors += _attendee_errors(data, clean, unit, meeting)
    errors += _link_errors(data, clean, unit)
    return clean, errors


def _attendee_errors(data: MeetingInput, clean: MeetingInput, unit: str, meeting: Meeting | None) -> list[FieldError]:
    errors: list[FieldError] = []
    clean.attendees = []
    # Who the stored minutes name: a person deleted since is kept by her name (the minutes are a record of
    # who was there), not refused, as long as her row is the one stored.
    stored = {a.person_id: a.name for a in attendees(meeting) if a.person_id} if meeting is not None else {}
    people = {a.person for a in data.attendees if a.person}
    known = {
        uuid: name
        for chunk in in_slices(people)
        for uuid, name in Person.live()
        .where(Person.uuid.in_(chunk) & (Person.unit == unit))
        .select(Person.uuid, Person.name)
        .tuples()
    }
    seen: set[str] = set()
    for attendee in data.attendees:
        name = normalize_name(attendee.name)
        if attendee.person and attendee.person not in known and attendee.person in stored:
            attendee = AttendeeInput(None, stored[attendee.person], attendee.present, attendee.absence_reason)
            name = attendee.name
        if attendee.person and attendee.person not in known:
            errors.append(
                FieldError("attendees", _("{name} is not a member of this federation any more.").format(name=name))
            )
            continue
        if attendee.person:
            name = known[attendee.person]
        problem = fields.text_problem("meeting_attendee", "name", name)
        if not name or problem:
            errors.append(FieldError("attendees", problem or _("Every attendee needs a name.")))
            continue
        key = attendee.person or name
        if key in seen:
            errors.append(FieldError("attendees", _("{name} is listed twice.").format(name=name)))
            continue
        seen.add(key)
        reason, problem = fields.check_text("meeting_attendee", "absence_reason", attendee.absence_reason)
        if attendee.present:
            reason = ""
        elif problem:
            errors.append(FieldError("attendees", f"{name}: {problem}"))
        elif not reason:
            message = _("{name} is marked absent: give the reason for the absence.").format(name=name)
            errors.append(FieldError("attendees", message))
        clean.attendees.append(AttendeeInput(attendee.person, name, attendee.present, reason))
    if not data.attendees:
        errors.append(FieldError("attendees", _("List the committee members expected at the meeting.")))
    elif not any(a.present for a in data.attendees):
        errors.append(FieldError("attendees", _("No one is marked present.")))
    return errors


def _link_errors(data: MeetingInput, clean: MeetingInput, unit: str) -> list[FieldError]:
    errors: list[FieldError] = []
    clean.links = list(dict.fromkeys(data.links))
    by_kind: dict[str, list[str]] = {}
    for kind, uuid in clean.links:
        if kind not in LINK_KIND.entries:
            errors.append(FieldError("links", _("Unknown kind of record {code}.").format(code=kind)))
            continue
        by_kind.setdefault(kind, []).append(uuid)
    for kind, uuids in by_kind.items():
        missing = set(uuids) - _live_uuids(kind, unit, uuids)
        if missing:
            errors.append(
                FieldError(
                    "links",
                    ngettext(
                        "{n} linked {kind} record is deleted or not of this federation; remove the link.",
                        "{n} linked {kind} records are deleted or not of this federation; remove the links.",
                        len(missing),
                    ).format(n=len(missing), kind=LINK_KIND.label(kind)),
                )
            )
    return errors


# --- operations ------------------------------------------------------------------------------------


def save_meeting(
    data: MeetingInput, unit: str, meeting: Meeting | None = None, today: _dt.date | None = None
) -> Meeting:
    """Check and save a meeting with its attendees and links in one transaction (ValidationError: nothing written)."""
    if meeting is not None and meeting.unit != unit:
        raise ValidationError([FieldError("date", _("Records reported by units below can only be viewed."))])
    clean, errors = check_meeting(data, unit, today, meeting)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        meeting = meeting or Meeting(unit=unit)
        for name in ("date", "kind", *MeetingInput.TEXT_FIELDS):
            setattr(meeting, name, getattr(clean, name))
        meeting.save()
        for old in attendees(meeting):
            old.move_to_recycle_bin()
        for attendee in clean.attendees:
            MeetingAttendee.create(
                unit=unit,
                meeting=meeting,
                person=attendee.person,
                name=attendee.name,
                present=attendee.present,
                absence_reason=attendee.absence_reason,
            )
        for old_link in links(meeting):
            old_link.move_to_recycle_bin()
        for kind, uuid in clean.links:
            MeetingLink.create(unit=unit, meeting=meeting, kind=kind, record_uuid=uuid)
    return meeting


def attendees(meeting: Meeting) -> list[MeetingAttendee]:
    """The meeting's live attendees in the order they were listed."""
    query = MeetingAttendee.live().where(MeetingAttendee.meeting == meeting.uuid)
    return list(query.order_by(MeetingAttendee.created_at, MeetingAttendee.uuid))


def links(meeting: Meeting) -> list[MeetingLink]:
    query = MeetingLink.live().where(MeetingLink.meeting == meeting.uuid)
    return list(query.order_by(MeetingLink.created_at, MeetingLink.uuid))


def new_meeting_input(unit: str, today: _dt.date | None = None) -> MeetingInput:
    """A new committee meeting: today, chaired by the chair, the whole committee expected and present."""
    members = committee(unit)
    chair = next((p for p in members if p.post == "chair"), None)
    return MeetingInput(
        date=today or _dt.date.today(),
        chair=chair.name if chair else "",
        attendees=[AttendeeInput(p.uuid, p.name) for p in members],
    )


def meeting_input(meeting: Meeting) -> MeetingInput:
    data = MeetingInput(**{name: getattr(meeting, name) for name in ("date", "kind", *MeetingInput.TEXT_FIELDS)})
    data.attendees = [AttendeeInput(a.person_id, a.name, a.present, a.absence_reason) for a in attendees(meeting)]
    data.links = [(link.kind, link.record_uuid) for link in links(meeting)]
    return data


def expected_attendees(unit: str, data: MeetingInput, meeting: Meeting | None = None) -> list[AttendeeInput]:
    """The checklist a dialog shows: those already listed; for a new meeting, then the committee members not yet
    on it. A stored meeting keeps its own list: today's committee was not expected at a meeting held before."""
    listed = list(data.attendees)
    if meeting is not None:
        return listed
    on_list = {a.person for a in listed if a.person}
    listed += [AttendeeInput(p.uuid, p.name, True) for p in committee(unit) if p.uuid not in on_list]
    return listed


def live_meeting(uuid: str) -> Meeting | None:
    return Meeting.live().where(Meeting.uuid == uuid).first()


@dataclass(frozen=True)
class Linkable:
    """A record a meeting may link to, as a list offers it."""

    kind: str
    uuid: str
    text: str  # 2026-03-08 三八节文艺汇演


def _describe(kind: str, record: Any) -> str:
    if kind == "activity":
        return f"{format_list_date(record.date)} {record.shown_title}"
    if kind == "project":
        return record.name
    return f"{record.year} {record.nominee_name}"


def linkable(unit: str, kind: str, around: _dt.date | None = None, limit: int = 200) -> list[Linkable]:
    """The unit's live records of a kind a meeting may link to, those nearest ``around`` first in time."""
    model = _linkable_model(kind)
    query = model.live().where(model.unit == unit)
    if kind == "activity":
        query = query.order_by(model.date.desc())
    elif kind == "project":
        query = query.order_by(model.created_at.desc())
    else:
        query = query.order_by(model.year.desc(), model.nominee_name)
    if around is not None and kind == "activity":
        query = query.where(model.date >= around - _dt.timedelta(days=PLAN_AHEAD_DAYS))
    return [Linkable(kind, record.uuid, _describe(kind, record)) for record in query.limit(limit)]


def describe_links(pairs: list[tuple[str, str]]) -> list[Linkable]:
    """What each (kind, uuid) link is, in words; a record since deleted says so."""
    out = []
    for kind, uuid in pairs:
        if kind not in LINK_KIND.entries:
            continue
        model = _linkable_model(kind)
        record = model.get_or_none(model.uuid == uuid)
        if record is None or record.deleted:
            text = _("(deleted record)")
        else:
            text = _describe(kind, record)
        out.append(Linkable(kind, uuid, text))
    return out


# --- lists -----------------------------------------------------------------------------------------


def meetings(unit: str, year: int | None = None):
    """The unit's live meetings, oldest first (minutes are bound in date order)."""
    query = Meeting.live().where(Meeting.unit == unit)
    if year:
        query = query.where((Meeting.date >= _dt.date(year, 1, 1)) & (Meeting.date <= _dt.date(year, 12, 31)))
    return query.order_by(Meeting.date, Meeting.created_at)


def meeting_years(scope: Scope) -> list[int]:
    """Years with meetings in the scope, newest first."""
    query = Meeting.live().where(scope.condition(Meeting.unit))
    years = query.select(Meeting.date.year.distinct()).order_by(Meeting.date.year.desc()).tuples()
    return [int(year) for (year,) in years if year is not None]


PRESENT_COUNT, ATTENDEE_COUNT = "present_count", "attendee_count"


@dataclass(frozen=True)
class MeetingFilters:
    year: int | None = None
    text: str = ""


class MeetingListing(Listing):
    """The meetings as the page lists them: newest first, with how many were expected and came."""

    model = Meeting
    sort_keys = {
        "date": lambda: Meeting.date,
        "kind": lambda: Meeting.kind,
        "place": lambda: Meeting.place,
        "chair": lambda: Meeting.chair,
        "topics": lambda: Meeting.topics,
        "present": lambda: SQL(PRESENT_COUNT),
    }

    def __init__(self, scope: Scope, filters: MeetingFilters | None = None):
        super().__init__(scope)
        self.filters = filters or MeetingFilters()

    def filtered(self):
        query = self.everything()
        if self.filters.year:
            year = self.filters.year
            query = query.where((Meeting.date >= _dt.date(year, 1, 1)) & (Meeting.date <= _dt.date(year, 12, 31)))
        text = (self.filters.text or "").strip()
        if text:
            pattern = f"%{text}%"
            query = query.where(
                (Meeting.topics**pattern)
                | (Meeting.decisions**pattern)
                | (Meeting.minutes**pattern)
                | (Meeting.place**pattern)
            )
        return query

    def decorate(self, query):
        a = MeetingAttendee
        live = (a.meeting == Meeting.uuid) & (a.deleted == False)
        present = a.select(fn.COUNT(a.uuid)).where(live & (a.present == True)).alias(PRESENT_COUNT)
        expected = a.select(fn.COUNT(a.uuid)).where(live).alias(ATTENDEE_COUNT)
        return query.select_extend(present, expected)

    def tiebreak(self):
        return (Meeting.date.desc(), Meeting.created_at.desc(), Meeting.uuid)


def held_in(unit_condition: Any, year: int, today: _dt.date) -> int:
    """How many meetings of the units the condition selects were held in the year (not those still ahead)."""
    end = min(_dt.date(year, 12, 31), today)
    query = Meeting.live().where(unit_condition & (Meeting.date >= _dt.date(year, 1, 1)) & (Meeting.date <= end))
    return int(query.count())
