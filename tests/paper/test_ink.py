"""Ink judged against the sheet's own paper and lines: the grid lines are never ink, even when the sheet
is placed up to 0.7 mm off; a pale smudge is not ink, a faint pencil stroke is."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageChops, ImageDraw

from models.paper.reading import BLANK, MARKED
from paper import ink
from tests import paper_samples as samples


@pytest.fixture(scope="module")
def page():
    sheet = samples.sign_in_map(random.Random(21), rows=8)
    return sheet, samples.render(samples.page_pdf(sheet), ink.PX_PER_MM)


@pytest.mark.parametrize("dx, dy", [(0.7, 0.7), (-0.7, 0.7), (0.7, -0.7), (-0.7, -0.7)])
def test_a_blank_sheet_placed_0_7_mm_off_has_every_cell_blank(page, dx, dy):
    sheet, clean = page
    shifted = ImageChops.offset(clean, round(dx * ink.PX_PER_MM), round(dy * ink.PX_PER_MM))
    cells = ink.read_cells(shifted, ink.smaller(shifted), sheet)
    assert {cell.verdict for cell in cells} == {BLANK}


def test_a_pale_smudge_is_blank_and_a_faint_pencil_name_is_marked(page):
    sheet, clean = page
    smudged, pencilled = sheet.cells[0], sheet.cells[1]
    picture = clean.copy()
    draw = ImageDraw.Draw(picture)
    ppm = ink.PX_PER_MM
    box = smudged.box
    draw.ellipse(((box.x + 5) * ppm, (box.y + 2) * ppm, (box.x + 25) * ppm, (box.y + box.h - 2) * ppm), fill=215)
    box = pencilled.box
    for start in range(3):
        x = (box.x + 8 + start * 6) * ppm
        draw.line([(x, (box.y + 3) * ppm), (x + 4 * ppm, (box.y + box.h - 3) * ppm)], fill=150, width=3)
        draw.line([(x, (box.y + box.h / 2) * ppm), (x + 5 * ppm, (box.y + box.h / 2) * ppm)], fill=150, width=3)
    cells = {reading.cell: reading for reading in ink.read_cells(picture, ink.smaller(picture), sheet)}
    assert cells[smudged].verdict == BLANK
    assert cells[pencilled].verdict == MARKED and cells[pencilled].ink > cells[smudged].ink
    assert Image.open(io.BytesIO(cells[pencilled].image)).format == "PNG"
