"""A village with a committee, its meetings, an activity and a year's plan and summary, for the tests."""

from __future__ import annotations

import datetime as dt

from models import homes, meetings
from models.people import PersonInput, save_person

UNIT = "430121100201"
TODAY = dt.date(2026, 11, 28)
COMMITTEE = (("李秀英", "chair"), ("王芳", "vice_chair"), ("张丽", "executive"), ("陈红梅", "executive"))


def make_committee(unit: str = UNIT) -> list:
    return [save_person(PersonInput(name=name, post=post), unit) for name, post in COMMITTEE]


def make_activity(unit: str = UNIT, day: dt.date = dt.date(2026, 3, 8), category: str = "8", women: int = 40):
    data = homes.ActivityInput(date=day, title="三八节文艺汇演", category=category, women=women, place="村部")
    return homes.save_activity(data, unit, today=TODAY)


def meeting_input(unit: str = UNIT, day: dt.date = dt.date(2026, 3, 2), **changes) -> meetings.MeetingInput:
    data = meetings.new_meeting_input(unit, TODAY)
    data.date = day
    data.place = "村委会会议室"
    data.minutes_taker = "王芳"
    data.topics = "研究三八节活动安排"
    data.minutes = "李秀英主持会议，传达县妇联通知，讨论三八节文艺汇演方案。"
    data.decisions = "三月八日在村部举办文艺汇演，由张丽负责节目。"
    for name, value in changes.items():
        setattr(data, name, value)
    return data
