"""会议与计划 driven like a user: record a meeting by keyboard, fix what is wrong, delete it; write the plan."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.common.page import DELETE, EDIT, NEW, PRINT
from gui.meetings.meeting_dialog import NAME, REASON, MeetingDialog
from gui.meetings.page import DOCUMENTS_TAB, MeetingsPage
from models import meetings
from models import year_documents as yd
from models.i18n import _, ngettext
from tests.gui.gui_helpers import show_widget, type_text
from tests.models.meeting_helpers import make_activity, make_committee, meeting_input


@pytest.fixture
def page(qtbot, gui_context, answers):
    make_committee()
    return show_widget(qtbot, MeetingsPage(gui_context), (1200, 720))


def test_an_empty_page_says_what_to_do(page):
    assert page.state() == "empty"
    assert _("No meetings yet") == page.empty_state.title.text()


def test_a_meeting_is_recorded_from_the_keyboard_and_an_absence_needs_its_reason(qtbot, page):
    activity = make_activity()
    page.trigger(NEW)
    dialog: MeetingDialog = page.dialog
    assert dialog.attendees.rowCount() == 4 and dialog.chair.text() == "李秀英"
    dialog.date.setText("2026-03-02")
    type_text(dialog.topics, "研究三八节活动安排")
    type_text(dialog.decisions, "三月八日举办文艺汇演")
    # Space on a name unticks her; the reason is then asked for.
    dialog.attendees.setFocus()
    dialog.attendees.setCurrentCell(1, NAME)
    qtbot.keyClick(dialog.attendees, Qt.Key_Space)
    assert dialog.attendees.item(1, NAME).checkState() == Qt.Unchecked
    dialog.save()
    absent = dialog.attendees.item(1, NAME).text()
    expected = _("{name} is marked absent: give the reason for the absence.").format(name=absent)
    assert dialog.field_error("attendees") == expected
    assert meetings.Meeting.select().count() == 0
    dialog.attendees.item(1, REASON).setText("外出务工")
    for row in range(dialog.links.count()):
        if activity.uuid in str(dialog.links.item(row).data(Qt.UserRole + 2)):
            dialog.links.item(row).setCheckState(Qt.Checked)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.topics, Qt.Key_S, Qt.ControlModifier)
    assert page.dialog is None
    assert page.state() == "table"
    assert page.count_label.text() == ngettext("{n} meeting", "{n} meetings", 1).format(n=1)
    html = page.detail.toPlainText()
    assert "研究三八节活动安排" in html and "外出务工" in html and "三八节文艺汇演" in html
    stored = meetings.meeting_input(meetings.Meeting.get())
    assert stored.links == [("activity", activity.uuid)]


def test_a_meeting_is_edited_and_deleted_to_the_recycle_bin(qtbot, page, gui_context, answers):
    meetings.save_meeting(meeting_input(), gui_context.unit_code, today=dt.date(2026, 11, 28))
    page.refresh()
    page.trigger(EDIT)
    dialog = page.dialog
    dialog.place.setText("村部")
    dialog.save()
    assert meetings.Meeting.get().place == "村部"
    answers.replies.append(True)
    page.trigger(DELETE)
    assert page.state() == "empty"
    assert meetings.Meeting.live().count() == 0


def test_editing_an_old_meeting_lists_only_who_was_expected_and_delete_takes_one_off(qtbot, page, gui_context, answers):
    from models.people import PersonInput, save_person
    from models.recycle_bin import move_to_bin

    meeting = meetings.save_meeting(meeting_input(), gui_context.unit_code, today=dt.date(2026, 11, 28))
    save_person(PersonInput(name="赵敏", post="executive"), gui_context.unit_code)  # elected since
    gone = meetings.attendees(meeting)[3]
    move_to_bin("people", [gone.person_id], gui_context.unit_code)
    page.refresh()
    page.trigger(EDIT)
    dialog: MeetingDialog = page.dialog
    names = [dialog.attendees.item(row, NAME).text() for row in range(dialog.attendees.rowCount())]
    assert "赵敏" not in names and gone.name in names and len(names) == 4
    # Someone listed by mistake is taken off with Delete.
    dialog.attendees.setFocus()
    dialog.attendees.setCurrentCell(2, NAME)
    removed = dialog.attendees.item(2, NAME).text()
    qtbot.keyClick(dialog.attendees, Qt.Key_Delete)
    assert dialog.attendees.rowCount() == 3
    dialog.place.setText("村部")
    dialog.save()
    assert page.dialog is None
    stored = [a.name for a in meetings.attendees(meetings.live_meeting(meeting.uuid))]
    assert removed not in stored and gone.name in stored and meetings.Meeting.get().place == "村部"


def test_the_plan_is_written_heading_by_heading_and_saved(qtbot, page, gui_context, answers):
    page.tabs.setCurrentIndex(DOCUMENTS_TAB)
    tab = page.documents
    tab.set_choice(2026, "plan")
    assert tab.heading_list.count() == 4 and tab.state_label.text() == _("not written yet")
    assert tab.heading_list.item(0).text() == "一、" + _("Guiding thought")
    tab.heading_list.setCurrentRow(1)
    type_text(tab.body, "建成示范妇女之家。")
    tab.add_heading()
    type_text(tab.heading, "其他工作")
    assert tab.heading_list.item(2).text() == "三、其他工作"
    tab.move_heading(1)
    tab.written_on.setText("2026年1月5日")
    qtbot.keyClick(tab.title, Qt.Key_S, Qt.ControlModifier)
    document = yd.document_of(gui_context.unit_code, 2026, "plan")
    assert document.written_on == dt.date(2026, 1, 5)
    headings = [s.heading for s in yd.sections(document)]
    assert headings[3] == "其他工作" and len(headings) == 5
    assert yd.sections(document)[1].body == "建成示范妇女之家。"
    assert tab.state_label.text() == _("saved")


def test_a_text_without_a_heading_is_shown_beside_it(qtbot, page):
    page.tabs.setCurrentIndex(DOCUMENTS_TAB)
    tab = page.documents
    tab.set_choice(2026, "summary")
    tab.heading_list.setCurrentRow(2)
    tab.heading.setText("")
    tab.heading.textEdited.emit("")
    type_text(tab.body, "没有标题")
    assert not tab.save()
    assert tab.heading_box.error_text() == _("This text needs a heading.")
    assert tab.heading_list.currentRow() == 2
    assert yd.YearDocument.select().count() == 0


def test_the_figures_are_shown_beside_the_document(qtbot, page, gui_context):
    make_activity(women=40)
    page.tabs.setCurrentIndex(DOCUMENTS_TAB)
    page.documents.set_choice(2026, "summary")
    page.documents.load()
    assert _("Committee meetings held") in page.documents.figures_text()
    assert _("{n} activities, {people} participants").format(n=1, people=40) in page.documents.figures_text()


def test_delete_in_the_list_of_headings_removes_one_and_asks_when_it_has_text(qtbot, main_window, answers):
    page = main_window.show_page("meetings")
    page.tabs.setCurrentIndex(DOCUMENTS_TAB)
    tab = page.documents
    tab.set_choice(2026, "plan")
    tab.heading_list.setCurrentRow(3)
    tab.heading_list.setFocus()
    qtbot.waitUntil(tab.heading_list.hasFocus)
    qtbot.keyClick(tab.heading_list, Qt.Key_Delete)
    assert tab.heading_list.count() == 3
    type_text(tab.body, "有正文")
    tab.heading_list.setFocus()
    answers.replies.append(False)
    qtbot.keyClick(tab.heading_list, Qt.Key_Delete)
    assert tab.heading_list.count() == 3 and answers.shown


def test_the_minutes_plan_and_summary_print_from_the_page(qtbot, page, gui_context, answers, tmp_path):
    from tests.forms.conftest import PdfReadBack, squeeze
    from tests.gui.gui_helpers import save_from_preview

    meetings.save_meeting(meeting_input(), gui_context.unit_code, today=dt.date(2026, 11, 28))
    page.refresh()
    answers.files.append(tmp_path / "minutes.pdf")
    page.trigger(PRINT)
    save_from_preview()
    assert "研究三八节活动安排" in squeeze(PdfReadBack(tmp_path / "minutes.pdf").text)
    page.tabs.setCurrentIndex(DOCUMENTS_TAB)
    page.documents.set_choice(2026, "summary")
    answers.replies.append(True)  # save it before printing
    answers.files.append(tmp_path / "summary.pdf")
    page.trigger(PRINT)
    save_from_preview()
    text = squeeze(PdfReadBack(tmp_path / "summary.pdf").text)
    assert squeeze(_("{unit} Women's Federation work summary for {year}").format(unit="石门村", year=2026)) in text
    assert squeeze(_("The year's work in figures")) in text
    assert not [m for m in answers.shown if m[0] == "error"]


def test_a_county_sees_a_villages_meetings_read_only(qtbot, db_path, gui_settings, answers):
    from gui.context import AppContext
    from models import db as dbmod
    from models import units

    dbmod.open_database(db_path)
    try:
        units.set_own_unit("430121000000", "长沙县")
        units.upsert_unit("430121100201", "石门村", owner="430121100201")
        make_committee("430121100201")
        meetings.save_meeting(meeting_input("430121100201"), "430121100201", today=dt.date(2026, 11, 28))
        context = AppContext(db_path=db_path, unit_code="430121000000", unit_name="长沙县", settings=gui_settings)
        page = show_widget(qtbot, MeetingsPage(context), (1200, 720))
        assert page.state() == "empty" and page.unit_filter.isVisible()
        page.unit_filter.set_choice("430121100201")
        assert page.state() == "table" and page.meeting is not None
        assert not page.actions_by_name[EDIT].isEnabled() and not page.actions_by_name[DELETE].isEnabled()
        page.trigger(DELETE)
        assert meetings.Meeting.live().count() == 1
        assert page.model.headerData(page.model.columnCount() - 1, Qt.Horizontal) == _("Unit")
    finally:
        dbmod.close_database()


def test_a_saved_plan_is_deleted_to_the_recycle_bin_and_a_new_one_starts(qtbot, page, gui_context, answers):
    saved = yd.save_document(yd.new_document_input("石门村", 2026, "plan"), gui_context.unit_code)
    page.tabs.setCurrentIndex(DOCUMENTS_TAB)
    tab = page.documents
    tab.set_choice(2026, "plan")
    assert tab.delete_button.isEnabled()
    answers.replies.append(True)
    tab.delete_button.click()
    assert yd.document_of(gui_context.unit_code, 2026, "plan") is None
    assert yd.YearDocument.get_by_id(saved.uuid).deleted
    assert tab.state_label.text() == _("not written yet") and not tab.delete_button.isEnabled()
