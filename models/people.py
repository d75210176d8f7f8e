"""People of a unit (执委与妇女骨干) and the rules their fields obey.

The rules are plain functions that return ``FieldError`` lists; the GUI shows
them beside the field, the command line prints them, the roster import
applies them to every row.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from peewee import BooleanField, Case, CharField, TextField

from models import codes

from . import access_log, fields, id_crypto
from .base import FieldError, Record, ValidationError, database
from .i18n import _, join_list
from .listing import Listing, Scope

# Field names, shared by the rules, the dialog and the import.
FIELDS = (
    "name",
    "sex",
    "ethnicity",
    "birth",
    "id_number",
    "education",
    "political",
    "post",
    "part_time",
    "workplace",
    "identities",
    "two_committees",
    "phone",
    "notes",
)


class IdNumberField(CharField):
    """An ID number: in clear in Python; in the database encrypted while a password is set (``models.id_crypto``).

    Never compare it in a query (an encrypted value differs every time it is
    written): compare ``Person.id_number_key`` with ``id_crypto.lookup_key``.
    """

    def db_value(self, value):
        return id_crypto.seal(super().db_value(value))

    def python_value(self, value):
        return id_crypto.unseal(super().python_value(value))


class Person(Record):
    """One woman (or man) on the unit's lists: committee member or backbone."""

    name = CharField(max_length=fields.max_length("person", "name"))
    name_pinyin = CharField(max_length=200, default="", index=True)
    name_initials = CharField(max_length=50, default="", index=True)
    sex = CharField(max_length=1, default="F")
    ethnicity = CharField(max_length=2, null=True)  # GB/T 3304
    birth = CharField(max_length=7, null=True)  # 出生年月, "YYYY-MM"
    # 18 characters in clear; an encrypted value is longer. It travels in clear, at most 18 (exchange.tables).
    id_number = IdNumberField(max_length=100, null=True)
    id_number_key = CharField(max_length=32, null=True, index=True)  # id_crypto.lookup_key: every lookup uses it
    education = CharField(max_length=2, null=True)  # GB/T 4658
    political = CharField(max_length=2, null=True)  # GB/T 4762
    post = CharField(max_length=32, null=True)  # codes.POST
    part_time = BooleanField(default=True)
    workplace = CharField(max_length=fields.max_length("person", "workplace"), default="")  # 工作单位及职务
    identities = CharField(max_length=300, default="")  # comma-separated codes.IDENTITY codes
    two_committees = BooleanField(default=False)  # 是否进“两委”
    phone = CharField(max_length=fields.max_length("person", "phone"), default="")
    notes = TextField(default="")

    class Meta:
        table_name = "person"
        indexes = (
            (("deleted",), False),
            (("unit", "deleted", "name_pinyin"), False),  # the list, in name order
        )

    def save(self, force_insert=False, only=None):
        self.id_number_key = id_crypto.lookup_key(self.id_number)
        return super().save(force_insert=force_insert, only=only)

    @property
    def identity_codes(self) -> list[str]:
        return [c for c in self.identities.split(",") if c]

    @property
    def birth_year_month(self) -> tuple[int, int] | None:
        return split_year_month(self.birth)


# --- names -----------------------------------------------------------------


def normalize_name(text: str | None) -> str:
    """Trim and fold width; keep the middle dot of minority names as one form."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"\s+", "", text)
    return text.replace("•", "·").replace("．", "·")


def pinyin_keys(name: str) -> tuple[str, str]:
    """Full pinyin and initials of a name, lower case, no spaces.

    pypinyin costs 0.15 s and 50 MB on first use, so it is loaded here, when
    a name is saved or imported, never at start-up.
    """
    from pypinyin import Style, lazy_pinyin

    # pypinyin accepts a list (one item per character) though its stubs say str.
    full = lazy_pinyin(name, style=Style.NORMAL, errors=_rare_readings)  # type: ignore[arg-type]
    return "".join(full).lower(), "".join(s[0] for s in full if s).lower()


def _rare_readings(chars: str) -> list[str]:
    """Readings of characters pypinyin lacks, from the rare-character table.

    pypinyin hands over each run of characters it has no reading for (also
    Latin letters and digits, which stay out of the keys as before).
    """
    from . import rare_chars

    return [reading for ch in chars if (reading := rare_chars.pinyin(ch))]


# --- ID numbers (GB 11643-1999) ---------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class IdNumberInfo:
    number: str
    birth_date: _dt.date
    sex: str  # "F" or "M"


normalize_id_number = id_crypto.normalize_id_number


def mask_id_number(number: str | None) -> str:
    """430121********1234: how ID numbers are shown and printed by default."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(number: str | None) -> str:
    """138****5678: a phone number as it travels upward unless the cadre sends it in full.

    The first three and the last four digits stay; every digit between them
    becomes "*", dashes and an extension's separator stay where they are.
    """
    if not number:
        return ""
    digits = [i for i, c in enumerate(number) if c.isdigit()]
    if len(digits) <= 7:
        hidden = set(digits[:-4]) if len(digits) > 4 else set(digits)
    else:
        hidden = set(digits[3:-4])
    return "".join("*" if i in hidden else c for i, c in enumerate(number))


def id_number_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def parse_id_number(text: str, today: _dt.date | None = None) -> tuple[IdNumberInfo | None, str | None]:
    """(info, None) for a valid 18-digit number, else (None, why not)."""
    number = normalize_id_number(text)
    if re.fullmatch(r"\d+(\.\d+)?E\+?\d+", number) or re.fullmatch(r"\d{15,18}\.0+", number):
        return None, _("The ID number has lost digits (the spreadsheet stored it as a number); enter it as text.")
    if len(number) != 18:
        return None, _("An ID number has 18 characters; this one has {n}.").format(n=len(number))
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return None, _("An ID number has 17 digits followed by a digit or X.")
    try:
        birth = _dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None, _("The birth date inside the ID number ({date}) does not exist.").format(date=number[6:14])
    today = today or _dt.date.today()
    if birth > today or birth.year < 1900:
        return None, _("The birth date inside the ID number ({date}) is impossible.").format(date=number[6:14])
    if id_number_check_digit(number[:17]) != number[17]:
        return None, _("The last character of the ID number is wrong (check digit); please check the number.")
    sex = "M" if int(number[16]) % 2 else "F"
    return IdNumberInfo(number, birth, sex), None


# --- phone numbers -------------------------------------------------------------


def normalize_phone(text: str | None) -> tuple[str, str | None]:
    """(normalised number, error). Mobile: 13812345678; landline: 0731-84123456.

    Full-width digits, spaces, dashes, brackets and a +86/0086 prefix are
    accepted as typed; an extension is kept after "-".
    """
    raw = unicodedata.normalize("NFKC", str(text or "")).strip()
    if not raw:
        return "", None
    if re.fullmatch(r"1\d{10}\.0+", raw):  # a mobile number Excel stored as a float
        raw = raw.split(".")[0]
    extension = ""
    m = re.search(r"(?:转|ext\.?|x|#)\s*(\d{1,6})$", raw, flags=re.IGNORECASE)
    if m:
        extension, raw = m.group(1), raw[: m.start()]
    digits = re.sub(r"[\s\-()（）.]", "", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13 and digits[2] == "1":
        digits = digits[2:]
    if not digits.isdigit():
        return raw, _("A phone number may contain only digits, spaces, dashes and +86.")
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return digits, None
    m = re.fullmatch(r"(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})", digits)
    if m:
        number = f"{m.group(1)}-{m.group(2)}"
        return (f"{number}-{extension}" if extension else number), None
    if len(digits) == 11 and digits.startswith("1"):
        return digits, _("A mobile number starts with 13 to 19.")
    return digits, _("Not a mobile number (11 digits) or a landline with area code (e.g. 0731-84123456).")


# --- birth year-month ----------------------------------------------------------


def split_year_month(value: str | None) -> tuple[int, int] | None:
    """(year, month) of a stored 出生年月 ("YYYY-MM"); None when empty or not in that form."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", value or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def age_at(birth_month: str | None, day: _dt.date) -> int | None:
    """Completed years on ``day`` of someone born in ``birth_month`` ("YYYY-MM"); the birthday counts from the
    month's first day (the day of birth is not recorded). None when the birth month is not known."""
    ym = split_year_month(birth_month)
    if ym is None:
        return None
    year, month = ym
    return day.year - year - (1 if day.month < month else 0)


def id_number_birth_month(text: str) -> tuple[int, int] | None:
    """(year, month) of birth an ID number gives, or None if it is not a valid number (a dialog fills it in)."""
    info, _problem = parse_id_number(text)
    return (info.birth_date.year, info.birth_date.month) if info is not None else None


def parse_year_month(value) -> tuple[str | None, str | None]:
    """出生年月 as cadres write it → ("YYYY-MM", None) or (None, why not).

    Accepts 1978.05, 1978.5, 1978-05, 1978/5, 1978年5月, 197805, and dates.
    A trailing .1 means January (1992.1), never October: that is how Excel
    shows 1992.10 only when typed as text, so both are read literally.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return f"{value.year:04d}-{value.month:02d}", None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = re.fullmatch(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*(?:[.\-/月]\s*(?:\d{1,2}\s*日?)?)?", text) or re.fullmatch(
        r"(\d{4})(\d{2})(?:\d{2})?", text
    )
    if not m:
        return None, _("Write the birth month like 1978.05 or 1978年5月.")
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        return None, _("There is no month {month}.").format(month=month)
    if year < 1900:
        return None, _("The birth year {year} is too early.").format(year=year)
    day = _written_day(text)
    if day is not None:
        try:
            _dt.date(year, month, day)
        except ValueError:
            return None, _("The date {value} does not exist; check the day, or write only the year and month.").format(
                value=text
            )
    return f"{year:04d}-{month:02d}", None


def _written_day(text: str) -> int | None:
    """The day of a full date as written (1978.05.31, 19780531, 1978年5月31日), None when only a month is written."""
    m = re.fullmatch(r"\d{4}\s*[.\-/年]\s*\d{1,2}\s*[.\-/月]\s*(\d{1,2})\s*日?", text) or re.fullmatch(
        r"\d{4}\d{2}(\d{2})", text
    )
    return int(m.group(1)) if m else None


# --- the whole person --------------------------------------------------------------


@dataclass
class PersonInput:
    """What a user typed for one person, before the rules are applied."""

    name: str = ""
    sex: str | None = "F"
    ethnicity: str | None = None
    birth: str | None = None  # "YYYY-MM", or as typed (1978.05): check_person reads it
    id_number: str = ""
    education: str | None = None
    political: str | None = None
    post: str | None = None
    part_time: bool = True
    workplace: str = ""
    identities: list[str] = field(default_factory=list)
    two_committees: bool = False
    phone: str = ""
    notes: str = ""


def check_person(data: PersonInput, today: _dt.date | None = None) -> tuple[PersonInput, list[FieldError]]:
    """Normalise the input and list every problem, field by field.

    Returns the cleaned copy; the caller keeps the user's own text on error.
    """
    today = today or _dt.date.today()
    errors: list[FieldError] = []
    clean = PersonInput(**{k: getattr(data, k) for k in PersonInput.__dataclass_fields__})
    clean.identities = list(data.identities)

    clean.name = normalize_name(data.name)
    if not clean.name:
        errors.append(FieldError("name", _("The name is required.")))

    if clean.sex not in codes.SEX.entries:
        errors.append(FieldError("sex", _("Choose female or male.")))
    for name, table in (
        ("ethnicity", codes.ETHNICITY),
        ("education", codes.EDUCATION),
        ("political", codes.POLITICAL),
        ("post", codes.POST),
    ):
        value = getattr(clean, name)
        if value and value not in table.entries:
            errors.append(FieldError(name, _("Unknown code {code}.").format(code=value)))
    unknown = [c for c in clean.identities if c not in codes.IDENTITY.entries]
    if unknown:
        errors.append(FieldError("identities", _("Unknown identity category {code}.").format(code=join_list(unknown))))

    clean.birth, problem = parse_year_month(data.birth)
    ym = split_year_month(clean.birth)
    if problem:
        errors.append(FieldError("birth", problem))
    elif ym is not None:
        year, month = ym
        if (year, month) > (today.year, today.month):
            errors.append(
                FieldError("birth", _("The birth month {value} is in the future.").format(value=f"{year}.{month:02d}"))
            )
        elif today.year - year > 120:
            errors.append(FieldError("birth", _("The birth year {year} is too early.").format(year=year)))

    clean.id_number = normalize_id_number(data.id_number)
    if clean.id_number:
        info, problem = parse_id_number(clean.id_number, today)
        if info is None:
            errors.append(FieldError("id_number", problem or ""))
        else:
            id_birth = f"{info.birth_date.year:04d}-{info.birth_date.month:02d}"
            if clean.birth and clean.birth != id_birth:
                errors.append(
                    FieldError(
                        "birth",
                        _("The birth month does not match the ID number ({value}).").format(
                            value=f"{info.birth_date.year}.{info.birth_date.month:02d}"
                        ),
                    )
                )
            elif not clean.birth:
                clean.birth = id_birth
            if clean.sex in codes.SEX.entries and clean.sex != info.sex:
                errors.append(
                    FieldError(
                        "sex",
                        _("The sex does not match the ID number (it says {sex}).").format(
                            sex=codes.SEX.label(info.sex)
                        ),
                    )
                )

    clean.phone, problem = normalize_phone(data.phone)
    if problem:
        errors.append(FieldError("phone", problem))

    clean.workplace = data.workplace or ""
    clean.notes = data.notes or ""
    errors += fields.check_texts("person", clean, ("name", "workplace", "notes"))
    if not any(e.field == "phone" for e in errors):
        errors += fields.check_texts("person", clean, ("phone",))
    return clean, errors


def duplicate_id_owner(id_number: str | None, unit: str, exclude_uuid: str | None = None) -> Person | None:
    """Another live person of the unit with this ID number, if any (found by its lookup key)."""
    key = id_crypto.lookup_key(id_number)
    if key is None:
        return None
    query = Person.live().where((Person.id_number_key == key) & (Person.unit == unit))
    if exclude_uuid:
        query = query.where(Person.uuid != exclude_uuid)
    return query.first()


def get_person(uuid: str) -> Person | None:
    """The person with this uuid as stored now (deleted or not), or None; the edit dialog starts from it."""
    return Person.get_or_none(Person.uuid == uuid)


def _apply(person: Person, clean: PersonInput) -> None:
    for name in FIELDS:
        value = getattr(clean, name)
        if name == "identities":
            value = ",".join(c for c in codes.IDENTITY.codes() if c in value)
        elif name == "id_number":
            value = value or None
        setattr(person, name, value)
    person.id_number_key = id_crypto.lookup_key(person.id_number)
    person.name_pinyin, person.name_initials = pinyin_keys(clean.name)


def save_person(data: PersonInput, unit: str, person: Person | None = None, today: _dt.date | None = None) -> Person:
    """Check and save one person (new when ``person`` is None) in one transaction.

    Raises ValidationError with every problem; nothing is written then.
    """
    clean, errors = check_person(data, today)
    with database.atomic():
        other = duplicate_id_owner(clean.id_number, unit, person.uuid if person else None)
        if other is not None:
            errors.append(FieldError("id_number", _("{name} already has this ID number.").format(name=other.name)))
        if errors:
            raise ValidationError(errors)
        if person is None:
            person = Person(unit=unit)
        _apply(person, clean)
        person.save()
    return person


def live_id_keys(unit: str) -> set[str]:
    """The lookup keys of the ID numbers of the unit's live people, in one query (an import checks thousands
    of rows against them; nothing is decrypted)."""
    query = Person.select(Person.id_number_key).where(
        (Person.deleted == False) & (Person.unit == unit) & Person.id_number_key.is_null(False)
    )
    return set(query.scalars())


def reveal_id_number(uuid: str, unit: str) -> str:
    """A person's full ID number, to show once on screen; the reveal is written to the access log first.

    ``unit`` is the own unit, whose cadre looks. Raises IdNumbersLocked while
    encrypted numbers cannot be read; a person without a number gives "".
    """
    person = Person.get_by_id(uuid)
    with database.atomic():
        access_log.record(unit, access_log.SHOW_FULL_ID, person=person.name, person_unit=person.unit)
    return person.id_number or ""


def add_people(
    inputs: list[PersonInput],
    unit: str,
    today: _dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Person | None], dict[int, list[FieldError]]]:
    """Check and add new people of a unit in one transaction: (the people added, the refusals by index).

    The same rules as ``save_person``, in time linear in the inputs: the unit's
    ID numbers are read once. An input refused (its problems under its index)
    is not written and its place in the list is None; the others are. Raising
    from ``progress`` writes nothing.
    """
    added: list[Person | None] = []
    refused: dict[int, list[FieldError]] = {}
    with database.atomic():
        taken = live_id_keys(unit)
        owners: dict[str, str] = {}
        batch: list[Person] = []
        for index, data in enumerate(inputs):
            clean, errors = check_person(data, today)
            key = id_crypto.lookup_key(clean.id_number)
            if key is not None and key in taken:
                if key not in owners:
                    owner = duplicate_id_owner(clean.id_number, unit)
                    owners[key] = owner.name if owner else ""
                message = _("{name} already has this ID number.").format(name=owners[key])
                errors.append(FieldError("id_number", message))
            if errors:
                refused[index] = errors
                added.append(None)
            else:
                person = Person(unit=unit)
                _apply(person, clean)
                if key is not None:
                    taken.add(key)
                    owners[key] = clean.name
                batch.append(person)
                added.append(person)
            if len(batch) >= 500:
                _insert(batch)
            if progress:
                progress(index + 1, len(inputs))
        _insert(batch)
    return added, refused


def _insert(batch: list[Person]) -> None:
    if batch:
        Person.insert_many([p.__data__ for p in batch]).execute()
        for person in batch:
            person._stored = True
        batch.clear()


def person_input(person: Person) -> PersonInput:
    """The editable fields of a stored person (for the edit dialog)."""
    return PersonInput(
        name=person.name,
        sex=person.sex,
        ethnicity=person.ethnicity,
        birth=person.birth,
        id_number=person.id_number or "",
        education=person.education,
        political=person.political,
        post=person.post,
        part_time=person.part_time,
        workplace=person.workplace,
        identities=person.identity_codes,
        two_committees=person.two_committees,
        phone=person.phone,
        notes=person.notes,
    )


def search(query, text: str):
    """Narrow a Person query by what was typed in a search box.

    Characters match the name; latin letters match the stored full pinyin or
    the initials, so ``zxh`` and ``zhangxiao`` both find 张晓红.
    """
    text = normalize_name(text).lower()
    if not text:
        return query
    pattern = f"%{text}%"
    condition = Person.name**pattern
    if re.fullmatch(r"[a-z]+", text):
        condition |= (Person.name_pinyin**pattern) | (Person.name_initials**pattern)
    if text.isdigit():
        condition |= Person.phone**pattern
    return query.where(condition)


def _post_rank():
    """Posts sort by rank (chair first), not by the alphabetical order of their codes."""
    posts = codes.POST.codes()
    return Case(Person.post, [(code, rank) for rank, code in enumerate(posts)], len(posts))


class PeopleListing(Listing):
    """The people a members table shows: the live people of a unit scope, narrowed by a search box."""

    model = Person
    sort_keys = {
        "name": lambda: Person.name_pinyin,
        "sex": lambda: Person.sex,
        "ethnicity": lambda: Person.ethnicity,
        "birth": lambda: Person.birth,
        "education": lambda: Person.education,
        "political": lambda: Person.political,
        "post": _post_rank,
        "phone": lambda: Person.phone,
    }

    def __init__(self, scope: Scope, search_text: str = ""):
        super().__init__(scope)
        self.search_text = search_text

    def filtered(self):
        return search(self.everything(), self.search_text)

    def tiebreak(self):
        return (Person.name_pinyin, Person.uuid)


def committee(unit: str):
    """The current executive committee of a unit, chair first."""
    order = {code: i for i, code in enumerate(codes.COMMITTEE_POSTS)}
    people = list(Person.live().where((Person.unit == unit) & (Person.post.in_(codes.COMMITTEE_POSTS))))
    return sorted(people, key=lambda p: (order[p.post], p.name_pinyin))
