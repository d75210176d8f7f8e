"""Chinese for the self-test's check of the PostgreSQL driver (forms/selftest.py)."""

TRANSLATIONS = {
    "PostgreSQL driver loaded (libpq {version})": "PostgreSQL 驱动程序已加载（客户端库版本 {version}）",
    "the PostgreSQL driver does not load: {error}": "PostgreSQL 驱动程序无法加载：{error}",
}
