"""Imports that can be undone: what each import overwrote, and a rolled-back import leaves room for the same
package to be imported again.

``import_change`` holds, per import, every record the import wrote or
tombstoned with its previous values (the row as it travels, JSON), or none
when the import added the record. ``import_log.undoable`` says the import's
changes were recorded (imports made before this step cannot be undone). A
rolled-back import is tombstoned in ``import_log``, so its package id is
unique only among the imports that stand.
"""

STATEMENTS = [
    """CREATE TABLE import_change (
        import_log VARCHAR(36) NOT NULL REFERENCES import_log (uuid) ON DELETE CASCADE,
        table_name VARCHAR(40) NOT NULL,
        record VARCHAR(36) NOT NULL,
        previous TEXT
    )""",
    "CREATE UNIQUE INDEX import_change_record ON import_change (import_log, table_name, record)",
    "ALTER TABLE import_log ADD COLUMN undoable BOOLEAN NOT NULL DEFAULT FALSE",
    "DROP INDEX import_log_package_id",
    "CREATE UNIQUE INDEX import_log_package_id ON import_log (package_id) WHERE deleted = FALSE",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
