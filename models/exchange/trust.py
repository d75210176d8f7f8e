"""The installations trusted here to send packages, unit by unit, and revoking that trust.

The keys themselves are kept by ``signing`` (``meta`` ``trusted_keys:<code>``);
this module lists them as the settings page and ``main.py trusted`` show them:
the unit's code and name, the key's fingerprint as its cover sheets print it,
how and when it came to be trusted, and when a package signed with it was last
imported. ``revoke_trust`` is the one operation that takes a key off.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from peewee import fn

from models import units

from ..base import database
from ..i18n import N_, _
from . import signing
from .importer import ImportLog, _aware

HOW_LABELS = {
    signing.FIRST_IMPORT: N_("its unit's first package"),
    signing.CONFIRMED: N_("fingerprint confirmed"),
}


class TrustError(Exception):
    """A revocation that cannot be done; the message says why."""


@dataclass(frozen=True)
class TrustedInstallation:
    """One key trusted for one unit."""

    unit_code: str
    unit_name: str  # "" when neither a unit record nor an import names it
    fingerprint: str  # as the cover sheet prints it
    how: str  # signing.FIRST_IMPORT or signing.CONFIRMED
    since: _dt.datetime | None  # aware UTC; None when not readable
    file: str  # the package it was first trusted from
    last_used: _dt.datetime | None  # aware UTC: the latest standing import signed with it, None when not known

    @property
    def how_label(self) -> str:
        return _(HOW_LABELS.get(self.how, self.how))


def _when(text: str) -> _dt.datetime | None:
    try:
        return _aware(_dt.datetime.fromisoformat(text))
    except (TypeError, ValueError):
        return None


def _unit_name(code: str) -> str:
    unit = units.Unit.live().where(units.Unit.code == code).first()
    if unit is not None:
        return unit.name
    log = ImportLog.select(ImportLog.source_name).where(ImportLog.source_code == code)
    latest = log.order_by(ImportLog.imported_at.desc()).first()
    return latest.source_name if latest is not None else ""


def _last_used(code: str) -> dict[str, _dt.datetime]:
    """Fingerprint → when the latest standing import of ``code`` signed with that key was made."""
    query = (
        ImportLog.select(ImportLog.key_fingerprint, fn.MAX(ImportLog.imported_at).alias("last"))
        .where((ImportLog.source_code == code) & (ImportLog.deleted == False) & (ImportLog.key_fingerprint != ""))
        .group_by(ImportLog.key_fingerprint)
        .tuples()
    )
    found: dict[str, _dt.datetime] = {}
    for key_fingerprint, last in cast(Iterable[tuple[str, object]], query):
        moment = last if isinstance(last, _dt.datetime) else _when(str(last))
        if moment is not None:
            found[key_fingerprint] = _aware(moment)
    return found


def trusted_installations() -> list[TrustedInstallation]:
    """Every key trusted here, by unit code, the oldest key of a unit first."""
    found = []
    for code in signing.pinned_units():
        name, last_used = _unit_name(code), _last_used(code)
        for entry in signing.trusted_keys(code):
            found.append(
                TrustedInstallation(
                    code,
                    name,
                    entry.fingerprint,
                    entry.how,
                    _when(entry.since),
                    entry.file,
                    last_used.get(entry.fingerprint),
                )
            )
    return found


def revoke_trust(unit_code: str, fingerprint: str) -> TrustedInstallation:
    """Stop trusting the installation with this key fingerprint for ``unit_code``, in one transaction.

    The next package signed with it is taken as a new installation's: it is
    imported only when its fingerprint is confirmed from the cover sheet
    (``--trust-new-installation``, or typed in the import dialog). What was
    imported from it stays. Raises TrustError (nothing changed) when no such
    key is trusted for the unit.
    """
    code = units.normalize_code(unit_code or "")
    with database.atomic():
        listed = next(
            (
                t
                for t in trusted_installations()
                if t.unit_code == code
                and signing.normalize_fingerprint(t.fingerprint) == signing.normalize_fingerprint(fingerprint)
            ),
            None,
        )
        if listed is None or signing.revoke(code, listed.fingerprint) is None:
            raise TrustError(
                _("No installation with the key {fingerprint} is trusted for {code}; nothing was changed.").format(
                    fingerprint=fingerprint, code=code
                )
            )
    return listed


def find_trusted(fingerprint: str, unit_code: str | None = None) -> list[TrustedInstallation]:
    """The trusted keys with this fingerprint (however typed), of ``unit_code`` when given."""
    wanted = signing.normalize_fingerprint(fingerprint)
    code = units.normalize_code(unit_code) if unit_code else None
    return [
        t
        for t in trusted_installations()
        if signing.normalize_fingerprint(t.fingerprint) == wanted and (code is None or t.unit_code == code)
    ]
