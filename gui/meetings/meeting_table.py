"""The list of a unit's committee meetings: loaded in batches, filtered by year and words, sorted in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.common.lazy_table import Column, LazyQueryModel
from models.i18n import N_, _, format_list_date
from models.meetings import ATTENDEE_COUNT, KIND, PRESENT_COUNT, Meeting, MeetingFilters, MeetingListing


def first_line(text: str) -> str:
    """The topics in one line of the list (their whole text is the tooltip)."""
    return " ".join(text.split())


def present_text(meeting: Meeting) -> str:
    """实到/应到: 6/7."""
    return _("{present}/{expected}").format(
        present=getattr(meeting, PRESENT_COUNT, 0) or 0, expected=getattr(meeting, ATTENDEE_COUNT, 0) or 0
    )


COLUMNS = (
    Column(N_("Date"), lambda m: format_list_date(m.date), "date"),
    Column(N_("Kind"), lambda m: KIND.label(m.kind), "kind"),
    Column(N_("Topics"), lambda m: first_line(m.topics), "topics"),
    Column(N_("Place"), lambda m: m.place, "place"),
    Column(N_("Chaired by"), lambda m: m.chair, "chair"),
    Column(N_("Present/expected"), present_text, "present", numeric=True),
)
DATE_COLUMN, TOPICS_COLUMN = 0, 2


class MeetingTableModel(LazyQueryModel):
    """Live meetings of the unit, newest first by default."""

    columns = COLUMNS
    default_sort_column = DATE_COLUMN
    default_sort_order = Qt.DescendingOrder
    no_filters = MeetingFilters()

    def listing(self, scope):
        return MeetingListing(scope, self._filters)

    def set_filters(self, year: int | None = None, text: str = "") -> None:
        self._narrow(MeetingFilters(year or None, (text or "").strip()))

    def meeting_at(self, row: int) -> Meeting | None:
        return self.record_at(row)
