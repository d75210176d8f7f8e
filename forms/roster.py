"""执委会成员名册: the unit's executive committee, then its women's backbones.

Committee members come first in post order (chair, vice-chairs, attached
vice-chairs, executive members), each post in surname stroke order
(姓氏笔画). Under a heading of their own follow everyone else on the unit's
lists, in the same stroke order: backbones, and people entered without a
post so that nobody is silently left off. ID numbers are not a column of
this form.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from models import codes
from models.awards import Award, awards_by_person, notes_with_awards
from models.i18n import N_, _, format_year_month
from models.people import Person
from models.strokes import stroke_key
from models.units import Unit, is_above_village

from .layout import (
    CENTER,
    LANDSCAPE,
    LEFT,
    Column,
    FormDocument,
    FormError,
    FormResult,
    enumeration,
    section_title,
    yes_no,
)
from .xlsx import Sheet, write_sheets

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Executive committee roster")
COMMITTEE_HEADING = N_("Committee members")
BACKBONES_HEADING = N_("Women's backbones")

# (header, fixed width in mm or None to share the rest by weight, weight, alignment).
# The widths fit the Chinese headers and values on A4 landscape: 是否兼职 breaks as
# 是否/兼职, 是否进“两委” as 是否进/“两委” (the width holds “两委” with its
# quotes on one line), 挂职副主席 and a landline
# number with area code stay on one line.
_COLUMNS = (
    (N_("No."), 9, 1, CENTER),
    (N_("Name"), 17, 1, CENTER),
    (N_("Sex"), 8, 1, CENTER),
    (N_("Ethnicity"), 11.5, 1, CENTER),
    (N_("Year and month of birth"), 15, 1, CENTER),
    (N_("Education"), 15, 1, CENTER),
    (N_("Political status"), 15, 1, CENTER),
    (N_("Post"), 17.5, 1, CENTER),
    (N_("Part-time?"), 9.5, 1, CENTER),
    (N_("Workplace and position"), None, 3.6, LEFT),
    (N_("Identity categories"), None, 4, LEFT),
    (N_("On the village two committees?"), 15, 1, CENTER),
    (N_("Phone"), 25, 1, CENTER),
    (N_("Notes"), None, 2.6, LEFT),
)


def columns() -> list[Column]:
    """The roster's columns with headers in the interface language."""
    return [Column(_(header), mm, weight, align) for header, mm, weight, align in _COLUMNS]


def committee_members(unit_code: str) -> list[Person]:
    """The unit's committee by post (主席, 副主席, 挂职副主席, 执委), each post in surname stroke order."""
    order = {code: i for i, code in enumerate(codes.COMMITTEE_POSTS)}
    board = Person.live().where((Person.unit == unit_code) & (Person.post.in_(codes.COMMITTEE_POSTS)))
    return sorted(board, key=lambda p: (order[p.post], stroke_key(p.name), p.name))


def backbones(unit_code: str) -> list[Person]:
    """Everyone else on the unit's lists (backbones, people without a post) in surname stroke order."""
    others = Person.live().where(
        (Person.unit == unit_code) & (Person.post.is_null() | Person.post.not_in(codes.COMMITTEE_POSTS))
    )
    return sorted(others, key=lambda p: (stroke_key(p.name), p.name))


def members(unit_code: str) -> list[Person]:
    """Live people of the unit in roster order: the committee, then the others."""
    return committee_members(unit_code) + backbones(unit_code)


BIRTH_COLUMN = 4  # 出生年月, 0-based
BIRTH_FORMAT = "yyyy.mm"  # how a spreadsheet shows the month of birth, as the printed roster does


def row(number: int, person: Person, for_excel: bool = False, honours: list[Award] | None = None) -> list[object]:
    """One roster line; 是否兼职 applies only to committee posts. In a spreadsheet the month of
    birth is an Excel date (its first day) shown as 1978.05. Her ``honours`` (the awards register's
    lines linked to her) follow whatever her 备注 holds: 2025年县级三八红旗手."""
    birth = person.birth_year_month
    on_committee = person.post in codes.COMMITTEE_POSTS
    if birth:
        born: object = _dt.date(birth[0], birth[1], 1) if for_excel else format_year_month(*birth)
    else:
        born = ""
    return [
        number,
        person.name,
        codes.SEX.label(person.sex),
        codes.ETHNICITY.label(person.ethnicity),
        born,
        codes.EDUCATION.label(person.education),
        codes.POLITICAL.label(person.political),
        codes.POST.label(person.post),
        yes_no(person.part_time) if on_committee else "",
        person.workplace,
        enumeration(codes.IDENTITY.label(c) for c in person.identity_codes),
        yes_no(person.two_committees),
        person.phone,
        notes_with_awards(person.notes, honours) if honours else person.notes,
    ]


def _unit(code: str) -> Unit:
    unit = Unit.live().where(Unit.code == code).first()
    if unit is None:
        raise FormError(_("The unit {code} is not in this database.").format(code=code))
    return unit


def build(out_path: Path, options: FormOptions) -> FormResult:
    """Write the roster as a PDF, or as a spreadsheet (a sheet for each part) when ``out_path`` ends in .xlsx."""
    unit = _unit(options.unit_code)
    excel = out_path.suffix.lower() == ".xlsx"
    board_people, other_people = committee_members(unit.code), backbones(unit.code)
    honours = awards_by_person([p.uuid for p in board_people + other_people])
    board = [row(i, p, excel, honours.get(p.uuid)) for i, p in enumerate(board_people, start=1)]
    others = [row(i, p, excel, honours.get(p.uuid)) for i, p in enumerate(other_people, start=1)]
    if not board and not others and is_above_village(unit.code):
        raise FormError(
            _(
                "Nobody has been entered for {unit} itself. The rosters of the units below are printed for each "
                "of them; the election composition statistics total their committees."
            ).format(unit=unit.name)
        )
    today = options.today or _dt.date.today()
    title = _(TITLE)
    board_heading = section_title(1, _(COMMITTEE_HEADING))
    others_heading = section_title(2, _(BACKBONES_HEADING))
    no_board = _("No committee members have been entered yet.")
    no_others = _("No women's backbones have been entered yet.")
    if excel:
        formats = {BIRTH_COLUMN: BIRTH_FORMAT}
        sheets = [
            Sheet(_(COMMITTEE_HEADING), f"{title} {board_heading}", columns(), board, no_board, formats),
            Sheet(_(BACKBONES_HEADING), f"{title} {others_heading}", columns(), others, no_others, formats),
        ]
        return write_sheets(out_path, sheets, unit_name=unit.name, date=today, author=unit.name, landscape=True)
    doc = FormDocument(title, author=unit.name, orientation=LANDSCAPE)
    doc.heading(title, unit.name, today)
    doc.paragraph(board_heading, "heading")
    doc.keep_with_next()
    doc.table(columns(), board, empty_text=no_board)
    # The backbones' heading starts a page unless the table's header and first rows fit below it.
    doc.need_room(40)
    doc.spacer(4)
    doc.paragraph(others_heading, "heading")
    doc.keep_with_next()
    doc.table(columns(), others, empty_text=no_others)
    doc.signatures()
    return doc.save(out_path, options.report_missing)
