"""Reading sheets back from pictures: scans and photographs found, placed and judged; everything else
refused in words."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from models.i18n import _
from models.paper.code import CodeError, parse
from models.paper.reading import BLANK, MARKED, UNSURE
from paper.read import read_files
from tests import paper_samples as samples

DRAWN = 8.0  # pixels a millimetre of the drawn pages: enough, and quick


@pytest.fixture(scope="module")
def sign_in():
    """A short sign-in page (8 rows), clean, and signed with the truth."""
    return samples.signed_sign_in_page(DRAWN)


@pytest.fixture(scope="module")
def ballot():
    rng = random.Random(8)
    sheet = samples.ballot_map(rng)
    clean = samples.render(samples.page_pdf(sheet, title="选票", names=["王秀英", "李桂兰", "张玉梅"]), 12.0)
    return sheet, clean


def lookup(*sheets):
    maps = {sheet.code: sheet for sheet in sheets}
    return lambda code: maps.get(code.text(), "This training is not in this database.")


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_read_as_truth(reading, truth, allowed_unsure=0):
    assert reading.problem == ""
    verdicts = {cell.cell: cell.verdict for cell in reading.cells}
    assert set(verdicts) == set(truth)
    unsure = [cell for cell, verdict in verdicts.items() if verdict == UNSURE]
    assert len(unsure) <= allowed_unsure
    wrong = [cell for cell, verdict in verdicts.items() if verdict != UNSURE and (verdict == MARKED) != truth[cell]]
    assert wrong == []


def test_a_straight_scan_is_read_cell_by_cell_with_pictures(sign_in, tmp_path):
    sheet, _clean, signed, truth = sign_in
    rng = random.Random(1)
    camera = samples.Camera(px_per_mm=7.0, blur=0.4, noise=2, quality=90, margin_mm=2, background=(250, 250, 250))
    path = write(tmp_path, "scan.jpg", samples.photograph(signed, DRAWN, camera, rng))
    [reading] = read_files([path], lookup(sheet))
    assert reading.source == "scan.jpg" and reading.page == 1 and reading.index == 0
    assert reading.code == parse(sheet.code) and reading.sheet == sheet
    assert_read_as_truth(reading, truth)
    assert any(truth.values()) and not all(truth.values())
    evidence = Image.open(io.BytesIO(reading.image))
    assert evidence.format == "JPEG" and abs(evidence.width - 210 * 6) <= 2
    cell = Image.open(io.BytesIO(reading.cells[0].image))
    assert cell.format == "PNG" and cell.width > reading.cells[0].cell.box.w * 6


def test_a_photograph_with_shadow_keystone_and_jpeg_60_is_read(sign_in, tmp_path):
    sheet, _clean, signed, truth = sign_in
    rng = random.Random(2)
    camera = samples.Camera(angle=8, keystone=0.08, px_per_mm=6.5, shadow=0.5, blur=0.9, noise=6, quality=60)
    path = write(tmp_path, "photo.jpg", samples.photograph(signed, DRAWN, camera, rng))
    [reading] = read_files([path], lookup(sheet))
    assert_read_as_truth(reading, truth, allowed_unsure=1)


@pytest.mark.parametrize("angle", [90, 180, 270, 15, -15])
def test_any_rotation_is_undone(sign_in, tmp_path, angle):
    sheet, _clean, signed, truth = sign_in
    camera = samples.Camera(angle=angle, keystone=0.03, px_per_mm=6.0, shadow=0.2, quality=75)
    path = write(tmp_path, "turned.jpg", samples.photograph(signed, DRAWN, camera, random.Random(angle)))
    [reading] = read_files([path], lookup(sheet))
    assert_read_as_truth(reading, truth, allowed_unsure=1)


def test_a_printed_pdf_is_read_with_every_cell_blank(sign_in, tmp_path):
    sheet, *_rest = sign_in
    path = write(tmp_path, "printed.pdf", samples.page_pdf(sheet))
    [reading] = read_files([path], lookup(sheet))
    assert reading.read and {cell.verdict for cell in reading.cells} == {BLANK}


def test_four_ballots_on_a_scanners_bed_are_four_sheets_of_one_code(ballot, tmp_path):
    sheet, clean = ballot
    rng = random.Random(3)
    marked = [samples.sign(clean, sheet, 12.0, rng) for _ in range(4)]
    smaller = [image.resize((round(image.width * 8 / 12), round(image.height * 8 / 12))) for image, _ in marked]
    bed = samples.ballot_bed(smaller, DRAWN, rng)
    path = write(tmp_path, "bed.jpg", samples.photograph(bed, DRAWN, samples.scanner(rng, upside_down=False), rng))
    readings = read_files([path], lookup(sheet))
    assert [reading.index for reading in readings] == [0, 1, 2, 3]
    for reading, (_image, truth) in zip(readings, marked):
        assert_read_as_truth(reading, truth)


def test_the_same_page_twice_is_refused_once_but_ballots_never(sign_in, ballot, tmp_path):
    sheet, clean, *_rest = sign_in
    camera = samples.Camera(px_per_mm=5.0, quality=80)
    first = write(tmp_path, "a.jpg", samples.photograph(clean, DRAWN, camera, random.Random(4)))
    second = write(tmp_path, "b.jpg", first.read_bytes())
    readings = read_files([first, second], lookup(sheet))
    assert readings[0].read
    assert readings[1].problem == _("This page was already read in this batch (a second copy).")
    assert readings[1].code == readings[0].code

    ballot_sheet, ballot_clean = ballot
    one = write(tmp_path, "ballot1.jpg", samples.photograph(ballot_clean, 12.0, camera, random.Random(5)))
    two = write(tmp_path, "ballot2.jpg", one.read_bytes())
    assert [reading.read for reading in read_files([one, two], lookup(ballot_sheet))] == [True, True]


def test_a_folder_is_read_in_name_order_and_a_sheet_the_database_lacks_is_refused_in_its_words(sign_in, tmp_path):
    sheet, clean, *_rest = sign_in
    camera = samples.Camera(px_per_mm=5.0, quality=80)
    write(tmp_path, "2.jpg", samples.photograph(clean, DRAWN, camera, random.Random(6)))
    write(tmp_path, "1.txt", b"not a picture")
    readings = read_files([tmp_path], lookup())
    assert [reading.source for reading in readings] == ["1.txt", "2.jpg"]
    assert readings[1].problem == "This training is not in this database."
    assert readings[1].code == parse(sheet.code) and not readings[1].cells


def test_a_picture_without_a_code_or_with_someone_elses_code_is_refused_in_words(tmp_path):
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    blank = Image.new("L", (800, 1100), 240)
    path = tmp_path / "nothing.png"
    blank.save(path)
    [reading] = read_files([path], lookup())
    assert reading.code is None and not reading.cells
    assert reading.problem == _(
        "No code was found in this picture: it is not a sheet printed by this program, or the code is "
        "covered, out of focus or too small. Scan it again, or photograph it from closer."
    )

    drawing = Drawing(200, 200)
    drawing.add(QrCodeWidget("https://example.com/wechat/group", barWidth=150, barHeight=150))
    pdf_path = tmp_path / "foreign.pdf"
    renderPDF.drawToFile(drawing, str(pdf_path))
    [reading] = read_files([pdf_path], lookup())
    with pytest.raises(CodeError) as refusal:
        parse("https://example.com/wechat/group")
    assert reading.problem == str(refusal.value) and reading.code is None


def test_files_that_are_not_pictures_are_refused_in_words(tmp_path, sign_in):
    sheet, clean, *_rest = sign_in
    photo = samples.photograph(clean, DRAWN, samples.Camera(px_per_mm=5.0), random.Random(9))
    damaged = write(tmp_path, "cut.jpg", photo[: len(photo) // 3])
    empty = write(tmp_path, "empty.jpg", b"")
    text = write(tmp_path, "notes.jpg", "签到表".encode() * 100)
    bad_pdf = write(tmp_path, "bad.pdf", b"%PDF-1.7\n garbage")
    huge = tmp_path / "huge.png"
    Image.new("1", (12000, 12000)).save(huge)
    readings = read_files([damaged, empty, text, bad_pdf, huge], lookup(sheet))
    problems = [reading.problem for reading in readings]
    assert all(problems) and not any(reading.cells for reading in readings)
    assert problems[1] == _("The file {name} is empty.").format(name="empty.jpg")
    assert problems[2] == _("The file {name} is neither a picture ({formats}) nor a PDF, or it is damaged.").format(
        name="notes.jpg", formats="JPEG, PNG, TIFF, BMP"
    )
    assert problems[3] == _("The PDF file {name} is damaged or protected by a password.").format(name="bad.pdf")
    assert problems[4] == _("The picture in {name} is far too large to be a scanned page.").format(name="huge.png")


def test_a_sheet_with_a_corner_cut_off_is_refused_for_its_marks(sign_in, tmp_path):
    sheet, _clean, signed, _truth = sign_in
    jpeg = samples.photograph(signed, DRAWN, samples.Camera(px_per_mm=6.0, margin_mm=0), random.Random(10))
    picture = Image.open(io.BytesIO(jpeg))
    path = tmp_path / "cut.png"
    picture.crop((0, 0, picture.width, picture.height - 100)).save(path)
    [reading] = read_files([path], lookup(sheet))
    assert reading.code == parse(sheet.code) and not reading.cells
    assert reading.problem == _(
        "The corner marks of this sheet could not all be found (a corner cut off, covered or outside the picture?). "
        "Take the picture again with the whole sheet in it."
    )


def test_each_page_of_a_multi_page_tiff_is_a_picture(sign_in, tmp_path):
    sheet, clean, *_rest = sign_in
    small = clean.resize((clean.width * 3 // 4, clean.height * 3 // 4))
    path = tmp_path / "two.tif"
    small.save(path, save_all=True, append_images=[small.rotate(180)], compression="tiff_deflate")
    readings = read_files([path], lookup(sheet))
    assert [(reading.page, reading.read) for reading in readings] == [(1, True), (2, False)]
    assert readings[1].problem == _("This page was already read in this batch (a second copy).")


def test_a_map_whose_code_box_holds_the_quiet_zone_is_read_too(tmp_path):
    rng = random.Random(11)
    sheet = samples.sign_in_map(rng, rows=6)
    clean = samples.render(samples.page_pdf(sheet, qr_border=4), DRAWN)
    camera = samples.Camera(angle=100, keystone=0.05, px_per_mm=6.0, quality=75)
    path = write(tmp_path, "quiet.jpg", samples.photograph(clean, DRAWN, camera, rng))
    [reading] = read_files([path], lookup(sheet))
    assert reading.read and {cell.verdict for cell in reading.cells} == {BLANK}


def test_a_phone_photo_stored_sideways_is_turned_upright_by_its_orientation(sign_in, tmp_path):
    from paper.images import pictures

    sheet, clean, *_rest = sign_in
    upright = Image.open(io.BytesIO(samples.photograph(clean, DRAWN, samples.Camera(px_per_mm=5.0), random.Random(12))))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # as the sensor saw it, the phone held sideways
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90° clockwise to show"
    path = tmp_path / "sideways.jpg"
    stored.save(path, exif=exif)
    [picture] = pictures(path)
    assert picture.image is not None and picture.image.size == upright.size
    [reading] = read_files([path], lookup(sheet))
    assert reading.read


def test_a_mark_cut_in_half_by_the_pictures_edge_is_not_taken_for_a_mark(sign_in, tmp_path):
    sheet, clean, *_rest = sign_in
    camera = samples.Camera(px_per_mm=6.0, margin_mm=0, blur=0.3, noise=1, quality=90)
    picture = Image.open(io.BytesIO(samples.photograph(clean, DRAWN, camera, random.Random(13))))
    cut = round(sheet.marks[0][0] * 6.0)  # through the middle of the top-left mark
    path = tmp_path / "half.png"
    picture.crop((cut, 0, picture.width, picture.height)).save(path)
    [reading] = read_files([path], lookup(sheet))
    assert not reading.read and reading.code == parse(sheet.code)


def test_each_page_of_a_scanners_pdf_is_read_as_its_own_page(sign_in, tmp_path):
    sheet, clean, signed, truth = sign_in
    other = samples.sign_in_map(random.Random(14), rows=5)
    other_clean = samples.render(samples.page_pdf(other), DRAWN)
    camera = samples.scanner(random.Random(15), upside_down=False)
    scans = [
        Image.open(io.BytesIO(samples.photograph(page, DRAWN, camera, random.Random(16))))
        for page in (signed, other_clean)
    ]
    path = tmp_path / "scanned.pdf"
    scans[0].save(path, "PDF", resolution=camera.px_per_mm * 25.4, save_all=True, append_images=scans[1:])
    readings = read_files([path], lookup(sheet, other))
    assert [(reading.source, reading.page, reading.sheet) for reading in readings] == [
        ("scanned.pdf", 1, sheet),
        ("scanned.pdf", 2, other),
    ]
    assert_read_as_truth(readings[0], truth)
    assert {cell.verdict for cell in readings[1].cells} == {BLANK}
