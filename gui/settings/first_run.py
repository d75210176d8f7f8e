"""The first-run dialog: which unit this installation belongs to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.fit import fit_on_show, fit_to_screen
from gui.resources import ScaledLabel
from models import units
from models.base import ValidationError
from models.i18n import _

ERROR_STYLE = "color: #B42318;"
HINT_STYLE = "color: #52606D;"


class FirstRunDialog(QDialog):
    """Asks for the unit's 12-digit code and name, shows its level live, and stores it."""

    def __init__(self, db_path: Path | str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to Fulian Ledger"))
        self.setMinimumWidth(560)
        fit_on_show(self)  # as tall as its texts, not a default 480

        heading = ScaledLabel(_("Which unit is this computer for?"), 1.35)
        intro = QLabel(
            _(
                "Enter your unit's 12-digit statistical division code and its name. "
                "The code tells the program whether you are a village, a community, a township or a county. "
                "If you do not know the code, ask your township or county women's federation."
            )
        )
        intro.setWordWrap(True)

        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("code")
        self.code_edit.setPlaceholderText(_("e.g. 430121100201"))
        self.code_edit.setMaxLength(24)  # room for spaces and full-width digits, normalised later
        self.level_label = QLabel()
        self.level_label.setObjectName("level")
        self.level_label.setStyleSheet(HINT_STYLE)
        self.level_label.hide()
        self.code_error = self._error_label("code_error")

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.name_edit.setPlaceholderText(_("e.g. 石门村"))
        self.name_edit.setMaxLength(100)
        self.name_error = self._error_label("name_error")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        form.addRow(_("Unit code:"), self.code_edit)
        form.addRow("", self.level_label)
        form.addRow("", self.code_error)
        form.addRow(_("Unit name:"), self.name_edit)
        form.addRow("", self.name_error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(_("Start"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        if db_path is not None:
            where = QLabel(_("Your records will be kept in {path}").format(path=db_path))
            where.setWordWrap(True)
            where.setStyleSheet(HINT_STYLE)
            where.setTextInteractionFlags(Qt.TextSelectableByMouse)
            layout.addWidget(where)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._name_touched = False
        self.code_edit.textChanged.connect(self._update)
        self.name_edit.textChanged.connect(self._name_edited)
        self._update()

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    @staticmethod
    def _show(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def code(self) -> str:
        return units.normalize_code(self.code_edit.text())

    def name(self) -> str:
        return self.name_edit.text().strip()

    def _name_edited(self) -> None:
        self._name_touched = True
        self._update()

    def _update(self) -> None:
        """Re-check both fields as they are typed; OK only when the unit is valid."""
        code = self.code()
        errors = {e.field: e.message for e in units.validate_unit(code, self.name())}
        code_problem = errors.get("code", "")
        level = ""
        if code_problem and (not code or (code.isdigit() and len(code) < 12)):
            # Still typing: count the digits rather than scold.
            code_problem = ""
            level = _("{count} of 12 digits").format(count=len(code)) if code else ""
        elif not code_problem:
            info = units.code_info(code)
            if info.parent:
                level = _("Level: {level} (belongs to {parent})").format(
                    level=units.level_label(code), parent=info.parent
                )
            else:
                level = _("Level: {level}").format(level=units.level_label(code))
        self._show(self.level_label, level)
        self._show(self.code_error, code_problem)
        self._show(self.name_error, errors.get("name", "") if self._name_touched else "")
        self.ok_button.setEnabled(not errors)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow when a hint or an error line appears, instead of squeezing the fields."""
        if self.layout() is not None:
            fit_to_screen(self, grow_only=True)

    def accept(self) -> None:
        try:
            units.set_own_unit(self.code(), self.name())
        except ValidationError as exc:
            for error in exc.errors:
                self._show(self.code_error if error.field == "code" else self.name_error, error.message)
            return
        super().accept()

    def reject(self) -> None:
        """Esc and Cancel quit the program; ask first if something was typed."""
        if (self.code_edit.text().strip() or self.name_edit.text().strip()) and not messages.confirm(
            self, _("Quit without saving the unit? The program cannot start without it.")
        ):
            return
        super().reject()
