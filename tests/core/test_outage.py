"""The database out of reach, or its disk full: 503 or 507 (JSON for the API, a page in the reader's language),
never a 500; nothing half-written; the server answers again by itself once the database is back."""

from __future__ import annotations

import asyncio
import io
import json
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
import reference_org
from django.core.management import call_command
from django.db import OperationalError, close_old_connections, connection
from django.db.backends.signals import connection_created
from django.db.backends.utils import CursorWrapper
from django.http import HttpResponse
from django.test import Client, RequestFactory
from serving import served

from accord.core import outage
from accord.ledger import log
from accord.members import queries
from accord.members.models import Person

API = "/api/v1"
DEFAULT_SWITCH_INTERVAL = 0.005  # Python's own
postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL only")
sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite only")


@pytest.fixture
def organization(django_db_reset_sequences: None) -> None:
    """Committed (a request that fails must not take the test's transaction with it), ids from 1 as the
    audit's replay numbers them."""
    reference_org.build()


def secretariat() -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(Person.objects.get(username="secretariat"))
    return client


def add_person(client: Client, username: str) -> Any:
    payload = {"username": username, "full_name": {"ru": "Сотрудник секретариата", "en": "Secretariat officer"},
               "role": "secretariat_officer"}
    return client.post(f"{API}/persons", data=json.dumps(payload), content_type="application/json")


def sound_log() -> None:
    """The log verifies, and the state is its replay: nothing was written half-way."""
    out = io.StringIO()
    call_command("ledger", "verify", "--quiet", stdout=out)
    assert out.getvalue().startswith(f"ok: {log.size()} entries;"), out.getvalue()
    out = io.StringIO()
    try:
        call_command("audit", quiet=True, stdout=out)
    except SystemExit:
        pytest.fail(out.getvalue())
    assert out.getvalue().startswith("ok:"), out.getvalue()


@pytest.fixture
def database_gone(organization: None) -> Iterator[None]:
    """Every query fails as it does while the database is out of reach (its driver's error, wrapped)."""

    def fail(self: CursorWrapper, *args: Any, **kwargs: Any) -> Any:
        raise OperationalError("server closed the connection unexpectedly")

    # Undone before the test database is emptied at the test's end.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", fail)
        patch.setattr(CursorWrapper, "executemany", fail)
        yield


def test_it_answers_the_api_503_json_with_retry_after(organization: None, database_gone: None) -> None:
    response = Client(raise_request_exception=False).get(f"{API}/members")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.json()
    assert "database" in body["detail"]
    assert body["errors"][0]["field"] == "database"


def test_it_answers_a_page_503_in_the_readers_language(organization: None, database_gone: None) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert '<html lang="ru">' in page
    assert "База данных" in page
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The database is out of reach for a moment" in english


def test_an_outage_met_by_an_act_writes_nothing(organization: None, monkeypatch: pytest.MonkeyPatch) -> None:
    client = secretariat()
    before = log.size()

    def fail(self: CursorWrapper, sql: str, *args: Any, **kwargs: Any) -> Any:
        if "ledger_entry" in sql and sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("server closed the connection unexpectedly")
        return original(self, sql, *args, **kwargs)

    original = CursorWrapper.execute
    monkeypatch.setattr(CursorWrapper, "execute", fail)
    response = add_person(client, "s.outage")
    assert response.status_code == 503, response.content
    monkeypatch.undo()
    assert log.size() == before
    assert not Person.objects.filter(username="s.outage").exists()
    sound_log()
    assert add_person(client, "s.outage").status_code == 201


def test_another_fault_stays_a_500(organization: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "members", broken)
    response = Client(raise_request_exception=False).get(f"{API}/members")
    assert response.status_code == 500
    assert response.json()["detail"]


@postgres_only
def test_a_terminated_backend_is_a_503_and_the_next_request_recovers(
    organization: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = Client(raise_request_exception=False)
    original = queries.members

    def terminated(*args: Any, **kwargs: Any) -> Any:
        # The administrator's command, on this request's own backend, as pg_terminate_backend does it to
        # every backend of the server.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return original(*args, **kwargs)

    monkeypatch.setattr(queries, "members", terminated)
    response = client.get(f"{API}/members")
    assert response.status_code == 503, response.content
    assert response["Retry-After"]
    monkeypatch.undo()
    assert client.get(f"{API}/members").status_code == 200


@postgres_only
def test_every_backend_terminated_between_requests_costs_no_request(organization: None) -> None:
    client = secretariat()
    assert client.get(f"{API}/members").status_code == 200
    settings = connection.settings_dict
    with psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432,
                         user=settings["USER"], password=settings["PASSWORD"] or None, dbname="postgres",
                         autocommit=True) as other:
        backends = [row[0] for row in other.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (settings["NAME"],)).fetchall()]
        terminated = [pid for pid in backends
                      if other.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone() == (True,)]
        assert terminated
        # pg_terminate_backend only signals: "between requests" is once the backends have ended (each has
        # sent its client the FATAL error by then).
        for _wait in range(500):
            left = other.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)",
                                 (terminated,)).fetchone()
            if left and left[0] == 0:
                break
            time.sleep(0.01)
    # What the server does as each request starts (Django's test client leaves it out): the connection
    # this thread held goes back to the pool.
    close_old_connections()
    # The pool checks each connection before handing it out: the dead ones are replaced, none fails.
    assert client.get(f"{API}/members").status_code == 200
    assert add_person(client, "s.after").status_code == 201
    sound_log()


# A full disk: SQLite's own SQLITE_FULL, the database limited to the pages it has (PRAGMA max_page_count).


def fill_to_the_brim() -> None:
    """Rows into a table outside the domain until SQLite says SQLITE_FULL, ever smaller, so that no page has
    room left for an act's ledger entry."""
    for size in (2000, 200, 20):
        while True:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO outage_filler (x) VALUES (randomblob(%s))", [size])
            except OperationalError:
                break


@sqlite_only
def test_a_full_disk_refuses_the_act_with_507_and_service_resumes(organization: None) -> None:
    full = {"on": True}

    def limit(sender: Any, connection: Any, **kwargs: Any) -> None:
        if full["on"]:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA max_page_count = 1")  # SQLite keeps it at the pages it has

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE outage_filler (x BLOB)")
    connection_created.connect(limit)
    try:
        connection.close()
        client = secretariat()  # its session is stored before the disk fills
        before = log.size()
        fill_to_the_brim()
        response = add_person(client, "s.full")
        assert response.status_code == 507, response.content
        assert "disk is full" in response.json()["detail"]
        assert response["Retry-After"]
        full["on"] = False
        connection.close()
        assert log.size() == before
        assert not Person.objects.filter(username="s.full").exists()
        sound_log()
        assert add_person(client, "s.full").status_code == 201
    finally:
        connection_created.disconnect(limit)
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE outage_filler")
    sound_log()


def test_a_full_disk_is_a_readable_page_in_the_readers_language() -> None:
    page = outage.response(RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="ru"), outage.FULL)
    assert page.status_code == 507
    assert page["Retry-After"]
    assert "Хранилище сервера заполнено" in page.content.decode()


def test_sqlite_full_is_told_from_other_operational_errors() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = outage.SQLITE_FULL
    wrapped = OperationalError("database or disk is full")
    wrapped.__cause__ = full
    assert outage.status_of(wrapped) == 507
    extended = sqlite3.OperationalError("database or disk is full")
    extended.sqlite_errorcode = outage.SQLITE_FULL | (1 << 8)
    assert outage.status_of(OperationalError("full")) == 503
    wrapped.__cause__ = extended
    assert outage.status_of(wrapped) == 507
    assert outage.status_of(OperationalError("database is locked")) == 503
    assert outage.status_of(ValueError("no")) is None


def test_an_io_error_is_a_full_disk_only_when_the_disk_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a full disk SQLite in WAL mode says SQLITE_IOERR_SHMSIZE (found by reliability/check_disk.py, on a
    tmpfs that filled up): the free space beside the database tells the two apart."""
    shm = sqlite3.OperationalError("disk I/O error")
    shm.sqlite_errorcode = 4874  # SQLITE_IOERR_SHMSIZE
    wrapped = OperationalError("disk I/O error")
    wrapped.__cause__ = shm
    usage = shutil.disk_usage("/")
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage._replace(free=4096))
    assert outage.status_of(wrapped) == 507
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage._replace(free=10 * 1024**3))
    assert outage.status_of(wrapped) == 503


def test_a_request_past_the_bound_in_flight_is_answered_503_at_once(settings: Any) -> None:
    """One server process under more load than it keeps up with: the excess is told to come back (503,
    Retry-After) instead of waiting until its client gives up (reliability/check_load.py)."""
    settings.MAX_REQUESTS_IN_FLIGHT = 1
    factory = RequestFactory()
    inner: list[Any] = []

    def view(request: Any) -> Any:
        # While this request is answered, a second one arrives.
        inner.append(shed(factory.get(f"{API}/members", HTTP_ACCEPT_LANGUAGE="ru")))
        inner.append(shed(factory.get("/", HTTP_ACCEPT_LANGUAGE="ru")))
        return HttpResponse("answered")

    shed = outage.ShedExcessRequests(view)
    assert shed(factory.get("/")).content == b"answered"
    api, page = inner
    assert api.status_code == page.status_code == 503
    assert api["Retry-After"] == page["Retry-After"] == "5"
    assert json.loads(api.content)["errors"][0]["field"] == "server"
    assert '<html lang="ru">' in page.content.decode()
    assert "Сервер перегружен" in page.content.decode()
    # Once the first is answered, the next request is served.
    assert shed.in_flight == 0
    assert shed(factory.get("/")).content == b"answered"


def _until(condition: Any) -> None:
    # A wait for the other thread to get somewhere, not a figure of time asserted (a minute is never reached).
    for _ in range(6000):
        if condition():
            return
        threading.Event().wait(0.01)
    raise AssertionError("the other request never got there")


def test_at_most_the_bound_of_requests_run_at_once_and_the_others_wait_their_turn(settings: Any) -> None:
    """Every request in hand used to run at once, each on its own thread sharing one interpreter: an act held
    SQLite's write lock through everyone's turns (reliability/check_load.py, 6 December 2026). Now the
    excess waits for a turn instead, and is answered once one is free, not refused."""
    settings.MAX_REQUESTS_RUNNING = 1
    settings.MAX_REQUESTS_IN_FLIGHT = 10
    settings.REQUEST_WAIT_SECONDS = 600
    holding, running, most = threading.Event(), [0], [0]
    started: list[str] = []

    def view(request: Any) -> Any:
        running[0] += 1
        most[0] = max(most[0], running[0])
        started.append(request.path)
        if request.path == "/":
            holding.wait(600)
        running[0] -= 1
        return HttpResponse("answered")

    shed = outage.ShedExcessRequests(view)
    answers: list[Any] = []
    first = threading.Thread(target=lambda: answers.append(shed(RequestFactory().get("/"))))
    first.start()
    _until(lambda: started == ["/"])
    second = threading.Thread(target=lambda: answers.append(shed(RequestFactory().get(f"{API}/members"))))
    second.start()
    _until(lambda: shed.in_flight == 2)
    assert started == ["/"]  # the second waits for its turn
    holding.set()
    first.join()
    second.join()
    assert [answer.status_code for answer in answers] == [200, 200]
    assert started == ["/", f"{API}/members"]
    assert most[0] == 1
    assert shed.in_flight == 0


def test_a_request_that_gets_no_turn_in_time_is_answered_503(settings: Any) -> None:
    settings.MAX_REQUESTS_RUNNING = 1
    settings.MAX_REQUESTS_IN_FLIGHT = 10
    settings.REQUEST_WAIT_SECONDS = 0
    inner: list[Any] = []
    factory = RequestFactory()

    def view(request: Any) -> Any:
        # While this one runs, another arrives, on a thread of its own: no turn for it.
        waiting = threading.Thread(target=lambda: inner.append(shed(factory.get(f"{API}/members"))))
        waiting.start()
        waiting.join()
        return HttpResponse("answered")

    shed = outage.ShedExcessRequests(view)
    assert shed(factory.get("/")).content == b"answered"
    assert inner[0].status_code == 503
    assert json.loads(inner[0].content)["errors"][0]["field"] == "server"
    assert inner[0]["Retry-After"] == "5"
    assert shed.in_flight == 0
    # The turn was given back: the next request runs.
    assert shed(factory.get("/")).content == b"answered"


def test_the_event_loop_waits_for_a_turn_too(settings: Any) -> None:
    settings.MAX_REQUESTS_RUNNING = 1
    settings.MAX_REQUESTS_IN_FLIGHT = 10
    settings.REQUEST_WAIT_SECONDS = 600
    order: list[str] = []

    async def view(request: Any) -> Any:
        order.append(f"start {request.path}")
        await asyncio.sleep(0)
        order.append(f"end {request.path}")
        return HttpResponse("answered")

    shed = outage.ShedExcessRequests(view)

    async def both() -> tuple[Any, Any]:
        return await asyncio.gather(shed(RequestFactory().get("/a")), shed(RequestFactory().get("/b")))

    answers = asyncio.run(both())
    assert [answer.status_code for answer in answers] == [200, 200]
    assert order in (["start /a", "end /a", "start /b", "end /b"], ["start /b", "end /b", "start /a", "end /a"])
    assert shed.in_flight == 0


def test_the_bound_counts_the_requests_of_the_event_loop_too(settings: Any) -> None:
    settings.MAX_REQUESTS_IN_FLIGHT = 1
    factory = RequestFactory()
    inner: list[Any] = []

    async def view(request: Any) -> Any:
        inner.append(await shed(factory.get(f"{API}/members")))
        return HttpResponse("answered")

    shed = outage.ShedExcessRequests(view)
    assert asyncio.run(shed(factory.get("/"))).content == b"answered"
    assert inner[0].status_code == 503
    assert shed.in_flight == 0


def test_it_is_the_first_middleware() -> None:
    from django.conf import settings

    assert settings.MIDDLEWARE[0] == "accord.core.outage.ShedExcessRequests"


def test_the_live_stream_is_not_counted(settings: Any) -> None:
    """After a restart every console reconnects at once: counted, they had people's requests answered 503
    (reliability/check_crash.py). The stream is bounded by its own shared pool of threads."""
    settings.MAX_REQUESTS_IN_FLIGHT = 0
    factory = RequestFactory()

    async def view(request: Any) -> Any:
        return HttpResponse("streaming")

    assert outage.ShedExcessRequests(lambda request: HttpResponse("streaming"))(
        factory.get(outage.LIVE_STREAM)).content == b"streaming"
    shed = outage.ShedExcessRequests(view)
    assert asyncio.run(shed(factory.get(outage.LIVE_STREAM))).content == b"streaming"
    assert asyncio.run(shed(factory.get("/"))).status_code == 503


def test_the_live_stream_path_is_the_events_endpoint() -> None:
    from django.urls import resolve

    assert resolve(outage.LIVE_STREAM).route == "api/v1/events"


def test_a_server_process_gives_the_interpreter_back_sooner_than_python_does(db: None) -> None:
    """With Python's 5 ms, a request's SQLite query waited at each step for a busy thread's interval to end:
    a query of 0.1 ms took 7 ms beside eight busy threads (bench/switching.py), and an act held SQLite's write
    lock for 73 ms for 11 ms of its own work under load (reliability/check_load.py, 6 December 2026)."""
    from django.conf import settings

    with served():
        assert sys.getswitchinterval() == settings.SWITCH_INTERVAL < DEFAULT_SWITCH_INTERVAL
