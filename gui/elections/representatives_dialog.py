"""The list of women's representatives of one election (妇女代表名册), and 应到 beside it.

An editable table (name, 村民小组/网格, birth month, identity category, notes,
the person record a row stands for); rows are added, removed, imported from
the unit's people and moved. 应到 follows the number of rows until it is set
to another number, which then needs a reason. Save hands everything to
``models.elections.representatives.save_representatives`` (one transaction);
its errors are shown on the row's cells and under the table, or under 应到.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common.field_error import ERROR_COLOUR, INVALID_STYLE, FieldBox
from gui.common.fit import fit_to_screen, fit_width
from gui.common.form_dialog import FormDialog
from gui.common.unit_filter import is_read_only
from models import codes, fields
from models.base import FieldError, ValidationError
from models.elections import records as er
from models.elections import representatives as reps
from models.elections.representatives import RepresentativeInput
from models.i18n import _, format_year_month, in_brackets
from models.people import split_year_month

# Table columns: the typed fields of a row, then the person it is linked to (shown, not typed).
COLUMNS = ("name", "group_name", "birth_month", "category", "notes", "person")
NAME, GROUP, BIRTH, CATEGORY, NOTES, PERSON = range(len(COLUMNS))
ROW_DATA = Qt.UserRole  # on the name cell: (stored uuid, linked person uuid)


def column_headers() -> list[str]:
    return [
        _("Name"),
        _("Villagers' group (grid)"),
        _("Year and month of birth"),
        _("Identity categories"),
        _("Notes"),
        _("Person"),
    ]


def shown_month(value: str) -> str:
    """A stored YYYY-MM as the forms print it (1978.05); anything else as typed."""
    ym = split_year_month(value)
    return format_year_month(*ym) if ym else value


class RepresentativesDialog(FormDialog):
    """Edit one election's list of representatives and its 应到."""

    def __init__(self, context, election: er.Election, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.election = election
        self.read_only = is_read_only(election)
        self.saved = False
        rows = reps.inputs_of(election)
        self._names = reps.linked_names(reps.representatives(election))
        # 应到 set by hand: a reason is stored, or 应到 differs from a list already there.
        self._manual = bool(election.entitled_reason.strip())
        self._start(_("Women's representatives — {election}").format(election=election.title()), rows)

    # --- building -----------------------------------------------------------------

    def _build(self) -> None:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(column_headers())
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().setVisible(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, ems in ((NAME, 7), (GROUP, 10), (BIRTH, 7), (CATEGORY, 12), (NOTES, 9)):
            self.table.setColumnWidth(column, em * ems)
        self.table.itemChanged.connect(lambda _item: self._rows_changed())

        self.add_button = QPushButton(_("Add"))
        self.remove_button = QPushButton(_("Remove"))
        self.import_button = QPushButton(_("Import from people…"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_row)
        self.import_button.clicked.connect(self.import_people)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.import_button, self.up_button, self.down_button):
            side.addWidget(button)
            button.setEnabled(not self.read_only)
        side.addStretch(1)

        self.entitled = QSpinBox()
        self.entitled.setRange(0, fields.MAX_PEOPLE)
        self.entitled.valueChanged.connect(lambda _v: self._entitled_typed())
        self.entitled_line = QLabel()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Why the number entitled differs from the list"))
        self.reason.setMaxLength(fields.max_length("election", "entitled_reason"))
        self.boxes = {
            "rows": FieldBox(self.table),
            "entitled": FieldBox(self.entitled),
            "entitled_reason": FieldBox(self.reason, _("Say why, for the township that reviews the list.")),
        }

        top = QHBoxLayout()
        top.addWidget(self.boxes["rows"], 1)
        top.addLayout(side)
        entitled_row = QHBoxLayout()
        # The line the township reads (应到：N（代表名册N人）), then where another number is set.
        entitled_label = QLabel(_("Set the number entitled:"))
        entitled_label.setBuddy(self.entitled)
        entitled_row.addWidget(self.entitled_line, 1)
        entitled_row.addWidget(entitled_label)
        entitled_row.addWidget(self.boxes["entitled"])
        self._save_cancel_buttons()
        if self.read_only:
            self.save_button.setVisible(False)
        layout = QVBoxLayout(self)
        note = QLabel(_("The number entitled to attend follows the list; another number needs a reason."))
        note.setWordWrap(True)
        note.setProperty("role", "field-hint")
        layout.addWidget(note)
        layout.addLayout(top, 1)
        layout.addLayout(entitled_row)
        layout.addWidget(self.boxes["entitled_reason"])
        layout.addWidget(self.buttons)
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumWidth(fit_width(self, 60))
        self.resize(fit_width(self, 72), self.fontMetrics().height() * 30)
        fit_to_screen(self, grow_only=True)

    def _load(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.table.blockSignals(True)
        for row in rows:
            self._append(row)
        self.table.blockSignals(False)
        count = self.table.rowCount()
        self.entitled.blockSignals(True)
        self.entitled.setValue(self.election.entitled if (self._manual or not count) else count)
        self.entitled.blockSignals(False)
        if count and self.election.entitled != count:
            self._manual = True
        self.reason.setText(self.election.entitled_reason)
        self._update_entitled()
        if self.read_only:
            self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
            self.entitled.setReadOnly(True)
            self.reason.setReadOnly(True)

    def _append(self, row: RepresentativeInput, at: int | None = None) -> int:
        index = self.table.rowCount() if at is None else at
        self.table.insertRow(index)
        name = QTableWidgetItem(row.name)
        name.setData(ROW_DATA, (row.uuid, row.person))
        self.table.setItem(index, NAME, name)
        self.table.setItem(index, GROUP, QTableWidgetItem(row.group_name))
        self.table.setItem(index, BIRTH, QTableWidgetItem(shown_month(row.birth_month)))
        self.table.setItem(index, NOTES, QTableWidgetItem(row.notes))
        linked = QTableWidgetItem(self._names.get(row.person or "", "") if row.person else "")
        linked.setFlags(linked.flags() & ~Qt.ItemIsEditable)
        linked.setToolTip(_("The person record this representative is; linked by name when saved."))
        self.table.setItem(index, PERSON, linked)
        combo = QComboBox()
        combo.addItem("", "")
        for code, label in codes.IDENTITY.choices():
            combo.addItem(label, code)
        found = combo.findData(row.category)
        combo.setCurrentIndex(found if found >= 0 else 0)
        combo.setEnabled(not self.read_only)
        combo.currentIndexChanged.connect(lambda _i: self._rows_changed())
        self.table.setCellWidget(index, CATEGORY, combo)
        return index

    # --- reading what is typed ------------------------------------------------------------

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def row_inputs(self) -> list[RepresentativeInput]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, NAME)
            uuid, person = item.data(ROW_DATA) if item is not None and item.data(ROW_DATA) else (None, None)
            combo = self.table.cellWidget(row, CATEGORY)
            category = combo.currentData() if isinstance(combo, QComboBox) else ""
            out.append(
                RepresentativeInput(
                    self._text(row, NAME),
                    self._text(row, GROUP),
                    self._text(row, BIRTH),
                    category or "",
                    self._text(row, NOTES),
                    person,
                    uuid,
                )
            )
        return out

    def _snapshot(self) -> tuple:
        rows = tuple(tuple(vars(r).values()) for r in self.row_inputs())
        return rows, self.entitled.value(), self.reason.text()

    # --- editing ----------------------------------------------------------------------

    def add_row(self, row: RepresentativeInput | None = None) -> int:
        current = self.table.currentRow()
        index = self._append(row or RepresentativeInput(), current + 1 if current >= 0 else None)
        self.table.setCurrentCell(index, NAME)
        if row is None:
            self.table.editItem(self.table.item(index, NAME))
        self._rows_changed()
        return index

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self._rows_changed()

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        moved = self.row_inputs()[row]
        self.table.blockSignals(True)
        self.table.removeRow(row)
        self._append(moved, target)
        self.table.blockSignals(False)
        self.table.setCurrentCell(target, NAME)
        self._rows_changed()

    def import_people(self) -> None:
        listed = {r.person for r in self.row_inputs() if r.person}
        picker = PeoplePicker(self.election.unit, listed, self)
        if picker.exec() != QDialog.Accepted:
            return
        for row in reps.from_people(self.election.unit, picker.chosen()):
            self._names[row.person or ""] = row.name
            self._append(row)
        self._rows_changed()

    def _rows_changed(self) -> None:
        if not self._manual:
            self.entitled.blockSignals(True)
            self.entitled.setValue(self.table.rowCount())
            self.entitled.blockSignals(False)
        self._update_entitled()

    def _entitled_typed(self) -> None:
        self._manual = self.entitled.value() != self.table.rowCount()
        self._update_entitled()

    def _update_entitled(self) -> None:
        count = self.table.rowCount()
        self.entitled_line.setText(
            _("Entitled to attend: {entitled} (list of representatives: {count})").format(
                entitled=self.entitled.value(), count=count
            )
        )
        differs = bool(count) and self.entitled.value() != count
        self.boxes["entitled_reason"].setVisible(differs)

    def entitled_line_text(self) -> str:
        return self.entitled_line.text()

    # --- saving -----------------------------------------------------------------------

    def save(self) -> None:
        if self.read_only:
            return
        rows = self.row_inputs()
        count = len(rows)
        manual = bool(count) and self.entitled.value() != count
        try:
            reps.save_representatives(
                self.election, rows, self.entitled.value() if manual else None, self.reason.text() if manual else ""
            )
        except ValidationError as refused:
            self.show_errors(refused.errors)
            return
        self.saved = True
        self._saved()

    def show_errors(self, errors: list[FieldError]) -> None:
        """Row errors on their cells (red, the message as tip) and listed under the table; the others by field."""
        for row in range(self.table.rowCount()):
            for column in (NAME, GROUP, BIRTH, NOTES):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(QBrush())
                    item.setToolTip("")
        others = []
        for error in errors:
            where = reps.row_of(error)
            if where is None:
                others.append(error)
                continue
            row, field = where
            column = COLUMNS.index(field) if field in COLUMNS else NAME
            item = self.table.item(row, column if column != CATEGORY else NAME)
            if item is not None:
                item.setBackground(QBrush(QColor(ERROR_COLOUR).lighter(190)))
                item.setToolTip(error.message)
        row_errors = [FieldError("rows", e.message) for e in errors if reps.row_of(e) is not None]
        self._mark_errors(row_errors + others, "rows")
        first = next((reps.row_of(e) for e in errors if reps.row_of(e) is not None), None)
        if first is not None:
            self.table.setCurrentCell(first[0], COLUMNS.index(first[1]) if first[1] in COLUMNS else NAME)
        elif others:
            self._focus_editor(self.boxes[self._box_of.get(others[0].field, others[0].field)].editor)
        self._fit()


class PeoplePicker(QDialog):
    """Tick the unit's people to add to the list; those already on it are shown but cannot be ticked."""

    def __init__(self, unit: str, listed: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Import from people"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Search by name or pinyin"))
        self.list = QListWidget()
        for person in reps.people_to_choose(unit):
            born = split_year_month(person.birth)
            text = person.name + (in_brackets(format_year_month(*born)) if born else "")
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, (person.uuid, f"{person.name} {person.name_pinyin} {person.name_initials}"))
            if person.uuid in listed:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
                item.setText(text + " — " + _("already on the list"))
            else:
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Unchecked)
            self.list.addItem(item)
        self.filter.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(_("Add to the list"))
        buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        if not self.list.count():
            empty = QLabel(_("Nobody has been entered on the people page yet."))
            empty.setWordWrap(True)
            layout.addWidget(empty)
        layout.addWidget(buttons)
        self.setMinimumWidth(fit_width(self, 28))
        fit_to_screen(self)

    def _filter(self, text: str) -> None:
        text = text.strip().lower()
        for index in range(self.list.count()):
            item = self.list.item(index)
            self.list.setRowHidden(index, bool(text) and text not in item.data(Qt.UserRole)[1].lower())

    def chosen(self) -> list[str]:
        return [
            self.list.item(i).data(Qt.UserRole)[0]
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.Checked
        ]


def open_representatives(parent: QWidget, context, election_uuid: str) -> bool:
    """Open the list of the election (as stored now); True when it was saved."""
    election = er.get_election(election_uuid)
    if election is None:
        return False
    dialog = RepresentativesDialog(context, election, parent)
    dialog.exec()
    return dialog.saved
