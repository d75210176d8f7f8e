"""What reading one sheet found: the contract between the reader (``paper/``) and what is done with it.

The reader fills these in; attendance (``models.paper.attendance``), the ballot
cross-check (``models.paper.ballots``), the evidence kept (``models.paper.evidence``)
and the ``scan`` command only read them. No images are decoded here: the
pictures are kept as the bytes the reader made (PNG for a cell, JPEG for a sheet).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .code import PageCode
from .sheet_map import Cell, SheetMap

MARKED = "marked"  # ink in the cell: signed, or a box marked
BLANK = "blank"
UNSURE = "unsure"  # the person decides
VERDICTS = (MARKED, BLANK, UNSURE)


@dataclass(frozen=True)
class CellReading:
    """One cell as read: how much ink beyond the paper and the printed lines, and what that means.

    ``ink``: the share of the cell's inner area (the printed lines left out)
    that is written on, 0 to 1, measured against the sheet's own paper and
    line darkness. ``image``: the cell as a PNG, upright and unwarped, to show
    the person beside the proposal.
    """

    cell: Cell
    ink: float
    verdict: str
    image: bytes = b""


@dataclass(frozen=True)
class SheetReading:
    """One sheet found in a file: a sign-in page or one ballot.

    ``source``: the file's name; ``page``: the page of a PDF or 1 for a picture;
    ``index``: the sheet's place among those found on that page (several ballots
    scanned together). ``problem``: empty when the sheet was read; otherwise why
    it was refused, in the interface language (no code found, not this program's
    code, the training or round is not in this database, the list was changed
    after printing, the corner marks could not be found) and then ``cells`` is
    empty. ``image``: the sheet upright and unwarped as a JPEG (the evidence kept),
    empty when it was refused before it could be straightened. ``red_taken_out``:
    the picture had red ink in it (a seal), read as paper; without it, a seal on a
    sheet scanned in gray was read as ink.
    """

    source: str
    page: int
    index: int
    code: PageCode | None
    sheet: SheetMap | None
    problem: str = ""
    cells: tuple[CellReading, ...] = field(default_factory=tuple)
    image: bytes = b""
    red_taken_out: bool = False

    @property
    def read(self) -> bool:
        return not self.problem

    def cells_of_row(self, row: int) -> list[CellReading]:
        return [reading for reading in self.cells if reading.cell.row == row]
