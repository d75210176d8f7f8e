"""The images of read sheets kept as evidence: kept, replaced, listed, printed, never sent upward."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace

import pdfplumber
import pytest

from forms.registry import FormError, FormOptions, build_form
from models import db as dbmod
from models import exchange, recycle_bin
from models import training as tr
from models.i18n import _, format_date
from models.migrate_to import migrate_to
from models.paper import evidence
from models.paper.code import BALLOT, SIGN_IN
from models.paper.reading import MARKED, SheetReading

from ..conftest import VILLAGE_CODE
from .paper_helpers import ballot, make_round, sheet_jpeg, signin_page

DAY = dt.date(2026, 4, 14)


def make_training() -> tr.Training:
    return tr.save_training(
        tr.TrainingInput(name="巧手编织技能培训", organiser="石门村妇联", start_date=DAY, end_date=DAY), VILLAGE_CODE
    )


def test_pages_are_kept_replaced_when_read_again_and_listed_by_day_and_page(database):
    course = make_training()
    first = [signin_page(course.uuid, DAY, page, 3, [], image=sheet_jpeg(f"first {page}")) for page in (2, 1)]
    evidence.keep_pages(first, VILLAGE_CODE)
    again = signin_page(course.uuid, DAY, 2, 3, [], source="phone.jpg", image=sheet_jpeg("again 2"))
    evidence.keep_pages([again], VILLAGE_CODE)

    pages = evidence.pages_of(course.uuid)
    assert [(p.kind, p.day, p.page, p.pages) for p in pages] == [(SIGN_IN, DAY, 1, 3), (SIGN_IN, DAY, 2, 3)]
    assert bytes(pages[1].image) == again.image and pages[1].file_name == "phone.jpg"
    assert bytes(pages[0].image) == first[1].image
    assert evidence.PaperPage.select().count() == 2  # replaced, not piled up
    assert pages[0].code == first[1].code.text()


def test_a_rounds_ballots_are_kept_as_a_set_that_a_new_reading_replaces(database):
    round_ = make_round(VILLAGE_CODE, ["王芳", "李秀英"], 1)
    evidence.keep_pages([ballot(round_.uuid, ["for", ""], index=i) for i in range(5)], VILLAGE_CODE)
    assert [(p.kind, p.page, p.pages) for p in evidence.pages_of(round_.uuid)] == [(BALLOT, n, 5) for n in range(1, 6)]
    evidence.keep_pages([ballot(round_.uuid, ["", "for"], index=i) for i in range(3)], VILLAGE_CODE)
    assert [(p.page, p.pages) for p in evidence.pages_of(round_.uuid)] == [(1, 3), (2, 3), (3, 3)]
    assert evidence.page_count(round_.uuid) == 3


def test_refused_sheets_are_not_kept_and_an_oversized_image_refuses_the_whole_batch(database):
    course = make_training()
    refused = SheetReading("blurry.jpg", 1, 0, None, None, problem="没有找到二维码")
    good = signin_page(course.uuid, DAY, 1, 2, [])
    huge = signin_page(course.uuid, DAY, 2, 2, [], source="huge.pdf", image=b"\xff\xd8" + b"0" * (6 * 1024 * 1024))
    with pytest.raises(evidence.EvidenceError) as refused_big:
        evidence.keep_pages([good, huge], VILLAGE_CODE)
    assert "huge.pdf" in str(refused_big.value) and "5 MB" in str(refused_big.value)
    assert evidence.pages_of(course.uuid) == []  # all or nothing
    assert len(evidence.keep_pages([refused, good], VILLAGE_CODE)) == 1


def test_the_images_never_travel_in_a_package(database, tmp_path):
    course = make_training()
    jpeg = sheet_jpeg("evidence that stays home")
    evidence.keep_pages([signin_page(course.uuid, DAY, 1, 1, [], image=jpeg)], VILLAGE_CODE)
    package = exchange.export_package(tmp_path / "village.fulian")
    with zipfile.ZipFile(package.path) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(name) for name in names)
    assert "data/training.jsonl" in names  # the training itself travels
    assert not any("paper_page" in name for name in names)
    assert jpeg not in everything and course.uuid.encode() in everything
    assert b"paper_page" not in everything


def test_a_trainings_pages_print_one_to_an_a4_page_with_their_caption(database, tmp_path):
    course = make_training()
    with pytest.raises(FormError) as nothing:
        build_form("signin-evidence", tmp_path / "none.pdf", FormOptions(VILLAGE_CODE, record_id=course.uuid))
    assert course.name in str(nothing.value)
    readings = [
        signin_page(course.uuid, DAY, page, 2, [], image=sheet_jpeg(str(page), (1240, 1754))) for page in (1, 2)
    ]
    evidence.keep_pages(readings, VILLAGE_CODE)
    result = build_form("signin-evidence", tmp_path / "evidence.pdf", FormOptions(VILLAGE_CODE, record_id=course.uuid))
    with pdfplumber.open(result.path) as pdf:
        assert len(pdf.pages) == 2
        for number, page in enumerate(pdf.pages, start=1):
            assert (round(page.width), round(page.height)) == (595, 842)
            text = page.extract_text().replace(" ", "").replace("\n", "")
            want = _("{training}, {day}, page {page} of {pages}, read on {read_on}").format(
                training=course.name,
                day=format_date(DAY),
                page=number,
                pages=2,
                read_on=format_date(evidence.pages_of(course.uuid)[0].read_at.date()),
            )
            assert want.replace(" ", "") in text
            assert len(page.images) == 1
            image = page.images[0]
            assert image["width"] > 0.8 * page.width or image["height"] > 0.8 * page.height


def test_signed_cells_are_what_is_kept_not_their_verdicts(database):
    course = make_training()
    session = tr.TrainingSession.live().where(tr.TrainingSession.training == course).first()
    trainee = tr.add_trainee(course, tr.TraineeInput(name="王芳", unit_name="石门村"))
    kept = evidence.keep_pages(
        [signin_page(course.uuid, DAY, 1, 1, [(trainee.uuid, {session.uuid: MARKED})])], VILLAGE_CODE
    )
    assert kept[0].unit == VILLAGE_CODE and kept[0].record == course.uuid
    assert tr.marks(course) == {}  # keeping the image records no attendance


def test_an_image_deleted_comes_back_unless_its_page_was_read_again(database):
    course = make_training()
    first = evidence.keep_pages([signin_page(course.uuid, DAY, 1, 2, [], source="scan-1.pdf")], VILLAGE_CODE)[0]
    assert recycle_bin.move_to_bin("paper_pages", [first.uuid], VILLAGE_CODE) == 1
    assert evidence.pages_of(course.uuid) == []
    listed = recycle_bin.deleted("paper_pages", VILLAGE_CODE)
    assert [(e.name, e.detail) for e in listed] == [
        (_("{training}, page {page} of {pages}").format(training=course.name, page=1, pages=2), "scan-1.pdf")
    ]
    recycle_bin.restore("paper_pages", first.uuid)
    assert [p.uuid for p in evidence.pages_of(course.uuid)] == [first.uuid]

    recycle_bin.move_to_bin("paper_pages", [first.uuid], VILLAGE_CODE)
    evidence.keep_pages([signin_page(course.uuid, DAY, 1, 2, [], source="scan-2.pdf")], VILLAGE_CODE)
    with pytest.raises(recycle_bin.RestoreRefused) as refused:
        recycle_bin.restore("paper_pages", first.uuid)
    assert str(refused.value) == _("This page was read again since; the newer image is kept in its place.")
    assert [p.file_name for p in evidence.pages_of(course.uuid)] == ["scan-2.pdf"]


@pytest.mark.sqlite_only
def test_the_kept_images_move_with_the_database(database, db_path, tmp_path):
    course = make_training()
    round_ = make_round(VILLAGE_CODE, ["王芳"], 1)
    readings = [signin_page(course.uuid, DAY, 1, 1, []), ballot(round_.uuid, ["for"])]
    evidence.keep_pages(readings, VILLAGE_CODE)
    dbmod.close_database()
    result = migrate_to(db_path, tmp_path / "moved.sqlite3")
    dbmod.close_database()
    assert result.ok and {"paper_page", "round_cross_check"} <= {check.table for check in result.checks}
    dbmod.open_database(tmp_path / "moved.sqlite3")
    assert [bytes(p.image) for p in evidence.pages_of(course.uuid)] == [readings[0].image]
    assert [bytes(p.image) for p in evidence.pages_of(round_.uuid)] == [readings[1].image]


def test_sheets_of_the_morning_and_the_afternoon_are_each_kept(database):
    """Sheets printed for one session each are both "page 1" of the day: neither replaces the other."""
    course = make_training()
    morning = signin_page(course.uuid, DAY, 1, 1, [], source="am.jpg", image=sheet_jpeg("am"))
    assert morning.code is not None
    afternoon_code = replace(morning.code, digest="89ABCDEF")  # another sheet's rows and columns
    afternoon = replace(morning, code=afternoon_code, source="pm.jpg", image=sheet_jpeg("pm"))
    evidence.keep_pages([morning], VILLAGE_CODE)
    evidence.keep_pages([afternoon], VILLAGE_CODE)
    assert sorted(p.file_name for p in evidence.pages_of(course.uuid)) == ["am.jpg", "pm.jpg"]


def test_a_rounds_kept_ballots_say_how_many_and_when_and_what_a_smaller_batch_loses(database):
    round_ = make_round(VILLAGE_CODE, ["王芳", "李秀英"], 1)
    course = make_training()
    evidence.keep_pages([signin_page(course.uuid, DAY, 1, 1, [])], VILLAGE_CODE)
    assert evidence.kept_ballots(round_.uuid) is None  # a sign-in page is no ballot of it

    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    evidence.keep_pages([ballot(round_.uuid, ["for", ""], index=i) for i in range(60)], VILLAGE_CODE)
    kept = evidence.kept_ballots(round_.uuid)
    assert kept is not None and kept.count == 60
    assert before <= kept.read_at <= before + dt.timedelta(minutes=1)
    assert (kept.lost_by(40), kept.lost_by(60), kept.lost_by(100)) == (20, 0, 0)

    # The next day's 40 ballots replace the 60, they are not added to them.
    evidence.keep_pages([ballot(round_.uuid, ["", "for"], index=i) for i in range(40)], VILLAGE_CODE)
    assert evidence.kept_ballots(round_.uuid).count == 40
    assert evidence.kept_ballots(make_round(VILLAGE_CODE, ["赵敏"], 1).uuid) is None
