"""重点帮扶对象登记表: the people a village helps, by category, with children's ages and their paired helpers.

The register of ``FormOptions.year`` (this year by default): everyone helped
at some time in it, those whose help ended marked so. Ages are at the form's
date within the year, or at the year's end for a year gone by. The form names
children and women in hardship: it says 内部资料 注意保密 on every page and
every build is logged (``names_people``).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from models import care
from models.codes import SEX
from models.i18n import N_, _, format_list_date, format_year_month
from models.people import split_year_month
from models.units import is_above_village

from .layout import CENTER, LANDSCAPE, LEFT, Column, FormDocument, FormResult, section_title
from .ledger import unit_of
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Register of people helped")

_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Name"), 18, 1, CENTER),
    (N_("Sex"), 9, 1, CENTER),
    (N_("Birth month"), 20, 1, CENTER),
    (N_("Age"), 10, 1, CENTER),
    (N_("Villagers' group or grid"), 22, 1, CENTER),
    (N_("Guardian"), 20, 1, CENTER),
    (N_("Parents and where they work"), None, 3, LEFT),
    (N_("Phone"), 26, 1, CENTER),
    (N_("Paired helper"), 20, 1, CENTER),
    (N_("Helped since"), 21, 1, CENTER),
    (N_("Notes"), None, 2, LEFT),
)
# A woman or a household has no guardian and no parents away: those columns are left off.
_CHILD_ONLY = (N_("Guardian"), N_("Parents and where they work"))


def kept_in_villages() -> str:
    """What a township's or county's copy says: the people are on the villages' registers only."""
    return _(
        "People helped are kept by each village: their names never leave it. "
        "The villages' counts arrive with their packages."
    )


def columns(children: bool, with_category: bool = False) -> list[Column]:
    shown = [
        Column(_(header), mm, weight, align)
        for header, mm, weight, align in _COLUMNS
        if children or header not in _CHILD_ONLY
    ]
    if with_category:
        shown.insert(1, Column(_("Category"), 24, 1, CENTER))
    return shown


def age_day(year: int, today: _dt.date) -> _dt.date:
    """The day ages are counted at: the form's date in its year, the year's end for a year gone by."""
    return today if year == today.year else _dt.date(year, 12, 31)


def _birth(target: care.CareTarget) -> str:
    ym = split_year_month(target.birth_month)
    return format_year_month(*ym) if ym else ""


def _notes(target: care.CareTarget) -> str:
    ended = _("Help ended on {date}").format(date=format_list_date(target.ended_on)) if target.ended_on else ""
    return "；".join(text for text in (ended, target.notes) if text)


def _row(number: int, target: care.CareTarget, on: _dt.date, children: bool) -> list[object]:
    age = care.age_at(target.birth_month, on)
    row: list[object] = [number, target.name, SEX.label(target.sex), _birth(target), "" if age is None else age]
    row.append(target.group_name)
    if children:
        row += [target.guardian, target.parents]
    row += [target.phone, target.helper, format_list_date(target.since) if target.since else "", _notes(target)]
    return row


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    year = options.year or today.year
    on = age_day(year, today)
    title = _("{title} ({year})").format(title=_(TITLE), year=year)
    everyone = list(care.targets(unit.code, year=year))
    by_category = {code: [t for t in everyone if t.category == code] for code in care.CATEGORY.codes()}
    empty = _("No one was helped in {year}.").format(year=year)
    if is_above_village(unit.code):
        empty = kept_in_villages()
    if out_path.suffix.lower() == ".xlsx":
        rows: list[list[object]] = []
        for target in everyone:
            row = _row(len(rows) + 1, target, on, children=True)
            rows.append(row[:1] + [care.CATEGORY.label(target.category)] + row[1:])
        sheet = Sheet(title, title, columns(True, with_category=True), rows, empty)
        return write_sheets(
            out_path, [sheet], unit_name=unit.name, date=today, author=unit.name, landscape=True, confidential=True
        )
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, confidential=True)
    counts = "，".join(f"{care.CATEGORY.label(code)} {len(found)}" for code, found in by_category.items() if found)
    subtitle = _("{n} people in all").format(n=len(everyone)) + (f"：{counts}" if counts else "")
    doc.heading(title, unit.name, today, subtitle=subtitle)
    if not everyone:
        doc.table(columns(True), [], empty_text=empty)
    number = 0
    for code, found in by_category.items():
        if not found:
            continue
        number += 1
        children = code in care.CHILD_CATEGORIES
        doc.need_room(40)
        heading = _("{category}: {n}").format(category=care.CATEGORY.label(code), n=len(found))
        doc.paragraph(section_title(number, heading), "heading")
        doc.table(columns(children), [_row(i, t, on, children) for i, t in enumerate(found, start=1)])
        doc.spacer(3)
    doc.spacer(2)
    doc.paragraph(
        _("Ages are in full years on {date}, counted from the birth month.").format(date=format_list_date(on)), "note"
    )
    doc.signatures()
    return doc.save(out_path, options.report_missing)
