"""Elections (换届选举): the counting rules of a women's congress vote.

``tally`` applies the rules of county and township 选举办法 to the numbers of
one round of voting (see DOMAIN.md §1): it checks the ballot counts, says
whether the meeting had a quorum and enough candidates, and who is elected,
who must go to a run-off and how many seats stay vacant. It is pure: no
database, no Qt; the GUI, the printed result report and the CLI all call it.

Numbers are compared exactly (integers and a ``Fraction`` threshold), never
as floats, because a single vote decides.

Where 选举办法 differ (the quorum, a tie for the last seat, the candidate
surplus), each election adopts its own ``ElectionRules``; the defaults are the
rules every election was counted by before they became a choice.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction

from models.i18n import N_, _
from models.strokes import stroke_key

BASES = ("entitled", "present")

# The rules an election's 选举办法 may choose, with their labels for the interface.
QUORUMS = {
    "more_than": N_("More than two thirds present"),  # 超过三分之二
    "at_least": N_("At least two thirds present"),  # 三分之二以上 (includes exactly two thirds)
}
TIE_BREAKS = {
    "fewer_against": N_("Fewer votes against, then a run-off"),
    "runoff": N_("Straight to a run-off"),
}
ROUNDINGS = {
    "up": N_("Rounded up"),  # 11 seats, 10% → 1.1 → 2 more candidates
    "down": N_("Rounded down"),  # 11 seats, 10% → 1.1 → 1 more candidate
}


@dataclass(frozen=True)
class ElectionRules:
    """The counting rules a meeting adopted in its 选举办法, where 选举办法 differ.

    ``quorum``: voting needs "more_than" two thirds of those entitled present
    (超过三分之二) or "at_least" two thirds (三分之二以上). ``tie_break``: equal
    赞成 for the last seat goes to fewer 反对, then a run-off ("fewer_against"),
    or straight to a run-off ("runoff"). A competitive vote needs
    ``surplus_percent`` more candidates than seats, the fraction of a person
    ``surplus_rounding`` "up" or "down", and at least one more.
    """

    quorum: str = "more_than"
    tie_break: str = "fewer_against"
    surplus_percent: int = 10
    surplus_rounding: str = "up"

    def __post_init__(self) -> None:
        for name, allowed in (("quorum", QUORUMS), ("tie_break", TIE_BREAKS), ("surplus_rounding", ROUNDINGS)):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")
        percent = self.surplus_percent
        if isinstance(percent, bool) or not isinstance(percent, int):
            raise TypeError(f"surplus_percent must be an integer, not {type(percent).__name__}")
        if not 0 <= percent <= 100:
            raise ValueError("surplus_percent must be from 0 to 100")


DEFAULT_RULES = ElectionRules()


@dataclass(frozen=True)
class RulesPreset:
    """A set of rules found in real 选举办法, under a name the chooser shows."""

    key: str
    title: str  # an N_() label
    rules: ElectionRules


PRESETS = (
    # The rules every election was counted by before they became a choice.
    RulesPreset("standard", N_("More than two thirds; fewer against; 10% rounded up"), DEFAULT_RULES),
    RulesPreset(
        "at_least_rounded_down",
        N_("Two thirds or more; fewer against; 10% rounded down"),
        ElectionRules(quorum="at_least", surplus_rounding="down"),
    ),
    RulesPreset(
        "runoff_on_ties",
        N_("More than two thirds; run-off on ties; 10% rounded up"),
        ElectionRules(tie_break="runoff"),
    ),
    RulesPreset(
        "at_least_runoff",
        N_("Two thirds or more; run-off on ties; 10% rounded up"),
        ElectionRules(quorum="at_least", tie_break="runoff"),
    ),
)


def preset_of(rules: ElectionRules) -> RulesPreset | None:
    """The preset with exactly these rules, if any (the chooser shows it, or "own rules")."""
    return next((preset for preset in PRESETS if preset.rules == rules), None)


# Error codes: the vote is void, nobody is elected. In the order they are checked.
ERROR_CODES = (
    "negative_count",
    "returned_exceeds_issued",
    "valid_invalid_mismatch",
    "votes_exceed_valid",
    "issued_exceeds_present",
    "too_many_yes",
)
# Warning codes: the program tells, the meeting decides.
WARNING_CODES = ("no_quorum", "too_few_candidates")

MESSAGES = {
    "negative_count": N_("A number of people, ballots or votes is negative; correct it."),
    "returned_exceeds_issued": N_("More ballots were returned than issued; the vote is void and must be held again."),
    "valid_invalid_mismatch": N_("Valid and invalid ballots do not add up to the ballots returned; count them again."),
    "votes_exceed_valid": N_(
        "A candidate's votes for, against and abstaining add up to more than the valid ballots; count them again."
    ),
    "issued_exceeds_present": N_(
        "More ballots were issued than representatives are present; the vote is void and must be held again."
    ),
    "too_many_yes": N_(
        "There are more votes for than the valid ballots allow (each ballot may mark at most "
        "as many names as there are seats); count them again."
    ),
    "no_quorum": N_("Two thirds or fewer of those entitled are present; voting needs more than two thirds."),
    "too_few_candidates": N_("There must be at least 10% more candidates than seats in a competitive election."),
}
# The same warnings under the rules an election chose (MESSAGES holds those of the default rules).
QUORUM_MESSAGES = {
    "more_than": MESSAGES["no_quorum"],
    "at_least": N_("Fewer than two thirds of those entitled are present; voting needs at least two thirds."),
}
SURPLUS_MESSAGES = {
    "up": N_(
        "There must be at least {percent}% more candidates than seats in a competitive election, "
        "a part of a person counting as one, and at least one more."
    ),
    "down": N_(
        "There must be at least {percent}% more candidates than seats in a competitive election, "
        "a part of a person not counting, and at least one more."
    ),
}


@dataclass(frozen=True)
class Candidate:
    """One name on the ballot (or written in) and the votes it received."""

    name: str
    yes: int
    no: int = 0
    abstain: int = 0
    write_in: bool = False


@dataclass(frozen=True)
class TallyProblem:
    """Where an error or warning comes from: which number, and whose.

    ``field`` is one of "entitled", "present", "issued", "returned", "valid",
    "invalid", "candidates" (the number of nominated candidates), or for a
    candidate's own numbers "yes", "no", "abstain" with ``candidate`` set to
    her name. "too_many_yes" concerns everyone's "yes" (candidate None).
    """

    code: str
    field: str
    candidate: str | None = None


@dataclass(frozen=True)
class TallyResult:
    """The outcome of one round of counting.

    When ``errors`` is not empty the vote is void: nobody is elected, nobody
    goes to a run-off and ``vacant`` is 0 (nothing was decided). Otherwise
    ``len(elected) + runoff_seats + vacant == seats``.
    """

    seats: int
    base: str
    base_count: int
    threshold: Fraction
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[TallyProblem] = field(default_factory=list)
    # Candidates above the threshold, best first.
    passed: list[str] = field(default_factory=list)
    elected: list[str] = field(default_factory=list)
    # Tied for the last seat(s) even on 反对: they go to a run-off vote for
    # runoff_seats seats; the program never picks among them.
    runoff: list[str] = field(default_factory=list)
    runoff_seats: int = 0
    vacant: int = 0
    # Every candidate, best first (赞成 desc, then 反对 asc, then stroke order).
    ranking: list[str] = field(default_factory=list)
    rules: ElectionRules = DEFAULT_RULES

    @property
    def void(self) -> bool:
        return bool(self.errors)

    def message(self, code: str) -> str:
        """The sentence for a code under the rules this count applied; too few candidates says how many."""
        text = message(code, self.rules)
        if code == "too_few_candidates":
            text += " " + _("{seats} seats need at least {n} candidates.").format(
                seats=self.seats, n=min_candidates(self.seats, self.rules)
            )
        return text

    def describe(self, problem: TallyProblem) -> str:
        """``describe`` under the rules this count applied."""
        return describe(problem, self.rules, self.seats)


def message(code: str, rules: ElectionRules = DEFAULT_RULES) -> str:
    """The sentence for an error or warning code under these rules, in the interface language."""
    if code == "no_quorum":
        return _(QUORUM_MESSAGES[rules.quorum])
    if code == "too_few_candidates" and (rules.surplus_percent, rules.surplus_rounding) != (
        DEFAULT_RULES.surplus_percent,
        DEFAULT_RULES.surplus_rounding,
    ):
        return _(SURPLUS_MESSAGES[rules.surplus_rounding]).format(percent=rules.surplus_percent)
    return _(MESSAGES[code])


def describe(problem: TallyProblem, rules: ElectionRules = DEFAULT_RULES, seats: int | None = None) -> str:
    """The problem's sentence, naming the candidate when there is one (and, given the seats, how many
    candidates the rules need)."""
    text = message(problem.code, rules)
    if problem.code == "too_few_candidates" and seats is not None:
        text += " " + _("{seats} seats need at least {n} candidates.").format(
            seats=seats, n=min_candidates(seats, rules)
        )
    if problem.candidate is None:
        return text
    return _("{name}: {message}").format(name=problem.candidate, message=text)


def _count(value, what: str) -> int:
    """An integer count; bools, floats and strings are programming errors."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an integer, not a bool")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an integer, not {type(value).__name__}") from None


def _candidates(candidates: Iterable) -> list[Candidate]:
    result = []
    for item in candidates:
        if not isinstance(item, Candidate):
            item = Candidate(*item)
        if not isinstance(item.name, str):
            raise TypeError(f"candidate name must be a str, not {type(item.name).__name__}")
        for attr in ("yes", "no", "abstain"):
            _count(getattr(item, attr), f"{item.name}.{attr}")
        result.append(item)
    names = [c.name for c in result]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"candidate names must be unique: {', '.join(duplicates)}")
    # Ballot order, so that nothing below depends on the order given.
    return sorted(result, key=lambda c: (stroke_key(c.name), c.name))


def min_candidates(seats: int, rules: ElectionRules = DEFAULT_RULES) -> int:
    """Fewest nominated candidates for a competitive vote: seats + the rules' percent, rounded as they
    say, and at least one more (exact integer arithmetic: 11 seats, 10% → 13 rounded up, 12 down)."""
    share = seats * rules.surplus_percent
    extra = -(-share // 100) if rules.surplus_rounding == "up" else share // 100
    return seats + max(1, extra)


def marks_allowed(seats: int) -> int:
    """How many names one ballot may mark For, written-in names included: as many as there are seats
    (应选N名，多选无效). A ballot marking more is invalid; so no count may hold more For than this many a
    valid ballot."""
    return seats


def over_marked(marked_for: int, seats: int) -> bool:
    """Whether a ballot marking ``marked_for`` names For is invalid by ``marks_allowed``."""
    return marked_for > marks_allowed(seats)


def quorate(entitled: int, present: int, rules: ElectionRules = DEFAULT_RULES) -> bool:
    """Whether enough are present to vote: more than (or at least) two thirds of those entitled.

    Nobody present is never a quorum (at least two thirds of 0 entitled would otherwise be 0 present)."""
    if rules.quorum == "at_least":
        return present > 0 and 3 * present >= 2 * entitled
    return 3 * present > 2 * entitled


def tally(
    seats: int,
    entitled: int,
    present: int,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    candidates: Iterable[Candidate],
    base: str = "entitled",
    competitive: bool = True,
    rules: ElectionRules = DEFAULT_RULES,
) -> TallyResult:
    """Count one round of voting for ``seats`` seats.

    ``base`` says whose half a candidate's 赞成 votes must exceed: "entitled"
    (应到, the default of most 选举办法) or "present" (实到). ``competitive``
    is True for a 差额 election, where the rule on the candidate surplus applies.
    ``rules`` are the election's own quorum, tie-break and surplus.
    """
    if not isinstance(rules, ElectionRules):
        raise TypeError(f"rules must be ElectionRules, not {type(rules).__name__}")
    seats = _count(seats, "seats")
    if seats < 1:
        raise ValueError("seats must be at least 1")
    if base not in BASES:
        raise ValueError(f"base must be one of {', '.join(BASES)}, not {base!r}")
    numbers = {
        "entitled": _count(entitled, "entitled"),
        "present": _count(present, "present"),
        "issued": _count(issued, "issued"),
        "returned": _count(returned, "returned"),
        "valid": _count(valid, "valid"),
        "invalid": _count(invalid, "invalid"),
    }
    people = _candidates(candidates)
    entitled, present, issued, returned, valid, invalid = numbers.values()

    problems: list[TallyProblem] = []
    for name, value in numbers.items():
        if value < 0:
            problems.append(TallyProblem("negative_count", name))
    for person in people:
        for attr in ("yes", "no", "abstain"):
            if getattr(person, attr) < 0:
                problems.append(TallyProblem("negative_count", attr, person.name))
    if returned > issued:
        problems.append(TallyProblem("returned_exceeds_issued", "returned"))
    if valid + invalid != returned:
        problems.append(TallyProblem("valid_invalid_mismatch", "valid"))
        problems.append(TallyProblem("valid_invalid_mismatch", "invalid"))
    for person in people:
        # Name the number at which the running total first passes 有效.
        running = 0
        for attr in ("yes", "no", "abstain"):
            running += getattr(person, attr)
            if running > valid:
                problems.append(TallyProblem("votes_exceed_valid", attr, person.name))
                break
    if issued > present:
        problems.append(TallyProblem("issued_exceeds_present", "issued"))
    if sum(person.yes for person in people) > marks_allowed(seats) * valid:
        problems.append(TallyProblem("too_many_yes", "yes"))

    if not quorate(entitled, present, rules):
        problems.append(TallyProblem("no_quorum", "present"))
    nominated = sum(1 for person in people if not person.write_in)
    if competitive and nominated < min_candidates(seats, rules):
        problems.append(TallyProblem("too_few_candidates", "candidates"))

    codes = {problem.code for problem in problems}
    errors = [code for code in ERROR_CODES if code in codes]
    warnings = [code for code in WARNING_CODES if code in codes]

    base_count = entitled if base == "entitled" else present
    threshold = Fraction(base_count, 2)
    ranked = sorted(people, key=lambda c: (-c.yes, c.no, stroke_key(c.name), c.name))
    counted = TallyResult(
        seats=seats,
        base=base,
        base_count=base_count,
        threshold=threshold,
        errors=errors,
        warnings=warnings,
        problems=problems,
        ranking=[c.name for c in ranked],
        rules=rules,
    )
    if errors:
        return counted

    # What decides between two who passed: 赞成, then (if the rules say so) fewer 反对.
    if rules.tie_break == "fewer_against":

        def standing(c: Candidate) -> tuple[int, ...]:
            return (c.yes, -c.no)
    else:

        def standing(c: Candidate) -> tuple[int, ...]:
            return (c.yes,)

    passed = [c for c in ranked if 2 * c.yes > base_count]
    elected, runoff, runoff_seats = passed, [], 0
    if len(passed) > seats:
        last = standing(passed[seats - 1])
        if standing(passed[seats]) == last:
            # Tied for the last seat as the rules decide ties: those ahead are
            # elected, the tied compete in a run-off for the seats that remain.
            elected = [c for c in passed if standing(c) > last]
            runoff = [c for c in passed if standing(c) == last]
            runoff_seats = seats - len(elected)
        else:
            elected = passed[:seats]
    return replace(
        counted,
        passed=[c.name for c in passed],
        elected=[c.name for c in elected],
        runoff=[c.name for c in runoff],
        runoff_seats=runoff_seats,
        vacant=seats - len(elected) - runoff_seats,
    )


def tally_round(
    round_, candidates: Iterable[Candidate], base: str = "entitled", rules: ElectionRules = DEFAULT_RULES
) -> TallyResult:
    """``tally`` of a round, stored or typed, from its own seats, counts and competitiveness."""
    return tally(
        round_.seats,
        round_.entitled,
        round_.present,
        round_.issued,
        round_.returned,
        round_.valid,
        round_.invalid,
        candidates,
        base=base,
        competitive=round_.competitive,
        rules=rules,
    )
