"""关爱帮扶: the register of people helped and, for the one selected, her acts of help and contacts with parents.

New (Ctrl+N), Edit (Enter or Ctrl+E) and Delete act on the list that has the
keyboard: the register, the acts of help or the contacts. An act of help
(Ctrl+Shift+A) and a contact with parents (Ctrl+Shift+P) are added for the
person selected. These records never leave the village: a township or county
sees their counts, on the forms, not the people.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QStyle,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from forms.care_targets import kept_in_villages
from gui.care.tables import TargetTableModel, act_rows, age_text, contact_rows, fill, phone_text, record_table
from gui.common import messages
from gui.common.page import DELETE, EDIT, NEW, PRINT, SEARCH, Page
from gui.common.page_parts import (
    add_menu_action,
    add_page_actions,
    detail_splitter,
    muted_note,
    open_dialog,
    page_toolbar,
    page_top_row,
    search_box,
    select_row,
    setup_row_table,
    table_with_count,
    themed_icon,
)
from gui.context import AppContext
from gui.resources import scaled_font
from models import care
from models.codes import SEX
from models.i18n import N_, _, format_list_date, join_list, ngettext
from models.recycle_bin import DeleteRefused, move_to_bin
from models.units import is_above_village

NEW_ACT, NEW_CONTACT, RECYCLE_BIN = "new_act", "new_contact", "recycle_bin"
REGISTER, ACTS, CONTACTS = "care_targets", "care_acts", "parent_contacts"  # the recycle-bin kinds
# The page's forms: (name, suffix, menu text, for the person selected only).
PRINTS = (
    ("care-targets", "pdf", N_("Register of people helped (PDF)"), False),
    ("care-targets", "xlsx", N_("Register of people helped (Excel)"), False),
    ("care-record", "pdf", N_("Record of help for the person selected (PDF)"), True),
    ("care-record", "pdf", N_("Record of help for everyone helped this year (PDF)"), False),
)


class CarePage(Page):
    """The 关爱帮扶 page."""

    sensitive = True  # names of parties, children or screened women: behind the start-up password

    supported = frozenset({NEW, EDIT, DELETE, PRINT, SEARCH})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.dialog = None
        self.above_village = is_above_village(context.unit_code)
        self.toolbar = page_toolbar()
        self.actions_by_name: dict[str, QAction] = {}
        add_page_actions(
            self,
            self.toolbar,
            self.actions_by_name,
            [
                (NEW, _("New"), _("New record in the list in use (Ctrl+N)"), "new", QStyle.SP_FileIcon),
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
                    NEW_ACT,
                    _("Act of help"),
                    _("Record help given to the person selected (Ctrl+Shift+A)"),
                    "new",
                    QStyle.SP_FileIcon,
                ),
                (
                    NEW_CONTACT,
                    _("Contact with parents"),
                    _("Record a contact with the parents of the child selected (Ctrl+Shift+P)"),
                    "new",
                    QStyle.SP_FileIcon,
                ),
                None,
                (
                    RECYCLE_BIN,
                    _("Recycle bin"),
                    _("Deleted records of people helped"),
                    "restore",
                    QStyle.SP_BrowserReload,
                ),
            ],
            self.trigger,
        )
        self.actions_by_name[NEW_ACT].setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.actions_by_name[NEW_CONTACT].setShortcut(QKeySequence("Ctrl+Shift+P"))
        for name in (NEW_ACT, NEW_CONTACT):
            self.actions_by_name[name].setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.addAction(self.actions_by_name[name])
        menu = QMenu(self)
        for form_name, suffix, text, one in PRINTS:
            menu.addAction(_(text), lambda f=form_name, s=suffix, o=one: self.print_form(f, s, o))
        add_menu_action(
            self,
            self.toolbar,
            themed_icon(self, "print", QStyle.SP_FileDialogContentsView),
            _("Print"),
            _("Print the register or the record of help (Ctrl+P)"),
            menu,
            lambda: self.print_form("care-targets", "pdf", False),
        )

        self.category = QComboBox()
        self.category.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.category.addItem(_("All categories"), None)
        for code, label in care.CATEGORY.choices():
            self.category.addItem(label, code)
        self.show_ended = QCheckBox(_("Show those no longer helped"))
        placeholder = _("Name, group or helper")
        width = self.fontMetrics().horizontalAdvance(placeholder) + 2 * (self.fontMetrics().height() + 12)
        self.search, self._search_timer = search_box(self, placeholder, width, width + 60, self._apply_filters)
        category_label = QLabel(_("Category"))
        category_label.setBuddy(self.category)

        self.model = TargetTableModel(context.unit_code)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_row_table(self.table, QTableView.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(*self.model.sort_state())
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        # Every column as wide as what it holds, the name included; the last one takes what is left.
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.activated.connect(lambda _index: self.trigger(EDIT))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        box, self.count_label = table_with_count(self.table)
        self.empty = muted_note(_("No one on the register yet — New (Ctrl+N) adds a person helped."))
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(box)
        self.list_stack.addWidget(self.empty)

        self.detail = self._build_detail()
        splitter = detail_splitter(Qt.Horizontal, self.list_stack, self.detail, (3, 2), [700, 500])

        self.reminder = QLabel()
        self.reminder.setWordWrap(True)
        self.reminder.setStyleSheet("color: #9A5B00;")

        self.stack = QStackedWidget()
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(
            page_top_row(self.toolbar, category_label, self.category, self.show_ended, self.search)
        )
        content_layout.addWidget(splitter, 1)
        content_layout.addWidget(self.reminder)
        self.stack.addWidget(content)
        self.stack.addWidget(muted_note(kept_in_villages()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.category.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.show_ended.toggled.connect(lambda _on: self._apply_filters())
        self.setTabOrder(self.category, self.show_ended)
        self.setTabOrder(self.show_ended, self.search)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.acts)
        self.setTabOrder(self.acts, self.contacts)
        self.stack.setCurrentIndex(1 if self.above_village else 0)
        self._in_use = REGISTER  # the list last given the keyboard
        for table in (self.table, self.acts, self.contacts):
            table.installEventFilter(self)
        self._update_state()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.FocusIn:
            self._in_use = {id(self.acts): ACTS, id(self.contacts): CONTACTS}.get(id(watched), REGISTER)
        return super().eventFilter(watched, event)

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        self.name_label = QLabel()
        self.name_label.setFont(scaled_font(1.15, True))
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.acts_title = QLabel(_("Acts of help"))
        self.acts_title.setFont(scaled_font(1.0, True))
        self.acts = record_table(
            [_("Date"), _("Kind of help"), _("Help given"), _("Goods"), _("Amount (yuan)"), _("Given by")], 2
        )
        self.acts_title.setBuddy(self.acts)
        self.contacts_title = QLabel(_("Contacts with parents"))
        self.contacts_title.setFont(scaled_font(1.0, True))
        self.contacts = record_table([_("Date"), _("Way"), _("Parent contacted"), _("What was said")], 3)
        self.contacts_title.setBuddy(self.contacts)
        for table in (self.acts, self.contacts):
            table.activated.connect(lambda _index: self.trigger(EDIT))
        self.no_selection = muted_note(_("Select a person to see the help given."))
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.name_label)
        body_layout.addWidget(self.facts)
        body_layout.addWidget(self.acts_title)
        body_layout.addWidget(self.acts, 3)
        body_layout.addWidget(self.contacts_title)
        body_layout.addWidget(self.contacts, 2)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(body)
        self.detail_stack.addWidget(self.no_selection)
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.detail_stack)
        return detail

    # --- what is shown -----------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        keep = self.current_target()
        self.model.set_filters(self.category.currentData(), self.show_ended.isChecked(), self.search.text())
        self._update_state(keep.uuid if keep else None)

    def _update_state(self, keep: str | None = None) -> None:
        has_rows = self.model.rowCount() > 0
        self.list_stack.setCurrentIndex(0 if has_rows else 1)
        total = self.model.total()
        self.count_label.setText(ngettext("{n} person", "{n} people", total).format(n=total))
        if keep and select_row(self.table, self.model.row_of(keep)):
            pass
        elif has_rows and not self.table.selectionModel().hasSelection():
            select_row(self.table, 0)
        self._show_detail()
        self._update_reminder()

    def current_target(self) -> care.CareTarget | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def _show_detail(self) -> None:
        target = self.current_target()
        if target is not None:
            target = care.live_target(target.uuid)  # the listing's row may be older than an edit
        self.detail_stack.setCurrentIndex(0 if target is not None else 1)
        for name in (NEW_ACT, NEW_CONTACT):
            self.actions_by_name[name].setEnabled(target is not None)
        if target is None:
            return
        child = target.category == "left_behind_child"
        self.actions_by_name[NEW_CONTACT].setEnabled(child)
        self.name_label.setText(target.name)
        self.facts.setText(self._facts(target))
        fill(self.acts, act_rows(target))
        fill(self.contacts, contact_rows(target))
        self.contacts_title.setVisible(child)
        self.contacts.setVisible(child)

    @staticmethod
    def _facts(target: care.CareTarget) -> str:
        parts = [care.CATEGORY.label(target.category), SEX.label(target.sex)]
        age = age_text(target)
        if age:
            parts.append(_("{age} years old").format(age=age))
        if target.group_name:
            parts.append(target.group_name)
        lines = [" · ".join(parts)]
        if target.guardian:
            lines.append(_("Guardian: {name}").format(name=target.guardian))
        if target.parents:
            lines.append(_("Parents: {text}").format(text=target.parents))
        if target.phone:
            lines.append(_("Phone: {phone}").format(phone=phone_text(target)))
        if target.helper:
            lines.append(_("Paired helper: {name}").format(name=target.helper))
        if target.since or target.ended_on:
            since = format_list_date(target.since) if target.since else "—"
            until = format_list_date(target.ended_on) if target.ended_on else _("now")
            lines.append(_("Helped from {start} to {end}").format(start=since, end=until))
        return "\n".join(lines)

    def _update_reminder(self) -> None:
        if self.above_village:
            self.reminder.setVisible(False)
            return
        today = _dt.date.today()
        waiting = care.children_not_contacted(self.context.unit_code, f"{today.year:04d}-{today.month:02d}")
        self.reminder.setText(
            _("No contact with the parents yet this month: {names}.").format(
                names=join_list([child.name for child in waiting])
            )
        )
        self.reminder.setVisible(bool(waiting))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._update_reminder()

    def refresh(self) -> None:
        """After an import or a restore."""
        keep = self.current_target()
        self.model.reload()
        self._update_state(keep.uuid if keep else None)

    # --- actions ---------------------------------------------------------------------------------

    def trigger(self, action: str) -> None:
        if self.above_village:
            return
        handler = {
            NEW: self.new_record,
            EDIT: self.edit_record,
            DELETE: self.delete_record,
            NEW_ACT: self.new_act,
            NEW_CONTACT: self.new_contact,
            PRINT: lambda: self.print_form("care-targets", "pdf", False),
            RECYCLE_BIN: self.open_recycle_bin,
            SEARCH: self.focus_search,
        }.get(action)
        if handler is not None:
            handler()

    def focus_search(self) -> None:
        from gui.common.page_parts import focus_search

        focus_search(self.search)

    def list_in_use(self) -> str:
        """The list New, Edit and Delete act on: the one last given the keyboard (the register at first)."""
        if self._in_use == CONTACTS and not self.contacts.isVisible():
            return REGISTER
        return self._in_use

    @staticmethod
    def _selected_uuid(table: QTableWidget) -> str | None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        item = table.item(rows[0].row(), 0)
        return item.data(Qt.UserRole) if item else None

    def new_record(self) -> None:
        which = self.list_in_use()
        if which == ACTS:
            self.new_act()
        elif which == CONTACTS:
            self.new_contact()
        else:
            from gui.care.target_dialog import TargetDialog

            dialog = TargetDialog(self.context, None, self, category=self.category.currentData())
            open_dialog(self, dialog, self._target_saved)

    def new_act(self) -> None:
        target = self.current_target()
        if target is None:
            messages.info(self, _("Select a person on the register first."))
            return
        from gui.care.act_dialog import ActDialog

        open_dialog(self, ActDialog(self.context, target, None, self), lambda d: self._child_saved(self.acts, d))

    def new_contact(self) -> None:
        target = self.current_target()
        if target is None or target.category != "left_behind_child":
            messages.info(self, _("Select a left-behind child on the register first."))
            return
        from gui.care.act_dialog import ParentContactDialog

        dialog = ParentContactDialog(self.context, target, None, self)
        open_dialog(self, dialog, lambda d: self._child_saved(self.contacts, d))

    def edit_record(self) -> None:
        target = self.current_target()
        if target is None:
            return
        which = self.list_in_use()
        if which == ACTS:
            from gui.care.act_dialog import ActDialog

            act = care.live_act(self._selected_uuid(self.acts))
            if act is not None:
                open_dialog(self, ActDialog(self.context, target, act, self), lambda d: self._child_saved(self.acts, d))
        elif which == CONTACTS:
            from gui.care.act_dialog import ParentContactDialog

            contact = care.live_parent_contact(self._selected_uuid(self.contacts))
            if contact is not None:
                dialog = ParentContactDialog(self.context, target, contact, self)
                open_dialog(self, dialog, lambda d: self._child_saved(self.contacts, d))
        else:
            from gui.care.target_dialog import TargetDialog

            fresh = care.live_target(target.uuid)
            if fresh is not None:
                open_dialog(self, TargetDialog(self.context, fresh, self), self._target_saved)

    def _target_saved(self, dialog) -> None:
        record = dialog.saved_record
        self._in_use = REGISTER
        self.model.reload()
        self._update_state(record.uuid if record is not None else None)
        self.table.setFocus()

    def _child_saved(self, table: QTableWidget, dialog) -> None:
        keep = self.current_target()
        self.model.reload()  # the register counts the acts
        self._update_state(keep.uuid if keep else None)
        record = dialog.saved_record
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if record is not None and item is not None and item.data(Qt.UserRole) == record.uuid:
                table.selectRow(row)
        self._in_use = ACTS if table is self.acts else CONTACTS
        table.setFocus()

    def delete_record(self) -> None:
        which = self.list_in_use()
        if which == ACTS:
            uuid, table = self._selected_uuid(self.acts), self.acts
        elif which == CONTACTS:
            uuid, table = self._selected_uuid(self.contacts), self.contacts
        else:
            target = self.current_target()
            uuid, table = (target.uuid if target else None), None
        if uuid is None:
            return
        question = (
            _("Move the person selected, her acts of help and contacts with parents, to the recycle bin?")
            if which == REGISTER
            else _("Move the selected record to the recycle bin?")
        )
        if not messages.confirm(self, question, title=_("Delete")):
            return
        try:
            move_to_bin(which, [uuid], self.context.unit_code)
        except DeleteRefused as exc:
            messages.error(self, str(exc), title=_("Delete"))
            return
        keep = self.current_target() if which != REGISTER else None
        self.model.reload()
        self._update_state(keep.uuid if keep else None)
        self._in_use = which
        (table or self.table).setFocus()

    def open_recycle_bin(self) -> None:
        from gui.common.recycle_bin import show_recycle_bin

        show_recycle_bin(self, self.list_in_use())

    def print_form(self, form_name: str, suffix: str, one_person: bool) -> None:
        from gui.printing.actions import form_options, print_or_save

        options = form_options(self, self.context, form_name, suffix)
        if options is None:
            return
        if one_person:
            target = self.current_target()
            if target is None:
                messages.info(self, _("Select a person on the register first."))
                return
            options.record_id = target.uuid
        print_or_save(self, self.context, form_name, suffix, options=options)
