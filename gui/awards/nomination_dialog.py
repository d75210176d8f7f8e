"""Add or edit one nomination (推荐对象): the nominee, the texts within their limits, two photos, the outcome."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from gui.awards.limited_text import LimitedText
from gui.common import messages
from gui.common.field_error import FieldBox
from gui.common.form_dialog import FormDialog
from gui.common.rare_char_finder import add_rare_character_button
from gui.context import AppContext
from gui.homes.activity_dialog import CompositeBox, DateEdit, mark_invalid
from gui.homes.photo_strip import PhotoStrip
from models import fields
from models.awards import (
    AWARD,
    LEVEL,
    MAX_PHOTOS,
    NOMINEE_KIND_OF,
    OUTCOME,
    RECIPIENT_KIND,
    Nomination,
    NominationInput,
    award_from_nomination,
    check_nomination,
    household_choices,
    meeting_choices,
    new_nomination_input,
    nomination_input,
    offers_award,
    people_choices,
    save_nomination,
    story_limit,
    summary_limit,
)
from models.base import FieldError, ValidationError
from models.i18n import _
from models.listing import FIRST_YEAR, LAST_YEAR

# Field names in the order they appear: the first bad one gets the focus.
FIELDS = (
    "year",
    "award",
    "level",
    "nominee_kind",
    "nominee_name",
    "person",
    "household",
    "family_members",
    "meeting",
    "notice_from",
    "notice_to",
    "outcome",
    "outcome_note",
    "summary",
    "story",
    "photos",
)


class NominationPhotos(PhotoStrip):
    """The Women's Home's photo strip, taking no more than the two photos a nomination form prints."""

    def add_files(self, paths: list) -> list[str]:
        room = MAX_PHOTOS - len(self.digests())
        if len(paths) > room:
            messages.info(
                self,
                _("A nomination has room for {n} photos; only the first {room} of those chosen were added.").format(
                    n=MAX_PHOTOS, room=max(room, 0)
                ),
                title=_("Photos"),
            )
        return super().add_files(list(paths)[: max(room, 0)])


def combo(choices: list[tuple[str, str]], empty: str | None = None) -> QComboBox:
    box = QComboBox()
    if empty is not None:
        box.addItem(empty, "")
    for code, label in choices:
        box.addItem(label, code)
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(10)
    return box


def set_combo(box: QComboBox, code: str | None) -> None:
    index = box.findData(code or "")
    box.setCurrentIndex(index if index >= 0 else 0)


def year_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(FIRST_YEAR, LAST_YEAR)
    box.setMinimumWidth(box.fontMetrics().horizontalAdvance("20266") + 40)
    return box


class NominationDialog(FormDialog):
    """The new/edit form of a nomination; ``nomination`` holds the saved record after Accepted."""

    def __init__(self, context: AppContext, nomination: Nomination | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.nomination = nomination
        self.award_recorded = False  # the save entered the honour in the register too
        if nomination is not None:
            title = _("Edit nomination “{name}”").format(name=nomination.nominee_name)
            data = nomination_input(nomination)
        else:
            title, data = _("New nomination"), new_nomination_input(context.unit_code)
        self._start(title, data)
        (self.nominee_name if nomination is None else self.summary.edit).setFocus(Qt.OtherFocusReason)

    # --- building ---------------------------------------------------------------

    def _build(self) -> None:
        unit = self.context.unit_code
        self.year = year_box()
        self.award = combo(AWARD.choices())
        self.level = combo(LEVEL.choices())
        self.nominee_kind = combo(RECIPIENT_KIND.choices())
        self.nominee_name = QLineEdit()
        self.nominee_name.setMaxLength(fields.max_length("nomination", "nominee_name"))
        add_rare_character_button(self.nominee_name)
        self.person = combo(people_choices(unit), _("Not linked"))
        self.household = combo(household_choices(unit), _("Not linked"))
        self.family_members = QLineEdit()
        self.family_members.setMaxLength(fields.max_length("nomination", "family_members"))
        self.family_members.setPlaceholderText(_("For example: Wang Xiulan (head), Li Jianguo (husband)"))
        self.meeting = combo(meeting_choices(unit), _("None recorded"))
        self.notice_from, self.notice_to = DateEdit(), DateEdit()
        for edit in (self.notice_from, self.notice_to):
            edit.setPlaceholderText("")
        self.outcome = combo(OUTCOME.choices())
        self.outcome_note = QLineEdit()
        self.outcome_note.setMaxLength(fields.max_length("nomination", "outcome_note"))
        self.summary = LimitedText(summary_limit(), lines=5)
        self.story = LimitedText(story_limit(), lines=9)
        self.photos = NominationPhotos(editable=True, thumb_size=96)

        self.award.currentIndexChanged.connect(lambda _i: self._award_changed())
        self.nominee_kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.person.currentIndexChanged.connect(lambda _i: self._person_chosen())

        notice = QWidget()
        notice_row = QHBoxLayout(notice)
        notice_row.setContentsMargins(0, 0, 0, 0)
        notice_row.addWidget(self.notice_from, 1)
        notice_row.addWidget(QLabel("–"))
        notice_row.addWidget(self.notice_to, 1)

        self.boxes: dict[str, FieldBox] = {}
        for name in (
            "year",
            "award",
            "level",
            "nominee_kind",
            "nominee_name",
            "person",
            "household",
            "family_members",
            "meeting",
            "outcome",
            "outcome_note",
        ):
            self.boxes[name] = FieldBox(getattr(self, name))
        self.boxes["notice"] = CompositeBox(notice, [self.notice_from, self.notice_to])
        self.boxes["summary"] = CompositeBox(self.summary, [self.summary.edit])
        self.boxes["story"] = CompositeBox(self.story, [self.story.edit])
        photo_hint = _("At most {n} photos, as the nomination form prints.").format(n=MAX_PHOTOS)
        self.boxes["photos"] = CompositeBox(self.photos, [self.photos.list], photo_hint)
        self._box_of = {name: name for name in self.boxes}
        self._box_of.update(notice_from="notice", notice_to="notice", award_record="outcome")

        left, right = self._form(), self._form()
        left.addRow(self._label(_("Year"), self.year), self.boxes["year"])
        left.addRow(self._label(_("Award"), self.award), self.boxes["award"])
        left.addRow(self._label(_("Level"), self.level), self.boxes["level"])
        left.addRow(self._label(_("Nominee is"), self.nominee_kind), self.boxes["nominee_kind"])
        left.addRow(self._label(_("Name"), self.nominee_name), self.boxes["nominee_name"])
        self.person_label = self._label(_("Person"), self.person)
        left.addRow(self.person_label, self.boxes["person"])
        self.household_label = self._label(_("Household"), self.household)
        left.addRow(self.household_label, self.boxes["household"])
        self.members_label = self._label(_("Family members"), self.family_members)
        left.addRow(self.members_label, self.boxes["family_members"])
        left.addRow(self._label(_("Agreed at meeting"), self.meeting), self.boxes["meeting"])
        left.addRow(self._label(_("Public notice"), self.notice_from), self.boxes["notice"])
        left.addRow(self._label(_("Outcome"), self.outcome), self.boxes["outcome"])
        left.addRow(self._label(_("Outcome note"), self.outcome_note), self.boxes["outcome_note"])
        right.addRow(self._label(_("Summary of deeds"), self.summary.edit), self.boxes["summary"])
        right.addRow(self._label(_("Main story"), self.story.edit), self.boxes["story"])
        below = self._form(dont_wrap=False)
        below.addRow(self._label(_("Photos"), self.photos.list), self.boxes["photos"])
        self._lay_out(self._two_columns(left, right), below, 90)

    # --- behaviour -------------------------------------------------------------------

    def _award_changed(self) -> None:
        """An award is for one kind of nominee: 最美家庭 a family, 三八红旗手 a person, 三八红旗集体 a collective."""
        kind = NOMINEE_KIND_OF.get(self.award.currentData())
        if kind:
            set_combo(self.nominee_kind, kind)
        self.nominee_kind.setEnabled(kind is None)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.nominee_kind.currentData()
        for label, box, shown in (
            (self.person_label, self.boxes["person"], kind == "person"),
            (self.household_label, self.boxes["household"], kind == "family"),
            (self.members_label, self.boxes["family_members"], kind == "family"),
        ):
            label.setVisible(shown)
            box.setVisible(shown)

    def _person_chosen(self) -> None:
        """A person picked from the list names the nominee, unless a name was typed already."""
        if self.person.currentData() and not self.nominee_name.text().strip():
            self.nominee_name.setText(self.person.currentText())

    # --- values -----------------------------------------------------------------

    def _load(self, data: NominationInput) -> None:
        self.year.setValue(data.year or self.year.minimum())
        self.award.blockSignals(True)
        set_combo(self.award, data.award)
        self.award.blockSignals(False)
        set_combo(self.level, data.level)
        set_combo(self.nominee_kind, data.nominee_kind)
        self.nominee_kind.setEnabled(data.award not in NOMINEE_KIND_OF)
        self.nominee_name.setText(data.nominee_name)
        self.person.blockSignals(True)
        set_combo(self.person, data.person)
        self.person.blockSignals(False)
        set_combo(self.household, data.household)
        self.family_members.setText(data.family_members)
        set_combo(self.meeting, data.meeting)
        self.notice_from.set_date(data.notice_from)
        self.notice_to.set_date(data.notice_to)
        set_combo(self.outcome, data.outcome)
        self.outcome_note.setText(data.outcome_note)
        self.summary.set_text(data.summary)
        self.story.set_text(data.story)
        self.photos.set_digests(data.photos)
        self._kind_changed()

    def _snapshot(self) -> tuple:
        return (
            self.year.value(),
            self.award.currentData(),
            self.level.currentData(),
            self.nominee_kind.currentData(),
            self.nominee_name.text(),
            self.person.currentData(),
            self.household.currentData(),
            self.family_members.text(),
            self.meeting.currentData(),
            self.notice_from.text(),
            self.notice_to.text(),
            self.outcome.currentData(),
            self.outcome_note.text(),
            self.summary.text(),
            self.story.text(),
            tuple(self.photos.digests()),
        )

    def input(self) -> tuple[NominationInput, list[FieldError]]:
        """What the user typed as a NominationInput, plus problems only the dialog can see (unreadable dates)."""
        self.year.interpretText()
        errors: list[FieldError] = []
        dates = {}
        for name in ("notice_from", "notice_to"):
            day, problem = getattr(self, name).date()
            dates[name] = day
            if problem:
                errors.append(FieldError(name, problem))
        data = NominationInput(
            year=self.year.value(),
            award=self.award.currentData() or "",
            level=self.level.currentData() or "",
            nominee_kind=self.nominee_kind.currentData() or "",
            nominee_name=self.nominee_name.text(),
            person=self.person.currentData() or None,
            household=self.household.currentData() or None,
            family_members=self.family_members.text(),
            summary=self.summary.text(),
            story=self.story.text(),
            meeting=self.meeting.currentData() or None,
            notice_from=dates["notice_from"],
            notice_to=dates["notice_to"],
            outcome=self.outcome.currentData() or "pending",
            outcome_note=self.outcome_note.text(),
            photos=self.photos.digests(),
        )
        return data, errors

    # --- errors -------------------------------------------------------------------

    def _current_errors(self) -> list[FieldError]:
        data, errors = self.input()
        reported = {e.field for e in errors}
        return errors + [e for e in check_nomination(data, self.context.unit_code)[1] if e.field not in reported]

    def _rechecked(self, bad: set[str]) -> None:
        for name in ("notice_from", "notice_to"):
            if name not in bad:
                mark_invalid(getattr(self, name), False)

    def show_errors(self, errors: list[FieldError]) -> None:
        self._mark_errors(errors, "outcome")
        bad = {error.field for error in errors}
        for name in ("notice_from", "notice_to"):
            mark_invalid(getattr(self, name), name in bad)
        self._fit()
        first = next((name for name in FIELDS if name in bad), None)
        if first is None and errors:
            first = "outcome"
        if first is not None:
            editor = {"summary": self.summary.edit, "story": self.story.edit, "photos": self.photos.list}.get(
                first, getattr(self, first, None)
            )
            self._focus_editor(editor)

    # --- saving -----------------------------------------------------------------------

    def save(self) -> None:
        data, errors = self.input()
        reported = {e.field for e in errors}
        errors += [e for e in check_nomination(data, self.context.unit_code)[1] if e.field not in reported]
        if errors:
            self.show_errors(errors)
            return
        record_award = None
        if offers_award(self.nomination, data) and messages.choose(
            self,
            _("{name} is marked awarded. Enter the honour in the awards register as well?").format(
                name=data.nominee_name.strip()
            ),
            yes=_("Enter it in the register"),
            no=_("Not now"),
            title=_("Awards register"),
            kind="question",
        ):
            record_award = award_from_nomination(data)
        try:
            self.nomination = save_nomination(data, self.context.unit_code, self.nomination, record_award)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.award_recorded = record_award is not None
        self._saved()
