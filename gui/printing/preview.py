"""The print preview: a form's pages on screen, printed on the system's printer, saved or opened.

gui.printing.actions.preview_form builds the form into a temporary folder and
opens this window on the PDF; the folder goes when the window closes.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.common import messages
from gui.context import AppContext
from gui.printing.preview_render import PdfPages, prepare_printer, print_pages
from gui.resources import icon
from models.i18n import _

SCREEN_DPI = 96.0  # true size on a screen at 100 %
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
FIT_WIDTH, FIT_PAGE = "width", "page"
THUMB_WIDTH = 110
PAGE_GAP = 16  # grey around the page in the view
VIEW_STYLE = "QScrollArea#page-view, QLabel#page { background: #8A959E; border: 0; }"
THUMBS_STYLE = """
QListWidget#thumbs { background: #E4E8EC; border: 0; }
QListWidget#thumbs::item { padding: 4px; color: #1F2933; border: 2px solid transparent; }
QListWidget#thumbs::item:selected { background: #DCEAF3; color: #1D5273; border: 2px solid #2F6F96; }
"""


def temporary_folder() -> Path:
    """A new private folder for one preview's files."""
    return Path(tempfile.mkdtemp(prefix="fulian-preview-"))


class PreviewWindow(QDialog):
    """One form's PDF: page list, zoom, page navigation, print, save as PDF/Excel, open elsewhere.

    ``form_name`` names a form of forms.registry; a PDF that is none of them (a cockpit's list)
    passes None and its ``title``, and has no Excel button.
    """

    def __init__(
        self,
        context: AppContext,
        form_name: str | None,
        pdf_path: Path,
        options=None,
        parent: QWidget | None = None,
        folder: Path | None = None,
        title: str | None = None,
    ):
        super().__init__(parent)
        from forms.registry import FORMS

        self.context = context
        self.form_name = form_name
        self.spec = FORMS[form_name] if form_name is not None else None
        self.title = title if title is not None else _(self.spec.title) if self.spec is not None else ""
        self.pdf_path = Path(pdf_path)
        self.options = options
        self.folder = folder
        self.pages = PdfPages(self.pdf_path)
        self.current = 0
        self.zoom_mode: str | float = FIT_WIDTH
        self.zoom = 1.0
        self._next_thumb = 0
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setWindowTitle(_("Print preview: {title}").format(title=self.title))
        self.setWindowFlag(Qt.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowMinimizeButtonHint, True)
        self.setSizeGripEnabled(True)

        # --- the tool bar: what to do with the form, then pages, then zoom ---
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(20, 20))
        self.print_action = bar.addAction(icon("print"), _("Print…"), self.print_with_dialog)
        self.print_action.setShortcut(QKeySequence.Print)
        self.pdf_action = bar.addAction(icon("pdf"), _("Save as PDF…"), self.save_pdf)
        self.xlsx_action = bar.addAction(icon("excel"), _("Save as Excel…"), self.save_xlsx)
        self.xlsx_action.setVisible(self.spec is not None and "xlsx" in self.spec.formats)
        self.open_action = bar.addAction(icon("folder"), _("Open with another program"), self.open_elsewhere)
        self.open_action.setToolTip(_("Open the PDF in the computer's own PDF reader"))
        # Pages and zoom on a second row: one row of everything overflows into "»" on a 1024 screen.
        view_bar = QToolBar()
        self.prev_button = QPushButton(_("Previous page"))
        self.prev_button.clicked.connect(lambda: self.go_to(self.current - 1))
        self.page_box = QSpinBox()
        self.page_box.setRange(1, max(1, len(self.pages)))
        self.page_box.setAccessibleName(_("Page number"))
        digits = self.page_box.fontMetrics().horizontalAdvance("0" * max(2, len(str(len(self.pages)))))
        self.page_box.setMinimumWidth(digits + 40)
        self.page_box.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.page_total = QLabel(_("of {count}").format(count=len(self.pages)))
        self.next_button = QPushButton(_("Next page"))
        self.next_button.clicked.connect(lambda: self.go_to(self.current + 1))
        for widget in (self.prev_button, self.page_box, self.page_total, self.next_button):
            view_bar.addWidget(widget)
        view_bar.addSeparator()
        self.fit_width_button = QPushButton(_("Fit width"))
        self.fit_width_button.clicked.connect(lambda: self.set_zoom(FIT_WIDTH))
        self.fit_page_button = QPushButton(_("Whole page"))
        self.fit_page_button.clicked.connect(lambda: self.set_zoom(FIT_PAGE))
        self.zoom_out_button = QPushButton("−")
        self.zoom_out_button.setToolTip(_("Smaller"))
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_label = QLabel()
        self.zoom_label.setAlignment(Qt.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400%") + 8)
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setToolTip(_("Larger"))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("+") * 3 + 16)
        for widget in (self.fit_width_button, self.fit_page_button, self.zoom_out_button):
            view_bar.addWidget(widget)
        view_bar.addWidget(self.zoom_label)
        view_bar.addWidget(self.zoom_in_button)
        self.toolbar, self.view_bar = bar, view_bar

        # --- the pages: small ones to pick from, and the one being read ---
        self.thumbs = QListWidget()
        self.thumbs.setObjectName("thumbs")
        self.thumbs.setStyleSheet(THUMBS_STYLE)
        self.thumbs.setViewMode(QListWidget.IconMode)
        self.thumbs.setFlow(QListWidget.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setMovement(QListWidget.Static)
        self.thumbs.setSelectionMode(QAbstractItemView.SingleSelection)
        self.thumbs.setIconSize(QSize(THUMB_WIDTH, THUMB_WIDTH))
        self.thumbs.setSpacing(6)
        self.thumbs.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.thumbs.setMinimumWidth(THUMB_WIDTH + 40)
        self.thumbs.setMaximumWidth(THUMB_WIDTH * 2)
        for index in range(len(self.pages)):
            width_pt, height_pt = self.pages.size(index)
            scale = THUMB_WIDTH / max(width_pt, height_pt)
            blank = QPixmap(max(1, round(width_pt * scale)), max(1, round(height_pt * scale)))
            blank.fill(Qt.white)  # until the page is drawn
            item = QListWidgetItem(QIcon(blank), str(index + 1))
            item.setTextAlignment(Qt.AlignHCenter)
            self.thumbs.addItem(item)
        self.thumbs.currentRowChanged.connect(self._thumb_chosen)

        self.page_label = QLabel()
        self.page_label.setObjectName("page")
        self.page_label.setAlignment(Qt.AlignCenter)
        self.page_label.setAccessibleName(_("Page"))
        self.view = QScrollArea()
        self.view.setObjectName("page-view")
        self.view.setStyleSheet(VIEW_STYLE)
        self.view.setAlignment(Qt.AlignCenter)
        self.view.setWidget(self.page_label)
        self.view.setWidgetResizable(True)
        self.view.viewport().installEventFilter(self)  # a fitted page follows the view's size

        splitter = QSplitter()
        splitter.addWidget(self.thumbs)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([THUMB_WIDTH + 50, 10_000])

        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        self.status = QLabel()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(bar)
        layout.addWidget(view_bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        QShortcut(QKeySequence.ZoomIn, self, self.zoom_in)
        QShortcut(QKeySequence.ZoomOut, self, self.zoom_out)
        QShortcut(QKeySequence(Qt.Key_PageDown), self, lambda: self.go_to(self.current + 1))
        QShortcut(QKeySequence(Qt.Key_PageUp), self, lambda: self.go_to(self.current - 1))

        self._fit_to_screen()
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setInterval(0)
        self._thumb_timer.timeout.connect(self._render_some_thumbs)
        self._thumb_timer.start()
        self.go_to(0, force=True)

    # --- size --------------------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        """Most of the screen the window opens on, whatever its size."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width, height = int(area.width() * 0.92), int(area.height() * 0.92)
        self.resize(width, height)
        self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)

    # --- pages -------------------------------------------------------------------------------

    def page_count(self) -> int:
        return len(self.pages)

    def go_to(self, index: int, force: bool = False) -> None:
        if self.pages is None:
            return
        if not len(self.pages):
            self.page_label.setText(_("The form has no pages."))
            return
        index = max(0, min(index, len(self.pages) - 1))
        if index == self.current and not force:
            return
        self.current = index
        for widget, value in ((self.page_box, index + 1),):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        self.thumbs.blockSignals(True)
        self.thumbs.setCurrentRow(index)
        self.thumbs.blockSignals(False)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        self._show_page()
        self.view.verticalScrollBar().setValue(0)

    def _thumb_chosen(self, row: int) -> None:
        if row >= 0:
            self.go_to(row)

    def _zoom_for(self, mode: str | float) -> float:
        if not isinstance(mode, str):
            return mode
        width_pt, height_pt = self.pages.size(self.current)
        width = width_pt / 72 * SCREEN_DPI
        height = height_pt / 72 * SCREEN_DPI
        viewport = self.view.viewport().size()
        # Room for a scroll bar, so fitting the width does not make one appear and shrink the room.
        scroll = self.view.verticalScrollBar().sizeHint().width()
        fit_width = (viewport.width() - 2 * PAGE_GAP - (scroll if mode == FIT_WIDTH else 0)) / width
        if mode == FIT_WIDTH:
            return max(0.1, fit_width)
        return max(0.1, min(fit_width, (viewport.height() - 2 * PAGE_GAP) / height))

    def _show_page(self) -> None:
        if self.pages is None or not len(self.pages):
            return
        self.zoom = self._zoom_for(self.zoom_mode)
        ratio = self.devicePixelRatioF()
        image = self.pages.render(self.current, SCREEN_DPI * self.zoom * ratio)
        image.setDevicePixelRatio(ratio)
        self.page_label.setPixmap(QPixmap.fromImage(image))
        self.page_label.setMinimumSize(
            round(image.width() / ratio) + 2 * PAGE_GAP, round(image.height() / ratio) + 2 * PAGE_GAP
        )
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.status.setText(
            _("Page {page} of {count}").format(page=self.current + 1, count=len(self.pages))
            + ("  ·  " + _("landscape") if self.pages.is_landscape(self.current) else "  ·  " + _("portrait"))
        )

    def _render_some_thumbs(self) -> None:
        """A few small pages at a time, so that a long form's window answers at once."""
        end = min(self._next_thumb + 8, len(self.pages))
        for index in range(self._next_thumb, end):
            width_pt, height_pt = self.pages.size(index)
            dpi = THUMB_WIDTH / max(width_pt, height_pt) * 72 * self.devicePixelRatioF()
            image: QImage = self.pages.render(index, dpi)
            image.setDevicePixelRatio(self.devicePixelRatioF())
            pixmap = QPixmap.fromImage(image)
            thumb = QIcon(pixmap)
            thumb.addPixmap(pixmap, QIcon.Selected)  # the chosen page is framed, not tinted
            self.thumbs.item(index).setIcon(thumb)
        self._next_thumb = end
        if end >= len(self.pages):
            self._thumb_timer.stop()

    # --- zoom --------------------------------------------------------------------------------

    def set_zoom(self, mode: str | float) -> None:
        self.zoom_mode = mode
        self._show_page()

    def zoom_in(self) -> None:
        bigger = [step for step in ZOOM_STEPS if step > self.zoom + 0.005]
        self.set_zoom(bigger[0] if bigger else ZOOM_STEPS[-1])

    def zoom_out(self) -> None:
        smaller = [step for step in ZOOM_STEPS if step < self.zoom - 0.005]
        self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Resize and isinstance(self.zoom_mode, str) and watched is self.view.viewport():
            if event.size().width() != event.oldSize().width() or self.zoom_mode == FIT_PAGE:
                self._show_page()
        return super().eventFilter(watched, event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
            return
        super().wheelEvent(event)

    # --- printing ----------------------------------------------------------------------------

    def print_with_dialog(self) -> int:
        """The system's print dialog, then the pages chosen there; returns the pages printed."""
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.HighResolution)
        prepare_printer(printer, self.pages, self.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print {title}").format(title=self.title))
        dialog.setMinMax(1, max(1, len(self.pages)))
        dialog.setOption(QAbstractPrintDialog.PrintCurrentPage, True)
        dialog.setOption(QAbstractPrintDialog.PrintPageRange, True)
        if dialog.exec() != QDialog.Accepted:
            return 0
        if printer.printRange() == QPrinter.CurrentPage:
            numbers = [self.current]
        elif printer.printRange() == QPrinter.PageRange and printer.fromPage() > 0:
            last = min(printer.toPage() or len(self.pages), len(self.pages))
            numbers = list(range(printer.fromPage() - 1, last))
        else:
            numbers = None
        return self.print_to(printer, numbers)

    def print_to(self, printer, page_numbers: list[int] | None = None) -> int:
        """Print on a printer already set up (tests give one writing a PDF); returns the pages printed."""
        total = len(page_numbers) if page_numbers is not None else len(self.pages)
        progress = QProgressDialog(_("Printing {title}…").format(title=self.title), _("Cancel"), 0, total, self)
        progress.setWindowTitle(_("Please wait"))
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(400)

        def step(done: int, count: int) -> bool:
            progress.setValue(done)
            QGuiApplication.processEvents()
            return not progress.wasCanceled()

        try:
            printed = print_pages(self.pages, printer, page_numbers, step)
        except OSError as exc:
            messages.error(self, _("The form could not be printed: {error}").format(error=exc))
            return 0
        finally:
            progress.close()
            progress.deleteLater()
        self.status.setText(_("Pages sent to the printer: {count}.").format(count=printed))
        return printed

    # --- files -------------------------------------------------------------------------------

    def save_pdf(self) -> Path | None:
        """Copy the form's PDF where the user chooses; returns the file written."""
        from gui.printing.actions import FILE_FILTERS, default_file_name, export_dir
        from gui.settings import store as opts

        default = export_dir(self.context) / default_file_name(self.title, self.context.unit_name, "pdf")
        path = messages.ask_save_path(
            self, _("Save {title}").format(title=self.title), str(default), FILE_FILTERS["pdf"]
        )
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            shutil.copyfile(self.pdf_path, path)
        except PermissionError:
            messages.error(
                self,
                _("Cannot write {path}. If it is open in another program, close it there and try again.").format(
                    path=path
                ),
            )
            return None
        except OSError as exc:
            messages.error(self, _("Cannot write {path}: {error}").format(path=path, error=exc))
            return None
        self.context.settings.set(opts.LAST_EXPORT_DIR, str(path.parent))
        self.status.setText(_("Saved {path}.").format(path=path))
        return path

    def save_xlsx(self) -> Path | None:
        """The same form, with the same choices, as an Excel file."""
        from gui.printing.actions import save_form

        if self.form_name is None:
            return None
        options = dataclasses.replace(self.options, report_missing=None) if self.options is not None else None
        return save_form(self, self.context, self.form_name, "xlsx", options=options)

    def open_elsewhere(self) -> Path | None:
        """A copy of the PDF, opened by the computer's PDF reader (which may keep it open after we close)."""
        from gui.printing import actions

        copy_dir = Path(tempfile.mkdtemp(prefix="fulian-open-"))
        copy = copy_dir / self.pdf_path.name
        shutil.copyfile(self.pdf_path, copy)
        if actions.open_file(copy) is False:
            messages.error(
                self, _("No program on this computer opens PDF files. The file is {path}.").format(path=copy)
            )
        return copy

    # --- closing -----------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self._release()
        super().done(result)

    def closeEvent(self, event) -> None:
        self._release()
        super().closeEvent(event)

    def _release(self) -> None:
        self._thumb_timer.stop()
        if self.pages is not None:
            self.pages.close()
            self.pages = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
