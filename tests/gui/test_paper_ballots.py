"""用扫描的选票复核: read ballots beside the hand count, a wrong count caught with the ballots that show it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from gui.elections.page import ElectionsPage
from gui.paper.ballot_dialog import DIFFERENT, CrossCheckDialog
from models import i18n
from models.elections import records as er
from models.paper import ballots as pb
from models.paper import evidence
from models.paper.reading import MARKED
from models.paper.sheet_map import FOR
from tests.conftest import VILLAGE_CODE
from tests.gui.gui_helpers import show_widget
from tests.models.paper_helpers import ballot, make_round
from tests.models.test_paper_ballots import NAMES, SEATS, hand_count, synthetic_batch


@pytest.fixture(autouse=True)
def english():
    """These tests read the dialogs' words in English (the Chinese is looked at on screenshots)."""
    i18n.set_language("en")


@pytest.fixture
def round_(database):
    return make_round(VILLAGE_CODE, NAMES, SEATS)


def counted(round_, wrong_by: int = 0):
    """A hundred read ballots, and the hand count entered (its first candidate's For off by ``wrong_by``)."""
    readings, truth, written_in, invalid = synthetic_batch(round_)
    hand_count(round_, truth, written_in, invalid)
    first = er.ballot_order(round_.candidates())[0]
    first.yes += wrong_by
    first.save()
    return readings, first


def highlighted(dialog: CrossCheckDialog, row: int) -> list[int]:
    return [
        column
        for column in range(1, 7)
        if dialog.table.item(row, column) is not None
        and dialog.table.item(row, column).background().color() == DIFFERENT
    ]


def test_a_wrong_hand_count_is_shown_with_the_ballots_that_show_it(qtbot, round_, answers):
    readings, first = counted(round_, wrong_by=1)
    dialog = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", readings))
    assert "official" in dialog.findChildren(type(dialog.summary))[0].text()
    assert dialog.table.item(0, 0).text() == first.name
    assert dialog.table.item(0, 1).text() == str(first.yes)
    assert dialog.table.item(0, 2).text() == str(first.yes - 1)
    assert highlighted(dialog, 0) == [1, 2]  # her For pair, and nothing else of hers
    assert all(not highlighted(dialog, row) for row in range(1, dialog.table.rowCount()))
    assert dialog.differences.count() == 1
    assert first.name in dialog.differences.item(0).text()
    # The ballots counted For her are there to count again, as pictures, with those that may explain it.
    difference = dialog.comparison.differences[0]
    assert len(difference.shown_by) == first.yes - 1
    strip = dialog.difference_ballots
    assert strip.count() == len(difference.shown_by) + len(difference.doubtful)
    counted_so = [strip.item(i).text() for i in range(strip.count()) if strip.item(i).text().endswith("counted so")]
    assert len(counted_so) == first.yes - 1
    assert not strip.item(0).icon().isNull()
    assert dialog.tabs.tabText(1).endswith(f"({dialog.totals.written_in})")
    assert dialog.write_ins.count() == dialog.totals.written_in > 0

    dialog.record()
    assert not dialog.isVisible()
    check = pb.cross_check_of(round_)
    assert check is not None and check.ballots == 100 and check.differences == 1
    assert round_.candidates().where(er.ElectionCandidate.uuid == first.uuid).get().yes == first.yes  # unchanged


def test_agreeing_ballots_say_so_and_unclear_ones_are_listed(qtbot, round_, answers):
    readings, _first = counted(round_)
    readings.append(ballot(round_.uuid, [(FOR, "against"), FOR, "", "", ""], index=100))
    readings.append(ballot(round_.uuid, [FOR, FOR, FOR, FOR, ""], write_ins=[MARKED], index=101))
    round_.returned, round_.valid, round_.invalid = 102, round_.valid + 1, round_.invalid + 1
    round_.save()
    dialog = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", readings))
    looked = [dialog.look_at.item(i).text() for i in range(dialog.look_at.count())]
    assert any(text.startswith("Ballot 101") for text in looked)
    assert any(text.startswith("Ballot 102") for text in looked)
    item = dialog.look_at.item(0)
    dialog.look_at.itemActivated.emit(item)
    assert dialog.look_at.opened is not None and dialog.look_at.opened.isVisible()
    dialog.look_at.opened.close()
    assert dialog.table.item(0, 0).data(Qt.DisplayRole)


def test_sheets_of_another_round_are_not_counted_and_say_why(qtbot, round_, answers):
    other = make_round(VILLAGE_CODE, ["孙丽"], 1)
    readings = [ballot(other.uuid, [FOR]), ballot(round_.uuid, [FOR, "", "", "", ""])]
    dialog = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", readings))
    assert dialog.totals.returned == 1
    assert dialog.not_read.count() == 1 and "not a ballot of this round" in dialog.not_read.item(0).text()


def test_ballots_read_from_pictures_without_red_are_to_be_scanned_again_in_colour(qtbot, round_, answers):
    readings, _first = counted(round_)
    stamped = [replace(reading, red_taken_out=True) for reading in readings]
    assert show_widget(qtbot, CrossCheckDialog(round_, "委员选举", stamped)).gray_note.isHidden()
    three_gray = [replace(reading, red_taken_out=index >= 3) for index, reading in enumerate(readings)]
    dialog = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", three_gray))
    assert dialog.gray_note.isVisible()
    assert dialog.gray_note.text().startswith("3 of the 100 ballots read show no red at all")


def test_a_round_with_no_ballots_kept_and_no_check_has_nothing_to_warn_of(qtbot, round_, answers):
    readings, _first = counted(round_)
    dialog = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", readings))
    assert dialog.kept_note.isHidden() and dialog.returned_note.isHidden()
    dialog.record()
    assert answers.shown[-1][0] == "info"  # no question asked: nothing kept was replaced
    assert evidence.kept_ballots(round_.uuid).count == 100


def test_ballots_read_in_two_batches_are_told_apart_before_the_first_are_replaced(qtbot, round_, answers):
    readings, _first = counted(round_)
    today = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", readings[:60]))
    assert "Only 60 of the 100 ballots returned were read; 40 were not" in today.returned_note.text()
    assert today.returned_note.isVisible() and today.kept_note.isHidden()
    returned = [today.differences.item(i).text() for i in range(today.differences.count())]
    assert "Ballots returned: hand count 100, ballots read 60" in returned
    today.record()
    kept = evidence.kept_ballots(round_.uuid)
    assert kept.count == 60

    tomorrow = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", readings[60:]))
    note = tomorrow.kept_note.text()
    assert tomorrow.kept_note.isVisible()
    assert "already has 60 ballot images kept as evidence, read on" in note
    assert "keeps the 40 ballots read now in their place, not beside them" in note and "in one go" in note
    assert "Cross-checked on" in note  # the check recorded today, which this one would replace
    assert "Only 40 of the 100 ballots returned were read" in tomorrow.returned_note.text()

    answers.replies = [False]  # asked whether to keep 40 images in place of 60: no
    tomorrow.record()
    kind, _title, text = answers.shown[-1]
    assert kind == "question" and "60 ballot images kept" in text and "20 images fewer" in text
    assert tomorrow.isVisible() and evidence.kept_ballots(round_.uuid).count == 60
    assert pb.cross_check_of(round_).ballots == 60

    answers.replies = [True]
    tomorrow.record()
    assert not tomorrow.isVisible()
    assert evidence.kept_ballots(round_.uuid).count == 40 and pb.cross_check_of(round_).ballots == 40

    # All hundred read together, in one go: no question (nothing is lost), and they agree.
    answers.shown.clear()
    together = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", readings))
    assert together.returned_note.isHidden() and "40 ballot images" in together.kept_note.text()
    together.record()
    assert [kind for kind, _t, _x in answers.shown] == ["info"]
    assert evidence.kept_ballots(round_.uuid).count == 100 and pb.cross_check_of(round_).agreed


def test_more_ballots_read_than_returned_say_a_ballot_may_have_been_scanned_twice(qtbot, round_, answers):
    readings, _first = counted(round_)
    dialog = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", [*readings, readings[0]]))
    assert "More ballots were read (101) than the hand count's ballots returned (100)" in dialog.returned_note.text()


def test_the_elections_page_says_when_the_count_was_changed_after_its_check(qtbot, gui_context, answers):
    round_ = make_round(gui_context.unit_code, NAMES, SEATS)
    readings, first = counted(round_)
    pb.record_cross_check(round_, pb.compare(round_, pb.total(round_, readings)))
    page = show_widget(qtbot, ElectionsPage(gui_context), (1200, 700))
    assert page.select_election(round_.election.uuid)
    rounds = page.detail.section("rounds")
    assert "Cross-checked on" in rounds and "with 100 scanned ballots: they agreed with the hand count" in rounds
    assert "changed since" not in rounds

    first.yes += 1
    first.save()
    page.detail.show_election(page.current_election())
    rounds = page.detail.section("rounds")
    assert "⚠" in rounds and "the hand count was changed since" in rounds and "Cross-check again" in rounds
    dialog = show_widget(qtbot, CrossCheckDialog(round_, "委员选举", readings))
    assert "the hand count was changed since" in dialog.kept_note.text()

    first.yes -= 1  # back to the figures the ballots were compared with
    first.save()
    page.detail.show_election(page.current_election())
    assert "changed since" not in page.detail.section("rounds")
