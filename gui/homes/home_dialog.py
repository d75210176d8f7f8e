"""Describe the Women's Home (基本情况): the room, equipment, people, demonstration years, photos."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from gui.common.field_error import INVALID_STYLE, FieldBox
from gui.common.form_dialog import FormDialog
from gui.common.rare_char_finder import add_rare_character_button
from gui.context import AppContext
from gui.homes.activity_dialog import CompositeBox, DateEdit
from gui.homes.photo_strip import PhotoStrip
from gui.resources import icon
from models.base import FieldError, ValidationError
from models.homes import (
    DEMONSTRATION_LEVEL,
    FACILITY,
    Home,
    HomeInput,
    check_home,
    home_input,
    new_home_input,
    parse_amount,
    save_home,
)
from models.i18n import _

# Field names in the order they appear: the first bad one gets the focus.
FIELDS = (
    "name",
    "address",
    "floor_area",
    "room",
    "shared_with",
    "plaque_date",
    "rules_on_wall",
    "facilities",
    "opening_hours",
    "manager",
    "manager_phone",
    "volunteers",
    "annual_funding",
    "online_group",
    "online_members",
    "online_owner",
    "demonstrations",
    "notes",
    "photos",
)


def format_amount(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if value != int(value) else str(int(value))


class DemonstrationTable(QWidget):
    """The years the Home was named a demonstration Home, one row per year with its level."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("Year"), _("Level")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 3 + 30)
        self.table.setMaximumHeight(self.table.verticalHeader().defaultSectionSize() * 4 + 30)
        self.add_button = QPushButton(icon("new"), _("Add a year"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(icon("delete"), _("Remove year"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_row(self, year: int | None = None, level: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        year_box = QSpinBox()
        year_box.setRange(1990, 2100)
        year_box.setValue(year or _dt.date.today().year)
        year_box.setFrame(False)
        # A frameless spin box leaves its arrows' background unpainted: on a selected row they showed
        # solid highlight blue. It paints its own background.
        year_box.setAutoFillBackground(True)
        level_box = QComboBox()
        level_box.addItem(_("Choose…"), "")
        for code, label in DEMONSTRATION_LEVEL.choices():
            level_box.addItem(label, code)
        level_box.setCurrentIndex(max(0, level_box.findData(level)))
        level_box.setFrame(False)
        self.table.setCellWidget(row, 0, year_box)
        self.table.setCellWidget(row, 1, level_box)
        self.table.setCurrentCell(row, 0)
        if year is None:
            year_box.setFocus()
            year_box.selectAll()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def rows(self) -> list[tuple[int, str]]:
        return [
            (self.table.cellWidget(r, 0).value(), self.table.cellWidget(r, 1).currentData() or "")
            for r in range(self.table.rowCount())
        ]

    def set_rows(self, rows: list[tuple[int, str]]) -> None:
        self.table.setRowCount(0)
        for year, level in rows:
            self.add_row(year, level)


class HomeDialog(FormDialog):
    """The facility form of the unit's Women's Home; ``home`` holds the saved record after Accepted."""

    def __init__(self, context: AppContext, home: Home | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.home = home
        self.setWindowTitle(_("Women's Home: facility") if home else _("Describe the Women's Home"))
        self.setStyleSheet(INVALID_STYLE)
        self._build()
        self._load(home_input(home) if home else new_home_input(self.context.unit_code, self.context.unit_name))
        self._initial = self._snapshot()
        self._watch_fields()
        self.name.setFocus(Qt.OtherFocusReason)

    # --- building ---------------------------------------------------------------

    def _build(self) -> None:
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.address = QLineEdit()
        self.address.setMaxLength(200)
        self.floor_area = QLineEdit()
        self.floor_area.setPlaceholderText("60")
        self.floor_area.setMaxLength(12)
        self.own_room = QRadioButton(_("Own room"))
        self.shared_room = QRadioButton(_("Shared room"))
        self._room_group = QButtonGroup(self)
        self._room_group.addButton(self.own_room)
        self._room_group.addButton(self.shared_room)
        self.shared_with = QLineEdit()
        self.shared_with.setMaxLength(100)
        self.shared_with.setPlaceholderText(_("Shared with, e.g. the Party members' activity room"))
        self.shared_room.toggled.connect(self.shared_with.setEnabled)
        self.plaque = QCheckBox(_("Plaque hung on"))
        self.plaque_date = DateEdit()
        self.plaque.toggled.connect(self.plaque_date.setEnabled)
        self.rules_on_wall = QCheckBox(_("Rules are on the wall"))
        self.facility_boxes: dict[str, QCheckBox] = {}
        self.facilities = QWidget()
        grid = QGridLayout(self.facilities)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (code, label) in enumerate(FACILITY.choices()):
            box = QCheckBox(label)
            self.facility_boxes[code] = box
            grid.addWidget(box, i // 2, i % 2)
        self.manager = QLineEdit()
        self.manager.setMaxLength(50)
        add_rare_character_button(self.manager)
        self.manager_phone = QLineEdit()
        self.manager_phone.setMaxLength(30)
        self.manager_phone.setPlaceholderText("13812345678")
        self.opening_hours = QLineEdit()
        self.opening_hours.setMaxLength(100)
        self.opening_hours.setPlaceholderText(_("e.g. Tuesdays and Thursdays 9:00–17:00"))
        self.volunteers = QSpinBox()
        self.volunteers.setRange(0, 99999)
        self.annual_funding = QLineEdit()
        self.annual_funding.setMaxLength(16)
        self.annual_funding.setPlaceholderText("5000")
        self.online_group = QLineEdit()
        self.online_group.setMaxLength(100)
        self.online_members = QSpinBox()
        self.online_members.setRange(0, 99999)
        self.online_owner = QLineEdit()
        self.online_owner.setMaxLength(50)
        self.demonstrations = DemonstrationTable()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        self.photos = PhotoStrip(editable=True, thumb_size=96)

        room = QWidget()
        room_row = QHBoxLayout(room)
        room_row.setContentsMargins(0, 0, 0, 0)
        room_row.addWidget(self.own_room)
        room_row.addWidget(self.shared_room)
        room_row.addWidget(self.shared_with, 1)
        self.room = room
        plaque = QWidget()
        plaque_row = QHBoxLayout(plaque)
        plaque_row.setContentsMargins(0, 0, 0, 0)
        plaque_row.addWidget(self.plaque)
        plaque_row.addWidget(self.plaque_date, 1)
        self._plaque_row = plaque

        self.boxes: dict[str, FieldBox] = {
            "name": FieldBox(self.name),
            "address": FieldBox(self.address),
            "floor_area": CompositeBox(self._with_unit(self.floor_area, _("m²")), [self.floor_area]),
            "room": CompositeBox(room, [self.shared_with]),
            "plaque_date": CompositeBox(plaque, [self.plaque_date]),
            "rules_on_wall": FieldBox(self.rules_on_wall),
            "facilities": CompositeBox(self.facilities),
            "opening_hours": FieldBox(self.opening_hours),
            "manager": FieldBox(self.manager),
            "manager_phone": FieldBox(self.manager_phone),
            "volunteers": CompositeBox(self._with_unit(self.volunteers, _("people"))),
            "annual_funding": CompositeBox(
                self._with_unit(self.annual_funding, _("yuan a year")), [self.annual_funding]
            ),
            "online_group": FieldBox(self.online_group),
            "online_members": CompositeBox(self._with_unit(self.online_members, _("members"))),
            "online_owner": FieldBox(self.online_owner),
            "demonstrations": CompositeBox(
                self.demonstrations,
                [self.demonstrations.table],
                _("The years the Home was named a demonstration Home."),
            ),
            "notes": FieldBox(self.notes),
            "photos": CompositeBox(self.photos, [self.photos.list]),
        }
        self._box_of = {name: name for name in self.boxes}
        self._box_of.update(shared_with="room", own_room="room")
        # The editor that takes the focus when its field is wrong.
        self._focus_of = {
            "room": self.shared_with,
            "plaque_date": self.plaque_date,
            "facilities": next(iter(self.facility_boxes.values())),
            "demonstrations": self.demonstrations.table,
            "photos": self.photos.list,
        }

        left, right = self._form(), self._form()
        for label, name, buddy in (
            (_("Name of the Home"), "name", self.name),
            (_("Address"), "address", self.address),
            (_("Floor area"), "floor_area", self.floor_area),
            (_("Room"), "room", self.own_room),
            (_("Plaque"), "plaque_date", self.plaque),
            ("", "rules_on_wall", None),
            (_("Facilities"), "facilities", None),
            (_("Opening hours"), "opening_hours", self.opening_hours),
            (_("Notes"), "notes", self.notes),
        ):
            left.addRow(self._label(label, buddy), self.boxes[name])
        for label, name, buddy in (
            (_("Manager"), "manager", self.manager),
            (_("Manager's phone"), "manager_phone", self.manager_phone),
            (_("Volunteer team"), "volunteers", self.volunteers),
            (_("Annual funding"), "annual_funding", self.annual_funding),
            (_("Online group"), "online_group", self.online_group),
            (_("Group members"), "online_members", self.online_members),
            (_("Group owner"), "online_owner", self.online_owner),
            (_("Demonstration"), "demonstrations", None),
        ):
            right.addRow(self._label(label, buddy), self.boxes[name])

        photos_form = self._form(dont_wrap=False)
        photos_form.addRow(self._label(_("Photos"), self.photos.list), self.boxes["photos"])
        self._lay_out(self._two_columns(left, right), photos_form, 84)

    @staticmethod
    def _with_unit(editor: QWidget, unit: str) -> QWidget:
        """An editor followed by its unit (m², yuan), kept narrow: these are short numbers."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        editor.setMaximumWidth(editor.fontMetrics().horizontalAdvance("0") * 12 + 30)
        row.addWidget(editor)
        row.addWidget(QLabel(unit))
        row.addStretch(1)
        return box

    # --- values -----------------------------------------------------------------

    def _load(self, data: HomeInput) -> None:
        self.name.setText(data.name)
        self.address.setText(data.address)
        self.floor_area.setText(format_amount(data.floor_area))
        (self.own_room if data.own_room else self.shared_room).setChecked(True)
        self.shared_with.setText(data.shared_with)
        self.shared_with.setEnabled(not data.own_room)
        self.plaque.setChecked(data.plaque_date is not None)
        self.plaque_date.setEnabled(data.plaque_date is not None)
        self.plaque_date.set_date(data.plaque_date)
        self.rules_on_wall.setChecked(data.rules_on_wall)
        for code, box in self.facility_boxes.items():
            box.setChecked(code in data.facilities)
        self.manager.setText(data.manager)
        self.manager_phone.setText(data.manager_phone)
        self.opening_hours.setText(data.opening_hours)
        self.volunteers.setValue(data.volunteers)
        self.annual_funding.setText(format_amount(data.annual_funding))
        self.online_group.setText(data.online_group)
        self.online_members.setValue(data.online_members)
        self.online_owner.setText(data.online_owner)
        self.demonstrations.set_rows(data.demonstrations)
        self.notes.setPlainText(data.notes)
        self.photos.set_digests(data.photos)

    def _snapshot(self) -> tuple:
        return (
            self.name.text(),
            self.address.text(),
            self.floor_area.text(),
            self.own_room.isChecked(),
            self.shared_with.text(),
            self.plaque.isChecked(),
            self.plaque_date.text(),
            self.rules_on_wall.isChecked(),
            tuple(c for c, b in self.facility_boxes.items() if b.isChecked()),
            self.manager.text(),
            self.manager_phone.text(),
            self.opening_hours.text(),
            self.volunteers.value(),
            self.annual_funding.text(),
            self.online_group.text(),
            self.online_members.value(),
            self.online_owner.text(),
            tuple(self.demonstrations.rows()),
            self.notes.toPlainText(),
            tuple(self.photos.digests()),
        )

    def input(self) -> tuple[HomeInput, list[FieldError]]:
        """What the user typed as a HomeInput, plus problems only the dialog can see."""
        for box in (self.volunteers, self.online_members):
            box.interpretText()
        errors: list[FieldError] = []
        area, problem = parse_amount(
            self.floor_area.text(), _("Write the floor area as a number of square metres, e.g. 60.")
        )
        if problem:
            errors.append(FieldError("floor_area", problem))
        funding, problem = parse_amount(
            self.annual_funding.text(), _("Write the annual funding as a number of yuan, e.g. 5000.")
        )
        if problem:
            errors.append(FieldError("annual_funding", problem))
        plaque_date = None
        if self.plaque.isChecked():
            plaque_date, problem = self.plaque_date.date()
            if problem:
                errors.append(FieldError("plaque_date", problem))
            elif plaque_date is None:
                errors.append(FieldError("plaque_date", _("Enter the day the plaque was hung, or untick it.")))
        data = HomeInput(
            name=self.name.text(),
            address=self.address.text().strip(),
            floor_area=area,
            own_room=self.own_room.isChecked(),
            shared_with="" if self.own_room.isChecked() else self.shared_with.text().strip(),
            plaque_date=plaque_date,
            rules_on_wall=self.rules_on_wall.isChecked(),
            facilities=[c for c, b in self.facility_boxes.items() if b.isChecked()],
            manager=self.manager.text().strip(),
            manager_phone=self.manager_phone.text(),
            opening_hours=self.opening_hours.text().strip(),
            volunteers=self.volunteers.value(),
            annual_funding=funding,
            online_group=self.online_group.text().strip(),
            online_members=self.online_members.value(),
            online_owner=self.online_owner.text().strip(),
            notes=self.notes.toPlainText().strip(),
            demonstrations=self.demonstrations.rows(),
            photos=self.photos.digests(),
        )
        return data, errors

    # --- errors -------------------------------------------------------------------

    def _current_errors(self) -> list[FieldError]:
        data, errors = self.input()
        reported = {e.field for e in errors}
        return errors + [e for e in check_home(data)[1] if e.field not in reported]

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message under its field (several per field joined); focus the first bad field."""
        by_box = self._mark_errors(errors, "notes")
        self._fit()
        first = next((name for name in FIELDS if name in by_box), None)
        if first is not None:
            self._focus_editor(self._focus_of.get(first, getattr(self, first, None)))

    # --- saving and leaving -----------------------------------------------------------

    def save(self) -> None:
        data, errors = self.input()
        if errors:
            _clean, problems = check_home(data)
            reported = {e.field for e in errors}
            self.show_errors(errors + [e for e in problems if e.field not in reported])
            return
        try:
            home = save_home(data, self.context.unit_code)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.home = home
        self._saved()
