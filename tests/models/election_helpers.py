"""Election rounds for tests that need a counted election without going through the dialogs."""

from __future__ import annotations

from models.elections import records as er


def add_round(
    unit: str, election: er.Election, kind: str, seats: int, entitled: int, present: int, **fields
) -> er.ElectionRound:
    """A round in which everyone present voted and every ballot came back valid."""
    return er.ElectionRound.create(
        unit=unit,
        election=election,
        kind=kind,
        seats=seats,
        entitled=entitled,
        present=present,
        issued=present,
        returned=present,
        valid=present,
        **fields,
    )
