"""Record or edit a letter, visit or call (来信来访登记): when, how, who, the matter, passed to, the outcome."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from gui.context import AppContext
from gui.duties.editors import FieldsDialog, choose, code_combo, required_date, text_box, today
from models.i18n import _
from models.petitions import (
    CATEGORY,
    STATUS,
    WAY,
    Petition,
    PetitionInput,
    check_petition,
    petition_input,
    save_petition,
)


class PetitionDialog(FieldsDialog):
    """The new/edit form of a letter or visit; ``saved_record`` holds it after Accepted."""

    def __init__(self, context: AppContext, petition: Petition | None = None, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.petition = petition
        data = petition_input(petition) if petition else PetitionInput(date=today())
        self._start(_("Edit letter or visit") if petition else _("New letter or visit"), data)

    def _build(self) -> None:
        self.date = required_date()
        self.way = code_combo(WAY)
        self.visitor = QLineEdit()
        self.category = code_combo(CATEGORY)
        self.passed_to = QLineEdit()
        self.status = code_combo(STATUS)
        self.matter = text_box(3)
        self.result_text = text_box(3)
        left, right = self._form(), self._form()
        self._rows(
            left,
            [
                ("date", _("Date"), self.date, ""),
                ("way", _("Way"), self.way, ""),
                ("visitor", _("Writer or visitor"), self.visitor, _("Names stay in this unit.")),
            ],
        )
        self._rows(
            right,
            [
                ("category", _("Category"), self.category, ""),
                ("passed_to", _("Passed on to"), self.passed_to, ""),
                ("status", _("Status"), self.status, ""),
            ],
        )
        below = self._form(grow=True, dont_wrap=False)
        self._rows(
            below,
            [("matter", _("Matter"), self.matter, ""), ("result", _("Outcome of the matter"), self.result_text, "")],
        )
        self._lay_out(self._two_columns(left, right), below, 62)

    def _load(self, data: PetitionInput) -> None:
        self.date.set_date(data.date)
        choose(self.way, data.way)
        self.visitor.setText(data.visitor)
        choose(self.category, data.category)
        self.passed_to.setText(data.passed_to)
        choose(self.status, data.status)
        self.matter.setPlainText(data.matter)
        self.result_text.setPlainText(data.result)

    def _snapshot(self) -> tuple:
        data = self._input()
        return tuple(getattr(data, name) for name in PetitionInput.__dataclass_fields__) + (self.date.text(),)

    def _input(self) -> PetitionInput:
        return PetitionInput(
            date=self.date.date(),
            way=self.way.currentData(),
            visitor=self.visitor.text(),
            matter=self.matter.toPlainText(),
            category=self.category.currentData(),
            passed_to=self.passed_to.text(),
            result=self.result_text.toPlainText(),
            status=self.status.currentData(),
        )

    def _check(self, data: PetitionInput):
        return check_petition(data)[1]

    def _store(self, data: PetitionInput) -> Petition:
        return save_petition(data, self.context.unit_code, self.petition)
