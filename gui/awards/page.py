"""评选表彰: nominations (推荐对象) and the awards register (表彰登记), each a tab with its table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.lazy_table import Column, LazyQueryModel
from gui.common.page import DELETE, EDIT, EXPORT, NEW, PRINT, SEARCH, Page
from gui.common.page_parts import (
    add_page_actions,
    focus_search,
    open_dialog,
    page_toolbar,
    page_top_row,
    search_box,
    select_row,
    setup_row_table,
    table_with_count,
)
from gui.common.unit_filter import UnitFilter, guard_actions, is_read_only
from gui.context import AppContext
from models.awards import (
    AWARD,
    LEVEL,
    OUTCOME,
    RECIPIENT_KIND,
    Award,
    AwardFilters,
    AwardListing,
    Nomination,
    NominationListing,
    live_award,
    live_nomination,
)
from models.i18n import N_, _, format_list_date, ngettext

RECYCLE_BIN = "recycle_bin"
SUMMARY_TABLE = "summary_table"  # 推荐户汇总表
NOMINATIONS_TAB, AWARDS_TAB = 0, 1


def _notice(nomination: Nomination) -> str:
    if nomination.notice_from is None:
        return ""
    return f"{format_list_date(nomination.notice_from)}–{format_list_date(nomination.notice_to)}"


class NominationTableModel(LazyQueryModel):
    columns = (
        Column(N_("Year"), lambda n: str(n.year), "year"),
        Column(N_("Award"), lambda n: AWARD.label(n.award), "award"),
        Column(N_("Level"), lambda n: LEVEL.label(n.level), "level"),
        Column(N_("Nominee"), lambda n: n.nominee_name, "name"),
        Column(N_("Outcome"), lambda n: OUTCOME.label(n.outcome), "outcome"),
        Column(N_("Public notice"), _notice, "notice"),
    )
    default_sort_column = 0
    default_sort_order = Qt.DescendingOrder
    no_filters = AwardFilters()

    def listing(self, scope):
        return NominationListing(scope, self._filters)

    def set_filters(self, year: int | None, text: str) -> None:
        self._narrow(AwardFilters(year, (text or "").strip()))


class AwardTableModel(LazyQueryModel):
    columns = (
        Column(N_("Year"), lambda a: str(a.year), "year"),
        Column(N_("Level"), lambda a: LEVEL.label(a.level), "level"),
        Column(N_("Honour"), lambda a: a.title, "title"),
        Column(N_("Recipient"), lambda a: f"{a.recipient_name}（{RECIPIENT_KIND.label(a.recipient_kind)}）", "name"),
        Column(N_("Conferred by"), lambda a: a.conferred_by, "conferred_by"),
        Column(N_("Date"), lambda a: format_list_date(a.date), "date"),
    )
    default_sort_column = 0
    default_sort_order = Qt.DescendingOrder
    no_filters = AwardFilters()

    def listing(self, scope):
        return AwardListing(scope, self._filters)

    def set_filters(self, year: int | None, text: str) -> None:
        self._narrow(AwardFilters(year, (text or "").strip()))


class RecordTab(QWidget):
    """One tab: its table and the count (or how to start) under it."""

    def __init__(self, model: LazyQueryModel, empty: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.empty = empty
        self.table = QTableView()
        self.table.setModel(model)
        setup_row_table(self.table, QAbstractItemView.ExtendedSelection)
        self.table.horizontalHeader().setSortIndicator(*model.sort_state())
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        box, self.count_label = table_with_count(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(box)

    def update_count(self) -> None:
        total = self.model.total()
        if total:
            self.count_label.setText(ngettext("{n} record", "{n} records", total).format(n=total))
        elif self.model.scope_has_records():
            self.count_label.setText(_("Nothing matches the year or the search."))
        else:
            self.count_label.setText(self.empty)

    def selected(self) -> list:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.record_at(row) for row in rows) if r is not None]


class AwardsPage(Page):
    """Nominations and the awards register of the unit (and, above the village, those of the units below)."""

    supported = frozenset({NEW, EDIT, DELETE, EXPORT, PRINT, SEARCH})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.dialog = None  # the dialog open, if any (tests drive it)
        self.nominations = RecordTab(
            NominationTableModel(context.unit_code, self),
            _("No nominations yet — add the families, people and collectives put forward with New (Ctrl+N)."),
        )
        self.awards = RecordTab(
            AwardTableModel(context.unit_code, self),
            _("No honours registered yet — add one with New (Ctrl+N)."),
        )
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self.toolbar = page_toolbar()
        add_page_actions(
            self,
            self.toolbar,
            self.actions_by_name,
            (
                (NEW, _("New"), _("Add a nomination or an honour (Ctrl+N)"), "new", QStyle.SP_FileIcon),
                (
                    EDIT,
                    _("Edit"),
                    _("Edit the selected record (Ctrl+E, Enter or double-click)"),
                    "edit",
                    QStyle.SP_FileDialogDetailedView,
                ),
                (
                    DELETE,
                    _("Delete"),
                    _("Move the selected records to the recycle bin (Delete)"),
                    "delete",
                    QStyle.SP_TrashIcon,
                ),
                None,
                (
                    PRINT,
                    _("Print"),
                    _("Preview the selected nomination's form, or the awards register (Ctrl+P)"),
                    "print",
                    QStyle.SP_FileDialogListView,
                ),
                (
                    SUMMARY_TABLE,
                    _("Summary table"),
                    _("Preview the summary of the year's nominated families (Ctrl+Shift+P)"),
                    "reports",
                    QStyle.SP_FileDialogContentsView,
                ),
                (
                    EXPORT,
                    _("Export"),
                    _("Save the awards register or the families' summary as Excel (Ctrl+Shift+E)"),
                    "export",
                    QStyle.SP_DialogSaveButton,
                ),
                None,
                (
                    RECYCLE_BIN,
                    _("Recycle bin"),
                    _("Show deleted records and restore them (Ctrl+Shift+R)"),
                    "restore",
                    QStyle.SP_BrowserReload,
                ),
            ),
            self.trigger,
        )
        self.actions_by_name[RECYCLE_BIN].setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.actions_by_name[SUMMARY_TABLE].setShortcut(QKeySequence("Ctrl+Shift+P"))

        self.year_box = QComboBox()
        self.year_box.setToolTip(_("Show one year's records"))
        self.year_box.currentIndexChanged.connect(lambda _i: self._apply_filters())
        year_label = QLabel(_("Year"))
        year_label.setBuddy(self.year_box)
        self.search_box, self._search_timer = search_box(self, _("Name or honour"), 160, 240, self._apply_filters)
        self.unit_filter = UnitFilter(self.context.unit_code, self)
        self.unit_filter.unit_changed.connect(self._apply_unit)
        top = page_top_row(self.toolbar, self.unit_filter, year_label, self.year_box, self.search_box)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.nominations, _("Nominations"))
        self.tabs.addTab(self.awards, _("Awards register"))
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        for tab in (self.nominations, self.awards):
            tab.table.activated.connect(lambda _index: self.trigger(EDIT))
            tab.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    # --- state ------------------------------------------------------------------------

    def current_tab(self) -> RecordTab:
        return self.awards if self.tabs.currentIndex() == AWARDS_TAB else self.nominations

    def year(self) -> int | None:
        return self.year_box.currentData() or None

    def _refresh_years(self) -> None:
        chosen = self.year_box.currentData()
        years = set(NominationListing(self.nominations.model.scope()).years())
        years |= set(AwardListing(self.awards.model.scope()).years())
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItem(_("All years"), 0)
        for year in sorted(years, reverse=True):
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(max(self.year_box.findData(chosen) if chosen else 0, 0))
        self.year_box.blockSignals(False)

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        for tab in (self.nominations, self.awards):
            tab.model.set_filters(self.year(), self.search_box.text())
            tab.update_count()
        self._update_actions()

    def _apply_unit(self, choice: str) -> None:
        for tab in (self.nominations, self.awards):
            tab.model.set_unit_choice(choice)
        self._refresh_years()
        self._apply_filters()

    def _tab_changed(self) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        tab = self.current_tab()
        chosen = tab.selected()
        read_only = any(is_read_only(record) for record in chosen)
        guard_actions([self.actions_by_name[EDIT]], len(chosen) == 1, read_only)
        guard_actions([self.actions_by_name[DELETE]], bool(chosen), read_only)
        self.actions_by_name[NEW].setEnabled(not tab.model.shows_units_below())

    def refresh(self) -> None:
        self.unit_filter.refresh_units()
        self._refresh_years()
        for tab in (self.nominations, self.awards):
            tab.model.reload()
        self._apply_filters()

    # --- actions ------------------------------------------------------------------------

    def trigger(self, action: str) -> None:
        handler = {
            NEW: self.new_record,
            EDIT: self.edit_record,
            DELETE: self.delete_records,
            PRINT: self.print_form,
            SUMMARY_TABLE: lambda: self._form("family-nominations", ".pdf"),
            EXPORT: self.export,
            SEARCH: lambda: focus_search(self.search_box),
            RECYCLE_BIN: self.open_recycle_bin,
        }.get(action)
        if handler is not None:
            handler()

    def new_record(self) -> None:
        if self.current_tab() is self.awards:
            from gui.awards.award_dialog import AwardDialog

            open_dialog(self, AwardDialog(self.context, None, self, year=self.year() or 0), self._saved)
        else:
            from gui.awards.nomination_dialog import NominationDialog

            open_dialog(self, NominationDialog(self.context, None, self), self._saved)

    def edit_record(self) -> None:
        chosen = self.current_tab().selected()
        if len(chosen) != 1 or is_read_only(chosen[0]):
            return
        if isinstance(chosen[0], Award):
            from gui.awards.award_dialog import AwardDialog

            award = live_award(chosen[0].uuid)
            if award is not None:
                open_dialog(self, AwardDialog(self.context, award, self), self._saved)
            return
        from gui.awards.nomination_dialog import NominationDialog

        nomination = live_nomination(chosen[0].uuid)
        if nomination is not None:
            open_dialog(self, NominationDialog(self.context, nomination, self), self._saved)

    def _saved(self, dialog) -> None:
        self.refresh()
        record = getattr(dialog, "nomination", None) or getattr(dialog, "award", None)
        tab = self.nominations if isinstance(record, Nomination) else self.awards
        if record is not None:
            self.tabs.setCurrentWidget(tab)
            select_row(tab.table, tab.model.row_of(record.uuid))
        tab.table.setFocus()

    def delete_records(self) -> None:
        tab = self.current_tab()
        chosen = tab.selected()
        if not chosen:
            return
        kind = "awards" if tab is self.awards else "nominations"
        text = ngettext(
            "Move {n} record to the recycle bin? You can restore it from there.",
            "Move {n} records to the recycle bin? You can restore them from there.",
            len(chosen),
        ).format(n=len(chosen))
        if not messages.confirm(self, text, title=_("Delete")):
            return
        from models import recycle_bin as bin_

        try:
            bin_.move_to_bin(kind, [record.uuid for record in chosen], self.context.unit_code)
        except bin_.DeleteRefused as exc:
            messages.error(self, str(exc), title=_("Delete"))
            return
        self.refresh()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        kind = "awards" if self.current_tab() is self.awards else "nominations"
        show_recycle_bin(self, kind)

    def print_form(self) -> None:
        """The selected nomination's own form (最美家庭推荐表 or 候选人审批表); on the register's tab, the register."""
        if self.current_tab() is self.awards:
            self._form("awards", ".pdf")
            return
        chosen = self.nominations.selected()
        if len(chosen) != 1:
            messages.info(self, _("Select the nomination whose form you want to print."))
            return
        nomination = chosen[0]
        if nomination.award == "most_beautiful_family":
            name = "family-nomination"
        elif nomination.award in ("red_banner", "red_banner_collective"):
            name = "red-banner-nomination"
        else:
            messages.info(self, _("The program has a form for Most Beautiful Family and Red-Banner nominations only."))
            return
        self._form(name, ".pdf", record_id=nomination.uuid, unit=nomination.unit)

    def export(self) -> None:
        self._form("awards" if self.current_tab() is self.awards else "family-nominations", ".xlsx")

    def _form(self, name: str, suffix: str, record_id: str | None = None, unit: str | None = None) -> None:
        from gui.printing.actions import form_options, print_or_save

        options = form_options(self, self.context, name, suffix)
        if options is None:
            return
        options.record_id = record_id
        options.year = None if record_id else self.year()
        if unit:
            options.unit_code = unit
        print_or_save(self, self.context, name, suffix, options=options)
