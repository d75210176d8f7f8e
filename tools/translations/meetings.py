"""Chinese for the meetings and the yearly plan and summary: python tools/translate.py THIS_FILE."""

TRANSLATIONS = {
    # fields
    "Chaired by": "主持人",
    "Minutes taken by": "记录人",
    "Topics": "议题",
    "Minutes": "会议记录",
    "Decisions": "会议决定",
    "Reason for absence": "缺席原因",
    "Title": "标题",
    "Heading": "标题",
    "Text": "正文",
    # models/meetings.py
    "Committee meeting": "执委会会议",
    "Enlarged committee meeting": "执委扩大会议",
    "Other meeting": "其他会议",
    "Women's Home activity": "妇女之家活动",
    "Project led by a member": "执委领办项目",
    "Nomination": "推荐评选",
    "The meeting is more than a year ahead; check the date.": "会议日期在一年以后，请核对日期。",
    "Choose the kind of meeting.": "请选择会议类别。",
    "{name} is not a member of this federation any more.": "{name}已不是本妇联的成员。",
    "Every attendee needs a name.": "每位参会人员都要有姓名。",
    "{name} is listed twice.": "{name}列了两次。",
    "{name} is marked absent: give the reason for the absence.": "{name}标为缺席，请填写缺席原因。",
    "List the committee members expected at the meeting.": "请列出应参加会议的执委。",
    "No one is marked present.": "没有人标为出席。",
    "Unknown kind of record {code}.": "未知的记录类别{code}。",
    "{n} linked {kind} record is deleted or not of this federation; remove the link.": (
        "有{n}条关联的{kind}记录已删除或不属于本妇联，请去掉这些关联。"
    ),
    "(deleted record)": "（记录已删除）",
    # models/recycle_bin.py
    "{title} cannot be restored: the {kind} of {year} has been written again since.": (
        "{title}不能恢复：{year}年的{kind}已重新填写。"
    ),
    "Committee meetings": "执委会会议",
    "Plans and summaries": "计划与总结",
    "Written on": "成文日期",
    # models/year_documents.py
    "Work plan": "工作计划",
    "Work summary": "工作总结",
    "Guiding thought": "指导思想",
    "Work objectives": "工作目标",
    "Main tasks": "主要任务",
    "Safeguards": "保障措施",
    "Basic situation": "基本情况",
    "Main work and results": "主要工作和成效",
    "Problems and shortcomings": "存在的问题和不足",
    "Plans for next year": "下一年工作打算",
    "{unit} Women's Federation work plan for {year}": "{unit}妇联{year}年工作计划",
    "{unit} Women's Federation work summary for {year}": "{unit}妇联{year}年工作总结",
    "Choose the year.": "请选择年份。",
    "Choose a plan or a summary.": "请选择工作计划或工作总结。",
    "The title is required.": "请填写标题。",
    "This text needs a heading.": "这段正文需要一个标题。",
    "Write at least one heading.": "请至少写一个标题。",
    "At most {n} headings.": "最多{n}个标题。",
    # forms/minutes.py
    "Minutes of the committee meeting": "执委会会议记录",
    "There is no meeting {id} of this unit in this database.": "本数据库中没有本单位编号为{id}的会议。",
    "Minutes of the {kind}": "{kind}记录",
    "Absent, and why": "缺席及原因",
    "Attended by": "出席人员",
    "None": "无",
    "(not recorded)": "（未记录）",
    "What the meeting decided": "会议决定的事项",
    "Chair (signature)": "主持人（签字）",
    "Minutes-taker (signature)": "记录人（签字）",
    "{unit} has no committee meeting recorded in {year}; record one on the Meetings and plans page first.": (
        "{unit}{year}年没有登记执委会会议，请先在“会议与计划”页登记。"
    ),
    # forms/year_document.py
    "Annual work plan": "年度工作计划",
    "Annual work summary": "年度工作总结",
    "{unit} has no work plan for {year}; write it on the Meetings and plans page first.": (
        "{unit}还没有{year}年工作计划，请先在“会议与计划”页填写。"
    ),
    "{unit} has no work summary for {year}; write it on the Meetings and plans page first.": (
        "{unit}还没有{year}年工作总结，请先在“会议与计划”页填写。"
    ),
    "Category of activity": "活动类别",
    "People on the trainings' lists": "参训人数",
    "Half-day sessions attended (person-times)": "出勤人次（半天）",
    "Contacts with women and households": "联系妇女群众（次）",
    "of which home visits": "其中：入户走访（次）",
    "Households contacted": "联系户数",
    "Needs found": "收集需求（条）",
    "Needs answered": "已回应需求（条）",
    "Needs still open": "待办需求（条）",
    "Committee meetings held": "召开执委会会议（次）",
    "The year's work in figures": "全年工作数据",
    "Counted from the records of the ledger on {date}.": "以下数据根据台账记录统计（统计日期：{date}）。",
    "Trainings held (courses)": "举办培训（期）",
    "Figure": "数量",
}
