"""Importing the women of a round from Excel, previewed like a roster; all rows or none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from gui.context import AppContext
from gui.people.roster_import import RosterImportDialog
from models import screening as sc
from models.i18n import _, ngettext
from models.screening_import import apply_screening, read_screening


class ScreeningImportDialog(RosterImportDialog):
    """Choose a list of women, preview every row with its problems, and import it whole or not at all."""

    has_template = False

    def __init__(self, context: AppContext, screening_round: sc.ScreeningRound, parent: QWidget | None = None):
        self.screening_round = screening_round
        super().__init__(context, parent)
        self.setWindowTitle(_("Import the women of {round} from Excel").format(round=sc.round_title(screening_round)))
        self.intro_text.setText(
            _(
                "Choose the list of women (.xlsx, .xls, .et, .ods or .csv). The program finds the header row by "
                "itself (姓名, 出生年月 or 身份证号, 村民小组, 户籍, 低保, 联系电话), checks every row and shows you "
                "the result before anything is saved. Only the birth month is taken from an ID number: the number "
                "is not kept. If any row has a problem, nothing is imported."
            )
        )
        self.intro_template.setVisible(False)

    def choose_caption(self) -> str:
        return _("Choose a list of women to import")

    def read_file(self, path: Path):
        return read_screening(path, self.screening_round)

    def apply_preview(self, preview, skip_bad_rows: bool, progress=None) -> int:
        # All rows or none, whatever was asked: a half-imported list would hide its bad rows.
        return apply_screening(preview, self.screening_round, progress=progress)

    def imported_text(self, count: int) -> str:
        return ngettext("{n} woman imported.", "{n} women imported.", count).format(n=count)

    def _show_preview(self, preview) -> None:
        super()._show_preview(preview)
        self.import_good_button.setVisible(False)
        if preview is not None and preview.bad_rows:
            self.problems_title.setText(
                _("Problems: fix them in the file and choose it again; nothing is imported until every row is right.")
            )
            self.choose_button.setDefault(True)
