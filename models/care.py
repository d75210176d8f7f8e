"""People helped (重点帮扶对象): the register, the paired helpers, acts of help, contacts with parents.

Children's and women's names, birth months and circumstances never leave the
unit; packages carry counts by category and age band (models/care_counts.py).
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from peewee import Case, CharField, DateField, FloatField, ForeignKeyField, TextField, fn

from models import fields
from models.base import FieldError, Record, ValidationError, children_of, database
from models.care_counts import Counts
from models.codes import SEX, CodeTable
from models.i18n import N_, _, format_list_date
from models.listing import Listing, Scope, year_problem
from models.people import Person, age_at, normalize_name, normalize_phone, parse_year_month, split_year_month


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


# --- codes ------------------------------------------------------------------------------------------

CATEGORY = CodeTable(
    "care_category",
    [
        ("left_behind_child", N_("Left-behind child")),  # 留守儿童
        ("child_in_hardship", N_("Child in hardship")),  # 困境儿童
        ("woman_in_hardship", N_("Woman in hardship")),  # 困难妇女
        ("ill_woman", N_("Woman with serious illness")),  # 患病妇女
        ("poverty_monitoring", N_("Household under poverty monitoring")),  # 防返贫监测户
    ],
    aliases={
        "留守儿童": "left_behind_child",
        "困境儿童": "child_in_hardship",
        "困难妇女": "woman_in_hardship",
        "患病妇女": "ill_woman",
        "两癌患病妇女": "ill_woman",
        "监测户": "poverty_monitoring",
        "防返贫监测户": "poverty_monitoring",
    },
)
# The categories of children: a birth month is required and the child is under 18 at the date.
CHILD_CATEGORIES = ("left_behind_child", "child_in_hardship")
ACT_KIND = CodeTable(
    "care_act_kind",
    [
        ("visit", N_("Visit")),  # 走访慰问
        ("goods", N_("Goods")),  # 物资
        ("money", N_("Money")),  # 资金
        ("study", N_("Help with school")),  # 学业辅导
        ("other", N_("Other help")),
    ],
    aliases={"走访": "visit", "慰问": "visit", "物资": "goods", "资金": "money", "学业": "study", "其他": "other"},
)
CONTACT_WAY = CodeTable(
    "parent_contact_way",
    [
        ("phone", N_("Phone call")),
        ("video", N_("Video call")),
        ("visit", N_("In person")),
        ("wechat", N_("WeChat")),
        ("other", N_("Other way")),
    ],
    aliases={"电话": "phone", "视频": "video", "见面": "visit", "当面": "visit", "微信": "wechat", "其他": "other"},
)
# The age bands packages count children and adults by (at the year's end).
AGE_BANDS = ("under_14", "14_17", "18_over")
ADULT_AGE = 18
MAX_AMOUNT = Decimal("1000000")  # yuan for one act: more is a typing slip


# --- people helped ----------------------------------------------------------------------------------


@dataclass
class TargetInput:
    """What a user typed for one person helped."""

    category: str = "left_behind_child"
    name: str = ""
    sex: str = "F"
    birth_month: str = ""  # as typed: 2015.06, 2015-06, 2015年6月
    person: str | None = None  # a person of the unit, when she is one
    group_name: str = ""
    guardian: str = ""  # children only
    parents: str = ""  # children only: the parents and where they work
    phone: str = ""
    helper: str = ""  # the paired helper (爱心妈妈/执委妈妈), by name
    helper_person: str | None = None  # ... and when she is a person of the unit
    since: _dt.date | None = None
    ended_on: _dt.date | None = None
    notes: str = ""

    TEXT_FIELDS = ("name", "group_name", "guardian", "parents", "phone", "helper", "notes")


def _live_person(uuid: str | None, unit: str) -> Person | None:
    if not uuid:
        return None
    return Person.live().where((Person.uuid == uuid) & (Person.unit == unit)).first()


def _day_problem(day: _dt.date | None, today: _dt.date, required: bool = True) -> str | None:
    if day is None:
        return _("The date is required.") if required else None
    if day > today:
        return _("The date is in the future; record it after it took place.")
    return year_problem(day.year)


def check_target(data: TargetInput, unit: str, today: _dt.date | None = None) -> tuple[TargetInput, list[FieldError]]:
    today = today or _dt.date.today()
    clean = TargetInput(**{k: getattr(data, k) for k in TargetInput.__dataclass_fields__})
    errors: list[FieldError] = []
    if data.category not in CATEGORY.entries:
        errors.append(FieldError("category", _("Choose the category of the person helped.")))
    child = data.category in CHILD_CATEGORIES
    person = _live_person(data.person, unit)
    if data.person and person is None:
        errors.append(FieldError("person", _("Choose a person on this unit's list.")))
    clean.person = person.uuid if person else None
    clean.name = normalize_name(data.name) or (person.name if person else "")
    if not clean.name:
        errors.append(FieldError("name", _("The name is required.")))
    if data.sex not in SEX.entries:
        errors.append(FieldError("sex", _("Choose female or male.")))
    month, problem = parse_year_month(data.birth_month)
    clean.birth_month = month or ""
    if problem:
        errors.append(FieldError("birth_month", problem))
    elif child and not month:
        errors.append(FieldError("birth_month", _("A child's birth month is required.")))
    elif month:
        on = data.since or today
        age = age_at(month, on)
        if age is not None and age < 0:
            errors.append(FieldError("birth_month", _("The birth month is after the date helped from.")))
        elif child and age is not None and age >= ADULT_AGE:
            errors.append(
                FieldError(
                    "birth_month",
                    _("A child must be under 18 on {date}; this one is {age}.").format(
                        date=format_list_date(on), age=age
                    ),
                )
            )
    if not child:
        clean.guardian, clean.parents = "", ""
    helper = _live_person(data.helper_person, unit)
    if data.helper_person and helper is None:
        errors.append(FieldError("helper_person", _("Choose a person on this unit's list.")))
    clean.helper_person = helper.uuid if helper else None
    if helper is not None and not normalize_name(data.helper):
        clean.helper = helper.name
    clean.phone, problem = normalize_phone(data.phone)
    if problem:
        errors.append(FieldError("phone", problem))
    names = tuple(n for n in TargetInput.TEXT_FIELDS if n != "phone" or not problem)
    errors += [e for e in fields.check_texts("care_target", clean, names) if e.field != "name" or clean.name]
    if (problem := _day_problem(data.since, today, required=False)) is not None:
        errors.append(FieldError("since", problem))
    if (problem := _day_problem(data.ended_on, today, required=False)) is not None:
        errors.append(FieldError("ended_on", problem))
    elif data.ended_on and data.since and data.ended_on < data.since:
        errors.append(FieldError("ended_on", _("The help cannot end before it began.")))
    return clean, errors


def save_target(
    data: TargetInput, unit: str, target: CareTarget | None = None, today: _dt.date | None = None
) -> CareTarget:
    """Check and save a person helped in one transaction."""
    clean, errors = check_target(data, unit, today)
    if target is not None and target.category == "left_behind_child" and clean.category != "left_behind_child":
        if ParentContact.live().where(ParentContact.target == target.uuid).exists():
            errors.append(
                FieldError(
                    "category",
                    _("Contacts with the parents are recorded for this child: delete them before changing category."),
                )
            )
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        target = target or CareTarget(unit=unit)
        for name in TargetInput.__dataclass_fields__:
            setattr(target, name, getattr(clean, name))
        target.save()
    return target


def target_input(target: CareTarget) -> TargetInput:
    data = TargetInput(**{n: getattr(target, n) for n in TargetInput.__dataclass_fields__})
    data.person, data.helper_person = target.person_id, target.helper_person_id
    data.birth_month = target.birth_month.replace("-", ".") if target.birth_month else ""
    return data


def live_target(uuid: str | None, unit: str | None = None) -> CareTarget | None:
    if not uuid:
        return None
    query = CareTarget.live().where(CareTarget.uuid == uuid)
    if unit is not None:
        query = query.where(CareTarget.unit == unit)
    return query.first()


def live_act(uuid: str | None) -> CareAct | None:
    return CareAct.live().where(CareAct.uuid == uuid).first() if uuid else None


def live_parent_contact(uuid: str | None) -> ParentContact | None:
    return ParentContact.live().where(ParentContact.uuid == uuid).first() if uuid else None


# --- acts of help -----------------------------------------------------------------------------------


@dataclass
class ActInput:
    """What a user typed for one act of help."""

    target: str | None = None
    date: _dt.date | None = None
    kind: str = "visit"
    what: str = ""
    goods: str = ""
    amount: str | float | Decimal | None = None  # yuan, as typed
    helper: str = ""

    TEXT_FIELDS = ("what", "goods", "helper")


def parse_amount(value: str | float | Decimal | None) -> tuple[Decimal | None, str | None]:
    """An amount in yuan → (Decimal, None) or (None, why not); empty is None."""
    if value is None:
        return None, None
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").removesuffix("元").strip()
    if not text:
        return None, None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None, _("Write the amount in yuan as a number, e.g. 200 or 150.50.")
    if not amount.is_finite() or amount < 0:
        return None, _("The amount cannot be negative.")
    if amount != amount.quantize(Decimal("0.01")):
        return None, _("The amount has at most two decimals (fen).")
    if amount > MAX_AMOUNT:
        return None, _("The amount is more than {n} yuan: check it.").format(n=MAX_AMOUNT)
    return amount.quantize(Decimal("0.01")), None


def check_act(data: ActInput, unit: str, today: _dt.date | None = None) -> tuple[ActInput, list[FieldError]]:
    today = today or _dt.date.today()
    clean = ActInput(**{k: getattr(data, k) for k in ActInput.__dataclass_fields__})
    errors: list[FieldError] = []
    target = live_target(data.target, unit)
    if target is None:
        errors.append(FieldError("target", _("Choose a person on the register of people helped.")))
    if (problem := _day_problem(data.date, today) or _outside_target_problem(target, data.date)) is not None:
        errors.append(FieldError("date", problem))
    if data.kind not in ACT_KIND.entries:
        errors.append(FieldError("kind", _("Choose the kind of help.")))
    amount, problem = parse_amount(data.amount)
    clean.amount = amount
    if problem:
        errors.append(FieldError("amount", problem))
    elif data.kind == "money" and not amount:
        errors.append(FieldError("amount", _("Give the amount of money.")))
    errors += fields.check_texts("care_act", clean, ActInput.TEXT_FIELDS)
    if not clean.what and not clean.goods and not amount:
        errors.append(FieldError("what", _("Say what help was given.")))
    return clean, errors


def _outside_target_problem(target: CareTarget | None, day: _dt.date | None) -> str | None:
    """Why help or a contact on ``day`` cannot be on the person's record: before her birth month, before she
    was helped or after her help ended; None when it can."""
    if target is None or day is None:
        return None
    born = split_year_month(target.birth_month)
    if born is not None and day < _dt.date(*born, 1):
        return _("{name} was born in {month}: the date cannot be before that.").format(
            name=target.name, month=target.birth_month
        )
    if target.since is not None and day < target.since:
        return _("{name} has been helped since {date}: the date cannot be before that.").format(
            name=target.name, date=target.since.isoformat()
        )
    if target.ended_on is not None and day > target.ended_on:
        return _("{name}'s help ended on {date}: the date cannot be after that.").format(
            name=target.name, date=target.ended_on.isoformat()
        )
    return None


def save_act(data: ActInput, unit: str, act: CareAct | None = None, today: _dt.date | None = None) -> CareAct:
    """Check and save an act of help in one transaction."""
    clean, errors = check_act(data, unit, today)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        act = act or CareAct(unit=unit)
        for name in ("target", "date", "kind", "what", "goods", "helper"):
            setattr(act, name, getattr(clean, name))
        act.amount = float(clean.amount) if isinstance(clean.amount, Decimal) else None
        act.save()
    return act


def act_input(act: CareAct) -> ActInput:
    amount = None if act.amount is None else f"{Decimal(str(act.amount)).quantize(Decimal('0.01'))}"
    return ActInput(act.target_id, act.date, act.kind, act.what, act.goods, amount, act.helper)


def format_amount(amount: float | None) -> str:
    """An amount in yuan as lists and forms show it: 200, 150.50."""
    if amount is None:
        return ""
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    return f"{value:.0f}" if value == value.to_integral_value() else f"{value:.2f}"


# --- contacts with parents --------------------------------------------------------------------------


@dataclass
class ParentContactInput:
    """What a user typed for one contact with a left-behind child's parents."""

    target: str | None = None
    date: _dt.date | None = None
    way: str = "phone"
    parent: str = ""
    summary: str = ""

    TEXT_FIELDS = ("parent", "summary")


def check_parent_contact(
    data: ParentContactInput, unit: str, today: _dt.date | None = None
) -> tuple[ParentContactInput, list[FieldError]]:
    today = today or _dt.date.today()
    clean = ParentContactInput(**{k: getattr(data, k) for k in ParentContactInput.__dataclass_fields__})
    errors: list[FieldError] = []
    target = live_target(data.target, unit)
    if target is None:
        errors.append(FieldError("target", _("Choose a person on the register of people helped.")))
    elif target.category != "left_behind_child":
        errors.append(FieldError("target", _("Contacts with parents are kept for left-behind children only.")))
    if (problem := _day_problem(data.date, today) or _outside_target_problem(target, data.date)) is not None:
        errors.append(FieldError("date", problem))
    if data.way not in CONTACT_WAY.entries:
        errors.append(FieldError("way", _("Choose how the parents were contacted.")))
    errors += fields.check_texts("parent_contact", clean, ParentContactInput.TEXT_FIELDS)
    return clean, errors


def save_parent_contact(
    data: ParentContactInput, unit: str, contact: ParentContact | None = None, today: _dt.date | None = None
) -> ParentContact:
    """Check and save a contact with a left-behind child's parents in one transaction."""
    clean, errors = check_parent_contact(data, unit, today)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        contact = contact or ParentContact(unit=unit)
        for name in ParentContactInput.__dataclass_fields__:
            setattr(contact, name, getattr(clean, name))
        contact.save()
    return contact


def parent_contact_input(contact: ParentContact) -> ParentContactInput:
    return ParentContactInput(contact.target_id, contact.date, contact.way, contact.parent, contact.summary)


# --- lists ------------------------------------------------------------------------------------------


def year_range(year: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(year, 1, 1), _dt.date(year, 12, 31)


def month_range(month: str) -> tuple[_dt.date, _dt.date]:
    """The first and last day of a month written "YYYY-MM"."""
    ym = split_year_month(month)
    if ym is None:
        raise ValueError(f"not a month: {month!r}")
    first = _dt.date(*ym, 1)
    following = _dt.date(ym[0] + 1, 1, 1) if ym[1] == 12 else _dt.date(ym[0], ym[1] + 1, 1)
    return first, following - _dt.timedelta(days=1)


def _helped_between(first: _dt.date, last: _dt.date):
    """The condition on people helped at some time from ``first`` to ``last``."""
    return (CareTarget.since.is_null() | (CareTarget.since <= last)) & (
        CareTarget.ended_on.is_null() | (CareTarget.ended_on >= first)
    )


def targets(unit: str, category: str | None = None, year: int | None = None, include_ended: bool = True):
    """The unit's live people helped by category, group and name; with ``year``, those helped in it."""
    query = CareTarget.live().where(CareTarget.unit == unit)
    if category:
        query = query.where(CareTarget.category == category)
    if year is not None:
        query = query.where(_helped_between(*year_range(year)))
    if not include_ended:
        query = query.where(CareTarget.ended_on.is_null())
    order = Case(CareTarget.category, [(code, n) for n, code in enumerate(CATEGORY.codes())], len(CATEGORY.codes()))
    return query.order_by(order, CareTarget.group_name, CareTarget.name)


def acts_of(target: CareTarget, year: int | None = None) -> list[CareAct]:
    """A person's acts of help (of ``year``), oldest first."""
    query = CareAct.live().where(CareAct.target == target.uuid)
    if year is not None:
        query = query.where(CareAct.date.between(*year_range(year)))
    return list(query.order_by(CareAct.date, CareAct.created_at))


def contacts_of(target: CareTarget, year: int | None = None) -> list[ParentContact]:
    """A child's contacts with the parents (of ``year``), oldest first."""
    query = ParentContact.live().where(ParentContact.target == target.uuid)
    if year is not None:
        query = query.where(ParentContact.date.between(*year_range(year)))
    return list(query.order_by(ParentContact.date, ParentContact.created_at))


def targets_with_records(unit: str, year: int) -> list[CareTarget]:
    """The people with an act of help or a contact with the parents in ``year``, in register order."""
    first, last = year_range(year)
    with_acts = CareAct.live().select(CareAct.target).where((CareAct.unit == unit) & CareAct.date.between(first, last))
    with_contacts = (
        ParentContact.live()
        .select(ParentContact.target)
        .where((ParentContact.unit == unit) & ParentContact.date.between(first, last))
    )
    query = targets(unit).where(CareTarget.uuid.in_(with_acts) | CareTarget.uuid.in_(with_contacts))
    return list(query)


def years_with_records(unit: str) -> list[int]:
    """The years with acts of help or contacts, the latest first."""
    found: set[int] = set()
    for model in (CareAct, ParentContact):
        rows = model.live().select(model.date.year.distinct()).where(model.unit == unit).tuples()
        found |= {int(year) for (year,) in rows if year is not None}
    return sorted(found, reverse=True)


@dataclass(frozen=True)
class TargetFilters:
    category: str | None = None
    include_ended: bool = False
    text: str = ""


ACTS = "acts_count"  # the listing's column: acts of help recorded
LAST_ACT = "last_act"  # ... and the date of the latest


def acts_count_of(target: CareTarget) -> int:
    """The acts of help a listed person has (the listing reads them with her)."""
    return int(getattr(target, ACTS, 0) or 0)


def last_act_of(target: CareTarget) -> _dt.date | None:
    """The date of a listed person's latest act of help."""
    value = getattr(target, LAST_ACT, None)
    return _dt.date.fromisoformat(value) if isinstance(value, str) else value


class TargetListing(Listing):
    """People helped as the register shows them: ended ones hidden unless asked."""

    model = CareTarget
    sort_keys = {
        "category": lambda: CareTarget.category,
        "name": lambda: CareTarget.name,
        "birth_month": lambda: CareTarget.birth_month,
        "group": lambda: CareTarget.group_name,
        "helper": lambda: CareTarget.helper,
        "since": lambda: CareTarget.since,
    }

    def __init__(self, scope: Scope, filters: TargetFilters | None = None):
        super().__init__(scope)
        self.filters = filters or TargetFilters()

    def filtered(self):
        query = self.everything()
        if self.filters.category:
            query = query.where(CareTarget.category == self.filters.category)
        if not self.filters.include_ended:
            query = query.where(CareTarget.ended_on.is_null())
        text = self.filters.text.strip()
        if text:
            pattern = f"%{text}%"
            query = query.where(
                (CareTarget.name**pattern) | (CareTarget.group_name**pattern) | (CareTarget.helper**pattern)
            )
        return query

    def decorate(self, query):
        acts = (
            CareAct.select(fn.COUNT(CareAct.uuid))
            .where((CareAct.target == CareTarget.uuid) & (CareAct.deleted == False))
            .alias(ACTS)
        )
        last = (
            CareAct.select(fn.MAX(CareAct.date))
            .where((CareAct.target == CareTarget.uuid) & (CareAct.deleted == False))
            .alias(LAST_ACT)
        )
        return query.select_extend(acts, last)

    def tiebreak(self):
        return (CareTarget.group_name, CareTarget.name, CareTarget.uuid)


# --- the reminder and the counts --------------------------------------------------------------------


def children_not_contacted(unit: str, month: str) -> list[CareTarget]:
    """Left-behind children helped in ``month`` ("YYYY-MM") with no contact with their parents in it."""
    first, last = month_range(month)
    contacted = (
        ParentContact.live()
        .select(ParentContact.target)
        .where((ParentContact.unit == unit) & ParentContact.date.between(first, last))
    )
    query = (
        CareTarget.live()
        .where(
            (CareTarget.unit == unit)
            & (CareTarget.category == "left_behind_child")
            & _helped_between(first, last)
            & CareTarget.uuid.not_in(contacted)
        )
        .order_by(CareTarget.group_name, CareTarget.name)
    )
    return list(query)


def age_band(birth_month: str, year: int) -> str:
    """The age band at the end of ``year``; without a birth month (adults need none), 18 and over."""
    age = age_at(birth_month, _dt.date(year, 12, 31))
    if age is None or age >= ADULT_AGE:
        return "18_over"
    return "under_14" if age < 14 else "14_17"


def year_counts(unit: str, year: int) -> Counts:
    """The register "care" of ``unit`` for ``year`` as counts (zeros too): what travels instead of the rows.

    ("category", c) people helped during the year; ("age_band", b) of them at
    the year's end; ("acts", kind) acts of help in the year; ("parents_contacted",
    "YYYY-MM") left-behind children whose parents were contacted in that month.
    """
    counts: Counts = {("category", code): 0 for code in CATEGORY.codes()}
    counts.update({("age_band", band): 0 for band in AGE_BANDS})
    counts.update({("acts", kind): 0 for kind in ACT_KIND.codes()})
    counts.update({("parents_contacted", f"{year:04d}-{m:02d}"): 0 for m in range(1, 13)})
    first, last = year_range(year)
    helped = (
        CareTarget.live()
        .select(CareTarget.category, CareTarget.birth_month)
        .where((CareTarget.unit == unit) & _helped_between(first, last))
        .tuples()
    )
    for category, birth_month in helped:
        counts[("category", category)] = counts.get(("category", category), 0) + 1
        band = age_band(birth_month, year)
        counts[("age_band", band)] += 1
    acts = (
        CareAct.live()
        .join(CareTarget, on=(CareTarget.uuid == CareAct.target))
        .select(CareAct.kind, fn.COUNT(CareAct.uuid))
        .where((CareAct.unit == unit) & CareAct.date.between(first, last) & (CareTarget.deleted == False))
        .group_by(CareAct.kind)
        .tuples()
    )
    for kind, n in acts:
        counts[("acts", kind)] = counts.get(("acts", kind), 0) + int(n)
    contacts = (
        ParentContact.live()
        .join(CareTarget, on=(CareTarget.uuid == ParentContact.target))
        .select(ParentContact.date.month, fn.COUNT(ParentContact.target.distinct()))
        .where(
            (ParentContact.unit == unit)
            & ParentContact.date.between(first, last)
            & (CareTarget.deleted == False)
            & (CareTarget.category == "left_behind_child")
        )
        .group_by(ParentContact.date.month)
        .tuples()
    )
    for month, n in contacts:
        counts[("parents_contacted", f"{year:04d}-{int(month):02d}")] = int(n)
    return counts


@dataclass(frozen=True)
class CareReminders:
    """The people-helped part of a village's overview: left-behind children whose parents wait for a contact."""

    month: str  # "YYYY-MM"
    children_not_contacted: int

    @property
    def any(self) -> bool:
        return bool(self.children_not_contacted)


def care_reminders(unit: str, today: _dt.date) -> CareReminders:
    month = f"{today.year:04d}-{today.month:02d}"
    return CareReminders(month, len(children_not_contacted(unit, month)))


# --- the recycle bin (models/recycle_bin.py's kinds) -------------------------------------------------


def target_children(target: CareTarget, deleted: bool) -> list[Record]:
    """A person's acts of help and contacts: the live ones a delete takes along, or those it took."""
    return children_of(target, ((CareAct, CareAct.target), (ParentContact, ParentContact.target)), deleted)


def describe_target(target: CareTarget) -> tuple[str, _dt.date | None, str, str]:
    day = target.since
    return target.name, day, format_list_date(day) if day else "", CATEGORY.label(target.category)


def _target_name(record: CareAct | ParentContact) -> str:
    target = CareTarget.get_or_none(CareTarget.uuid == record.target_id)
    return target.name if target else ""


def describe_act(act: CareAct) -> tuple[str, _dt.date | None, str, str]:
    return _target_name(act), act.date, format_list_date(act.date), ACT_KIND.label(act.kind)


def describe_parent_contact(contact: ParentContact) -> tuple[str, _dt.date | None, str, str]:
    return _target_name(contact), contact.date, format_list_date(contact.date), CONTACT_WAY.label(contact.way)


def check_restore_child(record: CareAct | ParentContact) -> str | None:
    """An act or a contact comes back only to a person still on the register."""
    if live_target(record.target_id) is None:
        return _("Restore the person helped first: {name} is in the recycle bin.").format(name=_target_name(record))
    return None
