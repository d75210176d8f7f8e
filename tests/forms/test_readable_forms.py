"""Sign-in sheets and ballots printed to be read back: their QR codes, corner marks and maps, checked on
the pages as printed (rendered with PDFium, codes decoded with zxing-cpp, pixels looked at)."""

from __future__ import annotations

import datetime as dt

import pytest

from forms import ballot, signin
from forms.attendance import ordered_trainees
from forms.registry import FormOptions, build_form
from models import training
from models.base import database as db_proxy
from models.i18n import _
from models.paper.code import BALLOT, SIGN_IN, content_digest, parse
from models.paper.sheet_map import ABSTAIN, AGAINST, FOR, NAME, SIGNATURE, WRITE_IN_FOR, WRITE_IN_NAME, SheetMap
from models.training import TraineeInput, TrainingInput

from .conftest import TODAY, VILLAGE_CODE, squeeze
from .test_election_forms import make_election

DPI = 150
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
DAYS = (dt.date(2026, 4, 14), dt.date(2026, 4, 15))


def options(**kwargs) -> FormOptions:
    kwargs.setdefault("today", TODAY)
    return FormOptions(VILLAGE_CODE, **kwargs)


def rendered(path, page: int):
    """A page of a PDF as PDFium draws it at DPI, in grey levels."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return document[page].render(scale=DPI / 72).to_pil().convert("L")
    finally:
        document.close()


def codes_on(image) -> list:
    import zxingcpp

    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def mean_at(image, x_mm: float, y_mm: float, half_mm: float = 0.6) -> float:
    """The mean grey level of a small square around a point (255 white, 0 black)."""
    box = (px(x_mm - half_mm), px(y_mm - half_mm), px(x_mm + half_mm) + 1, px(y_mm + half_mm) + 1)
    from PIL import ImageStat

    return ImageStat.Stat(image.crop(box)).mean[0]


def darkest_across(image, x_mm: float, y_mm: float, vertical_line: bool, reach_mm: float = 0.5) -> int:
    """The darkest pixel within ``reach_mm`` of a point, across a line expected there."""
    if vertical_line:
        box = (px(x_mm - reach_mm), px(y_mm), px(x_mm + reach_mm) + 1, px(y_mm) + 1)
    else:
        box = (px(x_mm), px(y_mm - reach_mm), px(x_mm) + 1, px(y_mm + reach_mm) + 1)
    return image.crop(box).getextrema()[0]


def assert_printed_as_mapped(image, sheet: SheetMap, origin=(0.0, 0.0)):
    """The marks are black where the map says and white around; every cell is blank paper inside and has
    its grid lines on its edges (within half a millimetre); the code's box holds the code."""
    ox, oy = origin
    for x, y in sheet.marks:
        assert mean_at(image, ox + x, oy + y, sheet.mark_mm / 4) < 60, (x, y)
        clear = sheet.mark_mm / 2 + 1.2
        for dx, dy in ((clear, 0), (-clear, 0), (0, clear), (0, -clear)):
            assert mean_at(image, ox + x + dx, oy + y + dy, 0.4) > 200, ("the mark's white border", x, y, dx, dy)
    for cell in sheet.cells:
        box = cell.box
        cx, cy = box.centre
        if cell.column != NAME:  # a spare row's name cell is blank too, but holds its number's neighbour
            assert mean_at(image, ox + cx, oy + cy, min(box.w, box.h) / 4) > 245, cell
        for edge_x in (box.x, box.x + box.w):
            assert darkest_across(image, ox + edge_x, oy + cy, vertical_line=True) < 128, ("vertical line", cell)
        for edge_y in (box.y, box.y + box.h):
            assert darkest_across(image, ox + cx, oy + edge_y, vertical_line=False) < 128, ("horizontal line", cell)
        # Just inside the edges is paper: the box is the cell, not a neighbour's.
        assert mean_at(image, ox + box.x + 1.2, oy + cy, 0.3) > 200, cell
        assert mean_at(image, ox + box.x + box.w - 1.2, oy + cy, 0.3) > 200, cell
    q = sheet.qr
    crop = image.crop((px(ox + q.x - 2.5), px(oy + q.y - 2.5), px(ox + q.x + q.w + 2.5), px(oy + q.y + q.h + 2.5)))
    assert [code.text for code in codes_on(crop)] == [sheet.code]


def symbol_corner_mm(code) -> tuple[float, float]:
    """Where zxing found a code's top-left corner, in page millimetres."""
    corner = code.position.top_left
    return corner.x * 25.4 / DPI, corner.y * 25.4 / DPI


# --- sign-in sheets ------------------------------------------------------------------------------------


def two_day_training(count=45):
    t = training.save_training(
        TrainingInput(
            name="2026年村（社区）妇联主席、执委履职能力提升培训班",
            organiser="长沙县妇联",
            organiser_level="county",
            start_date=DAYS[0],
            end_date=DAYS[1],
            place="县委党校报告厅",
            planned=count,
            sessions=[],
        ),
        VILLAGE_CODE,
    )
    with db_proxy.atomic():
        for i in range(count):
            training.add_trainee(
                t,
                TraineeInput(
                    name=SURNAMES[i % 30] + ("秀兰", "桂英")[i // 30],
                    unit_name=("石门村", "双杏村", "新桥村")[i % 3],
                    post="执委",
                    phone=f"139{i:08d}",
                ),
            )
    return t


def test_every_sign_in_page_carries_its_code_and_marks_where_its_map_says(database, tmp_path, read_pdf):
    import pdfplumber

    t = two_day_training(45)
    result = build_form("signin", tmp_path / "signin.pdf", options(record_id=t.uuid))
    trainees = ordered_trainees(t)
    sessions = {day: [s for s in t.sessions() if s.date == day] for day in DAYS}
    assert all(len(found) == 2 for found in sessions.values())  # morning and afternoon
    maps = [sheet for day in DAYS for sheet in signin.sheet_maps(t, day)]
    assert len(maps) == result.pages
    per_day = result.pages // 2
    assert per_day >= 2  # the day's stack runs over several pages

    pdf = read_pdf(result.path)
    with pdfplumber.open(str(result.path)) as document:
        listed_before = 0
        for number in range(result.pages):
            day = DAYS[number // per_day]
            page_of_day = number % per_day + 1
            if page_of_day == 1:
                listed_before = 0
            image = rendered(result.path, number)
            [found] = codes_on(image)
            code = parse(found.text)
            assert (code.kind, code.record, code.part) == (SIGN_IN, t.uuid, day.strftime("%Y%m%d"))
            assert (code.page, code.pages) == (page_of_day, per_day)
            sheet = maps[number]
            assert sheet.code == found.text
            assert sheet.page_size == pytest.approx((210, 297), abs=0.1)
            # Marks inside the margins, clear of a printer's unprintable border.
            for x, y in sheet.marks:
                for distance in (x, y, 210 - x, 297 - y):
                    assert distance - sheet.mark_mm / 2 >= 5

            # The map's rows are the trainees listed on the page, in order, spare rows as "".
            rows = sorted({cell.row: cell.key for cell in sheet.cells}.items())
            keys = [key for _row, key in rows]
            expected = [x.uuid for x in trainees[listed_before : listed_before + len(keys)]]
            expected += [""] * (len(keys) - len(expected))
            assert keys == expected
            listed_before += sum(1 for key in keys if key)

            # Two signature cells a row, one per session, in the order of the day; a name cell on spare rows.
            for row, key in rows:
                cells = sheet.cells_of_row(row)
                signatures = [cell for cell in cells if cell.column == SIGNATURE]
                assert [cell.session for cell in signatures] == [s.uuid for s in sessions[day]]
                assert [cell.column for cell in cells if cell.column == NAME] == ([] if key else [NAME])
                assert signatures[0].box.x < signatures[1].box.x
            assert_printed_as_mapped(image, sheet)

            # The row a cell stands on prints that trainee's name.
            page = document.pages[number]
            by_uuid = {x.uuid: x for x in trainees}
            for row, key in rows:
                box = sheet.cells_of_row(row)[0].box
                top, bottom = box.y * 72 / 25.4, (box.y + box.h) * 72 / 25.4
                text = squeeze(page.crop((0, top + 1, box.x * 72 / 25.4, bottom - 1)).extract_text() or "")
                if key:
                    assert by_uuid[key].name in text, (number, row)
            # What the page says is unchanged: head, headers, the reminder.
            flat = squeeze(pdf.texts[number])
            assert squeeze(_("{training}: sign-in sheet").format(training=t.name)) in flat
            assert squeeze(_("Please sign in person; a signature made for someone else is void.")) in flat
            assert _("Page {page} of {pages}").format(page=page_of_day, pages=per_day) in pdf.texts[number]
    # Every trainee once a day.
    assert sum(1 for sheet in maps for c in sheet.cells if c.column == SIGNATURE and c.key) == 45 * 2 * 2


def test_a_sheet_for_one_session_has_a_code_of_its_own(database, tmp_path):
    t = two_day_training(12)
    afternoon = [s for s in t.sessions() if s.date == DAYS[0]][1]
    result = build_form("signin", tmp_path / "pm.pdf", options(record_id=afternoon.uuid))
    [sheet] = signin.sheet_maps(t, DAYS[0], afternoon)
    [whole_day] = signin.sheet_maps(t, DAYS[0])
    image = rendered(result.path, 0)
    [found] = codes_on(image)
    assert found.text == sheet.code != whole_day.code
    assert {cell.session for cell in sheet.cells if cell.column == SIGNATURE} == {afternoon.uuid}
    assert_printed_as_mapped(image, sheet)
    assert signin.sheet_maps(t, dt.date(2026, 5, 1)) == []


def test_a_page_printed_before_the_training_was_renamed_or_its_list_changed_has_another_code(database):
    """A longer title moves the grid, a trainee taken off moves the rows: the page printed before is never
    read with today's map (paper.sheets refuses it)."""
    t = two_day_training(12)
    before = [sheet.code for sheet in signin.sheet_maps(t, DAYS[0])]
    t.name = "2026年村（社区）妇联主席、执委履职能力提升培训班暨基层妇联组织建设工作推进会第二期"
    t.save()
    renamed = [sheet.code for sheet in signin.sheet_maps(t, DAYS[0])]
    assert not set(before) & set(renamed)
    training.remove_trainees(t, [next(iter(t.trainees())).uuid])
    assert not set(renamed) & {sheet.code for sheet in signin.sheet_maps(t, DAYS[0])}


# --- ballots -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("which, per_page", [("chair", None), ("committee", 2), ("committee", 1)])
def test_every_ballot_carries_the_rounds_code_and_its_own_marks(database, tmp_path, read_pdf, which, per_page):
    _election, committee, chair, _vice = make_election()
    round_ = {"chair": chair, "committee": committee}[which]
    chosen = ballot.common.choose(options(record_id=round_.uuid), need_round=True)
    content = ballot.content_for(chosen)
    layout, lines, _fits = ballot.choose_layout(content, per_page)
    result = ballot.build(tmp_path / "ballots.pdf", options(record_id=round_.uuid), per_page=per_page, copies=4)
    sheet = ballot.sheet_map(chosen, per_page)
    assert result.pages == 4 // layout.per_page

    image = rendered(result.path, 0)
    found = codes_on(image)
    # One code a ballot, the same on every copy: no serial number tells ballots apart.
    assert len(found) == layout.per_page and {code.text for code in found} == {sheet.code}
    code = parse(sheet.code)
    assert (code.kind, code.record, code.part, code.page, code.pages) == (
        BALLOT,
        round_.uuid,
        ballot.layout_part(layout),
        1,
        1,
    )
    printed = [*content.names, content.title, content.rule(), content.instructions()]
    assert code.digest == content_digest(printed)

    # The map's cells: three boxes per candidate in printed order, then the write-in lines.
    names = content.names
    for number in range(1, len(names) + 1):
        assert [c.column for c in sheet.cells_of_row(number - 1)] == [FOR, AGAINST, ABSTAIN]
        assert {c.key for c in sheet.cells_of_row(number - 1)} == {str(number)}
    write_ins = [c for c in sheet.cells if c.key.startswith("write-in")]
    assert [c.column for c in write_ins] == [WRITE_IN_NAME, WRITE_IN_FOR] * lines
    assert write_ins[-2].key == f"write-in {lines}"
    assert sheet.rows() == list(range(len(names) + lines))

    # Each piece, found by its code, is printed as the map says relative to its own frame.
    text = read_pdf(result.path).texts[0]
    for found_code in found:
        x, y = symbol_corner_mm(found_code)
        origin = (x - sheet.qr.x, y - sheet.qr.y)
        assert_printed_as_mapped(image, sheet, origin)
        # The marks lie inside the piece (its cell: the cut lines) and clear of its edges by 2.5 mm.
        width, height = sheet.page_size
        for mx, my in sheet.marks:
            for distance in (mx, my, width - mx, height - my):
                assert distance - sheet.mark_mm / 2 >= 2.4
    for name in names:
        assert text.count(name) == layout.per_page
    assert squeeze(content.rule()) in squeeze(text)


def test_a_rounds_ballots_printed_in_other_layouts_carry_other_codes(database):
    """A piece cut from a sheet of four and a ballot alone on its sheet say the same words on boxes of other
    sizes in other places: their codes differ, so neither is read with the other's map."""
    _election, committee, _chair, _vice = make_election()
    chosen = ballot.common.choose(options(record_id=committee.uuid), need_round=True)
    codes = {per_page: ballot.sheet_map(chosen, per_page).code for per_page in ballot.PER_PAGE_CHOICES}
    layouts = {per_page: ballot.choose_layout(ballot.content_for(chosen), per_page)[0] for per_page in codes}
    assert len(set(layouts.values())) > 1
    for one in codes:
        for other in codes:
            assert (codes[one] == codes[other]) == (layouts[one] == layouts[other])
    assert all(parse(code).record == committee.uuid for code in codes.values())


def test_a_ballot_running_over_two_sheets_has_marks_and_a_code_on_each(database, tmp_path, read_pdf):
    import pdfplumber

    from models.elections import records as er

    election, committee, _chair, _vice = make_election()
    names = [chr(0x4E00 + 97 * i) + "秀英" for i in range(40)]
    long_round = er.ElectionRound.create(
        unit=VILLAGE_CODE, election=election, kind="committee", seats=35, competitive=True, position=9
    )
    for name in names:
        er.ElectionCandidate.create(unit=VILLAGE_CODE, round=long_round, name=name, write_in=False)
    chosen = ballot.common.choose(options(record_id=long_round.uuid), need_round=True)
    content = ballot.content_for(chosen)
    assert ballot.choose_layout(content)[2] is False
    result = ballot.build(tmp_path / "long.pdf", options(record_id=long_round.uuid), copies=2)
    maps = ballot.sheet_maps(chosen)
    assert result.pages == 4 and len(maps) == 2
    assert ballot.sheet_map(chosen) == maps[0]
    printed = [x for sheet in maps for x in sorted({c.key for c in sheet.cells if not c.key.startswith("w")}, key=int)]
    assert printed == [str(n) for n in range(1, 41)]  # every candidate on exactly one sheet
    pdf = read_pdf(result.path)
    document = pdfplumber.open(str(result.path))
    for number in range(result.pages):
        image = rendered(result.path, number)
        [found] = codes_on(image)
        code = parse(found.text)
        sheet = maps[number % 2]
        assert found.text == sheet.code
        assert (code.kind, code.record, code.page, code.pages) == (BALLOT, long_round.uuid, number % 2 + 1, 2)
        printed = [*content.names, content.title, content.rule(), content.instructions()]
        assert code.digest == content_digest(printed)
        assert_printed_as_mapped(image, sheet)
        # The candidate a row stands for is printed on it.
        page = document.pages[number]
        for row in sheet.rows():
            cell = sheet.cells_of_row(row)[0]
            if cell.key.startswith("write-in"):
                continue
            top, bottom = cell.box.y * 72 / 25.4, (cell.box.y + cell.box.h) * 72 / 25.4
            text = squeeze(page.crop((0, top + 1, cell.box.x * 72 / 25.4, bottom - 1)).extract_text() or "")
            assert content.names[int(cell.key) - 1] in text
    document.close()
    assert squeeze(pdf.text).count(squeeze(content.rule())) == 2
    assert [c.column for c in maps[1].cells if c.key.startswith("write-in")][-2:] == [WRITE_IN_NAME, WRITE_IN_FOR]
