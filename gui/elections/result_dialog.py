"""The last page of the election dialog: the committee the votes make, and Finalise."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.elections.election_pages import heading
from gui.elections.election_round import ERROR_COLOUR, STYLE, WARNING_COLOUR, _escape
from models import codes
from models.elections.draft import ElectionDraft, MemberEdit, MemberPreview
from models.i18n import N_, _, format_date

NUMBER, NAME, POSITION, FULL_TIME, TWO_COMMITTEES, NEW = range(6)
HEADERS = (
    N_("No."),
    N_("Name"),
    N_("Position"),
    N_("Full-time"),
    N_("Post on the two committees"),
    N_("New or re-elected"),
)


class ResultPage(QWidget):
    """Shows the committee that would result; 专职/兼职 and 两委 posts are typed here; Finalise makes it so."""

    finalise_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.draft: ElectionDraft | None = None
        self.members: list[MemberPreview] = []
        self._loading = False

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.AnyKeyPressed | QAbstractItemView.EditKeyPressed | QAbstractItemView.DoubleClicked
        )
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(TWO_COMMITTEES, QHeaderView.Stretch)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000") + 16)
        self.table.itemChanged.connect(self._item_changed)
        self.empty = QLabel(_("Nobody is elected yet: enter the vote for the executive committee first."))
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)

        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.RichText)
        self.confirmed = QLabel()
        self.confirmed.setWordWrap(True)
        self.confirmed.setProperty("role", "muted")
        self.finalise_button = QPushButton(_("Finalise and update the roster…"))
        self.finalise_button.setAutoDefault(False)
        self.finalise_button.setToolTip(
            _("Check every vote, then make the elected the unit's committee: posts, terms, the roster.")
        )
        self.finalise_button.clicked.connect(self.finalise_requested.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finalise_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(
            heading(
                _("Result"),
                _(
                    "The committee these votes make. Tick full-time vice-chairs and type posts on the village two "
                    "committees; Finalise records the committee and updates the roster."
                ),
            )
        )
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1, Qt.AlignTop)
        layout.addWidget(self.checks)
        layout.addWidget(self.confirmed)
        layout.addLayout(buttons)

    def show_draft(
        self, draft: ElectionDraft, members: list[MemberPreview], term: tuple | None, confirmed: str = ""
    ) -> None:
        """Fill the table; ``term`` is (start, end) of a finalised election."""
        self.draft, self.members = draft, members
        self._loading = True
        self.table.setRowCount(len(members))
        for row, member in enumerate(members):
            cells = [
                QTableWidgetItem(str(row + 1)),
                QTableWidgetItem(member.name),
                QTableWidgetItem(codes.POST.label(member.position)),
                QTableWidgetItem(),
                QTableWidgetItem(member.two_committees_post),
                QTableWidgetItem(_("Re-elected") if member.reelected else _("Newly elected")),
            ]
            for column, item in enumerate(cells):
                if column != TWO_COMMITTEES:
                    item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                self.table.setItem(row, column, item)
            full_time = cells[FULL_TIME]
            if member.position == "vice_chair":
                full_time.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
                full_time.setCheckState(Qt.Checked if member.full_time else Qt.Unchecked)
                full_time.setText(_("Full-time") if member.full_time else _("Part-time"))
            elif member.position == "chair":
                full_time.setText(_("Full-time"))
            else:
                full_time.setText(_("Part-time"))
            cells[NUMBER].setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self._loading = False
        self.table.setVisible(bool(members))
        self.empty.setVisible(not members)
        if term:
            self.status.setText(
                _(
                    "Finalised: the term runs from {start} to {end}, and the roster follows this "
                    "election. After changing votes, finalise again."
                ).format(start=format_date(term[0]), end=format_date(term[1]))
            )
        else:
            self.status.setText(_("Not finalised yet: the roster does not change until you finalise."))
        self.confirmed.setText(
            _("Warnings confirmed when finalising:\n{text}").format(text=confirmed) if confirmed else ""
        )
        self.confirmed.setVisible(bool(confirmed))

    def show_checks(self, errors: list[str], warnings: list[str], blocked: bool) -> None:
        """What finalising would say now: errors stop it, warnings ask for a confirmation."""
        if blocked:
            lines = [
                f'<div style="color:{ERROR_COLOUR}">✖ '
                + _escape(_("Correct the problems marked in red on the other pages first."))
                + "</div>"
            ]
        else:
            lines = [f'<div style="color:{ERROR_COLOUR}">✖ {_escape(e)}</div>' for e in errors]
            lines += [f'<div style="color:{WARNING_COLOUR}">⚠ {_escape(w)}</div>' for w in warnings]
            if not lines:
                lines = ["<div>✔ " + _escape(_("Every vote checks out: the election can be finalised.")) + "</div>"]
            elif not errors:
                lines.append(
                    "<div>"
                    + _escape(
                        _(
                            "Finalising asks you to confirm the warnings; the confirmation is "
                            "recorded with the election."
                        )
                    )
                    + "</div>"
                )
        self.checks.setText("".join(lines))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or self.draft is None or not 0 <= item.row() < len(self.members):
            return
        member = self.members[item.row()]
        edit = self.draft.member_edits.setdefault(member.name, MemberEdit(member.full_time, member.two_committees_post))
        if item.column() == FULL_TIME and member.position == "vice_chair":
            edit.full_time = item.checkState() == Qt.Checked
            member.full_time = edit.full_time
            self._loading = True
            item.setText(_("Full-time") if edit.full_time else _("Part-time"))
            self._loading = False
        elif item.column() == TWO_COMMITTEES:
            edit.two_committees_post = item.text().strip()
            member.two_committees_post = edit.two_committees_post
