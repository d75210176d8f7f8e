"""One set of rules for what may be stored, and limits on every input (issue 10, findings 4 and 5)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import exchange, fields, people, roster_import, spreadsheets, units
from models.base import ValidationError
from models.checks import check_database
from models.exchange.manifest import PackageError
from models.people import Person, PersonInput

from ..conftest import VILLAGE_CODE

TODAY = dt.date(2026, 11, 28)
ID_NUMBER = "430121197805120026"


def write_csv(path, rows, header=("姓名", "性别", "出生年月", "工作单位及职务")):
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_a_workplace_longer_than_the_county_accepts_is_refused_by_the_import_naming_column_row_and_limit(
    database, tmp_path
):
    path = write_csv(tmp_path / "roster.csv", [("王秀英", "女", "1978.05", "村" * 252)])
    preview = roster_import.read_roster(path, VILLAGE_CODE, today=TODAY)
    [problem] = preview.problems
    text = str(problem)
    assert "工作单位及职务" in text and "252" in text and "200" in text and problem.row == 2
    with pytest.raises(roster_import.ImportRefused):
        roster_import.apply_roster(preview, VILLAGE_CODE)
    assert Person.select().count() == 0


@pytest.mark.sqlite_only  # stores a text past its VARCHAR(200), which a PostgreSQL server refuses to store
def test_a_stored_over_long_workplace_is_reported_by_check_and_refused_at_export_and_by_the_verifier(
    database, tmp_path
):
    Person.create(unit=VILLAGE_CODE, name="王秀英", workplace="村" * 252)
    assert any("工作单位及职务" in p and "200" in p for p in check_database())
    with pytest.raises(PackageError, match="工作单位及职务"):
        exchange.export_package(tmp_path / "out.fulian", photos=False)
    assert not (tmp_path / "out.fulian").exists()


@pytest.mark.parametrize("column, value", [("workplace", "村" * 252), ("notes", "甲\x1b乙")])
def test_the_verifier_names_a_field_in_the_interface_language(database, column, value):
    from models.exchange.rows import subtree_rows
    from models.exchange.tables import table_specs
    from models.exchange.verify import refused_value

    people.save_person(PersonInput(name="王秀英"), VILLAGE_CODE, today=TODAY)
    spec = next(s for s in table_specs() if s.name == "person")
    [row] = subtree_rows(spec, VILLAGE_CODE)
    assert refused_value(spec, [row]) is None
    bad = tuple(value if c.name == column else v for c, v in zip(spec.columns, row))
    problem = refused_value(spec, [bad])
    assert problem is not None and fields.label("person", column) in problem and column not in problem


@pytest.mark.parametrize("name", ["王\x1b秀英", "\x00王", "王\u202e英", "\u200b", "\u200b\u200c\u2060"])
def test_names_with_control_characters_or_only_invisible_ones_are_refused(database, name):
    with pytest.raises(ValidationError) as caught:
        people.save_person(PersonInput(name=name), VILLAGE_CODE, today=TODAY)
    assert caught.value.errors[0].field == "name"
    assert Person.select().count() == 0


def test_free_text_refuses_control_characters_but_keeps_line_breaks_in_notes(database):
    with pytest.raises(ValidationError) as caught:
        people.save_person(PersonInput(name="王秀英", notes="甲\x1b乙"), VILLAGE_CODE, today=TODAY)
    assert "U+001B" in caught.value.errors[0].message and "备注" in caught.value.errors[0].message
    saved = people.save_person(
        PersonInput(name="王秀英", notes="第一行\n第二行", workplace="石门村\n村委会"), VILLAGE_CODE, today=TODAY
    )
    assert saved.notes == "第一行\n第二行" and saved.workplace == "石门村 村委会"


@pytest.mark.parametrize("birth", ["2017-02-30", "2017.02.30", "20170230", "2017-13", "2017年2月30日"])
def test_impossible_birth_dates_are_refused_not_shortened(database, birth):
    with pytest.raises(ValidationError) as caught:
        people.save_person(PersonInput(name="王秀英", birth=birth), VILLAGE_CODE, today=TODAY)
    assert caught.value.errors[0].field == "birth"


def test_a_stored_impossible_birth_month_is_reported_by_check(database):
    Person.create(unit=VILLAGE_CODE, name="王秀英", birth="2017-13")
    assert any("王秀英" in p and "13" in p for p in check_database())


@pytest.mark.parametrize("code", ["999999999999", "990000000000", "010100000000", "430121000001"])
def test_codes_that_are_no_statistical_division_are_refused(code):
    assert units.code_error(code) is not None


def test_real_codes_are_accepted():
    for code in ("430121100201", "110000000000", "820000000000", "650102003004"):
        assert units.code_error(code) is None


def test_init_refuses_a_code_outside_the_provinces(tmp_path):
    import subprocess
    import sys

    from ..conftest import ROOT

    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "init", "--db", str(tmp_path / "x.db"), "--code", "999999999999"]
        + ["--name", "某村"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr and "99" in done.stdout + done.stderr


def test_a_huge_count_is_refused_not_overflowing_the_database(database):
    from models import homes

    data = homes.ActivityInput(title="讲座", date=TODAY, category="1", women=10**20)
    with pytest.raises(ValidationError) as caught:
        homes.save_activity(data, VILLAGE_CODE, today=TODAY)
    assert caught.value.errors[0].field == "women"


# --- limits on files -------------------------------------------------------------------


def test_a_workbook_that_unpacks_too_far_is_refused_before_openpyxl_reads_it(tmp_path, monkeypatch):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (5 * 1024 * 1024))
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 1024 * 1024)
    with pytest.raises(spreadsheets.ImportFileError, match="MB"):
        roster_import.read_roster(path, VILLAGE_CODE)


def test_a_spreadsheet_larger_than_the_limit_is_refused(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "big.csv", [("王秀英", "女", "1978.05", "x" * 2000)])
    monkeypatch.setattr(spreadsheets, "MAX_FILE_BYTES", 1000)
    with pytest.raises(spreadsheets.ImportFileError, match="MB"):
        roster_import.read_roster(path, VILLAGE_CODE)


def test_a_csv_with_a_1_mb_cell_is_refused_with_the_limit(database, tmp_path):
    path = write_csv(tmp_path / "huge.csv", [("王秀英", "女", "1978.05", "x" * 1_000_000)])
    with pytest.raises(spreadsheets.ImportFileError, match="32,767"):
        roster_import.read_roster(path, VILLAGE_CODE)


def test_too_many_rows_are_refused_naming_the_limit(database, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "many.csv", [(f"王{i}", "女", "", "") for i in range(30)])
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 10)
    with pytest.raises(spreadsheets.ImportFileError, match="10"):
        roster_import.read_roster(path, VILLAGE_CODE)


def test_a_roster_with_an_id_number_already_in_the_unit_is_refused_whole(database, tmp_path):
    people.save_person(PersonInput(name="李桂兰", id_number=ID_NUMBER), VILLAGE_CODE, today=TODAY)
    path = write_csv(
        tmp_path / "r.csv", [("王秀英", "女", "", ""), ("张红", "女", "", "")], ("姓名", "性别", "身份证号", "备注")
    )
    path.write_text(f"姓名,性别,身份证号\n王秀英,女,{ID_NUMBER}\n张红,女,\n", encoding="utf-8")
    preview = roster_import.read_roster(path, VILLAGE_CODE, today=TODAY)
    assert any("李桂兰" in str(p) for p in preview.problems)
    assert roster_import.apply_roster(preview, VILLAGE_CODE, skip_bad_rows=True) == 1
    assert Person.live().count() == 2


# --- forms never crash on stored data -------------------------------------------------------


def stored(name="王秀英", **values) -> Person:
    return Person.create(unit=VILLAGE_CODE, name=name, post="chair", **values)


def test_an_escape_in_a_name_and_a_1_mb_note_still_print_the_roster_as_excel_and_pdf(database, tmp_path):
    from forms.registry import FormOptions, build_form

    stored("王\x1b秀英", notes="长" * 1_000_000, workplace="\u202e村委会")
    result = build_form("roster", tmp_path / "roster.xlsx", FormOptions(VILLAGE_CODE, today=TODAY))
    import openpyxl

    values = [c.value for row in openpyxl.load_workbook(result.path).active.iter_rows() for c in row if c.value]
    assert "王秀英" in values
    assert any(isinstance(v, str) and v.startswith("长" * 100) and v.endswith("]") for v in values)
    pdf = build_form("roster", tmp_path / "roster.pdf", FormOptions(VILLAGE_CODE, today=TODAY))
    assert pdf.path.stat().st_size > 0


# --- hypothesis: no traceback, no partial write ------------------------------------------------------------

NASTY = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from("\x00\x1b\x7f\u202e\u200b\n\t 王秀英aZ9"), max_size=60),
    st.just("英" * 1_000_000),
    st.sampled_from(["2017-02-30", "2017-13", "0000-00", "9999.99", "-1", "1e309", "NaN"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NASTY, birth=NASTY, workplace=NASTY, notes=NASTY, phone=NASTY)
def test_any_person_input_is_saved_whole_or_refused_with_field_errors(database, name, birth, workplace, notes, phone):
    before = Person.select().count()
    data = PersonInput(name=name, birth=birth, workplace=workplace, notes=notes, phone=phone)
    try:
        person = people.save_person(data, VILLAGE_CODE, today=TODAY)
    except ValidationError as exc:
        assert exc.errors and all(e.message for e in exc.errors)
        assert Person.select().count() == before
    else:
        assert fields.text_problem("person", "name", person.name) is None
        assert len(person.workplace) <= 200 and not fields.FORBIDDEN.search(person.name + person.workplace)
        person.delete_instance()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(NASTY, NASTY, NASTY, st.integers(-(10**30), 10**30)), min_size=1, max_size=4))
def test_any_roster_imports_whole_or_not_at_all(database, tmp_path, rows):
    path = tmp_path / "h.csv"
    write_csv(path, [(a[:40_000], "女", b[:40_000], f"{c[:40_000]}{n}") for a, b, c, n in rows])
    before = Person.select().count()
    try:
        preview = roster_import.read_roster(path, VILLAGE_CODE, today=TODAY)
        roster_import.apply_roster(preview, VILLAGE_CODE)
    except (spreadsheets.ImportFileError, roster_import.ImportRefused):
        assert Person.select().count() == before
    Person.delete().execute()


def test_every_field_with_a_rule_has_the_same_limit_in_its_table():
    from peewee import CharField

    from models.base import Record
    from models.exchange.tables import table_specs

    table_specs()  # imports every travelling model
    importlib.import_module("models.submissions")  # periods and returns: kept here, not travelling
    models, todo = {}, list(Record.__subclasses__())
    while todo:
        model = todo.pop()
        models[model._meta.table_name] = model
        todo += model.__subclasses__()
    for (table, column), rule in fields.RULES.items():
        field = models[table]._meta.columns[column]
        if isinstance(field, CharField):
            assert field.max_length == rule.max_length, (table, column)
