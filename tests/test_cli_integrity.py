"""Integrity on open, from the command line: real processes on real files that were damaged or mixed up."""

from __future__ import annotations

import pytest

from models import db as dbmod
from models.i18n import _
from tests.models.integrity_helpers import (
    cut_short,
    foreign_wal_from_another_copy,
    make_village,
    names_in,
    overwrite_pages,
    wal_left_by_a_killed_program,
    wal_of,
)
from tests.test_cli import run


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err, err


def _damaged_words(path) -> str:
    return _(
        "The database file {path} is damaged: the check made when it was opened found problems. "
        "It is open for reading only, and nothing will be written to it."
    ).format(path=path)


@pytest.fixture
def damaged(tmp_path):
    """A village database with a good daily backup, then three pages overwritten by garbage."""
    db = tmp_path / "village.sqlite3"
    make_village(db, [f"王芳{i}" for i in range(30)])
    dbmod.open_database(db)
    good = dbmod.automatic_backup("daily")
    dbmod.close_database()
    overwrite_pages(db)
    return db, good


def test_a_wal_from_another_copy_is_set_aside_and_check_finds_the_database_whole(tmp_path):
    a, a_names = foreign_wal_from_another_copy(tmp_path)

    code, out, err = run("check", "--db", a)

    _no_traceback(err)
    assert code == 0, err
    assert _("No problems found.") in out
    set_aside = _(
        "A -wal file beside the database {path} did not belong to it (it was probably copied in from another "
        "copy of the database) and would have damaged it. It was not applied: it was set aside and is kept in "
        "{folder}. Nothing else was changed; the database is as it was last saved here."
    )
    assert set_aside.split("{folder}")[0].format(path=a) in err
    assert names_in(a) == a_names
    (folder,) = dbmod.set_aside_dir(a).iterdir()
    assert (folder / wal_of(a).name).exists()


def test_the_wal_of_a_killed_program_is_kept_and_its_saves_are_there(tmp_path):
    db = tmp_path / "village.sqlite3"
    make_village(db, ["王芳"])
    wal_left_by_a_killed_program(db, ["李娟", "张敏"])

    code, out, err = run("check", "--db", db)

    assert code == 0, err + out
    assert err == "" and not dbmod.set_aside_dir(db).exists()
    assert names_in(db) == {"王芳", "李娟", "张敏"}


def test_check_reports_overwritten_pages_in_a_few_words_and_exits_1(damaged):
    db, good = damaged
    code, _out, err = run("check", "--db", db)
    _no_traceback(err)
    assert code == 1
    assert _damaged_words(db) in err and str(good) in err
    assert len(err.splitlines()) < 10  # not SQLite's hundred lines


def test_nothing_is_written_into_a_damaged_database(damaged, samples):
    db, _good = damaged
    before = db.read_bytes()
    for argv in (
        ("import", "--db", db, samples / "roster_clean.xlsx"),
        ("init", "--db", db, "--code", "430121100201", "--name", "石门村"),
        ("export", "--db", db, "--out", db.parent / "out.fulian"),
        ("demo", "--db", db, "--code", "430121100201", "--name", "石门村"),
        ("rollback", "--db", db, "--import", "1"),
        ("report", "roster", "--db", db, "--out", db.parent / "roster.pdf"),
    ):
        code, _out, err = run(*argv)
        _no_traceback(err)
        assert code == 1 and _damaged_words(db) in err, argv
    assert db.read_bytes() == before
    assert not wal_of(db).exists() or wal_of(db).stat().st_size == 0
    assert not (db.parent / "out.fulian").exists() and not (db.parent / "roster.pdf").exists()


def test_a_damaged_database_is_not_backed_up_but_restored(damaged, tmp_path):
    db, good = damaged
    code, _out, err = run("backup", "--db", db, "--out", tmp_path / "copy.sqlite3")
    _no_traceback(err)
    assert code == 1 and _("A damaged database is not backed up: a copy of it would be damaged too.") in err
    assert not (tmp_path / "copy.sqlite3").exists()

    code, out, err = run("restore", "--db", db, "--from", good)
    assert code == 0, err
    code, out, err = run("check", "--db", db)
    assert code == 0, err + out
    assert len(names_in(db)) == 30


def test_check_on_a_file_cut_short_says_it_is_damaged_without_a_traceback(tmp_path):
    db = tmp_path / "village.sqlite3"
    make_village(db, [f"王芳{i}" for i in range(30)])
    cut_short(db)
    code, _out, err = run("check", "--db", db)
    _no_traceback(err)
    assert code == 1
    cannot = _("The database file {path} is damaged and cannot be opened; nothing was written to it.")
    assert cannot.format(path=db) in err


def _overwrite(db, pages, seed):
    import random

    rng = random.Random(seed)
    size = 4096
    with open(db, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(bytes(rng.randrange(256) for _ in range(size)))


@pytest.mark.parametrize(
    "pages",
    [(1,), (2,), (2, 3, 4), (3, 4, 5), (9, 10, 11), (20, 40, 60), "last three", "every tenth"],
)
def test_check_never_crashes_whatever_pages_are_garbage(tmp_path, pages, capsys):
    import cli

    db = tmp_path / "village.sqlite3"
    make_village(db, [f"王芳{i}" for i in range(60)])
    count = db.stat().st_size // 4096
    if pages == "last three":
        pages = (count - 2, count - 1, count)
    elif pages == "every tenth":
        pages = tuple(range(5, count + 1, 10))
    _overwrite(db, pages, seed=len(pages))
    before = db.read_bytes()

    code = cli.main(["check", "--db", str(db)])  # an exception here is the crash a user would see

    err = capsys.readouterr().err
    assert code == 1, err
    assert err.strip()
    assert cli.main(["import", "--db", str(db), str(tmp_path / "none.xlsx")]) == 1
    assert db.read_bytes() == before
