"""The steps of an election as its result report lists them: what was done, when, under which document number.

DOMAIN.md's steps run from the preparatory group to the filing (备案); the
request (请示), the approval (批复) and the filing carry document numbers (文号),
which the township checks against its own files.
"""

from __future__ import annotations

from models.elections.records import STEPS, Election
from models.i18n import N_, _, format_list_date

from .layout import LEFT, Column

HEADING = N_("Steps of the election")


def step_columns() -> list[Column]:
    return [
        Column(_("No."), mm=10),
        Column(_("Step"), weight=3, align=LEFT),
        Column(_("Date"), mm=24),
        Column(_("Document number"), weight=2),
        Column(_("Notes"), weight=2, align=LEFT),
    ]


def step_rows(election: Election) -> list[list[object]]:
    """Every step on record, in the order the steps are taken (a step not in the list after them, by date)."""
    order = {code: index for index, code in enumerate(STEPS)}
    steps = sorted(election.steps(), key=lambda s: (order.get(s.step, len(order)), s.date is None, s.date))
    return [
        [number, _(STEPS[step.step]) if step.step in STEPS else step.step, format_list_date(step.date)]
        + [step.document_number, step.notes]
        for number, step in enumerate(steps, start=1)
    ]
