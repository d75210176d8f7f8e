"""The overview page shows the core's figures: terms ending, attendance by the attended rule."""

import datetime as dt

from gui.overview.page import OverviewPage
from models import training
from models.elections.records import Election
from models.i18n import _, format_date


def test_terms_ending_soon_and_ended_are_listed_with_the_unit_name(qtbot, gui_context):
    today = dt.date.today()
    Election.create(
        unit=gui_context.unit_code, status="elected", term_start=today.replace(year=today.year - 5), term_end=today
    )
    page = OverviewPage(gui_context)
    qtbot.addWidget(page)
    page.show()
    assert page.terms.isVisible()
    assert page.terms_list.text() == _("{unit}: the term ends on {date}.").format(
        unit=gui_context.unit_name, date=format_date(today)
    )


def test_attendance_leaves_out_attendees_taken_off_the_list(qtbot, gui_context):
    today = dt.date.today()
    course = training.save_training(
        training.TrainingInput(name="巧手编织技能培训", start_date=today, end_date=today), gui_context.unit_code
    )
    stays = training.add_trainee(course, training.TraineeInput(name="王芳"))
    leaves = training.add_trainee(course, training.TraineeInput(name="李娟"))
    for session in course.sessions():
        training.mark(session, stays, "present")
        training.mark(session, leaves, "late")
    page = OverviewPage(gui_context)
    qtbot.addWidget(page)
    assert page.attendance.value.text() == "4"
    training.remove_trainees(course, [leaves.uuid])
    page.refresh()
    assert page.attendance.value.text() == "2"
    assert page.trainings.value.text() == "1"


def test_the_count_of_activities_without_photos_opens_them(qtbot, main_window):
    from PySide6.QtCore import Qt

    from gui.homes.page import LEDGER_TAB
    from models.homes import ActivityInput, save_activity

    today = dt.date.today()
    for title, day in (("家风讲座", today), ("插花培训", today), ("去年的活动", today.replace(year=today.year - 1))):
        save_activity(
            ActivityInput(date=day, title=title, category="2", women=10, summary="讲座"), main_window.context.unit_code
        )
    overview = main_window.show_page("overview")
    overview.refresh()  # as when the cadre comes back to it
    link = overview.activity_summary.missing_label
    assert link.isVisible() and "2" in link.text()
    qtbot.mouseClick(link, Qt.LeftButton)

    homes = main_window.current_page()
    assert main_window.current_key() == "homes"
    assert homes.tabs.currentIndex() == LEDGER_TAB
    ledger = homes.ledger
    titles = {ledger.model.activity_at(row).title for row in range(ledger.model.rowCount())}
    assert titles == {"家风讲座", "插花培训"}  # this year's, as counted; not last year's
    assert ledger.no_photo_box.isChecked()
    ledger.no_photo_box.setChecked(False)  # the user sees the filter and can take it off
    ledger.set_filters()
    assert ledger.model.rowCount() == 3


def test_card_captions_keep_their_last_character_on_a_narrow_window(qtbot, gui_context, restore_app_font):
    """On a 1024 screen at the larger font, 本年度参训人次 and 人次（按半天计） do not leave 次 or 计） alone."""
    from PySide6.QtWidgets import QApplication

    from gui import app as guiapp
    from gui.settings import store as opts

    gui_context.settings.set(opts.LARGE_FONT, True)
    guiapp.configure_application(QApplication.instance(), gui_context.settings)  # fonts as the program sets them
    page = OverviewPage(gui_context)
    qtbot.addWidget(page)
    page.resize(790, 700)  # a 1024 window less the navigation
    page.show()
    qtbot.waitExposed(page)
    card = page.attendance
    for label in (card.caption, card.note):
        needed = label.fontMetrics().horizontalAdvance(label.text())
        assert label.width() >= needed, label.text()
