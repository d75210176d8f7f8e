"""Add or edit a household and the committee member it is linked to (联系户), with its history of links."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from gui.context import AppContext
from gui.duties.editors import FieldsDialog, choose, member_combo, required_date, text_box, today
from models.duties.households import (
    MAX_WOMEN,
    Household,
    HouseholdInput,
    check_household,
    current_link,
    household_input,
    link_history,
    save_household,
)
from models.duties.members import names_by_uuid
from models.i18n import _, format_list_date


class HouseholdDialog(FieldsDialog):
    """The new/edit form of a household; ``saved_record`` holds it after Accepted."""

    def __init__(self, context: AppContext, household: Household | None = None, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.household = household
        self.current = current_link(household) if household else None
        title = _("Edit household {name}").format(name=household.head_name) if household else _("New household")
        self._start(title, household_input(household) if household else HouseholdInput())

    def _build(self) -> None:
        self.head_name = QLineEdit()
        self.members = QLineEdit()
        self.women = QSpinBox()
        self.women.setRange(0, MAX_WOMEN)
        self.group_name = QLineEdit()
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("13812345678")
        keep = self.current.member_id if self.current else None
        self.member = member_combo(self.context.unit_code, _("(not linked)"), keep)
        self.linked_on = required_date()
        self.notes = text_box(2)
        left, right = self._form(), self._form()
        self._rows(
            left,
            [
                ("head_name", _("Head of household"), self.head_name, ""),
                ("members", _("Women in the household"), self.members, _("Names, e.g. 李桂兰、张小红")),
                ("women", _("Number of women"), self.women, ""),
                ("group_name", _("Villagers' group or grid"), self.group_name, ""),
                ("address", _("Address"), self.address, ""),
                ("phone", _("Phone"), self.phone, ""),
            ],
        )
        self._rows(
            right,
            [
                ("member", _("Committee member"), self.member, ""),
                ("linked_on", _("Linked from"), self.linked_on, _("The day the member took over (or stopped).")),
            ],
        )
        self.member.currentIndexChanged.connect(lambda _i: self._member_changed())
        self.history = QLabel(self._history_text())
        self.history.setWordWrap(True)
        self.history.setEnabled(False)
        right.addRow(self.history)
        below = self._form(grow=True, dont_wrap=False)
        self._rows(below, [("notes", _("Notes"), self.notes, "")])
        self._lay_out(self._two_columns(left, right), below, 64)

    def _member_changed(self) -> None:
        """Another member (or none) takes over from today unless a day is typed; back to her, her own day."""
        current = self.current.member_id if self.current else None
        if self.member.currentData() == current and self.current is not None:
            self.linked_on.set_date(self.current.linked_on)
        else:
            self.linked_on.set_date(today())

    def _history_text(self) -> str:
        if self.household is None:
            return ""
        links = link_history(self.household)
        if not links:
            return _("Not linked to a member yet.")
        names = names_by_uuid(link.member_id for link in links)
        lines = [
            _("{name}: from {start} to {end}").format(
                name=names.get(link.member_id, "?"),
                start=format_list_date(link.linked_on),
                end=format_list_date(link.unlinked_on) if link.unlinked_on else _("now"),
            )
            for link in links
        ]
        return _("History:") + "\n" + "\n".join(lines)

    def _load(self, data: HouseholdInput) -> None:
        self.head_name.setText(data.head_name)
        self.members.setText(data.members)
        self.women.setValue(data.women)
        self.group_name.setText(data.group_name)
        self.address.setText(data.address)
        self.phone.setText(data.phone)
        self.notes.setPlainText(data.notes)
        choose(self.member, self.current.member_id if self.current else None)
        self.linked_on.set_date(self.current.linked_on if self.current else today())

    def _snapshot(self) -> tuple:
        return (
            self.head_name.text(),
            self.members.text(),
            self.women.value(),
            self.group_name.text(),
            self.address.text(),
            self.phone.text(),
            self.notes.toPlainText(),
            self.member.currentData(),
            self.linked_on.text(),
        )

    def _input(self) -> HouseholdInput:
        return HouseholdInput(
            head_name=self.head_name.text(),
            members=self.members.text(),
            women=self.women.value(),
            group_name=self.group_name.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
        )

    def _check(self, data: HouseholdInput):
        return check_household(data)[1]

    def _store(self, data: HouseholdInput) -> Household:
        member = self.member.currentData()
        changed = member != (self.current.member_id if self.current else None)
        return save_household(
            data,
            self.context.unit_code,
            self.household,
            member=member,
            linked_on=self.linked_on.date() if changed else None,
            unlink=changed and member is None,
        )
