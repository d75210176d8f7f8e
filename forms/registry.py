"""The forms the command line (`report FORM`) and the GUI's 报表 page can build."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from forms import (
    activity_sheet,
    activity_stats,
    attendance,
    awards_register,
    ballot,
    candidates_notice,
    care_record,
    care_targets,
    composition,
    dispute_month,
    disputes_ledger,
    duty_record,
    election_report,
    family_nominations,
    home_sheet,
    households,
    ledger,
    minutes,
    needs_list,
    nomination_sheets,
    paper_evidence,
    petitions_book,
    progress,
    receipt,
    representatives,
    roster,
    screening_progress,
    screening_signup,
    signin,
    summary,
    tally_sheet,
    training_year,
    year_document,
)
from models.i18n import _

from .layout import FormError, FormResult, Progress, reporting_progress

__all__ = ["FORMS", "FormError", "FormResult", "FormSpec", "Progress", "FormOptions", "build_form", "forms_for"]


@dataclass
class FormOptions:
    """What the user chose for one build: whose records, which year or record, privacy."""

    unit_code: str
    year: int | None = None
    record_id: str | None = None  # an election, activity or training; None = the latest
    full_id_numbers: bool = False  # ID numbers are masked unless the user asks otherwise
    report_missing: Callable[[list[str]], None] | None = None  # told of undrawable characters first
    today: _dt.date | None = None  # the 填报日期 printed; None = today
    month: int | None = None  # with ``year``, a month's form (1-12); None = this month of this year, else December


@dataclass
class FormSpec:
    """One official form: its command-line name, title (N_-marked) and file formats."""

    name: str
    title: str
    formats: tuple[str, ...]
    build: Callable[[Path, FormOptions], FormResult]  # picks PDF or xlsx from the suffix
    gathers: bool = False  # about the packages of the units below: a village has none to show
    # Names parties to disputes, children or screened women: every build is logged (access_log).
    names_people: bool = False


FORMS: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        FormSpec("roster", roster.TITLE, ("pdf", "xlsx"), roster.build),
        FormSpec("representatives", representatives.TITLE, ("pdf",), representatives.build),
        FormSpec("candidates", candidates_notice.TITLE, ("pdf",), candidates_notice.build),
        FormSpec("ballot", ballot.TITLE, ("pdf",), ballot.build),
        FormSpec("tally", tally_sheet.TITLE, ("pdf",), tally_sheet.build),
        FormSpec("election", election_report.TITLE, ("pdf",), election_report.build),
        FormSpec("composition", composition.TITLE, ("pdf", "xlsx"), composition.build),
        FormSpec("ledger", ledger.SPEC_TITLE, ledger.FORMATS, ledger.build),
        FormSpec("activity", activity_sheet.SPEC_TITLE, activity_sheet.FORMATS, activity_sheet.build),
        FormSpec("home", home_sheet.SPEC_TITLE, home_sheet.FORMATS, home_sheet.build),
        FormSpec("activity-stats", activity_stats.SPEC_TITLE, activity_stats.FORMATS, activity_stats.build),
        FormSpec("signin", signin.TITLE, ("pdf",), signin.build),
        FormSpec("attendance", attendance.TITLE, ("pdf", "xlsx"), attendance.build),
        FormSpec("signin-evidence", paper_evidence.TITLE, ("pdf",), paper_evidence.build),
        FormSpec("training-year", training_year.TITLE, ("pdf", "xlsx"), training_year.build),
        FormSpec("minutes", minutes.TITLE, ("pdf",), minutes.build),
        FormSpec("plan", year_document.PLAN_TITLE, ("pdf",), year_document.build_plan),
        FormSpec("summary-year", year_document.SUMMARY_TITLE, ("pdf",), year_document.build_summary),
        FormSpec("family-nomination", nomination_sheets.FAMILY_SPEC_TITLE, ("pdf",), nomination_sheets.build_family),
        FormSpec("family-nominations", family_nominations.SPEC_TITLE, ("pdf", "xlsx"), family_nominations.build),
        FormSpec(
            "red-banner-nomination",
            nomination_sheets.RED_BANNER_SPEC_TITLE,
            ("pdf",),
            nomination_sheets.build_red_banner,
        ),
        FormSpec("awards", awards_register.TITLE, ("pdf", "xlsx"), awards_register.build),
        FormSpec("households", households.TITLE, ("pdf", "xlsx"), households.build),
        FormSpec("duties", duty_record.TITLE, ("pdf",), duty_record.build),
        FormSpec("needs", needs_list.TITLE, ("pdf", "xlsx"), needs_list.build),
        FormSpec("care-targets", care_targets.TITLE, ("pdf", "xlsx"), care_targets.build, names_people=True),
        FormSpec("care-record", care_record.TITLE, ("pdf",), care_record.build, names_people=True),
        FormSpec(
            "screening-signup",
            screening_signup.TITLE,
            ("pdf", "xlsx"),
            screening_signup.build,
            names_people=True,
        ),
        FormSpec("screening-progress", screening_progress.TITLE, ("pdf", "xlsx"), screening_progress.build),
        FormSpec("disputes", disputes_ledger.LIST_NAME, ("pdf",), disputes_ledger.build, names_people=True),
        FormSpec("dispute-month", dispute_month.LIST_NAME, ("pdf", "xlsx"), dispute_month.build),
        FormSpec("petitions", petitions_book.TITLE, ("pdf", "xlsx"), petitions_book.build, names_people=True),
        FormSpec("summary", summary.TITLE, ("pdf", "xlsx"), summary.build, gathers=True),
        FormSpec("progress", progress.TITLE, ("pdf", "xlsx"), progress.build, gathers=True),
        FormSpec("receipt", receipt.TITLE, ("pdf",), receipt.build, gathers=True),
    )
}


def forms_for(unit_code: str, own_code: str | None = None) -> dict[str, FormSpec]:
    """The forms of ``unit_code`` made at the installation of ``own_code`` (default: its own).

    A village gathers no packages, so it has no submission summary, progress or
    receipt (报送汇总表, 报送进度, 数据包报送回执); nor does a unit below: those
    forms are about the packages received here and stay with the own unit.
    """
    from models.units import is_above_village

    gathers_here = is_above_village(unit_code) and own_code in (None, unit_code)
    return {name: spec for name, spec in FORMS.items() if gathers_here or not spec.gathers}


def build_form(name: str, out_path: Path | str, options: FormOptions, progress: Progress | None = None) -> FormResult:
    """Build form ``name`` into ``out_path``; its suffix picks the format.

    ``progress(done, total)`` is called as the build goes on (total 0 while it is
    not known yet). Whatever it raises cancels the build: the exception comes
    out of here, and neither the file nor a partial one is left behind (an
    earlier file of that name stays as it was).
    """
    spec = FORMS.get(name)
    if spec is None:
        raise FormError(
            _("There is no form called {name}. The forms are: {names}.").format(name=name, names=", ".join(FORMS))
        )
    from models.listing import year_problem

    problem = year_problem(options.year)
    if problem:
        raise FormError(problem)
    out_path = Path(out_path)
    suffix = out_path.suffix.lower().lstrip(".")
    if suffix not in spec.formats:
        raise FormError(
            _("{file}: the form {title} can be saved as {formats} only.").format(
                file=out_path.name, title=_(spec.title), formats=", ".join("." + f for f in spec.formats)
            )
        )
    if options.full_id_numbers or spec.names_people:
        # Logged before it is built: a reveal that cannot be logged (a read-only database) does not happen.
        from models import access_log

        if options.full_id_numbers:
            access_log.record(options.unit_code, access_log.PRINT_FULL_IDS, file=str(out_path), form=name)
        if spec.names_people:
            access_log.record(
                options.unit_code, access_log.PRINT_NAMED_LIST, file=str(out_path), form=name, title=spec.title
            )
    with reporting_progress(progress):
        return spec.build(out_path, options)
