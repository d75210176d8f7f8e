"""The demo's committee at work: volumes as a village keeps them, texts within their limits, links that hold."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from models import codes, fields
from models.awards import Award, Nomination
from models.demo import make_demo
from models.duties.records import Contact, Household, HouseholdLink, Need, NeedContact, Project
from models.meetings import Meeting, MeetingAttendee, MeetingLink
from models.people import Person
from models.photos import PhotoLink
from models.year_documents import YearDocument, YearDocumentSection
from tests.conftest import VILLAGE_CODE, VILLAGE_NAME

TODAY = dt.date(2026, 6, 30)
YEARS = 3


def test_a_village_demo_holds_the_committee_at_work(database):
    make_demo(VILLAGE_CODE, VILLAGE_NAME, years=YEARS, today=TODAY)
    committee = list(Person.select().where(Person.post.in_(codes.COMMITTEE_POSTS)))
    households = Household.select().count()
    assert households == 10 * len(committee)
    open_links = HouseholdLink.select().where(HouseholdLink.unlinked_on.is_null())
    assert open_links.count() == households  # one member at a time; a few handed over, with history
    assert HouseholdLink.select().count() >= households

    # About two contacts a month for each member over the years, up to today only.
    months = (YEARS - 1) * 12 + TODAY.month
    per_member = Counter(c.member_id for c in Contact.select())
    assert set(per_member) == {p.uuid for p in committee}
    assert all(1.4 * months <= n <= 2 * months for n in per_member.values())
    assert Contact.select().where(Contact.date > TODAY).count() == 0
    contacts = list(Contact.select())
    assert {c.way for c in contacts} == {"visit", "phone", "wechat", "other"}
    assert {c.handling for c in contacts} == {"on_the_spot", "passed_on", "pending"}
    assert all(c.passed_to for c in contacts if c.handling == "passed_on")
    assert 0 < sum(c.may_travel for c in contacts) < len(contacts) / 10
    assert any(c.follow_up for c in contacts)

    needs = list(Need.select())
    statuses = Counter(n.status for n in needs)
    assert statuses["answered"] and statuses["open"]
    assert any((TODAY - n.found_on).days > 30 for n in needs if n.status == "open")  # the overview's reminder
    assert NeedContact.select().count() == len(needs)
    assert 2 <= Project.select().count() <= 3 and 1 <= sum(1 for n in needs if n.project_id) <= 2
    assert all(n.status == "answered" for n in needs if n.activity_id)  # met by a Women's Home activity

    meetings = list(Meeting.select())
    per_year = Counter(m.date.year for m in meetings)
    assert all(per_year[y] == 4 for y in range(TODAY.year - YEARS + 1, TODAY.year))
    assert MeetingAttendee.select().count() == len(meetings) * len(committee)
    assert MeetingLink.select().where(MeetingLink.kind == "nomination").count() == Nomination.select().count()

    kinds = Counter((d.year, d.kind) for d in YearDocument.select())
    assert all(
        kinds[(y, "plan")] == 1 and kinds[(y, "summary")] == 1 for y in range(TODAY.year - YEARS + 1, TODAY.year)
    )
    assert YearDocumentSection.select().count() >= 3 * len(kinds)

    nominations = list(Nomination.select())
    by_year = Counter((n.year, n.award) for n in nominations)
    for year in range(TODAY.year - YEARS + 1, TODAY.year + 1):
        assert by_year[(year, "most_beautiful_family")] == 2 and by_year[(year, "red_banner")] == 1
    for n in nominations:
        assert 0 < len(n.summary) <= fields.max_length("nomination", "summary") == 300
        assert 0 < len(n.story) <= fields.max_length("nomination", "story") == 1200
        assert "测试" not in n.summary + n.story
        assert PhotoLink.select().where(PhotoLink.owner == n.uuid).count() == 2
    awarded = [n for n in nominations if n.outcome == "awarded"]
    assert awarded and Award.select().where(Award.nomination.in_([n.uuid for n in awarded])).count() == len(awarded)
    assert Award.select().where(Award.person.is_null(False)).count() >= 1  # for the roster's 备注
