"""婚姻家庭纠纷排查月报表: a month's dispute counts, and whether it was reported.

At a village, its own row from its cases (``disputes.month_counts``) and its
report. At a township or county, one row per village below from the counts
their packages carried (``care_counts``: no names travel), with township
subtotals at a county, the 合计, and the villages that have not reported the
month. No names: not confidential.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models import care_counts
from models.disputes import (
    CLOSED,
    KIND,
    REGISTER,
    DisputeReport,
    month_counts,
    report_of,
    reports_below,
    villages_below,
)
from models.i18n import N_, _
from models.units import is_above_village

from .layout import CENTER, LANDSCAPE, LEFT, Column, FormDocument, FormResult, with_subtotals
from .ledger import unit_of
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Monthly report of family dispute screening")
# The short name in the list of forms (the printing page keeps its width); the printed title is TITLE.
LIST_NAME = N_("Dispute monthly report")


@dataclass
class MonthRow:
    """One unit's (or a subtotal's, or the total's) month: its counts and how it reported."""

    name: str
    code: str = ""
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    report: DisputeReport | None = None
    has_counts: bool = True
    kind: str = "unit"  # unit, subtotal, total

    def add(self, other: MonthRow) -> None:
        for key, n in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + n


def columns() -> list[Column]:
    kinds = [Column(label, 14, 1, CENTER) for _code, label in KIND.choices()]
    return [
        Column(_("Unit"), None, 2, LEFT),
        *kinds,
        Column(_("Found in all"), 14, 1, CENTER),
        Column(_("High risk"), 13, 1, CENTER),
        Column(_("Settled"), 13, 1, CENTER),
        Column(_("Kept stable"), 13, 1, CENTER),
        Column(_("Handed on"), 13, 1, CENTER),
        Column(_("Open at month's end"), 16, 1, CENTER),
        Column(_("Report"), 20, 1, CENTER),
    ]


def report_text(row: MonthRow) -> str:
    if row.kind != "unit":
        return ""
    if row.report is None:
        return _("Not reported")
    return _("None this month") if row.report.none_this_month else _("Reported")


def line(row: MonthRow) -> list[object]:
    if not row.has_counts:
        return [row.name, *([""] * (len(KIND.codes()) + 6)), report_text(row)]
    c = row.counts
    found = [c.get(("found", code), 0) for code in KIND.codes()]
    return [
        row.name,
        *found,
        sum(found),
        c.get(("risk", "high"), 0),
        *(c.get(("outcome", code), 0) for code in CLOSED),
        c.get(("open", "open"), 0),
        report_text(row),
    ]


def rows_below(unit_code: str, month: str) -> tuple[list[tuple[MonthRow, bool]], MonthRow, list[MonthRow]]:
    """(rows in print order with whether each is a subtotal, the total, the villages not reported)."""
    villages = villages_below(unit_code)
    codes = [code for code, _name in villages]
    counts = care_counts.counts_of(codes, REGISTER, month)
    reports = reports_below(codes, month)
    units = [
        MonthRow(name, code, dict(counts.get(code, {})), reports.get(code), code in counts) for code, name in villages
    ]

    def subtotal(label: str, members: list[MonthRow]) -> MonthRow:
        row = MonthRow(label, kind="subtotal")
        for member in members:
            row.add(member)
        return row

    total = subtotal(_("Total"), units)
    total.kind = "total"
    return with_subtotals(unit_code, units, lambda r: r.code, subtotal), total, [r for r in units if r.report is None]


def chosen_month(options: FormOptions, today: _dt.date) -> str:
    year = options.year or today.year
    month = options.month or (today.month if year == today.year else 12)
    if not 1 <= month <= 12:
        from .layout import FormError

        raise FormError(_("The month {month} is out of range: give a month from 1 to 12.").format(month=month))
    return f"{year:04d}-{month:02d}"


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    month = chosen_month(options, today)
    year, number = (int(part) for part in month.split("-"))
    title = _("{title} ({year}-{month})").format(title=_(TITLE), year=year, month=number)
    notes: list[str] = []
    bold: list[int] = []
    if is_above_village(unit.code):
        ordered, total, missing = rows_below(unit.code, month)
        table = [line(row) for row, _sub in ordered] + [line(total)]
        bold = [i for i, (_row, sub) in enumerate(ordered) if sub] + [len(ordered)]
        reported = sum(1 for row, sub in ordered if not sub and row.report is not None)
        summary = _("{reported} of {units} villages reported").format(
            reported=reported, units=sum(1 for _r, sub in ordered if not sub)
        )
        if missing:
            notes.append(
                _("Not reported this month ({n}): {names}").format(
                    n=len(missing), names="、".join(row.name for row in missing)
                )
            )
        else:
            notes.append(_("Every village below has reported this month."))
        empty = _("There are no villages below this unit yet.")
    else:
        own = MonthRow(unit.name, unit.code, month_counts(unit.code, month), report_of(unit.code, month))
        table = [line(own)]
        summary = report_text(own)
        if own.report is not None:
            notes.append(
                _("Reported on {date} by {name}.").format(
                    date=f"{own.report.reported_on:%Y-%m-%d}", name=own.report.reported_by or "—"
                )
            )  # the report's notes may name a family: they stay off the form, as off the export
        empty = None
    notes.append(_("Counts: cases found in the month by kind and risk; cases closed in the month by outcome."))
    if out_path.suffix.lower() == ".xlsx":
        sheet = Sheet(_(TITLE), title, columns(), table, empty, notes=notes, total_rows=1 if bold else 0)
        return write_sheets(out_path, [sheet], unit_name=unit.name, date=today, author=unit.name, landscape=True)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE)
    doc.heading(title, unit.name, today, subtitle=summary)
    doc.table(columns(), table, empty_text=empty, bold_rows=bold)
    doc.spacer(2)
    for note in notes:
        doc.paragraph(note, "note")
    doc.signatures()
    return doc.save(out_path, options.report_missing)
