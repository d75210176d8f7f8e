"""The federation's yearly plan and summary (年度工作计划 / 年度工作总结): headings with free text."""

from __future__ import annotations

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from models import fields
from models.base import Record


class YearDocument(Record):
    """A unit's plan or summary of one year; ``kind`` is plan or summary."""

    year = IntegerField()
    kind = CharField(max_length=16)
    title = CharField(max_length=fields.max_length("year_document", "title"), default="")
    written_on = DateField(null=True)

    class Meta:
        table_name = "year_document"
        indexes = ((("unit", "year"), False),)


class YearDocumentSection(Record):
    """One heading of a plan or summary with its text, in order."""

    document = ForeignKeyField(YearDocument, column_name="document", field="uuid", index=True)
    position = IntegerField(default=0)
    heading = CharField(max_length=fields.max_length("year_document_section", "heading"))
    body = TextField(default="")
    document_id: str

    class Meta:
        table_name = "year_document_section"
