"""Chinese for the words added so that packages and the command line work on a PostgreSQL server."""

TRANSLATIONS = {
    "{column} is out of range (at most {n})": "{column}超出范围（最大为{n}）",
    "database file or server address (default: the file in your user data folder)": (
        "数据库文件或服务器地址（默认：用户数据文件夹中的数据库文件）"
    ),
}
