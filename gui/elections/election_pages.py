"""The first pages of the election dialog: basics, the dated steps, and the congress meeting."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.common.rare_char_finder import add_rare_character_button
from gui.elections.election_date import DateField
from gui.elections.election_round import ERROR, STYLE, WARNING, TallyNumber, set_level
from models.elections import records as er
from models.elections.draft import ElectionDraft
from models.elections.tally import PRESETS, QUORUMS, ROUNDINGS, TIE_BREAKS, ElectionRules, preset_of
from models.i18n import N_, _, join_list

OWN_RULES = N_("The election's own rules")  # the preset chooser when the options match no preset


def heading(text: str, hint: str = "") -> QVBoxLayout:
    """A page's title and, in grey, what the page is for."""
    box = QVBoxLayout()
    title = QLabel(text)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    title.setFont(font)
    box.addWidget(title)
    if hint:
        note = QLabel(hint)
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        box.addWidget(note)
    box.addSpacing(6)
    return box


def combo(choices: dict[str, str]) -> QComboBox:
    box = QComboBox()
    for code, label in choices.items():
        box.addItem(_(label), code)
    return box


def choose(box: QComboBox, code) -> None:
    index = box.findData(code)
    box.setCurrentIndex(index if index >= 0 else 0)


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str, level: str = ERROR) -> None:
    label.setText(text)
    label.setVisible(bool(text))
    set_level(label, level if text else "")


class BasicsPage(QWidget):
    """Kind of election, term, term length, the two committees' election date, status."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.kind = combo(er.KINDS)
        self.term_number = QSpinBox()
        self.term_number.setRange(0, 99)
        self.term_number.setSpecialValueText(_("not known"))
        # "Term 3" / 第3届: the number may sit between a prefix and a suffix.
        prefix, suffix = _("Term {n}").split("{n}")
        self.term_number.setPrefix(prefix)
        self.term_number.setSuffix(suffix)
        self.term_years = QSpinBox()
        self.term_years.setRange(1, 10)
        self.term_years.setSuffix(_(" years"))
        self.two_committees_date = DateField()
        self.two_committees_message = message_label()
        self.status = combo(er.STATUSES)
        self.status_hint = QLabel(_("“Elected” is set by Finalise on the Result page, which also updates the roster."))
        self.status_hint.setProperty("role", "muted")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 20)  # grows with the larger font

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        date_box = QVBoxLayout()
        date_box.setSpacing(2)
        date_box.addWidget(self.two_committees_date)
        date_box.addWidget(self.two_committees_message)
        status_box = QVBoxLayout()
        status_box.setSpacing(2)
        status_box.addWidget(self.status, 0, Qt.AlignLeft)
        status_box.addWidget(self.status_hint)
        form.addRow(_("Kind of election"), self.kind)
        form.addRow(_("Term number"), self.term_number)
        form.addRow(_("Term length"), self.term_years)
        form.addRow(_("Two committees elected on"), date_box)
        form.addRow(_("Status"), status_box)
        form.addRow(_("Notes"), self.notes)
        self.notes.setMinimumWidth(self.notes.fontMetrics().horizontalAdvance("M") * 38)

        layout = QVBoxLayout(self)
        layout.addLayout(
            heading(
                _("Basics"),
                _(
                    "Village federations are elected together with the village two committees, for a term of "
                    "five years since 2021."
                ),
            )
        )
        layout.addLayout(form)
        layout.addStretch(1)

        for widget in (self.kind, self.status):
            widget.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for widget in (self.term_number, self.term_years):
            widget.valueChanged.connect(lambda _v: self.changed.emit())
        self.two_committees_date.textChanged.connect(lambda _t: self.changed.emit())
        self.notes.textChanged.connect(self.changed.emit)

    def load(self, draft: ElectionDraft) -> None:
        choose(self.kind, draft.kind)
        self.term_number.setValue(draft.term_number or 0)
        self.term_years.setValue(draft.term_years)
        self.two_committees_date.set_date(draft.two_committees_date)
        self.notes.setPlainText(draft.notes)
        # Elected and approved follow from finalising; before that they would claim a committee that is not there.
        model = self.status.model()
        for i in range(self.status.count()):
            code = self.status.itemData(i)
            item = model.item(i)
            item.setEnabled(draft.finalised or code in ("not_started", "preparing"))
        choose(self.status, draft.status)

    def store(self, draft: ElectionDraft) -> None:
        draft.kind = self.kind.currentData()
        draft.term_number = self.term_number.value() or None
        draft.term_years = self.term_years.value()
        draft.two_committees_date = self.two_committees_date.date()
        draft.status = self.status.currentData()
        draft.notes = self.notes.toPlainText()

    def problems(self) -> list[str]:
        problem = self.two_committees_date.problem()
        show_message(self.two_committees_message, problem)
        set_level(self.two_committees_date, ERROR if problem else "")
        return [problem] if problem else []


class StepsPage(QWidget):
    """Each step of the election with its date and document number; an empty date means not done yet."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.dates: dict[str, DateField] = {}
        self.documents: dict[str, QLineEdit] = {}
        self.messages: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for column, text in enumerate((_("Step"), _("Date"), _("Document number"))):
            label = QLabel(f"<b>{text}</b>")
            grid.addWidget(label, 0, column + 1 if column else 0, 1, 2 if column == 0 else 1)
        for row, (key, label) in enumerate(er.STEPS.items(), start=1):
            number = QLabel(f"{row}.")
            number.setProperty("role", "muted")
            name = QLabel(_(label))
            date = DateField()
            document = QLineEdit()
            document.setMaxLength(100)
            document.setPlaceholderText(_("optional, e.g. 石妇字〔2021〕1号"))
            name.setBuddy(date)
            message = message_label()
            grid.addWidget(number, 2 * row - 1, 0, Qt.AlignRight)
            grid.addWidget(name, 2 * row - 1, 1)
            grid.addWidget(date, 2 * row - 1, 2)
            grid.addWidget(document, 2 * row - 1, 3)
            grid.addWidget(message, 2 * row, 2, 1, 2)
            self.dates[key], self.documents[key], self.messages[key] = date, document, message
            date.textChanged.connect(lambda _t: self.changed.emit())
            document.textChanged.connect(lambda _t: self.changed.emit())
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(
            heading(
                _("Steps"),
                _(
                    "Type the date each step was done (2021-03-20, 2021.3.20 or 2021年3月20日); leave it empty while "
                    "it is not done yet."
                ),
            )
        )
        layout.addLayout(grid)
        layout.addStretch(1)

    def load(self, draft: ElectionDraft) -> None:
        for key in er.STEPS:
            day, document = draft.steps.get(key, (None, ""))
            self.dates[key].set_date(day)
            self.documents[key].setText(document)

    def store(self, draft: ElectionDraft) -> None:
        for key in er.STEPS:
            draft.steps[key] = (self.dates[key].date(), self.documents[key].text().strip())

    def problems(self, document_errors: dict[str, str] | None = None) -> list[str]:
        """Each step's date problem, or its document number's (step → message, from the core), beside it."""
        document_errors = document_errors or {}
        found = []
        for key, date in self.dates.items():
            problem = date.problem()
            set_level(date, ERROR if problem else "")
            document = document_errors.get(key, "")
            set_level(self.documents[key], ERROR if document else "")
            shown = " ".join(filter(None, (problem, document)))
            show_message(self.messages[key], shown)
            found += [text for text in (problem, document) if text]
        return found


class MeetingPage(QWidget):
    """The congress: kind, date, place, attendance, whose half counts, and who watches and counts the vote."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.congress_kind = combo(er.CONGRESS_KINDS)
        self.meeting_date = DateField()
        self.date_message = message_label()
        self.meeting_place = QLineEdit()
        self.meeting_place.setMaxLength(200)
        self.numbers = {
            name: TallyNumber(text)
            for name, text in (
                ("entitled", _("Entitled (应到)")),
                ("present", _("Present (实到)")),
                ("excused", _("Excused (请假)")),
            )
        }
        self.counting_base = combo(er.BASE_LABELS)
        self.chief_scrutineer = QLineEdit()
        self.chief_scrutineer.setMaxLength(50)
        self.scrutineers = QLineEdit()
        self.scrutineers.setMaxLength(200)
        self.counters = QLineEdit()
        self.counters.setMaxLength(200)
        for edit in (self.scrutineers, self.counters):
            edit.setPlaceholderText(_("names separated by 、"))
        for edit in (self.chief_scrutineer, self.scrutineers, self.counters):
            add_rare_character_button(edit)  # names: 生僻字 typed through the finder
        self.name_messages = {
            name: message_label()
            for name in ("meeting_place", "chief_scrutineer", "scrutineers", "counters", "rules_title")
        }
        rules_group = self._rules_group()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(_("Kind of congress"), self.congress_kind)
        form.addRow(_("Date of the congress"), self._stack(self.meeting_date, self.date_message))
        form.addRow(_("Place"), self._stack(self.meeting_place, self.name_messages["meeting_place"]))
        numbers = QGridLayout()
        numbers.setHorizontalSpacing(8)
        for row, number in enumerate(self.numbers.values()):
            numbers.addWidget(number.label, row, 0, Qt.AlignRight | Qt.AlignTop)
            numbers.addWidget(number.spin, row, 1, Qt.AlignTop)
            numbers.addWidget(number.message, row, 2, Qt.AlignTop)
        numbers.setColumnStretch(2, 1)
        form.addRow(_("Attendance"), numbers)
        form.addRow(_("Elected with"), self.counting_base)
        form.addRow(
            _("Chief scrutineer (总监票人)"), self._stack(self.chief_scrutineer, self.name_messages["chief_scrutineer"])
        )
        form.addRow(_("Scrutineers (监票人)"), self._stack(self.scrutineers, self.name_messages["scrutineers"]))
        form.addRow(_("Counters (计票人)"), self._stack(self.counters, self.name_messages["counters"]))

        layout = QVBoxLayout(self)
        layout.addLayout(
            heading(
                _("Meeting"),
                _(
                    "The congress that votes the executive committee, and the election rules it adopted "
                    "(quorum, ties, candidates). No candidate may count or watch the vote."
                ),
            )
        )
        layout.addLayout(form)
        layout.addWidget(rules_group)
        layout.addStretch(1)

        self.congress_kind.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.counting_base.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for edit in (self.meeting_date, self.meeting_place, self.chief_scrutineer, self.scrutineers, self.counters):
            edit.textChanged.connect(lambda _t: self.changed.emit())
        for number in self.numbers.values():
            number.spin.valueChanged.connect(lambda _v: self.changed.emit())

    def _rules_group(self) -> QGroupBox:
        """选举办法: its title, a preset that fills the four rules, and the rules themselves."""
        self.rules_title = QLineEdit()
        self.rules_title.setMaxLength(100)
        self.rules_title.setPlaceholderText(_("e.g. “Village federation election rules of the county”"))
        self.rules_preset = QComboBox()
        for preset in PRESETS:
            self.rules_preset.addItem(_(preset.title), preset.key)
        self.rules_preset.addItem(_(OWN_RULES), None)
        self.quorum = combo(QUORUMS)
        self.tie_break = combo(TIE_BREAKS)
        self.surplus_percent = QSpinBox()
        self.surplus_percent.setRange(0, 100)
        self.surplus_percent.setSuffix("%")
        self.surplus_rounding = combo(ROUNDINGS)
        for box in (self.rules_preset, self.quorum, self.tie_break, self.surplus_rounding):
            # Long labels must not widen the dialog past a small screen.
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)
        surplus = QHBoxLayout()
        surplus.addWidget(self.surplus_percent)
        surplus.addWidget(self.surplus_rounding, 1)

        group = QGroupBox(_("Election rules (选举办法)"))
        form = QFormLayout(group)
        form.setLabelAlignment(Qt.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(_("Title of the rules"), self._stack(self.rules_title, self.name_messages["rules_title"]))
        form.addRow(_("Rules as in"), self.rules_preset)
        form.addRow(_("Quorum"), self.quorum)
        form.addRow(_("Tie for the last seat"), self.tie_break)
        form.addRow(_("More candidates than seats"), surplus)

        self.rules_preset.activated.connect(self._preset_chosen)
        for box in (self.quorum, self.tie_break, self.surplus_rounding):
            box.currentIndexChanged.connect(self._rule_changed)
        self.surplus_percent.valueChanged.connect(self._rule_changed)
        self.rules_title.textChanged.connect(lambda _t: self.changed.emit())
        return group

    def rules(self) -> ElectionRules:
        """The four rules as the options show them (the widgets allow only valid ones)."""
        return ElectionRules(
            quorum=self.quorum.currentData(),
            tie_break=self.tie_break.currentData(),
            surplus_percent=self.surplus_percent.value(),
            surplus_rounding=self.surplus_rounding.currentData(),
        )

    def _show_rules(self, rules: ElectionRules) -> None:
        for box, code in ((self.quorum, rules.quorum), (self.tie_break, rules.tie_break)):
            choose(box, code)
        self.surplus_percent.setValue(rules.surplus_percent)
        choose(self.surplus_rounding, rules.surplus_rounding)

    def _preset_chosen(self, index: int) -> None:
        key = self.rules_preset.itemData(index)
        preset = next((p for p in PRESETS if p.key == key), None)
        if preset is not None:
            self._show_rules(preset.rules)  # each option's change emits ``changed``
        self._rule_changed()

    def _rule_changed(self, *_args) -> None:
        """Show the preset the options now match, or "own rules"."""
        preset = preset_of(self.rules())
        self.rules_preset.blockSignals(True)
        self.rules_preset.setCurrentIndex(self.rules_preset.findData(preset.key if preset else None))
        self.rules_preset.blockSignals(False)
        self.changed.emit()

    @staticmethod
    def _stack(editor: QWidget, message: QLabel) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(message)
        return box

    def load(self, draft: ElectionDraft) -> None:
        choose(self.congress_kind, draft.congress_kind)
        self.meeting_date.set_date(draft.meeting_date)
        self.meeting_place.setText(draft.meeting_place)
        for name, number in self.numbers.items():
            number.spin.setValue(getattr(draft, name))
        choose(self.counting_base, draft.counting_base)
        self.chief_scrutineer.setText(draft.chief_scrutineer)
        self.scrutineers.setText(draft.scrutineers)
        self.counters.setText(draft.counters)
        self.rules_title.setText(draft.rules_title)
        self._show_rules(draft.rules())
        self._rule_changed()

    def store(self, draft: ElectionDraft) -> None:
        draft.congress_kind = self.congress_kind.currentData()
        draft.meeting_date = self.meeting_date.date()
        draft.meeting_place = self.meeting_place.text().strip()
        for name, number in self.numbers.items():
            setattr(draft, name, number.spin.value())
        draft.counting_base = self.counting_base.currentData()
        draft.chief_scrutineer = self.chief_scrutineer.text().strip()
        draft.scrutineers = self.scrutineers.text().strip()
        draft.counters = self.counters.text().strip()
        draft.rules_title = self.rules_title.text().strip()
        draft.set_rules(self.rules())

    def show_problems(
        self,
        field_errors: dict[str, list[str]],
        quorum: dict[str, list[tuple[str, str]]],
        conflicts: dict[str, list[str]],
    ) -> tuple[list[str], list[str]]:
        """Put each problem beside its field; returns (errors, warnings) shown."""
        errors: list[str] = []
        warnings: list[str] = []
        problem = self.meeting_date.problem()
        show_message(self.date_message, problem)
        set_level(self.meeting_date, ERROR if problem else "")
        if problem:
            errors.append(problem)
        for name, number in self.numbers.items():
            found = [(ERROR, text) for text in field_errors.get(name, [])]
            found += [item for item in quorum.get(name, []) if item not in found]
            number.set_problems(found)
            errors += [t for lv, t in found if lv == ERROR]
            warnings += [t for lv, t in found if lv == WARNING]
        for name, label in self.name_messages.items():
            clash = conflicts.get(name, [])
            texts = list(field_errors.get(name, []))
            if clash:
                texts.append(_("{names}: a candidate may not count or watch the vote.").format(names=join_list(clash)))
            show_message(label, " ".join(texts))
            set_level(getattr(self, name), ERROR if texts else "")
            errors += texts
        return errors, list(dict.fromkeys(warnings))
