"""The free "两癌" screening round: the round, the eligible women, sign-up and examination dates.

No result of an examination is ever stored: there is no column for one.
"""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from models import fields
from models.base import Record
from models.people import Person


class ScreeningRound(Record):
    """A year's round: the quota the township gives, its dates and place."""

    year = IntegerField()
    name = CharField(max_length=fields.max_length("screening_round", "name"), default="")
    quota = IntegerField(default=0)
    starts_on = DateField(null=True)
    ends_on = DateField(null=True)
    place = CharField(max_length=fields.max_length("screening_round", "place"), default="")
    notes = TextField(default="")

    class Meta:
        table_name = "screening_round"


class ScreeningWoman(Record):
    """An eligible woman of a round: signed up when, examined when."""

    screening_round = ForeignKeyField(ScreeningRound, column_name="screening_round", field="uuid")
    person = ForeignKeyField(Person, column_name="person", field="uuid", null=True)
    name = CharField(max_length=fields.max_length("screening_woman", "name"))
    birth_month = CharField(max_length=7)  # YYYY-MM: eligibility is by age 35–64
    group_name = CharField(max_length=fields.max_length("screening_woman", "group_name"), default="")
    registered_here = BooleanField(default=True)  # household registration (户籍) in the unit
    low_income = BooleanField(default=False)  # 低保
    phone = CharField(max_length=fields.max_length("screening_woman", "phone"), default="")
    signed_up_on = DateField(null=True)
    examined_on = DateField(null=True)
    notes = CharField(max_length=fields.max_length("screening_woman", "notes"), default="")
    screening_round_id: str
    person_id: str | None

    class Meta:
        table_name = "screening_woman"
