"""执委履职记录: one committee member's year — her households, her contacts month by month against the
goal of two a month, the contacts themselves, the needs she found and how they were answered, her projects.

``FormOptions.record_id`` names the member (a person's uuid); without it every
committee member's record is printed, each starting a page.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from models import codes
from models.duties.contacts import MONTHLY_GOAL, ContactFilters, contacts, counts_by_member_and_month
from models.duties.households import households_of
from models.duties.members import live_member, members
from models.duties.needs import activity_titles, became_text, needs, project_names
from models.duties.records import (
    HANDLING,
    NEED_ANSWERED,
    NEED_CATEGORY,
    NEED_STATUS,
    PROJECT_STATUS,
    WAY,
    Contact,
    Project,
)
from models.i18n import N_, _, format_list_date
from models.people import Person

from .layout import CENTER, LEFT, Column, FormDocument, FormError, FormResult, section_title
from .ledger import unit_of

if TYPE_CHECKING:
    from models.units import Unit

    from .registry import FormOptions

TITLE = N_("Record of a committee member's duties")


def _columns(spec) -> list[Column]:
    return [Column(_(header), mm, weight, align) for header, mm, weight, align in spec]


HOUSEHOLD_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Head of household"), 20, 1, CENTER),
    (N_("Number of women"), 15, 1, CENTER),
    (N_("Villagers' group or grid"), 24, 1, CENTER),
    (N_("Address"), None, 3, LEFT),
    (N_("Phone"), 28, 1, CENTER),
)
CONTACT_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Date"), 20, 1, CENTER),
    (N_("Way"), 16, 1, CENTER),
    (N_("Contacted"), 22, 1, CENTER),
    (N_("What was asked"), None, 3, LEFT),
    (N_("Handling"), 28, 1, CENTER),
    (N_("Result"), None, 2.5, LEFT),
)
NEED_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Found on"), 20, 1, CENTER),
    (N_("Category"), 22, 1, CENTER),
    (N_("Need"), None, 3, LEFT),
    (N_("Status"), 14, 1, CENTER),
    (N_("How it was answered"), None, 3, LEFT),
)
PROJECT_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Project name"), None, 2, LEFT),
    (N_("Status"), 16, 1, CENTER),
    (N_("Progress"), None, 3, LEFT),
    (N_("Result"), None, 3, LEFT),
)


def _member(options: FormOptions, unit: Unit) -> Person | None:
    uuid = (options.record_id or "").strip()
    person = live_member(uuid, unit.code)
    if person is None:
        # A member who left the committee keeps her record of the years she served.
        person = Person.live().where((Person.uuid == uuid) & (Person.unit == unit.code)).first()
    return person


def year_of(unit_code: str, options: FormOptions, today: _dt.date) -> int:
    if options.year:
        return options.year
    latest = Contact.live().where(Contact.unit == unit_code).order_by(Contact.date.desc()).first()
    return latest.date.year if latest else today.year


def _member_part(
    doc: FormDocument, unit: Unit, person: Person, year: int, today: _dt.date, running_head: bool = True
) -> None:
    title = _("{title} ({year})").format(title=_(TITLE), year=year)
    post = codes.POST.label(person.post) if person.post else ""
    doc.heading(title, unit.name, today, subtitle=_("{name} ({post})").format(name=person.name, post=post))
    # Continuation pages name the member too. With every member's record in one file the head is left
    # off: there is one head for the whole file, and each record's first page has its own title.
    doc.continued_unit = f"{unit.name}\u3000{person.name}"
    if not running_head:
        doc.continued_title = None

    homes = households_of(person.uuid, unit.code)
    doc.paragraph(
        section_title(
            1, _("Linked households: {n}, {women} women").format(n=len(homes), women=sum(h.women for h in homes))
        ),
        "heading",
    )
    doc.table(
        _columns(HOUSEHOLD_COLUMNS),
        [[i, h.head_name, h.women, h.group_name, h.address, h.phone] for i, h in enumerate(homes, start=1)],
        empty_text=_("No households are linked to this member."),
    )

    counts = counts_by_member_and_month(unit.code, year)
    monthly = [counts.get((person.uuid, month), 0) for month in range(1, 13)]
    # Months that have begun; the month under way is not judged against the goal until it is met.
    begun = 12 if year < today.year else (today.month if year == today.year else 0)
    ended = begun - 1 if year == today.year else begun
    met = [count >= MONTHLY_GOAL for count in monthly]
    doc.spacer(3)
    doc.need_room(30)
    doc.paragraph(
        section_title(
            2,
            _(
                "Contacts month by month: {n} in the year; the goal of {goal} a month met in {met} of {months} months"
            ).format(n=sum(monthly), goal=MONTHLY_GOAL, met=sum(met[:ended]), months=ended),
        ),
        "heading",
    )
    month_columns = [Column(_("Month"), 22, 1, CENTER)]
    month_columns += [Column(_("Month {month}").format(month=m), None, 1, CENTER) for m in range(1, 13)]
    month_columns.append(Column(_("Total"), 14, 1, CENTER))
    counted: list[object] = [_("Number of contacts")]
    counted += [monthly[m - 1] if m <= begun else "" for m in range(1, 13)]
    judged: list[object] = [_("Goal met")]
    for m in range(1, 13):
        if m <= ended or (m == begun and met[m - 1]):
            judged.append(_("Yes") if met[m - 1] else _("No"))
        else:
            judged.append("")
    doc.table(month_columns, [counted + [sum(monthly)], judged + [sum(met[:begun])]])

    visits = list(contacts(unit.code, ContactFilters(member=person.uuid, year=year)))
    doc.spacer(3)
    doc.need_room(40)
    doc.paragraph(section_title(3, _("Contacts")), "heading")
    doc.table(
        _columns(CONTACT_COLUMNS),
        [
            [
                i,
                format_list_date(c.date),
                WAY.label(c.way),
                c.whom,
                c.asked,
                HANDLING.label(c.handling) + (f"：{c.passed_to}" if c.passed_to else ""),
                c.result,
            ]
            for i, c in enumerate(visits, start=1)
        ],
        empty_text=_("No contacts were recorded in {year}.").format(year=year),
    )

    found = [n for n in needs(unit.code, year) if n.member_id == person.uuid]
    answered = sum(1 for n in found if n.status == NEED_ANSWERED)
    doc.spacer(3)
    doc.need_room(40)
    doc.paragraph(
        section_title(4, _("Needs found: {n}, answered: {answered}").format(n=len(found), answered=answered)),
        "heading",
    )
    projects = project_names(unit.code)
    activities = activity_titles(n.activity_id for n in found)
    doc.table(
        _columns(NEED_COLUMNS),
        [
            [
                i,
                format_list_date(n.found_on),
                NEED_CATEGORY.label(n.category),
                n.description,
                NEED_STATUS.label(n.status),
                "；".join(t for t in (n.answer, became_text(n, projects, activities)) if t),
            ]
            for i, n in enumerate(found, start=1)
        ],
        empty_text=_("No needs were recorded in {year}.").format(year=year),
    )

    led = list(
        Project.live()
        .where((Project.unit == unit.code) & (Project.member == person.uuid))
        .order_by(Project.start_date, Project.created_at)
    )
    doc.spacer(3)
    doc.need_room(30)
    doc.paragraph(section_title(5, _("Projects she leads")), "heading")
    doc.table(
        _columns(PROJECT_COLUMNS),
        [[i, p.name, PROJECT_STATUS.label(p.status), p.progress, p.result] for i, p in enumerate(led, start=1)],
        empty_text=_("She leads no project."),
    )
    doc.signatures([_("Member"), _("Checked by")], seal=False)


def build(out_path: Path, options: FormOptions) -> FormResult:
    from reportlab.platypus import PageBreak

    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    year = year_of(unit.code, options, today)
    if options.record_id:
        person = _member(options, unit)
        if person is None:
            raise FormError(
                _("There is no committee member {id} of {unit} in this database.").format(
                    id=options.record_id.strip(), unit=unit.name
                )
            )
        people = [person]
    else:
        people = members(unit.code)
        if not people:
            raise FormError(_("No committee members have been entered yet."))
    doc = FormDocument(_(TITLE), author=unit.name)
    for index, person in enumerate(people):
        if index:
            doc.add(PageBreak())
            doc.restart_page_numbers()  # each member's record is handed to her and kept apart
        _member_part(doc, unit, person, year, today, running_head=len(people) == 1)
    return doc.save(out_path, options.report_missing)
