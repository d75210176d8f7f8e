"""最美家庭推荐表 and 三八红旗手（集体）候选人审批表: one nomination on A4, sent upward in three copies.

The head is a grid of facts (the family or the person, the award, the year
and level, the 公示 dates, the meeting that agreed it), then the texts in
full: 事迹简介 (at most 300 characters) and 主要事迹 (at most 1,200). The
core refuses longer texts, so nothing is ever cut here; a story longer than a
page runs on in "(continued)" rows. The family's form has room for its two
photos. Last come the boxes in which the federations from the unit's own
level up write their opinion, sign and stamp.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from forms import ledger
from forms.activity_sheet import Fact, fact_grid, label_width_mm, photo_block, photos_by_owner, sheet_head
from forms.election_common import blank_date
from models import codes
from models.awards import AWARD, LEVEL, Nomination, household_of, meeting_of
from models.i18n import N_, _, format_date, format_date_range, format_year_month
from models.people import Person
from models.units import CITY, COUNTY, PROVINCE, TOWNSHIP, VILLAGE, Unit, level_of

from .layout import MM, PORTRAIT, FormDocument, FormError, FormResult, labelled, reporting_unit

if TYPE_CHECKING:
    from .registry import FormOptions

# Short names for the list of forms (the printing page, `report --help`); the printed titles are the official ones.
FAMILY_SPEC_TITLE = N_("Family nomination")
RED_BANNER_SPEC_TITLE = N_("Red-Banner approval")
FAMILY_TITLE = N_("Most Beautiful Family nomination form")
RED_BANNER_TITLE = N_("Red-Banner Pacesetter (Collective) approval form")
FAMILY_AWARDS = ("most_beautiful_family",)
RED_BANNER_AWARDS = ("red_banner", "red_banner_collective")
COPIES_NOTE = N_("Print on A4 paper, three copies.")

# Who writes an opinion on a nomination, from the level of the unit that makes it upward: three boxes.
_LEVELS = (VILLAGE, TOWNSHIP, COUNTY, CITY, PROVINCE)
_OPINION = {
    VILLAGE: N_("Opinion of the village (community) women's federation:"),
    TOWNSHIP: N_("Opinion of the township (subdistrict) women's federation:"),
    COUNTY: N_("Opinion of the county women's federation:"),
    CITY: N_("Opinion of the city women's federation:"),
    PROVINCE: N_("Opinion of the provincial women's federation:"),
}
OPINION_BOXES = 3
_OPINION_MM = 24


def opinion_headings(unit_code: str) -> list[str]:
    """村妇联意见, 乡镇（街道）妇联意见, 县妇联意见 on a village's form; one level higher each on a township's."""
    level = level_of(unit_code)
    start = _LEVELS.index(level) if level in _LEVELS else 0
    return [_(_OPINION[code]) for code in _LEVELS[start : start + OPINION_BOXES]]


def opinion_boxes(doc: FormDocument, headings: list[str]) -> None:
    """One ruled box per federation: its opinion, the signature of its head, its seal and the date (never split)."""
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    styles = doc.styles
    right = styles.right.clone("nomination-opinion-right")
    sign = labelled(_("Signature of the person in charge"))
    seal = _("(seal)")
    date = blank_date()
    label_w = label_width_mm() * MM
    rows, texts = [], [sign, seal, date]
    for heading in headings:
        texts.append(heading)
        cell = [
            Spacer(1, _OPINION_MM * MM),
            styles.paragraph(f"{sign}\u3000\u3000\u3000\u3000\u3000\u3000{seal}", right),
            Spacer(1, 1 * MM),
            styles.paragraph(date, right),
        ]
        rows.append([styles.paragraph(heading.rstrip("：:"), styles.cell("center", True)), cell])
    table = Table(rows, colWidths=[label_w, doc.width_mm * MM - label_w])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("BOX", (0, 0), (-1, -1), 1, "black"),
                ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
                ("VALIGN", (1, 0), (1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), "#f0f0f0"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * MM),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * MM),
            ]
        )
    )
    doc.add(KeepTogether([Spacer(1, 3 * MM), table]), texts)


def _unit(code: str) -> Unit:
    return ledger.unit_of(code)


def choose(options: FormOptions, awards: tuple[str, ...], what: str) -> tuple[Unit, Nomination | None]:
    """The nomination asked for (``record_id``), else the unit's latest of these awards (of the year, if given);
    None when the unit has none: the form is printed blank, to be filled in by hand."""
    unit = _unit(options.unit_code)
    query = Nomination.live().where((Nomination.unit == unit.code) & Nomination.award.in_(list(awards)))
    record_id = (options.record_id or "").strip()
    if record_id:
        found = query.where(Nomination.uuid == record_id).first()
        if found is None:
            raise FormError(
                _("There is no {what} nomination {id} of {unit} in this database.").format(
                    what=what, id=record_id, unit=unit.name
                )
            )
        return unit, found
    if options.year:
        query = query.where(Nomination.year == options.year)
    return unit, query.order_by(Nomination.year.desc(), Nomination.updated_at.desc()).first()


def notice_text(nomination: Nomination) -> str:
    if nomination is None or nomination.notice_from is None:
        return ""
    return format_date_range(nomination.notice_from, nomination.notice_to)


def meeting_text(nomination: Nomination) -> str:
    meeting = meeting_of(nomination.meeting_id) if nomination.uuid else None
    return format_date(meeting.date) if meeting is not None else ""


def limited_label(label: str, limit: int) -> str:
    """事迹简介 over （300字以内）, on two lines: the number is never broken."""
    return _("{label}\n(at most {n} characters)").format(label=label, n=limit)


def family_facts(unit: Unit, nomination: Nomination) -> list[Fact]:
    from models.awards import story_limit, summary_limit

    household = household_of(nomination.household_id)
    filled = bool(nomination.uuid)
    return [
        Fact(_("Family"), nomination.nominee_name),
        Fact(_("Year of selection"), str(nomination.year or "")),
        Fact(_("Household head"), household.head_name if household else ""),
        Fact(_("Villagers' group"), household.group_name if household else ""),
        Fact(_("Unit"), unit.name),
        Fact(_("Level"), LEVEL.label(nomination.level)),
        Fact(_("Agreed at the meeting of"), meeting_text(nomination)),
        Fact(_("Public notice"), notice_text(nomination)),
        Fact(_("Family members"), nomination.family_members, wide=True),
        # Left blank, the texts get room to be written by hand.
        Fact(
            limited_label(_("Summary of deeds"), summary_limit()),
            nomination.summary,
            wide=True,
            min_mm=30 if filled else 40,
        ),
        Fact(limited_label(_("Main story"), story_limit()), nomination.story, wide=True, min_mm=60 if filled else 100),
    ]


def person_facts(unit: Unit, nomination: Nomination) -> list[Fact]:
    from models.awards import story_limit, summary_limit

    person = Person.live().where(Person.uuid == nomination.person_id).first() if nomination.person_id else None
    facts: list[Fact]
    if nomination.nominee_kind == "collective":
        facts = [Fact(_("Collective"), nomination.nominee_name, wide=True)]
    else:
        born = person.birth_year_month if person else None
        facts = [
            Fact(_("Name"), nomination.nominee_name),
            Fact(_("Sex"), codes.SEX.label(person.sex) if person else ""),
            Fact(_("Ethnicity"), codes.ETHNICITY.label(person.ethnicity) if person else ""),
            Fact(_("Year and month of birth"), format_year_month(*born) if born else ""),
            Fact(_("Political status"), codes.POLITICAL.label(person.political) if person else ""),
            Fact(_("Education"), codes.EDUCATION.label(person.education) if person else ""),
            Fact(_("Workplace and position"), person.workplace if person else "", wide=True),
        ]
    facts += [
        Fact(_("Award"), AWARD.label(nomination.award) if nomination.uuid else ""),
        Fact(_("Year of selection"), str(nomination.year or "")),
        Fact(_("Unit"), unit.name),
        Fact(_("Level"), LEVEL.label(nomination.level)),
        Fact(_("Agreed at the meeting of"), meeting_text(nomination)),
        Fact(_("Public notice"), notice_text(nomination)),
    ]
    if nomination.summary:
        facts.append(Fact(limited_label(_("Summary of deeds"), summary_limit()), nomination.summary, wide=True))
    facts.append(
        Fact(
            limited_label(_("Main story"), story_limit()),
            nomination.story,
            wide=True,
            min_mm=80 if nomination.uuid else 120,
        )
    )
    return facts


def _sheet(options: FormOptions, title: str, unit: Unit, nomination: Nomination) -> FormDocument:
    doc = FormDocument(title, author=unit.name, orientation=PORTRAIT, subject=nomination.nominee_name)
    today = options.today or _dt.date.today()
    sheet_head(doc, title, reporting_unit(unit.name), labelled(_("Date filled in"), format_date(today)))
    return doc


def blank(award: str, kind: str) -> Nomination:
    """A nomination with nothing filled in: the form printed blank for handwriting."""
    return Nomination(award=award, nominee_kind=kind, nominee_name="", year="", level="", uuid="")


def build_family(out_path: Path, options: FormOptions) -> FormResult:
    """最美家庭推荐表 of ``options.record_id`` (by default the unit's latest family nomination, else blank)."""
    unit, found = choose(options, FAMILY_AWARDS, _("Most Beautiful Family"))
    nomination = found or blank("most_beautiful_family", "family")
    title = _(FAMILY_TITLE)
    doc = _sheet(options, title, unit, nomination)
    fact_grid(doc, family_facts(unit, nomination))
    shown = photos_by_owner([nomination.uuid]).get(nomination.uuid, [])[:2] if found else []
    label = _("Photos")
    block = photo_block(
        label,
        shown,
        doc.width_mm * MM,
        empty=_("No photos recorded.") if found else "",
        max_height=(80 if shown else 60 if not found else 20) * MM,
        min_height=(55 if shown else 50 if not found else 20) * MM,
        label_width=label_width_mm() * MM,
    )
    doc.add(block, [label, *(p.caption for p in shown)])
    opinion_boxes(doc, opinion_headings(unit.code))
    doc.spacer(2)
    doc.paragraph(_(COPIES_NOTE), "note")
    return doc.save(out_path, options.report_missing)


def build_red_banner(out_path: Path, options: FormOptions) -> FormResult:
    """三八红旗手（集体）候选人审批表 of ``options.record_id`` (by default the unit's latest such nomination, else
    blank)."""
    unit, found = choose(options, RED_BANNER_AWARDS, _("March 8th Red-Banner"))
    nomination = found or blank("red_banner", "person")
    title = _(RED_BANNER_TITLE)
    doc = _sheet(options, title, unit, nomination)
    fact_grid(doc, person_facts(unit, nomination))
    opinion_boxes(doc, opinion_headings(unit.code))
    doc.spacer(2)
    doc.paragraph(_(COPIES_NOTE), "note")
    return doc.save(out_path, options.report_missing)
