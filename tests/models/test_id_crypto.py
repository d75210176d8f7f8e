"""ID numbers encrypted at rest while a start-up password is set: nothing in clear on disk, everything still works.

Real temporary SQLite files throughout; "on disk" means every file in the
database's folder (the database, its -wal and -shm, its backups), read as bytes.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from models import access_log, checks, id_crypto, meta, recycle_bin
from models import db as dbmod
from models import password as pw
from models.base import ValidationError
from models.i18n import _
from models.people import Person, PersonInput, add_people, duplicate_id_owner, reveal_id_number, save_person
from models.roster_import import apply_roster, read_roster
from tests import engine_reads, engines

from .import_helpers import write_xlsx

UNIT = "430121100201"
SECRET, OTHER = "geheim-123", "anderes-456"


def _valid(first17: str) -> str:
    from models.people import id_number_check_digit

    return first17 + id_number_check_digit(first17)


# Valid numbers of women (even 17th digit) born 1978-05, 1985-03 (ending in X) and 1969-08.
ID_A, ID_B, ID_C = _valid("43012119780512002"), _valid("43012119850317068"), _valid("43012119690808002")
NEW_ID = _valid("43012119900101002")
ALL_IDS = (ID_A, ID_B, ID_C)


def woman(name: str, number: str = "", **extra) -> PersonInput:
    return PersonInput(name=name, sex="F", id_number=number, **extra)


def clear_ids_on_disk(location: Path | str, numbers=ALL_IDS) -> list[str]:
    """Which files of the database at ``location`` hold one of ``numbers`` in clear (as bytes, anywhere).

    A SQLite file: every file of its folder (the database, its -wal and -shm, its backups). On the server
    engine: the files of the server's database (engine_reads.files_of).
    """
    found = []
    for name, data in engine_reads.files_of(location).items():
        for number in numbers:
            if number.encode() in data or number.encode("utf-16-le") in data:
                found.append(f"{name}: {number}")
    return found


def stored_ids(location: Path | str) -> list[tuple]:
    return engine_reads.rows(location, "SELECT name, id_number, id_number_key FROM person ORDER BY name")


@pytest.fixture
def three(database):
    """Three women with ID numbers, one of them in the recycle bin."""
    people = [save_person(woman(n, i), UNIT) for n, i in (("王秀英", ID_A), ("李桂兰", ID_B), ("张红梅", ID_C))]
    recycle_bin.move_to_bin("people", [people[2].uuid], UNIT)
    return people


def protect(password: str = SECRET) -> str:
    code = pw.set_password(password, password)
    assert code is not None
    return code


# --- nothing in clear on disk ------------------------------------------------------------------------


def test_setting_a_password_encrypts_every_id_number_and_leaves_none_in_clear_on_disk(three, db_path):
    assert clear_ids_on_disk(db_path)  # in clear before: as it always was
    code = protect()
    assert re.fullmatch(r"([A-HJ-NP-Z2-9]{4}-){5}[A-HJ-NP-Z2-9]{4}", code)
    rows = stored_ids(db_path)
    assert [r[0] for r in rows] == ["张红梅", "李桂兰", "王秀英"]  # the recycle bin's too
    assert all(r[1].startswith("enc1:") and len(r[2]) == 32 for r in rows)
    assert len({r[1] for r in rows}) == 3
    assert clear_ids_on_disk(db_path) == []
    entry = meta.get(id_crypto.KEY_ENTRY)
    assert SECRET not in entry and code.replace("-", "") not in entry and "password" in json.loads(entry)
    # Read back in clear through the program.
    assert sorted(p.id_number for p in Person.select()) == sorted(ALL_IDS)


@pytest.mark.sqlite_only  # SQLite file backups (the server's: models/server_backup.py)
def test_backups_of_a_protected_database_hold_no_id_number_in_clear(three, db_path, tmp_path):
    protect()
    save_person(woman("赵春花", NEW_ID), UNIT)
    by_hand = dbmod.backup_to(tmp_path / "hand" / "copy.sqlite3")
    daily = dbmod.automatic_backup("daily")
    assert daily.parent == dbmod.backups_dir(db_path)
    for backup in (by_hand, daily):
        data = backup.read_bytes()
        assert not any(n.encode() in data for n in (*ALL_IDS, NEW_ID))
        assert all(r[1] is None or r[1].startswith("enc1:") for r in stored_ids(backup))
    assert not [n for p in tmp_path.rglob("*") if p.is_file() for n in ALL_IDS if n.encode() in p.read_bytes()]


def test_the_lookup_column_cannot_be_searched_for_a_guessed_number_without_the_key(three, db_path):
    plain = id_crypto.CLEAR.lookup(ID_A)
    before = dict((r[0], r[2]) for r in stored_ids(db_path))
    assert before["王秀英"] == plain  # without a password: the fixed key, as step 12 made it
    protect()
    after = dict((r[0], r[2]) for r in stored_ids(db_path))
    assert after["王秀英"] != plain and after["王秀英"] == id_crypto.lookup_key(ID_A)


# --- locked, unlocked, wrong -------------------------------------------------------------------------


def test_a_locked_database_refuses_to_read_id_numbers_in_words_and_a_wrong_password_does_not_unlock(three):
    protect()
    id_crypto.forget_all()
    assert pw.has_password() and not pw.is_unlocked()
    with pytest.raises(id_crypto.IdNumbersLocked) as locked:
        Person.get(Person.name == "王秀英")
    assert str(locked.value) == _(
        "The ID numbers in this database are encrypted and the password has not been given. "
        "Type the start-up password to go on (on the command line: in the terminal, or in the "
        "environment variable FULIAN_LEDGER_PASSWORD)."
    )
    with pytest.raises(id_crypto.IdNumbersLocked):
        save_person(woman("赵春花", NEW_ID), UNIT)  # nothing is written in clear
    assert not pw.unlock(OTHER) and not pw.unlock("") and not pw.is_unlocked()
    assert pw.unlock(SECRET) and pw.is_unlocked()
    assert Person.get(Person.name == "王秀英").id_number == ID_A


def test_a_value_is_never_encrypted_twice(three):
    protect()
    sealed = id_crypto.seal(ID_A)
    assert id_crypto.seal(sealed) == sealed and id_crypto.unseal(sealed) == ID_A
    person = Person.get(Person.name == "王秀英")
    person.save()
    person.save()
    again = Person.get(Person.name == "王秀英")
    assert again.id_number == ID_A
    assert id_crypto.unseal(Person.select(Person.id_number).where(Person.uuid == person.uuid).scalar()) == ID_A


def test_a_tampered_value_is_refused_not_returned(three, db_path):
    protect()
    engine_reads.execute(
        db_path, "UPDATE person SET id_number = ? WHERE name = '王秀英'", (id_crypto.PREFIX + "AAAA" * 20,)
    )
    with pytest.raises(id_crypto.IdNumberDamaged):
        Person.get(Person.name == "王秀英")


# --- everything still works, encrypted ---------------------------------------------------------------


def test_people_are_added_edited_and_checked_for_duplicates_across_encrypted_rows(three):
    protect()
    with pytest.raises(ValidationError) as refused:
        save_person(woman("重复的人", ID_B), UNIT)
    assert refused.value.errors[0] == ("id_number", _("{name} already has this ID number.").format(name="李桂兰"))
    # Lower-case x is the same number.
    with pytest.raises(ValidationError):
        save_person(woman("重复的人", ID_B.lower()), UNIT)
    # The one in the recycle bin does not block a new entry, and cannot come back beside it.
    newcomer = save_person(woman("张红梅", ID_C), UNIT)
    assert duplicate_id_owner(ID_C, UNIT).uuid == newcomer.uuid
    deleted = Person.get((Person.name == "张红梅") & (Person.deleted == True))
    assert "张红梅" in (recycle_bin.KINDS["people"].check(deleted) or "")  # the bin refuses it by the same lookup
    # Editing keeps its own number and its birth-month rule.
    wang = Person.get(Person.name == "王秀英")
    from models.people import person_input

    data = person_input(wang)
    assert data.id_number == ID_A
    data.birth = "1980-01"
    with pytest.raises(ValidationError) as mismatch:
        save_person(data, UNIT, wang)
    assert mismatch.value.errors[0].field == "birth"
    data.birth = "1978-05"
    data.notes = "改过"
    saved = save_person(data, UNIT, wang)
    assert saved.id_number == ID_A and Person.get_by_id(wang.uuid).notes == "改过"
    # A bulk add finds duplicates among the encrypted rows and among its own inputs.
    added, refused_rows = add_people([woman("甲", NEW_ID), woman("乙", ID_A), woman("丙", NEW_ID)], UNIT)
    assert added[0] is not None and added[1] is None and added[2] is None
    assert sorted(refused_rows) == [1, 2]
    assert Person.get(Person.name == "甲").id_number == NEW_ID
    assert all(r[1] is None or r[1].startswith("enc1:") for r in stored_ids(dbmod.database_location()))


def test_a_roster_of_two_rows_with_duplicates_is_read_and_refused_under_encryption(three, tmp_path):
    protect()
    header = ["序号", "姓名", "性别", "出生年月", "身份证号码"]
    path = write_xlsx(
        tmp_path / "名册.xlsx",
        [header, [1, "新人甲", "女", "1990.01", NEW_ID], [2, "新人乙", "女", "1978.05", ID_A]],
    )
    preview = read_roster(path, UNIT)
    messages = [p.message for p in preview.problems]
    assert messages == [_("{name} already has this ID number.").format(name="王秀英")]
    same_twice = write_xlsx(
        tmp_path / "同号.xlsx",
        [header, [1, "新人甲", "女", "1990.01", NEW_ID], [2, "新人丙", "女", "1990.01", NEW_ID]],
    )
    preview = read_roster(same_twice, UNIT)
    assert len(preview.problems) == 2 and all("2" in p.message or "3" in p.message for p in preview.problems)
    good = write_xlsx(tmp_path / "好.xlsx", [header, [1, "新人甲", "女", "1990.01", NEW_ID]])
    assert apply_roster(read_roster(good, UNIT), UNIT) == 1
    assert Person.get(Person.name == "新人甲").id_number == NEW_ID


def test_check_finds_duplicate_and_out_of_date_lookups_among_encrypted_rows(three, db_path):
    protect()
    assert checks.check_database() == []
    # Two people of the unit with one number (written past the rules, as an old import might have).
    twin = Person.create(unit=UNIT, name="双胞胎", sex="F", id_number=ID_A, birth="1978-05")
    problems = checks.check_database()
    assert (
        _("Unit {unit}: the same ID number is recorded for {names}.").format(unit=UNIT, names="王秀英、双胞胎")
        in problems
        or _("Unit {unit}: the same ID number is recorded for {names}.").format(unit=UNIT, names="双胞胎、王秀英")
        in problems
    )
    engine_reads.execute(db_path, "UPDATE person SET id_number_key = 'stale' WHERE uuid = ?", (twin.uuid,))
    assert (
        _("Person {name} ({unit}): the lookup key of the ID number is out of date; save the person again.").format(
            name="双胞胎", unit=UNIT
        )
        in checks.check_database()
    )


def test_revealing_an_id_number_is_logged_with_the_person(three):
    protect()
    assert reveal_id_number(three[0].uuid, UNIT) == ID_A
    entry = access_log.recent(1)[0]
    assert entry.what == _("{what}: {details}").format(what=_("Showed a full ID number on screen"), details="王秀英")
    assert reveal_id_number(three[1].uuid, UNIT) == ID_B and len(access_log.recent(10)) == 2


# --- changing, removing, recovering ------------------------------------------------------------------


def test_changing_the_password_rewraps_the_key_and_touches_no_number(three, db_path):
    code = protect()
    before = stored_ids(db_path)
    assert pw.set_password(OTHER, OTHER, current=SECRET) is None
    assert stored_ids(db_path) == before
    id_crypto.forget_all()
    assert not pw.unlock(SECRET) and pw.unlock(OTHER)
    id_crypto.forget_all()
    assert id_crypto.unwrap_with_recovery_code(code) is not None  # the recovery code still opens it


def test_removing_the_password_decrypts_every_number_with_its_plain_lookup_key(three, db_path):
    protect()
    with pytest.raises(ValidationError):
        pw.remove_password(OTHER)
    assert all(r[1].startswith("enc1:") for r in stored_ids(db_path))
    pw.remove_password(SECRET)
    rows = stored_ids(db_path)
    assert sorted(r[1] for r in rows) == sorted(ALL_IDS)
    assert all(r[2] == id_crypto.CLEAR.lookup(r[1]) for r in rows)
    assert meta.get(id_crypto.KEY_ENTRY) is None and not pw.has_password() and not id_crypto.is_encrypted()
    with pytest.raises(ValidationError):
        save_person(woman("重复的人", ID_B), UNIT)


def test_the_recovery_code_unlocks_and_sets_a_new_password_and_a_wrong_one_says_so(three, db_path):
    code = protect()
    before = stored_ids(db_path)
    id_crypto.forget_all()
    wrong = (
        "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ" if code != "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ" else "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"
    )
    with pytest.raises(ValidationError) as refused:
        pw.reset_with_recovery_code(wrong, OTHER, OTHER)
    assert refused.value.errors == [
        ("code", _("The recovery code is not right. Check it against the paper and type it again."))
    ]
    with pytest.raises(ValidationError) as malformed:
        pw.reset_with_recovery_code("1234", OTHER, OTHER)
    assert malformed.value.errors[0].field == "code" and "24" in malformed.value.errors[0].message
    with pytest.raises(ValidationError) as short:
        pw.reset_with_recovery_code(code, "abc", "abc")
    assert [e.field for e in short.value.errors] == ["new"]
    assert pw.check_password(SECRET) and not pw.is_unlocked()
    # Typed as a cadre would: lower case, spaces instead of dashes, full-width.
    typed = code.lower().replace("-", " ")
    pw.reset_with_recovery_code(typed, OTHER, OTHER)
    assert pw.is_unlocked() and pw.check_password(OTHER) and not pw.check_password(SECRET)
    assert stored_ids(db_path) == before  # the data is intact
    assert Person.get(Person.name == "王秀英").id_number == ID_A
    id_crypto.forget_all()
    assert pw.unlock(OTHER) and Person.get(Person.name == "李桂兰").id_number == ID_B


def test_a_password_set_by_an_older_version_encrypts_the_numbers_when_next_given(three, db_path):
    meta.put(pw.PASSWORD, pw._encode(SECRET))  # as the previous version stored it: the hash only
    assert pw.encryption_pending() and pw.unlock(SECRET)
    assert stored_ids(db_path)[0][1] in ALL_IDS
    with pytest.raises(ValidationError):
        pw.encrypt_id_numbers(OTHER)
    code = pw.encrypt_id_numbers(SECRET)
    assert code and not pw.encryption_pending() and pw.check_password(SECRET)
    assert clear_ids_on_disk(db_path) == []
    with pytest.raises(ValidationError) as no_code:
        pw.remove_password(SECRET)
        meta.put(pw.PASSWORD, pw._encode(SECRET))
        pw.reset_with_recovery_code(code, OTHER, OTHER)
    assert no_code.value.errors[0].field == "code"


# --- all or nothing ----------------------------------------------------------------------------------


def _refuse_updates_of(db_path: Path, name: str) -> None:
    """A trigger that makes the update of one person's row fail, as a fault half-way would."""
    if engines.on_server():
        engine_reads.execute(
            db_path,
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
        )
        engine_reads.execute(
            db_path,
            f"CREATE TRIGGER refuse BEFORE UPDATE OF id_number ON person FOR EACH ROW WHEN (OLD.name = '{name}') "
            "EXECUTE FUNCTION refuse()",
        )
        return
    engine_reads.execute(
        db_path,
        f"CREATE TRIGGER refuse BEFORE UPDATE OF id_number ON person WHEN OLD.name = '{name}' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
    )


def _drop_trigger(db_path: Path | str) -> None:
    engine_reads.execute(db_path, "DROP TRIGGER refuse ON person" if engines.on_server() else "DROP TRIGGER refuse")


def test_setting_a_password_that_fails_half_way_changes_nothing(three, db_path):
    before = stored_ids(db_path)
    _refuse_updates_of(db_path, "张红梅")  # the last in the recycle bin
    with pytest.raises(Exception, match="refused by the test"):
        pw.set_password(SECRET, SECRET)
    assert stored_ids(db_path) == before
    assert not pw.has_password() and meta.get(id_crypto.KEY_ENTRY) is None and not id_crypto.is_encrypted()
    save_person(woman("赵春花", NEW_ID), UNIT)  # still stored in clear
    assert ("赵春花", NEW_ID) in [(r[0], r[1]) for r in stored_ids(db_path)]
    _drop_trigger(db_path)


def test_removing_a_password_that_fails_half_way_changes_nothing(three, db_path):
    protect()
    before = stored_ids(db_path)
    _refuse_updates_of(db_path, "张红梅")
    with pytest.raises(Exception, match="refused by the test"):
        pw.remove_password(SECRET)
    assert stored_ids(db_path) == before and pw.check_password(SECRET) and id_crypto.is_encrypted()
    assert Person.get(Person.name == "王秀英").id_number == ID_A
    _drop_trigger(db_path)
    pw.remove_password(SECRET)
    assert sorted(r[1] for r in stored_ids(db_path)) == sorted(ALL_IDS)


def test_a_read_only_database_cannot_be_protected_and_says_why(three, db_path):
    before = stored_ids(db_path)
    dbmod.close_database()
    dbmod.open_database(db_path, create=False, read_only=True)
    with pytest.raises(Exception) as caught:
        pw.set_password(SECRET, SECRET)
    assert dbmod.storage_message(caught.value) is not None
    dbmod.close_database()
    dbmod.open_database(db_path)
    assert stored_ids(db_path) == before and not pw.has_password() and not id_crypto.is_encrypted()


# --- the migration -----------------------------------------------------------------------------------


def test_step_12_keeps_the_numbers_and_fills_their_lookup_keys(db_path, monkeypatch):
    from models import migrations, server

    if engines.on_server():
        db_path = engines.new_server_database(migrated=False)  # the template is at the latest version
    real_steps = migrations.steps()
    for module in (dbmod, server):
        monkeypatch.setattr(module, "steps", lambda: real_steps[:11])
        monkeypatch.setattr(module, "latest_version", lambda: 11)
    dbmod.open_database(db_path)
    mark = dbmod.database.param
    for n, (name, number) in enumerate((("王秀英", ID_A), ("李桂兰", ID_B.lower()), ("无号", None))):
        dbmod.database.execute_sql(
            "INSERT INTO person (uuid, unit, created_at, updated_at, deleted, name, id_number) "
            f"VALUES ({mark}, {mark}, '2026-01-01', '2026-01-01', {mark}, {mark}, {mark})",
            (f"00000000-0000-4000-8000-00000000000{n}", UNIT, False, name, number),
        )
    dbmod.close_database()
    monkeypatch.undo()
    dbmod.open_database(db_path)
    try:
        rows = {r[0]: r for r in stored_ids(db_path)}
        assert rows["王秀英"][1:] == (ID_A, id_crypto.CLEAR.lookup(ID_A))
        assert rows["李桂兰"][2] == id_crypto.CLEAR.lookup(ID_B)  # x and X are one number
        assert rows["无号"][1:] == (None, None)
        indexes = engine_reads.index_names(db_path)
        assert "person_id_number_key" in indexes and "person_id_number" not in indexes
        assert duplicate_id_owner(ID_A, UNIT).name == "王秀英"
    finally:
        dbmod.close_database()


# --- packages ----------------------------------------------------------------------------------------


def package_people(path: Path) -> list[dict]:
    with zipfile.ZipFile(path) as archive:
        return [json.loads(line) for line in archive.read("data/person.jsonl").decode().splitlines()]


def stored_in_clear(location: Path | str, numbers) -> list[str]:
    """Which of ``numbers`` the database itself holds in clear: a closed file's bytes (its folder holds the
    test's packages, in clear by design), or the server database's files."""
    if engines.on_server():
        return clear_ids_on_disk(location, numbers)
    data = Path(location).read_bytes()
    return [n for n in numbers if n.encode() in data]


def test_a_protected_village_sends_the_same_clear_numbers_and_a_protected_county_keeps_them_encrypted(
    exchange_world, tmp_path
):
    from models import exchange

    from .exchange_helpers import VILLAGE, copy_world, use

    dbs = copy_world(exchange_world, tmp_path)
    use(dbs["village"])
    plain = exchange.export_package(tmp_path / "plain.fulian", id_numbers="full").path
    numbers = {p["uuid"]: p["id_number"] for p in package_people(plain)}
    assert any(numbers.values())
    protect()
    full = exchange.export_package(tmp_path / "full.fulian", id_numbers="full").path
    masked = exchange.export_package(tmp_path / "masked.fulian", id_numbers="masked").path
    assert {p["uuid"]: p["id_number"] for p in package_people(full)} == numbers
    assert all(
        p["id_number"] is None or re.fullmatch(r"\d{6}\*{8}[\dX]{4}", p["id_number"]) for p in package_people(masked)
    )
    assert "enc1:" not in full.read_bytes().decode("latin-1")

    use(dbs["county"])
    protect(OTHER)
    exchange.import_package(full)
    county_db = dbs["county"]
    clear = [n for n in numbers.values() if n]
    if not engines.on_server():  # a server takes no backup of its own before an import
        backups = [p for p in (county_db.parent / "backups").iterdir() if p.name.startswith("county")]
        assert backups and not any(n.encode() in p.read_bytes() for p in backups for n in clear)
    dbmod.close_database()
    assert not stored_in_clear(county_db, clear)
    use(county_db)
    assert pw.unlock(OTHER)
    here = {p.uuid: p.id_number for p in Person.select().where(Person.unit == VILLAGE)}
    assert {u: here[u] for u in numbers} == numbers
    # A later package with the same people changes none of them: they are compared in clear.
    use(dbs["village"])
    assert pw.unlock(SECRET)
    again = exchange.export_package(tmp_path / "again.fulian", id_numbers="full").path
    use(county_db)
    assert pw.unlock(OTHER)
    assert exchange.import_package(again).counts["person"].changed == 0
    # What the import kept to undo itself is encrypted too, and a rollback restores the values.
    kept = engine_reads.rows(county_db, "SELECT previous FROM import_change WHERE table_name = 'person'")
    assert not any(n in (row[0] or "") for row in kept for n in clear)
    imports = exchange.list_imports(VILLAGE)
    exchange.roll_back_import(imports[-1].id)
    assert Person.select().where((Person.unit == VILLAGE) & (Person.deleted == False)).count() == 0
    # Removing the county's password decrypts the numbers and what imports kept, alike.
    pw.remove_password(OTHER)
    stored = [r[0] for r in engine_reads.rows(county_db, "SELECT id_number FROM person WHERE unit = ?", (VILLAGE,))]
    assert sorted(filter(None, stored)) == sorted(clear)


def test_protecting_a_county_after_an_import_encrypts_what_the_import_kept_and_a_rollback_still_works(
    exchange_world, tmp_path
):
    from models import exchange

    from .exchange_helpers import VILLAGE, copy_world, use

    dbs = copy_world(exchange_world, tmp_path)
    use(dbs["village"])
    first = exchange.export_package(tmp_path / "1.fulian", id_numbers="full").path
    numbers = sorted(filter(None, (p["id_number"] for p in package_people(first))))
    changed = Person.get((Person.unit == VILLAGE) & Person.id_number.is_null(False))
    changed.notes = "第二个包改过"
    changed.save()
    second = exchange.export_package(tmp_path / "2.fulian", id_numbers="full").path
    use(dbs["county"])
    exchange.import_package(first)
    exchange.import_package(second)  # keeps the changed person's values before, with her number
    kept_sql = "SELECT previous FROM import_change WHERE previous IS NOT NULL"
    kept = [r[0] for r in engine_reads.rows(dbs["county"], kept_sql)]
    assert any(n in text for text in kept for n in numbers)  # in clear, as without a password
    protect()
    kept = [r[0] for r in engine_reads.rows(dbs["county"], kept_sql)]
    assert kept and not any(n in text for text in kept for n in numbers)
    dbmod.close_database()
    assert not stored_in_clear(dbs["county"], numbers)
    use(dbs["county"])
    assert pw.unlock(SECRET)
    latest = exchange.list_imports(VILLAGE)[0]
    exchange.roll_back_import(latest.id)
    back = Person.get_by_id(changed.uuid)
    assert back.notes == "" and back.id_number == changed.id_number
    assert duplicate_id_owner(changed.id_number, VILLAGE).uuid == changed.uuid
