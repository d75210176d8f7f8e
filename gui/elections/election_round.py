"""One round of voting as typed: seats, attendance, ballots, candidates and votes, counted as they are typed."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.elections.election_picker import PersonPicker
from gui.elections.tally_candidates import (
    ABSTAIN,
    COLUMN_OF,
    NAME,
    NO,
    OUTCOMES,
    RESULT,
    YES,
    CandidateModel,
    CandidateTable,
)
from models.elections.draft import CandidateDraft, RoundDraft, explain_name_problem
from models.elections.records import BASE_LABELS, round_name
from models.elections.tally import DEFAULT_RULES, ERROR_CODES, ElectionRules
from models.i18n import N_, _, join_list, ngettext
from models.people import normalize_name

ERROR, WARNING = "error", "warning"
ERROR_COLOUR = "#B3261E"
WARNING_COLOUR = "#8A5300"
MUTED_COLOUR = "#52606D"
MAX_PEOPLE = 9999

# Labels and line edits take a style sheet well; spin boxes and combo boxes lose their arrows
# under one, so they are tinted through their palette instead (see set_level).
STYLE = f"""
QLineEdit[level="error"] {{ border: 1px solid {ERROR_COLOUR}; border-radius: 2px; background: #FDE7E5; }}
QLineEdit[level="warning"] {{ border: 1px solid {WARNING_COLOUR}; border-radius: 2px; background: #FFF4DC; }}
QLabel[level="error"] {{ color: {ERROR_COLOUR}; }}
QLabel[level="warning"] {{ color: {WARNING_COLOUR}; }}
QLabel[role="muted"] {{ color: {MUTED_COLOUR}; }}
QFrame#runoffBox {{ border: 1px solid {WARNING_COLOUR}; border-radius: 3px; background: #FFF4DC; }}
QFrame#runoffBox QLabel {{ color: {WARNING_COLOUR}; background: transparent; }}
"""
TINTS = {"error": "#F7C1BB", "warning": "#FFDF9E"}

NUMBER_LABELS = {
    "seats": N_("Seats"),
    "entitled": N_("Entitled (应到)"),
    "present": N_("Present (实到)"),
    "issued": N_("Ballots issued"),
    "returned": N_("Ballots returned"),
    "valid": N_("Valid ballots"),
    "invalid": N_("Invalid ballots"),
}
ROUND_HINTS = {
    "committee": N_("Voted by the congress. Who may vote comes from the Meeting page."),
    "chair": N_("Voted by the new executive committee at its first plenary meeting."),
    "vice_chair": N_("Voted by the new executive committee at its first plenary meeting."),
}
RUNOFF_HINT = N_(
    "A run-off vote (另行选举) among the candidates tied for the last seats in the vote before: only "
    "they are on the ballot, and the seats are those the tie left open."
)


def level_of(widget: QWidget) -> str:
    # Kept on the Python side: QObject.property() of an unset property returns None without
    # counting the reference in PySide6 6.12, which crashes the interpreter in the end.
    return getattr(widget, "_tally_level", "")


def set_level(widget: QWidget, level: str) -> None:
    """Mark a widget as holding an error or a warning ("" clears) and restyle it."""
    if level_of(widget) == level:
        return
    widget._tally_level = level
    if isinstance(widget, (QAbstractSpinBox, QComboBox)):
        palette = QPalette(widget.palette())
        base = QApplication.palette().color(QPalette.Base)
        palette.setColor(QPalette.Base, QColor(TINTS[level]) if level else base)
        palette.setColor(
            QPalette.Button, QColor(TINTS[level]) if level else QApplication.palette().color(QPalette.Button)
        )
        widget.setPalette(palette)
        return
    widget.setProperty("level", level)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class TallyNumber:
    """A labelled count with its message beside it: what rule the number breaks, if any."""

    def __init__(self, text: str, minimum: int = 0, maximum: int = MAX_PEOPLE):
        self.label = QLabel(text)
        self.spin = QSpinBox()
        self.spin.setRange(minimum, maximum)
        self.spin.setAlignment(Qt.AlignRight)
        self.spin.setMinimumWidth(self.spin.fontMetrics().horizontalAdvance("00000") + 40)
        self.label.setBuddy(self.spin)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)

    def set_problems(self, problems: list[tuple[str, str]]) -> None:
        texts = list(dict.fromkeys(text for _level, text in problems))
        level = ERROR if any(lv == ERROR for lv, _t in problems) else (WARNING if problems else "")
        self.message.setText("\n".join(texts))
        self.message.setVisible(bool(texts))
        set_level(self.message, level)
        set_level(self.spin, level)

    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def level(self) -> str:
        return level_of(self.spin)


@dataclass
class RoundState:
    """What the last count found: for page markers, the meeting page and saving."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    field_problems: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    elected: list[str] = field(default_factory=list)


class RoundEditor(QWidget):
    """Edits one RoundDraft in place and recounts it after every keystroke.

    ``runoff`` is 0 for the first vote of a kind and 1, 2, … for the run-offs
    that settle its tie (另行选举).
    """

    changed = Signal()  # something was typed; the state has been recounted
    runoff_requested = Signal()  # the tie shown here should get (or show) its run-off vote
    remove_requested = Signal()  # take this run-off vote back

    def __init__(self, unit_code: str, kind: str, parent: QWidget | None = None, runoff: int = 0):
        super().__init__(parent)
        self.kind = kind
        self.runoff = runoff
        self.draft: RoundDraft | None = None
        self.base = "entitled"
        self.rules: ElectionRules = DEFAULT_RULES  # the election's own counting rules
        self.state = RoundState()
        self.result = None  # the last count (TallyResult), None while names stop counting
        self._loading = False
        # 应到/实到 of the chair votes follow the committee's size until typed; a run-off's are
        # copied from the vote before it.
        self._follow_size = kind != "committee" and not runoff
        self._followed = False  # a run-off already follows this vote
        self._cross_problem = ""  # what the dialog found comparing a run-off with the tie before it
        self.setStyleSheet(STYLE)

        title = QLabel(round_name(kind, runoff))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(_(RUNOFF_HINT) if runoff else _(ROUND_HINTS[kind]))
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        self.title_label = title
        self.remove_round_button = QPushButton(_("Remove this run-off vote"))
        self.remove_round_button.setAutoDefault(False)
        self.remove_round_button.setToolTip(_("Take this run-off vote back, with what was typed on it."))
        self.remove_round_button.clicked.connect(self.remove_requested.emit)
        self.remove_round_button.setVisible(bool(runoff))
        title_row = QHBoxLayout()
        title_row.addWidget(title, 1)
        title_row.addWidget(self.remove_round_button, 0, Qt.AlignTop)

        self.numbers = {name: TallyNumber(_(text), 1 if name == "seats" else 0) for name, text in NUMBER_LABELS.items()}
        self.competitive = QComboBox()
        self.competitive.addItem(_("Competitive (more candidates than seats)"), True)
        self.competitive.addItem(_("Non-competitive (as many candidates as seats)"), False)
        self.competitive_label = QLabel(_("Kind of vote"))
        self.competitive_label.setBuddy(self.competitive)
        self.runoff_kind = QLabel(_("Run-off among the tied (the 10% rule does not apply)"))
        self.runoff_kind.setProperty("role", "muted")
        self.runoff_kind.setVisible(bool(runoff))
        self.competitive.setVisible(not runoff)
        if kind == "committee" and not runoff:
            for name in ("entitled", "present"):
                spin = self.numbers[name].spin
                spin.setReadOnly(True)
                spin.setButtonSymbols(QSpinBox.NoButtons)
                spin.setFocusPolicy(Qt.NoFocus)
                spin.setToolTip(_("Set on the Meeting page."))

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        layout_rows = (("seats", "competitive"), ("entitled", "present"), ("issued", "returned"), ("valid", "invalid"))
        for row, pair in enumerate(layout_rows):
            for half, name in enumerate(pair):
                column = half * 3
                if name == "competitive":
                    grid.addWidget(self.competitive_label, row, column, Qt.AlignRight | Qt.AlignVCenter)
                    grid.addWidget(self.competitive, row, column + 1, 1, 2)
                    grid.addWidget(self.runoff_kind, row, column + 1, 1, 2)
                    continue
                number = self.numbers[name]
                grid.addWidget(number.label, row, column, Qt.AlignRight | Qt.AlignTop)
                grid.addWidget(number.spin, row, column + 1, Qt.AlignTop)
                grid.addWidget(number.message, row, column + 2, Qt.AlignTop)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(5, 1)
        grid.setColumnMinimumWidth(3, 0)

        self.picker = PersonPicker(unit_code)
        self.picker.chosen.connect(self._picked)
        self.picker.problem.connect(self._picker_problem)
        self.picker.textChanged.connect(lambda _t: self._picker_problem(""))
        picker_label = QLabel(_("Add a candidate"))
        picker_label.setBuddy(self.picker)
        self.write_in = QCheckBox(_("Written in on the ballots (另选他人)"))
        self.add_button = QPushButton(_("Add"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.picker.take_typed)
        self.picker_message = QLabel()
        self.picker_message.setProperty("level", ERROR)
        self.picker_message.setVisible(False)
        self.picker_message.setWordWrap(True)
        add_row = QHBoxLayout()
        add_row.addWidget(picker_label)
        add_row.addWidget(self.picker, 1)
        add_row.addWidget(self.write_in)
        add_row.addWidget(self.add_button)

        self.model = CandidateModel(self)
        self.model.edited.connect(self.recount)
        self.table = CandidateTable()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.Stretch)
        header.setHighlightSections(False)
        # Room for five-digit counts and the longest outcome, whatever the rows hold now.
        digits = self.table.fontMetrics().horizontalAdvance("000000") + 24
        for column in (YES, NO, ABSTAIN):
            header.setSectionResizeMode(column, QHeaderView.Fixed)
            self.table.setColumnWidth(column, max(digits, header.sectionSizeHint(column)))
        header.setSectionResizeMode(RESULT, QHeaderView.Fixed)
        bold = self.table.font()
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(_(text)) for text in OUTCOMES.values())
        self.table.setColumnWidth(RESULT, widest + 24)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 5)
        QShortcut(QKeySequence.Delete, self.table, activated=self.remove_selected, context=Qt.WidgetShortcut)

        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Remove the selected candidate (Delete)"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.sort_button = QPushButton(_("Sort by surname strokes"))
        self.sort_button.setToolTip(_("Order the names as ballots and results list them (按姓氏笔画排序)"))
        self.sort_button.setAutoDefault(False)
        self.sort_button.clicked.connect(self.sort_by_strokes)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        table_buttons = QHBoxLayout()
        table_buttons.addWidget(self.count_label, 1)
        table_buttons.addWidget(self.sort_button)
        table_buttons.addWidget(self.remove_button)

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.RichText)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.RichText)
        self.result_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        # A tie for the last seats: the rules call a run-off among the tied, never the program's pick.
        self.runoff_box = QFrame()
        self.runoff_box.setObjectName("runoffBox")
        self.runoff_label = QLabel()
        self.runoff_label.setWordWrap(True)
        self.runoff_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.runoff_button = QPushButton(_("Add a run-off vote"))
        self.runoff_button.setAutoDefault(False)
        self.runoff_button.clicked.connect(self.runoff_requested.emit)
        box = QHBoxLayout(self.runoff_box)
        box.setContentsMargins(8, 6, 8, 6)
        box.addWidget(self.runoff_label, 1)
        box.addWidget(self.runoff_button, 0, Qt.AlignVCenter)
        self.runoff_box.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(title_row)
        layout.addWidget(hint)
        layout.addSpacing(4)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addLayout(add_row)
        layout.addWidget(self.picker_message)
        layout.addWidget(self.table, 1)
        layout.addLayout(table_buttons)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.runoff_box)

        for name, number in self.numbers.items():
            number.spin.valueChanged.connect(lambda value, n=name: self._number_changed(n, value))
        self.competitive.currentIndexChanged.connect(self._competitive_changed)
        self.setTabOrder(self.numbers["seats"].spin, self.competitive)

    # --- loading ------------------------------------------------------------------------

    def load(self, draft: RoundDraft, base: str, committee_size: int | None = None) -> None:
        self._loading = True
        self.draft, self.base = draft, base
        for name, number in self.numbers.items():
            number.spin.setValue(getattr(draft, name))
        self.competitive.setCurrentIndex(0 if draft.competitive else 1)
        self.model.set_round(draft)
        if committee_size is not None and self.kind != "committee" and not self.runoff:
            self._follow_size = draft.entitled == draft.present == committee_size or (
                draft.entitled == draft.present == 0
            )
        self._loading = False
        self.recount()

    def set_followed(self, followed: bool) -> None:
        """Whether a run-off vote already follows this one (its button then goes there)."""
        if followed != self._followed:
            self._followed = followed
            self._show_result(self.result)

    def set_cross_problem(self, text: str) -> None:
        """An error only the whole election shows: a run-off that does not match the tie before it."""
        if text != self._cross_problem:
            self._cross_problem = text
            self.recount()

    def set_removable(self, removable: bool, why: str = "") -> None:
        self.remove_round_button.setEnabled(removable)
        self.remove_round_button.setToolTip(
            _("Take this run-off vote back, with what was typed on it.") if removable else why
        )

    def set_base(self, base: str) -> None:
        self.base = base
        self.recount()

    def set_rules(self, rules: ElectionRules) -> None:
        """Count by the election's own rules (its 选举办法), as chosen on the meeting page."""
        if rules != self.rules:
            self.rules = rules
            self.recount()

    def set_meeting(self, entitled: int, present: int) -> None:
        """The committee round is voted by the congress: its numbers are the meeting's."""
        if self.kind == "committee" and not self.runoff:
            self.numbers["entitled"].spin.setValue(entitled)
            self.numbers["present"].spin.setValue(present)

    def follow_committee_size(self, size: int) -> None:
        """The chair and vice-chairs are voted by the new committee: its size, until typed otherwise."""
        if (
            self.kind == "committee"
            or self.runoff
            or not self._follow_size
            or self.draft.entitled == self.draft.present == size
        ):
            return
        self._loading = True
        self.numbers["entitled"].spin.setValue(size)
        self.numbers["present"].spin.setValue(size)
        self.draft.entitled = self.draft.present = size
        self._loading = False
        self.recount()

    # --- editing ------------------------------------------------------------------------

    def _number_changed(self, name: str, value: int) -> None:
        if self.draft is None:
            return
        setattr(self.draft, name, value)
        if not self._loading and name in ("entitled", "present") and (self.kind != "committee" or self.runoff):
            self._follow_size = False
        if not self._loading:
            self.recount()

    def _competitive_changed(self, _index: int) -> None:
        if self.draft is None:
            return
        self.draft.competitive = bool(self.competitive.currentData())
        if not self._loading:
            self.recount()

    def add_candidate(self, name: str, person: str | None = None, write_in: bool = False) -> int:
        row = self.model.add(CandidateDraft(normalize_name(name), person or None, write_in))
        self.table.setCurrentIndex(self.model.index(row, YES))
        self.table.scrollTo(self.model.index(row, YES))
        return row

    def _picked(self, name: str, person: str) -> None:
        row = self.add_candidate(name, person, self.write_in.isChecked())
        self.write_in.setChecked(False)
        self.table.selectionModel().setCurrentIndex(self.model.index(row, YES), QItemSelectionModel.ClearAndSelect)
        self.picker.setFocus()

    def _picker_problem(self, text: str) -> None:
        self.picker_message.setText(text)
        self.picker_message.setVisible(bool(text))

    def remove_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def sort_by_strokes(self) -> None:
        self.model.sort_by_strokes()

    def names(self) -> list[str]:
        return [c.name for c in self.model.candidates()]

    # --- counting -----------------------------------------------------------------------

    def recount(self) -> None:
        """Apply the counting rules to what is typed and put every problem beside its number."""
        draft = self.draft
        if draft is None:
            return
        state = RoundState(field_problems={name: [] for name in self.numbers})
        cells: dict[tuple[int, int], tuple[str, str]] = {}
        below: list[tuple[str, str]] = []
        outcomes: dict[str, str] = {}
        rows = {normalize_name(c.name): i for i, c in enumerate(draft.candidates)}

        for row, code in draft.name_problems().items():
            text = explain_name_problem(code)
            cells[(row, NAME)] = (ERROR, text)
            below.append((ERROR, _("Row {n}: {message}").format(n=row + 1, message=text)))
            state.errors.append(text)
        if self._cross_problem:
            below.append((ERROR, self._cross_problem))
            state.errors.append(self._cross_problem)
        result = draft.tally(self.base, self.rules)
        self.result = result
        if result is not None and not draft.is_blank():
            for problem in result.problems:
                level = ERROR if problem.code in ERROR_CODES else WARNING
                (state.errors if level == ERROR else state.warnings).append(result.describe(problem))
                if problem.field in self.numbers:
                    state.field_problems[problem.field].append((level, result.message(problem.code)))
                elif problem.field in COLUMN_OF:
                    targets = [rows[problem.candidate]] if problem.candidate in rows else list(rows.values())
                    for row in targets:
                        cells[(row, COLUMN_OF[problem.field])] = (level, result.describe(problem))
                    below.append((level, result.describe(problem)))
                else:  # the number of candidates: the sentence says how many the rules need
                    below.append((level, result.message(problem.code)))
            if not result.void:
                state.elected = list(result.elected)
                for name in result.ranking:
                    outcomes[name] = (
                        "elected"
                        if name in result.elected
                        else "runoff"
                        if name in result.runoff
                        else "passed"
                        if name in result.passed
                        else "failed"
                    )
        for name, number in self.numbers.items():
            number.set_problems(state.field_problems.get(name, []))
        set_level(self.competitive, "")
        self.model.set_marks(cells, outcomes if self._votes_typed() else {})
        self._show_below(below)
        self._show_result(result)
        total = len(draft.candidates)
        self.count_label.setText(
            ngettext("{n} candidate for {seats} seats", "{n} candidates for {seats} seats", total).format(
                n=total, seats=draft.seats
            )
        )
        self.state = state
        self.changed.emit()

    def _votes_typed(self) -> bool:
        draft = self.draft
        return bool(draft.valid or any(c.yes or c.no or c.abstain for c in draft.candidates))

    def _show_below(self, below: list[tuple[str, str]]) -> None:
        lines = []
        for level, text in below:
            colour = ERROR_COLOUR if level == ERROR else WARNING_COLOUR
            sign = "✖" if level == ERROR else "⚠"
            lines.append(f'<div style="color:{colour}">{sign} {_escape(text)}</div>')
        self.problems_label.setText("".join(lines))
        self.problems_label.setVisible(bool(lines))

    def _show_result(self, result) -> None:
        draft = self.draft
        if draft is None:
            return
        if result is None:
            text = _("The votes are counted once every name is on the list exactly once.")
        elif draft.is_blank() or not self._votes_typed():
            text = _("Counting starts as soon as the ballots and votes are typed.")
        elif result.void:
            text = (
                f'<span style="color:{ERROR_COLOUR}">'
                + _escape(_("The vote is void while the errors stand; nobody is elected."))
                + "</span>"
            )
        else:
            need = result.base_count // 2 + 1
            parts = [
                _escape(
                    _("A candidate needs {rule} ({count}): at least {need} votes for.").format(
                        rule=_(BASE_LABELS[result.base]), count=result.base_count, need=need
                    )
                )
            ]
            if result.elected:
                parts.append("<b>" + _escape(_("Elected: {names}.").format(names=join_list(result.elected))) + "</b>")
            else:
                parts.append("<b>" + _escape(_("Nobody is elected.")) + "</b>")
            if result.vacant:
                parts.append(
                    f'<span style="color:{WARNING_COLOUR}">'
                    + _escape(
                        ngettext("{n} seat stays vacant.", "{n} seats stay vacant.", result.vacant).format(
                            n=result.vacant
                        )
                    )
                    + "</span>"
                )
            text = " ".join(parts)
        self.result_label.setText(text)
        self._show_runoff(result if result is not None and not draft.is_blank() and self._votes_typed() else None)

    def _show_runoff(self, result) -> None:
        tied = result is not None and not result.void and bool(result.runoff)
        self.runoff_box.setVisible(tied)
        if not tied:
            return
        names, n = join_list(result.runoff), result.runoff_seats
        if self._followed:
            text = ngettext(
                "{names} are tied for the last seat: the run-off vote for {n} seat follows.",
                "{names} are tied for the last seats: the run-off vote for {n} seats follows.",
                n,
            ).format(names=names, n=n)
            self.runoff_button.setText(_("Go to the run-off vote"))
        else:
            text = ngettext(
                "{names} are tied for the last seat: hold a run-off vote for {n} seat.",
                "{names} are tied for the last seats: hold a run-off vote for {n} seats.",
                n,
            ).format(names=names, n=n)
            self.runoff_button.setText(_("Add a run-off vote"))
        self.runoff_label.setText(text)

    # --- for the dialog and tests ---------------------------------------------------------

    def field_message(self, name: str) -> str:
        return self.numbers[name].message_text()

    def cell_problem(self, candidate: str, column_name: str) -> str:
        rows = {c.name: i for i, c in enumerate(self.model.candidates())}
        column = {"yes": YES, "name": NAME, "result": RESULT, **COLUMN_OF}[column_name]
        return self.model.problem_at(rows[candidate], column)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
