"""培训 on a small screen: the list shows whole names and a fair number of rows, the filters breathe."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QToolButton

from gui.settings import store as opts
from gui.training.training_table import NAME_COLUMN
from models import db as dbmod
from tests.gui import test_screen_fit as fit_test
from tests.gui.test_screen_fit import LAPTOP, SMALL, open_copy, settle

# The screen-fit test's fixtures: its demo village and county, the pretended screen, the font size.
world = fit_test.world
screen_area = fit_test.screen_area
font_size = fit_test.font_size


def open_training_page(qtbot, context):
    from gui.main_window import MainWindow

    context.settings.set(opts.WINDOW_GEOMETRY, b"")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("training")
    settle()
    return window, page


# (which, screen, larger font, whole names): at 1024 and the larger font the names cannot all be
# whole beside seven columns; there they lose their middle (tooltip in full) and nothing else is cut.
CASES = [
    ("county", SMALL, False, True),
    ("village", SMALL, False, True),
    ("county", SMALL, True, False),
    ("county", LAPTOP, True, True),
]


@pytest.mark.parametrize(
    ("which", "area", "large", "whole"),
    CASES,
    ids=["county 1024", "village 1024", "county 1024 large", "county 1366 large"],
)
def test_whole_names_fit_and_the_other_columns_are_whole(
    qtbot, world, tmp_path, gui_settings, answers, screen_area, font_size, which, area: QRect, large, whole
):
    screen_area(area)
    font_size(large)
    context = open_copy(world, which, tmp_path, gui_settings)
    window, page = open_training_page(qtbot, context)
    table, model = page.table, page.model
    assert model.rowCount() > 0
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    longest = max(metrics.horizontalAdvance(model.training_at(r).name) for r in range(model.rowCount()))
    if whole:
        assert table.columnWidth(NAME_COLUMN) >= longest
    assert table.textElideMode() == Qt.ElideMiddle  # else 2024年村… twice: the same beginnings
    assert model.data(model.index(0, NAME_COLUMN), Qt.ToolTipRole) == model.training_at(0).name
    # Every column within the view, none cut: no sideways scrolling needed.
    assert header.length() <= table.viewport().width()
    for column in range(model.columnCount()):
        title = model.headerData(column, 1)
        assert table.columnWidth(column) >= header.fontMetrics().horizontalAdvance(title), title
    window.close()
    dbmod.close_database()


@pytest.mark.parametrize(("area", "large"), [(LAPTOP, False), (SMALL, True)], ids=["1366", "1024 large"])
def test_the_list_shows_enough_rows(qtbot, world, tmp_path, gui_settings, answers, screen_area, font_size, area, large):
    from gui.training.page import LIST_ROWS

    screen_area(area)
    font_size(large)
    context = open_copy(world, "county", tmp_path, gui_settings)
    window, page = open_training_page(qtbot, context)
    table = page.table
    assert table.viewport().height() >= (LIST_ROWS - 1) * table.rowHeight(0)
    window.close()
    dbmod.close_database()


def test_the_year_label_stands_apart_and_the_placeholder_fits(
    qtbot, world, tmp_path, gui_settings, answers, screen_area, font_size
):
    screen_area(LAPTOP)
    font_size(False)
    context = open_copy(world, "county", tmp_path, gui_settings)
    window, page = open_training_page(qtbot, context)
    label = page.year_box.parentWidget().findChildren(QLabel, options=Qt.FindDirectChildrenOnly)
    year_label = next(w for w in label if w.buddy() is page.year_box)
    unit_right = page.unit_filter.mapTo(window, page.unit_filter.rect().topRight()).x()
    text_left = year_label.mapTo(window, year_label.contentsRect().topLeft()).x()
    assert text_left - unit_right >= 8
    box = page.search_box
    icons = sorted(box.findChildren(QToolButton), key=lambda b: b.x())
    room = (icons[-1].x() if len(icons) > 1 else box.width()) - (icons[0].geometry().right() if icons else 0)
    assert room >= box.fontMetrics().horizontalAdvance(box.placeholderText()) + 8
    window.close()
    dbmod.close_database()
