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


def open_world_copy(world: dict, which: str, folder, settings):
    """A copy of ``world[which]`` (see ``county_that_imported_two_villages``) opened, and its context:
    the county's, or the village's for ``which == "village"``."""
    import shutil

    from gui.context import AppContext
    from models import db as dbmod
    from tests.models.exchange_helpers import COUNTY, COUNTY_NAME, VILLAGE, VILLAGE_NAME, use

    path = folder / f"{which}.sqlite3"
    dbmod.close_database()
    shutil.copyfile(world[which], path)
    use(path)
    code, name = (VILLAGE, VILLAGE_NAME) if which == "village" else (COUNTY, COUNTY_NAME)
    return AppContext(db_path=path, unit_code=code, unit_name=name, settings=settings)
