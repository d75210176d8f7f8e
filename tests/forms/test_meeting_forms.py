"""执委会会议记录, 年度工作计划 and 年度工作总结 printed and read back."""

from __future__ import annotations

import datetime as dt

import pytest

from forms.registry import FormError, FormOptions, build_form
from models import meetings, units
from models import year_documents as yd
from models.i18n import _, in_brackets
from tests.forms.conftest import PdfReadBack, squeeze, table_rows
from tests.models.meeting_helpers import TODAY, UNIT, make_activity, make_committee, meeting_input


def options(**changes) -> FormOptions:
    return FormOptions(unit_code=UNIT, today=TODAY, **changes)


def test_the_minutes_of_one_meeting_say_who_came_what_was_decided_and_ask_for_signatures(database, tmp_path):
    make_committee()
    activity = make_activity()
    data = meeting_input(links=[("activity", activity.uuid)])
    data.attendees[3].present, data.attendees[3].absence_reason = False, "外出务工"
    meeting = meetings.save_meeting(data, UNIT, today=TODAY)
    meetings.save_meeting(meeting_input(day=dt.date(2026, 5, 1), topics="另一次会议"), UNIT, today=TODAY)
    result = build_form("minutes", tmp_path / "minutes.pdf", options(record_id=meeting.uuid))
    assert result.pages == 1
    text = squeeze(PdfReadBack(result.path).text)
    for expected in (
        _("Minutes of the committee meeting"),
        "2026年3月2日",
        "村委会会议室",
        "研究三八节活动安排",
        "三月八日在村部举办文艺汇演",
        "张丽" + in_brackets("外出务工"),
        "2026-03-08三八节文艺汇演",
        squeeze(_("Chair (signature)")),
        squeeze(_("Minutes-taker (signature)")),
    ):
        assert squeeze(expected) in text
    assert "另一次会议" not in text


def test_the_minutes_of_a_year_put_each_meeting_on_its_own_page(database, tmp_path):
    make_committee()
    for day in (dt.date(2026, 3, 2), dt.date(2026, 6, 2), dt.date(2025, 9, 2)):
        meetings.save_meeting(meeting_input(day=day), UNIT, today=TODAY)
    result = build_form("minutes", tmp_path / "minutes.pdf", options(year=2026))
    pages = PdfReadBack(result.path).texts
    assert len(pages) == 2
    assert "2026年3月2日" in squeeze(pages[0]) and "2026年6月2日" in squeeze(pages[1])


def test_a_year_without_meetings_or_documents_is_refused_in_words(database, tmp_path):
    with pytest.raises(FormError) as caught:
        build_form("minutes", tmp_path / "m.pdf", options(year=2026))
    assert "石门村" in str(caught.value)
    for name, kind in (("plan", "work plan"), ("summary-year", "work summary")):
        with pytest.raises(FormError) as caught:
            build_form(name, tmp_path / "d.pdf", options(year=2026))
        expected = _(f"{{unit}} has no {kind} for {{year}}; write it on the Meetings and plans page first.")
        assert str(caught.value) == expected.format(unit="石门村", year=2026)
    assert not any(path.suffix == ".pdf" for path in tmp_path.iterdir())


def write(kind: str, unit: str = UNIT, name: str = "石门村"):
    data = yd.new_document_input(name, 2026, kind, today=dt.date(2026, 12, 20))
    data.sections[0].body = "坚持党建带妇建。\n团结引领广大妇女。"
    return yd.save_document(data, unit, today=dt.date(2026, 12, 20))


def test_the_plan_is_the_federations_document(database, tmp_path):
    write("plan")
    result = build_form("plan", tmp_path / "plan.pdf", options(year=2026))
    text = squeeze(PdfReadBack(result.path).text)
    title = _("{unit} Women's Federation work plan for {year}").format(unit="石门村", year=2026)
    assert text.startswith(squeeze(title))
    for heading in ("一、" + _("Guiding thought"), "四、" + _("Safeguards"), "坚持党建带妇建。团结引领广大妇女。"):
        assert squeeze(heading) in text
    assert text.endswith(
        squeeze(_("{unit} Women's Federation").format(unit="石门村") + "2026年12月20日") + "第1页共1页"
    )
    assert _("The year's work in figures") not in text


def test_the_summary_prints_the_figures_of_the_records(database, tmp_path):
    make_committee()
    make_activity(women=40)
    meetings.save_meeting(meeting_input(), UNIT, today=TODAY)
    write("summary")
    result = build_form("summary-year", tmp_path / "summary.pdf", options(year=2026))
    text = squeeze(PdfReadBack(result.path).text)
    assert squeeze(_("The year's work in figures")) in text
    rows = table_rows(result.path)
    assert [squeeze(_("Culture and sports (incl. Women's Day)")), "1", "40"] in rows
    assert [squeeze(_("Committee meetings held")), "1"] in rows


def test_a_county_summary_counts_the_villages_below(database, tmp_path):
    county = "430121000000"
    units.set_own_unit(county, "长沙县")
    make_activity("430121100202", women=30)
    make_activity("430121100203", category="4", women=50)
    write("summary", county, "长沙县")
    result = build_form("summary-year", tmp_path / "county.pdf", FormOptions(county, year=2026, today=TODAY))
    rows = table_rows(result.path)
    assert [squeeze(_("Total")), "2", "80"] in rows
    title = _("{unit} Women's Federation work summary for {year}").format(unit="长沙县", year=2026)
    assert squeeze(title) in squeeze(PdfReadBack(result.path).text)


def test_an_enlarged_meeting_is_titled_so_and_a_meeting_of_another_unit_is_refused(database, tmp_path):
    make_committee()
    enlarged = meetings.save_meeting(meeting_input(kind="enlarged"), UNIT, today=TODAY)
    result = build_form("minutes", tmp_path / "m.pdf", options(record_id=enlarged.uuid))
    title = _("Minutes of the {kind}").format(kind=_("Enlarged committee meeting"))
    assert squeeze(PdfReadBack(result.path).text).startswith(squeeze(title))
    make_committee("430121100202")
    theirs = meetings.save_meeting(meeting_input("430121100202"), "430121100202", today=TODAY)
    with pytest.raises(FormError):
        build_form("minutes", tmp_path / "theirs.pdf", options(record_id=theirs.uuid))


def test_minutes_as_long_as_allowed_run_over_pages(database, tmp_path):
    make_committee()
    long = meeting_input(minutes="会议记录正文" * 1666, topics="议" * 2000, decisions="定" * 2000)
    meeting = meetings.save_meeting(long, UNIT, today=TODAY)
    result = build_form("minutes", tmp_path / "long.pdf", options(record_id=meeting.uuid))
    assert result.pages >= 3
    assert squeeze(_("Minutes-taker (signature)")) in squeeze(PdfReadBack(result.path).texts[-1])
