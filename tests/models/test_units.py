"""Unit codes: level, kind and parent follow from the 12 digits."""

import pytest

from models import units
from models.base import ValidationError


@pytest.mark.parametrize(
    "code, level, kind, parent",
    [
        ("430000000000", units.PROVINCE, None, None),
        ("430100000000", units.CITY, None, "430000000000"),
        ("430121000000", units.COUNTY, None, "430100000000"),
        ("430121001000", units.TOWNSHIP, units.SUBDISTRICT, "430121000000"),
        ("430121100000", units.TOWNSHIP, units.TOWN, "430121000000"),
        ("430121200000", units.TOWNSHIP, units.RURAL_TOWNSHIP, "430121000000"),
        ("430121100001", units.VILLAGE, units.COMMUNITY, "430121100000"),
        ("430121100201", units.VILLAGE, units.RURAL_VILLAGE, "430121100000"),
        # Each band's edges, as the statistics bureau allots the three digits.
        ("430121099000", units.TOWNSHIP, units.SUBDISTRICT, "430121000000"),
        ("430121199000", units.TOWNSHIP, units.TOWN, "430121000000"),
        ("430121399000", units.TOWNSHIP, units.RURAL_TOWNSHIP, "430121000000"),
        ("430121400000", units.TOWNSHIP, units.TOWNSHIP_LIKE, "430121000000"),  # 政企合一 (a state farm)
        ("430121599000", units.TOWNSHIP, units.TOWNSHIP_LIKE, "430121000000"),
        ("430121100199", units.VILLAGE, units.COMMUNITY, "430121100000"),
        ("430121100399", units.VILLAGE, units.RURAL_VILLAGE, "430121100000"),
        ("430121400400", units.VILLAGE, units.COMMUNITY_LIKE, "430121400000"),  # 类似居委会
        ("430121400499", units.VILLAGE, units.COMMUNITY_LIKE, "430121400000"),
        ("430121400500", units.VILLAGE, units.VILLAGE_LIKE, "430121400000"),  # 类似村委会
        ("430121400599", units.VILLAGE, units.VILLAGE_LIKE, "430121400000"),
    ],
)
def test_level_kind_and_parent_follow_from_the_code(code, level, kind, parent):
    info = units.code_info(code)
    assert (info.level, info.kind, info.parent) == (level, kind, parent)


@pytest.mark.parametrize("code", ["43012110020", "4301211002011", "43012110020a", "000121100201", "430000100201"])
def test_malformed_codes_are_refused_with_a_reason(code):
    assert units.code_error(code)
    with pytest.raises(ValueError):
        units.code_info(code)


def test_codes_typed_with_spaces_full_width_digits_or_as_excel_numbers_are_read():
    assert units.normalize_code(" 430121 100 201 ") == "430121100201"
    assert units.normalize_code("４３０１２１１００２０１") == "430121100201"
    assert units.normalize_code("430121100201.0") == "430121100201"


def test_is_below_follows_the_hierarchy():
    assert units.is_below("430121100201", "430121000000")
    assert units.is_below("430121100201", "430121100000")
    assert not units.is_below("430121100201", "430121100201")
    assert not units.is_below("430122100201", "430121000000")


def test_level_labels_are_chinese_by_default():
    assert units.level_label("430121100201") == "村"
    assert units.level_label("430121100001") == "社区"
    assert units.level_label("430121100000") == "镇"
    assert units.level_label("430121000000") == "县"


def test_own_unit_is_stored_in_the_database(database):
    unit = units.own_unit()
    assert (unit.code, unit.name, unit.level) == ("430121100201", "石门村", units.VILLAGE)
    units.set_own_unit("430121100201", " 石门村村 ")
    assert units.own_unit().name == "石门村村"
    assert units.Unit.live().count() == 1


def test_a_bad_unit_is_refused_and_nothing_is_written(database):
    before = units.Unit.select().count()
    with pytest.raises(ValidationError) as caught:
        units.upsert_unit("12345", "", owner="430121100201")
    assert {e.field for e in caught.value.errors} == {"code", "name"}
    assert units.Unit.select().count() == before


def test_every_kind_has_a_label_in_the_interface_language():
    from models.i18n import _

    assert units.level_label("430121400000") == _("township-level unit (farm, development zone…)")
    assert units.level_label("430121400450") == _("unit like a residents' committee")
    assert units.level_label("430121400550") == _("unit like a villagers' committee")
