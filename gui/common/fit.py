"""Windows that fit the screen: a dialog sized from its content, bounded by the free screen area.

A village cadre's laptop is often 1366×768 less a taskbar, sometimes 1024×768,
and the larger-font setting makes everything a third bigger: no dialog may have
a fixed size. A dialog asks ``fit_to_screen`` for its size after it is built
(and again when its content grows); a long form puts its fields in a
``ScrollBody`` so that the fields scroll and Save/Cancel stay on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QScrollArea, QStyle, QTableView, QWidget

# The screen area a test pretends to have (None: the widget's real screen).
available_override: QRect | None = None

# What a window manager adds around a window: title bar and borders.
FRAME_ALLOWANCE = QSize(16, 40)


def available_area(widget: QWidget | None = None) -> QRect:
    """The free area of the widget's screen (less the taskbar)."""
    if available_override is not None:
        return QRect(available_override)
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def largest_size(widget: QWidget | None = None) -> QSize:
    """The largest client size a window can have and still show its frame on the screen."""
    area = available_area(widget)
    return QSize(area.width() - FRAME_ALLOWANCE.width(), area.height() - FRAME_ALLOWANCE.height())


def _height_for(widget: QWidget, width: int) -> int:
    layout = widget.layout()
    height = widget.sizeHint().height()
    if layout is not None:
        layout.activate()
        if layout.hasHeightForWidth():
            height = max(height, layout.totalHeightForWidth(width))
        height = max(height, layout.totalMinimumSize().height())
    return height


def fit_to_screen(widget: QWidget, preferred: QSize | None = None, grow_only: bool = False) -> None:
    """Size a top-level ``widget`` from its content (size hint, wrapped texts at that width)
    and ``preferred`` (a size it would like if there is room), never beyond the free screen area.

    ``grow_only``: keep the current size where it is already larger (content got longer).
    """
    limit = largest_size(widget)
    layout = widget.layout()
    if layout is not None:
        layout.activate()
    hint = widget.sizeHint().expandedTo(widget.minimumSizeHint())
    if preferred is not None:
        hint = hint.expandedTo(preferred)
    width = min(max(hint.width(), widget.minimumWidth()), limit.width())
    if grow_only:
        width = max(width, min(widget.width(), limit.width()))
    height = _height_for(widget, width)
    if preferred is not None:
        height = max(height, preferred.height())
    if grow_only:
        height = max(height, widget.height())
    height = min(max(height, widget.minimumHeight()), limit.height())
    widget.resize(width, height)
    if widget.isWindow() and widget.isVisible():
        # Keep the whole frame on the screen after growing.
        area = available_area(widget)
        frame = widget.frameGeometry()
        x = min(max(frame.x(), area.x()), max(area.x(), area.right() - frame.width() + 1))
        y = min(max(frame.y(), area.y()), max(area.y(), area.bottom() - frame.height() + 1))
        if (x, y) != (frame.x(), frame.y()):
            widget.move(x, y)


def fit_width(widget: QWidget, ems: int) -> int:
    """``ems`` letters M wide, but never wider than the screen allows."""
    return min(widget.fontMetrics().horizontalAdvance("M") * ems, largest_size(widget).width())


def em_size(widget: QWidget, ems: int, lines: int) -> QSize:
    """A size in letters M and lines of the widget's font: it grows with the larger font."""
    metrics = widget.fontMetrics()
    return QSize(metrics.horizontalAdvance("M") * ems, metrics.lineSpacing() * lines)


class _FitOnShow(QObject):
    def __init__(self, widget: QWidget, preferred: QSize | None):
        super().__init__(widget)
        self.preferred = preferred
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            fit_to_screen(watched, self.preferred)
            self.deleteLater()
        return False


def fit_on_show(widget: QWidget, preferred: QSize | None = None) -> None:
    """Size ``widget`` with ``fit_to_screen`` when it is first shown, once all its content is in
    (subclasses add theirs after the base's ``__init__``)."""
    _FitOnShow(widget, preferred)


class ScrollBody(QScrollArea):
    """A frameless scroll area for a dialog's fields that asks for its content's whole size.

    A plain QScrollArea asks for at most 36×24 lines; this one asks for what the
    content needs (wrapped labels at its width included), so that the dialog is as
    large as its content when the screen has room and scrolls only when it has not.
    """

    def __init__(self, content: QWidget | QLayout, parent: QWidget | None = None):
        super().__init__(parent)
        if isinstance(content, QLayout):
            holder = QWidget()
            holder.setLayout(content)
            content.setContentsMargins(0, 0, 0, 0)
            content = holder
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)

    def _scrollbar(self) -> int:
        return self.style().pixelMetric(QStyle.PM_ScrollBarExtent, None, self)

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint()
        width = hint.width() + self._scrollbar() + 2 * self.frameWidth()
        inner = max(self.viewport().width(), hint.width())
        height = content.heightForWidth(inner) if content.hasHeightForWidth() else -1
        return QSize(width, max(height, hint.height()) + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().minimumSizeHint()
        lines = self.fontMetrics().lineSpacing()
        return QSize(
            min(content.minimumSizeHint().width() + self._scrollbar(), 40 * lines),
            min(content.minimumSizeHint().height(), 6 * lines),
        )

    def scroll_to(self, widget: QWidget) -> None:
        """Bring a field (one with an error) into view."""
        self.ensureWidgetVisible(widget, 20, 20)


def rows_follow_width(table: QTableView) -> None:
    """Size a word-wrapping table's rows after its columns have their widths, and again whenever
    they change: rows sized while the table is still narrow (before its dialog is shown) are
    many lines tall and push the other rows out of view."""
    timer = QTimer(table)
    timer.setSingleShot(True)
    timer.setInterval(0)  # once after a burst of column changes
    timer.timeout.connect(table.resizeRowsToContents)
    table.horizontalHeader().sectionResized.connect(lambda *_args: timer.start())


class ElidedLabel(QLabel):
    """A one-line label that, when short of room, shows its text shortened in the middle with '…'
    (the whole text in its tooltip) instead of being cut off mid-character."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M") * 8, super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.ElideMiddle, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment()), shown)


class FlowLayout(QLayout):
    """Widgets left to right, going on to a new line when the row is full (a filter row on a
    narrow window): as narrow as its widest widget, as tall as its lines need at its width."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        shown = [item for item in self._items if not item.isEmpty()]
        width = sum(item.sizeHint().width() for item in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + 4, 0
            if move:
                item.setGeometry(QRect(x, y, min(hint.width(), area.width()), hint.height()))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()
