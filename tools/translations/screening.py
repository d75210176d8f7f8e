TRANSLATIONS = {
    "{title} cannot be restored: a round of the same year and name has been entered since.": (
        "{title}无法恢复：之后已录入同一年度、同一名称的检查批次。"
    ),
    "{name} cannot be restored while her round is in the recycle bin: restore the round.": (
        "{name}所在的检查批次在回收站中，无法单独恢复：请先恢复该批次。"
    ),
    "Screening rounds": "“两癌”检查批次",
    "Women of a screening round": "“两癌”检查对象",
    "Not signed up": "未报名",
    "Signed up, not yet examined": "已报名未检查",
    "Examined": "已检查",
    "The birth month is required: the screening is for women of {low} to {high}.": (
        "请填写出生年月：检查对象为{low}至{high}岁妇女。"
    ),
    "She is {age} on {date}; the screening is for women of {low} to {high}.": (
        "她在{date}为{age}岁；检查对象为{low}至{high}岁妇女。"
    ),
    "The year is required.": "请填写年度。",
    "The quota must be a whole number from 0 to {n}.": "名额须为0至{n}的整数。",
    "The round cannot end before it starts.": "结束日期不能早于开始日期。",
    "The date is not near the round's year {year}.": "日期与本批次年度（{year}年）相差太远。",
    "{year} already has a round of this name; give this one another name (e.g. 第二批).": (
        "{year}年已有同名的检查批次；请为本批次另起名称（如“第二批”）。"
    ),
    "A woman was examined on {date}: the round cannot start after that.": (
        "已有妇女于{date}检查，开始日期不能晚于该日。"
    ),
    "She is already on this round's list (same name and birth month).": "本批次名单中已有此人（姓名和出生年月相同）。",
    "The date {date} is in the future.": "日期{date}晚于今天。",
    "{name} has been examined: clear her examination first.": "{name}已检查，请先撤销其检查日期。",
    "{name} was examined on {date}: she signed up on or before that day.": (
        "{name}于{date}检查，报名日期不能晚于检查日期。"
    ),
    "The round starts on {date}: no one is examined before.": "本批次{date}开始，检查日期不能早于开始日期。",
    "{name} signed up on {date}: she is examined on or after that day.": (
        "{name}于{date}报名，检查日期不能早于报名日期。"
    ),
    "{file} has no list of women in its first {n} rows (expected columns such as 姓名, 出生年月 or 身份证号, "
    "村民小组, 户籍, 低保, 联系电话).": (
        "{file}的前{n}行中没有妇女名单的表头（应有姓名、出生年月或身份证号、村民小组、户籍、低保、联系电话等列）。"
    ),
    "The ID number is a man's; the screening is for women.": "该身份证号为男性；检查对象为妇女。",
    "Write 是 or 否, not “{value}”.": "请填写“是”或“否”，而不是“{value}”。",
    "The same woman is also on row {rows}.": "同一人也在第{rows}行。",
    '"Two cancers" screening progress': "“两癌”检查进度表",
    "Week": "周次",
    "Monday to Sunday": "起止日期",
    "Signed up this week": "本周报名",
    "Examined this week": "本周检查",
    "Signed up so far": "累计报名",
    "Examined so far": "累计检查",
    "Share of the quota": "完成率",
    "Quota": "任务名额",
    "Eligible": "适龄妇女",
    "Signed up": "已报名",
    "Examined aged 35–44": "其中35–44岁",
    "Examined aged 45–54": "其中45–54岁",
    "Examined aged 55–64": "其中55–64岁",
    "No one has signed up or been examined yet.": "尚无人报名或检查。",
    "Not reported: {names}": "未报送：{names}",
    "Weeks": "每周进度",
    "Progress of the villages": "各村（社区）进度",
    "There are no villages below this unit.": "本单位下没有村（社区）。",
    "Examined week by week, all units": "各周检查人数（全部单位）",
    "Week by week": "每周进度",
    '"Two cancers" screening sign-up register': "“两癌”检查报名登记表",
    "Birth month": "出生年月",
    "Age": "年龄",
    "Registered here": "本地户籍",
    "Low income": "低保",
    "Signed up on": "报名日期",
    "Examined on": "检查日期",
    "{unit} has no screening round of {year}: enter it on the page 两癌检查 first.": (
        "{unit}没有{year}年的“两癌”检查批次：请先在“两癌检查”页录入。"
    ),
    "Quota {n}": "任务名额{n}人",
    "Eligible {n}": "适龄妇女{n}人",
    "Signed up {n}": "已报名{n}人",
    "Examined {n}": "已检查{n}人",
    "No women have been entered in this round yet.": "本批次尚未录入妇女。",
    "Only the dates are recorded here; no result of an examination is ever written down.": (
        "本表只记录报名和检查日期，不记录任何检查结果。"
    ),
    '"Two cancers" screening': "两癌检查",
    "Edit the round {title}": "修改检查批次 {title}",
    "New screening round": "新建检查批次",
    "Only when the year has more than one, e.g. 第二批.": "同一年度有多个批次时填写，如“第二批”。",
    "The number of women the township gives.": "乡镇（街道）下达的检查人数。",
    "Ages (35 to 64) are counted on this day.": "年龄（35至64岁）按这一天计算。",
    "e.g. 县妇幼保健院": "如：县妇幼保健院",
    "Add a woman to the round": "添加检查对象",
    "Household registered here (户籍在本村)": "户籍在本村（社区）",
    "Receives low-income support (低保)": "低保对象",
    "35 to 64 on {date}.": "{date}时须为35至64岁。",
    "e.g. why she did not take part. Never write a result here.": "如未参加原因。请勿填写检查结果。",
    "Date {n} women signed up": "{n}人的报名日期",
    "Date {n} women were examined": "{n}人的检查日期",
    "Import the women of {round} from Excel": "从Excel导入{round}检查对象",
    "Choose the list of women (.xlsx, .xls, .et, .ods or .csv). The program finds the header row by itself "
    "(姓名, 出生年月 or 身份证号, 村民小组, 户籍, 低保, 联系电话), checks every row and shows you the result before "
    "anything is saved. Only the birth month is taken from an ID number: the number is not kept. If any row has "
    "a problem, nothing is imported.": (
        "请选择妇女名单（.xlsx、.xls、.et、.ods 或 .csv）。程序会自动找到表头（姓名、出生年月或身份证号、村民小组、"
        "户籍、低保、联系电话），逐行检查，并在保存前显示结果。身份证号只用于读取出生年月，号码本身不保存。"
        "只要有一行有问题，就全部不导入。"
    ),
    "Choose a list of women to import": "选择要导入的妇女名单",
    "{n} woman imported.": "已导入{n}人。",
    '"Two cancers" screening sign-up register (PDF)': "“两癌”检查报名登记表（PDF）",
    '"Two cancers" screening sign-up register (Excel)': "“两癌”检查报名登记表（Excel）",
    '"Two cancers" screening progress (PDF)': "“两癌”检查进度表（PDF）",
    '"Two cancers" screening progress (Excel)': "“两癌”检查进度表（Excel）",
    " ({share} of the quota)": "（完成名额的{share}）",
    "Add a woman to the round by hand (Ctrl+N)": "手工添加检查对象（Ctrl+N）",
    "Edit the selected woman (Enter)": "修改选中的检查对象（Enter）",
    "Move the selected women to the recycle bin (Delete)": "把选中的检查对象移到回收站（Delete）",
    "Give the selected women a sign-up date (Ctrl+R)": "为选中的妇女登记报名日期（Ctrl+R）",
    "Give the selected women an examination date (Ctrl+T)": "为选中的妇女登记检查日期（Ctrl+T）",
    "From the roster": "从名册添加",
    "Add the women of 35 to 64 on the members' list": "添加人员名册中35至64岁的妇女",
    "Import the women from Excel (Ctrl+I)": "从Excel导入检查对象（Ctrl+I）",
    "Deleted women and rounds": "已删除的检查对象和批次",
    "Print the sign-up register or the progress (Ctrl+P)": "打印报名登记表或进度表（Ctrl+P）",
    "Delete round": "删除批次",
    "All women": "全部妇女",
    "Name or group": "姓名或村民小组",
    "No screening round for {year} yet — New round (Ctrl+Shift+N) enters the township's quota.": (
        "{year}年还没有“两癌”检查批次——点“新建批次”（Ctrl+Shift+N）录入乡镇下达的名额。"
    ),
    "No women match the filter.": "没有符合筛选条件的妇女。",
    "No women in this round yet — From the roster adds the women of 35 to 64 on the members' list, Import "
    "(Ctrl+I) reads a list from Excel, Add (Ctrl+N) enters one.": (
        "本批次还没有检查对象——“从名册添加”加入人员名册中35至64岁的妇女，“导入”（Ctrl+I）读取Excel名单，"
        "“添加”（Ctrl+N）逐个录入。"
    ),
    "Select the women first (Shift or Ctrl with the arrows or the mouse, Ctrl+A for all).": (
        "请先选中妇女（按住Shift或Ctrl配合方向键或鼠标，Ctrl+A全选）。"
    ),
    "No woman of 35 to 64 on the members' list is missing from this round.": "人员名册中35至64岁的妇女都已在本批次中。",
    "Add {n} woman of 35 to 64 from the members' list to the round?": "把人员名册中{n}名35至64岁的妇女加入本批次？",
    "Move {n} woman to the recycle bin?": "把{n}名检查对象移到回收站？",
    "Move the round {title} and its women to the recycle bin?": "把检查批次{title}及其检查对象移到回收站？",
    'import the women of a "two cancers" screening round from a spreadsheet (all rows or none)': (
        "从表格导入“两癌”检查对象（有一行错则全不导入）"
    ),
    "There is no screening round with the id {id}.": "没有编号为{id}的“两癌”检查批次。",
    "Round name": "批次名称",
    "Starts on": "开始日期",
    "Ends on": "结束日期",
    "Clear the date": "撤销日期",
    "New round": "新建批次",
    "Edit round": "修改批次",
    "Show": "显示",
    "The villages' lists stay in the villages; Print shows their progress from the counts.": (
        "各村（社区）的名单只保存在本村；“打印”中的进度表按各村报送的人数汇总。"
    ),
    "New round (Ctrl+Shift+N)": "新建批次（Ctrl+Shift+N）",
    "Edit round (Ctrl+Shift+R)": "修改批次（Ctrl+Shift+R）",
    "the year of the round": "检查批次的年度",
    "the round's name, when the year has more than one (e.g. 第二批)": "同一年度有多个批次时，批次名称（如“第二批”）",
    "{unit} has no screening round of {year}{name}: enter the round on the page 两癌检查 first.": (
        "{unit}没有{year}年{name}的“两癌”检查批次：请先在“两癌检查”页录入。"
    ),
    "{year} has {n} rounds ({names}): say which with --round NAME.": (
        "{year}年有{n}个批次（{names}）：请用 --round 名称 指定。"
    ),
}
