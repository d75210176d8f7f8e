"""The table of a unit's people, loaded in batches, searched and sorted in SQL."""

from __future__ import annotations

from peewee import Case
from PySide6.QtCore import Qt

from gui.common.lazy_table import BATCH_SIZE, Column, LazyQueryModel
from models import codes
from models.i18n import N_, format_year_month
from models.people import Person, search

__all__ = ["BATCH_SIZE", "COLUMNS", "NAME_COLUMN", "Column", "PersonTableModel"]


def _birth(person: Person) -> str:
    ym = person.birth_year_month
    return format_year_month(*ym) if ym else ""


# Posts sort by rank (chair first), not by the alphabetical order of their codes.
_POST_RANK = Case(Person.post, [(code, i) for i, code in enumerate(codes.POST.codes())], len(codes.POST.codes()))


COLUMNS = (
    Column(N_("Name"), lambda p: p.name, lambda: Person.name_pinyin),
    Column(N_("Sex"), lambda p: codes.SEX.label(p.sex), lambda: Person.sex),
    Column(N_("Ethnicity"), lambda p: codes.ETHNICITY.label(p.ethnicity), lambda: Person.ethnicity),
    Column(N_("Born"), _birth, lambda: Person.birth),
    Column(N_("Education"), lambda p: codes.EDUCATION.label(p.education), lambda: Person.education),
    Column(N_("Political status"), lambda p: codes.POLITICAL.label(p.political), lambda: Person.political),
    Column(N_("Post"), lambda p: codes.POST.label(p.post), lambda: _POST_RANK),
    Column(N_("Phone"), lambda p: p.phone, lambda: Person.phone),
)
NAME_COLUMN = 0


class PersonTableModel(LazyQueryModel):
    """Live people of the unit(s) chosen (the own unit at first), BATCH_SIZE rows at a time as the view scrolls."""

    columns = COLUMNS
    default_sort_column = NAME_COLUMN
    default_sort_order = Qt.AscendingOrder

    def __init__(self, unit_code: str, parent=None, batch_size: int = BATCH_SIZE):
        super().__init__(unit_code, parent, batch_size)
        self._search = ""
        self.reload()

    # --- what is shown -----------------------------------------------------

    def filtered(self):
        return search(Person.live().where(self.unit_condition()), self._search)

    def unit_field(self):
        return Person.unit

    def query(self):
        """The whole filtered, ordered selection (not yet limited to a batch)."""
        # Ties fall back to the name, then the uuid, so that paging is stable.
        return self.filtered().order_by(self.sort_key(), Person.name_pinyin, Person.uuid)

    def search_text(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        text = (text or "").strip()
        if text != self._search:
            self._search = text
            self.reload()

    def unit_has_people(self) -> bool:
        """Whether the unit has anyone at all, whatever the search says."""
        return Person.live().where(self.unit_condition()).exists()

    def person_at(self, row: int) -> Person | None:
        return self.record_at(row)
