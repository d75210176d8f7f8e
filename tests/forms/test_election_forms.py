"""The election forms: ballots, tally sheets, the result report and the composition table, read back."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from forms import ballot, composition
from forms.registry import FORMS, FormError, FormOptions, build_form
from forms.tally_sheet import BLANK_WRITE_IN_ROWS
from models import units
from models.elections import records as er
from models.i18n import _
from models.people import PersonInput, save_person
from models.strokes import sort_by_surname_strokes

from .conftest import TODAY, VILLAGE_CODE, squeeze, table_rows

UNIT = VILLAGE_CODE
# Entered in this order; the stroke order is 王芳 刘娟 李秀英 杨梅 张晓红 陈静 赵敏 黄丽.
NAMES = ["赵敏", "李秀英", "王芳", "张晓红", "刘娟", "陈静", "杨梅", "黄丽"]
# (for, against, abstain) out of 35 valid ballots; 40 entitled, so 21 votes are needed.
VOTES = {
    "赵敏": (22, 9, 4),
    "李秀英": (34, 0, 1),
    "王芳": (33, 1, 1),
    "张晓红": (30, 3, 2),
    "刘娟": (29, 4, 2),
    "陈静": (28, 5, 2),
    "杨梅": (25, 6, 4),
    "黄丽": (12, 20, 3),
}
WRITE_IN = ("孟春", (2, 0, 0))
SCRUTINEERS = {"chief_scrutineer": "周兰", "scrutineers": "吴霞、郑云", "counters": "孙琴"}


def options(**kwargs) -> FormOptions:
    kwargs.setdefault("today", TODAY)
    return FormOptions(UNIT, **kwargs)


def add_round(election, kind, seats, votes, persons, competitive=True, numbers=(36, 36, 35, 1), voters=(40, 36)):
    round_ = er.ElectionRound.create(
        unit=UNIT,
        election=election,
        kind=kind,
        seats=seats,
        competitive=competitive,
        entitled=voters[0],
        present=voters[1],
        issued=numbers[0],
        returned=numbers[1],
        valid=numbers[2],
        invalid=numbers[3],
        position=len(list(election.rounds())),
    )
    for name, (yes, no, abstain) in votes.items():
        person = persons.get(name)
        er.ElectionCandidate.create(
            unit=UNIT, round=round_, person=person, name=name, yes=yes, no=no, abstain=abstain, write_in=person is None
        )
    return round_


def make_election(finalise=True, **extra):
    """A congress of 40 (36 present) electing 7 of 8, then the chair and a vice-chair, finalised."""
    persons = {}
    for i, name in enumerate(NAMES):
        persons[name] = save_person(
            PersonInput(
                name=name,
                birth=f"{1965 + 3 * i}-05",
                education="30",
                political="01" if i % 2 else "13",
                ethnicity="15" if i == 3 else "01",
                two_committees=name == "李秀英",
            ),
            UNIT,
        )
    fields = dict(
        unit=UNIT,
        kind="regular",
        term_number=3,
        meeting_date=dt.date(2026, 3, 20),
        meeting_place="石门村村民委员会会议室",
        entitled=40,
        present=36,
        excused=2,
        **SCRUTINEERS,
    )
    fields.update(extra)
    election = er.save_election(er.Election(**fields))
    committee = add_round(election, "committee", 7, VOTES | dict([WRITE_IN]), persons)
    chair = add_round(
        election, "chair", 1, {"李秀英": (7, 0, 0)}, persons, competitive=False, numbers=(7, 7, 7, 0), voters=(7, 7)
    )
    vice = add_round(
        election, "vice_chair", 1, {"王芳": (6, 1, 0)}, persons, competitive=False, numbers=(7, 7, 7, 0), voters=(7, 7)
    )
    if finalise:
        er.finalise(election, confirm_warnings=True)
    return election, committee, chair, vice


def row_of(rows, name):
    found = [row for row in rows if name in row]
    assert found, f"no table row for {name}"
    return found[0]


def assert_page_numbers(pdf, pages):
    for number, text in enumerate(pdf.texts, start=1):
        assert squeeze(_("Page {page} of {pages}").format(page=number, pages=pages)) in squeeze(text), number


def assert_fonts_embedded(pdf):
    fonts = pdf.fonts()
    assert fonts
    for name, font in fonts.items():
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"


# --- registry and choosing the record ----------------------------------------------------------


def test_the_election_forms_are_registered():
    assert FORMS["ballot"].formats == ("pdf",) and FORMS["tally"].formats == ("pdf",)
    assert FORMS["election"].formats == ("pdf",) and FORMS["composition"].formats == ("pdf", "xlsx")


@pytest.mark.parametrize("form", ["ballot", "tally", "election", "composition"])
def test_without_an_election_each_form_says_so(database, tmp_path, form):
    with pytest.raises(FormError) as caught:
        build_form(form, tmp_path / "out.pdf", options())
    assert "石门村" in str(caught.value)
    assert not (tmp_path / "out.pdf").exists()


def test_an_unknown_record_is_refused(database, tmp_path):
    make_election()
    with pytest.raises(FormError) as caught:
        build_form("tally", tmp_path / "t.pdf", options(record_id="no-such-uuid"))
    assert "no-such-uuid" in str(caught.value)


# --- ballots -------------------------------------------------------------------------------------


def test_ballots_list_the_candidates_in_stroke_order_once_per_voter(database, tmp_path, read_pdf):
    make_election()
    result = build_form("ballot", tmp_path / "ballots.pdf", options())
    pdf = read_pdf(result.path)
    expected = sort_by_surname_strokes(NAMES)
    assert expected != NAMES
    first = pdf.texts[0]
    assert sorted(NAMES, key=first.index) == expected
    assert WRITE_IN[0] not in pdf.text  # a written-in name is not printed on the ballot
    # 36 ballots issued: 36 copies, the most a sheet holds, no page numbers on ballots.
    rule = squeeze(_("{seats} to be elected; marking more is invalid").format(seats=7))
    assert squeeze(pdf.text).count(rule) == 36
    layout, _write_ins, fits = ballot.choose_layout(
        ballot.content_for(ballot.common.choose(options(), need_round=True))
    )
    assert fits and result.pages == math.ceil(36 / layout.per_page) == len(pdf.texts)
    assert 9 <= result.pages <= 36
    assert _("Page {page} of {pages}").format(page=1, pages=result.pages) not in pdf.text
    for text in (
        _("For"),
        _("Against"),
        _("Abstain"),
        _("Write in another person"),
        _("(in surname stroke order)"),
        _("Stamp here"),
    ):
        assert squeeze(text) in squeeze(first), text
    assert "石门村" in first
    assert_fonts_embedded(pdf)


def test_small_ballots_print_four_to_a_sheet_and_the_count_can_be_forced(database, tmp_path, read_pdf):
    _election, _committee, chair, _vice = make_election()
    result = build_form("ballot", tmp_path / "chair.pdf", options(record_id=chair.uuid))
    pdf = read_pdf(result.path)
    rule = squeeze(_("{seats} to be elected; marking more is invalid").format(seats=1))
    assert squeeze(pdf.text).count(rule) == 7 and result.pages == 2
    assert "李秀英" in pdf.text and "赵敏" not in pdf.text

    one = ballot.build(tmp_path / "one.pdf", options(record_id=chair.uuid), per_page=1, copies=3)
    assert one.pages == 3
    with pytest.raises(FormError):
        ballot.build(tmp_path / "bad.pdf", options(record_id=chair.uuid), per_page=3)


def test_without_ballot_numbers_the_meeting_present_sets_the_copies(database, tmp_path, read_pdf):
    election, committee, _chair, _vice = make_election(finalise=False)
    committee.issued = committee.returned = committee.valid = committee.invalid = 0
    committee.save()
    assert ballot.copies_for(ballot.common.choose(options(record_id=committee.uuid), True)) == 36
    committee.present = 0
    committee.save()
    election.present = 0
    election.save()
    assert ballot.copies_for(ballot.common.choose(options(record_id=committee.uuid), True)) == 1


def test_a_ballot_with_many_candidates_gets_a_sheet_of_its_own(database, tmp_path):
    names = [chr(0x5F20) + chr(0x4E00 + i * 37) + "红" for i in range(17)]
    content = ballot.BallotContent("测试选票", 15, names, 3)
    layout, write_ins, fits = ballot.choose_layout(content)
    assert fits and layout.per_page == 1
    assert 3 <= write_ins <= 15


# --- tally sheets --------------------------------------------------------------------------------


def test_the_tally_sheet_shows_each_candidates_numbers_and_result(database, tmp_path, read_pdf):
    make_election()
    result = build_form("tally", tmp_path / "tally.pdf", options())
    pdf = read_pdf(result.path)
    rows = table_rows(result.path)
    elected, not_elected = squeeze(_("Elected to a seat")), squeeze(_("Not elected"))
    for name, (yes, no, abstain) in VOTES.items():
        row = row_of(rows, name)
        assert row[2:5] == [str(yes), str(no), str(abstain)], name
        assert row[-1] == (not_elected if name == "黄丽" else elected), name
    write_in = row_of(rows, WRITE_IN[0])
    assert write_in[5] == squeeze(_("Yes")) and write_in[-1] == not_elected
    # Stroke order, the written-in name last.
    order = [row[1] for row in rows if len(row) > 1 and (row[1] in VOTES or row[1] == WRITE_IN[0])]
    assert order == sort_by_surname_strokes(NAMES) + [WRITE_IN[0]]
    assert ["7", "8", "40", "36", "36", "36", "35", "1"] in rows
    text = squeeze(pdf.text)
    header = [
        squeeze(_(label))
        for label in (
            "Seats",
            "Candidates",
            "Entitled to vote",
            "Present",
            "Ballots issued",
            "Ballots returned",
            "Valid ballots",
            "Invalid ballots",
        )
    ]
    assert header in rows
    threshold = _(
        "To be elected a candidate needs more votes for than half of {base} ({count} people), "
        "that is at least {least} votes."
    ).format(base=_("those entitled to vote"), count=40, least=21)
    assert squeeze(threshold) in text
    for label, name in (
        (_("Chief scrutineer"), "周兰"),
        (_("Scrutineers"), "吴霞"),
        (_("Scrutineers"), "郑云"),
        (_("Vote counters"), "孙琴"),
    ):
        assert squeeze(label) in text and name in text
    assert_page_numbers(pdf, result.pages)
    assert_fonts_embedded(pdf)


def test_a_round_not_yet_counted_prints_blank_for_counting_by_hand(database, tmp_path):
    election, committee, _chair, _vice = make_election(finalise=False)
    persons = {c.name: c.person for c in committee.candidates() if c.person_id}
    blank = add_round(election, "committee", 7, {n: (0, 0, 0) for n in NAMES}, persons, numbers=(0, 0, 0, 0))
    result = build_form("tally", tmp_path / "blank.pdf", options(record_id=blank.uuid))
    rows = table_rows(result.path)
    cells = {cell for row in rows for cell in row}
    assert squeeze(_("Tally marks for")) in cells and squeeze(_("Tally marks against")) in cells
    assert ["7", "8", "40", "36", "", "", "", ""] in rows
    for name in NAMES:
        row = row_of(rows, name)
        assert set(row[2:7]) == {""} and row[-1] == "", name
    spare = [row for row in rows if len(row) == 9 and row[1] == "" and row[0].isdigit()]
    assert len(spare) == BLANK_WRITE_IN_ROWS
    assert squeeze(_("Elected to a seat")) not in cells and squeeze(_("Not elected")) not in cells


# --- the result report ---------------------------------------------------------------------------


def test_the_result_report_has_the_meeting_votes_committee_and_signatures(database, tmp_path, read_pdf):
    election, committee, chair, vice = make_election()
    result = build_form("election", tmp_path / "report.pdf", options())
    pdf = read_pdf(result.path)
    rows = table_rows(result.path)
    text = squeeze(pdf.text)

    facts = [cell for row in rows for cell in row]
    for label, value in ((_("Entitled to attend"), "40"), (_("Present"), "36"), (_("Excused"), "2")):
        assert facts[facts.index(squeeze(label)) + 1] == value, label
    assert squeeze(_("{share}, more than two thirds: the meeting may vote").format(share="90.0%")) in facts
    assert "石门村村民委员会会议室" in text
    # Per-candidate votes of the committee round, and the chair and vice-chair rounds.
    for name, (yes, no, abstain) in VOTES.items():
        assert row_of(rows, name)[2:5] == [str(yes), str(no), str(abstain)]
    elected = squeeze(_("Elected (most votes first)"))
    assert squeeze(pdf.text).count(elected) == 3
    assert "李秀英、王芳、张晓红、刘娟、陈静、杨梅、赵敏" in text  # most votes first
    # The committee: chair, vice-chair, then members in stroke order.
    post = squeeze(_("Chair")), squeeze(_("Vice-chair")), squeeze(_("Executive member"))
    members = [row for row in rows if len(row) == 10 and row[1] in post]
    assert [row[2] for row in members] == ["李秀英", "王芳", "刘娟", "杨梅", "张晓红", "陈静", "赵敏"]
    assert [row[1] for row in members] == [post[0], post[1]] + [post[2]] * 5
    assert members[1][8] == squeeze(_("Newly elected"))
    for label in (
        _("Chief scrutineer"),
        _("Scrutineers"),
        _("Vote counters"),
        _("Head of unit"),
        _("Filled in by"),
        _("(unit seal)"),
        _("Opinion of the township (subdistrict) women's federation:"),
    ):
        assert squeeze(label) in text, label
    for name in ("周兰", "吴霞", "郑云", "孙琴"):
        assert name in text
    assert_page_numbers(pdf, result.pages)
    assert_fonts_embedded(pdf)


def test_confirmed_warnings_are_printed_on_the_report(database, tmp_path, read_pdf):
    election, committee, _chair, _vice = make_election(finalise=False)
    candidate = er.ElectionCandidate.get(
        (er.ElectionCandidate.round == committee) & (er.ElectionCandidate.name == "赵敏")
    )
    candidate.yes = 15  # below 21: one seat stays vacant
    candidate.save()
    er.finalise(election, confirm_warnings=True)
    pdf = read_pdf(build_form("election", tmp_path / "report.pdf", options(record_id=election.uuid)).path)
    text = squeeze(pdf.text)
    vacant = _("{round}: {n} seats stay vacant.").format(round=_(er.ROUND_KINDS["committee"]), n=1)
    assert squeeze(_("Confirmed when the result was recorded:")) in text
    assert squeeze(vacant) in text


def test_a_report_before_finalising_reads_the_committee_off_the_votes(database, tmp_path):
    make_election(finalise=False)
    rows = table_rows(build_form("election", tmp_path / "report.pdf", options()).path)
    members = [row for row in rows if len(row) == 10 and row[2] in NAMES]
    assert [row[2] for row in members][:2] == ["李秀英", "王芳"] and len(members) == 7


# --- composition ---------------------------------------------------------------------------------


def test_the_composition_table_of_a_village(database, tmp_path, read_pdf):
    make_election()
    result = build_form("composition", tmp_path / "comp.pdf", options())
    pdf = read_pdf(result.path)
    rows = table_rows(result.path)
    row = row_of(rows, "石门村")
    # Members born 1968-05 .. 1986-05 (the loser 1986 excluded), at 20 March 2026.
    keys = [c.key for c in composition.COLUMNS]
    value = dict(zip(keys, row))
    assert (value["entitled"], value["present"], value["members"]) == ("40", "36", "7")
    assert (value["chairs"], value["vice_chairs"], value["part_time_vice_chairs"]) == ("1", "1", "1")
    assert value["party_share"] == "42.9%"  # 李秀英 张晓红 陈静 of 7 (odd places in NAMES)
    assert value["new_share"] == "100.0%" and value["minorities"] == "1"
    assert value["chair_two_committees"] == squeeze(_("Yes"))
    assert value["status"] == squeeze(_(er.STATUSES["elected"]))
    assert_page_numbers(pdf, result.pages)
    assert_fonts_embedded(pdf)
    assert squeeze(_("Elections of {year}").format(year=2026)) in squeeze(pdf.text)


def test_a_township_gets_a_row_per_village_with_data_and_a_total(database, tmp_path, read_pdf):
    from openpyxl import load_workbook

    make_election()
    units.upsert_unit("430121100202", "桃花村", owner=UNIT)
    units.upsert_unit("430121100203", "白沙村", owner=UNIT)  # nothing on record: no row
    save_person(PersonInput(name="孙主席", birth="1970-01", post="chair", political="01"), "430121100202")
    save_person(PersonInput(name="周执委", birth="1990-01", post="executive"), "430121100202")
    units.set_own_unit("430121100000", "金井镇")
    town = FormOptions("430121100000", today=TODAY)

    result = build_form("composition", tmp_path / "town.pdf", town)
    rows = table_rows(result.path)
    assert row_of(rows, "石门村") and row_of(rows, "桃花村")
    assert not [row for row in rows if "白沙村" in row]
    total = [row for row in rows if row and row[0] == squeeze(_("Total ({n} units)").format(n=2))]
    assert total, rows
    value = dict(zip([c.key for c in composition.COLUMNS], total[0]))
    assert value["members"] == "9" and value["chairs"] == "2" and value["party_share"] == "44.4%"
    assert value["status"] == squeeze(_("{done} of {units} done").format(done=1, units=2))

    sheet = load_workbook(build_form("composition", tmp_path / "town.xlsx", town).path).active
    header = [c.value for c in sheet[3]]
    assert header == [_(c.flat) for c in composition.COLUMNS]
    body = list(sheet.iter_rows(min_row=4, values_only=False))
    assert [r[1].value for r in body] == ["石门村", "桃花村", _("Total")]
    share = body[0][header.index(_("Share of CPC members"))]
    assert share.value == pytest.approx(3 / 7) and share.number_format == "0.0%"
    assert body[2][header.index(_("Executive members"))].value == 9
    assert isinstance(body[0][header.index(_("Representatives entitled"))].value, int)
    assert body[1][header.index(_("Share of new members"))].value is None


def test_the_composition_year_defaults_to_the_latest_and_can_be_chosen(database, tmp_path, read_pdf):
    make_election()
    pdf = read_pdf(build_form("composition", tmp_path / "old.pdf", options(year=2021)).path)
    text = squeeze(pdf.text)
    assert squeeze(_("Elections of {year}").format(year=2021)) in text
    assert squeeze(_(er.STATUSES["not_started"])) in text


def test_candidates_tied_for_the_last_seat_are_marked_for_a_run_off(database, tmp_path, read_pdf):
    election, committee, _chair, _vice = make_election(finalise=False)
    tie = er.ElectionCandidate.get((er.ElectionCandidate.round == committee) & (er.ElectionCandidate.name == "黄丽"))
    tie.yes, tie.no, tie.abstain = VOTES["赵敏"]
    tie.save()
    result = build_form("tally", tmp_path / "tally.pdf", options(record_id=committee.uuid))
    rows = table_rows(result.path)
    runoff = squeeze(_("Run-off vote needed"))
    assert row_of(rows, "赵敏")[-1] == runoff and row_of(rows, "黄丽")[-1] == runoff
    assert row_of(rows, "杨梅")[-1] == squeeze(_("Elected to a seat"))
    note = _("{names} are tied for the last {n} seat(s) and go to a run-off vote.").format(names="赵敏、黄丽", n=1)
    assert squeeze(note) in squeeze(read_pdf(result.path).text)


def test_a_ballot_too_long_for_a_sheet_runs_on_to_the_next(database, tmp_path, read_pdf):
    names = [chr(0x4E00 + 97 * i) + "秀英" for i in range(40)]
    content = ballot.BallotContent("测试选票", 35, names, 3)
    assert ballot.choose_layout(content)[2] is False
    result = ballot.write(tmp_path / "long.pdf", content, copies=2, author="石门村")
    pdf = read_pdf(result.path)
    assert result.pages == 4
    assert squeeze(pdf.text).count("测试选票") == 2
    for name in names:
        assert squeeze(pdf.text).count(name) == 2, name


def test_term_numbers_are_written_in_chinese_numerals():
    from forms.election_common import chinese_numeral

    assert [chinese_numeral(n) for n in (1, 3, 10, 12, 20, 21, 99)] == [
        "一",
        "三",
        "十",
        "十二",
        "二十",
        "二十一",
        "九十九",
    ]


def test_a_township_without_any_election_below_is_told_so(database, tmp_path):
    units.set_own_unit("430121100000", "金井镇")
    units.upsert_unit("430121100202", "桃花村", owner="430121100000")
    with pytest.raises(FormError) as caught:
        build_form("composition", tmp_path / "town.pdf", FormOptions("430121100000", today=TODAY))
    assert "金井镇" in str(caught.value)


def test_by_default_the_latest_election_with_votes_is_printed(database, tmp_path, read_pdf):
    election, committee, _chair, _vice = make_election()
    draft = er.save_election(er.Election(unit=UNIT, kind="regular", term_number=4))  # in preparation, no votes
    pdf = read_pdf(build_form("tally", tmp_path / "tally.pdf", options()).path)
    assert "赵敏" in pdf.text
    with pytest.raises(FormError) as caught:
        build_form("ballot", tmp_path / "draft.pdf", options(record_id=draft.uuid))
    assert not (tmp_path / "draft.pdf").exists()
    assert er.Election.get_by_id(draft.uuid).title() in str(caught.value)


def test_the_result_reports_signatures_and_seal_follow_the_elected_committee(database, tmp_path, read_pdf):
    election, committee, chair, vice = make_election()
    result = build_form("election", tmp_path / "report.pdf", options())
    pdf = read_pdf(result.path)
    last = squeeze(pdf.texts[-1])
    assert squeeze(_("(unit seal)")) in last
    assert squeeze(_("Opinion of the township (subdistrict) women's federation:")) in last
    # The elected committee's table (or at least its last rows) is on the page of the signatures.
    assert sum(name in last for name in NAMES) >= 1
    if result.pages > 1:
        from forms import election_report

        head = _("{title} (continued)").format(title=_(election_report.TITLE))
        assert squeeze(head) in squeeze(pdf.texts[1].strip().splitlines()[0])
