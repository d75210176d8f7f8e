"""The real forms to read back: a county training's sign-in sheets and a round's ballots, printed by
``forms`` from records in the open database, rendered with PDFium, then signed and marked with
``tests.paper_samples`` (the truth kept for every cell).

Shared by the end-to-end test and ``bench/scan.py``; the database must be open with its own unit set.
"""

from __future__ import annotations

import datetime as _dt
import random
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from forms import ballot as ballot_form
from forms import election_common as common
from forms import signin
from forms.registry import FormOptions, build_form
from models import training as tr
from models import units
from models.base import database
from models.elections import records as er
from models.paper.sheet_map import Box, Cell, SheetMap
from tests import paper_samples as samples

COUNTY_CODE = "430121000000"
COUNTY_NAME = "长沙县"
DAY = _dt.date(2026, 4, 14)
TODAY = _dt.date(2026, 4, 20)
FINE_PX_PER_MM = 16.0  # enough for every code of a sheet of ballots to be found by zxing-cpp
VILLAGES = ("石门村", "双杏村", "新桥村", "金井村", "白沙村", "龙华村", "高桥村", "福临村")
GIVEN = ("秀兰", "桂英", "红梅", "丽华", "海燕", "春花", "美玲", "晓红", "金凤", "淑珍", "雪梅", "冬梅")


def own_county() -> units.Unit:
    return units.set_own_unit(COUNTY_CODE, COUNTY_NAME)


def trainees_for(pages: int) -> int:
    """How many trainees fill ``pages`` sign-in pages of a day with two sessions, the spare rows included
    (20 rows a page)."""
    return max(1, pages * 20 - signin.SPARE_ROWS[1])


def county_training(trainees: int, name: str = "2026年村（社区）妇联主席履职能力提升培训班") -> tr.Training:
    """A one-day county training (morning and afternoon) with ``trainees`` people from its villages."""
    training = tr.save_training(
        tr.TrainingInput(
            name=name,
            organiser="长沙县妇联",
            organiser_level=units.COUNTY,
            start_date=DAY,
            end_date=DAY,
            place="县委党校报告厅",
            planned=trainees,
        ),
        COUNTY_CODE,
    )
    with database.atomic():
        for number in range(trainees):
            tr.add_trainee(
                training,
                tr.TraineeInput(
                    name=samples.SURNAMES[number % 20] + GIVEN[(number // 20) % 12] + "一二三四五"[number // 240],
                    unit_name=VILLAGES[number % len(VILLAGES)],
                    post="妇联主席" if number % 5 == 0 else "执委",
                    phone=f"139{number:08d}",
                ),
            )
    return training


def election_round(candidates: list[str], seats: int) -> er.ElectionRound:
    """A county congress electing ``seats`` of ``candidates`` (the votes not counted yet)."""
    election = er.Election.create(unit=COUNTY_CODE, kind="regular", term_number=3, meeting_date=DAY)
    election.entitled = election.present = 120
    election.save()
    round_ = er.ElectionRound.create(
        unit=COUNTY_CODE, election=election, kind="committee", seats=seats, entitled=120, present=120, issued=120
    )
    for name in candidates:
        er.ElectionCandidate.create(unit=COUNTY_CODE, round=round_, name=name)
    return round_


def rendered_pages(pdf: Path, px_per_mm: float, first: int = 0, count: int | None = None) -> list[Image.Image]:
    """Pages of a printed PDF as grayscale images of ``px_per_mm`` pixels a millimetre."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        last = len(document) if count is None else min(len(document), first + count)
        images = []
        for number in range(first, last):
            page = document[number]
            images.append(page.render(scale=px_per_mm * 25.4 / 72, grayscale=True).to_pil().convert("L"))
            page.close()
        return images
    finally:
        document.close()


@dataclass
class SignedPage:
    """A printed page signed: the picture, its map and, for every cell, whether it was signed."""

    image: Image.Image
    sheet: SheetMap
    truth: dict[Cell, bool]
    origin: tuple[float, float] = (0.0, 0.0)  # where the map's (0, 0) lies on the image (mm)


def signin_pages(
    training: tr.Training, folder: Path, px_per_mm: float, rng: random.Random, pages: int | None = None
) -> list[SignedPage]:
    """The training's day printed by the sign-in form, its first ``pages`` pages rendered and signed."""
    path = build_form("signin", folder / f"signin-{training.uuid[:8]}.pdf", options(training.uuid)).path
    maps = signin.sheet_maps(training, DAY)
    images = rendered_pages(path, px_per_mm, 0, pages)
    signed = []
    for image, sheet in zip(images, maps):
        picture, truth = samples.sign(image, sheet, px_per_mm, rng)
        signed.append(SignedPage(picture, sheet, truth))
    return signed


def options(record_id: str) -> FormOptions:
    return FormOptions(COUNTY_CODE, record_id=record_id, today=TODAY)


def _shifted(sheet: SheetMap, origin: tuple[float, float]) -> tuple[SheetMap, dict[Cell, Cell]]:
    """The map moved by ``origin`` (mm) on the page; each moved cell's original."""
    ox, oy = origin
    moved = {
        replace(cell, box=Box(cell.box.x + ox, cell.box.y + oy, cell.box.w, cell.box.h)): cell for cell in sheet.cells
    }
    return replace(sheet, cells=tuple(moved)), moved


def piece_origins(page: Image.Image, sheet: SheetMap, px_per_mm: float) -> list[tuple[float, float]]:
    """Where the ballots printed several to a sheet lie on the page (mm), in reading order, from where their
    codes are found."""
    import zxingcpp

    found = zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode)
    origins = [
        (code.position.top_left.x / px_per_mm - sheet.qr.x, code.position.top_left.y / px_per_mm - sheet.qr.y)
        for code in found
    ]
    return sorted(origins, key=lambda point: (round(point[1] / 20), point[0]))


def ballot_sheets(
    round_: er.ElectionRound, folder: Path, px_per_mm: float, rng: random.Random, sheets: int, per_page: int
) -> list[list[SignedPage]]:
    """``sheets`` sheets of ballots printed ``per_page`` to a sheet by the ballot form, each ballot marked;
    for each sheet its ballots in reading order, every map in the sheet's own page coordinates."""
    chosen = common.Chosen(units.own_unit(), er.get_election(round_.election_id), round_)
    [sheet] = ballot_form.sheet_maps(chosen, per_page)
    out = folder / f"ballots-{per_page}.pdf"
    ballot_form.build(out, options(round_.uuid), per_page=per_page, copies=sheets * per_page)
    origins = [(0.0, 0.0)]
    if per_page > 1:  # every sheet is printed alike: the pieces are found on the first, drawn finer
        [fine] = rendered_pages(out, FINE_PX_PER_MM, 0, 1)
        origins = piece_origins(fine, sheet, FINE_PX_PER_MM)
    assert len(origins) == per_page, "every ballot's code is found on the printed sheet"
    result = []
    for page in rendered_pages(out, px_per_mm):
        ballots = []
        for origin in origins:
            moved, original = _shifted(sheet, origin)
            page, truth = samples.sign(page, moved, px_per_mm, rng)
            truth = {original[cell]: marked for cell, marked in truth.items()}
            ballots.append(SignedPage(page, sheet, truth, origin))
        result.append([replace(signed, image=page) for signed in ballots])
    return result


def stamped(sheet: list[SignedPage], px_per_mm: float, rng: random.Random, offsets=(14.0,)) -> list[SignedPage]:
    """A sheet of ballots (``ballot_sheets``) with every ballot stamped in red in its stamp box: the seal
    centred ``offsets`` mm (in turn, ballot by ballot) up and left of the ballot's bottom-right corner mark,
    over the mark and the rows above the box."""
    page = sheet[-1].image
    for index, ballot in enumerate(sheet):
        mark_x, mark_y = ballot.sheet.marks[2]
        off = offsets[index % len(offsets)]
        page = samples.seal(page, (ballot.origin[0] + mark_x - off, ballot.origin[1] + mark_y - off), px_per_mm, rng)
    return [replace(ballot, image=page) for ballot in sheet]


def cut_piece(signed: SignedPage, px_per_mm: float) -> Image.Image:
    """One ballot cut from its sheet along the cut lines."""
    page, (x, y) = signed.image, signed.origin
    width, height = signed.sheet.page_size
    return page.crop(
        (round(x * px_per_mm), round(y * px_per_mm), round((x + width) * px_per_mm), round((y + height) * px_per_mm))
    )
