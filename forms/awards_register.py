"""表彰登记: the honours the unit and its people, families and collectives received, year by year."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from forms import ledger
from models.awards import LEVEL, RECIPIENT_KIND, awards_register
from models.i18n import N_, _, format_list_date

from .layout import LANDSCAPE, LEFT, Column, FormDocument, FormResult
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Awards register")
DATE_COLUMN = 7


def columns() -> list[Column]:
    return [
        Column(_("No."), mm=10),
        Column(_("Year"), mm=14),
        Column(_("Level"), mm=18),
        Column(_("Honour"), weight=2, align=LEFT),
        Column(_("Conferred by"), weight=1.4, align=LEFT),
        Column(_("Recipient kind"), mm=16),
        Column(_("Recipient"), weight=1.2),
        Column(_("Date"), mm=22),
        Column(_("Document number"), weight=1.2),
        Column(_("Notes"), weight=1.6, align=LEFT),
    ]


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = ledger.unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    excel = out_path.suffix.lower() == ".xlsx"
    rows: list[list[object]] = []
    for number, award in enumerate(awards_register(unit.code, options.year), start=1):
        day: object = award.date if excel else format_list_date(award.date)
        rows.append(
            [
                number,
                award.year,
                LEVEL.label(award.level),
                award.title,
                award.conferred_by,
                RECIPIENT_KIND.label(award.recipient_kind),
                award.recipient_name,
                day or "",
                award.document_number,
                award.notes,
            ]
        )
    title = _(TITLE)
    subtitle = _("Year {year}").format(year=options.year) if options.year else ""
    empty = _("No honour has been entered in the register yet.")
    if excel:
        sheet = Sheet(title, f"{title} {subtitle}".strip(), columns(), rows, empty, {DATE_COLUMN: "yyyy-mm-dd"})
        return write_sheets(out_path, [sheet], unit_name=unit.name, date=today, author=unit.name)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, subject=subtitle)
    doc.heading(title, unit.name, today, subtitle=subtitle or None)
    doc.table(columns(), rows, empty_text=empty)
    doc.signatures()
    return doc.save(out_path, options.report_missing)
