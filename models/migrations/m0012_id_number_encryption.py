"""ID numbers may be stored encrypted, and are compared by a lookup key.

``person.id_number`` grows to VARCHAR(100) to hold an encrypted value
(``enc1:`` and base64, 69 characters); SQLite cannot change a column's type,
so the column is copied into a new one and the old one dropped (portable:
SQLite 3.35+ and PostgreSQL both drop and rename columns). Its index goes: an
index on encrypted values finds nothing. ``person.id_number_key`` holds the
keyed HMAC-SHA256 every lookup uses, made with the key used without a
password (a frozen copy of ``models.id_crypto.PLAIN_LOOKUP_KEY``). A number
already encrypted (``enc1:``: a backup made before this step and encrypted
later, when the password was set, now restored) keeps its value and gets no
key here: its key needs the data key, and ``id_crypto.fill_missing_lookup_keys``
gives it once the password or recovery code has been typed.
"""

import hashlib
import hmac
import re
import unicodedata

PLAIN_LOOKUP_KEY = b"fulian-ledger id_number lookup v1"
ENCRYPTED_PREFIX = "enc1:"  # a frozen copy of models.id_crypto.PREFIX

STATEMENTS = [
    "DROP INDEX person_id_number",
    "ALTER TABLE person ADD COLUMN id_number_wide VARCHAR(100)",
    "UPDATE person SET id_number_wide = id_number",
    "ALTER TABLE person DROP COLUMN id_number",
    "ALTER TABLE person RENAME COLUMN id_number_wide TO id_number",
    "ALTER TABLE person ADD COLUMN id_number_key VARCHAR(32)",
]
INDEXES = ["CREATE INDEX person_id_number_key ON person (id_number_key)"]


def _lookup_key(number: str) -> str | None:
    if number.startswith(ENCRYPTED_PREFIX):
        return None
    clean = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", number).strip().upper())
    if not clean:
        return None
    return hmac.new(PLAIN_LOOKUP_KEY, clean.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
    rows = db.execute_sql("SELECT uuid, id_number FROM person WHERE id_number IS NOT NULL").fetchall()
    keys = [(_lookup_key(number), uuid) for uuid, number in rows]
    if keys:
        db.cursor().executemany(f"UPDATE person SET id_number_key = {db.param} WHERE uuid = {db.param}", keys)
    for statement in INDEXES:
        db.execute_sql(statement)
