"""换届选举: the unit's elections, the current term's end, and the guided entry of an election."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.page import DELETE, EDIT, NEW, PRINT, Page
from gui.common.page_parts import (
    EmptyState,
    ListStack,
    add_page_actions,
    detail_splitter,
    open_dialog,
    page_toolbar,
    page_top_row,
    select_row,
    setup_row_table,
    themed_icon,
)
from gui.common.unit_filter import READ_ONLY_TIP, UnitFilter, guard_actions, is_read_only
from gui.context import AppContext
from gui.elections.election_detail import ElectionDetail
from gui.people.page import RECYCLE_BIN
from models.elections import records as er
from models.i18n import N_, _, format_date, format_list_date, ngettext
from models.listing import Scope, unit_names
from models.recycle_bin import DeleteRefused, move_to_bin

CROSS_CHECK = "cross_check"
CURRENT_BACKGROUND = QColor("#E3F0F8")
SOON_COLOUR = "#9A5B00"

COLUMNS = (N_("Term"), N_("Kind"), N_("Status"), N_("Congress date"), N_("Term ends"))
TERM, KIND, STATUS, DATE, TERM_END = range(len(COLUMNS))
UNIT = len(COLUMNS)  # shown only with units below

# The printed forms of an election: (form name, menu text, per round?, suffix).
PRINT_FORMS = (
    ("ballot", N_("Ballot — {round}"), True, "pdf"),
    ("tally", N_("Tally sheet — {round}"), True, "pdf"),
    ("election", N_("Election result report"), False, "pdf"),
    ("composition", N_("Composition statistics (PDF)"), False, "pdf"),
    ("composition", N_("Composition statistics (Excel)"), False, "xlsx"),
)


class ElectionTableModel(QAbstractTableModel):
    """The unit's live elections; a unit has a handful, so all are loaded at once (only the shown columns)."""

    def __init__(self, unit_code: str, parent=None):
        super().__init__(parent)
        self.unit_code = unit_code  # the own unit
        self.unit_choice = unit_code  # whose elections are shown (see unit_filter)
        self.rows: list[er.ElectionRow] = []
        self.current_uuids: set[str] = set()
        self._unit_names: dict[str, str] = {}
        self._headers: tuple[str, ...] = COLUMNS
        self._texts: dict[int, tuple[str, ...]] = {}
        self.reload()

    def shows_units_below(self) -> bool:
        return self.unit_choice != self.unit_code

    def set_unit_choice(self, choice: str) -> None:
        """Show the own unit's elections, one unit's below it, or all below (models.listing.ALL_BELOW)."""
        choice = choice or self.unit_code
        if choice != self.unit_choice:
            self.unit_choice = choice
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        listed = er.list_elections(Scope(self.unit_code, self.unit_choice))
        self.rows = listed.elections
        self.current_uuids = set(listed.current)
        self._unit_names = unit_names() if self.shows_units_below() else {}
        self._headers = COLUMNS + ((N_("Unit"),) if self.shows_units_below() else ())
        self._texts = {}
        self.endResetModel()

    def election_at(self, row: int) -> er.ElectionRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, uuid: str) -> int:
        return next((i for i, e in enumerate(self.rows) if e.uuid == uuid), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def headers(self) -> tuple[str, ...]:
        return self._headers

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        headers = self._headers
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(headers):
            return _(headers[section])
        return None

    def flags(self, index):
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemNeverHasChildren if index.isValid() else Qt.NoItemFlags

    def _row_texts(self, row: int) -> tuple[str, ...]:
        """The texts of a row's cells, made once per reload (sizing the columns reads every cell often)."""
        texts = self._texts.get(row)
        if texts is None:
            election = self.rows[row]
            texts = self._texts[row] = (
                _("Term {n}").format(n=election.term_number) if election.term_number else "—",
                _(er.KINDS.get(election.kind, election.kind)),
                _(er.STATUSES.get(election.status, election.status)),
                format_list_date(election.meeting_date) or _("not held yet"),
                format_list_date(election.term_end),
                self._unit_names.get(election.unit, election.unit),
            )
        return texts

    def data(self, index, role=Qt.DisplayRole):
        if role not in SHOWN_ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self.rows) or column >= len(self._headers):
            return None
        if role == Qt.DisplayRole:
            return self._row_texts(row)[column]
        current = self.rows[row].uuid in self.current_uuids
        if role == Qt.ToolTipRole:
            if current and column == TERM_END:
                return _("The current term ends on {date}.").format(date=format_date(self.rows[row].term_end))
            return self._row_texts(row)[column]
        if current and role == Qt.BackgroundRole:
            return CURRENT_BRUSH
        if current and role == Qt.FontRole and column in (TERM, TERM_END):
            font = QFont()  # made now: the application's font may have changed size
            font.setBold(True)
            return font
        return None


SHOWN_ROLES = frozenset({Qt.DisplayRole, Qt.ToolTipRole, Qt.BackgroundRole, Qt.FontRole})
CURRENT_BRUSH = QBrush(CURRENT_BACKGROUND)


class ElectionsPage(Page):
    """The list of the unit's elections with a detail pane, a summary of the current term, and printing."""

    supported = frozenset({NEW, EDIT, DELETE, PRINT})
    # Finalising changed people's posts: pages showing them should reload.
    roster_changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.model = ElectionTableModel(context.unit_code, self)
        self._opened: er.Election | None = None  # the selected election as read (see current_election)
        self.model.modelReset.connect(self._forget_opened)
        self.dialog = None  # the dialog open now, if any (tests drive it)
        self.today = None  # tests may fix the day the summary counts from
        self._build()
        self._update_state()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        self.toolbar = page_toolbar()
        add_page_actions(
            self,
            self.toolbar,
            self.actions_by_name,
            (
                (NEW, _("New"), _("Enter a new election (Ctrl+N)"), "new", QStyle.SP_FileIcon),
                (
                    EDIT,
                    _("Edit"),
                    _("Open the selected election (Ctrl+E, Enter or double-click)"),
                    "edit",
                    QStyle.SP_FileDialogDetailedView,
                ),
                (
                    DELETE,
                    _("Delete"),
                    _("Move the selected election to the recycle bin (Delete)"),
                    "delete",
                    QStyle.SP_TrashIcon,
                ),
                (
                    PRINT,
                    _("Print"),
                    _("Ballots, tally sheets, the result report and statistics as PDF (Ctrl+P)"),
                    "print",
                    QStyle.SP_FileDialogListView,
                ),
                (
                    RECYCLE_BIN,
                    _("Recycle bin"),
                    _("Show deleted elections and restore them (Ctrl+Shift+R)"),
                    "restore",
                    QStyle.SP_BrowserReload,
                ),
            ),
            self.trigger,
        )
        self.toolbar.insertSeparator(self.actions_by_name[RECYCLE_BIN])
        self.actions_by_name[RECYCLE_BIN].setShortcut(QKeySequence("Ctrl+Shift+R"))  # this page's own
        self.print_menu = QMenu(self)
        self.print_menu.aboutToShow.connect(self._fill_print_menu)
        print_action = self.actions_by_name[PRINT]
        print_action.setMenu(self.print_menu)
        button = self.toolbar.widgetForAction(print_action)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.InstantPopup)
        self.print_button = button
        self.cross_check_menu = QMenu(self)
        self.cross_check_menu.aboutToShow.connect(self._fill_cross_check_menu)
        cross_check = QAction(
            themed_icon(self, "ok", QStyle.SP_DialogApplyButton), _("Cross-check with scanned ballots…"), self
        )
        cross_check.setToolTip(
            _(
                "Read the ballots of a vote from scans or phone photos (all of them in one go: several files "
                "or a whole folder, in colour so that the seal is not taken for a mark) and set their totals "
                "beside the scrutineers' hand count; the hand count stays the official result"
            )
        )
        cross_check.setMenu(self.cross_check_menu)
        self.toolbar.insertAction(self.actions_by_name[RECYCLE_BIN], cross_check)
        self.actions_by_name[CROSS_CHECK] = cross_check
        button = self.toolbar.widgetForAction(cross_check)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.InstantPopup)
        self.cross_check_button = button

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setContentsMargins(4, 2, 4, 6)

        self.table = QTableView()
        self.table.setModel(self.model)
        setup_row_table(self.table, QAbstractItemView.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.trigger(EDIT))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        self.detail = ElectionDetail()
        self.splitter = detail_splitter(Qt.Horizontal, self.table, self.detail, (3, 2), [560, 420])

        self.empty_state = EmptyState(
            _("No elections yet"),
            _(
                "No election has been recorded yet — enter one with New (Ctrl+N): its steps, the meeting, the "
                "votes and the committee it elects."
            ),
        )
        self.empty_state.add_button(_("New election"), self.actions_by_name[NEW].icon(), lambda: self.trigger(NEW))

        self.stack = ListStack(self.splitter, self.empty_state)

        self.unit_filter = UnitFilter(self.context.unit_code, self)
        self.unit_filter.unit_changed.connect(self._apply_unit)
        top = page_top_row(self.toolbar, self.unit_filter)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)

    # --- state ----------------------------------------------------------------------------

    def selected_row(self) -> er.ElectionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.election_at(rows[0].row()) if rows else None

    def current_election(self) -> er.Election | None:
        """The selected election, the whole record (read once per selection; the table holds a few columns)."""
        row = self.selected_row()
        if row is None:
            return None
        if self._opened is None or self._opened.uuid != row.uuid:
            self._opened = er.get_election(row.uuid)
        return self._opened

    def _forget_opened(self) -> None:
        self._opened = None

    def select_election(self, uuid: str) -> bool:
        return select_row(self.table, self.model.row_of(uuid))

    def _selection_changed(self) -> None:
        election = self.current_election()
        self.detail.show_election(election)
        guard_actions(
            [self.actions_by_name[EDIT], self.actions_by_name[DELETE]], election is not None, is_read_only(election)
        )
        self.actions_by_name[PRINT].setEnabled(election is not None)
        self.actions_by_name[CROSS_CHECK].setEnabled(election is not None and not is_read_only(election))

    def _apply_unit(self, choice: str) -> None:
        self.model.set_unit_choice(choice)
        self._update_state()

    def _update_state(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.stack.show_for(has_rows)
        self.summary.setText(self.summary_text())
        if has_rows and self.selected_row() is None:
            self.select_election(self.model.rows[0].uuid)
        self._selection_changed()

    def summary_text(self) -> str:
        """One line: the current term and when the next election is due."""
        current = er.current_election(self.context.unit_code)
        status = er.term_status(current, self.today or _dt.date.today()) if current is not None else None
        if current is None or status is None:
            return _("No election has been finalised yet, so the end of the current term is not known.")
        months = status.months_left
        end = format_date(status.end)
        if status.ended:
            when = _("it ended on {date}: the next election is due").format(date=end)
        elif months < 1:
            when = _("it ends on {date}, within a month").format(date=end)
        else:
            when = ngettext("it ends on {date}, in {n} month", "it ends on {date}, in {n} months", months).format(
                date=end, n=months
            )
        text = _("Current term: {title}, elected {start}; next term end: {when}.").format(
            title=current.title(), start=format_date(current.term_start), when=when
        )
        if status.due_soon:
            return f'<span style="color:{SOON_COLOUR}">⚠ {text}</span>'
        return text

    def state(self) -> str:
        """ "table" or "empty": what the page shows now."""
        return self.stack.state()

    # --- actions -------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.selected_row()
        self.unit_filter.refresh_units()
        self.model.reload()
        if keep is not None:
            self.select_election(keep.uuid)
        self._update_state()

    def trigger(self, action: str) -> None:
        handler = {
            NEW: self.new_election,
            EDIT: self.edit_election,
            DELETE: self.delete_election,
            PRINT: self.show_print_menu,
            RECYCLE_BIN: self.open_recycle_bin,
        }.get(action)
        if handler is not None:
            handler()

    def new_election(self) -> None:
        from gui.elections.election_dialog import ElectionDialog

        open_dialog(self, ElectionDialog(self.context, None, self), self._saved)

    def edit_election(self) -> None:
        election = self.current_election()
        if election is None or is_read_only(election):
            return
        stored = er.get_election(election.uuid)  # afresh: the row may be older than the record
        if stored is None:  # gone meanwhile (restored or deleted elsewhere): show what is there now
            self.refresh()
            return
        from gui.elections.election_dialog import ElectionDialog

        open_dialog(self, ElectionDialog(self.context, stored, self), self._saved)

    def _saved(self, dialog) -> None:
        if dialog.election is not None and self.model.shows_units_below():
            self.unit_filter.set_choice(self.context.unit_code)  # what was saved is the own unit's
        self.model.reload()
        if dialog.election is not None:
            self.select_election(dialog.election.uuid)
        self._update_state()
        self.table.setFocus()
        if dialog.finalised_now or dialog.election is not None and dialog.election.term_start:
            self.roster_changed.emit()
        if dialog.finalised_now:
            names = [m.person.name for m in dialog.election.members()]
            messages.info(
                self,
                _("The election is finalised. The committee roster now follows it ({n} members).").format(n=len(names)),
                title=_("Finalise"),
            )

    def delete_election(self) -> None:
        election = self.current_election()
        if election is None or is_read_only(election):
            return
        text = _("Move the election {title} to the recycle bin? The committee roster stays as it is.").format(
            title=election.title()
        )
        if not messages.confirm(self, text, title=_("Delete")):
            return
        row = self.model.row_of(election.uuid)
        try:
            move_to_bin("elections", [election.uuid], self.context.unit_code)
        except DeleteRefused as refused:
            messages.error(self, str(refused), title=_("Delete"))
            return
        self.model.reload()
        if self.model.rowCount():
            self.select_election(self.model.rows[min(row, self.model.rowCount() - 1)].uuid)
        self._update_state()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        show_recycle_bin(self, "elections", self._saved)

    # --- printing --------------------------------------------------------------------------

    def print_choices(self) -> list[tuple[str, str, str, str]]:
        """(menu text, form name, record id, suffix) for the selected election."""
        election = self.current_election()
        if election is None:
            return []
        rounds = er.named_rounds(election)
        choices = []
        for form, text, per_round, suffix in PRINT_FORMS:
            if per_round:
                for round_, title in rounds:
                    choices.append((_(text).format(round=title), form, round_.uuid, suffix))
            else:
                choices.append((_(text), form, election.uuid, suffix))
        return choices

    # --- cross-checking with scanned ballots ---------------------------------------------------

    def _fill_cross_check_menu(self) -> None:
        self.cross_check_menu.clear()
        election = self.current_election()
        rounds = er.named_rounds(election) if election is not None else []
        if not rounds:
            note = self.cross_check_menu.addAction(_("The election has no vote yet: add one first."))
            note.setEnabled(False)
        for round_, title in rounds:
            action = self.cross_check_menu.addAction(_("{round}…").format(round=title))
            action.triggered.connect(lambda _c=False, r=round_, t=title: self.cross_check(r, t, folder=False))
            folder = self.cross_check_menu.addAction(_("{round}, a whole folder…").format(round=title))
            folder.triggered.connect(lambda _c=False, r=round_, t=title: self.cross_check(r, t, folder=True))

    def show_cross_check_menu(self) -> None:
        if self.current_election() is None:
            return
        anchor = self.cross_check_button if self.cross_check_button is not None else self.toolbar
        self.cross_check_menu.popup(anchor.mapToGlobal(anchor.rect().bottomLeft()))

    def cross_check(self, round_: er.ElectionRound, title: str, folder: bool = False) -> None:
        """Read scanned ballots of ``round_`` in a worker and set them beside its hand count."""
        if is_read_only(round_):
            messages.info(self, _(READ_ONLY_TIP))
            return
        from gui.paper import scans
        from gui.paper.ballot_dialog import CrossCheckDialog

        paths = scans.choose_folder(self) if folder else scans.choose_files(self)
        if not paths:
            return
        readings = scans.read_scans(self, paths)
        if readings is None:
            return
        open_dialog(self, CrossCheckDialog(round_, title, readings, self), lambda _d: self._refresh_detail())

    def _refresh_detail(self) -> None:
        self._forget_opened()
        self.detail.show_election(self.current_election())

    def _fill_print_menu(self) -> None:
        self.print_menu.clear()
        election = self.current_election()
        if election is not None and not list(election.rounds()):
            note = self.print_menu.addAction(_("Ballots and tally sheets need candidates: add a vote first."))
            note.setEnabled(False)
        for text, form, record_id, suffix in self.print_choices():
            action = self.print_menu.addAction(QIcon(), text)
            action.triggered.connect(lambda _c=False, f=form, r=record_id, s=suffix: self.print_form(f, r, s))

    def show_print_menu(self) -> None:
        if self.current_election() is None:
            return
        anchor = self.print_button if self.print_button is not None else self.toolbar
        self.print_menu.popup(anchor.mapToGlobal(anchor.rect().bottomLeft()))

    def print_form(self, form: str, record_id: str | None = None, suffix: str = "pdf"):
        """Save one of the election's forms; the path written, or None."""
        from forms.registry import FormOptions
        from gui.printing.actions import print_or_save

        election = self.current_election()
        record_id = record_id or (election.uuid if election else None)
        year = election.meeting_date.year if election is not None and election.meeting_date else None
        # A village's election seen at the county prints as that village's form; the
        # composition table is always this installation's own (with the units below).
        unit_code = election.unit if election is not None and form != "composition" else self.context.unit_code
        options = FormOptions(unit_code=unit_code, record_id=record_id, year=year if form == "composition" else None)
        return print_or_save(self, self.context, form, suffix, options=options)
