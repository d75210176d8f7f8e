"""The zh_CN catalog is complete and compiled: no string reaches a cadre in English."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_tool():
    spec = importlib.util.spec_from_file_location("update_catalog", ROOT / "tools" / "update_catalog.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_catalog"] = module
    spec.loader.exec_module(module)
    return module


def test_every_interface_string_has_a_chinese_translation():
    tool = load_tool()
    problems = tool.problems(tool.extract(), tool.load())
    assert problems == [], "run tools/update_catalog.py and translate:\n" + "\n".join(problems[:40])


def test_the_compiled_catalog_matches_the_po_file():
    tool = load_tool()
    assert tool.COMPILED.read_bytes() == tool.compiled_bytes(tool.load()), "run tools/update_catalog.py"


def test_placeholders_survive_translation():
    import re

    tool = load_tool()
    for message in tool.load():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # {name} for ours, %(prog)s and %s for argparse's own messages.
        placeholder = r"\{\w+\}|%\(\w+\)[sdr]|%[sdr]"
        wanted = set(re.findall(placeholder, ids[0]))
        for string in strings:
            assert set(re.findall(placeholder, string)) == wanted, message.id


def test_dates_and_numbers_follow_the_chosen_language_not_the_environment(monkeypatch):
    import datetime as dt

    from models import i18n

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    i18n.set_language("zh_CN")
    assert i18n.format_date(dt.date(2017, 3, 8)) == "2017年3月8日"
    assert i18n.format_percent(0.5) == "50.0%"
    i18n.set_language("en")
    assert i18n.format_date(dt.date(2017, 3, 8)) == "Mar 8, 2017"
