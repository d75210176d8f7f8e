"""The first-run dialog: the level shown live, inline errors, OK only when valid, the unit stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.settings.first_run import FirstRunDialog
from models import db as dbmod
from models import units
from models.i18n import _
from tests.gui.gui_helpers import show_widget, type_text


@pytest.fixture
def fresh_database(db_path):
    """A migrated database with no own unit yet: what a first start sees."""
    dbmod.open_database(db_path)
    yield db_path
    dbmod.close_database()


@pytest.fixture
def dialog(qtbot, fresh_database, answers):
    return show_widget(qtbot, FirstRunDialog(fresh_database))


def test_starts_empty_with_ok_disabled_and_no_errors(dialog):
    assert not dialog.ok_button.isEnabled()
    assert not dialog.code_error.isVisible()
    assert not dialog.name_error.isVisible()


def test_level_follows_the_code_as_it_is_typed(qtbot, dialog):
    qtbot.keyClicks(dialog.code_edit, "4301211")
    assert dialog.level_label.text() == _("{count} of 12 digits").format(count=7)
    assert not dialog.code_error.isVisible()
    qtbot.keyClicks(dialog.code_edit, "00201")
    assert dialog.level_label.text() == _("Level: {level} (belongs to {parent})").format(
        level=_("village"), parent="430121100000"
    )
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, "430121100000")
    assert dialog.level_label.text().startswith(
        _("Level: {level} (belongs to {parent})").format(level=_("town"), parent="430121000000")
    )
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, "430121000000")
    assert units.level_label("430121000000") in dialog.level_label.text()


def test_a_community_code_says_community(qtbot, dialog):
    qtbot.keyClicks(dialog.code_edit, "430121001005")
    assert _("community") in dialog.level_label.text()


def test_a_bad_code_shows_the_error_beside_the_field_and_ok_stays_disabled(qtbot, dialog):
    qtbot.keyClicks(dialog.code_edit, "001211002010")
    type_text(dialog.name_edit, "石门村")
    assert dialog.code_error.isVisible()
    assert dialog.code_error.text() == _("A unit code cannot start with 00.")
    assert not dialog.ok_button.isEnabled()
    assert dialog.code_edit.text() == "001211002010"  # the user's input is kept


def test_too_many_digits_is_an_error(qtbot, dialog):
    qtbot.keyClicks(dialog.code_edit, "4301211002011")
    assert dialog.code_error.text() == _("A unit code has exactly 12 digits.")
    assert not dialog.ok_button.isEnabled()


def test_clearing_the_name_shows_that_it_is_required(qtbot, dialog):
    qtbot.keyClicks(dialog.code_edit, "430121100201")
    type_text(dialog.name_edit, "石门村")
    assert dialog.ok_button.isEnabled()
    dialog.name_edit.clear()
    assert dialog.name_error.isVisible()
    assert dialog.name_error.text() == _("The unit name is required.")
    assert not dialog.ok_button.isEnabled()


def test_accepting_stores_the_own_unit(qtbot, dialog):
    qtbot.keyClicks(dialog.code_edit, "430121100201")
    type_text(dialog.name_edit, "石门村")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.result() == FirstRunDialog.Accepted
    unit = units.own_unit()
    assert (unit.code, unit.name, unit.level) == ("430121100201", "石门村", units.VILLAGE)


def test_full_width_digits_and_spaces_are_accepted(qtbot, dialog):
    type_text(dialog.code_edit, "４３０１２１ １００２０１")
    type_text(dialog.name_edit, "石门村")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert units.own_unit().code == "430121100201"


def test_esc_after_typing_asks_before_quitting(qtbot, dialog, answers):
    qtbot.keyClicks(dialog.code_edit, "4301")
    answers.replies.append(False)  # "quit without saving?" → No
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert dialog.isVisible()
    assert answers.shown[-1][0] == "question"
    answers.replies.append(True)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible()
    assert units.own_unit() is None


def test_esc_on_an_empty_dialog_quits_without_asking(qtbot, dialog, answers):
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible()
    assert answers.shown == []
