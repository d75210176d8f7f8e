"""What the members' duties dialogs share: code and member choosers, and a dialog of labelled fields."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtWidgets import QComboBox, QFormLayout, QPlainTextEdit, QWidget

from gui.common.field_error import FieldBox
from gui.common.form_dialog import FormDialog
from gui.context import AppContext
from gui.elections.election_date import DateField
from models.base import FieldError, ValidationError
from models.codes import CodeTable
from models.duties.members import members
from models.i18n import _


def code_combo(table: CodeTable) -> QComboBox:
    combo = QComboBox()
    for code, label in table.choices():
        combo.addItem(label, code)
    return combo


def member_combo(unit: str, empty: str | None = None, keep: str | None = None) -> QComboBox:
    """The unit's committee members, chair first; ``empty`` adds a first choice for none; ``keep`` a uuid
    that must stay shown (a member who has left the committee since)."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for person in members(unit):
        combo.addItem(person.name, person.uuid)
    if keep and combo.findData(keep) < 0:
        from models.duties.members import names_by_uuid

        combo.addItem(names_by_uuid([keep]).get(keep, "?"), keep)
    return combo


def choose(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def required_date() -> DateField:
    """A date that must be given: its placeholder shows how to write it, not "not yet"."""
    field = DateField()
    field.setPlaceholderText(_("e.g. 2026-03-08"))
    return field


def text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class FieldsDialog(FormDialog):
    """A dialog of labelled fields in one or two columns; subclasses give ``_input`` and ``_store``.

    Dates typed unreadably are told beside their field before the core is asked.
    """

    saved_record = None

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.boxes: dict[str, FieldBox] = {}

    def _rows(self, form: QFormLayout, rows: list[tuple[str, str, QWidget, str]]) -> None:
        """(field, label, editor, hint) rows into a form; each editor in a FieldBox showing its errors."""
        for name, label, editor, hint in rows:
            self.boxes[name] = FieldBox(editor, hint)
            form.addRow(self._label(label, editor) if label else None, self.boxes[name])

    def _lay_out(self, columns, below, width_in_m: int) -> None:
        """As FormDialog's, and Tab goes down the left column, then the right one, then the fields below."""
        super()._lay_out(columns, below, width_in_m)
        editors = [box.editor for box in self.boxes.values()]
        for first, second in zip(editors, editors[1:], strict=False):
            self.setTabOrder(first, second)
        if editors:
            self.setTabOrder(editors[-1], self.save_button)

    def _date_errors(self) -> list[FieldError]:
        return [
            FieldError(name, box.editor.problem())
            for name, box in self.boxes.items()
            if isinstance(box.editor, DateField) and box.editor.problem()
        ]

    def _input(self):
        raise NotImplementedError

    def _store(self, data):
        """Save through the core; returns the record or raises ValidationError."""
        raise NotImplementedError

    def _check(self, data) -> list[FieldError]:
        """The core's check of what is typed now, without saving."""
        return []

    def _current_errors(self) -> list[FieldError]:
        return self._date_errors() + self._check(self._input())

    def show_errors(self, errors: list[FieldError]) -> None:
        order = list(self.boxes)  # the fields as laid out: the first bad one gets the cursor
        by_field = self._mark_errors(errors, order[-1])
        self._fit()
        first = next((name for name in order if name in by_field), None)
        if first is not None:
            self._focus_editor(self.boxes[first].editor)

    def save(self) -> None:
        dates = self._date_errors()
        try:
            if dates:
                raise ValidationError(dates + self._check(self._input()))
            self.saved_record = self._store(self._input())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self._saved()


def today() -> _dt.date:
    return _dt.date.today()
