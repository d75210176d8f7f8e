"""zh_CN translations of the strings added with printing-form progress, restore and frame changes."""

TRANSLATIONS = {
    "Restoring…": "正在恢复…",
    "Forms": "报表",
}
