"""The codes a package may carry are the code tables' own: one list, kept where the records are."""

from __future__ import annotations

from models import awards, meetings, year_documents
from models.duties import records
from models.exchange.tables import table_specs
from models.exchange.verify import code_columns


def test_the_codes_checked_on_import_are_those_of_the_owners_code_tables():
    expected = {
        ("contact", "way"): records.WAY,
        ("need", "status"): records.NEED_STATUS,
        ("project", "status"): records.PROJECT_STATUS,
        ("meeting", "kind"): meetings.KIND,
        ("meeting_link", "kind"): meetings.LINK_KIND,
        ("year_document", "kind"): year_documents.KIND,
        ("nomination", "award"): awards.AWARD,
        ("nomination", "outcome"): awards.OUTCOME,
        ("award", "level"): awards.LEVEL,
    }
    columns = code_columns()
    for key, table in expected.items():
        assert columns[key] == tuple(table.codes()), key
    specs = {spec.name: spec for spec in table_specs()}
    for table, column in columns:
        specs[table].index(column)  # every checked column travels in the package
