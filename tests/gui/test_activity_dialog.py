"""The activity dialog: typed by keyboard, errors beside their fields, sensitive by category, templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.homes.activity_dialog import ActivityDialog
from models import photos
from models.homes import (
    Activity,
    ActivityInput,
    ActivityParticipant,
    HomeInput,
    copy_as_template,
    save_activity,
    save_home,
)
from models.i18n import _
from models.people import PersonInput, save_person
from tests.gui.gui_helpers import show_widget, type_text

LAST_YEAR = dt.date.today().year - 1


def type_number(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def choose(combo, code) -> None:
    combo.setCurrentIndex(combo.findData(code))


def write_picture(path: Path, colour) -> Path:
    image = Image.new("RGB", (320, 240), colour)
    image.paste((255, 255, 255), (10, 10, 60, 60))
    image.save(path)
    return path


@pytest.fixture(autouse=True)
def answered(answers):
    """No real message box may open here: it would wait for a click forever."""
    return answers


@pytest.fixture
def open_dialog(qtbot, gui_context):
    def make(activity=None, template=None) -> ActivityDialog:
        dialog = show_widget(qtbot, ActivityDialog(gui_context, activity, template=template))
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # focus and shortcuts need it
        return dialog

    return make


@pytest.fixture
def recorded(gui_context) -> Activity:
    """A complete activity with named participants, photos and results."""
    digest = photos.store_photo(write_picture(Path(gui_context.db_path).with_name("p.jpg"), (10, 120, 30)).read_bytes())
    return save_activity(
        ActivityInput(
            date=dt.date(LAST_YEAR, 3, 8),
            start_time="09:30",
            end_time="11:00",
            place="村妇女之家",
            title="“巾帼心向党”宣讲",
            category="1",
            form="talk",
            organiser="石门村妇联",
            co_organiser="村小学",
            women=35,
            children=4,
            others=1,
            leader="李秀英",
            summary="学习宣讲",
            results="反响良好",
            recorder="张晓红",
            participants=[(None, "王芳")],
            photos=[digest],
        ),
        gui_context.unit_code,
    )


def test_a_date_typed_without_a_year_shows_the_last_such_day(qtbot, open_dialog):
    dialog = open_dialog()
    today = dt.date.today()
    # Activities are recorded afterwards: a day later in the year than today was last year's.
    expected = dt.date(today.year, 12, 28) if (today.month, today.day) >= (12, 28) else dt.date(today.year - 1, 12, 28)
    qtbot.keyClicks(dialog.date, "12.28")
    qtbot.keyClick(dialog.date, Qt.Key_Tab)
    assert dialog.date.text() == f"{expected:%Y-%m-%d}"
    assert dialog.input()[0].date == expected


def test_add_an_activity_by_keyboard(qtbot, open_dialog, gui_context):
    save_home(HomeInput(name="石门村妇女之家"), gui_context.unit_code)
    dialog = open_dialog()
    assert dialog.windowTitle() == _("New activity")
    # A new activity takes place in the Home by default; the date comes first and has the focus.
    assert dialog.place.text() == "石门村妇女之家"
    assert dialog.date.hasFocus()
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}.3.8")
    qtbot.keyClick(dialog.date, Qt.Key_Tab)
    assert dialog.date.text() == f"{LAST_YEAR}-03-08"  # shown the way it will be saved
    qtbot.keyClicks(dialog.start_time, "9:30")
    qtbot.keyClicks(dialog.end_time, "11:00")
    type_text(dialog.title, "“巾帼心向党”宣讲")
    choose(dialog.category, "1")
    choose(dialog.form, "talk")
    type_number(qtbot, dialog.women, "35")
    type_number(qtbot, dialog.children, "4")
    assert dialog.total_label.text() == _("Total {n}").format(n=39)
    type_text(dialog.leader, "李秀英")
    type_text(dialog.summary, "学习宣讲二十大精神。")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.title, Qt.Key_S, Qt.ControlModifier)

    assert not dialog.isVisible()
    saved = Activity.get()
    assert dialog.activity.uuid == saved.uuid
    assert (saved.date, saved.start_time, saved.end_time) == (dt.date(LAST_YEAR, 3, 8), "09:30", "11:00")
    assert (saved.title, saved.category, saved.form) == ("“巾帼心向党”宣讲", "1", "talk")
    assert (saved.women, saved.children, saved.others) == (35, 4, 0)
    assert saved.leader == "李秀英" and saved.summary == "学习宣讲二十大精神。"
    assert not saved.sensitive


def test_bad_time_and_no_participants_are_shown_beside_their_fields_and_nothing_is_saved(qtbot, open_dialog):
    dialog = open_dialog()
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}-05-20")
    qtbot.keyClicks(dialog.start_time, "9.3o")
    type_text(dialog.title, "巧手编织培训")
    choose(dialog.category, "5")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert dialog.isVisible()
    assert Activity.select().count() == 0
    assert dialog.field_error("start_time") == _("Write the time like 09:30.")
    assert dialog.field_error("women") == _("Enter how many people took part.")
    assert dialog.field_error("title") == "" and dialog.field_error("date") == ""
    # Each message sits in the box of its own field, under its editor.
    times, counts = dialog.boxes["times"], dialog.boxes["counts"]
    assert times.error.isVisible() and dialog.start_time.parent() is times.editor
    assert counts.error.isVisible() and dialog.women.parent() is counts.editor
    assert dialog.start_time.property("invalid") is True and not dialog.end_time.property("invalid")
    # The input is kept and the first bad field has the focus, its text selected to retype.
    assert dialog.title.text() == "巧手编织培训"
    assert dialog.start_time.hasFocus() and dialog.start_time.selectedText() == "9.3o"

    qtbot.keyClicks(dialog.start_time, "14:30")
    type_number(qtbot, dialog.women, "18")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    saved = Activity.get()
    assert saved.start_time == "14:30" and saved.women == 18
    assert dialog.field_error("start_time") == ""


def test_a_date_that_does_not_exist_or_is_in_the_future_is_refused(qtbot, open_dialog):
    dialog = open_dialog()
    type_text(dialog.title, "家风讲座")
    choose(dialog.category, "2")
    type_number(qtbot, dialog.women, "10")
    dialog.date.clear()
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}-02-30")
    dialog.save()
    assert dialog.field_error("date") == _("There is no such date: {text}.").format(text=f"{LAST_YEAR}-02-30")
    assert dialog.date.hasFocus()
    dialog.date.clear()
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR + 3}-01-05")
    dialog.save()
    assert dialog.field_error("date") == _("The activity is in the future; record it after it took place.")
    dialog.date.clear()
    dialog.save()
    assert dialog.field_error("date") == _("The date is required.")
    assert Activity.select().count() == 0


def test_the_sensitive_tick_follows_the_category_and_may_be_removed(qtbot, open_dialog):
    dialog = open_dialog()
    hint = dialog.boxes["sensitive"].hint
    assert not dialog.sensitive.isChecked() and not hint.isVisible()
    choose(dialog.category, "4")  # two-cancer screening: health data
    assert dialog.sensitive.isChecked() and hint.isVisible()
    choose(dialog.category, "8")
    assert not dialog.sensitive.isChecked() and not hint.isVisible()
    choose(dialog.category, "6")  # children
    assert dialog.sensitive.isChecked()
    dialog.sensitive.setChecked(False)  # the user knows better: e.g. a public children's show
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}-06-01")
    type_text(dialog.title, "六一文艺汇演")
    type_number(qtbot, dialog.children, "40")
    dialog.save()
    assert not dialog.isVisible()
    assert Activity.get().sensitive is False


def test_copy_as_template_fills_all_but_the_date_counts_names_and_photos(qtbot, open_dialog, recorded):
    dialog = open_dialog(template=copy_as_template(recorded))
    assert dialog.windowTitle() == _("New activity from “{title}”").format(title=recorded.title)
    assert dialog.date.text() == "" and dialog.date.hasFocus()
    assert (dialog.title.text(), dialog.category.currentData(), dialog.form.currentData()) == (
        recorded.title,
        "1",
        "talk",
    )
    assert (dialog.start_time.text(), dialog.end_time.text(), dialog.place.text()) == ("09:30", "11:00", "村妇女之家")
    assert (dialog.organiser.text(), dialog.co_organiser.text(), dialog.leader.text(), dialog.recorder.text()) == (
        "石门村妇联",
        "村小学",
        "李秀英",
        "张晓红",
    )
    assert dialog.summary.toPlainText() == "学习宣讲"
    assert (dialog.women.value(), dialog.children.value(), dialog.others.value()) == (0, 0, 0)
    assert dialog.participants.participants() == [] and dialog.photos.digests() == []
    assert dialog.results.toPlainText() == ""

    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}-04-08")
    type_number(qtbot, dialog.women, "28")
    dialog.save()
    assert not dialog.isVisible()
    assert Activity.select().count() == 2
    assert dialog.activity.uuid != recorded.uuid and dialog.activity.date == dt.date(LAST_YEAR, 4, 8)


def test_editing_loads_everything_and_saves_in_place(qtbot, open_dialog, recorded, answers):
    dialog = open_dialog(Activity.get_by_id(recorded.uuid))
    assert dialog.windowTitle() == _("Edit activity “{title}”").format(title=recorded.title)
    assert dialog.date.text() == f"{LAST_YEAR}-03-08"
    assert dialog.participants.participants() == [(None, "王芳")]
    assert dialog.photos.digests() == [link.photo for link in recorded.photo_links()]
    assert not dialog.has_changes()
    qtbot.keyClick(dialog.title, Qt.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible() and not answers.shown

    dialog = open_dialog(Activity.get_by_id(recorded.uuid))
    type_number(qtbot, dialog.others, "3")
    dialog.save()
    assert Activity.select().count() == 1
    assert Activity.get().others == 3


def test_named_participants_come_from_the_unit_or_are_typed(qtbot, open_dialog, gui_context):
    chair = save_person(PersonInput(name="张晓红", post="chair"), gui_context.unit_code)
    save_person(PersonInput(name="李玉兰", post="backbone"), gui_context.unit_code)
    dialog = open_dialog()
    entry = dialog.participants.entry
    entry.setFocus()
    qtbot.keyClicks(entry, "zxh")  # initials, as cadres search
    assert dialog.participants._suggestions.stringList() == ["张晓红"]
    qtbot.keyClick(entry, Qt.Key_Return)
    qtbot.waitUntil(lambda: entry.text() == "")
    type_text(entry, "赵大妈")
    qtbot.mouseClick(dialog.participants.add_button, Qt.LeftButton)
    assert dialog.participants.participants() == [(chair.uuid, "张晓红"), (None, "赵大妈")]
    assert dialog.isVisible()  # Enter in the entry adds a name; it does not save the dialog

    dialog.date.clear()  # a new activity starts on today
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}-07-01")
    type_text(dialog.title, "敬老院志愿服务")
    choose(dialog.category, "7")
    type_number(qtbot, dialog.women, "1")
    dialog.save()
    # Two names but one person counted: the core's message appears under the names.
    assert dialog.field_error("participants") == _("More named participants than people counted.")
    dialog.participants.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.participants.remove_button, Qt.LeftButton)
    dialog.save()
    assert not dialog.isVisible()
    (named,) = ActivityParticipant.select()
    assert (named.person_id, named.name) == (chair.uuid, "张晓红")


def test_photos_added_in_the_dialog_are_saved_in_order(qtbot, open_dialog, answers, tmp_path):
    files = [
        write_picture(tmp_path / f"{i}.jpg", colour)
        for i, colour in enumerate(((200, 0, 0), (0, 200, 0), (0, 0, 200), (200, 200, 0)))
    ]
    dialog = open_dialog()
    answers.files.append(files)
    qtbot.mouseClick(dialog.photos.add_button, Qt.LeftButton)
    assert len(dialog.photos.digests()) == 4
    dialog.photos.list.setCurrentRow(3)
    dialog.photos.move_selected(-1)
    order = dialog.photos.digests()
    dialog.date.clear()  # a new activity starts on today
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}-03-08")
    type_text(dialog.title, "三八节趣味运动会")
    choose(dialog.category, "8")
    type_number(qtbot, dialog.women, "60")
    dialog.save()
    assert not dialog.isVisible()
    assert [link.photo for link in Activity.get().photo_links()] == order


def test_esc_with_changes_asks_first(qtbot, open_dialog, answers):
    dialog = open_dialog()
    type_text(dialog.title, "家访")
    answers.replies.append(False)
    qtbot.keyClick(dialog.title, Qt.Key_Escape)
    assert answers.shown[-1] == ("question", dialog.windowTitle(), _("Discard the changes you typed?"))
    assert dialog.isVisible()
    answers.replies.append(True)
    qtbot.keyClick(dialog.title, Qt.Key_Escape)
    assert not dialog.isVisible()
    assert Activity.select().count() == 0


def test_the_calendar_button_fills_the_date(qtbot, open_dialog):
    from PySide6.QtCore import QDate

    dialog = open_dialog()
    dialog.date.show_calendar()
    calendar = dialog.date.calendar
    assert calendar.isVisible()
    calendar.clicked.emit(QDate(LAST_YEAR, 9, 10))
    assert dialog.date.text() == f"{LAST_YEAR}-09-10"
    assert not calendar.isVisible()


def test_initials_shared_by_two_people_offer_both_to_pick_from(qtbot, open_dialog, gui_context):
    save_person(PersonInput(name="王芳", post="executive"), gui_context.unit_code)
    second = save_person(PersonInput(name="王菲", post="backbone"), gui_context.unit_code)
    dialog = open_dialog()
    participants = dialog.participants
    participants.entry.setFocus()
    qtbot.keyClicks(participants.entry, "wf")
    popup = participants.completer.popup()
    assert set(participants._suggestions.stringList()) == {"王菲", "王芳"}
    assert popup.isVisible()
    # Keys go to the open suggestion list, as they do when a cadre types.
    row = participants._suggestions.stringList().index("王菲")
    popup.setCurrentIndex(popup.model().index(row, 0))
    qtbot.keyClick(popup, Qt.Key_Return)
    qtbot.waitUntil(lambda: participants.entry.text() == "")
    assert participants.participants() == [(second.uuid, "王菲")]
    assert dialog.isVisible()


def test_a_new_activity_is_dated_today_and_typing_replaces_the_date(qtbot, open_dialog):
    dialog = open_dialog()
    assert dialog.date.text() == f"{dt.date.today():%Y-%m-%d}"
    assert dialog.date.hasFocus() and dialog.date.selectedText() == dialog.date.text()
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}.3.8")
    qtbot.keyClick(dialog.date, Qt.Key_Tab)
    assert dialog.date.text() == f"{LAST_YEAR}-03-08"


def test_an_error_goes_as_soon_as_the_field_is_corrected_without_save(qtbot, open_dialog):
    dialog = open_dialog()
    qtbot.keyClicks(dialog.start_time, "9.3o")
    type_text(dialog.title, "巧手编织培训")
    choose(dialog.category, "5")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.field_error("start_time") == _("Write the time like 09:30.")
    assert dialog.field_error("women") == _("Enter how many people took part.")
    assert dialog.start_time.property("invalid") is True

    qtbot.keyClicks(dialog.start_time, "09:30")  # types over the selected bad time
    assert dialog.field_error("start_time") == ""
    assert not dialog.boxes["times"].error.isVisible()
    assert not dialog.start_time.property("invalid")
    assert dialog.field_error("women") == _("Enter how many people took part.")  # still wrong, still said
    type_number(qtbot, dialog.women, "12")
    assert dialog.field_error("women") == ""
    # A field that was never wrong gets no message while typing, only on Save.
    dialog.title.clear()
    assert dialog.field_error("title") == ""
    assert Activity.select().count() == 0


def test_buttons_that_take_an_item_out_do_not_read_as_cancel(open_dialog):
    """取消 is the dialog's Cancel: removing a name or a photo says something else."""
    dialog = open_dialog()
    cancel = _("Cancel")
    assert dialog.participants.remove_button.text() not in ("", cancel)
    assert dialog.photos.remove_button.text() not in ("", cancel)
