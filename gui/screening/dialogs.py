"""The dialogs of the 两癌检查 page: a round, a woman of it, and the date a mark is given."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from gui.common.field_error import INVALID_STYLE, FieldBox
from gui.common.fit import fit_to_screen, fit_width
from gui.common.form_dialog import FormDialog
from gui.context import AppContext
from gui.duties.editors import FieldsDialog, required_date, text_box, today
from gui.elections.election_date import DateField
from models import screening as sc
from models.base import ValidationError
from models.i18n import _
from models.listing import FIRST_YEAR, LAST_YEAR


class RoundDialog(FieldsDialog):
    """A round's year, name, quota, dates and place; ``saved_record`` holds it after Accepted."""

    def __init__(
        self,
        context: AppContext,
        screening_round: sc.ScreeningRound | None = None,
        parent: QWidget | None = None,
        year: int | None = None,
    ):
        super().__init__(context, parent)
        self.screening_round = screening_round
        data = sc.round_input(screening_round) if screening_round else sc.RoundInput(year=year or today().year)
        title = (
            _("Edit the round {title}").format(title=sc.round_title(screening_round))
            if screening_round
            else _("New screening round")
        )
        self._start(title, data)

    def _build(self) -> None:
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.name = QLineEdit()
        self.quota = QSpinBox()
        self.quota.setRange(0, sc.MAX_QUOTA)
        self.starts_on = DateField()
        self.ends_on = DateField()
        self.place = QLineEdit()
        self.notes = text_box(2)
        left, right = self._form(), self._form()
        self._rows(
            left,
            [
                ("year", _("Year"), self.year, ""),
                ("name", _("Round name"), self.name, _("Only when the year has more than one, e.g. 第二批.")),
                ("quota", _("Quota"), self.quota, _("The number of women the township gives.")),
            ],
        )
        self._rows(
            right,
            [
                ("starts_on", _("Starts on"), self.starts_on, _("Ages (35 to 64) are counted on this day.")),
                ("ends_on", _("Ends on"), self.ends_on, ""),
                ("place", _("Place"), self.place, _("e.g. 县妇幼保健院")),
            ],
        )
        below = self._form(grow=True, dont_wrap=False)
        self._rows(below, [("notes", _("Notes"), self.notes, "")])
        self._lay_out(self._two_columns(left, right), below, 60)

    def _load(self, data: sc.RoundInput) -> None:
        self.year.setValue(data.year)
        self.name.setText(data.name)
        self.quota.setValue(data.quota)
        self.starts_on.set_date(data.starts_on)
        self.ends_on.set_date(data.ends_on)
        self.place.setText(data.place)
        self.notes.setPlainText(data.notes)

    def _snapshot(self) -> tuple:
        return (
            self.year.value(),
            self.name.text(),
            self.quota.value(),
            self.starts_on.text(),
            self.ends_on.text(),
            self.place.text(),
            self.notes.toPlainText(),
        )

    def _input(self) -> sc.RoundInput:
        return sc.RoundInput(
            year=self.year.value(),
            name=self.name.text(),
            quota=self.quota.value(),
            starts_on=self.starts_on.date(),
            ends_on=self.ends_on.date(),
            place=self.place.text(),
            notes=self.notes.toPlainText(),
        )

    def _store(self, data: sc.RoundInput) -> sc.ScreeningRound:
        return sc.save_round(data, self.context.unit_code, self.screening_round)


class WomanDialog(FieldsDialog):
    """A woman of the round, entered by hand. There is no field for a result: none is ever kept."""

    def __init__(
        self,
        context: AppContext,
        screening_round: sc.ScreeningRound,
        woman: sc.ScreeningWoman | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(context, parent)
        self.screening_round, self.woman = screening_round, woman
        title = _("Edit {name}").format(name=woman.name) if woman else _("Add a woman to the round")
        self._start(title, sc.woman_input(woman) if woman else sc.WomanInput())

    def _build(self) -> None:
        self.name = QLineEdit()
        self.birth_month = QLineEdit()
        self.birth_month.setPlaceholderText("1975.05")
        self.group_name = QLineEdit()
        self.registered_here = QCheckBox(_("Household registered here (户籍在本村)"))
        self.low_income = QCheckBox(_("Receives low-income support (低保)"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("13812345678")
        self.notes = QLineEdit()
        day = sc.reference_date(self.screening_round).isoformat()
        left, right = self._form(), self._form()
        self._rows(
            left,
            [
                ("name", _("Name"), self.name, ""),
                (
                    "birth_month",
                    _("Birth month"),
                    self.birth_month,
                    _("35 to 64 on {date}.").format(date=day),
                ),
                ("group_name", _("Villagers' group or grid"), self.group_name, ""),
            ],
        )
        self._rows(
            right,
            [
                ("registered_here", "", self.registered_here, ""),
                ("low_income", "", self.low_income, ""),
                ("phone", _("Phone"), self.phone, ""),
            ],
        )
        below = self._form(grow=True, dont_wrap=False)
        self._rows(
            below,
            [("notes", _("Notes"), self.notes, _("e.g. why she did not take part. Never write a result here."))],
        )
        self._lay_out(self._two_columns(left, right), below, 60)

    def _load(self, data: sc.WomanInput) -> None:
        self.name.setText(data.name)
        self.birth_month.setText((data.birth_month or "").replace("-", "."))
        self.group_name.setText(data.group_name)
        self.registered_here.setChecked(data.registered_here)
        self.low_income.setChecked(data.low_income)
        self.phone.setText(data.phone)
        self.notes.setText(data.notes)

    def _snapshot(self) -> tuple:
        return (
            self.name.text(),
            self.birth_month.text(),
            self.group_name.text(),
            self.registered_here.isChecked(),
            self.low_income.isChecked(),
            self.phone.text(),
            self.notes.text(),
        )

    def _input(self) -> sc.WomanInput:
        return sc.WomanInput(
            name=self.name.text(),
            birth_month=self.birth_month.text() or None,
            group_name=self.group_name.text(),
            registered_here=self.registered_here.isChecked(),
            low_income=self.low_income.isChecked(),
            phone=self.phone.text(),
            notes=self.notes.text(),
        )

    def _check(self, data: sc.WomanInput):
        return sc.check_woman(data, self.screening_round)[1]

    def _store(self, data: sc.WomanInput) -> sc.ScreeningWoman:
        return sc.save_woman(data, self.screening_round, self.woman)


SIGN_UP, EXAMINED = "sign_up", "examined"


class MarkDialog(QDialog):
    """The date the selected women signed up or were examined (today unless changed); Enter saves.

    "Clear the date" takes the mark back (a slip); the core refuses what may not be.
    """

    def __init__(self, context: AppContext, mark: str, uuids: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.mark, self.uuids = context, mark, uuids
        self.setStyleSheet(INVALID_STYLE)
        n = len(uuids)
        if mark == SIGN_UP:
            self.setWindowTitle(_("Signed up"))
            label = _("Date {n} women signed up").format(n=n)
        else:
            self.setWindowTitle(_("Examined"))
            label = _("Date {n} women were examined").format(n=n)
        self.date = required_date()
        self.date.set_date(_dt.date.today())
        self.box = FieldBox(self.date)
        layout = QVBoxLayout(self)
        form = FormDialog._form()
        form.addRow(label, self.box)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        self.clear_button = self.buttons.addButton(_("Clear the date"), QDialogButtonBox.ResetRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(fit_width(self, 36))
        self.date.setFocus()

    def _apply(self, day: _dt.date | None) -> None:
        run = sc.sign_up if self.mark == SIGN_UP else sc.examined
        try:
            run(self.uuids, day, self.context.unit_code)
        except ValidationError as exc:
            self.show_error("\n".join(e.message for e in exc.errors))
            return
        self.accept()

    def save(self) -> None:
        problem = self.date.problem()
        if problem:
            self.show_error(problem)
            return
        if self.date.date() is None:
            self.show_error(_("The date is required."))
            return
        self._apply(self.date.date())

    def clear(self) -> None:
        self._apply(None)

    def show_error(self, message: str) -> None:
        """The core's refusal under the date; the dialog grows to show it whole."""
        self.box.set_error(message)
        fit_to_screen(self, grow_only=self.isVisible())

    def error_text(self) -> str:
        return self.box.error_text()
