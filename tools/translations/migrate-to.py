"""Chinese words of migrate-to: moving a whole database into an empty one."""

TRANSLATIONS = {
    "{path} is a folder; name a new database file.": "{path}是一个文件夹，请指定一个新的数据库文件。",
    "{path} already exists and is not empty: the database is only moved into a new file. "
    "Name a file that does not exist yet; nothing was changed.": "{path}已存在且不是空文件：数据库只能迁入一个新文件。"
    "请指定一个尚不存在的文件；未作任何改动。",
    "{path} failed its check, so it is not moved: restore a good backup of it first, then move that.": "{path}"
    "未通过检查，因此不迁移：请先恢复它的一个完好备份，再迁移恢复后的数据库。",
    "The database {url} already holds tables: the database is only moved into an empty one. "
    "Ask whoever runs the server for a new empty database; nothing was changed.": "数据库{url}中已有数据表："
    "数据库只能迁入一个空数据库。请向服务器管理员要一个新的空数据库；未作任何改动。",
    "A value in the table {table} cannot be moved: {value}": "数据表{table}中有一个值无法迁移：{value}",
    "{table}: {n} rows copied": "{table}：已复制{n}行",
    "The source and the target are the same database; nothing was changed.": "源数据库和目标是同一个数据库；"
    "未作任何改动。",
    "The move into {target} failed: {error} Nothing was left there.": "迁移到{target}失败：{error}"
    "目标中没有留下任何内容。",
    "copy the whole database into an empty one (a new file or a server database) and check every table": (
        "把整个数据库复制到一个空数据库（新文件或服务器上的数据库），并逐表核对"
    ),
    "TARGET": "目标",
    "a new database file, or the URL of an empty database on a server": "新的数据库文件，或服务器上空数据库的地址",
    "Moving the database into {target}…": "正在把数据库迁移到{target}…",
    "{table}  {rows}  {checksum}  {verdict}": "{table}  {rows}  {checksum}  {verdict}",
    "table": "数据表",
    "rows": "行数",
    "checksum": "校验和",
    "ok": "一致",
    "different (source {rows} rows, {checksum})": "不一致（源库{rows}行，{checksum}）",
    "{rows} rows in {tables} tables copied in {copy:.1f} s, checked in {verify:.1f} s.": "已复制{tables}个数据表共"
    "{rows}行，用时{copy:.1f}秒；核对用时{verify:.1f}秒。",
    "Some tables differ between {source} and {target}: do not use the copy; keep working in the source.": "{source}"
    "与{target}有数据表不一致：请不要使用这份副本，继续在源数据库中工作。",
    "Every table is the same in {target}: the database has been moved there.": "{target}中每个数据表都一致："
    "数据库已迁移到那里。",
}
