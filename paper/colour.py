"""The gray a picture is read in: what is printed and written on the sheet, without a seal's red ink.

Every ballot is stamped before the vote (a ballot without the stamp is
invalid), and a round seal of 38–42 mm overflows the printed stamp box onto
the write-in rows and the corner mark beside it. In plain gray its red ink is
as dark as a pencil's: a write-in box under it reads as marked, and a mark
under it is no longer a square with paper around it.

Red ink reflects red light as paper does and takes the green out of it. So in
a colour picture the red level plus how much redder than green a pixel is
(2R − G, at most white) makes seal ink as light as paper, while black and blue
ink and print, no redder than green, stay as dark as in the red channel.
A picture with no red ink in it is read in plain gray as before: the sum adds
the green channel's noise for nothing. A red pen's marks are taken out with the
seal (colour cannot tell them apart); names are not signed in red.
"""

from __future__ import annotations

from PIL import Image, ImageChops

# A pixel this much redder than it is green is red ink (a seal's ink is 130–190 redder; paper in a warm
# light, skin and wood 10–50).
RED_INK = 70
# A picture with at least this share of red ink pixels is read without them (a seal on an A6 ballot
# covers several per cent of its picture; a speck of red on a sheet is not worth the noise).
RED_SHARE = 0.002
# Red ink is counted on the picture reduced this many times (quick; a seal is large).
COUNT_REDUCTION = 4


def has_red_ink(image: Image.Image) -> bool:
    """Whether the picture (RGB or L) has red ink in it, a seal's: at least RED_SHARE of it."""
    if image.mode != "RGB":
        return False
    small = image.reduce(COUNT_REDUCTION) if min(image.size) >= 4 * COUNT_REDUCTION else image
    red, green, _blue = small.split()
    histogram = ImageChops.subtract(red, green).histogram()
    return sum(histogram[RED_INK:]) >= RED_SHARE * small.width * small.height


def without_red_ink(image: Image.Image) -> Image.Image:
    """The picture (RGB) in gray with red ink as light as paper: 2R − G, at most white."""
    red, green, _blue = image.split()
    return ImageChops.add(red, ImageChops.subtract(red, green))


def reading_gray(image: Image.Image) -> tuple[Image.Image, bool]:
    """The picture (RGB or L) in the gray it is read in, and whether red ink was taken out of it: without
    red ink when it has some, else in plain gray."""
    if has_red_ink(image):
        return without_red_ink(image), True
    return (image if image.mode == "L" else image.convert("L")), False
