"""zh_CN for the strings of the forms that follow the unit's level (merged by tools/translate.py)."""

TRANSLATIONS = {
    "Opinion of the county women's federation:": "县妇联意见：",
    "Opinion of the city women's federation:": "市妇联意见：",
    "Opinion of the provincial women's federation:": "省妇联意见：",
    "Opinion of the Party organisation at the same level:": "同级党组织意见：",
    "{township} subtotal": "{township}小计",
    "Year {year}, the ledgers of the units below": "{year}年度 下级单位台账汇总",
    "No activity of the units below {unit} in {year} has been entered or imported yet.": (
        "{unit}下级单位{year}年尚无录入或导入的活动。"
    ),
    "{unit} has no activity of its own in {year}: the record sheets of the units below are kept in their "
    "ledgers. Print the activity statistics or the ledger for a summary of them.": (
        "{unit}{year}年没有本级活动：下级单位的活动记录表在其台账中。如需汇总，请打印活动统计表或活动台账。"
    ),
    "{done} of {units} reported": "已报送{done}/{units}",
    "Nobody has been entered for {unit} itself. The rosters of the units below are printed for each of them; "
    "the election composition statistics total their committees.": (
        "尚未录入{unit}本级人员。下级单位的名册请分别选择该单位打印；换届情况统计表汇总了它们的执委会。"
    ),
}
