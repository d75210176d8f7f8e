"""Fixtures for the printed forms: people in the test village, and PDFs read back."""

from __future__ import annotations

import datetime as _dt
import io
import re
from pathlib import Path

import pytest

from models.base import database as db_proxy
from models.people import PersonInput, save_person

VILLAGE_CODE = "430121100201"
TODAY = _dt.date(2026, 11, 28)

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN = ["秀兰", "桂英", "红梅", "丽华", "海燕", "春花", "美玲", "晓红", "金凤", "淑珍", "雪梅", "冬梅"]
_WORKPLACES = [
    "石门村村委会 妇联主席",
    "长沙县石门小学 教师",
    "湘绣合作社 负责人",
    "务农",
    "金井镇石门村茶叶种植专业合作社 理事长兼会计，负责财务与产品销售",
]


def person(name: str, post: str | None = "backbone", **fields) -> PersonInput:
    """A valid person with everyday values; ``fields`` override them."""
    values = dict(
        name=name,
        sex="F",
        ethnicity="01",
        birth="1978-05",
        education="30",
        political="01",
        post=post,
        part_time=True,
        workplace="石门村村委会 妇联主席",
        identities=["villager_rep", "volunteer"],
        two_committees=False,
        phone="13812345678",
        notes="",
    )
    values.update(fields)
    return PersonInput(**values)


@pytest.fixture
def add_people(database):
    """Save people into the test village: ``add_people(n)`` makes n varied ones."""

    def add(count: int = 0, *extra: PersonInput, unit: str = VILLAGE_CODE) -> list:
        saved = []
        posts = ["chair", "vice_chair", "attached_vice_chair"] + ["executive"] * 6
        with db_proxy.atomic():
            for data in extra:
                saved.append(save_person(data, unit, today=TODAY))
            for i in range(count):
                name = _SURNAMES[i % len(_SURNAMES)] + _GIVEN[(i // len(_SURNAMES)) % len(_GIVEN)]  # unique below 420
                post = posts[i] if i < len(posts) else "backbone"
                data = person(
                    name,
                    post,
                    birth=f"{1960 + i % 40}-{1 + i % 12:02d}",
                    workplace=_WORKPLACES[i % len(_WORKPLACES)],
                    phone=f"139{i:08d}" if i % 3 else f"0731-84{i:06d}",
                    notes="连任" if i % 4 == 0 else "",
                )
                saved.append(save_person(data, unit, today=TODAY))
        return saved

    return add


class PdfReadBack:
    """A written PDF opened with pdfplumber (text, characters) and pypdf (objects)."""

    def __init__(self, path: Path):
        import pdfplumber
        from pypdf import PdfReader

        self.path = path
        self.reader = PdfReader(str(path))
        with pdfplumber.open(str(path)) as pdf:
            self.texts = [page.extract_text() or "" for page in pdf.pages]
            self.chars = [list(page.chars) for page in pdf.pages]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def fonts(self) -> dict[str, object]:
        """Every font object used on any page, by its PDF BaseFont name."""
        found = {}
        for page in self.reader.pages:
            for ref in page["/Resources"]["/Font"].values():
                font = ref.get_object()
                found[str(font["/BaseFont"])] = font
        return found

    def glyph_for(self, char: str, font_name_part: str):
        """The glyph drawn for ``char`` by the embedded font whose name contains
        ``font_name_part``, read from the font program itself (fontTools)."""
        from fontTools.ttLib import TTFont

        for name, font in self.fonts().items():
            if font_name_part not in name:
                continue
            cmap_text = font["/ToUnicode"].get_object().get_data().decode("ascii")
            codes = [
                int(code, 16)
                for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap_text)
                if int(uni, 16) == ord(char)
            ]
            if not codes:
                continue
            program = TTFont(io.BytesIO(font["/FontDescriptor"]["/FontFile2"].get_object().get_data()))
            # reportlab's subsets carry a Macintosh (1, 0) table mapping the
            # PDF's one-byte codes to glyphs.
            cmap = {}
            for table in program["cmap"].tables:
                cmap.update(table.cmap)
            glyph_name = cmap[codes[0]]
            return program["glyf"][glyph_name]
        return None


def squeeze(text: str | None) -> str:
    """``text`` with every whitespace removed (PDF text breaks lines and spaces where layout wants)."""
    return "".join((text or "").split())


def table_rows(path) -> list[list[str]]:
    """Every row of every ruled table in the PDF, cells with their whitespace removed."""
    import pdfplumber

    rows = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[squeeze(cell or "") for cell in row] for row in table]
    return rows


@pytest.fixture
def read_pdf():
    return PdfReadBack
