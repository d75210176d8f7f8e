"""One photo at a time, as large as the window allows; arrow keys browse, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.common.fit import largest_size
from gui.homes.photo_strip import photo_image
from models.i18n import _


class PhotoViewer(QDialog):
    """Shows the photos of a strip enlarged, one at a time."""

    def __init__(self, digests: list[str], index: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Photos"))
        self.digests = list(digests)
        self.index = -1
        self._image = QImage()

        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignCenter)
        self.picture.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
        self.picture.setMinimumSize(200, 150)
        self.picture.setStyleSheet("background: #202428;")
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignCenter)
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.LeftArrow)
        self.previous_button.setToolTip(_("Previous photo (Left)"))
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.RightArrow)
        self.next_button.setToolTip(_("Next photo (Right)"))
        self.next_button.clicked.connect(self.next)
        for button in (self.previous_button, self.next_button):
            button.setFocusPolicy(Qt.NoFocus)  # the arrow keys belong to the dialog
        close = QPushButton(_("Close"))
        close.setFocusPolicy(Qt.NoFocus)
        close.clicked.connect(self.reject)

        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.counter)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.picture, 1)
        layout.addLayout(bar)

        screen = largest_size(parent if parent is not None else self)
        self.resize(QSize(min(1100, int(screen.width() * 0.9)), min(800, int(screen.height() * 0.9))))
        self.setFocusPolicy(Qt.StrongFocus)
        self.show_index(index)

    def show_index(self, index: int) -> None:
        if not self.digests:
            return
        index = max(0, min(index, len(self.digests) - 1))
        if index != self.index:
            self.index = index
            self._image = photo_image(self.digests[index])
        self.counter.setText(_("{n} of {total}").format(n=index + 1, total=len(self.digests)))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.digests) - 1)
        self._fit()

    def current_digest(self) -> str:
        return self.digests[self.index] if self.digests else ""

    def next(self) -> None:
        self.show_index(self.index + 1)

    def previous(self) -> None:
        self.show_index(self.index - 1)

    def _fit(self) -> None:
        """Scale the photo to the space it has, never beyond its own size."""
        if self._image.isNull():
            self.picture.setText(_("This photo cannot be shown."))
            return
        size = self.picture.size()
        image = self._image
        if image.width() > size.width() or image.height() > size.height():
            image = image.scaled(size, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        self.picture.setPixmap(QPixmap.fromImage(image))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key_Right, Qt.Key_Down, Qt.Key_PageDown, Qt.Key_Space):
            self.next()
        elif key in (Qt.Key_Left, Qt.Key_Up, Qt.Key_PageUp, Qt.Key_Backspace):
            self.previous()
        elif key == Qt.Key_Home:
            self.show_index(0)
        elif key == Qt.Key_End:
            self.show_index(len(self.digests) - 1)
        else:
            super().keyPressEvent(event)  # Esc closes
