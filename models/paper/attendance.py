"""Attendance from the signatures on a training's read sign-in pages: proposed, then recorded as confirmed.

``propose`` turns the read pages into one proposal per trainee and session:
present for a signed cell, absent for a blank one, ask for an unsure one,
each with the cell's reading (its image) to show beside it. It also lists the
spare rows with anything on them (walk-ins to type in: a name written, or a
signature without a name, typed from the signature's picture), the pages of a
day that were never read, and the trainees with sessions whose cell was never
read. ``record`` writes what the person confirmed through the training's own
operations (``models.training``), in one transaction; a mark typed earlier
that says otherwise is never replaced unless she decided so.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace

from models import training as tr
from models.base import FieldError, ValidationError, database
from models.i18n import _

from .code import SIGN_IN
from .reading import BLANK, MARKED, UNSURE, CellReading, SheetReading
from .sheet_map import NAME, SIGNATURE

PRESENT, ABSENT, ASK = "present", "absent", "ask"  # ASK: the cell is unsure, the person decides


@dataclass(frozen=True)
class Proposal:
    """What one signature cell proposes for one trainee at one session, and the cell to show."""

    trainee: tr.Trainee
    session: tr.TrainingSession
    proposal: str  # PRESENT, ABSENT or ASK
    reading: CellReading
    sheet: SheetReading


@dataclass(frozen=True)
class WalkIn:
    """A spare row with something on it: someone not on the list, to be typed in from the name's image, or
    from the signature's when she signed without writing her name (``name_written`` False)."""

    sheet: SheetReading
    row: int
    name: CellReading
    signatures: tuple[tuple[tr.TrainingSession, CellReading], ...]  # the row's signature cells, by session

    @property
    def name_written(self) -> bool:
        return self.name.verdict != BLANK

    def signed(self) -> tuple[tr.TrainingSession, ...]:
        return tuple(session for session, cell in self.signatures if cell.verdict == MARKED)

    def unclear(self) -> tuple[tr.TrainingSession, ...]:
        """The sessions whose signature cell the reader was unsure of: the person decides."""
        return tuple(session for session, cell in self.signatures if cell.verdict == UNSURE)


@dataclass(frozen=True)
class MissingPages:
    """Pages of one training day that no read sheet was: ``numbers`` of ``pages`` (all of them when no page
    of that day was read: then ``pages`` is 0, not known)."""

    day: _dt.date
    numbers: tuple[int, ...]
    pages: int


@dataclass(frozen=True)
class Unread:
    """A trainee whose row was never read for these sessions."""

    trainee: tr.Trainee
    sessions: tuple[tr.TrainingSession, ...]


@dataclass
class AttendanceProposal:
    proposals: list[Proposal] = field(default_factory=list)
    walk_ins: list[WalkIn] = field(default_factory=list)
    missing: list[MissingPages] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    other: list[SheetReading] = field(default_factory=list)  # refused, or not a sign-in page of this training

    def to_ask(self) -> list[Proposal]:
        return [p for p in self.proposals if p.proposal == ASK]


_PROPOSED = {MARKED: PRESENT, BLANK: ABSENT, UNSURE: ASK}


def _day(part: str) -> _dt.date | None:
    try:
        return _dt.datetime.strptime(part, "%Y%m%d").date()
    except ValueError:
        return None


def propose(training: tr.Training, readings: Iterable[SheetReading]) -> AttendanceProposal:
    """The proposal for ``training`` from the read sheets of a batch (in any order, some twice, some of
    another training: those are listed in ``other``). A cell read twice with different verdicts is asked."""
    sessions = {s.uuid: s for s in tr.TrainingSession.live().where(tr.TrainingSession.training == training)}
    trainees = {t.uuid: t for t in tr.Trainee.live().where(tr.Trainee.training == training)}
    out = AttendanceProposal()
    cells: dict[tuple[str, str], tuple[CellReading, SheetReading, set[str]]] = {}
    spare_rows: set[tuple[str, int, int]] = set()  # (day, page, row): a page read twice lists its walk-ins once
    pages_read: dict[_dt.date, set[int]] = defaultdict(set)
    pages_of_day: dict[_dt.date, int] = {}
    for sheet in readings:
        code = sheet.code
        day = _day(code.part) if code is not None else None
        if not sheet.read or code is None or code.kind != SIGN_IN or code.record != training.uuid or day is None:
            out.other.append(sheet)
            continue
        pages_read[day].add(code.page)
        pages_of_day[day] = max(pages_of_day.get(day, 0), code.pages)
        for row in sorted({c.cell.row for c in sheet.cells}):
            row_cells = sheet.cells_of_row(row)
            key = row_cells[0].cell.key
            if not key:
                walk_in = _walk_in(sheet, row, row_cells, sessions)
                if walk_in is not None and (code.part, code.page, row) not in spare_rows:
                    spare_rows.add((code.part, code.page, row))
                    out.walk_ins.append(walk_in)
                continue
            if key not in trainees:
                continue  # removed from the list after printing: nothing to mark
            for reading in row_cells:
                if reading.cell.column != SIGNATURE or reading.cell.session not in sessions:
                    continue
                pair = (key, reading.cell.session)
                verdicts = cells[pair][2] if pair in cells else set()
                cells[pair] = (reading, sheet, verdicts | {reading.verdict})
    for (trainee_uuid, session_uuid), (reading, sheet, verdicts) in cells.items():
        proposal = _PROPOSED[reading.verdict] if len(verdicts) == 1 else ASK
        out.proposals.append(Proposal(trainees[trainee_uuid], sessions[session_uuid], proposal, reading, sheet))
    order = {uuid: at for at, uuid in enumerate(sorted(trainees, key=lambda u: trainees[u].name_pinyin))}
    session_order = {s.uuid: (s.date, s.half) for s in sessions.values()}
    out.proposals.sort(key=lambda p: (session_order[p.session.uuid], order[p.trainee.uuid]))
    days = sorted({s.date for s in sessions.values()})
    for day in days:
        if day not in pages_read:
            out.missing.append(MissingPages(day, (), 0))
            continue
        numbers = tuple(n for n in range(1, pages_of_day[day] + 1) if n not in pages_read[day])
        if numbers:
            out.missing.append(MissingPages(day, numbers, pages_of_day[day]))
    by_session = sorted(sessions.values(), key=lambda s: (s.date, s.half))
    for trainee in sorted(trainees.values(), key=lambda t: t.name_pinyin):
        never = tuple(s for s in by_session if (trainee.uuid, s.uuid) not in cells)
        if never:
            out.unread.append(Unread(trainee, never))
    return out


def _walk_in(
    sheet: SheetReading, row: int, row_cells: list[CellReading], sessions: dict[str, tr.TrainingSession]
) -> WalkIn | None:
    """The spare row as a walk-in when anything is on it; None for an empty one (nothing written, nothing
    signed). A signature without a name is listed too: she signed and forgot her name, and is typed in from
    the signature's picture or passed over on purpose, never dropped unseen."""
    name = next((c for c in row_cells if c.cell.column == NAME), None)
    if name is None:
        return None
    signatures = tuple(
        (sessions[c.cell.session], c) for c in row_cells if c.cell.column == SIGNATURE and c.cell.session in sessions
    )
    if name.verdict == BLANK and all(cell.verdict == BLANK for _session, cell in signatures):
        return None
    return WalkIn(sheet, row, name, signatures)


# --- recording what was confirmed -----------------------------------------------------------------


@dataclass(frozen=True)
class Confirmed:
    """One mark the person confirmed: a trainee at a session, present or absent."""

    trainee: str  # uuid
    session: str  # uuid
    status: str  # PRESENT or ABSENT


@dataclass(frozen=True)
class ConfirmedWalkIn:
    """A walk-in the person typed in from the name's image, and the sessions she signed."""

    data: tr.TraineeInput
    sessions: tuple[str, ...]  # uuids


@dataclass(frozen=True)
class Conflict:
    """A mark typed earlier that the confirmed one contradicts: she decides which stays."""

    trainee: tr.Trainee
    session: tr.TrainingSession
    typed: str  # the stored status (training.STATUSES)
    confirmed: str


@dataclass
class Recorded:
    written: int = 0  # marks written or changed
    unchanged: int = 0  # already so (a typed late or excused mark agrees with present or absent)
    walk_ins: list[tr.Trainee] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)  # when not empty, nothing was written

    @property
    def done(self) -> bool:
        return not self.conflicts


def _agrees(typed: str, confirmed: str) -> bool:
    return (typed in tr.ATTENDED) == (confirmed == PRESENT)


def record(
    training: tr.Training,
    confirmed: Iterable[Confirmed],
    walk_ins: Iterable[ConfirmedWalkIn] = (),
    overwrite: Collection[tuple[str, str]] = (),
) -> Recorded:
    """Write the confirmed marks and walk-ins of ``training`` in one transaction, all or nothing.

    A mark typed earlier that says otherwise (present against absent) is a conflict: while any conflict is
    not in ``overwrite`` ((trainee uuid, session uuid) pairs she chose to replace), nothing is written and
    the conflicts are returned for her to decide. A typed late or excused mark that agrees stays as it is.
    The marks are read for that in the transaction that writes, holding the training's marks
    (``training.lock_marks``): on a server no other clerk's mark slips in between the two.
    Raises ValidationError, writing nothing, for a training reported by a unit below (read-only here), a
    trainee or session not of this training, an unknown status, or one trainee and session confirmed both
    present and absent.
    """
    from models.exchange import is_read_only

    if is_read_only(training):
        raise ValidationError([FieldError("training", _("Records reported by units below can only be viewed."))])
    marks = list(confirmed)
    new_people = list(walk_ins)
    with database.atomic():
        tr.lock_marks(training.uuid)
        sessions = {s.uuid: s for s in tr.TrainingSession.live().where(tr.TrainingSession.training == training)}
        trainees = {t.uuid: t for t in tr.Trainee.live().where(tr.Trainee.training == training)}
        marks = _checked(marks, new_people, sessions, trainees)
        stored = tr.marks(training)
        out = Recorded()
        to_write: list[Confirmed] = []
        for item in marks:
            typed = stored.get((item.session, item.trainee))
            if typed is None:
                to_write.append(item)
            elif typed.status == item.status or _agrees(typed.status, item.status):
                out.unchanged += 1
            elif (item.trainee, item.session) in overwrite:
                to_write.append(item)
            else:
                conflict = Conflict(trainees[item.trainee], sessions[item.session], typed.status, item.status)
                out.conflicts.append(conflict)
        if out.conflicts:
            return out  # nothing written: she decides first
        for item in to_write:
            tr.mark(sessions[item.session], trainees[item.trainee], item.status)
            out.written += 1
        for person in new_people:
            trainee = tr.add_trainee(training, replace(person.data, walk_in=True))
            out.walk_ins.append(trainee)
            for uuid in dict.fromkeys(person.sessions):
                tr.mark(sessions[uuid], trainee, PRESENT)
                out.written += 1
    return out


def _checked(
    marks: list[Confirmed],
    walk_ins: list[ConfirmedWalkIn],
    sessions: dict[str, tr.TrainingSession],
    trainees: dict[str, tr.Trainee],
) -> list[Confirmed]:
    """The confirmed marks, each trainee and session once; raises ValidationError for any that cannot be
    recorded. The same mark twice is one; present and absent for the same trainee and session is refused,
    naming them: which one she meant is hers to say, not the order of the list's."""
    errors: list[FieldError] = []
    status_of: dict[tuple[str, str], str] = {}
    contradicted: set[tuple[str, str]] = set()
    for item in marks:
        pair = (item.trainee, item.session)
        if item.trainee not in trainees or item.session not in sessions:
            problem = _("A confirmed mark is not of a trainee and session of this training.")
            errors.append(FieldError("trainee", problem))
        elif item.status not in (PRESENT, ABSENT):
            errors.append(FieldError("status", _("Unknown attendance status {status}.").format(status=item.status)))
        elif status_of.setdefault(pair, item.status) != item.status and pair not in contradicted:
            contradicted.add(pair)  # said once, however often she was confirmed each way
            problem = _("{name} is confirmed both present and absent at {session}.").format(
                name=trainees[item.trainee].name, session=sessions[item.session].label()
            )
            errors.append(FieldError("trainee", problem))
    for person in walk_ins:
        if any(uuid not in sessions for uuid in person.sessions):
            errors.append(FieldError("session", _("A walk-in was signed at a session not of this training.")))
    if errors:
        raise ValidationError(errors)
    return [Confirmed(trainee, session, status) for (trainee, session), status in status_of.items()]
