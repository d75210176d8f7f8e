"""现场签到: a county training of 300 ticked off by keyboard, walk-ins, late, undo."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.context import AppContext
from gui.training.tick_off import TickOffDialog, default_session
from models import db as dbmod
from models import training, units
from models.i18n import _
from models.people import PersonInput, save_person
from models.training import TraineeInput, TrainingInput, add_trainee, people_to_invite, save_training
from tests.gui.gui_helpers import show_widget, type_text

COUNTY = "430121000000"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗"
GIVEN = (
    "秀英",
    "桂兰",
    "玉梅",
    "晓红",
    "丽华",
    "春燕",
    "海燕",
    "淑珍",
    "美玲",
    "翠花",
    "凤英",
    "小芳",
    "建平",
    "红梅",
    "雪梅",
)


@pytest.fixture
def county(db_path, gui_settings):
    """A county with 30 villages of 10 cadres each, and a two-day training of all 300 of them."""
    dbmod.open_database(db_path)
    units.set_own_unit(COUNTY, "长沙县")
    names = iter(s + g for g in GIVEN for s in SURNAMES)  # 300 different names
    for township in range(3):
        t_code = f"430121{101 + township:03d}000"
        units.upsert_unit(t_code, f"第{township + 1}镇", owner=t_code)
        for village in range(10):
            code = f"430121{101 + township:03d}{201 + village:03d}"
            units.upsert_unit(code, f"{'金白桃'[township]}{village + 1}村", owner=code)
            for post in ("chair", "vice_chair") + ("executive",) * 8:
                save_person(PersonInput(name=next(names), post=post), code)
    t = save_training(
        TrainingInput(
            name="村（社区）妇联执委素质提升培训班",
            organiser="长沙县妇联",
            organiser_level="county",
            start_date=dt.date(2026, 4, 14),
            end_date=dt.date(2026, 4, 15),
            place="县委党校报告厅",
            planned=300,
        ),
        COUNTY,
    )
    for person in people_to_invite(COUNTY, "", limit=1000):
        add_trainee(t, TraineeInput(person=person.uuid))
    context = AppContext(db_path=db_path, unit_code=COUNTY, unit_name="长沙县", settings=gui_settings)
    yield context, t
    dbmod.close_database()


@pytest.fixture
def village_training(gui_context):
    t = save_training(TrainingInput(name="巧手编织技能培训", start_date=dt.date(2026, 4, 14)), gui_context.unit_code)
    for name in ("王芳", "李娟", "赵敏"):
        add_trainee(t, TraineeInput(name=name, unit_name="石门村", post="执委"))
    return t


def open_dialog(qtbot, context, t, now=dt.datetime(2026, 4, 14, 8, 30)) -> TickOffDialog:
    dialog = show_widget(qtbot, TickOffDialog(context, t, now=now))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # shortcuts need the active window
    return dialog


def sign_in(qtbot, dialog, trainee, key=Qt.Key_Return, modifier=Qt.NoModifier) -> None:
    """Type the initials; if she is not among the first few, the full pinyin; then Down to her, and the key."""
    box = dialog.search_box
    qtbot.keyClicks(box, trainee.name_initials)
    uuids = [t.uuid for t in dialog.match_trainees]
    if uuids.index(trainee.uuid) > 3:
        box.clear()
        qtbot.keyClicks(box, trainee.name_pinyin)
        uuids = [t.uuid for t in dialog.match_trainees]
    for _step in range(uuids.index(trainee.uuid)):
        qtbot.keyClick(box, Qt.Key_Down)
    assert dialog.current_match().uuid == trainee.uuid
    qtbot.keyClick(box, key, modifier)


def test_the_session_under_way_is_chosen():
    session = training.TrainingSession
    days = [session(date=dt.date(2026, 4, d), half=h) for d in (14, 15) for h in ("am", "pm")]
    assert default_session(days, dt.datetime(2026, 4, 15, 14, 0)) is days[3]
    assert default_session(days, dt.datetime(2026, 4, 14, 9, 0)) is days[0]
    assert default_session(days[:1], dt.datetime(2026, 4, 14, 15, 0)) is days[0]  # only a morning that day
    assert default_session(days, dt.datetime(2026, 4, 1, 9, 0)) is days[0]  # before: the first to come
    assert default_session(days, dt.datetime(2026, 5, 1, 9, 0)) is days[3]  # after: the last
    assert default_session([], dt.datetime(2026, 5, 1)) is None


def test_300_people_are_ticked_off_by_keyboard(qtbot, county, answers):
    context, t = county
    dialog = open_dialog(qtbot, context, t, now=dt.datetime(2026, 4, 15, 13, 50))
    session = dialog.session()
    assert (session.date, session.half) == (dt.date(2026, 4, 15), "pm")
    assert dialog.count_label.text() == _("Signed in {n} / expected {m}").format(n=0, m=300)
    assert len(dialog.missing_names()) == 300
    trainees = list(t.trainees())
    started = time.monotonic()
    for number, trainee in enumerate(trainees, start=1):
        sign_in(qtbot, dialog, trainee)
        assert dialog.search_box.text() == ""  # ready for the next person
        if number in (1, 150):
            assert dialog.count_label.text() == _("Signed in {n} / expected {m}").format(n=number, m=300)
            assert trainee.name not in dialog.missing_names()
            assert len(dialog.missing_names()) == 300 - number
    elapsed = time.monotonic() - started
    assert elapsed < 120, f"300 sign-ins took {elapsed:.0f} s"
    assert dialog.count_label.text() == _("Signed in {n} / expected {m}").format(n=300, m=300)
    assert dialog.missing_names() == []
    result = training.summary(t)
    by_session = {s.session.uuid: s for s in result.sessions}
    assert by_session[session.uuid].attended == 300
    assert result.attended_people == 300
    # Nobody was marked twice or at another session.
    assert training.Attendance.live().count() == 300


def test_signing_in_again_says_so_and_changes_nothing(qtbot, village_training, gui_context, answers):
    dialog = open_dialog(qtbot, gui_context, village_training)
    wang = training.Trainee.get(training.Trainee.name == "王芳")
    sign_in(qtbot, dialog, wang)
    sign_in(qtbot, dialog, wang)
    assert dialog.feedback.text() == _("{name} is already signed in ({status}).").format(
        name="王芳", status=_("Present")
    )
    assert training.Attendance.select().count() == 1
    assert len(dialog.undo_stack) == 1


def test_late_by_key_and_undo(qtbot, village_training, gui_context, answers):
    dialog = open_dialog(qtbot, gui_context, village_training)
    session = dialog.session()
    wang = training.Trainee.get(training.Trainee.name == "王芳")
    li = training.Trainee.get(training.Trainee.name == "李娟")
    sign_in(qtbot, dialog, li)
    sign_in(qtbot, dialog, wang, Qt.Key_L, Qt.ControlModifier)
    assert training.marks(village_training)[(session.uuid, wang.uuid)].status == "late"
    assert dialog.count_label.text() == _("Signed in {n} / expected {m}").format(n=2, m=3)

    qtbot.keyClick(dialog.search_box, Qt.Key_Z, Qt.ControlModifier)  # undoes 王芳's late
    assert (session.uuid, wang.uuid) not in training.marks(village_training)
    assert (session.uuid, li.uuid) in training.marks(village_training)
    assert dialog.count_label.text() == _("Signed in {n} / expected {m}").format(n=1, m=3)
    assert "王芳" in dialog.missing_names()

    # Undo puts back what the cell held before: excused, with its reason.
    training.mark(session, wang, "excused", "生病")
    dialog.select_session(session.uuid)
    dialog._session_changed()
    sign_in(qtbot, dialog, wang)
    assert training.marks(village_training)[(session.uuid, wang.uuid)].status == "present"
    qtbot.keyClick(dialog.search_box, Qt.Key_Z, Qt.ControlModifier)
    restored = training.marks(village_training)[(session.uuid, wang.uuid)]
    assert (restored.status, restored.reason) == ("excused", "生病")
    qtbot.keyClick(dialog.search_box, Qt.Key_Z, Qt.ControlModifier)  # 李娟's mark
    qtbot.keyClick(dialog.search_box, Qt.Key_Z, Qt.ControlModifier)  # nothing left
    assert dialog.feedback.text() == _("Nothing to undo.")
    assert set(training.marks(village_training)) == {(session.uuid, wang.uuid)}


def test_a_walk_in_is_added_on_the_spot_and_signed_in(qtbot, village_training, gui_context, answers):
    dialog = open_dialog(qtbot, gui_context, village_training)
    session = dialog.session()
    type_text(dialog.search_box, "孙小梅")
    assert dialog.match_trainees == []
    qtbot.keyClick(dialog.search_box, Qt.Key_Return)
    assert dialog.walk_in_panel.isVisible()
    assert dialog.walk_in_form.name.text() == "孙小梅"
    assert dialog.walk_in_form.unit_name.hasFocus()
    type_text(dialog.walk_in_form.unit_name, "桃花村")
    type_text(dialog.walk_in_form.post.lineEdit(), "妇女骨干")
    qtbot.keyClick(dialog.walk_in_form.unit_name, Qt.Key_Return)
    assert not dialog.walk_in_panel.isVisible()
    walk_in = training.Trainee.get(training.Trainee.name == "孙小梅")
    assert (walk_in.walk_in, walk_in.unit_name, walk_in.post) == (True, "桃花村", "妇女骨干")
    assert training.marks(village_training)[(session.uuid, walk_in.uuid)].status == "present"
    assert dialog.count_label.text() == _("Signed in {n} / expected {m}").format(n=1, m=4)
    assert dialog.search_box.hasFocus()

    # Pinyin that finds nobody: the name is typed in the form; Esc leaves the form first.
    qtbot.keyClicks(dialog.search_box, "zhoulan")
    qtbot.keyClick(dialog.search_box, Qt.Key_Return)
    assert dialog.walk_in_panel.isVisible() and dialog.walk_in_form.name.text() == ""
    qtbot.keyClick(dialog.walk_in_form.name, Qt.Key_Return)
    assert dialog.walk_in_form.field_error("name") == _("The name is required.")
    qtbot.keyClick(dialog.walk_in_form.name, Qt.Key_Escape)
    assert not dialog.walk_in_panel.isVisible() and dialog.isVisible()

    # Undo takes the walk-in off the list again.
    qtbot.keyClick(dialog.search_box, Qt.Key_Z, Qt.ControlModifier)
    assert training.Trainee.get_by_id(walk_in.uuid).deleted
    assert dialog.count_label.text() == _("Signed in {n} / expected {m}").format(n=0, m=3)


def test_choosing_another_session_shows_its_marks(qtbot, gui_context, answers):
    t = save_training(TrainingInput(name="家庭教育指导培训", start_date=dt.date(2026, 4, 14)), gui_context.unit_code)
    wang = add_trainee(t, TraineeInput(name="王芳"))
    am, pm = t.sessions()
    training.mark(am, wang, "present")
    dialog = open_dialog(qtbot, gui_context, t, now=dt.datetime(2026, 4, 14, 14, 5))
    assert dialog.session().uuid == pm.uuid
    assert dialog.missing_names() == ["王芳"]
    dialog.select_session(am.uuid)
    assert dialog.missing_names() == []
    assert dialog.count_label.text() == _("Signed in {n} / expected {m}").format(n=1, m=1)


def test_the_empty_list_says_what_to_type_and_what_enter_does(qtbot, village_training, gui_context, answers):
    dialog = open_dialog(qtbot, gui_context, village_training)
    assert not dialog.matches.isVisible()
    assert dialog.matches_hint.isVisible()
    assert dialog.matches_hint.text() == _(
        "Type a name, its pinyin or its initials above: the attendees who match are listed here."
    )
    qtbot.keyClicks(dialog.search_box, "wf")
    assert dialog.matches.isVisible() and not dialog.matches_hint.isVisible()
    dialog.search_box.clear()
    dialog.search_box.setText("孙琴")
    assert dialog.matches_hint.isVisible()
    assert dialog.matches_hint.text() == _(
        "No one on the list matches “{text}”. Press Enter to add her as a walk-in."
    ).format(text="孙琴")


def test_people_on_leave_are_not_counted_as_awaited(qtbot, village_training, gui_context, answers):
    session = village_training.sessions()[0]
    wang = training.Trainee.get(training.Trainee.name == "王芳")
    training.mark(session, wang, "excused", "家中有事")
    dialog = open_dialog(qtbot, gui_context, village_training)
    dialog.select_session(session.uuid)
    assert dialog.missing_title.text() == _("Not signed in yet: {n} · on leave: {m}").format(n=2, m=1)
    assert dialog.missing_names() == ["李娟", "赵敏", "王芳"]  # on leave last
    assert _("(excused: {reason})").format(reason="家中有事") in dialog.missing_model.rows[-1][1]
    li = training.Trainee.get(training.Trainee.name == "李娟")
    zhao = training.Trainee.get(training.Trainee.name == "赵敏")
    sign_in(qtbot, dialog, li)
    sign_in(qtbot, dialog, zhao)
    assert dialog.missing_title.text() == _("Not signed in yet: {n} · on leave: {m}").format(n=0, m=1)


def test_placeholders_name_the_enter_key_in_chinese(qtbot, village_training, gui_context, answers):
    """A placeholder that names the Enter key says 回车键 in Chinese."""
    from gui.training.trainee_picker import TraineePicker

    dialog = open_dialog(qtbot, gui_context, village_training)
    picker = show_widget(qtbot, TraineePicker(gui_context, village_training))
    for box in (dialog.search_box, picker.search_box):
        assert "回车键" in box.placeholderText() and "Enter" not in box.placeholderText()
