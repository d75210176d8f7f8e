"""Surname stroke order (models.strokes) and its data table."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import strokes
from models.strokes import (
    COMPOUND_SURNAMES,
    char_key,
    sort_by_surname_strokes,
    split_name,
    stroke_count,
    stroke_key,
    stroke_sequence,
)


def order(names: str, **kwargs) -> list[str]:
    """Sort a space-separated list given in reverse, so that input order never helps."""
    return sort_by_surname_strokes(names.split()[::-1], **kwargs)


# --- the table ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "char, count, sequence",
    [
        ("丁", 2, "12"),  # 横 竖钩 (竖钩 counts as 竖)
        ("王", 4, "1121"),
        ("文", 4, "4134"),
        ("李", 7, "1234521"),  # first stroke 横
        ("张", 7, "5153154"),  # first stroke 折
        ("欧", 8, "13453534"),
        ("林", 8, "12341234"),
        ("小", 3, "234"),
        ("马", 3, "551"),
    ],
)
def test_counts_and_sequences(char, count, sequence):
    assert stroke_count(char) == count
    assert stroke_sequence(char) == sequence


def test_table_covers_the_cjk_blocks():
    missing = [
        hex(cp)
        for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))
        for cp in range(lo, hi + 1)
        if stroke_count(chr(cp)) is None
    ]
    assert missing == []
    assert stroke_count("䶮") == 9  # Extension A, count only
    assert stroke_sequence("䶮") is None
    assert stroke_count("𬌗") == 10  # beyond the BMP, in 通用规范汉字表
    assert stroke_count("A") is None


def test_sequences_agree_with_counts():
    table = strokes._load()
    disagree = {ch for ch, (count, seq, forms) in table.items() if seq and len(seq) != count}
    assert disagree == {"囍", "皙"}  # documented in resources/data/README.md
    assert all(len(seq) == len(forms) for _, seq, forms in table.values())
    assert all(set(seq) <= set("12345") for _, seq, _ in table.values())


def test_table_is_loaded_once():
    assert strokes._load() is strokes._load()


# --- the rules ---------------------------------------------------------------------


def test_fewer_strokes_first():
    assert order("丁一 马丽 王芳 田芳 刘芳 李芳 林芳 洪芳 高芳") == [
        "丁一",
        "马丽",
        "王芳",
        "田芳",
        "刘芳",
        "李芳",
        "林芳",
        "洪芳",
        "高芳",
    ]


def test_li_before_zhang():
    # Both 7 strokes; 李 starts with 横, 张 with 折.
    assert order("李芳 张芳") == ["李芳", "张芳"]
    assert order("王芳 李芳 张芳") == ["王芳", "李芳", "张芳"]


def test_equal_counts_by_first_stroke():
    # 4 strokes: 王 横, 文 点 (example of the 姓名笔画 rules).
    assert order("王明 文明") == ["王明", "文明"]
    # 6 strokes: 朱 撇 before 刘 点; 7 strokes: 李 横, 肖 竖, 何 撇, 汪 点, 张 折.
    assert order("朱明 刘明") == ["朱明", "刘明"]
    assert order("李明 肖明 何明 汪明 张明") == ["李明", "肖明", "何明", "汪明", "张明"]


def test_equal_first_stroke_by_second_stroke():
    # 林 and 欧: 8 strokes, both start with 横; 林's second is 竖, 欧's 撇.
    assert order("林明 欧明") == ["林明", "欧明"]


def test_main_forms_before_attached_forms():
    # 干 横横竖 and 于 横横竖钩 have the same classes; 竖 is the main form.
    assert order("于明 干明") == ["干明", "于明"]


def test_compound_surname_is_one_surname_sorted_by_its_first_character():
    assert split_name("欧阳少东") == ("欧阳", "少东")
    assert split_name("司马光") == ("司马", "光")
    assert split_name("司马") == ("司", "马")  # no given name: not a compound
    # 欧 has 8 strokes: after 李 (7), before 洪 (9); among 欧 after the single surname.
    assert order("洪少东 欧阳少东 李少东 欧少东") == ["李少东", "欧少东", "欧阳少东", "洪少东"]
    assert {"欧阳", "司马", "上官", "诸葛", "万俟", "第五"} <= COMPOUND_SURNAMES


def test_same_surname_next_characters_decide():
    assert order("李大鸣 李一鸣") == ["李一鸣", "李大鸣"]
    assert order("王欢欢 王芝兰 王富国") == ["王芝兰", "王欢欢", "王富国"]


def test_single_given_name_first_by_default():
    # 姓氏笔画 convention (Party congress, CPPCC): 田富 before 田大利.
    assert order("田大利 田富") == ["田富", "田大利"]
    assert order("高大富 高富") == ["高富", "高大富"]
    # 姓名笔画 convention (people's congresses): characters as written.
    assert order("田富 田大利", single_name_first=False) == ["田大利", "田富"]


def test_unknown_characters_sort_last_by_code_point():
    # 𪛖 (Extension B) has no reading, so no table knows its strokes.
    names = ["Mary", "王芳", "䶮明", "洪明", "𪛖明", "Anna"]
    result = sort_by_surname_strokes(names)
    # 䶮 (9 strokes, no sequence) after 洪 (9 strokes with one).
    assert result == ["王芳", "洪明", "䶮明", "Anna", "Mary", "𪛖明"]
    assert sort_by_surname_strokes(names[::-1]) == result


def test_spaces_and_width_are_ignored():
    assert stroke_key("王　芳") == stroke_key("王芳") == stroke_key(" 王 芳 ")
    assert stroke_key("") == ((), ())


def test_key_function_and_stability():
    people = [{"name": "张芳", "id": 1}, {"name": "李芳", "id": 2}, {"name": "张芳", "id": 3}]
    result = sort_by_surname_strokes(people, key=lambda p: p["name"])
    assert [p["id"] for p in result] == [2, 1, 3]


def test_char_key_orders_known_before_unknown():
    assert char_key("龘") < char_key("A")
    assert char_key("一") < char_key("丁")


# --- published lists ---------------------------------------------------------------
# Surnames in the order of lists published "按姓氏笔画排序" (names left out):
# 政协第十三届广东省委员会 Macao members (Macao Daily, 2023-01-08, "以简体姓氏笔划为序");
# 宁夏 少先队八大代表候选人 (2020-05-08); 中国文艺志愿者协会 vice-chairs.

PUBLISHED_SURNAME_ORDERS = [
    "马 卢 刘 许 李 杨 陈 林 郑 柯 黄 龚 崔 梁 廖 黎 戴",
    "王 白 朱 仲 刘 杨 张 郑 孟 高 黄 龚 遇 路",
    "王 冯 刘 李 何 张 林 赵 姜 姚 黄 龚 康 寒",
    "万 王 朱 李 肖 汪 张 林 徐 黄 梁",  # 广东 十八大代表 (省委常委), 2012
]


@pytest.mark.parametrize("surnames", PUBLISHED_SURNAME_ORDERS)
def test_published_surname_orders(surnames):
    names = [s + "芳" for s in surnames.split()]
    assert sort_by_surname_strokes(names[::-1]) == names
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    assert sort_by_surname_strokes(shuffled) == names


@pytest.mark.parametrize(
    "first, second",
    [
        # Given-name characters in the same published lists, same surname.
        ("少", "美"),
        ("美", "铁"),
        ("铁", "家"),  # 陈
        ("大", "从"),
        ("从", "居"),  # 李
        ("伟", "安"),  # 郑: both 6, 撇 before 点
        ("灿", "家"),  # 黄
        ("颂", "智"),
        ("智", "嘉"),  # 梁
        ("芝", "欢"),
        ("欢", "富"),  # 王
        ("小", "明"),  # 朱
    ],
)
def test_published_given_name_characters(first, second):
    assert char_key(first) < char_key(second)


def test_published_single_name_before_double():
    # 广东 2012: 李 + one character listed before 李 + two, although 嘉 has 14 strokes.
    assert order("李玉妹 李嘉") == ["李嘉", "李玉妹"]


# --- properties --------------------------------------------------------------------

CHARS = "丁于干王文方尹邓石卢叶田冯刘许朱李杨张陈林欧周郑赵胡洪高黄梁曾䶮龘A明芳一"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=CHARS, min_size=1, max_size=4), unique=True), st.randoms(use_true_random=False))
def test_order_does_not_depend_on_input_order(names, rnd):
    shuffled = names[:]
    rnd.shuffle(shuffled)
    assert sort_by_surname_strokes(shuffled) == sort_by_surname_strokes(names)
