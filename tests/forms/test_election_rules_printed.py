"""The election's own counting rules, printed on its result report and tally sheet, read back."""

from __future__ import annotations

import datetime as dt

from forms.registry import FormOptions, build_form
from models.elections import records as er
from models.i18n import _
from models.people import PersonInput, save_person

from .conftest import TODAY, VILLAGE_CODE, squeeze, table_rows

UNIT = VILLAGE_CODE
TITLE = "长沙县村级妇联换届选举办法"
# 8 candidates for 7 seats, 20 valid ballots, 16 votes needed (more than half of 30 entitled);
# 李秀英 and 王芳 tie on 赞成 for the last seat with different 反对.
VOTES = {
    "赵敏": (18, 0, 2),
    "张晓红": (18, 1, 1),
    "刘娟": (17, 0, 3),
    "陈静": (17, 2, 1),
    "杨梅": (17, 1, 2),
    "黄丽": (17, 3, 0),
    "李秀英": (16, 4, 0),
    "王芳": (16, 2, 2),
}


def election_with(**rules) -> tuple[er.Election, er.ElectionRound]:
    """30 entitled, exactly 20 present (two thirds), electing 7 of 8 under the given rules."""
    persons = {name: save_person(PersonInput(name=name), UNIT) for name in VOTES}
    election = er.save_election(
        er.Election(unit=UNIT, term_number=3, meeting_date=dt.date(2026, 3, 20), entitled=30, present=20, **rules)
    )
    committee = er.ElectionRound.create(
        unit=UNIT,
        election=election,
        kind="committee",
        seats=7,
        entitled=30,
        present=20,
        issued=20,
        returned=20,
        valid=20,
        invalid=0,
    )
    for name, (yes, no, abstain) in VOTES.items():
        er.ElectionCandidate.create(
            unit=UNIT, round=committee, person=persons[name], name=name, yes=yes, no=no, abstain=abstain
        )
    return election, committee


def rules_sentence(**parts) -> str:
    return _("This election follows {title}: {quorum}; {surplus}; {tie}.").format(
        title=_("“{title}”").format(title=TITLE), **parts
    )


def test_the_result_report_prints_the_elections_own_rules_and_counts_by_them(database, tmp_path, read_pdf):
    election_with(
        rules_title=f"《{TITLE}》", quorum="at_least", tie_break="runoff", surplus_percent=10, surplus_rounding="down"
    )
    result = build_form("election", tmp_path / "report.pdf", FormOptions(UNIT, today=TODAY))
    text = squeeze(read_pdf(result.path).text)
    sentence = rules_sentence(
        quorum=_("the vote is valid only when at least two thirds of those entitled are present"),
        surplus=_(
            "a competitive vote has at least {percent}% more candidates than seats "
            "(a part of a person is dropped; at least one more)"
        ).format(percent=10),
        tie=_("when the last seat is tied on votes for, the tied go to a run-off vote"),
    )
    assert squeeze(sentence) in text
    # Exactly two thirds present is a quorum under "at least".
    facts = [cell for row in table_rows(result.path) for cell in row]
    assert squeeze(_("{share}, at least two thirds: the meeting may vote").format(share="66.7%")) in facts
    # The tie on 赞成 goes to a run-off under these rules, though 王芳 has fewer 反对.
    note = _("{names} are tied for the last {n} seat(s) and go to a run-off vote.").format(names="王芳、李秀英", n=1)
    assert squeeze(note) in text


def test_the_tally_sheet_prints_the_default_rules_and_decides_the_tie_by_fewer_against(database, tmp_path, read_pdf):
    _election, committee = election_with()
    result = build_form("tally", tmp_path / "tally.pdf", FormOptions(UNIT, today=TODAY, record_id=committee.uuid))
    text = squeeze(read_pdf(result.path).text)
    sentence = _("The rules of this election: {quorum}; {surplus}; {tie}.").format(
        quorum=_("the vote is valid only when more than two thirds of those entitled are present"),
        surplus=_(
            "a competitive vote has at least {percent}% more candidates than seats "
            "(a part of a person counts as one; at least one more)"
        ).format(percent=10),
        tie=_(
            "when the last seat is tied on votes for, the one with fewer votes against is elected, "
            "and those still tied go to a run-off vote"
        ),
    )
    assert squeeze(sentence) in text
    rows = table_rows(result.path)
    results = {row[1]: row[-1] for row in rows if len(row) > 1 and row[1] in VOTES}
    assert results["王芳"] == squeeze(_("Elected to a seat"))
    assert results["李秀英"] == squeeze(_("Not elected"))
    # Exactly two thirds is no quorum under the default rules: the sheet says so.
    assert squeeze(_("Two thirds or fewer of those entitled are present; voting needs more than two thirds.")) in text


def test_a_title_typed_without_brackets_gets_them(database, tmp_path, read_pdf):
    _election, committee = election_with(rules_title=TITLE, tie_break="runoff")
    result = build_form("tally", tmp_path / "tally.pdf", FormOptions(UNIT, today=TODAY, record_id=committee.uuid))
    text = squeeze(read_pdf(result.path).text)
    assert squeeze(_("“{title}”").format(title=TITLE)) in text
    rows = table_rows(result.path)
    runoff = squeeze(_("Run-off vote needed"))
    assert [row[-1] for row in rows if len(row) > 1 and row[1] in ("王芳", "李秀英")] == [runoff, runoff]
