"""概览: what needs doing, at a glance."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.common.page import IMPORT, NEW, NO_PHOTO, Page
from gui.context import AppContext
from gui.resources import ScaledLabel, icon
from models.i18n import _, format_date, format_datetime, format_number, ngettext

if TYPE_CHECKING:
    from gui.overview.cockpit import CockpitView
    from models.backup_state import BackupState
    from models.overview import Overview, TermEnding

CARD_STYLE = "QFrame#card { background: palette(base); border: 1px solid #D9DEE3; border-radius: 6px; }"
MUTED_STYLE = "color: #52606D;"
WARN_STYLE = "color: #9A5B00;"


SHORT_LINE_CHARACTERS = 9


class Card(QFrame):
    """One figure with its caption (a count this year)."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.value = ScaledLabel("", 2.0, True)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.note = QLabel()
        self.note.setStyleSheet(MUTED_STYLE)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._keep_short_lines_whole()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            QTimer.singleShot(0, self._keep_short_lines_whole)  # once the labels have the new font too

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._keep_short_lines_whole()

    def _keep_short_lines_whole(self) -> None:
        """A short caption or note (up to nine characters, as a Chinese one is) stays on one line: a narrow
        window must not leave its last character alone on a second line. Longer ones wrap between words."""
        for label in (self.caption, self.note):
            metrics = label.fontMetrics()
            longest = metrics.horizontalAdvance("国") * SHORT_LINE_CHARACTERS
            wanted = metrics.horizontalAdvance(label.text()) + 2
            label.setMinimumWidth(wanted if wanted <= longest else 0)


class OverviewPage(Page):
    """The first page: counts, the next step for an empty unit, and backup health."""

    # (page key, action) the main window should go to: e.g. ("people", "new").
    navigate = Signal(str, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading = ScaledLabel("", 1.5, True)
        self.subheading = QLabel()
        self.subheading.setStyleSheet(MUTED_STYLE)

        self.backup_icon = QLabel()
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        self.backup_button = QPushButton(icon("backup"), _("Back up now…"))
        self.backup_button.clicked.connect(lambda: self.navigate.emit("settings", "backup"))
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_icon)
        backup_row.addWidget(self.backup_label, 1)
        backup_row.addWidget(self.backup_button)

        # Above the village: the cockpit over the units below, instead of the unit's own counts. It is
        # built just after the window is on screen (its modules take a while to load; its figures are
        # counted on a worker), in ``cockpit_slot``.
        from models.units import is_above_village

        self.cockpit: CockpitView | None = None
        above_village = self._cockpit_due = is_above_village(context.unit_code)
        self.cockpit_slot = QVBoxLayout()
        self.cockpit_slot.setContentsMargins(0, 0, 0, 0)

        self.location = QLabel()
        self.location.setWordWrap(True)
        self.location.setStyleSheet(MUTED_STYLE)
        self.location.setTextInteractionFlags(Qt.TextSelectableByMouse)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        if above_village:
            layout.addLayout(self.cockpit_slot)
            QTimer.singleShot(0, self, self._build_cockpit)
        else:
            self._build_own(layout)
        layout.addSpacing(8)
        layout.addWidget(ScaledLabel(_("Backups"), 1.15, True))
        layout.addLayout(backup_row)
        layout.addWidget(self.location)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()
        # Shown at once after it is built (the window's first page): these figures are fresh, and
        # counting them again would cost the start a second round of the same queries.
        self._fresh = True
        QTimer.singleShot(0, self, self._gone_stale)

    def _build_own(self, layout: QVBoxLayout) -> None:
        """A village's own figures: built only at a village (a unit above sees the cockpit instead)."""
        # The empty state: shown instead of the counts while there is nobody.
        self.empty = QFrame()
        self.empty.setObjectName("card")
        self.empty.setStyleSheet(CARD_STYLE)
        empty_title = ScaledLabel(_("No committee members or women's backbones yet"), 1.2, True)
        empty_text = QLabel(
            _(
                "Start with the people: add the members of the executive committee and the women's backbones "
                "one by one, or import the roster you keep in Excel."
            )
        )
        empty_text.setWordWrap(True)
        self.add_button = QPushButton(icon("new"), _("Add a member (Ctrl+N)"))
        self.import_button = QPushButton(icon("import"), _("Import a roster from Excel (Ctrl+I)"))
        self.add_button.clicked.connect(lambda: self.navigate.emit("people", NEW))
        self.import_button.clicked.connect(lambda: self.navigate.emit("people", IMPORT))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(20, 16, 20, 16)
        empty_layout.setSpacing(10)
        empty_layout.addWidget(empty_title)
        empty_layout.addWidget(empty_text)
        empty_layout.addLayout(buttons)

        self.members = Card(_("Committee members"))
        self.backbones = Card(_("Women's backbones"))
        self.activities = Card(_("Activities this year"))
        self.trainings = Card(_("Trainings this year"))
        self.attendance = Card(_("Training attendances this year"))
        cards = QGridLayout()
        cards.setSpacing(12)
        for column, card in enumerate((self.members, self.backbones, self.activities, self.trainings, self.attendance)):
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 1)

        from gui.homes.activity_summary import ActivitySummary

        self.activity_summary = ActivitySummary(self.context, count=False)  # counted by refresh() below
        self.activity_summary.show_missing_photos.connect(lambda: self.navigate.emit("homes", NO_PHOTO))

        # 换届到期: current terms (here and in the units below) ending within six months.
        self.terms = QFrame()
        self.terms.setObjectName("card")
        self.terms.setStyleSheet(CARD_STYLE)
        self.terms_icon = QLabel()
        self.terms_title = ScaledLabel(_("Terms ending soon"), 1.15, True)
        self.terms_list = QLabel()
        self.terms_list.setWordWrap(True)
        self.terms_list.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.terms_button = QPushButton(icon("elections"), _("Prepare the election…"))
        self.terms_button.clicked.connect(lambda: self.navigate.emit("elections", ""))
        terms_head = QHBoxLayout()
        terms_head.addWidget(self.terms_icon)
        terms_head.addWidget(self.terms_title, 1)
        terms_head.addWidget(self.terms_button)
        terms_layout = QVBoxLayout(self.terms)
        terms_layout.setContentsMargins(20, 12, 20, 12)
        terms_layout.addLayout(terms_head)
        terms_layout.addWidget(self.terms_list)

        # 执委履职: members without a contact this month, needs waiting for an answer.
        self.duties = QFrame()
        self.duties.setObjectName("card")
        self.duties.setStyleSheet(CARD_STYLE)
        self.duties_icon = QLabel()
        self.duties_title = ScaledLabel(_("Members' duties"), 1.15, True)
        self.duties_text = QLabel()
        self.duties_text.setWordWrap(True)
        self.duties_button = QPushButton(icon("people"), _("Open members' duties…"))
        self.duties_button.clicked.connect(lambda: self.navigate.emit("duties", ""))
        duties_head = QHBoxLayout()
        duties_head.addWidget(self.duties_icon)
        duties_head.addWidget(self.duties_title, 1)
        duties_head.addWidget(self.duties_button)
        duties_layout = QVBoxLayout(self.duties)
        duties_layout.setContentsMargins(20, 12, 20, 12)
        duties_layout.addLayout(duties_head)
        duties_layout.addWidget(self.duties_text)

        # 关爱帮扶: left-behind children whose parents have not been contacted this month.
        self.care = QFrame()
        self.care.setObjectName("card")
        self.care.setStyleSheet(CARD_STYLE)
        self.care_icon = QLabel()
        self.care_text = QLabel()
        self.care_text.setWordWrap(True)
        self.care_button = QPushButton(icon("people"), _("Open care and help…"))
        self.care_button.clicked.connect(lambda: self.navigate.emit("care", ""))
        care_layout = QHBoxLayout(self.care)
        care_layout.setContentsMargins(20, 8, 20, 8)
        care_layout.addWidget(self.care_icon)
        care_layout.addWidget(self.care_text, 1)
        care_layout.addWidget(self.care_button)

        layout.addWidget(self.empty)
        layout.addLayout(cards)
        layout.addWidget(self.terms)
        layout.addWidget(self.duties)
        layout.addWidget(self.care)
        layout.addWidget(ScaledLabel(_("Activities this year"), 1.15, True))
        layout.addWidget(self.activity_summary)

    def _build_cockpit(self) -> None:
        from gui.overview.cockpit import CockpitView

        self.cockpit = CockpitView(self.context.unit_code)
        self.cockpit.navigate.connect(self.navigate)
        self.cockpit_slot.addWidget(self.cockpit)
        self._cockpit_due = False
        self.refresh()

    def _gone_stale(self) -> None:
        self._fresh = False

    def showEvent(self, event) -> None:
        # People may have been added on another page since this one was last seen.
        if self._fresh:
            self._fresh = False
        else:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        from models import db as dbmod
        from models.backup_state import backup_state

        today = _dt.date.today()
        self.heading.setText(_("{unit}: what needs doing").format(unit=self.context.unit_name))
        if self._cockpit_due:
            self._show_backup(backup_state())  # the cockpit is on its way (_build_cockpit)
        elif self.cockpit is not None:
            self.subheading.setText(_("The units below, as of {date}").format(date=format_date(today)))
            self.cockpit.refresh(today)
            self._show_backup(backup_state())
        else:
            from models.overview import overview

            figures = overview(self.context.unit_code, today)
            self._show_own(figures)
            self._show_backup(backup_state())
        if self.context.on_server:
            self.location.setText(
                _("The database is on the office's server {url}; the server's own backups keep it.").format(
                    url=self.context.db_path
                )
            )
        else:
            self.location.setText(
                _("The database is {path}; automatic backups are kept in {folder}.").format(
                    path=self.context.db_path, folder=dbmod.backups_dir(Path(self.context.db_path))
                )
            )

    def _show_own(self, figures: Overview) -> None:
        """A village's own figures for the year."""
        self.subheading.setText(_("Figures for {year}").format(year=figures.year))

        self.empty.setVisible(figures.people == 0)
        self.members.set(format_number(figures.members))
        self.backbones.set(format_number(figures.backbones))
        self.activities.set(format_number(figures.activities))
        self.trainings.set(format_number(figures.trainings))
        self.attendance.set(format_number(figures.attendances), _("people × half-day sessions"))
        self.activity_summary.refresh()

        self._show_terms(figures.terms_ending)
        self._show_duties(figures)
        self._show_care(figures)

    def _show_duties(self, figures: Overview) -> None:
        from gui.duties.reminders import reminder_text

        found = figures.duties
        self.duties.setVisible(found is not None and found.any)
        if found is None or not found.any:
            return
        self.duties_text.setText(reminder_text(found))
        size = self.duties_text.fontMetrics().height()
        self.duties_icon.setPixmap(icon("warning").pixmap(size, size))

    def _show_care(self, figures: Overview) -> None:
        found = figures.care
        self.care.setVisible(found is not None and found.any)
        if found is None or not found.any:
            return
        n = found.children_not_contacted
        self.care_text.setText(
            ngettext(
                "{n} left-behind child has had no contact with the parents yet this month.",
                "{n} left-behind children have had no contact with their parents yet this month.",
                n,
            ).format(n=n)
        )
        size = self.care_text.fontMetrics().height()
        self.care_icon.setPixmap(icon("warning").pixmap(size, size))

    def _show_backup(self, figures: BackupState) -> None:
        if figures.kept_by_server:
            text = _("Backups: the office's server keeps this database in its own backups.")
        elif figures.last_backup is None:
            text = _("This database has never been backed up. Back it up now, and keep a copy on a USB stick.")
        else:
            text = _("Last backup: {when}.").format(when=format_datetime(figures.last_backup))
            if figures.backup_due:
                text += " " + _("That is {days} days ago; back up now.").format(days=figures.backup_age_days)
        warn = figures.backup_due
        self.backup_label.setText(text)
        self.backup_label.setStyleSheet(WARN_STYLE if warn else "")
        size = self.backup_label.fontMetrics().height()
        self.backup_icon.setPixmap(icon("warning" if warn else "ok").pixmap(size, size))

    def _show_terms(self, ending: tuple[TermEnding, ...]) -> None:
        self.terms.setVisible(bool(ending))
        if not ending:
            self.terms_list.clear()
            return
        lines = []
        for term in ending:
            if term.ended:
                line = _("{unit}: the term ended on {date}; the re-election is due.")
            else:
                line = _("{unit}: the term ends on {date}.")
            lines.append(line.format(unit=term.unit_name, date=format_date(term.term_end)))
        self.terms_list.setText("\n".join(lines))
        size = self.terms_list.fontMetrics().height()
        self.terms_icon.setPixmap(icon("warning").pixmap(size, size))
