"""妇女之家: the facility (基本情况) and the activity ledger (活动台账) with photos as evidence."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.fit import FlowLayout
from gui.common.page import DELETE, EDIT, NEW, NO_PHOTO, PRINT, SEARCH, Page
from gui.common.page_parts import (
    EmptyState,
    ListStack,
    add_menu_action,
    add_page_action,
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
from gui.common.unit_filter import ALL_BELOW, READ_ONLY_TIP, UnitFilter, guard_actions, is_read_only
from gui.context import AppContext
from gui.homes.activity_table import TITLE_COLUMN, ActivityTableModel, format_times, lock_icon, svg_icon
from gui.homes.photo_strip import PhotoStrip
from gui.people.page import RECYCLE_BIN
from gui.resources import ScaledLabel, icon
from models import photos, recycle_bin
from models.homes import (
    CATEGORY,
    DEMONSTRATION_LEVEL,
    FACILITY,
    FORM,
    Activity,
    Home,
    copy_as_template,
    home_of,
    live_activity,
)
from models.i18n import N_, _, format_date, format_number, join_list, ngettext
from models.listing import has_units_below

COPY = "copy"  # this page's own action: a new activity pre-filled from the selected one
FACILITY_TAB, LEDGER_TAB = 0, 1
MUTED_STYLE = "color: #52606D;"
COPY_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none"
 stroke="#3B4A5A" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
<rect x="8.5" y="8.5" width="12" height="12" rx="2"/>
<path d="M15.5 8.5V5.5a2 2 0 0 0-2-2h-8a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h3"/>
</svg>"""
NOTE_STYLE = "color: #8A5A00;"
# Why New is greyed while the ledger shows units below (translated where shown).
NEW_BELOW_TIP = N_(
    "Activities of the units below are recorded in their own ledgers and arrive with their packages; "
    "choose Own unit under Unit to record one of this unit's own."
)

# The printed forms this page offers: (form name, file suffix).
LEDGER_PDF, LEDGER_XLSX = ("ledger", "pdf"), ("ledger", "xlsx")
RECORD_SHEET = ("activity", "pdf")
STATS_PDF, STATS_XLSX = ("activity-stats", "pdf"), ("activity-stats", "xlsx")
HOME_SHEET = ("home", "pdf")


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _amount(value: float | None) -> str:
    return format_number(value) if value is not None else ""


def _section(text: str) -> QLabel:
    label = ScaledLabel(text, 1.1, True)
    label.setContentsMargins(0, 10, 0, 2)
    return label


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
    return label


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.DontWrapRows)
    form.setVerticalSpacing(6)
    form.setHorizontalSpacing(12)
    form.setContentsMargins(0, 0, 0, 0)
    return form


# --- 基本情况 ---------------------------------------------------------------------------------


class HomeView(QScrollArea):
    """Every attribute of the Women's Home, read-only, with its photos."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        body = QWidget()
        self.title = ScaledLabel("", 1.5, True)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet(MUTED_STYLE)
        self.read_only_note = QLabel(_(READ_ONLY_TIP))
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(NOTE_STYLE)
        self.read_only_note.hide()
        self.edit_button = QPushButton(icon("edit"), _("Edit…"))
        self.edit_button.setToolTip(_("Edit the facility details (Ctrl+E)"))
        self.print_button = QPushButton(icon("print"), _("Print…"))
        self.print_button.setToolTip(_("Preview and print the facility sheet (Ctrl+P)"))
        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        titles.addWidget(self.read_only_note)
        heading.addLayout(titles, 1)
        heading.addWidget(self.edit_button, 0, Qt.AlignTop)
        heading.addWidget(self.print_button, 0, Qt.AlignTop)

        self.values: dict[str, QLabel] = {}
        # One form per column, headings spanning it: the labels of a column line up.
        left, right = _form(), _form()
        for column, sections in (
            (
                left,
                (
                    (
                        _("The room"),
                        (
                            ("floor_area", _("Floor area")),
                            ("room", _("Room")),
                            ("plaque", _("Plaque")),
                            ("rules_on_wall", _("Rules on the wall")),
                            ("opening_hours", _("Opening hours")),
                        ),
                    ),
                    (_("Facilities"), (("facilities", ""),)),
                ),
            ),
            (
                right,
                (
                    (
                        _("People and funding"),
                        (
                            ("manager", _("Manager")),
                            ("volunteers", _("Volunteer team")),
                            ("annual_funding", _("Annual funding")),
                        ),
                    ),
                    (
                        _("Online Women's Home"),
                        (
                            ("online_group", _("Group")),
                            ("online_members", _("Group members")),
                            ("online_owner", _("Group owner")),
                        ),
                    ),
                    (_("Demonstration"), (("demonstrations", ""),)),
                ),
            ),
        ):
            for heading_text, rows in sections:
                column.addRow(_section(heading_text))
                for key, label in rows:
                    value = _value_label()
                    self.values[key] = value
                    if label:
                        column.addRow(QLabel(label), value)
                    else:
                        column.addRow(value)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        for form in (left, right):
            holder = QWidget()  # a widget per form: its wrapped rows get their full height
            holder.setLayout(form)
            columns.addWidget(holder, 1, Qt.AlignTop)

        self.notes = _value_label()
        self.notes_title = _section(_("Notes"))
        self.photos = PhotoStrip(editable=False)

        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addLayout(heading)
        layout.addLayout(columns)
        layout.addWidget(self.notes_title)
        layout.addWidget(self.notes)
        layout.addWidget(_section(_("Photos")))
        layout.addWidget(self.photos)
        layout.addStretch(1)
        self.setWidget(body)

    def show_home(self, home: Home) -> None:
        self.title.setText(home.name)
        self.subtitle.setText(home.address or _("No address given"))
        self.values["floor_area"].setText(
            _("{area} m²").format(area=format_number(home.floor_area)) if home.floor_area else "—"
        )
        if home.own_room:
            room = _("Own room")
        elif home.shared_with:
            room = _("Shared with {place}").format(place=home.shared_with)
        else:
            room = _("Shared room")
        self.values["room"].setText(room)
        self.values["plaque"].setText(
            _("Hung on {date}").format(date=format_date(home.plaque_date)) if home.plaque_date else _("Not hung yet")
        )
        self.values["rules_on_wall"].setText(_yes_no(home.rules_on_wall))
        self.values["opening_hours"].setText(home.opening_hours or "—")
        have = set(home.facility_codes)
        self.values["facilities"].setText(
            "<br>".join(
                ("✔ " if code in have else "<span style='color:#9AA5B1'>✘ ")
                + label
                + ("" if code in have else "</span>")
                for code, label in FACILITY.choices()
            )
        )
        self.values["facilities"].setTextFormat(Qt.RichText)
        manager = " ".join(part for part in (home.manager, home.manager_phone) if part)
        self.values["manager"].setText(manager or "—")
        self.values["volunteers"].setText(
            ngettext("{n} person", "{n} people", home.volunteers).format(n=home.volunteers) if home.volunteers else "—"
        )
        self.values["annual_funding"].setText(
            _("{amount} yuan").format(amount=_amount(home.annual_funding)) if home.annual_funding else "—"
        )
        self.values["online_group"].setText(home.online_group or "—")
        self.values["online_members"].setText(format_number(home.online_members) if home.online_members else "—")
        self.values["online_owner"].setText(home.online_owner or "—")
        years = list(home.demonstrations())
        self.values["demonstrations"].setText(
            "\n".join(_("{year}: {level}").format(year=d.year, level=DEMONSTRATION_LEVEL.label(d.level)) for d in years)
            or _("Not named a demonstration Home yet.")
        )
        self.notes.setText(home.notes)
        self.notes.setVisible(bool(home.notes))
        self.notes_title.setVisible(bool(home.notes))
        self.photos.set_digests(photos.photo_digests(home.uuid))


# --- 活动台账 -----------------------------------------------------------------------------------


class ActivityDetail(QScrollArea):
    """Everything about the selected activity, its named participants and its photos (under the table)."""

    PHOTO_SIZE = 96

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.activity: Activity | None = None
        body = QWidget()
        self.placeholder = muted_note(_("Select an activity to see the details."))
        self.title = ScaledLabel("", 1.25, True)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet(MUTED_STYLE)
        self.sensitive_note = QLabel()
        self.sensitive_note.setWordWrap(True)
        self.sensitive_note.setStyleSheet(NOTE_STYLE)
        lock = QLabel()
        size = self.fontMetrics().height()
        lock.setPixmap(lock_icon().pixmap(size, size))
        self.sensitive_row = QWidget()
        row = QHBoxLayout(self.sensitive_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(lock, 0, Qt.AlignTop)
        row.addWidget(self.sensitive_note, 1)
        self.forms = (_form(), _form())
        self.values: dict[str, QLabel] = {}
        for form, rows in zip(
            self.forms,
            (
                (
                    ("category", _("Category")),
                    ("form", _("Form")),
                    ("organiser", _("Organiser / co-organiser")),
                    ("counts", _("Participants")),
                    ("leader", _("Leader or speaker")),
                    ("recorder", _("Recorder")),
                ),
                (("summary", _("Summary")), ("results", _("Results")), ("participants", _("Named participants"))),
            ),
        ):
            for key, label in rows:
                value = _value_label()
                self.values[key] = value
                form.addRow(QLabel(label), value)
        self.photos_title = QLabel(_("Photos"))
        self.photos = PhotoStrip(editable=False, thumb_size=self.PHOTO_SIZE)
        self.photos.setMinimumWidth(3 * (self.PHOTO_SIZE + 10) + 8)
        photo_column = QVBoxLayout()
        photo_column.setSpacing(4)
        photo_column.addWidget(self.photos_title)
        photo_column.addWidget(self.photos)
        photo_column.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(20)
        columns.setContentsMargins(0, 0, 0, 0)
        for form, stretch in zip(self.forms, (4, 5)):
            holder = QWidget()  # a widget per form: QFormLayout's wrapped rows get their height this way
            holder.setLayout(form)
            form.setContentsMargins(0, 0, 0, 0)
            columns.addWidget(holder, stretch, Qt.AlignTop)
        columns.addLayout(photo_column, 0)
        self.columns = QWidget()
        self.columns.setLayout(columns)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        heading = QHBoxLayout()
        heading.setSpacing(12)
        heading.addWidget(self.title, 0, Qt.AlignBaseline)
        heading.addWidget(self.subtitle, 1, Qt.AlignBaseline)
        layout.addWidget(self.placeholder)
        layout.addLayout(heading)
        layout.addWidget(self.sensitive_row)
        layout.addSpacing(4)
        layout.addWidget(self.columns)
        layout.addStretch(1)
        self.setWidget(body)
        self.show_activity(None)

    def show_activity(self, activity: Activity | None) -> None:
        self.activity = activity
        shown = activity is not None
        self.placeholder.setVisible(not shown)
        for widget in (self.title, self.subtitle, self.columns):
            widget.setVisible(shown)
        self.sensitive_row.setVisible(shown and activity.sensitive)
        if not shown:
            self.photos.set_digests([])
            return
        self.title.setText(activity.shown_title)
        when = " ".join(part for part in (format_date(activity.date), format_times(activity)) if part)
        self.subtitle.setText(" · ".join(part for part in (when, activity.place) if part))
        self.sensitive_note.setText(
            _("Sensitive: participants' names and the photos stay out of printed ledgers and exported files.")
        )
        counts = [
            text.format(n=n)
            for text, n in (
                (ngettext("{n} woman", "{n} women", activity.women), activity.women),
                (ngettext("{n} child", "{n} children", activity.children), activity.children),
                (ngettext("{n} other", "{n} others", activity.others), activity.others),
            )
            if n
        ]
        total = activity.participants_total
        texts = {
            "category": CATEGORY.label(activity.category),
            "form": FORM.label(activity.form),
            "organiser": " / ".join(part for part in (activity.organiser, activity.co_organiser) if part),
            "counts": _("{total} in all: {parts}").format(total=total, parts=join_list(counts)) if counts else "0",
            "leader": activity.leader,
            "recorder": activity.recorder,
            "summary": activity.summary,
            "results": activity.results,
            "participants": join_list(p.name for p in activity.participants()),
        }
        for key, text in texts.items():
            self.values[key].setText(text or "—")
        self.photos.set_digests(photos.photo_digests(activity.uuid))


COLUMN_ROOM = 8  # px beyond a column's widest text
GIVE_WAY = ("title", "category", "form", "place", "leader", "unit")  # the ledger's columns cut first when narrow


def _water_level(widths: list[int], floors: list[int], room: int) -> int:
    """The largest cap such that the widths, each capped (but not below its floor), fit ``room``."""
    low, high = 0, max(widths, default=0)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(f, min(w, cap)) for w, f in zip(widths, floors)) <= room:
            low = cap
        else:
            high = cap - 1
    return low


class LedgerView(QWidget):
    """The ledger tab: toolbar, filters, the table and the detail pane (or an empty state)."""

    def __init__(self, page: HomesPage):
        super().__init__(page)
        self.page = page
        self.model = ActivityTableModel(page.context.unit_code, self)
        self.actions_by_name: dict[str, QAction] = {}

        self.toolbar = page_toolbar()
        for name, text, tip, icon_name, fallback in (
            (NEW, _("New"), _("Record a new activity (Ctrl+N)"), "new", QStyle.SP_FileIcon),
            (
                COPY,
                _("Copy as new"),
                _("A new activity pre-filled from the selected one, for a recurring activity (Ctrl+D)"),
                "",
                None,
            ),
            (
                EDIT,
                _("Edit"),
                _("Edit the selected activity (Ctrl+E, Enter or double-click)"),
                "edit",
                QStyle.SP_FileDialogDetailedView,
            ),
            (DELETE, _("Delete"), _("Delete the selected activity (Delete)"), "delete", QStyle.SP_TrashIcon),
        ):
            add_page_action(
                self,
                self.toolbar,
                self.actions_by_name,
                name,
                themed_icon(self, icon_name, fallback) if icon_name else svg_icon(COPY_SVG),
                text,
                tip,
                page.trigger,
            )
        self.actions_by_name[COPY].setShortcut(QKeySequence("Ctrl+D"))
        self.toolbar.addSeparator()

        self.print_menu = QMenu(self)
        self.print_entries: dict[tuple[str, str], QAction] = {}
        for key, text in (
            (LEDGER_PDF, _("Activity ledger as PDF…")),
            (LEDGER_XLSX, _("Activity ledger as Excel…")),
            (RECORD_SHEET, _("Record sheet of the selected activity (PDF)…")),
            (STATS_PDF, _("Activity statistics as PDF…")),
            (STATS_XLSX, _("Activity statistics as Excel…")),
        ):
            entry = self.print_menu.addAction(icon("excel" if key[1] == "xlsx" else "pdf"), text)
            entry.triggered.connect(lambda _checked=False, k=key: page.print_form(*k))
            self.print_entries[key] = entry
        self.actions_by_name[PRINT] = add_menu_action(
            self,
            self.toolbar,
            themed_icon(self, "print", QStyle.SP_FileDialogListView),
            _("Print"),
            _(
                "Preview and print the ledger of the year chosen (else the latest) "
                "(Ctrl+P); the arrow offers Excel, the record sheet and the statistics"
            ),
            self.print_menu,
            lambda: page.trigger(PRINT),
        )
        self.toolbar.addSeparator()
        recycle = add_page_action(
            self,
            self.toolbar,
            self.actions_by_name,
            RECYCLE_BIN,
            themed_icon(self, "restore", QStyle.SP_BrowserReload),
            _("Recycle bin"),
            _("Show deleted activities and restore them (Ctrl+Shift+R)"),
            page.trigger,
        )
        recycle.setShortcut(QKeySequence("Ctrl+Shift+R"))  # this page's own, like Ctrl+D

        # --- filters
        self.year_box = QComboBox()
        self.month_box = QComboBox()
        self.month_box.addItem(_("All months"), 0)
        for month in range(1, 13):
            self.month_box.addItem(_("Month {month}").format(month=month), month)
        self.category_box = QComboBox()
        self.category_box.addItem(_("All categories"), "")
        for code, label in CATEGORY.choices():
            self.category_box.addItem(label, code)
        self.category_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for combo in (self.year_box, self.month_box, self.category_box):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.no_photo_box = QCheckBox(_("Without photos only"))
        self.no_photo_box.toggled.connect(lambda _on: self.apply_filters())
        self.search_box, self._search_timer = search_box(
            self, _("Search name, place, leader, summary"), 220, 300, self.apply_filters
        )

        top = page_top_row(self.toolbar, self.search_box)
        self.unit_filter = UnitFilter(page.context.unit_code, self)
        self.unit_filter.unit_changed.connect(self.apply_unit)
        # Each caption with its box; on a narrow window the pairs go on to a second line.
        filters = FlowLayout()
        filters.setContentsMargins(4, 0, 0, 0)

        def pair(label: str, box: QWidget) -> QWidget:
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(label)
            caption.setBuddy(box)
            row.addWidget(caption)
            row.addWidget(box)
            return holder

        for label, combo in (
            (_("Year"), self.year_box),
            (_("Month"), self.month_box),
            (_("Category"), self.category_box),
        ):
            filters.addWidget(pair(label, combo))
        filters.addWidget(self.no_photo_box)
        if not self.unit_filter.isHidden():
            filters.addWidget(pair(_("Unit"), self.unit_filter))
        self.filters_row = QWidget()
        self.filters_row.setLayout(filters)
        policy = self.filters_row.sizePolicy()
        policy.setHeightForWidth(True)
        self.filters_row.setSizePolicy(policy)

        # --- table and detail
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_row_table(self.table, QAbstractItemView.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.DescendingOrder)
        self.table.setIconSize(QSize(14, 14))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)  # no blank strip at the right
        header.setSectionResizeMode(QHeaderView.Interactive)
        self._fitting, self._user_sized, self._fitted_width = False, False, -1
        header.sectionResized.connect(lambda *_a: self._column_resized())
        self.table.activated.connect(lambda _index: page.trigger(EDIT))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        table_box, self.count_label = table_with_count(self.table)
        self.detail = ActivityDetail()
        # The detail goes under the table: nine columns need the whole width, photos a wide strip.
        self.splitter = detail_splitter(Qt.Vertical, table_box, self.detail, (3, 2), [380, 270])
        self._detail_height = 0  # the detail's height the user chose by dragging, 0 for two fifths
        self.splitter.splitterMoved.connect(lambda *_a: self._splitter_moved())

        self.empty_state = EmptyState(
            _("No activities yet"),
            _(
                "No activities recorded yet — record one with New activity (Ctrl+N), with its photos as evidence "
                "for the inspectors."
            ),
        )
        self.new_button = self.empty_state.add_button(
            _("New activity"), self.actions_by_name[NEW].icon(), lambda: page.trigger(NEW)
        )
        self.no_match = EmptyState(_("No activity matches"), "")
        self.no_match.add_button(_("Show all activities"), QIcon(), self.clear_filters)

        self.stack = ListStack(self.splitter, self.empty_state, self.no_match)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.filters_row)
        layout.addWidget(self.stack, 1)
        self._sized_columns = False
        if has_units_below(page.context.unit_code):
            # Above a village the ledgers kept are the units' below: open on them, not on the own unit.
            self.unit_filter.blockSignals(True)
            self.unit_filter.set_choice(ALL_BELOW)
            self.unit_filter.blockSignals(False)
            self.model.set_unit_choice(ALL_BELOW)
        self.refresh_years()
        self.month_box.setEnabled(False)  # "all years" at first: a month means nothing without its year
        self.update_state()

    # --- filters ----------------------------------------------------------------------

    def refresh_years(self) -> None:
        """The year choices: every year with activities (and this year), keeping the one chosen."""
        chosen = self.year_box.currentData()
        years = self.model.year_choices()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItem(_("All years"), 0)
        for year in years:
            self.year_box.addItem(str(year), year)
        index = self.year_box.findData(chosen) if chosen is not None else 0
        self.year_box.setCurrentIndex(max(index, 0))
        self.year_box.blockSignals(False)

    def year(self) -> int | None:
        return self.year_box.currentData() or None

    def apply_unit(self, choice: str) -> None:
        self.model.set_unit_choice(choice)
        self.refresh_years()
        self._sized_columns = False  # the unit column comes or goes
        self.update_state()
        self.page.unit_changed()

    def shows_units_below(self) -> bool:
        """Whether the ledger shows the records of units below (read-only), not the own unit's."""
        return self.model.shows_units_below()

    def _show_empty_text(self) -> None:
        """The empty ledger says what to do: record an activity, or (units below) import their packages."""
        choice = self.model.unit_choice
        below = self.shows_units_below()
        self.new_button.setVisible(not below)
        if choice == ALL_BELOW:
            self.empty_state.title.setText(_("No activities from the units below yet"))
            self.empty_state.text.setText(
                _(
                    "The activity ledgers of the units below arrive with their packages: "
                    "import their packages on the page {page}."
                ).format(page=_("Reporting"))
            )
        elif below:
            unit = self.unit_filter.currentText().strip("\u3000 ")
            self.empty_state.title.setText(_("No activities from {unit} yet").format(unit=unit))
            self.empty_state.text.setText(
                _("{unit} has sent no activities yet: import its packages on the page {page}.").format(
                    unit=unit, page=_("Reporting")
                )
            )
        elif not self.unit_filter.isHidden():
            self.empty_state.title.setText(_("No activities of this unit's own yet"))
            self.empty_state.text.setText(
                _(
                    "Activities this federation holds itself are recorded here with New activity (Ctrl+N); "
                    "those of the units below are shown with All units below under Unit."
                )
            )
        else:
            self.empty_state.title.setText(_("No activities yet"))
            self.empty_state.text.setText(
                _(
                    "No activities recorded yet — record one with New activity (Ctrl+N), with its photos as "
                    "evidence for the inspectors."
                )
            )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        year = self.year()
        # A month means nothing without its year.
        self.month_box.setEnabled(year is not None)
        self.model.set_filters(
            year,
            self.month_box.currentData() if year else None,
            self.category_box.currentData() or None,
            self.search_box.text(),
            self.no_photo_box.isChecked(),
        )
        self.update_state()

    def set_filters(
        self,
        year: int | None = None,
        month: int | None = None,
        category: str | None = None,
        text: str = "",
        no_photo: bool = False,
    ) -> None:
        """Choose the filters as the user would (tests and other pages use it)."""
        for combo, value in (
            (self.year_box, year or 0),
            (self.month_box, month or 0),
            (self.category_box, category or ""),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.no_photo_box.blockSignals(True)
        self.no_photo_box.setChecked(no_photo)
        self.no_photo_box.blockSignals(False)
        set_text_quietly(self.search_box, text)
        self.apply_filters()

    def clear_filters(self) -> None:
        self.set_filters()
        self.table.setFocus()

    # --- state ------------------------------------------------------------------------

    def current_activity(self) -> Activity | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.activity_at(rows[0].row()) if rows else None

    def select_activity(self, uuid: str) -> bool:
        return select_row(self.table, self.model.row_of(uuid))

    def _selection_changed(self) -> None:
        activity = self.current_activity()
        chosen_before = self.detail.activity is not None
        self.detail.show_activity(activity)
        if chosen_before != (activity is not None):
            self._fit_detail()
        guard_actions(
            [self.actions_by_name[n] for n in (COPY, EDIT, DELETE)], activity is not None, is_read_only(activity)
        )
        new = self.actions_by_name[NEW]
        if new.property("editable_tip") is None:
            new.setProperty("editable_tip", new.toolTip())
        below = self.shows_units_below()
        new.setEnabled(not below)
        new.setToolTip(_(NEW_BELOW_TIP) if below else new.property("editable_tip"))
        self.print_entries[RECORD_SHEET].setEnabled(activity is not None)

    def update_state(self) -> None:
        """Pick table, empty page or "no matches", and refresh counts and buttons."""
        shown = self.stack.show_for(self.model.rowCount() > 0, self.model.scope_has_records)
        if shown == "table" and not self._sized_columns:
            self._size_columns()
        elif shown == "no_match":
            self.no_match.text.setText(_("No activity matches the year, month, category or words chosen."))
        if shown == "empty":
            self._show_empty_text()
        total = self.model.total()
        if self.model.filters().any():
            self.count_label.setText(ngettext("{n} activity matches", "{n} activities match", total).format(n=total))
        else:
            self.count_label.setText(ngettext("{n} activity", "{n} activities", total).format(n=total))
        has_any = shown != "empty"
        # A county's own ledger may be empty while the units below have theirs.
        self.filters_row.setVisible(has_any or not self.unit_filter.isHidden())
        self.search_box.setEnabled(has_any or bool(self.search_box.text()))
        for key in (LEDGER_PDF, LEDGER_XLSX, STATS_PDF, STATS_XLSX):
            self.print_entries[key].setEnabled(has_any)
        self.actions_by_name[PRINT].setEnabled(has_any)
        self._selection_changed()

    def _size_columns(self) -> None:
        """Fit the columns to the first rows; when they do not all fit the table's width, the long texts
        (title, category, form, place, leader) give way, cut with '…' (the whole text in the tooltip), each
        to no narrower than its header. Done again as the table's width changes, until the user resizes one."""
        self._fitting = True
        try:
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
            wanted = {c: self.table.columnWidth(c) + COLUMN_ROOM for c in shown}
            wanted[TITLE_COLUMN] = min(wanted[TITLE_COLUMN], 2 * header.fontMetrics().horizontalAdvance("M" * 10))
            room = self.table.viewport().width()
            if self.table.isVisible() and room > 0 and sum(wanted.values()) > room:
                shrinkable = [c for c in shown if self.model.columns[c].sort in GIVE_WAY] if shown else []
                floors = {c: min(wanted[c], header.sectionSizeHint(c)) for c in shrinkable}
                # A title keeps a few words at least.
                floors[TITLE_COLUMN] = min(wanted[TITLE_COLUMN], header.fontMetrics().horizontalAdvance("国" * 7))
                fixed = sum(w for c, w in wanted.items() if c not in floors)
                cap = _water_level([wanted[c] for c in shrinkable], [floors[c] for c in shrinkable], room - fixed)
                for c in shrinkable:
                    wanted[c] = max(floors[c], min(wanted[c], cap))
            for column, width in wanted.items():
                self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False
        self._sized_columns = True
        self._fitted_width = self.table.viewport().width() if self.table.isVisible() else -1

    def _column_resized(self) -> None:
        # A drag by the user (the stretched last column also resizes as the table does: not a choice).
        if not self._fitting and QApplication.mouseButtons() & Qt.LeftButton:
            self._user_sized = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._sized_columns and not self._user_sized and self.table.isVisible():
            if self.table.viewport().width() != self._fitted_width:
                self._size_columns()
        self._fit_detail()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._sized_columns and not self._user_sized and self._fitted_width != self.table.viewport().width():
            self._size_columns()
        self._fit_detail()

    def _fit_detail(self) -> None:
        """With no activity chosen the detail is one line, the table taking the height; with one chosen the
        detail gets back the share it had (two fifths at first, or where the user dragged it)."""
        if not self.splitter.isVisible():
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        if self.detail.activity is None:
            small = self.detail.placeholder.sizeHint().height() + 24
            self.splitter.setSizes([total - small, small])
        else:
            detail = self._detail_height or total * 2 // 5
            self.splitter.setSizes([total - detail, detail])

    def _splitter_moved(self) -> None:
        if self.detail.activity is not None:
            self._detail_height = self.splitter.sizes()[1]

    def state(self) -> str:
        """ "table", "empty" or "no_match": what the ledger shows now."""
        return self.stack.state()

    def reload(self, keep: str | None = None) -> None:
        self.unit_filter.refresh_units()
        self.refresh_years()
        self.model.reload()
        self.update_state()
        if keep:
            self.select_activity(keep)


class HomesPage(Page):
    """The Women's Home: its facility, and the ledger of its activities."""

    supported = frozenset({NEW, EDIT, DELETE, PRINT, SEARCH, NO_PHOTO})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.dialog = None  # the dialog currently open, if any (tests drive it)

        self.home_view = HomeView()
        self.home_view.edit_button.clicked.connect(self.edit_home)
        self.home_view.print_button.clicked.connect(lambda: self.print_form(*HOME_SHEET))
        self.home_empty = EmptyState(
            _("No Women's Home described yet"),
            _(
                "The Women's Home has not been described yet — fill in its room, equipment, manager, "
                "demonstration years and photos."
            ),
        )
        self.fill_in_button = self.home_empty.add_button(_("Fill in…"), icon("edit"), self.edit_home)
        self.facility = QStackedWidget()
        self.facility.addWidget(self.home_view)
        self.facility.addWidget(self.home_empty)

        self.ledger = LedgerView(self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.facility, icon("homes"), _("Facility"))
        self.tabs.addTab(self.ledger, icon("reports"), _("Activity ledger"))
        self.tabs.setCurrentIndex(LEDGER_TAB)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.refresh_home()

    # --- the facility ----------------------------------------------------------------------

    def facility_unit(self) -> str | None:
        """Whose Women's Home the facility tab shows: a village's own; above a village, only the one unit
        below chosen in the ledger's unit filter (read-only), never the own unit's (Homes are the villages')."""
        if not has_units_below(self.context.unit_code):
            return self.context.unit_code
        choice = self.ledger.model.unit_choice
        return None if choice in (ALL_BELOW, self.context.unit_code) else choice

    def home(self) -> Home | None:
        unit = self.facility_unit()
        return home_of(unit) if unit else None

    def facility_read_only(self) -> bool:
        """Whether the facility shown belongs to a unit below (viewed here, filled in at that unit)."""
        return self.facility_unit() != self.context.unit_code

    def refresh_home(self) -> None:
        unit = self.facility_unit()
        self.tabs.setTabVisible(FACILITY_TAB, unit is not None)
        if unit is None:
            self.tabs.setCurrentIndex(LEDGER_TAB)
            return
        read_only = self.facility_read_only()
        self.home_view.edit_button.setVisible(not read_only)
        self.home_view.read_only_note.setVisible(read_only)
        self.fill_in_button.setVisible(not read_only)
        if read_only:
            name = self.ledger.unit_filter.currentText().strip("\u3000 ")
            self.home_empty.title.setText(_("No Women's Home of {unit} yet").format(unit=name))
            self.home_empty.text.setText(
                _(
                    "{unit} has not described its Women's Home yet, or its package has not been imported: "
                    "it is filled in at {unit} and arrives with its package."
                ).format(unit=name)
            )
        else:
            self.home_empty.title.setText(_("No Women's Home described yet"))
            self.home_empty.text.setText(
                _(
                    "The Women's Home has not been described yet — fill in its room, equipment, manager, "
                    "demonstration years and photos."
                )
            )
        home = home_of(unit)
        if home is None:
            self.facility.setCurrentWidget(self.home_empty)
        else:
            self.home_view.show_home(home)
            self.facility.setCurrentWidget(self.home_view)

    def unit_changed(self) -> None:
        """The ledger's unit filter changed: the facility tab follows (or goes, for the own unit or all below)."""
        self.refresh_home()

    def facility_state(self) -> str:
        """ "home" or "empty": what the facility tab shows now."""
        return "home" if self.facility.currentWidget() is self.home_view else "empty"

    def edit_home(self) -> None:
        from gui.homes.home_dialog import HomeDialog

        if self.facility_unit() is None or self.facility_read_only():
            return  # a unit below fills in its own Home; above a village there is none of the own unit's
        self.tabs.setCurrentIndex(FACILITY_TAB)
        open_dialog(self, HomeDialog(self.context, self.home(), self), lambda _d: self.refresh_home())

    # --- activities ------------------------------------------------------------------------

    def current_activity(self) -> Activity | None:
        return self.ledger.current_activity()

    def new_activity(self, template=None) -> None:
        from gui.homes.activity_dialog import ActivityDialog

        if self.ledger.shows_units_below():
            messages.info(self, _(NEW_BELOW_TIP))
            return
        self.tabs.setCurrentIndex(LEDGER_TAB)
        open_dialog(self, ActivityDialog(self.context, None, self, template=template), self._saved)

    def copy_activity(self) -> None:
        activity = self.current_activity()
        if activity is not None and not is_read_only(activity):
            self.new_activity(copy_as_template(activity))

    def edit_activity(self) -> None:
        activity = self.current_activity()
        if activity is None or is_read_only(activity):
            return
        # Read again: the table's row carries computed columns and may be older than the record.
        activity = live_activity(activity.uuid)
        if activity is None:
            self.ledger.reload()
            return
        from gui.homes.activity_dialog import ActivityDialog

        open_dialog(self, ActivityDialog(self.context, activity, self), self._saved)

    def _saved(self, dialog) -> None:
        uuid = dialog.activity.uuid
        if self.ledger.model.shows_units_below():
            self.ledger.unit_filter.set_choice(self.context.unit_code)  # what was saved is the own unit's
        self.ledger.reload()
        if not self.ledger.select_activity(uuid):
            # Saved outside the filters: show everything so the user sees what was saved.
            self.ledger.set_filters()
            self.ledger.select_activity(uuid)
        self.ledger.table.setFocus()

    def delete_activity(self) -> None:
        activity = self.current_activity()
        if activity is None or is_read_only(activity):
            return
        text = _("Delete the activity “{title}” of {date}? Its photos stay in the database.").format(
            title=activity.shown_title, date=format_date(activity.date)
        )
        if not messages.confirm(self, text, title=_("Delete")):
            return
        row = self.ledger.model.row_of(activity.uuid)
        try:
            recycle_bin.move_to_bin("activities", [activity.uuid], self.context.unit_code)
        except recycle_bin.DeleteRefused as refused:
            messages.error(self, str(refused), title=_("Delete"))
            return
        self.ledger.reload()
        # Keep the cursor where it was so that Delete can be pressed again.
        count = self.ledger.model.rowCount()
        if count:
            select_row(self.ledger.table, min(row, count - 1))
        self.ledger.table.setFocus()

    # --- printing ----------------------------------------------------------------------------

    def print_form(self, form_name: str, suffix: str) -> None:
        """Save one of this page's forms; the ledger follows the year chosen in the filters."""
        from gui.printing.actions import form_options, print_or_save

        options = form_options(self, self.context, form_name, suffix)
        if options is None:
            return
        if form_name == RECORD_SHEET[0]:
            activity = self.current_activity()
            if activity is None:
                messages.info(self, _("Select the activity whose record sheet you want first."))
                return
            options.record_id = activity.uuid
            options.unit_code = activity.unit  # an activity of a unit below prints under its unit's name
        elif form_name == HOME_SHEET[0]:
            unit = self.facility_unit()
            if unit is None:
                return
            options.unit_code = unit  # a unit below's Home, read-only, prints as well
        else:
            choice = self.ledger.model.unit_choice
            if choice == ALL_BELOW:
                messages.info(self, _("Choose one unit under Unit to print its activity ledger or statistics."))
                return
            options.unit_code = choice  # the own unit's, or the one unit below chosen
            # The year chosen in the ledger; "all years" lets the form take the latest.
            options.year = self.ledger.year()
        print_or_save(self, self.context, form_name, suffix, options=options)

    # --- page actions ------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.current_activity()
        self.refresh_home()
        self.ledger.reload(keep.uuid if keep else None)

    def trigger(self, action: str) -> None:
        on_facility = self.tabs.currentIndex() == FACILITY_TAB and self.tabs.isTabVisible(FACILITY_TAB)
        handler = {
            NEW: self.new_activity,
            COPY: self.copy_activity,
            EDIT: self.edit_home if on_facility else self.edit_activity,
            DELETE: None if on_facility else self.delete_activity,
            PRINT: (lambda: self.print_form(*HOME_SHEET)) if on_facility else (lambda: self.print_form(*LEDGER_PDF)),
            SEARCH: self.focus_search,
            RECYCLE_BIN: self.open_recycle_bin,
            NO_PHOTO: self.show_missing_photos,
        }.get(action)
        if handler is not None:
            handler()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        self.tabs.setCurrentIndex(LEDGER_TAB)
        show_recycle_bin(self, "activities")

    def show_missing_photos(self) -> None:
        """This year's activities without a photo, as the overview counts them."""
        self.tabs.setCurrentIndex(LEDGER_TAB)
        self.ledger.set_filters(year=_dt.date.today().year, no_photo=True)
        self.ledger.table.setFocus()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(LEDGER_TAB)
        focus_search(self.ledger.search_box)
