"""The optional start-up password of a shared office PC, kept as an scrypt hash in ``meta``.

The password opens the program, unlocks it after idle time and is asked again
before ID numbers are revealed in full. It is stored only as
``scrypt$n$r$p$salt$hash`` (hashlib.scrypt, a random 16-byte salt), never in clear.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from . import meta
from .base import FieldError, ValidationError, database
from .i18n import _

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


def set_password(new: str, repeated: str, current: str | None = None) -> None:
    """Set or change the start-up password; raises ValidationError naming the field (current, new, repeated)."""
    _current_checked(current)
    errors = new_password_problems(new, repeated)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        meta.put(PASSWORD, _encode(new))


def remove_password(current: str) -> None:
    """Remove the start-up password; the current one must be given."""
    _current_checked(current)
    with database.atomic():
        meta.MetaEntry.delete().where(meta.MetaEntry.key == PASSWORD).execute()
