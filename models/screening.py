"""The free "两癌" screening round: the round, the eligible women, sign-up and examination dates.

No result of an examination is ever stored: there is no column for one.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from peewee import BooleanField, Case, CharField, DateField, ForeignKeyField, IntegerField, TextField, fn

from models import fields
from models.base import FieldError, Record, ValidationError, database, in_slices
from models.care_counts import Counts
from models.codes import CodeTable
from models.i18n import N_, _
from models.listing import Listing, Scope, year_problem
from models.people import Person, age_at, normalize_name, normalize_phone, parse_year_month


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


# --- rules ------------------------------------------------------------------------------------------

MIN_AGE, MAX_AGE = 35, 64  # the free screening is for women of 35 to 64
MAX_QUOTA = fields.MAX_PEOPLE
AGE_BANDS = (("35_44", 35, 44), ("45_54", 45, 54), ("55_64", 55, 64))
# What a woman's list may be narrowed to on the page.
STATUS = CodeTable(
    "screening_status",
    [
        ("not_signed_up", N_("Not signed up")),
        ("signed_up", N_("Signed up, not yet examined")),
        ("examined", N_("Examined")),
    ],
)


def reference_date(screening_round: ScreeningRound) -> _dt.date:
    """The day ages are counted at: the round's first day, or 31 December of its year when it has none.

    One day for the whole round, so a woman does not drop out of the list while the round runs.
    """
    return _reference_day(screening_round.starts_on, screening_round.year)


def _reference_day(starts_on: _dt.date | None, year: int) -> _dt.date:
    return starts_on or _dt.date(year, 12, 31)


def age_band(age: int | None) -> str | None:
    for code, low, high in AGE_BANDS:
        if age is not None and low <= age <= high:
            return code
    return None


def age_problem(birth_month: str | None, screening_round: ScreeningRound) -> str | None:
    """Why a woman born in ``birth_month`` is not of the round's age (in the interface language), or None."""
    return _age_problem_on(birth_month, reference_date(screening_round))


def _age_problem_on(birth_month: str | None, day: _dt.date) -> str | None:
    age = age_at(birth_month, day)
    if age is None:
        return _("The birth month is required: the screening is for women of {low} to {high}.").format(
            low=MIN_AGE, high=MAX_AGE
        )
    if MIN_AGE <= age <= MAX_AGE:
        return None
    return _("She is {age} on {date}; the screening is for women of {low} to {high}.").format(
        age=age, date=day.isoformat(), low=MIN_AGE, high=MAX_AGE
    )


# --- the round --------------------------------------------------------------------------------------


@dataclass
class RoundInput:
    """What a user typed for a round."""

    year: int = 0
    name: str = ""
    quota: int = 0
    starts_on: _dt.date | None = None
    ends_on: _dt.date | None = None
    place: str = ""
    notes: str = ""


def _same_name(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split()).lower()


def other_round(unit: str, year: int, name: str, exclude: str | None = None) -> ScreeningRound | None:
    """A live round of the unit in ``year`` with the same name (spaces and width aside), if any."""
    query = ScreeningRound.live().where((ScreeningRound.unit == unit) & (ScreeningRound.year == year))
    if exclude:
        query = query.where(ScreeningRound.uuid != exclude)
    wanted = _same_name(name)
    return next((r for r in query if _same_name(r.name) == wanted), None)


def check_round(data: RoundInput, unit: str, existing: ScreeningRound | None = None) -> list[FieldError]:
    errors: list[FieldError] = []
    problem = year_problem(data.year) if isinstance(data.year, int) and data.year else None
    if not isinstance(data.year, int) or not data.year:
        problem = _("The year is required.")
    if problem:
        errors.append(FieldError("year", problem))
    if not isinstance(data.quota, int) or not 0 <= data.quota <= MAX_QUOTA:
        errors.append(FieldError("quota", _("The quota must be a whole number from 0 to {n}.").format(n=MAX_QUOTA)))
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        errors.append(FieldError("ends_on", _("The round cannot end before it starts.")))
    for name in ("starts_on", "ends_on"):
        day = getattr(data, name)
        if day is not None and not problem and abs(day.year - data.year) > 1:
            errors.append(FieldError(name, _("The date is not near the round's year {year}.").format(year=data.year)))
    errors += fields.check_texts("screening_round", data)
    if not problem and not any(e.field == "name" for e in errors):
        other = other_round(unit, data.year, data.name, existing.uuid if existing else None)
        if other is not None:
            errors.append(
                FieldError(
                    "name",
                    _("{year} already has a round of this name; give this one another name (e.g. 第二批).").format(
                        year=data.year
                    ),
                )
            )
    if existing is not None and not problem:
        errors += _dates_of_women_problems(data, existing)
    if existing is not None and data.starts_on is not None:
        first = _first_date(existing, ScreeningWoman.examined_on)
        if first is not None and first < data.starts_on:
            errors.append(
                FieldError(
                    "starts_on",
                    _("A woman was examined on {date}: the round cannot start after that.").format(
                        date=first.isoformat()
                    ),
                )
            )
    return errors


def _dates_of_women_problems(data: RoundInput, existing: ScreeningRound) -> list[FieldError]:
    """A changed round keeps its women's sign-up and examination dates inside it and its women of the age."""
    errors: list[FieldError] = []
    for name, column in (("signed up", ScreeningWoman.signed_up_on), ("examined", ScreeningWoman.examined_on)):
        last = _last_date(existing, column)
        if last is None:
            continue
        if problem := _round_date_problem(last, data.year, data.ends_on, examined=name == "examined"):
            errors.append(FieldError("ends_on" if data.ends_on and last > data.ends_on else "year", problem))
            break
    day = _reference_day(data.starts_on, data.year)
    for woman in women_of(existing):
        if problem := _age_problem_on(woman.birth_month, day):
            errors.append(
                FieldError(
                    "starts_on" if data.starts_on else "year",
                    _("{name}: {problem} Remove her from the round first, or keep its start.").format(
                        name=woman.name, problem=problem
                    ),
                )
            )
            break
    return errors


def _round_date_problem(day: _dt.date, year: int, ends_on: _dt.date | None, examined: bool) -> str | None:
    """Why a sign-up or examination on ``day`` does not fall in a round of ``year`` ending ``ends_on``, or None.

    A sign-up may come before the round's year (women sign up ahead), an examination not.
    """
    if ends_on is not None and day > ends_on:
        return _("The round ends on {date}: no one signs up or is examined after that.").format(
            date=ends_on.isoformat()
        )
    if day.year > year or (examined and day.year < year):
        return _("The round is of {year}: {date} is not in it.").format(year=year, date=day.isoformat())
    return None


def _last_date(screening_round: ScreeningRound, column) -> _dt.date | None:
    return (
        ScreeningWoman.select(fn.MAX(column))
        .where((ScreeningWoman.screening_round == screening_round.uuid) & (ScreeningWoman.deleted == False))
        .scalar()
    )


def _first_date(screening_round: ScreeningRound, column) -> _dt.date | None:
    return (
        ScreeningWoman.select(fn.MIN(column))
        .where((ScreeningWoman.screening_round == screening_round.uuid) & (ScreeningWoman.deleted == False))
        .scalar()
    )


def save_round(data: RoundInput, unit: str, screening_round: ScreeningRound | None = None) -> ScreeningRound:
    """Check and save a round (new when ``screening_round`` is None) in one transaction.

    At most one live round of a name a unit and year: a second batch the same
    year is entered as a round of its own name (第二批), never twice by mistake.
    """
    clean = RoundInput(**{k: getattr(data, k) for k in RoundInput.__dataclass_fields__})
    with database.atomic():
        errors = check_round(clean, unit, screening_round)
        if errors:
            raise ValidationError(errors)
        screening_round = screening_round or ScreeningRound(unit=unit)
        for name in RoundInput.__dataclass_fields__:
            setattr(screening_round, name, getattr(clean, name))
        screening_round.save()
    return screening_round


def round_input(screening_round: ScreeningRound) -> RoundInput:
    return RoundInput(**{k: getattr(screening_round, k) for k in RoundInput.__dataclass_fields__})


def rounds(unit: str, year: int | None = None) -> list[ScreeningRound]:
    """The unit's live rounds (of ``year``), the latest year first, then by name."""
    query = ScreeningRound.live().where(ScreeningRound.unit == unit)
    if year is not None:
        query = query.where(ScreeningRound.year == year)
    return list(query.order_by(ScreeningRound.year.desc(), ScreeningRound.name, ScreeningRound.created_at))


def years(unit: str) -> list[int]:
    """The years the unit has a live round in, the latest first."""
    query = (
        ScreeningRound.select(ScreeningRound.year)
        .where((ScreeningRound.unit == unit) & (ScreeningRound.deleted == False))
        .distinct()
        .order_by(ScreeningRound.year.desc())
    )
    return [int(y) for y in query.scalars()]


def live_round(uuid: str | None) -> ScreeningRound | None:
    if not uuid:
        return None
    return ScreeningRound.live().where(ScreeningRound.uuid == uuid).first()


def round_title(screening_round: ScreeningRound) -> str:
    """2026年 or 2026年 第二批: how a round is named on screen and on paper."""
    year = _("Year {year}").format(year=screening_round.year)
    if str(screening_round.year) in screening_round.name:
        return screening_round.name  # "2026年农村妇女“两癌”免费检查" already says its year
    return f"{year} {screening_round.name}".strip() if screening_round.name else year


# --- the women --------------------------------------------------------------------------------------


@dataclass
class WomanInput:
    """What a user typed for one woman of a round. No field for any result: none is ever kept."""

    name: str = ""
    birth_month: str | None = None  # "YYYY-MM" or as typed (1978.05)
    group_name: str = ""
    registered_here: bool = True
    low_income: bool = False
    phone: str = ""
    notes: str = ""


def check_woman(data: WomanInput, screening_round: ScreeningRound | None) -> tuple[WomanInput, list[FieldError]]:
    clean = WomanInput(**{k: getattr(data, k) for k in WomanInput.__dataclass_fields__})
    errors: list[FieldError] = []
    clean.name = normalize_name(data.name)
    if not clean.name:
        errors.append(FieldError("name", _("The name is required.")))
    clean.birth_month, problem = parse_year_month(data.birth_month)
    if problem:
        errors.append(FieldError("birth_month", problem))
    elif screening_round is not None:
        problem = age_problem(clean.birth_month, screening_round)
        if problem:
            errors.append(FieldError("birth_month", problem))
    clean.phone, problem = normalize_phone(data.phone)
    if problem:
        errors.append(FieldError("phone", problem))
    names = tuple(n for n in fields.columns("screening_woman") if n != "phone" or not problem)
    errors += [e for e in fields.check_texts("screening_woman", clean, names) if e.field != "name" or clean.name]
    return clean, errors


def _duplicate(screening_round: ScreeningRound, name: str, birth_month: str | None, exclude: str | None = None):
    query = ScreeningWoman.live().where(
        (ScreeningWoman.screening_round == screening_round.uuid)
        & (ScreeningWoman.name == name)
        & (ScreeningWoman.birth_month == (birth_month or ""))
    )
    if exclude:
        query = query.where(ScreeningWoman.uuid != exclude)
    return query.first()


def already_listed() -> str:
    return _("She is already on this round's list (same name and birth month).")


def save_woman(
    data: WomanInput, screening_round: ScreeningRound, woman: ScreeningWoman | None = None
) -> ScreeningWoman:
    """Add a woman to a round by hand (or edit one) in one transaction; refused with every reason at once."""
    clean, errors = check_woman(data, screening_round)
    with database.atomic():
        if not errors and _duplicate(screening_round, clean.name, clean.birth_month, woman.uuid if woman else None):
            errors.append(FieldError("name", already_listed()))
        if errors:
            raise ValidationError(errors)
        woman = woman or ScreeningWoman(unit=screening_round.unit, screening_round=screening_round.uuid)
        for name in WomanInput.__dataclass_fields__:
            setattr(woman, name, getattr(clean, name))
        woman.save()
    return woman


def woman_input(woman: ScreeningWoman) -> WomanInput:
    return WomanInput(**{k: getattr(woman, k) for k in WomanInput.__dataclass_fields__})


def eligible_from_roster(unit: str, screening_round: ScreeningRound) -> list[Person]:
    """The women of the unit's people list of the round's age (at ``reference_date``) not yet in the round."""
    day = reference_date(screening_round)
    listed = set(
        ScreeningWoman.select(ScreeningWoman.person)
        .where(
            (ScreeningWoman.screening_round == screening_round.uuid)
            & (ScreeningWoman.deleted == False)
            & ScreeningWoman.person.is_null(False)
        )
        .scalars()
    )
    pairs: Any = (
        ScreeningWoman.select(ScreeningWoman.name, ScreeningWoman.birth_month)
        .where((ScreeningWoman.screening_round == screening_round.uuid) & (ScreeningWoman.deleted == False))
        .tuples()
    )
    names = {(name, birth) for name, birth in pairs}
    people = Person.live().where((Person.unit == unit) & (Person.sex == "F")).order_by(Person.name_pinyin)
    found = []
    for person in people:
        age = age_at(person.birth, day)
        if age is None or not MIN_AGE <= age <= MAX_AGE:
            continue
        if person.uuid in listed or (person.name, person.birth) in names:
            continue
        found.append(person)
    return found


def add_from_roster(unit: str, screening_round: ScreeningRound) -> int:
    """Add every woman ``eligible_from_roster`` finds to the round, in one transaction; how many were added."""
    with database.atomic():
        people = eligible_from_roster(unit, screening_round)
        for person in people:
            ScreeningWoman.create(
                unit=unit,
                screening_round=screening_round.uuid,
                person=person.uuid,
                name=person.name,
                birth_month=person.birth or "",
                phone=person.phone,
            )
    return len(people)


def _date_problem(day: _dt.date, today: _dt.date) -> str | None:
    if day > today:
        return _("The date {date} is in the future.").format(date=day.isoformat())
    return year_problem(day.year)


def _women_of(uuids: list[str]) -> list[ScreeningWoman]:
    found: list[ScreeningWoman] = []
    for chunk in in_slices(uuids):
        found += list(ScreeningWoman.live().where(ScreeningWoman.uuid.in_(chunk)))
    return found


def sign_up(uuids: list[str], day: _dt.date | None, unit: str, today: _dt.date | None = None) -> int:
    """Record the women as signed up on ``day`` (None: not signed up after all); one transaction.

    Refused whole (ValidationError on "date") when the day is in the future or
    after a woman's examination, or when a cleared one has been examined.
    """
    today = today or _dt.date.today()
    with database.atomic():
        women = _women_of(uuids)
        _own(women, unit)
        problem = _date_problem(day, today) if day else None
        if problem is None:
            for woman in women:
                if day is None and woman.examined_on:
                    problem = _("{name} has been examined: clear her examination first.").format(name=woman.name)
                elif day and woman.examined_on and day > woman.examined_on:
                    problem = _("{name} was examined on {date}: she signed up on or before that day.").format(
                        name=woman.name, date=woman.examined_on.isoformat()
                    )
                elif day:
                    r = woman.screening_round
                    problem = _round_date_problem(day, r.year, r.ends_on, examined=False)
                if problem:
                    break
        if problem:
            raise ValidationError([FieldError("date", problem)])
        for woman in women:
            woman.signed_up_on = day
            woman.save()
    return len(women)


def examined(uuids: list[str], day: _dt.date | None, unit: str, today: _dt.date | None = None) -> int:
    """Record the women as examined on ``day`` (None: not examined after all); one transaction.

    Not before her sign-up, not before the round starts, not in the future. A
    woman examined without a sign-up on record (she came on the day) is signed
    up that day too. Only the date is kept: never a result.
    """
    today = today or _dt.date.today()
    with database.atomic():
        women = _women_of(uuids)
        _own(women, unit)
        problem = _date_problem(day, today) if day else None
        if problem is None and day is not None:
            starts = {w.screening_round_id: w.screening_round.starts_on for w in women}
            for woman in women:
                start = starts.get(woman.screening_round_id)
                if start and day < start:
                    problem = _("The round starts on {date}: no one is examined before.").format(date=start.isoformat())
                elif woman.signed_up_on and day < woman.signed_up_on:
                    problem = _("{name} signed up on {date}: she is examined on or after that day.").format(
                        name=woman.name, date=woman.signed_up_on.isoformat()
                    )
                else:
                    r = woman.screening_round
                    problem = _round_date_problem(day, r.year, r.ends_on, examined=True)
                if problem:
                    break
        if problem:
            raise ValidationError([FieldError("date", problem)])
        for woman in women:
            woman.examined_on = day
            if day is not None and woman.signed_up_on is None:
                woman.signed_up_on = day
            woman.save()
    return len(women)


def _own(women: list[ScreeningWoman], unit: str) -> None:
    if any(w.unit != unit for w in women):
        raise ValidationError([FieldError("date", _("Records reported by units below can only be viewed."))])


def women_of(screening_round: ScreeningRound) -> list[ScreeningWoman]:
    """A round's live women by group and name (the sign-up form's order)."""
    return list(
        ScreeningWoman.live()
        .where(ScreeningWoman.screening_round == screening_round.uuid)
        .order_by(ScreeningWoman.group_name, ScreeningWoman.name, ScreeningWoman.uuid)
    )


@dataclass(frozen=True)
class WomanFilters:
    screening_round: str | None = None  # a round's uuid; None shows no one
    status: str | None = None  # a STATUS code
    text: str = ""


class WomanListing(Listing):
    """The women of a round as the 两癌检查 page lists them."""

    model = ScreeningWoman
    sort_keys = {
        "name": lambda: ScreeningWoman.name,
        "birth": lambda: ScreeningWoman.birth_month,
        "group": lambda: ScreeningWoman.group_name,
        "registered": lambda: ScreeningWoman.registered_here,
        "low_income": lambda: ScreeningWoman.low_income,
        "signed_up": lambda: ScreeningWoman.signed_up_on,
        "examined": lambda: ScreeningWoman.examined_on,
    }

    def __init__(self, scope: Scope, filters: WomanFilters | None = None):
        super().__init__(scope)
        self.filters = filters or WomanFilters()

    def filtered(self):
        query = self.everything().where(ScreeningWoman.screening_round == (self.filters.screening_round or ""))
        status = self.filters.status
        if status == "not_signed_up":
            query = query.where(ScreeningWoman.signed_up_on.is_null())
        elif status == "signed_up":
            query = query.where(ScreeningWoman.signed_up_on.is_null(False) & ScreeningWoman.examined_on.is_null())
        elif status == "examined":
            query = query.where(ScreeningWoman.examined_on.is_null(False))
        text = normalize_name(self.filters.text)
        if text:
            pattern = f"%{text}%"
            query = query.where((ScreeningWoman.name**pattern) | (ScreeningWoman.group_name**pattern))
        return query

    def tiebreak(self):
        return (ScreeningWoman.group_name, ScreeningWoman.name, ScreeningWoman.uuid)


# --- counts and progress ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    quota: int = 0
    eligible: int = 0
    signed_up: int = 0
    examined: int = 0

    def share(self) -> float | None:
        """Examined against the quota (None when the quota is 0)."""
        return self.examined / self.quota if self.quota else None


def totals(screening_round: ScreeningRound) -> Totals:
    women = ScreeningWoman.live().where(ScreeningWoman.screening_round == screening_round.uuid)
    signed = fn.SUM(Case(None, [(ScreeningWoman.signed_up_on.is_null(False), 1)], 0))
    seen = fn.SUM(Case(None, [(ScreeningWoman.examined_on.is_null(False), 1)], 0))
    eligible, signed_up, examined_count = women.select(fn.COUNT(ScreeningWoman.uuid), signed, seen).tuples().get()
    return Totals(screening_round.quota, int(eligible or 0), int(signed_up or 0), int(examined_count or 0))


def iso_week(day: _dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


@dataclass(frozen=True)
class WeekRow:
    """One ISO week of a round: how many signed up and were examined in it, and so far."""

    week: str  # 2026-W15
    monday: _dt.date
    signed_up: int
    examined: int
    signed_up_so_far: int
    examined_so_far: int
    quota: int

    def share(self) -> float | None:
        return self.examined_so_far / self.quota if self.quota else None


def week_progress(unit: str, screening_round: ScreeningRound) -> list[WeekRow]:
    """Per ISO week from the first sign-up or examination to the last (weeks without any included)."""
    signed: dict[_dt.date, int] = {}
    seen: dict[_dt.date, int] = {}
    query: Any = ScreeningWoman.select(ScreeningWoman.signed_up_on, ScreeningWoman.examined_on).where(
        (ScreeningWoman.unit == unit)
        & (ScreeningWoman.screening_round == screening_round.uuid)
        & (ScreeningWoman.deleted == False)
    )
    for signed_on, examined_on in query.tuples():
        if signed_on:
            monday = signed_on - _dt.timedelta(days=signed_on.weekday())
            signed[monday] = signed.get(monday, 0) + 1
        if examined_on:
            monday = examined_on - _dt.timedelta(days=examined_on.weekday())
            seen[monday] = seen.get(monday, 0) + 1
    mondays = sorted(set(signed) | set(seen))
    if not mondays:
        return []
    rows: list[WeekRow] = []
    so_far_signed = so_far_seen = 0
    monday = mondays[0]
    while monday <= mondays[-1]:
        so_far_signed += signed.get(monday, 0)
        so_far_seen += seen.get(monday, 0)
        rows.append(
            WeekRow(
                iso_week(monday),
                monday,
                signed.get(monday, 0),
                seen.get(monday, 0),
                so_far_signed,
                so_far_seen,
                screening_round.quota,
            )
        )
        monday += _dt.timedelta(days=7)
    return rows


TOTAL_CODES = ("quota", "eligible", "signed_up", "examined")


def year_counts(unit: str, year: int) -> Counts:
    """What travels upward of the unit's rounds of ``year`` (register "screening", period "YYYY"):
    ("total", quota / eligible / signed_up / examined), ("week", "YYYY-Www") examined in that ISO week,
    ("age_band", 35_44 / 45_54 / 55_64) of those examined. No names, no dates of birth.

    Empty when the unit has no round that year (nothing to report); otherwise every total and band, zeros too.
    """
    found = rounds(unit, year)
    if not found:
        return {}
    counts: Counts = {}
    for screening_round in found:
        for key, n in round_counts(screening_round).items():
            counts[key] = counts.get(key, 0) + n
    return counts


def round_counts(screening_round: ScreeningRound) -> Counts:
    """One round's figures as ``year_counts`` gives them (every total and band, zeros too): the village's
    progress form prints these, so what it shows is what travels."""
    day = reference_date(screening_round)
    counts: Counts = {("total", code): 0 for code in TOTAL_CODES}
    counts.update({("age_band", code): 0 for code, _low, _high in AGE_BANDS})
    counts[("total", "quota")] = screening_round.quota
    for woman in ScreeningWoman.live().where(ScreeningWoman.screening_round == screening_round.uuid):
        counts[("total", "eligible")] += 1
        if woman.signed_up_on:
            counts[("total", "signed_up")] += 1
        if woman.examined_on:
            counts[("total", "examined")] += 1
            week = ("week", iso_week(woman.examined_on))
            counts[week] = counts.get(week, 0) + 1
            band = age_band(age_at(woman.birth_month, day))
            if band is not None:
                counts[("age_band", band)] += 1
    return counts
