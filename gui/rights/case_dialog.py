"""Record or edit a family dispute case (纠纷排查): found, kind, risk, parties, the cadre, status, steps."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from gui.context import AppContext
from gui.duties.editors import FieldsDialog, choose, code_combo, member_combo, required_date, text_box, today
from gui.elections.election_date import DateField
from gui.rights.steps_editor import StepsEditor
from models.base import FieldError
from models.disputes import KIND, RISK, STATUS, CaseInput, DisputeCase, case_input, check_case, save_case
from models.i18n import _


class CaseDialog(FieldsDialog):
    """The new/edit form of a dispute case; ``saved_record`` holds it after Accepted."""

    def __init__(self, context: AppContext, case: DisputeCase | None = None, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.case = case
        data = case_input(case) if case else CaseInput(found_on=today())
        self._start(_("Edit dispute case") if case else _("New dispute case"), data)

    def _build(self) -> None:
        unit = self.context.unit_code
        self.found_on = required_date()
        self.kind = code_combo(KIND)
        self.risk = code_combo(RISK)
        self.parties = QLineEdit()
        self.parties.setPlaceholderText(_("e.g. wife and husband of a household; names are not needed"))
        self.responsible_person = member_combo(
            unit, _("(typed below)"), keep=self.case.responsible_person_id if self.case else None
        )
        self.responsible = QLineEdit()
        self.status = code_combo(STATUS)
        self.handed_to = QLineEdit()
        self.closed_on = DateField()
        self.description = text_box(3)
        self.steps = StepsEditor()
        left, right = self._form(), self._form()
        self._rows(
            left,
            [
                ("found_on", _("Found on"), self.found_on, ""),
                ("kind", _("Kind"), self.kind, ""),
                ("risk", _("Risk"), self.risk, ""),
                ("parties", _("Parties"), self.parties, _("By role is enough; names stay in this unit.")),
            ],
        )
        self._rows(
            right,
            [
                ("responsible_person", _("Responsible member"), self.responsible_person, ""),
                ("responsible", _("Cadre responsible"), self.responsible, _("Or type the name of another cadre.")),
                ("status", _("Status"), self.status, ""),
                ("handed_to", _("Handed on to"), self.handed_to, ""),
                ("closed_on", _("Closed on"), self.closed_on, ""),
            ],
        )
        below = self._form(grow=True, dont_wrap=False)
        self._rows(
            below,
            [
                ("description", _("What the dispute is about"), self.description, ""),
                ("steps", _("Steps taken"), self.steps, ""),
            ],
        )
        self.status.currentIndexChanged.connect(lambda _i: self._follow_status())
        self.responsible_person.currentIndexChanged.connect(lambda _i: self._fill_responsible())
        self._lay_out(self._two_columns(left, right), below, 70)
        self.setTabOrder(self.description, self.steps.table)
        self.setTabOrder(self.steps.table, self.steps.add_button)
        self.setTabOrder(self.steps.add_button, self.steps.remove_button)
        self.setTabOrder(self.steps.remove_button, self.save_button)

    def _fill_responsible(self) -> None:
        if self.responsible_person.currentData():
            self.responsible.setText(self.responsible_person.currentText())

    def _follow_status(self) -> None:
        status = self.status.currentData()
        self.handed_to.setEnabled(status == "handed_on")
        self.closed_on.setEnabled(status != "screened")
        if status != "screened" and self.closed_on.date() is None and not self.closed_on.text():
            self.closed_on.set_date(today())

    def _load(self, data: CaseInput) -> None:
        self.found_on.set_date(data.found_on)
        choose(self.kind, data.kind)
        choose(self.risk, data.risk)
        self.parties.setText(data.parties)
        self.responsible_person.blockSignals(True)
        choose(self.responsible_person, data.responsible_person)
        self.responsible_person.blockSignals(False)
        self.responsible.setText(data.responsible)
        choose(self.status, data.status)
        self.handed_to.setText(data.handed_to)
        self.closed_on.set_date(data.closed_on)
        self.description.setPlainText(data.description)
        self.steps.set_steps(data.steps)
        self._follow_status()

    def _snapshot(self) -> tuple:
        data = self._input()
        return (
            self.found_on.text(),
            data.kind,
            data.risk,
            data.parties,
            data.responsible,
            data.responsible_person,
            data.status,
            data.handed_to,
            self.closed_on.text(),
            data.description,
            self.steps.snapshot(),
        )

    def _input(self) -> CaseInput:
        return CaseInput(
            found_on=self.found_on.date(),
            kind=self.kind.currentData(),
            risk=self.risk.currentData(),
            parties=self.parties.text(),
            description=self.description.toPlainText(),
            responsible=self.responsible.text(),
            responsible_person=self.responsible_person.currentData(),
            status=self.status.currentData(),
            handed_to=self.handed_to.text(),
            closed_on=self.closed_on.date() if self.closed_on.isEnabled() else None,
            steps=self.steps.steps(),
        )

    def _date_errors(self) -> list[FieldError]:
        return super()._date_errors() + self.steps.date_errors()

    def _check(self, data: CaseInput):
        return check_case(data, self.context.unit_code)[1]

    def _store(self, data: CaseInput) -> DisputeCase:
        return save_case(data, self.context.unit_code, self.case)
