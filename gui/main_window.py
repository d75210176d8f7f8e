"""The main window: navigation down the left, one page at a time, keyboard actions for the page shown."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from gui.common import messages
from gui.common.fit import ElidedLabel, available_area
from gui.common.page import DELETE, EDIT, EXPORT, IMPORT, NEW, PRINT, SEARCH, Page
from gui.context import AppContext
from gui.resources import icon
from gui.settings import store as opts
from models.i18n import N_, _, format_datetime, in_brackets

NAV_STYLE = """
QListWidget#navigation {
    background: #E8EDF1; border: none; border-right: 1px solid #D3DAE0; outline: 0; padding-top: 10px;
}
QListWidget#navigation::item {
    color: #1F2933; padding: 8px 10px; margin: 1px 8px; border-radius: 6px;
}
QListWidget#navigation::item:hover { background: #DDE5EB; }
QListWidget#navigation::item:selected {
    background: #FFFFFF; color: #1D5273; border-left: 3px solid #2A6F97;
}
"""


@dataclass(frozen=True)
class PageSpec:
    """One entry of the navigation: its key, label (N_-marked) and icon."""

    key: str
    title: str
    icon: str


PAGES = (
    PageSpec("overview", N_("Overview"), "overview"),
    PageSpec("people", N_("Members"), "people"),
    PageSpec("duties", N_("Members' duties"), "people"),
    PageSpec("elections", N_("Elections"), "elections"),
    PageSpec("homes", N_("Women's Home"), "homes"),
    PageSpec("training", N_("Training"), "training"),
    PageSpec("meetings", N_("Meetings and plans"), "meetings"),
    PageSpec("awards", N_("Awards"), "awards"),
    PageSpec("rights", N_("Disputes and visits"), "rights"),
    PageSpec("care", N_("Care and help"), "care"),
    PageSpec("screening", N_('"Two cancers" screening'), "screening"),
    PageSpec("forms", N_("Forms"), "reports"),
    PageSpec("submissions", N_("Reporting"), "reporting"),
    PageSpec("settings", N_("Settings"), "settings"),
)

# Ctrl+1 … Ctrl+9 and Ctrl+0 reach the first ten pages in the list's order;
# a page after them (settings) is reached from the list.
PAGE_DIGITS = "1234567890"

# The page actions: name, label, shortcut. Shortcuts reach the page shown
# only if it supports the action, so Delete in a text box still deletes text.
# (Key sequences are made when the window is, not at import: they need the app.)
ACTIONS = (
    (NEW, N_("New"), "Ctrl+N"),
    (EDIT, N_("Edit"), "Ctrl+E"),
    (DELETE, N_("Delete"), QKeySequence.Delete),
    (IMPORT, N_("Import"), "Ctrl+I"),
    (EXPORT, N_("Export"), "Ctrl+Shift+E"),
    (PRINT, N_("Print"), "Ctrl+P"),
    (SEARCH, N_("Search"), "Ctrl+F"),
)


def default_size(available: QSize) -> tuple[int, int]:
    """1200×760, or less on a small screen (a 1366×768 laptop with its taskbar)."""
    return min(1200, int(available.width() * 0.95)), min(760, int(available.height() * 0.92))


class NavigationList(QListWidget):
    """The page list on the left; keeps its width fitted to its labels at any font size."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setStyleSheet(NAV_STYLE)
        self.setIconSize(QSize(22, 22))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setFrameShape(QFrame.NoFrame)

    def fit_width(self) -> None:
        widest = max(
            (self.fontMetrics().horizontalAdvance(self.item(i).text()) for i in range(self.count())), default=100
        )
        # icon + gap + text + item padding, margins and the selection border
        self.setFixedWidth(self.iconSize().width() + widest + 70)

    def event(self, event: QEvent) -> bool:
        result = super().event(event)
        if event.type() in (QEvent.FontChange, QEvent.ApplicationFontChange):
            self.fit_width()
        return result


class MainWindow(QMainWindow):
    """Shows one page at a time and forwards the keyboard actions to it."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.pages: dict[str, Page] = {}
        self._factories: dict[str, Callable[[], Page]] = {spec.key: self._factory(spec) for spec in PAGES}

        self.nav = NavigationList()
        for number, spec in enumerate(PAGES):
            item = QListWidgetItem(icon(spec.icon), _(spec.title))
            item.setData(Qt.UserRole, spec.key)
            item.setToolTip(_(spec.title) + (in_brackets(f"Ctrl+{PAGE_DIGITS[number]}") if number < 10 else ""))
            item.setSizeHint(QSize(0, 40))
            self.nav.addItem(item)
        self.nav.fit_width()
        self.stack = QStackedWidget()

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.page_actions: dict[str, QAction] = {}
        # A shared office PC locks after a time without use, when a start-up password is set.
        from gui.common.password import IdleLock

        self.idle_lock = IdleLock(context.settings.get(opts.LOCK_MINUTES) * 60_000, self)
        self.idle_lock.about_to_lock.connect(self._hide_revealed)
        self.idle_lock.about_to_lock.connect(self._cover_sensitive)
        # The sensitive registers' pages stay behind this cover until the password is typed in this session.
        from gui.common.sensitive import SensitiveCover

        self.sensitive_cover = SensitiveCover()
        self._covered: Page | None = None  # the page behind the cover
        self.sensitive_cover.revealed.connect(self._uncover)
        self.stack.addWidget(self.sensitive_cover)
        for name, label, keys in ACTIONS:
            action = QAction(_(label), self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.WindowShortcut)
            action.triggered.connect(lambda _checked=False, n=name: self.dispatch(n))
            self.addAction(action)
            self.page_actions[name] = action
        for spec, digit in zip(PAGES, PAGE_DIGITS, strict=False):
            action = QAction(_(spec.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{digit}"))
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            self.addAction(action)
        quit_action = QAction(_("Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

        # Shown first, in red, while the database is open read-only because it failed its check.
        self.damage_label = QLabel(_("Damaged: open for reading only"))
        self.damage_label.setStyleSheet("color: #B42318; font-weight: bold;")
        self.unit_label = QLabel()
        self.db_label = ElidedLabel()  # a long path is shortened in the middle on a narrow window
        self.clerk_label = QLabel()  # on the office's server: the clerk whose name goes with the changes
        self.clerk_label.setObjectName("clerk")
        self.clerk_label.setVisible(self.context.on_server)
        self.backup_label = QLabel()
        for label in (self.damage_label, self.unit_label, self.clerk_label, self.db_label, self.backup_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addWidget(label)

        self._row = 0  # the row of the page shown, to go back to if another fails to open
        self.nav.currentRowChanged.connect(self._row_changed)
        self.refresh_title()
        self.refresh_status()
        self._restore_geometry()
        self.nav.setCurrentRow(0)

    # --- pages -----------------------------------------------------------------------

    def _factory(self, spec: PageSpec) -> Callable[[], Page]:
        return getattr(self, f"_make_{spec.key}")

    def _make_overview(self) -> Page:
        from gui.overview.page import OverviewPage

        page = OverviewPage(self.context)
        page.navigate.connect(self.go_to)
        return page

    def _hide_revealed(self) -> None:
        """Before the idle lock: mask again any ID number a page shows in full."""
        for page in self.pages.values():
            hide = getattr(page, "hide_revealed", None)
            if hide is not None:
                hide()

    def _make_people(self) -> Page:
        from gui.people.page import PeoplePage

        return PeoplePage(self.context)

    def _make_duties(self) -> Page:
        from gui.duties.page import DutiesPage

        return DutiesPage(self.context)

    def _make_care(self) -> Page:
        from gui.care.page import CarePage

        return CarePage(self.context)

    def _make_elections(self) -> Page:
        from gui.elections.page import ElectionsPage

        page = ElectionsPage(self.context)
        # A finalised election changes posts: the members page, if built, shows them at once.
        page.roster_changed.connect(lambda: self.pages["people"].refresh() if "people" in self.pages else None)
        return page

    def _make_homes(self) -> Page:
        from gui.homes.page import HomesPage

        return HomesPage(self.context)

    def _make_training(self) -> Page:
        from gui.training.page import TrainingPage

        return TrainingPage(self.context)

    def _make_meetings(self) -> Page:
        from gui.meetings.page import MeetingsPage

        return MeetingsPage(self.context)

    def _make_awards(self) -> Page:
        from gui.awards.page import AwardsPage

        return AwardsPage(self.context)

    def _make_screening(self) -> Page:
        from gui.screening.page import ScreeningPage

        return ScreeningPage(self.context)

    def _make_rights(self) -> Page:
        from gui.rights.page import RightsPage

        return RightsPage(self.context)

    def _make_forms(self) -> Page:
        from gui.printing.page import FormsPage

        return FormsPage(self.context)

    def _make_submissions(self) -> Page:
        from gui.submissions.page import SubmissionsPage

        return SubmissionsPage(self.context)

    def _make_settings(self) -> Page:
        from gui.settings.page import SettingsPage

        page = SettingsPage(self.context)
        page.database_replaced.connect(self.refresh_all)
        page.backup_made.connect(self.refresh_status)
        page.lock_minutes_changed.connect(lambda minutes: self.idle_lock.set_idle_ms(minutes * 60_000))
        return page

    def page(self, key: str) -> Page:
        """The page for ``key``, built the first time it is asked for."""
        page = self.pages.get(key)
        if page is None:
            page = self._factories[key]()
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.UserRole) if item else PAGES[0].key

    def current_page(self) -> Page:
        return self.page(self.current_key())

    def show_page(self, key: str) -> Page:
        row = next(i for i, spec in enumerate(PAGES) if spec.key == key)
        self.nav.setCurrentRow(row)
        return self.current_page()

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        try:
            page = self.page(PAGES[row].key)
        except Exception as exc:
            messages.error(
                self,
                _("The page {page} could not be opened: {error}").format(page=_(PAGES[row].title), error=exc),
                detail="".join(traceback.format_exception(exc)),
            )
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self._row)
            self.nav.blockSignals(False)
            return
        self._row = row
        self._show_in_stack(page)

    def _enable_actions(self) -> None:
        """The page actions the page shown supports; none while the cover hides the page."""
        shown = self.stack.currentWidget()
        supported = shown.supported if isinstance(shown, Page) else frozenset()
        for name, action in self.page_actions.items():
            action.setEnabled(name in supported)

    def _show_in_stack(self, page: Page) -> None:
        """The page, or the cover in front of it while it is sensitive and the password not yet given."""
        from gui.common import sensitive

        if sensitive.is_sensitive(page) and sensitive.needs_password():
            self._covered = page
            self.stack.setCurrentWidget(self.sensitive_cover)
            self.sensitive_cover.setFocus()
        else:
            self.stack.setCurrentWidget(page)
        self._enable_actions()

    def _cover_sensitive(self) -> None:
        from gui.common import sensitive

        sensitive.cover_again()
        shown = self.stack.currentWidget()
        if shown is not self.sensitive_cover and isinstance(shown, Page):
            self._show_in_stack(shown)

    def _uncover(self) -> None:
        self.stack.setCurrentWidget(self._covered or self.current_page())
        self._enable_actions()

    def _shown_page(self) -> Page | None:
        """The page on screen, or None while the password cover stands in front of it."""
        shown = self.stack.currentWidget()
        return shown if isinstance(shown, Page) else None

    def go_to(self, key: str, action: str = "") -> None:
        """Switch to a page and, if asked, start one of its actions (the overview's next steps).

        A covered page's action waits: the cover asks for the password first, and nothing starts behind it."""
        self.show_page(key)
        page = self._shown_page()
        if action and page is not None and action in page.supported:
            page.trigger(action)

    def dispatch(self, action: str) -> None:
        page = self._shown_page()
        if page is not None and action in page.supported:
            page.trigger(action)

    # --- title, status, refresh -----------------------------------------------------------

    def refresh_title(self) -> None:
        from models.units import level_label

        self.setWindowTitle(
            _("{unit} ({level}) — Fulian Ledger").format(
                unit=self.context.unit_name, level=level_label(self.context.unit_code)
            )
        )

    def refresh_status(self) -> None:
        from models.db import database_damage, last_backup_at
        from models.units import level_label

        self.unit_label.setText(
            _("{unit} ({level})").format(unit=self.context.unit_name, level=level_label(self.context.unit_code))
        )
        self.damage_label.setVisible(database_damage() is not None)
        if self.context.on_server:
            from models import clerk

            self.clerk_label.setText(_("Clerk: {name}").format(name=clerk.current() or "—"))
            self.db_label.setText(_("Server: {url}").format(url=self.context.db_path))
        else:
            self.db_label.setText(_("Database: {path}").format(path=self.context.db_path))
        last = last_backup_at()
        if self.context.on_server:
            self.backup_label.setText(_("Backups: by the server"))
        else:
            self.backup_label.setText(
                _("Last backup: {when}").format(when=format_datetime(last) if last else _("never"))
            )

    def refresh_all(self) -> None:
        """After a restore: the unit may differ and every page's rows are stale."""
        self.refresh_title()
        self.refresh_status()
        for page in self.pages.values():
            page.refresh()

    # --- geometry ----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self.context.settings.get(opts.WINDOW_GEOMETRY)
        if not (saved and self.restoreGeometry(QByteArray(saved))):
            self.resize(*default_size(available_area(self).size()))

    def closeEvent(self, event) -> None:
        self.context.settings.set(opts.WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.idle_lock.stop()
        super().closeEvent(event)
