"""The Women's Home page (妇女之家): the ledger table model, the facility, the ledger driven like a user."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QModelIndex, Qt

from gui.common.page import DELETE, EDIT, NEW, PRINT, SEARCH
from gui.homes.activity_dialog import ActivityDialog
from gui.homes.activity_summary import ActivitySummary
from gui.homes.activity_table import COLUMNS, TITLE_COLUMN, ActivityTableModel, lock_icon
from gui.homes.home_dialog import HomeDialog
from gui.homes.page import COPY, FACILITY_TAB, LEDGER_TAB, NO_PHOTO, HomesPage
from models import photos, recycle_bin
from models.base import database as db
from models.homes import (
    CATEGORY,
    DEMONSTRATION_LEVEL,
    FACILITY,
    Activity,
    ActivityParticipant,
    HomeInput,
    home_of,
    save_activity,
    save_home,
)
from models.i18n import _, ngettext
from tests.gui.gui_helpers import save_from_preview, show_widget, type_text
from tests.models.home_helpers import LAST_YEAR, activity_input

TITLES = [
    "“巾帼心向党”宣讲",
    "家庭教育讲座",
    "反家暴法律知识讲座",
    "“两癌”免费检查",
    "巧手编织技能培训",
    "留守儿童暑期课堂",
    "巾帼志愿者清扫村道",
    "三八妇女节趣味运动会",
    "网上妇女之家政策推送",
    "执委例会",
]


def picture(path: Path, colour) -> Path:
    Image.new("RGB", (320, 240), colour).save(path)
    return path


def specs(n: int, first_year: int = LAST_YEAR - 1) -> list[dict]:
    """n activities over two years, every month and the ten categories."""
    return [
        dict(
            date=dt.date(first_year + (i // 12) % 2, 1 + i % 12, 1 + i % 28),
            start_time=f"{8 + i % 10:02d}:00",
            title=f"{TITLES[i % 10]}{i}",
            category=str(1 + i % 10),
            place="文化广场" if i % 3 == 0 else "村妇女之家",
            leader="李秀英" if i % 2 else "王芳",
            women=i % 50 + 1,
            sensitive=str(1 + i % 10) in ("3", "4", "6"),
        )
        for i in range(n)
    ]


def bulk_activities(unit: str, n: int) -> list[dict]:
    """Save specs(n) in one transaction; returns them to count what the filters should find."""
    rows = specs(n)
    with db.atomic():
        for row in rows:
            Activity(unit=unit, **row).save()
    return rows


def count(rows: list[dict], year=None, month=None, category=None, text="") -> int:
    return sum(
        1
        for r in rows
        if (year is None or r["date"].year == year)
        and (month is None or r["date"].month == month)
        and (category is None or r["category"] == category)
        and (not text or text in r["title"] or text in r["place"] or text in r["leader"])
    )


def activity(unit: str, **changes) -> Activity:
    return save_activity(activity_input(**changes), unit)


@pytest.fixture
def unit(gui_context) -> str:
    return gui_context.unit_code


@pytest.fixture
def page(qtbot, gui_context, answers):
    return show_widget(qtbot, HomesPage(gui_context), (1150, 720))


def titles(page) -> list[str]:
    model = page.ledger.model
    return [model.activity_at(r).title for r in range(model.rowCount())]


# --- the table model ---------------------------------------------------------------------------


def test_empty_model_passes_qt_checks(qtmodeltester, unit):
    model = ActivityTableModel(unit)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
    assert model.columnCount() == len(COLUMNS) == 9
    assert [model.headerData(c, Qt.Horizontal) for c in range(9)] == [
        _("Date"),
        _("Time"),
        _("Activity"),
        _("Category"),
        _("Form"),
        _("Place"),
        _("Participants"),
        _("Photos"),
        _("Leader"),
    ]
    qtmodeltester.check(model)


def test_500_activities_arrive_in_batches_and_pass_qt_checks(qtmodeltester, unit):
    bulk_activities(unit, 500)
    model = ActivityTableModel(unit, batch_size=120)
    assert model.rowCount() == 120 and model.canFetchMore(QModelIndex())
    assert model.total() == 500
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 500
    dates = [model.activity_at(r).date for r in range(500)]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert len({model.activity_at(r).uuid for r in range(500)}) == 500  # paging lost or repeated nothing


def test_filters_narrow_in_sql(qapp, unit):
    rows = bulk_activities(unit, 240)
    model = ActivityTableModel(unit, batch_size=50)
    model.set_filters(year=LAST_YEAR)
    assert model.total() == count(rows, year=LAST_YEAR) == 120
    assert all(model.activity_at(r).date.year == LAST_YEAR for r in range(model.rowCount()))
    model.set_filters(year=LAST_YEAR, month=3)
    assert model.total() == count(rows, year=LAST_YEAR, month=3) == 10
    assert {model.activity_at(r).date.month for r in range(model.rowCount())} == {3}
    model.set_filters(category="4")
    assert model.total() == count(rows, category="4") == 24
    assert {model.activity_at(r).category for r in range(model.rowCount())} == {"4"}
    model.set_filters(text="文化广场")  # the place
    assert model.total() == count(rows, text="文化广场") == 80
    model.set_filters(year=LAST_YEAR, category="1", text="宣讲")
    assert model.total() == count(rows, year=LAST_YEAR, category="1", text="宣讲") > 0
    model.set_filters(text="王芳")  # the leader
    assert model.total() == count(rows, text="王芳") == 120
    # A month without a year means nothing: it is ignored.
    model.set_filters(month=3)
    assert model.total() == 240
    sql, _params = model.current_listing().filtered().sql()
    assert "LIMIT" not in sql and '"activity"' in sql  # counted and filtered by the database, not in Python


def test_sorting_by_each_column_is_done_in_sql(qapp, unit, tmp_path):
    bulk_activities(unit, 30)
    most = activity(
        unit,
        title="照片最多",
        photos=[photos.store_photo_file(picture(tmp_path / f"{i}.jpg", (i * 60, 0, 0))) for i in range(3)],
    )
    model = ActivityTableModel(unit, batch_size=10)
    for column in range(len(COLUMNS)):
        model.sort(column, Qt.AscendingOrder)
        assert model.rowCount() == 10
    model.sort(7, Qt.DescendingOrder)  # photos
    assert model.activity_at(0).uuid == most.uuid
    assert model.data(model.index(0, 7)) == "3"
    model.sort(6, Qt.DescendingOrder)  # participants
    counts = [int(model.data(model.index(r, 6))) for r in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_cells_read_as_in_the_ledger_and_sensitive_rows_carry_a_lock(qapp, unit):
    shown = activity(unit, start_time="9:30", end_time="11:00", children=5, others=2)
    hidden = activity(unit, title="两癌筛查", category="4", sensitive=True, date=dt.date(LAST_YEAR, 3, 9))
    model = ActivityTableModel(unit)
    row = model.row_of(shown.uuid)
    cells = [model.data(model.index(row, c)) for c in range(9)]
    assert cells == [
        f"{LAST_YEAR}-03-08",
        "09:30–11:00",
        "“巾帼心向党”宣讲",
        CATEGORY.label("1"),
        _("Talk"),
        "村妇女之家",
        "42",
        "0",
        "李秀英",
    ]
    assert model.data(model.index(row, 2), Qt.DecorationRole) is None
    locked = model.index(model.row_of(hidden.uuid), 2)
    assert model.data(locked, Qt.DecorationRole) is lock_icon()
    assert "两癌筛查" in model.data(locked, Qt.ToolTipRole)
    assert model.data(model.index(row, 6), Qt.TextAlignmentRole) == int(Qt.AlignRight | Qt.AlignVCenter)


# --- the page -----------------------------------------------------------------------------------


def test_page_supports_the_shared_actions_and_shows_the_ledger_first(page):
    assert page.supported == {NEW, EDIT, DELETE, PRINT, SEARCH, NO_PHOTO}  # the last: the overview's link
    assert [page.tabs.tabText(i) for i in range(2)] == [_("Facility"), _("Activity ledger")]
    assert page.tabs.currentIndex() == LEDGER_TAB
    texts = [a.text() for a in page.ledger.toolbar.actions() if not a.isSeparator()]
    assert texts == [_("New"), _("Copy as new"), _("Edit"), _("Delete"), _("Print"), _("Recycle bin")]
    assert all(not a.icon().isNull() for a in page.ledger.toolbar.actions() if not a.isSeparator())


def test_empty_states_explain_the_next_step(qtbot, page):
    assert page.ledger.state() == "empty"
    assert page.ledger.empty_state.text.text() == _(
        "No activities recorded yet — record one with New activity (Ctrl+N), with its photos as evidence "
        "for the inspectors."
    )
    assert not page.ledger.filters_row.isVisible()
    assert not page.ledger.actions_by_name[PRINT].isEnabled()
    assert page.facility_state() == "empty"
    button = page.ledger.empty_state.buttons.itemAt(1).widget()
    qtbot.mouseClick(button, Qt.LeftButton)
    assert isinstance(page.dialog, ActivityDialog)
    page.dialog.reject()

    page.tabs.setCurrentIndex(FACILITY_TAB)
    fill = page.home_empty.buttons.itemAt(1).widget()
    assert fill.text() == _("Fill in…")
    qtbot.mouseClick(fill, Qt.LeftButton)
    assert isinstance(page.dialog, HomeDialog)


def test_describe_the_home_with_facilities_demonstrations_and_photos(qtbot, page, answers, tmp_path, unit):
    page.tabs.setCurrentIndex(FACILITY_TAB)
    page.trigger(EDIT)
    dialog = page.dialog
    assert isinstance(dialog, HomeDialog)
    assert dialog.name.text() == _("{unit} Women's Home").format(unit="石门村")
    type_text(dialog.address, "石门村村部二楼")
    qtbot.keyClicks(dialog.floor_area, "-5")
    dialog.shared_room.setChecked(True)
    type_text(dialog.shared_with, "党员活动室")
    dialog.plaque.setChecked(True)
    qtbot.keyClicks(dialog.plaque_date, "2018.3.8")
    dialog.rules_on_wall.setChecked(True)
    for code in ("tables_chairs", "notice_board", "rights_desk"):
        dialog.facility_boxes[code].setChecked(True)
    type_text(dialog.manager, "李秀英")
    qtbot.keyClicks(dialog.manager_phone, "13812345678")
    dialog.volunteers.setValue(26)
    qtbot.keyClicks(dialog.annual_funding, "5,000")
    type_text(dialog.online_group, "石门村姐妹群")
    dialog.online_members.setValue(312)
    type_text(dialog.online_owner, "王芳")
    dialog.demonstrations.add_row(2019, "county")
    qtbot.mouseClick(dialog.demonstrations.add_button, Qt.LeftButton)
    dialog.demonstrations.table.cellWidget(1, 0).setValue(2023)
    combo = dialog.demonstrations.table.cellWidget(1, 1)
    combo.setCurrentIndex(combo.findData("city"))
    answers.files.append([picture(tmp_path / "门牌.jpg", (180, 20, 20)), picture(tmp_path / "室内.png", (20, 90, 160))])
    qtbot.mouseClick(dialog.photos.add_button, Qt.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    # A bad floor area is shown under its field; nothing is saved and the rest is kept.
    assert dialog.isVisible()
    assert dialog.field_error("floor_area") == _("The floor area must be a positive number of square metres.")
    assert dialog.boxes["floor_area"].error.isVisible()
    assert dialog.floor_area.hasFocus() and dialog.floor_area.property("invalid") is True
    assert home_of(unit) is None
    dialog.floor_area.clear()
    qtbot.keyClicks(dialog.floor_area, "abc")
    dialog.save()
    assert dialog.field_error("floor_area") == _("Write the floor area as a number of square metres, e.g. 60.")
    dialog.floor_area.clear()
    qtbot.keyClicks(dialog.floor_area, "80")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert not dialog.isVisible()
    home = home_of(unit)
    assert (home.address, home.floor_area, home.own_room, home.shared_with) == (
        "石门村村部二楼",
        80,
        False,
        "党员活动室",
    )
    assert home.plaque_date == dt.date(2018, 3, 8) and home.rules_on_wall
    assert home.facility_codes == ["tables_chairs", "notice_board", "rights_desk"]
    assert (home.manager, home.manager_phone, home.volunteers, home.annual_funding) == (
        "李秀英",
        "13812345678",
        26,
        5000,
    )
    assert (home.online_group, home.online_members, home.online_owner) == ("石门村姐妹群", 312, "王芳")
    assert [(d.year, d.level) for d in home.demonstrations()] == [(2019, "county"), (2023, "city")]
    assert len(photos.photos_of(home.uuid)) == 2

    # The read view shows it all.
    assert page.facility_state() == "home"
    view = page.home_view
    assert view.title.text() == home.name
    assert "党员活动室" in view.values["room"].text()
    assert FACILITY.label("rights_desk") in view.values["facilities"].text()
    demonstrations = view.values["demonstrations"].text()
    assert "2019" in demonstrations and DEMONSTRATION_LEVEL.label("city") in demonstrations
    assert view.values["manager"].text() == "李秀英 13812345678"
    assert len(view.photos.digests()) == 2


def test_editing_the_home_again_loads_it_and_removing_a_year_saves(qtbot, page, unit):
    save_home(HomeInput(name="石门村妇女之家", floor_area=60, demonstrations=[(2019, "county"), (2022, "city")]), unit)
    page.refresh()
    page.tabs.setCurrentIndex(FACILITY_TAB)
    qtbot.mouseClick(page.home_view.edit_button, Qt.LeftButton)
    dialog = page.dialog
    assert dialog.floor_area.text() == "60"
    assert dialog.demonstrations.rows() == [(2019, "county"), (2022, "city")]
    dialog.demonstrations.table.setCurrentCell(0, 0)
    qtbot.mouseClick(dialog.demonstrations.remove_button, Qt.LeftButton)
    dialog.save()
    assert [(d.year, d.level) for d in home_of(unit).demonstrations()] == [(2022, "city")]
    assert page.home_view.values["demonstrations"].text() == _("{year}: {level}").format(
        year=2022, level=DEMONSTRATION_LEVEL.label("city")
    )


def test_a_demonstration_year_without_a_level_is_shown_inline(qtbot, page):
    page.tabs.setCurrentIndex(FACILITY_TAB)
    page.trigger(EDIT)
    dialog = page.dialog
    dialog.demonstrations.add_row(2020, "")
    dialog.save()
    assert dialog.field_error("demonstrations") == _(
        "Demonstration {year}: choose a level and a year up to this year."
    ).format(year=2020)
    assert dialog.isVisible()


def test_new_activity_from_the_page_is_selected_and_detailed(qtbot, page, tmp_path, answers):
    page.tabs.setCurrentIndex(FACILITY_TAB)
    page.trigger(NEW)
    assert page.tabs.currentIndex() == LEDGER_TAB
    dialog = page.dialog
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}-03-08")
    type_text(dialog.title, "“两癌”免费检查")
    dialog.category.setCurrentIndex(dialog.category.findData("4"))
    dialog.women.setValue(48)
    type_text(dialog.participants.entry, "陈桂花")
    dialog.participants.add_typed()
    answers.files.append([picture(tmp_path / "a.jpg", (200, 0, 0)), picture(tmp_path / "b.jpg", (0, 200, 0))])
    dialog.photos.add_photos()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert page.ledger.state() == "table"
    assert titles(page) == ["“两癌”免费检查"]
    assert page.current_activity().title == "“两癌”免费检查"
    detail = page.ledger.detail
    assert detail.title.text() == "“两癌”免费检查"
    assert detail.sensitive_row.isVisible()
    assert detail.values["participants"].text() == "陈桂花"
    assert len(detail.photos.digests()) == 2 and detail.photos.list.count() == 2
    assert page.ledger.count_label.text() == ngettext("{n} activity", "{n} activities", 1).format(n=1)
    assert str(LAST_YEAR) in [page.ledger.year_box.itemText(i) for i in range(page.ledger.year_box.count())]


def test_a_new_activity_hidden_by_the_filters_clears_them(qtbot, page, unit):
    activity(unit)
    page.refresh()
    page.ledger.set_filters(category="8")
    assert page.ledger.state() == "no_match"
    page.trigger(NEW)
    dialog = page.dialog
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}-05-01")
    type_text(dialog.title, "家风讲座")
    dialog.category.setCurrentIndex(dialog.category.findData("2"))
    dialog.women.setValue(20)
    dialog.save()
    assert page.ledger.category_box.currentData() == ""
    assert page.current_activity().title == "家风讲座"


def test_edit_by_enter_and_copy_as_new(qtbot, page, unit):
    first = activity(unit, results="反响良好", photos=[])
    page.refresh()
    assert page.ledger.select_activity(first.uuid)
    page.ledger.table.setFocus()
    qtbot.keyClick(page.ledger.table, Qt.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, ActivityDialog) and dialog.title.text() == first.title
    dialog.reject()

    page.trigger(COPY)
    dialog = page.dialog
    assert dialog.windowTitle() == _("New activity from “{title}”").format(title=first.title)
    assert dialog.date.text() == "" and dialog.results.toPlainText() == "" and dialog.women.value() == 0
    qtbot.keyClicks(dialog.date, f"{LAST_YEAR}-04-08")
    dialog.women.setValue(30)
    dialog.save()
    assert titles(page) == [first.title, first.title]
    assert page.current_activity().date == dt.date(LAST_YEAR, 4, 8)


def test_delete_asks_then_the_activity_leaves_the_table(page, answers, unit):
    keep = activity(unit, title="保留的活动", date=dt.date(LAST_YEAR, 1, 5))
    gone = activity(unit, title="要删除的活动", date=dt.date(LAST_YEAR, 2, 5), participants=[(None, "王芳")])
    page.refresh()
    page.ledger.select_activity(gone.uuid)
    answers.replies.append(False)
    page.trigger(DELETE)
    kind, _title, text = answers.shown[-1]
    assert kind == "question" and "要删除的活动" in text
    assert titles(page) == ["要删除的活动", "保留的活动"]

    answers.replies.append(True)
    page.trigger(DELETE)
    assert titles(page) == ["保留的活动"]
    assert Activity.get_by_id(gone.uuid).deleted  # a tombstone, as everywhere
    named = list(ActivityParticipant.select().where(ActivityParticipant.activity == gone.uuid))
    assert named and all(p.deleted for p in named)
    # The cursor stays on a neighbour so the next Delete works at once.
    assert page.current_activity().uuid == keep.uuid


def test_editing_an_activity_deleted_meanwhile_opens_nothing_and_drops_its_row(page, unit):
    gone = activity(unit, title="已在别处删除")
    page.refresh()
    assert page.ledger.select_activity(gone.uuid)
    recycle_bin.move_to_bin("activities", [gone.uuid], unit)  # e.g. from the command line
    page.trigger(EDIT)
    assert page.dialog is None
    assert titles(page) == []


def test_filters_through_the_combos_and_the_search_box(qtbot, page, unit):
    rows = bulk_activities(unit, 48)
    page.refresh()
    ledger = page.ledger
    assert ledger.model.total() == 48
    assert not ledger.month_box.isEnabled()  # no year chosen yet
    ledger.year_box.setCurrentIndex(ledger.year_box.findData(LAST_YEAR))
    assert ledger.model.total() == count(rows, year=LAST_YEAR) and ledger.month_box.isEnabled()
    ledger.month_box.setCurrentIndex(ledger.month_box.findData(2))
    assert ledger.model.total() == count(rows, year=LAST_YEAR, month=2) > 0
    assert {a.date.month for a in map(ledger.model.activity_at, range(ledger.model.rowCount()))} == {2}
    ledger.set_filters()
    ledger.category_box.setCurrentIndex(ledger.category_box.findData("7"))
    n = count(rows, category="7")
    assert ledger.model.total() == n
    assert ledger.count_label.text() == ngettext("{n} activity matches", "{n} activities match", n).format(n=n)
    ledger.set_filters()
    page.trigger(SEARCH)
    assert ledger.search_box.hasFocus()
    qtbot.keyClicks(ledger.search_box, "zzz")
    qtbot.waitUntil(lambda: ledger.state() == "no_match", timeout=2000)
    qtbot.mouseClick(ledger.no_match.buttons.itemAt(1).widget(), Qt.LeftButton)
    assert ledger.state() == "table" and ledger.model.total() == 48 and ledger.search_box.text() == ""
    type_text(ledger.search_box, "文化广场")
    qtbot.waitUntil(lambda: ledger.model.total() == count(rows, text="文化广场"), timeout=2000)


@pytest.fixture
def registered_forms():
    """The Women's Home forms as registered; a missing one fails tests/forms/test_registry.py."""
    from forms.registry import FORMS

    return FORMS


def test_print_without_a_registered_form_says_so(page, answers, unit, monkeypatch):
    from forms.registry import FORMS

    activity(unit)
    page.refresh()
    monkeypatch.delitem(FORMS, "ledger", raising=False)
    page.print_form("ledger", "pdf")
    assert answers.shown[-1] == ("info", _("Fulian Ledger"), _("This form is not available in this version yet."))
    assert not answers.file_requests  # nobody was asked where to save nothing


@pytest.mark.parametrize(
    "form, suffix",
    [("ledger", "pdf"), ("ledger", "xlsx"), ("activity", "pdf"), ("activity-stats", "pdf"), ("activity-stats", "xlsx")],
)
def test_print_the_ledger_the_record_sheet_and_the_statistics(
    page, answers, unit, tmp_path, registered_forms, form, suffix
):
    chosen = activity(unit)
    activity(unit, title="家风讲座", category="2", date=dt.date(LAST_YEAR, 5, 1))
    page.refresh()
    page.ledger.set_filters(year=LAST_YEAR)
    page.ledger.select_activity(chosen.uuid)
    written = tmp_path / f"out.{suffix}"
    answers.files.append(written)
    page.print_form(form, suffix)
    if suffix == "pdf":
        save_from_preview()
    assert not [m for m in answers.shown if m[0] == "error"], answers.shown
    assert written.is_file() and written.stat().st_size > 0
    if suffix == "pdf":
        assert written.read_bytes().startswith(b"%PDF")


def test_ctrl_p_prints_what_the_tab_shows(page, answers, unit, tmp_path, registered_forms):
    save_home(HomeInput(name="石门村妇女之家", floor_area=80), unit)
    activity(unit)
    page.refresh()
    answers.files.append(tmp_path / "ledger.pdf")
    page.trigger(PRINT)
    save_from_preview()
    assert (tmp_path / "ledger.pdf").read_bytes().startswith(b"%PDF")
    page.tabs.setCurrentIndex(FACILITY_TAB)
    answers.files.append(tmp_path / "home.pdf")
    page.trigger(PRINT)
    save_from_preview()
    assert (tmp_path / "home.pdf").read_bytes().startswith(b"%PDF")
    assert answers.file_requests[-1][0] == "save"


def test_the_record_sheet_needs_a_selected_activity(page, answers, unit, registered_forms):
    activity(unit)
    page.refresh()
    page.ledger.table.clearSelection()
    assert not page.ledger.print_entries[("activity", "pdf")].isEnabled()
    page.print_form("activity", "pdf")
    assert answers.shown[-1][2] == _("Select the activity whose record sheet you want first.")


def test_activity_summary_counts_this_year(qtbot, gui_context, unit, tmp_path):
    today = dt.date.today()
    with_photo = photos.store_photo_file(picture(tmp_path / "p.jpg", (10, 10, 10)))
    for month, category, photo in ((1, "1", True), (1, "1", False), (1, "8", True), (today.month, "8", False)):
        activity(unit, date=dt.date(today.year, month, 1), category=category, photos=[with_photo] if photo else [])
    activity(unit, date=dt.date(today.year, 1, 2), category="4", sensitive=True)  # no photo, but sensitive
    activity(unit, date=dt.date(today.year - 1, 5, 1))  # another year
    summary = ActivitySummary(gui_context)
    qtbot.addWidget(summary)
    summary.show()
    expected = [0] * 12
    expected[0] += 4
    expected[today.month - 1] += 1
    assert summary.month_counts == expected
    assert summary.bars.counts == expected
    assert summary.category_counts == {"1": 2, "8": 2, "4": 1}
    assert [name.text() for name, _count in summary.category_labels] == [
        CATEGORY.label("1"),
        CATEGORY.label("8"),
        CATEGORY.label("4"),
    ]
    assert summary.missing_photos == 2
    assert summary.missing_label.text() == ngettext(
        "{n} activity has no photo yet; inspectors ask for photos as evidence.",
        "{n} activities have no photo yet; inspectors ask for photos as evidence.",
        2,
    ).format(n=2)
    assert summary.total_label.text() == ngettext("{n} activity in {year}", "{n} activities in {year}", 5).format(
        n=5, year=today.year
    )


def test_activity_summary_of_an_empty_year(qtbot, unit):
    summary = ActivitySummary(unit)
    qtbot.addWidget(summary)
    summary.show()
    assert summary.month_counts == [0] * 12
    assert summary.empty_label.isVisible() and not summary.bars.isVisible()
    assert not summary.missing_label.isVisible()


def test_a_new_home_starts_from_the_unit_and_its_chair_and_esc_asks(qtbot, page, answers, unit):
    from models.people import PersonInput, save_person

    save_person(PersonInput(name="李秀英", post="chair", phone="13812345678"), unit)
    page.tabs.setCurrentIndex(FACILITY_TAB)
    page.trigger(EDIT)
    dialog = page.dialog
    assert (dialog.manager.text(), dialog.manager_phone.text()) == ("李秀英", "13812345678")
    assert not dialog.has_changes()
    type_text(dialog.address, "村部二楼")
    answers.replies.append(False)
    qtbot.keyClick(dialog.address, Qt.Key_Escape)
    assert dialog.isVisible() and answers.shown[-1][2] == _("Discard the changes you typed?")
    answers.replies.append(True)
    qtbot.keyClick(dialog.address, Qt.Key_Escape)
    assert not dialog.isVisible() and page.dialog is None
    assert home_of(unit) is None and page.facility_state() == "empty"


def test_removing_a_demonstration_year_does_not_read_as_cancel(page):
    page.tabs.setCurrentIndex(FACILITY_TAB)
    page.trigger(EDIT)
    assert page.dialog.demonstrations.remove_button.text() not in ("", _("Cancel"))


def test_the_ledger_table_gets_the_height_and_its_columns_fit_a_1024_window(qtbot, gui_context, answers, unit):
    """With no activity chosen the detail is one line and the table takes the height; every column is
    on screen (long texts cut with '…', whole in their tooltips); choosing an activity gives the detail room."""
    bulk_activities(unit, 30)
    page = show_widget(qtbot, HomesPage(gui_context), (790, 640))  # a 1024 window less the navigation
    ledger = page.ledger
    page.tabs.setCurrentIndex(LEDGER_TAB)
    qtbot.waitUntil(lambda: ledger.table.isVisible())
    table_height, detail_height = ledger.splitter.sizes()
    assert detail_height < 5 * ledger.fontMetrics().height()
    assert table_height > 4 * detail_height
    header = ledger.table.horizontalHeader()
    viewport = ledger.table.viewport().width()
    for column in range(header.count()):
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= viewport, column
        assert header.sectionSize(column) >= header.sectionSizeHint(column) - 1, column
    index = ledger.model.index(0, TITLE_COLUMN)
    assert ledger.model.data(index, Qt.DisplayRole) in ledger.model.data(index, Qt.ToolTipRole)
    ledger.table.selectRow(0)
    qtbot.waitUntil(lambda: ledger.splitter.sizes()[1] > 5 * ledger.fontMetrics().height())


def test_a_year_on_the_selected_demonstration_row_keeps_its_arrows_plain(qtbot, page, unit):
    """The frameless year box in a selected row is not painted over with the selection's blue."""
    save_home(HomeInput(name="石门村妇女之家", demonstrations=[(2023, "county"), (2024, "city")]), unit)
    page.refresh()
    page.tabs.setCurrentIndex(FACILITY_TAB)
    page.trigger(EDIT)
    table = page.dialog.demonstrations.table
    table.selectRow(1)
    year_box = table.cellWidget(1, 0)
    qtbot.waitUntil(lambda: year_box.isVisible())
    image = table.viewport().grab(year_box.geometry()).toImage()  # with what the table paints beneath it
    highlight = table.palette().color(table.palette().ColorGroup.Active, table.palette().ColorRole.Highlight)
    arrows = [image.pixelColor(x, y) for x in range(image.width() - 12, image.width()) for y in range(image.height())]
    assert sum(colour.rgb() == highlight.rgb() for colour in arrows) < len(arrows) // 4
