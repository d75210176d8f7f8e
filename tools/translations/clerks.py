"""Chinese for the messages of several clerks at once: who imported, who changed, --clerk."""

TRANSLATIONS = {
    "Imported by": "导入人",
    "imported by {clerk}": "导入人：{clerk}",
    "the clerk's name recorded with what this changes (default: the operating-system user)": (
        "随本次修改记录的经办人姓名（默认：操作系统用户名）"
    ),
}
