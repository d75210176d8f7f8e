""" "两癌"检查报名登记表: the women of a year's screening round with their sign-up and examination dates.

Each woman signs in the blank column herself. The form names screened women:
every page says 内部资料 注意保密 and every build is logged (``names_people``).
It never prints a result: none is kept.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from models import screening as sc
from models.i18n import N_, _, format_list_date

from .layout import (
    CENTER,
    LANDSCAPE,
    LEFT,
    Column,
    FormDocument,
    FormError,
    FormResult,
    labelled,
    section_title,
    yes_no,
)
from .ledger import unit_of
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_('"Two cancers" screening sign-up register')

_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Name"), 20, 1, CENTER),
    (N_("Birth month"), 18, 1, CENTER),
    (N_("Age"), 10, 1, CENTER),
    (N_("Villagers' group or grid"), None, 1.5, CENTER),
    (N_("Registered here"), 15, 1, CENTER),
    (N_("Low income"), 13, 1, CENTER),
    (N_("Phone"), 28, 1, CENTER),
    (N_("Signed up on"), 22, 1, CENTER),
    (N_("Examined on"), 22, 1, CENTER),
    (N_("Signature"), 24, 1, CENTER),
    (N_("Notes"), None, 2, LEFT),
)


def columns() -> list[Column]:
    return [Column(_(header), mm, weight, align) for header, mm, weight, align in _COLUMNS]


def year_of(unit_code: str, year: int | None, today: _dt.date) -> int:
    """The year asked for, else the latest year with a round, else this year."""
    if year:
        return year
    found = sc.years(unit_code)
    return found[0] if found else today.year


def rounds_for(unit_code: str, year: int, record_id: str | None) -> list[sc.ScreeningRound]:
    """The round asked for (``record_id``: a FormError when it is not one of the unit's) or every round of the year."""
    found = sc.rounds(unit_code, year)
    if record_id:
        found = [r for r in found if r.uuid == record_id]
        if not found:
            raise FormError(_("There is no screening round with the id {id}.").format(id=record_id))
    return found


def no_round(unit_name: str, year: int) -> str:
    """What a form of a year without a round says in its table (printed, not refused: the table is asked for)."""
    return _("{unit} has no screening round of {year}: enter it on the page 两癌检查 first.").format(
        unit=unit_name, year=year
    )


def rows(screening_round: sc.ScreeningRound, excel: bool = False) -> list[list[object]]:
    def day(value):
        if value is None:
            return ""
        return value if excel else format_list_date(value)

    reference = sc.reference_date(screening_round)
    return [
        [
            number,
            woman.name,
            woman.birth_month.replace("-", "."),
            sc.age_at(woman.birth_month, reference) or "",
            woman.group_name,
            yes_no(woman.registered_here),
            yes_no(woman.low_income),
            woman.phone,
            day(woman.signed_up_on),
            day(woman.examined_on),
            "",
            woman.notes,
        ]
        for number, woman in enumerate(sc.women_of(screening_round), start=1)
    ]


def round_line(screening_round: sc.ScreeningRound) -> str:
    """名额120人 · 适龄妇女180人 · 已报名95人 · 已检查80人 · 地点：镇卫生院 · 2026-04-01至2026-05-31."""
    totals = sc.totals(screening_round)
    parts = [
        _("Quota {n}").format(n=totals.quota),
        _("Eligible {n}").format(n=totals.eligible),
        _("Signed up {n}").format(n=totals.signed_up),
        _("Examined {n}").format(n=totals.examined),
    ]
    if screening_round.place:
        parts.append(labelled(_("Place"), screening_round.place))
    if screening_round.starts_on:
        end = format_list_date(screening_round.ends_on) if screening_round.ends_on else ""
        parts.append(_("{start} to {end}").format(start=format_list_date(screening_round.starts_on), end=end).strip())
    return " · ".join(parts)


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    year = year_of(unit.code, options.year, today)
    found = rounds_for(unit.code, year, options.record_id)
    title = _(TITLE)
    empty = _("No women have been entered in this round yet.") if found else no_round(unit.name, year)
    excel = out_path.suffix.lower() == ".xlsx"
    if excel:
        sheets = [
            Sheet(
                sc.round_title(r)[:31],
                f"{title} {sc.round_title(r)}",
                columns(),
                rows(r, excel=True),
                empty,
                notes=[round_line(r)],
            )
            for r in found
        ] or [Sheet(str(year), f"{title} {year}", columns(), [], empty)]
        return write_sheets(
            out_path, sheets, unit_name=unit.name, date=today, author=unit.name, landscape=True, confidential=True
        )
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE, confidential=True)
    doc.heading(title, unit.name, today, subtitle=round_line(found[0]) if len(found) == 1 else str(year))
    if not found:
        doc.table(columns(), [], empty_text=empty)
    for number, screening_round in enumerate(found, start=1):
        if len(found) > 1:
            doc.need_room(40)
            heading = f"{sc.round_title(screening_round)}　{round_line(screening_round)}"
            doc.paragraph(section_title(number, heading), "heading")
        doc.table(columns(), rows(screening_round), empty_text=empty)
        doc.spacer(3)
    doc.paragraph(_("Only the dates are recorded here; no result of an examination is ever written down."), "note")
    doc.signatures()
    return doc.save(out_path, options.report_missing)
