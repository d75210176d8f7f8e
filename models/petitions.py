"""Letters and visits (来信来访登记). The visitor and the matter never leave the unit."""

from __future__ import annotations

from peewee import CharField, DateField, TextField

from models import fields
from models.base import Record


class Petition(Record):
    """One letter, visit or call, what it was about, to whom it was passed and the result."""

    date = DateField()
    way = CharField(max_length=16)
    visitor = CharField(max_length=fields.max_length("petition", "visitor"), default="")
    matter = TextField(default="")
    category = CharField(max_length=16)
    passed_to = CharField(max_length=fields.max_length("petition", "passed_to"), default="")
    result = TextField(default="")
    status = CharField(max_length=16, default="open")

    class Meta:
        table_name = "petition"
        indexes = ((("unit", "date"), False),)
