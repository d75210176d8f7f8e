"""报送封面: the cover sheet printed with a package and sent with it (or filed).

It lists what the package carries — records per kind, photos, the scope,
how ID numbers were treated — with the package id, its number and the
SHA-256 of the file, so the receiving federation can match the paper to the
file, and the fingerprint of the key that signed it, which the receiving
federation compares before it trusts a unit's new computer; then the
signature lines and the seal box. Built from the package file
itself, not from the database, so it describes exactly what was written.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from models import submissions
from models.exchange import Manifest, fingerprint, read_manifest
from models.exchange.tables import data_member
from models.i18n import N_, _, format_number

from .layout import LEFT, RIGHT, Column, FormDocument, FormResult, unit_with_code
from .progress import moment
from .summary import grid, records_scope

TITLE = N_("Cover sheet of a data package")
# The package counts photos two ways; each line says which, so the two numbers do not read as a contradiction.
PHOTO_LINKS = N_("Photos attached to records (a photo on two records counts twice)")
PHOTO_FILES = N_("Photo files (each photo once)")
PRIVACY = {"omitted": N_("left out"), "masked": N_("masked (430121********1234)"), "full": N_("in full")}
PHONES = {"masked": N_("masked (138****5678)"), "full": N_("in full")}


def photo_files(manifest: Manifest) -> int:
    """The photo files the package carries: each distinct photo once, however many records show it."""
    return sum(1 for name in manifest.members if name.startswith("photos/"))


def build_cover(
    package_path: Path,
    out_path: Path,
    today: _dt.date | None = None,
    report_missing: Callable[[list[str]], None] | None = None,
) -> FormResult:
    manifest, file_sha = read_manifest(package_path)
    package_path = Path(package_path)
    today = today or _dt.date.today()
    title = _(TITLE)
    doc = FormDocument(title, author=manifest.source_name, subject=manifest.package_id)
    doc.heading(title, manifest.source_name, today)
    scope = records_scope(manifest.scope_from, manifest.scope_to)
    facts = [
        [_("Reporting unit"), unit_with_code(manifest.source_name, manifest.source_code)],
        [_("Package id"), manifest.package_id],
        [_("Package number"), str(manifest.sequence)],
        [_("Made on"), moment(manifest.created_at.replace(tzinfo=None))],
        [_("Records sent"), scope],
        [_("ID numbers"), _(PRIVACY.get(manifest.id_numbers, manifest.id_numbers))],
        [_("Phone numbers"), _(PHONES[manifest.phones]) if manifest.phones else _("in full (not stated)")],
        [_("File"), package_path.name],
        [_("Size"), _("{n} bytes").format(n=format_number(package_path.stat().st_size))],
        [_("SHA-256 of the file"), file_sha],
        [
            _("Key fingerprint"),
            fingerprint(manifest.installation_key)
            if manifest.installation_key is not None
            else _("none (an unsigned package)"),
        ],
    ]
    grid(doc, [Column(_("Item"), mm=40, align=LEFT), Column(_("Value"), weight=1, align=LEFT)], facts, total_rows=0)
    doc.spacer(4)
    records: dict[str, int] = {}  # label → records; tables of one label added up
    for kind, label in submissions.KIND_LABELS.items():
        member = manifest.members.get(data_member(kind))
        if member is not None and member.records:
            shown = PHOTO_LINKS if kind == "photo_link" else label
            records[shown] = records.get(shown, 0) + member.records
    rows = [[_(shown), format_number(count)] for shown, count in records.items()]
    photos = photo_files(manifest)
    if photos:
        rows.append([_(PHOTO_FILES), format_number(photos)])
    grid(
        doc,
        [Column(_("Kind of record"), weight=1, align=LEFT), Column(_("Records"), mm=30, align=RIGHT)],
        rows,
        total_rows=0,
        empty_text=_("The package carries no records."),
    )
    doc.spacer(2)
    doc.paragraph(_("Sensitive activities travel as counts only: no names, no photos, no notes."), "note")
    doc.paragraph(
        _(
            "A committee member's contacts travel as counts only (date, way, member, handling) unless the cadre "
            "let a contact's notes go upward."
        ),
        "note",
    )
    doc.paragraph(
        _(
            "The key fingerprint names the computer that made and signed the package. The receiving federation "
            "compares it with the one its program shows before it accepts packages from a new computer."
        ),
        "note",
    )
    doc.signatures()
    return doc.save(Path(out_path), report_missing)
