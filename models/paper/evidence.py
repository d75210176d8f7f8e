"""The images of read sheets kept as evidence (佐证材料): sign-in pages with their training, ballots with their round.

A sign-in page read again replaces the image kept for the same page (the
same training, day and page number). The ballots of a round are kept as one
set: reading a round's ballots again replaces the whole set, numbered 1 to n
in the order they were read. Ballots carry no number (the vote is secret), so
a batch read later cannot be told apart from ballots read before: it is never
added to the kept set. All of a round's ballots are therefore read together,
in one go; ``kept_ballots`` says what a new reading would replace, so that the
person is told before. The images stay in this database: ``paper_page`` is
not among the tables a package carries (``models.exchange.tables``).
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import BlobField, CharField, DateTimeField, IntegerField

from models.base import Record, database, utcnow
from models.i18n import _, format_list_date

from .code import BALLOT, SIGN_IN
from .reading import SheetReading

MAX_IMAGE_BYTES = 5 * 1024 * 1024  # a straightened A4 page as JPEG is well under 1 MB
BALLOT_PART = "0"  # the ``part`` of every kept ballot


class EvidenceError(ValueError):
    """An image that cannot be kept; the message says which and why, in the interface language."""


class PaperPage(Record):
    """One read sheet's image: a sign-in page of a training's day, or one ballot of a round."""

    kind = CharField(max_length=1)  # code.SIGN_IN or code.BALLOT
    record = CharField(max_length=36)  # the training's or the election round's uuid
    part = CharField(max_length=8)  # the day as YYYYMMDD for a sign-in page, BALLOT_PART for a ballot
    page = IntegerField()
    pages = IntegerField()
    code = CharField(max_length=100, default="")
    image = BlobField()
    file_name = CharField(max_length=255, default="")
    read_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "paper_page"
        indexes = ((("record", "part", "page"), False),)

    @property
    def day(self) -> _dt.date | None:
        """The training day of a sign-in page (None for a ballot)."""
        if self.kind != SIGN_IN:
            return None
        return _dt.datetime.strptime(self.part, "%Y%m%d").date()


def _refuse_large(reading: SheetReading) -> None:
    if len(reading.image) > MAX_IMAGE_BYTES:
        raise EvidenceError(
            _(
                "The image of page {page} of {file} is larger than {mb} MB and was not kept; "
                "scan it again at a lower resolution."
            ).format(page=reading.page, file=reading.source, mb=MAX_IMAGE_BYTES // (1024 * 1024))
        )


def _store(row: PaperPage | None, unit: str, reading: SheetReading, page: int, pages: int, now) -> PaperPage:
    assert reading.code is not None
    # A round's ballots are one set whatever layout each was printed in.
    part = reading.code.part if reading.code.kind == SIGN_IN else BALLOT_PART
    row = row or PaperPage(unit=unit, kind=reading.code.kind, record=reading.code.record, part=part)
    row.page, row.pages = page, pages
    row.code = reading.code.text()
    row.image = reading.image
    row.file_name = reading.source[:255]
    row.read_at = now
    row.save()
    return row


def _keepable(readings: Iterable[SheetReading]) -> list[SheetReading]:
    return [r for r in readings if r.read and r.code is not None and r.image]


def keep_pages(readings: Iterable[SheetReading], unit: str) -> list[PaperPage]:
    """Keep the images of the sheets that were read (refused ones and those without an image are left out),
    in one transaction: all of them or, when one is refused (EvidenceError), none."""
    kept_readings = _keepable(readings)
    for reading in kept_readings:
        _refuse_large(reading)
    now = utcnow()
    kept: list[PaperPage] = []
    ballots: dict[str, list[SheetReading]] = defaultdict(list)
    with database.atomic():
        for reading in kept_readings:
            code = reading.code
            assert code is not None
            if code.kind == BALLOT:
                ballots[code.record].append(reading)
                continue
            earlier = (
                PaperPage.live()
                .where(
                    (PaperPage.kind == SIGN_IN)
                    & (PaperPage.record == code.record)
                    # The whole code, not the page number: sheets printed for the morning, the afternoon and
                    # the whole day are all "page 1" of that day, and each is its own evidence.
                    & (PaperPage.code == code.text())
                )
                .first()
            )
            kept.append(_store(earlier, unit, reading, code.page, code.pages, now))
        for round_uuid, batch in ballots.items():
            earlier_set = list(
                PaperPage.live()
                .where((PaperPage.kind == BALLOT) & (PaperPage.record == round_uuid))
                .order_by(PaperPage.page)
            )
            for number, reading in enumerate(batch, start=1):
                earlier = earlier_set[number - 1] if number <= len(earlier_set) else None
                kept.append(_store(earlier, unit, reading, number, len(batch), now))
            for surplus in earlier_set[len(batch) :]:
                surplus.move_to_recycle_bin()
    return kept


def pages_of(record: str) -> list[PaperPage]:
    """The live images kept for a training or an election round (its uuid), by day and page."""
    return list(
        PaperPage.live().where(PaperPage.record == record).order_by(PaperPage.part, PaperPage.page, PaperPage.read_at)
    )


def page_count(record: str) -> int:
    return int(PaperPage.live().where(PaperPage.record == record).count())


@dataclass(frozen=True)
class KeptBallots:
    """The ballot images kept for a round: one set, which the next reading kept replaces whole."""

    count: int
    read_at: _dt.datetime  # when the set was kept (UTC)

    def lost_by(self, count: int) -> int:
        """How many images fewer the round keeps when a reading of ``count`` ballots replaces this set."""
        return max(0, self.count - count)


def kept_ballots(round_uuid: str) -> KeptBallots | None:
    """The round's kept ballot images (None when there are none)."""
    pages = PaperPage.live().where((PaperPage.kind == BALLOT) & (PaperPage.record == round_uuid))
    count = int(pages.count())
    if not count:
        return None
    # The read time alone: the images are large.
    latest = pages.select(PaperPage.read_at).order_by(PaperPage.read_at.desc()).first()
    return KeptBallots(count, latest.read_at)


def ballot_sets_replaced(readings: Iterable[SheetReading]) -> list[tuple[str, KeptBallots, int]]:
    """The rounds whose kept ballot images keeping ``readings`` would replace: (the round's uuid, the set
    kept, how many of the round's ballots ``readings`` holds)."""
    batches = Counter(r.code.record for r in _keepable(readings) if r.code is not None and r.code.kind == BALLOT)
    found = [(uuid, kept_ballots(uuid), count) for uuid, count in batches.items()]
    return [(uuid, kept, count) for uuid, kept, count in found if kept is not None]


# --- the recycle bin -----------------------------------------------------------------------------


def describe_page(page: PaperPage) -> tuple[str, _dt.date | None, str, str]:
    """How the recycle bin lists a deleted image: what it is of, the day it was read, the file it came from."""
    from models.training import Training

    if page.kind == SIGN_IN:
        training = Training.get_or_none(Training.uuid == page.record)
        name = _("{training}, page {page} of {pages}").format(
            training=training.name if training else "", page=page.page, pages=page.pages
        )
    else:
        name = _("Ballot {page} of {pages}").format(page=page.page, pages=page.pages)
    read_on = page.read_at.date() if isinstance(page.read_at, _dt.datetime) else None
    return name, read_on, format_list_date(read_on) if read_on else "", page.file_name


def check_restore(page: PaperPage) -> str | None:
    """Why a deleted image may not come back: the page was read again since (a sign-in page), or the round's
    ballots were (a ballot of an earlier set)."""
    same_record = (PaperPage.record == page.record) & (PaperPage.part == page.part) & (PaperPage.uuid != page.uuid)
    replaced = PaperPage.code == page.code if page.kind == SIGN_IN else PaperPage.read_at > page.read_at
    if PaperPage.live().where(same_record & replaced).exists():
        return _("This page was read again since; the newer image is kept in its place.")
    return None
