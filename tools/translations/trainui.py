"""Chinese for the training screens' new and changed words, to be merged into the zh_CN catalog.

Keys are the English msgids exactly as the code writes them.
"""

TRANSLATIONS = {
    # 现场签到 (gui/training/tick_off.py)
    "Type a name, its pinyin or its initials above: the attendees who match are listed here.": (
        "在上方输入姓名、拼音或首字母，匹配的参训人员会列在这里。"
    ),
    "No one on the list matches “{text}”. Press Enter to add her as a walk-in.": (
        "名单中没有与“{text}”匹配的人。按回车键可作为临时参加人员添加。"
    ),
    "Not signed in yet: {n} · on leave: {m}": "尚未签到：{n}人 · 请假：{m}人",
    # 新建培训 (gui/training/training_dialog.py)
    "Fill in the days above: each day's morning and afternoon are listed here.": (
        "请先在上方填写培训日期，每天的上午和下午会列在这里。"
    ),
    "Tick every half day again": "重新勾选全部半天",
    # Placeholders naming the Enter key: in Chinese 回车键.
    "Type a name, pinyin or initials, then Enter": "输入姓名、拼音或首字母，再按回车键",
    "Name, pinyin or initials — Enter adds, ↑↓ choose, Shift+↓ several": (
        "姓名、拼音或首字母——按回车键添加，↑↓选择，Shift+↓多选"
    ),
}
