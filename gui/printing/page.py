"""报表: the official forms, previewed and printed, or saved as PDF or Excel."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.common.page import EXPORT, PRINT, Page
from gui.context import AppContext
from gui.resources import ScaledLabel, icon
from models import units
from models.i18n import _

FORMAT_NAMES = {"pdf": "PDF", "xlsx": "Excel"}
MUTED_STYLE = "color: #52606D;"
# A light selection keeps the dark icons readable.
LIST_STYLE = """
QListWidget#forms { background: palette(base); border: 1px solid #D3DAE0; border-radius: 4px; outline: 0; }
QListWidget#forms::item { padding: 6px 8px; color: #1F2933; }
QListWidget#forms::item:selected { background: #DCEAF3; color: #1D5273; }
"""
_INDENT = "\u3000"  # a full-width space: indents Chinese names by whole characters


class FormUnitChooser(QComboBox):
    """Whose form to make at a township, county or city: 本单位, or one unit below (type its name or code)."""

    unit_changed = Signal(str)  # the unit code chosen

    def __init__(self, own_code: str, own_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.own_code = own_code
        self.names: dict[str, str] = {own_code: own_name}
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)  # typing finds a unit, never adds one
        self.setToolTip(_("Whose form to make: this unit's, or one unit's below it (type part of its name or code)"))
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.setCompleter(completer)
        self.currentIndexChanged.connect(lambda _index: self.unit_changed.emit(self.choice()))
        self.lineEdit().editingFinished.connect(self._restore_text)
        self.refresh_units()

    def refresh_units(self) -> None:
        """Fill the list from the units known now (an import may have added some), keeping the choice."""
        chosen = self.choice() if self.count() else self.own_code
        self.blockSignals(True)
        self.clear()
        self.names = {self.own_code: self.names[self.own_code]}
        self.addItem(_("Own unit {name}").format(name=self.names[self.own_code]), self.own_code)
        below = units.units_below(self.own_code)
        # A village under a township known here is indented below it; the top units below are not.
        top = min((units.LEVELS.index(unit.level) for unit in below), default=0)
        for unit in below:
            self.names[unit.code] = unit.name
            depth = units.LEVELS.index(unit.level) - top
            self.addItem(f"{_INDENT * depth}{unit.name} {unit.code}", unit.code)
        widest = max(self.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count()))
        self.setMinimumWidth(min(widest, self.fontMetrics().horizontalAdvance("M") * 18) + 48)
        index = self.findData(chosen)
        self.setCurrentIndex(index if index >= 0 else 0)
        self.blockSignals(False)
        if index < 0:
            self.unit_changed.emit(self.choice())  # the unit chosen is gone: back to the own unit

    def has_units_below(self) -> bool:
        return self.count() > 1

    def choice(self) -> str:
        return self.currentData() or self.own_code

    def set_choice(self, code: str) -> None:
        """Choose as the user would (tests use it)."""
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)

    def _restore_text(self) -> None:
        # Typed text that names no unit goes back to the unit chosen.
        if self.lineEdit().text() != self.currentText():
            self.lineEdit().setText(self.currentText())


class FormsPage(Page):
    """Lists the forms this version can make; the selected one is saved through gui.printing.actions."""

    supported = frozenset({EXPORT, PRINT})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        from forms.registry import forms_for  # reportlab loads here, on the first visit, not at start-up

        self.forms = forms_for(context.unit_code)  # a village has no use for the forms that gather packages
        self.unit_code, self.unit_name = context.unit_code, context.unit_name  # whose form is made
        # Above a village the forms of a unit below can be made too (as `main.py report --unit` does).
        self.chooser: FormUnitChooser | None = None
        self.chooser_row: QWidget | None = None
        if units.is_above_village(context.unit_code):
            self.chooser = FormUnitChooser(context.unit_code, context.unit_name)
            self.chooser.unit_changed.connect(self._unit_chosen)
            self.chooser_row = QWidget()
            row = QHBoxLayout(self.chooser_row)
            row.setContentsMargins(0, 0, 0, 0)
            chooser_label = QLabel(_("Forms of:"))
            chooser_label.setBuddy(self.chooser)
            row.addWidget(chooser_label)
            row.addWidget(self.chooser)
            row.addStretch(1)
            self.chooser_row.setVisible(self.chooser.has_units_below())
        self.list = QListWidget()
        self.list.setObjectName("forms")
        self.list.setStyleSheet(LIST_STYLE)
        self.list.setIconSize(QSize(22, 22))
        # Long titles wrap rather than hide behind a horizontal scroll bar.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.Adjust)
        self.list.setMinimumWidth(260)
        self.list.setMaximumWidth(400)
        self._fill_list()
        metrics = self.list.fontMetrics()
        # Sized for all of this unit's forms: choosing a unit below (fewer forms) does not move the page.
        widest = max((metrics.horizontalAdvance(_(spec.title)) for spec in self.forms.values()), default=0)
        self.list.setFixedWidth(min(400, max(240, widest + 60)))  # icon, padding, frame; a longer title wraps

        self.title = ScaledLabel("", 1.4, True)
        self.title.setWordWrap(True)
        self.formats = QLabel()
        self.formats.setStyleSheet(MUTED_STYLE)
        explain = QLabel(
            _(
                "The form is made from the records as they are now. Preview it to check it "
                "and print it, or save it as a file."
            )
        )
        explain.setWordWrap(True)
        self.full_ids = QCheckBox(_("Print ID numbers in full (otherwise the middle digits are hidden)"))
        self.full_ids.toggled.connect(self._full_ids_toggled)
        self.preview_button = QPushButton(icon("print"), _("Preview and print…"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button = QPushButton(icon("pdf"), _("Save as PDF…"))
        self.xlsx_button = QPushButton(icon("excel"), _("Save as Excel…"))
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.save("xlsx"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addStretch(1)

        detail = QFrame()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(24, 8, 8, 8)
        detail_layout.setSpacing(12)
        detail_layout.addWidget(self.title)
        detail_layout.addWidget(self.formats)
        detail_layout.addWidget(explain)
        detail_layout.addWidget(self.full_ids)
        detail_layout.addLayout(buttons)
        detail_layout.addStretch(1)

        self.empty = QLabel(_("This version has no printed forms yet."))
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setStyleSheet(MUTED_STYLE)

        heading = ScaledLabel(_("Forms"), 1.5, True)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(detail, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        top = QHBoxLayout()  # the chooser beside the heading: the list keeps its height
        top.setSpacing(32)
        top.addWidget(heading)
        if self.chooser_row is not None:
            top.addWidget(self.chooser_row, 1)
        else:
            top.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.empty, 1)

        has_forms = bool(self.forms)
        self.list.setVisible(has_forms)
        detail.setVisible(has_forms)
        self.empty.setVisible(not has_forms)
        self.list.currentRowChanged.connect(self._selected)
        self._selected()  # the first form, chosen while the list was filled

    def _unit_forms(self) -> dict:
        """The forms of the unit chosen: a unit below has its own, but never those gathering the packages
        received here (报送汇总表, 报送进度, 数据包报送回执 stay with the own unit)."""
        from forms.registry import forms_for

        if self.unit_code == self.context.unit_code:
            return self.forms
        return forms_for(self.unit_code, self.context.unit_code)

    def _fill_list(self) -> None:
        chosen = self.current_form()
        self.list.blockSignals(True)
        self.list.clear()
        for name, spec in self._unit_forms().items():
            item = QListWidgetItem(icon("reports"), _(spec.title))
            item.setData(Qt.UserRole, name)
            item.setToolTip(_(spec.title))
            self.list.addItem(item)
            if name == chosen:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)

    def _unit_chosen(self, code: str) -> None:
        assert self.chooser is not None
        self.unit_code, self.unit_name = code, self.chooser.names.get(code, code)
        self._fill_list()
        self._selected()

    def refresh(self) -> None:
        """Units imported since the page was made can be chosen now."""
        if self.chooser is not None and self.chooser_row is not None:
            self.chooser.refresh_units()
            self.chooser_row.setVisible(self.chooser.has_units_below())

    def current_form(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _selected(self) -> None:
        name = self.current_form()
        spec = self.forms.get(name) if name else None
        title = _(spec.title) if spec else ""
        if spec and self.chooser is not None:  # above a village, say whose form it is
            title = _("{unit} · {form}").format(unit=self.unit_name, form=title)
        self.title.setText(title)
        formats = spec.formats if spec else ()
        self.formats.setText(
            _("Can be saved as: {formats}").format(formats=" / ".join(FORMAT_NAMES.get(f, f.upper()) for f in formats))
            if spec
            else ""
        )
        self.preview_button.setEnabled("pdf" in formats)
        self.pdf_button.setEnabled("pdf" in formats)
        self.xlsx_button.setEnabled("xlsx" in formats)

    def _full_ids_toggled(self, checked: bool) -> None:
        from gui.common.password import confirm_reveal

        if checked and not confirm_reveal(self):
            self.full_ids.setChecked(False)

    def _options(self):
        from forms.registry import FormOptions

        return FormOptions(unit_code=self.unit_code, full_id_numbers=self.full_ids.isChecked())

    def save(self, suffix: str):
        """Save the selected form; returns the file written or None."""
        name = self.current_form()
        if name is None:
            return None
        from gui.printing.actions import save_form

        return save_form(self, self.context, name, suffix, options=self._options(), unit_name=self.unit_name)

    def preview(self):
        """Open the selected form in the print preview; returns the window or None."""
        name = self.current_form()
        if name is None or "pdf" not in self.forms[name].formats:
            return None
        from gui.printing.actions import preview_form

        return preview_form(self, self.context, name, options=self._options(), unit_name=self.unit_name)

    def trigger(self, action: str) -> None:
        name = self.current_form()
        if name is None:
            return
        formats = self.forms[name].formats
        if action == PRINT and "pdf" in formats:
            self.preview()
        elif action == EXPORT:
            self.save("xlsx" if "xlsx" in formats else formats[0])
