"""Shared fixtures: every test runs offscreen, in Chinese, on a real temporary SQLite file."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Fonts are unpacked into the user's cache folder (forms/font_files.py): the
# tests, and the programs they start, use one of their own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="fulian-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest

from models import db as dbmod
from models import (
    i18n,
    units,
)
from tests import engines

# Copies of ../shared/samples (input files as users really have them), kept with
# the tests so that a clone runs its tests on its own.
SAMPLES = ROOT / "tests" / "data" / "samples"
VILLAGE_CODE = "430121100201"
VILLAGE_NAME = "石门村"


def pytest_addoption(parser):
    parser.addoption(
        "--engine",
        choices=(engines.SQLITE, engines.POSTGRESQL),
        default=engines.SQLITE,
        help="the database engine the tests run on (postgresql: see tests/engines.py)",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only: tests what only a SQLite file has (its -wal, file backups); skipped on the server"
    )
    config.addinivalue_line(
        "markers", "server_only: tests what only a database server has (pg_dump, several clerks); needs --engine"
    )
    engines.engine = config.getoption("--engine")


def pytest_collection_modifyitems(config, items):
    if engines.on_server():
        marker, reason = "sqlite_only", "a SQLite file's behaviour: not on the server engine"
    else:
        marker, reason = "server_only", "a database server's behaviour: run with --engine=postgresql"
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if marker in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    if engines.on_server():
        dbmod.close_database()
        engines.drop_made()
        engines.drop_template()
        # A server URL taken for a file path (Path folds its "//") writes into a folder named after it.
        stray = Path("postgresql:")
        if stray.exists():
            print(f"\nA server URL was used as a file path: files were written under {stray.resolve()}")
            session.exitstatus = 1


@pytest.fixture(scope="module", autouse=True)
def server_databases_of_the_module_dropped():
    """On the server engine, the databases a module's fixtures made (a world of installations) are dropped
    after its last test, not kept to the end of the run."""
    yield from _drop_what_was_made()


@pytest.fixture(autouse=True)
def server_databases_dropped():
    """On the server engine, the databases a test made are dropped after it (module fixtures' after the module)."""
    yield from _drop_what_was_made()


def _drop_what_was_made():
    """The body of both fixtures above: the databases made while it was suspended are dropped when it resumes."""
    if not engines.on_server():
        yield
        return
    before = engines.made_count()
    yield
    dbmod.close_database()
    engines.drop_made(keep=before)


@pytest.fixture(autouse=True)
def chinese_interface():
    """The default language, restored after each test that changes it."""
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("zh_CN")


@pytest.fixture
def db_path(tmp_path) -> Path | str:
    """Where the test's database is: a file, or on the server engine a new database's URL."""
    return engines.new_location(tmp_path, "fulian.sqlite3")


@pytest.fixture
def database(db_path):
    """An open, migrated database whose own unit is a village."""
    db = dbmod.open_database(db_path)
    units.set_own_unit(VILLAGE_CODE, VILLAGE_NAME)
    yield db
    dbmod.close_database()


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the sample files are missing: {SAMPLES}")
    return SAMPLES


@pytest.fixture(scope="module")
def exchange_world(tmp_path_factory):
    """Two villages and their county, each an installation of its own, made once per test module (tests copy them)."""
    from tests.models.exchange_helpers import make_world

    yield make_world(tmp_path_factory.mktemp("world"))
    dbmod.close_database()
