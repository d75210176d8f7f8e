"""A row of photo thumbnails: add from files or by dropping them, remove, reorder, open large."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages, workers
from gui.resources import icon
from models import photos
from models.i18n import _

THUMB_SIZE = 120
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff")
_CACHE_LIMIT = 400

# Thumbnails by (sha256, size): a stored photo never changes, so its thumbnail never goes stale.
_thumbnails: OrderedDict[tuple[str, int], QPixmap] = OrderedDict()
# Where the last photos came from, for the next file dialog (this session only).
_last_folder: str = ""


def image_filter() -> str:
    return _("Pictures") + " (" + " ".join("*" + s for s in _IMAGE_SUFFIXES) + ");;" + _("All files") + " (*)"


def photo_image(digest: str) -> QImage:
    """The stored photo as a QImage (null when it is missing or unreadable)."""
    data = photos.stored_photo_bytes(digest)
    return QImage.fromData(data) if data is not None else QImage()


def thumbnail(digest: str, size: int = THUMB_SIZE) -> QPixmap:
    """A photo shrunk smoothly to fit a size×size square, cached per sha256."""
    key = (digest, size)
    pixmap = _thumbnails.get(key)
    if pixmap is not None:
        _thumbnails.move_to_end(key)
        return pixmap
    image = photo_image(digest)
    if image.isNull():
        pixmap = QPixmap(size, size * 3 // 4)
        pixmap.fill(Qt.lightGray)
    else:
        pixmap = QPixmap.fromImage(image.scaled(size, size, Qt.KeepAspectRatio, Qt.SmoothTransformation))
    _thumbnails[key] = pixmap
    while len(_thumbnails) > _CACHE_LIMIT:
        _thumbnails.popitem(last=False)
    return pixmap


def store_files(paths: list[Path], progress=None) -> tuple[list[str], list[str]]:
    """Clean and store each file: (digests in order, one message per file that failed).

    Runs off the GUI thread: a phone photo takes a moment to shrink.
    """
    digests: list[str] = []
    problems: list[str] = []
    for done, path in enumerate(paths, start=1):
        try:
            digests.append(photos.store_photo_file(path))
        except photos.PhotoError as exc:
            problems.append(str(exc))
        if progress is not None:
            progress(done, len(paths))
    return digests, problems


class _ThumbList(QListWidget):
    """The thumbnails themselves; keys act on the strip, an empty list explains itself."""

    def __init__(self, strip: PhotoStrip):
        super().__init__(strip)
        self._strip = strip
        self.placeholder = ""

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space) and self.currentRow() >= 0:
            # Accepted here: in a dialog, Enter must not also press the default button.
            self._strip.open_viewer(self.currentRow())
            event.accept()
        elif self._strip.editable and (event.matches(QKeySequence.Delete) or key == Qt.Key_Backspace):
            self._strip.remove_selected()
            event.accept()
        elif self._strip.editable and mods & Qt.ControlModifier and key in (Qt.Key_Left, Qt.Key_Right):
            self._strip.move_selected(-1 if key == Qt.Key_Left else 1)
            event.accept()
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.count() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(12, 0, -12, 0), Qt.AlignCenter | Qt.TextWordWrap, self.placeholder
            )


class PhotoStrip(QWidget):
    """Thumbnails of the photos of one record, in order; editable or read-only."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, editable: bool = True, thumb_size: int = THUMB_SIZE):
        super().__init__(parent)
        self.editable = editable
        self.thumb_size = thumb_size
        self.viewer = None  # the photo viewer while it is open (tests drive it)

        self.list = _ThumbList(self)
        self.list.setViewMode(QListView.IconMode)
        self.list.setFlow(QListView.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Static)
        self.list.setResizeMode(QListView.Adjust)
        self.list.setUniformItemSizes(True)
        self.list.setIconSize(QSize(thumb_size, thumb_size))
        self.list.setGridSize(QSize(thumb_size + 10, thumb_size + 10))
        self.list.setSpacing(0)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.list.setDragDropMode(QAbstractItemView.NoDragDrop)
        # Drops fall through to the strip, which takes files from the desktop.
        self.list.setAcceptDrops(False)
        self.list.viewport().setAcceptDrops(False)
        scrollbar = self.style().pixelMetric(QStyle.PM_ScrollBarExtent)
        self.list.setFixedHeight(thumb_size + 10 + scrollbar + 2 * self.list.frameWidth() + 2)
        self.list.setMinimumWidth(thumb_size + 30)
        self.list.doubleClicked.connect(lambda index: self.open_viewer(index.row()))
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.list.setObjectName("photoList")
        self.list.setStyleSheet("#photoList[dropTarget=\"true\"] { border: 2px dashed palette(highlight); }")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.list, 1)
        if editable:
            self.list.placeholder = _("No photos yet. Add them with the button, or drag picture files here.")
            self.add_button = QPushButton(icon("new"), _("Add photos…"))
            self.add_button.setToolTip(_("Choose picture files to add (several at once are fine)"))
            self.add_button.clicked.connect(self.add_photos)
            self.remove_button = QPushButton(icon("delete"), _("Remove photo"))
            self.remove_button.setToolTip(_("Remove the selected photo (Delete)"))
            self.remove_button.clicked.connect(self.remove_selected)
            self.left_button = QToolButton()
            self.left_button.setArrowType(Qt.LeftArrow)
            self.left_button.setToolTip(_("Move the selected photo to the left (Ctrl+Left)"))
            self.left_button.clicked.connect(lambda: self.move_selected(-1))
            self.right_button = QToolButton()
            self.right_button.setArrowType(Qt.RightArrow)
            self.right_button.setToolTip(_("Move the selected photo to the right (Ctrl+Right)"))
            self.right_button.clicked.connect(lambda: self.move_selected(1))
            arrows = QHBoxLayout()
            arrows.setSpacing(4)
            arrows.addWidget(self.left_button)
            arrows.addWidget(self.right_button)
            arrows.addStretch(1)
            buttons = QVBoxLayout()
            buttons.setSpacing(4)
            buttons.addWidget(self.add_button)
            buttons.addWidget(self.remove_button)
            buttons.addLayout(arrows)
            buttons.addStretch(1)
            layout.addLayout(buttons)
            self.setAcceptDrops(True)
        else:
            self.list.placeholder = _("No photos.")
        self._update_buttons()

    # --- the photos -------------------------------------------------------------------

    def digests(self) -> list[str]:
        return [self.list.item(row).data(Qt.UserRole) for row in range(self.list.count())]

    def set_digests(self, digests: list[str]) -> None:
        """Show these photos, in this order (does not emit ``changed``)."""
        self.list.clear()
        for digest in dict.fromkeys(digests):
            self._append(digest)
        self._retitle()
        self._update_buttons()

    def _append(self, digest: str) -> None:
        item = QListWidgetItem(QIcon(thumbnail(digest, self.thumb_size)), "")
        item.setData(Qt.UserRole, digest)
        item.setSizeHint(self.list.gridSize())
        self.list.addItem(item)

    def _retitle(self) -> None:
        total = self.list.count()
        for row in range(total):
            self.list.item(row).setToolTip(
                _("Photo {n} of {total} — double-click to enlarge").format(n=row + 1, total=total)
            )
        self.list.viewport().update()

    def _update_buttons(self) -> None:
        if not self.editable:
            return
        row, total = self.list.currentRow(), self.list.count()
        selected = 0 <= row < total
        self.remove_button.setEnabled(selected)
        self.left_button.setEnabled(selected and row > 0)
        self.right_button.setEnabled(selected and row < total - 1)

    def add_files(self, paths: list[Path | str]) -> list[str]:
        """Store the files and append the new photos; warn once about the files that failed.

        Returns the digests appended (a photo already in the strip is not added twice).
        """
        paths = [Path(p) for p in paths]
        if not paths:
            return []
        try:
            digests, problems = workers.run_with_progress(
                self, _("Adding photos…"), store_files, paths, with_progress=True, cancellable=True
            )
        except workers.Cancelled:
            return []
        present = set(self.digests())
        added = []
        for digest in digests:
            if digest not in present:
                present.add(digest)
                self._append(digest)
                added.append(digest)
        if added:
            self._retitle()
            self.list.setCurrentRow(self.list.count() - 1)
            self.list.scrollToItem(self.list.item(self.list.count() - 1))
            self._update_buttons()
            self.changed.emit()
        if problems:
            messages.warning(self, "\n\n".join(problems), title=_("Some files were not added"))
        return added

    def add_photos(self) -> list[str]:
        """Ask for picture files and add them."""
        global _last_folder
        folder = _last_folder or QStandardPaths.writableLocation(QStandardPaths.PicturesLocation)
        paths = messages.ask_open_paths(self, _("Add photos"), folder, image_filter())
        if not paths:
            return []
        _last_folder = str(paths[0].parent)
        return self.add_files(paths)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < self.list.count():
            return
        self.list.takeItem(row)
        self._retitle()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._update_buttons()
        self.changed.emit()

    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if not (0 <= row < self.list.count() and 0 <= target < self.list.count()):
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._retitle()
        self._update_buttons()
        self.changed.emit()

    def open_viewer(self, row: int) -> None:
        digests = self.digests()
        if not 0 <= row < len(digests):
            return
        from gui.homes.photo_viewer import PhotoViewer

        viewer = PhotoViewer(digests, row, self)
        viewer.setAttribute(Qt.WA_DeleteOnClose)
        self.viewer = viewer

        def closed(_result: int) -> None:
            if self.viewer is viewer:
                self.viewer = None

        viewer.finished.connect(closed)
        viewer.open()

    # --- files dropped from the desktop ---------------------------------------------------

    @staticmethod
    def _dropped_paths(mime) -> list[Path]:
        if mime is None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]

    def _set_drop_target(self, on: bool) -> None:
        self.list.setProperty("dropTarget", on)
        self.list.style().unpolish(self.list)
        self.list.style().polish(self.list)

    def dragEnterEvent(self, event) -> None:
        if self.editable and self._dropped_paths(event.mimeData()):
            event.setDropAction(Qt.CopyAction)
            event.accept()
            self._set_drop_target(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self.editable and self._dropped_paths(event.mimeData()):
            event.setDropAction(Qt.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self._set_drop_target(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        self._set_drop_target(False)
        paths = self._dropped_paths(event.mimeData()) if self.editable else []
        if not paths:
            event.ignore()
            return
        event.setDropAction(Qt.CopyAction)
        event.accept()
        # After the drop returns: the file manager that dragged must not wait while photos are shrunk.
        QTimer.singleShot(0, lambda: self.add_files(paths))
