"""Add or edit one person, with every problem shown beside its field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from gui.common.field_error import FieldBox
from gui.common.form_dialog import FormDialog
from gui.common.rare_char_finder import add_rare_character_button
from gui.context import AppContext
from models import codes
from models.base import FieldError, ValidationError
from models.i18n import _, format_year_month
from models.people import (
    FIELDS,
    Person,
    PersonInput,
    check_person,
    id_number_birth_month,
    person_input,
    save_person,
    split_year_month,
)


def _code_combo(table: codes.CodeTable, empty: bool = True) -> QComboBox:
    combo = QComboBox()
    if empty:
        combo.addItem("", None)
    for code, label in table.choices():
        combo.addItem(label, code)
    # Long labels (ethnicities, political parties) must not widen the dialog.
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


def _set_combo(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else 0)


class PersonDialog(FormDialog):
    """The new/edit form of a person; ``person`` holds the saved record after Accepted."""

    def __init__(self, context: AppContext, person: Person | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.person = person
        self._start(
            _("Edit {name}").format(name=person.name) if person else _("New person"),
            person_input(person) if person else PersonInput(),
        )

    # --- building ---------------------------------------------------------------

    def _build(self) -> None:
        self.name = QLineEdit()
        self.name.setMaxLength(50)
        self.rare_character = add_rare_character_button(self.name)
        self.sex = _code_combo(codes.SEX, empty=False)
        self.ethnicity = _code_combo(codes.ETHNICITY)
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("1978.05")
        self.birth.setMaxLength(12)
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(22)
        self.id_number.editingFinished.connect(self._fill_birth_from_id)
        self.education = _code_combo(codes.EDUCATION)
        self.political = _code_combo(codes.POLITICAL)
        self.post = _code_combo(codes.POST)
        self.part_time = QCheckBox(_("Part-time"))
        self.workplace = QLineEdit()
        self.workplace.setMaxLength(200)
        self.identities = QListWidget()
        for code, label in codes.IDENTITY.choices():
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, code)
            item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
            item.setCheckState(Qt.Unchecked)
            self.identities.addItem(item)
        # Every category visible at once: a scrolled check list hides what is ticked.
        self.identities.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.identities.setWordWrap(True)
        self.identities.setResizeMode(QListWidget.Adjust)
        rows_height = sum(self.identities.sizeHintForRow(i) for i in range(self.identities.count()))
        self.identities.setMinimumHeight(rows_height + 2 * self.identities.frameWidth() + 4)
        self.two_committees = QCheckBox(_("Member of the village two committees"))
        self.phone = QLineEdit()
        self.phone.setMaxLength(30)
        self.phone.setPlaceholderText("13812345678")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 2 + 20)  # grows with the larger font

        hints = {
            "birth": _("Year and month, e.g. 1978.05; filled in from the ID number when left empty."),
            "id_number": _("Optional. Printed forms show it masked, e.g. 430121********1234."),
        }
        editors = {name: getattr(self, name) for name in FIELDS}
        self.boxes: dict[str, FieldBox] = {name: FieldBox(editors[name], hints.get(name, "")) for name in FIELDS}

        labels = {
            "name": _("Name"),
            "sex": _("Sex"),
            "ethnicity": _("Ethnicity"),
            "birth": _("Born"),
            "id_number": _("ID number"),
            "education": _("Education"),
            "political": _("Political status"),
            "post": _("Post"),
            "part_time": "",
            "workplace": _("Workplace and position"),
            "identities": _("Identity categories"),
            "two_committees": "",
            "phone": _("Phone"),
            "notes": _("Notes"),
        }
        left, right = self._form(), self._form()
        for name in ("name", "sex", "ethnicity", "birth", "id_number", "education", "political", "phone"):
            left.addRow(self._label(labels[name], name), self.boxes[name])
        for name in ("post", "part_time", "workplace", "two_committees", "identities"):
            right.addRow(self._label(labels[name], name), self.boxes[name])

        notes_form = self._form(grow=False, dont_wrap=False)
        # The notes line up with the fields of the left column: its label as wide as theirs.
        self.notes_label = self._label(labels["notes"], "notes")
        self.notes_label.setMinimumWidth(
            max(left.itemAt(row, QFormLayout.LabelRole).widget().sizeHint().width() for row in range(left.rowCount()))
        )
        notes_form.addRow(self.notes_label, self.boxes["notes"])
        self._lay_out(self._two_columns(left, right), notes_form, 62)

    # --- values -----------------------------------------------------------------

    def _load(self, data: PersonInput) -> None:
        self.name.setText(data.name)
        _set_combo(self.sex, data.sex)
        _set_combo(self.ethnicity, data.ethnicity)
        ym = split_year_month(data.birth)
        self.birth.setText(format_year_month(*ym) if ym else (data.birth or ""))
        self.id_number.setText(data.id_number or "")
        _set_combo(self.education, data.education)
        _set_combo(self.political, data.political)
        _set_combo(self.post, data.post)
        self.part_time.setChecked(data.part_time)
        self.workplace.setText(data.workplace)
        chosen = set(data.identities)
        for i in range(self.identities.count()):
            item = self.identities.item(i)
            item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in chosen else Qt.Unchecked)
        self.two_committees.setChecked(data.two_committees)
        self.phone.setText(data.phone)
        self.notes.setPlainText(data.notes)

    def _checked_identities(self) -> list[str]:
        return [
            self.identities.item(i).data(Qt.UserRole)
            for i in range(self.identities.count())
            if self.identities.item(i).checkState() == Qt.Checked
        ]

    def _snapshot(self) -> tuple:
        """Everything as typed, to tell whether Esc would lose anything."""
        return (
            self.name.text(),
            self.sex.currentData(),
            self.ethnicity.currentData(),
            self.birth.text(),
            self.id_number.text(),
            self.education.currentData(),
            self.political.currentData(),
            self.post.currentData(),
            self.part_time.isChecked(),
            self.workplace.text(),
            tuple(self._checked_identities()),
            self.two_committees.isChecked(),
            self.phone.text(),
            self.notes.toPlainText(),
        )

    def _input(self) -> PersonInput:
        """What the user typed, as typed: the core reads and checks it when saving."""
        return PersonInput(
            name=self.name.text(),
            sex=self.sex.currentData(),
            ethnicity=self.ethnicity.currentData(),
            birth=self.birth.text(),
            id_number=self.id_number.text(),
            education=self.education.currentData(),
            political=self.political.currentData(),
            post=self.post.currentData(),
            part_time=self.part_time.isChecked(),
            workplace=self.workplace.text(),
            identities=self._checked_identities(),
            two_committees=self.two_committees.isChecked(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
        )

    def _fill_birth_from_id(self) -> None:
        # Typing the ID number first saves typing the birth month again.
        if self.birth.text().strip():
            return
        ym = id_number_birth_month(self.id_number.text())
        if ym is not None:
            self.birth.setText(format_year_month(*ym))

    # --- errors -------------------------------------------------------------------

    def _current_errors(self) -> list[FieldError]:
        return check_person(self._input())[1]

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message under its field (several per field joined); focus the first bad field."""
        by_field = self._mark_errors(errors, "notes")
        self._fit()
        first = next((name for name in FIELDS if name in by_field), None)
        if first is not None:
            self._focus_editor(self.boxes[first].editor)

    # --- saving and leaving -----------------------------------------------------------

    def save(self) -> None:
        try:
            self.person = save_person(self._input(), self.context.unit_code, self.person)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self._saved()
