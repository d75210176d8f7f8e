"""gui/ holds widgets, row models and words on screen: no SQL, no query building, no writes of its own.

Every change a user makes is an operation of the core, and every list is a
core listing (docs/ARCHITECTURE.md). This test reads gui/'s syntax trees and
names each place that reaches past the core into the database.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import peewee
import pytest

import models

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "gui"

# Calls that build or run a query when made on a model class (Person.select(), er.Election.live().where(...)).
QUERY_METHODS = {
    "select",
    "where",
    "live",
    "get",
    "get_or_none",
    "get_by_id",
    "create",
    "insert",
    "insert_many",
    "update",
    "delete",
    "delete_by_id",
    "replace",
    "join",
    "order_by",
    "alias",
    "raw",
}
# Attributes that only the core may touch, whatever they are called on.
CORE_ONLY_ATTRIBUTES = {"execute_sql", "atomic", "move_to_recycle_bin", "delete_instance"}


def model_class_names() -> set[str]:
    """The names of every peewee model the core defines."""
    for info in pkgutil.walk_packages(models.__path__, "models."):
        if not info.name.startswith("models.migrations"):
            importlib.import_module(info.name)
    names, pending = set(), [peewee.Model]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("models."):
                names.add(sub.__name__)
    return names


def chain_root(node: ast.AST) -> ast.AST:
    """The start of a chain of calls and attributes: Person in Person.live().where(...).order_by(...)."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute) and isinstance(node.value, (ast.Call, ast.Attribute)):
            inner = node.value
            # er.Election.live(): the root is the model attribute, not the module alias before it.
            if isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name):
                return inner
            node = inner
        elif isinstance(node, ast.Attribute):
            return node.value
        else:
            return node


def root_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def findings_in(path: Path, model_names: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found: dict[int, str] = {}  # one finding a line is enough to find it
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(alias.name.split(".")[0] == "peewee" for alias in node.names):
            found.setdefault(node.lineno, f"{where}:{node.lineno}: imports peewee")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "peewee":
            found.setdefault(node.lineno, f"{where}:{node.lineno}: imports from peewee")
        elif isinstance(node, ast.Attribute):
            if node.attr in CORE_ONLY_ATTRIBUTES:
                found.setdefault(node.lineno, f"{where}:{node.lineno}: .{node.attr} belongs in the core")
            elif isinstance(node.value, ast.Name) and node.value.id == "fn":
                found.setdefault(node.lineno, f"{where}:{node.lineno}: fn.{node.attr} builds SQL")
            elif node.attr in QUERY_METHODS:
                name = root_name(chain_root(node))
                if name in model_names:
                    found.setdefault(node.lineno, f"{where}:{node.lineno}: {name}….{node.attr}() builds a query")
    return [found[line] for line in sorted(found)]


def gui_files() -> list[Path]:
    return sorted(GUI.rglob("*.py"))


def test_gui_builds_no_queries_and_writes_nothing_itself():
    names = model_class_names()
    assert {"Person", "Activity", "Training", "Election"} <= names  # the walk found the models
    findings = [line for path in gui_files() for line in findings_in(path, names)]
    assert not findings, "gui/ reaches into the database; call a core function instead:\n" + "\n".join(findings)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from peewee import fn\n", "imports from peewee"),
        ("import peewee\n", "imports peewee"),
        ("rows = Person.live().where(Person.unit == code)\n", "Person….where() builds a query"),
        ("rows = er.Election.live()\n", "Election….live() builds a query"),
        ("n = fn.COUNT(x)\n", "fn.COUNT builds SQL"),
        ("with database.atomic():\n    pass\n", ".atomic belongs in the core"),
        ("database.execute_sql('SELECT 1')\n", ".execute_sql belongs in the core"),
        ("person.move_to_recycle_bin()\n", ".move_to_recycle_bin belongs in the core"),
    ],
)
def test_each_kind_of_finding_is_caught(tmp_path, source, expected):
    sample = tmp_path / "probe.py"
    sample.write_text(source, encoding="utf-8")
    found = findings_in(sample, {"Person", "Election"})
    assert any(expected in line for line in found), found


def test_widget_code_that_only_calls_the_core_passes(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text(
        "self.model.select_activity(uuid)\nself.table.selectionModel().select(index)\n"
        "rows = people.search_people(scope, text)\n",
        encoding="utf-8",
    )
    found = findings_in(sample, {"Person"})
    assert found == []
