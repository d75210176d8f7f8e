"""The command line on a database whose ID numbers are encrypted: the password from the terminal or from
FULIAN_LEDGER_PASSWORD, and a clear message (exit 1, no traceback) when it is missing or wrong."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models import db as dbmod
from models import password as pw
from models.i18n import _
from models.people import id_number_check_digit
from tests import engine_reads, engines

ROOT = Path(__file__).resolve().parent.parent
CODE, NAME = "430121100201", "石门村"
SECRET = "geheim-123"
VARIABLE = "FULIAN_LEDGER_PASSWORD"


def run(*args, password: str | None = None):
    env = {k: v for k, v in os.environ.items() if k != VARIABLE}
    if password is not None:
        env[VARIABLE] = password
    argv = [sys.executable, str(ROOT / "main.py"), *map(str, args)]
    done = subprocess.run(
        argv, capture_output=True, text=True, timeout=180, cwd=ROOT, env=env, stdin=subprocess.DEVNULL
    )
    return done.returncode, done.stdout, done.stderr


def stored_numbers(db: Path | str) -> list[str]:
    return [r[0] for r in engine_reads.rows(db, "SELECT id_number FROM person WHERE id_number IS NOT NULL")]


@pytest.fixture(scope="module")
def protected(tmp_path_factory) -> Path | str:
    """A demo village whose start-up password is set (its ID numbers encrypted); on the server engine a
    database on the server (an office that protects its server database the same way)."""
    db = engines.new_location(tmp_path_factory.mktemp("protected"), "village.sqlite3")
    code, _out, err = run("demo", "--db", db, "--code", CODE, "--name", NAME, "--seed", "3")
    assert code == 0, err
    dbmod.open_database(db)
    try:
        pw.set_password(SECRET, SECRET)
    finally:
        dbmod.close_database()
    assert stored_numbers(db) and all(n.startswith("enc1:") for n in stored_numbers(db))
    return db


def test_work_with_id_numbers_needs_the_password_and_says_how_to_give_it(protected, tmp_path):
    for args in (
        ("check", "--db", protected),
        ("export", "--db", protected, "--out", tmp_path / "x.fulian"),
        ("report", "roster", "--db", protected, "--out", tmp_path / "x.pdf"),
    ):
        code, out, err = run(*args)
        assert code == 1, out + err
        assert VARIABLE in err and "Traceback" not in err
        assert err.strip() == _(
            "This database is protected by a start-up password. Run the command in a terminal to type it, "
            "or give it to a script in the environment variable {variable}; nothing was done."
        ).format(variable=VARIABLE)
    assert not (tmp_path / "x.fulian").exists() and not (tmp_path / "x.pdf").exists()


def test_a_wrong_password_in_the_environment_stops_the_command(protected):
    code, out, err = run("check", "--db", protected, password="falsch-pw")
    assert code == 1 and "Traceback" not in err
    assert err.strip() == _("The password in {variable} is not right; nothing was done.").format(variable=VARIABLE)


def test_the_right_password_in_the_environment_opens_the_id_numbers(protected, tmp_path):
    code, out, err = run("check", "--db", protected, password=SECRET)
    assert code == 0, out + err
    assert _("No problems found.") in out
    package = tmp_path / "v.fulian"
    code, out, err = run("export", "--db", protected, "--out", package, password=SECRET)
    assert code == 0 and package.exists(), err
    pdf = tmp_path / "roster.pdf"
    code, out, err = run("report", "roster", "--db", protected, "--out", pdf, "--full-id-numbers", password=SECRET)
    assert code == 0 and pdf.exists(), err


def test_an_import_into_a_protected_database_encrypts_and_checks_the_new_numbers(protected, tmp_path):
    number = "43012119900101002"
    number += id_number_check_digit(number)
    roster = tmp_path / "名册.csv"
    with open(roster, "w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f)
        out.writerow(["序号", "姓名", "性别", "出生年月", "身份证号码"])
        out.writerow([1, "新来的人", "女", "1990.01", number])
    code, out, err = run("import", "--db", protected, roster, password=SECRET)
    assert code == 0, out + err
    if isinstance(protected, Path):  # nowhere in the file either
        assert number.encode() not in protected.read_bytes()
    assert all(n.startswith("enc1:") for n in stored_numbers(protected))
    code, out, err = run("import", "--db", protected, roster, password=SECRET)  # the same number again
    assert code == 1 and "新来的人" in out + err


def test_commands_that_need_no_id_numbers_run_without_the_password(protected, tmp_path):
    code, out, err = run("imports", "--db", protected)
    assert code == 0, err
    if isinstance(protected, str):
        return  # a server database's backup (pg_dump) is tested with the backups
    backup = tmp_path / "copy.sqlite3"
    code, out, err = run("backup", "--db", protected, "--out", backup)
    assert code == 0 and backup.exists(), err
    assert all(n.startswith("enc1:") for n in stored_numbers(backup))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a pseudo-terminal needs POSIX")
def test_in_a_terminal_the_password_is_asked_and_a_wrong_one_may_be_typed_again(protected):
    import pty
    import select
    import time

    prompt = _("Start-up password: ").strip().encode()
    env = {k: v for k, v in os.environ.items() if k != VARIABLE}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, in the terminal
        try:
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, "main.py", "check", "--db", str(protected)], env)
        finally:
            os._exit(127)
    seen = b""

    def read_until(token: bytes, count: int) -> None:
        nonlocal seen
        deadline = time.monotonic() + 60
        while seen.count(token) < count and time.monotonic() < deadline:
            ready, _w, _x = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(fd, 4096)
                except OSError:
                    return

    try:
        read_until(prompt, 1)
        os.write(fd, b"falsch-pw\n")
        read_until(prompt, 2)
        os.write(fd, SECRET.encode() + b"\n")
        read_until(b"\n" + _("No problems found.").encode(), 1)
    finally:
        _pid, status = os.waitpid(pid, 0)
        os.close(fd)
    text = seen.decode("utf-8", "replace")
    assert text.count(_("Start-up password: ").strip()) == 2 and _("The password is not right.") in text
    assert SECRET not in text and "falsch-pw" not in text  # not echoed
    assert _("No problems found.") in text and os.waitstatus_to_exitcode(status) == 0
