"""Rights and care: family disputes, letters and visits, people helped, the "两癌" screening round.

These tables hold some of the most sensitive records the program keeps
(parties to family disputes, children, women's health). Their rows never
travel upward: a package carries ``care_count`` rows instead, counts by
register, period and one dimension (type, status, risk, category, age band).

- ``dispute_case``: a family dispute found in screening (婚姻家庭纠纷排查),
  the parties by role (names optional), its kind and risk, the cadre
  responsible (包保人), its status (screened / settled / kept stable /
  handed on, to whom) and ``dispute_step``s (mediation, visits, hand-over,
  follow-up) with their dates.
- ``dispute_report``: the village's monthly report (月报) for a month
  ("2026-11"), possibly "none this month" (零报告); it is what says the
  village reported. The figures of the month are ``care_count`` rows.
- ``petition``: a letter or visit (来信来访登记).
- ``care_target``: a person helped (重点帮扶对象) by category, with the paired
  helper (爱心妈妈/执委妈妈); ``care_act``: an act of help (what, goods,
  money); ``parent_contact``: a contact with a left-behind child's parents.
- ``screening_round``: a "两癌" round (year, quota, dates); ``screening_woman``:
  an eligible woman of it, sign-up and examination dates. No result is ever
  stored, by design: there is no column for one.
- ``care_count``: the counts that travel (``register``: disputes, petitions,
  care, screening; ``period``: "2026-11" or "2026"; ``dimension`` and
  ``code``: e.g. kind/marriage, status/settled, age_band/under_14).
"""

from .m0001_initial import RECORD_COLUMNS

STATEMENTS = [
    f"""CREATE TABLE dispute_case ({RECORD_COLUMNS},
        found_on DATE NOT NULL,
        kind VARCHAR(16) NOT NULL,
        risk VARCHAR(8) NOT NULL DEFAULT 'low',
        parties VARCHAR(200) NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        responsible VARCHAR(50) NOT NULL DEFAULT '',
        responsible_person VARCHAR(36) REFERENCES person (uuid),
        status VARCHAR(16) NOT NULL DEFAULT 'screened',
        handed_to VARCHAR(100) NOT NULL DEFAULT '',
        closed_on DATE
    )""",
    "CREATE INDEX dispute_case_unit_found_on ON dispute_case (unit, found_on)",
    f"""CREATE TABLE dispute_step ({RECORD_COLUMNS},
        dispute_case VARCHAR(36) NOT NULL REFERENCES dispute_case (uuid),
        date DATE NOT NULL,
        kind VARCHAR(16) NOT NULL,
        action TEXT NOT NULL DEFAULT ''
    )""",
    f"""CREATE TABLE dispute_report ({RECORD_COLUMNS},
        month VARCHAR(7) NOT NULL,
        none_this_month BOOLEAN NOT NULL DEFAULT FALSE,
        reported_on DATE NOT NULL,
        reported_by VARCHAR(50) NOT NULL DEFAULT '',
        notes VARCHAR(500) NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX dispute_report_unit_month ON dispute_report (unit, month)",
    f"""CREATE TABLE petition ({RECORD_COLUMNS},
        date DATE NOT NULL,
        way VARCHAR(16) NOT NULL,
        visitor VARCHAR(50) NOT NULL DEFAULT '',
        matter TEXT NOT NULL DEFAULT '',
        category VARCHAR(16) NOT NULL,
        passed_to VARCHAR(100) NOT NULL DEFAULT '',
        result TEXT NOT NULL DEFAULT '',
        status VARCHAR(16) NOT NULL DEFAULT 'open'
    )""",
    "CREATE INDEX petition_unit_date ON petition (unit, date)",
    f"""CREATE TABLE care_target ({RECORD_COLUMNS},
        category VARCHAR(24) NOT NULL,
        name VARCHAR(50) NOT NULL,
        sex VARCHAR(1) NOT NULL DEFAULT 'F',
        birth_month VARCHAR(7) NOT NULL DEFAULT '',
        person VARCHAR(36) REFERENCES person (uuid),
        group_name VARCHAR(50) NOT NULL DEFAULT '',
        guardian VARCHAR(50) NOT NULL DEFAULT '',
        parents VARCHAR(200) NOT NULL DEFAULT '',
        phone VARCHAR(30) NOT NULL DEFAULT '',
        helper VARCHAR(50) NOT NULL DEFAULT '',
        helper_person VARCHAR(36) REFERENCES person (uuid),
        since DATE,
        ended_on DATE,
        notes TEXT NOT NULL DEFAULT ''
    )""",
    f"""CREATE TABLE care_act ({RECORD_COLUMNS},
        target VARCHAR(36) NOT NULL REFERENCES care_target (uuid),
        date DATE NOT NULL,
        kind VARCHAR(16) NOT NULL,
        what TEXT NOT NULL DEFAULT '',
        goods VARCHAR(100) NOT NULL DEFAULT '',
        amount REAL,
        helper VARCHAR(50) NOT NULL DEFAULT ''
    )""",
    f"""CREATE TABLE parent_contact ({RECORD_COLUMNS},
        target VARCHAR(36) NOT NULL REFERENCES care_target (uuid),
        date DATE NOT NULL,
        way VARCHAR(16) NOT NULL,
        parent VARCHAR(50) NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT ''
    )""",
    f"""CREATE TABLE screening_round ({RECORD_COLUMNS},
        year INTEGER NOT NULL,
        name VARCHAR(100) NOT NULL DEFAULT '',
        quota INTEGER NOT NULL DEFAULT 0,
        starts_on DATE,
        ends_on DATE,
        place VARCHAR(100) NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    )""",
    f"""CREATE TABLE screening_woman ({RECORD_COLUMNS},
        screening_round VARCHAR(36) NOT NULL REFERENCES screening_round (uuid),
        person VARCHAR(36) REFERENCES person (uuid),
        name VARCHAR(50) NOT NULL,
        birth_month VARCHAR(7) NOT NULL,
        group_name VARCHAR(50) NOT NULL DEFAULT '',
        registered_here BOOLEAN NOT NULL DEFAULT TRUE,
        low_income BOOLEAN NOT NULL DEFAULT FALSE,
        phone VARCHAR(30) NOT NULL DEFAULT '',
        signed_up_on DATE,
        examined_on DATE,
        notes VARCHAR(200) NOT NULL DEFAULT ''
    )""",
    f"""CREATE TABLE care_count ({RECORD_COLUMNS},
        register VARCHAR(16) NOT NULL,
        period VARCHAR(7) NOT NULL,
        dimension VARCHAR(24) NOT NULL,
        code VARCHAR(32) NOT NULL,
        count INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX care_count_unit_register_period ON care_count (unit, register, period)",
]

# Every table's unit index and every foreign key's index, as the models declare them.
_INDEXES = {
    "dispute_case": ("unit", "responsible_person"),
    "dispute_step": ("unit", "dispute_case"),
    "dispute_report": ("unit",),
    "petition": ("unit",),
    "care_target": ("unit", "person", "helper_person"),
    "care_act": ("unit", "target"),
    "parent_contact": ("unit", "target"),
    "screening_round": ("unit",),
    "screening_woman": ("unit", "screening_round", "person"),
    "care_count": ("unit",),
}
STATEMENTS += [
    f"CREATE INDEX {table}_{column} ON {table} ({column})" for table, columns in _INDEXES.items() for column in columns
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
