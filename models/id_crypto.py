"""ID numbers encrypted at rest while a start-up password is set, and the lookup key every ID comparison uses.

While a password is set, every stored ID number (``person.id_number``, and the
values before that an import kept in ``import_change``) is
``enc1:<base64(nonce ‖ AES-256-GCM ciphertext ‖ tag)>``: a random 256-bit data
key, a fresh 12-byte nonce per value, and a fixed associated-data label (the
value is converted in a peewee field and in the package rows, where the row's
uuid is not at hand; the label still ties a value to this use of the key).

The data key is kept in ``meta`` only wrapped (AES-GCM), twice: under a key
derived by scrypt from the password and under one derived from a recovery
code, each with its own salt. Unwrapping it (the password at start, or the
recovery code) keeps it in this process's memory, by the key's id, so another
database opened in the same process is never read with it.

``person.id_number_key`` holds a keyed HMAC-SHA256 of the normalised number
(the first 128 bits, hex): duplicates are found by it without decrypting a
row. With a password its key is derived from the data key, so the column
cannot be searched for guessed numbers (area, birth date and sequence are
quickly enumerated); without one it is a fixed key, since the number sits in
clear beside it anyway.

Reading an encrypted value while the key is not loaded raises ``IdNumbersLocked``
with words for the user; nothing here returns ciphertext as if it were a number,
and a value already sealed is never sealed again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import unicodedata
import weakref
from collections.abc import Callable

from . import meta
from .base import database
from .i18n import _

# The tables whose rows hold ID numbers: people, and the values before that an import kept.
SEALED_TABLES = ("person", "import_change")
# The migration step that added person.id_number_key.
LOOKUP_KEY_STEP = 12

PREFIX = "enc1:"
KEY_ENTRY = "id_number_key"  # meta: the data key's wrappings (JSON); absent while ID numbers are in clear
VALUE_LABEL = b"fulian-ledger person.id_number v1"  # associated data of every sealed value
WRAP_LABEL = "fulian-ledger id data key v1"
LOOKUP_LABEL = b"fulian-ledger id_number lookup key v1"
# The lookup key without a password (m0012 fills the column with it, from a frozen copy).
PLAIN_LOOKUP_KEY = b"fulian-ledger id_number lookup v1"
LOOKUP_HEX_DIGITS = 32
# Same cost as the password hash: a tenth of a second on an office PC.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
# 32 letters and digits that cannot be mistaken for one another (no 0/O, 1/I): 24 of them carry 120 bits.
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RECOVERY_GROUPS, RECOVERY_GROUP_LENGTH = 6, 4
RECOVERY_LENGTH = RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH
PASSWORD_WRAP, RECOVERY_WRAP = "password", "recovery"


class IdNumbersLocked(Exception):
    """An encrypted ID number was needed before the password (or the recovery code) was given."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The ID numbers in this database are encrypted and the password has not been given. "
                "Type the start-up password to go on (on the command line: in the terminal, or in the "
                "environment variable FULIAN_LEDGER_PASSWORD)."
            )
        )


class IdNumberDamaged(Exception):
    """A sealed value that the data key does not open: changed outside the program, or from another database."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "An encrypted ID number in this database cannot be read: it was changed outside Fulian Ledger "
                "or copied from another database. Restore a backup, or run a check."
            )
        )


def normalize_id_number(text: str | None) -> str:
    """An ID number as stored and compared: full-width folded, spaces and dashes gone, x as X."""
    text = unicodedata.normalize("NFKC", str(text or "")).strip().upper()
    return re.sub(r"[\s-]", "", text)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class Codec:
    """How ID numbers are stored now: in clear (``data_key`` None) or sealed with a data key."""

    def __init__(self, data_key: bytes | None = None, key_id: str | None = None):
        self.data_key = data_key
        self.key_id = key_id
        if data_key is None:
            self._aead = None
        else:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # not at start: most units never seal

            self._aead = AESGCM(data_key)
        if data_key is None:
            self._lookup_secret = PLAIN_LOOKUP_KEY
        else:
            self._lookup_secret = hmac.new(data_key, LOOKUP_LABEL, hashlib.sha256).digest()

    @property
    def encrypted(self) -> bool:
        return self._aead is not None

    def seal(self, number: str | None) -> str | None:
        """The value to store for ``number`` (None and "" stay; a sealed value is never sealed again)."""
        if not number or number.startswith(PREFIX) or self._aead is None:
            return number
        nonce = os.urandom(12)
        return PREFIX + _b64(nonce + self._aead.encrypt(nonce, number.encode("utf-8"), VALUE_LABEL))

    def unseal(self, stored: str | None) -> str | None:
        """The number in clear for a stored value; raises IdNumbersLocked when it is sealed and no key is loaded."""
        if not stored or not stored.startswith(PREFIX):
            return stored
        if self._aead is None:
            raise IdNumbersLocked()
        from cryptography.exceptions import InvalidTag

        try:
            blob = base64.b64decode(stored[len(PREFIX) :], validate=True)
            return self._aead.decrypt(blob[:12], blob[12:], VALUE_LABEL).decode("utf-8")
        except (InvalidTag, ValueError) as exc:
            raise IdNumberDamaged() from exc

    def lookup(self, number: str | None) -> str | None:
        """The lookup key of ``number`` (None when there is no number)."""
        clean = normalize_id_number(number)
        if not clean:
            return None
        digest = hmac.new(self._lookup_secret, clean.encode("utf-8"), hashlib.sha256).hexdigest()
        return digest[:LOOKUP_HEX_DIGITS]


class _LockedCodec(Codec):
    """ID numbers are encrypted and the key is not loaded: clear values (if any) read, nothing else."""

    def __init__(self, key_id: str):
        super().__init__(None, key_id)

    @property
    def encrypted(self) -> bool:
        return True

    def seal(self, number: str | None) -> str | None:
        if not number or number.startswith(PREFIX):
            return number
        raise IdNumbersLocked()

    def lookup(self, number: str | None) -> str | None:
        if not normalize_id_number(number):
            return None
        raise IdNumbersLocked()


CLEAR = Codec()

# The codec of each open database (peewee's database object: a restore or another file is a new one).
_codecs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# Data keys unwrapped in this process, by key id.
_keys: dict[str, bytes] = {}


def _entry() -> dict | None:
    text = meta.get(KEY_ENTRY)
    if not text:
        return None
    try:
        entry = json.loads(text)
    except ValueError:
        entry = None
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        # A damaged entry still means "encrypted": never fall back to writing numbers in clear.
        return {"id": "damaged"}
    return entry


def current() -> Codec:
    """The codec of the open database, as its ``meta`` says and the keys unwrapped in this process allow.

    Read once per database object; the operations that turn encryption on or
    off, or unlock it, call ``reset`` (one window per database: no other
    program turns it on meanwhile).
    """
    db = database.obj
    codec = _codecs.get(db)
    if codec is None:
        entry = _entry()
        if entry is None:
            codec = CLEAR
        else:
            key = _keys.get(entry["id"])
            codec = Codec(key, entry["id"]) if key is not None else _LockedCodec(entry["id"])
        _codecs[db] = codec
    return codec


def reset() -> None:
    """Read the state again at next use (after it was changed or unlocked)."""
    _codecs.pop(database.obj, None)


def is_encrypted() -> bool:
    """True when this database keeps its ID numbers encrypted (a password is set with a data key)."""
    return current().encrypted


def is_unlocked() -> bool:
    """True when ID numbers can be read and written: in clear, or their key is loaded."""
    return not isinstance(current(), _LockedCodec)


def seal(number: str | None) -> str | None:
    return current().seal(number)


def unseal(stored: str | None) -> str | None:
    return current().unseal(stored)


def lookup_key(number: str | None) -> str | None:
    return current().lookup(number)


# --- the data key and its wrappings -------------------------------------------------------------


def new_data_key() -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM.generate_key(bit_length=256)


def new_recovery_code() -> str:
    """24 characters of RECOVERY_ALPHABET in groups of four: ABCD-EFGH-…"""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _i in range(RECOVERY_LENGTH))
    return "-".join(chars[i : i + RECOVERY_GROUP_LENGTH] for i in range(0, RECOVERY_LENGTH, RECOVERY_GROUP_LENGTH))


def normalize_recovery_code(text: str | None) -> str:
    """A recovery code as typed (any case, full-width, spaces or dashes) → its 24 characters."""
    text = unicodedata.normalize("NFKC", str(text or "")).upper()
    return re.sub(r"[\s\-_.·]", "", text)


def recovery_code_problem(text: str | None) -> str | None:
    """Why what was typed cannot be a recovery code, or None."""
    code = normalize_recovery_code(text)
    if len(code) != RECOVERY_LENGTH or any(c not in RECOVERY_ALPHABET for c in code):
        return _(
            "A recovery code has {n} letters and digits in groups of four, like ABCD-EFGH-JKLM-NPQR-STUV-WXYZ."
        ).format(n=RECOVERY_LENGTH)
    return None


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def _wrap_label(purpose: str, key_id: str) -> bytes:
    return f"{WRAP_LABEL}|{purpose}|{key_id}".encode()


def _wrap(data_key: bytes, secret: str, purpose: str, key_id: str) -> dict:
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = _scrypt(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    wrapped = AESGCM(kek).encrypt(nonce, data_key, _wrap_label(purpose, key_id))
    return {
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": _b64(salt),
        "key": _b64(nonce + wrapped),
    }


def _unwrap(entry: dict, secret: str, purpose: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        wrapping = entry[purpose]
        if wrapping.get("kdf") != "scrypt":
            return None
        kek = _scrypt(
            secret, base64.b64decode(wrapping["salt"]), int(wrapping["n"]), int(wrapping["r"]), int(wrapping["p"])
        )
        blob = base64.b64decode(wrapping["key"])
        return AESGCM(kek).decrypt(blob[:12], blob[12:], _wrap_label(purpose, entry["id"]))
    except (InvalidTag, KeyError, TypeError, ValueError, AttributeError, MemoryError):
        return None  # a wrong secret or a damaged entry opens nothing


def unwrap_with_password(password: str) -> bytes | None:
    entry = _entry()
    return None if entry is None else _unwrap(entry, password, PASSWORD_WRAP)


def unwrap_with_recovery_code(code: str) -> bytes | None:
    entry = _entry()
    return None if entry is None else _unwrap(entry, normalize_recovery_code(code), RECOVERY_WRAP)


def remember(data_key: bytes) -> None:
    """Keep an unwrapped data key for this process (the database's key id names it)."""
    entry = _entry()
    if entry is not None:
        _keys[entry["id"]] = data_key
    reset()


def forget_all() -> None:
    """Drop every data key this process holds (tests; a program that locks for good)."""
    _keys.clear()
    _codecs.clear()


def _put_entry(entry: dict | None) -> None:
    if entry is None:
        meta.MetaEntry.delete().where(meta.MetaEntry.key == KEY_ENTRY).execute()
    else:
        meta.put(KEY_ENTRY, json.dumps(entry, sort_keys=True))


def rewrap_password(data_key: bytes, password: str) -> None:
    """Wrap the data key under a new password (the recovery code's wrapping stays); call inside a transaction."""
    entry = _entry()
    if entry is None:
        raise ValueError("ID numbers are not encrypted")
    entry[PASSWORD_WRAP] = _wrap(data_key, password, PASSWORD_WRAP, entry["id"])
    _put_entry(entry)


# --- turning encryption on and off ---------------------------------------------------------------


def turn_on(data_key: bytes, password: str, recovery_code: str) -> int:
    """Store the wrapped data key and encrypt every stored ID number; call inside a transaction.

    Returns how many people's numbers were encrypted. The codec is read again
    at next use (``reset``); the key counts as unlocked once ``remember`` is called.
    """
    old = current_or_clear()
    key_id = secrets.token_hex(8)
    _put_entry(
        {
            "version": 1,
            "id": key_id,
            PASSWORD_WRAP: _wrap(data_key, password, PASSWORD_WRAP, key_id),
            RECOVERY_WRAP: _wrap(data_key, normalize_recovery_code(recovery_code), RECOVERY_WRAP, key_id),
        }
    )
    return reseal_all(old, Codec(data_key, key_id))


def turn_off(data_key: bytes) -> int:
    """Decrypt every stored ID number and drop the wrapped key; call inside a transaction."""
    entry = _entry()
    count = reseal_all(Codec(data_key, entry["id"] if entry else None), CLEAR)
    _put_entry(None)
    return count


def current_or_clear() -> Codec:
    """The codec to read the stored values with before encryption is turned on (clear, or half-done values)."""
    codec = current()
    return CLEAR if isinstance(codec, _LockedCodec) else codec


def reseal_all(old: Codec, new: Codec, progress: Callable[[int, int], None] | None = None) -> int:
    """Rewrite every stored ID number of the open database from ``old``'s form into ``new``'s, with its lookup key.

    People of every unit, live or in the recycle bin, and the people's values
    kept by imports (``import_change``). Raw SQL: the rows are not edits
    (``updated_at`` stays), and the values must not pass the field's own
    conversion. Call inside a transaction.
    """
    count = reseal_rows(database.cursor(), old, new, database.param)
    if progress:
        progress(count, count)
    return count


def reseal_rows(cursor, old: Codec, new: Codec, param: str = "?", lookup_column: bool = True, kept: bool = True) -> int:
    """``reseal_all`` through a DB-API ``cursor``: the open database's, or another file's (a backup).

    ``lookup_column`` False: a file of a schema before step 12, without
    ``person.id_number_key``; only the numbers are rewritten (the step fills
    the column when that file is migrated, and ``fill_missing_lookup_keys``
    once the key is loaded). ``kept`` False: a file without ``import_change``.
    Returns how many people's numbers were rewritten.
    """
    rows = cursor.execute('SELECT "uuid", "id_number" FROM "person" WHERE "id_number" IS NOT NULL').fetchall()
    updates: list[tuple] = []
    for uuid, stored in rows:
        clear = old.unseal(stored)
        if lookup_column:
            updates.append((new.seal(clear), new.lookup(clear), uuid))
        else:
            updates.append((new.seal(clear), uuid))
    if updates:
        setting = f'"id_number" = {param}, "id_number_key" = {param}' if lookup_column else f'"id_number" = {param}'
        cursor.executemany(f'UPDATE "person" SET {setting} WHERE "uuid" = {param}', updates)
    if lookup_column:
        cursor.execute(
            'UPDATE "person" SET "id_number_key" = NULL WHERE "id_number" IS NULL AND "id_number_key" IS NOT NULL'
        )
    if not kept:
        return len(updates)
    previous_rows = cursor.execute(
        'SELECT "import_log", "record", "previous" FROM "import_change" '
        "WHERE \"table_name\" = 'person' AND \"previous\" IS NOT NULL"
    ).fetchall()
    changes = []
    for log, record, previous in previous_rows:
        try:
            before = json.loads(previous)
        except ValueError:
            continue
        if isinstance(before, dict) and before.get("id_number"):
            before["id_number"] = new.seal(old.unseal(before["id_number"]))
            changes.append((json.dumps(before, ensure_ascii=False), log, record))
    if changes:
        cursor.executemany(
            f'UPDATE "import_change" SET "previous" = {param} '
            f"WHERE \"import_log\" = {param} AND \"table_name\" = 'person' AND \"record\" = {param}",
            changes,
        )
    return len(updates)


def fill_missing_lookup_keys() -> int:
    """Give a lookup key to every stored number without one, once the key is loaded; returns how many.

    Only a backup protected before step 12 has such rows, once restored and
    migrated: the step cannot compute the key of an encrypted number. Nothing
    is done while locked or on a read-only database (the next unlock tries again).
    """
    codec = current()
    if isinstance(codec, _LockedCodec) or getattr(database.obj, "read_only", False):
        return 0
    if int(meta.get(meta.SCHEMA_VERSION) or 0) < LOOKUP_KEY_STEP:
        return 0  # a schema before that step (kept by a test of an older step) has no such column
    rows = database.execute_sql(
        'SELECT "uuid", "id_number" FROM "person" '
        "WHERE \"id_number\" IS NOT NULL AND \"id_number\" != '' AND \"id_number_key\" IS NULL"
    ).fetchall()
    keys = []
    for uuid, stored in rows:
        try:
            keys.append((codec.lookup(codec.unseal(stored)), uuid))
        except IdNumberDamaged:
            continue  # a value changed outside the program: reading it says so, and a check names it
    if keys:
        param = database.param
        with database.atomic():
            database.cursor().executemany(f'UPDATE "person" SET "id_number_key" = {param} WHERE "uuid" = {param}', keys)
    return len(keys)


def scrub_free_space() -> bool:
    """Rewrite the tables that held ID numbers so no earlier value lingers on disk (``models.db.scrub_old_values``).

    Run outside a transaction. False when another connection kept it from
    finishing (the data is encrypted all the same).
    """
    from .db import scrub_old_values

    return scrub_old_values(SEALED_TABLES)
