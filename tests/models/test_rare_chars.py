"""Finding a rare character (生僻字) to type, and names that contain one."""

import pytest

from forms import roster
from models import people, rare_chars, strokes
from models.people import PersonInput

LAN = "\U00021484"  # 𡒄, CJK Extension B: lǎn, radical 土 (32) + 13, 16 strokes
VILLAGE = "430121100201"


def chars(text: str) -> list[str]:
    return [found.char for found in rare_chars.find(text)]


@pytest.mark.parametrize("code", ["U+21484", "u+21484", "u21484", "21484", "0x21484", " U+21484 "])
def test_a_code_in_any_usual_spelling_names_the_character(code):
    assert chars(code) == [LAN]


def test_a_code_outside_the_ideographs_finds_nothing_and_a_common_one_is_still_given():
    assert chars("U+0041") == []
    assert chars("U+4E00") == ["一"]


@pytest.mark.parametrize("reading", ["lan", "lǎn", "lan3", "LAN"])
def test_a_reading_with_or_without_tone_lists_the_character(reading):
    assert LAN in chars(reading)


def test_the_wrong_tone_leaves_it_out_and_results_go_by_usual_reading_then_strokes():
    assert LAN not in chars("lan2")
    found = rare_chars.find("lan")
    usual = [c for c in found if rare_chars.split_tone(c.readings[0])[0] == "lan"]
    assert found[: len(usual)] == usual
    counts = [c.strokes for c in usual]
    assert counts == sorted(counts)


def test_u_with_diaeresis_is_typed_as_v_or_u():
    assert chars("lv") and chars("lv") == chars("lü") == chars("lu:")


@pytest.mark.parametrize("typed", ["土13", "土 13", "土+13", "32.13", "⼟13"])
def test_radical_and_remaining_strokes_list_the_character(typed):
    assert LAN in chars(typed)


def test_a_variant_radical_form_and_a_radical_alone_are_understood():
    water = rare_chars.find("氵")
    assert water and all(any(r == "85" for r, _ in c.radicals) for c in water)
    assert len(water) <= rare_chars.LIMIT
    residuals = [min(n for r, n in c.radicals if r == "85") for c in water]
    assert residuals == sorted(residuals)
    assert rare_chars.find("讠") and all(any(r == "149'" for r, _ in c.radicals) for c in rare_chars.find("讠"))


def test_nonsense_finds_nothing():
    assert chars("") == chars("xyzzy") == chars("!!") == []


def test_strokes_and_pinyin_fall_back_to_the_table_for_a_character_beyond_them():
    assert strokes._load().get(LAN) is None  # not in strokes.txt: the fallback is what answers
    assert strokes.stroke_count(LAN) == 16
    assert strokes.sort_by_surname_strokes([f"吕{LAN}", "吕鑫", "吕森"]) == ["吕森", f"吕{LAN}", "吕鑫"]
    assert rare_chars.pinyin(LAN) == "lan"


def test_pinyin_keys_use_the_table_where_pypinyin_knows_nothing(monkeypatch):
    # pypinyin happens to know 𡒄; a character it lacks goes to the table.
    import pypinyin.constants

    monkeypatch.delitem(pypinyin.constants.PINYIN_DICT, ord(LAN))
    assert people.pinyin_keys(f"吕{LAN}") == ("lvlan", "ll")
    assert people.pinyin_keys("Anna王") == ("wang", "w")


def test_a_person_with_a_rare_character_is_found_by_pinyin_and_sorted_by_strokes(database):
    for name in (f"吕{LAN}", "吕鑫", "吕森", "王芳"):
        people.save_person(PersonInput(name=name), VILLAGE)
    found = lambda text: [p.name for p in people.search(people.Person.live(), text)]  # noqa: E731
    assert found("lvlan") == [f"吕{LAN}"]
    assert found("ll") == [f"吕{LAN}"]
    assert found(LAN) == [f"吕{LAN}"]
    # The roster lists people in surname stroke order: 森 12, 𡒄 16, 鑫 24.
    assert [p.name for p in roster.backbones(VILLAGE)] == ["王芳", "吕森", f"吕{LAN}", "吕鑫"]


def test_letters_digits_and_the_middle_dot_do_not_load_the_table(monkeypatch):
    # A save of "王芳1" or "阿依古丽·买买提" must not pay for reading the table.
    monkeypatch.setattr(rare_chars, "_chars", None)
    people.pinyin_keys("王芳1·Anna")
    strokes.stroke_key("王芳1·Anna")
    assert rare_chars._chars is None
    assert strokes.stroke_count(LAN) == 16 and rare_chars._chars is not None
