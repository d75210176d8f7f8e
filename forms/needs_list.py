"""妇女群众需求清单: the needs of women found in a year, how each was answered and what it became."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from models.duties.members import names_by_uuid
from models.duties.needs import activity_titles, became_text, needs, project_names
from models.duties.records import NEED_ANSWERED, NEED_CATEGORY, NEED_STATUS, Need
from models.i18n import N_, _, format_list_date

from .layout import CENTER, LANDSCAPE, LEFT, Column, FormDocument, FormResult
from .ledger import unit_of
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("List of women's needs")

_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Found on"), 20, 1, CENTER),
    (N_("Category"), 22, 1, CENTER),
    (N_("Need"), None, 4, LEFT),
    (N_("Number of women"), 15, 1, CENTER),
    (N_("Found by"), 17, 1, CENTER),
    (N_("Status"), 14, 1, CENTER),
    (N_("Answered on"), 20, 1, CENTER),
    (N_("How it was answered"), None, 4, LEFT),
    (N_("What it became"), None, 2.5, LEFT),
)


def columns() -> list[Column]:
    return [Column(_(header), mm, weight, align) for header, mm, weight, align in _COLUMNS]


def year_of(unit_code: str, options: FormOptions, today: _dt.date) -> int:
    """The year asked for, or the latest year with needs, or this year."""
    if options.year:
        return options.year
    latest = needs(unit_code).order_by(Need.found_on.desc()).first()
    return latest.found_on.year if latest else today.year


def rows(unit_code: str, year: int, excel: bool = False) -> list[list[object]]:
    """The needs' lines; in a spreadsheet the dates are Excel dates."""

    def day(value):
        if value is None:
            return ""
        return value if excel else format_list_date(value)

    found = list(needs(unit_code, year))
    names = names_by_uuid(n.member_id for n in found)
    projects = project_names(unit_code)
    activities = activity_titles(n.activity_id for n in found)
    return [
        [
            number,
            day(need.found_on),
            NEED_CATEGORY.label(need.category),
            need.description,
            need.women or "",
            names.get(need.member_id or "", ""),
            NEED_STATUS.label(need.status),
            day(need.answered_on),
            need.answer,
            became_text(need, projects, activities),
        ]
        for number, need in enumerate(found, start=1)
    ]


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    year = year_of(unit.code, options, today)
    title = _("{title} ({year})").format(title=_(TITLE), year=year)
    excel = out_path.suffix.lower() == ".xlsx"
    table = rows(unit.code, year, excel)
    empty = _("No needs were recorded in {year}.").format(year=year)
    answered = sum(1 for row in table if row[6] == NEED_STATUS.label(NEED_ANSWERED))
    summary = _("{n} needs, {answered} answered").format(n=len(table), answered=answered)
    if excel:
        sheet = Sheet(_(TITLE), title, columns(), table, empty, notes=[summary])
        return write_sheets(out_path, [sheet], unit_name=unit.name, date=today, author=unit.name, landscape=True)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE)
    doc.heading(title, unit.name, today, subtitle=summary)
    doc.table(columns(), table, empty_text=empty)
    doc.signatures()
    return doc.save(out_path, options.report_missing)
