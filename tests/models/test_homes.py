"""The Women's Home, its activity ledger and photos as evidence."""

import datetime as dt
import io

import pytest
from PIL import Image

from models import homes, photos, recycle_bin
from models.base import ValidationError
from models.homes import ActivityInput, HomeInput
from models.i18n import _
from models.people import PersonInput, save_person

UNIT = "430121100201"
TODAY = dt.date(2026, 11, 28)


def jpeg(width=800, height=600, colour="red", exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    image.save(out, "JPEG", exif=exif) if exif is not None else image.save(out, "JPEG")
    return out.getvalue()


def test_photos_are_turned_upright_shrunk_and_lose_exif_and_gps(database):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (28.0, 12.0, 0.0)
    digest = photos.store_photo(jpeg(4000, 3000, exif=exif.tobytes()), "IMG_0001.jpg")
    stored = photos.Photo.get_by_id(digest)
    image = Image.open(io.BytesIO(stored.data))
    assert (image.width, image.height) == (1200, 1600)  # upright portrait, long side 1600
    assert not image.getexif()
    assert b"GPS" not in stored.data and b"PhoneMaker" not in stored.data


def test_the_same_photo_is_stored_once(database):
    raw = jpeg()
    assert photos.store_photo(raw) == photos.store_photo(raw)
    assert photos.Photo.select().count() == 1


def test_png_with_transparency_is_accepted(database):
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 255, 0)).save(out, "PNG")
    digest = photos.store_photo(out.getvalue(), "logo.png")
    assert Image.open(io.BytesIO(photos.photo_bytes(digest))).format == "JPEG"


def test_a_file_that_is_not_a_picture_gets_a_clear_message(database, tmp_path):
    fake = tmp_path / "会议纪要.jpg"
    fake.write_text("这不是图片")
    with pytest.raises(photos.PhotoError) as caught:
        photos.store_photo_file(fake)
    assert "会议纪要.jpg" in str(caught.value)
    assert photos.Photo.select().count() == 0


def test_a_too_large_file_is_refused(database, monkeypatch):
    monkeypatch.setattr(photos, "MAX_FILE_BYTES", 1000)
    with pytest.raises(photos.PhotoError):
        photos.store_photo(jpeg(), "big.jpg")


def activity(**changes) -> ActivityInput:
    data = ActivityInput(
        date=dt.date(2026, 3, 8),
        title="“巾帼心向党”宣讲",
        category="1",
        form="talk",
        women=35,
        place="村妇女之家",
        leader="李秀英",
        start_time="9:30",
        end_time="11:00",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_an_activity_is_saved_with_participants_and_photos_in_one_transaction(database):
    digest = photos.store_photo(jpeg())
    saved = homes.save_activity(
        activity(participants=[(None, " 王芳 "), (None, "王芳")], photos=[digest, digest]), UNIT, today=TODAY
    )
    assert saved.start_time == "09:30"
    assert [p.name for p in saved.participants()] == ["王芳"]
    assert [link.photo for link in saved.photo_links()] == [digest]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "  "}, "title"),
        ({"date": None}, "date"),
        ({"date": dt.date(2027, 1, 1)}, "date"),
        ({"category": "99"}, "category"),
        ({"start_time": "25:00"}, "start_time"),
        ({"end_time": "08:00"}, "end_time"),
        ({"women": -1}, "women"),
        ({"women": 0}, "women"),
        ({"women": 1, "participants": [(None, "甲"), (None, "乙")]}, "participants"),
        ({"photos": ["0" * 64]}, "photos"),
    ],
)
def test_bad_activities_are_refused_field_by_field_and_nothing_is_written(database, changes, field):
    with pytest.raises(ValidationError) as caught:
        homes.save_activity(activity(**changes), UNIT, today=TODAY)
    assert field in {e.field for e in caught.value.errors}
    assert homes.Activity.select().count() == 0


def test_copying_an_activity_keeps_what_recurs(database):
    original = homes.save_activity(activity(participants=[(None, "王芳")]), UNIT, today=TODAY)
    copy = homes.copy_as_template(original)
    assert (copy.title, copy.place, copy.category, copy.leader) == (original.title, original.place, "1", "李秀英")
    assert copy.date is None and copy.women == 0 and copy.participants == [] and copy.photos == []


def test_filters_and_statistics(database):
    homes.save_activity(activity(), UNIT, today=TODAY)
    homes.save_activity(activity(date=dt.date(2026, 3, 20), category="4", title="两癌筛查"), UNIT, today=TODAY)
    homes.save_activity(activity(date=dt.date(2025, 5, 1), category="8", title="广场舞比赛"), UNIT, today=TODAY)
    assert [a.title for a in homes.activities(UNIT, 2026)] == ["两癌筛查", "“巾帼心向党”宣讲"]
    assert [a.title for a in homes.activities(UNIT, 2026, 3, "4")] == ["两癌筛查"]
    assert [a.title for a in homes.activities(UNIT, text="广场")] == ["广场舞比赛"]
    assert homes.activity_years(UNIT) == [2026, 2025]
    assert homes.counts_by_month_and_category(UNIT, 2026) == {(3, "1"): 1, (3, "4"): 1}
    assert len(homes.activities_missing_photos(UNIT, 2026)) == 2


def test_the_home_is_saved_with_its_demonstration_history(database):
    data = HomeInput(
        name="石门村妇女之家",
        floor_area=60.5,
        facilities=["notice_board", "tables_chairs"],
        manager_phone="0731 8412 3456",
        demonstrations=[(2022, "county"), (2019, "county")],
    )
    home = homes.save_home(data, UNIT, today=TODAY)
    assert home.facility_codes == ["tables_chairs", "notice_board"]
    assert home.manager_phone == "0731-84123456"
    assert [(d.year, d.level) for d in home.demonstrations()] == [(2019, "county"), (2022, "county")]
    data.demonstrations = [(2024, "city")]
    homes.save_home(data, UNIT, today=TODAY)
    assert homes.Home.live().count() == 1
    assert [(d.year, d.level) for d in homes.home_of(UNIT).demonstrations()] == [(2024, "city")]


def test_a_bad_home_is_refused(database):
    with pytest.raises(ValidationError) as caught:
        homes.save_home(
            HomeInput(name="", floor_area=-3, demonstrations=[(2030, "county"), (2030, "nation")]), UNIT, today=TODAY
        )
    assert {e.field for e in caught.value.errors} == {"name", "floor_area", "demonstrations"}
    assert homes.Home.select().count() == 0


def test_activity_dates_are_understood_the_ways_cadres_write_them():
    today = dt.date(2026, 11, 28)
    for text in (
        "2026-03-08",
        "2026.3.8",
        "2026/3/8",
        "2026年3月8日",
        "２０２６年３月８日",
        "20260308",
        "3.8",
        "3月8日",
        " 2026 年 3 月 8 日 ",
    ):
        assert homes.guess_activity_date(text, today) == (dt.date(2026, 3, 8), None), text
    assert homes.guess_activity_date("12.28", dt.date(2027, 1, 5)) == (dt.date(2026, 12, 28), None)  # typed in January
    assert homes.guess_activity_date("", today) == (None, None)
    assert homes.guess_activity_date("2026-02-30", today) == (
        None,
        _("There is no such date: {text}.").format(text="2026-02-30"),
    )
    assert homes.guess_activity_date("三月八日", today)[1] == _(
        "Write the date like 2026-03-08 (or 2026.3.8, 2026年3月8日)."
    )


def test_a_date_without_a_year_is_the_last_such_day():
    # Activities are recorded afterwards: 12.28 typed in January is last December, 3.8 on 3.8 is today.
    assert homes.guess_activity_date("12月28日", dt.date(2027, 1, 5)) == (dt.date(2026, 12, 28), None)
    assert homes.guess_activity_date("3.8", dt.date(2026, 3, 8)) == (dt.date(2026, 3, 8), None)
    assert homes.guess_activity_date("3.9", dt.date(2026, 3, 8)) == (dt.date(2025, 3, 9), None)
    # A typed year is kept even in the future: the activity check says what is wrong with it.
    assert homes.guess_activity_date("2027.1.1", dt.date(2026, 3, 8)) == (dt.date(2027, 1, 1), None)


def test_amounts_are_read_with_separators_and_units():
    problem = "not a number"
    assert homes.parse_amount("1,200 元", problem) == (1200.0, None)
    assert homes.parse_amount("６０㎡", problem) == (60.0, None)
    assert homes.parse_amount("  ", problem) == (None, None)
    assert homes.parse_amount("六十", problem) == (None, problem)


def test_the_head_count_is_asked_for_together_with_the_other_problems(database):
    with pytest.raises(ValidationError) as caught:
        homes.save_activity(activity(title="", women=0), UNIT, today=TODAY)
    assert {e.field for e in caught.value.errors} == {"title", "women"}


def test_the_home_and_its_photos_are_saved_together_and_read_back(database):
    first, second = photos.store_photo(jpeg(colour="red")), photos.store_photo(jpeg(colour="blue"))
    data = HomeInput(name="石门村妇女之家", demonstrations=[(2022, "county")], photos=[second, first, second])
    home = homes.save_home(data, UNIT, today=TODAY)
    assert photos.photo_digests(home.uuid) == [second, first]
    again = homes.home_input(homes.home_of(UNIT))
    assert (again.name, again.demonstrations, again.photos) == ("石门村妇女之家", [(2022, "county")], [second, first])
    again.photos = [first]
    homes.save_home(again, UNIT, today=TODAY)
    assert photos.photo_digests(home.uuid) == [first]


def test_a_home_with_a_missing_photo_writes_nothing(database):
    with pytest.raises(ValidationError) as caught:
        homes.save_home(HomeInput(name="石门村妇女之家", photos=["0" * 64]), UNIT, today=TODAY)
    assert {e.field for e in caught.value.errors} == {"photos"}
    assert homes.Home.select().count() == 0 and photos.PhotoLink.select().count() == 0


def test_a_new_home_is_named_after_the_unit_and_managed_by_its_chair(database):
    save_person(PersonInput(name="王芳", post="executive"), UNIT)
    save_person(PersonInput(name="李秀英", post="chair", phone="13812345678"), UNIT)
    data = homes.new_home_input(UNIT, "石门村")
    assert (data.name, data.manager, data.manager_phone) == (
        _("{unit} Women's Home").format(unit="石门村"),
        "李秀英",
        "13812345678",
    )


def test_a_new_activity_takes_place_in_the_home_and_is_organised_by_the_federation(database):
    assert homes.new_activity_input(UNIT, "石门村").place == ""
    homes.save_home(HomeInput(name="石门村妇女之家"), UNIT, today=TODAY)
    data = homes.new_activity_input(UNIT, "石门村")
    assert (data.place, data.organiser) == ("石门村妇女之家", _("{unit} Women's Federation").format(unit="石门村"))


def test_an_activity_is_read_again_until_it_goes_to_the_recycle_bin(database):
    saved = homes.save_activity(activity(), UNIT, today=TODAY)
    assert homes.live_activity(saved.uuid).title == saved.title
    recycle_bin.move_to_bin("activities", [saved.uuid], UNIT)
    assert homes.live_activity(saved.uuid) is None


def test_participants_are_suggested_from_the_unit_by_name_pinyin_or_initials(database):
    save_person(PersonInput(name="张晓红"), UNIT)
    save_person(PersonInput(name="张丽"), UNIT)
    save_person(PersonInput(name="张晓红"), "430121100202")  # another village
    assert [p.name for p in homes.participant_suggestions(UNIT, "zxh")] == ["张晓红"]
    assert [p.name for p in homes.participant_suggestions(UNIT, "张")] == ["张丽", "张晓红"]
    assert [p.name for p in homes.participant_suggestions(UNIT, "张", limit=1)] == ["张丽"]
    assert homes.participant_suggestions(UNIT, "  ") == []


def test_a_year_at_a_glance_counts_per_month_and_category(database):
    digest = photos.store_photo(jpeg())
    homes.save_activity(activity(photos=[digest]), UNIT, today=TODAY)
    homes.save_activity(activity(date=dt.date(2026, 5, 2), category="8", title="广场舞"), UNIT, today=TODAY)
    homes.save_activity(activity(date=dt.date(2026, 5, 3), category="8", title="篮球赛"), UNIT, today=TODAY)
    homes.save_activity(
        activity(date=dt.date(2026, 6, 1), category="4", title="两癌筛查", sensitive=True), UNIT, today=TODAY
    )
    homes.save_activity(activity(date=dt.date(2025, 6, 1), category="2", title="家风"), UNIT, today=TODAY)
    glance = homes.year_at_a_glance(UNIT, 2026)
    assert glance.months == [0, 0, 1, 0, 2, 1, 0, 0, 0, 0, 0, 0] and glance.total == 4
    # The most frequent first, then the work plan's order.
    assert list(glance.categories.items()) == [("8", 2), ("1", 1), ("4", 1)]
    assert glance.missing_photos == 2  # the screening is sensitive: no photo expected
