"""Which clerk changed a record, and which clerk imported a package.

On an office's server several clerks share one database, so every record
table gets ``changed_by``: the clerk whose save, bulk change or import wrote
the row last ('' before this step: not recorded). It never travels in a
package: it says who changed the row in this database, not at the unit that
sent it. ``import_log.imported_by`` is the clerk who imported the package.

The record tables are listed here as they stand at this step (a frozen step
never reads the models). A record table created by a later step writes
``CHANGED_BY_COLUMN`` among its columns.
"""

CHANGED_BY_COLUMN = "changed_by VARCHAR(100) NOT NULL DEFAULT ''"

RECORD_TABLES = (
    "access_log",
    "activity",
    "activity_participant",
    "attendance",
    "award",
    "care_act",
    "care_count",
    "care_target",
    "committee_member",
    "contact",
    "dispute_case",
    "dispute_report",
    "dispute_step",
    "election",
    "election_candidate",
    "election_representative",
    "election_round",
    "election_step",
    "home",
    "home_demonstration",
    "household",
    "household_link",
    "import_log",
    "meeting",
    "meeting_attendee",
    "meeting_link",
    "need",
    "need_contact",
    "nomination",
    "parent_contact",
    "person",
    "petition",
    "photo_link",
    "project",
    "report_period",
    "screening_round",
    "screening_woman",
    "submission_return",
    "trainee",
    "training",
    "training_session",
    "unit",
    "year_document",
    "year_document_section",
)

STATEMENTS = [
    *(f"ALTER TABLE {table} ADD COLUMN {CHANGED_BY_COLUMN}" for table in RECORD_TABLES),
    "ALTER TABLE import_log ADD COLUMN imported_by VARCHAR(100) NOT NULL DEFAULT ''",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
