"""签到表佐证材料: a training's signed sign-in pages as they were read back, one image per A4 page.

Each page has a caption line (the training, the day, page k of n, the day it
was read) over the straightened image of the signed page, as large as the
page allows. The images are those ``models.paper.evidence`` kept.
"""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

from models.i18n import N_, _, format_date
from models.paper import evidence
from models.paper.code import SIGN_IN

from .attendance import choose_training
from .layout import MM, FormDocument, FormError, FormResult

if TYPE_CHECKING:
    from .registry import FormOptions

TITLE = N_("Signed sign-in sheets (evidence)")
_CAPTION_MM = 12  # the caption line and the gap under it


def caption(training_name: str, page: evidence.PaperPage) -> str:
    day = page.day
    read_on = page.read_at.date() if isinstance(page.read_at, _dt.datetime) else page.read_at
    return _("{training}, {day}, page {page} of {pages}, read on {read_on}").format(
        training=training_name,
        day=format_date(day) if day else "",
        page=page.page,
        pages=page.pages,
        read_on=format_date(read_on),
    )


def _image_flowable(jpeg: bytes, width_mm: float, height_mm: float):
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    pixels_w, pixels_h = ImageReader(io.BytesIO(jpeg)).getSize()
    scale = min(width_mm / pixels_w, height_mm / pixels_h)
    return Image(io.BytesIO(jpeg), width=pixels_w * scale * MM, height=pixels_h * scale * MM)


def build(out_path: Path, options: FormOptions) -> FormResult:
    """The kept sign-in pages of ``options.record_id`` (a training; default the latest), as a PDF."""
    from reportlab.platypus import PageBreak

    chosen = choose_training(options)
    training, unit = chosen.training, chosen.unit
    pages = [p for p in evidence.pages_of(training.uuid) if p.kind == SIGN_IN]
    if not pages:
        raise FormError(
            _("No signed sign-in sheet of {training} has been read back yet; scan its signed pages first.").format(
                training=training.name
            )
        )
    doc = FormDocument(_(TITLE), author=unit.name, subject=training.name)
    for at, page in enumerate(pages):
        if at:
            doc.add(PageBreak())
        doc.paragraph(caption(training.name, page), "heading")
        image = bytes(page.image)
        doc.add(_image_flowable(image, doc.width_mm, doc.height_mm - _CAPTION_MM))
    return doc.save(out_path, options.report_missing)
