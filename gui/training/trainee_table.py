"""A training's attendees: the list (学员) and the attendance grid (签到), with its keyboard editing."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.base import ValidationError
from models.i18n import N_, _, format_month_day, format_number
from models.training import (
    HALVES,
    STATUSES,
    Attendance,
    Trainee,
    Training,
    check_leave_reason,
    clear_mark,
    hours_by_trainee,
    mark,
    marks,
    trainee_hours,
)

CHECK = "✓"
# The letter that sets each status in the grid (the same in both languages: a keyboard has Latin keys).
STATUS_KEYS = {Qt.Key_P: "present", Qt.Key_L: "late", Qt.Key_E: "excused", Qt.Key_A: "absent"}
STATUS_LETTERS = {"present": "P", "late": "L", "excused": "E", "absent": "A"}
# What a cell shows: the key's letter in English, one character in Chinese (到, 迟, 假, 缺).
STATUS_MARKS = {"present": N_("P"), "late": N_("L"), "excused": N_("E"), "absent": N_("A")}
STATUS_COLOURS = {"late": QColor("#fff4d6"), "excused": QColor("#e3eefa"), "absent": QColor("#fdecea")}
UNMARKED_COLOUR = QColor("#8a8f96")
STATUS_ROLE = Qt.UserRole + 1  # the status code of a grid cell ("" when not marked)


def status_label(status: str) -> str:
    return _(STATUSES[status]) if status in STATUSES else ""


def status_mark(status: str) -> str:
    """A status in a grid cell: 到, 迟, 假 or 缺 in Chinese; P, L, E or A in English."""
    return _(STATUS_MARKS[status]) if status in STATUS_MARKS else ""


# --- the attendee list ----------------------------------------------------------------------------

# Rows read to size a column to its contents (with its header): a county's training lists hundreds of
# attendees, and reading every cell of both tables took most of a second.
SIZE_SAMPLE_ROWS = 50


def size_from_sample(view) -> None:
    """Columns sized to their header and the first ``SIZE_SAMPLE_ROWS`` rows, not to every cell."""
    view.horizontalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)


ATTENDEE_HEADERS = (N_("No."), N_("Name"), N_("Village/unit"), N_("Post"), N_("Phone"), N_("On record"), N_("Walk-in"))
ON_RECORD_COLUMN, WALK_IN_COLUMN = 5, 6


class TraineeTableModel(QAbstractTableModel):
    """The attendees of one training, by unit then name, with full phone numbers (the cadre's own screen)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.training: Training | None = None
        self._rows: list[Trainee] = []

    def set_training(self, training: Training | None) -> None:
        self.training = training
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self.training.trainees()) if self.training is not None else []
        self.endResetModel()

    def trainee_at(self, row: int) -> Trainee | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, uuid: str) -> int:
        return next((i for i, t in enumerate(self._rows) if t.uuid == uuid), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(ATTENDEE_HEADERS)

    def _text(self, trainee: Trainee, row: int, column: int) -> str:
        return (
            str(row + 1),
            trainee.name,
            trainee.unit_name,
            trainee.post,
            trainee.phone,
            CHECK if trainee.person_id else "",
            CHECK if trainee.walk_in else "",
        )[column]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        trainee, column = self._rows[index.row()], index.column()
        if role == Qt.DisplayRole:
            return self._text(trainee, index.row(), column)
        if role == Qt.ToolTipRole:
            if column == ON_RECORD_COLUMN:
                return (
                    _("Linked to a person on record")
                    if trainee.person_id
                    else _("Typed in: not linked to a person on record")
                )
            if column == WALK_IN_COLUMN and trainee.walk_in:
                return _("Added on the day of the training")
            return self._text(trainee, index.row(), column) or None
        if role == Qt.TextAlignmentRole and column in (0, ON_RECORD_COLUMN, WALK_IN_COLUMN):
            return int(Qt.AlignCenter)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(ATTENDEE_HEADERS):
            return _(ATTENDEE_HEADERS[section])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemNeverHasChildren


class AttendeeView(QTableView):
    """The attendee list; Delete removes the selected attendees (``on_delete``), not the training."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.on_delete = lambda: None

    def _claims(self, event) -> bool:
        return (
            event.key() == Qt.Key_Delete
            and not event.modifiers()
            and self.selectionModel() is not None
            and self.selectionModel().hasSelection()
        )

    def event(self, event) -> bool:
        if event.type() == QEvent.ShortcutOverride and self._claims(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if self._claims(event):
            event.accept()
            self.on_delete()
            return
        super().keyPressEvent(event)


# --- the attendance grid -------------------------------------------------------------------------------

GRID_FIXED = 2  # name and unit come before the sessions


class AttendanceModel(QAbstractTableModel):
    """Rows are attendees, columns their sessions then the hours credited; session cells are editable.

    Its owner is told through plain callbacks, not Qt signals: a signal
    emitted from Python costs a reference to True under PySide6 6.12 on
    Python 3.11, and the grid is marked one key press per cell.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.on_reason_needed = lambda row, column: None  # a cell set to 请假 without a reason
        self.on_marks_changed = lambda: None
        self.training: Training | None = None
        self.sessions: list = []
        self.trainees: list[Trainee] = []
        self.marks: dict[tuple[str, str], Attendance] = {}
        self.hours: dict[str, float] = {}

    def set_training(self, training: Training | None) -> None:
        self.training = training
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        if self.training is None:
            self.sessions, self.trainees, self.marks, self.hours = [], [], {}, {}
        else:
            self.sessions = list(self.training.sessions())
            self.trainees = list(self.training.trainees())
            self.marks = marks(self.training)
            self.hours = hours_by_trainee(self.training)
        self.endResetModel()

    # --- cells ------------------------------------------------------------------------

    def hours_column(self) -> int:
        return GRID_FIXED + len(self.sessions)

    def is_session_column(self, column: int) -> bool:
        return GRID_FIXED <= column < GRID_FIXED + len(self.sessions)

    def session_at(self, column: int):
        return self.sessions[column - GRID_FIXED] if self.is_session_column(column) else None

    def column_of(self, session_uuid: str) -> int:
        return next((GRID_FIXED + i for i, s in enumerate(self.sessions) if s.uuid == session_uuid), -1)

    def row_of(self, trainee_uuid: str) -> int:
        return next((i for i, t in enumerate(self.trainees) if t.uuid == trainee_uuid), -1)

    def attendance(self, row: int, column: int) -> Attendance | None:
        session = self.session_at(column)
        if session is None or not 0 <= row < len(self.trainees):
            return None
        return self.marks.get((session.uuid, self.trainees[row].uuid))

    def status(self, row: int, column: int) -> str:
        found = self.attendance(row, column)
        return found.status if found else ""

    def set_status(self, row: int, column: int, status: str, reason: str = "") -> bool:
        """Record one cell ("" clears the mark); False, without writing, when 请假 lacks its reason."""
        session = self.session_at(column)
        if session is None or not 0 <= row < len(self.trainees):
            return False
        trainee = self.trainees[row]
        key = (session.uuid, trainee.uuid)
        if status == "excused" and not reason.strip():
            self.on_reason_needed(row, column)
            return False
        if status:
            try:
                self.marks[key] = mark(session, trainee, status, reason)
            except ValidationError:
                return False
        else:
            if self.marks.pop(key, None) is not None:
                clear_mark(session, trainee)
        self.hours[trainee.uuid] = trainee_hours(trainee)
        self.dataChanged.emit(self.index(row, column), self.index(row, self.hours_column()))
        self.on_marks_changed()
        return True

    # --- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.trainees)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.training is None else GRID_FIXED + len(self.sessions) + 1

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.trainees):
            return None
        row, column = index.row(), index.column()
        trainee = self.trainees[row]
        if column < GRID_FIXED:
            if role in (Qt.DisplayRole, Qt.ToolTipRole):
                return trainee.name if column == 0 else trainee.unit_name
            return None
        if column == self.hours_column():
            if role == Qt.DisplayRole:
                return format_number(round(self.hours.get(trainee.uuid, 0.0), 1))
            if role == Qt.TextAlignmentRole:
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return None
        found = self.attendance(row, column)
        status = found.status if found else ""
        if role == Qt.DisplayRole:
            if not found:
                return "—"
            if status == "excused" and found.reason:
                return _("{status}: {reason}").format(status=status_mark(status), reason=found.reason)
            return status_mark(status)
        if role == Qt.EditRole or role == STATUS_ROLE:
            return status
        if role == Qt.ToolTipRole:
            if not found:
                return _("Not marked: counts as absent. Keys: P present, L late, E excused, A absent.")
            if status == "excused":
                return _("Excused: {reason}").format(reason=found.reason)
            return status_label(status)
        if role == Qt.BackgroundRole and status in STATUS_COLOURS:
            return QBrush(STATUS_COLOURS[status])
        if role == Qt.ForegroundRole:
            # Dark text on the pale status colours, also with a dark palette.
            return (
                QBrush(UNMARKED_COLOUR)
                if not found
                else QBrush(QColor("#202020"))
                if status in STATUS_COLOURS
                else None
            )
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        return None

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid() or not self.is_session_column(index.column()):
            return False
        status, reason = value if isinstance(value, tuple) else (value, "")
        if status not in STATUSES and status != "":
            return False
        return self.set_status(index.row(), index.column(), status, reason)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal:
            return str(section + 1) if role == Qt.DisplayRole else None
        if section < GRID_FIXED:
            return (_("Name"), _("Village/unit"))[section] if role == Qt.DisplayRole else None
        if section == self.hours_column():
            return _("Hours") if role == Qt.DisplayRole else None
        session = self.session_at(section)
        if session is None:
            return None
        if role == Qt.DisplayRole:
            return f"{format_month_day(session.date)} {_(HALVES[session.half])}"
        if role == Qt.ToolTipRole:
            parts = [session.label()]
            if session.topic:
                parts.append(session.topic)
            if session.lecturer:
                parts.append(session.lecturer)
            parts.append(_("{hours} hours").format(hours=format_number(session.hours)))
            parts.append(_("In the cells: P present · L late · E excused · A absent"))
            return "\n".join(parts)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemNeverHasChildren
        if self.is_session_column(index.column()):
            flags |= Qt.ItemIsEditable
        return flags


class StatusDelegate(QStyledItemDelegate):
    """Edits a grid cell with a combo of the four statuses (each with its key letter)."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for code in STATUSES:
            combo.addItem(
                _("{status} (key {key})").format(status=status_label(code), key=STATUS_LETTERS[code]),
                code,
            )
        # Picking an entry is the whole edit: commit at once rather than waiting for focus to leave.
        combo.activated.connect(lambda _i, c=combo: (self.commitData.emit(c), self.closeEditor.emit(c)))
        return combo

    def setEditorData(self, editor, index):
        found = editor.findData(index.data(STATUS_ROLE) or "present")
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor, model, index):
        status = editor.currentData()
        if status != index.data(STATUS_ROLE):
            model.setData(index, status)


class AttendanceView(QTableView):
    """The grid: P/L/E/A set the current cell and move down; Delete clears it; F2 or a double-click opens the combo."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setItemDelegate(StatusDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed | QAbstractItemView.SelectedClicked
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setHighlightSections(False)

    def _status_for(self, event) -> str | None:
        """The status a key sets on the current cell ("" clears), or None when the key is not ours."""
        index = self.currentIndex()
        model = self.model()
        plain = not (event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier))
        if not (
            plain
            and index.isValid()
            and isinstance(model, AttendanceModel)
            and model.is_session_column(index.column())
            and self.state() != QAbstractItemView.EditingState
        ):
            return None
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
            return ""
        return STATUS_KEYS.get(event.key())

    def event(self, event) -> bool:
        # Delete on a cell clears the mark: claim the key before the window's Delete (the training) takes it.
        if event.type() == QEvent.ShortcutOverride and self._status_for(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        status = self._status_for(event)
        if status is None:
            super().keyPressEvent(event)
            return
        event.accept()
        index, model = self.currentIndex(), self.model()
        if model.set_status(index.row(), index.column(), status) and index.row() + 1 < model.rowCount():
            # Marking down a column is the usual order: one session, everyone in turn.
            self.setCurrentIndex(model.index(index.row() + 1, index.column()))


class LeaveReasonDialog(QDialog):
    """Asks why someone was excused (请假 needs a reason on the attendance summary)."""

    def __init__(self, name: str, session_label: str, reason: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Reason for leave"))
        self.reason = QLineEdit(reason)
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(_("e.g. ill, away for work, caring for family"))
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.reason.textChanged.connect(lambda _text: self._recheck())
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(_("OK"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        question = QLabel(_("Why is {name} excused from {session}?").format(name=name, session=session_label))
        question.setWordWrap(True)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)

    def text(self) -> str:
        return self.reason.text().strip()

    def _recheck(self) -> None:
        """The message goes (or changes) as soon as the reason is right, not only on OK."""
        if self.error.isVisible():
            _reason, problem = check_leave_reason(self.reason.text())
            self.error.setText(problem or "")
            self.error.setVisible(bool(problem))

    def accept(self) -> None:
        _reason, problem = check_leave_reason(self.reason.text())
        if problem:
            self.error.setText(problem)
            self.error.setVisible(True)
            self.adjustSize()  # the message may take two lines
            self.reason.setFocus()
            return
        super().accept()
