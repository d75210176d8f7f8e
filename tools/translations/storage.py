"""zh_CN translations of the messages about storage faults, backups and restore."""

TRANSLATIONS = {
    "The disk is full: {path} could not be written and nothing was saved. "
    "Free some space on the disk (or choose another disk) and try again.": (
        "磁盘已满：无法写入{path}，没有保存任何内容。请腾出磁盘空间（或改用其他磁盘）后重试。"
    ),
    "Writing {path} failed: the disk is full or faulty, and nothing was saved. "
    "Free some space or check the disk, then try again.": (
        "写入{path}失败：磁盘已满或出现故障，没有保存任何内容。请腾出磁盘空间或检查磁盘后重试。"
    ),
    "{path} is in a read-only folder or on a write-protected disk: nothing can be saved there. "
    "Copy the database to a folder you can write to (or remove the write protection) and try again.": (
        "{path}位于只读文件夹或写保护的磁盘上，无法在那里保存任何内容。"
        "请把数据库复制到可以写入的文件夹（或解除写保护）后重试。"
    ),
    "The database {path} is in use by another program or another copy of Fulian Ledger. "
    "Close it and try again; nothing was saved.": (
        "数据库{path}正被其他程序或另一个妇联工作台账窗口使用，没有保存任何内容。请关闭后重试。"
    ),
    "the database": "数据库",
    "{path} must be updated to this version of Fulian Ledger, but it cannot be written "
    "(a read-only folder or disk). Copy it to a folder you can write to and open it there.": (
        "{path}需要升级到本版本的妇联工作台账，但它无法写入（只读文件夹或磁盘）。请把它复制到可以写入的文件夹后在那里打开。"
    ),
    "{path} belongs to no unit (it was never set up); it cannot replace the database of {unit}.": (
        "{path}不属于任何单位（从未设置过本单位），不能用来替换{unit}的数据库。"
    ),
    "{path} is the database of {incoming}, but this installation belongs to {current}. "
    "Only a backup of {current} can be restored here.": (
        "{path}是{incoming}的数据库，而本机安装属于{current}。这里只能恢复{current}的备份。"
    ),
    "{name} ({code})": "{name}（{code}）",
    "The year {year} is out of range: give a year from {first} to {last}.": (
        "年份{year}超出范围：请填写{first}至{last}之间的年份。"
    ),
    "{file}: row {row}, column {column} holds {length} characters; "
    "a cell may hold at most {limit}. Shorten it and import the file again.": (
        "{file}：第{row}行{column}列有{length}个字符，一个单元格最多只能有{limit}个字符。请缩短后重新导入。"
    ),
    "Nothing was saved": "没有保存任何内容",
    "{path} is already open in another window of Fulian Ledger. "
    "Switch to that window (or close it) instead of opening a second one.": (
        "{path}已在另一个妇联工作台账窗口中打开。请切换到那个窗口（或先关闭它），不要再打开第二个。"
    ),
}
