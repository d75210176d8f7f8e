"""Saving a printed form from the GUI: built on a worker thread, with progress, and cancellable."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from gui.common import workers
from gui.printing import actions as form_actions
from models.base import database
from models.people import PersonInput, save_person

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "秀兰 桂英 红梅 丽华 海燕 春花 美玲 晓红 金凤 淑珍 雪梅 冬梅 玉兰 凤英 翠花 素珍 月英 桂兰 惠芳 秋菊".split()


def add_many_people(unit_code: str, count: int) -> None:
    """A unit big enough that its roster takes many pages to lay out."""
    with database.atomic():
        for i in range(count):
            name = _SURNAMES[i % len(_SURNAMES)] + _GIVEN[i // len(_SURNAMES) % len(_GIVEN)]
            workplace = "金井镇石门村茶叶种植专业合作社 理事长兼会计，负责财务与产品销售"
            save_person(PersonInput(name=name, post="backbone", workplace=workplace), unit_code)


def test_cancel_stops_a_big_form_and_leaves_no_file(qtbot, main_window, gui_context, answers, tmp_path, monkeypatch):
    add_many_people(gui_context.unit_code, 800)
    monkeypatch.setattr(workers, "SHOW_AFTER_MS", 0)  # show the dialog at once rather than after 0.4 s
    opened: list = []
    monkeypatch.setattr(form_actions, "open_file", opened.append)
    out = tmp_path / "out" / "roster.pdf"
    out.parent.mkdir()
    answers.files.append(str(out))
    answers.replies.append(True)  # "open it now?", should the build wrongly finish

    cancelled_at: list[tuple[int, int]] = []

    def press_cancel_once_the_bar_moves() -> None:
        for dialog in main_window.findChildren(QProgressDialog):
            if dialog.isVisible() and dialog.maximum() > 0 and not cancelled_at:
                cancelled_at.append((dialog.value(), dialog.maximum()))
                button = dialog.findChild(QPushButton)
                if button is not None:  # without one the build runs on, and the checks below fail
                    qtbot.mouseClick(button, Qt.LeftButton)

    poll = QTimer()
    poll.timeout.connect(press_cancel_once_the_bar_moves)
    poll.start(10)
    try:
        assert form_actions.save_form(main_window, gui_context, "roster", "pdf") is None
    finally:
        poll.stop()
    assert cancelled_at  # the dialog showed how far the build had come, and was there to press
    done, total = cancelled_at[0]
    # The bar may show the last row laid out while the file is still being written: the build
    # was stopped all the same (save_form returned None and nothing was written).
    assert 0 <= done <= total
    assert list(out.parent.iterdir()) == []  # neither the form nor a partial file
    assert answers.shown == [] and opened == []  # a cancel is no error and offers nothing to open
