"""报送进度表: which units below have reported for a period, and how many in each state.

One row per expected unit: its status (已报送 / 已退回 / 未报送 / 逾期), its
latest package in the period (when made, when received, its number, what
it carried), how many packages it sent and why it was returned. Under the
table the counts per status with their shares of all units. ``--id`` names
a stored period, ``--year`` a year. The Excel twin has the table and the
counts on two sheets.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models import submissions
from models.i18n import N_, _, format_date, format_list_datetime

from .layout import LANDSCAPE, LEFT, Column, FormDocument, FormResult, with_subtotals
from .summary import PERCENT, grid, percent, period_subtitle, report_sheet, subtotal_rows, unit_and_period
from .xlsx import write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Reporting progress")
KINDS = ("person", "election", "activity", "training")  # the records counted in the table
STATUS_ORDER = (submissions.REPORTED, submissions.RETURNED, submissions.NOT_REPORTED, submissions.OVERDUE)


def moment(value: _dt.datetime | None) -> str:
    """A stored time as read on this PC: 2026-03-08 14:05."""
    return format_list_datetime(submissions.local_time(value))


def columns() -> list[Column]:
    return (
        [
            Column(_("No."), mm=8),
            Column(_("Unit"), weight=1, align=LEFT),
            Column(_("Code"), mm=25),
            Column(_("Status"), mm=22),  # room for a subtotal's "已报送 10/10" on one line
            Column(_("Package made"), mm=19),
            Column(_("Received"), mm=19),
            Column(_("Package number"), mm=18),
        ]
        + [Column(_(submissions.KIND_LABELS[kind]), mm=15) for kind in KINDS]
        + [Column(_("Packages received"), mm=16), Column(_("Notes"), weight=1.3, align=LEFT)]
    )


def note(row: submissions.UnitProgress) -> str:
    if row.status == submissions.RETURNED and row.returned_at is not None:
        return _("Returned on {date}: {reason}").format(
            date=format_date(submissions.local_time(row.returned_at).date()), reason=row.reason
        )
    if row.late:
        return _("Made after the deadline")
    return ""


def _summed(label: str, members: list[submissions.UnitProgress]) -> list[object]:
    """A subtotal or the 合计: how many of the units reported, and the records and packages they sent."""
    received = [row for row in members if row.package_id is not None]
    reported = sum(1 for row in members if row.status == submissions.REPORTED)
    status = _("{done} of {units} reported").format(done=reported, units=len(members))
    found: list[object] = ["", label, "", status, "", "", None]
    found += [sum(row.records(kind) for row in received) for kind in KINDS]
    found += [sum(row.packages for row in received), ""]
    return found


def rows(progress: list[submissions.UnitProgress], for_excel: bool = False, unit_code: str = "") -> list[list[object]]:
    """A row per unit (at a county each township's subtotal after its villages) and the 合计 row; counts as
    numbers, blank where nothing was received; times as times in a spreadsheet."""
    moment_of = submissions.local_time if for_excel else moment
    body: list[list[object]] = []
    number = 0
    items: list[Any] = list(progress)
    grouped = with_subtotals(unit_code, items, attrgetter("unit_code"), _Subtotal) if unit_code else None
    for row, is_subtotal in grouped or [(row, False) for row in items]:
        if is_subtotal:
            body.append(_summed(row.label, row.members))
            continue
        number += 1
        received = row.package_id is not None
        body.append(
            [
                number,
                row.unit_name,
                row.unit_code,
                row.status_label(),
                moment_of(row.created_at),
                moment_of(row.imported_at),
                row.sequence,
            ]
            + [row.records(kind) if received else None for kind in KINDS]
            + [row.packages if received else None, note(row)]
        )
    if progress:
        body.append(_summed(_("Total ({n} units)").format(n=len(progress)), progress))
    return body


@dataclass
class _Subtotal:
    """A township's subtotal row while the table is put in order."""

    label: str
    members: list[submissions.UnitProgress]
    unit_code: str = ""


def count_rows(counts: submissions.ProgressCounts) -> list[tuple[str, int, float | None]]:
    """Units per status with its share of all units, then the total."""
    body = [(_(submissions.STATUSES[s]), counts.count(s), counts.share(s)) for s in STATUS_ORDER]
    body.append((_("Units expected to report"), counts.expected, submissions.share(counts.expected, counts.expected)))
    return body


def count_columns() -> list[Column]:
    return [Column(_("Status"), weight=1, align=LEFT), Column(_("Units"), mm=30), Column(_("Share"), mm=30)]


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The progress table for the chosen period, PDF or .xlsx."""
    out_path = Path(out_path)
    unit, today, period = unit_and_period(options)
    progress = submissions.progress(unit.code, period, today)
    counts = submissions.progress_counts(progress)
    title, subtitle = _(TITLE), period_subtitle(period)
    if out_path.suffix.lower() == ".xlsx":
        heading = f"{title} {period.name}"
        sheets = [
            report_sheet(_("Progress"), heading, columns(), rows(progress, True, unit.code), total_rows=1),
            report_sheet(_("Counts"), heading, count_columns(), count_rows(counts), {2: PERCENT}),
        ]
        return write_sheets(out_path, sheets, unit_name=unit.name, date=today, author=unit.name, subtitle=subtitle)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, subject=subtitle)
    doc.heading(title, unit.name, today, subtitle=subtitle)
    body = rows(progress, unit_code=unit.code)
    grid(doc, columns(), body, total_rows=1, bold_rows=subtotal_rows(body))
    doc.spacer(5)
    shown = [[label, n, percent(share)] for label, n, share in count_rows(counts)]
    grid(doc, count_columns(), shown, width_mm=150)
    doc.spacer(2)
    doc.paragraph(
        _(
            "A unit has reported when a package from it was made or received within the period; only its "
            "latest package counts. A returned package stands returned until a later one arrives. Units "
            "without a package are overdue after the deadline."
        ),
        "note",
    )
    return doc.save(out_path, options.report_missing)
