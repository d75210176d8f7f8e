"""The access log: every export of a package and every reveal of full ID numbers (printed or on screen),
by whom and when.

"Who" is the operating system's user name: on a shared office PC that is what
tells one cadre from another. The log stays in this installation's database.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
from dataclasses import dataclass

from peewee import CharField, DateTimeField, TextField

from .base import Record, database, utcnow
from .i18n import N_, _

EXPORT = "export"
PRINT_FULL_IDS = "print_full_ids"
SHOW_FULL_ID = "show_full_id"
PRINT_NAMED_LIST = "print_named_list"
ACTIONS = {
    EXPORT: N_("Exported a data package"),
    PRINT_FULL_IDS: N_("Printed a form with full ID numbers"),
    SHOW_FULL_ID: N_("Showed a full ID number on screen"),
    PRINT_NAMED_LIST: N_("Printed a named list of the rights-and-care registers"),
}
_ID_CHOICES = {"omitted": N_("ID numbers left out"), "masked": N_("ID numbers masked"), "full": N_("full ID numbers")}
_PHONE_CHOICES = {"masked": N_("phones masked"), "full": N_("full phone numbers")}


class AccessEntry(Record):
    """One export or reveal (does not travel)."""

    at = DateTimeField(index=True)
    user_name = CharField(max_length=100)
    action = CharField(max_length=32)
    detail = TextField(default="")

    class Meta:
        table_name = "access_log"


def os_user() -> str:
    """The operating system's name for who is signed in, or "?" when it cannot say."""
    try:
        return getpass.getuser()[:100] or "?"
    except Exception:  # no user name in the environment nor in the password database
        return "?"


def record(unit: str, action: str, **detail: object) -> None:
    """Write one entry; call it inside the transaction of what it logs, so both stand or neither."""
    with database.atomic():
        AccessEntry.create(
            unit=unit,
            at=utcnow(),
            user_name=os_user(),
            action=action,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
        )


@dataclass(frozen=True)
class ShownEntry:
    """One line of the log as the settings page shows it."""

    at: _dt.datetime  # naive UTC
    user: str
    what: str  # in the interface language


def describe(action: str, detail: dict) -> str:
    what = _(ACTIONS.get(action, action))
    parts = []
    if detail.get("title"):  # the form printed, as its msgid: shown in the interface language
        parts.append(_(str(detail["title"])))
    if detail.get("person"):
        parts.append(str(detail["person"]))
    if detail.get("file"):
        parts.append(str(detail["file"]))
    if detail.get("id_numbers") in _ID_CHOICES:
        parts.append(_(_ID_CHOICES[str(detail["id_numbers"])]))
    if detail.get("phones") in _PHONE_CHOICES:
        parts.append(_(_PHONE_CHOICES[str(detail["phones"])]))
    if not parts:
        return what
    return _("{what}: {details}").format(what=what, details=_(", ").join(parts))


def recent(limit: int = 50) -> list[ShownEntry]:
    """The latest entries, newest first."""
    rows = AccessEntry.select().order_by(AccessEntry.at.desc(), AccessEntry.created_at.desc()).limit(limit)
    out = []
    for row in rows:
        try:
            detail = json.loads(row.detail or "{}")
        except ValueError:
            detail = {}
        out.append(ShownEntry(row.at, row.user_name, describe(row.action, detail if isinstance(detail, dict) else {})))
    return out
