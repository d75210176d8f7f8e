"""Units (村/社区, 乡镇/街道, 县, 市, 省) and their 12-digit statistical codes.

A code is province 2 + city 2 + county 2 + township 3 + village 3 digits
(统计用区划代码). The level and the parent follow from the code alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from peewee import CharField

from models import fields, meta

from .base import FieldError, Record, ValidationError, in_slices
from .i18n import N_, _

PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE = "province", "city", "county", "township", "village"
LEVELS = (PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE)
LEVEL_LABELS = {
    PROVINCE: N_("province"),
    CITY: N_("city"),
    COUNTY: N_("county"),
    TOWNSHIP: N_("township"),
    VILLAGE: N_("village/community"),
}

# The kind of a township or village follows from its three digits, as the statistics bureau's rules for
# 统计用区划代码 allot them (国家统计局《统计用区划代码和城乡划分代码编制规则》, see DECISIONS.md):
# township digits 001–099 街道, 100–199 镇, 200–399 乡, 400–599 乡级的政企合一单位等 (farms, development zones);
# village digits 001–199 居委会, 200–399 村委会, 400–499 类似居委会, 500–599 类似村委会.
SUBDISTRICT, TOWN, RURAL_TOWNSHIP, TOWNSHIP_LIKE = "subdistrict", "town", "rural_township", "township_like"
COMMUNITY, RURAL_VILLAGE = "community", "rural_village"
COMMUNITY_LIKE, VILLAGE_LIKE = "community_like", "village_like"
KIND_LABELS = {
    SUBDISTRICT: N_("subdistrict"),  # 街道
    TOWN: N_("town"),  # 镇
    RURAL_TOWNSHIP: N_("township (xiang)"),  # 乡
    TOWNSHIP_LIKE: N_("township-level unit (farm, development zone…)"),  # 政企合一等乡级单位
    COMMUNITY: N_("community"),  # 社区 (居委会)
    RURAL_VILLAGE: N_("village"),  # 村 (村委会)
    COMMUNITY_LIKE: N_("unit like a residents' committee"),  # 类似居委会
    VILLAGE_LIKE: N_("unit like a villagers' committee"),  # 类似村委会
}
# (first code, kind) of each band of the three digits, in order: a code belongs to the last band at or below it.
_TOWNSHIP_BANDS = ((1, SUBDISTRICT), (100, TOWN), (200, RURAL_TOWNSHIP), (400, TOWNSHIP_LIKE))
_VILLAGE_BANDS = ((1, COMMUNITY), (200, RURAL_VILLAGE), (400, COMMUNITY_LIKE), (500, VILLAGE_LIKE))


def _band(digits: str, bands: tuple[tuple[int, str], ...]) -> str:
    number = int(digits)
    return [kind for first, kind in bands if number >= first][-1]


_CODE_RE = re.compile(r"^\d{12}$")
# The provinces of GB/T 2260 (统计用区划代码): the first two digits of every real code.
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
# Where each level's own digits sit in the code.
_SEGMENTS = {PROVINCE: (0, 2), CITY: (2, 4), COUNTY: (4, 6), TOWNSHIP: (6, 9), VILLAGE: (9, 12)}


class CodeInfo(NamedTuple):
    code: str
    level: str
    kind: str | None
    parent: str | None


def normalize_code(text: str) -> str:
    """Codes arrive with spaces, full-width digits or as Excel numbers (4.30121e11)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "")
    if re.fullmatch(r"\d{12}\.0+", text):
        text = text.split(".")[0]
    return text


def code_error(code: str) -> str | None:
    """Why a code is not a valid unit code, or None."""
    if not _CODE_RE.match(code):
        return _("A unit code has exactly 12 digits.")
    if code[:2] == "00":
        return _("A unit code cannot start with 00.")
    if code[:2] not in PROVINCE_CODES:
        return _("A unit code starts with a province code (11 to 82); {digits} is none.").format(digits=code[:2])
    # Once a segment is zero, every lower segment must be zero too.
    seen_zero = False
    for level in LEVELS[1:]:
        start, end = _SEGMENTS[level]
        is_zero = set(code[start:end]) == {"0"}
        if seen_zero and not is_zero:
            return _("A unit code cannot have digits below an all-zero part.")
        seen_zero = seen_zero or is_zero
    return None


def code_info(code: str) -> CodeInfo:
    """Level, kind and parent of a valid code."""
    error = code_error(code)
    if error:
        raise ValueError(error)
    level = PROVINCE
    for candidate in LEVELS[1:]:
        start, end = _SEGMENTS[candidate]
        if set(code[start:end]) != {"0"}:
            level = candidate
    kind = None
    if level == TOWNSHIP:
        kind = _band(code[6:9], _TOWNSHIP_BANDS)
    elif level == VILLAGE:
        kind = _band(code[9:12], _VILLAGE_BANDS)
    parent = None
    if level != PROVINCE:
        start, _end = _SEGMENTS[level]
        parent = code[:start] + "0" * (12 - start)
    return CodeInfo(code, level, kind, parent)


def level_of(code: str) -> str:
    return code_info(code).level


def is_below(code: str, ancestor: str) -> bool:
    """True when ``code`` lies strictly below ``ancestor`` in the hierarchy."""
    info = code_info(ancestor)
    end = _SEGMENTS[info.level][1]
    return code != ancestor and code[:end] == ancestor[:end]


def is_above_village(code: str) -> bool:
    """A township, county, city or province: a unit that gathers the records of units below it."""
    return level_of(code) != VILLAGE


def level_label(code: str) -> str:
    info = code_info(code)
    if info.kind:
        return _(KIND_LABELS[info.kind])
    return _(LEVEL_LABELS[info.level])


class Unit(Record):
    """A unit known to this installation: its own, and those below it."""

    code = CharField(max_length=12, index=True)
    name = CharField(max_length=fields.max_length("unit", "name"))
    level = CharField(max_length=16)
    parent_code = CharField(max_length=12, null=True)

    class Meta:
        table_name = "unit"
        indexes = ((("deleted",), False),)


def validate_unit(code: str, name: str) -> list[FieldError]:
    errors = []
    error = code_error(code)
    if error:
        errors.append(FieldError("code", error))
    name = fields.clean_text("unit", "name", name)
    if not name:
        errors.append(FieldError("name", _("The unit name is required.")))
    else:
        problem = fields.text_problem("unit", "name", name)
        if problem:
            errors.append(FieldError("name", problem))
    return errors


def own_unit() -> Unit | None:
    """This installation's own unit, or None before the first-run setup."""
    code = meta.get(meta.OWN_UNIT)
    if code is None:
        return None
    return Unit.live().where(Unit.code == code).first()


def unit_in_view(own_code: str, text: str) -> Unit:
    """The unit ``text`` names, when it is this installation's own unit or one below it whose records are here.

    Raises ValueError with what is wrong, in the interface language: not a code,
    a unit outside this one's area, or one below it whose package was never imported.
    """
    code = normalize_code(text)
    problem = code_error(code)
    if problem:
        raise ValueError(_("{code}: {problem}").format(code=text, problem=problem))
    if code != own_code and not is_below(code, own_code):
        raise ValueError(
            _("{code} is not this unit ({own}) or a unit below it: forms are printed only for those.").format(
                code=code, own=own_code
            )
        )
    unit = Unit.live().where(Unit.code == code).first()
    if unit is None:
        raise ValueError(
            _(
                "No records of {code} are here: import its package first (on the Submissions page, or main.py import)."
            ).format(code=code)
        )
    return unit


def upsert_unit(code: str, name: str, owner: str) -> Unit:
    """Create or rename the unit with this code (one live row per code).

    A row that another unit reported about itself (it arrived in that unit's
    package) is read-only here: it is returned as it is, never renamed.
    """
    code, name = normalize_code(code), fields.clean_text("unit", "name", name)
    errors = validate_unit(code, name)
    if errors:
        raise ValidationError(errors)
    info = code_info(code)
    unit = Unit.live().where(Unit.code == code).first()
    if unit is None:
        unit = Unit(code=code, unit=owner, level=info.level, parent_code=info.parent)
    elif unit.unit != owner:
        return unit
    unit.name = name
    unit.save()
    return unit


def set_own_unit(code: str, name: str) -> Unit:
    """Set this installation's unit (the first-run wizard and `init`)."""
    from .base import database
    from .exchange.signing import ensure_installation_key

    code = normalize_code(code)
    with database.atomic():
        unit = upsert_unit(code, name, owner=code)
        meta.put(meta.OWN_UNIT, code)
        ensure_installation_key()  # the key pair its packages are signed with
    return unit


def names_of(codes: Iterable[str]) -> dict[str, str]:
    """The names of these units (those in the unit table), one statement per 900 codes."""
    found: dict[str, str] = {}
    for chunk in in_slices(sorted(set(codes))):
        for code, name in Unit.live().where(Unit.code.in_(chunk)).select(Unit.code, Unit.name).tuples():
            found.setdefault(code, name)
    return found


def subtree_prefix(code: str) -> str:
    """The leading digits every code in this unit's subtree shares (a village's is its whole code)."""
    return code[: _SEGMENTS[code_info(code).level][1]]


def units_below(code: str) -> list[Unit]:
    """Live units strictly below this one, ordered by code (a township comes just before its villages)."""
    return list(Unit.live().where(Unit.code.startswith(subtree_prefix(code)) & (Unit.code != code)).order_by(Unit.code))
