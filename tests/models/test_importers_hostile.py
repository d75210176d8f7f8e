"""Generated hostile spreadsheets for the unit-list and attendee imports: never a traceback, never half a file.

Each example is a real .xlsx written with openpyxl in tmp_path: control characters (the ones XML cannot
hold are put into the sheet's XML afterwards, as a damaged or hand-made file would have them), cells of
a megabyte, impossible dates, huge and negative numbers, empty and repeated rows. The file is refused,
or rows are rejected with a message, or the rows are written whole and pass the field rules.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from models import fields, spreadsheets, training, units
from models.base import database as peewee_database
from models.spreadsheets import ImportFileError, ImportRefused
from models.trainee_import import apply_trainees, read_trainees
from models.training import TrainingInput
from models.unit_import import apply_unit_list, read_unit_list

COUNTY = "430121000000"
DAY = dt.date(2026, 4, 14)
MEGABYTE = "英" * 1_000_000  # beyond a cell's 32,767 characters: the file is refused
WITHIN_A_CELL = "英" * 32_767  # a cell Excel can hold, far beyond every field: the row is refused
# Placeholders for what openpyxl will not write (characters XML cannot hold; cells beyond 32,767
# characters, which it cuts): put into the sheet's XML afterwards.
_RAW = "\ue000{:02X}\ue001"
_RAW_AGAIN = re.compile("\ue000([0-9A-F]{2})\ue001".encode())
_BIG = "\ue002"

TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from("\x00\x1b\x7f\u202e\u2066\u200b\n\t 　王秀英石门村aZ9-·,"), max_size=30),
    st.sampled_from(["", " ", "\u200b", "合计", "总计", "2017-02-30", "0000-00-00", "NaN", "-1", "1e309", "=1+1"]),
)
NUMBER = st.one_of(
    st.integers(-(10**30), 10**30),
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, 430121101201, 430121101201.0, 1e308, -1e308, 0.5]),
)
DATE = st.sampled_from(
    [
        dt.date(1900, 1, 1),
        dt.date(2017, 2, 28),
        dt.datetime(9999, 12, 31, 23, 59),
        dt.date(1, 1, 1),
        dt.time(25 % 24, 0),
    ]
)
CELL = st.one_of(TEXT, NUMBER, DATE, st.none(), st.sampled_from([MEGABYTE, WITHIN_A_CELL]))


def writable(value):
    """The value openpyxl can write: characters XML cannot hold become placeholders for ``write_xlsx``."""
    if value is MEGABYTE:
        return _BIG
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub(lambda m: _RAW.format(ord(m.group())), value)
    return value


def write_xlsx(path, header: list[str], rows: list[list]) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["名单"])  # a title above the header, as real lists have
    sheet.append(header)
    for row in rows:
        sheet.append([writable(v) for v in row])
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    big = _BIG.encode()
    if not any(_RAW_AGAIN.search(data) or big in data for data in members.values()):
        return
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            data = _RAW_AGAIN.sub(lambda m: bytes([int(m.group(1), 16)]), data)
            archive.writestr(name, data.replace(big, MEGABYTE.encode()))


def mostly(good: list, bad=None):
    """A good value three times in four, otherwise a hostile cell."""
    good_values = st.sampled_from(good)
    return st.one_of(good_values, good_values, good_values, bad if bad is not None else CELL)


def rows_of(*columns):
    """Rows of these columns, with repeats and empty rows among them."""
    row = st.tuples(*columns).map(list)
    blank = [None] * len(columns)
    return st.lists(row, min_size=1, max_size=6).flatmap(
        lambda rows: st.lists(st.sampled_from(rows + [blank]), min_size=1, max_size=10)
    )


def dump(*tables: str) -> dict[str, list[tuple]]:
    return {t: peewee_database.execute_sql(f'SELECT * FROM "{t}" ORDER BY uuid').fetchall() for t in tables}


def problems_are_words(preview) -> None:
    for problem in preview.problems:
        assert problem.message and str(problem)


BOUNDED = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- the unit list -------------------------------------------------------------------------

CODES = ["430121101201", "430121101202", "430121102000", "430121102201", 430121101203, "4301 2110 1204"]
CODE = mostly(CODES, st.one_of(st.sampled_from(["999999999999", "43012110120", COUNTY]), st.integers(), CELL))
UNIT_NAME = mostly(["石门村", "桃花村", "黄花镇", "星沙街道", " 回龙湾村 "])


@BOUNDED
@given(rows=rows_of(CODE, UNIT_NAME), skip=st.booleans())
def test_any_unit_list_is_refused_or_written_whole_with_every_name_within_the_rules(database, tmp_path, rows, skip):
    path = tmp_path / "units.xlsx"
    write_xlsx(path, ["区划代码", "名称"], rows)
    before = dump("unit")
    try:
        preview = read_unit_list(path, COUNTY)
    except ImportFileError as exc:
        event("the file is refused")
        assert str(exc)
        assert dump("unit") == before
        return
    problems_are_words(preview)
    try:
        written = apply_unit_list(preview, COUNTY, skip_bad_rows=skip)
    except ImportRefused as exc:
        event("rows are refused, nothing written")
        assert not skip and preview.bad_rows and str(exc)
        assert dump("unit") == before
        return
    event("written" if written else "nothing to write")
    assert written == len(preview.good_rows) and (skip or not preview.bad_rows)
    for unit in units.Unit.live():
        assert units.code_error(unit.code) is None
        assert fields.text_problem("unit", "name", unit.name) is None
    units.Unit.delete().where(units.Unit.code != units.own_unit().code).execute()


def test_a_unit_list_with_a_raw_escape_in_its_xml_is_refused_and_writes_nothing(database, tmp_path):
    path = tmp_path / "units.xlsx"
    write_xlsx(path, ["区划代码", "名称"], [["430121101201", "石门\x1b村"], ["430121101202", "桃花村"]])
    before = dump("unit")
    with pytest.raises(ImportFileError):
        apply_unit_list(read_unit_list(path, COUNTY), COUNTY)
    assert dump("unit") == before


@pytest.mark.parametrize(
    "name, refused",
    [(MEGABYTE, "file"), (WITHIN_A_CELL, "row"), ("石门\u202e村", "row"), ("\u200b", "row"), ("石门\x7f村", "row")],
    ids=["1MB", "32767", "RLO", "ZWSP", "DEL"],
)
def test_a_unit_list_with_a_name_beyond_the_rules_is_refused_whole(database, tmp_path, name, refused):
    path = tmp_path / "units.xlsx"
    write_xlsx(path, ["区划代码", "名称"], [["430121101202", "桃花村"], ["430121101201", name]])
    before = dump("unit")
    if refused == "file":
        with pytest.raises(spreadsheets.CellTooLong):
            read_unit_list(path, COUNTY)
    else:
        preview = read_unit_list(path, COUNTY)
        [bad] = preview.bad_rows
        assert bad.row == 4 and fields.label("unit", "name") in bad.problems[0].message
        with pytest.raises(ImportRefused):
            apply_unit_list(preview, COUNTY)
    assert dump("unit") == before


# --- the attendee list --------------------------------------------------------------------------

TRAINEE_HEADER = ["序号", "姓名", "村(社区)/单位", "职务", "联系电话"]
INDEX = mostly([1, 2, 3, "4"], st.one_of(NUMBER, CELL))
NAME = mostly(["王秀英", "李娟", "赵敏", "欧阳·娜娜", "张红"])
VILLAGE = mostly(["石门村", "桃花村", "", "县妇联"])
POST = mostly(["主席", "执委", ""])
PHONE = mostly(["13812345678", "138 1234 5678", "0731-84012345", "", 13907311234], st.one_of(NUMBER, CELL))


@pytest.fixture
def a_training(database):
    return training.save_training(TrainingInput(name="执委培训", start_date=DAY, end_date=DAY), "430121100201")


@BOUNDED
@given(
    rows=rows_of(INDEX, NAME, VILLAGE, POST, PHONE),
    skip=st.booleans(),
)
def test_any_attendee_list_is_refused_or_added_whole_within_the_rules(a_training, tmp_path, rows, skip):
    path = tmp_path / "trainees.xlsx"
    write_xlsx(path, TRAINEE_HEADER, rows)
    before = dump("trainee", "person")
    try:
        preview = read_trainees(path, a_training)
    except ImportFileError as exc:
        event("the file is refused")
        assert str(exc)
        assert dump("trainee", "person") == before
        return
    problems_are_words(preview)
    try:
        written = apply_trainees(preview, a_training, skip_bad_rows=skip)
    except ImportRefused as exc:
        event("rows are refused, nothing written")
        assert not skip and preview.bad_rows and str(exc)
        assert dump("trainee", "person") == before
        return
    event("written" if written else "nothing to write")
    assert written == len(preview.good_rows) and written == training.Trainee.live().count()
    for trainee in training.Trainee.live():
        for column in ("name", "unit_name", "post", "phone"):
            assert fields.text_problem("trainee", column, getattr(trainee, column)) is None, column
    assert dump("person") == {"person": before["person"]}
    training.Trainee.delete().execute()


def test_an_attendee_list_with_a_raw_nul_in_its_xml_is_refused_and_writes_nothing(a_training, tmp_path):
    path = tmp_path / "trainees.xlsx"
    write_xlsx(path, TRAINEE_HEADER, [[1, "王秀英", "石门村\x00", "主席", "13812345678"]])
    before = dump("trainee")
    with pytest.raises(ImportFileError):
        read_trainees(path, a_training)
    assert dump("trainee") == before


@pytest.mark.parametrize(
    "column, value",
    [
        ("unit_name", WITHIN_A_CELL),
        ("post", "主席\u202e"),
        ("unit_name", "\u200b"),
        ("name", "王" * 51),
        ("post", "\x7f"),
    ],
)
def test_an_attendee_beyond_the_field_rules_is_rejected_in_the_preview_naming_the_field(
    a_training, tmp_path, column, value
):
    row = {"name": "王秀英", "unit_name": "石门村", "post": "主席"}
    row[column] = value
    path = tmp_path / "trainees.xlsx"
    write_xlsx(
        path, TRAINEE_HEADER, [[1, "李娟", "桃花村", "执委", ""], [2, row["name"], row["unit_name"], row["post"], ""]]
    )
    preview = read_trainees(path, a_training)
    [bad] = preview.bad_rows
    assert bad.row == 4 and bad.trainee is None
    assert fields.label("trainee", column) in bad.problems[0].message
    with pytest.raises(ImportRefused):
        apply_trainees(preview, a_training)
    assert training.Trainee.select().count() == 0
    assert apply_trainees(preview, a_training, skip_bad_rows=True) == 1
    assert [t.name for t in training.Trainee.live()] == ["李娟"]
