"""The elections page (换届选举), its printing, and what follows from an election elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.common.page import DELETE, EDIT, NEW, PRINT
from gui.elections.election_dialog import ElectionDialog
from gui.elections.page import TERM_END, ElectionsPage
from models import codes
from models.elections import records as er
from models.elections.records import months_until
from models.i18n import _, format_date
from models.people import Person, PersonInput, committee, save_person
from models.recycle_bin import move_to_bin
from models.units import upsert_unit
from tests.gui.gui_helpers import save_from_preview, show_widget

UNIT = "430121100201"
NAMES = ["李秀英", "王芳", "张晓红", "刘娟", "陈静", "杨梅", "赵敏", "黄丽"]


def add_years(day: dt.date, years: int) -> dt.date:
    return er.add_years(day, years)


def finished_election(meeting: dt.date, unit: str = UNIT, term_number: int = 3, names=NAMES) -> er.Election:
    """An election with three rounds, finalised the way the dialog does it."""
    persons = {n: save_person(PersonInput(name=n), unit) for n in names}
    election = er.save_election(
        er.Election(
            unit=unit,
            kind="regular",
            term_number=term_number,
            meeting_date=meeting,
            entitled=40,
            present=36,
            excused=2,
            chief_scrutineer="周兰",
            scrutineers="吴霞、郑云",
            counters="孙琴",
            meeting_place="村委会会议室",
        )
    )
    er.ElectionStep.create(
        unit=unit, election=election, step="preparatory_group", date=meeting - dt.timedelta(days=60), document_number=""
    )
    er.ElectionStep.create(
        unit=unit,
        election=election,
        step="approval",
        date=meeting - dt.timedelta(days=40),
        document_number="石党支〔2026〕3号",
    )

    def add_round(position, kind, seats, votes, competitive, size):
        round_ = er.ElectionRound.create(
            unit=unit,
            election=election,
            position=position,
            kind=kind,
            seats=seats,
            competitive=competitive,
            entitled=size,
            present=size,
            issued=size,
            returned=size,
            valid=size,
            invalid=0,
        )
        for name, yes in votes.items():
            er.ElectionCandidate.create(
                unit=unit, round=round_, person=persons[name], name=name, yes=yes, no=0, abstain=0
            )

    add_round(0, "committee", 7, {n: 30 - i for i, n in enumerate(names)}, True, 36)
    add_round(1, "chair", 1, {names[0]: 7}, False, 7)
    add_round(2, "vice_chair", 1, {names[1]: 7}, False, 7)
    er.finalise(election)
    return er.Election.get_by_id(election.uuid)


def preparing_election(unit: str = UNIT) -> er.Election:
    election = er.save_election(er.Election(unit=unit, kind="regular", status="preparing"))
    er.ElectionStep.create(unit=unit, election=election, step="preparatory_group", date=dt.date(2026, 11, 2))
    return election


@pytest.fixture
def page(qtbot, gui_context, answers):
    return show_widget(qtbot, ElectionsPage(gui_context), (1100, 700))


def test_the_toolbar_offers_new_edit_delete_and_print(page):
    assert page.supported == {NEW, EDIT, DELETE, PRINT}
    texts = [a.text() for a in page.toolbar.actions() if not a.isSeparator()]
    assert texts == [
        _("New"),
        _("Edit"),
        _("Delete"),
        _("Print"),
        _("Cross-check with scanned ballots…"),
        _("Recycle bin"),
    ]


def test_an_empty_unit_explains_what_to_do(qtbot, page):
    assert page.state() == "empty"
    assert "Ctrl+N" in page.empty_state.text.text()
    assert page.summary.text() == _("No election has been finalised yet, so the end of the current term is not known.")
    assert not page.actions_by_name[EDIT].isEnabled()
    button = next(
        page.empty_state.buttons.itemAt(i).widget()
        for i in range(page.empty_state.buttons.count())
        if page.empty_state.buttons.itemAt(i).widget() is not None
    )
    qtbot.mouseClick(button, Qt.LeftButton)
    assert isinstance(page.dialog, ElectionDialog)


def test_the_list_shows_status_and_highlights_the_current_term_end(page, gui_context):
    old = finished_election(dt.date(2021, 5, 6), term_number=2, names=NAMES)
    current = finished_election(dt.date(2026, 5, 6), term_number=3, names=NAMES)
    preparing_election()
    page.today = dt.date(2026, 11, 28)
    page.refresh()
    model = page.model
    assert page.state() == "table"
    # In preparation first, then the latest congress first.
    assert [e.uuid for e in model.rows][1:] == [current.uuid, old.uuid]
    assert model.data(model.index(0, 2)) == _(er.STATUSES["preparing"])
    assert model.data(model.index(0, 3)) == _("not held yet")
    assert model.data(model.index(1, 2)) == _(er.STATUSES["elected"])
    assert model.data(model.index(1, TERM_END)) == "2031-05-06"
    assert model.data(model.index(1, TERM_END), Qt.BackgroundRole) is not None
    assert model.data(model.index(1, TERM_END), Qt.FontRole).bold()
    assert model.data(model.index(2, TERM_END), Qt.BackgroundRole) is None
    summary = page.summary.text()
    assert format_date(dt.date(2031, 5, 6)) in summary and "⚠" not in summary


def test_the_list_holds_the_shown_columns_and_the_selection_opens_the_whole_record(page):
    old = finished_election(dt.date(2021, 5, 6), term_number=2, names=NAMES)
    current = finished_election(dt.date(2026, 5, 6), term_number=3, names=NAMES)
    page.refresh()
    assert all(isinstance(row, er.ElectionRow) for row in page.model.rows)
    assert page.model.rows[1] == er.ElectionRow(
        old.uuid, UNIT, "regular", 2, old.status, dt.date(2021, 5, 6), old.term_end
    )
    assert page.select_election(old.uuid)
    chosen = page.current_election()
    assert isinstance(chosen, er.Election) and chosen.uuid == old.uuid
    assert chosen.chief_scrutineer == "周兰" and page.current_election() is chosen  # read once per selection
    assert page.select_election(current.uuid)
    assert page.current_election().uuid == current.uuid
    page.model.reload()  # a reload reads the record afresh
    assert page.current_election() is not chosen


def test_the_election_table_model_passes_the_model_tester(qtmodeltester, gui_context):
    from gui.elections.page import ElectionTableModel

    finished_election(dt.date(2021, 5, 6), term_number=2, names=NAMES)
    preparing_election()
    model = ElectionTableModel(gui_context.unit_code)
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_the_summary_warns_when_the_term_ends_within_six_months(page):
    finished_election(dt.date(2021, 5, 6))
    page.today = dt.date(2026, 1, 15)
    page.refresh()
    assert "⚠" in page.summary.text()
    assert format_date(dt.date(2026, 5, 6)) in page.summary.text()
    assert months_until(dt.date(2026, 5, 6), dt.date(2026, 1, 15)) == 3


def test_the_detail_pane_shows_steps_votes_and_committee(page):
    election = finished_election(dt.date(2026, 5, 6))
    page.refresh()
    assert page.select_election(election.uuid)
    detail = page.detail
    assert detail.section("title") == election.title()
    assert "石党支〔2026〕3号" in detail.section("steps")
    assert _(er.STEPS["filed"]) in detail.section("steps")  # not done yet, still listed
    assert "36" in detail.section("meeting") and "村委会会议室" in detail.section("meeting")
    assert _(er.ROUND_KINDS["chair"]) in detail.section("rounds")
    committee_text = detail.section("committee")
    assert "李秀英" in committee_text and codes.POST.label("chair") in committee_text
    assert committee_text.index("李秀英") < committee_text.index("王芳")
    assert "李秀英" in detail.toPlainText()


def test_delete_asks_and_moves_the_election_to_the_recycle_bin(page, answers):
    election = preparing_election()
    page.refresh()
    answers.replies.append(False)
    page.trigger(DELETE)
    assert answers.shown[-1][0] == "question"
    assert page.model.rowCount() == 1
    answers.replies.append(True)
    page.trigger(DELETE)
    assert page.state() == "empty"
    assert er.Election.get_by_id(election.uuid).deleted


def test_edit_opens_the_selected_election(qtbot, page):
    election = finished_election(dt.date(2026, 5, 6))
    page.refresh()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert isinstance(page.dialog, ElectionDialog)
    assert page.dialog.draft.uuid == election.uuid
    assert page.dialog.rounds["committee"].names() == NAMES


def test_edit_of_an_election_deleted_meanwhile_opens_nothing_and_shows_the_list_as_it_is(page):
    election = preparing_election()
    page.refresh()
    move_to_bin("elections", [election.uuid], UNIT)  # e.g. from the recycle bin's other window
    page.trigger(EDIT)
    assert page.dialog is None
    assert page.state() == "empty"


@pytest.mark.parametrize("form", ["ballot", "tally", "election", "composition"])
def test_the_election_forms_print_from_the_page(page, answers, tmp_path, form):
    finished_election(dt.date(2026, 5, 6))
    page.refresh()
    choices = page.print_choices()
    texts = [text for text, *_rest in choices]
    assert len(texts) == 3 + 3 + 1 + 2  # ballots and tally sheets per round, the report, the statistics
    text, name, record_id, suffix = next(c for c in choices if c[1] == form)
    answers.files.append(tmp_path / f"{form}.pdf")
    assert page.print_form(name, record_id, suffix) is not None  # the print preview
    path = save_from_preview()
    assert path == tmp_path / f"{form}.pdf"
    assert path.read_bytes().startswith(b"%PDF")


def test_the_print_menu_lists_one_ballot_per_round(page):
    finished_election(dt.date(2026, 5, 6))
    page.refresh()
    page._fill_print_menu()
    texts = [a.text() for a in page.print_menu.actions()]
    assert _("Ballot — {round}").format(round=_(er.ROUND_KINDS["chair"])) in texts
    assert _("Election result report") in texts


def election_with_a_run_off(meeting: dt.date) -> er.Election:
    """赵敏 and 黄丽 tie for the seventh seat; the run-off elects 赵敏."""
    persons = {n: save_person(PersonInput(name=n), UNIT) for n in NAMES}
    election = er.save_election(
        er.Election(unit=UNIT, kind="regular", term_number=3, meeting_date=meeting, entitled=40, present=36, excused=2)
    )
    votes = ({n: 30 for n in NAMES[:6]} | {"赵敏": 25, "黄丽": 25}, {"赵敏": 22, "黄丽": 13})
    for position, (seats, competitive, counted) in enumerate(((7, True, votes[0]), (1, False, votes[1]))):
        round_ = er.ElectionRound.create(
            unit=UNIT,
            election=election,
            position=position,
            kind="committee",
            seats=seats,
            competitive=competitive,
            entitled=40,
            present=36,
            issued=36,
            returned=36,
            valid=36,
            invalid=0,
        )
        for name, yes in counted.items():
            er.ElectionCandidate.create(unit=UNIT, round=round_, person=persons[name], name=name, yes=yes)
    er.finalise(election)
    return er.Election.get_by_id(election.uuid)


def test_a_run_off_round_prints_its_own_ballot_and_opens_on_its_own_page(qtbot, page, answers, tmp_path):
    election = election_with_a_run_off(dt.date(2026, 5, 6))
    assert {p.name for p in committee(UNIT)} == set(NAMES[:6]) | {"赵敏"}
    page.refresh()
    committee_label = _(er.ROUND_KINDS["committee"])
    ballots = [c for c in page.print_choices() if c[1] == "ballot"]
    assert [text for text, *_rest in ballots] == [
        _("Ballot — {round}").format(round=committee_label),
        _("Ballot — {round}").format(round=_("{round}: run-off vote").format(round=committee_label)),
    ]
    answers.files.append(tmp_path / "runoff.pdf")
    assert page.print_form("ballot", ballots[1][2], "pdf") is not None
    assert save_from_preview().read_bytes().startswith(b"%PDF")

    page.trigger(EDIT)
    dialog = page.dialog
    assert dialog.page_keys[3:5] == ["committee", "committee+1"]
    assert dialog.runoff_editors["committee"][0].names() == ["赵敏", "黄丽"]
    assert not dialog.has_changes()
    assert election.uuid == dialog.draft.uuid


# --- the rest of the program follows an election ------------------------------------------------


def test_finalising_from_the_page_updates_the_members_page(qtbot, main_window, answers):
    for name in NAMES:
        save_person(PersonInput(name=name), UNIT)
    people = main_window.show_page("people")  # built before the election: it must follow by itself
    page = main_window.show_page("elections")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    qtbot.keyClick(page, Qt.Key_N, Qt.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, ElectionDialog)
    dialog.meeting.meeting_date.setText("2026-03-20")
    dialog.meeting.numbers["entitled"].spin.setValue(40)
    dialog.meeting.numbers["present"].spin.setValue(36)
    for kind, names, size in (("committee", NAMES, 36), ("chair", NAMES[:1], 7), ("vice_chair", NAMES[1:2], 7)):
        editor = dialog.rounds[kind]
        for name in names:
            editor.picker.setText(name)
            editor.picker.take_typed()
        for field in ("issued", "returned", "valid"):
            editor.numbers[field].spin.setValue(size)
        for row in range(len(names)):
            editor.model.setData(editor.model.index(row, 3), (30 if kind == "committee" else 7) - row)
    assert dialog.finalise()
    assert page.dialog is None
    assert answers.shown[-1][0] == "info"
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 2)) == _(er.STATUSES["elected"])

    assert main_window.show_page("people") is people
    posts = {
        people.model.person_at(r).name: people.model.data(people.model.index(r, 6))
        for r in range(people.model.rowCount())
    }
    assert posts["李秀英"] == codes.POST.label("chair")
    assert posts["王芳"] == codes.POST.label("vice_chair")
    assert posts["张晓红"] == codes.POST.label("executive")
    assert posts["黄丽"] == ""
    assert [p.name for p in committee(UNIT)][:2] == ["李秀英", "王芳"]


def test_the_overview_reminds_of_a_term_ending_within_six_months(main_window):
    today = dt.date.today()
    meeting = add_years(today, -5) + dt.timedelta(days=92)  # five years minus three months ago
    election = finished_election(meeting)
    overview = main_window.show_page("overview")
    overview.refresh()
    assert overview.terms.isVisible()
    text = overview.terms_list.text()
    assert "石门村" in text and format_date(election.term_end) in text
    overview.terms_button.click()
    assert main_window.current_key() == "elections"


def test_the_overview_is_quiet_while_the_term_has_long_to_run(main_window):
    finished_election(add_years(dt.date.today(), -1))
    overview = main_window.show_page("overview")
    overview.refresh()
    assert not overview.terms.isVisible()


def test_a_county_is_reminded_of_the_villages_below(qtbot, gui_context, answers, database):
    from gui.overview.page import OverviewPage
    from models import units

    county = "430121000000"
    units.set_own_unit(county, "长沙县")
    upsert_unit("430121100202", "桃花村", owner="430121100202")
    today = dt.date.today()
    finished_election(add_years(today, -5) + dt.timedelta(days=60), unit="430121100202")
    gui_context.unit_code, gui_context.unit_name = county, "长沙县"
    overview = OverviewPage(gui_context)
    qtbot.addWidget(overview)
    overview.show()
    # A county's first page is the cockpit: its figure of terms ending names the village.
    qtbot.waitUntil(lambda: overview.cockpit is not None and overview.cockpit.figures is not None, timeout=20_000)
    assert overview.cockpit.ending.value == 1
    assert [term.unit_name for term in overview.cockpit.figures.elections.ending] == ["桃花村"]
    assert Person.select().count() == len(NAMES)
