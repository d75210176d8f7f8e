"""The Chinese given for the pages' strings (tools/translations/pageui.py) is for msgids the program uses."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_translated_msgid_is_used_and_reads_well():
    table = runpy.run_path(str(ROOT / "tools" / "translations" / "pageui.py"))["TRANSLATIONS"]
    sources = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "gui").rglob("*.py"))
    for msgid, chinese in table.items():
        assert f'_("{msgid}")' in sources, msgid
        assert chinese and chinese != "取消", msgid  # 取消 is the dialogs' Cancel
        assert "Enter" not in chinese, msgid  # the key is 回车键
