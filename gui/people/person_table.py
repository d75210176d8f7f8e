"""The table of a unit's people, loaded in batches; the core's PeopleListing searches and sorts them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.common.lazy_table import BATCH_SIZE, Column, LazyQueryModel
from models import codes
from models.i18n import N_, format_year_month
from models.people import PeopleListing, Person

__all__ = ["BATCH_SIZE", "COLUMNS", "NAME_COLUMN", "Column", "PersonTableModel"]


def _birth(person: Person) -> str:
    ym = person.birth_year_month
    return format_year_month(*ym) if ym else ""


COLUMNS = (
    Column(N_("Name"), lambda p: p.name, "name"),
    Column(N_("Sex"), lambda p: codes.SEX.label(p.sex), "sex"),
    Column(N_("Ethnicity"), lambda p: codes.ETHNICITY.label(p.ethnicity), "ethnicity"),
    Column(N_("Born"), _birth, "birth"),
    Column(N_("Education"), lambda p: codes.EDUCATION.label(p.education), "education"),
    Column(N_("Political status"), lambda p: codes.POLITICAL.label(p.political), "political"),
    Column(N_("Post"), lambda p: codes.POST.label(p.post), "post"),
    Column(N_("Phone"), lambda p: p.phone, "phone"),
)
NAME_COLUMN = 0


class PersonTableModel(LazyQueryModel):
    """Live people of the unit(s) chosen (the own unit at first), BATCH_SIZE rows at a time as the view scrolls."""

    columns = COLUMNS
    default_sort_column = NAME_COLUMN
    default_sort_order = Qt.AscendingOrder
    no_filters = ""  # the search text

    # --- what is shown -----------------------------------------------------

    def listing(self, scope):
        return PeopleListing(scope, self._filters)

    def search_text(self) -> str:
        return self._filters

    def set_search(self, text: str) -> None:
        self._narrow((text or "").strip())

    def person_at(self, row: int) -> Person | None:
        return self.record_at(row)
