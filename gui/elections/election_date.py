"""A date typed the way cadres write it (2021-03-20, 2021.3.20, 2021年3月20日), or left empty for "not yet"."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidget, QWidgetAction

from models.i18n import _

_PATTERNS = (
    re.compile(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
EARLIEST_YEAR = 1949
LATEST_YEAR = 2100


def parse_day(text: str | None) -> tuple[_dt.date | None, str | None]:
    """(date, None), (None, None) for an empty text, or (None, why it is not a date)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return None, None
    match = next((m for m in (p.fullmatch(text) for p in _PATTERNS) if m), None)
    if match is None:
        return None, _("Write the date like 2021-03-20, 2021.3.20 or 2021年3月20日.")
    year, month, day = (int(g) for g in match.groups())
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None, _("The year {year} cannot be right.").format(year=year)
    try:
        return _dt.date(year, month, day), None
    except ValueError:
        return None, _("There is no day {text}.").format(text=text)


def format_day(day: _dt.date | None) -> str:
    """The form the field shows after typing: unambiguous, short, the same in both languages."""
    return f"{day:%Y-%m-%d}" if day else ""


def calendar_icon() -> QIcon:
    """A small calendar page, drawn here: neither Qt nor the bundled icons have one."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    ink = QColor("#52606D")
    painter.setPen(QPen(ink, 2))
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawRoundedRect(4, 6, 24, 22, 3, 3)
    painter.fillRect(5, 7, 23, 6, QColor("#2A6F97"))
    painter.drawLine(10, 3, 10, 9)
    painter.drawLine(22, 3, 22, 9)
    painter.setPen(Qt.NoPen)
    painter.setBrush(ink)
    for row in range(2):
        for column in range(3):
            painter.drawRect(9 + column * 6, 16 + row * 5, 3, 3)
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """A line edit for one optional date; empty means "not yet". A calendar button helps the mouse."""

    date_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(_("not yet — e.g. 2021-03-20"))
        self.setClearButtonEnabled(True)
        self.setMaxLength(20)
        width = self.fontMetrics().horizontalAdvance("2021年12月30日") + 70
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 60)
        self._last: _dt.date | None = None
        self.calendar_action = self.addAction(calendar_icon(), QLineEdit.TrailingPosition)
        self.calendar_action.setToolTip(_("Choose the day on a calendar"))
        self.calendar_action.triggered.connect(self._show_calendar)
        self.editingFinished.connect(self._tidy)
        self.textChanged.connect(self._text_changed)

    def date(self) -> _dt.date | None:
        """The date typed; None while empty or unreadable (see ``problem``)."""
        return parse_day(self.text())[0]

    def problem(self) -> str:
        return parse_day(self.text())[1] or ""

    def set_date(self, day: _dt.date | None) -> None:
        self.setText(format_day(day))

    def _text_changed(self, _text: str) -> None:
        day = self.date()
        if day != self._last:
            self._last = day
            self.date_changed.emit()

    def _tidy(self) -> None:
        # 2021年3月20日 and 2021.3.20 both become 2021-03-20 once the field is left.
        day, problem = parse_day(self.text())
        if day is not None and not problem and self.text() != format_day(day):
            self.setText(format_day(day))

    def _show_calendar(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        day = self.date() or _dt.date.today()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(qdate: QDate) -> None:
            self.set_date(_dt.date(qdate.year(), qdate.month(), qdate.day()))
            menu.close()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.setFocus(Qt.PopupFocusReason)
