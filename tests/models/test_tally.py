"""The counting rules of a women's congress vote (models.elections.tally)."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import i18n
from models.elections.tally import (
    ERROR_CODES,
    MESSAGES,
    QUORUMS,
    ROUNDINGS,
    TIE_BREAKS,
    WARNING_CODES,
    Candidate,
    ElectionRules,
    TallyProblem,
    describe,
    message,
    min_candidates,
    tally,
)
from models.i18n import _

NAMES = [
    "王秀英",
    "李桂兰",
    "张红梅",
    "刘小燕",
    "陈丽",
    "杨春花",
    "赵玉梅",
    "黄晓红",
    "周敏",
    "吴桂芳",
    "徐凤英",
    "孙兰",
    "马金凤",
    "朱冬梅",
    "胡小霞",
    "郭玉兰",
]


def village_round(**overrides):
    """A typical 执委 vote: 应到 45, 实到 40, 11 seats, 12 candidates, 39 valid ballots.

    12 candidates for 11 seats is the DOMAIN example, but the contract's rule
    (seats + ceil(10% of seats)) asks for 13, so a competitive count warns;
    the helper counts it as non-competitive unless told otherwise.
    """
    votes = [38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 23, 22]
    args = dict(
        seats=11,
        entitled=45,
        present=40,
        issued=40,
        returned=40,
        valid=39,
        invalid=1,
        candidates=[Candidate(name, yes, 39 - yes) for name, yes in zip(NAMES, votes)],
        competitive=False,
    )
    args.update(overrides)
    return tally(**args)


# --- hand-worked examples ---------------------------------------------------------


def test_village_round_threshold_is_half_of_entitled():
    result = village_round()
    assert result.errors == []
    assert result.warnings == []
    assert village_round(competitive=True).warnings == ["too_few_candidates"]
    assert result.threshold == Fraction(45, 2)  # 22.5: 23 votes pass, 22 do not
    assert result.base == "entitled" and result.base_count == 45
    assert result.elected == NAMES[:11]  # 王秀英 38 … 徐凤英 23
    assert "孙兰" not in result.elected  # 22 votes
    assert result.passed == NAMES[:11]
    assert result.runoff == [] and result.runoff_seats == 0
    assert result.vacant == 0
    assert result.ranking == NAMES[:12]
    assert not result.void


def test_base_present_lowers_the_threshold():
    result = village_round(base="present")
    assert result.threshold == 20
    assert result.base_count == 40
    # 12 pass for 11 seats: the one with fewest votes (孙兰, 22) is not elected.
    assert result.passed == NAMES[:12]
    assert result.elected == NAMES[:11]
    assert result.vacant == 0


def test_exactly_half_is_not_enough():
    # 应到 44: threshold 22; 22 votes is not "more than half".
    cands = [Candidate("王秀英", 23), Candidate("李桂兰", 22), Candidate("张红梅", 10)]
    result = tally(2, 44, 40, 40, 40, 40, 0, cands, competitive=False)
    assert result.threshold == 22
    assert result.elected == ["王秀英"]
    assert result.vacant == 1


def test_vacancies_when_too_few_pass():
    votes = [30, 28, 25, 24, 20, 10, 9, 8]
    cands = [Candidate(n, v, 39 - v) for n, v in zip(NAMES, votes)]
    result = tally(7, 45, 40, 40, 40, 39, 1, cands)
    assert result.elected == NAMES[:4]
    assert result.vacant == 3
    assert result.runoff == []


def test_equal_candidates_chair_round():
    """执委会 elects the chair: 9 members, 1 seat, 1 candidate (等额)."""
    result = tally(1, 9, 9, 9, 9, 9, 0, [Candidate("王秀英", 8, 1)], competitive=False)
    assert result.warnings == []
    assert result.threshold == Fraction(9, 2)
    assert result.elected == ["王秀英"]
    assert result.vacant == 0


def test_equal_candidates_chair_fails():
    result = tally(1, 9, 7, 7, 7, 7, 0, [Candidate("王秀英", 4, 3)], competitive=False)
    assert result.elected == []
    assert result.vacant == 1


def test_equal_candidates_in_a_competitive_round_warns():
    result = tally(1, 9, 9, 9, 9, 9, 0, [Candidate("王秀英", 8, 1)])
    assert result.warnings == ["too_few_candidates"]
    assert TallyProblem("too_few_candidates", "candidates") in result.problems
    assert result.elected == ["王秀英"]  # a warning does not void the vote


# --- ties --------------------------------------------------------------------------


def test_tie_for_last_seat_goes_to_fewer_against():
    cands = [
        Candidate("王秀英", 30, 5),
        Candidate("李桂兰", 22, 8),
        Candidate("张红梅", 22, 6),  # same 赞成, fewer 反对: takes the seat
        Candidate("刘小燕", 5, 20),
    ]
    result = tally(2, 40, 40, 40, 40, 40, 0, cands, competitive=False)
    assert result.elected == ["王秀英", "张红梅"]
    assert result.runoff == []
    assert result.vacant == 0


def test_full_tie_for_last_seat_goes_to_runoff():
    cands = [
        Candidate("王秀英", 30, 5),
        Candidate("李桂兰", 22, 6),
        Candidate("张红梅", 22, 6),
        Candidate("刘小燕", 5, 20),
    ]
    result = tally(2, 40, 40, 40, 40, 40, 0, cands, competitive=False)
    assert result.elected == ["王秀英"]
    assert sorted(result.runoff) == sorted(["李桂兰", "张红梅"])
    assert result.runoff_seats == 1
    assert result.vacant == 0  # the seat waits for the run-off, it is not vacant


def test_tie_across_several_seats():
    cands = [Candidate("王秀英", 30, 1)] + [Candidate(n, 25, 2) for n in NAMES[1:4]]
    result = tally(3, 40, 40, 40, 40, 40, 0, cands, competitive=False)
    assert result.elected == ["王秀英"]
    assert set(result.runoff) == set(NAMES[1:4])
    assert result.runoff_seats == 2
    assert len(result.elected) + result.runoff_seats + result.vacant == 3


def test_tie_that_fits_the_seats_is_no_runoff():
    cands = [
        Candidate("王秀英", 30, 1),
        Candidate("李桂兰", 25, 2),
        Candidate("张红梅", 25, 2),
        Candidate("刘小燕", 22, 2),
    ]
    result = tally(3, 40, 40, 40, 40, 40, 0, cands, competitive=False)
    assert result.elected == ["王秀英", "李桂兰", "张红梅"]  # tied names in stroke order
    assert result.runoff == []


def test_tie_below_threshold_is_no_runoff():
    cands = [Candidate("王秀英", 30), Candidate("李桂兰", 15), Candidate("张红梅", 15)]
    result = tally(2, 40, 40, 40, 40, 40, 0, cands, competitive=False)
    assert result.elected == ["王秀英"]
    assert result.runoff == []
    assert result.vacant == 1


def test_elected_order_prefers_fewer_against_on_equal_yes():
    cands = [Candidate("王秀英", 30, 9), Candidate("李桂兰", 30, 2), Candidate("张红梅", 31, 9)]
    result = tally(3, 40, 40, 40, 40, 40, 0, cands, competitive=False)
    assert result.elected == ["张红梅", "李桂兰", "王秀英"]


# --- write-ins ---------------------------------------------------------------------


def test_write_in_counts_like_a_candidate():
    cands = [Candidate(n, 25, 10) for n in NAMES[:3]] + [
        Candidate("朱冬梅", 30, 0, write_in=True),
        Candidate("胡小霞", 5, 0),
    ]
    result = tally(3, 40, 40, 40, 40, 40, 0, cands)
    assert result.elected[0] == "朱冬梅"
    assert set(result.runoff) == set(NAMES[:3])
    assert result.runoff_seats == 2
    assert result.warnings == []  # 4 nominated for 3 seats is enough


def test_write_ins_do_not_count_for_the_ten_percent_rule():
    cands = [Candidate(n, 25) for n in NAMES[:10]] + [Candidate("朱冬梅", 1, write_in=True)]
    result = tally(10, 40, 40, 40, 40, 40, 0, cands)
    assert result.warnings == ["too_few_candidates"]


# --- the 10% rule and the quorum ---------------------------------------------------


@pytest.mark.parametrize("seats, needed", [(1, 2), (5, 6), (7, 8), (9, 10), (10, 11), (11, 13), (15, 17), (20, 22)])
def test_min_candidates(seats, needed):
    assert min_candidates(seats) == needed


def test_ten_seats_need_eleven_candidates():
    def run(n):
        cands = [Candidate(name, 25) for name in NAMES[:n]]
        return tally(10, 40, 40, 40, 40, 40, 0, cands)

    assert run(10).warnings == ["too_few_candidates"]
    assert run(11).warnings == []


def test_eleven_seats_need_thirteen_candidates():
    cands = [Candidate(name, 20) for name in NAMES[:12]]
    assert tally(11, 40, 40, 40, 40, 40, 0, cands).warnings == ["too_few_candidates"]
    cands.append(Candidate(NAMES[12], 20))
    assert tally(11, 40, 40, 40, 40, 40, 0, cands).warnings == []


def test_seven_seats_need_eight_candidates():
    cands = [Candidate(name, 25) for name in NAMES[:7]]
    assert tally(7, 40, 40, 40, 40, 40, 0, cands).warnings == ["too_few_candidates"]
    cands.append(Candidate(NAMES[7], 25))
    assert tally(7, 40, 40, 40, 40, 40, 0, cands).warnings == []


@pytest.mark.parametrize("present, quorate", [(19, False), (20, False), (21, True), (30, True)])
def test_quorum_edge(present, quorate):
    """应到 30: 20 present is exactly 2/3, not more; 21 is."""
    cands = [Candidate("王秀英", 16)]
    result = tally(1, 30, present, present, present, present, 0, cands, competitive=False)
    assert ("no_quorum" in result.warnings) is not quorate
    if not quorate:
        assert TallyProblem("no_quorum", "present") in result.problems
    assert result.errors == []


# --- errors ------------------------------------------------------------------------


def test_returned_exceeds_issued():
    result = village_round(returned=41, valid=40, invalid=1)
    assert result.errors == ["returned_exceeds_issued"]
    assert result.problems == [TallyProblem("returned_exceeds_issued", "returned")]
    assert result.elected == [] and result.runoff == [] and result.vacant == 0
    assert result.void


def test_valid_invalid_mismatch():
    result = village_round(invalid=2)
    assert result.errors == ["valid_invalid_mismatch"]
    assert {p.field for p in result.problems} == {"valid", "invalid"}
    assert result.elected == []


def test_votes_exceed_valid_names_the_candidate():
    cands = [Candidate("王秀英", 30, 8, 2), Candidate("李桂兰", 30, 5, 4)]
    result = tally(2, 45, 40, 40, 40, 39, 1, cands, competitive=False)
    assert result.errors == ["votes_exceed_valid"]
    assert result.problems == [TallyProblem("votes_exceed_valid", "abstain", "王秀英")]
    assert result.elected == []


def test_votes_exceed_valid_on_yes_alone():
    result = tally(2, 45, 40, 40, 40, 39, 1, [Candidate("王秀英", 40)], competitive=False)
    assert result.problems == [TallyProblem("votes_exceed_valid", "yes", "王秀英")]


def test_issued_exceeds_present():
    result = village_round(issued=41, returned=40)
    assert result.errors == ["issued_exceeds_present"]
    assert result.problems == [TallyProblem("issued_exceeds_present", "issued")]
    assert result.elected == []


def test_too_many_yes():
    # 2 seats, 10 valid ballots: at most 20 赞成 marks in all; 21 is impossible.
    cands = [Candidate("王秀英", 10), Candidate("李桂兰", 6), Candidate("张红梅", 5)]
    result = tally(2, 10, 10, 10, 10, 10, 0, cands)
    assert result.errors == ["too_many_yes"]
    assert result.problems == [TallyProblem("too_many_yes", "yes")]
    assert result.elected == []
    ok = tally(2, 10, 10, 10, 10, 10, 0, cands[:2] + [Candidate("张红梅", 4)])
    assert ok.errors == [] and ok.elected == ["王秀英", "李桂兰"]


def test_negative_numbers_are_an_error_not_an_exception():
    result = village_round(invalid=-1, valid=41)
    assert "negative_count" in result.errors
    assert TallyProblem("negative_count", "invalid") in result.problems
    cands = [Candidate("王秀英", 30, -1)]
    result = tally(1, 45, 40, 40, 40, 39, 1, cands, competitive=False)
    assert result.errors == ["negative_count"]
    assert result.problems == [TallyProblem("negative_count", "no", "王秀英")]
    assert result.elected == []


def test_errors_are_reported_together_in_a_fixed_order():
    result = village_round(issued=38, returned=39, valid=39, invalid=1)
    assert result.errors == ["returned_exceeds_issued", "valid_invalid_mismatch"]


def test_errors_and_warnings_together():
    result = tally(1, 45, 30, 31, 31, 31, 0, [Candidate("王秀英", 20, 1)], competitive=False)
    assert result.errors == ["issued_exceeds_present"]
    assert result.warnings == ["no_quorum"]


# --- arguments ---------------------------------------------------------------------


def test_bad_base_raises():
    with pytest.raises(ValueError):
        village_round(base="voted")


@pytest.mark.parametrize("seats", [0, -3])
def test_seats_below_one_raise(seats):
    with pytest.raises(ValueError):
        village_round(seats=seats)


@pytest.mark.parametrize("bad", [1.5, "40", None, True])
def test_non_integer_counts_raise(bad):
    with pytest.raises(TypeError):
        village_round(present=bad)


def test_non_integer_votes_raise():
    with pytest.raises(TypeError):
        tally(1, 9, 9, 9, 9, 9, 0, [Candidate("王秀英", 4.0)], competitive=False)


def test_duplicate_names_raise():
    with pytest.raises(ValueError):
        tally(1, 9, 9, 9, 9, 9, 0, [Candidate("王秀英", 4), Candidate("王秀英", 3)])


def test_plain_tuples_are_accepted():
    result = tally(1, 9, 9, 9, 9, 9, 0, [("王秀英", 8, 1), ("李桂兰", 1, 8)])
    assert result.elected == ["王秀英"]


# --- messages ----------------------------------------------------------------------


def test_every_code_has_a_message():
    for code in ERROR_CODES + WARNING_CODES:
        assert message(code) == _(MESSAGES[code])
        assert message(code)


def test_message_in_english():
    i18n.set_language("en")
    assert message("returned_exceeds_issued") == (
        "More ballots were returned than issued; the vote is void and must be held again."
    )
    problem = TallyProblem("votes_exceed_valid", "abstain", "王秀英")
    assert describe(problem).startswith("王秀英: ")
    assert describe(TallyProblem("no_quorum", "present")) == message("no_quorum")


# --- properties --------------------------------------------------------------------


@st.composite
def rounds(draw):
    """Tally arguments: mostly counts of real ballots, sometimes arbitrary numbers.

    Real ballots are drawn as a few blocs of voters who each mark the same
    names 赞成 (at most ``seats``) and 反对; candidates voted by the same blocs
    tie. A second kind of round has only a few more candidates than seats,
    most of them popular, so that more pass than there are seats.
    """
    seats = draw(st.integers(1, 9))
    n = draw(st.integers(0, 12))
    names = NAMES[:n]
    mode = draw(st.sampled_from(["blocs", "near_seats", "arbitrary"]))
    if mode == "near_seats":
        # Up to 2 x seats - 1 candidates can each get more than half of the
        # votes when every ballot marks ``seats`` names: draw a few more
        # candidates than seats with just over half, so that more pass than
        # there are seats and equal counts make the last seat a tie.
        seats = max(seats, 2)
        names = NAMES[: seats + draw(st.integers(1, min(3, seats - 1)))]
        valid = draw(st.integers(8, 30))
        cands = []
        for name in names:
            yes = valid // 2 + 1 + draw(st.integers(0, 1))
            no = draw(st.integers(0, 1))
            cands.append(Candidate(name, yes, no, valid - yes - no, draw(st.booleans())))
        invalid = draw(st.integers(0, 1))
        entitled = present = issued = returned = valid + invalid
    elif mode == "blocs":
        index = st.integers(0, max(n - 1, 0))
        full = st.permutations(range(n)).map(lambda order: set(order[:seats]))
        blocs = (
            draw(
                st.lists(
                    st.tuples(
                        st.integers(1, 12),
                        st.one_of(full, st.sets(index, max_size=seats)),
                        st.sets(index),
                    ),
                    max_size=4,
                )
            )
            if n
            else []
        )
        valid = sum(size for size, _, _ in blocs)
        invalid = draw(st.integers(0, 2))
        returned = valid + invalid
        issued = returned + draw(st.integers(0, 1))
        present = issued + draw(st.integers(0, 2))
        entitled = present + draw(st.sampled_from([0, 1, present // 2 + 2]))
        cands = []
        for i, name in enumerate(names):
            yes = sum(size for size, ayes, _ in blocs if i in ayes)
            no = sum(size for size, ayes, noes in blocs if i in noes and i not in ayes)
            cands.append(Candidate(name, yes, no, valid - yes - no, draw(st.booleans())))
    else:
        num = st.integers(-2, 45)
        entitled, present, issued, returned, valid, invalid = (draw(num) for _ in range(6))
        cands = [Candidate(name, draw(num), draw(num), draw(num), draw(st.booleans())) for name in names]
    return dict(
        seats=seats,
        entitled=entitled,
        present=present,
        issued=issued,
        returned=returned,
        valid=valid,
        invalid=invalid,
        candidates=cands,
        base=draw(st.sampled_from(["entitled", "present"])),
        competitive=draw(st.booleans()),
        rules=draw(every_rules),
    )


# Every combination of an election's own rules (the default among them).
every_rules = st.builds(
    ElectionRules,
    quorum=st.sampled_from(list(QUORUMS)),
    tie_break=st.sampled_from(list(TIE_BREAKS)),
    surplus_percent=st.integers(0, 100),
    surplus_rounding=st.sampled_from(list(ROUNDINGS)),
)


def _ranker(rules):
    """What decides between two who passed under these rules: 赞成, then fewer 反对 where the rules say so."""
    if rules.tie_break == "fewer_against":
        return lambda candidate: (candidate.yes, -candidate.no)
    return lambda candidate: (candidate.yes,)


@settings(max_examples=400, deadline=None)
@given(rounds())
def test_properties(args):
    result = tally(**args)
    _rank = _ranker(args["rules"])
    by_name = {c.name: c for c in args["candidates"]}
    elected = [by_name[n] for n in result.elected]
    runoff = [by_name[n] for n in result.runoff]

    assert len(result.elected) <= result.seats
    assert all(2 * c.yes > result.base_count for c in elected + runoff)
    assert all(c.yes > result.threshold for c in elected)
    if result.errors:
        assert result.elected == [] and result.runoff == [] and result.runoff_seats == 0
        assert result.vacant == 0
    else:
        assert len(result.elected) + result.runoff_seats + result.vacant == result.seats
        assert result.vacant >= 0
        assert (result.runoff == []) == (result.runoff_seats == 0)
        if result.runoff:
            assert len(result.runoff) > result.runoff_seats
        # Elected best first: more 赞成, then fewer 反对.
        assert [(c.yes, -c.no) for c in elected] == sorted(((c.yes, -c.no) for c in elected), reverse=True)
        # Everyone elected beats everyone tied in the run-off, who all tie,
        # and who beat everyone else who passed.
        rest = [by_name[n] for n in result.passed if n not in result.elected + result.runoff]
        assert len({_rank(c) for c in runoff}) <= 1
        for e in elected:
            assert all(_rank(e) > _rank(o) for o in runoff + rest)
        for r in runoff:
            assert all(_rank(r) > _rank(o) for o in rest)
        # Nobody who passed is left out while a seat stays vacant.
        if result.vacant:
            assert rest == [] and result.runoff == []
    assert set(result.errors) <= set(ERROR_CODES)
    assert set(result.warnings) <= set(WARNING_CODES)
    assert {p.code for p in result.problems} == set(result.errors) | set(result.warnings)
    # The rules' own checks, in exact arithmetic.
    rules, present, entitled = args["rules"], args["present"], args["entitled"]
    at_least = present > 0 and 3 * present >= 2 * entitled  # nobody present is never a quorum
    needed = at_least if rules.quorum == "at_least" else 3 * present > 2 * entitled
    assert ("no_quorum" in result.warnings) is (not needed)
    nominated = sum(1 for c in args["candidates"] if not c.write_in)
    short = args["competitive"] and nominated < min_candidates(args["seats"], rules)
    assert ("too_few_candidates" in result.warnings) is short
    assert result.rules == rules


@settings(max_examples=200, deadline=None)
@given(rounds(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_candidate_order(args, rnd: random.Random):
    shuffled = list(args["candidates"])
    rnd.shuffle(shuffled)
    assert tally(**{**args, "candidates": shuffled}) == tally(**args)
