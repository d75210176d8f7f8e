"""A page that a later version fills: it says plainly what will be there."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..context import AppContext
from ..resources import ScaledLabel, icon
from .base import Page


class PlaceholderPage(Page):
    """Names the page and its future contents, and that this version does not have them yet."""

    def __init__(self, context: AppContext, title: str, sentence: str, icon_name: str = "",
                 parent: QWidget | None = None):
        super().__init__(context, parent)
        picture = QLabel()
        if icon_name:
            picture.setPixmap(icon(icon_name).pixmap(64, 64))
        picture.setAlignment(Qt.AlignCenter)
        heading = ScaledLabel(title, 1.5, True)
        heading.setAlignment(Qt.AlignCenter)
        self.sentence = QLabel(sentence)
        self.sentence.setObjectName("sentence")
        self.sentence.setWordWrap(True)
        self.sentence.setAlignment(Qt.AlignCenter)
        self.sentence.setMaximumWidth(600)
        self.sentence.setStyleSheet("color: #52606D;")

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(picture)
        layout.addWidget(heading)
        layout.addSpacing(6)
        # A wrapped label needs a layout without an alignment flag to get its height right.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.sentence, 4)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(3)
