"""Packages: the log of imported .fulian packages (a record of this installation; it does not travel)."""

from .m0001_initial import RECORD_COLUMNS

STATEMENTS = [
    f"""CREATE TABLE import_log ({RECORD_COLUMNS},
        package_id VARCHAR(36) NOT NULL,
        source_code VARCHAR(12) NOT NULL,
        source_name VARCHAR(100) NOT NULL DEFAULT '',
        installation_id VARCHAR(36) NOT NULL,
        sequence INTEGER NOT NULL,
        package_created_at TIMESTAMP NOT NULL,
        imported_at TIMESTAMP NOT NULL,
        file_name VARCHAR(260) NOT NULL DEFAULT '',
        file_sha256 VARCHAR(64) NOT NULL,
        counts TEXT NOT NULL DEFAULT '{{}}',
        scope_from DATE,
        scope_to DATE,
        id_numbers VARCHAR(8) NOT NULL DEFAULT 'omitted'
    )""",
    "CREATE UNIQUE INDEX import_log_package_id ON import_log (package_id)",
    "CREATE INDEX import_log_source ON import_log (source_code, imported_at)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
