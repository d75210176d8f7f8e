"""Each election's own counting rules, and the women's representatives (妇女代表) behind its 应到.

The rules columns default to the rules every earlier election was counted by
(more than two thirds present; a tie for the last seat broken by fewer 反对,
then a run-off; at least 10% more candidates than seats, rounded up), so an
election stored before this step counts exactly as it did. ``rules_title`` is
the name of the 选举办法 the meeting adopted ('' when not given).
``entitled_reason`` says why 应到 differs from the number of representatives
listed ('' when it does not, or when none are listed).

``election_representative``: one woman elected or chosen as a representative
to the meeting, with her 村民小组 or 网格, birth month (YYYY-MM), identity
category (a code of ``models.codes``) and the person record she is, where
there is one.
"""

from .m0001_initial import RECORD_COLUMNS

STATEMENTS = [
    "ALTER TABLE election ADD COLUMN rules_title VARCHAR(100) NOT NULL DEFAULT ''",
    "ALTER TABLE election ADD COLUMN quorum VARCHAR(16) NOT NULL DEFAULT 'more_than'",
    "ALTER TABLE election ADD COLUMN tie_break VARCHAR(16) NOT NULL DEFAULT 'fewer_against'",
    "ALTER TABLE election ADD COLUMN surplus_percent INTEGER NOT NULL DEFAULT 10",
    "ALTER TABLE election ADD COLUMN surplus_rounding VARCHAR(8) NOT NULL DEFAULT 'up'",
    "ALTER TABLE election ADD COLUMN entitled_reason VARCHAR(200) NOT NULL DEFAULT ''",
    f"""CREATE TABLE election_representative ({RECORD_COLUMNS},
        election VARCHAR(36) NOT NULL REFERENCES election (uuid),
        person VARCHAR(36) REFERENCES person (uuid),
        name VARCHAR(50) NOT NULL,
        group_name VARCHAR(50) NOT NULL DEFAULT '',
        birth_month VARCHAR(7) NOT NULL DEFAULT '',
        category VARCHAR(32) NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX election_representative_election ON election_representative (election)",
    "CREATE INDEX election_representative_unit ON election_representative (unit)",
    "CREATE INDEX election_representative_person ON election_representative (person)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
