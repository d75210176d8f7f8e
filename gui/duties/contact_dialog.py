"""Record or edit a contact of a committee member (走访记录): when, how, with whom, what was asked, handling."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from gui.context import AppContext
from gui.duties.editors import FieldsDialog, choose, code_combo, member_combo, required_date, text_box, today
from gui.elections.election_date import DateField
from models.duties.contacts import Contact, ContactInput, check_contact, contact_input, save_contact
from models.duties.households import household_choices, live_household
from models.duties.records import HANDLING, WAY
from models.i18n import _


class ContactDialog(FieldsDialog):
    """The new/edit form of a contact; ``saved_record`` holds it after Accepted."""

    def __init__(
        self,
        context: AppContext,
        contact: Contact | None = None,
        parent: QWidget | None = None,
        member: str | None = None,
    ):
        super().__init__(context, parent)
        self.contact = contact
        data = contact_input(contact) if contact else ContactInput(date=today(), member=member)
        self._start(_("Edit contact") if contact else _("New contact"), data)

    def _build(self) -> None:
        unit = self.context.unit_code
        self.date = required_date()
        self.way = code_combo(WAY)
        self.member = member_combo(unit, keep=self.contact.member_id if self.contact else None)
        self.household = QComboBox()
        self.household.setEditable(False)
        self.whom = QLineEdit()
        self.asked = text_box(3)
        self.handling = code_combo(HANDLING)
        self.passed_to = QLineEdit()
        self.result_text = text_box(2)
        self.follow_up = DateField()
        self.may_travel = QCheckBox(_("Its texts may be sent upward"))
        self.may_travel.setToolTip(
            _("Unticked, packages carry this contact as a count only: no names, no words of what was asked.")
        )
        left, right = self._form(), self._form()
        self._rows(
            left,
            [
                ("date", _("Date"), self.date, ""),
                ("way", _("Way"), self.way, ""),
                ("member", _("Committee member"), self.member, ""),
                ("household", _("Household"), self.household, _("Her linked households come first.")),
                ("whom", _("Contacted"), self.whom, ""),
            ],
        )
        self._rows(
            right,
            [
                ("handling", _("Handling"), self.handling, ""),
                ("passed_to", _("Passed on to"), self.passed_to, ""),
                ("follow_up", _("Follow-up date"), self.follow_up, ""),
                ("may_travel", "", self.may_travel, ""),
            ],
        )
        below = self._form(grow=True, dont_wrap=False)
        self._rows(
            below, [("asked", _("What was asked"), self.asked, ""), ("result", _("Result"), self.result_text, "")]
        )
        self.member.currentIndexChanged.connect(lambda _i: self._fill_households())
        self.handling.currentIndexChanged.connect(lambda _i: self._follow_handling())
        self.household.currentIndexChanged.connect(lambda _i: self._fill_whom())
        self._lay_out(self._two_columns(left, right), below, 66)

    def _fill_households(self, keep: str | None = None) -> None:
        """Her linked households first, then the unit's others; a household saved before stays offered."""
        keep = keep if keep is not None else self.household.currentData()
        self.household.blockSignals(True)
        self.household.clear()
        self.household.addItem(_("(none)"), None)
        for uuid, label in household_choices(self.context.unit_code, self.member.currentData(), keep):
            self.household.addItem(label, uuid)
        choose(self.household, keep)
        self.household.blockSignals(False)

    def _fill_whom(self) -> None:
        """An empty 联系对象 takes the first woman of the household chosen (or its head)."""
        if self.whom.text().strip():
            return
        uuid = self.household.currentData()
        home = live_household(uuid) if uuid else None
        if home is not None:
            first = home.members.replace("，", "、").replace(",", "、").split("、")[0].strip()
            self.whom.setText(first or home.head_name)

    def _follow_handling(self) -> None:
        self.passed_to.setEnabled(self.handling.currentData() == "passed_on")

    def _load(self, data: ContactInput) -> None:
        self.date.set_date(data.date)
        choose(self.way, data.way)
        choose(self.member, data.member)
        self._fill_households(data.household)
        self.whom.setText(data.whom)
        self.asked.setPlainText(data.asked)
        choose(self.handling, data.handling)
        self.passed_to.setText(data.passed_to)
        self.result_text.setPlainText(data.result)
        self.follow_up.set_date(data.follow_up)
        self.may_travel.setChecked(data.may_travel)
        self._follow_handling()

    def _snapshot(self) -> tuple:
        data = self._input()
        return tuple(getattr(data, name) for name in ContactInput.__dataclass_fields__) + (
            self.date.text(),
            self.follow_up.text(),
        )

    def _input(self) -> ContactInput:
        return ContactInput(
            date=self.date.date(),
            way=self.way.currentData(),
            member=self.member.currentData(),
            household=self.household.currentData(),
            whom=self.whom.text(),
            asked=self.asked.toPlainText(),
            handling=self.handling.currentData(),
            passed_to=self.passed_to.text(),
            result=self.result_text.toPlainText(),
            follow_up=self.follow_up.date(),
            may_travel=self.may_travel.isChecked(),
        )

    def _check(self, data: ContactInput):
        return check_contact(data, self.context.unit_code, stored=self.contact)[1]

    def _store(self, data: ContactInput) -> Contact:
        return save_contact(data, self.context.unit_code, self.contact)
