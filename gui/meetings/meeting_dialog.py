"""Record or edit a committee meeting: when and where, who came (absent with a reason), what was discussed
and decided, and the activities, projects or nominations it decided; every problem beside its field."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
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
from models import fields as field_rules
from models import meetings
from models.base import FieldError, ValidationError
from models.i18n import _, format_date

FIELDS = ("date", "kind", "place", "chair", "minutes_taker", "attendees", "topics", "minutes", "decisions", "links")
NAME, REASON = 0, 1
PERSON_ROLE = Qt.UserRole + 1
LINK_ROLE = Qt.UserRole + 2


class AttendeeTable(QTableWidget):
    """The committee as a checklist: ticked present; an unticked member's reason typed beside her name."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([_("Member (ticked: present)"), _("Reason for absence")])
        self.verticalHeader().setVisible(False)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.AllEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in the rest of the form
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.Interactive)
        header.resizeSection(NAME, self.fontMetrics().horizontalAdvance("M") * 12)
        header.setSectionResizeMode(REASON, QHeaderView.Stretch)
        self.setMinimumHeight(self.verticalHeader().defaultSectionSize() * 5)
        self.itemChanged.connect(self._changed)

    def set_attendees(self, attendees: list[meetings.AttendeeInput]) -> None:
        self.blockSignals(True)
        self.setRowCount(len(attendees))
        for row, attendee in enumerate(attendees):
            name = QTableWidgetItem(attendee.name)
            name.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
            name.setCheckState(Qt.Checked if attendee.present else Qt.Unchecked)
            name.setData(PERSON_ROLE, attendee.person)
            name.setToolTip(_("Untick a member who was absent (Space) and give the reason"))
            self.setItem(row, NAME, name)
            self.setItem(row, REASON, QTableWidgetItem(attendee.absence_reason))
            self._enable_reason(row)
        self.blockSignals(False)

    def attendees(self) -> list[meetings.AttendeeInput]:
        out = []
        for row in range(self.rowCount()):
            name, reason = self.item(row, NAME), self.item(row, REASON)
            present = name.checkState() == Qt.Checked
            out.append(meetings.AttendeeInput(name.data(PERSON_ROLE), name.text(), present, reason.text()))
        return out

    def _enable_reason(self, row: int) -> None:
        reason = self.item(row, REASON)
        absent = self.item(row, NAME).checkState() != Qt.Checked
        reason.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | (Qt.ItemIsEditable if absent else Qt.NoItemFlags))

    def _changed(self, item: QTableWidgetItem) -> None:
        if item.column() == NAME:
            self.blockSignals(True)
            self._enable_reason(item.row())
            self.blockSignals(False)

    def remove_current(self) -> None:
        """Take the chosen row off the list: someone listed who was not expected at this meeting."""
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            if self.rowCount():
                self.setCurrentCell(min(row, self.rowCount() - 1), NAME)

    def keyPressEvent(self, event) -> None:
        row = self.currentRow()
        if row >= 0 and event.key() == Qt.Key_Delete and self.state() != QAbstractItemView.EditingState:
            self.remove_current()
            event.accept()
            return
        # Space on a name ticks it on or off, as a checklist does.
        if row >= 0 and event.key() == Qt.Key_Space and self.state() != QAbstractItemView.EditingState:
            item = self.item(row, NAME)
            item.setCheckState(Qt.Unchecked if item.checkState() == Qt.Checked else Qt.Checked)
            if item.checkState() == Qt.Unchecked:
                self.setCurrentCell(row, REASON)
            event.accept()
            return
        super().keyPressEvent(event)


class MeetingDialog(FormDialog):
    """The new/edit form of a meeting; ``meeting`` holds the saved record after Accepted."""

    def __init__(self, context: AppContext, meeting: meetings.Meeting | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.meeting = meeting
        data = meetings.meeting_input(meeting) if meeting else meetings.new_meeting_input(context.unit_code)
        if meeting is not None:
            title = _("Edit the meeting of {date}").format(date=format_date(data.date))
        else:
            title = _("New committee meeting")
        self._start(title, data)

    def _build(self) -> None:
        self.date = DateField()
        self.date.setPlaceholderText(_("e.g. 2026-03-02"))
        self.kind = QComboBox()
        for code, label in meetings.KIND.choices():
            self.kind.addItem(label, code)
        self.place = QLineEdit()
        self.place.setMaxLength(field_rules.max_length("meeting", "place"))
        self.chair = QLineEdit()
        self.chair.setMaxLength(field_rules.max_length("meeting", "chair"))
        self.minutes_taker = QLineEdit()
        self.minutes_taker.setMaxLength(field_rules.max_length("meeting", "minutes_taker"))
        self.attendees = AttendeeTable()
        self.topics = QPlainTextEdit()
        self.minutes = QPlainTextEdit()
        self.decisions = QPlainTextEdit()
        lines = self.fontMetrics().lineSpacing()
        for editor, rows in ((self.topics, 3), (self.minutes, 6), (self.decisions, 3)):
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(lines * rows + 12)
        self.links = QListWidget()
        self.links.setMinimumHeight(lines * 5)
        hints = {
            "attendees": _(
                "The committee; untick (Space) whoever was absent and type the reason beside her name; "
                "Delete takes off the list someone who was not expected."
            ),
            "links": _("Tick (Space) the activities, projects and nominations this meeting decided."),
        }
        self.boxes = {name: FieldBox(getattr(self, name), hints.get(name, "")) for name in FIELDS}

        left, right = self._form(dont_wrap=False), self._form(dont_wrap=False)
        date_row = QHBoxLayout()
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.boxes["date"])
        date_row.addWidget(self._label(_("Kind"), "kind"))
        date_row.addWidget(self.boxes["kind"], 1)
        left.addRow(self._label(_("Date"), "date"), date_row)
        left.addRow(self._label(_("Place"), "place"), self.boxes["place"])
        people_row = QHBoxLayout()
        people_row.setContentsMargins(0, 0, 0, 0)
        people_row.addWidget(self.boxes["chair"], 1)
        people_row.addWidget(self._label(_("Minutes taken by"), "minutes_taker"))
        people_row.addWidget(self.boxes["minutes_taker"], 1)
        left.addRow(self._label(_("Chaired by"), "chair"), people_row)
        left.addRow(self._label(_("Members attending"), "attendees"), self.boxes["attendees"])
        right.addRow(self._label(_("Topics"), "topics"), self.boxes["topics"])
        right.addRow(self._label(_("Minutes"), "minutes"), self.boxes["minutes"])
        right.addRow(self._label(_("Decisions"), "decisions"), self.boxes["decisions"])
        below = self._form(dont_wrap=False)
        below.addRow(self._label(_("Decided records"), "links"), self.boxes["links"])

        self._save_cancel_buttons()
        fields = QVBoxLayout()
        fields.addLayout(self._two_columns(left, right))
        fields.addLayout(below)
        self.body = ScrollBody(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(fit_width(self, 60))
        fit_to_screen(self, QSize(fit_width(self, 110), self.fontMetrics().lineSpacing() * 40))

    def _load(self, data: meetings.MeetingInput) -> None:
        self.date.set_date(data.date)
        self.kind.setCurrentIndex(max(self.kind.findData(data.kind), 0))
        for name in meetings.MeetingInput.TEXT_FIELDS:
            editor = getattr(self, name)
            (editor.setPlainText if isinstance(editor, QPlainTextEdit) else editor.setText)(getattr(data, name))
        self.attendees.set_attendees(meetings.expected_attendees(self.context.unit_code, data, self.meeting))
        linked = set(data.links)
        offered = [
            item for kind in meetings.LINK_KIND.codes() for item in meetings.linkable(self.context.unit_code, kind)
        ]
        known = {(item.kind, item.uuid) for item in offered}
        # A link whose record is gone is still shown, ticked, so that saving tells what to do with it.
        offered += [item for item in meetings.describe_links(data.links) if (item.kind, item.uuid) not in known]
        self.links.clear()
        for entry in offered:
            item = QListWidgetItem(f"{meetings.LINK_KIND.label(entry.kind)}：{entry.text}")
            item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
            item.setCheckState(Qt.Checked if (entry.kind, entry.uuid) in linked else Qt.Unchecked)
            item.setData(LINK_ROLE, (entry.kind, entry.uuid))
            self.links.addItem(item)
        if not offered:
            item = QListWidgetItem(_("No activities, projects or nominations recorded yet."))
            item.setFlags(Qt.NoItemFlags)
            self.links.addItem(item)

    def _chosen_links(self) -> list[tuple[str, str]]:
        out = []
        for row in range(self.links.count()):
            item = self.links.item(row)
            if item.flags() & Qt.ItemIsUserCheckable and item.checkState() == Qt.Checked:
                kind, uuid = item.data(LINK_ROLE)
                out.append((kind, uuid))
        return out

    def _input(self) -> tuple[meetings.MeetingInput, list[FieldError]]:
        errors = [FieldError("date", self.date.problem())] if self.date.problem() else []
        data = meetings.MeetingInput(
            date=self.date.date(),
            kind=self.kind.currentData(),
            place=self.place.text(),
            chair=self.chair.text(),
            minutes_taker=self.minutes_taker.text(),
            topics=self.topics.toPlainText(),
            minutes=self.minutes.toPlainText(),
            decisions=self.decisions.toPlainText(),
            attendees=self.attendees.attendees(),
            links=self._chosen_links(),
        )
        return data, errors

    def _snapshot(self) -> tuple:
        data, _errors = self._input()
        return (self.date.text(), repr(data))

    def _current_errors(self) -> list[FieldError]:
        data, errors = self._input()
        others = meetings.check_meeting(data, self.context.unit_code, meeting=self.meeting)[1]
        return errors + [e for e in others if not (e.field == "date" and errors)]

    def show_errors(self, errors: list[FieldError]) -> None:
        by_field = self._mark_errors(errors, "decisions")
        first = next((name for name in FIELDS if name in by_field), None)
        if first is not None:
            self._focus_editor(self.boxes[first].editor)

    def save(self) -> None:
        data, errors = self._input()
        if errors:
            self.show_errors(self._current_errors())
            return
        try:
            self.meeting = meetings.save_meeting(data, self.context.unit_code, self.meeting)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self._saved()
