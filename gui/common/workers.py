"""Running a plain function from models/ or forms/ off the GUI thread.

The function knows nothing about Qt: it may take a ``progress(done, total)``
callback, and it is cancelled by that callback raising ``Cancelled``. Its
result (or exception) comes back to the GUI thread through signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.i18n import _

# A progress dialog only appears for jobs that last longer than this, so
# quick ones do not flash a window.
SHOW_AFTER_MS = 400


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel."""


class Task(QThread):
    """One function call on its own thread; reports progress, result or failure."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], *args, with_progress: bool = False, **kwargs):
        super().__init__()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._with_progress = with_progress
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def _progress(self, done: int, total: int) -> None:
        if self._cancelled:
            raise Cancelled()
        self.progressed.emit(int(done), int(total))

    def run(self) -> None:
        kwargs = dict(self._kwargs)
        if self._with_progress:
            kwargs["progress"] = self._progress
        try:
            result = self._fn(*self._args, **kwargs)
        except BaseException as exc:
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            _close_thread_connection()


def _close_thread_connection() -> None:
    """peewee opens one SQLite connection per thread; do not leave this thread's open."""
    from models.base import database

    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


_running: set[Task] = set()


def start(
    fn: Callable[..., Any],
    *args,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    **kwargs,
) -> Task:
    """Start a job in the background; the callbacks run on the GUI thread."""
    task = Task(fn, *args, **kwargs)
    _running.add(task)
    if on_success:
        task.succeeded.connect(on_success)
    if on_failure:
        task.failed.connect(on_failure)
    task.finished.connect(lambda: _running.discard(task))
    task.start()
    return task


def wait_for_all() -> None:
    """Let background jobs finish (at exit: never cut a backup in half)."""
    for task in list(_running):
        task.wait()
    _running.clear()


def run_with_progress(
    parent: QWidget | None,
    label: str,
    fn: Callable[..., Any],
    *args,
    with_progress: bool = False,
    cancellable: bool = False,
    show_at_once: bool = False,
    **kwargs,
) -> Any:
    """Run a job behind a modal progress dialog and return its result.

    Raises the job's own exception on the GUI thread, or ``Cancelled``.
    Without ``with_progress`` the dialog shows a busy bar. The dialog appears
    after a short while, so quick jobs do not flash it; ``show_at_once`` shows
    it (and so blocks the window) at once, for jobs during which nothing else
    may touch the database, such as a restore.
    """
    task = Task(fn, *args, with_progress=with_progress, **kwargs)
    dialog = QProgressDialog(label, _("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(_("Please wait"))
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(0 if show_at_once else SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(task.cancel)

    outcome: dict[str, Any] = {}

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)

    task.progressed.connect(progressed)
    task.succeeded.connect(lambda result: outcome.setdefault("result", result))
    task.failed.connect(lambda exc: outcome.setdefault("error", exc))
    loop = QEventLoop()
    task.finished.connect(loop.quit)
    if show_at_once:
        dialog.show()
    task.start()
    if not task.isFinished():
        loop.exec()
    task.wait()
    # Queued signals from the thread may still be waiting: deliver them now.
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    if "result" not in outcome:
        raise Cancelled()
    return outcome["result"]
