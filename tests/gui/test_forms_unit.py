"""报表 at a county: the forms of a unit below, chosen above the list, as `main.py report --unit` makes them."""

from __future__ import annotations

import datetime as dt

import pypdf
import pytest

from forms.ledger import chosen_year, year_activities
from forms.registry import FORMS
from gui.printing import actions as form_actions
from gui.printing.page import FormsPage
from models import db as dbmod
from models.i18n import _
from tests.gui.gui_helpers import open_world_copy, show_widget
from tests.models.exchange_helpers import (
    COUNTY,
    COUNTY_NAME,
    VILLAGE,
    VILLAGE2,
    VILLAGE2_NAME,
    VILLAGE_NAME,
    county_that_imported_two_villages,
)

PAGE_SIZE = (1150, 650)
GATHERING = {name for name, spec in FORMS.items() if spec.gathers}


@pytest.fixture(scope="module")
def county_world(tmp_path_factory):
    """A demo county that has imported the packages of two demo villages, and one of those villages."""
    yield county_that_imported_two_villages(tmp_path_factory.mktemp("forms_unit"))
    dbmod.close_database()


@pytest.fixture
def open_copy(county_world, tmp_path, gui_settings):
    yield lambda which: open_world_copy(county_world, which, tmp_path, gui_settings)
    dbmod.close_database()


def forms_listed(page: FormsPage) -> list[str]:
    return [page.list.item(row).data(0x0100) for row in range(page.list.count())]  # Qt.UserRole


def choose_form(page: FormsPage, name: str) -> None:
    page.list.setCurrentRow(forms_listed(page).index(name))


def test_a_county_saves_the_ledger_of_a_village_below(qtbot, open_copy, answers, tmp_path, monkeypatch):
    page = show_widget(qtbot, FormsPage(open_copy("county")), PAGE_SIZE)
    assert page.chooser is not None and page.chooser.isVisibleTo(page)
    assert page.chooser.choice() == COUNTY  # 本单位 by default
    assert page.chooser.currentText().startswith(_("Own unit"))
    assert page._options().unit_code == COUNTY

    page.chooser.set_choice(VILLAGE)
    choose_form(page, "ledger")
    ledger_title = _(FORMS["ledger"].title)
    assert page.title.text() == _("{unit} · {form}").format(unit=VILLAGE_NAME, form=ledger_title)
    assert page._options().unit_code == VILLAGE

    monkeypatch.setattr(form_actions, "open_file", lambda path: None)
    out = tmp_path / "ledger.pdf"
    answers.files.append(str(out))
    answers.replies.append(False)  # "open it now?"
    assert page.save("pdf") == out
    # The file offered is named for the village, not the county.
    assert VILLAGE_NAME in answers.file_requests[0][2]

    text = "".join(page_.extract_text() for page_ in pypdf.PdfReader(out).pages)
    text = "".join(text.split())
    assert VILLAGE_NAME in text
    year = chosen_year(VILLAGE, None, dt.date.today())
    titles = [a.title for a in year_activities(VILLAGE, year) if not a.sensitive]
    assert titles
    assert "".join(min(titles, key=len).split()) in text
    assert VILLAGE2_NAME not in text


def test_gathering_forms_stay_with_the_own_unit(qtbot, open_copy, answers):
    page = show_widget(qtbot, FormsPage(open_copy("county")), PAGE_SIZE)
    assert GATHERING <= set(forms_listed(page))  # the county's own: it gathers the villages' packages
    choose_form(page, "summary")

    page.chooser.set_choice(VILLAGE2)
    listed = set(forms_listed(page))
    assert listed and not listed & GATHERING
    assert page.current_form() in listed
    assert page.title.text().startswith(VILLAGE2_NAME + " · ")

    page.chooser.set_choice(COUNTY)  # back to 本单位: its forms again, titled with its name
    assert GATHERING <= set(forms_listed(page))
    assert page.title.text().startswith(COUNTY_NAME + " · ")
    assert page._options().unit_code == COUNTY


def test_the_chooser_finds_a_unit_by_name_or_code(qtbot, open_copy, answers):
    page = show_widget(qtbot, FormsPage(open_copy("county")), PAGE_SIZE)
    texts = [page.chooser.itemText(i) for i in range(page.chooser.count())]
    assert any(VILLAGE_NAME in t and VILLAGE in t for t in texts)
    assert any(VILLAGE2_NAME in t and VILLAGE2 in t for t in texts)


def test_a_village_has_no_chooser(qtbot, open_copy, answers):
    page = show_widget(qtbot, FormsPage(open_copy("village")), PAGE_SIZE)
    assert page.chooser is None
    assert not GATHERING & set(forms_listed(page))
    choose_form(page, "ledger")
    assert page.title.text() == _(FORMS["ledger"].title)  # no unit name: it is always the village's own
    assert page._options().unit_code == VILLAGE
