"""评选表彰 by keyboard: the texts' limits as the user types or pastes, saving a nomination, the register."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QDialog

from gui.awards.award_dialog import AwardDialog
from gui.awards.limited_text import LimitedText
from gui.awards.nomination_dialog import NominationDialog
from models import awards as aw
from models.i18n import _
from models.people import PersonInput, save_person
from tests.gui.gui_helpers import show_widget, type_text


def choose(combo, code) -> None:
    combo.setCurrentIndex(combo.findData(code))


def paste(edit, text: str) -> None:
    data = QMimeData()
    data.setText(text)
    edit.insertFromMimeData(data)


def test_the_count_follows_the_text_and_typing_stops_at_the_limit(qtbot, gui_context):
    box = show_widget(qtbot, LimitedText(10))
    assert box.count_text() == "0/10"
    type_text(box.edit, "孝老爱亲")
    assert box.count_text() == "4/10"
    box.edit.moveCursor(box.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(box.edit, "abcdefgh")  # two more than fit
    assert box.text() == "孝老爱亲abcdef" and box.count_text() == "10/10"
    assert not box.notice.isVisible()  # typing simply stops: nothing was pasted and cut


def test_a_paste_past_the_limit_is_cut_and_the_user_is_told(qtbot, gui_context):
    box = show_widget(qtbot, LimitedText(aw.summary_limit()))
    type_text(box.edit, "家" * 250)
    paste(box.edit, "风" * 80)
    assert box.text() == "家" * 250 + "风" * 50 and box.count_text() == "300/300"
    assert box.notice.isVisible()
    assert box.notice.text() == _("Only {limit} characters fit: the last {n} characters pasted were left out.").format(
        limit=300, n=30
    )
    # Replacing a selection makes room: a paste that fits is taken whole.
    box.edit.selectAll()
    paste(box.edit, "新" * 20)
    assert box.text() == "新" * 20 and not box.notice.isVisible()


def test_text_an_input_method_commits_past_the_limit_is_cut_too(qtbot, gui_context):
    box = show_widget(qtbot, LimitedText(5))
    type_text(box.edit, "一二三四五六七")
    assert box.text() == "一二三四五" and box.notice.isVisible()


def test_rare_characters_before_the_cursor_do_not_shift_what_is_cut(qtbot, gui_context):
    box = show_widget(qtbot, LimitedText(5))
    box.edit.setPlainText("𠮷𠮷𠮷ab")
    cursor = box.edit.textCursor()
    cursor.setPosition(2)  # after the first 𠮷: Qt counts it as two
    box.edit.setTextCursor(cursor)
    type_text(box.edit, "cd")
    assert box.text() == "𠮷𠮷𠮷ab" and box.count_text() == "5/5"
    box.edit.setPlainText("𠮷𠮷ab")
    cursor = box.edit.textCursor()
    cursor.setPosition(2)
    box.edit.setTextCursor(cursor)
    type_text(box.edit, "cd")  # one fits: the one typed first
    assert box.text() == "𠮷c𠮷ab"


def test_a_family_nomination_typed_in_is_saved(qtbot, gui_context, answers):
    dialog = show_widget(qtbot, NominationDialog(gui_context))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # shortcuts need it
    assert not dialog.nominee_kind.isEnabled()  # 最美家庭 is for a family
    type_text(dialog.nominee_name, "王秀兰家庭")
    type_text(dialog.family_members, "王秀兰（户主）、李建国（丈夫）")
    type_text(dialog.summary.edit, "孝老爱亲，邻里和睦。")
    type_text(dialog.story.edit, "一家四代同堂。")
    qtbot.keyClick(dialog.story.edit, Qt.Key_S, Qt.ControlModifier)
    assert dialog.result() == QDialog.Accepted
    saved = aw.live_nomination(dialog.nomination.uuid)
    assert (saved.nominee_name, saved.award, saved.nominee_kind) == ("王秀兰家庭", "most_beautiful_family", "family")
    assert saved.summary == "孝老爱亲，邻里和睦。"


def test_the_award_sets_the_kind_and_a_missing_name_is_shown_beside_its_field(qtbot, gui_context, answers):
    dialog = show_widget(qtbot, NominationDialog(gui_context))
    choose(dialog.award, "red_banner")
    assert dialog.nominee_kind.currentData() == "person"
    assert dialog.boxes["person"].isVisibleTo(dialog) and not dialog.boxes["household"].isVisibleTo(dialog)
    dialog.save()
    assert dialog.field_error("nominee_name") == _("Give the name of the family, person or collective put forward.")
    assert aw.Nomination.select().count() == 0


def test_marking_a_nomination_awarded_enters_the_honour_in_the_register(qtbot, gui_context, answers):
    person = save_person(PersonInput(name="崔静翠", post="executive"), gui_context.unit_code)
    dialog = show_widget(qtbot, NominationDialog(gui_context))
    choose(dialog.award, "red_banner")
    choose(dialog.level, "county")
    choose(dialog.person, person.uuid)
    assert dialog.nominee_name.text() == "崔静翠"
    choose(dialog.outcome, "awarded")
    answers.replies.append(True)  # yes, enter it in the register
    dialog.save()
    assert dialog.result() == QDialog.Accepted and dialog.award_recorded
    [award] = aw.awards_of_person(person.uuid)
    assert award.nomination_id == dialog.nomination.uuid and award.level == "county"


def test_the_page_lists_both_tabs_and_deletes_by_keyboard(qtbot, main_window, gui_context, answers):
    unit = gui_context.unit_code
    aw.save_nomination(
        aw.NominationInput(
            year=2026, award="most_beautiful_family", level="village", nominee_kind="family", nominee_name="陈家"
        ),
        unit,
    )
    aw.save_award(aw.AwardInput(year=2025, level="county", title="三八红旗手", recipient_name="崔静翠"), unit)
    page = main_window.show_page("awards")
    page.refresh()
    assert page.nominations.model.rowCount() == 1 and page.awards.model.rowCount() == 1
    assert [page.year_box.itemData(i) for i in range(page.year_box.count())] == [0, 2026, 2025]
    page.tabs.setCurrentWidget(page.awards)
    page.awards.table.selectRow(0)
    page.awards.table.setFocus()
    answers.replies.append(True)
    qtbot.keyClick(page.awards.table, Qt.Key_Delete)
    QApplication.processEvents()
    assert aw.awards_register(unit) == [] and page.awards.model.rowCount() == 0
    assert page.awards.count_label.text() == _("No honours registered yet — add one with New (Ctrl+N).")


def test_new_on_the_register_tab_opens_the_honour_dialog(qtbot, main_window, answers):
    page = main_window.show_page("awards")
    page.tabs.setCurrentWidget(page.awards)
    page.trigger("new")
    assert isinstance(page.dialog, AwardDialog)
    dialog = page.dialog
    type_text(dialog.title, "最美家庭")
    choose(dialog.recipient_kind, "family")
    type_text(dialog.recipient_name, "陈桂英家庭")
    dialog.save()
    QApplication.processEvents()
    assert [a.recipient_name for a in aw.awards_register(main_window.context.unit_code)] == ["陈桂英家庭"]
    assert page.awards.model.rowCount() == 1


def test_no_more_than_two_photos_are_taken_and_the_user_is_told(qtbot, gui_context, answers, tmp_path):
    from PIL import Image

    paths = []
    for colour in ("red", "green", "blue"):
        path = tmp_path / f"{colour}.jpg"
        Image.new("RGB", (64, 48), colour).save(path)
        paths.append(path)
    dialog = show_widget(qtbot, NominationDialog(gui_context))
    assert len(dialog.photos.add_files(paths)) == 2
    assert len(dialog.photos.digests()) == 2
    assert answers.shown[-1][2] == _(
        "A nomination has room for {n} photos; only the first {room} of those chosen were added."
    ).format(n=2, room=2)


def test_the_members_page_lists_a_persons_honours(qtbot, main_window, gui_context):
    person = save_person(PersonInput(name="崔静翠", post="executive"), gui_context.unit_code)
    aw.save_award(
        aw.AwardInput(year=2025, level="county", title="三八红旗手", recipient_kind="person", person=person.uuid),
        gui_context.unit_code,
    )
    page = main_window.show_page("people")
    page.refresh()
    assert page.select_person(person.uuid)
    expected = _("{year} {level} {title}").format(year=2025, level=aw.LEVEL.label("county"), title="三八红旗手")
    assert page.detail.values["awards"].text() == expected


def test_an_honour_whose_nomination_was_deleted_is_still_edited(qtbot, gui_context, answers):
    from models import recycle_bin

    unit = gui_context.unit_code
    nomination = aw.save_nomination(
        aw.NominationInput(
            year=2026,
            award="most_beautiful_family",
            level="village",
            nominee_kind="family",
            nominee_name="王秀兰家庭",
            outcome="awarded",
        ),
        unit,
    )
    honour = aw.AwardInput(year=2026, level="village", title="最美家庭", recipient_kind="family")
    honour.recipient_name, honour.nomination = "王秀兰家庭", nomination.uuid
    award = aw.save_award(honour, unit)
    recycle_bin.move_to_bin("nominations", [nomination.uuid], unit)
    dialog = show_widget(qtbot, AwardDialog(gui_context, award))
    dialog.conferred_by.setText("石门村妇联")
    dialog.save()
    assert dialog.result() == QDialog.Accepted
    assert aw.live_award(award.uuid).conferred_by == "石门村妇联"
