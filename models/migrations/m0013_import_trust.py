"""What each import trusted: the signing key's fingerprint, whether the import pinned that key for its
unit (so rolling it back also takes the trust back), and how the package carried phone numbers.

``key_fingerprint`` is the fingerprint as the cover sheet prints it ('' for an
unsigned package); ``key_pinned`` is 'first import' or 'confirmed' when the
import added the key to the unit's trusted keys, '' otherwise; ``phones`` is
'masked', 'full' or 'unstated' (a package from a version that did not say,
which sent them in full). Imports made before this step have '' everywhere:
not recorded.
"""

STATEMENTS = [
    "ALTER TABLE import_log ADD COLUMN key_fingerprint VARCHAR(24) NOT NULL DEFAULT ''",
    "ALTER TABLE import_log ADD COLUMN key_pinned VARCHAR(16) NOT NULL DEFAULT ''",
    "ALTER TABLE import_log ADD COLUMN phones VARCHAR(8) NOT NULL DEFAULT ''",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
