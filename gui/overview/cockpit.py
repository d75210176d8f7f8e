"""驾驶舱: the first page's figures for a unit above the village; every figure opens the units behind it."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.resources import ScaledLabel
from models import cockpit as ck
from models import submissions
from models.i18n import _, format_date, format_number

CARD_STYLE = "QFrame#card { background: palette(base); border: 1px solid #D9DEE3; border-radius: 6px; }"
MUTED_STYLE = "color: #52606D;"
WARN_STYLE = "color: #9A5B00;"
FIGURE_STYLE = "QPushButton { text-align: left; padding: 4px 8px; }"


class Figure(QPushButton):
    """A count and its caption; clicking opens the list behind it."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = caption
        self.setStyleSheet(FIGURE_STYLE)
        self.setToolTip(_("Show the units"))

    def set(self, value: int, warn: bool = False) -> None:
        self.value = value
        self.setText(f"{format_number(value)}  {self.caption}")
        font = self.font()
        font.setBold(warn and value > 0)
        self.setFont(font)


class Section(QFrame):
    """A card: a title, a muted line under it, a row of figures and what else the section shows."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.title = ScaledLabel(title, 1.15, True)
        self.note = QLabel()
        self.note.setStyleSheet(MUTED_STYLE)
        self.note.setWordWrap(True)
        self.figures = QGridLayout()
        self.figures.setSpacing(6)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 10)
        self.body.setSpacing(6)
        self.body.addWidget(self.title)
        self.body.addWidget(self.note)
        self.body.addLayout(self.figures)
        self.body.addStretch(1)  # a shorter card beside a taller one keeps its lines together at the top

    def add_widget(self, widget: QWidget, before_figures: bool = False) -> None:
        index = self.body.indexOf(self.note) + 1 if before_figures else self.body.count() - 1
        self.body.insertWidget(index, widget)

    def add_figures(self, figures: list[Figure], columns: int = 2) -> None:
        for index, figure in enumerate(figures):
            self.figures.addWidget(figure, index // columns, index % columns)


class CockpitView(QWidget):
    """Reporting, the election round, the Women's Homes, training and the villages heard from longest ago."""

    navigate = Signal(str, str)
    # Emitted with the dialog that opened, so tests (and the page) can reach it.
    list_opened = Signal(object)
    # The figures counted in the background are on the page.
    counted = Signal()

    def __init__(self, unit_code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.unit_code = unit_code
        self.figures: ck.Cockpit | None = None
        self._asked = 0  # which refresh the figures on their way belong to: only the latest is shown
        self.counting = QLabel(_("Counting the units below…"))
        self.counting.setStyleSheet(MUTED_STYLE)

        self.reporting = Section(_("Reporting this period"))
        self.reported = Figure(_(submissions.STATUSES[submissions.REPORTED]))
        self.not_reported = Figure(_(submissions.STATUSES[submissions.NOT_REPORTED]))
        self.returned = Figure(_(submissions.STATUSES[submissions.RETURNED]))
        self.overdue = Figure(_(submissions.STATUSES[submissions.OVERDUE]))
        self.reporting.add_figures([self.reported, self.not_reported, self.returned, self.overdue])
        for figure, status in (
            (self.reported, submissions.REPORTED),
            (self.not_reported, submissions.NOT_REPORTED),
            (self.returned, submissions.RETURNED),
            (self.overdue, submissions.OVERDUE),
        ):
            figure.clicked.connect(lambda _c=False, s=status, f=figure: self._open_status(s, f.caption))

        self.elections = Section(_("Election round"))
        self.completed = Figure(_(ck.ROUND_STATES[ck.COMPLETED]))
        self.in_progress = Figure(_(ck.ROUND_STATES[ck.IN_PROGRESS]))
        self.not_started = Figure(_(ck.ROUND_STATES[ck.NOT_STARTED]))
        self.ending = Figure(_("terms ending within six months"))
        self.elections.add_figures([self.completed, self.in_progress, self.not_started, self.ending])
        for figure, state in (
            (self.completed, ck.COMPLETED),
            (self.in_progress, ck.IN_PROGRESS),
            (self.not_started, ck.NOT_STARTED),
        ):
            figure.clicked.connect(lambda _c=False, s=state, f=figure: self._open_round(s, f.caption))
        self.ending.clicked.connect(self._open_ending)
        self.groups = QLabel()
        self.groups.setWordWrap(True)
        self.groups.setStyleSheet(MUTED_STYLE)
        self.elections.add_widget(self.groups)

        self.homes = Section(_("Women's Homes"))
        self.level_figures: dict[str, Figure] = {}
        level_list = []
        for level in ck.home_levels():
            figure = Figure(ck.level_label(level))
            figure.clicked.connect(lambda _c=False, lv=level, f=figure: self._open_level(lv, f.caption))
            self.level_figures[level] = figure
            level_list.append(figure)
        self.quiet = Figure(_("no activity for three months"))
        self.quiet.clicked.connect(self._open_quiet)
        self.homes.add_figures([*level_list, self.quiet])

        self.training = Section(_("Training coverage this year"))
        self.chairs = Figure(_("chairs trained"))
        self.executives = Figure(_("committee members trained"))
        self.chairs.clicked.connect(self._open_chairs)
        self.executives.clicked.connect(self._open_executives)
        self.training.add_figures([self.chairs, self.executives], columns=1)

        self.committee = Section(_("Committee at work this year"))
        self.contacts = Figure(_("contacts with women"))
        self.needs = Figure(_("needs answered"))
        self.silent = Figure(_("members without a contact this month"))
        self.nominations = Figure(_("nominations"))
        self.contacts.clicked.connect(self._open_contacts)
        self.needs.clicked.connect(self._open_needs)
        self.silent.clicked.connect(self._open_silent)
        self.nominations.clicked.connect(self._open_nominations)
        self.committee.add_figures([self.contacts, self.needs, self.silent, self.nominations])

        self.disputes = Section(_("Family dispute reports this month"))
        self.disputes_reported = Figure(_("sent this month's report"))
        self.disputes_missing = Figure(_("not reported this month"))
        self.disputes_none = Figure(_("of them none this month"))
        self.disputes_reported.clicked.connect(self._open_disputes_reported)
        self.disputes_missing.clicked.connect(self._open_disputes_missing)
        self.disputes_none.clicked.connect(self._open_disputes_reported)
        self.disputes.add_figures([self.disputes_reported, self.disputes_missing, self.disputes_none])

        self.oldest = Section(_("Heard from longest ago"))
        self.oldest.note.hide()
        self.oldest_list = QLabel()
        self.oldest_list.setWordWrap(True)
        self.oldest.add_widget(self.oldest_list, before_figures=True)
        self.all_packages = Figure(_("villages: the whole list"))
        self.all_packages.clicked.connect(self._open_packages)
        self.oldest.add_figures([self.all_packages], columns=1)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        grid.addWidget(self.counting, 0, 0, 1, 2)
        grid.addWidget(self.reporting, 1, 0)
        grid.addWidget(self.elections, 1, 1)
        grid.addWidget(self.homes, 2, 0)
        grid.addWidget(self.training, 2, 1)
        grid.addWidget(self.committee, 3, 0)
        grid.addWidget(self.oldest, 3, 1)
        grid.addWidget(self.disputes, 4, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    # --- showing ------------------------------------------------------------------------------

    def refresh(self, today: _dt.date) -> None:
        """Count the figures on a worker: over hundreds of villages they take a while (0.5 s for 300), and
        the window is not to wait for them. The figures shown meanwhile are the last ones, or none."""
        from gui.common import workers

        self._asked += 1
        asked = self._asked
        self.counting.setText(_("Counting the units below…"))
        self.counting.show()
        workers.start(
            ck.cockpit,
            self.unit_code,
            today,
            on_success=lambda figures: self._show(figures) if asked == self._asked else None,
            on_failure=lambda exc: self._failed(exc) if asked == self._asked else None,
        )

    def _failed(self, exc: BaseException) -> None:
        from models.db import storage_message

        self.counting.setText(_("The figures could not be counted: {error}").format(error=storage_message(exc) or exc))

    def _show(self, figures: ck.Cockpit) -> None:
        self.figures = figures
        self.counting.hide()
        reporting = figures.reporting
        self.reporting.note.setText(
            _("{period}: the deadline is {date}.").format(
                period=reporting.period.name, date=format_date(reporting.period.deadline)
            )
        )
        counts = reporting.counts
        self.reported.set(counts.reported)
        self.not_reported.set(counts.not_reported)
        self.returned.set(counts.returned, warn=True)
        self.overdue.set(counts.overdue, warn=True)

        rounds = figures.elections
        self.elections.note.setText(
            _("{year}: {units} units below").format(year=rounds.year, units=len(rounds.compositions))
        )
        self.completed.set(rounds.total.completed)
        self.in_progress.set(rounds.total.in_progress)
        self.not_started.set(rounds.total.not_started, warn=True)
        self.ending.set(rounds.total.terms_ending, warn=True)
        self.groups.setText(
            "\n".join(
                _("{name}: {completed} completed, {in_progress} in progress, {not_started} not started").format(
                    name=g.name, completed=g.completed, in_progress=g.in_progress, not_started=g.not_started
                )
                + (_("; {count} terms ending").format(count=g.terms_ending) if g.terms_ending else "")
                for g in rounds.groups
            )
        )

        homes = figures.homes
        self.homes.note.setText(_("{count} Homes below").format(count=len(homes.homes)))
        for level, figure in self.level_figures.items():
            figure.set(homes.count(level))
        self.quiet.set(len(homes.quiet), warn=True)

        total = figures.coverage.summary.total
        self.training.note.setText(
            _("{year}: chairs {chairs}, committee members {members}").format(
                year=figures.coverage.summary.year,
                chairs=_share(total.chairs_share),
                members=_share(total.executives_share),
            )
        )
        self.chairs.setText(
            f"{format_number(total.chairs_trained)} / {format_number(total.chairs)}  {self.chairs.caption}"
        )
        self.executives.setText(
            f"{format_number(total.executives_trained)} / {format_number(total.executives)}  {self.executives.caption}"
        )

        work = figures.committee
        self.committee.note.setText(
            _("{year}: {members} committee members below").format(
                year=work.year, members=format_number(work.total.members)
            )
        )
        self.contacts.set(work.total.contacts)
        self.needs.value = work.total.needs_answered
        self.needs.setText(
            f"{format_number(work.total.needs_answered)} / {format_number(work.total.needs)}  {self.needs.caption}"
        )
        self.silent.set(work.total.members_without_contact, warn=True)
        self.nominations.set(work.total.nominations)

        reports = figures.disputes
        if reports is not None:
            self.disputes.note.setText(
                _("{month}: {units} villages below").format(month=reports.month_label, units=len(reports.expected))
            )
            self.disputes_reported.set(len(reports.reported))
            self.disputes_missing.set(len(reports.missing), warn=True)
            self.disputes_none.set(len(reports.none_this_month))

        lines = [p.line() for p in figures.oldest]
        text = "\n".join(f"{line.name}: {line.detail}" for line in lines)
        self.oldest_list.setText(text or _("No villages below yet."))
        self.all_packages.set(len(figures.last_packages))
        self.counted.emit()

    # --- the lists ----------------------------------------------------------------------------

    def _open(
        self, title: str, lines: list[ck.UnitLine], page: tuple[str, str] | None, page_label: str, detail: str = ""
    ) -> None:
        from gui.overview.unit_list import UnitListDialog

        unit_list = ck.UnitList(title, lines=lines)
        if detail:
            unit_list.headings = (*unit_list.headings[:2], detail)
        dialog = UnitListDialog(unit_list, page, page_label, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.navigate.connect(self.navigate)
        self.list_opened.emit(dialog)
        dialog.open()

    def _with_figures(self, build: Callable[[ck.Cockpit], list[ck.UnitLine]]) -> list[ck.UnitLine]:
        return build(self.figures) if self.figures is not None else []

    def _open_status(self, status: str, caption: str) -> None:
        lines = self._with_figures(lambda f: f.reporting.units(status))
        self._open(caption, lines, ("submissions", ""), _("Open Reporting"))

    def _open_round(self, state: str, caption: str) -> None:
        lines = self._with_figures(lambda f: f.elections.units(state))
        self._open(caption, lines, ("elections", ""), _("Open Elections"))

    def _open_ending(self) -> None:
        lines = self._with_figures(lambda f: f.elections.ending_units())
        self._open(_("Terms ending soon"), lines, ("elections", ""), _("Open Elections"))

    def _open_level(self, level: str, caption: str) -> None:
        lines = self._with_figures(lambda f: f.homes.units(level))
        self._open(caption, lines, ("homes", ""), _("Open Women's Home"))

    def _open_quiet(self) -> None:
        lines = self._with_figures(lambda f: f.homes.quiet_units())
        self._open(self.quiet.caption, lines, ("homes", ""), _("Open Women's Home"))

    def _open_chairs(self) -> None:
        lines = self._with_figures(lambda f: f.coverage.chairs_untrained())
        self._open(_("Chairs not yet trained this year"), lines, ("training", ""), _("Open Training"))

    def _open_executives(self) -> None:
        lines = self._with_figures(lambda f: f.coverage.executives_untrained())
        self._open(_("Committee members not yet trained this year"), lines, ("training", ""), _("Open Training"))

    def _open_contacts(self) -> None:
        lines = self._with_figures(lambda f: f.committee.contacts_units())
        self._open(
            _("Contacts with women this year"), lines, _page("duties"), _("Open Duties"), _("Number of contacts")
        )

    def _open_needs(self) -> None:
        lines = self._with_figures(lambda f: f.committee.needs_units())
        self._open(_("Needs found this year"), lines, _page("duties"), _("Open Duties"), _("Answered / found"))

    def _open_silent(self) -> None:
        lines = self._with_figures(lambda f: f.committee.silent_units())
        title = _("Committee members without a contact this month")
        self._open(title, lines, _page("duties"), _("Open Duties"), _("Without a contact / members"))

    def _open_nominations(self) -> None:
        lines = self._with_figures(lambda f: f.committee.nominations_units())
        self._open(_("Nominations this year"), lines, _page("awards"), _("Open Awards"), _("Number of nominations"))

    def _open_disputes_missing(self) -> None:
        lines = self._with_figures(lambda f: f.disputes.missing if f.disputes else [])
        title = _("Villages without this month's dispute report")
        self._open(title, lines, _page("rights"), _("Open Disputes and visits"), _("Dispute report"))

    def _open_disputes_reported(self) -> None:
        lines = self._with_figures(lambda f: f.disputes.reported_units() if f.disputes else [])
        title = _("Villages that sent this month's dispute report")
        self._open(title, lines, _page("rights"), _("Open Disputes and visits"), _("Dispute report"))

    def _open_packages(self) -> None:
        lines = self._with_figures(lambda f: [p.line() for p in f.last_packages])
        self._open(_("Last package of each village"), lines, ("submissions", ""), _("Open Reporting"))


def _page(key: str) -> tuple[str, str] | None:
    """The page to go to from a list, when this window has it (the committee's pages come with their features)."""
    from gui.main_window import PAGES

    return (key, "") if any(spec.key == key for spec in PAGES) else None


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
