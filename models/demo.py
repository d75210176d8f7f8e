"""Realistic demonstration data (`demo`), repeatable with a seed.

A village or community gets its committee and women's backbones. A
township, county or city gets its own committee plus villages below it,
with their people owned by those villages, as if their packages had
arrived. Later parts of the program add elections, activities and
trainings here.
"""

from __future__ import annotations

import datetime as _dt
import random

from models import codes, demo_care, demo_committee, demo_homes, demo_training, id_crypto, units

from .base import database, new_uuid, utcnow
from .i18n import _
from .people import Person, id_number_check_digit, pinyin_keys

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃戴莫向汤"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官")
GIVEN = "秀英华丽红芳玲燕娟敏静霞梅兰萍琴云凤莉洁琳婷艳晓春桂金玉翠淑慧雪颖丹倩佳欣湘菊荣美娥珍"
VILLAGE_WORDS = (
    "石门",
    "桃花",
    "枫树",
    "新民",
    "白沙",
    "龙泉",
    "清水",
    "双江",
    "杨林",
    "金盆",
    "莲花",
    "高桥",
    "大塘",
    "黄土",
    "梅溪",
    "竹山",
    "长乐",
    "兴隆",
    "和平",
    "团结",
    "光明",
    "红星",
    "五一",
    "富民",
)
WORKPLACES = ("村民委员会", "村卫生室", "村小学", "农民专业合作社", "个体经营", "务农", "村便民服务中心", "幼儿园")
# Hunan: mostly Han, with Tujia, Miao, Dong and Yao villages.
ETHNIC_WEIGHTS = (("01", 86), ("15", 6), ("06", 4), ("12", 2), ("13", 2))
EDUCATION_WEIGHTS = (("20", 8), ("30", 22), ("40", 12), ("60", 25), ("70", 28), ("80", 5))


def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def _name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.03 else rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
    return surname + given


def _id_number(rng: random.Random, area: str, birth: _dt.date) -> str:
    sequence = f"{rng.randrange(0, 100):02d}{rng.randrange(0, 10, 2)}"  # even: female
    first17 = f"{area}{birth:%Y%m%d}{sequence}"
    return first17 + id_number_check_digit(first17)


def _phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "150", "151", "157", "173", "180", "187", "199")) + f"{rng.randrange(10**8):08d}"


def _people_rows(rng: random.Random, unit_code: str, today: _dt.date, pinyin_cache: dict) -> list[dict]:
    """One unit's committee (odd size, 7–15) and 8–20 backbones.

    Rows carry the post they will hold in ``_intended_post``; the election
    demo makes it so. Some of the committee sat on the previous one.
    """
    size = rng.choice((7, 7, 9, 9, 11, 13, 15))
    posts = ["chair", "vice_chair"] + (["vice_chair"] if size >= 11 else []) + ["executive"] * size
    posts = posts[:size] + ["backbone"] * rng.randint(8, 20)
    rows, used = [], set()
    now = utcnow()
    for post in posts:
        name = _name(rng)
        while name in used:
            name = _name(rng)
        used.add(name)
        age = rng.randint(26, 62) if post != "chair" else rng.randint(32, 55)
        birth = _dt.date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        if name not in pinyin_cache:
            pinyin_cache[name] = pinyin_keys(name)
        identities = rng.sample(codes.IDENTITY.codes()[:-1], rng.choice((0, 1, 1, 2)))
        if post == "chair":
            identities = ["two_committees"] + [c for c in identities if c != "two_committees"]
        previous_post = post if post != "backbone" and rng.random() < 0.6 else "backbone"
        rows.append(
            {
                "uuid": new_uuid(),
                "unit": unit_code,
                "created_at": now,
                "updated_at": now,
                "deleted": False,
                "name": name,
                "name_pinyin": pinyin_cache[name][0],
                "name_initials": pinyin_cache[name][1],
                "sex": "F",
                "ethnicity": _weighted(rng, ETHNIC_WEIGHTS),
                "birth": f"{birth:%Y-%m}",
                "id_number": _id_number(rng, unit_code[:6], birth) if rng.random() < 0.6 else None,
                "education": _weighted(rng, EDUCATION_WEIGHTS),
                "political": _demo_political(rng, post, age),
                "post": previous_post if post != "backbone" else "backbone",
                "part_time": post != "chair",
                "workplace": rng.choice(WORKPLACES),
                "identities": ",".join(c for c in codes.IDENTITY.codes() if c in identities),
                "two_committees": "two_committees" in identities,
                "phone": _phone(rng),
                "notes": "",
                "_intended_post": post,
            }
        )
    return rows


def _insert_people(rows: list[dict]) -> None:
    plain = [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]
    for row in plain:
        row["id_number_key"] = id_crypto.lookup_key(row["id_number"])
    for start in range(0, len(plain), 500):
        Person.insert_many(plain[start : start + 500]).execute()


YOUTH_LEAGUE_AGE = 28  # members of the Communist Youth League are 14 to 28


def _demo_political(rng: random.Random, post: str, age: int) -> str:
    """A chair is a party member; others party members, the masses or, when young enough, league members."""
    if post == "chair":
        return "01"
    return rng.choice(("01", "01", "13", "13", "03" if age <= YOUTH_LEAGUE_AGE else "13"))


def _votes_for(rng: random.Random, winners: int, losers: int, entitled: int, valid: int) -> list[tuple[int, int, int]]:
    """(yes, no, abstain) for winners (above half of those entitled) then losers (below).

    Every valid ballot counts once for each candidate: a name left unmarked is 弃权, so the three add up
    to the valid ballots."""
    need = entitled // 2 + 1
    votes = []
    for _winner in range(winners):
        yes = rng.randint(min(need, valid), valid)
        no = rng.randint(0, valid - yes)
        votes.append((yes, no, valid - yes - no))
    for _loser in range(losers):
        yes = rng.randint(max(0, need - 12), need - 1)
        no = rng.randint(0, valid - yes)
        votes.append((yes, no, valid - yes - no))
    # A ballot marks at most ``winners`` names: the 赞成 total must fit.
    while sum(v[0] for v in votes) > winners * valid:
        best = max(range(winners), key=lambda i: votes[i][0])
        yes, no, abstain = votes[best]
        votes[best] = (yes - 1, no, abstain + 1)
    return votes


def _demo_election(rng: random.Random, unit_code: str, unit_name: str, rows: list[dict], meeting: _dt.date) -> None:
    """A finished regular election whose result is the committee in ``rows``."""
    from models.elections import records as er
    from models.elections.tally import min_candidates

    committee = [r for r in rows if r["_intended_post"] != "backbone"]
    spare = [r for r in rows if r["_intended_post"] == "backbone"]
    seats = len(committee)
    losers = rng.sample(spare, min(len(spare), min_candidates(seats) - seats))
    entitled = rng.randint(20, 45)
    excused = rng.randint(0, 3)
    present = entitled - excused - rng.randint(0, entitled // 8)
    invalid = rng.choice((0, 0, 1, 2))
    valid = present - invalid
    short = unit_name[:2]
    # Scrutineers are representatives who are not candidates.
    taken = {r["name"] for r in rows}
    scrutineers: list[str] = []
    while len(scrutineers) < 4:
        name = _name(rng)
        if name not in taken:
            taken.add(name)
            scrutineers.append(name)
    election = er.Election.create(
        unit=unit_code,
        kind="regular",
        term_number=rng.choice((2, 3)),
        term_years=5,
        two_committees_date=meeting - _dt.timedelta(days=rng.randint(10, 40)),
        status="elected",
        congress_kind="representatives",
        meeting_date=meeting,
        meeting_place=(
            _("{name} women's federation meeting room")
            if units.is_above_village(unit_code)
            else _("{name} village committee meeting room")
        ).format(name=unit_name),
        entitled=entitled,
        present=present,
        excused=excused,
        chief_scrutineer=scrutineers[0],
        scrutineers="、".join(scrutineers[1:3]),
        counters=scrutineers[3],
        rules_title=_("{name} women's federation election rules").format(name=unit_name),
    )
    _demo_representatives(rng, election, rows, taken, entitled, meeting)
    day = meeting - _dt.timedelta(days=75)
    for number, step in enumerate(er.STEPS, start=1):
        document = f"{short}妇字〔{meeting.year}〕{number}号" if step in ("request", "filed") else ""
        if step == "approval":
            document = f"{short}党支〔{meeting.year}〕{number}号"
        when = meeting if step in ("congress", "first_plenary") else day
        er.ElectionStep.create(unit=unit_code, election=election, step=step, date=when, document_number=document)
        day = min(day + _dt.timedelta(days=rng.randint(5, 12)), meeting)
        if step == "first_plenary":
            day = meeting + _dt.timedelta(days=rng.randint(5, 15))

    def add_round(
        position: int,
        kind: str,
        seats_: int,
        winners: list[dict],
        others: list[dict],
        entitled_: int,
        present_: int,
        valid_: int,
        invalid_: int,
        competitive: bool,
    ) -> None:
        round_ = er.ElectionRound.create(
            unit=unit_code,
            election=election,
            position=position,
            kind=kind,
            seats=seats_,
            competitive=competitive,
            entitled=entitled_,
            present=present_,
            issued=present_,
            returned=present_,
            valid=valid_,
            invalid=invalid_,
        )
        for person, (yes, no, abstain) in zip(
            winners + others, _votes_for(rng, len(winners), len(others), entitled_, valid_)
        ):
            er.ElectionCandidate.create(
                unit=unit_code,
                round=round_,
                person=person["uuid"],
                name=person["name"],
                yes=yes,
                no=no,
                abstain=abstain,
            )

    add_round(0, "committee", seats, committee, losers, entitled, present, valid, invalid, True)
    chair = [r for r in committee if r["_intended_post"] == "chair"]
    vices = [r for r in committee if r["_intended_post"] == "vice_chair"]
    add_round(1, "chair", 1, chair, [], seats, seats, seats, 0, False)
    add_round(2, "vice_chair", len(vices), vices, [], seats, seats, seats, 0, False)
    er.finalise(election, confirm_warnings=True)


def _demo_representatives(
    rng: random.Random, election, rows: list[dict], taken: set[str], entitled: int, meeting: _dt.date
) -> None:
    """The list of women's representatives behind 应到: the committee and backbones, then other women."""
    from models.elections.representatives import RepresentativeInput, save_representatives

    listed = [RepresentativeInput(name=r["name"], birth_month=r["birth"], person=r["uuid"]) for r in rows][:entitled]
    while len(listed) < entitled:
        name = _name(rng)
        if name not in taken:
            taken.add(name)
            born = _dt.date(meeting.year - rng.randint(22, 70), rng.randint(1, 12), 1)
            listed.append(RepresentativeInput(name=name, birth_month=f"{born:%Y-%m}"))
    groups = max(1, entitled // 6)
    for index, row in enumerate(listed):
        row.group_name = _("Villagers' group {n}").format(n=index % groups + 1)
    save_representatives(election, listed, today=meeting)


def _demo_election_in_preparation(unit_code: str, today: _dt.date) -> None:
    from models.elections import records as er

    # The regular round is done; a by-election (补选) for a seat left empty is being prepared.
    election = er.Election.create(
        unit=unit_code, kind="by_election", term_years=5, status="preparing", congress_kind="representatives"
    )
    er.ElectionStep.create(
        unit=unit_code, election=election, step="preparatory_group", date=today - _dt.timedelta(days=20)
    )


def _distinct_name(rng: random.Random, used: set[str], suffix: str) -> str:
    """A place name not used yet in this demo: 石门村, then 上石门村, 东枫树村…"""
    name = f"{rng.choice(VILLAGE_WORDS)}{suffix}"
    while name in used:
        name = f"{rng.choice('上下东西南北新老大小')}{rng.choice(VILLAGE_WORDS)}{suffix}"
    used.add(name)
    return name


def _units_below(rng: random.Random, code: str, count: int) -> list[tuple[str, str]]:
    """(code, name) of ``count`` villages and communities below ``code``, with their townships."""
    info = units.code_info(code)
    made: list[tuple[str, str]] = []
    townships: list[str] = []
    used: set[str] = set()
    if info.level == units.TOWNSHIP:
        townships = [code]
    else:
        prefix = {units.COUNTY: code[:6], units.CITY: code[:4] + "21", units.PROVINCE: code[:2] + "0121"}[info.level]
        for i in range(max(1, (count + 11) // 12)):
            # Two towns (镇, 101…) for every rural township (乡, 201…).
            t_code = f"{prefix}{201 + i // 3 if i % 3 == 2 else 101 + i - i // 3:03d}000"
            made.append(
                (t_code, _distinct_name(rng, used, "镇" if units.code_info(t_code).kind == units.TOWN else "乡"))
            )
            townships.append(t_code)
    for i in range(count):
        township = townships[i % len(townships)]
        number = i // len(townships) + 1
        community = rng.random() < 0.15
        v_code = f"{township[:9]}{(number if community else 200 + number):03d}"
        made.append((v_code, _distinct_name(rng, used, "社区" if community else "村")))
    return made


def make_demo(
    code: str,
    name: str,
    units_below: int = 3,
    years: int = 1,
    seed: int = 1,
    today: _dt.date | None = None,
    photos: int = 24,
) -> str:
    """Fill the open database; returns a one-line summary for the user.

    ``years`` is how many years of activities each village's ledger holds;
    ``photos`` how many distinct photos the own unit's activities share.
    """
    rng = random.Random(seed)
    today = today or _dt.date.today()
    code = units.normalize_code(code)
    current = units.own_unit()
    if current is not None and current.code != code:
        raise ValueError(
            _("This database already belongs to {name} ({code}); make the demo in a new database.").format(
                name=current.name, code=current.code
            )
        )
    if Person.select().where(Person.unit == code).exists():
        raise ValueError(_("This database already has records; make the demo in a new database."))
    pinyin_cache: dict = {}
    people = elections = 0
    # The 2021 round of village elections: terms end in 2026, so the
    # overview's reminder has something to say in a current demo.
    round_year = today.year - (today.year - 2021) % 5 if today.year >= 2021 else 2021
    activities = 0
    # Rights and care draw from a generator of their own: the rest of the demo stays as it was for a seed.
    care_rng = random.Random(seed * 7919 + 15)
    villages_below: list[str] = []
    with database.atomic():
        own = units.set_own_unit(code, name)
        below = _units_below(rng, code, units_below) if own.level != units.VILLAGE else []
        own_pool = demo_homes.photo_pool(rng, photos)
        shared_pool = demo_homes.photo_pool(rng, max(1, photos // 2)) if below else []
        for unit_code, unit_name in [(own.code, own.name)] + below:
            if unit_code != own.code:
                units.upsert_unit(unit_code, unit_name, owner=unit_code)
                if units.level_of(unit_code) != units.VILLAGE:
                    continue
            rows = _people_rows(rng, unit_code, today, pinyin_cache)
            _insert_people(rows)
            people += len(rows)
            # The own unit gets photos of its own; villages below share a pool (stored once).
            pool = own_pool if unit_code == own.code else (shared_pool or own_pool)
            if units.level_of(unit_code) == units.VILLAGE:  # Women's Homes are the villages' own
                chair = next((r for r in rows if r["_intended_post"] == "chair"), None)
                demo_homes.make_home(rng, unit_code, unit_name, chair, today, pool)
                activities += demo_homes.make_activities(rng, unit_code, rows, years, today, pool)
                full = unit_code == own.code
                demo_committee.make_committee(rng, unit_code, unit_name, rows, years, today, pool, full=full)
                if full:
                    demo_care.make_care(care_rng, unit_code, rows, years, today)
                else:
                    villages_below.append(unit_code)
            meeting = _dt.date(round_year, rng.randint(3, 6), rng.randint(1, 28))
            if meeting < today:
                _demo_election(rng, unit_code, unit_name, rows, meeting)
                elections += 1
        demo_care.make_below(care_rng, villages_below, today)
        trainings = demo_training.make_trainings(rng, own.code, own.name, years, today)
        # The next round has begun somewhere: in the own village, or in one village below.
        preparing = (
            own.code
            if own.level == units.VILLAGE
            else next((c for c, _n in below if units.level_of(c) == units.VILLAGE), None)
        )
        if preparing:
            _demo_election_in_preparation(preparing, today)
    villages = sum(1 for c, _n in below if units.level_of(c) == units.VILLAGE)
    return _(
        "Demo data for {name} ({code}): {people} people in {units} units, {elections} elections, "
        "{activities} activities, {trainings} trainings."
    ).format(
        name=own.name,
        code=own.code,
        people=people,
        units=1 + villages,
        elections=elections,
        activities=activities,
        trainings=trainings,
    )
