"""Elections: the election, its dated steps, rounds of voting, candidates, the resulting committee."""

from .m0001_initial import RECORD_COLUMNS

STATEMENTS = [
    f"""CREATE TABLE election ({RECORD_COLUMNS},
        kind VARCHAR(16) NOT NULL,
        term_number INTEGER,
        term_years INTEGER NOT NULL DEFAULT 5,
        two_committees_date DATE,
        status VARCHAR(16) NOT NULL,
        congress_kind VARCHAR(16) NOT NULL,
        meeting_date DATE,
        meeting_place VARCHAR(200) NOT NULL DEFAULT '',
        entitled INTEGER NOT NULL DEFAULT 0,
        present INTEGER NOT NULL DEFAULT 0,
        excused INTEGER NOT NULL DEFAULT 0,
        chief_scrutineer VARCHAR(50) NOT NULL DEFAULT '',
        scrutineers VARCHAR(200) NOT NULL DEFAULT '',
        counters VARCHAR(200) NOT NULL DEFAULT '',
        counting_base VARCHAR(16) NOT NULL DEFAULT 'entitled',
        term_start DATE,
        term_end DATE,
        confirmed_warnings TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX election_unit ON election (unit)",
    "CREATE INDEX election_deleted ON election (deleted)",
    f"""CREATE TABLE election_step ({RECORD_COLUMNS},
        election VARCHAR(36) NOT NULL REFERENCES election (uuid),
        step VARCHAR(32) NOT NULL,
        date DATE,
        document_number VARCHAR(100) NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX election_step_election ON election_step (election)",
    f"""CREATE TABLE election_round ({RECORD_COLUMNS},
        election VARCHAR(36) NOT NULL REFERENCES election (uuid),
        position INTEGER NOT NULL DEFAULT 0,
        kind VARCHAR(16) NOT NULL,
        seats INTEGER NOT NULL DEFAULT 1,
        competitive BOOLEAN NOT NULL DEFAULT TRUE,
        entitled INTEGER NOT NULL DEFAULT 0,
        present INTEGER NOT NULL DEFAULT 0,
        issued INTEGER NOT NULL DEFAULT 0,
        returned INTEGER NOT NULL DEFAULT 0,
        valid INTEGER NOT NULL DEFAULT 0,
        invalid INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX election_round_election ON election_round (election)",
    f"""CREATE TABLE election_candidate ({RECORD_COLUMNS},
        round VARCHAR(36) NOT NULL REFERENCES election_round (uuid),
        person VARCHAR(36) REFERENCES person (uuid),
        name VARCHAR(50) NOT NULL,
        write_in BOOLEAN NOT NULL DEFAULT FALSE,
        yes INTEGER NOT NULL DEFAULT 0,
        no INTEGER NOT NULL DEFAULT 0,
        abstain INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX election_candidate_round ON election_candidate (round)",
    f"""CREATE TABLE committee_member ({RECORD_COLUMNS},
        election VARCHAR(36) NOT NULL REFERENCES election (uuid),
        person VARCHAR(36) NOT NULL REFERENCES person (uuid),
        position VARCHAR(32) NOT NULL,
        full_time BOOLEAN NOT NULL DEFAULT FALSE,
        two_committees_post VARCHAR(100) NOT NULL DEFAULT '',
        reelected BOOLEAN NOT NULL DEFAULT FALSE,
        term_start DATE,
        term_end DATE
    )""",
    "CREATE INDEX committee_member_election ON committee_member (election)",
    "CREATE INDEX committee_member_person ON committee_member (person)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
