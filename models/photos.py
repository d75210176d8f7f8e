"""Photos as evidence: cleaned, shrunk and stored once by content hash.

A photo is turned upright by its EXIF orientation, scaled to at most
1600 px on the long side, saved as JPEG without any EXIF (so no GPS), and
stored by the sha256 of those bytes: the same photo added twice is stored
once. Records link to photos through ``PhotoLink`` (owner = a record's uuid).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from pathlib import Path

from peewee import SQL, BlobField, CharField, DateTimeField, IntegerField

from . import fields
from .base import BaseModel, FieldError, Record, ValidationError, database, utcnow
from .i18n import _

MAX_SIDE = 1600
MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 80_000_000  # larger images are refused before they are decoded
JPEG_QUALITY = 85


class PhotoError(Exception):
    """A file that cannot be taken as a photo; the message names it."""


class Photo(BaseModel):
    """The cleaned JPEG bytes of one photo, keyed by their sha256."""

    sha256 = CharField(primary_key=True, max_length=64)
    data = BlobField()
    width = IntegerField()
    height = IntegerField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "photo"


class PhotoLink(Record):
    """A photo attached to a record (an activity, a Women's Home, a training)."""

    owner = CharField(max_length=36, index=True)
    # The digest itself (not a ForeignKeyField: code and packages use the string),
    # with the reference the database enforces.
    photo = CharField(max_length=64, constraints=[SQL("REFERENCES photo (sha256)")])
    caption = CharField(max_length=fields.max_length("photo_link", "caption"), default="")
    position = IntegerField(default=0)

    class Meta:
        table_name = "photo_link"


def clean_image(raw: bytes, name: str = "") -> tuple[bytes, int, int]:
    """(JPEG bytes, width, height) of an image file, upright, shrunk, without EXIF."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    label = name or _("the file")
    if len(raw) > MAX_FILE_BYTES:
        raise PhotoError(
            _("{file} is larger than {mb} MB; choose a smaller photo.").format(
                file=label, mb=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    try:
        with Image.open(io.BytesIO(raw)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise PhotoError(_("{file} has too many pixels to be a photo.").format(file=label))
            opened.load()
            image = ImageOps.exif_transpose(opened)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            elif image.mode == "L":
                image = image.convert("RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)  # no exif= → none written
            return out.getvalue(), image.width, image.height
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError(
            _("{file} is not a picture that can be read ({error}).").format(file=label, error=exc)
        ) from exc


def store_photo(raw: bytes, name: str = "") -> str:
    """Clean and store an image; returns its sha256 (existing photos are reused)."""
    data, width, height = clean_image(raw, name)
    digest = hashlib.sha256(data).hexdigest()
    with database.atomic():
        if not is_stored(digest):
            Photo.create(sha256=digest, data=data, width=width, height=height)
    return digest


def store_photo_file(path: Path | str) -> str:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PhotoError(_("Cannot read {file}: {error}").format(file=path.name, error=exc.strerror or exc)) from exc
    return store_photo(raw, path.name)


def is_stored(digest: str) -> bool:
    return bool(Photo.select().where(Photo.sha256 == digest).exists())


def photos_of(owner: str) -> list[PhotoLink]:
    return list(PhotoLink.live().where(PhotoLink.owner == owner).order_by(PhotoLink.position, PhotoLink.created_at))


def photo_digests(owner: str) -> list[str]:
    """The sha256 of a record's photos, in their order."""
    return [link.photo for link in photos_of(owner)]


def check_captions(captions: Mapping[str, str]) -> tuple[dict[str, str], list[FieldError]]:
    """Captions (digest → text) as they would be stored, and what the field rules refuse in them."""
    clean, errors = {}, []
    for digest, text in captions.items():
        clean[digest], problem = fields.check_text("photo_link", "caption", text)
        if problem:
            errors.append(FieldError("photos", problem))
    return clean, errors


def set_photos(owner: str, unit: str, digests: list[str], captions: Mapping[str, str] | None = None) -> None:
    """Make ``digests`` the owner's photos, in this order (links removed go to the recycle bin).

    ``captions`` (digest → text) replaces the captions of those photos; the
    others keep theirs. A caption the field rules refuse raises
    ValidationError before anything is written.
    """
    clean, errors = check_captions(captions or {})
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        current = photos_of(owner)
        wanted = list(dict.fromkeys(digests))
        for link in current:
            if link.photo not in wanted:
                link.move_to_recycle_bin()
        existing = {link.photo: link for link in current}
        for position, digest in enumerate(wanted):
            link = existing.get(digest) or PhotoLink(owner=owner, unit=unit, photo=digest)
            link.position = position
            if digest in clean:
                link.caption = clean[digest]
            link.save()


def set_caption(owner: str, digest: str, caption: str) -> PhotoLink:
    """Give one of a record's photos its caption, in one transaction.

    ValidationError, nothing written, when the field rules refuse the text or
    the record has no such photo.
    """
    clean, errors = check_captions({digest: caption})
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        link = PhotoLink.live().where((PhotoLink.owner == owner) & (PhotoLink.photo == digest)).first()
        if link is None:
            raise ValidationError([FieldError("photos", _("The photo is not attached to this record any more."))])
        link.caption = clean[digest]
        link.save()
    return link


def photo_bytes(digest: str) -> bytes:
    return Photo.get_by_id(digest).data


def stored_photo_bytes(digest: str) -> bytes | None:
    """The cleaned JPEG of a photo, or None when it is not in the database (a screen shows a blank)."""
    photo = Photo.get_or_none(Photo.sha256 == digest)
    return photo.data if photo is not None else None
