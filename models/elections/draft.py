"""An election as typed in the dialog, held in memory, and the operations that store it.

No Qt here: the dialog edits an ``ElectionDraft``. Two operations write it,
each in one transaction, and the dialog and the command line call nothing else
to change an election:

- ``save_draft(draft, unit)`` stores the election, its steps, rounds and
  candidates;
- ``finalise_draft(draft, unit, confirm_warnings)`` stores it and makes the
  unit's committee from its votes, or refuses and writes nothing.

``finalise_problems(draft, unit)`` says what finalising would refuse or ask
to confirm, from the draft in memory alone: it neither reads nor writes the
database, so the dialog may ask it on every keystroke, even while an import
holds the write lock.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from models import codes, fields
from models.base import FieldError, ValidationError, database, new_uuid
from models.elections import records as er
from models.elections.tally import DEFAULT_RULES, Candidate, ElectionRules, TallyResult, tally_round
from models.i18n import N_, _, join_list, ngettext
from models.people import Person, normalize_name
from models.strokes import sort_by_surname_strokes

ROUND_ORDER = ("committee", "chair", "vice_chair")
# The fields of the election itself that a draft carries as typed, the same on both sides.
ELECTION_FIELDS = (
    "kind",
    "term_number",
    "term_years",
    "two_committees_date",
    "status",
    "congress_kind",
    "meeting_date",
    "meeting_place",
    "entitled",
    "present",
    "excused",
    "chief_scrutineer",
    "scrutineers",
    "counters",
    "counting_base",
    "notes",
    # The 选举办法 the meeting adopted: its title and the rules it counts by (records.RULE_FIELDS).
    "rules_title",
    "quorum",
    "tie_break",
    "surplus_percent",
    "surplus_rounding",
)
# Problems with a candidate's name that the tally cannot see (it needs unique, non-empty names).
NAME_MESSAGES = {
    "empty_name": N_("Type the candidate's name."),
    "duplicate_name": N_("This name is on the list twice; remove one."),
}


@dataclass
class CandidateDraft:
    """One name on a round's ballot with her votes; ``person`` is the uuid of her record, if any."""

    name: str
    person: str | None = None
    write_in: bool = False
    yes: int = 0
    no: int = 0
    abstain: int = 0
    uuid: str = field(default_factory=new_uuid)


@dataclass
class RoundDraft:
    """One vote as typed: seats, who could vote, the ballots, the candidates."""

    kind: str
    seats: int = 1
    competitive: bool = True
    entitled: int = 0
    present: int = 0
    issued: int = 0
    returned: int = 0
    valid: int = 0
    invalid: int = 0
    candidates: list[CandidateDraft] = field(default_factory=list)
    uuid: str = field(default_factory=new_uuid)

    def is_blank(self) -> bool:
        """Nothing typed yet: such a round is not stored."""
        return not self.candidates and not any((self.issued, self.returned, self.valid, self.invalid))

    def name_problems(self) -> dict[int, str]:
        """Row → code for names the tally cannot count (empty or twice on the list)."""
        problems: dict[int, str] = {}
        seen: dict[str, int] = {}
        for row, candidate in enumerate(self.candidates):
            key = normalize_name(candidate.name)
            if not key:
                problems[row] = "empty_name"
            elif key in seen:
                problems[row] = "duplicate_name"
                problems.setdefault(seen[key], "duplicate_name")
            else:
                seen[key] = row
        return problems

    def tally(self, base: str, rules: ElectionRules = DEFAULT_RULES) -> TallyResult | None:
        """The counting rules applied to what is typed; None while a name problem stops counting."""
        if self.name_problems():
            return None
        return tally_round(
            self,
            [Candidate(normalize_name(c.name), c.yes, c.no, c.abstain, c.write_in) for c in self.candidates],
            base,
            rules,
        )

    def sort_by_strokes(self) -> None:
        self.candidates = sort_by_surname_strokes(self.candidates, key=lambda c: normalize_name(c.name))


@dataclass
class MemberEdit:
    """What the result page adds to an elected member: 专职/兼职 and her post on the two committees."""

    full_time: bool = False
    two_committees_post: str = ""


@dataclass
class MemberPreview:
    """One member of the committee the counted votes would produce."""

    name: str
    position: str  # chair, vice_chair, executive
    person: str | None
    reelected: bool
    full_time: bool
    two_committees_post: str


@dataclass
class ElectionDraft:
    """Everything the dialog edits; compared as a whole to tell whether Esc would lose anything."""

    uuid: str = field(default_factory=new_uuid)
    stored: bool = False
    kind: str = "regular"
    term_number: int | None = None
    term_years: int = 5
    two_committees_date: _dt.date | None = None
    status: str = "preparing"
    congress_kind: str = "representatives"
    meeting_date: _dt.date | None = None
    meeting_place: str = ""
    entitled: int = 0
    present: int = 0
    excused: int = 0
    chief_scrutineer: str = ""
    scrutineers: str = ""
    counters: str = ""
    counting_base: str = "entitled"
    notes: str = ""
    rules_title: str = ""
    quorum: str = DEFAULT_RULES.quorum
    tie_break: str = DEFAULT_RULES.tie_break
    surplus_percent: int = DEFAULT_RULES.surplus_percent
    surplus_rounding: str = DEFAULT_RULES.surplus_rounding
    finalised: bool = False  # a committee was made from it (term_start is set)
    steps: dict[str, tuple[_dt.date | None, str]] = field(default_factory=dict)
    # The first vote of each kind; a tie for its last seat is settled by the run-offs that follow it.
    rounds: dict[str, RoundDraft] = field(default_factory=dict)
    runoffs: dict[str, list[RoundDraft]] = field(default_factory=dict)
    member_edits: dict[str, MemberEdit] = field(default_factory=dict)

    # --- making ---------------------------------------------------------------------

    @classmethod
    def new(cls) -> ElectionDraft:
        draft = cls()
        draft.rounds = {
            "committee": RoundDraft("committee", seats=7, competitive=True),
            "chair": RoundDraft("chair", seats=1, competitive=False),
            "vice_chair": RoundDraft("vice_chair", seats=1, competitive=False),
        }
        for kind in ("chair", "vice_chair"):
            draft.rounds[kind].entitled = draft.rounds[kind].present = 7
        draft.runoffs = {kind: [] for kind in ROUND_ORDER}
        draft.steps = {key: (None, "") for key in er.STEPS}
        return draft

    @classmethod
    def load(cls, election: er.Election) -> ElectionDraft:
        draft = cls.new()
        draft.uuid, draft.stored = election.uuid, True
        for name in ELECTION_FIELDS:
            setattr(draft, name, getattr(election, name))
        draft.finalised = election.term_start is not None
        for step in election.steps():
            if step.step in draft.steps:
                draft.steps[step.step] = (step.date, step.document_number or "")
        seen: set[str] = set()
        for round_ in election.rounds():
            if round_.kind not in draft.rounds:
                continue
            loaded = RoundDraft(
                round_.kind,
                round_.seats,
                round_.competitive,
                round_.entitled,
                round_.present,
                round_.issued,
                round_.returned,
                round_.valid,
                round_.invalid,
                [
                    CandidateDraft(c.name, c.person_id, c.write_in, c.yes, c.no, c.abstain, c.uuid)
                    for c in round_.candidates()
                ],
                round_.uuid,
            )
            # Rounds come in their stored order: the first of a kind is its vote, later ones its run-offs.
            if round_.kind in seen:
                draft.runoffs[round_.kind].append(loaded)
            else:
                seen.add(round_.kind)
                draft.rounds[round_.kind] = loaded
        for member in election.members():
            draft.member_edits[member.person.name] = MemberEdit(member.full_time, member.two_committees_post)
        return draft

    def copy(self) -> ElectionDraft:
        return copy.deepcopy(self)

    # --- checking ---------------------------------------------------------------------

    def record(self, unit: str) -> er.Election:
        """An unsaved Election carrying the typed values (for the model's own checks)."""
        election = er.Election(uuid=self.uuid, unit=unit)
        self.apply_to(election)
        return election

    def apply_to(self, election: er.Election) -> None:
        """Copy the typed values of the election itself onto a record (saved or not)."""
        for name in ELECTION_FIELDS:
            setattr(election, name, getattr(self, name))

    def rules(self) -> ElectionRules:
        """The counting rules as typed (a value the form refuses counts by the default rule meanwhile)."""
        return er.rules_of(self)

    def set_rules(self, rules: ElectionRules) -> None:
        for name in er.RULE_FIELDS:
            setattr(self, name, getattr(rules, name))

    def rounds_of(self, kind: str) -> list[RoundDraft]:
        """The vote of one kind followed by its run-offs, in the order they were held."""
        first = self.rounds.get(kind)
        return ([first] if first is not None else []) + list(self.runoffs.get(kind, []))

    def all_rounds(self) -> list[RoundDraft]:
        return [r for kind in ROUND_ORDER for r in self.rounds_of(kind)]

    def add_runoff(self, after: RoundDraft, base: str) -> RoundDraft | None:
        """A new run-off right after ``after`` among those its count leaves tied; None when nobody is tied.

        Only a round's last vote can be followed: a run-off settles the tie of the vote just before it.
        """
        chain = self.rounds_of(after.kind)
        if not chain or chain[-1] is not after:
            return None
        result = after.tally(base, self.rules())
        if result is None or result.void or not result.runoff:
            return None
        tied = [c for c in after.candidates if normalize_name(c.name) in result.runoff]  # in ballot order
        # Not competitive (等额 in the form): the 10% rule is about the nominated list of a 差额
        # election; a run-off's ballot is fixed by the tie, whatever its size, so the rule cannot apply.
        runoff = RoundDraft(
            after.kind,
            seats=result.runoff_seats,
            competitive=False,
            entitled=after.entitled,
            present=after.present,
            candidates=[CandidateDraft(normalize_name(c.name), c.person, c.write_in) for c in tied],
        )
        self.runoffs.setdefault(after.kind, []).append(runoff)
        return runoff

    def remove_runoff(self, runoff: RoundDraft) -> bool:
        """Take back the last run-off of its kind (an earlier one would leave a later one without its tie)."""
        chain = self.runoffs.get(runoff.kind, [])
        if not chain or chain[-1] is not runoff:
            return False
        chain.pop()
        return True

    def runoff_problem(self, runoff: RoundDraft, base: str) -> str:
        """Why a run-off does not settle the tie of the vote before it ("" when it does or that vote is not counted).

        The tally sees every round alone; only here is a run-off compared with the tie it was added for,
        which may have changed since (the earlier vote was corrected).
        """
        chain = self.rounds_of(runoff.kind)
        place = next((i for i, r in enumerate(chain) if r is runoff), 0)
        if place == 0:
            return ""
        before = chain[place - 1].tally(base, self.rules())
        if before is None or before.void:
            return ""  # the vote before is marked on its own page
        if not before.runoff:
            return _("The vote before this one has no tie for the last seat any more: remove this run-off vote.")
        names = {normalize_name(c.name) for c in runoff.candidates}
        if names != set(before.runoff) or runoff.seats != before.runoff_seats:
            return ngettext(
                "The vote before this one leaves {names} tied for {n} seat: the run-off is among exactly them, "
                "for that seat.",
                "The vote before this one leaves {names} tied for {n} seats: the run-off is among exactly them, "
                "for those seats.",
                before.runoff_seats,
            ).format(names=join_list(before.runoff), n=before.runoff_seats)
        return ""

    def unsettled_tie(self, kind: str, base: str) -> TallyResult | None:
        """The count of a kind's last vote when it leaves a tie that no run-off settles yet."""
        chain = self.rounds_of(kind)
        if not chain or chain[-1].is_blank():
            return None
        result = chain[-1].tally(base, self.rules())
        return result if result is not None and not result.void and result.runoff else None

    def elected(self, kind: str, base: str) -> list[str]:
        """Everyone elected by the votes of one kind, the run-offs included (as finalising counts them)."""
        names: list[str] = []
        for round_ in self.rounds_of(kind):
            counted = round_.tally(base, self.rules()) if not round_.is_blank() else None
            if counted is not None and not counted.void:
                names.extend(n for n in counted.elected if n not in names)
        return names

    def scrutineer_conflicts(self) -> dict[str, list[str]]:
        """Field ("chief_scrutineer", "scrutineers", "counters") → candidates named in it."""
        candidates = {normalize_name(c.name) for r in self.all_rounds() for c in r.candidates}
        found: dict[str, list[str]] = {}
        for name in ("chief_scrutineer", "scrutineers", "counters"):
            names = [normalize_name(n) for n in er.split_names(getattr(self, name))]
            clash = [n for n in names if n and n in candidates]
            if clash:
                found[name] = clash
        return found

    def kept_rounds(self) -> list[RoundDraft]:
        """The rounds to store, in the order they were held: each vote, then its run-offs."""
        return [r for r in self.all_rounds() if not r.is_blank()]

    def preview(self, reelected: dict[str, bool] | None = None) -> list[MemberPreview]:
        """The committee the votes would make: chair, vice-chairs, then members in stroke order."""
        committee = self.rounds.get("committee")
        result = committee.tally(self.counting_base, self.rules()) if committee else None
        if result is None or result.void:
            return []
        # Like finalising: whoever any vote of a kind elects, the run-offs included.
        positions = {name: "executive" for name in self.elected("committee", self.counting_base)}
        for kind in ("chair", "vice_chair"):
            for name in self.elected(kind, self.counting_base):
                if name in positions:
                    positions[name] = kind
        people = {normalize_name(c.name): c.person for r in self.all_rounds() for c in r.candidates if c.person}
        previous = reelected if reelected is not None else sitting_committee(people.values())
        order = {"chair": 0, "vice_chair": 1, "executive": 2}
        executives = sort_by_surname_strokes([n for n, p in positions.items() if p == "executive"])
        ranked = [n for n in positions if positions[n] != "executive"] + executives
        ranked.sort(key=lambda n: order[positions[n]])
        members = []
        for name in ranked:
            edit = self.member_edits.get(name, MemberEdit(full_time=positions[name] == "chair"))
            person = people.get(name)
            full_time = True if positions[name] == "chair" else (edit.full_time and positions[name] == "vice_chair")
            members.append(
                MemberPreview(
                    name,
                    positions[name],
                    person,
                    bool(previous.get(person or name)),
                    full_time,
                    edit.two_committees_post,
                )
            )
        return members

    def counted_rounds(self) -> list[er.CountedRound] | None:
        """The rounds to store, counted as finalising counts them; None while a name stops the count."""
        counted = []
        for round_ in self.kept_rounds():
            if round_ is self.rounds.get("committee"):
                # Stored with the congress's attendance (see _write_rounds): counted with it too.
                round_ = dataclasses.replace(round_, entitled=self.entitled, present=self.present)
            result = round_.tally(self.counting_base, self.rules())
            if result is None:
                return None
            names = [normalize_name(c.name) for c in round_.candidates]
            counted.append(er.CountedRound(round_.kind, round_.uuid, names, result))
        return counted


# --- the operations ---------------------------------------------------------------------


def finalise_problems(draft: ElectionDraft, unit: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(errors that refuse finalising, warnings needing confirmation as (code, sentence)) of the draft as typed.

    The same rules ``records.finalise`` applies to the stored election, applied
    to the draft in memory: nothing is read from or written to the database.
    """
    record = draft.record(unit)
    errors = [error.message for error in er.validate_election(record) + text_errors(draft)]
    counted = draft.counted_rounds()
    if counted is None:
        for round_ in draft.kept_rounds():
            label = _(er.ROUND_KINDS[round_.kind])
            for code in dict.fromkeys(round_.name_problems().values()):
                errors.append(f"{label}: {explain_name_problem(code)}")
        return errors, []
    found, warnings = er.problems_of_counts(counted, draft.meeting_date, record.scrutineer_names())
    return errors + found, warnings


def text_errors(draft: ElectionDraft) -> list[FieldError]:
    """What the field rules (``models.fields``) refuse in the texts typed on the election's parts.

    A step's document number (field ``steps.<step>``), a candidate's name
    (``rounds.<kind>``) and a member's post on the two committees (``members``); the
    election's own texts are checked by ``records.validate_election``. Each
    message names the step, vote or member and the field.
    """
    errors: list[FieldError] = []
    for key, (_day, document) in draft.steps.items():
        _clean, problem = fields.check_text("election_step", "document_number", document)
        if problem:
            step = _(er.STEPS.get(key, key))
            errors.append(FieldError(f"steps.{key}", _("{part}: {problem}").format(part=step, problem=problem)))
    for round_ in draft.kept_rounds():
        for candidate in round_.candidates:
            _clean, problem = fields.check_text("election_candidate", "name", normalize_name(candidate.name))
            if problem:
                vote = er.round_name(round_.kind)
                errors.append(
                    FieldError(f"rounds.{round_.kind}", _("{part}: {problem}").format(part=vote, problem=problem))
                )
    for name, edit in draft.member_edits.items():
        _clean, problem = fields.check_text("committee_member", "two_committees_post", edit.two_committees_post)
        if problem:
            errors.append(FieldError("members", _("{part}: {problem}").format(part=name, problem=problem)))
    unique: dict[tuple[str, str], FieldError] = {}
    for error in errors:
        unique.setdefault((error.field, error.message), error)
    return list(unique.values())


def _refuse_bad_texts(draft: ElectionDraft, unit: str) -> None:
    """ValidationError, before anything is written, for any text the field rules refuse."""
    errors = [e for e in er.validate_election(draft.record(unit)) if e.field in er.TYPED_TEXTS] + text_errors(draft)
    if errors:
        raise ValidationError(errors)


def save_draft(draft: ElectionDraft, unit: str) -> er.Election:
    """Store the election as typed (steps, rounds, candidates, member details) in one transaction.

    ValidationError leaves everything as it was. Records are looked up afresh
    by uuid, so saving the same draft again updates what the first save wrote.
    """
    _refuse_bad_texts(draft, unit)
    with database.atomic():
        return _write(draft, unit)


def finalise_draft(draft: ElectionDraft, unit: str, confirm_warnings: bool = False) -> er.Election:
    """Store the election as typed and make the unit's committee from its votes, in one transaction.

    Refused (``records.FinaliseRefused``, nothing written) while
    ``finalise_problems`` finds errors, or warnings that are not confirmed;
    the confirmed warnings are recorded on the election.
    """
    _refuse_bad_texts(draft, unit)
    errors, warnings = finalise_problems(draft, unit)
    if errors or (warnings and not confirm_warnings):
        raise er.FinaliseRefused(errors, warnings)
    with database.atomic():
        old = {
            m.person_id: m.reelected for m in er.CommitteeMember.live().where(er.CommitteeMember.election == draft.uuid)
        }
        election = _write(draft, unit)
        members = er.finalise(election, confirm_warnings=confirm_warnings)
        election = er.Election.get_by_id(election.uuid)
        for member in members:
            if member.person_id in old:
                # Finalised again: whether she was new is decided by the committee before this election.
                member.reelected = old[member.person_id]
            edit = draft.member_edits.get(member.person.name) or MemberEdit(full_time=member.position == "chair")
            _apply_member_edit(member, edit, election)
    return election


# --- writing (inside the operations' transaction) -------------------------------------------


def _write(draft: ElectionDraft, unit: str) -> er.Election:
    election = er.Election.get_or_none(er.Election.uuid == draft.uuid) or er.Election(uuid=draft.uuid, unit=unit)
    draft.apply_to(election)
    if election.term_start is not None and election.meeting_date:
        # A finalised election whose date or term length changed: its term follows.
        election.term_start = election.meeting_date
        election.term_end = er.add_years(election.meeting_date, election.term_years)
    er.save_election(election)
    _write_steps(draft, election, unit)
    _write_rounds(draft, election, unit)
    _write_members(draft, election)
    return election


def _write_steps(draft: ElectionDraft, election: er.Election, unit: str) -> None:
    existing = {s.step: s for s in er.ElectionStep.live().where(er.ElectionStep.election == election)}
    for key, (day, document) in draft.steps.items():
        row = existing.get(key)
        document = fields.clean_text("election_step", "document_number", document)
        if day is None and not document:
            if row is not None:
                row.move_to_recycle_bin()
            continue
        if row is None:
            row = er.ElectionStep(unit=unit, election=election, step=key)
        row.date, row.document_number = day, document
        row.save()


def _write_rounds(draft: ElectionDraft, election: er.Election, unit: str) -> None:
    existing = {r.uuid: r for r in er.ElectionRound.live().where(er.ElectionRound.election == election)}
    for position, round_ in enumerate(draft.kept_rounds()):
        row = existing.pop(round_.uuid, None) or er.ElectionRound(uuid=round_.uuid, unit=unit, election=election)
        if round_ is draft.rounds.get("committee"):
            # The congress votes the committee; a run-off has its own count of who was there.
            round_.entitled, round_.present = draft.entitled, draft.present
        for name in ("kind", "seats", "competitive", "entitled", "present", "issued", "returned", "valid", "invalid"):
            setattr(row, name, getattr(round_, name))
        row.position = position
        row.save()
        _write_candidates(row, round_, unit)
    for row in existing.values():
        # Every round of a known kind was loaded into the draft: one left over was emptied or a
        # run-off taken back; it goes to the recycle bin with its names.
        if row.kind in ROUND_ORDER:
            for candidate in row.candidates():
                candidate.move_to_recycle_bin()
            row.move_to_recycle_bin()


def _write_candidates(row: er.ElectionRound, round_: RoundDraft, unit: str) -> None:
    existing = {c.uuid: c for c in er.ElectionCandidate.live().where(er.ElectionCandidate.round == row)}
    for candidate in round_.candidates:
        stored = existing.pop(candidate.uuid, None) or er.ElectionCandidate(uuid=candidate.uuid, unit=unit, round=row)
        stored.person = candidate.person
        stored.name = normalize_name(candidate.name)
        stored.write_in = candidate.write_in
        stored.yes, stored.no, stored.abstain = candidate.yes, candidate.no, candidate.abstain
        stored.save()
    for stored in existing.values():
        stored.move_to_recycle_bin()


def _write_members(draft: ElectionDraft, election: er.Election) -> None:
    """专职/兼职 and 两委 posts typed on the result page, for a committee that already exists."""
    for member in election.members():
        edit = draft.member_edits.get(member.person.name)
        if edit is None:
            continue
        _apply_member_edit(member, edit, election)


def _apply_member_edit(member: er.CommitteeMember, edit: MemberEdit, election: er.Election) -> None:
    person = member.person
    if member.position == "vice_chair":
        member.full_time = edit.full_time
        person.part_time = not edit.full_time
    member.two_committees_post = fields.clean_text("committee_member", "two_committees_post", edit.two_committees_post)
    if member.two_committees_post:
        person.two_committees = True
    member.term_start, member.term_end = election.term_start, election.term_end
    member.save()
    person.save()


def sitting_committee(person_ids: Iterable[str | None]) -> dict[str, bool]:
    """uuid → True for those of these people who sit on the committee now (they would be re-elected)."""
    ids = [p for p in person_ids if p]
    if not ids:
        return {}
    return {p.uuid: True for p in Person.live().where(Person.uuid.in_(ids) & Person.post.in_(codes.COMMITTEE_POSTS))}


def explain_name_problem(code: str) -> str:
    return _(NAME_MESSAGES[code])
