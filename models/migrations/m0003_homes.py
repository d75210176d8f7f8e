"""Women's Home: the facility, its demonstration history, activities, participants, photos."""

from .m0001_initial import RECORD_COLUMNS

STATEMENTS = [
    # Photos are stored once by the sha256 of their cleaned JPEG bytes.
    """CREATE TABLE photo (
        sha256 VARCHAR(64) NOT NULL PRIMARY KEY,
        data BLOB NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        created_at TIMESTAMP NOT NULL
    )""",
    f"""CREATE TABLE photo_link ({RECORD_COLUMNS},
        owner VARCHAR(36) NOT NULL,
        photo VARCHAR(64) NOT NULL REFERENCES photo (sha256),
        caption VARCHAR(200) NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX photo_link_owner ON photo_link (owner)",
    f"""CREATE TABLE home ({RECORD_COLUMNS},
        name VARCHAR(100) NOT NULL,
        address VARCHAR(200) NOT NULL DEFAULT '',
        floor_area REAL,
        own_room BOOLEAN NOT NULL DEFAULT FALSE,
        shared_with VARCHAR(100) NOT NULL DEFAULT '',
        plaque_date DATE,
        rules_on_wall BOOLEAN NOT NULL DEFAULT FALSE,
        facilities VARCHAR(200) NOT NULL DEFAULT '',
        manager VARCHAR(50) NOT NULL DEFAULT '',
        manager_phone VARCHAR(30) NOT NULL DEFAULT '',
        opening_hours VARCHAR(100) NOT NULL DEFAULT '',
        volunteers INTEGER NOT NULL DEFAULT 0,
        annual_funding REAL,
        online_group VARCHAR(100) NOT NULL DEFAULT '',
        online_members INTEGER NOT NULL DEFAULT 0,
        online_owner VARCHAR(50) NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX home_unit ON home (unit)",
    f"""CREATE TABLE home_demonstration ({RECORD_COLUMNS},
        home VARCHAR(36) NOT NULL REFERENCES home (uuid),
        year INTEGER NOT NULL,
        level VARCHAR(16) NOT NULL
    )""",
    "CREATE INDEX home_demonstration_home ON home_demonstration (home)",
    f"""CREATE TABLE activity ({RECORD_COLUMNS},
        date DATE NOT NULL,
        start_time VARCHAR(5) NOT NULL DEFAULT '',
        end_time VARCHAR(5) NOT NULL DEFAULT '',
        place VARCHAR(100) NOT NULL DEFAULT '',
        title VARCHAR(200) NOT NULL,
        category VARCHAR(4) NOT NULL,
        form VARCHAR(16) NOT NULL DEFAULT '',
        organiser VARCHAR(100) NOT NULL DEFAULT '',
        co_organiser VARCHAR(100) NOT NULL DEFAULT '',
        women INTEGER NOT NULL DEFAULT 0,
        children INTEGER NOT NULL DEFAULT 0,
        others INTEGER NOT NULL DEFAULT 0,
        leader VARCHAR(100) NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        results TEXT NOT NULL DEFAULT '',
        recorder VARCHAR(50) NOT NULL DEFAULT '',
        sensitive BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    "CREATE INDEX activity_unit ON activity (unit)",
    "CREATE INDEX activity_date ON activity (date)",
    "CREATE INDEX activity_deleted ON activity (deleted)",
    f"""CREATE TABLE activity_participant ({RECORD_COLUMNS},
        activity VARCHAR(36) NOT NULL REFERENCES activity (uuid),
        person VARCHAR(36) REFERENCES person (uuid),
        name VARCHAR(50) NOT NULL
    )""",
    "CREATE INDEX activity_participant_activity ON activity_participant (activity)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
