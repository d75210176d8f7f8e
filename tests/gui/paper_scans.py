"""Real sign-in sheets for the GUI tests: the training's own printed pages, signed synthetically, scanned."""

from __future__ import annotations

import random
from pathlib import Path

from forms import signin
from forms.registry import FormOptions, build_form
from models import training as tr
from tests.paper_samples import photograph, scanner, sign

PX_PER_MM = 8.0


def pages_of(pdf: Path) -> list:
    """Every page of ``pdf`` as a grayscale image of PX_PER_MM pixels a millimetre."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        images = []
        for page in document:
            images.append(page.render(scale=PX_PER_MM * 25.4 / 72, grayscale=True).to_pil().convert("L"))
            page.close()
        return images
    finally:
        document.close()


def signed_scans(training: tr.Training, folder: Path, seed: int = 5) -> list[Path]:
    """The training's sign-in sheets as printed, signed by about three in four, scanned as JPEGs into
    ``folder`` (one file a page); the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "signin.pdf"
    build_form("signin", pdf, FormOptions(unit_code=training.unit, record_id=training.uuid))
    rng = random.Random(seed)
    maps = [m for day in sorted({s.date for s in training.sessions()}) for m in signin.sheet_maps(training, day)]
    images = pages_of(pdf)
    assert len(images) == len(maps)
    paths = []
    for number, (image, sheet) in enumerate(zip(images, maps, strict=True), start=1):
        signed, _truth = sign(image, sheet, PX_PER_MM, rng)
        path = folder / f"scan-{number:02}.jpg"
        path.write_bytes(photograph(signed, PX_PER_MM, scanner(rng, upside_down=False), rng))
        paths.append(path)
    pdf.unlink()
    return paths


def marked_ballots(round_, folder: Path, count: int = 6, seed: int = 7) -> list[Path]:
    """``count`` of the round's printed ballots (one to a sheet), marked like voters do, scanned as JPEGs."""
    from forms import ballot
    from forms import election_common as common

    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "ballots.pdf"
    options = FormOptions(unit_code=round_.unit, record_id=round_.uuid)
    ballot.build(pdf, options, per_page=1, copies=count)
    sheet = ballot.sheet_maps(common.choose(options, need_round=True), per_page=1)[0]
    rng = random.Random(seed)
    paths = []
    for number, image in enumerate(pages_of(pdf), start=1):
        marked, _truth = sign(image, sheet, PX_PER_MM, rng)
        path = folder / f"ballot-{number:02}.jpg"
        path.write_bytes(photograph(marked, PX_PER_MM, scanner(rng, upside_down=False), rng))
        paths.append(path)
    pdf.unlink()
    return paths
