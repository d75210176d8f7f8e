"""妇女之家基本情况表: the unit's Women's Home on one portrait page.

Every attribute of the facility in a bordered grid (name, address, floor
area, own or shared room, plaque, rules on the wall, the facilities as a
checklist, manager and phone, opening hours, demonstration status with its
history by year, volunteers, annual funding, the online group), the year's
activities by category, up to two photos of the Home, and the signature and
seal block.

The shipped fonts have no ☑/☐, so the checklist's boxes are drawn as
squares; a ticked box holds a ✓, which the main font has (and which text
extraction reads back).
"""

from __future__ import annotations

import datetime as _dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from forms import activity_sheet, fonts, ledger
from models.homes import CATEGORY, DEMONSTRATION_LEVEL, FACILITY, Activity, Home, activities, home_of
from models.i18n import N_, _, format_date, format_number
from models.units import is_above_village

from .activity_sheet import Fact, fact_grid
from .layout import MM, PORTRAIT, TABLE_SIZE, TEXT_SIZE, Column, FormDocument, FormError, FormResult, yes_no

if TYPE_CHECKING:
    from .registry import FormOptions

SPEC_TITLE = N_("Basic facts of the Women's Home")
FORMATS = ("pdf",)

CHECK = "✓"  # drawn inside a box; the main font has it, unlike ☑
MAX_HOME_PHOTOS = 2
_SIGNATURES_MM = 52  # the height of layout's signature and seal block on A4 portrait, with its spacing


@functools.cache
def _check_box_class():
    from reportlab.platypus import Flowable

    class CheckBox(Flowable):
        """A square to tick, ticked or not, with its label to the right."""

        SIDE = 3.4 * MM

        def __init__(self, label: str, checked: bool, width: float, size: float):
            super().__init__()
            self.label, self.checked, self.width, self.size = label, checked, width, size
            self.height = max(self.SIDE, size * 1.3)

        def wrap(self, available_width, available_height):
            return self.width, self.height

        def draw(self):
            canvas = self.canv
            side = self.SIDE
            y = (self.height - side) / 2
            canvas.saveState()
            canvas.setLineWidth(0.6)
            canvas.rect(0, y, side, side)
            if self.checked:
                canvas.setFont(fonts.BOLD, self.size)
                canvas.drawCentredString(side / 2, y + (side - self.size * 0.7) / 2, CHECK)
            canvas.setFont(fonts.MAIN, self.size)
            canvas.drawString(side + 1.5 * MM, (self.height - self.size * 0.7) / 2, self.label)
            canvas.restoreState()

    return CheckBox


def checklist(codes: list[str], width: float, size: float):
    """Every facility of FACILITY with its box ticked when the Home has it, two or three to a line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Table, TableStyle

    box = _check_box_class()
    labels = [(FACILITY.label(code), code in codes) for code in FACILITY.codes()]
    widest = max(stringWidth(label, fonts.MAIN, size) for label, _ in labels) + box.SIDE + 4 * MM
    per_row = max(1, min(len(labels), int(width // widest)))
    cell_w = width / per_row
    rows, row = [], []
    for label, checked in labels:
        row.append(box(label, checked, cell_w, size))
        if len(row) == per_row:
            rows.append(row)
            row = []
    if row:
        rows.append(row + [""] * (per_row - len(row)))
    table = Table(rows, colWidths=[cell_w] * per_row)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table, [label for label, _checked in labels] + [CHECK]


def room_text(home: Home) -> str:
    if home.own_room:
        return _("Own room")
    if home.shared_with:
        return _("Shared with the {room}").format(room=home.shared_with)
    return _("Shared room")


def plaque_text(home: Home) -> str:
    if home.plaque_date:
        return _("Yes (since {date})").format(date=format_date(home.plaque_date))
    return _("No")


def demonstration_text(home: Home) -> str:
    """市级示范（2022年）; history by year: 2019年 县级示范；2022年 市级示范."""
    history = list(home.demonstrations())
    if not history:
        return _("Not a demonstration Home yet")
    latest = history[-1]
    current = _("{level} (named in {year})").format(level=DEMONSTRATION_LEVEL.label(latest.level), year=latest.year)
    if len(history) == 1:
        return current
    steps = _("; ").join(
        _("{year}: {level}").format(year=d.year, level=DEMONSTRATION_LEVEL.label(d.level)) for d in history
    )
    return _("{current}. History: {steps}").format(current=current, steps=steps)


def area_text(home: Home) -> str:
    if home.floor_area is None:
        return ""
    area = home.floor_area
    return _("{area} m²").format(area=format_number(int(area) if float(area).is_integer() else round(area, 1)))


def funding_text(home: Home) -> str:
    if home.annual_funding is None:
        return ""
    money = home.annual_funding
    return _("{amount} yuan").format(amount=format_number(int(money) if float(money).is_integer() else money))


def people_text(n: int) -> str:
    return _("{n} people").format(n=n) if n else ""


def facts_of(home: Home, doc: FormDocument) -> tuple[list[Fact], list[str]]:
    size = TEXT_SIZE - 0.5
    wide = (doc.width_mm - activity_sheet.label_width_mm()) * MM - 8
    boxes, box_texts = checklist(home.facility_codes, wide, size)
    online = home.online_group
    if online and home.online_members:
        online = _("{group} ({n} members)").format(group=online, n=home.online_members)
    facts = [
        Fact(_("Name of the Home"), home.name, wide=True),
        Fact(_("Address"), home.address, wide=True),
        Fact(_("Floor area"), area_text(home)),
        Fact(_("Own or shared room"), room_text(home)),
        Fact(_("Plaque hung"), plaque_text(home)),
        Fact(_("Rules on the wall"), yes_no(home.rules_on_wall)),
        Fact(_("Facilities"), boxes, wide=True),
        Fact(_("Manager"), home.manager),
        Fact(_("Phone"), home.manager_phone),
        Fact(_("Opening hours"), home.opening_hours, wide=True),
        Fact(_("Demonstration status"), demonstration_text(home), wide=True),
        Fact(_("Volunteer team"), people_text(home.volunteers)),
        Fact(_("Annual funding"), funding_text(home)),
        Fact(_("Online Women's Home group"), online),
        Fact(_("Group owner"), home.online_owner),
    ]
    if home.notes:
        facts.append(Fact(_("Notes"), home.notes, wide=True))
    return facts, box_texts


def category_counts(unit_code: str, year: int) -> tuple[dict[str, int], int, int]:
    """Activities of the year by category, their number and the participants in all."""
    counts = {code: 0 for code in CATEGORY.codes()}
    total = people = 0
    query = activities(unit_code, year).select(Activity.category, Activity.women, Activity.children, Activity.others)
    for a in query:
        counts[a.category] = counts.get(a.category, 0) + 1
        total += 1
        people += a.women + a.children + a.others
    return counts, total, people


def add_activity_counts(doc: FormDocument, unit_code: str, year: int) -> None:
    """本年度活动情况: two columns of category | number, and the totals."""
    counts, total, people = category_counts(unit_code, year)
    codes = CATEGORY.codes()
    half = (len(codes) + 1) // 2
    rows = []
    for i in range(half):
        left = codes[i]
        right = codes[i + half] if i + half < len(codes) else None
        rows.append(
            [CATEGORY.label(left), counts[left], CATEGORY.label(right) if right else "", counts[right] if right else ""]
        )
    rows.append([_("Total"), total, _("Attendances (people × activities)"), people])
    heading = _("Activities in {year}").format(year=year)
    activity_sheet.section_heading(doc, heading)
    doc.table(
        [
            Column(_("Category"), weight=3, align="left"),
            Column(_("Activities"), mm=20),
            Column(_("Category"), weight=3, align="left"),
            Column(_("Activities"), mm=20),
        ],
        rows,
        font_size=TABLE_SIZE,
    )


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The unit's Women's Home as one page, with the activities of ``options.year`` (default: latest)."""
    out_path = Path(out_path)
    today = options.today or _dt.date.today()
    unit = ledger.unit_of(options.unit_code)
    home = home_of(unit.code)
    if home is None and is_above_village(unit.code):
        # A Women's Home is a village's (or community's): above, the sheet is printed for a unit below.
        raise FormError(
            _(
                "The Women's Home sheet is a village's or community's. To print the sheet of a unit below {unit}, "
                "choose that unit (on the command line: --unit followed by its code)."
            ).format(unit=unit.name)
        )
    if home is None:
        raise FormError(
            _("No Women's Home is recorded for {unit}; enter it on the Women's Home page first.").format(unit=unit.name)
        )
    year = ledger.chosen_year(unit.code, options.year, today)
    title = _(SPEC_TITLE)
    doc = FormDocument(title, author=unit.name, orientation=PORTRAIT, subject=home.name)
    doc.heading(title, unit.name, today)
    facts, box_texts = facts_of(home, doc)
    fact_grid(doc, facts, texts=box_texts)
    add_activity_counts(doc, unit.code, year)
    photos = activity_sheet.photos_by_owner([home.uuid]).get(home.uuid, [])[:MAX_HOME_PHOTOS]
    if photos:
        doc.spacer(3)
        width = doc.width_mm * MM
        label = _("Photos of the Women's Home")
        # The photos take the room left above the signature block, so the sheet stays one page.
        block = activity_sheet.photo_block(
            label,
            photos,
            width,
            max_height=70 * MM,
            min_height=30 * MM,
            reserve=_SIGNATURES_MM * MM,
            label_width=activity_sheet.label_width_mm() * MM,
        )
        doc.add(block, [label, *(p.caption for p in photos)])
    doc.signatures()
    with ledger.binary_streams():
        return doc.save(out_path, options.report_missing)
