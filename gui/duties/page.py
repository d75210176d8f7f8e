"""执委履职: the households each committee member keeps in touch with, her contacts, the needs found, projects.

Four tabs, each a list from the core with New (Ctrl+N), Edit (Enter or
Ctrl+E) and Delete; the page's Import brings households from a spreadsheet,
its Print the three forms of members' duties.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.lazy_table import LazyQueryModel
from gui.common.page import DELETE, EDIT, IMPORT, NEW, PRINT, SEARCH, Page
from gui.common.page_parts import (
    add_menu_action,
    add_page_actions,
    muted_note,
    open_dialog,
    page_toolbar,
    search_box,
    select_row,
    setup_row_table,
    table_with_count,
    themed_icon,
)
from gui.common.unit_filter import READ_ONLY_TIP, UnitFilter, is_read_only
from gui.context import AppContext
from gui.duties.reminders import reminder_text
from gui.duties.tables import ContactTableModel, HouseholdTableModel, NeedTableModel, ProjectTableModel
from models.duties.members import former_members, members
from models.duties.records import NEED_STATUS
from models.i18n import N_, _, ngettext
from models.recycle_bin import DeleteRefused, move_to_bin

RECYCLE_BIN = "recycle_bin"
HOUSEHOLDS, CONTACTS, NEEDS, PROJECTS = range(4)
# The page's forms: (name, suffix, menu text).
PRINTS = (
    ("households", "pdf", N_("Households linked to committee members (PDF)")),
    ("households", "xlsx", N_("Households linked to committee members (Excel)")),
    ("duties", "pdf", N_("Record of a committee member's duties (PDF)")),
    ("needs", "pdf", N_("List of women's needs (PDF)")),
    ("needs", "xlsx", N_("List of women's needs (Excel)")),
)


@dataclass(frozen=True)
class TabSpec:
    title: str  # N_()
    kind: str  # the recycle-bin kind
    empty: str  # N_(): what the empty list says
    count: Callable[[int], str]  # "12 households"
    stretch: int  # the column of free text that takes the room left


TABS = (
    TabSpec(
        N_("Linked households"),
        "households",
        N_("No households yet — New (Ctrl+N), or Import (Ctrl+I) a list from Excel."),
        lambda n: ngettext("{n} household", "{n} households", n).format(n=n),
        5,
    ),
    TabSpec(
        N_("Contact records"),
        "contacts",
        N_("No contacts match — New (Ctrl+N) records one."),
        lambda n: ngettext("{n} contact", "{n} contacts", n).format(n=n),
        5,
    ),
    TabSpec(
        N_("List of needs"),
        "needs",
        N_("No needs match — New (Ctrl+N) records one."),
        lambda n: ngettext("{n} need", "{n} needs", n).format(n=n),
        3,
    ),
    TabSpec(
        N_("Projects led"),
        "projects",
        N_("No projects yet — New (Ctrl+N) adds one."),
        lambda n: ngettext("{n} project", "{n} projects", n).format(n=n),
        4,
    ),
)


class ListTab(QWidget):
    """One tab: its filters, its table (or what an empty one says) and the count under it."""

    def __init__(self, spec: TabSpec, model: LazyQueryModel, filters: list[QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self.spec, self.model = spec, model
        self.table = QTableView()
        self.table.setModel(model)
        setup_row_table(self.table, QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(*model.sort_state())
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(spec.stretch, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.table.setTextElideMode(Qt.ElideRight)
        box, self.count_label = table_with_count(self.table)
        self.empty = muted_note(_(spec.empty))
        self.stack = QStackedWidget()
        self.stack.addWidget(box)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        if filters:
            row = QHBoxLayout()
            for widget in filters:
                row.addWidget(widget)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        self.update_state()

    def update_state(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.stack.setCurrentIndex(0 if has_rows else 1)
        total = self.model.total()
        self.count_label.setText(self.spec.count(total))
        if has_rows and not self.table.selectionModel().hasSelection():
            select_row(self.table, 0)

    def current(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def reload(self, keep: str | None = None) -> None:
        self.model.reload()
        self.update_state()
        if keep:
            select_row(self.table, self.model.row_of(keep))


def _labelled(text: str, editor: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(editor)
    return label


class DutiesPage(Page):
    """The 执委履职 page."""

    supported = frozenset({NEW, EDIT, DELETE, IMPORT, PRINT, SEARCH})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.dialog = None
        unit = context.unit_code
        self.toolbar = page_toolbar()
        self.actions_by_name: dict[str, QAction] = {}
        add_page_actions(
            self,
            self.toolbar,
            self.actions_by_name,
            [
                (NEW, _("New"), _("New record in this tab (Ctrl+N)"), "new", QStyle.SP_FileIcon),
                (EDIT, _("Edit"), _("Edit the selected record (Enter)"), "edit", QStyle.SP_FileDialogDetailedView),
                (
                    DELETE,
                    _("Delete"),
                    _("Move the selected record to the recycle bin (Delete)"),
                    "delete",
                    QStyle.SP_TrashIcon,
                ),
                None,
                (
                    IMPORT,
                    _("Import households"),
                    _("Import households from Excel (Ctrl+I)"),
                    "import",
                    QStyle.SP_DialogOpenButton,
                ),
                (RECYCLE_BIN, _("Recycle bin"), _("Deleted records of this tab"), "restore", QStyle.SP_BrowserReload),
            ],
            self.trigger,
        )
        menu = QMenu(self)
        for form_name, suffix, text in PRINTS:
            menu.addAction(_(text), lambda f=form_name, s=suffix: self.print_form(f, s))
        add_menu_action(
            self,
            self.toolbar,
            themed_icon(self, "print", QStyle.SP_FileDialogContentsView),
            _("Print"),
            _("Print the forms of members' duties (Ctrl+P)"),
            menu,
            lambda: self.print_form("households", "pdf"),
        )

        # 联系户: by member and words.
        self.household_member = self._member_filter()
        placeholder = _("Head of household, women or group")
        width = self.fontMetrics().horizontalAdvance(placeholder) + 2 * (self.fontMetrics().height() + 12)
        self.household_search, self._search_timer = search_box(
            self, placeholder, width, width + 80, self._apply_household_filter
        )
        households = HouseholdTableModel(unit)
        # 走访记录: by member, year and month.
        self.contact_member = self._member_filter()
        self.contact_year = QComboBox()
        self.contact_month = QComboBox()
        self.contact_month.addItem(_("All months"), 0)
        for month in range(1, 13):
            self.contact_month.addItem(_("Month {month}").format(month=month), month)
        contacts = ContactTableModel(unit)
        # 需求清单: by status.
        self.need_status = QComboBox()
        self.need_status.addItem(_("All"), None)
        for code, label in NEED_STATUS.choices():
            self.need_status.addItem(label, code)

        self.tabs_by_index = [
            ListTab(
                TABS[0], households, [_labelled(_("Committee member"), self.household_member), self.household_member]
            ),
            ListTab(
                TABS[1],
                contacts,
                [
                    _labelled(_("Committee member"), self.contact_member),
                    self.contact_member,
                    _labelled(_("Year"), self.contact_year),
                    self.contact_year,
                    _labelled(_("Month"), self.contact_month),
                    self.contact_month,
                ],
            ),
            ListTab(TABS[2], NeedTableModel(unit), [_labelled(_("Status"), self.need_status), self.need_status]),
            ListTab(TABS[3], ProjectTableModel(unit), []),
        ]
        self.tabs = QTabWidget()
        for tab in self.tabs_by_index:
            self.tabs.addTab(tab, _(tab.spec.title))
            tab.table.activated.connect(lambda _index: self.trigger(EDIT))
        self.reminder = QLabel()
        self.reminder.setWordWrap(True)
        self.reminder.setStyleSheet("color: #9A5B00;")
        self._fill_years()
        self.household_member.currentIndexChanged.connect(lambda _i: self._apply_household_filter())
        for combo in (self.contact_member, self.contact_year, self.contact_month):
            combo.currentIndexChanged.connect(lambda _i: self._apply_contact_filter())
        self.need_status.currentIndexChanged.connect(lambda _i: self._apply_need_filter())
        switch_next = QAction(self)
        switch_next.setShortcut(QKeySequence("Ctrl+Tab"))
        switch_next.triggered.connect(lambda: self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % 4))
        self.addAction(switch_next)

        # A township or county sees the records of the units below too, read-only.
        self.unit_filter = UnitFilter(unit, self)
        self.unit_filter.unit_changed.connect(self._apply_unit)
        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.unit_filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.reminder)
        self._update_reminder()

    # --- filters -------------------------------------------------------------------------

    def _member_filter(self) -> QComboBox:
        combo = QComboBox()
        self._fill_members(combo)
        return combo

    def _fill_members(self, combo: QComboBox) -> None:
        """All members, then each committee member, then those who have left (their records of the years
        they served can be listed and printed); the one chosen stays chosen."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("All members"), None)
        for person in members(self.context.unit_code):
            combo.addItem(person.name, person.uuid)
        for person in former_members(self.context.unit_code):
            combo.addItem(_("{name} (no longer on the committee)").format(name=person.name), person.uuid)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def _fill_years(self) -> None:
        chosen = self.contact_year.currentData()
        self.contact_year.blockSignals(True)
        self.contact_year.clear()
        self.contact_year.addItem(_("All years"), 0)
        model = self.tabs_by_index[CONTACTS].model
        assert isinstance(model, ContactTableModel)
        for year in sorted(set(model.years()) | {_dt.date.today().year}, reverse=True):
            self.contact_year.addItem(str(year), year)
        index = self.contact_year.findData(chosen) if chosen is not None else self.contact_year.findData(0)
        self.contact_year.setCurrentIndex(max(index, 0))
        self.contact_year.blockSignals(False)

    def _apply_household_filter(self) -> None:
        tab = self.tabs_by_index[HOUSEHOLDS]
        assert isinstance(tab.model, HouseholdTableModel)
        self._search_timer.stop()
        tab.model.set_filters(self.household_member.currentData(), self.household_search.text())
        tab.update_state()

    def _apply_contact_filter(self) -> None:
        tab = self.tabs_by_index[CONTACTS]
        assert isinstance(tab.model, ContactTableModel)
        year = self.contact_year.currentData() or None
        self.contact_month.setEnabled(bool(year))
        tab.model.set_filters(self.contact_member.currentData(), year, self.contact_month.currentData() or None)
        tab.update_state()

    def _apply_need_filter(self) -> None:
        tab = self.tabs_by_index[NEEDS]
        assert isinstance(tab.model, NeedTableModel)
        tab.model.set_filters(self.need_status.currentData())
        tab.update_state()

    def _apply_unit(self, choice: str) -> None:
        for tab in self.tabs_by_index:
            tab.model.set_unit_choice(choice)
            tab.update_state()

    def _update_reminder(self) -> None:
        from models.duties.reminders import duty_reminders

        found = duty_reminders(self.context.unit_code, _dt.date.today())
        self.reminder.setText(reminder_text(found))
        self.reminder.setVisible(found.any)

    # --- actions --------------------------------------------------------------------------

    def current_tab(self) -> ListTab:
        return self.tabs_by_index[self.tabs.currentIndex()]

    def showEvent(self, event) -> None:
        # The committee may have changed on the Members page since this page was last seen.
        super().showEvent(event)
        self._fill_members(self.household_member)
        self._fill_members(self.contact_member)
        self._update_reminder()

    def refresh(self) -> None:
        """After an import, a restore, or the committee changed on the Members page."""
        self.unit_filter.refresh_units()
        self._fill_members(self.household_member)
        self._fill_members(self.contact_member)
        self._fill_years()
        self._apply_household_filter()
        self._apply_contact_filter()
        for tab in self.tabs_by_index:
            tab.reload()
        self._update_reminder()

    def trigger(self, action: str) -> None:
        handler = {
            NEW: self.new_record,
            EDIT: self.edit_record,
            DELETE: self.delete_record,
            IMPORT: self.import_households,
            PRINT: lambda: self.print_form(*self._default_print()),
            RECYCLE_BIN: self.open_recycle_bin,
            SEARCH: self.focus_search,
        }.get(action)
        if handler is not None:
            handler()

    def focus_search(self) -> None:
        """Ctrl+F: find a household by its head, its women or its group."""
        from gui.common.page_parts import focus_search

        self.tabs.setCurrentIndex(HOUSEHOLDS)
        focus_search(self.household_search)

    def _dialog_for(self, index: int, record):
        if index == HOUSEHOLDS:
            from gui.duties.household_dialog import HouseholdDialog

            return HouseholdDialog(self.context, record, self)
        if index == CONTACTS:
            from gui.duties.contact_dialog import ContactDialog

            return ContactDialog(self.context, record, self, member=self.contact_member.currentData())
        from gui.duties.need_dialog import NeedDialog, ProjectDialog

        return (NeedDialog if index == NEEDS else ProjectDialog)(self.context, record, self)

    def new_record(self) -> None:
        index = self.tabs.currentIndex()
        if index in (CONTACTS, PROJECTS) and not members(self.context.unit_code):
            messages.info(self, _("Enter the executive committee on the Members page first."))
            return
        open_dialog(self, self._dialog_for(index, None), lambda dialog: self._saved(index, dialog))

    def edit_record(self) -> None:
        index = self.tabs.currentIndex()
        record = self.current_tab().current()
        if record is None:
            return
        if is_read_only(record):
            messages.info(self, _(READ_ONLY_TIP))
            return
        open_dialog(self, self._dialog_for(index, record), lambda dialog: self._saved(index, dialog))

    def _saved(self, index: int, dialog) -> None:
        record = dialog.saved_record
        if index == CONTACTS:
            self._fill_years()
        for number, tab in enumerate(self.tabs_by_index):
            tab.reload(record.uuid if number == index and record is not None else None)
        self._update_reminder()
        self.current_tab().table.setFocus()

    def delete_record(self) -> None:
        tab = self.current_tab()
        record = tab.current()
        if record is None:
            return
        if is_read_only(record):
            messages.info(self, _(READ_ONLY_TIP))
            return
        if not messages.confirm(self, _("Move the selected record to the recycle bin?"), title=_("Delete")):
            return
        try:
            move_to_bin(tab.spec.kind, [record.uuid], self.context.unit_code)
        except DeleteRefused as exc:
            messages.error(self, str(exc), title=_("Delete"))
            return
        for other in self.tabs_by_index:
            other.reload()
        self._update_reminder()
        tab.table.setFocus()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        show_recycle_bin(self, self.current_tab().spec.kind)

    def import_households(self) -> None:
        from gui.duties.household_import import HouseholdImportDialog

        dialog = HouseholdImportDialog(self.context, self)
        self.tabs.setCurrentIndex(HOUSEHOLDS)
        open_dialog(self, dialog, lambda _d: self.refresh())
        dialog.choose_file()

    def _default_print(self) -> tuple[str, str]:
        return {HOUSEHOLDS: ("households", "pdf"), CONTACTS: ("duties", "pdf"), NEEDS: ("needs", "pdf")}.get(
            self.tabs.currentIndex(), ("duties", "pdf")
        )

    def print_form(self, form_name: str, suffix: str) -> None:
        from gui.printing.actions import form_options, print_or_save

        options = form_options(self, self.context, form_name, suffix)
        if options is None:
            return
        if form_name == "duties":
            options.record_id = self.contact_member.currentData()  # one member, or every member
            options.year = self.contact_year.currentData() or None
        print_or_save(self, self.context, form_name, suffix, options=options)
