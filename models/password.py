"""The optional start-up password of a shared office PC, kept as an scrypt hash in ``meta``.

The password opens the program, unlocks it after idle time and is asked again
before ID numbers are revealed in full. It is stored only as
``scrypt$n$r$p$salt$hash`` (hashlib.scrypt, a random 16-byte salt), never in clear.

While a password is set, ID numbers are encrypted at rest (``models.id_crypto``):
setting one encrypts them all and gives a recovery code, shown once; changing
it wraps the data key again; removing it decrypts them all. Each of these is
one transaction: all or nothing. Once ID numbers are encrypted, the backups
made before in clear are encrypted under the same key too
(``models.backup_crypto``); the recovery code returned says what became of them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import TYPE_CHECKING

from . import id_crypto, meta
from .base import FieldError, ValidationError, database
from .db import refuse_while_other_clerks_work
from .i18n import _

if TYPE_CHECKING:
    from .backup_crypto import BackupsProtected

PASSWORD = "startup_password"  # the meta key
MIN_LENGTH = 6
MAX_LENGTH = 200
# About 16 MiB of memory and a tenth of a second on an office PC: slow for guessing, quick for a cadre.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def _encode(password: str) -> str:
    salt = os.urandom(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


class RecoveryCode(str):
    """The recovery code, shown once; ``backups`` says what became of the backups made before, in clear."""

    backups: BackupsProtected | None = None


def has_password() -> bool:
    return bool(meta.get(PASSWORD))


def check_password(password: str) -> bool:
    """True when ``password`` is the one set (or when none is set)."""
    stored = meta.get(PASSWORD)
    if not stored:
        return True
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(found, base64.b64decode(digest))
    except (ValueError, TypeError, MemoryError):
        return False  # a damaged entry opens nothing


def _current_checked(current: str | None) -> None:
    if has_password() and not check_password(current or ""):
        raise ValidationError([FieldError("current", _("The current password is not right; type it again."))])


def new_password_problems(new: str, repeated: str) -> list[FieldError]:
    errors = []
    if len(new) < MIN_LENGTH:
        errors.append(FieldError("new", _("A password needs at least {n} characters.").format(n=MIN_LENGTH)))
    elif len(new) > MAX_LENGTH:
        errors.append(FieldError("new", _("A password may have at most {n} characters.").format(n=MAX_LENGTH)))
    elif new != repeated:
        errors.append(FieldError("repeated", _("The two new passwords differ; type the same one twice.")))
    return errors


def set_password(new: str, repeated: str, current: str | None = None) -> RecoveryCode | None:
    """Set or change the start-up password; raises ValidationError naming the field (current, new, repeated).

    Returns the recovery code when this turned the encryption of ID numbers on
    (a first password, or one set before ID numbers were encrypted): the only
    time it is ever shown. A change of password returns None.
    """
    _current_checked(current)
    errors = new_password_problems(new, repeated)
    if errors:
        raise ValidationError(errors)
    if id_crypto.is_encrypted():
        data_key = _data_key(current or "")
        with database.atomic():
            meta.put(PASSWORD, _encode(new))
            id_crypto.rewrap_password(data_key, new)
        id_crypto.remember(data_key)
        return None
    return _encrypt(new, store_hash=True)


def _encrypt(password: str, store_hash: bool) -> RecoveryCode:
    from .backup_crypto import protect_old_backups

    refuse_while_other_clerks_work()
    code = RecoveryCode(id_crypto.new_recovery_code())
    data_key = id_crypto.new_data_key()
    try:
        with database.atomic():
            id_crypto.turn_on(data_key, password, code)
            if store_hash:
                meta.put(PASSWORD, _encode(password))
    finally:
        id_crypto.reset()
    id_crypto.remember(data_key)
    id_crypto.scrub_free_space()
    # After the commit: a backup that cannot be encrypted is reported, never a reason to undo the password
    # (nor to lose the recovery code, shown only now).
    try:
        code.backups = protect_old_backups(data_key)
    except Exception:
        code.backups = None
    return code


def _data_key(password: str) -> bytes:
    data_key = id_crypto.unwrap_with_password(password)
    if data_key is None:
        # The hash matched but the wrapped key does not open: the entry was damaged.
        message = _("The key of the ID numbers cannot be opened with this password; use the recovery code.")
        raise ValidationError([FieldError("current", message)])
    return data_key


def remove_password(current: str) -> None:
    """Remove the start-up password; the current one must be given. Encrypted ID numbers are decrypted."""
    _current_checked(current)
    data_key = _data_key(current) if id_crypto.is_encrypted() else None
    if data_key is not None:
        refuse_while_other_clerks_work()
    try:
        with database.atomic():
            if data_key is not None:
                id_crypto.turn_off(data_key)
            meta.MetaEntry.delete().where(meta.MetaEntry.key == PASSWORD).execute()
    finally:
        id_crypto.reset()


def unlock(password: str) -> bool:
    """Check the password and, when ID numbers are encrypted, keep their key for this process.

    True when it is right (or when none is set).
    """
    if not check_password(password):
        return False
    if id_crypto.is_encrypted() and not id_crypto.is_unlocked():
        data_key = id_crypto.unwrap_with_password(password)
        if data_key is None:
            return False
        id_crypto.remember(data_key)
        _fill_lookup_keys()
    return True


def _fill_lookup_keys() -> None:
    from .db import fill_lookup_keys

    fill_lookup_keys()


def is_unlocked() -> bool:
    """True when ID numbers can be read: they are in clear, or the password (or recovery code) was given."""
    return id_crypto.is_unlocked()


def encryption_pending() -> bool:
    """A password set by an older version, before ID numbers were encrypted: they are still in clear."""
    return has_password() and not id_crypto.is_encrypted()


def encrypt_id_numbers(password: str) -> RecoveryCode | None:
    """Encrypt the ID numbers of a database whose password was set before they were (the right password given).

    Returns the recovery code (shown once), or None when there was nothing to do.
    """
    if not encryption_pending():
        return None
    if not check_password(password):
        raise ValidationError([FieldError("current", _("The current password is not right; type it again."))])
    return _encrypt(password, store_hash=False)


def reset_with_recovery_code(code: str, new: str, repeated: str) -> None:
    """A forgotten password: the recovery code opens the ID numbers' key and a new password is set.

    Raises ValidationError naming the field (code, new, repeated); nothing is
    changed then. The data stays as it was; the recovery code stays valid.
    """
    errors: list[FieldError] = []
    data_key = None
    if not id_crypto.is_encrypted():
        errors.append(
            FieldError(
                "code",
                _(
                    "This database has no recovery code: its password was set before ID numbers were encrypted. "
                    "Without the password it cannot be opened; restore a backup made before the password was set."
                ),
            )
        )
    else:
        problem = id_crypto.recovery_code_problem(code)
        if problem is None:
            data_key = id_crypto.unwrap_with_recovery_code(code)
            if data_key is None:
                problem = _("The recovery code is not right. Check it against the paper and type it again.")
        if problem:
            errors.append(FieldError("code", problem))
    errors += new_password_problems(new, repeated)
    if errors:
        raise ValidationError(errors)
    assert data_key is not None
    with database.atomic():
        meta.put(PASSWORD, _encode(new))
        id_crypto.rewrap_password(data_key, new)
    id_crypto.remember(data_key)
    _fill_lookup_keys()
