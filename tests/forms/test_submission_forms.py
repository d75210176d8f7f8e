"""The submission forms: progress (报送进度), summary (汇总表) and receipt (回执), read back as PDF and Excel."""

from __future__ import annotations

import datetime as dt

import pytest

from forms.layout import section_title
from forms.registry import FORMS, FormError, FormOptions, build_form
from models import cockpit, exchange, stats, submissions
from models import db as dbmod
from models.homes import CATEGORY
from models.i18n import _, format_percent
from models.unit_import import apply_unit_list, read_unit_list

from ..models.exchange_helpers import (
    COUNTY,
    TODAY,
    VILLAGE,
    VILLAGE2,
    VILLAGE2_NAME,
    VILLAGE_NAME,
    copy_world,
    export_villages,
)
from .conftest import squeeze, table_rows

SILENT, SILENT_NAME = "430121100203", "白沙村"


@pytest.fixture
def county(exchange_world, tmp_path):
    """Three villages expected; two sent packages, the second of them was returned, the third is silent."""
    packages = export_villages(copy_world(exchange_world, tmp_path), tmp_path)
    units_csv = tmp_path / "units.csv"
    units_csv.write_text(
        f"区划代码,名称\n{VILLAGE},{VILLAGE_NAME}\n{VILLAGE2},{VILLAGE2_NAME}\n{SILENT},{SILENT_NAME}\n",
        encoding="utf-8",
    )
    apply_unit_list(read_unit_list(units_csv, COUNTY), COUNTY)
    for package in packages.values():
        exchange.import_package(package.path, backup=False)
    submissions.return_submission(VILLAGE2, packages["village2"].package_id, "执委名单缺出生年月")
    yield packages
    dbmod.close_database()


def options(**kwargs):
    return FormOptions(COUNTY, **kwargs)


def test_the_three_forms_are_registered():
    assert FORMS["summary"].formats == ("pdf", "xlsx") and FORMS["progress"].formats == ("pdf", "xlsx")
    assert FORMS["receipt"].formats == ("pdf",)


def test_progress_pdf_shows_each_unit_its_status_and_the_counts(county, tmp_path, read_pdf):
    today = dt.date.today()
    period = submissions.year_period(today.year)
    after = period.deadline + dt.timedelta(days=1)
    result = build_form("progress", tmp_path / "progress.pdf", options(year=today.year, today=after))
    text = read_pdf(result.path).text.replace(" ", "").replace("\n", "")
    assert result.pages == 1
    for name in (VILLAGE_NAME, VILLAGE2_NAME, SILENT_NAME, "执委名单"):  # the reason wraps in its cell
        assert name in text
    for label in (_("Reported"), _("Returned"), _("Overdue"), _("Units expected to report")):
        assert label.replace(" ", "") in text
    assert format_percent(1 / 3).replace(" ", "") in text
    assert county["village"].package_id not in text  # the table names packages by number, not id


def test_progress_xlsx_numbers_and_percentages(county, tmp_path):
    from openpyxl import load_workbook

    result = build_form("progress", tmp_path / "progress.xlsx", options(today=dt.date.today()))
    book = load_workbook(result.path)
    table, counts = book.worksheets
    names = [table.cell(r, 2).value for r in range(4, 7)]
    assert names == [VILLAGE_NAME, VILLAGE2_NAME, SILENT_NAME]
    assert table.cell(4, 1).value == 1 and isinstance(table.cell(4, 8).value, int) and table.cell(4, 8).value > 0
    assert table.cell(6, 8).value is None  # the silent village sent nothing
    # When a package was made and received: Excel date-times, not text.
    headers = [c.value for c in table[3]]
    for header in (_("Package made"), _("Received")):
        cell = table.cell(4, headers.index(header) + 1)
        assert isinstance(cell.value, dt.datetime) and cell.is_date and cell.number_format == "yyyy-mm-dd hh:mm"
    assert table.cell(6, headers.index(_("Received")) + 1).value is None
    assert [counts.cell(r, 2).value for r in range(4, 9)] == [1, 1, 1, 0, 3]
    share = counts.cell(4, 3)
    assert share.value == pytest.approx(1 / 3) and share.number_format == "0.0%"


def test_summary_pdf_has_the_four_tables_with_totals(county, tmp_path, read_pdf):
    result = build_form("summary", tmp_path / "summary.pdf", options(year=TODAY.year, today=TODAY))
    pdf = read_pdf(result.path)
    text = pdf.text.replace(" ", "")
    activities = submissions.activity_summary(COUNTY, submissions.year_period(TODAY.year))
    for name in (VILLAGE_NAME, VILLAGE2_NAME, SILENT_NAME):
        assert text.count(name) >= 4  # a row in each table
    assert text.count(_("Total ({n} units)").format(n=3).replace(" ", "")) == 4
    assert str(activities.total.total) in text
    assert format_percent(activities.share_of_total(activities.rows[0])).replace(" ", "") in text
    assert _("(unit seal)").replace(" ", "") in text
    # Landscape pages.
    page = pdf.reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_summary_xlsx_sheet_per_table_numbers_and_percentages(county, tmp_path):
    from openpyxl import load_workbook

    result = build_form("summary", tmp_path / "summary.xlsx", options(year=TODAY.year, today=TODAY))
    book = load_workbook(result.path)
    elections, activities, training, committee = book.worksheets
    assert [s.title for s in book.worksheets] == [_("Elections"), _("Activities"), _("Training"), _("Committee")]

    summary = submissions.activity_summary(COUNTY, submissions.year_period(TODAY.year))
    codes = CATEGORY.codes()
    first = [activities.cell(4, 3 + i).value for i in range(len(codes))]
    assert first == [summary.rows[0].by_category[c] for c in codes] and all(isinstance(v, int) for v in first)
    total_row, share_row = 7, 8
    assert activities.cell(total_row, 2).value == _("Total ({n} units)").format(n=3)
    assert activities.cell(total_row, 13).value == summary.total.total
    assert activities.cell(total_row, 3).number_format != "0.0%"
    share = activities.cell(share_row, 3)
    assert share.value == pytest.approx(summary.category_share(codes[0])) and share.number_format == "0.0%"
    assert activities.cell(4, 15).number_format == "0.0%"
    assert activities.cell(4, 15).value == pytest.approx(summary.share_of_total(summary.rows[0]))

    rolled = stats.roll_up([stats.composition_for(c, TODAY.year, TODAY) for c in (VILLAGE, VILLAGE2, SILENT)])
    headers = [elections.cell(3, c).value for c in range(1, elections.max_column + 1)]
    members = headers.index(_("Executive members")) + 1
    assert elections.cell(7, members).value == rolled.members > 0
    party_share = elections.cell(7, headers.index(_("Share of CPC members")) + 1)
    assert party_share.value == pytest.approx(rolled.party_share) and party_share.number_format == "0.0%"

    coverage = submissions.coverage_summary(COUNTY, TODAY.year)
    assert training.cell(7, 6).value == coverage.total.executives
    assert training.cell(7, 7).value == coverage.total.executives_trained
    if coverage.total.executives:
        assert training.cell(7, 8).value == pytest.approx(coverage.total.executives_share)
        assert training.cell(7, 8).number_format == "0.0%"

    period = submissions.year_period(TODAY.year)
    work = cockpit.committee_below(COUNTY, submissions.expected_units(COUNTY), TODAY, period.start, period.end)
    assert committee.cell(4, 2).value == VILLAGE_NAME and committee.cell(4, 4).value == work.rows[0].contacts > 0
    assert [committee.cell(7, c).value for c in (3, 4, 5, 6, 8)] == [
        work.total.members,
        work.total.contacts,
        work.total.needs,
        work.total.needs_answered,
        work.total.nominations,
    ]
    assert committee.cell(7, 7).value == pytest.approx(work.total.needs_answered / work.total.needs)
    assert committee.cell(7, 7).number_format == "0.0%"
    assert committee.cell(6, 4).value == 0  # the silent village sent nothing


def test_receipt_by_package_id_and_by_unit_code(county, tmp_path, read_pdf):
    accepted = county["village"]
    result = build_form("receipt", tmp_path / "r1.pdf", options(record_id=accepted.package_id, today=dt.date.today()))
    pdf = read_pdf(result.path)
    text = pdf.text.replace(" ", "").replace("\n", "")
    assert result.pages == 1
    assert VILLAGE_NAME in text and accepted.package_id in text
    entry = exchange.ImportLog.get(exchange.ImportLog.package_id == accepted.package_id)
    assert entry.file_sha256 in text
    assert _("Result: accepted.").replace(" ", "") in text and _("(unit seal)").replace(" ", "") in text
    assert _("People").replace(" ", "") in text

    returned = build_form("receipt", tmp_path / "r2.pdf", options(record_id=VILLAGE2))
    text = read_pdf(returned.path).text.replace(" ", "").replace("\n", "")
    assert county["village2"].package_id in text and "执委名单缺出生年月" in text
    assert returned.pages == 1


def test_forms_refuse_clearly(county, tmp_path):
    with pytest.raises(FormError) as caught:
        build_form("receipt", tmp_path / "r.pdf", options(record_id="430121100299"))
    assert "430121100299" in str(caught.value)
    with pytest.raises(FormError) as caught:
        build_form("progress", tmp_path / "p.pdf", options(record_id="no such period"))
    assert "no such period" in str(caught.value)
    with pytest.raises(FormError):
        build_form("summary", tmp_path / "s.pdf", FormOptions(VILLAGE))
    assert not list(tmp_path.glob("*.pdf"))


def test_a_long_summary_starts_on_its_first_page(county, tmp_path):
    """With many units the election table runs over pages; its heading must not leave page 1 empty."""
    import pdfplumber

    from models import units

    for number in range(60):
        units.upsert_unit(f"430121101{201 + number:03d}", f"测试{number}村", owner=COUNTY)
    result = build_form("summary", tmp_path / "long.pdf", options(today=TODAY))
    with pdfplumber.open(result.path) as pdf:
        first = pdf.pages[0].extract_text()
    assert result.pages > 2
    assert section_title(1, "")[:2] in first and VILLAGE_NAME in first


def test_the_summary_numbers_its_parts_in_chinese_and_names_the_period_as_a_value(county, tmp_path, read_pdf):
    from forms import summary

    result = build_form("summary", tmp_path / "summary.pdf", options(today=TODAY))
    text = read_pdf(result.path).text
    for number in (1, 2, 3):
        mark = section_title(number, "")
        assert mark == "一二三"[number - 1] + "、"
        assert mark in text
    assert "1. " not in text and "2. " not in text
    # The period's name follows the label as a value: 报送期：2024（…）, not 报送期2024：.
    period = summary.chosen_period(options(today=TODAY), TODAY)
    subtitle = summary.period_subtitle(period)
    label = _("Reporting period: {name} ({start} to {end}, deadline {deadline})").split("{name}")[0]
    assert subtitle.startswith(label + period.name)
    assert squeeze(subtitle) in squeeze(text)


def test_the_cover_sheet_says_what_each_photo_count_counts(database, tmp_path, read_pdf):
    from forms import package_cover
    from models.demo import make_demo
    from models.exchange import read_manifest
    from models.exchange.tables import data_member
    from models.units import own_unit

    own = own_unit()
    make_demo(own.code, own.name, units_below=0, today=TODAY, photos=6)
    package = exchange.export_package(tmp_path / "v.fulian").path
    manifest, _sha = read_manifest(package)
    links = manifest.members[data_member("photo_link")].records
    files = package_cover.photo_files(manifest)
    assert links and files
    result = package_cover.build_cover(package, tmp_path / "cover.pdf", today=TODAY)
    rows = {r[0]: r[1] for r in table_rows(result.path) if len(r) == 2}
    assert rows[squeeze(_(package_cover.PHOTO_LINKS))] == f"{links:,}"
    assert rows[squeeze(_(package_cover.PHOTO_FILES))] == f"{files:,}"
    # No bare "photos" line that a reader could take for either number.
    assert squeeze(_("Photos")) not in rows and squeeze(_("Photo files")) not in rows
    text = squeeze(read_pdf(result.path).text)
    assert text.count(squeeze(_(package_cover.PHOTO_LINKS))) == 1


def test_the_receipt_is_sent_by_the_federation_and_brackets_the_code_full_width(county, tmp_path, read_pdf):
    from models.units import Unit

    accepted = county["village"]
    result = build_form("receipt", tmp_path / "r.pdf", options(record_id=accepted.package_id))
    lines = [squeeze(line) for line in read_pdf(result.path).text.splitlines()]
    sender = Unit.get(Unit.code == COUNTY).name + "妇联"
    assert f"{VILLAGE_NAME}（{VILLAGE}）" in "".join(lines)
    assert f"({VILLAGE})" not in "".join(lines)
    assert any(line.startswith(sender + "已于") for line in lines), lines  # 长沙县妇联已于……收到贵单位……
    assert sender in lines  # the signing line at the foot
