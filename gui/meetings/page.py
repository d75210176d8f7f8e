"""会议与计划: the committee's meetings (list and detail) and the year's plan and summary, in two tabs."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QStyle,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.page import DELETE, EDIT, NEW, PRINT, SEARCH, Page
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
from gui.common.unit_filter import UnitFilter, guard_actions, is_read_only
from gui.context import AppContext
from gui.meetings.meeting_table import TOPICS_COLUMN, MeetingTableModel
from gui.meetings.year_document_tab import YearDocumentTab
from gui.people.page import RECYCLE_BIN
from models import meetings
from models.i18n import _, format_date, in_brackets, join_list, ngettext
from models.recycle_bin import DeleteRefused, move_to_bin

MEETINGS_TAB, DOCUMENTS_TAB = range(2)
ONE_MINUTES, YEAR_MINUTES = "one", "year"


def meeting_html(meeting: meetings.Meeting) -> str:
    """The selected meeting as the detail pane shows it: facts, who came, the texts, what it decided."""
    listed = meetings.attendees(meeting)
    present = [a.name for a in listed if a.present]
    absent = [a.name + in_brackets(a.absence_reason) for a in listed if not a.present]
    decided = meetings.describe_links([(link.kind, link.record_uuid) for link in meetings.links(meeting)])

    def block(text: str) -> str:
        return escape(text).replace("\n", "<br>") if text.strip() else f"<i>{escape(_('(not recorded)'))}</i>"

    facts = [
        (_("Kind"), meetings.KIND.label(meeting.kind)),
        (_("Place"), meeting.place or "—"),
        (_("Chaired by"), meeting.chair or "—"),
        (_("Minutes taken by"), meeting.minutes_taker or "—"),
        (_("Attended by"), f"{join_list(present)}" + in_brackets(str(len(present)))),
        (_("Absent, and why"), join_list(absent) if absent else _("None")),
    ]
    rows = "".join(f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in facts)
    parts = [
        f"<h3>{escape(format_date(meeting.date))}</h3><table>{rows}</table>",
        f"<h4>{escape(_('Topics'))}</h4><p>{block(meeting.topics)}</p>",
        f"<h4>{escape(_('Minutes'))}</h4><p>{block(meeting.minutes)}</p>",
        f"<h4>{escape(_('Decisions'))}</h4><p>{block(meeting.decisions)}</p>",
    ]
    if decided:
        items = "".join(
            f"<li>{escape(meetings.LINK_KIND.label(item.kind))}：{escape(item.text)}</li>" for item in decided
        )
        parts.append(f"<h4>{escape(_('What the meeting decided'))}</h4><ul>{items}</ul>")
    return "".join(parts)


class MeetingsPage(Page):
    """The meetings of the committee with the selected one's record; the year's plan and summary."""

    supported = frozenset({NEW, EDIT, DELETE, PRINT, SEARCH})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.model = MeetingTableModel(context.unit_code, self)
        self.dialog = None  # the dialog currently open, if any (tests drive it)
        self.meeting: meetings.Meeting | None = None
        self._build()
        self.refresh_years()
        self._update_state()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self.toolbar = page_toolbar()
        add_page_actions(
            self,
            self.toolbar,
            self.actions_by_name,
            (
                (NEW, _("New"), _("Record a committee meeting (Ctrl+N)"), "new", QStyle.SP_FileIcon),
                (
                    EDIT,
                    _("Edit"),
                    _("Edit the selected meeting (Ctrl+E, Enter or double-click)"),
                    "edit",
                    QStyle.SP_FileDialogDetailedView,
                ),
                (
                    DELETE,
                    _("Delete"),
                    _("Move the selected meeting to the recycle bin (Delete)"),
                    "delete",
                    QStyle.SP_TrashIcon,
                ),
            ),
            self.trigger,
        )
        self.print_menu = QMenu(self)
        self.print_entries: dict[str, QAction] = {}
        for key, text in (
            (ONE_MINUTES, _("Minutes of the selected meeting (PDF)…")),
            (YEAR_MINUTES, _("Minutes of every meeting of the year (PDF)…")),
        ):
            entry = self.print_menu.addAction(themed_icon(self, "pdf", QStyle.SP_FileIcon), text)
            entry.triggered.connect(lambda _checked=False, k=key: self.print_minutes(k))
            self.print_entries[key] = entry
        self.print_menu.aboutToShow.connect(
            lambda: self.print_entries[ONE_MINUTES].setEnabled(self.meeting is not None)
        )
        self.actions_by_name[PRINT] = add_menu_action(
            self,
            self.toolbar,
            themed_icon(self, "print", QStyle.SP_FileDialogListView),
            _("Print"),
            _("Preview and print the minutes of the selected meeting (Ctrl+P); the arrow offers the whole year"),
            self.print_menu,
            lambda: self.trigger(PRINT),
        )
        self.toolbar.addSeparator()
        add_page_action(
            self,
            self.toolbar,
            self.actions_by_name,
            RECYCLE_BIN,
            themed_icon(self, "restore", QStyle.SP_BrowserReload),
            _("Recycle bin"),
            _("Show deleted meetings and restore them (Ctrl+Shift+R)"),
            self.trigger,
        ).setShortcut(QKeySequence("Ctrl+Shift+R"))

        self.year_box = QComboBox()
        self.year_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.year_box.currentIndexChanged.connect(lambda _i: self._apply_filters())
        placeholder = _("Topics, minutes or decisions")
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
        self.table.setModel(self.model)
        setup_row_table(self.table, QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(*self.model.sort_state())
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(TOPICS_COLUMN, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.table.activated.connect(lambda _index: self.trigger(EDIT))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        list_box, self.count_label = table_with_count(self.table)

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.no_selection = muted_note(_("Select a meeting to see its record."), wrap=False)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(self.detail)
        self.detail_stack.addWidget(self.no_selection)
        self.splitter = detail_splitter(Qt.Horizontal, list_box, self.detail_stack, (2, 1), [800, 400])

        self.empty_state = EmptyState(
            _("No meetings yet"), _("Record each committee meeting: who came, what was decided — New (Ctrl+N)")
        )
        self.empty_state.add_button(_("New meeting"), self.actions_by_name[NEW].icon(), lambda: self.trigger(NEW))
        self.no_match = EmptyState(_("No meeting matches"), _("No meeting matches the year and words chosen."))
        self.no_match.add_button(
            _("Show all meetings"), themed_icon(self, "search", QStyle.SP_FileIcon), self.clear_filters
        )
        self.stack = ListStack(self.splitter, self.empty_state, self.no_match)

        meetings_tab = QWidget()
        meetings_layout = QVBoxLayout(meetings_tab)
        meetings_layout.addLayout(top)
        meetings_layout.addWidget(self.stack, 1)

        self.documents = YearDocumentTab(self.context)
        self.documents.print_requested.connect(self.print_document)
        self.tabs = QTabWidget()
        self.tabs.addTab(meetings_tab, _("Committee meetings"))
        self.tabs.addTab(self.documents, _("Plan and summary"))
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    # --- state ---------------------------------------------------------------------------------

    def refresh_years(self) -> None:
        chosen = self.year_box.currentData()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItem(_("All years"), 0)
        for year in meetings.meeting_years(self.model.scope()):
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(max(self.year_box.findData(chosen) if chosen else 0, 0))
        self.year_box.blockSignals(False)

    def year(self) -> int | None:
        return self.year_box.currentData() or None

    def current_meeting(self) -> meetings.Meeting | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.meeting_at(rows[0].row()) if rows else None

    def select_meeting(self, uuid: str) -> bool:
        return select_row(self.table, self.model.row_of(uuid))

    def _selection_changed(self) -> None:
        row_meeting = self.current_meeting()
        self.meeting = meetings.live_meeting(row_meeting.uuid) if row_meeting else None
        self.detail_stack.setCurrentIndex(0 if self.meeting else 1)
        if self.meeting is not None:
            self.detail.setHtml(meeting_html(self.meeting))
        guard_actions(
            [self.actions_by_name[n] for n in (EDIT, DELETE)], self.meeting is not None, is_read_only(self.meeting)
        )

    def _apply_unit(self, choice: str) -> None:
        """A county looks at the meetings of the units below, read-only, through the same list."""
        self._search_timer.stop()
        self.model.set_unit_choice(choice)
        self.refresh_years()
        self._update_state()

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        keep = self.meeting.uuid if self.meeting else None
        self.model.set_filters(self.year(), self.search_box.text())
        self._update_state(keep)

    def clear_filters(self) -> None:
        set_text_quietly(self.search_box, "")
        self.year_box.setCurrentIndex(0)
        self._apply_filters()

    def _update_state(self, keep: str | None = None) -> None:
        self.stack.show_for(self.model.rowCount() > 0, self.model.scope_has_records)
        total = self.model.total()
        self.count_label.setText(ngettext("{n} meeting", "{n} meetings", total).format(n=total))
        if not (keep and self.select_meeting(keep)):
            if self.model.rowCount():
                self.select_meeting(self.model.meeting_at(0).uuid)
            else:
                self.table.clearSelection()
        self._selection_changed()

    def state(self) -> str:
        return self.stack.state()

    def _tab_changed(self) -> None:
        on_meetings = self.tabs.currentIndex() == MEETINGS_TAB
        for name in (NEW, EDIT, DELETE, SEARCH, RECYCLE_BIN):
            action = self.actions_by_name.get(name)
            if action is not None:
                editable = self.meeting is not None and not is_read_only(self.meeting)
                action.setEnabled(on_meetings and (name not in (EDIT, DELETE) or editable))
        if not on_meetings and not self.documents.has_changes():
            self.documents.load()  # the figures as the records stand now

    # --- actions -------------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.meeting.uuid if self.meeting else None
        self.unit_filter.refresh_units()
        self.refresh_years()
        self.model.reload()
        self._update_state(keep)
        if not self.documents.has_changes():
            self.documents.refresh_years()
            self.documents.load()

    def trigger(self, action: str) -> None:
        if self.tabs.currentIndex() == DOCUMENTS_TAB and action in (PRINT, DELETE):
            if action == PRINT:
                self.documents.request_print()
            elif self.documents.heading_list.hasFocus():
                self.documents.remove_heading()
            return
        handler = {
            NEW: self.new_meeting,
            EDIT: self.edit_meeting,
            DELETE: self.delete_meeting,
            PRINT: lambda: self.print_minutes(ONE_MINUTES if self.meeting else YEAR_MINUTES),
            SEARCH: lambda: focus_search(self.search_box),
            RECYCLE_BIN: self.open_recycle_bin,
        }.get(action)
        if handler is None:
            return
        if action in (NEW, EDIT, DELETE, SEARCH, RECYCLE_BIN):
            self.tabs.setCurrentIndex(MEETINGS_TAB)
        handler()

    def new_meeting(self) -> None:
        from gui.meetings.meeting_dialog import MeetingDialog

        open_dialog(self, MeetingDialog(self.context, None, self), self._saved)

    def edit_meeting(self) -> None:
        if self.meeting is None or is_read_only(self.meeting):
            return
        from gui.meetings.meeting_dialog import MeetingDialog

        meeting = meetings.live_meeting(self.meeting.uuid)
        if meeting is None:
            self.refresh()
            return
        open_dialog(self, MeetingDialog(self.context, meeting, self), self._saved)

    def _saved(self, dialog) -> None:
        if dialog.meeting is not None and self.model.shows_units_below():
            self.unit_filter.set_choice(self.context.unit_code)  # what was saved is the own unit's
        self.refresh_years()
        self.model.reload()
        saved = dialog.meeting
        self._update_state(saved.uuid if saved else None)
        if saved is not None and (self.meeting is None or self.meeting.uuid != saved.uuid):
            self.clear_filters()
            self.select_meeting(saved.uuid)
        self.table.setFocus()

    def delete_meeting(self) -> None:
        meeting = self.meeting
        if meeting is None or is_read_only(meeting):
            return
        question = _("Move the meeting of {date} to the recycle bin?").format(date=format_date(meeting.date))
        if not messages.confirm(self, question, title=_("Delete")):
            return
        row = self.model.row_of(meeting.uuid)
        try:
            move_to_bin("meetings", [meeting.uuid], self.context.unit_code)
        except DeleteRefused as exc:
            messages.error(self, str(exc), title=_("Delete"))
            return
        self.refresh_years()
        self.model.reload()
        neighbour = self.model.meeting_at(min(row, self.model.rowCount() - 1)) if self.model.rowCount() else None
        self._update_state(neighbour.uuid if neighbour else None)
        self.table.setFocus()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        show_recycle_bin(self, "meetings")

    # --- printing --------------------------------------------------------------------------------

    def print_minutes(self, which: str) -> None:
        from gui.printing.actions import form_options, print_or_save

        options = form_options(self, self.context, "minutes", "pdf")
        if options is None:
            return
        if which == ONE_MINUTES:
            if self.meeting is None:
                messages.info(self, _("Select a meeting first."))
                return
            options.record_id = self.meeting.uuid
        else:
            options.year = self.year() or (self.meeting.date.year if self.meeting else None)
        print_or_save(self, self.context, "minutes", "pdf", options=options)

    def print_document(self, kind: str, year: int) -> None:
        from gui.printing.actions import form_options, print_or_save

        name = "plan" if kind == "plan" else "summary-year"
        options = form_options(self, self.context, name, "pdf")
        if options is None:
            return
        options.year = year
        print_or_save(self, self.context, name, "pdf", options=options)
