"""Record or edit a need of women (需求清单) and a project a member leads (领办项目)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QSpinBox, QWidget

from gui.context import AppContext
from gui.duties.editors import FieldsDialog, choose, code_combo, member_combo, required_date, text_box, today
from gui.elections.election_date import DateField
from models.duties.needs import (
    MAX_WOMEN_IN_NEED,
    Need,
    NeedInput,
    Project,
    ProjectInput,
    activity_choices,
    check_need,
    check_project,
    contact_choices,
    need_choices,
    need_input,
    project_choices,
    project_input,
    save_need,
    save_project,
)
from models.duties.records import NEED_CATEGORY, NEED_STATUS, PROJECT_STATUS
from models.i18n import _


def check_list(rows: int = 5) -> QListWidget:
    box = QListWidget()
    box.setFixedHeight(box.fontMetrics().lineSpacing() * rows + 16)
    return box


def fill_check_list(box: QListWidget, choices: list[tuple[str, str]], ticked: set[str]) -> None:
    box.clear()
    for uuid, label in choices:
        item = QListWidgetItem(label)
        item.setData(Qt.UserRole, uuid)
        item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
        item.setCheckState(Qt.Checked if uuid in ticked else Qt.Unchecked)
        box.addItem(item)


def ticked(box: QListWidget) -> list[str]:
    return [box.item(i).data(Qt.UserRole) for i in range(box.count()) if box.item(i).checkState() == Qt.Checked]


def choice_combo(empty: str, choices: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.addItem(empty, None)
    for uuid, label in choices:
        combo.addItem(label, uuid)
    return combo


class NeedDialog(FieldsDialog):
    """The new/edit form of a need; ``saved_record`` holds it after Accepted."""

    def __init__(self, context: AppContext, need: Need | None = None, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.need = need
        self._start(
            _("Edit need") if need else _("New need"), need_input(need) if need else NeedInput(found_on=today())
        )

    def _build(self) -> None:
        unit = self.context.unit_code
        self.found_on = required_date()
        self.category = code_combo(NEED_CATEGORY)
        self.women = QSpinBox()
        self.women.setRange(0, MAX_WOMEN_IN_NEED)
        self.member = member_combo(unit, _("(none)"), self.need.member_id if self.need else None)
        self.description = text_box(2)
        self.contacts = check_list(4)
        self.status = code_combo(NEED_STATUS)
        self.answered_on = DateField()
        self.answer = text_box(2)
        self.project = choice_combo(_("(none)"), project_choices(unit, self.need.project_id if self.need else None))
        keep = self.need.activity_id if self.need else None
        self.activity = choice_combo(_("(none)"), activity_choices(unit, keep))
        left, right = self._form(), self._form()
        self._rows(
            left,
            [
                ("found_on", _("Found on"), self.found_on, ""),
                ("category", _("Category"), self.category, ""),
                ("women", _("Number of women"), self.women, ""),
                ("member", _("Found by"), self.member, ""),
            ],
        )
        self._rows(
            right,
            [
                ("status", _("Status"), self.status, ""),
                ("answered_on", _("Answered on"), self.answered_on, ""),
                ("project", _("Became a project"), self.project, ""),
                ("activity", _("Became an activity"), self.activity, ""),
            ],
        )
        below = self._form(grow=True, dont_wrap=False)
        self._rows(
            below,
            [
                ("description", _("Need"), self.description, ""),
                ("contacts", _("From the contacts"), self.contacts, _("Tick the contacts it was raised in.")),
                ("answer", _("How it was answered"), self.answer, ""),
            ],
        )
        self.member.currentIndexChanged.connect(lambda _i: self._fill_contacts(ticked(self.contacts)))
        self._lay_out(self._two_columns(left, right), below, 70)

    def _fill_contacts(self, keep: list[str]) -> None:
        choices = contact_choices(self.context.unit_code, self.member.currentData(), keep)
        fill_check_list(self.contacts, choices, set(keep))

    def _load(self, data: NeedInput) -> None:
        self.found_on.set_date(data.found_on)
        choose(self.category, data.category)
        self.women.setValue(data.women)
        choose(self.member, data.member)
        self.description.setPlainText(data.description)
        self._fill_contacts(data.contacts)
        choose(self.status, data.status)
        self.answered_on.set_date(data.answered_on)
        self.answer.setPlainText(data.answer)
        choose(self.project, data.project)
        choose(self.activity, data.activity)

    def _snapshot(self) -> tuple:
        data = self._input()
        return tuple(repr(getattr(data, name)) for name in NeedInput.__dataclass_fields__) + (
            self.found_on.text(),
            self.answered_on.text(),
        )

    def _input(self) -> NeedInput:
        return NeedInput(
            found_on=self.found_on.date(),
            category=self.category.currentData(),
            description=self.description.toPlainText(),
            women=self.women.value(),
            member=self.member.currentData(),
            status=self.status.currentData(),
            answered_on=self.answered_on.date(),
            answer=self.answer.toPlainText(),
            project=self.project.currentData(),
            activity=self.activity.currentData(),
            contacts=ticked(self.contacts),
        )

    def _check(self, data: NeedInput):
        return check_need(data, self.context.unit_code, stored=self.need)[1]

    def _store(self, data: NeedInput) -> Need:
        return save_need(data, self.context.unit_code, self.need)


class ProjectDialog(FieldsDialog):
    """The new/edit form of a project a member leads; ``saved_record`` holds it after Accepted."""

    def __init__(self, context: AppContext, project: Project | None = None, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.project = project
        title = _("Edit project {name}").format(name=project.name) if project else _("New project")
        self._start(title, project_input(project) if project else ProjectInput(start_date=today()))

    def _build(self) -> None:
        unit = self.context.unit_code
        self.name = QLineEdit()
        self.member = member_combo(unit, _("(choose)"), self.project.member_id if self.project else None)
        self.start_date = DateField()
        self.end_date = DateField()
        self.status = code_combo(PROJECT_STATUS)
        self.needs = check_list(4)
        self.progress = text_box(2)
        self.result_text = text_box(2)
        left, right = self._form(), self._form()
        self._rows(
            left,
            [
                ("name", _("Project name"), self.name, ""),
                ("member", _("Led by"), self.member, ""),
                ("status", _("Status"), self.status, ""),
            ],
        )
        self._rows(
            right,
            [("start_date", _("Start date"), self.start_date, ""), ("end_date", _("End date"), self.end_date, "")],
        )
        below = self._form(grow=True, dont_wrap=False)
        self._rows(
            below,
            [
                ("needs", _("Needs it answers"), self.needs, _("Open needs, and those it already answers.")),
                ("progress", _("Progress"), self.progress, ""),
                ("result", _("Result"), self.result_text, ""),
            ],
        )
        self._lay_out(self._two_columns(left, right), below, 64)

    def _load(self, data: ProjectInput) -> None:
        self.name.setText(data.name)
        choose(self.member, data.member)
        self.start_date.set_date(data.start_date)
        self.end_date.set_date(data.end_date)
        choose(self.status, data.status)
        fill_check_list(self.needs, need_choices(self.context.unit_code, data.needs), set(data.needs))
        self.progress.setPlainText(data.progress)
        self.result_text.setPlainText(data.result)

    def _snapshot(self) -> tuple:
        data = self._input()
        return tuple(repr(getattr(data, name)) for name in ProjectInput.__dataclass_fields__) + (
            self.start_date.text(),
            self.end_date.text(),
        )

    def _input(self) -> ProjectInput:
        return ProjectInput(
            name=self.name.text(),
            member=self.member.currentData(),
            start_date=self.start_date.date(),
            end_date=self.end_date.date(),
            status=self.status.currentData(),
            progress=self.progress.toPlainText(),
            result=self.result_text.toPlainText(),
            needs=ticked(self.needs),
        )

    def _check(self, data: ProjectInput):
        return check_project(data, self.context.unit_code, self.project)[1]

    def _store(self, data: ProjectInput) -> Project:
        return save_project(data, self.context.unit_code, self.project)
