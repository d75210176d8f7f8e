"""Surname stroke order (姓氏笔画排序) for ballots, results and rosters.

Names are ordered by their surname first, character by character: fewer
total strokes first; equal counts by the strokes' shapes in the order
横 竖 撇 点 折, first stroke, then the second, and so on (GB13000.1 字符集汉字
字序(笔画序)规范: 提 counts as 横, 竖钩 as 竖, 捺 as 点, every other bent or
hooked stroke as 折); when all of those are equal, main forms before
attached ones and fewer turns first (干 before 于). A compound surname (欧阳, 司马, ...) is one surname that
sorts by its first character, then its second. Among people with the same
surname the given name decides, compared the same way.

Two conventions exist for a one-character given name. Party congresses and
CPPCC lists (姓氏笔画) treat the gap in a two-character name as an empty
character that comes first, so 田富 precedes 田大利; people's congresses
(姓名笔画) compare the characters as written, so 大 (3) beats 富 (12). The
first is the default (``single_name_first=True``).

The data (resources/data/strokes.txt, built by tools/build_strokes.py) has
the total stroke count of every CJK Unified Ideograph (U+4E00-9FFF),
Extension A and the rare name characters beyond the BMP, and the stroke
sequence of about 7,000 common characters. A rarer character (Extension B
and beyond, e.g. 𡒄) takes its count from ``models.rare_chars``. A character
with a count but no sequence sorts after those of the same count that have
one; a character with no data at all (Latin letters, a character no table
knows) sorts after every known character. Remaining ties (same count and strokes, which
the standard settles by character structure) go by code point, so the order
is always the same.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

DATA_FILE = Path(__file__).resolve().parent.parent / "resources" / "data" / "strokes.txt"

# Stroke classes in sorting order, as digits in the data file.
STROKE_CLASSES = {"1": "横", "2": "竖", "3": "撇", "4": "点", "5": "折"}

# Two-character surnames (复姓). Left out on purpose: pairs that more often are
# a common single surname plus a given-name character (单于, 乐正, 段干, 谷梁).
COMPOUND_SURNAMES = frozenset(
    """
    欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐
    端木 独孤 南宫 西门 万俟 闻人 澹台 公冶 宗政 濮阳 太史 申屠 钟离 百里 东郭
    呼延 羊舌 微生 梁丘 左丘 东门 第五 赫连 司空 鲜于 闾丘 公羊 淳于 拓跋 亓官
    司寇 颛孙 壤驷 公良 漆雕 宰父 巫马 公西 子车
    """.split()
)

T = TypeVar("T")

# (count, classes, forms) by character, loaded on first use.
_table: dict[str, tuple[int, str, str]] | None = None

# Sorts before every character: the empty place of a one-character given name.
_BLANK = (-1,)


def _load() -> dict[str, tuple[int, str, str]]:
    global _table
    if _table is None:
        table: dict[str, tuple[int, str, str]] = {}
        with DATA_FILE.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or not line.strip():
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 2:
                    table[parts[0]] = (int(parts[1]), "", "")
                else:
                    table[parts[0]] = (int(parts[1]), parts[2], parts[3])
        _table = table
    return _table


def _entry(char: str) -> tuple[int, str, str] | None:
    """The table's entry; a rare character it lacks gets its count from rare_chars."""
    entry = _load().get(char)
    if entry is None and ord(char) > 0x7F:
        # The one fallback for characters beyond strokes.txt (e.g. 𡒄 of 吕𡒄):
        # a count without a sequence, sorting like any other such character.
        from . import rare_chars

        count = rare_chars.stroke_count(char)
        if count is not None:
            entry = (count, "", "")
    return entry


def stroke_count(char: str) -> int | None:
    """Total strokes of one character, or None when no table knows it."""
    entry = _entry(char)
    return entry[0] if entry else None


def stroke_sequence(char: str) -> str | None:
    """The character's strokes as digits 1-5 (横 竖 撇 点 折), or None when unknown."""
    entry = _entry(char)
    return entry[1] if entry and entry[1] else None


def char_key(char: str) -> tuple:
    """Sort key of one character: known before unknown, then count, strokes, code point."""
    entry = _entry(char)
    if entry is None:
        return (1, 0, 0, "", "", ord(char))
    count, sequence, forms = entry
    return (0, count, 0 if sequence else 1, sequence, forms, ord(char))


def normalize_name(name: str) -> str:
    """The name as compared: compatibility forms folded, all spaces removed.

    Lists often pad two-character names with a full-width space (张　三);
    the space is layout, not part of the name.
    """
    folded = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in folded if not ch.isspace())


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name); a compound surname only when a given name follows."""
    name = normalize_name(name)
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def stroke_key(name: str, *, single_name_first: bool = True) -> tuple:
    """Sort key of a person's name in surname stroke order.

    ``single_name_first`` puts a one-character given name before longer ones
    of the same surname (姓氏笔画 convention, see the module docstring).
    """
    surname, given = split_name(name)
    surname_key = tuple(char_key(ch) for ch in surname)
    given_key = tuple(char_key(ch) for ch in given)
    if single_name_first and len(given) == 1:
        given_key = (_BLANK,) + given_key
    return (surname_key, given_key)


def sort_by_surname_strokes(
    items: Iterable[T],
    key: Callable[[T], str] | None = None,
    *,
    single_name_first: bool = True,
) -> list[T]:
    """Names, or items whose ``key(item)`` is a name, in surname stroke order.

    The sort is stable: items whose names compare equal keep their order.
    """
    get_name = key if key is not None else (lambda item: item)
    return sorted(
        items,
        key=lambda item: stroke_key(get_name(item), single_name_first=single_name_first),
    )
