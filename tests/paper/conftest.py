"""What the reader's tests on the real forms share."""

from __future__ import annotations

import pytest

from models import db as dbmod
from tests import paper_forms as forms


@pytest.fixture
def county(tmp_path):
    """An open database whose own unit is a county."""
    dbmod.open_database(tmp_path / "county.sqlite3")
    yield forms.own_county()
    dbmod.close_database()
