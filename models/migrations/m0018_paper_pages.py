"""Paper read back: the sheet images kept as evidence, and the ballots' cross-check of a round's count.

- ``paper_page``: one read sheet's image (佐证材料), upright and unwarped, as
  JPEG bytes: a sign-in page (``kind`` 'S') of a training (``record``), its
  day (``part``, YYYYMMDD) and ``page`` of ``pages``; or one ballot ('B') of
  an election round, numbered ``page`` of the ``pages`` ballots read for it
  (``part`` '0'). ``code``: the text of the page's QR code; ``file_name``:
  the file it came from; ``read_at``: when (UTC). A page read again replaces
  the image of the same page. The images are kept here and never travel
  upward in a package.
- ``round_cross_check``: that a round's hand count was set beside its scanned
  ballots: when, how many ballots were read, how many cells differed, and
  ``hand_count``, a SHA-256 digest (hex) of the hand count's figures compared
  (``models.paper.ballots.hand_count_digest``): a count edited since is no
  longer said to be checked. The hand count stays the official one; this only
  lets the result report say so.
"""

from .m0001_initial import RECORD_COLUMNS
from .m0017_clerks import CHANGED_BY_COLUMN

STATEMENTS = [
    f"""CREATE TABLE paper_page ({RECORD_COLUMNS}, {CHANGED_BY_COLUMN},
        kind VARCHAR(1) NOT NULL,
        record VARCHAR(36) NOT NULL,
        part VARCHAR(8) NOT NULL,
        page INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        code VARCHAR(100) NOT NULL DEFAULT '',
        image BLOB NOT NULL,
        file_name VARCHAR(255) NOT NULL DEFAULT '',
        read_at TIMESTAMP NOT NULL
    )""",
    "CREATE INDEX paper_page_unit ON paper_page (unit)",
    "CREATE INDEX paper_page_record ON paper_page (record, part, page)",
    f"""CREATE TABLE round_cross_check ({RECORD_COLUMNS}, {CHANGED_BY_COLUMN},
        round VARCHAR(36) NOT NULL REFERENCES election_round (uuid),
        checked_at TIMESTAMP NOT NULL,
        ballots INTEGER NOT NULL,
        differences INTEGER NOT NULL,
        hand_count VARCHAR(64) NOT NULL
    )""",
    "CREATE INDEX round_cross_check_unit ON round_cross_check (unit)",
    "CREATE INDEX round_cross_check_round ON round_cross_check (round)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
