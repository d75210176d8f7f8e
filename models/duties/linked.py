"""The one rule for a record linked to one that was deleted since (a need's project or activity, a
contact's household): the link is kept, and the deleted record is shown as deleted wherever it is
named (lists, forms, choosers), until the user removes the link or restores the record."""

from __future__ import annotations

from models.i18n import _


def shown_name(name: str, deleted: bool) -> str:
    return _("{name} (deleted)").format(name=name) if deleted else name


def kept_link(chosen: str | None, stored: str | None, is_live: bool, exists_in_unit: bool) -> bool:
    """Whether a chosen link may be saved: a live record of the unit, or the one already stored even if
    it was deleted since (saving must not drop it, nor refuse the rest of the record)."""
    if not chosen:
        return True
    return is_live or (chosen == stored and exists_in_unit)
