"""Read ballots as a cross-check of the scrutineers' hand count: totals, invalid and unclear ballots, write-ins,
the differences with the ballots that show them, and the sentence the result report adds."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import pdfplumber
import pytest

from forms.registry import FormOptions, build_form
from models.base import ValidationError
from models.elections import records as er
from models.elections.tally import over_marked, tally
from models.i18n import ngettext
from models.paper import ballots as pb
from models.paper import evidence
from models.paper.reading import BLANK, MARKED
from models.paper.sheet_map import ABSTAIN, AGAINST, FOR

from ..conftest import VILLAGE_CODE
from .paper_helpers import ballot, make_round

NAMES = ["赵敏", "李秀英", "王芳", "张晓红", "刘娟"]
SEATS = 3


def synthetic_batch(round_: er.ElectionRound, count: int = 100, seed: int = 17):
    """``count`` ballots marked at random (some over-marked, some with a written-in name), and the true
    totals counted the way the scrutineers count: candidate name → Counter of yes/no/abstain on valid
    ballots, votes For written-in names, and the number of invalid ballots."""
    chance = random.Random(seed)
    readings, truth, written_in, invalid = [], {name: Counter() for name in NAMES}, 0, 0
    order = [c.name for c in er.ballot_order(round_.candidates())]
    for index in range(count):
        votes = [chance.choice([FOR, FOR, AGAINST, ABSTAIN, ""]) for _name in order]
        write_ins = [MARKED] if chance.random() < 0.1 else []
        readings.append(ballot(round_.uuid, votes, write_ins=write_ins, index=index))
        if sum(v == FOR for v in votes) + len(write_ins) > SEATS:
            invalid += 1
            continue
        written_in += len(write_ins)
        for name, vote in zip(order, votes, strict=True):
            truth[name][{FOR: "yes", AGAINST: "no"}.get(vote, "abstain")] += 1
    return readings, truth, written_in, invalid


def hand_count(round_: er.ElectionRound, truth, written_in: int, invalid: int, count: int = 100) -> None:
    """The scrutineers' count entered on the round, as the tally sheet would be."""
    for candidate in round_.candidates():
        candidate.yes, candidate.no, candidate.abstain = (truth[candidate.name][k] for k in ("yes", "no", "abstain"))
        candidate.save()
    if written_in:
        er.ElectionCandidate.create(unit=VILLAGE_CODE, round=round_, name="孟春", write_in=True, yes=written_in)
    round_.returned, round_.valid, round_.invalid = count, count - invalid, invalid
    round_.save()


@pytest.fixture
def round_(database):
    return make_round(VILLAGE_CODE, NAMES, SEATS)


def test_a_hundred_synthetic_ballots_add_up_to_their_true_marks(round_):
    readings, truth, written_in, invalid = synthetic_batch(round_)
    totals = pb.total(round_, readings)
    assert (totals.returned, totals.invalid, totals.valid) == (100, invalid, 100 - invalid)
    assert 0 < invalid < 60
    number = {c.name: n for n, c in enumerate(er.ballot_order(round_.candidates()), start=1)}
    for name in NAMES:
        line = totals.candidates[number[name]]
        assert (line.yes, line.no, line.abstain) == (truth[name]["yes"], truth[name]["no"], truth[name]["abstain"])
        assert line.unclear == 0
    assert totals.written_in == written_in > 0
    assert all(w.name.image.startswith(b"\x89PNG") for w in totals.write_ins)

    hand_count(round_, truth, written_in, invalid)
    comparison = pb.compare(round_, totals)
    assert comparison.agrees and comparison.ballots == 100


def test_a_wrong_hand_count_is_caught_with_the_ballots_that_show_it(round_):
    readings, truth, written_in, invalid = synthetic_batch(round_)
    hand_count(round_, truth, written_in, invalid)
    wrong = er.ElectionCandidate.get((er.ElectionCandidate.round == round_) & (er.ElectionCandidate.name == "王芳"))
    wrong.yes, wrong.abstain = wrong.yes + 2, wrong.abstain - 2  # two abstentions counted as For
    wrong.save()

    totals = pb.total(round_, readings)
    comparison = pb.compare(round_, totals)
    assert not comparison.agrees
    found = {(d.candidate, d.column): d for d in comparison.differences}
    assert set(found) == {("王芳", "yes"), ("王芳", "abstain")}
    yes = found[("王芳", "yes")]
    assert (yes.hand, yes.read) == (truth["王芳"]["yes"] + 2, truth["王芳"]["yes"])
    number = [c.name for c in er.ballot_order(round_.candidates())].index("王芳") + 1
    valid = [pb.read_ballot(i, r, SEATS).valid for i, r in enumerate(readings)]
    shown_for = [i for i, r in enumerate(readings) if _marked(r, number) == {FOR} and valid[i]]
    assert list(yes.shown_by) == shown_for and len(shown_for) == yes.read
    # Over-marked ballots marking her For might have been counted as valid: they are shown as doubtful.
    invalid_for = [i for i, r in enumerate(readings) if FOR in _marked(r, number) and not valid[i]]
    assert list(yes.doubtful) == invalid_for
    abstain = found[("王芳", "abstain")]
    assert len(abstain.shown_by) == abstain.read == truth["王芳"]["abstain"]

    check = pb.record_cross_check(round_, comparison)
    assert (check.ballots, check.differences, check.agreed) == (100, 2, False)
    assert pb.cross_check_of(round_).differences == 2
    # The hand count stays the official one: nothing changed it.
    assert er.ElectionCandidate.get_by_id(wrong.uuid).yes == truth["王芳"]["yes"] + 2


def _marked(reading, number: int) -> set[str]:
    return {c.cell.column for c in reading.cells if c.cell.key == str(number) and c.verdict == MARKED}


def test_an_over_marked_ballot_is_invalid_by_the_elections_own_rule(round_):
    four_for = ballot(round_.uuid, [FOR, FOR, FOR, FOR, AGAINST])
    three_and_a_name = ballot(round_.uuid, [FOR, FOR, FOR, "", ""], write_ins=[MARKED])
    three = ballot(round_.uuid, [FOR, FOR, FOR, AGAINST, ""])
    totals = pb.total(round_, [four_for, three_and_a_name, three])
    assert [b.valid for b in totals.ballots] == [False, False, True]
    assert [b.marked_for for b in totals.ballots] == [4, 4, 3]
    assert over_marked(4, SEATS) and not over_marked(3, SEATS)
    # None of an invalid ballot's marks are counted; the valid one's are, and a blank row is an abstention.
    assert sum(line.yes for line in totals.candidates.values()) == 3
    assert totals.candidates[5].abstain == 1 and totals.written_in == 0
    assert [b.index for b in totals.to_look_at()] == [0, 1]
    # The hand count's own rule agrees: three valid ballots may hold at most nine votes For.
    assert tally(SEATS, 120, 120, 3, 3, 3, 0, []).errors == []


def test_unclear_rows_and_unsure_cells_are_listed_and_explain_a_difference(round_):
    clear = ballot(round_.uuid, [FOR, AGAINST, "", "", ""], index=0)
    two_boxes = ballot(round_.uuid, [(FOR, AGAINST), AGAINST, "", "", ""], index=1)
    unsure = ballot(round_.uuid, [FOR, AGAINST, "", "", ""], unsure=[(1, AGAINST)], index=2)
    totals = pb.total(round_, [clear, two_boxes, unsure])
    assert totals.ballots[1].votes[1] == pb.UNCLEAR and totals.ballots[1].unclear
    assert totals.ballots[2].votes[1] == pb.DOUBTFUL and totals.ballots[2].unsure
    assert [b.index for b in totals.to_look_at()] == [1, 2]
    assert (totals.candidates[1].yes, totals.candidates[1].unclear) == (1, 2)

    first = er.ballot_order(round_.candidates())[0]
    first.yes = 3  # the scrutineers counted all three For
    first.save()
    difference = next(d for d in pb.compare(round_, totals).differences if d.candidate == first.name)
    assert (difference.column, difference.hand, difference.read) == ("yes", 3, 1)
    assert difference.shown_by == (0,) and difference.doubtful == (1, 2)


def test_sheets_not_of_the_round_are_left_out(round_):
    other = make_round(VILLAGE_CODE, ["杨梅"], 1)
    totals = pb.total(round_, [ballot(other.uuid, [FOR]), ballot(round_.uuid, [FOR, "", "", "", ""])])
    assert totals.returned == 1 and len(totals.other) == 1


def report_text(tmp_path, election_uuid: str) -> str:
    path = build_form("election", tmp_path / "report.pdf", FormOptions(VILLAGE_CODE, record_id=election_uuid)).path
    with pdfplumber.open(path) as pdf:
        return "".join((page.extract_text() or "") for page in pdf.pages).replace(" ", "").replace("\n", "")


def test_the_result_report_says_when_the_count_was_cross_checked(round_, tmp_path):
    readings, truth, written_in, invalid = synthetic_batch(round_)
    hand_count(round_, truth, written_in, invalid)
    agreed = ngettext(
        "Cross-checked against the {n} scanned ballot: it agrees with the count.",
        "Cross-checked against the {n} scanned ballots: they agree with the count.",
        100,
    ).format(n=100)
    assert agreed.replace(" ", "") not in report_text(tmp_path, round_.election_id)

    pb.record_cross_check(round_, pb.compare(round_, pb.total(round_, readings)))
    assert agreed.replace(" ", "") in report_text(tmp_path, round_.election_id)

    candidate = er.ballot_order(round_.candidates())[0]
    candidate.no += 1
    candidate.save()
    pb.record_cross_check(round_, pb.compare(round_, pb.total(round_, readings)))
    differs = ngettext(
        "Cross-checked against the {n} scanned ballots: {k} figure differs from the count.",
        "Cross-checked against the {n} scanned ballots: {k} figures differ from the count.",
        1,
    ).format(n=100, k=1)
    text = report_text(tmp_path, round_.election_id)
    assert differs.replace(" ", "") in text and agreed.replace(" ", "") not in text
    assert pb.RoundCrossCheck.select().count() == 1  # the latest check replaced the earlier one


def test_a_round_reported_by_a_unit_below_is_not_marked_cross_checked(database):
    below = make_round("430121100202", NAMES, SEATS)
    comparison = pb.compare(below, pb.total(below, [ballot(below.uuid, [FOR, "", "", "", ""])]))
    with pytest.raises(ValidationError):
        pb.record_cross_check(below, comparison)
    assert pb.cross_check_of(below) is None


def test_a_for_mark_beside_an_empty_write_in_line_is_no_vote(round_):
    with_stray_tick = ballot(round_.uuid, [FOR, FOR, FOR, "", ""])
    name_cell, tick = (c for c in with_stray_tick.cells if c.cell.key == "write-in 1")
    empty_name = replace(name_cell, verdict=BLANK)
    stray_tick = replace(tick, verdict=MARKED)
    cells = tuple(empty_name if c is name_cell else stray_tick if c is tick else c for c in with_stray_tick.cells)
    totals = pb.total(round_, [replace(with_stray_tick, cells=cells)])
    [read] = totals.ballots
    assert read.valid and read.marked_for == 3 and not read.write_ins
    assert totals.written_in == 0 and sum(line.yes for line in totals.candidates.values()) == 3


def test_a_ballot_over_several_sheets_is_left_to_the_hand_count(round_):
    sheet = ballot(round_.uuid, [FOR, FOR, FOR, "", ""])
    assert sheet.code is not None
    second_of_two = replace(sheet.code, page=2, pages=2)
    first_of_two = replace(sheet.code, page=1, pages=2)
    totals = pb.total(round_, [replace(sheet, code=first_of_two), replace(sheet, code=second_of_two)])
    assert totals.returned == 0 and len(totals.other) == 2
    assert all("2" in other.problem for other in totals.other)


def _agreed_sentence(n: int) -> str:
    return (
        ngettext(
            "Cross-checked against the {n} scanned ballot: it agrees with the count.",
            "Cross-checked against the {n} scanned ballots: they agree with the count.",
            n,
        )
        .format(n=n)
        .replace(" ", "")
    )


def test_a_hand_count_edited_after_its_check_is_no_longer_said_to_be_checked(round_, tmp_path):
    readings, truth, written_in, invalid = synthetic_batch(round_)
    hand_count(round_, truth, written_in, invalid)
    pb.record_cross_check(round_, pb.compare(round_, pb.total(round_, readings)))
    assert _agreed_sentence(100) in report_text(tmp_path, round_.election_id)

    first = er.ballot_order(round_.candidates())[0]
    first.yes += 1  # a scrutineer's figure corrected after the ballots were compared with it
    first.save()
    text = report_text(tmp_path, round_.election_id)
    assert "Cross-checked".replace(" ", "") not in text and _agreed_sentence(100) not in text
    assert pb.standing_cross_check(round_) is None
    check = pb.cross_check_of(round_)
    assert check is not None and not check.holds(round_)  # kept, for the elections page to say it is stale

    # Back to the figures that were compared: the check holds again (they are what the ballots agreed with).
    first.yes -= 1
    first.save()
    assert _agreed_sentence(100) in report_text(tmp_path, round_.election_id)
    assert pb.standing_cross_check(round_) is not None


def _edit_yes(round_):
    candidate = er.ballot_order(round_.candidates())[1]
    candidate.yes += 1
    candidate.save()


def _edit_no(round_):
    candidate = er.ballot_order(round_.candidates())[2]
    candidate.no -= 1
    candidate.save()


def _edit_abstain(round_):
    candidate = [c for c in er.ballot_order(round_.candidates()) if not c.write_in][-1]
    candidate.abstain += 2
    candidate.save()


def _edit_written_in(round_):
    written = next(c for c in round_.candidates() if c.write_in)
    written.yes += 1
    written.save()


def _edit_ballots(column):
    def edit(round_):
        setattr(round_, column, getattr(round_, column) + 1)
        round_.save()

    return edit


def _add_write_in(round_):
    er.ElectionCandidate.create(unit=VILLAGE_CODE, round=round_, name="杨梅", write_in=True, yes=1)


@pytest.mark.parametrize(
    "edit",
    [
        _edit_yes,
        _edit_no,
        _edit_abstain,
        _edit_written_in,
        _add_write_in,
        _edit_ballots("returned"),
        _edit_ballots("valid"),
        _edit_ballots("invalid"),
        _edit_ballots("seats"),
    ],
    ids=["yes", "no", "abstain", "written-in", "another-written-in", "returned", "valid", "invalid", "seats"],
)
def test_every_figure_the_check_compared_makes_it_stale_when_edited(round_, edit):
    readings, truth, written_in, invalid = synthetic_batch(round_)
    hand_count(round_, truth, written_in, invalid)
    pb.record_cross_check(round_, pb.compare(round_, pb.total(round_, readings)))
    stored = er.ElectionRound.get_by_id(round_.uuid)  # as the report reads it: afresh
    assert pb.standing_cross_check(stored) is not None
    edit(stored)
    assert pb.standing_cross_check(er.ElectionRound.get_by_id(round_.uuid)) is None


def test_what_the_check_did_not_compare_leaves_it_standing(round_):
    readings, truth, written_in, invalid = synthetic_batch(round_)
    hand_count(round_, truth, written_in, invalid)
    pb.record_cross_check(round_, pb.compare(round_, pb.total(round_, readings)))
    stored = er.ElectionRound.get_by_id(round_.uuid)
    stored.issued, stored.present = 118, 119  # not on a ballot: nothing read compares them
    stored.save()
    written = next(c for c in stored.candidates() if c.write_in)
    written.name = "孟春华"  # the written-in names are compared as one sum
    written.save()
    assert pb.standing_cross_check(er.ElectionRound.get_by_id(round_.uuid)) is not None


def test_recording_the_check_keeps_the_ballots_read_in_place_of_those_kept_before(round_):
    readings, truth, written_in, invalid = synthetic_batch(round_)
    hand_count(round_, truth, written_in, invalid)
    first = pb.total(round_, readings[:60])
    pb.record_cross_check(round_, pb.compare(round_, first), first)
    assert evidence.kept_ballots(round_.uuid).count == 60
    second = pb.total(round_, readings[60:])
    comparison = pb.compare(round_, second)
    returned = next(d for d in comparison.differences if d.column == "returned")
    assert (returned.hand, returned.read) == (100, 40)  # a batch of some of the ballots shows as such
    check = pb.record_cross_check(round_, comparison, second)
    assert (check.ballots, check.agreed) == (40, False)
    # Ballots carry no number: the second batch replaces the first, it is not added to it.
    assert [(p.page, p.pages) for p in evidence.pages_of(round_.uuid)] == [(n, 40) for n in range(1, 41)]
    assert pb.RoundCrossCheck.select().count() == 1


def test_an_image_too_large_records_neither_the_check_nor_the_images(round_):
    readings, truth, written_in, invalid = synthetic_batch(round_, count=4)
    hand_count(round_, truth, written_in, invalid, count=4)
    readings[2] = replace(readings[2], image=b"\xff\xd8" + b"0" * (6 * 1024 * 1024))
    totals = pb.total(round_, readings)
    with pytest.raises(evidence.EvidenceError):
        pb.record_cross_check(round_, pb.compare(round_, totals), totals)
    assert pb.cross_check_of(round_) is None and evidence.kept_ballots(round_.uuid) is None
