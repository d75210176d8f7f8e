"""zh_CN translations of the messages about integrity on open (foreign WAL, damaged database)."""

TRANSLATIONS = {
    "The database {path} is damaged and cannot be opened ({error}); nothing was written to it.": (
        "数据库 {path} 已损坏，无法打开（{error}）；没有向它写入任何内容。"
    ),
    "The database {path} is damaged (SQLite's integrity check failed: {problem}). "
    "It was opened for reading only and nothing will be written to it.": (
        "数据库 {path} 已损坏（SQLite 完整性检查未通过：{problem}）。它已以只读方式打开，不会再向它写入任何内容。"
    ),
    "Restore the latest good backup, {backup} (in the program: Settings, Restore from a backup…; "
    'on the command line: main.py restore --db "{path}" --from "{backup}").': (
        "请恢复最近一份完好的备份 {backup}（在程序中：设置 → 从备份恢复…；"
        '命令行：main.py restore --db "{path}" --from "{backup}"）。'
    ),
    "No good backup was found in {folder}. Keep a copy of the file as it is and restore a backup "
    "you keep elsewhere (main.py restore).": (
        "在 {folder} 中没有找到完好的备份。请把这个文件原样另存一份，再恢复您保存在别处的备份（main.py restore）。"
    ),
    "A -wal file beside {path} was not written by this database (it was probably copied here from another "
    "copy of it), so it was not applied and was set aside as {aside}. The database is as it was last saved "
    "here; if saves are missing, restore them with the program's backup of the other copy.": (
        "{path} 旁边的 -wal 文件不是这个数据库写下的（可能是从另一份副本拷过来的），因此没有应用它，"
        "已改名为 {aside} 放在一边。数据库保持在本机最后一次保存时的样子；如有保存的内容缺失，"
        "请用另一份副本的程序备份来恢复。"
    ),
    "A file was set aside": "有一个文件被放到了一边",
    "The database is damaged": "数据库已损坏",
    "Restore the latest good backup, {backup}, now? The damaged database is kept in the backups folder.": (
        "现在恢复最近一份完好的备份 {backup} 吗？损坏的数据库会保留在备份文件夹中。"
    ),
    "The records could not all be read: {error}": "有些记录无法读取：{error}",
}
