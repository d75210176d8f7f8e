"""Every stored text goes through the field rules of models.fields: elections, sessions, attendance,
photo captions, reporting periods and returns (issue 10, "one set of rules for every stored text")."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from models import fields, photos, submissions, training
from models.base import ValidationError
from models.base import database as peewee_database
from models.checks import check_database
from models.elections import records as er
from models.elections.draft import CandidateDraft, ElectionDraft, MemberEdit, finalise_draft, save_draft
from models.homes import ActivityInput, save_activity
from models.training import TraineeInput, TrainingInput

from ..conftest import VILLAGE_CODE

TODAY = dt.date(2026, 11, 28)
DAY = dt.date(2026, 4, 14)


def too_long(table: str, column: str) -> str:
    return "长" * (fields.max_length(table, column) + 1)


def bad_values(table: str, column: str) -> list[tuple[str, str]]:
    """(what it shows, value) for each kind of text the rules refuse."""
    return [
        ("U+001B", "甲\x1b乙"),  # ESC
        ("U+0000", "甲\x00乙"),  # NUL
        ("U+202E", "甲\u202e乙"),  # RLO: the text would read backwards
        ("", "\u200b"),  # only invisible
        (str(fields.max_length(table, column)), too_long(table, column)),
    ]


CASES = [(t, c, shows, value) for t, c in fields.RULES for shows, value in bad_values(t, c)]


def cases_of(*wanted: tuple[str, str]):
    return [
        pytest.param(t, c, shows, value, id=f"{t}.{c}-{shows or 'invisible'}")
        for t, c, shows, value in CASES
        if (t, c) in wanted
    ]


def rows(*tables: str) -> dict[str, list[tuple]]:
    return {table: peewee_database.execute_sql(f'SELECT * FROM "{table}" ORDER BY uuid').fetchall() for table in tables}


def assert_refused(caught, table: str, column: str, shows: str) -> None:
    messages = [e.message for e in caught.value.errors]
    assert any(fields.label(table, column) in m and shows in m for m in messages), messages


# --- elections ------------------------------------------------------------------------------

ELECTION_TABLES = ("election", "election_step", "election_round", "election_candidate", "committee_member", "person")


def draft_with_one_vote() -> ElectionDraft:
    draft = ElectionDraft.new()
    draft.meeting_date, draft.entitled, draft.present = DAY, 10, 9
    committee = draft.rounds["committee"]
    committee.seats, committee.issued, committee.returned, committee.valid = 1, 9, 9, 9
    committee.candidates = [CandidateDraft("王秀英", None, False, 9, 0, 0)]
    return draft


@pytest.mark.parametrize(
    "table, column, shows, value",
    cases_of(*(("election", c) for c in er.TYPED_TEXTS)),
)
def test_an_elections_own_texts_follow_the_field_rules(database, table, column, shows, value):
    draft = draft_with_one_vote()
    setattr(draft, column, value)
    before = rows(*ELECTION_TABLES)
    with pytest.raises(ValidationError) as caught:
        save_draft(draft, VILLAGE_CODE)
    assert_refused(caught, table, column, shows)
    with pytest.raises(ValidationError):
        finalise_draft(draft, VILLAGE_CODE, confirm_warnings=True)
    assert rows(*ELECTION_TABLES) == before


@pytest.mark.parametrize("table, column, shows, value", cases_of(("election_step", "document_number")))
def test_a_steps_document_number_follows_the_field_rules_and_names_the_step(database, table, column, shows, value):
    draft = draft_with_one_vote()
    draft.steps["request"] = (DAY, value)
    before = rows(*ELECTION_TABLES)
    with pytest.raises(ValidationError) as caught:
        save_draft(draft, VILLAGE_CODE)
    assert_refused(caught, table, column, shows)
    assert _step_named(caught.value.errors[0].message)
    assert rows(*ELECTION_TABLES) == before


def _step_named(message: str) -> bool:
    from models.i18n import _

    return _(er.STEPS["request"]) in message


@pytest.mark.parametrize("table, column, shows, value", cases_of(("election_candidate", "name")))
def test_a_candidates_name_follows_the_field_rules(database, table, column, shows, value):
    draft = draft_with_one_vote()
    draft.rounds["committee"].candidates[0].name = value
    before = rows(*ELECTION_TABLES)
    with pytest.raises(ValidationError) as caught:
        save_draft(draft, VILLAGE_CODE)
    assert_refused(caught, table, column, shows)
    assert rows(*ELECTION_TABLES) == before


@pytest.mark.parametrize("table, column, shows, value", cases_of(("committee_member", "two_committees_post")))
def test_a_members_post_on_the_two_committees_follows_the_field_rules(database, table, column, shows, value):
    draft = draft_with_one_vote()
    finalise_draft(draft, VILLAGE_CODE, confirm_warnings=True)
    draft.member_edits["王秀英"] = MemberEdit(full_time=True, two_committees_post=value)
    before = rows(*ELECTION_TABLES)
    with pytest.raises(ValidationError) as caught:
        save_draft(draft, VILLAGE_CODE)
    assert_refused(caught, table, column, shows)
    assert "王秀英" in caught.value.errors[0].message
    assert rows(*ELECTION_TABLES) == before


def test_good_election_texts_are_stored_cleaned(database):
    draft = draft_with_one_vote()
    draft.meeting_place, draft.notes = " 村委会\n会议室 ", "第一行\n第二行"
    draft.steps["request"] = (DAY, " 石妇字〔2021〕1号\t")
    election = save_draft(draft, VILLAGE_CODE)
    assert election.meeting_place == "村委会 会议室" and election.notes == "第一行\n第二行"
    [step] = list(election.steps())
    assert step.document_number == "石妇字〔2021〕1号"


# --- trainings: session topics and lecturers, reasons for leave ------------------------------------------

TRAINING_TABLES = ("training", "training_session", "trainee", "attendance")


def one_day(topic: str = "", lecturer: str = "") -> TrainingInput:
    return TrainingInput(
        name="执委培训",
        start_date=DAY,
        end_date=DAY,
        sessions=[(DAY, "am", 3.0, topic, lecturer), (DAY, "pm", 3.0, "", "")],
    )


@pytest.mark.parametrize(
    "table, column, shows, value", cases_of(("training_session", "topic"), ("training_session", "lecturer"))
)
def test_a_sessions_topic_and_lecturer_follow_the_field_rules(database, table, column, shows, value):
    data = one_day(**{"topic" if column == "topic" else "lecturer": value})
    with pytest.raises(ValidationError) as caught:
        training.save_training(data, VILLAGE_CODE)
    assert_refused(caught, table, column, shows)
    assert caught.value.errors[0].field == "sessions"
    assert rows(*TRAINING_TABLES) == {t: [] for t in TRAINING_TABLES}
    # Editing a stored training: refused alike, the training as it was.
    stored = training.save_training(one_day("妇女维权", "张律师"), VILLAGE_CODE)
    before = rows(*TRAINING_TABLES)
    with pytest.raises(ValidationError):
        training.save_training(data, VILLAGE_CODE, stored)
    assert rows(*TRAINING_TABLES) == before


def test_session_texts_are_stored_cleaned(database):
    stored = training.save_training(one_day(" 妇女\n维权 ", " 张律师\t"), VILLAGE_CODE)
    first = stored.sessions()[0]
    assert (first.topic, first.lecturer) == ("妇女 维权", "张律师")


@pytest.mark.parametrize("table, column, shows, value", cases_of(("attendance", "reason")))
def test_a_reason_for_leave_follows_the_field_rules(database, table, column, shows, value):
    stored = training.save_training(one_day(), VILLAGE_CODE)
    trainee = training.add_trainee(stored, TraineeInput(name="王秀英"))
    session = stored.sessions()[0]
    training.mark(session, trainee, "excused", "生病")
    before = rows(*TRAINING_TABLES)
    with pytest.raises(ValidationError) as caught:
        training.mark(session, trainee, "excused", value)
    assert_refused(caught, table, column, shows)
    assert caught.value.errors[0].field == "reason"
    assert training.check_leave_reason(value)[1] == caught.value.errors[0].message
    assert rows(*TRAINING_TABLES) == before


# --- photo captions ------------------------------------------------------------------------------


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    return out.getvalue()


def activity_with_a_photo():
    digest = photos.store_photo(jpeg())
    data = ActivityInput(title="讲座", date=DAY, category="1", women=5, photos=[digest])
    return save_activity(data, VILLAGE_CODE, today=TODAY), digest


@pytest.mark.parametrize("table, column, shows, value", cases_of(("photo_link", "caption")))
def test_a_photo_caption_follows_the_field_rules(database, table, column, shows, value):
    activity, digest = activity_with_a_photo()
    before = rows("photo_link")
    with pytest.raises(ValidationError) as caught:
        photos.set_caption(activity.uuid, digest, value)
    assert_refused(caught, table, column, shows)
    with pytest.raises(ValidationError):
        photos.set_photos(activity.uuid, VILLAGE_CODE, [], {digest: value})  # would also remove the photo
    assert rows("photo_link") == before


def test_a_caption_is_stored_cleaned(database):
    activity, digest = activity_with_a_photo()
    assert photos.set_caption(activity.uuid, digest, " 活动\n现场 ").caption == "活动 现场"
    photos.set_photos(activity.uuid, VILLAGE_CODE, [digest], {digest: "合影"})
    assert [link.caption for link in photos.photos_of(activity.uuid)] == ["合影"]


# --- reporting periods and returns ---------------------------------------------------------------


@pytest.mark.parametrize("table, column, shows, value", cases_of(("report_period", "name")))
def test_a_period_name_follows_the_field_rules(database, table, column, shows, value):
    with pytest.raises(ValidationError) as caught:
        submissions.save_period(value, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert_refused(caught, table, column, shows)
    assert rows("report_period") == {"report_period": []}


@pytest.mark.parametrize("table, column, shows, value", cases_of(("submission_return", "reason")))
def test_a_return_reason_follows_the_field_rules(database, table, column, shows, value):
    with pytest.raises(ValidationError) as caught:
        submissions.return_submission(VILLAGE_CODE, None, value)
    assert_refused(caught, table, column, shows)
    assert rows("submission_return") == {"submission_return": []}


# --- check, the exporter and the forms know the same limits ----------------------------------------------


# Texts past their column's length, or holding NUL, are stored only in a SQLite file: a PostgreSQL server
# refuses them (VARCHAR(n) holds no more, text no NUL), so there those columns get control characters instead.
BEYOND_THE_SERVER = [
    pytest.param(False, id="controls"),
    pytest.param(True, id="too-long-or-nul", marks=pytest.mark.sqlite_only),
]


def stored_badly(beyond_the_server: bool):
    """Records written past the rules (an older version, a hand-edited file): what check and forms meet."""

    def bad(sqlite_only: str, anywhere: str) -> str:
        return sqlite_only if beyond_the_server else anywhere

    election = er.Election.create(unit=VILLAGE_CODE, meeting_date=DAY, notes="备\x1b注", meeting_place="\u202e会场")
    number = bad("文" * 150, "文\x1b号")
    er.ElectionStep.create(unit=VILLAGE_CODE, election=election, step="request", document_number=number, date=DAY)
    round_ = er.ElectionRound.create(
        unit=VILLAGE_CODE, election=election, kind="committee", seats=1, entitled=10, present=9, issued=9,
        returned=9, valid=9,
    )  # fmt: skip
    er.ElectionCandidate.create(unit=VILLAGE_CODE, round=round_, name=bad("王\x00秀英", "王\u202e秀英"), yes=9)
    stored = training.save_training(one_day(), VILLAGE_CODE)
    session = stored.sessions()[0]
    session.topic, session.lecturer = bad("主" * 250, "主\x1b题"), "张\x1b律师"
    session.save()
    trainee = training.add_trainee(stored, TraineeInput(name="王秀英"))
    training.Attendance.create(
        unit=VILLAGE_CODE, session=session, trainee=trainee, status="excused", reason="病\u202e假"
    )
    activity, digest = activity_with_a_photo()
    link = photos.photos_of(activity.uuid)[0]
    link.caption = bad("照" * 300, "照\u202e片")
    link.save()
    return election, stored, activity


@pytest.mark.parametrize("beyond_the_server", BEYOND_THE_SERVER)
def test_check_and_the_exporter_name_the_fields_stored_past_the_rules(database, tmp_path, beyond_the_server):
    from models import exchange
    from models.exchange.manifest import PackageError

    stored_badly(beyond_the_server)
    problems = "\n".join(check_database())
    for table, column in (
        ("election", "notes"),
        ("election", "meeting_place"),
        ("election_step", "document_number"),
        ("election_candidate", "name"),
        ("training_session", "topic"),
        ("training_session", "lecturer"),
        ("attendance", "reason"),
        ("photo_link", "caption"),
    ):
        assert fields.label(table, column) in problems, (table, column)
    with pytest.raises(PackageError):
        exchange.export_package(tmp_path / "out.fulian", photos=False)
    assert not (tmp_path / "out.fulian").exists()


def test_the_verifier_takes_its_limits_from_the_same_rules():
    from models.exchange.tables import table_specs

    for spec in table_specs():
        for column in spec.columns:
            rule = fields.rule(spec.name, column.name)
            if rule is not None:
                assert column.max_length == rule.max_length, (spec.name, column.name)


@pytest.mark.parametrize(
    "form, suffix",
    [("election", "pdf"), ("tally", "pdf"), ("signin", "pdf"), ("attendance", "pdf"), ("attendance", "xlsx"),
     ("activity", "pdf")],
)  # fmt: skip
@pytest.mark.parametrize("beyond_the_server", BEYOND_THE_SERVER)
def test_texts_stored_past_the_rules_still_print(database, tmp_path, form, suffix, beyond_the_server):
    from forms.registry import FormOptions, build_form

    election, stored, activity = stored_badly(beyond_the_server)
    record = {"election": election, "tally": election, "activity": activity}.get(form, stored)
    result = build_form(form, tmp_path / f"x.{suffix}", FormOptions(VILLAGE_CODE, record_id=record.uuid, today=TODAY))
    assert result.path.stat().st_size > 0
