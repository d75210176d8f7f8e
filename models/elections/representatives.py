"""The women's representatives (妇女代表名册) of an election: the list behind its 应到.

The rule (DOMAIN.md §1): 应到 is the number of representatives on the list.
A meeting may count otherwise (a representative died or moved away after the
township reviewed the list); then 应到 is typed by hand and the reason is kept
on the election (``entitled_reason``). Without a list, 应到 is whatever was
typed, as for every election entered before the list existed.

``save_representatives`` replaces the whole list in one transaction; the
dialog and the command line call nothing else to change it. Removed rows go to
the recycle bin like a round's candidates do (tombstoned, never erased), so a
package tells the township they were taken off.

Identity categories are ``codes.IDENTITY``, the same list the roster uses:
a representative imported from the people list keeps the category she has there.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from models import codes, fields
from models.base import FieldError, ValidationError, database, in_slices
from models.elections import records as er
from models.i18n import N_, _
from models.people import Person, normalize_name, parse_year_month, split_year_month
from models.strokes import stroke_key

ROW_FIELDS = ("name", "group_name", "birth_month", "category", "notes")
OLDEST_YEARS = 120  # a birth month further back than this is a typing mistake
# How long a list is published (公示) when the steps give only its first day: five days, counting that day.
NOTICE_DAYS = 5


@dataclass
class RepresentativeInput:
    """One row of the list as typed; ``uuid`` is the stored row it edits (None for a new one)."""

    name: str = ""
    group_name: str = ""  # 村民小组 or 网格
    birth_month: str = ""  # "YYYY-MM", or as typed (1978.05): check_representative reads it
    category: str = ""  # a codes.IDENTITY code, or ''
    notes: str = ""
    person: str | None = None  # the uuid of her record in the people list
    uuid: str | None = None


def check_representative(
    data: RepresentativeInput, today: _dt.date | None = None
) -> tuple[RepresentativeInput, list[FieldError]]:
    """The row as it will be stored, and every problem of it by field (the field names of ``ROW_FIELDS``)."""
    today = today or _dt.date.today()
    clean = replace(data, name=normalize_name(data.name))
    errors: list[FieldError] = []
    if not clean.name:
        errors.append(FieldError("name", _("The name is required.")))
    month, problem = parse_year_month(data.birth_month or None)
    clean.birth_month = month or ""
    ym = split_year_month(clean.birth_month)
    if problem:
        errors.append(FieldError("birth_month", problem))
    elif ym is not None:
        if ym > (today.year, today.month):
            errors.append(
                FieldError(
                    "birth_month",
                    _("The birth month {value} is in the future.").format(value=f"{ym[0]}.{ym[1]:02d}"),
                )
            )
        elif today.year - ym[0] > OLDEST_YEARS:
            errors.append(FieldError("birth_month", _("The birth year {year} is too early.").format(year=ym[0])))
    clean.category = (data.category or "").strip()
    if clean.category and clean.category not in codes.IDENTITY.entries:
        errors.append(FieldError("category", _("Unknown identity category {code}.").format(code=clean.category)))
    errors += fields.check_texts("election_representative", clean, ("name", "group_name", "notes"))
    return clean, errors


def check_rows(
    rows: Sequence[RepresentativeInput], today: _dt.date | None = None
) -> tuple[list[RepresentativeInput], list[FieldError]]:
    """Every row checked; each FieldError's field is ``"<row index>.<field>"`` and its message names the row."""
    cleaned: list[RepresentativeInput] = []
    errors: list[FieldError] = []
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows):
        clean, problems = check_representative(row, today)
        cleaned.append(clean)
        for problem in problems:
            errors.append(_row_error(index, problem.field, problem.message))
        key = (clean.name, clean.birth_month)
        if clean.name and not problems:
            if key in seen:
                errors.append(
                    _row_error(
                        index,
                        "name",
                        _("{name} is already on the list in row {row}; remove one.").format(
                            name=clean.name, row=seen[key] + 1
                        ),
                    )
                )
            else:
                seen[key] = index
    return cleaned, errors


def _row_error(index: int, field: str, message: str) -> FieldError:
    return FieldError(f"{index}.{field}", _("Row {n}: {message}").format(n=index + 1, message=message))


def row_of(error: FieldError) -> tuple[int, str] | None:
    """(row index, field) of an error of ``check_rows``; None for an error about the election (应到, the reason)."""
    head, _dot, tail = error.field.partition(".")
    return (int(head), tail) if head.isdigit() and tail else None


# --- reading --------------------------------------------------------------------------------


def representatives(election: er.Election) -> list[er.ElectionRepresentative]:
    """The live representatives in the order of the list."""
    return list(
        er.ElectionRepresentative.live()
        .where(er.ElectionRepresentative.election == election)
        .order_by(er.ElectionRepresentative.position, er.ElectionRepresentative.created_at)
    )


def as_input(row: er.ElectionRepresentative) -> RepresentativeInput:
    return RepresentativeInput(
        row.name, row.group_name, row.birth_month, row.category, row.notes, row.person_id, row.uuid
    )


def inputs_of(election: er.Election) -> list[RepresentativeInput]:
    """The stored list as the dialog edits it."""
    return [as_input(row) for row in representatives(election)]


def in_print_order(rows: Iterable[er.ElectionRepresentative]) -> list[er.ElectionRepresentative]:
    """By 村民小组 (网格), then surname stroke order within it; rows without a group last."""
    return sorted(rows, key=lambda r: (not r.group_name, r.group_name, stroke_key(r.name)))


def entitled_of(election: er.Election) -> int:
    """应到: the number of live representatives, unless it was set by hand with a reason (or nobody is listed)."""
    if election.entitled_reason.strip():
        return election.entitled
    count = er.representative_count(election)
    return count if count else election.entitled


def linked_names(rows: Iterable[er.ElectionRepresentative]) -> dict[str, str]:
    """Each linked person's uuid → her name as the people list has it now (the dialog shows the link)."""
    ids = {r.person_id for r in rows if r.person_id}
    if not ids:
        return {}
    return {p.uuid: p.name for p in Person.select(Person.uuid, Person.name).where(Person.uuid.in_(list(ids)))}


def people_to_choose(unit: str) -> list[Person]:
    """The unit's live people, by pinyin, for choosing whom to import."""
    return list(Person.live().where(Person.unit == unit).order_by(Person.name_pinyin))


def from_people(unit: str, person_ids: Iterable[str]) -> list[RepresentativeInput]:
    """Rows for the chosen people of the unit, in the order chosen: name, birth month, first identity category."""
    wanted = list(dict.fromkeys(person_ids))
    found = {p.uuid: p for p in Person.live().where((Person.unit == unit) & Person.uuid.in_(wanted))}
    rows = []
    for uuid in wanted:
        person = found.get(uuid)
        if person is not None:
            category = next(iter(person.identity_codes), "")
            rows.append(RepresentativeInput(person.name, "", person.birth or "", category, "", person.uuid))
    return rows


def _link(unit: str, clean: list[RepresentativeInput]) -> None:
    """Link each row to the one person of the unit with her name (and birth month, when both have one).

    A row already linked keeps its link while that person is live in the unit under the row's name (a row
    renamed is linked again by its new name); a name shared by two people of the unit stays unlinked:
    guessing would be worse.
    """
    names = sorted({row.name for row in clean})
    people: dict[str, list[Person]] = {}
    for chunk in in_slices(names):
        for person in Person.live().where((Person.unit == unit) & Person.name.in_(chunk)):
            people.setdefault(person.name, []).append(person)
    for row in clean:
        if row.person and row.person in {p.uuid for p in people.get(row.name, [])}:
            continue
        matches = [
            p for p in people.get(row.name, []) if not row.birth_month or not p.birth or p.birth == row.birth_month
        ]
        row.person = matches[0].uuid if len(matches) == 1 else None


# --- saving ---------------------------------------------------------------------------------

MISSING_REASON = N_(
    "The number entitled ({entitled}) differs from the {count} representatives on the list: "
    "give the reason, or make them the same."
)


def entitled_errors(entitled: int, count: int, reason: str) -> list[FieldError]:
    """What refuses 应到 against a list of ``count`` representatives (none when nobody is listed)."""
    errors = []
    if entitled < 0:
        errors.append(FieldError("entitled", _("A number of people cannot be negative.")))
    elif entitled > fields.MAX_PEOPLE:
        errors.append(FieldError("entitled", fields.too_many_people()))
    elif count and entitled != count and not reason.strip():
        errors.append(FieldError("entitled_reason", _(MISSING_REASON).format(entitled=entitled, count=count)))
    _clean, problem = fields.check_text("election", "entitled_reason", reason)
    if problem:
        errors.append(FieldError("entitled_reason", problem))
    return errors


def save_representatives(
    election: er.Election,
    rows: Sequence[RepresentativeInput],
    entitled: int | None = None,
    reason: str = "",
    today: _dt.date | None = None,
) -> list[er.ElectionRepresentative]:
    """Replace the election's list with ``rows`` (in that order) and set its 应到, in one transaction.

    ``entitled`` None (or the number listed) makes 应到 the number listed and
    drops any reason; another number needs ``reason``. With nobody listed 应到
    stays as typed. ValidationError (every problem, rows and 应到) writes nothing.
    """
    clean, errors = check_rows(rows, today)
    count = len(clean)
    wanted = count if entitled is None or not count else entitled
    reason = fields.clean_text("election", "entitled_reason", reason) if count and wanted != count else ""
    errors += entitled_errors(wanted, count, reason)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        election = er.Election.get_by_id(election.uuid)  # as stored now: another window may have saved it
        _link(election.unit, clean)
        existing = {
            r.uuid: r for r in er.ElectionRepresentative.live().where(er.ElectionRepresentative.election == election)
        }
        saved = []
        for position, row in enumerate(clean):
            stored = existing.pop(row.uuid, None) if row.uuid else None
            if stored is None:
                stored = er.ElectionRepresentative(unit=election.unit, election=election)
            stored.person = row.person
            stored.name, stored.group_name, stored.birth_month = row.name, row.group_name, row.birth_month
            stored.category, stored.notes, stored.position = row.category, row.notes, position
            stored.save()
            saved.append(stored)
        for stored in existing.values():
            stored.move_to_recycle_bin()
        if count:
            election.entitled, election.entitled_reason = wanted, reason
        else:
            election.entitled_reason = ""
        er.save_election(election)  # its own checks too (more present than entitled …)
    return saved


def set_entitled(election: er.Election, entitled: int, reason: str = "") -> er.Election:
    """Set 应到 by hand, in one transaction: a number other than the list's needs a reason (FieldError otherwise)."""
    with database.atomic():
        stored = er.Election.get_by_id(election.uuid)
        count = er.representative_count(stored)
        reason = fields.clean_text("election", "entitled_reason", reason) if count and entitled != count else ""
        errors = entitled_errors(entitled, count, reason)
        if errors:
            raise ValidationError(errors)
        stored.entitled, stored.entitled_reason = entitled, reason
        return er.save_election(stored)


# --- 公示 -------------------------------------------------------------------------------------


def notice_period(election: er.Election, step: str) -> tuple[_dt.date, _dt.date] | None:
    """The days a list is published (公示): from the step's date, ``NOTICE_DAYS`` days counting that day.

    A step records one date; the notice's last day is not stored, so it is
    reckoned from the usual length. None when the step has no date.
    """
    found = (
        er.ElectionStep.live()
        .where(
            (er.ElectionStep.election == election)
            & (er.ElectionStep.step == step)
            & er.ElectionStep.date.is_null(False)
        )
        .first()
    )
    if found is None or found.date is None:
        return None
    return found.date, found.date + _dt.timedelta(days=NOTICE_DAYS - 1)
