"""An election's own counting rules (models.elections.tally.ElectionRules), worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.elections.tally import (
    DEFAULT_RULES,
    PRESETS,
    QUORUMS,
    ROUNDINGS,
    TIE_BREAKS,
    Candidate,
    ElectionRules,
    TallyProblem,
    describe,
    message,
    min_candidates,
    preset_of,
    tally,
)
from models.i18n import _

NAMES = "王秀英 李桂兰 张红梅 刘小燕 陈丽 杨春花 赵玉梅 黄晓红 周敏 吴桂芳 徐凤英 孙兰".split()
ROUNDED_DOWN = ElectionRules(surplus_rounding="down")
AT_LEAST = ElectionRules(quorum="at_least")
RUNOFF = ElectionRules(tie_break="runoff")


# --- the candidate surplus ----------------------------------------------------------------


def test_eleven_seats_twelve_candidates_enough_rounded_down_too_few_rounded_up():
    # 10% of 11 seats is 1.1 candidates: 1 more rounded down (12), 2 more rounded up (13).
    candidates = [Candidate(name, 30) for name in NAMES[:12]]
    assert min_candidates(11, ROUNDED_DOWN) == 12
    assert min_candidates(11, DEFAULT_RULES) == 13
    assert tally(11, 40, 40, 40, 40, 40, 0, candidates, rules=ROUNDED_DOWN).warnings == []
    up = tally(11, 40, 40, 40, 40, 40, 0, candidates, rules=ElectionRules(surplus_rounding="up"))
    assert up.warnings == ["too_few_candidates"]


@pytest.mark.parametrize(
    "seats, percent, rounding, needed",
    [
        (7, 10, "down", 8),  # 0.7 rounds down to 0, but there is always at least one more
        (7, 10, "up", 8),
        (10, 10, "down", 11),
        (20, 10, "down", 22),
        (21, 10, "down", 23),
        (21, 10, "up", 24),
        (9, 20, "up", 11),  # 1.8 → 2
        (9, 20, "down", 10),  # 1.8 → 1
        (5, 0, "up", 6),
        (5, 100, "down", 10),
    ],
)
def test_min_candidates_by_hand(seats, percent, rounding, needed):
    assert min_candidates(seats, ElectionRules(surplus_percent=percent, surplus_rounding=rounding)) == needed


def test_the_warning_says_how_many_candidates_the_rules_need():
    candidates = [Candidate(name, 30) for name in NAMES[:11]]
    result = tally(11, 40, 40, 40, 40, 40, 0, candidates, rules=ROUNDED_DOWN)
    text = result.message("too_few_candidates")
    assert _("{seats} seats need at least {n} candidates.").format(seats=11, n=12) in text
    assert text != result.message("no_quorum")
    # The default rules keep their old sentence, and name 13.
    default = tally(11, 40, 40, 40, 40, 40, 0, candidates)
    assert default.message("too_few_candidates").startswith(message("too_few_candidates"))
    assert _("{seats} seats need at least {n} candidates.").format(seats=11, n=13) in default.message(
        "too_few_candidates"
    )
    problem = TallyProblem("too_few_candidates", "candidates")
    assert result.describe(problem) == text
    assert message("too_few_candidates", ROUNDED_DOWN) != message("too_few_candidates")


# --- the quorum ---------------------------------------------------------------------------


def test_thirty_entitled_twenty_present_is_a_quorum_at_least_but_not_more_than():
    candidates = [Candidate("王秀英", 16)]

    def count(rules):
        return tally(1, 30, 20, 20, 20, 20, 0, candidates, competitive=False, rules=rules)

    assert "no_quorum" not in count(AT_LEAST).warnings
    assert count(AT_LEAST).elected == ["王秀英"]
    more_than = count(ElectionRules(quorum="more_than"))
    assert more_than.warnings == ["no_quorum"]
    # 19 present is short under either rule.
    short = tally(1, 30, 19, 19, 19, 19, 0, candidates, competitive=False, rules=AT_LEAST)
    assert short.warnings == ["no_quorum"]


def test_the_quorum_warning_names_the_rule_applied():
    assert message("no_quorum", AT_LEAST) != message("no_quorum", DEFAULT_RULES)
    assert message("no_quorum") == message("no_quorum", DEFAULT_RULES)
    problem = TallyProblem("no_quorum", "present")
    assert describe(problem, AT_LEAST) == message("no_quorum", AT_LEAST)


# --- a tie for the last seat --------------------------------------------------------------


def last_seat(second: tuple[int, int], third: tuple[int, int], rules: ElectionRules):
    candidates = [
        Candidate("王秀英", 30, 5),
        Candidate("李桂兰", *second),
        Candidate("张红梅", *third),
        Candidate("刘小燕", 5, 20),
    ]
    return tally(2, 40, 40, 40, 40, 40, 0, candidates, competitive=False, rules=rules)


@pytest.mark.parametrize("rules", [DEFAULT_RULES, RUNOFF])
def test_a_tie_on_for_and_against_goes_to_a_runoff_under_either_rule(rules):
    result = last_seat((22, 6), (22, 6), rules)
    assert result.elected == ["王秀英"]
    assert sorted(result.runoff) == ["张红梅", "李桂兰"]
    assert result.runoff_seats == 1 and result.vacant == 0


def test_a_tie_on_for_alone_is_decided_by_fewer_against_or_goes_to_a_runoff():
    fewer_against = last_seat((22, 8), (22, 6), ElectionRules(tie_break="fewer_against"))
    assert fewer_against.elected == ["王秀英", "张红梅"] and fewer_against.runoff == []
    runoff = last_seat((22, 8), (22, 6), RUNOFF)
    assert runoff.elected == ["王秀英"]
    assert sorted(runoff.runoff) == ["张红梅", "李桂兰"] and runoff.runoff_seats == 1


def test_equal_for_votes_ahead_of_the_last_seat_are_no_tie():
    # Both seats taken by the two with 22: equal 赞成 above the line needs no run-off under either rule.
    candidates = [Candidate("李桂兰", 22, 8), Candidate("张红梅", 22, 6), Candidate("刘小燕", 21, 0)]
    for rules in (DEFAULT_RULES, RUNOFF):
        result = tally(2, 40, 40, 40, 40, 40, 0, candidates, competitive=False, rules=rules)
        assert result.elected == ["张红梅", "李桂兰"] and result.runoff == []


# --- the rules themselves -----------------------------------------------------------------


def test_the_default_rules_are_the_old_behaviour():
    candidates = [Candidate(name, 25, 2) for name in NAMES[:9]]
    counted = tally(7, 30, 20, 20, 20, 30, 0, candidates)
    assert counted == tally(7, 30, 20, 20, 20, 30, 0, candidates, rules=DEFAULT_RULES)
    assert ElectionRules() == DEFAULT_RULES == PRESETS[0].rules
    assert (DEFAULT_RULES.quorum, DEFAULT_RULES.tie_break) == ("more_than", "fewer_against")
    assert (DEFAULT_RULES.surplus_percent, DEFAULT_RULES.surplus_rounding) == (10, "up")


def test_presets_are_distinct_known_rules_with_labels():
    assert len({p.rules for p in PRESETS}) == len(PRESETS) >= 3
    assert len({p.key for p in PRESETS}) == len(PRESETS)
    for preset in PRESETS:
        assert preset_of(preset.rules) is preset
        assert _(preset.title)
    assert preset_of(ElectionRules(surplus_percent=15)) is None
    for labels in (QUORUMS, TIE_BREAKS, ROUNDINGS):
        assert all(_(label) for label in labels.values())


@pytest.mark.parametrize(
    "bad",
    [
        dict(quorum="half"),
        dict(tie_break="lots"),
        dict(surplus_rounding="nearest"),
        dict(surplus_percent=-1),
        dict(surplus_percent=101),
    ],
)
def test_unknown_rules_are_refused(bad):
    with pytest.raises(ValueError):
        ElectionRules(**bad)


@pytest.mark.parametrize("bad", [10.5, "10", True])
def test_a_percent_that_is_no_whole_number_is_refused(bad):
    with pytest.raises(TypeError):
        ElectionRules(surplus_percent=bad)


@given(st.integers(1, 60), st.integers(0, 100))
def test_rounding_down_never_needs_more_than_rounding_up(seats, percent):
    down = min_candidates(seats, ElectionRules(surplus_percent=percent, surplus_rounding="down"))
    up = min_candidates(seats, ElectionRules(surplus_percent=percent, surplus_rounding="up"))
    assert seats + 1 <= down <= up <= down + 1
    # Exact: the surplus rounded up is the least whole number of people at least percent of the seats.
    assert 100 * (up - seats) >= seats * percent or up == seats + 1


def test_nobody_present_is_never_a_quorum_whatever_the_rule():
    from models.elections.tally import quorate

    for quorum in ("more_than", "at_least"):
        assert not quorate(0, 0, ElectionRules(quorum=quorum))
        assert not quorate(9, 0, ElectionRules(quorum=quorum))
