"""The women of a round, loaded in batches from the core's listing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gui.common.lazy_table import Column, LazyQueryModel
from models import screening as sc
from models.i18n import N_, _, format_list_date
from models.people import mask_phone


def _day(value) -> str:
    return format_list_date(value) if value else ""


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class WomanTableModel(LazyQueryModel):
    """A round's women by group and name; phones masked; sign-up and examination dates."""

    columns = (
        Column(N_("Name"), lambda w: w.name, "name"),
        Column(N_("Birth month"), lambda w: w.birth_month.replace("-", "."), "birth"),
        Column(N_("Villagers' group or grid"), lambda w: w.group_name, "group"),
        Column(N_("Registered here"), lambda w: _yes_no(w.registered_here), "registered"),
        Column(N_("Low income"), lambda w: _yes_no(w.low_income), "low_income"),
        Column(N_("Phone"), lambda w: mask_phone(w.phone), "name"),
        Column(N_("Signed up on"), lambda w: _day(w.signed_up_on), "signed_up"),
        Column(N_("Examined on"), lambda w: _day(w.examined_on), "examined"),
    )
    default_sort_column = 2  # by group, then name
    no_filters = sc.WomanFilters()

    def listing(self, scope):
        return sc.WomanListing(scope, self._filters)

    def set_filters(self, screening_round: str | None, status: str | None, text: str = "") -> None:
        self._narrow(sc.WomanFilters(screening_round, status or None, (text or "").strip()))

    def cell_data(self, record, column: int, role):
        if role == Qt.ForegroundRole and column == 7 and record.examined_on:
            return QColor("#1B7F3B")
        return super().cell_data(record, column, role)
