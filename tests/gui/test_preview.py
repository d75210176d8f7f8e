"""The print preview: every form shows its pages, prints them (to a PDF printer here) and saves them.

The printed PDF is made of images of the pages (the preview prints what PDFium
draws, at the printer's resolution), so its text cannot be read back. What is
checked instead, page by page: the count, the orientation (the paper's width
and height), and that the printed page looks like the form's page: both are
drawn in grey at the same size and compared pixel by pixel (ink where the form
has ink, white where it has none), which would catch a blank, shifted, scaled
or rotated page.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from forms.registry import FORMS, FormOptions, build_form
from gui.printing import actions as form_actions
from gui.printing.preview import FIT_PAGE, FIT_WIDTH, PreviewWindow
from gui.printing.preview_render import prepare_printer
from models import db as dbmod
from models import exchange, submissions, units
from models.homes import HomeInput, save_activity, save_home
from models.i18n import _
from models.paper.evidence import keep_pages
from models.people import save_person
from models.training import TraineeInput, TrainingInput, add_trainee, save_training
from models.unit_import import apply_unit_list, read_unit_list
from tests.forms.conftest import _GIVEN, _SURNAMES, person
from tests.gui.gui_helpers import show_widget
from tests.gui.test_elections_page import finished_election
from tests.models.exchange_helpers import (
    COUNTY,
    VILLAGE,
    VILLAGE2,
    VILLAGE2_NAME,
    VILLAGE_NAME,
    copy_world,
    export_villages,
)
from tests.models.home_helpers import activity_input
from tests.models.paper_helpers import sheet_jpeg, signin_page

VILLAGE_CODE, VILLAGE_UNIT_NAME = "430121100201", "石门村"
TODAY = dt.date(2026, 11, 28)
PRINTER_DPI = 100  # a low resolution keeps the printed PDFs small; the program prints at the printer's


def add_meeting_and_documents() -> None:
    """A committee meeting and the year's plan and summary, for the minutes, plan and summary forms."""
    from models import meetings
    from models import year_documents as yd

    meeting = meetings.new_meeting_input(VILLAGE_CODE, dt.date(2026, 3, 2))
    meeting.topics = "研究三八节活动安排"
    meetings.save_meeting(meeting, VILLAGE_CODE, today=TODAY)
    for kind in ("plan", "summary"):
        yd.save_document(yd.new_document_input(VILLAGE_UNIT_NAME, 2026, kind, today=TODAY), VILLAGE_CODE)


@pytest.fixture(scope="module")
def form_pdfs(exchange_world, tmp_path_factory) -> dict[str, Path]:
    """Every registered form as a PDF: the village's forms from one database, the county's from another."""
    out = tmp_path_factory.mktemp("forms")
    dbmod.open_database(out / "village.sqlite3")
    try:
        units.set_own_unit(VILLAGE_CODE, VILLAGE_UNIT_NAME)
        for i in range(60):  # a roster of several pages
            save_person(person(_SURNAMES[i % len(_SURNAMES)] + _GIVEN[i // len(_SURNAMES)]), VILLAGE_CODE)
        finished_election(dt.date(2026, 5, 6))
        save_home(HomeInput(name="石门村妇女之家", floor_area=80), VILLAGE_CODE)
        save_activity(activity_input(), VILLAGE_CODE)
        start = dt.date(2026, 4, 14)
        course = save_training(
            TrainingInput(
                name="巧手编织技能培训",
                organiser="石门村妇联",
                organiser_level="village",
                start_date=start,
                end_date=start,
                place="石门村妇女之家",
            ),
            VILLAGE_CODE,
        )
        add_trainee(course, TraineeInput(name="王芳", unit_name="石门村"))
        # A signed sign-in page read back, for the printed evidence.
        keep_pages([signin_page(course.uuid, start, 1, 1, [], image=sheet_jpeg("1", (1240, 1754)))], VILLAGE_CODE)
        add_meeting_and_documents()
        for name in FORMS:
            if name not in ("summary", "progress", "receipt"):
                build_form(name, out / f"{name}.pdf", FormOptions(VILLAGE_CODE, today=TODAY))
    finally:
        dbmod.close_database()

    world = tmp_path_factory.mktemp("county")
    packages = export_villages(copy_world(exchange_world, world), world)
    try:
        units_csv = world / "units.csv"
        units_csv.write_text(f"区划代码,名称\n{VILLAGE},{VILLAGE_NAME}\n{VILLAGE2},{VILLAGE2_NAME}\n", encoding="utf-8")
        apply_unit_list(read_unit_list(units_csv, COUNTY), COUNTY)
        for package in packages.values():
            exchange.import_package(package.path, backup=False)
        submissions.return_submission(VILLAGE2, packages["village2"].package_id, "执委名单缺出生年月")
        for name in ("summary", "progress", "receipt"):
            build_form(name, out / f"{name}.pdf", FormOptions(COUNTY, today=TODAY))
    finally:
        dbmod.close_database()
    return {name: out / f"{name}.pdf" for name in FORMS}


def open_preview(qtbot, gui_context, name: str, path: Path, size=(1366, 728)) -> PreviewWindow:
    return show_widget(qtbot, PreviewWindow(gui_context, name, path), size)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(PRINTER_DPI)
    return printer


def grey_page(path: Path, index: int):
    """The page drawn in grey at the test printer's resolution (the printed page's own: no resampling)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return doc[index].render(scale=PRINTER_DPI / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def cells(image, columns: int = 24, rows: int = 16) -> list[float]:
    """The page's darkness (0 white … 255 black) averaged over a grid of cells."""
    small = image.resize((columns, rows), Image.BOX)
    return [255 - small.getpixel((x, y)) for y in range(rows) for x in range(columns)]


def assert_looks_alike(printed: Path, source: Path, index: int) -> None:
    want, got = cells(grey_page(source, index)), cells(grey_page(printed, index))
    assert sum(want) > 0, "the form's page is blank"
    assert sum(got) > 0.8 * sum(want), f"page {index + 1}: the printed page is paler (or blank)"
    assert sum(got) < 1.25 * sum(want), f"page {index + 1}: the printed page is darker"
    # Ink where the form has ink: every cell about as dark as the form's (a shifted, scaled or
    # rotated page moves the table's lines and the title into other cells).
    worst = max(abs(w - g) for w, g in zip(want, got, strict=True))
    assert worst < 24, f"page {index + 1} differs from the form's (a cell by {worst:.0f} of 255)"


def test_every_form_was_made(form_pdfs):
    assert sorted(form_pdfs) == sorted(FORMS)
    for path in form_pdfs.values():
        assert path.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("name", list(FORMS))
def test_every_form_previews_and_prints(qtbot, gui_context, form_pdfs, tmp_path, name):
    source = form_pdfs[name]
    reader = pypdf.PdfReader(source)
    window = open_preview(qtbot, gui_context, name, source)
    assert window.page_count() == len(reader.pages)
    assert window.page_box.maximum() == len(reader.pages)
    assert window.page_total.text() == _("of {count}").format(count=len(reader.pages))
    assert window.thumbs.count() == len(reader.pages)
    assert not window.page_label.pixmap().isNull()

    printed = tmp_path / "printed.pdf"
    printer = pdf_printer(printed)
    prepare_printer(printer, window.pages, window.title)
    assert window.print_to(printer) == len(reader.pages)
    back = pypdf.PdfReader(printed)
    assert len(back.pages) == len(reader.pages)
    for index, (page, original) in enumerate(zip(back.pages, reader.pages, strict=True)):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        want_w, want_h = float(original.mediabox.width), float(original.mediabox.height)
        assert (width > height) == (want_w > want_h), f"page {index + 1}: wrong orientation"
        assert abs(width - want_w) < 2 and abs(height - want_h) < 2  # the form's own paper
        assert_looks_alike(printed, source, index)
    window.close()


def mixed_pdf(path: Path) -> Path:
    """Portrait, landscape, portrait: each with a black box in its top-left quarter."""
    c = canvas.Canvas(str(path))
    for size in (A4, landscape(A4), A4):
        c.setPageSize(size)
        c.rect(60, size[1] - 200, 150, 120, fill=1)
        c.showPage()
    c.save()
    return path


def test_each_page_prints_in_its_own_orientation(qtbot, gui_context, tmp_path):
    source = mixed_pdf(tmp_path / "mixed.pdf")
    window = open_preview(qtbot, gui_context, "roster", source)
    printed = tmp_path / "printed.pdf"
    printer = pdf_printer(printed)
    prepare_printer(printer, window.pages, window.title)
    assert window.print_to(printer) == 3
    pages = pypdf.PdfReader(printed).pages
    assert [float(p.mediabox.width) > float(p.mediabox.height) for p in pages] == [False, True, False]
    for index in range(3):
        assert_looks_alike(printed, source, index)


def test_chosen_pages_only(qtbot, gui_context, tmp_path):
    source = mixed_pdf(tmp_path / "mixed.pdf")
    window = open_preview(qtbot, gui_context, "roster", source)
    printed = tmp_path / "printed.pdf"
    assert window.print_to(pdf_printer(printed), [1]) == 1
    (page,) = pypdf.PdfReader(printed).pages
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_navigation_and_zoom(qtbot, gui_context, form_pdfs):
    window = open_preview(qtbot, gui_context, "roster", form_pdfs["roster"])
    count = window.page_count()
    assert count >= 3
    assert window.current == 0 and not window.prev_button.isEnabled() and window.next_button.isEnabled()
    qtbot.mouseClick(window.next_button, Qt.LeftButton)
    assert window.current == 1 and window.page_box.value() == 2 and window.thumbs.currentRow() == 1
    qtbot.mouseClick(window.prev_button, Qt.LeftButton)
    assert window.current == 0
    window.page_box.setValue(count)
    assert window.current == count - 1 and not window.next_button.isEnabled()
    window.thumbs.setCurrentRow(1)
    assert window.current == 1 and window.page_box.value() == 2

    qtbot.mouseClick(window.fit_width_button, Qt.LeftButton)
    assert window.zoom_mode == FIT_WIDTH
    viewport = window.view.viewport().width()
    shown = window.page_label.pixmap().width() / window.page_label.pixmap().devicePixelRatio()
    assert viewport * 0.85 <= shown <= viewport  # the page fills the width
    qtbot.mouseClick(window.fit_page_button, Qt.LeftButton)
    assert window.zoom_mode == FIT_PAGE
    page_height = window.page_label.pixmap().height() / window.page_label.pixmap().devicePixelRatio()
    assert page_height <= window.view.viewport().height()  # the whole page is in sight
    before = window.zoom
    qtbot.mouseClick(window.zoom_in_button, Qt.LeftButton)
    assert window.zoom > before
    assert window.zoom_label.text() == f"{round(window.zoom * 100)}%"
    bigger = window.page_label.pixmap().width()
    qtbot.mouseClick(window.zoom_out_button, Qt.LeftButton)
    qtbot.mouseClick(window.zoom_out_button, Qt.LeftButton)
    assert window.zoom < before and window.page_label.pixmap().width() < bigger


def test_save_as_pdf_writes_the_form(qtbot, gui_context, answers, form_pdfs, tmp_path):
    window = open_preview(qtbot, gui_context, "roster", form_pdfs["roster"])
    answers.files.append(str(tmp_path / "saved"))  # no suffix typed: .pdf is added
    written = window.save_pdf()
    assert written == tmp_path / "saved.pdf"
    text = pypdf.PdfReader(io.BytesIO(written.read_bytes())).pages[0].extract_text()
    assert window.title in text.replace(" ", "")
    assert form_actions.export_dir(gui_context) == tmp_path


def test_excel_only_for_forms_that_have_it(qtbot, gui_context, form_pdfs):
    assert open_preview(qtbot, gui_context, "roster", form_pdfs["roster"]).xlsx_action.isVisible()
    assert not open_preview(qtbot, gui_context, "ballot", form_pdfs["ballot"]).xlsx_action.isVisible()


def test_open_with_the_system_viewer_opens_a_copy(qtbot, gui_context, form_pdfs, monkeypatch):
    opened: list = []
    monkeypatch.setattr(form_actions, "open_file", opened.append)
    window = open_preview(qtbot, gui_context, "roster", form_pdfs["roster"])
    window.open_elsewhere()
    assert len(opened) == 1 and opened[0] != form_pdfs["roster"]
    assert opened[0].read_bytes() == form_pdfs["roster"].read_bytes()


def test_the_forms_page_previews_the_chosen_form_and_cleans_up(qtbot, main_window, gui_context, answers):
    for i in range(3):
        save_person(person(_SURNAMES[i] + "秀兰"), gui_context.unit_code)
    page = main_window.show_page("forms")
    page.list.setCurrentRow(list(FORMS).index("roster"))
    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, PreviewWindow) and w.isVisible()]
    assert window.form_name == "roster" and window.page_count() == 1
    folder = window.folder
    assert folder is not None and window.pdf_path.parent == folder and window.pdf_path.is_file()
    window.close()
    assert not folder.exists()  # the temporary form goes with the window


@pytest.mark.parametrize("name", ["roster", "activity"])
@pytest.mark.parametrize("points", [0, 4])
def test_the_window_fits_a_small_screen(qtbot, gui_context, form_pdfs, restore_app_font, name, points, tmp_path):
    """At 1366×728 (a laptop's screen less its task bar), with the normal font and a larger one."""
    if points:
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() + points)
        QApplication.setFont(font)
    window = open_preview(qtbot, gui_context, name, form_pdfs[name])
    # Every button of the tool bars is on screen (none hidden behind a bar's overflow arrow), on a
    # 1024 screen too.
    for width in (window.width(), 1008):
        window.resize(width, window.height())
        QApplication.processEvents()
        for widget in (window.next_button, window.zoom_in_button, window.fit_page_button, window.zoom_label):
            assert widget.isVisible() and widget.mapTo(window, widget.rect().bottomRight()).x() <= window.width()
        for action in window.toolbar.actions():
            assert action.isSeparator() or not action.isVisible() or window.toolbar.widgetForAction(action).isVisible()
    assert window.view.viewport().height() > 400  # most of the height is the page
    qtbot.waitUntil(lambda: not window._thumb_timer.isActive())  # every page's thumbnail drawn
    window.grab().save(str(tmp_path / f"preview-{name}-{points}.png"))


def test_save_as_excel_builds_the_same_form_as_excel(qtbot, gui_context, answers, form_pdfs, tmp_path):
    save_person(person("王秀兰"), gui_context.unit_code)
    options = FormOptions(gui_context.unit_code, report_missing=lambda chars: None)
    window = show_widget(qtbot, PreviewWindow(gui_context, "roster", form_pdfs["roster"], options), (1366, 728))
    answers.files.append(str(tmp_path / "roster.xlsx"))
    written = window.save_xlsx()
    assert written == tmp_path / "roster.xlsx" and written.read_bytes().startswith(b"PK")
    assert options.report_missing is not None  # the preview's options were copied, not changed
