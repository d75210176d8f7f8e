"""Starting the GUI: the application's look, language and fonts, the database, the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QLockFile, Qt, QTimer, QTranslator
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog

from gui import resources
from gui.common import messages, rare_char_key
from gui.settings import store as opts
from gui.settings.store import Settings
from models import i18n
from models.i18n import _

# The GUI thread waits this long for another writer before it says the database is in use:
# long enough for another program's quick save, short enough never to look frozen.
GUI_BUSY_TIMEOUT_SECONDS = 1.0
OPENING_CHECK_POLL_MS = 50  # how often the window asks whether the database's check has finished
ACCENT = QColor("#2A6F97")  # the one accent colour: a calm, readable blue


def palette() -> QPalette:
    """A light palette with one accent; set in full so a dark system theme cannot half-apply."""
    pal = QPalette()
    colours = {
        QPalette.Window: "#F4F6F8",
        QPalette.WindowText: "#1F2933",
        QPalette.Base: "#FFFFFF",
        QPalette.AlternateBase: "#F1F5F9",  # zebra rows
        QPalette.Text: "#1F2933",
        QPalette.Button: "#EEF1F4",
        QPalette.ButtonText: "#1F2933",
        QPalette.BrightText: "#FFFFFF",
        QPalette.Highlight: ACCENT.name(),
        QPalette.HighlightedText: "#FFFFFF",
        QPalette.Link: ACCENT.name(),
        QPalette.LinkVisited: ACCENT.darker(120).name(),
        QPalette.ToolTipBase: "#FFFFF0",
        QPalette.ToolTipText: "#1F2933",
        QPalette.PlaceholderText: "#7B8794",
        QPalette.Light: "#FFFFFF",
        QPalette.Midlight: "#E4E7EB",
        QPalette.Mid: "#CBD2D9",
        QPalette.Dark: "#9AA5B1",
        QPalette.Shadow: "#52606D",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        pal.setColor(QPalette.Disabled, role, QColor("#9AA5B1"))
    pal.setColor(QPalette.Disabled, QPalette.Highlight, QColor("#9AA5B1"))
    return pal


def point_size(large: bool) -> float:
    return resources.LARGE_POINT_SIZE if large else resources.NORMAL_POINT_SIZE


def apply_font_size(app: QApplication, large: bool) -> None:
    """Set the whole program's font size now (the larger-font setting)."""
    app.setFont(resources.ui_font(point_size(large)))


def install_qt_translations(app: QApplication, language: str) -> None:
    """Qt's own dialogs (file dialogs, Yes/No buttons) in the interface language."""
    for old in getattr(app, "_fulian_translators", []):
        app.removeTranslator(old)
    app._fulian_translators = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        app._fulian_translators.append(translator)  # a translator must outlive this function


def configure_application(app: QApplication, settings: Settings) -> None:
    """Style, palette, fonts and languages, all from the user's settings."""
    language = settings.get(opts.LANGUAGE)
    if language not in i18n.LANGUAGES:
        language = i18n.DEFAULT_LANGUAGE
    i18n.set_language(language)
    install_qt_translations(app, language)
    app.setApplicationName("FulianLedger")
    app.setApplicationDisplayName(_("Fulian Ledger"))
    app.setStyle("Fusion")
    # Without this, a widget with a style sheet (the navigation, the overview's
    # cards) keeps its old font when the larger-font setting changes it.
    QCoreApplication.setAttribute(Qt.AA_UseStyleSheetPropagationInWidgetStyles, True)
    app.setPalette(palette())
    resources.register_fonts()
    apply_font_size(app, settings.get(opts.LARGE_FONT))
    app.setWindowIcon(resources.icon("homes"))
    # F8 in any text field of any window opens the rare-character finder.
    rare_char_key.install(app)


def database_path(settings: Settings, db_path: Path | str | None) -> Path:
    """This PC's file: --db wins, then the path kept in the settings, then the per-user default."""
    from models.db import default_db_path

    if db_path:
        return Path(db_path)
    stored = settings.get(opts.DB_PATH)
    return Path(stored) if stored else default_db_path()


def database_location(settings: Settings, db: Path | str | None) -> Path | str:
    """Where the window opens: --db (a file or a server's URL) wins, then the server kept in the settings,
    then this PC's file (``database_path``)."""
    from models.server import is_server_url

    if is_server_url(db):
        return str(db).strip()
    if not db:
        stored = settings.get(opts.SERVER_URL).strip()
        if stored:
            return stored
    return database_path(settings, db)


# What became of opening the database on the server at start.
ON_SERVER, ON_OWN_FILE, QUIT = "server", "file", "quit"


def open_server_at_start(url: str, own_file: Path) -> str:
    """Open the database on the office's server; when that fails, say why and offer this PC's own file.

    Returns ON_SERVER, ON_OWN_FILE (the user chose to work on ``own_file``
    this time) or QUIT. Nothing is locked or removed here: several clerks
    share the server's database, and the server keeps it.
    """
    from models import db as dbmod
    from models.server import server_message, shown_url

    try:
        dbmod.open_database(url)
    except Exception as exc:
        dbmod.close_database()
        problem = server_message(exc, url)
        if problem is None:  # not one of the server's faults the program knows: said as it is, never a traceback
            problem = _("The database on the server {url} could not be opened: {error}").format(
                url=shown_url(url), error=exc
            )
        offer = _(
            "You can work on this PC's own database file ({path}) instead for now; its records are this PC's "
            "own, not the office's. The server is tried again at the next start."
        ).format(path=own_file)
        use_file = messages.choose(
            None,
            problem + "\n\n" + offer,
            yes=_("Use this PC's file"),
            no=_("Quit"),
            title=_("Cannot open the database on the server"),
            kind="error",
        )
        return ON_OWN_FILE if use_file else QUIT
    dbmod.set_busy_timeout(GUI_BUSY_TIMEOUT_SECONDS)
    return ON_SERVER


def start_daily_backup(window, settings: Settings) -> None:
    """Take the day's automatic backup in the background; a failure is shown, not fatal."""
    from gui.common import workers
    from models import db as dbmod

    if not dbmod.daily_backup_due():
        return

    def failed(exc: BaseException) -> None:
        error = dbmod.storage_message(exc) or exc
        messages.warning(window, _("The automatic daily backup failed: {error}").format(error=error))

    workers.start(
        dbmod.automatic_backup,
        "daily",
        on_success=lambda _path: window.refresh_status(),
        on_failure=failed,
    )


def lock_database(path: Path) -> QLockFile | None:
    """Hold ``<database>.lock`` while this window is open; None when another running copy holds it.

    A lock left by a copy that crashed is taken over (Qt checks whether its
    process still runs). A folder where no lock can be made (read-only) does
    not stop the program: SQLite's own locking still guards the file.
    """
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)
    if lock.tryLock(100):
        return lock
    if lock.error() == QLockFile.LockFailedError:
        return None
    return lock


def open_at_start(path: Path) -> bool:
    """Open the database for the window and tell what opening found; False when the program cannot go on.

    A -wal set aside is told. A damaged database is told with what to do; when
    a good backup of it exists the user may restore it at once (the damaged
    file is kept), otherwise the window opens for reading only.
    """
    from models import db as dbmod

    restored = False
    while True:
        try:
            # The first opening checks the file while the window is built (follow_opening_check); after a
            # restore the file is checked before it is used again.
            dbmod.open_database(path, check_in_background=not restored)
        except dbmod.DamagedDatabase as exc:
            if restored or exc.damage.backup is None:
                _tell_damage(exc.damage)
                return False
            if not _offer_restore(exc.damage, readable=False):
                return False
            restored = _restore_at_start(path, exc.damage.backup.path)
            if not restored:
                return False
            continue
        except dbmod.DatabaseError as exc:
            messages.error(None, str(exc), title=_("Cannot open the database"))
            return False
        dbmod.set_busy_timeout(GUI_BUSY_TIMEOUT_SECONDS)
        for notice in dbmod.opening_notices():
            messages.warning(None, notice, title=_("A file was set aside"))
        damage = dbmod.open_damage()
        if damage is None:
            return True
        if restored or damage.backup is None:
            _tell_damage(damage)
            return True  # read-only: every save is refused with the same words
        if not _offer_restore(damage, readable=True):
            return True
        dbmod.close_database()
        # Restored or not, the same backup is not offered again: what is there then opens (read-only if damaged).
        _restore_at_start(path, damage.backup.path)
        restored = True


def _tell_damage(damage, parent=None) -> None:
    messages.error(
        parent,
        damage.summary() + "\n\n" + damage.advice(),
        title=_("The database is damaged"),
        detail=damage.details(),
    )


def checking_message() -> str:
    """The status bar's line while the database's opening check runs."""
    return _("Checking the database… What you save is written as soon as the check has finished.")


def follow_opening_check(window, settings: Settings) -> None:
    """When the check begun as the database was opened has passed, take the day's backup; when it failed, say so.

    A file that failed is read-only from then on (models.db). The user hears it
    as at the start: with the latest good backup offered at once when there is one.
    """
    from models import db as dbmod

    if dbmod.opening_check_pending():
        # A save made meanwhile waits for the verdict (a large file takes seconds): the user sees why.
        window.statusBar().showMessage(checking_message())
        QTimer.singleShot(OPENING_CHECK_POLL_MS, lambda: follow_opening_check(window, settings))
        return
    if window.statusBar().currentMessage() == checking_message():
        window.statusBar().clearMessage()
    damage = dbmod.open_damage()
    missed = dbmod.opening_check_missed()
    if missed is not None:
        messages.warning(
            window,
            _(
                "The database could not be checked as it was opened ({error}); it was opened as usual. "
                "Close other programs that use it: the check is made again at the next start."
            ).format(error=missed),
        )
    if damage is None:
        start_daily_backup(window, settings)
        return
    window.refresh_status()
    if damage.backup is None:
        _tell_damage(damage, window)
    elif _offer_restore(damage, readable=True, parent=window):
        from gui.common import workers

        workers.wait_for_all()  # the pages' background reads hold connections a restore must not run under
        window.show_page("settings").restore(damage.backup.path, confirmed=True)


def _offer_restore(damage, readable: bool, parent=None) -> bool:
    """Ask whether to restore the latest good backup now; True for yes."""
    from models.db import set_aside_dir
    from models.i18n import format_datetime

    question = _(
        "Restore the latest good backup now? It was made {time} ({name}); what was entered after that is not in it. "
        "The damaged file is kept in {folder}."
    ).format(
        time=format_datetime(damage.backup.made_at), name=damage.backup.path.name, folder=set_aside_dir(damage.path)
    )
    return messages.choose(
        parent,
        damage.summary() + "\n\n" + question,
        yes=_("Restore the backup"),
        no=_("Open for reading only") if readable else _("Quit"),
        title=_("The database is damaged"),
        kind="error",
        detail=damage.details(),
    )


def _restore_at_start(path: Path, backup: Path) -> bool:
    """Restore ``backup`` over the damaged database (no window yet); True when it was restored."""
    from gui.common import workers
    from models import db as dbmod

    try:
        safety = workers.run_with_progress(None, _("Restoring…"), dbmod.restore_from, path, backup, show_at_once=True)
    except (dbmod.DatabaseError, OSError) as exc:
        messages.error(None, _("The database was not restored: {error}").format(error=exc))
        return False
    text = _("The records were restored from {backup}.").format(backup=backup)
    if safety:
        text += "\n\n" + _("The database as it was before is kept as {path}.").format(path=safety)
    messages.info(None, text)
    return True


def run(argv: list[str], db_path: Path | str | None = None, settings: Settings | None = None) -> int:
    """The GUI from start to exit; returns the process exit status.

    ``db_path``: a database file or the URL of a database on the office's
    server (``--db``); None: the one in the settings.
    """
    app = QApplication.instance() or QApplication(argv)
    settings = settings or Settings()
    configure_application(app, settings)

    from models import db as dbmod
    from models import units
    from models.server import is_server_url

    location = database_location(settings, db_path)
    on_server = is_server_url(location)
    if on_server:
        opened = open_server_at_start(str(location), database_path(settings, None))
        if opened == QUIT:
            return 1
        if opened == ON_OWN_FILE:
            location, on_server = database_path(settings, None), False
    lock: QLockFile | None = None
    fresh, new_folder, discard = False, None, False
    if not on_server:
        path = Path(location)
        # A database this run makes is removed again if the unit is never given (the first-run question cancelled).
        fresh, new_folder = not path.exists(), dbmod.new_folders_for(path)
        lock = lock_database(path)
        if lock is None:
            messages.error(
                None,
                _(
                    "{path} is already open in another window of Fulian Ledger. "
                    "Switch to that window (or close it) instead of opening a second one."
                ).format(path=path),
                title=_("Cannot open the database"),
            )
            return 1
        if not open_at_start(path):
            dbmod.close_database()
            lock.unlock()
            return 1
    messages.install_storage_fault_hook()

    from gui.common import workers

    try:
        if on_server:
            from gui.settings.clerk_dialog import ask_clerk_at_start

            # Before anything is written: the first-run unit, too, is recorded under the clerk's name.
            if not ask_clerk_at_start(settings, dbmod.database_location()):
                return 0
        unit = units.own_unit()
        if unit is None:
            from gui.settings.first_run import FirstRunDialog

            dialog = FirstRunDialog(location)
            if dialog.exec() != QDialog.Accepted:
                discard = fresh
                return 0
            unit = units.own_unit()

        from gui.common.password import ask_at_start

        if not ask_at_start():
            return 0

        from gui.context import AppContext
        from gui.main_window import MainWindow

        window = MainWindow(AppContext(location, unit.code, unit.name, settings))
        window.show()
        # The rare-character font takes about 1 s to unpack: after the first paint, in the background.
        QTimer.singleShot(0, resources.load_rare_font_later)
        follow_opening_check(window, settings)  # a damaged file is not backed up; its message says what to do
        return app.exec()
    finally:
        workers.wait_for_all()
        dbmod.close_database()
        if lock is not None:
            lock.unlock()
        if discard:
            dbmod.remove_new_database(Path(location), new_folder)
