"""Chinese for the page and dialog layout fixes: python tools/translate.py tools/translations/pageui.py"""

TRANSLATIONS = {
    # Buttons that take an item out of a list: not 取消, the dialogs' Cancel.
    "Remove year": "移除",
    "Remove name": "移除",
    "Remove photo": "移除",
    # Existing placeholders: the key is 回车键, not "Enter".
    "Name, pinyin or initials, then Enter": "输入姓名、拼音或首字母，再按回车键",
    "Type a name, pinyin or initials, then Enter": "输入姓名、拼音或首字母，再按回车键",
}
