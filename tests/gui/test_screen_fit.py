"""Every page and every dialog fits a small laptop screen, at the normal and at the larger font.

What is asserted, on a pretended free screen area (``gui.common.fit.available_override``;
offscreen windows have no frame, so a window's size is compared with the area less
``FRAME_ALLOWANCE``, the title bar and borders a real window manager adds):

* 1366×728 (a 1366×768 screen less a 40 px taskbar), both fonts, a demo village and a
  demo county: the main window on every page and every dialog (opened with realistic
  content) is no larger than the area; every visible button outside a scrolled view
  lies inside its window (Save/Cancel are reachable); every visible word-wrapped label
  is at least as tall as its text needs at its width (``heightForWidth``); no action of
  the training page's toolbar is pushed into the '»' overflow.
* 1024×728, both fonts, every page of the main window: the window's minimum size fits, so
  nothing is clipped by the screen; word-wrapped labels get their height; a visible one-line
  label outside a scrolled view is never narrower than its text (not cut mid-character).
  Table columns may scroll. Every dialog fits this screen too, as at 1366.
* Tables of a few rows (the import preview) show them all: no row is taller than four lines,
  as rows sized before the table had its width were.
"""

from __future__ import annotations

import shutil
import time

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QTableView,
    QToolBar,
    QWidget,
)

from gui import app as guiapp
from gui.common import fit
from gui.context import AppContext
from gui.settings import store as opts
from gui.settings.store import Settings
from models import db as dbmod
from models import exchange
from models.i18n import _
from tests.models.exchange_helpers import COUNTY, COUNTY_NAME, VILLAGE, VILLAGE2, VILLAGE_NAME, make_installation, use

PAGE_KEYS = (
    "overview",
    "people",
    "duties",
    "elections",
    "homes",
    "training",
    "meetings",
    "awards",
    "rights",
    "care",
    "screening",
    "forms",
    "submissions",
    "settings",
)
LAPTOP = QRect(0, 0, 1366, 728)
SMALL = QRect(0, 0, 1024, 728)
VILLAGE3, VILLAGE3_NAME = "430121100203", "新村"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A demo village, a demo county and four packages for it, one of them refused."""
    base = tmp_path_factory.mktemp("fit_world")
    packages = []
    for code, name, seed in ((VILLAGE, VILLAGE_NAME, 1), (VILLAGE2, "桃花村", 2), (VILLAGE3, VILLAGE3_NAME, 4)):
        path = make_installation(base / f"{code}.sqlite3", code, name, seed=seed)
        use(path)
        packages.append(exchange.export_package(base / f"{code}.fulian").path)
        dbmod.close_database()
    refused = base / "坏文件.fulian"
    refused.write_text("this is not a package", encoding="utf-8")
    packages.insert(1, refused)
    county = make_installation(base / "county.sqlite3", COUNTY, COUNTY_NAME, seed=3)
    yield {"village": base / f"{VILLAGE}.sqlite3", "county": county, "packages": packages}
    dbmod.close_database()


@pytest.fixture
def screen_area():
    yield lambda rect: setattr(fit, "available_override", rect)
    fit.available_override = None


@pytest.fixture
def font_size(qapp, restore_app_font, gui_settings):
    """Style, fonts and the font size as the program sets them at start (the test's default font is not)."""

    def apply(large: bool) -> None:
        gui_settings.set(opts.LARGE_FONT, large)
        guiapp.configure_application(QApplication.instance(), gui_settings)

    return apply


def open_copy(world, which: str, tmp_path, settings: Settings) -> AppContext:
    path = tmp_path / f"{which}.sqlite3"
    dbmod.close_database()
    shutil.copyfile(world[which], path)
    use(path)
    code, name = (VILLAGE, VILLAGE_NAME) if which == "village" else (COUNTY, COUNTY_NAME)
    return AppContext(db_path=path, unit_code=code, unit_name=name, settings=settings)


def settle() -> None:
    for _i in range(3):
        QApplication.processEvents()


def inside_scrolled_view(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea) or parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def problems_of(window: QWidget, area: QRect, name: str, buttons: bool = True, one_line: bool = False) -> list[str]:
    """What does not fit in ``window`` (a top-level) on a screen of ``area``."""
    found = []
    limit = fit.largest_size()
    if window.width() > limit.width() or window.height() > limit.height():
        found.append(f"{name}: {window.width()}×{window.height()} is larger than {limit.width()}×{limit.height()}")
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text():
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if label.height() + 1 < needed:
                found.append(f"{name}: wrapped label {label.text()[:30]!r} is {label.height()} px tall, needs {needed}")
        elif one_line and label.pixmap().isNull() and not inside_scrolled_view(label, window):
            needed = label.minimumSizeHint().width()
            if label.width() + 1 < needed:
                found.append(f"{name}: label {label.text()[:30]!r} is {label.width()} px wide, needs {needed}")
    if buttons:
        frame = window.rect()
        for button in window.findChildren(QAbstractButton):
            if not button.isVisibleTo(window) or inside_scrolled_view(button, window):
                continue
            rect = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
            if not frame.contains(rect):
                found.append(f"{name}: button {button.text()!r} at {rect.getRect()} is outside {frame.getRect()}")
    return found


def rows_hidden(window: QWidget, name: str) -> list[str]:
    """A table of a few rows shows them all: no row is sized for a narrower table than it has."""
    found = []
    for table in window.findChildren(QTableView):
        model = table.model()
        if not table.isVisibleTo(window) or model is None or not 0 < model.rowCount() <= 6:
            continue
        lines = table.fontMetrics().lineSpacing()
        for row in range(model.rowCount()):
            if table.rowHeight(row) > 4 * lines:
                found.append(f"{name}: row {row} of a table is {table.rowHeight(row)} px tall")
    return found


def check_main_window(qtbot, context: AppContext, area: QRect, label: str) -> list[str]:
    from gui.main_window import MainWindow

    context.settings.set(opts.WINDOW_GEOMETRY, b"")  # a new window's size on this screen, not the last one's
    window = MainWindow(context)
    qtbot.addWidget(window)
    limit = fit.largest_size()
    window.show()  # at the size a new window opens with on this screen
    qtbot.waitExposed(window)
    found = []
    minimum = window.minimumSizeHint()
    if minimum.width() > limit.width() or minimum.height() > limit.height():
        found.append(f"{label}: the main window needs at least {minimum.width()}×{minimum.height()}")
    size = window.size()
    for key in PAGE_KEYS:
        window.resize(size)
        page = window.show_page(key)
        settle()
        found += problems_of(window, area, f"{label} page {key}", one_line=area.width() < 1366)
        if key == "meetings":  # its second tab, the plan and summary with the year's figures
            page.tabs.setCurrentIndex(1)
            settle()
            found += problems_of(window, area, f"{label} page {key} (plan)", one_line=area.width() < 1366)
            page.tabs.setCurrentIndex(0)
        if key == "training" and area.width() >= 1366:
            for bar in page.findChildren(QToolBar):
                for action in bar.actions():
                    if action.isSeparator() or not action.isVisible():
                        continue
                    widget = bar.widgetForAction(action)
                    if widget is None or not widget.isVisible():
                        found.append(
                            f"{label}: the training toolbar's {action.text()!r} is in the overflow "
                            f"(toolbar {bar.width()} wide, needs {bar.sizeHint().width()}; window {window.width()})"
                        )
    window.close()
    return found


def village_dialogs(context: AppContext, samples):
    """(name, dialog, what to do before looking) for every dialog a village opens."""
    from gui.common.password import PasswordDialog
    from gui.common.recovery import RecoveryCodeDialog, RecoveryResetDialog
    from gui.common.recycle_bin import RecycleBinDialog
    from gui.elections.election_dialog import ElectionDialog
    from gui.homes.activity_dialog import ActivityDialog
    from gui.homes.home_dialog import HomeDialog
    from gui.homes.photo_viewer import PhotoViewer
    from gui.people.person_dialog import PersonDialog
    from gui.people.roster_import import RosterImportDialog
    from gui.settings.first_run import FirstRunDialog
    from gui.settings.password_dialog import PasswordChangeDialog
    from gui.submissions.export_dialog import ExportDialog
    from gui.training.tick_off import TickOffDialog
    from gui.training.trainee_picker import TraineeImportDialog, TraineePicker, TypeInDialog
    from gui.training.trainee_table import LeaveReasonDialog
    from gui.training.training_dialog import TrainingDialog
    from models.elections.records import Election
    from models.homes import Activity, Home
    from models.people import Person
    from models.photos import Photo
    from models.training import Training

    training = Training.live().first()
    roster = RosterImportDialog(context)
    yield "roster import (instructions)", roster, None
    roster = RosterImportDialog(context)
    yield "roster import (messy roster)", roster, lambda: roster.load(samples / "roster_messy.xlsx")
    yield "new person", PersonDialog(context), None
    yield "person", PersonDialog(context, Person.live().first()), None
    yield "new election", ElectionDialog(context), None
    yield "election", ElectionDialog(context, Election.live().first()), None
    from gui.elections.representatives_dialog import PeoplePicker, RepresentativesDialog

    yield "women's representatives", RepresentativesDialog(context, Election.live().first()), None
    yield "import representatives from people", PeoplePicker(context.unit_code, set()), None
    yield "home", HomeDialog(context, Home.live().first()), None
    yield "new activity", ActivityDialog(context), None
    yield "activity", ActivityDialog(context, Activity.live().first()), None
    digests = [p.sha256 for p in Photo.select(Photo.sha256).limit(3)]
    if digests:
        yield "photo viewer", PhotoViewer(digests), None
    yield "new training", TrainingDialog(context), None
    yield "training", TrainingDialog(context, training), None
    yield "sign-in on the day", TickOffDialog(context, training), None
    yield "add attendees", TraineePicker(context, training), None
    yield "type in an attendee", TypeInDialog(context, training), None
    yield "import attendees", TraineeImportDialog(context, training), None
    yield "leave reason", LeaveReasonDialog("张秀英", "11月5日上午"), None
    yield "export package", ExportDialog(context), None
    from gui.meetings.meeting_dialog import MeetingDialog
    from models import meetings

    yield "new meeting", MeetingDialog(context), None
    held = meetings.new_meeting_input(context.unit_code)
    held.topics, held.decisions = "研究三八节活动安排", "三月八日举办文艺汇演"
    held.attendees[-1].present, held.attendees[-1].absence_reason = False, "外出务工"
    yield "meeting", MeetingDialog(context, meetings.save_meeting(held, context.unit_code)), None
    from gui.awards.award_dialog import AwardDialog
    from gui.awards.nomination_dialog import NominationDialog
    from models import awards

    yield "new nomination", NominationDialog(context), None
    person = Person.live().where(Person.unit == context.unit_code).first()
    full = awards.NominationInput(
        year=2026,
        award="red_banner",
        level="county",
        nominee_kind="person",
        person=person.uuid,
        summary="热心公益，带动妇女增收致富。" * 21,
        story="长期扎根农村，组织妇女发展特色产业。" * 66,
        outcome="awarded",
        outcome_note="已报县妇联",
    )
    yield "nomination", NominationDialog(context, awards.save_nomination(full, context.unit_code)), None
    yield "new honour", AwardDialog(context), None
    yield "recycle bin", RecycleBinDialog(context), None
    yield "password", PasswordDialog(_("Type the password to open the ledger.")), None
    yield "recovery code", RecoveryCodeDialog("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"), None
    yield "recovery reset", RecoveryResetDialog(), None
    yield "first run", FirstRunDialog(context.db_path.parent / "new.sqlite3"), None
    yield "change password", PasswordChangeDialog(), None
    from gui.common.rare_char_finder import RareCharFinder

    finder = RareCharFinder()
    yield "rare character finder (200 candidates)", finder, lambda: finder.search.setText("shi")
    # The print preview sizes itself from the screen Qt reports (here the test's own), not from the
    # pretended area: checked for its buttons and labels, its size follows the real screen.
    from forms.registry import FormOptions, build_form
    from gui.printing.preview import PreviewWindow

    pdf = context.db_path.parent / "roster.pdf"
    build_form("roster", pdf, FormOptions(unit_code=context.unit_code))
    yield "print preview (roster)", PreviewWindow(context, "roster", pdf), None
    yield from duties_dialogs(context)
    yield from care_dialogs(context)
    yield from screening_dialogs(context)
    yield from rights_dialogs(context)
    from gui.common.sensitive import SensitiveCover

    yield "sensitive registers' cover", SensitiveCover(), None


def care_dialogs(context: AppContext):
    """The dialogs of the 关爱帮扶 page: a person helped, an act of help, a contact with parents."""
    from gui.care.act_dialog import ActDialog, ParentContactDialog
    from gui.care.target_dialog import TargetDialog
    from models.care import TargetInput, save_target

    child = save_target(
        TargetInput(category="left_behind_child", name="李小军", birth_month="2015.06"), context.unit_code
    )
    yield "new person helped", TargetDialog(context), None
    yield "edit person helped", TargetDialog(context, child), None
    yield "new act of help", ActDialog(context, child), None
    yield "new contact with parents", ParentContactDialog(context, child), None


def duties_dialogs(context: AppContext):
    """The dialogs of the 执委履职 page: each record's form, and the households import with a bad row."""
    from gui.duties.contact_dialog import ContactDialog
    from gui.duties.household_dialog import HouseholdDialog
    from gui.duties.household_import import HouseholdImportDialog
    from gui.duties.need_dialog import NeedDialog, ProjectDialog
    from tests.models.test_household_import import GOOD, workbook

    yield "new household", HouseholdDialog(context), None
    yield "new contact", ContactDialog(context), None
    yield "new need", NeedDialog(context), None
    yield "new project", ProjectDialog(context), None
    households = HouseholdImportDialog(context)
    yield "households import (instructions)", households, None
    households = HouseholdImportDialog(context)
    path = workbook(context.db_path.parent / "households.xlsx", GOOD + [[4, "", "", 60, "三组", "", "123", "赵不在"]])
    yield "households import (a bad row)", households, lambda: households.load(path)


def screening_dialogs(context: AppContext):
    """The dialogs of the 两癌检查 page: a round, a woman, a date for the selected, the import with a bad row."""
    import datetime as dt

    from gui.screening.dialogs import EXAMINED, MarkDialog, RoundDialog, WomanDialog
    from gui.screening.import_dialog import ScreeningImportDialog
    from models import screening as sc
    from tests.models.test_screening_import import GOOD
    from tests.models.test_screening_import import workbook as women_workbook

    screening_round = sc.save_round(
        sc.RoundInput(year=2026, quota=60, starts_on=dt.date(2026, 4, 1)), context.unit_code
    )
    yield "new screening round", RoundDialog(context), None
    yield "woman of a round", WomanDialog(context, screening_round), None
    mark = MarkDialog(context, EXAMINED, ["x"])
    yield (
        "examination date (refused)",
        mark,
        lambda: mark.show_error(_("The round starts on {date}: no one is examined before.").format(date="2026-04-01")),
    )
    women = ScreeningImportDialog(context, screening_round)
    path = women_workbook(
        context.db_path.parent / "women.xlsx", GOOD + [[4, "", "2001.01", "", "三组", "也许", "", "123", ""]]
    )
    yield "screening import (a bad row)", women, lambda: women.load(path)


def rights_dialogs(context: AppContext):
    """The dialogs of the 纠纷与信访 page: a dispute case with its steps, a letter or visit."""
    import datetime as _dt

    from gui.rights.case_dialog import CaseDialog
    from gui.rights.petition_dialog import PetitionDialog
    from models.disputes import CaseInput, StepInput, save_case

    today = _dt.date.today()
    steps = [StepInput(today, "visit", "入户了解情况"), StepInput(today, "mediation", "会同村调委会调解")]
    data = CaseInput(found_on=today, parties="某户夫妻双方", responsible="张秀英", steps=steps)
    case = save_case(data, context.unit_code)
    yield "dispute case with steps", CaseDialog(context, case), None
    yield "new letter or visit", PetitionDialog(context), None


def county_dialogs(context: AppContext, world, samples):
    from gui.submissions.package_import import PackageImportDialog
    from gui.submissions.page import ReasonDialog, SubmissionsPage, UnitDetailDialog, UnitListImportDialog
    from models import submissions

    packages = PackageImportDialog(context)
    packages.load([str(p) for p in world["packages"]])  # before it is shown, as the page does
    yield "import preview (4 packages, 1 refused)", packages, None
    units = UnitListImportDialog(context)
    yield "unit list import", units, lambda: units.load(samples / "units_under_county.csv")
    yield "return reason", ReasonDialog("石门村"), None
    page = SubmissionsPage(context)
    rows = submissions.progress(context.unit_code, page.current_period())
    if rows:
        yield "unit detail", UnitDetailDialog(rows[0], page.current_period().year), None
    page.deleteLater()


SIZED_BY_QT_SCREEN = {"print preview (roster)"}  # 92 % of QScreen's area (gui/printing/preview.py)


def check_dialogs(qtbot, dialogs, area: QRect, label: str) -> list[str]:
    found = []
    for name, dialog, prepare in dialogs:
        dialog.show()
        if prepare is not None:
            prepare()
        settle()
        problems = problems_of(dialog, area, f"{label} {name}")
        if name in SIZED_BY_QT_SCREEN:  # its size follows the test's real screen, not the pretended area
            problems = [p for p in problems if "is larger than" not in p]
        found += problems
        found += rows_hidden(dialog, f"{label} {name}")
        dialog.hide()
        dialog.deleteLater()
    return found


@pytest.mark.parametrize("large", [False, True], ids=["normal font", "larger font"])
def test_every_page_and_dialog_fits_a_1366_laptop(
    qtbot, world, tmp_path, gui_settings, answers, samples, screen_area, font_size, large
):
    started = time.monotonic()
    screen_area(LAPTOP)
    font_size(large)
    found = []
    context = open_copy(world, "village", tmp_path, gui_settings)
    found += check_main_window(qtbot, context, LAPTOP, "village")
    found += check_dialogs(qtbot, village_dialogs(context, samples), LAPTOP, "village")
    context = open_copy(world, "county", tmp_path, gui_settings)
    found += check_main_window(qtbot, context, LAPTOP, "county")
    found += check_dialogs(qtbot, county_dialogs(context, world, samples), LAPTOP, "county")
    dbmod.close_database()
    assert not found, "\n".join(found)
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("large", [False, True], ids=["normal font", "larger font"])
def test_every_page_is_usable_at_1024(qtbot, world, tmp_path, gui_settings, answers, screen_area, font_size, large):
    screen_area(SMALL)
    font_size(large)
    found = []
    for which in ("village", "county"):
        context = open_copy(world, which, tmp_path, gui_settings)
        found += check_main_window(qtbot, context, SMALL, which)
    dbmod.close_database()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("large", [False, True], ids=["normal font", "larger font"])
def test_every_dialog_fits_a_1024_screen_too(
    qtbot, world, tmp_path, gui_settings, answers, samples, screen_area, font_size, large
):
    """Not asked of dialogs, but kept: none is wider or taller than a 1024×768 screen, buttons in view."""
    screen_area(SMALL)
    font_size(large)
    context = open_copy(world, "village", tmp_path, gui_settings)
    found = check_dialogs(qtbot, village_dialogs(context, samples), SMALL, "village")
    context = open_copy(world, "county", tmp_path, gui_settings)
    found += check_dialogs(qtbot, county_dialogs(context, world, samples), SMALL, "county")
    dbmod.close_database()
    assert not found, "\n".join(found)
