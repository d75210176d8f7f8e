"""The members' duties reminders in words, for the page's foot and the village overview."""

from __future__ import annotations

from models.duties.reminders import DutyReminders
from models.i18n import _, join_list, ngettext


def reminder_text(found: DutyReminders) -> str:
    """The members' duties reminders in one or two sentences (the page's foot and the overview)."""
    parts = []
    if found.members_without_contact:
        names = join_list(found.members_without_contact)
        parts.append(_("No contact yet this month: {names}.").format(names=names))
    if found.needs_waiting:
        parts.append(
            ngettext(
                "{n} need found 30 days ago or more is still without an answer.",
                "{n} needs found 30 days ago or more are still without an answer.",
                found.needs_waiting,
            ).format(n=found.needs_waiting)
        )
    return " ".join(parts)
