"""Choosing scanned or photographed sheets and reading them off the window's thread.

Reading a 30-page stack takes some seconds a page: it runs in a worker behind
a progress dialog, and the window keeps drawing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from gui.common import messages
from gui.common.workers import Cancelled, run_with_progress
from models.i18n import _
from models.paper.reading import SheetReading

SCAN_PATTERNS = ("*.pdf", "*.jpg", "*.jpeg", "*.png", "*.tif", "*.tiff", "*.PDF", "*.JPG", "*.JPEG", "*.PNG")

# For tests: called with the folder dialog's caption; returns the chosen folder (str or Path) or None.
answer_folder_with = None


def scan_filter() -> str:
    return messages.file_filter(_("Scans and photos (PDF, JPEG, PNG, TIFF)"), *SCAN_PATTERNS)


def choose_files(parent: QWidget | None) -> list[Path]:
    """Files of scanned or photographed sheets, chosen by the person (empty: she cancelled)."""
    return messages.ask_open_paths(parent, _("Choose the scans or photos"), "", scan_filter())


def choose_folder(parent: QWidget | None) -> list[Path]:
    """A folder of scans (all its files are read, in name order), or nothing."""
    caption = _("Choose a folder of scans or photos")
    if answer_folder_with is not None:
        chosen = answer_folder_with(caption)
    else:
        from PySide6.QtWidgets import QFileDialog

        chosen = QFileDialog.getExistingDirectory(parent, caption, "")
    return [Path(chosen)] if chosen else []


def _read(paths: list[Path], progress) -> list[SheetReading]:
    """The sheets of the files, telling how far it got; Cancel stops it between pictures."""
    from models import units
    from paper.read import read_files
    from paper.sheets import Sheets

    return read_files(paths, Sheets(units.own_unit()), progress)


def read_scans(parent: QWidget | None, paths: list[Path]) -> list[SheetReading] | None:
    """The sheets in ``paths``, read in a worker behind a progress dialog (with Cancel); None when she
    cancelled or reading failed (she was told why)."""
    try:
        return run_with_progress(
            parent, _("Reading the scanned sheets…"), _read, paths, with_progress=True, cancellable=True
        )
    except Cancelled:
        return None
    except (OSError, ValueError, MemoryError) as exc:
        if not messages.storage_fault(parent, exc):
            messages.error(
                parent,
                _("The files could not be read: {reason}. Scan them again, or choose other files.").format(
                    reason=str(exc) or type(exc).__name__
                ),
                title=_("Reading scans"),
            )
        return None


def pixmap_of(data: bytes, max_width: int, max_height: int) -> QPixmap | None:
    pixmap = QPixmap()
    if not data or not pixmap.loadFromData(data):
        return None
    if pixmap.width() > max_width or pixmap.height() > max_height:
        pixmap = pixmap.scaled(max_width, max_height, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    return pixmap
