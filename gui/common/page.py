"""The common shape of a navigation page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.context import AppContext

# Toolbar and shortcut actions the main window forwards to the current page.
NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT, SEARCH = "new", "edit", "delete", "import", "export", "print", "search"
NO_PHOTO = "no_photo"  # the activities page's: this year's activities that still have no photo (the overview's link)


class Page(QWidget):
    """A page of the main window. Subclasses set ``supported`` and implement ``trigger``."""

    supported: frozenset[str] = frozenset()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context

    def trigger(self, action: str) -> None:
        """Run a toolbar/shortcut action (one of the names above)."""

    def refresh(self) -> None:
        """Reload what the page shows (after an import, a restore…)."""
