"""The people table model: batches, search and sorting in SQL, Qt's model checks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from gui.people.person_table import BATCH_SIZE, COLUMNS, PersonTableModel
from models import units
from models.base import database as db
from models.people import Person, PersonInput, pinyin_keys, save_person


@pytest.fixture
def unit_code(database) -> str:
    return units.own_unit().code


def bulk_people(unit_code: str, n: int) -> None:
    """n people in one transaction; names cycle so that pinyin keys are real."""
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = ["秀英", "桂英", "玉兰", "晓红", "丽", "芳", "敏", "静", "海燕", "春梅"]
    rows = []
    for i in range(n):
        name = surnames[i % len(surnames)] + given[(i // len(surnames)) % len(given)]
        full, initials = pinyin_keys(name)
        rows.append(
            Person(
                unit=unit_code,
                name=name,
                name_pinyin=full,
                name_initials=initials,
                birth=f"{1950 + i % 50}-{1 + i % 12:02d}",
                phone=f"138{i:08d}",
            )
        )
    with db.atomic():
        for person in rows:
            person.save()


def test_empty_model_passes_qt_checks(qtmodeltester, unit_code):
    model = PersonTableModel(unit_code)
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())
    assert model.columnCount() == len(COLUMNS)
    qtmodeltester.check(model)


def test_rows_arrive_in_batches(qtmodeltester, unit_code):
    bulk_people(unit_code, 500)
    model = PersonTableModel(unit_code)
    assert model.rowCount() == BATCH_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * BATCH_SIZE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 500
    assert not model.canFetchMore(QModelIndex())
    assert model.total() == 500
    assert len({model.person_at(r).uuid for r in range(500)}) == 500
    qtmodeltester.check(model)


def test_model_with_500_people_passes_qt_checks_from_scratch(qtmodeltester, unit_code):
    bulk_people(unit_code, 500)
    qtmodeltester.check(PersonTableModel(unit_code))


def test_other_units_and_recycled_people_are_not_listed(unit_code):
    save_person(PersonInput(name="张晓红"), unit_code)
    save_person(PersonInput(name="李玉兰"), "430121100202")
    gone = save_person(PersonInput(name="王芳"), unit_code)
    gone.move_to_recycle_bin()
    model = PersonTableModel(unit_code)
    assert [model.person_at(r).name for r in range(model.rowCount())] == ["张晓红"]


def test_cells_show_labels_and_year_month(unit_code):
    save_person(
        PersonInput(
            name="张晓红",
            ethnicity="01",
            birth="1978-05",
            education="30",
            political="01",
            post="chair",
            phone="13812345678",
        ),
        unit_code,
    )
    model = PersonTableModel(unit_code)
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    from models import codes

    assert row == [
        "张晓红",
        codes.SEX.label("F"),
        codes.ETHNICITY.label("01"),
        "1978.05",
        codes.EDUCATION.label("30"),
        codes.POLITICAL.label("01"),
        codes.POST.label("chair"),
        "13812345678",
    ]
    assert model.headerData(0, Qt.Horizontal) is not None


@pytest.mark.parametrize("typed", ["zxh", "zhangxiao", "张晓", "ZXH"])
def test_search_by_characters_pinyin_and_initials(unit_code, typed):
    for name in ("张晓红", "赵小华", "王秀英"):
        save_person(PersonInput(name=name), unit_code)
    model = PersonTableModel(unit_code)
    model.set_search(typed)
    names = [model.person_at(r).name for r in range(model.rowCount())]
    assert "张晓红" in names
    assert "王秀英" not in names
    if typed in ("zhangxiao", "张晓"):
        assert names == ["张晓红"]


def test_search_with_no_match_is_empty_but_unit_has_people(unit_code):
    save_person(PersonInput(name="张晓红"), unit_code)
    model = PersonTableModel(unit_code)
    model.set_search("qqq")
    assert model.rowCount() == 0
    assert model.scope_has_records()
    model.set_search("")
    assert model.rowCount() == 1


def test_sorting_is_done_in_sql_over_every_row(unit_code):
    bulk_people(unit_code, 450)
    model = PersonTableModel(unit_code)
    model.sort(3, Qt.DescendingOrder)  # born
    first = model.person_at(0).birth
    stored = [p.birth for p in Person.select(Person.birth).where(Person.unit == unit_code)]
    # The first row is the youngest of all 450, not of the first loaded batch.
    assert first == max(stored)
    assert model.rowCount() == BATCH_SIZE
    model.sort(0, Qt.AscendingOrder)
    pinyins = [model.person_at(r).name_pinyin for r in range(model.rowCount())]
    assert pinyins == sorted(pinyins)


def test_posts_sort_by_rank(unit_code):
    for name, post in (("王芳", "backbone"), ("李丽", "chair"), ("赵敏", "executive"), ("陈静", "vice_chair")):
        save_person(PersonInput(name=name, post=post), unit_code)
    model = PersonTableModel(unit_code)
    model.sort(6, Qt.AscendingOrder)
    assert [model.person_at(r).post for r in range(4)] == ["chair", "vice_chair", "executive", "backbone"]


def test_row_of_loads_further_batches(unit_code):
    bulk_people(unit_code, 450)
    last = (
        Person.select().where(Person.unit == unit_code).order_by(Person.name_pinyin.desc(), Person.uuid.desc()).first()
    )
    model = PersonTableModel(unit_code)
    row = model.row_of(last.uuid)
    assert row == 449
    assert model.person_at(row).uuid == last.uuid
