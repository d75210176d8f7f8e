"""Add or edit one line of the awards register (表彰登记)."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from gui.awards.nomination_dialog import combo, set_combo, year_box
from gui.common.field_error import FieldBox
from gui.common.form_dialog import FormDialog
from gui.common.rare_char_finder import add_rare_character_button
from gui.context import AppContext
from gui.homes.activity_dialog import DateEdit
from models import fields
from models.awards import (
    AWARD,
    LEVEL,
    RECIPIENT_KIND,
    Award,
    AwardInput,
    award_input,
    check_award,
    people_choices,
    save_award,
)
from models.base import FieldError, ValidationError
from models.i18n import _, join_list

FIELDS = (
    "year",
    "level",
    "title",
    "conferred_by",
    "recipient_kind",
    "recipient_name",
    "person",
    "date",
    "document_number",
    "notes",
)


def new_award_input(year: int) -> AwardInput:
    return AwardInput(year=year, level="county", recipient_kind="person")


class AwardDialog(FormDialog):
    """The new/edit form of an honour received; ``award`` holds the saved record after Accepted."""

    def __init__(self, context: AppContext, award: Award | None = None, parent: QWidget | None = None, year: int = 0):
        super().__init__(parent)
        self.context = context
        self.award = award
        if award is not None:
            title, data = _("Edit honour “{title}”").format(title=award.title), award_input(award)
        else:
            title, data = _("New honour"), new_award_input(year or _dt.date.today().year)
        self._nomination = data.nomination  # kept as it was: the register line's origin is not edited here
        self._start(title, data)
        self.title.setFocus(Qt.OtherFocusReason)

    def _build(self) -> None:
        self.year = year_box()
        self.level = combo(LEVEL.choices())
        self.title = QLineEdit()
        self.title.setMaxLength(fields.max_length("award", "title"))
        self.title.setPlaceholderText(join_list(AWARD.label(code) for code in AWARD.codes() if code != "other"))
        self.conferred_by = QLineEdit()
        self.conferred_by.setMaxLength(fields.max_length("award", "conferred_by"))
        self.recipient_kind = combo(RECIPIENT_KIND.choices())
        self.recipient_name = QLineEdit()
        self.recipient_name.setMaxLength(fields.max_length("award", "recipient_name"))
        add_rare_character_button(self.recipient_name)
        self.person = combo(people_choices(self.context.unit_code), _("Not linked"))
        self.date = DateEdit()
        self.document_number = QLineEdit()
        self.document_number.setMaxLength(fields.max_length("award", "document_number"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        self.recipient_kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.person.currentIndexChanged.connect(lambda _i: self._person_chosen())

        hints = {"person": _("Her honours then show in the roster's notes and on the members page.")}
        self.boxes: dict[str, FieldBox] = {name: FieldBox(getattr(self, name), hints.get(name, "")) for name in FIELDS}
        self._box_of = {name: name for name in self.boxes}
        self._box_of["nomination"] = "title"

        form = self._form()
        form.addRow(self._label(_("Year"), self.year), self.boxes["year"])
        form.addRow(self._label(_("Level"), self.level), self.boxes["level"])
        form.addRow(self._label(_("Honour"), self.title), self.boxes["title"])
        form.addRow(self._label(_("Conferred by"), self.conferred_by), self.boxes["conferred_by"])
        form.addRow(self._label(_("Recipient is"), self.recipient_kind), self.boxes["recipient_kind"])
        form.addRow(self._label(_("Recipient"), self.recipient_name), self.boxes["recipient_name"])
        self.person_label = self._label(_("Person"), self.person)
        form.addRow(self.person_label, self.boxes["person"])
        form.addRow(self._label(_("Date"), self.date), self.boxes["date"])
        form.addRow(self._label(_("Document number"), self.document_number), self.boxes["document_number"])
        form.addRow(self._label(_("Notes"), self.notes), self.boxes["notes"])
        self._lay_out(form, QVBoxLayout(), 48)

    def _kind_changed(self) -> None:
        shown = self.recipient_kind.currentData() == "person"
        self.person_label.setVisible(shown)
        self.boxes["person"].setVisible(shown)

    def _person_chosen(self) -> None:
        if self.person.currentData() and not self.recipient_name.text().strip():
            self.recipient_name.setText(self.person.currentText())

    def _load(self, data: AwardInput) -> None:
        self.year.setValue(data.year or self.year.minimum())
        set_combo(self.level, data.level)
        self.title.setText(data.title)
        self.conferred_by.setText(data.conferred_by)
        set_combo(self.recipient_kind, data.recipient_kind)
        self.recipient_name.setText(data.recipient_name)
        self.person.blockSignals(True)
        set_combo(self.person, data.person)
        self.person.blockSignals(False)
        self.date.set_date(data.date)
        self.document_number.setText(data.document_number)
        self.notes.setPlainText(data.notes)
        self._kind_changed()

    def _snapshot(self) -> tuple:
        return (
            self.year.value(),
            self.level.currentData(),
            self.title.text(),
            self.conferred_by.text(),
            self.recipient_kind.currentData(),
            self.recipient_name.text(),
            self.person.currentData(),
            self.date.text(),
            self.document_number.text(),
            self.notes.toPlainText(),
        )

    def input(self) -> tuple[AwardInput, list[FieldError]]:
        self.year.interpretText()
        day, problem = self.date.date()
        errors = [FieldError("date", problem)] if problem else []
        data = AwardInput(
            year=self.year.value(),
            level=self.level.currentData() or "",
            title=self.title.text(),
            conferred_by=self.conferred_by.text(),
            recipient_kind=self.recipient_kind.currentData() or "",
            recipient_name=self.recipient_name.text(),
            person=self.person.currentData() or None,
            nomination=self._nomination,
            date=day,
            document_number=self.document_number.text(),
            notes=self.notes.toPlainText(),
        )
        return data, errors

    def _current_errors(self) -> list[FieldError]:
        data, errors = self.input()
        reported = {e.field for e in errors}
        return errors + [e for e in check_award(data, self.context.unit_code, self.award)[1] if e.field not in reported]

    def show_errors(self, errors: list[FieldError]) -> None:
        self._mark_errors(errors, "title")
        self._fit()
        bad = {error.field for error in errors}
        first = next((name for name in FIELDS if name in bad), "title" if errors else None)
        if first is not None:
            self._focus_editor(getattr(self, first, None))

    def save(self) -> None:
        errors = self._current_errors()
        if errors:
            self.show_errors(errors)
            return
        data, _problems = self.input()
        try:
            self.award = save_award(data, self.context.unit_code, self.award)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self._saved()
