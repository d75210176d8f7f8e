"""Add or edit a person helped (重点帮扶对象): category, who, the child's guardian and parents, the paired helper."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from gui.common.rare_char_finder import add_rare_character_button
from gui.context import AppContext
from gui.duties.editors import FieldsDialog, choose, code_combo, text_box
from gui.elections.election_date import DateField
from models.awards import people_choices
from models.care import (
    CATEGORY,
    CHILD_CATEGORIES,
    CareTarget,
    TargetInput,
    check_target,
    save_target,
    target_input,
)
from models.codes import SEX
from models.i18n import _


def people_combo(unit: str, empty: str) -> QComboBox:
    """The unit's people by name, after a first choice for none."""
    combo = QComboBox()
    combo.addItem(empty, None)
    for uuid, name in people_choices(unit):
        combo.addItem(name, uuid)
    return combo


class TargetDialog(FieldsDialog):
    """The new/edit form of a person helped; ``saved_record`` holds her after Accepted."""

    def __init__(
        self,
        context: AppContext,
        target: CareTarget | None = None,
        parent: QWidget | None = None,
        category: str | None = None,
    ):
        super().__init__(context, parent)
        self.target = target
        data = target_input(target) if target else TargetInput(category=category or "left_behind_child")
        title = _("Edit {name}").format(name=target.name) if target else _("New person helped")
        self._start(title, data)

    def _build(self) -> None:
        unit = self.context.unit_code
        self.category = code_combo(CATEGORY)
        self.name = QLineEdit()
        add_rare_character_button(self.name)
        self.person = people_combo(unit, _("Not on the list of women"))
        self.sex = code_combo(SEX)
        self.birth_month = QLineEdit()
        self.birth_month.setPlaceholderText(_("e.g. 2015.06"))
        self.group_name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("13812345678")
        self.guardian = QLineEdit()
        self.parents = QLineEdit()
        self.parents.setPlaceholderText(_("e.g. father working in Guangdong, mother in Changsha"))
        self.helper = QLineEdit()
        self.helper_person = people_combo(unit, _("Not on the list of women"))
        self.since = DateField()
        self.since.setPlaceholderText(_("e.g. 2026-03-08"))
        self.ended_on = DateField()
        self.notes = text_box(2)
        left, right = self._form(), self._form()
        self._rows(
            left,
            [
                ("category", _("Category"), self.category, ""),
                ("name", _("Name"), self.name, ""),
                ("person", _("On the list of women"), self.person, _("When she is a woman of the unit.")),
                ("sex", _("Sex"), self.sex, ""),
                ("birth_month", _("Birth month"), self.birth_month, _("Required for a child: under 18.")),
                ("group_name", _("Villagers' group or grid"), self.group_name, ""),
                ("phone", _("Phone"), self.phone, ""),
            ],
        )
        self._rows(
            right,
            [
                ("guardian", _("Guardian"), self.guardian, _("Children only.")),
                ("parents", _("Parents and where they work"), self.parents, ""),
                ("helper", _("Paired helper"), self.helper, _("爱心妈妈 or 执委妈妈, by name.")),
                ("helper_person", _("Helper on the list"), self.helper_person, ""),
                ("since", _("Helped since"), self.since, ""),
                ("ended_on", _("Help ended on"), self.ended_on, _("Empty while the help goes on.")),
            ],
        )
        below = self._form(grow=True, dont_wrap=False)
        self._rows(below, [("notes", _("Notes"), self.notes, "")])
        self.category.currentIndexChanged.connect(lambda _i: self._follow_category())
        self.person.currentIndexChanged.connect(lambda _i: self._person_chosen())
        self.helper_person.currentIndexChanged.connect(lambda _i: self._helper_chosen())
        self._lay_out(self._two_columns(left, right), below, 70)

    def _follow_category(self) -> None:
        child = self.category.currentData() in CHILD_CATEGORIES
        for editor in (self.guardian, self.parents):
            editor.setEnabled(child)

    def _person_chosen(self) -> None:
        """A woman picked from the list names the person helped, unless a name was typed already."""
        if self.person.currentData() and not self.name.text().strip():
            self.name.setText(self.person.currentText())

    def _helper_chosen(self) -> None:
        if self.helper_person.currentData():
            self.helper.setText(self.helper_person.currentText())

    def _load(self, data: TargetInput) -> None:
        choose(self.category, data.category)
        self.name.setText(data.name)
        choose(self.person, data.person)
        choose(self.sex, data.sex)
        self.birth_month.setText(data.birth_month)
        self.group_name.setText(data.group_name)
        self.phone.setText(data.phone)
        self.guardian.setText(data.guardian)
        self.parents.setText(data.parents)
        self.helper.setText(data.helper)
        choose(self.helper_person, data.helper_person)
        self.since.set_date(data.since)
        self.ended_on.set_date(data.ended_on)
        self.notes.setPlainText(data.notes)
        self._follow_category()

    def _snapshot(self) -> tuple:
        data = self._input()
        return tuple(getattr(data, name) for name in TargetInput.__dataclass_fields__) + (
            self.since.text(),
            self.ended_on.text(),
        )

    def _input(self) -> TargetInput:
        return TargetInput(
            category=self.category.currentData(),
            name=self.name.text(),
            sex=self.sex.currentData(),
            birth_month=self.birth_month.text(),
            person=self.person.currentData(),
            group_name=self.group_name.text(),
            guardian=self.guardian.text(),
            parents=self.parents.text(),
            phone=self.phone.text(),
            helper=self.helper.text(),
            helper_person=self.helper_person.currentData(),
            since=self.since.date(),
            ended_on=self.ended_on.date(),
            notes=self.notes.toPlainText(),
        )

    def _check(self, data: TargetInput):
        return check_target(data, self.context.unit_code)[1]

    def _store(self, data: TargetInput) -> CareTarget:
        return save_target(data, self.context.unit_code, self.target)
