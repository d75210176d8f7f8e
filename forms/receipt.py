"""回执: the receipt sent back to a unit below for a package it submitted.

It says which package arrived (its id, number, when it was made, the file
and its SHA-256 so the unit can match it to what it sent), on which day it
was received, what it carried per kind of record, and whether it was
accepted or returned for correction with the reason; then the receiving
unit's signature lines and seal box. One page, A4 portrait. ``--id`` is the
package id or the unit's code (its latest package); without it, the latest
package received.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from models import submissions
from models.exchange import ImportLog
from models.i18n import N_, _, format_date

from .election_common import unit_of
from .layout import LEFT, RIGHT, Column, FormDocument, FormError, FormResult, federation, labelled, unit_with_code
from .progress import moment
from .summary import grid, records_scope

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Receipt for a submitted package")


def chosen_package(unit_code: str, key: str | None) -> ImportLog:
    if not key:
        entry = ImportLog.live().order_by(ImportLog.imported_at.desc()).first()
        if entry is None:
            raise FormError(_("No package from a unit below has been imported yet."))
        return entry
    entry = submissions.find_package(unit_code, key)
    if entry is None:
        raise FormError(_("No imported package has the id or unit code {key}.").format(key=key))
    return entry


def count_rows(entry: ImportLog) -> list[list[object]]:
    """Per kind of record carried: records, added, changed, removed; kinds with nothing left out."""
    counts = submissions.package_counts(entry)
    lines: dict[str, list[int]] = {}  # label → records, added, changed, removed; tables of one label added up
    for kind, label in submissions.KIND_LABELS.items():
        c = counts.get(kind)
        if not c or not any(c.values()):
            continue
        line = lines.setdefault(label, [0, 0, 0, 0])
        found = (submissions.records_of(counts, kind), c.get("added", 0), c.get("changed", 0), c.get("tombstoned", 0))
        lines[label] = [a + b for a, b in zip(line, found, strict=True)]
    return [[_(label), *values] for label, values in lines.items()]


def build(out_path: Path, options: FormOptions) -> FormResult:
    out_path = Path(out_path)
    own = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    entry = chosen_package(own.code, options.record_id)
    returned = submissions.return_of(entry.package_id)
    latest = submissions.latest_package_of(entry.source_code)
    received = submissions.local_time(entry.imported_at)
    title = _(TITLE)
    sender = federation(own.name)
    doc = FormDocument(title, author=sender, subject=entry.package_id)
    doc.paragraph(title, "title")
    doc.paragraph(labelled(_("To"), unit_with_code(entry.source_name, entry.source_code)), "body")
    doc.paragraph(
        _("{own} received your package number {sequence}, made on {made}, on {received}.").format(
            own=sender,
            sequence=entry.sequence,
            made=moment(entry.package_created_at),
            received=format_date(received.date()),
        ),
        "body",
    )
    scope = records_scope(entry.scope_from, entry.scope_to)
    facts = [
        [_("Package id"), entry.package_id],
        [_("Package number"), str(entry.sequence)],
        [_("Made on"), moment(entry.package_created_at)],
        [_("Received on"), moment(entry.imported_at)],
        [_("File"), entry.file_name],
        [_("SHA-256 of the file"), entry.file_sha256],
        [_("Records sent"), scope],
    ]
    grid(doc, [Column(_("Item"), mm=40, align=LEFT), Column(_("Value"), weight=1, align=LEFT)], facts, total_rows=0)
    doc.spacer(2)
    grid(
        doc,
        [
            Column(_("Kind of record"), weight=1, align=LEFT),
            Column(_("Records"), mm=25, align=RIGHT),
            Column(_("Added"), mm=25, align=RIGHT),
            Column(_("Changed"), mm=25, align=RIGHT),
            Column(_("Removed"), mm=25, align=RIGHT),
        ],
        count_rows(entry),
        total_rows=0,
        empty_text=_("The package carried no records."),
    )
    doc.spacer(2)
    if returned is not None:
        result = _("Result: returned for correction on {date}. Reason: {reason}").format(
            date=format_date(submissions.local_time(returned.returned_at).date()), reason=returned.reason
        )
        doc.paragraph(result, "body")
        doc.paragraph(_("Please correct the records and send a new package; it will replace this one."), "body")
    else:
        doc.paragraph(_("Result: accepted."), "body")
    if latest is not None and latest.package_id != entry.package_id:
        doc.paragraph(
            _("A later package (number {sequence}) was received on {date}; it replaces this one.").format(
                sequence=latest.sequence, date=format_date(submissions.local_time(latest.imported_at).date())
            ),
            "note",
        )
    doc.signatures([_("Received by"), _("Phone")])
    doc.paragraph(sender, "right")
    doc.paragraph(format_date(today), "right")
    return doc.save(out_path, options.report_missing)
