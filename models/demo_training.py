"""Demonstration trainings with attendance (part of `demo`).

A village runs its own skills trainings (at least five a year, as rulebooks
ask); a township or county trains the chairs and executive members of the
villages below it.
"""

from __future__ import annotations

import datetime as _dt
import random

from models import training, units

from .base import new_uuid, utcnow
from .people import Person

VILLAGE_TRAININGS = (
    ("巧手编织技能培训", "village", "县妇联手工艺协会"),
    ("农村电商直播带货培训", "village", "镇电商服务站"),
    ("家庭教育指导培训", "village", "县家庭教育指导中心"),
    ("月嫂育婴员技能培训", "village", "县人社局"),
    ("妇女健康知识培训", "village", "镇卫生院"),
    ("反家暴法律知识培训", "village", "镇司法所"),
    ("茶叶种植技术培训", "village", "县农业农村局"),
)
COUNTY_TRAININGS = (
    "村（社区）妇联主席履职能力培训班",
    "村（社区）妇联执委素质提升培训班",
    "基层妇联干部“网上妇联”应用培训",
)


def _status(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.82:
        return "present", ""
    if roll < 0.88:
        return "late", ""
    if roll < 0.95:
        return "excused", rng.choice(("生病", "家中有事", "外出务工", "照顾老人"))
    return "absent", ""


def _bulk_attendance(rng: random.Random, t: training.Training, trainees: list[training.Trainee]) -> None:
    now = utcnow()
    rows = []
    for session in t.sessions():
        for trainee in trainees:
            status, reason = _status(rng)
            rows.append(
                {
                    "uuid": new_uuid(),
                    "unit": t.unit,
                    "created_at": now,
                    "updated_at": now,
                    "deleted": False,
                    "session": session.uuid,
                    "trainee": trainee.uuid,
                    "status": status,
                    "reason": reason,
                }
            )
    for start in range(0, len(rows), 500):
        training.Attendance.insert_many(rows[start : start + 500]).execute()


def _invite(t: training.Training, people: list[Person], unit_names: dict[str, str]) -> list[training.Trainee]:
    """Attendees from people on record, bulk inserted (pinyin keys are already stored on the people)."""
    now = utcnow()
    rows = [
        {
            "uuid": new_uuid(),
            "unit": t.unit,
            "created_at": now,
            "updated_at": now,
            "deleted": False,
            "training": t.uuid,
            "person": p.uuid,
            "name": p.name,
            "name_pinyin": p.name_pinyin,
            "name_initials": p.name_initials,
            "unit_name": unit_names.get(p.unit, ""),
            "post": {"chair": "主席", "vice_chair": "副主席", "executive": "执委"}.get(p.post or "", "妇女骨干"),
            "phone": p.phone,
            "walk_in": False,
        }
        for p in people
    ]
    for start in range(0, len(rows), 500):
        training.Trainee.insert_many(rows[start : start + 500]).execute()
    return list(t.trainees())


def make_trainings(rng: random.Random, unit_code: str, unit_name: str, years: int, today: _dt.date) -> int:
    """The trainings of one unit; returns how many."""
    level = units.level_of(unit_code)
    made = 0
    unit_names = {u.code: u.name for u in units.Unit.live()}
    for year in range(today.year - years + 1, today.year + 1):
        last_day = today if year == today.year else _dt.date(year, 12, 31)
        if level == units.VILLAGE:
            plans = [(name, "village", co) for name, _level, co in rng.sample(VILLAGE_TRAININGS, rng.randint(5, 6))]
            candidates = list(Person.live().where(Person.unit == unit_code))
        else:
            plans = [(name, level, "县委党校" if level == units.COUNTY else "") for name in COUNTY_TRAININGS[:2]]
            prefix = units.subtree_prefix(unit_code)
            candidates = list(
                Person.live().where(
                    Person.unit.startswith(prefix)
                    & (Person.unit != unit_code)
                    & Person.post.in_(("chair", "vice_chair", "executive"))
                )
            )
        for number, (name, organiser_level, co_organiser) in enumerate(plans):
            start = _dt.date(year, 1, 1) + _dt.timedelta(days=rng.randrange(max(1, last_day.timetuple().tm_yday - 3)))
            days = 1 if level == units.VILLAGE else 2
            end = start + _dt.timedelta(days=days - 1)
            if end > last_day:
                continue
            t = training.save_training(
                training.TrainingInput(
                    name=f"{year}年{name}",
                    organiser=unit_name if unit_name.endswith("妇联") else f"{unit_name}妇联",
                    organiser_level=organiser_level,
                    co_organiser=co_organiser,
                    start_date=start,
                    end_date=end,
                    place=f"{unit_name}妇女之家" if level == units.VILLAGE else "县委党校报告厅",
                    target_group="本村妇女群众" if level == units.VILLAGE else "村（社区）妇联主席、执委",
                    lecturers="县妇联兼职讲师\n镇农技站技术员"
                    if level == units.VILLAGE
                    else "县妇联党组书记\n县委党校教授",
                    planned=min(len(candidates), 30 if level == units.VILLAGE else 300),
                ),
                unit_code,
            )
            if level == units.VILLAGE:
                chosen = rng.sample(candidates, min(len(candidates), rng.randint(12, 25)))
            elif number == 0:  # the chairs' class
                chosen = [p for p in candidates if p.post == "chair"][:300]
            else:
                chosen = rng.sample(candidates, min(len(candidates), 300))
            trainees = _invite(t, chosen, unit_names)
            _bulk_attendance(rng, t, trainees)
            made += 1
    return made
