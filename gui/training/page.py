"""培训: the unit's trainings, their attendees and attendance, the sign-in desk and the printed sheets."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.page import DELETE, EDIT, IMPORT, NEW, PRINT, SEARCH, Page
from gui.common.page_parts import (
    EmptyState,
    ListStack,
    add_menu_action,
    add_page_action,
    add_page_actions,
    detail_splitter,
    focus_search,
    muted_note,
    open_dialog,
    page_toolbar,
    page_top_row,
    search_box,
    select_row,
    set_text_quietly,
    setup_row_table,
    table_with_count,
    themed_icon,
)
from gui.common.unit_filter import READ_ONLY_TIP, UnitFilter, guard_actions, is_read_only
from gui.context import AppContext
from gui.people.page import RECYCLE_BIN
from gui.resources import ScaledLabel
from gui.training.trainee_table import (
    ATTENDEE_HEADERS,
    AttendanceModel,
    AttendanceView,
    AttendeeView,
    LeaveReasonDialog,
    TraineeTableModel,
    size_from_sample,
)
from gui.training.training_table import NAME_COLUMN, TrainingTableModel, format_hours, level_text
from models.i18n import _, format_date_range, format_list_date, format_number, format_percent, ngettext
from models.recycle_bin import DeleteRefused, move_to_bin
from models.training import HALVES, Training, find_training, match_typed_trainees, remove_trainees, summary

TICK_OFF = "tick_off"
READ_SHEETS = "read_sheets"
LIST_ROWS = 7  # rows of the training list in view before the user moves the splitter
FACTS_TAB, ATTENDEES_TAB, ATTENDANCE_TAB = range(3)
# Printed forms of this page: (form name, file suffix).
SIGNIN_PDF = ("signin", "pdf")
ATTENDANCE_PDF = ("attendance", "pdf")
ATTENDANCE_XLSX = ("attendance", "xlsx")
YEAR_PDF = ("training-year", "pdf")
YEAR_XLSX = ("training-year", "xlsx")


class ListHeader(QHeaderView):
    """The list's header: room for the sort arrow only in the column sorted by, not in every column
    (Qt's would widen each column by a header's height, and on a 1024 screen that is the names' room)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Horizontal, parent)
        self.sortIndicatorChanged.connect(lambda *_a: self.resizeSections())

    def sectionSizeFromContents(self, logical: int) -> QSize:
        size = super().sectionSizeFromContents(logical)
        if self.isSortIndicatorShown() and logical != self.sortIndicatorSection():
            margin = self.style().pixelMetric(QStyle.PM_HeaderMargin, None, self)
            size.setWidth(size.width() - size.height() - margin)
        return size


class TrainingFacts(QScrollArea):
    """基本情况: what the training is, and its half-day sessions."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        body = QWidget()
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("organiser", _("Organiser")),
            ("co_organiser", _("Co-organiser")),
            ("days", _("Days")),
            ("place", _("Place")),
            ("target_group", _("Target group")),
            ("planned", _("Planned headcount")),
            ("hours", _("Hours")),
            ("lecturers", _("Lecturers and topics")),
            ("notes", _("Notes")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.values[key] = value
            self.form.addRow(QLabel(label), value)
        self.sessions = QTableWidget(0, 5)
        self.sessions.setHorizontalHeaderLabels([_("Date"), _("Half day"), _("Hours"), _("Topic"), _("Lecturer")])
        self.sessions.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.sessions.setSelectionMode(QAbstractItemView.NoSelection)
        self.sessions.setFocusPolicy(Qt.NoFocus)
        self.sessions.verticalHeader().setVisible(False)
        self.sessions.setAlternatingRowColors(True)
        header = self.sessions.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        sessions_title = QLabel(_("Sessions"))
        font = sessions_title.font()
        font.setBold(True)
        sessions_title.setFont(font)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(sessions_title)
        right.addWidget(self.sessions, 1)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(self.form, 1)
        layout.addSpacing(16)
        layout.addLayout(right, 1)
        self.setWidget(body)

    def show_training(self, training: Training) -> None:
        from forms.attendance import organiser_text

        sessions = list(training.sessions())
        texts = {
            # 石门村妇联（村级）, as the forms write it: 村（社区） in brackets would nest them.
            "organiser": organiser_text(training) if training.organiser else level_text(training.organiser_level),
            "co_organiser": training.co_organiser,
            "days": format_date_range(training.start_date, training.end_date) if training.start_date else "",
            "place": training.place,
            "target_group": training.target_group,
            "planned": str(training.planned) if training.planned else "",
            "hours": _("{n} half days, {hours} hours").format(n=len(sessions), hours=format_hours(training.hours)),
            "lecturers": training.lecturers,
            "notes": training.notes,
        }
        for key, text in texts.items():
            self.values[key].setText(text or "—")
        self.sessions.setRowCount(len(sessions))
        for row, session in enumerate(sessions):
            for column, text in enumerate(
                (
                    format_list_date(session.date),
                    _(HALVES[session.half]),
                    format_number(session.hours),
                    session.topic,
                    session.lecturer,
                )
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.sessions.setItem(row, column, item)


class AttendeesTab(QWidget):
    """学员: who is expected, where they come from, and the ways to add them."""

    def __init__(self, page: TrainingPage):
        super().__init__()
        self.page = page
        self.model = TraineeTableModel(self)
        self.add_button = QPushButton(themed_icon(self, "people", QStyle.SP_DirOpenIcon), _("Add from people…"))
        self.add_button.setToolTip(_("Search the people on record (this unit and the units below) and add them"))
        self.type_button = QPushButton(themed_icon(self, "new", QStyle.SP_FileIcon), _("Type in…"))
        self.type_button.setToolTip(_("Add people who are not on record: name, village, post, phone"))
        self.import_button = QPushButton(themed_icon(self, "import", QStyle.SP_ArrowDown), _("Import list…"))
        self.import_button.setToolTip(_("Import the list of attendees from an Excel or CSV file (Ctrl+I)"))
        self.remove_button = QPushButton(themed_icon(self, "delete", QStyle.SP_TrashIcon), _("Remove"))
        self.remove_button.setToolTip(_("Take the selected attendees off the list, with their attendance (Delete)"))
        self.match_button = QPushButton(_("Match to people on record"))
        self.match_button.setToolTip(
            _(
                "Link typed-in attendees to the person on record with the same name "
                "(and phone), where there is exactly one"
            )
        )
        self.add_button.clicked.connect(page.add_from_people)
        self.type_button.clicked.connect(page.type_in_attendees)
        self.import_button.clicked.connect(page.import_attendees)
        self.remove_button.clicked.connect(page.remove_attendees)
        self.match_button.clicked.connect(page.match_attendees)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.type_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.match_button)
        buttons.addWidget(self.remove_button)

        self.table = AttendeeView()
        self.table.on_delete = page.remove_attendees
        self.table.setModel(self.model)
        setup_row_table(self.table, QAbstractItemView.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        size_from_sample(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.empty = muted_note(
            _("No attendees yet — add them from the people on record, type them in, or import a list.")
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)
        self._sized = False

    def show_training(self, training: Training | None) -> None:
        self.model.set_training(training)
        count = self.model.rowCount()
        self.stack.setCurrentWidget(self.table if count else self.empty)
        typed = sum(1 for r in range(count) if not self.model.trainee_at(r).person_id)
        walk_ins = sum(1 for r in range(count) if self.model.trainee_at(r).walk_in)
        parts = [ngettext("{n} attendee", "{n} attendees", count).format(n=count)]
        if typed:
            parts.append(ngettext("{n} typed in, not on record", "{n} typed in, not on record", typed).format(n=typed))
        if walk_ins:
            parts.append(ngettext("{n} walk-in", "{n} walk-ins", walk_ins).format(n=walk_ins))
        self.count_label.setText(" · ".join(parts))
        self.match_button.setEnabled(typed > 0)
        if count and not self._sized:
            self.table.resizeColumnsToContents()
            # The rows sized from are the first ones: the last row's number is the widest.
            last = self.table.sizeHintForIndex(self.model.index(count - 1, 0)).width() + self.table.showGrid()
            self.table.setColumnWidth(0, max(self.table.columnWidth(0), last))
            for column in range(len(ATTENDEE_HEADERS)):
                self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
            self._sized = True
        self._update_buttons()

    def selected(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [t for t in (self.model.trainee_at(r) for r in rows) if t is not None]

    def select_names(self, *names: str) -> None:
        self.table.clearSelection()
        for row in range(self.model.rowCount()):
            if self.model.trainee_at(row).name in names:
                self.table.selectionModel().select(
                    self.model.index(row, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows
                )

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.selected()))


class AttendanceTab(QWidget):
    """签到: the grid of attendees by sessions, edited by keys, and the summary line under it."""

    def __init__(self, page: TrainingPage):
        super().__init__()
        self.page = page
        self.model = AttendanceModel(self)
        self.view = AttendanceView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        size_from_sample(self.view)
        self.model.on_marks_changed = page.marks_changed
        self.model.on_reason_needed = page.ask_leave_reason
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.tick_off_button = QPushButton(
            themed_icon(self, "ok", QStyle.SP_DialogApplyButton), _("Sign-in on the day…")
        )
        self.tick_off_button.setToolTip(_("Tick people off as they arrive, by name, pinyin or initials (Ctrl+T)"))
        self.tick_off_button.clicked.connect(lambda: page.trigger(TICK_OFF))
        hint = QLabel(
            _(
                "Keys on a cell: P present · L late · E excused (asks the reason) · A absent · "
                "Delete clears. Unmarked counts as absent."
            )
        )
        hint.setEnabled(False)
        hint.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.tick_off_button, 0, Qt.AlignTop)
        self.read_button = QToolButton()
        self.read_button.setDefaultAction(page.actions_by_name[READ_SHEETS])
        self.read_button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.read_button.setPopupMode(QToolButton.MenuButtonPopup)
        head.addWidget(self.read_button, 0, Qt.AlignTop)
        self.empty = QLabel(
            _("No attendees yet: add them on the Attendees tab, or sign them in on the day as walk-ins.")
        )
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)
        layout.addWidget(hint)

    def show_training(self, training: Training | None) -> None:
        current = self.view.currentIndex()
        self.model.set_training(training)
        self.stack.setCurrentWidget(self.view if self.model.rowCount() else self.empty)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            width = self.view.columnWidth(column) + 16
            if self.model.is_session_column(column):
                width = max(width, self.fontMetrics().horizontalAdvance("请假：家中有事") + 16)
            self.view.setColumnWidth(column, min(width, 260))
        if current.isValid() and current.row() < self.model.rowCount() and current.column() < self.model.columnCount():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.update_summary()

    def update_summary(self) -> None:
        training = self.model.training
        if training is None:
            self.summary.clear()
            return
        result = summary(training)
        attended, excused, absent, late = result.attended, result.excused, result.absent, result.late
        sessions = len(result.sessions)
        if sessions <= 1:
            text = _(
                "Expected {expected} · attended {attended} (late {late}) · excused {excused} · absent {absent} "
                "· attendance {rate}"
            )
        else:
            text = _(
                "Expected {expected} people × {sessions} half days · attended {attended} (late {late}) · "
                "excused {excused} · absent {absent} (person-sessions) · attendance {rate}"
            )
        self.summary.setText(
            text.format(
                expected=result.expected,
                sessions=sessions,
                attended=attended,
                late=late,
                excused=excused,
                absent=absent,
                rate=format_percent(result.rate),
            )
        )
        self.summary.setToolTip(
            "\n".join(
                _("{session}: expected {expected}, attended {attended}, excused {excused}, absent {absent}").format(
                    session=s.session.label(),
                    expected=s.expected,
                    attended=s.attended,
                    excused=s.excused,
                    absent=s.absent,
                )
                for s in result.sessions
            )
        )


class TrainingPage(Page):
    """The list of the unit's trainings, and the selected one in tabs: facts, attendees, attendance."""

    supported = frozenset({NEW, EDIT, DELETE, IMPORT, PRINT, SEARCH})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.model = TrainingTableModel(context.unit_code, self)
        self.dialog = None  # the dialog currently open, if any (tests drive it)
        self.training: Training | None = None  # the selected training, freshly read
        self._keep_detail = False  # set while the list reloads: the same training keeps its tabs as they are
        self._build()
        self.refresh_years()
        self._update_state()

    # --- building -----------------------------------------------------------------

    def _build(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self.toolbar = page_toolbar()
        add_page_actions(
            self,
            self.toolbar,
            self.actions_by_name,
            (
                (NEW, _("New"), _("Create a training (Ctrl+N)"), "new", QStyle.SP_FileIcon),
                (
                    EDIT,
                    _("Edit"),
                    _("Edit the selected training (Ctrl+E, Enter or double-click)"),
                    "edit",
                    QStyle.SP_FileDialogDetailedView,
                ),
                (
                    DELETE,
                    _("Delete"),
                    _("Move the selected training to the recycle bin (Delete)"),
                    "delete",
                    QStyle.SP_TrashIcon,
                ),
                None,
                (
                    IMPORT,
                    _("Import attendees"),
                    _("Import the attendees of the selected training from Excel (Ctrl+I)"),
                    "import",
                    QStyle.SP_ArrowDown,
                ),
            ),
            self.trigger,
        )

        self.print_menu = QMenu(self)
        self.print_entries: dict[tuple[str, str], QAction] = {}
        for key, text, icon_name in (
            (SIGNIN_PDF, _("Sign-in sheets of the selected training (PDF)…"), "pdf"),
            (ATTENDANCE_PDF, _("Attendance summary of the selected training (PDF)…"), "pdf"),
            (ATTENDANCE_XLSX, _("Attendance summary of the selected training (Excel)…"), "excel"),
            (YEAR_PDF, _("Trainings of the year (PDF)…"), "pdf"),
            (YEAR_XLSX, _("Trainings of the year (Excel)…"), "excel"),
        ):
            entry = self.print_menu.addAction(themed_icon(self, icon_name, QStyle.SP_FileIcon), text)
            entry.triggered.connect(lambda _checked=False, k=key: self.print_form(*k))
            self.print_entries[key] = entry
        self.print_menu.aboutToShow.connect(self._update_print_menu)
        self.actions_by_name[PRINT] = add_menu_action(
            self,
            self.toolbar,
            themed_icon(self, "print", QStyle.SP_FileDialogListView),
            _("Print"),
            _(
                "Preview and print the sign-in sheets of the selected training (Ctrl+P); "
                "the arrow offers the attendance summary and the yearly table"
            ),
            self.print_menu,
            lambda: self.trigger(PRINT),
        )
        self.toolbar.addSeparator()
        self._add_action(
            TICK_OFF,
            _("Sign-in on the day"),
            _("Tick people off as they arrive, by name, pinyin or initials (Ctrl+T)"),
            "ok",
            QStyle.SP_DialogApplyButton,
        )
        # The main window owns the shared shortcuts; this one is the page's own.
        self.actions_by_name[TICK_OFF].setShortcut(QKeySequence("Ctrl+T"))
        # Reading signed sheets back sits on the sign-in tab, beside the sign-in on the day (the toolbar
        # has no room left at 1024 wide and the larger font).
        self.read_menu = QMenu(self)
        self.read_menu.addAction(_("Choose files…")).triggered.connect(lambda: self.read_sign_in_sheets())
        self.read_menu.addAction(_("Choose a folder…")).triggered.connect(lambda: self.read_sign_in_sheets(folder=True))
        read_sheets = QAction(themed_icon(self, "import", QStyle.SP_DialogOpenButton), _("Read sign-in sheets…"), self)
        read_sheets.setToolTip(
            _(
                "Read the signed sign-in sheets of the selected training from scans or phone photos "
                "(PDF, JPEG, PNG, TIFF) and confirm the attendance they show; the arrow offers a whole folder"
            )
        )
        read_sheets.setMenu(self.read_menu)
        read_sheets.triggered.connect(lambda _checked=False: self.trigger(READ_SHEETS))
        self.actions_by_name[READ_SHEETS] = read_sheets
        self.toolbar.addSeparator()
        self._add_action(
            RECYCLE_BIN,
            _("Recycle bin"),
            _("Show deleted trainings and restore them (Ctrl+Shift+R)"),
            "restore",
            QStyle.SP_BrowserReload,
        ).setShortcut(QKeySequence("Ctrl+Shift+R"))

        self.year_box = QComboBox()
        self.year_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.year_box.currentIndexChanged.connect(lambda _i: self._apply_filters())
        placeholder = _("Name, organiser or place")
        # Wide enough for its placeholder between the search icon and the clear button, with air.
        metrics = self.fontMetrics()
        width = max(200, metrics.horizontalAdvance(placeholder) + 2 * (metrics.height() + 12) + 16)
        self.search_box, self._search_timer = search_box(self, placeholder, width, max(260, width), self._apply_filters)

        self.unit_filter = UnitFilter(self.context.unit_code, self)
        self.unit_filter.unit_changed.connect(self._apply_unit)
        year_label = QLabel(_("Year"))
        year_label.setBuddy(self.year_box)
        # Apart from the unit filter before it, close to the years it names.
        year_label.setContentsMargins(metrics.horizontalAdvance("M"), 0, 2, 0)
        top = page_top_row(self.toolbar, self.unit_filter, year_label, self.year_box, self.search_box)

        self.table = QTableView()
        self.table.setHorizontalHeader(ListHeader(self.table))
        self.table.setModel(self.model)
        setup_row_table(self.table, QAbstractItemView.SingleSelection)
        # The indicator first: turning sorting on sorts by it (newest first, as the model starts).
        self.table.horizontalHeader().setSortIndicator(*self.model.sort_state())
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        # The other columns as wide as their words; the name takes all the room left (its whole text
        # is its tooltip). Cut, a name loses its middle: the year and the kind of training stay apart.
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("M") * 3)
        header.setStretchLastSection(False)
        self.table.setTextElideMode(Qt.ElideMiddle)
        self.table.activated.connect(lambda _index: self.trigger(EDIT))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        list_box, self.count_label = table_with_count(self.table)

        self.title = ScaledLabel("", factor=1.25)
        self.title.setWordWrap(True)
        self.facts = TrainingFacts()
        self.attendees = AttendeesTab(self)
        self.attendance = AttendanceTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.facts, _("Basics"))
        self.tabs.addTab(self.attendees, _("Trainees"))
        self.tabs.addTab(self.attendance, _("Sign-in"))
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 6, 0, 0)
        detail_layout.addWidget(self.title)
        detail_layout.addWidget(self.tabs, 1)
        self.no_selection = muted_note(_("Select a training to see its attendees and attendance."), wrap=False)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(detail)
        self.detail_stack.addWidget(self.no_selection)

        # The list gets LIST_ROWS rows to start with, the detail the rest; both grow alike with the window.
        rows = self.table.verticalHeader().defaultSectionSize() * LIST_ROWS
        list_height = rows + self.table.horizontalHeader().sizeHint().height() + self.fontMetrics().lineSpacing() * 2
        self.splitter = detail_splitter(Qt.Vertical, list_box, self.detail_stack, (1, 1), [list_height, list_height])

        self.empty_state = EmptyState(_("No trainings yet"), _("No trainings yet — New training (Ctrl+N)"))
        self.empty_state.add_button(_("New training"), self.actions_by_name[NEW].icon(), lambda: self.trigger(NEW))
        self.no_match = EmptyState(_("No training matches"), "")
        self.no_match.add_button(_("Show all trainings"), QIcon(), self.clear_filters)

        self.stack = ListStack(self.splitter, self.empty_state, self.no_match)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._sized_columns = False

    def _add_action(self, name: str, text: str, tip: str, icon_name: str, fallback) -> QAction:
        return add_page_action(
            self,
            self.toolbar,
            self.actions_by_name,
            name,
            themed_icon(self, icon_name, fallback),
            text,
            tip,
            self.trigger,
        )

    # --- state ------------------------------------------------------------------------

    def refresh_years(self) -> None:
        """All years, then every year with trainings, keeping the one chosen."""
        chosen = self.year_box.currentData()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItem(_("All years"), 0)
        for year in self.model.years():
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(max(self.year_box.findData(chosen) if chosen else 0, 0))
        self.year_box.blockSignals(False)

    def year(self) -> int | None:
        return self.year_box.currentData() or None

    def set_year(self, year: int | None) -> None:
        self.year_box.setCurrentIndex(max(self.year_box.findData(year or 0), 0))

    def current_training(self) -> Training | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.training_at(rows[0].row()) if rows else None

    def select_training(self, uuid: str) -> bool:
        return select_row(self.table, self.model.row_of(uuid))

    def names(self) -> list[str]:
        return [self.model.training_at(r).name for r in range(self.model.rowCount())]

    def _selection_changed(self) -> None:
        row_training = self.current_training()
        if row_training is None:
            self.training = None
        elif self.training is None or self.training.uuid != row_training.uuid or not self._keep_detail:
            self.training = find_training(row_training.uuid)
        else:
            return  # the same training after a list refresh: the tabs are up to date
        self.show_detail()

    def show_detail(self) -> None:
        training = self.training
        self.detail_stack.setCurrentIndex(0 if training is not None else 1)
        if training is not None:
            self.title.setText(training.name)
            self.facts.show_training(training)
        self.attendees.show_training(training)
        self.attendance.show_training(training)
        read_only = is_read_only(training)
        guard_actions(
            [self.actions_by_name[n] for n in (EDIT, DELETE, IMPORT, TICK_OFF, READ_SHEETS)],
            training is not None,
            read_only,
        )
        # Attendees and marks of a unit below's training are its own business too.
        for tab in (self.attendees, self.attendance):
            tab.setEnabled(not read_only)

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        keep = self.training.uuid if self.training else None
        self.model.set_filters(self.year(), self.search_box.text())
        self._update_state(keep)

    def _apply_unit(self, choice: str) -> None:
        self._search_timer.stop()
        self.model.set_unit_choice(choice)
        self.refresh_years()
        self._sized_columns = False  # the unit column comes or goes
        self._update_state()

    def clear_filters(self) -> None:
        set_text_quietly(self.search_box, "")
        self.set_year(None)
        self._apply_filters()

    def _update_state(self, keep: str | None = None) -> None:
        """Pick list, empty page or "no matches"; refresh the count; keep (or make) a selection."""
        shown = self.stack.show_for(self.model.rowCount() > 0, self.model.scope_has_records)
        if shown == "table" and not self._sized_columns:
            self._size_columns()
        elif shown == "no_match":
            self.no_match.text.setText(_("No training matches the year and words chosen."))
        total = self.model.total()
        self.count_label.setText(ngettext("{n} training", "{n} trainings", total).format(n=total))
        self.search_box.setEnabled(shown != "empty" or bool(self.search_box.text()))
        self._keep_detail = True
        try:
            if not (keep and self.select_training(keep)):
                if self.model.rowCount():
                    self.select_training(self.model.training_at(0).uuid)
                else:
                    self.table.clearSelection()
            self._selection_changed()
        finally:
            self._keep_detail = False

    def _size_columns(self) -> None:
        """The columns but the name's follow their contents (the header's resize modes); the unit column
        comes and goes with the unit chosen, so the modes are set again."""
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(
                column, QHeaderView.Stretch if column == NAME_COLUMN else QHeaderView.ResizeToContents
            )
        self._sized_columns = True

    def state(self) -> str:
        """ "table", "empty" or "no_match": what the page shows now."""
        return self.stack.state()

    def reload_list(self) -> None:
        """The list's numbers after attendees or marks changed; the tabs stay as they are."""
        self.model.reload()
        self._update_state(self.training.uuid if self.training else None)

    def reload_detail(self) -> None:
        if self.training is not None:
            self.training = find_training(self.training.uuid)
        self.show_detail()

    def marks_changed(self) -> None:
        self.attendance.update_summary()
        self.reload_list()

    # --- actions ------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.training.uuid if self.training else None
        self.unit_filter.refresh_units()
        self.refresh_years()
        self.model.reload()
        self.training = None
        self._update_state(keep)

    def trigger(self, action: str) -> None:
        handler = {
            NEW: self.new_training,
            EDIT: self.edit_training,
            DELETE: self.delete_training,
            IMPORT: self.import_attendees,
            PRINT: lambda: self.print_form(*SIGNIN_PDF),
            SEARCH: self.focus_search,
            TICK_OFF: self.open_tick_off,
            READ_SHEETS: self.read_sign_in_sheets,
            RECYCLE_BIN: self.open_recycle_bin,
        }.get(action)
        if handler is not None:
            handler()

    def focus_search(self) -> None:
        focus_search(self.search_box)

    def _need_training(self) -> Training | None:
        if self.training is None:
            messages.info(self, _("Select a training first."))
        elif is_read_only(self.training):
            messages.info(self, _(READ_ONLY_TIP))
            return None
        return self.training

    def new_training(self) -> None:
        from gui.training.training_dialog import TrainingDialog

        open_dialog(self, TrainingDialog(self.context, None, self), self._saved)

    def edit_training(self) -> None:
        if self.training is None or is_read_only(self.training):
            return
        from gui.training.training_dialog import TrainingDialog

        training = find_training(self.training.uuid)
        if training is None:
            self.refresh()  # gone meanwhile (restored lists, an import from below)
            return
        open_dialog(self, TrainingDialog(self.context, training, self), self._saved)

    def _saved(self, dialog) -> None:
        if dialog.training is not None and self.model.shows_units_below():
            self.unit_filter.set_choice(self.context.unit_code)  # what was saved is the own unit's
        self.refresh_years()
        self.model.reload()
        self.training = None
        saved = dialog.training
        self._update_state(saved.uuid if saved else None)
        if saved is not None and (self.training is None or self.training.uuid != saved.uuid):
            # Hidden by the filters: show everything so the user sees what was saved.
            self.clear_filters()
            self.select_training(saved.uuid)
        self.table.setFocus()

    def delete_training(self) -> None:
        training = self.training
        if training is None or is_read_only(training):
            return
        if not messages.confirm(
            self, _("Move the training “{name}” to the recycle bin?").format(name=training.name), title=_("Delete")
        ):
            return
        row = self.model.row_of(training.uuid)
        try:
            move_to_bin("trainings", [training.uuid], self.context.unit_code)
        except DeleteRefused as exc:
            messages.error(self, str(exc), title=_("Delete"))
            return
        self.refresh_years()
        self.model.reload()
        self.training = None
        neighbour = self.model.training_at(min(row, self.model.rowCount() - 1)) if self.model.rowCount() else None
        self._update_state(neighbour.uuid if neighbour else None)
        self.table.setFocus()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        show_recycle_bin(self, "trainings")

    # --- attendees --------------------------------------------------------------------------

    def _attendees_changed(self, *_args) -> None:
        self.reload_detail()
        self.reload_list()

    def _open_adding_dialog(self, dialog_name: str) -> None:
        """Open one of trainee_picker's dialogs that add attendees to the selected training as they go."""
        training = self._need_training()
        if training is None:
            return
        from gui.training import trainee_picker

        dialog = getattr(trainee_picker, dialog_name)(self.context, training, self)
        dialog.added.connect(self._attendees_changed)
        open_dialog(self, dialog, lambda _d: None)

    def add_from_people(self) -> None:
        self._open_adding_dialog("TraineePicker")

    def type_in_attendees(self) -> None:
        self._open_adding_dialog("TypeInDialog")

    def import_attendees(self) -> None:
        training = self._need_training()
        if training is None:
            return
        from gui.training.trainee_picker import TraineeImportDialog

        self.tabs.setCurrentIndex(ATTENDEES_TAB)
        dialog = TraineeImportDialog(self.context, training, self)
        open_dialog(self, dialog, self._attendees_changed)
        dialog.choose_file()

    def remove_attendees(self) -> None:
        chosen = self.attendees.selected()
        if not chosen or self.training is None:
            return
        if len(chosen) == 1:
            text = _("Take {name} off the list of this training? Her attendance marks go with her.").format(
                name=chosen[0].name
            )
        else:
            text = ngettext(
                "Take {n} attendee off the list of this training? Their attendance marks go with them.",
                "Take {n} attendees off the list of this training? Their attendance marks go with them.",
                len(chosen),
            ).format(n=len(chosen))
        if not messages.confirm(self, text, title=_("Remove")):
            return
        remove_trainees(self.training, [trainee.uuid for trainee in chosen])
        self._attendees_changed()

    def match_attendees(self) -> None:
        training = self._need_training()
        if training is None:
            return
        linked = match_typed_trainees(training)
        self._attendees_changed()
        if linked:
            messages.info(
                self,
                ngettext(
                    "{n} typed-in attendee is now linked to the person on record.",
                    "{n} typed-in attendees are now linked to the people on record.",
                    linked,
                ).format(n=linked),
            )
        else:
            messages.info(self, _("No typed-in attendee has exactly one person on record with the same name."))

    # --- attendance ----------------------------------------------------------------------------

    def ask_leave_reason(self, row: int, column: int) -> None:
        """请假 needs its reason: ask, then record the cell."""
        model = self.attendance.model
        trainee, session = model.trainees[row], model.session_at(column)
        found = model.attendance(row, column)
        dialog = LeaveReasonDialog(trainee.name, session.label(), found.reason if found else "", self)
        open_dialog(self, dialog, lambda d: model.set_status(row, column, "excused", d.text()))

    def open_tick_off(self) -> None:
        training = self._need_training()
        if training is None:
            return
        from gui.training.tick_off import TickOffDialog

        dialog = TickOffDialog(self.context, training, self)
        open_dialog(self, dialog, lambda _d: self._attendees_changed(), always=True)

    def read_sign_in_sheets(self, folder: bool = False) -> None:
        """Read scanned or photographed sign-in sheets in a worker, then confirm what they show."""
        training = self._need_training()
        if training is None:
            return
        from gui.paper import scans
        from gui.paper.signin_dialog import SignInReadDialog

        paths = scans.choose_folder(self) if folder else scans.choose_files(self)
        if not paths:
            return
        readings = scans.read_scans(self, paths)
        if readings is None:
            return
        self.tabs.setCurrentIndex(ATTENDANCE_TAB)
        open_dialog(self, SignInReadDialog(training, readings, self), lambda _d: self._attendees_changed())

    # --- printing ----------------------------------------------------------------------------

    def _update_print_menu(self) -> None:
        from forms.registry import FORMS

        for (form_name, suffix), entry in self.print_entries.items():
            spec = FORMS.get(form_name)
            per_training = form_name != YEAR_PDF[0]
            entry.setEnabled(
                spec is not None and suffix in spec.formats and (self.training is not None or not per_training)
            )

    def print_form(self, form_name: str, suffix: str) -> None:
        """Save one of this page's forms: the selected training's sheets, or the year's table."""
        from gui.printing.actions import form_options, print_or_save

        options = form_options(self, self.context, form_name, suffix)
        if options is None:
            return
        if form_name == YEAR_PDF[0]:
            options.year = self.year() or (self.training.start_date.year if self.training else None)
        else:
            if self._need_training() is None:
                return
            options.record_id = self.training.uuid
        print_or_save(self, self.context, form_name, suffix, options=options)
