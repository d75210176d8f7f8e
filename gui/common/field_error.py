"""An editor with its inline error message underneath, for dialogs that validate in place."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_COLOUR = "#b3261e"

# Dialogs that use FieldBox add this to their style sheet: a marked editor gets a red frame.
INVALID_STYLE = f"""
*[invalid="true"] {{ border: 1px solid {ERROR_COLOUR}; border-radius: 2px; }}
QLabel[role="field-error"] {{ color: {ERROR_COLOUR}; }}
QLabel[role="field-hint"] {{ color: palette(placeholder-text); }}
"""


class FieldBox(QWidget):
    """Wraps one editor, an optional grey hint and a red error line shown only on error."""

    def __init__(self, editor: QWidget, hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.hint = QLabel(hint)
        self.hint.setProperty("role", "field-hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        """Show ``message`` under the editor and frame the editor in red ("" clears)."""
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        # A dynamic property only restyles after the style is re-applied.
        style = self.editor.style()
        style.unpolish(self.editor)
        style.polish(self.editor)
        self.editor.update()

    def error_text(self) -> str:
        return self.error.text() if self.error.isVisibleTo(self) else ""
