"""Shared helpers for the spreadsheet import tests (roster, unit list): a file to read, problems to compare."""

from __future__ import annotations

import openpyxl


def write_xlsx(path, rows):
    """Write ``rows`` into the first sheet of a new workbook at ``path`` and return the path."""
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def problems_by_row(preview):
    """The problems of an import preview's bad rows as ``{row: [(column, message), ...]}``."""
    return {r.row: [(p.column, p.message) for p in r.problems] for r in preview.bad_rows}
