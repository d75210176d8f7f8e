"""The committee at work in the demonstration (part of `demo`): households linked to committee members, their
contacts, the needs found and the projects led, committee meetings, the yearly plan and summary, nominations
for 最美家庭 and 三八红旗手 and the honours received. Bulk inserted.

The own village gets every year of the demo; a village below a township or county gets this year's records
only, enough for the cockpit's figures, so that a county demo of 300 villages stays quick.
"""

from __future__ import annotations

import datetime as _dt
import operator
import random
from dataclasses import dataclass, field

from peewee import DateField, DateTimeField

from models import photos
from models.awards import Award, Nomination
from models.duties.records import Contact, Household, HouseholdLink, Need, NeedContact, Project
from models.meetings import Meeting, MeetingAttendee, MeetingLink
from models.year_documents import YearDocument, YearDocumentSection

from .base import database, new_uuid, utcnow
from .demo_committee_texts import (
    ABSENCE_REASONS,
    AWARD_TITLES,
    CONTACT_TEXTS,
    DECISIONS,
    FAMILY_STORIES,
    FAMILY_SUMMARIES,
    MEETING_TOPICS,
    NEED_ANSWERS,
    PASSED_TO,
    PLAN_SECTIONS,
    PROJECTS,
    RED_BANNER_STORIES,
    RED_BANNER_SUMMARIES,
    SUMMARY_SECTIONS,
    WHOM_SUFFIX,
)

HOUSEHOLDS_PER_MEMBER = 10
CONTACTS_PER_MONTH = 2
WAYS = (("visit", 50), ("phone", 25), ("wechat", 20), ("other", 5))
HANDLINGS = (("on_the_spot", 60), ("passed_on", 25), ("pending", 15))
NEED_SHARE = 0.12  # of contacts, a need was found in
MAY_TRAVEL_SHARE = 0.05
GIVEN = "秀英华丽红芳玲燕娟敏静霞梅兰萍琴云凤莉洁琳婷艳晓春桂金玉翠淑慧雪颖丹倩佳欣湘菊荣美娥珍"
MEN_GIVEN = "建国志强海军红军国平德明永华伟东新民卫国长青"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"


@dataclass
class _Rows:
    """The rows made for one unit, per model, inserted together."""

    by_model: dict = field(default_factory=dict)

    def add(self, model, unit: str, now: _dt.datetime, **values) -> str:
        uuid = values.pop("uuid", None) or new_uuid()
        row = {"uuid": uuid, "unit": unit, "created_at": now, "updated_at": now, "deleted": False, **values}
        self.by_model.setdefault(model, []).append(row)
        return uuid

    def count(self, model) -> int:
        return len(self.by_model.get(model, []))

    def insert(self) -> None:
        order = (
            Household,
            HouseholdLink,
            Contact,
            Project,
            Need,
            NeedContact,
            Meeting,
            MeetingAttendee,
            MeetingLink,
            YearDocument,
            YearDocumentSection,
            Nomination,
            Award,
            photos.PhotoLink,
        )
        cursor = database.cursor()
        for model in order:
            rows = self.by_model.get(model, [])
            if not rows:
                continue
            # Thousands of rows a village: one prepared statement run for all, values as peewee stores them.
            names = list(rows[0])
            columns = ", ".join(f'"{name}"' for name in names)
            marks = ", ".join([database.param] * len(names))
            sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
            pick = operator.itemgetter(*names)
            fields = model._meta.fields
            dated = [at for at, name in enumerate(names) if isinstance(fields[name], (DateField, DateTimeField))]
            values = list(map(pick, rows))
            if dated:
                values = [tuple(_stored(v) if at in dated else v for at, v in enumerate(row)) for row in values]
            cursor.executemany(sql, values)


def _stored(value):
    if isinstance(value, _dt.datetime):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _woman(rng: random.Random, surname: str | None = None) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return (surname or rng.choice(SURNAMES)) + given


def _man(rng: random.Random) -> str:
    start = rng.randrange(0, len(MEN_GIVEN) - 1, 2)
    return rng.choice(SURNAMES) + MEN_GIVEN[start : start + 2]


def _phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "150", "152", "158", "177", "182", "189")) + f"{rng.randrange(10**8):08d}"


def _day_in_month(rng: random.Random, year: int, month: int, last: _dt.date) -> _dt.date | None:
    """A day of the month, or None when it falls after ``last`` (this month's later contacts are yet to come)."""
    first = _dt.date(year, month, 1)
    end = _dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)
    day = first + _dt.timedelta(days=rng.randrange((end - first).days + 1))
    return day if day <= last else None


def _households(
    rng, out: _Rows, unit: str, members: list[dict], start: _dt.date, today: _dt.date, now
) -> dict[str, list[dict]]:
    """Ten households for each committee member, linked since ``start``; a few changed member once.
    No link starts or ends after ``today`` (saving a household refuses dates in the future)."""
    start = min(start, today)
    groups = [f"{n}组" for n in range(1, rng.randint(8, 16))]
    by_member: dict[str, list[dict]] = {}
    for member in members:
        mine = by_member.setdefault(member["uuid"], [])
        for _n in range(HOUSEHOLDS_PER_MEMBER):
            surname = rng.choice(SURNAMES)
            head = _man(rng) if rng.random() < 0.7 else _woman(rng, surname)
            women = [_woman(rng) for _w in range(rng.randint(1, 4))]
            group = rng.choice(groups)
            uuid = out.add(
                Household,
                unit,
                now,
                head_name=head,
                members="、".join(women),
                women=len(women),
                group_name=group,
                address=f"{group}{rng.randint(1, 60)}号",
                phone=_phone(rng),
                notes=rng.choice(("", "", "", "留守妇女家庭", "单亲母亲家庭", "家有残疾人", "低保户", "脱贫户")),
            )
            household = {"uuid": uuid, "head": head, "women": women}
            mine.append(household)
            linked = start
            handed_over = min(start + _dt.timedelta(days=rng.randint(90, 300)), today)
            if rng.random() < 0.08 and len(members) > 1 and handed_over > start:
                # Linked first to another member, handed over later: the household's history.
                other = rng.choice([m for m in members if m is not member])
                linked = handed_over
                out.add(
                    HouseholdLink, unit, now, household=uuid, member=other["uuid"], linked_on=start, unlinked_on=linked
                )
            out.add(HouseholdLink, unit, now, household=uuid, member=member["uuid"], linked_on=linked, unlinked_on=None)
    return by_member


def _contacts_and_needs(
    rng, out: _Rows, unit: str, members: list[dict], households: dict[str, list[dict]], first: _dt.date, today, now
) -> list[tuple[str, _dt.date, str]]:
    """Two contacts a month for every member from ``first`` to ``today``; the needs found in some.
    Returns the needs made, as (uuid, found_on, category)."""
    needs = []
    months = (today.year - first.year) * 12 + today.month - first.month + 1
    for member in members:
        mine = households.get(member["uuid"], [])
        for index in range(months):
            year, month = divmod(first.year * 12 + first.month - 1 + index, 12)
            for _c in range(CONTACTS_PER_MONTH):
                day = _day_in_month(rng, year, month + 1, today)
                if day is None or (rng.random() < 0.06):  # now and then a month with one contact
                    continue
                category = rng.choice(tuple(CONTACT_TEXTS))
                asked, on_spot, result = rng.choice(CONTACT_TEXTS[category])
                way = rng.choices([w for w, _ in WAYS], [n for _, n in WAYS])[0]
                handling = rng.choices([h for h, _ in HANDLINGS], [n for _, n in HANDLINGS])[0]
                household = rng.choice(mine) if mine else None
                whom = ""
                if household:
                    whom = rng.choice(household["women"]) + rng.choice(WHOM_SUFFIX)
                passed_to = rng.choice(PASSED_TO[category]) if handling == "passed_on" else ""
                follow_up = None
                if handling != "on_the_spot" and rng.random() < 0.6:
                    follow_up = day + _dt.timedelta(days=rng.choice((7, 10, 14, 20, 30)))
                text = on_spot if handling == "on_the_spot" else (result if handling == "passed_on" else "")
                contact = out.add(
                    Contact,
                    unit,
                    now,
                    date=day,
                    way=way,
                    member=member["uuid"],
                    household=household["uuid"] if household else None,
                    whom=whom,
                    asked=asked,
                    handling=handling,
                    passed_to=passed_to,
                    result=text,
                    follow_up=follow_up,
                    may_travel=rng.random() < MAY_TRAVEL_SHARE,
                )
                if rng.random() < NEED_SHARE:
                    needs.append(_need(rng, out, unit, member, contact, day, category, today, now))
    return needs


def _need(rng, out: _Rows, unit: str, member: dict, contact: str, day: _dt.date, category: str, today, now):
    age = (today - day).days
    status, answered_on, answer = "open", None, ""
    if age > 20:
        status = rng.choices(("answered", "closed", "open"), (70, 8, 22 if age < 120 else 6))[0]
    if status != "open":
        answered_on = min(today, day + _dt.timedelta(days=rng.randint(5, 40)))
        answer = rng.choice(NEED_ANSWERS[category]) if status == "answered" else "经核实已不需要帮助，予以关闭。"
    asked = CONTACT_TEXTS[category][0][0]
    uuid = out.add(
        Need,
        unit,
        now,
        found_on=day,
        category=category,
        description=asked.rstrip("。") + "（走访中发现）。",
        women=rng.choice((1, 1, 1, 2, 3, 5, 8, 12, 20)),
        member=member["uuid"],
        status=status,
        answered_on=answered_on,
        answer=answer,
        project=None,
        activity=None,
    )
    out.add(NeedContact, unit, now, need=uuid, contact=contact)
    return uuid, day, category


def _projects(rng, out: _Rows, unit: str, members: list[dict], needs, today, now) -> list[tuple[str, _dt.date]]:
    """2–3 projects led by members; one or two grew out of a need. Returns (uuid, start) of each."""
    made = []
    chosen = rng.sample(PROJECTS, rng.randint(2, 3))
    for index, (name, progress, result) in enumerate(chosen):
        start = today - _dt.timedelta(days=rng.randint(60, 500))
        done = index == 0 and (today - start).days > 200
        uuid = out.add(
            Project,
            unit,
            now,
            name=name,
            member=rng.choice(members)["uuid"],
            start_date=start,
            end_date=start + _dt.timedelta(days=rng.randint(150, 200)) if done else None,
            status="done" if done else "running",
            progress=progress,
            result=result if done else "",
        )
        made.append((uuid, start))
    rows = out.by_model.get(Need, [])
    for (project, start), _n in zip(made, range(rng.randint(1, 2))):
        source = next((r for r in rows if r["project"] is None and r["found_on"] <= start), None)
        if source is not None:
            source["project"] = project
            source["status"] = "answered"
            source["answered_on"] = start
            source["answer"] = "已纳入执委领办项目推进。"
    return made


# Need categories an activity of the Women's Home answers: need category → activity category (homes.CATEGORY).
ACTIVITY_FOR_NEED = {"employment": "5", "family_education": "2", "health": "4", "children": "6", "rights": "3"}


def _needs_met_by_activities(rng, out: _Rows, unit: str) -> None:
    """A few answered needs were met by an activity held after they were found (a training, a talk…)."""
    from models.homes import Activity

    query = Activity.live().where(Activity.unit == unit).select(Activity.uuid, Activity.date, Activity.category)
    held: list[tuple[str, _dt.date, str]] = list(query.tuples())
    candidates = [r for r in out.by_model.get(Need, []) if r["status"] == "answered" and r["project"] is None]
    for row in rng.sample(candidates, min(3, len(candidates))):
        wanted = ACTIVITY_FOR_NEED.get(row["category"])
        after = sorted((day, uuid) for uuid, day, category in held if category == wanted and day >= row["found_on"])
        if after:
            day, uuid = after[0]
            row["activity"] = uuid
            row["answered_on"] = day
            row["answer"] = "组织开展相关活动，需求已解决。"


def _meetings(rng, out: _Rows, unit: str, members: list[dict], chair: dict, years: range, today, now):
    """Four committee meetings a year (one a quarter) with who came and what was decided."""
    made = []
    for year in years:
        for quarter in range(4):
            day = _day_in_month(rng, year, quarter * 3 + rng.randint(1, 3), today)
            if day is None or day > today:
                continue
            topic_set = rng.sample(MEETING_TOPICS[quarter], 2)
            taker = rng.choice([m for m in members if m is not chair] or members)
            uuid = out.add(
                Meeting,
                unit,
                now,
                date=day,
                kind="committee",
                place=rng.choice(("村妇女之家", "村委会会议室", "村党员活动室")),
                chair=chair["name"],
                minutes_taker=taker["name"],
                topics="\n".join(f"{n}. {t}" for n, t in enumerate(topic_set, 1)),
                minutes=(
                    f"{chair['name']}主持会议，传达上级妇联工作要求。与会执委围绕"
                    f"“{topic_set[0]}”“{topic_set[1]}”逐项讨论，结合各自联系户走访情况发言。"
                ),
                decisions=rng.choice(DECISIONS[quarter]),
            )
            for member in members:
                present = rng.random() > 0.1
                out.add(
                    MeetingAttendee,
                    unit,
                    now,
                    meeting=uuid,
                    person=member["uuid"],
                    name=member["name"],
                    present=present,
                    absence_reason="" if present else rng.choice(ABSENCE_REASONS),
                )
            made.append((uuid, day))
    return made


def _year_documents(rng, out: _Rows, unit: str, unit_name: str, years: range, today, now) -> None:
    for year in years:
        plan_day = _dt.date(year, rng.randint(1, 2), rng.randint(5, 25))
        if plan_day <= today:
            _document(rng, out, unit, f"{unit_name}妇联{year}年工作计划", year, "plan", plan_day, PLAN_SECTIONS, now)
        summary_day = _dt.date(year, 12, rng.randint(1, 3)) if year < today.year else today
        if year < today.year or today.month >= 11:
            title = f"{unit_name}妇联{year}年工作总结"
            _document(rng, out, unit, title, year, "summary", summary_day, SUMMARY_SECTIONS, now)


def _document(rng, out: _Rows, unit: str, title: str, year: int, kind: str, day, sections, now) -> None:
    uuid = out.add(YearDocument, unit, now, year=year, kind=kind, title=title, written_on=day)
    for position, (heading, bodies) in enumerate(sections):
        body = rng.choice(bodies).format(year=year, next=year + 1, n=rng.randint(3, 12))
        heading = heading.format(next=year + 1)
        out.add(YearDocumentSection, unit, now, document=uuid, position=position, heading=heading, body=body)


def _nominations(rng, out, unit, unit_name, people, households, meetings, years: range, today, pool, now) -> None:
    """Two 最美家庭 and one 三八红旗手 a year, agreed at a meeting, with 公示 and an outcome; honours for some."""
    all_households = [h for mine in households.values() for h in mine]
    women = [p for p in people if p.get("_intended_post", p.get("post")) != "chair"] or people
    earlier = years.start - 1
    honoured = rng.choice(women)
    # An honour from before the demo's years: even a demo of one year has one on the register.
    out.add(
        Award,
        unit,
        now,
        year=earlier,
        level="township",
        title=f"{earlier}年度“巾帼建功标兵”",
        conferred_by="镇妇联",
        recipient_kind="person",
        recipient_name=honoured["name"],
        person=honoured["uuid"],
        nomination=None,
        date=_dt.date(earlier + 1, 3, rng.randint(1, 7)),
        document_number=f"妇发〔{earlier + 1}〕{rng.randint(2, 9)}号",
        notes="",
    )
    for year in years:
        agreed = [m for m in meetings if m[1].year == year]
        meeting, day = agreed[0] if agreed else (None, _dt.date(year, 3, 1))
        if day > today:
            continue
        past = year < today.year
        picks: list[tuple[str, str, str, str | None, str | None, str]] = []
        for household in rng.sample(all_households, min(2, len(all_households))):
            name = f"{household['head']}家庭"
            picks.append(
                ("most_beautiful_family", "family", name, None, household["uuid"], "、".join(household["women"]))
            )
        person = rng.choice(women)
        picks.append(("red_banner", "person", person["name"], person["uuid"], None, ""))
        for award, kind, name, person_uuid, household_uuid, family in picks:
            if past:
                outcome = rng.choice(("awarded", "awarded", "not_selected", "recommended"))
            else:
                outcome = rng.choice(("pending", "recommended"))
            summaries, stories = (
                (FAMILY_SUMMARIES, FAMILY_STORIES) if kind == "family" else (RED_BANNER_SUMMARIES, RED_BANNER_STORIES)
            )
            notice_from = day + _dt.timedelta(days=2)
            uuid = out.add(
                Nomination,
                unit,
                now,
                year=year,
                award=award,
                level="county",
                nominee_kind=kind,
                nominee_name=name,
                person=person_uuid,
                household=household_uuid,
                family_members=family,
                summary=rng.choice(summaries).format(name=name),
                story=rng.choice(stories).format(name=name),
                meeting=meeting,
                notice_from=notice_from,
                notice_to=notice_from + _dt.timedelta(days=6),
                outcome=outcome,
                outcome_note="" if outcome != "not_selected" else "未入选县级名单，保留村级推荐",
            )
            if meeting:
                out.add(MeetingLink, unit, now, meeting=meeting, kind="nomination", record_uuid=uuid)
            for position, digest in enumerate(rng.sample(pool, min(2, len(pool)))):
                caption = "家庭合影" if position == 0 else "日常生活照"
                out.add(photos.PhotoLink, unit, now, owner=uuid, photo=digest, caption=caption, position=position)
            if outcome == "awarded":
                out.add(
                    Award,
                    unit,
                    now,
                    year=year,
                    level="county",
                    title=AWARD_TITLES[award].format(year=year),
                    conferred_by="县妇联",
                    recipient_kind=kind,
                    recipient_name=name,
                    person=person_uuid,
                    nomination=uuid,
                    date=_dt.date(year, rng.choice((3, 5, 12)), rng.randint(1, 8)),
                    document_number=f"妇字〔{year}〕{rng.randint(5, 40)}号",
                    notes="",
                )
        if past and rng.random() < 0.5:
            out.add(
                Award,
                unit,
                now,
                year=year,
                level="township",
                title=f"{year}年度先进基层妇联组织",
                conferred_by="镇妇联",
                recipient_kind="collective",
                recipient_name=f"{unit_name}妇联",
                person=None,
                nomination=None,
                date=_dt.date(year + 1, 1, rng.randint(10, 28)) if year + 1 <= today.year else None,
                document_number="",
                notes="",
            )


def make_committee(
    rng: random.Random,
    unit_code: str,
    unit_name: str,
    people: list[dict],
    years: int,
    today: _dt.date,
    pool: list[str],
    full: bool = True,
) -> dict[str, int]:
    """The committee's work in one village; ``full`` for every year of the demo, else this year's only.
    Returns counts by kind (households, contacts, needs, meetings, nominations)."""
    now = utcnow()
    out = _Rows()
    committee = [p for p in people if p.get("_intended_post", p.get("post")) not in (None, "backbone")] or people
    chair = next((p for p in committee if p.get("_intended_post", p.get("post")) == "chair"), committee[0])
    first_year = today.year - years + 1 if full else today.year
    span = range(first_year, today.year + 1)
    households = _households(rng, out, unit_code, committee, _dt.date(first_year, 1, rng.randint(2, 20)), today, now)
    needs = _contacts_and_needs(rng, out, unit_code, committee, households, _dt.date(first_year, 1, 1), today, now)
    projects = _projects(rng, out, unit_code, committee, needs, today, now)
    if full:
        _needs_met_by_activities(rng, out, unit_code)
    meetings = _meetings(rng, out, unit_code, committee, chair, span, today, now)
    for project, start in projects:
        decided = [m for m, day in meetings if day <= start]
        if decided:
            out.add(MeetingLink, unit_code, now, meeting=decided[-1], kind="project", record_uuid=project)
    _year_documents(rng, out, unit_code, unit_name, span, today, now)
    _nominations(rng, out, unit_code, unit_name, people, households, meetings, span, today, pool, now)
    out.insert()
    return {
        "households": out.count(Household),
        "contacts": out.count(Contact),
        "needs": out.count(Need),
        "meetings": out.count(Meeting),
        "nominations": out.count(Nomination),
    }
