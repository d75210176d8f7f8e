"""Several clerks on one server at once: imports side by side, the same package twice, a reader during an
import, a connection lost in the middle of one.

Each clerk is a thread with its own connection to the server (peewee gives
each thread its own), as two PCs of an office would be. Every wait is bounded:
a test that would hang fails instead.
"""

from __future__ import annotations

import json
import threading
import time
import zipfile

import psycopg
import pytest

from models import clerk, exchange, units
from models import db as dbmod
from models.base import database
from models.exchange import ImportLog
from models.exchange.importer import source_lock
from models.exchange.tables import table_specs
from models.exchange.verify import peek_manifest
from models.homes import Activity
from tests import engines

from .exchange_helpers import (
    COUNTY,
    COUNTY_NAME,
    VILLAGE,
    VILLAGE2,
    VILLAGE2_NAME,
    VILLAGE_NAME,
    make_installation,
    use,
)

pytestmark = pytest.mark.server_only

WAIT = 60  # seconds any step of these tests waits at most


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """The first packages of two demo villages (SQLite files), and a larger one of the first (three years)."""
    folder = tmp_path_factory.mktemp("concurrent")
    found = {}
    for key, code, name, seed in (("village", VILLAGE, VILLAGE_NAME, 1), ("village2", VILLAGE2, VILLAGE2_NAME, 2)):
        use(make_installation(folder / f"{key}.sqlite3", code, name, seed=seed))
        found[key] = exchange.export_package(folder / f"{key}.fulian").path
    # The first village's next package: one activity renamed since the first.
    use(folder / "village.sqlite3")
    time.sleep(1.1)  # records are stamped to the second: the rename is a later version than the first package's
    # One whose title travels (some kinds of activity go up without their title).
    with zipfile.ZipFile(found["village"]) as archive:
        sent = [json.loads(line) for line in archive.read("data/activity.jsonl").decode().splitlines()]
    activity = Activity.get_by_id(min(row["uuid"] for row in sent if row["title"]))
    activity.title = LATER_TITLE
    activity.save()
    found["village_later"] = exchange.export_package(folder / "village-later.fulian").path
    found["renamed"] = activity.uuid
    dbmod.close_database()
    return found


LATER_TITLE = "后来改过的活动名称"


@pytest.fixture
def county(tmp_path):
    """A county on the server, open in the test's thread; its URL."""
    url = engines.new_server_database()
    dbmod.open_database(url)
    units.set_own_unit(COUNTY, COUNTY_NAME)
    yield url
    dbmod.close_database()
    clerk.choose(None)


def in_thread(work, *args):
    """Run ``work`` in a thread of its own (its own connection); a handle whose ``result()`` waits for it."""
    box: dict = {}

    def run():
        try:
            box["value"] = work(*args)
        except BaseException as exc:  # handed to the test's thread
            box["error"] = exc
        finally:
            if not database.is_closed():
                database.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    class Handle:
        @staticmethod
        def result():
            thread.join(WAIT)
            assert not thread.is_alive(), "a clerk's import did not finish in time"
            if "error" in box:
                raise box["error"]
            return box["value"]

    return Handle


def counts() -> tuple[int, ...]:
    """Every travelling table's row count, read in one statement (one moment of the database)."""
    parts = ", ".join(f'(SELECT count(*) FROM "{spec.name}")' for spec in table_specs())
    return tuple(database.execute_sql(f"SELECT {parts}").fetchone())


def package_logs(package_id: str) -> int:
    return ImportLog.select().where((ImportLog.package_id == package_id) & (ImportLog.deleted == False)).count()


def admin() -> psycopg.Connection:
    return psycopg.connect(engines.admin_url(), autocommit=True)


def wait_for_lock_waiters(count: int, never: str) -> None:
    """Until at least ``count`` connections wait for an advisory lock; fails with ``never`` after WAIT."""
    waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    with admin() as watcher:
        deadline = time.monotonic() + WAIT
        while watcher.execute(waiting).fetchone()[0] < count:
            assert time.monotonic() < deadline, never
            time.sleep(0.05)


def test_two_villages_imported_side_by_side_both_land(county, packages):
    second_done = threading.Event()
    waited = []

    def first_progress(done, total):
        # The first import holds its transaction open until the second has finished and committed:
        # neither waits for the other.
        if not waited:
            waited.append(second_done.wait(WAIT))

    def second():
        clerk.choose("赵丽")
        try:
            return exchange.import_package(packages["village2"], backup=False)
        finally:
            second_done.set()

    first = in_thread(exchange.import_package, packages["village"], False, first_progress, None, False)
    time.sleep(0.5)
    other = in_thread(second)
    results = [first.result(), other.result()]
    assert waited == [True], "the second import waited for the first one's transaction"
    assert [r.status for r in results] == [exchange.IMPORTED, exchange.IMPORTED]
    for code, result in zip((VILLAGE, VILLAGE2), results, strict=True):
        assert Activity.live().where(Activity.unit == code).count() == result.counts["activity"].added > 0
    assert package_logs(results[0].package_id) == package_logs(results[1].package_id) == 1


def test_the_same_package_twice_at_once_makes_one_import(county, packages):
    # Sequentially, a second import says "already imported": at the same moment it must say the same.
    path = packages["village"]
    before = counts()
    manifest = peek_manifest(path)
    held, release = threading.Event(), threading.Event()

    def hold_the_package():
        # A third clerk holds the package's lock so that both imports get past every check before either writes.
        with database.atomic():
            dbmod.lock_in_transaction(source_lock(manifest.source_code))
            held.set()
            assert release.wait(WAIT)

    holder = in_thread(hold_the_package)
    assert held.wait(WAIT)
    start = threading.Barrier(2, timeout=WAIT)

    def clerk_imports(name):
        clerk.choose(name)
        start.wait()
        return exchange.import_package(path, backup=False)

    both = [in_thread(clerk_imports, name) for name in ("王芳", "赵丽")]
    wait_for_lock_waiters(2, "the two imports never both waited for the package")
    release.set()
    holder.result()
    results = [handle.result() for handle in both]
    statuses = sorted(r.status for r in results)
    assert statuses == sorted([exchange.IMPORTED, exchange.ALREADY_IMPORTED])
    assert package_logs(manifest.package_id) == 1
    after = counts()
    # The same as one import alone: a sequential second import changes nothing more.
    assert exchange.import_package(path, backup=False).status == exchange.ALREADY_IMPORTED
    assert counts() == after != before
    winner = next(r for r in results if r.status == exchange.IMPORTED)
    assert Activity.live().where(Activity.unit == VILLAGE).count() == winner.counts["activity"].added


def test_a_clerk_reading_during_an_import_sees_before_or_after_never_half(county, packages):
    before = counts()
    writing = threading.Event()
    read_during = threading.Event()
    seen: list[tuple[int, ...]] = []
    stop = threading.Event()

    def progress(done, total):
        if done == 1:  # the first table is written, the transaction still open
            writing.set()
        if done == total // 2:  # halfway: let the reader look before going on
            assert read_during.wait(WAIT)

    def reader():
        assert writing.wait(WAIT)
        while not stop.is_set():
            seen.append(counts())
            if len(seen) >= 5:
                read_during.set()
            time.sleep(0.01)

    reading = in_thread(reader)
    importing = in_thread(exchange.import_package, packages["village"], False, progress, None, False)
    result = importing.result()
    stop.set()
    reading.result()
    after = counts()
    assert result.status == exchange.IMPORTED and after != before
    assert len(seen) >= 5
    assert set(seen) <= {before, after}, "a reader saw part of an import"
    assert seen[0] == before


def test_a_connection_lost_mid_import_leaves_nothing_and_the_next_try_succeeds(county, packages):
    path = packages["village"]
    before = counts()
    ended = []

    def progress(done, total):
        if done == 2 and not ended:
            pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
            with admin() as other:
                ended.append(other.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0])

    with pytest.raises(Exception) as raised:
        exchange.import_package(path, backup=False, progress=progress)
    assert ended == [True]
    assert dbmod.storage_fault(raised.value) == dbmod.SERVER_LOST
    assert dbmod.storage_message(raised.value) == dbmod.fault_text(dbmod.SERVER_LOST, county)
    # Nothing of the package stands (read through a new connection, which the program opens by itself).
    assert counts() == before
    assert ImportLog.select().count() == 0
    # The next try in the same program succeeds.
    again = exchange.import_package(path, backup=False)
    assert again.status == exchange.IMPORTED
    assert counts() != before and package_logs(again.package_id) == 1


def test_two_packages_of_one_village_at_once_never_put_older_records_over_newer(county, packages):
    # Both are planned against what the county held before either; the one written second must not write
    # that plan over the first one's records: it is refused, whole, and importing it again decides anew.
    first, later = packages["village"], packages["village_later"]
    manifest = peek_manifest(first)
    held, release = threading.Event(), threading.Event()

    def hold_the_village():
        with database.atomic():
            dbmod.lock_in_transaction(source_lock(manifest.source_code))
            held.set()
            assert release.wait(WAIT)

    holder = in_thread(hold_the_village)
    assert held.wait(WAIT)

    def clerk_imports(path):
        try:
            return exchange.import_package(path, backup=False)
        except exchange.PackageError as exc:
            return exc

    def started(path, waiters):
        # Each clerk plans, then waits for the village: the first queued is the first to write.
        handle = in_thread(clerk_imports, path)
        wait_for_lock_waiters(waiters, "an import never waited for the village")
        return handle

    both = [started(first, 1), started(later, 2)]
    release.set()
    holder.result()
    outcomes = [handle.result() for handle in both]
    assert not isinstance(outcomes[0], Exception) and outcomes[0].status == exchange.IMPORTED
    assert isinstance(outcomes[1], exchange.PackageError) and "另一位工作人员" in str(outcomes[1])
    assert ImportLog.select().where(ImportLog.deleted == False).count() == 1
    assert Activity.get_by_id(packages["renamed"]).title != LATER_TITLE
    # Imported again, the later package is decided against what the county holds now, and applies.
    assert exchange.import_package(later, backup=False).status == exchange.IMPORTED
    held = Activity.get_by_id(packages["renamed"])
    assert held.title == LATER_TITLE, held.__data__


def test_the_start_up_password_waits_until_the_other_clerks_have_closed_the_program(county):
    from models import password, people

    from .test_id_crypto import ID_A

    people.save_person(people.PersonInput(name="王芳", id_number=ID_A), COUNTY)
    with psycopg.connect(county) as other_clerk:  # another clerk's program on the same database
        other_clerk.execute("SELECT 1")
        with pytest.raises(dbmod.StorageError) as refused:
            password.set_password("正确的密码123", "正确的密码123")
        assert refused.value.kind == dbmod.LOCKED and "1" in str(refused.value)
        assert not password.has_password()
    # Once the other program is closed, the numbers are encrypted for everyone.
    password.set_password("正确的密码123", "正确的密码123")
    assert password.has_password()
    stored = database.execute_sql("SELECT id_number FROM person WHERE name = %s", ("王芳",)).fetchone()[0]
    assert stored != ID_A
