"""Enter one election start to finish: basics, steps, meeting, the three votes, the result.

Everything typed stays in an ``ElectionDraft`` until Save (or Finalise)
writes it in one transaction. Counts are checked as they are typed; every
problem is shown beside its number, and the page list on the left marks the
pages that have one.
"""
from __future__ import annotations

import traceback

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QStackedWidget, QStyle,
    QVBoxLayout, QWidget,
)

from models import election_records as er
from models.base import ValidationError
from models.i18n import N_, _, join_list

from .. import messages
from ..context import AppContext
from ..widgets.election_date import format_day
from ..widgets.election_round import ERROR_COLOUR, STYLE, WARNING, RoundEditor
from .election_draft import ElectionDraft, _previous_committee, finalise_draft, finalise_problems
from .election_pages import BasicsPage, MeetingPage, StepsPage
from .election_result import ResultPage

PAGES = (
    ("basics", N_("Basics")),
    ("steps", N_("Steps")),
    ("meeting", N_("Meeting")),
    ("committee", N_("Executive committee vote")),
    ("chair", N_("Chair vote")),
    ("vice_chair", N_("Vice-chair vote")),
    ("result", N_("Result")),
)
ROUND_PAGES = ("committee", "chair", "vice_chair")


class ElectionDialog(QDialog):
    """The guided entry of one election; ``election`` holds the saved record after Accepted."""

    def __init__(self, context: AppContext, election: er.Election | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.election = election
        self.finalised_now = False
        self.draft = ElectionDraft.load(election) if election is not None else ElectionDraft.new()
        self._old_reelected = ({m.person_id: m.reelected for m in election.members()}
                               if election is not None and self.draft.finalised else None)
        self._updating = False
        self.page_problems: dict[str, tuple[list[str], list[str]]] = {key: ([], []) for key, _t in PAGES}
        self.setWindowTitle(_("Edit election: {title}").format(title=election.title()) if election
                            else _("New election"))
        self.setStyleSheet(STYLE)
        self._build()
        self._load()
        self._initial = self.draft.copy()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.page_list = QListWidget()
        self.page_list.setIconSize(QSize(16, 16))
        for number, (key, title) in enumerate(PAGES, start=1):
            item = QListWidgetItem(f"{number}. {_(title)}")
            item.setData(Qt.UserRole, key)
            item.setSizeHint(QSize(0, 34))
            self.page_list.addItem(item)
        width = max(self.page_list.fontMetrics().horizontalAdvance(self.page_list.item(i).text())
                    for i in range(self.page_list.count()))
        self.page_list.setFixedWidth(width + 60)
        self.page_list.setToolTip(_("Ctrl+PgDown and Ctrl+PgUp move to the next and previous page."))

        self.basics = BasicsPage()
        self.steps = StepsPage()
        self.meeting = MeetingPage()
        self.rounds = {kind: RoundEditor(self.context.unit_code, kind) for kind in ROUND_PAGES}
        self.result = ResultPage()
        self.pages = {"basics": self.basics, "steps": self.steps, "meeting": self.meeting, **self.rounds,
                      "result": self.result}
        self.stack = QStackedWidget()
        for key, _title in PAGES:
            page = self.pages[key]
            if key in ("basics", "steps", "meeting"):
                scroll = QScrollArea()
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QScrollArea.NoFrame)
                scroll.setFocusPolicy(Qt.NoFocus)  # Tab goes to the fields, not to their frame
                scroll.setWidget(page)
                self.stack.addWidget(scroll)
            else:
                holder = QWidget()
                box = QVBoxLayout(holder)
                box.setContentsMargins(9, 9, 9, 9)
                box.addWidget(page)
                self.stack.addWidget(holder)
        self.page_list.currentRowChanged.connect(self._page_changed)

        self.back_button = QPushButton(_("‹ Back"))
        self.back_button.setToolTip(_("Previous page (Ctrl+PgUp)"))
        self.next_button = QPushButton(_("Next ›"))
        self.next_button.setToolTip(_("Next page (Ctrl+PgDown)"))
        self.save_button = QPushButton(_("Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.cancel_button = QPushButton(_("Cancel"))
        for button in (self.back_button, self.next_button, self.save_button, self.cancel_button):
            button.setAutoDefault(False)
        self.back_button.clicked.connect(lambda: self.move_page(-1))
        self.next_button.clicked.connect(lambda: self.move_page(1))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.banner.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.banner, 100)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.Save, self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=lambda: self.move_page(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=lambda: self.move_page(-1))

        for page in (self.basics, self.steps, self.meeting):
            page.changed.connect(self._changed)
        for editor in self.rounds.values():
            editor.changed.connect(self._changed)
        self.result.finalise_requested.connect(self.finalise)
        self.resize(1080, 700)

    def _load(self) -> None:
        self._updating = True
        self.basics.load(self.draft)
        self.steps.load(self.draft)
        self.meeting.load(self.draft)
        size = self.draft.rounds["committee"].seats
        for kind, editor in self.rounds.items():
            editor.load(self.draft.rounds[kind], self.draft.counting_base, size)
        self._updating = False
        self._changed()
        self.page_list.setCurrentRow(0)

    # --- pages --------------------------------------------------------------------------

    def current_key(self) -> str:
        return PAGES[max(self.page_list.currentRow(), 0)][0]

    def go_to(self, key: str, focus: bool = True) -> None:
        self.page_list.setCurrentRow(next(i for i, (k, _t) in enumerate(PAGES) if k == key))
        if focus:
            self._focus_first()

    def move_page(self, step: int) -> None:
        row = min(max(self.page_list.currentRow() + step, 0), len(PAGES) - 1)
        self.page_list.setCurrentRow(row)
        self._focus_first()

    def _focus_first(self) -> None:
        page = self.pages[self.current_key()]
        first = {"basics": self.basics.kind, "steps": self.steps.dates["preparatory_group"],
                 "meeting": self.meeting.congress_kind, "result": self.result.table}.get(self.current_key())
        if first is None:
            first = page.numbers["seats"].spin
        if first is self.result.table and self.result.table.isHidden():
            first = self.result.finalise_button
        first.setFocus(Qt.TabFocusReason)

    def _page_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(PAGES) - 1)
        if PAGES[row][0] == "result":
            self._show_result()

    # --- keeping the draft and the checks current ----------------------------------------

    def _changed(self) -> None:
        if self._updating:
            return
        self._updating = True
        try:
            previous_meeting = self.draft.meeting_date
            self.basics.store(self.draft)
            self.meeting.store(self.draft)
            self._follow_meeting_date(previous_meeting)
            self.steps.store(self.draft)
            committee = self.rounds["committee"]
            committee.set_meeting(self.draft.entitled, self.draft.present)
            for kind, editor in self.rounds.items():
                if editor.base != self.draft.counting_base:
                    editor.set_base(self.draft.counting_base)
                if kind != "committee":
                    editor.follow_committee_size(self.draft.rounds["committee"].seats)
            committee.recount()
            self._check()
            if self.banner.isVisible() and not self.blocking_problems():
                self.banner.setVisible(False)
            if self.current_key() == "result":
                self._show_result()
        finally:
            self._updating = False

    def _follow_meeting_date(self, previous) -> None:
        """The congress step is done the day of the congress, unless typed otherwise."""
        field = self.steps.dates["congress"]
        if self.draft.meeting_date and field.text().strip() in ("", format_day(previous)):
            field.set_date(self.draft.meeting_date)

    def _check(self) -> None:
        """Recheck every page and mark the page list."""
        record = self.draft.record(self.context.unit_code)
        field_errors: dict[str, list[str]] = {}
        for error in er.validate_election(record):
            field_errors.setdefault(error.field, []).append(error.message)
        basics_errors = self.basics.problems() + [m for f in ("kind", "term_years") for m in field_errors.get(f, [])]
        committee = self.rounds["committee"].state
        # The congress's own attendance carries the committee vote's quorum warning too.
        quorum = {name: [item for item in committee.field_problems.get(name, []) if item[0] == WARNING]
                  for name in ("entitled", "present")}
        meeting = self.meeting.show_problems(field_errors, quorum, self.draft.scrutineer_conflicts())
        self.page_problems = {"basics": (basics_errors, []), "steps": (self.steps.problems(), []),
                              "meeting": meeting, "result": ([], [])}
        for kind, editor in self.rounds.items():
            blank = editor.draft.is_blank()
            self.page_problems[kind] = ([], []) if blank else (list(editor.state.errors), list(editor.state.warnings))
        style = self.style()
        for row, (key, _title) in enumerate(PAGES):
            errors, warnings = self.page_problems[key]
            item = self.page_list.item(row)
            if errors:
                item.setIcon(style.standardIcon(QStyle.SP_MessageBoxCritical))
                item.setToolTip("\n".join(dict.fromkeys(errors)))
            elif warnings:
                item.setIcon(style.standardIcon(QStyle.SP_MessageBoxWarning))
                item.setToolTip("\n".join(dict.fromkeys(warnings)))
            else:
                item.setIcon(style.standardIcon(QStyle.SP_DialogApplyButton) if key in ROUND_PAGES
                             and not self.draft.rounds[key].is_blank() else _blank_icon())
                item.setToolTip("")

    def blocking_problems(self) -> dict[str, list[str]]:
        """Page → errors that refuse saving (warnings never do)."""
        return {key: errors for key, (errors, _w) in self.page_problems.items() if errors}

    def _show_result(self) -> None:
        reelected = self._old_reelected
        if reelected is None:
            people = [c.person for r in self.draft.rounds.values() for c in r.candidates if c.person]
            reelected = _previous_committee(people)
        members = self.draft.preview(reelected)
        term = None
        if self.election is not None and self.election.term_start:
            term = (self.election.term_start, self.election.term_end)
        confirmed = self.election.confirmed_warnings if self.election is not None else ""
        self.result.show_draft(self.draft, members, term, confirmed)
        blocked = bool(self.blocking_problems())
        errors, warnings = [], []
        if not blocked:
            try:
                errors, found = finalise_problems(self.draft, self.context.unit_code)
                warnings = [text for _code, text in found]
            except ValidationError as exc:
                errors = [e.message for e in exc.errors]
            except Exception as exc:  # noqa: BLE001 (the trial write was rolled back; say why it failed)
                errors = [_("The election cannot be stored as typed: {error}").format(error=exc)]
        self.result.show_checks(errors, warnings, blocked)

    # --- saving --------------------------------------------------------------------------

    def _refuse_if_blocked(self) -> bool:
        self._changed()
        blocking = self.blocking_problems()
        if not blocking:
            return False
        count = sum(len(v) for v in blocking.values())
        pages = [_(title) for key, title in PAGES if key in blocking]
        self.banner.setText(_("Not saved: correct what is marked in red first ({n} problems on: {pages}).").format(
            n=count, pages=join_list(pages)))
        self.banner.setVisible(True)
        if self.current_key() not in blocking:
            self.go_to(next(key for key, _t in PAGES if key in blocking), focus=False)
        return True

    def save(self) -> bool:
        """Write the election, its steps, rounds and candidates in one transaction and close."""
        if self._refuse_if_blocked():
            return False
        try:
            self.election = self.draft.write(self.context.unit_code)
        except ValidationError as exc:
            self.banner.setText(_("Not saved: {problems}").format(problems=" ".join(e.message for e in exc.errors)))
            self.banner.setVisible(True)
            return False
        except Exception as exc:  # noqa: BLE001 (the transaction was rolled back; the typed data stays here)
            messages.error(self, _("The election could not be saved; nothing was written: {error}").format(error=exc),
                           detail="".join(traceback.format_exception(exc)))
            return False
        self.draft.stored = True
        self._initial = self.draft.copy()
        self.accept()
        return True

    def finalise(self) -> bool:
        """Save and turn the votes into the committee; refused on errors, warnings confirmed first."""
        if self._refuse_if_blocked():
            return False
        unit = self.context.unit_code
        confirmed = False
        while True:
            try:
                election = finalise_draft(self.draft, unit, confirm_warnings=confirmed)
                break
            except er.FinaliseRefused as refused:
                if refused.errors or confirmed:
                    messages.error(self, _("The election cannot be finalised yet:") + "\n\n"
                                   + "\n".join(f"• {e}" for e in refused.errors), title=_("Finalise"))
                    self._show_result()
                    return False
                text = (_("Finalise despite these warnings? Your confirmation is recorded with the election.")
                        + "\n\n" + "\n".join(f"• {text}" for _code, text in refused.warnings))
                if not messages.confirm(self, text, title=_("Finalise")):
                    return False
                confirmed = True
            except ValidationError as exc:
                messages.error(self, "\n".join(e.message for e in exc.errors), title=_("Finalise"))
                return False
            except Exception as exc:  # noqa: BLE001 (rolled back: the roster and the election are as they were)
                messages.error(self, _("The election could not be finalised; nothing was changed: {error}").format(
                    error=exc), detail="".join(traceback.format_exception(exc)), title=_("Finalise"))
                return False
        self.election = election
        self.finalised_now = True
        self.draft.stored = True
        self._initial = self.draft.copy()
        self.accept()
        return True

    def has_changes(self) -> bool:
        if not self._updating:
            self._changed()
        return self.draft != self._initial

    def reject(self) -> None:
        if self.has_changes() and not messages.confirm(
                self, _("Discard the changes you typed?"), title=self.windowTitle()):
            return
        super().reject()


def _blank_icon():
    from PySide6.QtGui import QIcon, QPixmap

    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.transparent)
    return QIcon(pixmap)
