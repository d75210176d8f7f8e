"""两癌检查: a year's "two cancers" screening round, its women, their sign-up and examination dates.

The round row picks the year (and the round when a year has more than one)
and creates or edits rounds. The women's list is filtered by status; select
rows (Shift/Ctrl, Ctrl+A) and press Ctrl+R (signed up) or Ctrl+T (examined)
to give them a date. No result of an examination is ever kept.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
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
from gui.context import AppContext
from gui.screening.dialogs import EXAMINED, SIGN_UP
from gui.screening.table import WomanTableModel
from models import screening as sc
from models.i18n import N_, _, format_percent, ngettext
from models.recycle_bin import DeleteRefused, move_to_bin
from models.units import is_above_village

RECYCLE_BIN, FROM_ROSTER, NEW_ROUND, EDIT_ROUND = "recycle_bin", "from_roster", "new_round", "edit_round"
PRINTS = (
    ("screening-signup", "pdf", N_('"Two cancers" screening sign-up register (PDF)')),
    ("screening-signup", "xlsx", N_('"Two cancers" screening sign-up register (Excel)')),
    ("screening-progress", "pdf", N_('"Two cancers" screening progress (PDF)')),
    ("screening-progress", "xlsx", N_('"Two cancers" screening progress (Excel)')),
)


def progress_text(totals: sc.Totals) -> str:
    """名额 60 · 适龄 85 · 已报名 74 · 已检查 54（名额的 90.0%）."""
    text = " · ".join(
        [
            _("Quota {n}").format(n=totals.quota),
            _("Eligible {n}").format(n=totals.eligible),
            _("Signed up {n}").format(n=totals.signed_up),
            _("Examined {n}").format(n=totals.examined),
        ]
    )
    share = totals.share()
    if share is not None:
        text += _(" ({share} of the quota)").format(share=format_percent(share))
    return text


class ScreeningPage(Page):
    """The 两癌检查 page."""

    sensitive = True  # names of parties, children or screened women: behind the start-up password

    supported = frozenset({NEW, EDIT, DELETE, IMPORT, PRINT, SEARCH})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.dialog = None
        self.toolbar = page_toolbar()
        self.actions_by_name: dict[str, QAction] = {}
        add_page_actions(
            self,
            self.toolbar,
            self.actions_by_name,
            [
                (NEW, _("Add"), _("Add a woman to the round by hand (Ctrl+N)"), "new", QStyle.SP_FileIcon),
                (EDIT, _("Edit"), _("Edit the selected woman (Enter)"), "edit", QStyle.SP_FileDialogDetailedView),
                (
                    DELETE,
                    _("Delete"),
                    _("Move the selected women to the recycle bin (Delete)"),
                    "delete",
                    QStyle.SP_TrashIcon,
                ),
                None,
                (
                    SIGN_UP,
                    _("Signed up"),
                    _("Give the selected women a sign-up date (Ctrl+R)"),
                    "ok",
                    QStyle.SP_DialogApplyButton,
                ),
                (
                    EXAMINED,
                    _("Examined"),
                    _("Give the selected women an examination date (Ctrl+T)"),
                    "ok",
                    QStyle.SP_DialogApplyButton,
                ),
                None,
                (
                    FROM_ROSTER,
                    _("From the roster"),
                    _("Add the women of 35 to 64 on the members' list"),
                    "people",
                    QStyle.SP_DirIcon,
                ),
                (IMPORT, _("Import"), _("Import the women from Excel (Ctrl+I)"), "import", QStyle.SP_DialogOpenButton),
                (RECYCLE_BIN, _("Recycle bin"), _("Deleted women and rounds"), "restore", QStyle.SP_BrowserReload),
            ],
            self.trigger,
        )
        self.actions_by_name[SIGN_UP].setShortcut(QKeySequence("Ctrl+R"))
        self.actions_by_name[EXAMINED].setShortcut(QKeySequence("Ctrl+T"))
        for name in (SIGN_UP, EXAMINED):
            self.actions_by_name[name].setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.addAction(self.actions_by_name[name])
        menu = QMenu(self)
        for form_name, suffix, text in PRINTS:
            menu.addAction(_(text), lambda f=form_name, s=suffix: self.print_form(f, s))
        add_menu_action(
            self,
            self.toolbar,
            themed_icon(self, "print", QStyle.SP_FileDialogContentsView),
            _("Print"),
            _("Print the sign-up register or the progress (Ctrl+P)"),
            menu,
            lambda: self.print_form("screening-signup", "pdf"),
        )

        # The round: year, round, new and edit.
        self.year = QComboBox()
        self.round = QComboBox()
        self.new_round_button = QPushButton(_("New round"))
        self.edit_round_button = QPushButton(_("Edit round"))
        self.delete_round_button = QPushButton(_("Delete round"))
        self.delete_round_button.clicked.connect(self.delete_round)
        self.new_round_button.clicked.connect(lambda: self.trigger(NEW_ROUND))
        self.edit_round_button.clicked.connect(lambda: self.trigger(EDIT_ROUND))
        self.new_round_button.setToolTip(_("New round (Ctrl+Shift+N)"))
        self.edit_round_button.setToolTip(_("Edit round (Ctrl+Shift+R)"))
        for keys, name in (("Ctrl+Shift+N", NEW_ROUND), ("Ctrl+Shift+R", EDIT_ROUND)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, n=name: self.trigger(n))
            self.addAction(action)
        year_label = QLabel(_("Year"))
        year_label.setBuddy(self.year)
        round_label = QLabel(_("Round"))
        round_label.setBuddy(self.round)
        self.round_line = QLabel()
        self.round_line.setWordWrap(True)
        round_row = QHBoxLayout()
        for widget in (
            year_label,
            self.year,
            round_label,
            self.round,
            self.new_round_button,
            self.edit_round_button,
            self.delete_round_button,
        ):
            round_row.addWidget(widget)
        round_row.addWidget(self.round_line, 1)

        # The women: by status and words.
        self.status = QComboBox()
        self.status.addItem(_("All women"), None)
        for code, label in sc.STATUS.choices():
            self.status.addItem(label, code)
        status_label = QLabel(_("Show"))
        status_label.setBuddy(self.status)
        placeholder = _("Name or group")
        width = self.fontMetrics().horizontalAdvance(placeholder) + 2 * (self.fontMetrics().height() + 12)
        self.search, self._search_timer = search_box(self, placeholder, width, width + 80, self._apply_filters)
        filter_row = QHBoxLayout()
        filter_row.addWidget(status_label)
        filter_row.addWidget(self.status)
        filter_row.addWidget(self.search)
        filter_row.addStretch(1)

        self.model = WomanTableModel(context.unit_code)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_row_table(self.table, QAbstractItemView.ExtendedSelection)
        self.table.horizontalHeader().setSortIndicator(*self.model.sort_state())
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.trigger(EDIT))
        box, self.count_label = table_with_count(self.table)
        self.empty = muted_note()
        self.stack = QStackedWidget()
        self.stack.addWidget(box)
        self.stack.addWidget(self.empty)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.progress.setStyleSheet("font-weight: bold;")

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(round_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.progress)
        self._fill_years()
        self.year.currentIndexChanged.connect(lambda _i: self._year_changed())
        self.round.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.status.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self._year_changed()

    # --- the round ------------------------------------------------------------------------

    def _fill_years(self, keep: int | None = None) -> None:
        chosen = keep or self.year.currentData() or _dt.date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for year in sorted(set(sc.years(self.context.unit_code)) | {_dt.date.today().year, chosen}, reverse=True):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(chosen), 0))
        self.year.blockSignals(False)

    def _year_changed(self, keep: str | None = None) -> None:
        chosen = keep or self.round.currentData()
        self.round.blockSignals(True)
        self.round.clear()
        for screening_round in sc.rounds(self.context.unit_code, self.year.currentData()):
            self.round.addItem(sc.round_title(screening_round), screening_round.uuid)
        self.round.setCurrentIndex(max(self.round.findData(chosen), 0))
        self.round.blockSignals(False)
        self._apply_filters()

    def current_round(self) -> sc.ScreeningRound | None:
        return sc.live_round(self.round.currentData())

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_filters(self.round.currentData(), self.status.currentData(), self.search.text())
        self.update_state()

    def update_state(self) -> None:
        screening_round = self.current_round()
        has_round = screening_round is not None
        self.round.setEnabled(self.round.count() > 1)
        self.edit_round_button.setEnabled(has_round)
        self.delete_round_button.setEnabled(has_round)
        for name in (NEW, EDIT, DELETE, SIGN_UP, EXAMINED, FROM_ROSTER, IMPORT):
            self.actions_by_name[name].setEnabled(has_round)
        if screening_round is None:
            self.round_line.setText("")
            self.progress.setText("")
            text = _("No screening round for {year} yet — New round (Ctrl+Shift+N) enters the township's quota.")
            text = text.format(year=self.year.currentData())
            if is_above_village(self.context.unit_code):
                # The villages' women never travel: what comes up is their counts.
                below = _("The villages' lists stay in the villages; Print shows their progress from the counts.")
                text += "\n" + below
            self.empty.setText(text)
            self.stack.setCurrentIndex(1)
            return
        parts = [screening_round.place] if screening_round.place else []
        if screening_round.starts_on:
            end = screening_round.ends_on.isoformat() if screening_round.ends_on else ""
            parts.append(f"{screening_round.starts_on.isoformat()} – {end}".strip())
        self.round_line.setText(" · ".join(parts))
        self.progress.setText(progress_text(sc.totals(screening_round)))
        has_rows = self.model.rowCount() > 0
        if not has_rows:
            if self.model.scope_has_records() and self.model.total() == 0 and self._has_women(screening_round):
                self.empty.setText(_("No women match the filter."))
            else:
                self.empty.setText(
                    _(
                        "No women in this round yet — From the roster adds the women of 35 to 64 on the members' "
                        "list, Import (Ctrl+I) reads a list from Excel, Add (Ctrl+N) enters one."
                    )
                )
        self.stack.setCurrentIndex(0 if has_rows else 1)
        self.count_label.setText(ngettext("{n} woman", "{n} women", self.model.total()).format(n=self.model.total()))
        if has_rows and not self.table.selectionModel().hasSelection():
            select_row(self.table, 0)

    @staticmethod
    def _has_women(screening_round: sc.ScreeningRound) -> bool:
        return sc.totals(screening_round).eligible > 0

    # --- actions --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_years()
        self._year_changed()

    def selected(self) -> list[sc.ScreeningWoman]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [w for w in (self.model.record_at(r) for r in rows) if w is not None]

    def trigger(self, action: str) -> None:
        handler = {
            NEW: self.new_woman,
            EDIT: self.edit_woman,
            DELETE: self.delete_women,
            IMPORT: self.import_women,
            PRINT: lambda: self.print_form("screening-signup", "pdf"),
            SEARCH: self.focus_search,
            SIGN_UP: lambda: self.mark(SIGN_UP),
            EXAMINED: lambda: self.mark(EXAMINED),
            FROM_ROSTER: self.add_from_roster,
            RECYCLE_BIN: self.open_recycle_bin,
            NEW_ROUND: lambda: self.open_round(None),
            EDIT_ROUND: lambda: self.open_round(self.current_round()),
        }.get(action)
        if handler is not None:
            handler()

    def focus_search(self) -> None:
        from gui.common.page_parts import focus_search

        focus_search(self.search)

    def open_round(self, screening_round: sc.ScreeningRound | None) -> None:
        from gui.screening.dialogs import RoundDialog

        if screening_round is None and self.round.count() == 0 and self.year.currentData():
            dialog = RoundDialog(self.context, None, self, year=self.year.currentData())
        else:
            dialog = RoundDialog(self.context, screening_round, self, year=self.year.currentData())
        open_dialog(self, dialog, self._round_saved)

    def _round_saved(self, dialog) -> None:
        saved = dialog.saved_record
        self._fill_years(keep=saved.year)
        self._year_changed(keep=saved.uuid)
        self.table.setFocus()

    def new_woman(self) -> None:
        from gui.screening.dialogs import WomanDialog

        screening_round = self.current_round()
        if screening_round is not None:
            open_dialog(self, WomanDialog(self.context, screening_round, None, self), self._woman_saved)

    def edit_woman(self) -> None:
        from gui.screening.dialogs import WomanDialog

        screening_round, chosen = self.current_round(), self.selected()
        if screening_round is not None and chosen:
            open_dialog(self, WomanDialog(self.context, screening_round, chosen[0], self), self._woman_saved)

    def _woman_saved(self, dialog) -> None:
        self.model.reload()
        self.update_state()
        if dialog.saved_record is not None:
            select_row(self.table, self.model.row_of(dialog.saved_record.uuid))
        self.table.setFocus()

    def mark(self, mark: str) -> None:
        from gui.screening.dialogs import MarkDialog

        chosen = self.selected()
        if not chosen:
            messages.info(
                self, _("Select the women first (Shift or Ctrl with the arrows or the mouse, Ctrl+A for all).")
            )
            return
        uuids = [w.uuid for w in chosen]
        open_dialog(self, MarkDialog(self.context, mark, uuids, self), lambda _d: self._marked(uuids))

    def _marked(self, uuids: list[str]) -> None:
        self.model.reload()
        self.update_state()
        if uuids:
            select_row(self.table, self.model.row_of(uuids[0]))
        self.table.setFocus()

    def add_from_roster(self) -> None:
        screening_round = self.current_round()
        if screening_round is None:
            return
        found = sc.eligible_from_roster(self.context.unit_code, screening_round)
        if not found:
            messages.info(self, _("No woman of 35 to 64 on the members' list is missing from this round."))
            return
        text = ngettext(
            "Add {n} woman of 35 to 64 from the members' list to the round?",
            "Add {n} women of 35 to 64 from the members' list to the round?",
            len(found),
        ).format(n=len(found))
        if not messages.confirm(self, text, title=_("From the roster")):
            return
        sc.add_from_roster(self.context.unit_code, screening_round)
        self.model.reload()
        self.update_state()

    def delete_women(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        text = ngettext("Move {n} woman to the recycle bin?", "Move {n} women to the recycle bin?", len(chosen)).format(
            n=len(chosen)
        )
        if not messages.confirm(self, text, title=_("Delete")):
            return
        try:
            move_to_bin("screening_women", [w.uuid for w in chosen], self.context.unit_code)
        except DeleteRefused as exc:
            messages.error(self, str(exc), title=_("Delete"))
            return
        self.model.reload()
        self.update_state()
        self.table.setFocus()

    def delete_round(self) -> None:
        screening_round = self.current_round()
        if screening_round is None:
            return
        text = _("Move the round {title} and its women to the recycle bin?").format(
            title=sc.round_title(screening_round)
        )
        if messages.confirm(self, text, title=_("Delete")):
            move_to_bin("screening_rounds", [screening_round.uuid], self.context.unit_code)
            self.refresh()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        show_recycle_bin(self, "screening_women", on_accept=lambda _d: self.refresh())

    def import_women(self) -> None:
        from gui.screening.import_dialog import ScreeningImportDialog

        screening_round = self.current_round()
        if screening_round is None:
            return
        dialog = ScreeningImportDialog(self.context, screening_round, self)
        open_dialog(self, dialog, lambda _d: self.refresh())
        dialog.choose_file()

    def print_form(self, form_name: str, suffix: str) -> None:
        from gui.printing.actions import form_options, print_or_save

        options = form_options(self, self.context, form_name, suffix)
        if options is None:
            return
        options.year = self.year.currentData()
        print_or_save(self, self.context, form_name, suffix, options=options)
