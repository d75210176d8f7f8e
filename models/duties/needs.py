"""Needs of women found in contacts (妇女群众需求清单) and the projects members lead (执委领办项目).

A need is open until it is answered (a date and what was done) or closed; it
may come from contacts and may become a project of the unit or an activity
of the Women's Home.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN, Case, fn

from models import fields
from models.base import FieldError, ValidationError, database, in_slices
from models.homes import Activity
from models.i18n import _, format_list_date
from models.listing import Listing, Scope, year_problem
from models.people import Person

from .contacts import date_problem, month_range
from .linked import kept_link, shown_name
from .members import member_may_keep, names_by_uuid, refuse_records_below
from .records import NEED_CATEGORY, NEED_STATUS, PROJECT_STATUS, WAY, Contact, Need, NeedContact, Project

MAX_WOMEN_IN_NEED = 100_000
# A need's words may name a woman and her trouble ("张三梅遭丈夫家暴"): when it was found only in
# contacts that stay home, the package carries it as a category and a count, without them.
PRIVATE_COLUMNS = ("description", "answer")


@dataclass
class NeedInput:
    """What a user typed for one need."""

    found_on: _dt.date | None = None
    category: str = ""
    description: str = ""
    women: int = 0
    member: str | None = None  # the committee member who found it
    status: str = "open"
    answered_on: _dt.date | None = None
    answer: str = ""
    project: str | None = None
    activity: str | None = None
    contacts: list[str] = field(default_factory=list)  # the contacts it came from


def check_need(
    data: NeedInput, unit: str, today: _dt.date | None = None, stored: Need | None = None
) -> tuple[NeedInput, list[FieldError]]:
    """The need's problems; ``stored`` is the need being changed (its member may have left since)."""
    today = today or _dt.date.today()
    clean = NeedInput(**{k: getattr(data, k) for k in NeedInput.__dataclass_fields__})
    errors: list[FieldError] = []
    problem = date_problem(data.found_on, today)
    if problem:
        errors.append(FieldError("found_on", problem))
    if data.category not in NEED_CATEGORY.entries:
        errors.append(FieldError("category", _("Choose a category.")))
    errors += fields.check_texts("need", clean, ("description", "answer"))
    if not clean.description:
        errors.append(FieldError("description", _("Say what the need is.")))
    if not isinstance(data.women, int) or data.women < 0:
        errors.append(FieldError("women", _("A number of people cannot be negative.")))
    elif data.women > MAX_WOMEN_IN_NEED:
        errors.append(FieldError("women", fields.too_many_people()))
    if data.member and member_may_keep(data.member, unit, stored.member_id if stored else None) is None:
        errors.append(FieldError("member", _("Choose a member of the executive committee.")))
    clean.member = data.member or None
    if data.status not in NEED_STATUS.entries:
        errors.append(FieldError("status", _("Choose a status.")))
    if data.status == "answered":
        if data.answered_on is None:
            errors.append(FieldError("answered_on", _("An answered need needs the date it was answered.")))
        if not clean.answer:
            errors.append(FieldError("answer", _("Say how the need was answered.")))
    if data.answered_on is not None:
        problem = date_problem(data.answered_on, today)
        if problem:
            errors.append(FieldError("answered_on", problem))
        elif data.found_on is not None and data.answered_on < data.found_on:
            errors.append(FieldError("answered_on", _("The need was answered before it was found.")))
    clean.project = data.project or None
    if not _linkable(Project, clean.project, stored.project_id if stored else None, unit):
        errors.append(FieldError("project", _("Choose a project of this unit.")))
    clean.activity = data.activity or None
    if not _linkable(Activity, clean.activity, stored.activity_id if stored else None, unit):
        errors.append(FieldError("activity", _("Choose an activity of this unit's Women's Home.")))
    clean.contacts = list(dict.fromkeys(c for c in data.contacts if c))
    if clean.contacts:
        found = {
            uuid
            for (uuid,) in Contact.live()
            .select(Contact.uuid)
            .where(Contact.uuid.in_(clean.contacts) & (Contact.unit == unit))
            .tuples()
        }
        if len(found) != len(clean.contacts):
            errors.append(FieldError("contacts", _("A contact chosen is no longer on the list.")))
    return clean, errors


def _linkable(model, chosen: str | None, stored: str | None, unit: str) -> bool:
    if not chosen:
        return True
    found = model.select(model.deleted).where((model.uuid == chosen) & (model.unit == unit)).first()
    return kept_link(chosen, stored, found is not None and not found.deleted, found is not None)


def save_need(data: NeedInput, unit: str, need: Need | None = None, today: _dt.date | None = None) -> Need:
    """Check and save a need with the contacts it came from, in one transaction."""
    refuse_records_below(need, unit, "found_on")
    clean, errors = check_need(data, unit, today, need)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        need = need or Need(unit=unit)
        for name in NeedInput.__dataclass_fields__:
            if name != "contacts":
                setattr(need, name, getattr(clean, name))
        need.save()
        kept = {link.contact_id: link for link in need_contacts(need)}
        for contact, link in kept.items():
            if contact not in clean.contacts:
                link.move_to_recycle_bin()
        for contact in clean.contacts:
            if contact not in kept:
                NeedContact.create(unit=unit, need=need, contact=contact)
    return need


def need_contacts(need: Need) -> list[NeedContact]:
    return list(NeedContact.live().where(NeedContact.need == need.uuid).order_by(NeedContact.created_at))


def need_input(need: Need) -> NeedInput:
    data = NeedInput(
        **{
            n: getattr(need, n)
            for n in NeedInput.__dataclass_fields__
            if n not in ("member", "project", "activity", "contacts")
        }
    )
    data.member, data.project, data.activity = need.member_id, need.project_id, need.activity_id
    data.contacts = [link.contact_id for link in need_contacts(need)]
    return data


def live_need(uuid: str | None) -> Need | None:
    if not uuid:
        return None
    return Need.live().where(Need.uuid == uuid).first()


def needs(unit: str, year: int | None = None):
    """The unit's live needs (of a year by the day found), in the order found."""
    query = Need.live().where(Need.unit == unit)
    if year:
        start, end = month_range(year, None)
        query = query.where((Need.found_on >= start) & (Need.found_on < end))
    return query.order_by(Need.found_on, Need.created_at)


def became_text(need: Need, project_names: dict[str, str], activity_titles: dict[str, str]) -> str:
    """What a need became, in words: 项目：… or 活动：…, or ""."""
    parts = []
    if need.project_id and need.project_id in project_names:
        parts.append(_("Project: {name}").format(name=project_names[need.project_id]))
    if need.activity_id and need.activity_id in activity_titles:
        parts.append(_("Activity: {name}").format(name=activity_titles[need.activity_id]))
    return "；".join(parts)


def project_names(unit: str) -> dict[str, str]:
    """Every project's name by uuid, a project in the recycle bin marked as deleted."""
    rows: Any = Project.select(Project.uuid, Project.name, Project.deleted).where(Project.unit == unit).tuples()
    return {uuid: shown_name(name, bool(deleted)) for uuid, name, deleted in rows}


def projects_of(member: str, unit: str, year: int) -> list[Project]:
    """The projects a member led in a year: begun by its end (or undated) and not ended before it."""
    start, end = month_range(year, None)
    return list(
        Project.live()
        .where(
            (Project.unit == unit)
            & (Project.member == member)
            & (Project.start_date.is_null() | (Project.start_date < end))
            & (Project.end_date.is_null() | (Project.end_date >= start))
        )
        .order_by(Project.start_date, Project.created_at)
    )


def activity_titles(uuids) -> dict[str, str]:
    """Each activity's title as shown (a sensitive one received from below by its category)."""
    titles: dict[str, str] = {}
    for chunk in in_slices(u for u in set(uuids) if u):
        for activity in Activity.select().where(Activity.uuid.in_(chunk)):
            titles[activity.uuid] = activity.shown_title
    return titles


@dataclass(frozen=True)
class NeedFilters:
    year: int | None = None
    status: str | None = None


MEMBER_NAME = "member_name"


def _open_first():
    return Case(None, [(Need.status == "open", 0)], 1)


class NeedListing(Listing):
    """Needs as the 需求清单 tab shows them: open ones first, then by the day found, newest first."""

    model = Need
    sort_keys = {
        "open_first": lambda: _open_first(),
        "found_on": lambda: Need.found_on,
        "category": lambda: Need.category,
        "description": lambda: Need.description,
        "women": lambda: Need.women,
        "member": lambda: fn.COALESCE(Person.name, ""),
        "status": lambda: Need.status,
        "answered_on": lambda: Need.answered_on,
    }

    def __init__(self, scope: Scope, filters: NeedFilters | None = None):
        super().__init__(scope)
        self.filters = filters or NeedFilters()

    def filtered(self):
        query = self.everything().join(Person, JOIN.LEFT_OUTER, on=(Person.uuid == Need.member))
        if self.filters.year:
            start, end = month_range(self.filters.year, None)
            query = query.where((Need.found_on >= start) & (Need.found_on < end))
        if self.filters.status:
            query = query.where(Need.status == self.filters.status)
        return query

    def decorate(self, query):
        return query.select_extend(fn.COALESCE(Person.name, "").alias(MEMBER_NAME))

    def tiebreak(self):
        return (_open_first(), Need.found_on.desc(), Need.created_at.desc(), Need.uuid)


# --- projects ------------------------------------------------------------------------------------


@dataclass
class ProjectInput:
    """What a user typed for one project a member leads."""

    name: str = ""
    member: str | None = None
    start_date: _dt.date | None = None
    end_date: _dt.date | None = None
    status: str = "planned"
    progress: str = ""
    result: str = ""
    needs: list[str] = field(default_factory=list)  # the needs it answers (their ``project`` names it)


def check_project(
    data: ProjectInput, unit: str, stored: Project | None = None
) -> tuple[ProjectInput, list[FieldError]]:
    """The project's problems; ``stored`` is the project being changed (its member may have left since)."""
    clean = ProjectInput(**{k: getattr(data, k) for k in ProjectInput.__dataclass_fields__})
    errors: list[FieldError] = []
    errors += fields.check_texts("project", clean)
    if not clean.name:
        errors.append(FieldError("name", _("The project needs a name.")))
    if member_may_keep(data.member, unit, stored.member_id if stored else None) is None:
        errors.append(FieldError("member", _("Choose the committee member who leads it.")))
    for name in ("start_date", "end_date"):
        day = getattr(data, name)
        if day is not None and (problem := year_problem(day.year)):
            errors.append(FieldError(name, problem))
    if data.start_date and data.end_date and data.end_date < data.start_date:
        errors.append(FieldError("end_date", _("The end date is before the start date.")))
    if data.status not in PROJECT_STATUS.entries:
        errors.append(FieldError("status", _("Choose a status.")))
    if data.status == "done" and not clean.result:
        errors.append(FieldError("result", _("Say what the project achieved.")))
    clean.needs = list(dict.fromkeys(n for n in data.needs if n))
    if clean.needs:
        found = Need.live().where(Need.uuid.in_(clean.needs) & (Need.unit == unit)).count()
        if found != len(clean.needs):
            errors.append(FieldError("needs", _("A need chosen is no longer on the list.")))
    return clean, errors


def save_project(data: ProjectInput, unit: str, project: Project | None = None) -> Project:
    """Check and save a project; the needs chosen name it as what they became. One transaction."""
    refuse_records_below(project, unit, "name")
    clean, errors = check_project(data, unit, project)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        project = project or Project(unit=unit)
        for name in ProjectInput.__dataclass_fields__:
            if name != "needs":
                setattr(project, name, getattr(clean, name))
        project.save()
        for need in Need.live().where((Need.project == project.uuid) & Need.uuid.not_in(clean.needs)):
            need.project = None
            need.save()
        for need in Need.live().where(Need.uuid.in_(clean.needs)):
            if need.project_id != project.uuid:
                need.project = project.uuid
                need.save()
    return project


def project_needs(project: Project) -> list[Need]:
    return list(Need.live().where(Need.project == project.uuid).order_by(Need.found_on))


def project_input(project: Project) -> ProjectInput:
    data = ProjectInput(
        **{n: getattr(project, n) for n in ProjectInput.__dataclass_fields__ if n not in ("member", "needs")}
    )
    data.member = project.member_id
    data.needs = [need.uuid for need in project_needs(project)]
    return data


def live_project(uuid: str | None) -> Project | None:
    if not uuid:
        return None
    return Project.live().where(Project.uuid == uuid).first()


class ProjectListing(Listing):
    """Projects as the 领办项目 tab shows them."""

    model = Project
    sort_keys = {
        "name": lambda: Project.name,
        "member": lambda: fn.COALESCE(Person.name, ""),
        "start_date": lambda: Project.start_date,
        "status": lambda: Project.status,
    }

    def filtered(self):
        return self.everything().join(Person, JOIN.LEFT_OUTER, on=(Person.uuid == Project.member))

    def decorate(self, query):
        return query.select_extend(fn.COALESCE(Person.name, "").alias(MEMBER_NAME))

    def tiebreak(self):
        return (Project.start_date.desc(), Project.created_at.desc(), Project.uuid)


# --- what a need's dialog offers -------------------------------------------------------------------

CHOICES = 200  # the most recent records a chooser offers


def project_choices(unit: str, keep: str | None = None) -> list[tuple[str, str]]:
    """(uuid, name) of the unit's live projects, newest first, and ``keep`` (shown as deleted if it is)."""
    query = Project.live().where(Project.unit == unit).order_by(Project.created_at.desc())
    chosen = [(p.uuid, p.name) for p in query.limit(CHOICES)]
    if keep and keep not in {uuid for uuid, _name in chosen}:
        kept = Project.select().where((Project.uuid == keep) & (Project.unit == unit)).first()
        if kept is not None:
            chosen.append((kept.uuid, shown_name(kept.name, kept.deleted)))
    return chosen


def activity_choices(unit: str, keep: str | None = None) -> list[tuple[str, str]]:
    """(uuid, "date title") of the unit's latest Women's Home activities, and ``keep`` whatever its age
    (shown as deleted if it is)."""
    query = Activity.live().where(Activity.unit == unit)
    chosen = list(query.order_by(Activity.date.desc()).limit(CHOICES))
    if keep and keep not in {a.uuid for a in chosen}:
        chosen += list(Activity.select().where((Activity.uuid == keep) & (Activity.unit == unit)))
    return [(a.uuid, shown_name(f"{format_list_date(a.date)} {a.shown_title}", a.deleted)) for a in chosen]


def contact_choices(unit: str, member: str | None, keep: list[str]) -> list[tuple[str, str]]:
    """(uuid, "date whom: what was asked") of the latest contacts (of ``member`` when given), and ``keep``."""
    query = Contact.live().where(Contact.unit == unit)
    recent = query.where(Contact.member == member) if member else query
    chosen = list(recent.order_by(Contact.date.desc(), Contact.created_at.desc()).limit(CHOICES))
    seen = {c.uuid for c in chosen}
    missing = [uuid for uuid in keep if uuid not in seen]
    if missing:
        chosen += list(query.where(Contact.uuid.in_(missing)))
    names = names_by_uuid(c.member_id for c in chosen)
    return [
        (
            c.uuid,
            f"{format_list_date(c.date)} {names.get(c.member_id, '')} → {c.whom or WAY.label(c.way)}: {c.asked[:30]}",
        )
        for c in chosen
    ]


def need_choices(unit: str, keep: list[str]) -> list[tuple[str, str]]:
    """(uuid, "date category: need") of the unit's open needs and those in ``keep`` (a project's own)."""
    query = Need.live().where(Need.unit == unit)
    chosen = list(
        query.where((Need.status == "open") | Need.uuid.in_(keep)).order_by(Need.found_on.desc()).limit(CHOICES)
    )
    return [
        (n.uuid, f"{format_list_date(n.found_on)} {NEED_CATEGORY.label(n.category)}: {n.description[:30]}")
        for n in chosen
    ]
