"""Nominations and the awards register: the rules a cadre meets when saving, and what a delete takes along."""

from __future__ import annotations

import datetime as _dt
import io

import pytest

from models import awards as aw
from models import photos, recycle_bin
from models.base import ValidationError
from models.i18n import _
from models.people import PersonInput, save_person
from models.photos import PhotoLink

UNIT = "430121100201"
OTHER_UNIT = "430121100202"


def photo(colour: str) -> str:
    from PIL import Image

    raw = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(raw, "JPEG")
    return photos.store_photo(raw.getvalue(), f"{colour}.jpg")


def family(**changes) -> aw.NominationInput:
    values = dict(
        year=2026,
        award="most_beautiful_family",
        level="village",
        nominee_kind="family",
        nominee_name="王秀兰家庭",
        family_members="王秀兰（户主）、李建国（丈夫）",
        summary="孝老爱亲，邻里和睦。",
        story="王秀兰一家四代同堂。",
    )
    values.update(changes)
    return aw.NominationInput(**values)


def fields_of(excinfo) -> dict[str, str]:
    return {error.field: error.message for error in excinfo.value.errors}


def test_a_family_nomination_is_saved_with_its_two_photos(database):
    digests = [photo("red"), photo("blue")]
    saved = aw.save_nomination(family(photos=digests, notice_from=_dt.date(2026, 3, 1)), UNIT)
    back = aw.nomination_input(aw.live_nomination(saved.uuid))
    assert back.nominee_name == "王秀兰家庭" and back.outcome == "pending"
    assert back.photos == digests
    assert back.notice_from == _dt.date(2026, 3, 1) and back.notice_to is None


def test_the_texts_limits_come_from_the_field_rules_and_are_refused_past_them(database):
    assert (aw.summary_limit(), aw.story_limit()) == (300, 1200)
    aw.save_nomination(family(summary="好" * 300, story="事" * 1200), UNIT)
    with pytest.raises(ValidationError) as refused:
        aw.save_nomination(family(summary="好" * 301, story="事" * 1201), UNIT)
    problems = fields_of(refused)
    assert problems["summary"] == _("{field} has {n} characters; at most {limit} fit. Shorten it.").format(
        field=_("Summary of deeds"), n=301, limit=300
    )
    assert "1201" in problems["story"] and "1200" in problems["story"]
    assert aw.Nomination.select().count() == 1


def test_the_nominee_must_be_of_the_kind_the_award_is_for(database):
    with pytest.raises(ValidationError) as refused:
        aw.save_nomination(family(award="red_banner"), UNIT)
    assert fields_of(refused)["nominee_kind"] == _("{award} is for {kind}.").format(
        award=aw.AWARD.label("red_banner"), kind=aw.RECIPIENT_KIND.label("person").lower()
    )
    # Any kind may go forward for another award.
    aw.save_nomination(family(award="other", nominee_kind="collective", nominee_name="巾帼志愿服务队"), UNIT)


def test_the_public_notice_ends_after_it_starts_and_at_most_two_photos_go_along(database):
    with pytest.raises(ValidationError) as refused:
        aw.save_nomination(
            family(
                notice_from=_dt.date(2026, 3, 7),
                notice_to=_dt.date(2026, 3, 1),
                photos=[photo("red"), photo("blue"), photo("green")],
            ),
            UNIT,
        )
    problems = fields_of(refused)
    assert problems["notice_to"] == _("The public notice ends before it starts.")
    assert problems["photos"] == _("At most {n} photos go with a nomination; remove one.").format(n=2)
    with pytest.raises(ValidationError) as refused:
        aw.save_nomination(family(notice_to=_dt.date(2026, 3, 1)), UNIT)
    assert fields_of(refused) == {"notice_from": _("Give the first day of the public notice too.")}
    assert aw.Nomination.select().count() == 0


def test_a_person_nominated_is_named_from_the_list_and_must_be_the_units(database):
    person = save_person(PersonInput(name="崔静翠", post="executive"), UNIT)
    other = save_person(PersonInput(name="张红"), OTHER_UNIT)
    data = family(award="red_banner", nominee_kind="person", nominee_name="", person=person.uuid, level="county")
    saved = aw.save_nomination(data, UNIT)
    assert saved.nominee_name == "崔静翠" and saved.person_id == person.uuid and saved.family_members == ""
    with pytest.raises(ValidationError) as refused:
        aw.save_nomination(data.__class__(**{**data.__dict__, "person": other.uuid}), UNIT)
    assert "person" in fields_of(refused)


def test_marking_a_nomination_awarded_records_the_honour_in_the_same_operation(database):
    person = save_person(PersonInput(name="崔静翠", post="executive"), UNIT)
    data = family(award="red_banner", nominee_kind="person", nominee_name="", person=person.uuid, level="county")
    nomination = aw.save_nomination(data, UNIT)
    edited = aw.nomination_input(nomination)
    edited.outcome = "awarded"
    assert aw.offers_award(nomination, edited)
    honour = aw.award_from_nomination(edited, today=_dt.date(2026, 3, 8))
    assert honour.title == aw.AWARD.label("red_banner") and honour.person == person.uuid
    # A register line the rules refuse: neither the outcome nor the honour is written.
    honour.title = ""
    with pytest.raises(ValidationError) as refused:
        aw.save_nomination(edited, UNIT, nomination, record_award=honour)
    assert fields_of(refused) == {"award_record": _("Give the title of the honour.")}
    assert aw.live_nomination(nomination.uuid).outcome == "pending" and aw.Award.select().count() == 0
    honour.title = aw.AWARD.label("red_banner")
    saved = aw.save_nomination(edited, UNIT, nomination, record_award=honour)
    [award] = aw.awards_of_nomination(saved)
    assert award.person_id == person.uuid and award.year == 2026 and award.level == "county"
    assert aw.live_nomination(nomination.uuid).outcome == "awarded"
    assert not aw.offers_award(saved, edited)  # recorded once: not offered again


def test_received_honours_follow_what_a_persons_notes_already_say(database):
    person = save_person(PersonInput(name="崔静翠", notes="连任"), UNIT)
    for year, level in ((2025, "county"), (2023, "township")):
        aw.save_award(
            aw.AwardInput(year=year, level=level, title="三八红旗手", recipient_kind="person", person=person.uuid),
            UNIT,
        )
    honours = aw.awards_of_person(person.uuid)
    assert [a.year for a in honours] == [2023, 2025]
    phrase = _("{year} {level} {title}").format(year=2025, level=aw.LEVEL.label("county"), title="三八红旗手")
    assert aw.award_phrase(honours[1]) == phrase
    notes = aw.notes_with_awards(person.notes, honours)
    assert notes.startswith("连任" + _("; ")) and notes.endswith(phrase)
    assert aw.notes_with_awards(phrase, honours[1:]) == phrase  # said once, not twice


def test_the_register_refuses_a_line_without_title_or_recipient(database):
    with pytest.raises(ValidationError) as refused:
        aw.save_award(aw.AwardInput(year=2026, level="", recipient_kind="family"), UNIT)
    assert set(fields_of(refused)) == {"level", "title", "recipient_name"}


def test_a_deleted_nomination_takes_its_photos_along_and_brings_them_back(database):
    nomination = aw.save_nomination(family(photos=[photo("red"), photo("blue")]), UNIT)
    assert recycle_bin.move_to_bin("nominations", [nomination.uuid], UNIT) == 1
    assert aw.live_nomination(nomination.uuid) is None
    assert PhotoLink.live().where(PhotoLink.owner == nomination.uuid).count() == 0
    [entry] = recycle_bin.deleted("nominations", UNIT)
    assert entry.name == "王秀兰家庭" and entry.detail == aw.AWARD.label("most_beautiful_family")
    recycle_bin.restore("nominations", nomination.uuid)
    assert aw.nomination_input(aw.live_nomination(nomination.uuid)).photos != []
    assert PhotoLink.live().where(PhotoLink.owner == nomination.uuid).count() == 2


def test_awards_go_to_the_recycle_bin_and_come_back(database):
    award = aw.save_award(aw.AwardInput(year=2024, level="township", title="最美家庭", recipient_name="陈家"), UNIT)
    recycle_bin.move_to_bin("awards", [award.uuid], UNIT)
    assert aw.awards_register(UNIT) == []
    recycle_bin.restore("awards", award.uuid)
    assert [a.recipient_name for a in aw.awards_register(UNIT)] == ["陈家"]


def test_the_listings_narrow_by_year_and_words(database):
    from models.listing import Scope

    aw.save_nomination(family(), UNIT)
    aw.save_nomination(family(year=2025, nominee_name="陈桂英家庭"), UNIT)
    listing = aw.NominationListing(Scope(UNIT), aw.AwardFilters(year=2025))
    assert [n.nominee_name for n in listing.page("name", False, 0, 10)] == ["陈桂英家庭"]
    assert aw.NominationListing(Scope(UNIT), aw.AwardFilters(text="桂英")).count() == 1
    assert aw.NominationListing(Scope(UNIT)).years() == [2026, 2025]
    assert aw.NominationListing(Scope(OTHER_UNIT)).count() == 0


def test_a_register_line_whose_nomination_was_deleted_stays_editable(database):
    nomination = aw.save_nomination(family(outcome="awarded"), UNIT)
    award = aw.save_award(
        aw.AwardInput(
            year=2026, level="village", title="最美家庭", recipient_name="王秀兰家庭", nomination=nomination.uuid
        ),
        UNIT,
    )
    recycle_bin.move_to_bin("nominations", [nomination.uuid], UNIT)
    data = aw.award_input(award)
    data.document_number = "石妇字〔2026〕3号"
    saved = aw.save_award(data, UNIT, award)
    assert aw.live_award(saved.uuid).document_number == "石妇字〔2026〕3号"
    assert saved.nomination_id == nomination.uuid  # kept: the nomination may come back from the bin
    # Linking a new line to the deleted nomination is still refused.
    with pytest.raises(ValidationError) as refused:
        aw.save_award(
            aw.AwardInput(
                year=2026, level="village", title="最美家庭", recipient_name="王家", nomination=nomination.uuid
            ),
            UNIT,
        )
    assert fields_of(refused) == {"nomination": _("The nomination is no longer recorded.")}


def test_an_honour_dated_in_the_future_or_out_of_range_is_refused(database):
    today = _dt.date(2026, 11, 28)
    future = aw.AwardInput(
        year=2027, level="county", title="三八红旗手", recipient_name="崔静翠", date=_dt.date(2026, 12, 1)
    )
    with pytest.raises(ValidationError) as refused:
        aw.save_award(future, UNIT, today=today)
    assert fields_of(refused) == {"date": _("The date is in the future; record it after it took place.")}
    future.date = _dt.date(2026, 11, 20)
    assert aw.save_award(future, UNIT, today=today).date == _dt.date(2026, 11, 20)


def test_the_public_notice_dates_must_be_in_the_years_kept(database):
    with pytest.raises(ValidationError) as refused:
        aw.save_nomination(family(notice_from=_dt.date(1026, 3, 1), notice_to=_dt.date(2026, 3, 7)), UNIT)
    assert set(fields_of(refused)) == {"notice_from"}
    assert "1026" in fields_of(refused)["notice_from"]


def test_records_of_a_unit_below_are_not_saved_over(database):
    theirs = aw.Nomination.create(
        unit=OTHER_UNIT,
        year=2026,
        award="most_beautiful_family",
        level="village",
        nominee_kind="family",
        nominee_name="李家",
    )
    with pytest.raises(ValidationError) as refused:
        aw.save_nomination(family(), UNIT, theirs)
    assert list(fields_of(refused).values()) == [_("Records reported by units below can only be viewed.")]
    honour = aw.Award.create(
        unit=OTHER_UNIT, year=2026, level="village", title="最美家庭", recipient_kind="family", recipient_name="李家"
    )
    with pytest.raises(ValidationError) as refused:
        aw.save_award(aw.award_input(honour), UNIT, honour)
    assert list(fields_of(refused).values()) == [_("Records reported by units below can only be viewed.")]
    assert aw.live_nomination(theirs.uuid).nominee_name == "李家"
