"""用扫描的选票复核: read ballots beside the hand count, a wrong count caught with the ballots that show it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.paper.ballot_dialog import DIFFERENT, CrossCheckDialog
from models import i18n
from models.elections import records as er
from models.paper import ballots as pb
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
