"""帮扶记录: the help given to one person in a year — who she is, each act of help, and for a left-behind
child the contacts with the parents, month by month.

``FormOptions.record_id`` names the person (a care target's uuid); without it
everyone with an act of help or a contact in the year is printed, each from a
new page (a person's record is kept in her own file). The year is
``FormOptions.year``, else the latest year with records. Confidential, logged.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from models import care
from models.codes import SEX
from models.i18n import N_, _, format_list_date, format_year_month
from models.people import split_year_month
from models.units import is_above_village

from .care_targets import kept_in_villages
from .election_common import Fact, facts_table
from .layout import CENTER, LEFT, Column, FormDocument, FormError, FormResult, section_title
from .ledger import unit_of

if TYPE_CHECKING:
    from models.units import Unit

    from .registry import FormOptions

TITLE = N_("Record of help")

ACT_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Date"), 22, 1, CENTER),
    (N_("Kind of help"), 20, 1, CENTER),
    (N_("Help given"), None, 3, LEFT),
    (N_("Goods"), 30, 1, LEFT),
    (N_("Amount (yuan)"), 22, 1, CENTER),
    (N_("Given by"), 18, 1, CENTER),
)
CONTACT_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Date"), 22, 1, CENTER),
    (N_("Way"), 18, 1, CENTER),
    (N_("Parent contacted"), 22, 1, CENTER),
    (N_("What was said"), None, 3, LEFT),
)


def _columns(spec) -> list[Column]:
    return [Column(_(header), mm, weight, align) for header, mm, weight, align in spec]


def year_of(unit_code: str, options: FormOptions, today: _dt.date) -> int:
    if options.year:
        return options.year
    years = care.years_with_records(unit_code)
    return years[0] if years else today.year


def _facts(target: care.CareTarget, year: int, today: _dt.date) -> list[Fact]:
    """Who the person is, as the head of the record shows it."""
    on = today if year == today.year else _dt.date(year, 12, 31)
    age = care.age_at(target.birth_month, on)
    ym = split_year_month(target.birth_month)
    birth = format_year_month(*ym) if ym else ""
    if age is not None:
        birth += _(" ({age} years old)").format(age=age)
    since = format_list_date(target.since) if target.since else ""
    if target.ended_on:
        since += _(" to {date}").format(date=format_list_date(target.ended_on))
    facts = [
        Fact(_("Name"), target.name),
        Fact(_("Category"), care.CATEGORY.label(target.category)),
        Fact(_("Sex"), SEX.label(target.sex)),
        Fact(_("Birth month"), birth),
        Fact(_("Villagers' group or grid"), target.group_name),
        Fact(_("Phone"), target.phone),
        Fact(_("Paired helper"), target.helper),
        Fact(_("Helped since"), since),
    ]
    if target.category in care.CHILD_CATEGORIES:
        facts += [Fact(_("Guardian"), target.guardian), Fact(_("Parents and where they work"), target.parents, True)]
    return facts


def _person_part(doc: FormDocument, unit: Unit, target: care.CareTarget, year: int, today: _dt.date) -> None:
    title = _("{title} ({year})").format(title=_(TITLE), year=year)
    doc.heading(title, unit.name, today, subtitle=f"{target.name}（{care.CATEGORY.label(target.category)}）")
    doc.continued_unit = f"{unit.name}\u3000{target.name}"
    doc.paragraph(section_title(1, _("The person helped")), "heading")
    facts_table(doc, _facts(target, year, today))

    acts = care.acts_of(target, year)
    total = sum((Decimal(str(a.amount)) for a in acts if a.amount is not None), Decimal(0))
    doc.spacer(3)
    doc.need_room(40)
    heading = _("Acts of help in {year}: {n}").format(year=year, n=len(acts))
    if total:
        heading += _(", {amount} yuan in all").format(amount=care.format_amount(float(total)))
    doc.paragraph(section_title(2, heading), "heading")
    doc.table(
        _columns(ACT_COLUMNS),
        [
            [
                i,
                format_list_date(a.date),
                care.ACT_KIND.label(a.kind),
                a.what,
                a.goods,
                care.format_amount(a.amount),
                a.helper,
            ]
            for i, a in enumerate(acts, start=1)
        ],
        empty_text=_("No help was recorded in {year}.").format(year=year),
    )
    if target.category == "left_behind_child":
        contacts = care.contacts_of(target, year)
        months = {c.date.month for c in contacts}
        doc.spacer(3)
        doc.need_room(40)
        doc.paragraph(
            section_title(
                3,
                _("Contacts with the parents in {year}: {n}, in {months} months").format(
                    year=year, n=len(contacts), months=len(months)
                ),
            ),
            "heading",
        )
        month_columns = [Column(_("Month"), 22, 1, CENTER)]
        month_columns += [Column(_("Month {month}").format(month=m), None, 1, CENTER) for m in range(1, 13)]
        doc.table(month_columns, [[_("Parents contacted")] + ["✓" if m in months else "" for m in range(1, 13)]])
        doc.spacer(2)
        doc.table(
            _columns(CONTACT_COLUMNS),
            [
                [i, format_list_date(c.date), care.CONTACT_WAY.label(c.way), c.parent, c.summary]
                for i, c in enumerate(contacts, start=1)
            ],
            empty_text=_("No contact with the parents was recorded in {year}.").format(year=year),
        )
    doc.signatures([_("Paired helper"), _("Checked by")], seal=False)


def build(out_path: Path, options: FormOptions) -> FormResult:
    from reportlab.platypus import PageBreak

    unit = unit_of(options.unit_code)
    today = options.today or _dt.date.today()
    year = year_of(unit.code, options, today)
    if options.record_id:
        target = care.live_target(options.record_id.strip(), unit.code)
        if target is None:
            raise FormError(
                _("There is no person helped {id} of {unit} in this database.").format(
                    id=options.record_id.strip(), unit=unit.name
                )
            )
        people = [target]
    else:
        people = care.targets_with_records(unit.code, year)
        if not people and is_above_village(unit.code):
            raise FormError(kept_in_villages())
    doc = FormDocument(_(TITLE), author=unit.name, confidential=True)
    if not people:
        # Printed, not refused: the form is asked for whether or not help was recorded (a blank year says so).
        title = _("{title} ({year})").format(title=_(TITLE), year=year)
        doc.heading(title, unit.name, today)
        doc.paragraph(_("No help was recorded in {year}.").format(year=year))
    for index, target in enumerate(people):
        if index:
            doc.add(PageBreak())
            doc.restart_page_numbers()  # each person's record is kept in her own file
        _person_part(doc, unit, target, year, today)
    return doc.save(out_path, options.report_missing)
