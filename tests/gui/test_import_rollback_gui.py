"""The GUI's side of undoing imports: removals shown red with a confirmation, and a unit rolled back from its
drill-down."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from gui.context import AppContext
from gui.submissions.package_import import REFUSED_COLOUR, PackageImportDialog
from gui.submissions.page import SubmissionsPage, UnitDetailDialog
from models import exchange
from models.base import database
from models.i18n import _
from models.people import Person
from tests.gui.gui_helpers import show_widget
from tests.models.exchange_helpers import COUNTY, COUNTY_NAME, VILLAGE, VILLAGE_NAME, make_installation, use


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A village's first package, and a second one that deletes its whole ledger of activities."""
    from models import db as dbmod

    base = tmp_path_factory.mktemp("rollback_gui")
    village = make_installation(base / "village.sqlite3", VILLAGE, VILLAGE_NAME, seed=1)
    use(village)
    first = exchange.export_package(base / "first.fulian").path
    for table in ("activity", "activity_participant", "photo_link"):
        database.execute_sql(f'UPDATE "{table}" SET deleted = 1 WHERE unit = ?', (VILLAGE,))
    second = exchange.export_package(base / "second.fulian").path
    dbmod.close_database()
    county = make_installation(base / "county.sqlite3", COUNTY, COUNTY_NAME, seed=3)
    yield {"first": first, "second": second, "county": county}
    dbmod.close_database()


@pytest.fixture
def page(qtbot, world, tmp_path, gui_settings, answers):
    from models import db as dbmod

    path = tmp_path / "county.sqlite3"
    shutil.copyfile(world["county"], path)
    use(path)
    exchange.import_package(world["first"])
    context = AppContext(db_path=path, unit_code=COUNTY, unit_name=COUNTY_NAME, settings=gui_settings)
    yield show_widget(qtbot, SubmissionsPage(context), (1100, 700))
    dbmod.close_database()


def activities() -> int:
    from models.homes import Activity

    return Activity.live().where(Activity.unit == VILLAGE).count()


def test_removals_are_red_and_a_large_removal_is_confirmed(qtbot, page, world, answers):
    held = activities()
    dialog = page.import_paths([world["second"]])
    assert isinstance(dialog, PackageImportDialog)
    removed = dialog.table.item(0, dialog.REMOVED_COLUMN)
    assert int(removed.text()) >= held > 0
    assert removed.foreground().color() == REFUSED_COLOUR and removed.font().bold()
    assert dialog.table.item(0, dialog.COLUMNS.index("added")).font().bold() is False

    answers.replies.append(False)  # not confirmed: nothing imported
    assert dialog.run_import() is False
    assert "second.fulian" in answers.shown[-1][2] and "30%" in answers.shown[-1][2]
    assert activities() == held
    answers.replies.append(True)
    assert dialog.run_import() is True
    assert activities() == 0


def test_a_unit_is_rolled_back_from_its_drill_down(qtbot, page, world, answers):
    held, people = activities(), Person.live().where(Person.unit == VILLAGE).count()
    exchange.import_package(world["second"], allow_large_removal=True)
    page.refresh_progress()
    assert page.select_unit(VILLAGE)
    page.show_unit_detail()
    detail = page.dialog
    assert isinstance(detail, UnitDetailDialog)
    assert detail.imports.rowCount() == 2
    assert detail.imports.item(0, detail.IMPORT_COLUMNS.index("file")).text() == "second.fulian"
    assert not detail.rollback_button.isEnabled()

    detail.imports.selectRow(0)
    assert detail.rollback_button.isEnabled()
    answers.replies.append(False)
    qtbot.mouseClick(detail.rollback_button, Qt.LeftButton)
    assert activities() == 0  # not confirmed: nothing changed

    answers.replies.append(True)
    qtbot.mouseClick(detail.rollback_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: activities() == held)
    assert Person.live().where(Person.unit == VILLAGE).count() == people
    assert answers.shown[-1][0] == "info" and "second.fulian" in answers.shown[-1][2]
    assert detail.imports.item(0, detail.IMPORT_COLUMNS.index("state")).text() == _("Rolled back")
    detail.imports.selectRow(0)
    assert not detail.rollback_button.isEnabled()
    detail.reject()
