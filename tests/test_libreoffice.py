"""LibreOffice against the program's spreadsheets, both ways.

Lists saved by LibreOffice as .xls and .ods import exactly as the .xlsx they
came from; every Excel twin of a form that the program writes opens in
LibreOffice and prints to PDF. `.ci/run` installs LibreOffice
(libreoffice-calc-nogui), so these run in CI; on a machine without it they
are skipped with the reason. Each conversion is one soffice run over all its
files, with a private profile.
"""

from __future__ import annotations

import csv
import datetime as _dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from models import db as dbmod
from models import units
from models.importing import IMPORTED, import_files
from models.people import Person
from models.roster_import import read_roster
from models.spreadsheets import read_table
from models.trainee_import import read_trainees
from models.unit_import import read_unit_list
from models.units import Unit

from .conftest import SAMPLES, VILLAGE_CODE, VILLAGE_NAME

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui"
)
COUNTY = ("430121000000", "长沙县")
TODAY = _dt.date(2026, 11, 28)
ATTENDEES = [
    ["2026年执委培训参训人员名单"],
    [],
    ["序号", "姓名", "村(社区)/单位", "职务", "联系电话", "性别", "身份证号"],
    [1, "王芳", "石门村", "主席", 13812345678, "女", "43012119780502224X"],
    [2, "李秀英", "石门村", "执委", "139 0731 2233", "女", None],
    [3, "欧阳玉兰", "石门村", "妇女骨干", "0731-86123456", "女", 4.30121199011010e17],
    [4, "", "石门村", "执委", "13912345678", "女", None],
    ["合计", "3人"],
]
PERSON_FIELDS = (
    "unit", "name", "sex", "ethnicity", "birth", "id_number", "education", "political", "post",
    "part_time", "workplace", "identities", "two_committees", "phone", "notes",
)  # fmt: skip


def convert(files: list[Path], fmt: str, out: Path, profile: Path) -> list[Path]:
    """``files`` converted by one soffice run into ``out``; each result checked to exist."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
        + ["--convert-to", fmt, "--outdir", str(out), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    results = [out / f"{f.stem}.{fmt}" for f in files]
    missing = [r.name for r in results if not r.is_file() or r.stat().st_size == 0]
    assert done.returncode == 0 and not missing, (done.returncode, missing, done.stdout, done.stderr)
    return results


def write_xlsx(path: Path, rows) -> Path:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def lists(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """{name: {".xlsx": the list, ".xls": it saved by LibreOffice, ".ods": likewise}}."""
    folder = tmp_path_factory.mktemp("lists")
    with open(SAMPLES / "units_under_county.csv", encoding="utf-8-sig", newline="") as f:
        # Every other code as a number, as a cadre's Excel often has them.
        unit_rows = [[int(c) if c.isdigit() and n % 2 else c for c in row] for n, row in enumerate(csv.reader(f))]
    sources = [
        folder / "roster_clean.xlsx",
        folder / "roster_messy.xlsx",
        write_xlsx(folder / "units.xlsx", [["长沙县下属单位"], [], *unit_rows]),
        write_xlsx(folder / "attendees.xlsx", ATTENDEES),
    ]
    for name in ("roster_clean.xlsx", "roster_messy.xlsx"):
        shutil.copy(SAMPLES / name, folder / name)
    profile = folder / "profile"
    xls = convert(sources, "xls", folder / "xls", profile)
    ods = convert(sources, "ods", folder / "ods", profile)
    return {s.stem: {".xlsx": s, ".xls": x, ".ods": o} for s, x, o in zip(sources, xls, ods, strict=True)}


def open_db(path: Path, code: str, name: str) -> None:
    dbmod.open_database(path)
    units.set_own_unit(code, name)


def people_of(path: Path, folder: Path) -> tuple[list[tuple], list[str]]:
    """The people an import of ``path`` into a new village database stores, and each file's status."""
    db = folder / f"{path.suffix[1:]}.sqlite3"
    open_db(db, VILLAGE_CODE, VILLAGE_NAME)
    try:
        outcome = import_files([path], unit_code=VILLAGE_CODE, skip_bad_rows=True)
        stored = sorted(tuple(getattr(p, f) for f in PERSON_FIELDS) for p in Person.select())
        return stored, [f.status for f in outcome.files]
    finally:
        dbmod.close_database()


def roster_facts(preview):
    return (
        list(preview.columns.items()),
        [(r.row, r.values, r.person, [(p.column, p.message) for p in r.problems]) for r in preview.rows],
        preview.skipped,
    )


@pytest.mark.parametrize("fmt", [".xls", ".ods"])
@pytest.mark.parametrize("name", ["roster_clean", "roster_messy"])
def test_a_roster_saved_by_libreoffice_imports_exactly_as_the_xlsx(lists, tmp_path, name, fmt):
    xlsx, other = lists[name][".xlsx"], lists[name][fmt]
    open_db(tmp_path / "preview.sqlite3", VILLAGE_CODE, VILLAGE_NAME)
    try:
        expected = read_roster(xlsx, VILLAGE_CODE, today=TODAY)
        assert roster_facts(read_roster(other, VILLAGE_CODE, today=TODAY)) == roster_facts(expected)
    finally:
        dbmod.close_database()
    assert expected.good_rows
    stored, statuses = people_of(xlsx, tmp_path / "a")
    assert statuses == [IMPORTED] and len(stored) == len(expected.good_rows)
    assert people_of(other, tmp_path / "b") == (stored, statuses)


@pytest.mark.parametrize("fmt", [".xls", ".ods"])
def test_a_unit_list_saved_by_libreoffice_imports_exactly_as_the_xlsx(lists, tmp_path, fmt):
    def imported(path: Path, db: Path):
        open_db(db, *COUNTY)
        try:
            preview = read_unit_list(path, COUNTY[0])
            facts = [
                (r.row, r.values, r.code, r.name, [(p.column, p.message) for p in r.problems]) for r in preview.rows
            ]
            outcome = import_files([path], unit_code=COUNTY[0])
            stored = sorted((u.code, u.name) for u in Unit.live())
            return facts, preview.skipped, [f.status for f in outcome.files], stored
        finally:
            dbmod.close_database()

    expected = imported(lists["units"][".xlsx"], tmp_path / "a.sqlite3")
    assert expected[2] == [IMPORTED] and len(expected[3]) > 10
    assert imported(lists["units"][fmt], tmp_path / "b.sqlite3") == expected


@pytest.mark.parametrize("fmt", [".xls", ".ods"])
def test_an_attendee_list_saved_by_libreoffice_reads_exactly_as_the_xlsx(lists, tmp_path, fmt):
    from models import training
    from models.training import TrainingInput

    open_db(tmp_path / "t.sqlite3", VILLAGE_CODE, VILLAGE_NAME)
    try:
        course = training.save_training(
            TrainingInput(
                name="村级妇联执委能力提升培训",
                organiser="长沙县妇联",
                organiser_level="county",
                start_date=_dt.date(2026, 4, 14),
                end_date=_dt.date(2026, 4, 15),
                place="县委党校",
            ),
            VILLAGE_CODE,
        )

        def facts(path):
            preview = read_trainees(path, course)
            rows = [(r.row, r.values, r.trainee, [(p.column, p.message) for p in r.problems]) for r in preview.rows]
            return list(preview.columns.items()), rows, preview.skipped

        expected = facts(lists["attendees"][".xlsx"])
        assert len(expected[1]) == 4 and expected[2]  # four rows (one without a name), the total skipped
        assert facts(lists["attendees"][fmt]) == expected
    finally:
        dbmod.close_database()


def test_every_excel_twin_opens_in_libreoffice(tmp_path):
    """Every form with an Excel format, built from a township's demo data, prints to PDF in LibreOffice,
    and LibreOffice reads the same cells (saved back as .ods and read with calamine)."""
    from forms.registry import FORMS, FormOptions, build_form
    from models.demo import make_demo

    township = ("430121100000", "星沙镇")
    (tmp_path / "twins").mkdir()
    dbmod.open_database(tmp_path / "demo.sqlite3")
    try:
        make_demo(*township, units_below=3, today=TODAY, photos=0)
        twins = [
            build_form(name, tmp_path / "twins" / f"{name}.xlsx", FormOptions(township[0], today=TODAY)).path
            for name, spec in FORMS.items()
            if "xlsx" in spec.formats
        ]
    finally:
        dbmod.close_database()
    assert len(twins) >= 8
    profile = tmp_path / "profile"
    for pdf in convert(twins, "pdf", tmp_path / "pdf", profile):
        assert pdf.read_bytes().startswith(b"%PDF"), pdf.name
    for twin, ods in zip(twins, convert(twins, "ods", tmp_path / "ods", profile), strict=True):
        ours = openpyxl.load_workbook(twin)
        theirs = read_sheets(ods)
        assert [s.title for s in ours.worksheets] == list(theirs), twin.name
        for sheet in ours.worksheets:
            cells = {
                (c.row, c.column): same(c.value) for row in sheet.iter_rows() for c in row if c.value not in (None, "")
            }
            assert theirs[sheet.title] == cells, (twin.name, sheet.title)


def same(value):
    """A cell's value as compared: LibreOffice keeps 15 significant digits of a number."""
    return float(f"{value:.12g}") if isinstance(value, float) else value


def read_sheets(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    """{sheet: {(row, column): value}} of the non-empty cells, as the program's reader gives them."""
    from models.spreadsheets import iter_sheets

    sheets = {}
    for name, rows in iter_sheets(path):
        sheets[name] = {
            (number, column): same(value)
            for number, values in rows
            for column, value in enumerate(values, start=1)
            if value not in (None, "")
        }
    return sheets


def test_read_table_is_what_the_lists_use(lists):
    # The converted lists go through the one reader: a table is found in each.
    from models.roster_import import is_roster_header

    for fmt in (".xls", ".ods"):
        assert read_table(lists["roster_clean"][fmt], is_roster_header) is not None
