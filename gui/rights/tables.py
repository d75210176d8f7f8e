"""The lists of the 纠纷与信访 page: dispute cases and letters and visits, loaded in batches from the core."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gui.common.lazy_table import Column, LazyQueryModel
from models import disputes as ds
from models import petitions as pt
from models.i18n import N_, format_list_date

AMBER = "#9A5B00"


def _day(value) -> str:
    return format_list_date(value) if value else ""


def _one_line(text: str) -> str:
    return text.replace("\n", " ")


class CaseTableModel(LazyQueryModel):
    """Cases, those being handled first, then the latest found; high risk in amber."""

    columns = (
        Column(N_("Status"), lambda c: ds.STATUS.label(c.status), "open_first"),
        Column(N_("Found on"), lambda c: _day(c.found_on), "found_on"),
        Column(N_("Kind"), lambda c: ds.KIND.label(c.kind), "kind"),
        Column(N_("Risk"), lambda c: ds.RISK.label(c.risk), "risk"),
        Column(N_("Parties"), lambda c: c.parties, "parties"),
        Column(N_("What the dispute is about"), lambda c: _one_line(c.description), "parties"),
        Column(N_("Cadre responsible"), lambda c: c.responsible, "responsible"),
        Column(N_("Steps recorded"), lambda c: str(getattr(c, ds.STEP_COUNT, 0) or ""), "found_on", numeric=True),
        Column(N_("Handed on to"), lambda c: c.handed_to, "status"),
        Column(N_("Closed on"), lambda c: _day(c.closed_on), "closed_on"),
    )
    no_filters = ds.CaseFilters()

    def listing(self, scope):
        return ds.CaseListing(scope, self._filters)

    def set_filters(self, status: str | None) -> None:
        self._narrow(ds.CaseFilters(status=status or None))

    def cell_data(self, record, column: int, role):
        if role == Qt.ForegroundRole and column in (0, 3) and record.status == "screened" and record.risk == "high":
            return QColor(AMBER)
        return super().cell_data(record, column, role)


class PetitionTableModel(LazyQueryModel):
    """Letters and visits, those being handled first, then the latest."""

    columns = (
        Column(N_("Status"), lambda p: pt.STATUS.label(p.status), "open_first"),
        Column(N_("Date"), lambda p: _day(p.date), "date"),
        Column(N_("Way"), lambda p: pt.WAY.label(p.way), "way"),
        Column(N_("Writer or visitor"), lambda p: p.visitor, "visitor"),
        Column(N_("Matter"), lambda p: _one_line(p.matter), "matter"),
        Column(N_("Category"), lambda p: pt.CATEGORY.label(p.category), "category"),
        Column(N_("Passed on to"), lambda p: p.passed_to, "passed_to"),
        Column(N_("Outcome of the matter"), lambda p: _one_line(p.result), "status"),
    )

    def listing(self, scope):
        return pt.PetitionListing(scope)
