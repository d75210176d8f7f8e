"""The training page (培训) driven like a user: create, fix, add attendees, mark attendance, print, delete."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.common.page import DELETE, EDIT, IMPORT, NEW, PRINT, SEARCH
from gui.context import AppContext
from gui.training.page import ATTENDANCE_TAB, ATTENDEES_TAB, TICK_OFF, TrainingPage
from gui.training.trainee_picker import TraineePicker, TypeInDialog
from gui.training.trainee_table import LeaveReasonDialog, status_mark
from gui.training.training_dialog import HOURS, USE, TrainingDialog
from gui.training.training_table import RATE_COLUMN, TrainingTableModel
from models import db as dbmod
from models import training, units
from models.i18n import _, ngettext
from models.people import PersonInput, save_person
from models.training import TraineeInput, TrainingInput, add_trainee, save_training
from tests.gui.gui_helpers import save_from_preview, show_widget, type_text

COUNTY = "430121000000"
VILLAGES = {"430121100201": "石门村", "430121100202": "桃花村", "430121101201": "白沙村"}


def make(unit: str, name: str = "巧手编织技能培训", start=dt.date(2026, 4, 14), days: int = 1, **changes):
    data = TrainingInput(
        name=name,
        organiser="石门村妇联",
        organiser_level="village",
        start_date=start,
        end_date=start + dt.timedelta(days=days - 1),
        place="石门村妇女之家",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return save_training(data, unit)


def open_page(qtbot, context) -> TrainingPage:
    return show_widget(qtbot, TrainingPage(context), (1100, 720))


@pytest.fixture
def page(qtbot, gui_context, answers):
    return open_page(qtbot, gui_context)


@pytest.fixture
def county_context(db_path, gui_settings):
    """A county installation with three villages below it, each with a few people on record."""
    dbmod.open_database(db_path)
    units.set_own_unit(COUNTY, "长沙县")
    units.upsert_unit("430121100000", "金井镇", owner="430121100000")
    units.upsert_unit("430121101000", "北山镇", owner="430121101000")
    for code, name in VILLAGES.items():
        units.upsert_unit(code, name, owner=code)
    for code, names in (
        ("430121100201", ("王芳", "王芳芳", "李玉兰")),
        ("430121100202", ("王凤", "赵敏")),
        ("430121101201", ("陈静", "王菲")),
    ):
        for name in names:
            save_person(PersonInput(name=name, post="executive", phone="13812345678" if name == "王芳" else ""), code)
    save_person(PersonInput(name="刘县干", post="executive"), COUNTY)
    yield AppContext(db_path=db_path, unit_code=COUNTY, unit_name="长沙县", settings=gui_settings)
    dbmod.close_database()


def trainee_names(t) -> list[str]:
    return sorted(x.name for x in t.trainees())


# --- the list -------------------------------------------------------------------------------------


def test_training_table_model_passes_the_model_tester(qtmodeltester, gui_context):
    unit = gui_context.unit_code
    first = make(unit, "家庭教育指导培训", dt.date(2025, 3, 8))
    make(unit, "妇女健康知识培训", dt.date(2026, 5, 2), days=2)
    make(unit, "茶叶种植技术培训", dt.date(2026, 6, 1))
    add_trainee(first, TraineeInput(name="王芳"))
    model = TrainingTableModel(unit, batch_size=2)
    assert model.rowCount() == 2 and model.canFetchMore()
    assert model.row_of(first.uuid) == 2  # newest first; found by loading the next batch
    qtmodeltester.check(model)
    for column in range(model.columnCount()):
        for order in (Qt.AscendingOrder, Qt.DescendingOrder):
            # Every column sorts in SQL; each order checked on a model of its own (a tester
            # watching a reset would see its own fetchMore calls as changes in flight).
            sorted_model = TrainingTableModel(unit, batch_size=2)
            sorted_model.sort(column, order)
            assert sorted_model.rowCount() == 2
            qtmodeltester.check(sorted_model)
    model.set_filters(year=2026, text="健康")
    assert [model.training_at(r).name for r in range(model.rowCount())] == ["妇女健康知识培训"]
    assert model.data(model.index(0, 1)) == "2026-05-02至05-03"
    assert model.data(model.index(0, 5)) == "12"


def test_attendance_rate_in_the_list_is_the_summarys(page, gui_context):
    t = make(gui_context.unit_code)
    am, pm = t.sessions()
    a = add_trainee(t, TraineeInput(name="王芳"))
    b = add_trainee(t, TraineeInput(name="李娟"))
    training.mark(am, a, "present")
    training.mark(pm, a, "late")
    training.mark(am, b, "excused", "生病")
    page.refresh()
    assert page.model.data(page.model.index(0, RATE_COLUMN)) == "50.0%"
    assert training.summary(t).rate == pytest.approx(0.5)
    assert page.model.data(page.model.index(0, 6)) == "2"


def test_empty_page_explains_itself_and_offers_new(qtbot, page):
    assert page.state() == "empty"
    assert page.empty_state.text.text() == _("No trainings yet — New training (Ctrl+N)")
    assert page.supported == {NEW, EDIT, DELETE, IMPORT, PRINT, SEARCH}
    buttons = [page.empty_state.buttons.itemAt(i).widget() for i in range(page.empty_state.buttons.count())]
    new_button = next(b for b in buttons if b is not None and b.text() == _("New training"))
    qtbot.mouseClick(new_button, Qt.LeftButton)
    assert isinstance(page.dialog, TrainingDialog)


def test_year_and_words_filter_the_list(qtbot, page, gui_context):
    make(gui_context.unit_code, "家庭教育指导培训", dt.date(2025, 3, 8))
    make(gui_context.unit_code, "妇女健康知识培训", dt.date(2026, 5, 2))
    page.refresh()
    assert [page.year_box.itemData(i) for i in range(page.year_box.count())] == [0, 2026, 2025]
    page.set_year(2025)
    assert page.names() == ["家庭教育指导培训"]
    page.set_year(None)
    type_text(page.search_box, "健康")
    qtbot.waitUntil(lambda: page.names() == ["妇女健康知识培训"], timeout=2000)
    page.search_box.clear()
    type_text(page.search_box, "插花")
    qtbot.waitUntil(lambda: page.state() == "no_match", timeout=2000)
    page.clear_filters()
    assert page.state() == "table" and len(page.names()) == 2


# --- the dialog -------------------------------------------------------------------------------------


def test_create_a_training_by_keyboard(qtbot, page):
    page.trigger(NEW)
    dialog = page.dialog
    assert isinstance(dialog, TrainingDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.organiser.text() == "石门村妇联"
    assert dialog.organiser_level.currentData() == "village"
    type_text(dialog.name, "农村电商直播带货培训")
    qtbot.keyClicks(dialog.start_date, "2026-04-14")
    qtbot.keyClicks(dialog.end_date, "20260415")
    assert dialog.sessions.rowCount() == 4
    type_text(dialog.place, "石门村妇女之家")
    dialog.planned.selectAll()
    qtbot.keyClicks(dialog.planned, "25")
    # The last afternoon is not held: untick it with Space; the first morning lasts 2.5 hours.
    dialog.sessions.setFocus()
    dialog.sessions.setCurrentCell(3, USE)
    qtbot.keyClick(dialog.sessions, Qt.Key_Space)
    assert dialog.sessions.item(3, USE).checkState() == Qt.Unchecked
    dialog.sessions.item(0, HOURS).setText("2.5")
    assert dialog.hours_total.text() == _("{n} half days, {hours} hours").format(n=3, hours="8.5")
    qtbot.keyClick(dialog.name, Qt.Key_S, Qt.ControlModifier)

    assert not dialog.isVisible()
    assert page.state() == "table"
    assert page.names() == ["农村电商直播带货培训"]
    saved = training.Training.get()
    assert (saved.start_date, saved.end_date, saved.planned) == (dt.date(2026, 4, 14), dt.date(2026, 4, 15), 25)
    assert [(s.date.day, s.half, s.hours) for s in saved.sessions()] == [
        (14, "am", 2.5),
        (14, "pm", 3.0),
        (15, "am", 3.0),
    ]
    assert page.training.uuid == saved.uuid
    assert page.title.text() == "农村电商直播带货培训"
    assert page.facts.values["place"].text() == "石门村妇女之家"
    assert page.facts.sessions.rowCount() == 3


def test_bad_date_range_is_shown_inline_and_nothing_is_saved(qtbot, page):
    page.trigger(NEW)
    dialog = page.dialog
    type_text(dialog.name, "家庭教育指导培训")
    qtbot.keyClicks(dialog.start_date, "2026-04-14")
    qtbot.keyClicks(dialog.end_date, "2026-04-10")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.isVisible()
    assert dialog.field_error("end_date") == _("The last day is before the first day.")
    box = dialog.boxes["end_date"]
    assert box.error.isVisible() and box.editor is dialog.end_date
    assert dialog.name.text() == "家庭教育指导培训"  # input kept
    assert training.Training.select().count() == 0 and training.TrainingSession.select().count() == 0

    dialog.end_date.clear()
    qtbot.keyClicks(dialog.end_date, "2026-04-3x")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.field_error("end_date") == _("Write the date like 2021-03-20, 2021.3.20 or 2021年3月20日.")
    assert training.Training.select().count() == 0

    dialog.end_date.clear()
    qtbot.keyClicks(dialog.end_date, "2026-04-15")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert page.names() == ["家庭教育指导培训"]


def test_missing_name_and_no_session_ticked_are_reported_together(qtbot, page):
    page.trigger(NEW)
    dialog = page.dialog
    qtbot.keyClicks(dialog.start_date, "2026-04-14")
    for row in range(dialog.sessions.rowCount()):
        dialog.sessions.item(row, USE).setCheckState(Qt.Unchecked)
    dialog.save()
    assert dialog.field_error("name") == _("The training needs a name.")
    assert dialog.field_error("sessions") == _("Tick at least one half day the training holds.")
    assert training.Training.select().count() == 0


def test_edit_keeps_the_marks_of_the_sessions_kept(qtbot, page, gui_context):
    t = make(gui_context.unit_code, days=2)
    wang = add_trainee(t, TraineeInput(name="王芳"))
    for session in t.sessions():
        training.mark(session, wang, "present")
    page.refresh()
    page.trigger(EDIT)
    dialog = page.dialog
    assert dialog.windowTitle() == _("Edit {name}").format(name=t.name)
    assert dialog.sessions.rowCount() == 4
    dialog.end_date.clear()  # one day only now
    assert dialog.sessions.rowCount() == 2
    dialog.save()
    assert not dialog.isVisible()
    assert training.hours_by_trainee(t)[wang.uuid] == 6.0
    assert page.facts.values["days"].text() == "2026年4月14日"


def test_esc_with_changes_asks_before_closing(qtbot, page, answers):
    page.trigger(NEW)
    dialog = page.dialog
    type_text(dialog.name, "反家暴法律知识培训")
    answers.replies.append(False)
    qtbot.keyClick(dialog.name, Qt.Key_Escape)
    assert answers.shown[-1] == ("question", dialog.windowTitle(), _("Discard the changes you typed?"))
    assert dialog.isVisible()
    answers.replies.append(True)
    qtbot.keyClick(dialog.name, Qt.Key_Escape)
    assert not dialog.isVisible() and page.dialog is None
    assert training.Training.select().count() == 0


# --- attendees --------------------------------------------------------------------------------------


def test_a_county_adds_attendees_from_the_villages_below(qtbot, county_context, answers):
    t = make(COUNTY, "村（社区）妇联执委素质提升培训班", organiser="长沙县妇联", organiser_level="county")
    page = open_page(qtbot, county_context)
    assert page.training.uuid == t.uuid
    page.tabs.setCurrentIndex(ATTENDEES_TAB)
    qtbot.mouseClick(page.attendees.add_button, Qt.LeftButton)
    picker = page.dialog
    assert isinstance(picker, TraineePicker)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    assert picker.unit_filter.isVisible()
    assert sorted(picker.names_shown()) == sorted(
        ["王芳", "王芳芳", "李玉兰", "王凤", "赵敏", "陈静", "王菲", "刘县干"]
    )

    # Initials: wf finds 王芳 (exact) before 王芳芳 and 王凤 and 王菲; Enter adds the top one.
    qtbot.keyClicks(picker.search_box, "wf")
    qtbot.keyClick(picker.search_box, Qt.Key_Return)
    assert trainee_names(t) == ["王芳"]
    added = next(x for x in t.trainees())
    assert (added.unit_name, added.phone) == ("石门村", "13812345678")
    assert picker.search_box.text() == ""

    # A unit filter, and several at once with Shift+Down.
    picker.unit_filter.setCurrentIndex(picker.unit_filter.findData("430121100202"))
    assert sorted(picker.names_shown()) == ["王凤", "赵敏"]
    qtbot.keyClick(picker.search_box, Qt.Key_Down, Qt.ShiftModifier)
    qtbot.keyClick(picker.search_box, Qt.Key_Return)
    assert trainee_names(t) == ["王凤", "王芳", "赵敏"]
    # Those on the list are shown but cannot be picked again; their column says so under its heading.
    assert picker.selected_uuids() == []
    assert picker.table.horizontalHeaderItem(4).text() == _("Status") == "状态"
    picker.unit_filter.setCurrentIndex(0)
    qtbot.keyClicks(picker.search_box, "wangfang")
    qtbot.keyClick(picker.search_box, Qt.Key_Return)
    assert trainee_names(t) == ["王凤", "王芳", "王芳芳", "赵敏"]
    qtbot.mouseClick(picker.close_button, Qt.LeftButton)
    assert page.attendees.model.rowCount() == 4
    assert page.attendees.count_label.text().startswith(ngettext("{n} attendee", "{n} attendees", 4).format(n=4))
    assert page.model.data(page.model.index(0, 6)) == "4"


def test_type_attendees_in_one_after_another(qtbot, page, gui_context, answers):
    t = make(gui_context.unit_code)
    page.refresh()
    page.type_in_attendees()
    dialog = page.dialog
    assert isinstance(dialog, TypeInDialog)
    assert dialog.form.unit_name.text() == "石门村"  # a village's own trainings are mostly its own people
    type_text(dialog.form.name, "李娟")
    type_text(dialog.form.post.lineEdit(), "妇女骨干")
    qtbot.keyClicks(dialog.form.phone, "12345")
    qtbot.keyClick(dialog.form.phone, Qt.Key_Return)
    assert dialog.form.field_error("phone")
    assert training.Trainee.select().count() == 0
    dialog.form.phone.clear()
    qtbot.keyClicks(dialog.form.phone, "13912345678")
    qtbot.keyClick(dialog.form.phone, Qt.Key_Return)
    assert trainee_names(t) == ["李娟"]
    assert dialog.form.name.text() == "" and dialog.form.unit_name.text() == "石门村"
    type_text(dialog.form.name, "赵敏")
    qtbot.keyClick(dialog.form.name, Qt.Key_Return)
    type_text(dialog.form.name, "李娟")
    qtbot.keyClick(dialog.form.name, Qt.Key_Return)
    assert dialog.form.field_error("name") == _("{name} is already on the list.").format(name="李娟")
    dialog.accept()
    assert trainee_names(t) == ["李娟", "赵敏"]
    assert page.attendees.model.rowCount() == 2
    lijuan = next(x for x in t.trainees() if x.name == "李娟")
    assert (lijuan.post, lijuan.phone, lijuan.person_id) == ("妇女骨干", "13912345678", None)


def test_typed_in_names_are_matched_and_removed(qtbot, page, gui_context, answers):
    t = make(gui_context.unit_code)
    add_trainee(t, TraineeInput(name="赵敏", unit_name="石门村"))
    add_trainee(t, TraineeInput(name="陈静", unit_name="石门村"))
    save_person(PersonInput(name="赵敏"), gui_context.unit_code)
    page.refresh()
    page.tabs.setCurrentIndex(ATTENDEES_TAB)
    assert page.attendees.match_button.isEnabled()
    qtbot.mouseClick(page.attendees.match_button, Qt.LeftButton)
    assert answers.shown[-1][0] == "info"
    assert training.Trainee.get(training.Trainee.name == "赵敏").person_id is not None
    row = page.attendees.model.row_of(training.Trainee.get(training.Trainee.name == "赵敏").uuid)
    assert page.attendees.model.data(page.attendees.model.index(row, 5)) == "✓"

    training.mark(t.sessions()[0], training.Trainee.get(training.Trainee.name == "陈静"), "present")
    page.attendees.select_names("陈静")
    answers.replies.append(True)
    qtbot.mouseClick(page.attendees.remove_button, Qt.LeftButton)
    assert trainee_names(t) == ["赵敏"]
    assert training.summary(t).sessions[0].attended == 0


# --- the attendance grid ---------------------------------------------------------------------------------


def test_grid_keys_mark_cells_and_leave_asks_the_reason(qtbot, page, gui_context):
    t = make(gui_context.unit_code)
    for name in ("王芳", "李娟", "赵敏"):
        add_trainee(t, TraineeInput(name=name, unit_name="石门村"))
    page.refresh()
    page.tabs.setCurrentIndex(ATTENDANCE_TAB)
    view, model = page.attendance.view, page.attendance.model
    assert [x.name for x in model.trainees] == ["李娟", "王芳", "赵敏"]
    am = model.column_of(t.sessions()[0].uuid)
    view.setFocus()
    view.setCurrentIndex(model.index(0, am))
    qtbot.keyClick(view, Qt.Key_P)  # 李娟 present, the cursor moves down
    qtbot.keyClick(view, Qt.Key_L)  # 王芳 late
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key_E)  # 赵敏 excused: asks why
    reason_dialog = page.dialog
    assert isinstance(reason_dialog, LeaveReasonDialog)
    assert model.status(2, am) == ""  # nothing written before the reason
    reason_dialog.accept()
    assert reason_dialog.isVisible() and reason_dialog.error.text() == _("Give the reason for the leave.")
    reason_dialog.reason.setText("生\u202e病")  # pasted with a character that turns the text round
    reason_dialog.accept()
    assert reason_dialog.isVisible() and "U+202E" in reason_dialog.error.text()
    assert model.status(2, am) == ""
    reason_dialog.reason.clear()
    type_text(reason_dialog.reason, "生病")
    reason_dialog.accept()
    assert model.status(2, am) == "excused"
    assert model.data(model.index(2, am)) == _("{status}: {reason}").format(
        status=status_mark("excused"), reason="生病"
    )
    assert [model.status(r, am) for r in range(3)] == ["present", "late", "excused"]
    assert model.data(model.index(1, model.hours_column())) == "3"
    result = training.summary(t)
    assert (result.sessions[0].attended, result.sessions[0].late, result.sessions[0].excused) == (2, 1, 1)
    assert "66.7%" not in page.attendance.summary.text()
    assert "33.3%" in page.attendance.summary.text()  # 2 of 6 person-sessions

    # Delete clears a mark again (a mistake); the combo editor works too.
    view.setCurrentIndex(model.index(0, am))
    qtbot.keyClick(view, Qt.Key_Delete)
    assert model.status(0, am) == ""
    model.setData(model.index(0, am + 1), "absent")
    assert training.Attendance.live().where(training.Attendance.status == "absent").count() == 1


# --- delete and print -------------------------------------------------------------------------------------


def test_delete_asks_then_the_training_leaves_the_list(page, gui_context, answers):
    make(gui_context.unit_code, "家庭教育指导培训", dt.date(2025, 3, 8))
    doomed = make(gui_context.unit_code, "妇女健康知识培训", dt.date(2026, 5, 2))
    page.refresh()
    page.select_training(doomed.uuid)
    answers.replies.append(False)
    page.trigger(DELETE)
    assert answers.shown[-1][0] == "question" and "妇女健康知识培训" in answers.shown[-1][2]
    assert "妇女健康知识培训" in page.names()
    answers.replies.append(True)
    page.trigger(DELETE)
    assert page.names() == ["家庭教育指导培训"]
    assert training.Training.get_by_id(doomed.uuid).deleted  # a tombstone, in the recycle bin
    assert page.training.name == "家庭教育指导培训"  # the cursor moved to a neighbour
    assert [page.year_box.itemData(i) for i in range(page.year_box.count())] == [0, 2025]


def test_print_saves_the_sign_in_sheets_and_the_summary(page, gui_context, answers, tmp_path):
    t = make(gui_context.unit_code)
    wang = add_trainee(t, TraineeInput(name="王芳", unit_name="石门村"))
    training.mark(t.sessions()[0], wang, "present")
    page.refresh()
    answers.files.append(tmp_path / "signin.pdf")
    page.trigger(PRINT)
    save_from_preview()
    assert (tmp_path / "signin.pdf").read_bytes().startswith(b"%PDF")
    answers.files.append(tmp_path / "attendance.xlsx")
    page.print_entries[("attendance", "xlsx")].trigger()
    assert (tmp_path / "attendance.xlsx").is_file()
    answers.files.append(tmp_path / "year.pdf")
    page.print_form("training-year", "pdf")
    save_from_preview()
    assert (tmp_path / "year.pdf").read_bytes().startswith(b"%PDF")
    assert not [m for m in answers.shown if m[0] == "error"]


def test_tick_off_opens_from_the_page_and_refreshes_it(qtbot, page, gui_context):
    from gui.training.tick_off import TickOffDialog

    t = make(gui_context.unit_code)
    add_trainee(t, TraineeInput(name="王芳", unit_name="石门村"))
    page.refresh()
    page.tabs.setCurrentIndex(ATTENDANCE_TAB)
    page.trigger(TICK_OFF)
    dialog = page.dialog
    assert isinstance(dialog, TickOffDialog)
    qtbot.keyClicks(dialog.search_box, "wf")
    qtbot.keyClick(dialog.search_box, Qt.Key_Return)
    dialog.accept()
    assert page.attendance.model.status(0, page.attendance.model.column_of(dialog.session().uuid)) == "present"
    assert page.model.data(page.model.index(0, RATE_COLUMN)) != "—"


def test_import_a_list_of_attendees_with_a_preview(qtbot, page, gui_context, answers, tmp_path):
    import openpyxl

    from gui.training.trainee_picker import TraineeImportDialog

    t = make(gui_context.unit_code)
    save_person(PersonInput(name="王芳", phone="13812345678"), gui_context.unit_code)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["巧手编织技能培训参训人员名单"])
    sheet.append(["序号", "姓名", "村(社区)/单位", "职务", "联系电话"])
    sheet.append([1, "王芳", "石门村", "主席", "13812345678"])
    sheet.append([2, "李娟", "桃花村", "执委", "1391234"])  # a digit short
    sheet.append([3, "赵敏", "桃花村", "执委", ""])
    path = tmp_path / "名单.xlsx"
    book.save(path)

    page.refresh()
    answers.files.append(path)
    page.trigger(IMPORT)
    dialog = page.dialog
    assert isinstance(dialog, TraineeImportDialog)
    assert answers.file_requests[-1][1] == _("Choose a list of attendees to import")
    assert dialog.model.rowCount() == 3 and dialog.model.row_is_bad(1) and not dialog.model.row_is_bad(0)
    assert not dialog.import_all_button.isEnabled() and not dialog.template_button.isVisible()
    assert training.Trainee.select().count() == 0  # nothing written by the preview
    qtbot.mouseClick(dialog.import_good_button, Qt.LeftButton)
    assert trainee_names(t) == ["王芳", "赵敏"]
    assert training.Trainee.get(training.Trainee.name == "王芳").person_id is not None  # linked to the record
    assert answers.shown[-1][0] == "info"
    assert page.dialog is None and page.attendees.model.rowCount() == 2


def test_delete_key_in_the_tables_is_theirs_not_the_windows(qtbot, main_window, gui_context, answers):
    """In the main window, Delete deletes the training only from the list: in the grid it clears a
    mark, in the attendee list it removes attendees."""
    t = make(gui_context.unit_code)
    for name in ("王芳", "李娟"):
        add_trainee(t, TraineeInput(name=name, unit_name="石门村"))
    training.mark(t.sessions()[0], training.Trainee.get(training.Trainee.name == "王芳"), "present")
    page = TrainingPage(gui_context)
    page.setObjectName("page_training")
    main_window.pages["training"] = page  # as the main window's own factory would
    main_window.stack.addWidget(page)
    assert main_window.show_page("training") is page
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)

    page.tabs.setCurrentIndex(ATTENDANCE_TAB)
    view, model = page.attendance.view, page.attendance.model
    view.setFocus()
    view.setCurrentIndex(
        model.index(
            model.row_of(training.Trainee.get(training.Trainee.name == "王芳").uuid),
            model.column_of(t.sessions()[0].uuid),
        )
    )
    qtbot.keyClick(view, Qt.Key_Delete)
    assert not answers.shown  # no "delete the training?" question
    assert training.marks(t) == {}

    page.tabs.setCurrentIndex(ATTENDEES_TAB)
    page.attendees.select_names("李娟")
    page.attendees.table.setFocus()
    answers.replies.append(True)
    qtbot.keyClick(page.attendees.table, Qt.Key_Delete)
    assert "李娟" in answers.shown[-1][2]
    assert trainee_names(t) == ["王芳"]
    assert not training.Training.get_by_id(t.uuid).deleted

    page.table.setFocus()
    answers.replies.append(True)
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert training.Training.get_by_id(t.uuid).deleted and page.state() == "empty"


def test_the_sessions_table_explains_itself_until_the_days_are_given(qtbot, page):
    page.trigger(NEW)
    dialog = page.dialog
    table = dialog.sessions
    assert dialog.sessions.rowCount() == 0
    assert table.empty_hint.isVisible()
    assert table.empty_hint.text() == _("Fill in the days above: each day's morning and afternoon are listed here.")
    assert not dialog.all_button.isEnabled()  # nothing to tick
    metrics = table.fontMetrics()
    for column in range(table.columnCount()):
        title = table.horizontalHeaderItem(column).text()
        assert table.columnWidth(column) >= metrics.horizontalAdvance(title) + 16, title
    assert table.columnWidth(1) >= metrics.horizontalAdvance("2026-04-14") + 16

    qtbot.keyClicks(dialog.start_date, "2026-04-14")
    assert table.rowCount() == 2
    assert not table.empty_hint.isVisible()
    assert not dialog.all_button.isEnabled()  # all ticked already
    table.item(1, USE).setCheckState(Qt.Unchecked)
    assert dialog.all_button.isEnabled()
    qtbot.mouseClick(dialog.all_button, Qt.LeftButton)
    assert table.item(1, USE).checkState() == Qt.Checked
    assert not dialog.all_button.isEnabled()
    dialog.reject()


def test_the_attendee_tables_are_sized_from_their_first_rows_and_the_last_number_fits(page, gui_context):
    from gui.training.trainee_table import SIZE_SAMPLE_ROWS

    t = make(gui_context.unit_code)
    for n in range(SIZE_SAMPLE_ROWS * 2 + 20):
        add_trainee(t, TraineeInput(name=f"学员{n:03d}", unit_name="石门村"))
    page.refresh()
    table = page.attendees.table
    assert table.model().rowCount() == SIZE_SAMPLE_ROWS * 2 + 20
    for view in (table, page.attendance.view):
        assert view.horizontalHeader().resizeContentsPrecision() == SIZE_SAMPLE_ROWS
    last = table.model().index(table.model().rowCount() - 1, 0)
    assert table.model().data(last) == str(SIZE_SAMPLE_ROWS * 2 + 20)
    assert table.columnWidth(0) >= table.sizeHintForIndex(last).width() + 16
    metrics = table.fontMetrics()
    assert table.columnWidth(1) >= metrics.horizontalAdvance("学员000") + 16
