TRANSLATIONS = {
    "{name} was born in {month}: the date cannot be before that.": "{name}出生于{month}，日期不能早于出生年月。",
    "{name} has been helped since {date}: the date cannot be before that.": (
        "{name}自{date}起列为帮扶对象，日期不能早于该日。"
    ),
    "{name}'s help ended on {date}: the date cannot be after that.": "{name}的帮扶已于{date}结束，日期不能晚于该日。",
    "{name}: {problem} Remove her from the round first, or keep its start.": (
        "{name}：{problem}请先将她移出本轮，或保留原开始日期。"
    ),
    "The round ends on {date}: no one signs up or is examined after that.": (
        "本轮于{date}结束，此后不能再登记报名或检查。"
    ),
    "The round is of {year}: {date} is not in it.": "本轮为{year}年度，{date}不在其内。",
}
