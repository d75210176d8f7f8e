"""Letters and visits (来信来访登记). The visitor and the matter never leave the unit."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace

from peewee import Case, CharField, DateField, TextField, fn

from models import fields
from models.base import FieldError, Record, ValidationError, database
from models.care_counts import Counts
from models.codes import CodeTable
from models.i18n import N_, _, format_list_date
from models.listing import Listing, Scope, year_problem


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


WAY = CodeTable(
    "petition_way",
    [
        ("letter", N_("Letter")),  # 来信
        ("visit", N_("Visit in person")),  # 来访
        ("phone", N_("Phone call")),  # 来电
        ("hotline_12338", N_("12338 hotline")),  # 12338热线
        ("online", N_("Online")),  # 网上
    ],
    aliases={
        "来信": "letter",
        "信": "letter",
        "来访": "visit",
        "来电": "phone",
        "电话": "phone",
        "12338": "hotline_12338",
    },
)
CATEGORY = CodeTable(
    "petition_category",
    [
        ("marriage_family", N_("Marriage and family")),  # 婚姻家庭
        ("violence", N_("Domestic violence")),  # 家庭暴力
        ("rights", N_("Legal rights")),  # 权益保障
        ("land", N_("Land rights")),  # 土地权益
        ("children", N_("Children")),  # 儿童
        ("other", N_("Other matter")),  # 其他
    ],
    aliases={"婚姻家庭": "marriage_family", "家暴": "violence", "土地": "land", "儿童": "children", "其他": "other"},
)
STATUS = CodeTable(
    "petition_status",
    [("open", N_("Being handled")), ("closed", N_("Concluded"))],
    aliases={"办理中": "open", "在办": "open", "办结": "closed", "已办结": "closed"},
)
REGISTER = "petitions"  # the register of their counts (models/care_counts.py)


@dataclass
class PetitionInput:
    """What a user typed for one letter, visit or call."""

    date: _dt.date | None = None
    way: str = "visit"
    visitor: str = ""
    matter: str = ""
    category: str = "marriage_family"
    passed_to: str = ""
    result: str = ""
    status: str = "open"

    TEXT_FIELDS = ("visitor", "matter", "passed_to", "result")


def check_petition(data: PetitionInput, today: _dt.date | None = None) -> tuple[PetitionInput, list[FieldError]]:
    today = today or _dt.date.today()
    clean = replace(data)
    errors: list[FieldError] = []
    if data.date is None:
        errors.append(FieldError("date", _("The date is required.")))
    elif data.date > today:
        errors.append(FieldError("date", _("The date is in the future; record it after it took place.")))
    elif problem := year_problem(data.date.year):
        errors.append(FieldError("date", problem))
    if data.way not in WAY.entries:
        errors.append(FieldError("way", _("Choose how the matter came: letter, visit, call.")))
    if data.category not in CATEGORY.entries:
        errors.append(FieldError("category", _("Choose what the matter is about.")))
    if data.status not in STATUS.entries:
        errors.append(FieldError("status", _("Choose whether it is concluded.")))
    errors += fields.check_texts("petition", clean, PetitionInput.TEXT_FIELDS)
    if not clean.matter:
        errors.append(FieldError("matter", _("Say what the matter is.")))
    if data.status == "closed" and not clean.result:
        errors.append(FieldError("result", _("A concluded matter needs its outcome.")))
    return clean, errors


def save_petition(
    data: PetitionInput, unit: str, petition: Petition | None = None, today: _dt.date | None = None
) -> Petition:
    """Check and save a letter or visit in one transaction (ValidationError: nothing written)."""
    if petition is not None and petition.unit != unit:
        raise ValidationError([FieldError("date", _("Records reported by units below can only be viewed."))])
    clean, errors = check_petition(data, today)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        petition = petition or Petition(unit=unit)
        for name in PetitionInput.__dataclass_fields__:
            setattr(petition, name, getattr(clean, name))
        petition.save()
    return petition


def petition_input(petition: Petition) -> PetitionInput:
    return PetitionInput(**{name: getattr(petition, name) for name in PetitionInput.__dataclass_fields__})


def _year_range(year: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)


def petitions(unit: str, year: int | None = None):
    """The unit's live letters and visits, oldest first (forms read them so)."""
    query = Petition.live().where(Petition.unit == unit)
    if year:
        start, end = _year_range(year)
        query = query.where((Petition.date >= start) & (Petition.date < end))
    return query.order_by(Petition.date, Petition.created_at)


def years_with_petitions(unit: str) -> list[int]:
    rows = (
        Petition.live()
        .where(Petition.unit == unit)
        .select(Petition.date.year.distinct())
        .order_by(Petition.date.year.desc())
        .tuples()
    )
    return [int(year) for (year,) in rows if year is not None]


def _open_first():
    return Case(None, [(Petition.status == "open", 0)], 1)


class PetitionListing(Listing):
    """Letters and visits as the 来信来访 tab shows them: those being handled first, then the latest."""

    model = Petition
    sort_keys = {
        "open_first": lambda: _open_first(),
        "date": lambda: Petition.date,
        "way": lambda: Petition.way,
        "visitor": lambda: Petition.visitor,
        "matter": lambda: Petition.matter,
        "category": lambda: Petition.category,
        "passed_to": lambda: Petition.passed_to,
        "status": lambda: Petition.status,
    }

    def __init__(self, scope: Scope, year: int | None = None):
        super().__init__(scope)
        self.year = year

    def filtered(self):
        query = self.everything()
        if self.year:
            start, end = _year_range(self.year)
            query = query.where((Petition.date >= start) & (Petition.date < end))
        return query

    def tiebreak(self):
        return (_open_first(), Petition.date.desc(), Petition.created_at.desc(), Petition.uuid)


def month_counts(unit: str, month: str) -> Counts:
    """The unit's letters and visits of ``month`` ("2026-11") by way, category and status; zeros too."""
    from models.disputes import month_bounds

    start, end = month_bounds(month)
    counts: Counts = {("way", code): 0 for code in WAY.codes()}
    counts.update({("category", code): 0 for code in CATEGORY.codes()})
    counts.update({("status", code): 0 for code in STATUS.codes()})
    query = (
        Petition.live()
        .where((Petition.unit == unit) & (Petition.date >= start) & (Petition.date < end))
        .select(Petition.way, Petition.category, Petition.status, fn.COUNT(Petition.uuid))
        .group_by(Petition.way, Petition.category, Petition.status)
    )
    for way, category, status, n in query.tuples():
        for key in (("way", way), ("category", category), ("status", status)):
            counts[key] = counts.get(key, 0) + n
    return counts


def describe_petition(petition: Petition) -> tuple[str, _dt.date | None, str, str]:
    name = petition.visitor or petition.matter[:40] or WAY.label(petition.way)
    return name, petition.date, format_list_date(petition.date), CATEGORY.label(petition.category)
