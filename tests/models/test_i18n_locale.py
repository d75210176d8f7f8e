"""The Babel locale the formatters use: made once per language, and the right one after a switch."""

from __future__ import annotations

import datetime as dt

from models import i18n


def test_the_locale_is_made_once_and_follows_the_language():
    before = i18n.current_language()
    try:
        i18n.set_language("en")
        assert i18n._babel_locale() is i18n._babel_locale()
        assert i18n.format_date(dt.date(2017, 3, 8)) == "Mar 8, 2017"
        i18n.set_language("zh_CN")
        assert str(i18n._babel_locale()).startswith("zh")
        assert i18n.format_date(dt.date(2017, 3, 8)) == "2017年3月8日"
        assert i18n.format_number(1234) == "1,234"
    finally:
        i18n.set_language(before)


def test_a_moment_kept_in_utc_is_shown_on_this_pcs_clock(monkeypatch):
    """The last backup is kept in UTC; a cadre in Beijing sees it at the time she made it."""
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    before = i18n.current_language()
    try:
        made = dt.datetime(2026, 12, 3, 3, 5, tzinfo=dt.UTC)  # 11:05 in Beijing
        i18n.set_language("zh_CN")
        assert i18n.format_datetime(made) == "2026年12月3日 11:05"
        assert i18n.format_datetime(dt.datetime(2026, 12, 3, 11, 5)) == "2026年12月3日 11:05"  # already local
        i18n.set_language("en")
        assert i18n.format_datetime(made) == "Dec 3, 2026, 11:05 AM"
    finally:
        i18n.set_language(before)
        monkeypatch.delenv("TZ")
        time.tzset()
