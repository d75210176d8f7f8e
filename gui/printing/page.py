"""报表: the official forms, previewed and printed, or saved as PDF or Excel."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
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
from models.i18n import _

FORMAT_NAMES = {"pdf": "PDF", "xlsx": "Excel"}
MUTED_STYLE = "color: #52606D;"
# A light selection keeps the dark icons readable.
LIST_STYLE = """
QListWidget#forms { background: palette(base); border: 1px solid #D3DAE0; border-radius: 4px; outline: 0; }
QListWidget#forms::item { padding: 6px 8px; color: #1F2933; }
QListWidget#forms::item:selected { background: #DCEAF3; color: #1D5273; }
"""


class FormsPage(Page):
    """Lists the forms this version can make; the selected one is saved through gui.printing.actions."""

    supported = frozenset({EXPORT, PRINT})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        from forms.registry import forms_for  # reportlab loads here, on the first visit, not at start-up

        self.forms = forms_for(context.unit_code)  # a village has no use for the forms that gather packages
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
        for name, spec in self.forms.items():
            item = QListWidgetItem(icon("reports"), _(spec.title))
            item.setData(Qt.UserRole, name)
            item.setToolTip(_(spec.title))
            self.list.addItem(item)
        metrics = self.list.fontMetrics()
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
        layout.addWidget(heading)
        layout.addLayout(body, 1)
        layout.addWidget(self.empty, 1)

        has_forms = bool(self.forms)
        self.list.setVisible(has_forms)
        detail.setVisible(has_forms)
        self.empty.setVisible(not has_forms)
        self.list.currentRowChanged.connect(self._selected)
        if has_forms:
            self.list.setCurrentRow(0)

    def current_form(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _selected(self) -> None:
        name = self.current_form()
        spec = self.forms.get(name) if name else None
        self.title.setText(_(spec.title) if spec else "")
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

        return FormOptions(unit_code=self.context.unit_code, full_id_numbers=self.full_ids.isChecked())

    def save(self, suffix: str):
        """Save the selected form; returns the file written or None."""
        name = self.current_form()
        if name is None:
            return None
        from gui.printing.actions import save_form

        return save_form(self, self.context, name, suffix, options=self._options())

    def preview(self):
        """Open the selected form in the print preview; returns the window or None."""
        name = self.current_form()
        if name is None or "pdf" not in self.forms[name].formats:
            return None
        from gui.printing.actions import preview_form

        return preview_form(self, self.context, name, options=self._options())

    def trigger(self, action: str) -> None:
        name = self.current_form()
        if name is None:
            return
        formats = self.forms[name].formats
        if action == PRINT and "pdf" in formats:
            self.preview()
        elif action == EXPORT:
            self.save("xlsx" if "xlsx" in formats else formats[0])
