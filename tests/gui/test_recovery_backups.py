"""The recovery code dialog says in one sentence what became of the backups made before the password."""

from __future__ import annotations

from gui.common.recovery import RecoveryCodeDialog
from models import db as dbmod
from models import password as pw
from models.i18n import _
from models.people import PersonInput, id_number_check_digit, save_person
from tests.gui.gui_helpers import show_widget

SECRET = "geheim-123"
ID_NUMBER = "43012119780512002" + id_number_check_digit("43012119780512002")


def test_the_recovery_code_dialog_tells_how_many_older_backups_were_encrypted(qtbot, gui_context):
    save_person(PersonInput(name="王秀英", birth="1978-05", id_number=ID_NUMBER), gui_context.unit_code)
    dbmod.automatic_backup("daily")
    dbmod.automatic_backup("before-import")
    code = pw.set_password(SECRET, SECRET)
    assert code is not None
    dialog = show_widget(qtbot, RecoveryCodeDialog(code), (560, 400))
    expected = _("The ID numbers in the older backups in the backups folder were encrypted too ({n} files).").format(
        n=2
    )
    assert dialog.backups_label.isVisible() and dialog.backups_label.text() == expected
    assert dialog.code_label.text() == str(code)
    _close_as_kept(dialog)


def test_without_older_backups_the_dialog_says_nothing_of_them(qtbot, gui_context):
    code = pw.set_password(SECRET, SECRET)
    assert code is not None and code.backups is not None and code.backups.sentence() == ""
    dialog = show_widget(qtbot, RecoveryCodeDialog(code), (560, 400))
    assert not dialog.backups_label.isVisible()
    plain = show_widget(qtbot, RecoveryCodeDialog("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"), (560, 400))
    assert not plain.backups_label.isVisible()  # a code given as a plain string still shows
    _close_as_kept(dialog, plain)


def _close_as_kept(*dialogs: RecoveryCodeDialog) -> None:
    """The dialog closes only once the code is kept: tick it, so no window stays open for the next tests."""
    for dialog in dialogs:
        dialog.kept.setChecked(True)
        dialog.accept()
