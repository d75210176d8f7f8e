"""Record or edit an act of help (帮扶记录) and a contact with a left-behind child's parents."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from gui.context import AppContext
from gui.duties.editors import FieldsDialog, choose, code_combo, required_date, text_box, today
from models.care import (
    ACT_KIND,
    CONTACT_WAY,
    ActInput,
    CareAct,
    CareTarget,
    ParentContact,
    ParentContactInput,
    act_input,
    check_act,
    check_parent_contact,
    parent_contact_input,
    save_act,
    save_parent_contact,
)
from models.i18n import _


class ActDialog(FieldsDialog):
    """The new/edit form of an act of help for one person; ``saved_record`` holds it after Accepted."""

    def __init__(
        self, context: AppContext, target: CareTarget, act: CareAct | None = None, parent: QWidget | None = None
    ):
        super().__init__(context, parent)
        self.target, self.act = target, act
        data = act_input(act) if act else ActInput(target=target.uuid, date=today(), helper=target.helper)
        title = _("Help for {name}").format(name=target.name)
        self._start(title, data)

    def _build(self) -> None:
        self.date = required_date()
        self.kind = code_combo(ACT_KIND)
        self.goods = QLineEdit()
        self.goods.setPlaceholderText(_("e.g. school bag, books, rice and oil"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("yuan, e.g. 200 or 150.50"))
        self.helper = QLineEdit()
        self.what = text_box(3)
        left, right = self._form(), self._form()
        self._rows(
            left,
            [("date", _("Date"), self.date, ""), ("kind", _("Kind of help"), self.kind, "")],
        )
        self._rows(
            right,
            [
                ("goods", _("Goods"), self.goods, ""),
                ("amount", _("Amount (yuan)"), self.amount, ""),
                ("helper", _("Given by"), self.helper, ""),
            ],
        )
        below = self._form(grow=True, dont_wrap=False)
        self._rows(below, [("what", _("Help given"), self.what, "")])
        self._lay_out(self._two_columns(left, right), below, 60)

    def _load(self, data: ActInput) -> None:
        self.date.set_date(data.date)
        choose(self.kind, data.kind)
        self.goods.setText(data.goods)
        self.amount.setText("" if data.amount is None else str(data.amount))
        self.helper.setText(data.helper)
        self.what.setPlainText(data.what)

    def _snapshot(self) -> tuple:
        data = self._input()
        return (self.date.text(), data.kind, data.goods, data.amount, data.helper, data.what)

    def _input(self) -> ActInput:
        return ActInput(
            target=self.target.uuid,
            date=self.date.date(),
            kind=self.kind.currentData(),
            what=self.what.toPlainText(),
            goods=self.goods.text(),
            amount=self.amount.text(),
            helper=self.helper.text(),
        )

    def _check(self, data: ActInput):
        return check_act(data, self.context.unit_code)[1]

    def _store(self, data: ActInput) -> CareAct:
        return save_act(data, self.context.unit_code, self.act)


class ParentContactDialog(FieldsDialog):
    """The new/edit form of a contact with a left-behind child's parents; ``saved_record`` after Accepted."""

    def __init__(
        self,
        context: AppContext,
        target: CareTarget,
        contact: ParentContact | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(context, parent)
        self.target, self.contact = target, contact
        data = parent_contact_input(contact) if contact else ParentContactInput(target=target.uuid, date=today())
        self._start(_("Contact with the parents of {name}").format(name=target.name), data)

    def _build(self) -> None:
        self.date = required_date()
        self.way = code_combo(CONTACT_WAY)
        self.parent_name = QLineEdit()
        self.parent_name.setPlaceholderText(_("e.g. father, mother"))
        self.summary = text_box(3)
        left, right = self._form(), self._form()
        self._rows(left, [("date", _("Date"), self.date, ""), ("way", _("Way"), self.way, "")])
        self._rows(right, [("parent", _("Parent contacted"), self.parent_name, "")])
        below = self._form(grow=True, dont_wrap=False)
        self._rows(below, [("summary", _("What was said"), self.summary, "")])
        self._lay_out(self._two_columns(left, right), below, 56)

    def _load(self, data: ParentContactInput) -> None:
        self.date.set_date(data.date)
        choose(self.way, data.way)
        self.parent_name.setText(data.parent)
        self.summary.setPlainText(data.summary)

    def _snapshot(self) -> tuple:
        data = self._input()
        return (self.date.text(), data.way, data.parent, data.summary)

    def _input(self) -> ParentContactInput:
        return ParentContactInput(
            target=self.target.uuid,
            date=self.date.date(),
            way=self.way.currentData(),
            parent=self.parent_name.text(),
            summary=self.summary.toPlainText(),
        )

    def _check(self, data: ParentContactInput):
        return check_parent_contact(data, self.context.unit_code)[1]

    def _store(self, data: ParentContactInput) -> ParentContact:
        return save_parent_contact(data, self.context.unit_code, self.contact)
