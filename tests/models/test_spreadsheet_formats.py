"""Spreadsheets as cadres have them: .xls, .et and .ods read like .xlsx; other files named, with what to do."""

from __future__ import annotations

import datetime as _dt
import random
import struct
import zipfile
from pathlib import Path

import pytest

from models import people
from models.i18n import _
from models.importing import REFUSED, detect_kind, find_importable, import_files
from models.roster_import import is_roster_header, read_roster
from models.spreadsheets import (
    MAX_CELLS,
    ImportFileError,
    UnsupportedFormat,
    _calamine_cell,
    iter_sheets,
    read_table,
)

from ..conftest import VILLAGE_CODE

FORMATS = Path(__file__).resolve().parent.parent / "data" / "formats"
TODAY = _dt.date(2026, 11, 28)
SAVE_AS = (
    "{file} is {what}, which the program cannot read as a spreadsheet. "
    "Open it in Excel or WPS, save it as .xlsx (Save As), and import that file."
)


def preview_facts(preview):
    """What an import makes of a file: each row's number, what was read and its problems."""
    return (
        list(preview.columns.items()),
        [(r.row, r.values, r.person, [(p.column, p.message) for p in r.problems]) for r in preview.rows],
        preview.skipped,
    )


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".et"])
def test_the_messy_sample_saved_by_libreoffice_reads_exactly_as_the_xlsx(database, samples, tmp_path, suffix):
    source = FORMATS / ("roster_messy" + (".xls" if suffix == ".et" else suffix))
    path = tmp_path / ("名册" + suffix)  # WPS's .et is the same format as .xls
    path.write_bytes(source.read_bytes())
    expected = read_roster(samples / "roster_messy.xlsx", VILLAGE_CODE, today=TODAY)
    got = read_roster(path, VILLAGE_CODE, today=TODAY)
    assert preview_facts(got) == preview_facts(expected)
    assert len(got.good_rows) == len(expected.good_rows) > 0 and len(got.bad_rows) == len(expected.bad_rows) > 0


def test_cells_from_calamine_come_out_as_openpyxl_gives_them():
    assert _calamine_cell("") is None
    assert _calamine_cell("  ") == "  "
    assert _calamine_cell(13812345678.0) == 13812345678 and isinstance(_calamine_cell(13812345678.0), int)
    assert _calamine_cell(1978.05) == 1978.05
    assert _calamine_cell(1.0) == 1
    # An 18-digit ID number stored as a number has lost digits: it stays a float, and says so.
    assert isinstance(_calamine_cell(4.30121199201012e17), float)
    assert _calamine_cell(_dt.date(1990, 11, 1)) == _dt.datetime(1990, 11, 1)
    assert _calamine_cell(_dt.datetime(1990, 11, 1, 10, 30)) == _dt.datetime(1990, 11, 1, 10, 30)
    assert _calamine_cell(_dt.time(10, 0)) == _dt.time(10, 0)
    assert _calamine_cell(True) is True


def test_folders_offer_xls_et_and_ods(tmp_path):
    for name in ("a.xls", "b.et", "c.ods", "d.xlsx", "e.csv", "f.docx", "g.pdf"):
        (tmp_path / name).write_bytes(b"x")
    assert sorted(p.name for p in find_importable([tmp_path])) == ["a.xls", "b.et", "c.ods", "d.xlsx", "e.csv"]


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


OTHER_FILES = [
    ("名册.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
    ("名册.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(200), "a picture"),
    ("照片.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), "a picture"),
    ("名册.rtf", b"{\\rtf1\\ansi hello}", "a document in rich text format (.rtf)"),
    ("名册.xls", b"<html><body><table><tr><td>\xe5\xa7\x93\xe5\x90\x8d</td></tr></table></body></html>", None),
    (
        "名册.xml",
        b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
        "an Excel 2003 XML spreadsheet",
    ),
    ("说明.txt", "这是一份说明，没有表格。\n请按时报送。\n".encode(), "a text file without columns (not CSV)"),
]


@pytest.mark.parametrize("name, content, what", OTHER_FILES, ids=[n for n, _c, _w in OTHER_FILES])
def test_other_files_are_named_with_what_to_do(tmp_path, name, content, what):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnsupportedFormat) as caught:
        read_table(path, is_roster_header)
    what = what or "a web page (HTML) with a spreadsheet's name"
    assert str(caught.value) == _(SAVE_AS).format(file=path, what=_(what))


ZIPS = [
    ("名册.docx", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}, "a Word document (.docx)"),
    (
        "名册.pptx",
        {"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"},
        "a PowerPoint presentation (.pptx)",
    ),
    (
        "名册.numbers",
        {"Index/Document.iwa": "x", "Metadata/Properties.plist": "x"},
        "an Apple Numbers spreadsheet (.numbers)",
    ),
    ("名册.xlsb", {"[Content_Types].xml": "<Types/>", "xl/workbook.bin": "x"}, "an Excel binary workbook (.xlsb)"),
    (
        "名册.odt",
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
        "an OpenDocument text (.odt)",
    ),
    ("名册.zip", {"a.txt": "x"}, "a zip archive"),
]


@pytest.mark.parametrize("name, members, what", ZIPS, ids=[n for n, _m, _w in ZIPS])
def test_office_files_of_other_kinds_are_named(tmp_path, name, members, what):
    path = _zip(tmp_path / name, members)
    with pytest.raises(UnsupportedFormat) as caught:
        read_table(path, is_roster_header)
    assert str(caught.value) == _(SAVE_AS).format(file=path, what=_(what))


def test_a_password_protected_ods_is_named(tmp_path):
    path = _zip(
        tmp_path / "名册.ods",
        {
            "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
            "META-INF/manifest.xml": '<manifest:manifest><manifest:file-entry manifest:full-path="content.xml">'
            "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
            "content.xml": "\x8a\x01garbage",
        },
    )
    with pytest.raises(UnsupportedFormat) as caught:
        read_table(path, is_roster_header)
    assert "password" in str(caught.value) or "密码" in str(caught.value)


def test_an_ole_file_that_is_no_workbook_says_to_save_as_xlsx(tmp_path):
    # An OLE header and nothing valid after it: a damaged .xls, or a Word file renamed.
    for name in ("旧.xls", "加密.xlsx", "表.et"):
        path = tmp_path / name
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
        with pytest.raises(UnsupportedFormat) as caught:
            read_table(path, is_roster_header)
        assert str(path) in str(caught.value) and ".xlsx" in str(caught.value)
    assert "WPS" in str(caught.value)  # the .et names WPS


def test_the_import_says_what_another_file_is_and_writes_nothing(database, tmp_path):
    path = _zip(tmp_path / "名册.docx", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})
    with pytest.raises(UnsupportedFormat):
        detect_kind(path)
    outcome = import_files([path], unit_code=VILLAGE_CODE)
    (result,) = outcome.files
    assert result.status == REFUSED
    assert result.error == _(SAVE_AS).format(file=path, what=_("a Word document (.docx)"))
    assert people.Person.select().count() == 0


def test_a_sheet_spanning_too_many_cells_is_refused_before_calamine_reads_it():
    with pytest.raises(ImportFileError) as caught:
        read_table(FORMATS / "sparse.xls", is_roster_header)
    assert f"{MAX_CELLS:,}" in str(caught.value) and "65,536" in str(caught.value)


def _ods_with_content(tmp_path: Path, name: str, change) -> Path:
    source = FORMATS / "roster_messy.ods"
    path = tmp_path / name
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "content.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    return path


def test_repeated_rows_and_cells_of_an_ods_count_against_the_limits(tmp_path):
    # A few bytes that stand for a million filled rows, or a row of 16,000 filled cells repeated.
    def repeat_rows(text):
        return text.replace("<table:table-row ", '<table:table-row table:number-rows-repeated="1000000" ', 1)

    def repeat_cells(text):
        marker = "<text:p>合计</text:p>"
        cell = text.rindex("<table:table-cell ", 0, text.index(marker))
        row = text.rindex("<table:table-row", 0, cell)
        text = text[:row] + text[row:].replace(
            "<table:table-row", '<table:table-row table:number-rows-repeated="5000"', 1
        )
        cell = text.rindex("<table:table-cell ", 0, text.index(marker))
        return text[:cell] + '<table:table-cell table:number-columns-repeated="16000" ' + text[cell + 18 :]

    rows = _ods_with_content(tmp_path, "rows.ods", repeat_rows)
    with pytest.raises(ImportFileError) as caught:
        read_table(rows, is_roster_header)
    assert "200,000" in str(caught.value)
    cells = _ods_with_content(tmp_path, "cells.ods", repeat_cells)
    with pytest.raises(ImportFileError) as caught:
        read_table(cells, is_roster_header)
    assert f"{MAX_CELLS:,}" in str(caught.value)


def test_an_ods_bomb_is_refused_by_its_unpacked_size(tmp_path, monkeypatch):
    from models import spreadsheets

    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 20_000)
    with pytest.raises(ImportFileError) as caught:
        read_table(FORMATS / "roster_messy.ods", is_roster_header)
    assert "MB" in str(caught.value)


def _damaged_copies(source: Path, count: int, seed: int):
    """Truncated and garbled copies of ``source``: (name, bytes)."""
    rng = random.Random(seed)
    data = source.read_bytes()
    for n in range(count):
        if n % 3 == 0:
            yield f"cut{n}", data[: rng.randrange(8, len(data))]
        else:
            garbled = bytearray(data)
            for _i in range(rng.choice((1, 4, 32))):
                position = rng.randrange(len(garbled))
                garbled[position] = rng.randrange(256)
            if n % 3 == 2:  # a run of garbage in the middle
                start = rng.randrange(len(garbled) - 64)
                garbled[start : start + 64] = rng.randbytes(64)
            yield f"garbled{n}", bytes(garbled)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_damaged_xls_and_ods_give_a_message_never_a_traceback(database, tmp_path, suffix):
    source = FORMATS / f"roster_messy{suffix}"
    for name, data in _damaged_copies(source, 45, seed=len(suffix)):
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(data)
        try:
            for _sheet, rows in iter_sheets(path):
                for _row in rows:
                    pass
        except ImportFileError as exc:
            assert str(path) in str(exc)
        outcome = import_files([path], unit_code=VILLAGE_CODE, dry_run=True)
        assert len(outcome.files) == 1
        result = outcome.files[0]
        assert result.ok or result.error or result.preview is not None
    assert people.Person.select().count() == 0


def compound_file(streams):
    """A minimal OLE compound file (version 3) holding ``streams``: {name: bytes}, each a multiple of 4096 bytes."""
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sector, end]  # sector 0: the FAT; sector 1: the directory
    starts = []
    for data in streams.values():
        assert len(data) % 4096 == 0 and len(data) >= 4096
        count = len(data) // 512
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))

    def entry(name, kind, child, right, start, size):
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", no_stream, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    # Siblings in a chain: each stream's right sibling is the next (olefile does not re-balance).
    directory = entry("Root Entry", 5, 1, no_stream, end, 0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else no_stream
        directory += entry(name, 2, no_stream, right, starts[index], len(streams[name]))
    assert len(directory) <= 512
    directory = directory.ljust(512, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<109I", 0, *([free] * 108))
    )
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + directory + b"".join(streams.values())


def test_password_protected_workbooks_are_named(tmp_path):
    # Excel and WPS keep a workbook with an opening password in an OLE file of two streams.
    for name in ("名册.xlsx", "名册.xls", "名册.et"):
        path = tmp_path / name
        path.write_bytes(compound_file({"EncryptionInfo": bytes(4096), "EncryptedPackage": b"x" * 8192}))
        with pytest.raises(UnsupportedFormat) as caught:
            read_table(path, is_roster_header)
        assert str(caught.value) == _(
            "{file} is protected by a password. Open it in Excel or WPS, remove the password and save it as .xlsx."
        ).format(file=path)


@pytest.mark.parametrize(
    "name, stream, what",
    [
        ("通知.doc", "WordDocument", "a Word or WPS text document"),
        ("通知.wps", "WordDocument", "a Word or WPS text document"),
        ("汇报.ppt", "PowerPoint Document", "a PowerPoint presentation"),
        ("其他.xls", "Contents", "an Office file that holds no workbook"),
    ],
)
def test_office_97_files_of_other_kinds_are_named(tmp_path, name, stream, what):
    path = tmp_path / name
    path.write_bytes(compound_file({stream: bytes(4096)}))
    with pytest.raises(UnsupportedFormat) as caught:
        read_table(path, is_roster_header)
    assert str(caught.value) == _(SAVE_AS).format(file=path, what=_(what))


def test_an_xls_whose_workbook_stream_is_garbage_is_damaged(tmp_path):
    for name in ("坏.xls", "坏.et"):
        path = tmp_path / name
        path.write_bytes(compound_file({"Workbook": random.Random(1).randbytes(4096)}))
        with pytest.raises(UnsupportedFormat) as caught:
            read_table(path, is_roster_header)
        assert str(path) in str(caught.value) and ".xlsx" in str(caught.value)
