"""Awards and nominations (评选表彰): 最美家庭, 三八红旗手（集体） and the honours received."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from models import fields
from models.base import Record
from models.duties.records import Household
from models.meetings import Meeting
from models.people import Person


class Nomination(Record):
    """A family, person or collective put forward for an award; its photos are photo links it owns."""

    year = IntegerField()
    award = CharField(max_length=32)
    level = CharField(max_length=16)
    nominee_kind = CharField(max_length=16)  # family, person, collective
    nominee_name = CharField(max_length=fields.max_length("nomination", "nominee_name"))
    person = ForeignKeyField(Person, column_name="person", field="uuid", null=True, index=True)
    household = ForeignKeyField(Household, column_name="household", field="uuid", null=True)
    family_members = CharField(max_length=fields.max_length("nomination", "family_members"), default="")
    summary = TextField(default="")  # at most 300 characters on the 最美家庭推荐表
    story = TextField(default="")  # the main story: at most 1,200
    meeting = ForeignKeyField(Meeting, column_name="meeting", field="uuid", null=True)  # the meeting that agreed it
    notice_from = DateField(null=True)  # 公示
    notice_to = DateField(null=True)
    outcome = CharField(max_length=16, default="pending")
    outcome_note = CharField(max_length=fields.max_length("nomination", "outcome_note"), default="")
    person_id: str | None
    household_id: str | None
    meeting_id: str | None

    class Meta:
        table_name = "nomination"
        indexes = ((("unit", "year"), False),)


class Award(Record):
    """An honour received (表彰登记)."""

    year = IntegerField()
    level = CharField(max_length=16)
    title = CharField(max_length=fields.max_length("award", "title"))
    conferred_by = CharField(max_length=fields.max_length("award", "conferred_by"), default="")
    recipient_kind = CharField(max_length=16)  # person, family, collective
    recipient_name = CharField(max_length=fields.max_length("award", "recipient_name"))
    person = ForeignKeyField(Person, column_name="person", field="uuid", null=True, index=True)
    nomination = ForeignKeyField(Nomination, column_name="nomination", field="uuid", null=True)
    date = DateField(null=True)
    document_number = CharField(max_length=fields.max_length("award", "document_number"), default="")
    notes = TextField(default="")
    person_id: str | None
    nomination_id: str | None

    class Meta:
        table_name = "award"
        indexes = ((("unit", "year"), False),)
