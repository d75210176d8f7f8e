"""Adding attendees to a training: picked from the people on record, typed in one after another, or imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common.field_error import INVALID_STYLE, FieldBox
from gui.common.fit import em_size, fit_on_show, fit_to_screen
from gui.common.page_parts import setup_row_table
from gui.common.rare_char_finder import add_rare_character_button
from gui.context import AppContext
from gui.people.roster_import import RosterImportDialog
from models import codes, units
from models.base import FieldError, ValidationError
from models.i18n import _, ngettext
from models.listing import has_units_below, unit_names
from models.trainee_import import apply_trainees, read_trainees
from models.training import TraineeInput, Training, add_trainee, people_on_list, people_to_invite

PICKER_LIMIT = 500  # people shown at once; a search narrows further
SEARCH_DELAY_MS = 150
PERSON_ROLE = Qt.UserRole + 1
ON_LIST_COLOUR = QColor("#8a8f96")


def _status_and_buttons(dialog: QDialog, add_text: str, add) -> QHBoxLayout:
    """The bottom row of the adding dialogs: a status line (``dialog.status``), the add button
    (``dialog.add_button``, running ``add``) and Close (``dialog.close_button``), which accepts."""
    dialog.status = QLabel()
    dialog.add_button = QPushButton(add_text)
    dialog.add_button.clicked.connect(add)
    dialog.close_button = QPushButton(_("Close"))
    dialog.close_button.setAutoDefault(False)
    dialog.close_button.clicked.connect(dialog.accept)
    buttons = QHBoxLayout()
    buttons.addWidget(dialog.status, 1)
    buttons.addWidget(dialog.add_button)
    buttons.addWidget(dialog.close_button)
    return buttons


class SearchBox(QLineEdit):
    """A search line that steers a list: Up/Down/PageUp/PageDown move in it, Enter calls ``on_submit``.

    A plain callback rather than a Qt signal: PySide6 6.12 on Python 3.11
    loses a reference to True with every signal emitted from Python, and
    this runs once per person at the sign-in desk.
    """

    def __init__(self, view: QAbstractItemView | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.on_submit = lambda: None
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            event.accept()  # not the dialog's default button: Enter means "this one"
            self.on_submit()
            return
        if self.view is not None and event.key() in (Qt.Key_Up, Qt.Key_Down, Qt.Key_PageUp, Qt.Key_PageDown):
            move(self.view, event.key(), extend=bool(event.modifiers() & Qt.ShiftModifier))
            event.accept()
            return
        super().keyPressEvent(event)


def move(view: QAbstractItemView, key: int, extend: bool = False) -> None:
    """Move the current row of ``view`` one row or one page (Shift extends a multi-selection)."""
    model = view.model()
    count = model.rowCount() if model is not None else 0
    if not count:
        return
    current = view.currentIndex().row()
    page = max(1, view.viewport().height() // max(1, view.sizeHintForRow(0)) - 1)
    step = {Qt.Key_Up: -1, Qt.Key_Down: 1, Qt.Key_PageUp: -page, Qt.Key_PageDown: page}[key]
    row = min(max((current if current >= 0 else -1 if step > 0 else count) + step, 0), count - 1)
    index = model.index(row, 0)
    command = QItemSelectionModel.Select if extend else QItemSelectionModel.ClearAndSelect
    view.selectionModel().setCurrentIndex(index, command | QItemSelectionModel.Rows)
    view.scrollTo(index)


# --- picking people on record -------------------------------------------------------------------------


class TraineePicker(QDialog):
    """Search the people of this unit (and of the units below) and add the chosen ones; stays open for more."""

    added = Signal(int)  # how many were just added

    def __init__(self, context: AppContext, training: Training, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.training = training
        self.added_total = 0
        self.names = unit_names()
        self.setWindowTitle(_("Add attendees from people on record — {training}").format(training=training.name))
        fit_on_show(self, em_size(self, 69, 28))

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Village/unit"), _("Post"), _("Phone"), _("Status")])
        setup_row_table(self.table, QAbstractItemView.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemActivated.connect(lambda _item: self.add_selected())

        self.search_box = SearchBox(self.table)
        self.search_box.setPlaceholderText(_("Name, pinyin or initials — Enter adds, ↑↓ choose, Shift+↓ several"))
        self.search_box.on_submit = self.add_selected
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())

        self.unit_filter = QComboBox()
        self.unit_filter.addItem(_("All units"), "")
        own = context.unit_code
        below = has_units_below(own)
        if below:
            self.unit_filter.addItem(_("{unit} (own unit)").format(unit=context.unit_name), own)
            for unit in units.units_below(own):
                indent = "    " if unit.level == units.VILLAGE and units.level_of(own) == units.COUNTY else ""
                self.unit_filter.addItem(indent + unit.name, unit.code)
        self.unit_filter.setVisible(below)
        self.unit_filter.currentIndexChanged.connect(lambda _i: self.refresh())

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        if below:
            top.addWidget(QLabel(_("Unit")))
            top.addWidget(self.unit_filter)

        buttons = _status_and_buttons(self, _("Add selected"), self.add_selected)
        self.status.setEnabled(False)
        self.add_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.refresh()
        self.search_box.setFocus()

    # --- the list --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._timer.stop()
        found = people_to_invite(
            self.context.unit_code, self.search_box.text(), self.unit_filter.currentData() or "", limit=PICKER_LIMIT
        )
        on_list = people_on_list(self.training)
        # People still to add first: they are what the search is for.
        found.sort(key=lambda p: p.uuid in on_list)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(found))
        for row, person in enumerate(found):
            listed = person.uuid in on_list
            texts = (
                person.name,
                self.names.get(person.unit, person.unit),
                codes.POST.label(person.post),
                person.phone,
                _("already on the list") if listed else "",
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(PERSON_ROLE, person.uuid)
                if listed:
                    item.setFlags(Qt.ItemIsEnabled)  # shown, but not selectable again
                    item.setForeground(QBrush(ON_LIST_COLOUR))
                self.table.setItem(row, column, item)
        first = next((r for r, p in enumerate(found) if p.uuid not in on_list), -1)
        if first >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.table.model().index(first, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
            )
        else:
            self.table.clearSelection()
        if len(found) >= PICKER_LIMIT:
            self.status.setText(_("Showing the first {n}; type more of the name to narrow.").format(n=PICKER_LIMIT))
        elif not found:
            self.status.setText(
                _("Nobody matches “{text}”.").format(text=self.search_box.text().strip())
                if self.search_box.text().strip()
                else _("No people on record here yet.")
            )
        else:
            self.status.setText(self._added_text())
        self._update_button()

    def _added_text(self) -> str:
        if not self.added_total:
            return ""
        return ngettext("{n} attendee added.", "{n} attendees added.", self.added_total).format(n=self.added_total)

    def _update_button(self) -> None:
        self.add_button.setEnabled(bool(self.selected_uuids()))

    def selected_uuids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        result = []
        for row in rows:
            item = self.table.item(row, 0)
            if item is not None and item.flags() & Qt.ItemIsSelectable:
                result.append(item.data(PERSON_ROLE))
        return result

    def names_shown(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    # --- adding -----------------------------------------------------------------------------

    def add_selected(self) -> int:
        """Add the selected people; the search box is cleared for the next name."""
        if self._timer.isActive():
            self.refresh()  # Enter typed right after the name: search first
        added = 0
        for uuid in self.selected_uuids():
            try:
                add_trainee(self.training, TraineeInput(person=uuid))
                added += 1
            except ValidationError:
                continue  # already on the list (added meanwhile): nothing to do
        if added:
            self.added_total += added
            self.added.emit(added)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.refresh()
        self.search_box.setFocus()
        return added


# --- typing attendees in ---------------------------------------------------------------------------------


class TraineeForm(QWidget):
    """Name, unit, post (and phone) of someone not on record, with the problems under the fields."""

    FIELDS = ("name", "unit_name", "post", "phone")

    def __init__(self, with_phone: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setMaxLength(50)
        self.rare_character = add_rare_character_button(self.name)
        self.unit_name = QLineEdit()
        self.unit_name.setMaxLength(100)
        completer = QCompleter(sorted(set(unit_names().values())), self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.unit_name.setCompleter(completer)
        self.post = QComboBox()
        self.post.setEditable(True)
        self.post.addItem("")
        for _code, label in codes.POST.choices():
            self.post.addItem(label)
        self.post.setInsertPolicy(QComboBox.NoInsert)
        self.phone = QLineEdit()
        self.phone.setMaxLength(30)
        self.phone.setPlaceholderText("13812345678")
        editors = {"name": self.name, "unit_name": self.unit_name, "post": self.post, "phone": self.phone}
        self.boxes = {name: FieldBox(editor) for name, editor in editors.items()}
        # A message goes as soon as its field is typed into again; adding checks it anew.
        for name in ("name", "unit_name", "phone"):
            editors[name].textChanged.connect(lambda _text, n=name: self._clear(n))
        self.post.currentTextChanged.connect(lambda _text: self._clear("post"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        labels = {"name": _("Name"), "unit_name": _("Village/unit"), "post": _("Post"), "phone": _("Phone")}
        for name in self.FIELDS:
            if name == "phone" and not with_phone:
                continue
            label = QLabel(labels[name])
            label.setBuddy(editors[name])
            form.addRow(label, self.boxes[name])

    def input(self, walk_in: bool = False) -> TraineeInput:
        return TraineeInput(
            name=self.name.text(),
            unit_name=self.unit_name.text(),
            post=self.post.currentText(),
            phone=self.phone.text(),
            walk_in=walk_in,
        )

    def show_errors(self, errors: list[FieldError]) -> None:
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(error.field if error.field in self.boxes else "name", []).append(error.message)
        for name, box in self.boxes.items():
            box.set_error("\n".join(dict.fromkeys(by_field.get(name, []))))
        first = next((name for name in self.FIELDS if name in by_field), None)
        if first is not None:
            self.boxes[first].editor.setFocus(Qt.OtherFocusReason)

    def field_error(self, field: str) -> str:
        return self.boxes[field].error_text()

    def _clear(self, field: str) -> None:
        if self.boxes[field].error_text():
            self.boxes[field].set_error("")

    def clear_person(self) -> None:
        """Empty the name and phone for the next person; the unit and post often repeat."""
        self.name.clear()
        self.phone.clear()
        self.show_errors([])
        self.name.setFocus()


class TypeInDialog(QDialog):
    """Type attendees in one after another: Enter adds and starts the next; Close when done."""

    added = Signal(int)

    def __init__(self, context: AppContext, training: Training, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.training = training
        self.added_names: list[str] = []
        self.setWindowTitle(_("Type in attendees — {training}").format(training=training.name))
        self.setStyleSheet(INVALID_STYLE)
        self.form = TraineeForm()
        if units.level_of(context.unit_code) == units.VILLAGE:
            self.form.unit_name.setText(context.unit_name)
        intro = QLabel(
            _(
                "For people not on record. Enter adds the person and starts the next one; the village "
                "and post stay filled in."
            )
        )
        intro.setWordWrap(True)
        buttons = _status_and_buttons(self, _("Add"), self.add)
        self.status.setWordWrap(True)
        self.add_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        self.form.name.setFocus()

    def add(self) -> bool:
        try:
            trainee = add_trainee(self.training, self.form.input())
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self._fit()
            return False
        self.added_names.append(trainee.name)
        self.status.setText(_("Added {name}.").format(name=trainee.name))
        self.form.clear_person()
        self.added.emit(1)
        return True

    def _fit(self) -> None:
        """Grow to the height the wrapped error lines need (a window's size hint ignores word wrap)."""
        fit_to_screen(self, grow_only=True)


# --- importing a list ---------------------------------------------------------------------------------------


class TraineeImportDialog(RosterImportDialog):
    """Import a training's list of attendees (参训人员名单) from .xlsx or .csv, previewed like a roster."""

    has_template = False

    def __init__(self, context: AppContext, training: Training, parent: QWidget | None = None):
        self.training = training
        super().__init__(context, parent)
        self.setWindowTitle(_("Import attendees — {training}").format(training=training.name))
        self.intro_text.setText(
            _(
                "Choose the list of attendees (.xlsx, .xls, .et, .ods or .csv), "
                "as the villages send it. The program finds the header "
                "row by itself (姓名, 村(社区)/单位, 职务, 联系电话 …), checks every row and shows you the result before "  # noqa: E501
                "anything is saved. Names are then linked to the people on record where exactly one matches."
            )
        )
        self.intro_template.setVisible(False)

    def choose_caption(self) -> str:
        return _("Choose a list of attendees to import")

    def read_file(self, path: Path):
        return read_trainees(path, self.training)

    def apply_preview(self, preview, skip_bad_rows: bool, progress=None) -> int:
        return apply_trainees(preview, self.training, skip_bad_rows=skip_bad_rows, progress=progress)

    def imported_text(self, count: int) -> str:
        text = ngettext("{n} attendee imported.", "{n} attendees imported.", count).format(n=count)
        linked = self.preview.linked if self.preview is not None else 0
        if linked:
            text += " " + ngettext(
                "{n} typed-in attendee is now linked to the person on record.",
                "{n} typed-in attendees are now linked to the people on record.",
                linked,
            ).format(n=linked)
        return text
