"""Saving a printed form (报表) as PDF or Excel from any page."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
import shutil
import traceback
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from gui.common import messages, workers
from gui.context import AppContext
from gui.settings import store as opts
from models.i18n import N_, _

FILE_FILTERS = {"pdf": (N_("PDF file"), "*.pdf"), "xlsx": (N_("Excel workbook"), "*.xlsx")}
_UNSAFE = re.compile(r'[\\/:*?"<>|\r\n\t]+')

# Tests replace this to answer "open it now?" without starting a PDF viewer.
open_file = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))  # noqa: E731


def default_file_name(title: str, unit_name: str, suffix: str, today: _dt.date | None = None) -> str:
    """执委会成员名册_石门村_20261128.pdf: what, whose, when, safe on every file system."""
    today = today or _dt.date.today()
    parts = [_UNSAFE.sub("_", part).strip(" .") for part in (title, unit_name)]
    return "_".join(p for p in parts if p) + f"_{today:%Y%m%d}.{suffix}"


def export_dir(context: AppContext) -> Path:
    """The folder of the last export, else Documents, else home."""
    last = context.settings.get(opts.LAST_EXPORT_DIR)
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def form_options(parent: QWidget | None, context: AppContext, form_name: str, suffix: str):
    """Options for this unit's ``form_name`` as ``suffix`` (a forms.registry.FormOptions to fill in further),
    or None after telling the user this version cannot make it."""
    from forms.registry import FORMS, FormOptions

    spec = FORMS.get(form_name)
    if spec is None or suffix not in spec.formats:
        messages.info(parent, _("This form is not available in this version yet."))
        return None
    return FormOptions(unit_code=context.unit_code)


def _unlocked(parent: QWidget | None, form_name: str) -> bool:
    """A form naming the sensitive registers' people is made only after the start-up password (once a session)."""
    from gui.common import sensitive

    return not sensitive.form_is_sensitive(form_name) or sensitive.unlock(parent)


def save_form(
    parent: QWidget | None,
    context: AppContext,
    form_name: str,
    suffix: str,
    options=None,
    unit_name: str | None = None,
) -> Path | None:
    """Ask where, build the form off the GUI thread, warn about undrawable characters, offer to open it.

    The build shows its progress and can be cancelled; a cancelled build
    leaves no file. Returns the written file, or None when the user cancelled or it failed
    (the failure has been shown). ``options`` is a forms.registry.FormOptions;
    by default the whole of this unit's current data. ``unit_name`` names the unit the form is for
    in the file name offered (by default this unit's).
    """
    from forms.registry import FORMS, FormOptions

    suffix = suffix.lower().lstrip(".")
    spec = FORMS[form_name]
    title = _(spec.title)
    if not _unlocked(parent, form_name):
        return None
    if suffix not in spec.formats:
        messages.error(parent, _("{title} cannot be saved as {kind}.").format(title=title, kind=suffix.upper()))
        return None

    default = export_dir(context) / default_file_name(title, unit_name or context.unit_name, suffix)
    path = messages.ask_save_path(
        parent,
        _("Save {title}").format(title=title),
        str(default),
        messages.file_filter(_(FILE_FILTERS[suffix][0]), FILE_FILTERS[suffix][1]) if suffix in FILE_FILTERS else "",
    )
    if path is None:
        return None
    if path.suffix.lower() != "." + suffix:
        path = path.with_name(path.name + "." + suffix)
    context.settings.set(opts.LAST_EXPORT_DIR, str(path.parent))

    if options is None:
        options = FormOptions(unit_code=context.unit_code)
    if build_with_progress(parent, form_name, path, options) is None:
        return None
    if messages.confirm(parent, _("Saved {path}.\n\nOpen it now?").format(path=path)):
        open_file(path)
    return path


def build_with_progress(parent: QWidget | None, form_name: str, path: Path, options):
    """Build ``form_name`` into ``path`` off the GUI thread, behind a cancellable progress dialog.

    Failures are shown (and None returned); so are characters no font can draw. Returns the
    forms.layout.FormResult, or None when the build failed or was cancelled (no file is left then).
    """
    from forms.registry import FORMS, FormError, build_form

    title = _(FORMS[form_name].title)
    # Characters no font can draw may be announced while the form is built
    # (on the worker thread): collect them and tell the user on this thread.
    announced: list[str] = []
    if getattr(options, "report_missing", None) is None:
        options.report_missing = lambda chars: announced.extend(chars)

    try:
        result = workers.run_with_progress(
            parent,
            _("Making {title}…").format(title=title),
            build_form,
            form_name,
            path,
            options,
            with_progress=True,
            cancellable=True,
        )
    except PermissionError:
        messages.error(
            parent,
            _("Cannot write {path}. If it is open in another program, close it there and try again.").format(path=path),
        )
        return None
    except workers.Cancelled:
        return None
    except FormError as exc:  # the form's own words: nothing to print, a missing record…
        messages.error(parent, str(exc))
        return None
    except Exception as exc:
        messages.error(
            parent,
            _("{title} could not be made: {error}").format(title=title, error=exc),
            detail="".join(traceback.format_exception(exc)),
        )
        return None

    missing = sorted(set(announced) | set(getattr(result, "missing_characters", None) or ()))
    if missing:
        messages.warning(
            parent,
            _(
                "No font the program has can draw these characters, so they are blank in {file}: {chars}. "
                "Write them in by hand after printing."
            ).format(file=path.name, chars=" ".join(missing)),
        )
    return result


def preview_form(parent: QWidget | None, context: AppContext, form_name: str, options=None, unit_name=None):
    """Build the form as PDF into a temporary folder and open it in the preview window.

    Returns the (shown) gui.printing.preview.PreviewWindow, or None when the build failed or was
    cancelled. ``options`` and ``unit_name`` as for save_form.
    """
    from forms.registry import FORMS, FormOptions
    from gui.printing.preview import PreviewWindow, temporary_folder

    spec = FORMS[form_name]
    if not _unlocked(parent, form_name):
        return None
    if options is None:
        options = FormOptions(unit_code=context.unit_code)
    folder = temporary_folder()
    if unit_name and unit_name != context.unit_name:
        # The preview offers to save the file under the name of the unit the form is for.
        context = dataclasses.replace(context, unit_name=unit_name)
    path = folder / default_file_name(_(spec.title), context.unit_name, "pdf")
    if build_with_progress(parent, form_name, path, options) is None:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    window = PreviewWindow(context, form_name, path, options, parent, folder=folder)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def print_or_save(parent: QWidget | None, context: AppContext, form_name: str, suffix: str, options=None):
    """A page's 打印: a PDF form opens in the print preview (printed or saved from there); Excel is saved."""
    if suffix.lower().lstrip(".") == "pdf":
        return preview_form(parent, context, form_name, options)
    return save_form(parent, context, form_name, suffix, options)
