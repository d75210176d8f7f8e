"""zh_CN translations of the words added to the printed forms (python tools/translate.py this file)."""

TRANSLATIONS = {
    "{title} (continued)": "{title}（续表）",
    "Reporting period: {name} ({start} to {end}, deadline {deadline})": "报送期：{name}（{start}至{end}，截止日期{deadline}）",
    "Women's backbones": "妇女骨干",
    "No committee members have been entered yet.": "还没有录入执委会成员。",
    "No women's backbones have been entered yet.": "还没有录入妇女骨干。",
}
