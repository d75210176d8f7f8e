"""The read ballots of a round as a cross-check of the scrutineers' hand count.

Each ballot's rows are read as the printed instructions say: one box marked
is that vote, no box marked is an abstention, two or three boxes marked make
the row unclear (the ballot is listed for the scrutineers). A ballot marking
more names For than the round has seats, written-in names included, is
invalid by the election's own rule (``models.elections.tally.over_marked``)
and none of its marks are counted. A written-in name marked For is counted
as one vote for "a written-in name" and its image listed for the scrutineers
to read. A ballot with a cell the reader was unsure of is listed to look at.

The totals are set beside the hand count (``compare``), cell by cell, each
difference with the ballots that show the read number and those that might
change it. The hand count stays the official one: nothing here writes the
votes; ``record_cross_check`` only keeps that the round was cross-checked (with
a digest of the hand count's figures it compared, so that a count edited since
is no longer said to be checked) and keeps the read ballots' images as the
round's evidence.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from models.base import FieldError, Record, ValidationError, database, utcnow
from models.elections import records as er
from models.elections.tally import over_marked
from models.i18n import _, ngettext

from . import evidence
from .code import BALLOT
from .reading import BLANK, MARKED, UNSURE, CellReading, SheetReading
from .sheet_map import ABSTAIN, AGAINST, FOR, WRITE_IN_FOR, WRITE_IN_NAME

UNCLEAR = "unclear"  # more than one box of the row marked
DOUBTFUL = "doubtful"  # a box of the row the reader was unsure of
VOTES = (FOR, AGAINST, ABSTAIN)
WRITTEN_IN = "write-in"  # the key of the written-in names' line in the totals and differences
# The hand count's names of the columns a read vote is compared with.
HAND_COLUMN = {FOR: "yes", AGAINST: "no", ABSTAIN: "abstain"}


@dataclass(frozen=True)
class WriteIn:
    """A written-in name marked For: the name's image, for the scrutineers to read."""

    ballot: int  # the ballot's index in the batch
    name: CellReading
    mark: CellReading


@dataclass(frozen=True)
class Ballot:
    """One read ballot: its place in the batch, the sheet (with its image), and what each row says.

    ``votes``: candidate number (1-based, ballot order) → FOR, AGAINST, ABSTAIN, UNCLEAR or DOUBTFUL.
    ``marked_for``: names marked For, written-in ones included (what decides whether it is over-marked).
    """

    index: int
    sheet: SheetReading
    votes: dict[int, str]
    write_ins: tuple[WriteIn, ...]
    marked_for: int
    valid: bool
    unsure: bool  # a cell the reader was unsure of: to look at

    @property
    def unclear(self) -> bool:
        return any(vote == UNCLEAR for vote in self.votes.values())


@dataclass
class CandidateTotal:
    number: int
    yes: int = 0
    no: int = 0
    abstain: int = 0
    unclear: int = 0  # rows unclear or doubtful on valid ballots: counted in none of the three


@dataclass
class BallotTotals:
    """What the read ballots of a round add up to."""

    round: str  # the round's uuid
    seats: int
    ballots: list[Ballot] = field(default_factory=list)
    candidates: dict[int, CandidateTotal] = field(default_factory=dict)
    written_in: int = 0  # votes For a written-in name on valid ballots
    write_ins: list[WriteIn] = field(default_factory=list)
    other: list[SheetReading] = field(default_factory=list)  # refused, or not a ballot of this round

    @property
    def returned(self) -> int:
        return len(self.ballots)

    @property
    def valid(self) -> int:
        return sum(1 for b in self.ballots if b.valid)

    @property
    def invalid(self) -> int:
        return self.returned - self.valid

    def to_look_at(self) -> list[Ballot]:
        """Ballots the scrutineers should see: invalid, with an unclear row, or with a cell the reader was
        unsure of."""
        return [b for b in self.ballots if not b.valid or b.unclear or b.unsure]


def gray_scan_note(totals: BallotTotals) -> str:
    """When ballots were read from pictures with no red in them: stamped ballots scanned in gray, whose
    seal is read as ink where it covers a box (``paper.colour``). Empty when every picture had red ink."""
    gray = sum(1 for ballot in totals.ballots if not ballot.sheet.red_taken_out)
    if not gray:
        return ""
    return ngettext(
        "{n} of the {total} ballots read shows no red at all: a stamped ballot scanned in gray, whose seal "
        "is read as a mark where it covers a box? Scan it in colour and read the ballots again.",
        "{n} of the {total} ballots read show no red at all: stamped ballots scanned in gray, whose seal "
        "is read as a mark where it covers a box? Scan them in colour and read the ballots again.",
        gray,
    ).format(n=gray, total=totals.returned)


def _row_vote(cells: list[CellReading]) -> str:
    marked = [c.cell.column for c in cells if c.verdict == MARKED]
    if len(marked) > 1:
        return UNCLEAR
    if any(c.verdict == UNSURE for c in cells):
        return DOUBTFUL
    return marked[0] if marked else ABSTAIN  # no mark counts as an abstention


def read_ballot(index: int, sheet: SheetReading, seats: int) -> Ballot:
    """What one read ballot says (``index``: its place in the batch)."""
    votes: dict[int, str] = {}
    write_ins: list[WriteIn] = []
    unsure = any(c.verdict == UNSURE for c in sheet.cells)
    for row in sorted({c.cell.row for c in sheet.cells}):
        cells = sheet.cells_of_row(row)
        boxes = [c for c in cells if c.cell.column in VOTES]
        if boxes and boxes[0].cell.key.isdigit():
            votes[int(boxes[0].cell.key)] = _row_vote(boxes)
            continue
        mark = next((c for c in cells if c.cell.column == WRITE_IN_FOR), None)
        name = next((c for c in cells if c.cell.column == WRITE_IN_NAME), None)
        # A For mark beside an empty line names nobody: it is no vote (and cannot make the ballot over-marked).
        if mark is not None and name is not None and mark.verdict == MARKED and name.verdict != BLANK:
            write_ins.append(WriteIn(index, name, mark))
    marked_for = sum(1 for vote in votes.values() if vote == FOR) + len(write_ins)
    return Ballot(index, sheet, votes, tuple(write_ins), marked_for, not over_marked(marked_for, seats), unsure)


def long_ballot_problem(pages: int) -> str:
    return _(
        "This ballot is printed on {pages} sheets: the sheets of one ballot cannot be put together again "
        "(ballots carry no number), so ballots this long cannot be cross-checked by scanning."
    ).format(pages=pages)


def total(round_: er.ElectionRound, readings: Iterable[SheetReading]) -> BallotTotals:
    """The ballots of ``round_`` among ``readings`` (a batch in the order read), and what they add up to."""
    numbers = range(1, sum(1 for c in round_.candidates() if not c.write_in) + 1)
    out = BallotTotals(round_.uuid, round_.seats, candidates={n: CandidateTotal(n) for n in numbers})
    for index, sheet in enumerate(readings):
        code = sheet.code
        if not sheet.read or code is None or code.kind != BALLOT or code.record != round_.uuid:
            out.other.append(sheet)
            continue
        if code.pages > 1:
            # The sheets of one long ballot cannot be put together again (ballots carry no number, to stay
            # secret), so neither its validity nor its count can be read: it is left to the hand count.
            out.other.append(replace(sheet, problem=long_ballot_problem(code.pages)))
            continue
        ballot = read_ballot(index, sheet, round_.seats)
        out.ballots.append(ballot)
        if not ballot.valid:
            continue
        for number, vote in ballot.votes.items():
            line = out.candidates.setdefault(number, CandidateTotal(number))
            if vote in HAND_COLUMN:
                setattr(line, HAND_COLUMN[vote], getattr(line, HAND_COLUMN[vote]) + 1)
            else:
                line.unclear += 1
        out.written_in += len(ballot.write_ins)
        out.write_ins += ballot.write_ins
    return out


# --- the totals beside the hand count ---------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One cell where the read ballots and the hand count differ.

    ``candidate``: her name, or "" for the ballots' own counts (``column`` returned, valid or invalid), or
    WRITTEN_IN for the votes For written-in names. ``shown_by``: the indexes of the ballots that give the
    read number (those to count again); ``doubtful``: ballots whose reading of this cell is unclear,
    uncertain or on an invalid ballot, which may explain the difference.
    """

    candidate: str
    column: str  # yes, no, abstain, returned, valid, invalid
    hand: int
    read: int
    shown_by: tuple[int, ...]
    doubtful: tuple[int, ...]


@dataclass
class Comparison:
    round: str
    ballots: int
    hand_count: str  # hand_count_digest of the round when compared
    differences: list[Difference] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not self.differences


def compare(round_: er.ElectionRound, totals: BallotTotals) -> Comparison:
    """The read totals beside the round's hand count (its candidates' yes/no/abstain, its ballot counts)."""
    everyone = er.ballot_order(round_.candidates())
    out = Comparison(round_.uuid, totals.returned, hand_count_digest(round_, everyone))
    nominated = [c for c in everyone if not c.write_in]
    for number, candidate in enumerate(nominated, start=1):
        line = totals.candidates.get(number, CandidateTotal(number))
        for vote, column in HAND_COLUMN.items():
            hand, read = getattr(candidate, column), getattr(line, column)
            if hand == read:
                continue
            shown = tuple(b.index for b in totals.ballots if b.valid and b.votes.get(number) == vote)
            doubtful = tuple(
                b.index
                for b in totals.ballots
                if b.votes.get(number) in (UNCLEAR, DOUBTFUL) or (not b.valid and b.votes.get(number) == vote)
            )
            out.differences.append(Difference(candidate.name, column, hand, read, shown, doubtful))
    hand_written = sum(c.yes for c in everyone if c.write_in)
    if hand_written != totals.written_in:
        shown = tuple(w.ballot for w in totals.write_ins)
        doubtful = tuple(b.index for b in totals.ballots if not b.valid and b.write_ins)
        out.differences.append(Difference(WRITTEN_IN, "yes", hand_written, totals.written_in, shown, doubtful))
    unsure = tuple(b.index for b in totals.ballots if b.unsure)
    invalid = tuple(b.index for b in totals.ballots if not b.valid)
    valid = tuple(b.index for b in totals.ballots if b.valid)
    for column, read, shown in (
        ("returned", totals.returned, tuple(b.index for b in totals.ballots)),
        ("valid", totals.valid, valid),
        ("invalid", totals.invalid, invalid),
    ):
        hand = getattr(round_, column)
        if hand != read:
            out.differences.append(Difference("", column, hand, read, shown, unsure if column != "returned" else ()))
    return out


def hand_count_digest(round_: er.ElectionRound, candidates: Iterable[er.ElectionCandidate] | None = None) -> str:
    """A digest of the figures a cross-check sets the read ballots beside: the seats (they decide which read
    ballots are valid), each nominated candidate in ballot order with her For, Against and Abstain, the votes
    For written-in names, and the ballots returned, valid and invalid. A recorded check holds while the
    round's digest is the one it kept: any of these edited afterwards makes the check stale, and editing it
    back makes it hold again (the figures are then again those the ballots were compared with).
    ``candidates``: the round's, when the caller has them already."""
    everyone = er.ballot_order(round_.candidates() if candidates is None else candidates)
    lines = [f"seats {round_.seats}"]
    lines += [f"{c.name}\t{c.yes} {c.no} {c.abstain}" for c in everyone if not c.write_in]
    lines.append(f"written-in {sum(c.yes for c in everyone if c.write_in)}")
    lines.append(f"ballots {round_.returned} {round_.valid} {round_.invalid}")
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


# --- the round remembers it was cross-checked ------------------------------------------------------


class RoundCrossCheck(Record):
    """That a round's hand count was set beside its read ballots, and what came of it."""

    round = ForeignKeyField(er.ElectionRound, column_name="round", field="uuid", index=True)
    checked_at = DateTimeField(default=utcnow)
    ballots = IntegerField()
    differences = IntegerField()
    hand_count = CharField(max_length=64)  # the round's hand_count_digest when compared

    class Meta:
        table_name = "round_cross_check"

    @property
    def agreed(self) -> bool:
        return self.differences == 0

    def holds(self, round_: er.ElectionRound) -> bool:
        """Whether the round's hand count is still the one this check compared."""
        return self.hand_count == hand_count_digest(round_)


def record_cross_check(
    round_: er.ElectionRound,
    result: Comparison,
    totals: BallotTotals | None = None,
    now: _dt.datetime | None = None,
) -> RoundCrossCheck:
    """Keep that ``round_`` was cross-checked (the latest check replaces an earlier one), with the digest of
    the hand count it compared; the votes stay as the scrutineers counted them. With ``totals`` (what was
    compared) the read ballots' images are kept as the round's evidence in the same transaction, in place of
    a set kept before (``evidence.keep_pages``; an image too large refuses both: EvidenceError). A round
    reported by a unit below is read-only here (ValidationError)."""
    from models.exchange import is_read_only

    if result.round != round_.uuid or (totals is not None and totals.round != round_.uuid):
        raise ValueError("the comparison is of another round")
    if is_read_only(round_):
        raise ValidationError([FieldError("round", _("Records reported by units below can only be viewed."))])
    with database.atomic():
        if totals is not None and totals.ballots:
            evidence.keep_pages([b.sheet for b in totals.ballots], round_.unit)
        earlier = RoundCrossCheck.live().where(RoundCrossCheck.round == round_.uuid).first()
        check = earlier or RoundCrossCheck(unit=round_.unit, round=round_.uuid)
        check.checked_at = now or utcnow()
        check.ballots = result.ballots
        check.differences = len(result.differences)
        check.hand_count = result.hand_count
        check.save()
    return check


def cross_check_of(round_: er.ElectionRound) -> RoundCrossCheck | None:
    """The round's latest cross-check, if it had one, whether or not the hand count was edited since
    (``RoundCrossCheck.holds``)."""
    return RoundCrossCheck.live().where(RoundCrossCheck.round == round_.uuid).first()


def standing_cross_check(round_: er.ElectionRound) -> RoundCrossCheck | None:
    """The round's latest cross-check while the hand count is still the one it compared: what the result
    report may say was checked. None when never checked, or when the count was edited since."""
    check = cross_check_of(round_)
    return check if check is not None and check.holds(round_) else None
