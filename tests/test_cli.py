"""The command line as scripts use it: real processes, real files, exit codes 0/1/2.

With ``--engine=postgresql`` the databases the commands open (``--db``) are on the test server, except
where a test is about a file; the commands run in a process of their own with the same PGPASSWORD.
"""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.version import APP_VERSION
from tests import engine_reads, engines

ROOT = Path(__file__).resolve().parent.parent
CODE, NAME = "430121100201", "石门村"


def run(*args, lang=None):
    argv = [sys.executable, str(ROOT / "main.py"), *map(str, args)]
    if lang:
        argv += ["--lang", lang]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=ROOT)
    return done.returncode, done.stdout, done.stderr


def people_count(db):
    return engine_reads.rows(db, "SELECT count(*) FROM person WHERE NOT deleted")[0][0]


@pytest.fixture
def village_db(db_path):
    db = db_path
    code, _out, err = run("init", "--db", db, "--code", CODE, "--name", NAME)
    assert code == 0, err
    return db


def test_help_and_version():
    code, out, _err = run("--help")
    assert code == 0
    for command in ("init", "demo", "check", "backup", "restore", "export", "import", "report"):
        assert command in out
    assert "用法" in out
    code, out, _err = run("--version")
    assert code == 0 and APP_VERSION in out


def test_wrong_arguments_exit_2():
    assert run("frobnicate")[0] == 2
    assert run("init", "--code", CODE)[0] == 2  # --name missing
    assert run("report", "nosuchform", "--out", "x.pdf")[0] == 2
    assert run("demo", "--code", CODE, "--name", NAME, "--units", "many")[0] == 2


def test_init_sets_the_unit_and_refuses_a_bad_code_or_a_second_unit(tmp_path, village_db):
    code, out, _err = run("init", "--db", village_db, "--code", CODE, "--name", NAME)
    assert code == 0 and NAME in out and "村" in out
    code, _out, err = run("init", "--db", tmp_path / "other.sqlite3", "--code", "43012", "--name", NAME)
    assert code == 1 and "12" in err
    code, _out, err = run("init", "--db", village_db, "--code", "430121100202", "--name", "桃花村")
    assert code == 1 and NAME in err


def test_messages_follow_the_chosen_language(tmp_path):
    code, _out, err = run("init", "--db", tmp_path / "x.sqlite3", "--code", "43012", "--name", NAME, lang="en")
    assert code == 1 and "12 digits" in err


def test_demo_then_check_is_clean(tmp_path):
    db = engines.new_location(tmp_path, "demo.sqlite3")
    code, out, err = run("demo", "--db", db, "--code", CODE, "--name", NAME, "--seed", "7")
    assert code == 0, err
    assert people_count(db) >= 15
    code, out, err = run("check", "--db", db)
    assert code == 0, out + err


def test_demo_for_a_county_makes_units_below(tmp_path):
    db = engines.new_location(tmp_path, "county.sqlite3")
    code, _out, err = run("demo", "--db", db, "--code", "430121000000", "--name", "长沙县", "--units", "5")
    assert code == 0, err
    villages = engine_reads.rows(db, "SELECT count(*) FROM unit WHERE level = 'village'")[0][0]
    owners = engine_reads.rows(db, "SELECT count(DISTINCT unit) FROM person")[0][0]
    assert villages == 5 and owners == 6


def test_check_reports_a_broken_record_and_exits_1(village_db):
    engine_reads.execute(
        village_db,
        "INSERT INTO person (uuid, unit, created_at, updated_at, deleted, name, phone, birth) "
        "VALUES ('x', ?, '2026-01-01', '2026-01-01', FALSE, '王芳', '12345', '2090-01')",
        (CODE,),
    )
    code, out, _err = run("check", "--db", village_db)
    assert code == 1 and "王芳" in out


def test_check_refuses_a_newer_database_without_touching_it(village_db):
    engine_reads.execute(village_db, "UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    before = _everything(village_db)
    code, _out, err = run("check", "--db", village_db)
    assert code == 1 and "999" in err
    assert _everything(village_db) == before


def _everything(db):
    """What is in the database: a file's bytes; on the server every row of the tables a first open writes."""
    if isinstance(db, Path):
        return db.read_bytes()
    return [engine_reads.rows(db, f"SELECT * FROM {table} ORDER BY 1") for table in ("meta", "unit", "access_log")]


def test_check_on_a_missing_database_fails(tmp_path):
    code, _out, err = run("check", "--db", tmp_path / "none.sqlite3")
    assert code == 1 and "none.sqlite3" in err


@pytest.mark.sqlite_only  # a backup file of a database file (the server's: pg_dump, tested with backups)
def test_backup_and_restore(tmp_path, village_db, samples):
    assert run("import", "--db", village_db, samples / "roster_clean.xlsx")[0] == 0
    count = people_count(village_db)
    backup = tmp_path / "backup.sqlite3"
    code, _out, err = run("backup", "--db", village_db, "--out", backup)
    assert code == 0, err
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with sqlite3.connect(village_db) as conn:
        conn.execute("UPDATE person SET deleted = 1")
    conn.close()  # a restore is refused while another program has the database open
    assert people_count(village_db) == 0
    code, out, err = run("restore", "--db", village_db, "--from", backup)
    assert code == 0, err
    assert people_count(village_db) == count
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a backup")
    assert run("restore", "--db", village_db, "--from", bogus)[0] == 1
    assert people_count(village_db) == count


def test_a_messy_roster_is_refused_with_every_problem_and_nothing_written(village_db, samples):
    code, _out, err = run("import", "--db", village_db, samples / "roster_messy.xlsx")
    assert code == 1
    assert people_count(village_db) == 0
    problem_lines = [line for line in err.splitlines() if "行" in line and "列" in line]
    assert len(problem_lines) >= 5
    assert any("身份证" in line for line in problem_lines)


def test_skip_bad_rows_imports_the_good_rows(village_db, samples):
    code, out, err = run("import", "--db", village_db, "--skip-bad-rows", samples / "roster_messy.xlsx")
    assert code == 0, err
    names = {row[0] for row in engine_reads.rows(village_db, "SELECT name FROM person")}
    assert names == {"李秀英", "刘䶮", "欧阳玉兰", "陈桂花"}
    assert "5" in err  # the five bad rows are reported as skipped


def test_dry_run_writes_nothing(village_db, samples):
    code, out, _err = run("import", "--db", village_db, "--dry-run", samples / "roster_clean.xlsx")
    assert code == 0 and people_count(village_db) == 0


def test_a_county_imports_its_unit_list(tmp_path, samples):
    db = engines.new_location(tmp_path, "county.sqlite3")
    assert run("init", "--db", db, "--code", "430121000000", "--name", "长沙县妇联")[0] == 0
    code, _out, err = run("import", "--db", db, samples / "units_under_county.csv")
    assert code == 0, err
    assert engine_reads.rows(db, "SELECT count(*) FROM unit")[0][0] > 1


def test_import_of_something_that_is_not_importable_fails(tmp_path, village_db):
    junk = tmp_path / "notes.csv"
    junk.write_text("hello,world\n1,2\n")
    assert run("import", "--db", village_db, junk)[0] == 1
    assert run("import", "--db", village_db, tmp_path / "missing.xlsx")[0] == 1


def test_report_roster_pdf_and_xlsx(tmp_path, village_db, samples):
    run("import", "--db", village_db, samples / "roster_clean.xlsx")
    pdf = tmp_path / "roster.pdf"
    code, out, err = run("report", "roster", "--db", village_db, "--out", pdf)
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF")
    xlsx = tmp_path / "roster.xlsx"
    assert run("report", "roster", "--db", village_db, "--out", xlsx)[0] == 0
    assert xlsx.stat().st_size > 0
    code, _out, err = run("report", "roster", "--db", village_db, "--out", tmp_path / "roster.txt")
    assert code == 1 and ".txt" in err


def test_report_prints_the_form_of_a_unit_below_for_the_clerk(tmp_path):
    import pypdf

    county = engines.new_location(tmp_path, "county.sqlite3")
    demo = ("demo", "--db", county, "--code", "430121000000", "--name", "长沙县", "--units", "3", "--years", "1")
    assert run(*demo)[0] == 0
    ((code, name),) = engine_reads.rows(
        county, "SELECT code, name FROM unit WHERE level = 'village' AND code IN (SELECT unit FROM activity) LIMIT 1"
    )
    titles = {
        row[0]
        for row in engine_reads.rows(county, "SELECT title FROM activity WHERE unit = ? AND NOT deleted", (code,))
    }
    assert titles
    pdf = tmp_path / "ledger.pdf"
    exit_code, out, err = run("report", "ledger", "--db", county, "--unit", code, "--out", pdf)
    assert exit_code == 0, err
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert name in text and any(title[:8] in text for title in titles)

    # The forms about the packages received here stay with the county's own records.
    exit_code, _out, err = run("report", "summary", "--db", county, "--unit", code, "--out", pdf, lang="en")
    assert exit_code == 1 and "only for this unit's own records" in err and "Traceback" not in err

    for wrong, words in (
        ("430121101299", "package"),  # below the county, never imported
        ("430122101203", "not this unit"),  # another county's village
        ("43012110120X", "43012110120X"),  # not a code
    ):
        exit_code, _out, err = run("report", "ledger", "--db", county, "--unit", wrong, "--out", pdf, lang="en")
        assert exit_code == 1 and wrong in err and words in err and "Traceback" not in err


def test_a_village_is_told_that_the_gathering_forms_are_not_its_own(tmp_path, village_db):
    for form in ("summary", "progress", "receipt"):
        code, _out, err = run("report", form, "--db", village_db, "--out", tmp_path / f"{form}.pdf", lang="en")
        assert code == 1 and "a village does not make it" in err and "Traceback" not in err
        assert not (tmp_path / f"{form}.pdf").exists()


def test_report_help_lists_the_forms():
    code, out, _err = run("report", "--help")
    assert code == 0 and "roster" in out and "执委会成员名册" in out


def test_export_and_import_packages(tmp_path):
    village, county = tmp_path / "village.sqlite3", engines.new_location(tmp_path, "county.sqlite3")
    assert run("demo", "--db", village, "--code", CODE, "--name", NAME)[0] == 0
    assert run("init", "--db", county, "--code", "430121000000", "--name", "长沙县")[0] == 0
    code, _out, err = run("export", "--db", village, "--out", tmp_path / "x.fulian", "--from", "2024-13-01")
    assert code == 1 and "2024-13-01" in err and not (tmp_path / "x.fulian").exists()
    code, out, err = run("export", "--db", village, "--out", tmp_path / "x.fulian")
    assert code == 0 and "x.fulian" in out, err
    code, out, err = run("import", "--db", county, "--dry-run", tmp_path / "x.fulian", lang="en")
    assert code == 0 and "dry run" in out and NAME in out and people_count(county) == 0, err
    code, out, err = run("import", "--db", county, tmp_path / "x.fulian", lang="en")
    assert code == 0 and "number 1" in out and people_count(county) > 0, err
    code, out, err = run("import", "--db", county, tmp_path / "x.fulian", lang="en")
    assert code == 0 and "already imported" in out
    (tmp_path / "bad.fulian").write_text("not a zip")
    code, _out, err = run("import", "--db", county, tmp_path / "bad.fulian")
    assert code == 1 and "bad.fulian" in err


def test_self_test_passes():
    code, out, err = run("--self-test", lang="en")
    assert code == 0, out + err
    # fonts, translations, names, the PostgreSQL driver, database, PDF, the QR code reader,
    # and Qt and the print preview (main.py)
    assert out.count("ok: ") == 9, out
    assert "the window system started (offscreen)" in out
    assert "ok: QR codes of printed sheets are read back" in out
    assert "ok: PostgreSQL driver loaded (libpq 1" in out  # libpq's version, e.g. 15.15 or 18.0


def test_export_prints_a_cover_sheet_matching_the_package(tmp_path):
    import hashlib

    import pdfplumber

    db = tmp_path / "demo.sqlite3"
    assert run("demo", "--db", db, "--code", CODE, "--name", NAME)[0] == 0
    package, cover = tmp_path / "out.fulian", tmp_path / "cover.pdf"
    code, out, err = run("export", "--db", db, "--out", package, "--cover", cover)
    assert code == 0, err
    with pdfplumber.open(cover) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    assert hashlib.sha256(package.read_bytes()).hexdigest() in text
    assert NAME in text and "封面" in text


def test_import_folder_orders_the_packages_of_one_village(tmp_path, village_db, samples):
    """Package #2 listed before #1 (by file name): #1 is imported first, then #2, and #2's data stands."""
    folder = tmp_path / "usb"
    assert run("export", "--db", village_db, "--out", folder / "b_first.fulian")[0] == 0
    assert run("import", "--db", village_db, samples / "roster_clean.xlsx")[0] == 0
    assert run("export", "--db", village_db, "--out", folder / "a_second.fulian")[0] == 0
    county = engines.new_location(tmp_path, "county.sqlite3")
    assert run("init", "--db", county, "--code", "430121000000", "--name", "长沙县")[0] == 0

    code, out, err = run("import", "--db", county, folder, lang="en")

    assert code == 0, err
    assert out.index("b_first.fulian") < out.index("a_second.fulian")
    sequences = [
        row[0] for row in engine_reads.rows(county, "SELECT sequence FROM import_log ORDER BY imported_at, sequence")
    ]
    assert sequences == [1, 2]
    assert people_count(county) == people_count(village_db) > 0


# --- storage faults -----------------------------------------------------------------
# A full disk is a real file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so
# writes fail with EFBIG) set in the child process before the command runs.
# A read-only folder is a real chmod; an administrator first gives up the
# capability to write where permissions forbid it, so the folder binds root too.

_LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.path.insert(0, {root!r})
import cli
sys.exit(cli.main(sys.argv[2:]))
"""

_AS_A_USER = """
import ctypes, os, sys
if os.geteuid() == 0:
    libc = ctypes.CDLL(None, use_errno=True)
    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]
    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]
    header, data = Header(0x20080522, 0), (Data * 2)()
    assert libc.capget(ctypes.byref(header), data) == 0
    data[0].effective &= ~((1 << 1) | (1 << 2) | (1 << 3)) & 0xFFFFFFFF  # DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER
    assert libc.capset(ctypes.byref(header), data) == 0
sys.path.insert(0, {root!r})
import cli
sys.exit(cli.main(sys.argv[1:]))
"""


def run_script(script, *args):
    argv = [sys.executable, "-c", script.format(root=str(ROOT)), *map(str, args)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=180, cwd=ROOT)
    return done.returncode, done.stdout, done.stderr


def _no_traceback(err):
    assert "Traceback" not in err, err


@pytest.mark.skipif(sys.platform == "win32", reason="file-size limits are a POSIX matter")
@pytest.mark.sqlite_only  # a database file on a full disk (a server's disk is its administrator's)
def test_a_full_disk_is_named_and_nothing_is_half_written(tmp_path, village_db, samples):
    limit = village_db.stat().st_size + 40_000
    fresh = tmp_path / "fresh.sqlite3"
    assert run("init", "--db", fresh, "--code", CODE, "--name", NAME)[0] == 0
    code, _out, err = run_script(_LIMITED, limit, "--lang", "en", "demo", "--db", fresh, "--code", CODE, "--name", NAME)
    _no_traceback(err)
    assert code == 1 and "disk is full" in err and "cannot rollback" not in err
    assert people_count(fresh) == 0
    code, _out, err = run_script(
        _LIMITED, 10_000, "--lang", "en", "import", "--db", village_db, samples / "roster_clean.xlsx"
    )
    _no_traceback(err)
    assert code == 1 and "disk is full" in err and people_count(village_db) == 0
    out = tmp_path / "copy.sqlite3"
    # Room for the database's -shm (32 KB), not for the copy.
    code, _out, err = run_script(_LIMITED, 100_000, "--lang", "en", "backup", "--db", village_db, "--out", out)
    _no_traceback(err)
    assert code == 1 and "disk is full" in err and "copy.sqlite3" in err
    assert not out.exists() and not list(tmp_path.glob("*.partial*"))
    assert run("check", "--db", village_db)[0] == 0


@pytest.mark.skipif(sys.platform == "win32", reason="folder modes are a POSIX matter")
def test_a_read_only_folder_reads_and_refuses_writes_with_the_reason(tmp_path, samples):
    folder = tmp_path / "cd"
    folder.mkdir()
    db = folder / "village.sqlite3"
    assert run("init", "--db", db, "--code", CODE, "--name", NAME)[0] == 0
    assert run("import", "--db", db, samples / "roster_clean.xlsx")[0] == 0
    folder.chmod(0o555)
    db.chmod(0o444)
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    try:
        code, out, err = run_script(_AS_A_USER, "--lang", "en", "check", "--db", db)
        _no_traceback(err)
        assert code == 0 and "No problems" in out, err
        code, out, err = run_script(
            _AS_A_USER, "--lang", "en", "report", "roster", "--db", db, "--out", elsewhere / "r.pdf"
        )
        assert code == 0 and (elsewhere / "r.pdf").read_bytes().startswith(b"%PDF"), err
        code, out, err = run_script(_AS_A_USER, "--lang", "en", "backup", "--db", db, "--out", elsewhere / "b.sqlite3")
        assert code == 0 and (elsewhere / "b.sqlite3").exists(), err
        code, out, err = run_script(_AS_A_USER, "--lang", "en", "import", "--db", db, samples / "roster_clean.xlsx")
        _no_traceback(err)
        assert code == 1 and "read-only" in err and "not a Fulian Ledger database" not in err
    finally:
        folder.chmod(0o755)


@pytest.mark.sqlite_only  # a SQLite file's write lock held by another program
def test_a_locked_database_says_another_program_uses_it(tmp_path, village_db, samples):
    holder = sqlite3.connect(village_db)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _out, err = run("import", "--db", village_db, samples / "roster_clean.xlsx", lang="en")
    finally:
        holder.rollback()
        holder.close()
    _no_traceback(err)
    assert code == 1 and "another program or another copy of Fulian Ledger" in err
    assert people_count(village_db) == 0


@pytest.mark.sqlite_only  # waits on a SQLite file's write lock and its before-import backup files
def test_two_imports_of_one_package_at_once_end_in_already_imported(tmp_path, village_db):
    package = tmp_path / "x.fulian"
    assert run("export", "--db", village_db, "--out", package)[0] == 0
    county = tmp_path / "county.sqlite3"
    assert run("init", "--db", county, "--code", "430121000000", "--name", "长沙县")[0] == 0
    holder = sqlite3.connect(county)
    holder.execute("BEGIN IMMEDIATE")  # both imports verify and plan, then wait for the write lock
    argv = [sys.executable, str(ROOT / "main.py"), "--lang", "en", "import", "--db", str(county), str(package)]
    both = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in "ab"]
    import time

    # Released once both wait for the lock, or well within the first one's busy timeout on a slow machine.
    deadline, first_waiting = time.monotonic() + 60, None
    backups = county.parent / "backups"
    while time.monotonic() < deadline:
        waiting = len(list(backups.glob("*-before-import-*.sqlite3")))
        if waiting and first_waiting is None:
            first_waiting = time.monotonic()
        if waiting >= 2 or (first_waiting is not None and time.monotonic() - first_waiting > 5):
            break
        time.sleep(0.1)
    holder.rollback()
    holder.close()
    results = [(p.wait(timeout=120), *p.communicate()) for p in both]
    for _code, _out, err in results:
        _no_traceback(err)
    with sqlite3.connect(county) as conn:
        assert conn.execute("SELECT count(*) FROM import_log").fetchone()[0] == 1
    applied = [out for code, out, _e in results if code == 0 and "already imported" not in out]
    assert len(applied) == 1
    # The other one either saw the finished import or, on a slow machine, gave up waiting for the lock in words.
    other = next(result for result in results if result[1] is not applied[0])
    assert (other[0] == 0 and "already imported" in other[1]) or (other[0] == 1 and "in use by another" in other[2])


def test_an_impossible_year_and_a_huge_csv_cell_are_refused_in_words(tmp_path, village_db):
    code, _out, err = run(
        "report", "ledger", "--db", village_db, "--out", tmp_path / "l.pdf", "--year", 99999, lang="en"
    )
    _no_traceback(err)
    assert code == 1 and "99999" in err and "2100" in err
    roster = tmp_path / "名册.csv"
    roster.write_text("姓名,性别,出生年月,职务\n张三,女,1980.01," + "执" * (1 << 20) + "\n", encoding="utf-8")
    code, _out, err = run("import", "--db", village_db, roster, lang="en")
    _no_traceback(err)
    assert code == 1 and "row 2, column D" in err and "32,767" in err
    assert people_count(village_db) == 0


FINGERPRINT = r"[0-9A-F]{4}(?: [0-9A-F]{4}){4}"


def test_a_package_from_a_units_new_computer_needs_its_fingerprint(tmp_path, samples):
    import re

    village, county = tmp_path / "village.sqlite3", engines.new_location(tmp_path, "county.sqlite3")
    assert run("demo", "--db", village, "--code", CODE, "--name", NAME)[0] == 0
    assert run("init", "--db", county, "--code", "430121000000", "--name", "长沙县")[0] == 0
    assert run("export", "--db", village, "--out", tmp_path / "old-pc.fulian")[0] == 0
    code, out, err = run("import", "--db", county, tmp_path / "old-pc.fulian", lang="en")
    assert code == 0 and "trusted from now on" in out, err
    before = people_count(county)
    # The village's PC was reinstalled: a new database, its roster typed in again.
    new_pc = tmp_path / "new-pc.sqlite3"
    code, out, _err = run("init", "--db", new_pc, "--code", CODE, "--name", NAME, lang="en")
    fingerprint = re.search(FINGERPRINT, out).group(0)
    assert run("import", "--db", new_pc, samples / "roster_clean.xlsx")[0] == 0
    assert run("export", "--db", new_pc, "--out", tmp_path / "new-pc.fulian")[0] == 0

    code, out, err = run("import", "--db", county, tmp_path / "new-pc.fulian", lang="en")
    assert code == 1 and people_count(county) == before
    assert "new-pc.fulian" in err and NAME in err and CODE in err and fingerprint in err
    assert f'--trust-new-installation "{fingerprint}"' in err
    code, out, err = run("import", "--db", county, "--dry-run", tmp_path / "new-pc.fulian", lang="en")
    assert code == 1 and "would be added" in out and fingerprint in err and people_count(county) == before
    code, out, err = run(
        "import", "--db", county, "--trust-new-installation", "0000 0000 0000 0000 0000", tmp_path / "new-pc.fulian"
    )
    assert code == 1 and people_count(county) == before

    # It replaces everything the old computer sent: a large removal, confirmed as well.
    argv = ("import", "--db", county, "--trust-new-installation", fingerprint, tmp_path / "new-pc.fulian")
    code, out, err = run(*argv, lang="en")
    assert code == 1 and "--allow-large-removal" in err and people_count(county) == before
    code, out, err = run(*argv, "--allow-large-removal", lang="en")
    assert code == 0 and "as confirmed" in out, err
    assert people_count(county) == people_count(new_pc)


def test_an_unsigned_package_is_accepted_only_with_its_file_hash(tmp_path):
    import hashlib
    import json
    import zipfile

    village, county = tmp_path / "village.sqlite3", engines.new_location(tmp_path, "county.sqlite3")
    assert run("demo", "--db", village, "--code", CODE, "--name", NAME)[0] == 0
    assert run("init", "--db", county, "--code", "430121000000", "--name", "长沙县")[0] == 0
    signed, unsigned = tmp_path / "signed.fulian", tmp_path / "unsigned.fulian"
    assert run("export", "--db", village, "--out", signed)[0] == 0
    # As an older version wrote it: format 1, no key, no signature.
    with zipfile.ZipFile(signed) as source, zipfile.ZipFile(unsigned, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "manifest.sig":
                continue
            if name == "manifest.json":
                manifest = json.loads(data)
                manifest["format_version"] = 1
                del manifest["installation_key"]
                data = json.dumps(manifest).encode()
            target.writestr(name, data)
    digest = hashlib.sha256(unsigned.read_bytes()).hexdigest()
    code, _out, err = run("import", "--db", county, unsigned, lang="en")
    assert code == 1 and "not signed" in err and f"--accept-unsigned {digest}" in err and people_count(county) == 0
    code, out, err = run("import", "--db", county, "--accept-unsigned", digest, unsigned, lang="en")
    assert code == 0 and people_count(county) > 0, err


def test_export_masks_phone_numbers_unless_told_full_phones(tmp_path):
    import json
    import zipfile

    db = tmp_path / "demo.sqlite3"
    assert run("demo", "--db", db, "--code", CODE, "--name", NAME)[0] == 0
    phones = {row[0] for row in engine_reads.rows(db, "SELECT phone FROM person WHERE phone != ''")}
    assert phones

    def sent(package):
        with zipfile.ZipFile(package) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            people = [json.loads(line) for line in archive.read("data/person.jsonl").decode().splitlines()]
        return manifest["privacy"]["phones"], {p["phone"] for p in people if p["phone"]}

    code, _out, err = run("export", "--db", db, "--out", tmp_path / "masked.fulian")
    assert code == 0, err
    choice, travelled = sent(tmp_path / "masked.fulian")
    assert choice == "masked" and not travelled & phones and all("****" in p for p in travelled)
    code, out, err = run("export", "--db", db, "--out", tmp_path / "full.fulian", "--full-phones", lang="en")
    assert code == 0 and "in full" in out, err
    assert sent(tmp_path / "full.fulian") == ("full", phones)


@pytest.mark.server_only
def test_init_and_check_reach_a_database_on_the_server():
    import psycopg

    from tests import engines

    url = engines.new_server_database(migrated=False)
    code, out, err = run("init", "--db", url, "--code", CODE, "--name", NAME, lang="en")
    assert code == 0, out + err
    code, out, err = run("check", "--db", url, lang="en")
    assert (code, out.strip()) == (0, "No problems found."), out + err
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT name FROM unit WHERE code = %s", (CODE,)).fetchall() == [(NAME,)]
        conn.execute(
            "INSERT INTO person (uuid, unit, created_at, updated_at, deleted, name, phone, birth) "
            "VALUES ('x', %s, '2026-01-01', '2026-01-01', false, '王芳', '12345', '2090-01')",
            (CODE,),
        )
    code, out, _err = run("check", "--db", url, lang="en")
    assert code == 1 and "王芳" in out
    # The URL was not taken for a file path (postgresql:/ledger@host...) in the working folder.
    assert not (ROOT / "postgresql:").exists()


def test_output_cut_short_by_its_reader_ends_quietly(village_db, tmp_path):
    # `main.py scan … | head -1`: the reader closes the pipe before the program has printed its lines.
    not_a_scan = tmp_path / "notes.txt"
    not_a_scan.write_text("not a picture")
    argv = [sys.executable, str(ROOT / "main.py"), "--lang", "en", "scan", "--db", str(village_db), "--dry-run"]
    process = subprocess.Popen([*argv, str(not_a_scan)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert errors == ""
