"""Paper back into data, end to end: the real forms printed from a county's database, signed and marked,
photographed and scanned, read back with what the program reads with (``paper.sheets.Sheets``), and what
comes of it: the attendance a cadre confirms, recorded; the ballots totalled and set beside the hand count.
"""

from __future__ import annotations

import random
import shutil

from forms import signin
from forms.attendance import ordered_trainees
from forms.registry import build_form
from models import training as tr
from models import units
from models.elections import records as er
from models.elections.tally import over_marked
from models.i18n import _
from models.paper import attendance, ballots
from models.paper.reading import MARKED, UNSURE
from models.paper.sheet_map import ABSTAIN, AGAINST, FOR, NAME, SIGNATURE, WRITE_IN_FOR
from paper.read import read_files
from paper.sheets import Sheets
from tests import paper_forms as forms
from tests import paper_samples as samples

DRAWN = 10.0  # pixels a millimetre the printed pages are rendered at: sharper than any photograph of them
PAGES = 30  # a county training's day: the sign-in stack of the case


def photograph(folder, name, image, rng, **camera):
    path = folder / name
    path.write_bytes(samples.photograph(image, DRAWN, samples.random_camera(rng, **camera), rng))
    return path


def test_a_county_days_thirty_sign_in_pages_become_the_trainings_attendance(county, tmp_path):
    rng = random.Random(17)
    training = forms.county_training(forms.trainees_for(PAGES))
    pages = forms.signin_pages(training, tmp_path, DRAWN, rng)
    assert len(pages) == PAGES
    folder = tmp_path / "photos"
    folder.mkdir()
    files = [photograph(folder, f"{n + 1:02d}.jpg", page.image, rng, hard=n % 6 == 0) for n, page in enumerate(pages)]
    # The same page photographed twice, and a page of another training deleted since it was printed.
    shutil.copy(files[4], folder / "05b-again.jpg")
    other = forms.county_training(3, name="家庭教育指导员培训班")
    [other_page] = forms.signin_pages(other, tmp_path, DRAWN, rng)
    photograph(folder, "other.jpg", other_page.image, rng)
    other.move_to_recycle_bin()

    readings = read_files([folder], Sheets(units.own_unit()))

    by_source = {reading.source: reading for reading in readings}
    assert by_source["05b-again.jpg"].problem == _("This page was already read in this batch (a second copy).")
    assert by_source["other.jpg"].problem == _(
        "This sign-in sheet belongs to a training that is not in this database (or was deleted): "
        "read it on the computer that printed it."
    )
    assert [by_source[path.name].problem for path in files] == [""] * PAGES

    proposal = attendance.propose(training, readings)
    assert proposal.missing == [] and proposal.unread == []
    assert {reading.source for reading in proposal.other} == {"05b-again.jpg", "other.jpg"}
    truth = {cell: marked for page in pages for cell, marked in page.truth.items()}
    asked = proposal.to_ask()
    assert len(asked) <= 0.03 * len(proposal.proposals)

    # She confirms every proposal: present for a signed cell, absent for a blank one, and for the cells the
    # reader was unsure of what she sees in their pictures.
    def confirmed(item: attendance.Proposal) -> str:
        if item.proposal == attendance.ASK:
            return attendance.PRESENT if truth[item.reading.cell] else attendance.ABSENT
        return item.proposal

    marks = [attendance.Confirmed(p.trainee.uuid, p.session.uuid, confirmed(p)) for p in proposal.proposals]
    recorded = attendance.record(training, marks)
    assert recorded.done and recorded.written == len(truth_signatures(truth)) == 2 * training.trainees().count()

    stored = {(mark.session.uuid, mark.trainee.uuid): mark.status for mark in tr.marks(training).values()}
    expected = {
        (cell.session, cell.key): attendance.PRESENT if marked else attendance.ABSENT
        for cell, marked in truth_signatures(truth).items()
    }
    assert stored == expected

    # The walk-ins who wrote their names or signed on spare rows are listed, each with the pictures of her
    # name and signatures: one who signed without writing her name is typed in from her signature.
    on_spare = {
        (page.sheet.code, cell.row)
        for page in pages
        for cell, marked in page.truth.items()
        if cell.column in (NAME, SIGNATURE) and not cell.key and marked
    }
    listed = {(walk_in.sheet.code.text(), walk_in.row): walk_in for walk_in in proposal.walk_ins}
    assert on_spare <= set(listed)
    assert any(not listed[row].name_written for row in on_spare)
    # A spare row listed with nothing on it is one with a cell the reader was unsure of (a stroke from the
    # row above): she sees its pictures and skips it.
    for row in set(listed) - on_spare:
        verdicts = {listed[row].name.verdict, *(cell.verdict for _session, cell in listed[row].signatures)}
        assert UNSURE in verdicts and MARKED not in verdicts
    assert all(walk_in.name.image.startswith(b"\x89PNG") for walk_in in proposal.walk_ins)

    # A trainee taken off the list after printing: the first page no longer says who signs where.
    tr.remove_trainees(training, [ordered_trainees(training)[0].uuid])
    [changed] = read_files([files[0]], Sheets(units.own_unit()))
    assert changed.problem == _(
        "Page {page} does not match the training as it is today: names were added, removed or moved, "
        "or its name, place or times changed, after it was printed (or it was printed with the program in "
        "another language). Read it with the "
        "program as it was then, or enter this page's attendance by hand; print the sheet again for "
        "the next session."
    ).format(page=1)


def truth_signatures(truth):
    return {cell: marked for cell, marked in truth.items() if cell.column == SIGNATURE and cell.key}


def expected_totals(truths, seats):
    """What ballots marked as ``truths`` say, counted by the printed instructions: per candidate number
    [for, against, abstain] on valid ballots, votes For written-in names, valid ballots, the indexes of
    the valid ballots For each candidate."""
    lines: dict[int, list[int]] = {}
    written_in = valid = 0
    voted_for: dict[int, list[int]] = {}
    for index, truth in enumerate(truths):
        votes: dict[int, str] = {}
        for cell, marked in truth.items():
            if cell.key.isdigit():
                votes.setdefault(int(cell.key), ABSTAIN)  # no box marked is an abstention
                if marked:
                    votes[int(cell.key)] = cell.column
        written = sum(1 for cell, marked in truth.items() if cell.column == WRITE_IN_FOR and marked)
        if over_marked(sum(1 for vote in votes.values() if vote == FOR) + written, seats):
            continue
        valid += 1
        written_in += written
        for number, vote in votes.items():
            lines.setdefault(number, [0, 0, 0])[(FOR, AGAINST, ABSTAIN).index(vote)] += 1
            if vote == FOR:
                voted_for.setdefault(number, []).append(index)
    return lines, written_in, valid, voted_for


def test_a_hundred_ballots_printed_four_and_one_to_a_sheet_add_up_to_their_marks(county, tmp_path):
    rng = random.Random(18)
    round_ = forms.election_round(["赵敏", "李秀英"], 2)  # small enough for four ballots to a sheet
    four_up = forms.ballot_sheets(round_, tmp_path, DRAWN, rng, 20, 4)
    four_up = [forms.stamped(sheet, DRAWN, rng) for sheet in four_up]  # the seals over a mark and a write-in row
    alone = forms.ballot_sheets(round_, tmp_path, DRAWN, rng, 20, 1)
    folder = tmp_path / "scans"
    folder.mkdir()
    truths = []
    for number, sheet in enumerate(four_up[:15]):  # scanned as printed, four to a sheet
        camera = samples.scanner(rng, upside_down=False)
        (folder / f"a-{number:02d}.jpg").write_bytes(samples.photograph(sheet[-1].image, DRAWN, camera, rng))
        truths += [ballot.truth for ballot in sheet]
    for number, ballot in enumerate(ballot for sheet in four_up[15:] for ballot in sheet):  # cut, photographed
        photograph(folder, f"b-{number:02d}.jpg", forms.cut_piece(ballot, DRAWN), rng)
        truths.append(ballot.truth)
    for number, [ballot] in enumerate(alone):  # printed one to a sheet
        photograph(folder, f"c-{number:02d}.jpg", ballot.image, rng)
        truths.append(ballot.truth)
    assert len(truths) == 100

    readings = read_files([folder], Sheets(units.own_unit()))
    assert [reading.problem for reading in readings] == [""] * 100
    totals = ballots.total(round_, readings)

    lines, written_in, valid, voted_for = expected_totals(truths, round_.seats)
    assert (totals.returned, totals.valid) == (100, valid)
    # A written-in name is read by the scrutineers from its image (listed for them, never counted alone):
    # the reader's count of lines marked For may be one off when a smudge lies on an empty line's box
    # and its name cell (seen once in a hundred such sets; bench/scan.py measures the reader's accuracy).
    assert abs(totals.written_in - written_in) <= 1
    assert {n: [line.yes, line.no, line.abstain] for n, line in totals.candidates.items()} == lines
    assert all(line.unclear == 0 for line in totals.candidates.values())

    # The scrutineers' hand count, one vote For the first candidate too many: the cross-check finds it and
    # names the ballots that show the read number.
    nominated = er.ballot_order(list(round_.candidates()))
    for number, candidate in enumerate(nominated, start=1):
        candidate.yes, candidate.no, candidate.abstain = lines[number]
        candidate.yes += number == 1
        candidate.save()
    er.ElectionCandidate.create(unit=round_.unit, round=round_, name="孟春", yes=totals.written_in, write_in=True)
    round_.returned, round_.valid, round_.invalid = 100, valid, 100 - valid
    round_.save()
    comparison = ballots.compare(round_, totals)
    [difference] = comparison.differences
    assert (difference.candidate, difference.column) == (nominated[0].name, "yes")
    assert (difference.hand, difference.read) == (lines[1][0] + 1, lines[1][0])
    assert difference.shown_by == tuple(voted_for[1])


def test_a_sheet_printed_for_the_afternoon_alone_is_read_with_its_own_columns(county, tmp_path):
    training = forms.county_training(6)
    morning, afternoon = training.sessions()
    pdf = build_form("signin", tmp_path / "pm.pdf", forms.options(afternoon.uuid)).path
    [page] = forms.rendered_pages(pdf, DRAWN)
    camera = samples.Camera(px_per_mm=7.0, quality=85)
    path = tmp_path / "pm.jpg"
    path.write_bytes(samples.photograph(page, DRAWN, camera, random.Random(19)))
    [reading] = read_files([path], Sheets(units.own_unit()))
    assert reading.problem == "" and reading.sheet == signin.sheet_maps(training, forms.DAY, afternoon)[0]
    assert {cell.cell.session for cell in reading.cells if cell.cell.column == SIGNATURE} == {afternoon.uuid}
    assert morning.uuid not in {cell.cell.session for cell in reading.cells}
