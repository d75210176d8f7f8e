"""读取签到表: the read sign-in pages of a training confirmed row by row, then saved with the pages' images.

One row per trainee and session, grouped by page: the signature cell's
picture beside what it proposes. One key a row: 1 present, 2 absent, Enter
takes the proposal and moves on. A cell the reader was unsure of must be
answered before saving. Walk-ins on the spare rows are typed in from the
picture of their name, or of their signature when no name was written, or
skipped on purpose: each spare row with anything on it is one or the other
before saving. Pages not read and sheets refused are listed with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.fit import fit_to_screen
from gui.paper import conflicts
from gui.paper.scans import pixmap_of
from models import training as tr
from models.base import ValidationError
from models.i18n import N_, _, format_date, format_list_date, ngettext
from models.paper import attendance as pa
from models.paper.evidence import EvidenceError
from models.paper.reading import SheetReading
from models.paper.signin_save import save_attendance

PAGE, TRAINEE, SESSION, PICTURE, READ_AS, DECISION = range(6)
PROPOSAL_WORDS = {pa.PRESENT: N_("Signed"), pa.ABSENT: N_("Blank"), pa.ASK: N_("Please check")}
DECISION_WORDS = {pa.PRESENT: N_("Present"), pa.ABSENT: N_("Absent")}
UNANSWERED = QColor("#fff1c2")  # the rows still to answer
CELL_PICTURE = QSize(220, 60)
MUTED = QColor("#8a8a8a")
WALK_PAGE, WALK_NAME_READ, WALK_NAME, WALK_SIGNED, WALK_SKIP = range(5)


def page_text(sheet: SheetReading) -> str:
    code = sheet.code
    if code is None:
        return sheet.source
    day = pa._day(code.part)
    return _("{day} page {page}/{pages}").format(
        day=format_list_date(day) if day else code.part, page=code.page, pages=code.pages
    )


class ConfirmTable(QTableWidget):
    """The rows to confirm: keys 1 and 2 decide the current row, Enter takes its proposal; each moves on."""

    def __init__(self, dialog: SignInReadDialog):
        super().__init__(0, 6)
        self.dialog = dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        key = event.key()
        if row >= 0 and key in (Qt.Key_1, Qt.Key_2):
            self.dialog.decide(row, pa.PRESENT if key == Qt.Key_1 else pa.ABSENT)
            self.dialog.move_on(row)
            return
        if row >= 0 and key in (Qt.Key_Return, Qt.Key_Enter):
            if self.dialog.decisions[row] is None:
                QApplication.beep()
                self.dialog.status.setText(_("This cell is unclear: press 1 if she signed, 2 if not."))
                return
            self.dialog.decide(row, self.dialog.decisions[row])
            self.dialog.move_on(row)
            return
        super().keyPressEvent(event)


class WalkInRow:
    """The widgets of one spare row: the name typed, a tick for each session she signed, and Skip.

    A signature the reader was unsure of starts half-ticked: she ticks or unticks it (one click each way
    from then on) before the row is saved."""

    def __init__(self, walk_in: pa.WalkIn, on_change: Callable[[], None]):
        self.walk_in = walk_in

        def changed(*_arguments) -> None:  # what the signal carries is read from the widgets instead
            on_change()

        self.name = QLineEdit()
        self.name.setPlaceholderText(
            _("Type the name") if walk_in.name_written else _("Type the name from the signature")
        )
        self.name.textChanged.connect(changed)
        self.skip = QCheckBox()
        self.skip.setToolTip(_("Not a walk-in: the row is not added"))
        self.skip.toggled.connect(self._skipped)
        self.skip.toggled.connect(changed)
        self.skip_cell = QWidget()  # the tick centred under its header
        skip_layout = QHBoxLayout(self.skip_cell)
        skip_layout.setContentsMargins(0, 0, 0, 0)
        skip_layout.addWidget(self.skip, 0, Qt.AlignCenter)
        self.ticks: list[tuple[tr.TrainingSession, QCheckBox]] = []
        self.signatures = QWidget()
        layout = QHBoxLayout(self.signatures)
        layout.setContentsMargins(6, 2, 6, 2)
        unclear = set(walk_in.unclear())
        for session, cell in walk_in.signatures:
            tick = QCheckBox(_(tr.HALVES.get(session.half, session.half)))
            if session in unclear:
                tick.setTristate(True)
                tick.setCheckState(Qt.PartiallyChecked)
                tick.setToolTip(_("Unclear: tick it if she signed, untick it if not"))
                tick.setStyleSheet(f"QCheckBox {{ background-color: {UNANSWERED.name()}; }}")
                tick.clicked.connect(lambda _checked, box=tick: self._decided(box))
                tick.clicked.connect(changed)
            else:
                tick.setChecked(session in walk_in.signed())
            picture = QLabel()
            pixmap = pixmap_of(cell.image, CELL_PICTURE.width(), CELL_PICTURE.height())
            if pixmap is not None:
                picture.setPixmap(pixmap)
            else:
                picture.setText(_("(no picture)"))
            layout.addWidget(tick)
            layout.addWidget(picture)
            layout.addSpacing(12)
            self.ticks.append((session, tick))
        layout.addStretch(1)

    @staticmethod
    def _decided(tick: QCheckBox) -> None:
        """An unclear signature ticked or unticked: from now on one click each way, no longer coloured."""
        tick.setTristate(False)
        tick.setStyleSheet("")

    def _skipped(self, skipped: bool) -> None:
        self.name.setEnabled(not skipped)
        for _session, tick in self.ticks:
            tick.setEnabled(not skipped)

    def pending(self) -> bool:
        """Neither typed in nor skipped."""
        return not self.skip.isChecked() and not self.name.text().strip()

    def undecided(self) -> list[QCheckBox]:
        """The unclear signatures of a row being added that she has not ticked or unticked yet."""
        if self.skip.isChecked():
            return []
        return [tick for _session, tick in self.ticks if tick.checkState() == Qt.PartiallyChecked]

    def confirmed(self) -> pa.ConfirmedWalkIn | None:
        name = self.name.text().strip()
        if self.skip.isChecked() or not name:
            return None
        sessions = tuple(session.uuid for session, tick in self.ticks if tick.checkState() == Qt.Checked)
        return pa.ConfirmedWalkIn(tr.TraineeInput(name=name, walk_in=True), sessions)


class SignInReadDialog(QDialog):
    """The read pages of one training, confirmed and saved as attendance."""

    def __init__(self, training: tr.Training, readings: list[SheetReading], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Read sign-in sheets — {training}").format(training=training.name))
        self.training = training
        self.readings = readings
        self.proposal = pa.propose(training, readings)
        self.rows = sorted(
            self.proposal.proposals,
            key=lambda p: (
                p.sheet.code.part if p.sheet.code else "",
                p.sheet.code.page if p.sheet.code else 0,
                p.reading.cell.row,
                p.session.date,
                p.session.half,
            ),
        )
        # None: still to answer. Signed and blank cells start as their proposal.
        self.decisions: list[str | None] = [None if p.proposal == pa.ASK else p.proposal for p in self.rows]
        self.confirmed_rows: set[int] = set()
        self.recorded: pa.Recorded | None = None
        self._build()
        self._fill()
        self._update_status()
        if not self.rows and not self.proposal.walk_ins:
            # Nothing of this training was read: what was found instead is what she needs to see.
            self.tabs.setCurrentIndex(2)
            self.save_button.setEnabled(False)
        elif not self.rows:
            self.tabs.setCurrentIndex(1)
        fit_to_screen(self, QSize(1200, 700))

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            _(
                "Check each signature against what was read. Keys: 1 present · 2 absent · Enter takes the "
                "proposal and goes to the next row. Rows marked “please check” must be answered before saving."
            )
        )
        intro.setWordWrap(True)
        self.table = ConfirmTable(self)
        self.table.setHorizontalHeaderLabels(
            [_("Page"), _("Trainee"), _("Session"), _("Signature cell"), _("Read as"), _("Decision")]
        )
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setIconSize(CELL_PICTURE)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(
            max(CELL_PICTURE.height() + 6, self.fontMetrics().height() + 10)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(PICTURE, QHeaderView.Fixed)
        self.table.setColumnWidth(PICTURE, CELL_PICTURE.width() + 12)
        header.setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.walk_in_table = QTableWidget(0, 5)
        self.walk_in_table.setHorizontalHeaderLabels(
            [_("Page"), _("Name as written"), _("Name"), _("Signed at"), _("Skip")]
        )
        self.walk_in_table.verticalHeader().setVisible(False)
        self.walk_in_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.walk_in_table.setSelectionMode(QAbstractItemView.NoSelection)
        self.walk_in_table.setIconSize(CELL_PICTURE)
        self.walk_in_table.verticalHeader().setDefaultSectionSize(CELL_PICTURE.height() + 8)
        walk_header = self.walk_in_table.horizontalHeader()
        walk_header.setSectionResizeMode(QHeaderView.ResizeToContents)
        walk_header.setSectionResizeMode(WALK_NAME_READ, QHeaderView.Fixed)
        self.walk_in_table.setColumnWidth(WALK_NAME_READ, CELL_PICTURE.width() + 12)
        walk_header.setSectionResizeMode(WALK_NAME, QHeaderView.Fixed)
        self.walk_in_table.setColumnWidth(WALK_NAME, self.fontMetrics().horizontalAdvance("中") * 8 + 24)
        walk_header.setStretchLastSection(True)
        walk_in_page = QWidget()
        walk_layout = QVBoxLayout(walk_in_page)
        walk_note = QLabel(
            _(
                "Spare rows with a name or a signature on them. Type each name from its picture (from the "
                "signature when no name was written) and tick the sessions she signed, or tick Skip for a row "
                "that is not a walk-in. Every row must be typed or skipped before saving."
            )
        )
        walk_note.setWordWrap(True)
        walk_layout.addWidget(walk_note)
        walk_layout.addWidget(self.walk_in_table, 1)
        self.walk_note = walk_note
        self.walk_in_rows: list[WalkInRow] = []

        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setSelectionMode(QAbstractItemView.NoSelection)

        self.tabs = QTabWidget()
        signatures = QWidget()
        signatures_layout = QVBoxLayout(signatures)
        signatures_layout.addWidget(intro)
        signatures_layout.addWidget(self.table, 1)
        signatures_layout.addWidget(self.status)
        self.tabs.addTab(signatures, "")
        self.tabs.addTab(walk_in_page, "")
        self.tabs.addTab(self.problems, "")

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(_("Save attendance"), QDialogButtonBox.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        previous_page = None
        for row, proposal in enumerate(self.rows):
            page = page_text(proposal.sheet)
            texts = {
                PAGE: page,
                TRAINEE: proposal.trainee.name,
                SESSION: proposal.session.label(),
                READ_AS: _(PROPOSAL_WORDS[proposal.proposal]),
            }
            for column, text in texts.items():
                self.table.setItem(row, column, QTableWidgetItem(text))
            if page == previous_page:
                self.table.item(row, PAGE).setForeground(QBrush(MUTED))  # the page's first row stands out
            previous_page = page
            picture = QTableWidgetItem()
            pixmap = pixmap_of(proposal.reading.image, CELL_PICTURE.width(), CELL_PICTURE.height())
            if pixmap is not None:
                picture.setData(Qt.DecorationRole, pixmap)
            else:
                picture.setText(_("(no picture)"))
            self.table.setItem(row, PICTURE, picture)
            self.table.setItem(row, DECISION, QTableWidgetItem())
            self._show_decision(row)
        if self.rows:
            self.table.setCurrentCell(self._first_unanswered() or 0, DECISION)
        self.tabs.setTabText(
            0, ngettext("Signatures ({n})", "Signatures ({n})", len(self.rows)).format(n=len(self.rows))
        )

        walk_ins = self.proposal.walk_ins
        self.walk_in_table.setRowCount(len(walk_ins))
        for row, walk_in in enumerate(walk_ins):
            self.walk_in_table.setItem(row, WALK_PAGE, QTableWidgetItem(page_text(walk_in.sheet)))
            picture = QTableWidgetItem()
            pixmap = pixmap_of(walk_in.name.image, CELL_PICTURE.width(), CELL_PICTURE.height())
            if not walk_in.name_written:
                picture.setText(_("No name written"))
                picture.setForeground(QBrush(MUTED))
                picture.setTextAlignment(Qt.AlignCenter)
            elif pixmap is not None:
                picture.setData(Qt.DecorationRole, pixmap)
            self.walk_in_table.setItem(row, WALK_NAME_READ, picture)
            widgets = WalkInRow(walk_in, self._update_status)
            self.walk_in_rows.append(widgets)
            self.walk_in_table.setCellWidget(row, WALK_NAME, widgets.name)
            self.walk_in_table.setCellWidget(row, WALK_SIGNED, widgets.signatures)
            self.walk_in_table.setCellWidget(row, WALK_SKIP, widgets.skip_cell)
        self.walk_in_table.resizeColumnToContents(WALK_SIGNED)
        self.tabs.setTabText(1, _("Walk-ins ({n})").format(n=len(walk_ins)))
        if not walk_ins:
            self.walk_note.setText(_("Nothing was written or signed on the spare rows of the pages read."))
            self.walk_in_table.hide()
            self.walk_note.setAlignment(Qt.AlignCenter)

        lines = self.problem_lines()
        if not lines:
            lines = [_("Every page of every day was read; no sheet was refused.")]
        self.problems.addItems(lines)
        problems = len(self.problem_lines())
        self.tabs.setTabText(2, _("Not read ({n})").format(n=problems))

    def problem_lines(self) -> list[str]:
        lines: list[str] = []
        for missing in self.proposal.missing:
            if not missing.numbers:
                lines.append(_("{day}: no page of this day was read.").format(day=format_date(missing.day)))
            else:
                lines.append(
                    _("{day}: page {numbers} of {pages} was not read.").format(
                        day=format_date(missing.day),
                        numbers="、".join(str(n) for n in missing.numbers),
                        pages=missing.pages,
                    )
                )
        for sheet in self.proposal.other:
            reason = sheet.problem or _("not a sign-in page of this training")
            lines.append(_("{file}, page {page}: {reason}").format(file=sheet.source, page=sheet.page, reason=reason))
        all_sessions = len(list(self.training.sessions()))
        for unread in self.proposal.unread:
            if len(unread.sessions) == all_sessions:
                continue  # her whole row is on a page listed above
            lines.append(
                _("{name}: not read for {sessions}.").format(
                    name=unread.trainee.name, sessions="、".join(s.label() for s in unread.sessions)
                )
            )
        return lines

    # --- deciding ---------------------------------------------------------------------------

    def _first_unanswered(self) -> int | None:
        return next((row for row, decision in enumerate(self.decisions) if decision is None), None)

    def _show_decision(self, row: int) -> None:
        decision = self.decisions[row]
        item = self.table.item(row, DECISION)
        if decision is None:
            item.setText(_("? press 1 or 2"))
            brush = QBrush(UNANSWERED)
        else:
            text = _(DECISION_WORDS[decision])
            item.setText(f"✓ {text}" if row in self.confirmed_rows else text)
            brush = QBrush()
        for column in range(self.table.columnCount()):
            cell = self.table.item(row, column)
            if cell is not None:
                cell.setBackground(brush)

    def decide(self, row: int, decision: str | None) -> None:
        if decision is None:
            return
        self.decisions[row] = decision
        self.confirmed_rows.add(row)
        self._show_decision(row)
        self._update_status()

    def move_on(self, row: int) -> None:
        if row + 1 < self.table.rowCount():
            self.table.setCurrentCell(row + 1, DECISION)

    def unanswered(self) -> int:
        return sum(1 for decision in self.decisions if decision is None)

    def _update_status(self) -> None:
        left = self.unanswered()
        present = sum(1 for decision in self.decisions if decision == pa.PRESENT)
        absent = sum(1 for decision in self.decisions if decision == pa.ABSENT)
        text = _("{present} present · {absent} absent · {checked} of {rows} rows confirmed by key").format(
            present=present, absent=absent, checked=len(self.confirmed_rows), rows=len(self.rows)
        )
        if left:
            text += " · " + ngettext(
                "{n} unclear cell still to answer", "{n} unclear cells still to answer", left
            ).format(n=left)
        if not self.rows:
            text = _("No signature of this training's list was read.")
        pending = self.pending_walk_ins()
        if pending:
            text += " · " + ngettext(
                "{n} spare row still to type in or skip", "{n} spare rows still to type in or skip", len(pending)
            ).format(n=len(pending))
        self.status.setText(text)

    def pending_walk_ins(self) -> list[WalkInRow]:
        return [row for row in self.walk_in_rows if row.pending()]

    # --- saving -----------------------------------------------------------------------------

    def confirmed(self) -> list[pa.Confirmed]:
        return [
            pa.Confirmed(p.trainee.uuid, p.session.uuid, decision)
            for p, decision in zip(self.rows, self.decisions, strict=True)
            if decision is not None
        ]

    def walk_ins(self) -> list[pa.ConfirmedWalkIn]:
        return [walk_in for row in self.walk_in_rows if (walk_in := row.confirmed()) is not None]

    def _walk_ins_answered(self) -> bool:
        """Every spare row typed in or skipped, every unclear signature of one typed in decided; else she is
        shown the first row still to do, with what to do, and False."""
        pending = self.pending_walk_ins()
        undecided = [tick for row in self.walk_in_rows for tick in row.undecided()]
        if not pending and not undecided:
            return True
        self.tabs.setCurrentIndex(1)
        if pending:
            pending[0].name.setFocus()
            text = ngettext(
                "{n} spare row has a name or a signature on it: type the name from its picture, or tick Skip, "
                "then save.",
                "{n} spare rows have a name or a signature on them: type each name from its picture, or tick "
                "Skip, then save.",
                len(pending),
            ).format(n=len(pending))
        else:
            undecided[0].setFocus()
            text = ngettext(
                "{n} signature of a walk-in is unclear: tick the session if she signed, untick it if not, then save.",
                "{n} signatures of walk-ins are unclear: tick the sessions she signed, untick the others, then save.",
                len(undecided),
            ).format(n=len(undecided))
        messages.warning(self, text, title=_("Not saved yet"))
        return False

    def save(self) -> None:
        left = self._first_unanswered()
        if left is not None:
            self.tabs.setCurrentIndex(0)
            self.table.setCurrentCell(left, DECISION)
            self.table.setFocus()
            messages.warning(
                self,
                ngettext(
                    "{n} signature cell is unclear: look at it and press 1 (present) or 2 (absent), then save.",
                    "{n} signature cells are unclear: look at each and press 1 (present) or 2 (absent), then save.",
                    self.unanswered(),
                ).format(n=self.unanswered()),
                title=_("Not saved yet"),
            )
            return
        if not self._walk_ins_answered():
            return
        confirmed, walk_ins = self.confirmed(), self.walk_ins()
        result = self._save(confirmed, walk_ins, ())
        if result is None:
            return
        if result.conflicts:
            overwrite = conflicts.decide(result.conflicts, self)
            if overwrite is None:
                return  # back to the rows; nothing was written
            conflicting = {(c.trainee.uuid, c.session.uuid) for c in result.conflicts}
            keep = conflicting - overwrite
            confirmed = [c for c in confirmed if (c.trainee, c.session) not in keep]
            result = self._save(confirmed, walk_ins, overwrite)
            if result is None or result.conflicts:
                return
        self.recorded = result
        messages.info(
            self,
            _(
                "Attendance saved: {written} marks written, {unchanged} already so, {walk_ins} walk-ins added. "
                "The page images are kept with the training."
            ).format(written=result.written, unchanged=result.unchanged, walk_ins=len(result.walk_ins)),
            title=_("Read sign-in sheets"),
        )
        self.accept()

    def _save(self, confirmed, walk_ins, overwrite) -> pa.Recorded | None:
        try:
            return save_attendance(self.training, self.readings, confirmed, walk_ins, overwrite)
        except ValidationError as exc:
            messages.error(self, "\n".join(e.message for e in exc.errors), title=_("Nothing was saved"))
        except EvidenceError as exc:
            messages.error(self, str(exc), title=_("Nothing was saved"))
        return None
