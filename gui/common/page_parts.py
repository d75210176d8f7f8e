"""Small parts the list pages share: icons, toolbar actions, a debounced search box, the table with its
count under it, the list/detail splitter, selecting a row, opening a dialog, an empty state and the stack
that switches between the list and its empty states."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import resources

SEARCH_DELAY_MS = 250


def themed_icon(widget: QWidget, name: str, fallback: QStyle.StandardPixmap) -> QIcon:
    """A bundled icon by name, or Qt's own standard icon when it is missing."""
    found = resources.icon(name)
    return found if not found.isNull() else widget.style().standardIcon(fallback)


def page_toolbar() -> QToolBar:
    """A toolbar with text beside small icons, as every list page has at its top."""
    toolbar = QToolBar()
    toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    toolbar.setIconSize(QSize(18, 18))
    return toolbar


def add_page_action(
    owner: QWidget,
    toolbar: QToolBar,
    actions_by_name: dict[str, QAction],
    name: str,
    icon: QIcon,
    text: str,
    tip: str,
    trigger: Callable[[str], object],
) -> QAction:
    """A toolbar action that runs trigger(name), remembered under its name."""
    action = QAction(icon, text, owner)
    action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False, n=name: trigger(n))
    toolbar.addAction(action)
    actions_by_name[name] = action
    return action


def add_page_actions(
    owner: QWidget,
    toolbar: QToolBar,
    actions_by_name: dict[str, QAction],
    entries: Iterable[tuple[str, str, str, str, QStyle.StandardPixmap] | None],
    trigger: Callable[[str], object],
) -> None:
    """Toolbar actions from (name, text, tip, icon name, fallback icon) entries; None puts a separator."""
    for entry in entries:
        if entry is None:
            toolbar.addSeparator()
            continue
        name, text, tip, icon, fallback = entry
        add_page_action(owner, toolbar, actions_by_name, name, themed_icon(owner, icon, fallback), text, tip, trigger)


def add_menu_action(
    owner: QWidget, toolbar: QToolBar, icon: QIcon, text: str, tip: str, menu: QMenu, run: Callable[[], object]
) -> QAction:
    """A toolbar action that runs ``run`` when clicked and offers ``menu`` from the arrow beside it."""
    action = QAction(icon, text, owner)
    action.setToolTip(tip)
    action.setMenu(menu)
    action.triggered.connect(lambda _checked=False: run())
    toolbar.addAction(action)
    button = toolbar.widgetForAction(action)
    if isinstance(button, QToolButton):
        button.setPopupMode(QToolButton.MenuButtonPopup)
    return action


class TopRow(QWidget):
    """The toolbar and the filters on one line when they fit, else the filters on a line of their
    own: on a narrow window (1366 wide at the larger font, 1024 wide) no action goes into '»'."""

    def __init__(self, toolbar: QToolBar, widgets: tuple[QWidget, ...]):
        super().__init__()
        self.toolbar = toolbar
        self.filters = QHBoxLayout()
        self.filters.setContentsMargins(0, 0, 0, 0)
        self.filters.addStretch(1)
        for widget in widgets:
            self.filters.addWidget(widget)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(2)
        self.grid.addWidget(toolbar, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self.grid.addLayout(self.filters, 0, 1)
        self.two_lines = False

    def _fits_one_line(self, width: int) -> bool:
        needed = self.toolbar.sizeHint().width() + self.filters.sizeHint().width() + self.grid.horizontalSpacing()
        return needed <= width

    def _arrange(self, width: int) -> None:
        two_lines = not self._fits_one_line(width)
        if two_lines == self.two_lines:
            return
        self.two_lines = two_lines
        self.grid.removeItem(self.filters)
        if two_lines:
            self.grid.addLayout(self.filters, 1, 0)
        else:
            self.grid.addLayout(self.filters, 0, 1)

    def resizeEvent(self, event) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        # On two lines when narrow: as narrow as the wider of the whole toolbar and the filters,
        # never so narrow that an action goes into '»'.
        hint = super().minimumSizeHint()
        width = max(self.toolbar.sizeHint().width(), self.filters.minimumSize().width())
        return QSize(width, hint.height())


def page_top_row(toolbar: QToolBar, *widgets: QWidget) -> QHBoxLayout:
    """The row at the top of a list page: the toolbar taking the room, then the filters and search box
    (under the toolbar when the window is too narrow for both on one line)."""
    top = QHBoxLayout()
    top.setContentsMargins(0, 0, 0, 0)
    top.addWidget(TopRow(toolbar, widgets), 1)
    return top


def focus_search(box: QLineEdit) -> None:
    """Put the cursor in a search box with its text selected, as the search shortcut does."""
    box.setFocus(Qt.ShortcutFocusReason)
    box.selectAll()


def set_text_quietly(box: QLineEdit, text: str) -> None:
    """Change a search box's text without it searching (the caller applies the filters itself)."""
    box.blockSignals(True)
    box.setText(text)
    box.blockSignals(False)


def search_box(
    owner: QWidget, placeholder: str, min_width: int, max_width: int, apply: Callable[[], object]
) -> tuple[QLineEdit, QTimer]:
    """A search field that applies itself a moment after typing stops, or at once on Enter."""
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.addAction(themed_icon(owner, "search", QStyle.SP_FileDialogContentsView), QLineEdit.LeadingPosition)
    box.setMinimumWidth(min_width)
    box.setMaximumWidth(max_width)
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DELAY_MS)
    timer.timeout.connect(apply)
    box.textChanged.connect(lambda _text: timer.start())
    box.returnPressed.connect(apply)
    return box, timer


def setup_row_table(table: QTableView, selection_mode: QAbstractItemView.SelectionMode) -> None:
    """A read-only table chosen by whole rows, striped, one line a row, no row numbers."""
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(selection_mode)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setHighlightSections(False)


def table_with_count(table: QTableView) -> tuple[QWidget, QLabel]:
    """The table with a greyed count line under it (the caller fills it in): (the box holding both, the line)."""
    count_label = QLabel()
    count_label.setEnabled(False)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table)
    layout.addWidget(count_label)
    return box, count_label


def detail_splitter(
    orientation: Qt.Orientation, first: QWidget, detail: QWidget, stretch: tuple[int, int], sizes: list[int]
) -> QSplitter:
    """The list and its detail pane, sharing the room by ``stretch``; neither can be squeezed away."""
    splitter = QSplitter(orientation)
    splitter.addWidget(first)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setChildrenCollapsible(False)
    splitter.setSizes(sizes)
    return splitter


def muted_note(text: str = "", wrap: bool = True) -> QLabel:
    """A greyed, centred line standing where a list or detail has nothing to show."""
    note = QLabel(text)
    note.setAlignment(Qt.AlignCenter)
    note.setWordWrap(wrap)
    note.setEnabled(False)
    return note


def select_row(table: QTableView, row: int) -> bool:
    """Select the whole ``row`` of the table and scroll to it; False when there is no such row (-1)."""
    if row < 0:
        return False
    index = table.model().index(row, 0)
    table.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    table.scrollTo(index)
    return True


def open_dialog(page: QWidget, dialog: QDialog, on_accept: Callable[[QDialog], object], always: bool = False) -> None:
    """Show a dialog window-modally without blocking, as ``page.dialog`` while it is open (tests drive it);
    ``on_accept(dialog)`` runs when it is accepted (or, with ``always``, whenever it closes)."""
    page.dialog = dialog
    dialog.setAttribute(Qt.WA_DeleteOnClose)

    def finished(result: int) -> None:
        if page.dialog is dialog:
            page.dialog = None
        if result or always:
            on_accept(dialog)

    dialog.finished.connect(finished)
    dialog.open()


class EmptyState(QWidget):
    """A centred explanation with buttons for the next step."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(title)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        for label in (self.title, self.text):
            label.setAlignment(Qt.AlignCenter)
            layout.addWidget(label)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout.addSpacing(12)
        layout.addLayout(self.buttons)
        layout.addStretch(2)

    def add_button(self, text: str, icon: QIcon, slot) -> QPushButton:
        button = QPushButton(icon, text)
        button.clicked.connect(slot)
        if self.buttons.count() > 1:
            self.buttons.takeAt(self.buttons.count() - 1)
        self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        return button


class ListStack(QStackedWidget):
    """A page's list (with its detail), its empty state for no records at all and, if given, one for no matches."""

    def __init__(self, content: QWidget, empty_state: QWidget, no_match: QWidget | None = None):
        super().__init__()
        self.content, self.empty_state, self.no_match = content, empty_state, no_match
        for widget in (content, empty_state, no_match):
            if widget is not None:
                self.addWidget(widget)

    def show_for(self, has_rows: bool, has_records: Callable[[], bool] | None = None) -> str:
        """Show the list when it has rows, else the empty state when there are no records at all (asked only
        then), else "no matches"; returns what it shows, as ``state`` says it."""
        if has_rows:
            self.setCurrentWidget(self.content)
        elif self.no_match is None or has_records is None or not has_records():
            self.setCurrentWidget(self.empty_state)
        else:
            self.setCurrentWidget(self.no_match)
        return self.state()

    def state(self) -> str:
        """ "table", "empty" or "no_match": what is shown now."""
        current = self.currentWidget()
        if current is self.content:
            return "table"
        return "empty" if current is self.empty_state else "no_match"
