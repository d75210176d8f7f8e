"""A message shown for a wrong field goes as soon as the field is put right, before OK or Save is pressed."""

from __future__ import annotations

from gui.submissions.page import ReasonDialog
from gui.training.trainee_picker import TraineeForm
from gui.training.trainee_table import LeaveReasonDialog
from models.base import FieldError
from models.i18n import _
from tests.gui.gui_helpers import show_widget, type_text


def test_the_return_reason_message_goes_when_a_reason_is_typed(qtbot):
    dialog = show_widget(qtbot, ReasonDialog("石门村"))
    dialog.try_accept()
    assert dialog.error.text() == _("The reason is required: say what must be corrected.")
    type_text(dialog.reason, "身份证号有误")
    assert dialog.error.text() == ""
    assert dialog.isVisible()


def test_the_leave_reason_message_goes_when_a_reason_is_typed(qtbot):
    dialog = show_widget(qtbot, LeaveReasonDialog("张秀英", "11月5日上午"))
    dialog.accept()
    assert dialog.error.isVisible() and dialog.error.text()
    type_text(dialog.reason, "照顾老人")
    assert not dialog.error.isVisible()
    assert dialog.isVisible()


def test_a_trainee_field_message_goes_when_the_field_is_typed_into(qtbot, database):
    form = show_widget(qtbot, TraineeForm())
    form.show_errors([FieldError("name", _("The name is required.")), FieldError("phone", "号码不对")])
    assert form.field_error("name") and form.field_error("phone")
    type_text(form.name, "王芳")
    assert form.field_error("name") == ""
    assert form.field_error("phone") == "号码不对"  # not touched yet: still shown
    qtbot.keyClicks(form.phone, "1")
    assert form.field_error("phone") == ""
