"""zh_CN for the committee's records upward, the cockpit's committee figures and the summary's fourth table."""

TRANSLATIONS = {
    # The committee's field labels (models/fields.py), shown by the package verifier's messages.
    "Head of household": "户主",
    "Women in the household": "家庭妇女成员",
    "Contacted": "联系对象",
    "What was asked": "反映事项",
    "Passed on to": "转交对象",
    "Project name": "项目名称",
    "Need": "需求",
    "How it was answered": "答复办理情况",
    "Chaired by": "主持人",
    "Minutes taken by": "记录人",
    "Topics": "议题",
    "Minutes": "会议记录",
    "Decisions": "会议决定",
    "Reason for absence": "缺席原因",
    "Title": "标题",
    "Heading": "标题",
    "Text": "正文",
    "Nominee": "推荐对象",
    "Family members": "家庭成员",
    "Summary of deeds": "事迹简介",
    "Main story": "主要事迹",
    "Outcome note": "结果说明",
    "Honour": "荣誉称号",
    "Conferred by": "授予单位",
    "Recipient": "获奖者",
    # The package verifier.
    "{file}: {name}, record {uuid}: {column} is {value}, which this version does not know.": (
        "{file}：{name}，记录{uuid}：{column}为{value}，本版本不认识这个值。"
    ),
    # The submission summary's fourth table.
    "Contacts with women": "联系妇女群众次数",
    "Needs found": "收集需求数",
    "Needs answered": "已答复需求数",
    "Share of needs answered": "需求答复率",
    "Nominations": "推荐评选数",
    "Committee": "执委履职",
    "The committee at work ({start} to {end})": "执委履职情况（{start}至{end}）",
    "The committee at work counts the contacts made and the needs found in the period, the needs among them "
    "answered, and the nominations of the period's year.": (
        "执委履职统计期内联系妇女群众的次数和收集的需求数，以及其中已答复的需求数；推荐评选数为该期所在年度的推荐数。"
    ),
    # The cockpit.
    "Committee at work this year": "本年度执委履职",
    "contacts with women": "次联系妇女群众",
    "needs answered": "项需求已答复",
    "members without a contact this month": "名执委本月未联系",
    "nominations": "项推荐评选",
    "{year}: {members} committee members below": "{year}年：下级执委{members}名",
    "Contacts with women this year": "本年度联系妇女群众次数",
    "Open Duties": "打开执委履职",
    "Contacts": "联系次数",
    "Needs found this year": "本年度收集的需求",
    "Answered / found": "已答复/收集",
    "Committee members without a contact this month": "本月未联系妇女群众的执委",
    "Without a contact / members": "未联系/执委数",
    "Nominations this year": "本年度推荐评选",
    "Open Awards": "打开评选表彰",
    # What a package holds, on the receipt, the cover sheet and in the export's result.
    "The committee's work (duties, meetings, plans, awards)": "执委工作（履职、会议、计划总结、评选表彰）",
    "records of members' duties": "条执委履职记录",
    "records of meetings, plans and summaries": "条会议与计划总结记录",
    "nominations and awards": "条评选表彰记录",
    "A committee member's contacts travel as counts only (date, way, member, handling) unless the cadre "
    "let a contact's notes go upward.": "执委联系妇女群众的记录只报送次数（日期、方式、执委、办理情况），"
    "勾选“可报送”的才带走访内容。",
}
