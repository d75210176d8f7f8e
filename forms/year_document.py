"""年度工作计划 / 年度工作总结: the federation's plan or summary of a year, as the document it sends.

The stored title (石门村妇联2026年工作计划), each heading numbered 一、二、三、
with its text in indented paragraphs; a summary adds the year's figures,
counted from the records (``models.year_documents.year_figures``: the same
numbers the screen shows). At the end the federation's name and the date,
right-aligned, with room above them for the stamp.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from forms import election_common as common
from models import year_documents as yd
from models.homes import CATEGORY
from models.i18n import N_, _, format_date, format_number
from models.units import Unit, is_above_village

from .layout import LEFT, MM, PORTRAIT, RIGHT, Column, FormDocument, FormError, FormResult, federation, section_title

if TYPE_CHECKING:
    from .registry import FormOptions

PLAN_TITLE = N_("Annual work plan")
SUMMARY_TITLE = N_("Annual work summary")
STAMP_ROOM_MM = 22
CLOSING_MM = 60  # the name and the date centred on each other, at the right where the stamp goes


def choose(options: FormOptions, kind: str, today: _dt.date) -> tuple[Unit, yd.YearDocument]:
    unit = common.unit_of(options.unit_code)
    year = options.year
    if not year:
        years = [y for y in yd.document_years(unit.code) if yd.document_of(unit.code, y, kind)]
        year = years[0] if years else today.year
    document = yd.document_of(unit.code, year, kind)
    if document is None:
        message = (
            _("{unit} has no work plan for {year}; write it on the Meetings and plans page first.")
            if kind == "plan"
            else _("{unit} has no work summary for {year}; write it on the Meetings and plans page first.")
        )
        raise FormError(message.format(unit=unit.name, year=year))
    return unit, document


def body(doc: FormDocument, text: str) -> None:
    """The text of a heading as paragraphs, each line one, indented two characters as documents are."""
    style = doc.styles.body.clone("document-body", firstLineIndent=2 * doc.styles.body.fontSize)
    for line in (line.strip() for line in text.splitlines()):
        if line:
            doc.add(doc.styles.paragraph(line, style), [line])


def figures_tables(doc: FormDocument, figures: yd.YearFigures) -> None:
    """The year's activities by category, then the other work, in two small tables."""
    count = _("Activities")
    rows: list[list[object]] = [
        [CATEGORY.label(code), format_number(n), format_number(p)] for code, (n, p) in figures.activities.items() if n
    ]
    rows.append([_("Total"), format_number(figures.activity_count), format_number(figures.participants)])
    doc.table(
        [
            Column(_("Category of activity"), align=LEFT),
            Column(count, mm=30, align=RIGHT),
            Column(_("Participants"), mm=30, align=RIGHT),
        ],
        rows,
        bold_rows=[len(rows) - 1],
    )
    doc.spacer(3)
    work = figures.work()
    doc.table(
        [Column(_("Item"), align=LEFT), Column(_("Figure"), mm=30, align=RIGHT)],
        [[label, format_number(value)] for label, value in work],
    )


def closing(doc: FormDocument, unit_name: str, day: _dt.date) -> None:
    """The federation's name and the date at the right, room for the stamp above them, kept together."""
    from reportlab.platypus import KeepTogether, Spacer, Table

    name, date = federation(unit_name), format_date(day)
    centred = doc.styles.subtitle
    lines = Table(
        [[doc.styles.paragraph(name, centred)], [doc.styles.paragraph(date, centred)]],
        colWidths=[CLOSING_MM * MM],
        hAlign="RIGHT",
    )
    doc.add(KeepTogether([Spacer(1, STAMP_ROOM_MM * MM), lines]), [name, date])


def build_kind(kind: str, out_path: Path, options: FormOptions) -> FormResult:
    today = options.today or _dt.date.today()
    unit, document = choose(options, kind, today)
    doc = FormDocument(document.title, author=federation(unit.name), orientation=PORTRAIT)
    doc.paragraph(document.title, "title")
    # A document, not a table: its later pages carry no "(continued)" head.
    doc.continued_title = None
    doc.spacer(2)
    parts = yd.sections(document)
    for number, section in enumerate(parts, start=1):
        doc.paragraph(section_title(number, section.heading), "heading")
        body(doc, section.body)
    if kind == "summary":
        doc.paragraph(section_title(len(parts) + 1, _("The year's work in figures")), "heading")
        note = (
            _("Counted on {date} from the records of this federation and of the units below that have reached it.")
            if is_above_village(unit.code)
            else _("Counted from the records of the ledger on {date}.")
        )
        doc.paragraph(note.format(date=format_date(today)), "note")
        figures_tables(doc, yd.year_figures(unit.code, document.year, today))
    closing(doc, unit.name, document.written_on or today)
    return doc.save(out_path, options.report_missing)


def build_plan(out_path: Path, options: FormOptions) -> FormResult:
    return build_kind("plan", out_path, options)


def build_summary(out_path: Path, options: FormOptions) -> FormResult:
    return build_kind("summary", out_path, options)
