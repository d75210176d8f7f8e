"""zh_CN translations of the strings added for encrypting the backups made before the password (branch oldbackups)."""

TRANSLATIONS = {
    "The ID numbers in the older backups in the backups folder were encrypted too ({n} files).": (
        "备份文件夹中设置密码之前的备份，其中的身份证号也已一并加密（{n} 个文件）。"
    ),
    "{name}: {reason}": "{name}：{reason}",
    "{n} backups could not be encrypted and still hold ID numbers in clear; delete them once you "
    "no longer need them ({reasons}).": (
        "有 {n} 个备份没能加密，其中的身份证号仍是明文，不再需要时请删除（{reasons}）。"
    ),
    "Backups of other units were left as they are ({n} files).": "其他单位的备份未作改动（{n} 个文件）。",
    "a journal lies beside it (another program may have it open)": "旁边有日志文件（可能有别的程序正打开它）",
    "it cannot be read": "无法读取",
    "it was written by a newer version of Fulian Ledger": "它是较新版本的妇联工作台账写的",
    "it is damaged": "文件已损坏",
    "it is encrypted under an earlier password, yet holds numbers in clear": "它已用以前的密码加密，却仍有明文身份证号",
    "it is damaged or not a database": "文件已损坏，或不是数据库",
    "the file is write-protected": "文件设为只读",
    "some ID numbers stayed in clear": "有身份证号仍是明文",
    "the encrypted copy failed its integrity check": "加密后的副本没有通过完整性检查",
    "the disk is full": "磁盘已满",
    "the file or folder cannot be written": "文件或文件夹无法写入",
    "another program has it open": "别的程序正打开它",
    "it holds an encrypted ID number that cannot be read": "其中有无法读取的加密身份证号",
    "it could not be rewritten ({error})": "无法重写（{error}）",
}
