"""The people page (执委与妇女骨干) driven like a user: add, fix, edit, delete, restore, search, import."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.common.page import DELETE, EDIT, EXPORT, IMPORT, NEW, PRINT, SEARCH
from gui.common.recycle_bin import RecycleBinDialog
from gui.context import AppContext
from gui.people.page import RECYCLE_BIN, PeoplePage
from gui.people.person_dialog import PersonDialog
from gui.people.roster_import import RosterImportDialog
from models import codes, units
from models.i18n import _, ngettext
from models.people import Person, PersonInput, id_number_check_digit, mask_id_number, save_person
from tests.gui.gui_helpers import save_from_preview, show_widget, type_text

GOOD_ID = "43012119780512002" + id_number_check_digit("43012119780512002")
BAD_ID = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")


@pytest.fixture
def page(qtbot, gui_context, answers):
    return show_widget(qtbot, PeoplePage(gui_context), (1100, 700))


@pytest.fixture
def three(gui_context):
    """Three people saved the normal way, and the page that shows them."""
    unit = gui_context.unit_code
    return [
        save_person(
            PersonInput(
                name="张晓红",
                birth="1978-05",
                post="chair",
                id_number=GOOD_ID,
                political="01",
                identities=["two_committees", "volunteer"],
                phone="13812345678",
            ),
            unit,
        ),
        save_person(PersonInput(name="李玉兰", birth="1985-03", post="vice_chair"), unit),
        save_person(PersonInput(name="王芳", birth="1969-08", post="executive"), unit),
    ]


def names(page) -> list[str]:
    return [page.model.person_at(r).name for r in range(page.model.rowCount())]


def select(page, name: str) -> None:
    person = Person.get(Person.name == name)
    assert page.select_person(person.uuid)


def test_page_supports_the_toolbar_actions(page):
    assert page.supported == {NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT, SEARCH}
    texts = [a.text() for a in page.toolbar.actions() if not a.isSeparator()]
    assert texts == [_("New"), _("Edit"), _("Delete"), _("Import"), _("Export"), _("Print"), _("Recycle bin")]
    assert all(not a.icon().isNull() for a in page.toolbar.actions() if not a.isSeparator())
    assert page.search_box.placeholderText() == _("Name, pinyin or initials")


def test_empty_unit_explains_itself_and_offers_the_next_step(qtbot, page):
    assert page.state() == "empty"
    assert page.empty_state.text.text() == _("No people yet — add them with New (Ctrl+N) or import them from Excel.")
    assert not page.actions_by_name[EXPORT].isEnabled()
    assert not page.actions_by_name[EDIT].isEnabled()
    buttons = [page.empty_state.buttons.itemAt(i).widget() for i in range(page.empty_state.buttons.count())]
    new_button = next(b for b in buttons if b is not None and b.text() == _("New person"))
    qtbot.mouseClick(new_button, Qt.LeftButton)
    assert isinstance(page.dialog, PersonDialog)


def test_add_a_person_through_the_dialog(qtbot, page):
    page.trigger(NEW)
    dialog = page.dialog
    assert isinstance(dialog, PersonDialog) and dialog.isVisible()
    type_text(dialog.name, "张晓红")
    qtbot.keyClicks(dialog.birth, "1978.05")
    dialog.post.setCurrentIndex(dialog.post.findData("chair"))
    qtbot.keyClicks(dialog.phone, "13812345678")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert not dialog.isVisible()
    assert page.state() == "table"
    assert names(page) == ["张晓红"]
    assert page.current_person().name == "张晓红"
    assert page.detail.title.text() == "张晓红"
    assert page.detail.values["post"].text() == codes.POST.label("chair")
    assert page.count_label.text() == ngettext("{n} person", "{n} people", 1).format(n=1)


def test_bad_id_number_is_shown_inline_and_nothing_is_saved_until_fixed(qtbot, page):
    page.trigger(NEW)
    dialog = page.dialog
    type_text(dialog.name, "李玉兰")
    qtbot.keyClicks(dialog.id_number, BAD_ID)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert dialog.isVisible()
    assert dialog.field_error("id_number") == _(
        "The last character of the ID number is wrong (check digit); please check the number."
    )
    # The message sits right under the ID field, inside the same box.
    box = dialog.boxes["id_number"]
    assert box.error.isVisible() and box.error.parent() is box and box.editor is dialog.id_number
    assert dialog.name.text() == "李玉兰"
    assert Person.select().count() == 0
    assert page.state() == "empty"

    dialog.id_number.clear()
    qtbot.keyClicks(dialog.id_number, GOOD_ID)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert names(page) == ["李玉兰"]
    assert Person.get().id_number == GOOD_ID
    # The detail pane shows the number masked.
    assert page.detail.values["id_number"].text() == mask_id_number(GOOD_ID)
    assert GOOD_ID not in page.detail.values["id_number"].text()


def test_edit_the_selected_person(qtbot, page, three):
    page.refresh()
    select(page, "李玉兰")
    page.trigger(EDIT)
    dialog = page.dialog
    assert dialog.windowTitle() == _("Edit {name}").format(name="李玉兰")
    assert dialog.name.text() == "李玉兰"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # shortcuts need the active window
    qtbot.keyClicks(dialog.phone, "0731-84123456")
    qtbot.keyClick(dialog.phone, Qt.Key_S, Qt.ControlModifier)
    assert not dialog.isVisible()
    assert page.current_person().name == "李玉兰"
    assert page.detail.values["phone"].text() == "0731-84123456"
    row = page.model.row_of(three[1].uuid)
    assert page.model.data(page.model.index(row, 7)) == "0731-84123456"
    assert Person.select().count() == 3


def test_double_click_edits(qtbot, page, three):
    page.refresh()
    index = page.model.index(page.model.row_of(three[2].uuid), 0)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert isinstance(page.dialog, PersonDialog)
    assert page.dialog.name.text() == "王芳"


def test_delete_asks_then_moves_to_the_recycle_bin(page, answers, three):
    page.refresh()
    select(page, "王芳")
    answers.replies.append(False)
    page.trigger(DELETE)
    kind, _title, text = answers.shown[-1]
    assert kind == "question" and "王芳" in text
    assert "王芳" in names(page)

    answers.replies.append(True)
    page.trigger(DELETE)
    assert "王芳" not in names(page)
    assert len(names(page)) == 2
    gone = Person.get_by_id(three[2].uuid)
    assert gone.deleted  # a tombstone, not removed
    # The cursor stays on a neighbour so the next Delete works at once.
    assert page.current_person() is not None


def test_deleting_people_of_a_unit_below_is_refused_with_a_message(qtbot, database, gui_settings, db_path, answers):
    county, village = "430121000000", "430121100201"
    units.set_own_unit(county, "长沙县")
    units.upsert_unit(village, "石门村", owner=village)
    reported = save_person(PersonInput(name="张晓红"), village)
    page = PeoplePage(AppContext(db_path=db_path, unit_code=county, unit_name="长沙县", settings=gui_settings))
    qtbot.addWidget(page)
    page.unit_filter.set_choice(village)
    assert page.select_person(reported.uuid)

    answers.replies.append(True)  # the question; the core then refuses
    page.delete_people()
    kind, _title, text = answers.shown[-1]
    assert kind == "error" and text == _("Records reported by units below can only be viewed.")
    assert names(page) == ["张晓红"]
    assert not Person.get_by_id(reported.uuid).deleted


def test_edit_opens_the_person_as_stored_now(qtbot, page, three):
    page.refresh()
    select(page, "王芳")
    # Saved elsewhere after the table read its rows: the dialog must not start from the stale row.
    save_person(PersonInput(name="王芳", birth="1969-08", phone="13912345678"), page.context.unit_code, three[2])
    page.trigger(EDIT)
    assert page.dialog.phone.text() == "13912345678"


def test_restore_from_the_recycle_bin(qtbot, page, answers, three):
    page.refresh()
    select(page, "王芳")
    answers.replies.append(True)
    page.trigger(DELETE)
    assert "王芳" not in names(page)

    page.trigger(RECYCLE_BIN)
    bin_dialog = page.dialog
    assert isinstance(bin_dialog, RecycleBinDialog)
    assert bin_dialog.names() == ["王芳"]
    assert not bin_dialog.restore_button.isEnabled()
    bin_dialog.select_names("王芳")
    assert bin_dialog.restore_button.isEnabled()
    qtbot.mouseClick(bin_dialog.restore_button, Qt.LeftButton)
    assert bin_dialog.names() == []
    assert bin_dialog.stack.currentWidget() is bin_dialog.empty
    assert "王芳" in names(page)
    assert not Person.get_by_id(three[2].uuid).deleted


def test_restoring_a_clashing_id_number_is_refused(qtbot, gui_context, answers):
    unit = gui_context.unit_code
    old = save_person(PersonInput(name="张晓红", id_number=GOOD_ID), unit)
    old.move_to_recycle_bin()
    save_person(PersonInput(name="张小红", id_number=GOOD_ID), unit)
    bin_dialog = RecycleBinDialog(gui_context)
    qtbot.addWidget(bin_dialog)
    bin_dialog.select_names("张晓红")
    bin_dialog.restore_selected()
    assert answers.shown[-1][0] == "warning" and "张小红" in answers.shown[-1][2]
    assert Person.get_by_id(old.uuid).deleted


def test_search_filters_live_by_initials_and_pinyin(qtbot, page, three):
    page.refresh()
    page.trigger(SEARCH)
    qtbot.keyClicks(page.search_box, "zxh")
    qtbot.waitUntil(lambda: names(page) == ["张晓红"], timeout=2000)
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "liyu")
    qtbot.waitUntil(lambda: names(page) == ["李玉兰"], timeout=2000)
    assert page.count_label.text() == ngettext("{n} person matches", "{n} people match", 1).format(n=1)


def test_search_with_no_match_says_so_and_can_be_cleared(qtbot, page, three):
    page.refresh()
    qtbot.keyClicks(page.search_box, "qqq")
    qtbot.waitUntil(lambda: page.state() == "no_match", timeout=2000)
    assert "qqq" in page.no_match.text.text()
    page.clear_search()
    assert page.state() == "table"
    assert len(names(page)) == 3


def test_detail_pane_shows_identities_as_labels(page, three):
    page.refresh()
    select(page, "张晓红")
    chips = [label.text() for label in page.detail.identity_labels]
    assert chips == [codes.IDENTITY.label("two_committees"), codes.IDENTITY.label("volunteer")]
    assert page.detail.values["birth"].text() == "1978.05"
    assert page.detail.values["political"].text() == codes.POLITICAL.label("01")


def test_import_through_the_page(qtbot, page, answers, samples):
    answers.files.append(samples / "roster_messy.xlsx")
    page.trigger(IMPORT)
    dialog = page.dialog
    assert isinstance(dialog, RosterImportDialog)
    assert not dialog.import_all_button.isEnabled()
    assert page.state() == "empty"  # nothing written yet
    qtbot.mouseClick(dialog.import_good_button, Qt.LeftButton)
    assert page.state() == "table"
    assert sorted(names(page)) == sorted(["李秀英", "刘䶮", "欧阳玉兰", "陈桂花"])


def test_export_and_print_save_the_roster(page, answers, three, tmp_path):
    answers.files.append(tmp_path / "roster.xlsx")
    page.trigger(EXPORT)
    assert (tmp_path / "roster.xlsx").is_file()
    names_in_file = {
        c.value for row in openpyxl.load_workbook(tmp_path / "roster.xlsx").active.iter_rows() for c in row
    }
    assert {"张晓红", "李玉兰", "王芳"} <= names_in_file
    answers.files.append(tmp_path / "roster.pdf")
    page.trigger(PRINT)
    save_from_preview()
    assert (tmp_path / "roster.pdf").read_bytes().startswith(b"%PDF")


def test_esc_with_changes_asks_before_closing_the_dialog(qtbot, page, answers):
    page.trigger(NEW)
    dialog = page.dialog
    type_text(dialog.name, "陈静")
    answers.replies.append(False)
    qtbot.keyClick(dialog.name, Qt.Key_Escape)
    assert answers.shown[-1] == ("question", dialog.windowTitle(), _("Discard the changes you typed?"))
    assert dialog.isVisible() and page.dialog is dialog
    answers.replies.append(True)
    qtbot.keyClick(dialog.name, Qt.Key_Escape)
    assert not dialog.isVisible() and page.dialog is None
    assert Person.select().count() == 0
    assert page.state() == "empty"


def test_enter_on_the_table_edits(qtbot, page, three):
    page.refresh()
    select(page, "李玉兰")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert isinstance(page.dialog, PersonDialog)
    assert page.dialog.name.text() == "李玉兰"


def test_main_window_shortcuts_reach_the_page(qtbot, main_window, answers, three):
    page = main_window.show_page("people")
    assert page.state() == "table"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    qtbot.keyClick(page.table, Qt.Key_N, Qt.ControlModifier)
    assert isinstance(page.dialog, PersonDialog)
    page.dialog.reject()
    select(page, "王芳")
    page.table.setFocus()
    answers.replies.append(True)
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert "王芳" not in names(page)
    qtbot.keyClick(page.table, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    assert isinstance(page.dialog, RecycleBinDialog)


def test_post_and_phone_are_readable_without_scrolling_on_a_1024_screen(qtbot, gui_context, answers):
    from PySide6.QtCore import QRect

    from gui.common import fit
    from gui.main_window import MainWindow
    from models.people import PersonInput, save_person
    from tests.gui.gui_helpers import show_widget

    save_person(PersonInput(name="欧阳玉兰", post="chair", phone="13907312233"), gui_context.unit_code)
    fit.available_override = QRect(0, 0, 1024, 728)
    try:
        window = show_widget(qtbot, MainWindow(gui_context))
    finally:
        fit.available_override = None
    assert window.width() <= 1024
    page = window.show_page("people")
    table = page.table
    viewport = table.viewport().width()
    for key in ("name", "post", "phone"):
        column = next(i for i, c in enumerate(page.model.columns) if c.sort == key)
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert 0 <= table.columnViewportPosition(column) and right <= viewport, key


@pytest.mark.parametrize("large", [False, True], ids=["normal font", "larger font"])
def test_every_column_is_whole_on_a_1024_screen(qtbot, gui_context, answers, three, restore_app_font, large):
    """At a 1024 window (less the navigation) no column hides behind a sideways scroll or is cut mid-character:
    the detail goes under the table when both do not fit side by side; on a wider window it stands beside."""
    from gui import app as guiapp
    from gui.settings import store as opts

    gui_context.settings.set(opts.LARGE_FONT, large)
    guiapp.configure_application(QApplication.instance(), gui_context.settings)
    page = show_widget(qtbot, PeoplePage(gui_context), (790, 640))
    header = page.table.horizontalHeader()
    viewport = page.table.viewport().width()
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        assert header.sectionSize(column) >= header.sectionSizeHint(column), header.model().headerData(
            column, Qt.Horizontal
        )
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= viewport
    assert not page.table.horizontalScrollBar().isVisible()
    # Under the table, the detail is one line while nobody is chosen; it grows when someone is.
    assert page.arrangement() == "under"
    table_height, detail_height = page.splitter.sizes()
    assert detail_height < 80 < table_height
    assert page.select_person(three[0].uuid)
    qtbot.waitUntil(lambda: page.splitter.sizes()[1] > detail_height + 100)
    page.resize(1300, 640)
    qtbot.waitUntil(lambda: page.arrangement() == "beside")
    # Wide: the columns fill the table, the last one stretched, no blank strip at the right.
    last = max(range(header.count()), key=header.visualIndex)
    assert header.sectionViewportPosition(last) + header.sectionSize(last) >= page.table.viewport().width() - 1
