"""Small parts the list pages share: icons, toolbar actions, a debounced search box, an empty state."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPushButton, QStyle, QTableView, QToolBar, QVBoxLayout,
    QWidget,
)

SEARCH_DELAY_MS = 250


def themed_icon(widget: QWidget, name: str, fallback: QStyle.StandardPixmap) -> QIcon:
    """A bundled icon by name, or Qt's own standard icon when it is missing."""
    try:
        from ..resources import icon
        found = icon(name)
        if not found.isNull():
            return found
    except ImportError:
        pass
    return widget.style().standardIcon(fallback)


def page_toolbar() -> QToolBar:
    """A toolbar with text beside small icons, as every list page has at its top."""
    toolbar = QToolBar()
    toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    toolbar.setIconSize(QSize(18, 18))
    return toolbar


def add_page_action(owner: QWidget, toolbar: QToolBar, actions_by_name: dict[str, QAction], name: str,
                    icon: QIcon, text: str, tip: str, trigger: Callable[[str], object]) -> QAction:
    """A toolbar action that runs trigger(name), remembered under its name."""
    action = QAction(icon, text, owner)
    action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False, n=name: trigger(n))
    toolbar.addAction(action)
    actions_by_name[name] = action
    return action


def search_box(owner: QWidget, placeholder: str, min_width: int, max_width: int,
               apply: Callable[[], object]) -> tuple[QLineEdit, QTimer]:
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
