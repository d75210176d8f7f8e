"""`main.py scan`: a printed sign-in sheet, signed and photographed, read back from the command line."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

from models import db as dbmod
from models import i18n, units
from models.i18n import ngettext
from models.paper.code import parse
from models.paper.sheet_map import SIGNATURE
from paper.locate import find_codes
from paper.sheets import Sheets
from tests import engine_reads
from tests import paper_samples as samples

ROOT = Path(__file__).resolve().parent.parent
PX_PER_MM = 8.0


def run(*args, lang="en"):
    argv = [sys.executable, str(ROOT / "main.py"), *map(str, args), "--lang", lang]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, cwd=ROOT)
    return done.returncode, done.stdout, done.stderr


def signed_photo(db_path, pdf: Path, out: Path) -> dict[int, list[bool]]:
    """Page 1 of the printed sheet signed and photographed into ``out``; the truth: row → signed per session."""
    i18n.set_language("en")  # as the sheet was printed: the layout follows the interface language
    page = pypdfium2.PdfDocument(str(pdf))[0].render(scale=PX_PER_MM * 25.4 / 72).to_pil().convert("L")
    dbmod.open_database(db_path)
    try:
        code = parse(find_codes(page)[0].text)
        maps = Sheets(units.own_unit())(code)
        assert isinstance(maps, list) and maps, maps
        sheet = maps[0]
    finally:
        dbmod.close_database()
    rng = random.Random(3)
    signed, truth = samples.sign(page, sheet, PX_PER_MM, rng)
    out.write_bytes(samples.photograph(signed, PX_PER_MM, samples.random_camera(rng), rng))
    rows: dict[int, list[bool]] = {}
    for cell in sorted(sheet.cells, key=lambda c: (c.row, c.box.x)):
        if cell.column == SIGNATURE and cell.key:
            rows.setdefault(cell.row + 1, []).append(truth[cell])
    return rows


def test_scan_shows_each_row_keeps_the_image_and_refuses_what_it_cannot_read(db_path, tmp_path):
    code, _out, err = run("demo", "--db", db_path, "--code", "430121100201", "--name", "石门村")
    assert code == 0, err
    pdf = tmp_path / "signin.pdf"
    code, _out, err = run("report", "signin", "--db", db_path, "--out", pdf)
    assert code == 0, err
    photo = tmp_path / "photo.jpg"
    truth = signed_photo(db_path, pdf, photo)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture at all")

    code, out, err = run("scan", "--db", db_path, "--dry-run", photo, broken)
    assert code == 1, err  # a file could not be read
    assert "sign-in sheet of" in out and "page 1 of" in out
    assert re.search(r"broken\.jpg.*not read", out)
    assert "Dry run: nothing was kept." in out
    said = {int(m.group(1)): m.group(2) for m in re.finditer(r"^  row (\d+) [^:]+: (.+)$", out, re.M)}
    assert set(truth) <= set(said), out
    wrong = []
    for row, signed in truth.items():
        verdicts = re.findall(r"(signed|blank|to confirm)", said[row])
        assert len(verdicts) == len(signed)
        wrong += [(row, v) for v, s in zip(verdicts, signed) if v != "to confirm" and (v == "signed") != s]
    # The reader's accuracy is measured over many pages by bench/scan.py; here one photographed page of
    # 34 cells must be read as a whole, all but at most one cell as they were signed.
    assert len(wrong) <= 1, (wrong, out)
    assert engine_reads.rows(db_path, "SELECT count(*) FROM paper_page")[0][0] == 0

    code, out, err = run("scan", "--db", db_path, photo)
    assert code == 0, out + err
    assert "1 page image kept as evidence" in out
    assert engine_reads.rows(db_path, "SELECT count(*) FROM paper_page WHERE NOT deleted")[0][0] == 1


def test_scan_of_nothing_readable_says_so(db_path, tmp_path):
    code, _out, err = run("init", "--db", db_path, "--code", "430121100201", "--name", "石门村")
    assert code == 0, err
    missing = tmp_path / "nowhere"
    code, out, err = run("scan", "--db", db_path, missing)
    assert code == 1
    assert "no such file or folder" in err
    assert "Nothing to read" in err


def test_scan_refuses_a_page_of_another_database(db_path, tmp_path):
    other = tmp_path / "other.sqlite3"
    for path in (db_path, other):
        code, _out, err = run("demo", "--db", path, "--code", "430121100201", "--name", "石门村")
        assert code == 0, err
    pdf = tmp_path / "signin.pdf"
    assert run("report", "signin", "--db", other, "--out", pdf)[0] == 0
    code, out, _err = run("scan", "--db", db_path, "--dry-run", pdf)
    assert code == 1
    assert "not in this database" in out


def test_a_rounds_ballots_scanned_in_two_batches_say_the_first_were_replaced(
    database, db_path, tmp_path, monkeypatch, capsys
):
    """Ballots carry no number: a second batch cannot be added to the first, and the scan says it replaced it.
    (In-process, the reader answering with read ballots: what is tested is what is kept and said.)"""
    import cli
    import paper.read
    from models.paper import evidence
    from tests.models.paper_helpers import ballot, make_round

    round_ = make_round(units.own_unit().code, ["赵敏", "李秀英", "王芳"], 2)
    batches = {
        "today.pdf": [ballot(round_.uuid, ["for", "", "against"], index=i) for i in range(3)],
        "tomorrow.pdf": [ballot(round_.uuid, ["", "for", ""], index=i) for i in range(2)],
    }
    monkeypatch.setattr(paper.read, "read_files", lambda paths, sheets: batches[paths[0].name])
    for name in batches:
        (tmp_path / name).write_bytes(b"%PDF-")
    dbmod.close_database()

    assert cli.main(["scan", "--db", str(db_path), str(tmp_path / "today.pdf"), "--lang", "en"]) == 0
    assert "replaced" not in capsys.readouterr().out
    assert cli.main(["scan", "--db", str(db_path), str(tmp_path / "tomorrow.pdf"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    replaced = r"the 3 ballot images kept on .+ were replaced by the 2 read now\. .+ read them all in one go"
    assert re.search(replaced, out)
    assert "Term 3" in out  # which vote
    assert evidence.kept_ballots(round_.uuid).count == 2


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_ballots_printed_one_to_a_sheet_are_read_in_a_later_session(database, db_path, tmp_path, lang):
    """Printed today, scanned and read tomorrow by another run of the program: the reader lays every layout
    out again (four, two and one to a sheet), and each must come out as it was printed, whichever came first."""
    from tests.gui.paper_scans import marked_ballots
    from tests.models.paper_helpers import make_round

    round_ = make_round(units.own_unit().code, ["赵敏", "李秀英", "王芳"], 2)
    i18n.set_language(lang)  # as the scan reads them: a ballot's layout follows the interface language
    paths = marked_ballots(round_, tmp_path / "ballots", count=2)
    dbmod.close_database()
    code, out, err = run("scan", "--db", db_path, "--dry-run", *paths, lang=lang)
    assert code == 0, out + err
    read = ngettext("{n} sheet read", "{n} sheets read", 2).format(n=2) + ngettext(
        ", {n} not read.", ", {n} not read.", 0
    ).format(n=0)
    assert read in out, out
