"""The self-test's check of the QR code reader: a code printed and read back, without numpy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from forms import selftest
from models import i18n

ROOT = Path(__file__).resolve().parents[2]

# numpy made unimportable, as in the built program, which does not carry it.
WITHOUT_NUMPY = """
import sys
sys.modules["numpy"] = None
from models import i18n
i18n.set_language("en")
from forms import selftest
print(selftest._check_qr_reader())
print("numpy loaded" if sys.modules.get("numpy") else "numpy not loaded")
"""


def test_the_qr_code_reader_reads_back_a_printed_page_code():
    i18n.set_language("en")
    assert selftest._check_qr_reader() == "QR codes of printed sheets are read back"


def test_the_qr_code_reader_needs_no_numpy():
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_NUMPY], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["QR codes of printed sheets are read back", "numpy not loaded"]


def test_a_self_test_line_says_the_qr_code_reader_works():
    i18n.set_language("en")
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 0
    assert "ok: QR codes of printed sheets are read back" in lines
