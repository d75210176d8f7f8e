"""选举结果报告单: an election's result, reported for approval to the Party organisation at the same level
and to the federation one level up (a village's to the township, a township's to the county).

The meeting (kind, date, place, attendance and whether more than two
thirds were present), each round with its ballots and every candidate's
votes in surname stroke order, who was elected (most votes first), the
resulting committee by post, the confirmations recorded when the result
was finalised, the scrutineers' signatures, the unit's seal, and blank sections for the
opinions of the same-level Party organisation and of the federation above.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from forms import election_common as common
from forms import election_steps, fonts, tally_sheet
from models import codes
from models.elections import records as er
from models.elections.tally import DEFAULT_RULES, ElectionRules, quorate
from models.i18n import N_, _, format_date, format_percent, format_year_month, ngettext
from models.paper.ballots import standing_cross_check
from models.people import Person
from models.strokes import stroke_key

from .layout import (
    CENTER,
    MM,
    PARTY_OPINION,
    PORTRAIT,
    TABLE_SIZE,
    TEXT_SIZE,
    Column,
    FormDocument,
    FormResult,
    higher_federation_opinion,
    labelled,
    section_title,
    yes_no,
)

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Election result report")
POST_ORDER = ("chair", "vice_chair", "attached_vice_chair", "executive")


def election_name(chosen: common.Chosen) -> str:
    """石门村妇联第三届换届选举."""
    kind = _(er.KINDS.get(chosen.election.kind, chosen.election.kind))
    return _("{federation} {term}{kind}").format(
        federation=common.federation(chosen.unit), term=common.term(chosen.election), kind=kind
    )


def section(number: int, text: str) -> str:
    """一、… in Chinese, 1. … in English."""
    return section_title(number, text)


def heading2(doc: FormDocument, text: str) -> None:
    """A numbered part of the report in bold: 一、会议情况."""
    style = doc.styles.body.clone(
        "report-section",
        fontName=fonts.BOLD,
        fontSize=TEXT_SIZE + 1,
        leading=(TEXT_SIZE + 1) * 1.5,
        spaceBefore=3 * MM,
        spaceAfter=1 * MM,
    )
    doc.add(doc.styles.paragraph(text, style), [text])


def quorum_text(entitled: int, present: int, rules: ElectionRules = DEFAULT_RULES) -> str:
    """The share present and whether it meets the election's own quorum rule."""
    if not entitled:
        return ""
    share = format_percent(present / entitled)
    may_vote = quorate(entitled, present, rules)
    if rules.quorum == "at_least":
        if may_vote:
            return _("{share}, at least two thirds: the meeting may vote").format(share=share)
        return _("{share}, less than two thirds: the meeting may not vote").format(share=share)
    if may_vote:
        return _("{share}, more than two thirds: the meeting may vote").format(share=share)
    return _("{share}, not more than two thirds: the meeting may not vote").format(share=share)


def meeting_facts(chosen: common.Chosen) -> list[common.Fact]:
    e = chosen.election
    Fact = common.Fact
    facts = [
        Fact(_("Kind of election"), _(er.KINDS.get(e.kind, e.kind))),
        Fact(_("Term"), common.term(e).strip()),
        Fact(_("Meeting"), _(er.CONGRESS_KINDS.get(e.congress_kind, e.congress_kind))),
        Fact(_("Date of the meeting"), format_date(e.meeting_date) if e.meeting_date else ""),
        Fact(_("Place"), e.meeting_place, wide=True),
        # Before the numbers are entered they print blank, not as 0.
        Fact(_("Entitled to attend"), e.entitled or ""),
        Fact(_("Present"), e.present if e.entitled else ""),
        Fact(_("Excused"), e.excused if e.entitled else ""),
        Fact(_("Attendance"), quorum_text(e.entitled, e.present, e.rules())),
    ]
    if e.term_start and e.term_end:
        facts.append(
            Fact(
                _("Term of office"),
                _("{start} to {end}").format(start=format_date(e.term_start), end=format_date(e.term_end)),
                wide=True,
            )
        )
    return facts


def round_summary(round_: er.ElectionRound, candidates: list) -> str:
    nominated = sum(1 for c in candidates if not c.write_in)
    kind = _("competitive") if round_.competitive else _("as many candidates as seats")
    return _("{seats} to be elected, {candidates} candidates ({kind}).").format(
        seats=round_.seats, candidates=nominated, kind=kind
    )


def add_round(doc: FormDocument, chosen: common.Chosen, number: int, round_: er.ElectionRound) -> None:
    """One vote: its heading, seats and ballots, every candidate's votes and who was elected.

    Everything up to the candidates' table is kept on one page with it.
    """
    election = chosen.election
    candidates = list(round_.candidates())
    where = (
        _(er.CONGRESS_KINDS.get(election.congress_kind, ""))
        if round_.kind == "committee"
        else _("first plenary meeting of the executive committee")
    )
    heading2(
        doc,
        section(
            number, _("Election of the {elects} ({meeting})").format(elects=common.round_elects(round_), meeting=where)
        ),
    )
    doc.keep_with_next()
    doc.paragraph(round_summary(round_, candidates), "note")
    doc.keep_with_next()
    show = common.counted(round_, candidates)
    result = round_.tally(election.counting_base, election.rules())
    doc.table(
        tally_sheet.number_columns(),
        [
            [
                round_.seats,
                sum(1 for c in candidates if not c.write_in),
                round_.entitled,
                round_.present,
                round_.issued,
                round_.returned,
                round_.valid,
                round_.invalid,
            ]
        ],
    )
    if not show:
        doc.spacer(1.5)
        doc.paragraph(_("This vote has not been counted yet."), "note")
        return
    doc.keep_with_next()
    doc.spacer(1.5)
    doc.keep_with_next()
    doc.paragraph(common.threshold_sentence(result, True), "note")
    doc.keep_with_next()
    rows = tally_sheet.candidate_rows(common.Chosen(chosen.unit, election, round_), True, result)
    doc.table(tally_sheet.candidate_columns(True), rows)
    doc.spacer(1)
    for note in tally_sheet.result_notes(result, True):
        doc.paragraph(note, "note")
    sentence = cross_check_sentence(round_)
    if sentence:
        doc.paragraph(sentence, "note")


def cross_check_sentence(round_: er.ElectionRound) -> str:
    """The sentence saying the count was set beside the scanned ballots ("" when it never was). The hand
    count stays the result; this only says it was checked, and whether the ballots agreed.

    A count edited after its check says nothing: the check was of other figures, and an official form
    should neither claim it nor list the edit (the elections page tells the cadre to cross-check again).
    """
    check = standing_cross_check(round_)
    if check is None:
        return ""
    if check.agreed:
        return ngettext(
            "Cross-checked against the {n} scanned ballot: it agrees with the count.",
            "Cross-checked against the {n} scanned ballots: they agree with the count.",
            check.ballots,
        ).format(n=check.ballots)
    return ngettext(
        "Cross-checked against the {n} scanned ballots: {k} figure differs from the count.",
        "Cross-checked against the {n} scanned ballots: {k} figures differ from the count.",
        check.differences,
    ).format(n=check.ballots, k=check.differences)


def _committee(election: er.Election) -> list[tuple[str, str, Person | None, bool | None]]:
    """(post, name, person, re-elected) of the committee this election produced.

    A finalised election has its members recorded; before that the
    committee is read off the counted rounds the way finalising would.
    """
    members = list(election.members())
    if members:
        return [(m.position, m.person.name, m.person, m.reelected) for m in members]
    posts: dict[str, str] = {}
    rules = election.rules()
    for round_ in election.rounds():
        result = round_.tally(election.counting_base, rules)
        if round_.kind == "committee":
            for name in result.elected:
                posts.setdefault(name, "executive")
    for round_ in election.rounds():
        if round_.kind in er.ROUND_POSITION:
            for name in round_.tally(election.counting_base, rules).elected:
                if name in posts:
                    posts[name] = er.ROUND_POSITION[round_.kind]
    found: list[tuple[str, str, Person | None, bool | None]] = []
    for name, post in posts.items():
        person = Person.live().where((Person.unit == election.unit) & (Person.name == name)).first()
        found.append((post, name, person, None))
    return found


def committee_columns() -> list[Column]:
    return [
        Column(_("No."), mm=10),
        Column(_("Post"), mm=22),
        Column(_("Name"), weight=1.6),
        Column(_("Sex"), mm=10),
        Column(_("Ethnicity"), mm=14),
        Column(_("Year and month of birth"), mm=18),
        Column(_("Education"), weight=1.6),
        Column(_("Political status"), weight=1.6),
        Column(_("New or re-elected"), mm=18),
        Column(_("On the village two committees?"), mm=13.5),
    ]


def committee_rows(election: er.Election) -> list[list[object]]:
    order = {post: i for i, post in enumerate(POST_ORDER)}
    members = sorted(_committee(election), key=lambda m: (order.get(m[0], len(order)), stroke_key(m[1]), m[1]))
    rows = []
    for number, (post, name, person, reelected) in enumerate(members, start=1):
        birth = person.birth_year_month if person else None
        tenure = "" if reelected is None else (_("Re-elected") if reelected else _("Newly elected"))
        rows.append(
            [
                number,
                codes.POST.label(post),
                name,
                codes.SEX.label(person.sex) if person else "",
                codes.ETHNICITY.label(person.ethnicity) if person else "",
                format_year_month(*birth) if birth else "",
                codes.EDUCATION.label(person.education) if person else "",
                codes.POLITICAL.label(person.political) if person else "",
                tenure,
                yes_no(person.two_committees) if person else "",
            ]
        )
    return rows


def confirmed_notes(election: er.Election) -> list[str]:
    """The sentences confirmed at finalising, without their time stamp and code."""
    notes = []
    for line in (election.confirmed_warnings or "").splitlines():
        match = re.match(r"^\S+ [\w:]+: (.*)$", line.strip())
        text = match.group(1) if match else line.strip()
        if text:
            notes.append(text)
    return notes


def _padding(value: float) -> list:
    return [(name, (0, 0), (-1, -1), value) for name in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


def seal_and_approval(doc: FormDocument, chosen: common.Chosen) -> None:
    """Two boxes side by side: the reporting unit's signatures, seal and date; the opinions of the
    same-level Party organisation and of the federation one level up (``higher_federation_opinion``).

    They write their opinions, stamp and date their half;
    nothing of it is filled in here.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    styles = doc.styles
    half = doc.width_mm * MM / 2
    inner = half - 8 * MM
    right = styles.right.clone("report-right")
    date = common.blank_date()

    unit_heading = labelled(_("Reporting unit"), common.federation(chosen.unit))
    captions = [labelled(_(label)) for label in ("Head of unit", "Filled in by", "Phone")]
    label_w = max(stringWidth(c, fonts.MAIN, TEXT_SIZE) for c in captions) + 2 * MM
    lines = Table(
        [[styles.paragraph(c, styles.left), ""] for c in captions],
        colWidths=[label_w, inner - label_w],
        rowHeights=[9 * MM] * len(captions),
    )
    lines.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, "black"),
                *_padding(0),
            ]
        )
    )
    seal_label = _("(unit seal)")
    seal = Table(
        [[styles.paragraph(seal_label, styles.cell(CENTER))]], colWidths=[38 * MM], rowHeights=[30 * MM], hAlign="RIGHT"
    )
    seal.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, "#808080", None, (3, 2)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
            ]
        )
    )
    left = [
        styles.paragraph(unit_heading, styles.left),
        lines,
        Spacer(1, 3 * MM),
        seal,
        Spacer(1, 2 * MM),
        styles.paragraph(date, right),
    ]

    party_heading = _(PARTY_OPINION)
    approval_heading = higher_federation_opinion(chosen.unit.code)
    seal_text = _("(seal)")
    approval: list = []
    for heading in (party_heading, approval_heading):
        if not heading:
            continue
        if approval:
            approval.append(Spacer(1, 3 * MM))
        approval += [
            styles.paragraph(heading, styles.left),
            Spacer(1, 16 * MM),
            styles.paragraph(seal_text, right),
            Spacer(1, 1 * MM),
            styles.paragraph(date, right),
        ]

    box = Table([[left, approval]], colWidths=[half, half])
    box.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 1, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (0, 0), "CENTER"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                *_padding(4 * MM),
            ]
        )
    )
    doc.add(
        KeepTogether([Spacer(1, 6 * MM), box]),
        [unit_heading, *captions, seal_label, date, party_heading, approval_heading, seal_text],
    )


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The result report of the chosen election (``options.record_id``), by default the latest."""
    chosen = common.choose(options, need_round=False)
    election = chosen.election
    title = _(TITLE)
    doc = FormDocument(
        title, author=common.federation(chosen.unit), orientation=PORTRAIT, subject=election_name(chosen)
    )
    doc.heading(title, chosen.unit.name, options.today or _dt.date.today(), subtitle=election_name(chosen))

    number = 1
    heading2(doc, section(number, _("The meeting")))
    doc.keep_with_next()
    common.facts_table(doc, meeting_facts(chosen))
    doc.spacer(1.5)
    doc.paragraph(common.rules_sentence(election), "note")
    steps = election_steps.step_rows(election)
    if steps:  # the township checks the dates and document numbers (请示, 批复, 备案) against its own files
        number += 1
        heading2(doc, section(number, _(election_steps.HEADING)))
        doc.keep_with_next()
        doc.table(election_steps.step_columns(), steps, font_size=TABLE_SIZE)
    rounds = list(election.rounds())
    for round_ in rounds:
        number += 1
        add_round(doc, chosen, number, round_)
    if not rounds:
        doc.spacer(1.5)
        doc.paragraph(_("No vote has been entered for this election yet."), "note")

    number += 1
    heading2(doc, section(number, _("The elected executive committee")))
    doc.keep_with_next()
    doc.table(
        committee_columns(),
        committee_rows(election),
        font_size=TABLE_SIZE,
        empty_text=_("Nobody has been elected yet."),
    )
    notes = confirmed_notes(election)
    if notes:
        doc.spacer(1.5)
        doc.paragraph(_("Confirmed when the result was recorded:"), "note")
        for note in notes:
            doc.paragraph("• " + note, "note")

    common.scrutineer_block(doc, election)
    seal_and_approval(doc, chosen)
    doc.keep_tail_with_table()
    return doc.save(out_path, options.report_missing)
