"""What the three election forms (ballot, tally sheet, result report) share.

Which election and round a build is about, how a round is named on paper,
the order of names on a ballot, the result of each candidate, the sentence
with the election's own counting rules, and the scrutineers' signature lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from forms import fonts
from models.elections import records as er
from models.elections.tally import TallyResult
from models.i18n import N_, _, current_language
from models.stats import elections_newest_first
from models.units import Unit

from . import layout
from .layout import CENTER, MM, TEXT_SIZE, FormDocument, FormError
from .layout import chinese_numeral as chinese_numeral  # the forms' numerals live in layout

# A reportlab table style command: its name, the cells it covers, then values of any type.
TableCommand = tuple[Any, ...]

if TYPE_CHECKING:
    from .registry import FormOptions

# What a round elects, as the title of its ballot says it: 执行委员会委员, 主席, 副主席.
ROUND_ELECTS = {"committee": N_("executive committee members"), "chair": N_("chair"), "vice_chair": N_("vice-chairs")}

# A candidate's result on the tally sheet and the report: 当选, 未当选, 需另行选举.
RESULT_ELECTED, RESULT_NOT_ELECTED, RESULT_RUNOFF = "elected", "not_elected", "runoff"
RESULT_LABELS = {
    RESULT_ELECTED: N_("Elected to a seat"),
    RESULT_NOT_ELECTED: N_("Not elected"),
    RESULT_RUNOFF: N_("Run-off vote needed"),
}

_LABEL_BACKGROUND = "#f0f0f0"

# The parts of the printed sentence with an election's own counting rules (tally.ElectionRules).
QUORUM_SENTENCES = {
    "more_than": N_("the vote is valid only when more than two thirds of those entitled are present"),
    "at_least": N_("the vote is valid only when at least two thirds of those entitled are present"),
}
SURPLUS_SENTENCES = {
    "up": N_(
        "a competitive vote has at least {percent}% more candidates than seats "
        "(a part of a person counts as one; at least one more)"
    ),
    "down": N_(
        "a competitive vote has at least {percent}% more candidates than seats "
        "(a part of a person is dropped; at least one more)"
    ),
}
TIE_SENTENCES = {
    "fewer_against": N_(
        "when the last seat is tied on votes for, the one with fewer votes against is elected, "
        "and those still tied go to a run-off vote"
    ),
    "runoff": N_("when the last seat is tied on votes for, the tied go to a run-off vote"),
}
# Quotation marks a typed title may already carry (《》 in Chinese); the sentence adds its own.
_TITLE_MARKS = "《》〈〉“”\"' "


def rules_sentence(election: er.Election) -> str:
    """本次选举按《……选举办法》：到会……方为有效；候选人数……；末位得票相等时……。"""
    rules = election.rules()
    parts = dict(
        quorum=_(QUORUM_SENTENCES[rules.quorum]),
        surplus=_(SURPLUS_SENTENCES[rules.surplus_rounding]).format(percent=rules.surplus_percent),
        tie=_(TIE_SENTENCES[rules.tie_break]),
    )
    title = (election.rules_title or "").strip(_TITLE_MARKS)
    if not title:
        return _("The rules of this election: {quorum}; {surplus}; {tie}.").format(**parts)
    quoted = _("“{title}”").format(title=title)
    return _("This election follows {title}: {quorum}; {surplus}; {tie}.").format(title=quoted, **parts)


def fit_mm(header: str, mm: float, size: float) -> float:
    """A fixed column width widened, if need be, so no word of its bold header is split."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register()
    widest = max((stringWidth(word, fonts.BOLD, size) for word in header.split()), default=0)
    return max(mm, widest / MM + 2)


def unit_of(code: str) -> Unit:
    unit = Unit.live().where(Unit.code == code).first()
    if unit is None:
        raise FormError(_("The unit {code} is not in this database.").format(code=code))
    return unit


@dataclass
class Chosen:
    """The election a form is about and, for ballots and tally sheets, its round."""

    unit: Unit
    election: er.Election
    round: er.ElectionRound | None

    def vote(self) -> er.ElectionRound:
        """The round of a ballot or tally sheet (``choose(..., need_round=True)`` always finds one)."""
        if self.round is None:
            raise FormError(_("This form is about one vote: choose a round of the election."))
        return self.round


def choose(options: FormOptions, need_round: bool) -> Chosen:
    """The election (and round) picked by ``options.record_id``, or the latest.

    ``record_id`` may name an election or one of its rounds. Without it the
    unit's latest election with a vote entered is taken (one only being
    prepared has nothing to print yet), else simply the latest; and its
    first executive-committee round.
    """
    unit = unit_of(options.unit_code)
    election, round_ = None, None
    if options.record_id:
        record_id = options.record_id.strip()
        election = er.Election.live().where((er.Election.uuid == record_id) & (er.Election.unit == unit.code)).first()
        if election is None:
            round_ = (
                er.ElectionRound.live()
                .where((er.ElectionRound.uuid == record_id) & (er.ElectionRound.unit == unit.code))
                .first()
            )
            if round_ is not None:
                election = er.Election.live().where(er.Election.uuid == round_.election_id).first()
        if election is None:
            raise FormError(
                _("There is no election or round {id} of {unit} in this database.").format(id=record_id, unit=unit.name)
            )
    else:
        elections = elections_newest_first(unit.code)
        if not elections:
            raise FormError(
                _("No election has been entered for {unit} yet; enter one on the elections page first.").format(
                    unit=unit.name
                )
            )
        election = next((e for e in elections if e.rounds().exists()), elections[0])
    if need_round and round_ is None:
        rounds = list(election.rounds())
        if not rounds:
            raise FormError(
                _(
                    "The election {title} has no vote entered yet; add the vote for the executive committee first."
                ).format(title=election.title())
            )
        round_ = next((r for r in rounds if r.kind == "committee"), rounds[0])
    return Chosen(unit, election, round_)


def federation(unit: Unit) -> str:
    """石门村妇联: the unit's federation as titles name it."""
    return layout.federation(unit.name)


def term(election: er.Election) -> str:
    """第三届 (in English "term 3"); empty when the term number is not known."""
    if not election.term_number:
        return ""
    number = chinese_numeral(election.term_number) if current_language() == "zh_CN" else election.term_number
    return _("term {n} ").format(n=number)


def round_elects(round_: er.ElectionRound) -> str:
    return _(ROUND_ELECTS.get(round_.kind, "executive committee members"))


def round_title(chosen: Chosen, round_: er.ElectionRound) -> str:
    """石门村妇联第三届执行委员会委员选举 (补选 for a by-election)."""
    text = (
        N_("{federation} {term}by-election of the {elects}")
        if chosen.election.kind == "by_election"
        else N_("{federation} {term}election of the {elects}")
    )
    return _(text).format(federation=federation(chosen.unit), term=term(chosen.election), elects=round_elects(round_))


def ballot_order(candidates: Sequence[er.ElectionCandidate]) -> list[er.ElectionCandidate]:
    """Nominated candidates in surname stroke order, then the written-in names the same way."""
    return er.ballot_order(candidates)


def counted(round_: er.ElectionRound, candidates: Sequence[er.ElectionCandidate]) -> bool:
    """Has anything of this round been counted yet? All zeros means a blank sheet to count on."""
    numbers = (round_.issued, round_.returned, round_.valid, round_.invalid)
    return any(numbers) or any(c.yes or c.no or c.abstain for c in candidates)


def results(result: TallyResult) -> dict[str, str]:
    """Each candidate's result code; empty when the count is void (nothing was decided)."""
    if result.void:
        return {}
    found = {name: RESULT_NOT_ELECTED for name in result.ranking}
    found.update({name: RESULT_ELECTED for name in result.elected})
    found.update({name: RESULT_RUNOFF for name in result.runoff})
    return found


def result_label(code: str | None) -> str:
    return _(RESULT_LABELS[code]) if code else ""


def blank(value: int, show: bool) -> object:
    """A count as printed: the number, or an empty cell on a sheet not yet counted."""
    return value if show else ""


def threshold_sentence(result: TallyResult, known: bool) -> str:
    """当选须获赞成票超过应到人数（40人）的半数，即至少21票。"""
    base = _("those entitled to vote") if result.base == "entitled" else _("those present")
    if not known or not result.base_count:
        return _(
            "To be elected a candidate needs more votes for than half of {base} (____ people), "
            "that is at least ____ votes."
        ).format(base=base)
    least = result.base_count // 2 + 1
    return _(
        "To be elected a candidate needs more votes for than half of {base} ({count} people), "
        "that is at least {least} votes."
    ).format(base=base, count=result.base_count, least=least)


def blank_date() -> str:
    """年　月　日 with room to write the day in (spaces that the layout does not squeeze)."""
    return _("{gap}Year{gap}Month{gap}Day").format(gap="\u00a0" * 8)


def scrutineer_block(doc: FormDocument, election: er.Election) -> None:
    """总监票人, 监票人 and 计票人: each printed name with a line to sign on.

    Without recorded names the lines stay blank for one chief scrutineer,
    two scrutineers and one counter.
    """
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    chief = election.chief_scrutineer.strip()
    roles = [
        (_("Chief scrutineer"), [chief] if chief else [""]),
        (_("Scrutineers"), er.split_names(election.scrutineers) or ["", ""]),
        (_("Vote counters"), er.split_names(election.counters) or [""]),
    ]
    styles = doc.styles
    sign = _("Signature")
    rows: list[list[Any]] = []
    texts: list[str] = []
    commands: list[TableCommand] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
        ("FONTSIZE", (0, 0), (-1, -1), TEXT_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]
    for role, names in roles:
        for index, name in enumerate(names):
            label = _("{label}:").format(label=role) if index == 0 else ""
            row = len(rows)
            rows.append(
                [
                    styles.paragraph(label, styles.left) if label else "",
                    styles.paragraph(name, styles.left) if name else "",
                    styles.paragraph(_("{label}:").format(label=sign), styles.right),
                    "",
                ]
            )
            texts += [label, name, sign]
            commands.append(("LINEBELOW", (3, row), (3, row), 0.5, "black"))
            if not name:
                commands.append(("LINEBELOW", (1, row), (1, row), 0.5, "black"))
    label_mm = 28 if current_language() == "zh_CN" else 38
    widths = [label_mm * MM, 40 * MM, 20 * MM, 55 * MM]
    table = Table(rows, colWidths=widths, rowHeights=[10 * MM] * len(rows), hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    doc.add(KeepTogether([Spacer(1, 5 * MM), table]), texts)


class Fact(NamedTuple):
    """One labelled value of a facts table; a ``wide`` one takes a whole row."""

    label: str
    value: object
    wide: bool = False


def facts_table(doc: FormDocument, facts: Sequence[Fact]) -> None:
    """Label | value | label | value rows with the labels shaded, as on a paper form's head."""
    from reportlab.platypus import Table, TableStyle

    styles = doc.styles
    label_style = styles.cell(CENTER, True, TEXT_SIZE - 0.5)
    value_style = styles.cell("left", False, TEXT_SIZE - 0.5)
    width = doc.width_mm * MM
    label_w = 26 * MM if current_language() == "zh_CN" else 36 * MM
    value_w = width / 2 - label_w
    rows: list[list[Any]] = []
    commands: list[TableCommand] = []
    texts: list[str] = []
    pending: list = []
    for fact in facts:
        value = "" if fact.value is None else str(fact.value)
        texts += [fact.label, value]
        cells = [styles.paragraph(fact.label, label_style), styles.paragraph(value, value_style)]
        if fact.wide:
            if pending:
                rows.append(pending + ["", ""])
                pending = []
            commands.append(("SPAN", (1, len(rows)), (3, len(rows))))
            rows.append(cells + ["", ""])
        else:
            pending += cells
            if len(pending) == 4:
                rows.append(pending)
                pending = []
    if pending:
        rows.append(pending + ["", ""])
    commands += [
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("BOX", (0, 0), (-1, -1), 1, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for row, cells in enumerate(rows):
        for column in (0, 2):
            if cells[column] != "":
                commands.append(("BACKGROUND", (column, row), (column, row), _LABEL_BACKGROUND))
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w], hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    doc.add(table, texts)
