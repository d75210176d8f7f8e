"""Screenshots of every page on a demo village, for the README and for review.

    python tools/screenshots.py [--out docs/screenshots] [--lang zh_CN] [--code CODE --name NAME]

Runs offscreen; makes a demo database in a temporary folder; never touches
the user's data or settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--code", default="430121100201")
    parser.add_argument("--name", default="石门村")
    parser.add_argument("--units", type=int, default=0)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gui import app as guiapp
    from gui.common import messages
    from gui.context import AppContext
    from gui.main_window import PAGES, MainWindow
    from gui.settings import store as opts
    from gui.settings.store import Settings
    from models import db, demo, units

    tmp = Path(tempfile.mkdtemp())
    qapp = QApplication([])
    settings = Settings(QSettings(str(tmp / "settings.ini"), QSettings.IniFormat))
    settings.set(opts.LANGUAGE, args.lang)
    guiapp.configure_application(qapp, settings)
    db.open_database(tmp / "demo.sqlite3")
    demo.make_demo(args.code, args.name, units_below=args.units, years=1)
    db.automatic_backup("daily")
    messages.answer_with = lambda *_args: False
    unit = units.own_unit()
    window = MainWindow(AppContext(tmp / "demo.sqlite3", unit.code, unit.name, settings))
    window.resize(1200, 760)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(10):
            qapp.processEvents()

    for spec in PAGES:
        page = window.show_page(spec.key)
        settle()
        table = getattr(page, "table", None)
        if table is not None and table.model() is not None and table.model().rowCount() > 2:
            table.selectRow(1)
            settle()
        path = args.out / f"{spec.key}.png"
        window.grab().save(str(path))
        print(path)
    db.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
