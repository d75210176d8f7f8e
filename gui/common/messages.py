"""The few modal message boxes the program uses, in one place.

Tests answer them by setting ``answer_with`` (a callable receiving the box)
instead of patching Qt: the box is still built, only not executed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from models.i18n import _

# For tests: called with (kind, title, text) and returns the answer.
answer_with: Callable[[str, str, str], bool] | None = None
# Everything shown, newest last: tests read it to see what the user saw.
shown: list[tuple[str, str, str]] = []


def _run(kind: str, parent: QWidget | None, title: str, text: str, detail: str, buttons, default) -> bool:
    shown.append((kind, title, text))
    if answer_with is not None:
        return bool(answer_with(kind, title, text))
    icon = {
        "info": QMessageBox.Information,
        "warning": QMessageBox.Warning,
        "error": QMessageBox.Critical,
        "question": QMessageBox.Question,
    }[kind]
    box = QMessageBox(icon, title, text, buttons, parent)
    if detail:
        box.setDetailedText(detail)
    box.setDefaultButton(default)
    return box.exec() in (QMessageBox.Ok, QMessageBox.Yes)


def info(parent: QWidget | None, text: str, title: str = "", detail: str = "") -> None:
    _run("info", parent, title or _("Fulian Ledger"), text, detail, QMessageBox.Ok, QMessageBox.Ok)


def warning(parent: QWidget | None, text: str, title: str = "", detail: str = "") -> None:
    _run("warning", parent, title or _("Fulian Ledger"), text, detail, QMessageBox.Ok, QMessageBox.Ok)


def error(parent: QWidget | None, text: str, title: str = "", detail: str = "") -> None:
    _run("error", parent, title or _("Fulian Ledger"), text, detail, QMessageBox.Ok, QMessageBox.Ok)


def storage_fault(parent: QWidget | None, exc: BaseException) -> bool:
    """Show a full, read-only or locked disk in words; False when ``exc`` is something else."""
    from models.db import storage_message

    text = storage_message(exc)
    if text is None:
        return False
    error(parent, text, title=_("Nothing was saved"))
    return True


def install_storage_fault_hook() -> None:
    """A storage fault raised in any slot (a dialog's save, a finished job) becomes a message box.

    The slot stops where it failed, so a dialog stays open with what was typed.
    Anything else still goes to the previous hook.
    """
    import sys

    previous = sys.excepthook

    def hook(kind, value, traceback) -> None:
        from PySide6.QtWidgets import QApplication

        if isinstance(value, Exception) and storage_fault(QApplication.activeWindow(), value):
            return
        previous(kind, value, traceback)

    sys.excepthook = hook


def confirm(parent: QWidget | None, text: str, title: str = "", detail: str = "") -> bool:
    """Yes/No, No by default: destructive answers must be chosen on purpose."""
    return _run(
        "question", parent, title or _("Fulian Ledger"), text, detail, QMessageBox.Yes | QMessageBox.No, QMessageBox.No
    )


def choose(
    parent: QWidget | None, text: str, yes: str, no: str, title: str = "", kind: str = "warning", detail: str = ""
) -> bool:
    """Two named choices (Escape picks ``no``); True for ``yes``. Tests answer it like ``confirm``."""
    shown.append((kind, title or _("Fulian Ledger"), text))
    if answer_with is not None:
        return bool(answer_with(kind, title or _("Fulian Ledger"), text))
    icon = QMessageBox.Critical if kind == "error" else QMessageBox.Warning
    box = QMessageBox(icon, title or _("Fulian Ledger"), text, QMessageBox.NoButton, parent)
    if detail:
        box.setDetailedText(detail)
    yes_button = box.addButton(yes, QMessageBox.AcceptRole)
    no_button = box.addButton(no, QMessageBox.RejectRole)
    box.setDefaultButton(yes_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


# --- typed answers ---------------------------------------------------------------
# For tests: called with (title, text) and returns what the user typed, or None for Cancel.
answer_text_with: Callable[[str, str], str | None] | None = None


def ask_text(parent: QWidget | None, text: str, title: str = "") -> str | None:
    """A line the user types (a fingerprint read from paper, say); None for Cancel."""
    shown.append(("text", title or _("Fulian Ledger"), text))
    if answer_text_with is not None:
        return answer_text_with(title, text)
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    typed, ok = QInputDialog.getText(parent, title or _("Fulian Ledger"), text, QLineEdit.Normal, "")
    return typed if ok else None


# --- file dialogs ----------------------------------------------------------------


def file_filter(description: str, *patterns: str) -> str:
    """One filter of a file dialog: the description in the interface language, then the patterns.

    Qt finds the patterns between ASCII brackets, so that part stays ASCII
    even in Chinese: 妇联工作台账数据包 (*.fulian).
    """
    return f"{description} ({' '.join(patterns)})"


def package_filter() -> str:
    return file_filter(_("Fulian Ledger data package"), "*.fulian")


# For tests: called with (kind, caption, path, file_filter), kind "open" or
# "save"; returns the chosen path (str or Path) or None for Cancel.
answer_files_with: Callable[[str, str, str, str], object] | None = None


def _ask_one_path(kind: str, parent: QWidget | None, caption: str, start: str, file_filter: str):
    """The file chosen in a "save" or "open" dialog (or a test's answer to it); a Path or None."""
    if answer_files_with is not None:
        chosen = answer_files_with(kind, caption, str(start), file_filter)
    else:
        from PySide6.QtWidgets import QFileDialog

        ask = QFileDialog.getSaveFileName if kind == "save" else QFileDialog.getOpenFileName
        chosen, _filter = ask(parent, caption, str(start), file_filter)
    from pathlib import Path

    return Path(chosen) if chosen else None


def ask_save_path(parent: QWidget | None, caption: str, default_path: str, file_filter: str = ""):
    """A save-as dialog starting at ``default_path``; the chosen Path or None."""
    return _ask_one_path("save", parent, caption, default_path, file_filter)


def ask_open_path(parent: QWidget | None, caption: str, directory: str = "", file_filter: str = ""):
    """An open-file dialog; the chosen Path or None."""
    return _ask_one_path("open", parent, caption, directory, file_filter)


def ask_open_paths(parent: QWidget | None, caption: str, directory: str = "", file_filter: str = ""):
    """An open-files dialog allowing several files; the chosen Paths (empty for Cancel).

    Tests answer it like ``ask_open_path`` (kind "open"), with one path or a list of paths.
    """
    from pathlib import Path

    if answer_files_with is not None:
        chosen = answer_files_with("open", caption, str(directory), file_filter)
        if not chosen:
            return []
        return [Path(p) for p in (chosen if isinstance(chosen, (list, tuple)) else [chosen])]
    from PySide6.QtWidgets import QFileDialog

    chosen, _filter = QFileDialog.getOpenFileNames(parent, caption, str(directory), file_filter)
    return [Path(p) for p in chosen]
