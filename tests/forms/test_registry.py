"""The list of forms the command line and the 报表 page build from."""

from __future__ import annotations

import pytest

from forms.registry import FORMS, FormError, ReportOptions, build_form
from models.i18n import _

from .conftest import TODAY, VILLAGE_CODE


def test_the_roster_is_registered_for_pdf_and_excel():
    spec = FORMS["roster"]
    assert spec.name == "roster" and spec.formats == ("pdf", "xlsx")
    assert _(spec.title) == _("Executive committee roster")


def test_an_unknown_form_is_refused_with_the_list_of_forms(database, tmp_path):
    with pytest.raises(FormError) as caught:
        build_form("ballots-typo", tmp_path / "x.pdf", ReportOptions(VILLAGE_CODE))
    assert isinstance(caught.value, ValueError)
    assert "ballots-typo" in str(caught.value) and "roster" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("name", ["roster.docx", "roster", "roster.PDF.txt"])
def test_an_unsupported_suffix_is_refused_and_nothing_is_written(database, tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FormError) as caught:
        build_form("roster", out / name, ReportOptions(VILLAGE_CODE))
    assert ".pdf" in str(caught.value) and ".xlsx" in str(caught.value)
    assert list(out.iterdir()) == []


def test_the_suffix_is_read_case_blind(database, tmp_path):
    result = build_form("roster", tmp_path / "ROSTER.PDF", ReportOptions(VILLAGE_CODE, today=TODAY))
    assert result.path.read_bytes().startswith(b"%PDF")


def test_a_unit_not_in_the_database_is_refused(database, tmp_path):
    with pytest.raises(FormError) as caught:
        build_form("roster", tmp_path / "roster.pdf", ReportOptions("430121100299"))
    assert "430121100299" in str(caught.value)
