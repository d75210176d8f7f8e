"""The tables of members' duties (执委履职). Their rules and operations live beside them in this package."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from models import fields
from models.base import Record
from models.codes import CodeTable
from models.homes import Activity
from models.i18n import N_
from models.people import Person

# The stored codes of these tables: each table's labels, translated when shown.
WAY = CodeTable(
    "contact_way",
    [("visit", N_("Home visit")), ("phone", N_("Phone call")), ("wechat", N_("WeChat")), ("other", N_("Other way"))],
    aliases={"走访": "visit", "入户": "visit", "上门": "visit", "电话": "phone", "微信": "wechat", "其他": "other"},
)
HANDLING = CodeTable(
    "contact_handling",
    [("on_the_spot", N_("Handled on the spot")), ("passed_on", N_("Passed on")), ("pending", N_("To be handled"))],
    aliases={"当场办结": "on_the_spot", "现场解决": "on_the_spot", "转交": "passed_on", "待办": "pending"},
)
NEED_CATEGORY = CodeTable(
    "need_category",
    [
        ("employment", N_("Jobs and starting a business")),  # 就业创业
        ("family_education", N_("Family education")),  # 家庭教育
        ("marriage_family", N_("Marriage and family")),  # 婚姻家庭
        ("rights", N_("Legal rights")),  # 法律维权
        ("health", N_("Health")),  # 健康
        ("children", N_("Care for children")),  # 儿童关爱
        ("elderly_care", N_("Care for the elderly")),  # 养老照护
        ("culture", N_("Culture and leisure")),  # 文化生活
        ("other", N_("Other need")),  # 其他
    ],
    aliases={
        "就业创业": "employment",
        "就业": "employment",
        "创业": "employment",
        "家庭教育": "family_education",
        "婚姻家庭": "marriage_family",
        "法律维权": "rights",
        "维权": "rights",
        "健康": "health",
        "儿童关爱": "children",
        "养老照护": "elderly_care",
        "养老": "elderly_care",
        "文化生活": "culture",
        "其他": "other",
    },
)
NEED_STATUS = CodeTable(
    "need_status",
    [("open", N_("Open")), ("answered", N_("Answered")), ("closed", N_("Closed"))],
    aliases={"待解决": "open", "已回应": "answered", "已解决": "answered", "已关闭": "closed"},
)
# A need counts as answered only with this status: "closed" is dropped without an answer.
NEED_ANSWERED = "answered"
PROJECT_STATUS = CodeTable(
    "project_status",
    [("planned", N_("Planned")), ("running", N_("Running")), ("done", N_("Done")), ("stopped", N_("Stopped"))],
    aliases={"计划": "planned", "进行中": "running", "已完成": "done", "已中止": "stopped"},
)


class Household(Record):
    """A household a committee member keeps in touch with (联系户)."""

    head_name = CharField(max_length=fields.max_length("household", "head_name"))  # 户主
    members = CharField(max_length=fields.max_length("household", "members"), default="")  # the women in it, as typed
    women = IntegerField(default=0)
    group_name = CharField(max_length=fields.max_length("household", "group_name"), default="")  # 村民小组 or 网格
    address = CharField(max_length=fields.max_length("household", "address"), default="")
    phone = CharField(max_length=fields.max_length("household", "phone"), default="")  # masked on screen and upward
    notes = TextField(default="")

    class Meta:
        table_name = "household"


class HouseholdLink(Record):
    """A household linked to a committee member from ``linked_on``; ``unlinked_on`` None while it lasts."""

    household = ForeignKeyField(Household, column_name="household", field="uuid")
    member = ForeignKeyField(Person, column_name="member", field="uuid")
    linked_on = DateField()
    unlinked_on = DateField(null=True)
    household_id: str
    member_id: str

    class Meta:
        table_name = "household_link"


class Contact(Record):
    """One visit, call or message of a committee member (民情日记)."""

    date = DateField()
    way = CharField(max_length=16)  # visit, phone, wechat, other
    member = ForeignKeyField(Person, column_name="member", field="uuid", index=True)
    household = ForeignKeyField(Household, column_name="household", field="uuid", null=True, index=True)
    whom = CharField(max_length=fields.max_length("contact", "whom"), default="")
    asked = TextField(default="")
    handling = CharField(max_length=16, default="pending")  # on_the_spot, passed_on, pending
    passed_to = CharField(max_length=fields.max_length("contact", "passed_to"), default="")
    result = TextField(default="")
    follow_up = DateField(null=True)
    may_travel = BooleanField(default=False)  # the cadre let its texts go upward; otherwise a count only
    member_id: str
    household_id: str | None

    class Meta:
        table_name = "contact"
        indexes = ((("unit", "date"), False),)


class Project(Record):
    """A small project a committee member leads (执委领办项目)."""

    name = CharField(max_length=fields.max_length("project", "name"))
    member = ForeignKeyField(Person, column_name="member", field="uuid", null=True, index=True)
    start_date = DateField(null=True)
    end_date = DateField(null=True)
    status = CharField(max_length=16, default="planned")  # planned, running, done, stopped
    progress = TextField(default="")
    result = TextField(default="")
    member_id: str | None

    class Meta:
        table_name = "project"


class Need(Record):
    """A need of women found in contacts (需求清单) and what became of it."""

    found_on = DateField()
    category = CharField(max_length=16)
    description = TextField()
    women = IntegerField(default=0)
    member = ForeignKeyField(Person, column_name="member", field="uuid", null=True)
    status = CharField(max_length=16, default="open")  # open, answered, closed
    answered_on = DateField(null=True)
    answer = TextField(default="")
    project = ForeignKeyField(Project, column_name="project", field="uuid", null=True, index=True)
    activity = ForeignKeyField(Activity, column_name="activity", field="uuid", null=True)
    member_id: str | None
    project_id: str | None
    activity_id: str | None

    class Meta:
        table_name = "need"
        indexes = ((("unit", "found_on"), False),)


class NeedContact(Record):
    """A contact a need was found in."""

    need = ForeignKeyField(Need, column_name="need", field="uuid", index=True)
    contact = ForeignKeyField(Contact, column_name="contact", field="uuid", index=True)
    need_id: str
    contact_id: str

    class Meta:
        table_name = "need_contact"
