"""Reading signed sheets back: accuracy, unsure share and time per page, on the real forms.

A temporary database holds a county's one-day training (morning and
afternoon) with enough trainees for ``--pages`` sign-in pages, a committee
round (7 candidates, 5 seats: ballots two to a sheet) and a chair round (2
candidates: four to a sheet). The sign-in form and the ballot form print them;
PDFium renders the pages; they are signed and marked (tests/paper_samples.py:
strokes of varied darkness and size, ticks, crosses, circles, faint pencil,
smudges and pen touches in blank cells), then photographed-looking: any
multiple of 90° plus a tilt, perspective, uneven light, blur, noise, JPEG.
Every third sign-in page is a hard one (15° off, 8 % keystone, deep shadow,
JPEG 60), some others are a scanner's PDF. Half the committee ballots are
scanned as printed, two to a sheet, the others cut and photographed one by
one; the chair ballots are scanned four to a sheet. Every ballot is stamped
with a red seal in its stamp box, over its bottom-right corner mark
(``tests.paper_forms.stamped``). The pictures are read one
file at a time with ``paper.read.read_files`` and ``paper.sheets.Sheets``
(what the program itself reads with), the maps of every page as the forms lay
them out.

``--sample-maps``: the hand-made maps of tests/paper_samples.py instead (no database).

Goals: at least 99.5 % of the cells right among those not marked unsure, at
most 3 % unsure, at most 1 s a page (the worst file). A sheet refused counts
all its cells as wrong. Exits 1 when a goal is missed.

    python bench/scan.py [--pages 30] [--ballots 20] [--chair-sheets 2] [--seed 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image

from models import db as dbmod
from models.paper.reading import MARKED, UNSURE
from paper.read import SheetForCode, read_files
from paper.sheets import Sheets
from tests import paper_forms
from tests import paper_samples as samples

RIGHT_GOAL = 0.995
UNSURE_GOAL = 0.03
SECONDS_GOAL = 1.0
DRAWN_PX_PER_MM = 10.0
BALLOT_PX_PER_MM = 16.0  # a phone photographs a ballot from closer: more pixels to the millimetre
BALLOTS_PER_BED = 4


def make_sample_set(folder: Path, pages: int, ballots: int, seed: int):
    """The pictures written into ``folder``; for each file the maps and truths of its sheets, in order."""
    rng = random.Random(seed)
    truths = {}
    maps = {}
    for number in range(pages):
        sheet = samples.sign_in_map(rng)
        names = [samples.random_name(rng) for _ in range(20)]
        page = samples.render(samples.page_pdf(sheet, names=names), DRAWN_PX_PER_MM)
        signed, truth = samples.sign(page, sheet, DRAWN_PX_PER_MM, rng)
        if number % 5 == 4 and number % 3:  # a scanner's PDF: the scanned page as a JPEG inside
            camera = samples.scanner(rng)
            picture = Image.open(io.BytesIO(samples.photograph(signed, DRAWN_PX_PER_MM, camera, rng)))
            name = f"signin-{number:02d}-scan.pdf"
            picture.save(folder / name, "PDF", resolution=camera.px_per_mm * 25.4)
        else:
            camera = samples.random_camera(rng, hard=number % 3 == 0)
            name = f"signin-{number:02d}{'-hard' if number % 3 == 0 else ''}.jpg"
            (folder / name).write_bytes(samples.photograph(signed, DRAWN_PX_PER_MM, camera, rng))
        truths[name] = [truth]
        maps[sheet.code] = sheet
    ballot = samples.ballot_map(rng)
    maps[ballot.code] = ballot
    pdf = samples.page_pdf(ballot, title="选票", names=[samples.random_name(rng) for _ in range(5)])
    clean = samples.render(pdf, BALLOT_PX_PER_MM)
    on_beds = min(ballots, (ballots // 2) // BALLOTS_PER_BED * BALLOTS_PER_BED)
    marked = [samples.sign(clean, ballot, BALLOT_PX_PER_MM, rng) for _ in range(ballots)]
    for start in range(0, on_beds, BALLOTS_PER_BED):
        group = marked[start : start + BALLOTS_PER_BED]
        shrink = DRAWN_PX_PER_MM / BALLOT_PX_PER_MM
        smaller = [image.resize((round(image.width * shrink), round(image.height * shrink))) for image, _ in group]
        bed = samples.ballot_bed(smaller, DRAWN_PX_PER_MM, rng)
        name = f"ballots-bed-{start // BALLOTS_PER_BED}.jpg"
        (folder / name).write_bytes(
            samples.photograph(bed, DRAWN_PX_PER_MM, samples.scanner(rng, upside_down=False), rng)
        )
        truths[name] = [truth for _, truth in group]
    for number in range(on_beds, ballots):
        image, truth = marked[number]
        name = f"ballot-{number:02d}.jpg"
        camera = samples.random_camera(rng, hard=number % 4 == 0, page_mm=ballot.page_size[1])
        (folder / name).write_bytes(samples.photograph(image, BALLOT_PX_PER_MM, camera, rng))
        truths[name] = [truth]
    return truths, maps


COMMITTEE = ["赵敏", "李秀英", "王芳", "张晓红", "刘娟", "陈静", "杨梅"]
CHAIR = ["李秀英", "王芳"]


def _photograph_signin(folder: Path, number: int, page: paper_forms.SignedPage, rng: random.Random) -> str:
    """A signed sign-in page written as a phone's JPEG (every third a hard one) or a scanner's PDF."""
    if number % 5 == 4 and number % 3:  # a scanner's PDF: the scanned page as a JPEG inside
        camera = samples.scanner(rng)
        picture = Image.open(io.BytesIO(samples.photograph(page.image, DRAWN_PX_PER_MM, camera, rng)))
        name = f"signin-{number + 1:02d}-scan.pdf"
        picture.save(folder / name, "PDF", resolution=camera.px_per_mm * 25.4)
    else:
        camera = samples.random_camera(rng, hard=number % 3 == 0)
        name = f"signin-{number + 1:02d}{'-hard' if number % 3 == 0 else ''}.jpg"
        (folder / name).write_bytes(samples.photograph(page.image, DRAWN_PX_PER_MM, camera, rng))
    return name


def make_real_set(folder: Path, pages: int, ballots: int, chair_sheets: int, seed: int):
    """The real forms printed from the open database, signed and photographed into ``folder``; for each
    file the truths of its sheets, in reading order."""
    rng = random.Random(seed)
    truths: dict[str, list] = {}
    training = paper_forms.county_training(paper_forms.trainees_for(pages))
    signed = paper_forms.signin_pages(training, folder, DRAWN_PX_PER_MM, rng, pages)
    for number, page in enumerate(signed):
        truths[_photograph_signin(folder, number, page, rng)] = [page.truth]
    committee = paper_forms.election_round(COMMITTEE, 5)
    sheets = paper_forms.ballot_sheets(committee, folder, BALLOT_PX_PER_MM, rng, (ballots + 1) // 2, 2)
    sheets = [paper_forms.stamped(sheet, BALLOT_PX_PER_MM, rng) for sheet in sheets]
    pieces = [ballot for sheet in sheets for ballot in sheet][:ballots]
    whole = (ballots // 2) // 2
    for number, sheet in enumerate(sheets[:whole]):
        name = f"ballots-sheet-{number + 1:02d}.jpg"
        camera = samples.scanner(rng, upside_down=False)
        (folder / name).write_bytes(samples.photograph(sheet[-1].image, BALLOT_PX_PER_MM, camera, rng))
        truths[name] = [ballot.truth for ballot in sheet]
    for number, ballot in enumerate(pieces[2 * whole :]):
        name = f"ballot-{number + 1:02d}.jpg"
        piece = paper_forms.cut_piece(ballot, BALLOT_PX_PER_MM)
        camera = samples.random_camera(rng, hard=number % 4 == 0, page_mm=ballot.sheet.page_size[1])
        (folder / name).write_bytes(samples.photograph(piece, BALLOT_PX_PER_MM, camera, rng))
        truths[name] = [ballot.truth]
    chair = paper_forms.election_round(CHAIR, 1)
    for number, sheet in enumerate(paper_forms.ballot_sheets(chair, folder, DRAWN_PX_PER_MM, rng, chair_sheets, 4)):
        sheet = paper_forms.stamped(sheet, DRAWN_PX_PER_MM, rng)
        name = f"chair-sheet-{number + 1:02d}.jpg"
        camera = samples.scanner(rng, upside_down=False)
        (folder / name).write_bytes(samples.photograph(sheet[-1].image, DRAWN_PX_PER_MM, camera, rng))
        truths[name] = [ballot.truth for ballot in sheet]
    return truths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--ballots", type=int, default=20)
    parser.add_argument("--chair-sheets", type=int, default=2, help="sheets of four chair ballots")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample-maps", action="store_true", help="the hand-made sample maps, not the real forms")
    parser.add_argument("--keep", type=Path, help="write the pictures here (kept) instead of a temporary folder")
    parser.add_argument("--inks", type=Path, help="write each cell's ink, column and truth here (tab-separated)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        sheet_for_code: SheetForCode
        if args.sample_maps:
            truths, maps = make_sample_set(folder, args.pages, args.ballots, args.seed)

            def sheet_for_code(code):
                return maps.get(code.text(), "not in this set")

        else:
            dbmod.open_database(Path(temporary) / "bench.sqlite3")
            sheet_for_code = Sheets(paper_forms.own_county())
            truths = make_real_set(folder, args.pages, args.ballots, args.chair_sheets, args.seed)
        print(f"drew {len(truths)} pictures in {time.perf_counter() - started:.0f} s")

        right = wrong = unsure = 0
        seconds = {}
        mistakes = []
        inks: list[str] = []
        for name, sheet_truths in sorted(truths.items()):
            started = time.perf_counter()
            readings = read_files([folder / name], sheet_for_code)
            seconds[name] = time.perf_counter() - started
            read = [reading for reading in readings if reading.read]
            for index, truth in enumerate(sheet_truths):
                if index >= len(read):
                    wrong += len(truth)
                    problems = "; ".join(r.problem for r in readings if r.problem)
                    mistakes.append(f"{name}: sheet {index} not read ({problems})")
                    continue
                for cell in read[index].cells:
                    inks.append(f"{cell.ink}\t{cell.cell.column}\t{int(truth[cell.cell])}\t{name}\t{cell.cell.row}")
                    if cell.verdict == UNSURE:
                        unsure += 1
                    elif (cell.verdict == MARKED) == truth[cell.cell]:
                        right += 1
                    else:
                        wrong += 1
                        mistakes.append(
                            f"{name}: sheet {index} row {cell.cell.row} {cell.cell.column} ink {cell.ink:.4f} "
                            f"read {cell.verdict}, truly {'marked' if truth[cell.cell] else 'blank'}"
                        )

        if not args.sample_maps:
            dbmod.close_database()

    if args.inks:
        args.inks.write_text("\n".join(inks) + "\n", encoding="utf-8")
    total = right + wrong + unsure
    share_right = right / max(1, right + wrong)
    share_unsure = unsure / max(1, total)
    times = sorted(seconds.values())
    slowest = sorted(seconds, key=lambda name: -seconds[name])[:3]
    worst_name = ", ".join(f"{name} {seconds[name]:.2f}" for name in slowest)
    for line in mistakes[:30]:
        print("  " + line)
    print(f"cells: {total}, right among not unsure: {share_right:.2%} ({wrong} wrong), unsure: {share_unsure:.2%}")
    print(f"seconds a picture: median {statistics.median(times):.2f}, worst {times[-1]:.2f} (slowest: {worst_name})")
    missed = []
    if share_right < RIGHT_GOAL:
        missed.append(f"right {share_right:.2%} < {RIGHT_GOAL:.1%}")
    if share_unsure > UNSURE_GOAL:
        missed.append(f"unsure {share_unsure:.2%} > {UNSURE_GOAL:.0%}")
    if times[-1] > SECONDS_GOAL:
        missed.append(f"worst {times[-1]:.2f} s > {SECONDS_GOAL:.0f} s")
    print("goals met" if not missed else "goals missed: " + ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
