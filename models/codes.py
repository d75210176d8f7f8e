"""Standard code tables: ethnicity (GB/T 3304), education (GB/T 4658),
political status (GB/T 4762), and the program's own code lists (posts,
identity categories).

Records store codes; screens and forms show ``label(code)`` in the interface
language. ``parse`` reads what cadres type in spreadsheets (汉, 汉族, 党员,
大专) back into a code.
"""

from __future__ import annotations

import re
import unicodedata

from .i18n import N_, _, chinese


class CodeTable:
    """An ordered code → English label table, translated when shown."""

    def __init__(
        self,
        name: str,
        entries: list[tuple[str, str]],
        aliases: dict[str, str] | None = None,
        optional_suffix: str = "",
    ):
        self.name = name
        # 汉 and 汉族 both mean Han: the suffix may be left off when typing.
        self.optional_suffix = optional_suffix
        self.entries = dict(entries)
        # Everyday words and abbreviations, normalised, mapped to codes.
        self.aliases = {_norm(k): v for k, v in (aliases or {}).items()}
        self._lookup: dict[str, str] | None = None

    def codes(self) -> list[str]:
        return list(self.entries)

    def label(self, code: str | None) -> str:
        if not code:
            return ""
        english = self.entries.get(code)
        return _(english) if english else code

    def choices(self) -> list[tuple[str, str]]:
        """(code, label) pairs in table order, for combo boxes."""
        return [(code, _(english)) for code, english in self.entries.items()]

    def parse(self, text: str | None) -> str | None:
        """The code for a typed word, or None when nothing matches."""
        if text is None:
            return None
        key = _norm(str(text))
        if not key:
            return None
        if self._lookup is None:
            lookup: dict[str, str] = {}
            for code, english in self.entries.items():
                lookup[_norm(code)] = code
                lookup[_norm(english)] = code
                lookup[_norm(chinese(english))] = code
            lookup.update(self.aliases)
            self._lookup = lookup
        found = self._lookup.get(key)
        if found is None and self.optional_suffix and not key.endswith(self.optional_suffix):
            found = self._lookup.get(key + self.optional_suffix)
        return found


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().lower()
    # 村“两委”女成员, 村"两委"女成员 and 村两委女成员 are the same word.
    return re.sub(r"[\s\"'“”‘’「」『』]+", "", text)


ETHNICITY = CodeTable(
    "ethnicity",
    [
        ("01", N_("Han")),
        ("02", N_("Mongol")),
        ("03", N_("Hui")),
        ("04", N_("Tibetan")),
        ("05", N_("Uyghur")),
        ("06", N_("Miao")),
        ("07", N_("Yi")),
        ("08", N_("Zhuang")),
        ("09", N_("Bouyei")),
        ("10", N_("Korean")),
        ("11", N_("Manchu")),
        ("12", N_("Dong")),
        ("13", N_("Yao")),
        ("14", N_("Bai")),
        ("15", N_("Tujia")),
        ("16", N_("Hani")),
        ("17", N_("Kazakh")),
        ("18", N_("Dai")),
        ("19", N_("Li")),
        ("20", N_("Lisu")),
        ("21", N_("Va")),
        ("22", N_("She")),
        ("23", N_("Gaoshan")),
        ("24", N_("Lahu")),
        ("25", N_("Sui")),
        ("26", N_("Dongxiang")),
        ("27", N_("Naxi")),
        ("28", N_("Jingpo")),
        ("29", N_("Kyrgyz")),
        ("30", N_("Tu")),
        ("31", N_("Daur")),
        ("32", N_("Mulao")),
        ("33", N_("Qiang")),
        ("34", N_("Blang")),
        ("35", N_("Salar")),
        ("36", N_("Maonan")),
        ("37", N_("Gelao")),
        ("38", N_("Xibe")),
        ("39", N_("Achang")),
        ("40", N_("Pumi")),
        ("41", N_("Tajik")),
        ("42", N_("Nu")),
        ("43", N_("Uzbek")),
        ("44", N_("Russian")),
        ("45", N_("Evenki")),
        ("46", N_("De'ang")),
        ("47", N_("Bonan")),
        ("48", N_("Yugur")),
        ("49", N_("Gin")),
        ("50", N_("Tatar")),
        ("51", N_("Derung")),
        ("52", N_("Oroqen")),
        ("53", N_("Hezhen")),
        ("54", N_("Monba")),
        ("55", N_("Lhoba")),
        ("56", N_("Jino")),
        ("97", N_("Other ethnicity")),
        ("98", N_("Naturalised citizen of foreign origin")),
    ],
    # The standard's own Chinese names: spreadsheets are read with these whatever
    # the interface language, so parsing never depends on the translation catalog.
    aliases={
        name: f"{i:02d}"
        for i, name in enumerate(
            (
                "汉族",
                "蒙古族",
                "回族",
                "藏族",
                "维吾尔族",
                "苗族",
                "彝族",
                "壮族",
                "布依族",
                "朝鲜族",
                "满族",
                "侗族",
                "瑶族",
                "白族",
                "土家族",
                "哈尼族",
                "哈萨克族",
                "傣族",
                "黎族",
                "傈僳族",
                "佤族",
                "畲族",
                "高山族",
                "拉祜族",
                "水族",
                "东乡族",
                "纳西族",
                "景颇族",
                "柯尔克孜族",
                "土族",
                "达斡尔族",
                "仫佬族",
                "羌族",
                "布朗族",
                "撒拉族",
                "毛南族",
                "仡佬族",
                "锡伯族",
                "阿昌族",
                "普米族",
                "塔吉克族",
                "怒族",
                "乌孜别克族",
                "俄罗斯族",
                "鄂温克族",
                "德昂族",
                "保安族",
                "裕固族",
                "京族",
                "塔塔尔族",
                "独龙族",
                "鄂伦春族",
                "赫哲族",
                "门巴族",
                "珞巴族",
                "基诺族",
            ),
            start=1,
        )
    }
    | {"其他": "97", "外国血统中国籍人士": "98", "外国血统": "98"},
    optional_suffix="族",
)
HAN = "01"

# Top-level GB/T 4658-2006 categories: rosters record the highest level reached.
EDUCATION = CodeTable(
    "education",
    [
        ("10", N_("Postgraduate")),
        ("20", N_("Bachelor's degree")),
        ("30", N_("Junior college")),
        ("40", N_("Secondary vocational school")),
        ("60", N_("Senior high school")),
        ("70", N_("Junior high school")),
        ("80", N_("Primary school")),
        ("90", N_("Other education")),
    ],
    aliases={
        "研究生": "10",
        "博士": "10",
        "硕士": "10",
        "博士研究生": "10",
        "硕士研究生": "10",
        "本科": "20",
        "大学": "20",
        "大学本科": "20",
        "大本": "20",
        "大专": "30",
        "专科": "30",
        "大学专科": "30",
        "高职": "30",
        "中专": "40",
        "中技": "40",
        "技校": "40",
        "职高": "40",
        "中职": "40",
        "技工学校": "40",
        "高中": "60",
        "普高": "60",
        "高中毕业": "60",
        "初中": "70",
        "初中毕业": "70",
        "初级中学": "70",
        "小学": "80",
        "小学毕业": "80",
        "文盲": "90",
        "半文盲": "90",
        "其他": "90",
        "无": "90",
    },
)
# Bands used by the composition statistics (DOMAIN.md): 大专及以上, 高中/中专, 初中及以下.
EDUCATION_BANDS = {
    "college_or_above": ("10", "20", "30"),
    "high_school": ("40", "60"),
    "junior_or_below": ("70", "80", "90"),
}

POLITICAL = CodeTable(
    "political",
    [
        ("01", N_("CPC member")),
        ("02", N_("CPC probationary member")),
        ("03", N_("Communist Youth League member")),
        ("04", N_("RCCK member")),
        ("05", N_("CDL member")),
        ("06", N_("CNDCA member")),
        ("07", N_("CAPD member")),
        ("08", N_("CPWDP member")),
        ("09", N_("CZGP member")),
        ("10", N_("Jiusan Society member")),
        ("11", N_("TDSL member")),
        ("12", N_("Non-partisan")),
        ("13", N_("Ordinary citizen")),
    ],
    aliases={
        "党员": "01",
        "中共党员": "01",
        "共产党员": "01",
        "中国共产党党员": "01",
        "预备党员": "02",
        "中共预备党员": "02",
        "团员": "03",
        "共青团员": "03",
        "中国共产主义青年团团员": "03",
        "民革": "04",
        "民盟": "05",
        "民建": "06",
        "民进": "07",
        "农工党": "08",
        "致公党": "09",
        "九三学社": "10",
        "台盟": "11",
        "无党派": "12",
        "无党派人士": "12",
        "群众": "13",
        "无": "13",
    },
)
CPC_MEMBER_CODES = ("01", "02")

# Posts in the federation (职务). The election issue fills these from results.
POST = CodeTable(
    "post",
    [
        ("chair", N_("Chair")),
        ("vice_chair", N_("Vice-chair")),
        ("attached_vice_chair", N_("Attached vice-chair")),
        ("executive", N_("Executive member")),
        ("backbone", N_("Women's backbone")),
    ],
    aliases={
        "主席": "chair",
        "妇联主席": "chair",
        "副主席": "vice_chair",
        "兼职副主席": "vice_chair",
        "专职副主席": "vice_chair",
        "挂职副主席": "attached_vice_chair",
        "执委": "executive",
        "执行委员": "executive",
        "委员": "executive",
        "骨干": "backbone",
        "妇女骨干": "backbone",
    },
)
COMMITTEE_POSTS = ("chair", "vice_chair", "attached_vice_chair", "executive")

IDENTITY = CodeTable(
    "identity",
    [
        ("two_committees", N_("Woman member of the village two committees")),
        ("supervisory", N_("Village affairs supervisory committee member")),
        ("villager_rep", N_("Villagers' representative")),
        ("wealth_leader", N_("Woman leader in getting rich / skilled woman")),
        ("coop_head", N_("Head of a cooperative or enterprise")),
        ("e_commerce", N_("E-commerce, homestay or returning entrepreneur")),
        ("volunteer", N_("Women's volunteer")),
        ("arts", N_("Arts and culture backbone")),
        ("teacher", N_("Teacher")),
        ("medical", N_("Medical worker")),
        ("station_staff", N_("Staff of a local station or office")),
        ("other", N_("Other identity")),
    ],
    aliases={
        "村两委女成员": "two_committees",
        "两委成员": "two_committees",
        "两委": "two_committees",
        "村务监督委员": "supervisory",
        "监督委员": "supervisory",
        "村民代表": "villager_rep",
        "居民代表": "villager_rep",
        "女致富带头人": "wealth_leader",
        "女能手": "wealth_leader",
        "致富带头人": "wealth_leader",
        "女致富带头人/女能手": "wealth_leader",
        "合作社负责人": "coop_head",
        "企业负责人": "coop_head",
        "合作社/企业负责人": "coop_head",
        "电商": "e_commerce",
        "民宿": "e_commerce",
        "返乡创业女性": "e_commerce",
        "返乡创业": "e_commerce",
        "电商/民宿/返乡创业女性": "e_commerce",
        "巾帼志愿者": "volunteer",
        "志愿者": "volunteer",
        "文艺骨干": "arts",
        "教师": "teacher",
        "医务人员": "medical",
        "医生": "medical",
        "站所工作人员": "station_staff",
        "其他": "other",
    },
)

SEX = CodeTable("sex", [("F", N_("Female")), ("M", N_("Male"))], aliases={"女": "F", "男": "M", "f": "F", "m": "M"})
