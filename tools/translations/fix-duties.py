"""Chinese for the messages of the members' duties' corrections."""

TRANSLATIONS = {
    "The household was linked until {date}: the new link cannot start before.": (
        "该户的联系到{date}为止，新的联系不能早于这一天开始。"
    ),
    "{name}'s household is already on the list; edit it there instead of importing it again.": (
        "{name}户已在联系户名单中，请在名单中修改，不要重复导入。"
    ),
    "The same household is also on row {rows}.": "同一户也在第{rows}行。",
    "{name} (no longer on the committee)": "{name}（已不是执委）",
    "{name} (deleted)": "{name}（已删除）",
    "{n} need found {days} days ago or more is still without an answer.": "有{n}条需求登记已满{days}天，仍未回应。",
    "{n} household is linked to someone no longer on the committee: link it to a member.": (
        "有{n}户的联系人已不是执委，请改由现任执委联系。"
    ),
}
