"""Reporting upward: reporting periods and submissions returned for correction (records of this installation)."""

from .m0001_initial import RECORD_COLUMNS

STATEMENTS = [
    f"""CREATE TABLE report_period ({RECORD_COLUMNS},
        name VARCHAR(100) NOT NULL,
        start_date DATE NOT NULL,
        end_date DATE NOT NULL,
        deadline DATE NOT NULL
    )""",
    "CREATE INDEX report_period_start ON report_period (start_date)",
    f"""CREATE TABLE submission_return ({RECORD_COLUMNS},
        source_code VARCHAR(12) NOT NULL,
        package_id VARCHAR(36) NOT NULL,
        reason TEXT NOT NULL,
        returned_at TIMESTAMP NOT NULL
    )""",
    "CREATE INDEX submission_return_package ON submission_return (package_id)",
    "CREATE INDEX submission_return_source ON submission_return (source_code)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
