"""The Women's Home (妇女之家): the facility and its activity ledger (活动台账).

Activities marked *sensitive* (rights cases, screening results, children)
keep their participants' names and their photos out of printed ledgers and
exported files; only counts travel.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field

from peewee import SQL, BooleanField, CharField, DateField, FloatField, ForeignKeyField, IntegerField, TextField, fn

from models import fields, photos

from .base import FieldError, Record, ValidationError, database
from .codes import CodeTable
from .i18n import N_, _
from .listing import Listing, Scope
from .people import Person, committee, normalize_name, normalize_phone, search

# The ten themes of the 2017 work plan (DOMAIN.md §2), stored as "1".."10".
CATEGORY = CodeTable(
    "activity_category",
    [
        ("1", N_("Ideological guidance and talks")),  # 思想引领/宣讲
        ("2", N_("Family, family education and family ethos")),  # 家庭家教家风
        ("3", N_("Rights, law and family dispute mediation")),  # 维权/普法/反家暴/调解
        ("4", N_("Free cervical and breast cancer screening")),  # “两癌”免费检查
        ("5", N_("Poverty relief, jobs and handicraft skills")),  # 巾帼脱贫/创业就业/巧手技能
        ("6", N_("Care for left-behind and disadvantaged children")),  # 关爱留守和困境儿童
        ("7", N_("Women's volunteer service")),  # 巾帼志愿服务
        ("8", N_("Culture and sports (incl. Women's Day)")),  # 文体活动
        ("9", N_("Online Women's Home")),  # 网上妇女之家
        ("10", N_("Other activity")),  # 其他
    ],
    aliases={
        "宣讲": "1",
        "思想引领": "1",
        "家风": "2",
        "家庭家教家风": "2",
        "维权": "3",
        "普法": "3",
        "反家暴": "3",
        "调解": "3",
        "两癌": "4",
        "两癌检查": "4",
        "脱贫": "5",
        "创业就业": "5",
        "巧手": "5",
        "留守儿童": "6",
        "关爱儿童": "6",
        "志愿服务": "7",
        "文体": "8",
        "三八": "8",
        "网上妇女之家": "9",
        "其他": "10",
    },
)
# Categories whose details are sensitive by their nature: ticked by default.
SENSITIVE_CATEGORIES = ("3", "4", "6")
# What a sensitive activity is called where its title did not travel (a township's or county's ledger).
PRIVATE_TITLE = N_("Activity involving privacy ({category})")
# The columns of a sensitive activity that never leave its unit: they may name the people concerned.
PRIVATE_COLUMNS = ("title", "place", "leader", "summary", "results")


def shown_title(title: str, sensitive: bool, category: str) -> str:
    if title or not sensitive:
        return title
    return _(PRIVATE_TITLE).format(category=CATEGORY.label(category))


FORM = CodeTable(
    "activity_form",
    [
        ("talk", N_("Talk")),
        ("training", N_("Training")),
        ("visit", N_("Home visit")),
        ("clinic", N_("Free clinic")),
        ("mediation", N_("Mediation")),
        ("culture", N_("Culture or sports")),
        ("meeting", N_("Meeting")),
        ("service", N_("Volunteer service")),
        ("online", N_("Online")),
        ("other", N_("Other form")),
    ],
    aliases={
        "宣讲": "talk",
        "培训": "training",
        "走访": "visit",
        "义诊": "clinic",
        "调解": "mediation",
        "文体": "culture",
        "会议": "meeting",
        "志愿服务": "service",
        "线上": "online",
        "其他": "other",
    },
)

FACILITY = CodeTable(
    "home_facility",
    [
        ("tables_chairs", N_("Tables and chairs")),
        ("book_rack", N_("Book and newspaper rack")),
        ("notice_board", N_("Notice board")),
        ("computer_projector", N_("Computer or projector")),
        ("rights_desk", N_("Rights-advice desk")),
    ],
)

DEMONSTRATION_LEVEL = CodeTable(
    "demonstration_level",
    [
        ("county", N_("County-level demonstration")),
        ("city", N_("City-level demonstration")),
        ("province", N_("Province-level demonstration")),
        ("national", N_("National demonstration")),
    ],
)


class Home(Record):
    """The unit's Women's Home: the room, its equipment, its people and its online group."""

    name = CharField(max_length=fields.max_length("home", "name"))
    address = CharField(max_length=fields.max_length("home", "address"), default="")
    floor_area = FloatField(null=True)  # m²
    own_room = BooleanField(default=False)
    # e.g. the Party members' activity room
    shared_with = CharField(max_length=fields.max_length("home", "shared_with"), default="")
    plaque_date = DateField(null=True)  # 挂牌
    rules_on_wall = BooleanField(default=False)  # 制度上墙
    facilities = CharField(max_length=200, default="")  # comma-separated FACILITY codes
    manager = CharField(max_length=fields.max_length("home", "manager"), default="")
    manager_phone = CharField(max_length=fields.max_length("home", "manager_phone"), default="")
    opening_hours = CharField(max_length=fields.max_length("home", "opening_hours"), default="")
    volunteers = IntegerField(default=0)  # 巾帼志愿服务队 headcount
    annual_funding = FloatField(null=True)  # yuan per year
    online_group = CharField(max_length=fields.max_length("home", "online_group"), default="")
    online_members = IntegerField(default=0)
    online_owner = CharField(max_length=fields.max_length("home", "online_owner"), default="")
    notes = TextField(default="")

    class Meta:
        table_name = "home"

    @property
    def facility_codes(self) -> list[str]:
        return [c for c in self.facilities.split(",") if c]

    def demonstrations(self):
        return HomeDemonstration.live().where(HomeDemonstration.home == self).order_by(HomeDemonstration.year)


class HomeDemonstration(Record):
    """The year a Home was named a demonstration Home, and at which level (示范)."""

    home = ForeignKeyField(Home, column_name="home", field="uuid")
    year = IntegerField()
    level = CharField(max_length=16)

    class Meta:
        table_name = "home_demonstration"


class Activity(Record):
    """One line of the activity ledger."""

    date = DateField(index=True)
    start_time = CharField(max_length=5, default="")  # "HH:MM"
    end_time = CharField(max_length=5, default="")
    place = CharField(max_length=fields.max_length("activity", "place"), default="")
    title = CharField(max_length=fields.max_length("activity", "title"))
    category = CharField(max_length=4)
    form = CharField(max_length=16, default="")
    organiser = CharField(max_length=fields.max_length("activity", "organiser"), default="")
    co_organiser = CharField(max_length=fields.max_length("activity", "co_organiser"), default="")
    women = IntegerField(default=0)
    children = IntegerField(default=0)
    others = IntegerField(default=0)
    leader = CharField(max_length=fields.max_length("activity", "leader"), default="")  # 负责人/主讲人
    summary = TextField(default="")
    results = TextField(default="")
    recorder = CharField(max_length=fields.max_length("activity", "recorder"), default="")
    sensitive = BooleanField(default=False)

    class Meta:
        table_name = "activity"
        indexes = (
            (("deleted",), False),
            (("unit", "deleted", "date", "start_time"), False),  # the ledger, in date order
        )

    @property
    def participants_total(self) -> int:
        return self.women + self.children + self.others

    @property
    def shown_title(self) -> str:
        """The title on screens and forms: a sensitive activity received from below has none, only its category."""
        return shown_title(self.title, self.sensitive, self.category)

    def participants(self):
        return (
            ActivityParticipant.live()
            .where(ActivityParticipant.activity == self)
            .order_by(ActivityParticipant.created_at)
        )

    def photo_links(self) -> list[photos.PhotoLink]:
        return photos.photos_of(self.uuid)


class ActivityParticipant(Record):
    """A named participant of an activity, linked to a person of the unit when known."""

    activity = ForeignKeyField(Activity, column_name="activity", field="uuid")
    person = ForeignKeyField(Person, column_name="person", field="uuid", null=True)
    name = CharField(max_length=fields.max_length("activity_participant", "name"))

    class Meta:
        table_name = "activity_participant"


# --- the facility ---------------------------------------------------------------------------


@dataclass
class HomeInput:
    """What a user typed about the Women's Home."""

    name: str = ""
    address: str = ""
    floor_area: float | None = None
    own_room: bool = False
    shared_with: str = ""
    plaque_date: _dt.date | None = None
    rules_on_wall: bool = False
    facilities: list[str] = field(default_factory=list)
    manager: str = ""
    manager_phone: str = ""
    opening_hours: str = ""
    volunteers: int = 0
    annual_funding: float | None = None
    online_group: str = ""
    online_members: int = 0
    online_owner: str = ""
    notes: str = ""
    demonstrations: list[tuple[int, str]] = field(default_factory=list)  # (year, level)
    photos: list[str] = field(default_factory=list)  # sha256 of stored photos, in order


# --- what people type -----------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*[日号]?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*[日号]?"),  # no year: the last such day
)


def guess_activity_date(text: str, today: _dt.date | None = None) -> tuple[_dt.date | None, str | None]:
    """A typed date: 2026-03-08, 2026.3.8, 2026/3/8, 2026年3月8日, 20260308, or 3.8 (the last March 8).

    Returns (date, None), (None, None) for blank, or (None, why not).
    """
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return None, None
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            today = today or _dt.date.today()
            year = int(m.group("y")) if "y" in pattern.groupindex else today.year
            try:
                day = _dt.date(year, int(m.group("m")), int(m.group("d")))
            except ValueError:
                return None, _("There is no such date: {text}.").format(text=text)
            if "y" not in pattern.groupindex and day > today:
                # 12.28 typed in January: activities are recorded afterwards, so it was last year.
                day = day.replace(year=year - 1) if not (day.month == 2 and day.day == 29) else day
            return day, None
    return None, _("Write the date like 2026-03-08 (or 2026.3.8, 2026年3月8日).")


def parse_amount(text: str, problem: str) -> tuple[float | None, str | None]:
    """A number typed with or without thousands separators or units (m², yuan); (None, None) for blank.

    ``problem`` is the message returned when the text is not a number.
    """
    text = unicodedata.normalize("NFKC", text or "").strip().replace(",", "")
    for unit in ("平方米", "m²", "m2", "㎡", "元", "yuan"):
        text = text.removesuffix(unit).strip()
    if not text:
        return None, None
    try:
        return float(text), None
    except ValueError:
        return None, problem


def _missing_photos(digests: list[str]) -> list[FieldError]:
    missing = [d for d in digests if not photos.is_stored(d)]
    return [FieldError("photos", _("A photo is missing from the database; add it again."))] if missing else []


def check_home(data: HomeInput, today: _dt.date | None = None) -> tuple[HomeInput, list[FieldError]]:
    today = today or _dt.date.today()
    errors: list[FieldError] = []
    clean = HomeInput(**{k: getattr(data, k) for k in HomeInput.__dataclass_fields__})
    clean.name = (data.name or "").strip()
    if not clean.name:
        errors.append(FieldError("name", _("The name of the Women's Home is required.")))
    if data.floor_area is not None and not 0 < data.floor_area < 100000:
        errors.append(FieldError("floor_area", _("The floor area must be a positive number of square metres.")))
    if data.plaque_date and data.plaque_date > today:
        errors.append(FieldError("plaque_date", _("The plaque date is in the future.")))
    for name in ("volunteers", "online_members"):
        if getattr(data, name) < 0:
            errors.append(FieldError(name, _("A number of people cannot be negative.")))
        elif getattr(data, name) > fields.MAX_PEOPLE:
            errors.append(FieldError(name, fields.too_many_people()))
    if data.annual_funding is not None and data.annual_funding < 0:
        errors.append(FieldError("annual_funding", _("Funding cannot be negative.")))
    elif data.annual_funding is not None and data.annual_funding > fields.MAX_AMOUNT:
        errors.append(FieldError("annual_funding", fields.too_large_amount()))
    unknown = [c for c in data.facilities if c not in FACILITY.entries]
    if unknown:
        errors.append(FieldError("facilities", _("Unknown facility {code}.").format(code=",".join(unknown))))
    clean.manager_phone, problem = normalize_phone(data.manager_phone)
    if problem:
        errors.append(FieldError("manager_phone", problem))
    years = [year for year, _level in data.demonstrations]
    for year, level in data.demonstrations:
        if level not in DEMONSTRATION_LEVEL.entries or not 1990 <= year <= today.year:
            errors.append(
                FieldError(
                    "demonstrations",
                    _("Demonstration {year}: choose a level and a year up to this year.").format(year=year),
                )
            )
    if len(years) != len(set(years)):
        errors.append(FieldError("demonstrations", _("Each year may be listed once.")))
    clean.manager_phone = clean.manager_phone or ""
    errors += fields.check_texts(
        "home", clean, tuple(n for n in fields.columns("home") if n != "manager_phone" or not problem)
    )
    errors += _missing_photos(data.photos)
    clean.photos = list(dict.fromkeys(data.photos))
    return clean, errors


def home_of(unit: str) -> Home | None:
    return Home.live().where(Home.unit == unit).first()


def new_home_input(unit: str, unit_name: str) -> HomeInput:
    """A Home not yet described: named after the unit and managed by its chair, as is usual."""
    chair = next((p for p in committee(unit) if p.post == "chair"), None)
    return HomeInput(
        name=_("{unit} Women's Home").format(unit=unit_name),
        manager=chair.name if chair else "",
        manager_phone=chair.phone if chair else "",
    )


def home_input(home: Home) -> HomeInput:
    """A stored Home as what a user would type to make it, with its demonstration years and photos."""
    data = HomeInput(
        **{
            name: getattr(home, name)
            for name in HomeInput.__dataclass_fields__
            if name not in ("facilities", "demonstrations", "photos")
        }
    )
    data.facilities = home.facility_codes
    data.demonstrations = [(d.year, d.level) for d in home.demonstrations()]
    data.photos = photos.photo_digests(home.uuid)
    return data


def save_home(data: HomeInput, unit: str, today: _dt.date | None = None) -> Home:
    """Create or update the unit's Women's Home, with its demonstration history and photos, in one transaction."""
    clean, errors = check_home(data, today)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        home = home_of(unit) or Home(unit=unit)
        for name in HomeInput.__dataclass_fields__:
            if name in ("demonstrations", "photos"):
                continue
            value = getattr(clean, name)
            if name == "facilities":
                value = ",".join(c for c in FACILITY.codes() if c in value)
            setattr(home, name, value)
        home.save()
        for old in home.demonstrations():
            old.move_to_recycle_bin()
        for year, level in sorted(clean.demonstrations):
            HomeDemonstration.create(unit=unit, home=home, year=year, level=level)
        photos.set_photos(home.uuid, unit, clean.photos)
    return home


# --- activities --------------------------------------------------------------------------------

_TIME = re.compile(r"^([01]?\d|2[0-3])[:：.]([0-5]\d)$")


def parse_time(text: str) -> tuple[str, str | None]:
    """("HH:MM", None) or ("", None) for blank, or (text, why not)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return "", None
    m = _TIME.match(text)
    if not m:
        return text, _("Write the time like 09:30.")
    return f"{int(m.group(1)):02d}:{m.group(2)}", None


@dataclass
class ActivityInput:
    """What a user typed for one activity."""

    date: _dt.date | None = None
    start_time: str = ""
    end_time: str = ""
    place: str = ""
    title: str = ""
    category: str = ""
    form: str = ""
    organiser: str = ""
    co_organiser: str = ""
    women: int = 0
    children: int = 0
    others: int = 0
    leader: str = ""
    summary: str = ""
    results: str = ""
    recorder: str = ""
    sensitive: bool = False
    participants: list[tuple[str | None, str]] = field(default_factory=list)  # (person uuid or None, name)
    photos: list[str] = field(default_factory=list)  # sha256 of stored photos, in order

    TEXT_FIELDS = ("place", "title", "organiser", "co_organiser", "leader", "summary", "results", "recorder")


def check_activity(data: ActivityInput, today: _dt.date | None = None) -> tuple[ActivityInput, list[FieldError]]:
    today = today or _dt.date.today()
    errors: list[FieldError] = []
    clean = ActivityInput(**{k: getattr(data, k) for k in ActivityInput.__dataclass_fields__})
    for name in ActivityInput.TEXT_FIELDS:
        setattr(clean, name, (getattr(data, name) or "").strip())
    if not clean.title:
        errors.append(FieldError("title", _("The activity needs a name.")))
    if data.date is None:
        errors.append(FieldError("date", _("The date is required.")))
    elif data.date > today:
        errors.append(FieldError("date", _("The activity is in the future; record it after it took place.")))
    if data.category not in CATEGORY.entries:
        errors.append(FieldError("category", _("Choose a category.")))
    if data.form and data.form not in FORM.entries:
        errors.append(FieldError("form", _("Unknown form {code}.").format(code=data.form)))
    for name in ("start_time", "end_time"):
        value, problem = parse_time(getattr(data, name))
        setattr(clean, name, value)
        if problem:
            errors.append(FieldError(name, problem))
    if clean.start_time and clean.end_time and clean.end_time <= clean.start_time:
        errors.append(FieldError("end_time", _("The end time is before the start time.")))
    counts_valid = True
    for name in ("women", "children", "others"):
        value = getattr(data, name)
        if not isinstance(value, int) or value < 0:
            errors.append(FieldError(name, _("A number of people cannot be negative.")))
            counts_valid = False
        elif value > fields.MAX_PEOPLE:
            errors.append(FieldError(name, fields.too_many_people()))
            counts_valid = False
    # Said together with any other problem, so that a form shows every message at once.
    if counts_valid and data.women + data.children + data.others == 0:
        errors.append(FieldError("women", _("Enter how many people took part.")))
    errors += fields.check_texts("activity", clean)
    clean.participants = []
    seen = set()
    for person, name in data.participants:
        name = normalize_name(name)
        problem = fields.text_problem("activity_participant", "name", name)
        if problem:
            errors.append(FieldError("participants", problem))
        elif name and (person, name) not in seen:
            seen.add((person, name))
            clean.participants.append((person, name))
    if counts_valid and len(clean.participants) > data.women + data.children + data.others:
        errors.append(FieldError("participants", _("More named participants than people counted.")))
    errors += _missing_photos(data.photos)
    clean.photos = list(dict.fromkeys(data.photos))
    return clean, errors


def save_activity(
    data: ActivityInput, unit: str, activity: Activity | None = None, today: _dt.date | None = None
) -> Activity:
    """Check and save an activity with its participants and photos in one transaction."""
    clean, errors = check_activity(data, today)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        activity = activity or Activity(unit=unit)
        for name in ActivityInput.__dataclass_fields__:
            if name not in ("participants", "photos"):
                setattr(activity, name, getattr(clean, name))
        activity.save()
        for old in activity.participants():
            old.move_to_recycle_bin()
        for person, name in clean.participants:
            ActivityParticipant.create(unit=unit, activity=activity, person=person, name=name)
        photos.set_photos(activity.uuid, unit, clean.photos)
    return activity


def new_activity_input(unit: str, unit_name: str, today: _dt.date | None = None) -> ActivityInput:
    """A new activity: most are recorded on the day, in the Women's Home, organised by the federation."""
    home = home_of(unit)
    return ActivityInput(
        date=today or _dt.date.today(),
        place=home.name if home else "",
        organiser=_("{unit} Women's Federation").format(unit=unit_name),
    )


def live_activity(uuid: str) -> Activity | None:
    """The activity with this uuid as stored now (None once it is in the recycle bin or unknown)."""
    return Activity.live().where(Activity.uuid == uuid).first()


PARTICIPANT_SUGGESTIONS = 8


def participant_suggestions(unit: str, text: str, limit: int = PARTICIPANT_SUGGESTIONS) -> list[Person]:
    """People of the unit a typed name, pinyin or initials may mean, by pinyin (for naming participants)."""
    if not (text or "").strip():
        return []
    query = search(Person.live().where(Person.unit == unit), text)
    return list(query.order_by(Person.name_pinyin).limit(limit))


def activity_input(activity: Activity) -> ActivityInput:
    data = ActivityInput(
        **{
            name: getattr(activity, name)
            for name in ActivityInput.__dataclass_fields__
            if name not in ("participants", "photos")
        }
    )
    data.participants = [(p.person_id, p.name) for p in activity.participants()]
    data.photos = [link.photo for link in activity.photo_links()]
    return data


def copy_as_template(activity: Activity) -> ActivityInput:
    """A recurring activity: everything but the date, the counts, the names and the photos."""
    data = activity_input(activity)
    data.date = None
    data.women = data.children = data.others = 0
    data.participants = []
    data.photos = []
    data.results = ""
    return data


@dataclass(frozen=True)
class ActivityFilters:
    """What the activity ledger is narrowed to: a year (and a month within it), a category, words."""

    year: int | None = None
    month: int | None = None  # only with a year
    category: str | None = None
    text: str = ""
    no_photo: bool = False  # only those without a photo that should have one

    def any(self) -> bool:
        return bool(self.year or self.category or self.text or self.no_photo)


def narrow_activities(query, filters: ActivityFilters):
    """The one narrowing of activities by year, month, category and words, for lists, forms and counts."""
    if filters.year:
        month = filters.month
        start = _dt.date(filters.year, month or 1, 1)
        end = _dt.date(filters.year + (1 if not month or month == 12 else 0), (month % 12 + 1) if month else 1, 1)
        query = query.where((Activity.date >= start) & (Activity.date < end))
    if filters.category:
        query = query.where(Activity.category == filters.category)
    if filters.no_photo:
        query = query.where(_without_photo())
    text = (filters.text or "").strip()
    if text:
        pattern = f"%{text}%"
        query = query.where(
            (Activity.title**pattern)
            | (Activity.place**pattern)
            | (Activity.leader**pattern)
            | (Activity.summary**pattern)
        )
    return query


def activities(
    unit: str, year: int | None = None, month: int | None = None, category: str | None = None, text: str = ""
):
    """The unit's live activities, newest first, narrowed in SQL."""
    filters = ActivityFilters(year, month if year else None, category, text)
    query = narrow_activities(Activity.live().where(Activity.unit == unit), filters)
    return query.order_by(Activity.date.desc(), Activity.start_time.desc())


def years_with_activities(query) -> list[int]:
    """The years in which a selection of activities has any, newest first."""
    years = query.select(Activity.date.year.distinct()).order_by(Activity.date.year.desc()).tuples()
    return [int(year) for (year,) in years if year is not None]


def activity_years(unit: str) -> list[int]:
    """Years with activities of the unit, newest first."""
    return years_with_activities(Activity.live().where(Activity.unit == unit))


PHOTO_COUNT = "photo_count"  # the alias of the photo-count column of the ledger's listing


def photo_count_of(activity: Activity) -> int:
    """How many photos an activity has: from the listing's computed column when it was loaded by one."""
    count = getattr(activity, PHOTO_COUNT, None)
    return count if count is not None else len(activity.photo_links())


class ActivityListing(Listing):
    """The activity ledger as a table shows it: a unit scope, the filters, photo counts; newest first on ties."""

    model = Activity
    sort_keys = {
        "date": lambda: Activity.date,
        "time": lambda: Activity.start_time,
        "title": lambda: Activity.title,
        "category": lambda: Activity.category.cast("INTEGER"),
        "form": lambda: Activity.form,
        "place": lambda: Activity.place,
        "participants": lambda: Activity.women + Activity.children + Activity.others,
        "photos": lambda: SQL(PHOTO_COUNT),
        "leader": lambda: Activity.leader,
    }

    def __init__(self, scope: Scope, filters: ActivityFilters | None = None):
        super().__init__(scope)
        self.filters = filters or ActivityFilters()

    def filtered(self):
        return narrow_activities(self.everything(), self.filters)

    def decorate(self, query):
        link = photos.PhotoLink
        count = (link.select(fn.COUNT(link.uuid)).where((link.owner == Activity.uuid) & (link.deleted == False))).alias(
            PHOTO_COUNT
        )
        return query.select_extend(count)

    def tiebreak(self):
        return (Activity.date.desc(), Activity.start_time.desc(), Activity.uuid)

    def years(self) -> list[int]:
        """Years with activities of the scope, newest first (whatever the filters say)."""
        return years_with_activities(self.everything())

    def year_choices(self, today: _dt.date) -> list[int]:
        """The years a ledger's filter offers: those with activities, and the current year to record in."""
        return sorted(set(self.years()) | {today.year}, reverse=True)


def counts_by_month_and_category(unit: str, year: int) -> dict[tuple[int, str], int]:
    """(month, category) → number of activities in the year."""
    result: dict[tuple[int, str], int] = {}
    for activity in activities(unit, year).select(Activity.date, Activity.category):
        key = (activity.date.month, activity.category)
        result[key] = result.get(key, 0) + 1
    return result


def _without_photo():
    """Activities without a single photo (inspectors ask for evidence); sensitive ones excepted."""
    linked = photos.PhotoLink.live().select(photos.PhotoLink.owner)
    return ~(Activity.uuid.in_(linked)) & (Activity.sensitive == False)


def activities_missing_photos(unit: str, year: int | None = None) -> list[Activity]:
    """Activities without a single photo (inspectors ask for evidence); sensitive ones excepted."""
    return list(activities(unit, year).where(_without_photo()))


@dataclass(frozen=True)
class YearAtAGlance:
    """A unit's activities of one year as the overview shows them: per month, per category, without photos."""

    year: int
    months: list[int]  # activities in January … December
    categories: dict[str, int]  # category code → activities, the most frequent first (work-plan order on ties)
    missing_photos: int  # activities without a photo that should have one

    @property
    def total(self) -> int:
        return sum(self.months)


def year_at_a_glance(unit: str, year: int) -> YearAtAGlance:
    """Count the unit's activities of a year per month and per category, and those still lacking a photo."""
    counts = counts_by_month_and_category(unit, year)
    months = [sum(n for (m, _c), n in counts.items() if m == month) for month in range(1, 13)]
    by_category: dict[str, int] = {}
    for (_m, category), n in counts.items():
        by_category[category] = by_category.get(category, 0) + n
    order = {code: i for i, code in enumerate(CATEGORY.codes())}
    categories = dict(sorted(by_category.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99))))
    return YearAtAGlance(year, months, categories, len(activities_missing_photos(unit, year)))
