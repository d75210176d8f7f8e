"""The counts of the rights-and-care registers: stored per unit, register and period, replaced whole."""

from __future__ import annotations

from models import care_counts
from models.care_counts import CareCount

VILLAGE = "430121100201"
OTHER = "430121100202"


def test_stored_counts_are_read_back_per_unit_and_replaced_whole(database):
    care_counts.store(VILLAGE, "disputes", "2026-11", {("found", "marriage"): 2, ("found", "violence"): 1})
    care_counts.store(OTHER, "disputes", "2026-11", {("found", "marriage"): 0})
    assert care_counts.counts_of([VILLAGE, OTHER], "disputes", "2026-11") == {
        VILLAGE: {("found", "marriage"): 2, ("found", "violence"): 1},
        OTHER: {("found", "marriage"): 0},
    }
    care_counts.store(VILLAGE, "disputes", "2026-11", {("found", "marriage"): 3})
    assert care_counts.counts_of([VILLAGE], "disputes", "2026-11") == {VILLAGE: {("found", "marriage"): 3}}
    # The count that went away is tombstoned, so the tombstone travels upward.
    assert CareCount.select().where(CareCount.deleted == True).count() == 1
    assert care_counts.counts_of([VILLAGE], "disputes", "2026-10") == {}
