"""Create or edit a training: its facts and its half-day sessions, every problem shown beside its field."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common.field_error import FieldBox
from gui.common.fit import ScrollBody, fit_to_screen, fit_width
from gui.common.form_dialog import FormDialog
from gui.context import AppContext
from gui.elections.election_date import DateField
from models import units
from models.base import FieldError, ValidationError
from models.i18n import _, format_date, format_list_date, format_number
from models.training import (
    HALVES,
    MAX_DAYS,
    Training,
    TrainingInput,
    check_training,
    default_sessions,
    parse_session_hours,
    save_training,
)

FIELDS = (
    "name",
    "organiser",
    "organiser_level",
    "co_organiser",
    "start_date",
    "end_date",
    "place",
    "target_group",
    "lecturers",
    "planned",
    "notes",
    "sessions",
)
# Columns of the sessions table.
USE, DAY, HALF, HOURS, TOPIC, LECTURER = range(6)
DAY_ROLE = Qt.UserRole + 1


class SessionTable(QTableWidget):
    """The half days of a training, one row per morning or afternoon; unticked rows are not held."""

    rows_changed = Signal()  # the rows were replaced (edits of a cell come as itemChanged)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 6, parent)
        self.setHorizontalHeaderLabels([_("Held"), _("Date"), _("Half day"), _("Hours"), _("Topic"), _("Lecturer")])
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.AllEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in the rest of the form
        header = self.horizontalHeader()
        # The short columns as wide as a header or a cell needs with air around it, rows or none.
        metrics, air = self.fontMetrics(), self.fontMetrics().horizontalAdvance("M") * 2
        samples = {
            USE: [_("Held")],
            DAY: [_("Date"), format_list_date(_dt.date(2026, 12, 30))],
            HALF: [_("Half day")] + [_(text) for text in HALVES.values()],
            HOURS: [_("Hours"), "3.5"],
        }
        for column, texts in samples.items():
            header.setSectionResizeMode(column, QHeaderView.Interactive)
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + air)
        header.setSectionResizeMode(TOPIC, QHeaderView.Stretch)
        header.setSectionResizeMode(LECTURER, QHeaderView.Interactive)
        header.resizeSection(LECTURER, metrics.horizontalAdvance("M") * 10)
        self.setMinimumHeight(self.verticalHeader().defaultSectionSize() * 5)
        # While there are no rows, what brings them.
        self.empty_hint = QLabel(_("Fill in the days above: each day's morning and afternoon are listed here."))
        self.empty_hint.setAlignment(Qt.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setEnabled(False)
        hint_layout = QVBoxLayout(self.viewport())
        hint_layout.addWidget(self.empty_hint)
        self.rows_changed.connect(lambda: self.empty_hint.setVisible(self.rowCount() == 0))

    def rows(self) -> list[tuple[bool, _dt.date, str, str, str, str]]:
        """(held, day, half, hours as typed, topic, lecturer) for every row."""
        result = []
        for row in range(self.rowCount()):
            result.append(
                (
                    self.item(row, USE).checkState() == Qt.Checked,
                    self.item(row, DAY).data(DAY_ROLE),
                    self.item(row, HALF).data(DAY_ROLE),
                    self.item(row, HOURS).text(),
                    self.item(row, TOPIC).text(),
                    self.item(row, LECTURER).text(),
                )
            )
        return result

    def set_rows(self, rows: list[tuple[bool, _dt.date, str, str, str, str]]) -> None:
        self.blockSignals(True)  # half-built rows must not reach itemChanged listeners
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for row, (held, day, half, hours, topic, lecturer) in enumerate(rows):
            use = QTableWidgetItem()
            use.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
            use.setCheckState(Qt.Checked if held else Qt.Unchecked)
            use.setToolTip(_("Untick a half day the training does not hold (Space)"))
            day_item = QTableWidgetItem(format_list_date(day))
            day_item.setData(DAY_ROLE, day)
            half_item = QTableWidgetItem(_(HALVES[half]))
            half_item.setData(DAY_ROLE, half)
            for item in (day_item, half_item):
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
            hours_item = QTableWidgetItem(hours)
            hours_item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            for column, item in (
                (USE, use),
                (DAY, day_item),
                (HALF, half_item),
                (HOURS, hours_item),
                (TOPIC, QTableWidgetItem(topic)),
                (LECTURER, QTableWidgetItem(lecturer)),
            ):
                self.setItem(row, column, item)
        self.blockSignals(False)
        self.rows_changed.emit()

    def regenerate(self, start: _dt.date | None, end: _dt.date | None) -> None:
        """A morning and an afternoon per day from start to end, keeping what was typed for days kept."""
        if start is None:
            return
        end = end or start
        if end < start or (end - start).days >= MAX_DAYS:
            return  # the date fields show what is wrong; keep the rows until the dates make sense
        old = {
            (day, half): (held, day, half, hours, topic, lecturer)
            for held, day, half, hours, topic, lecturer in self.rows()
        }
        rows = [
            old.get((day, half), (True, day, half, format_number(hours), "", ""))
            for day, half, hours, _t, _l in default_sessions(start, end)
        ]
        if [r[1:3] for r in rows] != [r[1:3] for r in old.values()]:
            self.set_rows(rows)

    def keyPressEvent(self, event) -> None:
        # Space or Delete on a row ticks it on or off: the keyboard way to drop a half day.
        row = self.currentRow()
        if (
            row >= 0
            and self.state() != QAbstractItemView.EditingState
            and (event.key() == Qt.Key_Delete or (event.key() == Qt.Key_Space and self.currentColumn() == USE))
        ):
            item = self.item(row, USE)
            item.setCheckState(Qt.Unchecked if item.checkState() == Qt.Checked else Qt.Checked)
            event.accept()
            return
        super().keyPressEvent(event)


class TrainingDialog(FormDialog):
    """The new/edit form of a training; ``training`` holds the saved record after Accepted."""

    def __init__(self, context: AppContext, training: Training | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.training = training
        self._start(_("Edit {name}").format(name=training.name) if training else _("New training"), training)

    # --- building ---------------------------------------------------------------

    def _build(self) -> None:
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(_("e.g. Capacity training for village federation executive members"))
        self.organiser = QLineEdit()
        self.organiser.setMaxLength(100)
        self.organiser_level = QComboBox()
        for level in units.LEVELS:
            self.organiser_level.addItem(_(units.LEVEL_LABELS[level]), level)
        self.co_organiser = QLineEdit()
        self.co_organiser.setMaxLength(100)
        self.start_date = DateField()
        self.end_date = DateField()
        for field in (self.start_date, self.end_date):
            field.setPlaceholderText(_("e.g. 2026-04-14"))
            field.date_changed.connect(self._dates_changed)
        self.end_date.setToolTip(_("Leave empty for a one-day training."))
        self.place = QLineEdit()
        self.place.setMaxLength(200)
        self.target_group = QLineEdit()
        self.target_group.setMaxLength(200)
        self.target_group.setPlaceholderText(_("e.g. village federation chairs and executive members"))
        self.lecturers = QPlainTextEdit()
        self.lecturers.setTabChangesFocus(True)
        self.lecturers.setPlaceholderText(_("One per line: lecturer — topic"))
        self.planned = QSpinBox()
        self.planned.setRange(0, 100000)
        self.planned.setSpecialValueText("—")
        self.planned.setAccelerated(True)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.sessions = SessionTable()

        hints = {"sessions": _("A morning and an afternoon per day; untick (Space) a half day that is not held.")}
        editors = {name: getattr(self, name) for name in FIELDS}
        self.boxes: dict[str, FieldBox] = {name: FieldBox(editors[name], hints.get(name, "")) for name in FIELDS}

        organiser_row = QHBoxLayout()
        organiser_row.setContentsMargins(0, 0, 0, 0)
        organiser_row.addWidget(self.boxes["organiser"], 1)
        organiser_row.addWidget(self._label(_("Level"), "organiser_level"))
        organiser_row.addWidget(self.boxes["organiser_level"])
        dates_fields = QHBoxLayout()
        dates_fields.setContentsMargins(0, 0, 0, 0)
        dates_fields.addWidget(self.boxes["start_date"], 0, Qt.AlignTop)
        dates_fields.addWidget(self._label(_("to"), "end_date"), 0, Qt.AlignTop)
        dates_fields.addWidget(self.boxes["end_date"], 0, Qt.AlignTop)
        dates_fields.addStretch(1)
        # One hint for both fields: under each it would wrap into a narrow column.
        dates_hint = QLabel(_("Type 2026-04-14 or 20260414; leave the last day empty for a one-day training."))
        dates_hint.setProperty("role", "field-hint")
        dates_hint.setWordWrap(True)
        dates_row = QVBoxLayout()
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.setSpacing(2)
        dates_row.addLayout(dates_fields)
        dates_row.addWidget(dates_hint)

        left, right = self._form(dont_wrap=False), self._form(dont_wrap=False)
        left.addRow(self._label(_("Training name"), "name"), self.boxes["name"])
        left.addRow(self._label(_("Organiser"), "organiser"), organiser_row)
        left.addRow(self._label(_("Co-organiser"), "co_organiser"), self.boxes["co_organiser"])
        left.addRow(self._label(_("Days"), "start_date"), dates_row)
        left.addRow(self._label(_("Place"), "place"), self.boxes["place"])
        left.addRow(self._label(_("Target group"), "target_group"), self.boxes["target_group"])
        left.addRow(self._label(_("Planned headcount"), "planned"), self.boxes["planned"])
        right.addRow(self._label(_("Lecturers and topics"), "lecturers"), self.boxes["lecturers"])
        right.addRow(self._label(_("Notes"), "notes"), self.boxes["notes"])
        self.lecturers.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        columns = self._two_columns(left, right)

        sessions_title = QLabel(_("Sessions (half days)"))
        sessions_title.setBuddy(self.sessions)
        font = sessions_title.font()
        font.setBold(True)
        sessions_title.setFont(font)
        self.hours_total = QLabel()
        self.hours_total.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.sessions.itemChanged.connect(lambda _item: self._update_total())
        self.sessions.rows_changed.connect(self._update_total)
        self.all_button = QPushButton(_("Tick all"))
        self.all_button.setAutoDefault(False)
        self.all_button.setToolTip(_("Tick every half day again"))
        self.all_button.clicked.connect(self._tick_all)
        sessions_head = QHBoxLayout()
        sessions_head.addWidget(sessions_title)
        sessions_head.addStretch(1)
        sessions_head.addWidget(self.hours_total)
        sessions_head.addWidget(self.all_button)

        self._save_cancel_buttons()

        fields = QVBoxLayout()
        fields.addLayout(columns)
        fields.addSpacing(6)
        fields.addLayout(sessions_head)
        fields.addWidget(self.boxes["sessions"], 1)
        self.body = ScrollBody(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(fit_width(self, 60))
        fit_to_screen(self, QSize(fit_width(self, 84), self.fontMetrics().lineSpacing() * 36))

    # --- values -----------------------------------------------------------------

    def _load(self, training: Training | None) -> None:
        if training is None:
            own_level = units.level_of(self.context.unit_code)
            self.organiser.setText(self.context.unit_name + "妇联")  # data: the unit's federation, in Chinese
            self.organiser_level.setCurrentIndex(max(self.organiser_level.findData(own_level), 0))
            self._update_total()
            return
        self.name.setText(training.name)
        self.organiser.setText(training.organiser)
        self.organiser_level.setCurrentIndex(max(self.organiser_level.findData(training.organiser_level), 0))
        self.co_organiser.setText(training.co_organiser)
        # (The rows these dates generate are replaced below by the sessions as saved.)
        self.start_date.set_date(training.start_date)
        self.end_date.set_date(training.end_date if training.end_date != training.start_date else None)
        self.place.setText(training.place)
        self.target_group.setText(training.target_group)
        self.lecturers.setPlainText(training.lecturers)
        self.planned.setValue(training.planned)
        self.notes.setPlainText(training.notes)
        held = {(s.date, s.half): s for s in training.sessions()}
        rows = []
        for day, half, hours, _t, _l in default_sessions(training.start_date, training.end_date):
            session = held.get((day, half))
            rows.append(
                (True, day, half, format_number(session.hours), session.topic, session.lecturer)
                if session
                else (False, day, half, format_number(hours), "", "")
            )
        self.sessions.set_rows(rows)
        self._update_total()

    def _dates_changed(self) -> None:
        self.sessions.regenerate(self.start_date.date(), self.end_date.date())
        self._update_total()

    def _tick_all(self) -> None:
        for row in range(self.sessions.rowCount()):
            self.sessions.item(row, USE).setCheckState(Qt.Checked)

    def _update_total(self) -> None:
        every = self.sessions.rows()
        rows = [r for r in every if r[0]]
        self.all_button.setEnabled(len(rows) < len(every))  # something left to tick
        hours = sum(parse_session_hours(r[3]) or 0 for r in rows)
        self.hours_total.setText(_("{n} half days, {hours} hours").format(n=len(rows), hours=format_number(hours)))

    def _snapshot(self) -> tuple:
        """Everything as typed, to tell whether Esc would lose anything."""
        return (
            self.name.text(),
            self.organiser.text(),
            self.organiser_level.currentData(),
            self.co_organiser.text(),
            self.start_date.text(),
            self.end_date.text(),
            self.place.text(),
            self.target_group.text(),
            self.lecturers.toPlainText(),
            self.planned.value(),
            self.notes.toPlainText(),
            tuple(self.sessions.rows()),
        )

    def _input(self) -> tuple[TrainingInput, list[FieldError]]:
        """What the user typed as a TrainingInput, plus problems only the dialog can see."""
        errors: list[FieldError] = []
        for name in ("start_date", "end_date"):
            problem = getattr(self, name).problem()
            if problem:
                errors.append(FieldError(name, problem))
        sessions = []
        for held, day, half, hours_text, topic, lecturer in self.sessions.rows():
            if not held:
                continue
            hours = parse_session_hours(hours_text)
            if hours is None:
                errors.append(
                    FieldError(
                        "sessions",
                        _("The hours of {day} {half} are not a number: “{text}”.").format(
                            day=format_date(day), half=_(HALVES[half]), text=hours_text
                        ),
                    )
                )
                continue
            sessions.append((day, half, hours, topic, lecturer))
        start = self.start_date.date()
        if (
            start is not None
            and self.sessions.rowCount()
            and not sessions
            and not any(e.field == "sessions" for e in errors)
        ):
            # An empty list would mean "every half day" to the core: ask instead of guessing.
            errors.append(FieldError("sessions", _("Tick at least one half day the training holds.")))
        data = TrainingInput(
            name=self.name.text(),
            organiser=self.organiser.text(),
            organiser_level=self.organiser_level.currentData(),
            co_organiser=self.co_organiser.text(),
            start_date=start,
            end_date=self.end_date.date() or start,
            place=self.place.text(),
            target_group=self.target_group.text(),
            lecturers=self.lecturers.toPlainText(),
            planned=self.planned.value(),
            notes=self.notes.toPlainText(),
            sessions=sessions,
        )
        return data, errors

    # --- errors -------------------------------------------------------------------

    def _current_errors(self) -> list[FieldError]:
        data, errors = self._input()
        fields = {e.field for e in errors}
        others = check_training(data)[1]
        return errors + [
            e for e in others if e.field not in fields and not (e.field == "start_date" and "start_date" in fields)
        ]

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message under its field (several per field joined); focus the first bad field."""
        by_field = self._mark_errors(errors, "notes")
        first = next((name for name in FIELDS if name in by_field), None)
        if first is not None:
            self._focus_editor(self.boxes[first].editor)

    # --- saving and leaving -----------------------------------------------------------

    def save(self) -> None:
        data, errors = self._input()
        if errors:
            # Show the dialog's own problems together with everything else that is wrong.
            fields = {e.field for e in errors}
            _clean, others = check_training(data)
            self.show_errors(
                errors
                + [
                    e
                    for e in others
                    if e.field not in fields and not (e.field == "start_date" and "start_date" in fields)
                ]
            )
            return
        try:
            self.training = save_training(data, self.context.unit_code, self.training)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self._saved()
