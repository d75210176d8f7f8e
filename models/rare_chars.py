"""Rare characters (生僻字): finding one to type, and what is known of it.

A name such as 吕𡒄 (U+21484, CJK Extension B) cannot be typed with an
ordinary input method. The finder looks a character up by its reading
("lan", "lǎn", "lan3"), by its code ("U+21484", "21484") or by its radical
and remaining strokes ("口13", "口 13", "32.13", or a radical alone).

The table (resources/data/rare_chars.tsv.gz, built from Unihan by
tools/make_rare_chars.py) holds the characters of Extensions A-H and the
compatibility ideographs that have a Mandarin reading. It is also the one
fallback for the rest of the program: where pypinyin or the stroke table
(strokes.txt) does not know a character, ``pinyin`` and ``stroke_count``
here answer for it.

No frequency is known for these characters, so candidates come in this
order: those whose usual reading matches before those with a secondary
one, then fewer strokes first, then by code.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "resources" / "data" / "rare_chars.tsv.gz"

# Enough to scan on one screen of the finder; a narrower search does the rest.
LIMIT = 200

# Code points a code search may name: the unified and compatibility ideographs.
IDEOGRAPH_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2EBEF),
    (0x2F800, 0x2FA1F),
    (0x30000, 0x323AF),
)

_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


@dataclass(frozen=True)
class RareChar:
    char: str
    strokes: int | None
    # (radical number as in Unihan, e.g. "32" or "149'", remaining strokes)
    radicals: tuple[tuple[str, int], ...]
    readings: tuple[str, ...]

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"


_chars: dict[str, RareChar] | None = None
_radical_forms: dict[str, str] = {}


def _load() -> dict[str, RareChar]:
    global _chars
    if _chars is None:
        chars: dict[str, RareChar] = {}
        with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "c":
                    _, code, total, rs, readings = parts
                    char = chr(int(code, 16))
                    radicals = tuple(
                        (number, int(rest)) for number, _, rest in (item.partition(".") for item in rs.split())
                    )
                    chars[char] = RareChar(char, int(total), radicals, tuple(readings.split()))
                elif parts[0] == "r":
                    _radical_forms[parts[1]] = parts[2]
        _chars = chars
    return _chars


def lookup(char: str) -> RareChar | None:
    # Letters, digits and the middle dot of minority names reach here from the
    # pinyin and stroke fallbacks: they must not cost loading the table.
    if len(char) != 1 or not _is_ideograph(ord(char)):
        return None
    return _load().get(char)


def stroke_count(char: str) -> int | None:
    """Total strokes from the table, or None when it does not know the character."""
    entry = lookup(char)
    return entry.strokes if entry else None


def split_tone(reading: str) -> tuple[str, int]:
    """("lan", 3) for "lǎn" or "lan3"; tone 0 when none is given; ü written v."""
    decomposed = unicodedata.normalize("NFD", reading.strip().lower())
    tone = 0
    kept = []
    for ch in decomposed:
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        else:
            kept.append(ch)
    base = unicodedata.normalize("NFC", "".join(kept)).replace("ü", "v").replace("u:", "v")
    if base[-1:] in "12345" and base[-1:]:
        tone, base = int(base[-1]), base[:-1]
    return base, tone


def pinyin(char: str) -> str | None:
    """The usual reading without tone ("lan"), as pypinyin's NORMAL style writes it."""
    entry = lookup(char)
    return split_tone(entry.readings[0])[0] if entry and entry.readings else None


def _is_ideograph(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in IDEOGRAPH_RANGES)


def _sort_key(entry: RareChar) -> tuple:
    return (entry.strokes if entry.strokes is not None else 999, ord(entry.char))


def find_by_code(text: str) -> list[RareChar]:
    match = re.fullmatch(r"(?:u\+?|0x)?([0-9a-f]{4,5})", text.strip().lower())
    if not match:
        return []
    cp = int(match.group(1), 16)
    if not _is_ideograph(cp):
        return []
    char = chr(cp)
    # Common characters are not in the table; they are still what the code names.
    return [lookup(char) or RareChar(char, None, (), ())]


_by_reading: dict[str, list[tuple[int, int, RareChar]]] | None = None


def _reading_index() -> dict[str, list[tuple[int, int, RareChar]]]:
    """Toneless reading -> (0 usual / 1 other reading, tone, entry), usual readings first."""
    global _by_reading
    if _by_reading is None:
        index: dict[str, list[tuple[int, int, RareChar]]] = {}
        for entry in _load().values():
            for position, reading in enumerate(entry.readings):
                base, tone = split_tone(reading)
                index.setdefault(base, []).append((0 if position == 0 else 1, tone, entry))
        for hits in index.values():
            hits.sort(key=lambda hit: hit[0])
        _by_reading = index
    return _by_reading


def find_by_reading(text: str, limit: int = LIMIT) -> list[RareChar]:
    base, tone = split_tone(text)
    if not re.fullmatch(r"[a-z]+", base):
        return []
    hits: list[tuple[int, RareChar]] = []
    seen: set[str] = set()
    for rank, got_tone, entry in _reading_index().get(base, ()):
        if (not tone or got_tone == tone) and entry.char not in seen:
            seen.add(entry.char)
            hits.append((rank, entry))
    hits.sort(key=lambda hit: (hit[0], *_sort_key(hit[1])))
    return [entry for _, entry in hits[:limit]]


def find_by_radical(text: str, limit: int = LIMIT) -> list[RareChar]:
    """ "口13", "口 13", "口+13", "32.13", "149'.5", or a radical alone ("口", "氵")."""
    _load()
    text = text.strip()
    match = re.fullmatch(r"(\d{1,3}'?)(?:\.(\d{1,2}))?", text)
    if match:
        number, rest = match.group(1), match.group(2)
    else:
        match = re.fullmatch(r"(\S)\s*\+?\s*(\d{1,2})?", text)
        if not match or match.group(1) not in _radical_forms:
            return []
        number, rest = _radical_forms[match.group(1)], match.group(2)
    wanted = int(rest) if rest is not None else None
    hits = [
        (residual, entry)
        for entry in _load().values()
        for radical, residual in entry.radicals
        if radical == number and (wanted is None or residual == wanted)
    ]
    hits.sort(key=lambda hit: (hit[0], *_sort_key(hit[1])))
    seen: set[str] = set()
    found = []
    for _, entry in hits:
        if entry.char not in seen:
            seen.add(entry.char)
            found.append(entry)
    return found[:limit]


def find(text: str, limit: int = LIMIT) -> list[RareChar]:
    """Candidates for what was typed: a code, a radical (and strokes), or a reading."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return []
    return find_by_code(text) or find_by_radical(text, limit) or find_by_reading(text, limit)


def radical_name(number: str) -> str:
    """The character of a radical number as Unihan writes it: "32" -> 土, "149'" -> 讠."""
    _load()
    if not number.endswith("'") and number.isdigit() and 1 <= int(number) <= 214:
        # The Kangxi Radicals block is in radical order; NFKC gives the ideograph.
        return unicodedata.normalize("NFKC", chr(0x2F00 + int(number) - 1))
    forms = sorted(ch for ch, n in _radical_forms.items() if n == number and 0x4E00 <= ord(ch) <= 0x9FFF)
    return forms[0] if forms else number
