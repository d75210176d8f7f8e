"""Reading files of scanned or photographed sheets into ``SheetReading``s.

Each picture of each file is searched for QR codes; each code is one sheet
(a sign-in page, or one of several ballots on a scanner's bed). What the
code stands for is asked of the caller (``sheet_for_code``: it knows the
database), the sheet's marks are found, the sheet straightened and its cells
judged. Whatever goes wrong with one sheet becomes that sheet's ``problem``
in words; the others are read all the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from PIL import Image

from models.i18n import _
from models.paper.code import BALLOT, CodeError, PageCode, parse
from models.paper.reading import SheetReading
from models.paper.sheet_map import SheetMap

from . import colour, images, ink, locate

# Pictures larger than this (on the longer side) are read scaled down: a phone's 12 megapixels are
# more than the cells need and cost time.
MAX_SIDE = 3200

# The map of what was printed for a code, or the maps of each layout it may have been printed in, or why it
# cannot be read.
SheetForCode = Callable[[PageCode], "SheetMap | list[SheetMap] | str"]
# Told how many of how many files were read.
Progress = Callable[[int, int], None]


def read_files(
    paths: Iterable[Path | str], sheet_for_code: SheetForCode, progress: Progress | None = None
) -> list[SheetReading]:
    """Every sheet in the files (a folder: its files in name order), read or refused with the reason.

    ``sheet_for_code``: given a page's code, the SheetMap of what was printed (or a list of the maps of
    the layouts it may have been printed in: the first whose marks are found is read), or why it
    cannot be read (in words: not in this database, changed since printing…). A page whose code was already
    read in this batch is refused as a duplicate, except ballots (every ballot of a round has the
    same code). ``progress(done, total)``: told the files done before each picture and at the end (a
    caller that can cancel raises from it).
    """
    files = images.files_in(list(paths))
    seen: set[str] = set()
    readings: list[SheetReading] = []
    for done, path in enumerate(files):
        for picture in images.pictures(path):
            if progress is not None:
                progress(done, len(files))
            if picture.image is None:
                readings.append(SheetReading(picture.source, picture.page, 0, None, None, picture.problem))
            else:
                readings.extend(read_picture(picture.image, picture.source, picture.page, sheet_for_code, seen))
    if progress is not None:
        progress(len(files), len(files))
    return readings


def working_grays(image: Image.Image) -> colour.Grays:
    """The grays the picture is read in (``colour.grays``: plain, and without a seal's red ink), scaled
    down by a whole factor when it is larger than MAX_SIDE."""
    factor = math.ceil(max(image.size) / MAX_SIDE)
    return colour.grays(image.reduce(factor) if factor > 1 else image)


def reading_order(codes: list[locate.FoundCode]) -> list[locate.FoundCode]:
    """The codes in rows from the top (a code within two code widths of a row's first is in that row),
    each row from the left."""
    rows: list[list[locate.FoundCode]] = []
    for code in sorted(codes, key=lambda code: code.centre[1]):
        if rows and code.centre[1] - rows[-1][0].centre[1] < 2 * code.side:
            rows[-1].append(code)
        else:
            rows.append([code])
    return [code for row in rows for code in sorted(row, key=lambda code: code.centre[0])]


def read_picture(
    image: Image.Image, source: str, page: int, sheet_for_code: SheetForCode, seen: set[str] | None = None
) -> list[SheetReading]:
    """The sheets in one picture, in reading order (top to bottom, left to right) of their codes.
    ``seen``: the codes of the pages already read in this batch (updated)."""
    seen = set() if seen is None else seen
    grays = working_grays(image)
    codes = locate.find_codes(grays.plain)
    if not codes:
        problem = _(
            "No code was found in this picture: it is not a sheet printed by this program, or the code is "
            "covered, out of focus or too small. Scan it again, or photograph it from closer."
        )
        return [SheetReading(source, page, 0, None, None, problem)]
    codes = reading_order(codes)
    flattened: list[Image.Image] = []  # the flattened picture, made once when a sheet needs it

    def flat() -> Image.Image:
        if not flattened:
            flattened.append(locate.flatten(grays.reading))
        return flattened[0]

    taken_out = grays.red_taken_out
    return [
        _read_sheet(
            found, flat, SheetReading(source, page, index, None, None, red_taken_out=taken_out), sheet_for_code, seen
        )
        for index, found in enumerate(codes)
    ]


def _read_sheet(
    found: locate.FoundCode,
    flat: Callable[[], Image.Image],
    where: SheetReading,
    sheet_for_code: SheetForCode,
    seen: set[str],
) -> SheetReading:
    """The sheet of one code found: read, or refused with the reason. ``where``: its source, page and
    index (an empty reading)."""
    try:
        code = parse(found.text)
    except CodeError as error:
        return replace(where, problem=str(error))
    if code.kind != BALLOT and found.text in seen:
        return replace(where, code=code, problem=_("This page was already read in this batch (a second copy)."))
    answer = sheet_for_code(code)
    if isinstance(answer, str):
        return replace(where, code=code, problem=answer)
    candidates = [answer] if isinstance(answer, SheetMap) else answer
    candidates = [sheet for sheet in candidates if sheet.code == found.text]
    if not candidates:
        return replace(where, code=code, problem=_("This sheet is not the one printed for this code."))
    for sheet in candidates:
        try:
            mapping = locate.locate_marks(flat(), found, sheet)
            break
        except locate.MarksNotFound as error:
            missed = error
    else:
        return replace(where, code=code, sheet=candidates[0], problem=str(missed))
    answer = sheet
    straight = ink.straighten(flat(), mapping, answer)
    shown = ink.smaller(straight)
    cells = ink.read_cells(straight, shown, answer)
    seen.add(found.text)
    return replace(where, code=code, sheet=answer, cells=cells, image=ink.evidence(shown))
