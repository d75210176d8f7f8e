"""执委联系户名册: the households each committee member keeps in touch with, grouped by member.

Members come in committee order (chair first); the households not linked to
anyone follow under a heading of their own, so that none is left off.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from models import codes
from models.duties.households import current_members, households
from models.duties.members import members
from models.duties.records import Household
from models.i18n import N_, _

from .layout import CENTER, LANDSCAPE, LEFT, Column, FormDocument, FormResult, section_title
from .ledger import unit_of
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Households linked to committee members")
UNLINKED_HEADING = N_("Households not linked to a member")

_COLUMNS = (
    (N_("No."), 10, 1, CENTER),
    (N_("Head of household"), 20, 1, CENTER),
    (N_("Women in the household"), None, 3, LEFT),
    (N_("Number of women"), 15, 1, CENTER),
    (N_("Villagers' group or grid"), 24, 1, CENTER),
    (N_("Address"), None, 3, LEFT),
    (N_("Phone"), 28, 1, CENTER),
    (N_("Notes"), None, 2, LEFT),
)


def columns(with_member: bool = False) -> list[Column]:
    shown = [Column(_(header), mm, weight, align) for header, mm, weight, align in _COLUMNS]
    if with_member:
        shown.insert(1, Column(_("Committee member"), 20, 1, CENTER))
    return shown


def _row(number: int, household: Household) -> list[object]:
    return [
        number,
        household.head_name,
        household.members,
        household.women,
        household.group_name,
        household.address,
        household.phone,
        household.notes,
    ]


def groups(unit_code: str) -> list[tuple[str, str, list[Household]]]:
    """(member's name, heading, households) per committee member in committee order, then those linked
    to nobody (no name)."""
    linked = current_members(unit_code)
    by_member: dict[str | None, list[Household]] = {}
    for household in households(unit_code):
        by_member.setdefault(linked.get(household.uuid), []).append(household)
    result = []
    for person in members(unit_code):
        found = by_member.pop(person.uuid, [])
        women = sum(h.women for h in found)
        heading = _("{name} ({post}): {n} households, {women} women").format(
            name=person.name, post=codes.POST.label(person.post), n=len(found), women=women
        )
        result.append((person.name, heading, found))
    # Linked to someone no longer on the committee, or to nobody: listed, not lost.
    rest = [h for found in by_member.values() for h in found]
    if rest:
        result.append(("", _(UNLINKED_HEADING), sorted(rest, key=lambda h: (h.group_name, h.head_name))))
    return result


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    title = _(TITLE)
    parts = groups(unit.code)
    empty = _("No households have been linked yet.")
    if out_path.suffix.lower() == ".xlsx":
        rows: list[list[object]] = []
        for member, _heading, found in parts:
            for household in found:
                row = _row(len(rows) + 1, household)
                rows.append(row[:1] + [member] + row[1:])
        sheet = Sheet(title, title, columns(with_member=True), rows, empty)
        return write_sheets(out_path, [sheet], unit_name=unit.name, date=today, author=unit.name, landscape=True)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE)
    total = sum(len(found) for _member, _heading, found in parts)
    women = sum(h.women for _member, _heading, found in parts for h in found)
    doc.heading(
        title,
        unit.name,
        today,
        subtitle=_("{n} households, {women} women").format(n=total, women=women),
    )
    if not total:
        # Nothing linked yet: one table that says so, not an empty one per member.
        doc.table(columns(), [], empty_text=empty)
        parts = []
    for number, (_member, heading, found) in enumerate(parts, start=1):
        doc.need_room(40)
        doc.paragraph(section_title(number, heading), "heading")
        doc.table(
            columns(),
            [_row(i, h) for i, h in enumerate(found, start=1)],
            empty_text=_("No households are linked to this member."),
        )
        doc.spacer(3)
    doc.signatures()
    return doc.save(out_path, options.report_missing)
