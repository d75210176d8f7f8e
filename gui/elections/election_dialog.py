"""Enter one election start to finish: basics, steps, meeting, the three votes, the result.

Everything typed stays in an ``ElectionDraft`` until Save (or Finalise)
writes it in one transaction. Counts are checked as they are typed; every
problem is shown beside its number, and the page list on the left marks the
pages that have one. A vote that ends in a tie for its last seats gets a
run-off vote (另行选举) on a page of its own, right after it.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.fit import em_size, fit_on_show
from gui.context import AppContext
from gui.elections.election_date import format_day
from gui.elections.election_pages import BasicsPage, MeetingPage, StepsPage
from gui.elections.election_round import ERROR_COLOUR, STYLE, WARNING, RoundEditor
from gui.elections.result_dialog import ResultPage
from models.base import ValidationError
from models.elections import records as er
from models.elections.draft import (
    ElectionDraft,
    finalise_draft,
    finalise_problems,
    save_draft,
    sitting_committee,
    text_errors,
)
from models.i18n import N_, _, join_list, ngettext

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
# A run-off's page is called after the vote it settles; its key is "<kind>+<n>".
RUNOFF_TITLES = (N_("{vote} (run-off)"), N_("{vote} (run-off {n})"))


def runoff_key(kind: str, n: int) -> str:
    return f"{kind}+{n}"


class ElectionDialog(QDialog):
    """The guided entry of one election; ``election`` holds the saved record after Accepted."""

    def __init__(self, context: AppContext, election: er.Election | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.election = election
        self.finalised_now = False
        self.draft = ElectionDraft.load(election) if election is not None else ElectionDraft.new()
        self._old_reelected = (
            {m.person_id: m.reelected for m in election.members()}
            if election is not None and self.draft.finalised
            else None
        )
        self._updating = False
        self.page_keys: list[str] = [key for key, _t in PAGES]
        self.page_titles: dict[str, str] = {key: _(title) for key, title in PAGES}
        self.page_problems: dict[str, tuple[list[str], list[str]]] = {key: ([], []) for key, _t in PAGES}
        # Run-offs stored with a finalised election made its committee: they are not taken back here.
        self._finalised_runoffs = (
            {r.uuid for kind in ROUND_PAGES for r in self.draft.runoffs.get(kind, [])}
            if self.draft.finalised
            else set()
        )
        self.setWindowTitle(
            _("Edit election: {title}").format(title=election.title()) if election else _("New election")
        )
        self.setStyleSheet(STYLE)
        self._build()
        self._load()
        self._initial = self.draft.copy()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.page_list = QListWidget()
        self.page_list.setIconSize(QSize(16, 16))
        for key, _title in PAGES:
            item = QListWidgetItem()
            item.setData(Qt.UserRole, key)
            item.setSizeHint(QSize(0, 34))
            self.page_list.addItem(item)
        self.page_list.setToolTip(_("Ctrl+PgDown and Ctrl+PgUp move to the next and previous page."))

        self.basics = BasicsPage()
        self.steps = StepsPage()
        self.meeting = MeetingPage()
        self.rounds = {kind: self._round_editor(kind) for kind in ROUND_PAGES}
        self.runoff_editors: dict[str, list[RoundEditor]] = {kind: [] for kind in ROUND_PAGES}
        self.result = ResultPage()
        self.pages = {
            "basics": self.basics,
            "steps": self.steps,
            "meeting": self.meeting,
            **self.rounds,
            "result": self.result,
        }
        self.stack = QStackedWidget()
        for key, _title in PAGES:
            self.stack.addWidget(self._holder(key, self.pages[key]))
        self._renumber()
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
        self.result.finalise_requested.connect(self.finalise)
        fit_on_show(self, em_size(self, 98, 35))

    def _holder(self, key: str, page: QWidget) -> QWidget:
        """What the stack shows for a page: the form pages scroll, the vote and result pages fill it."""
        if key in ("basics", "steps", "meeting"):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.NoFrame)
            scroll.setFocusPolicy(Qt.NoFocus)  # Tab goes to the fields, not to their frame
            scroll.setWidget(page)
            return scroll
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(9, 9, 9, 9)
        box.addWidget(page)
        return holder

    def _round_editor(self, kind: str, runoff: int = 0) -> RoundEditor:
        editor = RoundEditor(self.context.unit_code, kind, runoff=runoff)
        editor.changed.connect(self._changed)
        editor.runoff_requested.connect(lambda e=editor: self.runoff_requested(e))
        editor.remove_requested.connect(lambda e=editor: self.remove_runoff(e))
        return editor

    def _renumber(self) -> None:
        """Number the pages in order and keep the list as wide as its longest title."""
        for row, key in enumerate(self.page_keys):
            self.page_list.item(row).setText(f"{row + 1}. {self.page_titles[key]}")
        width = max(
            self.page_list.fontMetrics().horizontalAdvance(self.page_list.item(i).text())
            for i in range(self.page_list.count())
        )
        self.page_list.setFixedWidth(width + 60)

    def _load(self) -> None:
        self._updating = True
        self.basics.load(self.draft)
        self.steps.load(self.draft)
        self.meeting.load(self.draft)
        size = self.draft.rounds["committee"].seats
        for kind, editor in self.rounds.items():
            editor.rules = self.draft.rules()
            editor.load(self.draft.rounds[kind], self.draft.counting_base, size)
            for runoff in self.draft.runoffs.get(kind, []):
                self._insert_runoff_page(kind, runoff)
        self._updating = False
        self._changed()
        self.page_list.setCurrentRow(0)

    # --- run-off votes ------------------------------------------------------------------

    def round_editors(self, kind: str) -> list[RoundEditor]:
        """The editor of a kind's vote followed by those of its run-offs."""
        return [self.rounds[kind]] + self.runoff_editors[kind]

    def _insert_runoff_page(self, kind: str, runoff) -> RoundEditor:
        n = len(self.runoff_editors[kind]) + 1
        editor = self._round_editor(kind, runoff=n)
        updating, self._updating = self._updating, True  # the dialog rechecks once the page is in place
        try:
            editor.rules = self.draft.rules()
            editor.load(runoff, self.draft.counting_base)
        finally:
            self._updating = updating
        key = runoff_key(kind, n)
        before = runoff_key(kind, n - 1) if n > 1 else kind
        row = self.page_keys.index(before) + 1
        title = _(RUNOFF_TITLES[0] if n == 1 else RUNOFF_TITLES[1]).format(vote=self.page_titles[kind], n=n)
        self.runoff_editors[kind].append(editor)
        self.pages[key], self.page_titles[key] = editor, title
        self.page_problems[key] = ([], [])
        self.page_keys.insert(row, key)
        self.stack.insertWidget(row, self._holder(key, editor))
        item = QListWidgetItem()
        item.setData(Qt.UserRole, key)
        item.setSizeHint(QSize(0, 34))
        self.page_list.insertItem(row, item)
        self._renumber()
        return editor

    def runoff_requested(self, editor: RoundEditor) -> None:
        """The button beside a tie: add the run-off vote after it, or go to the one already there."""
        chain = self.round_editors(editor.kind)
        place = chain.index(editor)
        if place + 1 < len(chain):
            self.go_to(runoff_key(editor.kind, place + 1))
            return
        runoff = self.draft.add_runoff(editor.draft, self.draft.counting_base)
        if runoff is None:  # the tie went away meanwhile
            self._changed()
            return
        added = self._insert_runoff_page(editor.kind, runoff)
        self._changed()
        self.go_to(runoff_key(editor.kind, added.runoff), focus=False)
        added.numbers["issued"].spin.setFocus(Qt.TabFocusReason)  # seats and names are set: the ballots come next

    def remove_runoff(self, editor: RoundEditor) -> bool:
        """Take back the last run-off vote of its kind, asking first when votes were typed on it."""
        kind = editor.kind
        if not self.runoff_editors[kind] or self.runoff_editors[kind][-1] is not editor:
            return False
        if editor.draft.uuid in self._finalised_runoffs:
            return False
        typed = any((editor.draft.issued, editor.draft.returned, editor.draft.valid, editor.draft.invalid)) or any(
            c.yes or c.no or c.abstain for c in editor.draft.candidates
        )
        if typed and not messages.confirm(
            self,
            _("Remove this run-off vote with the numbers typed on it?"),
            title=self.page_titles[runoff_key(kind, editor.runoff)],
        ):
            return False
        if not self.draft.remove_runoff(editor.draft):
            return False
        key = runoff_key(kind, editor.runoff)
        row = self.page_keys.index(key)
        self.page_list.setCurrentRow(row - 1)
        self.page_keys.pop(row)
        holder = self.stack.widget(row)
        self.stack.removeWidget(holder)
        self.page_list.takeItem(row)
        del self.pages[key], self.page_titles[key], self.page_problems[key]
        self.runoff_editors[kind].pop()
        holder.deleteLater()
        self._renumber()
        self._changed()
        self._focus_first()
        return True

    # --- pages --------------------------------------------------------------------------

    def current_key(self) -> str:
        return self.page_keys[max(self.page_list.currentRow(), 0)]

    def go_to(self, key: str, focus: bool = True) -> None:
        self.page_list.setCurrentRow(self.page_keys.index(key))
        if focus:
            self._focus_first()

    def move_page(self, step: int) -> None:
        row = min(max(self.page_list.currentRow() + step, 0), len(self.page_keys) - 1)
        self.page_list.setCurrentRow(row)
        self._focus_first()

    def _focus_first(self) -> None:
        page = self.pages[self.current_key()]
        first = {
            "basics": self.basics.kind,
            "steps": self.steps.dates["preparatory_group"],
            "meeting": self.meeting.congress_kind,
            "result": self.result.table,
        }.get(self.current_key())
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
        self.next_button.setEnabled(row < len(self.page_keys) - 1)
        if self.page_keys[row] == "result":
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
            base, rules = self.draft.counting_base, self.draft.rules()
            for kind in ROUND_PAGES:
                chain = self.round_editors(kind)
                for place, editor in enumerate(chain):
                    if editor.base != base:
                        editor.set_base(base)
                    editor.set_rules(rules)
                    if place:
                        editor.set_cross_problem(self.draft.runoff_problem(editor.draft, base))
                        editor.set_removable(
                            place == len(chain) - 1 and editor.draft.uuid not in self._finalised_runoffs,
                            _("Remove the run-off vote after this one first.")
                            if place < len(chain) - 1
                            else _("The committee was finalised with this run-off vote; it stays."),
                        )
                    editor.set_followed(place < len(chain) - 1)
                if kind != "committee":
                    chain[0].follow_committee_size(self.draft.rounds["committee"].seats)
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
        for error in text_errors(self.draft):
            field_errors.setdefault(error.field, []).append(error.message)
        basics_errors = self.basics.problems() + [
            m for f in ("kind", "term_years", "notes") for m in field_errors.get(f, [])
        ]
        committee = self.rounds["committee"].state
        # The congress's own attendance carries the committee vote's quorum warning too.
        quorum = {
            name: [item for item in committee.field_problems.get(name, []) if item[0] == WARNING]
            for name in ("entitled", "present")
        }
        meeting = self.meeting.show_problems(field_errors, quorum, self.draft.scrutineer_conflicts())
        self.page_problems = {
            "basics": (basics_errors, []),
            "steps": (self.steps.problems({k: " ".join(field_errors.get(f"steps.{k}", [])) for k in er.STEPS}), []),
            "meeting": meeting,
            "result": (field_errors.get("members", []), []),
        }
        for kind in ROUND_PAGES:
            chain = self.round_editors(kind)
            for place, editor in enumerate(chain):
                key = runoff_key(kind, place) if place else kind
                if editor.draft.is_blank():
                    self.page_problems[key] = ([], [])
                    continue
                warnings = list(editor.state.warnings)
                tie = self.draft.unsettled_tie(kind, self.draft.counting_base) if place == len(chain) - 1 else None
                if tie is not None:
                    # Saving may wait for the run-off; finalising may not (the core refuses it).
                    warnings.append(
                        ngettext(
                            "{names} are tied for the last seat: add a run-off vote.",
                            "{names} are tied for the last seats: add a run-off vote.",
                            tie.runoff_seats,
                        ).format(names=join_list(tie.runoff))
                    )
                names = field_errors.get(f"rounds.{kind}", []) if place == 0 else []
                self.page_problems[key] = (list(editor.state.errors) + names, warnings)
        style = self.style()
        for row, key in enumerate(self.page_keys):
            errors, warnings = self.page_problems[key]
            item = self.page_list.item(row)
            editor = self.pages[key] if isinstance(self.pages[key], RoundEditor) else None
            if errors:
                item.setIcon(style.standardIcon(QStyle.SP_MessageBoxCritical))
                item.setToolTip("\n".join(dict.fromkeys(errors)))
            elif warnings:
                item.setIcon(style.standardIcon(QStyle.SP_MessageBoxWarning))
                item.setToolTip("\n".join(dict.fromkeys(warnings)))
            else:
                item.setIcon(
                    style.standardIcon(QStyle.SP_DialogApplyButton)
                    if editor is not None and not editor.draft.is_blank()
                    else _blank_icon()
                )
                item.setToolTip("")

    def blocking_problems(self) -> dict[str, list[str]]:
        """Page → errors that refuse saving (warnings never do)."""
        return {key: errors for key, (errors, _w) in self.page_problems.items() if errors}

    def _show_result(self) -> None:
        reelected = self._old_reelected
        if reelected is None:
            people = [c.person for r in self.draft.all_rounds() for c in r.candidates if c.person]
            reelected = sitting_committee(people)
        members = self.draft.preview(reelected)
        term = None
        if self.election is not None and self.election.term_start:
            term = (self.election.term_start, self.election.term_end)
        confirmed = self.election.confirmed_warnings if self.election is not None else ""
        self.result.show_draft(self.draft, members, term, confirmed)
        blocked = bool(self.blocking_problems())
        errors, warnings = [], []
        if not blocked:
            # Asked of the draft in memory: nothing is written, so an import holding the write lock cannot stall us.
            errors, found = finalise_problems(self.draft, self.context.unit_code)
            warnings = [text for _code, text in found]
        self.result.show_checks(errors, warnings, blocked)

    # --- saving --------------------------------------------------------------------------

    def _refuse_if_blocked(self) -> bool:
        self._changed()
        blocking = self.blocking_problems()
        if not blocking:
            return False
        count = sum(len(v) for v in blocking.values())
        pages = [self.page_titles[key] for key in self.page_keys if key in blocking]
        self.banner.setText(
            _("Not saved: correct what is marked in red first ({n} problems on: {pages}).").format(
                n=count, pages=join_list(pages)
            )
        )
        self.banner.setVisible(True)
        if self.current_key() not in blocking:
            self.go_to(next(key for key in self.page_keys if key in blocking), focus=False)
        return True

    def save(self) -> bool:
        """Write the election, its steps, rounds and candidates in one transaction and close."""
        if self._refuse_if_blocked():
            return False
        try:
            self.election = save_draft(self.draft, self.context.unit_code)
        except ValidationError as exc:
            self.banner.setText(_("Not saved: {problems}").format(problems=" ".join(e.message for e in exc.errors)))
            self.banner.setVisible(True)
            return False
        except Exception as exc:
            messages.error(
                self,
                _("The election could not be saved; nothing was written: {error}").format(error=exc),
                detail="".join(traceback.format_exception(exc)),
            )
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
                    messages.error(
                        self,
                        _("The election cannot be finalised yet:")
                        + "\n\n"
                        + "\n".join(f"• {e}" for e in refused.errors),
                        title=_("Finalise"),
                    )
                    self._show_result()
                    return False
                text = (
                    _("Finalise despite these warnings? Your confirmation is recorded with the election.")
                    + "\n\n"
                    + "\n".join(f"• {text}" for _code, text in refused.warnings)
                )
                if not messages.confirm(self, text, title=_("Finalise")):
                    return False
                confirmed = True
            except ValidationError as exc:
                messages.error(self, "\n".join(e.message for e in exc.errors), title=_("Finalise"))
                return False
            except Exception as exc:
                messages.error(
                    self,
                    _("The election could not be finalised; nothing was changed: {error}").format(error=exc),
                    detail="".join(traceback.format_exception(exc)),
                    title=_("Finalise"),
                )
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
            self, _("Discard the changes you typed?"), title=self.windowTitle()
        ):
            return
        super().reject()


def _blank_icon():
    from PySide6.QtGui import QIcon, QPixmap

    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.transparent)
    return QIcon(pixmap)
