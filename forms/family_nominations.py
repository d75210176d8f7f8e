"""推荐户汇总表: the year's 最美家庭 nominations in one table, sent upward with the 推荐表.

At a village, the village's own nominations. At a township or county, the
nominations of the units below it (as their packages brought them) that were
recommended upward or awarded (``awards.UPWARD_OUTCOMES``), each with its
unit; at a county grouped by township, each group closed by its subtotal.
The 事迹简介 is printed whole: it is at most 300 characters.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from forms import ledger
from forms.nomination_sheets import FAMILY_AWARDS, notice_text
from models.awards import LEVEL, OUTCOME, UPWARD_OUTCOMES, Nomination, nomination_years, nominations_of
from models.i18n import N_, _
from models.units import Unit, is_above_village, names_of, subtree_prefix

from .layout import LANDSCAPE, LEFT, Column, FormDocument, FormResult, with_subtotals
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

SPEC_TITLE = N_("Nominated families")  # in the list of forms
TITLE = N_("Summary of nominated families")

Row = tuple[str, list[object]]  # (the unit's code, the cells)


def columns(with_unit: bool) -> list[Column]:
    out = [
        Column(_("No."), mm=10),
        Column(_("Family"), mm=32),
        Column(_("Family members"), weight=1.4, align=LEFT),
    ]
    if with_unit:
        out.append(Column(_("Unit"), mm=28))
    out += [
        Column(_("Summary of deeds"), weight=3.6, align=LEFT),
        Column(_("Level"), mm=18),
        Column(_("Public notice"), mm=30),
        Column(_("Outcome"), mm=18),
    ]
    return out


def upward_note() -> str:
    """The line under a township's or county's table saying which nominations it lists."""
    outcomes = _("、").join(OUTCOME.label(code) for code in UPWARD_OUTCOMES)
    return _("Listed: the nominations of the units below marked {outcomes}.").format(outcomes=outcomes)


def units_in_scope(unit: Unit) -> list[str]:
    """The village itself; above the village every unit below whose records are here (not the unit itself)."""
    if not is_above_village(unit.code):
        return [unit.code]
    below = Unit.live().where(Unit.code.startswith(subtree_prefix(unit.code)) & (Unit.code != unit.code))
    codes = [code for (code,) in below.select(Unit.code).tuples()]
    # Nominations of units whose own record has not come in yet still count.
    found = Nomination.live().where(
        Nomination.unit.startswith(subtree_prefix(unit.code)) & (Nomination.unit != unit.code)
    )
    return sorted(set(codes) | {code for (code,) in found.select(Nomination.unit.distinct()).tuples()})


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = ledger.unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    scope = units_in_scope(unit)
    years = nomination_years(scope, FAMILY_AWARDS)
    year = options.year or (years[0] if years else today.year)
    found = nominations_of(scope, year, FAMILY_AWARDS)
    above = is_above_village(unit.code)
    if above:
        found = [n for n in found if n.outcome in UPWARD_OUTCOMES]
    names = names_of(n.unit for n in found) if above else {}
    rows: list[Row] = []
    for nomination in found:
        cells: list[object] = [None, nomination.nominee_name, nomination.family_members]
        if above:
            cells.append(names.get(nomination.unit, nomination.unit))
        cells += [
            nomination.summary,
            LEVEL.label(nomination.level),
            notice_text(nomination),
            OUTCOME.label(nomination.outcome),
        ]
        rows.append((nomination.unit, cells))

    width = len(columns(above))

    def subtotal(label: str, members: list[Row]) -> Row:
        cells: list[object] = [None, label, _("{n} families").format(n=len(members))]
        return ("", cells + [""] * (width - 3))

    body: list[list[object]] = []
    bold: list[int] = []
    number = 0
    for (_code, cells), is_subtotal in with_subtotals(unit.code, rows, lambda r: r[0], subtotal):
        if is_subtotal:
            bold.append(len(body))
        else:
            number += 1
            cells[0] = number
        body.append(cells)
    if rows:
        bold.append(len(body))
        total: list[object] = [None, _("Total"), _("{n} families").format(n=len(rows))]
        body.append(total + [""] * (width - 3))
    title = _(TITLE)
    subtitle = _("{year} Most Beautiful Family selection").format(year=year)
    if above:
        # An empty table says so: a county may well have none yet, and the table is still asked for.
        empty = _("No Most Beautiful Family nomination of the units below {unit} in {year} has come in yet.").format(
            unit=unit.name, year=year
        )
    else:
        empty = _("No Most Beautiful Family nomination has been entered for {year} yet.").format(year=year)
    notes = [upward_note()] if above else []
    if out_path.suffix.lower() == ".xlsx":
        sheet = Sheet(
            title, f"{title} {subtitle}", columns(above), body, empty, total_rows=1 if rows else 0, notes=notes
        )
        return write_sheets(out_path, [sheet], unit_name=unit.name, date=today, author=unit.name, subtitle=subtitle)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, subject=subtitle)
    doc.heading(title, unit.name, today, subtitle=subtitle)
    doc.table(columns(above), body, empty_text=empty, bold_rows=bold)
    for note in notes:
        doc.paragraph(note, "note")
    doc.signatures()
    return doc.save(out_path, options.report_missing)
