"""Who made a package: this installation's Ed25519 key, signatures, fingerprints and the keys trusted per unit.

Each installation has one key pair, kept in its own database (``meta``); the
private key never travels. A package's manifest carries the public key and
``manifest.sig`` the signature of the manifest's exact bytes. An importer
pins the key of each unit it imports from: the first package of a unit it
holds nothing of pins its key; any other key needs its fingerprint confirmed
by the user, who compares it with the paper cover sheet. Confirmed keys are
added to the unit's list, so a unit with two PCs, or one reinstalled, has
them all listed (an old PC's key simply never signs again). A key the user
revokes leaves the list and is remembered as revoked: its next package needs
its fingerprint confirmed again, however little is held of the unit.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass

from models import meta

from ..base import database

PRIVATE_KEY = "installation_key"  # meta: base64 of the raw 32-byte Ed25519 private key
TRUSTED_PREFIX = "trusted_keys:"  # meta: "trusted_keys:<unit code>" → JSON list of trusted keys
REVOKED_PREFIX = "revoked_keys:"  # meta: "revoked_keys:<unit code>" → JSON list of revoked fingerprints
KEY_BYTES = 32
SIGNATURE_BYTES = 64
FINGERPRINT_DIGITS = 20  # hex digits shown: 80 bits, five groups of four

FIRST_IMPORT = "first import"
CONFIRMED = "confirmed"


def fingerprint(public_key: bytes) -> str:
    """The key's fingerprint as printed and typed: the first 20 hex digits of its SHA-256 in groups of four."""
    digits = hashlib.sha256(public_key).hexdigest()[:FINGERPRINT_DIGITS].upper()
    return " ".join(digits[i : i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


def normalize_fingerprint(text: str) -> str:
    """What a user typed, as digits only: spaces, dashes and case do not matter."""
    return re.sub(r"[\s\-:_]", "", text or "").upper()


def fingerprint_matches(expected: str, typed: str) -> bool:
    """True when ``typed`` (from the paper cover sheet) is ``expected``, however spaced or cased."""
    wanted = normalize_fingerprint(expected)
    return bool(wanted) and normalize_fingerprint(typed) == wanted


def file_hash_matches(file_sha256: str, typed: str) -> bool:
    """True when ``typed`` is the file's SHA-256 as printed on an unsigned package's cover sheet,
    or at least its first 20 hex digits."""
    digits = normalize_fingerprint(typed).lower()
    return len(digits) >= FINGERPRINT_DIGITS and file_sha256.lower().startswith(digits)


def _private_key(create: bool):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    stored = meta.get(PRIVATE_KEY)
    if stored:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
    if not create:
        return None
    with database.atomic():
        stored = meta.get(PRIVATE_KEY)  # another connection may have made it meanwhile
        if stored:
            return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
        key = Ed25519PrivateKey.generate()
        meta.put(PRIVATE_KEY, base64.b64encode(key.private_bytes_raw()).decode("ascii"))
    return key


def ensure_installation_key() -> bytes:
    """This installation's public key (raw 32 bytes), making the key pair first if the database has none."""
    return _private_key(create=True).public_key().public_bytes_raw()


def installation_fingerprint() -> str | None:
    """This installation's key fingerprint, or None before its first key is made."""
    key = _private_key(create=False)
    return None if key is None else fingerprint(key.public_key().public_bytes_raw())


def sign(data: bytes) -> bytes:
    """The Ed25519 signature of ``data`` by this installation's key (made first if need be)."""
    return _private_key(create=True).sign(data)


def signature_valid(public_key: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if len(public_key) != KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- keys trusted per unit (at the importer) -----------------------------------------------


@dataclass(frozen=True)
class TrustedKey:
    """A key this installation accepts packages of a unit from: how and when it came to be trusted."""

    key: str  # base64 of the raw public key
    fingerprint: str
    since: str  # naive UTC ISO time
    how: str  # FIRST_IMPORT or CONFIRMED
    file: str  # the package it was first seen in


def trusted_keys(unit_code: str) -> list[TrustedKey]:
    """The keys trusted for packages of ``unit_code``, oldest first (empty: none pinned yet)."""
    text = meta.get(TRUSTED_PREFIX + unit_code)
    if not text:
        return []
    try:
        return [TrustedKey(**entry) for entry in json.loads(text)]
    except (ValueError, TypeError):
        return []


def is_trusted(unit_code: str, public_key: bytes) -> bool:
    encoded = base64.b64encode(public_key).decode("ascii")
    return any(entry.key == encoded for entry in trusted_keys(unit_code))


def pin(unit_code: str, public_key: bytes, how: str, file: str) -> bool:
    """Add ``public_key`` to the keys trusted for ``unit_code`` (inside the caller's transaction);
    False when it was trusted already."""
    if is_trusted(unit_code, public_key):
        return False
    entries = trusted_keys(unit_code)
    entries.append(
        TrustedKey(
            base64.b64encode(public_key).decode("ascii"),
            fingerprint(public_key),
            _dt.datetime.now(_dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
            how,
            file[:260],
        )
    )
    _store(unit_code, entries)
    return True


def _store(unit_code: str, entries: list[TrustedKey]) -> None:
    if entries:
        meta.put(TRUSTED_PREFIX + unit_code, json.dumps([vars(e) for e in entries], ensure_ascii=False))
    else:
        meta.MetaEntry.delete().where(meta.MetaEntry.key == TRUSTED_PREFIX + unit_code).execute()


def unpin(unit_code: str, key_fingerprint: str) -> TrustedKey | None:
    """Take the key with this fingerprint off the keys trusted for ``unit_code`` (inside the caller's
    transaction); the entry taken off, or None when no such key was trusted.

    The next package signed with it is then a new installation's: its fingerprint must be confirmed.
    """
    wanted = normalize_fingerprint(key_fingerprint)
    entries = trusted_keys(unit_code)
    kept = [e for e in entries if normalize_fingerprint(e.fingerprint) != wanted]
    if not wanted or len(kept) == len(entries):
        return None
    _store(unit_code, kept)
    return next(e for e in entries if normalize_fingerprint(e.fingerprint) == wanted)


def revoke(unit_code: str, key_fingerprint: str) -> TrustedKey | None:
    """The user's revocation of a trusted key (inside the caller's transaction): taken off the unit's
    trusted keys and remembered as revoked, so a package signed with it is never again trusted on first
    sight, only when its fingerprint is confirmed. The entry revoked, or None when no such key was trusted."""
    entry = unpin(unit_code, key_fingerprint)
    if entry is not None:
        revoked = set(revoked_fingerprints(unit_code)) | {normalize_fingerprint(entry.fingerprint)}
        meta.put(REVOKED_PREFIX + unit_code, json.dumps(sorted(revoked)))
    return entry


def revoked_fingerprints(unit_code: str) -> list[str]:
    """The fingerprints (digits only) of the keys the user revoked for ``unit_code``."""
    try:
        found = json.loads(meta.get(REVOKED_PREFIX + unit_code) or "[]")
    except ValueError:
        return []
    return [f for f in found if isinstance(f, str)] if isinstance(found, list) else []


def was_revoked(unit_code: str, public_key: bytes) -> bool:
    return normalize_fingerprint(fingerprint(public_key)) in revoked_fingerprints(unit_code)


def pinned_units() -> list[str]:
    """The codes of the units with at least one trusted key, in code order."""
    rows = meta.MetaEntry.select(meta.MetaEntry.key).where(meta.MetaEntry.key.startswith(TRUSTED_PREFIX))
    return sorted(row.key[len(TRUSTED_PREFIX) :] for row in rows)


def has_pins_within(unit_code: str) -> bool:
    """True when a key is pinned for ``unit_code`` or any unit below it."""
    from models import units

    rows = meta.MetaEntry.select(meta.MetaEntry.key).where(meta.MetaEntry.key.startswith(TRUSTED_PREFIX))
    for row in rows:
        code = row.key[len(TRUSTED_PREFIX) :]
        if code == unit_code or (units.code_error(code) is None and units.is_below(code, unit_code)):
            return True
    return False
