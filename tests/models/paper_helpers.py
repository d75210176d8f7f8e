"""Read sheets made by hand for the tests of what is done with them: sign-in pages and ballots as the reader
would report them, with small real images (PNG cells, JPEG sheets made with Pillow)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from PIL import Image, ImageDraw

from models.elections import records as er
from models.paper.code import BALLOT, SIGN_IN, PageCode
from models.paper.reading import BLANK, MARKED, UNSURE, CellReading, SheetReading
from models.paper.sheet_map import (
    ABSTAIN,
    AGAINST,
    FOR,
    NAME,
    SIGNATURE,
    WRITE_IN_FOR,
    WRITE_IN_NAME,
    Box,
    Cell,
    SheetMap,
)

A4 = (210.0, 297.0)
MARKS = ((10.0, 10.0), (200.0, 10.0), (200.0, 287.0), (10.0, 287.0))
SHADE = {MARKED: 40, BLANK: 250, UNSURE: 160}


def cell_png(verdict: str, label: str = "") -> bytes:
    """A small cell picture: dark for ink, white for none, grey for unsure (what the person is shown)."""
    image = Image.new("L", (60, 24), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, 56, 20), fill=SHADE[verdict])
    if label:
        draw.text((6, 6), label, fill=128)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def sheet_jpeg(label: str, size: tuple[int, int] = (210, 297)) -> bytes:
    """A straightened sheet as the reader keeps it: a JPEG with a line of text."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).text((10, 10), label, fill="black")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def reading(cell: Cell, verdict: str) -> CellReading:
    ink = {MARKED: 0.3, BLANK: 0.0, UNSURE: 0.05}[verdict]
    return CellReading(cell, ink, verdict, cell_png(verdict, cell.key[:6]))


# --- sign-in pages -----------------------------------------------------------------------------


def signin_page(
    training_uuid: str,
    day: dt.date,
    page: int,
    pages: int,
    rows: Sequence[tuple[str, dict[str, str]]],
    spare: Sequence[tuple[str, dict[str, str]]] = (),
    source: str = "scan.pdf",
    image: bytes | None = None,
) -> SheetReading:
    """A read sign-in page: ``rows`` of (trainee uuid, {session uuid: verdict}), then ``spare`` rows of
    (verdict of the NAME cell, {session uuid: verdict})."""
    code = PageCode(SIGN_IN, training_uuid, day.strftime("%Y%m%d"), page, pages, "0123ABCD")
    cells: list[CellReading] = []
    for row, (key, verdicts) in enumerate(rows):
        for at, (session, verdict) in enumerate(verdicts.items()):
            box = Box(120 + 40 * at, 40 + 10 * row, 38, 9)
            cells.append(reading(Cell(row, key, SIGNATURE, box, session), verdict))
    for offset, (name_verdict, verdicts) in enumerate(spare):
        row = len(rows) + offset
        cells.append(reading(Cell(row, "", NAME, Box(20, 40 + 10 * row, 30, 9)), name_verdict))
        for at, (session, verdict) in enumerate(verdicts.items()):
            box = Box(120 + 40 * at, 40 + 10 * row, 38, 9)
            cells.append(reading(Cell(row, "", SIGNATURE, box, session), verdict))
    sheet = SheetMap(code.text(), A4, MARKS, 5.0, Box(170, 15, 25, 25), tuple(c.cell for c in cells))
    picture = sheet_jpeg(f"{day} {page}/{pages}") if image is None else image
    return SheetReading(source, page, 0, code, sheet, "", tuple(cells), picture)


# --- ballots -----------------------------------------------------------------------------------


def make_round(unit: str, names: Sequence[str], seats: int, write_ins: int = 0) -> er.ElectionRound:
    """A round of ``seats`` seats with ``names`` as its nominated candidates (votes not counted yet)."""
    election = er.Election.create(unit=unit, kind="regular", term_number=3, meeting_date=dt.date(2026, 3, 20))
    election.entitled = election.present = 120
    election.save()
    round_ = er.ElectionRound.create(
        unit=unit, election=election, kind="committee", seats=seats, entitled=120, present=120, issued=120
    )
    for name in names:
        er.ElectionCandidate.create(unit=unit, round=round_, name=name)
    return round_


def ballot(
    round_uuid: str,
    votes: Sequence[str | tuple[str, ...]],
    write_ins: Sequence[str] = (),
    unsure: Sequence[tuple[int, str]] = (),
    lines: int = 2,
    index: int = 0,
) -> SheetReading:
    """A read ballot: ``votes`` per candidate (1-based in ballot order): FOR, AGAINST, ABSTAIN, "" (no mark)
    or a tuple of the boxes marked; ``write_ins``: the verdicts of the write-in lines' For box (a name is
    written where its box is marked); ``unsure``: (candidate number, column) cells the reader was unsure of."""
    code = PageCode(BALLOT, round_uuid, "0", 1, 1, "0123ABCD")
    cells: list[CellReading] = []
    for row, vote in enumerate(votes):
        marked = set(vote) if isinstance(vote, tuple) else {vote}
        for at, column in enumerate((FOR, AGAINST, ABSTAIN)):
            verdict = MARKED if column in marked else BLANK
            if (row + 1, column) in unsure:
                verdict = UNSURE
            cells.append(reading(Cell(row, str(row + 1), column, Box(120 + 15 * at, 60 + 10 * row, 8, 8)), verdict))
    for line in range(lines):
        row = len(votes) + line
        mark = write_ins[line] if line < len(write_ins) else BLANK
        key = f"write-in {line + 1}"
        cells.append(reading(Cell(row, key, WRITE_IN_NAME, Box(40, 60 + 10 * row, 60, 8)), mark))
        cells.append(reading(Cell(row, key, WRITE_IN_FOR, Box(120, 60 + 10 * row, 8, 8)), mark))
    sheet = SheetMap(code.text(), (148.0, 210.0), MARKS, 5.0, Box(110, 15, 25, 25), tuple(c.cell for c in cells))
    return SheetReading("ballots.pdf", index // 4 + 1, index % 4, code, sheet, "", tuple(cells), sheet_jpeg("ballot"))
