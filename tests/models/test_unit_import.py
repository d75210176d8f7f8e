"""Unit list import: the county sample, codes outside the owner, duplicates, all-or-nothing."""

from __future__ import annotations

import pytest

from models import units
from models.i18n import _, ngettext
from models.spreadsheets import ImportFileError, ImportRefused
from models.unit_import import apply_unit_list, read_unit_list
from models.units import Unit

from .import_helpers import problems_by_row, write_xlsx

COUNTY = "430121000000"
TOWNSHIP = "430121101000"  # 黄花镇 in the sample
SAMPLE_CODES = [
    "430121001000",
    "430121001001",
    "430121001002",
    "430121101000",
    "430121101201",
    "430121101202",
    "430121101203",
    "430121102000",
    "430121102201",
    "430121102202",
]


def snapshot():
    return sorted((u.uuid, u.code, u.name, u.deleted) for u in Unit.select())


def test_county_sample_every_row_is_good(database, samples):
    preview = read_unit_list(samples / "units_under_county.csv", COUNTY)
    assert preview.columns == {"code": "区划代码", "name": "名称"}
    assert preview.bad_rows == [] and preview.skipped == []
    assert [r.code for r in preview.rows] == SAMPLE_CODES
    assert [r.row for r in preview.rows] == list(range(2, 12))
    assert preview.rows[0].name == "星沙街道"

    assert apply_unit_list(preview, COUNTY) == 10
    stored = {u.code: u for u in Unit.live().where(Unit.code.in_(SAMPLE_CODES))}
    assert sorted(stored) == SAMPLE_CODES
    village = stored["430121101202"]
    assert (village.name, village.level, village.parent_code, village.unit) == (
        "回龙湾村",
        units.VILLAGE,
        TOWNSHIP,
        COUNTY,
    )
    assert stored["430121001000"].level == units.TOWNSHIP


def test_importing_the_list_again_renames_and_adds_nothing(database, samples, tmp_path):
    apply_unit_list(read_unit_list(samples / "units_under_county.csv", COUNTY), COUNTY)
    renamed = tmp_path / "units.csv"
    renamed.write_text("区划代码,名称\n430121101202,回龙湾村（合并后）\n", encoding="utf-8-sig")
    assert apply_unit_list(read_unit_list(renamed, COUNTY), COUNTY) == 1
    assert Unit.live().where(Unit.code.in_(SAMPLE_CODES)).count() == 10
    assert Unit.live().where(Unit.code == "430121101202").get().name == "回龙湾村（合并后）"


def test_codes_outside_the_owner_are_bad_rows(database, samples):
    preview = read_unit_list(samples / "units_under_county.csv", TOWNSHIP)
    # The township itself is this installation's own unit: skipped, not refused.
    assert preview.skipped == [(5, _("this installation's own unit"))]
    outside = _("The unit {code} is not below this installation's unit {owner}.")
    assert problems_by_row(preview) == {
        row: [("区划代码", outside.format(code=code, owner=TOWNSHIP))]
        for row, code in [
            (2, "430121001000"),
            (3, "430121001001"),
            (4, "430121001002"),
            (9, "430121102000"),
            (10, "430121102201"),
            (11, "430121102202"),
        ]
    }
    before = snapshot()
    with pytest.raises(ImportRefused) as info:
        apply_unit_list(preview, TOWNSHIP)
    assert str(info.value) == ngettext(
        "{file}: {n} row has problems; nothing was imported.",
        "{file}: {n} rows have problems; nothing was imported.",
        6,
    ).format(file="units_under_county.csv", n=6)
    assert snapshot() == before

    assert apply_unit_list(preview, TOWNSHIP, skip_bad_rows=True) == 3
    assert sorted(u.code for u in Unit.live().where(Unit.unit == TOWNSHIP)) == [
        "430121101201",
        "430121101202",
        "430121101203",
    ]


def test_bad_codes_missing_names_and_duplicates(database, tmp_path):
    path = write_xlsx(
        tmp_path / "units.xlsx",
        [
            ["长沙县乡镇村名单"],
            [],
            [" 统计用区划代码 ", "单位\n名称", "备注"],
            ["430121101201", "黄花村", ""],
            [430121101202, "回龙湾村", ""],  # a number cell: 12 digits survive
            ["43012110120", "短码村", ""],
            ["430121101201", "黄花村", "重复"],
            ["430121101203", None, "没有名称"],
            [None, None, None],
            ["合计", "3个", None],
        ],
    )
    preview = read_unit_list(path, COUNTY)
    assert preview.columns == {"code": "统计用区划代码", "name": "单位名称"}
    assert preview.skipped == [(9, _("blank row")), (10, _("total row"))]
    assert problems_by_row(preview) == {
        4: [("统计用区划代码", _("The same code is also on row {rows}.").format(rows="7"))],
        6: [("统计用区划代码", _("A unit code has exactly 12 digits."))],
        7: [("统计用区划代码", _("The same code is also on row {rows}.").format(rows="4"))],
        8: [("单位名称", _("The unit name is required."))],
    }
    assert [r.code for r in preview.good_rows] == ["430121101202"]
    assert apply_unit_list(preview, COUNTY, skip_bad_rows=True) == 1


def test_english_unit_list(database, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("Unit code\tUnit name\n430121101201\tHuanghua village\n", encoding="utf-8")
    preview = read_unit_list(path, COUNTY)
    assert [(r.code, r.name) for r in preview.good_rows] == [("430121101201", "Huanghua village")]


def test_a_roster_is_not_a_unit_list(database, samples):
    with pytest.raises(ImportFileError) as info:
        read_unit_list(samples / "roster_clean.xlsx", COUNTY)
    assert str(samples / "roster_clean.xlsx") in str(info.value)


def test_a_unit_list_does_not_rename_a_unit_that_reported_itself(database):
    from models import units as unit_model

    unit_model.Unit.create(
        code="430121100202", name="桃花村", unit="430121100202", level="village", parent_code="430121100000"
    )
    unit_model.upsert_unit("430121100202", "桃花新村", owner="430121000000")
    assert unit_model.Unit.live().where(unit_model.Unit.code == "430121100202").get().name == "桃花村"
