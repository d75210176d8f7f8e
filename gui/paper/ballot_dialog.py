"""用扫描的选票复核: a round's read ballots totalled and set beside the scrutineers' hand count.

The hand count stays the official one: this dialog writes no vote. Each
difference lists the ballots that give the read number and those that may
explain it, as the pictures of the straightened ballots; write-ins are shown
as the pictures of the names; "Record cross-check" only keeps that the round
was checked (the result report says so) and keeps the read ballots' images.

A round's ballot images are one set that the next set kept replaces
(``models.paper.evidence``): when the round has some kept already, the dialog
says so before anything is recorded, and that all of the round's ballots are
read together, in one go. A batch of only some of the ballots shows as a
difference in the ballots returned, which is said in words.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.fit import available_area, fit_to_screen
from gui.paper.scans import pixmap_of
from models.base import ValidationError
from models.elections import records as er
from models.i18n import N_, _, format_datetime, ngettext
from models.paper import ballots as pb
from models.paper import evidence
from models.paper.reading import SheetReading

DIFFERENT = QColor("#ffd6d6")
NOTICE_STYLE = "QLabel { background: #fff4d6; border: 1px solid #e0c36a; border-radius: 4px; padding: 6px; }"
BALLOT_THUMB = QSize(180, 255)
NAME_PICTURE = QSize(240, 48)
COLUMNS = ("yes", "no", "abstain")
COLUMN_WORDS = {
    "yes": N_("For"),
    "no": N_("Against"),
    "abstain": N_("Abstain"),
    "returned": N_("Ballots returned"),
    "valid": N_("Valid ballots"),
    "invalid": N_("Invalid ballots"),
}


def ballot_name(ballot: pb.Ballot) -> str:
    return _("Ballot {n}").format(n=ballot.index + 1)


def ballot_place(sheet: SheetReading) -> str:
    return _("{file}, page {page}").format(file=sheet.source, page=sheet.page)


def moment(utc: _dt.datetime) -> str:
    """A stored moment (naive UTC) on this PC's clock, in a sentence."""
    return format_datetime(utc.replace(tzinfo=_dt.UTC))


def recorded_check_text(round_: er.ElectionRound) -> tuple[str, bool]:
    """What the round's recorded cross-check says, and whether it still holds (False: the hand count was
    edited since, so the result report leaves it out); ("", True) when the round was never cross-checked."""
    check = pb.cross_check_of(round_)
    if check is None:
        return "", True
    done = ngettext(
        "Cross-checked on {when} with {n} scanned ballot",
        "Cross-checked on {when} with {n} scanned ballots",
        check.ballots,
    ).format(when=moment(check.checked_at), n=check.ballots)
    if not check.holds(round_):
        return _(
            "{check}, but the hand count was changed since: the result report no longer mentions the "
            "cross-check. Cross-check again to have it there."
        ).format(check=done), False
    if check.agreed:
        result = _("they agreed with the hand count")
    else:
        result = ngettext(
            "{k} figure differed from the hand count", "{k} figures differed from the hand count", check.differences
        ).format(k=check.differences)
    return _("{check}: {result}.").format(check=done, result=result), True


class BallotPicture(QDialog):
    """One straightened ballot, as large as the screen allows."""

    def __init__(self, title: str, image: bytes, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        area = available_area(parent)
        pixmap = pixmap_of(image, int(area.width() * 0.8), int(area.height() * 0.85))
        label = QLabel()
        if pixmap is not None:
            label.setPixmap(pixmap)
        scroll = QScrollArea()
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize((pixmap.width() if pixmap else 300) + 40, (pixmap.height() if pixmap else 300) + 80))


class BallotStrip(QListWidget):
    """Ballots as pictures side by side; a double-click shows one large."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setViewMode(QListView.IconMode)
        self.setIconSize(BALLOT_THUMB)
        self.setResizeMode(QListView.Adjust)
        self.setMovement(QListView.Static)
        self.setSpacing(6)
        self.setWordWrap(True)
        self.itemActivated.connect(self._open)
        self.opened: BallotPicture | None = None

    def show_ballots(self, ballots: list[tuple[pb.Ballot, str]]) -> None:
        self.clear()
        for ballot, why in ballots:
            pixmap = pixmap_of(ballot.sheet.image, BALLOT_THUMB.width(), BALLOT_THUMB.height())
            text = f"{ballot_name(ballot)}\n{why}" if why else ballot_name(ballot)
            item = QListWidgetItem(QIcon(pixmap) if pixmap else QIcon(), text)
            item.setToolTip(ballot_place(ballot.sheet))
            item.setData(Qt.UserRole, ballot)
            self.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        ballot = item.data(Qt.UserRole)
        if ballot is None:
            return
        self.opened = BallotPicture(f"{ballot_name(ballot)} — {ballot_place(ballot.sheet)}", ballot.sheet.image, self)
        self.opened.show()


class CrossCheckDialog(QDialog):
    """The read ballots of one round beside its hand count."""

    def __init__(self, round_: er.ElectionRound, title: str, readings: list[SheetReading], parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Cross-check with scanned ballots — {round}").format(round=title))
        self.round = round_
        self.totals = pb.total(round_, readings)
        self.comparison = pb.compare(round_, self.totals)
        self.by_index = {b.index: b for b in self.totals.ballots}
        self.kept = evidence.kept_ballots(round_.uuid)
        self.checked = None
        self._build()
        fit_to_screen(self, QSize(1200, 700))

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        official = QLabel(
            _(
                "The scrutineers' hand count stays the official result: the ballots read here only check it, "
                "and no number of the count is changed."
            )
        )
        official.setWordWrap(True)
        font = official.font()
        font.setBold(True)
        official.setFont(font)
        self.summary = QLabel(self.summary_text())
        self.summary.setWordWrap(True)
        self.returned_note = self._notice(self.returned_text())
        self.kept_note = self._notice(self.kept_text())
        self.gray_note = self._notice(pb.gray_scan_note(self.totals))

        hand, read = _("hand count"), _("ballots read")
        unclear = _("Unclear")  # not inside the f-string: the catalog's extraction would not see it there
        self.table = self._counts_table(
            [_("Candidate")]
            + [f"{_(COLUMN_WORDS[c])}\n{source}" for c in COLUMNS for source in (hand, read)]
            + [f"{unclear}\n{read}"]
        )
        self.ballot_table = self._counts_table(["", hand, read])
        self._fill_counts()
        counts = QWidget()
        counts_layout = QVBoxLayout(counts)
        counts_layout.setContentsMargins(0, 0, 0, 0)
        counts_layout.addWidget(self.table, 1)
        counts_layout.addWidget(self.ballot_table)

        self.differences = QListWidget()
        self.differences.setWordWrap(True)
        self.difference_ballots = BallotStrip()
        self.differences.currentRowChanged.connect(self._show_difference)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.differences)
        split.addWidget(self.difference_ballots)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        for difference in self.comparison.differences:
            self.differences.addItem(self.difference_text(difference))
        if not self.comparison.differences:
            self.differences.addItem(_("The read ballots agree with the hand count in every cell."))

        self.write_ins = QListWidget()
        self.write_ins.setViewMode(QListView.IconMode)
        self.write_ins.setIconSize(NAME_PICTURE)
        self.write_ins.setResizeMode(QListView.Adjust)
        self.write_ins.setMovement(QListView.Static)
        self.write_ins.setSpacing(6)
        for write_in in self.totals.write_ins:
            pixmap = pixmap_of(write_in.name.image, NAME_PICTURE.width(), NAME_PICTURE.height())
            ballot = self.by_index.get(write_in.ballot)
            text = ballot_name(ballot) if ballot else ""
            self.write_ins.addItem(QListWidgetItem(QIcon(pixmap) if pixmap else QIcon(), text))
        write_in_page = self._with_note(
            self.write_ins,
            _("Names written in and marked For: read each name; the hand count's written-in names are beside them.")
            if self.totals.write_ins
            else _("No ballot has a name written in and marked For."),
        )

        self.look_at = BallotStrip()
        self.look_at.show_ballots([(b, self.look_reason(b)) for b in self.totals.to_look_at()])
        look_page = self._with_note(
            self.look_at,
            _(
                "Invalid ballots, rows with more than one box marked, and marks the reader was unsure of. "
                "Double-click a ballot to see it large."
            )
            if self.totals.to_look_at()
            else _("Every ballot was read clearly."),
        )

        self.not_read = QListWidget()
        self.not_read.setWordWrap(True)
        for sheet in self.totals.other:
            reason = sheet.problem or _("not a ballot of this round")
            self.not_read.addItem(
                _("{file}, page {page}: {reason}").format(file=sheet.source, page=sheet.page, reason=reason)
            )
        if not self.totals.other:
            self.not_read.addItem(_("Every sheet chosen was a ballot of this round and was read."))

        self.tabs = QTabWidget()
        self.tabs.addTab(
            self._with_note(
                split,
                _("Select a difference to see the ballots that show it; double-click a ballot to see it large."),
            ),
            _("Differences ({n})").format(n=len(self.comparison.differences)),
        )
        self.tabs.addTab(write_in_page, _("Write-ins ({n})").format(n=len(self.totals.write_ins)))
        self.tabs.addTab(look_page, _("Ballots to look at ({n})").format(n=len(self.totals.to_look_at())))
        self.tabs.addTab(self.not_read, _("Not read ({n})").format(n=len(self.totals.other)))

        self.buttons = QDialogButtonBox()
        self.record_button = self.buttons.addButton(_("Record cross-check"), QDialogButtonBox.AcceptRole)
        self.record_button.setEnabled(self.totals.returned > 0)
        self.buttons.addButton(QDialogButtonBox.Close)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(counts)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(official)
        layout.addWidget(self.summary)
        layout.addWidget(self.returned_note)
        layout.addWidget(self.kept_note)
        layout.addWidget(self.gray_note)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        if not self.totals.returned:
            self.tabs.setCurrentIndex(3)  # nothing of this round was read: what was found instead
        elif self.comparison.differences:
            self.differences.setCurrentRow(0)

    @staticmethod
    def _notice(text: str) -> QLabel:
        """A framed note to read before recording (hidden when there is nothing to say)."""
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(NOTICE_STYLE)
        label.setVisible(bool(text))
        return label

    def kept_text(self) -> str:
        """Before recording: the round's cross-check recorded earlier, and the ballot images kept already,
        which the ballots read now will replace (a later batch is never added to them)."""
        parts = []
        earlier, _holds = recorded_check_text(self.round)
        if earlier:
            parts.append(earlier)
        if self.kept is not None:
            parts.append(
                ngettext(
                    "This round already has {n} ballot image kept as evidence, read on {when}.",
                    "This round already has {n} ballot images kept as evidence, read on {when}.",
                    self.kept.count,
                ).format(n=self.kept.count, when=moment(self.kept.read_at))
            )
            parts.append(
                ngettext(
                    "Recording this cross-check keeps the {read} ballot read now in their place, not beside "
                    "them: read all of the round's ballots together, in one go (several files or a whole folder "
                    "at once).",
                    "Recording this cross-check keeps the {read} ballots read now in their place, not beside "
                    "them: read all of the round's ballots together, in one go (several files or a whole folder "
                    "at once).",
                    self.totals.returned,
                ).format(read=self.totals.returned)
            )
        text = ""
        for part in parts:
            text = _("{first} {second}").format(first=text, second=part) if text else part
        return text

    def returned_text(self) -> str:
        """Why every figure differs when only some of the ballots returned were read (or more than were)."""
        hand, read = self.round.returned, self.totals.returned
        if not read or hand == read:
            return ""
        if read > hand:
            return _(
                "More ballots were read ({read}) than the hand count's ballots returned ({hand}): a ballot may "
                "have been scanned twice, or the ballots returned were miscounted."
            ).format(read=read, hand=hand)
        return ngettext(
            "Only {read} of the {hand} ballots returned were read; {missing} was not, so the other figures "
            "cannot agree either. Read all of the round's ballots together, in one go (several files or a "
            "whole folder at once).",
            "Only {read} of the {hand} ballots returned were read; {missing} were not, so the other figures "
            "cannot agree either. Read all of the round's ballots together, in one go (several files or a "
            "whole folder at once).",
            hand - read,
        ).format(read=read, hand=hand, missing=hand - read)

    @staticmethod
    def _with_note(widget: QWidget, note: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        label = QLabel(note)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return page

    def summary_text(self) -> str:
        totals, differences = self.totals, len(self.comparison.differences)
        text = ngettext("{n} ballot read", "{n} ballots read", totals.returned).format(n=totals.returned)
        text += " · " + _("{valid} valid, {invalid} invalid").format(valid=totals.valid, invalid=totals.invalid)
        if not totals.returned:
            return _("No ballot of this round was read: choose the scans of this round's ballots.")
        if differences:
            text += " · " + ngettext(
                "{n} cell differs from the hand count", "{n} cells differ from the hand count", differences
            ).format(n=differences)
        else:
            text += " · " + _("they agree with the hand count")
        return text

    @staticmethod
    def _counts_table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.NoSelection)
        table.setFocusPolicy(Qt.NoFocus)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        return table

    def _fill_counts(self) -> None:
        """A row per candidate (hand count and read side by side for For, Against, Abstain); below, the
        written-in names and the ballots' own counts."""
        everyone = er.ballot_order(self.round.candidates())
        nominated = [c for c in everyone if not c.write_in]
        rows: list[tuple[str, list[tuple[tuple[str, str], int, int]], int]] = []
        for number, candidate in enumerate(nominated, start=1):
            line = self.totals.candidates.get(number, pb.CandidateTotal(number))
            pairs = [((candidate.name, c), getattr(candidate, c), getattr(line, c)) for c in COLUMNS]
            rows.append((candidate.name, pairs, line.unclear))
        self._fill(self.table, rows)
        hand_written = sum(c.yes for c in everyone if c.write_in)
        ballot_rows = [
            (_("Written-in names, For"), [((pb.WRITTEN_IN, "yes"), hand_written, self.totals.written_in)], 0)
        ]
        for column in ("returned", "valid", "invalid"):
            hand, read = getattr(self.round, column), getattr(self.totals, column)
            ballot_rows.append((_(COLUMN_WORDS[column]), [(("", column), hand, read)], 0))
        self._fill(self.ballot_table, ballot_rows)
        height = self.ballot_table.horizontalHeader().sizeHint().height() + 2 * self.ballot_table.frameWidth()
        height += sum(self.ballot_table.rowHeight(r) for r in range(self.ballot_table.rowCount()))
        self.ballot_table.setFixedHeight(height)

    def _fill(self, table: QTableWidget, rows) -> None:
        differing = {(d.candidate, d.column) for d in self.comparison.differences}
        bold = QFont(self.font())
        bold.setBold(True)
        table.setRowCount(len(rows))
        for row, (label, pairs, unclear) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(label))
            for at, (key, hand, read) in enumerate(pairs):
                for offset, value in enumerate((hand, read)):
                    item = QTableWidgetItem(str(value))
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    if key in differing:
                        item.setBackground(QBrush(DIFFERENT))
                        item.setFont(bold)
                        item.setToolTip(_("The hand count and the ballots read differ here."))
                    table.setItem(row, 1 + 2 * at + offset, item)
            if unclear:
                item = QTableWidgetItem(str(unclear))
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                table.setItem(row, 7, item)

    def difference_text(self, difference: pb.Difference) -> str:
        if difference.candidate == pb.WRITTEN_IN:
            what = _("Written-in names, For")
        elif difference.candidate == "":
            what = _(COLUMN_WORDS[difference.column])
        else:
            what = _("{name}, {column}").format(name=difference.candidate, column=_(COLUMN_WORDS[difference.column]))
        return _("{what}: hand count {hand}, ballots read {read}").format(
            what=what, hand=difference.hand, read=difference.read
        )

    def _show_difference(self, row: int) -> None:
        if not 0 <= row < len(self.comparison.differences):
            self.difference_ballots.clear()
            return
        difference = self.comparison.differences[row]
        shown = [(self.by_index[i], _("counted so")) for i in difference.shown_by if i in self.by_index]
        doubtful = [(self.by_index[i], _("may explain it")) for i in difference.doubtful if i in self.by_index]
        self.difference_ballots.show_ballots(doubtful + shown)

    @staticmethod
    def look_reason(ballot: pb.Ballot) -> str:
        if not ballot.valid:
            return _("invalid: too many For")
        if ballot.unclear:
            return _("more than one box in a row")
        return _("a mark to check")

    # --- recording ----------------------------------------------------------------------------

    def record(self) -> None:
        """Record the check and keep the read ballots' images, in place of those kept before; when that
        keeps fewer images than the round had, only once she said so."""
        kept = self.kept
        lost = kept.lost_by(self.totals.returned) if kept is not None else 0
        if (
            kept is not None
            and lost
            and not messages.confirm(
                self,
                ngettext(
                    "The {kept} ballot images kept on {when} will be replaced by the {read} read now: {lost} image "
                    "fewer. Ballots read in two batches are not added together; read all of the round's ballots in "
                    "one go. Record this cross-check anyway?",
                    "The {kept} ballot images kept on {when} will be replaced by the {read} read now: {lost} images "
                    "fewer. Ballots read in two batches are not added together; read all of the round's ballots in "
                    "one go. Record this cross-check anyway?",
                    lost,
                ).format(kept=kept.count, when=moment(kept.read_at), read=self.totals.returned, lost=lost),
                title=_("Record cross-check"),
            )
        ):
            return
        try:
            self.checked = pb.record_cross_check(self.round, self.comparison, self.totals)
        except ValidationError as exc:
            messages.error(self, "\n".join(e.message for e in exc.errors), title=_("Nothing was saved"))
            return
        except evidence.EvidenceError as exc:
            messages.error(self, str(exc), title=_("Nothing was saved"))
            return
        if self.comparison.agrees:
            text = _("The cross-check is recorded: the ballots read agree with the hand count.")
        else:
            text = ngettext(
                "The cross-check is recorded with {n} difference; the hand count stays the official result.",
                "The cross-check is recorded with {n} differences; the hand count stays the official result.",
                len(self.comparison.differences),
            ).format(n=len(self.comparison.differences))
        messages.info(self, text, title=_("Cross-check with scanned ballots"))
        self.accept()
