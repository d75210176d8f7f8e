"""zh_CN for the 报表 page's unit chooser (python tools/translate.py tools/translations/formsunit.py)."""

TRANSLATIONS = {
    "Forms of:": "出表单位：",
    "Whose form to make: this unit's, or one unit's below it (type part of its name or code)": (
        "为哪个单位出表：本单位，或下级的某个单位（可输入名称或代码的一部分查找）"
    ),
    "{unit} · {form}": "{unit} · {form}",
}
