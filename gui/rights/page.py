"""纠纷与信访: family dispute cases, the monthly report of dispute screening, letters and visits.

Three tabs. The cases and the letters and visits are lists from the core with
New (Ctrl+N), Edit (Enter or Ctrl+E) and Delete; the 月报 tab reports a month
(or reports none). Print offers the three forms. These records name parties
and visitors: they stay in this unit (packages carry counts only).
"""

from __future__ import annotations

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
from gui.common.page import DELETE, EDIT, NEW, PRINT, Page
from gui.common.page_parts import (
    add_menu_action,
    add_page_actions,
    muted_note,
    open_dialog,
    page_toolbar,
    select_row,
    setup_row_table,
    table_with_count,
    themed_icon,
)
from gui.context import AppContext
from gui.rights.month_tab import MonthTab
from gui.rights.tables import CaseTableModel, PetitionTableModel
from models.disputes import OPEN, STATUS
from models.i18n import N_, _, ngettext
from models.recycle_bin import DeleteRefused, move_to_bin

RECYCLE_BIN = "recycle_bin"
CASES, MONTHS, PETITIONS = range(3)
PRINTS = (
    ("disputes", "pdf", N_("Ledger of family dispute screening and settlement (PDF)")),
    ("dispute-month", "pdf", N_("Monthly report of family dispute screening (PDF)")),
    ("dispute-month", "xlsx", N_("Monthly report of family dispute screening (Excel)")),
    ("petitions", "pdf", N_("Register of letters and visits (PDF)")),
    ("petitions", "xlsx", N_("Register of letters and visits (Excel)")),
)


class RecordTab(QWidget):
    """A tab of records: its filters, its table (or what an empty one says) and the count under it."""

    def __init__(
        self, kind: str, model: LazyQueryModel, empty: str, count, filters: list[QWidget], stretch: int, parent=None
    ):
        super().__init__(parent)
        self.kind, self.model, self.count = kind, model, count
        self.table = QTableView()
        self.table.setModel(model)
        setup_row_table(self.table, QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(*model.sort_state())
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.table.setTextElideMode(Qt.ElideRight)
        box, self.count_label = table_with_count(self.table)
        self.empty = muted_note(empty)
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
        self.count_label.setText(self.count(self.model.total()))
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


class RightsPage(Page):
    """The 纠纷与信访 page."""

    sensitive = True  # names of parties, children or screened women: behind the start-up password

    supported = frozenset({NEW, EDIT, DELETE, PRINT})

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
            _("Print the forms of disputes and letters and visits (Ctrl+P)"),
            menu,
            lambda: self.print_form(*self._default_print()),
        )
        self.case_status = QComboBox()
        self.case_status.addItem(_("All"), None)
        self.case_status.addItem(_("Still being handled"), OPEN)
        for code, label in STATUS.choices():
            if code != "screened":
                self.case_status.addItem(label, code)
        status_label = QLabel(_("Status"))
        status_label.setBuddy(self.case_status)
        self.cases = RecordTab(
            "disputes",
            CaseTableModel(unit),
            _("No dispute cases match — New (Ctrl+N) records one found in screening."),
            lambda n: ngettext("{n} case", "{n} cases", n).format(n=n),
            [status_label, self.case_status],
            5,
        )
        self.months = MonthTab(unit)
        self.petitions = RecordTab(
            "petitions",
            PetitionTableModel(unit),
            _("No letters or visits yet — New (Ctrl+N) registers one."),
            lambda n: ngettext("{n} letter or visit", "{n} letters and visits", n).format(n=n),
            [],
            4,
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.cases, _("Dispute screening"))
        self.tabs.addTab(self.months, _("Monthly report"))
        self.tabs.addTab(self.petitions, _("Letters and visits"))
        for tab in (self.cases, self.petitions):
            tab.table.activated.connect(lambda _index: self.trigger(EDIT))
        self.case_status.currentIndexChanged.connect(lambda _i: self._apply_case_filter())
        self.tabs.currentChanged.connect(lambda _i: self._follow_tab())
        switch_next = QAction(self)
        switch_next.setShortcut(QKeySequence("Ctrl+Tab"))
        switch_next.triggered.connect(lambda: self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % 3))
        self.addAction(switch_next)
        note = QLabel(_("Parties, visitors and what they said stay in this unit: packages carry counts only."))
        note.setEnabled(False)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(note)
        self._follow_tab()

    def _apply_case_filter(self) -> None:
        model = self.cases.model
        assert isinstance(model, CaseTableModel)
        model.set_filters(self.case_status.currentData())
        self.cases.update_state()

    def _follow_tab(self) -> None:
        records = self.tabs.currentIndex() != MONTHS
        for name in (EDIT, DELETE, RECYCLE_BIN):
            self.actions_by_name[name].setEnabled(records)

    def record_tab(self) -> RecordTab | None:
        index = self.tabs.currentIndex()
        return {CASES: self.cases, PETITIONS: self.petitions}.get(index)

    def refresh(self) -> None:
        """After an import or a restore."""
        self.cases.reload()
        self.petitions.reload()
        self.months.reload()

    def trigger(self, action: str) -> None:
        handler = {
            NEW: self.new_record,
            EDIT: self.edit_record,
            DELETE: self.delete_record,
            PRINT: lambda: self.print_form(*self._default_print()),
            RECYCLE_BIN: self.open_recycle_bin,
        }.get(action)
        if handler is not None:
            handler()

    def _dialog_for(self, tab: RecordTab, record):
        if tab is self.cases:
            from gui.rights.case_dialog import CaseDialog

            return CaseDialog(self.context, record, self)
        from gui.rights.petition_dialog import PetitionDialog

        return PetitionDialog(self.context, record, self)

    def new_record(self) -> None:
        tab = self.record_tab()
        if tab is None:  # the monthly report: Ctrl+N reports the month selected
            self.months.report(False)
            return
        open_dialog(self, self._dialog_for(tab, None), lambda dialog: self._saved(tab, dialog))

    def edit_record(self) -> None:
        tab = self.record_tab()
        record = tab.current() if tab else None
        if tab is None or record is None:
            return
        open_dialog(self, self._dialog_for(tab, record), lambda dialog: self._saved(tab, dialog))

    def _saved(self, tab: RecordTab, dialog) -> None:
        record = dialog.saved_record
        tab.reload(record.uuid if record is not None else None)
        if tab is self.cases:
            self.months.reload()
        tab.table.setFocus()

    def delete_record(self) -> None:
        tab = self.record_tab()
        record = tab.current() if tab else None
        if tab is None or record is None:
            return
        if not messages.confirm(self, _("Move the selected record to the recycle bin?"), title=_("Delete")):
            return
        try:
            move_to_bin(tab.kind, [record.uuid], self.context.unit_code)
        except DeleteRefused as exc:
            messages.error(self, str(exc), title=_("Delete"))
            return
        tab.reload()
        self.months.reload()
        tab.table.setFocus()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        tab = self.record_tab()
        show_recycle_bin(self, tab.kind if tab else "disputes")

    def _default_print(self) -> tuple[str, str]:
        return {CASES: ("disputes", "pdf"), MONTHS: ("dispute-month", "pdf")}.get(
            self.tabs.currentIndex(), ("petitions", "pdf")
        )

    def print_form(self, form_name: str, suffix: str) -> None:
        from gui.printing.actions import form_options, print_or_save

        options = form_options(self, self.context, form_name, suffix)
        if options is None:
            return
        if form_name == "dispute-month" and (row := self.months.current()) is not None:
            year, month = (int(part) for part in row.month.split("-"))
            options.year, options.month = year, month
        print_or_save(self, self.context, form_name, suffix, options=options)
