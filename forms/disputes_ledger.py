"""婚姻家庭纠纷排查化解台账: the year's family dispute cases with every step taken. Confidential: names parties."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from models.disputes import KIND, RISK, STATUS, STEP_KIND, CaseFilters, cases, steps_by_case, years_with_cases
from models.i18n import N_, _, format_list_date

from .layout import CENTER, LANDSCAPE, LEFT, Column, FormDocument, FormResult
from .ledger import unit_of

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Ledger of family dispute screening and settlement")
# The short name in the list of forms (the printing page keeps its width); the printed title is TITLE.
LIST_NAME = N_("Dispute ledger")

_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Found on"), 20, 1, CENTER),
    (N_("Kind"), 18, 1, CENTER),
    (N_("Parties"), None, 1.6, LEFT),
    (N_("What the dispute is about"), None, 3, LEFT),
    (N_("Risk"), 13, 1, CENTER),
    (N_("Cadre responsible"), 18, 1, CENTER),
    (N_("Steps taken"), None, 4, LEFT),
    (N_("Status"), 20, 1, CENTER),
    (N_("Closed on"), 20, 1, CENTER),
)


def columns() -> list[Column]:
    return [Column(_(header), mm, weight, align) for header, mm, weight, align in _COLUMNS]


def status_text(status: str, handed_to: str) -> str:
    """已移交（镇综治中心）: a handed-on case says to whom."""
    label = STATUS.label(status)
    return f"{label}（{handed_to}）" if status == "handed_on" and handed_to else label


def rows(unit_code: str, year: int) -> list[list[object]]:
    found = list(cases(unit_code, CaseFilters(year=year)))
    steps = steps_by_case(found)
    table: list[list[object]] = []
    for number, case in enumerate(found, start=1):
        done = "\n".join(
            f"{step.date:%m-%d} {STEP_KIND.label(step.kind)}：{step.action}" for step in steps.get(case.uuid, [])
        )
        table.append(
            [
                number,
                format_list_date(case.found_on),
                KIND.label(case.kind),
                case.parties,
                case.description,
                RISK.label(case.risk),
                case.responsible,
                done,
                status_text(case.status, case.handed_to),
                format_list_date(case.closed_on),
            ]
        )
    return table


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    years = years_with_cases(unit.code)
    year = options.year or (years[0] if years else today.year)
    title = _("{title} ({year})").format(title=_(TITLE), year=year)
    table = rows(unit.code, year)
    still_open = sum(1 for row in table if row[8] == STATUS.label("screened"))
    summary = _("{n} cases, {open} still being handled").format(n=len(table), open=still_open)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, confidential=True)
    doc.heading(title, unit.name, today, subtitle=summary)
    doc.table(columns(), table, empty_text=_("No family disputes were found in {year}.").format(year=year))
    doc.signatures()
    return doc.save(out_path, options.report_missing)
