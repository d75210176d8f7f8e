"""Installation-wide settings kept inside the database (key/value).

The schema version, this installation's id and own unit live here rather
than in QSettings because they belong to the data, not to the PC.
"""

from __future__ import annotations

from peewee import CharField, TextField

from .base import BaseModel

SCHEMA_VERSION = "schema_version"
INSTALLATION_ID = "installation_id"
# This database's own random id, set once: a -wal or a backup of another database is recognised by it.
DATABASE_ID = "database_id"
OWN_UNIT = "own_unit_code"
LAST_BACKUP = "last_backup_at"


class MetaEntry(BaseModel):
    key = CharField(primary_key=True, max_length=64)
    value = TextField(null=True)

    class Meta:
        table_name = "meta"


def get(key: str, default: str | None = None) -> str | None:
    row = MetaEntry.get_or_none(MetaEntry.key == key)
    return row.value if row is not None else default


def put(key: str, value: str | None) -> None:
    MetaEntry.insert(key=key, value=value).on_conflict(
        conflict_target=[MetaEntry.key], update={MetaEntry.value: value}
    ).execute()


EXPORT_SEQUENCE = "export_sequence"  # the last .fulian package's sequence number (never reused)
