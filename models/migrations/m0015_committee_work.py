"""The committee at work: households and contacts, needs and projects, meetings, plans and summaries, awards.

Members' duties (执委履职):

- ``household``: a household a committee member keeps in touch with (户主,
  the women in it, 村民小组, phone).
- ``household_link``: which member the household is linked to, from when to
  when; at most one open link per household (``unlinked_on`` NULL), the closed
  ones are its history.
- ``contact``: one visit, call or message (民情日记): who made it, with whom,
  what was asked, how it was handled and the follow-up. ``may_travel`` says
  the cadre chose to let its texts go upward; otherwise packages carry it as
  a count only.
- ``need``: a need of women found in contacts (需求清单), how many women,
  whether and how it was answered; ``need_contact`` links it to the contacts
  it came from; ``project`` and ``activity`` name what it became.
- ``project``: a small project a member leads (执委领办项目).

Meetings (执委会会议): ``meeting`` with ``meeting_attendee`` (committee
members present or absent) and ``meeting_link`` (the activities, projects
or nominations it decided: ``kind`` and the record's uuid).

Plans and summaries (年度工作计划/总结): ``year_document`` (one per unit,
year and kind) with its ``year_document_section``s in order.

Awards (评选表彰): ``nomination`` (最美家庭, 三八红旗手（集体）…: the
nominee, the texts, the meeting that agreed it, the 公示 dates and the
outcome; its photos are ``photo_link`` rows owned by it) and ``award``
(表彰登记: an honour received).
"""

from .m0001_initial import RECORD_COLUMNS

STATEMENTS = [
    f"""CREATE TABLE household ({RECORD_COLUMNS},
        head_name VARCHAR(50) NOT NULL,
        members VARCHAR(500) NOT NULL DEFAULT '',
        women INTEGER NOT NULL DEFAULT 0,
        group_name VARCHAR(50) NOT NULL DEFAULT '',
        address VARCHAR(200) NOT NULL DEFAULT '',
        phone VARCHAR(30) NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX household_unit ON household (unit)",
    f"""CREATE TABLE household_link ({RECORD_COLUMNS},
        household VARCHAR(36) NOT NULL REFERENCES household (uuid),
        member VARCHAR(36) NOT NULL REFERENCES person (uuid),
        linked_on DATE NOT NULL,
        unlinked_on DATE
    )""",
    "CREATE INDEX household_link_household ON household_link (household)",
    "CREATE INDEX household_link_member ON household_link (member)",
    "CREATE INDEX household_link_unit ON household_link (unit)",
    f"""CREATE TABLE contact ({RECORD_COLUMNS},
        date DATE NOT NULL,
        way VARCHAR(16) NOT NULL,
        member VARCHAR(36) NOT NULL REFERENCES person (uuid),
        household VARCHAR(36) REFERENCES household (uuid),
        whom VARCHAR(100) NOT NULL DEFAULT '',
        asked TEXT NOT NULL DEFAULT '',
        handling VARCHAR(16) NOT NULL DEFAULT 'pending',
        passed_to VARCHAR(100) NOT NULL DEFAULT '',
        result TEXT NOT NULL DEFAULT '',
        follow_up DATE,
        may_travel BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    "CREATE INDEX contact_unit_date ON contact (unit, date)",
    "CREATE INDEX contact_member ON contact (member)",
    "CREATE INDEX contact_household ON contact (household)",
    f"""CREATE TABLE project ({RECORD_COLUMNS},
        name VARCHAR(100) NOT NULL,
        member VARCHAR(36) REFERENCES person (uuid),
        start_date DATE,
        end_date DATE,
        status VARCHAR(16) NOT NULL DEFAULT 'planned',
        progress TEXT NOT NULL DEFAULT '',
        result TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX project_unit ON project (unit)",
    "CREATE INDEX project_member ON project (member)",
    f"""CREATE TABLE need ({RECORD_COLUMNS},
        found_on DATE NOT NULL,
        category VARCHAR(16) NOT NULL,
        description TEXT NOT NULL,
        women INTEGER NOT NULL DEFAULT 0,
        member VARCHAR(36) REFERENCES person (uuid),
        status VARCHAR(16) NOT NULL DEFAULT 'open',
        answered_on DATE,
        answer TEXT NOT NULL DEFAULT '',
        project VARCHAR(36) REFERENCES project (uuid),
        activity VARCHAR(36) REFERENCES activity (uuid)
    )""",
    "CREATE INDEX need_unit_found_on ON need (unit, found_on)",
    "CREATE INDEX need_project ON need (project)",
    f"""CREATE TABLE need_contact ({RECORD_COLUMNS},
        need VARCHAR(36) NOT NULL REFERENCES need (uuid),
        contact VARCHAR(36) NOT NULL REFERENCES contact (uuid)
    )""",
    "CREATE INDEX need_contact_need ON need_contact (need)",
    "CREATE INDEX need_contact_contact ON need_contact (contact)",
    f"""CREATE TABLE meeting ({RECORD_COLUMNS},
        date DATE NOT NULL,
        kind VARCHAR(16) NOT NULL DEFAULT 'committee',
        place VARCHAR(100) NOT NULL DEFAULT '',
        chair VARCHAR(50) NOT NULL DEFAULT '',
        minutes_taker VARCHAR(50) NOT NULL DEFAULT '',
        topics TEXT NOT NULL DEFAULT '',
        minutes TEXT NOT NULL DEFAULT '',
        decisions TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX meeting_unit_date ON meeting (unit, date)",
    f"""CREATE TABLE meeting_attendee ({RECORD_COLUMNS},
        meeting VARCHAR(36) NOT NULL REFERENCES meeting (uuid),
        person VARCHAR(36) REFERENCES person (uuid),
        name VARCHAR(50) NOT NULL,
        present BOOLEAN NOT NULL DEFAULT TRUE,
        absence_reason VARCHAR(100) NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX meeting_attendee_meeting ON meeting_attendee (meeting)",
    "CREATE INDEX meeting_attendee_unit ON meeting_attendee (unit)",
    f"""CREATE TABLE meeting_link ({RECORD_COLUMNS},
        meeting VARCHAR(36) NOT NULL REFERENCES meeting (uuid),
        kind VARCHAR(16) NOT NULL,
        record_uuid VARCHAR(36) NOT NULL
    )""",
    "CREATE INDEX meeting_link_meeting ON meeting_link (meeting)",
    "CREATE INDEX meeting_link_record ON meeting_link (record_uuid)",
    "CREATE INDEX meeting_link_unit ON meeting_link (unit)",
    f"""CREATE TABLE year_document ({RECORD_COLUMNS},
        year INTEGER NOT NULL,
        kind VARCHAR(16) NOT NULL,
        title VARCHAR(200) NOT NULL DEFAULT '',
        written_on DATE
    )""",
    "CREATE INDEX year_document_unit_year ON year_document (unit, year)",
    f"""CREATE TABLE year_document_section ({RECORD_COLUMNS},
        document VARCHAR(36) NOT NULL REFERENCES year_document (uuid),
        position INTEGER NOT NULL DEFAULT 0,
        heading VARCHAR(100) NOT NULL,
        body TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX year_document_section_document ON year_document_section (document)",
    "CREATE INDEX year_document_section_unit ON year_document_section (unit)",
    f"""CREATE TABLE nomination ({RECORD_COLUMNS},
        year INTEGER NOT NULL,
        award VARCHAR(32) NOT NULL,
        level VARCHAR(16) NOT NULL,
        nominee_kind VARCHAR(16) NOT NULL,
        nominee_name VARCHAR(100) NOT NULL,
        person VARCHAR(36) REFERENCES person (uuid),
        household VARCHAR(36) REFERENCES household (uuid),
        family_members VARCHAR(500) NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        story TEXT NOT NULL DEFAULT '',
        meeting VARCHAR(36) REFERENCES meeting (uuid),
        notice_from DATE,
        notice_to DATE,
        outcome VARCHAR(16) NOT NULL DEFAULT 'pending',
        outcome_note VARCHAR(200) NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX nomination_unit_year ON nomination (unit, year)",
    "CREATE INDEX nomination_person ON nomination (person)",
    f"""CREATE TABLE award ({RECORD_COLUMNS},
        year INTEGER NOT NULL,
        level VARCHAR(16) NOT NULL,
        title VARCHAR(200) NOT NULL,
        conferred_by VARCHAR(100) NOT NULL DEFAULT '',
        recipient_kind VARCHAR(16) NOT NULL,
        recipient_name VARCHAR(100) NOT NULL,
        person VARCHAR(36) REFERENCES person (uuid),
        nomination VARCHAR(36) REFERENCES nomination (uuid),
        date DATE,
        document_number VARCHAR(100) NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX award_unit_year ON award (unit, year)",
    "CREATE INDEX award_person ON award (person)",
    # The foreign keys' and the unit's own indexes the models declare.
    "CREATE INDEX award_nomination ON award (nomination)",
    "CREATE INDEX award_unit ON award (unit)",
    "CREATE INDEX contact_unit ON contact (unit)",
    "CREATE INDEX meeting_unit ON meeting (unit)",
    "CREATE INDEX meeting_attendee_person ON meeting_attendee (person)",
    "CREATE INDEX need_activity ON need (activity)",
    "CREATE INDEX need_member ON need (member)",
    "CREATE INDEX need_unit ON need (unit)",
    "CREATE INDEX need_contact_unit ON need_contact (unit)",
    "CREATE INDEX nomination_household ON nomination (household)",
    "CREATE INDEX nomination_meeting ON nomination (meeting)",
    "CREATE INDEX nomination_unit ON nomination (unit)",
    "CREATE INDEX year_document_unit ON year_document (unit)",
]


def apply(db) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
