"""Finding a sheet's corner marks: far from where its code alone puts them (strong perspective), and
never another sheet's mark close by taken for one of its own."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from models.i18n import _
from models.paper.code import BALLOT, parse
from models.paper.reading import MARKED, UNSURE
from models.paper.sheet_map import Box
from paper import locate
from paper.read import read_files
from tests import paper_samples as samples

DRAWN = 8.0


@pytest.fixture(scope="module")
def sign_in():
    sheet, _clean, signed, truth = samples.signed_sign_in_page(DRAWN)
    return sheet, signed, truth


def lookup(*sheets):
    maps = {sheet.code: sheet for sheet in sheets}
    return lambda code: maps.get(code.text(), "This training is not in this database.")


@pytest.mark.parametrize(("angle", "keystone"), [(25, 0.2), (200, 0.25), (295, 0.25)])
def test_a_page_photographed_in_strong_perspective_is_read_cell_by_cell(sign_in, tmp_path, angle, keystone):
    # The far edge a fifth to a quarter shorter than the near one: the code's small square, read near
    # one corner, puts the far marks some centimetres from where they are.
    sheet, signed, truth = sign_in
    camera = samples.Camera(angle=angle, keystone=keystone, px_per_mm=6.0, shadow=0.3, quality=75)
    path = tmp_path / "slanted.jpg"
    path.write_bytes(samples.photograph(signed, DRAWN, camera, random.Random(0)))
    [reading] = read_files([path], lookup(sheet))
    assert reading.problem == ""
    verdicts = {cell.cell: cell.verdict for cell in reading.cells}
    assert set(verdicts) == set(truth)
    assert sum(verdict == UNSURE for verdict in verdicts.values()) <= 1
    assert [
        cell for cell, verdict in verdicts.items() if verdict != UNSURE and (verdict == MARKED) != truth[cell]
    ] == []


@pytest.mark.parametrize(("angle", "keystone", "seed"), [(4.8, 0.13, 5), (7.8, 0.05, 23)])
def test_a_ballot_with_a_mark_covered_is_refused_not_read_against_the_marks_of_the_ballots_beside_it(
    tmp_path, angle, keystone, seed
):
    # Four cut ballots laid edge to edge, two by two, their marks 4.5 mm from the cut: where the ballots
    # meet, four marks stand 9 mm apart. The bottom-left ballot's top-left mark is covered. The marks of
    # the ballots above it make a ballot 9 mm taller, which its code (at the bottom left, far from the
    # top) and a slight perspective agree with as well as with the true one: read so, its top rows
    # would be read 9 mm off.
    ppm = 12.0
    sheet = replace(
        samples.ballot_map(random.Random(8)),
        marks=((4.5, 4.5), (100.5, 4.5), (100.5, 144.0), (4.5, 144.0)),
        mark_mm=4.0,
        qr=Box(10.8, 122.0, 15.0, 15.0),
    )
    rng = random.Random(3)
    piece = samples.render(samples.page_pdf(sheet, title="选票", names=["王秀英", "李桂兰", "张玉梅"]), ppm)
    ballots = [samples.sign(piece, sheet, ppm, rng) for _ in range(4)]
    width, height = piece.size
    table = Image.new("L", (width * 2, height * 2), 255)
    for (image, _truth), place in zip(ballots, [(0, 0), (width, 0), (0, height), (width, height)]):
        table.paste(image, place)
    x, y = 4.5 * ppm, (148.5 + 4.5) * ppm
    ImageDraw.Draw(table).rectangle((x - 2.6 * ppm, y - 2.6 * ppm, x + 2.6 * ppm, y + 2.6 * ppm), fill=255)
    camera = samples.Camera(angle=angle, keystone=keystone, px_per_mm=7.0, quality=80)
    path = tmp_path / "four.jpg"
    path.write_bytes(samples.photograph(table, ppm, camera, random.Random(seed)))
    readings = read_files([path], lookup(sheet))
    assert [reading.read for reading in readings] == [True, True, False, True]
    for reading, (_image, truth) in zip(readings, ballots):
        assert samples.wrong_cells(reading, truth) == []
    assert readings[2].code == parse(sheet.code)
    assert readings[2].problem == _(
        "The corner marks of this sheet could not all be found (a corner cut off, covered or outside the picture?). "
        "Take the picture again with the whole sheet in it."
    )


def test_an_a4_ballots_code_photographed_at_under_three_pixels_a_module_is_found():
    # A phone's photo of a whole A4 ballot (5.9 px/mm, blur 1.1 px, JPEG 65), in the gray it is read in: its
    # 15 mm code was found neither at its own size nor at twice it, only at two and a half or three times.
    path = Path(__file__).parent.parent / "data" / "paper" / "a4-ballot-photographed-small.jpg"
    with Image.open(path) as picture:
        [found] = locate.find_codes(picture.convert("L"))
    assert parse(found.text).kind == BALLOT
    assert 80 < found.side < 100  # in the picture's own pixels, not the enlarged picture's
