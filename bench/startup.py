"""Start-up: our main window on a county database vs a bare PySide6 window.

The county database is ``main.py demo --units 300 --years 5`` (``bench/county.py``).
Both are measured from the moment the process is started to the moment its
window is shown and the event loop has begun (the child prints the clock then
and quits; tearing down afterwards is not start-up), alternating, several
rounds, medians. The first start after installing also unpacks the packed
fonts into the user's cache folder (forms/font_files.py); it is measured
apart, with that folder emptied before each such start.

    python bench/startup.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from county import county_database

GOAL = 2.0

# Run by the first turn of the event loop, i.e. once the window is shown: print the clock and quit.
SHOWN = "lambda: (print(time.time(), flush=True), app.quit())"

BARE = f"""
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1200, 760)
window.show()
QTimer.singleShot(0, {SHOWN})
app.exec()
"""

OURS = """
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.app import run
from gui.settings.store import Settings
QTimer.singleShot(0, SHOWN)
sys.exit(run([], db_path={db!r}, settings=Settings(QSettings({ini!r}, QSettings.IniFormat))))
""".replace("SHOWN", SHOWN)


def child_env(tmp: Path) -> dict[str, str]:
    """Offscreen, with compiled bytecode kept (in ``tmp``) as the installed program has it,
    and a cache folder of its own (``XDG_CACHE_HOME``: this bench runs on Linux)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPYCACHEPREFIX=str(tmp / "pycache"),
        XDG_CACHE_HOME=str(tmp / "cache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(code: str, env: dict[str, str]) -> float:
    """Seconds from starting the process to its window shown (the clock the child printed then)."""
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT, capture_output=True, text=True)
    return float(done.stdout.split()[-1]) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = county_database(Path(tmp))
        ini = str(Path(tmp) / "settings.ini")
        ours_code = OURS.format(root=str(ROOT), db=str(db), ini=ini)
        env = child_env(Path(tmp))
        # The first runs compile the bytecode and take the daily backup; measure ordinary starts.
        timed(BARE, env)
        timed(ours_code, env)
        bare, ours, first = [], [], []
        for _ in range(args.rounds):
            bare.append(timed(BARE, env))
            ours.append(timed(ours_code, env))
        for _ in range(3):
            shutil.rmtree(Path(env["XDG_CACHE_HOME"]), ignore_errors=True)
            first.append(timed(ours_code, env))
    b, o, f = statistics.median(bare), statistics.median(ours), statistics.median(first)
    print(f"bare PySide6 window: {b:.3f} s (median of {args.rounds})")
    print(f"main window on a county database: {o:.3f} s (median of {args.rounds})")
    print(f"main window vs bare PySide6 window: ratio {o / b:.2f} (goal <= {GOAL})")
    print(f"first start after installing (fonts unpacked): {f:.3f} s (median of 3), ratio {f / b:.2f}")


if __name__ == "__main__":
    main()
