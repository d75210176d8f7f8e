"""The Women's Home forms: ledger, record sheets, the Home's sheet and the statistics, read back."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

import pytest
from PIL import Image

from forms import activity_sheet, activity_stats, home_sheet, ledger
from forms.registry import FormError, FormOptions
from models import homes, photos
from models.homes import CATEGORY, FACILITY, ActivityInput, HomeInput
from models.i18n import _

from .conftest import TODAY, VILLAGE_CODE, squeeze, table_rows

UNIT = VILLAGE_CODE
YEAR = 2026
MM = 72 / 25.4


def options(**kwargs) -> FormOptions:
    kwargs.setdefault("today", TODAY)
    return FormOptions(UNIT, **kwargs)


_rng = random.Random(5)


def jpeg(width: int = 400, height: int = 300) -> bytes:
    """A small distinct picture (random colour and noise), so each one is stored as its own photo."""
    colour = tuple(_rng.randrange(256) for _ in range(3))
    image = Image.blend(
        Image.new("RGB", (width, height), colour), Image.effect_noise((width, height), 40).convert("RGB"), 0.3
    )
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


def add_activity(date=dt.date(YEAR, 3, 8), photo_sizes=(), captions=(), **changes) -> homes.Activity:
    data = ActivityInput(
        date=date,
        title="“巾帼心向党”宣讲",
        category="1",
        form="talk",
        women=35,
        others=2,
        place="村妇女之家",
        leader="李秀英",
        start_time="09:30",
        end_time="11:00",
        organiser="石门村妇联",
        co_organiser="村卫生室",
        summary="学习宣讲，发放资料120份。",
        results="群众满意。",
        recorder="王芳",
    )
    data.photos = [photos.store_photo(jpeg(w, h)) for w, h in photo_sizes]
    for name, value in changes.items():
        setattr(data, name, value)
    activity = homes.save_activity(data, UNIT, today=dt.date(YEAR, 12, 31))
    for link, caption in zip(activity.photo_links(), captions):
        link.caption = caption
        link.save()
    return activity


def make_home(**changes) -> homes.Home:
    data = HomeInput(
        name="石门村妇女之家",
        address="石门村村民委员会二楼",
        floor_area=86.5,
        own_room=False,
        shared_with="党员活动室",
        plaque_date=dt.date(2018, 3, 8),
        rules_on_wall=True,
        facilities=["tables_chairs", "book_rack", "rights_desk"],
        manager="王秀兰",
        manager_phone="13807310123",
        opening_hours="每周二、周四 9:00–17:00",
        volunteers=28,
        annual_funding=12000,
        online_group="石门村网上妇女之家",
        online_members=236,
        online_owner="李桂英",
        demonstrations=[(2019, "county"), (2022, "city")],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return homes.save_home(data, UNIT, today=TODAY)


def pdf_pages(path: Path):
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [
            (page.width, page.height, page.extract_text() or "", list(page.images), list(page.rects))
            for page in pdf.pages
        ]


# --- the ledger ---------------------------------------------------------------------------------------


def test_the_ledger_lists_the_year_oldest_first_with_counts_and_a_total(database, tmp_path):
    add_activity(
        date=dt.date(YEAR, 6, 1),
        title="湘绣巧手培训",
        category="5",
        form="training",
        women=20,
        children=0,
        others=1,
        photo_sizes=[(400, 300)],
    )
    add_activity(date=dt.date(YEAR, 1, 15), title="寻找最美家庭", category="2", women=12, children=3, others=0)
    add_activity(
        date=dt.date(YEAR, 3, 8),
        title="三八节趣味运动会",
        category="8",
        form="culture",
        women=40,
        children=10,
        others=5,
        photo_sizes=[(400, 300), (300, 400)],
    )
    add_activity(date=dt.date(YEAR - 1, 12, 30), title="去年的活动")  # another year: not listed
    result = ledger.build(tmp_path / "ledger.pdf", options(year=YEAR))
    assert result.pages >= 1
    rows = table_rows(result.path)
    body = [row for row in rows if row and row[0].isdigit()]
    assert [row[0] for row in body] == ["1", "2", "3"]
    assert [row[4] for row in body] == ["寻找最美家庭", "三八节趣味运动会", "湘绣巧手培训"]
    numbers = [row[8:11] for row in body]
    assert numbers == [["12", "3", "0"], ["40", "10", "5"], ["20", "0", "1"]]
    assert [row[14] for row in body] == ["0", "2", "1"]
    text = squeeze("\n".join(page[2] for page in pdf_pages(result.path)))
    assert "去年的活动" not in text
    assert squeeze(_("Total: {n} activities").format(n=3)) in text
    assert squeeze(_("{total} participants in all").format(total=91)) in text
    total = next(row for row in rows if squeeze(_("Total: {n} activities").format(n=3)) in "".join(row))
    assert ["72", "13", "6"] == [cell for cell in total if cell.isdigit()][:3]
    assert "3" in total  # photos


def test_the_ledger_year_defaults_to_the_latest_year_with_activities(database, tmp_path):
    add_activity(date=dt.date(YEAR - 2, 5, 1), title="前年的活动")
    add_activity(date=dt.date(YEAR - 1, 5, 1), title="去年的活动")
    result = ledger.build(tmp_path / "ledger.pdf", options())
    text = squeeze(pdf_pages(result.path)[0][2])
    assert "去年的活动" in text and "前年的活动" not in text
    assert squeeze(_("Year {year}").format(year=YEAR - 1)) in text


def test_a_long_summary_is_cut_on_the_ledger_and_whole_on_the_record_sheet(database, tmp_path):
    long = "".join(f"第{i}段：组织妇女群众学习政策，开展入户宣传和交流。" for i in range(1, 30))
    activity = add_activity(summary=long)
    text = squeeze(pdf_pages(ledger.build(tmp_path / "ledger.pdf", options()).path)[0][2])
    assert "第1段" in text and "第29段" not in text and "…" in text
    sheet = activity_sheet.build(tmp_path / "sheet.pdf", options(record_id=activity.uuid))
    whole = squeeze("".join(page[2] for page in pdf_pages(sheet.path)))
    assert "第29段：组织妇女群众学习政策" in whole


def test_the_excel_ledger_keeps_numbers_and_dates_and_totals(database, tmp_path):
    from openpyxl import load_workbook

    add_activity(date=dt.date(YEAR, 1, 15), women=12, children=3, others=0, photo_sizes=[(400, 300)])
    add_activity(
        date=dt.date(YEAR, 3, 8),
        women=40,
        children=10,
        others=5,
        sensitive=True,
        summary="调解王某家庭纠纷",
        photo_sizes=[(400, 300)],
    )
    result = ledger.build(tmp_path / "ledger.xlsx", options())
    assert result.pages is None
    sheet = load_workbook(result.path).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values[2]
    assert header[0] == _("No.") and _("Women") in header and _("Number of photos") in header
    women, photos_column = header.index(_("Women")), header.index(_("Number of photos"))
    first, second, total = values[3], values[4], values[5]
    assert first[0] == 1 and isinstance(first[1], dt.datetime) and first[1].date() == dt.date(YEAR, 1, 15)
    assert (first[women], second[women], total[women]) == (12, 40, 52)
    assert first[photos_column] == 1 and second[photos_column] is None and total[photos_column] == 1
    assert all(isinstance(v, int) for v in (first[women + 1], first[women + 2], total[women + 3]))
    flat = " ".join(str(v) for row in values for v in row if v is not None)
    assert "王某" not in flat and _(ledger.PRIVATE_NOTE) in flat


# --- sensitive activities ---------------------------------------------------------------------------


def test_a_sensitive_activity_prints_neither_names_nor_summary_nor_photos(database, tmp_path):
    open_one = add_activity(
        date=dt.date(YEAR, 2, 1), title="公开宣讲", participants=[(None, "李公开")], photo_sizes=[(400, 300)]
    )
    secret = add_activity(
        date=dt.date(YEAR, 3, 1),
        title="婚姻家庭纠纷调解",
        category="3",
        form="mediation",
        sensitive=True,
        participants=[(None, "赵小梅"), (None, "钱大军")],
        summary="调解赵小梅与钱大军的婚姻纠纷，双方签订和解协议",
        results="筛查结果阳性一例",
        photo_sizes=[(400, 300), (400, 300)],
        captions=["赵小梅在调解现场"],
    )
    secrets = ["赵小梅", "钱大军", "和解协议", "婚姻纠纷", "阳性", "调解现场"]

    book = ledger.build(tmp_path / "ledger.pdf", options())
    text = squeeze("".join(page[2] for page in pdf_pages(book.path)))
    assert squeeze(_(ledger.PRIVATE_NOTE)) in text
    assert not [word for word in secrets if word in text]
    row = next(row for row in table_rows(book.path) if "婚姻家庭纠纷调解" in row)
    assert row[0] == "2" and row[-2] == ledger.NOT_SHOWN  # photos: —

    sheet = activity_sheet.build(tmp_path / "secret.pdf", options(record_id=secret.uuid))
    pages = pdf_pages(sheet.path)
    text = squeeze("".join(page[2] for page in pages))
    assert "婚姻家庭纠纷调解" in text
    assert not [word for word in secrets if word in text]
    assert squeeze(activity_sheet.private_note()) in text
    assert sum(len(page[3]) for page in pages) == 0

    # In the year's sheets the open activity keeps its names and photo; the sensitive one has none.
    year = pdf_pages(activity_sheet.build(tmp_path / "year.pdf", options(year=YEAR)).path)
    assert len(year) == 2
    assert "李公开" in squeeze(year[0][2]) and len(year[0][3]) == 1
    assert len(year[1][3]) == 0 and not [word for word in secrets if word in squeeze(year[1][2])]
    assert open_one.uuid != secret.uuid


# --- record sheets and their photos ---------------------------------------------------------------


def assert_laid_out_well(page, count: int, sizes) -> None:
    width, height, _text, images, _rects = page
    assert len(images) == count
    boxes = [(img["x0"], img["top"], img["x1"], img["bottom"]) for img in images]
    for x0, top, x1, bottom in boxes:
        assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
        assert x1 - x0 >= 45 * MM or bottom - top >= 45 * MM  # large enough to judge on paper
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 0 or overlap_y <= 0, (a, b)
    # Each photo keeps its shape.
    shapes = sorted(round((b[2] - b[0]) / (b[3] - b[1]), 2) for b in boxes)
    assert shapes == sorted(round(w / h, 2) for w, h in sizes)


@pytest.mark.parametrize(
    "sizes",
    [
        [(1600, 1200)],
        [(1600, 1200), (1600, 1200)],
        [(1200, 1600), (1200, 1600)],
        [(1600, 1200), (1200, 1600), (1600, 1200)],
        [(1600, 1200), (1600, 1200), (1200, 1600), (1600, 900)],
    ],
)
def test_the_record_sheet_lays_out_one_to_four_photos(database, tmp_path, sizes):
    small = [(w // 4, h // 4) for w, h in sizes]  # same shapes, quicker to make
    activity = add_activity(photo_sizes=small, captions=["宣讲现场"] * len(small))
    result = activity_sheet.build(tmp_path / "sheet.pdf", options(record_id=activity.uuid))
    pages = pdf_pages(result.path)
    assert result.pages == 1
    assert_laid_out_well(pages[0], len(sizes), small)
    assert "宣讲现场" in pages[0][2]


def test_a_single_photo_is_printed_large(database, tmp_path):
    activity = add_activity(photo_sizes=[(400, 300)])
    page = pdf_pages(activity_sheet.build(tmp_path / "sheet.pdf", options(record_id=activity.uuid)).path)[0]
    image = page[3][0]
    assert image["x1"] - image["x0"] >= 120 * MM


def test_more_than_four_photos_print_four_and_a_note(database, tmp_path):
    activity = add_activity(photo_sizes=[(400, 300)] * 6)
    page = pdf_pages(activity_sheet.build(tmp_path / "sheet.pdf", options(record_id=activity.uuid)).path)[0]
    assert len(page[3]) == 4
    note = _("{n} more photos are on record (the first four are printed).").format(n=2)
    assert squeeze(note) in squeeze(page[2])


def test_a_photo_used_twice_is_stored_once_in_the_pdf(database, tmp_path):
    from pypdf import PdfReader

    digest = photos.store_photo(jpeg())
    for day in (1, 2):
        add_activity(date=dt.date(YEAR, 4, day), photos=[digest])
    result = activity_sheet.build(tmp_path / "year.pdf", options())
    reader = PdfReader(str(result.path))
    names = set()
    for page in reader.pages:
        for obj in page["/Resources"]["/XObject"].values():
            names.add(obj.idnum)
            assert list(obj.get_object()["/Filter"]) == ["/DCTDecode"]  # the stored JPEG, passed through
    assert len(names) == 1


def test_the_record_sheet_shows_the_activitys_facts(database, tmp_path):
    activity = add_activity(participants=[(None, "王芳"), (None, "李娜")])
    add_activity(date=dt.date(YEAR, 1, 2), title="更早的活动")
    text = squeeze(pdf_pages(activity_sheet.build(tmp_path / "s.pdf", options(record_id=activity.uuid)).path)[0][2])
    for expected in (
        "“巾帼心向党”宣讲",
        "09:30–11:00",
        "村妇女之家",
        CATEGORY.label("1"),
        "石门村妇联",
        "村卫生室",
        "李秀英",
        "王芳、李娜",
        "学习宣讲，发放资料120份。",
        "群众满意。",
        f"{YEAR}-002",
    ):
        assert squeeze(expected) in text, expected


def test_one_sheet_per_activity_of_the_year(database, tmp_path):
    for day in (3, 1, 2):
        add_activity(date=dt.date(YEAR, 5, day), title=f"活动{day}")
    pages = pdf_pages(activity_sheet.build(tmp_path / "year.pdf", options(year=YEAR)).path)
    assert [next(t for t in ("活动1", "活动2", "活动3") if t in p[2]) for p in pages] == ["活动1", "活动2", "活动3"]


def test_rare_characters_print_from_the_fallback_font_and_undrawable_ones_are_reported(database, tmp_path):
    activity = add_activity(leader="刘䶮", organiser="张\U00030041", photo_sizes=[(400, 300)], captions=["刘䶮讲课"])
    told = []
    for module, name in ((ledger, "ledger.pdf"), (activity_sheet, "sheet.pdf")):
        told.clear()
        result = module.build(tmp_path / name, options(record_id=activity.uuid, report_missing=told.extend))
        assert told == ["\U00030041"] and result.missing_characters == ["\U00030041"]
        text = "".join(page[2] for page in pdf_pages(result.path))
        assert text.count("䶮") == (1 if module is ledger else 2)


def test_an_unknown_activity_is_refused(database, tmp_path):
    with pytest.raises(FormError) as caught:
        activity_sheet.build(tmp_path / "sheet.pdf", options(record_id="no-such-uuid"))
    assert "no-such-uuid" in str(caught.value)
    assert not (tmp_path / "sheet.pdf").exists()


@pytest.mark.parametrize("module", [ledger, activity_sheet, activity_stats])
def test_a_year_without_activities_is_a_form_saying_so(database, tmp_path, module):
    result = module.build(tmp_path / "empty.pdf", options(year=YEAR))
    assert result.pages >= 1
    text = squeeze("".join(page[2] for page in pdf_pages(result.path)))
    assert squeeze(ledger.empty_text(YEAR)) in text


# --- the Home's sheet --------------------------------------------------------------------------------


def test_the_home_sheet_shows_facilities_demonstrations_and_the_years_activities(database, tmp_path):
    home = make_home()
    photos.set_photos(home.uuid, UNIT, [photos.store_photo(jpeg()) for _ in range(3)])
    add_activity(date=dt.date(YEAR, 3, 8), category="8")
    add_activity(date=dt.date(YEAR, 4, 8), category="8")
    add_activity(date=dt.date(YEAR, 5, 8), category="4", women=50)
    result = home_sheet.build(tmp_path / "home.pdf", options())
    assert result.pages == 1
    width, height, text, images, _rects = pdf_pages(result.path)[0]
    flat = squeeze(text)
    for expected in ("石门村妇女之家", "石门村村民委员会二楼", "王秀兰", "13807310123", "石门村网上妇女之家", "李桂英"):
        assert expected in flat
    for code in FACILITY.codes():
        assert squeeze(FACILITY.label(code)) in flat
    # A ticked box carries a ✓ before its label: exactly the Home's facilities.
    line = next(line for line in text.splitlines() if squeeze(FACILITY.label("tables_chairs")) in squeeze(line))
    words = line.split()
    ticked = {words[i + 1] for i, word in enumerate(words[:-1]) if word == home_sheet.CHECK}
    assert ticked == {FACILITY.label(code) for code in ("tables_chairs", "book_rack", "rights_desk")}
    assert text.count(home_sheet.CHECK) == 3
    assert squeeze(_("{year}: {level}").format(year=2019, level=_("County-level demonstration"))) in flat
    assert squeeze(_("{year}: {level}").format(year=2022, level=_("City-level demonstration"))) in flat
    assert squeeze(_("{amount} yuan").format(amount="12,000")) in flat
    assert squeeze(_("Activities in {year}").format(year=YEAR)) in flat
    assert len(images) == home_sheet.MAX_HOME_PHOTOS
    for image in images:
        assert 0 <= image["x0"] < image["x1"] <= width and 0 <= image["top"] < image["bottom"] <= height


def test_the_home_sheet_counts_activities_by_category(database, tmp_path):
    make_home()
    add_activity(category="8")
    add_activity(category="8", women=5, others=0)
    rows = table_rows(home_sheet.build(tmp_path / "home.pdf", options()).path)
    counted = {}
    for row in rows:
        for label, value in zip(row[::2], row[1::2]):
            counted[label] = value
    assert counted[squeeze(CATEGORY.label("8"))] == "2"
    assert counted[squeeze(CATEGORY.label("1"))] == "0"
    assert counted[squeeze(_("Total"))] == "2"
    assert counted[squeeze(_("Attendances (people × activities)"))] == "42"


def test_a_home_with_only_its_name_still_prints(database, tmp_path):
    homes.save_home(HomeInput(name="石门村妇女之家"), UNIT, today=TODAY)
    result = home_sheet.build(tmp_path / "home.pdf", options())
    text = pdf_pages(result.path)[0][2]
    assert home_sheet.CHECK not in text
    assert squeeze(_("Not a demonstration Home yet")) in squeeze(text)
    assert squeeze(_("Activities in {year}").format(year=TODAY.year)) in squeeze(text)


def test_without_a_home_the_sheet_is_refused(database, tmp_path):
    with pytest.raises(FormError) as caught:
        home_sheet.build(tmp_path / "home.pdf", options())
    assert "石门村" in str(caught.value)
    assert not (tmp_path / "home.pdf").exists()


# --- the statistics ----------------------------------------------------------------------------------


def add_year_of_activities() -> list[tuple[int, str, int]]:
    made = []
    for i, (month, category) in enumerate(
        [(1, "1"), (1, "2"), (3, "8"), (3, "8"), (3, "4"), (7, "10"), (12, "6"), (12, "1")]
    ):
        people = 10 + i
        add_activity(date=dt.date(YEAR, month, 5 + i), category=category, women=people, others=0)
        made.append((month, category, people))
    return made


def test_the_statistics_add_up_in_the_spreadsheet(database, tmp_path):
    from openpyxl import load_workbook

    made = add_year_of_activities()
    result = activity_stats.build(tmp_path / "stats.xlsx", options())
    values = [[cell.value for cell in row] for row in load_workbook(result.path).active.iter_rows()]
    header, body = values[2], values[3:]
    assert len(body) == 13 and len(header) == 13
    months, total = body[:12], body[12]
    assert all(isinstance(v, int) for row in body for v in row[1:])
    for column in range(1, 13):
        assert sum(row[column] for row in months) == total[column]
    for row in body:
        assert sum(row[1:11]) == row[11]
    assert total[11] == len(made) and total[12] == sum(p for _m, _c, p in made)
    assert months[2][1 + CATEGORY.codes().index("8")] == 2


def test_the_statistics_pdf_has_the_table_and_the_chart(database, tmp_path, read_pdf):
    made = add_year_of_activities()
    result = activity_stats.build(tmp_path / "stats.pdf", options())
    rows = table_rows(result.path)
    total_row = next(row for row in rows if row and row[0] == squeeze(_("Total")))
    assert total_row[11] == str(len(made))
    month_rows = [
        row for row in rows if row and row[0] in {squeeze(activity_stats.month_label(m)) for m in range(1, 13)}
    ]
    assert len(month_rows) == 12
    assert [int(row[11]) for row in month_rows] == [2, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 2]
    pages = pdf_pages(result.path)
    text = squeeze("".join(page[2] for page in pages))
    assert squeeze(_("Activities per month")) in text
    # One filled bar per month with activities, in the chart's colour.
    bars = [
        r
        for page in pages
        for r in page[4]
        if r.get("non_stroking_color")
        and r["fill"]
        and r["height"] > 1
        and r["width"] < 40
        and tuple(round(c, 2) for c in r["non_stroking_color"][:3]) == (0.75, 0.22, 0.17)
    ]
    assert len(bars) == 4
    assert "NotoSansSC" in " ".join(read_pdf(result.path).fonts())


def test_every_module_names_its_title_and_formats():
    for module, formats in (
        (ledger, ("pdf", "xlsx")),
        (activity_sheet, ("pdf",)),
        (home_sheet, ("pdf",)),
        (activity_stats, ("pdf", "xlsx")),
    ):
        assert module.FORMATS == formats
        assert isinstance(module.SPEC_TITLE, str) and _(module.SPEC_TITLE)


def test_without_id_or_year_the_record_sheet_is_the_latest_activity(database, tmp_path):
    import datetime as dt

    from models.homes import ActivityInput, save_activity

    save_activity(
        ActivityInput(date=dt.date(2026, 3, 8), title="三八节文艺汇演", category="8", women=40),
        UNIT,
        today=dt.date(2026, 11, 28),
    )
    save_activity(
        ActivityInput(date=dt.date(2026, 10, 9), title="重阳节登山活动", category="8", women=25),
        UNIT,
        today=dt.date(2026, 11, 28),
    )
    result = activity_sheet.build(tmp_path / "latest.pdf", FormOptions(UNIT, today=dt.date(2026, 11, 28)))
    assert result.pages == 1
    text = squeeze(pdf_pages(result.path)[0][2])
    assert "重阳节登山活动" in text and "三八节文艺汇演" not in text


def test_the_excel_ledger_writes_dates_and_times_as_excel_values(database, tmp_path):
    from openpyxl import load_workbook

    add_activity(date=dt.date(YEAR, 4, 2), start_time="09:00", end_time="11:30")
    add_activity(date=dt.date(YEAR, 5, 6), start_time="", end_time="")
    sheet = load_workbook(ledger.build(tmp_path / "ledger.xlsx", options()).path).active
    header = [cell.value for cell in sheet[3]]
    date, start, end = header.index(_("Date")), header.index(_("Start time")), header.index(_("End time"))
    first, second = list(sheet.iter_rows(min_row=4, max_row=5))
    assert isinstance(first[date].value, dt.datetime) and first[date].value.date() == dt.date(YEAR, 4, 2)
    assert first[date].is_date and "yy" in first[date].number_format
    assert first[start].value == dt.time(9, 0) and first[end].value == dt.time(11, 30)
    assert first[start].is_date and first[start].number_format == "hh:mm"
    assert second[start].value is None and second[end].value is None


def test_the_statistics_signatures_stand_with_the_chart_and_the_table_stays_whole(database, tmp_path, read_pdf):
    add_year_of_activities()
    result = activity_stats.build(tmp_path / "stats.pdf", options())
    pdf = read_pdf(result.path)
    last = squeeze(pdf.texts[-1])
    # The signature block is never alone: the chart is on its page.
    assert squeeze(_("Activities per month")) in last and squeeze(_("(unit seal)")) in last
    # The chart is content enough: the table is not cut to send rows along with it, so the first page holds
    # every month and the total (a table of twelve months fits a page).
    first = squeeze(pdf.texts[0])
    assert all(squeeze(activity_stats.month_label(m)) in first for m in range(1, 13))
    assert squeeze(_("Total")) in first
    if result.pages > 1:
        head = _("{title} (continued)").format(title=_(activity_stats.SPEC_TITLE))
        assert squeeze(head) in squeeze(pdf.texts[1].strip().splitlines()[0])
