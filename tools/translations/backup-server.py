"""Chinese for the messages of backups on a PostgreSQL server (models/server_backup.py) and --db's help."""

TRANSLATIONS = {
    "Backing up or restoring a database on a server needs the PostgreSQL client tools ({dump} and "
    "{restore}), which are not installed on this PC. Install the PostgreSQL client tools of the "
    "server's version, or ask whoever runs the office's server to back it up or restore it. "
    "The server's own backups go on regardless.": (
        "备份或恢复服务器上的数据库需要 PostgreSQL 客户端工具（{dump}和{restore}），本机没有安装。"
        "请安装与服务器同一版本的 PostgreSQL 客户端工具，或请管理办公室服务器的人员备份或恢复。"
        "服务器自己的备份不受影响，照常进行。"
    ),
    "The PostgreSQL client tools on this PC are older than the server {url} or than the backup: "
    "install the client tools of the server's version (or newer) and try again. "
    "Nothing was changed.": (
        "本机的 PostgreSQL 客户端工具比服务器{url}或备份的版本旧：请安装与服务器同一版本（或更新）的"
        "客户端工具后重试。没有做任何更改。"
    ),
    "The database server {url} could not be reached. Check the network and that the server is running, "
    "then try again. Nothing was changed.": (
        "无法连接数据库服务器{url}。请检查网络和服务器是否在运行，然后重试。没有做任何更改。"
    ),
    "The PostgreSQL client tools reported: {error}": "PostgreSQL 客户端工具报告：{error}",
    "The backup {path} could not be read back: {error}": "备份{path}写好后无法读回：{error}",
    "The backup {path} could not be written ({error}). Choose another folder and try again.": (
        "无法写入备份{path}（{error}）。请选择其他文件夹后重试。"
    ),
    "{path} is not a complete backup of a Fulian Ledger database on a server (a {dump} archive): "
    "it is another kind of file, or it was cut short. Nothing was changed. ({error})": (
        "{path}不是服务器上妇联工作台账数据库的完整备份（{dump}备份文件）：它是别的文件，或者不完整。"
        "没有做任何更改。（{error}）"
    ),
    "{count} other connection to the database {url} is open (another clerk's Fulian Ledger). "
    "Ask the other clerks to close Fulian Ledger, then restore again. Nothing was changed.": (
        "数据库{url}还有{count}个其他连接（其他工作人员的妇联工作台账）。"
        "请其他工作人员关闭妇联工作台账，然后再恢复。没有做任何更改。"
    ),
    "{error} The database may be incomplete: restore the copy kept before, {path}.": (
        "{error}数据库可能不完整：请恢复此前保存的副本{path}。"
    ),
    "The backup {path} does not hold the tables of a Fulian Ledger database: {url} has none.": (
        "备份{path}中没有妇联工作台账数据库的表：{url}中没有这些表。"
    ),
    "{error} The database has not been changed.": "{error}数据库没有改变。",
    "database file or server address (default: the file in your user data folder)": (
        "数据库文件或服务器地址（默认：用户数据文件夹中的数据库文件）"
    ),
}
