"""What the new/edit dialogs share: Save/Cancel, inline field errors, asking before losing typed changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.common.field_error import INVALID_STYLE, FieldBox
from gui.common.fit import ScrollBody, fit_to_screen, fit_width
from models.base import FieldError
from models.i18n import _


class FormDialog(QDialog):
    """A dialog of FieldBoxes; subclasses fill ``boxes``, define ``_snapshot`` and ``save``."""

    boxes: dict[str, FieldBox]
    _box_of: dict[str, str] = {}  # field name -> the box showing its errors, where they differ
    _initial: tuple = ()

    # --- building -----------------------------------------------------------------

    def _start(self, title: str, data: object) -> None:
        """Title, red frames for bad fields, the editors (``_build``) filled with ``data`` (``_load``),
        and the snapshot that tells whether anything was typed since."""
        self.setWindowTitle(title)
        self.setStyleSheet(INVALID_STYLE)
        self._build()
        self._load(data)
        self._initial = self._snapshot()
        self._watch_fields()

    @staticmethod
    def _form(grow: bool = True, dont_wrap: bool = True) -> QFormLayout:
        """A column of fields with their labels right-aligned at the top; fields grow, rows stay one line."""
        form = QFormLayout()
        if grow:
            form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        if dont_wrap:
            form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        return form

    @staticmethod
    def _two_columns(left: QLayout, right: QLayout) -> QHBoxLayout:
        """Two form columns side by side, sharing the width."""
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        return columns

    def _lay_out(self, columns: QLayout, below: QLayout, width_in_m: int) -> None:
        """The two columns, a full-width form under them, Save/Cancel at the bottom; at least
        ``width_in_m`` letters M wide and as tall as the wrapped texts need."""
        self._save_cancel_buttons()
        fields = QVBoxLayout()
        fields.addLayout(columns)
        fields.addLayout(below)
        fields.addStretch(1)
        self.body = ScrollBody(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(fit_width(self, width_in_m))
        self._fit()

    def _label(self, text: str, buddy: QWidget | str | None) -> QLabel:
        """A form label for an editor (or the name of the attribute holding it)."""
        label = QLabel(text)
        if isinstance(buddy, str):
            buddy = getattr(self, buddy)
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def _save_cancel_buttons(self) -> QDialogButtonBox:
        """Save (the default, also Ctrl+S) runs save(); Cancel and Esc run reject()."""
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.Save, self, activated=self.save)
        return self.buttons

    def _fit(self) -> None:
        """Grow to the height wrapped hints and error lines need at the current width.

        A window's size comes from its size hint, which ignores how tall
        word-wrapped labels get; without this the messages would be cut off.
        Never beyond the free screen area: there the fields scroll.
        """
        fit_to_screen(self, grow_only=self.isVisible())

    # --- errors -------------------------------------------------------------------

    def _messages_by_box(self, errors: list[FieldError], fallback: str) -> dict[str, list[str]]:
        by_box: dict[str, list[str]] = {}
        for error in errors:
            box = self._box_of.get(error.field, error.field)
            by_box.setdefault(box if box in self.boxes else fallback, []).append(error.message)
        return by_box

    def _mark_errors(self, errors: list[FieldError], fallback: str) -> dict[str, list[str]]:
        """Each message under its box (a field without one: under ``fallback``), repeats said once.

        Returns the messages by box name.
        """
        self._fallback = fallback
        by_box = self._messages_by_box(errors, fallback)
        for name, box in self.boxes.items():
            box.set_error("\n".join(dict.fromkeys(by_box.get(name, []))))
        return by_box

    # --- errors that go as soon as the field is right ------------------------------------

    _fallback = ""

    def _current_errors(self) -> list[FieldError] | None:
        """What is wrong with the fields as typed now, without saving (None: only Save can tell)."""
        return None

    def _watch_fields(self) -> None:
        """Every editor in a box re-checks the shown errors when it changes."""
        for box in self.boxes.values():
            for widget in [box.editor, *box.editor.findChildren(QWidget)]:
                signal = None
                if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
                    signal = widget.textChanged
                elif isinstance(widget, QComboBox):
                    signal = widget.currentIndexChanged
                elif isinstance(widget, QAbstractSpinBox) and hasattr(widget, "valueChanged"):
                    signal = widget.valueChanged
                elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                    signal = widget.toggled
                if signal is not None:
                    signal.connect(lambda *_args: self._recheck())

    def _recheck(self) -> None:
        """A message shown under a field goes (or changes) as soon as what is typed is right;
        fields without one get none until Save, so that nothing nags while typing."""
        if not any(box.error_text() for box in self.boxes.values()):
            return
        errors = self._current_errors()
        if errors is None:
            return
        by_box = self._messages_by_box(errors, self._fallback)
        for name, box in self.boxes.items():
            shown = box.error_text()
            if shown:
                now = "\n".join(dict.fromkeys(by_box.get(name, [])))
                if now != shown:
                    box.set_error(now)
        self._rechecked({error.field for error in errors})

    def _rechecked(self, bad: set[str]) -> None:
        """After a re-check: subclasses clear marks of their own (``bad``: the fields still wrong)."""

    @staticmethod
    def _focus_editor(editor: QWidget | None, select: tuple[type, ...] = (QLineEdit,)) -> None:
        """Put the cursor in a bad field, its text selected for typing over."""
        if editor is None:
            return
        editor.setFocus(Qt.OtherFocusReason)
        if isinstance(editor, select):
            editor.selectAll()

    def field_error(self, field: str) -> str:
        """The message shown for a field ("" when none)."""
        return self.boxes[self._box_of.get(field, field)].error_text()

    # --- saving and leaving -----------------------------------------------------------

    def _snapshot(self) -> tuple:
        """Everything as typed, to tell whether Esc would lose anything."""
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def has_changes(self) -> bool:
        return self._snapshot() != self._initial

    def _saved(self) -> None:
        """After a successful save: clear the errors, nothing is unsaved any more, close."""
        self.show_errors([])
        self._initial = self._snapshot()
        self.accept()

    def reject(self) -> None:
        if self.has_changes() and not messages.confirm(
            self, _("Discard the changes you typed?"), title=self.windowTitle()
        ):
            return
        super().reject()
