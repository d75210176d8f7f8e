"""Shared helpers for the GUI tests: putting a widget on screen, typing Chinese into it."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Type like an input method does (never keyClicks with Chinese: it aborts PySide6 6.12)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def show_widget(qtbot, widget, size: tuple[int, int] | None = None):
    """Hand ``widget`` to qtbot, resize it to ``size`` if given, show it and wait until it is exposed."""
    qtbot.addWidget(widget)
    if size is not None:
        widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def save_from_preview():
    """The print preview opened last saves its PDF (where the test's answers say) and closes; the path written."""
    from gui.printing.preview import PreviewWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, PreviewWindow) and w.isVisible()]
    assert windows, "no print preview is open"
    window = windows[-1]
    path = window.save_pdf()
    window.close()
    return path
