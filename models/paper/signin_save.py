"""Saving what the person confirmed from read sign-in pages: the marks and the pages' images together.

The confirmed marks are written by ``attendance.record`` and the images kept by
``evidence.keep_pages``, in one transaction: when marks typed earlier conflict,
nothing is written (not even the images) until she has decided; when an image
is refused, the marks are not written either. Only this training's sign-in pages
are kept: a ballot or another training's page read in the same batch is not.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from models import training as tr
from models.base import database

from . import attendance, evidence
from .code import SIGN_IN
from .reading import SheetReading


def pages_of_training(training: tr.Training, readings: Iterable[SheetReading]) -> list[SheetReading]:
    """The read sign-in pages of ``training`` among ``readings``."""
    return [
        r
        for r in readings
        if r.read and r.code is not None and r.code.kind == SIGN_IN and r.code.record == training.uuid
    ]


def save_attendance(
    training: tr.Training,
    readings: Iterable[SheetReading],
    confirmed: Iterable[attendance.Confirmed],
    walk_ins: Iterable[attendance.ConfirmedWalkIn] = (),
    overwrite: Collection[tuple[str, str]] = (),
) -> attendance.Recorded:
    """Record the confirmed marks and walk-ins and keep the training's page images, all or nothing.

    Returns ``attendance.record``'s result: with conflicts, nothing was written. Raises what ``record``
    raises (ValidationError) and ``evidence.EvidenceError`` for an image that cannot be kept.
    """
    pages = pages_of_training(training, readings)
    with database.atomic():
        result = attendance.record(training, list(confirmed), list(walk_ins), overwrite)
        if result.done:
            evidence.keep_pages(pages, training.unit)
    return result
