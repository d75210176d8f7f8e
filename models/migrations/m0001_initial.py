"""The first schema: meta, units, people."""

RECORD_COLUMNS = """
    uuid VARCHAR(36) NOT NULL PRIMARY KEY,
    unit VARCHAR(12) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted BOOLEAN NOT NULL DEFAULT FALSE
"""

STATEMENTS = [
    """CREATE TABLE meta (
        key VARCHAR(64) NOT NULL PRIMARY KEY,
        value TEXT
    )""",
    f"""CREATE TABLE unit ({RECORD_COLUMNS},
        code VARCHAR(12) NOT NULL,
        name VARCHAR(100) NOT NULL,
        level VARCHAR(16) NOT NULL,
        parent_code VARCHAR(12)
    )""",
    "CREATE INDEX unit_unit ON unit (unit)",
    "CREATE INDEX unit_deleted ON unit (deleted)",
    "CREATE INDEX unit_code ON unit (code)",
    f"""CREATE TABLE person ({RECORD_COLUMNS},
        name VARCHAR(50) NOT NULL,
        name_pinyin VARCHAR(200) NOT NULL DEFAULT '',
        name_initials VARCHAR(50) NOT NULL DEFAULT '',
        sex VARCHAR(1) NOT NULL DEFAULT 'F',
        ethnicity VARCHAR(2),
        birth VARCHAR(7),
        id_number VARCHAR(18),
        education VARCHAR(2),
        political VARCHAR(2),
        post VARCHAR(32),
        part_time BOOLEAN NOT NULL DEFAULT TRUE,
        workplace VARCHAR(200) NOT NULL DEFAULT '',
        identities VARCHAR(300) NOT NULL DEFAULT '',
        two_committees BOOLEAN NOT NULL DEFAULT FALSE,
        phone VARCHAR(30) NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX person_unit ON person (unit)",
    "CREATE INDEX person_deleted ON person (deleted)",
    "CREATE INDEX person_name_pinyin ON person (name_pinyin)",
    "CREATE INDEX person_name_initials ON person (name_initials)",
    "CREATE INDEX person_id_number ON person (id_number)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
