"""The pictures in a file: images (JPEG, PNG, TIFF, BMP; a TIFF's pages) and the pages of a PDF.

Each picture comes with where it came from (the file's name and the page,
1-based). A file that cannot be read yields a ``Picture`` with a problem in
words instead of an image, so that one bad file never stops a batch.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from models.i18n import _

# Rendering a PDF page: about 8 pixels a millimetre is enough for the cells and the code.
PDF_PX_PER_MM = 8.0
# A picture larger than this is refused rather than decoded (a decompression bomb, or a poster).
MAX_PIXELS = 60_000_000
MAX_PAGES = 500
PICTURE_FORMATS = "JPEG, PNG, TIFF, BMP"  # named in a refusal, the same in every language
ORIENTATION = 0x0112  # the EXIF tag of a phone's picture held sideways


@dataclass
class Picture:
    """One picture of a file: ``image`` (RGB or L, in its colours: a seal's red ink is told from pen and
    print by them), or ``problem`` (in words) when it could not be read."""

    source: str
    page: int
    image: Image.Image | None = None
    problem: str = ""


def files_in(paths: list[Path | str]) -> list[Path]:
    """The files named, with a folder standing for its files in name order (not its subfolders)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted((p for p in path.iterdir() if p.is_file()), key=lambda p: p.name))
        else:
            found.append(path)
    return found


def pictures(path: Path | str) -> Iterator[Picture]:
    """The pictures in the file at ``path``, in page order; a problem in words when there are none to read."""
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as file:
            head = file.read(8)
    except OSError:
        yield Picture(name, 1, problem=_("The file {name} could not be opened.").format(name=name))
        return
    if not head:
        yield Picture(name, 1, problem=_("The file {name} is empty.").format(name=name))
        return
    if head.startswith(b"%PDF"):
        yield from _pdf_pages(path)
    else:
        yield from _image_pages(path)


def _too_large(name: str) -> Picture:
    return Picture(name, 1, problem=_("The picture in {name} is far too large to be a scanned page.").format(name=name))


def _image_pages(path: Path) -> Iterator[Picture]:
    name = path.name
    not_a_picture = _("The file {name} is neither a picture ({formats}) nor a PDF, or it is damaged.").format(
        name=name, formats=PICTURE_FORMATS
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            if image.format not in {"JPEG", "PNG", "TIFF", "BMP", "MPO"}:
                yield Picture(name, 1, problem=not_a_picture)
                return
            # A TIFF's pages are pages; a phone's MPO holds the photo and then its previews or depth.
            frames = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
            for index in range(min(frames, MAX_PAGES)):
                image.seek(index)
                if image.width * image.height > MAX_PIXELS:
                    yield _too_large(name)
                    continue
                turned = image.getexif().get(ORIENTATION, 1) not in (1, None)
                frame = ImageOps.exif_transpose(image) if turned else image
                yield Picture(name, index + 1, image=_plain(frame))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        yield _too_large(name)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        yield Picture(name, 1, problem=not_a_picture)


def _plain(image: Image.Image) -> Image.Image:
    """The picture as RGB or grayscale, loaded (a palette, alpha or 16-bit picture converted)."""
    if image.mode in ("RGB", "L"):
        image.load()
        return image.copy() if image.readonly else image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda v: v / 256).convert("L")
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def _pdf_pages(path: Path) -> Iterator[Picture]:
    import pypdfium2 as pdfium

    name = path.name
    damaged = _("The PDF file {name} is damaged or protected by a password.").format(name=name)
    try:
        document = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError, ValueError):
        yield Picture(name, 1, problem=damaged)
        return
    try:
        count = len(document)
        if count == 0:
            yield Picture(name, 1, problem=_("The PDF file {name} has no pages.").format(name=name))
        for index in range(min(count, MAX_PAGES)):
            try:
                page = document[index]
                width_pt, height_pt = page.get_size()
                scale = PDF_PX_PER_MM * 25.4 / 72
                if width_pt * height_pt * scale * scale > MAX_PIXELS:
                    scale = (MAX_PIXELS / (width_pt * height_pt)) ** 0.5
                bitmap = page.render(scale=scale)
                image = bitmap.to_pil().convert("RGB")
                page.close()
            except (pdfium.PdfiumError, OSError, ValueError):
                yield Picture(name, index + 1, problem=damaged)
                continue
            yield Picture(name, index + 1, image=image)
    finally:
        document.close()
