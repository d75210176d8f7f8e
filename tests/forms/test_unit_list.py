"""A cockpit's list of units, printed: title, whose list, every unit, and the table's head on every page."""

from __future__ import annotations

import datetime as _dt

from forms.unit_list import build_unit_list_pdf
from models.cockpit import UnitLine, UnitList
from models.i18n import _, format_date
from tests.forms.conftest import squeeze

TODAY = _dt.date(2026, 12, 3)
COUNTY_NAME = "长沙县妇联"


def sixty_villages() -> UnitList:
    lines = [UnitLine(f"430121{i:06d}", f"第{i}村", f"本期未报送 {i}") for i in range(1, 61)]
    return UnitList("未报送的单位", lines=lines)


def test_the_list_prints_every_unit_on_pages_that_say_what_they_continue(tmp_path, read_pdf):
    unit_list = sixty_villages()
    result = build_unit_list_pdf(unit_list, COUNTY_NAME, tmp_path / "list.pdf", TODAY)
    pdf = read_pdf(result.path)
    assert result.pages == len(pdf.reader.pages) > 1
    first = squeeze(pdf.texts[0])
    assert first.startswith(squeeze(unit_list.title))
    assert COUNTY_NAME in first and squeeze(format_date(TODAY)) in first
    whole = squeeze(pdf.text)
    for line in unit_list.lines:
        assert line.name in whole and line.code in whole and squeeze(line.detail) in whole
    continued = squeeze(_("{title} (continued)").format(title=unit_list.title))
    for number, text in enumerate(pdf.texts, start=1):
        page = squeeze(text)
        for heading in unit_list.headings:  # the table's head repeats
            assert squeeze(heading) in page
        if number > 1:
            assert page.startswith(continued)
    assert squeeze(_("{count} units").format(count=60)) in squeeze(pdf.texts[-1])
    assert not result.missing_characters


def test_an_empty_list_says_so(tmp_path, read_pdf):
    result = build_unit_list_pdf(UnitList("逾期"), COUNTY_NAME, tmp_path / "empty.pdf", TODAY)
    pdf = read_pdf(result.path)
    assert result.pages == 1
    assert squeeze(_("No units in this list.")) in squeeze(pdf.text)
