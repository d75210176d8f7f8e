"""Chinese for the words added so that packages and the command line work on a PostgreSQL server."""

TRANSLATIONS = {
    "{column} is out of range (at most {n})": "{column}超出范围（最大为{n}）",
}
