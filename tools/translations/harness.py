"""zh_CN translations of the backup list's words."""

TRANSLATIONS = {
    "daily": "每日",
    "before an update": "更新前",
    "before a restore": "恢复前",
    "before an import": "导入前",
    "by hand": "手动",
    "damaged or unreadable": "已损坏或无法读取",
    "no unit": "未设置单位",
    "{size} KB": "{size} KB",
    "{size} MB": "{size} MB",
    "Made": "备份时间",
    "Made by": "备份原因",
    "Unit": "单位",
    "Size": "大小",
    "Restore this backup…": "恢复此备份…",
    "Backups beside the database": "数据库旁的备份",
    "Kept in {folder}.": "保存在 {folder}。",
    "There are no backups in {folder} yet; the program makes one each day.": (
        "{folder} 中还没有备份；程序每天会自动备份一次。"
    ),
}
