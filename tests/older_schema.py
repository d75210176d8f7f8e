"""Writing into a database kept at an older schema version, as that version's columns have it.

The models always describe the latest schema (a record table has columns of
later steps, such as ``changed_by``), so a test that builds an older database
writes its rows with plain SQL in the columns every version has.
"""

from __future__ import annotations

import datetime as dt
import uuid

from models import meta, units
from models.base import database


def set_own_unit(code: str, name: str) -> None:
    """What ``units.set_own_unit`` writes, in the columns of the first schema (and the installation's key)."""
    from models.exchange.signing import ensure_installation_key

    now = str(dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0))
    info = units.code_info(code)
    marks = ", ".join([database.param] * 9)
    database.execute_sql(
        "INSERT INTO unit (uuid, unit, created_at, updated_at, deleted, code, name, level, parent_code) "
        f"VALUES ({marks})",
        (str(uuid.uuid4()), code, now, now, False, code, name, info.level, info.parent),
    )
    meta.put(meta.OWN_UNIT, code)
    ensure_installation_key()
