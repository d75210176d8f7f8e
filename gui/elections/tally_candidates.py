"""The candidates of one round and their votes as an editable table, with problems marked on their cells."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QSpinBox, QStyledItemDelegate, QTableView

from models.elections.draft import CandidateDraft, RoundDraft
from models.i18n import N_, _

NUMBER, NAME, WRITE_IN, YES, NO, ABSTAIN, RESULT = range(7)
HEADERS = (N_("No."), N_("Name"), N_("Written in"), N_("For"), N_("Against"), N_("Abstain"), N_("Result"))
VOTE_COLUMNS = {YES: "yes", NO: "no", ABSTAIN: "abstain"}
COLUMN_OF = {"yes": YES, "no": NO, "abstain": ABSTAIN, "name": NAME}
MAX_VOTES = 99999

ERROR_BACKGROUND = QColor("#FDE7E5")
ERROR_TEXT = QColor("#B3261E")
WARNING_BACKGROUND = QColor("#FFF4DC")
ELECTED_TEXT = QColor("#1E6B34")
RUNOFF_TEXT = QColor("#9A5B00")

# What the result column says of a candidate.
OUTCOMES = {
    "elected": N_("Elected to a seat"),
    "runoff": N_("Run-off"),
    "passed": N_("Passed, no seat left"),
    "failed": N_("Not elected"),
}


class CandidateModel(QAbstractTableModel):
    """Rows are a RoundDraft's candidates; the vote cells edit the draft directly."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.round: RoundDraft | None = None
        self._problems: dict[tuple[int, int], tuple[str, str]] = {}
        self._outcomes: dict[str, str] = {}

    def set_round(self, round_: RoundDraft) -> None:
        self.beginResetModel()
        self.round = round_
        self._problems, self._outcomes = {}, {}
        self.endResetModel()

    def candidates(self) -> list[CandidateDraft]:
        return self.round.candidates if self.round else []

    def set_marks(self, problems: dict[tuple[int, int], tuple[str, str]], outcomes: dict[str, str]) -> None:
        """Problems by (row, column) as (level, message); outcomes by name (see OUTCOMES)."""
        if problems == self._problems and outcomes == self._outcomes:
            return
        self._problems, self._outcomes = problems, outcomes
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, RESULT))

    def problem_at(self, row: int, column: int) -> str:
        return self._problems.get((row, column), ("", ""))[1]

    def outcome(self, name: str) -> str:
        return self._outcomes.get(name, "")

    # --- rows -------------------------------------------------------------------------

    def add(self, candidate: CandidateDraft) -> int:
        row = len(self.candidates())
        self.beginInsertRows(QModelIndex(), row, row)
        self.round.candidates.append(candidate)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self.candidates()):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.round.candidates[row]
        self.endRemoveRows()
        self.edited.emit()

    def sort_by_strokes(self) -> None:
        self.beginResetModel()
        self.round.sort_by_strokes()
        self.endResetModel()
        self.edited.emit()

    # --- QAbstractTableModel ----------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.candidates())

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemNeverHasChildren
        if index.column() in VOTE_COLUMNS:
            flags |= Qt.ItemIsEditable
        elif index.column() == WRITE_IN:
            flags |= Qt.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        candidate = self.candidates()[index.row()]
        column = index.column()
        level, problem = self._problems.get((index.row(), column), ("", ""))
        if role in (Qt.DisplayRole, Qt.EditRole):
            if column == NUMBER:
                return str(index.row() + 1)
            if column == NAME:
                return candidate.name
            if column in VOTE_COLUMNS:
                value = getattr(candidate, VOTE_COLUMNS[column])
                return value if role == Qt.EditRole else str(value)
            if column == RESULT:
                outcome = self._outcomes.get(candidate.name, "")
                return _(OUTCOMES[outcome]) if outcome else ""
            return None
        if role == Qt.CheckStateRole and column == WRITE_IN:
            return Qt.Checked if candidate.write_in else Qt.Unchecked
        if role == Qt.TextAlignmentRole and column in (NUMBER, YES, NO, ABSTAIN):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.BackgroundRole and problem:
            return QBrush(ERROR_BACKGROUND if level == "error" else WARNING_BACKGROUND)
        if role == Qt.ForegroundRole:
            if problem and level == "error":
                return QBrush(ERROR_TEXT)
            if column == RESULT:
                outcome = self._outcomes.get(candidate.name, "")
                if outcome == "elected":
                    return QBrush(ELECTED_TEXT)
                if outcome == "runoff":
                    return QBrush(RUNOFF_TEXT)
        if role == Qt.FontRole and column == RESULT and self._outcomes.get(candidate.name) == "elected":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole:
            if problem:
                return problem
            if column == NAME and not candidate.person:
                return _("Not on the unit's list yet; a record is made for her when she is elected.")
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return False
        candidate = self.candidates()[index.row()]
        if index.column() in VOTE_COLUMNS and role == Qt.EditRole:
            try:
                number = int(value)
            except (TypeError, ValueError):
                return False
            if number < 0:
                return False
            setattr(candidate, VOTE_COLUMNS[index.column()], number)
        elif index.column() == WRITE_IN and role == Qt.CheckStateRole:
            candidate.write_in = Qt.CheckState(value) == Qt.Checked
        else:
            return False
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True


class VoteDelegate(QStyledItemDelegate):
    """A spin box for a vote count: digits only, never negative."""

    def createEditor(self, parent, option, index):
        editor = QSpinBox(parent)
        editor.setRange(0, MAX_VOTES)
        editor.setButtonSymbols(QSpinBox.NoButtons)
        editor.setAlignment(Qt.AlignRight)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor, index):
        editor.setValue(int(index.data(Qt.EditRole) or 0))
        editor.selectAll()

    def setModelData(self, editor, model, index):
        editor.interpretText()
        model.setData(index, editor.value(), Qt.EditRole)


class CandidateTable(QTableView):
    """Tab walks the vote cells only (For, Against, Abstain, next row), then leaves the table."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(VoteDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.AnyKeyPressed
            | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.DoubleClicked
            | QAbstractItemView.SelectedClicked
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setHighlightSections(False)

    def moveCursor(self, action, modifiers):
        current = self.currentIndex()
        model = self.model()
        if (
            action in (QAbstractItemView.MoveNext, QAbstractItemView.MovePrevious)
            and model is not None
            and model.rowCount()
        ):
            cells = [(r, c) for r in range(model.rowCount()) for c in VOTE_COLUMNS]
            here = (current.row(), current.column()) if current.isValid() else None
            if here not in cells:
                target = cells[0] if action == QAbstractItemView.MoveNext else cells[-1]
            else:
                i = cells.index(here) + (1 if action == QAbstractItemView.MoveNext else -1)
                if not 0 <= i < len(cells):
                    return QModelIndex()  # past the last vote cell: focus moves on
                target = cells[i]
            return model.index(*target)
        return super().moveCursor(action, modifiers)
