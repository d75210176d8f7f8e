"""Add or edit one activity of the ledger, with every problem shown beside its field."""

from __future__ import annotations

import datetime as _dt
import re

from PySide6.QtCore import QDate, QPoint, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.common.field_error import FieldBox
from gui.common.form_dialog import FormDialog
from gui.common.rare_char_finder import add_rare_character_button
from gui.context import AppContext
from gui.homes.activity_table import svg_icon
from gui.homes.photo_strip import PhotoStrip
from gui.resources import icon
from models.base import FieldError, ValidationError
from models.homes import (
    CATEGORY,
    FORM,
    SENSITIVE_CATEGORIES,
    Activity,
    ActivityInput,
    activity_input,
    check_activity,
    guess_activity_date,
    new_activity_input,
    participant_suggestions,
    save_activity,
)
from models.i18n import _
from models.people import Person

MAX_COUNT = 99999

CALENDAR_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none"
 stroke="#3B4A5A" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4"/>
</svg>"""


def format_day(value: _dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def mark_invalid(editor: QWidget, on: bool) -> None:
    """Frame an editor in red (INVALID_STYLE) or not; the style must be re-applied to show it."""
    editor.setProperty("invalid", on)
    editor.style().unpolish(editor)
    editor.style().polish(editor)
    editor.update()


class CompositeBox(FieldBox):
    """A FieldBox around a row of several editors: the red frame goes on the ``marked`` ones, not the row."""

    def __init__(
        self, row: QWidget, marked: list[QWidget] | None = None, hint: str = "", parent: QWidget | None = None
    ):
        super().__init__(row, hint, parent)
        self.marked = list(marked or [])

    def set_error(self, message: str) -> None:
        super().set_error(message)
        mark_invalid(self.editor, False)
        for editor in self.marked:
            mark_invalid(editor, bool(message))


class DateEdit(QLineEdit):
    """A date typed quickly in any common way, or picked from a calendar (the button at the right)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("2026-03-08")
        self.setMaxLength(20)
        action = self.addAction(svg_icon(CALENDAR_SVG), QLineEdit.TrailingPosition)
        action.setToolTip(_("Pick the date from a calendar"))
        action.triggered.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None
        # Typing 3.8 and leaving the field shows 2026-03-08: the user sees what will be saved.
        self.editingFinished.connect(self._normalise)

    def date(self) -> tuple[_dt.date | None, str | None]:
        return guess_activity_date(self.text())

    def set_date(self, value: _dt.date | None) -> None:
        self.setText(format_day(value))

    def _normalise(self) -> None:
        value, problem = self.date()
        if value is not None and not problem:
            self.set_date(value)

    def show_calendar(self) -> None:
        calendar = QCalendarWidget()
        calendar.setWindowFlags(Qt.Popup)
        calendar.setAttribute(Qt.WA_DeleteOnClose)
        calendar.setGridVisible(True)
        calendar.setMaximumDate(QDate.currentDate())
        value, _problem = self.date()
        if value:
            calendar.setSelectedDate(QDate(value.year, value.month, value.day))

        def chosen(qdate: QDate) -> None:
            self.set_date(_dt.date(qdate.year(), qdate.month(), qdate.day()))
            calendar.close()
            self.setFocus()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar


class EntryLineEdit(QLineEdit):
    """A line edit whose Enter adds what was typed instead of pressing the dialog's default button."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.returnPressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ParticipantList(QWidget):
    """Named participants: picked from the unit's people by name, pinyin or initials, or typed."""

    def __init__(self, unit_code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.unit_code = unit_code
        self.entry = EntryLineEdit()
        self.entry.setPlaceholderText(_("Name, pinyin or initials, then Enter"))
        self.entry.setMaxLength(50)
        self.rare_character = add_rare_character_button(self.entry)
        self._matches: list[Person] = []
        self._suggestions = QStringListModel(self)
        self.completer = QCompleter(self._suggestions, self)
        # The matching is done in SQL (pinyin, initials); the popup shows it unfiltered.
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.setWidget(self.entry)
        self.completer.activated[str].connect(self._picked)
        self.entry.textEdited.connect(self._suggest)
        self.entry.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton(icon("new"), _("Add"))
        self.add_button.clicked.connect(self.add_typed)
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.remove_button = QPushButton(icon("delete"), _("Remove name"))
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.Delete, self.list, activated=self.remove_selected, context=Qt.WidgetShortcut)

        entry_row = QHBoxLayout()
        entry_row.setContentsMargins(0, 0, 0, 0)
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.add_button)
        list_row = QHBoxLayout()
        list_row.setContentsMargins(0, 0, 0, 0)
        list_row.addWidget(self.list, 1)
        list_row.addWidget(self.remove_button, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(entry_row)
        layout.addLayout(list_row)
        self._update_buttons()

    # --- suggestions -----------------------------------------------------------------

    def _search(self, text: str) -> list[Person]:
        return participant_suggestions(self.unit_code, text)

    def _suggest(self, text: str) -> None:
        self._matches = self._search(text)
        self._suggestions.setStringList([p.name for p in self._matches])
        if self._matches:
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _picked(self, name: str) -> None:
        person = next((p for p in self._matches if p.name == name), None)
        self.add(person.uuid if person else None, name)
        # The completer writes the chosen name into the entry after this signal.
        QTimer.singleShot(0, self.entry.clear)

    def add_typed(self) -> None:
        """Add what the entry holds: a person of the unit when it points to one, else the name as typed."""
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            # A suggestion is highlighted (the Add button was pressed): take it.
            self._picked(popup.currentIndex().data())
            popup.hide()
            return
        text = self.entry.text().strip()
        if not text:
            return
        matches = self._search(text)
        exact = [p for p in matches if p.name == text]
        if exact:
            person = exact[0]
        elif len(matches) == 1:
            person = matches[0]
        elif matches and re.fullmatch(r"[A-Za-z]+", text):
            # Initials that fit several people: let the user pick one.
            self._matches = matches
            self._suggestions.setStringList([p.name for p in matches])
            self.completer.complete()
            return
        else:
            person = None
        self.add(person.uuid if person else None, person.name if person else text)
        popup.hide()
        self.entry.clear()

    # --- the list ---------------------------------------------------------------------

    def add(self, person: str | None, name: str) -> None:
        if any(self.list.item(i).data(Qt.UserRole) == (person, name) for i in range(self.list.count())):
            return
        item = QListWidgetItem(name)
        item.setData(Qt.UserRole, (person, name))
        if person:
            item.setIcon(icon("people"))
            item.setToolTip(_("{name}, from the unit's people").format(name=name))
        self.list.addItem(item)
        self.list.setCurrentItem(item)
        self._update_buttons()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
        self._update_buttons()

    def participants(self) -> list[tuple[str | None, str]]:
        return [tuple(self.list.item(i).data(Qt.UserRole)) for i in range(self.list.count())]

    def set_participants(self, participants: list[tuple[str | None, str]]) -> None:
        self.list.clear()
        for person, name in participants:
            self.add(person, name)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)


def _combo(choices: list[tuple[str, str]], empty: str = "") -> QComboBox:
    combo = QComboBox()
    combo.addItem(empty, "")
    for code, label in choices:
        combo.addItem(label, code)
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def _set_combo(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code or "")
    combo.setCurrentIndex(index if index >= 0 else 0)


def _count_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_COUNT)
    box.setAccelerated(True)
    box.setMinimumWidth(box.fontMetrics().horizontalAdvance("99999") + 40)
    return box


# Field names in the order they appear: the first bad one gets the focus.
FIELDS = (
    "date",
    "start_time",
    "end_time",
    "title",
    "place",
    "category",
    "sensitive",
    "form",
    "organiser",
    "co_organiser",
    "leader",
    "recorder",
    "women",
    "children",
    "others",
    "summary",
    "results",
    "participants",
    "photos",
)


class ActivityDialog(FormDialog):
    """The new/edit form of an activity; ``activity`` holds the saved record after Accepted.

    ``template`` pre-fills a new activity (copy as template) with its date left empty.
    """

    def __init__(
        self,
        context: AppContext,
        activity: Activity | None = None,
        parent: QWidget | None = None,
        template: ActivityInput | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.activity = activity
        if activity is not None:
            title, data = _("Edit activity “{title}”").format(title=activity.title), activity_input(activity)
        elif template is not None:
            title, data = _("New activity from “{title}”").format(title=template.title), template
        else:
            title, data = _("New activity"), new_activity_input(context.unit_code, context.unit_name)
        self._start(title, data)
        (self.title if activity is not None else self.date).setFocus(Qt.OtherFocusReason)
        if activity is None:
            self.date.selectAll()  # today's date, typed over for another day

    # --- building ---------------------------------------------------------------

    def _build(self) -> None:
        self.date = DateEdit()
        self.start_time = QLineEdit()
        self.end_time = QLineEdit()
        self.start_time.setPlaceholderText("09:30")
        self.end_time.setPlaceholderText("11:00")
        for edit in (self.start_time, self.end_time):
            edit.setMaxLength(8)
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00:00") + 40)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.place = QLineEdit()
        self.place.setMaxLength(100)
        self.category = _combo(CATEGORY.choices(), _("Choose…"))
        self.category.currentIndexChanged.connect(self._category_changed)
        self.sensitive = QCheckBox(_("Sensitive"))
        self.sensitive.toggled.connect(self._sensitive_changed)
        self.form = _combo(FORM.choices())
        self.organiser = QLineEdit()
        self.co_organiser = QLineEdit()
        self.leader = QLineEdit()
        self.recorder = QLineEdit()
        for edit in (self.organiser, self.co_organiser, self.leader):
            edit.setMaxLength(100)
        self.recorder.setMaxLength(50)
        for edit in (self.leader, self.recorder):  # people's names
            add_rare_character_button(edit)
        self.women, self.children, self.others = _count_box(), _count_box(), _count_box()
        self.total_label = QLabel()
        for box in (self.women, self.children, self.others):
            box.valueChanged.connect(lambda _v: self._update_total())
        self.summary = QPlainTextEdit()
        self.results = QPlainTextEdit()
        for edit, lines in ((self.summary, 4), (self.results, 3)):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        self.participants = ParticipantList(self.context.unit_code)
        self.photos = PhotoStrip(editable=True)

        counts = QWidget()
        counts_row = QHBoxLayout(counts)
        counts_row.setContentsMargins(0, 0, 0, 0)
        for label, box in ((_("Women"), self.women), (_("Children"), self.children), (_("Others"), self.others)):
            caption = QLabel(label)
            caption.setBuddy(box)
            counts_row.addWidget(caption)
            counts_row.addWidget(box)
            counts_row.addSpacing(6)
        counts_row.addWidget(self.total_label)
        counts_row.addStretch(1)

        times = QWidget()
        times_row = QHBoxLayout(times)
        times_row.setContentsMargins(0, 0, 0, 0)
        times_row.addWidget(self.start_time)
        times_row.addWidget(QLabel("–"))
        times_row.addWidget(self.end_time)
        times_row.addStretch(1)

        hints = {
            "date": _("For example 2026-03-08, 2026.3.8 or 3.8 for this year."),
            "sensitive": _(
                "Participants' names and the photos stay out of printed ledgers and exports; "
                "only the counts are printed."
            ),
            "participants": _("Optional: the people who took part, by name."),
        }
        self.boxes: dict[str, FieldBox] = {}
        for name in (
            "date",
            "title",
            "place",
            "category",
            "sensitive",
            "form",
            "organiser",
            "co_organiser",
            "leader",
            "recorder",
            "summary",
            "results",
        ):
            self.boxes[name] = FieldBox(getattr(self, name), hints.get(name, ""))
        self.boxes["participants"] = CompositeBox(self.participants, [self.participants.list], hints["participants"])
        self.boxes["photos"] = CompositeBox(self.photos, [self.photos.list])
        self.boxes["times"] = CompositeBox(times)
        # Spin boxes lose their arrows in a red frame: the message under the row is enough.
        self.boxes["counts"] = CompositeBox(counts)
        self.boxes["sensitive"].hint.setVisible(False)
        # Which box shows a field's message, and which editor gets the focus for it.
        self._box_of = {name: name for name in self.boxes}
        self._box_of.update(start_time="times", end_time="times", women="counts", children="counts", others="counts")

        left, right = self._form(), self._form()
        left.addRow(self._label(_("Date"), self.date), self.boxes["date"])
        left.addRow(self._label(_("Time"), self.start_time), self.boxes["times"])
        left.addRow(self._label(_("Activity name"), self.title), self.boxes["title"])
        left.addRow(self._label(_("Place"), self.place), self.boxes["place"])
        left.addRow(self._label(_("Category"), self.category), self.boxes["category"])
        left.addRow("", self.boxes["sensitive"])
        left.addRow(self._label(_("Form"), self.form), self.boxes["form"])
        left.addRow(self._label(_("Organiser"), self.organiser), self.boxes["organiser"])
        left.addRow(self._label(_("Co-organiser"), self.co_organiser), self.boxes["co_organiser"])
        left.addRow(self._label(_("Leader or speaker"), self.leader), self.boxes["leader"])
        left.addRow(self._label(_("Recorder"), self.recorder), self.boxes["recorder"])
        right.addRow(self._label(_("Participants"), self.women), self.boxes["counts"])
        right.addRow(self._label(_("Summary"), self.summary), self.boxes["summary"])
        right.addRow(self._label(_("Results"), self.results), self.boxes["results"])
        right.addRow(self._label(_("Named participants"), self.participants.entry), self.boxes["participants"])

        photos_form = self._form(dont_wrap=False)
        photos_form.addRow(self._label(_("Photos"), self.photos.list), self.boxes["photos"])
        self._lay_out(self._two_columns(left, right), photos_form, 84)

    # --- behaviour -------------------------------------------------------------------

    def _category_changed(self) -> None:
        # Rights cases, screening and children are sensitive by their nature; the user may untick.
        self.sensitive.setChecked(self.category.currentData() in SENSITIVE_CATEGORIES)

    def _sensitive_changed(self, checked: bool) -> None:
        self.boxes["sensitive"].hint.setVisible(checked)
        if self.layout() is not None:
            self._fit()  # the explanation needs its lines

    def _update_total(self) -> None:
        total = self.women.value() + self.children.value() + self.others.value()
        self.total_label.setText(_("Total {n}").format(n=total))

    # --- values -----------------------------------------------------------------

    def _load(self, data: ActivityInput) -> None:
        self.date.set_date(data.date)
        self.start_time.setText(data.start_time)
        self.end_time.setText(data.end_time)
        self.title.setText(data.title)
        self.place.setText(data.place)
        self.category.blockSignals(True)
        _set_combo(self.category, data.category)
        self.category.blockSignals(False)
        self.sensitive.setChecked(data.sensitive)
        self._sensitive_changed(data.sensitive)
        _set_combo(self.form, data.form)
        self.organiser.setText(data.organiser)
        self.co_organiser.setText(data.co_organiser)
        self.leader.setText(data.leader)
        self.recorder.setText(data.recorder)
        self.women.setValue(data.women)
        self.children.setValue(data.children)
        self.others.setValue(data.others)
        self._update_total()
        self.summary.setPlainText(data.summary)
        self.results.setPlainText(data.results)
        self.participants.set_participants(data.participants)
        self.photos.set_digests(data.photos)

    def _snapshot(self) -> tuple:
        """Everything as typed, to tell whether Esc would lose anything."""
        return (
            self.date.text(),
            self.start_time.text(),
            self.end_time.text(),
            self.title.text(),
            self.place.text(),
            self.category.currentData(),
            self.sensitive.isChecked(),
            self.form.currentData(),
            self.organiser.text(),
            self.co_organiser.text(),
            self.leader.text(),
            self.recorder.text(),
            self.women.value(),
            self.children.value(),
            self.others.value(),
            self.summary.toPlainText(),
            self.results.toPlainText(),
            tuple(self.participants.participants()),
            tuple(self.photos.digests()),
        )

    def input(self) -> tuple[ActivityInput, list[FieldError]]:
        """What the user typed as an ActivityInput, plus problems only the dialog can see."""
        for box in (self.women, self.children, self.others):
            box.interpretText()  # a number typed but not yet confirmed counts too
        day, problem = self.date.date()
        errors = [FieldError("date", problem)] if problem else []
        data = ActivityInput(
            date=day,
            start_time=self.start_time.text(),
            end_time=self.end_time.text(),
            place=self.place.text(),
            title=self.title.text(),
            category=self.category.currentData() or "",
            form=self.form.currentData() or "",
            organiser=self.organiser.text(),
            co_organiser=self.co_organiser.text(),
            women=self.women.value(),
            children=self.children.value(),
            others=self.others.value(),
            leader=self.leader.text(),
            summary=self.summary.toPlainText(),
            results=self.results.toPlainText(),
            recorder=self.recorder.text(),
            sensitive=self.sensitive.isChecked(),
            participants=self.participants.participants(),
            photos=self.photos.digests(),
        )
        return data, errors

    # --- errors -------------------------------------------------------------------

    def _current_errors(self) -> list[FieldError]:
        data, errors = self.input()
        reported = {e.field for e in errors}
        return errors + [e for e in check_activity(data)[1] if e.field not in reported]

    def _rechecked(self, bad: set[str]) -> None:
        for name in ("start_time", "end_time"):
            if name not in bad:
                mark_invalid(getattr(self, name), False)

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message under its field (several per field joined); focus the first bad field."""
        self._mark_errors(errors, "summary")
        bad = {error.field for error in errors}
        for name in ("start_time", "end_time"):
            # The times share one box: frame the guilty one.
            mark_invalid(getattr(self, name), name in bad)
        self._fit()
        first = next((name for name in FIELDS if name in bad), None)
        if first is None and errors:
            first = "summary"
        if first is not None:
            self._focus_editor(
                {"participants": self.participants.entry, "photos": self.photos.list}.get(
                    first, getattr(self, first, None)
                ),
                select=(QLineEdit, QSpinBox),
            )

    # --- saving and leaving -----------------------------------------------------------

    def save(self) -> None:
        data, errors = self.input()
        _clean, problems = check_activity(data)
        reported = {e.field for e in errors}
        errors += [e for e in problems if e.field not in reported]
        if errors:
            self.show_errors(errors)
            return
        try:
            self.activity = save_activity(data, self.context.unit_code, self.activity)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self._saved()
