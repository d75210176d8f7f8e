"""The pages of the sensitive registers stay covered until the start-up password is typed in this session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from gui.common import sensitive
from gui.common.page import Page
from gui.common.password import PasswordDialog
from models import password as pw
from tests.gui.gui_helpers import show_widget
from tests.gui.test_app import _when_modal

SECRET = "geheim-123"


class StandInPage(Page):
    """A register's page as the sensitive registers' pages are: it opts in with ``sensitive``."""

    sensitive = True

    def __init__(self, context):
        super().__init__(context)
        QVBoxLayout(self).addWidget(QLabel("李秀英与丈夫的婚姻纠纷"))


@pytest.fixture
def window(qtbot, gui_context, answers):
    from gui.main_window import MainWindow

    sensitive.cover_again()
    window = show_widget(qtbot, MainWindow(gui_context))
    page = StandInPage(gui_context)
    window.pages["stand_in"] = page
    window.stack.addWidget(page)
    yield window, page
    sensitive.cover_again()


def test_without_a_password_the_page_shows_at_once(window):
    main, page = window
    main._show_in_stack(page)
    assert main.stack.currentWidget() is page


def test_with_a_password_the_page_shows_only_after_it_is_typed(qtbot, window):
    main, page = window
    pw.set_password(SECRET, SECRET)
    main._show_in_stack(page)
    assert main.stack.currentWidget() is main.sensitive_cover
    main.grab().save("/tmp/care-upward-cover.png")

    # Esc leaves it covered.
    _when_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key_Escape))
    qtbot.keyClick(main.sensitive_cover, Qt.Key_Return)
    assert main.stack.currentWidget() is main.sensitive_cover

    def type_it(dialog):
        assert isinstance(dialog, PasswordDialog)
        qtbot.keyClicks(dialog.field, SECRET)
        qtbot.keyClick(dialog.field, Qt.Key_Return)

    _when_modal(type_it)
    qtbot.keyClick(main.sensitive_cover, Qt.Key_Return)
    qtbot.waitUntil(lambda: main.stack.currentWidget() is page)

    # Shown again without asking in this session, until the program locks.
    main.show_page("overview")
    main._show_in_stack(page)
    assert main.stack.currentWidget() is page
    main.idle_lock.about_to_lock.emit()
    main._show_in_stack(page)
    assert main.stack.currentWidget() is main.sensitive_cover


def test_the_idle_lock_covers_a_sensitive_page_on_screen(window):
    main, page = window
    pw.set_password(SECRET, SECRET)
    sensitive._Session.revealed = True
    main._show_in_stack(page)
    assert main.stack.currentWidget() is page
    main.idle_lock.about_to_lock.emit()
    assert main.stack.currentWidget() is main.sensitive_cover


# --- the cover holds the page's actions, and the other ways to the records ask too ------------------


def _type_password(qtbot):
    def type_it(dialog):
        assert isinstance(dialog, PasswordDialog)
        qtbot.keyClicks(dialog.field, SECRET)
        qtbot.keyClick(dialog.field, Qt.Key_Return)

    _when_modal(type_it)


def _refuse_any_dialog(seen: list):
    """Record and close whatever modal dialog opens (none should)."""

    def close(dialog):
        seen.append(dialog)
        dialog.reject()

    _when_modal(close)


@pytest.fixture
def covered_care(qtbot, gui_context, answers):
    from gui.main_window import MainWindow
    from models import care
    from models.care import CareTarget, TargetInput

    sensitive.cover_again()
    care.save_target(
        TargetInput(category="left_behind_child", name="李小军", birth_month="2016.04"), gui_context.unit_code
    )
    pw.set_password(SECRET, SECRET)
    main = show_widget(qtbot, MainWindow(gui_context))
    main.show_page("care")
    yield main, CareTarget
    sensitive.cover_again()


def test_the_page_actions_do_nothing_behind_the_cover(qtbot, covered_care, answers):
    from gui.common.page import DELETE, EDIT, PRINT

    main, care_target = covered_care
    assert main.stack.currentWidget() is main.sensitive_cover
    assert not any(action.isEnabled() for action in main.page_actions.values())
    page = main.pages["care"]
    answers.replies = [True, True, True]  # a delete's confirmation would be answered yes
    seen: list = []
    _refuse_any_dialog(seen)
    for keys in ((Qt.Key_P, Qt.ControlModifier), (Qt.Key_E, Qt.ControlModifier), (Qt.Key_Delete, Qt.NoModifier)):
        qtbot.keyClick(main, *keys)
    for action in (PRINT, EDIT, DELETE):
        main.dispatch(action)
        main.go_to("care", action)
    qtbot.wait(100)
    assert seen == []  # no password asked, no form, no dialog, no question naming the child
    assert page.dialog is None
    assert answers.shown == []
    assert care_target.select().where(care_target.deleted == False).count() == 1
    assert main.stack.currentWidget() is main.sensitive_cover

    # Once the password is typed, they work.
    _type_password(qtbot)
    qtbot.keyClick(main.sensitive_cover, Qt.Key_Return)
    qtbot.waitUntil(lambda: main.stack.currentWidget() is page)
    assert main.page_actions[DELETE].isEnabled()
    page.table.setFocus()
    main.page_actions[DELETE].trigger()
    assert care_target.select().where(care_target.deleted == False).count() == 0


def test_the_forms_page_asks_for_the_password_before_a_form_naming_people(qtbot, gui_context, answers, tmp_path):
    from gui.printing.page import FormsPage

    sensitive.cover_again()
    pw.set_password(SECRET, SECRET)
    page = show_widget(qtbot, FormsPage(gui_context))
    names = [page.list.item(i).data(Qt.UserRole) for i in range(page.list.count())]
    page.list.setCurrentRow(names.index("care-targets"))
    answers.files = [tmp_path / "a.pdf", tmp_path / "b.pdf"]

    _when_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key_Escape))
    assert page.save("pdf") is None
    assert answers.file_requests == []  # not even asked where to save
    assert not (tmp_path / "a.pdf").exists()

    _type_password(qtbot)
    assert page.save("pdf") == tmp_path / "a.pdf"
    assert (tmp_path / "a.pdf").stat().st_size > 0

    # Asked once per session: the second form is made without asking.
    seen: list = []
    _refuse_any_dialog(seen)
    assert page.save("pdf") == tmp_path / "b.pdf"
    assert seen == []
    sensitive.cover_again()


def test_a_form_naming_no_one_is_made_without_the_password(qtbot, gui_context, answers, tmp_path):
    from gui.printing.page import FormsPage

    sensitive.cover_again()
    pw.set_password(SECRET, SECRET)
    page = show_widget(qtbot, FormsPage(gui_context))
    names = [page.list.item(i).data(Qt.UserRole) for i in range(page.list.count())]
    page.list.setCurrentRow(names.index("dispute-month"))
    answers.files = [tmp_path / "m.xlsx"]
    seen: list = []
    _refuse_any_dialog(seen)
    assert page.save("xlsx") == tmp_path / "m.xlsx"
    assert seen == []


def test_the_recycle_bin_lists_the_registers_deleted_records_only_after_the_password(qtbot, gui_context, answers):
    from gui.common.recycle_bin import RecycleBinDialog
    from models import care
    from models.care import TargetInput
    from models.i18n import _

    sensitive.cover_again()
    target = care.save_target(
        TargetInput(category="left_behind_child", name="李小军", birth_month="2016.04"), gui_context.unit_code
    )
    from models import recycle_bin

    recycle_bin.move_to_bin("care_targets", [target.uuid], gui_context.unit_code)
    pw.set_password(SECRET, SECRET)
    dialog = show_widget(qtbot, RecycleBinDialog(gui_context, kind="people"))
    index = dialog.kind_box.findData("care_targets")

    # Chosen, the password refused: nothing listed, and the note says why.
    _when_modal(lambda password: qtbot.keyClick(password, Qt.Key_Escape))
    dialog.kind_box.setCurrentIndex(index)
    dialog.kind_box.activated.emit(index)
    assert dialog.names() == []
    assert dialog.table.rowCount() == 0
    assert dialog.stack.currentWidget() is dialog.empty
    assert dialog.empty.text() == _(
        "These records are protected. Choose the kind again and type the start-up password to show them."
    )
    dialog.grab().save("/tmp/fix-cover-bin.png")

    # Chosen again with the password: listed, and it can come back.
    _type_password(qtbot)
    dialog.kind_box.activated.emit(index)
    assert dialog.names() == ["李小军"]
    dialog.select_names("李小军")
    dialog.restore_selected()
    assert dialog.names() == []
    sensitive.cover_again()
    dialog.close()
