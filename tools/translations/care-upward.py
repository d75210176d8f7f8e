TRANSLATIONS = {
    "no report for {month}": "{month}未报",
    "none this month": "本月无纠纷（零报告）",
    "disputes reported": "报有纠纷",
    "Rights and care (monthly reports and counts)": "维权关爱（月报与统计数）",
    "{file}: {name}, record {uuid}: {column} is {value}, which is not a month or a year.": (
        "{file}：{name}，记录{uuid}：{column}为{value}，不是月份也不是年份。"
    ),
    "These records name parties to family disputes, children and women's health. Type the start-up "
    "password to show them; they stay shown until the program is locked or closed.": (
        "这些记录涉及婚姻家庭纠纷当事人、儿童和妇女健康信息。请输入启动密码后查看；程序锁定或关闭前一直显示。"
    ),
    "&Show the records…": "查看记录…",
    "These records are protected. Type the password to show them.": "这些记录受密码保护。请输入密码后查看。",
    "Family dispute reports this month": "本月婚姻家庭纠纷排查月报",
    "sent this month's report": "本月已报",
    "not reported this month": "本月未报",
    "of them none this month": "其中零报告",
    "{month}: {units} villages below": "{month}：下级村（社区）{units}个",
    "Villages without this month's dispute report": "本月未报纠纷排查月报的村（社区）",
    "Villages that sent this month's dispute report": "本月已报纠纷排查月报的村（社区）",
    "Open Disputes and visits": "打开纠纷与信访",
    "Dispute report": "纠纷月报",
    "monthly reports and counts of rights and care": "条维权关爱月报与统计数",
}
