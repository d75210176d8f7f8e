"""年度计划与总结: a year's plan or summary edited heading by heading, and the year's figures beside it."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.field_error import INVALID_STYLE, FieldBox
from gui.common.page_parts import themed_icon
from gui.context import AppContext
from gui.elections.election_date import DateField
from models import fields as field_rules
from models import year_documents as yd
from models.base import FieldError, ValidationError
from models.homes import CATEGORY
from models.i18n import _, format_number
from models.units import is_above_village


def figure_lines(figures: yd.YearFigures) -> list[tuple[str, str]]:
    """(label, value) lines of the year's figures, as the summary prints them."""
    lines = [
        (
            _("Women's Home activities"),
            _("{n} activities, {people} participants").format(
                n=format_number(figures.activity_count), people=format_number(figures.participants)
            ),
        )
    ]
    lines += [
        (
            "\u3000" + CATEGORY.label(code),
            _("{n} activities, {people} participants").format(n=format_number(n), people=format_number(p)),
        )
        for code, (n, p) in figures.activities.items()
        if n
    ]
    lines += [(label, format_number(value)) for label, value in figures.work()]
    return lines


class YearDocumentTab(QWidget):
    """Pick a year and plan or summary; edit the title and the headings with their texts; save or print."""

    saved = Signal()
    print_requested = Signal(str, int)  # kind, year

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setStyleSheet(INVALID_STYLE)
        self.sections: list[yd.SectionInput] = []
        self._loaded: tuple = ()
        self._row = -1
        self._build()
        self.refresh_years()
        self.load()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.year_box = QComboBox()
        self.kind_box = QComboBox()
        for code, label in yd.KIND.choices():
            self.kind_box.addItem(label, code)
        self.year_box.currentIndexChanged.connect(lambda _i: self._choice_changed())
        self.kind_box.currentIndexChanged.connect(lambda _i: self._choice_changed())
        year_label, kind_label = QLabel(_("Year")), QLabel(_("Document"))
        year_label.setBuddy(self.year_box)
        kind_label.setBuddy(self.kind_box)
        self.state_label = QLabel()
        self.state_label.setEnabled(False)
        self.save_button = QPushButton(themed_icon(self, "ok", QStyle.SP_DialogSaveButton), _("Save"))
        self.save_button.setToolTip(_("Save the plan or summary (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(themed_icon(self, "print", QStyle.SP_FileDialogListView), _("Print…"))
        self.print_button.setToolTip(_("Preview and print it as the federation's document (Ctrl+P)"))
        self.print_button.clicked.connect(self.request_print)
        QShortcut(QKeySequence.Save, self, activated=self.save, context=Qt.WidgetWithChildrenShortcut)
        top = QHBoxLayout()
        for widget in (year_label, self.year_box, kind_label, self.kind_box, self.state_label):
            top.addWidget(widget)
        top.addStretch(1)
        self.written_on = DateField()
        self.written_on.setPlaceholderText(_("e.g. 2026-12-20"))
        self.written_on.setToolTip(_("The date printed under the federation's name"))
        written_label = QLabel(_("Dated"))
        written_label.setBuddy(self.written_on)
        self.delete_button = QPushButton(themed_icon(self, "delete", QStyle.SP_TrashIcon), _("Delete…"))
        self.delete_button.setToolTip(_("Move this plan or summary to the recycle bin"))
        self.delete_button.clicked.connect(self.delete_document)
        top.addWidget(self.save_button)
        top.addWidget(self.print_button)
        top.addWidget(self.delete_button)

        self.title = QLineEdit()
        self.title.setMaxLength(field_rules.max_length("year_document", "title"))
        self.title_box = FieldBox(self.title)
        title_row = QHBoxLayout()
        title_label = QLabel(_("Title"))
        title_label.setBuddy(self.title)
        title_row.addWidget(title_label, 0, Qt.AlignTop)
        title_row.addWidget(self.title_box, 1)
        title_row.addWidget(written_label, 0, Qt.AlignTop)
        title_row.addWidget(self.written_on, 0, Qt.AlignTop)

        self.heading_list = QListWidget()
        self.heading_list.currentRowChanged.connect(self._row_changed)
        self.add_button = QPushButton(_("Add heading"))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Remove the chosen heading and its text (Delete in the list)"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.add_button.clicked.connect(self.add_heading)
        self.remove_button.clicked.connect(self.remove_heading)
        self.up_button.clicked.connect(lambda: self.move_heading(-1))
        self.down_button.clicked.connect(lambda: self.move_heading(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        headings_label = QLabel(_("Headings"))
        headings_label.setBuddy(self.heading_list)
        left = QVBoxLayout()
        left.addWidget(headings_label)
        left.addWidget(self.heading_list, 1)
        left.addLayout(buttons)
        self.sections_box = FieldBox(QWidget())
        self.sections_box.editor.setLayout(left)

        self.heading = QLineEdit()
        self.heading.setMaxLength(field_rules.max_length("year_document_section", "heading"))
        self.heading.textEdited.connect(self._heading_edited)
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText(_("The text under this heading; each line is a paragraph."))
        self.body.textChanged.connect(self._body_edited)
        self.heading_box, self.body_box = FieldBox(self.heading), FieldBox(self.body)
        heading_label, body_label = QLabel(_("Heading")), QLabel(_("Text"))
        heading_label.setBuddy(self.heading)
        body_label.setBuddy(self.body)
        middle = QVBoxLayout()
        middle.addWidget(heading_label)
        middle.addWidget(self.heading_box)
        middle.addWidget(body_label)
        middle.addWidget(self.body_box, 1)

        self.figures = QTableWidget(0, 2)
        self.figures.horizontalHeader().setVisible(False)
        self.figures.verticalHeader().setVisible(False)
        self.figures.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.figures.setSelectionMode(QAbstractItemView.NoSelection)
        self.figures.setFocusPolicy(Qt.NoFocus)
        self.figures.setShowGrid(False)
        self.figures.setWordWrap(False)
        self.figures.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.figures.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        above = is_above_village(self.context.unit_code)
        self.figures_note = QLabel(
            _("Counted from the records of this federation and the units below; the summary prints them.")
            if above
            else _("Counted from the records; the summary prints them.")
        )
        self.figures_note.setWordWrap(True)
        self.figures_note.setEnabled(False)
        figures_group = QGroupBox(_("The year in figures"))
        figures_layout = QVBoxLayout(figures_group)
        figures_layout.addWidget(self.figures, 1)
        figures_layout.addWidget(self.figures_note)

        columns = QHBoxLayout()
        columns.addWidget(self.sections_box, 2)
        columns.addLayout(middle, 4)
        columns.addWidget(figures_group, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(title_row)
        layout.addLayout(columns, 1)

    # --- what is chosen ---------------------------------------------------------------------

    def year(self) -> int:
        return int(self.year_box.currentData() or _dt.date.today().year)

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def refresh_years(self) -> None:
        """This year, the years around it and every year with a document; the chosen one kept."""
        this = _dt.date.today().year
        chosen = self.year_box.currentData() or this
        years = sorted(set(yd.document_years(self.context.unit_code)) | {this - 1, this, this + 1}, reverse=True)
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in years:
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(max(self.year_box.findData(chosen), 0))
        self.year_box.blockSignals(False)
        self._choice = (self.year(), self.kind())

    def set_choice(self, year: int, kind: str) -> None:
        self.year_box.setCurrentIndex(max(self.year_box.findData(year), 0))
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(kind), 0))

    def _choice_changed(self) -> None:
        choice = (self.year(), self.kind())
        if choice == self._choice:
            return
        if self.has_changes() and not messages.confirm(self, _("Discard the changes you typed?"), title=_("Plan")):
            year, kind = self._choice
            for box, value in ((self.year_box, year), (self.kind_box, kind)):
                box.blockSignals(True)
                box.setCurrentIndex(max(box.findData(value), 0))
                box.blockSignals(False)
            return
        self.load()

    # --- loading and editing ------------------------------------------------------------------

    def load(self) -> None:
        """Show the stored document of the year and kind chosen, or a new one with the usual headings."""
        self._choice = (self.year(), self.kind())
        unit = self.context.unit_code
        stored = yd.document_of(unit, self.year(), self.kind())
        data = yd.document_or_new(unit, self.context.unit_name, self.year(), self.kind())
        self.state_label.setText(_("saved") if stored else _("not written yet"))
        self.delete_button.setEnabled(stored is not None)
        self.title.setText(data.title)
        self.written_on.set_date(data.written_on)
        self.sections = [yd.SectionInput(s.heading, s.body) for s in data.sections]
        self._row = -1
        self._fill_list(0)
        self.show_errors([])
        self._loaded = self._snapshot()
        lines = figure_lines(yd.year_figures(unit, self.year()))
        self.figures.setRowCount(len(lines))
        for row, (label, value) in enumerate(lines):
            for column, text in enumerate((label, value)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.figures.setItem(row, column, item)

    def figures_text(self) -> str:
        """The figures shown, one "label value" a line (what a user reads in the box)."""
        return "\n".join(
            f"{self.figures.item(row, 0).text()} {self.figures.item(row, 1).text()}"
            for row in range(self.figures.rowCount())
        )

    def _fill_list(self, current: int) -> None:
        from forms.layout import section_title

        self.heading_list.blockSignals(True)
        self.heading_list.clear()
        for number, section in enumerate(self.sections, start=1):
            self.heading_list.addItem(section_title(number, section.heading or _("(no heading)")))
        self.heading_list.blockSignals(False)
        self._row = -1
        self.heading_list.setCurrentRow(min(current, len(self.sections) - 1))
        if not self.sections:
            self._row_changed(-1)
        self._update_buttons()

    def _row_changed(self, row: int) -> None:
        self._row = row
        section = self.sections[row] if 0 <= row < len(self.sections) else None
        for editor in (self.heading, self.body):
            editor.blockSignals(True)
            editor.setEnabled(section is not None)
        self.heading.setText(section.heading if section else "")
        self.body.setPlainText(section.body if section else "")
        for editor in (self.heading, self.body):
            editor.blockSignals(False)
        self._update_buttons()

    def _heading_edited(self, text: str) -> None:
        from forms.layout import section_title

        if 0 <= self._row < len(self.sections):
            self.sections[self._row].heading = text
            self.heading_list.item(self._row).setText(section_title(self._row + 1, text or _("(no heading)")))

    def _body_edited(self) -> None:
        if 0 <= self._row < len(self.sections):
            self.sections[self._row].body = self.body.toPlainText()

    def add_heading(self) -> None:
        at = self._row + 1 if self._row >= 0 else len(self.sections)
        self.sections.insert(at, yd.SectionInput())
        self._fill_list(at)
        self.heading.setFocus()

    def remove_heading(self) -> None:
        if not 0 <= self._row < len(self.sections):
            return
        section = self.sections[self._row]
        if section.body.strip() and not messages.confirm(
            self, _("Remove the heading “{heading}” and its text?").format(heading=section.heading), title=_("Remove")
        ):
            return
        del self.sections[self._row]
        self._fill_list(max(self._row - 1, 0) if self._row >= len(self.sections) else self._row)

    def move_heading(self, step: int) -> None:
        row, target = self._row, self._row + step
        if 0 <= row < len(self.sections) and 0 <= target < len(self.sections):
            self.sections[row], self.sections[target] = self.sections[target], self.sections[row]
            self._fill_list(target)
            self.heading_list.setFocus()

    def _update_buttons(self) -> None:
        row, count = self._row, len(self.sections)
        self.remove_button.setEnabled(0 <= row < count)
        self.up_button.setEnabled(0 < row < count)
        self.down_button.setEnabled(0 <= row < count - 1)

    # --- saving -----------------------------------------------------------------------------

    def _snapshot(self) -> tuple:
        return (self.title.text(), self.written_on.text(), tuple((s.heading, s.body) for s in self.sections))

    def has_changes(self) -> bool:
        return self._snapshot() != self._loaded

    def _input(self) -> yd.YearDocumentInput:
        return yd.YearDocumentInput(
            year=self.year(),
            kind=self.kind(),
            title=self.title.text(),
            written_on=self.written_on.date() or _dt.date.today(),
            sections=[yd.SectionInput(s.heading, s.body) for s in self.sections],
        )

    def show_errors(self, errors: list[FieldError]) -> None:
        """The title's problem under it; a heading's or text's under its editor (that heading chosen);
        the rest under the list of headings."""
        title = [e.message for e in errors if e.field == "title"]
        self.title_box.set_error("\n".join(title))
        by_section: dict[int, dict[str, list[str]]] = {}
        general = []
        for error in errors:
            parts = error.field.split(".")
            if len(parts) == 3 and parts[0] == "sections":
                by_section.setdefault(int(parts[1]), {}).setdefault(parts[2], []).append(error.message)
            elif error.field != "title":
                general.append(error.message)
        lines = list(general)
        for row, problems in sorted(by_section.items()):
            from forms.layout import section_title

            for texts in problems.values():
                lines += [section_title(row + 1, text) for text in texts]
        self.sections_box.set_error("\n".join(lines))
        first = min(by_section) if by_section else None
        if first is not None:
            self.heading_list.setCurrentRow(first)
            problems = by_section[first]
            self.heading_box.set_error("\n".join(problems.get("heading", [])))
            self.body_box.set_error("\n".join(problems.get("body", [])))
            (self.heading if "heading" in problems else self.body).setFocus()
        else:
            self.heading_box.set_error("")
            self.body_box.set_error("")
            if title:
                self.title.setFocus()

    def save(self) -> bool:
        problem = self.written_on.problem()
        if problem:
            messages.info(self, problem, title=_("Dated"))
            self.written_on.setFocus()
            return False
        try:
            yd.save_document(self._input(), self.context.unit_code)
        except ValidationError as exc:
            dated = [e.message for e in exc.errors if e.field == "written_on"]
            if dated:
                messages.info(self, "\n".join(dated), title=_("Dated"))
                self.written_on.setFocus()
                return False
            self.show_errors(exc.errors)
            return False
        self.refresh_years()
        self.load()
        self.saved.emit()
        return True

    def delete_document(self) -> None:
        """Move the stored plan or summary of the year to the recycle bin (it comes back from there)."""
        from models.recycle_bin import move_to_bin

        stored = yd.document_of(self.context.unit_code, self.year(), self.kind())
        if stored is None:
            return
        question = _("Move “{title}” to the recycle bin?").format(title=stored.title)
        if not messages.confirm(self, question, title=_("Delete")):
            return
        move_to_bin("year_documents", [stored.uuid], self.context.unit_code)
        self.refresh_years()
        self.load()
        self.saved.emit()

    def request_print(self) -> None:
        """Print what is saved: unsaved changes are saved first (asked), as the form reads the records."""
        if self.has_changes() or yd.document_of(self.context.unit_code, self.year(), self.kind()) is None:
            if not messages.confirm(self, _("Save the plan or summary before printing it?"), title=_("Print")):
                return
            if not self.save():
                return
        self.print_requested.emit(self.kind(), self.year())
