"""The submissions page (报送与汇总) driven like a user: export at a village, dry run and import at a county."""

from __future__ import annotations

import json
import time
import zipfile

import pdfplumber
import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from gui.common.page import EXPORT, IMPORT
from gui.context import AppContext
from gui.submissions import export_dialog
from gui.submissions.export_dialog import FULL, MASKED, OMITTED, ExportDialog
from gui.submissions.package_import import PackageImportDialog
from gui.submissions.page import IMPORT_FOLDER, ReasonDialog, SubmissionsPage, UnitDetailDialog
from models import exchange, submissions, units
from models.i18n import _, ngettext
from tests.gui.gui_helpers import show_widget
from tests.models.exchange_helpers import (
    COUNTY,
    COUNTY_NAME,
    VILLAGE,
    VILLAGE2,
    VILLAGE2_NAME,
    VILLAGE_NAME,
    dump,
    make_installation,
    use,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Two villages' packages and a county database, made once; tests copy the county."""
    from models import db as dbmod

    base = tmp_path_factory.mktemp("submissions_world")
    packages = {}
    for code, name, seed in ((VILLAGE, VILLAGE_NAME, 1), (VILLAGE2, VILLAGE2_NAME, 2)):
        db = make_installation(base / f"{code}.sqlite3", code, name, seed=seed)
        use(db)
        packages[code] = exchange.export_package(base / f"{code}.fulian").path
        dbmod.close_database()
    county = make_installation(base / "county.sqlite3", COUNTY, COUNTY_NAME, seed=3)
    yield {"packages": packages, "county": county}
    dbmod.close_database()


@pytest.fixture
def county_page(qtbot, world, tmp_path, gui_settings, answers):
    import shutil

    from models import db as dbmod

    path = tmp_path / "county.sqlite3"
    shutil.copyfile(world["county"], path)
    use(path)
    context = AppContext(db_path=path, unit_code=COUNTY, unit_name=COUNTY_NAME, settings=gui_settings)
    page = show_widget(qtbot, SubmissionsPage(context), (1100, 700))
    yield page
    dbmod.close_database()


@pytest.fixture
def village_page(qtbot, gui_context, answers):
    return show_widget(qtbot, SubmissionsPage(gui_context), (1000, 600))


@pytest.fixture
def packages(world, tmp_path):
    """Copies of the villages' packages in a folder of their own (a USB stick)."""
    import shutil

    folder = tmp_path / "usb"
    folder.mkdir()
    return [shutil.copy(p, folder / p.name) for p in world["packages"].values()]


def test_village_page_shows_only_export(village_page):
    page = village_page
    assert page.supported == frozenset({EXPORT})
    assert page.export_button.isVisible()
    assert page.import_files_button is None and page.progress_box is None
    assert not page.acceptDrops()
    assert page.last_export_label.text() == _("No package has been exported from this computer yet.")


def test_export_with_default_options_omits_id_numbers(qtbot, village_page, answers, tmp_path, monkeypatch):
    from models.people import PersonInput, id_number_check_digit, save_person

    id_number = "43012119780512002" + id_number_check_digit("43012119780512002")
    save_person(
        PersonInput(name="张晓红", birth="1978-05", post="chair", id_number=id_number), village_page.context.unit_code
    )
    opened = []
    monkeypatch.setattr(export_dialog, "open_folder", opened.append)
    village_page.trigger(EXPORT)
    dialog = village_page.dialog
    assert isinstance(dialog, ExportDialog)
    assert dialog.id_numbers() == OMITTED and dialog.photos.isChecked()
    assert dialog.path_edit.text().endswith(".fulian") and VILLAGE in dialog.path_edit.text()
    target = tmp_path / "out" / "village.fulian"
    dialog.path_edit.setText(str(target))
    answers.replies.extend([True, True])  # a cover sheet, then open the folder
    assert dialog.run_export()
    assert opened == [target.parent]
    told = answers.shown[-2][2]
    assert str(target) in told and dialog.result.package_id in told
    cover = target.with_suffix(".pdf")
    with pdfplumber.open(cover) as pdf:
        text = pdf.pages[0].extract_text()
    assert dialog.result.package_id in text and _("Cover sheet of a data package") in text
    assert village_page.dialog is None
    assert _("Nothing has changed since then.") in village_page.last_export_label.text()
    with zipfile.ZipFile(target) as archive:
        people = [json.loads(line) for line in archive.read("data/person.jsonl").decode().splitlines()]
    assert [p["name"] for p in people] == ["张晓红"] and all(p["id_number"] is None for p in people)
    # The county it goes to accepts it.
    use(tmp_path / "county_check.sqlite3")
    units.set_own_unit(COUNTY, COUNTY_NAME)
    package = exchange.verify_package(target)
    assert package.manifest.id_numbers == "omitted" and package.manifest.source_code == VILLAGE


def test_masked_or_full_id_numbers_need_confirmation(qtbot, village_page, answers):
    village_page.trigger(EXPORT)
    dialog = village_page.dialog
    answers.replies.append(False)
    assert not dialog.choose_id_numbers(FULL)
    assert dialog.id_numbers() == OMITTED and dialog.id_radios[OMITTED].isChecked()
    assert answers.shown[-1][0] == "question"
    answers.replies.append(True)
    assert dialog.choose_id_numbers(MASKED) and dialog.id_numbers() == MASKED
    answers.replies.append(True)
    assert dialog.choose_id_numbers(FULL) and dialog.id_numbers() == FULL
    dialog.reject()


def test_import_two_packages_previews_then_imports(qtbot, county_page, answers, packages):
    page = county_page
    assert {IMPORT, IMPORT_FOLDER, EXPORT} <= page.supported
    before = dump()
    answers.files.append([str(p) for p in packages])
    page.trigger(IMPORT)
    dialog = page.dialog
    assert isinstance(dialog, PackageImportDialog)
    assert dialog.table.rowCount() == 2
    assert [dialog.status_text(r) for r in range(2)] == [_("Ready")] * 2
    assert int(dialog.table.item(0, 4).text()) > 0  # records to add
    assert dialog.import_button.isEnabled()
    assert dump() == before  # the dry run wrote nothing
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert exchange.ImportLog.select().count() == 2
    assert {e.source_code for e in exchange.ImportLog.select()} == {VILLAGE, VILLAGE2}
    assert page.dialog is None
    assert answers.shown[-1][0] == "info"

    # The same packages again: already imported, nothing to import.
    answers.files.append([str(packages[0])])
    page.trigger(IMPORT)
    again = page.dialog
    assert again.status_text(0) == _("Already imported; nothing to do.")
    assert not again.import_button.isEnabled()
    again.reject()


def test_hostile_file_is_refused_and_the_good_ones_import(qtbot, county_page, answers, packages, tmp_path):
    hostile = packages[0].parent / "恶意.fulian"
    hostile.write_text("this is not a package", encoding="utf-8")
    answers.files.append([str(hostile), *map(str, packages)])
    county_page.trigger(IMPORT)
    dialog = county_page.dialog
    statuses = [dialog.status_text(r) for r in range(dialog.table.rowCount())]
    reason = _("{file} is not a Fulian Ledger package (it is not a zip file).").format(file=hostile.name)
    assert statuses[0] == reason and statuses[1:] == [_("Ready")] * 2
    assert "2" in dialog.import_button.text()
    assert dialog.run_import()
    assert exchange.ImportLog.select().count() == 2
    assert reason in answers.shown[-1][2]


def test_drop_a_folder_onto_the_page(qtbot, county_page, answers, packages):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(packages[0].parent))])
    event = QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    county_page.dropEvent(event)
    dialog = county_page.dialog
    assert isinstance(dialog, PackageImportDialog) and dialog.table.rowCount() == 2
    assert exchange.ImportLog.select().count() == 0
    dialog.reject()


def test_import_folder_through_the_folder_dialog(qtbot, county_page, answers, packages):
    answers.files.append(str(packages[0].parent))
    county_page.trigger(IMPORT_FOLDER)
    assert answers.file_requests[-1][0] == "folder"
    assert county_page.dialog.table.rowCount() == 2
    county_page.dialog.reject()


def test_progress_statuses_after_import_and_return(qtbot, county_page, answers, packages):
    rep = submissions
    page = county_page
    answers.files.append(str(packages[0]))
    page.trigger(IMPORT)
    page.dialog.run_import()
    status_col = page.PROGRESS_COLUMNS.index("status")
    rows = {
        page.progress_table.item(r, 1).text(): page.progress_table.item(r, status_col)
        for r in range(page.progress_table.rowCount())
    }
    assert rows[VILLAGE].text().startswith(_(rep.STATUSES[rep.REPORTED]))
    assert _(rep.STATUSES[rep.REPORTED]) in page.summary_label.text() or "1" in page.summary_label.text()

    # Return it with a reason: the reason is required.
    assert page.select_unit(VILLAGE)
    page.return_selected()
    dialog = page.dialog
    assert isinstance(dialog, ReasonDialog)
    dialog.try_accept()
    assert dialog.isVisible() and dialog.error.text()
    dialog.reason.setText("activity photos missing")
    dialog.try_accept()
    item = next(
        page.progress_table.item(r, status_col)
        for r in range(page.progress_table.rowCount())
        if page.progress_table.item(r, 1).text() == VILLAGE
    )
    assert item.text() == _(rep.STATUSES[rep.RETURNED])
    assert "activity photos missing" in item.toolTip()

    # Drill down into the unit.
    page.select_unit(VILLAGE)
    page.show_unit_detail()
    detail = page.dialog
    assert isinstance(detail, UnitDetailDialog)
    assert int(detail.values["people"].text()) > 0
    detail.reject()


def test_an_export_made_through_the_core_shows_on_the_page(qtbot, gui_context, tmp_path):
    """The command line exports through the same operation: the page shows that export and what changed since."""
    from models.people import PersonInput, save_person

    result = exchange.export_package(tmp_path / "from_the_command_line.fulian")
    page = SubmissionsPage(gui_context)
    qtbot.addWidget(page)
    text = page.last_export_label.text()
    assert "from_the_command_line.fulian" in text and str(result.sequence) in text
    assert _("Nothing has changed since then.") in text

    time.sleep(1.1)  # times are stored to the second: a change in the export's own second would not show
    save_person(PersonInput(name="李秀英", birth="1980-03", post="chair"), gui_context.unit_code)
    page.refresh_export()
    changed = ngettext(
        "{n} record changed since then: export again to send it.",
        "{n} records changed since then: export again to send them.",
        1,
    ).format(n=1)
    assert page.last_export_label.text().splitlines()[-1] == changed


def test_a_folder_with_package_two_listed_before_package_one_imports_both(qtbot, county_page, answers, tmp_path):
    """Packages #2 and #1 of one village, #2 first by name: both import, #1 first, and #2's data stands."""
    from models.people import Person, PersonInput, save_person

    village = make_installation(tmp_path / "village.sqlite3", VILLAGE, VILLAGE_NAME, seed=5)
    use(village)
    folder = tmp_path / "stick"
    exchange.export_package(folder / "b_first.fulian")
    save_person(PersonInput(name="王桂兰", birth="1975-08"), VILLAGE)
    exchange.export_package(folder / "a_second.fulian")
    use(county_page.context.db_path)

    answers.files.append(str(folder))
    county_page.trigger(IMPORT_FOLDER)
    dialog = county_page.dialog
    assert [dialog.status_text(r) for r in range(dialog.table.rowCount())] == [_("Ready")] * 2
    assert dialog.run_import()

    log = list(exchange.ImportLog.select().order_by(exchange.ImportLog.imported_at, exchange.ImportLog.sequence))
    assert [entry.sequence for entry in log] == [1, 2]
    assert all(f.status == "imported" for f in dialog.outcome.files)
    assert Person.live().where((Person.unit == VILLAGE) & (Person.name == "王桂兰")).count() == 1


def test_a_package_from_a_new_computer_asks_for_the_fingerprint_on_its_cover_sheet(
    qtbot, county_page, answers, packages, tmp_path
):
    from gui.submissions.package_import import PackageImportDialog as Dialog

    exchange.import_package(packages[0])  # the village's first computer: its key is pinned
    new_pc = make_installation(tmp_path / "new-pc.sqlite3", VILLAGE, VILLAGE_NAME, seed=5)
    use(new_pc)
    package = exchange.export_package(tmp_path / "new-pc.fulian").path
    fingerprint = exchange.installation_fingerprint()
    use(county_page.context.db_path)
    before = dump()

    answers.files.append([str(package)])
    county_page.trigger(IMPORT)
    dialog = county_page.dialog
    assert isinstance(dialog, Dialog)
    assert dialog.status_text(0) == Dialog._needs_confirmation_text(dialog.items[0])
    assert int(dialog.table.item(0, 6).text()) > 0  # what it would remove is shown before anything is asked
    assert dialog.import_button.isEnabled()

    # A fingerprint that is not on this package's cover sheet: left out, nothing written.
    answers.texts.append("0000 1111 2222 3333 4444")
    assert not dialog.run_import()
    kind, _title, text = answers.shown[-1]
    assert kind == "warning" and package.name in text
    asked = answers.shown[-2]
    assert asked[0] == "text" and VILLAGE_NAME in asked[2] and fingerprint not in asked[2]
    assert dump() == before

    # Typed from the paper, in lower case without spaces: imported, and the computer trusted from now on.
    answers.texts.append(fingerprint.replace(" ", "").lower())
    answers.replies.append(True)  # it replaces what the other computer sent: confirm the large removal
    assert dialog.run_import()
    assert exchange.ImportLog.select().where(exchange.ImportLog.file_name == package.name).count() == 1
    assert fingerprint in answers.shown[-1][2]
    from models.exchange import signing

    assert fingerprint in [k.fingerprint for k in signing.trusted_keys(VILLAGE)]


def test_phone_numbers_are_masked_unless_the_cadre_confirms_full_ones(qtbot, village_page, answers, tmp_path):
    from models.people import PersonInput, save_person

    save_person(
        PersonInput(name="张晓红", birth="1978-05", post="chair", phone="13812345678"), village_page.context.unit_code
    )
    village_page.trigger(EXPORT)
    dialog = village_page.dialog
    assert dialog.phones() == MASKED and dialog.phone_radios[MASKED].isChecked()
    answers.replies.append(False)
    assert not dialog.choose_phones(FULL)
    assert dialog.phones() == MASKED and answers.shown[-1][0] == "question"
    dialog.path_edit.setText(str(tmp_path / "masked.fulian"))
    answers.replies.extend([False, False])  # no cover sheet, no folder
    assert dialog.run_export()
    with zipfile.ZipFile(tmp_path / "masked.fulian") as archive:
        people = [json.loads(line) for line in archive.read("data/person.jsonl").decode().splitlines()]
        manifest = json.loads(archive.read("manifest.json"))
    assert [p["phone"] for p in people] == ["138****5678"] and manifest["privacy"]["phones"] == "masked"

    village_page.trigger(EXPORT)
    dialog = village_page.dialog
    answers.replies.append(True)
    assert dialog.choose_phones(FULL) and dialog.phones() == FULL
    dialog.path_edit.setText(str(tmp_path / "full.fulian"))
    answers.replies.extend([False, False])
    assert dialog.run_export()
    with zipfile.ZipFile(tmp_path / "full.fulian") as archive:
        people = [json.loads(line) for line in archive.read("data/person.jsonl").decode().splitlines()]
    assert [p["phone"] for p in people] == ["13812345678"]
