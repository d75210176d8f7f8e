"""Chinese of recording attendance from read sign-in sheets: a mark confirmed both ways refused, the spare rows
signed without a name shown, each spare row typed in or skipped."""

TRANSLATIONS = {
    # models/paper/attendance.py
    "{name} is confirmed both present and absent at {session}.": "{name}在{session}既确认为实到，又确认为缺勤。",
    # gui/paper/signin_dialog.py
    "Type the name from the signature": "照签名输入姓名",
    "Not a walk-in: the row is not added": "不是现场加入的人员：此行不添加",
    "Unclear: tick it if she signed, untick it if not": "看不清：签了名请勾选，没签请取消勾选",
    "Skip": "跳过",
    "Spare rows with a name or a signature on them. Type each name from its picture (from the signature when "
    "no name was written) and tick the sessions she signed, or tick Skip for a row that is not a walk-in. "
    "Every row must be typed or skipped before saving.": "空白行上写了姓名或签了名的人员：请照图像输入每人的"
    "姓名（没写姓名的，照签名输入），并勾选她签到的场次；不是现场加入人员的行请勾选“跳过”。保存前每一行都须"
    "输入姓名或跳过。",
    "No name written": "未写姓名",
    "Nothing was written or signed on the spare rows of the pages read.": "读到的签到表空白行上没有写姓名，"
    "也没有签名。",
    "{n} spare row still to type in or skip": "还有 {n} 个空白行待输入姓名或跳过",
    "{n} spare row has a name or a signature on it: type the name from its picture, or tick Skip, then save.": (
        "有 {n} 个空白行写了姓名或签了名：请照图像输入姓名，或勾选“跳过”，然后再保存。"
    ),
    "{n} signature of a walk-in is unclear: tick the session if she signed, untick it if not, then save.": (
        "现场加入人员有 {n} 处签名看不清：签了名的场次请勾选，没签的请取消勾选，然后再保存。"
    ),
}
