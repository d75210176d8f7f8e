"""Training: trainings, their half-day sessions, attendees and attendance per session."""

from .m0001_initial import RECORD_COLUMNS

STATEMENTS = [
    f"""CREATE TABLE training ({RECORD_COLUMNS},
        name VARCHAR(200) NOT NULL,
        organiser VARCHAR(100) NOT NULL DEFAULT '',
        organiser_level VARCHAR(16) NOT NULL DEFAULT 'village',
        co_organiser VARCHAR(100) NOT NULL DEFAULT '',
        start_date DATE NOT NULL,
        end_date DATE NOT NULL,
        place VARCHAR(200) NOT NULL DEFAULT '',
        target_group VARCHAR(200) NOT NULL DEFAULT '',
        lecturers TEXT NOT NULL DEFAULT '',
        planned INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX training_unit ON training (unit)",
    "CREATE INDEX training_start_date ON training (start_date)",
    f"""CREATE TABLE training_session ({RECORD_COLUMNS},
        training VARCHAR(36) NOT NULL REFERENCES training (uuid),
        date DATE NOT NULL,
        half VARCHAR(2) NOT NULL,
        hours REAL NOT NULL DEFAULT 3,
        topic VARCHAR(200) NOT NULL DEFAULT '',
        lecturer VARCHAR(100) NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX training_session_training ON training_session (training)",
    f"""CREATE TABLE trainee ({RECORD_COLUMNS},
        training VARCHAR(36) NOT NULL REFERENCES training (uuid),
        person VARCHAR(36) REFERENCES person (uuid),
        name VARCHAR(50) NOT NULL,
        name_pinyin VARCHAR(200) NOT NULL DEFAULT '',
        name_initials VARCHAR(50) NOT NULL DEFAULT '',
        unit_name VARCHAR(100) NOT NULL DEFAULT '',
        post VARCHAR(50) NOT NULL DEFAULT '',
        phone VARCHAR(30) NOT NULL DEFAULT '',
        walk_in BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    "CREATE INDEX trainee_training ON trainee (training)",
    f"""CREATE TABLE attendance ({RECORD_COLUMNS},
        session VARCHAR(36) NOT NULL REFERENCES training_session (uuid),
        trainee VARCHAR(36) NOT NULL REFERENCES trainee (uuid),
        status VARCHAR(10) NOT NULL,
        reason VARCHAR(200) NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX attendance_session ON attendance (session)",
    "CREATE INDEX attendance_trainee ON attendance (trainee)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
