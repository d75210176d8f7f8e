"""What read sheets say, in lines of words: for the ``scan`` command, which shows before anything is kept.

Per sheet: where it was found, what it is, and what was read (per row of a
sign-in page: each session's cell signed, blank or to be confirmed; per
ballot: its marks and whether it is valid). Then, per round, the read
ballots' totals beside the hand count.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from models import training as tr
from models.elections import records as er
from models.i18n import _, format_date, join_list, ngettext
from models.paper import ballots
from models.paper.code import BALLOT
from models.paper.reading import BLANK, MARKED, UNSURE, SheetReading
from models.paper.sheet_map import NAME, SIGNATURE


def _verdict(verdict: str) -> str:
    return {MARKED: _("signed"), BLANK: _("blank"), UNSURE: _("to confirm")}[verdict]


def where(reading: SheetReading) -> str:
    """ "扫描.pdf，第2页" and, for the second sheet found on it, "，第2张"."""
    text = _("{file}, page {page}").format(file=reading.source, page=reading.page)
    if reading.index:
        text = _("{where}, sheet {n}").format(where=text, n=reading.index + 1)
    return text


def lines(readings: list[SheetReading]) -> Iterator[str]:
    """Every sheet, then the ballots' totals per round."""
    trainings: dict[str, tr.Training | None] = {}
    by_round: dict[str, list[SheetReading]] = defaultdict(list)
    for reading in readings:
        if not reading.read or reading.code is None:
            yield _("{where}: not read. {problem}").format(where=where(reading), problem=reading.problem)
        elif reading.code.kind == BALLOT:
            by_round[reading.code.record].append(reading)
        else:
            record = reading.code.record
            if record not in trainings:
                trainings[record] = tr.find_training(record)
            yield from _sign_in(reading, trainings[record])
    for round_uuid, batch in by_round.items():
        round_ = er.ElectionRound.get_or_none(er.ElectionRound.uuid == round_uuid)
        if round_ is not None:
            yield from _ballots(round_, batch)


def _sign_in(reading: SheetReading, training: tr.Training | None) -> Iterator[str]:
    code = reading.code
    assert code is not None and training is not None  # a sheet is read only when the resolver found both
    sessions = {s.uuid: s for s in training.sessions()}
    trainees = {t.uuid: t.name for t in training.trainees()}
    counts = {MARKED: 0, BLANK: 0, UNSURE: 0}
    rows: list[str] = []
    for row in sorted({c.cell.row for c in reading.cells}):
        cells = reading.cells_of_row(row)
        signatures = [c for c in cells if c.cell.column == SIGNATURE]
        name = next((c for c in cells if c.cell.column == NAME), None)
        key = signatures[0].cell.key if signatures else ""
        if not key:
            if name is not None and name.verdict != BLANK:
                rows.append(_("  row {row}: a name was written in (type it in when confirming)").format(row=row + 1))
            continue
        for cell in signatures:
            counts[cell.verdict] += 1
        said = join_list(
            _("{session} {verdict}").format(
                session=_(tr.HALVES[sessions[c.cell.session].half]) if c.cell.session in sessions else "",
                verdict=_verdict(c.verdict),
            )
            for c in signatures
        )
        rows.append(_("  row {row} {name}: {said}").format(row=row + 1, name=trainees.get(key, "?"), said=said))
    day = format_date(_day(code.part)) if _day(code.part) else code.part
    yield _(
        "{where}: sign-in sheet of {training}, {day}, page {page} of {pages}: "
        "{signed} signed, {blank} blank, {unsure} to confirm"
    ).format(
        where=where(reading),
        training=training.name,
        day=day,
        page=code.page,
        pages=code.pages,
        signed=counts[MARKED],
        blank=counts[BLANK],
        unsure=counts[UNSURE],
    )
    yield from rows


def _day(part: str) -> _dt.date | None:
    try:
        return _dt.datetime.strptime(part, "%Y%m%d").date()
    except ValueError:
        return None


def _ballots(round_: er.ElectionRound, batch: list[SheetReading]) -> Iterator[str]:
    names = {n: c.name for n, c in enumerate(er.ballot_order(list(round_.candidates())), start=1)}
    totals = ballots.total(round_, batch)
    for ballot in totals.ballots:
        grouped: dict[str, list[str]] = defaultdict(list)
        for number, vote in sorted(ballot.votes.items()):
            grouped[vote].append(names.get(number, str(number)))
        said = _("; ").join(
            _("{vote}: {names}").format(vote=_vote_word(vote), names=join_list(people))
            for vote, people in grouped.items()
        )
        if ballot.write_ins:
            said += _("; ") + ngettext("{n} name written in", "{n} names written in", len(ballot.write_ins)).format(
                n=len(ballot.write_ins)
            )
        state = _("valid") if ballot.valid else _("invalid (more marked For than seats)")
        yield _("Ballot {n} ({where}): {state}. {said}").format(
            n=ballot.index + 1, where=where(ballot.sheet), state=state, said=said
        )
    note = ballots.gray_scan_note(totals)
    if note:
        yield note
    yield from _comparison(round_, totals)


def _vote_word(vote: str) -> str:
    return {
        ballots.FOR: _("For"),
        ballots.AGAINST: _("Against"),
        ballots.ABSTAIN: _("Abstain"),
        ballots.UNCLEAR: _("unclear (more than one box)"),
        ballots.DOUBTFUL: _("to look at"),
    }[vote]


def _comparison(round_: er.ElectionRound, totals: ballots.BallotTotals) -> Iterable[str]:
    yield _(
        "Ballots read: {returned}, valid {valid}, invalid {invalid}; counted by hand: {hand_returned}, "
        "valid {hand_valid}, invalid {hand_invalid}."
    ).format(
        returned=totals.returned,
        valid=totals.valid,
        invalid=totals.invalid,
        hand_returned=round_.returned,
        hand_valid=round_.valid,
        hand_invalid=round_.invalid,
    )
    comparison = ballots.compare(round_, totals)
    if not comparison.differences:
        yield _("The read ballots agree with the hand count.")
        return
    for difference in comparison.differences:
        yield _describe(difference, totals)


def _describe(difference: ballots.Difference, totals: ballots.BallotTotals) -> str:
    """ "  张三 赞成：计票 31，读出 30（读出的选票：第1、4…张）" — the ballots numbered as read, from 1."""
    column = {
        "yes": _("For"),
        "no": _("Against"),
        "abstain": _("Abstain"),
        "returned": _("ballots returned"),
        "valid": _("valid ballots"),
        "invalid": _("invalid ballots"),
    }[difference.column]
    who = _("names written in") if difference.candidate == ballots.WRITTEN_IN else difference.candidate
    what = f"{who} {column}" if who else column
    text = _("  differs: {what}: hand count {hand}, read {read}").format(
        what=what, hand=difference.hand, read=difference.read
    )
    if difference.shown_by:
        text += _(" (read so on ballots {numbers})").format(
            numbers=join_list(str(index + 1) for index in difference.shown_by)
        )
    if difference.doubtful:
        text += _(" (ballots to look at: {numbers})").format(
            numbers=join_list(str(index + 1) for index in difference.doubtful)
        )
    return text
