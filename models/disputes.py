"""Family dispute screening (婚姻家庭纠纷排查化解): cases, their steps, the monthly report.

A case's parties and description never leave the unit; the monthly report's
figures travel as ``care_count`` rows (models/care_counts.py).
"""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, ForeignKeyField, TextField

from models import fields
from models.base import Record
from models.people import Person


class DisputeCase(Record):
    """A dispute found in screening, followed until settled, kept stable or handed on."""

    found_on = DateField()
    kind = CharField(max_length=16)
    risk = CharField(max_length=8, default="low")
    parties = CharField(max_length=fields.max_length("dispute_case", "parties"), default="")  # by role; names optional
    description = TextField(default="")
    responsible = CharField(max_length=fields.max_length("dispute_case", "responsible"), default="")  # 包保人
    responsible_person = ForeignKeyField(Person, column_name="responsible_person", field="uuid", null=True)
    status = CharField(max_length=16, default="screened")
    handed_to = CharField(max_length=fields.max_length("dispute_case", "handed_to"), default="")
    closed_on = DateField(null=True)
    responsible_person_id: str | None

    class Meta:
        table_name = "dispute_case"
        indexes = ((("unit", "found_on"), False),)


class DisputeStep(Record):
    """One thing done about a case: mediation, a visit, the hand-over, a follow-up visit."""

    dispute_case = ForeignKeyField(DisputeCase, column_name="dispute_case", field="uuid")
    date = DateField()
    kind = CharField(max_length=16)
    action = TextField(default="")
    dispute_case_id: str

    class Meta:
        table_name = "dispute_step"


class DisputeReport(Record):
    """The unit's monthly report for ``month`` ("2026-11"); ``none_this_month`` is the 零报告."""

    month = CharField(max_length=7)
    none_this_month = BooleanField(default=False)
    reported_on = DateField()
    reported_by = CharField(max_length=fields.max_length("dispute_report", "reported_by"), default="")
    notes = CharField(max_length=fields.max_length("dispute_report", "notes"), default="")

    class Meta:
        table_name = "dispute_report"
        indexes = ((("unit", "month"), False),)
