"""读取签到表: read sign-in pages confirmed one key a row, unclear cells answered, saved with the page images."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gui.paper import conflicts
from gui.paper.signin_dialog import DECISION, SignInReadDialog
from models import i18n
from models import training as tr
from models.paper import attendance as pa
from models.paper import evidence
from models.paper.reading import BLANK, MARKED, UNSURE
from tests.conftest import VILLAGE_CODE
from tests.gui.gui_helpers import show_widget, type_text
from tests.models.paper_helpers import signin_page


@pytest.fixture(autouse=True)
def english():
    """These tests read the dialogs' words in English (the Chinese is looked at on screenshots)."""
    i18n.set_language("en")


START = dt.date(2026, 4, 14)
NAMES = ["王芳", "李秀英", "张晓红", "刘娟"]


@pytest.fixture
def course(database):
    """A one-day training (morning and afternoon) with four trainees."""
    training = tr.save_training(
        tr.TrainingInput(name="村级妇联执委能力提升培训", organiser="长沙县妇联", start_date=START, end_date=START),
        VILLAGE_CODE,
    )
    for name in NAMES:
        tr.add_trainee(training, tr.TraineeInput(name=name, unit_name="石门村"))
    return training


def sessions_of(training) -> list[tr.TrainingSession]:
    return sorted(training.sessions(), key=lambda s: (s.date, s.half))


def people_of(training) -> dict[str, tr.Trainee]:
    return {t.name: t for t in tr.Trainee.live().where(tr.Trainee.training == training)}


def pages(training, verdicts: dict[str, tuple[str, str]], spare=()) -> list:
    """The day's two pages as read: two trainees a page, the spare rows on the second."""
    people = people_of(training)
    uuids = [s.uuid for s in sessions_of(training)]
    rows = [(people[name].uuid, dict(zip(uuids, verdicts[name], strict=True))) for name in NAMES]
    spare_rows = [(name_verdict, dict(zip(uuids, signs, strict=True))) for name_verdict, signs in spare]
    return [
        signin_page(training.uuid, START, 1, 2, rows[:2]),
        signin_page(training.uuid, START, 2, 2, rows[2:], spare=spare_rows),
    ]


def open_dialog(qtbot, training, readings) -> SignInReadDialog:
    dialog = show_widget(qtbot, SignInReadDialog(training, readings))
    dialog.table.setFocus()
    return dialog


def press(qtbot, dialog: SignInReadDialog, key) -> None:
    qtbot.keyClick(dialog.table, key)


def stored(training) -> dict[tuple[str, str], str]:
    """(name, "am"/"pm") → the status recorded."""
    am, pm = sessions_of(training)
    halves = {am.uuid: "am", pm.uuid: "pm"}
    names = {t.uuid: t.name for t in people_of(training).values()}
    return {(names[t], halves[s]): a.status for (s, t), a in tr.marks(training).items()}


def test_one_key_a_row_confirms_and_unclear_cells_block_saving_until_answered(qtbot, course, answers):
    verdicts = {name: (MARKED, MARKED) for name in NAMES}
    verdicts["李秀英"] = (MARKED, BLANK)
    verdicts["刘娟"] = (UNSURE, MARKED)
    readings = pages(course, verdicts)
    dialog = open_dialog(qtbot, course, readings)
    assert dialog.table.rowCount() == 8  # four trainees × two sessions, page by page
    pages_shown = [dialog.table.item(r, 0).text() for r in range(8)]
    assert pages_shown == sorted(pages_shown, key=lambda t: t.endswith("2/2"))  # page 1's rows first
    # The unclear row is the one the dialog starts on, coloured, asking for a key.
    unclear = dialog.table.currentRow()
    assert dialog.rows[unclear].trainee.name == "刘娟" and dialog.rows[unclear].proposal == pa.ASK
    assert "1" in dialog.table.item(unclear, DECISION).text()

    # Enter on the unclear row does not guess; saving is refused and says why.
    press(qtbot, dialog, Qt.Key_Return)
    assert dialog.decisions[unclear] is None and dialog.table.currentRow() == unclear
    dialog.save()
    assert answers.shown[-1][0] == "warning" and "unclear" in answers.shown[-1][2]
    assert tr.marks(course) == {} and evidence.pages_of(course.uuid) == []
    assert dialog.isVisible()

    # From the first row: Enter takes the proposal and moves on; 2 says absent against a signature.
    dialog.table.setCurrentCell(0, DECISION)
    press(qtbot, dialog, Qt.Key_Return)
    assert dialog.table.currentRow() == 1 and 0 in dialog.confirmed_rows
    press(qtbot, dialog, Qt.Key_2)  # 王芳's afternoon: signed, but the cadre knows she left
    assert dialog.decisions[1] == pa.ABSENT and dialog.table.currentRow() == 2
    dialog.table.setCurrentCell(unclear, DECISION)
    press(qtbot, dialog, Qt.Key_1)
    assert dialog.decisions[unclear] == pa.PRESENT
    assert dialog.unanswered() == 0 and "unclear" not in dialog.status.text()

    dialog.save()
    assert not dialog.isVisible()
    marks = stored(course)
    assert marks[("王芳", "am")] == "present" and marks[("王芳", "pm")] == "absent"
    assert marks[("李秀英", "pm")] == "absent" and marks[("刘娟", "am")] == "present"
    assert len(marks) == 8
    # The two pages' images are kept with the training in the same save.
    assert [p.page for p in evidence.pages_of(course.uuid)] == [1, 2]


@pytest.fixture
def conflict_answers():
    """Answers the dialog of contradicted marks: each answer ticks rows (by trainee name) and says save or back."""
    replies: list[tuple[set[str], bool]] = []
    seen: list[list[str]] = []

    def answer(dialog) -> bool:
        names = [c.trainee.name for c in dialog.conflicts]
        seen.append(names)
        ticked, save = replies.pop(0)
        for row, name in enumerate(names):
            dialog.tick(row, name in ticked)
        return save

    conflicts.answer_with = answer
    yield replies, seen
    conflicts.answer_with = None


def test_marks_typed_earlier_that_say_otherwise_are_hers_to_decide_one_by_one(qtbot, course, answers, conflict_answers):
    replies, seen = conflict_answers
    am, _pm = sessions_of(course)
    people = people_of(course)
    tr.mark(am, people["张晓红"], "absent")
    tr.mark(am, people["刘娟"], "absent")
    tr.mark(am, people["王芳"], "late")  # agrees with a signature: stays late, never asked
    dialog = open_dialog(qtbot, course, pages(course, {name: (MARKED, MARKED) for name in NAMES}))

    replies.append(({"刘娟"}, False))  # back to the rows: nothing written
    dialog.save()
    assert sorted(seen[0]) == ["刘娟", "张晓红"]
    assert dialog.isVisible() and len(tr.marks(course)) == 3 and evidence.pages_of(course.uuid) == []

    replies.append(({"刘娟"}, True))  # the sheet is right for 刘娟, the typed mark for 张晓红
    dialog.save()
    assert not dialog.isVisible()
    marks = stored(course)
    assert marks[("刘娟", "am")] == "present" and marks[("张晓红", "am")] == "absent"
    assert marks[("王芳", "am")] == "late" and marks[("张晓红", "pm")] == "present"
    assert len(marks) == 8 and len(evidence.pages_of(course.uuid)) == 2


def test_space_ticks_a_contradicted_mark_in_the_dialog(qtbot, course):
    from gui.paper.conflicts import ConflictDialog

    am, _pm = sessions_of(course)
    tr.mark(am, people_of(course)["张晓红"], "absent")
    result = pa.record(course, [pa.Confirmed(people_of(course)["张晓红"].uuid, am.uuid, pa.PRESENT)])
    dialog = show_widget(qtbot, ConflictDialog(result.conflicts))
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog, Qt.Key_Space)
    assert dialog.overwrite() == {(people_of(course)["张晓红"].uuid, am.uuid)}
    assert dialog.table.item(0, 2).text() and dialog.table.item(0, 3).text()


def test_walk_ins_are_typed_from_the_name_picture_and_missing_pages_are_listed(qtbot, course, answers):
    verdicts = {name: (MARKED, BLANK) for name in NAMES}
    readings = pages(course, verdicts, spare=[(MARKED, (MARKED, BLANK)), (MARKED, (MARKED, MARKED))])
    readings = readings[1:]  # page 1 never scanned
    dialog = open_dialog(qtbot, course, readings)
    assert dialog.walk_in_table.rowCount() == 2
    assert dialog.walk_in_table.item(0, 1).data(Qt.DecorationRole) is not None  # the name as written
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("1" in line and "2" in line for line in problems)  # page 1 of 2 was not read
    assert dialog.tabs.tabText(2).endswith(f"({len(problems)})")
    type_text(dialog.walk_in_rows[0].name, "周小梅")
    qtbot.keyClick(dialog.walk_in_rows[1].skip, Qt.Key_Space)  # the second one skipped: not added
    dialog.save()
    assert not dialog.isVisible()
    walk_in = people_of(course)["周小梅"]
    assert walk_in.walk_in
    assert stored(course)[("周小梅", "am")] == "present" and ("周小梅", "pm") not in stored(course)
    assert len(people_of(course)) == 5


SPARE = [(BLANK, (MARKED, BLANK)), (BLANK, (BLANK, BLANK)), (MARKED, (UNSURE, MARKED))]  # no name, empty, unclear


def test_a_signature_without_a_name_is_shown_and_must_be_typed_in_or_skipped(qtbot, course, answers):
    readings = pages(course, {name: (MARKED, MARKED) for name in NAMES}, spare=SPARE)
    dialog = open_dialog(qtbot, course, readings)
    # The signed row without a name and the named row with an unclear signature; the empty spare row is not.
    assert dialog.walk_in_table.rowCount() == 2
    no_name, unclear = dialog.walk_in_rows
    assert dialog.walk_in_table.item(0, 1).text() == "No name written"
    assert "signature" in no_name.name.placeholderText()
    # Her signature is there to type the name from, its session ticked; the unclear one half-ticked.
    assert len(pictures(no_name)) == 2
    assert [tick.checkState() for _s, tick in no_name.ticks] == [Qt.Checked, Qt.Unchecked]
    assert [tick.checkState() for _s, tick in unclear.ticks] == [Qt.PartiallyChecked, Qt.Checked]
    assert "2 spare rows still to type in or skip" in dialog.status.text()

    # Saving before the spare rows are typed in or skipped is refused and shows them.
    dialog.save()
    assert answers.shown[-1][0] == "warning" and "Skip" in answers.shown[-1][2]
    assert dialog.tabs.currentIndex() == 1 and dialog.isVisible()
    assert tr.marks(course) == {} and evidence.pages_of(course.uuid) == []

    type_text(no_name.name, "孟春")  # read from her signature
    type_text(unclear.name, "周小梅")
    assert "spare row" not in dialog.status.text()
    dialog.save()  # her morning signature is still unclear
    assert answers.shown[-1][0] == "warning" and "unclear" in answers.shown[-1][2]
    assert tr.marks(course) == {}
    qtbot.keyClick(unclear.ticks[0][1], Qt.Key_Space)  # she did sign in the morning
    assert unclear.ticks[0][1].checkState() == Qt.Checked

    dialog.save()
    assert not dialog.isVisible()
    marks = stored(course)
    assert marks[("孟春", "am")] == "present" and ("孟春", "pm") not in marks
    assert marks[("周小梅", "am")] == marks[("周小梅", "pm")] == "present"
    assert people_of(course)["孟春"].walk_in and len(people_of(course)) == len(NAMES) + 2


def test_a_spare_row_skipped_on_purpose_is_not_added(qtbot, course, answers):
    readings = pages(course, {name: (MARKED, MARKED) for name in NAMES}, spare=SPARE)
    dialog = open_dialog(qtbot, course, readings)
    no_name, unclear = dialog.walk_in_rows
    qtbot.keyClick(no_name.skip, Qt.Key_Space)
    assert not no_name.name.isEnabled()
    type_text(unclear.name, "周小梅")
    tick = unclear.ticks[0][1]
    qtbot.keyClick(tick, Qt.Key_Space)
    qtbot.keyClick(tick, Qt.Key_Space)  # ticked, then unticked: she did not sign in the morning
    assert tick.checkState() == Qt.Unchecked
    dialog.save()
    assert not dialog.isVisible()
    marks = stored(course)
    assert ("周小梅", "am") not in marks and marks[("周小梅", "pm")] == "present"
    assert set(people_of(course)) == {*NAMES, "周小梅"}


def pictures(row) -> list:
    """The pictures of a spare row's signature cells shown."""
    from PySide6.QtWidgets import QLabel

    return [label for label in row.signatures.findChildren(QLabel) if not label.pixmap().isNull()]
