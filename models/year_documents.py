"""The federation's yearly plan and summary (年度工作计划 / 年度工作总结): headings with free text.

A unit has at most one live plan and one live summary a year. The figures a
summary prints (``year_figures``) are counted from the records, never typed:
the screen and the forms call the same function.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField, fn

from models import fields, units
from models.base import FieldError, Record, ValidationError, database
from models.codes import CodeTable
from models.i18n import N_, _
from models.listing import year_problem


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


KIND = CodeTable(
    "year_document_kind",
    [("plan", N_("Work plan")), ("summary", N_("Work summary"))],  # 工作计划 / 工作总结
    aliases={"计划": "plan", "年度工作计划": "plan", "总结": "summary", "年度工作总结": "summary"},
)

# The headings a new document starts with, as the township's templates have them.
DEFAULT_HEADINGS = {
    "plan": (N_("Guiding thought"), N_("Work objectives"), N_("Main tasks"), N_("Safeguards")),
    "summary": (
        N_("Basic situation"),
        N_("Main work and results"),
        N_("Problems and shortcomings"),
        N_("Plans for next year"),
    ),
}
# The title a new document gets: 石门村妇联2026年工作计划.
DEFAULT_TITLES = {
    "plan": N_("{unit} Women's Federation work plan for {year}"),
    "summary": N_("{unit} Women's Federation work summary for {year}"),
}
MAX_SECTIONS = 30


@dataclass
class SectionInput:
    heading: str = ""
    body: str = ""


@dataclass
class YearDocumentInput:
    """What a user typed for a plan or a summary."""

    year: int = 0
    kind: str = "plan"
    title: str = ""
    written_on: _dt.date | None = None
    sections: list[SectionInput] = field(default_factory=list)


def default_title(unit_name: str, year: int, kind: str) -> str:
    return _(DEFAULT_TITLES[kind]).format(unit=unit_name, year=year)


def document_of(unit: str, year: int, kind: str) -> YearDocument | None:
    """The unit's live plan or summary of the year, if written."""
    query = YearDocument.live().where(
        (YearDocument.unit == unit) & (YearDocument.year == year) & (YearDocument.kind == kind)
    )
    return query.first()


def sections(document: YearDocument) -> list[YearDocumentSection]:
    query = YearDocumentSection.live().where(YearDocumentSection.document == document.uuid)
    return list(query.order_by(YearDocumentSection.position, YearDocumentSection.created_at))


def new_document_input(unit_name: str, year: int, kind: str, today: _dt.date | None = None) -> YearDocumentInput:
    """A plan or summary not yet written: its usual title and headings, the texts empty."""
    return YearDocumentInput(
        year=year,
        kind=kind,
        title=default_title(unit_name, year, kind),
        written_on=today or _dt.date.today(),
        sections=[SectionInput(_(heading)) for heading in DEFAULT_HEADINGS[kind]],
    )


def document_input(document: YearDocument) -> YearDocumentInput:
    return YearDocumentInput(
        document.year,
        document.kind,
        document.title,
        document.written_on,
        [SectionInput(s.heading, s.body) for s in sections(document)],
    )


def document_or_new(unit: str, unit_name: str, year: int, kind: str) -> YearDocumentInput:
    """The stored plan or summary as typed, or a new one with the usual headings."""
    document = document_of(unit, year, kind)
    return document_input(document) if document else new_document_input(unit_name, year, kind)


def check_document(data: YearDocumentInput) -> tuple[YearDocumentInput, list[FieldError]]:
    """The document as it would be stored and every problem, field by field (sections: ``sections.N.heading``)."""
    errors: list[FieldError] = []
    clean = YearDocumentInput(data.year, data.kind, (data.title or "").strip(), data.written_on, [])
    problem = year_problem(data.year) if data.year else _("Choose the year.")
    if problem:
        errors.append(FieldError("year", problem))
    if data.kind not in KIND.entries:
        errors.append(FieldError("kind", _("Choose a plan or a summary.")))
    errors += fields.check_texts("year_document", clean, ("title",))
    if not clean.title:
        errors.append(FieldError("title", _("The title is required.")))
    for number, section in enumerate(data.sections):
        typed = SectionInput(section.heading or "", section.body or "")
        heading_errors = fields.check_texts("year_document_section", typed, prefix=f"sections.{number}.")
        typed.heading = typed.heading.strip()
        typed.body = typed.body.strip("\n")
        if not typed.heading and not typed.body.strip():
            continue  # an empty row left at the end: dropped
        errors += heading_errors
        if not typed.heading:
            errors.append(FieldError(f"sections.{number}.heading", _("This text needs a heading.")))
        clean.sections.append(typed)
    if not clean.sections:
        errors.append(FieldError("sections", _("Write at least one heading.")))
    elif len(clean.sections) > MAX_SECTIONS:
        errors.append(FieldError("sections", _("At most {n} headings.").format(n=MAX_SECTIONS)))
    return clean, errors


def save_document(data: YearDocumentInput, unit: str) -> YearDocument:
    """Write the unit's plan or summary of the year (the one there is, or a new one) in one transaction."""
    clean, errors = check_document(data)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        document = document_of(unit, clean.year, clean.kind)
        if document is None:
            document = YearDocument(unit=unit, year=clean.year, kind=clean.kind)
        document.title = clean.title
        document.written_on = clean.written_on
        document.save()
        for old in sections(document):
            old.move_to_recycle_bin()
        for position, section in enumerate(clean.sections):
            YearDocumentSection.create(
                unit=unit, document=document, position=position, heading=section.heading, body=section.body
            )
    return document


def document_years(unit: str) -> list[int]:
    """Years with a live plan or summary of the unit, newest first."""
    query = YearDocument.live().where(YearDocument.unit == unit).select(YearDocument.year.distinct())
    return sorted((int(year) for (year,) in query.tuples()), reverse=True)


# --- the figures of a year -------------------------------------------------------------------------


@dataclass(frozen=True)
class YearFigures:
    """What a unit's records say about a year (the units below included, at a township or county)."""

    year: int
    activities: dict[str, tuple[int, int]]  # category code → (activities, participants), every category
    trainings: int
    trainees: int  # people on the trainings' lists
    attended: int  # person × half-day sessions attended
    contacts: int
    visits: int  # contacts that were home visits
    households: int  # households contacted at least once
    needs_found: int
    needs_answered: int  # of those found in the year, answered or closed
    needs_open: int
    meetings: int  # held (dated on or before today)

    @property
    def activity_count(self) -> int:
        return sum(n for n, _p in self.activities.values())

    @property
    def participants(self) -> int:
        return sum(p for _n, p in self.activities.values())


def year_figures(unit: str, year: int, today: _dt.date | None = None) -> YearFigures:
    """Count the year's activities, trainings, contacts, needs and meetings of the unit and the units below it."""
    from models.duties.records import NEED_ANSWERED, Contact, Need
    from models.homes import CATEGORY, Activity
    from models.meetings import Meeting, held_in
    from models.training import Trainee, Training, attended_count

    today = today or _dt.date.today()
    start, end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    prefix = units.subtree_prefix(unit)

    def ours(model):
        return model.unit.startswith(prefix) if prefix != unit else model.unit == unit

    activities = {code: (0, 0) for code in CATEGORY.codes()}
    rows = (
        Activity.live()
        .where(ours(Activity) & (Activity.date >= start) & (Activity.date <= end))
        .select(
            Activity.category,
            fn.COUNT(Activity.uuid),
            fn.SUM(Activity.women + Activity.children + Activity.others),
        )
        .group_by(Activity.category)
        .tuples()
    )
    for category, count, people in rows:
        activities[category] = (int(count), int(people or 0))

    trainings = Training.live().where(ours(Training) & (Training.start_date >= start) & (Training.start_date <= end))
    trainees = (
        Trainee.select()
        .join(Training, on=(Trainee.training == Training.uuid))
        .where((Trainee.deleted == False) & (Training.uuid.in_(trainings.select(Training.uuid))))
        .count()
    )

    contacts = Contact.live().where(ours(Contact) & (Contact.date >= start) & (Contact.date <= end))
    households = contacts.where(Contact.household.is_null(False)).select(fn.COUNT(Contact.household.distinct()))
    needs = Need.live().where(ours(Need) & (Need.found_on >= start) & (Need.found_on <= end))
    return YearFigures(
        year=year,
        activities=activities,
        trainings=int(trainings.count()),
        trainees=int(trainees),
        attended=attended_count(trainings),
        contacts=int(contacts.count()),
        visits=int(contacts.where(Contact.way == "visit").count()),
        households=int(households.scalar() or 0),
        needs_found=int(needs.count()),
        needs_answered=int(needs.where(Need.status == NEED_ANSWERED).count()),
        needs_open=int(needs.where(Need.status == "open").count()),
        meetings=held_in(ours(Meeting), year, today),
    )
