"""The demo's elections are counted as real ones are: a name left unmarked on a valid ballot is 弃权."""

from __future__ import annotations

from models.demo import make_demo
from models.elections import records as er
from tests.conftest import VILLAGE_CODE, VILLAGE_NAME


def test_each_candidates_votes_add_up_to_the_valid_ballots(database):
    make_demo(VILLAGE_CODE, VILLAGE_NAME)
    rounds = list(er.ElectionRound.select())
    assert rounds
    for round_ in rounds:
        for candidate in er.ElectionCandidate.select().where(er.ElectionCandidate.round == round_):
            assert candidate.yes + candidate.no + candidate.abstain == round_.valid, (round_.kind, candidate.name)
