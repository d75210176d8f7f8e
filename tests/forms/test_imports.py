"""The core and the forms never reach up into the GUI or the command line."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"PySide6", "gui", "cli"}


def imported_modules(source: str, package: tuple[str, ...]) -> set[str]:
    """Top-level names of every module ``source`` imports; relative imports are
    resolved against ``package`` (the folders holding the file)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            parts = base + (node.module.split(".") if node.module else [])
            if parts:
                names.add(parts[0])
            else:  # "from .. import gui" at the top of the tree names modules
                names.update(alias.name for alias in node.names)
    return names


def test_models_and_forms_never_import_qt_gui_or_cli():
    offenders = {}
    files = sorted((ROOT / "models").rglob("*.py")) + sorted((ROOT / "forms").rglob("*.py"))
    assert any(f.name == "registry.py" for f in files)
    for path in files:
        package = path.relative_to(ROOT).parts[:-1]
        bad = imported_modules(path.read_text(encoding="utf-8"), package) & FORBIDDEN
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_the_check_itself_sees_every_form_of_import():
    source = "from .. import gui\nfrom ..cli import main\nimport PySide6.QtCore\nfrom . import fonts\n"
    assert imported_modules(source, ("forms",)) == FORBIDDEN | {"forms"}
    assert imported_modules("from ...gui.common import page\n", ("forms", "sub")) == {"gui"}


def test_importing_the_registry_loads_neither_reportlab_nor_openpyxl():
    code = (
        "import sys; import forms.registry; "
        "print(sorted(m for m in ('reportlab', 'openpyxl', 'PySide6') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
