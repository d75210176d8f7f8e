"""zh_CN translations of the words added to the printed forms (python tools/translate.py this file)."""

TRANSLATIONS = {
    "{title} (continued)": "{title}（续表）",
    "Reporting period: {name} ({start} to {end}, deadline {deadline})": "报送期：{name}（{start}至{end}，截止日期{deadline}）",
    "No committee members have been entered yet.": "还没有录入执委会成员。",
    "No women's backbones have been entered yet.": "还没有录入妇女骨干。",
    "Photos attached to records (a photo on two records counts twice)": "照片（按所附记录计，同一照片附于两条记录计两次）",
    "Photo files (each photo once)": "照片文件（每张照片计一次）",
    "Start time": "开始时间",
    "End time": "结束时间",
    "Trainees on the list": "应到人数",
    "Expected (person-sessions)": "应到人次",
    "Present (person-sessions)": "实到人次",
    "Absent (person-sessions)": "缺席",
    (
        "Present (people): attendees who came to at least one session. A person-session is one attendee "
        "at one session: expected = present (late included) + on leave + absent, where an attendee not "
        "marked counts as absent. Attendance rate = person-sessions present ÷ person-sessions expected."
    ): (
        "实到人数：至少参加一场的学员人数。人次：每名学员每参加一场计一人次；应到人次＝实到人次（含迟到）＋请假＋缺席，"
        "未标记的按缺席计。出勤率＝实到人次÷应到人次。"
    ),
}
