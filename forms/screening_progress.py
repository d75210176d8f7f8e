""" "两癌"检查进度表: the year's screening against the quota, week by week; no names.

At a village: each round's quota, the women eligible, signed up and
examined, the ages of those examined, then the weeks. At a township or
county: one row per village below from the counts its packages brought
(``care_counts``), township subtotals at a county, the total, the villages
that have sent none, then the weeks of all of them together.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models import care_counts
from models import screening as sc
from models.i18n import N_, _, format_list_date, format_percent
from models.submissions import expected_units
from models.units import is_above_village

from .layout import LANDSCAPE, LEFT, Column, FormDocument, FormResult, section_title, with_subtotals
from .ledger import unit_of
from .screening_signup import no_round, round_line, rounds_for, year_of
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_('"Two cancers" screening progress')
REGISTER = "screening"


def percent(value: float | None) -> str:
    return "" if value is None else format_percent(value)


def _week_columns() -> list[Column]:
    return [
        Column(_("Week"), 24),
        Column(_("Monday to Sunday"), None, 2),
        Column(_("Signed up this week"), 24),
        Column(_("Examined this week"), 24),
        Column(_("Signed up so far"), 24),
        Column(_("Examined so far"), 24),
        Column(_("Share of the quota"), 24),
    ]


def _county_week_columns() -> list[Column]:
    """What travels of the weeks is who was examined: the units' weeks have no sign-ups."""
    return [
        Column(_("Week"), 30),
        Column(_("Monday to Sunday"), None, 2),
        Column(_("Examined this week"), 34),
        Column(_("Examined so far"), 34),
        Column(_("Share of the quota"), 34),
    ]


def _week_dates(week: str) -> str:
    monday = _dt.date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
    return f"{format_list_date(monday)} – {format_list_date(monday + _dt.timedelta(days=6))}"


@dataclass
class UnitRow:
    """A unit below and its counts of the year (None: it has sent none)."""

    code: str
    name: str
    counts: care_counts.Counts | None
    subtotal: bool = False
    summed: dict[str, int] = field(default_factory=dict)

    def value(self, dimension: str, code: str) -> int:
        if self.summed:
            return self.summed.get(f"{dimension}/{code}", 0)
        return (self.counts or {}).get((dimension, code), 0)


_BANDS = ("35_44", "45_54", "55_64")
_UNIT_FIGURES = [("total", c) for c in sc.TOTAL_CODES] + [("age_band", b) for b in _BANDS]


def _summed(name: str, rows: list[UnitRow]) -> UnitRow:
    summed = {f"{d}/{c}": sum(r.value(d, c) for r in rows) for d, c in _UNIT_FIGURES}
    return UnitRow("", name, {}, subtotal=True, summed=summed)


def _unit_line(number: int | None, row: UnitRow) -> list[object]:
    values = [row.value(d, c) for d, c in _UNIT_FIGURES]
    quota, examined = values[0], values[3]
    share = percent(examined / quota) if quota else ""
    reported = row.counts is not None or row.subtotal
    if not reported:
        blank: list[object] = [""] * (len(values) + 1)
        return [number, row.name, *blank, _("Not reported")]
    return [number if number is not None else "", row.name, *values, share, ""]


def _unit_columns() -> list[Column]:
    return [
        Column(_("No."), 10),
        Column(_("Unit"), None, 2, LEFT),
        Column(_("Quota"), 16),
        Column(_("Eligible"), 16),
        Column(_("Signed up"), 16),
        Column(_("Examined"), 16),
        Column(_("Examined aged 35–44"), 20),
        Column(_("Examined aged 45–54"), 20),
        Column(_("Examined aged 55–64"), 20),
        Column(_("Share of the quota"), 20),
        Column(_("Notes"), 22),
    ]


@dataclass
class Below:
    """The units below as the county's form prints them."""

    body: list[list[object]]
    bold: list[int]  # the subtotal and total rows
    missing: list[UnitRow]  # the villages that have sent no counts of the year
    weeks: dict[str, int]  # examined by ISO week, all units together
    quota: int


def units_table(unit_code: str, year: int) -> Below:
    """The rows of the units below, their subtotals and total, those not reported, the weeks of all."""
    villages = expected_units(unit_code)  # the villages the cockpit expects, one per code
    counts = care_counts.counts_of([village.code for village in villages], REGISTER, str(year))
    rows = [UnitRow(village.code, village.name, counts.get(village.code)) for village in villages]
    ordered = with_subtotals(unit_code, rows, lambda r: r.code, _summed)
    body: list[list[object]] = []
    bold: list[int] = []
    number = 0
    for row, is_subtotal in ordered:
        if is_subtotal:
            bold.append(len(body))
            body.append(_unit_line(None, row))
        else:
            number += 1
            body.append(_unit_line(number, row))
    reported = [r for r in rows if r.counts is not None]
    total = _summed(_("Total ({n} units)").format(n=len(rows)), reported)
    bold.append(len(body))
    body.append(_unit_line(None, total))
    weeks: dict[str, int] = {}
    for row in reported:
        for (dimension, code), n in (row.counts or {}).items():
            if dimension == "week":
                weeks[code] = weeks.get(code, 0) + n
    return Below(body, bold, [r for r in rows if r.counts is None], weeks, total.value("total", "quota"))


def week_lines_from_counts(weeks: dict[str, int], quota: int) -> list[list[object]]:
    """The weeks of the units below (examined only: that is what travels), every week from the first to the last."""
    if not weeks:
        return []
    first = min(weeks)
    monday = _dt.date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
    last = max(weeks)
    lines: list[list[object]] = []
    so_far = 0
    while sc.iso_week(monday) <= last:
        week = sc.iso_week(monday)
        so_far += weeks.get(week, 0)
        share = percent(so_far / quota) if quota else ""
        lines.append([week, _week_dates(week), weeks.get(week, 0), so_far, share])
        monday += _dt.timedelta(days=7)
    return lines


def week_lines(unit_code: str, screening_round: sc.ScreeningRound) -> list[list[object]]:
    return [
        [
            w.week,
            _week_dates(w.week),
            w.signed_up,
            w.examined,
            w.signed_up_so_far,
            w.examined_so_far,
            percent(w.share()),
        ]
        for w in sc.week_progress(unit_code, screening_round)
    ]


def _round_columns() -> list[Column]:
    return [
        Column(_("Quota"), None),
        Column(_("Eligible"), None),
        Column(_("Signed up"), None),
        Column(_("Examined"), None),
        Column(_("Examined aged 35–44"), None),
        Column(_("Examined aged 45–54"), None),
        Column(_("Examined aged 55–64"), None),
        Column(_("Share of the quota"), None),
    ]


def round_figures(screening_round: sc.ScreeningRound) -> list[object]:
    """The round's line: the same figures that travel upward (``screening.round_counts``)."""
    counts = sc.round_counts(screening_round)
    values = [counts.get(key, 0) for key in _UNIT_FIGURES]
    quota, examined = values[0], values[3]
    return [*values, percent(examined / quota if quota else None)]


def build(out_path: Path, options: FormOptions) -> FormResult:
    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    title = _(TITLE)
    excel = out_path.suffix.lower() == ".xlsx"
    no_weeks = _("No one has signed up or been examined yet.")
    if is_above_village(unit.code):
        year = options.year or today.year
        below = units_table(unit.code, year)
        body, bold, missing = below.body, below.bold, below.missing
        weeks_body = week_lines_from_counts(below.weeks, below.quota)
        subtitle = _("Year {year}").format(year=year)
        note = _("Not reported: {names}").format(names="、".join(r.name for r in missing)) if missing else ""
        if excel:
            sheets = [
                Sheet(
                    _("Units"), f"{title} {subtitle}", _unit_columns(), body, total_rows=1, notes=[note] if note else []
                ),
                Sheet(_("Weeks"), f"{title} {subtitle}", _county_week_columns(), weeks_body, no_weeks),
            ]
            return write_sheets(out_path, sheets, unit_name=unit.name, date=today, author=unit.name, landscape=True)
        doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE)
        doc.heading(title, unit.name, today, subtitle=subtitle)
        doc.paragraph(section_title(1, _("Progress of the villages")), "heading")
        doc.table(_unit_columns(), body, bold_rows=bold, empty_text=_("There are no villages below this unit."))
        if note:
            doc.paragraph(note, "note")
        doc.need_room(40)
        doc.paragraph(section_title(2, _("Examined week by week, all units")), "heading")
        doc.table(_county_week_columns(), weeks_body, empty_text=no_weeks)
        doc.signatures()
        return doc.save(out_path, options.report_missing)
    year = year_of(unit.code, options.year, today)
    found = rounds_for(unit.code, year, options.record_id)
    if excel:
        sheets = [] if found else [Sheet(str(year), f"{title} {year}", _round_columns(), [], no_round(unit.name, year))]
        for screening_round in found:
            name = sc.round_title(screening_round)
            sheets.append(Sheet(name[:31], f"{title} {name}", _round_columns(), [round_figures(screening_round)]))
            sheets.append(
                Sheet(
                    (_("Weeks") + " " + name)[:31],
                    f"{title} {name}",
                    _week_columns(),
                    week_lines(unit.code, screening_round),
                    no_weeks,
                )
            )
        return write_sheets(out_path, sheets, unit_name=unit.name, date=today, author=unit.name, landscape=True)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE)
    doc.heading(title, unit.name, today, subtitle=_("Year {year}").format(year=year))
    if not found:
        doc.table(_round_columns(), [], empty_text=no_round(unit.name, year))
    number = 0
    for screening_round in found:
        number += 1
        doc.paragraph(
            section_title(number, f"{sc.round_title(screening_round)}　{round_line(screening_round)}"), "heading"
        )
        doc.table(_round_columns(), [round_figures(screening_round)])
        doc.spacer(3)
        number += 1
        doc.need_room(40)
        doc.paragraph(section_title(number, _("Week by week")), "heading")
        doc.table(_week_columns(), week_lines(unit.code, screening_round), empty_text=no_weeks)
        doc.spacer(3)
    doc.signatures()
    return doc.save(out_path, options.report_missing)
