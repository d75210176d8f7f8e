"""zh_CN for the strings of the forms that follow the unit's level (merged by tools/translate.py)."""

TRANSLATIONS = {
    "Opinion of the county women's federation:": "县妇联意见：",
    "Opinion of the city women's federation:": "市妇联意见：",
    "Opinion of the provincial women's federation:": "省妇联意见：",
    "Opinion of the Party organisation at the same level:": "同级党组织意见：",
}
