"""Start-up: our main window on a demo village database vs a bare PySide6 window.

Both are measured as whole processes (interpreter start to the window shown
and the event loop entered), alternating, several rounds, medians.

    python bench/startup.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1200, 760)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

OURS = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.app import run
from gui.settings import Settings
QTimer.singleShot(0, app.quit)
sys.exit(run([], db_path={db!r}, settings=Settings(QSettings({ini!r}, QSettings.IniFormat))))
"""


def timed(code: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite3"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "demo",
                "--db",
                str(db),
                "--code",
                "430121100201",
                "--name",
                "石门村",
            ],
            check=True,
            capture_output=True,
        )
        ini = str(Path(tmp) / "settings.ini")
        ours_code = OURS.format(root=str(ROOT), db=str(db), ini=ini)
        timed(ours_code)  # the first run takes the daily backup; measure ordinary starts
        bare, ours = [], []
        for _ in range(args.rounds):
            bare.append(timed(BARE))
            ours.append(timed(ours_code))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare PySide6 window: {b:.3f} s (median of {args.rounds})")
    print(f"main window on a demo village: {o:.3f} s (median of {args.rounds})")
    print(f"main window vs bare PySide6 window: ratio {o / b:.2f} (goal <= 3.0)")


if __name__ == "__main__":
    main()
