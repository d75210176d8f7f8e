"""People helped (重点帮扶对象): the register, the paired helpers, acts of help, contacts with parents.

Children's and women's names, birth months and circumstances never leave the
unit; packages carry counts by category and age band (models/care_counts.py).
"""

from __future__ import annotations

from peewee import CharField, DateField, FloatField, ForeignKeyField, TextField

from models import fields
from models.base import Record
from models.people import Person


class CareTarget(Record):
    """A person the federation helps, by category, with her or his paired helper (爱心妈妈/执委妈妈)."""

    category = CharField(max_length=24)
    name = CharField(max_length=fields.max_length("care_target", "name"))
    sex = CharField(max_length=1, default="F")
    birth_month = CharField(max_length=7, default="")  # YYYY-MM
    person = ForeignKeyField(Person, column_name="person", field="uuid", null=True)
    group_name = CharField(max_length=fields.max_length("care_target", "group_name"), default="")
    guardian = CharField(max_length=fields.max_length("care_target", "guardian"), default="")
    parents = CharField(max_length=fields.max_length("care_target", "parents"), default="")  # where they work
    phone = CharField(max_length=fields.max_length("care_target", "phone"), default="")
    helper = CharField(max_length=fields.max_length("care_target", "helper"), default="")
    helper_person = ForeignKeyField(
        Person, column_name="helper_person", field="uuid", null=True, backref="care_targets_helped"
    )
    since = DateField(null=True)
    ended_on = DateField(null=True)
    notes = TextField(default="")
    person_id: str | None
    helper_person_id: str | None

    class Meta:
        table_name = "care_target"


class CareAct(Record):
    """One act of help: a visit, goods, money, help with school, or other."""

    target = ForeignKeyField(CareTarget, column_name="target", field="uuid")
    date = DateField()
    kind = CharField(max_length=16)
    what = TextField(default="")
    goods = CharField(max_length=fields.max_length("care_act", "goods"), default="")
    amount = FloatField(null=True)  # yuan
    helper = CharField(max_length=fields.max_length("care_act", "helper"), default="")
    target_id: str

    class Meta:
        table_name = "care_act"


class ParentContact(Record):
    """A contact with a left-behind child's parents (monthly)."""

    target = ForeignKeyField(CareTarget, column_name="target", field="uuid")
    date = DateField()
    way = CharField(max_length=16)
    parent = CharField(max_length=fields.max_length("parent_contact", "parent"), default="")
    summary = TextField(default="")
    target_id: str

    class Meta:
        table_name = "parent_contact"
