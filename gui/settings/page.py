"""设置: language, font size, where the data is, backups and restoring them."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages, workers
from gui.common.fit import ElidedLabel
from gui.common.page import Page
from gui.common.page_parts import muted_note, setup_row_table
from gui.context import AppContext
from gui.resources import ScaledLabel, icon
from gui.settings import store as opts
from models import server_backup
from models.i18n import _, format_list_datetime

# Each language is named in itself, so anyone can find their own.
LANGUAGE_NAMES = (("zh_CN", "中文"), ("en", "English"))
BACK_UP = "backup"  # an action of this page only: the overview's "back up now" button asks for it


def backup_filter() -> str:
    """Backups are SQLite databases; any file may be chosen."""
    return (
        messages.file_filter(_("Database backup"), "*.sqlite3", "*.db")
        + ";;"
        + messages.file_filter(_("All files"), "*")
    )


def server_backup_filter() -> str:
    """A server's backup is a pg_dump file (its custom format)."""
    return (
        messages.file_filter(_("Server database backup"), "*" + SERVER_BACKUP_SUFFIX)
        + ";;"
        + messages.file_filter(_("All files"), "*")
    )


SERVER_BACKUP_SUFFIX = server_backup.SUFFIX  # pg_dump's custom format, as pg_restore reads it
MUTED_STYLE = "color: #52606D;"


def _at_size_hint(widget: QWidget) -> QHBoxLayout:
    """A short field (a choice, a number) that should not stretch across the form."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return row


def _rows(box: QWidget, rows) -> QGridLayout:
    """Label and field rows. A grid, not a QFormLayout: the form layout gives
    one-line wrapped notes the height of two lines."""
    grid = QGridLayout(box)
    grid.setColumnStretch(1, 1)
    for row, (label, field) in enumerate(rows):
        if label:
            grid.addWidget(QLabel(label), row, 0, Qt.AlignLeft | Qt.AlignVCenter)
        if isinstance(field, QWidget):
            grid.addWidget(field, row, 1)
        else:
            grid.addLayout(field, row, 1)
    return grid


class SettingsPage(Page):
    """Preferences kept in QSettings, and the database's backup and restore."""

    supported = frozenset({BACK_UP})
    database_replaced = Signal()  # a restore put another database in place: every page must reload
    backup_made = Signal()  # the status bar shows the new last-backup time
    lock_minutes_changed = Signal(int)  # the idle lock's new time, in minutes

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        settings = context.settings

        # --- interface -------------------------------------------------------------
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        index = self.language.findData(settings.get(opts.LANGUAGE))
        self.language.setCurrentIndex(max(index, 0))
        self.language.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.language_note = QLabel(_("A new language takes effect the next time the program starts."))
        self.language_note.setStyleSheet(MUTED_STYLE)
        self.language_note.setWordWrap(True)
        self.language.currentIndexChanged.connect(self._language_chosen)

        self.large_font = QCheckBox(_("Larger text (takes effect at once)"))
        self.large_font.setObjectName("large_font")
        self.large_font.setChecked(settings.get(opts.LARGE_FONT))
        self.large_font.toggled.connect(self._large_font_toggled)

        interface = QGroupBox(_("Interface"))
        _rows(
            interface,
            [
                (_("Language:"), _at_size_hint(self.language)),
                ("", self.language_note),
                ("", self.large_font),
            ],
        )

        # --- the database: this PC's file or the office's server ---------------------------------
        from models import db as dbmod

        on_server = context.on_server
        # A long path is shortened in the middle ("…"), whole in the tooltip: never cut mid-character.
        self.location = ElidedLabel()
        self.location.setText(dbmod.database_location())  # and into the tooltip
        self.location.setObjectName("location")
        self.location.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.show_folder_button = QPushButton(icon("folder"), _("Open the database's folder"))
        self.show_folder_button.setToolTip(_("Show the folder holding the database file and its daily backups"))
        self.show_folder_button.clicked.connect(self._open_folder)
        self.show_folder_button.setVisible(not on_server)  # the server's files are not on this PC
        location_row = QHBoxLayout()
        location_row.setContentsMargins(0, 0, 0, 0)
        location_row.addWidget(self.location, 1)
        location_row.addWidget(self.show_folder_button)

        self.use_server_button = QPushButton(_("Use the office's server…"))
        self.use_server_button.setObjectName("use_server")
        self.use_server_button.setToolTip(
            _("Keep this office's records in one database on a PostgreSQL server that several clerks share")
        )
        self.use_server_button.clicked.connect(lambda: self.choose_server())
        self.use_file_button = QPushButton(_("Go back to this PC's file"))
        self.use_file_button.setObjectName("use_file")
        self.use_file_button.clicked.connect(lambda: self.use_own_file())
        server_row = QHBoxLayout()
        server_row.setContentsMargins(0, 0, 0, 0)
        server_row.addWidget(self.use_server_button)
        server_row.addWidget(self.use_file_button)
        server_row.addStretch(1)
        self.server_note = QLabel()
        self.server_note.setObjectName("server_note")
        self.server_note.setStyleSheet(MUTED_STYLE)
        self.server_note.setWordWrap(True)
        self.server_note.setTextInteractionFlags(Qt.TextSelectableByMouse)

        database_box = QGroupBox(_("Database"))
        database_box.setObjectName("database")
        _rows(
            database_box,
            [
                (_("Database on the server:") if on_server else _("Database file:"), location_row),
                (_("Office server:"), server_row),
                ("", self.server_note),
            ],
        )

        # --- backups ---------------------------------------------------------------------
        self.backup_button = QPushButton(icon("backup"), _("Back up now…"))
        self.restore_button = QPushButton(icon("restore"), _("Restore from a backup…"))
        self.backup_button.setToolTip(
            _("Copy the database to a file you choose (a USB stick, say); the copy is checked after writing")
        )
        self.restore_button.setToolTip(
            _("Replace the database with a backup file you choose; the current database is backed up first")
        )
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(lambda: self.restore())
        # Restoring replaces every clerk's records: on a server, that is for whoever runs it.
        self.restore_button.setVisible(not on_server)
        backup_row = QHBoxLayout()
        backup_row.setContentsMargins(0, 0, 0, 0)
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.restore_button)
        backup_row.addStretch(1)
        if on_server:
            backup_text = _(
                "The server's own backups keep the data: whoever runs the server makes them and restores them. "
                "Back up now writes a copy of the whole database, made with {tool}, to a file you choose "
                "(a USB stick, say)."
            ).format(tool="pg_dump")
        else:
            backup_text = _(
                "Back up to a USB stick from time to time: a copy on the same computer does not help "
                "if the computer breaks. Restoring replaces everything with the backup's contents."
            )
        self.backup_note = QLabel(backup_text)
        self.backup_note.setObjectName("backup_note")
        self.backup_note.setWordWrap(True)
        self.backup_note.setStyleSheet(MUTED_STYLE)

        keep_note = QLabel(_("The program backs up by itself once a day, beside the database."))
        keep_note.setStyleSheet(MUTED_STYLE)
        keep_note.setWordWrap(True)
        keep_note.setVisible(not on_server)

        data = QGroupBox(_("Data and backups"))
        _rows(
            data,
            [
                (_("Back up or restore:") if not on_server else _("Back up:"), backup_row),
                ("", self.backup_note),
                ("", keep_note),
            ],
        )

        # --- privacy -----------------------------------------------------------------
        self.access_table = QTableWidget(0, 3)
        self.access_table.setObjectName("access_log")
        self.access_table.setHorizontalHeaderLabels([_("When"), _("Computer user"), _("What")])
        self.access_table.verticalHeader().setVisible(False)
        self.access_table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.access_table.setSelectionBehavior(QTableWidget.SelectRows)
        self.access_table.setAlternatingRowColors(True)
        self.access_table.horizontalHeader().setStretchLastSection(True)
        self.access_table.setMinimumHeight(160)
        access_note = QLabel(
            _(
                "Every export of a data package, every print with full ID numbers and every full ID number shown "
                "on screen is logged here, newest first."
            )
        )
        access_note.setWordWrap(True)
        access_note.setStyleSheet(MUTED_STYLE)
        self.password_state = QLabel("")
        self.password_button = QPushButton(_("Set a password…"))
        self.password_button.setObjectName("set_password")
        self.password_button.clicked.connect(lambda: self.change_password(remove=False))
        self.remove_password_button = QPushButton(_("Remove the password…"))
        self.remove_password_button.clicked.connect(lambda: self.change_password(remove=True))
        password_row = QHBoxLayout()
        password_row.setContentsMargins(0, 0, 0, 0)
        password_row.addWidget(self.password_state)
        password_row.addWidget(self.password_button)
        password_row.addWidget(self.remove_password_button)
        password_row.addStretch(1)
        password_note = QLabel(
            _(
                "On a shared office PC, a password keeps others out: it is asked at start, after a time "
                "without use and before ID numbers are shown in full. While it is set, the ID numbers are stored "
                "encrypted, in the database and in its backups."
            )
        )
        password_note.setWordWrap(True)
        password_note.setStyleSheet(MUTED_STYLE)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lock_minutes")
        self.lock_minutes.setRange(1, 240)
        self.lock_minutes.setSuffix(_(" min"))
        self.lock_minutes.setValue(settings.get(opts.LOCK_MINUTES))
        self.lock_minutes.valueChanged.connect(self._lock_minutes_chosen)
        privacy = QGroupBox(_("Privacy"))
        self.privacy_rows = [
            (_("Start-up password:"), password_row),
            ("", password_note),
            (_("Lock after no use for:"), _at_size_hint(self.lock_minutes)),
            ("", access_note),
            (_("Access log:"), self.access_table),
        ]
        self.privacy_box = privacy

        # --- the backups beside the database --------------------------------------------
        self.backups = QTableWidget(0, 4)
        self.backups.setObjectName("backups")
        self.backups.setHorizontalHeaderLabels([_("Made"), _("Made by"), _("Unit"), _("Size")])
        setup_row_table(self.backups, QAbstractItemView.SingleSelection)
        header = self.backups.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Fixed)  # sized in refresh(), the unit taking the rest
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.backups.setMinimumHeight(180)
        # No backups yet: said inside the table, where they will be listed.
        self.backups_empty = muted_note()
        empty_layout = QVBoxLayout(self.backups.viewport())
        empty_layout.addWidget(self.backups_empty)
        self.backups.itemSelectionChanged.connect(self._backup_selected)
        self.backups.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.restore_selected_button = QPushButton(icon("restore"), _("Restore this backup…"))
        self.restore_selected_button.setEnabled(False)
        self.restore_selected_button.clicked.connect(lambda: self.restore_selected())
        self.backups_note = QLabel()
        self.backups_note.setStyleSheet(MUTED_STYLE)
        self.backups_note.setWordWrap(True)
        listed = QGroupBox(_("Backups beside the database"))
        listed.setVisible(not on_server)  # a server's database has no file beside which backups are kept
        self.backups_box = listed
        listed_layout = QVBoxLayout(listed)
        listed_layout.addWidget(self.backups)
        listed_layout.addWidget(self.backups_note)
        listed_layout.addLayout(_at_size_hint(self.restore_selected_button))
        self._backup_list: list = []

        # --- the installations trusted to send packages (where packages are imported) ------------
        self.trusted_box = self._build_trusted()
        self._trusted: list = []

        content = QWidget()
        content.setMaximumWidth(860)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(16)
        layout.addWidget(ScaledLabel(_("Settings"), 1.5, True))
        layout.addWidget(interface)
        layout.addWidget(database_box)
        layout.addWidget(data)
        layout.addWidget(listed)
        layout.addWidget(privacy)
        layout.addWidget(self.trusted_box)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(content)
        scroll.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        _rows(privacy, self.privacy_rows)
        self.refresh()

    def _build_trusted(self) -> QGroupBox:
        """受信任的安装: the computers whose packages are taken without asking, with 撤销信任."""
        from models import units

        box = QGroupBox(_("Trusted installations"))
        box.setObjectName("trusted_installations")
        note = QLabel(
            _(
                "Packages signed by these computers are imported without asking. Stop trusting a computer that "
                "was lost, stolen or given away: its next package is then imported only after you compare its "
                "key fingerprint with the stamped cover sheet. What was imported from it stays."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED_STYLE)
        self.trusted_table = QTableWidget(0, 5)
        self.trusted_table.setObjectName("trusted_table")
        self.trusted_table.setHorizontalHeaderLabels(
            [_("Unit"), _("Key fingerprint"), _("Trusted since"), _("How"), _("Last package")]
        )
        setup_row_table(self.trusted_table, QAbstractItemView.SingleSelection)
        header = self.trusted_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        self.trusted_table.setMinimumHeight(140)
        self.trusted_table.itemSelectionChanged.connect(self._trusted_selected)
        self.trusted_empty = QLabel(
            _("No installation is trusted here yet: a unit's first package makes its key trusted.")
        )
        self.trusted_empty.setWordWrap(True)
        self.trusted_empty.setStyleSheet(MUTED_STYLE)
        self.revoke_button = QPushButton(_("Revoke trust…"))
        self.revoke_button.setObjectName("revoke_trust")
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(note)
        box_layout.addWidget(self.trusted_table)
        box_layout.addWidget(self.trusted_empty)
        box_layout.addLayout(_at_size_hint(self.revoke_button))
        # Villages send packages and import none: nobody's key is ever trusted there.
        box.setVisible(units.level_of(self.context.unit_code) != units.VILLAGE)
        return box

    def trigger(self, action: str) -> None:
        if action == BACK_UP:
            self.back_up_now()

    def refresh(self) -> None:
        """List the backups beside the database, newest first."""
        from models import db as dbmod

        self.show_server_state()
        self.show_access_log()
        self.show_password_state()
        self.show_trusted()
        if self.context.on_server:
            self._backup_list = []
            return
        self._backup_list = dbmod.list_backups(self.context.db_path)
        self.backups.setRowCount(len(self._backup_list))
        for row, info in enumerate(self._backup_list):
            cells = (format_list_datetime(info.made_at), info.reason_words, info.unit_words, info.size_words)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.backups.setItem(row, column, item)
        self._size_backup_columns()
        folder = dbmod.backups_dir(self.context.db_path)
        self.backups_note.setText(_("Kept in {folder}.").format(folder=folder))
        self.backups_empty.setText(
            _("There are no backups in {folder} yet; the program makes one each day.").format(folder=folder)
        )
        self.backups_note.setVisible(bool(self._backup_list))
        self.backups_empty.setVisible(not self._backup_list)
        self._backup_selected()

    def _size_backup_columns(self) -> None:
        """The time, the reason and the size as wide as their texts (and headers) need, even with no backup
        listed yet; the unit takes the rest."""
        metrics = self.backups.fontMetrics()
        header = self.backups.horizontalHeader()
        samples = {
            0: format_list_datetime(_dt.datetime(2026, 12, 31, 23, 59)),
            1: "国" * 6,
            3: "999.9 MB",
        }
        room = metrics.horizontalAdvance("M") * 2
        for column, sample in samples.items():
            width = max(
                metrics.horizontalAdvance(sample) + room,
                self.backups.sizeHintForColumn(column) + room,
                header.sectionSizeHint(column) + room,
            )
            self.backups.setColumnWidth(column, width)

    # --- the office's server -------------------------------------------------------------------

    def _own_file(self) -> Path:
        from gui.app import database_path

        return database_path(self.context.settings, None)

    def show_server_state(self) -> None:
        """The server buttons for a township, county or city; for a village, why there are none to use."""
        from models import db as dbmod
        from models import units

        kept = self.context.settings.get(opts.SERVER_URL).strip()
        here = dbmod.database_location()
        on_server = self.context.on_server
        if units.level_of(self.context.unit_code) == units.VILLAGE:
            self.use_server_button.setEnabled(False)
            self.use_file_button.setVisible(on_server or bool(kept))
            self.server_note.setText(
                _(
                    "A village keeps its records in its own file on this PC. A server is for a township, county "
                    "or city office where several clerks work on one database."
                )
            )
            return
        self.use_server_button.setEnabled(True)
        self.use_file_button.setVisible(on_server or bool(kept))
        if kept and kept != here:
            text = _("From the next start the program uses the database on the server {url}.").format(url=kept)
        elif on_server and not kept:
            text = _("From the next start the program uses this PC's file {path} again.").format(path=self._own_file())
        elif on_server:
            text = _(
                "Several clerks share this database; what each one imports and changes is recorded under their name."
            )
        else:
            text = _(
                "A township, county or city office where several clerks work can keep one database on a "
                "PostgreSQL server instead of this file."
            )
        self.server_note.setText(text)

    def choose_server(self):
        """Open the dialog that tests and keeps the server's address (returned for tests; modal)."""
        from gui.settings.server_dialog import ServerDialog

        dialog = ServerDialog(self.context.settings, self)
        self.server_dialog = dialog
        dialog.accepted.connect(lambda: self._server_chosen(dialog.url()))
        dialog.open()
        return dialog

    def _server_chosen(self, url: str) -> None:
        self.show_server_state()
        messages.info(
            self,
            _(
                "From the next start the program uses the database on the server {url}. "
                "Until then it goes on with the database it has open."
            ).format(url=url),
        )

    def use_own_file(self) -> bool:
        """Ask, then forget the server: from the next start the program uses this PC's file; True when done."""
        path = self._own_file()
        if not messages.confirm(
            self,
            _(
                "From the next start, use this PC's own file {path} instead of the server? "
                "The records on the server stay there."
            ).format(path=path),
            title=_("Go back to this PC's file"),
        ):
            return False
        self.context.settings.set(opts.SERVER_URL, "")
        self.show_server_state()
        messages.info(self, _("From the next start the program uses this PC's file {path} again.").format(path=path))
        return True

    # --- trusted installations -------------------------------------------------------------

    def show_trusted(self) -> None:
        """List the keys trusted per unit; the empty list says so."""
        from models.exchange import trusted_installations

        self._trusted = trusted_installations()
        table = self.trusted_table
        table.setRowCount(len(self._trusted))
        for row, trusted in enumerate(self._trusted):
            unit = _("{unit} ({code})").format(unit=trusted.unit_name or "—", code=trusted.unit_code)
            cells = (
                unit,
                trusted.fingerprint,
                format_list_datetime(trusted.since.astimezone()) if trusted.since else "—",
                trusted.how_label,
                format_list_datetime(trusted.last_used.astimezone()) if trusted.last_used else "—",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    _("First trusted from {file}").format(file=trusted.file) if column == 3 and trusted.file else text
                )
                table.setItem(row, column, item)
        table.setVisible(bool(self._trusted))
        self.trusted_empty.setVisible(not self._trusted)
        self._trusted_selected()

    def selected_trusted(self):
        """The trusted installation chosen in the list, or None."""
        rows = self.trusted_table.selectionModel().selectedRows()
        return self._trusted[rows[0].row()] if rows else None

    def _trusted_selected(self) -> None:
        self.revoke_button.setEnabled(self.selected_trusted() is not None)

    def revoke_selected(self) -> bool:
        """Ask, then stop trusting the selected installation; True when it was revoked."""
        from models.exchange import TrustError, revoke_trust

        trusted = self.selected_trusted()
        if trusted is None:
            return False
        title = _("Revoke trust")
        if not messages.confirm(
            self,
            _(
                "Stop trusting the computer of {unit} ({code}) with the key {fingerprint}?\n\n"
                "Its next package is imported only after you compare its fingerprint with the stamped cover "
                "sheet and type it in. What was imported from it stays."
            ).format(unit=trusted.unit_name or "—", code=trusted.unit_code, fingerprint=trusted.fingerprint),
            title=title,
        ):
            return False
        try:
            revoke_trust(trusted.unit_code, trusted.fingerprint)
        except TrustError as exc:
            messages.error(self, str(exc), title=title)
            self.show_trusted()
            return False
        except Exception as exc:
            if messages.storage_fault(self, exc):
                return False
            raise
        self.show_trusted()
        return True

    def show_password_state(self) -> None:
        from models import password

        has = password.has_password()
        if has and not password.encryption_pending():
            self.password_state.setText(_("set, ID numbers encrypted"))
        else:
            self.password_state.setText(_("set") if has else _("none"))
        self.password_button.setText(_("Change the password…") if has else _("Set a password…"))
        self.remove_password_button.setVisible(has)

    def change_password(self, remove: bool = False):
        """Open the dialog that sets, changes or removes the password (returned for tests; modal)."""
        from gui.settings.password_dialog import PasswordChangeDialog

        dialog = PasswordChangeDialog(self, remove=remove)
        self.password_dialog = dialog
        dialog.finished.connect(lambda _r: self.show_password_state())
        dialog.open()
        return dialog

    def _lock_minutes_chosen(self, minutes: int) -> None:
        self.context.settings.set(opts.LOCK_MINUTES, minutes)
        self.lock_minutes_changed.emit(minutes)

    def show_access_log(self) -> None:
        from models import access_log
        from models.submissions import local_time

        entries = access_log.recent(50)
        self.access_table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            when = local_time(entry.at)
            values = (format_list_datetime(when), entry.user, entry.what)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.access_table.setItem(row, column, item)
        self.access_table.resizeColumnsToContents()

    def selected_backup(self):
        """The backup chosen in the list (a BackupInfo), or None."""
        rows = self.backups.selectionModel().selectedRows()
        return self._backup_list[rows[0].row()] if rows else None

    def _backup_selected(self) -> None:
        info = self.selected_backup()
        self.restore_selected_button.setEnabled(info is not None and info.readable)

    def restore_selected(self) -> bool:
        info = self.selected_backup()
        if info is None or not info.readable:
            return False
        return self.restore(info.path)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()  # daily, before-import and before-restore backups appear while other pages are in use

    # --- interface ---------------------------------------------------------------------

    def _language_chosen(self) -> None:
        self.context.settings.set(opts.LANGUAGE, self.language.currentData())
        messages.info(
            self,
            _("The program will use {language} the next time it starts.").format(language=self.language.currentText()),
        )

    def _large_font_toggled(self, checked: bool) -> None:
        from gui.app import apply_font_size

        self.context.settings.set(opts.LARGE_FONT, checked)
        apply_font_size(QApplication.instance(), checked)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.context.db_path).parent)))

    # --- backups -------------------------------------------------------------------------

    def _backup_folder(self) -> Path:
        last = self.context.settings.get(opts.LAST_EXPORT_DIR)
        return Path(last) if last and Path(last).is_dir() else Path.home()

    def back_up_now(self) -> Path | None:
        """Ask where, copy the database there (checked), and say where it went."""
        from models import db as dbmod

        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M")
        name = _("Fulian Ledger backup {unit} {stamp}").format(unit=self.context.unit_name, stamp=stamp)
        on_server = self.context.on_server
        suffix = SERVER_BACKUP_SUFFIX if on_server else ".sqlite3"
        default = self._backup_folder() / (re.sub(r'[\\/:*?"<>|\s]+', "_", name) + suffix)
        path = messages.ask_save_path(
            self, _("Back up the database to"), str(default), server_backup_filter() if on_server else backup_filter()
        )
        if path is None:
            return None
        if not path.suffix:
            path = path.with_suffix(suffix)
        if not on_server and path.resolve() == Path(self.context.db_path).resolve():
            messages.error(self, _("A backup cannot replace the database itself; choose another file."))
            return None
        self.context.settings.set(opts.LAST_EXPORT_DIR, str(path.parent))
        try:
            written = workers.run_with_progress(self, _("Backing up…"), dbmod.backup_to, path)
        except (dbmod.DatabaseError, OSError) as exc:
            messages.error(self, _("The backup failed: {error}").format(error=exc))
            return None
        self.backup_made.emit()
        messages.info(self, _("The database was backed up to {path}.").format(path=written))
        return written

    def restore(self, source: Path | None = None, confirmed: bool = False) -> bool:
        """Replace the database with a backup (asked for when not given), after saying exactly what will be replaced.

        ``confirmed``: the user has already chosen this backup (offered for a damaged database).
        """
        from models import db as dbmod
        from models import units

        db_path = Path(self.context.db_path)
        if source is None:
            source = messages.ask_open_path(
                self, _("Restore from a backup"), str(dbmod.backups_dir(db_path)), backup_filter()
            )
        if source is None:
            return False
        if not confirmed and not messages.confirm(
            self,
            _(
                "Replace all the records in {database} with the backup {backup}?\n\n"
                "Everything entered since that backup was made will be gone. "
                "A copy of the current database is kept in {folder} first."
            ).format(database=db_path, backup=source, folder=dbmod.backups_dir(db_path)),
        ):
            return False
        # This thread's connection is closed first: the worker's restore replaces the
        # file underneath it, and closes only its own thread's connection.
        dbmod.close_database()
        try:
            # Shown at once: until the restore is done no page may read the database being replaced.
            safety = workers.run_with_progress(
                self, _("Restoring…"), dbmod.restore_from, db_path, source, show_at_once=True
            )
        except (dbmod.DatabaseError, OSError) as exc:
            messages.error(self, _("The database was not restored: {error}").format(error=exc))
            self._reopen(db_path)
            self.refresh()
            return False
        if not self._reopen(db_path):
            return False
        from gui.common.password import unlock_again

        if not unlock_again(self):
            QApplication.quit()  # its encrypted ID numbers cannot be read without its password
            return False
        self.refresh()
        unit = units.own_unit()
        if unit is not None:
            self.context.unit_code, self.context.unit_name = unit.code, unit.name
        self.database_replaced.emit()
        text = _("The records were restored from {backup}.").format(backup=source)
        if safety:
            text += "\n\n" + _("The database as it was before is kept as {path}.").format(path=safety)
        messages.info(self, text)
        return True

    def _reopen(self, db_path: Path) -> bool:
        from models import db as dbmod

        try:
            dbmod.open_database(db_path)
        except dbmod.DatabaseError as exc:
            messages.error(self, _("The database could not be opened again: {error}").format(error=exc))
            return False
        return True
