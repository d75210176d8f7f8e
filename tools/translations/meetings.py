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
    "Heading": "小标题",
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
    "Write what the meeting is about (its topics).": "请填写会议议题。",
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
    "Counted on {date} from the records of this federation and of the units below that have reached it.": (
        "以下数据根据本级和已报送的下级单位台账记录统计（统计日期：{date}）。"
    ),
    "Figure": "数量",
    # gui/
    "Meetings and plans": "会议与计划",
    "Untick a member who was absent (Space) and give the reason": "缺席的执委取消勾选（空格键）并填写原因",
    "Edit the meeting of {date}": "编辑{date}的会议",
    "New committee meeting": "新建执委会会议",
    "e.g. 2026-03-02": "例如 2026-03-02",
    "The committee; untick (Space) whoever was absent and type the reason beside her name.": (
        "本届执委；缺席的取消勾选（空格键），并在姓名旁填写缺席原因。"
    ),
    "Tick (Space) the activities, projects and nominations this meeting decided.": (
        "勾选（空格键）本次会议研究决定的活动、项目和推荐评选。"
    ),
    "Decided records": "决定的事项",
    "Members attending": "参会人员",
    "Member (ticked: present)": "执委（勾选为出席）",
    "No activities, projects or nominations recorded yet.": "还没有登记活动、项目或推荐评选。",
    "{present}/{expected}": "{present}/{expected}",
    "Present/expected": "实到/应到",
    "Record a committee meeting (Ctrl+N)": "登记一次执委会会议（Ctrl+N）",
    "Edit the selected meeting (Ctrl+E, Enter or double-click)": "编辑选中的会议（Ctrl+E、回车或双击）",
    "Move the selected meeting to the recycle bin (Delete)": "把选中的会议移到回收站（Delete）",
    "Minutes of the selected meeting (PDF)…": "选中会议的会议记录（PDF）…",
    "Minutes of every meeting of the year (PDF)…": "本年度全部会议记录（PDF）…",
    "Preview and print the minutes of the selected meeting (Ctrl+P); the arrow offers the whole year": (
        "预览并打印选中会议的会议记录（Ctrl+P）；箭头里可打印全年的会议记录"
    ),
    "Show deleted meetings and restore them (Ctrl+Shift+R)": "查看已删除的会议并恢复（Ctrl+Shift+R）",
    "Topics, minutes or decisions": "议题、记录或决定",
    "Select a meeting to see its record.": "选中一次会议，查看会议记录。",
    "No meetings yet": "还没有会议记录",
    "Record each committee meeting: who came, what was decided — New (Ctrl+N)": (
        "每次执委会会议都登记下来：谁参加了、决定了什么——新建（Ctrl+N）"
    ),
    "New meeting": "新建会议",
    "No meeting matches": "没有符合条件的会议",
    "No meeting matches the year and words chosen.": "没有符合所选年份和关键词的会议。",
    "Show all meetings": "显示全部会议",
    "Plan and summary": "年度计划与总结",
    "{n} meeting": "共{n}次会议",
    "Move the meeting of {date} to the recycle bin?": "把{date}的会议移到回收站吗？",
    "Select a meeting first.": "请先选中一次会议。",
    "{n} activities, {people} participants": "{n}次，{people}人次",
    "Document": "文件",
    "Save the plan or summary (Ctrl+S)": "保存计划或总结（Ctrl+S）",
    "Preview and print it as the federation's document (Ctrl+P)": "按妇联文件格式预览并打印（Ctrl+P）",
    "Add heading": "添加标题",
    "Delete…": "删除…",
    "Move this plan or summary to the recycle bin": "把这份计划或总结移到回收站",
    "Move “{title}” to the recycle bin?": "把“{title}”移到回收站吗？",
    "e.g. 2026-12-20": "例如 2026-12-20",
    "The date printed under the federation's name": "落款处印在妇联名称下的日期",
    "Dated": "成文日期",
    "Remove the chosen heading and its text (Delete in the list)": "删除选中的小标题及其正文（在提纲里按Delete）",
    "Headings": "提纲",
    "The text under this heading; each line is a paragraph.": "这个标题下的正文；每行为一段。",
    "Counted from the records; the summary prints them.": "由台账记录统计；打印工作总结时一并印出。",
    "The year in figures": "全年工作数据",
    "Counted from the records of this federation and the units below; the summary prints them.": (
        "由本级和已报送的下级单位台账记录统计；打印工作总结时一并印出。"
    ),
    "Plan": "计划",
    "saved": "已保存",
    "not written yet": "尚未填写",
    "(no heading)": "（无标题）",
    "Remove the heading “{heading}” and its text?": "删除标题“{heading}”及其正文吗？",
    "Save the plan or summary before printing it?": "打印前先保存计划或总结吗？",
}
