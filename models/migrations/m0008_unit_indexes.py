"""Indexes on the owning unit of child tables: importing a package reads the source's
existing snapshot table by table, and without them each read scans the whole table
(time per package grew with the size of a county's database)."""

TABLES = (
    "election_step",
    "election_round",
    "election_candidate",
    "committee_member",
    "home_demonstration",
    "activity_participant",
    "photo_link",
    "training_session",
    "trainee",
    "attendance",
)


def apply(db) -> None:
    for table in TABLES:
        db.execute_sql(f"CREATE INDEX {table}_unit ON {table} (unit)")
