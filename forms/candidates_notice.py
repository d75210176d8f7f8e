"""候选人名单公示: the executive-committee candidates of an election, published before the congress.

The candidates are those of the election's first vote for the executive
committee (written-in names are not candidates), in surname stroke order, with
the birth month, education and political status their person records hold.

The notice period: the step "candidate list reviewed and published" records one
date, so the notice runs from it for ``representatives.NOTICE_DAYS`` days
(counting that day); without that date the period is left blank to write in.
The notice ends with the line asking for opinions, the publishing federation
and the date of publication.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from forms import election_common as common
from models import codes
from models.elections import records as er
from models.elections import representatives as reps
from models.i18n import N_, _, format_date, format_date_range, format_year_month
from models.people import Person, split_year_month
from models.stats import elections_newest_first
from models.strokes import sort_by_surname_strokes
from models.units import CITY, COUNTY, TOWNSHIP, VILLAGE, level_of

from .layout import LEFT, PORTRAIT, Column, FormDocument, FormError, FormResult, labelled

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Public notice of the candidates")
NOTICE_STEP = "candidates_published"
# Where else an opinion may be taken: the federation one level up.
_FEDERATION_ABOVE = {
    VILLAGE: N_("the township (subdistrict) women's federation"),
    TOWNSHIP: N_("the county women's federation"),
    COUNTY: N_("the city women's federation"),
    CITY: N_("the provincial women's federation"),
}


def first_committee_round(election: er.Election) -> er.ElectionRound | None:
    return next((r for r in election.rounds() if r.kind == "committee"), None)


def candidates(election: er.Election) -> list[er.ElectionCandidate]:
    """The nominated candidates of the first committee vote, in surname stroke order."""
    round_ = first_committee_round(election)
    if round_ is None:
        return []
    return sort_by_surname_strokes([c for c in round_.candidates() if not c.write_in], key=lambda c: c.name)


def choose(options: FormOptions) -> tuple[common.Chosen, list[er.ElectionCandidate]]:
    """The election asked for (or the newest with candidates) and its candidates; FormError when it has none."""
    if options.record_id:
        chosen = common.choose(options, need_round=False)
    else:
        unit = common.unit_of(options.unit_code)
        elections = elections_newest_first(unit.code)
        if not elections:
            raise FormError(
                _("No election has been entered for {unit} yet; enter one on the elections page first.").format(
                    unit=unit.name
                )
            )
        election = next((e for e in elections if candidates(e)), elections[0])
        chosen = common.Chosen(unit, election, None)
    found = candidates(chosen.election)
    if not found:
        raise FormError(
            _(
                "The election {title} has no candidates for the executive committee yet; add them to its vote first."
            ).format(title=chosen.election.title())
        )
    return chosen, found


def columns() -> list[Column]:
    return [
        Column(_("No."), mm=12),
        Column(_("Name"), mm=28),
        Column(_("Year and month of birth"), mm=24),
        Column(_("Education"), mm=30),
        Column(_("Political status"), mm=30),
        Column(_("Workplace and position"), weight=1, align=LEFT),
    ]


def rows(found: list[er.ElectionCandidate]) -> list[list[object]]:
    ids = [c.person_id for c in found if c.person_id]
    people = {p.uuid: p for p in Person.select().where(Person.uuid.in_(ids))} if ids else {}
    out: list[list[object]] = []
    for number, candidate in enumerate(found, start=1):
        person = people.get(candidate.person_id or "")
        born = split_year_month(person.birth) if person is not None else None
        out.append(
            [
                number,
                candidate.name,
                format_year_month(*born) if born else "",
                codes.EDUCATION.label(person.education) if person is not None else "",
                codes.POLITICAL.label(person.political) if person is not None else "",
                person.workplace if person is not None else "",
            ]
        )
    return out


def build(out_path: Path, options: FormOptions) -> FormResult:
    chosen, found = choose(options)
    round_ = first_committee_round(chosen.election)
    assert round_ is not None  # candidates were found in it
    title = _(TITLE)
    about = common.round_title(chosen, round_)
    above = _FEDERATION_ABOVE.get(level_of(chosen.unit.code))
    publisher = common.federation(chosen.unit)
    period = reps.notice_period(chosen.election, NOTICE_STEP)
    published = period[0] if period else options.today or _dt.date.today()
    doc = FormDocument(title, author=publisher, orientation=PORTRAIT, subject=about)
    doc.heading(
        _("{federation} {term}candidates for the {elects}: public notice").format(
            federation=publisher, term=common.term(chosen.election), elects=common.round_elects(round_)
        )
    )
    doc.continued_unit = chosen.unit.name
    doc.paragraph(
        _(
            "The following {n} candidates for {seats} seats have been reviewed and are published "
            "(in surname stroke order):"
        ).format(n=len(found), seats=round_.seats)
    )
    doc.spacer(2)
    doc.table(columns(), rows(found))
    doc.spacer(3)
    gap = "_" * 12  # a line to write on
    days = format_date_range(*period) if period else _("{gap}to{gap}").format(gap=gap)
    doc.paragraph(labelled(_("Notice period"), days))
    whom = _("{federation} or {above}").format(federation=publisher, above=_(above)) if above else publisher
    doc.paragraph(
        _(
            "If you have any opinion during the notice period, please tell {whom} in person, by letter or by phone. "
            "Phone: {gap}"
        ).format(whom=whom, gap=gap)
    )
    doc.spacer(8)
    doc.paragraph(publisher, "right")
    doc.paragraph(format_date(published), "right")
    doc.keep_tail_with_table()
    return doc.save(out_path, options.report_missing)
