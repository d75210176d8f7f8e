"""Forms at a township or county: the words follow the level, and data below is totalled, never zeros."""

from __future__ import annotations

import datetime as _dt
import gettext
import runpy
from pathlib import Path

import pytest

from forms.registry import FormOptions, build_form
from models import db as dbmod
from models import i18n
from models.demo import make_demo

from .conftest import squeeze

COUNTY, COUNTY_NAME = "430121000000", "长沙县"
VILLAGES = 30
TODAY = _dt.date(2026, 6, 30)
_TABLE = Path(__file__).resolve().parents[2] / "tools" / "translations" / "levels.py"


class _WithLevels(gettext.NullTranslations):
    """The catalog as it reads once tools/translations/levels.py is merged into it."""

    def __init__(self, base: gettext.NullTranslations):
        super().__init__()
        self.base = base
        self.table = runpy.run_path(str(_TABLE))["TRANSLATIONS"]

    def gettext(self, message):
        return self.table.get(message) or self.base.gettext(message)

    def ngettext(self, singular, plural, n):
        return self.base.ngettext(singular, plural, n)


@pytest.fixture(autouse=True)
def level_words():
    i18n.set_language("zh_CN")
    i18n._translations = _WithLevels(i18n._load("zh_CN"))
    yield
    i18n.set_language("zh_CN")


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A county with 30 villages under three townships, a year of activities each, made once."""
    dbmod.open_database(tmp_path_factory.mktemp("county") / "county.sqlite3")
    make_demo(COUNTY, COUNTY_NAME, units_below=VILLAGES, years=1, today=TODAY)
    yield COUNTY
    dbmod.close_database()


def build(name: str, unit: str, path: Path, **kwargs):
    return build_form(name, path, FormOptions(unit, today=TODAY, **kwargs))


def first_village(county: str) -> str:
    from models.units import VILLAGE, units_below

    return next(u.code for u in units_below(county) if u.level == VILLAGE)


def township_of(code: str) -> str:
    from models.units import code_info

    return code_info(code).parent or ""


# --- the approval blocks ---------------------------------------------------------------------------


def test_the_election_report_asks_the_level_above_and_the_party_organisation(county, tmp_path, read_pdf):
    village = first_village(county)
    expected = {
        county: "市妇联意见",
        township_of(village): "县妇联意见",
        village: "乡镇（街道）妇联意见",
    }
    for unit in (county, village):  # the demo's townships hold no election of their own
        words = expected[unit]
        text = squeeze(read_pdf(build("election", unit, tmp_path / f"{unit}.pdf").path).text)
        assert words in text, unit
        assert "同级党组织意见" in text
        for other in set(expected.values()) - {words}:
            assert other not in text, (unit, other)


def test_the_level_above_is_named_by_one_rule():
    from forms.layout import higher_federation_opinion

    assert squeeze(higher_federation_opinion("430121100201")) == "乡镇（街道）妇联意见："
    assert squeeze(higher_federation_opinion("430121100000")) == "县妇联意见："
    assert squeeze(higher_federation_opinion("430121000000")) == "市妇联意见："
    assert squeeze(higher_federation_opinion("430100000000")) == "省妇联意见："
    assert higher_federation_opinion("430000000000") == ""
