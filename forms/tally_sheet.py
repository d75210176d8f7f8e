"""计票单: the counting sheet of one round.

With the round's numbers entered it is the record of the count: ballots
issued, returned, valid and invalid, each candidate's votes in surname
stroke order (written-in names after them) and her result under the
counting rules of ``models.elections``. Before counting (every number
still zero) it prints blank, with wide cells to keep tally marks (画“正”字)
and spare rows for written-in names. The scrutineers sign at the foot.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from forms import election_common as common
from models.i18n import N_, _, format_date

from .layout import LEFT, PORTRAIT, Column, FormDocument, FormResult, labelled, yes_no

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Tally sheet")
BLANK_WRITE_IN_ROWS = 3  # spare rows on a blank sheet for names written in on ballots


def title_for(chosen: common.Chosen) -> str:
    return _("{election} tally sheet").format(election=common.round_title(chosen, chosen.vote()))


def number_columns() -> list[Column]:
    return [
        Column(_(h))
        for h in (
            N_("Seats"),
            N_("Candidates"),
            N_("Entitled to vote"),
            N_("Present"),
            N_("Ballots issued"),
            N_("Ballots returned"),
            N_("Valid ballots"),
            N_("Invalid ballots"),
        )
    ]


def candidate_columns(show: bool, size: float = 10.5) -> list[Column]:
    """序号 | 姓名 | 赞成 | 反对 | 弃权 | 另选 | 结果, with tally-mark columns on a blank sheet."""

    def fixed(header: str, mm: float) -> Column:
        return Column(_(header), mm=common.fit_mm(_(header), mm, size))

    if show:
        return [
            fixed("No.", 12),
            Column(_("Name"), weight=2.2),
            Column(_("For"), weight=1.2),
            Column(_("Against"), weight=1.2),
            Column(_("Abstain"), weight=1.2),
            Column(_("Written in"), weight=1),
            Column(_("Result"), weight=1.6),
        ]
    return [
        fixed("No.", 10),
        fixed("Name", 24),
        Column(_("Tally marks for"), weight=3, align=LEFT),
        fixed("For", 12),
        Column(_("Tally marks against"), weight=2.4, align=LEFT),
        fixed("Against", 12),
        fixed("Abstain", 12),
        fixed("Written in", 12),
        fixed("Result", 16),
    ]


def candidate_rows(chosen: common.Chosen, show: bool, result) -> list[list[object]]:
    candidates = common.ballot_order(list(chosen.vote().candidates()))
    outcome = common.results(result) if show else {}
    rows = []
    for number, c in enumerate(candidates, start=1):
        if show:
            rows.append(
                [
                    number,
                    c.name,
                    c.yes,
                    c.no,
                    c.abstain,
                    yes_no(True) if c.write_in else "",
                    common.result_label(outcome.get(c.name)),
                ]
            )
        else:
            rows.append([number, c.name, "", "", "", "", "", yes_no(True) if c.write_in else "", ""])
    if not show:
        start = len(rows) + 1
        rows += [[start + i, "", "", "", "", "", "", yes_no(True), ""] for i in range(BLANK_WRITE_IN_ROWS)]
    return rows


def result_notes(result, show: bool) -> list[str]:
    """What the count means beyond the table: void, run-off, vacant seats, warnings."""
    if not show:
        return []
    notes = []
    if result.void:
        notes.append(_("The count does not add up, so nobody is elected yet:"))
        # One sentence per problem, though several numbers may share it (有效 and 无效).
        notes += dict.fromkeys(result.describe(p) for p in result.problems if p.code in result.errors)
        return notes
    if result.elected:
        notes.append(labelled(_("Elected (most votes first)"), "、".join(result.elected)))
    if result.runoff:
        notes.append(
            _("{names} are tied for the last {n} seat(s) and go to a run-off vote.").format(
                names="、".join(result.runoff), n=result.runoff_seats
            )
        )
    if result.vacant:
        notes.append(_("{n} seat(s) stay vacant.").format(n=result.vacant))
    notes += dict.fromkeys(result.describe(p) for p in result.problems if p.code in result.warnings)
    return notes


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The tally sheet of the chosen round (``options.record_id``: an election or a round)."""
    chosen = common.choose(options, need_round=True)
    election, round_ = chosen.election, chosen.vote()
    candidates = list(round_.candidates())
    show = common.counted(round_, candidates)
    result = round_.tally(election.counting_base, election.rules())
    title = title_for(chosen)
    doc = FormDocument(title, author=common.federation(chosen.unit), orientation=PORTRAIT)
    doc.heading(title, chosen.unit.name, options.today or _dt.date.today())
    common.facts_table(
        doc,
        [
            common.Fact(_("Date of the meeting"), format_date(election.meeting_date) if election.meeting_date else ""),
            common.Fact(_("Place"), election.meeting_place),
        ],
    )
    doc.spacer(2)
    nominated = sum(1 for c in candidates if not c.write_in)
    doc.table(
        number_columns(),
        [
            [
                round_.seats,
                nominated,
                round_.entitled or "",
                round_.present or "",
                common.blank(round_.issued, show),
                common.blank(round_.returned, show),
                common.blank(round_.valid, show),
                common.blank(round_.invalid, show),
            ]
        ],
        row_height_mm=9,
    )
    doc.spacer(2)
    doc.paragraph(common.threshold_sentence(result, bool(round_.entitled or round_.present)))
    doc.paragraph(common.rules_sentence(election), "note")
    size = 10.5 if show else 10
    doc.table(
        candidate_columns(show, size),
        candidate_rows(chosen, show, result),
        row_height_mm=8 if show else 12,
        font_size=size,
    )
    doc.spacer(1.5)
    for note in result_notes(result, show):
        doc.paragraph(note, "note")
    common.scrutineer_block(doc, election)
    return doc.save(out_path, options.report_missing)
