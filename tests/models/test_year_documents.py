"""The yearly plan and summary: headings and texts, one of each a year, and the figures counted from the records."""

import datetime as dt

import pytest

from models import meetings, recycle_bin, training, year_documents
from models.base import ValidationError
from models.duties.records import Contact, Household, Need
from models.i18n import _
from models.year_documents import SectionInput
from tests.models.meeting_helpers import TODAY, UNIT, make_activity, make_committee, meeting_input


def test_a_new_plan_has_the_usual_title_and_headings(database):
    data = year_documents.document_or_new(UNIT, "石门村", 2026, "plan")
    assert data.title == _("{unit} Women's Federation work plan for {year}").format(unit="石门村", year=2026)
    assert [s.heading for s in data.sections] == [
        _("Guiding thought"),
        _("Work objectives"),
        _("Main tasks"),
        _("Safeguards"),
    ]
    summary = year_documents.new_document_input("石门村", 2026, "summary")
    assert summary.sections[-1].heading == _("Plans for next year")


def test_saving_twice_keeps_one_document_of_the_year_with_the_sections_in_order(database):
    data = year_documents.new_document_input("石门村", 2026, "plan")
    data.sections[0].body = "以习近平新时代中国特色社会主义思想为指导。"
    first = year_documents.save_document(data, UNIT)
    data = year_documents.document_input(first)
    data.sections = [
        SectionInput("工作目标", "建好妇女之家。"),
        SectionInput("主要任务", "一是……\n二是……"),
        SectionInput(),
    ]
    second = year_documents.save_document(data, UNIT)
    assert second.uuid == first.uuid
    assert year_documents.YearDocument.live().count() == 1
    assert [(s.heading, s.body) for s in year_documents.sections(second)] == [
        ("工作目标", "建好妇女之家。"),
        ("主要任务", "一是……\n二是……"),
    ]
    year_documents.save_document(year_documents.new_document_input("石门村", 2026, "summary"), UNIT)
    assert year_documents.document_years(UNIT) == [2026]


def test_a_document_needs_a_heading_for_each_text_and_at_least_one(database):
    data = year_documents.new_document_input("石门村", 2026, "plan")
    data.sections = [SectionInput("", "没有标题的正文"), SectionInput("保障措施", "字" * 10001)]
    with pytest.raises(ValidationError) as caught:
        year_documents.save_document(data, UNIT)
    fields = {e.field: e.message for e in caught.value.errors}
    assert fields["sections.0.heading"] == _("This text needs a heading.")
    assert "sections.1.body" in fields
    data.sections = [SectionInput()]
    data.title = ""
    with pytest.raises(ValidationError) as caught:
        year_documents.save_document(data, UNIT)
    fields = {e.field: e.message for e in caught.value.errors}
    assert fields["sections"] == _("Write at least one heading.")
    assert fields["title"] == _("The title is required.")
    assert year_documents.YearDocument.select().count() == 0


def test_a_deleted_plan_comes_back_with_its_sections_unless_written_again(database):
    plan = year_documents.save_document(year_documents.new_document_input("石门村", 2026, "plan"), UNIT)
    recycle_bin.move_to_bin("year_documents", [plan.uuid], UNIT)
    assert year_documents.document_of(UNIT, 2026, "plan") is None
    assert year_documents.YearDocumentSection.live().count() == 0
    recycle_bin.restore("year_documents", plan.uuid)
    assert len(year_documents.sections(year_documents.document_of(UNIT, 2026, "plan"))) == 4
    recycle_bin.move_to_bin("year_documents", [plan.uuid], UNIT)
    year_documents.save_document(year_documents.new_document_input("石门村", 2026, "plan"), UNIT)
    with pytest.raises(recycle_bin.RestoreRefused):
        recycle_bin.restore("year_documents", plan.uuid)


def add_contacts_and_needs(unit: str, member: str) -> None:
    homes = [Household.create(unit=unit, head_name=f"户主{i}") for i in range(3)]
    for day, way, home in (
        (dt.date(2026, 2, 1), "visit", homes[0]),
        (dt.date(2026, 2, 20), "visit", homes[0]),
        (dt.date(2026, 3, 5), "phone", homes[1]),
        (dt.date(2026, 4, 5), "wechat", None),
        (dt.date(2025, 12, 30), "visit", homes[2]),  # last year
    ):
        Contact.create(unit=unit, date=day, way=way, member=member, household=home)
    Contact.create(unit=unit, date=dt.date(2026, 5, 1), way="visit", member=member, household=homes[2], deleted=True)
    for status in ("open", "answered", "closed"):
        Need.create(unit=unit, found_on=dt.date(2026, 3, 1), category="employment", description="就业", status=status)


def test_the_figures_of_a_year_are_counted_from_the_records(database):
    people = make_committee()
    make_activity(women=40)
    make_activity(day=dt.date(2026, 6, 1), category="4", women=60)
    make_activity(day=dt.date(2025, 6, 1), category="4", women=60)  # last year
    add_contacts_and_needs(UNIT, people[1].uuid)
    meetings.save_meeting(meeting_input(), UNIT, today=TODAY)
    meetings.save_meeting(meeting_input(day=dt.date(2026, 12, 20)), UNIT, today=TODAY)  # not yet held
    course = training.save_training(
        training.TrainingInput(
            name="执委履职培训",
            start_date=dt.date(2026, 4, 10),
            end_date=dt.date(2026, 4, 10),
            sessions=[(dt.date(2026, 4, 10), "am", 3.0, "", "")],
        ),
        UNIT,
    )
    trainee = training.add_trainee(course, training.TraineeInput(name="王芳"))
    training.mark(course.sessions()[0], trainee, "present")
    figures = year_documents.year_figures(UNIT, 2026, today=TODAY)
    assert figures.activities["8"] == (1, 40) and figures.activities["4"] == (1, 60)
    assert (figures.activity_count, figures.participants) == (2, 100)
    assert (figures.trainings, figures.trainees, figures.attended) == (1, 1, 1)
    assert (figures.contacts, figures.visits, figures.households) == (4, 2, 2)
    # Answered, closed, open: a closed need was dropped without an answer and is not counted as answered.
    assert (figures.needs_found, figures.needs_answered, figures.needs_open) == (3, 1, 1)
    assert figures.meetings == 1


def test_a_county_counts_the_villages_below(database):
    from models import units

    county = "430121000000"
    units.set_own_unit(county, "长沙县")
    make_committee("430121100202")
    make_activity("430121100202")
    make_activity("430121100203", category="4")
    figures = year_documents.year_figures(county, 2026, today=TODAY)
    assert figures.activity_count == 2


def test_a_number_typed_before_a_heading_is_left_to_the_printed_document():
    from models.year_documents import unnumbered

    assert [unnumbered(h) for h in ("一、指导思想", "（二）工作目标", "3. 重点任务", "十二、其他")] == [
        "指导思想",
        "工作目标",
        "重点任务",
        "其他",
    ]
    # Years and words that only look like numbers stay.
    assert [unnumbered(h) for h in ("2026年工作打算", "一二三", "一、")] == ["2026年工作打算", "一二三", "一、"]


def test_the_date_written_on_may_not_be_in_the_future(database):
    data = year_documents.new_document_input("石门村", 2026, "summary", today=dt.date(2026, 12, 20))
    with pytest.raises(ValidationError) as refused:
        year_documents.save_document(data, UNIT, today=dt.date(2026, 11, 28))
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("written_on", _("The date is in the future; record it after it took place."))
    ]
    assert year_documents.save_document(data, UNIT, today=dt.date(2026, 12, 20)).written_on == dt.date(2026, 12, 20)


def test_only_the_own_units_plan_is_written(database):
    data = year_documents.new_document_input("石门村", 2026, "plan", today=dt.date(2026, 11, 28))
    with pytest.raises(ValidationError) as refused:
        year_documents.save_document(data, "430121100202", today=dt.date(2026, 11, 28))
    assert [e.message for e in refused.value.errors] == [_("Records reported by units below can only be viewed.")]
    assert year_documents.YearDocument.select().count() == 0


def test_every_figure_of_the_year_is_listed_once_for_the_screen_and_the_summary():
    import dataclasses

    counted = [f.name for f in dataclasses.fields(year_documents.YearFigures) if f.name not in ("year", "activities")]
    listed = [name for _label, name in year_documents.WORK_FIGURES]
    assert sorted(listed) == sorted(counted) and len(set(listed)) == len(listed)
