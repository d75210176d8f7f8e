"""Where things are on a printed sheet that is read back: its corner marks, its QR code, its cells.

A *sheet* is a piece of paper read on its own: a sign-in page, or one ballot
(several ballots share an A4 page until they are cut apart, each with its own
marks and code). Everything is in millimetres from the top-left corner of the
printed page (x to the right, y downward), as the form drew it; the reader
maps the four corner marks it finds in a picture onto ``marks`` and reads the
cells through that mapping, so it never needs the rest of the layout.

The forms make these maps (``forms.signin.sheet_maps``, ``forms.ballot.sheet_map``)
by laying the form out again, so what is read is always where it was printed.
"""

from __future__ import annotations

from dataclasses import dataclass

# Column keys of a cell.
SIGNATURE = "signature"  # a sign-in cell: ``session`` says which half-day
FOR, AGAINST, ABSTAIN = "for", "against", "abstain"  # a ballot's three boxes of a candidate's row
WRITE_IN_NAME = "write_in_name"  # a ballot's blank line for another person's name
WRITE_IN_FOR = "write_in_for"  # the 赞成 box beside it
NAME = "name"  # a sign-in sheet's name cell of a spare row (a walk-in writes her name there)


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass(frozen=True)
class Cell:
    """One place on the sheet that is read: a signature cell or a box to mark.

    ``row``: 0-based among the sheet's rows (the table's body rows, top to
    bottom). ``key``: what the row stands for: a trainee's uuid on a sign-in
    sheet ("" on a spare row), the candidate's 1-based number on a ballot
    (or "write-in 1", "write-in 2", …). ``column``: one of the keys above.
    ``session``: for a signature cell, the uuid of the training session.
    """

    row: int
    key: str
    column: str
    box: Box
    session: str = ""


@dataclass(frozen=True)
class SheetMap:
    """A sheet as printed: its code's text, its size, its four marks, its QR code and its cells.

    ``marks``: the centres of the four corner marks, top-left, top-right,
    bottom-right, bottom-left as the sheet is read upright; each is a filled
    black square ``mark_mm`` wide. ``page_size``: (width, height) of the
    printed page in mm.
    """

    code: str
    page_size: tuple[float, float]
    marks: tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]
    mark_mm: float
    qr: Box
    cells: tuple[Cell, ...]

    def rows(self) -> list[int]:
        return sorted({cell.row for cell in self.cells})

    def cells_of_row(self, row: int) -> list[Cell]:
        return [cell for cell in self.cells if cell.row == row]
