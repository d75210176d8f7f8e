"""Rights and care in the demonstration (part of `demo`): a village's family disputes with their steps and
monthly reports, letters and visits, the people helped with acts of help and contacts with parents, and a
"两癌" screening round a year. Bulk inserted, as `demo_committee` does.

The own village gets every year of the demo as rows. A village below a township or county gets what its
packages would have brought: the monthly dispute reports of this year (most villages have sent this month's)
and the counts of this year (models.care_counts), so the county's forms and cockpit have figures.
"""

from __future__ import annotations

import datetime as _dt
import random

from models.care import CareAct, CareTarget, ParentContact
from models.care_counts import CareCount, count_uuid
from models.disputes import DisputeCase, DisputeReport, DisputeStep
from models.petitions import Petition
from models.screening import ScreeningRound, ScreeningWoman

from .base import database, new_uuid, utcnow
from .demo_care_texts import (
    ACTS,
    CADRE_SUFFIX,
    CARE_NOTES,
    CARE_PARENTS,
    CONTACT_SUMMARIES,
    DISPUTES,
    GROUPS,
    HANDED_TO,
    MEDIATIONS,
    PASSED_TO,
    PETITIONS,
    ROUND_PLACES,
    VISITOR_ROLES,
    VISITS,
)
from .demo_committee import GIVEN, SURNAMES

KINDS = (("family", 30), ("marriage", 25), ("support", 15), ("neighbour", 12), ("property", 10), ("other", 5))
OUTCOMES = (("settled", 72), ("stable", 20), ("handed_on", 8))
WAYS = (("visit", 55), ("phone", 20), ("letter", 8), ("hotline_12338", 10), ("online", 7))
CONTACT_WAYS = (("phone", 40), ("video", 35), ("wechat", 20), ("visit", 5))
CARE_MIX = (
    ("left_behind_child", 7),
    ("child_in_hardship", 1),
    ("woman_in_hardship", 2),
    ("ill_woman", 1),
    ("poverty_monitoring", 1),
)
CHILDREN = ("left_behind_child", "child_in_hardship")
QUOTA = 40
ELIGIBLE = 60


def _pick(rng: random.Random, pairs) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _month(day: _dt.date) -> str:
    return f"{day:%Y-%m}"


def _day_in(rng: random.Random, year: int, month: int, today: _dt.date) -> _dt.date:
    last = (_dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)).day
    return min(_dt.date(year, month, rng.randint(1, last)), today)


class _Rows:
    """Rows by model, inserted together in an order parents first."""

    ORDER: tuple = (DisputeCase, DisputeStep, DisputeReport, Petition, CareTarget, CareAct, ParentContact)
    ORDER += (ScreeningRound, ScreeningWoman, CareCount)

    def __init__(self, now: _dt.datetime) -> None:
        self.now = now
        self.by_model: dict = {}

    def add(self, model, unit: str, **values) -> str:
        uuid = values.pop("uuid", None) or new_uuid()
        row = {"uuid": uuid, "unit": unit, "created_at": self.now, "updated_at": self.now, "deleted": False}
        self.by_model.setdefault(model, []).append({**row, **values})
        return uuid

    def count(self, model) -> int:
        return len(self.by_model.get(model, []))

    def insert(self) -> None:
        cursor = database.cursor()
        for model in self.ORDER:
            rows = self.by_model.get(model, [])
            if not rows:
                continue
            names = list(rows[0])
            columns = ", ".join(f'"{name}"' for name in names)
            marks = ", ".join([database.param] * len(names))
            sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
            cursor.executemany(sql, [tuple(_stored(row[name]) for name in names) for row in rows])


def _stored(value):
    if isinstance(value, _dt.datetime):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _cadres(people: list[dict]) -> list[dict]:
    committee = [p for p in people if p.get("_intended_post", p.get("post")) not in (None, "backbone")]
    return committee or people


# --- the own village: rows ----------------------------------------------------------------------


def _disputes(rng: random.Random, out: _Rows, unit: str, cadres: list[dict], first: int, today: _dt.date) -> None:
    for year in range(first, today.year + 1):
        high_month = rng.randint(1, 12 if year < today.year else today.month)  # one high-risk case a year
        for month in range(1, 13):
            start = _dt.date(year, month, 1)
            if start > today:
                break
            found = rng.choices((0, 1, 1, 2, 2, 3), k=1)[0] if month not in (1, 2) else rng.choice((1, 2, 3))
            if month == high_month:
                found = max(found, 1)
            for at in range(found):
                _case(rng, out, unit, cadres, _day_in(rng, year, month, today), today, month == high_month and at == 0)
            report_day = (_dt.date(year + month // 12, month % 12 + 1, 1)) + _dt.timedelta(days=rng.randint(0, 4))
            if report_day <= today:
                chair = cadres[0]
                out.add(
                    DisputeReport,
                    unit,
                    month=_month(start),
                    none_this_month=found == 0,
                    reported_on=report_day,
                    reported_by=chair["name"],
                    notes="本月无新发婚姻家庭纠纷" if found == 0 else "",
                )


def _case(rng, out: _Rows, unit: str, cadres: list[dict], found_on, today, high: bool) -> None:
    kind = "violence" if high and rng.random() < 0.5 else _pick(rng, KINDS)
    parties, description = rng.choice(DISPUTES[kind])
    cadre = rng.choice(cadres)
    risk = "high" if high else ("medium" if rng.random() < 0.25 else "low")
    outcome = _pick(rng, OUTCOMES)
    closed_on = found_on + _dt.timedelta(days=rng.randint(4, 40))
    if closed_on > today:
        outcome, closed_on = "screened", None
    case = out.add(
        DisputeCase,
        unit,
        found_on=found_on,
        kind=kind,
        risk=risk,
        parties=parties,
        description=description,
        responsible=cadre["name"] + CADRE_SUFFIX,
        responsible_person=cadre["uuid"],
        status=outcome,
        handed_to=rng.choice(HANDED_TO) if outcome == "handed_on" else "",
        closed_on=closed_on,
    )
    day = found_on + _dt.timedelta(days=rng.randint(0, 3))
    out.add(DisputeStep, unit, dispute_case=case, date=min(day, today), kind="visit", action="入户了解情况，登记纠纷")
    if closed_on is not None:
        if outcome == "handed_on":
            out.add(DisputeStep, unit, dispute_case=case, date=closed_on, kind="handover", action="移交并电话告知")
        else:
            action = rng.choice(MEDIATIONS)
            out.add(DisputeStep, unit, dispute_case=case, date=closed_on, kind="mediation", action=action)
        follow = closed_on + _dt.timedelta(days=rng.randint(15, 40))
        if follow <= today:
            out.add(DisputeStep, unit, dispute_case=case, date=follow, kind="follow_up", action=rng.choice(VISITS))


def _petitions(rng: random.Random, out: _Rows, unit: str, first: int, today: _dt.date) -> None:
    for year in range(first, today.year + 1):
        for _ in range(rng.randint(5, 10)):
            day = _day_in(rng, year, rng.randint(1, 12), today)
            if day.year != year:
                continue
            category = rng.choice(list(PETITIONS))
            matter, result = PETITIONS[category]
            closed = (today - day).days > 20 or rng.random() < 0.3
            out.add(
                Petition,
                unit,
                date=day,
                way=_pick(rng, WAYS),
                visitor=_name(rng) + "（" + rng.choice(VISITOR_ROLES) + "）",
                matter=matter,
                category=category,
                passed_to=rng.choice(PASSED_TO) if rng.random() < 0.5 else "",
                result=result if closed else "",
                status="closed" if closed else "open",
            )


def _care(rng: random.Random, out: _Rows, unit: str, cadres: list[dict], first: int, today: _dt.date) -> None:
    since = _dt.date(first, rng.randint(1, 3), rng.randint(1, 28))
    for category, base in CARE_MIX:
        for _ in range(base + rng.choice((0, 0, 1))):
            child = category in CHILDREN
            age = rng.randint(4, 15) if child else rng.randint(32, 62)
            helper = rng.choice(cadres)
            target = out.add(
                CareTarget,
                unit,
                category=category,
                name=_name(rng),
                sex=rng.choice("FM") if child else "F",
                birth_month=f"{today.year - age:04d}-{rng.randint(1, 12):02d}",
                group_name=rng.choice(GROUPS),
                guardian=(_name(rng) + "（祖母）") if child else "",
                parents=rng.choice(CARE_PARENTS) if category == "left_behind_child" else "",
                phone="",
                helper=helper["name"],
                helper_person=helper["uuid"],
                since=since,
                notes=CARE_NOTES[category],
            )
            for year in range(first, today.year + 1):
                for _ in range(rng.randint(3, 6)):
                    day = _day_in(rng, year, rng.randint(1, 12), today)
                    if day < since:
                        continue
                    kind = rng.choice(("visit", "visit", "goods", "study" if child else "money", "other"))
                    what, goods = ACTS[kind]
                    out.add(
                        CareAct,
                        unit,
                        target=target,
                        date=day,
                        kind=kind,
                        what=what,
                        goods=goods,
                        amount=float(rng.choice((200, 300, 500))) if kind == "money" else None,
                        helper=helper["name"],
                    )
            if category == "left_behind_child":
                _parent_contacts(rng, out, unit, target, since, today)


def _parent_contacts(rng, out: _Rows, unit: str, target: str, since: _dt.date, today: _dt.date) -> None:
    year, month = since.year, since.month
    while _dt.date(year, month, 1) <= today:
        this_month = (year, month) == (today.year, today.month)
        if rng.random() < (0.4 if this_month else 0.92):  # a few months missed; this month not done for all yet
            out.add(
                ParentContact,
                unit,
                target=target,
                date=_day_in(rng, year, month, today),
                way=_pick(rng, CONTACT_WAYS),
                parent=rng.choice(("父亲", "母亲")),
                summary=rng.choice(CONTACT_SUMMARIES),
            )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _screening(rng: random.Random, out: _Rows, unit: str, first: int, today: _dt.date) -> None:
    for year in range(first, today.year + 1):
        starts = _dt.date(year, rng.choice((4, 5)), rng.randint(1, 20))
        if starts > today:
            continue
        ends = starts + _dt.timedelta(days=rng.randint(21, 35))
        quota = QUOTA + rng.choice((-5, 0, 0, 5))
        screening_round = out.add(
            ScreeningRound,
            unit,
            year=year,
            name=f"{year}年农村妇女“两癌”免费检查",
            quota=quota,
            starts_on=starts,
            ends_on=ends,
            place=rng.choice(ROUND_PLACES),
            notes="",
        )
        for _ in range(ELIGIBLE + rng.randint(-5, 5)):
            age = rng.randint(35, 64)
            signed = rng.random() < 0.8
            sign_day = starts - _dt.timedelta(days=rng.randint(3, 20))
            exam_day = starts + _dt.timedelta(days=rng.randint(0, (ends - starts).days))
            examined = signed and rng.random() < 0.85 and exam_day <= today
            out.add(
                ScreeningWoman,
                unit,
                screening_round=screening_round,
                name=_name(rng),
                birth_month=f"{year - age:04d}-{rng.randint(1, 12):02d}",
                group_name=rng.choice(GROUPS),
                registered_here=rng.random() < 0.95,
                low_income=rng.random() < 0.1,
                phone="",
                signed_up_on=min(sign_day, today) if signed else None,
                examined_on=exam_day if examined else None,
                notes="",
            )


def make_care(rng: random.Random, unit_code: str, people: list[dict], years: int, today: _dt.date) -> dict[str, int]:
    """Every year of the own village's rights-and-care registers; returns counts by kind."""
    out = _Rows(utcnow())
    cadres = _cadres(people)
    first = today.year - years + 1
    _disputes(rng, out, unit_code, cadres, first, today)
    _petitions(rng, out, unit_code, first, today)
    _care(rng, out, unit_code, cadres, first, today)
    _screening(rng, out, unit_code, first, today)
    out.insert()
    return {
        "disputes": out.count(DisputeCase),
        "petitions": out.count(Petition),
        "people_helped": out.count(CareTarget),
        "screened": out.count(ScreeningWoman),
    }


# --- a village below: the reports and counts its packages would have brought ------------------------


def _count_rows(out: _Rows, unit: str, register: str, period: str, counts: dict[tuple[str, str], int]) -> None:
    for (dimension, code), n in counts.items():
        uuid = count_uuid(unit, register, period, dimension, code)
        out.add(CareCount, unit, uuid=uuid, register=register, period=period, dimension=dimension, code=code, count=n)


def _month_counts(rng: random.Random) -> tuple[dict, dict]:
    disputes = {("found", kind): 0 for kind in ("marriage", "family", "support", "property", "violence")}
    disputes.update({("found", k): 0 for k in ("neighbour", "other")})
    disputes.update({("risk", r): 0 for r in ("low", "medium", "high")})
    disputes.update({("outcome", s): 0 for s in ("settled", "stable", "handed_on")})
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        disputes[("found", _pick(rng, KINDS))] += 1
        disputes[("risk", "medium" if rng.random() < 0.2 else "low")] += 1
        disputes[("outcome", _pick(rng, OUTCOMES))] += 1
    disputes[("open", "open")] = rng.choice((0, 0, 0, 1))
    petitions = {("way", w): 0 for w, _n in WAYS}
    petitions.update({("category", c): 0 for c in PETITIONS})
    petitions.update({("status", s): 0 for s in ("open", "closed")})
    if rng.random() < 0.5:
        petitions[("way", _pick(rng, WAYS))] += 1
        petitions[("category", rng.choice(list(PETITIONS)))] += 1
        petitions[("status", "closed")] += 1
    return disputes, petitions


def _year_counts(rng: random.Random, year: int, today: _dt.date) -> tuple[dict, dict]:
    children = rng.randint(5, 9)
    care = {("category", c): 0 for c, _n in CARE_MIX}
    care[("category", "left_behind_child")] = children
    care[("category", "woman_in_hardship")] = rng.randint(1, 3)
    care[("category", "ill_woman")] = rng.randint(0, 2)
    care.update({("age_band", "under_14"): children - 1, ("age_band", "14_17"): 1})
    care[("age_band", "18_over")] = sum(care[("category", c)] for c in ("woman_in_hardship", "ill_woman"))
    care.update({("acts", k): rng.randint(2, 12) for k in ACTS})
    for month in range(1, 13):
        if _dt.date(year, month, 1) <= today:
            this_month = month == today.month and year == today.year
            care[("parents_contacted", f"{year:04d}-{month:02d}")] = (
                rng.randint(0, children) if this_month else children - rng.choice((0, 0, 1))
            )
    quota = QUOTA + rng.choice((-10, -5, 0, 5))
    eligible = ELIGIBLE + rng.randint(-15, 15)
    signed = min(eligible, quota + rng.randint(-3, 8))
    examined = min(signed, quota - rng.randint(0, 6))
    screening = {("total", "quota"): quota, ("total", "eligible"): eligible}
    screening.update({("total", "signed_up"): signed, ("total", "examined"): examined})
    weeks = rng.randint(16, 19)
    left = examined
    for week in range(weeks, weeks + 4):
        n = left if week == weeks + 3 else rng.randint(0, left)
        screening[("week", f"{year:04d}-W{week:02d}")] = n
        left -= n
    young = rng.randint(0, examined // 2)
    middle = rng.randint(0, examined - young)
    screening.update({("age_band", "35_44"): young, ("age_band", "45_54"): middle})
    screening[("age_band", "55_64")] = examined - young - middle
    return care, screening


def make_below(rng: random.Random, villages: list[str], today: _dt.date) -> None:
    """The reports and counts of this year that the villages below sent (a quarter have not sent this month's)."""
    out = _Rows(utcnow())
    this_month = _month(today)
    for unit in villages:
        for month in range(1, today.month + 1):
            period = f"{today.year:04d}-{month:02d}"
            disputes, petitions = _month_counts(rng)
            _count_rows(out, unit, "disputes", period, disputes)
            _count_rows(out, unit, "petitions", period, petitions)
            if period == this_month and rng.random() < 0.25:
                continue
            found = sum(n for (dimension, _code), n in disputes.items() if dimension == "found")
            day = _dt.date(today.year, month, 1) + _dt.timedelta(days=27)
            out.add(
                DisputeReport,
                unit,
                month=period,
                none_this_month=found == 0,
                reported_on=min(day, today),
                reported_by="",
                notes="",
            )
        care, screening = _year_counts(rng, today.year, today)
        _count_rows(out, unit, "care", str(today.year), care)
        if today.month >= 5:
            _count_rows(out, unit, "screening", str(today.year), screening)
    out.insert()
