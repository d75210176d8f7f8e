"""The recycle bin dialog driven like a user, from each page that deletes: people, elections, activities, trainings."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.common.page import DELETE
from gui.common.recycle_bin import DELETED, RecycleBinDialog, _local
from gui.elections.page import ElectionsPage
from gui.homes.page import HomesPage
from gui.people.page import RECYCLE_BIN
from gui.training.page import TrainingPage
from models import homes
from models import training as tr
from models.base import utcnow
from models.elections import records as er
from models.i18n import _, format_list_datetime, ngettext
from models.people import Person, PersonInput, id_number_check_digit, save_person
from tests.gui.gui_helpers import show_widget
from tests.models.election_helpers import add_round
from tests.models.home_helpers import LAST_YEAR, activity_input

PAGE_SIZE = (1100, 720)  # width and height of every page shown here
KIND_LABELS = [
    _("People"),
    _("Elections"),
    _("Women's Home activities"),
    _("Trainings"),
    _("Committee meetings"),
    _("Plans and summaries"),
    _("Nominations"),
    _("Awards register"),
]
DUTY_KIND_LABELS = [_("Linked households"), _("Contacts"), _("Needs"), _("Projects led by members")]


def add_activity(unit: str, title: str = "“巾帼心向党”宣讲", **changes) -> homes.Activity:
    return homes.save_activity(activity_input(title=title, **changes), unit)


def add_training(unit: str, name: str = "巧手编织技能培训") -> tr.Training:
    return tr.save_training(
        tr.TrainingInput(
            name=name,
            organiser="石门村妇联",
            organiser_level="village",
            start_date=dt.date(2026, 4, 14),
            end_date=dt.date(2026, 4, 14),
            place="石门村妇女之家",
        ),
        unit,
    )


def add_election(unit: str, term: int = 3) -> er.Election:
    election = er.save_election(
        er.Election(
            unit=unit, kind="regular", term_number=term, meeting_date=dt.date(2026, 3, 8), entitled=40, present=36
        )
    )
    round_ = add_round(unit, election, "committee", 2, 40, 36)
    for name in ("李秀英", "王芳", "张晓红"):
        er.ElectionCandidate.create(unit=unit, round=round_, name=name, yes=20)
    return election


def restore_by_clicking(qtbot, dialog: RecycleBinDialog, *names: str) -> None:
    assert not dialog.restore_button.isEnabled()
    dialog.select_names(*names)
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)


# --- the dialog itself ----------------------------------------------------------------------------


def test_an_empty_bin_says_so_and_offers_every_kind(qtbot, gui_context, answers):
    dialog = RecycleBinDialog(gui_context)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == _("Recycle bin")
    offered = [dialog.kind_box.itemText(i) for i in range(dialog.kind_box.count())]
    assert offered[: len(KIND_LABELS)] == KIND_LABELS
    assert set(DUTY_KIND_LABELS) <= set(offered)
    assert dialog.kind() == "people"
    for kind in ("people", "elections", "activities", "trainings"):
        dialog.set_kind(kind)
        assert dialog.stack.currentWidget() is dialog.empty
        assert dialog.empty.text() == _("The recycle bin is empty.")
        assert not dialog.restore_button.isEnabled()


def test_each_kind_lists_its_own_deleted_records_newest_first(qtbot, gui_context, answers):
    unit = gui_context.unit_code
    save_person(PersonInput(name="王芳", post="executive"), unit).move_to_recycle_bin()
    add_election(unit).move_to_recycle_bin()
    for title in ("家庭教育讲座", "巧手编织"):
        add_activity(unit, title).move_to_recycle_bin()
    homes.Activity.update(updated_at=utcnow() - dt.timedelta(hours=1)).where(
        homes.Activity.title == "家庭教育讲座"
    ).execute()  # deleted an hour earlier
    add_training(unit, "live training")  # not deleted: not listed
    dialog = RecycleBinDialog(gui_context, kind="activities")
    qtbot.addWidget(dialog)
    assert dialog.kind() == "activities"
    assert dialog.names() == ["巧手编织", "家庭教育讲座"]
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == [_("Activity"), _("Date"), _("Category"), _("Deleted")]
    deleted_at = homes.Activity.get(homes.Activity.title == "巧手编织").updated_at
    assert dialog.table.item(0, DELETED).text() == format_list_datetime(_local(deleted_at))
    # The selector shows where the deleted records are.
    texts = [dialog.kind_box.itemText(i) for i in range(4)]
    assert texts[0] == _("{kind} ({n})").format(kind=_("People"), n=1)
    assert texts[2] == _("{kind} ({n})").format(kind=_("Women's Home activities"), n=2)
    assert texts[3] == _("Trainings")

    dialog.kind_box.setCurrentIndex(1)
    assert dialog.kind() == "elections"
    assert dialog.names() == [_("Term {n} — {kind}").format(n=3, kind=_("Regular election"))]
    dialog.kind_box.setCurrentIndex(3)
    assert dialog.stack.currentWidget() is dialog.empty
    assert dialog.empty.text() != _("The recycle bin is empty.")  # other kinds are not empty
    assert _("Trainings") in dialog.empty.text()


def test_deletion_times_are_shown_on_the_local_clock(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert _local(dt.datetime(2026, 3, 8, 1, 30)) == dt.datetime(2026, 3, 8, 9, 30)  # stored UTC, read UTC+8
    finally:
        monkeypatch.undo()
        time.tzset()


def test_several_people_restored_at_once_and_a_clash_explained(qtbot, gui_context, answers):
    unit = gui_context.unit_code
    number = "43012119780512002" + id_number_check_digit("43012119780512002")
    clash = save_person(PersonInput(name="张晓红", id_number=number), unit)
    clash.move_to_recycle_bin()
    save_person(PersonInput(name="张小红", id_number=number), unit)
    for name in ("王芳", "李玉兰"):
        save_person(PersonInput(name=name), unit).move_to_recycle_bin()
    dialog = RecycleBinDialog(gui_context)
    qtbot.addWidget(dialog)
    seen = []
    dialog.restored.connect(lambda kind, n: seen.append((kind, n)))
    restore_by_clicking(qtbot, dialog, "张晓红", "王芳", "李玉兰")
    kind, _title, text = answers.shown[-1]
    assert kind == "warning" and "张晓红" in text and "张小红" in text
    assert seen == [("people", 2)]
    assert dialog.names() == ["张晓红"]
    assert Person.live().where(Person.name.in_(["王芳", "李玉兰"])).count() == 2
    assert dialog.status.text() == ngettext("{n} record restored.", "{n} records restored.", 2).format(n=2)


# --- from each page -------------------------------------------------------------------------------


def activity_titles(page: HomesPage) -> list[str]:
    model = page.ledger.model
    return [model.activity_at(r).title for r in range(model.rowCount())]


def test_an_activity_deleted_on_its_page_comes_back_there(qtbot, gui_context, answers):
    unit = gui_context.unit_code
    add_activity(unit, "保留的活动", date=dt.date(LAST_YEAR, 1, 5))
    gone = add_activity(unit, "要删除的活动", participants=[(None, "王芳"), (None, "赵敏")])
    page = show_widget(qtbot, HomesPage(gui_context), PAGE_SIZE)
    page.ledger.select_activity(gone.uuid)
    answers.replies.append(True)
    page.trigger(DELETE)
    assert activity_titles(page) == ["保留的活动"]

    page.trigger(RECYCLE_BIN)
    dialog = page.dialog
    assert isinstance(dialog, RecycleBinDialog) and dialog.kind() == "activities"
    assert dialog.names() == ["要删除的活动"]
    restore_by_clicking(qtbot, dialog, "要删除的活动")
    assert dialog.names() == []
    assert activity_titles(page) == ["要删除的活动", "保留的活动"]
    assert sorted(p.name for p in homes.Activity.get_by_id(gone.uuid).participants()) == ["王芳", "赵敏"]
    dialog.reject()
    assert page.dialog is None


def test_a_training_deleted_on_its_page_comes_back_there(qtbot, gui_context, answers):
    unit = gui_context.unit_code
    doomed = add_training(unit, "妇女健康知识培训")
    trainee = tr.add_trainee(doomed, tr.TraineeInput(name="王芳", unit_name="石门村"))
    tr.mark(list(doomed.sessions())[0], trainee, "present")
    add_training(unit, "家庭教育指导培训")
    page = show_widget(qtbot, TrainingPage(gui_context), PAGE_SIZE)
    page.select_training(doomed.uuid)
    answers.replies.append(True)
    page.trigger(DELETE)
    assert page.names() == ["家庭教育指导培训"]

    page.trigger(RECYCLE_BIN)
    dialog = page.dialog
    assert isinstance(dialog, RecycleBinDialog) and dialog.kind() == "trainings"
    restore_by_clicking(qtbot, dialog, "妇女健康知识培训")
    assert sorted(page.names()) == ["妇女健康知识培训", "家庭教育指导培训"]
    assert page.select_training(doomed.uuid)
    assert [t.name for t in page.training.trainees()] == ["王芳"]
    assert tr.summary(page.training).sessions[0].attended == 1


def test_an_election_deleted_on_its_page_comes_back_there(qtbot, gui_context, answers):
    election = add_election(gui_context.unit_code)
    page = show_widget(qtbot, ElectionsPage(gui_context), PAGE_SIZE)
    answers.replies.append(True)
    page.trigger(DELETE)
    assert page.state() == "empty"

    page.trigger(RECYCLE_BIN)
    dialog = page.dialog
    assert isinstance(dialog, RecycleBinDialog) and dialog.kind() == "elections"
    restore_by_clicking(qtbot, dialog, election.title())
    assert page.state() == "table"
    assert [e.uuid for e in page.model.rows] == [election.uuid]
    assert [c.name for r in page.current_election().rounds() for c in r.candidates()] == ["李秀英", "王芳", "张晓红"]


@pytest.mark.parametrize(
    "key, kind", [("people", "people"), ("elections", "elections"), ("homes", "activities"), ("training", "trainings")]
)
def test_ctrl_shift_r_opens_the_bin_of_the_page_shown(qtbot, main_window, key, kind):
    page = main_window.show_page(key)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    target = page.ledger.table if key == "homes" else page.table
    target.setFocus()
    qtbot.keyClick(target, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    assert isinstance(page.dialog, RecycleBinDialog)
    assert page.dialog.kind() == kind
    page.dialog.reject()


def test_a_kind_restored_from_another_page_shows_on_its_own_page(qtbot, main_window, gui_context):
    gone = add_activity(gui_context.unit_code, "巧手编织")
    homes_page = main_window.show_page("homes")
    gone.move_to_recycle_bin()
    homes_page.refresh()
    assert activity_titles(homes_page) == []
    people_page = main_window.show_page("people")
    people_page.trigger(RECYCLE_BIN)
    dialog = people_page.dialog
    dialog.set_kind("activities")
    restore_by_clicking(qtbot, dialog, "巧手编织")
    assert activity_titles(homes_page) == ["巧手编织"]
    dialog.reject()
