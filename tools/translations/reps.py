"""zh_CN for the women's representatives (妇女代表名册) and the candidates' public notice: python tools/translate.py
tools/translations/reps.py, after python tools/update_catalog.py."""

TRANSLATIONS = {
    "Add to the list": "加入名册",
    "Set the number entitled:": "调整应到人数：",
    "Entitled to attend: {entitled} (list of representatives: {count})": "应到：{entitled}（代表名册{count}人）",
    "If you have any opinion during the notice period, please tell {whom} in person, by letter or by phone. "
    "Phone: {gap}": "公示期间如有意见，请以来访、来信或来电等方式向{whom}反映。联系电话：{gap}",
    "Import from people": "从人员名单导入",
    "Import from people…": "从人员名单导入…",
    "List of women's representatives": "妇女代表名册",
    "List of women's representatives (public notice)": "妇女代表名册（公示）",
    "List of women's representatives…": "妇女代表名册…",
    "Move down": "下移",
    "Move up": "上移",
    "No list of representatives yet.": "尚未录入妇女代表名册。",
    "No women's representatives have been listed for this election yet.": "本次选举尚未录入妇女代表。",
    "Nobody has been entered on the people page yet.": "人员名单中还没有人员。",
    "Notice period": "公示时间",
    "Person": "对应人员",
    "Public notice of the candidates": "候选人名单公示",
    "Say why, for the township that reviews the list.": "请写明原因，供乡镇（街道）妇联审核名册时查看。",
    "Search by name or pinyin": "按姓名或拼音查找",
    "The election {title} has no candidates for the executive committee yet; add them to its vote first.": (
        "选举“{title}”尚未录入执行委员会委员候选人，请先在选举中录入候选人。"
    ),
    "The following {n} candidates for {seats} seats have been reviewed and are published "
    "(in surname stroke order):": "经审查，现将执行委员会委员候选人{n}名（应选{seats}名）予以公示（按姓氏笔画排序）：",
    "The number entitled ({entitled}) differs from the {count} representatives on the list: "
    "give the reason, or make them the same.": (
        "应到人数（{entitled}）与名册人数（{count}）不一致：请填写原因，或改为一致。"
    ),
    "The number entitled ({entitled}) differs from the {count} women's representatives listed; "
    "correct it, or give the reason in the list of women's representatives.": (
        "应到人数（{entitled}）与妇女代表名册人数（{count}）不一致：请改正，或在妇女代表名册中填写原因。"
    ),
    "The number entitled to attend follows the list; another number needs a reason.": (
        "应到人数按代表名册人数计算；如填写其他人数，须说明原因。"
    ),
    "The person record this representative is; linked by name when saved.": (
        "该代表在人员名单中的记录；保存时按姓名自动关联。"
    ),
    "Villagers' group (grid)": "村民小组（网格）",
    "Villagers' group or grid": "村民小组或网格",
    "Why the number entitled differs from the list": "应到人数与代表名册不一致的原因",
    "Women's representatives": "妇女代表",
    "Women's representatives — {election}": "妇女代表名册 — {election}",
    "the city women's federation": "市妇联",
    "the county women's federation": "县妇联",
    "the provincial women's federation": "省妇联",
    "the township (subdistrict) women's federation": "乡镇（街道）妇联",
    "{federation} or {above}": "{federation}或{above}",
    "{federation} {term}candidates for the {elects}: public notice": "{federation}{term}{elects}候选人名单公示",
    "{gap}to{gap}": "{gap}至{gap}",
    "{name} is already on the list in row {row}; remove one.": "{name}已在第{row}行，请删去其中一行。",
    "{n} listed; entitled to attend: {entitled}": "名册{n}人，应到{entitled}人",
    "{n} representatives in all.": "共{n}人。",
    "{n} representatives in all; entitled to attend: {entitled}{reason}.": "共{n}人，应到{entitled}人{reason}。",
}
