"""Ballots are stamped before the vote, and the round seal overflows its box onto the write-in rows and the
corner mark beside it: a colour scan or photo is read as if the seal were not there."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageChops

from forms import ballot as ballot_form
from forms import election_common as common
from models import units
from models.elections import records as er
from models.i18n import ngettext
from models.paper import ballots as ballots_module
from models.paper.reading import UNSURE
from paper import colour
from paper.read import read_files
from tests import paper_forms as forms
from tests import paper_samples as samples

DRAWN = 10.0


def sealed_sheet_of_four(tmp_path, rng, offsets=(14.4, 12.0, 10.0, 14.0)):
    """A sheet of four ballots of the real form, marked, each stamped in its stamp box (beside its
    bottom-right corner mark, the seal's ring or the unit's name over the mark, and over the last write-in
    row; ``offsets`` as for ``stamped``); the round, its maps, the ballots and the sheet."""
    round_ = forms.election_round(["赵敏", "李秀英"], 2)
    [ballots] = forms.ballot_sheets(round_, tmp_path, DRAWN, rng, 1, 4)
    ballots = forms.stamped(ballots, DRAWN, rng, offsets)
    page = ballots[-1].image
    chosen = common.Chosen(units.own_unit(), er.get_election(round_.election_id), round_)
    return round_, ballot_form.sheet_maps(chosen, 4), ballots, page


def test_a_colour_scan_of_four_stamped_ballots_reads_every_box_as_marked_by_the_voter(county, tmp_path):
    rng = random.Random(5)
    round_, maps, ballots, page = sealed_sheet_of_four(tmp_path, rng)
    path = tmp_path / "scan.jpg"
    path.write_bytes(samples.photograph(page, DRAWN, samples.scanner(rng, upside_down=False), rng))
    readings = read_files([path], lambda code: maps)
    assert [reading.problem for reading in readings] == [""] * 4
    for reading, ballot in zip(readings, ballots):
        assert samples.wrong_cells(reading, ballot.truth) == []
        assert sum(cell.verdict == UNSURE for cell in reading.cells) <= 1
        assert reading.red_taken_out
    assert ballots_module.gray_scan_note(ballots_module.total(round_, readings)) == ""


def test_stamped_ballots_scanned_in_gray_are_to_be_scanned_again_in_colour(county, tmp_path):
    rng = random.Random(5)
    round_, maps, _ballots, page = sealed_sheet_of_four(tmp_path, rng)
    path = tmp_path / "gray.jpg"
    path.write_bytes(samples.photograph(page.convert("L"), DRAWN, samples.scanner(rng, upside_down=False), rng))
    readings = read_files([path], lambda code: maps)
    assert [reading.read and not reading.red_taken_out for reading in readings] == [True] * 4
    note = ballots_module.gray_scan_note(ballots_module.total(round_, readings))
    assert note == ngettext(
        "{n} of the {total} ballots read shows no red at all: a stamped ballot scanned in gray, whose seal "
        "is read as a mark where it covers a box? Scan it in colour and read the ballots again.",
        "{n} of the {total} ballots read show no red at all: stamped ballots scanned in gray, whose seal "
        "is read as a mark where it covers a box? Scan them in colour and read the ballots again.",
        4,
    ).format(n=4, total=4)


# A phone held over a sheet on a brown desk: a quarter of the picture is the desk, in a shadow.
ON_A_DESK = samples.Camera(
    angle=3, keystone=0.03, px_per_mm=7.5, shadow=0.3, blur=0.8, noise=5, quality=75, background=(95, 60, 50)
)


@pytest.mark.parametrize("taken", ["scanned", "photographed"])
@pytest.mark.parametrize(
    "paper",
    [(185, 228, 185), (175, 205, 245), (250, 235, 140), (245, 170, 185), (215, 70, 80)],
    ids=["green", "blue", "yellow", "pink", "red"],
)
def test_stamped_ballots_printed_on_coloured_paper_are_read_without_their_seals(county, tmp_path, paper, taken):
    # Rounds are told apart by the paper's colour. A seal on green paper is no redder than the paper is green
    # until the paper is made white (without it, 15 boxes of 32 green ballots were read wrong); the paper's
    # colour is not each colour's commonest level (on the desk) nor its red channel alone (a JPEG's colours
    # are at half resolution: faint pencil on pink paper was lost).
    rng = random.Random(4)
    _round, maps, ballots, page = sealed_sheet_of_four(tmp_path, rng, offsets=(14.0,))
    coloured = ImageChops.multiply(page, Image.new("RGB", page.size, paper))
    camera = samples.scanner(rng, upside_down=False) if taken == "scanned" else ON_A_DESK
    path = tmp_path / "coloured.jpg"
    path.write_bytes(samples.photograph(coloured, DRAWN, camera, rng))
    readings = read_files([path], lambda code: maps)
    assert [reading.problem for reading in readings] == [""] * 4
    for reading, ballot in zip(readings, ballots):
        assert samples.wrong_cells(reading, ballot.truth) == []
        assert reading.red_taken_out


def test_a_stamped_ballot_cut_out_and_photographed_is_read_without_its_seal(county, tmp_path):
    rng = random.Random(9)
    _round, maps, ballots, _page = sealed_sheet_of_four(tmp_path, rng)
    folder = tmp_path / "photos"
    folder.mkdir()
    for number, ballot in enumerate(ballots):
        piece = forms.cut_piece(ballot, DRAWN)
        camera = samples.random_camera(rng, page_mm=ballot.sheet.page_size[1])
        (folder / f"{number}.jpg").write_bytes(samples.photograph(piece, DRAWN, camera, rng))
    readings = read_files([folder], lambda code: maps)
    assert [reading.problem for reading in readings] == [""] * 4
    for reading, ballot in zip(readings, ballots):
        assert samples.wrong_cells(reading, ballot.truth) == []


@pytest.mark.parametrize("light", [1.0, 0.6], ids=["lit", "in a shadow"])
@pytest.mark.parametrize("paper", [(250, 246, 235), (185, 228, 185), (245, 170, 185)], ids=["white", "green", "pink"])
def test_seal_ink_is_read_as_paper_and_pen_and_print_under_it_as_ink(paper, light):
    def on_paper(ink, coverage=1.0):  # ink lets the paper's colour through, as seal ink and toner do
        return tuple(round(light * p * (1 - coverage * (1 - i / 255))) for p, i in zip(paper, ink))

    seal_ink = (205, 45, 50)
    patches = {
        "paper": on_paper((255, 255, 255)),
        "seal": on_paper(seal_ink),
        "seal pressed lightly": on_paper(seal_ink, 0.4),
        "print under the seal": on_paper(tuple(round(25 * i / 255) for i in seal_ink)),
        "blue pen": on_paper((35, 55, 150)),
        "pencil": on_paper((140, 140, 140)),
        "red pen": on_paper((200, 30, 35)),
    }
    picture = Image.new("RGB", (400, 400), patches["paper"])  # a sheet: mostly paper
    for index, colour_ in enumerate(patches.values()):
        picture.paste(colour_, (20 + 50 * index, 20, 60 + 50 * index, 60))
    grays = colour.grays(picture)
    assert grays.red_taken_out
    level = {name: grays.reading.getpixel((40 + 50 * index, 40)) / 255 for index, name in enumerate(patches)}
    paper_level = level["paper"]
    for light_as_paper in ("seal", "seal pressed lightly", "red pen"):  # a red pen cannot be told from a seal
        assert abs(level[light_as_paper] - paper_level) < 0.15 * paper_level, light_as_paper
    assert level["print under the seal"] < 0.2 * paper_level
    assert level["blue pen"] < 0.4 * paper_level
    assert 0.45 * paper_level < level["pencil"] < 0.7 * paper_level


def test_a_picture_without_red_ink_is_read_in_plain_gray():
    picture = Image.new("RGB", (400, 400), (250, 246, 235))
    picture.paste((120, 80, 50), (0, 0, 400, 60))  # a wooden desk beyond the sheet's edge
    picture.paste((20, 20, 20), (100, 100, 140, 140))
    picture.paste((200, 30, 35), (300, 300, 302, 302))  # a speck of red
    grays = colour.grays(picture)
    assert not grays.red_taken_out
    assert grays.reading.tobytes() == grays.plain.tobytes() == picture.convert("L").tobytes()
