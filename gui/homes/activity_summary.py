"""This year's activities at a glance (for the overview): per month, per category, missing photos."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from models.homes import CATEGORY, year_at_a_glance
from models.i18n import _, format_number, ngettext

BAR_COLOUR = QColor("#2A6F97")
EMPTY_COLOUR = QColor("#D3DAE0")
MUTED_STYLE = "color: #52606D;"
WARN_STYLE = "color: #9A5B00;"


class MonthBars(QWidget):
    """Twelve tiny bars, one per month, with the count above and the month number below."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts = [0] * 12
        self.current_month = 12  # months after it are still to come: drawn without a bar
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_counts(self, counts: list[int], current_month: int = 12) -> None:
        self.counts = list(counts)
        self.current_month = current_month
        self.setToolTip(
            "\n".join(_("Month {month}: {n}").format(month=m, n=n) for m, n in enumerate(self.counts, start=1))
        )
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(12 * 28, 2 * line + 44)

    def minimumSizeHint(self) -> QSize:
        return QSize(12 * 18, self.sizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.height()
        width = self.width() / 12
        bar_top, bar_bottom = line + 2, self.height() - line - 4
        tallest = max(max(self.counts), 1)
        text_colour = self.palette().text().color()
        muted = self.palette().placeholderText().color()
        for i, count in enumerate(self.counts):
            left = i * width
            bar_width = min(width * 0.6, 22)
            x = left + (width - bar_width) / 2
            height = (bar_bottom - bar_top) * count / tallest
            if count:
                painter.fillRect(QRectF(x, bar_bottom - height, bar_width, height), BAR_COLOUR)
            elif i < self.current_month:
                painter.fillRect(QRectF(x, bar_bottom - 2, bar_width, 2), EMPTY_COLOUR)
            painter.setPen(text_colour if count else muted)
            if count:
                painter.drawText(
                    QRectF(left, bar_bottom - height - line - 1, width, line), Qt.AlignCenter, format_number(count)
                )
            painter.setPen(muted)
            painter.drawText(QRectF(left, bar_bottom + 3, width, line), Qt.AlignCenter, str(i + 1))


class LinkLabel(QLabel):
    """A wrapped label that acts as a link while ``active``: a click, Enter or Space emits ``clicked``."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.active = False

    def set_active(self, active: bool) -> None:
        self.active = active
        font = self.font()
        font.setUnderline(active)
        self.setFont(font)
        self.setCursor(Qt.PointingHandCursor if active else Qt.ArrowCursor)
        self.setFocusPolicy(Qt.StrongFocus if active else Qt.NoFocus)

    def mouseReleaseEvent(self, event) -> None:
        if self.active and event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if self.active and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class ActivitySummary(QWidget):
    """How many activities there were this year, month by month and by category.

    ``show_missing_photos`` asks for the activities without photos (a click on their count).
    """

    show_missing_photos = Signal()

    def __init__(self, unit, parent: QWidget | None = None, year: int | None = None, count: bool = True):
        """``unit``: a unit code, or the AppContext whose own unit is meant; ``count`` False leaves
        the counting to the owner's first ``refresh()``."""
        super().__init__(parent)
        self.unit_code = getattr(unit, "unit_code", unit)
        self.year = year
        self.month_counts: list[int] = [0] * 12
        self.category_counts: dict[str, int] = {}
        self.missing_photos = 0

        self.total_label = QLabel()
        self.months_caption = QLabel()
        self.months_caption.setStyleSheet(MUTED_STYLE)
        self.bars = MonthBars()
        self.categories_caption = QLabel(_("By category"))
        self.categories_caption.setStyleSheet(MUTED_STYLE)
        self.categories = QGridLayout()
        self.categories.setHorizontalSpacing(12)
        self.categories.setVerticalSpacing(2)
        self.category_labels: list[tuple[QLabel, QLabel]] = []
        self.missing_label = LinkLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.clicked.connect(self.show_missing_photos)
        self.empty_label = QLabel(_("No activities recorded this year yet."))
        self.empty_label.setStyleSheet(MUTED_STYLE)
        self.empty_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.total_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.months_caption)
        layout.addWidget(self.bars)
        layout.addWidget(self.categories_caption)
        layout.addLayout(self.categories)
        layout.addWidget(self.missing_label)
        if count:
            self.refresh()

    def refresh(self) -> None:
        """Count again (after an activity was added elsewhere)."""
        today = _dt.date.today()
        year = self.year or today.year
        glance = year_at_a_glance(self.unit_code, year)
        self.month_counts = glance.months
        self.category_counts = glance.categories
        self.missing_photos = glance.missing_photos

        total = glance.total
        self.total_label.setText(
            ngettext("{n} activity in {year}", "{n} activities in {year}", total).format(
                n=format_number(total), year=year
            )
        )
        has_any = total > 0
        self.empty_label.setVisible(not has_any)
        for widget in (self.months_caption, self.bars, self.categories_caption):
            widget.setVisible(has_any)
        self.months_caption.setText(_("By month"))
        self.bars.set_counts(self.month_counts, today.month if year == today.year else 12)

        for name, count in self.category_labels:
            name.deleteLater()
            count.deleteLater()
        self.category_labels = []
        for row, (code, n) in enumerate(self.category_counts.items()):
            name = QLabel(CATEGORY.label(code))
            name.setToolTip(CATEGORY.label(code))
            count = QLabel(format_number(n))
            count.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.categories.addWidget(name, row, 0)
            self.categories.addWidget(count, row, 1)
            self.category_labels.append((name, count))
        self.categories.setColumnStretch(0, 1)

        if self.missing_photos:
            self.missing_label.setText(
                ngettext(
                    "{n} activity has no photo yet; inspectors ask for photos as evidence.",
                    "{n} activities have no photo yet; inspectors ask for photos as evidence.",
                    self.missing_photos,
                ).format(n=format_number(self.missing_photos))
            )
            self.missing_label.setStyleSheet(WARN_STYLE)
            self.missing_label.set_active(True)
        else:
            self.missing_label.set_active(False)
            self.missing_label.setText(_("Every activity has a photo.") if has_any else "")
            self.missing_label.setStyleSheet(MUTED_STYLE)
        self.missing_label.setVisible(bool(self.missing_label.text()))
