"""A text box that never holds more than its field's limit, with a live count under it ("123/300").

Typing stops at the limit; a paste (or a drop, or an input method's text)
that would go past it is cut to what fits, and the line under the box says
how many characters were left out, so nothing is lost without the user
knowing. The limit is the stored field's (models/fields.py): what fits here
is what the core stores and what the forms print whole.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from gui.common.field_error import ERROR_COLOUR
from models.i18n import _


def _utf16_length(text: str) -> int:
    """How many positions Qt counts for ``text``: a rare character beyond the BMP (𠮷) counts two."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def _index_of(text: str, position: int) -> int:
    """The Python (code point) index of Qt's cursor ``position`` (UTF-16 units) in ``text``."""
    units = 0
    for index, ch in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


class LimitedPlainTextEdit(QPlainTextEdit):
    """A QPlainTextEdit refusing text past ``limit`` characters; ``cut(n)`` says n characters were left out."""

    cut = Signal(int)

    def __init__(self, limit: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.limit = limit
        self._guarding = False
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._enforce)

    def room(self) -> int:
        """How many characters may still be inserted in place of the selection."""
        selected = len(self.textCursor().selectedText())
        return max(0, self.limit - (len(self.toPlainText()) - selected))

    def keyPressEvent(self, event) -> None:
        text = event.text()
        printable = bool(text) and text.isprintable() or event.key() in (Qt.Key_Return, Qt.Key_Enter)
        if printable and self.room() <= 0:
            event.accept()  # full: the keystroke is not taken (the count shows why)
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasText():
            super().insertFromMimeData(source)
            return
        text = source.text().replace("\r\n", "\n").replace("\r", "\n")
        room = self.room()
        if len(text) <= room:
            super().insertFromMimeData(source)
            return
        fitted = QMimeData()
        fitted.setText(text[:room])
        super().insertFromMimeData(fitted)
        self.cut.emit(len(text) - room)

    def _enforce(self) -> None:
        """Whatever else put text past the limit (an input method, a program): the end beyond it goes."""
        if self._guarding:
            return
        text = self.toPlainText()
        over = len(text) - self.limit
        if over <= 0:
            return
        self._guarding = True
        try:
            cursor = self.textCursor()
            position = _index_of(text, cursor.position())
            # The characters just inserted are those before the cursor: take them off there.
            start = max(0, position - over)
            kept = text[:start] + text[position:]
            if len(kept) > self.limit:
                kept = kept[: self.limit]
            self.setPlainText(kept)
            cursor = self.textCursor()
            cursor.setPosition(_utf16_length(kept[: min(start, len(kept))]))
            self.setTextCursor(cursor)
        finally:
            self._guarding = False
        self.cut.emit(over)


class LimitedText(QWidget):
    """The limited text box with its count and, after a cut paste, what was left out."""

    def __init__(self, limit: int, lines: int = 4, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = LimitedPlainTextEdit(limit)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * lines + 14)
        self.count = QLabel()
        self.count.setObjectName("limitCount")
        self.count.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.notice = QLabel()
        self.notice.setObjectName("limitNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.notice.setVisible(False)
        under = QHBoxLayout()
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.notice, 1)
        under.addWidget(self.count, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addLayout(under)
        self.edit.textChanged.connect(self._update_count)
        self.edit.cut.connect(self._show_cut)
        self._update_count()

    @property
    def limit(self) -> int:
        return self.edit.limit

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)
        self.notice.setVisible(False)

    def count_text(self) -> str:
        return self.count.text()

    def _update_count(self) -> None:
        used = len(self.edit.toPlainText())
        self.count.setText(f"{used}/{self.limit}")
        full = used >= self.limit
        self.count.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;" if full else "")
        self.count.setToolTip(
            _("The limit is reached: no more characters fit.")
            if full
            else _("{n} more characters fit.").format(n=self.limit - used)
        )
        if not full and self.notice.isVisible() and used < self.limit:
            # The notice stays until the text changes again below the limit.
            self.notice.setVisible(False)

    def _show_cut(self, left_out: int) -> None:
        self.notice.setText(
            _("Only {limit} characters fit: the last {n} characters pasted were left out.").format(
                limit=self.limit, n=left_out
            )
        )
        self.notice.setVisible(True)
