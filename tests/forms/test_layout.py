"""The form base: tables across pages, page X of Y, signatures, embedded fonts, safe writing."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms import layout
from forms.layout import CENTER, LEFT, Column, FormDocument, FormError
from models.i18n import _, format_date

from .conftest import TODAY


def test_column_widths_fix_some_and_share_the_rest_by_weight():
    columns = [Column("a", mm=10), Column("b", weight=1), Column("c", weight=3)]
    assert layout.column_widths(columns, 90) == [10, 20, 60]
    with pytest.raises(ValueError):
        layout.column_widths([Column("a", mm=100), Column("b")], 90)


def sample_document(rows: int, orientation=layout.PORTRAIT) -> FormDocument:
    doc = FormDocument("测试表", author="石门村", orientation=orientation)
    doc.heading("测试表", "石门村", TODAY, subtitle="（第一季度）")
    columns = [
        Column(_("No."), mm=12),
        Column(_("Name"), mm=30),
        Column(_("Notes"), weight=1, align=LEFT),
        Column(_("Phone"), mm=30, align=CENTER),
    ]
    doc.table(columns, [[i, f"姓名{i}", "很长的备注文字，" * (i % 5), "13812345678"] for i in range(1, rows + 1)])
    doc.signatures()
    return doc


def test_a_long_table_repeats_its_header_and_numbers_every_page(tmp_path, read_pdf):
    result = sample_document(150).save(tmp_path / "form.pdf")
    pdf = read_pdf(result.path)
    assert result.pages == len(pdf.texts) >= 3
    for number, text in enumerate(pdf.texts, start=1):
        assert _("Name") in text and _("Phone") in text, f"page {number} lacks the header row"
        assert _("Page {page} of {pages}").format(page=number, pages=result.pages) in text
    for i in (1, 75, 150):
        assert f"姓名{i}" in pdf.text
    first = pdf.texts[0]
    assert first.index("测试表") < first.index("（第一季度）") < first.index(_("Name"))
    assert layout.labelled(_("Reporting unit"), "石门村妇联") in first  # the federation fills the form in
    assert layout.labelled(_("Date filled in"), format_date(TODAY)) in first


def test_the_signature_block_has_its_lines_and_the_seal_box(tmp_path, read_pdf):
    pdf = read_pdf(sample_document(3, layout.LANDSCAPE).save(tmp_path / "form.pdf").path)
    for label in layout.SIGNATURE_LABELS:
        assert layout.labelled(_(label)) in pdf.text
    assert _("(unit seal)") in pdf.text


def test_every_font_is_embedded_and_the_metadata_names_the_form(tmp_path, read_pdf):
    pdf = read_pdf(sample_document(40).save(tmp_path / "form.pdf").path)
    fonts = pdf.fonts()
    assert fonts, "no fonts found"
    for name, font in fonts.items():
        assert "/FontDescriptor" in font, f"{name} is not embedded"
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"
    assert pdf.reader.metadata.title == "测试表"
    assert pdf.reader.metadata.author == "石门村"


def test_characters_no_font_has_are_reported_before_the_file_is_written(tmp_path):
    target = tmp_path / "form.pdf"
    reported = []

    def report(chars):
        reported.append((chars, target.exists()))

    doc = FormDocument("测试表")
    doc.paragraph("张\U00030041与\ue000")
    doc.table([Column(_("Name"))], [["李\U00030041"]])
    result = doc.save(target, report_missing=report)
    assert reported == [(["\ue000", "\U00030041"], False)]
    assert result.missing_characters == ["\ue000", "\U00030041"]
    assert target.exists()


def test_without_a_callback_missing_characters_are_logged(tmp_path, caplog):
    doc = FormDocument("测试表")
    doc.paragraph("\ue000")
    with caplog.at_level(logging.WARNING, logger="forms.layout"):
        result = doc.save(tmp_path / "form.pdf")
    assert result.missing_characters == ["\ue000"]
    assert "\ue000" in caplog.text


def test_an_empty_table_says_so(tmp_path, read_pdf):
    doc = FormDocument("测试表")
    doc.table([Column(_("No.")), Column(_("Name"))], [], empty_text="还没有记录")
    pdf = read_pdf(doc.save(tmp_path / "form.pdf").path)
    assert "还没有记录" in pdf.text and _("Name") in pdf.text


def test_cell_text_is_printed_literally_whether_short_or_wrapped(tmp_path, read_pdf):
    doc = FormDocument("测试表")
    doc.table([Column(_("Notes"), mm=40)], [["A&B <x>"], ["长文字<b>不是标记</b>&amp;" * 3], ["第一行\n第二行"]])
    pdf = read_pdf(doc.save(tmp_path / "form.pdf").path)
    flat = pdf.text.replace("\n", "")
    assert "A&B <x>" in pdf.text
    assert "长文字<b>不是标记</b>&amp;" * 3 in flat
    assert "第一行\n第二行" in pdf.text


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError):
        FormDocument("测试表").table([Column("a"), Column("b")], [["only one"]])


def test_a_failed_build_leaves_the_old_file_and_no_part_file(tmp_path):
    from reportlab.platypus import Flowable

    class Broken(Flowable):
        def wrap(self, *args):
            return 10, 10

        def draw(self):
            raise RuntimeError("disk full")

    target = tmp_path / "form.pdf"
    target.write_bytes(b"the earlier form")
    doc = FormDocument("测试表")
    doc.paragraph("正文")
    doc.add(Broken())
    with pytest.raises(RuntimeError):
        doc.save(target)
    assert target.read_bytes() == b"the earlier form"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.pdf"]


def test_saving_into_a_missing_folder_says_which(tmp_path):
    with pytest.raises(FormError) as caught:
        FormDocument("测试表").save(tmp_path / "nowhere" / "form.pdf")
    assert "nowhere" in str(caught.value)


def _rows_on(text: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r"姓名(\d+)", text)]


@pytest.mark.parametrize("orientation", [layout.PORTRAIT, layout.LANDSCAPE])
def test_the_signature_block_never_starts_a_page_without_rows_above_it(tmp_path, read_pdf, orientation):
    seen_pages = set()
    for count in range(10, 60, 3):
        pdf = read_pdf(sample_document(count, orientation).save(tmp_path / f"form{count}.pdf").path)
        seen_pages.add(len(pdf.texts))
        last = pdf.texts[-1]
        assert layout.labelled(_("Head of unit")) in last and _("(unit seal)") in last
        rows = _rows_on(last)
        assert count in rows, f"{count} rows: the last page has no table rows above the signatures"
        assert len(rows) >= min(layout.KEEP_LAST_ROWS, count)
        assert sorted(n for text in pdf.texts for n in _rows_on(text)) == list(range(1, count + 1))
    assert seen_pages >= {1, 2}


def test_a_table_split_across_pages_leaves_its_total_row_with_others(tmp_path, read_pdf):
    for count in range(20, 50, 2):
        doc = FormDocument("测试表")
        doc.heading("测试表", "石门村", TODAY)
        rows = [[i, f"姓名{i}"] for i in range(1, count + 1)] + [["", "合计"]]
        doc.table([Column(_("No."), mm=12), Column(_("Name"))], rows, row_height_mm=12)
        doc.paragraph("表后说明")
        pdf = read_pdf(doc.save(tmp_path / f"form{count}.pdf").path)
        for text in pdf.texts[1:]:
            if "合计" in text:
                assert len(_rows_on(text)) >= layout.KEEP_LAST_ROWS - 1


def test_continuation_pages_carry_the_title_unit_and_continued(tmp_path, read_pdf):
    result = sample_document(150).save(tmp_path / "form.pdf")
    pdf = read_pdf(result.path)
    head = _("{title} (continued)").format(title="测试表")
    assert head not in pdf.texts[0]
    for text in pdf.texts[1:]:
        first_line = text.strip().splitlines()[0]
        assert head in first_line and "石门村" in first_line
        assert text.index(head) < text.index(_("Name")), "the header row repeats below the running head"


# --- column headers ---------------------------------------------------------------------------------------


def _header_width(line: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from forms import fonts

    return stringWidth(line, fonts.BOLD, layout.TABLE_SIZE)


def test_a_narrow_columns_header_never_leaves_one_character_alone():
    layout.FormDocument("测试表")  # registers the fonts
    room = _header_width("家庭家教家")  # five characters a line: greedy wrapping would leave 风 alone
    assert layout.balanced_lines("家庭家教家风", room, _bold(), layout.TABLE_SIZE) == ["家庭家", "教家风"]
    assert layout.balanced_lines("维权普法/家庭纠纷调解", room, _bold(), layout.TABLE_SIZE)[0] == "维权普法/"
    assert layout.balanced_lines("“两癌”免费检查", room, _bold(), layout.TABLE_SIZE) == ["“两癌”", "免费检查"]
    assert layout.balanced_lines("换届选举", room, _bold(), layout.TABLE_SIZE) == ["换届选举"]
    assert layout.balanced_lines("Attendances (people)", 10, _bold(), layout.TABLE_SIZE) == ["Attendances (people)"]


def _bold() -> str:
    from forms import fonts

    return fonts.BOLD


@given(
    st.text(alphabet="家庭教风巾帼志愿服务（）“”、/，两癌", min_size=2, max_size=24),
    st.integers(min_value=2, max_value=8),
)
def test_balanced_header_lines_keep_the_text_fit_and_start_no_line_with_a_closing_mark(text, per_line):
    layout.FormDocument("测试表")
    room = _header_width("国" * per_line)
    lines = layout.balanced_lines(text, room, _bold(), layout.TABLE_SIZE)
    assert "".join(lines) == text
    if len(lines) > 1 and len(lines) < len(text):
        assert all(_header_width(line) <= room for line in lines)
        assert not any(line[0] in "，、）”/" for line in lines[1:])


@pytest.mark.parametrize("offset", range(7))
def test_a_subtotal_never_starts_a_page_without_rows_it_sums(tmp_path, offset):
    import pdfplumber

    doc = FormDocument("测试表", author="长沙县", orientation=layout.LANDSCAPE)
    doc.heading("测试表", "长沙县", TODAY)
    rows: list[list[object]] = []
    bold: list[int] = []
    for group in range(12):
        for village in range(5 + (group + offset) % 4):
            rows.append([len(rows) + 1, f"村{group}-{village}", 3])
        bold.append(len(rows))
        rows.append([None, f"镇{group}小计", 15])
    bold.append(len(rows))
    rows.append([None, "合计", 180])
    columns = [Column(_("No."), mm=12), Column(_("Unit"), weight=1, align=LEFT), Column(_("Total"), mm=30)]
    doc.table(columns, rows, bold_rows=bold)
    path = doc.save(tmp_path / "form.pdf").path
    with pdfplumber.open(str(path)) as pdf:
        assert len(pdf.pages) >= 2
        for number, page in enumerate(pdf.pages, start=1):
            [table] = page.extract_tables()
            first_body = table[1]
            assert "小计" not in (first_body[1] or "") and "合计" not in (first_body[1] or ""), number
