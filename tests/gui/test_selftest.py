"""The GUI's part of the self-test: Qt starts and finds its plugins, fonts, icons and words."""

from __future__ import annotations

from forms import selftest
from gui.selftest import add_to_self_test, check_preview, check_qt


def test_qt_starts_and_finds_what_the_screens_need(qapp):
    assert "offscreen" in check_qt()


def test_the_check_is_added_to_the_self_test_once(monkeypatch):
    monkeypatch.setattr(selftest, "_extra_checks", [])
    add_to_self_test()
    add_to_self_test()
    assert selftest._extra_checks == [check_qt, check_preview]


def test_the_print_preview_draws_a_page_and_printing_loads(qapp):
    assert check_preview()
