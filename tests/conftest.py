"""Settings every test shares: Argon2 still hashes the passwords, with small, fast parameters; each run
has a test database of its own; Hypothesis examples have no time limit."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

# Timing has no place in a test: on a busy machine an example that takes longer than Hypothesis's
# default 200 ms deadline is not wrong, so no example has a deadline (a test's own @settings still may
# change its number of examples). HYPOTHESIS_PROFILE picks another registered profile.
hypothesis_settings.register_profile("accord", deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "accord"))


def pytest_configure(config: pytest.Config) -> None:
    settings.PASSWORD_HASHERS = ["fast_hashing.FastArgon2PasswordHasher"]
    # No thread of its own submitting checkpoints behind a test's back: the witness tests submit
    # through `witnessing.submit_latest`, as the background worker does.
    settings.WITNESS_SUBMISSION = "manual"
    # Tests serve the app (browser tests) under the demo's default log origin, as `make run` does.
    settings.DEMO = True
    # What the code writes under VAR_DIR as it runs (the demo's persons' key files, accord.demo.loader)
    # goes to a folder of this run's own, removed when it ends: two runs at once in one checkout would
    # otherwise replace each other's demo keys under var/demo-keys, and sign with the other run's keys.
    settings.VAR_DIR = Path(tempfile.mkdtemp(prefix=f"accord-test-var-{os.getpid()}-"))
    # The demo, and the search index built again over it, made once per process and given again after
    # (remembered_effects): seconds each, and dozens of tests start from them.
    # The audit's scratch database likewise copied from one migrated once per process (scratch_schema).
    import scratch_schema
    from remembered_effects import remember

    from accord.core import audit
    from accord.demo import loader
    from accord.search import indexing

    loader.load_demo = remember(loader.load_demo, folder=loader.keys_dir)
    indexing.reindex = remember(indexing.reindex)
    scratch_schema.FOLDER.append(Path(settings.VAR_DIR))
    audit.scratch_database = scratch_schema.templated(audit.scratch_database)


def pytest_unconfigure(config: pytest.Config) -> None:
    import scratch_schema

    scratch_schema.drop_templates()
    if Path(settings.VAR_DIR).name.startswith(f"accord-test-var-{os.getpid()}-"):
        shutil.rmtree(settings.VAR_DIR, ignore_errors=True)


def _is_transactional(item: pytest.Item) -> bool:
    """Whether pytest-django runs `item` as a TransactionTestCase: committed for real, then flushed."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
                               or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After a transactional test's flush, each table's ids start again after the highest it holds.

    The flush empties the tables but leaves their sequences where the test left them. pytest-django runs
    the transactional tests after the others, so that in one process no later test sees ids that do not
    start at 1; with the suite spread over several processes (pytest-xdist) a worker runs them in the
    order they come. A test that compares the served database with the log's replay (which starts from
    id 1) would then find every row's id changed."""
    result = yield
    # After the last test the test database is gone (its session fixtures end with the last teardown).
    if nextitem is not None and _is_transactional(item):
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import connection

        with item.config.stash[blocking_manager_key].unblock(), connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # Without its row in sqlite_sequence, a table's next id follows the highest it holds.
                cursor.execute("DELETE FROM sqlite_sequence")
            else:
                models = apps.get_models(include_auto_created=True)
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
    return result


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> Iterator[None]:
    """Each run its own test database, so two runs in one checkout never share one.

    SQLite: a file in a directory of this run's own, removed with everything in it (the WAL and its
    shared memory too) when the run ends. PostgreSQL: `test_<name>_<pid>`, which Django drops when the
    run ends (unless --reuse-db keeps it).
    """
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith(".sqlite3"):
        directory = Path(tempfile.mkdtemp(prefix="accord-test-db-"))
        database.setdefault("TEST", {})["NAME"] = str(directory / "test.sqlite3")
        try:
            yield
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        return
    test_name = database.get("TEST", {}).get("NAME") or f"test_{database['NAME']}"
    database.setdefault("TEST", {})["NAME"] = f"{test_name}_{os.getpid()}"
    yield


@pytest.fixture(scope="session", autouse=True)
def _live_listener_stops_before_the_test_database_goes(django_db_setup: None) -> Iterator[None]:
    """On PostgreSQL the live-event listener holds a connection, which would keep the test database."""
    yield
    from accord.core.events import broker

    broker.stop()


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language() -> Iterator[None]:
    """A request in Russian leaves Russian active in its thread; the next test must not inherit it."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _answers_are_rendered() -> Iterator[None]:
    """No answer kept (accord.core.conditional.kept): a test counts what a page's render costs, and may change
    settings or rows behind the actions' back, which the answers kept under the same log would not show. The
    tests of the kept answers, and the browser tests (a person's whole flow, as served), keep them: `keeping`."""
    from accord.core import conditional

    budget = conditional.kept.budget
    conditional.kept.clear()
    conditional.kept.budget = 0
    yield
    conditional.kept.clear()
    conditional.kept.budget = budget


@pytest.fixture(autouse=True)
def _persons_read_afresh() -> Iterator[None]:
    """No person kept from another test (accord.members.backends.persons): two tests' logs may be at the same
    version with other rows behind it."""
    from accord.members.backends import persons

    persons.clear()
    yield
    persons.clear()


@pytest.fixture
def keeping(_answers_are_rendered: None) -> None:
    """Answers kept as a server keeps them (settings.ANSWER_CACHE_BYTES)."""
    from accord.core import conditional

    conditional.kept.budget = settings.ANSWER_CACHE_BYTES


@pytest.fixture(autouse=True)
def _each_test_proves_from_its_own_log() -> None:
    """Proofs keep the upper nodes of signed trees in memory, found through the signed root: a test's log
    is new, and an earlier test's tree of the same size would cost a proof a second query to find out."""
    from accord.ledger import log

    log.forget_kept_nodes()


@pytest.fixture
def migrations_restored() -> Iterator[None]:
    """After a test that migrates the database back and forth, every app at its latest migration again, as
    every later test (and a live server on the same database) expects, whatever the test left."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from accord.ledger.guard import acting

    with acting("test: the database back at its latest migrations"):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
