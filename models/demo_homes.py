"""Demonstration Women's Homes and a realistic ledger of activities with photos (part of `demo`)."""

from __future__ import annotations

import datetime as _dt
import io
import random

from models import homes, photos

from .base import new_uuid, utcnow
from .homes import Activity, ActivityParticipant

TITLES = {
    "1": ("“巾帼心向党”主题宣讲", "学习党的二十大精神宣讲会", "新时代文明实践宣讲", "“百姓名嘴”进村宣讲"),
    "2": ("寻找“最美家庭”评选", "家庭教育专题讲座", "好家风好家训分享会", "“清廉家庭”创建活动"),
    "3": ("《民法典》婚姻家庭编普法讲座", "反家暴宣传进村入户", "婚姻家庭纠纷调解", "妇女维权法律咨询"),
    "4": ("“两癌”免费筛查", "妇女健康知识讲座", "“两癌”筛查动员会"),
    "5": ("巧手编织技能培训", "农村电商直播培训", "家政服务技能培训", "巾帼创业分享会"),
    "6": ("关爱留守儿童“六一”活动", "暑期儿童防溺水安全教育", "困境儿童走访慰问", "儿童之家周末课堂"),
    "7": ("巾帼志愿者人居环境整治", "敬老院志愿服务", "垃圾分类入户宣传"),
    "8": ("“三八”妇女节文艺汇演", "广场舞比赛", "重阳节登山活动", "端午包粽子比赛"),
    "9": ("网上妇女之家政策推送", "微信群线上知识竞答", "线上家庭教育公开课"),
    "10": ("妇联执委会议", "妇女议事会", "年度工作总结会"),
}
# Titles that belong to a day or a month of the year: an activity so named is dated then.
SEASONAL = {
    "关爱留守儿童“六一”活动": (6, 1),
    "暑期儿童防溺水安全教育": (7, None),
    "“三八”妇女节文艺汇演": (3, 8),
    "重阳节登山活动": (10, None),
    "端午包粽子比赛": (6, None),
}
FORMS = {
    "1": "talk",
    "2": "talk",
    "3": "mediation",
    "4": "clinic",
    "5": "training",
    "6": "visit",
    "7": "service",
    "8": "culture",
    "9": "online",
    "10": "meeting",
}
PLACES = ("村妇女之家", "村综合服务中心", "村文化广场", "村党员活动室", "村卫生室", "村小学")
COLOURS = ((196, 64, 64), (64, 120, 190), (70, 150, 90), (220, 160, 60), (140, 90, 170), (60, 150, 160))


def photo_pool(rng: random.Random, count: int) -> list[str]:
    """Stored photos that look like photos: a sky, ground and a few figures, varied by the seed."""
    from PIL import Image, ImageDraw

    digests = []
    for _ in range(count):
        width, height = rng.choice(((960, 720), (720, 960), (1024, 576)))
        image = Image.new("RGB", (width, height))
        draw = ImageDraw.Draw(image)
        sky, ground = rng.choice(COLOURS), rng.choice(COLOURS)
        horizon = int(height * rng.uniform(0.45, 0.65))
        for y in range(height):
            base = sky if y < horizon else ground
            shade = 0.6 + 0.4 * (y / height if y < horizon else 1 - (y - horizon) / (height - horizon))
            draw.line([(0, y), (width, y)], fill=tuple(int(c * shade) for c in base))
        for _figure in range(rng.randint(3, 9)):
            x = rng.randint(20, width - 60)
            size = rng.randint(40, 110)
            colour = rng.choice(COLOURS)
            draw.ellipse([x, horizon - size * 2, x + size // 2, horizon - size * 2 + size // 2], fill=(235, 200, 170))
            draw.rectangle([x - size // 8, horizon - size * 3 // 2, x + size * 5 // 8, horizon], fill=colour)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80)
        digests.append(photos.store_photo(out.getvalue()))
    return digests


def make_home(
    rng: random.Random, unit_code: str, unit_name: str, manager: dict | None, today: _dt.date, pool: list[str]
) -> None:
    own_room = rng.random() < 0.4
    facilities = [c for c in homes.FACILITY.codes() if rng.random() < 0.75]
    demonstrations = []
    if rng.random() < 0.3:
        demonstrations.append((rng.randint(2018, today.year - 1), "county"))
        if rng.random() < 0.3:
            demonstrations.append(
                (demonstrations[0][0] + 1 if demonstrations[0][0] < today.year else today.year, "city")
            )
    data = homes.HomeInput(
        name=f"{unit_name}妇女之家",
        address=f"{unit_name}村民委员会办公楼{rng.randint(1, 3)}楼",
        floor_area=float(rng.choice((30, 40, 45, 60, 80, 120))),
        own_room=own_room,
        shared_with="" if own_room else "党员活动室",
        plaque_date=_dt.date(rng.randint(2015, 2020), rng.randint(1, 12), 8),
        rules_on_wall=rng.random() < 0.9,
        facilities=facilities,
        manager=manager["name"] if manager else "",
        manager_phone=manager["phone"] if manager else "",
        opening_hours=rng.choice(("周一至周五 8:30-17:30", "每周二、四下午", "工作日全天")),
        volunteers=rng.randint(8, 45),
        annual_funding=float(rng.choice((2000, 3000, 5000, 8000, 10000))),
        online_group=f"{unit_name}网上妇女之家",
        online_members=rng.randint(80, 480),
        online_owner=manager["name"] if manager else "",
        demonstrations=demonstrations,
        photos=rng.sample(pool, min(2, len(pool))),
    )
    homes.save_home(data, unit_code, today=today)


def make_activities(
    rng: random.Random, unit_code: str, people: list[dict], years: int, today: _dt.date, pool: list[str]
) -> int:
    """A ledger of 20–36 activities a year in every category; bulk inserted. Returns the count."""
    now = utcnow()
    committee = [p for p in people if p.get("_intended_post", p.get("post")) not in (None, "backbone")] or people
    activity_rows, participant_rows, link_rows = [], [], []
    for year in range(today.year - years + 1, today.year + 1):
        last_day = today if year == today.year else _dt.date(year, 12, 31)
        count = rng.randint(20, 36) * last_day.timetuple().tm_yday // 365 + 1
        categories = list(homes.CATEGORY.codes()) + [
            rng.choice(homes.CATEGORY.codes()) for _ in range(max(0, count - 10))
        ]
        for category in categories[:count]:
            day = _dt.date(year, 1, 1) + _dt.timedelta(days=rng.randrange(last_day.timetuple().tm_yday))
            title = rng.choice(TITLES[category])
            if title in SEASONAL:
                month, on = SEASONAL[title]
                seasonal_day = _dt.date(year, month, on or rng.randint(1, 28))
                if seasonal_day <= last_day:
                    day = seasonal_day
                else:  # its season has not come yet this year
                    title = next(t for t in TITLES[category] if t not in SEASONAL)
            start = rng.choice(("08:30", "09:00", "09:30", "14:00", "14:30", "19:30"))
            women = rng.randint(12, 80)
            children = rng.randint(5, 40) if category == "6" else rng.randint(0, 5)
            leader = rng.choice(committee)["name"]
            uuid = new_uuid()
            sensitive = category in homes.SENSITIVE_CATEGORIES
            activity_rows.append(
                {
                    "uuid": uuid,
                    "unit": unit_code,
                    "created_at": now,
                    "updated_at": now,
                    "deleted": False,
                    "date": day,
                    "start_time": start,
                    "end_time": f"{int(start[:2]) + rng.choice((1, 2)):02d}{start[2:]}",
                    "place": rng.choice(PLACES),
                    "title": title,
                    "category": category,
                    "form": FORMS[category],
                    "organiser": "村妇联",
                    "co_organiser": rng.choice(("", "村卫生室", "镇司法所", "村小学", "")),
                    "women": women,
                    "children": children,
                    "others": rng.randint(0, 10),
                    "leader": leader,
                    "summary": f"组织开展{title}，{leader}主持，参加群众积极踊跃。",
                    "results": rng.choice(("群众反响良好。", "发放宣传资料100余份。", "解决实际困难3件。", "")),
                    "recorder": rng.choice(committee)["name"],
                    "sensitive": sensitive,
                }
            )
            for person in rng.sample(people, min(len(people), rng.randint(0, 4))):
                participant_rows.append(
                    {
                        "uuid": new_uuid(),
                        "unit": unit_code,
                        "created_at": now,
                        "updated_at": now,
                        "deleted": False,
                        "activity": uuid,
                        "person": person["uuid"],
                        "name": person["name"],
                    }
                )
            # Most activities have evidence; a few do not yet (the overview reminds).
            if rng.random() < 0.85:
                for position, digest in enumerate(rng.sample(pool, rng.randint(1, min(4, len(pool))))):
                    link_rows.append(
                        {
                            "uuid": new_uuid(),
                            "unit": unit_code,
                            "created_at": now,
                            "updated_at": now,
                            "deleted": False,
                            "owner": uuid,
                            "photo": digest,
                            "caption": "",
                            "position": position,
                        }
                    )
    for model, rows in (
        (Activity, activity_rows),
        (ActivityParticipant, participant_rows),
        (photos.PhotoLink, link_rows),
    ):
        for first in range(0, len(rows), 500):
            model.insert_many(rows[first : first + 500]).execute()
    return len(activity_rows)
