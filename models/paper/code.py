"""The code printed as a QR code on every page that is read back (sign-in sheets, ballots).

It says what the page is, which record it belongs to, which page of how many,
a digest of what was printed on it (the names of a sign-in page, the
candidates of a ballot), and a check value over all of that, so that a
misread or a code copied from another form is refused rather than guessed.

The text uses only QR's alphanumeric characters (digits, capitals, ``-``,
``:``), the densest mode a phone photo still reads well:

    FL1:S:<TRAINING UUID>:<YYYYMMDD>:<PAGE>:<PAGES>:<DIGEST>:<CHECK>
    FL1:B:<ROUND UUID>:<LAYOUT>:<SHEET>:<SHEETS>:<DIGEST>:<CHECK>

A ballot's code is the same on every copy of a round: ballots must not be
told from each other (secret ballot), so no serial number is ever printed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass

from models.i18n import _

VERSION = "FL1"
SIGN_IN = "S"
BALLOT = "B"
KINDS = (SIGN_IN, BALLOT)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class CodeError(ValueError):
    """A text that is not a page code of this program, or one whose check value is wrong (in words)."""


@dataclass(frozen=True)
class PageCode:
    """What a read-back page is.

    ``record``: the uuid of the training (sign-in) or of the election round
    (ballot). ``part``: the training day as YYYYMMDD for a sign-in page; for
    a ballot the number of the layout it was printed in (1-9,
    ``forms.ballot.LAYOUTS``). ``page`` of ``pages``: the page within that
    day's stack (1-based); for a ballot its sheet, 1 of 1 unless it is too
    long for one sheet. ``digest``: ``content_digest`` of what
    the page lists, so a list changed after printing is noticed.
    """

    kind: str
    record: str
    part: str
    page: int
    pages: int
    digest: str

    def text(self) -> str:
        """The text the QR code holds."""
        body = ":".join(
            [VERSION, self.kind, self.record.upper(), self.part, str(self.page), str(self.pages), self.digest]
        )
        return f"{body}:{_check(body)}"


def _check(body: str) -> str:
    return hashlib.sha256(body.encode("ascii")).hexdigest()[:6].upper()


def content_digest(values: list[str]) -> str:
    """Eight capitals and digits standing for the ordered ``values`` (uuids or names) printed on a page."""
    joined = "\x1f".join(values)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8].upper()


def parse(text: str) -> PageCode:
    """The PageCode in a QR code's text; CodeError (in words) for anything else."""
    parts = (text or "").strip().split(":")
    if len(parts) != 8 or parts[0] != VERSION:
        raise CodeError(_("The code on this page is not one this program prints."))
    version, kind, record, part, page, pages, digest, check = parts
    body = ":".join(parts[:-1])
    if check != _check(body):
        raise CodeError(_("The code on this page was misread or altered (its check value does not match)."))
    record = record.lower()
    if (
        kind not in KINDS
        or not _UUID.fullmatch(record)
        or not page.isdigit()
        or not pages.isdigit()
        or not 1 <= int(page) <= int(pages)
        or not re.fullmatch(r"[0-9A-F]{8}", digest)
        or not (_is_day(part) if kind == SIGN_IN else re.fullmatch(r"[1-9]", part))
    ):
        raise CodeError(_("The code on this page is not one this program prints."))
    return PageCode(kind, record, part, int(page), int(pages), digest)


def _is_day(part: str) -> bool:
    """YYYYMMDD of a real day (a forged code could carry the 40th of a month)."""
    try:
        _dt.datetime.strptime(part, "%Y%m%d")
    except ValueError:
        return False
    return re.fullmatch(r"\d{8}", part) is not None
