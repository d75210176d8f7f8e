"""现场签到: ticking people off as they arrive, by keyboard only.

Type a name, its full pinyin or its initials; Enter marks the top (or
chosen) match present and clears the box for the next person. Ctrl+L marks
late, Ctrl+Z undoes the last mark. Someone not on the list is added on the
spot as a walk-in. Nothing here touches printed sign-in sheets: their
signature cells are for real signatures only.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.common.field_error import INVALID_STYLE
from gui.common.fit import em_size, fit_on_show
from gui.context import AppContext
from gui.resources import scaled_font
from gui.training.trainee_picker import SearchBox, TraineeForm
from gui.training.trainee_table import status_label
from models.base import ValidationError
from models.i18n import _, in_brackets, ngettext
from models.people import normalize_name
from models.training import (
    Attendance,
    Trainee,
    Training,
    TrainingSession,
    find_trainees,
    is_attended,
    mark,
    session_marks,
    sign_in_walk_in,
    undo_sign_in,
)

DONE_COLOUR = QColor("#2e7d32")
NOTICE_COLOUR = QColor("#8a5a00")
MUTED_COLOUR = QColor("#8a8f96")


def default_session(sessions: list[TrainingSession], now: _dt.datetime) -> TrainingSession | None:
    """The session under way: today's morning before noon, else today's afternoon; else today's other half;
    else the next one to come; else the last one."""
    if not sessions:
        return None
    today = now.date()
    half = "am" if now.hour < 12 else "pm"
    todays = [s for s in sessions if s.date == today]
    for session in todays:
        if session.half == half:
            return session
    if todays:
        return todays[0]
    coming = [s for s in sessions if s.date > today]
    return coming[0] if coming else sessions[-1]


def _rank(trainee: Trainee, text: str) -> int:
    """0 for an exact name, pinyin or initials; 1 when one of them starts with the text; 2 otherwise."""
    keys = (trainee.name.lower(), trainee.name_pinyin, trainee.name_initials)
    if text in keys:
        return 0
    if any(k.startswith(text) for k in keys):
        return 1
    return 2


@dataclass
class Undo:
    """One mark as it can be taken back: what the cell held before, and whether the person was added for it."""

    session: TrainingSession
    trainee: Trainee
    previous: tuple[str, str] | None  # (status, reason) before, or None when not marked
    walk_in: bool = False


class TraineeListModel(QAbstractListModel):
    """Attendees as lines of text, some greyed; replaced whole on every keystroke.

    A model rather than a QListWidget: hundreds of items rebuilt per key
    would cost a Python-to-Qt call each, and the desk must keep up with typing.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[Trainee, str, bool]] = []  # (attendee, line shown, greyed)

    def set_rows(self, rows: list[tuple[Trainee, str, bool]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def trainee_at(self, row: int) -> Trainee | None:
        return self.rows[row][0] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        _trainee, text, muted = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return text
        if role == Qt.ForegroundRole and muted:
            return QBrush(MUTED_COLOUR)
        return None


class TickOffBox(SearchBox):
    """The big search line; Ctrl+Z here means "undo the last mark", not "undo typing"; Ctrl+L marks late."""

    def __init__(self, view, parent: QWidget | None = None):
        super().__init__(view, parent)
        self.on_undo = lambda: None
        self.on_late = lambda: None

    def keyPressEvent(self, event) -> None:
        # (The dialog's shortcuts take these keys first while it is the active window.)
        if event.matches(QKeySequence.Undo):
            event.accept()
            self.on_undo()
            return
        if event.key() == Qt.Key_L and event.modifiers() == Qt.ControlModifier:
            event.accept()
            self.on_late()
            return
        super().keyPressEvent(event)


class TickOffDialog(QDialog):
    """The sign-in desk on the day: search, Enter, next person."""

    def __init__(
        self, context: AppContext, training: Training, parent: QWidget | None = None, now: _dt.datetime | None = None
    ):
        super().__init__(parent)
        self.context = context
        self.training = training
        self.undo_stack: list[Undo] = []
        self.statuses: dict[str, Attendance] = {}  # trainee uuid → mark at the chosen session
        self.setWindowTitle(_("Sign-in on the day — {training}").format(training=training.name))
        self.setStyleSheet(INVALID_STYLE)
        self.sessions = list(training.sessions())
        self._build()
        chosen = default_session(self.sessions, now or _dt.datetime.now())
        if chosen is not None:
            self.session_combo.setCurrentIndex(self.sessions.index(chosen))
        self._session_changed()
        self.search_box.setFocus()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.training.name)
        title.setFont(scaled_font(1.3, bold=True))
        title.setWordWrap(True)
        self.session_combo = QComboBox()
        for session in self.sessions:
            self.session_combo.addItem(session.label(), session.uuid)
        self.session_combo.currentIndexChanged.connect(lambda _i: self._session_changed())
        session_label = QLabel(_("Session"))
        session_label.setBuddy(self.session_combo)
        self.count_label = QLabel()
        self.count_label.setFont(scaled_font(1.6, bold=True))
        self.count_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        head = QHBoxLayout()
        head.addWidget(session_label)
        head.addWidget(self.session_combo)
        head.addStretch(1)
        head.addWidget(self.count_label)

        self.match_model = TraineeListModel(self)
        self.matches = QListView()
        self.matches.setModel(self.match_model)
        self.matches.setFont(scaled_font(1.25))
        self.matches.setUniformItemSizes(True)
        self.matches.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.matches.activated.connect(lambda _index: self.mark_current("present"))
        self.search_box = TickOffBox(self.matches)
        self.search_box.setFont(scaled_font(1.8))
        self.search_box.setPlaceholderText(_("Type a name, pinyin or initials, then Enter"))
        self.search_box.textChanged.connect(lambda _t: self.update_matches())
        self.search_box.on_submit = lambda: self.mark_current("present")
        self.search_box.on_undo = self.undo
        self.search_box.on_late = lambda: self.mark_current("late")
        self.feedback = QLabel(" ")
        self.feedback.setFont(scaled_font(1.25, bold=True))
        self.feedback.setWordWrap(True)
        keys = QLabel(_("Enter: present · Ctrl+L: late · ↑↓: choose · Ctrl+Z: undo the last mark · Esc: close"))
        keys.setEnabled(False)
        keys.setWordWrap(True)

        # Someone not on the list: added on the spot.
        self.walk_in_panel = QFrame()
        self.walk_in_panel.setFrameShape(QFrame.StyledPanel)
        self.walk_in_panel.setObjectName("walkIn")
        self.walk_in_panel.setStyleSheet("#walkIn { background: palette(alternate-base); border-radius: 6px; }")
        self.walk_in_title = QLabel()
        self.walk_in_title.setWordWrap(True)
        self.walk_in_title.setFont(scaled_font(1.1, bold=True))
        self.walk_in_form = TraineeForm(with_phone=False)
        for editor in (self.walk_in_form.name, self.walk_in_form.unit_name, self.walk_in_form.post.lineEdit()):
            editor.returnPressed.connect(self.add_walk_in)
        self.walk_in_button = QPushButton(_("Add and sign in (Enter)"))
        self.walk_in_button.setAutoDefault(False)
        self.walk_in_button.clicked.connect(self.add_walk_in)
        self.walk_in_cancel = QPushButton(_("Back (Esc)"))
        self.walk_in_cancel.setAutoDefault(False)
        self.walk_in_cancel.clicked.connect(self.hide_walk_in)
        walk_in_buttons = QHBoxLayout()
        walk_in_buttons.addStretch(1)
        walk_in_buttons.addWidget(self.walk_in_button)
        walk_in_buttons.addWidget(self.walk_in_cancel)
        panel_layout = QVBoxLayout(self.walk_in_panel)
        panel_layout.addWidget(self.walk_in_title)
        panel_layout.addWidget(self.walk_in_form)
        panel_layout.addLayout(walk_in_buttons)
        self.walk_in_panel.setVisible(False)

        # Where the matches will be, a word on what brings them while there are none.
        self.matches_hint = QLabel()
        self.matches_hint.setAlignment(Qt.AlignCenter)
        self.matches_hint.setWordWrap(True)
        self.matches_hint.setEnabled(False)
        self.matches_hint.setFont(scaled_font(1.1))
        self.matches_hint.setMargin(12)
        self.matches_hint.setFrameShape(QFrame.StyledPanel)
        self.matches_stack = QStackedWidget()
        self.matches_stack.addWidget(self.matches)
        self.matches_stack.addWidget(self.matches_hint)

        left = QVBoxLayout()
        left.addWidget(self.search_box)
        left.addWidget(self.feedback)
        left.addWidget(self.walk_in_panel)
        left.addWidget(self.matches_stack, 1)
        left.addWidget(keys)

        self.missing_title = QLabel()
        self.missing_title.setFont(scaled_font(1.1, bold=True))
        self.missing_model = TraineeListModel(self)
        self.missing = QListView()
        self.missing.setModel(self.missing_model)
        self.missing.setUniformItemSizes(True)
        self.missing.setFocusPolicy(Qt.NoFocus)  # a list to read: the keyboard stays in the search box
        self.missing.setSelectionMode(QAbstractItemView.NoSelection)
        self.undo_button = QPushButton(_("Undo the last mark (Ctrl+Z)"))
        self.undo_button.setAutoDefault(False)
        self.undo_button.setFocusPolicy(Qt.NoFocus)
        self.undo_button.clicked.connect(self.undo)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.setFocusPolicy(Qt.NoFocus)
        self.close_button.clicked.connect(self.accept)
        right = QVBoxLayout()
        right.addWidget(self.missing_title)
        right.addWidget(self.missing, 1)
        right.addWidget(self.undo_button)
        right.addWidget(self.close_button)

        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addSpacing(12)
        body.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        fit_on_show(self, em_size(self, 91, 34))

        QShortcut(QKeySequence("Ctrl+L"), self, activated=lambda: self.mark_current("late"))
        QShortcut(QKeySequence.Undo, self, activated=self.undo)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)

    # --- the session ------------------------------------------------------------------------------

    def session(self) -> TrainingSession | None:
        index = self.session_combo.currentIndex()
        return self.sessions[index] if 0 <= index < len(self.sessions) else None

    def select_session(self, session_uuid: str) -> None:
        self.session_combo.setCurrentIndex(self.session_combo.findData(session_uuid))

    def _session_changed(self) -> None:
        session = self.session()
        self.statuses = {} if session is None else session_marks(session)
        self.update_matches()
        self.update_counts()

    def focus_search(self) -> None:
        self.hide_walk_in()
        self.search_box.setFocus()
        self.search_box.selectAll()

    # --- matches ------------------------------------------------------------------------------------

    def _signed_in(self, trainee: Trainee) -> bool:
        return is_attended(self.statuses.get(trainee.uuid))

    def _excused(self, trainee: Trainee) -> bool:
        found = self.statuses.get(trainee.uuid)
        return found is not None and found.status == "excused"

    def update_matches(self) -> None:
        text = normalize_name(self.search_box.text()).lower()
        found = find_trainees(self.training, text) if text else []
        # Who has yet to sign in comes first, then the closest matches.
        found.sort(key=lambda t: (self._signed_in(t), _rank(t, text) if text else 0))
        rows = []
        for trainee in found:
            signed = self.statuses.get(trainee.uuid)
            details = " · ".join(x for x in (trainee.unit_name, trainee.post) if x)
            line = f"{trainee.name}    {details}" if details else trainee.name
            if signed is not None:
                line += "    " + _("({status} already)").format(status=status_label(signed.status))
            rows.append((trainee, line, is_attended(signed)))
        self.match_model.set_rows(rows)
        if rows:
            self.matches.selectionModel().setCurrentIndex(self.match_model.index(0), QItemSelectionModel.ClearAndSelect)
        elif text:
            self.matches_hint.setText(
                _("No one on the list matches “{text}”. Press Enter to add her as a walk-in.").format(
                    text=self.search_box.text().strip()
                )
            )
        else:
            self.matches_hint.setText(
                _("Type a name, its pinyin or its initials above: the attendees who match are listed here.")
            )
        self.matches_stack.setCurrentWidget(self.matches if rows else self.matches_hint)

    @property
    def match_trainees(self) -> list[Trainee]:
        """What the list shows, in its order."""
        return [row[0] for row in self.match_model.rows]

    def current_match(self) -> Trainee | None:
        return self.match_model.trainee_at(self.matches.currentIndex().row())

    # --- marking -----------------------------------------------------------------------------------

    def mark_current(self, status: str) -> None:
        """Enter (present) or Ctrl+L (late) on the chosen match; with no match, offer to add a walk-in."""
        if self.walk_in_panel.isVisible():
            self.add_walk_in(status)
            return
        session = self.session()
        if session is None:
            self._say(_("This training has no sessions: add them with Edit first."), NOTICE_COLOUR)
            return
        trainee = self.current_match()
        if trainee is None:
            if self.search_box.text().strip():
                self.show_walk_in()
            return
        existing = self.statuses.get(trainee.uuid)
        if existing is not None and existing.status == status:
            self._say(
                _("{name} is already signed in ({status}).").format(name=trainee.name, status=status_label(status)),
                NOTICE_COLOUR,
            )
            self._next()
            return
        existing = self.statuses.get(trainee.uuid)
        previous = (existing.status, existing.reason) if existing is not None else None
        self.statuses[trainee.uuid] = mark(session, trainee, status)
        self.undo_stack.append(Undo(session, trainee, previous, walk_in=False))
        self._signed_in_said(trainee, status)

    def _signed_in_said(self, trainee: Trainee, status: str) -> None:
        details = in_brackets(trainee.unit_name) if trainee.unit_name else ""
        if status == "late":
            self._say(_("{name}{unit}: late").format(name=trainee.name, unit=details), NOTICE_COLOUR)
        else:
            self._say(_("✓ {name}{unit} signed in").format(name=trainee.name, unit=details), DONE_COLOUR)
        self._next()
        self.update_counts()

    def _next(self) -> None:
        """Ready for the next person: the box emptied and focused."""
        self.search_box.clear()
        self.search_box.setFocus()

    def undo(self) -> None:
        """Take back the last mark (and the walk-in it added)."""
        if not self.undo_stack:
            self._say(_("Nothing to undo."), NOTICE_COLOUR)
            return
        entry = self.undo_stack.pop()
        undo_sign_in(entry.session, entry.trainee, entry.previous, entry.walk_in)
        self._say(_("Undone: {name}").format(name=entry.trainee.name), NOTICE_COLOUR)
        self._session_changed()
        self.search_box.setFocus()

    # --- walk-ins -----------------------------------------------------------------------------------

    def show_walk_in(self) -> None:
        typed = self.search_box.text().strip()
        # Letters are pinyin, not a name (also pinyin left before an input method's commit):
        # only the Chinese part is taken; without one the name is typed in the form.
        name = normalize_name(re.sub(r"[A-Za-z0-9]", "", typed))
        self.walk_in_title.setText(
            _("“{text}” is not on the list. Add her as a walk-in and sign her in?").format(text=typed)
        )
        self.walk_in_form.show_errors([])
        self.walk_in_form.name.setText(name)
        self.walk_in_form.unit_name.clear()
        self.walk_in_form.post.setCurrentIndex(0)
        self.walk_in_panel.setVisible(True)
        (self.walk_in_form.unit_name if name else self.walk_in_form.name).setFocus()

    def hide_walk_in(self) -> None:
        self.walk_in_panel.setVisible(False)
        self.search_box.setFocus()

    def add_walk_in(self, status: str = "present") -> bool:
        session = self.session()
        if session is None or not self.walk_in_panel.isVisible():
            return False
        try:
            trainee, attendance = sign_in_walk_in(session, self.walk_in_form.input(walk_in=True), status)
        except ValidationError as exc:
            self.walk_in_form.show_errors(exc.errors)
            return False
        self.walk_in_panel.setVisible(False)
        self.statuses[trainee.uuid] = attendance
        self.undo_stack.append(Undo(session, trainee, None, walk_in=True))
        self._signed_in_said(trainee, attendance.status)
        return True

    # --- numbers ------------------------------------------------------------------------------------

    def update_counts(self) -> None:
        trainees = list(self.training.trainees())
        signed = [t for t in trainees if self._signed_in(t)]
        self.count_label.setText(_("Signed in {n} / expected {m}").format(n=len(signed), m=len(trainees)))
        # Those on leave are not awaited: they come after the others, greyed, and are counted apart.
        excused = [t for t in trainees if self._excused(t)]
        awaited = [t for t in trainees if not self._signed_in(t) and not self._excused(t)]
        if excused:
            title = _("Not signed in yet: {n} · on leave: {m}").format(n=len(awaited), m=len(excused))
        else:
            title = ngettext("Not signed in yet: {n} person", "Not signed in yet: {n} people", len(awaited)).format(
                n=len(awaited)
            )
        self.missing_title.setText(title)
        rows = []
        for trainee in awaited + excused:
            found = self.statuses.get(trainee.uuid)
            line = f"{trainee.name}    {trainee.unit_name}" if trainee.unit_name else trainee.name
            if found is not None:
                line += "    " + (
                    _("(excused: {reason})").format(reason=found.reason)
                    if found.status == "excused"
                    else f"({status_label(found.status)})"
                )
            rows.append((trainee, line, found is not None))
        self.missing_model.set_rows(rows)
        self.undo_button.setEnabled(bool(self.undo_stack))

    def missing_names(self) -> list[str]:
        return [row[0].name for row in self.missing_model.rows]

    def _say(self, text: str, colour: QColor) -> None:
        self.feedback.setText(text)
        self.feedback.setStyleSheet(f"color: {colour.name()};")

    # --- leaving --------------------------------------------------------------------------------------

    def reject(self) -> None:
        # Esc first leaves the walk-in form, then the screen (every mark is saved as it is made).
        if self.walk_in_panel.isVisible():
            self.hide_walk_in()
            return
        super().reject()
