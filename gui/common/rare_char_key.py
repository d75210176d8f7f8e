"""F8 in any editable text field, in any window, opens the rare-character finder for that field.

Kept apart from the finder (``gui.common.rare_char_finder``), which is loaded
only when F8 is first pressed: the key is installed as the application starts,
and the finder with its character table would cost the start-up its import.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit)


class _ShortcutFilter(QObject):
    """F8 in any editable text field, in any window, opens the finder for that field.

    It watches only fields that have had the focus (the application's
    focusChanged): a filter on the whole application would be called from
    Python for every event of every widget (about 8 µs each).
    """

    def follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The filter stays on a field once focused (Qt drops it with the field): the
        # old one may be mid-destruction here, when touching it would crash.
        if isinstance(new, TEXT_FIELDS):
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.KeyPress
            and event.key() == Qt.Key_F8
            and not event.modifiers()
            and isinstance(watched, TEXT_FIELDS)
            and not watched.isReadOnly()
        ):
            from gui.common.rare_char_finder import RareCharFinder, open_finder

            if isinstance(watched.window(), RareCharFinder):
                return False  # the finder's own search box
            open_finder(watched)
            return True
        return False


_filter: _ShortcutFilter | None = None


def install(app: QApplication) -> None:
    """Make F8 open the finder in every text field of the application (once)."""
    global _filter
    if _filter is None:
        _filter = _ShortcutFilter(app)
        app.focusChanged.connect(_filter.follow_focus)
        _filter.follow_focus(None, QApplication.focusWidget())
