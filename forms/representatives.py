"""妇女代表名册: the women's representatives of an election, the list behind its 应到.

One form for both uses: the list the township reviews, and the same list
published (公示) before the meeting. When the election's step "representatives
selected" has a date, the title says （公示） and the notice period is printed
(from that day, ``representatives.NOTICE_DAYS`` days: a step records one date).

Rows by 村民小组 (网格), then surname stroke order; the count and 应到 (with
the reason when they differ); the village federation's signatures and seal,
then a box for the opinion of the federation one level up.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from forms import election_common as common
from forms.election_report import election_name
from models import codes
from models.elections import records as er
from models.elections import representatives as reps
from models.i18n import N_, _, format_date_range, format_year_month, in_brackets
from models.people import split_year_month
from models.stats import elections_newest_first

from .layout import (
    LEFT,
    MM,
    PORTRAIT,
    Column,
    FormDocument,
    FormError,
    FormResult,
    higher_federation_opinion,
    labelled,
)

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("List of women's representatives")
NOTICE_TITLE = N_("List of women's representatives (public notice)")
# The step whose date starts the list's notice.
NOTICE_STEP = "representatives"


def columns() -> list[Column]:
    return [
        Column(_("No."), mm=12),
        Column(_("Name"), mm=26),
        Column(_("Villagers' group (grid)"), mm=34),
        Column(_("Year and month of birth"), mm=22),
        Column(_("Identity categories"), weight=1.2),
        Column(_("Notes"), weight=1, align=LEFT),
    ]


def rows(election: er.Election) -> list[list[object]]:
    out: list[list[object]] = []
    for number, row in enumerate(reps.in_print_order(reps.representatives(election)), start=1):
        born = split_year_month(row.birth_month)
        out.append(
            [
                number,
                row.name,
                row.group_name,
                format_year_month(*born) if born else "",
                codes.IDENTITY.label(row.category),
                row.notes,
            ]
        )
    return out


def choose(options: FormOptions) -> common.Chosen:
    """The election asked for, else the newest one with representatives listed, else the newest."""
    if options.record_id:
        return common.choose(options, need_round=False)
    unit = common.unit_of(options.unit_code)
    elections = elections_newest_first(unit.code)
    if not elections:
        raise FormError(
            _("No election has been entered for {unit} yet; enter one on the elections page first.").format(
                unit=unit.name
            )
        )
    listed = next((e for e in elections if er.representative_count(e)), elections[0])
    return common.Chosen(unit, listed, None)


def count_sentence(election: er.Election, count: int) -> str:
    """共N人; 应到 when it is not the count, with the reason."""
    entitled = reps.entitled_of(election)
    if not count or entitled == count:
        return _("{n} representatives in all.").format(n=count)
    reason = election.entitled_reason.strip()
    return _("{n} representatives in all; entitled to attend: {entitled}{reason}.").format(
        n=count, entitled=entitled, reason=in_brackets(reason) if reason else ""
    )


def opinion_box(doc: FormDocument, heading: str, height_mm: float = 30) -> None:
    """A ruled box for the federation above to write its opinion in, stamp and date (never split)."""
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    styles = doc.styles
    right = styles.right.clone("opinion-right")
    seal_text = _("(seal)")
    date = common.blank_date()
    cell = [
        styles.paragraph(heading, styles.left),
        Spacer(1, height_mm * MM),
        styles.paragraph(seal_text, right),
        Spacer(1, 1 * MM),
        styles.paragraph(date, right),
    ]
    box = Table([[cell]], colWidths=[doc.width_mm * MM])
    box.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 1, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * MM),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * MM),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * MM),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * MM),
            ]
        )
    )
    doc.add(KeepTogether([Spacer(1, 5 * MM), box]), [heading, seal_text, date])


def build(out_path: Path, options: FormOptions) -> FormResult:
    chosen = choose(options)
    election = chosen.election
    period = reps.notice_period(election, NOTICE_STEP)
    title = _(NOTICE_TITLE if period else TITLE)
    name = election_name(chosen)
    doc = FormDocument(title, author=common.federation(chosen.unit), orientation=PORTRAIT, subject=name)
    doc.heading(title, chosen.unit.name, options.today or _dt.date.today(), subtitle=name)
    if period:
        doc.paragraph(labelled(_("Notice period"), format_date_range(*period)))
        doc.spacer(2)
    listed = rows(election)
    doc.table(columns(), listed, empty_text=_("No women's representatives have been listed for this election yet."))
    doc.spacer(2)
    doc.paragraph(count_sentence(election, len(listed)))
    doc.signatures([_("Head of unit"), _("Filled in by"), _("Phone"), _("Date filled in")], seal_label=_("(unit seal)"))
    heading = higher_federation_opinion(chosen.unit.code)
    if heading:
        opinion_box(doc, heading)
    doc.keep_tail_with_table()
    return doc.save(out_path, options.report_missing)
