"""Interface language: gettext for strings, Babel for dates and numbers.

Source strings are English. ``_`` translates now; ``N_`` only marks a string
for extraction so that tables defined at import time can be translated when
they are shown. The locale is always explicit, never taken from the
environment, so a PC set to English still shows Chinese by default.
"""

from __future__ import annotations

import datetime as _dt
import functools
import gettext
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"
DOMAIN = "messages"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations | None = None


def _load(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def set_language(language: str) -> None:
    """Switch the interface language for everything translated from now on."""
    global _language, _translations
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _language = language
    _translations = _load(language)
    _babel_locale_named.cache_clear()


def current_language() -> str:
    return _language


def _(message: str) -> str:
    global _translations
    if _translations is None:
        _translations = _load(_language)
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    global _translations
    if _translations is None:
        _translations = _load(_language)
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation without translating it yet."""
    return message


_chinese: gettext.NullTranslations | None = None


def chinese(message: str) -> str:
    """The zh_CN text of a source string, whatever the interface language.

    Used where Chinese is data rather than interface: reading the words
    cadres type into spreadsheets (汉族, 中共党员) back into codes.
    """
    global _chinese
    if _chinese is None:
        _chinese = _load("zh_CN")
    return _chinese.gettext(message)


def join_list(items) -> str:
    """Several items in one phrase: 村民代表、巾帼志愿者 in Chinese, commas in English."""
    separator = "、" if _language == "zh_CN" else ", "
    return separator.join(str(item) for item in items if item != "" and item is not None)


def in_brackets(text: str) -> str:
    """A note after a word: 崔静翠（双杏村） in Chinese, with full-width brackets; "Cui Jingcui (Shuangxing)"."""
    return f"（{text}）" if _language == "zh_CN" else f" ({text})"


def _babel_locale() -> Locale:
    """The Babel locale of the interface language (made once per language: making one reads its data)."""
    return _babel_locale_named("zh_CN" if _language == "zh_CN" else "en")


@functools.lru_cache(maxsize=4)
def _babel_locale_named(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


# One date style per context (docs/DECISIONS.md, "Dates"):
# - tables and lists: 2026-10-01 (and 2026-10-01 14:30), in both languages: compact, fixed width, sortable;
# - sentences, labels and detail panes: 2026年10月1日 in Chinese, Oct 1, 2026 in English;
# - fields where a date is typed: 2026-10-01, the form the field reads back.


def format_date(value: _dt.date | None, format: str = "long") -> str:
    """A date in a sentence or a label: 2017年3月8日 in Chinese, Mar 8, 2017 in English."""
    if value is None:
        return ""
    from babel.dates import format_date as babel_format_date

    if format == "long" and _language == "en":
        format = "medium"
    return babel_format_date(value, format=format, locale=_babel_locale())


def format_list_date(value: _dt.date | None) -> str:
    """A date in a table or a list: 2026-10-01, in both languages."""
    return "" if value is None else f"{value:%Y-%m-%d}"


def format_list_datetime(value: _dt.datetime | None) -> str:
    """A moment in a table or a list: 2026-10-01 14:30, in both languages."""
    return "" if value is None else f"{value:%Y-%m-%d %H:%M}"


def format_list_date_range(start: _dt.date, end: _dt.date | None) -> str:
    """Days in a table: 2026-09-15, 2026-09-15至09-17, 2026-12-30至2027-01-02."""
    if end is None or end == start:
        return format_list_date(start)
    shown_end = f"{end:%m-%d}" if end.year == start.year else format_list_date(end)
    return _("{start} to {end}").format(start=format_list_date(start), end=shown_end)


def format_date_range(start: _dt.date, end: _dt.date | None) -> str:
    """Days in a sentence or a label: 2026年9月15日至2026年9月17日; one day alone when they are the same."""
    if end is None or end == start:
        return format_date(start)
    return _("{start} to {end}").format(start=format_date(start), end=format_date(end))


def format_month_day(value: _dt.date) -> str:
    """A day in a narrow column heading of a table: 09-15."""
    return f"{value:%m-%d}"


def format_year_month(year: int, month: int) -> str:
    """出生年月 as printed on forms: 1978.05 is what cadres expect in both languages."""
    return f"{year:04d}.{month:02d}"


def format_datetime(value: _dt.datetime | None) -> str:
    """A moment in a sentence, on this PC's clock: 2026年10月1日 14:30 in Chinese, Oct 1, 2026, 2:30 PM in English.

    A moment that knows its zone (the last backup is kept in UTC) is shown in this PC's time zone; a naive one
    is already local (``submissions.local_time``)."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    if _language == "zh_CN":
        # The pattern y年M月d日 HH:mm needs no locale data: the status bar shows it before Babel is loaded.
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    from babel.dates import format_datetime as babel_format_datetime

    return babel_format_datetime(value, format="MMM d, y, h:mm a", locale=_babel_locale())


def format_number(value: float | int) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_babel_locale())


def format_decimal(value: float | int, pattern: str) -> str:
    """A number in a Babel pattern ("#,##0.0"), in the interface language's way."""
    from babel.numbers import format_decimal as babel_format_decimal

    return babel_format_decimal(value, format=pattern, locale=_babel_locale())


def format_percent(value: float, digits: int = 1) -> str:
    from babel.numbers import format_percent as babel_format_percent

    return babel_format_percent(value, format="#,##0." + "0" * digits + "%", locale=_babel_locale())
