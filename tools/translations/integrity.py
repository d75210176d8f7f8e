"""zh_CN translations of the integrity-on-open messages: python tools/translate.py tools/translations/integrity.py"""

TRANSLATIONS = {
    "The records could not all be read: {error}": "未能读出全部记录：{error}",
    "The database file {path} is damaged: SQLite found a damaged page while reading it, "
    "and the work was stopped.": "数据库文件 {path} 已损坏：读取时发现了损坏的数据页，操作已停止。",
    "A -wal file beside {path} does not belong to this database, and it could not be set aside: {error}. "
    "The database was not opened, so that the file cannot damage it.": (
        "{path} 旁边的 -wal 文件不属于这个数据库，而且无法把它移到一边：{error}。"
        "为了不让这个文件损坏数据库，没有打开数据库。"
    ),
    "A -wal file beside the database {path} did not belong to it (it was probably copied in from another "
    "copy of the database) and would have damaged it. It was not applied: it was set aside and is kept in "
    "{folder}. Nothing else was changed; the database is as it was last saved here.": (
        "数据库 {path} 旁边的 -wal 文件不属于它（多半是从数据库的另一个副本拷过来的），"
        "使用它会损坏数据库。程序没有使用它，已把它移到一边，保存在 {folder}。"
        "其他内容都没有改动，数据库保持在这台电脑上最后一次保存时的样子。"
    ),
    "A damaged database is not backed up: a copy of it would be damaged too.": (
        "已损坏的数据库不能备份：备份出来的副本同样是损坏的。"
    ),
    "The restored copy failed its integrity check: {problems}": "恢复出的副本未通过完整性检查：{problems}",
    "The database file {path} is damaged: the check made when it was opened found problems. "
    "It is open for reading only, and nothing will be written to it.": (
        "数据库文件 {path} 已损坏：打开时的检查发现了问题。现在只能查看，不会再往里面写入任何内容。"
    ),
    "The database file {path} is damaged and cannot be opened; nothing was written to it.": (
        "数据库文件 {path} 已损坏，无法打开；没有往里面写入任何内容。"
    ),
    "Details: {lines}": "详细信息：{lines}",
    # Two sentences one after the other: Chinese puts no space between them.
    "{first} {second}": "{first}{second}",
    "No good backup was found in {folder}. Do not delete the file: restore a backup you keep elsewhere "
    "(main.py restore), or ask whoever looks after the computer for help.": (
        "在 {folder} 中没有找到完好的备份。请不要删除这个文件：恢复您另外保存的备份（main.py restore），"
        "或请负责这台电脑的人帮忙。"
    ),
    "Restore the latest good backup, {backup}, made {time}: in the program, Settings, "
    'Restore from a backup…; on the command line, main.py restore --db "{path}" --from "{backup}". '
    "The damaged file is kept in the backups folder.": (
        "请恢复最近一份完好的备份 {backup}（{time}备份）：在程序中点“设置”→“从备份恢复…”；"
        '或在命令行运行 main.py restore --db "{path}" --from "{backup}"。损坏的文件会保留在备份文件夹中。'
    ),
    "A file was set aside": "有文件被移到一边",
    "The database is damaged": "数据库已损坏",
    "Restore the latest good backup now? It was made {time} ({name}); what was entered after that is not in it. "
    "The damaged file is kept in {folder}.": (
        "现在恢复最近一份完好的备份吗？它是{time}备份的（{name}），之后录入的内容不在其中。"
        "损坏的文件会保留在 {folder}。"
    ),
    "Restore the backup": "恢复备份",
    "Open for reading only": "以只读方式打开",
    "Damaged: open for reading only": "数据库已损坏：只能查看",
}
