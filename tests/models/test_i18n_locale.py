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
