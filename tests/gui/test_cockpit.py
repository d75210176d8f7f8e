"""The overview of a county is a cockpit over the units below; each figure opens its units."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gui.context import AppContext
from gui.overview.page import OverviewPage
from gui.overview.unit_list import UnitListDialog
from models import cockpit, submissions
from models import db as dbmod
from models.i18n import _
from tests.models.exchange_helpers import COUNTY, COUNTY_NAME, copy_db, make_installation, use


@pytest.fixture(scope="module")
def county_file(tmp_path_factory):
    return make_installation(tmp_path_factory.mktemp("cockpit_gui") / "county.sqlite3", COUNTY, COUNTY_NAME, 6, 8)


@pytest.fixture
def county_context(county_file, tmp_path, gui_settings):
    path = copy_db(county_file, tmp_path / "county.sqlite3")
    use(path)
    yield AppContext(db_path=path, unit_code=COUNTY, unit_name=COUNTY_NAME, settings=gui_settings)
    dbmod.close_database()


def counted(qtbot, page: OverviewPage) -> OverviewPage:
    """The page once the figures counted in the background are on it."""
    qtbot.waitUntil(
        lambda: page.cockpit is not None and page.cockpit.figures is not None and page.cockpit.counting.isHidden(),
        timeout=20_000,
    )
    return page


def shown_cockpit(qtbot, context) -> OverviewPage:
    page = OverviewPage(context)
    qtbot.addWidget(page)
    page.show()
    return counted(qtbot, page)


def opened(qtbot, page: OverviewPage, figure) -> UnitListDialog:
    found: list[UnitListDialog] = []
    page.cockpit.list_opened.connect(found.append)
    qtbot.mouseClick(figure, Qt.LeftButton)
    assert found  # a child of the page, deleted when closed
    return found[-1]


def test_a_county_sees_the_cockpit_not_its_own_zeros(qtbot, county_context):
    page = OverviewPage(county_context)
    qtbot.addWidget(page)
    page.show()
    assert page.cockpit is None or not page.cockpit.counting.isHidden()  # the window does not wait for it
    counted(qtbot, page)
    assert page.cockpit is not None and page.cockpit.isVisible()
    # None of the village's own cards (their zeros) is on the page.
    shown = {label.text() for label in page.findChildren(QLabel) if label.isVisible()}
    assert _("Activities this year") not in shown and _("Committee members") not in shown
    today = dt.date.today()
    counts = submissions.progress_counts(submissions.progress(COUNTY, submissions.period_for(today=today), today))
    assert page.cockpit.not_reported.value == counts.not_reported
    assert page.cockpit.overdue.value == counts.overdue
    assert page.cockpit.reported.value == counts.reported == 0
    summary = submissions.election_summary(COUNTY, today.year, today)
    assert page.cockpit.completed.value == summary.total.done


def test_a_village_keeps_its_own_overview(qtbot, gui_context):
    page = OverviewPage(gui_context)
    qtbot.addWidget(page)
    page.show()
    assert page.cockpit is None
    assert page.activities.isVisible()


def test_a_figure_opens_its_units_and_saves_them_for_excel(qtbot, county_context, answers, tmp_path):
    page = shown_cockpit(qtbot, county_context)
    dialog = opened(qtbot, page, page.cockpit.not_reported)
    expected = [u.code for u in submissions.expected_units(COUNTY)]
    shown = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert shown == expected[: len(shown)] and len(shown) == page.cockpit.not_reported.value
    answers.files.append(tmp_path / "未报送")
    dialog.save_button.click()
    sheet = openpyxl.load_workbook(tmp_path / "未报送.xlsx").active
    assert sheet["A1"].value == _(submissions.STATUSES[submissions.NOT_REPORTED])
    assert sheet.max_row == 2 + len(shown)


def test_the_list_leads_to_the_page_that_shows_it(qtbot, county_context, answers):
    from gui.main_window import MainWindow

    window = MainWindow(county_context)
    qtbot.addWidget(window)
    window.show()
    page = counted(qtbot, window.show_page("overview"))
    dialog = opened(qtbot, page, page.cockpit.quiet)
    assert dialog.page_button is not None
    dialog.page_button.click()
    assert window.current_key() == "homes"


def test_the_oldest_villages_are_named(qtbot, county_context):
    page = shown_cockpit(qtbot, county_context)
    figures = cockpit.cockpit(COUNTY, dt.date.today())
    for last in figures.oldest:
        assert last.unit_name in page.cockpit.oldest_list.text()


def test_a_list_is_printed_through_the_print_preview(qtbot, county_context):
    import pypdf

    from gui.printing.preview import PreviewWindow

    page = shown_cockpit(qtbot, county_context)
    dialog = opened(qtbot, page, page.cockpit.not_reported)
    assert dialog.print_button.isEnabled()
    window = dialog.print_list()
    assert isinstance(window, PreviewWindow) and window.isVisible()
    assert window.title == dialog.unit_list.title == _(submissions.STATUSES[submissions.NOT_REPORTED])
    assert not window.xlsx_action.isVisible()  # not a form of the registry: no Excel twin
    pdf = window.pdf_path
    assert window.page_count() == len(pypdf.PdfReader(str(pdf)).pages) >= 1
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    assert COUNTY_NAME in text
    for row in range(dialog.table.rowCount()):
        assert dialog.table.item(row, 1).text() in text
    folder = window.folder
    assert folder is not None and folder.is_dir()
    dialog.accept()  # closing the list closes its preview and removes the temporary files
    assert not folder.exists()


def test_the_print_button_opens_the_preview(qtbot, county_context):
    from gui.printing.preview import PreviewWindow

    page = shown_cockpit(qtbot, county_context)
    empty = opened(qtbot, page, page.cockpit.reported)  # nothing reported yet: nothing to print
    assert page.cockpit.reported.value == 0 and not empty.print_button.isEnabled()
    empty.accept()
    dialog = opened(qtbot, page, page.cockpit.not_reported)
    qtbot.mouseClick(dialog.print_button, Qt.LeftButton)
    shown = [w for w in dialog.previews if isinstance(w, PreviewWindow)]
    assert len(shown) == 1 and shown[0].page_count() >= 1
    folder = shown[0].folder
    shown[0].close()
    assert folder is not None and not folder.exists()


def test_the_committee_figures_and_their_lists(qtbot, county_context):
    page = shown_cockpit(qtbot, county_context)
    work = cockpit.cockpit(COUNTY, dt.date.today()).committee
    view = page.cockpit
    assert view.contacts.value == work.total.contacts
    assert view.silent.value == work.total.members_without_contact
    assert view.nominations.value == work.total.nominations
    needs = f"{work.total.needs_answered} / {work.total.needs}"
    assert view.needs.text().startswith(needs) and view.committee.isVisible()
    dialog = opened(qtbot, page, view.needs)
    assert dialog.table.rowCount() == len(work.rows) == len(submissions.expected_units(COUNTY))
    assert dialog.table.horizontalHeaderItem(2).text() == _("Answered / found")
    dialog.accept()
    dialog = opened(qtbot, page, view.contacts)
    assert dialog.unit_list.title == _("Contacts with women this year")
    # The committee's pages come with their own features: no button leads to a page this window lacks.
    from gui.main_window import PAGES

    assert (dialog.page_button is None) == ("duties" not in {spec.key for spec in PAGES})


def test_the_villages_without_this_months_dispute_report(qtbot, county_context):
    from models.disputes import DisputeReport

    today = dt.date.today()
    expected = submissions.expected_units(COUNTY)
    DisputeReport.create(unit=expected[0].code, month=f"{today:%Y-%m}", none_this_month=True, reported_on=today)
    page = shown_cockpit(qtbot, county_context)
    view = page.cockpit
    assert view.disputes.isVisible()
    assert view.disputes_missing.value == len(expected) - 1
    assert (view.disputes_reported.value, view.disputes_none.value) == (1, 1)
    page.resize(1300, 1500)
    page.grab().save("/tmp/care-upward-cockpit.png")
    dialog = opened(qtbot, page, view.disputes_missing)
    assert dialog.unit_list.title == _("Villages without this month's dispute report")
    names = {dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())}
    assert names == {u.name for u in expected[1:]}
    dialog.grab().save("/tmp/care-upward-cockpit-list.png")
    dialog.accept()
