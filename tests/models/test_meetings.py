"""Committee meetings: who came, what was decided, what it led to; deleting and restoring them."""

import datetime as dt

import pytest

from models import meetings, recycle_bin
from models.base import ValidationError
from models.i18n import _
from tests.models.meeting_helpers import TODAY, UNIT, make_activity, make_committee, meeting_input

OTHER = "430121100202"


def errors_of(data, today=TODAY) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        meetings.save_meeting(data, UNIT, today=today)
    out: dict[str, list[str]] = {}
    for error in caught.value.errors:
        out.setdefault(error.field, []).append(error.message)
    return out


def test_a_new_meeting_lists_the_whole_committee_present_chaired_by_the_chair(database):
    make_committee()
    data = meetings.new_meeting_input(UNIT, TODAY)
    assert data.date == TODAY and data.kind == "committee" and data.chair == "李秀英"
    assert [(a.name, a.present) for a in data.attendees] == [
        ("李秀英", True),
        ("王芳", True),
        ("陈红梅", True),
        ("张丽", True),
    ]


def test_a_meeting_is_saved_with_its_attendees_and_the_activity_it_decided(database):
    people = make_committee()
    activity = make_activity()
    data = meeting_input()
    data.attendees[2].present = False
    data.attendees[2].absence_reason = " 外出务工 "
    data.links = [("activity", activity.uuid)]
    meeting = meetings.save_meeting(data, UNIT, today=TODAY)
    stored = meetings.meeting_input(meetings.live_meeting(meeting.uuid))
    assert stored.topics == "研究三八节活动安排" and stored.place == "村委会会议室"
    absent = [a for a in stored.attendees if not a.present]
    assert [(a.name, a.absence_reason) for a in absent] == [("陈红梅", "外出务工")]
    assert {a.person for a in stored.attendees} == {p.uuid for p in people}
    assert stored.links == [("activity", activity.uuid)]
    [link] = meetings.describe_links(stored.links)
    assert link.text == "2026-03-08 三八节文艺汇演"


def test_an_absence_needs_its_reason_and_someone_must_be_present(database):
    make_committee()
    data = meeting_input()
    data.attendees[1].present = False
    problems = errors_of(data)
    assert problems["attendees"] == [_("{name} is marked absent: give the reason for the absence.").format(name="王芳")]
    for attendee in data.attendees:
        attendee.present, attendee.absence_reason = False, "请假"
    assert errors_of(data)["attendees"] == [_("No one is marked present.")]
    assert meetings.Meeting.select().count() == 0


def test_the_date_may_be_up_to_a_year_ahead_and_the_kind_must_be_known(database):
    make_committee()
    ahead = meetings.save_meeting(meeting_input(day=TODAY + dt.timedelta(days=60)), UNIT, today=TODAY)
    assert ahead.date == dt.date(2027, 1, 27)
    problems = errors_of(meeting_input(day=dt.date(2028, 3, 1), kind="party"))
    assert problems["date"] == [_("The meeting is more than a year ahead; check the date.")]
    assert problems["kind"] == [_("Choose the kind of meeting.")]
    assert errors_of(meeting_input(day=None))["date"] == [_("The date is required.")]
    assert errors_of(meeting_input(topics=" "))["topics"] == [_("Write what the meeting is about (its topics).")]


def test_too_long_texts_are_refused_field_by_field(database):
    make_committee()
    problems = errors_of(meeting_input(place="会" * 101, decisions="定" * 2001))
    assert set(problems) == {"place", "decisions"}


def test_links_must_be_live_records_of_the_unit(database):
    make_committee()
    ours = make_activity()
    theirs = make_activity(OTHER)
    data = meeting_input(links=[("activity", ours.uuid), ("activity", theirs.uuid)])
    problems = errors_of(data)
    assert "links" in problems and _("Women's Home activity") in problems["links"][0]
    recycle_bin.move_to_bin("activities", [ours.uuid], UNIT)
    assert "links" in errors_of(meeting_input(links=[("activity", ours.uuid)]))
    assert "links" in errors_of(meeting_input(links=[("photo", ours.uuid)]))


def test_attendees_must_be_people_of_the_unit_and_listed_once(database):
    people = make_committee()
    data = meeting_input()
    data.attendees.append(meetings.AttendeeInput(people[0].uuid, people[0].name))
    assert errors_of(data)["attendees"] == [_("{name} is listed twice.").format(name="李秀英")]
    data = meeting_input()
    recycle_bin.move_to_bin("people", [people[3].uuid], UNIT)
    assert errors_of(data)["attendees"] == [
        _("{name} is not a member of this federation any more.").format(name=people[3].name)
    ]


def test_editing_replaces_attendees_and_links(database):
    make_committee()
    activity = make_activity()
    meeting = meetings.save_meeting(meeting_input(links=[("activity", activity.uuid)]), UNIT, today=TODAY)
    data = meetings.meeting_input(meeting)
    data.attendees = data.attendees[:2]
    data.links = []
    data.topics = "改期"
    meetings.save_meeting(data, UNIT, meeting, today=TODAY)
    again = meetings.meeting_input(meetings.live_meeting(meeting.uuid))
    assert again.topics == "改期" and len(again.attendees) == 2 and again.links == []
    assert meetings.Meeting.live().count() == 1


def test_a_deleted_meeting_takes_its_attendees_and_links_and_brings_them_back(database):
    make_committee()
    activity = make_activity()
    meeting = meetings.save_meeting(meeting_input(links=[("activity", activity.uuid)]), UNIT, today=TODAY)
    assert recycle_bin.move_to_bin("meetings", [meeting.uuid], UNIT) == 1
    assert meetings.live_meeting(meeting.uuid) is None
    assert meetings.MeetingAttendee.live().count() == 0 and meetings.MeetingLink.live().count() == 0
    [entry] = recycle_bin.deleted("meetings", UNIT)
    assert entry.date == dt.date(2026, 3, 2) and entry.detail == _("Committee meeting")
    recycle_bin.restore("meetings", meeting.uuid)
    restored = meetings.meeting_input(meetings.live_meeting(meeting.uuid))
    assert len(restored.attendees) == 4 and restored.links == [("activity", activity.uuid)]


def test_the_listing_counts_who_came_and_filters_by_year(database):
    make_committee()
    data = meeting_input()
    data.attendees[0].present, data.attendees[0].absence_reason = False, "生病"
    meetings.save_meeting(data, UNIT, today=TODAY)
    meetings.save_meeting(meeting_input(day=dt.date(2025, 12, 1)), UNIT, today=TODAY)
    listing = meetings.MeetingListing(meetings.Scope(UNIT), meetings.MeetingFilters(year=2026))
    [row] = listing.page("date", True, 0, 10)
    assert (getattr(row, meetings.PRESENT_COUNT), getattr(row, meetings.ATTENDEE_COUNT)) == (3, 4)
    assert meetings.meeting_years(meetings.Scope(UNIT)) == [2026, 2025]
    assert meetings.MeetingListing(meetings.Scope(UNIT), meetings.MeetingFilters(text="三八")).count() == 2


def test_editing_an_old_meeting_adds_no_one_elected_since(database):
    make_committee()
    meeting = meetings.save_meeting(meeting_input(), UNIT, today=TODAY)
    from models.people import PersonInput, save_person

    newcomer = save_person(PersonInput(name="赵敏", post="executive"), UNIT)
    data = meetings.meeting_input(meeting)
    listed = meetings.expected_attendees(UNIT, data, meeting)
    assert newcomer.uuid not in {a.person for a in listed} and len(listed) == 4
    # A new meeting still lists the whole committee of today.
    fresh = meetings.new_meeting_input(UNIT, TODAY)
    assert newcomer.uuid in {a.person for a in meetings.expected_attendees(UNIT, fresh)}


def test_an_old_meeting_whose_attendee_was_deleted_since_can_still_be_saved(database):
    people = make_committee()
    meeting = meetings.save_meeting(meeting_input(), UNIT, today=TODAY)
    recycle_bin.move_to_bin("people", [people[3].uuid], UNIT)
    data = meetings.meeting_input(meeting)
    data.topics = "研究三八节活动安排（更正）"
    meetings.save_meeting(data, UNIT, meeting, today=TODAY)
    again = meetings.meeting_input(meetings.live_meeting(meeting.uuid))
    assert again.topics == "研究三八节活动安排（更正）"
    kept = [a for a in again.attendees if a.name == people[3].name]
    assert len(kept) == 1 and kept[0].person is None and kept[0].present
    # A new meeting may not list her: she is not on the unit's lists any more.
    fresh = meeting_input()
    fresh.attendees.append(meetings.AttendeeInput(people[3].uuid, people[3].name))
    assert errors_of(fresh)["attendees"] == [
        _("{name} is not a member of this federation any more.").format(name=people[3].name)
    ]
