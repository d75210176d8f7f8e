"""Data flows one way: the core never reaches up into the forms, the GUI or the
command line, and the forms never reach up into the GUI or the command line."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"PySide6", "gui", "cli"}
# What each layer may not import: the layers above it, and Qt. ``paper`` (reading pictures) sits above forms.
FORBIDDEN_IN = {"models": FORBIDDEN | {"forms", "paper"}, "forms": FORBIDDEN | {"paper"}, "paper": FORBIDDEN}


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


def offenders(layer: str, root: Path = ROOT) -> dict[str, list[str]]:
    """Files of ``layer`` (a top-level folder) importing what that layer may not, with what they import."""
    found = {}
    for path in sorted((root / layer).rglob("*.py")):
        package = path.relative_to(root).parts[:-1]
        bad = imported_modules(path.read_text(encoding="utf-8"), package) & FORBIDDEN_IN[layer]
        if bad:
            found[path.relative_to(root).as_posix()] = sorted(bad)
    return found


def test_the_core_never_imports_forms_qt_gui_or_cli():
    assert (ROOT / "models" / "db.py").is_file()
    assert offenders("models") == {}


def test_forms_never_import_qt_gui_or_cli():
    assert (ROOT / "forms" / "registry.py").is_file()
    assert offenders("forms") == {}


def test_reading_paper_never_imports_qt_gui_or_cli():
    assert offenders("paper") == {}


def test_the_check_finds_a_core_module_importing_forms(tmp_path):
    (tmp_path / "models" / "sub").mkdir(parents=True)
    (tmp_path / "models" / "sub" / "print_it.py").write_text("from ...forms.registry import build_form\n")
    (tmp_path / "models" / "fine.py").write_text("from . import db\nimport peewee\n")
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "uses_core.py").write_text("from models import people\nfrom . import layout\n")
    assert offenders("models", tmp_path) == {"models/sub/print_it.py": ["forms"]}
    assert offenders("forms", tmp_path) == {}


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
