"""The package's manifest.json: what it says, and checking what a received one says.

Messages name the file (``label``) and are in the interface language; a
manifest that fails any check raises PackageError and nothing is imported.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeGuard

from models import units

from ..i18n import _
from .tables import data_member, photo_member, table_names

FORMAT = "fulian-package"
FORMAT_VERSION = 5  # 2: signed (installation_key in the manifest, manifest.sig beside it); 3: elections carry
# their rules and their representatives (data/election_representative.jsonl), which a reader of 2 would refuse;
# 4: the committee at work (households, contacts, needs, projects, meetings, plans and summaries, nominations
# and awards: data/household.jsonl …), members a reader of 3 would refuse; 5: rights and care as the monthly
# dispute reports and counts (data/dispute_report.jsonl, data/care_count.jsonl), members a reader of 4 would refuse
SIGNED_VERSION = 2
ID_NUMBER_CHOICES = ("omitted", "masked", "full")
PHONE_CHOICES = ("masked", "full")
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"  # the Ed25519 signature of manifest.json's exact bytes
MAX_JSON_DEPTH = 4  # the manifest is {members: {path: {…}}}: nothing deeper is ours

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
PHOTO_MEMBER_RE = re.compile(r"^photos/([0-9a-f]{64})\.jpg$")


class PackageError(Exception):
    """A package that cannot be exported or imported; the message names the file and the problem."""


@dataclass(frozen=True)
class MemberInfo:
    """What the manifest says about one member: its hash, size and record count."""

    sha256: str
    bytes: int
    records: int


@dataclass(frozen=True)
class Manifest:
    """A checked manifest."""

    app_version: str
    package_id: str
    created_at: _dt.datetime  # aware, UTC
    installation_id: str
    sequence: int
    source_code: str
    source_name: str
    source_level: str
    scope_from: _dt.date | None
    scope_to: _dt.date | None
    members: dict[str, MemberInfo]
    id_numbers: str
    format_version: int = FORMAT_VERSION
    installation_key: bytes | None = None  # raw Ed25519 public key; None in an unsigned (version 1) package
    phones: str | None = None  # "masked" | "full"; None from versions that did not say (they sent them in full)

    @property
    def signed(self) -> bool:
        return self.installation_key is not None

    @property
    def scoped(self) -> bool:
        return self.scope_from is not None or self.scope_to is not None


def is_uuid(text: object) -> TypeGuard[str]:
    return isinstance(text, str) and bool(_UUID_RE.match(text))


def allowed_member(name: str) -> bool:
    if name in (MANIFEST, SIGNATURE) or PHOTO_MEMBER_RE.match(name):
        return True
    return name in {data_member(t) for t in table_names()}


# --- strict JSON ----------------------------------------------------------------------------


class _Refused(ValueError):
    pass


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _Refused(_("the key \"{key}\" appears twice").format(key=key))
        seen[key] = value
    return seen


def _no_constants(name):
    raise _Refused(_("{value} is not a number JSON allows").format(value=name))


def depth(value, limit: int) -> int:
    """Nesting depth of a parsed JSON value, stopping once past ``limit``."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, level = stack.pop()
        children: Iterable
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def strict_json(text: str, max_depth: int | None):
    """Parse JSON refusing duplicate keys, NaN/Infinity and nesting deeper than ``max_depth``.

    ``max_depth=None`` skips the depth walk, for callers that refuse every
    nested value themselves (records: each value must be a scalar of its
    column). Raises ValueError with a message in the interface language.
    """
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except _Refused:
        raise
    except RecursionError:
        raise _Refused(_("nested too deeply")) from None
    except json.JSONDecodeError as exc:
        raise _Refused(_("not valid JSON ({error})").format(error=exc.msg)) from None
    if max_depth is not None and depth(value, max_depth) > max_depth:
        raise _Refused(_("nested too deeply"))
    return value


# --- reading a received manifest ------------------------------------------------------------


def parse_manifest(raw: bytes, label: str) -> Manifest:
    def bad(why: str) -> PackageError:
        return PackageError(_("{file}: the manifest is not valid: {problem}.").format(file=label, problem=why))

    try:
        data = strict_json(raw.decode("utf-8"), MAX_JSON_DEPTH)
    except UnicodeDecodeError:
        raise bad(_("it is not UTF-8 text")) from None
    except ValueError as exc:
        raise bad(str(exc)) from None
    if not isinstance(data, dict):
        raise bad(_("it is not a JSON object"))
    if data.get("format") != FORMAT:
        raise PackageError(
            _("{file} is not a Fulian Ledger package (its format is {format}).").format(
                file=label, format=json.dumps(data.get("format"), ensure_ascii=False)[:60]
            )
        )
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise bad(_("format_version is missing or not a whole number"))
    if version > FORMAT_VERSION:
        raise PackageError(
            _(
                "{file} was made by a newer version of Fulian Ledger (package format {found}, this version reads {known}). "  # noqa: E501
                "Install the newer version to import it."
            ).format(file=label, found=version, known=FORMAT_VERSION)
        )

    def text(key, value=None, limit=200):
        value = data.get(key) if value is None else value
        if not isinstance(value, str) or not value or len(value) > limit:
            raise bad(_("{key} is missing or not text").format(key=key))
        return value

    app_version = text("app_version", limit=40)
    package_id = data.get("package_id")
    if not is_uuid(package_id):
        raise bad(_("package_id is not a uuid"))
    installation_id = data.get("installation_id")
    if not is_uuid(installation_id):
        raise bad(_("installation_id is not a uuid"))
    created_at = _aware(text("created_at", limit=40))
    if created_at is None:
        raise bad(_("created_at is not a date and time"))
    installation_key = None
    if version >= SIGNED_VERSION:
        encoded = data.get("installation_key")
        try:
            if not isinstance(encoded, str) or len(encoded) > 64:
                raise ValueError
            installation_key = base64.b64decode(encoded, validate=True)
        except (ValueError, binascii.Error):
            installation_key = None
        if installation_key is None or len(installation_key) != 32:
            raise bad(_("installation_key is not a public key (32 bytes in base64)"))
    sequence = data.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 1 <= sequence < 2**62:
        raise bad(_("sequence is not a whole number from 1"))

    source = data.get("source")
    if not isinstance(source, dict):
        raise bad(_("source is missing"))
    code = text("source.code", source.get("code"), limit=12)
    if units.code_error(code):
        raise bad(_("the source code {code} is not a unit code").format(code=code))
    name = text("source.name", source.get("name"), limit=100)
    level = text("source.level", source.get("level"), limit=16)
    if level != units.level_of(code):
        raise bad(_("the source level does not match its code"))

    scope = data.get("scope")
    scope_from = scope_to = None
    if scope is not None:
        if not isinstance(scope, dict) or set(scope) - {"from", "to"}:
            raise bad(_("scope is not an object with from and to"))
        scope_from, scope_to = _day(scope.get("from")), _day(scope.get("to"))
        if (scope.get("from") is not None and scope_from is None) or (scope.get("to") is not None and scope_to is None):
            raise bad(_("the scope's dates are not dates (YYYY-MM-DD)"))
        if scope_from and scope_to and scope_from > scope_to:
            raise bad(_("the scope ends before it begins"))

    privacy = data.get("privacy")
    if not isinstance(privacy, dict) or privacy.get("id_numbers") not in ID_NUMBER_CHOICES:
        raise bad(_("privacy.id_numbers is missing"))
    # privacy.phones came later within the same format version: a package without it is still read.
    phones = privacy.get("phones")
    if phones is not None and phones not in PHONE_CHOICES:
        raise bad(_("privacy.phones is neither masked nor full"))

    members_raw = data.get("members")
    if not isinstance(members_raw, dict):
        raise bad(_("members is missing"))
    members: dict[str, MemberInfo] = {}
    for path, info in members_raw.items():
        if not allowed_member(path) or path in (MANIFEST, SIGNATURE):
            raise bad(_("it lists a member that is not allowed: {name}").format(name=path[:120]))
        if not isinstance(info, dict) or set(info) != {"sha256", "bytes", "records"}:
            raise bad(_("the entry for {name} is not {{sha256, bytes, records}}").format(name=path))
        sha, size, records = info["sha256"], info["bytes"], info["records"]
        if not isinstance(sha, str) or not _SHA_RE.match(sha):
            raise bad(_("the sha256 of {name} is not 64 hex digits").format(name=path))
        for number in (size, records):
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise bad(_("the size or record count of {name} is not a whole number").format(name=path))
        photo = PHOTO_MEMBER_RE.match(path)
        if photo and photo.group(1) != sha:
            raise bad(_("the photo {name} is not named by its sha256").format(name=path))
        members[path] = MemberInfo(sha, size, records)
    return Manifest(
        app_version,
        package_id,
        created_at,
        installation_id,
        sequence,
        code,
        name,
        level,
        scope_from,
        scope_to,
        members,
        privacy["id_numbers"],
        version,
        installation_key,
        phones,
    )


def _aware(text: str) -> _dt.datetime | None:
    try:
        value = _dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value.replace(tzinfo=_dt.UTC) if value.tzinfo is None else value.astimezone(_dt.UTC)


def _day(value) -> _dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


# --- writing --------------------------------------------------------------------------------


def manifest_dict(
    *,
    app_version: str,
    package_id: str,
    created_at: _dt.datetime,
    installation_id: str,
    sequence: int,
    source: dict,
    scope_from: _dt.date | None,
    scope_to: _dt.date | None,
    members: dict[str, MemberInfo],
    id_numbers: str,
    installation_key: bytes,
    phones: str = "masked",
) -> dict:
    scope = None
    if scope_from is not None or scope_to is not None:
        scope = {
            "from": scope_from.isoformat() if scope_from else None,
            "to": scope_to.isoformat() if scope_to else None,
        }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "package_id": package_id,
        "created_at": created_at.isoformat(timespec="seconds"),
        "installation_id": installation_id,
        "installation_key": base64.b64encode(installation_key).decode("ascii"),
        "sequence": sequence,
        "source": source,
        "scope": scope,
        "members": {path: {"sha256": m.sha256, "bytes": m.bytes, "records": m.records} for path, m in members.items()},
        "privacy": {"id_numbers": id_numbers, "phones": phones},
    }


__all__ = [
    "PackageError",
    "Manifest",
    "MemberInfo",
    "parse_manifest",
    "manifest_dict",
    "strict_json",
    "allowed_member",
    "is_uuid",
    "photo_member",
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST",
    "SIGNATURE",
]
