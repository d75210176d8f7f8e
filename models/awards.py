"""Awards and nominations (评选表彰): 最美家庭, 三八红旗手（集体） and the honours received."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from peewee import Case, CharField, DateField, ForeignKeyField, IntegerField, TextField

from models import fields, photos
from models.base import FieldError, Record, ValidationError, database, in_slices
from models.codes import CodeTable
from models.duties.records import Household
from models.i18n import N_, _, format_list_date
from models.listing import Listing, Scope, year_problem
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


# --- codes ----------------------------------------------------------------------------------------

AWARD = CodeTable(
    "nomination_award",
    [
        ("most_beautiful_family", N_("Most Beautiful Family")),  # 最美家庭
        ("red_banner", N_("March 8th Red-Banner Pacesetter")),  # 三八红旗手
        ("red_banner_collective", N_("March 8th Red-Banner Collective")),  # 三八红旗集体
        ("other", N_("Other award")),
    ],
    aliases={"最美家庭": "most_beautiful_family", "三八红旗手": "red_banner", "三八红旗集体": "red_banner_collective"},
)
LEVEL = CodeTable(
    "award_level",
    [
        ("village", N_("Village level")),
        ("township", N_("Township level")),
        ("county", N_("County level")),
        ("city", N_("City level")),
        ("province", N_("Provincial level")),
        ("national", N_("National level")),
    ],
    aliases={"村级": "village", "乡镇级": "township", "县级": "county", "市级": "city", "省级": "province"},
)
# Who is put forward or honoured: nomination.nominee_kind and award.recipient_kind.
RECIPIENT_KIND = CodeTable(
    "recipient_kind",
    [("family", N_("A family")), ("person", N_("A person")), ("collective", N_("A collective"))],
)
OUTCOME = CodeTable(
    "nomination_outcome",
    [
        ("pending", N_("Pending")),
        ("recommended", N_("Recommended upward")),
        ("awarded", N_("Awarded")),
        ("not_selected", N_("Not selected")),
    ],
)
# The outcomes a township or county passes upward in its 推荐户汇总表: a nomination still pending or not
# selected at the unit below is that unit's business and stays off the table sent upward.
UPWARD_OUTCOMES = ("recommended", "awarded")
# The kind of nominee each award is for; "other" takes any.
NOMINEE_KIND_OF = {"most_beautiful_family": "family", "red_banner": "person", "red_banner_collective": "collective"}
MAX_PHOTOS = 2  # the 最美家庭推荐表 has room for two
TEXT_FIELDS = ("nominee_name", "family_members", "summary", "story", "outcome_note")
AWARD_TEXT_FIELDS = ("title", "conferred_by", "recipient_name", "document_number", "notes")


def summary_limit() -> int:
    """事迹简介: at most 300 characters on the 推荐表."""
    return fields.max_length("nomination", "summary")


def story_limit() -> int:
    """主要事迹: at most 1,200 characters."""
    return fields.max_length("nomination", "story")


# --- nominations ----------------------------------------------------------------------------------


@dataclass
class NominationInput:
    """What a user typed for one nomination."""

    year: int | None = None
    award: str = ""
    level: str = ""
    nominee_kind: str = ""
    nominee_name: str = ""
    person: str | None = None  # a person of the unit's lists (a person nominated)
    household: str | None = None  # a household of members' duties (a family nominated)
    family_members: str = ""
    summary: str = ""
    story: str = ""
    meeting: str | None = None  # the committee meeting that agreed it
    notice_from: _dt.date | None = None
    notice_to: _dt.date | None = None
    outcome: str = "pending"
    outcome_note: str = ""
    photos: list[str] = field(default_factory=list)


def new_nomination_input(unit: str, today: _dt.date | None = None) -> NominationInput:
    """A new nomination: this year's 最美家庭 at the unit's own level, pending."""
    from .units import level_of

    today = today or _dt.date.today()
    try:
        level = level_of(unit)
    except ValueError:
        level = "village"
    return NominationInput(
        year=today.year,
        award="most_beautiful_family",
        level=level if level in LEVEL.entries else "village",
        nominee_kind="family",
    )


def _live_of_unit(model, uuid: str | None, unit: str):
    if not uuid:
        return None
    return model.live().where((model.uuid == uuid) & (model.unit == unit)).first()


def check_nomination(data: NominationInput, unit: str) -> tuple[NominationInput, list[FieldError]]:
    """The nomination as it would be stored, and every problem with it, field by field."""
    errors: list[FieldError] = []
    clean = NominationInput(**{k: getattr(data, k) for k in NominationInput.__dataclass_fields__})
    errors += fields.check_texts("nomination", clean, TEXT_FIELDS)
    if clean.year is None:
        errors.append(FieldError("year", _("Give the year of the selection.")))
    elif problem := year_problem(clean.year):
        errors.append(FieldError("year", problem))
    if clean.award not in AWARD.entries:
        errors.append(FieldError("award", _("Choose the award.")))
    if clean.level not in LEVEL.entries:
        errors.append(FieldError("level", _("Choose the level of the selection.")))
    if clean.nominee_kind not in RECIPIENT_KIND.entries:
        errors.append(
            FieldError("nominee_kind", _("Choose whether a family, a person or a collective is put forward."))
        )
    elif NOMINEE_KIND_OF.get(clean.award, clean.nominee_kind) != clean.nominee_kind:
        errors.append(
            FieldError(
                "nominee_kind",
                _("{award} is for {kind}.").format(
                    award=AWARD.label(clean.award), kind=RECIPIENT_KIND.label(NOMINEE_KIND_OF[clean.award]).lower()
                ),
            )
        )
    if clean.nominee_kind != "person":
        clean.person = None
    if clean.nominee_kind != "family":
        clean.household = None
        clean.family_members = ""
    person = _live_of_unit(Person, clean.person, unit)
    if clean.person and person is None:
        errors.append(FieldError("person", _("The person is no longer on the unit's lists; choose another.")))
    if clean.household and _live_of_unit(Household, clean.household, unit) is None:
        errors.append(FieldError("household", _("The household is no longer on the unit's list; choose another.")))
    if not clean.nominee_name and person is not None:
        clean.nominee_name = person.name
    if not clean.nominee_name:
        errors.append(FieldError("nominee_name", _("Give the name of the family, person or collective put forward.")))
    if clean.meeting and _live_of_unit(Meeting, clean.meeting, unit) is None:
        errors.append(FieldError("meeting", _("The meeting is no longer recorded; choose another.")))
    for name in ("notice_from", "notice_to"):
        day = getattr(clean, name)
        if day is not None and (problem := year_problem(day.year)):
            errors.append(FieldError(name, problem))
    if clean.notice_to is not None and clean.notice_from is None:
        errors.append(FieldError("notice_from", _("Give the first day of the public notice too.")))
    if clean.notice_from and clean.notice_to and clean.notice_to < clean.notice_from:
        errors.append(FieldError("notice_to", _("The public notice ends before it starts.")))
    if clean.outcome not in OUTCOME.entries:
        errors.append(FieldError("outcome", _("Choose the outcome.")))
    clean.photos = list(dict.fromkeys(clean.photos))
    if len(clean.photos) > MAX_PHOTOS:
        errors.append(
            FieldError("photos", _("At most {n} photos go with a nomination; remove one.").format(n=MAX_PHOTOS))
        )
    if any(not photos.is_stored(d) for d in clean.photos):
        errors.append(FieldError("photos", _("A photo is missing from the database; add it again.")))
    return clean, errors


def save_nomination(
    data: NominationInput,
    unit: str,
    nomination: Nomination | None = None,
    record_award: AwardInput | None = None,
) -> Nomination:
    """Check and save a nomination with its photos in one transaction.

    ``record_award`` (when the nomination is marked awarded) enters the honour
    in the awards register in the same transaction, linked to the nomination:
    both are written or neither.
    """
    if nomination is not None and nomination.unit != unit:
        raise ValidationError([FieldError("year", _("Records reported by units below can only be viewed."))])
    clean, errors = check_nomination(data, unit)
    award_clean: AwardInput | None = None
    if record_award is not None:
        if clean.outcome != "awarded":
            errors.append(FieldError("outcome", _("Only an awarded nomination goes into the awards register.")))
        record_award.nomination = None  # linked below, once the nomination is stored
        award_clean, award_errors = check_award(record_award, unit)
        errors += [FieldError("award_record", e.message) for e in award_errors]
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        nomination = nomination or Nomination(unit=unit)
        for name in NominationInput.__dataclass_fields__:
            if name != "photos":
                setattr(nomination, name, getattr(clean, name))
        nomination.save()
        photos.set_photos(nomination.uuid, unit, clean.photos)
        if award_clean is not None:
            award_clean.nomination = nomination.uuid
            _store_award(award_clean, unit, None)
    return nomination


def nomination_input(nomination: Nomination) -> NominationInput:
    data = NominationInput(
        **{name: getattr(nomination, name) for name in NominationInput.__dataclass_fields__ if name != "photos"}
    )
    data.person, data.household, data.meeting = nomination.person_id, nomination.household_id, nomination.meeting_id
    data.photos = photos.photo_digests(nomination.uuid)
    return data


def live_nomination(uuid: str) -> Nomination | None:
    return Nomination.live().where(Nomination.uuid == uuid).first()


def awards_of_nomination(nomination: Nomination) -> list[Award]:
    return list(Award.live().where(Award.nomination == nomination.uuid).order_by(Award.created_at))


def offers_award(nomination: Nomination | None, data: NominationInput) -> bool:
    """Whether saving ``data`` should offer to enter the honour in the register: newly awarded, none recorded."""
    if data.outcome != "awarded":
        return False
    return nomination is None or not awards_of_nomination(nomination)


def award_title(award_code: str) -> str:
    """The honour's name as a register writes it: 最美家庭, 三八红旗手, 三八红旗集体."""
    return AWARD.label(award_code) if award_code != "other" else ""


def award_from_nomination(data: NominationInput, today: _dt.date | None = None) -> AwardInput:
    """The register's line an awarded nomination suggests (the user may still change it)."""
    return AwardInput(
        year=data.year,
        level=data.level,
        title=award_title(data.award),
        recipient_kind=data.nominee_kind,
        recipient_name=data.nominee_name,
        person=data.person,
        date=today or _dt.date.today(),
    )


# --- awards register ------------------------------------------------------------------------------


@dataclass
class AwardInput:
    """What a user typed for one honour received (表彰登记)."""

    year: int | None = None
    level: str = ""
    title: str = ""
    conferred_by: str = ""
    recipient_kind: str = "person"
    recipient_name: str = ""
    person: str | None = None
    nomination: str | None = None
    date: _dt.date | None = None
    document_number: str = ""
    notes: str = ""


def check_award(
    data: AwardInput, unit: str, award: Award | None = None, today: _dt.date | None = None
) -> tuple[AwardInput, list[FieldError]]:
    """The honour as it would be stored, and every problem, field by field (``award``: the line being edited)."""
    from models.duties.contacts import date_problem

    today = today or _dt.date.today()
    errors: list[FieldError] = []
    clean = AwardInput(**{k: getattr(data, k) for k in AwardInput.__dataclass_fields__})
    errors += fields.check_texts("award", clean, AWARD_TEXT_FIELDS)
    if clean.year is None:
        errors.append(FieldError("year", _("Give the year of the honour.")))
    elif problem := year_problem(clean.year):
        errors.append(FieldError("year", problem))
    if clean.level not in LEVEL.entries:
        errors.append(FieldError("level", _("Choose the level of the honour.")))
    if not clean.title:
        errors.append(FieldError("title", _("Give the title of the honour.")))
    if clean.recipient_kind not in RECIPIENT_KIND.entries:
        errors.append(
            FieldError("recipient_kind", _("Choose whether a family, a person or a collective was honoured."))
        )
    if clean.recipient_kind != "person":
        clean.person = None
    person = _live_of_unit(Person, clean.person, unit)
    if clean.person and person is None:
        errors.append(FieldError("person", _("The person is no longer on the unit's lists; choose another.")))
    if not clean.recipient_name and person is not None:
        clean.recipient_name = person.name
    if not clean.recipient_name:
        errors.append(FieldError("recipient_name", _("Give the name of who was honoured.")))
    # The nomination a line came from is checked only when it changes: a line whose nomination was deleted
    # since keeps its link (the recycle bin may bring the nomination back) and stays editable.
    changed = award is None or clean.nomination != award.nomination_id
    if clean.nomination and changed and _live_of_unit(Nomination, clean.nomination, unit) is None:
        errors.append(FieldError("nomination", _("The nomination is no longer recorded.")))
    if problem := date_problem(clean.date, today, required=False):
        errors.append(FieldError("date", problem))
    elif clean.date is not None and clean.year is not None and abs(clean.date.year - clean.year) > 1:
        errors.append(FieldError("date", _("The date is not in the year of the honour.")))
    return clean, errors


def _store_award(clean: AwardInput, unit: str, award: Award | None) -> Award:
    award = award or Award(unit=unit)
    for name in AwardInput.__dataclass_fields__:
        setattr(award, name, getattr(clean, name))
    award.save()
    return award


def save_award(data: AwardInput, unit: str, award: Award | None = None, today: _dt.date | None = None) -> Award:
    """Check and save one line of the awards register in one transaction."""
    if award is not None and award.unit != unit:
        raise ValidationError([FieldError("year", _("Records reported by units below can only be viewed."))])
    clean, errors = check_award(data, unit, award, today)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        return _store_award(clean, unit, award)


def award_input(award: Award) -> AwardInput:
    data = AwardInput(**{name: getattr(award, name) for name in AwardInput.__dataclass_fields__})
    data.person, data.nomination = award.person_id, award.nomination_id
    return data


def live_award(uuid: str) -> Award | None:
    return Award.live().where(Award.uuid == uuid).first()


# --- a person's honours in the roster's 备注 -----------------------------------------------------------


def award_phrase(award: Award) -> str:
    """2025年县级三八红旗手: one honour as a roster's 备注 says it."""
    return _("{year} {level} {title}").format(year=award.year, level=LEVEL.label(award.level), title=award.title)


def awards_of_person(person_uuid: str) -> list[Award]:
    """A person's honours, oldest first."""
    return list(Award.live().where(Award.person == person_uuid).order_by(Award.year, Award.date, Award.created_at))


def awards_by_person(person_uuids: list[str]) -> dict[str, list[Award]]:
    """Each person's honours, oldest first, read in one statement per slice of people."""
    found: dict[str, list[Award]] = {}
    for chunk in in_slices(person_uuids):
        query = Award.live().where(Award.person.in_(chunk)).order_by(Award.year, Award.date, Award.created_at)
        for award in query:
            found.setdefault(award.person_id or "", []).append(award)
    return found


def notes_with_awards(notes: str, awards: list[Award]) -> str:
    """A person's 备注 with her honours after whatever it already says (each said once)."""
    phrases = [p for p in dict.fromkeys(award_phrase(a) for a in awards) if p not in notes]
    parts = [notes.strip()] if notes.strip() else []
    return _("; ").join(parts + phrases)


# --- choices for the dialogs ------------------------------------------------------------------------


def people_choices(unit: str) -> list[tuple[str, str]]:
    """(uuid, name) of the unit's people, by name, for linking a nominee or an honour to a person."""
    query = Person.live().where(Person.unit == unit).select(Person.uuid, Person.name).order_by(Person.name_pinyin)
    return list(query.tuples())


def household_choices(unit: str) -> list[tuple[str, str]]:
    """(uuid, "户主 · 村民小组") of the unit's households, for linking a family nominated."""
    query = (
        Household.live()
        .where(Household.unit == unit)
        .select(Household.uuid, Household.head_name, Household.group_name)
        .order_by(Household.group_name, Household.head_name)
    )
    return [(uuid, f"{head} · {group}" if group else head) for uuid, head, group in query.tuples()]


def household_of(uuid: str | None) -> Household | None:
    return Household.live().where(Household.uuid == uuid).first() if uuid else None


def meeting_choices(unit: str) -> list[tuple[str, str]]:
    """(uuid, "2026-03-02 topics") of the unit's meetings, newest first, for the meeting that agreed a nomination."""
    query = (
        Meeting.live()
        .where(Meeting.unit == unit)
        .select(Meeting.uuid, Meeting.date, Meeting.topics)
        .order_by(Meeting.date.desc())
    )
    out = []
    for uuid, day, topics in query.tuples():
        first = (topics or "").strip().splitlines()[0] if (topics or "").strip() else ""
        out.append((uuid, f"{format_list_date(day)} {first[:30]}".strip()))
    return out


def meeting_of(uuid: str | None) -> Meeting | None:
    return Meeting.live().where(Meeting.uuid == uuid).first() if uuid else None


# --- listings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardFilters:
    """What a list of nominations or honours is narrowed to: a year and words."""

    year: int | None = None
    text: str = ""


class NominationListing(Listing):
    """Nominations as the 推荐对象 tab shows them: newest year first, then by award and name."""

    model = Nomination
    sort_keys = {
        "year": lambda: Nomination.year,
        "award": lambda: Nomination.award,
        "level": lambda: _level_rank(Nomination.level),
        "name": lambda: Nomination.nominee_name,
        "outcome": lambda: Nomination.outcome,
        "notice": lambda: Nomination.notice_from,
    }

    def __init__(self, scope: Scope, filters: AwardFilters | None = None):
        super().__init__(scope)
        self.filters = filters or AwardFilters()

    def filtered(self):
        query = self.everything()
        if self.filters.year:
            query = query.where(Nomination.year == self.filters.year)
        text = (self.filters.text or "").strip()
        if text:
            pattern = f"%{text}%"
            query = query.where(
                (Nomination.nominee_name**pattern)
                | (Nomination.family_members**pattern)
                | (Nomination.summary**pattern)
            )
        return query

    def tiebreak(self):
        return (Nomination.year.desc(), Nomination.award, Nomination.nominee_name, Nomination.uuid)

    def years(self) -> list[int]:
        query = self.everything().select(Nomination.year.distinct()).order_by(Nomination.year.desc()).tuples()
        return [int(y) for (y,) in query]


class AwardListing(Listing):
    """The awards register as its tab shows it."""

    model = Award
    sort_keys = {
        "year": lambda: Award.year,
        "level": lambda: _level_rank(Award.level),
        "title": lambda: Award.title,
        "name": lambda: Award.recipient_name,
        "date": lambda: Award.date,
        "conferred_by": lambda: Award.conferred_by,
    }

    def __init__(self, scope: Scope, filters: AwardFilters | None = None):
        super().__init__(scope)
        self.filters = filters or AwardFilters()

    def filtered(self):
        query = self.everything()
        if self.filters.year:
            query = query.where(Award.year == self.filters.year)
        text = (self.filters.text or "").strip()
        if text:
            pattern = f"%{text}%"
            query = query.where(
                (Award.recipient_name**pattern) | (Award.title**pattern) | (Award.conferred_by**pattern)
            )
        return query

    def tiebreak(self):
        return (Award.year.desc(), Award.date.desc(), Award.recipient_name, Award.uuid)

    def years(self) -> list[int]:
        query = self.everything().select(Award.year.distinct()).order_by(Award.year.desc()).tuples()
        return [int(y) for (y,) in query]


def _level_rank(column):
    levels = LEVEL.codes()
    return Case(column, [(code, rank) for rank, code in enumerate(levels)], len(levels))


# --- what forms read ------------------------------------------------------------------------------


def nominations_of(unit_codes: list[str], year: int, award_codes: tuple[str, ...]) -> list[Nomination]:
    """The live nominations of these units for a year and these awards, by unit then name."""
    found: list[Nomination] = []
    for chunk in in_slices(unit_codes):
        found += list(
            Nomination.live().where(
                Nomination.unit.in_(chunk) & (Nomination.year == year) & Nomination.award.in_(list(award_codes))
            )
        )
    return sorted(found, key=lambda n: (n.unit, n.created_at, n.nominee_name))


def nomination_years(unit_codes: list[str], award_codes: tuple[str, ...]) -> list[int]:
    years: set[int] = set()
    for chunk in in_slices(unit_codes):
        query = (
            Nomination.live()
            .where(Nomination.unit.in_(chunk) & Nomination.award.in_(list(award_codes)))
            .select(Nomination.year.distinct())
            .tuples()
        )
        years |= {int(y) for (y,) in query}
    return sorted(years, reverse=True)


def awards_register(unit: str, year: int | None = None) -> list[Award]:
    """The unit's honours (of one year, or all), newest year first, then by date and name."""
    query = Award.live().where(Award.unit == unit)
    if year:
        query = query.where(Award.year == year)
    return list(query.order_by(Award.year.desc(), Award.date, Award.recipient_name))
