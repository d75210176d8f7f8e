"""The settings page's trusted installations (listed, revoked after a question) and the key and phones in a
unit's list of imports."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from gui.context import AppContext
from gui.settings.page import SettingsPage
from gui.submissions.page import SubmissionsPage, UnitDetailDialog
from models import exchange
from models.exchange import UnconfirmedPackage
from models.i18n import _
from tests.gui.gui_helpers import show_widget
from tests.models.exchange_helpers import COUNTY, COUNTY_NAME, VILLAGE, VILLAGE_NAME, make_installation, use


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from models import db as dbmod

    base = tmp_path_factory.mktemp("trusted_gui")
    village = make_installation(base / "village.sqlite3", VILLAGE, VILLAGE_NAME, seed=1)
    use(village)
    first = exchange.export_package(base / "first.fulian").path
    second = exchange.export_package(base / "second.fulian", phones="full").path
    key = exchange.installation_fingerprint()
    dbmod.close_database()
    county = make_installation(base / "county.sqlite3", COUNTY, COUNTY_NAME, seed=3)
    yield {"first": first, "second": second, "key": key, "county": county}
    dbmod.close_database()


@pytest.fixture
def context(world, tmp_path, gui_settings):
    from models import db as dbmod

    path = tmp_path / "county.sqlite3"
    shutil.copyfile(world["county"], path)
    use(path)
    yield AppContext(db_path=path, unit_code=COUNTY, unit_name=COUNTY_NAME, settings=gui_settings)
    dbmod.close_database()


@pytest.fixture
def settings_page(qtbot, context, answers):
    return show_widget(qtbot, SettingsPage(context), (1000, 700))


def test_no_trusted_installation_yet_is_said_in_words(settings_page):
    assert settings_page.trusted_box.isVisible()
    assert settings_page.trusted_empty.isVisible() and not settings_page.trusted_table.isVisible()
    assert settings_page.trusted_empty.text() == _(
        "No installation is trusted here yet: a unit's first package makes its key trusted."
    )
    assert not settings_page.revoke_button.isEnabled()


def test_a_village_has_no_list_of_trusted_installations(qtbot, gui_context, answers):
    page = show_widget(qtbot, SettingsPage(gui_context), (1000, 700))
    assert not page.trusted_box.isVisible()


def test_the_first_package_is_listed_and_revoked_after_a_question(qtbot, settings_page, world, answers):
    exchange.import_package(world["first"])
    settings_page.refresh()
    table = settings_page.trusted_table
    assert table.isVisible() and not settings_page.trusted_empty.isVisible()
    assert table.rowCount() == 1
    assert VILLAGE_NAME in table.item(0, 0).text() and VILLAGE in table.item(0, 0).text()
    assert table.item(0, 1).text() == world["key"]
    assert table.item(0, 3).text() == _(exchange.trust.HOW_LABELS[exchange.signing.FIRST_IMPORT])
    assert table.item(0, 4).text() != "—"

    table.selectRow(0)
    assert settings_page.revoke_button.isEnabled()
    answers.replies.append(False)  # not confirmed: still trusted
    qtbot.mouseClick(settings_page.revoke_button, Qt.LeftButton)
    kind, title, text = answers.shown[-1]
    assert kind == "question" and world["key"] in text and VILLAGE_NAME in text
    assert len(exchange.trusted_installations()) == 1

    answers.replies.append(True)
    qtbot.mouseClick(settings_page.revoke_button, Qt.LeftButton)
    assert exchange.trusted_installations() == []
    assert settings_page.trusted_empty.isVisible() and not settings_page.revoke_button.isEnabled()
    with pytest.raises(UnconfirmedPackage):
        exchange.import_package(world["second"])


def test_a_units_imports_show_the_key_and_how_phones_came(qtbot, context, world, answers):
    exchange.import_package(world["first"])
    exchange.import_package(world["second"])
    page = show_widget(qtbot, SubmissionsPage(context), (1100, 700))
    assert page.select_unit(VILLAGE)
    page.show_unit_detail()
    detail = page.dialog
    assert isinstance(detail, UnitDetailDialog)
    key, phones = detail.IMPORT_COLUMNS.index("key"), detail.IMPORT_COLUMNS.index("phones")
    second, first = exchange.list_imports(VILLAGE)
    assert detail.imports.item(0, key).text() == second.key_words() == world["key"]
    assert detail.imports.item(1, key).text() == first.key_words() and world["key"] in first.key_words()
    assert detail.imports.item(0, phones).text() == _("in full")
    assert detail.imports.item(1, phones).text() == _("masked")
    detail.reject()
