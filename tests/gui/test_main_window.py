"""The main window: title, navigation, page switching, shortcuts, overview, forms, status bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.common.page import EXPORT, NEW, PRINT
from gui.main_window import PAGES, MainWindow, default_size
from gui.printing import actions as form_actions
from models import db as dbmod
from models.i18n import _, format_datetime
from models.people import PersonInput, save_person
from models.units import level_label

VILLAGE = "430121100201"


def click_nav(qtbot, window, key: str) -> None:
    row = [spec.key for spec in PAGES].index(key)
    rect = window.nav.visualItemRect(window.nav.item(row))
    qtbot.mouseClick(window.nav.viewport(), Qt.LeftButton, pos=rect.center())


def test_title_names_the_unit_and_its_level(main_window):
    assert main_window.windowTitle() == _("{unit} ({level}) — Fulian Ledger").format(
        unit="石门村", level=level_label(VILLAGE)
    )
    assert main_window.windowTitle().startswith("石门村")


def test_navigation_lists_every_page_in_order(main_window):
    labels = [main_window.nav.item(i).text() for i in range(main_window.nav.count())]
    assert labels == [
        _("Overview"),
        _("Members"),
        _("Members' duties"),
        _("Elections"),
        _("Women's Home"),
        _("Training"),
        _("Meetings and plans"),
        _("Awards"),
        _("Disputes and visits"),
        _("Care and help"),
        _('"Two cancers" screening'),
        _("Forms"),
        _("Reporting"),
        _("Settings"),
    ]
    assert all(not main_window.nav.item(i).icon().isNull() for i in range(main_window.nav.count()))


def test_the_overview_is_shown_first_and_other_pages_are_built_when_first_shown(main_window):
    assert main_window.current_key() == "overview"
    assert set(main_window.pages) == {"overview"}


def test_clicking_the_navigation_switches_pages(qtbot, main_window):
    click_nav(qtbot, main_window, "forms")
    assert main_window.current_key() == "forms"
    assert main_window.stack.currentWidget() is main_window.pages["forms"]
    click_nav(qtbot, main_window, "settings")
    assert main_window.stack.currentWidget() is main_window.pages["settings"]


@pytest.mark.parametrize(
    "number, key", [(3, "duties"), (4, "elections"), (8, "awards"), (9, "rights"), (0, "care"), (1, "overview")]
)
def test_ctrl_number_switches_pages(qtbot, main_window, number, key):
    main_window.activateWindow()
    qtbot.keyClick(main_window, getattr(Qt, f"Key_{number}"), Qt.ControlModifier)
    assert main_window.current_key() == key
    assert main_window.stack.currentWidget() is main_window.pages[key]


def test_every_page_is_built_none_is_a_placeholder(main_window):
    from gui.submissions.page import SubmissionsPage

    page = main_window.show_page("submissions")
    assert isinstance(page, SubmissionsPage)
    assert page.export_button.isVisible()


def test_shortcuts_reach_only_pages_that_support_them(qtbot, main_window):
    main_window.show_page("submissions")
    assert not main_window.page_actions[NEW].isEnabled()
    main_window.show_page("forms")
    assert main_window.page_actions[PRINT].isEnabled() and main_window.page_actions[EXPORT].isEnabled()
    assert not main_window.page_actions[NEW].isEnabled()


def test_status_bar_shows_database_and_last_backup(main_window, gui_context):
    if gui_context.on_server:  # the server, and the clerk whose name goes with the changes
        from models import clerk

        assert main_window.db_label.text() == _("Server: {url}").format(url=gui_context.db_path)
        assert main_window.clerk_label.text() == _("Clerk: {name}").format(name=clerk.current())
        return  # a server's backups: tests/gui/test_server_settings.py
    assert not main_window.clerk_label.isVisible()
    assert main_window.db_label.text() == _("Database: {path}").format(path=gui_context.db_path)
    assert main_window.backup_label.text() == _("Last backup: {when}").format(when=_("never"))
    dbmod.backup_to(gui_context.db_path.parent / "copy.sqlite3")
    main_window.refresh_status()
    assert main_window.backup_label.text() == _("Last backup: {when}").format(
        when=format_datetime(dbmod.last_backup_at())
    )


def test_window_geometry_is_kept_between_runs(qtbot, gui_context, answers):
    first = MainWindow(gui_context)
    qtbot.addWidget(first)
    first.show()
    first.resize(640, 480)  # within the offscreen screen (800×600): restoring clamps to the screen
    first.close()
    second = MainWindow(gui_context)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (640, 480)


def test_a_new_window_opens_at_a_comfortable_size_that_fits_the_screen(main_window):
    from PySide6.QtCore import QSize

    assert default_size(QSize(1920, 1040)) == (1200, 760)
    assert default_size(QSize(1366, 728)) == (1200, 669)
    available = main_window.screen().availableGeometry().size()
    assert (main_window.width(), main_window.height()) == default_size(available)


# --- overview ------------------------------------------------------------------------------


def test_overview_of_an_empty_unit_offers_the_next_step(main_window):
    page = main_window.pages["overview"]
    assert page.empty.isVisible()
    assert page.members.value.text() == "0"
    assert page.add_button.text() == _("Add a member (Ctrl+N)")


def test_overview_counts_a_person_added(main_window, gui_context):
    save_person(PersonInput(name="张晓红", post="chair"), gui_context.unit_code)
    save_person(PersonInput(name="李秀英", post="backbone"), gui_context.unit_code)
    save_person(PersonInput(name="王芳", post="backbone"), gui_context.unit_code)
    main_window.show_page("settings")
    page = main_window.show_page("overview")  # counts are read again when the page is shown
    assert page.members.value.text() == "1"
    assert page.backbones.value.text() == "2"
    assert not page.empty.isVisible()
    assert page.activities.value.text() == "0"


def test_overview_counts_this_years_activities_trainings_and_attendance(main_window, gui_context):
    import datetime as dt

    from models import homes, training

    today = dt.date.today()
    homes.save_activity(
        homes.ActivityInput(date=today, title="“三八”妇女节文艺汇演", category="8", women=40), gui_context.unit_code
    )
    course = training.save_training(
        training.TrainingInput(name="巧手编织技能培训", start_date=today, end_date=today), gui_context.unit_code
    )
    trainee = training.add_trainee(course, training.TraineeInput(name="王芳"))
    for session in course.sessions():
        training.mark(session, trainee, "present")
    main_window.show_page("settings")
    page = main_window.show_page("overview")
    assert page.activities.value.text() == "1"
    assert page.trainings.value.text() == "1"
    assert page.attendance.value.text() == "2"  # one woman at two half-day sessions


def test_overview_warns_when_never_backed_up(main_window, gui_context):
    page = main_window.pages["overview"]
    assert page.backup_label.text().startswith(
        _("This database has never been backed up. Back it up now, and keep a copy on a USB stick.")
    )
    dbmod.backup_to(gui_context.db_path.parent / "copy.sqlite3")
    page.refresh()
    assert page.backup_label.text() == _("Last backup: {when}.").format(when=format_datetime(dbmod.last_backup_at()))


def test_overview_add_member_goes_to_the_people_page(qtbot, main_window):
    page = main_window.pages["overview"]
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    assert main_window.current_key() == "people"
    people_page = main_window.pages["people"]
    assert people_page.dialog is not None  # the new-person dialog opened
    people_page.dialog.reject()


# --- reports --------------------------------------------------------------------------------


def test_a_village_forms_page_lists_its_forms_and_none_that_gather_packages(main_window):
    from forms.registry import FORMS

    page = main_window.show_page("forms")
    titles = [page.list.item(i).text() for i in range(page.list.count())]
    assert titles == [_(spec.title) for spec in FORMS.values() if not spec.gathers]
    for county_only in ("summary", "progress", "receipt"):  # 报送汇总表, 报送进度, 数据包报送回执
        assert _(FORMS[county_only].title) not in titles


def test_forms_page_saves_a_pdf_with_a_sensible_default_name(
    qtbot, main_window, gui_context, answers, tmp_path, monkeypatch
):
    from forms.registry import FORMS

    save_person(PersonInput(name="张晓红", post="chair"), gui_context.unit_code)
    opened = []
    monkeypatch.setattr(form_actions, "open_file", opened.append)
    out = tmp_path / "out" / "roster"  # no suffix typed: .pdf is added
    out.parent.mkdir()
    answers.files.append(str(out))
    answers.replies.append(True)  # "open it now?"
    page = main_window.show_page("forms")
    page.list.setCurrentRow(list(FORMS).index("roster"))
    qtbot.mouseClick(page.pdf_button, Qt.LeftButton)

    written = out.with_name("roster.pdf")
    assert written.read_bytes().startswith(b"%PDF")
    assert opened == [written]
    kind, _caption, default, file_filter = answers.file_requests[0]
    assert kind == "save" and file_filter.endswith("(*.pdf)")
    assert default.endswith(form_actions.default_file_name(_(FORMS["roster"].title), "石门村", "pdf"))
    # The next save starts in the folder chosen this time.
    assert form_actions.export_dir(gui_context) == out.parent


def test_default_form_file_name():
    import datetime as dt

    assert (
        form_actions.default_file_name("执委会成员名册", "石门村", "pdf", dt.date(2026, 11, 28))
        == "执委会成员名册_石门村_20261128.pdf"
    )
    assert form_actions.default_file_name("A/B", "C:D", "xlsx", dt.date(2026, 1, 2)) == "A_B_C_D_20260102.xlsx"


def test_cancelling_the_file_dialog_writes_nothing(main_window, gui_context, answers):
    answers.files.append(None)
    assert form_actions.save_form(main_window, gui_context, "roster", "pdf") is None
    assert answers.shown == []


def test_overview_back_up_now_opens_the_backup_dialog_on_the_settings_page(qtbot, main_window, answers, tmp_path):
    target = tmp_path / "usb.sqlite3"
    answers.files.append(str(target))
    qtbot.mouseClick(main_window.pages["overview"].backup_button, Qt.LeftButton)
    assert main_window.current_key() == "settings"
    assert dbmod.integrity_problems(target) == []
    # The status bar learned of the backup at once.
    assert main_window.backup_label.text() == _("Last backup: {when}").format(
        when=format_datetime(dbmod.last_backup_at())
    )


def test_a_restore_refreshes_every_page_and_the_status_bar(main_window, gui_context, answers, tmp_path):
    save_person(PersonInput(name="张晓红", post="chair"), gui_context.unit_code)
    backup = dbmod.backup_to(tmp_path / "with-one.sqlite3")
    save_person(PersonInput(name="李秀英", post="executive"), gui_context.unit_code)
    overview = main_window.pages["overview"]
    overview.refresh()
    assert overview.members.value.text() == "2"

    settings_page = main_window.show_page("settings")
    answers.files.append(str(backup))
    answers.replies.extend([True, True])
    assert settings_page.restore()
    assert overview.members.value.text() == "1"  # refreshed without being shown again
    assert main_window.windowTitle().startswith("石门村")


def test_larger_text_reaches_headings_navigation_and_styled_widgets(
    qtbot, qapp, gui_settings, main_window, restore_app_font
):
    from gui.app import configure_application
    from gui.resources import LARGE_POINT_SIZE, NORMAL_POINT_SIZE

    configure_application(qapp, gui_settings)
    overview = main_window.pages["overview"]
    heading_before = overview.heading.font().pointSizeF()
    settings_page = main_window.show_page("settings")
    settings_page.large_font.setChecked(True)
    qtbot.waitUntil(lambda: main_window.nav.font().pointSizeF() == pytest.approx(LARGE_POINT_SIZE), timeout=2000)
    assert overview.heading.font().pointSizeF() == pytest.approx(heading_before * LARGE_POINT_SIZE / NORMAL_POINT_SIZE)
    assert overview.location.font().pointSizeF() == pytest.approx(LARGE_POINT_SIZE)  # has a style sheet
    assert overview.members.caption.font().pointSizeF() == pytest.approx(LARGE_POINT_SIZE)  # inside a styled card


def test_characters_no_font_can_draw_are_named_to_the_user(main_window, gui_context, answers, tmp_path, monkeypatch):
    # U+30041: CJK Extension G, in no shipped font
    save_person(PersonInput(name="张\U00030041红", post="chair"), gui_context.unit_code)
    monkeypatch.setattr(form_actions, "open_file", lambda path: None)
    answers.files.append(str(tmp_path / "roster.pdf"))
    written = form_actions.save_form(main_window, gui_context, "roster", "pdf")
    assert written == tmp_path / "roster.pdf" and written.is_file()
    warnings = [text for kind, _title, text in answers.shown if kind == "warning"]
    assert len(warnings) == 1 and "\U00030041" in warnings[0]
