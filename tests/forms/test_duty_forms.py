"""执委联系户名册, 执委履职记录 and 妇女群众需求清单, read back from the PDF and the workbook."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from forms.registry import FORMS, FormError, FormOptions, build_form
from models.duties.contacts import ContactInput, save_contact
from models.duties.households import HouseholdInput, save_household
from models.duties.needs import NeedInput, ProjectInput, save_need, save_project
from models.i18n import _

from .conftest import TODAY, VILLAGE_CODE, PdfReadBack, squeeze, table_rows


@pytest.fixture
def village(add_people):
    """A chair and a member with households, contacts, needs and a project; a household linked to nobody."""
    people = add_people(2)
    chair, member = people
    homes = []
    for i, (head, who) in enumerate([("张大山", chair), ("刘建国", chair), ("周德明", member), ("吴七", None)]):
        data = HouseholdInput(
            head_name=head, members="李桂兰", women=i + 1, group_name=f"{i + 1}组", phone="13812345678"
        )
        homes.append(
            save_household(
                data, VILLAGE_CODE, member=who.uuid if who else None, linked_on=dt.date(2026, 1, 2), today=TODAY
            )
        )
    visits = []
    for month in (1, 1, 2, 3, 3):
        visits.append(
            save_contact(
                ContactInput(
                    date=dt.date(2026, month, 10),
                    way="visit",
                    member=chair.uuid,
                    household=homes[0].uuid,
                    whom="李桂兰",
                    asked="孩子暑假没人照看",
                    handling="passed_on",
                    passed_to="村委会",
                ),
                VILLAGE_CODE,
                today=TODAY,
            )
        )
    need = save_need(
        NeedInput(
            found_on=dt.date(2026, 3, 10),
            category="children",
            description="暑期儿童托管",
            women=9,
            member=chair.uuid,
            status="answered",
            answered_on=dt.date(2026, 7, 1),
            answer="办起暑期托管班",
            contacts=[visits[-1].uuid],
        ),
        VILLAGE_CODE,
        today=TODAY,
    )
    save_need(
        NeedInput(found_on=dt.date(2026, 5, 1), category="health", description="想做体检"), VILLAGE_CODE, today=TODAY
    )
    save_project(
        ProjectInput(name="暑期儿童托管班", member=chair.uuid, status="running", needs=[need.uuid]), VILLAGE_CODE
    )
    return chair, member


def test_the_forms_are_registered(database):
    assert FORMS["households"].formats == ("pdf", "xlsx")
    assert FORMS["duties"].formats == ("pdf",)
    assert FORMS["needs"].formats == ("pdf", "xlsx")


def test_households_are_grouped_by_member_and_none_is_left_off(village, tmp_path):
    chair, member = village
    pdf = PdfReadBack(build_form("households", tmp_path / "h.pdf", FormOptions(VILLAGE_CODE, today=TODAY)).path)
    text = squeeze(pdf.text)
    assert squeeze(_("Households linked to committee members")) in text
    first = text.index(chair.name)
    assert first < text.index("张大山") < text.index(member.name) < text.index("周德明")
    assert squeeze(_("Households not linked to a member")) in text and "吴七" in text
    book = openpyxl.load_workbook(
        build_form("households", tmp_path / "h.xlsx", FormOptions(VILLAGE_CODE, today=TODAY)).path
    )
    values = [[c for c in row] for row in book.active.iter_rows(values_only=True)]
    assert any(row[1] == chair.name and row[2] == "张大山" for row in values)


def test_a_members_record_counts_her_contacts_month_by_month(village, tmp_path):
    chair, _member = village
    options = FormOptions(VILLAGE_CODE, year=2026, record_id=chair.uuid, today=TODAY)
    pdf = PdfReadBack(build_form("duties", tmp_path / "d.pdf", options).path)
    text = squeeze(pdf.text)
    assert chair.name in text and "张大山" in text and "暑期儿童托管班" in text
    heading = _("Contacts month by month: {n} in the year; the goal of {goal} a month met in {met} of {months} months")
    # January and March had two contacts; February one; November, the month under way, is not judged yet.
    assert squeeze(heading.format(n=5, goal=2, met=2, months=10)) in text
    assert squeeze(_("Needs found: {n}, answered: {answered}").format(n=1, answered=1)) in text


def test_every_members_record_starts_a_page_and_an_unknown_member_is_refused(village, tmp_path):
    chair, member = village
    pdf = PdfReadBack(
        build_form("duties", tmp_path / "all.pdf", FormOptions(VILLAGE_CODE, year=2026, today=TODAY)).path
    )
    starts = [
        i
        for i, page in enumerate(pdf.texts)
        if squeeze(_("Record of a committee member's duties")) in squeeze(page.split("\n")[0])
    ]
    assert len(starts) == 2
    with pytest.raises(FormError):
        build_form("duties", tmp_path / "x.pdf", FormOptions(VILLAGE_CODE, record_id="no-such-person"))


def test_the_needs_list_says_what_each_need_became(village, tmp_path):
    pdf = PdfReadBack(build_form("needs", tmp_path / "n.pdf", FormOptions(VILLAGE_CODE, year=2026, today=TODAY)).path)
    text = squeeze(pdf.text)
    became = [row[-1] for row in table_rows(pdf.path) if row and row[0] == "1"]
    assert became == [squeeze(_("Project: {name}").format(name="暑期儿童托管班"))]
    assert squeeze(_("{n} needs, {answered} answered").format(n=2, answered=1)) in text
    book = openpyxl.load_workbook(
        build_form("needs", tmp_path / "n.xlsx", FormOptions(VILLAGE_CODE, year=2026, today=TODAY)).path
    )
    cells = {c for row in book.active.iter_rows(values_only=True) for c in row if c}
    assert "暑期儿童托管" in cells and "想做体检" in cells


def test_a_unit_without_households_gets_one_page_saying_so(add_people, tmp_path):
    add_people(9)
    pdf = PdfReadBack(build_form("households", tmp_path / "none.pdf", FormOptions(VILLAGE_CODE, today=TODAY)).path)
    assert len(pdf.texts) == 1
    assert squeeze(_("No households have been linked yet.")) in squeeze(pdf.text)


def test_report_help_lists_the_forms_of_members_duties(capsys):
    import cli

    with pytest.raises(SystemExit):
        cli.main(["report", "--help"])
    out = capsys.readouterr().out
    for key in ("households", "duties", "needs"):
        assert f"  {key} " in out


def test_the_goal_met_is_one_count_in_the_heading_and_the_table(village, tmp_path):
    chair, _member = village
    for day in (2, 3):  # November, the month under way, has met its goal already
        save_contact(ContactInput(date=dt.date(2026, 11, day), member=chair.uuid), VILLAGE_CODE, today=TODAY)
    options = FormOptions(VILLAGE_CODE, year=2026, record_id=chair.uuid, today=TODAY)
    pdf = PdfReadBack(build_form("duties", tmp_path / "d.pdf", options).path)
    heading = _("Contacts month by month: {n} in the year; the goal of {goal} a month met in {met} of {months} months")
    assert squeeze(heading.format(n=7, goal=2, met=3, months=11)) in squeeze(pdf.text)
    goal_row = next(row for row in table_rows(pdf.path) if row and row[0] == squeeze(_("Goal met")))
    assert goal_row[-1] == "3"


def test_a_members_record_is_of_the_year_and_a_former_member_keeps_hers(village, tmp_path):
    from models.duties.households import link_household, unlink_household
    from models.people import person_input, save_person

    chair, member = village
    old = save_household(HouseholdInput(head_name="陈旧户"), VILLAGE_CODE)
    link_household(old, member.uuid, VILLAGE_CODE, on=dt.date(2025, 3, 1), today=TODAY)
    unlink_household(old, on=dt.date(2025, 12, 1), today=TODAY)
    save_project(
        ProjectInput(
            name="去年的编织班",
            member=member.uuid,
            start_date=dt.date(2025, 3, 1),
            end_date=dt.date(2025, 10, 1),
            status="done",
            result="培训30人",
        ),
        VILLAGE_CODE,
    )
    left = person_input(member)
    left.post = "backbone"
    save_person(left, VILLAGE_CODE, member, today=TODAY)

    def record(year: int) -> str:
        options = FormOptions(VILLAGE_CODE, year=year, record_id=member.uuid, today=TODAY)
        return squeeze(PdfReadBack(build_form("duties", tmp_path / f"{year}.pdf", options).path).text)

    this_year, last_year = record(2026), record(2025)
    assert "陈旧户" not in this_year and "去年的编织班" not in this_year
    assert "周德明" in this_year  # linked since January 2026
    assert "陈旧户" in last_year and "去年的编织班" in last_year and "周德明" not in last_year


def test_a_project_in_the_recycle_bin_is_printed_as_deleted(village, tmp_path):
    from models.duties.records import Project

    Project.get(Project.name == "暑期儿童托管班").move_to_recycle_bin()
    pdf = PdfReadBack(build_form("needs", tmp_path / "n.pdf", FormOptions(VILLAGE_CODE, year=2026, today=TODAY)).path)
    became = [row[-1] for row in table_rows(pdf.path) if row and row[0] == "1"]
    deleted = _("{name} (deleted)").format(name="暑期儿童托管班")
    assert became == [squeeze(_("Project: {name}").format(name=deleted))]
