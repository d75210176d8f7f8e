"""The lists of the 执委履职 page: households, contacts, needs, projects, loaded in batches from the core."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gui.common.lazy_table import Column, LazyQueryModel
from models.duties import contacts as ct
from models.duties import households as hh
from models.duties import needs as nd
from models.duties.records import HANDLING, NEED_CATEGORY, NEED_STATUS, PROJECT_STATUS, WAY
from models.duties.reminders import is_waiting
from models.i18n import N_, _, format_list_date
from models.people import mask_phone


def _day(value) -> str:
    return format_list_date(value) if value else ""


class HouseholdTableModel(LazyQueryModel):
    """Households with the member each is linked to now; phones masked; a member who has left in amber,
    marked so, for the cadre to link the household to a member now on the committee."""

    columns = (
        Column(N_("Head of household"), lambda h: h.head_name, "head"),
        Column(N_("Villagers' group or grid"), lambda h: h.group_name, "group"),
        Column(N_("Number of women"), lambda h: str(h.women), "women", numeric=True),
        Column(N_("Committee member"), lambda h: _member_shown(h), "member"),
        Column(N_("Phone"), lambda h: mask_phone(h.phone), "head"),
        Column(N_("Address"), lambda h: h.address, "address"),
    )
    default_sort_column = 1  # by villagers' group, then head of household
    no_filters = hh.HouseholdFilters()

    def listing(self, scope):
        return hh.HouseholdListing(scope, self._filters)

    def set_filters(self, member: str | None, text: str = "") -> None:
        self._narrow(hh.HouseholdFilters(member or None, (text or "").strip()))

    def cell_data(self, record, column: int, role):
        if role == Qt.ForegroundRole and column == MEMBER_COLUMN and hh.member_gone(record):
            return QColor(AMBER)
        return super().cell_data(record, column, role)


MEMBER_COLUMN = 3
AMBER = "#9A5B00"


def _member_shown(household) -> str:
    name = hh.member_name_of(household)
    if name and hh.member_gone(household):
        return _("{name} (no longer on the committee)").format(name=name)
    return name


class ContactTableModel(LazyQueryModel):
    """Contacts, newest first."""

    columns = (
        Column(N_("Date"), lambda c: _day(c.date), "date"),
        Column(N_("Way"), lambda c: WAY.label(c.way), "way"),
        Column(N_("Committee member"), lambda c: getattr(c, ct.MEMBER_NAME, ""), "member"),
        Column(N_("Household"), ct.household_shown, "household"),
        Column(N_("Contacted"), lambda c: c.whom, "whom"),
        Column(N_("What was asked"), lambda c: c.asked.replace("\n", " "), "date"),
        Column(N_("Handling"), lambda c: HANDLING.label(c.handling), "handling"),
        Column(N_("Follow-up date"), lambda c: _day(c.follow_up), "follow_up"),
    )
    default_sort_order = Qt.DescendingOrder
    no_filters = ct.ContactFilters()

    def listing(self, scope):
        return ct.ContactListing(scope, self._filters)

    def set_filters(self, member: str | None, year: int | None, month: int | None) -> None:
        self._narrow(ct.ContactFilters(member or None, year or None, (month or None) if year else None))

    def years(self) -> list[int]:
        return self.current_listing().years()


class NeedTableModel(LazyQueryModel):
    """Needs, open ones first, then the newest; open ones waiting for an answer too long in amber."""

    columns = (
        Column(N_("Status"), lambda n: NEED_STATUS.label(n.status), "open_first"),
        Column(N_("Found on"), lambda n: _day(n.found_on), "found_on"),
        Column(N_("Category"), lambda n: NEED_CATEGORY.label(n.category), "category"),
        Column(N_("Need"), lambda n: n.description.replace("\n", " "), "description"),
        Column(N_("Number of women"), lambda n: str(n.women or ""), "women", numeric=True),
        Column(N_("Found by"), lambda n: getattr(n, nd.MEMBER_NAME, ""), "member"),
        Column(N_("Answered on"), lambda n: _day(n.answered_on), "answered_on"),
    )
    no_filters = nd.NeedFilters()

    def listing(self, scope):
        return nd.NeedListing(scope, self._filters)

    def set_filters(self, status: str | None) -> None:
        self._narrow(nd.NeedFilters(status=status or None))

    def cell_data(self, record, column: int, role):
        if role == Qt.ForegroundRole and column == 0 and is_waiting(record, _dt.date.today()):
            return QColor(AMBER)
        return super().cell_data(record, column, role)


class ProjectTableModel(LazyQueryModel):
    """Projects led by members, the latest started first."""

    columns = (
        Column(N_("Project name"), lambda p: p.name, "name"),
        Column(N_("Led by"), lambda p: getattr(p, nd.MEMBER_NAME, ""), "member"),
        Column(N_("Start date"), lambda p: _day(p.start_date), "start_date"),
        Column(N_("Status"), lambda p: PROJECT_STATUS.label(p.status), "status"),
        Column(N_("Progress"), lambda p: p.progress.replace("\n", " "), "name"),
    )
    default_sort_column = 2
    default_sort_order = Qt.DescendingOrder

    def listing(self, scope):
        return nd.ProjectListing(scope)
