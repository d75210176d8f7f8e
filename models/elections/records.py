"""Election rounds as records: the election, its steps, rounds, candidates and the resulting committee.

The counting rules themselves are in ``models.elections`` (``tally``); this
module stores what was entered, applies the rules to it, and turns a
finalised election into the unit's current committee.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from models import codes, fields, units
from models.base import FieldError, Record, ValidationError, database, in_slices, utcnow
from models.elections.tally import (
    DEFAULT_RULES,
    QUORUMS,
    ROUNDINGS,
    TIE_BREAKS,
    Candidate,
    ElectionRules,
    TallyResult,
    tally_round,
)
from models.i18n import N_, _
from models.listing import Scope
from models.people import Person, normalize_name, pinyin_keys, search
from models.strokes import sort_by_surname_strokes

KINDS = {
    "regular": N_("Regular election"),
    "conversion": N_("Conversion to a federation"),
    "by_election": N_("By-election"),
}  # 换届 / 会改联 / 补选
STATUSES = {
    "not_started": N_("Not started"),
    "preparing": N_("In preparation"),
    "elected": N_("Elected"),
    "approved": N_("Approved and filed"),
}  # 未启动 筹备中 已选举 已批复备案
DONE_STATUSES = ("elected", "approved")  # a finalised election: its committee is the unit's current one
CONGRESS_KINDS = {
    "representatives": N_("Women's representatives congress"),  # 妇女代表大会
    "all_women": N_("Assembly of all women"),
}  # 妇女大会
# Steps in the order they happen (DOMAIN.md §1).
STEPS = {
    "preparatory_group": N_("Preparatory group and work plan"),
    "request": N_("Request to the Party organisation"),
    "approval": N_("Party organisation's approval"),
    "representatives": N_("Women's representatives selected"),
    "candidates_published": N_("Candidate list reviewed and published"),
    "ballots_prepared": N_("Ballots and voting rules prepared"),
    "congress": N_("Congress votes the executive committee"),
    "first_plenary": N_("First plenary meeting elects chair and vice-chairs"),
    "filed": N_("Result reported, approved and filed"),
}
# Rounds: the congress elects the committee; its first plenary the chair and vice-chairs.
ROUND_KINDS = {"committee": N_("Executive committee"), "chair": N_("Chair"), "vice_chair": N_("Vice-chairs")}
ROUND_POSITION = {"chair": "chair", "vice_chair": "vice_chair"}
BASE_LABELS = {"entitled": N_("more than half of those entitled"), "present": N_("more than half of those present")}


class Election(Record):
    """One election round of a unit's federation (换届, 会改联 or 补选)."""

    kind = CharField(max_length=16, default="regular")
    term_number = IntegerField(null=True)  # 第N届
    term_years = IntegerField(default=5)
    two_committees_date = DateField(null=True)
    status = CharField(max_length=16, default="preparing")
    congress_kind = CharField(max_length=16, default="representatives")
    meeting_date = DateField(null=True)
    meeting_place = CharField(max_length=fields.max_length("election", "meeting_place"), default="")
    entitled = IntegerField(default=0)  # 应到
    present = IntegerField(default=0)  # 实到
    excused = IntegerField(default=0)  # 请假
    chief_scrutineer = CharField(max_length=fields.max_length("election", "chief_scrutineer"), default="")  # 总监票人
    # 监票人, separated by 、
    scrutineers = CharField(max_length=fields.max_length("election", "scrutineers"), default="")
    counters = CharField(max_length=fields.max_length("election", "counters"), default="")  # 计票人
    counting_base = CharField(max_length=16, default="entitled")
    term_start = DateField(null=True)
    term_end = DateField(null=True)
    confirmed_warnings = TextField(default="")  # what was confirmed at finalising, and when
    notes = TextField(default="")
    # The rules the meeting adopted (its 选举办法); the defaults are those every earlier election was counted by.
    rules_title = CharField(max_length=fields.max_length("election", "rules_title"), default="")
    quorum = CharField(max_length=16, default="more_than")  # tally.QUORUMS
    tie_break = CharField(max_length=16, default="fewer_against")  # tally.TIE_BREAKS
    surplus_percent = IntegerField(default=10)
    surplus_rounding = CharField(max_length=8, default="up")  # tally.ROUNDINGS
    # Why 应到 is not the number of representatives listed ('' when it is, or none are listed).
    entitled_reason = CharField(max_length=fields.max_length("election", "entitled_reason"), default="")

    class Meta:
        table_name = "election"
        indexes = ((("deleted",), False),)

    def title(self) -> str:
        kind = _(KINDS.get(self.kind, self.kind))
        if self.term_number:
            return _("Term {n} — {kind}").format(n=self.term_number, kind=kind)
        return kind

    def rounds(self):
        return (
            ElectionRound.live()
            .where(ElectionRound.election == self)
            .order_by(ElectionRound.position, ElectionRound.created_at)
        )

    def steps(self):
        return ElectionStep.live().where(ElectionStep.election == self).order_by(ElectionStep.date)

    def members(self):
        return CommitteeMember.live().where(CommitteeMember.election == self)

    def rules(self) -> ElectionRules:
        """The counting rules of this election's own 选举办法."""
        return rules_of(self)

    def scrutineer_names(self) -> list[str]:
        names = [self.chief_scrutineer] + split_names(self.scrutineers) + split_names(self.counters)
        return [normalize_name(n) for n in names if n and n.strip()]


class ElectionStep(Record):
    """A dated step of the election (DOMAIN.md "Steps"), with its document number."""

    election = ForeignKeyField(Election, column_name="election", field="uuid", backref="step_rows")
    step = CharField(max_length=32)
    date = DateField(null=True)
    document_number = CharField(max_length=fields.max_length("election_step", "document_number"), default="")
    notes = TextField(default="")

    class Meta:
        table_name = "election_step"


class ElectionRepresentative(Record):
    """A women's representative (妇女代表) to the election's meeting: the list behind its 应到."""

    election = ForeignKeyField(Election, column_name="election", field="uuid", backref="representative_rows")
    person = ForeignKeyField(Person, column_name="person", field="uuid", null=True)  # her record, where there is one
    name = CharField(max_length=fields.max_length("election_representative", "name"))
    group_name = CharField(max_length=fields.max_length("election_representative", "group_name"), default="")
    birth_month = CharField(max_length=7, default="")  # YYYY-MM
    category = CharField(max_length=32, default="")  # identity category (a code of models.codes)
    position = IntegerField(default=0)  # order on the list
    notes = TextField(default="")
    person_id: str | None
    election_id: str

    class Meta:
        table_name = "election_representative"


class ElectionRound(Record):
    """One vote: the seats, who could vote, the ballots."""

    election = ForeignKeyField(Election, column_name="election", field="uuid", backref="round_rows")
    position = IntegerField(default=0)
    kind = CharField(max_length=16, default="committee")
    seats = IntegerField(default=1)
    competitive = BooleanField(default=True)  # 差额 (True) or 等额
    entitled = IntegerField(default=0)
    present = IntegerField(default=0)
    issued = IntegerField(default=0)
    returned = IntegerField(default=0)
    valid = IntegerField(default=0)
    invalid = IntegerField(default=0)

    class Meta:
        table_name = "election_round"

    def candidates(self):
        return ElectionCandidate.live().where(ElectionCandidate.round == self).order_by(ElectionCandidate.created_at)

    def tally(self, base: str = "entitled", rules: ElectionRules = DEFAULT_RULES) -> TallyResult:
        return tally_round(self, [c.as_candidate() for c in self.candidates()], base, rules)


class ElectionCandidate(Record):
    """A name on a round's ballot (a person of the unit) or written in, with her votes."""

    round = ForeignKeyField(ElectionRound, column_name="round", field="uuid", backref="candidate_rows")
    person = ForeignKeyField(Person, column_name="person", field="uuid", null=True)
    name = CharField(max_length=fields.max_length("election_candidate", "name"))
    write_in = BooleanField(default=False)
    yes = IntegerField(default=0)
    no = IntegerField(default=0)
    abstain = IntegerField(default=0)
    person_id: str | None  # the raw uuid behind ``person`` (peewee's foreign-key id attribute)

    class Meta:
        table_name = "election_candidate"

    def as_candidate(self) -> Candidate:
        return Candidate(self.name, self.yes, self.no, self.abstain, self.write_in)


def round_name(kind: str, runoff: int = 0) -> str:
    """What a round is called: its kind, and for a run-off (另行选举, 1 the first) which one."""
    label = _(ROUND_KINDS[kind]) if kind in ROUND_KINDS else kind
    if not runoff:
        return label
    if runoff == 1:
        return _("{round}: run-off vote").format(round=label)
    return _("{round}: run-off vote {n}").format(round=label, n=runoff)


def named_rounds(election: Election) -> list[tuple[ElectionRound, str]]:
    """The election's rounds and their names; a kind's later rounds are its run-offs, named so."""
    named: list[tuple[ElectionRound, str]] = []
    seen: dict[str, int] = {}
    for round_ in election.rounds():
        named.append((round_, round_name(round_.kind, seen.get(round_.kind, 0))))
        seen[round_.kind] = seen.get(round_.kind, 0) + 1
    return named


def round_title(round_: ElectionRound) -> str:
    """The election and the round, as a line names them: "石门村妇联第三届换届选举, Chair: run-off vote"."""
    name = next(name for other, name in named_rounds(round_.election) if other.uuid == round_.uuid)
    return _("{election}, {round}").format(election=round_.election.title(), round=name)


def ballot_order(candidates: Iterable[ElectionCandidate]) -> list[ElectionCandidate]:
    """Nominated candidates in surname stroke order, then the written-in names the same way: the order a
    ballot prints them in, numbered from 1 (what a read ballot's cells name)."""
    people = list(candidates)
    nominated = [c for c in people if not c.write_in]
    written = [c for c in people if c.write_in]
    return sort_by_surname_strokes(nominated, key=lambda c: c.name) + sort_by_surname_strokes(
        written, key=lambda c: c.name
    )


class CommitteeMember(Record):
    """A member of the committee an election produced, with her position and term."""

    election = ForeignKeyField(Election, column_name="election", field="uuid", backref="member_rows")
    person = ForeignKeyField(Person, column_name="person", field="uuid")
    position = CharField(max_length=32)  # codes.COMMITTEE_POSTS
    full_time = BooleanField(default=False)  # 专职 (vice-chairs)
    two_committees_post = CharField(max_length=fields.max_length("committee_member", "two_committees_post"), default="")
    reelected = BooleanField(default=False)  # 连任 (True) or 新任
    term_start = DateField(null=True)
    term_end = DateField(null=True)
    person_id: str  # the raw uuid behind ``person`` (peewee's foreign-key id attribute)
    election_id: str  # the raw uuid behind ``election``

    class Meta:
        table_name = "committee_member"


# The election's columns that hold its counting rules (ElectionRules' fields of the same names).
RULE_FIELDS = ("quorum", "tie_break", "surplus_percent", "surplus_rounding")


def rules_of(source) -> ElectionRules:
    """The counting rules an election (stored or typed) carries in its rule columns.

    A value ``validate_election`` refuses (it is never stored) falls back to the
    default rule, so that an election still being typed can be counted while
    its form shows the mistake.
    """
    values = {}
    for name in RULE_FIELDS:
        value = getattr(source, name)
        try:
            ElectionRules(**{name: value})
        except (TypeError, ValueError):
            value = getattr(DEFAULT_RULES, name)
        values[name] = value
    return ElectionRules(**values)


def rules_problems(source) -> list[FieldError]:
    """Field problems of the rule columns: known codes, a whole percent from 0 to 100."""
    errors = []
    for name, allowed, text in (
        ("quorum", QUORUMS, N_("Election rules: the quorum rule “{value}” is unknown.")),
        ("tie_break", TIE_BREAKS, N_("Election rules: the rule for a tie for the last seat “{value}” is unknown.")),
        (
            "surplus_rounding",
            ROUNDINGS,
            N_("Election rules: the rounding of the candidate surplus “{value}” is unknown."),
        ),
    ):
        value = getattr(source, name)
        if value not in allowed:
            errors.append(FieldError(name, _(text).format(value=value)))
    percent = source.surplus_percent
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        errors.append(
            FieldError(
                "surplus_percent",
                _("Election rules: the candidate surplus is a whole percent from 0 to 100, not {value}.").format(
                    value=percent
                ),
            )
        )
    return errors


def split_names(text: str) -> list[str]:
    import re

    return [n for n in re.split(r"[、,，;；\s]+", text or "") if n]


def add_years(day: _dt.date, years: int) -> _dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- checking -------------------------------------------------------------------------------


@dataclass
class RoundCheck:
    """A round's tally plus the checks that need the whole election."""

    round: ElectionRound
    result: TallyResult
    scrutineer_conflicts: list[str]  # candidates who also count or watch the vote


def check_round(election: Election, round_: ElectionRound) -> RoundCheck:
    scrutineers = set(election.scrutineer_names())
    conflicts = [c.name for c in round_.candidates() if normalize_name(c.name) in scrutineers]
    return RoundCheck(round_, round_.tally(election.counting_base, election.rules()), conflicts)


@dataclass(frozen=True)
class CountedRound:
    """One vote as the finalising rules see it, whether stored or still being typed: its kind, names and count."""

    kind: str
    key: str  # tells the rounds apart (the uuid): the last of a kind is the one whose tie must be settled
    candidates: list[str]  # the names on the ballot, normalised
    result: TallyResult


def counted_round(round_: ElectionRound, base: str, rules: ElectionRules = DEFAULT_RULES) -> CountedRound:
    names = [normalize_name(c.name) for c in round_.candidates()]
    return CountedRound(round_.kind, round_.uuid, names, round_.tally(base, rules))


def problems_of_counts(
    rounds: list[CountedRound], meeting_date: _dt.date | None, scrutineers: list[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    """(errors that refuse finalising, warnings needing confirmation as (code, sentence)) for counted votes.

    A pure rule: the rounds come in the order they were held (a tie is settled
    by a later round of the same kind, the run-off vote); nothing is read or
    written, so the dialog can ask it as often as it likes.
    """
    errors: list[str] = []
    warnings: list[tuple[str, str]] = []
    if not any(r.kind == "committee" for r in rounds):
        errors.append(_("Enter the vote for the executive committee first."))
    if not meeting_date:
        errors.append(_("Enter the date of the congress."))
    watching = set(scrutineers)
    last_of_kind = {r.kind: r.key for r in rounds}
    for round_ in rounds:
        label = _(ROUND_KINDS[round_.kind])
        result = round_.result
        if not round_.candidates:
            errors.append(_("{round}: there are no candidates.").format(round=label))
            continue
        for code in result.errors:
            errors.append(f"{label}: {result.message(code)}")
        if result.runoff and last_of_kind[round_.kind] == round_.key:
            errors.append(
                _(
                    "{round}: {names} are tied for the last seat; hold a run-off vote and enter it as a new round."
                ).format(round=label, names="、".join(result.runoff))
            )
        for name in (n for n in round_.candidates if n in watching):
            errors.append(
                _("{round}: {name} is a candidate and may not count or watch the vote.").format(round=label, name=name)
            )
        for code in result.warnings:
            warnings.append((f"{round_.kind}:{code}", f"{label}: {result.message(code)}"))
        if result.vacant:
            warnings.append(
                (
                    f"{round_.kind}:vacant",
                    _("{round}: {n} seats stay vacant.").format(round=label, n=result.vacant),
                )
            )
    committee = elected_committee(rounds)
    for round_ in rounds:
        if round_.kind in ROUND_POSITION:
            outsiders = [n for n in round_.result.elected if n not in committee]
            if outsiders:
                errors.append(
                    _("{round}: {names} must first be elected to the executive committee.").format(
                        round=_(ROUND_KINDS[round_.kind]), names="、".join(outsiders)
                    )
                )
    return errors, warnings


def elected_committee(rounds: list[CountedRound]) -> list[str]:
    """Everyone the committee votes elected, the run-offs included, in the order they were elected."""
    names: list[str] = []
    for round_ in rounds:
        if round_.kind == "committee":
            names.extend(n for n in round_.result.elected if n not in names)
    return names


def counted_rounds(election: Election) -> list[CountedRound]:
    """The stored votes of an election, counted, in the order they were held."""
    rules = election.rules()
    return [counted_round(r, election.counting_base, rules) for r in election.rounds()]


def finalise_problems(election: Election) -> tuple[list[str], list[tuple[str, str]]]:
    """(errors that refuse finalising, warnings needing confirmation as (code, sentence)) of a stored election."""
    return problems_of_counts(counted_rounds(election), election.meeting_date, election.scrutineer_names())


class FinaliseRefused(Exception):
    """Finalising was refused: errors to correct, or warnings not confirmed."""

    def __init__(self, errors: list[str], warnings: list[tuple[str, str]]):
        self.errors, self.warnings = errors, warnings
        super().__init__("\n".join(errors + [w for _c, w in warnings]))


def finalise(
    election: Election, confirm_warnings: bool = False, today: _dt.date | None = None
) -> list[CommitteeMember]:
    """Turn the counted votes into the unit's committee, in one transaction.

    Refused while any round has an error; warnings must be confirmed, and the
    confirmation is recorded on the election. Elected people get their post;
    members of the previous committee who were not re-elected stay on the
    list as women's backbones.
    """
    rounds = counted_rounds(election)
    errors, warnings = problems_of_counts(rounds, election.meeting_date, election.scrutineer_names())
    if errors or (warnings and not confirm_warnings):
        raise FinaliseRefused(errors, warnings)
    today = today or _dt.date.today()
    start = election.meeting_date
    assert start is not None  # a missing congress date is among the errors above
    end = add_years(start, election.term_years)
    positions: dict[str, str] = {name: "executive" for name in elected_committee(rounds)}
    for counted in rounds:
        if counted.kind in ROUND_POSITION:
            for name in counted.result.elected:
                positions[name] = ROUND_POSITION[counted.kind]
    with database.atomic():
        previous = {
            p.uuid for p in Person.live().where((Person.unit == election.unit) & Person.post.in_(codes.COMMITTEE_POSTS))
        }
        for member in CommitteeMember.live().where(CommitteeMember.election == election):
            member.move_to_recycle_bin()
        members = []
        for name, position in positions.items():
            person = _person_for(election, name)
            members.append(
                CommitteeMember.create(
                    unit=election.unit,
                    election=election,
                    person=person,
                    position=position,
                    full_time=position == "chair",
                    reelected=person.uuid in previous,
                    term_start=start,
                    term_end=end,
                )
            )
            person.post = position
            person.part_time = position != "chair"
            person.save()
        elected_ids = {m.person_id for m in members}
        for person in Person.live().where(Person.uuid.in_(list(previous - elected_ids))):
            person.post = "backbone"
            person.save()
        election.status = "elected"
        election.term_start, election.term_end = start, end
        if warnings:
            stamp = utcnow().isoformat(timespec="seconds")
            election.confirmed_warnings = "\n".join(f"{stamp} {code}: {text}" for code, text in warnings)
        election.save()
    return members


def _person_for(election: Election, name: str) -> Person:
    """The person a candidate's name stands for; a write-in without a record gets one."""
    for candidate in (
        ElectionCandidate.live()
        .join(ElectionRound)
        .where((ElectionRound.election == election) & (ElectionCandidate.name == name))
    ):
        if candidate.person_id:
            return Person.get_by_id(candidate.person_id)
    person = Person.live().where((Person.unit == election.unit) & (Person.name == name)).first()
    if person is None:
        full, initials = pinyin_keys(name)
        person = Person.create(unit=election.unit, name=name, name_pinyin=full, name_initials=initials)
    return person


# --- queries ------------------------------------------------------------------------------------


def get_election(uuid: str) -> Election | None:
    """The live election with this uuid (a dialog opens it afresh), or None when it is gone."""
    return Election.live().where(Election.uuid == uuid).first()


class ElectionRow(NamedTuple):
    """What the list of elections shows of one election: a county lists hundreds, so only these columns
    are read (``get_election`` opens the whole record)."""

    uuid: str
    unit: str
    kind: str
    term_number: int | None
    status: str
    meeting_date: _dt.date | None
    term_end: _dt.date | None


@dataclass(frozen=True)
class ElectionList:
    """The elections a page lists for a scope, and which of them hold each unit's current term."""

    elections: list[ElectionRow]
    current: frozenset[str]  # uuids of the elections that made a unit's current committee


def _days(values: Iterable[object]) -> dict[object, _dt.date | None]:
    """Each stored date (ISO text) as a date, each distinct one parsed once."""
    days: dict[object, _dt.date | None] = {None: None}
    for value in values:
        if value not in days:
            days[value] = value if isinstance(value, _dt.date) else _dt.date.fromisoformat(str(value)[:10])
    return days


def list_elections(scope: Scope) -> ElectionList:
    """The live elections of a scope: each unit's in preparation first, then the latest congress first.

    With units below, grouped by unit in code order. A unit has a handful of
    elections, so all of them are read at once (the columns a list shows).
    """
    (listed_sql, listed_params), (current_sql, current_params) = _list_statements(scope, type(database.obj).__name__)
    # Raw values (dates as ISO text), converted here: cheaper than peewee's per-field converters.
    rows = database.execute_sql(listed_sql, listed_params).fetchall()
    days = _days([row[5] for row in rows] + [row[6] for row in rows])
    found = [
        ElectionRow(uuid, unit, kind, term_number, status, days[meeting], days[end])
        for uuid, unit, kind, term_number, status, meeting, end in rows
    ]
    currents: dict[str, str] = {}
    for unit, uuid in database.execute_sql(current_sql, current_params):
        currents.setdefault(unit, uuid)
    return ElectionList(found, frozenset(currents.values()))


@functools.lru_cache(maxsize=32)
def _list_statements(scope: Scope, engine: str) -> tuple[tuple[str, tuple], tuple[str, tuple]]:
    """The SQL (and parameters) of ``list_elections`` for a scope: the rows, then each unit's current term.

    A page lists the same few scopes again and again: they are put together once per scope and ``engine``
    (the open database's class name: SQLite and PostgreSQL write parameters differently).
    """
    # Ties of the meeting date go to the newest record (created last), then the uuid.
    order = [
        Election.meeting_date.is_null(False),
        Election.meeting_date.desc(),
        Election.created_at.desc(),
        Election.uuid,
    ]
    if scope.shows_units_below():
        order.insert(0, Election.unit)
    listed = (
        Election.live()
        .where(scope.condition(Election.unit))
        .select(
            Election.uuid,
            Election.unit,
            Election.kind,
            Election.term_number,
            Election.status,
            Election.meeting_date,
            Election.term_end,
        )
        .order_by(*order)
    )
    # Every unit listed is in the scope; the own unit's current term is asked for as well.
    current = _current_query(scope.condition(Election.unit) | (Election.unit == scope.own))
    return _statement(listed), _statement(current)


def _statement(query) -> tuple[str, tuple]:
    sql, params = database.get_sql_context().sql(query).query()
    return sql, tuple(params)


def people_matching(unit: str, text: str, limit: int) -> list[Person]:
    """The unit's people whose name, pinyin or initials match what was typed, by pinyin (for a candidate's name)."""
    query = Person.live().where(Person.unit == unit)
    return list(search(query, text).order_by(Person.name_pinyin).limit(limit))


def current_election(unit: str) -> Election | None:
    """The unit's latest finalised election (its current term)."""
    return _current_query(Election.unit == unit).select(Election).first()


def current_elections(unit_codes: Iterable[str]) -> dict[str, Election]:
    """``current_election`` of each of these units that has one, in one statement per 900 units."""
    found: dict[str, Election] = {}
    for chunk in in_slices(sorted(set(unit_codes))):
        for election in _current_query(Election.unit.in_(chunk)).select(Election):
            found.setdefault(election.unit, election)  # each unit's current term comes first
    return found


def _current_query(units_condition):
    """The finalised elections of the units the condition selects, each unit's current term first: the one
    whose term starts last (one without a term start after all that have one), then the newest record."""
    return (
        Election.live()
        .where(units_condition & Election.status.in_(DONE_STATUSES))
        .order_by(Election.unit, Election.term_start.is_null(), Election.term_start.desc(), Election.created_at.desc())
        .select(Election.unit, Election.uuid)
    )


REMINDER_MONTHS = 6  # a term ending within this many months is reminded of (换届到期提醒)


def reminder_limit(today: _dt.date, months: int = REMINDER_MONTHS) -> _dt.date:
    """The last term end that is reminded of today."""
    return add_years(today, 0) + _dt.timedelta(days=months * 31)


def months_until(day: _dt.date, today: _dt.date) -> int:
    """Whole months from today until ``day`` (negative once it has passed)."""
    months = (day.year - today.year) * 12 + day.month - today.month
    if day.day < today.day:
        months -= 1
    return months


@dataclass(frozen=True)
class TermStatus:
    """Where a current term stands today: when it ends, how many whole months are left, whether to remind."""

    end: _dt.date
    months_left: int  # negative once it has ended
    ended: bool
    due_soon: bool  # ended, or ending within REMINDER_MONTHS


def term_status(election: Election, today: _dt.date) -> TermStatus | None:
    """The term status of an election with a known term end, else None."""
    end = election.term_end
    if end is None:
        return None
    return TermStatus(end, months_until(end, today), end < today, end <= reminder_limit(today))


def terms_ending_soon(unit: str, today: _dt.date | None = None, months: int = REMINDER_MONTHS) -> list[Election]:
    """Current terms of the unit (or units below) ending within ``months`` (换届到期)."""
    today = today or _dt.date.today()
    limit = reminder_limit(today, months)
    latest: dict[str, Election] = {}
    query = (
        Election.live()
        .where(Election.status.in_(DONE_STATUSES) & Election.term_end.is_null(False))
        .order_by(Election.term_start)
    )
    prefix = units.subtree_prefix(unit)
    for election in query:
        if election.unit == unit or election.unit.startswith(prefix):
            latest[election.unit] = election
    return [e for e in latest.values() if e.term_end is not None and e.term_end <= limit]


# The election's own texts a user types (confirmed_warnings is written by finalising).
TYPED_TEXTS = ("meeting_place", "chief_scrutineer", "scrutineers", "counters", "notes", "rules_title")


def validate_election(election: Election) -> list[FieldError]:
    """Field problems of an election's own numbers and texts (the rounds are tallied separately).

    The texts are cleaned on the record as they will be stored (``models.fields``).
    """
    errors = []
    for name in ("entitled", "present", "excused"):
        if getattr(election, name) < 0:
            errors.append(FieldError(name, _("A number of people cannot be negative.")))
        elif getattr(election, name) > fields.MAX_PEOPLE:
            errors.append(FieldError(name, fields.too_many_people()))
    if election.present > election.entitled:
        errors.append(FieldError("present", _("More present than entitled.")))
    if election.present + election.excused > election.entitled:
        errors.append(FieldError("excused", _("Present and excused together exceed those entitled.")))
    if not 1 <= election.term_years <= 10:
        errors.append(FieldError("term_years", _("A term lasts 1 to 10 years.")))
    if election.kind not in KINDS:
        errors.append(FieldError("kind", _("Unknown kind of election.")))
    if election.counting_base not in BASE_LABELS:
        errors.append(FieldError("counting_base", _("Unknown counting base.")))
    errors += rules_problems(election)
    return errors + fields.check_texts("election", election, TYPED_TEXTS)


def save_election(election: Election) -> Election:
    errors = validate_election(election) + entitled_rule_errors(election) + _recorded_entitled_errors(election)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        election.save()
        _congress_vote_follows(election)
    return election


def _recorded_entitled_errors(election: Election) -> list[FieldError]:
    """A recorded result was counted against its 应到: that number cannot change under it."""
    stored = Election.get_or_none(Election.uuid == election.uuid)
    if stored is None or stored.status not in DONE_STATUSES or stored.entitled == election.entitled:
        return []
    return [
        FieldError(
            "entitled",
            _(
                "The result of this election is recorded, counted against {entitled} entitled to attend; "
                "that number can no longer change."
            ).format(entitled=stored.entitled),
        )
    ]


def _congress_vote_follows(election: Election) -> None:
    """The congress's first vote for the committee counts the meeting's 应到 and 实到: it follows every save of
    them (the election dialog writes the same when it saves its rounds, models.elections.draft)."""
    vote = (
        ElectionRound.live()
        .where((ElectionRound.election == election.uuid) & (ElectionRound.kind == "committee"))
        .order_by(ElectionRound.position, ElectionRound.created_at)
        .first()
    )
    if vote is not None and (vote.entitled, vote.present) != (election.entitled, election.present):
        vote.entitled, vote.present = election.entitled, election.present
        vote.save()


# --- 应到 and the list of women's representatives (models.elections.representatives) ---------------


def representative_count(election: Election) -> int:
    """How many live women's representatives the election lists (0 for one not stored yet)."""
    return ElectionRepresentative.live().where(ElectionRepresentative.election == election.uuid).count()


def entitled_rule_errors(election: Election) -> list[FieldError]:
    """应到 typed by hand must match the list of representatives, unless a reason is kept (DOMAIN.md §1).

    A reason left over from an earlier difference is dropped once they agree.
    Nobody listed: 应到 is as typed.
    """
    count = representative_count(election)
    if not count or election.entitled == count:
        election.entitled_reason = ""
        return []
    if election.entitled_reason.strip():
        return []
    return [
        FieldError(
            "entitled",
            _(
                "The number entitled ({entitled}) differs from the {count} women's representatives listed; "
                "correct it, or give the reason in the list of women's representatives."
            ).format(entitled=election.entitled, count=count),
        )
    ]
