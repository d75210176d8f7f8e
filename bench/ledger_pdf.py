"""The activity ledger and record sheets vs plain reportlab; the activity table's first batch.

1. A temporary database holds 1,000 activities of one year and 400 photos
   (1600×1200 JPEGs with noise, about 400 KB each as a phone photo is after
   import, stored through ``models.photos.store_photo``). Our yearly ledger
   plus the 1,000 record sheets (the ``ledger`` and ``activity`` forms) are
   timed against a minimal plain-reportlab pipeline laying out the same
   tables and photos (SimpleDocTemplate + Table + Paragraph + Image, the
   same fonts, the same rows read from the same database), alternating,
   several rounds, medians. Both write binary PDF streams (reportlab's
   default ASCII85 runs in pure Python without its optional accelerator
   and would dominate either side).
2. The activity table's first batch (200 rows by date, newest first, from
   ``models.homes.activities``, as the GUI's lazy table asks for it) on a
   database of 200,000 activities vs one of 200.

    python bench/ledger_pdf.py [--rounds 3] [--activities 1000] [--photos 400]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import db as dbmod
from models import (
    homes,
    photos,
    units,
)
from models.base import database
from models.homes import CATEGORY, FORM, Activity, ActivityInput

UNIT, UNIT_NAME = "430121100201", "石门村"
YEAR = 2025
# Photos per activity in each run of 20 activities: 8 photos, so 400 photos over 1,000 activities,
# with activities of 1, 2 and 4 photos and most with none.
PATTERN = [1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 1, 0]
NAMES = ["王秀兰", "李桂英", "张红梅", "刘丽华", "陈海燕", "杨春花", "黄美玲", "赵晓红"]
TITLES = [
    "“巾帼心向党”主题宣讲",
    "寻找“最美家庭”推荐评选",
    "《反家庭暴力法》普法宣传",
    "“两癌”免费检查动员",
    "湘绣巧手技能培训班",
    "关爱留守儿童“六一”慰问",
    "巾帼志愿者环境整治行动",
    "庆“三八”妇女节广场舞展演",
    "网上妇女之家政策推送",
    "妇联执委季度工作会议",
]
SUMMARY = (
    "组织全村妇女群众{n}人在村妇女之家集中学习，由{who}结合身边事例进行讲解，现场发放宣传资料{k}份，"
    "并就大家关心的问题逐一解答。活动结束后，参加人员纷纷表示要把学到的知识讲给家人和邻居听。"
)


# --- data ------------------------------------------------------------------------------------------


def make_photo(rng: random.Random, noise) -> bytes:
    """A 1600×1200 picture: a colour gradient, shapes and shifted noise so it compresses like a photo."""
    from PIL import Image, ImageChops, ImageDraw, ImageOps

    gradient = Image.linear_gradient("L").resize((1600, 1200))
    image = ImageOps.colorize(
        gradient, tuple(rng.randrange(256) for _ in range(3)), tuple(rng.randrange(256) for _ in range(3))
    )
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y, r = rng.randrange(1600), rng.randrange(1200), rng.randrange(30, 200)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    image = Image.blend(image, ImageChops.offset(noise, rng.randrange(1600), rng.randrange(1200)), 0.13)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def fill_forms_database(path: Path, count: int, photo_count: int) -> tuple[int, int]:
    """The year's activities with their photos; returns (activities, photo bytes stored)."""
    from PIL import Image

    rng = random.Random(1)
    dbmod.open_database(path)
    units.set_own_unit(UNIT, UNIT_NAME)
    noise = Image.effect_noise((1600, 1200), 60).convert("RGB")
    digests = [photos.store_photo(make_photo(rng, noise), f"IMG_{i:04d}.jpg") for i in range(photo_count)]
    stored = sum(len(p.data) for p in photos.Photo.select(photos.Photo.data))
    today = _dt.date(YEAR, 12, 31)
    next_photo = 0
    with database.atomic():
        for i in range(count):
            wanted = PATTERN[i % len(PATTERN)]
            mine = digests[next_photo : next_photo + wanted]
            next_photo += len(mine)
            category = str(i % 10 + 1)
            women = rng.randint(8, 60)
            date = _dt.date(YEAR, 1, 1) + _dt.timedelta(days=i * 365 // count)
            homes.save_activity(
                ActivityInput(
                    date=date,
                    start_time=rng.choice(["08:30", "09:00", "09:30"]),
                    end_time="11:30" if i % 2 else "",
                    place=rng.choice(["村妇女之家", "村民委员会会议室", "石门小学", "村文化广场"]),
                    title=TITLES[i % 10],
                    category=category,
                    form=list(FORM.codes())[i % 10],
                    organiser="石门村妇联",
                    co_organiser=rng.choice(["", "村卫生室", "金井镇司法所"]),
                    women=women,
                    children=rng.randint(0, 9),
                    others=rng.randint(0, 5),
                    leader=rng.choice(NAMES),
                    summary=SUMMARY.format(n=women, who=rng.choice(NAMES), k=rng.randint(20, 200)),
                    results="参加群众满意度高，收集意见建议5条。",
                    recorder=rng.choice(NAMES[:3]),
                    # Sensitive ones carry no photos here, so both sides print the same 400 photos.
                    sensitive=not mine and i % 15 == 7,
                    participants=[(None, n) for n in rng.sample(NAMES, 3)],
                    photos=mine,
                ),
                UNIT,
                today=today,
            )
    dbmod.close_database()
    return count, stored


# --- (a) our forms ---------------------------------------------------------------------------------


def ours(out: Path) -> None:
    from forms import activity_sheet, ledger
    from forms.registry import FormOptions

    options = FormOptions(UNIT, year=YEAR, today=_dt.date(YEAR, 12, 31))
    ledger.build(out / "ours-ledger.pdf", options)
    activity_sheet.build(out / "ours-sheets.pdf", options)


# --- (b) plain reportlab ---------------------------------------------------------------------------


def extract_photos(folder: Path) -> dict[str, list[str]]:
    """Each activity's photos as JPEG files, the way plain reportlab takes photos at their fastest.

    Given a file name ending in .jpg, reportlab copies the JPEG into the PDF
    as it is; given bytes (an ImageReader) it first decodes every photo to
    fingerprint it, which would make the baseline three times slower. The
    files are written once, before any timing, so the baseline gets them free.
    """
    folder.mkdir(exist_ok=True)
    files: dict[str, list[str]] = {}
    for link in photos.PhotoLink.live().order_by(photos.PhotoLink.position):
        path = folder / f"{link.photo}.jpg"
        if not path.exists():
            path.write_bytes(photos.photo_bytes(link.photo))
        files.setdefault(link.owner, []).append(str(path))
    return files


def plain(out: Path, files: dict[str, list[str]]) -> None:
    """The same tables and photos with reportlab's own building blocks and nothing of ours but the fonts."""
    from xml.sax.saxutils import escape

    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    from forms import fonts

    fonts.register()
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        cell = ParagraphStyle("cell", fontName=fonts.MAIN, fontSize=9, leading=11.7, wordWrap="CJK")
        title = ParagraphStyle("title", fontName=fonts.BOLD, fontSize=18, leading=24, alignment=1)
        grid = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
        rows = list(homes.activities(UNIT, YEAR).order_by(Activity.date, Activity.start_time))
        links = files

        def p(text):
            return Paragraph(escape(text or ""), cell)

        header = [
            "序号",
            "日期",
            "时间",
            "地点",
            "活动名称",
            "类别",
            "形式",
            "主办/协办",
            "妇女",
            "儿童",
            "其他",
            "负责人",
            "内容摘要",
            "成效",
            "照片",
            "记录人",
        ]
        data = [header]
        for n, a in enumerate(rows, start=1):
            private = a.sensitive
            data.append(
                [
                    str(n),
                    a.date.isoformat(),
                    a.start_time,
                    p(a.place),
                    p(a.title),
                    p(CATEGORY.label(a.category)),
                    FORM.label(a.form),
                    p(a.organiser + " / " + a.co_organiser),
                    str(a.women),
                    str(a.children),
                    str(a.others),
                    a.leader,
                    p("（涉及个人信息）" if private else a.summary[:60] + "…"),
                    p("—" if private else a.results),
                    str(len(links.get(a.uuid, []))),
                    a.recorder,
                ]
            )
        widths = [w * mm for w in (8, 18.5, 11.5, 17, 27, 19, 11, 18, 8.5, 8.5, 8.5, 16, 48, 27, 9, 13)]
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(grid)
        doc = SimpleDocTemplate(
            str(out / "plain-ledger.pdf"),
            pagesize=landscape(A4),
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=18 * mm,
        )
        doc.build([Paragraph("活动台账", title), table])

        story = []
        for a in rows:
            private = a.sensitive
            story.append(Paragraph("活动记录表", title))
            facts = [
                ["活动名称", p(a.title), "", ""],
                ["日期", a.date.isoformat(), "时间", a.start_time],
                ["地点", p(a.place), "形式", FORM.label(a.form)],
                ["类别", p(CATEGORY.label(a.category)), "", ""],
                ["主办单位", p(a.organiser), "协办单位", p(a.co_organiser)],
                ["负责人/主讲人", p(a.leader), "记录人", p(a.recorder)],
                ["参加人数", f"{a.participants_total}", "", ""],
                ["活动内容", p("（涉及个人信息）" if private else a.summary), "", ""],
                ["活动成效", p("" if private else a.results), "", ""],
            ]
            facts_table = Table(facts, colWidths=[26 * mm, 64 * mm, 26 * mm, 64 * mm])
            facts_table.setStyle(grid)
            story.append(facts_table)
            shown = [] if private else links.get(a.uuid, [])[:4]
            if shown:
                side = 85 * mm if len(shown) > 1 else 170 * mm
                images = [Image(name, width=side, height=side * 0.75) for name in shown]
                cells = [images[i : i + 2] for i in range(0, len(images), 2)]
                story.append(Table(cells))
            story.append(PageBreak())
        doc = SimpleDocTemplate(
            str(out / "plain-sheets.pdf"),
            pagesize=A4,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=18 * mm,
        )
        doc.build(story)
    finally:
        rl_config.useA85 = saved


# --- the activity table ------------------------------------------------------------------------------


def fill_table_database(path: Path, count: int) -> object:
    """``count`` activities inserted with executemany in one transaction; returns the open database."""
    db = dbmod.open_database(path)
    units.set_own_unit(UNIT, UNIT_NAME)
    rng = random.Random(2)
    now = _dt.datetime(2025, 1, 1).isoformat(" ")
    start = _dt.date(2000, 1, 1)
    rows = []
    for i in range(count):
        date = start + _dt.timedelta(days=rng.randrange(9000))
        rows.append(
            (
                str(uuid.uuid4()),
                UNIT,
                now,
                now,
                0,
                date.isoformat(),
                "09:30",
                "",
                "村妇女之家",
                TITLES[i % 10],
                str(i % 10 + 1),
                "talk",
                "石门村妇联",
                "",
                rng.randint(5, 60),
                0,
                0,
                "王秀兰",
                "宣讲",
                "",
                "王秀兰",
                0,
            )
        )
    sql = (
        "INSERT INTO activity (uuid, unit, created_at, updated_at, deleted, date, start_time, end_time, place, "
        "title, category, form, organiser, co_organiser, women, children, others, leader, summary, results, "
        "recorder, sensitive) VALUES (" + ", ".join("?" * 22) + ")"
    )
    with db.atomic():
        db.connection().executemany(sql, rows)
    return db


def first_batch() -> list:
    """What the lazy table does when it opens: the first 200 rows, newest first."""
    return list(homes.activities(UNIT).limit(200))


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=400)
    parser.add_argument("--table-rows", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        count, stored = fill_forms_database(folder / "forms.sqlite3", args.activities, args.photos)
        print(
            f"made {count} activities and {args.photos} photos ({stored / args.photos / 1024:.0f} KB each) "
            f"in {time.perf_counter() - began:.1f} s"
        )
        dbmod.open_database(folder / "forms.sqlite3")
        files = extract_photos(folder / "photos")
        ours(folder)  # first run: fonts registered, modules loaded, file cache warm, for both sides
        plain(folder, files)
        mine, theirs = [], []
        for _ in range(args.rounds):
            mine.append(timed(ours, folder))
            theirs.append(timed(plain, folder, files))
        sizes = {
            name: (folder / name).stat().st_size / 2**20
            for name in ("ours-ledger.pdf", "ours-sheets.pdf", "plain-ledger.pdf", "plain-sheets.pdf")
        }
        dbmod.close_database()
        o, p = statistics.median(mine), statistics.median(theirs)
        print(
            f"ours: {o:.2f} s, plain reportlab: {p:.2f} s (medians of {args.rounds}); PDFs "
            + ", ".join(f"{name} {mb:.0f} MB" for name, mb in sizes.items())
        )
        print(f"ledger and record sheets of {count} activities vs plain reportlab: ratio {o / p:.2f} (goal <= 1.5)")

        big = fill_table_database(folder / "big.sqlite3", args.table_rows)
        small = fill_table_database(folder / "small.sqlite3", 200)
        for db in (big, small):  # warm each file's cache
            database.initialize(db)
            first_batch()
        on_big, on_small = [], []
        for _ in range(max(args.rounds, 5)):
            database.initialize(big)
            on_big.append(timed(first_batch))
            database.initialize(small)
            on_small.append(timed(first_batch))
        b, s = statistics.median(on_big), statistics.median(on_small)
        print(f"first batch: {b * 1000:.1f} ms on {args.table_rows} rows, {s * 1000:.1f} ms on 200 rows")
        print(f"activity table first batch, {args.table_rows} rows vs 200 rows: ratio {b / s:.2f}")
        big.close()
        small.close()


if __name__ == "__main__":
    main()
