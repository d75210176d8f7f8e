"""The rare-character finder (生僻字): look a character up and type it into a text field.

A cadre cannot type 𡒄 (of the name 吕𡒄) with an ordinary input method. The
finder takes a reading ("lan", "lǎn"), a code ("U+21484") or a radical with
its remaining strokes ("土13"), shows the candidates large, and inserts the
chosen one at the cursor of the field it was opened for. The looking up is
``models.rare_chars``; this module only shows it.

It opens from a small button in a name field (``add_rare_character_button``)
or, in every text field of every window, with F8 (``install``, called once
from ``gui.app.configure_application``). F8 is used by nothing else in the
program, and unlike Ctrl+Shift+Z it is not a text field's own redo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QIcon, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.common.fit import em_size, fit_to_screen
from models import rare_chars
from models.i18n import _

SHORTCUT = "F8"

# How much larger than the text a candidate is drawn: big enough to tell 𡒄 from 𡒅.
CANDIDATE_SCALE = 2.4

TextTarget = QLineEdit | QPlainTextEdit | QTextEdit


def describe(found: rare_chars.RareChar) -> str:
    """One line about a candidate: code, readings, strokes and radical, as far as they are known."""
    if found.strokes is None:
        return _("{code} (no reading or strokes known)").format(code=found.code)
    parts = [found.code, ", ".join(found.readings), _("{count} strokes").format(count=found.strokes)]
    if found.radicals:
        number, rest = found.radicals[0]
        parts.append(_("radical {radical} + {rest}").format(radical=rare_chars.radical_name(number), rest=rest))
    return " · ".join(part for part in parts if part)


class RareCharFinder(QDialog):
    """Search box, candidates in a grid, Insert; ``chosen`` holds the character inserted."""

    def __init__(self, target: TextTarget | None = None, parent: QWidget | None = None):
        # Parented to the field, so that a table's cell editor, which closes when the
        # focus leaves for a window that is not its own, stays open under the finder.
        super().__init__(parent if parent is not None else target)
        self.target = target
        self.chosen: str | None = None
        self.setWindowTitle(_("Rare character"))
        self.setModal(True)

        hint = QLabel(_("Type a reading (lan or lǎn), a code (U+21484) or a radical and its remaining strokes (土13)."))
        hint.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("lan · U+21484 · 土13")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search.installEventFilter(self)

        self.grid = QListWidget()
        self.grid.setViewMode(QListView.IconMode)
        self.grid.setMovement(QListView.Static)
        self.grid.setResizeMode(QListView.Adjust)
        self.grid.setWrapping(True)
        self.grid.setUniformItemSizes(True)
        self.grid.setSelectionMode(QAbstractItemView.SingleSelection)
        self.grid.setFont(self._candidate_font())
        side = self.grid.fontMetrics().height() + 16
        self.grid.setGridSize(QSize(side, side))
        self.grid.itemDoubleClicked.connect(lambda _item: self.insert_current())
        self.grid.currentItemChanged.connect(lambda _item, _old: self._show_current())

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.insert_button = self.buttons.button(QDialogButtonBox.Ok)
        self.insert_button.setText(_("Insert"))
        self.insert_button.setDefault(True)  # Enter in the search box or the grid inserts
        self.buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.insert_current)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.search)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._search("")
        fit_to_screen(self, em_size(self, 48, 24))
        self.search.setFocus()

    def _candidate_font(self) -> QFont:
        # The application's font, larger: whatever font covers the extensions is its fallback.
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * CANDIDATE_SCALE)
        return font

    # --- searching --------------------------------------------------------------

    def _search(self, text: str) -> None:
        found = rare_chars.find(text)
        self.grid.clear()
        for candidate in found:
            item = QListWidgetItem(candidate.char)
            item.setTextAlignment(Qt.AlignCenter)
            item.setToolTip(describe(candidate))
            item.setData(Qt.UserRole, candidate)
            self.grid.addItem(item)
        if found:
            self.grid.setCurrentRow(0)
        self.insert_button.setEnabled(bool(found))
        self._show_current()
        if not text.strip():
            self.status.setText("")
        elif not found:
            self.status.setText(_("No character found."))

    def _show_current(self) -> None:
        item = self.grid.currentItem()
        if item is None:
            return
        text = describe(item.data(Qt.UserRole))
        if self.grid.count() >= rare_chars.LIMIT:
            text += "\n" + _("Only the first {count} are shown: type more to narrow the search.").format(
                count=rare_chars.LIMIT
            )
        self.status.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrow keys in the search box move through the candidates, as in an input method.
        if watched is self.search and event.type() == QEvent.KeyPress and self.grid.count():
            steps = {Qt.Key_Down: 1, Qt.Key_Up: -1, Qt.Key_PageDown: 1, Qt.Key_PageUp: -1}
            if event.key() in steps:
                row = max(0, min(self.grid.count() - 1, self.grid.currentRow() + steps[event.key()]))
                self.grid.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    # --- inserting --------------------------------------------------------------

    def insert_current(self) -> None:
        item = self.grid.currentItem()
        if item is None or self.chosen is not None:
            return
        self.chosen = item.text()
        if self.target is not None:
            insert_text(self.target, self.chosen)
        self.accept()


def insert_text(target: TextTarget, text: str) -> None:
    """Put ``text`` at the field's cursor (replacing a selection), as if typed."""
    if isinstance(target, QLineEdit):
        target.insert(text)
    else:
        target.insertPlainText(text)
    target.setFocus()


def open_finder(target: TextTarget) -> RareCharFinder:
    """Open the finder for ``target``, window-modal; it closes itself after inserting."""
    finder = RareCharFinder(target)
    finder.finished.connect(finder.deleteLater)
    finder.open()
    return finder


def _icon() -> QIcon:
    """A small 字 in a box, drawn from the application's font (no icon file needed)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    color = QApplication.palette().text().color()
    painter.setPen(QPen(color, 2))
    painter.drawRoundedRect(QRect(2, 2, 28, 28), 5, 5)
    font = QFont(QApplication.font())
    font.setPixelSize(20)
    painter.setFont(font)
    painter.drawText(QRect(QPoint(2, 2), QSize(28, 28)), Qt.AlignCenter, "字")
    painter.end()
    return QIcon(pixmap)


def tooltip() -> str:
    return _("Type a rare character (生僻字) by reading, code or radical ({key})").format(
        key=QKeySequence(SHORTCUT).toString(QKeySequence.NativeText)
    )


def add_rare_character_button(line_edit: QLineEdit):
    """A 字 button at the end of ``line_edit`` that opens the finder for it; the action."""
    action = line_edit.addAction(_icon(), QLineEdit.TrailingPosition)
    action.setToolTip(tooltip())
    action.setObjectName("rare_character")
    action.triggered.connect(lambda: open_finder(line_edit))
    return action
