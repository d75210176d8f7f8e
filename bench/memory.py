"""Memory: our program on a county database, every page visited once, vs a bare PySide6 window + 100 MB.

The county database is ``main.py demo --units 300 --years 5`` (``bench/county.py``).
Each side is a whole process; its peak resident memory (``ru_maxrss``) is
read when its event loop has ended: the bare side shows a QMainWindow, ours
opens the main window on the county database and shows each page in turn
(``MainWindow.show_page`` for every navigation key), letting each draw.
Alternating, several rounds, medians. The ratio is ours to the bare peak
plus the allowance; the goal is at most 1.

    python bench/memory.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from county import county_database

ALLOWANCE_MB = 100.0
PAGE_COUNT = 8  # overview, people, elections, homes, training, forms, submissions, settings

PEAK = """
import resource, sys
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("PEAK", peak * (1 if sys.platform == "darwin" else 1024))
"""

BARE = (
    """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1200, 760)
window.show()
QTimer.singleShot(50, app.quit)
app.exec()
"""
    + PEAK
)

OURS = (
    """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.app import run
from gui.main_window import PAGES, MainWindow
from gui.settings.store import Settings

def visit():
    try:
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        for spec in PAGES:
            window.show_page(spec.key)
            app.processEvents()
        print("VISITED", len(window.pages))
    finally:
        QTimer.singleShot(50, app.quit)

QTimer.singleShot(0, visit)
status = run([], db_path={db!r}, settings=Settings(QSettings({ini!r}, QSettings.IniFormat)))
"""
    + PEAK
    + """
sys.exit(status)
"""
)


def peak_mb(code: str, env: dict[str, str], pages: int = 0) -> float:
    out = subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT, capture_output=True, text=True)
    lines = out.stdout.splitlines()
    if pages and f"VISITED {pages}" not in lines:
        raise SystemExit(f"not every page was visited: {out.stdout}{out.stderr}")
    line = next(line for line in lines if line.startswith("PEAK "))
    return int(line.split()[1]) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = county_database(Path(tmp))
        ini = str(Path(tmp) / "settings.ini")
        ours_code = OURS.format(root=str(ROOT), db=str(db), ini=ini)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        peak_mb(ours_code, env, PAGE_COUNT)  # the first run takes the daily backup; measure an ordinary session
        bare, ours = [], []
        for _ in range(args.rounds):
            bare.append(peak_mb(BARE, env))
            ours.append(peak_mb(ours_code, env, PAGE_COUNT))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare PySide6 window: peak {b:.0f} MB (median of {args.rounds})")
    print(f"main window on a county database, every page visited: peak {o:.0f} MB (median of {args.rounds})")
    print(f"vs the bare window's peak + {ALLOWANCE_MB:.0f} MB: ratio {o / (b + ALLOWANCE_MB):.2f} (goal <= 1)")


if __name__ == "__main__":
    main()
