"""A list of units behind a figure of the cockpit, printed: the title, whose list and when, then a table.

Not a form of the registry: the cockpit's dialog builds it from the
models.cockpit.UnitList it shows, with the same fonts, heading, running head
and page numbers as the other forms.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from models.cockpit import UnitList
from models.i18n import _

from .layout import LEFT, Column, FormDocument, FormResult


def columns(unit_list: UnitList) -> list[Column]:
    """No., then the list's own headings: the code narrow, the name and the details wide."""
    code, name, detail = (tuple(unit_list.headings) + ("", "", ""))[:3]
    return [
        Column(_("No."), mm=10),
        Column(code, mm=32),
        Column(name, weight=1, align=LEFT),
        Column(detail, weight=1.6, align=LEFT),
    ]


def rows(unit_list: UnitList) -> list[list[object]]:
    return [[number, line.code, line.name, line.detail] for number, line in enumerate(unit_list.lines, start=1)]


def build_unit_list_pdf(
    unit_list: UnitList,
    unit_name: str,
    path: Path | str,
    today: _dt.date | None = None,
    report_missing: Callable[[list[str]], None] | None = None,
) -> FormResult:
    """Write ``unit_list`` as a PDF for the unit ``unit_name`` (the one whose cockpit it is)."""
    today = today or _dt.date.today()
    doc = FormDocument(unit_list.title, author=unit_name)
    doc.heading(unit_list.title, unit_name, today)
    doc.table(columns(unit_list), rows(unit_list), empty_text=_("No units in this list."))
    doc.spacer(2)
    doc.paragraph(_("{count} units").format(count=len(unit_list.lines)), "note")
    return doc.save(Path(path), report_missing)
