"""The election dialog driven like a user: typed by keyboard, counted live, saved in one transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.elections.election_date import parse_day
from gui.elections.election_dialog import PAGES, ElectionDialog
from gui.elections.tally_candidates import ABSTAIN, RESULT, YES
from models.elections import records as er
from models.elections.draft import ElectionDraft, save_draft
from models.elections.tally import message
from models.i18n import _, join_list, ngettext
from models.people import Person, PersonInput, committee, save_person
from tests.gui.gui_helpers import show_widget, type_text

UNIT = "430121100201"
# Initials that find exactly one of them each, so they can be typed in ASCII.
PEOPLE = {
    "李秀英": "lxy",
    "王芳": "wf",
    "张晓红": "zxh",
    "刘娟": "lj",
    "陈静": "cj",
    "杨梅": "ym",
    "赵敏": "zm",
    "黄丽": "hl",
}


def type_number(qtbot, spin, value: int) -> None:
    """Select what the spin box holds and type the digits over it."""
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, str(value))
    assert spin.value() == value


def type_votes(qtbot, editor, rows: list[tuple[int, int, int]]) -> None:
    """Type 赞成, Tab, 反对, Tab, 弃权, Tab for every candidate, as at a tally sheet."""
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.model.index(0, YES))
    for votes in rows:
        for value in votes:
            for digit in str(value):  # the first digit opens the cell's editor, which then has the focus
                qtbot.keyClicks(QApplication.focusWidget(), digit)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)


@pytest.fixture(autouse=True)
def answered(answers):
    """No real message box may open here: it would wait for a click forever."""
    return answers


@pytest.fixture
def people(gui_context):
    return {name: save_person(PersonInput(name=name), UNIT) for name in PEOPLE}


@pytest.fixture
def dialog(qtbot, gui_context):
    return show_widget(qtbot, ElectionDialog(gui_context))


def add_by_initials(qtbot, editor, initials: str) -> None:
    editor.picker.setFocus()
    qtbot.keyClicks(editor.picker, initials)
    qtbot.keyClick(editor.picker, Qt.Key_Return)


def fill_meeting(qtbot, dialog, entitled=40, present=36, excused=2) -> None:
    dialog.go_to("meeting")
    qtbot.keyClicks(dialog.meeting.meeting_date, "2026-03-20")
    type_number(qtbot, dialog.meeting.numbers["entitled"].spin, entitled)
    type_number(qtbot, dialog.meeting.numbers["present"].spin, present)
    type_number(qtbot, dialog.meeting.numbers["excused"].spin, excused)


def fill_committee(qtbot, dialog, issued=36, returned=36, valid=35, invalid=1, votes=None) -> None:
    dialog.go_to("committee")
    editor = dialog.rounds["committee"]
    for initials in PEOPLE.values():
        add_by_initials(qtbot, editor, initials)
    for name, value in (("issued", issued), ("returned", returned), ("valid", valid), ("invalid", invalid)):
        type_number(qtbot, editor.numbers[name].spin, value)
    if votes is None:
        votes = [(30 - i, 2, 1) for i in range(len(PEOPLE))]
    type_votes(qtbot, editor, votes)


def fill_small_round(qtbot, dialog, kind: str, initials: str, yes: int = 7) -> None:
    dialog.go_to(kind)
    editor = dialog.rounds[kind]
    add_by_initials(qtbot, editor, initials)
    for name, value in (("issued", 7), ("returned", 7), ("valid", 7), ("invalid", 0)):
        type_number(qtbot, editor.numbers[name].spin, value)
    type_votes(qtbot, editor, [(yes, 0, 0)])


def counts() -> tuple[int, int, int, int]:
    return (
        er.Election.select().count(),
        er.ElectionStep.select().count(),
        er.ElectionRound.select().count(),
        er.ElectionCandidate.select().count(),
    )


# --- the whole election ---------------------------------------------------------------------


def test_a_whole_election_entered_by_keyboard_makes_the_committee(qtbot, dialog, people, answers):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    # Basics: term 3, five years.
    type_number(qtbot, dialog.basics.term_number, 3)
    assert dialog.basics.term_years.value() == 5
    # Steps: dates typed the ways cadres write them.
    qtbot.keyClick(dialog, Qt.Key_PageDown, Qt.ControlModifier)
    assert dialog.current_key() == "steps"
    qtbot.keyClicks(dialog.steps.dates["preparatory_group"], "2026.1.5")
    qtbot.keyClicks(dialog.steps.dates["request"], "20260110")
    qtbot.keyClicks(dialog.steps.documents["request"], "SF-2026-1")
    dialog.steps.dates["preparatory_group"].setFocus()
    qtbot.keyClick(dialog.steps.dates["preparatory_group"], Qt.Key_Tab)
    assert dialog.steps.dates["preparatory_group"].text() == "2026-01-05"
    # Meeting, scrutineers typed through the input method.
    qtbot.keyClick(dialog, Qt.Key_PageDown, Qt.ControlModifier)
    fill_meeting(qtbot, dialog)
    type_text(dialog.meeting.meeting_place, "村委会会议室")
    type_text(dialog.meeting.chief_scrutineer, "周兰")
    type_text(dialog.meeting.scrutineers, "吴霞、郑云")
    type_text(dialog.meeting.counters, "孙琴")
    # The committee vote: 8 candidates for 7 seats, the last one below the others.
    fill_committee(qtbot, dialog)
    editor = dialog.rounds["committee"]
    assert editor.names() == list(PEOPLE)
    assert [c.yes for c in editor.model.candidates()] == [30 - i for i in range(8)]
    assert [c.no for c in editor.model.candidates()] == [2] * 8
    assert [c.abstain for c in editor.model.candidates()] == [1] * 8
    elected = list(PEOPLE)[:7]
    assert editor.state.errors == [] and editor.state.warnings == []
    assert _("Elected: {names}.").format(names=join_list(elected)) in editor.result_label.text()
    assert editor.model.data(editor.model.index(0, RESULT)) == _("Elected to a seat")
    assert editor.model.data(editor.model.index(7, RESULT)) == _("Passed, no seat left")
    # The chair and vice-chair votes of the first plenary: seven members vote.
    assert dialog.rounds["chair"].numbers["entitled"].spin.value() == 7
    fill_small_round(qtbot, dialog, "chair", "lxy")
    fill_small_round(qtbot, dialog, "vice_chair", "wf", yes=6)
    assert "李秀英" in dialog.rounds["chair"].result_label.text()
    # Result: 王芳 is a full-time vice-chair, 李秀英 sits on the two committees.
    dialog.go_to("result")
    table = dialog.result.table
    names = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert names[:2] == ["李秀英", "王芳"]
    assert sorted(names) == sorted(elected)
    table.setCurrentCell(1, 3)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key_Space)
    assert table.item(1, 3).checkState() == Qt.Checked
    table.item(0, 4).setText("村党支部委员")
    assert "✔" in dialog.result.checks.text()
    assert counts() == (0, 0, 0, 0)  # nothing written before Save or Finalise

    qtbot.mouseClick(dialog.result.finalise_button, Qt.LeftButton)

    assert not dialog.isVisible()
    election = er.Election.get()
    assert election.status == "elected" and election.term_number == 3
    assert (election.term_start, election.term_end) == (dt.date(2026, 3, 20), dt.date(2031, 3, 20))
    assert election.meeting_place == "村委会会议室" and election.scrutineers == "吴霞、郑云"
    steps = {s.step: s for s in election.steps()}
    assert steps["preparatory_group"].date == dt.date(2026, 1, 5)
    assert steps["request"].document_number == "SF-2026-1"
    assert set(steps) == {"preparatory_group", "request", "congress"}
    assert steps["congress"].date == dt.date(2026, 3, 20)  # the congress step follows the meeting's date
    assert [r.kind for r in election.rounds()] == ["committee", "chair", "vice_chair"]
    assert [c.person_id for c in election.rounds()[0].candidates()] == [people[n].uuid for n in PEOPLE]
    roster = {p.name: p.post for p in committee(UNIT)}
    assert roster == {"李秀英": "chair", "王芳": "vice_chair", **{n: "executive" for n in elected[2:]}}
    assert not Person.get(Person.name == "王芳").part_time  # full-time vice-chair
    members = {m.person.name: m for m in election.members()}
    assert members["李秀英"].two_committees_post == "村党支部委员"
    assert Person.get(Person.name == "李秀英").two_committees
    assert members["王芳"].full_time
    assert Person.get(Person.name == "黄丽").post is None


def test_ctrl_s_saves_a_draft_election_in_preparation(qtbot, dialog):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.go_to("steps")
    type_text(dialog.steps.dates["preparatory_group"], "2026年11月2日")
    qtbot.keyClick(dialog.steps.dates["preparatory_group"], Qt.Key_S, Qt.ControlModifier)
    assert not dialog.isVisible()
    election = er.Election.get()
    assert election.status == "preparing"
    assert [(s.step, s.date) for s in election.steps()] == [("preparatory_group", dt.date(2026, 11, 2))]
    assert er.ElectionRound.select().count() == 0  # untouched rounds are not stored


# --- counting as it is typed ----------------------------------------------------------------


def test_more_returned_than_issued_is_shown_beside_returned_and_finalise_refuses(qtbot, dialog, people, answers):
    fill_meeting(qtbot, dialog)
    fill_committee(qtbot, dialog, issued=36, returned=37, valid=36, invalid=1)
    editor = dialog.rounds["committee"]
    assert editor.field_message("returned") == message("returned_exceeds_issued")
    assert editor.numbers["returned"].level() == "error"
    assert editor.numbers["returned"].message.isVisible()
    assert editor.field_message("issued") == "" and editor.field_message("valid") == ""
    assert _("The vote is void while the errors stand; nobody is elected.") in editor.result_label.text()
    row = next(i for i, (key, _t) in enumerate(PAGES) if key == "committee")
    assert dialog.page_list.item(row).toolTip()  # the page is marked

    dialog.go_to("result")
    qtbot.mouseClick(dialog.result.finalise_button, Qt.LeftButton)
    assert dialog.isVisible()
    assert dialog.banner.isVisible()
    assert dialog.current_key() == "committee"  # taken to the page with the problem
    assert counts() == (0, 0, 0, 0)
    assert not committee(UNIT)
    # The input is kept: correcting the one number makes it count.
    type_number(qtbot, editor.numbers["returned"].spin, 36)
    type_number(qtbot, editor.numbers["valid"].spin, 35)
    assert editor.state.errors == []
    assert not dialog.banner.isVisible()


def test_a_missing_congress_date_refuses_finalising_with_the_rule_and_changes_nothing(qtbot, dialog, people, answers):
    fill_meeting(qtbot, dialog)
    dialog.meeting.meeting_date.clear()
    fill_committee(qtbot, dialog)
    dialog.go_to("result")
    assert _("Enter the date of the congress.") in dialog.result.checks.text()
    qtbot.mouseClick(dialog.result.finalise_button, Qt.LeftButton)
    kind, _title, text = answers.shown[-1]
    assert kind == "error" and _("Enter the date of the congress.") in text
    assert dialog.isVisible()
    assert counts() == (0, 0, 0, 0)  # the write before finalising was rolled back too


def test_the_result_page_checks_the_votes_while_an_import_holds_the_write_lock(qtbot, dialog, people, db_path):
    """The result page asks the draft in memory, so another writer never makes it wait (or fail)."""
    fill_meeting(qtbot, dialog)
    dialog.meeting.meeting_date.clear()
    fill_committee(qtbot, dialog)
    other = sqlite3.connect(db_path, timeout=0.1)
    try:
        other.execute("BEGIN IMMEDIATE")  # as an import in a worker thread does
        started = time.monotonic()
        dialog.go_to("result")
        assert time.monotonic() - started < 1.0
        assert _("Enter the date of the congress.") in dialog.result.checks.text()
    finally:
        other.rollback()
        other.close()
    assert counts() == (0, 0, 0, 0)


def test_a_quorum_warning_needs_a_confirmation_that_is_recorded(qtbot, dialog, people, answers):
    fill_meeting(qtbot, dialog, entitled=40, present=26, excused=2)
    fill_committee(
        qtbot,
        dialog,
        issued=26,
        returned=26,
        valid=26,
        invalid=0,
        votes=[(26, 0, 0), (25, 1, 0), (24, 1, 0), (23, 1, 0), (22, 1, 0), (21, 1, 0), (21, 2, 0), (10, 10, 0)],
    )
    editor = dialog.rounds["committee"]
    assert editor.field_message("present") == message("no_quorum")
    assert editor.numbers["present"].level() == "warning"
    assert dialog.meeting.numbers["present"].message_text() == message("no_quorum")
    assert editor.state.errors == [] and editor.state.warnings

    dialog.go_to("result")
    answers.replies.append(False)
    qtbot.mouseClick(dialog.result.finalise_button, Qt.LeftButton)
    kind, _title, text = answers.shown[-1]
    assert kind == "question" and message("no_quorum") in text
    assert dialog.isVisible() and counts() == (0, 0, 0, 0)

    answers.replies.append(True)
    qtbot.mouseClick(dialog.result.finalise_button, Qt.LeftButton)
    assert not dialog.isVisible()
    election = er.Election.get()
    assert election.status == "elected"
    assert "committee:no_quorum" in election.confirmed_warnings
    assert len(committee(UNIT)) == 7


def test_votes_beyond_the_valid_ballots_mark_that_candidates_cell(qtbot, dialog, people):
    fill_meeting(qtbot, dialog)
    fill_committee(qtbot, dialog, votes=[(30, 2, 1)] * 7 + [(30, 5, 1)])
    editor = dialog.rounds["committee"]
    # 30 + 5 is still within the 35 valid ballots; the abstentions take her past them.
    problem = editor.cell_problem("黄丽", "abstain")
    assert problem == _("{name}: {message}").format(name="黄丽", message=message("votes_exceed_valid"))
    assert editor.cell_problem("黄丽", "no") == "" and editor.cell_problem("李秀英", "abstain") == ""
    index = editor.model.index(7, ABSTAIN)
    assert editor.model.data(index, Qt.BackgroundRole) is not None
    assert problem in editor.problems_label.text()
    assert editor.state.errors


def test_too_few_candidates_and_vacant_seats_are_warnings(qtbot, dialog, people):
    fill_meeting(qtbot, dialog)
    dialog.go_to("committee")
    editor = dialog.rounds["committee"]
    for initials in list(PEOPLE.values())[:7]:
        add_by_initials(qtbot, editor, initials)
    for name, value in (("issued", 36), ("returned", 36), ("valid", 36), ("invalid", 0)):
        type_number(qtbot, editor.numbers[name].spin, value)
    type_votes(qtbot, editor, [(30, 0, 0)] * 6 + [(10, 20, 0)])
    assert message("too_few_candidates") in editor.problems_label.text()
    assert editor.state.errors == []
    assert ngettext("{n} seat stays vacant.", "{n} seats stay vacant.", 1).format(n=1) in editor.result_label.text()
    assert sorted(editor.state.elected) == sorted(list(PEOPLE)[:6])


def test_a_tie_for_the_last_seat_calls_for_a_run_off(qtbot, dialog, people):
    fill_meeting(qtbot, dialog)
    fill_committee(qtbot, dialog, votes=[(30, 1, 0)] * 6 + [(25, 3, 0), (25, 3, 0)])
    editor = dialog.rounds["committee"]
    assert editor.model.data(editor.model.index(6, RESULT)) == _("Run-off")
    assert editor.model.data(editor.model.index(7, RESULT)) == _("Run-off")
    assert editor.runoff_box.isVisible()
    assert editor.runoff_label.text() == ngettext(
        "{names} are tied for the last seat: hold a run-off vote for {n} seat.",
        "{names} are tied for the last seats: hold a run-off vote for {n} seats.",
        1,
    ).format(names=join_list(["赵敏", "黄丽"]), n=1)
    assert editor.runoff_button.isVisible() and editor.runoff_button.text() == _("Add a run-off vote")
    # Saving may wait for the run-off, so the page carries a warning, not an error.
    row = dialog.page_keys.index("committee")
    assert dialog.page_list.item(row).toolTip() == ngettext(
        "{names} are tied for the last seat: add a run-off vote.",
        "{names} are tied for the last seats: add a run-off vote.",
        1,
    ).format(names=join_list(["赵敏", "黄丽"]))


# --- run-off votes (另行选举) -------------------------------------------------------------------

TIE = [(30, 1, 0)] * 6 + [(25, 3, 0), (25, 3, 0)]  # 赵敏 and 黄丽 tie for the seventh seat
RUNOFF_ERROR = _(
    "{round}: {names} are tied for the last seat; hold a run-off vote and enter it as a new round."
).format(round=_(er.ROUND_KINDS["committee"]), names="赵敏、黄丽")


def fill_runoff(qtbot, editor, votes, size=(36, 36, 36, 0)) -> None:
    for name, value in zip(("issued", "returned", "valid", "invalid"), size):
        type_number(qtbot, editor.numbers[name].spin, value)
    type_votes(qtbot, editor, votes)


def press(qtbot, button) -> None:
    """Reach a button by keyboard: focus it and press Space."""
    button.window().activateWindow()  # a closed completer popup may have left no window active
    qtbot.waitUntil(lambda: QApplication.activeWindow() is button.window())
    assert button.isVisible() and button.isEnabled()
    button.setFocus(Qt.TabFocusReason)
    assert button.hasFocus()
    qtbot.keyClick(button, Qt.Key_Space)


def test_a_run_off_vote_settles_the_tie_and_finalises(qtbot, dialog, people, answers):
    fill_meeting(qtbot, dialog)
    fill_committee(qtbot, dialog, votes=TIE)
    dialog.go_to("result")
    assert RUNOFF_ERROR in dialog.result.checks.text()
    qtbot.mouseClick(dialog.result.finalise_button, Qt.LeftButton)
    kind, _title, text = answers.shown[-1]
    assert kind == "error" and RUNOFF_ERROR in text
    assert dialog.isVisible() and counts() == (0, 0, 0, 0) and not committee(UNIT)

    dialog.go_to("committee")
    first = dialog.rounds["committee"]
    # Tab reaches the button after the table's own buttons.
    first.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    first.remove_button.setFocus(Qt.TabFocusReason)
    qtbot.keyClick(first.remove_button, Qt.Key_Tab)
    assert first.runoff_button.hasFocus()
    press(qtbot, first.runoff_button)

    # The run-off gets its own page right after the vote it settles, with the tied already on the ballot.
    assert dialog.page_keys[dialog.page_keys.index("committee") + 1] == "committee+1"
    assert dialog.current_key() == "committee+1"
    title = _("{vote} (run-off)").format(vote=_("Executive committee vote"))
    assert dialog.page_list.currentItem().text() == f"5. {title}"
    assert dialog.page_list.item(dialog.page_keys.index("result")).text().startswith("8. ")
    runoff = dialog.runoff_editors["committee"][0]
    assert runoff.names() == ["赵敏", "黄丽"]
    assert [c.person for c in runoff.model.candidates()] == [people["赵敏"].uuid, people["黄丽"].uuid]
    assert runoff.numbers["seats"].spin.value() == 1
    assert runoff.draft.competitive is False and runoff.competitive.isHidden()
    assert (runoff.numbers["entitled"].spin.value(), runoff.numbers["present"].spin.value()) == (40, 36)
    assert [runoff.numbers[n].spin.value() for n in ("issued", "returned", "valid", "invalid")] == [0, 0, 0, 0]
    assert runoff.numbers["issued"].spin.hasFocus()  # seats and names are there: the ballots come next
    assert first.runoff_button.text() == _("Go to the run-off vote")
    assert dialog.page_problems["committee"] == ([], [])  # the tie has its run-off now

    fill_runoff(qtbot, runoff, [(22, 10, 0), (13, 14, 0)])
    assert runoff.state.errors == [] and runoff.state.warnings == []
    assert runoff.state.elected == ["赵敏"]
    assert not runoff.runoff_box.isVisible()
    dialog.go_to("result")
    names = [dialog.result.table.item(r, 1).text() for r in range(dialog.result.table.rowCount())]
    assert len(names) == 7 and "赵敏" in names and "黄丽" not in names
    assert "✔" in dialog.result.checks.text()

    qtbot.mouseClick(dialog.result.finalise_button, Qt.LeftButton)
    assert not dialog.isVisible()
    roster = {p.name for p in committee(UNIT)}
    assert roster == set(list(PEOPLE)[:6]) | {"赵敏"}
    election = er.Election.get()
    assert [(r.kind, r.seats, r.position) for r in election.rounds()] == [("committee", 7, 0), ("committee", 1, 1)]
    assert [c.name for c in election.rounds()[1].candidates()] == ["赵敏", "黄丽"]


def test_a_run_off_is_saved_and_opened_again_in_its_place(qtbot, gui_context, dialog, people, answers):
    fill_meeting(qtbot, dialog)
    fill_committee(qtbot, dialog, votes=TIE)
    dialog.rounds["committee"].runoff_button.click()
    fill_runoff(qtbot, dialog.runoff_editors["committee"][0], [(22, 10, 0), (13, 14, 0)])
    fill_small_round(qtbot, dialog, "chair", "lxy")
    assert dialog.save()
    election = er.Election.get()
    assert [(r.kind, r.position) for r in election.rounds()] == [("committee", 0), ("committee", 1), ("chair", 2)]

    again = ElectionDialog(gui_context, er.Election.get_by_id(election.uuid))
    qtbot.addWidget(again)
    again.show()
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    assert not again.has_changes()
    assert again.page_keys[3:6] == ["committee", "committee+1", "chair"]
    runoff = again.runoff_editors["committee"][0]
    assert runoff.names() == ["赵敏", "黄丽"] and runoff.numbers["seats"].spin.value() == 1
    assert [c.yes for c in runoff.model.candidates()] == [22, 13]
    assert runoff.state.elected == ["赵敏"]
    assert again.rounds["committee"].runoff_button.text() == _("Go to the run-off vote")
    # Not finalised: the run-off can be taken back; with votes typed on it, only after a question.
    assert runoff.remove_round_button.isEnabled()
    answers.replies.append(False)
    again.go_to("committee+1")
    press(qtbot, runoff.remove_round_button)
    assert answers.shown[-1][0] == "question" and "committee+1" in again.page_keys
    answers.replies.append(True)
    press(qtbot, runoff.remove_round_button)
    assert again.page_keys[3:5] == ["committee", "chair"] and again.current_key() == "committee"
    assert again.page_list.item(again.page_keys.index("result")).text().startswith("7. ")
    assert again.rounds["committee"].runoff_button.text() == _("Add a run-off vote")
    assert again.save()  # the tie is back, which saving allows (finalising does not)
    rounds = list(er.Election.get().rounds())
    assert [r.kind for r in rounds] == ["committee", "chair"]
    assert er.ElectionRound.get_by_id(runoff.draft.uuid).deleted  # in the recycle bin, with its names
    assert all(c.deleted for c in er.ElectionCandidate.select().where(er.ElectionCandidate.round == runoff.draft.uuid))


def test_a_tie_again_in_the_run_off_offers_another_run_off(qtbot, dialog, people, answers):
    fill_meeting(qtbot, dialog)
    # 杨梅, 赵敏 and 黄丽 tie for the last two seats.
    fill_committee(qtbot, dialog, votes=[(30, 1, 0)] * 5 + [(25, 3, 0)] * 3)
    first = dialog.rounds["committee"]
    assert "2" in first.runoff_label.text()
    press(qtbot, first.runoff_button)
    runoff = dialog.runoff_editors["committee"][0]
    assert runoff.names() == ["杨梅", "赵敏", "黄丽"] and runoff.numbers["seats"].spin.value() == 2
    # In the run-off 杨梅 is elected and the other two tie again for the one seat left.
    fill_runoff(qtbot, runoff, [(25, 5, 0), (22, 10, 0), (22, 10, 0)])
    assert runoff.state.elected == ["杨梅"]
    assert runoff.runoff_box.isVisible() and "赵敏" in runoff.runoff_label.text()
    dialog.go_to("result")
    assert (
        _("{round}: {names} are tied for the last seat; hold a run-off vote and enter it as a new round.").format(
            round=_(er.ROUND_KINDS["committee"]), names="赵敏、黄丽"
        )
        in dialog.result.checks.text()
    )

    dialog.go_to("committee+1")
    press(qtbot, runoff.runoff_button)
    assert dialog.current_key() == "committee+2"
    second = dialog.runoff_editors["committee"][1]
    assert (
        dialog.page_list.currentItem()
        .text()
        .endswith(_("{vote} (run-off {n})").format(vote=_("Executive committee vote"), n=2))
    )
    assert second.names() == ["赵敏", "黄丽"] and second.numbers["seats"].spin.value() == 1
    # Only the last run-off can be taken back.
    assert not runoff.remove_round_button.isEnabled() and second.remove_round_button.isEnabled()
    fill_runoff(qtbot, second, [(21, 12, 0), (15, 18, 0)])
    assert dialog.finalise()
    roster = {p.name for p in committee(UNIT)}
    assert roster == set(list(PEOPLE)[:5]) | {"杨梅", "赵敏"}
    election = er.Election.get()
    assert [(r.kind, r.seats) for r in election.rounds()] == [("committee", 7), ("committee", 2), ("committee", 1)]

    # Finalised with its run-offs: they stay.
    from gui.elections.election_dialog import ElectionDialog as Dialog

    again = Dialog(dialog.context, er.Election.get_by_id(election.uuid))
    qtbot.addWidget(again)
    assert again.page_keys[3:6] == ["committee", "committee+1", "committee+2"]
    assert not again.runoff_editors["committee"][1].remove_round_button.isEnabled()
    assert not again.remove_runoff(again.runoff_editors["committee"][1])


def test_a_run_off_that_no_longer_matches_the_tie_is_an_error(qtbot, dialog, people, answers):
    fill_meeting(qtbot, dialog)
    fill_committee(qtbot, dialog, votes=TIE)
    first = dialog.rounds["committee"]
    first.runoff_button.click()
    runoff = dialog.runoff_editors["committee"][0]
    # The tally sheet is read again: 黄丽 had one vote less, so nobody is tied.
    dialog.go_to("committee")
    first.table.setCurrentIndex(first.model.index(7, YES))
    first.table.setFocus()
    for digit in "24":  # the first digit opens the cell's editor
        qtbot.keyClicks(QApplication.focusWidget(), digit)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)  # the table commits on its next turn
    qtbot.waitUntil(lambda: first.draft.candidates[7].yes == 24)
    assert not first.runoff_box.isVisible()
    problem = _("The vote before this one has no tie for the last seat any more: remove this run-off vote.")
    assert runoff.state.errors == [problem] and problem in runoff.problems_label.text()
    assert not dialog.save()
    assert dialog.current_key() == "committee+1" and counts() == (0, 0, 0, 0)
    # Nothing typed on it yet: it goes without a question.
    press(qtbot, runoff.remove_round_button)
    assert "committee+1" not in dialog.page_keys and answers.shown == []
    assert dialog.save()
    assert [r.kind for r in er.Election.get().rounds()] == ["committee"]


def test_a_scrutineer_who_is_a_candidate_is_shown_beside_the_field(qtbot, dialog, people):
    fill_meeting(qtbot, dialog)
    type_text(dialog.meeting.counters, "孙琴、张晓红")
    fill_committee(qtbot, dialog)
    dialog.go_to("meeting")
    label = dialog.meeting.name_messages["counters"]
    assert label.isVisible() and "张晓红" in label.text()
    assert dialog.meeting.name_messages["scrutineers"].text() == ""
    assert not dialog.save()
    assert counts() == (0, 0, 0, 0)


def test_a_control_character_in_a_meeting_text_or_a_document_number_is_shown_beside_it(qtbot, dialog):
    from models import fields

    fill_meeting(qtbot, dialog)
    dialog.meeting.meeting_place.setText("村委会\x1b")
    dialog.go_to("steps")
    dialog.steps.documents["request"].setText("石妇字\u202e1号")  # the line edit holds at most 100 characters
    dialog.go_to("meeting")
    place = dialog.meeting.name_messages["meeting_place"]
    assert place.isVisible() and fields.label("election", "meeting_place") in place.text() and "U+001B" in place.text()
    dialog.go_to("steps")
    step = dialog.steps.messages["request"]
    assert (
        step.isVisible() and fields.label("election_step", "document_number") in step.text() and "U+202E" in step.text()
    )
    assert not dialog.save()
    assert dialog.banner.isVisible() and counts() == (0, 0, 0, 0)
    dialog.meeting.meeting_place.setText("村委会")
    dialog.steps.documents["request"].setText("石妇字〔2021〕1号")
    assert dialog.save()
    assert er.Election.get().meeting_place == "村委会"


def test_the_chair_vote_follows_the_committee_size_until_typed(qtbot, dialog):
    dialog.go_to("committee")
    type_number(qtbot, dialog.rounds["committee"].numbers["seats"].spin, 9)
    chair = dialog.rounds["chair"]
    assert (chair.numbers["entitled"].spin.value(), chair.numbers["present"].spin.value()) == (9, 9)
    type_number(qtbot, chair.numbers["present"].spin, 8)
    type_number(qtbot, dialog.rounds["committee"].numbers["seats"].spin, 11)
    assert chair.numbers["present"].spin.value() == 8
    assert dialog.rounds["vice_chair"].numbers["entitled"].spin.value() == 11


# --- candidates ---------------------------------------------------------------------------


def test_a_written_in_name_and_stroke_order(qtbot, dialog, people):
    dialog.go_to("committee")
    editor = dialog.rounds["committee"]
    for initials in ("zxh", "wf", "lxy"):
        add_by_initials(qtbot, editor, initials)
    editor.write_in.setChecked(True)
    type_text(editor.picker, "孟春")
    qtbot.keyClick(editor.picker, Qt.Key_Return)
    assert editor.names() == ["张晓红", "王芳", "李秀英", "孟春"]
    written = editor.model.candidates()[3]
    assert written.write_in and written.person is None
    assert not editor.write_in.isChecked()  # only for the one name
    qtbot.mouseClick(editor.sort_button, Qt.LeftButton)
    assert editor.names() == ["王芳", "李秀英", "张晓红", "孟春"]  # 王4 李7 张7(横) 孟8


def test_letters_that_match_several_people_are_not_taken_as_a_name(qtbot, dialog, people):
    save_person(PersonInput(name="李晓燕"), UNIT)
    dialog.go_to("committee")
    editor = dialog.rounds["committee"]
    editor.picker.setFocus()
    qtbot.keyClicks(editor.picker, "lx")
    editor.picker.completer_.popup().hide()
    editor.picker.take_typed()
    assert editor.names() == []
    assert editor.picker_message.isVisible() and "lx" in editor.picker_message.text()
    editor.picker.clear()
    qtbot.keyClicks(editor.picker, "qqq")
    editor.picker.completer_.popup().hide()
    editor.picker.take_typed()
    assert editor.names() == []


def test_the_match_list_picks_with_down_and_enter(qtbot, dialog, people):
    save_person(PersonInput(name="李晓燕"), UNIT)
    dialog.go_to("committee")
    editor = dialog.rounds["committee"]
    editor.picker.setFocus()
    qtbot.keyClicks(editor.picker, "lx")
    popup = editor.picker.completer_.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key_Down)
    chosen = popup.currentIndex().data(Qt.UserRole + 1)
    qtbot.keyClick(popup, Qt.Key_Return)
    assert editor.names() == [chosen]
    assert editor.model.candidates()[0].person == Person.get(Person.name == chosen).uuid


def test_a_name_typed_twice_is_marked_and_blocks_saving(qtbot, dialog, people):
    dialog.go_to("committee")
    editor = dialog.rounds["committee"]
    add_by_initials(qtbot, editor, "wf")
    add_by_initials(qtbot, editor, "wf")
    assert editor.cell_problem("王芳", "name")
    assert not dialog.save()
    assert counts() == (0, 0, 0, 0)
    editor.table.setCurrentIndex(editor.model.index(1, YES))
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key_Delete)
    assert editor.names() == ["王芳"]
    assert editor.state.errors == []


# --- saving ---------------------------------------------------------------------------------


def test_impossible_meeting_numbers_are_refused_and_nothing_is_written(qtbot, dialog):
    fill_meeting(qtbot, dialog, entitled=30, present=31, excused=0)
    assert dialog.meeting.numbers["present"].message_text() == _("More present than entitled.")
    assert not dialog.save()
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert counts() == (0, 0, 0, 0)
    assert dialog.meeting.numbers["present"].spin.value() == 31  # the input is kept


def test_a_save_that_fails_half_way_leaves_nothing_behind(qtbot, dialog, people, answers):
    fill_meeting(qtbot, dialog)
    fill_committee(qtbot, dialog)
    # The last candidate points at a record that does not exist: the database refuses her row
    # after the election, its steps, its round and seven candidates were already written.
    dialog.draft.rounds["committee"].candidates[-1].person = "no-such-person"
    assert not dialog.save()
    assert answers.shown[-1][0] == "error"
    assert dialog.isVisible()
    assert counts() == (0, 0, 0, 0)
    dialog.draft.rounds["committee"].candidates[-1].person = people["黄丽"].uuid
    assert dialog.save()
    assert counts() == (1, 1, 1, 8)  # the election, its congress step (the meeting's date), one round, 8 names


def test_esc_with_changes_asks_and_nothing_is_written(qtbot, dialog, answers):
    type_number(qtbot, dialog.basics.term_number, 4)
    answers.replies.append(False)
    qtbot.keyClick(dialog.basics.term_number, Qt.Key_Escape)
    assert answers.shown[-1] == ("question", dialog.windowTitle(), _("Discard the changes you typed?"))
    assert dialog.isVisible()
    answers.replies.append(True)
    qtbot.keyClick(dialog.basics.term_number, Qt.Key_Escape)
    assert not dialog.isVisible()
    assert counts() == (0, 0, 0, 0)


def test_esc_without_changes_closes_at_once(qtbot, dialog, answers):
    qtbot.keyClick(dialog.page_list, Qt.Key_Escape)
    assert not dialog.isVisible()
    assert answers.shown == []


def test_an_election_opened_again_shows_what_was_saved_and_keeps_its_committee(
    qtbot, gui_context, dialog, people, answers
):
    fill_meeting(qtbot, dialog)
    fill_committee(qtbot, dialog)
    fill_small_round(qtbot, dialog, "chair", "lxy")
    assert dialog.finalise()
    election = er.Election.get()

    again = ElectionDialog(gui_context, er.Election.get_by_id(election.uuid))
    qtbot.addWidget(again)
    again.show()
    assert not again.has_changes()
    assert again.meeting.numbers["entitled"].spin.value() == 40
    assert again.rounds["committee"].names() == list(PEOPLE)
    assert again.basics.status.currentData() == "elected"
    again.go_to("result")
    assert again.result.table.rowCount() == 7
    assert _("Finalised") in again.result.status.text() or "2031" in again.result.status.text()
    # A 两委 post typed later is saved on the member and her record.
    again.result.table.item(1, 4).setText("村委会委员")
    assert again.has_changes()
    assert again.save()
    name = again.result.table.item(1, 1).text()
    member = next(m for m in er.Election.get().members() if m.person.name == name)
    assert member.two_committees_post == "村委会委员"
    assert committee(UNIT)[0].name == "李秀英"


def test_every_page_is_reachable_by_keyboard(qtbot, dialog):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    seen = [dialog.current_key()]
    for _step in range(len(PAGES) - 1):
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key_PageDown, Qt.ControlModifier)
        seen.append(dialog.current_key())
        assert QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget())
    assert seen == [key for key, _t in PAGES]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_PageUp, Qt.ControlModifier)
    assert dialog.current_key() == "vice_chair"


def test_the_draft_counts_like_the_stored_round(gui_context, people):
    """The live count and the count of the saved records agree (the same rules, applied once each)."""
    draft = ElectionDraft.new()
    draft.meeting_date, draft.entitled, draft.present = dt.date(2026, 3, 20), 40, 36
    round_ = draft.rounds["committee"]
    round_.issued, round_.returned, round_.valid, round_.invalid = 36, 36, 35, 1
    from models.elections.draft import CandidateDraft

    round_.candidates = [CandidateDraft(n, people[n].uuid, False, 30 - i, 1, 0) for i, n in enumerate(PEOPLE)]
    round_.entitled, round_.present = 40, 36
    live = round_.tally("entitled")
    stored = save_draft(draft, UNIT)
    assert er.check_round(stored, stored.rounds()[0]).result.elected == live.elected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021-03-20", dt.date(2021, 3, 20)),
        ("2021.3.20", dt.date(2021, 3, 20)),
        ("2021/3/20", dt.date(2021, 3, 20)),
        ("2021年3月20日", dt.date(2021, 3, 20)),
        ("20210320", dt.date(2021, 3, 20)),
        ("２０２１年３月２０日", dt.date(2021, 3, 20)),
        ("", None),
    ],
)
def test_dates_are_read_the_ways_cadres_write_them(text, expected):
    assert parse_day(text) == (expected, None)


@pytest.mark.parametrize("text", ["2021-02-30", "3月20日", "1800-01-01", "tomorrow"])
def test_impossible_dates_say_why(text):
    day, problem = parse_day(text)
    assert day is None and problem
