"""The grays a picture is read in: plain, for its codes, and without a seal's red ink, for its marks and cells.

Every ballot is stamped before the vote (a ballot without the stamp is
invalid), and a round seal of 38–42 mm overflows the printed stamp box onto
the write-in rows and the corner mark beside it. In plain gray its red ink is
as dark as a pencil's: a write-in box under it reads as marked, and a mark
under it is no longer a square with paper around it.

Red ink reflects red light as paper does and takes the green out of it. A
colour picture's colours are first scaled so that its paper is white (ballots
may be printed on coloured paper, to tell the rounds apart); a picture with
red ink in it is then read in its gray lightened in proportion to each
pixel's redness (Y + 2.1 Cr), which brings seal ink, pressed hard or lightly,
back to about the paper's own lightness (in a shadow too), while black and
blue ink, pencil and the print under the seal, not red, keep their gray. The
gray keeps the camera's full detail; a JPEG keeps colours at half of it, and
reading thin strokes in the red channel lost faint pencil on coloured paper.
A picture with no red ink in it is read in plain gray throughout, and the
codes are always looked for in plain gray. A red pen's marks are taken out
with the seal (colour cannot tell them apart); names are not signed in red.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageChops, ImageStat

from .ink import percentile

# A pixel this much redder than it is green (the paper made white) is red ink (a seal's ink is 130–190
# redder; paper in a warm light, skin and wood 10–50).
RED_INK = 70
# A picture with at least this share of red ink pixels is read without them (a seal on an A6 ballot
# covers several per cent of its picture; a speck of red on a sheet is not worth the noise).
RED_SHARE = 0.002
# The colours are measured on the picture reduced this many times (quick; a seal is large).
COUNT_REDUCTION = 4
# The paper's colour: the middle colour of the lightest pixels, this share of the picture (a sheet fills
# most of a scan or a photo of it and is its lightest part; each colour's own commonest level fell on the
# table beside the sheet, and a colour's own lightest levels on the scanner's lid).
PAPER_SHARE = 0.3
# How much lighter a pixel is made for each level of its redness (Cr, 0 for gray): seal ink lies on a
# line from the paper's white to the ink's own colour, along which gray darkens this many times as fast as
# redness grows (1.75 for vermilion, 2.1 for the usual seal red, 2.6 for crimson), so a seal pressed hard or
# lightly comes out as light as the paper, within 15 %.
RED_LIGHTENING = 2.1
# A colour is made at most this much lighter to make the paper white (deep red paper's green stays dark
# rather than its noise being multiplied).
MAX_GAIN = 2.0


@dataclass(frozen=True)
class Grays:
    """``plain``: the picture in gray, for finding its codes; ``reading``: the gray its marks and cells are
    read in (``plain`` itself when there was no red ink to take out); ``red_taken_out``: whether there was."""

    plain: Image.Image
    reading: Image.Image
    red_taken_out: bool


def _reduced(image: Image.Image) -> Image.Image:
    return image.reduce(COUNT_REDUCTION) if min(image.size) >= 4 * COUNT_REDUCTION else image


def _paper_gains(small: Image.Image) -> list[float]:
    """For each colour (red, green, blue), how much to scale it for the paper to be white (at most
    MAX_GAIN times)."""
    gray = small.convert("L")
    lightest = percentile(gray.histogram(), 1 - PAPER_SHARE)
    paper = ImageStat.Stat(small, mask=gray.point(lambda level: 255 if level >= lightest else 0)).median
    return [min(MAX_GAIN, 255 / max(1, level)) for level in paper]


def _scaled(image: Image.Image, gains: list[float]) -> Image.Image:
    return image.point([min(255, round(level * gain)) for gain in gains for level in range(256)])


def _has_red_ink(small: Image.Image) -> bool:
    """Whether the picture (reduced, RGB, its paper white) has red ink in it: at least RED_SHARE of it."""
    red, green, _blue = small.split()
    histogram = ImageChops.subtract(red, green).histogram()
    return sum(histogram[RED_INK:]) >= RED_SHARE * sum(histogram)


def _without_red_ink(image: Image.Image) -> Image.Image:
    """The picture (RGB, its paper white) in gray, lightened by RED_LIGHTENING times each pixel's redness."""
    gray, _blue, red = image.convert("YCbCr").split()
    lightening = red.point([max(0, round((level - 128) * RED_LIGHTENING)) for level in range(256)])
    return ImageChops.add(gray, lightening)


def grays(image: Image.Image) -> Grays:
    """The grays the picture (RGB or L) is read in."""
    if image.mode == "L":
        return Grays(image, image, False)
    plain = image.convert("L")
    small = _reduced(image)
    gains = _paper_gains(small)
    if not _has_red_ink(_scaled(small, gains)):
        return Grays(plain, plain, False)
    return Grays(plain, _without_red_ink(_scaled(image, gains)), True)
