"""来信来访登记簿: the year's letters, visits and calls, to whom each was passed and the outcome. Confidential."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from models.i18n import N_, _, format_list_date
from models.petitions import CATEGORY, STATUS, WAY, petitions, years_with_petitions

from .layout import CENTER, LANDSCAPE, LEFT, Column, FormDocument, FormResult
from .ledger import unit_of
from .xlsx import write_table

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Register of letters and visits")

_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Date"), 20, 1, CENTER),
    (N_("Way"), 20, 1, CENTER),
    (N_("Writer or visitor"), 22, 1, CENTER),
    (N_("Matter"), None, 4, LEFT),
    (N_("Category"), 20, 1, CENTER),
    (N_("Passed on to"), None, 1.5, LEFT),
    (N_("Outcome of the matter"), None, 3, LEFT),
    (N_("Status"), 16, 1, CENTER),
)


def columns() -> list[Column]:
    return [Column(_(header), mm, weight, align) for header, mm, weight, align in _COLUMNS]


def rows(unit_code: str, year: int, excel: bool = False) -> list[list[object]]:
    return [
        [
            number,
            petition.date if excel else format_list_date(petition.date),
            WAY.label(petition.way),
            petition.visitor,
            petition.matter,
            CATEGORY.label(petition.category),
            petition.passed_to,
            petition.result,
            STATUS.label(petition.status),
        ]
        for number, petition in enumerate(petitions(unit_code, year), start=1)
    ]


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    years = years_with_petitions(unit.code)
    year = options.year or (years[0] if years else today.year)
    title = _("{title} ({year})").format(title=_(TITLE), year=year)
    excel = out_path.suffix.lower() == ".xlsx"
    table = rows(unit.code, year, excel)
    empty = _("No letters or visits were registered in {year}.").format(year=year)
    if excel:
        return write_table(
            out_path,
            title=title,
            columns=columns(),
            rows=table,
            unit_name=unit.name,
            date=today,
            author=unit.name,
            empty_text=empty,
            number_formats={1: "yyyy-mm-dd"},
            confidential=True,
        )
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, confidential=True)
    doc.heading(title, unit.name, today)
    doc.table(columns(), table, empty_text=empty)
    doc.signatures()
    return doc.save(out_path, options.report_missing)
