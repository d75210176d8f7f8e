"""The register of people helped, loaded in batches from the core, and the small lists of one person's records."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from gui.common.lazy_table import Column, LazyQueryModel
from gui.common.page_parts import setup_row_table
from models import care
from models.i18n import N_, _, format_list_date
from models.people import mask_phone


def _day(value) -> str:
    return format_list_date(value) if value else ""


def age_text(target: care.CareTarget, today: _dt.date | None = None) -> str:
    age = care.age_at(target.birth_month, today or _dt.date.today())
    return "" if age is None else str(age)


class TargetTableModel(LazyQueryModel):
    """People helped by category, group and name; ended ones greyed when shown."""

    columns = (
        Column(N_("Category"), lambda t: care.CATEGORY.label(t.category), "category"),
        Column(N_("Name"), lambda t: t.name, "name"),
        Column(N_("Age"), age_text, "birth_month", numeric=True),
        Column(N_("Villagers' group or grid"), lambda t: t.group_name, "group"),
        Column(N_("Paired helper"), lambda t: t.helper, "helper"),
        Column(N_("Acts of help"), lambda t: str(care.acts_count_of(t)), "since", numeric=True),
        Column(N_("Last help"), lambda t: _day(care.last_act_of(t)), "since"),
    )
    no_filters = care.TargetFilters()

    def listing(self, scope):
        return care.TargetListing(scope, self._filters)

    def set_filters(self, category: str | None, include_ended: bool, text: str = "") -> None:
        self._narrow(care.TargetFilters(category or None, include_ended, (text or "").strip()))

    def cell_data(self, record, column: int, role):
        if role == Qt.ForegroundRole and record.ended_on is not None:
            return Qt.gray
        if role == Qt.ToolTipRole and record.ended_on is not None:
            return _("Help ended on {date}").format(date=_day(record.ended_on))
        return super().cell_data(record, column, role)


def record_table(headers: list[str], stretch: int) -> QTableWidget:
    """A short read-only list of one person's records, chosen by rows; ``stretch`` takes the room left."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    setup_row_table(table, QAbstractItemView.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    table.setTextElideMode(Qt.ElideRight)
    return table


def fill(table: QTableWidget, rows: list[tuple[str, list[str]]]) -> None:
    """(uuid, cells) rows into a table; the uuid is kept in the first cell."""
    table.setRowCount(len(rows))
    for number, (uuid, cells) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if column == 0:
                item.setData(Qt.UserRole, uuid)
            table.setItem(number, column, item)


def act_rows(target: care.CareTarget) -> list[tuple[str, list[str]]]:
    return [
        (
            act.uuid,
            [
                _day(act.date),
                care.ACT_KIND.label(act.kind),
                act.what.replace("\n", " "),
                act.goods,
                care.format_amount(act.amount),
                act.helper,
            ],
        )
        for act in reversed(care.acts_of(target))
    ]


def contact_rows(target: care.CareTarget) -> list[tuple[str, list[str]]]:
    return [
        (c.uuid, [_day(c.date), care.CONTACT_WAY.label(c.way), c.parent, c.summary.replace("\n", " ")])
        for c in reversed(care.contacts_of(target))
    ]


def phone_text(target: care.CareTarget) -> str:
    return mask_phone(target.phone)
