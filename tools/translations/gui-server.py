"""Chinese for the window on an office's server: the 数据库 group, the connection test, the clerk asked at start."""

TRANSLATIONS = {
    "The database on the server {url} could not be opened: {error}": "无法打开服务器{url}上的数据库：{error}",
    "You can work on this PC's own database file ({path}) instead for now; its records are this PC's own, not the "
    "office's. The server is tried again at the next start.": "这次可以先改用这台电脑自己的数据库文件（{path}）；"
    "其中是这台电脑自己的记录，不是办公室的。下次启动时会再连接服务器。",
    "Use this PC's file": "使用本机文件",
    "Cannot open the database on the server": "无法打开服务器上的数据库",
    "Clerk: {name}": "经办人：{name}",
    "Server: {url}": "服务器：{url}",
    "The database is on the office's server {url}; the server's own backups keep it.": "数据库在办公室的服务器{url}上，"
    "由服务器自己的备份保管。",
    "Who is working?": "谁在使用？",
    "Several clerks share the database on the server {url}. Your name is recorded with what you import and change, "
    "so the office can tell who did what.": "几位经办人共用服务器{url}上的数据库。您导入和修改的内容会记下您的名字，"
    "办公室能分清谁做了什么。",
    "Your name:": "您的名字：",
    "Asked at each start; this PC remembers the last name.": "每次启动时都会询问；这台电脑会记住上次的名字。",
    "Server database backup": "服务器数据库备份",
    "Use the office's server…": "改用办公室服务器…",
    "Keep this office's records in one database on a PostgreSQL server that several clerks share": "把本单位的记录"
    "放在几位经办人共用的PostgreSQL服务器数据库中",
    "Go back to this PC's file": "改回本机文件",
    "Database on the server:": "服务器上的数据库：",
    "Office server:": "办公室服务器：",
    "The server's own backups keep the data: whoever runs the server makes them and restores them. Back up now "
    "writes a copy of the whole database, made with {tool}, to a file you choose (a USB stick, say).": "数据由服务器"
    "自己的备份保管：由管理服务器的人备份和恢复。“立即备份”用{tool}把整个数据库写成一个文件，存到您选择的位置"
    "（比如U盘）。",
    "Back up:": "备份：",
    "A village keeps its records in its own file on this PC. A server is for a township, county or city office "
    "where several clerks work on one database.": "村级把记录保存在这台电脑自己的文件中。服务器供几位经办人共用一个"
    "数据库的乡镇、县、市办公室使用。",
    "From the next start the program uses the database on the server {url}.": "下次启动起，程序使用服务器{url}上的"
    "数据库。",
    "From the next start the program uses this PC's file {path} again.": "下次启动起，程序重新使用本机文件{path}。",
    "Several clerks share this database; what each one imports and changes is recorded under their name.": "几位"
    "经办人共用这个数据库；每人导入和修改的内容都记在其名下。",
    "A township, county or city office where several clerks work can keep one database on a PostgreSQL server "
    "instead of this file.": "几位经办人一起工作的乡镇、县、市办公室，可以把数据库放在PostgreSQL服务器上，"
    "不用这个文件。",
    "From the next start the program uses the database on the server {url}. Until then it goes on with the "
    "database it has open.": "下次启动起，程序使用服务器{url}上的数据库。在此之前仍使用当前打开的数据库。",
    "From the next start, use this PC's own file {path} instead of the server? The records on the server stay "
    "there.": "下次启动起改用这台电脑自己的文件{path}，不再使用服务器吗？服务器上的记录仍留在服务器上。",
    "Use the office's server": "改用办公室服务器",
    "The clerks of a township, county or city office can share one database on a PostgreSQL server. Type the "
    "address that whoever runs the server gave you. The password is not part of it: put it in {variable} or in "
    "the password file ({file}).": "乡镇、县、市办公室的几位经办人可以共用PostgreSQL服务器上的一个数据库。"
    "请填写管理服务器的人给您的地址。地址中不写密码：请把密码放在环境变量{variable}或密码文件（{file}）中。",
    "A new database on the server starts empty: to take this PC's records along, copy them there first with "
    "{command} (the README says how).": "服务器上新建的数据库是空的：要带上这台电脑的记录，请先用{command}"
    "把记录复制过去（使用说明中有步骤）。",
    "Test the connection": "测试连接",
    "Use this server": "使用此服务器",
    "Server address:": "服务器地址：",
    "Connecting to the server…": "正在连接服务器…",
    "The connection could not be tested: {error}": "无法测试连接：{error}",
    "The connection works: the program can keep its records on this server.": "连接正常：程序可以把记录保存在"
    "这个服务器上。",
}
