"""Reading sheets back from the pages: the training's printed sign-in sheets and a round's ballots, signed and
marked, scanned, chosen as files or a folder, read in a worker, confirmed and recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gui.elections.page import ElectionsPage
from gui.paper import scans
from gui.paper.ballot_dialog import CrossCheckDialog
from gui.paper.signin_dialog import DECISION, SignInReadDialog
from gui.training.page import READ_SHEETS, TrainingPage
from models import training as tr
from models.elections import records as er
from models.paper import ballots as pb
from models.paper import evidence
from tests.gui.gui_helpers import show_widget
from tests.gui.paper_scans import marked_ballots, signed_scans
from tests.models.paper_helpers import make_round

START = dt.date(2026, 4, 14)
NAMES = ["王芳", "李秀英", "张晓红", "刘娟", "陈静", "赵敏"]


@pytest.fixture
def folder_answer():
    chosen: list[object] = []
    scans.answer_folder_with = lambda caption: chosen.pop(0) if chosen else None
    yield chosen
    scans.answer_folder_with = None


def a_training(unit: str) -> tr.Training:
    training = tr.save_training(
        tr.TrainingInput(name="村级妇联执委能力提升培训", organiser="长沙县妇联", start_date=START, end_date=START),
        unit,
    )
    for name in NAMES:
        tr.add_trainee(training, tr.TraineeInput(name=name, unit_name="石门村"))
    return training


def test_the_printed_sheets_signed_and_scanned_become_attendance_after_one_pass(qtbot, gui_context, answers, tmp_path):
    training = a_training(gui_context.unit_code)
    paths = signed_scans(training, tmp_path / "scans")
    page = show_widget(qtbot, TrainingPage(gui_context), (1200, 700))
    page.select_training(training.uuid)
    answers.files = [[str(p) for p in paths]]
    page.trigger(READ_SHEETS)
    dialog = page.dialog
    assert isinstance(dialog, SignInReadDialog)
    assert dialog.table.rowCount() == len(NAMES) * 2  # every trainee at both half days
    assert all(dialog.table.item(r, 3).data(Qt.DecorationRole) is not None for r in range(dialog.table.rowCount()))
    dialog.table.setFocus()
    dialog.table.setCurrentCell(0, DECISION)
    for _row in range(dialog.table.rowCount()):  # one key a row: the proposal, or present where unsure
        key = Qt.Key_1 if dialog.decisions[dialog.table.currentRow()] is None else Qt.Key_Return
        qtbot.keyClick(dialog.table, key)
    assert dialog.unanswered() == 0 and len(dialog.confirmed_rows) == dialog.table.rowCount()
    # The spare rows someone wrote or signed on are hers to type in or skip: she skips them.
    assert dialog.walk_in_rows, "the signed pages have strokes on their spare rows"
    for row in dialog.walk_in_rows:
        qtbot.keyClick(row.skip, Qt.Key_Space)
    dialog.save()
    assert page.dialog is None
    marks = tr.marks(training)
    assert len(marks) == len(NAMES) * 2
    present = sum(1 for d in dialog.decisions if d == "present")
    assert sum(1 for a in marks.values() if a.status == "present") == present
    assert len(evidence.pages_of(training.uuid)) == len(paths)
    assert str(present) in page.attendance.summary.text()


def test_a_folder_with_a_stranger_file_lists_it_with_the_reason(qtbot, gui_context, answers, tmp_path, folder_answer):
    training = a_training(gui_context.unit_code)
    folder = tmp_path / "scans"
    signed_scans(training, folder)
    (folder / "notes.txt").write_text("not a scan", encoding="utf-8")
    page = show_widget(qtbot, TrainingPage(gui_context), (1200, 700))
    page.select_training(training.uuid)
    folder_answer.append(str(folder))
    page.read_sign_in_sheets(folder=True)
    dialog = page.dialog
    assert isinstance(dialog, SignInReadDialog)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(line.startswith("notes.txt") for line in problems)
    dialog.reject()


def test_reading_with_progress_finds_what_the_reader_finds_a_page_twice_refused_once(gui_context, tmp_path):
    from models import units
    from paper.read import read_files
    from paper.sheets import Sheets

    training = a_training(gui_context.unit_code)
    paths = signed_scans(training, tmp_path / "scans")
    told: list[tuple[int, int]] = []
    batch = [*paths, paths[0]]
    ours = scans._read(batch, lambda done, total: told.append((done, total)))
    theirs = read_files(batch, Sheets(units.own_unit()))
    assert [(r.source, r.page, r.problem, len(r.cells)) for r in ours] == [
        (r.source, r.page, r.problem, len(r.cells)) for r in theirs
    ]
    assert ours[-1].problem and not ours[0].problem  # the same page again
    assert told[-1] == (len(batch), len(batch))


def test_cancelling_the_file_dialog_reads_nothing(qtbot, gui_context, answers):
    training = a_training(gui_context.unit_code)
    page = show_widget(qtbot, TrainingPage(gui_context), (1200, 700))
    page.select_training(training.uuid)
    page.trigger(READ_SHEETS)
    assert page.dialog is None and answers.shown == []


def test_scanned_ballots_catch_a_wrong_hand_count_from_the_elections_page(qtbot, gui_context, answers, tmp_path):
    round_ = make_round(gui_context.unit_code, ["赵敏", "李秀英", "王芳", "张晓红"], 3)
    paths = marked_ballots(round_, tmp_path / "ballots", count=6)
    from models import units
    from paper.read import read_files
    from paper.sheets import Sheets

    # The hand count: what the ballots say, with one slip in the first name's For.
    totals = pb.total(round_, read_files(paths, Sheets(units.own_unit())))
    assert totals.returned == 6
    for number, candidate in enumerate(er.ballot_order(round_.candidates()), start=1):
        line = totals.candidates[number]
        candidate.yes, candidate.no, candidate.abstain = line.yes + (number == 1), line.no, line.abstain
        candidate.save()
    round_.returned, round_.valid, round_.invalid = totals.returned, totals.valid, totals.invalid
    round_.save()
    if totals.written_in:
        er.ElectionCandidate.create(unit=round_.unit, round=round_, name="孟春", write_in=True, yes=totals.written_in)

    page = show_widget(qtbot, ElectionsPage(gui_context), (1200, 700))
    assert page.select_election(round_.election.uuid)
    answers.files = [[str(p) for p in paths]]
    page.cross_check(round_, "委员选举")
    dialog = page.dialog
    assert isinstance(dialog, CrossCheckDialog)
    assert [d.column for d in dialog.comparison.differences] == ["yes"]
    assert dialog.difference_ballots.count() >= 1
    dialog.record()
    check = pb.cross_check_of(round_)
    assert check is not None and check.differences == 1 and check.ballots == 6
