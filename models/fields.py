"""What may be stored in each text field: its label, its length limit, its kind of text.

One table for the whole program: the save rules of people, homes, elections
and trainings, the spreadsheet imports, ``check``, the package exporter and
the package verifier all ask here, so a village can never store what its own
forms or its county then refuse.

Kinds of text:

- ``NAME``: a person's or a thing's name on one line; control characters and
  bidi overrides are refused.
- ``LINE``: one line of free text; line breaks and tabs typed or pasted into it
  become spaces, other control characters and bidi overrides are refused.
- ``TEXT``: several lines; line breaks and tabs are kept, other control
  characters and bidi overrides are refused.

A text of any kind made only of invisible characters (U+200B and the like)
is refused too: it prints as nothing.

Refused, not silently removed: the user is told which field holds which
character and removes it, so nothing typed changes behind their back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .base import FieldError
from .i18n import N_, _

NAME, LINE, TEXT = "name", "line", "text"


@dataclass(frozen=True)
class FieldRule:
    """The limits of one stored text field."""

    label: str  # N_() message id, shown through _()
    max_length: int
    kind: str = LINE


# (table, column) → rule. The peewee models take their max_length from here.
RULES: dict[tuple[str, str], FieldRule] = {
    ("unit", "name"): FieldRule(N_("the unit's name"), 100, NAME),
    ("person", "name"): FieldRule(N_("Name"), 50, NAME),
    ("person", "workplace"): FieldRule(N_("Workplace and position"), 200),
    ("person", "phone"): FieldRule(N_("Phone"), 30),
    ("person", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("home", "name"): FieldRule(N_("Name of the Home"), 100, NAME),
    ("home", "address"): FieldRule(N_("Address"), 200),
    ("home", "shared_with"): FieldRule(N_("Shared with"), 100),
    ("home", "manager"): FieldRule(N_("Manager"), 50),
    ("home", "manager_phone"): FieldRule(N_("Phone"), 30),
    ("home", "opening_hours"): FieldRule(N_("Opening hours"), 100),
    ("home", "online_group"): FieldRule(N_("Online group"), 100),
    ("home", "online_owner"): FieldRule(N_("Group owner"), 50),
    ("home", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("election", "meeting_place"): FieldRule(N_("Place"), 200),
    ("election", "chief_scrutineer"): FieldRule(N_("Chief scrutineer"), 50),
    ("election", "scrutineers"): FieldRule(N_("Scrutineers"), 200),
    ("election", "counters"): FieldRule(N_("Counters"), 200),
    ("election", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("election", "confirmed_warnings"): FieldRule(N_("Confirmed warnings"), 20000, TEXT),
    ("election", "rules_title"): FieldRule(N_("Election rules adopted"), 100),
    ("election", "entitled_reason"): FieldRule(N_("Why the number entitled differs from the list"), 200),
    ("election_representative", "name"): FieldRule(N_("Name"), 50, NAME),
    ("election_representative", "group_name"): FieldRule(N_("Villagers' group or grid"), 50),
    ("election_representative", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("election_step", "document_number"): FieldRule(N_("Document number"), 100),
    ("election_step", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("election_candidate", "name"): FieldRule(N_("Name"), 50, NAME),
    ("committee_member", "two_committees_post"): FieldRule(N_("Post on the two committees"), 100),
    ("activity", "title"): FieldRule(N_("Activity name"), 200, NAME),
    ("activity", "place"): FieldRule(N_("Place"), 100),
    ("activity", "organiser"): FieldRule(N_("Organiser"), 100),
    ("activity", "co_organiser"): FieldRule(N_("Co-organiser"), 100),
    ("activity", "leader"): FieldRule(N_("Leader"), 100),
    ("activity", "summary"): FieldRule(N_("Content"), 5000, TEXT),
    ("activity", "results"): FieldRule(N_("Results"), 5000, TEXT),
    ("activity", "recorder"): FieldRule(N_("Recorder"), 50),
    ("activity_participant", "name"): FieldRule(N_("Name"), 50, NAME),
    ("training", "name"): FieldRule(N_("Training name"), 200, NAME),
    ("training", "organiser"): FieldRule(N_("Organiser"), 100),
    ("training", "co_organiser"): FieldRule(N_("Co-organiser"), 100),
    ("training", "place"): FieldRule(N_("Place"), 200),
    ("training", "target_group"): FieldRule(N_("Target group"), 200),
    ("training", "lecturers"): FieldRule(N_("Lecturers"), 1000, TEXT),
    ("training", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("training_session", "topic"): FieldRule(N_("Topic"), 200),
    ("training_session", "lecturer"): FieldRule(N_("Lecturer"), 100),
    ("trainee", "name"): FieldRule(N_("Name"), 50, NAME),
    ("trainee", "unit_name"): FieldRule(N_("Unit"), 100),
    ("trainee", "post"): FieldRule(N_("Post"), 50),
    ("trainee", "phone"): FieldRule(N_("Phone"), 30),
    ("attendance", "reason"): FieldRule(N_("Reason for leave"), 200),
    ("photo_link", "caption"): FieldRule(N_("Caption"), 200),
    ("household", "head_name"): FieldRule(N_("Head of household"), 50, NAME),
    ("household", "members"): FieldRule(N_("Women in the household"), 500),
    ("household", "group_name"): FieldRule(N_("Villagers' group or grid"), 50),
    ("household", "address"): FieldRule(N_("Address"), 200),
    ("household", "phone"): FieldRule(N_("Phone"), 30),
    ("household", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("contact", "whom"): FieldRule(N_("Contacted"), 100),
    ("contact", "asked"): FieldRule(N_("What was asked"), 2000, TEXT),
    ("contact", "passed_to"): FieldRule(N_("Passed on to"), 100),
    ("contact", "result"): FieldRule(N_("Outcome of the contact"), 2000, TEXT),
    ("project", "name"): FieldRule(N_("Project name"), 100, NAME),
    ("project", "progress"): FieldRule(N_("Project progress"), 2000, TEXT),
    ("project", "result"): FieldRule(N_("Project result"), 2000, TEXT),
    ("need", "description"): FieldRule(N_("Need"), 1000, TEXT),
    ("need", "answer"): FieldRule(N_("How it was answered"), 2000, TEXT),
    ("meeting", "place"): FieldRule(N_("Place"), 100),
    ("meeting", "chair"): FieldRule(N_("Chaired by"), 50),
    ("meeting", "minutes_taker"): FieldRule(N_("Minutes taken by"), 50),
    ("meeting", "topics"): FieldRule(N_("Topics"), 2000, TEXT),
    ("meeting", "minutes"): FieldRule(N_("Minutes"), 10000, TEXT),
    ("meeting", "decisions"): FieldRule(N_("Decisions"), 2000, TEXT),
    ("meeting_attendee", "name"): FieldRule(N_("Name"), 50, NAME),
    ("meeting_attendee", "absence_reason"): FieldRule(N_("Reason for absence"), 100),
    ("year_document", "title"): FieldRule(N_("Title"), 200),
    ("year_document_section", "heading"): FieldRule(N_("Heading"), 100),
    ("year_document_section", "body"): FieldRule(N_("Text"), 10000, TEXT),
    ("nomination", "nominee_name"): FieldRule(N_("Nominee"), 100, NAME),
    ("nomination", "family_members"): FieldRule(N_("Family members"), 500),
    ("nomination", "summary"): FieldRule(N_("Summary of deeds"), 300, TEXT),
    ("nomination", "story"): FieldRule(N_("Main story"), 1200, TEXT),
    ("nomination", "outcome_note"): FieldRule(N_("Outcome note"), 200),
    ("award", "title"): FieldRule(N_("Honour"), 200),
    ("award", "conferred_by"): FieldRule(N_("Conferred by"), 100),
    ("award", "recipient_name"): FieldRule(N_("Recipient"), 100, NAME),
    ("award", "document_number"): FieldRule(N_("Document number"), 100),
    ("award", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("dispute_case", "parties"): FieldRule(N_("Parties"), 200),
    ("dispute_case", "description"): FieldRule(N_("What the dispute is about"), 2000, TEXT),
    ("dispute_case", "responsible"): FieldRule(N_("Cadre responsible"), 50),
    ("dispute_case", "handed_to"): FieldRule(N_("Handed on to"), 100),
    ("dispute_step", "action"): FieldRule(N_("What was done"), 2000, TEXT),
    ("dispute_report", "reported_by"): FieldRule(N_("Reported by"), 50),
    ("dispute_report", "notes"): FieldRule(N_("Notes"), 500),
    ("petition", "visitor"): FieldRule(N_("Writer or visitor"), 50),
    ("petition", "matter"): FieldRule(N_("Matter"), 2000, TEXT),
    ("petition", "passed_to"): FieldRule(N_("Passed on to"), 100),
    ("petition", "result"): FieldRule(N_("Outcome of the matter"), 2000, TEXT),
    ("care_target", "name"): FieldRule(N_("Name"), 50, NAME),
    ("care_target", "group_name"): FieldRule(N_("Villagers' group or grid"), 50),
    ("care_target", "guardian"): FieldRule(N_("Guardian"), 50),
    ("care_target", "parents"): FieldRule(N_("Parents and where they work"), 200),
    ("care_target", "phone"): FieldRule(N_("Phone"), 30),
    ("care_target", "helper"): FieldRule(N_("Paired helper"), 50),
    ("care_target", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("care_act", "what"): FieldRule(N_("Help given"), 1000, TEXT),
    ("care_act", "goods"): FieldRule(N_("Goods"), 100),
    ("care_act", "helper"): FieldRule(N_("Given by"), 50),
    ("parent_contact", "parent"): FieldRule(N_("Parent contacted"), 50),
    ("parent_contact", "summary"): FieldRule(N_("What was said"), 1000, TEXT),
    ("screening_round", "name"): FieldRule(N_("Round"), 100),
    ("screening_round", "place"): FieldRule(N_("Place"), 100),
    ("screening_round", "notes"): FieldRule(N_("Notes"), 2000, TEXT),
    ("screening_woman", "name"): FieldRule(N_("Name"), 50, NAME),
    ("screening_woman", "group_name"): FieldRule(N_("Villagers' group or grid"), 50),
    ("screening_woman", "phone"): FieldRule(N_("Phone"), 30),
    ("screening_woman", "notes"): FieldRule(N_("Notes"), 200),
    # Kept by the unit that receives packages; they do not travel.
    ("report_period", "name"): FieldRule(N_("Period name"), 100, NAME),
    ("submission_return", "reason"): FieldRule(N_("Reason for returning"), 500),
}

# C0 controls and DEL; line breaks and tabs are handled by kind.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidi embeddings, overrides and isolates: they make text read in another order than stored.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Anything a form or a spreadsheet cannot hold, or that reorders text: the verifier's fast check.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\t\r\n\u2028\u2029]+")


def rule(table: str, column: str) -> FieldRule | None:
    return RULES.get((table, column))


def max_length(table: str, column: str) -> int:
    """The limit of a field the peewee model declares with it; KeyError for a field with no rule."""
    return RULES[(table, column)].max_length


def label(table: str, column: str) -> str:
    """The field's name in the interface language (the column name for a field with no rule)."""
    found = RULES.get((table, column))
    return _(found.label) if found else column


def clean_text(table: str, column: str, value: str | None) -> str:
    """The text as stored: trimmed, NFC; single-line fields get spaces for line breaks and tabs."""
    text = unicodedata.normalize("NFC", value or "").strip()
    found = RULES.get((table, column))
    if found is not None and found.kind != TEXT:
        text = _LINE_BREAKS.sub(" ", text)
    return text


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn") or char.isspace()


def text_problem(table: str, column: str, value: str | None, lines_ok: bool = False, names: bool = True) -> str | None:
    """Why a (cleaned) value may not be stored in this field, in the interface language; None when it may.

    ``lines_ok`` lets line breaks and tabs pass in single-line fields too (stored
    data and packages: a form can print them, and older versions stored them);
    ``names=False`` does not judge whether a text is visible at all (the
    package verifier's fast path cannot, so neither does its slow one).
    """
    if not value:
        return None
    found = RULES.get((table, column))
    if found is None:
        return None
    name = _(found.label)
    bad = _CONTROL.search(value) or _BIDI.search(value)
    if bad is None and found.kind != TEXT and not lines_ok:
        bad = re.search(r"[\t\r\n]", value)
    if bad is not None:
        return _("{field} holds an invisible control character ({code}); delete it and type the text again.").format(
            field=name, code=f"U+{ord(bad.group()):04X}"
        )
    if len(value) > found.max_length:
        return _("{field} has {n} characters; at most {limit} fit. Shorten it.").format(
            field=name, n=len(value), limit=found.max_length
        )
    if names and all(_is_invisible(c) for c in value):
        if found.kind == NAME:
            return _("{field} holds only invisible characters; type the name.").format(field=name)
        return _("{field} holds only invisible characters; type the text or leave the field empty.").format(field=name)
    return None


def check_text(table: str, column: str, value: str | None) -> tuple[str, str | None]:
    """One typed value as it would be stored, and why it may not be (None when it may)."""
    clean = clean_text(table, column, value)
    return clean, text_problem(table, column, clean)


def check_texts(table: str, data, names: tuple[str, ...] | None = None, prefix: str = "") -> list[FieldError]:
    """Clean the text attributes of an input object in place and list the problems, field by field.

    ``names`` picks the attributes (all fields of ``table`` with a rule when None);
    ``prefix`` is put before the field in each FieldError (a row of a list).
    """
    errors: list[FieldError] = []
    columns = names if names is not None else tuple(c for (t, c) in RULES if t == table)
    for column in columns:
        if not hasattr(data, column):
            continue
        value = getattr(data, column)
        if value is None or not isinstance(value, str):
            continue
        clean = clean_text(table, column, value)
        setattr(data, column, clean)
        problem = text_problem(table, column, clean)
        if problem:
            errors.append(FieldError(prefix + column, problem))
    return errors


def stored_problems(table: str, values: dict[str, object]) -> list[str]:
    """Problems of a stored record's text fields (``check``), in the interface language."""
    out = []
    for column, value in values.items():
        if isinstance(value, str):
            problem = text_problem(table, column, value, lines_ok=True)
            if problem:
                out.append(problem)
    return out


# Counts of people and sums of money typed into a form: a village's figures, far below these.
MAX_PEOPLE = 100_000
MAX_AMOUNT = 1_000_000_000


def too_many_people() -> str:
    return _("More than {n} people cannot be right; check the number.").format(n=f"{MAX_PEOPLE:,}")


def too_large_amount() -> str:
    return _("More than {n} yuan cannot be right; check the amount.").format(n=f"{MAX_AMOUNT:,}")


def columns(table: str) -> tuple[str, ...]:
    """The fields of ``table`` that have a rule."""
    return tuple(c for (t, c) in RULES if t == table)
