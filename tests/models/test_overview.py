"""The overview's figures come from the features' own rules, for the own unit and this year."""

import datetime as dt

import pytest

from models import db as dbmod
from models import homes, people, training
from models.backup_state import BACKUP_WARN_DAYS
from models.elections.records import Election
from models.overview import overview
from models.people import PersonInput
from models.training import TraineeInput, TrainingInput

UNIT = "430121100201"  # the own village of the database fixture
TODAY = dt.date(2026, 5, 10)


def test_an_empty_unit_has_nothing_and_was_never_backed_up(database):
    figures = overview(UNIT, TODAY)
    assert (figures.year, figures.people, figures.members, figures.activities, figures.trainings) == (2026, 0, 0, 0, 0)
    assert figures.attendances == 0 and figures.terms_ending == ()
    assert figures.last_backup is None and figures.backup_due


def test_the_figures_count_this_years_records_of_the_unit(database):
    people.save_person(PersonInput(name="王芳", post="chair"), UNIT)
    people.save_person(PersonInput(name="李娟", post="executive"), UNIT)
    people.save_person(PersonInput(name="赵敏", post="backbone"), UNIT)
    people.save_person(PersonInput(name="陈静"), UNIT)
    homes.save_activity(homes.ActivityInput(date=TODAY, title="文艺汇演", category="8", women=40), UNIT, today=TODAY)
    homes.save_activity(
        homes.ActivityInput(date=dt.date(2025, 5, 1), title="去年的活动", category="8", women=9), UNIT, today=TODAY
    )
    this_year = training.save_training(TrainingInput(name="编织培训", start_date=TODAY, end_date=TODAY), UNIT)
    last_year = training.save_training(
        TrainingInput(name="去年的培训", start_date=dt.date(2025, 3, 1), end_date=dt.date(2025, 3, 1)), UNIT
    )
    came = training.add_trainee(this_year, TraineeInput(name="王芳"))
    left = training.add_trainee(this_year, TraineeInput(name="李娟"))
    am, pm = this_year.sessions()
    training.mark(am, came, "present")
    training.mark(pm, came, "late")
    training.mark(am, left, "present")
    training.mark(pm, left, "excused", "生病")
    old = training.add_trainee(last_year, TraineeInput(name="王芳"))
    training.mark(last_year.sessions()[0], old, "present")

    figures = overview(UNIT, TODAY)
    assert (figures.people, figures.members, figures.backbones) == (4, 2, 1)
    assert (figures.activities, figures.activities_missing_photos) == (1, 1)
    assert (figures.trainings, figures.attendances) == (1, 3)

    # An attendee taken off the list takes her marks out of every count, the overview's too.
    training.remove_trainees(this_year, [left.uuid])
    assert overview(UNIT, TODAY).attendances == 2
    assert sum(s.attended for s in training.summary(this_year).sessions) == 2


def test_terms_ending_soon_and_ended_are_listed_by_end_date(database):
    Election.create(unit=UNIT, status="elected", term_start=dt.date(2021, 9, 1), term_end=dt.date(2026, 8, 31))
    figures = overview(UNIT, TODAY)
    [term] = figures.terms_ending
    assert (term.unit_name, term.term_end, term.ended) == ("石门村", dt.date(2026, 8, 31), False)
    assert overview(UNIT, dt.date(2026, 9, 2)).terms_ending[0].ended


@pytest.mark.sqlite_only  # takes a SQLite file backup (the server's: models/server_backup.py)
def test_a_backup_is_due_after_a_week(database, tmp_path):
    dbmod.backup_to(tmp_path / "copy.sqlite3")
    last = dbmod.last_backup_at()
    assert last is not None
    fresh = overview(UNIT, TODAY, now=last + dt.timedelta(days=1))
    assert (fresh.backup_age_days, fresh.backup_due) == (1, False)
    stale = overview(UNIT, TODAY, now=last + dt.timedelta(days=BACKUP_WARN_DAYS + 1))
    assert stale.backup_due and stale.backup_age_days == BACKUP_WARN_DAYS + 1
