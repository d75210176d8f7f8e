"""The members' duties reminders in words, for the page's foot and the village overview."""

from __future__ import annotations

from models.duties.reminders import WAITING_DAYS, DutyReminders
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
                "{n} need found {days} days ago or more is still without an answer.",
                "{n} needs found {days} days ago or more are still without an answer.",
                found.needs_waiting,
            ).format(n=found.needs_waiting, days=WAITING_DAYS)
        )
    if found.households_to_relink:
        parts.append(
            ngettext(
                "{n} household is linked to someone no longer on the committee: link it to a member.",
                "{n} households are linked to someone no longer on the committee: link them to members.",
                found.households_to_relink,
            ).format(n=found.households_to_relink)
        )
    return " ".join(parts)
