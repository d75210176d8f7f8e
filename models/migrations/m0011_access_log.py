"""The access log: who exported packages and who revealed ID numbers in full, and when (a record of this
installation; it does not travel)."""

from .m0001_initial import RECORD_COLUMNS

STATEMENTS = [
    f"""CREATE TABLE access_log ({RECORD_COLUMNS},
        at TIMESTAMP NOT NULL,
        user_name VARCHAR(100) NOT NULL,
        action VARCHAR(32) NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX access_log_unit ON access_log (unit)",
    "CREATE INDEX access_log_at ON access_log (at)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
