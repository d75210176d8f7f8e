"""Importing households linked to committee members from Excel, previewed like a roster; all rows or none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from gui.context import AppContext
from gui.people.roster_import import RosterImportDialog
from models.duties.household_import import apply_households, read_households
from models.i18n import _, ngettext


class HouseholdImportDialog(RosterImportDialog):
    """Choose a households list, preview every row with its problems, and import it whole or not at all."""

    has_template = False

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setWindowTitle(_("Import households from Excel"))
        self.intro_text.setText(
            _(
                "Choose the list of households (.xlsx, .xls, .et, .ods or .csv). The program finds the header row "
                "by itself (户主, 家庭成员, 妇女人数, 村民小组/网格, 住址, 联系电话, 联系执委), checks every row and "
                "shows you the result before anything is saved. A household is linked to the committee member "
                "named in 联系执委 from today. If any row has a problem, nothing is imported."
            )
        )
        self.intro_template.setVisible(False)

    def choose_caption(self) -> str:
        return _("Choose a list of households to import")

    def read_file(self, path: Path):
        return read_households(path, self.context.unit_code)

    def apply_preview(self, preview, skip_bad_rows: bool, progress=None) -> int:
        # All rows or none, whatever was asked: a half-imported list would hide its bad rows.
        return apply_households(preview, self.context.unit_code, progress=progress)

    def imported_text(self, count: int) -> str:
        return ngettext("{n} household imported.", "{n} households imported.", count).format(n=count)

    def _show_preview(self, preview) -> None:
        super()._show_preview(preview)
        self.import_good_button.setVisible(False)
        if preview is not None and preview.bad_rows:
            self.problems_title.setText(
                _("Problems: fix them in the file and choose it again; nothing is imported until every row is right.")
            )
            self.choose_button.setDefault(True)
