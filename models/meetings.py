"""Committee meetings (执委会会议): who came, what was discussed and decided, what it led to."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, ForeignKeyField, TextField

from models import fields
from models.base import Record
from models.people import Person


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
