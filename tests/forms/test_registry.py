"""The list of forms the command line and the 报表 page build from."""

from __future__ import annotations

import pytest

from forms.registry import FORMS, FormError, FormOptions, build_form
from models.i18n import _

from .conftest import TODAY, VILLAGE_CODE

# The forms the design names (`report FORM`), by issue: people; elections; the
# Women's Home; training; reporting upward.
DESIGN_FORMS = (
    ("roster",)
    + ("ballot", "tally", "election", "composition")
    + ("ledger", "activity", "home", "activity-stats")
    + ("signin", "attendance", "training-year")
    + ("summary", "progress", "receipt")
)


def test_every_form_of_the_design_is_registered():
    missing = [name for name in DESIGN_FORMS if name not in FORMS]
    assert missing == [], f"forms named in the design but missing from forms/registry.py: {missing}"


@pytest.mark.parametrize("name", DESIGN_FORMS)
def test_a_registered_form_is_complete(name):
    spec = FORMS[name]
    assert spec.name == name
    assert spec.title and _(spec.title)
    assert "pdf" in spec.formats and set(spec.formats) <= {"pdf", "xlsx"}
    assert callable(spec.build)


def test_the_roster_is_registered_for_pdf_and_excel():
    spec = FORMS["roster"]
    assert spec.name == "roster" and spec.formats == ("pdf", "xlsx")
    assert _(spec.title) == _("Executive committee roster")


def test_an_unknown_form_is_refused_with_the_list_of_forms(database, tmp_path):
    with pytest.raises(FormError) as caught:
        build_form("ballots-typo", tmp_path / "x.pdf", FormOptions(VILLAGE_CODE))
    assert isinstance(caught.value, ValueError)
    assert "ballots-typo" in str(caught.value) and "roster" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("name", ["roster.docx", "roster", "roster.PDF.txt"])
def test_an_unsupported_suffix_is_refused_and_nothing_is_written(database, tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FormError) as caught:
        build_form("roster", out / name, FormOptions(VILLAGE_CODE))
    assert ".pdf" in str(caught.value) and ".xlsx" in str(caught.value)
    assert list(out.iterdir()) == []


def test_the_suffix_is_read_case_blind(database, tmp_path):
    result = build_form("roster", tmp_path / "ROSTER.PDF", FormOptions(VILLAGE_CODE, today=TODAY))
    assert result.path.read_bytes().startswith(b"%PDF")


def test_a_unit_not_in_the_database_is_refused(database, tmp_path):
    with pytest.raises(FormError) as caught:
        build_form("roster", tmp_path / "roster.pdf", FormOptions("430121100299"))
    assert "430121100299" in str(caught.value)


class StopBuilding(Exception):
    """What a progress callback raises to cancel, as the GUI's Cancel button does."""


@pytest.mark.parametrize("suffix", ["pdf", "xlsx"])
def test_progress_is_reported_up_to_the_end(add_people, tmp_path, suffix):
    add_people(250)
    calls: list[tuple[int, int]] = []
    result = build_form(
        "roster", tmp_path / f"roster.{suffix}", FormOptions(VILLAGE_CODE, today=TODAY), lambda *c: calls.append(c)
    )
    assert result.path.is_file()
    known = [(done, total) for done, total in calls if total > 0]
    assert len(known) >= 3
    assert all(0 <= done <= total for done, total in known)
    assert [done for done, _total in known] == sorted(done for done, _total in known)
    assert known[-1][0] == known[-1][1]  # the last call says it is complete


@pytest.mark.parametrize("suffix", ["pdf", "xlsx"])
def test_a_cancelled_build_leaves_no_file_and_no_partial_file(add_people, tmp_path, suffix):
    add_people(250)
    out = tmp_path / "out"
    out.mkdir()
    calls: list[tuple[int, int]] = []

    def cancel_half_way(done: int, total: int) -> None:
        calls.append((done, total))
        if total and done >= total // 2:
            raise StopBuilding()

    with pytest.raises(StopBuilding):
        build_form("roster", out / f"roster.{suffix}", FormOptions(VILLAGE_CODE, today=TODAY), cancel_half_way)
    assert list(out.iterdir()) == []
    assert calls and calls[-1][0] < calls[-1][1]  # stopped before the end


def test_a_cancelled_build_keeps_the_earlier_file(add_people, tmp_path):
    add_people(150)
    path = tmp_path / "out" / "roster.pdf"
    path.parent.mkdir()
    build_form("roster", path, FormOptions(VILLAGE_CODE, today=TODAY))
    earlier = path.read_bytes()

    def cancel_at_once(done: int, total: int) -> None:
        raise StopBuilding()

    with pytest.raises(StopBuilding):
        build_form("roster", path, FormOptions(VILLAGE_CODE, today=TODAY), cancel_at_once)
    assert path.read_bytes() == earlier
    assert [p.name for p in path.parent.iterdir()] == ["roster.pdf"]


def test_a_build_without_progress_reports_nothing_afterwards(add_people, tmp_path):
    """The callback belongs to one build: the next build in the same thread does not call it."""
    add_people(150)
    calls: list[tuple[int, int]] = []
    build_form("roster", tmp_path / "a.pdf", FormOptions(VILLAGE_CODE, today=TODAY), lambda *c: calls.append(c))
    count = len(calls)
    build_form("roster", tmp_path / "b.pdf", FormOptions(VILLAGE_CODE, today=TODAY))
    assert len(calls) == count > 0


def test_a_village_is_offered_no_forms_about_the_packages_of_units_below():
    from forms.registry import FORMS, forms_for

    county_only = {"summary", "progress", "receipt"}  # 报送汇总表, 报送进度, 数据包报送回执
    assert county_only <= set(FORMS)
    assert not county_only & set(forms_for("430121100201"))  # a village
    assert set(forms_for("430121100201")) == set(FORMS) - county_only
    assert set(forms_for("430121000000")) == set(FORMS)  # a county
    assert set(forms_for("430121100000")) == set(FORMS)  # a township gathers its villages' packages
