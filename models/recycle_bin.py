"""The recycle bin: moving records into it, which deleted records can come back, how they are listed, restoring.

Nothing is ever removed outright (DESIGN.md): deleting sets a record's
tombstone. This module is the one place that knows the kinds of record the
recycle bin offers, what a delete takes along, how to describe a deleted
one, what may stop it from coming back, and which of its child rows went to
the bin with it. Pages and the command line delete through ``move_to_bin``.

What each delete tombstones, and so what a restore brings back:

- people: the person only;
- elections: the election only (steps, rounds, candidates and committee
  members stay live, hidden behind it);
- activities: the activity and its named participants (photo links stay live);
- trainings: the training only (sessions, trainees and attendance stay live);
- meetings: the meeting, its attendees and its links;
- plans and summaries: the document and its sections (one of the same unit, year and kind live stops it
  coming back).
- nominations: the nomination and its photo links;
- awards: the line of the awards register only.
- households: the household and its links to members (current and past);
- contacts, projects: the record only (a need keeps naming the project);
- needs: the need and its links to the contacts it came from.
- dispute cases: the case and its steps; letters and visits: the record only.
- people helped: the person with her acts of help and contacts with parents;
  an act or a contact alone comes back only to a person on the register.
- screening rounds: the round and its women; screening women: the woman only (not while her round is deleted).
- sheet images kept as evidence: the image only (not while the page was read again since).

Children tombstoned *before* their parent (an edit that dropped a
participant, a session or an attendee) stay in the bin when the parent comes
back: the restore brings back what the delete took, nothing older.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from models import codes
from models.duties.records import (
    HANDLING,
    NEED_CATEGORY,
    PROJECT_STATUS,
    WAY,
    Contact,
    Household,
    HouseholdLink,
    Need,
    NeedContact,
    Project,
)
from models.elections.records import STATUSES as ELECTION_STATUSES
from models.elections.records import Election

from . import disputes, petitions
from .awards import AWARD, LEVEL, Award, Nomination
from .base import Record, children_of, database
from .care import (
    CareAct,
    CareTarget,
    ParentContact,
    check_restore_child,
    describe_act,
    describe_parent_contact,
    describe_target,
    target_children,
)
from .homes import CATEGORY, Activity, ActivityParticipant
from .i18n import N_, _, format_list_date, format_list_date_range, format_year_month
from .meetings import KIND as MEETING_KIND
from .meetings import Meeting, MeetingAttendee, MeetingLink
from .paper import evidence
from .people import Person, duplicate_id_owner, split_year_month
from .photos import PhotoLink
from .screening import ScreeningRound, ScreeningWoman, other_round, round_title
from .training import Training
from .year_documents import KIND as YEAR_DOCUMENT_KIND
from .year_documents import YearDocument, YearDocumentSection, document_of


class RestoreRefused(Exception):
    """A record that may not come back (yet); the message says why, in the interface language."""


@dataclass(frozen=True)
class Entry:
    """One deleted record as the recycle bin lists it."""

    kind: str
    uuid: str
    name: str  # the person's name, the election's title, the activity's or training's name
    date: _dt.date | None  # the record's own date (birth month, congress, activity, first day)
    date_text: str  # that date as a list shows it: 2026-03-08
    detail: str  # one more fact that tells similar records apart (post, status, category, organiser)
    deleted_at: _dt.datetime  # naive UTC, like every stored time


R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Kind(Generic[R]):
    """A kind of record the recycle bin can restore, and how to show and check one."""

    key: str
    label: str  # N_(): translated when shown
    model: type[R]
    headers: tuple[str, str, str]  # N_() column titles for name, date and detail
    describe: Callable[[R], tuple[str, _dt.date | None, str, str]]  # (name, date, date text, detail)
    check: Callable[[R], str | None]  # why it may not come back now, or None
    deleted_with: Callable[[R], Sequence[Record]]  # tombstoned children that went to the bin with it
    tiebreak: Callable[[], object]  # a field ordering records deleted in the same second
    takes_along: Callable[[R], Sequence[Record]]  # live children a delete tombstones with the record
    # Names parties to disputes, people helped or screened women: listed only after the start-up password.
    sensitive: bool = False


# --- people ---------------------------------------------------------------------------------------


def _describe_person(person: Person) -> tuple[str, _dt.date | None, str, str]:
    day, text = None, person.birth or ""
    ym = split_year_month(person.birth)
    if ym is not None and 1 <= ym[1] <= 12:
        day, text = _dt.date(ym[0], ym[1], 1), format_year_month(*ym)
    return person.name, day, text, codes.POST.label(person.post) if person.post else ""


def _check_person(person: Person) -> str | None:
    # Two live people with one ID number would make both uneditable.
    other = duplicate_id_owner(person.id_number, person.unit, person.uuid)
    if other is not None:
        return _(
            "{name} cannot be restored: {other}, who is on the list, has the same ID number. "
            "Correct or delete {other} first."
        ).format(name=person.name, other=other.name)
    return None


# --- elections ------------------------------------------------------------------------------------


def _describe_election(election: Election) -> tuple[str, _dt.date | None, str, str]:
    status = ELECTION_STATUSES.get(election.status)
    return (
        election.title(),
        election.meeting_date,
        format_list_date(election.meeting_date),
        _(status) if status else election.status,
    )


# --- activities -----------------------------------------------------------------------------------


def _describe_activity(activity: Activity) -> tuple[str, _dt.date | None, str, str]:
    return activity.title, activity.date, format_list_date(activity.date), CATEGORY.label(activity.category)


def _participants_deleted_with(activity: Activity) -> list[ActivityParticipant]:
    """The participants the ledger's delete tombstoned together with the activity.

    They were tombstoned after the activity, so no earlier than its deletion
    time; participants an earlier edit dropped are older and stay deleted.
    Times are stored to the second, so an edit in the very second of the
    delete could look alike: one row per name and person is kept, as an
    activity never lists anyone twice.
    """
    query = (
        ActivityParticipant.select()
        .where(
            (ActivityParticipant.activity == activity)
            & (ActivityParticipant.deleted == True)
            & (ActivityParticipant.updated_at >= activity.updated_at)
        )
        .order_by(ActivityParticipant.created_at.desc())
    )
    chosen: dict[tuple[str | None, str], ActivityParticipant] = {}
    for participant in query:
        # peewee-stubs omit the "<foreign key>_id" attribute peewee adds for every foreign key.
        person_uuid: str | None = participant.person_id  # type: ignore[attr-defined]
        chosen.setdefault((person_uuid, participant.name), participant)
    return list(chosen.values())


# --- trainings ------------------------------------------------------------------------------------


def _describe_training(training: Training) -> tuple[str, _dt.date | None, str, str]:
    text = format_list_date_range(training.start_date, training.end_date) if training.start_date else ""
    return training.name, training.start_date, text, training.organiser


# --- meetings, plans and summaries ------------------------------------------------------------------


def _describe_meeting(meeting: Meeting) -> tuple[str, _dt.date | None, str, str]:
    topics = " ".join(meeting.topics.split())
    name = topics[:40] + "…" if len(topics) > 40 else topics
    return (
        name or MEETING_KIND.label(meeting.kind),
        meeting.date,
        format_list_date(meeting.date),
        (MEETING_KIND.label(meeting.kind)),
    )


def _meeting_children(meeting: Meeting, deleted: bool) -> list[Record]:
    """The attendees and links of a meeting."""
    return children_of(
        meeting, ((MeetingAttendee, MeetingAttendee.meeting), (MeetingLink, MeetingLink.meeting)), deleted
    )


def _describe_year_document(document: YearDocument) -> tuple[str, _dt.date | None, str, str]:
    return document.title, document.written_on, str(document.year), YEAR_DOCUMENT_KIND.label(document.kind)


def _check_year_document(document: YearDocument) -> str | None:
    if document_of(document.unit, document.year, document.kind) is not None:
        return _("{title} cannot be restored: the {kind} of {year} has been written again since.").format(
            title=document.title, kind=YEAR_DOCUMENT_KIND.label(document.kind), year=document.year
        )
    return None


def _year_document_sections(document: YearDocument, deleted: bool) -> list[Record]:
    return children_of(document, ((YearDocumentSection, YearDocumentSection.document),), deleted)


# --- nominations and awards ------------------------------------------------------------------------


def _describe_nomination(nomination: Nomination) -> tuple[str, _dt.date | None, str, str]:
    return nomination.nominee_name, None, str(nomination.year), AWARD.label(nomination.award)


def _nomination_photos(nomination: Nomination, deleted: bool) -> list[Record]:
    return children_of(nomination, ((PhotoLink, PhotoLink.owner),), deleted)


def _describe_award(award: Award) -> tuple[str, _dt.date | None, str, str]:
    return award.recipient_name, award.date, str(award.year), f"{LEVEL.label(award.level)} {award.title}"


def _live_participants(activity: Activity) -> list[ActivityParticipant]:
    return list(activity.participants())


# --- members' duties ------------------------------------------------------------------------------


def _describe_household(household: Household) -> tuple[str, _dt.date | None, str, str]:
    return household.head_name, None, "", household.group_name


def _household_links(household: Household, deleted: bool) -> list[Record]:
    """A household's links to members, current and past (links are never deleted on their own)."""
    return children_of(household, ((HouseholdLink, HouseholdLink.household),), deleted)


def _describe_contact(contact: Contact) -> tuple[str, _dt.date | None, str, str]:
    return (
        contact.whom or WAY.label(contact.way),
        contact.date,
        format_list_date(contact.date),
        HANDLING.label(contact.handling),
    )


def _describe_need(need: Need) -> tuple[str, _dt.date | None, str, str]:
    return need.description[:40], need.found_on, format_list_date(need.found_on), NEED_CATEGORY.label(need.category)


def _need_contacts(need: Need, deleted: bool) -> list[Record]:
    return children_of(need, ((NeedContact, NeedContact.need),), deleted)


def _describe_project(project: Project) -> tuple[str, _dt.date | None, str, str]:
    day = project.start_date
    return project.name, day, format_list_date(day) if day else "", PROJECT_STATUS.label(project.status)


# --- the "两癌" screening -----------------------------------------------------------------------------


def _describe_screening_round(screening_round: ScreeningRound) -> tuple[str, _dt.date | None, str, str]:
    day = screening_round.starts_on
    return round_title(screening_round), day, format_list_date(day) if day else "", screening_round.place


def _check_screening_round(screening_round: ScreeningRound) -> str | None:
    if other_round(screening_round.unit, screening_round.year, screening_round.name, screening_round.uuid):
        return _("{title} cannot be restored: a round of the same year and name has been entered since.").format(
            title=round_title(screening_round)
        )
    return None


def _screening_women(screening_round: ScreeningRound, deleted: bool) -> list[Record]:
    return children_of(screening_round, ((ScreeningWoman, ScreeningWoman.screening_round),), deleted)


def _describe_screening_woman(woman: ScreeningWoman) -> tuple[str, _dt.date | None, str, str]:
    return woman.name, None, woman.birth_month.replace("-", "."), woman.group_name


def _check_screening_woman(woman: ScreeningWoman) -> str | None:
    if ScreeningRound.get_by_id(woman.screening_round_id).deleted:
        return _("{name} cannot be restored while her round is in the recycle bin: restore the round.").format(
            name=woman.name
        )
    return None


def _no_check(_record: Record) -> str | None:
    return None


def _no_children(_record: Record) -> list[Record]:
    return []


# The kinds in the order the recycle bin offers them. Add a kind here and the dialog shows it.
KINDS: dict[str, Kind[Any]] = {
    kind.key: kind
    for kind in (
        Kind(
            "people",
            N_("People"),
            Person,
            (N_("Name"), N_("Born"), N_("Post")),
            _describe_person,
            _check_person,
            _no_children,
            lambda: Person.name_pinyin,
            _no_children,
        ),
        Kind(
            "elections",
            N_("Elections"),
            Election,
            (N_("Election"), N_("Congress date"), N_("Status")),
            _describe_election,
            _no_check,
            _no_children,
            lambda: Election.created_at.desc(),
            _no_children,
        ),
        Kind(
            "activities",
            N_("Women's Home activities"),
            Activity,
            (N_("Activity"), N_("Date"), N_("Category")),
            _describe_activity,
            _no_check,
            _participants_deleted_with,
            lambda: Activity.date.desc(),
            _live_participants,
        ),
        Kind(
            "trainings",
            N_("Trainings"),
            Training,
            (N_("Training"), N_("Dates"), N_("Organiser")),
            _describe_training,
            _no_check,
            _no_children,
            lambda: Training.start_date.desc(),
            _no_children,
        ),
        Kind(
            "meetings",
            N_("Committee meetings"),
            Meeting,
            (N_("Topics"), N_("Date"), N_("Kind")),
            _describe_meeting,
            _no_check,
            lambda meeting: _meeting_children(meeting, deleted=True),
            lambda: Meeting.date.desc(),
            lambda meeting: _meeting_children(meeting, deleted=False),
        ),
        Kind(
            "year_documents",
            N_("Plans and summaries"),
            YearDocument,
            (N_("Title"), N_("Written on"), N_("Kind")),
            _describe_year_document,
            _check_year_document,
            lambda document: _year_document_sections(document, deleted=True),
            lambda: YearDocument.year.desc(),
            lambda document: _year_document_sections(document, deleted=False),
        ),
        Kind(
            "nominations",
            N_("Nominations"),
            Nomination,
            (N_("Nominee"), N_("Year"), N_("Award")),
            _describe_nomination,
            _no_check,
            lambda nomination: _nomination_photos(nomination, deleted=True),
            lambda: Nomination.year.desc(),
            lambda nomination: _nomination_photos(nomination, deleted=False),
        ),
        Kind(
            "awards",
            N_("Awards register"),
            Award,
            (N_("Recipient"), N_("Year"), N_("Honour")),
            _describe_award,
            _no_check,
            _no_children,
            lambda: Award.year.desc(),
            _no_children,
        ),
        Kind(
            "households",
            N_("Linked households"),
            Household,
            (N_("Head of household"), N_("Date"), N_("Villagers' group or grid")),
            _describe_household,
            _no_check,
            lambda household: _household_links(household, deleted=True),
            lambda: Household.head_name,
            lambda household: _household_links(household, deleted=False),
        ),
        Kind(
            "contacts",
            N_("Contacts"),
            Contact,
            (N_("Contacted"), N_("Date"), N_("Handling")),
            _describe_contact,
            _no_check,
            _no_children,
            lambda: Contact.date.desc(),
            _no_children,
        ),
        Kind(
            "needs",
            N_("Needs"),
            Need,
            (N_("Need"), N_("Found on"), N_("Category")),
            _describe_need,
            _no_check,
            lambda need: _need_contacts(need, deleted=True),
            lambda: Need.found_on.desc(),
            lambda need: _need_contacts(need, deleted=False),
        ),
        Kind(
            "projects",
            N_("Projects led by members"),
            Project,
            (N_("Project name"), N_("Start date"), N_("Status")),
            _describe_project,
            _no_check,
            _no_children,
            lambda: Project.created_at.desc(),
            _no_children,
        ),
        Kind(
            "care_targets",
            N_("People helped"),
            CareTarget,
            (N_("Name"), N_("Helped since"), N_("Category")),
            describe_target,
            _no_check,
            lambda target: target_children(target, deleted=True),
            lambda: CareTarget.name,
            lambda target: target_children(target, deleted=False),
            sensitive=True,
        ),
        Kind(
            "care_acts",
            N_("Acts of help"),
            CareAct,
            (N_("Person helped"), N_("Date"), N_("Kind of help")),
            describe_act,
            check_restore_child,
            _no_children,
            lambda: CareAct.date.desc(),
            _no_children,
            sensitive=True,
        ),
        Kind(
            "parent_contacts",
            N_("Contacts with parents"),
            ParentContact,
            (N_("Child"), N_("Date"), N_("Way")),
            describe_parent_contact,
            check_restore_child,
            _no_children,
            lambda: ParentContact.date.desc(),
            _no_children,
            sensitive=True,
        ),
        Kind(
            "screening_rounds",
            N_("Screening rounds"),
            ScreeningRound,
            (N_("Round"), N_("Start date"), N_("Place")),
            _describe_screening_round,
            _check_screening_round,
            lambda screening_round: _screening_women(screening_round, deleted=True),
            lambda: ScreeningRound.year.desc(),
            lambda screening_round: _screening_women(screening_round, deleted=False),
            sensitive=True,
        ),
        Kind(
            "screening_women",
            N_("Women of a screening round"),
            ScreeningWoman,
            (N_("Name"), N_("Born"), N_("Villagers' group or grid")),
            _describe_screening_woman,
            _check_screening_woman,
            _no_children,
            lambda: ScreeningWoman.name,
            _no_children,
            sensitive=True,
        ),
        Kind(
            "disputes",
            N_("Family dispute cases"),
            disputes.DisputeCase,
            (N_("Parties"), N_("Found on"), N_("Status")),
            disputes.describe_case,
            _no_check,
            lambda case: disputes.case_steps(case, deleted=True),
            lambda: disputes.DisputeCase.found_on.desc(),
            lambda case: disputes.case_steps(case, deleted=False),
            sensitive=True,
        ),
        Kind(
            "petitions",
            N_("Letters and visits"),
            petitions.Petition,
            (N_("Writer or visitor"), N_("Date"), N_("Category")),
            petitions.describe_petition,
            _no_check,
            _no_children,
            lambda: petitions.Petition.date.desc(),
            _no_children,
            sensitive=True,
        ),
        Kind(
            "paper_pages",
            N_("Sheet images kept as evidence"),
            evidence.PaperPage,
            (N_("Sheet"), N_("Read on"), N_("File")),
            evidence.describe_page,
            evidence.check_restore,
            _no_children,
            lambda: evidence.PaperPage.page,
            _no_children,
        ),
    )
}


def kind_of(key: str) -> Kind[Any]:
    try:
        return KINDS[key]
    except KeyError:
        raise ValueError(f"unknown recycle-bin kind {key!r}; choose one of {', '.join(KINDS)}") from None


def _deleted_query(kind: Kind[Any], unit: str):
    model = kind.model
    return model.select().where((model.unit == unit) & (model.deleted == True))


class DeleteRefused(Exception):
    """Records that may not be deleted here; the message says why, in the interface language."""


def move_to_bin(kind: str, uuids: list[str], unit: str) -> int:
    """Move the unit's records of a kind to the recycle bin with what they take along, in one transaction.

    Only the unit's own live records are deleted: records reported by units
    below are read-only here (DeleteRefused, nothing changed). Returns how
    many records went to the bin.
    """
    spec = kind_of(kind)
    model = spec.model
    with database.atomic():
        records = list(model.select().where(model.uuid.in_(list(uuids)) & (model.deleted == False)))
        if any(record.unit != unit for record in records):
            raise DeleteRefused(_("Records reported by units below can only be viewed."))
        for record in records:
            children = spec.takes_along(record)
            record.move_to_recycle_bin()
            for child in children:
                child.move_to_recycle_bin()
    return len(records)


def deleted(kind: str, unit: str) -> list[Entry]:
    """The unit's deleted records of this kind, the most recently deleted first."""
    spec = kind_of(kind)
    model = spec.model
    entries = []
    for record in _deleted_query(spec, unit).order_by(model.updated_at.desc(), spec.tiebreak(), model.uuid):
        name, day, day_text, detail = spec.describe(record)
        entries.append(Entry(spec.key, record.uuid, name, day, day_text, detail, record.updated_at))
    return entries


def counts(unit: str) -> dict[str, int]:
    """How many deleted records of each kind the unit has (the selector shows them)."""
    return {key: _deleted_query(spec, unit).count() for key, spec in KINDS.items()}


def restore(kind: str, uuid: str) -> Record:
    """Bring one deleted record back, with the children that went to the bin with it, in one transaction.

    Raises RestoreRefused when the kind's rule forbids it now (a person whose
    ID number a live person of the unit has taken) or when it is not in the
    recycle bin any more; nothing is changed then.
    """
    spec = kind_of(kind)
    with database.atomic():
        record = spec.model.get_or_none(spec.model.uuid == uuid)
        if record is None or not record.deleted:
            raise RestoreRefused(_("This record is no longer in the recycle bin."))
        problem = spec.check(record)
        if problem:
            raise RestoreRefused(problem)
        # Found before the restore: restoring moves the record's own time on.
        children = spec.deleted_with(record)
        record.restore()
        for child in children:
            child.restore()
    return record


def restore_many(kind: str, uuids: list[str]) -> tuple[list[Record], list[str]]:
    """Restore several records in one transaction; (those restored, why the others were not).

    Each is checked after the ones before it came back, so two deleted people
    with one ID number cannot both return.
    """
    restored: list[Record] = []
    refused: list[str] = []
    with database.atomic():
        for uuid in uuids:
            try:
                restored.append(restore(kind, uuid))
            except RestoreRefused as exc:
                refused.append(str(exc))
    return restored, refused
