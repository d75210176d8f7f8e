"""Build the program a cadre installs, try it, and weigh it.

    python tools/build.py              build dist/FulianLedger/, self-test it, print its size
    python tools/build.py --zip        ... and pack it as dist/FulianLedger-<version>-<system>.zip

1. PyInstaller builds ``build.spec`` into ``dist/FulianLedger/`` (one folder).
2. The built program runs ``--self-test`` offscreen (QT_QPA_PLATFORM=offscreen)
   with its home, data and temporary folders in a fresh temporary folder, so it
   never sees this machine's own data (the self-test and the command-line runs
   below use temporary databases only).
3. The built program then does a cadre's and a township's day on the command
   line: a demonstration village, a roster import, a check, an export with its
   cover sheet, its import at the township, and every form in every format.
   With FULIAN_TEST_SERVER set (a PostgreSQL URL, e.g. from
   ``tools/test_server.sh``), it also makes and checks a new database on that
   server (init, check), which is dropped afterwards: the PostgreSQL driver
   works frozen.
4. Its window opens (offscreen) and is still open after WINDOW_SECONDS: the
   GUI's own imports and start-up work frozen too. On Windows only in CI
   (where the CI variable is set): there the window would open the user's own
   database, and a window program that fails at start shows a message box and
   waits, so the step proves less; the self-test has already started Qt.
5. The folder's size is printed, with its biggest parts.

Exit status 0 when everything passed and the folder is at most --max-mb
(150 MB, 1 MB = 10^6 bytes); 1 otherwise. Works alike on Linux and Windows.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NAME = "FulianLedger"
# The goal is also the limit: 150 MB (139.6 MB on Linux since ICU's data was cut to the program's languages).
GOAL_MB = 150
DEFAULT_MAX_MB = 150
MB = 1_000_000
VILLAGE = ("430121100201", "石门村")
TOWNSHIP = ("430121100000", "石门镇")
ROSTER_SAMPLE = ROOT / "tests" / "data" / "samples" / "roster_clean.xlsx"
WINDOW_SECONDS = 10


class Failed(Exception):
    """A step failed; the message says which."""


def say(text: str = "") -> None:
    print(text, flush=True)


def run_pyinstaller(dist: Path, work: Path) -> float:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise Failed("PyInstaller is not installed: pip install -r requirements-dev.txt") from None
    started = time.monotonic()
    # PyInstaller's own notes of an earlier build would let it skip work whose rules (tools/bundle.py) changed.
    shutil.rmtree(work / "build", ignore_errors=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")]
    say("$ " + " ".join(command))
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise Failed("PyInstaller failed")
    return time.monotonic() - started


def executable(folder: Path) -> Path:
    return folder / (NAME + ".exe" if sys.platform == "win32" else NAME)


def quiet_environment(home: Path) -> dict[str, str]:
    """Offscreen, with every per-user folder inside ``home``: the built program meets no existing data."""
    env = dict(os.environ)
    for key in ("PYTHONPATH", "PYTHONHOME", "QT_PLUGIN_PATH", "QML2_IMPORT_PATH"):
        env.pop(key, None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    folders = {
        "HOME": "home",
        "USERPROFILE": "home",
        "XDG_DATA_HOME": "data",
        "XDG_CONFIG_HOME": "config",
        "XDG_CACHE_HOME": "cache",
        "XDG_RUNTIME_DIR": "runtime",
        "APPDATA": "roaming",
        "LOCALAPPDATA": "local",
        "TMPDIR": "tmp",
        "TEMP": "tmp",
        "TMP": "tmp",
    }
    for key, sub in folders.items():
        path = home / sub
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        env[key] = str(path)
    return env


def run_built(program: Path, args: list[str], env: dict[str, str], show: bool = False) -> str:
    """Run the built program; its output (UTF-8: build.spec sets Python's UTF-8 mode) or Failed."""
    done = subprocess.run(
        [str(program), *args], env=env, capture_output=True, timeout=600, cwd=env["HOME"], check=False
    )
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    if show or done.returncode != 0:
        for line in (out + err).splitlines():
            say("    " + line)
    if done.returncode != 0:
        raise Failed(f"{program.name} {' '.join(args)}: exit status {done.returncode}")
    return out


def self_test(program: Path, env: dict[str, str]) -> None:
    say(f"$ {program.name} --self-test --lang en   (QT_QPA_PLATFORM=offscreen)")
    out = run_built(program, ["--self-test", "--lang", "en"], env, show=True)
    if not out.strip():
        # A window program on Windows may have no output to pass on; its exit status still counts.
        say("    (no output reached us; the exit status was 0)")


def cadres_day(program: Path, env: dict[str, str], folder: Path) -> int:
    """Every command-line path that reaches a lazily imported part of the program; the number of runs."""
    from forms.registry import FORMS

    village, township = folder / "village.sqlite3", folder / "township.sqlite3"
    package = folder / "village.fulian"
    runs: list[list[str]] = [
        ["demo", "--db", str(village), "--code", VILLAGE[0], "--name", VILLAGE[1]],
        ["import", "--db", str(village), "--skip-bad-rows", str(ROSTER_SAMPLE)],
        ["check", "--db", str(village)],
        ["export", "--db", str(village), "--out", str(package), "--cover", str(folder / "cover.pdf")],
        ["init", "--db", str(township), "--code", TOWNSHIP[0], "--name", TOWNSHIP[1]],
        ["import", "--db", str(township), str(package)],
    ]
    upward = {"summary", "progress", "receipt"}  # forms of what a township received
    for name, spec in FORMS.items():
        db = township if name in upward else village
        if name == "signin-evidence":
            # The evidence form shows sheets read back: read the sign-in sheet printed just before
            # (unsigned; this also runs the built program's reader on a PDF).
            runs.append(["scan", "--db", str(village), str(folder / "signin.pdf")])
        for suffix in spec.formats:
            runs.append(["report", name, "--db", str(db), "--out", str(folder / f"{name}.{suffix}")])
    say(f"$ {program.name} demo, import, check, export, init, import, scan, and {len(runs) - 7} forms")
    for args in runs:
        run_built(program, [*args, "--lang", "en"], env)
        target = args[args.index("--out") + 1] if "--out" in args else None
        if target and not Path(target).is_file():
            raise Failed(f"{program.name} {' '.join(args)} wrote no file")
    return len(runs)


def on_the_server(program: Path, env: dict[str, str]) -> None:
    """With FULIAN_TEST_SERVER: a village's database made on that server, then its check."""
    server = os.environ.get("FULIAN_TEST_SERVER")
    if not server:
        say(f"$ {program.name} init, check --db postgresql://...   (skipped: FULIAN_TEST_SERVER is not set)")
        return
    from urllib.parse import urlsplit

    import psycopg

    name = f"fulian_build_{os.getpid()}"
    url = urlsplit(server)._replace(path="/" + name).geturl()
    say(f"$ {program.name} init, check --db {url}")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        run_built(program, ["init", "--db", url, "--code", VILLAGE[0], "--name", VILLAGE[1], "--lang", "en"], env)
        run_built(program, ["check", "--db", url, "--lang", "en"], env, show=True)
        with psycopg.connect(url) as conn:
            units = conn.execute("SELECT code, name FROM unit").fetchall()
        if units != [VILLAGE]:
            raise Failed(f"{program.name} init --db {url} did not write the unit on the server: {units}")
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def window_opens(program: Path, env: dict[str, str]) -> None:
    """Start the GUI (its first start asks for the unit) and see it still running after WINDOW_SECONDS."""
    if sys.platform == "win32" and not os.environ.get("CI"):
        # Windows gives a program its per-user folders and settings from the system, not from the
        # environment: the window would open this user's own database. CI runners are thrown away.
        say(f"$ {program.name}   (the window: tried in CI only on Windows)")
        return
    say(f"$ {program.name}   (the window, offscreen, for {WINDOW_SECONDS} s)")
    process = subprocess.Popen(
        [str(program)], env=env, cwd=env["HOME"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        out, _ = process.communicate(timeout=WINDOW_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        say("    still open: passed")
        return
    for line in out.decode("utf-8", "replace").splitlines():
        say("    " + line)
    raise Failed(f"the window closed by itself (exit status {process.returncode})")


def weigh(folder: Path) -> tuple[int, list[tuple[int, str]]]:
    """The folder's size in bytes, and its parts: top-level entries of _internal, PySide6 split further."""
    parts: dict[str, int] = {}
    total = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        rel = path.relative_to(folder).parts
        if rel[0] == "_internal" and len(rel) > 1:
            rel = rel[1:]
        if rel[0] == "PySide6" and len(rel) > 2:
            # Qt's libraries one by one (PySide6/Qt/lib/ on Linux, PySide6/ on Windows), its plugins as a whole.
            key = "/".join(rel[:4] if rel[1:3] == ("Qt", "lib") else rel[:3] if rel[1] == "Qt" else rel[:2])
        else:
            key = rel[0]
        parts[key] = parts.get(key, 0) + size
    return total, sorted(((size, key) for key, size in parts.items()), reverse=True)


def make_zip(folder: Path) -> Path:
    from models.version import APP_VERSION

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = folder.parent / f"{NAME}-{APP_VERSION}-{system}-{platform.machine().lower()}"
    archive = Path(shutil.make_archive(str(base), "zip", root_dir=folder.parent, base_dir=folder.name))
    say(f"{archive}: {archive.stat().st_size / MB:.1f} MB")
    return archive


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # a runner's console may not take Chinese
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the built folder goes (dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (build/)")
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB, help="the largest acceptable folder, in MB")
    parser.add_argument("--skip-build", action="store_true", help="try and weigh an existing build only")
    parser.add_argument("--zip", action="store_true", help="pack the folder as a .zip once it passed")
    args = parser.parse_args(argv)

    folder = args.dist / NAME
    try:
        build_time = None if args.skip_build else run_pyinstaller(args.dist, args.work)
        program = executable(folder)
        if not program.is_file():
            raise Failed(f"{program} was not built")
        with tempfile.TemporaryDirectory(prefix="fulian-build-") as tmp:
            env = quiet_environment(Path(tmp))
            started = time.monotonic()
            self_test(program, env)
            forms_folder = Path(tmp) / "files"
            forms_folder.mkdir()
            runs = cadres_day(program, env, forms_folder)
            say(f"    {runs} runs of the built program passed ({time.monotonic() - started:.0f} s with the self-test)")
            on_the_server(program, env)
            window_opens(program, env)
    except Failed as exc:
        say(f"FAILED: {exc}")
        return 1

    total, parts = weigh(folder)
    say()
    say(f"{folder}: {total / MB:.1f} MB (goal {GOAL_MB} MB, limit {args.max_mb:g} MB)")
    if total > GOAL_MB * MB:
        say(f"over the goal of {GOAL_MB} MB by {(total - GOAL_MB * MB) / MB:.1f} MB")
    for size, key in parts[:15]:
        say(f"    {size / MB:7.1f} MB  {key}")
    if build_time is not None:
        say(f"PyInstaller took {build_time:.0f} s.")
    if total > args.max_mb * MB:
        say(f"FAILED: the folder is {total / MB:.1f} MB, more than {args.max_mb:g} MB")
        return 1
    if args.zip:
        make_zip(folder)
    say("Build passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
