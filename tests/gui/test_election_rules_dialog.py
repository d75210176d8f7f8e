"""The election's own rules (选举办法) in the election dialog: chosen, counted by, saved and opened again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from gui.elections.election_dialog import ElectionDialog
from gui.elections.election_pages import OWN_RULES
from gui.elections.tally_candidates import RESULT
from models.elections import records as er
from models.elections.tally import PRESETS, ElectionRules, message
from models.i18n import _
from models.people import PersonInput, save_person
from tests.gui.gui_helpers import show_widget, type_text
from tests.gui.test_election_dialog import PEOPLE, fill_committee, fill_meeting, type_number

# 20 valid ballots of 20 present (30 entitled: exactly two thirds), 16 votes needed; 赵敏 (16 for, 4
# against) and 黄丽 (16 for, 2 against) tie on 赞成 for the seventh seat.
VOTES = [(18, 0, 2), (18, 1, 1), (17, 0, 3), (17, 2, 1), (17, 1, 2), (17, 3, 0), (16, 4, 0), (16, 2, 2)]
ZHAO, HUANG = 6, 7  # their rows


@pytest.fixture(autouse=True)
def answered(answers):
    return answers


@pytest.fixture
def people(gui_context):
    return {name: save_person(PersonInput(name=name), "430121100201") for name in PEOPLE}


@pytest.fixture
def dialog(qtbot, gui_context):
    return show_widget(qtbot, ElectionDialog(gui_context))


def choose_by_keyboard(qtbot, box: QComboBox, data) -> None:
    """Step through a combo box with the arrow keys, as a user does, until it shows ``data``."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Home)
    for _step in range(box.count()):
        if box.currentData() == data:
            return
        qtbot.keyClick(box, Qt.Key_Down)
    assert box.currentData() == data


def outcome(editor, row: int) -> str:
    return editor.model.data(editor.model.index(row, RESULT))


def test_a_preset_and_a_changed_option_are_counted_by_saved_and_opened_again(qtbot, gui_context, dialog, people):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    fill_meeting(qtbot, dialog, entitled=30, present=20, excused=0)
    meeting = dialog.meeting
    type_text(meeting.rules_title, "《长沙县村级妇联换届选举办法》")
    preset = next(p for p in PRESETS if p.key == "at_least_runoff")
    choose_by_keyboard(qtbot, meeting.rules_preset, preset.key)
    assert (meeting.quorum.currentData(), meeting.tie_break.currentData()) == ("at_least", "runoff")
    assert (meeting.surplus_percent.value(), meeting.surplus_rounding.currentData()) == (10, "up")

    fill_committee(qtbot, dialog, issued=20, returned=20, valid=20, invalid=0, votes=VOTES)
    editor = dialog.rounds["committee"]
    # Exactly two thirds present is a quorum "at least"; the tie on 赞成 goes to a run-off.
    assert editor.field_message("present") == ""
    assert outcome(editor, ZHAO) == outcome(editor, HUANG) == _("Run-off")

    # Fewer 反对 decides instead: 黄丽 takes the seat, as the result shown says.
    dialog.go_to("meeting")
    choose_by_keyboard(qtbot, meeting.tie_break, "fewer_against")
    assert outcome(editor, HUANG) == _("Elected to a seat")
    assert outcome(editor, ZHAO) != _("Run-off")
    assert "黄丽" in editor.state.elected and "赵敏" not in editor.state.elected
    # No preset has these options: the chooser says they are the election's own.
    assert meeting.rules_preset.currentText() == _(OWN_RULES)
    type_number(qtbot, meeting.surplus_percent, 12)

    # Under "more than two thirds" the same attendance is no quorum, and the page says so.
    choose_by_keyboard(qtbot, meeting.quorum, "more_than")
    assert editor.field_message("present") == message("no_quorum", ElectionRules(quorum="more_than"))
    choose_by_keyboard(qtbot, meeting.quorum, "at_least")
    assert editor.field_message("present") == ""

    assert dialog.save()
    election = er.Election.get()
    saved = ElectionRules(quorum="at_least", tie_break="fewer_against", surplus_percent=12, surplus_rounding="up")
    assert election.rules() == saved
    assert election.rules_title == "《长沙县村级妇联换届选举办法》"

    again = show_widget(qtbot, ElectionDialog(gui_context, er.Election.get_by_id(election.uuid)))
    assert not again.has_changes()
    shown = again.meeting
    assert shown.rules_title.text() == "《长沙县村级妇联换届选举办法》"
    assert shown.rules() == saved
    assert shown.rules_preset.currentText() == _(OWN_RULES)
    reopened = again.rounds["committee"]
    assert outcome(reopened, HUANG) == _("Elected to a seat") and reopened.field_message("present") == ""


def test_a_new_election_starts_with_the_old_rules_and_each_preset_fills_the_four_options(qtbot, dialog):
    meeting = dialog.meeting
    dialog.go_to("meeting")
    assert meeting.rules() == ElectionRules() and meeting.rules_preset.currentData() == PRESETS[0].key
    for preset in reversed(PRESETS):
        choose_by_keyboard(qtbot, meeting.rules_preset, preset.key)
        assert meeting.rules() == preset.rules == dialog.draft.rules()
        assert meeting.rules_preset.currentText() == _(preset.title)
