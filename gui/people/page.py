"""执委与妇女骨干: the unit's people, searched, edited, imported and printed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.page import DELETE, EDIT, EXPORT, IMPORT, NEW, PRINT, SEARCH, Page
from gui.common.page_parts import (
    EmptyState,
    ListStack,
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
)
from gui.common.unit_filter import UnitFilter, guard_actions, is_read_only
from gui.context import AppContext
from gui.people.person_table import PersonTableModel
from models import codes
from models.awards import award_phrase, awards_of_person
from models.i18n import _, format_year_month, ngettext
from models.people import Person, get_person, mask_id_number

RECYCLE_BIN = "recycle_bin"
ROSTER_FORM = "roster"


COLUMN_ROOM = 6  # px beyond a column's widest text, so that columns do not run into each other


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class PersonDetail(QScrollArea):
    """Everything about the selected person, read-only, ID number masked until "show in full" is asked for."""

    reveal_requested = Signal()  # the page asks the password, logs the reveal and calls show_full_id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.person: Person | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        # Long values wrap instead of scrolling sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        # Room for a masked ID number (18 characters that cannot wrap); its label goes above it when narrow.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0" * 18) + 3 * 12)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.placeholder = muted_note(_("Select a person to see the details."))
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        # A narrow pane puts the value under its label rather than cutting it off.
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("sex", _("Sex")),
            ("ethnicity", _("Ethnicity")),
            ("birth", _("Born")),
            ("id_number", _("ID number")),
            ("education", _("Education")),
            ("political", _("Political status")),
            ("post", _("Post")),
            ("part_time", _("Part-time")),
            ("workplace", _("Workplace and position")),
            ("two_committees", _("In the two committees")),
            ("phone", _("Phone")),
            ("notes", _("Notes")),
            ("awards", _("Honours")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.values[key] = value
            self.form.addRow(QLabel(label), value)
            if key == "id_number":
                self.reveal_button = QPushButton(_("Show the full ID number"))
                self.reveal_button.setObjectName("reveal_id_number")
                self.reveal_button.setToolTip(_("Asks the password (when one is set); every reveal is logged"))
                self.reveal_button.clicked.connect(self.reveal_requested)
                reveal_row = QHBoxLayout()
                reveal_row.setContentsMargins(0, 0, 0, 0)
                reveal_row.addWidget(self.reveal_button)
                reveal_row.addStretch(1)
                self.reveal_row = self.form.rowCount()
                self.form.addRow("", reveal_row)
        self.revealed = False
        self.setMinimumWidth(max(self.minimumWidth(), self.reveal_button.sizeHint().width() + 3 * 12))
        self.identities_title = QLabel(_("Identity categories"))
        self.identities_box = QVBoxLayout()
        self.identities_box.setSpacing(4)
        self.identities_box.setContentsMargins(0, 0, 0, 0)
        self.identity_labels: list[QLabel] = []
        layout.addWidget(self.placeholder)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addSpacing(6)
        layout.addWidget(self.identities_title)
        layout.addLayout(self.identities_box)
        layout.addStretch(1)
        self.setWidget(body)
        self.show_person(None)

    def show_person(self, person: Person | None) -> None:
        self.person = person
        self.revealed = False
        shown = person is not None
        self.placeholder.setVisible(not shown)
        for widget in (self.title, self.subtitle, self.identities_title):
            widget.setVisible(shown)
        for i in range(self.form.rowCount()):
            self.form.setRowVisible(i, shown)
        self.form.setRowVisible(self.reveal_row, shown and bool(person.id_number))
        for label in self.identity_labels:
            label.deleteLater()
        self.identity_labels = []
        if not shown:
            return
        self.title.setText(person.name)
        self.subtitle.setText(codes.POST.label(person.post))
        self.subtitle.setVisible(bool(person.post))
        ym = person.birth_year_month
        texts = {
            "sex": codes.SEX.label(person.sex),
            "ethnicity": codes.ETHNICITY.label(person.ethnicity),
            "birth": format_year_month(*ym) if ym else "",
            "id_number": mask_id_number(person.id_number),
            "education": codes.EDUCATION.label(person.education),
            "political": codes.POLITICAL.label(person.political),
            "post": codes.POST.label(person.post),
            "part_time": _yes_no(person.part_time),
            "workplace": person.workplace,
            "two_committees": _yes_no(person.two_committees),
            "phone": person.phone,
            "notes": person.notes,
            "awards": "\n".join(award_phrase(award) for award in awards_of_person(person.uuid)),
        }
        for key, text in texts.items():
            self.values[key].setText(text or "—")
        for code in person.identity_codes:
            chip = QLabel(codes.IDENTITY.label(code))
            chip.setObjectName("identityChip")
            # Full width and wrapped: a word-wrapped label only gets its true height when the
            # layout decides its width (a shrink-to-fit label turns into a tall narrow box).
            chip.setWordWrap(True)
            chip.setStyleSheet(
                "#identityChip { background: palette(alternate-base); border: 1px solid palette(mid);"
                " border-radius: 6px; padding: 3px 8px; }"
            )
            self.identities_box.addWidget(chip)
            self.identity_labels.append(chip)
        if not person.identity_codes:
            none = QLabel("—")
            self.identities_box.addWidget(none)
            self.identity_labels.append(none)

    def show_full_id(self, number: str) -> None:
        """The selected person's ID number in full, until another person is selected (or the program locks)."""
        if self.person is None or not number:
            return
        self.values["id_number"].setText(number)
        self.revealed = True
        self.form.setRowVisible(self.reveal_row, False)

    def hide_full_id(self) -> None:
        """Back to the masked number (the program is about to lock)."""
        if self.revealed:
            self.show_person(self.person)


class PeoplePage(Page):
    """The list of committee members and women's backbones with a detail pane."""

    supported = frozenset({NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT, SEARCH})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.model = PersonTableModel(context.unit_code, self)
        self.dialog = None  # the dialog currently open, if any (tests drive it)
        self._build()
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
                (NEW, _("New"), _("Add a person (Ctrl+N)"), "new", QStyle.SP_FileIcon),
                (
                    EDIT,
                    _("Edit"),
                    _("Edit the selected person (Ctrl+E, Enter or double-click)"),
                    "edit",
                    QStyle.SP_FileDialogDetailedView,
                ),
                (
                    DELETE,
                    _("Delete"),
                    _("Move the selected people to the recycle bin (Delete)"),
                    "delete",
                    QStyle.SP_TrashIcon,
                ),
                None,
                (IMPORT, _("Import"), _("Import people from an Excel roster (Ctrl+I)"), "import", QStyle.SP_ArrowDown),
                (
                    EXPORT,
                    _("Export"),
                    _("Save the roster as an Excel file (Ctrl+Shift+E)"),
                    "export",
                    QStyle.SP_DialogSaveButton,
                ),
                (
                    PRINT,
                    _("Print"),
                    _("Preview and print the roster (Ctrl+P)"),
                    "print",
                    QStyle.SP_FileDialogListView,
                ),
                None,
                (
                    RECYCLE_BIN,
                    _("Recycle bin"),
                    _("Show deleted people and restore them (Ctrl+Shift+R)"),
                    "restore",
                    QStyle.SP_BrowserReload,
                ),
            ),
            self.trigger,
        )
        # The main window owns the shortcuts of the shared actions; the recycle bin is this page's own.
        # (A window shortcut of an action only works while its toolbar button is visible.)
        self.actions_by_name[RECYCLE_BIN].setShortcut(QKeySequence("Ctrl+Shift+R"))

        self.search_box, self._search_timer = search_box(
            self, _("Name, pinyin or initials"), 200, 280, self._apply_search
        )

        self.unit_filter = UnitFilter(self.context.unit_code, self)
        self.unit_filter.unit_changed.connect(self._apply_unit)
        top = page_top_row(self.toolbar, self.unit_filter, self.search_box)

        self.table = QTableView()
        self.table.setModel(self.model)
        setup_row_table(self.table, QAbstractItemView.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)  # the last column takes what the others leave: no blank strip
        header.setSectionResizeMode(QHeaderView.Interactive)
        # What a cadre looks up most, the post and the phone number, right after the name: readable
        # without scrolling on a 1024-wide screen (the columns themselves keep their order for exports).
        for visual, key in enumerate(("post", "phone"), start=1):
            logical = next(i for i, column in enumerate(self.model.columns) if column.sort == key)
            header.moveSection(header.visualIndex(logical), visual)
        self.table.activated.connect(lambda _index: self.trigger(EDIT))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        table_box, self.count_label = table_with_count(self.table)

        self.detail = PersonDetail()
        self.detail.reveal_requested.connect(lambda: self.reveal_id_number())
        self.splitter = detail_splitter(
            Qt.Horizontal,
            table_box,
            self.detail,
            (3, 1),
            [3 * self.detail.minimumWidth(), self.detail.minimumWidth() + 40],
        )
        self._arranged: bool | None = None  # detail beside the table (True), under it (False), not yet

        self.empty_state = EmptyState(
            _("No people yet"), _("No people yet — add them with New (Ctrl+N) or import them from Excel.")
        )
        self.empty_state.add_button(_("New person"), self.actions_by_name[NEW].icon(), lambda: self.trigger(NEW))
        self.empty_state.add_button(
            _("Import from Excel…"), self.actions_by_name[IMPORT].icon(), lambda: self.trigger(IMPORT)
        )

        self.no_match = EmptyState(_("Nobody matches"), "")
        self.no_match.add_button(_("Clear the search"), QIcon(), self.clear_search)

        self.stack = ListStack(self.splitter, self.empty_state, self.no_match)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._sized_columns = False

    # --- state ------------------------------------------------------------------------

    def selected_people(self) -> list[Person]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [p for p in (self.model.person_at(r) for r in rows) if p is not None]

    def current_person(self) -> Person | None:
        index = self.table.currentIndex()
        selected = self.selected_people()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return self.model.person_at(index.row())
        return selected[0] if selected else None

    def select_person(self, uuid: str) -> bool:
        return select_row(self.table, self.model.row_of(uuid))

    def _selection_changed(self) -> None:
        people = self.selected_people()
        chosen_before = self.detail.person is not None
        self.detail.show_person(self.current_person() if len(people) == 1 else None)
        if chosen_before != (self.detail.person is not None):
            self._fit_detail_under()
        read_only = any(is_read_only(p) for p in people)
        guard_actions([self.actions_by_name[EDIT]], len(people) == 1, read_only)
        guard_actions([self.actions_by_name[DELETE]], bool(people), read_only)

    def _apply_unit(self, choice: str) -> None:
        self.model.set_unit_choice(choice)
        self._sized_columns = False  # the unit column comes or goes
        self._update_state()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_box.text())
        self._update_state()

    def clear_search(self) -> None:
        self.search_box.clear()
        self._apply_search()
        self.search_box.setFocus()

    def _update_state(self) -> None:
        """Pick table, empty page or "no matches", and refresh counts and buttons."""
        shown = self.stack.show_for(self.model.rowCount() > 0, self.model.scope_has_records)
        if shown == "table" and not self._sized_columns:
            self._size_columns()
        elif shown == "no_match":
            self.no_match.text.setText(
                _(
                    "Nobody’s name matches “{text}”. Search by name, full pinyin (zhangxiaohong) or initials (zxh)."
                ).format(text=self.model.search_text())
            )
        total = self.model.total()
        if self.model.search_text():
            self.count_label.setText(ngettext("{n} person matches", "{n} people match", total).format(n=total))
        else:
            self.count_label.setText(ngettext("{n} person", "{n} people", total).format(n=total))
        has_people = shown != "empty"
        for name in (EXPORT, PRINT):
            self.actions_by_name[name].setEnabled(has_people)
        self.search_box.setEnabled(has_people or bool(self.search_box.text()))
        self._selection_changed()

    def _size_columns(self) -> None:
        """Fit the columns to the first rows and headers, with room to breathe; the user may resize them."""
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, self.table.columnWidth(column) + COLUMN_ROOM)
        self._sized_columns = True
        self._arranged = None
        self._arrange()

    def _columns_width(self) -> int:
        """The width the table needs to show every column whole (the stretched last one at its content's)."""
        header = self.table.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not shown:
            return 0
        last = max(shown, key=header.visualIndex)
        columns = sum(header.sectionSize(c) for c in shown if c != last)
        columns += max(self.table.sizeHintForColumn(last), header.sectionSizeHint(last)) + COLUMN_ROOM
        return columns + 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()

    def _arrange(self) -> None:
        """The detail beside the table when both fit, the table taking the width its columns need and the
        detail the rest (up to a quarter); else the detail under the table, so that no column is hidden
        behind a sideways scroll. Sizes are set when the arrangement changes; the user may drag between."""
        if not self.splitter.isVisible() or not self._sized_columns:
            return
        needed = self._columns_width()
        handle = self.splitter.handleWidth()
        width = self.splitter.width()
        beside = width - handle - self.detail.minimumWidth() >= needed
        if beside == self._arranged:
            return
        self._arranged = beside
        if beside:
            self.splitter.setOrientation(Qt.Horizontal)
            total = width - handle
            detail = max(self.detail.minimumWidth(), min(total - needed, total // 4))
            self.splitter.setSizes([total - detail, detail])
        else:
            self.splitter.setOrientation(Qt.Vertical)
            self._fit_detail_under()

    def _fit_detail_under(self) -> None:
        """Under the table, the detail is one line while nobody is chosen (the table takes the height),
        two fifths of the height once someone is."""
        if self.splitter.orientation() != Qt.Vertical or not self.splitter.isVisible():
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        if self.detail.person is None:
            detail = self.detail.placeholder.sizeHint().height() + 24
        else:
            detail = total * 2 // 5
        self.splitter.setSizes([total - detail, detail])

    def arrangement(self) -> str:
        """ "beside" or "under": where the detail is now."""
        return "beside" if self.splitter.orientation() == Qt.Horizontal else "under"

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._arrange()

    def state(self) -> str:
        """ "table", "empty" or "no_match": what the page shows now."""
        return self.stack.state()

    # --- actions ------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.current_person()
        self.unit_filter.refresh_units()
        self.model.reload()
        self._update_state()
        if keep is not None:
            self.select_person(keep.uuid)

    def trigger(self, action: str) -> None:
        handler = {
            NEW: self.new_person,
            EDIT: self.edit_person,
            DELETE: self.delete_people,
            IMPORT: self.import_roster,
            EXPORT: lambda: self._save_roster(".xlsx"),
            PRINT: lambda: self._save_roster(".pdf"),
            SEARCH: self.focus_search,
            RECYCLE_BIN: self.open_recycle_bin,
        }.get(action)
        if handler is not None:
            handler()

    def focus_search(self) -> None:
        focus_search(self.search_box)

    def new_person(self) -> None:
        from gui.people.person_dialog import PersonDialog

        open_dialog(self, PersonDialog(self.context, None, self), self._saved)

    def edit_person(self) -> None:
        person = self.current_person()
        if person is None or is_read_only(person):
            return
        from gui.people.person_dialog import PersonDialog

        # The record as stored now: the table's row may be older than a save made elsewhere.
        stored = get_person(person.uuid)
        if stored is None:
            return
        open_dialog(self, PersonDialog(self.context, stored, self), self._saved)

    def _saved(self, dialog) -> None:
        if dialog.person is not None and self.model.shows_units_below():
            self.unit_filter.set_choice(self.context.unit_code)  # what was saved is the own unit's
        self.model.reload()
        self._update_state()
        if dialog.person is not None and not self.select_person(dialog.person.uuid) and self.model.search_text():
            # A new person hidden by the search: clear it so the user sees what was saved.
            set_text_quietly(self.search_box, "")
            self._apply_search()
            self.select_person(dialog.person.uuid)
        self.table.setFocus()

    def delete_people(self) -> None:
        people = self.selected_people()
        if not people:
            return
        if len(people) == 1:
            text = _("Move {name} to the recycle bin? You can restore them from there.").format(name=people[0].name)
        else:
            text = ngettext(
                "Move {n} person to the recycle bin? You can restore them from there.",
                "Move {n} people to the recycle bin? You can restore them from there.",
                len(people),
            ).format(n=len(people))
        if not messages.confirm(self, text, title=_("Delete")):
            return
        first_row = min(index.row() for index in self.table.selectionModel().selectedRows())
        # Loaded on first use: the recycle bin knows every kind of record, which start-up does not need.
        from models import recycle_bin as bin_

        try:
            bin_.move_to_bin("people", [person.uuid for person in people], self.context.unit_code)
        except bin_.DeleteRefused as exc:
            messages.error(self, str(exc), title=_("Delete"))
            return
        self.model.reload()
        self._update_state()
        # Keep the cursor where it was so that Delete can be pressed again.
        if self.model.rowCount():
            select_row(self.table, min(first_row, self.model.rowCount() - 1))

    def reveal_id_number(self) -> bool:
        """Show the selected person's ID number in full: the password first (when one is set), then logged."""
        person = self.detail.person
        if person is None:
            return False
        from gui.common.password import confirm_reveal
        from models.people import reveal_id_number

        if not confirm_reveal(self):
            return False
        self.detail.show_full_id(reveal_id_number(person.uuid, self.context.unit_code))
        return self.detail.revealed

    def hide_revealed(self) -> None:
        """Called before the program locks: no full ID number stays on screen behind the lock."""
        self.detail.hide_full_id()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        show_recycle_bin(self, "people")

    def import_roster(self) -> None:
        from gui.people.roster_import import RosterImportDialog

        dialog = RosterImportDialog(self.context, self)
        open_dialog(self, dialog, lambda _d: self.refresh())
        dialog.choose_file()

    def _save_roster(self, suffix: str) -> None:
        from gui.printing.actions import print_or_save

        print_or_save(self, self.context, ROSTER_FORM, suffix)
