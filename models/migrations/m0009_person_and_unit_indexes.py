"""Indexes the models declare but no step created: the person a trainee, a candidate or an
activity participant is linked to (as committee_member_person; a person's trainings are
looked up by it), and the owning unit of the records that do not travel (as m0008 did for
the travelling ones)."""

STATEMENTS = [
    "CREATE INDEX trainee_person ON trainee (person)",
    "CREATE INDEX election_candidate_person ON election_candidate (person)",
    "CREATE INDEX activity_participant_person ON activity_participant (person)",
    "CREATE INDEX import_log_unit ON import_log (unit)",
    "CREATE INDEX report_period_unit ON report_period (unit)",
    "CREATE INDEX submission_return_unit ON submission_return (unit)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
